/*
 * Replay: the state of an incident after any entry, for the reviewer stepping
 * forward and back (BRIEF: "Replay and review").  A step forward folds one
 * more entry into the state at hand; a step back, or a jump, starts again
 * from the nearest mark at or before the target: a fold snapshot taken every
 * ENGINE_SNAPSHOT_EVERY entries, read from the database or, when it has none
 * (an incident written by an older yingji), taken by the replay itself as it
 * goes forward.  Either way no step folds more than that many entries.
 */
#include "config.h"

#include "engine/engine_impl.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

enum { EVERY = ENGINE_SNAPSHOT_EVERY };

struct engine_replay {
	struct engine *e;
	int64_t id;
	const struct playbook *pb;
	struct entry *entries;	/* the whole journal: entries[i].seq == i + 1 */
	size_t n;
	struct value **marks;	/* marks[k]: the snapshot after entry k * EVERY, or NULL */
	bool *asked;		/* marks[k] was looked for in the database */
	size_t n_marks;
	struct incident *st;	/* the state after entry `at` (0: none yet) */
	size_t at;
};

enum yj_status
engine_replay_open(struct engine *e, int64_t id, struct engine_replay **out, struct strbuf *why)
{
	struct engine_replay *r = xcalloc(1, sizeof(*r));
	enum yj_status rc = store_begin_read(engine_store(e));

	*out = NULL;
	if (rc != YJ_OK) {
		free(r);
		sb_append(why, store_error(engine_store(e)));
		return rc;
	}
	/* Payloads are decoded as the replay folds them: opening costs reading the rows. */
	rc = engine_load_journal(e, id, 0, INT64_MAX, &r->entries, &r->n, &r->pb, why);
	store_rollback(engine_store(e));
	if (rc != YJ_OK) {
		free(r);
		return rc;
	}
	for (size_t i = 0; i < r->n; i++)
		if (r->entries[i].seq != (int64_t)i + 1) {
			sb_printf(why, "incident %lld: the journal skips from entry %lld to %lld "
				       "(run yingji verify)", (long long)id, (long long)i,
				  (long long)r->entries[i].seq);
			engine_replay_free(&r);
			return YJ_ERR_DB_CORRUPT;
		}
	r->e = e;
	r->id = id;
	r->n_marks = r->n / EVERY + 1;
	r->marks = xcalloc(r->n_marks, sizeof(*r->marks));
	r->asked = xcalloc(r->n_marks, sizeof(*r->asked));
	*out = r;
	return YJ_OK;
}

const struct entry *
engine_replay_entries(const struct engine_replay *r, size_t *n)
{
	*n = r->n;
	return r->entries;
}

void
engine_replay_free(struct engine_replay **pr)
{
	struct engine_replay *r;

	if (!pr || !*pr)
		return;
	r = *pr;
	for (size_t k = 0; k < r->n_marks; k++)
		value_free(&r->marks[k]);
	free(r->marks);
	free(r->asked);
	incident_free(&r->st);
	entry_free_array(&r->entries, r->n);
	free(r);
	*pr = NULL;
}

/* Mark k (after entry k * EVERY), from memory or the database; NULL when none. */
static const struct value *
mark(struct engine_replay *r, size_t k)
{
	unsigned char hash[ENTRY_HASH_LEN];
	struct value *snap = NULL;
	int64_t want = (int64_t)(k * EVERY), seq = 0;

	if (r->marks[k] || r->asked[k])
		return r->marks[k];
	r->asked[k] = true;
	if (store_get_snapshot(engine_store(r->e), r->id, want, INCIDENT_SNAPSHOT_VERSION, &seq,
			       hash, &snap) == YJ_OK &&
	    seq == want && memcmp(hash, r->entries[want - 1].hash, ENTRY_HASH_LEN) == 0)
		r->marks[k] = snap;
	else
		value_free(&snap);
	return r->marks[k];
}

/* Start again from the nearest mark at or before entry `seq`. */
static void
restart(struct engine_replay *r, size_t seq)
{
	incident_free(&r->st);
	for (size_t k = seq / EVERY; k > 0 && !r->st; k--) {
		const struct value *m = mark(r, k);

		if (m && (r->st = incident_restore(r->pb, m)) != NULL) {
			r->at = k * EVERY;
			incident_apply(r->st, r->entries, r->at, r->at);
		}
	}
	if (!r->st) {
		r->st = incident_begin(r->pb);
		r->at = 0;
	}
}

/* Fold on to entry `seq`, taking the marks passed that are missing. */
static void
forward(struct engine_replay *r, size_t seq)
{
	for (; r->at < seq; r->at++) {
		size_t k = (r->at + 1) / EVERY;

		incident_apply(r->st, r->entries, r->at + 1, r->at);
		if ((r->at + 1) % EVERY == 0 && !r->marks[k]) {
			r->marks[k] = incident_snapshot(r->st);
			r->asked[k] = true;
		}
	}
}

enum yj_status
engine_replay_seek(struct engine_replay *r, int64_t seq, const struct incident **st,
		   struct strbuf *why)
{
	*st = NULL;
	if (seq < 1 || (size_t)seq > r->n) {
		sb_printf(why, "incident %lld has no entry %lld (its journal ends at %lld)",
			  (long long)r->id, (long long)seq, (long long)r->n);
		return YJ_ERR_NOINPUT;
	}
	if (!r->st || (size_t)seq < r->at || (size_t)seq - r->at > EVERY)
		restart(r, (size_t)seq);
	forward(r, (size_t)seq);
	incident_settle(r->st, r->entries[seq - 1].ts_ms);
	*st = r->st;
	return YJ_OK;
}
