/*
 * Drills: the scenario builder (core/scenario_build.c), scoring (core/score.c)
 * on in-memory journals at the boundaries of every time limit, the demo
 * script's rehearsal (core/demo.c), the accelerated clock (io/clocks.c), and
 * drills through the engine (engine/drill.c) on a real database file.
 */
#include "config.h"

#include "core/demo.h"
#include "core/scenario.h"
#include "core/score.h"
#include "engine/drill.h"
#include "io/clocks.h"
#include "io/json.h"
#include "io/playbook_load.h"
#include "io/scenario_load.h"
#include "io/yaml_doc.h"
#include "tests.h"
#include "util/strbuf.h"
#include "util/timefmt.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* 2026-11-22 09:00:00 +08:00: the drill's start. */
#define T0 INT64_C(1795309200000)
#define SEC INT64_C(1000)
#define MIN INT64_C(60000)

static const char scenario_text[] =
	"yingji_drill: 1\n"
	"id: unit\n"
	"title: 单元测试演练\n"
	"playbook: {plan: lucheng-2017}\n"
	"briefing: 测试\n"
	"opening:\n"
	"  title: 测试报告\n"
	"  facts:\n"
	"    discovered_at: T-10m\n"
	"    place: 机房\n"
	"injects:\n"
	"  - {id: b, at: 10m, message: 第二条, facts: {affected_people: 150000}}\n"
	"  - {id: a, at: 5m, message: 第一条, answers: {III-1: yes}}\n"
	"  - {id: c, at: 10m, message: 同时的第三条}\n"
	"expect:\n"
	"  level: III\n"
	"  groups: [news]\n"
	"  contacts: [hq-line]\n"
	"limits:\n"
	"  - {id: notify-hq, text: 10分钟内报告市指挥部, within: 10m, met: \"notify:hq-line\"}\n"
	"  - {id: office, text: 报告办公室, within: 20m, met: \"tick:report-office\"}\n";

static struct playbook *
lucheng(void)
{
	char path[4096];
	struct diag_list dl = {0};
	struct playbook *pb = NULL;

	snprintf(path, sizeof(path), "%s/lucheng-2017.yaml", test_playbook_dir());
	ck_assert_int_eq(playbook_load(path, &pb, &dl), YJ_OK);
	diag_list_clear(&dl);
	return pb;
}

/* Build `text` as a scenario; the first diagnostic (if any) goes to `first`. */
static enum yj_status
build(const struct playbook *pb, const char *text, struct scenario **sc, char *first, size_t n)
{
	struct diag_list dl = {0};
	enum yj_status rc = scenario_load_bytes("t.yaml", text, strlen(text), pb, sc, &dl);

	first[0] = '\0';
	if (dl.n) {
		char *line;

		diag_sort(&dl);
		line = diag_format(&dl.items[0]);
		snprintf(first, n, "%s", line);
		free(line);
	}
	diag_list_clear(&dl);
	return rc;
}

/* ---- the builder ---- */

START_TEST(test_scenario_model)
{
	struct playbook *pb = lucheng();
	struct scenario *sc = NULL;
	const struct sc_opening *op;
	struct sc_kv kv;
	char first[512], iso[40];

	ck_assert_msg(build(pb, scenario_text, &sc, first, sizeof(first)) == YJ_OK, "%s", first);
	ck_assert_str_eq(scenario_id(sc), "unit");
	ck_assert(!scenario_has_start(sc));
	ck_assert_int_eq(scenario_start_ms(sc, T0), T0);
	/* Delivery order: by `at`, ties as written. */
	ck_assert_uint_eq(scenario_inject_count(sc), 3);
	ck_assert_str_eq(scenario_inject(sc, 0)->id, "a");
	ck_assert_str_eq(scenario_inject(sc, 1)->id, "b");
	ck_assert_str_eq(scenario_inject(sc, 2)->id, "c");
	ck_assert_int_eq(scenario_inject(sc, 1)->at, 600);
	/* "T-10m" becomes a time ten minutes before the start. */
	op = scenario_opening(sc);
	sc_facts_kv(&op->facts, T0, &kv);
	time_format_iso(T0 - 10 * MIN, iso, sizeof(iso));
	ck_assert_str_eq(kv.v[0].key, "discovered_at");
	ck_assert_str_eq(kv.v[0].value, iso);
	ck_assert_str_eq(kv.v[1].value, "机房");
	sc_kv_free(&kv);
	ck_assert_str_eq(scenario_limit(sc, 1)->met.phase, "report");	/* resolved */
	ck_assert_str_eq(scenario_expect(sc)->groups.v[0], "news");
	scenario_free(&sc);
	playbook_free(&pb);
}
END_TEST

