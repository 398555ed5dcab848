/*
 * Durations as written in playbooks and on the command line: one or more
 * <integer><unit> with units s, m (minutes), h, d, w and, where allowed, mo
 * (30 days) and y (365 days).  "1h30m", "30d", "6mo".
 */
#ifndef YINGJI_UTIL_DURATION_H
#define YINGJI_UTIL_DURATION_H

#include <stdbool.h>
#include <stdint.h>

enum { DURATION_ALLOW_LONG = 1 };	/* accept mo and y */

/* Parse into seconds.  False (and *secs untouched) on any malformed input. */
bool duration_parse(const char *s, unsigned flags, int64_t *secs);
/* Format seconds compactly ("1h30m", "2d", "45s"); writes at most n bytes. */
void duration_format(int64_t secs, char *buf, unsigned long n);
/* A time on a drill's clock, as seconds from its start: "T+0", "T+8m30s", "T-10m". */
void duration_format_drill(int64_t secs, char *buf, unsigned long n);

#endif
