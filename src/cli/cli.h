/*
 * The command-line face: global options, the command table, exit codes.
 * cli/ is the only layer that prints to stdout/stderr or exits.
 */
#ifndef YINGJI_CLI_CLI_H
#define YINGJI_CLI_CLI_H

#include <stdio.h>

#include "util/status.h"

/* sysexits.h values, as documented in yingji(1). */
enum cli_exit {
	EXIT_OK = 0,
	EXIT_CHECK_FAILED = 1,
	EXIT_USAGE = 64,
	EXIT_DATAERR = 65,
	EXIT_NOINPUT = 66,
	EXIT_UNAVAILABLE = 69,
	EXIT_SOFTWARE = 70,
	EXIT_IOERR = 74,
	EXIT_TEMPFAIL = 75,
};

struct cli_ctx {
	const char *db;		/* resolved database path */
	const char *playbook;	/* resolved default playbook path */
	const char *operator_name;
	const char *prog;	/* "yingji" */
};

struct cli_command {
	const char *name;
	const char *usage;	/* arguments after the name */
	const char *help;	/* one line */
	int (*run)(struct cli_ctx *ctx, int argc, char **argv);	/* argv[0] is the name */
};

/* The exit code for a status. */
int cli_exit_code(enum yj_status st);
/* "yingji: MESSAGE" on stderr, with file text made safe.  Returns nothing. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print a diagnostic list to stderr, one line each, in order of position. */
void cli_print_diags(struct diag_list *dl);
/* Usage error for a command: message plus "usage: yingji CMD USAGE"; returns 64. */
int cli_usage_error(const struct cli_command *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Write text to a stream in full; false on error. */
int cli_write(FILE *f, const char *s, size_t len);

/* Commands (one file each). */
int cmd_playbook(struct cli_ctx *ctx, int argc, char **argv);

#endif
