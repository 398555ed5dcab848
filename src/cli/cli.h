/*
 * The command-line face: global options, the command table, exit codes.
 * cli/ is the only layer that prints to stdout/stderr or exits.
 */
#ifndef YINGJI_CLI_CLI_H
#define YINGJI_CLI_CLI_H

#include <stdbool.h>
#include <stdint.h>
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
/* The exit code to report for several files: the worse of a and b. */
int cli_worse_exit(int a, int b);
/* Print a diagnostic list to stderr, one line each, in order of position. */
void cli_print_diags(struct diag_list *dl);
/* Usage error for a command: message plus "usage: yingji CMD USAGE"; returns 64. */
int cli_usage_error(const struct cli_command *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Write text to a stream in full; false on error. */
int cli_write(FILE *f, const char *s, size_t len);

struct engine;
struct strbuf;

/* Open the engine on ctx->db; prints the error and returns its exit code, or 0. */
int cli_open_engine(const struct cli_ctx *ctx, bool create, bool readonly, struct engine **out);
struct incident_view;
/* Fold incident `id` as it stood after entry `at` (0: now), read-only; prints the
 * error and returns its exit code, or 0 with *v set (free with incident_view_free). */
int cli_load_view(const struct cli_ctx *ctx, int64_t id, int64_t at, struct incident_view **v);
/* The same without the whole journal (engine_view_tail): for what prints the
 * state and not the timeline, so that it costs the same for any incident. */
int cli_load_state(const struct cli_ctx *ctx, int64_t id, int64_t at, struct incident_view **v);
/* Parse an incident id ("12"); prints a usage error and returns false when malformed. */
bool cli_parse_id(const struct cli_command *cmd, const char *s, int64_t *id);
/* Print a refusal or error line for status rc with detail `why`; returns the exit code. */
int cli_fail(enum yj_status rc, const struct strbuf *why);
/* Print text (already sanitized) to stdout; returns EXIT_OK or EXIT_IOERR. */
int cli_print(const char *s);
/* The user's home folder ($HOME, else the password database's); borrowed. */
const char *cli_home_dir(void);
struct contact_book;
/*
 * The local contacts file (yingji(1), FILES), checked against the playbook in
 * use; *out NULL when there is none at the default places.  Diagnostics are
 * printed, warnings too; when other users can read the file, *shared (unless
 * NULL) gets its path, for the console to say so as well (the caller frees
 * it).  Returns 0, or the exit code: 66 when a file named by YINGJI_CONTACTS
 * is missing, 65 when the file is invalid.
 */
int cli_load_contacts(const struct cli_ctx *ctx, struct contact_book **out, char **shared);
/* Record a journal head pin in syslog (where a syslog daemon runs). */
void cli_syslog_pin(const char *what, int64_t id, const char *pin);

/* Commands (one file each).  argv[0] is the command's name. */
int cmd_playbook(struct cli_ctx *ctx, int argc, char **argv);
int cmd_new(struct cli_ctx *ctx, int argc, char **argv);
int cmd_set(struct cli_ctx *ctx, int argc, char **argv);
int cmd_log(struct cli_ctx *ctx, int argc, char **argv);
int cmd_tick(struct cli_ctx *ctx, int argc, char **argv);
int cmd_advance(struct cli_ctx *ctx, int argc, char **argv);
int cmd_level(struct cli_ctx *ctx, int argc, char **argv);
int cmd_notify(struct cli_ctx *ctx, int argc, char **argv);
int cmd_assign(struct cli_ctx *ctx, int argc, char **argv);
int cmd_handover(struct cli_ctx *ctx, int argc, char **argv);
int cmd_annotate(struct cli_ctx *ctx, int argc, char **argv);
int cmd_list(struct cli_ctx *ctx, int argc, char **argv);
int cmd_show(struct cli_ctx *ctx, int argc, char **argv);
int cmd_export(struct cli_ctx *ctx, int argc, char **argv);
int cmd_verify(struct cli_ctx *ctx, int argc, char **argv);
int cmd_backup(struct cli_ctx *ctx, int argc, char **argv);
int cmd_replay(struct cli_ctx *ctx, int argc, char **argv);
int cmd_tui(struct cli_ctx *ctx, int argc, char **argv);
struct tui_opts;
/*
 * Run the full-screen console with `o` (cmd_tui.c): it needs a terminal unless
 * o->script is set; YINGJI_NOW and YINGJI_SCREEN are read here.  Returns the
 * exit code (128 + the signal that ended it, if one did).
 */
int cli_run_console(const struct cli_ctx *ctx, struct tui_opts *o);
int cmd_drill(struct cli_ctx *ctx, int argc, char **argv);
int cmd_demo(struct cli_ctx *ctx, int argc, char **argv);

/* The command table (main.c), for usage lines. */
const struct cli_command *cli_find_command(const char *name);

#endif
