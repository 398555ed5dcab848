/*
 * Read a YAML file into a util/doc tree, defending against hostile input.
 * This is the only file that includes yaml.h.
 *
 * libyaml (0.2.5 in Debian 12) has no nesting limit and expands nothing itself, but
 * a tree built from aliases can explode; so the reader refuses anchors, aliases and
 * tags outright, caps the file size, the nesting depth and the number of nodes, and
 * reads only UTF-8.
 */
#ifndef YINGJI_IO_YAML_DOC_H
#define YINGJI_IO_YAML_DOC_H

#include <stddef.h>

#include "util/doc.h"
#include "util/status.h"

enum {
	YAML_DOC_MAX_BYTES = 1024 * 1024,
	YAML_DOC_MAX_DEPTH = 32,
	YAML_DOC_MAX_NODES = 200000,
};

/*
 * Parse `len` bytes at `buf`; `name` is the file name used in diagnostics.
 * On YJ_OK, *out is a new document (free with doc_free), and its root is NULL
 * when the input holds no document.  Otherwise *out is NULL, YJ_ERR_DATA or
 * YJ_ERR_TOO_BIG is returned and every problem found is added to `diags`.
 */
enum yj_status yaml_doc_parse(const char *buf, size_t len, const char *name, struct doc **out,
			      struct diag_list *diags);

/*
 * Read and parse the file at `path` (at most YAML_DOC_MAX_BYTES).  Returns
 * YJ_ERR_NOINPUT when it cannot be opened or is not a regular file, YJ_ERR_IO
 * on a read error, and otherwise as yaml_doc_parse().  A diagnostic is always
 * added on failure.
 */
enum yj_status yaml_doc_load_file(const char *path, struct doc **out, struct diag_list *diags);

#endif
