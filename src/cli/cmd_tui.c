/*
 * The console commands: tui (also what `yingji` alone runs) and replay, the
 * console read-only on one recorded incident.  Without a terminal they
 * refuse and point at the commands; with --script they run headless for the
 * screen tests (tests/screen.sh).
 */
#include "config.h"

#include "cli/cli.h"
#include "core/contact_book.h"
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

/*
 * The officer's bindings file (after tig's ~/.tigrc): $YINGJI_KEYS, which
 * must then exist, else $XDG_CONFIG_HOME/yingji/keys, else
 * ~/.config/yingji/keys, either of which may be missing.  Sets o->keys_path
 * to a string in `buf` or the environment; NULL when there is no home.
 */
static void
keys_file(struct tui_opts *o, struct strbuf *buf)
{
	const char *env = getenv("YINGJI_KEYS"), *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");

	o->keys_required = env && *env;
	if (o->keys_required) {
		o->keys_path = env;
		return;
	}
	/* The XDG spec says a relative XDG_CONFIG_HOME is to be ignored. */
	if (xdg && xdg[0] == '/')
		sb_printf(buf, "%s/yingji/keys", xdg);
	else if (home && *home)
		sb_printf(buf, "%s/.config/yingji/keys", home);
	o->keys_path = buf->len ? sb_str(buf) : NULL;
}

static int
man_keys(void)
{
	struct strbuf out = STRBUF_INIT, why = STRBUF_INIT;
	enum yj_status rc = tui_man_keys(&out, &why);
	int x = rc == YJ_OK ? cli_print(sb_str(&out)) : cli_fail(rc, &why);

	sb_free(&out);
	sb_free(&why);
	return x;
}

int
cli_run_console(const struct cli_ctx *ctx, struct tui_opts *o)
{
	struct strbuf why = STRBUF_INIT, path = STRBUF_INIT;
	struct diag_list dl = {0};
	struct contact_book *book = NULL;
	char *shared = NULL;
	struct yj_clock clock;
	enum yj_status rc;
	int signo = 0, x;

	if (!o->script && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))) {
		cli_error("the console needs a terminal; use the commands instead (yingji --help)");
		return EXIT_USAGE;
	}
	if (!clock_init_from_env(&clock)) {
		cli_error("YINGJI_NOW is not a time (write 'YYYY-MM-DD HH:MM[:SS]', optionally "
			  "with Z or +08:00)");
		return EXIT_USAGE;
	}
	if (!screen_size(&o->rows, &o->cols)) {
		cli_error("YINGJI_SCREEN is not a size (write COLSxROWS, such as 80x24)");
		return EXIT_USAGE;
	}
	/* Before the database is opened: a bad contacts file touches no record. */
	x = cli_load_contacts(ctx, &book, &shared);
	if (x)
		return x;
	o->clock = &clock;
	o->contacts = book;
	o->contacts_shared = shared;
	keys_file(o, &path);
	rc = tui_run(o, &signo, &dl, &why);
	sb_free(&path);
	contact_book_free(&book);
	free(shared);
	if (rc != YJ_OK) {
		/* A bad bindings file: its problems, each at its place, and no console. */
		if (dl.n)
			cli_print_diags(&dl);
		x = cli_fail(rc, &why);
		diag_list_clear(&dl);
		sb_free(&why);
		return x;
	}
	sb_free(&why);
	/* Ended by a signal: the shell's convention, 128 + the signal's number. */
	return signo ? 128 + signo : EXIT_OK;
}

int
cmd_tui(struct cli_ctx *ctx, int argc, char **argv)
{
	/* --man-keys is for `make man-keys` and tests/man.sh, not for officers. */
	static const struct option opts[] = {{"script", required_argument, NULL, 's'},
					     {"man-keys", no_argument, NULL, 'm'},
					     {NULL, 0, NULL, 0}};
	const struct cli_command *cmd = cli_find_command("tui");
	struct tui_opts o = {.db = ctx->db,
			     .playbook = ctx->playbook,
			     .operator_name = ctx->operator_name,
			     .out = stdout,
			     .rows = 24,
			     .cols = 80};
	int c;
	bool man = false;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (c == 's')
			o.script = optarg;
		else if (c == 'm')
			man = true;
		else if (c == ':')
			return cli_usage_error(cmd, "option '%s' needs a value", argv[optind - 1]);
		else
			return cli_usage_error(cmd, "unknown option '%s'", argv[optind - 1]);
	}
	if (optind != argc)
		return cli_usage_error(cmd, "tui takes no arguments");
	if (man)
		return man_keys();
	return cli_run_console(ctx, &o);
}

static bool
has_terminal(void)
{
	return isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
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
	struct tui_opts o = {.db = ctx->db,
			     .playbook = ctx->playbook,
			     .operator_name = ctx->operator_name,
			     .out = stdout,
			     .rows = 24,
			     .cols = 80,
			     .replay_speed = TUI_REPLAY_SPEED_DEFAULT};
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
	return cli_run_console(ctx, &o);
}