/* A change to the good scenario, and the first diagnostic it must give. */
static const struct {
	const char *from, *to, *want;
} bad_cases[] = {
	{"yingji_drill: 1", "yingji_drill: 3",
	 "t.yaml:1:15: error: unsupported drill scenario format version '3'"},
	{"discovered_at: T-10m", "discovered_at: T-ten",
	 "t.yaml:9:20: error: 'T-ten' is not a time relative to the drill's start"},
	{"place: 机房", "plac: 机房",
	 "t.yaml:10:5: error: unknown field 'plac' (did you mean 'place'?)"},
	{"at: 5m", "at: 5", "t.yaml:13:17: error: 'at' needs a unit: '5' is a bare number"},
	{"III-1: yes", "III-1: perhaps",
	 "t.yaml:13:52: error: the answer to 'III-1' must be yes or no, not 'perhaps'"},
	{"affected_people: 150000", "affected_people: -1",
	 "t.yaml:12:61: error: affected_people must be at least 0"},
	{"level: III", "level: VI", "t.yaml:16:10: error: unknown level 'VI'"},
	{"groups: [news]", "groups: [newz]",
	 "t.yaml:17:12: error: unknown group 'newz' (did you mean 'news'?)"},
	{"\"notify:hq-line\"", "\"notify:hqline\"",
	 "t.yaml:20:66: error: unknown contact 'hqline' (did you mean 'hq-line'?)"},
	{"\"tick:report-office\"", "\"tick:report-office@triage\"",
	 "t.yaml:21:55: error: phase 'triage' has no checklist item 'report-office' (it is in "
	 "phase 'report')"},
	{"within: 20m", "within: 2mo", "t.yaml:21:39: error: 'within' cannot count in months"},
	{"{id: b,", "{id: a,",
	 "t.yaml:13:10: error: inject id 'a' is used twice (first on line 12)"},
	{"plan: lucheng-2017", "plan: tianjin-hrss",
	 "t.yaml:4:18: error: the playbook "},
};

START_TEST(test_scenario_errors)
{
	struct playbook *pb = lucheng();
	struct scenario *sc = NULL;
	struct strbuf text = STRBUF_INIT;
	const char *at = strstr(scenario_text, bad_cases[_i].from);
	char first[512];

	ck_assert_ptr_nonnull(at);
	sb_append_n(&text, scenario_text, (size_t)(at - scenario_text));
	sb_append(&text, bad_cases[_i].to);
	sb_append(&text, at + strlen(bad_cases[_i].from));
	ck_assert_int_eq(build(pb, sb_str(&text), &sc, first, sizeof(first)), YJ_ERR_DATA);
	ck_assert_ptr_null(sc);
	ck_assert_msg(strncmp(first, bad_cases[_i].want, strlen(bad_cases[_i].want)) == 0,
		      "case %d: got '%s', want '%s...'", _i, first, bad_cases[_i].want);
	sb_free(&text);
	playbook_free(&pb);
}
END_TEST

