/*
 * Scoring a drill: the checks, computed from the scenario and the folded state
 * of the drill incident at the drill's end.  Rendering is in score_render.c.
 */
#include "config.h"

#include "core/i18n.h"
#include "core/score.h"
#include "util/arena.h"
#include "util/str.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <string.h>

static const char *const kind_names[] = {
#define SCORE_NAME(name, str) str,
	SCORE_KIND_TABLE(SCORE_NAME)
#undef SCORE_NAME
};

const char *
score_kind_name(enum score_kind k)
{
	return (size_t)k < sizeof(kind_names) / sizeof(kind_names[0]) ? kind_names[k] : "?";
}

const char *
score_verdict_name(enum score_verdict v)
{
	static const char *const names[] = {"passed", "failed", "unscored"};

	return (size_t)v < 3 ? names[v] : "?";
}

int64_t
score_end_ms(const struct incident *st, int64_t now_ms)
{
	if (st->closed && st->n_visits)
		return st->visits[st->n_visits - 1].entered_ms;
	return now_ms;
}

void
score_free(struct score **ps)
{
	struct arena *a;

	if (!ps || !*ps)
		return;
	/* The struct lives in its own arena: take the arena out before freeing it. */
	a = (*ps)->arena;
	*ps = NULL;
	arena_free(&a);
}

/* ---- building the list of checks ---- */

struct builder {
	struct score *s;
	const struct incident *st;
	size_t cap;
};

static const char *
dup(struct builder *b, const char *s)
{
	return s ? arena_strdup(b->s->arena, s) : NULL;
}

static struct score_check *
add_check(struct builder *b, enum score_kind kind, const char *id, const char *text)
{
	struct score *s = b->s;
	struct score_check *c;

	if (s->n_checks == b->cap) {
		struct score_check *v;

		b->cap = b->cap ? 2 * b->cap : 16;
		v = arena_array(s->arena, b->cap, sizeof(*v));
		if (s->n_checks)
			memcpy(v, s->checks, s->n_checks * sizeof(*v));
		s->checks = v;
	}
	c = &s->checks[s->n_checks++];
	c->kind = kind;
	c->id = dup(b, id);
	c->text = dup(b, text);
	return c;
}

static void
verdict(struct score_check *c, enum score_verdict v, const char *status)
{
	c->verdict = v;
	c->status = status;
}

/*
 * A time limit at the drill's end: met by its due time passes; met late or not
 * at all fails; unmet and not yet due is still running, which fails only when
 * the drill is closed (it can no longer be met).
 */
static void
settle(struct builder *b, struct score_check *c)
{
	bool closed = b->st->closed;

	if (c->met_ms && c->met_ms <= c->due_ms)
		verdict(c, SCORE_PASS, N_("met"));
	else if (c->met_ms)
		verdict(c, SCORE_FAIL, N_("met late"));
	else if (b->s->end_ms > c->due_ms)
		verdict(c, SCORE_FAIL, N_("missed"));
	else
		verdict(c, closed ? SCORE_FAIL : SCORE_UNSCORED,
			closed ? N_("not met") : N_("running"));
}

/* ---- plan deadlines ---- */

/* The fold's own verdict (core/clocks.c), read at the drill's end. */
static void
deadline_verdict(struct score_check *c, enum clock_status status, bool closed)
{
	switch (status) {
	case CLOCK_MET:
		verdict(c, SCORE_PASS, N_("met"));
		break;
	case CLOCK_MET_LATE:
		verdict(c, SCORE_FAIL, N_("met late"));
		break;
	case CLOCK_MISSED:
		verdict(c, SCORE_FAIL, N_("missed"));
		break;
	case CLOCK_RUNNING:
		/* Unmet and not yet due: a closed drill can no longer meet it. */
		verdict(c, closed ? SCORE_FAIL : SCORE_UNSCORED,
			closed ? N_("not met") : N_("running"));
		break;
	case CLOCK_PENDING:
		verdict(c, SCORE_UNSCORED, N_("not started"));
		break;
	}
}

