/* The commands that read: list, show, export. */
#include "config.h"

#include "cli/cli.h"
#include "core/contact_book.h"
#include "core/report.h"
#include "engine/engine.h"
#include "io/json.h"
#include "util/str.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/timefmt.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int
bad_option(const struct cli_command *cmd, int c, char **argv)
{
	if (c == ':')
		return cli_usage_error(cmd, "option '%s' needs a value", argv[optind - 1]);
	return cli_usage_error(cmd, "unknown option '%s'", argv[optind - 1]);
}

static int
print_json(struct value *v)
{
	char *text = json_encode(v, JSON_PRETTY);
	int x = cli_print(text);

	if (x == EXIT_OK)
		x = cli_print("\n");
	free(text);
	return x;
}

/* ---- list ---- */

static struct value *
summary_value(const struct incident_summary *s)
{
	struct value *o = value_obj();
	char t[40];

	value_set_int(o, "id", s->id);
	value_set_str(o, "title", s->title ? s->title : "");
	value_set_bool(o, "drill", s->drill);
	value_set_bool(o, "closed", s->closed);
	value_set(o, "plan", s->plan_id ? value_str(s->plan_id) : value_null());
	value_set(o, "phase", s->phase ? value_str(s->phase) : value_null());
	value_set(o, "phase_title", s->phase_title ? value_str(s->phase_title) : value_null());
	value_set(o, "level", s->level ? value_str(s->level) : value_null());
	time_format_iso(s->opened_ms, t, sizeof(t));
	value_set_str(o, "opened_at", t);
	time_format_iso(s->updated_ms, t, sizeof(t));
	value_set_str(o, "updated_at", t);
	if (s->next_due_ms) {
		time_format_iso(s->next_due_ms, t, sizeof(t));
		value_set_str(o, "next_due", t);
	} else {
		value_set(o, "next_due", value_null());
	}
	value_set_int(o, "head_seq", s->head_seq);
	return o;
}

static void
list_line(struct strbuf *out, const struct incident_summary *s)
{
	char t[32] = "-";

	if (s->next_due_ms)
		time_format_local_short(s->next_due_ms, t, sizeof(t));
	sb_printf(out, "%5lld  ", (long long)s->id);
	text_fit(out, s->level ? s->level : "-", 5, true);
	sb_append(out, "  ");
	text_fit(out, s->phase_title ? s->phase_title : "-", 14, true);
	sb_printf(out, "  %-16s  ", s->closed ? "closed" : t);
	text_fit(out, s->title ? s->title : "", 60, false);
	sb_append(out, s->drill ? "  [DRILL]\n" : "\n");
}

int
cmd_list(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{"open", no_argument, NULL, 'o'},   {"closed", no_argument, NULL, 'c'},
		{"all", no_argument, NULL, 'a'},    {"drills", no_argument, NULL, 'd'},
		{"json", no_argument, NULL, 'j'},   {NULL, 0, NULL, 0}};
	const struct cli_command *cmd = cli_find_command("list");
	enum store_list_filter filter = STORE_LIST_OPEN;
	struct incident_summary *v = NULL;
	struct strbuf out = STRBUF_INIT;
	struct engine *e = NULL;
	bool json = false;
	size_t n = 0;
	int c, x, filters = 0;
	enum yj_status rc;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (c == 'j') {
			json = true;
			continue;
		}
		if (c != 'o' && c != 'c' && c != 'a' && c != 'd')
			return bad_option(cmd, c, argv);
		filters++;
		filter = c == 'o' ? STORE_LIST_OPEN : c == 'c' ? STORE_LIST_CLOSED
				 : c == 'a' ? STORE_LIST_ALL : STORE_LIST_DRILLS;
	}
	if (filters > 1)
		return cli_usage_error(cmd, "list: choose one of --open, --closed, --all, --drills");
	if (optind != argc)
		return cli_usage_error(cmd, "list: unexpected argument '%s'", argv[optind]);
	if (access(ctx->db, F_OK) != 0 && errno == ENOENT)
		return json ? cli_print("[]\n") : EXIT_OK;	/* no database yet: nothing to list */
	x = cli_open_engine(ctx, false, true, &e);
	if (x)
		return x;
	rc = store_list(engine_store(e), filter, &v, &n);
	if (rc != YJ_OK) {
		cli_error("%s", store_error(engine_store(e)));
		engine_close(&e);
		return cli_exit_code(rc);
	}
	engine_close(&e);
	if (json) {
		struct value *arr = value_arr();

		for (size_t i = 0; i < n; i++)
			value_push(arr, summary_value(&v[i]));
		x = print_json(arr);
		value_free(&arr);
	} else {
		if (n)
			sb_append(&out, "   ID  LEVEL  PHASE           NEXT DUE          TITLE\n");
		for (size_t i = 0; i < n; i++)
			list_line(&out, &v[i]);
		x = cli_print(sb_str(&out));
	}
	store_free_summaries(&v, n);
	sb_free(&out);
	return x;
}

/* ---- show ---- */

