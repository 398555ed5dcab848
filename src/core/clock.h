/*
 * The clock is an interface passed in: core/ never reads the time itself, so
 * the fold is pure, tests fix the time, drills accelerate it and replay
 * rewinds it.  Implementations live in io/clocks.c.
 */
#ifndef YINGJI_CORE_CLOCK_H
#define YINGJI_CORE_CLOCK_H

#include <stdint.h>

struct yj_clock {
	/* UTC milliseconds since the epoch. */
	int64_t (*now_ms)(const struct yj_clock *c);
	int64_t base_ms;	/* implementation data */
	int64_t origin_ms;
	double speed;
	/* An accelerated clock's measure of real time passing; NULL: CLOCK_MONOTONIC. */
	const struct yj_clock *real;
};

#endif
