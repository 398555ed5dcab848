/*
 * Deadlines and repeating duties at a given time.
 *
 * A deadline of a phase applies once that phase has been entered, or while it
 * can still be reached from the current phase; an incident that leaves the plan
 * another way (a false alarm, 潞城 4.1.2) does not owe the deadlines of phases it
 * will never enter.  Its clock starts at its anchor (潞城 4.1.1: the discovery
 * time; 5.1: the end of the response) and it is met by the event the playbook
 * names.  A repeating duty runs only while its phase is current and renews each
 * time it is met (潞城 4.2, 4.4(2): continuous progress reports).
 */
#include "config.h"

#include "core/incident_impl.h"
#include "core/i18n.h"
#include "util/str.h"
#include "util/strbuf.h"
#include "util/timefmt.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

const char *
clock_status_name(enum clock_status s)
{
	/* Names machines read; people read them through _() (core/i18n.h). */
	static const char *const names[] = {N_("pending"), N_("running"), N_("met"),
					    N_("met-late"), N_("missed")};

	return (size_t)s < 5 ? names[s] : "?";
}

static bool *
reachable_from_current(const struct incident *st)
{
	size_t n = playbook_phase_count(st->pb);
	bool *seen = xcalloc(n + 1, sizeof(*seen));
	int *queue = xcalloc(n + 1, sizeof(*queue));
	size_t head = 0, tail = 0;

	if (st->phase >= 0 && !st->closed) {
		seen[st->phase] = true;
		queue[tail++] = st->phase;
	}
	while (head < tail) {
		const struct pb_phase *ph = playbook_phase(st->pb, (size_t)queue[head++]);

		for (size_t k = 0; k < ph->n_decisions; k++) {
			int to = playbook_phase_index(st->pb, ph->decisions[k].to.id);

			if (to >= 0 && !seen[to]) {
				seen[to] = true;
				queue[tail++] = to;
			}
		}
	}
	free(queue);
	return seen;
}

static const struct phase_visit *
first_visit(const struct incident *st, int phase)
{
	for (size_t i = 0; i < st->n_visits; i++)
		if (st->visits[i].phase == phase)
			return &st->visits[i];
	return NULL;
}

/* When `phase` was first left; 0 if never. */
static int64_t
first_left(const struct incident *st, int phase)
{
	for (size_t i = 0; i < st->n_visits; i++)
		if (st->visits[i].phase == phase && st->visits[i].left_ms)
			return st->visits[i].left_ms;
	return 0;
}

static int
field_idx(const struct incident *st, const char *id)
{
	for (size_t i = 0; id && i < playbook_field_count(st->pb); i++)
		if (str_eq(playbook_field(st->pb, i)->m.id, id))
			return (int)i;
	return -1;
}

static int64_t
anchor_time(const struct incident *st, int phase, const struct pb_anchor *a)
{
	const struct phase_visit *v;
	int fi;

	switch (a->kind) {
	case PB_ANCHOR_FIELD:
		fi = field_idx(st, a->ref.id);
		return fi >= 0 && st->fields[fi].set ? (int64_t)st->fields[fi].num : 0;
	case PB_ANCHOR_PHASE_START:
		v = first_visit(st, phase);
		return v ? v->entered_ms : 0;
	case PB_ANCHOR_PHASE_END:
		return first_left(st, playbook_phase_index(st->pb, a->ref.id));
	case PB_ANCHOR_INCIDENT_OPEN:
		return st->opened_ms;
	}
	return 0;
}

static int64_t
met_time(const struct incident *st, int phase, const struct pb_met *m)
{
	const struct pb_phase *ph = playbook_phase(st->pb, (size_t)phase);
	int i;

	switch (m->kind) {
	case PB_MET_TICK:
		for (size_t k = 0; k < ph->n_items; k++)
			if (str_eq(ph->items[k].m.id, m->ref.id) &&
			    st->items[phase][k].status == ITEM_TICKED)
				return st->items[phase][k].ms;
		return 0;
	case PB_MET_LEAVE:
		return first_left(st, m->ref.id ? playbook_phase_index(st->pb, m->ref.id) : phase);
	case PB_MET_NOTIFY:
		for (size_t k = 0; k < playbook_contact_count(st->pb); k++)
			if (str_eq(playbook_contact(st->pb, k)->m.id, m->ref.id))
				return st->contacts[k].notified_ms;
		return 0;
	case PB_MET_FIELD:
		i = field_idx(st, m->ref.id);
		return i >= 0 && st->fields[i].set ? st->fields[i].ms : 0;
	}
	return 0;
}

static void
settle(struct clock_state *c, int64_t now)
{
	if (c->met_ms)
		c->status = c->due_ms && c->met_ms > c->due_ms ? CLOCK_MET_LATE : CLOCK_MET;
	else if (!c->anchor_ms)
		c->status = CLOCK_PENDING;
	else
		c->status = now > c->due_ms ? CLOCK_MISSED : CLOCK_RUNNING;
}

