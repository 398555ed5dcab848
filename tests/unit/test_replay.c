/*
 * Replay fidelity: for every prefix k of a recorded journal, the state the
 * replay console shows (engine_replay_seek) equals what `show --json --at k`
 * prints (engine_view and engine_view_tail up to k, through the same JSON
 * renderer, report_state_value), and its timeline is exactly entries 1 to k.
 * Checked on the shipped demo incident and on journals written by a bot
 * issuing random requests on the 潞城 plan, seeking forward, backward and in
 * a random order, across fold snapshots.
 */
#include "config.h"

#include "core/report.h"
#include "engine/drill.h"
#include "engine/engine.h"
#include "io/clocks.h"
#include "io/json.h"
#include "io/scenario_load.h"
#include "tests.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define T0 INT64_C(1795309200000)
#define MIN INT64_C(60000)

struct fixture {
	char dir[256], db[300], playbook[4096];
	struct yj_clock clock;
	struct engine *e;
	int64_t now;
};

static void
setup(struct fixture *f)
{
	struct strbuf why = STRBUF_INIT;
	struct engine_opts o;
	const char *tmp = getenv("TMPDIR");

	snprintf(f->dir, sizeof(f->dir), "%s/yj-replay-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(f->dir));
	snprintf(f->db, sizeof(f->db), "%s/t.db", f->dir);
	snprintf(f->playbook, sizeof(f->playbook), "%s/lucheng-2017.yaml", test_playbook_dir());
	f->now = T0;
	clock_init_fixed(&f->clock, T0);
	o = (struct engine_opts){f->db, "值班员", &f->clock, true, false};
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

/* What `show --json` prints of a state. */
static char *
shown(const struct incident *st)
{
	struct value *v = report_state_value(st);
	char *text = json_encode(v, JSON_PRETTY);

	value_free(&v);
	return text;
}

/* `show --json --at k`, both ways the engine folds a prefix. */
static void
check_at(struct engine *e, int64_t id, struct engine_replay *r, size_t k)
{
	struct strbuf why = STRBUF_INIT;
	struct incident_view *v = NULL, *t = NULL;
	const struct incident *st = NULL;
	char *want, *got, *tail;

	ck_assert_int_eq(engine_replay_seek(r, (int64_t)k, &st, &why), YJ_OK);
	got = shown(st);
	/* The timeline the screens show is entries 1 to k. */
	ck_assert_uint_eq(st->n_entries, k);
	ck_assert_int_eq(st->entries[k - 1].seq, (int64_t)k);
	ck_assert_int_eq(engine_view(e, id, (int64_t)k, &v, &why), YJ_OK);
	ck_assert_int_eq(engine_view_tail(e, id, (int64_t)k, &t, &why), YJ_OK);
	want = shown(v->st);
	tail = shown(t->st);
	ck_assert_msg(strcmp(got, want) == 0, "replay at entry %zu differs from show --at:\n%s\n%s",
		      k, got, want);
	ck_assert_str_eq(tail, want);
	free(got);
	free(want);
	free(tail);
	incident_view_free(&v);
	incident_view_free(&t);
	sb_free(&why);
}

/* Every prefix: forward, backward, then in a random order. */
static size_t
check_every_prefix(struct engine *e, int64_t id, unsigned seed)
{
	struct strbuf why = STRBUF_INIT;
	struct engine_replay *r = NULL;
	const struct incident *st;
	size_t n, *order;

	ck_assert_int_eq(engine_replay_open(e, id, &r, &why), YJ_OK);
	engine_replay_entries(r, &n);
	ck_assert_uint_gt(n, 0);
	for (size_t k = 1; k <= n; k++)
		check_at(e, id, r, k);
	for (size_t k = n; k >= 1; k--)
		check_at(e, id, r, k);
	order = xcalloc(n, sizeof(*order));
	for (size_t i = 0; i < n; i++)
		order[i] = i + 1;
	for (size_t i = n - 1; i > 0; i--) {
		size_t j = (size_t)rand_r(&seed) % (i + 1), x = order[i];

		order[i] = order[j];
		order[j] = x;
	}
	for (size_t i = 0; i < n; i++)
		check_at(e, id, r, order[i]);
	/* Past either end: refused, not a state. */
	ck_assert_int_eq(engine_replay_seek(r, 0, &st, &why), YJ_ERR_NOINPUT);
	ck_assert_int_eq(engine_replay_seek(r, (int64_t)n + 1, &st, &why), YJ_ERR_NOINPUT);
	free(order);
	engine_replay_free(&r);
	sb_free(&why);
	return n;
}

START_TEST(test_demo_incident)
{
	char path[4096];
	struct strbuf why = STRBUF_INIT;
	struct diag_list dl = {0};
	struct sc_loaded l;
	struct fixture f;
	int64_t id = 0;
	bool already = true;

	setup(&f);
	snprintf(path, sizeof(path), "%s/../data/demo/lucheng-demo.yaml", test_playbook_dir());
	ck_assert_int_eq(scenario_load(path, f.playbook, NULL, &l, &dl), YJ_OK);
	ck_assert_int_eq(drill_import_demo(f.e, l.demo, l.playbook_path, &id, &already, &dl, &why),
			 YJ_OK);
	ck_assert_uint_gt(check_every_prefix(f.e, id, 7), 40);
	sc_loaded_clear(&l);
	diag_list_clear(&dl);
	sb_free(&why);
	teardown(&f);
}
END_TEST

/* ---- a bot on the 潞城 plan ---- */

static const char *const people[] = {"张三", "李四", "王五"};
static const char *const levels[] = {"I", "II", "III", "IV"};
static const char *const facts[][2] = {
	{"outage_duration", "45m"}, {"affected_people", "150000"}, {"economic_loss", "20000000"},
	{"details", "首页被替换"},  {"site_control", "已隔离"},	 {"III-1", "yes"},
	{"II-2", "no"},		    {"affected_people", "20000"}, {"affected_people", "abc"}};

/* The time moves on between requests: seconds, minutes, now and then days. */
static void
time_passes(struct fixture *f, unsigned *seed)
{
	int r = rand_r(seed) % 20;

	if (r == 0)
		f->now += (int64_t)(rand_r(seed) % 30 + 1) * 1440 * MIN;
	else if (r < 5)
		f->now += (int64_t)(rand_r(seed) % 120) * MIN;
	else
		f->now += (int64_t)(rand_r(seed) % 90) * 1000;
	clock_init_fixed(&f->clock, f->now);
	engine_set_clock(f->e, &f->clock);
}

/* One request that follows the plan where it can: any outcome is fine. */
static void
bot_request(struct fixture *f, int64_t id, unsigned *seed)
{
	struct strbuf why = STRBUF_INIT;
	struct incident_view *v = NULL;
	const struct pb_phase *ph;
	struct request rq = {0};
	struct kv kv;
	size_t k;

	ck_assert_int_eq(engine_view_tail(f->e, id, 0, &v, &why), YJ_OK);
	ph = incident_phase(v->st);
	switch (rand_r(seed) % 9) {
	case 0:
		rq.kind = REQ_NOTE;
		rq.text = "进展";
		break;
	case 1:
	case 2:
		rq.kind = REQ_TICK;
		k = ph && ph->n_items ? (size_t)rand_r(seed) % ph->n_items : 0;
		rq.item = ph && ph->n_items ? ph->items[k].m.id : "nope";
		rq.tick = rand_r(seed) % 8 == 0 ? TICK_SKIP : TICK_DO;
		rq.reason = "不适用";
		break;
	case 3:
		rq.kind = REQ_ADVANCE;
		k = ph && ph->n_decisions ? (size_t)rand_r(seed) % ph->n_decisions : 0;
		rq.decision = ph && ph->n_decisions ? ph->decisions[k].m.id : NULL;
		rq.reason = "研判";
		break;
	case 4:
		rq.kind = REQ_LEVEL;
		rq.level = levels[rand_r(seed) % 4];
		rq.reason = "判断";
		break;
	case 5:
		kv.key = facts[rand_r(seed) % 9][0];
		kv.value = facts[rand_r(seed) % 9][1];
		rq.kind = REQ_SET;
		rq.kv = &kv;
		rq.n_kv = 1;
		break;
	case 6:
		rq.kind = REQ_NOTIFY;
		rq.contact = "hq-line";
		rq.ack = rand_r(seed) % 2;
		break;
	case 7:
		rq.kind = rand_r(seed) % 4 ? REQ_ASSIGN : REQ_HANDOVER;
		rq.party = rand_r(seed) % 2 ? "office" : "commander";
		rq.person = people[rand_r(seed) % 3];
		break;
	default:
		rq.kind = REQ_ANNOTATE;
		rq.seq = (int64_t)(rand_r(seed) % v->st->entries[v->st->n_entries - 1].seq) + 1;
		rq.text = "复盘批注";
		break;
	}
	engine_submit(f->e, id, &rq, NULL, &why);
	incident_view_free(&v);
	sb_free(&why);
}

START_TEST(test_random_journals)
{
	struct strbuf why = STRBUF_INIT;
	struct diag_list dl = {0};
	struct kv kv[] = {{"discovered_at", "2026-11-22 09:50"}, {"place", "机房"},
			  {"unit_name", "中心"},		 {"info_source", "monitoring"},
			  {"category", "attack"},		 {"economic_loss", "0"},
			  {"scope", "首页"},			 {"trend", "稳定"},
			  {"handling", "已下线"}};
	unsigned seed = 1000u + (unsigned)_i;
	struct incident_view *v = NULL;
	struct fixture f;
	int64_t id = 0;
	size_t n;

	setup(&f);
	ck_assert_int_eq(engine_new(f.e, f.playbook, "回放测试", _i % 2, kv,
				    sizeof(kv) / sizeof(kv[0]), &id, &dl, &why),
			 YJ_OK);
	/* Long enough to pass two fold snapshots. */
	for (int i = 0; i < 520; i++) {
		time_passes(&f, &seed);
		bot_request(&f, id, &seed);
	}
	n = check_every_prefix(f.e, id, seed);
	ck_assert_uint_gt(n, 2 * 128);
	/* The bot got past the first phase: replay crosses phase changes. */
	ck_assert_int_eq(engine_view_tail(f.e, id, 0, &v, &why), YJ_OK);
	ck_assert_uint_ge(v->st->n_visits, 2);
	incident_view_free(&v);
	diag_list_clear(&dl);
	sb_free(&why);
	teardown(&f);
}
END_TEST

Suite *
suite_replay(void)
{
	Suite *s = suite_create("replay");
	TCase *tc = tcase_create("fidelity");

	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_demo_incident);
	tcase_add_loop_test(tc, test_random_journals, 0, 4);
	suite_add_tcase(s, tc);
	return s;
}
