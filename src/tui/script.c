/* The headless test scripts (see tui/script.h). */
#include "config.h"

#include "tui/app.h"
#include "tui/clock.h"
#include "tui/display.h"
#include "tui/draw.h"
#include "tui/keys.h"
#include "tui/loop.h"
#include "tui/script.h"
#include "util/duration.h"
#include "util/fileio.h"
#include "util/str.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct run {
	struct app *a;
	FILE *out;
	bool alive;		/* the console has not quit yet */
	bool in_screen;		/* skipping an expected screen up to :end */
};

static void
fail(struct run *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
fail(struct run *r, const char *fmt, ...)
{
	va_list ap;

	fputs("! ", r->out);
	va_start(ap, fmt);
	vfprintf(r->out, fmt, ap);
	va_end(ap);
	fputc('\n', r->out);
}

static void
press(struct run *r, int key)
{
	if (!r->alive) {
		fail(r, "the console has already quit");
		return;
	}
	r->alive = loop_key(r->a, key) && loop_tick(r->a);
}

static void
keys_line(struct run *r, char *line)
{
	for (char *tok = strtok(line, " \t"); tok; tok = strtok(NULL, " \t")) {
		int key;

		if (!keys_parse(tok, &key)) {
			fail(r, "unknown key '%s'", tok);
			return;
		}
		press(r, key);
	}
}

static void
type_text(struct run *r, const char *s)
{
	size_t len = strlen(s);

	while (len) {
		uint32_t cp;
		size_t n = text_decode(s, len, &cp);

		press(r, (int)cp);
		s += n;
		len -= n;
	}
}

static void
dump_screen(struct run *r)
{
	int rows, cols;

	display_size(&rows, &cols);
	for (int i = 0; i < rows; i++) {
		struct strbuf row = STRBUF_INIT;

		draw_dump_row(i, &row);
		fprintf(r->out, "%s\n", sb_str(&row));
		sb_free(&row);
	}
	fputs(":end\n", r->out);
}

/* Where TEXT first shows on the screen; false when it does not. */
static bool
find_text(const char *text, int *row, int *col)
{
	int rows, cols;

	display_size(&rows, &cols);
	for (int i = 0; i < rows; i++)
		for (int c = 0; c < cols; c++) {
			struct strbuf cells = STRBUF_INIT;
			bool hit;

			draw_read_cells(i, c, (int)text_width(text), &cells);
			hit = strcmp(sb_str(&cells), text) == 0;
			sb_free(&cells);
			if (hit) {
				*row = i;
				*col = c;
				return true;
			}
		}
	return false;
}

static void
expect_at(struct run *r, const char *args)
{
	int row, col, n = 0;
	struct strbuf cells = STRBUF_INIT;

	if (sscanf(args, "%d %d %n", &row, &col, &n) != 2 || !n) {
		fail(r, "usage: :expect-at ROW COL TEXT");
		return;
	}
	draw_read_cells(row, col, (int)text_width(args + n), &cells);
	if (strcmp(sb_str(&cells), args + n) != 0)
		fail(r, "at %d %d: \"%s\"", row, col, sb_str(&cells));
	sb_free(&cells);
}

static void
expect_style(struct run *r, const char *args)
{
	char name[40];
	int n = 0, row, col;
	enum tui_style st;

	if (sscanf(args, "%39s %n", name, &n) != 1 || !n || !style_from_name(name, &st)) {
		fail(r, "usage: :expect-style STYLE TEXT (a style of tui/style.h)");
		return;
	}
	if (!find_text(args + n, &row, &col))
		fail(r, "\"%s\" is not on the screen", args + n);
	else if (!draw_cells_have_style(row, col, (int)text_width(args + n), st))
		fail(r, "\"%s\" (at %d %d) is not in style %s", args + n, row, col, name);
}

static void
expect_request(struct run *r, const char *name)
{
	const struct app *a = r->a;

	if (strcmp(tui_request_name(a->last_request), name) != 0)
		fail(r, "the last key made request %s", tui_request_name(a->last_request));
	else if (!a->last_handled)
		fail(r, "request %s did nothing", name);
}

static void
move_time(struct run *r, const char *arg)
{
	int64_t secs;

	if (arg[0] != '+' || !duration_parse(arg + 1, 0, &secs)) {
		fail(r, "usage: :time +DURATION");
		return;
	}
	tui_clock_advance(secs * 1000);
	if (r->alive)
		r->alive = loop_tick(r->a);
}

static void
resize(struct run *r, const char *arg)
{
	int cols, rows;

	if (sscanf(arg, "%dx%d", &cols, &rows) != 2 || cols < 1 || rows < 1 || cols > 500 ||
	    rows > 300) {
		fail(r, "usage: :resize COLSxROWS");
		return;
	}
	display_set_size(rows, cols);
	if (r->alive)
		r->alive = loop_resize(r->a, rows, cols);
}

static void
command(struct run *r, char *line)
{
	char *arg = strchr(line, ' ');

	if (arg)
		*arg++ = '\0';
	else
		arg = line + strlen(line);
	if (strcmp(line, ":screen") == 0) {
		if (r->alive)
			loop_redraw(r->a, false);
		dump_screen(r);
		r->in_screen = true;
	} else if (strcmp(line, ":type") == 0) {
		type_text(r, arg);
	} else if (strcmp(line, ":time") == 0) {
		move_time(r, arg);
	} else if (strcmp(line, ":resize") == 0) {
		resize(r, arg);
	} else if (strcmp(line, ":expect-at") == 0) {
		expect_at(r, arg);
	} else if (strcmp(line, ":expect-style") == 0) {
		expect_style(r, arg);
	} else if (strcmp(line, ":expect-request") == 0) {
		expect_request(r, arg);
	} else {
		fail(r, "unknown script command '%s'", line);
	}
}

static void
script_line(struct run *r, char *line)
{
	if (r->in_screen) {
		/* The expected screen was replaced by the actual one. */
		if (strcmp(line, ":end") == 0)
			r->in_screen = false;
		return;
	}
	fprintf(r->out, "%s\n", line);
	if (!*line || *line == '#' || *line == '@')
		return;
	if (*line == ':')
		command(r, line);
	else
		keys_line(r, line);
}

enum yj_status
script_run(struct app *a, const char *path, FILE *out, struct strbuf *why)
{
	struct diag_list dl = {0};
	struct run r = {a, out, true, false};
	char *text = NULL, *line, *nl;
	size_t len = 0;
	enum yj_status rc = file_read_all(path, 1 << 20, &text, &len, &dl);

	if (rc != YJ_OK) {
		sb_printf(why, "%s: %s", path, dl.n ? dl.items[0].message : yj_status_message(rc));
		diag_list_clear(&dl);
		return rc;
	}
	loop_redraw(a, false);
	for (line = text; line && *line; line = nl) {
		nl = strchr(line, '\n');
		if (nl)
			*nl++ = '\0';
		script_line(&r, line);
	}
	if (r.in_screen)
		fail(&r, "a :screen block has no :end");
	free(text);
	return YJ_OK;
}
