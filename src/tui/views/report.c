/*
 * The report preview: the incident report the plan requires (core/report.h)
 * or the timeline, scrolled, and written to a file from here; the file's
 * name says the format (.md, .json, .csv, else plain text).
 */
#include "config.h"

#include "core/report.h"
#include "io/json.h"
#include "tui/app.h"
#include "tui/chrome.h"
#include "tui/i18n.h"
#include "tui/pager.h"
#include "tui/views/views.h"
#include "util/fileio.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct report {
	enum report_kind kind;
	struct pager pager;
	char *path;		/* the file being written */
};

static void
render(struct report *r, struct app *a, int cols)
{
	/* The report's timeline is the whole journal. */
	const struct incident *st = app_incident_whole(a);
	struct strbuf out = STRBUF_INIT;
	struct value *json = NULL;

	if (st)
		report_export(st, r->kind, FORMAT_TXT, &out, &json);
	value_free(&json);
	pager_set(&r->pager, sb_str(&out), cols);
	sb_free(&out);
}

static void
report_open(struct view *v, struct app *a, const void *arg)
{
	struct report *r = v->priv;

	(void)arg;
	r->kind = REPORT_INCIDENT;
	render(r, a, v->cols - 2);
}

static void
report_refresh(struct view *v, struct app *a)
{
	struct report *r = v->priv;

	render(r, a, r->pager.width);
}

static void
report_done(struct view *v, struct app *a)
{
	struct report *r = v->priv;

	(void)a;
	pager_free(&r->pager);
	free(r->path);
}

static void
report_draw(struct view *v, struct app *a)
{
	struct report *r = v->priv;
	int top = CHROME_HEADER_ROWS + 1;
	size_t first, last;
	char title[120];

	if (r->pager.width != v->cols - 2)
		render(r, a, v->cols - 2);
	chrome_incident_header(a, 0, v->cols, _("Report"));
	pager_fit(&r->pager, v->rows - top, &first, &last);
	snprintf(title, sizeof(title), _("%s — lines %zu-%zu of %zu"),
		 r->kind == REPORT_INCIDENT ? _("Incident report") : _("Timeline"), first, last,
		 r->pager.lines.n);
	chrome_title(top - 1, 0, v->cols, title, true);
	pager_draw(&r->pager, top, 1, v->cols - 2);
}

/* ---- export ---- */

static enum report_format
format_of(const char *path)
{
	const char *dot = strrchr(path, '.');
	enum report_format f = FORMAT_TXT;

	if (dot && !report_format_parse(dot + 1, &f))
		f = FORMAT_TXT;
	return f;
}

static void
export_to(struct app *a, struct report *r, const char *path)
{
	const struct incident *st = app_incident_whole(a);
	struct strbuf out = STRBUF_INIT, why = STRBUF_INIT;
	struct value *json = NULL;

	if (!st)
		return;
	report_export(st, r->kind, format_of(path), &out, &json);
	if (json) {
		char *text = json_encode(json, JSON_PRETTY);

		sb_append(&out, text);
		sb_append(&out, "\n");
		free(text);
		value_free(&json);
	}
	if (file_write_private(path, sb_str(&out), &why))
		app_message(a, STYLE_MESSAGE, _("written to %s"), path);
	else
		app_message(a, STYLE_ERROR, _("cannot write the report: %s"), sb_str(&why));
	sb_free(&out);
	sb_free(&why);
}

static void
overwrite(struct app *a, void *ctx, bool yes)
{
	struct report *r = ctx;

	if (yes && r->path)
		export_to(a, r, r->path);
}

static void
path_given(struct app *a, void *ctx, const char *path)
{
	struct report *r = ctx;
	char q[600];

	if (!path || !*path)
		return;
	free(r->path);
	r->path = xstrdup(path);
	if (access(path, F_OK) == 0) {
		snprintf(q, sizeof(q), _("%s exists. Replace it?"), path);
		app_confirm(a, _("Export"), q, overwrite, r);
		return;
	}
	export_to(a, r, path);
}

static unsigned
ask_path(struct report *r, struct app *a)
{
	char name[96];

	snprintf(name, sizeof(name), "incident-%lld%s.txt", (long long)a->incident_id,
		 r->kind == REPORT_TIMELINE ? "-timeline" : "");
	app_prompt(a, _("Write the report to the file (.txt .md .json .csv):"), name, path_given,
		   r);
	return REACT_REDRAW;
}

static unsigned
report_request(struct view *v, struct app *a, enum tui_request rq)
{
	struct report *r = v->priv;
	unsigned moved = pager_request(&r->pager, rq);

	if (!(moved & REACT_UNHANDLED))
		return moved;
	switch (rq) {
	case TUI_REQ_SWITCH:
		r->kind = r->kind == REPORT_INCIDENT ? REPORT_TIMELINE : REPORT_INCIDENT;
		r->pager.top = 0;
		render(r, a, r->pager.width);
		return REACT_REDRAW;
	case TUI_REQ_EXPORT:
		return ask_path(r, a);
	default:
		return REACT_UNHANDLED;
	}
}

static const enum tui_request hints[] = {TUI_REQ_PAGE_DOWN, TUI_REQ_SWITCH, TUI_REQ_EXPORT,
					 TUI_REQ_HELP, TUI_REQ_BACK, TUI_REQ_NONE};
static const enum tui_request requests[] = {
	TUI_REQ_MOVE_UP, TUI_REQ_MOVE_DOWN, TUI_REQ_PAGE_UP, TUI_REQ_PAGE_DOWN, TUI_REQ_MOVE_FIRST,
	TUI_REQ_MOVE_LAST, TUI_REQ_ENTER, TUI_REQ_SWITCH, TUI_REQ_EXPORT, TUI_REQ_NONE,
};

const struct view_ops report_view = {
	.name = "report",
	.private_size = sizeof(struct report),
	.hints = hints,
	.requests = requests,
	.open = report_open,
	.draw = report_draw,
	.request = report_request,
	.refresh = report_refresh,
	.done = report_done,
};
