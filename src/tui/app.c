/*
 * The console's state and the dispatch of keys: a key goes to the top view
 * first (text input), then through the bindings to a request for the top
 * view, then to the requests every screen shares (help, back, quit).
 */
#include "config.h"

#include "tui/app.h"
#include "tui/chrome.h"
#include "tui/draw.h"
#include "tui/i18n.h"
#include "tui/mode_drill.h"
#include "tui/mode_replay.h"
#include "tui/views/views.h"
#include "util/xalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct app *
app_new(const struct tui_opts *o, struct engine *e, struct keymap *km)
{
	struct app *a = xcalloc(1, sizeof(*a));

	a->opts = o;
	a->engine = e;
	a->keys = km;
	a->now_ms = engine_now(e);
	a->data_version = store_data_version(engine_store(e));
	a->message_style = STYLE_MESSAGE;
	return a;
}

void
app_free(struct app **pa)
{
	struct app *a;

	if (!pa || !*pa)
		return;
	a = *pa;
	while (a->n_views)
		app_pop(a);
	app_close_incident(a);
	sb_free(&a->message);
	free(a);
	*pa = NULL;
}

/* ---- the view stack ---- */

void
app_push(struct app *a, const struct view_ops *ops, const void *arg)
{
	struct view *v;

	if (a->n_views == APP_MAX_VIEWS) {
		app_message(a, STYLE_ERROR, "%s", _("too many screens open; close one first"));
		return;
	}
	v = xcalloc(1, sizeof(*v));
	v->ops = ops;
	v->priv = ops->private_size ? xcalloc(1, ops->private_size) : NULL;
	v->rows = a->rows - CHROME_BOTTOM_ROWS;
	v->cols = a->cols;
	a->views[a->n_views++] = v;
	ops->open(v, a, arg);
}

void
app_pop(struct app *a)
{
	struct view *v;

	if (!a->n_views)
		return;
	v = a->views[--a->n_views];
	if (v->ops->done)
		v->ops->done(v, a);
	free(v->priv);
	free(v);
}

bool
app_pop_to(struct app *a, const char *name)
{
	size_t i = a->n_views;

	while (i > 0 && strcmp(a->views[i - 1]->ops->name, name) != 0)
		i--;
	if (!i)
		return false;
	while (a->n_views > i)
		app_pop(a);
	return true;
}

struct view *
app_top(struct app *a)
{
	return a->n_views ? a->views[a->n_views - 1] : NULL;
}

struct view *
app_below(struct app *a, const struct view *v)
{
	for (size_t i = 1; i < a->n_views; i++)
		if (a->views[i] == v)
			return a->views[i - 1];
	return NULL;
}

/* ---- messages ---- */

void
app_message(struct app *a, enum tui_style st, const char *fmt, ...)
{
	va_list ap;

	sb_reset(&a->message);
	va_start(ap, fmt);
	sb_vprintf(&a->message, fmt, ap);
	va_end(ap);
	a->message_style = st;
}

void
app_key_name(const struct app *a, const char *view, enum tui_request rq, char *buf, size_t n)
{
	const char *const *names = view_names();
	bool no_text = false;
	int key;

	/* Screens that take text keep the text keys: show another key for the request. */
	for (size_t i = 0; names[i]; i++)
		if (strcmp(names[i], view) == 0)
			no_text = view_text_input(names[i]);
	if (keymap_key_for(a->keys, view, rq, no_text, &key))
		keys_name(key, buf, n);
	else if (n)
		buf[0] = '\0';
}

/* ---- the incident being worked ---- */

const struct incident *
app_incident(const struct app *a)
{
	if (a->replay)
		return replay_state(a->replay);
	return a->iv ? a->iv->st : NULL;
}

bool
app_open_incident(struct app *a, int64_t id)
{
	struct strbuf why = STRBUF_INIT;
	struct incident_view *iv = NULL;
	/* The state from its snapshot; the timeline is read a page at a time. */
	enum yj_status rc = engine_view_tail(a->engine, id, 0, &iv, &why);

	if (rc != YJ_OK) {
		app_message(a, STYLE_ERROR, "%s", why.len ? sb_str(&why) : yj_status_message(rc));
		sb_free(&why);
		return false;
	}
	/* The entries of a page never change (the journal is append-only): kept for the same incident. */
	if (id != a->incident_id)
		app_close_incident(a);
	incident_view_free(&a->iv);
	incident_view_free(&a->whole);
	a->iv = iv;
	a->incident_id = id;
	incident_set_now(a->iv->st, a->now_ms);
	sb_free(&why);
	return true;
}

void
app_close_incident(struct app *a)
{
	replay_end(a);
	incident_view_free(&a->iv);
	incident_view_free(&a->whole);
	entry_free_array(&a->page, a->n_page);
	a->n_page = 0;
	a->incident_id = 0;
}

/* Whether st's entries are its whole journal (or, replayed, a whole prefix of it). */
static bool
holds_all(const struct incident *st)
{
	return !st->n_entries || st->entries[0].seq == 1;
}

