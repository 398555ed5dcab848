/*
 * One step of the console, shared by the terminal's input loop (tui/tui.c)
 * and the headless test scripts (tui/script.c): a key, a tick, a resize,
 * each followed by whatever redraw it asked for.
 */
#ifndef YINGJI_TUI_LOOP_H
#define YINGJI_TUI_LOOP_H

#include <stdbool.h>

struct app;

/* Each returns false once the console should end. */
bool loop_key(struct app *a, int key);
bool loop_tick(struct app *a);
bool loop_resize(struct app *a, int rows, int cols);
/* Draw everything now. */
void loop_redraw(struct app *a, bool full);

#endif
