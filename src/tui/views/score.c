/*
 * A drill's score at its end (core/score.h, opened by tui/mode_drill.c):
 * each plan deadline and scenario limit met or missed with its drill-clock
 * times, the level against the plan's answer, the groups and contacts
 * engaged, and the timeline, scrolled; written from here to three files at
 * once, plain text, Markdown and JSON, each private to its owner (0600).
 */
#include "config.h"

#include "core/score.h"
#include "io/json.h"
#include "tui/app.h"
#include "tui/chrome.h"
#include "tui/i18n.h"
#include "tui/pager.h"
#include "tui/views/views.h"
#include "util/fileio.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *const exts[] = {"txt", "md", "json"};
static const enum report_format formats[] = {FORMAT_TXT, FORMAT_MD, FORMAT_JSON};
enum { N_FORMATS = 3 };

struct score_priv {
	struct score *s;	/* owned */
	struct pager pager;
	char *base;		/* the file name being written, without its extension */
};

/* The score in one format, as its file holds it. */
static void
render_as(const struct score *s, enum report_format f, struct strbuf *out)
{
	struct value *json = NULL;

	score_render(s, f, out, &json);
	if (json) {
		char *text = json_encode(json, JSON_PRETTY);

		sb_append(out, text);
		sb_append(out, "\n");
		free(text);
		value_free(&json);
	}
}

static void
render(struct score_priv *p, int cols)
{
	struct strbuf out = STRBUF_INIT;

	render_as(p->s, FORMAT_TXT, &out);
	pager_set(&p->pager, sb_str(&out), cols);
	sb_free(&out);
}

static void
score_open(struct view *v, struct app *a, const void *arg)
{
	const struct score_args *args = arg;
	struct score_priv *p = v->priv;

	(void)a;
	p->s = args->score;
	render(p, v->cols - 2);
}

static void
score_done(struct view *v, struct app *a)
{
	struct score_priv *p = v->priv;

	(void)a;
	pager_free(&p->pager);
	score_free(&p->s);
	free(p->base);
}

static void
score_draw(struct view *v, struct app *a)
{
	struct score_priv *p = v->priv;
	int top = CHROME_HEADER_ROWS + 1;
	size_t first, last;
	char title[160];

	if (p->pager.width != v->cols - 2)
		render(p, v->cols - 2);
	chrome_incident_header(a, 0, v->cols, _("Score"));
	pager_fit(&p->pager, v->rows - top, &first, &last);
	snprintf(title, sizeof(title),
		 _("Drill score: %zu of %zu checks passed — lines %zu-%zu of %zu"), p->s->passed,
		 p->s->scored, first, last, p->pager.lines.n);
	chrome_title(top - 1, 0, v->cols, title, true);
	pager_draw(&p->pager, top, 1, v->cols - 2);
}

/* ---- export ---- */

static void
export_all(struct app *a, struct score_priv *p)
{
	struct strbuf why = STRBUF_INIT, done = STRBUF_INIT;

	for (size_t i = 0; i < N_FORMATS; i++) {
		struct strbuf out = STRBUF_INIT, path = STRBUF_INIT;
		bool ok;

		sb_printf(&path, "%s.%s", p->base, exts[i]);
		render_as(p->s, formats[i], &out);
		ok = file_write_private(sb_str(&path), sb_str(&out), &why);
		if (ok)
			sb_printf(&done, "%s%s", done.len ? ", " : "", sb_str(&path));
		sb_free(&out);
		sb_free(&path);
		if (!ok)
			break;
	}
	if (why.len)
		app_message(a, STYLE_ERROR, _("cannot write the score: %s"), sb_str(&why));
	else
		app_message(a, STYLE_MESSAGE, _("written to %s"), sb_str(&done));
	sb_free(&why);
	sb_free(&done);
}

static void
overwrite(struct app *a, void *ctx, bool yes)
{
	if (yes)
		export_all(a, ctx);
}

static void
base_given(struct app *a, void *ctx, const char *base)
{
	struct score_priv *p = ctx;
	struct strbuf q = STRBUF_INIT;
	char path[600];

	if (!base || !*base)
		return;
	free(p->base);
	p->base = xstrdup(base);
	for (size_t i = 0; i < N_FORMATS; i++) {
		snprintf(path, sizeof(path), "%s.%s", base, exts[i]);
		if (access(path, F_OK) == 0)
			sb_printf(&q, "%s%s", q.len ? ", " : "", path);
	}
	if (q.len) {
		char text[800];

		snprintf(text, sizeof(text), _("%s exists. Replace it?"), sb_str(&q));
		app_confirm(a, _("Export"), text, overwrite, p);
	} else {
		export_all(a, p);
	}
	sb_free(&q);
}

static unsigned
ask_base(struct score_priv *p, struct app *a)
{
	char name[96];

	snprintf(name, sizeof(name), "drill-%lld-score", (long long)p->s->incident);
	app_prompt(a, _("Write the score to NAME.txt, NAME.md and NAME.json; NAME:"), name,
		   base_given, p);
	return REACT_REDRAW;
}

static unsigned
score_request(struct view *v, struct app *a, enum tui_request rq)
{
	struct score_priv *p = v->priv;

	if (rq == TUI_REQ_EXPORT)
		return ask_base(p, a);
	return pager_request(&p->pager, rq);
}

static const enum tui_request hints[] = {TUI_REQ_PAGE_DOWN, TUI_REQ_EXPORT, TUI_REQ_HELP,
					 TUI_REQ_BACK, TUI_REQ_NONE};
static const enum tui_request requests[] = {
	TUI_REQ_MOVE_UP, TUI_REQ_MOVE_DOWN, TUI_REQ_PAGE_UP, TUI_REQ_PAGE_DOWN, TUI_REQ_MOVE_FIRST,
	TUI_REQ_MOVE_LAST, TUI_REQ_ENTER, TUI_REQ_EXPORT, TUI_REQ_NONE,
};

const struct view_ops score_view = {
	.name = "score",
	.private_size = sizeof(struct score_priv),
	.hints = hints,
	.requests = requests,
	.open = score_open,
	.draw = score_draw,
	.request = score_request,
	.done = score_done,
};
