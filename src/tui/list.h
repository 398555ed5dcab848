/*
 * A scrolling list with a selection: what every pane of lines shares.  Rows
 * a list cannot select (section titles) are skipped when moving.
 */
#ifndef YINGJI_TUI_LIST_H
#define YINGJI_TUI_LIST_H

#include <stdbool.h>
#include <stddef.h>

#include "tui/request.h"

struct list {
	size_t n;		/* rows */
	size_t sel;		/* the selected row */
	size_t top;		/* the first row shown */
	size_t height;		/* rows shown, as last drawn */
	/* Whether row i can be selected; NULL: every row. */
	bool (*selectable)(const void *ctx, size_t i);
	const void *ctx;
};

/* Change the number of rows, keeping the selection in range and selectable. */
void list_set_count(struct list *l, size_t n);
/* Show `height` rows: scroll so that the selection is among them. */
void list_show(struct list *l, size_t height);
void list_select(struct list *l, size_t i);
/* Moves (up, down, page, first, last): REACT_REDRAW, else REACT_UNHANDLED. */
unsigned list_request(struct list *l, enum tui_request rq);
/* Show the last rows (a timeline, newest at the bottom). */
void list_select_last(struct list *l);

#endif
