/*
 * Strict decoding of a document tree into typed values, with diagnostics that
 * point at the offending node.  Shared by the playbook, contacts-file and drill
 * scenario builders.  Every function reports what is wrong and returns a neutral
 * value (NULL, false, 0) so that the caller can go on and find further problems.
 */
#ifndef YINGJI_CORE_DECODE_H
#define YINGJI_CORE_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/playbook.h"
#include "util/doc.h"
#include "util/status.h"

struct arena;

struct dec {
	struct diag_list *diags;
	const char *file;
	struct arena *arena;	/* where decoded strings and arrays go */
};

void dec_error(struct dec *d, const struct doc_node *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void dec_warn(struct dec *d, const struct doc_node *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Check that `n` is a mapping whose keys are all among `keys` (NULL-terminated;
 * a name starting with '!' is required).  Unknown keys get a "did you mean"
 * hint; missing required keys are reported at the mapping.  `what` names the
 * thing for messages ("role", "phase 'report'").  False when n is not a mapping.
 */
bool dec_map(struct dec *d, const struct doc_node *n, const char *what,
	     const char *const *keys);

/* The list under `key` (NULL when absent or not a list; the latter is reported). */
const struct doc_node *dec_list(struct dec *d, const struct doc_node *map, const char *key);

/* A non-empty string under `key`, copied into the arena; NULL when absent/bad. */
const char *dec_str(struct dec *d, const struct doc_node *map, const char *key);
/* A string node itself (not under a key). */
const char *dec_str_node(struct dec *d, const struct doc_node *n, const char *what);
/* An id ([A-Za-z0-9][A-Za-z0-9_.-]*, at most 48 bytes) under `key`. */
const char *dec_id(struct dec *d, const struct doc_node *map, const char *key);
bool dec_is_id(const char *s);
/* The format version under `key` ("yingji_playbook"): must be 1; `what` names the
 * format for the message ("playbook").  A missing key is left to dec_map. */
void dec_version(struct dec *d, const struct doc_node *root, const char *key, const char *what);
/* true/false under `key`; `dflt` when absent. */
bool dec_bool(struct dec *d, const struct doc_node *map, const char *key, bool dflt);
/* A number under `key`; false when absent or bad. */
bool dec_number(struct dec *d, const struct doc_node *map, const char *key, double *out);
/* A duration (see util/duration.h) under `key`; false when absent or bad. */
bool dec_duration(struct dec *d, const struct doc_node *map, const char *key, unsigned flags,
		  int64_t *secs);
/* One of `names` (n of them) under `key`; -1 when absent or bad. */
int dec_enum(struct dec *d, const struct doc_node *map, const char *key,
	     const char *const *names, size_t n);
int dec_enum_node(struct dec *d, const struct doc_node *n, const char *what,
		  const char *const *names, size_t count);
/* A list of non-empty strings under `key` (empty when absent). */
struct pb_strings dec_strings(struct dec *d, const struct doc_node *map, const char *key);
/* A reference (an id) under `key`; id NULL when absent. */
struct pb_ref dec_ref(struct dec *d, const struct doc_node *map, const char *key);
struct pb_ref dec_ref_node(struct dec *d, const struct doc_node *n, const char *what);
/* A list of references under `key`. */
struct pb_refs dec_refs(struct dec *d, const struct doc_node *map, const char *key);
/* A value from the file, cut short for a message (a stray line can hold a megabyte,
 * and one diagnostic should stay one line); may return s itself. */
const char *dec_clip(struct dec *d, const char *s);
/* The position of a node. */
struct pb_pos dec_pos(const struct doc_node *n);
/* The position of the value under key, else of the map itself. */
struct pb_pos dec_pos_of(const struct doc_node *map, const char *key);

#endif