static bool
parse_seq(const char *s, int64_t *seq)
{
	long long v;

	if (!str_to_ll(s, &v) || v <= 0)
		return false;
	*seq = v;
	return true;
}

int
cmd_show(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {{"json", no_argument, NULL, 'j'},
					     {"at", required_argument, NULL, 'a'},
					     {NULL, 0, NULL, 0}};
	const struct cli_command *cmd = cli_find_command("show");
	struct contact_book *book = NULL;
	struct incident_view *v = NULL;
	struct strbuf out = STRBUF_INIT;
	bool json = false;
	int64_t id, at = 0;
	int c, x;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (c == 'j')
			json = true;
		else if (c == 'a' && !parse_seq(optarg, &at))
			return cli_usage_error(cmd, "show: --at takes an entry number, not '%s'", optarg);
		else if (c != 'a')
			return bad_option(cmd, c, argv);
	}
	if (argc - optind != 1)
		return cli_usage_error(cmd, "show: give one incident ID");
	if (!cli_parse_id(cmd, argv[optind], &id))
		return EXIT_USAGE;
	x = cli_load_contacts(ctx, &book, NULL);
	if (!x)
		x = cli_load_state(ctx, id, at, &v);
	if (x) {
		contact_book_free(&book);
		return x;
	}
	if (json) {
		struct value *val = report_state_value(v->st);
		struct value *people = contact_book_value(book, v->st);

		/* A key of its own: the state's keys stay as they are (CLI.md). */
		if (people)
			value_set(val, "local_contacts", people);
		x = print_json(val);
		value_free(&val);
	} else {
		report_state_text(v->st, book, &out);
		x = cli_print(sb_str(&out));
	}
	contact_book_free(&book);
	incident_view_free(&v);
	sb_free(&out);
	return x;
}

/* ---- export ---- */

static int
write_out(const char *path, const char *text)
{
	size_t len = strlen(text);
	int fd;

	if (!path)
		return cli_print(text);
	/* Reports carry incident details: private to their owner, like the database,
	 * even when an older copy was readable by others; never through a symlink. */
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOCTTY | O_NOFOLLOW, 0600);
	if (fd < 0) {
		cli_error("cannot write %s: %s", path, strerror(errno));
		return errno == ENOENT ? EXIT_NOINPUT : EXIT_IOERR;
	}
	if (fchmod(fd, 0600) != 0) {
		cli_error("cannot make %s private: %s", path, strerror(errno));
		close(fd);
		return EXIT_IOERR;
	}
	if (write(fd, text, len) != (ssize_t)len || close(fd) != 0) {
		cli_error("cannot write %s: %s", path, strerror(errno));
		return EXIT_IOERR;
	}
	return EXIT_OK;
}

int
cmd_export(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {{"report", required_argument, NULL, 'r'},
					     {"format", required_argument, NULL, 'f'},
					     {"output", required_argument, NULL, 'o'},
					     {NULL, 0, NULL, 0}};
	const struct cli_command *cmd = cli_find_command("export");
	enum report_kind kind = REPORT_INCIDENT;
	enum report_format fmt = FORMAT_TXT;
	struct incident_view *v = NULL;
	struct strbuf out = STRBUF_INIT;
	struct value *json = NULL;
	const char *path = NULL;
	char pin[100], hex[2 * ENTRY_HASH_LEN + 1];
	int64_t id;
	int c, x;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:", opts, NULL)) != -1) {
		if (c == 'r' && !report_kind_parse(optarg, &kind))
			return cli_usage_error(cmd, "export: unknown report '%s' (incident, "
						    "bulletin, timeline or review)", optarg);
		if (c == 'f' && !report_format_parse(optarg, &fmt))
			return cli_usage_error(cmd, "export: unknown format '%s' (txt, md, json or "
						    "csv)", optarg);
		if (c == 'o')
			path = optarg;
		if (c != 'r' && c != 'f' && c != 'o')
			return bad_option(cmd, c, argv);
	}
	if (argc - optind != 1)
		return cli_usage_error(cmd, "export: give one incident ID");
	/* A bulletin is a document sent upward, not a table: no CSV of it. */
	if (kind == REPORT_BULLETIN && fmt == FORMAT_CSV)
		return cli_usage_error(cmd, "export: a bulletin is a document, not a table; "
					    "use --format txt, md or json");
	if (!cli_parse_id(cmd, argv[optind], &id))
		return EXIT_USAGE;
	x = cli_load_view(ctx, id, 0, &v);
	if (x)
		return x;
	report_export(v->st, kind, fmt, &out, &json);
	if (json) {
		char *text = json_encode(json, JSON_PRETTY);

		sb_append(&out, text);
		sb_append(&out, "\n");
		free(text);
		value_free(&json);
	}
	entry_hash_hex(v->entries[v->n - 1].hash, hex);
	snprintf(pin, sizeof(pin), "%lld:%s", (long long)v->entries[v->n - 1].seq, hex);
	cli_syslog_pin("export", id, pin);
	x = write_out(path, sb_str(&out));
	incident_view_free(&v);
	sb_free(&out);
	return x;
}
