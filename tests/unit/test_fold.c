/*
 * core/: the fold, guards, level criteria and deadlines, without a terminal or
 * a disk.  A tiny in-memory journal stands in for the store: requests are built
 * by the real request layer and folded by the real fold.  Tests are named after
 * the plan clauses they check.
 */
#include "config.h"

#include "core/incident.h"
#include "core/report.h"
#include "core/request.h"
#include "io/json.h"
#include "io/playbook_load.h"
#include "journal.h"
#include "tests.h"
#include "util/strbuf.h"
#include "util/timefmt.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *
phase_id(const struct incident *st)
{
	return incident_phase(st)->m.id;
}

static const char *
level_id(const struct incident *st, int lv)
{
	return lv < 0 ? "-" : playbook_level(st->pb, (size_t)lv)->m.id;
}

/* Fill the 4.1.1 report content so that the report phase can be left. */
static void
fill_report(struct journal *j)
{
	static const struct kv kv[] = {
		{"discovered_at", "2026-11-22 10:00"}, {"place", "市政务云机房"},
		{"unit_name", "市大数据中心"}, {"info_source", "monitoring"},
		{"category", "attack"}, {"economic_loss", "0"},
		{"scope", "政务网站"}, {"trend", "扩大"}, {"handling", "已断网隔离"}};

	ok(j, (struct request){.kind = REQ_SET, .kv = kv, .n_kv = sizeof(kv) / sizeof(kv[0])});
}

/* ---- 1.5.2: level criteria at every boundary ---- */

static const struct {
	const char *outage, *people, *loss, *answer, *level, *matched;
} level_cases[] = {
	{"120m", "1000000", NULL, NULL, "I", "I-1"},
	{"2h", "1000000", NULL, NULL, "I", "I-1"},
	{"119m", "1000000", NULL, NULL, "II", "II-1"},
	{"120m", "999999", NULL, NULL, "II", "II-1"},
	{"30m", "100000", NULL, NULL, "II", "II-1"},
	{"29m", "100000", NULL, NULL, "IV", NULL},
	{"30m", "99999", NULL, NULL, "IV", NULL},
	{NULL, NULL, "1000000000", NULL, "I", "I-2a"},
	{NULL, NULL, "999999999", NULL, "II", "II-2a"},
	{NULL, NULL, "100000000", NULL, "II", "II-2a"},
	{NULL, NULL, "99999999", NULL, "III", "III-2a"},
	{NULL, NULL, "10000000", NULL, "III", "III-2a"},
	{NULL, NULL, "9999999", NULL, "IV", NULL},
	{NULL, NULL, NULL, "I-2b", "I", "I-2b"},
	{NULL, NULL, NULL, "II-3", "II", "II-3"},
	{NULL, NULL, NULL, "III-1", "III", "III-1"},
	{"10m", "50", "100", NULL, "IV", NULL},
};

START_TEST(test_level_1_5_2_boundaries)
{
	struct journal j;
	struct incident *st;

	j_open(&j, "lucheng-2017.yaml", NULL, 0);
	if (level_cases[_i].outage)
		set1(&j, "outage_duration", level_cases[_i].outage);
	if (level_cases[_i].people)
		set1(&j, "affected_people", level_cases[_i].people);
	if (level_cases[_i].loss)
		set1(&j, "economic_loss", level_cases[_i].loss);
	if (level_cases[_i].answer)
		set1(&j, level_cases[_i].answer, "yes");
	st = fold(&j);
	ck_assert_msg(strcmp(level_id(st, st->suggestion.level), level_cases[_i].level) == 0,
		      "case %d: suggested %s, expected %s", _i, level_id(st, st->suggestion.level),
		      level_cases[_i].level);
	if (level_cases[_i].matched) {
		ck_assert_uint_ge(st->suggestion.n_matched, 1);
		ck_assert_str_eq(st->suggestion.matched[0]->m.id, level_cases[_i].matched);
		ck_assert(!st->suggestion.by_otherwise);
	} else {
		ck_assert_uint_eq(st->suggestion.n_matched, 0);
		ck_assert(st->suggestion.by_otherwise);
	}
	incident_free(&st);
	j_free(&j);
}
END_TEST