START_TEST(test_scenario_without_playbook)
{
	struct scenario *sc = NULL;
	char first[512];

	/* Without its playbook a scenario is checked for form only, and never built. */
	ck_assert_int_eq(build(NULL, scenario_text, &sc, first, sizeof(first)), YJ_ERR_DATA);
	ck_assert_ptr_null(sc);
	ck_assert_str_eq(first, "");
}
END_TEST

START_TEST(test_shipped_drills)
{
	static const char *const files[] = {"lucheng-portal-deface.yaml", "lucheng-ransomware.yaml",
					    "lucheng-port-scan.yaml", "../demo/lucheng-demo.yaml"};
	char path[4096], pbfile[4096];
	struct diag_list dl = {0};
	struct sc_loaded l;

	snprintf(path, sizeof(path), "%s/../data/drills/%s", test_playbook_dir(), files[_i]);
	snprintf(pbfile, sizeof(pbfile), "%s/lucheng-2017.yaml", test_playbook_dir());
	ck_assert_msg(scenario_load(path, pbfile, NULL, &l, &dl) == YJ_OK, "%s: %s", files[_i],
		      dl.n ? dl.items[0].message : "");
	ck_assert(_i == 3 ? l.demo != NULL : l.scenario != NULL);
	ck_assert_str_eq(playbook_plan(l.pb)->id, "lucheng-2017");
	sc_loaded_clear(&l);
	diag_list_clear(&dl);
}
END_TEST

/* ---- scoring on in-memory journals ---- */

struct journal {
	struct playbook *pb;
	struct scenario *sc;
	struct entry *e;
	size_t n;
	int64_t now;
};

static void
append(struct journal *j, enum entry_kind kind, struct value *payload)
{
	struct entry *e;

	j->e = xrealloc(j->e, (j->n + 1) * sizeof(*j->e));
	e = &j->e[j->n];
	memset(e, 0, sizeof(*e));
	e->incident = 7;
	e->seq = (int64_t)j->n + 1;
	e->ts_ms = j->now;
	e->operator_name = xstrdup("学员");
	e->kind = kind;
	e->payload = payload;
	j->n++;
}

/* The drill opened at T0 with the scenario's opening report. */
static void
j_start(struct journal *j)
{
	struct strbuf why = STRBUF_INIT;
	struct value *p = NULL;
	struct sc_kv kv;
	char first[512];

	memset(j, 0, sizeof(*j));
	j->pb = lucheng();
	ck_assert_int_eq(build(j->pb, scenario_text, &j->sc, first, sizeof(first)), YJ_OK);
	j->now = T0;
	sc_facts_kv(&scenario_opening(j->sc)->facts, T0, &kv);
	ck_assert_int_eq(request_open(j->pb, "h", "测试报告", true, kv.v, kv.n, &p, &why), YJ_OK);
	append(j, ENTRY_OPEN, p);
	sc_kv_free(&kv);
	sb_free(&why);
}

static void
j_at(struct journal *j, int64_t offset_ms, struct request rq)
{
	struct strbuf why = STRBUF_INIT;
	struct incident *st;
	struct value *p = NULL;
	enum entry_kind kind;

	j->now = T0 + offset_ms;
	st = incident_fold(j->pb, j->e, j->n, j->now);
	rq.operator_name = "学员";
	ck_assert_msg(request_build(st, &rq, &kind, &p, &why) == YJ_OK, "refused: %s",
		      sb_str(&why));
	append(j, kind, p);
	incident_free(&st);
	sb_free(&why);
}

static void
j_free(struct journal *j)
{
	entry_free_array(&j->e, j->n);
	scenario_free(&j->sc);
	playbook_free(&j->pb);
}

/* The score of the journal at `end` (evaluated as drill_score() does). */
static struct score *
j_score(const struct journal *j, int64_t end)
{
	struct incident *st = incident_fold(j->pb, j->e, j->n, end);
	struct score *s;

	incident_set_now(st, score_end_ms(st, end));
	s = score_compute(j->sc, st);
	incident_free(&st);
	return s;
}

