/*
 * An incident's state, folded from its newest fold snapshot on rather than
 * from its first entry, so that writing to or opening an incident costs the
 * same whether it holds ten entries or fifty thousand.  Snapshots are a
 * projection: written in the same transaction as the entry they follow,
 * tied to that entry's hash, ignored when they do not fit, and rebuilt from
 * the journal by state_rebuild().  The write path also keeps the state of
 * the incident it last wrote, and uses it again while the journal's head is
 * the one it left (checked inside the write transaction), so that a console
 * or a bulk writer appending to one incident folds one entry per append.
 */
#include "config.h"

#include "engine/engine_impl.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

void
engine_state_free(struct engine_state **ps)
{
	struct engine_state *s;

	if (!ps || !*ps)
		return;
	s = *ps;
	incident_summary_clear(&s->summary);
	incident_free(&s->st);
	entry_free_array(&s->entries, s->n);
	free(s);
	*ps = NULL;
}

static struct engine_state *
state_new(int64_t id, const struct playbook *pb, struct entry *entries, size_t n)
{
	struct engine_state *s = xcalloc(1, sizeof(*s));

	s->id = id;
	s->pb = pb;
	s->entries = entries;
	s->n = s->cap = n;
	return s;
}

/* From the first entry: when there is no usable snapshot. */
static enum yj_status
fold_all(struct engine *e, int64_t id, int64_t upto, struct engine_state **out,
	 struct strbuf *why)
{
	const struct playbook *pb = NULL;
	struct entry *entries = NULL;
	size_t n = 0;
	enum yj_status rc = engine_load_journal(e, id, upto, 0, &entries, &n, &pb, why);

	if (rc != YJ_OK)
		return rc;
	*out = state_new(id, pb, entries, n);
	(*out)->st = incident_begin(pb);
	incident_apply((*out)->st, entries, n, 0);
	(*out)->unsnapped = n;
	return YJ_OK;
}

/*
 * Restore snapshot `snap`, taken after entries[at], and fold on to the end.
 * NULL when it does not fit: taken on another chain (its hash is not that
 * entry's), under another playbook, or by another version of the fold.
 */
static struct incident *
restore(struct engine *e, const struct value *snap, const unsigned char *hash,
	const struct entry *entries, size_t n, size_t at, const struct playbook **pb)
{
	const char *plan = value_get_str(snap, "plan_hash");
	struct strbuf why = STRBUF_INIT;
	struct incident *st = NULL;

	if (at < n && memcmp(entries[at].hash, hash, ENTRY_HASH_LEN) == 0 && plan &&
	    engine_cached_playbook(e, plan, pb, &why) == YJ_OK)
		st = incident_restore(*pb, snap);
	sb_free(&why);
	if (st)
		incident_apply(st, entries, n, at + 1);
	return st;
}

enum yj_status
state_fold(struct engine *e, int64_t id, int64_t upto, bool whole, struct engine_state **out,
	   struct strbuf *why)
{
	struct store *store = engine_store(e);
	unsigned char hash[ENTRY_HASH_LEN];
	const struct playbook *pb = NULL;
	struct value *snap = NULL;
	struct entry *entries = NULL;
	struct incident *st = NULL;
	int64_t seq = 0;
	size_t n = 0, at;
	enum yj_status rc;

	*out = NULL;
	rc = store_get_snapshot(store, id, upto, INCIDENT_SNAPSHOT_VERSION, &seq, hash, &snap);
	if (rc == YJ_ERR_NOINPUT || rc == YJ_ERR_DB_CORRUPT)
		return fold_all(e, id, upto, out, why);	/* a bad snapshot is only a slower fold */
	if (rc != YJ_OK) {
		sb_append(why, store_error(store));
		return rc;
	}
	/* What the snapshot folded is only shown, if ever: decoded when first read. */
	rc = store_load_entries_lazy(store, id, whole ? 1 : seq, upto, seq, &entries, &n);
	if (rc != YJ_OK) {
		value_free(&snap);
		sb_append(why, store_error(store));
		return rc;
	}
	at = whole ? (size_t)(seq - 1) : 0;
	if (n > at && entries[at].seq == seq)
		st = restore(e, snap, hash, entries, n, at, &pb);
	value_free(&snap);
	if (!st) {
		entry_free_array(&entries, n);
		return fold_all(e, id, upto, out, why);
	}
	*out = state_new(id, pb, entries, n);
	(*out)->st = st;
	(*out)->unsnapped = n - at - 1;
	(*out)->head_snapshot = seq % ENGINE_SNAPSHOT_EVERY ? seq : 0;
	return YJ_OK;
}