/* A "no" answer satisfies nothing, and answers can be corrected. */
START_TEST(test_level_answers_corrected)
{
	struct journal j;
	struct incident *st;

	j_open(&j, "lucheng-2017.yaml", NULL, 0);
	set1(&j, "III-1", "yes");
	set1(&j, "III-1", "no");
	st = fold(&j);
	ck_assert_str_eq(level_id(st, st->suggestion.level), "IV");
	incident_free(&st);
	ck_assert_int_eq(j_submit(&j, (struct request){.kind = REQ_SET,
						      .kv = &(struct kv){"I-1", "yes"}, .n_kv = 1}),
			 YJ_ERR_DATA);
	ck_assert_str_eq(j.why, "criterion 'I-1' is numeric: record its facts instead");
	j_free(&j);
}
END_TEST

/* Confirming a level other than the suggestion needs a reason. */
START_TEST(test_level_override_needs_reason)
{
	struct journal j;
	struct incident *st;

	j_open(&j, "lucheng-2017.yaml", NULL, 0);
	set1(&j, "economic_loss", "20000000");	/* III */
	ck_assert_int_eq(j_submit(&j, (struct request){.kind = REQ_LEVEL, .level = "II"}),
			 YJ_ERR_REFUSED);
	ck_assert_str_eq(j.why, "level II differs from the suggested level III: give a reason "
				"(--reason TEXT)");
	ok(&j, (struct request){.kind = REQ_LEVEL, .level = "III"});
	ok(&j, (struct request){.kind = REQ_LEVEL, .level = "II", .reason = "舆情发酵"});
	st = fold(&j);
	ck_assert_str_eq(level_id(st, st->level), "II");
	ck_assert_uint_eq(st->n_level_changes, 2);
	ck_assert_str_eq(st->level_changes[1].reason, "舆情发酵");
	incident_free(&st);
	j_free(&j);
}
END_TEST

/* ---- 4.1.1: the 30-minute report deadline, met and missed at the boundary ---- */

static enum clock_status
report_clock(struct journal *j, int64_t now)
{
	struct incident *st;
	enum clock_status s = CLOCK_PENDING;

	j->now = now;
	st = fold(j);
	for (size_t i = 0; i < st->n_clocks; i++)
		if (st->clocks[i].deadline &&
		    strcmp(st->clocks[i].deadline->m.id, "report-30m") == 0)
			s = st->clocks[i].status;
	incident_free(&st);
	return s;
}

START_TEST(test_4_1_1_report_deadline)
{
	struct journal j;

	j_open(&j, "lucheng-2017.yaml", NULL, 0);
	ck_assert_int_eq(report_clock(&j, T0), CLOCK_PENDING);	/* no discovery time yet */
	j.now = T0;
	set1(&j, "discovered_at", "2026-11-22 10:00");
	ck_assert_int_eq(report_clock(&j, T0 + 30 * MIN), CLOCK_RUNNING);
	ck_assert_int_eq(report_clock(&j, T0 + 30 * MIN + 1), CLOCK_MISSED);
	j.now = T0 + 30 * MIN;
	tick(&j, "report-office");
	ck_assert_int_eq(report_clock(&j, T0 + 60 * MIN), CLOCK_MET);
	j_free(&j);

	j_open(&j, "lucheng-2017.yaml", NULL, 0);
	set1(&j, "discovered_at", "2026-11-22 10:00");
	j.now = T0 + 30 * MIN + 1000;
	tick(&j, "report-office");
	ck_assert_int_eq(report_clock(&j, T0 + 60 * MIN), CLOCK_MET_LATE);
	j_free(&j);
}
END_TEST

