/* The one-line editor (see tui/edit.h). */
#include "config.h"

#include "tui/edit.h"
#include "tui/keys.h"
#include "util/text.h"

#include <string.h>

void
edit_init(struct edit *e, const char *text)
{
	memset(e, 0, sizeof(*e));
	edit_set(e, text);
}

void
edit_set(struct edit *e, const char *text)
{
	sb_reset(&e->text);
	/* Typed text never holds control characters; neither does text put here. */
	text_sanitize(&e->text, text ? text : "", 0);
	e->cursor = e->text.len;
	e->scroll = 0;
}

void
edit_free(struct edit *e)
{
	sb_free(&e->text);
}

const char *
edit_text(const struct edit *e)
{
	return sb_str(&e->text);
}

bool
edit_empty(const struct edit *e)
{
	return e->text.len == 0;
}

static uint32_t
cp_at(const struct edit *e, size_t off, size_t *len)
{
	uint32_t cp;

	*len = text_decode(e->text.buf + off, e->text.len - off, &cp);
	return cp;
}

/* The start of the code point before `off`. */
static size_t
prev_cp(const struct edit *e, size_t off)
{
	while (off > 0) {
		off--;
		if (((unsigned char)e->text.buf[off] & 0xc0) != 0x80)
			break;
	}
	return off;
}

/* The start of the character before `off` (a base and its combining marks). */
static size_t
prev_char(const struct edit *e, size_t off)
{
	size_t len;

	off = prev_cp(e, off);
	while (off > 0 && text_cp_width(cp_at(e, off, &len)) == 0)
		off = prev_cp(e, off);
	return off;
}

/* The end of the character at `off`. */
static size_t
next_char(const struct edit *e, size_t off)
{
	size_t len;

	if (off >= e->text.len)
		return off;
	cp_at(e, off, &len);
	off += len;
	while (off < e->text.len && text_cp_width(cp_at(e, off, &len)) == 0)
		off += len;
	return off;
}

static void
delete_range(struct edit *e, size_t from, size_t to)
{
	memmove(e->text.buf + from, e->text.buf + to, e->text.len - to + 1);
	e->text.len -= to - from;
	e->cursor = from;
}

static void
insert_cp(struct edit *e, uint32_t cp)
{
	char u[5] = {0};
	size_t n;

	if (cp < 0x80) {
		u[0] = (char)cp;
	} else if (cp < 0x800) {
		u[0] = (char)(0xc0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3f));
	} else if (cp < 0x10000) {
		u[0] = (char)(0xe0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
	} else {
		u[0] = (char)(0xf0 | (cp >> 18));
		u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (char)(0x80 | (cp & 0x3f));
	}
	n = strlen(u);
	sb_append_n(&e->text, u, n);	/* grow by n, then shift the tail */
	memmove(e->text.buf + e->cursor + n, e->text.buf + e->cursor, e->text.len - n - e->cursor);
	memcpy(e->text.buf + e->cursor, u, n);
	e->cursor += n;
}

static void
delete_word(struct edit *e)
{
	size_t from = e->cursor;

	while (from > 0 && e->text.buf[from - 1] == ' ')
		from--;
	while (from > 0 && e->text.buf[from - 1] != ' ')
		from = prev_char(e, from);
	delete_range(e, from, e->cursor);
}

bool
edit_key(struct edit *e, int key)
{
	if (keys_is_text(key)) {
		insert_cp(e, (uint32_t)key);
		return true;
	}
	switch (key) {
	case TUI_KEY_LEFT:
		e->cursor = prev_char(e, e->cursor);
		return true;
	case TUI_KEY_RIGHT:
		e->cursor = next_char(e, e->cursor);
		return true;
	case TUI_KEY_HOME:
	case TUI_CTRL('A'):
		e->cursor = 0;
		return true;
	case TUI_KEY_END:
	case TUI_CTRL('E'):
		e->cursor = e->text.len;
		return true;
	case TUI_KEY_BACKSPACE:
		delete_range(e, prev_char(e, e->cursor), e->cursor);
		return true;
	case TUI_KEY_DELETE:
	case TUI_CTRL('D'):
		delete_range(e, e->cursor, next_char(e, e->cursor));
		return true;
	case TUI_CTRL('U'):
		delete_range(e, 0, e->cursor);
		return true;
	case TUI_CTRL('K'):
		delete_range(e, e->cursor, e->text.len);
		return true;
	case TUI_CTRL('W'):
		delete_word(e);
		return true;
	default:
		return false;
	}
}

/* Columns of text[from, to). */
static size_t
width_of(const struct edit *e, size_t from, size_t to)
{
	size_t w = 0, len;

	for (size_t off = from; off < to; off += len)
		w += (size_t)text_cp_width(cp_at(e, off, &len));
	return w;
}

static void
adjust_scroll(struct edit *e, size_t cols, size_t cur, size_t total)
{
	if (cur < e->scroll)
		e->scroll = cur;
	/* Keep the cursor off the columns that show an ellipsis. */
	if (e->scroll > 0 && cur <= e->scroll)
		e->scroll = cur ? cur - 1 : 0;
	if (cur + 1 > e->scroll + cols)
		e->scroll = cur + 1 - cols;
	if (total > cur && cols > 1 && cur + 2 > e->scroll + cols)
		e->scroll = cur + 2 - cols;
	if (total + 1 <= cols)
		e->scroll = 0;
}

/* Append the columns [from, to) of the text; a wide character cut by an edge shows as blanks. */
static size_t
append_columns(const struct edit *e, size_t from, size_t to, struct strbuf *out)
{
	size_t col = 0, used = 0, len;

	for (size_t off = 0; off < e->text.len && col <= to; off += len) {
		size_t w = (size_t)text_cp_width(cp_at(e, off, &len));

		if (col + w <= from) {
			col += w;
			continue;
		}
		if (col < from || col + w > to) {
			for (size_t c = col < from ? from : col; c < col + w && c < to; c++, used++)
				sb_putc(out, ' ');
		} else {
			sb_append_n(out, e->text.buf + off, len);
			used += w;
		}
		col += w;
	}
	return used;
}

size_t
edit_view(struct edit *e, size_t cols, struct strbuf *out)
{
	size_t cur = width_of(e, 0, e->cursor), total = width_of(e, 0, e->text.len);
	size_t used = 0;
	bool left, right;

	if (cols == 0)
		return 0;
	adjust_scroll(e, cols, cur, total);
	left = e->scroll > 0 && cols > 1;
	right = total > e->scroll + cols && cols > 1;
	if (left) {
		sb_append(out, "\xe2\x80\xa6");
		used++;
	}
	used += append_columns(e, e->scroll + used, e->scroll + cols - (right ? 1 : 0), out);
	while (used < cols - (right ? 1 : 0)) {
		sb_putc(out, ' ');
		used++;
	}
	if (right)
		sb_append(out, "\xe2\x80\xa6");
	return cur - e->scroll;
}
