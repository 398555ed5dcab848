/* Styled spans (see tui/line.h). */
#include "config.h"

#include "tui/line.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <stdarg.h>
#include <stdlib.h>

static void
push(struct line *l, enum tui_style st, struct strbuf *clean)
{
	size_t w = text_width(sb_str(clean));

	if (!clean->len) {
		sb_free(clean);
		return;
	}
	l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof(*l->v));
	l->v[l->n].style = st;
	l->v[l->n].width = w;
	l->v[l->n].text = sb_detach(clean);
	l->n++;
	l->width += w;
}

void
line_add(struct line *l, enum tui_style st, const char *text)
{
	struct strbuf clean = STRBUF_INIT;

	text_sanitize(&clean, text ? text : "", 0);
	push(l, st, &clean);
}

void
line_addf(struct line *l, enum tui_style st, const char *fmt, ...)
{
	struct strbuf raw = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	sb_vprintf(&raw, fmt, ap);
	va_end(ap);
	line_add(l, st, sb_str(&raw));
	sb_free(&raw);
}

void
line_add_fixed(struct line *l, enum tui_style st, const char *text, size_t cols)
{
	struct strbuf fit = STRBUF_INIT;

	text_fit(&fit, text ? text : "", cols, true);
	push(l, st, &fit);
}

void
line_add_right(struct line *l, enum tui_style st, const char *text, size_t cols)
{
	struct strbuf fit = STRBUF_INIT;
	size_t w;

	text_fit(&fit, text ? text : "", cols, false);
	w = text_width(sb_str(&fit));
	line_pad_to(l, st, l->width + (cols - w));
	push(l, st, &fit);
}

void
line_pad_to(struct line *l, enum tui_style st, size_t col)
{
	struct strbuf sp = STRBUF_INIT;

	for (size_t w = l->width; w < col; w++)
		sb_putc(&sp, ' ');
	push(l, st, &sp);
}

/* Styles that carry meaning of their own: a selected line keeps them. */
static bool
is_badge(enum tui_style st)
{
	switch (st) {
	case STYLE_LEVEL_RED:
	case STYLE_LEVEL_ORANGE:
	case STYLE_LEVEL_YELLOW:
	case STYLE_LEVEL_BLUE:
	case STYLE_LEVEL_GREEN:
	case STYLE_LEVEL_PURPLE:
	case STYLE_LEVEL_GREY:
	case STYLE_LEVEL_WHITE:
	case STYLE_DEADLINE_AMBER:
	case STYLE_DEADLINE_RED:
	case STYLE_DRILL:
	case STYLE_INVALID:
		return true;
	default:
		return false;
	}
}

void
line_restyle(struct line *l, enum tui_style st)
{
	for (size_t i = 0; i < l->n; i++)
		if (!is_badge(l->v[i].style))
			l->v[i].style = st;
}

void
line_reset(struct line *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].text);
	l->n = 0;
	l->width = 0;
}

void
line_free(struct line *l)
{
	line_reset(l);
	free(l->v);
	l->v = NULL;
	l->cap = 0;
}
