/* Replay mode (see tui/mode_replay.h). */
#include "config.h"

#include "engine/engine.h"
#include "tui/app.h"
#include "tui/fmt.h"
#include "tui/i18n.h"
#include "tui/line.h"
#include "tui/mode_replay.h"
#include "tui/views/views.h"
#include "util/timefmt.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>

struct replay {
	struct engine_replay *er;
	const struct entry *entries;	/* the journal (borrowed from er) */
	size_t n;
	size_t k;			/* the entry shown, 1 to n */
	const struct incident *st;	/* the state after entry k (borrowed from er) */
	int speed;
	bool playing;
	int64_t next_ms;		/* the console's time at which entry k + 1 is due */
	int64_t annotate_seq;		/* the entry an open annotation prompt is about */
};

/* The speeds faster and slower step through. */
static const int speeds[] = {1, 10, 60, 600, 3600};

const enum tui_request replay_requests[] = {
	TUI_REQ_PLAY, TUI_REQ_FASTER, TUI_REQ_SLOWER, TUI_REQ_STEP_NEXT, TUI_REQ_STEP_PREV,
	TUI_REQ_PHASE_NEXT, TUI_REQ_PHASE_PREV, TUI_REQ_ENTRY_FIRST, TUI_REQ_ENTRY_LAST,
	TUI_REQ_ANNOTATE, TUI_REQ_NONE,
};

/* What the key line offers while replaying. */
static const enum tui_request replay_hints[] = {
	TUI_REQ_PLAY, TUI_REQ_STEP_NEXT, TUI_REQ_STEP_PREV, TUI_REQ_PHASE_NEXT, TUI_REQ_FASTER,
	TUI_REQ_ANNOTATE, TUI_REQ_HELP, TUI_REQ_BACK, TUI_REQ_NONE,
};

/* Requests that would record something (or open a screen only for recording). */
static const enum tui_request writes[] = {
	TUI_REQ_NEW, TUI_REQ_NOTE, TUI_REQ_TICK, TUI_REQ_SKIP, TUI_REQ_UNTICK, TUI_REQ_FIELDS,
	TUI_REQ_ADVANCE, TUI_REQ_HANDOVER, TUI_REQ_SUBMIT, TUI_REQ_NOW, TUI_REQ_ANSWER_YES,
	TUI_REQ_ANSWER_NO, TUI_REQ_ANSWER_UNKNOWN, TUI_REQ_OVERRIDE, TUI_REQ_NOTIFY, TUI_REQ_ACK,
	TUI_REQ_ASSIGN, TUI_REQ_NONE,
};

static bool
listed(const enum tui_request *list, enum tui_request rq)
{
	for (; *list != TUI_REQ_NONE; list++)
		if (*list == rq)
			return true;
	return false;
}

bool
replay_refuses(enum tui_request rq)
{
	return listed(writes, rq);
}

const enum tui_request *
replay_hint_requests(void)
{
	return replay_hints;
}

const struct incident *
replay_state(const struct replay *r)
{
	return r->st;
}

/* The real wait from entry k to the next: the journal's gap over the speed, capped. */
static int64_t
wait_after(const struct replay *r, size_t k)
{
	int64_t gap;

	if (k >= r->n)
		return 0;
	gap = (r->entries[k].ts_ms - r->entries[k - 1].ts_ms) / r->speed;
	if (gap < 0)
		return 0;
	return gap > REPLAY_MAX_WAIT_MS ? REPLAY_MAX_WAIT_MS : gap;
}

static void
schedule(struct app *a)
{
	struct replay *r = a->replay;

	r->next_ms = engine_now(a->engine) + wait_after(r, r->k);
}

/* Show entry k: fold to it, move the console's clock there, let every view know. */
static void
show(struct app *a, size_t k)
{
	struct replay *r = a->replay;
	struct strbuf why = STRBUF_INIT;
	const struct incident *st;

	if (engine_replay_seek(r->er, (int64_t)k, &st, &why) != YJ_OK) {
		app_message(a, STYLE_ERROR, "%s", sb_str(&why));
		sb_free(&why);
		return;
	}
	sb_free(&why);
	r->st = st;
	r->k = k;
	a->now_ms = r->entries[k - 1].ts_ms;
	for (size_t i = 0; i < a->n_views; i++)
		if (a->views[i]->ops->refresh)
			a->views[i]->ops->refresh(a->views[i], a);
}