static void
check_deadlines(struct builder *b)
{
	const struct incident *st = b->st;

	for (size_t i = 0; i < st->n_clocks; i++) {
		const struct clock_state *k = &st->clocks[i];
		struct score_check *c;

		/* Repeating duties renew each time they are met: shown live, not scored. */
		if (!k->deadline)
			continue;
		c = add_check(b, SCORE_DEADLINE, k->deadline->m.id, k->deadline->text);
		c->due_ms = k->due_ms;
		c->met_ms = k->met_ms;
		deadline_verdict(c, k->status, st->closed);
	}
}

/* ---- scenario limits ---- */

static int64_t
tick_ms(const struct incident *st, const struct sc_met *m)
{
	int p = playbook_phase_index(st->pb, m->phase);
	const struct pb_phase *ph = p >= 0 ? playbook_phase(st->pb, (size_t)p) : NULL;

	for (size_t k = 0; ph && k < ph->n_items; k++)
		if (str_eq(ph->items[k].m.id, m->ref) && st->items[p][k].status == ITEM_TICKED)
			return st->items[p][k].ms;
	return 0;
}

static int64_t
left_ms(const struct incident *st, const char *phase)
{
	int p = playbook_phase_index(st->pb, phase);

	for (size_t i = 0; i < st->n_visits; i++)
		if (st->visits[i].phase == p && st->visits[i].left_ms)
			return st->visits[i].left_ms;
	return 0;
}

static int64_t
notified_ms(const struct incident *st, const char *contact)
{
	for (size_t i = 0; i < playbook_contact_count(st->pb); i++)
		if (str_eq(playbook_contact(st->pb, i)->m.id, contact))
			return st->contacts[i].notified_ms;
	return 0;
}

/* When the trainee first recorded the field: facts the scenario supplied do not count. */
static int64_t
recorded_ms(const struct incident *st, const char *field)
{
	for (size_t i = 0; i < st->n_entries; i++) {
		const struct entry *e = &st->entries[i];
		const char *v;

		if (e->kind != ENTRY_SET)
			continue;
		v = value_get_str(value_get(e->payload, "fields"), field);
		if (v && *v)
			return e->ts_ms;
	}
	return 0;
}

static int64_t
level_ms(const struct incident *st, const char *level)
{
	int lv = playbook_level_index(st->pb, level);

	for (size_t i = 0; i < st->n_level_changes; i++)
		if (st->level_changes[i].level == lv)
			return st->level_changes[i].ms;
	return 0;
}

static int64_t
limit_met_ms(const struct incident *st, const struct sc_met *m)
{
	switch (m->kind) {
	case SC_MET_TICK:
		return tick_ms(st, m);
	case SC_MET_LEAVE:
		return left_ms(st, m->ref);
	case SC_MET_NOTIFY:
		return notified_ms(st, m->ref);
	case SC_MET_FIELD:
		return recorded_ms(st, m->ref);
	case SC_MET_LEVEL:
		return level_ms(st, m->ref);
	}
	return 0;
}

static void
check_limits(struct builder *b, const struct scenario *sc)
{
	for (size_t i = 0; i < scenario_limit_count(sc); i++) {
		const struct sc_limit *lim = scenario_limit(sc, i);
		struct score_check *c = add_check(b, SCORE_LIMIT, lim->id, lim->text);

		c->due_ms = b->s->start_ms + lim->within * 1000;
		c->met_ms = limit_met_ms(b->st, &lim->met);
		c->how = dup(b, lim->met.text);
		settle(b, c);
	}
}

/* ---- the expected outcome ---- */

static const char *
level_label(struct builder *b, int lv)
{
	const struct pb_level *l = playbook_level(b->st->pb, (size_t)lv);
	char *s = arena_alloc(b->s->arena, strlen(l->m.id) + strlen(l->name) + 2);

	strcpy(s, l->m.id);
	strcat(s, " ");
	strcat(s, l->name);
	return s;
}