/* ---- 4.1.1 → 4.1.2: guards name exactly what is missing ---- */

START_TEST(test_4_1_1_leave_report_needs_content)
{
	struct journal j;
	struct incident *st;

	j_open(&j, "lucheng-2017.yaml", NULL, 0);
	ck_assert_int_eq(j_submit(&j, (struct request){.kind = REQ_ADVANCE}), YJ_ERR_REFUSED);
	ck_assert_msg(strstr(j.why, "cannot take 'submitted'") == j.why, "%s", j.why);
	ck_assert_msg(strstr(j.why, "field discovered_at (发现时间") ||
			      strstr(j.why, "field discovered_at ("), "%s", j.why);
	ck_assert_msg(strstr(j.why, "checklist item report-office"), "%s", j.why);
	fill_report(&j);
	tick(&j, "report-office");
	ck_assert_int_eq(j_submit(&j, (struct request){.kind = REQ_ADVANCE}), YJ_ERR_REFUSED);
	ck_assert_msg(strstr(j.why, "report-city-gov") && !strstr(j.why, "report-office"), "%s",
		      j.why);
	ok(&j, (struct request){.kind = REQ_TICK, .item = "report-city-gov", .tick = TICK_SKIP,
				.reason = "市政府值班电话占线，已请办公室转告"});
	ok(&j, (struct request){.kind = REQ_ADVANCE});
	st = fold(&j);
	ck_assert_str_eq(phase_id(st), "triage");
	incident_free(&st);
	j_free(&j);
}
END_TEST

/* 4.1.2(2): a false alarm is recorded and closed, with a reason, by the office. */
START_TEST(test_4_1_2_false_alarm)
{
	struct journal j;
	struct incident *st;

	j_open(&j, "lucheng-2017.yaml", NULL, 0);
	fill_report(&j);
	tick(&j, "report-office");
	tick(&j, "report-city-gov");
	ok(&j, (struct request){.kind = REQ_ADVANCE, .decision = "submitted"});
	ck_assert_int_eq(j_submit(&j, (struct request){.kind = REQ_ADVANCE,
						      .decision = "false-alarm"}),
			 YJ_ERR_REFUSED);
	ck_assert_msg(strstr(j.why, "'false-alarm' needs a reason"), "%s", j.why);
	ck_assert_msg(strstr(j.why, "only 市指挥部办公室 (not assigned) may take this decision, "
				    "and you are 张三"), "%s", j.why);
	ok(&j, (struct request){.kind = REQ_ASSIGN, .party = "office", .person = "张三"});
	ok(&j, (struct request){.kind = REQ_ADVANCE, .decision = "false-alarm",
				.reason = "扫描来自本单位授权的漏洞扫描"});
	st = fold(&j);
	ck_assert(st->closed);
	ck_assert_str_eq(phase_id(st), "false-alarm");
	incident_free(&st);
	/* Closed incidents are read-only. */
	ck_assert_int_eq(j_submit(&j, (struct request){.kind = REQ_NOTE, .text = "x"}),
			 YJ_ERR_REFUSED);
	ck_assert_str_eq(j.why, "incident 1 is closed; a closed incident is read-only (reviewers may annotate it)");
	j_free(&j);
}
END_TEST

/* Walk to response: 4.1.2(3) needs a confirmed level; 4.3 starts by the HQ. */
static void
walk_to_response(struct journal *j, const char *loss)
{
	fill_report(j);
	tick(j, "report-office");
	tick(j, "report-city-gov");
	ok(j, (struct request){.kind = REQ_ADVANCE});
	ok(j, (struct request){.kind = REQ_ASSIGN, .party = "office", .person = "张三"});
	set1(j, "details", "WEB服务器被植入网页木马");
	set1(j, "site_control", "已隔离");
	tick(j, "learn");
	tick(j, "confirm-nature");
	ok(j, (struct request){.kind = REQ_ADVANCE, .decision = "confirm"});
	set1(j, "economic_loss", loss);
	set1(j, "potential_scope", "全市政务网站");
	set1(j, "severity", "较重");
	tick(j, "judge");
	tick(j, "propose-level");
}

