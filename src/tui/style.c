/* The style table and its three mappings (see tui/style.h). */
#include "config.h"

#include "tui/style.h"

#include <stdlib.h>
#include <string.h>

struct style_row {
	const char *name;
	short f8, b8;
	unsigned a8;
	short f256, b256;
	unsigned a256, mono;
};

#define B STYLE_A_BOLD
#define R STYLE_A_REVERSE
#define U STYLE_A_UNDERLINE
#define D STYLE_A_DIM
#define NO STYLE_DEFAULT
static const struct style_row styles[] = {
#define STYLE_ROW(id, name, f8, b8, a8, f256, b256, a256, mono) \
	{name, f8, b8, a8, f256, b256, a256, mono},
	TUI_STYLE_TABLE(STYLE_ROW)
#undef STYLE_ROW
};
#undef B
#undef R
#undef U
#undef D
#undef NO

enum style_mode
style_pick_mode(int colors)
{
	const char *no = getenv("NO_COLOR");

	/* no-color.org: set and not empty, whatever its value. */
	if ((no && *no) || colors < 8)
		return STYLE_MODE_MONO;
	return colors >= 256 ? STYLE_MODE_256 : STYLE_MODE_8;
}

struct style_spec
style_get(enum tui_style s, enum style_mode m)
{
	const struct style_row *r = &styles[s];
	struct style_spec sp = {r->name, STYLE_DEFAULT, STYLE_DEFAULT, r->mono};

	if (m == STYLE_MODE_8) {
		sp.fg = r->f8;
		sp.bg = r->b8;
		sp.attrs = r->a8;
	} else if (m == STYLE_MODE_256) {
		sp.fg = r->f256;
		sp.bg = r->b256;
		sp.attrs = r->a256;
	}
	return sp;
}

const char *
style_name(enum tui_style s)
{
	return styles[s].name;
}

bool
style_from_name(const char *name, enum tui_style *out)
{
	for (size_t i = 0; i < STYLE_COUNT; i++)
		if (strcmp(styles[i].name, name) == 0) {
			*out = (enum tui_style)i;
			return true;
		}
	return false;
}
