/* Load a playbook: read the YAML, build and check the model. */
#ifndef YINGJI_IO_PLAYBOOK_LOAD_H
#define YINGJI_IO_PLAYBOOK_LOAD_H

#include <stddef.h>

#include "core/playbook.h"
#include "util/status.h"

/*
 * Load and check the playbook at `path`.  On YJ_OK *out is a new playbook (free
 * with playbook_free); otherwise *out is NULL and `diags` says why: YJ_ERR_NOINPUT
 * (cannot open), YJ_ERR_IO, YJ_ERR_TOO_BIG or YJ_ERR_DATA (invalid).  Warnings
 * may be added either way.  When `text` is not NULL it receives the file's bytes
 * (caller frees; NUL-terminated) and *len their length, so that the exact text
 * can be stored and hashed.
 */
enum yj_status playbook_load(const char *path, struct playbook **out, struct diag_list *diags);
enum yj_status playbook_load_text(const char *path, struct playbook **out, char **text,
				  size_t *len, struct diag_list *diags);
/* The same from bytes in memory; `name` is used in diagnostics. */
enum yj_status playbook_load_bytes(const char *name, const char *buf, size_t len,
				   struct playbook **out, struct diag_list *diags);

#endif