START_TEST(test_4_1_2_3_level_before_response)
{
	struct journal j;
	struct incident *st;

	j_open(&j, "lucheng-2017.yaml", NULL, 0);
	walk_to_response(&j, "5000");
	ck_assert_int_eq(j_submit(&j, (struct request){.kind = REQ_ADVANCE}), YJ_ERR_REFUSED);
	ck_assert_msg(strstr(j.why, "the level is not confirmed"), "%s", j.why);
	ok(&j, (struct request){.kind = REQ_LEVEL, .level = "IV"});
	ok(&j, (struct request){.kind = REQ_ADVANCE});
	st = fold(&j);
	ck_assert_str_eq(phase_id(st), "handling");
	incident_free(&st);
	j_free(&j);
}
END_TEST

/* 4.3.2: escalating from IV to II mid-response brings in the 长治市指挥部 route. */
START_TEST(test_4_3_2_escalation_routes_follow_level)
{
	struct journal j;
	struct incident *st;
	bool changzhi = false;

	j_open(&j, "lucheng-2017.yaml", NULL, 0);
	walk_to_response(&j, "5000");
	ok(&j, (struct request){.kind = REQ_LEVEL, .level = "IV"});
	st = fold(&j);
	for (size_t i = 0; i < st->n_contact_duties; i++)
		changzhi |= strcmp(playbook_contact(st->pb, (size_t)st->contact_duties[i].contact)->m.id,
				   "changzhi-hq-line") == 0;
	ck_assert(!changzhi);
	incident_free(&st);
	set1(&j, "economic_loss", "150000000");
	ok(&j, (struct request){.kind = REQ_LEVEL, .level = "II"});
	st = fold(&j);
	for (size_t i = 0; i < st->n_contact_duties; i++)
		changzhi |= strcmp(playbook_contact(st->pb, (size_t)st->contact_duties[i].contact)->m.id,
				   "changzhi-hq-line") == 0;
	ck_assert(changzhi);
	ck_assert_str_eq(level_id(st, st->level), "II");
	incident_free(&st);
	j_free(&j);
}
END_TEST

/* 4.2: the progress-report duty renews each time it is met. */
START_TEST(test_4_2_progress_duty_renews)
{
	struct journal j;
	struct incident *st;
	const struct clock_state *c = NULL;

	j_open(&j, "lucheng-2017.yaml", NULL, 0);
	walk_to_response(&j, "5000");
	ok(&j, (struct request){.kind = REQ_LEVEL, .level = "IV"});
	ok(&j, (struct request){.kind = REQ_ADVANCE});	/* into handling at T0 */
	j.now = T0 + 25 * MIN;
	ok(&j, (struct request){.kind = REQ_NOTIFY, .contact = "hq-line", .channel = "phone"});
	j.now = T0 + 50 * MIN;
	st = fold(&j);
	for (size_t i = 0; i < st->n_clocks; i++)
		if (st->clocks[i].duty)
			c = &st->clocks[i];
	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(c->status, CLOCK_RUNNING);
	ck_assert_int_eq(c->due_ms, T0 + 55 * MIN);
	ck_assert_int_eq(c->met_count, 1);
	incident_free(&st);
	j.now = T0 + 56 * MIN;
	st = fold(&j);
	for (size_t i = 0; i < st->n_clocks; i++)
		if (st->clocks[i].duty)
			ck_assert_int_eq(st->clocks[i].status, CLOCK_MISSED);
	incident_free(&st);
	j_free(&j);
}
END_TEST

