/*
 * A one-line question over the screen: a note, a reason, a name, a file.
 * Typed text is never dropped silently: Esc with text typed asks first.
 */
#include "config.h"

#include "tui/app.h"
#include "tui/draw.h"
#include "tui/edit.h"
#include "tui/i18n.h"
#include "tui/views/views.h"
#include "tui/wrap.h"
#include "util/xalloc.h"

#include <stdlib.h>

struct prompt {
	char *title;
	struct edit edit;
	void (*done)(struct app *a, void *ctx, const char *text);
	void *ctx;
};

static void
prompt_open(struct view *v, struct app *a, const void *arg)
{
	const struct prompt_args *args = arg;
	struct prompt *p = v->priv;

	(void)a;
	p->title = xstrdup(args->title ? args->title : "");
	edit_init(&p->edit, args->initial);
	p->done = args->done;
	p->ctx = args->ctx;
}

static void
prompt_done(struct view *v, struct app *a)
{
	struct prompt *p = v->priv;

	(void)a;
	free(p->title);
	edit_free(&p->edit);
}

static void
prompt_draw(struct view *v, struct app *a)
{
	struct prompt *p = v->priv;
	struct wrapped w = {0};
	struct strbuf box = STRBUF_INIT;
	int cols = v->cols - 8 > 76 ? 76 : v->cols - 8, rows, row, col, cur, lines;
	char hint[160];

	wrap_text(&w, p->title, (size_t)cols - 4);
	lines = w.n > 4 ? 4 : (int)w.n;
	rows = lines + 5;
	row = (v->rows - rows) / 2;
	col = (v->cols - cols) / 2;
	for (int r = 0; r < rows; r++)
		draw_fill(row + r, col, cols, STYLE_NORMAL);
	draw_frame(row, col, rows, cols, NULL);
	for (int i = 0; i < lines; i++)
		draw_text(row + 1 + i, col + 2, cols - 4, STYLE_NORMAL, w.v[i]);
	cur = (int)edit_view(&p->edit, (size_t)cols - 4, &box);
	draw_text(row + 2 + lines, col + 2, cols - 4, STYLE_INPUT_FOCUS, sb_str(&box));
	draw_cursor(row + 2 + lines, col + 2 + cur);
	snprintf(hint, sizeof(hint), "%s", _("Enter: record   Esc: cancel"));
	draw_text(row + rows - 2, col + 2, cols - 4, STYLE_HINT, hint);
	sb_free(&box);
	wrap_free(&w);
	(void)a;
}

/* Close the prompt, then tell whoever asked (who may open another dialog). */
static void
finish(struct view *v, struct app *a, bool ok)
{
	struct prompt *p = v->priv;
	void (*done)(struct app *, void *, const char *) = p->done;
	void *ctx = p->ctx;
	char *text = ok ? xstrdup(edit_text(&p->edit)) : NULL;

	app_pop(a);
	if (done)
		done(a, ctx, text);
	free(text);
}

static void
discard_answer(struct app *a, void *ctx, bool yes)
{
	struct view *v = ctx;

	if (yes && app_top(a) == v)
		finish(v, a, false);
}

static unsigned
prompt_key(struct view *v, struct app *a, int key)
{
	struct prompt *p = v->priv;

	if (key == TUI_KEY_ENTER) {
		finish(v, a, true);
		return REACT_REDRAW;
	}
	if (key == TUI_KEY_ESC) {
		if (edit_empty(&p->edit))
			finish(v, a, false);
		else
		{
			struct strbuf q = STRBUF_INIT;

			sb_printf(&q, _("Discard the text typed (\"%s\")?"), edit_text(&p->edit));
			app_confirm(a, _("Discard"), sb_str(&q), discard_answer, v);
			sb_free(&q);
		}
		return REACT_REDRAW;
	}
	return edit_key(&p->edit, key) ? REACT_REDRAW : REACT_UNHANDLED;
}

static unsigned
prompt_request(struct view *v, struct app *a, enum tui_request rq)
{
	(void)v;
	(void)a;
	(void)rq;
	/* Every other key is inert while a question is open (q and j are text here). */
	return REACT_NONE;
}

static const enum tui_request hints[] = {TUI_REQ_NONE};

const struct view_ops prompt_view = {
	.name = "prompt",
	.private_size = sizeof(struct prompt),
	.overlay = true,
	.text_input = true,
	.hints = hints,
	.requests = hints,
	.open = prompt_open,
	.draw = prompt_draw,
	.key = prompt_key,
	.request = prompt_request,
	.done = prompt_done,
};
