/*
 * Contacts: whom the plan says to notify now (the confirmed level's list and
 * the escalation routes that apply to it, from the fold), then everyone else
 * in the plan's contact list.  Mark a contact notified (by which channel) and
 * acknowledged; each is a journal entry.  The people and numbers of the local
 * contacts file stand beside the posts they cover; they are shown, never
 * recorded.
 */
#include "config.h"

#include "core/contact_book.h"
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

struct crow {
	int contact;		/* index; -1 for a section title */
	const char *title;
	const struct contact_duty *duty;	/* NULL when not due */
};

struct contacts {
	struct crow *rows;
	size_t n, cap;
	struct list list;
	int pending;		/* the contact a channel is being picked for */
	const char *channels[PB_CHANNEL_COUNT + 1];
	size_t n_channels;
};

static void
add(struct contacts *c, int contact, const char *title, const struct contact_duty *duty)
{
	c->rows = xgrow(c->rows, &c->cap, c->n + 1, sizeof(*c->rows));
	c->rows[c->n++] = (struct crow){contact, title, duty};
}

static bool
due(const struct incident *st, size_t i)
{
	for (size_t k = 0; k < st->n_contact_duties; k++)
		if ((size_t)st->contact_duties[k].contact == i)
			return true;
	return false;
}

static bool
selectable(const void *ctx, size_t i)
{
	const struct contacts *c = ctx;

	return c->rows[i].contact >= 0;
}

static void
contacts_refresh(struct view *v, struct app *a)
{
	struct contacts *c = v->priv;
	const struct incident *st = app_incident(a);

	if (!st)
		return;
	c->n = 0;
	add(c, -1, _("To notify at this level"), NULL);
	/* Reports up an escalation route first (潞城 4.3.2: III and above to 长治). */
	for (int routes = 1; routes >= 0; routes--)
		for (size_t k = 0; k < st->n_contact_duties; k++)
			if ((st->contact_duties[k].route != NULL) == routes)
				add(c, st->contact_duties[k].contact, NULL, &st->contact_duties[k]);
	add(c, -1, _("Other contacts in the plan"), NULL);
	for (size_t i = 0; i < playbook_contact_count(st->pb); i++)
		if (!due(st, i))
			add(c, (int)i, NULL, NULL);
	c->list.selectable = selectable;
	c->list.ctx = c;
	list_set_count(&c->list, c->n);
}

static void
contacts_open(struct view *v, struct app *a, const void *arg)
{
	const struct contacts_args *args = arg;
	struct contacts *c = v->priv;
	const struct incident *st = app_incident(a);

	contacts_refresh(v, a);
	for (size_t i = 0; st && args && args->contact && i < c->n; i++)
		if (c->rows[i].contact >= 0 &&
		    strcmp(playbook_contact(st->pb, (size_t)c->rows[i].contact)->m.id,
			   args->contact) == 0) {
			list_select(&c->list, i);
			break;
		}
}

static void
contacts_done(struct view *v, struct app *a)
{
	struct contacts *c = v->priv;

	(void)a;
	free(c->rows);
}

static void
status_cell(struct app *a, const struct contact_state *cs, struct line *l)
{
	char when[32];

	if (cs->acked_ms) {
		fmt_when(cs->acked_ms, a->now_ms, when, sizeof(when));
		line_add_fixed(l, STYLE_DONE, _("acknowledged"), 13);
	} else if (cs->notified_ms) {
		fmt_when(cs->notified_ms, a->now_ms, when, sizeof(when));
		line_add_fixed(l, STYLE_CURRENT, _("notified"), 13);
	} else {
		when[0] = '\0';
		line_add_fixed(l, STYLE_NORMAL, _("to notify"), 13);
	}
	line_add_fixed(l, STYLE_DIM, when, 12);
}

/* The person named for a contact in the local contacts file; NULL when none. */
static const struct cb_entry *
person(const struct app *a, const struct incident *st, int contact)
{
	return contact_book_find(a->opts->contacts, st,
				 playbook_contact(st->pb, (size_t)contact)->m.id);
}