/* 4.5 and 5.1: the end of the response by the HQ; the 30-day review clock. */
START_TEST(test_4_5_and_5_1_review_deadline)
{
	struct journal j;
	struct incident *st;
	const struct clock_state *c = NULL;

	j_open(&j, "lucheng-2017.yaml", NULL, 0);
	walk_to_response(&j, "5000");
	ok(&j, (struct request){.kind = REQ_LEVEL, .level = "IV"});
	ok(&j, (struct request){.kind = REQ_ADVANCE});
	tick(&j, "first-response");
	tick(&j, "own-plan");
	tick(&j, "contain");
	ck_assert_int_eq(j_submit(&j, (struct request){.kind = REQ_ADVANCE}), YJ_ERR_REFUSED);
	ck_assert_msg(strstr(j.why, "only 潞城市网络与信息安全突发事件应急指挥部 (not assigned) or "
				    "总指挥 (not assigned)"), "%s", j.why);
	ok(&j, (struct request){.kind = REQ_ASSIGN, .party = "commander", .person = "张三"});
	ok(&j, (struct request){.kind = REQ_ADVANCE});
	st = fold(&j);
	ck_assert_str_eq(phase_id(st), "response");
	for (size_t i = 0; i < st->n_clocks; i++)
		if (st->clocks[i].deadline && !strcmp(st->clocks[i].deadline->m.id, "review-30d"))
			c = &st->clocks[i];
	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(c->status, CLOCK_PENDING);
	incident_free(&st);
	j_free(&j);
}
END_TEST

/* Nothing reassigns a role automatically; a handover records a briefing. */
START_TEST(test_roles_and_handover)
{
	struct journal j;
	struct incident *st;
	const char *brief;

	j_open(&j, "lucheng-2017.yaml", NULL, 0);
	ok(&j, (struct request){.kind = REQ_ASSIGN, .party = "commander", .person = "李四"});
	ck_assert_int_eq(j_submit(&j, (struct request){.kind = REQ_ASSIGN, .party = "commander",
						      .person = "李四"}),
			 YJ_ERR_REFUSED);
	ck_assert_int_eq(j_submit(&j, (struct request){.kind = REQ_ASSIGN, .party = "nobody",
						      .person = "李四"}),
			 YJ_ERR_DATA);
	set1(&j, "economic_loss", "150000000");
	ok(&j, (struct request){.kind = REQ_HANDOVER, .person = "王五"});
	st = fold(&j);
	ck_assert_str_eq(incident_holder(st, "commander")->person, "王五");
	ck_assert(incident_holder(st, "commander")->handover);
	ck_assert_uint_eq(st->n_holders, 2);
	brief = value_get_str(j.e[j.n - 1].payload, "briefing");
	ck_assert_ptr_nonnull(brief);
	ck_assert_msg(strstr(brief, "BRIEFING — incident 1: 测试事件"), "%s", brief);
	ck_assert_msg(strstr(brief, "Journal head: 3:"), "%s", brief);
	ck_assert_str_eq(value_get_str(j.e[j.n - 1].payload, "from"), "李四");
	incident_free(&st);
	j_free(&j);
}
END_TEST

/* Bad values are refused with a one-line reason. */
static const struct {
	const char *key, *value, *why;
} bad_values[] = {
	{"affected_people", "abc", "affected_people must be a whole number, not 'abc'"},
	{"discovered_at", "yesterday", "discovered_at must be a time written 'YYYY-MM-DD HH:MM' "
				       "(local) or with a zone such as 'Z' or '+08:00', not "
				       "'yesterday'"},
	{"discovered_at", "2026-02-30 10:00", NULL},
	{"outage_duration", "2 hours", "outage_duration must be a duration such as 45m, 2h or "
				       "1h30m, not '2 hours'"},
	{"category", "martian", "category: unknown category 'martian' (see 'yingji playbook "
				"show' for the list)"},
	{"subtype", "virus", "subtype: choose the category first"},
	{"afected_people", "1", "unknown field 'afected_people' (did you mean 'affected_people'?)"},
	{"I-2b", "maybe", "I-2b: answer yes or no, not 'maybe'"},
};

