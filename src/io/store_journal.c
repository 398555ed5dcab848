/* Playbooks by content, incidents, and the hash-chained journal. */
#include "config.h"

#include "io/hash.h"
#include "io/json.h"
#include "io/store_impl.h"
#include "util/xalloc.h"

#include <inttypes.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

/* ---- playbooks ---- */

enum yj_status
store_put_playbook(struct store *s, const char *hash_hex, const char *plan_id, const char *text,
		   size_t len)
{
	sqlite3_stmt *st = store_stmt(s, STMT_PUT_PLAYBOOK,
				      "INSERT OR IGNORE INTO playbook(hash, plan_id, text)"
				      " VALUES(?1, ?2, ?3)");
	enum yj_status rc = YJ_OK;
	int src;

	if (!st)
		return YJ_ERR_DB_UNAVAILABLE;
	sqlite3_bind_text(st, 1, hash_hex, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, plan_id, -1, SQLITE_STATIC);
	sqlite3_bind_blob64(st, 3, text, len, SQLITE_STATIC);
	src = sqlite3_step(st);
	if (src != SQLITE_DONE)
		rc = store_fail(s, src, "storing playbook %.12s", hash_hex);
	store_stmt_done(st);
	return rc;
}

enum yj_status
store_get_playbook(struct store *s, const char *hash_hex, char **text, size_t *len)
{
	sqlite3_stmt *st = store_stmt(s, STMT_GET_PLAYBOOK,
				      "SELECT text FROM playbook WHERE hash = ?1");
	enum yj_status rc = YJ_OK;
	int src;

	*text = NULL;
	*len = 0;
	if (!st)
		return YJ_ERR_DB_UNAVAILABLE;
	sqlite3_bind_text(st, 1, hash_hex, -1, SQLITE_STATIC);
	src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		const void *blob = sqlite3_column_blob(st, 0);

		*len = (size_t)sqlite3_column_bytes(st, 0);
		*text = xmalloc(*len + 1);
		if (*len)
			memcpy(*text, blob, *len);
		(*text)[*len] = '\0';
	} else if (src == SQLITE_DONE) {
		rc = store_failf(s, YJ_ERR_NOINPUT, "no playbook %.12s in the database", hash_hex);
	} else {
		rc = store_fail(s, src, "reading playbook %.12s", hash_hex);
	}
	store_stmt_done(st);
	return rc;
}

enum yj_status
store_put_playbook_tree(struct store *s, const char *hash_hex, int version, const void *tree,
			size_t len)
{
	sqlite3_stmt *st = store_stmt(s, STMT_PUT_TREE,
				      "INSERT OR REPLACE INTO playbook_tree(hash, version, tree)"
				      " VALUES(?1, ?2, ?3)");
	enum yj_status rc = YJ_OK;
	int src;

	if (!st)
		return YJ_ERR_DB_UNAVAILABLE;
	sqlite3_bind_text(st, 1, hash_hex, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, version);
	sqlite3_bind_blob64(st, 3, tree, len, SQLITE_STATIC);
	src = sqlite3_step(st);
	if (src != SQLITE_DONE)
		rc = store_fail(s, src, "storing the tree of playbook %.12s", hash_hex);
	store_stmt_done(st);
	return rc;
}

enum yj_status
store_get_playbook_tree(struct store *s, const char *hash_hex, int version, void **tree,
			size_t *len)
{
	sqlite3_stmt *st = store_stmt(s, STMT_GET_TREE,
				      "SELECT tree FROM playbook_tree WHERE hash = ?1 AND version = ?2");
	enum yj_status rc = YJ_OK;
	int src;

	*tree = NULL;
	*len = 0;
	if (!st)
		return YJ_ERR_DB_UNAVAILABLE;
	sqlite3_bind_text(st, 1, hash_hex, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, version);
	src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		*len = (size_t)sqlite3_column_bytes(st, 0);
		*tree = xmalloc(*len + 1);
		if (*len)
			memcpy(*tree, sqlite3_column_blob(st, 0), *len);
	} else if (src == SQLITE_DONE) {
		rc = store_failf(s, YJ_ERR_NOINPUT, "no tree of playbook %.12s", hash_hex);
	} else {
		rc = store_fail(s, src, "reading the tree of playbook %.12s", hash_hex);
	}
	store_stmt_done(st);
	return rc;
}

