/* Clocks: the system's, and a fixed one for tests (YINGJI_NOW). */
#ifndef YINGJI_IO_CLOCKS_H
#define YINGJI_IO_CLOCKS_H

#include <stdbool.h>

#include "core/clock.h"

/* The real time (CLOCK_REALTIME). */
void clock_init_system(struct yj_clock *c);
/* Always returns ms. */
void clock_init_fixed(struct yj_clock *c, int64_t ms);
/*
 * The system clock, unless the environment variable YINGJI_NOW holds a time
 * ("YYYY-MM-DD HH:MM[:SS]" local, or with Z/+08:00): then that fixed time.
 * False (and the system clock) when YINGJI_NOW is set but malformed.
 */
bool clock_init_from_env(struct yj_clock *c);

#endif
