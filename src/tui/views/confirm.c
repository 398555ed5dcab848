/*
 * A yes/no question over the screen, showing exactly what will be recorded
 * or discarded; without a callback it is a note to read and close.
 */
#include "config.h"

#include "tui/app.h"
#include "tui/draw.h"
#include "tui/i18n.h"
#include "tui/list.h"
#include "tui/views/views.h"
#include "tui/wrap.h"
#include "util/xalloc.h"

#include <stdlib.h>

struct confirm {
	char *title, *text;
	void (*done)(struct app *a, void *ctx, bool yes);
	void *ctx;
	struct list list;	/* the text's lines, scrolled when long */
};

static void
confirm_open(struct view *v, struct app *a, const void *arg)
{
	const struct confirm_args *args = arg;
	struct confirm *c = v->priv;

	(void)a;
	c->title = xstrdup(args->title ? args->title : "");
	c->text = xstrdup(args->text ? args->text : "");
	c->done = args->done;
	c->ctx = args->ctx;
}

static void
confirm_done(struct view *v, struct app *a)
{
	struct confirm *c = v->priv;

	(void)a;
	free(c->title);
	free(c->text);
}

static void
confirm_draw(struct view *v, struct app *a)
{
	struct confirm *c = v->priv;
	struct wrapped w = {0};
	int cols = v->cols - 8 > 76 ? 76 : v->cols - 8, rows, row, col, room = v->rows - 6;
	char yes[32], no[32], hint[160];

	wrap_text(&w, c->text, (size_t)cols - 4);
	list_set_count(&c->list, w.n);
	rows = (int)w.n > room ? room : (int)w.n;
	list_show(&c->list, (size_t)rows);
	/* Scrolling moves the window, not a selection. */
	c->list.sel = c->list.top;
	rows += 4;
	row = (v->rows - rows) / 2;
	/* Over another dialog, keep clear of it: what the question is about stays in view. */
	if (app_below(a, v) && app_below(a, v)->ops->overlay)
		row = v->rows - rows;
	col = (v->cols - cols) / 2;
	for (int r = 0; r < rows; r++)
		draw_fill(row + r, col, cols, STYLE_NORMAL);
	draw_frame(row, col, rows, cols, c->title);
	for (int i = 0; i < rows - 4; i++)
		draw_text(row + 1 + i, col + 2, cols - 4, STYLE_NORMAL, w.v[c->list.top + (size_t)i]);
	app_key_name(a, "confirm", TUI_REQ_YES, yes, sizeof(yes));
	app_key_name(a, "confirm", TUI_REQ_NO, no, sizeof(no));
	if (c->done)
		snprintf(hint, sizeof(hint), _("%s: yes   %s: no"), yes, no);
	else
		snprintf(hint, sizeof(hint), "%s", _("Enter or Esc: close"));
	draw_text(row + rows - 2, col + 2, cols - 4, STYLE_KEY, hint);
	wrap_free(&w);
}

static void
answer(struct view *v, struct app *a, bool yes)
{
	struct confirm *c = v->priv;
	void (*done)(struct app *, void *, bool) = c->done;
	void *ctx = c->ctx;

	app_pop(a);
	if (done)
		done(a, ctx, yes);
}

static unsigned
confirm_request(struct view *v, struct app *a, enum tui_request rq)
{
	struct confirm *c = v->priv;

	switch (rq) {
	case TUI_REQ_YES:
	case TUI_REQ_ENTER:
		answer(v, a, true);
		return REACT_REDRAW;
	case TUI_REQ_NO:
	case TUI_REQ_CANCEL:
	case TUI_REQ_BACK:
		answer(v, a, false);
		return REACT_REDRAW;
	case TUI_REQ_MOVE_UP:
	case TUI_REQ_PAGE_UP:
		c->list.sel = c->list.top;
		return list_request(&c->list, rq);
	case TUI_REQ_MOVE_DOWN:
	case TUI_REQ_PAGE_DOWN:
		c->list.sel = c->list.top + c->list.height - 1;
		return list_request(&c->list, rq);
	default:
		/* Nothing else happens until the question is answered. */
		return REACT_NONE;
	}
}

static const enum tui_request hints[] = {TUI_REQ_YES, TUI_REQ_NO, TUI_REQ_NONE};
static const enum tui_request requests[] = {
	TUI_REQ_YES, TUI_REQ_NO, TUI_REQ_ENTER, TUI_REQ_CANCEL, TUI_REQ_BACK, TUI_REQ_MOVE_UP,
	TUI_REQ_MOVE_DOWN, TUI_REQ_PAGE_UP, TUI_REQ_PAGE_DOWN, TUI_REQ_NONE,
};

const struct view_ops confirm_view = {
	.name = "confirm",
	.private_size = sizeof(struct confirm),
	.overlay = true,
	.hints = hints,
	.requests = requests,
	.open = confirm_open,
	.draw = confirm_draw,
	.request = confirm_request,
	.done = confirm_done,
};
