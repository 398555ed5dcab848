/*
 * Headless test scripts.  A script is lines of:
 *   KEY KEY ...          key names as in the bindings (tui/keys.h), pressed
 *                        one by one, each only when the console is idle
 *   :type TEXT           type TEXT (every character a key)
 *   :time +DURATION      move the clock on ("+5m", "+1h30m")
 *   :resize COLSxROWS    resize the screen
 *   :screen ... :end     the expected screen, row by row (trailing blanks cut)
 *   :expect-at ROW COL TEXT        TEXT is drawn from ROW, COL (0-based)
 *   :expect-style STYLE TEXT       the first TEXT on screen is in STYLE
 *   :expect-request NAME           the last key made request NAME, and it acted
 *   # comment, @runner lines and blank lines
 * The transcript is the script itself with every :screen block holding the
 * screen as it is, and a "! ..." line after each expectation that failed, so
 * a test passes when its transcript equals its file.
 */
#ifndef YINGJI_TUI_SCRIPT_H
#define YINGJI_TUI_SCRIPT_H

#include <stdio.h>

#include "util/status.h"

struct app;
struct strbuf;

/* Run the script at `path`, writing the transcript to `out`. */
enum yj_status script_run(struct app *a, const char *path, FILE *out, struct strbuf *why);

#endif
