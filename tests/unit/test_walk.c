/*
 * Every phase and every decision of every shipped playbook, walked by a bot:
 * for each decision, walk the shortest path from the start phase to its
 * phase, check that a checked decision is refused while the phase's required
 * fields and items are missing (naming each one), then do the work the plan
 * asks for and take the decision.  Guards come only from the playbook, so this
 * holds for any plan a new organisation writes.
 */
#include "config.h"

#include "core/field.h"
#include "core/incident.h"
#include "core/request.h"
#include "io/playbook_load.h"
#include "tests.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct bot {
	const struct playbook *pb;
	struct entry *e;
	size_t n;
	int64_t now;
};

static void
bot_append(struct bot *b, enum entry_kind kind, struct value *payload)
{
	struct entry *e;

	b->e = xrealloc(b->e, (b->n + 1) * sizeof(*b->e));
	e = &b->e[b->n];
	memset(e, 0, sizeof(*e));
	e->incident = 1;
	e->seq = (int64_t)b->n + 1;
	e->ts_ms = b->now;
	e->operator_name = xstrdup("值班员");
	e->kind = kind;
	e->payload = payload;
	b->n++;
	b->now += 60000;
}

static enum yj_status
bot_do(struct bot *b, struct request rq, char *why, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	struct incident *st = incident_fold(b->pb, b->e, b->n, b->now);
	struct value *p = NULL;
	enum entry_kind kind;
	enum yj_status rc;

	rq.operator_name = "值班员";
	rc = request_build(st, &rq, &kind, &p, &sb);
	if (why)
		snprintf(why, n, "%s", sb_str(&sb));
	if (rc == YJ_OK)
		bot_append(b, kind, p);
	incident_free(&st);
	sb_free(&sb);
	return rc;
}

static void
bot_must(struct bot *b, struct request rq, const char *what)
{
	char why[2048];

	ck_assert_msg(bot_do(b, rq, why, sizeof(why)) == YJ_OK, "%s: %s: refused: %s",
		      playbook_plan(b->pb)->id, what, why);
}

/* A category that has sub-types (so that a required subtype can be filled). */
static const struct pb_category *
category_with_subtypes(const struct playbook *pb)
{
	for (size_t i = 0; i < playbook_category_count(pb); i++)
		if (playbook_category(pb, i)->n_subtypes)
			return playbook_category(pb, i);
	return playbook_category(pb, 0);
}

/* A value of the right type for field f. */
static const char *
sample_value(const struct playbook *pb, const struct pb_field *f, char *buf, size_t n)
{
	const struct pb_category *c = category_with_subtypes(pb);

	switch (f->type) {
	case PB_FIELD_INTEGER:
	case PB_FIELD_NUMBER:
		snprintf(buf, n, "%lld", f->has_min ? (long long)f->min + 1 : 1LL);
		return buf;
	case PB_FIELD_DURATION:
		return "30m";
	case PB_FIELD_DATETIME:
		return "2026-11-22 10:00";
	case PB_FIELD_DATE:
		return "2026-11-22";
	case PB_FIELD_BOOLEAN:
		return "yes";
	case PB_FIELD_CHOICE:
		return f->choices[0].id;
	case PB_FIELD_CATEGORY:
		return c->m.id;
	case PB_FIELD_SUBTYPE:
		return c->n_subtypes ? c->subtypes[0].m.id : "none";
	default:
		return "测试内容";
	}
}

static void
fill_fields(struct bot *b, const struct pb_phase *ph)
{
	const struct pb_field *cat = field_category_field(b->pb);
	char buf[64];

	/* The category first: a sub-type is checked against it. */
	if (cat) {
		struct kv kv = {cat->m.id, sample_value(b->pb, cat, buf, sizeof(buf))};

		bot_must(b, (struct request){.kind = REQ_SET, .kv = &kv, .n_kv = 1}, "category");
	}
	for (size_t i = 0; i < ph->fields.n; i++) {
		const struct pb_field *f = playbook_find_field(b->pb, ph->fields.v[i].id);
		struct kv kv = {f->m.id, sample_value(b->pb, f, buf, sizeof(buf))};

		if (f != cat)
			bot_must(b, (struct request){.kind = REQ_SET, .kv = &kv, .n_kv = 1}, f->m.id);
	}
}

