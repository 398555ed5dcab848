/*
 * Decisions: leave the current phase by one of its decisions (confirm the
 * nature, close as a false alarm, start the response ...).  The engine
 * decides whether the plan allows it; a refusal is shown here, as the list
 * of what is missing, and Enter on a line of it goes to the thing itself:
 * the field, the checklist item, the level, the reason, the role.
 */
#include "config.h"

#include "tui/app.h"
#include "tui/chrome.h"
#include "tui/draw.h"
#include "tui/fmt.h"
#include "tui/i18n.h"
#include "tui/list.h"
#include "tui/views/views.h"
#include "util/xalloc.h"

#include <stdlib.h>

struct decisions {
	struct list list;	/* the phase's decisions */
	struct list gaps_list;
	struct request_refusal refusal;	/* what the guards found missing, by kind */
	bool on_gaps;		/* the refusal has the focus */
	char decision[128];	/* the decision last tried, by id */
};

static const struct pb_phase *
phase(struct app *a)
{
	const struct incident *st = app_incident(a);

	return st && !st->closed ? incident_phase(st) : NULL;
}

static void
clear_gaps(struct decisions *d)
{
	request_refusal_clear(&d->refusal);
	d->on_gaps = false;
	list_set_count(&d->gaps_list, 0);
}

/* The engine's refusal, kept as the list of what is missing (core/request.h). */
static void
show_gaps(struct decisions *d)
{
	list_set_count(&d->gaps_list, d->refusal.n);
	list_select(&d->gaps_list, 0);
	d->on_gaps = d->refusal.n > 0;
}

static void
decisions_open(struct view *v, struct app *a, const void *arg)
{
	struct decisions *d = v->priv;
	const struct pb_phase *ph = phase(a);

	(void)arg;
	list_set_count(&d->list, ph ? ph->n_decisions : 0);
}

static void
decisions_refresh(struct view *v, struct app *a)
{
	struct decisions *d = v->priv;
	const struct pb_phase *ph = phase(a);

	/* The record changed: what was missing may not be any more. */
	clear_gaps(d);
	list_set_count(&d->list, ph ? ph->n_decisions : 0);
}

static void
decisions_done(struct view *v, struct app *a)
{
	(void)a;
	clear_gaps(v->priv);
}

/* ---- drawing ---- */

static void
decision_line(struct app *a, const struct pb_decision *dc, int cols, struct line *l)
{
	const struct incident *st = app_incident(a);
	const struct pb_phase *to = playbook_find_phase(st->pb, dc->to.id);

	line_add(l, STYLE_NORMAL, "› ");
	line_add(l, STYLE_NORMAL, dc->label);
	line_addf(l, STYLE_CURRENT, " → %s", to ? to->title : dc->to.id);
	if (dc->reason)
		line_addf(l, STYLE_DIM, " %s", _("(asks a reason)"));
	if (dc->by.n) {
		struct strbuf who = STRBUF_INIT;

		for (size_t i = 0; i < dc->by.n; i++)
			sb_printf(&who, "%s%s", i ? " / " : "", fmt_party(st->pb, dc->by.v[i].id));
		line_addf(l, STYLE_LABEL, _(" (only %s)"), sb_str(&who));
		sb_free(&who);
	}
	(void)cols;
}

/* Each thing in the officer's words: the playbook's name for it, or the engine's line. */
static void
gap_line(struct app *a, const struct request_gap *g, struct line *l)
{
	const struct incident *st = app_incident(a);

	line_add(l, STYLE_ERROR, "✗ ");
	switch (g->kind) {
	case GAP_FIELD:
		line_addf(l, STYLE_NORMAL, _("record the field: %s"), g->label);
		break;
	case GAP_ITEM:
		line_addf(l, STYLE_NORMAL, _("tick or skip: %s"),
			  fmt_item_text(st->pb, incident_phase(st)->m.id, g->id));
		break;
	case GAP_LEVEL:
		line_add(l, STYLE_NORMAL, _("confirm the level"));
		break;
	case GAP_REASON:
		line_add(l, STYLE_NORMAL, _("give a reason"));
		break;
	case GAP_CONTACT:
		line_addf(l, STYLE_NORMAL, _("notify: %s"), g->label);
		break;
	case GAP_LEVEL_FIT:
		line_addf(l, STYLE_NORMAL, _("only at level %s: confirm the level"), g->label);
		break;
	case GAP_PARTY:
		line_add(l, STYLE_NORMAL, g->text);
		break;
	}
}

