/*
 * The console commands: tui (also what `yingji` alone runs) and replay, the
 * console read-only on one recorded incident.  Without a terminal they
 * refuse and point at the commands; with --script they run headless for the
 * screen tests (tests/screen.sh).
 */
#include "config.h"

#include "cli/cli.h"
#include "engine/engine.h"
#include "io/clocks.h"
#include "tui/tui.h"
#include "util/str.h"
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

/* Run the console with `o` (its script, replay and size set); the command's exit code. */
static int
run_console(struct tui_opts *o)
{
	struct strbuf why = STRBUF_INIT;
	struct yj_clock clock;
	enum yj_status rc;
	int signo = 0, x;

	if (!clock_init_from_env(&clock)) {
		cli_error("YINGJI_NOW is not a time (write 'YYYY-MM-DD HH:MM[:SS]', optionally "
			  "with Z or +08:00)");
		return EXIT_USAGE;
	}
	if (!screen_size(&o->rows, &o->cols)) {
		cli_error("YINGJI_SCREEN is not a size (write COLSxROWS, such as 80x24)");
		return EXIT_USAGE;
	}
	o->clock = &clock;
	rc = tui_run(o, &signo, &why);
	if (rc != YJ_OK) {
		x = cli_fail(rc, &why);
		sb_free(&why);
		return x;
	}
	sb_free(&why);
	/* Ended by a signal: the shell's convention, 128 + the signal's number. */
	return signo ? 128 + signo : EXIT_OK;
}

static bool
has_terminal(void)
{
	return isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
}

int
cmd_tui(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {{"script", required_argument, NULL, 's'},
					     {NULL, 0, NULL, 0}};
	const struct cli_command *cmd = cli_find_command("tui");
	struct tui_opts o = {ctx->db, ctx->playbook, ctx->operator_name, NULL, NULL, stdout, 24, 80,
			     0, 0};
	int c;

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
	if (!o.script && !has_terminal()) {
		cli_error("the console needs a terminal; use the commands instead (yingji --help)");
		return EXIT_USAGE;
	}
	return run_console(&o);
}

/* ---- replay ---- */

static bool
parse_speed(const char *s, int *speed)
{
	long long v;

	if (!str_to_ll(s, &v) || v < 1 || v > TUI_REPLAY_SPEED_MAX)
		return false;
	*speed = (int)v;
	return true;
}

int
cmd_replay(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {{"speed", required_argument, NULL, 'v'},
					     {"script", required_argument, NULL, 's'},
					     {NULL, 0, NULL, 0}};
	const struct cli_command *cmd = cli_find_command("replay");
	struct tui_opts o = {ctx->db, ctx->playbook, ctx->operator_name, NULL, NULL, stdout, 24, 80,
			     0, TUI_REPLAY_SPEED_DEFAULT};
	struct incident_view *v = NULL;
	int c, x;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (c == 's')
			o.script = optarg;
		else if (c == 'v' && !parse_speed(optarg, &o.replay_speed))
			return cli_usage_error(cmd, "replay: --speed takes a whole number from 1 to %d, "
						    "not '%s'",
					       TUI_REPLAY_SPEED_MAX, optarg);
		else if (c == ':')
			return cli_usage_error(cmd, "option '%s' needs a value", argv[optind - 1]);
		else if (c != 'v')
			return cli_usage_error(cmd, "unknown option '%s'", argv[optind - 1]);
	}
	if (argc - optind != 1)
		return cli_usage_error(cmd, "replay: give one incident ID");
	if (!cli_parse_id(cmd, argv[optind], &o.replay_id))
		return EXIT_USAGE;
	/* An incident that is not there is said first, terminal or not. */
	x = cli_load_state(ctx, o.replay_id, 0, &v);
	if (x)
		return x;
	incident_view_free(&v);
	if (!o.script && !has_terminal()) {
		cli_error("the replay needs a terminal; 'yingji show %lld --at SEQ' shows the "
			  "incident as it stood after any entry",
			  (long long)o.replay_id);
		return EXIT_USAGE;
	}
	return run_console(&o);
}