static const struct score_check *
check(const struct score *s, const char *id)
{
	for (size_t i = 0; i < s->n_checks; i++)
		if (strcmp(s->checks[i].id, id) == 0)
			return &s->checks[i];
	ck_abort_msg("no check %s", id);
	return NULL;
}

static const struct request notify_hq = {.kind = REQ_NOTIFY, .contact = "hq-line"};
static const struct request tick_office = {.kind = REQ_TICK, .item = "report-office"};

/* Limit "notify:hq-line within 10m": met at the due time passes, a second later fails. */
START_TEST(test_limit_boundary)
{
	static const struct {
		int64_t met;
		enum score_verdict verdict;
		const char *status;
	} cases[] = {
		{10 * MIN - SEC, SCORE_PASS, "met"},
		{10 * MIN, SCORE_PASS, "met"},
		{10 * MIN + SEC, SCORE_FAIL, "met late"},
	};
	struct journal j;
	struct score *s;

	j_start(&j);
	j_at(&j, cases[_i].met, notify_hq);
	s = j_score(&j, T0 + 30 * MIN);
	ck_assert_int_eq(check(s, "notify-hq")->verdict, cases[_i].verdict);
	ck_assert_str_eq(check(s, "notify-hq")->status, cases[_i].status);
	ck_assert_int_eq(check(s, "notify-hq")->due_ms, T0 + 10 * MIN);
	ck_assert_int_eq(check(s, "notify-hq")->met_ms, T0 + cases[_i].met);
	score_free(&s);
	j_free(&j);
}
END_TEST

/*
 * 潞城 4.1.1: the report within 30 minutes of discovery (T-10m, so due T+20m).
 * Ticked at the due time is met; a second later is met late.
 */
START_TEST(test_deadline_boundary)
{
	static const struct {
		int64_t met;
		enum score_verdict verdict;
		const char *status;
	} cases[] = {
		{20 * MIN, SCORE_PASS, "met"},
		{20 * MIN + SEC, SCORE_FAIL, "met late"},
	};
	struct journal j;
	struct score *s;

	j_start(&j);
	j_at(&j, cases[_i].met, tick_office);
	s = j_score(&j, T0 + 30 * MIN);
	ck_assert_int_eq(check(s, "report-30m")->verdict, cases[_i].verdict);
	ck_assert_str_eq(check(s, "report-30m")->status, cases[_i].status);
	ck_assert_int_eq(check(s, "report-30m")->due_ms, T0 + 20 * MIN);
	/* The scenario's own limit on the same tick, due T+20m too. */
	ck_assert_int_eq(check(s, "office")->verdict, cases[_i].verdict);
	score_free(&s);
	j_free(&j);
}
END_TEST

/* Unmet at the end: running (not scored) up to the due time, missed a moment after. */
START_TEST(test_unmet_at_the_end)
{
	struct journal j;
	struct score *s;

	j_start(&j);
	s = j_score(&j, T0 + 20 * MIN);
	ck_assert_int_eq(check(s, "report-30m")->verdict, SCORE_UNSCORED);
	ck_assert_str_eq(check(s, "report-30m")->status, "running");
	ck_assert_int_eq(check(s, "office")->verdict, SCORE_UNSCORED);
	ck_assert_int_eq(check(s, "notify-hq")->verdict, SCORE_FAIL);
	ck_assert_str_eq(check(s, "notify-hq")->status, "missed");
	ck_assert_str_eq(check(s, "review-30d")->status, "not started");
	score_free(&s);
	s = j_score(&j, T0 + 20 * MIN + 1);
	ck_assert_int_eq(check(s, "report-30m")->verdict, SCORE_FAIL);
	ck_assert_str_eq(check(s, "report-30m")->status, "missed");
	ck_assert_str_eq(check(s, "office")->status, "missed");
	/* Level III expected, none confirmed; the group and contact not engaged. */
	ck_assert_str_eq(check(s, "III")->status, "not confirmed");
	ck_assert_int_eq(check(s, "news")->verdict, SCORE_FAIL);
	ck_assert_int_eq(check(s, "hq-line")->verdict, SCORE_FAIL);
	ck_assert_uint_eq(s->passed, 0);
	ck_assert_uint_eq(s->scored, 7);
	score_free(&s);
	j_free(&j);
}
END_TEST

