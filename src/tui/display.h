/*
 * The terminal: opening and restoring it, keys in, the screen out, size and
 * signals.  Only this module and tui/draw.c call curses.
 *
 * The terminal is restored on every way out: display_close() on a normal
 * exit; SIGINT, SIGTERM, SIGHUP and SIGQUIT are noted and end the input loop
 * (a second one while busy restores and exits at once); SIGSEGV, SIGABRT,
 * SIGBUS and SIGFPE restore with async-signal-safe calls only (the saved tty
 * modes and the terminal's own reset sequences) and then die by the signal.
 *
 * Headless mode draws on an in-memory screen of a fixed size and takes no
 * keys from the terminal: the test scripts drive it (tui/script.h).
 */
#ifndef YINGJI_TUI_DISPLAY_H
#define YINGJI_TUI_DISPLAY_H

#include <stdbool.h>

#include "util/status.h"

struct strbuf;

struct display_opts {
	bool headless;
	int rows, cols;		/* headless screen size */
};

/* Open the terminal (or the headless screen); on failure `why` says why. */
enum yj_status display_open(const struct display_opts *o, struct strbuf *why);
/* Restore the terminal as it was; harmless when already closed. */
void display_close(void);
/* Wait up to timeout_ms for a key (tui/keys.h); TUI_KEY_NONE when none came. */
int display_read_key(int timeout_ms);
void display_size(int *rows, int *cols);
/* Headless: change the screen size, as a terminal resize would. */
void display_set_size(int rows, int cols);
/* Show what was drawn since the last update; `full` repaints every cell. */
void display_update(bool full);
/* The INT, TERM, HUP or QUIT signal that asked the console to end, or 0. */
int display_pending_signal(void);

#endif
