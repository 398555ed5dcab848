/*
 * state = fold(playbook, entries, now): replay an incident's journal over its
 * playbook.  Pure: no clock, no disk.  Deadlines and level suggestions are
 * derived afterwards (clocks.c, level.c).
 */
#include "config.h"

#include "core/field.h"
#include "core/i18n.h"
#include "core/incident_impl.h"
#include "util/str.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

static void
flatten_criteria(struct incident *st)
{
	const struct playbook *pb = st->pb;
	size_t n = 0, k = 0;

	for (size_t i = 0; i < playbook_level_count(pb); i++)
		n += playbook_level(pb, i)->n_criteria;
	st->criteria = xcalloc(n, sizeof(*st->criteria));
	st->answers = xcalloc(n, sizeof(*st->answers));
	for (size_t i = 0; i < playbook_level_count(pb); i++)
		for (size_t c = 0; c < playbook_level(pb, i)->n_criteria; c++) {
			st->answers[k].value = ANSWER_UNKNOWN;
			st->criteria[k++] = &playbook_level(pb, i)->criteria[c];
		}
	st->n_criteria = n;
}

struct incident *
incident_alloc(const struct playbook *pb)
{
	struct incident_full *full = xcalloc(1, sizeof(*full));
	struct incident *st = &full->st;
	size_t n_phases = playbook_phase_count(pb);

	st->pb = pb;
	st->phase = -1;
	st->level = -1;
	st->suggestion.level = -1;
	st->fields = xcalloc(playbook_field_count(pb), sizeof(*st->fields));
	st->contacts = xcalloc(playbook_contact_count(pb), sizeof(*st->contacts));
	st->items = xcalloc(n_phases, sizeof(*st->items));
	for (size_t i = 0; i < n_phases; i++)
		st->items[i] = xcalloc(playbook_phase(pb, i)->n_items + 1, sizeof(**st->items));
	flatten_criteria(st);
	return st;
}

void
incident_free(struct incident **pst)
{
	struct incident *st;

	if (!pst || !*pst)
		return;
	st = *pst;
	for (size_t i = 0; i < playbook_phase_count(st->pb); i++)
		free(st->items[i]);
	free(st->items);
	free(st->visits);
	free(st->fields);
	free(st->criteria);
	free(st->answers);
	free(st->level_changes);
	free(st->suggestion.matched);
	free(st->suggestion.matched_all);
	free(st->contacts);
	free(st->contact_duties);
	free(st->holders);
	free(st->clocks);
	free(incident_full(st)->duties);
	free(incident_full(st)->injects);
	value_free(&incident_full(st)->snap);
	free(incident_full(st));
	*pst = NULL;
}

int
incident_criterion_index(const struct incident *st, const char *id)
{
	for (size_t i = 0; id && i < st->n_criteria; i++)
		if (str_eq(st->criteria[i]->m.id, id))
			return (int)i;
	return -1;
}

static int
field_index(const struct playbook *pb, const char *id)
{
	for (size_t i = 0; id && i < playbook_field_count(pb); i++)
		if (str_eq(playbook_field(pb, i)->m.id, id))
			return (int)i;
	return -1;
}

static int
contact_index(const struct playbook *pb, const char *id)
{
	for (size_t i = 0; id && i < playbook_contact_count(pb); i++)
		if (str_eq(playbook_contact(pb, i)->m.id, id))
			return (int)i;
	return -1;
}

static void
enter_phase(struct incident *st, int phase, const struct entry *e)
{
	size_t cap = st->n_visits;

	st->visits = xgrow(st->visits, &cap, st->n_visits + 1, sizeof(*st->visits));
	memset(&st->visits[st->n_visits], 0, sizeof(*st->visits));
	st->visits[st->n_visits].phase = phase;
	st->visits[st->n_visits].entered_ms = e->ts_ms;
	st->visits[st->n_visits].entered_by = e->operator_name;
	st->n_visits++;
	st->phase = phase;
	if (playbook_phase(st->pb, (size_t)phase)->kind == PB_PHASE_CLOSED)
		st->closed = true;
	incident_reset_duties(st);
}

