/*
 * Drawing on the screen: the only interface views have to the terminal.  It
 * takes styled lines (tui/line.h) and plain texts, always cut to the width
 * given, never splitting a double-width character; only this module and
 * tui/display.c call curses.
 */
#ifndef YINGJI_TUI_DRAW_H
#define YINGJI_TUI_DRAW_H

#include <stdbool.h>
#include <stddef.h>

#include "tui/line.h"
#include "tui/style.h"

struct strbuf;

/* Set up the colour pairs for a mode (after the screen is open). */
void draw_init_styles(enum style_mode mode);
enum style_mode draw_style_mode(void);

/* Blank the whole screen. */
void draw_erase(void);
/* Fill `w` columns of a row with spaces in a style. */
void draw_fill(int row, int col, int w, enum tui_style st);
/* Draw a line's spans from (row, col), cut to `w` columns, padding with `pad`. */
void draw_line(int row, int col, int w, const struct line *l, enum tui_style pad);
/* Draw text (sanitized here) cut to `w` columns with an ellipsis; returns the columns used. */
int draw_text(int row, int col, int w, enum tui_style st, const char *text);
/* A frame around a box (for overlays), with a title in its top edge. */
void draw_frame(int row, int col, int rows, int cols, const char *title);
/* Where the text cursor shows; hidden unless set during a redraw. */
void draw_cursor(int row, int col);
void draw_cursor_hide(void);
/* Show or hide the cursor as the last redraw asked (tui/display.c, before updating). */
void draw_place_cursor(void);

/* ---- reading the screen back (headless tests) ---- */

/* Append row `row` as text, double-width characters once, trailing blanks cut. */
void draw_dump_row(int row, struct strbuf *out);
/*
 * The text drawn from (row, col) spanning `cols` columns, and whether every
 * cell of it is drawn in style `st` (by colour pair; by attributes in
 * monochrome).
 */
void draw_read_cells(int row, int col, int cols, struct strbuf *text);
bool draw_cells_have_style(int row, int col, int cols, enum tui_style st);

#endif