START_TEST(test_bad_values)
{
	struct journal j;
	struct kv kv = {bad_values[_i].key, bad_values[_i].value};

	j_open(&j, "lucheng-2017.yaml", NULL, 0);
	ck_assert_int_eq(j_submit(&j, (struct request){.kind = REQ_SET, .kv = &kv, .n_kv = 1}),
			 YJ_ERR_DATA);
	if (bad_values[_i].why)
		ck_assert_str_eq(j.why, bad_values[_i].why);
	j_free(&j);
}
END_TEST

START_TEST(test_category_and_subtype)
{
	struct journal j;
	struct kv kv[] = {{"subtype", "计算机病毒事件"}, {"category", "有害程序事件"}};
	struct incident *st;

	j_open(&j, "lucheng-2017.yaml", kv, 2);
	st = fold(&j);
	for (size_t i = 0; i < playbook_field_count(st->pb); i++) {
		if (!strcmp(playbook_field(st->pb, i)->m.id, "category"))
			ck_assert_str_eq(st->fields[i].text, "malware");
	}
	incident_free(&st);
	ck_assert_int_eq(j_submit(&j, (struct request){.kind = REQ_SET,
						      .kv = &(struct kv){"subtype", "ddos"}, .n_kv = 1}),
			 YJ_ERR_DATA);
	ck_assert_msg(strstr(j.why, "is not a sub-type of 有害程序事件"), "%s", j.why);
	j_free(&j);
}
END_TEST

/* Fold is a pure function: any prefix folds, and folding twice agrees. */
START_TEST(test_fold_prefixes)
{
	struct journal j;

	j_open(&j, "lucheng-2017.yaml", NULL, 0);
	walk_to_response(&j, "5000");
	for (size_t k = 1; k <= j.n; k++) {
		struct incident *a = incident_fold(j.pb, j.e, k, T0);
		struct incident *b = incident_fold(j.pb, j.e, k, T0);
		struct incident_summary sa, sb;

		incident_summarize(a, &sa);
		incident_summarize(b, &sb);
		ck_assert_str_eq(sa.phase, sb.phase);
		ck_assert_int_eq(sa.head_seq, (int64_t)k);
		incident_summary_clear(&sa);
		incident_summary_clear(&sb);
		incident_free(&a);
		incident_free(&b);
	}
	j_free(&j);
}
END_TEST

/* ---- fold snapshots: restore(snapshot(fold(j[0..k]))) folded on over j[k..n) == fold(j) ---- */

static const char *const contacts[] = {"hq-line", "office-duty", "city-gov-line", "nope"};

