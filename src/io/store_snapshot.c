/*
 * Fold snapshots: the second projection beside the summary row.  A snapshot
 * is tied to the entry it was taken after by that entry's hash, so the
 * engine never folds on from a snapshot of another chain, and to the fold's
 * format version, so a new yingji ignores the snapshots of an older fold.
 */
#include "config.h"

#include "io/json.h"
#include "io/store_impl.h"
#include "util/xalloc.h"

#include <inttypes.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

enum yj_status
store_put_snapshot(struct store *s, int64_t incident, int64_t seq,
		   const unsigned char hash[ENTRY_HASH_LEN], int version, const struct value *state)
{
	sqlite3_stmt *st = store_stmt(s, STMT_PUT_SNAPSHOT,
				      "INSERT OR REPLACE INTO snapshot(incident, seq, hash, version,"
				      " state) VALUES(?1, ?2, ?3, ?4, ?5)");
	enum yj_status rc = YJ_OK;
	char *text;
	int src;

	if (!st)
		return YJ_ERR_DB_UNAVAILABLE;
	text = json_encode(state, 0);
	sqlite3_bind_int64(st, 1, incident);
	sqlite3_bind_int64(st, 2, seq);
	sqlite3_bind_blob(st, 3, hash, ENTRY_HASH_LEN, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, version);
	sqlite3_bind_text(st, 5, text, -1, SQLITE_STATIC);
	src = sqlite3_step(st);
	if (src != SQLITE_DONE)
		rc = store_fail(s, src, "writing a snapshot of incident %" PRId64, incident);
	store_stmt_done(st);
	free(text);
	return rc;
}

/* The row the statement stands on into the caller's variables. */
static enum yj_status
read_snapshot(struct store *s, sqlite3_stmt *st, int64_t incident, int64_t *seq,
	      unsigned char hash[ENTRY_HASH_LEN], struct value **state)
{
	const void *blob = sqlite3_column_blob(st, 1);

	*seq = sqlite3_column_int64(st, 0);
	if (sqlite3_column_bytes(st, 1) != ENTRY_HASH_LEN || !blob)
		return store_failf(s, YJ_ERR_DB_CORRUPT, "the snapshot of incident %" PRId64
				   " at entry %" PRId64 " has no hash", incident, *seq);
	memcpy(hash, blob, ENTRY_HASH_LEN);
	*state = json_decode((const char *)sqlite3_column_text(st, 2), NULL);
	if (!*state || value_kind(*state) != VALUE_OBJ) {
		value_free(state);
		return store_failf(s, YJ_ERR_DB_CORRUPT, "the snapshot of incident %" PRId64
				   " at entry %" PRId64 " is not a JSON object", incident, *seq);
	}
	return YJ_OK;
}

enum yj_status
store_get_snapshot(struct store *s, int64_t incident, int64_t upto, int version, int64_t *seq,
		   unsigned char hash[ENTRY_HASH_LEN], struct value **state)
{
	sqlite3_stmt *st = store_stmt(s, STMT_GET_SNAPSHOT,
				      "SELECT seq, hash, state FROM snapshot"
				      " WHERE incident = ?1 AND seq <= ?2 AND version = ?3"
				      " ORDER BY seq DESC LIMIT 1");
	enum yj_status rc;
	int src;

	*seq = 0;
	*state = NULL;
	memset(hash, 0, ENTRY_HASH_LEN);
	if (!st)
		return YJ_ERR_DB_UNAVAILABLE;
	sqlite3_bind_int64(st, 1, incident);
	sqlite3_bind_int64(st, 2, upto > 0 ? upto : INT64_MAX);
	sqlite3_bind_int(st, 3, version);
	src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		rc = read_snapshot(s, st, incident, seq, hash, state);
	else if (src == SQLITE_DONE)
		rc = store_failf(s, YJ_ERR_NOINPUT, "no snapshot of incident %" PRId64, incident);
	else
		rc = store_fail(s, src, "reading a snapshot of incident %" PRId64, incident);
	store_stmt_done(st);
	return rc;
}

enum yj_status
store_clear_snapshots(struct store *s, int64_t incident)
{
	/* Two statements: with an OR the one incident's rows would not be found by key. */
	sqlite3_stmt *st = incident ? store_stmt(s, STMT_CLEAR_SNAPSHOTS,
						 "DELETE FROM snapshot WHERE incident = ?1")
				    : store_stmt(s, STMT_CLEAR_ALL_SNAPSHOTS, "DELETE FROM snapshot");
	enum yj_status rc = YJ_OK;
	int src;

	if (!st)
		return YJ_ERR_DB_UNAVAILABLE;
	if (incident)
		sqlite3_bind_int64(st, 1, incident);
	src = sqlite3_step(st);
	if (src != SQLITE_DONE)
		rc = store_fail(s, src, "clearing the snapshots of incident %" PRId64, incident);
	store_stmt_done(st);
	return rc;
}

enum yj_status
store_drop_snapshot(struct store *s, int64_t incident, int64_t seq)
{
	/* By its key alone: a condition on the rows would read every snapshot's state. */
	sqlite3_stmt *st = store_stmt(s, STMT_DROP_SNAPSHOT,
				      "DELETE FROM snapshot WHERE incident = ?1 AND seq = ?2");
	enum yj_status rc = YJ_OK;
	int src;

	if (!st)
		return YJ_ERR_DB_UNAVAILABLE;
	sqlite3_bind_int64(st, 1, incident);
	sqlite3_bind_int64(st, 2, seq);
	src = sqlite3_step(st);
	if (src != SQLITE_DONE)
		rc = store_fail(s, src, "dropping a snapshot of incident %" PRId64, incident);
	store_stmt_done(st);
	return rc;
}
