/* Clocks: the system's, a fixed one for tests (YINGJI_NOW), and a drill's accelerated one. */
#ifndef YINGJI_IO_CLOCKS_H
#define YINGJI_IO_CLOCKS_H

#include <stdbool.h>

#include "core/clock.h"

/* The real time (CLOCK_REALTIME). */
void clock_init_system(struct yj_clock *c);
/* Always returns ms. */
void clock_init_fixed(struct yj_clock *c, int64_t ms);
/*
 * A drill's clock: it starts at `drill_start_ms` and runs `speed` times as fast
 * as the real one, so drill time = start + (real time elapsed) x speed; speed
 * 10 makes ten drill minutes of every real minute.  Speed 0 stands still.
 */
void clock_init_accelerated(struct yj_clock *c, int64_t drill_start_ms, double speed);
/*
 * The same, with real time measured by the clock `real` (kept by pointer: it
 * must outlive c): a headless test runs a drill at speed 10 on its fixed,
 * script-moved clock, so a minute it moves is ten on the drill clock.
 */
void clock_init_accelerated_on(struct yj_clock *c, int64_t drill_start_ms, double speed,
			       const struct yj_clock *real);
/*
 * Change an accelerated clock's speed from now on, keeping the drill time it
 * shows now: 0 pauses a drill, and its old speed resumes it.
 */
void clock_set_speed(struct yj_clock *c, double speed);

/*
 * The system clock, unless the environment variable YINGJI_NOW holds a time
 * ("YYYY-MM-DD HH:MM[:SS]" local, or with Z/+08:00): then that fixed time.
 * False (and the system clock) when YINGJI_NOW is set but malformed.
 */
bool clock_init_from_env(struct yj_clock *c);

#endif
