/*
 * Drawing an incident (see views/incident.c): at 80 columns the panes are
 * stacked under a one-line phase strip; from 120 columns the phases, the
 * deadlines and the contacts to notify (with the people of the local contacts
 * file) stand in a right column, and the recorded fields join the checklist
 * and the timeline on the left.
 */
#include "config.h"

#include "core/contact_book.h"
#include "core/field.h"
#include "tui/app.h"
#include "tui/chrome.h"
#include "tui/draw.h"
#include "tui/fmt.h"
#include "tui/i18n.h"
#include "tui/views/incident_impl.h"
#include "util/text.h"

#include <stdio.h>
#include <string.h>

/* ---- layout ---- */

static void
layout_narrow(const struct incident_priv *p, const struct incident *st, int top, int rows,
	      int cols, struct area *ar)
{
	const struct pb_phase *ph = incident_phase(st);
	int avail = rows - top, dl, ck, tl;
	int items = p->focus == PANE_PHASES ? (int)incident_phase_rows(st) : ph ? (int)ph->n_items : 0;

	dl = p->n_clocks ? (int)p->n_clocks : 1;
	if (dl > 4)
		dl = 4;
	ck = items ? items : 1;
	/* The timeline keeps at least 3 lines; the checklist at least 3 when it has them. */
	if (ck > avail - 3 - dl - 3)
		ck = avail - 3 - dl - 3;
	if (ck < 1)
		ck = 1;
	tl = avail - 3 - dl - ck;
	memset(ar, 0, PANE_COUNT * sizeof(*ar));
	ar[p->focus == PANE_PHASES ? PANE_PHASES : PANE_CHECKLIST] =
		(struct area){top, 0, ck + 1, cols};
	ar[PANE_DEADLINES] = (struct area){top + ck + 1, 0, dl + 1, cols};
	ar[PANE_TIMELINE] = (struct area){top + ck + dl + 2, 0, tl + 1, cols};
}

static int
fields_set(const struct incident *st)
{
	int n = 0;

	for (size_t i = 0; i < playbook_field_count(st->pb); i++)
		n += st->fields[i].set;
	return n;
}

/*
 * Wide: the checklist, the recorded fields and the timeline on the left; the
 * phases, deadlines and contacts to notify on the right.
 */
static void
layout_wide(const struct incident_priv *p, const struct incident *st, int top, int rows,
	    int cols, struct area *ar, struct area *contacts, struct area *fields)
{
	const struct pb_phase *ph = incident_phase(st);
	int right = cols * 2 / 5, left, avail = rows - top, ck, phs, dl, fl;

	if (right > 72)
		right = 72;
	left = cols - right - 1;
	ck = ph && ph->n_items ? (int)ph->n_items : 1;
	if (ck > avail / 2)
		ck = avail / 2;
	fl = fields_set(st) ? fields_set(st) : 1;
	if (fl > avail / 4)
		fl = avail / 4;
	phs = (int)incident_phase_rows(st);
	if (phs > avail / 3)
		phs = avail / 3;
	dl = p->n_clocks ? (int)p->n_clocks : 1;
	if (dl > avail / 3)
		dl = avail / 3;
	ar[PANE_CHECKLIST] = (struct area){top, 0, ck + 1, left};
	*fields = (struct area){top + ck + 1, 0, fl + 1, left};
	ar[PANE_TIMELINE] = (struct area){top + ck + fl + 2, 0, avail - ck - fl - 2, left};
	ar[PANE_PHASES] = (struct area){top, left + 1, phs + 1, right};
	ar[PANE_DEADLINES] = (struct area){top + phs + 1, left + 1, dl + 1, right};
	*contacts = (struct area){top + phs + dl + 2, left + 1, avail - phs - dl - 2, right};
}

/* ---- drawing the panes ---- */