/* Read the journal; false (with a message) when it cannot be. */
static bool
open_journal(struct app *a, struct replay *r, int64_t id)
{
	struct strbuf why = STRBUF_INIT;
	struct engine_replay *er = NULL;
	enum yj_status rc = engine_replay_open(a->engine, id, &er, &why);

	if (rc == YJ_OK && !engine_replay_entries(er, &r->n)) {
		rc = YJ_ERR_NOINPUT;
		sb_printf(&why, _("incident %lld has no entries"), (long long)id);
		engine_replay_free(&er);
	}
	if (rc != YJ_OK) {
		app_message(a, STYLE_ERROR, "%s", why.len ? sb_str(&why) : yj_status_message(rc));
		sb_free(&why);
		return false;
	}
	sb_free(&why);
	engine_replay_free(&r->er);
	r->er = er;
	r->entries = engine_replay_entries(er, &r->n);
	return true;
}

bool
replay_start(struct app *a, int64_t id, int speed)
{
	struct replay *r = xcalloc(1, sizeof(*r));
	struct incident_args args = {id};

	if (!open_journal(a, r, id)) {
		free(r);
		return false;
	}
	r->speed = speed > 0 ? speed : TUI_REPLAY_SPEED_DEFAULT;
	r->playing = true;
	incident_view_free(&a->iv);
	a->replay = r;
	a->incident_id = id;
	a->data_version = store_data_version(engine_store(a->engine));
	show(a, 1);
	schedule(a);
	app_push(a, &incident_view, &args);
	return true;
}

void
replay_end(struct app *a)
{
	struct replay *r = a->replay;

	if (!r)
		return;
	engine_replay_free(&r->er);
	free(r);
	a->replay = NULL;
	a->now_ms = engine_now(a->engine);
}

void
replay_reload(struct app *a)
{
	struct replay *r = a->replay;

	/* A journal that cannot be read again keeps the replay as it was. */
	if (open_journal(a, r, a->incident_id))
		show(a, r->k < r->n ? r->k : r->n);
}

unsigned
replay_tick(struct app *a)
{
	struct replay *r = a->replay;
	int64_t now = engine_now(a->engine), due = r->next_ms;
	size_t k = r->k;

	if (store_data_version(engine_store(a->engine)) != a->data_version) {
		app_reload(a);
		return REACT_REDRAW;
	}
	if (!r->playing || now < due)
		return REACT_NONE;
	/* Every entry due by now: a fast replay passes several in one wake-up. */
	while (k < r->n && due <= now) {
		k++;
		due += wait_after(r, k);
	}
	show(a, k);
	r->next_ms = due;
	if (k == r->n)
		r->playing = false;
	return REACT_REDRAW;
}

int
replay_wait_ms(struct app *a, int poll_ms)
{
	int64_t d;

	if (!a->replay || !a->replay->playing)
		return poll_ms;
	d = a->replay->next_ms - engine_now(a->engine);
	if (d < 1)
		return 1;
	return d < poll_ms ? (int)d : poll_ms;
}

/* ---- requests ---- */

static bool
phase_start(const struct entry *e)
{
	return e->kind == ENTRY_OPEN || e->kind == ENTRY_ADVANCE;
}

static unsigned
go(struct app *a, size_t k, const char *none)
{
	struct replay *r = a->replay;

	if (!k) {
		app_message(a, STYLE_ERROR, "%s", none);
		return REACT_STATUS;
	}
	show(a, k);
	if (r->playing)
		schedule(a);
	return REACT_REDRAW;
}

static unsigned
next_phase(struct app *a, int dir)
{
	struct replay *r = a->replay;

	if (dir > 0) {
		for (size_t k = r->k + 1; k <= r->n; k++)
			if (phase_start(&r->entries[k - 1]))
				return go(a, k, "");
		return go(a, 0, _("no later phase starts in this journal"));
	}
	for (size_t k = r->k - 1; k >= 1; k--)
		if (phase_start(&r->entries[k - 1]))
			return go(a, k, "");
	return go(a, 0, _("this is the first phase"));
}

static unsigned
change_speed(struct app *a, int dir)
{
	struct replay *r = a->replay;
	size_t n = sizeof(speeds) / sizeof(speeds[0]);
	int to = r->speed;

	for (size_t i = 0; i < n; i++) {
		int s = speeds[dir > 0 ? i : n - 1 - i];

		if (dir > 0 ? s > r->speed : s < r->speed) {
			to = s;
			break;
		}
	}
	if (to == r->speed) {
		app_message(a, STYLE_ERROR, "%s",
			    dir > 0 ? _("this is the fastest speed") : _("this is the slowest speed"));
		return REACT_STATUS;
	}
	r->speed = to;
	if (r->playing)
		schedule(a);
	return REACT_REDRAW;
}