static char *
score_json(const struct score *s)
{
	struct strbuf out = STRBUF_INIT;
	struct value *v = NULL;
	char *text;

	score_render(s, FORMAT_JSON, &out, &v);
	ck_assert_ptr_nonnull(v);
	text = json_encode(v, 0);
	value_free(&v);
	sb_free(&out);
	return text;
}

/* A false alarm closed at T+15m: the same journal scores the same, whenever it is scored. */
START_TEST(test_deterministic)
{
	struct journal j;
	struct score *a, *b;
	char *ja, *jb;
	struct strbuf txt1 = STRBUF_INIT, txt2 = STRBUF_INIT;
	struct value *none = NULL;
	static const char *const facts[][2] = {
		{"unit_name", "信息中心"}, {"info_source", "monitoring"}, {"category", "attack"},
		{"economic_loss", "0"}, {"scope", "内网"}, {"trend", "稳定"}, {"handling", "观察"}};

	j_start(&j);
	for (size_t i = 0; i < sizeof(facts) / sizeof(facts[0]); i++) {
		struct kv kv = {facts[i][0], facts[i][1]};

		j_at(&j, MIN, (struct request){.kind = REQ_SET, .kv = &kv, .n_kv = 1});
	}
	j_at(&j, 2 * MIN, tick_office);
	j_at(&j, 2 * MIN, (struct request){.kind = REQ_TICK, .item = "report-city-gov"});
	j_at(&j, 3 * MIN, (struct request){.kind = REQ_ADVANCE});
	j_at(&j, 4 * MIN, (struct request){.kind = REQ_ASSIGN, .party = "propaganda",
					   .person = "学员"});
	j_at(&j, 5 * MIN,
	     (struct request){.kind = REQ_ASSIGN, .party = "office", .person = "学员"});
	j_at(&j, 15 * MIN, (struct request){.kind = REQ_ADVANCE, .decision = "false-alarm",
					    .reason = "误报"});
	a = j_score(&j, T0 + 16 * MIN);
	b = j_score(&j, T0 + 400 * 24 * 60 * MIN);
	ja = score_json(a);
	jb = score_json(b);
	ck_assert_str_eq(ja, jb);
	score_render(a, FORMAT_TXT, &txt1, &none);
	score_render(b, FORMAT_TXT, &txt2, &none);
	ck_assert_str_eq(sb_str(&txt1), sb_str(&txt2));
	ck_assert(a->closed);
	ck_assert_int_eq(a->end_ms, T0 + 15 * MIN);
	/* 新闻信息组 is led by 市委宣传部: assigning the lead engages the group. */
	ck_assert_int_eq(check(a, "news")->verdict, SCORE_PASS);
	ck_assert_ptr_nonnull(strstr(check(a, "news")->detail, "a lead of the group"));
	/* Closed before its due time without meeting it: the limit can never be met. */
	ck_assert_str_eq(check(a, "notify-hq")->status, "missed");
	ck_assert_ptr_nonnull(strstr(sb_str(&txt1), "Score: 4 of 7 checks passed"));
	free(ja);
	free(jb);
	sb_free(&txt1);
	sb_free(&txt2);
	score_free(&a);
	score_free(&b);
	j_free(&j);
}
END_TEST

