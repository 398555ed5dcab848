/*
 * Private to engine/: how the engine loads an incident's state (state.c)
 * and what engine.c shares with it.
 */
#ifndef YINGJI_ENGINE_ENGINE_IMPL_H
#define YINGJI_ENGINE_ENGINE_IMPL_H

#include "engine/engine.h"

/*
 * A fold snapshot is written every ENGINE_SNAPSHOT_EVERY entries (at the
 * entries whose seq is a multiple of it), in the transaction that appends
 * that entry, and at the head of an incident folded from further back than
 * twice that (a database of an older version, or snapshots of an older fold),
 * so an incident is never folded from more than that many entries back.
 */
enum { ENGINE_SNAPSHOT_EVERY = 128 };

/*
 * Besides those, an incident keeps one snapshot at (or near) its head, taken
 * once ENGINE_HEAD_SNAPSHOT entries have been folded on since the last one and
 * replaced by the next, so that opening an incident folds at most that many
 * entries.  The board no longer folds (it reads the summary rows), so it is
 * taken every 64 appends rather than 32: each costs a snapshot write (10 kB
 * for a long incident) on the sustained write path, and a fold of 64 notes
 * on open is well under a millisecond.
 */
enum { ENGINE_HEAD_SNAPSHOT = 64 };

/*
 * An incident's state, folded from its newest usable snapshot on (or from
 * its first entry when it has none): entries[0] is the entry the snapshot
 * was taken after, or the OPEN entry; st borrows entries[0..n).
 */
struct engine_state {
	int64_t id;
	const struct playbook *pb;	/* the engine's cached copy */
	struct entry *entries;
	size_t n, cap;
	struct incident *st;		/* derived parts stale until incident_settle() */
	size_t unsnapped;		/* entries folded on since the last snapshot */
	int64_t head_snapshot;		/* seq of the head snapshot to replace; 0 when none */
	bool settled;			/* derived parts up to date but for the time */
	bool summarized;		/* `summary` is the row as this state last wrote it */
	struct incident_summary summary;
};

/* engine.c: the playbook stored under `hash`, parsed once and cached. */
enum yj_status engine_cached_playbook(struct engine *e, const char *hash,
				      const struct playbook **out, struct strbuf *why);
/*
 * engine.c: the whole journal of `id` up to `upto` and its playbook, or why
 * not; the payloads before entry `eager_from` are decoded when first read
 * (store_load_entries_lazy; 0: all now).
 */
enum yj_status engine_load_journal(struct engine *e, int64_t id, int64_t upto,
				   int64_t eager_from, struct entry **entries, size_t *n,
				   const struct playbook **pb, struct strbuf *why);
/* playbooks.c: the stored playbook `hash` built from its cached tree; NULL when none fits. */
struct playbook *stored_playbook_from_tree(struct engine *e, const char *hash, const char *name);
/* playbooks.c: the same from its text, with the tree to cache appended to `tree`. */
enum yj_status stored_playbook_from_text(const char *name, const char *text, size_t len,
					 struct playbook **pb, struct strbuf *tree,
					 struct diag_list *dl);
/* engine.c: write the trees of playbooks loaded from their text (in a write transaction). */
enum yj_status engine_flush_trees(struct engine *e, struct strbuf *why);
/* engine.c: the state the write path keeps between transactions (may be NULL). */
struct engine_state **engine_hot(struct engine *e);

/*
 * state.c: fold incident `id` as it stood after entry `upto` (upto <= 0: the
 * head), inside the caller's transaction.  With `whole` the state's entries
 * are the whole journal (from seq 1) and the fold still starts at the newest
 * snapshot; without it they start at that snapshot.
 */
enum yj_status state_fold(struct engine *e, int64_t id, int64_t upto, bool whole,
			  struct engine_state **out, struct strbuf *why);
/*
 * state.c: the state at the head of `id` for a write, inside the caller's
 * write transaction: the one the engine kept from its last write when the
 * journal has not moved since, else folded again; with `whole`, one whose
 * entries are the whole journal (a handover's briefing lists every action
 * so far).  Owned by the engine.
 */
enum yj_status state_for_write(struct engine *e, int64_t id, bool whole,
			       struct engine_state **out, struct strbuf *why);
/*
 * state.c: append `en` (its payload and operator taken) to the journal, fold
 * it in, write the summary row and, when due, a snapshot.
 */
enum yj_status state_append(struct engine *e, struct engine_state *s, struct entry *en,
			    struct strbuf *why);
/* state.c: recompute both projections of `id` from its journal (write transaction). */
enum yj_status state_rebuild(struct engine *e, int64_t id, struct strbuf *why);
void engine_state_free(struct engine_state **s);

#endif
