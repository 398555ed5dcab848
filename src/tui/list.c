/* The generic scrolling list (see tui/list.h). */
#include "config.h"

#include "tui/list.h"
#include "tui/view.h"

static bool
can_select(const struct list *l, size_t i)
{
	return i < l->n && (!l->selectable || l->selectable(l->ctx, i));
}

/* The nearest selectable row from `i` going by `dir` (+1/-1); `i` itself if none. */
static size_t
seek(const struct list *l, size_t i, int dir)
{
	for (size_t j = i; j < l->n; j = dir > 0 ? j + 1 : j - 1) {
		if (can_select(l, j))
			return j;
		if (dir < 0 && j == 0)
			break;
	}
	return i;
}

void
list_set_count(struct list *l, size_t n)
{
	l->n = n;
	if (l->sel >= n)
		l->sel = n ? n - 1 : 0;
	if (n && !can_select(l, l->sel)) {
		size_t down = seek(l, l->sel, 1);

		l->sel = can_select(l, down) ? down : seek(l, l->sel, -1);
	}
	if (l->top >= n)
		l->top = 0;
}

void
list_show(struct list *l, size_t height)
{
	l->height = height;
	if (!height)
		return;
	if (l->sel < l->top)
		l->top = l->sel;
	if (l->sel >= l->top + height)
		l->top = l->sel - height + 1;
	/* No empty rows at the bottom while there is more above. */
	if (l->n >= height && l->top + height > l->n)
		l->top = l->n - height;
	if (l->n < height)
		l->top = 0;
}

void
list_select(struct list *l, size_t i)
{
	if (i < l->n)
		l->sel = i;
	list_show(l, l->height);
}

static void
move_by(struct list *l, int delta)
{
	size_t target;

	if (!l->n)
		return;
	if (delta < 0)
		target = (size_t)-delta > l->sel ? 0 : l->sel - (size_t)-delta;
	else
		target = l->sel + (size_t)delta >= l->n ? l->n - 1 : l->sel + (size_t)delta;
	target = seek(l, target, delta < 0 ? -1 : 1);
	if (!can_select(l, target))
		target = seek(l, target, delta < 0 ? 1 : -1);
	if (can_select(l, target))
		l->sel = target;
	list_show(l, l->height);
}

unsigned
list_request(struct list *l, enum tui_request rq)
{
	int page = l->height > 1 ? (int)l->height - 1 : 1;

	switch (rq) {
	case TUI_REQ_MOVE_UP:
		move_by(l, -1);
		break;
	case TUI_REQ_MOVE_DOWN:
		move_by(l, 1);
		break;
	case TUI_REQ_PAGE_UP:
		move_by(l, -page);
		break;
	case TUI_REQ_PAGE_DOWN:
		move_by(l, page);
		break;
	case TUI_REQ_MOVE_FIRST:
		move_by(l, -(int)l->n);
		break;
	case TUI_REQ_MOVE_LAST:
		move_by(l, (int)l->n);
		break;
	default:
		return REACT_UNHANDLED;
	}
	return REACT_REDRAW;
}

void
list_select_last(struct list *l)
{
	if (l->n)
		l->sel = seek(l, l->n - 1, -1);
	list_show(l, l->height);
}