enum yj_status
state_for_write(struct engine *e, int64_t id, bool whole, struct engine_state **out,
		struct strbuf *why)
{
	struct engine_state **hot = engine_hot(e);
	unsigned char hash[ENTRY_HASH_LEN];
	int64_t seq = 0;
	enum yj_status rc;

	*out = NULL;
	if (*hot && (*hot)->id == id && (!whole || (*hot)->entries[0].seq == 1)) {
		const struct entry *last = &(*hot)->entries[(*hot)->n - 1];

		rc = store_head(engine_store(e), id, &seq, hash);
		if (rc != YJ_OK) {
			sb_append(why, store_error(engine_store(e)));
			return rc;
		}
		/* The journal is append-only and hash-chained: the same head is the same journal. */
		if (seq == last->seq && memcmp(hash, last->hash, ENTRY_HASH_LEN) == 0) {
			*out = *hot;
			return YJ_OK;
		}
	}
	engine_state_free(hot);
	rc = state_fold(e, id, 0, whole, hot, why);
	*out = *hot;
	return rc;
}

/* The entries a kept state may hold before it is folded on from its snapshot. */
enum { REBASE_AFTER = 8 * ENGINE_SNAPSHOT_EVERY };

/*
 * Write a snapshot at the head; when the kept state holds many entries, fold
 * on from the snapshot instead, so that the entries before it can go (a
 * console appending for days keeps its memory bounded).
 */
static enum yj_status
snapshot_and_rebase(struct engine *e, struct engine_state *s, struct strbuf *why)
{
	const struct entry *head = &s->entries[s->n - 1];
	struct value *snap = incident_snapshot(s->st);
	enum yj_status rc = store_put_snapshot(engine_store(e), s->id, head->seq, head->hash,
					       INCIDENT_SNAPSHOT_VERSION, snap);
	struct incident *st = rc == YJ_OK && s->n > REBASE_AFTER ? incident_restore(s->pb, snap)
								   : NULL;

	value_free(&snap);
	/* The head snapshot this one replaces goes; those every ENGINE_SNAPSHOT_EVERY stay. */
	if (rc == YJ_OK && s->head_snapshot && s->head_snapshot != head->seq)
		rc = store_drop_snapshot(engine_store(e), s->id, s->head_snapshot);
	s->head_snapshot = head->seq % ENGINE_SNAPSHOT_EVERY ? head->seq : 0;
	if (rc != YJ_OK) {
		incident_free(&st);
		sb_append(why, store_error(engine_store(e)));
		return rc;
	}
	if (st) {
		for (size_t i = 0; i + 1 < s->n; i++)
			entry_clear(&s->entries[i]);
		s->entries[0] = s->entries[s->n - 1];
		s->n = 1;
		incident_free(&s->st);
		s->st = st;
		s->settled = false;
		incident_apply(st, s->entries, 1, 1);
	}
	s->unsnapped = 0;
	return YJ_OK;
}

