/*
 * Replay mode: the console showing a recorded incident as it stood after
 * entry k of its journal, read-only.  app_incident() is then the state the
 * engine's replay folds at k (engine_replay_seek), and the console's clock
 * stands at entry k's time, so every screen shows fold(entries[0..k]): what
 * the officer on duty saw at that moment.
 *
 * Playing moves k on at the journal's own pace divided by the speed, but
 * never waits longer than REPLAY_MAX_WAIT_MS of real time for one step (the
 * 30 days of a review phase would otherwise stop the replay); the banner
 * says when a gap is shortened.  Every request that would write is refused
 * here, in one place; an annotation is the one write a reviewer may make.
 * The keys are bound under the pseudo view "replay" (src/tui/default.keys)
 * and take precedence over the screen's own while replaying.
 */
#ifndef YINGJI_TUI_MODE_REPLAY_H
#define YINGJI_TUI_MODE_REPLAY_H

#include <stdbool.h>
#include <stdint.h>

#include "core/request.h"
#include "tui/request.h"

struct app;
struct incident;
struct line;
struct replay;
struct view;

enum { REPLAY_MAX_WAIT_MS = 3000 };

/* The name replay's bindings are made under. */
#define REPLAY_KEYS "replay"

/* The replay requests, for the help overlay; ends with TUI_REQ_NONE. */
extern const enum tui_request replay_requests[];

/*
 * Replay incident `id` at `speed`, playing from its first entry: the
 * incident screen is opened on top of the views.  False (with a message)
 * when its journal cannot be read.
 */
bool replay_start(struct app *a, int64_t id, int speed);
/* Leave replay mode (the incident screen closed). */
void replay_end(struct app *a);
/* The state at the current entry. */
const struct incident *replay_state(const struct replay *r);
/* The journal changed (an annotation): read it again, keep the position. */
void replay_reload(struct app *a);
/* Time passed: play on, or pick up what another console wrote. */
unsigned replay_tick(struct app *a);
/* How long the input loop may sleep, at most `poll_ms`, before the next step is due. */
int replay_wait_ms(struct app *a, int poll_ms);
/*
 * A key on view `v`: the replay's own requests, and the refusal of those that
 * would write; REACT_UNHANDLED for the rest.
 */
unsigned replay_key(struct app *a, struct view *v, int key);
/* Whether `rq` would record something, and is refused while replaying. */
bool replay_refuses(enum tui_request rq);
/* The requests the key line offers while replaying; ends with TUI_REQ_NONE. */
const enum tui_request *replay_hint_requests(void);
/* Whether request `rq` may be submitted in replay mode (false: refused, with a message). */
bool replay_may_submit(struct app *a, const struct request *rq);
/* The banner in place of the status line: REPLAY, k/n, entry k's time, the speed, playing. */
void replay_banner(struct app *a, struct line *l);

#endif
