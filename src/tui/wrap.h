/*
 * Text cut into lines of at most N columns, for the report preview and the
 * dialogs.  Lines break at newlines, else at the last space when one is near,
 * else between any two characters (Chinese has no spaces); a double-width
 * character is never split.  The text is sanitized first.
 */
#ifndef YINGJI_TUI_WRAP_H
#define YINGJI_TUI_WRAP_H

#include <stddef.h>

struct wrapped {
	char **v;	/* owned lines */
	size_t n, cap;
};

/* Append the lines of `text` at `cols` columns to w. */
void wrap_text(struct wrapped *w, const char *text, size_t cols);
void wrap_free(struct wrapped *w);

#endif
