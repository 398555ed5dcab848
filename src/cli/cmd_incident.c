/*
 * The commands that record: new, set, log, tick, advance, level, notify,
 * assign, handover.  Each parses its arguments, hands one request to the
 * engine and reports what was recorded only after the engine has committed.
 */
#include "config.h"

#include "cli/cli.h"
#include "core/report.h"
#include "engine/engine.h"
#include "io/playbook_load.h"
#include "util/str.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Parse argv[first..argc) as FIELD=VALUE pairs (pointing into argv). */
static bool
parse_kv(const struct cli_command *cmd, int argc, char **argv, int first, struct kv **out,
	 size_t *n)
{
	struct kv *v = xcalloc((size_t)(argc - first) + 1, sizeof(*v));

	*n = 0;
	for (int i = first; i < argc; i++) {
		char *eq = strchr(argv[i], '=');

		if (!eq || eq == argv[i]) {
			cli_usage_error(cmd, "'%s' is not FIELD=VALUE", argv[i]);
			free(v);
			return false;
		}
		*eq = '\0';
		v[*n].key = argv[i];
		v[(*n)++].value = eq + 1;
	}
	*out = v;
	return true;
}

/* Run one request and print "recorded: ..." on success. */
static int
submit(struct cli_ctx *ctx, int64_t id, const struct request *rq, const char *what)
{
	struct strbuf why = STRBUF_INIT, out = STRBUF_INIT;
	struct engine *e = NULL;
	int64_t seq = 0;
	enum yj_status rc;
	int x = cli_open_engine(ctx, false, false, &e);

	if (x)
		return x;
	rc = engine_submit(e, id, rq, &seq, &why);
	engine_close(&e);
	if (rc != YJ_OK) {
		x = cli_fail(rc, &why);
		sb_free(&why);
		return x;
	}
	sb_printf(&out, "recorded: incident %lld entry %lld: ", (long long)id, (long long)seq);
	text_sanitize(&out, what, 0);
	sb_putc(&out, '\n');
	x = cli_print(sb_str(&out));
	sb_free(&out);
	sb_free(&why);
	return x;
}

static const struct cli_command *
self(const char *name)
{
	return cli_find_command(name);
}

/* getopt_long over a command's argv; returns the option or -1/'?'. */
static int
next_opt(int argc, char **argv, const struct option *opts)
{
	opterr = 0;
	return getopt_long(argc, argv, ":", opts, NULL);
}

static int
bad_option(const struct cli_command *cmd, int c, char **argv)
{
	if (c == ':')
		return cli_usage_error(cmd, "option '%s' needs a value", argv[optind - 1]);
	return cli_usage_error(cmd, "unknown option '%s'", argv[optind - 1]);
}

/* ---- new ---- */

/* Load the playbook only to check it; its diagnostics go to dl. */
static enum yj_status
playbook_check_file(const char *path, struct diag_list *dl)
{
	struct playbook *pb = NULL;
	enum yj_status rc = playbook_load(path, &pb, dl);

	playbook_free(&pb);
	return rc;
}

int
cmd_new(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{"drill", no_argument, NULL, 'd'}, {"title", required_argument, NULL, 't'},
		{NULL, 0, NULL, 0}};
	const struct cli_command *cmd = self("new");
	struct strbuf why = STRBUF_INIT;
	struct diag_list dl = {0};
	const char *title = NULL;
	struct engine *e = NULL;
	struct kv *kv = NULL;
	bool drill = false;
	int64_t id = 0;
	size_t n = 0;
	enum yj_status rc;
	int c, x;

	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (c == 'd')
			drill = true;
		else if (c == 't')
			title = optarg;
		else
			return bad_option(cmd, c, argv);
	}
	if (!title)
		return cli_usage_error(cmd, "new: --title TEXT is required");
	if (!parse_kv(cmd, argc, argv, optind, &kv, &n))
		return EXIT_USAGE;
	/* Check the playbook before a database is created for it. */
	rc = playbook_check_file(ctx->playbook, &dl);
	if (rc == YJ_OK) {
		x = cli_open_engine(ctx, true, false, &e);
		if (x) {
			free(kv);
			diag_list_clear(&dl);
			return x;
		}
		rc = engine_new(e, ctx->playbook, title, drill, kv, n, &id, &dl, &why);
		engine_close(&e);
	}
	free(kv);
	cli_print_diags(&dl);
	if (rc != YJ_OK)
		x = why.len || !dl.errors ? cli_fail(rc, &why) : cli_exit_code(rc);
	else
		printf("%lld\n", (long long)id);
	diag_list_clear(&dl);
	sb_free(&why);
	return x;
}

