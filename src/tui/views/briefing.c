/*
 * The handover briefing (ICS 201 manner, core/report.h): what the incoming
 * officer reads before taking over.  It is shown before anything is recorded;
 * y records the handover, whose entry keeps the briefing as it stood, and the
 * screen then shows that recorded briefing and the journal head it pins.
 */
#include "config.h"

#include "core/report.h"
#include "tui/app.h"
#include "tui/chrome.h"
#include "tui/draw.h"
#include "tui/fmt.h"
#include "tui/i18n.h"
#include "tui/views/views.h"
#include "tui/wrap.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

struct briefing {
	char *party, *person;
	struct wrapped lines;
	size_t top;
	int height, width;
	bool recorded;
	char head[96];		/* seq:hash of the handover entry, once recorded */
};

/* The party handed over: the one asked for, else command (the playbook's first role). */
static const char *
party(const struct briefing *b, const struct incident *st)
{
	if (b->party)
		return b->party;
	return playbook_role_count(st->pb) ? playbook_role(st->pb, 0)->m.id : "";
}

static void
render(struct briefing *b, struct app *a, int cols)
{
	const struct incident *st = app_incident(a);
	struct strbuf text = STRBUF_INIT;

	wrap_free(&b->lines);
	b->width = cols;
	if (!st)
		return;
	if (b->recorded && st->n_entries) {
		const struct entry *e = &st->entries[st->n_entries - 1];
		const char *kept = e->kind == ENTRY_HANDOVER ? value_get_str(e->payload, "briefing")
							     : NULL;

		sb_printf(&text, _("Handover recorded at journal head %s.\n\n"), b->head);
		sb_append(&text, kept ? kept : "");
	} else {
		/* It counts every action so far: the whole journal. */
		report_briefing(app_incident_whole(a), &text);
	}
	wrap_text(&b->lines, sb_str(&text), (size_t)cols);
	sb_free(&text);
}

static void
briefing_open(struct view *v, struct app *a, const void *arg)
{
	const struct briefing_args *args = arg;
	struct briefing *b = v->priv;

	b->party = args->party ? xstrdup(args->party) : NULL;
	b->person = xstrdup(args->person ? args->person : "");
	render(b, a, v->cols - 2);
}

static void
briefing_refresh(struct view *v, struct app *a)
{
	struct briefing *b = v->priv;

	render(b, a, b->width);
}

static void
briefing_done(struct view *v, struct app *a)
{
	struct briefing *b = v->priv;

	(void)a;
	wrap_free(&b->lines);
	free(b->party);
	free(b->person);
}

static void
briefing_draw(struct view *v, struct app *a)
{
	struct briefing *b = v->priv;
	const struct incident *st = app_incident(a);
	int top = CHROME_HEADER_ROWS + 1;
	char title[300], yes[32], no[32];

	if (!st)
		return;
	if (b->width != v->cols - 2)
		render(b, a, v->cols - 2);
	chrome_incident_header(a, 0, v->cols, _("Handover"));
	app_key_name(a, "briefing", TUI_REQ_YES, yes, sizeof(yes));
	app_key_name(a, "briefing", TUI_REQ_NO, no, sizeof(no));
	if (b->recorded)
		snprintf(title, sizeof(title), _("%s now holds %s"), b->person,
			 fmt_party(st->pb, party(b, st)));
	else
		snprintf(title, sizeof(title), _("Briefing for %s, taking over %s — %s records, %s cancels"),
			 b->person, fmt_party(st->pb, party(b, st)), yes, no);
	chrome_title(top - 1, 0, v->cols, title, true);
	b->height = v->rows - top;
	if (b->top + (size_t)b->height > b->lines.n)
		b->top = b->lines.n > (size_t)b->height ? b->lines.n - (size_t)b->height : 0;
	for (int i = 0; i < b->height && b->top + (size_t)i < b->lines.n; i++)
		draw_text(top + i, 1, v->cols - 2, STYLE_NORMAL, b->lines.v[b->top + (size_t)i]);
}

static unsigned
record(struct briefing *b, struct app *a)
{
	const struct incident *st = app_incident(a);
	struct request rq = {.kind = REQ_HANDOVER, .party = b->party, .person = b->person};
	char what[300], hex[2 * ENTRY_HASH_LEN + 1];

	if (b->recorded)
		return REACT_BACK;
	snprintf(what, sizeof(what), _("handover of %s to %s"), fmt_party(st->pb, party(b, st)),
		 b->person);
	if (app_submit(a, &rq, what, NULL) != YJ_OK)
		return REACT_REDRAW;
	st = app_incident(a);
	entry_hash_hex(st->entries[st->n_entries - 1].hash, hex);
	snprintf(b->head, sizeof(b->head), "%lld:%s", (long long)st->entries[st->n_entries - 1].seq,
		 hex);
	b->recorded = true;
	b->top = 0;
	render(b, a, b->width);
	return REACT_REDRAW;
}

static unsigned
scroll(struct briefing *b, long by)
{
	long top = (long)b->top + by, max = (long)b->lines.n - b->height;

	b->top = (size_t)(top > max ? (max > 0 ? max : 0) : top < 0 ? 0 : top);
	return REACT_REDRAW;
}

static unsigned
briefing_request(struct view *v, struct app *a, enum tui_request rq)
{
	struct briefing *b = v->priv;
	long page = b->height > 1 ? b->height - 1 : 1;

	switch (rq) {
	case TUI_REQ_YES:
		return record(b, a);
	case TUI_REQ_NO:
	case TUI_REQ_CANCEL:
		return REACT_BACK;
	case TUI_REQ_MOVE_UP:
		return scroll(b, -1);
	case TUI_REQ_MOVE_DOWN:
		return scroll(b, 1);
	case TUI_REQ_PAGE_UP:
		return scroll(b, -page);
	case TUI_REQ_PAGE_DOWN:
		return scroll(b, page);
	case TUI_REQ_MOVE_FIRST:
		return scroll(b, -(long)b->lines.n);
	case TUI_REQ_MOVE_LAST:
		return scroll(b, (long)b->lines.n);
	default:
		return REACT_UNHANDLED;
	}
}

static const enum tui_request hints[] = {TUI_REQ_YES, TUI_REQ_NO, TUI_REQ_PAGE_DOWN, TUI_REQ_NONE};
static const enum tui_request requests[] = {
	TUI_REQ_YES, TUI_REQ_NO, TUI_REQ_CANCEL, TUI_REQ_MOVE_UP, TUI_REQ_MOVE_DOWN,
	TUI_REQ_PAGE_UP, TUI_REQ_PAGE_DOWN, TUI_REQ_MOVE_FIRST, TUI_REQ_MOVE_LAST, TUI_REQ_NONE,
};

const struct view_ops briefing_view = {
	.name = "briefing",
	.private_size = sizeof(struct briefing),
	.hints = hints,
	.requests = requests,
	.open = briefing_open,
	.draw = briefing_draw,
	.request = briefing_request,
	.refresh = briefing_refresh,
	.done = briefing_done,
};
