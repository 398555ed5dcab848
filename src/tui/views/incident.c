/*
 * An incident: the header (plan, id, phase, level, time since discovery),
 * the phases (done, current, next, with who and when), the current phase's
 * checklist, the running deadlines counting down, and the timeline, newest
 * at the bottom.  Tab moves between the panes; one key records a note, ticks
 * an item, or opens the screen for a decision, the level, the contacts, the
 * report or the roles.  This file holds the view's state and requests;
 * views/incident_draw.c draws it.
 */
#include "config.h"

#include "core/field.h"
#include "tui/app.h"
#include "tui/chrome.h"
#include "tui/draw.h"
#include "tui/fmt.h"
#include "tui/i18n.h"
#include "tui/list.h"
#include "tui/views/incident_impl.h"
#include "tui/views/views.h"
#include "util/text.h"
#include "util/timefmt.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* ---- the rows of each pane ---- */

const struct clock_state *
incident_shown_clock(const struct incident_priv *p, const struct incident *st, size_t i)
{
	return &st->clocks[p->clocks[i]];
}

static int
clock_rank(const struct clock_state *c)
{
	switch (c->status) {
	case CLOCK_MISSED:
		return 0;
	case CLOCK_RUNNING:
		return 1;
	case CLOCK_MET_LATE:
	case CLOCK_MET:
		return 2;
	case CLOCK_PENDING:
		break;
	}
	return 3;
}

/* Missed first, then running by due time, then met; pending ones are not shown. */
static void
order_clocks(struct incident_priv *p, const struct incident *st)
{
	p->clocks = xrealloc(p->clocks, (st->n_clocks + 1) * sizeof(*p->clocks));
	p->n_clocks = 0;
	for (int rank = 0; rank < 3; rank++) {
		size_t first = p->n_clocks;

		for (size_t i = 0; i < st->n_clocks; i++)
			if (clock_rank(&st->clocks[i]) == rank)
				p->clocks[p->n_clocks++] = i;
		/* Insertion sort by due time within a rank: a handful of clocks. */
		for (size_t i = first + 1; i < p->n_clocks; i++)
			for (size_t j = i; j > first && st->clocks[p->clocks[j]].due_ms <
							     st->clocks[p->clocks[j - 1]].due_ms;
			     j--) {
				size_t t = p->clocks[j];

				p->clocks[j] = p->clocks[j - 1];
				p->clocks[j - 1] = t;
			}
	}
}

/* The phases pane: every visit, then the phases the current one leads to. */
size_t
incident_phase_rows(const struct incident *st)
{
	const struct pb_phase *ph = incident_phase(st);

	return st->n_visits + (st->closed || !ph ? 0 : ph->n_decisions);
}

static size_t
first_open_item(const struct incident *st)
{
	const struct pb_phase *ph = incident_phase(st);

	for (size_t k = 0; ph && k < ph->n_items; k++)
		if (st->items[st->phase][k].status == ITEM_OPEN)
			return k;
	return 0;
}

static void
sync_lists(struct incident_priv *p, struct app *a, const struct incident *st)
{
	const struct pb_phase *ph = incident_phase(st);
	struct list *tl = &p->lists[PANE_TIMELINE];
	bool follow = !tl->n || tl->sel + 1 >= tl->n;

	order_clocks(p, st);
	list_set_count(&p->lists[PANE_CHECKLIST], ph ? ph->n_items : 0);
	list_set_count(&p->lists[PANE_DEADLINES], p->n_clocks);
	list_set_count(tl, app_timeline_count(a));
	list_set_count(&p->lists[PANE_PHASES], incident_phase_rows(st));
	/* A new phase: its first open item; the timeline keeps showing the newest. */
	if (p->phase != st->phase) {
		p->phase = st->phase;
		p->lists[PANE_CHECKLIST].sel = first_open_item(st);
		p->lists[PANE_CHECKLIST].top = 0;
	}
	if (follow)
		list_select_last(tl);
}