/* Do what the phase asks, then take decision dc. */
static void
work_and_decide(struct bot *b, const struct pb_phase *ph, const struct pb_decision *dc)
{
	struct incident *st;

	fill_fields(b, ph);
	for (size_t k = 0; k < ph->n_items; k++)
		if (ph->items[k].required)
			bot_must(b, (struct request){.kind = REQ_TICK, .item = ph->items[k].m.id},
				 ph->items[k].m.id);
	st = incident_fold(b->pb, b->e, b->n, b->now);
	if (ph->level_required && st->level < 0) {
		int lv = st->suggestion.level >= 0 ? st->suggestion.level : 0;

		bot_must(b, (struct request){.kind = REQ_LEVEL,
					     .level = playbook_level(b->pb, (size_t)lv)->m.id,
					     .reason = "演练判断"}, "level");
	}
	incident_free(&st);
	/* A decision for some levels only: confirm one of them first. */
	st = incident_fold(b->pb, b->e, b->n, b->now);
	if (dc->levels.n) {
		bool ok = false;

		for (size_t i = 0; i < dc->levels.n; i++)
			ok |= st->level >= 0 &&
			      !strcmp(playbook_level(b->pb, (size_t)st->level)->m.id, dc->levels.v[i].id);
		if (!ok)
			bot_must(b, (struct request){.kind = REQ_LEVEL, .level = dc->levels.v[0].id,
						     .reason = "演练判断"}, "level for decision");
	}
	incident_free(&st);
	/* Before closing, every contact the level calls for has been notified. */
	st = incident_fold(b->pb, b->e, b->n, b->now);
	if (playbook_find_phase(b->pb, dc->to.id)->kind == PB_PHASE_CLOSED)
		for (size_t i = 0; dc->checked && i < st->n_contact_duties; i++) {
			const struct pb_contact *c =
				playbook_contact(b->pb, (size_t)st->contact_duties[i].contact);

			if (!st->contacts[st->contact_duties[i].contact].notified_ms)
				bot_must(b, (struct request){.kind = REQ_NOTIFY, .contact = c->m.id},
					 c->m.id);
		}
	incident_free(&st);
	for (size_t i = 0; i < dc->by.n; i++) {
		st = incident_fold(b->pb, b->e, b->n, b->now);
		if (!incident_holder(st, dc->by.v[i].id) ||
		    strcmp(incident_holder(st, dc->by.v[i].id)->person, "值班员") != 0)
			bot_must(b, (struct request){.kind = REQ_ASSIGN, .party = dc->by.v[i].id,
						     .person = "值班员"}, "assign");
		incident_free(&st);
		break;	/* one of the parties is enough */
	}
	bot_must(b, (struct request){.kind = REQ_ADVANCE, .decision = dc->m.id,
				     .reason = dc->reason ? "理由" : NULL}, dc->m.id);
}

/* The decision leading out of each phase on the shortest path from the start. */
static void
shortest_paths(const struct playbook *pb, int *via_phase, int *via_dec)
{
	size_t n = playbook_phase_count(pb), head = 0, tail = 0;
	int *queue = xcalloc(n, sizeof(*queue));
	int start = playbook_phase_index(pb, playbook_start_phase(pb)->m.id);

	for (size_t i = 0; i < n; i++)
		via_phase[i] = -2;
	via_phase[start] = -1;
	queue[tail++] = start;
	while (head < tail) {
		int p = queue[head++];
		const struct pb_phase *ph = playbook_phase(pb, (size_t)p);

		for (size_t k = 0; k < ph->n_decisions; k++) {
			int to = playbook_phase_index(pb, ph->decisions[k].to.id);

			if (via_phase[to] != -2)
				continue;
			via_phase[to] = p;
			via_dec[to] = (int)k;
			queue[tail++] = to;
		}
	}
	free(queue);
}

/* Walk from the start to phase `target` along the shortest path. */
static void
walk_to(struct bot *b, int target, const int *via_phase, const int *via_dec)
{
	int path[256], n = 0;

	for (int p = target; via_phase[p] >= 0 && n < 256; p = via_phase[p])
		path[n++] = p;
	while (n-- > 0) {
		const struct pb_phase *from = playbook_phase(b->pb, (size_t)via_phase[path[n]]);

		work_and_decide(b, from, &from->decisions[via_dec[path[n]]]);
	}
}

