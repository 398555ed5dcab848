/* The human-readable summary of a playbook printed by `yingji playbook show`. */
#ifndef YINGJI_CORE_PLAYBOOK_SHOW_H
#define YINGJI_CORE_PLAYBOOK_SHOW_H

#include "core/playbook.h"

struct strbuf;

/* Append the summary to `out`; text from the file has control characters made visible. */
void playbook_show(const struct playbook *pb, struct strbuf *out);

#endif