static void
incident_open(struct view *v, struct app *a, const void *arg)
{
	const struct incident_args *args = arg;
	struct incident_priv *p = v->priv;
	const struct incident *st;

	/* The caller has usually folded it already (to say why, when it cannot). */
	if (args && args->id != a->incident_id)
		app_open_incident(a, args->id);
	st = app_incident(a);
	p->phase = -1;
	p->focus = PANE_CHECKLIST;
	if (st)
		sync_lists(p, a, st);
}

static void
incident_refresh(struct view *v, struct app *a)
{
	const struct incident *st = app_incident(a);

	if (st)
		sync_lists(v->priv, a, st);
}

static void
incident_done(struct view *v, struct app *a)
{
	struct incident_priv *p = v->priv;

	free(p->clocks);
	app_close_incident(a);
}

void
incident_focus_item(struct view *v, struct app *a, const char *item)
{
	struct incident_priv *p = v->priv;
	const struct incident *st = app_incident(a);
	const struct pb_phase *ph = st ? incident_phase(st) : NULL;

	p->focus = PANE_CHECKLIST;
	for (size_t k = 0; ph && item && k < ph->n_items; k++)
		if (strcmp(ph->items[k].m.id, item) == 0)
			list_select(&p->lists[PANE_CHECKLIST], k);
}

int64_t
incident_timeline_seq(const struct view *v, const struct app *a)
{
	const struct incident_priv *p = v->priv;
	const struct incident *st = app_incident(a);
	const struct list *l;

	if (v->ops != &incident_view || p->focus != PANE_TIMELINE || !st)
		return 0;
	l = &p->lists[PANE_TIMELINE];
	return l->n && l->sel < st->n_entries ? st->entries[l->sel].seq : 0;
}

/* ---- requests ---- */

static const struct pb_check_item *
selected_item(struct incident_priv *p, const struct incident *st, size_t *k)
{
	const struct pb_phase *ph = incident_phase(st);
	struct list *l = &p->lists[PANE_CHECKLIST];

	if (!ph || !l->n || st->closed)
		return NULL;
	*k = l->sel;
	return &ph->items[l->sel];
}

static void
next_open(struct incident_priv *p, const struct incident *st, size_t from)
{
	const struct pb_phase *ph = incident_phase(st);

	for (size_t k = from + 1; ph && st->phase == p->phase && k < ph->n_items; k++)
		if (st->items[st->phase][k].status == ITEM_OPEN) {
			list_select(&p->lists[PANE_CHECKLIST], k);
			return;
		}
}

static bool
tick(struct app *a, const struct pb_check_item *it, enum tick_action action, const char *reason)
{
	struct request rq = {.kind = REQ_TICK, .item = it->m.id, .tick = action, .reason = reason};
	char what[400];

	snprintf(what, sizeof(what),
		 action == TICK_DO ? _("ticked: %s") : action == TICK_SKIP ? _("skipped: %s")
									   : _("unticked: %s"),
		 it->text);
	return app_submit(a, &rq, what, NULL) == YJ_OK;
}

static const struct pb_check_item *
pending_item(struct app *a, const struct incident_priv *p)
{
	const struct incident *st = app_incident(a);
	const struct pb_phase *ph = st ? incident_phase(st) : NULL;

	return ph ? pb_phase_find_item(ph, p->pending) : NULL;
}

static void
skip_with_reason(struct app *a, void *ctx, const char *reason)
{
	struct incident_priv *p = ctx;
	const struct pb_check_item *it = pending_item(a, p);

	if (reason && it && tick(a, it, TICK_SKIP, reason))
		next_open(p, app_incident(a), p->lists[PANE_CHECKLIST].sel);
}

static void
untick_confirmed(struct app *a, void *ctx, bool yes)
{
	const struct pb_check_item *it = pending_item(a, ctx);

	if (yes && it)
		tick(a, it, TICK_UNDO, NULL);
}