/* ---- incidents ---- */

enum yj_status
store_new_incident(struct store *s, bool drill, int64_t created_ms, int64_t *id)
{
	sqlite3_stmt *st = store_stmt(s, STMT_NEW_INCIDENT,
				      "INSERT INTO incident(drill, created_ms) VALUES(?1, ?2)");
	enum yj_status rc = YJ_OK;
	int src;

	if (!st)
		return YJ_ERR_DB_UNAVAILABLE;
	sqlite3_bind_int(st, 1, drill ? 1 : 0);
	sqlite3_bind_int64(st, 2, created_ms);
	src = sqlite3_step(st);
	if (src == SQLITE_DONE)
		*id = sqlite3_last_insert_rowid(s->db);
	else
		rc = store_fail(s, src, "creating an incident");
	store_stmt_done(st);
	return rc;
}

enum yj_status
store_incident_exists(struct store *s, int64_t id, bool *drill)
{
	sqlite3_stmt *st = store_stmt(s, STMT_INCIDENT_EXISTS,
				      "SELECT drill FROM incident WHERE id = ?1");
	enum yj_status rc = YJ_OK;
	int src;

	if (!st)
		return YJ_ERR_DB_UNAVAILABLE;
	sqlite3_bind_int64(st, 1, id);
	src = sqlite3_step(st);
	if (src == SQLITE_ROW && drill)
		*drill = sqlite3_column_int(st, 0) != 0;
	if (src == SQLITE_DONE)
		rc = store_failf(s, YJ_ERR_NOINPUT, "no incident %" PRId64, id);
	else if (src != SQLITE_ROW)
		rc = store_fail(s, src, "looking up incident %" PRId64, id);
	store_stmt_done(st);
	return rc;
}

/* ---- the journal ---- */

/* Copy a stored hash column; false when it is not ENTRY_HASH_LEN bytes. */
static bool
column_hash(sqlite3_stmt *st, int col, unsigned char out[ENTRY_HASH_LEN])
{
	const void *blob = sqlite3_column_blob(st, col);

	if (sqlite3_column_bytes(st, col) != ENTRY_HASH_LEN || !blob)
		return false;
	memcpy(out, blob, ENTRY_HASH_LEN);
	return true;
}

enum yj_status
store_head(struct store *s, int64_t incident, int64_t *seq, unsigned char hash[ENTRY_HASH_LEN])
{
	sqlite3_stmt *st = store_stmt(s, STMT_HEAD,
				      "SELECT seq, hash FROM journal WHERE incident = ?1"
				      " ORDER BY seq DESC LIMIT 1");
	enum yj_status rc = YJ_OK;
	int src;

	*seq = 0;
	memset(hash, 0, ENTRY_HASH_LEN);
	if (!st)
		return YJ_ERR_DB_UNAVAILABLE;
	sqlite3_bind_int64(st, 1, incident);
	src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		*seq = sqlite3_column_int64(st, 0);
		if (!column_hash(st, 1, hash))
			rc = store_failf(s, YJ_ERR_DB_CORRUPT,
					 "incident %" PRId64 " entry %" PRId64
					 ": the stored hash is not %d bytes",
					 incident, *seq, ENTRY_HASH_LEN);
	} else if (src != SQLITE_DONE) {
		rc = store_fail(s, src, "reading the head of incident %" PRId64, incident);
	}
	store_stmt_done(st);
	return rc;
}

