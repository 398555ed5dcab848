/* --startuptime: marks of the program's start, timed on the monotonic clock. */
#include "config.h"

#include "io/startuptime.h"

#include <fcntl.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static const char *mark_path;	/* the caller's (argv): it outlives every mark */
static double start_ms;

static double
monotonic_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

void
startuptime_begin(const char *path)
{
	int fd;

	start_ms = monotonic_ms();
	mark_path = path;
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd >= 0)
		close(fd);
}

void
startuptime_mark(const char *what)
{
	double now;
	FILE *f;

	if (!mark_path)
		return;
	now = monotonic_ms();
	f = fopen(mark_path, "a");
	if (!f)
		return;
	fprintf(f, "%.3f %.3f %s\n", now - start_ms, now, what);
	fclose(f);
}