static void
note_typed(struct app *a, void *ctx, const char *text)
{
	struct request rq = {.kind = REQ_NOTE, .text = text};

	(void)ctx;
	if (text)
		app_submit(a, &rq, _("note"), NULL);
}

static void
handover_to(struct app *a, void *ctx, const char *person)
{
	struct briefing_args args = {NULL, person};

	(void)ctx;
	if (person && *person)
		app_push(a, &briefing_view, &args);
}

static unsigned
item_request(struct incident_priv *p, struct app *a, enum tui_request rq)
{
	const struct incident *st = app_incident(a);
	const struct pb_check_item *it;
	size_t k = 0;
	char q[400];

	it = selected_item(p, st, &k);
	if (!it) {
		app_message(a, STYLE_ERROR, "%s",
			    st->closed ? _("the incident is closed") : _("no checklist item here"));
		return REACT_STATUS;
	}
	snprintf(p->pending, sizeof(p->pending), "%s", it->m.id);
	if (rq == TUI_REQ_TICK) {
		/* Ticked: on to the next item still open. */
		if (tick(a, it, TICK_DO, NULL))
			next_open(p, app_incident(a), k);
	} else if (rq == TUI_REQ_SKIP) {
		snprintf(q, sizeof(q), _("Why skip \"%s\"?"), it->text);
		app_prompt(a, q, NULL, skip_with_reason, p);
	} else {
		snprintf(q, sizeof(q), _("Untick \"%s\"? The untick is recorded too."), it->text);
		app_confirm(a, _("Untick"), q, untick_confirmed, p);
	}
	return REACT_REDRAW;
}

/* Enter on a line that records nothing: show all of it. */
static void
show_line(struct incident_priv *p, struct app *a)
{
	const struct incident *st = app_incident(a);
	struct list *l = &p->lists[p->focus];
	struct strbuf text = STRBUF_INIT;
	char when[32];

	if (!l->n)
		return;
	if (p->focus == PANE_TIMELINE) {
		const struct entry *e = app_timeline_entry(a, l->sel);

		if (!e)
			return;
		time_format_local(e->ts_ms, when, sizeof(when));
		sb_printf(&text, "%s  %s\n\n", when, e->operator_name);
		fmt_entry(st->pb, e, &text);
	} else if (p->focus == PANE_DEADLINES) {
		const struct clock_state *c = incident_shown_clock(p, st, l->sel);

		sb_printf(&text, "%s (%s)\n\n", fmt_clock_text(c), fmt_clock_id(c));
		fmt_clock(c, a->now_ms, &text);
	} else if (p->focus == PANE_PHASES && l->sel < st->n_visits) {
		const struct pb_phase *ph = playbook_phase(st->pb, (size_t)st->visits[l->sel].phase);

		sb_printf(&text, "%s\n\n%s", ph->title, ph->description ? ph->description : "");
	} else if (p->focus == PANE_CHECKLIST) {
		const struct pb_phase *ph = incident_phase(st);
		const struct item_state *is = &st->items[st->phase][l->sel];

		sb_printf(&text, "%s (%s)\n", ph->items[l->sel].text, ph->items[l->sel].m.id);
		if (is->status != ITEM_OPEN) {
			time_format_local(is->ms, when, sizeof(when));
			sb_printf(&text, "\n%s %s %s %s", _(item_status_name(is->status)), is->by, when,
				  is->reason ? is->reason : "");
		}
	}
	if (text.len)
		app_confirm(a, NULL, sb_str(&text), NULL, NULL);
	sb_free(&text);
}

static unsigned
enter(struct incident_priv *p, struct app *a)
{
	const struct incident *st = app_incident(a);
	struct list *l = &p->lists[PANE_CHECKLIST];

	if (p->focus == PANE_CHECKLIST && l->n && !st->closed &&
	    st->items[st->phase][l->sel].status == ITEM_OPEN)
		return item_request(p, a, TUI_REQ_TICK);
	show_line(p, a);
	return REACT_REDRAW;
}