static enum yj_status
insert_entry(struct store *s, const struct entry *e, const char *payload)
{
	sqlite3_stmt *st = store_stmt(s, STMT_INSERT_ENTRY,
				      "INSERT INTO journal(incident, seq, ts_ms, operator, kind,"
				      " payload, prev, hash)"
				      " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
	enum yj_status rc = YJ_OK;
	int src;

	if (!st)
		return YJ_ERR_DB_UNAVAILABLE;
	sqlite3_bind_int64(st, 1, e->incident);
	sqlite3_bind_int64(st, 2, e->seq);
	sqlite3_bind_int64(st, 3, e->ts_ms);
	sqlite3_bind_text(st, 4, e->operator_name ? e->operator_name : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, entry_kind_name(e->kind), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, payload, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 7, e->prev, ENTRY_HASH_LEN, SQLITE_STATIC);
	sqlite3_bind_blob(st, 8, e->hash, ENTRY_HASH_LEN, SQLITE_STATIC);
	src = sqlite3_step(st);
	if (src == SQLITE_CONSTRAINT_FOREIGNKEY)
		rc = store_failf(s, YJ_ERR_NOINPUT, "appending to incident %" PRId64
				 ": no such incident", e->incident);
	else if (src != SQLITE_DONE)
		rc = store_fail(s, src, "appending to incident %" PRId64, e->incident);
	store_stmt_done(st);
	return rc;
}

enum yj_status
store_append_entry(struct store *s, struct entry *e)
{
	return store_append_entry_after(s, e, -1, NULL);
}

enum yj_status
store_append_entry_after(struct store *s, struct entry *e, int64_t head_seq,
			 const unsigned char head_hash[ENTRY_HASH_LEN])
{
	struct entry next = *e;
	const char *op = e->operator_name ? e->operator_name : "";
	enum yj_status rc = YJ_OK;
	char *payload;

	/* The head read and the insert must be one atomic step: only the
	 * caller's write transaction makes seq = head + 1 safe. */
	if (sqlite3_get_autocommit(s->db))
		return store_failf(s, YJ_ERR_INTERNAL, "appending to incident %" PRId64
				   ": not inside a write transaction", e->incident);
	if ((unsigned)e->kind >= ENTRY_KIND_COUNT)
		return store_failf(s, YJ_ERR_INTERNAL, "appending to incident %" PRId64
				   ": unknown entry kind %d", e->incident, (int)e->kind);
	if (head_seq >= 0 && head_hash) {
		next.seq = head_seq;
		memcpy(next.prev, head_hash, ENTRY_HASH_LEN);
	} else {
		rc = store_head(s, e->incident, &next.seq, next.prev);
	}
	if (rc != YJ_OK)
		return rc;
	next.seq++;
	/* A payload is always an object, if only an empty one. */
	payload = e->payload ? json_encode(e->payload, 0) : xstrdup("{}");
	hash_entry(next.incident, next.seq, next.ts_ms, op, entry_kind_name(next.kind), payload,
		   next.prev, next.hash);
	rc = insert_entry(s, &next, payload);
	free(payload);
	if (rc == YJ_OK) {
		e->seq = next.seq;
		memcpy(e->prev, next.prev, ENTRY_HASH_LEN);
		memcpy(e->hash, next.hash, ENTRY_HASH_LEN);
	}
	return rc;
}

static const char *
column_str(sqlite3_stmt *st, int col)
{
	const char *t = (const char *)sqlite3_column_text(st, col);

	return t ? t : "";
}

/* One row of STMT_LOAD_ENTRIES into e; a corrupt row is YJ_ERR_DB_CORRUPT. */
static enum yj_status
read_entry(struct store *s, sqlite3_stmt *st, int64_t incident, bool lazy, struct entry *e)
{
	const char *kind = column_str(st, 3);
	int k = entry_kind_from_name(kind);
	char *why = NULL;

	e->incident = incident;
	e->seq = sqlite3_column_int64(st, 0);
	e->ts_ms = sqlite3_column_int64(st, 1);
	e->operator_name = xstrdup(column_str(st, 2));
	if (k < 0)
		return store_failf(s, YJ_ERR_DB_CORRUPT, "incident %" PRId64 " entry %" PRId64
				   ": unknown entry kind '%s'", incident, e->seq, kind);
	e->kind = (enum entry_kind)k;
	if (lazy)
		e->payload = value_lazy(column_str(st, 4), json_decode_lazy);
	else
		e->payload = json_decode(column_str(st, 4), &why);
	if (!lazy && (!e->payload || value_kind(e->payload) != VALUE_OBJ)) {
		store_failf(s, YJ_ERR_DB_CORRUPT, "incident %" PRId64 " entry %" PRId64
			    ": the payload is not a JSON object (%s)", incident, e->seq,
			    why ? why : "not an object");
		free(why);
		return YJ_ERR_DB_CORRUPT;
	}
	if (!column_hash(st, 5, e->prev) || !column_hash(st, 6, e->hash))
		return store_failf(s, YJ_ERR_DB_CORRUPT, "incident %" PRId64 " entry %" PRId64
				   ": a stored hash is not %d bytes", incident, e->seq,
				   ENTRY_HASH_LEN);
	return YJ_OK;
}

static enum yj_status
load_rows(struct store *s, sqlite3_stmt *st, int64_t incident, int64_t eager_from,
	  size_t expect, struct entry **out, size_t *n)
{
	size_t cap = 0;

	/* Sized once: doubling a long journal's array would hold two copies at once. */
	if (expect)
		*out = xgrow(*out, &cap, expect, sizeof(**out));
	enum yj_status rc = YJ_OK;
	int src = SQLITE_DONE;

	while (rc == YJ_OK && (src = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xgrow(*out, &cap, *n + 1, sizeof(**out));
		memset(&(*out)[*n], 0, sizeof(**out));
		rc = read_entry(s, st, incident, sqlite3_column_int64(st, 0) < eager_from,
				&(*out)[(*n)++]);
	}
	if (rc == YJ_OK && src != SQLITE_DONE)
		rc = store_fail(s, src, "reading the journal of incident %" PRId64, incident);
	return rc;
}

enum yj_status
store_load_entries(struct store *s, int64_t incident, int64_t upto, struct entry **out,
		   size_t *n)
{
	return store_load_entries_range(s, incident, 1, upto, out, n);
}

enum yj_status
store_load_entries_range(struct store *s, int64_t incident, int64_t from, int64_t upto,
			 struct entry **out, size_t *n)
{
	return store_load_entries_lazy(s, incident, from, upto, 0, out, n);
}

enum yj_status
store_load_entries_lazy(struct store *s, int64_t incident, int64_t from, int64_t upto,
			int64_t eager_from, struct entry **out, size_t *n)
{
	sqlite3_stmt *st = store_stmt(s, STMT_LOAD_ENTRIES,
				      "SELECT seq, ts_ms, operator, kind, payload, prev, hash"
				      " FROM journal WHERE incident = ?1 AND seq BETWEEN ?2 AND ?3"
				      " ORDER BY seq");
	unsigned char hash[ENTRY_HASH_LEN];
	int64_t head = 0, last;
	enum yj_status rc;

	*out = NULL;
	*n = 0;
	if (!st)
		return YJ_ERR_DB_UNAVAILABLE;
	/* The head says how many rows are coming (seqs run 1, 2, 3 ...). */
	if (store_head(s, incident, &head, hash) != YJ_OK)
		head = 0;
	last = upto > 0 && upto < head ? upto : head;
	sqlite3_bind_int64(st, 1, incident);
	sqlite3_bind_int64(st, 2, from);
	sqlite3_bind_int64(st, 3, upto > 0 ? upto : INT64_MAX);
	rc = load_rows(s, st, incident, eager_from,
		       last >= from && last - from < 10000000 ? (size_t)(last - from + 1) : 0, out, n);
	store_stmt_done(st);
	if (rc != YJ_OK) {
		entry_free_array(out, *n);
		*n = 0;
	}
	return rc;
}
