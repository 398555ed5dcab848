/*
 * A bump allocator: many small allocations freed together in one call.
 * A loaded playbook and a parsed YAML document each live in one arena.
 */
#ifndef YINGJI_UTIL_ARENA_H
#define YINGJI_UTIL_ARENA_H

#include <stddef.h>

struct arena;

struct arena *arena_new(void);
/* Free everything allocated from *a and set *a to NULL.  NULL is fine. */
void arena_free(struct arena **a);
/* Zeroed memory, aligned for any type, valid until the arena is freed. */
void *arena_alloc(struct arena *a, size_t size);
/* Allocate an array of n elements of `size` each (zeroed). */
void *arena_array(struct arena *a, size_t n, size_t size);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
/* Bytes handed out so far (for benchmarks and tests). */
size_t arena_used(const struct arena *a);

#endif