/*
 * A contact: its state, the post, then (when the local contacts file applies
 * to this incident) the person, and the number to call: the person's, else the
 * playbook's, which is a placeholder.
 */
static void
row_line(struct app *a, const struct incident *st, const struct crow *r, int cols,
	 struct line *l)
{
	const struct pb_contact *ct;
	const struct cb_entry *who;
	int phone = 18, people = contact_book_applies(a->opts->contacts, st) ? 11 : 0;

	if (r->contact < 0) {
		line_add(l, STYLE_TITLE, r->title);
		return;
	}
	ct = playbook_contact(st->pb, (size_t)r->contact);
	who = person(a, st, r->contact);
	line_add(l, STYLE_NORMAL, " ");
	status_cell(a, &st->contacts[r->contact], l);
	line_add_fixed(l, STYLE_NORMAL, ct->name, (size_t)(cols - phone - people - 1) - l->width);
	line_add(l, STYLE_NORMAL, " ");
	if (people) {
		line_add_fixed(l, STYLE_NORMAL, who ? who->person : "", (size_t)people - 1);
		line_add(l, STYLE_NORMAL, " ");
	}
	if (who)
		line_add_fixed(l, STYLE_LABEL, who->phone, (size_t)phone);
	else
		line_add_fixed(l, ct->placeholder ? STYLE_PLACEHOLDER : STYLE_LABEL,
			       ct->phone ? ct->phone : "-", (size_t)phone);
}

/* The person's numbers and note, for the detail lines. */
static void
person_detail(const struct cb_entry *who, struct strbuf *sb)
{
	if (who->mobile)
		sb_printf(sb, _("%s: phone %s, mobile %s. "), who->person, who->phone, who->mobile);
	else
		sb_printf(sb, _("%s: phone %s. "), who->person, who->phone);
	if (who->note)
		sb_printf(sb, _("Note: %s. "), who->note);
}

static void
detail(struct app *a, const struct incident *st, const struct crow *r, int row, int cols)
{
	struct strbuf sb = STRBUF_INIT;
	struct wrapped w = {0};
	const struct pb_contact *ct;
	const struct contact_state *cs;
	const struct cb_entry *who;

	if (r->contact >= 0) {
		ct = playbook_contact(st->pb, (size_t)r->contact);
		cs = &st->contacts[r->contact];
		who = person(a, st, r->contact);
		if (ct->party.id)
			sb_printf(&sb, "%s. ", fmt_party(st->pb, ct->party.id));
		if (who)
			person_detail(who, &sb);
		else if (ct->placeholder)
			sb_printf(&sb, "%s ", _("(placeholder number: set the real one in the local contacts file)"));
		if (r->duty)
			sb_printf(&sb, _("Why: %s. "), r->duty->why);
		if (cs->notified_ms)
			sb_printf(&sb, _("Notified by %s (%d times)"), cs->notified_by, cs->count);
		if (cs->channel)
			sb_printf(&sb, " — %s", fmt_channel(cs->channel));
		if (cs->acked_ms)
			sb_printf(&sb, _("; acknowledged, recorded by %s."), cs->acked_by);
	}
	wrap_text(&w, sb_str(&sb), (size_t)cols - 2);
	for (int i = 0; i < 2; i++)
		draw_text(row + i, 1, cols - 2, STYLE_HINT, (size_t)i < w.n ? w.v[i] : "");
	wrap_free(&w);
	sb_free(&sb);
}

static void
contacts_draw(struct view *v, struct app *a)
{
	struct contacts *c = v->priv;
	const struct incident *st = app_incident(a);
	int top = CHROME_HEADER_ROWS, height = v->rows - top - 3;
	struct line l = LINE_INIT;

	if (!st)
		return;
	chrome_incident_header(a, 0, v->cols, _("Contacts"));
	list_show(&c->list, (size_t)height);
	for (int i = 0; i < height && c->list.top + (size_t)i < c->n; i++) {
		size_t k = c->list.top + (size_t)i;

		row_line(a, st, &c->rows[k], v->cols, &l);
		if (k == c->list.sel)
			line_restyle(&l, STYLE_SELECTED);
		draw_line(top + i, 0, v->cols, &l, k == c->list.sel ? STYLE_SELECTED : STYLE_NORMAL);
		line_reset(&l);
	}
	if (!st->n_contact_duties)
		draw_text(top, 30, v->cols - 30, STYLE_DIM,
			  _("(confirm the level to see whom to notify)"));
	line_free(&l);
	draw_fill(v->rows - 3, 0, v->cols, STYLE_NORMAL);
	if (c->n)
		detail(a, st, &c->rows[c->list.sel], v->rows - 2, v->cols);
}