/* ---- set, log ---- */

int
cmd_set(struct cli_ctx *ctx, int argc, char **argv)
{
	const struct cli_command *cmd = self("set");
	struct request rq = {.kind = REQ_SET};
	struct kv *kv = NULL;
	int64_t id;
	int x;

	if (argc < 3)
		return cli_usage_error(cmd, "set: give an incident ID and FIELD=VALUE");
	if (!cli_parse_id(cmd, argv[1], &id) || !parse_kv(cmd, argc, argv, 2, &kv, &rq.n_kv))
		return EXIT_USAGE;
	rq.kv = kv;
	x = submit(ctx, id, &rq, "fields recorded");
	free(kv);
	return x;
}

int
cmd_log(struct cli_ctx *ctx, int argc, char **argv)
{
	const struct cli_command *cmd = self("log");
	struct request rq = {.kind = REQ_NOTE};
	struct strbuf text = STRBUF_INIT;
	int64_t id;
	int x, first = 2;

	if (argc < 3)
		return cli_usage_error(cmd, "log: give an incident ID and the TEXT of the note");
	if (!cli_parse_id(cmd, argv[1], &id))
		return EXIT_USAGE;
	if (strcmp(argv[2], "--") == 0)
		first = 3;
	for (int i = first; i < argc; i++)
		sb_printf(&text, "%s%s", i > first ? " " : "", argv[i]);
	rq.text = sb_str(&text);
	x = submit(ctx, id, &rq, "note");
	sb_free(&text);
	return x;
}

/* ---- tick, advance, level ---- */

int
cmd_tick(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{"undo", no_argument, NULL, 'u'}, {"skip", no_argument, NULL, 's'},
		{"reason", required_argument, NULL, 'r'}, {NULL, 0, NULL, 0}};
	const struct cli_command *cmd = self("tick");
	struct request rq = {.kind = REQ_TICK, .tick = TICK_DO};
	char what[200];
	int64_t id;
	int c;

	while ((c = next_opt(argc, argv, opts)) != -1) {
		if (c == 'u' || c == 's') {
			if (rq.tick != TICK_DO)
				return cli_usage_error(cmd, "tick: --undo and --skip exclude each other");
			rq.tick = c == 'u' ? TICK_UNDO : TICK_SKIP;
		} else if (c == 'r') {
			rq.reason = optarg;
		} else {
			return bad_option(cmd, c, argv);
		}
	}
	if (argc - optind != 2)
		return cli_usage_error(cmd, "tick: give an incident ID and a checklist ITEM");
	if (!cli_parse_id(cmd, argv[optind], &id))
		return EXIT_USAGE;
	rq.item = argv[optind + 1];
	snprintf(what, sizeof(what), "%s %s",
		 rq.tick == TICK_DO ? "ticked" : rq.tick == TICK_SKIP ? "skipped" : "unticked",
		 rq.item);
	return submit(ctx, id, &rq, what);
}

/*
 * "ID [ARG] [--reason TEXT]", shared by advance and level.  Returns 0 and sets
 * *id, *arg (NULL when absent) and *reason, or the exit code of a usage error.
 */
