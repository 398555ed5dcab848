/*
 * The console's drill mode (`yingji drill SCENARIO`): the console opened
 * straight on a new drill incident, on an accelerated drill clock.  The
 * trainee works the real plan on the same screens as a live incident; this
 * adds what a drill needs on top of them:
 *   - the banner on the status line of every screen: 演练 / DRILL, the speed
 *     or "paused", T+ the time since the drill began (the drill clock's own
 *     time is at the right of the same line);
 *   - the scenario's injects, delivered (engine/drill.h) as the drill clock
 *     reaches them: each lands in the timeline and raises an alert the
 *     trainee closes with Enter, its message also on the message line;
 *   - the trainer's keys, on every screen: pause and resume, an ad-hoc
 *     inject, and ending the drill (asks first);
 *   - the score screen (views/score.c) when the drill reaches a closed phase
 *     or the trainer ends it; the drill clock stops there.
 */
#ifndef YINGJI_TUI_MODE_DRILL_H
#define YINGJI_TUI_MODE_DRILL_H

#include "core/scenario.h"
#include "tui/line.h"
#include "tui/request.h"
#include "util/status.h"

struct app;
struct strbuf;

/* What `yingji drill SCENARIO` hands the console (tui_opts.drill). */
struct tui_drill {
	const struct scenario *sc;	/* checked against its playbook; borrowed */
	const char *playbook_path;	/* where that playbook was found */
	double speed;			/* drill minutes per real minute; > 0 */
};

/*
 * Start the drill: the drill clock from the scenario's start (or now) at
 * d->speed, the drill incident opened on it (drill_start), and the console
 * on that incident.  In a headless test script the drill clock runs on the
 * script's clock, so ":time +1m" at speed 10 is ten drill minutes; in a
 * terminal it runs on real time.
 */
enum yj_status mode_drill_start(struct app *a, const struct tui_drill *d, struct strbuf *why);
/* Leave drill mode: the engine back on the console's own clock. */
void mode_drill_free(struct app *a);

/* Time passed: deliver the injects that are due; open the score at the drill's end. */
unsigned mode_drill_tick(struct app *a);
/* The trainer's requests, on every screen (TUI_REQ_DRILL_*). */
unsigned mode_drill_request(struct app *a, enum tui_request rq);
/* The banner, at the start of the status line. */
void mode_drill_banner(const struct app *a, struct line *l);

/* The trainer's requests, for the help overlay; ends with TUI_REQ_NONE. */
extern const enum tui_request mode_drill_requests[];

#endif
