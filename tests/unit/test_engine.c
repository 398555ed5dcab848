/*
 * engine/: the write path against a real database file.  After random sequences
 * of requests, every incident's summary row (the projection) equals the fold of
 * its journal, and the chain verifies.
 */
#include "config.h"

#include "core/report.h"
#include "engine/engine.h"
#include "io/clocks.h"
#include "io/json.h"
#include "tests.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct fixture {
	char dir[256], db[300], playbook[4096];
	struct yj_clock clock;
	struct engine *e;
};

static void
setup(struct fixture *f, const char *operator_name)
{
	struct strbuf why = STRBUF_INIT;
	struct engine_opts o;
	const char *tmp = getenv("TMPDIR");

	snprintf(f->dir, sizeof(f->dir), "%s/yj-engine-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(f->dir));
	snprintf(f->db, sizeof(f->db), "%s/t.db", f->dir);
	snprintf(f->playbook, sizeof(f->playbook), "%s/lucheng-2017.yaml", test_playbook_dir());
	clock_init_fixed(&f->clock, INT64_C(1795312800000));
	o = (struct engine_opts){f->db, operator_name, &f->clock, true, false};
	ck_assert_int_eq(engine_open(&o, &f->e, &why), YJ_OK);
	sb_free(&why);
}

static void
teardown(struct fixture *f)
{
	char path[400];
	static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};

	engine_close(&f->e);
	for (size_t i = 0; i < 4; i++) {
		snprintf(path, sizeof(path), "%s%s", f->db, suffix[i]);
		unlink(path);
	}
	rmdir(f->dir);
}

static const char *const items[] = {"report-office", "report-city-gov", "learn", "judge",
				    "first-response", "nope"};
static const char *const levels[] = {"I", "II", "III", "IV"};
static const char *const facts[][2] = {
	{"outage_duration", "45m"}, {"affected_people", "150000"}, {"economic_loss", "20000000"},
	{"discovered_at", "2026-11-22 09:50"}, {"place", "机房"}, {"III-1", "yes"},
	{"affected_people", "abc"}};

/* One random request: any outcome is fine; the projection must follow. */
static void
random_request(struct engine *e, int64_t id, unsigned *seed)
{
	struct strbuf why = STRBUF_INIT;
	struct request rq = {0};
	struct kv kv;
	int r = (int)(rand_r(seed) % 7);

	switch (r) {
	case 0:
		rq.kind = REQ_NOTE;
		rq.text = "进展";
		break;
	case 1:
		rq.kind = REQ_TICK;
		rq.item = items[rand_r(seed) % 6];
		break;
	case 2:
		rq.kind = REQ_ADVANCE;
		break;
	case 3:
		rq.kind = REQ_LEVEL;
		rq.level = levels[rand_r(seed) % 4];
		rq.reason = "判断";
		break;
	case 4:
		kv.key = facts[rand_r(seed) % 7][0];
		kv.value = facts[rand_r(seed) % 7][1];
		rq.kind = REQ_SET;
		rq.kv = &kv;
		rq.n_kv = 1;
		break;
	case 5:
		rq.kind = REQ_NOTIFY;
		rq.contact = "hq-line";
		break;
	default:
		rq.kind = REQ_ASSIGN;
		rq.party = rand_r(seed) % 2 ? "office" : "commander";
		rq.person = rand_r(seed) % 2 ? "张三" : "李四";
		break;
	}
	engine_submit(e, id, &rq, NULL, &why);
	sb_free(&why);
}

static char *
state_json(const struct incident *st)
{
	struct value *v = report_state_value(st), *snap = incident_snapshot(st);
	char *a = json_encode(v, 0), *b = json_encode(snap, 0), *out = xasprintf("%s\n%s", a, b);

	value_free(&v);
	value_free(&snap);
	free(a);
	free(b);
	return out;
}