static int
parse_id_arg_reason(const struct cli_command *cmd, int argc, char **argv, int64_t *id,
		    const char **arg, const char **reason)
{
	static const struct option opts[] = {{"reason", required_argument, NULL, 'r'},
					     {NULL, 0, NULL, 0}};
	int c;

	while ((c = next_opt(argc, argv, opts)) != -1) {
		if (c != 'r')
			return bad_option(cmd, c, argv);
		*reason = optarg;
	}
	if (argc - optind < 1 || argc - optind > 2)
		return cli_usage_error(cmd, "%s: give an incident ID and optionally %s", cmd->name,
				       cmd->usage);
	if (!cli_parse_id(cmd, argv[optind], id))
		return EXIT_USAGE;
	*arg = argc - optind == 2 ? argv[optind + 1] : NULL;
	return 0;
}

int
cmd_advance(struct cli_ctx *ctx, int argc, char **argv)
{
	struct request rq = {.kind = REQ_ADVANCE};
	char what[200];
	int64_t id;
	int x = parse_id_arg_reason(self("advance"), argc, argv, &id, &rq.decision, &rq.reason);

	if (x)
		return x;
	snprintf(what, sizeof(what), "decision %s", rq.decision ? rq.decision : "taken");
	return submit(ctx, id, &rq, what);
}

static int
print_suggestion(struct cli_ctx *ctx, int64_t id)
{
	struct strbuf out = STRBUF_INIT, clean = STRBUF_INIT;
	struct incident_view *v = NULL;
	const struct level_suggestion *s;
	int x = cli_load_state(ctx, id, 0, &v);

	if (x)
		return x;
	s = &v->st->suggestion;
	if (s->level < 0) {
		sb_append(&out, "suggested: none (no criterion matches)\n");
	} else {
		const struct pb_level *l = playbook_level(v->pb, (size_t)s->level);

		sb_printf(&out, "suggested: %s %s%s\n", l->m.id, l->name,
			  s->by_otherwise ? " (no more severe criterion matched)" : "");
	}
	for (size_t i = 0; i < s->n_matched_all; i++)
		sb_printf(&out, "  matched %s: %s\n", s->matched_all[i]->m.id,
			  s->matched_all[i]->text);
	if (v->st->level >= 0)
		sb_printf(&out, "confirmed: %s\n", playbook_level(v->pb, (size_t)v->st->level)->m.id);
	else
		sb_append(&out, "confirmed: none\n");
	text_sanitize(&clean, sb_str(&out), TEXT_KEEP_NEWLINES);
	x = cli_print(sb_str(&clean));
	incident_view_free(&v);
	sb_free(&clean);
	sb_free(&out);
	return x;
}

int
cmd_level(struct cli_ctx *ctx, int argc, char **argv)
{
	const struct cli_command *cmd = self("level");
	struct request rq = {.kind = REQ_LEVEL};
	char what[200];
	int64_t id;
	int x = parse_id_arg_reason(cmd, argc, argv, &id, &rq.level, &rq.reason);

	if (x)
		return x;
	if (!rq.level) {
		if (rq.reason)
			return cli_usage_error(cmd, "level: --reason goes with a LEVEL to confirm");
		return print_suggestion(ctx, id);
	}
	snprintf(what, sizeof(what), "level %s confirmed", rq.level);
	return submit(ctx, id, &rq, what);
}

/* ---- notify, assign, handover ---- */

int
cmd_notify(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {{"ack", no_argument, NULL, 'a'},
					     {"channel", required_argument, NULL, 'c'},
					     {NULL, 0, NULL, 0}};
	const struct cli_command *cmd = self("notify");
	struct request rq = {.kind = REQ_NOTIFY};
	char what[200];
	int64_t id;
	int c;

	while ((c = next_opt(argc, argv, opts)) != -1) {
		if (c == 'a')
			rq.ack = true;
		else if (c == 'c')
			rq.channel = optarg;
		else
			return bad_option(cmd, c, argv);
	}
	if (argc - optind != 2)
		return cli_usage_error(cmd, "notify: give an incident ID and a CONTACT");
	if (!cli_parse_id(cmd, argv[optind], &id))
		return EXIT_USAGE;
	rq.contact = argv[optind + 1];
	snprintf(what, sizeof(what), "%s %s", rq.contact, rq.ack ? "acknowledged" : "notified");
	return submit(ctx, id, &rq, what);
}

