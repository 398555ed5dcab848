/*
 * The engine: the one facade both faces use.  A request goes in and either an
 * entry comes out, committed to the database before the call returns, or a
 * refusal that says exactly what is missing.  Views fold the journal for
 * display.  The engine owns the store connection, the clock and a cache of
 * playbooks (by content hash).
 */
#ifndef YINGJI_ENGINE_ENGINE_H
#define YINGJI_ENGINE_ENGINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/clock.h"
#include "core/incident.h"
#include "core/request.h"
#include "io/store.h"
#include "util/status.h"

struct strbuf;
struct engine;

struct engine_opts {
	const char *db;			/* database path */
	const char *operator_name;	/* recorded on every entry */
	const struct yj_clock *clock;	/* copied */
	bool create;			/* create the database when missing */
	bool readonly;
};

/* Open the database; on failure *out is NULL and `why` says what to do. */
enum yj_status engine_open(const struct engine_opts *o, struct engine **out, struct strbuf *why);
void engine_close(struct engine **e);
int64_t engine_now(const struct engine *e);
struct store *engine_store(struct engine *e);

/*
 * Take a report: load and check the playbook at `playbook_path`, store its
 * text, open a new incident with an OPEN entry.  *id is the new incident's id.
 * Playbook problems are added to `diags`; refusals go to `why`.
 */
enum yj_status engine_new(struct engine *e, const char *playbook_path, const char *title,
			  bool drill, const struct kv *kv, size_t n_kv, int64_t *id,
			  struct diag_list *diags, struct strbuf *why);

/*
 * engine_new() recording more in the OPEN entry: the members of `extra` (an
 * object, or NULL), as request_open_with() says.  Drills and the demo use it.
 */
enum yj_status engine_new_with(struct engine *e, const char *playbook_path, const char *title,
			       bool drill, const struct kv *kv, size_t n_kv,
			       const struct value *extra, int64_t *id, struct diag_list *diags,
			       struct strbuf *why);

/*
 * Change the clock (copied) or the operator (copied) for the entries that
 * follow: the demo import records each step at its own time, by its own
 * operator; a drill console pauses or speeds up its clock.
 */
void engine_set_clock(struct engine *e, const struct yj_clock *clock);
void engine_set_operator(struct engine *e, const char *operator_name);
/* The clock and operator in use (borrowed; valid until changed or the engine closes). */
const struct yj_clock *engine_clock(const struct engine *e);
const char *engine_operator(const struct engine *e);

/* Apply a request to incident `id`; on YJ_OK *seq (if not NULL) is the new entry's. */
enum yj_status engine_submit(struct engine *e, int64_t id, const struct request *rq,
			     int64_t *seq, struct strbuf *why);

/* An incident folded for display. */
struct incident_view {
	struct playbook *pb;		/* retained: valid until incident_view_free() */
	struct entry *entries;
	size_t n;
	struct incident *st;
};

/*
 * Fold incident `id` as it stood after entry `upto` (upto <= 0: now, all
 * entries).  With upto > 0 the state is evaluated at that entry's time.
 */
enum yj_status engine_view(struct engine *e, int64_t id, int64_t upto, struct incident_view **out,
			   struct strbuf *why);
/*
 * engine_view() without the whole journal, for what shows the state and not
 * the timeline (the board's rows, `show`, the level suggestion, a briefing):
 * v->entries (and v->st->entries) hold only the entries since the incident's
 * newest fold snapshot at or before `upto`, the last being the head (or
 * entry `upto`).  Its cost does not grow with the length of the incident.
 */
enum yj_status engine_view_tail(struct engine *e, int64_t id, int64_t upto,
				struct incident_view **out, struct strbuf *why);
void incident_view_free(struct incident_view **v);

/*
 * Replay (the reviewer's step forward and back): the whole journal of `id`,
 * and its state after any entry, folded on from the nearest snapshot (the
 * stored ones, and those the replay takes itself as it goes) so that a step
 * either way costs at most ENGINE_SNAPSHOT_EVERY entries of folding.
 */
struct engine_replay;
enum yj_status engine_replay_open(struct engine *e, int64_t id, struct engine_replay **out,
				  struct strbuf *why);
/* The journal replayed (borrowed; valid until engine_replay_free). */
const struct entry *engine_replay_entries(const struct engine_replay *r, size_t *n);
/*
 * The state just after entry `seq` (1 to the last), evaluated at that entry's
 * time (incident_set_now() moves it); borrowed, valid until the next seek or
 * engine_replay_free().  YJ_ERR_NOINPUT when there is no such entry.
 */
enum yj_status engine_replay_seek(struct engine_replay *r, int64_t seq, const struct incident **st,
				  struct strbuf *why);
void engine_replay_free(struct engine_replay **r);

/* Recompute the projections of every incident from its journal: summary rows
 * and fold snapshots (repairs them). */
enum yj_status engine_rebuild_summaries(struct engine *e, struct strbuf *why);

#endif