/* A request of any kind, refused or not: the journal holds whatever was accepted. */
static void
random_step(struct journal *j, unsigned *seed)
{
	static const char *const items[] = {"first-response", "own-plan", "contain", "learn", "x"};
	static const char *const levels[] = {"I", "II", "III", "IV"};
	static const char *const people[] = {"李四", "王五", "赵六"};
	struct kv kv[2] = {{"economic_loss", "20000000"}, {"III-1", "yes"}};
	struct request rq = {0};

	j->now += (int64_t)(rand_r(seed) % 40) * MIN;
	switch (rand_r(seed) % 9) {
	case 0:
	case 1:
		rq = (struct request){.kind = REQ_NOTE, .text = "进展正常"};
		break;
	case 2:
		rq = (struct request){.kind = REQ_NOTIFY, .contact = contacts[rand_r(seed) % 4],
				      .ack = rand_r(seed) % 3 == 0, .channel = "phone"};
		break;
	case 3:
		kv[0].value = rand_r(seed) % 2 ? "150000000" : "500";
		rq = (struct request){.kind = REQ_SET, .kv = kv, .n_kv = 1 + rand_r(seed) % 2};
		break;
	case 4:
		rq = (struct request){.kind = REQ_TICK, .item = items[rand_r(seed) % 5],
				      .tick = (enum tick_action)(rand_r(seed) % 3), .reason = "理由"};
		break;
	case 5:
		rq = (struct request){.kind = REQ_LEVEL, .level = levels[rand_r(seed) % 4],
				      .reason = "研判"};
		break;
	case 6:
		rq = (struct request){.kind = REQ_ASSIGN, .party = "commander",
				      .person = people[rand_r(seed) % 3]};
		break;
	case 7:
		rq = (struct request){.kind = REQ_HANDOVER, .person = people[rand_r(seed) % 3]};
		break;
	default:
		rq = (struct request){.kind = rand_r(seed) % 4 ? REQ_INJECT : REQ_ADVANCE,
				      .text = "注入", .inject = contacts[rand_r(seed) % 4]};
		break;
	}
	j_submit(j, rq);
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

START_TEST(test_snapshot_equals_fold)
{
	struct journal j;
	unsigned seed = 6u + (unsigned)_i;
	struct incident *full, *steps;
	char *want;

	j_open(&j, "lucheng-2017.yaml", NULL, 0);
	if (_i % 2) {
		/* A drill: injects are remembered by the state, not looked up in the journal. */
		struct strbuf why = STRBUF_INIT;

		value_free(&j.e[0].payload);
		ck_assert_int_eq(request_open(j.pb, "hash", "演练", true, NULL, 0, &j.e[0].payload,
					      &why), YJ_OK);
		sb_free(&why);
	}
	walk_to_response(&j, _i < 2 ? "5000" : "200000000");
	for (int i = 0; i < 150; i++)
		random_step(&j, &seed);
	{
		int kinds[ENTRY_KIND_COUNT] = {0};

		for (size_t k = 0; k < j.n; k++)
			kinds[j.e[k].kind]++;
		ck_assert_int_gt((int)j.n, 100);
		ck_assert_int_gt(kinds[ENTRY_HANDOVER], 0);
		ck_assert_int_gt(kinds[ENTRY_NOTIFY], 0);
		ck_assert_int_gt(kinds[ENTRY_LEVEL], 0);
		if (_i % 2)
			ck_assert_int_gt(kinds[ENTRY_INJECT], 0);
	}
	full = incident_fold(j.pb, j.e, j.n, j.now);
	want = state_json(full);
	/* Folding one entry at a time is the same fold. */
	steps = incident_begin(j.pb);
	for (size_t k = 1; k <= j.n; k++)
		incident_apply(steps, j.e, k, k - 1);
	incident_settle(steps, j.now);
	{
		char *got = state_json(steps);

		ck_assert_str_eq(got, want);
		free(got);
	}
	incident_free(&steps);
	for (size_t k = 1; k <= j.n; k++) {
		struct incident *part = incident_fold(j.pb, j.e, k, j.e[k - 1].ts_ms);
		struct value *snap = incident_snapshot(part), *back;
		char *text = json_encode(snap, 0), *got;
		struct incident *st;

		/* Through its stored form, as the engine reads it back. */
		back = json_decode(text, NULL);
		st = incident_restore(j.pb, back);
		ck_assert_ptr_nonnull(st);
		incident_apply(st, j.e + (k - 1), j.n - (k - 1), 1);
		incident_settle(st, j.now);
		got = state_json(st);
		ck_assert_msg(strcmp(got, want) == 0, "restored at entry %zu of %zu differs", k, j.n);
		free(got);
		free(text);
		value_free(&snap);
		value_free(&back);
		incident_free(&st);
		incident_free(&part);
	}
	incident_free(&full);
	free(want);
	j_free(&j);
}
END_TEST

/* The clock the board showed when it folded every row: a missed one first, else the soonest. */
static const struct clock_state *
board_clock(const struct incident *st)
{
	const struct clock_state *best = NULL;

	for (size_t i = 0; i < st->n_clocks; i++) {
		const struct clock_state *c = &st->clocks[i];

		if (c->status == CLOCK_MISSED && (!best || best->status != CLOCK_MISSED ||
						  c->due_ms < best->due_ms))
			best = c;
		else if (c->status == CLOCK_RUNNING &&
			 (!best || (best->status == CLOCK_RUNNING && c->due_ms < best->due_ms)))
			best = c;
	}
	return best;
}

/*
 * The summary row holds what the board shows (schema step 3): the level's
 * label and colour, and a clock that, read at any later time, is the one the
 * board picked from the state folded at that time.
 */
START_TEST(test_summary_holds_the_board)
{
	struct journal j;
	unsigned seed = 40u + (unsigned)_i;

	j_open(&j, "lucheng-2017.yaml", NULL, 0);
	walk_to_response(&j, _i ? "200000000" : "5000");
	for (int i = 0; i < 120; i++)
		random_step(&j, &seed);
	for (size_t k = 1; k <= j.n; k++) {
		struct incident *st = incident_fold(j.pb, j.e, k, j.e[k - 1].ts_ms);
		struct incident_summary sum;
		int64_t nows[3 * 16 + 1];
		size_t n_nows = 0;

		incident_summarize(st, &sum);
		ck_assert(sum.shown);
		if (st->level >= 0) {
			const struct pb_level *lv = playbook_level(j.pb, (size_t)st->level);

			ck_assert_str_eq(sum.level_label, lv->label ? lv->label : lv->m.id);
			ck_assert_int_eq(sum.level_colour, (int)lv->colour);
		} else {
			ck_assert_ptr_null(sum.level_label);
			ck_assert_int_eq(sum.level_colour, -1);
		}
		/* Around every due time, where running turns missed. */
		nows[n_nows++] = j.e[k - 1].ts_ms;
		for (size_t c = 0; c < st->n_clocks && n_nows + 3 <= 3 * 16 + 1; c++)
			if (st->clocks[c].due_ms)
				for (int d = -1; d <= 1; d++)
					nows[n_nows++] = st->clocks[c].due_ms + d;
		for (size_t i = 0; i < n_nows; i++) {
			const struct clock_state *c;

			incident_set_now(st, nows[i]);
			c = board_clock(st);
			ck_assert_int_eq(sum.clock_due_ms, c ? c->due_ms : 0);
			ck_assert_int_eq(sum.clock_anchor_ms, c ? c->anchor_ms : 0);
		}
		incident_summary_clear(&sum);
		incident_free(&st);
	}
	j_free(&j);
}
END_TEST

Suite *
suite_fold(void)
{
	Suite *s = suite_create("fold");
	TCase *lv = tcase_create("level");
	TCase *tc = tcase_create("plan");

	tcase_add_loop_test(lv, test_level_1_5_2_boundaries, 0,
			    sizeof(level_cases) / sizeof(level_cases[0]));
	tcase_add_test(lv, test_level_answers_corrected);
	tcase_add_test(lv, test_level_override_needs_reason);
	suite_add_tcase(s, lv);
	tcase_add_test(tc, test_4_1_1_report_deadline);
	tcase_add_test(tc, test_4_1_1_leave_report_needs_content);
	tcase_add_test(tc, test_4_1_2_false_alarm);
	tcase_add_test(tc, test_4_1_2_3_level_before_response);
	tcase_add_test(tc, test_4_3_2_escalation_routes_follow_level);
	tcase_add_test(tc, test_4_2_progress_duty_renews);
	tcase_add_test(tc, test_4_5_and_5_1_review_deadline);
	tcase_add_test(tc, test_roles_and_handover);
	tcase_add_loop_test(tc, test_bad_values, 0, sizeof(bad_values) / sizeof(bad_values[0]));
	tcase_add_test(tc, test_category_and_subtype);
	tcase_add_test(tc, test_fold_prefixes);
	tcase_add_loop_test(tc, test_snapshot_equals_fold, 0, 6);
	tcase_add_loop_test(tc, test_summary_holds_the_board, 0, 2);
	suite_add_tcase(s, tc);
	return s;
}
