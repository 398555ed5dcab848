/*
 * What the reports of export.c share with the bulletin (core/bulletin.c), so
 * that both escape text and pin the journal head the same way.
 */
#ifndef YINGJI_CORE_EXPORT_IMPL_H
#define YINGJI_CORE_EXPORT_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/incident.h"

struct strbuf;

/* Text from users and files, made safe; `md` also escapes Markdown. */
void report_clean(struct strbuf *out, const char *s, bool md);
/* "SEQ:HASH" of the last entry folded. */
void report_head_pin(const struct incident *st, char *buf, size_t n);

#endif