static void
deadline_clock(const struct incident *st, int phase, const struct pb_deadline *d,
	       struct clock_state *c)
{
	memset(c, 0, sizeof(*c));
	c->phase = phase;
	c->deadline = d;
	c->anchor_ms = anchor_time(st, phase, &d->from);
	if (c->anchor_ms)
		c->due_ms = d->end_of_day ? time_end_of_local_day(c->anchor_ms)
					  : c->anchor_ms + d->within * 1000;
	c->met_ms = met_time(st, phase, &d->met);
	settle(c, st->now_ms);
}

/* The next occurrence of duty k of the current phase (fold.c counts the meetings). */
static void
duty_clock(const struct incident *st, size_t k, const struct pb_duty *u, struct clock_state *c)
{
	const struct incident_full *f = incident_full_const(st);
	const struct phase_visit *v = &st->visits[st->n_visits - 1];
	const struct duty_track *t = k < f->n_duties ? &f->duties[k] : NULL;
	int64_t last = t && t->count ? t->last_ms : v->entered_ms;

	memset(c, 0, sizeof(*c));
	c->phase = st->phase;
	c->duty = u;
	c->anchor_ms = v->entered_ms;
	c->met_count = t ? t->count : 0;
	c->met_ms = c->met_count ? last : 0;
	c->due_ms = last + u->every * 1000;
	/* The next occurrence is what runs: met ones are history. */
	c->status = st->now_ms > c->due_ms ? CLOCK_MISSED : CLOCK_RUNNING;
}

void
incident_set_now(struct incident *st, int64_t now_ms)
{
	size_t n = 0, cap = 0;
	bool *reach;

	st->now_ms = now_ms;
	free(st->clocks);
	st->clocks = NULL;
	st->n_clocks = 0;
	reach = reachable_from_current(st);
	for (size_t p = 0; p < playbook_phase_count(st->pb); p++) {
		const struct pb_phase *ph = playbook_phase(st->pb, p);

		if (!first_visit(st, (int)p) && !reach[p])
			continue;
		for (size_t k = 0; k < ph->n_deadlines; k++) {
			st->clocks = xgrow(st->clocks, &cap, n + 1, sizeof(*st->clocks));
			deadline_clock(st, (int)p, &ph->deadlines[k], &st->clocks[n++]);
		}
	}
	if (st->phase >= 0 && !st->closed && st->n_visits) {
		const struct pb_phase *ph = incident_phase(st);

		for (size_t k = 0; k < ph->n_duties; k++) {
			st->clocks = xgrow(st->clocks, &cap, n + 1, sizeof(*st->clocks));
			duty_clock(st, k, &ph->duties[k], &st->clocks[n++]);
		}
	}
	st->n_clocks = n;
	free(reach);
}

int64_t
incident_next_due(const struct incident *st)
{
	int64_t best = 0;

	for (size_t i = 0; i < st->n_clocks; i++) {
		const struct clock_state *c = &st->clocks[i];

		if ((c->status == CLOCK_RUNNING || c->status == CLOCK_MISSED) &&
		    (!best || c->due_ms < best))
			best = c->due_ms;
	}
	return best;
}

static char *
dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void
incident_summarize(const struct incident *st, struct incident_summary *out)
{
	const struct pb_phase *ph = incident_phase(st);
	const struct entry *head = st->n_entries ? &st->entries[st->n_entries - 1] : NULL;

	memset(out, 0, sizeof(*out));
	out->id = st->id;
	out->drill = st->drill;
	out->closed = st->closed;
	out->title = dup_or_null(st->title);
	out->plan_id = dup_or_null(playbook_plan(st->pb)->id);
	out->phase = dup_or_null(ph ? ph->m.id : NULL);
	out->phase_title = dup_or_null(ph ? ph->title : NULL);
	out->level = dup_or_null(st->level >= 0 ? playbook_level(st->pb, (size_t)st->level)->m.id
						: NULL);
	out->opened_ms = st->opened_ms;
	out->updated_ms = head ? head->ts_ms : 0;
	out->next_due_ms = st->closed ? 0 : incident_next_due(st);
	out->shown = true;
	out->level_colour = -1;
	if (st->level >= 0) {
		const struct pb_level *lv = playbook_level(st->pb, (size_t)st->level);

		out->level_label = xstrdup(lv->label ? lv->label : lv->m.id);
		out->level_colour = (int)lv->colour;
	}
	/*
	 * Missed or running is a matter of the time it is read at, and missed
	 * ones are due before any running one: so the clock shown at any time is
	 * the first of those due soonest, whatever its status now.
	 */
	{
		const struct clock_state *c = NULL;

		for (size_t i = 0; i < st->n_clocks; i++)
			if ((st->clocks[i].status == CLOCK_RUNNING ||
			     st->clocks[i].status == CLOCK_MISSED) &&
			    (!c || st->clocks[i].due_ms < c->due_ms))
				c = &st->clocks[i];
		if (c) {
			out->clock_due_ms = c->due_ms;
			out->clock_anchor_ms = c->anchor_ms;
		}
	}
	out->head_seq = head ? head->seq : 0;
	if (head)
		entry_hash_hex(head->hash, out->head_hash);
}