static void
checklist_line(struct app *a, const struct incident *st, size_t k, int cols, struct line *l)
{
	const struct pb_phase *ph = incident_phase(st);
	const struct pb_check_item *it = &ph->items[k];
	const struct item_state *is = &st->items[st->phase][k];
	int who = cols >= 100 ? 20 : 13, party = cols >= 100 ? 24 : 16;
	size_t room = (size_t)(cols - who - party - 2);
	char when[32] = "";
	struct strbuf done = STRBUF_INIT;

	if (is->status == ITEM_TICKED)
		line_add(l, STYLE_DONE, "[x] ");
	else if (is->status == ITEM_SKIPPED)
		line_add(l, STYLE_DIM, "[-] ");
	else
		line_add(l, STYLE_NORMAL, "[ ] ");
	if (!it->required)
		line_addf(l, STYLE_DIM, "%s", _("(optional) "));
	line_add_fixed(l, is->status == ITEM_OPEN ? STYLE_NORMAL : STYLE_DIM, it->text,
		       room > l->width ? room - l->width : 1);
	line_add(l, STYLE_NORMAL, " ");
	line_add_fixed(l, STYLE_LABEL, it->by.id ? fmt_party(st->pb, it->by.id) : "", (size_t)party);
	line_add(l, STYLE_NORMAL, " ");
	if (is->status != ITEM_OPEN) {
		fmt_when(is->ms, a->now_ms, when, sizeof(when));
		sb_printf(&done, "%s %s", is->by ? is->by : "", when);
	}
	line_add_right(l, STYLE_DIM, sb_str(&done), (size_t)who);
	sb_free(&done);
}

static void
deadline_line(struct app *a, const struct clock_state *c, int cols, struct line *l)
{
	struct strbuf state = STRBUF_INIT;
	char due[32] = "-";
	enum tui_style st = fmt_clock_style(c, a->now_ms);
	size_t status_cols = 20, due_cols = 12 + text_width(_("due "));

	if (c->due_ms)
		fmt_when(c->due_ms, a->now_ms, due, sizeof(due));
	line_add(l, st, c->status == CLOCK_MISSED ? "✗ " : c->status == CLOCK_RUNNING ? "● " : "✓ ");
	line_add_fixed(l, STYLE_NORMAL, fmt_clock_text(c),
		       (size_t)cols > status_cols + due_cols + 4 ? (size_t)cols - status_cols -
									due_cols - 4
								  : 1);
	line_add(l, STYLE_NORMAL, " ");
	line_addf(l, STYLE_DIM, "%s", _("due "));
	line_add_fixed(l, STYLE_NORMAL, due, 12);
	fmt_clock(c, a->now_ms, &state);
	line_add_right(l, st, sb_str(&state), status_cols);
	sb_free(&state);
}

static void
timeline_line(struct app *a, const struct incident *st, size_t i, int cols, struct line *l)
{
	const struct entry *e = app_timeline_entry(a, i);
	struct strbuf text = STRBUF_INIT;
	char when[32];

	if (!e) {
		line_add(l, STYLE_ERROR, _("cannot read this entry"));
		return;
	}

	fmt_when(e->ts_ms, a->now_ms, when, sizeof(when));
	line_add_fixed(l, STYLE_DIM, when, 12);
	line_add_fixed(l, STYLE_LABEL, e->operator_name, 8);
	line_add(l, STYLE_NORMAL, " ");
	fmt_entry(st->pb, e, &text);
	line_add_fixed(l, e->kind == ENTRY_NOTE ? STYLE_CURRENT : STYLE_NORMAL, sb_str(&text),
		       (size_t)cols > l->width ? (size_t)cols - l->width : 0);
	sb_free(&text);
}

static void
phase_line(struct app *a, const struct incident *st, size_t i, int cols, struct line *l)
{
	const struct pb_phase *cur = incident_phase(st);
	char t1[32], t2[32];

	if (i < st->n_visits) {
		const struct phase_visit *pv = &st->visits[i];
		const struct pb_phase *ph = playbook_phase(st->pb, (size_t)pv->phase);
		bool current = !pv->left_ms;

		line_add(l, current ? STYLE_CURRENT : STYLE_DONE, current ? "● " : "✓ ");
		line_add_fixed(l, current ? STYLE_CURRENT : STYLE_NORMAL, ph->title, 16);
		fmt_when(pv->entered_ms, a->now_ms, t1, sizeof(t1));
		line_addf(l, STYLE_DIM, " %s %s", t1, pv->entered_by ? pv->entered_by : "");
		if (!current) {
			fmt_when(pv->left_ms, a->now_ms, t2, sizeof(t2));
			line_addf(l, STYLE_DIM, " → %s %s", t2, pv->left_by ? pv->left_by : "");
		}
	} else {
		const struct pb_decision *dc = &cur->decisions[i - st->n_visits];
		const struct pb_phase *to = playbook_find_phase(st->pb, dc->to.id);

		line_add(l, STYLE_DIM, "○ ");
		line_add_fixed(l, STYLE_DIM, to ? to->title : dc->to.id, 16);
		line_addf(l, STYLE_DIM, " %s", dc->label);
	}
	(void)cols;
}

