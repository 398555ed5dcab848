/*
 * The full-screen console: the one entry point the command line calls.
 */
#ifndef YINGJI_TUI_TUI_H
#define YINGJI_TUI_TUI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/clock.h"
#include "util/status.h"

struct contact_book;
struct strbuf;
struct tui_drill;

struct tui_opts {
	const char *db;			/* the database (created when missing) */
	const char *playbook;		/* the playbook new reports follow */
	const char *operator_name;	/* recorded on every entry */
	const struct yj_clock *clock;
	/*
	 * Headless test mode: keys come from this script (tui/script.h), the
	 * screen is in memory, `rows` x `cols`, and the transcript (the script
	 * with each expected screen replaced by the actual one) goes to `out`.
	 */
	const char *script;
	FILE *out;
	int rows, cols;
	/* `yingji drill SCENARIO`: the console on a new drill (tui/mode_drill.h); or NULL. */
	const struct tui_drill *drill;
	/*
	 * The officer's own bindings, read after the defaults (NULL: none).  A
	 * missing file is skipped unless `keys_required` (the file was named).
	 */
	const char *keys_path;
	bool keys_required;
	/*
	 * Replay mode (tui/mode_replay.h): open incident `replay_id` read-only,
	 * as it stood at each entry, playing at `replay_speed` times the
	 * journal's pace; 0 for the board.  Leaving the replay leaves the console.
	 */
	int64_t replay_id;
	int replay_speed;
	/*
	 * The local contacts file (core/contact_book.h), NULL when there is none:
	 * its people and numbers are shown on the contacts screen.  When other
	 * users can read it, `contacts_shared` is its path, said at start.
	 */
	const struct contact_book *contacts;
	const char *contacts_shared;
};

/* The replay's speeds: the default, and what --speed accepts. */
enum { TUI_REPLAY_SPEED_DEFAULT = 60, TUI_REPLAY_SPEED_MAX = 86400 };

/*
 * Run the console until the officer leaves it.  *signo is the signal that
 * ended it (SIGINT, SIGTERM, SIGHUP, SIGQUIT), 0 otherwise.  An error that
 * keeps it from starting (no terminal, the database) is returned with `why`;
 * a bad bindings file is YJ_ERR_DATA with every problem in `diags`, and the
 * console starts only when the file is right.
 */
enum yj_status tui_run(const struct tui_opts *o, int *signo, struct diag_list *diags,
		       struct strbuf *why);

/*
 * The KEY BINDINGS section of yingji(1) in roff, from the request table and
 * the compiled-in bindings (`yingji tui --man-keys`, `make man-keys`).
 */
enum yj_status tui_man_keys(struct strbuf *out, struct strbuf *why);

#endif
