#include "config.h"

#include "io/clocks.h"
#include "util/timefmt.h"

#include <stdlib.h>
#include <time.h>

static int64_t
system_now(const struct yj_clock *c)
{
	struct timespec ts;

	(void)c;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t
fixed_now(const struct yj_clock *c)
{
	return c->base_ms;
}

void
clock_init_system(struct yj_clock *c)
{
	c->now_ms = system_now;
	c->base_ms = c->origin_ms = 0;
	c->speed = 1;
}

void
clock_init_fixed(struct yj_clock *c, int64_t ms)
{
	c->now_ms = fixed_now;
	c->base_ms = c->origin_ms = ms;
	c->speed = 0;
}

bool
clock_init_from_env(struct yj_clock *c)
{
	const char *env = getenv("YINGJI_NOW");
	int64_t ms;

	clock_init_system(c);
	if (!env || !*env)
		return true;
	if (!time_parse(env, &ms))
		return false;
	clock_init_fixed(c, ms);
	return true;
}
