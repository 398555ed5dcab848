/*
 * A one-line text editor for forms and prompts.  The cursor moves over and
 * deletes whole characters (a character with any combining marks after it),
 * so Chinese text is never split; text wider than its box scrolls inside it.
 * Pure: no terminal here, so it is unit-tested directly.
 */
#ifndef YINGJI_TUI_EDIT_H
#define YINGJI_TUI_EDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "util/strbuf.h"

struct edit {
	struct strbuf text;	/* UTF-8, no control characters */
	size_t cursor;		/* byte offset, at a character boundary */
	size_t scroll;		/* the column shown first in the box */
};

/* Start with `text` (NULL: empty), the cursor at its end. */
void edit_init(struct edit *e, const char *text);
void edit_set(struct edit *e, const char *text);
void edit_free(struct edit *e);
const char *edit_text(const struct edit *e);
bool edit_empty(const struct edit *e);
/*
 * Apply a key (tui/keys.h): text is inserted at the cursor; Left, Right,
 * Home (^A), End (^E), Backspace, Delete (^D), ^U (to the start), ^K (to the
 * end) and ^W (the word before) edit.  False when the key is not an editing key.
 */
bool edit_key(struct edit *e, int key);
/*
 * The part of the text that shows in a box `cols` columns wide, padded to
 * exactly `cols`; "…" at an edge where the text goes on.  Returns the
 * cursor's column in the box.
 */
size_t edit_view(struct edit *e, size_t cols, struct strbuf *out);

#endif