/* The second projection: every stored snapshot, views and replay equal the full fold. */
static size_t
check_snapshots(struct fixture *f, int64_t id)
{
	struct strbuf why = STRBUF_INIT;
	struct incident_view *v = NULL, *t = NULL;
	struct engine_replay *r = NULL;
	struct entry *e = NULL;
	size_t n = 0, snaps = 0;
	struct incident *full;
	char *want, *got;

	ck_assert_int_eq(store_load_entries(engine_store(f->e), id, 0, &e, &n), YJ_OK);
	ck_assert_int_eq(engine_view(f->e, id, 0, &v, &why), YJ_OK);
	ck_assert_int_eq(engine_view_tail(f->e, id, 0, &t, &why), YJ_OK);
	full = incident_fold(v->pb, e, n, engine_now(f->e));
	want = state_json(full);
	got = state_json(v->st);
	ck_assert_str_eq(got, want);
	free(got);
	got = state_json(t->st);
	ck_assert_str_eq(got, want);
	free(got);
	ck_assert_uint_eq(v->n, n);
	for (size_t k = n; k > 0; k--) {
		unsigned char hash[ENTRY_HASH_LEN];
		struct value *snap = NULL, *fold_snap;
		struct incident *prefix;
		int64_t seq;
		char *a, *b;

		if (store_get_snapshot(engine_store(f->e), id, (int64_t)k, INCIDENT_SNAPSHOT_VERSION,
				       &seq, hash, &snap) != YJ_OK || seq != (int64_t)k) {
			value_free(&snap);
			continue;
		}
		snaps++;
		ck_assert_int_eq(memcmp(hash, e[k - 1].hash, ENTRY_HASH_LEN), 0);
		prefix = incident_fold(v->pb, e, k, e[k - 1].ts_ms);
		fold_snap = incident_snapshot(prefix);
		a = json_encode(snap, 0);
		b = json_encode(fold_snap, 0);
		ck_assert_str_eq(a, b);
		free(a);
		free(b);
		value_free(&snap);
		value_free(&fold_snap);
		incident_free(&prefix);
	}
	ck_assert(n < 256 || snaps > 0);
	/* Replay, stepping forward and back across snapshots. */
	ck_assert_int_eq(engine_replay_open(f->e, id, &r, &why), YJ_OK);
	for (size_t k = n; k > 0; k = k > 37 ? k - 37 : 0) {
		const struct incident *st;
		struct incident *prefix = incident_fold(v->pb, e, k, e[k - 1].ts_ms);
		char *p = state_json(prefix);

		ck_assert_int_eq(engine_replay_seek(r, (int64_t)k, &st, &why), YJ_OK);
		got = state_json(st);
		ck_assert_msg(strcmp(got, p) == 0, "replay at %zu of %zu differs", k, n);
		if (k < n) {
			ck_assert_int_eq(engine_replay_seek(r, (int64_t)k + 1, &st, &why), YJ_OK);
			ck_assert_int_eq(engine_replay_seek(r, (int64_t)k, &st, &why), YJ_OK);
		}
		free(got);
		free(p);
		incident_free(&prefix);
	}
	engine_replay_free(&r);
	incident_free(&full);
	free(want);
	incident_view_free(&v);
	incident_view_free(&t);
	entry_free_array(&e, n);
	sb_free(&why);
	return snaps;
}

