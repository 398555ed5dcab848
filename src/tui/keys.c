/*
 * Key names and the keymap.  The parser here reads both the bindings and the
 * test scripts, so a test presses keys exactly as an officer binds them.
 */
#include "config.h"

#include "tui/keys.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wctype.h>

static const struct {
	const char *name;
	int key;
} key_names[] = {
	{"Enter", TUI_KEY_ENTER},	{"Esc", TUI_KEY_ESC},		{"Tab", TUI_KEY_TAB},
	{"BackTab", TUI_KEY_BACKTAB},	{"Up", TUI_KEY_UP},		{"Down", TUI_KEY_DOWN},
	{"Left", TUI_KEY_LEFT},		{"Right", TUI_KEY_RIGHT},	{"PgUp", TUI_KEY_PGUP},
	{"PgDn", TUI_KEY_PGDN},		{"Home", TUI_KEY_HOME},		{"End", TUI_KEY_END},
	{"Backspace", TUI_KEY_BACKSPACE}, {"Delete", TUI_KEY_DELETE}, {"Insert", TUI_KEY_INSERT},
	{"Space", ' '},			{"Lt", '<'},
	/* Aliases, accepted when reading only. */
	{"Return", TUI_KEY_ENTER},	{"Escape", TUI_KEY_ESC},	{"PageUp", TUI_KEY_PGUP},
	{"PageDown", TUI_KEY_PGDN},	{"Del", TUI_KEY_DELETE},
};

#define N_KEY_NAMES (sizeof(key_names) / sizeof(key_names[0]))

/* Control characters that have keys of their own. */
static int
control_key(int c)
{
	switch (c) {
	case '\r':
	case '\n':
		return TUI_KEY_ENTER;
	case '\t':
		return TUI_KEY_TAB;
	case 0x1b:
		return TUI_KEY_ESC;
	case 0x08:
	case 0x7f:
		return TUI_KEY_BACKSPACE;
	default:
		return c;
	}
}

static bool
parse_bracketed(const char *name, size_t len, int *key)
{
	char inner[16];
	int f;

	if (len < 3 || len - 2 >= sizeof(inner))
		return false;
	memcpy(inner, name + 1, len - 2);
	inner[len - 2] = '\0';
	for (size_t i = 0; i < N_KEY_NAMES; i++)
		if (strcmp(key_names[i].name, inner) == 0) {
			*key = key_names[i].key;
			return true;
		}
	if ((inner[0] == 'F' || inner[0] == 'f') && sscanf(inner + 1, "%d", &f) == 1 && f >= 1 &&
	    f <= 12 && strlen(inner) == (f >= 10 ? 3u : 2u)) {
		*key = TUI_KEY_F1 + f - 1;
		return true;
	}
	return false;
}

bool
keys_parse(const char *name, int *key)
{
	size_t len = strlen(name);
	uint32_t cp;

	if (len == 0)
		return false;
	if (name[0] == '<' && name[len - 1] == '>' && len > 2)
		return parse_bracketed(name, len, key);
	if (name[0] == '^' && len == 2) {
		int c = name[1];

		if (c == '?') {
			*key = TUI_KEY_BACKSPACE;
			return true;
		}
		if (c >= 'a' && c <= 'z')
			c -= 'a' - 'A';
		if (c < '@' || c > '_')
			return false;
		*key = control_key(TUI_CTRL(c));
		return true;
	}
	if (text_decode(name, len, &cp) != len || cp == 0xfffd || cp < 0x20 || cp == 0x7f)
		return false;
	*key = (int)cp;
	return true;
}

