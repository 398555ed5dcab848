/*
 * Fold snapshots: the replayed part of an incident's state as a value, so that
 * a long incident is folded from its last snapshot rather than from its first
 * entry (DESIGN.md: "Long incidents may keep fold snapshots the same way").
 * The engine stores them as a projection in the same transaction as the
 * entry, every so many entries; they are never the truth and are always
 * rebuilt from the journal.  A test checks, at every prefix of random
 * journals, that restore(snapshot(fold(j[0..k]))) folded on over j[k..n)
 * equals fold(j[0..n)).
 *
 * Items are addressed by their index in the playbook: a snapshot is only ever
 * read under the playbook (by content hash) it was taken under, and the
 * counts are checked.  Strings of a restored state point into the state's
 * own copy of the snapshot.
 */
#include "config.h"

#include "core/incident_impl.h"
#include "util/xalloc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* ---- taking a snapshot ---- */

static struct value *
str_or_null(const char *s)
{
	return s ? value_str(s) : value_null();
}

/* An array of the values given, up to the NULL that ends the list. */
static struct value *
row(struct value *first, ...)
{
	struct value *a = value_arr();
	va_list ap;

	va_start(ap, first);
	for (struct value *v = first; v; v = va_arg(ap, struct value *))
		value_push(a, v);
	va_end(ap);
	return a;
}

static struct value *
visits_value(const struct incident *st)
{
	struct value *a = value_arr();

	for (size_t i = 0; i < st->n_visits; i++) {
		const struct phase_visit *v = &st->visits[i];

		value_push(a, row(value_int(v->phase), value_int(v->entered_ms),
				  value_int(v->left_ms), str_or_null(v->entered_by),
				  str_or_null(v->left_by), str_or_null(v->decision),
				  str_or_null(v->reason), NULL));
	}
	return a;
}

static struct value *
fields_value(const struct incident *st)
{
	struct value *a = value_arr();

	for (size_t i = 0; i < playbook_field_count(st->pb); i++) {
		const struct field_value *f = &st->fields[i];

		if (!f->set && !f->ms && !f->seq)
			continue;
		value_push(a, row(value_int((int64_t)i), value_bool(f->set), str_or_null(f->text),
				  value_num(f->num), value_int(f->ms), str_or_null(f->by),
				  value_int(f->seq), NULL));
	}
	return a;
}

static struct value *
answers_value(const struct incident *st)
{
	struct value *a = value_arr();

	for (size_t i = 0; i < st->n_criteria; i++) {
		const struct answer_state *s = &st->answers[i];

		if (s->value == ANSWER_UNKNOWN && !s->ms && !s->by)
			continue;
		value_push(a, row(value_int((int64_t)i), value_int(s->value), value_int(s->ms),
				  str_or_null(s->by), NULL));
	}
	return a;
}

static struct value *
items_value(const struct incident *st)
{
	struct value *a = value_arr();

	for (size_t p = 0; p < playbook_phase_count(st->pb); p++)
		for (size_t k = 0; k < playbook_phase(st->pb, p)->n_items; k++) {
			const struct item_state *s = &st->items[p][k];

			if (s->status == ITEM_OPEN && !s->ms && !s->by && !s->reason)
				continue;
			value_push(a, row(value_int((int64_t)p), value_int((int64_t)k),
					  value_int(s->status), value_int(s->ms), str_or_null(s->by),
					  str_or_null(s->reason), NULL));
		}
	return a;
}

static struct value *
levels_value(const struct incident *st)
{
	struct value *a = value_arr();

	for (size_t i = 0; i < st->n_level_changes; i++) {
		const struct level_change *c = &st->level_changes[i];

		value_push(a, row(value_int(c->level), value_int(c->suggested), value_int(c->ms),
				  str_or_null(c->by), str_or_null(c->reason), value_int(c->seq),
				  NULL));
	}
	return a;
}

