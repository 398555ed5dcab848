/* The console's clock (see tui/clock.h).  The engine keeps a copy of the
 * clock struct, so the base clock and the offset live here, once per process. */
#include "config.h"

#include "tui/clock.h"

static struct yj_clock base_clock;
static int64_t offset_ms;

static int64_t
offset_now(const struct yj_clock *c)
{
	(void)c;
	return base_clock.now_ms(&base_clock) + offset_ms;
}

void
tui_clock_init(struct yj_clock *out, const struct yj_clock *base)
{
	base_clock = *base;
	offset_ms = 0;
	*out = *base;
	out->now_ms = offset_now;
}

void
tui_clock_advance(int64_t ms)
{
	offset_ms += ms;
}