static bool
same_text(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

/* The same row but for the head (seq, hash, time), which is read from the journal. */
static bool
same_summary(const struct incident_summary *a, const struct incident_summary *b)
{
	return a->id == b->id && a->closed == b->closed && a->opened_ms == b->opened_ms &&
	       a->next_due_ms == b->next_due_ms && same_text(a->title, b->title) &&
	       same_text(a->plan_id, b->plan_id) && same_text(a->phase, b->phase) &&
	       same_text(a->phase_title, b->phase_title) && same_text(a->level, b->level) &&
	       a->shown == b->shown && same_text(a->level_label, b->level_label) &&
	       a->level_colour == b->level_colour && a->clock_due_ms == b->clock_due_ms &&
	       a->clock_anchor_ms == b->clock_anchor_ms;
}

enum yj_status
state_append(struct engine *e, struct engine_state *s, struct entry *en, struct strbuf *why)
{
	struct incident_summary sum;
	/* The head was read in this transaction: state_for_write() checked it, or folded to it. */
	const struct entry *head = &s->entries[s->n - 1];
	enum yj_status rc = store_append_entry_after(engine_store(e), en, head->seq, head->hash);

	if (rc != YJ_OK) {
		entry_clear(en);
		sb_append(why, store_error(engine_store(e)));
		return rc;
	}
	s->entries = xgrow(s->entries, &s->cap, s->n + 1, sizeof(*s->entries));
	s->entries[s->n++] = *en;
	memset(en, 0, sizeof(*en));
	incident_apply(s->st, s->entries, s->n, s->n - 1);
	incident_settle(s->st, s->entries[s->n - 1].ts_ms);
	s->settled = true;
	incident_summarize(s->st, &sum);
	/* The row is read with the journal's head: when nothing else moved, it stands. */
	if (!s->summarized || !same_summary(&s->summary, &sum))
		rc = store_put_summary(engine_store(e), &sum);
	incident_summary_clear(&s->summary);
	s->summary = sum;
	s->summarized = rc == YJ_OK;
	if (rc != YJ_OK) {
		sb_append(why, store_error(engine_store(e)));
		return rc;
	}
	s->unsnapped++;
	if (s->entries[s->n - 1].seq % ENGINE_SNAPSHOT_EVERY == 0 ||
	    s->unsnapped >= ENGINE_HEAD_SNAPSHOT)
		rc = snapshot_and_rebase(e, s, why);
	return rc;
}

enum yj_status
state_rebuild(struct engine *e, int64_t id, struct strbuf *why)
{
	struct store *store = engine_store(e);
	const struct playbook *pb = NULL;
	struct entry *entries = NULL;
	struct incident_summary sum;
	struct incident *st;
	size_t n = 0;
	enum yj_status rc = store_clear_snapshots(store, id);

	if (rc != YJ_OK) {
		sb_append(why, store_error(store));
		return rc;
	}
	rc = engine_load_journal(e, id, 0, 0, &entries, &n, &pb, why);
	if (rc != YJ_OK)
		return rc;
	st = incident_begin(pb);
	for (size_t i = 0; rc == YJ_OK && i < n; i++) {
		incident_apply(st, entries, i + 1, i);
		if (entries[i].seq % ENGINE_SNAPSHOT_EVERY == 0) {
			struct value *snap = incident_snapshot(st);

			rc = store_put_snapshot(store, id, entries[i].seq, entries[i].hash,
						INCIDENT_SNAPSHOT_VERSION, snap);
			value_free(&snap);
		}
	}
	/* And one at the head, when it is far enough from the last (engine_impl.h). */
	if (rc == YJ_OK && entries[n - 1].seq % ENGINE_SNAPSHOT_EVERY >= ENGINE_HEAD_SNAPSHOT) {
		struct value *snap = incident_snapshot(st);

		rc = store_put_snapshot(store, id, entries[n - 1].seq, entries[n - 1].hash,
					INCIDENT_SNAPSHOT_VERSION, snap);
		value_free(&snap);
	}
	if (rc == YJ_OK) {
		incident_settle(st, entries[n - 1].ts_ms);
		incident_summarize(st, &sum);
		rc = store_put_summary(store, &sum);
		incident_summary_clear(&sum);
	}
	if (rc != YJ_OK)
		sb_append(why, store_error(store));
	incident_free(&st);
	entry_free_array(&entries, n);
	return rc;
}