START_TEST(test_projection_equals_fold)
{
	struct fixture f;
	unsigned seed = 20261122u + (unsigned)_i;
	struct store_verify_result res;
	int64_t ids[4];

	setup(&f, "张三");
	for (int k = 0; k < 4; k++) {
		struct strbuf why = STRBUF_INIT;
		struct diag_list dl = {0};

		ck_assert_int_eq(engine_new(f.e, f.playbook, "随机", k == 3, NULL, 0, &ids[k], &dl,
					    &why), YJ_OK);
		sb_free(&why);
		diag_list_clear(&dl);
	}
	for (int step = 0; step < 120; step++)
		random_request(f.e, ids[rand_r(&seed) % 4], &seed);
	/* Long enough for fold snapshots (every 128 entries), a handover among them. */
	for (int step = 0; step < 300; step++) {
		struct request rq = {.kind = step == 200 ? REQ_HANDOVER : REQ_NOTE, .text = "进展",
				     .person = "王五"};
		struct strbuf why = STRBUF_INIT;

		engine_submit(f.e, ids[_i % 4], &rq, NULL, &why);
		if (step % 50 == 0)
			random_request(f.e, ids[_i % 4], &seed);
		sb_free(&why);
	}
	{
		size_t snaps = 0;

		for (int k = 0; k < 4; k++)
			snaps += check_snapshots(&f, ids[k]);
		ck_assert_uint_gt(snaps, 1);
	}
	for (int k = 0; k < 4; k++) {
		struct incident_summary stored, folded;
		struct incident_view *v = NULL;
		struct strbuf why = STRBUF_INIT;

		ck_assert_int_eq(store_get_summary(engine_store(f.e), ids[k], &stored), YJ_OK);
		ck_assert_int_eq(engine_view(f.e, ids[k], 0, &v, &why), YJ_OK);
		incident_summarize(v->st, &folded);
		ck_assert_int_eq(stored.head_seq, folded.head_seq);
		ck_assert_str_eq(stored.head_hash, folded.head_hash);
		ck_assert_str_eq(stored.phase, folded.phase);
		ck_assert_int_eq(stored.closed, folded.closed);
		ck_assert_int_eq(stored.drill, folded.drill);
		ck_assert_int_eq(stored.next_due_ms, folded.next_due_ms);
		ck_assert((stored.level == NULL) == (folded.level == NULL));
		if (stored.level)
			ck_assert_str_eq(stored.level, folded.level);
		/* What the board shows (schema step 3), through its stored form. */
		ck_assert(stored.shown);
		ck_assert((stored.level_label == NULL) == (folded.level_label == NULL));
		if (stored.level_label)
			ck_assert_str_eq(stored.level_label, folded.level_label);
		ck_assert_int_eq(stored.level_colour, folded.level_colour);
		ck_assert_int_eq(stored.clock_due_ms, folded.clock_due_ms);
		ck_assert_int_eq(stored.clock_anchor_ms, folded.clock_anchor_ms);
		incident_summary_clear(&stored);
		incident_summary_clear(&folded);
		incident_view_free(&v);
		sb_free(&why);
	}
	ck_assert_int_eq(store_verify(engine_store(f.e), 0, &res), YJ_OK);
	ck_assert_msg(res.ok, "%s", res.message);
	/* Rebuilt from the journal alone, the projections are the same. */
	{
		struct strbuf why = STRBUF_INIT;

		ck_assert_int_eq(engine_rebuild_summaries(f.e, &why), YJ_OK);
		for (int k = 0; k < 4; k++)
			check_snapshots(&f, ids[k]);
		sb_free(&why);
	}
	teardown(&f);
}
END_TEST

/* A refused request writes nothing. */
START_TEST(test_refusal_writes_nothing)
{
	struct fixture f;
	struct strbuf why = STRBUF_INIT;
	struct diag_list dl = {0};
	struct request rq = {.kind = REQ_ADVANCE};
	int64_t id, seq = 0;
	unsigned char hash[ENTRY_HASH_LEN];

	setup(&f, "张三");
	ck_assert_int_eq(engine_new(f.e, f.playbook, "拒绝", false, NULL, 0, &id, &dl, &why), YJ_OK);
	ck_assert_int_eq(engine_submit(f.e, id, &rq, NULL, &why), YJ_ERR_REFUSED);
	ck_assert_int_eq(store_head(engine_store(f.e), id, &seq, hash), YJ_OK);
	ck_assert_int_eq(seq, 1);
	sb_free(&why);
	diag_list_clear(&dl);
	teardown(&f);
}
END_TEST

/* ---- the guards' list: every kind of thing a decision may lack ---- */

