/*
 * The board, where the console starts: the open incidents, newest first,
 * each with its phase, its level in the level's colour and its next
 * deadline counting down.  Closed incidents and drills are one key away.
 * The list comes from the summary rows alone (store_list_shown), which hold
 * all a row shows, its level's colour and its clock too: the board reads no
 * journal, folds nothing and loads no playbook.  Only a row written before
 * the summary held them (schema step 3) is folded, from its snapshot, while
 * it is on the screen; the next entry of that incident writes its row anew.
 */
#include "config.h"

#include "tui/app.h"
#include "tui/chrome.h"
#include "tui/draw.h"
#include "tui/fmt.h"
#include "tui/i18n.h"
#include "tui/list.h"
#include "tui/mode_replay.h"
#include "tui/views/views.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* An older row on the screen, folded and summarized: kept while its head does not move. */
struct folded {
	int64_t id, head_seq;
	bool ok;
	struct incident_summary sum;
};

struct board {
	bool closed, drills;
	struct incident_summary *rows;
	size_t n;
	struct list list;
	struct folded *folded;
	size_t n_folded, cap_folded;
};

static enum store_list_filter
filter(const struct board *b)
{
	if (b->drills)
		return STORE_LIST_DRILLS;
	return b->closed ? STORE_LIST_ALL : STORE_LIST_OPEN;
}

/* Folded rows no longer listed go: the cache never outgrows the list. */
static void
forget_unlisted(struct board *b)
{
	size_t kept = 0;

	for (size_t i = 0; i < b->n_folded; i++) {
		bool listed = false;

		for (size_t k = 0; k < b->n && !listed; k++)
			listed = b->rows[k].id == b->folded[i].id;
		if (listed)
			b->folded[kept++] = b->folded[i];
		else
			incident_summary_clear(&b->folded[i].sum);
	}
	b->n_folded = kept;
}

static void
load(struct board *b, struct app *a)
{
	int64_t keep = b->n ? b->rows[b->list.sel].id : 0;
	enum yj_status rc;

	store_free_summaries(&b->rows, b->n);
	b->n = 0;
	rc = store_list_shown(engine_store(a->engine), filter(b), &b->rows, &b->n);
	if (rc != YJ_OK)
		app_message(a, STYLE_ERROR, _("cannot list the incidents: %s"),
			    store_error(engine_store(a->engine)));
	list_set_count(&b->list, b->n);
	forget_unlisted(b);
	for (size_t i = 0; keep && i < b->n; i++)
		if (b->rows[i].id == keep)
			list_select(&b->list, i);
}

static void
board_open(struct view *v, struct app *a, const void *arg)
{
	(void)arg;
	load(v->priv, a);
}

static void
board_refresh(struct view *v, struct app *a)
{
	load(v->priv, a);
}

static void
board_done(struct view *v, struct app *a)
{
	struct board *b = v->priv;

	(void)a;
	store_free_summaries(&b->rows, b->n);
	for (size_t i = 0; i < b->n_folded; i++)
		incident_summary_clear(&b->folded[i].sum);
	free(b->folded);
}

/* What the row shows: its summary, or for an older row its summary as folded now. */
static const struct incident_summary *
shown_row(struct board *b, struct app *a, const struct incident_summary *s)
{
	struct strbuf why = STRBUF_INIT;
	struct incident_view *iv = NULL;
	struct folded *f = NULL;

	if (s->shown)
		return s;
	for (size_t i = 0; i < b->n_folded; i++)
		if (b->folded[i].id == s->id)
			f = &b->folded[i];
	if (!f) {
		b->folded = xgrow(b->folded, &b->cap_folded, b->n_folded + 1, sizeof(*b->folded));
		f = &b->folded[b->n_folded++];
		memset(f, 0, sizeof(*f));
		f->id = s->id;
		f->head_seq = -1;
	}
	if (f->head_seq != s->head_seq) {
		incident_summary_clear(&f->sum);
		/* The state alone, from its snapshot: a row costs the same for any incident. */
		f->ok = engine_view_tail(a->engine, s->id, 0, &iv, &why) == YJ_OK;
		if (f->ok)
			incident_summarize(iv->st, &f->sum);
		f->head_seq = s->head_seq;
	}
	incident_view_free(&iv);
	sb_free(&why);
	return f->ok ? &f->sum : NULL;
}

