/*
 * JSON text <-> util/value trees: decoding and the pretty form through
 * jansson, the compact form written directly (the bytes jansson writes).
 * Encoding is canonical:
 * object keys sorted, no insignificant whitespace in compact mode, UTF-8 kept
 * as is, so equal values always encode to the same bytes (the journal hashes it).
 */
#ifndef YINGJI_IO_JSON_H
#define YINGJI_IO_JSON_H

#include "util/value.h"

enum { JSON_PRETTY = 1 };

/* Encode; the caller frees the result.  Never fails (aborts on out of memory). */
char *json_encode(const struct value *v, unsigned flags);
/*
 * Decode `text`; NULL on malformed input, with *err (if not NULL) set to a
 * fresh message "line L column C: what" that the caller frees.
 */
struct value *json_decode(const char *text, char **err);
/* json_decode() without the message: the decoder of value_lazy() payloads. */
struct value *json_decode_lazy(const char *text);

#endif