static const char *
pane_title(enum pane pn, const struct incident *st)
{
	const struct pb_phase *ph = incident_phase(st);
	static char buf[160];

	switch (pn) {
	case PANE_CHECKLIST:
		snprintf(buf, sizeof(buf), _("Checklist — %s"), ph ? ph->title : "-");
		return buf;
	case PANE_DEADLINES:
		return _("Deadlines");
	case PANE_TIMELINE:
		return _("Timeline");
	case PANE_PHASES:
		return _("Phases");
	case PANE_COUNT:
		break;
	}
	return "";
}

static void
draw_pane(struct view *v, struct app *a, enum pane pn, const struct area *ar)
{
	struct incident_priv *p = v->priv;
	const struct incident *st = app_incident(a);
	struct list *li = &p->lists[pn];
	struct line l = LINE_INIT;
	bool focus = p->focus == pn;

	if (ar->rows <= 0)
		return;
	chrome_title(ar->row, ar->col, ar->cols, pane_title(pn, st), focus);
	list_show(li, (size_t)(ar->rows - 1));
	if (!li->n)
		draw_text(ar->row + 1, ar->col + 2, ar->cols - 2, STYLE_DIM,
			  pn == PANE_CHECKLIST ? _("no checklist in this phase") : _("none"));
	for (int r = 0; r < ar->rows - 1 && li->top + (size_t)r < li->n; r++) {
		size_t i = li->top + (size_t)r;

		if (pn == PANE_CHECKLIST)
			checklist_line(a, st, i, ar->cols, &l);
		else if (pn == PANE_DEADLINES)
			deadline_line(a, incident_shown_clock(p, st, i), ar->cols, &l);
		else if (pn == PANE_TIMELINE)
			timeline_line(a, st, i, ar->cols, &l);
		else
			phase_line(a, st, i, ar->cols, &l);
		if (i == li->sel && (focus || pn == PANE_CHECKLIST))
			line_restyle(&l, focus ? STYLE_SELECTED : STYLE_SELECTED_DIM);
		draw_line(ar->row + 1 + r, ar->col, ar->cols, &l,
			  i == li->sel && focus ? STYLE_SELECTED : STYLE_NORMAL);
		line_reset(&l);
	}
	line_free(&l);
}

/* One line: ✓ done › ● current › next, cut at the left to keep the current phase in view. */
static void
phase_strip(const struct incident *st, int row, int cols)
{
	struct line l = LINE_INIT;
	const struct pb_phase *cur = incident_phase(st);
	size_t first = 0, width;

	for (;;) {
		line_reset(&l);
		if (first)
			line_add(&l, STYLE_DIM, "… › ");
		for (size_t i = first; i < st->n_visits; i++) {
			const struct phase_visit *pv = &st->visits[i];
			bool current = !pv->left_ms;

			line_addf(&l, current ? STYLE_CURRENT : STYLE_DONE, "%s%s",
				  current ? "● " : "✓ ", playbook_phase(st->pb, (size_t)pv->phase)->title);
			if (i + 1 < st->n_visits)
				line_add(&l, STYLE_DIM, " › ");
		}
		for (size_t k = 0; cur && !st->closed && k < cur->n_decisions; k++) {
			const struct pb_phase *to = playbook_find_phase(st->pb, cur->decisions[k].to.id);

			line_addf(&l, STYLE_DIM, "%s%s", k ? " | " : " › ",
				  to ? to->title : cur->decisions[k].to.id);
		}
		width = l.width;
		if (width <= (size_t)cols || first + 1 >= st->n_visits)
			break;
		first++;
	}
	draw_line(row, 0, cols, &l, STYLE_NORMAL);
	line_free(&l);
}