enum { COL_ID = 6, COL_PHASE = 14, COL_LEVEL = 9, COL_DUE = 16, COL_OPENED = 12 };

static size_t
title_cols(int cols)
{
	int fixed = COL_ID + COL_PHASE + COL_LEVEL + COL_DUE + (cols >= 100 ? COL_OPENED : 0);

	return (size_t)(cols - fixed - 1);
}

static void
row_line(struct board *b, struct app *a, const struct incident_summary *s, int cols,
	 struct line *l)
{
	const struct incident_summary *r = shown_row(b, a, s);
	struct strbuf due = STRBUF_INIT;
	char when[32];

	size_t tw = title_cols(cols);

	line_addf(l, STYLE_NORMAL, "%5lld ", (long long)s->id);
	if (s->drill) {
		const char *tag = _("drill");

		line_addf(l, STYLE_DRILL, "%s", tag);
		line_add(l, STYLE_NORMAL, " ");
		tw = tw > text_width(tag) + 1 ? tw - text_width(tag) - 1 : 0;
	}
	line_add_fixed(l, STYLE_NORMAL, s->title, tw);
	line_add(l, STYLE_NORMAL, " ");
	line_add_fixed(l, s->closed ? STYLE_DIM : STYLE_CURRENT,
		       s->phase_title ? s->phase_title : s->phase, COL_PHASE - 1);
	line_add(l, STYLE_NORMAL, " ");
	if (r && r->level_label)
		chrome_level_badge_as(l, (enum pb_colour)r->level_colour, r->level_label);
	else
		line_add(l, STYLE_LEVEL_NONE, "-");
	line_pad_to(l, STYLE_NORMAL, (size_t)(cols - COL_DUE - (cols >= 100 ? COL_OPENED : 0)));
	if (r && r->clock_due_ms) {
		/* Missed or running is the only part that moves with the time (core/summary.h). */
		struct clock_state c = {
			.status = a->now_ms > r->clock_due_ms ? CLOCK_MISSED : CLOCK_RUNNING,
			.anchor_ms = r->clock_anchor_ms,
			.due_ms = r->clock_due_ms,
		};

		fmt_clock(&c, a->now_ms, &due);
		line_add_fixed(l, fmt_clock_style(&c, a->now_ms), sb_str(&due), COL_DUE - 1);
	} else {
		line_add_fixed(l, STYLE_DIM, s->closed ? _("closed") : "-", COL_DUE - 1);
	}
	if (cols >= 100) {
		fmt_when(s->opened_ms, a->now_ms, when, sizeof(when));
		line_add(l, STYLE_NORMAL, " ");
		line_add_fixed(l, STYLE_DIM, when, COL_OPENED - 1);
	}
	sb_free(&due);
}

static void
headings(int row, int cols)
{
	struct line l = LINE_INIT;

	line_addf(&l, STYLE_TITLE, "%5s ", "#");
	line_add_fixed(&l, STYLE_TITLE, _("title"), title_cols(cols));
	line_add(&l, STYLE_TITLE, " ");
	line_add_fixed(&l, STYLE_TITLE, _("phase"), COL_PHASE - 1);
	line_add(&l, STYLE_TITLE, " ");
	line_add_fixed(&l, STYLE_TITLE, _("level"), COL_LEVEL - 1);
	line_add(&l, STYLE_TITLE, " ");
	line_add_fixed(&l, STYLE_TITLE, _("next deadline"), COL_DUE - 1);
	if (cols >= 100) {
		line_add(&l, STYLE_TITLE, " ");
		line_add_fixed(&l, STYLE_TITLE, _("reported"), COL_OPENED - 1);
	}
	draw_line(row, 0, cols, &l, STYLE_TITLE);
	line_free(&l);
}

static const char *
what_is_listed(const struct board *b)
{
	if (b->drills)
		return _("drills");
	return b->closed ? _("all incidents, closed too") : _("open incidents");
}

