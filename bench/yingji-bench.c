/*
 * yingji-bench: `make bench`.  Generates (or finds in its cache) databases of
 * 1x, 4x and 16x 125,000 journal entries, measures every figure of
 * docs/PERFORMANCE.md against a baseline measured in the same run, prints the
 * table and writes it (Markdown) to --out.
 *
 *   yingji-bench --yingji src/yingji --playbooks DIR --cache DIR [--out FILE]
 *                [--runs N] [--scales 1,4,16]
 */
#include "config.h"

#include "bench/bench.h"
#include "engine/engine.h"
#include "io/clocks.h"
#include "io/playbook_load.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <errno.h>
#include <dirent.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>
#include <yaml.h>

/* The time every command of the benchmark runs at: the end of the generated decade. */
#define BENCH_NOW "2026-01-01 08:00"
#define BENCH_NOW_MS (INT64_C(1767225600000))

struct opts {
	const char *yingji, *playbooks, *cache, *out, *sqlite3, *sha256sum;
	int runs;
	int scales[3], n_scales;
};

struct db {
	int scale;
	char path[4096];
	int64_t largest_id, largest_n, entries, incidents;
};

/* ---- the table ---- */

struct row {
	char figure[96];
	double ours, base;
	const char *unit;	/* "ms", "entries/s", "MB/s", "MB" */
	bool higher_better;	/* a rate: the ratio is ours / baseline and must be at least */
	double ratio_target;	/* 0: none */
	double abs_target;	/* 0: none; ours must be at most this */
	char note[160];
};

static struct row rows[64];
static size_t n_rows;

static struct row *
add_row(const char *figure, double ours, double base, const char *unit)
{
	struct row *r = &rows[n_rows++];

	memset(r, 0, sizeof(*r));
	snprintf(r->figure, sizeof(r->figure), "%s", figure);
	r->ours = ours;
	r->base = base;
	r->unit = unit;
	return r;
}

static double
ratio(const struct row *r)
{
	if (!r->base || !r->ours)
		return 0;
	return r->ours / r->base;
}

static bool
passes(const struct row *r)
{
	bool ok = true;

	if (r->ratio_target)
		ok &= r->higher_better ? ratio(r) >= r->ratio_target : ratio(r) <= r->ratio_target;
	if (r->abs_target)
		ok &= r->ours <= r->abs_target;
	return ok && r->ours > 0;
}

static void
target_text(const struct row *r, char *buf, size_t n)
{
	char a[40] = "", b[40] = "";

	if (r->ratio_target)
		snprintf(a, sizeof(a), "%s %.2gx", r->higher_better ? ">=" : "<=", r->ratio_target);
	if (r->abs_target)
		snprintf(b, sizeof(b), "%s<= %g %s", *a ? ", " : "", r->abs_target, r->unit);
	snprintf(buf, n, "%s%s", *a || *b ? a : "-", b);
}

static void
fmt_value(double v, const char *unit, char *buf, size_t n)
{
	if (!v)
		snprintf(buf, n, "-");
	else if (!strcmp(unit, "ms") && v < 0.1)
		snprintf(buf, n, "%.3f ms", v);
	else if (!strcmp(unit, "ms"))
		snprintf(buf, n, v < 10 ? "%.2f ms" : "%.1f ms", v);
	else if (!strcmp(unit, "entries/s"))
		snprintf(buf, n, "%.0f entries/s", v);
	else
		snprintf(buf, n, "%.1f %s", v, unit);
}

static void
print_table(FILE *f)
{
	fprintf(f, "| figure | ours | baseline | ratio | target | pass |\n");
	fprintf(f, "|---|---|---|---|---|---|\n");
	for (size_t i = 0; i < n_rows; i++) {
		const struct row *r = &rows[i];
		char o[40], b[40], t[80], q[24] = "-";

		fmt_value(r->ours, r->unit, o, sizeof(o));
		fmt_value(r->base, r->unit, b, sizeof(b));
		if (ratio(r))
			snprintf(q, sizeof(q), "%.2fx", ratio(r));
		target_text(r, t, sizeof(t));
		fprintf(f, "| %s%s%s | %s | %s | %s | %s | %s |\n", r->figure, *r->note ? " — " : "",
			r->note, o, b, q, t,
			r->ratio_target || r->abs_target ? (passes(r) ? "yes" : "**no**") : "-");
	}
}