/* ---- acting ---- */

static const char *const channel_ids[] = {"phone", "sms", "written", "verbal"};

static void
notify(struct app *a, int contact, const char *channel, bool ack)
{
	const struct incident *st = app_incident(a);
	const struct pb_contact *ct = playbook_contact(st->pb, (size_t)contact);
	struct request rq = {.kind = REQ_NOTIFY, .contact = ct->m.id, .ack = ack,
			     .channel = channel};
	char what[300];

	if (ack)
		snprintf(what, sizeof(what), _("%s acknowledged"), ct->name);
	else
		snprintf(what, sizeof(what), _("notified %s"), ct->name);
	app_submit(a, &rq, what, NULL);
}

static void
channel_picked(struct app *a, void *ctx, int index)
{
	struct contacts *c = ctx;

	if (index < 0)
		return;
	notify(a, c->pending, (size_t)index < c->n_channels ? c->channels[index] : NULL, false);
}

static unsigned
pick_channel(struct contacts *c, struct app *a, int contact)
{
	const struct incident *st = app_incident(a);
	const struct pb_contact *ct = playbook_contact(st->pb, (size_t)contact);
	const char *items[PB_CHANNEL_COUNT + 1];
	char title[200];
	size_t n = 0;

	c->n_channels = 0;
	for (int i = 0; i < PB_CHANNEL_COUNT; i++)
		if (!ct->channels || (ct->channels & (1u << i))) {
			c->channels[c->n_channels++] = channel_ids[i];
			items[n++] = fmt_channel(channel_ids[i]);
		}
	items[n++] = _("(channel not said)");
	c->pending = contact;
	snprintf(title, sizeof(title), _("%s notified by"), ct->name);
	app_pick(a, title, items, n, 0, channel_picked, c);
	return REACT_REDRAW;
}

static unsigned
contacts_request(struct view *v, struct app *a, enum tui_request rq)
{
	struct contacts *c = v->priv;
	unsigned r = list_request(&c->list, rq);
	const struct crow *row;

	if (!(r & REACT_UNHANDLED) || !app_incident(a))
		return r;
	row = c->n ? &c->rows[c->list.sel] : NULL;
	switch (rq) {
	case TUI_REQ_ENTER:
	case TUI_REQ_NOTIFY:
		if (!row || row->contact < 0)
			return REACT_NONE;
		return pick_channel(c, a, row->contact);
	case TUI_REQ_ACK:
		if (!row || row->contact < 0)
			return REACT_NONE;
		notify(a, row->contact, NULL, true);
		return REACT_REDRAW;
	default:
		return REACT_UNHANDLED;
	}
}

static const enum tui_request hints[] = {TUI_REQ_NOTIFY, TUI_REQ_ACK, TUI_REQ_HELP, TUI_REQ_BACK,
					 TUI_REQ_NONE};
static const enum tui_request requests[] = {
	TUI_REQ_MOVE_UP, TUI_REQ_MOVE_DOWN, TUI_REQ_PAGE_UP, TUI_REQ_PAGE_DOWN, TUI_REQ_MOVE_FIRST,
	TUI_REQ_MOVE_LAST, TUI_REQ_ENTER, TUI_REQ_NOTIFY, TUI_REQ_ACK, TUI_REQ_NONE,
};

const struct view_ops contacts_view = {
	.name = "contacts",
	.private_size = sizeof(struct contacts),
	.hints = hints,
	.requests = requests,
	.open = contacts_open,
	.draw = contacts_draw,
	.request = contacts_request,
	.refresh = contacts_refresh,
	.done = contacts_done,
};