/* The wide layout's fields pane: what has been recorded, as people read it. */
static void
draw_fields(const struct incident *st, const struct area *ar)
{
	struct line l = LINE_INIT;
	int r = 0;

	if (ar->rows <= 1)
		return;
	chrome_title(ar->row, ar->col, ar->cols, _("Recorded"), false);
	if (!fields_set(st))
		draw_text(ar->row + 1, ar->col + 2, ar->cols - 2, STYLE_DIM, _("none"));
	for (size_t i = 0; i < playbook_field_count(st->pb) && r < ar->rows - 1; i++) {
		const struct pb_field *f = playbook_field(st->pb, i);
		struct strbuf v = STRBUF_INIT;

		if (!st->fields[i].set)
			continue;
		field_display(st->pb, f, st->fields[i].text, &v);
		line_add_fixed(&l, STYLE_LABEL, f->name, 24);
		line_add(&l, STYLE_NORMAL, " ");
		line_add(&l, STYLE_NORMAL, sb_str(&v));
		draw_line(ar->row + 1 + r++, ar->col, ar->cols, &l, STYLE_NORMAL);
		line_reset(&l);
		sb_free(&v);
	}
	line_free(&l);
}

/* A contact's post, then (with a local contacts file) its person and number, aligned:
 * the playbook's number, marked as a placeholder, for a post the file does not name. */
static void
contact_cells(struct app *a, const struct incident *st, const struct pb_contact *ct,
	      struct line *l)
{
	const struct cb_entry *who = contact_book_find(a->opts->contacts, st, ct->m.id);

	if (!contact_book_applies(a->opts->contacts, st)) {
		line_add(l, STYLE_NORMAL, ct->name);
		return;
	}
	line_add_fixed(l, STYLE_NORMAL, ct->name, 24);
	line_add(l, STYLE_NORMAL, " ");
	line_add_fixed(l, STYLE_NORMAL, who ? who->person : "", 10);
	line_add(l, STYLE_NORMAL, " ");
	if (who)
		line_add(l, STYLE_LABEL, who->phone);
	else if (ct->phone)
		line_add(l, ct->placeholder ? STYLE_PLACEHOLDER : STYLE_LABEL, ct->phone);
}

/* The wide layout's contacts pane: whom to notify and how far each is. */
static void
draw_contacts(struct app *a, const struct incident *st, const struct area *ar)
{
	struct line l = LINE_INIT;
	size_t done = 0;

	for (size_t i = 0; i < st->n_contact_duties; i++)
		done += st->contacts[st->contact_duties[i].contact].notified_ms != 0;
	if (ar->rows <= 1)
		return;
	line_addf(&l, STYLE_TITLE, _(" To notify: %zu of %zu done "), done, st->n_contact_duties);
	draw_line(ar->row, ar->col, ar->cols, &l, STYLE_NORMAL);
	line_reset(&l);
	if (!st->n_contact_duties)
		draw_text(ar->row + 1, ar->col + 2, ar->cols - 2, STYLE_DIM,
			  _("confirm the level to see whom to notify"));
	for (int r = 0; r < ar->rows - 1 && (size_t)r < st->n_contact_duties; r++) {
		const struct contact_duty *d = &st->contact_duties[r];
		const struct contact_state *cs = &st->contacts[d->contact];

		if (cs->acked_ms)
			line_add(&l, STYLE_DONE, _("[ack]  "));
		else if (cs->notified_ms)
			line_add(&l, STYLE_CURRENT, _("[sent] "));
		else
			line_add(&l, STYLE_NORMAL, "[    ] ");
		contact_cells(a, st, playbook_contact(st->pb, (size_t)d->contact), &l);
		draw_line(ar->row + 1 + r, ar->col, ar->cols, &l, STYLE_NORMAL);
		line_reset(&l);
	}
	line_free(&l);
}

void
incident_draw(struct view *v, struct app *a)
{
	struct incident_priv *p = v->priv;
	const struct incident *st = app_incident(a);
	struct area ar[PANE_COUNT], contacts = {0}, fields = {0};

	if (!st)
		return;
	chrome_incident_header(a, 0, v->cols, NULL);
	p->wide = v->cols >= WIDE_COLS;
	if (p->wide) {
		layout_wide(p, st, CHROME_HEADER_ROWS, v->rows, v->cols, ar, &contacts, &fields);
		for (int r = CHROME_HEADER_ROWS; r < v->rows; r++)
			draw_text(r, ar[PANE_PHASES].col - 1, 1, STYLE_BORDER, "│");
		draw_contacts(a, st, &contacts);
		draw_fields(st, &fields);
	} else {
		phase_strip(st, CHROME_HEADER_ROWS, v->cols);
		layout_narrow(p, st, CHROME_HEADER_ROWS + 1, v->rows, v->cols, ar);
	}
	for (int pn = 0; pn < PANE_COUNT; pn++)
		draw_pane(v, a, (enum pane)pn, &ar[pn]);
}