static struct value *
contacts_value(const struct incident *st)
{
	struct value *a = value_arr();

	for (size_t i = 0; i < playbook_contact_count(st->pb); i++) {
		const struct contact_state *c = &st->contacts[i];

		if (!c->notified_ms && !c->acked_ms && !c->last_notified_ms && !c->count)
			continue;
		value_push(a, row(value_int((int64_t)i), value_int(c->notified_ms),
				  value_int(c->acked_ms), value_int(c->last_notified_ms),
				  str_or_null(c->notified_by), str_or_null(c->acked_by),
				  str_or_null(c->channel), value_int(c->count), NULL));
	}
	return a;
}

static struct value *
holders_value(const struct incident *st)
{
	struct value *a = value_arr();

	for (size_t i = 0; i < st->n_holders; i++) {
		const struct holder *h = &st->holders[i];

		value_push(a, row(str_or_null(h->party), str_or_null(h->person), value_int(h->ms),
				  str_or_null(h->by), value_bool(h->handover), value_int(h->seq),
				  NULL));
	}
	return a;
}

static struct value *
running_value(const struct incident *st)
{
	const struct incident_full *f = incident_full_const(st);
	struct value *duties = value_arr(), *injects = value_arr(), *o = value_obj();

	for (size_t k = 0; k < f->n_duties; k++)
		value_push(duties, row(value_int(f->duties[k].last_ms),
				       value_int(f->duties[k].count), NULL));
	for (size_t i = 0; i < f->n_injects; i++)
		value_push(injects, row(value_str(f->injects[i].id),
					value_int(f->injects[i].seq), NULL));
	value_set(o, "duties", duties);
	value_set(o, "injects", injects);
	return o;
}

/* The sizes the snapshot was taken at: restoring under another playbook fails. */
static struct value *
shape_value(const struct incident *st)
{
	return row(value_int((int64_t)playbook_field_count(st->pb)),
		   value_int((int64_t)st->n_criteria),
		   value_int((int64_t)playbook_phase_count(st->pb)),
		   value_int((int64_t)playbook_contact_count(st->pb)), NULL);
}

struct value *
incident_snapshot(const struct incident *st)
{
	struct value *o = value_obj();

	value_set_int(o, "version", INCIDENT_SNAPSHOT_VERSION);
	value_set(o, "shape", shape_value(st));
	value_set_int(o, "id", st->id);
	value_set_bool(o, "drill", st->drill);
	value_set_bool(o, "closed", st->closed);
	value_set(o, "title", str_or_null(st->title));
	value_set_int(o, "opened_ms", st->opened_ms);
	value_set(o, "opened_by", str_or_null(st->opened_by));
	value_set(o, "plan_hash", str_or_null(st->plan_hash));
	value_set_int(o, "phase", st->phase);
	value_set(o, "visits", visits_value(st));
	value_set(o, "fields", fields_value(st));
	value_set(o, "answers", answers_value(st));
	value_set(o, "items", items_value(st));
	value_set_int(o, "level", st->level);
	value_set(o, "levels", levels_value(st));
	value_set(o, "contacts", contacts_value(st));
	value_set(o, "holders", holders_value(st));
	value_set(o, "running", running_value(st));
	return o;
}

/* ---- restoring one ---- */

static const char *
s_at(const struct value *a, size_t i)
{
	return value_as_str(value_at(a, i), NULL);
}

static int64_t
i_at(const struct value *a, size_t i)
{
	return value_as_int(value_at(a, i), 0);
}

/* Row i of array `key` of o, which must have at least `width` members. */
static const struct value *
row_at(const struct value *o, const char *key, size_t i, size_t width)
{
	const struct value *r = value_at(value_get(o, key), i);

	return r && value_kind(r) == VALUE_ARR && value_len(r) >= width ? r : NULL;
}

static bool
in_range(int64_t v, size_t n)
{
	return v >= 0 && (uint64_t)v < n;
}

