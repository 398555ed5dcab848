/*
 * yingji drill SCENARIO [--speed N]
 * yingji drill check FILE... | start SCENARIO | tick ID | score ID [--format F]
 * yingji demo [FILE]
 *
 * A drill in the full-screen console (tui/mode_drill.h) on an accelerated
 * clock; and drills without the console: check scenarios, open a drill,
 * deliver the injects that are due (time moves with YINGJI_NOW or the system
 * clock), score it; and import the demo incident.  Without the console the
 * trainee's own actions are the usual commands (set, tick, advance, level,
 * notify, assign ...) on the drill's id.
 */
#include "config.h"

#include "cli/cli.h"
#include "engine/drill.h"
#include "io/json.h"
#include "io/scenario_load.h"
#include "tui/mode_drill.h"
#include "tui/tui.h"
#include "util/duration.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/timefmt.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef YJ_PKGDATADIR
#define YJ_PKGDATADIR "/usr/local/share/yingji"
#endif

#define PLAYBOOKS_DIR YJ_PKGDATADIR "/playbooks"
#define DEMO_FILE YJ_PKGDATADIR "/demo/lucheng-demo.yaml"

static const struct cli_command *
self(const char *name)
{
	return cli_find_command(name);
}

/* Load a scenario or demo script, printing its diagnostics; returns the exit code. */
static int
load(const struct cli_ctx *ctx, const char *path, struct sc_loaded *l)
{
	struct diag_list dl = {0};
	enum yj_status rc = scenario_load(path, ctx->playbook, PLAYBOOKS_DIR, l, &dl);

	cli_print_diags(&dl);
	diag_list_clear(&dl);
	return cli_exit_code(rc);
}

/* ---- check ---- */

static int
drill_check(const struct cli_ctx *ctx, int argc, char **argv)
{
	int rc = EXIT_OK;

	if (argc < 1)
		return cli_usage_error(self("drill"), "drill check: name at least one FILE");
	for (int i = 0; i < argc; i++) {
		struct sc_loaded l;

		rc = cli_worse_exit(rc, load(ctx, argv[i], &l));
		sc_loaded_clear(&l);
	}
	return rc;
}

/* ---- start ---- */

static int
drill_start_cmd(const struct cli_ctx *ctx, int argc, char **argv)
{
	struct strbuf why = STRBUF_INIT;
	struct diag_list dl = {0};
	struct engine *e = NULL;
	struct sc_loaded l;
	int64_t id = 0;
	enum yj_status rc;
	int x;

	if (argc != 1)
		return cli_usage_error(self("drill"), "drill start: name one SCENARIO file");
	x = load(ctx, argv[0], &l);
	if (x == EXIT_OK && !l.scenario) {
		cli_error("%s is a demo script, not a drill scenario; import it with 'yingji demo "
			  "%s'", argv[0], argv[0]);
		x = EXIT_DATAERR;
	}
	if (x == EXIT_OK)
		x = cli_open_engine(ctx, true, false, &e);
	if (x != EXIT_OK) {
		sc_loaded_clear(&l);
		return x;
	}
	rc = drill_start(e, l.scenario, l.playbook_path, &id, &dl, &why);
	engine_close(&e);
	cli_print_diags(&dl);
	diag_list_clear(&dl);
	x = rc == YJ_OK ? EXIT_OK : cli_fail(rc, &why);
	if (rc == YJ_OK)
		printf("%lld\n", (long long)id);
	sc_loaded_clear(&l);
	sb_free(&why);
	return x;
}

/* ---- tick ---- */

/* "T+10m" */
static void
drill_clock(struct strbuf *out, int64_t secs)
{
	char t[48];

	duration_format_drill(secs, t, sizeof(t));
	sb_append(out, t);
}

static void
print_delivery(struct strbuf *out, const struct drill_delivery *d)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct sc_inject *inj = d->injects[i];

		sb_printf(out, "inject %s at ", inj->id);
		drill_clock(out, inj->at);
		sb_printf(out, " (entry %lld): ", (long long)d->seqs[i]);
		text_sanitize(out, inj->message, 0);
		sb_putc(out, '\n');
		for (size_t k = 0; k < inj->facts.n; k++) {
			sb_append(out, k ? ", " : "  ");
			text_sanitize(out, inj->facts.v[k].key, 0);
			sb_putc(out, '=');
			text_sanitize(out, inj->facts.v[k].value, 0);
		}
		if (inj->facts.n)
			sb_putc(out, '\n');
	}
}

