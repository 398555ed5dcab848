/* The view registry (see tui/view.h). */
#include "config.h"

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
