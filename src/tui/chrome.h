/*
 * What frames the views: the incident header (two rows), pane titles, and
 * the two bottom rows (the message or key hints, then the status line with
 * operator, database, journal head and the time).
 */
#ifndef YINGJI_TUI_CHROME_H
#define YINGJI_TUI_CHROME_H

#include <stdbool.h>

#include "core/playbook.h"
#include "tui/line.h"

struct app;
struct view;
struct incident;

enum { CHROME_HEADER_ROWS = 2, CHROME_BOTTOM_ROWS = 2 };

/* The header of every incident screen, on rows `row` and `row + 1`; `what`
 * names the screen ("Level", "Contacts"; NULL on the incident itself). */
void chrome_incident_header(struct app *a, int row, int cols, const char *what);
/* A pane's title row; the focused pane's stands out. */
void chrome_title(int row, int col, int cols, const char *title, bool focus);
/* A level badge (" Ⅳ级 " in the level's colour; "unconfirmed" when none). */
void chrome_level_badge(struct line *l, const struct incident *st, int level);
/* The same badge from a level's colour and label (the board's summary rows). */
void chrome_level_badge_as(struct line *l, enum pb_colour colour, const char *label);
/* The two bottom rows, for view `v` (whose hints are shown). */
void chrome_bottom(struct app *a, const struct view *v);

#endif