/* What comes next: the first inject not yet due, or that all have been delivered. */
static void
print_next(struct strbuf *out, struct engine *e, int64_t id, const struct scenario *sc)
{
	struct strbuf why = STRBUF_INIT;
	struct incident_view *v = NULL;
	char t[32];

	if (engine_view(e, id, 1, &v, &why) != YJ_OK) {
		sb_free(&why);
		return;
	}
	for (size_t i = 0; i < scenario_inject_count(sc); i++) {
		const struct sc_inject *inj = scenario_inject(sc, i);
		int64_t due = v->st->opened_ms + inj->at * 1000;

		if (due <= engine_now(e))
			continue;
		time_format_local(due, t, sizeof(t));
		sb_printf(out, "next: inject %s at ", inj->id);
		drill_clock(out, inj->at);
		sb_printf(out, " (%s)\n", t);
		incident_view_free(&v);
		sb_free(&why);
		return;
	}
	sb_append(out, "every inject has been delivered\n");
	incident_view_free(&v);
	sb_free(&why);
}

static int
drill_tick_cmd(const struct cli_ctx *ctx, int argc, char **argv)
{
	struct strbuf why = STRBUF_INIT, out = STRBUF_INIT;
	struct drill_delivery d = {0};
	struct scenario *sc = NULL;
	struct engine *e = NULL;
	enum yj_status rc;
	int64_t id;
	int x;

	if (argc != 1)
		return cli_usage_error(self("drill"), "drill tick: give one drill ID");
	if (!cli_parse_id(self("drill"), argv[0], &id))
		return EXIT_USAGE;
	x = cli_open_engine(ctx, false, false, &e);
	if (x)
		return x;
	rc = drill_scenario(e, id, &sc, &why);
	if (rc == YJ_OK)
		rc = drill_tick(e, id, sc, engine_now(e), &d, &why);
	if (rc == YJ_OK) {
		print_delivery(&out, &d);
		print_next(&out, e, id, sc);
		x = cli_print(sb_str(&out));
	} else {
		x = cli_fail(rc, &why);
	}
	engine_close(&e);
	drill_delivery_clear(&d);
	scenario_free(&sc);
	sb_free(&why);
	sb_free(&out);
	return x;
}

/* ---- score ---- */

static int
print_score(const struct score *s, enum report_format fmt)
{
	struct strbuf out = STRBUF_INIT;
	struct value *json = NULL;
	int x;

	score_render(s, fmt, &out, &json);
	if (json) {
		char *text = json_encode(json, JSON_PRETTY);

		sb_append(&out, text);
		sb_append(&out, "\n");
		free(text);
		value_free(&json);
	}
	x = cli_print(sb_str(&out));
	sb_free(&out);
	return x;
}

static int
drill_score_cmd(const struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {{"format", required_argument, NULL, 'f'},
					     {NULL, 0, NULL, 0}};
	enum report_format fmt = FORMAT_TXT;
	struct strbuf why = STRBUF_INIT;
	struct score *s = NULL;
	struct engine *e = NULL;
	enum yj_status rc;
	int64_t id;
	int c, x;

	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (c == ':')
			return cli_usage_error(self("drill"), "option '%s' needs a value",
					       argv[optind - 1]);
		if (c != 'f')
			return cli_usage_error(self("drill"), "unknown option '%s'",
					       argv[optind - 1]);
		if (!report_format_parse(optarg, &fmt) || fmt == FORMAT_CSV)
			return cli_usage_error(self("drill"),
					       "drill score: unknown format '%s' (txt, md or json)",
					       optarg);
	}
	if (argc - optind != 1)
		return cli_usage_error(self("drill"), "drill score: give one drill ID");
	if (!cli_parse_id(self("drill"), argv[optind], &id))
		return EXIT_USAGE;
	x = cli_open_engine(ctx, false, true, &e);
	if (x)
		return x;
	rc = drill_score(e, id, &s, &why);
	engine_close(&e);
	x = rc == YJ_OK ? print_score(s, fmt) : cli_fail(rc, &why);
	score_free(&s);
	sb_free(&why);
	return x;
}

/* ---- the console ---- */

/*
 * Without --speed a drill runs in real time, as a drill in earnest does; a
 * tabletop exercise is faster (10: ten drill minutes per real minute).  An
 * hour of drill time per real second is as fast as anyone can follow.
 */
