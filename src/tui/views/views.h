/*
 * What views pass each other: the argument of each view's open(), and the
 * few calls one view makes into another (the decisions screen taking the
 * officer to a missing checklist item, for one).
 */
#ifndef YINGJI_TUI_VIEWS_VIEWS_H
#define YINGJI_TUI_VIEWS_VIEWS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct app;
struct score;
struct view;

struct incident_args {
	int64_t id;
};

enum form_mode {
	FORM_INTAKE,	/* a new report: title and the start phase's fields */
	FORM_FIELDS,	/* fields of the incident being worked, this phase's first */
};

struct form_args {
	enum form_mode mode;
	const char *focus;		/* field id to start on, or NULL */
	const char *const *only;	/* FORM_FIELDS: just these fields (NULL: all) */
	size_t n_only;
	const char *title;		/* NULL: the mode's own */
};

struct roles_args {
	const char *party;		/* select this role, unit or group; NULL: the first */
};

struct contacts_args {
	const char *contact;		/* select this contact (id); NULL: the first */
};

struct briefing_args {
	const char *party;		/* the role handed over (NULL: command, the first role) */
	const char *person;		/* the incoming officer */
};

struct score_args {
	struct score *score;		/* a drill's score; the view owns it from here */
};

struct prompt_args {
	const char *title, *initial;
	void (*done)(struct app *a, void *ctx, const char *text);
	void *ctx;
};

struct confirm_args {
	const char *title, *text;
	void (*done)(struct app *a, void *ctx, bool yes);
	void *ctx;
};

struct pick_args {
	const char *title;
	const char *const *items;
	size_t n, sel;
	void (*done)(struct app *a, void *ctx, int index);
	void *ctx;
};

/* The entry selected on an incident view's timeline, when that pane has the
 * focus (the one a reviewer's annotation is about); 0 otherwise. */
int64_t incident_timeline_seq(const struct view *v, const struct app *a);
/* Select checklist item `item` (of the current phase) in an incident view. */
void incident_focus_item(struct view *v, struct app *a, const char *item);

#endif