static unsigned
play_pause(struct app *a)
{
	struct replay *r = a->replay;

	r->playing = !r->playing;
	/* Play at the end starts again from the first entry. */
	if (r->playing && r->k == r->n)
		show(a, 1);
	if (r->playing)
		schedule(a);
	return REACT_REDRAW;
}

static void
annotation_typed(struct app *a, void *ctx, const char *text)
{
	struct replay *r = ctx;
	struct request rq = {.kind = REQ_ANNOTATE, .text = text};
	char what[80];

	/* The replay may have ended under the prompt. */
	if (!text || !*text || a->replay != r)
		return;
	rq.seq = r->annotate_seq;
	snprintf(what, sizeof(what), _("annotation on entry %lld"), (long long)rq.seq);
	app_submit(a, &rq, what, NULL);
}

static unsigned
annotate(struct app *a, struct view *v)
{
	struct replay *r = a->replay;
	int64_t seq = incident_timeline_seq(v, a);
	char title[96];

	r->annotate_seq = seq > 0 ? seq : (int64_t)r->k;
	snprintf(title, sizeof(title), _("Annotation on entry %lld"), (long long)r->annotate_seq);
	app_prompt(a, title, NULL, annotation_typed, r);
	return REACT_REDRAW;
}

static unsigned
act(struct app *a, struct view *v, enum tui_request rq)
{
	struct replay *r = a->replay;

	switch (rq) {
	case TUI_REQ_PLAY:
		return play_pause(a);
	case TUI_REQ_FASTER:
		return change_speed(a, 1);
	case TUI_REQ_SLOWER:
		return change_speed(a, -1);
	case TUI_REQ_STEP_NEXT:
		return go(a, r->k < r->n ? r->k + 1 : 0, _("this is the last entry"));
	case TUI_REQ_STEP_PREV:
		return go(a, r->k - 1, _("this is the first entry"));
	case TUI_REQ_PHASE_NEXT:
		return next_phase(a, 1);
	case TUI_REQ_PHASE_PREV:
		return next_phase(a, -1);
	case TUI_REQ_ENTRY_FIRST:
		return go(a, 1, "");
	case TUI_REQ_ENTRY_LAST:
		return go(a, r->n, "");
	case TUI_REQ_ANNOTATE:
		return annotate(a, v);
	default:
		return REACT_UNHANDLED;
	}
}

static void
refuse(struct app *a)
{
	char key[32];

	app_key_name(a, REPLAY_KEYS, TUI_REQ_ANNOTATE, key, sizeof(key));
	app_message(a, STYLE_ERROR, _("replay is read-only: nothing is recorded here (%s annotates "
				      "an entry)"),
		    key);
}

unsigned
replay_key(struct app *a, struct view *v, int key)
{
	enum tui_request rq;

	/* Dialogs keep their keys: an annotation is typed, a question answered. */
	if (!v->ops->overlay && !v->ops->text_input) {
		rq = keymap_lookup(a->keys, REPLAY_KEYS, key);
		if (listed(replay_requests, rq)) {
			a->last_request = rq;
			return act(a, v, rq);
		}
	}
	rq = keymap_lookup(a->keys, v->ops->name, key);
	if (!replay_refuses(rq))
		return REACT_UNHANDLED;
	a->last_request = rq;
	refuse(a);
	return REACT_STATUS;
}

bool
replay_may_submit(struct app *a, const struct request *rq)
{
	if (rq->kind == REQ_ANNOTATE)
		return true;
	refuse(a);
	return false;
}

/* ---- the banner ---- */

void
replay_banner(struct app *a, struct line *l)
{
	const struct replay *r = a->replay;
	const struct entry *e = &r->entries[r->k - 1];
	char when[32], gap[32];
	const char *state = r->playing ? _("▶ playing") : r->k == r->n ? _("■ at the end")
								       : _("‖ paused");

	time_format_local(e->ts_ms, when, sizeof(when));
	line_addf(l, STYLE_HEADER, " %s ", _("REPLAY"));
	line_addf(l, STYLE_STATUS, _(" %zu/%zu │ %s │ ×%d │ %s"), r->k, r->n, when, r->speed,
		  state);
	/* A gap longer than the wait allows is shortened: say so while it is being waited. */
	if (r->playing && r->k < r->n &&
	    (r->entries[r->k].ts_ms - e->ts_ms) / r->speed > REPLAY_MAX_WAIT_MS) {
		fmt_span(r->entries[r->k].ts_ms - e->ts_ms, gap, sizeof(gap));
		line_addf(l, STYLE_STATUS, _(" │ %s gap cut to %ds"), gap,
			  REPLAY_MAX_WAIT_MS / 1000);
	}
	line_add(l, STYLE_STATUS, " ");
}