#define DEFAULT_SPEED 1.0
#define MAX_SPEED 3600.0

static bool
parse_speed(const char *s, double *speed)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || end == s || *end || !isfinite(v) || v <= 0 || v > MAX_SPEED)
		return false;
	*speed = v;
	return true;
}

static int
drill_console(const struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {{"speed", required_argument, NULL, 'v'},
					     {"script", required_argument, NULL, 's'},
					     {NULL, 0, NULL, 0}};
	struct tui_opts o = {.db = ctx->db,
			     .playbook = ctx->playbook,
			     .operator_name = ctx->operator_name,
			     .out = stdout,
			     .rows = 24,
			     .cols = 80};
	struct tui_drill d = {NULL, NULL, DEFAULT_SPEED};
	struct sc_loaded l;
	int c, x;

	opterr = 0;
	optind = 0;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (c == ':')
			return cli_usage_error(self("drill"), "option '%s' needs a value",
					       argv[optind - 1]);
		if (c == 's')
			o.script = optarg;
		else if (c != 'v')
			return cli_usage_error(self("drill"), "unknown option '%s'",
					       argv[optind - 1]);
		else if (!parse_speed(optarg, &d.speed))
			return cli_usage_error(self("drill"),
					       "drill: --speed '%s' is not a speed (a number above 0, "
					       "at most %g: drill minutes per real minute)",
					       optarg, MAX_SPEED);
	}
	if (argc - optind != 1)
		return cli_usage_error(self("drill"), "drill: name one SCENARIO file");
	x = load(ctx, argv[optind], &l);
	if (x == EXIT_OK && !l.scenario) {
		cli_error("%s is a demo script, not a drill scenario; import it with 'yingji demo "
			  "%s'", argv[optind], argv[optind]);
		x = EXIT_DATAERR;
	}
	if (x == EXIT_OK) {
		d.sc = l.scenario;
		d.playbook_path = l.playbook_path;
		o.drill = &d;
		x = cli_run_console(ctx, &o);
	}
	sc_loaded_clear(&l);
	return x;
}

int
cmd_drill(struct cli_ctx *ctx, int argc, char **argv)
{
	const struct cli_command *cmd = self("drill");

	if (argc < 2)
		return cli_usage_error(cmd, "drill: name a SCENARIO file, or say check, start, "
				       "tick or score");
	if (strcmp(argv[1], "check") == 0)
		return drill_check(ctx, argc - 2, argv + 2);
	if (strcmp(argv[1], "start") == 0)
		return drill_start_cmd(ctx, argc - 2, argv + 2);
	if (strcmp(argv[1], "tick") == 0)
		return drill_tick_cmd(ctx, argc - 2, argv + 2);
	if (strcmp(argv[1], "score") == 0)
		return drill_score_cmd(ctx, argc - 1, argv + 1);
	/* Anything else is a scenario to run in the console (options may come first). */
	return drill_console(ctx, argc, argv);
}

/* ---- demo ---- */

int
cmd_demo(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : DEMO_FILE;
	struct strbuf why = STRBUF_INIT;
	struct diag_list dl = {0};
	struct engine *e = NULL;
	struct sc_loaded l;
	bool already = false;
	int64_t id = 0;
	enum yj_status rc;
	int x;

	if (argc > 2)
		return cli_usage_error(self("demo"), "demo: give at most one FILE");
	x = load(ctx, path, &l);
	if (x == EXIT_OK && !l.demo) {
		cli_error("%s is a drill scenario, not a demo script; run it with 'yingji drill "
			  "start %s'", path, path);
		x = EXIT_DATAERR;
	}
	if (x == EXIT_OK)
		x = cli_open_engine(ctx, true, false, &e);
	if (x != EXIT_OK) {
		sc_loaded_clear(&l);
		return x;
	}
	rc = drill_import_demo(e, l.demo, l.playbook_path, &id, &already, &dl, &why);
	engine_close(&e);
	cli_print_diags(&dl);
	diag_list_clear(&dl);
	if (rc == YJ_OK && already)
		cli_error("the demo '%s' is already in the database as incident %lld; it is not "
			  "imported again", demo_id(l.demo), (long long)id);
	x = rc == YJ_OK ? EXIT_OK : cli_fail(rc, &why);
	if (rc == YJ_OK)
		printf("%lld\n", (long long)id);
	sc_loaded_clear(&l);
	sb_free(&why);
	return x;
}
