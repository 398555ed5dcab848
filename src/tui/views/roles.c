/*
 * Roles: who holds each role, unit and group lead in this incident.  Those a
 * decision of the current phase needs come first (潞城 4.5: only the one who
 * started the response ends it).  Assign a person, or hand over (which shows
 * the briefing to the incoming officer first).
 */
#include "config.h"

#include "tui/app.h"
#include "tui/chrome.h"
#include "tui/draw.h"
#include "tui/fmt.h"
#include "tui/i18n.h"
#include "tui/list.h"
#include "tui/views/views.h"
#include "tui/wrap.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

struct rrow {
	const char *party;	/* NULL for a section title */
	const char *title;
};

struct roles {
	struct rrow *rows;
	size_t n, cap;
	struct list list;
	char pending[128];	/* the party a name is being asked for */
};

static void
add(struct roles *r, const char *party, const char *title)
{
	for (size_t i = 0; party && i < r->n; i++)
		if (r->rows[i].party && strcmp(r->rows[i].party, party) == 0)
			return;
	r->rows = xgrow(r->rows, &r->cap, r->n + 1, sizeof(*r->rows));
	r->rows[r->n++] = (struct rrow){party, title};
}

static bool
selectable(const void *ctx, size_t i)
{
	const struct roles *r = ctx;

	return r->rows[i].party != NULL;
}

static void
build(struct roles *r, const struct incident *st)
{
	const struct pb_phase *ph = incident_phase(st);
	size_t first;

	r->n = 0;
	if (ph && !st->closed) {
		add(r, NULL, _("Needed for this phase's decisions"));
		first = r->n;
		for (size_t k = 0; k < ph->n_decisions; k++)
			for (size_t i = 0; i < ph->decisions[k].by.n; i++)
				add(r, ph->decisions[k].by.v[i].id, NULL);
		if (r->n == first)
			r->n--;
	}
	add(r, NULL, _("Roles"));
	for (size_t i = 0; i < playbook_role_count(st->pb); i++)
		add(r, playbook_role(st->pb, i)->m.id, NULL);
	add(r, NULL, _("Groups (lead)"));
	for (size_t i = 0; i < playbook_group_count(st->pb); i++)
		add(r, playbook_group(st->pb, i)->m.id, NULL);
	add(r, NULL, _("Units"));
	for (size_t i = 0; i < playbook_unit_count(st->pb); i++)
		add(r, playbook_unit(st->pb, i)->m.id, NULL);
}

static void
roles_refresh(struct view *v, struct app *a)
{
	struct roles *r = v->priv;
	const struct incident *st = app_incident(a);

	if (!st)
		return;
	build(r, st);
	r->list.selectable = selectable;
	r->list.ctx = r;
	list_set_count(&r->list, r->n);
}

static void
roles_open(struct view *v, struct app *a, const void *arg)
{
	const struct roles_args *args = arg;
	struct roles *r = v->priv;

	roles_refresh(v, a);
	for (size_t i = 0; args && args->party && i < r->n; i++)
		if (r->rows[i].party && strcmp(r->rows[i].party, args->party) == 0) {
			list_select(&r->list, i);
			break;
		}
}

static void
roles_done(struct view *v, struct app *a)
{
	struct roles *r = v->priv;

	(void)a;
	free(r->rows);
}

static void
row_line(struct app *a, const struct incident *st, const struct rrow *row, int cols,
	 struct line *l)
{
	const struct holder *h;
	char when[32] = "";
	int who = 16, since = 22;

	if (!row->party) {
		line_add(l, STYLE_TITLE, row->title);
		return;
	}
	h = incident_holder(st, row->party);
	line_add(l, STYLE_NORMAL, " ");
	line_add_fixed(l, STYLE_NORMAL, fmt_party(st->pb, row->party),
		       (size_t)(cols - who - since - 3));
	line_add(l, STYLE_NORMAL, " ");
	line_add_fixed(l, h ? STYLE_CURRENT : STYLE_DIM, h ? h->person : _("not assigned"),
		       (size_t)who);
	line_add(l, STYLE_NORMAL, " ");
	if (h) {
		fmt_when(h->ms, a->now_ms, when, sizeof(when));
		line_addf(l, STYLE_DIM, "%s %s%s", when, h->handover ? _("handover ") : "",
			  h->by ? h->by : "");
	}
}

