/*
 * The incident view's own parts, shared by its two files: views/incident.c
 * (its state and requests) and views/incident_draw.c (its layout and panes).
 */
#ifndef YINGJI_TUI_VIEWS_INCIDENT_IMPL_H
#define YINGJI_TUI_VIEWS_INCIDENT_IMPL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/incident.h"
#include "tui/list.h"

struct app;
struct view;

enum pane { PANE_CHECKLIST, PANE_DEADLINES, PANE_TIMELINE, PANE_PHASES, PANE_COUNT };

struct area {
	int row, col, rows, cols;	/* rows includes the title row; 0 when hidden */
};

struct incident_priv {
	enum pane focus;
	struct list lists[PANE_COUNT];
	size_t *clocks;			/* the clocks shown, in order */
	size_t n_clocks;
	int phase;			/* the phase the checklist was set up for */
	bool wide;
	char pending[128];		/* the item a question is about, by id */
};

enum { WIDE_COLS = 120 };

/* The i-th clock the deadlines pane shows. */
const struct clock_state *incident_shown_clock(const struct incident_priv *p,
					       const struct incident *st, size_t i);
/* Rows of the phases pane: every visit, then where the current phase leads. */
size_t incident_phase_rows(const struct incident *st);
/* Draw the whole incident screen (views/incident_draw.c). */
void incident_draw(struct view *v, struct app *a);

#endif
