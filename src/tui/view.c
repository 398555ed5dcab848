/* The view registry (see tui/view.h). */
#include "config.h"

#include "tui/keys.h"
#include "tui/view.h"

#include <string.h>

const char *const *
view_names(void)
{
	static const char *const names[] = {
#define VIEW_NAME(name) #name,
		TUI_VIEW_TABLE(VIEW_NAME)
#undef VIEW_NAME
		/* Not a view: the keys of replay mode (tui/mode_replay.h), on any screen. */
		"replay",
		NULL,
	};

	return names;
}

bool
view_text_input(const char *name)
{
	static const struct view_ops *const all[] = {
#define VIEW_OPS(name) &name##_view,
		TUI_VIEW_TABLE(VIEW_OPS)
#undef VIEW_OPS
	};

	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		if (strcmp(all[i]->name, name) == 0)
			return all[i]->text_input;
	return false;
}

bool
view_keeps_key(int key)
{
	static const int editing[] = {
		TUI_KEY_UP,	   TUI_KEY_DOWN,      TUI_KEY_LEFT,	TUI_KEY_RIGHT,
		TUI_KEY_TAB,	   TUI_KEY_BACKTAB,   TUI_KEY_ENTER,	TUI_KEY_HOME,
		TUI_KEY_END,	   TUI_KEY_BACKSPACE, TUI_KEY_DELETE,	TUI_KEY_PGUP,
		TUI_KEY_PGDN,	   TUI_CTRL('A'),     TUI_CTRL('E'),	TUI_CTRL('D'),
		TUI_CTRL('U'),	   TUI_CTRL('K'),     TUI_CTRL('W'),
	};

	if (keys_is_text(key))
		return true;
	for (size_t i = 0; i < sizeof(editing) / sizeof(editing[0]); i++)
		if (editing[i] == key)
			return true;
	return false;
}
