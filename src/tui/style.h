/*
 * Named styles: every piece of the screen is drawn in one of these, never in
 * a raw colour.  Colour (8 colours), 256-colour and monochrome are three
 * mappings of the same table, chosen once at start: NO_COLOR (set and not
 * empty) or a terminal without colours selects monochrome, where bold,
 * reverse and underline stand in for colour.
 */
#ifndef YINGJI_TUI_STYLE_H
#define YINGJI_TUI_STYLE_H

#include <stdbool.h>

/* Colour numbers as terminals know them; STYLE_DEFAULT is the terminal's own. */
enum {
	STYLE_DEFAULT = -1,
	STYLE_BLACK = 0,
	STYLE_RED,
	STYLE_GREEN,
	STYLE_YELLOW,
	STYLE_BLUE,
	STYLE_MAGENTA,
	STYLE_CYAN,
	STYLE_WHITE,
};

/* Attributes, independent of curses (tui/draw.c maps them). */
enum {
	STYLE_A_BOLD = 1,
	STYLE_A_REVERSE = 2,
	STYLE_A_UNDERLINE = 4,
	STYLE_A_DIM = 8,
};

#define B STYLE_A_BOLD
#define R STYLE_A_REVERSE
#define U STYLE_A_UNDERLINE
#define D STYLE_A_DIM
#define NO STYLE_DEFAULT
/*
 * X(ID, "name", fg, bg, attrs (8 colours), fg, bg, attrs (256 colours), attrs (monochrome))
 * 橙色 (orange) has no colour of its own among the 8: it borrows yellow with
 * red text there, and is the true orange 208 where 256 colours exist.
 */
#define TUI_STYLE_TABLE(X) \
	X(NORMAL, "normal", NO, NO, 0, NO, NO, 0, 0) \
	X(HEADER, "header", STYLE_WHITE, STYLE_BLUE, B, 231, 24, B, R | B) \
	X(STATUS, "status", STYLE_BLACK, STYLE_CYAN, 0, 16, 152, 0, R) \
	X(HINT, "hint", NO, NO, 0, 246, NO, 0, 0) \
	X(KEY, "key", STYLE_YELLOW, NO, B, 220, NO, B, B) \
	X(TITLE, "title", STYLE_CYAN, NO, 0, 74, NO, 0, U) \
	X(TITLE_FOCUS, "title-focus", STYLE_BLACK, STYLE_CYAN, B, 16, 74, B, R | B) \
	X(SELECTED, "selected", STYLE_BLACK, STYLE_CYAN, 0, 16, 153, 0, R) \
	X(SELECTED_DIM, "selected-unfocused", NO, NO, B, NO, 238, 0, U) \
	X(DONE, "done", STYLE_GREEN, NO, 0, 71, NO, 0, 0) \
	X(CURRENT, "current", STYLE_YELLOW, NO, B, 214, NO, B, B | U) \
	X(DIM, "dim", NO, NO, D, 245, NO, 0, D) \
	X(LABEL, "label", STYLE_CYAN, NO, 0, 110, NO, 0, 0) \
	X(LEVEL_RED, "level-red", STYLE_WHITE, STYLE_RED, B, 231, 160, B, R | B) \
	X(LEVEL_ORANGE, "level-orange", STYLE_RED, STYLE_YELLOW, B, 16, 208, B, R) \
	X(LEVEL_YELLOW, "level-yellow", STYLE_BLACK, STYLE_YELLOW, 0, 16, 226, 0, B | U) \
	X(LEVEL_BLUE, "level-blue", STYLE_WHITE, STYLE_BLUE, B, 231, 27, B, U) \
	X(LEVEL_GREEN, "level-green", STYLE_BLACK, STYLE_GREEN, 0, 16, 34, 0, U) \
	X(LEVEL_PURPLE, "level-purple", STYLE_WHITE, STYLE_MAGENTA, 0, 231, 91, 0, U) \
	X(LEVEL_GREY, "level-grey", STYLE_BLACK, STYLE_WHITE, 0, 16, 248, 0, U) \
	X(LEVEL_WHITE, "level-white", STYLE_BLACK, STYLE_WHITE, 0, 16, 231, 0, U) \
	X(LEVEL_NONE, "level-none", NO, NO, D, 245, NO, 0, D) \
	X(DEADLINE, "deadline", NO, NO, 0, NO, NO, 0, 0) \
	X(DEADLINE_AMBER, "deadline-amber", STYLE_YELLOW, NO, B, 214, NO, B, B) \
	X(DEADLINE_RED, "deadline-red", STYLE_RED, NO, B, 196, NO, B, R | B) \
	X(DEADLINE_MET, "deadline-met", STYLE_GREEN, NO, 0, 71, NO, 0, 0) \
	X(DRILL, "drill-banner", STYLE_BLACK, STYLE_MAGENTA, B, 16, 213, B, R | B) \
	X(ERROR, "error", STYLE_RED, NO, B, 196, NO, B, B) \
	X(MESSAGE, "message", STYLE_GREEN, NO, B, 114, NO, 0, B) \
	X(INPUT, "input", NO, NO, U, 252, 236, 0, U) \
	X(INPUT_FOCUS, "input-focus", STYLE_BLACK, STYLE_WHITE, 0, 16, 254, 0, R) \
	X(INVALID, "invalid", STYLE_WHITE, STYLE_RED, B, 231, 124, B, R | U) \
	X(BORDER, "border", STYLE_CYAN, NO, 0, 74, NO, 0, 0) \
	X(PLACEHOLDER, "placeholder", STYLE_MAGENTA, NO, 0, 176, NO, 0, U)

enum tui_style {
#define STYLE_ENUM(id, name, f8, b8, a8, f256, b256, a256, mono) STYLE_##id,
	TUI_STYLE_TABLE(STYLE_ENUM)
#undef STYLE_ENUM
	STYLE_COUNT
};

#undef B
#undef R
#undef U
#undef D
#undef NO

/* How styles become terminal attributes. */
enum style_mode { STYLE_MODE_MONO, STYLE_MODE_8, STYLE_MODE_256 };

struct style_spec {
	const char *name;
	short fg, bg;
	unsigned attrs;
};

/* The mode for a terminal with `colors` colours, honouring NO_COLOR. */
enum style_mode style_pick_mode(int colors);
/* What style s looks like in mode m. */
struct style_spec style_get(enum tui_style s, enum style_mode m);
const char *style_name(enum tui_style s);
/* The style named `name`; false when there is none. */
bool style_from_name(const char *name, enum tui_style *out);

#endif