static void
draw_list(struct list *li, int row, int rows, int cols, bool focus, struct line *lines)
{
	list_show(li, (size_t)rows);
	for (int i = 0; i < rows && li->top + (size_t)i < li->n; i++) {
		size_t k = li->top + (size_t)i;
		struct line *l = &lines[k];

		if (k == li->sel && focus)
			line_restyle(l, STYLE_SELECTED);
		draw_line(row + i, 0, cols, l, k == li->sel && focus ? STYLE_SELECTED : STYLE_NORMAL);
	}
}

static void
decisions_draw(struct view *v, struct app *a)
{
	struct decisions *d = v->priv;
	const struct pb_phase *ph = phase(a);
	int row = CHROME_HEADER_ROWS, rows;
	struct line *lines;
	char t[200];

	chrome_incident_header(a, 0, v->cols, _("Decisions"));
	if (!ph) {
		draw_text(row + 1, 2, v->cols - 2, STYLE_DIM, _("The incident is closed."));
		return;
	}
	snprintf(t, sizeof(t), _("Leave \"%s\" by:"), ph->title);
	chrome_title(row++, 0, v->cols, t, !d->on_gaps);
	rows = (int)d->list.n ? (int)d->list.n : 1;
	lines = xcalloc(d->list.n + d->refusal.n + 1, sizeof(*lines));
	for (size_t k = 0; k < d->list.n; k++)
		decision_line(a, &ph->decisions[k], v->cols, &lines[k]);
	if (!d->list.n)
		draw_text(row, 2, v->cols - 2, STYLE_DIM, _("this phase has no decisions"));
	draw_list(&d->list, row, rows, v->cols, !d->on_gaps, lines);
	row += rows + 1;
	if (d->refusal.n) {
		chrome_title(row++, 0, v->cols, _("Not yet — what is missing (Enter goes there):"),
			     d->on_gaps);
		for (size_t k = 0; k < d->refusal.n; k++)
			gap_line(a, &d->refusal.gaps[k], &lines[d->list.n + k]);
		draw_list(&d->gaps_list, row, v->rows - row, v->cols, d->on_gaps, lines + d->list.n);
	}
	for (size_t k = 0; k < d->list.n + d->refusal.n; k++)
		line_free(&lines[k]);
	free(lines);
}

/* ---- acting ---- */

static const struct pb_decision *
tried(struct app *a, const struct decisions *d)
{
	const struct pb_phase *ph = phase(a);

	return ph ? pb_phase_find_decision(ph, d->decision) : NULL;
}

static void
take(struct app *a, struct decisions *d, const char *reason)
{
	const struct pb_decision *dc = tried(a, d);
	struct request_refusal refusal = {0};
	struct request rq = {.kind = REQ_ADVANCE, .reason = reason, .refusal = &refusal};

	if (!dc)
		return;
	rq.decision = dc->m.id;
	/* Kept aside: the reload after the submit refreshes this view, which clears the list. */
	if (app_submit(a, &rq, dc->label, NULL) == YJ_OK) {
		request_refusal_clear(&refusal);
		clear_gaps(d);
		app_pop_to(a, "incident");
	} else {
		clear_gaps(d);
		d->refusal = refusal;
		show_gaps(d);
		/* The list says what is missing in the officer's words; the line says how much. */
		if (d->refusal.n)
			app_message(a, STYLE_ERROR, _("Not yet: %zu missing, listed above"), d->refusal.n);
	}
}