static bool
restore_visits(struct incident *st, const struct value *o)
{
	size_t n = value_len(value_get(o, "visits"));

	st->visits = xcalloc(n + 1, sizeof(*st->visits));
	for (size_t i = 0; i < n; i++) {
		const struct value *r = row_at(o, "visits", i, 7);
		struct phase_visit *v = &st->visits[i];

		if (!r || !in_range(i_at(r, 0), playbook_phase_count(st->pb)))
			return false;
		v->phase = (int)i_at(r, 0);
		v->entered_ms = i_at(r, 1);
		v->left_ms = i_at(r, 2);
		v->entered_by = s_at(r, 3);
		v->left_by = s_at(r, 4);
		v->decision = s_at(r, 5);
		v->reason = s_at(r, 6);
	}
	st->n_visits = n;
	return true;
}

static bool
restore_fields(struct incident *st, const struct value *o)
{
	for (size_t i = 0; i < value_len(value_get(o, "fields")); i++) {
		const struct value *r = row_at(o, "fields", i, 7);
		struct field_value *f;

		if (!r || !in_range(i_at(r, 0), playbook_field_count(st->pb)))
			return false;
		f = &st->fields[i_at(r, 0)];
		f->set = value_as_bool(value_at(r, 1), false);
		f->text = s_at(r, 2);
		f->num = value_as_num(value_at(r, 3), 0);
		f->ms = i_at(r, 4);
		f->by = s_at(r, 5);
		f->seq = i_at(r, 6);
	}
	return true;
}

static bool
restore_answers(struct incident *st, const struct value *o)
{
	for (size_t i = 0; i < value_len(value_get(o, "answers")); i++) {
		const struct value *r = row_at(o, "answers", i, 4);
		struct answer_state *a;

		if (!r || !in_range(i_at(r, 0), st->n_criteria))
			return false;
		a = &st->answers[i_at(r, 0)];
		a->value = (enum answer)i_at(r, 1);
		a->ms = i_at(r, 2);
		a->by = s_at(r, 3);
	}
	return true;
}

static bool
restore_items(struct incident *st, const struct value *o)
{
	for (size_t i = 0; i < value_len(value_get(o, "items")); i++) {
		const struct value *r = row_at(o, "items", i, 6);
		struct item_state *s;
		int64_t p = r ? i_at(r, 0) : -1;

		if (!in_range(p, playbook_phase_count(st->pb)) ||
		    !in_range(i_at(r, 1), playbook_phase(st->pb, (size_t)p)->n_items))
			return false;
		s = &st->items[p][i_at(r, 1)];
		s->status = (enum item_status)i_at(r, 2);
		s->ms = i_at(r, 3);
		s->by = s_at(r, 4);
		s->reason = s_at(r, 5);
	}
	return true;
}

static bool
restore_levels(struct incident *st, const struct value *o)
{
	size_t n = value_len(value_get(o, "levels"));

	st->level_changes = xcalloc(n + 1, sizeof(*st->level_changes));
	for (size_t i = 0; i < n; i++) {
		const struct value *r = row_at(o, "levels", i, 6);
		struct level_change *c = &st->level_changes[i];

		if (!r || !in_range(i_at(r, 0), playbook_level_count(st->pb)))
			return false;
		c->level = (int)i_at(r, 0);
		c->suggested = (int)i_at(r, 1);
		c->ms = i_at(r, 2);
		c->by = s_at(r, 3);
		c->reason = s_at(r, 4);
		c->seq = i_at(r, 5);
	}
	st->n_level_changes = n;
	return true;
}

static bool
restore_contacts(struct incident *st, const struct value *o)
{
	for (size_t i = 0; i < value_len(value_get(o, "contacts")); i++) {
		const struct value *r = row_at(o, "contacts", i, 8);
		struct contact_state *c;

		if (!r || !in_range(i_at(r, 0), playbook_contact_count(st->pb)))
			return false;
		c = &st->contacts[i_at(r, 0)];
		c->notified_ms = i_at(r, 1);
		c->acked_ms = i_at(r, 2);
		c->last_notified_ms = i_at(r, 3);
		c->notified_by = s_at(r, 4);
		c->acked_by = s_at(r, 5);
		c->channel = s_at(r, 6);
		c->count = (int)i_at(r, 7);
	}
	return true;
}

