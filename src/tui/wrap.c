/* Wrapping text by columns (see tui/wrap.h). */
#include "config.h"

#include "tui/wrap.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

static void
push(struct wrapped *w, const char *s, size_t len)
{
	w->v = xgrow(w->v, &w->cap, w->n + 1, sizeof(*w->v));
	w->v[w->n++] = xstrndup(s, len);
}

/*
 * Chinese punctuation that closes or pauses (，。、；：？！ and closing
 * brackets and quotes) never starts a line (避头点): the character before it
 * goes down with it.
 */
static bool
no_line_start(const char *s, size_t len)
{
	static const uint32_t marks[] = {0xFF0C, 0x3002, 0x3001, 0xFF1B, 0xFF1A, 0xFF1F, 0xFF01,
					 0xFF09, 0x300B, 0x300D, 0x300F, 0x3011, 0x201D, 0x2019,
					 0x2026};
	uint32_t cp;

	text_decode(s, len, &cp);
	for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
		if (cp == marks[i])
			return true;
	return false;
}

/* One paragraph (no newline in it). */
static void
wrap_para(struct wrapped *w, const char *s, size_t len, size_t cols)
{
	while (len) {
		size_t off = 0, used = 0, space = 0, last = 0;

		while (off < len) {
			uint32_t cp;
			size_t n = text_decode(s + off, len - off, &cp);
			size_t cw = (size_t)text_cp_width(cp);

			if (used + cw > cols && off)
				break;
			if (cp == ' ')
				space = off;
			used += cw;
			last = off;
			off += n;
		}
		if (off < len && last && no_line_start(s + off, len - off))
			off = last;
		/* Break after the last space when it is near the end of the line. */
		if (off < len && space && off - space < 16)
			off = space + 1;
		push(w, s, off && s[off - 1] == ' ' && off < len ? off - 1 : off);
		s += off;
		len -= off;
	}
}

void
wrap_text(struct wrapped *w, const char *text, size_t cols)
{
	struct strbuf clean = STRBUF_INIT;
	const char *p;

	if (cols < 2)
		cols = 2;
	text_sanitize(&clean, text ? text : "", TEXT_KEEP_NEWLINES);
	p = sb_str(&clean);
	for (;;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);

		if (len)
			wrap_para(w, p, len, cols);
		else
			push(w, "", 0);
		if (!nl)
			break;
		p = nl + 1;
		if (!*p)
			break;
	}
	sb_free(&clean);
}

void
wrap_free(struct wrapped *w)
{
	for (size_t i = 0; i < w->n; i++)
		free(w->v[i]);
	free(w->v);
	memset(w, 0, sizeof(*w));
}