/* ---- running things ---- */

static char *const *
argv_of(const char *first, ...)
{
	static char *v[32];
	va_list ap;
	size_t n = 0;

	va_start(ap, first);
	for (const char *s = first; s && n < 31; s = va_arg(ap, const char *))
		v[n++] = (char *)(uintptr_t)s;
	va_end(ap);
	v[n] = NULL;
	return v;
}

/* Median wall time of `runs` runs of argv; *maxrss the largest peak seen; -1 on failure. */
static double
time_cmd(char *const *argv, int runs, const char *out, long *maxrss)
{
	double *t = xcalloc((size_t)runs, sizeof(*t));
	double m;

	for (int i = 0; i < runs; i++) {
		struct run r;

		if (run_cmd(argv, out, &r) != 0 || r.status != 0) {
			fprintf(stderr, "yingji-bench: %s %s failed (%d)\n", argv[0], argv[1], r.status);
			free(t);
			return -1;
		}
		t[i] = r.ms;
		if (maxrss && r.maxrss_kb > *maxrss)
			*maxrss = r.maxrss_kb;
	}
	m = median(t, (size_t)runs);
	free(t);
	return m;
}

/* Ours and the baseline, run in turns so that both see the same machine. */
static void
time_pair(char *const *ours_argv, char *const *base_argv, int runs, double *ours, double *base,
	  long *maxrss)
{
	char *o[32], *b[32];
	double *to = xcalloc((size_t)runs, sizeof(*to)), *tb = xcalloc((size_t)runs, sizeof(*tb));

	memcpy(o, ours_argv, sizeof(o));
	memcpy(b, base_argv, sizeof(b));
	for (int i = 0; i < runs; i++) {
		to[i] = time_cmd(o, 1, NULL, maxrss);
		tb[i] = time_cmd(b, 1, NULL, NULL);
	}
	*ours = median(to, (size_t)runs);
	*base = median(tb, (size_t)runs);
	free(to);
	free(tb);
}

static struct engine *
open_engine(const char *path, bool readonly)
{
	static struct yj_clock clock;
	struct strbuf why = STRBUF_INIT;
	struct engine_opts eo = {path, "bench", &clock, false, readonly};
	struct engine *e = NULL;

	clock_init_fixed(&clock, BENCH_NOW_MS);
	if (engine_open(&eo, &e, &why) != YJ_OK)
		fprintf(stderr, "yingji-bench: %s: %s\n", path, sb_str(&why));
	sb_free(&why);
	return e;
}

/* ---- the databases ---- */

static bool
file_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

static void
remove_db(const char *path)
{
	static const char *const suffix[] = {"", "-wal", "-shm", "-journal", ".ok"};
	char p[4200];

	for (size_t i = 0; i < 5; i++) {
		snprintf(p, sizeof(p), "%s%s", path, suffix[i]);
		unlink(p);
	}
}

/* Databases of other generator, schema or fold versions: never used again. */
static void
remove_stale(const struct opts *o)
{
	char keep[64], path[4200];
	struct dirent *de;
	DIR *dir = opendir(o->cache);

	snprintf(keep, sizeof(keep), "yingji-g%d-s%d-f%d-", GEN_VERSION, STORE_SCHEMA_VERSION,
		 INCIDENT_SNAPSHOT_VERSION);
	while (dir && (de = readdir(dir)) != NULL) {
		if (strncmp(de->d_name, "yingji-g", 8) != 0 || !strncmp(de->d_name, keep, strlen(keep)))
			continue;
		snprintf(path, sizeof(path), "%s/%s", o->cache, de->d_name);
		fprintf(stderr, "yingji-bench: removing %s (another version)\n", path);
		unlink(path);
	}
	if (dir)
		closedir(dir);
}