static void
check_level(struct builder *b, const char *want)
{
	const struct incident *st = b->st;
	int lv = playbook_level_index(st->pb, want);
	struct score_check *c;
	struct strbuf sb = STRBUF_INIT;

	if (lv < 0)
		return;
	c = add_check(b, SCORE_LEVEL, want, N_("the level the plan calls for"));
	/* The detail twice: in English for JSON, and in the locale's words for people. */
	for (int human = 0; human < 2; human++) {
		sb_reset(&sb);
		if (human && st->level < 0)
			sb_printf(&sb, _("expected %s; no level confirmed"), level_label(b, lv));
		else
			sb_printf(&sb, i18n_say(human, N_("expected %s; confirmed %s")),
				  level_label(b, lv), st->level >= 0 ? level_label(b, st->level) : "none");
		*(human ? &c->detail_text : &c->detail) = dup(b, sb_str(&sb));
	}
	sb_free(&sb);
	if (st->level == lv && st->n_level_changes)
		c->met_ms = st->level_changes[st->n_level_changes - 1].ms;
	verdict(c, st->level == lv ? SCORE_PASS : SCORE_FAIL,
		st->level == lv ? N_("confirmed") : N_("not confirmed"));
}

static void
check_phase(struct builder *b, const char *want)
{
	const struct incident *st = b->st;
	int p = playbook_phase_index(st->pb, want);
	const struct pb_phase *cur = incident_phase(st);
	struct score_check *c;
	struct strbuf sb = STRBUF_INIT;

	if (p < 0)
		return;
	c = add_check(b, SCORE_PHASE, want, playbook_phase(st->pb, (size_t)p)->title);
	for (size_t i = 0; !c->met_ms && i < st->n_visits; i++)
		if (st->visits[i].phase == p)
			c->met_ms = st->visits[i].entered_ms;
	for (int human = 0; human < 2; human++) {
		sb_reset(&sb);
		sb_printf(&sb, i18n_say(human, N_("ended in %s %s")), cur ? cur->m.id : "-",
			  cur ? cur->title : "");
		*(human ? &c->detail_text : &c->detail) = dup(b, sb_str(&sb));
	}
	sb_free(&sb);
	verdict(c, c->met_ms ? SCORE_PASS : SCORE_FAIL,
		c->met_ms ? N_("reached") : N_("not reached"));
}

/* The first assignment that engages group g: to the group itself, or to a lead of it. */
static const struct holder *
engaged_by(const struct incident *st, const struct pb_group *g)
{
	for (size_t i = 0; i < st->n_holders; i++) {
		const struct holder *h = &st->holders[i];

		if (str_eq(h->party, g->m.id))
			return h;
		for (size_t k = 0; k < g->lead.n; k++)
			if (str_eq(h->party, g->lead.v[k].id))
				return h;
	}
	return NULL;
}

static const struct pb_group *
find_group(const struct playbook *pb, const char *id)
{
	for (size_t i = 0; i < playbook_group_count(pb); i++)
		if (str_eq(playbook_group(pb, i)->m.id, id))
			return playbook_group(pb, i);
	return NULL;
}

static void
check_group(struct builder *b, const char *id)
{
	const struct pb_group *g = find_group(b->st->pb, id);
	const struct holder *h;
	struct score_check *c;
	struct strbuf sb = STRBUF_INIT;

	if (!g)
		return;
	c = add_check(b, SCORE_GROUP, id, g->name);
	h = engaged_by(b->st, g);
	for (int human = 0; h && human < 2; human++) {
		sb_reset(&sb);
		sb_printf(&sb, i18n_say(human, N_("%s holds %s")), h->person,
			  playbook_party_name(b->st->pb, h->party, NULL));
		if (!str_eq(h->party, g->m.id))
			sb_append(&sb, i18n_say(human, N_(" (a lead of the group)")));
		*(human ? &c->detail_text : &c->detail) = dup(b, sb_str(&sb));
		c->met_ms = h->ms;
	}
	sb_free(&sb);
	verdict(c, h ? SCORE_PASS : SCORE_FAIL, h ? N_("engaged") : N_("not engaged"));
}

