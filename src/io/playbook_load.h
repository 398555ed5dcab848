/* Load a playbook file: read the YAML, build and check the model. */
#ifndef YINGJI_IO_PLAYBOOK_LOAD_H
#define YINGJI_IO_PLAYBOOK_LOAD_H

#include "core/playbook.h"
#include "util/status.h"

/*
 * Load and check the playbook at `path`.  On YJ_OK *out is a new playbook (free
 * with playbook_free); otherwise *out is NULL and `diags` says why: YJ_ERR_NOINPUT
 * (cannot open), YJ_ERR_IO, YJ_ERR_TOO_BIG or YJ_ERR_DATA (invalid).  Warnings
 * may be added either way.
 */
enum yj_status playbook_load(const char *path, struct playbook **out, struct diag_list *diags);

#endif
