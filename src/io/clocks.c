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

/* Elapsed real time: monotonic, so that a clock step (NTP) does not jump a drill. */
static int64_t
monotonic_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t
real_ms(const struct yj_clock *c)
{
	return c->real ? c->real->now_ms(c->real) : monotonic_ms();
}

/* base_ms: the drill time at origin_ms, the moment (real) the speed last changed. */
static int64_t
accelerated_now(const struct yj_clock *c)
{
	return c->base_ms + (int64_t)((double)(real_ms(c) - c->origin_ms) * c->speed);
}

void
clock_init_accelerated_on(struct yj_clock *c, int64_t drill_start_ms, double speed,
			  const struct yj_clock *real)
{
	c->now_ms = accelerated_now;
	c->real = real;
	c->base_ms = drill_start_ms;
	c->origin_ms = real_ms(c);
	c->speed = speed < 0 ? 0 : speed;
}

void
clock_init_accelerated(struct yj_clock *c, int64_t drill_start_ms, double speed)
{
	clock_init_accelerated_on(c, drill_start_ms, speed, NULL);
}

void
clock_set_speed(struct yj_clock *c, double speed)
{
	int64_t drill_now = c->now_ms(c);

	c->origin_ms = real_ms(c);
	c->base_ms = drill_now;
	c->speed = speed < 0 ? 0 : speed;
}

void
clock_init_system(struct yj_clock *c)
{
	c->now_ms = system_now;
	c->base_ms = c->origin_ms = 0;
	c->speed = 1;
	c->real = NULL;
}

void
clock_init_fixed(struct yj_clock *c, int64_t ms)
{
	c->now_ms = fixed_now;
	c->base_ms = c->origin_ms = ms;
	c->speed = 0;
	c->real = NULL;
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