/* Closed while a limit is still running: it fails as "not met". */
START_TEST(test_closed_with_running_limit)
{
	static const char text[] =
		"yingji_drill: 1\nid: u\ntitle: t\nplaybook: {plan: lucheng-2017}\nbriefing: b\n"
		"opening: {title: t}\n"
		"limits:\n  - {id: late, text: x, within: 2h, met: \"notify:hq-line\"}\n";
	struct journal j;
	struct score *s;
	struct incident *st;
	char first[512];

	j_start(&j);
	scenario_free(&j.sc);
	ck_assert_msg(build(j.pb, text, &j.sc, first, sizeof(first)) == YJ_OK, "%s", first);
	st = incident_fold(j.pb, j.e, j.n, T0 + MIN);
	st->closed = true;	/* as if closed at T+1m, well before the limit's due time */
	s = score_compute(j.sc, st);
	ck_assert_str_eq(check(s, "late")->status, "not met");
	ck_assert_int_eq(check(s, "late")->verdict, SCORE_FAIL);
	score_free(&s);
	incident_free(&st);
	j_free(&j);
}
END_TEST

/* ---- the demo script ---- */

START_TEST(test_demo_rehearsal)
{
	static const char text[] =
		"yingji_demo: 1\nid: d\nplaybook: {plan: lucheng-2017}\n"
		"start: 2026-03-02 08:40+08:00\n"
		"steps:\n"
		"  - {at: 0m, by: 刘洋, new: {title: 测试, facts: {discovered_at: T-5m}}}\n"
		"  - {at: 1m, tick: report-office}\n"
		"  - {at: 2m, tick: report-office}\n";
	struct playbook *pb = lucheng();
	struct diag_list dl = {0};
	struct demo *dm = NULL;
	struct doc *doc = NULL;
	struct scenario_source src = {"d.yaml", text, sizeof(text) - 1, "0"};
	char *line;

	ck_assert_int_eq(yaml_doc_parse(text, sizeof(text) - 1, "d.yaml", &doc, &dl), YJ_OK);
	ck_assert_int_eq(demo_from_doc(doc, pb, &src, &dm, &dl), YJ_ERR_DATA);
	ck_assert_uint_eq(dl.n, 1);
	line = diag_format(&dl.items[0]);
	/* The second tick of the same item is refused at its own step. */
	ck_assert_msg(strstr(line, "d.yaml:8:5: error: step 3 (tick at ") == line, "%s", line);
	ck_assert_ptr_nonnull(strstr(line, "'report-office' is already ticked"));
	free(line);
	diag_list_clear(&dl);
	doc_free(&doc);
	playbook_free(&pb);
}
END_TEST

/* ---- the accelerated clock ---- */

START_TEST(test_accelerated_clock)
{
	struct yj_clock c;
	int64_t t;

	clock_init_accelerated(&c, T0, 10);
	t = c.now_ms(&c);
	ck_assert(t >= T0 && t < T0 + 5000);
	/* One real second ago, at speed 10: ten drill seconds later. */
	c.origin_ms -= 1000;
	t = c.now_ms(&c);
	ck_assert_msg(t >= T0 + 10000 && t < T0 + 15000, "%lld", (long long)(t - T0));
	/* Paused: the drill time stays where it was. */
	clock_set_speed(&c, 0);
	t = c.now_ms(&c);
	c.origin_ms -= 60000;
	ck_assert_int_eq(c.now_ms(&c), t);
	/* Resumed at speed 60: an hour of drill time per real minute. */
	clock_set_speed(&c, 60);
	c.origin_ms -= 60000;
	ck_assert(c.now_ms(&c) >= t + 3600000 && c.now_ms(&c) < t + 3700000);
}
END_TEST

/* Real time measured by another clock: each real minute it moves is ten drill minutes. */
START_TEST(test_accelerated_clock_on)
{
	struct yj_clock real, c;

	clock_init_fixed(&real, T0 + 777);
	clock_init_accelerated_on(&c, T0, 10, &real);
	ck_assert_int_eq(c.now_ms(&c), T0);
	real.base_ms += 60000;
	ck_assert_int_eq(c.now_ms(&c), T0 + 600000);
	/* Paused for a real hour, then resumed: the drill time picks up where it stopped. */
	clock_set_speed(&c, 0);
	real.base_ms += 3600000;
	ck_assert_int_eq(c.now_ms(&c), T0 + 600000);
	clock_set_speed(&c, 10);
	real.base_ms += 30000;
	ck_assert_int_eq(c.now_ms(&c), T0 + 900000);
	/* Exactly: the same real readings always make the same drill times. */
	clock_set_speed(&c, 2.5);
	real.base_ms += 4000;
	ck_assert_int_eq(c.now_ms(&c), T0 + 910000);
}
END_TEST

