/* Reading whole files, with a size cap; writing a private one. */
#ifndef YINGJI_UTIL_FILEIO_H
#define YINGJI_UTIL_FILEIO_H

#include <stdbool.h>
#include <stddef.h>

#include "util/status.h"

struct strbuf;

/*
 * Read the file at `path` into a fresh NUL-terminated buffer (caller frees).
 * YJ_ERR_NOINPUT when it cannot be opened or is a directory, YJ_ERR_TOO_BIG
 * when larger than `max` bytes, YJ_ERR_IO on a read error; `diags` gets the
 * reason ("cannot open: No such file or directory").
 */
enum yj_status file_read_all(const char *path, size_t max, char **buf, size_t *len,
			     struct diag_list *diags);

/*
 * Write `text` to the file at `path`, created (or truncated) with mode 0600:
 * reports and scores carry incident details, private to their owner like the
 * database.  False with "PATH: reason" in `why` when it cannot be written.
 */
bool file_write_private(const char *path, const char *text, struct strbuf *why);

#endif
