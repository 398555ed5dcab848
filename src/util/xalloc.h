/* Allocation helpers that never return NULL: running out of memory aborts. */
#ifndef YINGJI_UTIL_XALLOC_H
#define YINGJI_UTIL_XALLOC_H

#include <stddef.h>

/* Like malloc/calloc/realloc/strdup, but abort with a message on failure. */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
/* Grow an array of n elements of size `size` to hold at least `need`; updates *cap. */
void *xgrow(void *p, size_t *cap, size_t need, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a fresh allocation; the caller frees it. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
