/*
 * Times as people type and read them.  Stored times are UTC milliseconds;
 * people see local times in TZ.  Pure functions of their inputs and TZ: nothing
 * here reads the clock.
 */
#ifndef YINGJI_UTIL_TIMEFMT_H
#define YINGJI_UTIL_TIMEFMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Parse a date-time: "YYYY-MM-DD HH:MM[:SS]" or "YYYY-MM-DDTHH:MM[:SS]" in local
 * time, or the same followed by "Z" or "+08:00"/"-0500" for an explicit offset.
 * False on anything else (including impossible dates such as 02-30).
 */
bool time_parse(const char *s, int64_t *ms);
/* Parse "YYYY-MM-DD" (a valid calendar date). */
bool time_parse_date(const char *s, int *y, int *m, int *d);
/* "2026-11-22 10:30:00" in local time. */
void time_format_local(int64_t ms, char *buf, size_t n);
/* "2026-11-22 10:30" in local time (no seconds). */
void time_format_local_short(int64_t ms, char *buf, size_t n);
/* "2026-11-22T02:30:00.000Z" (UTC, milliseconds). */
void time_format_iso(int64_t ms, char *buf, size_t n);
/* The last millisecond of the local calendar day that contains ms. */
int64_t time_end_of_local_day(int64_t ms);

#endif
