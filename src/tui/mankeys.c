/*
 * The KEY BINDINGS section of yingji(1), generated from the request table
 * (tui/request.h), the views (tui/view.h) and the compiled-in bindings
 * (src/tui/default.keys), so that the manual cannot drift from the keys:
 * `make man-keys` splices it into man/yingji.1 and tests/man.sh fails when
 * the page holds anything else.  English, whatever the locale: the page is.
 */
#include "config.h"

#include "tui/keys.h"
#include "tui/tui.h"
#include "tui/view.h"
#include "util/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The table's own strings, untranslated (N_() marks them only). */
static const struct {
	const char *name, *help;
} requests[] = {
#define REQUEST_MAN(id, name, label, help) {name, help},
	TUI_REQUEST_TABLE(REQUEST_MAN)
#undef REQUEST_MAN
};

static const struct view_ops *const views[] = {
#define VIEW_OPS(name) &name##_view,
	TUI_VIEW_TABLE(VIEW_OPS)
#undef VIEW_OPS
};

#define N_VIEWS (sizeof(views) / sizeof(views[0]))

/* Text as roff reads it: backslashes and hyphens escaped. */
static void
roff(struct strbuf *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\')
			sb_append(out, "\\e");
		else if (*s == '-')
			sb_append(out, "\\-");
		else
			sb_putc(out, *s);
	}
}

/* Key names ("? <F1>") in bold, separated by `sep`. */
static void
bold_keys(struct strbuf *out, const char *keys, const char *sep)
{
	const char *k = keys;

	for (;;) {
		const char *sp = strchr(k, ' ');
		char name[32];

		snprintf(name, sizeof(name), "%.*s", sp ? (int)(sp - k) : (int)strlen(k), k);
		sb_append(out, "\\fB");
		roff(out, name);
		sb_append(out, "\\fR");
		if (!sp)
			return;
		sb_append(out, sep);
		k = sp + 1;
	}
}

/* One item: the keys, then the request and its help. */
static void
item(struct strbuf *out, const char *keys, enum tui_request rq)
{
	sb_append(out, ".TP\n");
	bold_keys(out, keys, ", ");
	sb_append(out, "\n\\fB");
	roff(out, requests[rq].name);
	sb_append(out, "\\fR: ");
	roff(out, requests[rq].help);
	sb_putc(out, '\n');
}

/* Whether `view` binds a key to `rq` itself (not only through "generic"). */
static bool
binds_itself(const struct keymap *km, const char *view, enum tui_request rq)
{
	for (size_t i = 0; i < keymap_count(km); i++) {
		const struct key_binding *b = keymap_at(km, i);

		if (b->rq == rq && strcmp(b->view, view) == 0)
			return true;
	}
	return false;
}

static void
view_section(struct strbuf *out, const struct keymap *km, const struct view_ops *v)
{
	size_t shown = 0;

	sb_printf(out, ".SS %s\n", v->name);
	/* Every binding the view makes, whether or not its help lists the request. */
	for (int rq = 0; rq < TUI_REQ_COUNT; rq++) {
		char *keys;

		if (!binds_itself(km, v->name, (enum tui_request)rq))
			continue;
		keys = keymap_names(km, v->name, (enum tui_request)rq,
				    v->text_input ? view_keeps_key : NULL);
		if (*keys) {
			item(out, keys, (enum tui_request)rq);
			shown++;
		}
		free(keys);
	}
	if (!shown)
		sb_append(out, "No keys of its own: those of every screen.\n");
}

static void
intro(struct strbuf *out, const struct keymap *km)
{
	char *help = keymap_names(km, "generic", TUI_REQ_HELP, NULL);

	sb_append(out, ".SH KEY BINDINGS\n"
		       ".\\\" Generated from src/tui/request.h and src/tui/default.keys by\n"
		       ".\\\" 'make man\\-keys' (yingji tui \\-\\-man\\-keys): do not edit here.\n"
		       "The default keys of each screen, compiled in from\n"
		       ".IR src/tui/default.keys ;\n"
		       "a bindings file of the officer's own changes them (see\n"
		       ".BR \"Your own keys\" ).\n"
		       "The help screen\n(");
	bold_keys(out, help, " or ");
	sb_append(out, ")\nalways lists the keys in effect on the screen under it.\n"
		       "A key a screen does not bind itself does what it does on every screen.\n"
		       ".SS generic\n"
		       "Every screen.\n");
	free(help);
}

enum yj_status
tui_man_keys(struct strbuf *out, struct strbuf *why)
{
	struct keymap *km = keymap_new();
	struct diag_list dl = {0};

	if (!keymap_load(km, tui_builtin_keys, "default.keys", view_names(), &dl)) {
		sb_printf(why, "the built-in key bindings are broken: line %d: %s",
			  dl.items[0].line, dl.items[0].message);
		diag_list_clear(&dl);
		keymap_free(&km);
		return YJ_ERR_INTERNAL;
	}
	intro(out, km);
	for (int rq = 0; rq < TUI_REQ_COUNT; rq++) {
		char *keys = keymap_names(km, "generic", (enum tui_request)rq, NULL);

		if (*keys)
			item(out, keys, (enum tui_request)rq);
		free(keys);
	}
	for (size_t i = 0; i < N_VIEWS; i++)
		view_section(out, km, views[i]);
	sb_append(out, ".SS Requests\n"
		       "Every request a binding may name, in the order of the table.\n");
	for (int rq = 0; rq < TUI_REQ_COUNT; rq++) {
		sb_append(out, ".TP\n.B ");
		roff(out, requests[rq].name);
		sb_putc(out, '\n');
		roff(out, requests[rq].help);
		sb_putc(out, '\n');
	}
	keymap_free(&km);
	return YJ_OK;
}
