/*
 * Drawing through the wide-character curses API.  Styles become colour pairs
 * (pair = style + 1) in colour modes and bare attributes in monochrome, so a
 * view never branches on NO_COLOR.
 */
#include "config.h"

#include "tui/draw.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static enum style_mode mode = STYLE_MODE_MONO;
static int cursor_row = -1, cursor_col = -1;

static attr_t
curses_attrs(unsigned a)
{
	attr_t r = A_NORMAL;

	if (a & STYLE_A_BOLD)
		r |= A_BOLD;
	if (a & STYLE_A_REVERSE)
		r |= A_REVERSE;
	if (a & STYLE_A_UNDERLINE)
		r |= A_UNDERLINE;
	if (a & STYLE_A_DIM)
		r |= A_DIM;
	return r;
}

void
draw_init_styles(enum style_mode m)
{
	mode = m;
	if (m == STYLE_MODE_MONO)
		return;
	use_default_colors();
	for (int s = 0; s < STYLE_COUNT; s++) {
		struct style_spec sp = style_get((enum tui_style)s, m);

		init_pair((short)(s + 1), sp.fg, sp.bg);
	}
}

enum style_mode
draw_style_mode(void)
{
	return mode;
}

static void
set_style(enum tui_style st)
{
	struct style_spec sp = style_get(st, mode);

	attr_set(curses_attrs(sp.attrs), mode == STYLE_MODE_MONO ? 0 : (short)(st + 1), NULL);
}

void
draw_erase(void)
{
	attr_set(A_NORMAL, 0, NULL);
	erase();
	cursor_row = cursor_col = -1;
}

/* Columns the character drawn at (row, col) takes. */
static int
cell_width(int row, int col)
{
	cchar_t cc;
	wchar_t wch[CCHARW_MAX + 1] = {0};
	attr_t a;
	short p;

	if (mvin_wch(row, col, &cc) == ERR || getcchar(&cc, wch, &a, &p, NULL) == ERR)
		return 1;
	return wcwidth(wch[0]) == 2 ? 2 : 1;
}

/* Whether a double-width character straddles the boundary before `col`. */
static bool
straddles(int row, int col)
{
	int c = 0;

	if (col <= 0 || col >= getmaxx(stdscr))
		return false;
	while (c < col)
		c += cell_width(row, c);
	return c > col;
}

/*
 * Drawing over part of a double-width character (an overlay's edge over
 * Chinese text) would leave half of it, and the terminal would draw it whole,
 * over what was put next to it: blank such halves.  ncurses does not.
 */
static bool
clear_left_half(int row, int col, int w)
{
	bool right = straddles(row, col + w);

	if (straddles(row, col)) {
		attr_set(A_NORMAL, 0, NULL);
		mvaddch(row, col - 1, ' ');
	}
	return right;
}

static void
clear_right_half(int row, int end)
{
	attr_set(A_NORMAL, 0, NULL);
	mvaddch(row, end, ' ');
}

static void
fill(int row, int col, int w, enum tui_style st)
{
	set_style(st);
	for (int i = 0; i < w; i++)
		mvaddch(row, col + i, ' ');
}

void
draw_fill(int row, int col, int w, enum tui_style st)
{
	bool right = clear_left_half(row, col, w);

	fill(row, col, w, st);
	if (right)
		clear_right_half(row, col + w);
}

/*
 * Put sanitized, already fitted UTF-8 text at (row, col); with `edges`, first
 * blank the halves of double-width characters it would cut at either end.
 */
static void
put_text(int row, int col, const char *s, bool edges)
{
	size_t len = strlen(s), n = 0;
	wchar_t *ws = xcalloc(len + 1, sizeof(*ws));
	int w = 0;
	bool right;
	attr_t attrs;
	short pair;

	while (len) {
		uint32_t cp;
		size_t k = text_decode(s, len, &cp);

		/* Anything the terminal cannot print shows as U+FFFD, one column. */
		if (wcwidth((wchar_t)cp) < 0)
			cp = 0xfffd;
		w += wcwidth((wchar_t)cp);
		ws[n++] = (wchar_t)cp;
		s += k;
		len -= k;
	}
	attr_get(&attrs, &pair, NULL);
	right = edges && clear_left_half(row, col, w);
	attr_set(attrs, pair, NULL);
	mvaddnwstr(row, col, ws, (int)n);
	if (right)
		clear_right_half(row, col + w);
	free(ws);
}

static void
put_utf8(int row, int col, const char *s)
{
	put_text(row, col, s, true);
}

static int
text_at(int row, int col, int w, enum tui_style st, const char *text, bool edges)
{
	struct strbuf fit = STRBUF_INIT;
	size_t used;

	if (w <= 0)
		return 0;
	used = text_fit(&fit, text ? text : "", (size_t)w, false);
	set_style(st);
	put_text(row, col, sb_str(&fit), edges);
	sb_free(&fit);
	return (int)used;
}

int
draw_text(int row, int col, int w, enum tui_style st, const char *text)
{
	return text_at(row, col, w, st, text, true);
}

/*
 * A line covers all its w columns: only its two ends can cut a double-width
 * character, so they are looked at once, not at every span (finding where a
 * character starts reads the row from its first column).
 */