static int
ensure_db(const struct opts *o, struct db *d)
{
	char ok[4200];
	struct gen_result res;
	struct gen_opts go = {d->path, o->playbooks, d->scale, stderr};
	struct run r;
	FILE *f;

	snprintf(d->path, sizeof(d->path), "%s/yingji-g%d-s%d-f%d-%dx.db", o->cache, GEN_VERSION,
		 STORE_SCHEMA_VERSION, INCIDENT_SNAPSHOT_VERSION, d->scale);
	snprintf(ok, sizeof(ok), "%s.ok", d->path);
	if (file_exists(ok) && file_exists(d->path)) {
		fprintf(stderr, "yingji-bench: %dx: cached %s\n", d->scale, d->path);
	} else {
		remove_db(d->path);
		fprintf(stderr, "yingji-bench: %dx: generating %s\n", d->scale, d->path);
		if (gen_database(&go, &res) != 0)
			return 1;
		fprintf(stderr, "yingji-bench: %dx: %lld incidents (%lld open, %lld drills), %lld "
				"entries, largest %lld entries, in %.0f s\n",
			d->scale, (long long)res.incidents, (long long)res.open,
			(long long)res.drills, (long long)res.entries, (long long)res.largest_n,
			res.seconds);
		/* Only a database that verifies is used (and kept). */
		if (run_cmd(argv_of(o->yingji, "--db", d->path, "verify", NULL), NULL, &r) != 0 ||
		    r.status != 0) {
			fprintf(stderr, "yingji-bench: %dx: the generated database does not verify\n",
				d->scale);
			return 1;
		}
		f = fopen(ok, "w");
		if (f) {
			fprintf(f, "%lld entries, %lld incidents\n", (long long)res.entries,
				(long long)res.incidents);
			fclose(f);
		}
	}
	return baseline_largest(d->path, &d->largest_id, &d->largest_n);
}

/* ---- the figures ---- */

/* What one scale measured, for the table and the scaling check. */
struct scale_figures {
	double first, first_base;	/* (1) console first frame (or `list`); sqlite3 board query */
	double open, view, tail, show, select;	/* (2) console Enter->frame; in process; show */
	double verify_ms, verify_rate, sha_rate;	/* (6) */
	long console_kb, show_kb;	/* (7) */
};

static const char board_sql[] =
	"SELECT id, drill, closed, title, plan_id, phase, phase_title, level, opened_ms,"
	" updated_ms, next_due_ms, head_seq, head_hash FROM summary s"
	" WHERE s.drill = 0 AND s.closed = 0 AND EXISTS(SELECT 1 FROM incident i WHERE i.id = s.id)"
	" ORDER BY s.id DESC";

static bool console_ok = true;	/* cleared when the console does not report its first frame */

/* The largest incident's row on the board (open incidents, newest first); -1 if not there. */
static int
board_row(const struct db *d)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;
	int row = -1;

	if (sqlite3_open_v2(d->path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, "SELECT (SELECT count(*) FROM summary WHERE drill = 0 AND"
				   " closed = 0 AND id > ?1), closed, drill FROM summary WHERE id = ?1",
			       -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, d->largest_id);
		if (sqlite3_step(st) == SQLITE_ROW && !sqlite3_column_int(st, 1) &&
		    !sqlite3_column_int(st, 2))
			row = sqlite3_column_int(st, 0);
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
	return row;
}

/*
 * (1) console start to the board's first frame, against sqlite3 running the
 * board's query; (2) in the same console, Enter on the largest incident to
 * its first frame; (7) the console's peak memory with it open.  Without a
 * console (no first-frame mark), `yingji list` stands in for (1).
 */