static bool
restore_holders(struct incident *st, const struct value *o)
{
	size_t n = value_len(value_get(o, "holders"));

	st->holders = xcalloc(n + 1, sizeof(*st->holders));
	for (size_t i = 0; i < n; i++) {
		const struct value *r = row_at(o, "holders", i, 6);
		struct holder *h = &st->holders[i];

		if (!r)
			return false;
		h->party = s_at(r, 0);
		h->person = s_at(r, 1);
		h->ms = i_at(r, 2);
		h->by = s_at(r, 3);
		h->handover = value_as_bool(value_at(r, 4), false);
		h->seq = i_at(r, 5);
	}
	st->n_holders = n;
	return true;
}

static bool
restore_running(struct incident *st, const struct value *o)
{
	struct incident_full *f = incident_full(st);
	const struct value *run = value_get(o, "running");
	const struct value *duties = value_get(run, "duties"), *injects = value_get(run, "injects");

	incident_reset_duties(st);
	if (value_len(duties) != f->n_duties)
		return false;
	for (size_t k = 0; k < f->n_duties; k++) {
		f->duties[k].last_ms = i_at(value_at(duties, k), 0);
		f->duties[k].count = (int)i_at(value_at(duties, k), 1);
	}
	f->n_injects = f->cap_injects = value_len(injects);
	f->injects = xcalloc(f->n_injects + 1, sizeof(*f->injects));
	for (size_t i = 0; i < f->n_injects; i++) {
		f->injects[i].id = s_at(value_at(injects, i), 0);
		f->injects[i].seq = i_at(value_at(injects, i), 1);
		if (!f->injects[i].id)
			return false;
	}
	return true;
}

static bool
shape_fits(const struct incident *st, const struct value *o)
{
	const struct value *s = value_get(o, "shape");

	return value_len(s) == 4 && i_at(s, 0) == (int64_t)playbook_field_count(st->pb) &&
	       i_at(s, 1) == (int64_t)st->n_criteria &&
	       i_at(s, 2) == (int64_t)playbook_phase_count(st->pb) &&
	       i_at(s, 3) == (int64_t)playbook_contact_count(st->pb);
}

static bool
restore_top(struct incident *st, const struct value *o)
{
	int64_t phase = value_as_int(value_get(o, "phase"), -2);
	int64_t level = value_as_int(value_get(o, "level"), -2);

	st->id = value_as_int(value_get(o, "id"), 0);
	st->drill = value_as_bool(value_get(o, "drill"), false);
	st->closed = value_as_bool(value_get(o, "closed"), false);
	st->title = value_get_str(o, "title");
	st->opened_ms = value_as_int(value_get(o, "opened_ms"), 0);
	st->opened_by = value_get_str(o, "opened_by");
	st->plan_hash = value_get_str(o, "plan_hash");
	st->phase = (int)phase;
	st->level = (int)level;
	return (phase == -1 || in_range(phase, playbook_phase_count(st->pb))) &&
	       (level == -1 || in_range(level, playbook_level_count(st->pb)));
}

struct incident *
incident_restore(const struct playbook *pb, const struct value *snap)
{
	struct incident *st;
	const struct value *o;
	bool ok;

	if (!snap || value_kind(snap) != VALUE_OBJ ||
	    value_as_int(value_get(snap, "version"), 0) != INCIDENT_SNAPSHOT_VERSION)
		return NULL;
	st = incident_alloc(pb);
	incident_full(st)->snap = value_copy(snap);
	o = incident_full(st)->snap;
	free(st->visits);
	free(st->level_changes);
	free(st->holders);
	st->visits = NULL;
	st->level_changes = NULL;
	st->holders = NULL;
	ok = shape_fits(st, o) && restore_top(st, o) && restore_visits(st, o) &&
	     restore_fields(st, o) && restore_answers(st, o) && restore_items(st, o) &&
	     restore_levels(st, o) && restore_contacts(st, o) && restore_holders(st, o) &&
	     restore_running(st, o);
	if (!ok)
		incident_free(&st);
	return st;
}
