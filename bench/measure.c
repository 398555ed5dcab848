/*
 * Timing whole processes: spawned with posix_spawn, reaped with wait4 (for
 * the peak resident memory), timed on the monotonic clock from just before
 * the spawn to just after the reap.  The console is timed in a
 * pseudo-terminal up to the mark it writes to its --startuptime file.
 */
#include "config.h"

#include "bench/bench.h"

#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* environ: declared by unistd.h with _GNU_SOURCE (config.h). */


double
now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

double
median(double *v, size_t n)
{
	if (!n)
		return 0;
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static int
exit_code(int status)
{
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int
run_cmd(char *const argv[], const char *out, struct run *r)
{
	posix_spawn_file_actions_t fa;
	struct rusage ru;
	pid_t pid;
	int status, rc;
	double t0;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, out ? out : "/dev/null",
					 O_WRONLY | O_CREAT | O_TRUNC, 0600);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	t0 = now_ms();
	rc = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0)
		return -1;
	while (wait4(pid, &status, 0, &ru) < 0)
		if (errno != EINTR)
			return -1;
	r->ms = now_ms() - t0;
	r->maxrss_kb = ru.ru_maxrss;
	r->status = exit_code(status);
	return 0;
}

/*
 * The monotonic time (ms) of the first line of the startuptime file that
 * says `mark` and was written after `after` (ms), or 0.
 */
static double
mark_time(const char *path, const char *mark, double after)
{
	char line[512];
	double elapsed, mono;
	FILE *f = fopen(path, "r");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		char what[64];

		if (sscanf(line, "%lf %lf %63[^\n]", &elapsed, &mono, what) == 3 &&
		    !strcmp(what, mark) && mono > after) {
			fclose(f);
			return mono;
		}
	}
	fclose(f);
	return 0;
}

/* Read what the console draws, so that it never blocks on a full terminal. */
static void
drain(int fd)
{
	char buf[65536];

	while (read(fd, buf, sizeof(buf)) > 0)
		;
}

/* Wait (reading the terminal) until `mark` comes after `after`, or timeout_ms. */
static double
wait_mark(int fd, const char *timefile, const char *mark, double after, int timeout_ms)
{
	double t0 = now_ms(), t = 0;

	while (now_ms() - t0 < timeout_ms && !(t = mark_time(timefile, mark, after))) {
		struct timespec nap = {0, 100000};

		drain(fd);
		nanosleep(&nap, NULL);
	}
	return t;
}

static void
settle(int fd, int ms)
{
	double t0 = now_ms();

	while (now_ms() - t0 < ms) {
		struct timespec nap = {0, 1000000};

		drain(fd);
		nanosleep(&nap, NULL);
	}
}

/* The process's peak resident memory, from /proc (its own, not its parent's). */
static long
hwm_kb(pid_t pid)
{
	char path[64], line[256];
	long kb = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	f = fopen(path, "r");
	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "VmHWM: %ld kB", &kb) == 1)
			break;
	if (f)
		fclose(f);
	return kb;
}

int
run_console(char *const argv[], const char *timefile, int downs, int timeout_ms,
	    double *first_ms, double *open_ms, long *peak_kb)
{
	struct winsize ws = {.ws_row = 24, .ws_col = 80};
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	double t0, t, sent;
	int fd, tty, status, rc = 0;
	pid_t pid;

	unlink(timefile);
	if (openpty(&fd, &tty, NULL, NULL, &ws) < 0)
		return -1;
	/*
	 * Spawned as the baselines are (posix_spawn, a vfork): a fork of the
	 * benchmark, which holds a database generator's memory, would copy its
	 * page tables and add milliseconds that are the benchmark's, not the
	 * console's.  The terminal is the child's 0, 1 and 2, in its own session.
	 */
	posix_spawn_file_actions_init(&fa);
	posix_spawnattr_init(&at);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSID);
	for (int i = 0; i < 3; i++)
		posix_spawn_file_actions_adddup2(&fa, tty, i);
	posix_spawn_file_actions_addclose(&fa, fd);
	posix_spawn_file_actions_addclose(&fa, tty);
	t0 = now_ms();
	status = posix_spawn(&pid, argv[0], &fa, &at, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&at);
	close(tty);
	if (status != 0) {
		close(fd);
		return -1;
	}
	fcntl(fd, F_SETFL, O_NONBLOCK);
	t = wait_mark(fd, timefile, "first frame", 0, timeout_ms);
	*first_ms = t ? t - t0 : 0;
	rc = t ? 0 : 1;
	if (t && open_ms) {
		/* Select the incident's row, then time Enter to the frame that shows it. */
		for (int i = 0; i < downs; i++)
			if (write(fd, "j", 1) != 1)
				rc = 1;
		settle(fd, 150);
		sent = now_ms();
		if (write(fd, "\r", 1) != 1)
			rc = 1;
		t = wait_mark(fd, timefile, "frame", sent, timeout_ms);
		*open_ms = t ? t - sent : 0;
		rc |= !t;
		settle(fd, 50);
	}
	*peak_kb = hwm_kb(pid);
	kill(pid, SIGTERM);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		drain(fd);
	close(fd);
	return rc;
}

/*
 * The peak resident memory of a command that exits by itself: getrusage
 * would count the bench's own memory (a spawned child starts from its
 * parent's), so the child is traced and its VmHWM read as it exits.
 */
long
peak_cmd(char *const argv[])
{
	long kb = 0;
	int status, fd;
	pid_t pid = fork();

	if (pid < 0)
		return 0;
	if (pid == 0) {
		fd = open("/dev/null", O_RDWR);
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		ptrace(PTRACE_TRACEME, 0, NULL, NULL);
		execv(argv[0], argv);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFSTOPPED(status))
		return 0;
	ptrace(PTRACE_SETOPTIONS, pid, NULL, (void *)(long)PTRACE_O_TRACEEXIT);
	ptrace(PTRACE_CONT, pid, NULL, NULL);
	while (waitpid(pid, &status, 0) == pid && WIFSTOPPED(status)) {
		int sig = WSTOPSIG(status);

		if ((status >> 8) == (SIGTRAP | (PTRACE_EVENT_EXIT << 8))) {
			kb = hwm_kb(pid);
			sig = 0;
		}
		ptrace(PTRACE_CONT, pid, NULL, (void *)(long)(sig == SIGTRAP ? 0 : sig));
	}
	return kb;
}