static void
console(const struct opts *o, const struct db *d, struct scale_figures *f)
{
	char timefile[4200];
	double *t = xcalloc((size_t)o->runs, sizeof(*t)), *tb = xcalloc((size_t)o->runs, sizeof(*tb));
	double *to = xcalloc((size_t)o->runs, sizeof(*to));
	int row = board_row(d), opened = 0;

	snprintf(timefile, sizeof(timefile), "%s/startuptime.txt", o->cache);
	for (int i = 0; i < o->runs && console_ok; i++) {
		long kb = 0;
		double open = 0;

		if (run_console((char *const *)argv_of(o->yingji, "--db", d->path, "--startuptime",
						       timefile, NULL),
				timefile, row, 10000, &t[i], row >= 0 ? &open : NULL, &kb) != 0 &&
		    !t[i])
			console_ok = false;
		if (open > 0)
			to[opened++] = open;
		if (kb > f->console_kb)
			f->console_kb = kb;
		tb[i] = time_cmd((char *const *)argv_of(o->sqlite3, "-readonly", d->path, board_sql,
							NULL), 1, NULL, NULL);
	}
	unlink(timefile);
	if (console_ok) {
		f->first = median(t, (size_t)o->runs);
		f->first_base = median(tb, (size_t)o->runs);
		f->open = median(to, (size_t)opened);
	} else {
		fprintf(stderr, "yingji-bench: no first frame from the console: timing `list`\n");
		time_pair((char *const *)argv_of(o->yingji, "--db", d->path, "list", NULL),
			  (char *const *)argv_of(o->sqlite3, "-readonly", d->path, board_sql, NULL),
			  o->runs, &f->first, &f->first_base, NULL);
		f->console_kb = peak_cmd((char *const *)argv_of(o->yingji, "--db", d->path, "list",
								NULL));
	}
	free(t);
	free(tb);
	free(to);
}

/* (2) `show --json` on the largest incident, against sqlite3 selecting its entries. */
static void
largest_show(const struct opts *o, const struct db *d, struct scale_figures *f)
{
	char id[32], *sql;

	snprintf(id, sizeof(id), "%lld", (long long)d->largest_id);
	sql = xasprintf("SELECT * FROM journal WHERE incident = %s ORDER BY seq", id);
	time_pair((char *const *)argv_of(o->yingji, "--db", d->path, "show", "--json", id, NULL),
		  (char *const *)argv_of(o->sqlite3, "-readonly", d->path, sql, NULL), o->runs,
		  &f->show, &f->select, NULL);
	f->show_kb = peak_cmd((char *const *)argv_of(o->yingji, "--db", d->path, "show", "--json",
						     id, NULL));
	free(sql);
}

/* (2) in the process: engine_view (the whole journal, as the incident view loads it) or the tail. */
static double
largest_view(const struct opts *o, const struct db *d, bool whole)
{
	struct engine *e = open_engine(d->path, true);
	double *t = xcalloc((size_t)o->runs, sizeof(*t)), m;

	for (int i = 0; e && i < o->runs; i++) {
		struct strbuf why = STRBUF_INIT;
		struct incident_view *v = NULL;
		double t0 = now_ms();
		enum yj_status rc = whole ? engine_view(e, d->largest_id, 0, &v, &why)
					  : engine_view_tail(e, d->largest_id, 0, &v, &why);

		t[i] = now_ms() - t0;
		if (rc != YJ_OK)
			fprintf(stderr, "yingji-bench: view: %s\n", sb_str(&why));
		incident_view_free(&v);
		sb_free(&why);
	}
	m = median(t, (size_t)o->runs);
	engine_close(&e);
	free(t);
	return m;
}

/* (6) verify of the whole database, against sha256sum over as many bytes (as rates). */
static void
verify_rate(const struct opts *o, const struct db *d, int runs, struct scale_figures *f)
{
	int64_t bytes = baseline_hashed_bytes(d->path);
	char blob[4200];
	double tb;
	FILE *in, *out;

	snprintf(blob, sizeof(blob), "%s/hashed-%dx.bin", o->cache, d->scale);
	in = fopen(d->path, "rb");
	out = fopen(blob, "wb");
	for (int64_t left = bytes; in && out && left > 0;) {
		static char buf[1 << 16];
		size_t n = fread(buf, 1, left < (int64_t)sizeof(buf) ? (size_t)left : sizeof(buf), in);

		if (!n)
			rewind(in);
		fwrite(buf, 1, n, out);
		left -= (int64_t)n;
	}
	if (in)
		fclose(in);
	if (out)
		fclose(out);
	time_pair((char *const *)argv_of(o->yingji, "--db", d->path, "verify", NULL),
		  (char *const *)argv_of(o->sha256sum, blob, NULL), runs, &f->verify_ms, &tb, NULL);
	unlink(blob);
	f->verify_rate = (double)bytes / 1e6 / (f->verify_ms / 1000);
	f->sha_rate = (double)bytes / 1e6 / (tb / 1000);
}