void
incident_reset_duties(struct incident *st)
{
	struct incident_full *f = incident_full(st);

	free(f->duties);
	f->n_duties = st->phase >= 0 ? playbook_phase(st->pb, (size_t)st->phase)->n_duties : 0;
	f->duties = xcalloc(f->n_duties + 1, sizeof(*f->duties));
}

/* The id of the chosen category, as folded so far. */
static const char *
chosen_category(const struct incident *st)
{
	const struct pb_field *cf = field_category_field(st->pb);
	int i = cf ? field_index(st->pb, cf->m.id) : -1;

	return i >= 0 && st->fields[i].set ? st->fields[i].text : NULL;
}

/* Record field values of a payload's "fields" object (SET and OPEN). */
static void
apply_fields(struct incident *st, const struct value *fields, const struct entry *e)
{
	for (size_t i = 0; i < value_len(fields); i++) {
		int fi = field_index(st->pb, value_key_at(fields, i));
		const char *text = value_as_str(value_at(fields, i), NULL);
		struct strbuf norm = STRBUF_INIT, err = STRBUF_INIT;
		struct field_value *fv;
		double num = 0;

		if (fi < 0 || !text)
			continue;
		fv = &st->fields[fi];
		if (!*text) {
			memset(fv, 0, sizeof(*fv));	/* a correction that clears the field */
		} else {
			field_parse(st->pb, playbook_field(st->pb, (size_t)fi), text,
				    chosen_category(st), &norm, &num, &err);
			fv->set = true;
			fv->text = text;
			fv->num = num;
		}
		fv->ms = e->ts_ms;
		fv->by = e->operator_name;
		fv->seq = e->seq;
		sb_free(&norm);
		sb_free(&err);
	}
}

static void
apply_answers(struct incident *st, const struct value *answers, const struct entry *e)
{
	for (size_t i = 0; i < value_len(answers); i++) {
		int ci = incident_criterion_index(st, value_key_at(answers, i));
		const char *text = value_as_str(value_at(answers, i), NULL);
		int a;

		if (ci < 0 || !text || !field_parse_answer(text, &a))
			continue;
		st->answers[ci].value = (enum answer)a;
		st->answers[ci].ms = e->ts_ms;
		st->answers[ci].by = e->operator_name;
	}
}

static void
apply_open(struct incident *st, const struct entry *e)
{
	const struct pb_phase *start = playbook_start_phase(st->pb);

	st->id = e->incident;
	st->title = value_get_str(e->payload, "title");
	st->drill = value_as_bool(value_get(e->payload, "drill"), false);
	st->plan_hash = value_get_str(e->payload, "plan_hash");
	st->opened_ms = e->ts_ms;
	st->opened_by = e->operator_name;
	if (start)
		enter_phase(st, playbook_phase_index(st->pb, start->m.id), e);
	apply_fields(st, value_get(e->payload, "fields"), e);
	apply_answers(st, value_get(e->payload, "answers"), e);
}

static void
apply_tick(struct incident *st, const struct entry *e)
{
	int p = playbook_phase_index(st->pb, value_get_str(e->payload, "phase"));
	const char *action = value_get_str(e->payload, "action");
	const struct pb_phase *ph;
	struct item_state *is = NULL;

	if (p < 0)
		return;
	ph = playbook_phase(st->pb, (size_t)p);
	for (size_t k = 0; k < ph->n_items; k++)
		if (str_eq(ph->items[k].m.id, value_get_str(e->payload, "item")))
			is = &st->items[p][k];
	if (!is || !action)
		return;
	is->status = str_eq(action, "tick")   ? ITEM_TICKED
		     : str_eq(action, "skip") ? ITEM_SKIPPED
					      : ITEM_OPEN;
	is->ms = e->ts_ms;
	is->by = e->operator_name;
	is->reason = value_get_str(e->payload, "reason");
}