int
cmd_assign(struct cli_ctx *ctx, int argc, char **argv)
{
	const struct cli_command *cmd = self("assign");
	struct request rq = {.kind = REQ_ASSIGN};
	char what[300];
	int64_t id;

	if (argc != 4)
		return cli_usage_error(cmd, "assign: give an incident ID, a ROLE and a PERSON");
	if (!cli_parse_id(cmd, argv[1], &id))
		return EXIT_USAGE;
	rq.party = argv[2];
	rq.person = argv[3];
	snprintf(what, sizeof(what), "%s holds %s", rq.person, rq.party);
	return submit(ctx, id, &rq, what);
}

/* After a handover, show the incoming officer the briefing that was recorded. */
static int
print_briefing(struct cli_ctx *ctx, int64_t id, int64_t seq)
{
	struct strbuf out = STRBUF_INIT;
	struct incident_view *v = NULL;
	const char *brief;
	char pin[100], hex[2 * ENTRY_HASH_LEN + 1];
	int x = cli_load_state(ctx, id, seq, &v);

	if (x)
		return x;
	brief = value_get_str(v->entries[v->n - 1].payload, "briefing");
	text_sanitize(&out, brief ? brief : "", TEXT_KEEP_NEWLINES);
	entry_hash_hex(v->entries[v->n - 1].hash, hex);
	snprintf(pin, sizeof(pin), "%lld:%s", (long long)seq, hex);
	sb_printf(&out, "handover recorded at journal head %s\n", pin);
	cli_syslog_pin("handover", id, pin);
	x = cli_print(sb_str(&out));
	incident_view_free(&v);
	sb_free(&out);
	return x;
}

int
cmd_handover(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {{"role", required_argument, NULL, 'r'},
					     {NULL, 0, NULL, 0}};
	const struct cli_command *cmd = self("handover");
	struct request rq = {.kind = REQ_HANDOVER};
	struct strbuf why = STRBUF_INIT;
	struct engine *e = NULL;
	int64_t id, seq = 0;
	enum yj_status rc;
	int c, x;

	while ((c = next_opt(argc, argv, opts)) != -1) {
		if (c == 'r')
			rq.party = optarg;
		else
			return bad_option(cmd, c, argv);
	}
	if (argc - optind != 2)
		return cli_usage_error(cmd, "handover: give an incident ID and the incoming PERSON");
	if (!cli_parse_id(cmd, argv[optind], &id))
		return EXIT_USAGE;
	rq.person = argv[optind + 1];
	x = cli_open_engine(ctx, false, false, &e);
	if (x)
		return x;
	rc = engine_submit(e, id, &rq, &seq, &why);
	engine_close(&e);
	if (rc != YJ_OK) {
		x = cli_fail(rc, &why);
		sb_free(&why);
		return x;
	}
	sb_free(&why);
	return print_briefing(ctx, id, seq);
}

/* ---- annotate ---- */

int
cmd_annotate(struct cli_ctx *ctx, int argc, char **argv)
{
	const struct cli_command *cmd = self("annotate");
	struct request rq = {.kind = REQ_ANNOTATE};
	struct strbuf text = STRBUF_INIT;
	char what[64];
	long long seq;
	int64_t id;
	int x, first = 3;

	if (argc < 4)
		return cli_usage_error(cmd, "annotate: give an incident ID, an entry SEQ and TEXT");
	if (!cli_parse_id(cmd, argv[1], &id))
		return EXIT_USAGE;
	if (!str_to_ll(argv[2], &seq) || seq <= 0)
		return cli_usage_error(cmd, "annotate: '%s' is not an entry number", argv[2]);
	if (strcmp(argv[3], "--") == 0)
		first = 4;
	for (int i = first; i < argc; i++)
		sb_printf(&text, "%s%s", i > first ? " " : "", argv[i]);
	rq.seq = seq;
	rq.text = sb_str(&text);
	snprintf(what, sizeof(what), "annotation on entry %lld", seq);
	x = submit(ctx, id, &rq, what);
	sb_free(&text);
	return x;
}