static int
copy_file(const char *from, const char *to)
{
	static char buf[1 << 20];
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	size_t n;
	int rc = in && out ? 0 : 1;

	while (rc == 0 && (n = fread(buf, 1, sizeof(buf), in)) > 0)
		rc = fwrite(buf, 1, n, out) != n;
	if (in)
		fclose(in);
	if (out && fclose(out) != 0)
		rc = 1;
	return rc;
}

/* (3) and (4): appends, on a copy of the database (the cached one stays as generated). */
static void
appends(const struct opts *o, const struct db *d)
{
	char copy[4200], id[32], sql[512];
	double ours, base;
	double rate_o[5], rate_b[5], rate_end[5];
	int64_t beside = d->largest_id > 1 ? d->largest_id - 1 : d->largest_id + 1;
	struct engine *e;
	struct row *r;
	int n = 500;

	snprintf(copy, sizeof(copy), "%s/append-%dx.db", o->cache, d->scale);
	remove_db(copy);
	if (copy_file(d->path, copy) != 0 || baseline_prepare(copy) != 0) {
		fprintf(stderr, "yingji-bench: cannot copy %s\n", d->path);
		return;
	}
	snprintf(id, sizeof(id), "%lld", (long long)d->largest_id);
	snprintf(sql, sizeof(sql), "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;"
				   " PRAGMA busy_timeout = 10000; INSERT INTO bench_insert(incident, seq,"
				   " ts_ms, operator, kind, payload, prev, hash) VALUES(1, 1, 1, 'bench',"
				   " 'note', '{\"text\":\"持续监测中，暂无异常。\"}', zeroblob(32),"
				   " zeroblob(32));");
	time_pair((char *const *)argv_of(o->yingji, "--db", copy, "log", id, "持续监测中，暂无异常。",
					 NULL),
		  (char *const *)argv_of(o->sqlite3, copy, sql, NULL), o->runs, &ours, &base, NULL);
	r = add_row("(3) one durable append, `yingji log` on the largest incident", ours, base,
		    "ms");
	r->ratio_target = 1.3;
	snprintf(r->note, sizeof(r->note), "vs the sqlite3 shell inserting one row");
	e = open_engine(copy, false);
	for (int k = 0; e && k < 5; k++) {
		struct request rq = {.kind = REQ_NOTE, .text = "持续监测中，暂无异常。"};
		struct strbuf why = STRBUF_INIT;
		double t0 = now_ms();
		int i;

		for (i = 0; i < n; i++)
			if (engine_submit(e, d->largest_id, &rq, NULL, &why) != YJ_OK)
				break;
		rate_o[k] = i == n ? n / ((now_ms() - t0) / 1000) : 0;
		if (i != n)
			fprintf(stderr, "yingji-bench: append: %s\n", sb_str(&why));
		sb_free(&why);
		rate_b[k] = baseline_insert_rate(copy, n, beside, INT64_C(1000000000) + k * n);
		rate_end[k] = baseline_insert_rate(copy, n, 0, k * n);
	}
	engine_close(&e);
	r = add_row("(4) sustained durable appends in one process", median(rate_o, 5),
		    median(rate_b, 5), "entries/s");
	r->higher_better = true;
	r->ratio_target = 0.8;
	snprintf(r->note, sizeof(r->note), "vs a C loop of plain SQLite inserts of journal rows "
		 "into the journal, beside another incident's");
	r = add_row("(4) the same, against inserts at the end of a table of their own",
		    median(rate_o, 5), median(rate_end, 5), "entries/s");
	r->higher_better = true;
	snprintf(r->note, sizeof(r->note), "for reference: no page splits in the middle of a "
		 "clustered table");
	remove_db(copy);
}

