/*
 * A screen line built as styled spans, then drawn once (tig's struct box,
 * htop's RichString).  Every span's text is sanitized when added: control
 * characters from data show as ^X and never reach the terminal raw.  Widths
 * are terminal columns, double-width characters counting 2.
 */
#ifndef YINGJI_TUI_LINE_H
#define YINGJI_TUI_LINE_H

#include <stdbool.h>
#include <stddef.h>

#include "tui/style.h"

struct span {
	enum tui_style style;
	char *text;		/* owned, sanitized UTF-8 */
	size_t width;
};

struct line {
	struct span *v;
	size_t n, cap;
	size_t width;		/* sum of the spans' widths */
};

#define LINE_INIT {NULL, 0, 0, 0}

/* Append text in a style (sanitized). */
void line_add(struct line *l, enum tui_style st, const char *text);
void line_addf(struct line *l, enum tui_style st, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Append text cut to `cols` columns with an ellipsis, padded to exactly `cols`. */
void line_add_fixed(struct line *l, enum tui_style st, const char *text, size_t cols);
/* Append text right-aligned in `cols` columns (cut with an ellipsis if longer). */
void line_add_right(struct line *l, enum tui_style st, const char *text, size_t cols);
/* Append spaces until the line is `col` columns wide (nothing if it already is). */
void line_pad_to(struct line *l, enum tui_style st, size_t col);
/* Give every span the style `st` (a selected line), but level badges, deadline
 * warnings and drill marks, which keep their own. */
void line_restyle(struct line *l, enum tui_style st);
void line_reset(struct line *l);
void line_free(struct line *l);

#endif
