/* Reading whole files, with a size cap. */
#ifndef YINGJI_UTIL_FILEIO_H
#define YINGJI_UTIL_FILEIO_H

#include <stddef.h>

#include "util/status.h"

/*
 * Read the file at `path` into a fresh NUL-terminated buffer (caller frees).
 * YJ_ERR_NOINPUT when it cannot be opened or is a directory, YJ_ERR_TOO_BIG
 * when larger than `max` bytes, YJ_ERR_IO on a read error; `diags` gets the
 * reason ("cannot open: No such file or directory").
 */
enum yj_status file_read_all(const char *path, size_t max, char **buf, size_t *len,
			     struct diag_list *diags);

#endif
