/*
 * The console's state shared by every view: the engine, the key bindings,
 * the stack of open views, the incident being worked (folded), the message
 * line, and the clock as last read.  Views act through app_submit(), which
 * hands a request to the engine exactly as the command line does.
 */
#ifndef YINGJI_TUI_APP_H
#define YINGJI_TUI_APP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/request.h"
#include "engine/engine.h"
#include "tui/keys.h"
#include "tui/style.h"
#include "tui/tui.h"
#include "tui/view.h"
#include "util/strbuf.h"

struct drill_mode;

enum { APP_MAX_VIEWS = 12, APP_MIN_ROWS = 24, APP_MIN_COLS = 80 };

struct app {
	const struct tui_opts *opts;
	struct engine *engine;
	struct keymap *keys;

	struct view *views[APP_MAX_VIEWS];
	size_t n_views;

	int64_t incident_id;		/* the incident being worked; 0 on the board */
	struct incident_view *iv;	/* it, folded at now_ms, from its newest snapshot */
	struct incident_view *whole;	/* the same with the whole journal, once asked for */
	struct entry *page;		/* timeline entries before iv's own (app_timeline_entry) */
	size_t n_page;
	int64_t data_version;		/* PRAGMA data_version when last folded */
	int64_t now_ms;
	/* Replay mode (tui/mode_replay.h): the incident as it stood at one entry; NULL when live. */
	struct replay *replay;

	int rows, cols;
	bool too_small;

	struct strbuf message;		/* one line under the views; cleared by the next key */
	enum tui_style message_style;

	struct drill_mode *drill;	/* `yingji drill` (tui/mode_drill.h); NULL otherwise */

	/* The last key's request and whether a view or the console acted on it (tests). */
	enum tui_request last_request;
	bool last_handled;
};

struct app *app_new(const struct tui_opts *o, struct engine *e, struct keymap *km);
void app_free(struct app **a);

/* ---- the view stack ---- */

/* Open a view on top; `arg` is passed to its open(). */
void app_push(struct app *a, const struct view_ops *ops, const void *arg);
/* Close the top view. */
void app_pop(struct app *a);
/* Close views until the top one is named `name` (false, and nothing closed, if none is). */
bool app_pop_to(struct app *a, const char *name);
struct view *app_top(struct app *a);
/* The view under `v` in the stack, or NULL. */
struct view *app_below(struct app *a, const struct view *v);

/* ---- the main loop's entry points ---- */

/* A key from the officer (or the script): returns reaction flags. */
unsigned app_key(struct app *a, int key);
/* The terminal's size changed (or is first known). */
void app_resize(struct app *a, int rows, int cols);
/* Time passed with no key: fold again if the database changed, move the clocks. */
unsigned app_tick(struct app *a);
/* Draw every visible view and the status lines. */
void app_draw(struct app *a);

/* ---- for the views ---- */

/* Work on incident `id`: fold it; false (with a message) when it cannot be read. */
bool app_open_incident(struct app *a, int64_t id);
void app_close_incident(struct app *a);
/* The incident being worked, folded now (in replay mode: as it stood at the
 * entry replayed); NULL on the board. */
const struct incident *app_incident(const struct app *a);
/*
 * The incident with its whole journal in st->entries, for the screens that
 * read all of it (the report, a briefing).  app_incident()'s state is folded
 * from its newest snapshot and holds only the entries since: opening an
 * incident costs the same however long its journal.
 */
const struct incident *app_incident_whole(struct app *a);
/*
 * The timeline of the incident being worked, up to its state: entry i
 * (from 0, oldest first) of app_timeline_count().  An entry the state does
 * not hold is read from the store with those near it (a page), so that the
 * pointer is good until the next call; NULL when it cannot be read.
 */
size_t app_timeline_count(const struct app *a);
const struct entry *app_timeline_entry(struct app *a, size_t i);
/* Fold again (the record changed) and let every view know. */
void app_reload(struct app *a);
/*
 * Submit a request on the incident being worked.  On success the message
 * says what was recorded (`what`) and the incident is folded again; on a
 * refusal the message holds the engine's reason, which is also left in `why`
 * (when not NULL) for the view to show in place.
 */
enum yj_status app_submit(struct app *a, const struct request *rq, const char *what,
			  struct strbuf *why);
void app_message(struct app *a, enum tui_style st, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The key bound to rq in `view`, as its name ("a", "<Enter>"); "" when none. */
void app_key_name(const struct app *a, const char *view, enum tui_request rq, char *buf,
		  size_t n);

/* ---- dialogs (overlay views); the callback runs after the dialog closed ---- */

/* Ask for a line of text; done() gets NULL when cancelled. */
void app_prompt(struct app *a, const char *title, const char *initial,
		void (*done)(struct app *a, void *ctx, const char *text), void *ctx);
/* Ask yes or no about `text` (several lines allowed). */
void app_confirm(struct app *a, const char *title, const char *text,
		 void (*done)(struct app *a, void *ctx, bool yes), void *ctx);
/* Pick one of n items; done() gets -1 when cancelled. */
void app_pick(struct app *a, const char *title, const char *const *items, size_t n, size_t sel,
	      void (*done)(struct app *a, void *ctx, int index), void *ctx);

#endif