const struct incident *
app_incident_whole(struct app *a)
{
	const struct incident *st = app_incident(a);
	struct strbuf why = STRBUF_INIT;
	int64_t head;

	if (!st || holds_all(st))
		return st;
	if (!a->whole) {
		/* Up to the state's head: the record may have moved on since it was folded. */
		head = st->entries[st->n_entries - 1].seq;
		if (engine_view(a->engine, a->incident_id, head, &a->whole, &why) != YJ_OK) {
			app_message(a, STYLE_ERROR, "%s", sb_str(&why));
			sb_free(&why);
			return st;
		}
		sb_free(&why);
	}
	incident_set_now(a->whole->st, a->now_ms);
	return a->whole->st;
}

size_t
app_timeline_count(const struct app *a)
{
	const struct incident *st = app_incident(a);

	/* Seqs run from 1 without a gap (store_verify checks it). */
	return st && st->n_entries ? (size_t)st->entries[st->n_entries - 1].seq : 0;
}

/* The entries read around one the state does not hold: a screen or two either side. */
enum { TIMELINE_PAGE = 256 };

const struct entry *
app_timeline_entry(struct app *a, size_t i)
{
	const struct incident *st = app_incident(a);
	int64_t seq = (int64_t)i + 1, first, from, upto;

	if (!st || i >= app_timeline_count(a))
		return NULL;
	first = st->entries[0].seq;
	if (seq >= first)
		return &st->entries[seq - first];
	if (!a->n_page || seq < a->page[0].seq || seq >= a->page[0].seq + (int64_t)a->n_page) {
		entry_free_array(&a->page, a->n_page);
		a->n_page = 0;
		from = seq > TIMELINE_PAGE / 2 ? seq - TIMELINE_PAGE / 2 : 1;
		upto = from + TIMELINE_PAGE - 1 < first ? from + TIMELINE_PAGE - 1 : first - 1;
		if (store_load_entries_range(engine_store(a->engine), a->incident_id, from, upto,
					     &a->page, &a->n_page) != YJ_OK ||
		    !a->n_page || a->page[0].seq != from) {
			entry_free_array(&a->page, a->n_page);
			a->n_page = 0;
			return NULL;
		}
	}
	return &a->page[seq - a->page[0].seq];
}

void
app_reload(struct app *a)
{
	a->data_version = store_data_version(engine_store(a->engine));
	if (a->replay) {
		replay_reload(a);
		return;
	}
	a->now_ms = engine_now(a->engine);
	/* A read that fails keeps the last good state on screen, with the reason. */
	if (a->incident_id)
		app_open_incident(a, a->incident_id);
	for (size_t i = 0; i < a->n_views; i++)
		if (a->views[i]->ops->refresh)
			a->views[i]->ops->refresh(a->views[i], a);
}

enum yj_status
app_submit(struct app *a, const struct request *rq, const char *what, struct strbuf *why)
{
	struct strbuf reason = STRBUF_INIT;
	int64_t seq = 0;
	enum yj_status rc;

	if (!a->incident_id)
		return YJ_ERR_USAGE;
	if (a->replay && !replay_may_submit(a, rq)) {
		if (why)
			sb_append(why, sb_str(&a->message));
		return YJ_ERR_REFUSED;
	}
	rc = engine_submit(a->engine, a->incident_id, rq, &seq, &reason);
	if (rc == YJ_OK)
		app_message(a, STYLE_MESSAGE, _("recorded (entry %lld): %s"), (long long)seq, what);
	else
		app_message(a, STYLE_ERROR, "%s", reason.len ? sb_str(&reason) : yj_status_message(rc));
	if (why)
		sb_append(why, sb_str(&reason));
	sb_free(&reason);
	app_reload(a);
	return rc;
}

/* ---- dialogs ---- */

void
app_prompt(struct app *a, const char *title, const char *initial,
	   void (*done)(struct app *, void *, const char *), void *ctx)
{
	struct prompt_args args = {title, initial, done, ctx};

	app_push(a, &prompt_view, &args);
}

void
app_confirm(struct app *a, const char *title, const char *text,
	    void (*done)(struct app *, void *, bool), void *ctx)
{
	struct confirm_args args = {title, text, done, ctx};

	app_push(a, &confirm_view, &args);
}

void
app_pick(struct app *a, const char *title, const char *const *items, size_t n, size_t sel,
	 void (*done)(struct app *, void *, int), void *ctx)
{
	struct pick_args args = {title, items, n, sel, done, ctx};

	app_push(a, &pick_view, &args);
}

/* ---- keys and requests ---- */

static unsigned
generic_request(struct app *a, enum tui_request rq)
{
	switch (rq) {
	case TUI_REQ_HELP:
		app_push(a, &help_view, NULL);
		return REACT_REDRAW;
	case TUI_REQ_QUIT:
		return REACT_QUIT;
	case TUI_REQ_BACK:
		return a->n_views > 1 ? REACT_BACK : REACT_QUIT;
	case TUI_REQ_CANCEL:
		return a->n_views > 1 ? REACT_BACK : REACT_NONE;
	case TUI_REQ_REFRESH:
		app_reload(a);
		return REACT_REDRAW | REACT_FULL;
	default:
		return mode_drill_request(a, rq);
	}
}