static void
check_contact(struct builder *b, const char *id)
{
	const struct pb_contact *k = playbook_find_contact(b->st->pb, id);
	struct score_check *c;

	if (!k)
		return;
	c = add_check(b, SCORE_CONTACT, id, k->name);
	c->met_ms = notified_ms(b->st, id);
	verdict(c, c->met_ms ? SCORE_PASS : SCORE_FAIL, c->met_ms ? N_("notified") : N_("not notified"));
}

static void
check_expect(struct builder *b, const struct sc_expect *ex)
{
	if (ex->level)
		check_level(b, ex->level);
	if (ex->phase)
		check_phase(b, ex->phase);
	for (size_t i = 0; i < ex->groups.n; i++)
		check_group(b, ex->groups.v[i]);
	for (size_t i = 0; i < ex->contacts.n; i++)
		check_contact(b, ex->contacts.v[i]);
}

/* ---- history and timeline ---- */

static void
copy_levels(struct builder *b)
{
	const struct incident *st = b->st;
	struct score *s = b->s;

	s->levels = arena_array(s->arena, st->n_level_changes, sizeof(*s->levels));
	for (size_t i = 0; i < st->n_level_changes; i++) {
		const struct level_change *lc = &st->level_changes[i];
		const struct pb_level *l = playbook_level(st->pb, (size_t)lc->level);

		s->levels[i] = (struct score_level){dup(b, l->m.id), dup(b, l->name), lc->ms,
						    dup(b, lc->by), dup(b, lc->reason)};
	}
	s->n_levels = st->n_level_changes;
}

static void
copy_timeline(struct builder *b)
{
	const struct incident *st = b->st;
	struct score *s = b->s;

	s->timeline = arena_array(s->arena, st->n_entries, sizeof(*s->timeline));
	for (size_t i = 0; i < st->n_entries; i++) {
		const struct entry *e = &st->entries[i];
		struct strbuf line = STRBUF_INIT, text = STRBUF_INIT;

		report_entry_summary(st->pb, e, &line);
		report_entry_line(st->pb, e, &text);
		s->timeline[i] = (struct score_line){e->seq, e->ts_ms, dup(b, e->operator_name),
						     entry_kind_name(e->kind),
						     dup(b, sb_str(&line)), dup(b, sb_str(&text))};
		sb_free(&line);
		sb_free(&text);
	}
	s->n_timeline = st->n_entries;
	if (st->n_entries) {
		s->head_seq = st->entries[st->n_entries - 1].seq;
		entry_hash_hex(st->entries[st->n_entries - 1].hash, s->head_hash);
	}
}

struct score *
score_compute(const struct scenario *sc, const struct incident *st)
{
	struct arena *arena = arena_new();
	struct score *s = arena_alloc(arena, sizeof(*s));
	struct builder b = {s, st, 0};

	s->arena = arena;
	s->incident = st->id;
	s->title = dup(&b, st->title);
	s->plan_id = dup(&b, playbook_plan(st->pb)->id);
	s->plan_title = dup(&b, playbook_plan(st->pb)->title);
	s->scenario_id = dup(&b, scenario_id(sc));
	s->scenario_title = dup(&b, scenario_title(sc));
	s->scenario_sha256 = dup(&b, scenario_source(sc)->sha256);
	s->start_ms = st->opened_ms;
	s->end_ms = st->now_ms;
	s->closed = st->closed;
	check_deadlines(&b);
	check_limits(&b, sc);
	check_expect(&b, scenario_expect(sc));
	for (size_t i = 0; i < s->n_checks; i++) {
		s->passed += s->checks[i].verdict == SCORE_PASS;
		s->scored += s->checks[i].verdict != SCORE_UNSCORED;
	}
	copy_levels(&b);
	copy_timeline(&b);
	return s;
}
