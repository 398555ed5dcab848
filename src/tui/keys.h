/*
 * Keys and key bindings.  A key is a Unicode code point or one of the special
 * keys below.  Key names are written the same way in the bindings file
 * (src/tui/default.keys, compiled in) and in test scripts: a single
 * character ("j", "?", "中"), a control key ("^X"), or a name in angle
 * brackets ("<Enter>", "<PgDn>", "<F1>").  Bindings are lines of
 * "bind VIEW KEY REQUEST", VIEW being a view's name or "generic", and
 * "unbind VIEW KEY", which is "bind VIEW KEY none": the key does nothing there.
 */
#ifndef YINGJI_TUI_KEYS_H
#define YINGJI_TUI_KEYS_H

#include <stdbool.h>
#include <stddef.h>

#include "tui/request.h"
#include "util/status.h"

enum tui_key {
	TUI_KEY_NONE = -1,
	TUI_KEY_SPECIAL = 0x110000,	/* above every code point */
	TUI_KEY_ENTER = TUI_KEY_SPECIAL,
	TUI_KEY_ESC,
	TUI_KEY_TAB,
	TUI_KEY_BACKTAB,
	TUI_KEY_UP,
	TUI_KEY_DOWN,
	TUI_KEY_LEFT,
	TUI_KEY_RIGHT,
	TUI_KEY_PGUP,
	TUI_KEY_PGDN,
	TUI_KEY_HOME,
	TUI_KEY_END,
	TUI_KEY_BACKSPACE,
	TUI_KEY_DELETE,
	TUI_KEY_INSERT,
	TUI_KEY_F1,
	TUI_KEY_F12 = TUI_KEY_F1 + 11,
	TUI_KEY_RESIZE,		/* the terminal changed size (never bound) */
};

/* The control key for letter c ('A'..'_'). */
#define TUI_CTRL(c) ((c) & 0x1f)

/* Parse one key name; false when it is not one. */
bool keys_parse(const char *name, int *key);
/* The name of a key, as keys_parse() reads it, into buf (NUL-terminated). */
void keys_name(int key, char *buf, size_t n);
/* Whether a key is text (a printable character) rather than a command key. */
bool keys_is_text(int key);

struct key_binding {
	char view[24];
	int key;
	enum tui_request rq;
};

struct keymap;

/* The default bindings, compiled in from src/tui/default.keys. */
extern const char tui_builtin_keys[];

struct keymap *keymap_new(void);
void keymap_free(struct keymap **km);
/*
 * Add the bindings in `text` (named `file` in diagnostics); a later binding
 * of the same view and key replaces an earlier one.  `views` (NULL-terminated)
 * are the view names a binding may name besides "generic".  Every bad line is
 * added to `diags` with its line and column; returns false when there was one.
 */
bool keymap_load(struct keymap *km, const char *text, const char *file,
		 const char *const *views, struct diag_list *diags);
/* The request bound to `key` in `view`, else in "generic"; TUI_REQ_NONE when unbound. */
enum tui_request keymap_lookup(const struct keymap *km, const char *view, int key);
/*
 * The first key bound to `rq` in `view` (or, failing that, in "generic");
 * with `no_text`, only keys that are not text (for screens that take text).
 */
bool keymap_key_for(const struct keymap *km, const char *view, enum tui_request rq, bool no_text,
		    int *key);
/*
 * The names of every key that makes `rq` in `view` (bound there or in
 * "generic" and not rebound by the view), separated by spaces, skipping the
 * keys `skip` says (may be NULL); a fresh string, "" when there is none.
 */
char *keymap_names(const struct keymap *km, const char *view, enum tui_request rq,
		   bool (*skip)(int key));
/* Every binding, in the order they were made; valid until the keymap changes. */
size_t keymap_count(const struct keymap *km);
const struct key_binding *keymap_at(const struct keymap *km, size_t i);

#endif