static unsigned
dispatch(struct app *a, struct view *v, int key)
{
	char name[32];
	enum tui_request rq;
	unsigned r;

	a->last_request = TUI_REQ_NONE;
	a->last_handled = false;
	if (v->ops->key) {
		r = v->ops->key(v, a, key);
		if (!(r & REACT_UNHANDLED)) {
			a->last_handled = true;
			return r;
		}
	}
	/* Replaying: the replay's own keys, and no request that would write. */
	if (a->replay) {
		r = replay_key(a, v, key);
		if (!(r & REACT_UNHANDLED)) {
			a->last_handled = true;
			return r;
		}
	}
	rq = keymap_lookup(a->keys, v->ops->name, key);
	a->last_request = rq;
	r = rq == TUI_REQ_NONE ? REACT_UNHANDLED : v->ops->request(v, a, rq);
	if (r & REACT_UNHANDLED)
		r = generic_request(a, rq);
	if (!(r & REACT_UNHANDLED)) {
		a->last_handled = true;
		return r;
	}
	keys_name(key, name, sizeof(name));
	if (rq == TUI_REQ_NONE)
		app_message(a, STYLE_ERROR, _("%s does nothing here; ? lists the keys"), name);
	else
		app_message(a, STYLE_ERROR, _("%s (%s) does nothing here"), name,
			    tui_request_name(rq));
	return REACT_STATUS;
}

static unsigned
too_small_key(struct app *a, int key)
{
	enum tui_request rq = keymap_lookup(a->keys, "generic", key);

	a->last_request = rq;
	a->last_handled = rq == TUI_REQ_QUIT || rq == TUI_REQ_BACK;
	return a->last_handled ? REACT_QUIT : REACT_NONE;
}

unsigned
app_key(struct app *a, int key)
{
	struct view *v = app_top(a);
	unsigned r;

	if (a->too_small)
		return too_small_key(a, key);
	if (!v)
		return REACT_QUIT;
	sb_reset(&a->message);
	r = dispatch(a, v, key);
	if (r & REACT_BACK) {
		/* Close the view that asked, not whatever it opened meanwhile. */
		for (size_t i = a->n_views; i > 0; i--)
			if (a->views[i - 1] == v) {
				while (a->n_views >= i)
					app_pop(a);
				break;
			}
		r |= REACT_REDRAW;
	}
	if (r & REACT_RELOAD)
		app_reload(a);
	if (!a->n_views)
		r |= REACT_QUIT;
	return r | REACT_STATUS;
}

void
app_resize(struct app *a, int rows, int cols)
{
	a->rows = rows;
	a->cols = cols;
	a->too_small = rows < APP_MIN_ROWS || cols < APP_MIN_COLS;
}

unsigned
app_tick(struct app *a)
{
	/* A drill first: an inject it delivers is in the database read next. */
	unsigned r = mode_drill_tick(a);
	int64_t version = store_data_version(engine_store(a->engine));
	int64_t now = engine_now(a->engine);

	if (a->replay)
		return replay_tick(a);
	if (version != a->data_version) {
		app_reload(a);
		return r | REACT_REDRAW;
	}
	/* Countdowns move once a second, no more. */
	if (now / 1000 != a->now_ms / 1000) {
		a->now_ms = now;
		if (a->iv)
			incident_set_now(a->iv->st, now);
		if (a->whole)
			incident_set_now(a->whole->st, now);
		r |= REACT_REDRAW;
	}
	a->now_ms = now;
	return r;
}

static void
draw_too_small(struct app *a)
{
	char msg[128];
	int row = a->rows / 2;

	draw_erase();
	snprintf(msg, sizeof(msg), _("yingji needs at least %dx%d (now %dx%d)"), APP_MIN_COLS,
		 APP_MIN_ROWS, a->cols, a->rows);
	draw_text(row > 0 ? row - 1 : 0, 0, a->cols, STYLE_ERROR, msg);
	if (a->rows > 1)
		draw_text(row, 0, a->cols, STYLE_NORMAL, _("enlarge the window, or press q to quit"));
}

void
app_draw(struct app *a)
{
	size_t base = a->n_views;
	const struct view *top = app_top(a);

	if (a->too_small) {
		draw_too_small(a);
		return;
	}
	draw_erase();
	/* From the topmost screen that is not an overlay, up. */
	while (base > 0 && a->views[base - 1]->ops->overlay)
		base--;
	if (base)
		base--;
	for (size_t i = base; i < a->n_views; i++) {
		struct view *v = a->views[i];

		v->row = 0;
		v->col = 0;
		v->rows = a->rows - CHROME_BOTTOM_ROWS;
		v->cols = a->cols;
		draw_cursor_hide();
		v->ops->draw(v, a);
	}
	chrome_bottom(a, top);
}
