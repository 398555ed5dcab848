/*
 * A long text shown a screenful at a time, scrolled by the moving keys: the
 * report preview and a drill's score.  The owner renders the text (again
 * when the width changes) and draws the title; the pager keeps the lines and
 * where the screen is in them.
 */
#ifndef YINGJI_TUI_PAGER_H
#define YINGJI_TUI_PAGER_H

#include <stddef.h>

#include "tui/request.h"
#include "tui/wrap.h"

struct pager {
	struct wrapped lines;
	int width;		/* the lines were wrapped at */
	size_t top;		/* the first line shown */
	int height;		/* lines shown at the last draw */
};

/* Replace the text, wrapped at `cols` columns. */
void pager_set(struct pager *p, const char *text, int cols);
void pager_free(struct pager *p);
/* Fit the window to `rows` lines: *first and *last (1-based; 0 when empty) are what shows. */
void pager_fit(struct pager *p, int rows, size_t *first, size_t *last);
/* Draw the lines in view from screen row `row`, column `col`, `cols` wide (after pager_fit). */
void pager_draw(const struct pager *p, int row, int col, int cols);
/* The moving requests (and Enter: a line down); REACT_UNHANDLED for others. */
unsigned pager_request(struct pager *p, enum tui_request rq);

#endif