void
draw_line(int row, int col, int w, const struct line *l, enum tui_style pad)
{
	int used = 0;
	bool right;

	if (w <= 0)
		return;
	right = clear_left_half(row, col, w);
	for (size_t i = 0; i < l->n && used < w; i++) {
		/* A span that does not fit is cut with an ellipsis where the room ends. */
		used += text_at(row, col + used, w - used, l->v[i].style, l->v[i].text, false);
	}
	if (used < w)
		fill(row, col + used, w - used, pad);
	if (right)
		clear_right_half(row, col + w);
}

void
draw_frame(int row, int col, int rows, int cols, const char *title)
{
	struct strbuf edge = STRBUF_INIT;

	/* Box-drawing characters, not the ACS set: they read back as themselves. */
	set_style(STYLE_BORDER);
	for (int r = 0; r < rows; r++) {
		const char *l = r == 0 ? "┌" : r == rows - 1 ? "└" : "│";
		const char *rt = r == 0 ? "┐" : r == rows - 1 ? "┘" : "│";

		put_utf8(row + r, col, l);
		put_utf8(row + r, col + cols - 1, rt);
	}
	for (int c = 1; c < cols - 1; c++)
		sb_append(&edge, "─");
	put_utf8(row, col + 1, sb_str(&edge));
	put_utf8(row + rows - 1, col + 1, sb_str(&edge));
	sb_free(&edge);
	if (title && *title) {
		struct strbuf t = STRBUF_INIT;

		sb_printf(&t, " %s ", title);
		draw_text(row, col + 2, cols - 4, STYLE_TITLE_FOCUS, sb_str(&t));
		sb_free(&t);
	}
}

void
draw_cursor(int row, int col)
{
	cursor_row = row;
	cursor_col = col;
}

void
draw_cursor_hide(void)
{
	cursor_row = cursor_col = -1;
}

void
draw_place_cursor(void)
{
	if (cursor_row < 0) {
		curs_set(0);
		return;
	}
	move(cursor_row, cursor_col);
	curs_set(1);
}

/* ---- reading back ---- */

static void
utf8_put(struct strbuf *out, wchar_t wc)
{
	uint32_t c = (uint32_t)wc;

	if (c < 0x80) {
		sb_putc(out, (char)c);
	} else if (c < 0x800) {
		sb_putc(out, (char)(0xc0 | (c >> 6)));
		sb_putc(out, (char)(0x80 | (c & 0x3f)));
	} else if (c < 0x10000) {
		sb_putc(out, (char)(0xe0 | (c >> 12)));
		sb_putc(out, (char)(0x80 | ((c >> 6) & 0x3f)));
		sb_putc(out, (char)(0x80 | (c & 0x3f)));
	} else {
		sb_putc(out, (char)(0xf0 | (c >> 18)));
		sb_putc(out, (char)(0x80 | ((c >> 12) & 0x3f)));
		sb_putc(out, (char)(0x80 | ((c >> 6) & 0x3f)));
		sb_putc(out, (char)(0x80 | (c & 0x3f)));
	}
}

/* The character drawn at a cell (and its attributes); returns its width. */
static int
read_cell(int row, int col, struct strbuf *out, attr_t *attrs, short *pair)
{
	cchar_t cc;
	wchar_t wch[CCHARW_MAX + 1] = {0};
	attr_t a = 0;
	short p = 0;
	int w;

	if (mvin_wch(row, col, &cc) == ERR || getcchar(&cc, wch, &a, &p, NULL) == ERR) {
		sb_putc(out, ' ');
		return 1;
	}
	if (attrs)
		*attrs = a & (A_BOLD | A_REVERSE | A_UNDERLINE | A_DIM);
	if (pair)
		*pair = p;
	if (!wch[0]) {
		sb_putc(out, ' ');
		return 1;
	}
	for (int i = 0; wch[i]; i++)
		utf8_put(out, wch[i]);
	w = wcwidth(wch[0]);
	return w == 2 ? 2 : 1;
}

void
draw_dump_row(int row, struct strbuf *out)
{
	struct strbuf r = STRBUF_INIT;
	int cols = getmaxx(stdscr);

	for (int c = 0; c < cols;)
		c += read_cell(row, c, &r, NULL, NULL);
	while (r.len && r.buf[r.len - 1] == ' ')
		r.buf[--r.len] = '\0';
	sb_append(out, sb_str(&r));
	sb_free(&r);
}

void
draw_read_cells(int row, int col, int cols, struct strbuf *text)
{
	for (int c = col; c < col + cols && c < getmaxx(stdscr);)
		c += read_cell(row, c, text, NULL, NULL);
}

bool
draw_cells_have_style(int row, int col, int cols, enum tui_style st)
{
	struct style_spec sp = style_get(st, mode);
	struct strbuf junk = STRBUF_INIT;
	bool ok = true;

	for (int c = col; ok && c < col + cols && c < getmaxx(stdscr);) {
		attr_t a = 0;
		short p = 0;

		c += read_cell(row, c, &junk, &a, &p);
		if (mode == STYLE_MODE_MONO)
			ok = a == curses_attrs(sp.attrs);
		else
			ok = p == (short)(st + 1);
	}
	sb_free(&junk);
	return ok;
}