static void
apply_advance(struct incident *st, const struct entry *e)
{
	int to = playbook_phase_index(st->pb, value_get_str(e->payload, "to"));
	struct phase_visit *v;

	if (to < 0 || !st->n_visits || st->closed)
		return;
	v = &st->visits[st->n_visits - 1];
	v->left_ms = e->ts_ms;
	v->left_by = e->operator_name;
	v->decision = value_get_str(e->payload, "decision");
	v->reason = value_get_str(e->payload, "reason");
	enter_phase(st, to, e);
}

static void
apply_level(struct incident *st, const struct entry *e)
{
	int lv = playbook_level_index(st->pb, value_get_str(e->payload, "level"));
	size_t cap = st->n_level_changes;
	struct level_change *c;

	if (lv < 0)
		return;
	st->level_changes = xgrow(st->level_changes, &cap, st->n_level_changes + 1,
				  sizeof(*st->level_changes));
	c = &st->level_changes[st->n_level_changes++];
	c->level = lv;
	c->suggested = playbook_level_index(st->pb, value_get_str(e->payload, "suggested"));
	c->ms = e->ts_ms;
	c->by = e->operator_name;
	c->reason = value_get_str(e->payload, "reason");
	c->seq = e->seq;
	st->level = lv;
}

static void
apply_notify(struct incident *st, const struct entry *e)
{
	int ci = contact_index(st->pb, value_get_str(e->payload, "contact"));
	struct contact_state *cs;

	if (ci < 0)
		return;
	cs = &st->contacts[ci];
	if (str_eq(value_get_str(e->payload, "action"), "acknowledged")) {
		if (!cs->acked_ms) {
			cs->acked_ms = e->ts_ms;
			cs->acked_by = e->operator_name;
		}
		return;
	}
	if (!cs->notified_ms) {
		cs->notified_ms = e->ts_ms;
		cs->notified_by = e->operator_name;
		cs->channel = value_get_str(e->payload, "channel");
	}
	cs->last_notified_ms = e->ts_ms;
	cs->count++;
}

static void
apply_assign(struct incident *st, const struct entry *e, bool handover)
{
	const char *party = value_get_str(e->payload, "party");
	const char *person = value_get_str(e->payload, handover ? "to" : "person");
	size_t cap = st->n_holders;
	struct holder *h;

	if (!party || !person)
		return;
	st->holders = xgrow(st->holders, &cap, st->n_holders + 1, sizeof(*st->holders));
	h = &st->holders[st->n_holders++];
	h->party = party;
	h->person = person;
	h->ms = e->ts_ms;
	h->by = e->operator_name;
	h->handover = handover;
	h->seq = e->seq;
}

/* Each inject of a scenario is delivered once: remember which entry did. */
static void
note_inject(struct incident *st, const struct entry *e)
{
	struct incident_full *f = incident_full(st);
	const char *id = value_get_str(e->payload, "inject");

	if (!id)
		return;
	f->injects = xgrow(f->injects, &f->cap_injects, f->n_injects + 1, sizeof(*f->injects));
	f->injects[f->n_injects].id = id;
	f->injects[f->n_injects++].seq = e->seq;
}

/* Whether entry e meets duty u (a notification of its contact, a tick of its item). */
static bool
meets_duty(const struct entry *e, const struct pb_duty *u)
{
	const char *want = u->met.ref.id;

	if (u->met.kind == PB_MET_NOTIFY)
		return e->kind == ENTRY_NOTIFY && str_eq(value_get_str(e->payload, "contact"), want) &&
		       !str_eq(value_get_str(e->payload, "action"), "acknowledged");
	if (u->met.kind == PB_MET_TICK)
		return e->kind == ENTRY_TICK && str_eq(value_get_str(e->payload, "item"), want) &&
		       str_eq(value_get_str(e->payload, "action"), "tick");
	return false;
}

/*
 * A repeating duty renews each time it is met while its phase is current
 * (潞城 4.2, 4.4(2)): count the entries that meet it from the visit's start,
 * as they are folded, so that no clock ever has to look back through the
 * journal.
 */
