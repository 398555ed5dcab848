/* Small string helpers. */
#ifndef YINGJI_UTIL_STR_H
#define YINGJI_UTIL_STR_H

#include <stdbool.h>
#include <stddef.h>

/* Levenshtein distance between two byte strings (for "did you mean" hints). */
size_t str_edit_distance(const char *a, const char *b);
/*
 * The candidate closest to `word`, or NULL when none is close enough to be a
 * plausible typo.  `candidates` is NULL-terminated.
 */
const char *str_suggest(const char *word, const char *const *candidates);
bool str_eq(const char *a, const char *b);
bool str_starts_with(const char *s, const char *prefix);
/* Parse a whole string as a decimal long long / double; false on any junk. */
bool str_to_ll(const char *s, long long *out);
bool str_to_double(const char *s, double *out);

#endif