static void
must(struct fixture *f, int64_t id, struct request rq)
{
	struct strbuf why = STRBUF_INIT;

	ck_assert_msg(engine_submit(f->e, id, &rq, NULL, &why) == YJ_OK, "%s", sb_str(&why));
	sb_free(&why);
}

/* Advance by `decision`, refused: the list in *r, and the one line made from it. */
static void
refused(struct fixture *f, int64_t id, const char *decision, struct request_refusal *r)
{
	struct strbuf why = STRBUF_INIT, line = STRBUF_INIT;
	struct request rq = {.kind = REQ_ADVANCE, .decision = decision, .refusal = r};

	ck_assert_int_eq(engine_submit(f->e, id, &rq, NULL, &why), YJ_ERR_REFUSED);
	ck_assert_uint_gt(r->n, 0);
	ck_assert_str_eq(r->decision, decision);
	request_refusal_text(r, &line);
	ck_assert_str_eq(sb_str(&why), sb_str(&line));
	sb_free(&why);
	sb_free(&line);
}

static void
gap_is(const struct request_refusal *r, size_t i, enum request_gap_kind kind, const char *id,
       const char *label, const char *text)
{
	ck_assert_uint_lt(i, r->n);
	ck_assert_int_eq(r->gaps[i].kind, kind);
	ck_assert_pstr_eq(r->gaps[i].id, id);
	ck_assert_pstr_eq(r->gaps[i].label, label);
	ck_assert_str_eq(r->gaps[i].text, text);
}

static int64_t
open_under(struct fixture *f, const char *playbook, const struct kv *kv, size_t n)
{
	struct strbuf why = STRBUF_INIT;
	struct diag_list dl = {0};
	char path[4096];
	int64_t id = 0;

	snprintf(path, sizeof(path), "%s/%s", test_playbook_dir(), playbook);
	ck_assert_int_eq(engine_new(f->e, path, "缺项", false, kv, n, &id, &dl, &why), YJ_OK);
	sb_free(&why);
	diag_list_clear(&dl);
	return id;
}

/* 天津 第24条: fields, items, the level, the level a decision is for, the contacts owed. */
START_TEST(test_refusal_lists_fields_items_levels_contacts)
{
	static const struct kv report[] = {
		{"discovered_at", "2026-11-22 09:50"}, {"unit", "社保中心"}, {"system", "社保卡系统"},
		{"category", "attack"}, {"summary", "网页被篡改"}};
	struct kv handling = {"handling", "已恢复"};
	struct request_refusal r = {0};
	struct fixture f;
	int64_t id;

	setup(&f, "张三");
	id = open_under(&f, "tianjin-hrss.yaml", NULL, 0);
	refused(&f, id, "assess", &r);
	ck_assert_str_eq(r.decision_label, "判断事件级别与报告路径");
	ck_assert_uint_eq(r.n, 6);
	gap_is(&r, 0, GAP_FIELD, "discovered_at", "发现时间",
	       "field discovered_at (发现时间) is not recorded");
	gap_is(&r, 4, GAP_FIELD, "summary", "事件情况", "field summary (事件情况) is not recorded");
	gap_is(&r, 5, GAP_ITEM, "record", "记录事件基本情况，按本单位信息安全事件报告制度报告",
	       "checklist item record (记录事件基本情况，按本单位信息安全事件报告制度报告) is not "
	       "ticked or skipped");
	must(&f, id, (struct request){.kind = REQ_SET, .kv = report, .n_kv = 5});
	must(&f, id, (struct request){.kind = REQ_TICK, .item = "record"});
	must(&f, id, (struct request){.kind = REQ_ADVANCE});
	refused(&f, id, "major", &r);
	ck_assert_uint_eq(r.n, 4);
	gap_is(&r, 0, GAP_LEVEL_FIT, "major", "重大信息安全事件",
	       "it applies at level major, and no level is confirmed");
	ck_assert_int_eq(r.gaps[1].kind, GAP_ITEM);
	ck_assert_str_eq(r.gaps[2].id, "route");
	gap_is(&r, 3, GAP_LEVEL, NULL, NULL, "the level is not confirmed (yingji level ID LEVEL)");
	must(&f, id, (struct request){.kind = REQ_TICK, .item = "classify"});
	must(&f, id, (struct request){.kind = REQ_TICK, .item = "route"});
	must(&f, id, (struct request){.kind = REQ_LEVEL, .level = "general"});
	refused(&f, id, "major", &r);
	ck_assert_uint_eq(r.n, 1);
	gap_is(&r, 0, GAP_LEVEL_FIT, "major", "重大信息安全事件",
	       "it applies at level major, and the confirmed level is general");
	must(&f, id, (struct request){.kind = REQ_ADVANCE, .decision = "general"});
	must(&f, id, (struct request){.kind = REQ_SET, .kv = &handling, .n_kv = 1});
	must(&f, id, (struct request){.kind = REQ_TICK, .item = "plan"});
	must(&f, id, (struct request){.kind = REQ_TICK, .item = "recover"});
	refused(&f, id, "close", &r);
	gap_is(&r, 0, GAP_CONTACT, "sec-officer-c", "本单位信息安全管理人员",
	       "sec-officer-c (本单位信息安全管理人员) has not been notified");
	request_refusal_clear(&r);
	ck_assert_uint_eq(r.n, 0);
	teardown(&f);
}
END_TEST

