/*
 * --startuptime FILE, in the manner of vim's: the moments of its start the
 * program marks, written to FILE, so that "how long until the console shows
 * its first frame" is measured by the program itself (make bench does).
 *
 * One line per mark: milliseconds since startuptime_begin() (the start of
 * main), the monotonic clock in milliseconds (so another process can line the
 * mark up with its own clock), and what was reached.  Nothing is done, and
 * nothing costs anything, unless startuptime_begin() was called.
 */
#ifndef YINGJI_IO_STARTUPTIME_H
#define YINGJI_IO_STARTUPTIME_H

/* Start the clock and write marks to `path` from now on (the file is replaced). */
void startuptime_begin(const char *path);
/* Record that `what` was reached ("first frame"); a failure to write is ignored. */
void startuptime_mark(const char *what);

#endif