static void
reason_given(struct app *a, void *ctx, const char *reason)
{
	if (reason)
		take(a, ctx, reason);
}

static void
confirmed(struct app *a, void *ctx, bool yes)
{
	if (yes)
		take(a, ctx, NULL);
}

static void
ask(struct app *a, struct decisions *d, const struct pb_decision *dc)
{
	const struct incident *st = app_incident(a);
	const struct pb_phase *to = playbook_find_phase(st->pb, dc->to.id);
	char q[600];

	snprintf(d->decision, sizeof(d->decision), "%s", dc->m.id);
	if (dc->reason) {
		snprintf(q, sizeof(q), _("Reason for \"%s\":"), dc->label);
		app_prompt(a, q, NULL, reason_given, d);
		return;
	}
	snprintf(q, sizeof(q), _("%s\n\n%s → %s"), dc->label, incident_phase(st)->title,
		 to ? to->title : dc->to.id);
	app_confirm(a, _("Take this decision?"), q, confirmed, d);
}

static void
go_to_gap(struct app *a, struct decisions *d, const struct request_gap *g)
{
	const struct pb_decision *dc = tried(a, d);
	struct form_args fa = {FORM_FIELDS, g->id, NULL, 0, NULL};
	struct roles_args ra = {g->id};
	struct contacts_args ca = {g->id};

	switch (g->kind) {
	case GAP_FIELD:
		app_push(a, &form_view, &fa);
		break;
	case GAP_ITEM: {
		char item[128];

		snprintf(item, sizeof(item), "%s", g->id);
		if (app_pop_to(a, "incident"))
			incident_focus_item(app_top(a), a, item);
		break;
	}
	case GAP_LEVEL:
	case GAP_LEVEL_FIT:
		app_push(a, &level_view, NULL);
		break;
	case GAP_REASON:
		if (dc)
			ask(a, d, dc);
		break;
	case GAP_PARTY:
		app_push(a, &roles_view, &ra);
		break;
	case GAP_CONTACT:
		app_push(a, &contacts_view, &ca);
		break;
	}
}

static unsigned
decisions_request(struct view *v, struct app *a, enum tui_request rq)
{
	struct decisions *d = v->priv;
	const struct pb_phase *ph = phase(a);
	unsigned r = list_request(d->on_gaps ? &d->gaps_list : &d->list, rq);

	if (!(r & REACT_UNHANDLED))
		return r;
	switch (rq) {
	case TUI_REQ_NEXT_PANE:
	case TUI_REQ_PREV_PANE:
		d->on_gaps = !d->on_gaps && d->refusal.n;
		return REACT_REDRAW;
	case TUI_REQ_ENTER:
		if (d->on_gaps && d->refusal.n)
			go_to_gap(a, d, &d->refusal.gaps[d->gaps_list.sel]);
		else if (ph && d->list.n)
			ask(a, d, &ph->decisions[d->list.sel]);
		return REACT_REDRAW;
	default:
		return REACT_UNHANDLED;
	}
}

static const enum tui_request hints[] = {TUI_REQ_ENTER, TUI_REQ_NEXT_PANE, TUI_REQ_HELP,
					 TUI_REQ_BACK, TUI_REQ_NONE};
static const enum tui_request requests[] = {
	TUI_REQ_MOVE_UP, TUI_REQ_MOVE_DOWN, TUI_REQ_PAGE_UP, TUI_REQ_PAGE_DOWN, TUI_REQ_MOVE_FIRST,
	TUI_REQ_MOVE_LAST, TUI_REQ_NEXT_PANE, TUI_REQ_PREV_PANE, TUI_REQ_ENTER, TUI_REQ_NONE,
};

const struct view_ops decisions_view = {
	.name = "decisions",
	.private_size = sizeof(struct decisions),
	.hints = hints,
	.requests = requests,
	.open = decisions_open,
	.draw = decisions_draw,
	.request = decisions_request,
	.refresh = decisions_refresh,
	.done = decisions_done,
};
