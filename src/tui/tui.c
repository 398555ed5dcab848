/*
 * The console's main loop.  While no key comes it wakes every 250 ms to ask
 * the database whether another console or the command line wrote (PRAGMA
 * data_version) and to move the countdowns once a second; otherwise it
 * sleeps in the terminal read, so an idle console costs next to nothing.  A
 * replay that plays wakes it sooner, just when the next entry is due.
 */
#include "config.h"

#include "engine/engine.h"
#include "io/startuptime.h"
#include "tui/app.h"
#include "tui/clock.h"
#include "tui/display.h"
#include "tui/i18n.h"
#include "tui/keys.h"
#include "tui/loop.h"
#include "tui/mode_drill.h"
#include "tui/mode_replay.h"
#include "tui/script.h"
#include "tui/tui.h"
#include "tui/views/views.h"
#include "util/fileio.h"
#include "util/strbuf.h"

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { POLL_MS = 250 };
/* A bindings file is a few kilobytes; a bigger one is not one. */
#define KEYS_MAX ((size_t)1 << 20)

void
loop_redraw(struct app *a, bool full)
{
	app_draw(a);
	display_update(full);
	/* --startuptime: every frame, so that make bench times a view opening too. */
	startuptime_mark("frame");
}

static bool
react(struct app *a, unsigned r)
{
	if (r & REACT_QUIT)
		return false;
	if (r & (REACT_REDRAW | REACT_STATUS | REACT_FULL))
		loop_redraw(a, (r & REACT_FULL) != 0);
	return true;
}

bool
loop_key(struct app *a, int key)
{
	return react(a, app_key(a, key));
}

bool
loop_tick(struct app *a)
{
	return react(a, app_tick(a));
}

bool
loop_resize(struct app *a, int rows, int cols)
{
	app_resize(a, rows, cols);
	return react(a, REACT_REDRAW);
}

static void
interactive(struct app *a, int *signo)
{
	bool go = true;

	loop_redraw(a, false);
	/* --startuptime: the board's first complete frame is on the terminal. */
	startuptime_mark("first frame");
	while (go) {
		int key = display_read_key(replay_wait_ms(a, POLL_MS));

		*signo = display_pending_signal();
		if (*signo)
			break;
		if (key == TUI_KEY_NONE) {
			go = loop_tick(a);
		} else if (key == TUI_KEY_RESIZE) {
			int rows, cols;

			display_size(&rows, &cols);
			go = loop_resize(a, rows, cols);
		} else {
			go = loop_key(a, key);
		}
	}
}

/* The officer's bindings file, over the defaults already in km. */
static enum yj_status
load_user_keys(const struct tui_opts *o, struct keymap *km, struct diag_list *dl,
	       struct strbuf *why)
{
	struct diag_list io = {0};
	struct stat st;
	enum yj_status rc;
	char *text;
	size_t len;

	/* No file at the default place is the usual case: the defaults alone. */
	if (!o->keys_required && stat(o->keys_path, &st) != 0 &&
	    (errno == ENOENT || errno == ENOTDIR))
		return YJ_OK;
	rc = file_read_all(o->keys_path, KEYS_MAX, &text, &len, &io);
	if (rc != YJ_OK) {
		sb_printf(why, "key bindings %s: %s", o->keys_path, io.items[0].message);
		diag_list_clear(&io);
		return rc;
	}
	if (strlen(text) != len) {
		diag_add(dl, DIAG_ERROR, o->keys_path, 0, 0, "not a text file (it holds a NUL byte)");
		rc = YJ_ERR_DATA;
	} else if (!keymap_load(km, text, o->keys_path, view_names(), dl)) {
		rc = YJ_ERR_DATA;
	}
	free(text);
	if (rc != YJ_OK)
		sb_printf(why, "%s: the console does not start with bad key bindings",
			  o->keys_path);
	return rc;
}

static enum yj_status
load_keys(const struct tui_opts *o, struct keymap *km, struct diag_list *diags,
	  struct strbuf *why)
{
	struct diag_list dl = {0};

	if (!keymap_load(km, tui_builtin_keys, "default.keys", view_names(), &dl)) {
		sb_printf(why, "the built-in key bindings are broken: line %d: %s",
			  dl.items[0].line, dl.items[0].message);
		diag_list_clear(&dl);
		return YJ_ERR_INTERNAL;
	}
	return o->keys_path ? load_user_keys(o, km, diags, why) : YJ_OK;
}

/* Chinese needs a UTF-8 locale; a session without one (LANG unset over SSH) gets C.UTF-8. */
static void
ensure_utf8(void)
{
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
}

static enum yj_status
run(const struct tui_opts *o, struct engine *e, struct keymap *km, int *signo,
    struct strbuf *why)
{
	struct display_opts d = {o->script != NULL, o->rows, o->cols};
	struct app *a;
	enum yj_status rc = display_open(&d, why);
	int rows, cols;

	if (rc != YJ_OK)
		return rc;
	a = app_new(o, e, km);
	display_size(&rows, &cols);
	app_resize(a, rows, cols);
	/* `yingji drill SCENARIO` opens on the new drill; `yingji replay ID` on the
	 * replay alone, and leaving it leaves the console. */
	if (o->drill) {
		rc = mode_drill_start(a, o->drill, why);
	} else if (!o->replay_id) {
		app_push(a, &board_view, NULL);
	} else if (!replay_start(a, o->replay_id, o->replay_speed)) {
		rc = YJ_ERR_NOINPUT;
		sb_append(why, sb_str(&a->message));
	}
	if (rc == YJ_OK && o->contacts_shared)
		app_message(a, STYLE_ERROR, _("other users can read the local contacts file "
					      "(chmod 600 %s)"), o->contacts_shared);
	if (rc == YJ_OK && o->script)
		rc = script_run(a, o->script, o->out, why);
	else if (rc == YJ_OK)
		interactive(a, signo);
	mode_drill_free(a);
	app_free(&a);
	display_close();
	return rc;
}

enum yj_status
tui_run(const struct tui_opts *o, int *signo, struct diag_list *diags, struct strbuf *why)
{
	struct yj_clock clock;
	struct engine_opts eo = {o->db, o->operator_name, &clock, true, false};
	struct engine *e = NULL;
	struct keymap *km = keymap_new();
	enum yj_status rc;

	*signo = 0;
	ensure_utf8();
	tui_clock_init(&clock, o->clock);
	rc = load_keys(o, km, diags, why);
	if (rc == YJ_OK)
		rc = engine_open(&eo, &e, why);
	if (rc == YJ_OK)
		rc = run(o, e, km, signo, why);
	engine_close(&e);
	keymap_free(&km);
	return rc;
}