/* Before any work, a checked decision names every missing field and item. */
static void
check_refusal(struct bot *b, const struct pb_phase *ph, const struct pb_decision *dc)
{
	struct incident *st = incident_fold(b->pb, b->e, b->n, b->now);
	bool missing = false;
	char why[8192];

	for (size_t i = 0; i < ph->fields.n; i++)
		for (size_t k = 0; k < playbook_field_count(b->pb); k++)
			if (!strcmp(playbook_field(b->pb, k)->m.id, ph->fields.v[i].id))
				missing |= !st->fields[k].set;
	for (size_t k = 0; k < ph->n_items; k++)
		missing |= ph->items[k].required && st->items[st->phase][k].status == ITEM_OPEN;
	incident_free(&st);
	if (!dc->checked || !missing)
		return;
	ck_assert_int_eq(bot_do(b, (struct request){.kind = REQ_ADVANCE, .decision = dc->m.id,
						    .reason = "理由"}, why, sizeof(why)),
			 YJ_ERR_REFUSED);
	for (size_t k = 0; k < ph->n_items; k++)
		if (ph->items[k].required)
			ck_assert_msg(strstr(why, ph->items[k].m.id), "%s: '%s' not named in: %s",
				      playbook_plan(b->pb)->id, ph->items[k].m.id, why);
}

static const char *const shipped[] = {"lucheng-2017.yaml", "xinzhou-devzone-2023.yaml",
				      "xinzhou-hrss-2023.yaml", "tianjin-hrss.yaml",
				      "zhanjiang-center-2019.yaml"};

START_TEST(test_every_phase_and_decision)
{
	char path[4096];
	struct diag_list dl = {0};
	struct playbook *pb = NULL;
	size_t np, visited = 0;
	int *via_phase, *via_dec;
	bool *seen;

	snprintf(path, sizeof(path), "%s/%s", test_playbook_dir(), shipped[_i]);
	ck_assert_int_eq(playbook_load(path, &pb, &dl), YJ_OK);
	diag_list_clear(&dl);
	np = playbook_phase_count(pb);
	via_phase = xcalloc(np, sizeof(*via_phase));
	via_dec = xcalloc(np, sizeof(*via_dec));
	seen = xcalloc(np, sizeof(*seen));
	shortest_paths(pb, via_phase, via_dec);
	for (size_t p = 0; p < np; p++) {
		const struct pb_phase *ph = playbook_phase(pb, p);

		for (size_t k = 0; k < ph->n_decisions; k++) {
			struct bot b = {pb, NULL, 0, INT64_C(1795312800000)};
			struct strbuf why = STRBUF_INIT;
			struct value *open = NULL;
			struct incident *st;

			ck_assert_int_eq(request_open(pb, "h", "巡检", false, NULL, 0, &open, &why),
					 YJ_OK);
			bot_append(&b, ENTRY_OPEN, open);
			walk_to(&b, (int)p, via_phase, via_dec);
			check_refusal(&b, ph, &ph->decisions[k]);
			work_and_decide(&b, ph, &ph->decisions[k]);
			st = incident_fold(pb, b.e, b.n, b.now);
			ck_assert_str_eq(incident_phase(st)->m.id, ph->decisions[k].to.id);
			seen[p] = seen[playbook_phase_index(pb, ph->decisions[k].to.id)] = true;
			incident_free(&st);
			entry_free_array(&b.e, b.n);
			sb_free(&why);
		}
	}
	for (size_t p = 0; p < np; p++)
		visited += seen[p];
	ck_assert_msg(visited == np, "%s: %zu of %zu phases visited", shipped[_i], visited, np);
	free(via_phase);
	free(via_dec);
	free(seen);
	playbook_free(&pb);
}
END_TEST

Suite *
suite_walk(void)
{
	Suite *s = suite_create("walk");
	TCase *tc = tcase_create("shipped");

	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_every_phase_and_decision, 0,
			    sizeof(shipped) / sizeof(shipped[0]));
	suite_add_tcase(s, tc);
	return s;
}
