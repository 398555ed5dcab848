/*
 * The full-screen console: the one entry point the command line calls.
 */
#ifndef YINGJI_TUI_TUI_H
#define YINGJI_TUI_TUI_H

#include <stdio.h>

#include "core/clock.h"
#include "util/status.h"

struct contact_book;
struct strbuf;

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
	/*
	 * The local contacts file (core/contact_book.h), NULL when there is none:
	 * its people and numbers are shown on the contacts screen.  When other
	 * users can read it, `contacts_shared` is its path, said at start.
	 */
	const struct contact_book *contacts;
	const char *contacts_shared;
};

/*
 * Run the console until the officer leaves it.  *signo is the signal that
 * ended it (SIGINT, SIGTERM, SIGHUP, SIGQUIT), 0 otherwise.  An error that
 * keeps it from starting (no terminal, the database) is returned with `why`.
 */
enum yj_status tui_run(const struct tui_opts *o, int *signo, struct strbuf *why);

#endif