static unsigned
cycle_pane(struct incident_priv *p, int dir)
{
	p->focus = (enum pane)(((int)p->focus + dir + PANE_COUNT) % PANE_COUNT);
	return REACT_REDRAW;
}

static unsigned
open_screen(struct app *a, enum tui_request rq)
{
	struct form_args fields = {FORM_FIELDS, NULL, NULL, 0, NULL};

	switch (rq) {
	case TUI_REQ_FIELDS:
		app_push(a, &form_view, &fields);
		break;
	case TUI_REQ_ADVANCE:
		app_push(a, &decisions_view, NULL);
		break;
	case TUI_REQ_LEVEL:
		app_push(a, &level_view, NULL);
		break;
	case TUI_REQ_CONTACTS:
		app_push(a, &contacts_view, NULL);
		break;
	case TUI_REQ_REPORT:
		app_push(a, &report_view, NULL);
		break;
	case TUI_REQ_ROLES:
		app_push(a, &roles_view, NULL);
		break;
	default:
		return REACT_UNHANDLED;
	}
	return REACT_REDRAW;
}

static unsigned
incident_request(struct view *v, struct app *a, enum tui_request rq)
{
	struct incident_priv *p = v->priv;
	unsigned r = list_request(&p->lists[p->focus], rq);

	if (!(r & REACT_UNHANDLED) || !app_incident(a))
		return r;
	switch (rq) {
	case TUI_REQ_NEXT_PANE:
		return cycle_pane(p, 1);
	case TUI_REQ_PREV_PANE:
		return cycle_pane(p, -1);
	case TUI_REQ_ENTER:
		return enter(p, a);
	case TUI_REQ_TICK:
	case TUI_REQ_SKIP:
	case TUI_REQ_UNTICK:
		return item_request(p, a, rq);
	case TUI_REQ_NOTE:
		app_prompt(a, _("Note for the timeline"), NULL, note_typed, NULL);
		return REACT_REDRAW;
	case TUI_REQ_HANDOVER:
		app_prompt(a, _("Hand over command to (name)"), NULL, handover_to, NULL);
		return REACT_REDRAW;
	default:
		return open_screen(a, rq);
	}
}

static const enum tui_request hints[] = {
	TUI_REQ_NOTE, TUI_REQ_TICK, TUI_REQ_FIELDS, TUI_REQ_ADVANCE, TUI_REQ_LEVEL,
	TUI_REQ_CONTACTS, TUI_REQ_HELP, TUI_REQ_BACK, TUI_REQ_NONE,
};

static const enum tui_request requests[] = {
	TUI_REQ_MOVE_UP, TUI_REQ_MOVE_DOWN, TUI_REQ_PAGE_UP, TUI_REQ_PAGE_DOWN, TUI_REQ_MOVE_FIRST,
	TUI_REQ_MOVE_LAST, TUI_REQ_NEXT_PANE, TUI_REQ_PREV_PANE, TUI_REQ_ENTER, TUI_REQ_NOTE,
	TUI_REQ_TICK, TUI_REQ_SKIP, TUI_REQ_UNTICK, TUI_REQ_FIELDS, TUI_REQ_ADVANCE,
	TUI_REQ_LEVEL, TUI_REQ_CONTACTS, TUI_REQ_REPORT, TUI_REQ_ROLES, TUI_REQ_HANDOVER,
	TUI_REQ_NONE,
};

const struct view_ops incident_view = {
	.name = "incident",
	.private_size = sizeof(struct incident_priv),
	.hints = hints,
	.requests = requests,
	.open = incident_open,
	.draw = incident_draw,
	.request = incident_request,
	.refresh = incident_refresh,
	.done = incident_done,
};