static void
track_duties(struct incident *st, const struct entry *e)
{
	struct incident_full *f = incident_full(st);
	const struct pb_phase *ph;

	if (e->kind != ENTRY_NOTIFY && e->kind != ENTRY_TICK)
		return;
	if (st->phase < 0 || st->closed || !st->n_visits ||
	    e->ts_ms < st->visits[st->n_visits - 1].entered_ms)
		return;
	ph = playbook_phase(st->pb, (size_t)st->phase);
	for (size_t k = 0; k < f->n_duties && k < ph->n_duties; k++)
		if (meets_duty(e, &ph->duties[k])) {
			f->duties[k].last_ms = e->ts_ms;
			f->duties[k].count++;
		}
}

static void
apply_entry(struct incident *st, const struct entry *e)
{
	switch (e->kind) {
	case ENTRY_OPEN:
		apply_open(st, e);
		break;
	case ENTRY_SET:
		apply_fields(st, value_get(e->payload, "fields"), e);
		apply_answers(st, value_get(e->payload, "answers"), e);
		break;
	case ENTRY_TICK:
		apply_tick(st, e);
		break;
	case ENTRY_ADVANCE:
		apply_advance(st, e);
		break;
	case ENTRY_LEVEL:
		apply_level(st, e);
		break;
	case ENTRY_NOTIFY:
		apply_notify(st, e);
		break;
	case ENTRY_ASSIGN:
		apply_assign(st, e, false);
		break;
	case ENTRY_HANDOVER:
		apply_assign(st, e, true);
		break;
	case ENTRY_INJECT:
		/* Facts an inject makes known are recorded like any others. */
		apply_fields(st, value_get(e->payload, "fields"), e);
		apply_answers(st, value_get(e->payload, "answers"), e);
		note_inject(st, e);
		break;
	case ENTRY_NOTE:
	case ENTRY_ANNOTATE:
	case ENTRY_KIND_COUNT:
		break;
	}
	track_duties(st, e);
}

struct incident *
incident_begin(const struct playbook *pb)
{
	return incident_alloc(pb);
}

void
incident_apply(struct incident *st, const struct entry *entries, size_t n, size_t from)
{
	st->entries = entries;
	st->n_entries = n;
	for (size_t i = from; i < n; i++) {
		/* Once closed, an incident is read-only; a stray later entry changes nothing. */
		if (st->closed && entries[i].kind != ENTRY_ANNOTATE)
			continue;
		apply_entry(st, &entries[i]);
	}
}

void
incident_settle(struct incident *st, int64_t now_ms)
{
	free(st->suggestion.matched);
	free(st->suggestion.matched_all);
	memset(&st->suggestion, 0, sizeof(st->suggestion));
	free(st->contact_duties);
	st->contact_duties = NULL;
	st->n_contact_duties = 0;
	level_suggest(st);
	contacts_due(st);
	incident_set_now(st, now_ms);
}

struct incident *
incident_fold(const struct playbook *pb, const struct entry *entries, size_t n, int64_t now_ms)
{
	struct incident *st = incident_begin(pb);

	incident_apply(st, entries, n, 0);
	incident_settle(st, now_ms);
	return st;
}

int64_t
incident_inject_seq(const struct incident *st, const char *inject)
{
	const struct incident_full *f = incident_full_const(st);

	for (size_t i = 0; inject && i < f->n_injects; i++)
		if (str_eq(f->injects[i].id, inject))
			return f->injects[i].seq;
	return 0;
}

const struct pb_phase *
incident_phase(const struct incident *st)
{
	return st->phase >= 0 ? playbook_phase(st->pb, (size_t)st->phase) : NULL;
}

const struct holder *
incident_holder(const struct incident *st, const char *party)
{
	for (size_t i = st->n_holders; i-- > 0;)
		if (str_eq(st->holders[i].party, party))
			return &st->holders[i];
	return NULL;
}

const char *
item_status_name(enum item_status s)
{
	/* Names machines read; people read them through _() (core/i18n.h), and
	 * are never shown an open item's. */
	static const char *const names[] = {"open", N_("ticked"), N_("skipped")};

	return (size_t)s < 3 ? names[s] : "?";
}