/* ---- through the engine ---- */

struct fixture {
	char dir[256], db[300], playbook[4096];
	struct yj_clock clock;
	struct engine *e;
};

static void
setup(struct fixture *f)
{
	struct strbuf why = STRBUF_INIT;
	struct engine_opts o;
	const char *tmp = getenv("TMPDIR");

	snprintf(f->dir, sizeof(f->dir), "%s/yj-drill-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(f->dir));
	snprintf(f->db, sizeof(f->db), "%s/t.db", f->dir);
	snprintf(f->playbook, sizeof(f->playbook), "%s/lucheng-2017.yaml", test_playbook_dir());
	clock_init_fixed(&f->clock, T0);
	o = (struct engine_opts){f->db, "学员", &f->clock, true, false};
	ck_assert_int_eq(engine_open(&o, &f->e, &why), YJ_OK);
	sb_free(&why);
}

static void
teardown(struct fixture *f)
{
	static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
	char path[400];

	engine_close(&f->e);
	for (size_t i = 0; i < 4; i++) {
		snprintf(path, sizeof(path), "%s%s", f->db, suffix[i]);
		unlink(path);
	}
	rmdir(f->dir);
}

static void
at(struct fixture *f, int64_t offset)
{
	clock_init_fixed(&f->clock, T0 + offset);
	engine_set_clock(f->e, &f->clock);
}

START_TEST(test_engine_drill)
{
	struct strbuf why = STRBUF_INIT;
	struct diag_list dl = {0};
	struct drill_delivery d;
	struct scenario *sc = NULL, *stored = NULL;
	struct score *s = NULL;
	struct fixture f;
	struct playbook *pb = lucheng();
	struct request dup = {.kind = REQ_INJECT, .text = "再来一次", .inject = "a"};
	char first[512];
	int64_t id = 0;

	setup(&f);
	ck_assert_int_eq(build(pb, scenario_text, &sc, first, sizeof(first)), YJ_OK);
	ck_assert_int_eq(drill_start(f.e, sc, f.playbook, &id, &dl, &why), YJ_OK);
	/* Nothing due at T+4m; at T+10m all three, in order; then nothing again. */
	at(&f, 4 * MIN);
	ck_assert_int_eq(drill_tick(f.e, id, sc, engine_now(f.e), &d, &why), YJ_OK);
	ck_assert_uint_eq(d.n, 0);
	drill_delivery_clear(&d);
	at(&f, 10 * MIN);
	ck_assert_int_eq(drill_tick(f.e, id, sc, engine_now(f.e), &d, &why), YJ_OK);
	ck_assert_uint_eq(d.n, 3);
	ck_assert_str_eq(d.injects[0]->id, "a");
	ck_assert_int_eq(d.seqs[0], 2);
	ck_assert_str_eq(d.injects[2]->id, "c");
	drill_delivery_clear(&d);
	ck_assert_int_eq(drill_tick(f.e, id, sc, engine_now(f.e), &d, &why), YJ_OK);
	ck_assert_uint_eq(d.n, 0);
	drill_delivery_clear(&d);
	/* A second delivery of the same inject is refused by the request layer itself. */
	ck_assert_int_eq(engine_submit(f.e, id, &dup, NULL, &why), YJ_ERR_REFUSED);
	ck_assert_ptr_nonnull(strstr(sb_str(&why), "inject 'a' was delivered already (entry 2)"));
	sb_reset(&why);
	/* The scenario comes back from the journal alone, byte for byte. */
	ck_assert_int_eq(drill_scenario(f.e, id, &stored, &why), YJ_OK);
	ck_assert_str_eq(scenario_source(stored)->sha256, scenario_source(sc)->sha256);
	ck_assert_int_eq(drill_score(f.e, id, &s, &why), YJ_OK);
	ck_assert_int_eq(s->start_ms, T0);
	ck_assert_int_eq(s->end_ms, T0 + 10 * MIN);
	ck_assert_str_eq(check(s, "notify-hq")->status, "running");
	score_free(&s);
	scenario_free(&stored);
	scenario_free(&sc);
	sb_free(&why);
	diag_list_clear(&dl);
	playbook_free(&pb);
	teardown(&f);
}
END_TEST

START_TEST(test_engine_demo_once)
{
	char path[4096];
	struct strbuf why = STRBUF_INIT;
	struct diag_list dl = {0};
	struct incident_view *v = NULL;
	struct sc_loaded l;
	struct fixture f;
	int64_t id = 0, again = 0;
	bool already = true;

	setup(&f);
	snprintf(path, sizeof(path), "%s/../data/demo/lucheng-demo.yaml", test_playbook_dir());
	ck_assert_int_eq(scenario_load(path, f.playbook, NULL, &l, &dl), YJ_OK);
	ck_assert_int_eq(drill_import_demo(f.e, l.demo, l.playbook_path, &id, &already, &dl, &why),
			 YJ_OK);
	ck_assert(!already);
	/* The engine's own clock and operator are back. */
	ck_assert_int_eq(engine_now(f.e), T0);
	ck_assert_str_eq(engine_operator(f.e), "学员");
	ck_assert_int_eq(engine_view(f.e, id, 0, &v, &why), YJ_OK);
	ck_assert(v->st->closed && v->st->drill);
	ck_assert_uint_eq(v->n, demo_step_count(l.demo));
	/* Each entry at its step's time, by its step's operator. */
	ck_assert_int_eq(v->entries[0].ts_ms, demo_step_ms(l.demo, 0));
	ck_assert_str_eq(v->entries[v->n - 1].operator_name, demo_step(l.demo, v->n - 1)->by);
	incident_view_free(&v);
	ck_assert_int_eq(drill_import_demo(f.e, l.demo, l.playbook_path, &again, &already, &dl,
					   &why),
			 YJ_OK);
	ck_assert(already);
	ck_assert_int_eq(again, id);
	sc_loaded_clear(&l);
	diag_list_clear(&dl);
	sb_free(&why);
	teardown(&f);
}
END_TEST

Suite *
suite_drill(void)
{
	Suite *s = suite_create("drill");
	TCase *tc = tcase_create("scenario");
	TCase *sc = tcase_create("score");
	TCase *en = tcase_create("engine");

	tcase_add_test(tc, test_scenario_model);
	tcase_add_loop_test(tc, test_scenario_errors, 0, sizeof(bad_cases) / sizeof(bad_cases[0]));
	tcase_add_test(tc, test_scenario_without_playbook);
	tcase_add_loop_test(tc, test_shipped_drills, 0, 4);
	tcase_add_test(tc, test_demo_rehearsal);
	tcase_add_test(tc, test_accelerated_clock);
	tcase_add_test(tc, test_accelerated_clock_on);
	suite_add_tcase(s, tc);
	tcase_add_loop_test(sc, test_limit_boundary, 0, 3);
	tcase_add_loop_test(sc, test_deadline_boundary, 0, 2);
	tcase_add_test(sc, test_unmet_at_the_end);
	tcase_add_test(sc, test_deterministic);
	tcase_add_test(sc, test_closed_with_running_limit);
	suite_add_tcase(s, sc);
	tcase_add_test(en, test_engine_drill);
	tcase_add_test(en, test_engine_demo_once);
	suite_add_tcase(s, en);
	return s;
}
