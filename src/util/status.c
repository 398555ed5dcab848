#include "config.h"

#include "util/status.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const status_messages[] = {
#define YJ_STATUS_MSG(name, msg) msg,
	YJ_STATUS_TABLE(YJ_STATUS_MSG)
#undef YJ_STATUS_MSG
};

const char *
yj_status_message(enum yj_status st)
{
	if ((size_t)st >= sizeof(status_messages) / sizeof(status_messages[0]))
		return "unknown status";
	return status_messages[st];
}

void
diag_vadd(struct diag_list *dl, enum diag_severity sev, const char *file, int line, int col,
	  const char *fmt, va_list ap)
{
	struct diag *d;
	va_list ap2;
	int n;

	dl->items = xgrow(dl->items, &dl->cap, dl->n + 1, sizeof(*dl->items));
	d = &dl->items[dl->n++];
	d->file = file ? xstrdup(file) : NULL;
	d->line = line;
	d->col = col;
	d->severity = sev;
	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	d->message = xmalloc(n > 0 ? (size_t)n + 1 : 1);
	vsnprintf(d->message, n > 0 ? (size_t)n + 1 : 1, fmt, ap);
	if (sev == DIAG_ERROR)
		dl->errors++;
	else
		dl->warnings++;
}

void
diag_add(struct diag_list *dl, enum diag_severity sev, const char *file, int line, int col,
	 const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(dl, sev, file, line, col, fmt, ap);
	va_end(ap);
}

static int
diag_cmp(const void *pa, const void *pb)
{
	const struct diag *a = pa, *b = pb;
	int c = strcmp(a->file ? a->file : "", b->file ? b->file : "");

	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return 0;
}

void
diag_sort(struct diag_list *dl)
{
	/* Insertion sort: stable, and lists are short. */
	for (size_t i = 1; i < dl->n; i++) {
		struct diag tmp = dl->items[i];
		size_t j = i;

		while (j > 0 && diag_cmp(&dl->items[j - 1], &tmp) > 0) {
			dl->items[j] = dl->items[j - 1];
			j--;
		}
		dl->items[j] = tmp;
	}
}

char *
diag_format(const struct diag *d)
{
	const char *sev = d->severity == DIAG_ERROR ? "error" : "warning";

	if (d->file && d->line > 0)
		return xasprintf("%s:%d:%d: %s: %s", d->file, d->line, d->col, sev, d->message);
	if (d->file)
		return xasprintf("%s: %s: %s", d->file, sev, d->message);
	return xasprintf("%s: %s", sev, d->message);
}

void
diag_list_clear(struct diag_list *dl)
{
	for (size_t i = 0; i < dl->n; i++) {
		free(dl->items[i].file);
		free(dl->items[i].message);
	}
	free(dl->items);
	memset(dl, 0, sizeof(*dl));
}