/* Everyone who held the selected party, in order. */
static void
detail(const struct incident *st, const struct rrow *row, int line, int cols)
{
	struct strbuf sb = STRBUF_INIT;
	struct wrapped w = {0};

	for (size_t i = 0; row->party && i < st->n_holders; i++)
		if (strcmp(st->holders[i].party, row->party) == 0)
			sb_printf(&sb, "%s%s", sb.len ? " → " : _("Held by: "), st->holders[i].person);
	wrap_text(&w, sb_str(&sb), (size_t)cols - 2);
	for (int i = 0; i < 2; i++)
		draw_text(line + i, 1, cols - 2, STYLE_HINT, (size_t)i < w.n ? w.v[i] : "");
	wrap_free(&w);
	sb_free(&sb);
}

static void
roles_draw(struct view *v, struct app *a)
{
	struct roles *r = v->priv;
	const struct incident *st = app_incident(a);
	int top = CHROME_HEADER_ROWS, height = v->rows - top - 3;
	struct line l = LINE_INIT;

	if (!st)
		return;
	chrome_incident_header(a, 0, v->cols, _("Roles"));
	list_show(&r->list, (size_t)height);
	for (int i = 0; i < height && r->list.top + (size_t)i < r->n; i++) {
		size_t k = r->list.top + (size_t)i;

		row_line(a, st, &r->rows[k], v->cols, &l);
		if (k == r->list.sel)
			line_restyle(&l, STYLE_SELECTED);
		draw_line(top + i, 0, v->cols, &l, k == r->list.sel ? STYLE_SELECTED : STYLE_NORMAL);
		line_reset(&l);
	}
	line_free(&l);
	draw_fill(v->rows - 3, 0, v->cols, STYLE_NORMAL);
	if (r->n)
		detail(st, &r->rows[r->list.sel], v->rows - 2, v->cols);
}

/* ---- acting ---- */

static void
assign_to(struct app *a, void *ctx, const char *person)
{
	struct roles *r = ctx;
	const struct incident *st = app_incident(a);
	struct request rq = {.kind = REQ_ASSIGN, .party = r->pending, .person = person};
	char what[300];

	if (!person || !st)
		return;
	snprintf(what, sizeof(what), _("%s holds %s"), person, fmt_party(st->pb, r->pending));
	app_submit(a, &rq, what, NULL);
}

static void
handover_to(struct app *a, void *ctx, const char *person)
{
	struct roles *r = ctx;
	struct briefing_args args = {r->pending, person};

	if (person && *person)
		app_push(a, &briefing_view, &args);
}

static unsigned
roles_request(struct view *v, struct app *a, enum tui_request rq)
{
	struct roles *r = v->priv;
	const struct incident *st = app_incident(a);
	unsigned res = list_request(&r->list, rq);
	const struct rrow *row;
	char q[300];

	if (!(res & REACT_UNHANDLED) || !st)
		return res;
	row = r->n ? &r->rows[r->list.sel] : NULL;
	if (!row || !row->party)
		return rq == TUI_REQ_ENTER ? REACT_NONE : REACT_UNHANDLED;
	snprintf(r->pending, sizeof(r->pending), "%s", row->party);
	switch (rq) {
	case TUI_REQ_ENTER:
	case TUI_REQ_ASSIGN:
		snprintf(q, sizeof(q), _("Who holds %s?"), fmt_party(st->pb, row->party));
		app_prompt(a, q, NULL, assign_to, r);
		return REACT_REDRAW;
	case TUI_REQ_HANDOVER:
		snprintf(q, sizeof(q), _("Hand over %s to (name):"), fmt_party(st->pb, row->party));
		app_prompt(a, q, NULL, handover_to, r);
		return REACT_REDRAW;
	default:
		return REACT_UNHANDLED;
	}
}

static const enum tui_request hints[] = {TUI_REQ_ASSIGN, TUI_REQ_HANDOVER, TUI_REQ_HELP,
					 TUI_REQ_BACK, TUI_REQ_NONE};
static const enum tui_request requests[] = {
	TUI_REQ_MOVE_UP, TUI_REQ_MOVE_DOWN, TUI_REQ_PAGE_UP, TUI_REQ_PAGE_DOWN, TUI_REQ_MOVE_FIRST,
	TUI_REQ_MOVE_LAST, TUI_REQ_ENTER, TUI_REQ_ASSIGN, TUI_REQ_HANDOVER, TUI_REQ_NONE,
};

const struct view_ops roles_view = {
	.name = "roles",
	.private_size = sizeof(struct roles),
	.hints = hints,
	.requests = requests,
	.open = roles_open,
	.draw = roles_draw,
	.request = roles_request,
	.refresh = roles_refresh,
	.done = roles_done,
};
