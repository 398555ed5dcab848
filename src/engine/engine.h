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
void incident_view_free(struct incident_view **v);

/* Recompute the summary row of every incident from its journal (repairs a projection). */
enum yj_status engine_rebuild_summaries(struct engine *e, struct strbuf *why);

#endif
