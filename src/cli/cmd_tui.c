/*
 * The console command (also what `yingji` alone runs).  Without a terminal it
 * refuses and points at the commands; with --script it runs headless for the
 * screen tests (tests/screen.sh).
 */
#include "config.h"

#include "cli/cli.h"
#include "core/contact_book.h"
#include "io/clocks.h"
#include "tui/tui.h"
#include "util/strbuf.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* YINGJI_SCREEN=COLSxROWS, the headless screen's size (80x24 when not set). */
static bool
screen_size(int *rows, int *cols)
{
	const char *env = getenv("YINGJI_SCREEN");
	char junk;

	*rows = 24;
	*cols = 80;
	if (!env || !*env)
		return true;
	return sscanf(env, "%dx%d%c", cols, rows, &junk) == 2 && *cols > 0 && *rows > 0 &&
	       *cols <= 500 && *rows <= 300;
}

int
cmd_tui(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {{"script", required_argument, NULL, 's'},
					     {NULL, 0, NULL, 0}};
	const struct cli_command *cmd = cli_find_command("tui");
	struct tui_opts o = {ctx->db, ctx->playbook, ctx->operator_name, NULL, NULL, stdout, 24, 80,
			     NULL, NULL};
	struct contact_book *book = NULL;
	char *shared = NULL;
	struct strbuf why = STRBUF_INIT;
	struct yj_clock clock;
	enum yj_status rc;
	int c, signo = 0, x;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (c == 's')
			o.script = optarg;
		else if (c == ':')
			return cli_usage_error(cmd, "option '%s' needs a value", argv[optind - 1]);
		else
			return cli_usage_error(cmd, "unknown option '%s'", argv[optind - 1]);
	}
	if (optind != argc)
		return cli_usage_error(cmd, "tui takes no arguments");
	if (!o.script && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))) {
		cli_error("the console needs a terminal; use the commands instead (yingji --help)");
		return EXIT_USAGE;
	}
	if (!clock_init_from_env(&clock)) {
		cli_error("YINGJI_NOW is not a time (write 'YYYY-MM-DD HH:MM[:SS]', optionally "
			  "with Z or +08:00)");
		return EXIT_USAGE;
	}
	if (!screen_size(&o.rows, &o.cols)) {
		cli_error("YINGJI_SCREEN is not a size (write COLSxROWS, such as 80x24)");
		return EXIT_USAGE;
	}
	/* Before the database is opened: a bad contacts file touches no record. */
	x = cli_load_contacts(ctx, &book, &shared);
	if (x)
		return x;
	o.clock = &clock;
	o.contacts = book;
	o.contacts_shared = shared;
	rc = tui_run(&o, &signo, &why);
	contact_book_free(&book);
	free(shared);
	if (rc != YJ_OK) {
		x = cli_fail(rc, &why);
		sb_free(&why);
		return x;
	}
	sb_free(&why);
	/* Ended by a signal: the shell's convention, 128 + the signal's number. */
	return signo ? 128 + signo : EXIT_OK;
}
