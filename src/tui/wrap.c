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

/* One paragraph (no newline in it). */
static void
wrap_para(struct wrapped *w, const char *s, size_t len, size_t cols)
{
	while (len) {
		size_t off = 0, used = 0, space = 0;

		while (off < len) {
			uint32_t cp;
			size_t n = text_decode(s + off, len - off, &cp);
			size_t cw = (size_t)text_cp_width(cp);

			if (used + cw > cols && off)
				break;
			if (cp == ' ')
				space = off;
			used += cw;
			off += n;
		}
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
