/* The header, titles and bottom rows around the views (see tui/chrome.h). */
#include "config.h"

#include "engine/engine.h"
#include "tui/app.h"
#include "tui/chrome.h"
#include "tui/draw.h"
#include "tui/fmt.h"
#include "tui/i18n.h"
#include "tui/mode_drill.h"
#include "tui/mode_replay.h"
#include "util/text.h"
#include "util/timefmt.h"

#include <stdio.h>
#include <string.h>

void
chrome_level_badge(struct line *l, const struct incident *st, int level)
{
	if (level < 0) {
		line_add(l, STYLE_LEVEL_NONE, _("level unconfirmed"));
		return;
	}
	chrome_level_badge_as(l, playbook_level(st->pb, (size_t)level)->colour,
			      fmt_level_label(st->pb, level));
}

void
chrome_level_badge_as(struct line *l, enum pb_colour colour, const char *label)
{
	line_addf(l, fmt_level_style(colour), " %s ", label);
}

static void
header_second_row(struct app *a, const struct incident *st, int row, int cols)
{
	const struct pb_phase *ph = incident_phase(st);
	struct line l = LINE_INIT;
	char span[48];

	line_addf(&l, STYLE_HEADER, " #%lld ", (long long)st->id);
	line_add(&l, STYLE_NORMAL, " ");
	line_add(&l, STYLE_CURRENT, ph ? ph->title : "-");
	if (ph && ph->m.source)
		line_addf(&l, STYLE_DIM, " (%s)", ph->m.source);
	line_add(&l, STYLE_NORMAL, "  ");
	chrome_level_badge(&l, st, st->level);
	if (st->closed) {
		line_add(&l, STYLE_NORMAL, "  ");
		line_add(&l, STYLE_DIM, _("closed (read-only)"));
	} else {
		fmt_span(a->now_ms - fmt_incident_start(st), span, sizeof(span));
		line_add(&l, STYLE_NORMAL, "  ");
		line_addf(&l, STYLE_LABEL, _("elapsed %s"), span);
	}
	draw_line(row, 0, cols, &l, STYLE_NORMAL);
	line_free(&l);
}

void
chrome_incident_header(struct app *a, int row, int cols, const char *what)
{
	const struct incident *st = app_incident(a);
	struct line l = LINE_INIT;

	if (!st)
		return;
	if (st->drill)
		line_add(&l, STYLE_DRILL, _(" DRILL "));
	line_addf(&l, STYLE_HEADER, " %s", st->title ? st->title : "");
	if (what)
		line_addf(&l, STYLE_HEADER, " — %s", what);
	line_add(&l, STYLE_HEADER, "  ");
	/* The plan's title takes what room is left, at the right. */
	if ((int)l.width + 10 < cols)
		line_add_right(&l, STYLE_HEADER, playbook_plan(st->pb)->title,
			       (size_t)cols - l.width - 1);
	draw_line(row, 0, cols, &l, STYLE_HEADER);
	line_free(&l);
	header_second_row(a, st, row + 1, cols);
}

void
chrome_title(int row, int col, int cols, const char *title, bool focus)
{
	struct line l = LINE_INIT;

	line_addf(&l, focus ? STYLE_TITLE_FOCUS : STYLE_TITLE, " %s ", title);
	draw_line(row, col, cols, &l, STYLE_NORMAL);
	line_free(&l);
}

static void
hints(struct app *a, const struct view *v, struct line *l)
{
	/* Replaying, a full screen offers the replay's keys, not its own (they would write). */
	bool replay = a->replay && !v->ops->overlay && !v->ops->text_input;
	const char *keys = replay ? REPLAY_KEYS : v->ops->name;
	char key[32];

	for (const enum tui_request *h = replay ? replay_hint_requests() : v->ops->hints;
	     h && *h != TUI_REQ_NONE; h++) {
		app_key_name(a, keys, *h, key, sizeof(key));
		if (!*key)
			continue;
		/* "Enter", not "<Enter>": the hint line is for people. */
		if (key[0] == '<' && key[1]) {
			memmove(key, key + 1, strlen(key));
			key[strlen(key) - 1] = '\0';
		}
		line_addf(l, STYLE_KEY, "%s%s", l->n ? "  " : " ", key);
		/* On the board, going back leaves the console. */
		line_addf(l, STYLE_HINT, " %s",
			  tui_request_label(*h == TUI_REQ_BACK && a->n_views == 1 ? TUI_REQ_QUIT : *h));
	}
}

/* The database as short as it can be said: its path, else its file name. */
static const char *
db_label(const char *db, size_t room)
{
	const char *slash = strrchr(db, '/');

	if (text_width(db) <= room || !slash)
		return db;
	return slash + 1;
}

static void
status_line(struct app *a, int row, int cols)
{
	const struct incident *st = app_incident(a);
	struct line l = LINE_INIT, r = LINE_INIT;
	char now[32], hex[2 * ENTRY_HASH_LEN + 1] = "";

	/* Replaying, the banner takes the status line: on every screen, always. */
	if (a->replay) {
		replay_banner(a, &l);
		draw_line(row, 0, cols, &l, STYLE_STATUS);
		line_free(&l);
		return;
	}
	time_format_local(a->now_ms, now, sizeof(now));
	if (st && st->n_entries) {
		entry_hash_hex(st->entries[st->n_entries - 1].hash, hex);
		line_addf(&r, STYLE_STATUS, _("head %lld:%.8s"),
			  (long long)st->entries[st->n_entries - 1].seq, hex);
		line_add(&r, STYLE_STATUS, " │ ");
	}
	line_addf(&r, STYLE_STATUS, "%s ", now);
	if (a->drill)
		mode_drill_banner(a, &l);
	line_addf(&l, STYLE_STATUS, " %s │ ", a->opts->operator_name);
	if (l.width + r.width < (size_t)cols) {
		size_t room = (size_t)cols - l.width - r.width;

		line_add_fixed(&l, STYLE_STATUS, db_label(a->opts->db, room), room);
	}
	for (size_t i = 0; i < r.n; i++)
		line_add(&l, r.v[i].style, r.v[i].text);
	draw_line(row, 0, cols, &l, STYLE_STATUS);
	line_free(&l);
	line_free(&r);
}

void
chrome_bottom(struct app *a, const struct view *v)
{
	struct line l = LINE_INIT;

	if (a->message.len)
		line_add(&l, a->message_style, sb_str(&a->message));
	else if (v)
		hints(a, v, &l);
	draw_line(a->rows - 2, 0, a->cols, &l, STYLE_NORMAL);
	line_free(&l);
	status_line(a, a->rows - 1, a->cols);
}