/* (5) replay on the largest incident: one step forward or back, per step. */
static void
replay(const struct opts *o, const struct db *d)
{
	struct engine *e = open_engine(d->path, true);
	struct engine_replay *rp = NULL;
	struct strbuf why = STRBUF_INIT;
	const struct incident *st;
	enum { STEPS = 300 };
	double fwd[STEPS], back[STEPS], naive[9];
	int64_t mid = d->largest_n / 2;
	struct row *r;

	if (!e || engine_replay_open(e, d->largest_id, &rp, &why) != YJ_OK) {
		fprintf(stderr, "yingji-bench: replay: %s\n", sb_str(&why));
		engine_close(&e);
		sb_free(&why);
		return;
	}
	engine_replay_seek(rp, mid, &st, &why);
	for (int i = 0; i < STEPS; i++) {
		double t0 = now_ms();

		engine_replay_seek(rp, mid + 1 + i, &st, &why);
		fwd[i] = now_ms() - t0;
	}
	for (int i = 0; i < STEPS; i++) {
		double t0 = now_ms();

		engine_replay_seek(rp, mid + STEPS - 1 - i, &st, &why);
		back[i] = now_ms() - t0;
	}
	/* What a step would cost folding the prefix again (engine_view with upto). */
	for (int i = 0; i < 9; i++) {
		struct incident_view *v = NULL;
		double t0 = now_ms();

		engine_view(e, d->largest_id, mid - i, &v, &why);
		naive[i] = now_ms() - t0;
		incident_view_free(&v);
	}
	r = add_row("(5) replay, one step forward on the largest incident", median(fwd, STEPS),
		    median(naive, 9), "ms");
	r->abs_target = 2;
	snprintf(r->note, sizeof(r->note), "baseline: refolding the prefix (engine_view upto)");
	r = add_row("(5) replay, one step back on the largest incident", median(back, STEPS),
		    median(naive, 9), "ms");
	r->abs_target = 2;
	engine_replay_free(&rp);
	engine_close(&e);
	sb_free(&why);
}

/* (8) the lucheng playbook, read and checked; against libyaml's parse alone. */
static void
playbook(const struct opts *o)
{
	char path[4096];
	double ours[51], base[51];
	struct row *r;

	snprintf(path, sizeof(path), "%s/lucheng-2017.yaml", o->playbooks);
	for (int i = 0; i < 51; i++) {
		struct diag_list dl = {0};
		struct playbook *pb = NULL;
		yaml_parser_t p;
		yaml_event_t ev;
		FILE *f;
		double t0 = now_ms();
		bool done = false;

		playbook_load(path, &pb, &dl);
		ours[i] = now_ms() - t0;
		playbook_free(&pb);
		diag_list_clear(&dl);
		t0 = now_ms();
		f = fopen(path, "rb");
		yaml_parser_initialize(&p);
		if (f)
			yaml_parser_set_input_file(&p, f);
		while (f && !done && yaml_parser_parse(&p, &ev)) {
			done = ev.type == YAML_STREAM_END_EVENT;
			yaml_event_delete(&ev);
		}
		yaml_parser_delete(&p);
		if (f)
			fclose(f);
		base[i] = now_ms() - t0;
	}
	r = add_row("(8) loading the lucheng playbook", median(ours, 51), median(base, 51), "ms");
	r->abs_target = 2;
	snprintf(r->note, sizeof(r->note), "vs libyaml parsing the file alone");
}

/* ---- the report ---- */

static void
machine(FILE *f)
{
	struct utsname u;
	char line[256], model[160] = "?";
	long mem_kb = 0;
	FILE *c = fopen("/proc/cpuinfo", "r"), *m = fopen("/proc/meminfo", "r");

	while (c && fgets(line, sizeof(line), c))
		if (!strncmp(line, "model name", 10) && strchr(line, ':')) {
			snprintf(model, sizeof(model), "%s", strchr(line, ':') + 2);
			model[strcspn(model, "\n")] = '\0';
			break;
		}
	while (m && fgets(line, sizeof(line), m))
		if (sscanf(line, "MemTotal: %ld kB", &mem_kb) == 1)
			break;
	if (c)
		fclose(c);
	if (m)
		fclose(m);
	uname(&u);
	fprintf(f, "Machine: %s, %ld CPUs, %.1f GB RAM, %s %s; SQLite %s.\n", model,
		sysconf(_SC_NPROCESSORS_ONLN), (double)mem_kb / 1048576, u.sysname, u.release,
		sqlite3_libversion());
}

