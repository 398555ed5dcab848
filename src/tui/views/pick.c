/* Pick one of a few things (a channel, a level, a choice) over the screen. */
#include "config.h"

#include "tui/app.h"
#include "tui/draw.h"
#include "tui/i18n.h"
#include "tui/list.h"
#include "tui/views/views.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <stdlib.h>

struct pick {
	char *title;
	char **items;
	struct list list;
	void (*done)(struct app *a, void *ctx, int index);
	void *ctx;
};

static void
pick_open(struct view *v, struct app *a, const void *arg)
{
	const struct pick_args *args = arg;
	struct pick *p = v->priv;

	(void)a;
	p->title = xstrdup(args->title ? args->title : "");
	p->items = xcalloc(args->n + 1, sizeof(*p->items));
	for (size_t i = 0; i < args->n; i++)
		p->items[i] = xstrdup(args->items[i]);
	list_set_count(&p->list, args->n);
	list_select(&p->list, args->sel);
	p->done = args->done;
	p->ctx = args->ctx;
}

static void
pick_done(struct view *v, struct app *a)
{
	struct pick *p = v->priv;

	(void)a;
	for (size_t i = 0; i < p->list.n; i++)
		free(p->items[i]);
	free(p->items);
	free(p->title);
}

static void
pick_draw(struct view *v, struct app *a)
{
	struct pick *p = v->priv;
	int cols = (int)text_width(p->title) + 8, rows, row, col;

	(void)a;
	for (size_t i = 0; i < p->list.n; i++)
		if ((int)text_width(p->items[i]) + 6 > cols)
			cols = (int)text_width(p->items[i]) + 6;
	if (cols > v->cols - 8)
		cols = v->cols - 8;
	rows = (int)p->list.n > v->rows - 6 ? v->rows - 6 : (int)p->list.n;
	list_show(&p->list, (size_t)rows);
	rows += 2;
	row = (v->rows - rows) / 2;
	col = (v->cols - cols) / 2;
	for (int r = 0; r < rows; r++)
		draw_fill(row + r, col, cols, STYLE_NORMAL);
	draw_frame(row, col, rows, cols, p->title);
	for (int i = 0; i < rows - 2; i++) {
		size_t k = p->list.top + (size_t)i;
		struct line l = LINE_INIT;

		line_add(&l, STYLE_NORMAL, " ");
		line_add(&l, STYLE_NORMAL, p->items[k]);
		if (k == p->list.sel)
			line_restyle(&l, STYLE_SELECTED);
		draw_line(row + 1 + i, col + 1, cols - 2, &l,
			  k == p->list.sel ? STYLE_SELECTED : STYLE_NORMAL);
		line_free(&l);
	}
}

static void
chosen(struct view *v, struct app *a, int index)
{
	struct pick *p = v->priv;
	void (*done)(struct app *, void *, int) = p->done;
	void *ctx = p->ctx;

	app_pop(a);
	if (done)
		done(a, ctx, index);
}

static unsigned
pick_request(struct view *v, struct app *a, enum tui_request rq)
{
	struct pick *p = v->priv;
	unsigned r = list_request(&p->list, rq);

	if (!(r & REACT_UNHANDLED))
		return r;
	switch (rq) {
	case TUI_REQ_ENTER:
		chosen(v, a, p->list.n ? (int)p->list.sel : -1);
		return REACT_REDRAW;
	case TUI_REQ_CANCEL:
	case TUI_REQ_BACK:
		chosen(v, a, -1);
		return REACT_REDRAW;
	default:
		return REACT_NONE;
	}
}

static const enum tui_request hints[] = {TUI_REQ_ENTER, TUI_REQ_CANCEL, TUI_REQ_NONE};
static const enum tui_request requests[] = {
	TUI_REQ_MOVE_UP, TUI_REQ_MOVE_DOWN, TUI_REQ_PAGE_UP, TUI_REQ_PAGE_DOWN, TUI_REQ_MOVE_FIRST,
	TUI_REQ_MOVE_LAST, TUI_REQ_ENTER, TUI_REQ_CANCEL, TUI_REQ_BACK, TUI_REQ_NONE,
};

const struct view_ops pick_view = {
	.name = "pick",
	.private_size = sizeof(struct pick),
	.overlay = true,
	.hints = hints,
	.requests = requests,
	.open = pick_open,
	.draw = pick_draw,
	.request = pick_request,
	.done = pick_done,
};
