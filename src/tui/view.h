/*
 * Views: each screen of the console is a small table of operations and one
 * line in TUI_VIEW_TABLE (tig's view.h).  Handlers never call curses: they
 * draw through tui/draw.h and return reaction flags, which only the main
 * loop (tui/tui.c) turns into screen updates (htop's Htop_Reaction).
 */
#ifndef YINGJI_TUI_VIEW_H
#define YINGJI_TUI_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "tui/request.h"

struct app;
struct view;

/* What a handler asks the main loop to do. */
enum {
	REACT_NONE = 0,
	REACT_REDRAW = 1 << 0,		/* draw the views again */
	REACT_STATUS = 1 << 1,		/* the message or the status line changed */
	REACT_RELOAD = 1 << 2,		/* the record changed: fold again, refresh every view */
	REACT_BACK = 1 << 3,		/* close this view */
	REACT_QUIT = 1 << 4,		/* leave the console */
	REACT_FULL = 1 << 5,		/* repaint every cell of the terminal */
	REACT_UNHANDLED = 1 << 6,	/* not for this view: try the bindings / generic */
};

struct view_ops {
	const char *name;		/* as bindings name it */
	size_t private_size;		/* zeroed, freed with the view */
	bool overlay;			/* drawn over the view below it */
	bool text_input;		/* takes typed text and the editing keys itself */
	const enum tui_request *hints;	/* for the key line; ends with TUI_REQ_NONE */
	/* Every request the view acts on (the help screen lists their keys); ends with NONE. */
	const enum tui_request *requests;
	/* Set up; `arg` is the view's own argument struct (may be NULL). */
	void (*open)(struct view *v, struct app *a, const void *arg);
	void (*draw)(struct view *v, struct app *a);
	/* A key before the bindings see it (text input); may be NULL. */
	unsigned (*key)(struct view *v, struct app *a, int key);
	unsigned (*request)(struct view *v, struct app *a, enum tui_request rq);
	/* The record changed under the view (another console, the CLI, this one). */
	void (*refresh)(struct view *v, struct app *a);
	/* Free what open() took; may be NULL. */
	void (*done)(struct view *v, struct app *a);
};

struct view {
	const struct view_ops *ops;
	void *priv;
	int row, col, rows, cols;	/* where it draws (overlays choose within it) */
};

/* One line per view: its ops are `NAME_view`, defined in tui/views/NAME.c. */
#define TUI_VIEW_TABLE(X) \
	X(board) \
	X(incident) \
	X(form) \
	X(decisions) \
	X(level) \
	X(contacts) \
	X(report) \
	X(score) \
	X(roles) \
	X(briefing) \
	X(help) \
	X(prompt) \
	X(confirm) \
	X(pick)

#define VIEW_DECLARE(name) extern const struct view_ops name##_view;
TUI_VIEW_TABLE(VIEW_DECLARE)
#undef VIEW_DECLARE

/* The views' names, NULL-terminated (the bindings may name any of them). */
const char *const *view_names(void);
/* Whether the view named `name` takes typed text (its text keys are not commands). */
bool view_text_input(const char *name);
/* Whether a view that takes text keeps `key` for itself (tui/edit.h and field moves). */
bool view_keeps_key(int key);

#endif