static void
scale_table(FILE *f, const struct db *dbs, size_t n, const struct scale_figures *sf)
{
	fprintf(f, "| scale | entries | incidents | largest | (1) %s | sqlite3 board query |"
		   " (2) console: Enter to frame | (2) engine_view | (2) show --json |"
		   " sqlite3 select | (6) verify | verify | sha256sum |\n",
		console_ok ? "first frame" : "`list`");
	fprintf(f, "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
	for (size_t i = 0; i < n; i++)
		fprintf(f, "| %dx | %lld | %lld | %lld | %.2f ms | %.2f ms | %.2f ms | %.2f ms | "
			   "%.2f ms | %.2f ms | %.2f s | %.0f MB/s | %.0f MB/s |\n",
			dbs[i].scale, (long long)dbs[i].entries, (long long)dbs[i].incidents,
			(long long)dbs[i].largest_n, sf[i].first, sf[i].first_base, sf[i].open,
			sf[i].view, sf[i].show, sf[i].select, sf[i].verify_ms / 1000,
			sf[i].verify_rate, sf[i].sha_rate);
}

static const char *
find_tool(const char *name)
{
	static char found[2][4096];
	static int k;
	const char *path = getenv("PATH");
	char *dirs = xstrdup(path ? path : "/usr/bin:/bin");
	const char *res = NULL;

	for (char *d = strtok(dirs, ":"); d && !res; d = strtok(NULL, ":")) {
		snprintf(found[k], sizeof(found[k]), "%s/%s", d, name);
		if (access(found[k], X_OK) == 0)
			res = found[k];
	}
	free(dirs);
	if (res)
		k = (k + 1) % 2;
	return res;
}

static void
count(struct db *d)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *st = NULL;

	if (sqlite3_open_v2(d->path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(db, "SELECT (SELECT count(*) FROM incident),"
				   " (SELECT sum(head_seq) FROM summary)", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW) {
		d->incidents = sqlite3_column_int64(st, 0);
		d->entries = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	sqlite3_close(db);
}

static int
parse_args(int argc, char **argv, struct opts *o)
{
	static const struct option opts[] = {
		{"yingji", required_argument, NULL, 'y'}, {"playbooks", required_argument, NULL, 'p'},
		{"cache", required_argument, NULL, 'c'},  {"out", required_argument, NULL, 'o'},
		{"runs", required_argument, NULL, 'r'},   {"scales", required_argument, NULL, 's'},
		{NULL, 0, NULL, 0}};
	int c;

	o->runs = 15;
	o->n_scales = 3;
	o->scales[0] = 1, o->scales[1] = 4, o->scales[2] = 16;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'y': o->yingji = optarg; break;
		case 'p': o->playbooks = optarg; break;
		case 'c': o->cache = optarg; break;
		case 'o': o->out = optarg; break;
		case 'r': o->runs = atoi(optarg) > 0 ? atoi(optarg) : 15; break;
		case 's':
			o->n_scales = sscanf(optarg, "%d,%d,%d", &o->scales[0], &o->scales[1],
					     &o->scales[2]);
			break;
		default: return 1;
		}
	}
	return !o->yingji || !o->playbooks || !o->cache || o->n_scales < 1;
}

/* The main table, from the figures of the largest scale and the in-process ones. */
static void
main_rows(const struct opts *o, const struct db *d, const struct scale_figures *f)
{
	struct row *r;

	r = add_row(console_ok ? "(1) console start to the board's first frame"
			       : "(1) `yingji list` (stand-in: no console)",
		    f->first, f->first_base, "ms");
	r->ratio_target = 1.5;
	r->abs_target = 10;
	snprintf(r->note, sizeof(r->note), "vs sqlite3 running the board's query");
	if (console_ok && f->open > 0) {
		r = add_row("(2) console: Enter on the largest incident to its first frame", f->open,
			    f->select, "ms");
		r->ratio_target = 2;
		r->abs_target = 25;
		snprintf(r->note, sizeof(r->note), "%lld entries; vs sqlite3 selecting them",
			 (long long)d->largest_n);
	}
	r = add_row("(2) the largest incident folded with its whole journal (engine_view)", f->view,
		    f->select, "ms");
	r->ratio_target = 2;
	r->abs_target = 25;
	snprintf(r->note, sizeof(r->note), "in process");
	r = add_row("(2) its state alone, from its snapshot (engine_view_tail)", f->tail, f->select,
		    "ms");
	r->ratio_target = 2;
	r->abs_target = 25;
	snprintf(r->note, sizeof(r->note), "in process");
	r = add_row("(2) `yingji show --json` on the largest incident", f->show, f->select, "ms");
	r->ratio_target = 2;
	r->abs_target = 25;
	appends(o, d);
	replay(o, d);
	r = add_row("(6) `yingji verify` of the whole database", f->verify_rate, f->sha_rate, "MB/s");
	r->higher_better = true;
	r->ratio_target = 0.5;
	snprintf(r->note, sizeof(r->note), "%.1f s; vs sha256sum over as many bytes",
		 f->verify_ms / 1000);
	r = add_row(console_ok ? "(7) peak memory of the console, the largest incident open"
			       : "(7) peak memory of `list`", (double)f->console_kb / 1024, 0, "MB");
	r->abs_target = 16;
	r = add_row("(7) peak memory of `show --json` on the largest incident",
		    (double)f->show_kb / 1024, 0, "MB");
	r->abs_target = 16;
	playbook(o);
}

int
main(int argc, char **argv)
{
	struct opts o = {0};
	struct db dbs[3];
	struct scale_figures sf[3];
	double t0 = now_ms();
	FILE *out;
	int last;

	if (parse_args(argc, argv, &o)) {
		fprintf(stderr, "usage: yingji-bench --yingji PATH --playbooks DIR --cache DIR "
				"[--out FILE] [--runs N] [--scales 1,4,16]\n");
		return 64;
	}
	o.sqlite3 = find_tool("sqlite3");
	o.sha256sum = find_tool("sha256sum");
	if (!o.sqlite3 || !o.sha256sum) {
		fprintf(stderr, "yingji-bench: needs sqlite3 and sha256sum on the PATH\n");
		return 69;
	}
	mkdir(o.cache, 0700);
	setenv("TZ", "CST-8", 1);
	setenv("LC_ALL", "C.UTF-8", 1);
	setenv("TERM", "xterm-256color", 1);
	setenv("YINGJI_NOW", BENCH_NOW, 1);
	setenv("YINGJI_OPERATOR", "bench", 1);
	unsetenv("YINGJI_DB");
	unsetenv("NO_COLOR");
	tzset();
	memset(sf, 0, sizeof(sf));
	remove_stale(&o);
	for (int i = 0; i < o.n_scales; i++) {
		dbs[i].scale = o.scales[i];
		if (ensure_db(&o, &dbs[i]) != 0)
			return 1;
		count(&dbs[i]);
	}
	fprintf(stderr, "yingji-bench: measuring (%d runs per figure)\n", o.runs);
	last = o.n_scales - 1;
	for (int i = 0; i < o.n_scales; i++) {
		fprintf(stderr, "yingji-bench: %dx\n", dbs[i].scale);
		console(&o, &dbs[i], &sf[i]);
		largest_show(&o, &dbs[i], &sf[i]);
		sf[i].view = largest_view(&o, &dbs[i], true);
		sf[i].tail = largest_view(&o, &dbs[i], false);
		verify_rate(&o, &dbs[i], i == last ? 5 : 3, &sf[i]);
	}
	main_rows(&o, &dbs[last], &sf[last]);
	out = o.out ? fopen(o.out, "w") : NULL;
	for (FILE *f = stdout; f; f = f == stdout ? out : NULL) {
		fprintf(f, "\n");
		machine(f);
		fprintf(f, "Database (%dx): %lld incidents, %lld journal entries; the largest incident "
			   "has %lld.  Medians of %d runs.\n\n", dbs[last].scale,
			(long long)dbs[last].incidents, (long long)dbs[last].entries,
			(long long)dbs[last].largest_n, o.runs);
		print_table(f);
		fprintf(f, "\nScaling (medians):\n\n");
		scale_table(f, dbs, (size_t)o.n_scales, sf);
	}
	if (out)
		fclose(out);
	fprintf(stderr, "yingji-bench: done in %.0f s\n", (now_ms() - t0) / 1000);
	return 0;
}