static void
board_draw(struct view *v, struct app *a)
{
	struct board *b = v->priv;
	struct line l = LINE_INIT;
	int first = 2, height = v->rows - first;

	line_add(&l, STYLE_HEADER, _(" yingji — incident console "));
	line_addf(&l, STYLE_HEADER, " %s: %zu", what_is_listed(b), b->n);
	draw_line(0, 0, v->cols, &l, STYLE_HEADER);
	line_free(&l);
	headings(1, v->cols);
	list_show(&b->list, (size_t)height);
	if (!b->n) {
		char key[32];

		app_key_name(a, "board", TUI_REQ_NEW, key, sizeof(key));
		draw_text(first + 1, 2, v->cols - 4, STYLE_NORMAL,
			  b->drills ? _("No drills.") : _("No open incidents."));
		line_add(&l, STYLE_NORMAL, _("To take a report, press "));
		line_add(&l, STYLE_KEY, key);
		draw_line(first + 3, 2, v->cols - 4, &l, STYLE_NORMAL);
		line_free(&l);
		return;
	}
	for (int i = 0; i < height && b->list.top + (size_t)i < b->n; i++) {
		size_t k = b->list.top + (size_t)i;

		row_line(b, a, &b->rows[k], v->cols, &l);
		if (k == b->list.sel)
			line_restyle(&l, STYLE_SELECTED);
		draw_line(first + i, 0, v->cols, &l, k == b->list.sel ? STYLE_SELECTED : STYLE_NORMAL);
		line_reset(&l);
	}
	line_free(&l);
}

static unsigned
board_request(struct view *v, struct app *a, enum tui_request rq)
{
	struct board *b = v->priv;
	unsigned r = list_request(&b->list, rq);

	if (!(r & REACT_UNHANDLED))
		return r;
	switch (rq) {
	case TUI_REQ_ENTER:
		if (b->n && app_open_incident(a, b->rows[b->list.sel].id)) {
			struct incident_args args = {b->rows[b->list.sel].id};

			app_push(a, &incident_view, &args);
		}
		return REACT_REDRAW;
	case TUI_REQ_REPLAY:
		if (b->n)
			replay_start(a, b->rows[b->list.sel].id, TUI_REPLAY_SPEED_DEFAULT);
		return REACT_REDRAW;
	case TUI_REQ_NEW: {
		struct form_args args = {FORM_INTAKE, NULL, NULL, 0, NULL};

		app_push(a, &form_view, &args);
		return REACT_REDRAW;
	}
	case TUI_REQ_TOGGLE_CLOSED:
		b->closed = !b->closed;
		b->drills = false;
		load(b, a);
		return REACT_REDRAW;
	case TUI_REQ_TOGGLE_DRILLS:
		b->drills = !b->drills;
		load(b, a);
		return REACT_REDRAW;
	default:
		return REACT_UNHANDLED;
	}
}

static const enum tui_request hints[] = {
	TUI_REQ_ENTER, TUI_REQ_NEW, TUI_REQ_TOGGLE_CLOSED, TUI_REQ_TOGGLE_DRILLS, TUI_REQ_HELP,
	TUI_REQ_BACK, TUI_REQ_NONE,
};

static const enum tui_request requests[] = {
	TUI_REQ_MOVE_UP, TUI_REQ_MOVE_DOWN, TUI_REQ_PAGE_UP, TUI_REQ_PAGE_DOWN, TUI_REQ_MOVE_FIRST,
	TUI_REQ_MOVE_LAST, TUI_REQ_ENTER, TUI_REQ_NEW, TUI_REQ_REPLAY, TUI_REQ_TOGGLE_CLOSED,
	TUI_REQ_TOGGLE_DRILLS, TUI_REQ_NONE,
};

const struct view_ops board_view = {
	.name = "board",
	.private_size = sizeof(struct board),
	.hints = hints,
	.requests = requests,
	.open = board_open,
	.draw = board_draw,
	.request = board_request,
	.refresh = board_refresh,
	.done = board_done,
};
