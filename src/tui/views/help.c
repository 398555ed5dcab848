/*
 * The help overlay (?): every key of the screen under it, generated from the
 * bindings and the request table, so it cannot drift from what keys do.
 */
#include "config.h"

#include "tui/app.h"
#include "tui/draw.h"
#include "tui/i18n.h"
#include "tui/list.h"
#include "tui/mode_drill.h"
#include "tui/mode_replay.h"
#include "tui/views/views.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

struct help_row {
	enum tui_request rq;	/* TUI_REQ_NONE for a section title */
	char *keys;
	const char *text;
};

struct help {
	const struct view_ops *of;
	struct help_row *rows;
	size_t n, cap;
	struct list list;
};

/* Requests every full screen shares (tui/app.c generic_request). */
static const enum tui_request shared[] = {
	TUI_REQ_HELP, TUI_REQ_BACK, TUI_REQ_CANCEL, TUI_REQ_QUIT, TUI_REQ_REFRESH,
};

static bool
in(const enum tui_request *list, enum tui_request rq)
{
	for (; list && *list != TUI_REQ_NONE; list++)
		if (*list == rq)
			return true;
	return false;
}

/* The keys that make `rq` on view `name`, as names separated by spaces. */
static char *
keys_for(const struct app *a, const char *name, bool text_only, enum tui_request rq)
{
	return keymap_names(a->keys, name, rq, text_only ? view_keeps_key : NULL);
}

static void
add_row(struct help *h, enum tui_request rq, char *keys, const char *text)
{
	h->rows = xgrow(h->rows, &h->cap, h->n + 1, sizeof(*h->rows));
	h->rows[h->n].rq = rq;
	h->rows[h->n].keys = keys;
	h->rows[h->n].text = text;
	h->n++;
}

static void
add_request_of(struct help *h, const struct app *a, const char *name, enum tui_request rq)
{
	char *keys = keys_for(a, name, h->of->text_input, rq);

	if (keys && *keys)
		add_row(h, rq, keys, tui_request_help(rq));
	else
		free(keys);
}

static void
add_request(struct help *h, const struct app *a, enum tui_request rq)
{
	/* Replaying, what would write is refused: not offered either. */
	if (!a->replay || !replay_refuses(rq))
		add_request_of(h, a, h->of->name, rq);
}

static bool
selectable(const void *ctx, size_t i)
{
	const struct help *h = ctx;

	return h->rows[i].rq != TUI_REQ_NONE;
}

static void
help_open(struct view *v, struct app *a, const void *arg)
{
	struct help *h = v->priv;
	struct view *below = app_below(a, v);

	(void)arg;
	h->of = below ? below->ops : &board_view;
	add_row(h, TUI_REQ_NONE, NULL, _("Keys on this screen"));
	if (h->of->text_input) {
		add_row(h, TUI_REQ_NONE, NULL,
			_("  typing edits: <Left> <Right> <Home> <End> <Backspace> <Delete> ^U ^K ^W"));
		if (h->of == &form_view)
			add_row(h, TUI_REQ_NONE, NULL,
				_("  <Up> <Down> <Tab>: another field; <Enter>: pick from a list, or on"));
	}
	for (int rq = 0; rq < TUI_REQ_COUNT; rq++)
		if (in(h->of->requests, (enum tui_request)rq))
			add_request(h, a, (enum tui_request)rq);
	if (a->replay && !h->of->overlay && !h->of->text_input) {
		add_row(h, TUI_REQ_NONE, NULL, _("Replay (read-only)"));
		for (const enum tui_request *rq = replay_requests; *rq != TUI_REQ_NONE; rq++)
			add_request_of(h, a, REPLAY_KEYS, *rq);
	}
	if (!h->of->overlay) {
		add_row(h, TUI_REQ_NONE, NULL, _("Keys on every screen"));
		for (size_t i = 0; i < sizeof(shared) / sizeof(shared[0]); i++)
			if (!in(h->of->requests, shared[i]))
				add_request(h, a, shared[i]);
	}
	if (a->drill) {
		add_row(h, TUI_REQ_NONE, NULL, _("Drill: the trainer's keys"));
		for (const enum tui_request *rq = mode_drill_requests; *rq != TUI_REQ_NONE; rq++)
			add_request(h, a, *rq);
	}
	h->list.selectable = selectable;
	h->list.ctx = h;
	list_set_count(&h->list, h->n);
}

static void
help_done(struct view *v, struct app *a)
{
	struct help *h = v->priv;

	(void)a;
	for (size_t i = 0; i < h->n; i++)
		free(h->rows[i].keys);
	free(h->rows);
}

static void
help_draw(struct view *v, struct app *a)
{
	struct help *h = v->priv;
	int row = 1, col = 2, rows = v->rows - 2, cols = v->cols - 4;
	char title[96];

	(void)a;
	snprintf(title, sizeof(title), _("Help: %s"), h->of->name);
	for (int r = 0; r < rows; r++)
		draw_fill(row + r, col, cols, STYLE_NORMAL);
	draw_frame(row, col, rows, cols, title);
	list_show(&h->list, (size_t)rows - 2);
	for (int i = 0; i < rows - 2 && h->list.top + (size_t)i < h->n; i++) {
		const struct help_row *hr = &h->rows[h->list.top + (size_t)i];
		struct line l = LINE_INIT;

		if (hr->rq == TUI_REQ_NONE) {
			line_add(&l, STYLE_TITLE, hr->text);
		} else {
			line_add_fixed(&l, STYLE_KEY, hr->keys, 20);
			line_add(&l, STYLE_NORMAL, " ");
			line_add_fixed(&l, STYLE_LABEL, tui_request_name(hr->rq), 16);
			line_add(&l, STYLE_NORMAL, " ");
			line_add(&l, STYLE_NORMAL, hr->text);
		}
		if (h->list.top + (size_t)i == h->list.sel)
			line_restyle(&l, STYLE_SELECTED);
		draw_line(row + 1 + i, col + 1, cols - 2, &l,
			  h->list.top + (size_t)i == h->list.sel ? STYLE_SELECTED : STYLE_NORMAL);
		line_free(&l);
	}
}

static unsigned
help_request(struct view *v, struct app *a, enum tui_request rq)
{
	struct help *h = v->priv;
	unsigned r = list_request(&h->list, rq);

	(void)a;
	if (!(r & REACT_UNHANDLED))
		return r;
	switch (rq) {
	case TUI_REQ_HELP:
	case TUI_REQ_ENTER:
	case TUI_REQ_CANCEL:
	case TUI_REQ_BACK:
		return REACT_BACK;
	default:
		return REACT_UNHANDLED;
	}
}

static const enum tui_request hints[] = {TUI_REQ_BACK, TUI_REQ_NONE};
static const enum tui_request requests[] = {
	TUI_REQ_MOVE_UP, TUI_REQ_MOVE_DOWN, TUI_REQ_PAGE_UP, TUI_REQ_PAGE_DOWN, TUI_REQ_MOVE_FIRST,
	TUI_REQ_MOVE_LAST, TUI_REQ_HELP, TUI_REQ_ENTER, TUI_REQ_CANCEL, TUI_REQ_BACK, TUI_REQ_NONE,
};

const struct view_ops help_view = {
	.name = "help",
	.private_size = sizeof(struct help),
	.overlay = true,
	.hints = hints,
	.requests = requests,
	.open = help_open,
	.draw = help_draw,
	.request = help_request,
	.done = help_done,
};
