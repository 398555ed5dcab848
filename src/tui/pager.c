/* A scrolled text (see tui/pager.h). */
#include "config.h"

#include "tui/draw.h"
#include "tui/pager.h"
#include "tui/view.h"

void
pager_set(struct pager *p, const char *text, int cols)
{
	wrap_free(&p->lines);
	p->width = cols;
	wrap_text(&p->lines, text, (size_t)cols);
}

void
pager_free(struct pager *p)
{
	wrap_free(&p->lines);
}

void
pager_fit(struct pager *p, int rows, size_t *first, size_t *last)
{
	p->height = rows;
	if (p->top + (size_t)rows > p->lines.n)
		p->top = p->lines.n > (size_t)rows ? p->lines.n - (size_t)rows : 0;
	*first = p->lines.n ? p->top + 1 : 0;
	*last = p->top + (size_t)rows < p->lines.n ? p->top + (size_t)rows : p->lines.n;
}

void
pager_draw(const struct pager *p, int row, int col, int cols)
{
	for (int i = 0; i < p->height && p->top + (size_t)i < p->lines.n; i++)
		draw_text(row + i, col, cols, STYLE_NORMAL, p->lines.v[p->top + (size_t)i]);
}

static unsigned
scroll(struct pager *p, long by)
{
	long top = (long)p->top + by, max = (long)p->lines.n - p->height;

	if (top > max)
		top = max;
	if (top < 0)
		top = 0;
	p->top = (size_t)top;
	return REACT_REDRAW;
}

unsigned
pager_request(struct pager *p, enum tui_request rq)
{
	long page = p->height > 1 ? p->height - 1 : 1;

	switch (rq) {
	case TUI_REQ_MOVE_UP:
		return scroll(p, -1);
	case TUI_REQ_MOVE_DOWN:
	case TUI_REQ_ENTER:
		return scroll(p, 1);
	case TUI_REQ_PAGE_UP:
		return scroll(p, -page);
	case TUI_REQ_PAGE_DOWN:
		return scroll(p, page);
	case TUI_REQ_MOVE_FIRST:
		return scroll(p, -(long)p->lines.n);
	case TUI_REQ_MOVE_LAST:
		return scroll(p, (long)p->lines.n);
	default:
		return REACT_UNHANDLED;
	}
}