/* 潞城 4.1.2(2), 4.5: a false alarm is closed with a reason, by the office. */
START_TEST(test_refusal_lists_reason_and_party)
{
	static const struct kv report[] = {
		{"discovered_at", "2026-11-22 10:00"}, {"place", "市政务云机房"},
		{"unit_name", "市大数据中心"}, {"info_source", "monitoring"},
		{"category", "attack"}, {"economic_loss", "0"},
		{"scope", "政务网站"}, {"trend", "扩大"}, {"handling", "已断网隔离"}};
	struct request_refusal r = {0};
	struct strbuf why = STRBUF_INIT;
	struct request rq = {.kind = REQ_ADVANCE, .decision = "nope", .refusal = &r};
	struct fixture f;
	int64_t id;

	setup(&f, "张三");
	id = open_under(&f, "lucheng-2017.yaml", report, sizeof(report) / sizeof(report[0]));
	must(&f, id, (struct request){.kind = REQ_TICK, .item = "report-office"});
	must(&f, id, (struct request){.kind = REQ_TICK, .item = "report-city-gov"});
	must(&f, id, (struct request){.kind = REQ_ADVANCE});
	refused(&f, id, "false-alarm", &r);
	ck_assert_uint_eq(r.n, 2);
	gap_is(&r, 0, GAP_REASON, "false-alarm", "经核实属于误报，记录并结案",
	       "'false-alarm' needs a reason (--reason TEXT)");
	gap_is(&r, 1, GAP_PARTY, "office", "市指挥部办公室",
	       "only 市指挥部办公室 (not assigned) may take this decision, and you are 张三");
	/* Not a guard: no decision of that name.  The list is emptied, the line says why. */
	ck_assert_int_eq(engine_submit(f.e, id, &rq, NULL, &why), YJ_ERR_DATA);
	ck_assert_uint_eq(r.n, 0);
	ck_assert_ptr_null(r.decision);
	ck_assert_msg(strstr(sb_str(&why), "has no decision 'nope'"), "%s", sb_str(&why));
	sb_free(&why);
	teardown(&f);
}
END_TEST

Suite *
suite_engine(void)
{
	Suite *s = suite_create("engine");
	TCase *tc = tcase_create("projection");

	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_projection_equals_fold, 0, 8);
	tcase_add_test(tc, test_refusal_writes_nothing);
	suite_add_tcase(s, tc);
	tc = tcase_create("guards");
	tcase_add_test(tc, test_refusal_lists_fields_items_levels_contacts);
	tcase_add_test(tc, test_refusal_lists_reason_and_party);
	suite_add_tcase(s, tc);
	return s;
}
