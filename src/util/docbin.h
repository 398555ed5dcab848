/*
 * A parsed document (util/doc.h) in a compact binary form: a cache of the
 * parse, so that a playbook stored in the database is read back without
 * running the YAML reader again (libyaml is most of the cost of loading one).
 * The encoding keeps every node, string, position and plain flag, so the
 * builders see exactly the tree the reader made.
 */
#ifndef YINGJI_UTIL_DOCBIN_H
#define YINGJI_UTIL_DOCBIN_H

#include <stddef.h>

#include "util/doc.h"

struct strbuf;

/* The version of the encoding; stored beside it, so an old one is ignored. */
enum { DOCBIN_VERSION = 1 };

/* Append the encoding of d to out (binary: use out's length, not its string). */
void docbin_encode(const struct doc *d, struct strbuf *out);
/* The document encoded in buf[0..len), named `name`; NULL when buf is not one. */
struct doc *docbin_decode(const void *buf, size_t len, const char *name);

#endif