static void
utf8_encode(uint32_t cp, char *buf, size_t n)
{
	unsigned char u[5] = {0};

	if (cp < 0x80) {
		u[0] = (unsigned char)cp;
	} else if (cp < 0x800) {
		u[0] = (unsigned char)(0xc0 | (cp >> 6));
		u[1] = (unsigned char)(0x80 | (cp & 0x3f));
	} else if (cp < 0x10000) {
		u[0] = (unsigned char)(0xe0 | (cp >> 12));
		u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		u[2] = (unsigned char)(0x80 | (cp & 0x3f));
	} else {
		u[0] = (unsigned char)(0xf0 | (cp >> 18));
		u[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
		u[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		u[3] = (unsigned char)(0x80 | (cp & 0x3f));
	}
	snprintf(buf, n, "%s", (const char *)u);
}

void
keys_name(int key, char *buf, size_t n)
{
	if (key == ' ' || key == '<') {
		snprintf(buf, n, "<%s>", key == ' ' ? "Space" : "Lt");
		return;
	}
	if (key >= TUI_KEY_F1 && key <= TUI_KEY_F12) {
		snprintf(buf, n, "<F%d>", key - TUI_KEY_F1 + 1);
		return;
	}
	for (size_t i = 0; i < N_KEY_NAMES; i++)
		if (key_names[i].key == key) {
			snprintf(buf, n, "<%s>", key_names[i].name);
			return;
		}
	if (key > 0 && key < 0x20) {
		snprintf(buf, n, "^%c", key + '@');
		return;
	}
	if (key > 0 && key < TUI_KEY_SPECIAL) {
		utf8_encode((uint32_t)key, buf, n);
		return;
	}
	snprintf(buf, n, "<?>");
}

bool
keys_is_text(int key)
{
	return key >= 0x20 && key != 0x7f && key < TUI_KEY_SPECIAL &&
	       !(key >= 0x80 && key < 0xa0) && iswprint((wint_t)key);
}

/* ---- the keymap ---- */

struct keymap {
	struct key_binding *v;
	size_t n, cap;
};

struct keymap *
keymap_new(void)
{
	return xcalloc(1, sizeof(struct keymap));
}

void
keymap_free(struct keymap **km)
{
	if (!km || !*km)
		return;
	free((*km)->v);
	free(*km);
	*km = NULL;
}

static void
keymap_bind(struct keymap *km, const char *view, int key, enum tui_request rq)
{
	for (size_t i = 0; i < km->n; i++)
		if (km->v[i].key == key && strcmp(km->v[i].view, view) == 0) {
			km->v[i].rq = rq;
			return;
		}
	km->v = xgrow(km->v, &km->cap, km->n + 1, sizeof(*km->v));
	snprintf(km->v[km->n].view, sizeof(km->v[0].view), "%s", view);
	km->v[km->n].key = key;
	km->v[km->n].rq = rq;
	km->n++;
}

static bool
known_view(const char *name, const char *const *views)
{
	if (strcmp(name, "generic") == 0)
		return true;
	for (size_t i = 0; views && views[i]; i++)
		if (strcmp(views[i], name) == 0)
			return true;
	return false;
}

/* Split a line into at most 4 words; returns how many (5 means too many). */
static int
split_words(char *line, char **w, int *cols)
{
	int n = 0;
	char *p = line;

	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (!*p || *p == '#')
			return n;
		if (n == 4)
			return 5;
		cols[n] = (int)(p - line) + 1;
		w[n++] = p;
		while (*p && *p != ' ' && *p != '\t')
			p++;
		if (*p)
			*p++ = '\0';
	}
}

static bool
load_line(struct keymap *km, char *line, const char *file, int lineno,
	  const char *const *views, struct diag_list *dl)
{
	char *w[4];
	int cols[4], n = split_words(line, w, cols), key;
	enum tui_request rq = TUI_REQ_NONE;
	bool unbind = n > 0 && strcmp(w[0], "unbind") == 0;

	if (n == 0)
		return true;
	if (unbind ? n != 3 : n != 4 || strcmp(w[0], "bind") != 0) {
		diag_add(dl, DIAG_ERROR, file, lineno, n ? cols[0] : 1,
			 unbind ? "expected 'unbind VIEW KEY'"
				: "expected 'bind VIEW KEY REQUEST' or 'unbind VIEW KEY'");
		return false;
	}
	if (!known_view(w[1], views)) {
		diag_add(dl, DIAG_ERROR, file, lineno, cols[1], "unknown view '%s'", w[1]);
		return false;
	}
	if (!keys_parse(w[2], &key)) {
		diag_add(dl, DIAG_ERROR, file, lineno, cols[2], "unknown key '%s'", w[2]);
		return false;
	}
	if (!unbind && !tui_request_from_name(w[3], &rq)) {
		diag_add(dl, DIAG_ERROR, file, lineno, cols[3], "unknown request '%s'", w[3]);
		return false;
	}
	/*
	 * Unbinding is binding to "none" rather than forgetting the binding:
	 * forgetting "incident n" would let the generic binding of n through.
	 */
	keymap_bind(km, w[1], key, rq);
	return true;
}

bool
keymap_load(struct keymap *km, const char *text, const char *file, const char *const *views,
	    struct diag_list *diags)
{
	char *copy = xstrdup(text), *line = copy, *nl;
	bool ok = true;
	int lineno = 1;

	for (; line; line = nl ? nl + 1 : NULL, lineno++) {
		nl = strchr(line, '\n');
		if (nl)
			*nl = '\0';
		ok &= load_line(km, line, file, lineno, views, diags);
	}
	free(copy);
	return ok;
}

static const struct key_binding *
find(const struct keymap *km, const char *view, int key)
{
	for (size_t i = 0; i < km->n; i++)
		if (km->v[i].key == key && strcmp(km->v[i].view, view) == 0)
			return &km->v[i];
	return NULL;
}

enum tui_request
keymap_lookup(const struct keymap *km, const char *view, int key)
{
	const struct key_binding *b = find(km, view, key);

	if (!b)
		b = find(km, "generic", key);
	return b ? b->rq : TUI_REQ_NONE;
}

static bool
key_for_in(const struct keymap *km, const char *view, const char *in, enum tui_request rq,
	   bool no_text, int *key)
{
	for (size_t i = 0; i < km->n; i++) {
		const struct key_binding *b = &km->v[i];

		/* A key the view rebinds to something else does not do rq here. */
		if (b->rq != rq || strcmp(b->view, in) != 0 || keymap_lookup(km, view, b->key) != rq)
			continue;
		if (no_text && keys_is_text(b->key))
			continue;
		*key = b->key;
		return true;
	}
	return false;
}

bool
keymap_key_for(const struct keymap *km, const char *view, enum tui_request rq, bool no_text,
	       int *key)
{
	return key_for_in(km, view, view, rq, no_text, key) ||
	       key_for_in(km, view, "generic", rq, no_text, key);
}

char *
keymap_names(const struct keymap *km, const char *view, enum tui_request rq,
	     bool (*skip)(int key))
{
	struct strbuf sb = STRBUF_INIT;
	int seen[16];
	size_t n_seen = 0;
	char key[32];

	for (size_t i = 0; i < km->n; i++) {
		const struct key_binding *b = &km->v[i];
		bool dup = false;

		if (b->rq != rq || keymap_lookup(km, view, b->key) != rq)
			continue;
		if (skip && skip(b->key))
			continue;
		if (strcmp(b->view, view) != 0 && strcmp(b->view, "generic") != 0)
			continue;
		for (size_t k = 0; k < n_seen; k++)
			dup |= seen[k] == b->key;
		if (dup)
			continue;
		if (n_seen < sizeof(seen) / sizeof(seen[0]))
			seen[n_seen++] = b->key;
		keys_name(b->key, key, sizeof(key));
		sb_printf(&sb, "%s%s", sb.len ? " " : "", key);
	}
	if (!sb.buf)
		sb_append(&sb, "");
	return sb_detach(&sb);
}

size_t
keymap_count(const struct keymap *km)
{
	return km->n;
}

const struct key_binding *
keymap_at(const struct keymap *km, size_t i)
{
	return &km->v[i];
}
