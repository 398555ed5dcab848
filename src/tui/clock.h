/*
 * The console's clock: the one it was given, plus an offset that only a test
 * script moves (":time +5m"), so a headless test sees deadlines turn amber
 * and red without waiting.
 */
#ifndef YINGJI_TUI_CLOCK_H
#define YINGJI_TUI_CLOCK_H

#include <stdint.h>

#include "core/clock.h"

/* A clock reading `base` plus the offset (the engine copies it). */
void tui_clock_init(struct yj_clock *out, const struct yj_clock *base);
/* Move the offset on by ms. */
void tui_clock_advance(int64_t ms);

#endif
