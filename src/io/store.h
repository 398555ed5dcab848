/*
 * The database: a domain API over SQLite.  No SQL and no sqlite3 type leaks out
 * of io/store*.c.  One connection and its cached prepared statements live in
 * struct store; every value is bound, never formatted into SQL.
 *
 * The file is created 0600 (its folder 0700), marked with an application_id,
 * migrated forward by PRAGMA user_version, and opened in WAL mode with
 * synchronous=FULL, foreign_keys=ON and a busy timeout, so that several
 * consoles and commands can write at once without "database is locked".
 *
 * Errors: every function returns a status; the detail of the last failure is
 * store_error().  YJ_ERR_DB_BUSY means the busy timeout ran out,
 * YJ_ERR_DB_CORRUPT that the file is not a yingji (or not an SQLite) database,
 * YJ_ERR_DB_READONLY that it cannot be written.
 */
#ifndef YINGJI_IO_STORE_H
#define YINGJI_IO_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/entry.h"
#include "core/summary.h"
#include "util/status.h"

struct store;

enum store_open_flags {
	STORE_CREATE = 1,	/* create the file (and its folder) when missing */
	STORE_READONLY = 2,	/* open read-only; writes fail with YJ_ERR_DB_READONLY */
};

/* The current schema version (PRAGMA user_version after migration). */
enum { STORE_SCHEMA_VERSION = 3 };

/*
 * Open (and migrate) the database at `path`.  Without STORE_CREATE a missing
 * file is YJ_ERR_NOINPUT.  A file that is not an SQLite database, or one with
 * another application_id, is YJ_ERR_DB_CORRUPT and is left untouched.
 */
enum yj_status store_open(const char *path, unsigned flags, struct store **out);
/* Why the last call failed (or why store_open failed when *out is NULL): a
 * static message for open failures is available through store_open_error(). */
const char *store_error(const struct store *s);
const char *store_open_error(void);
void store_close(struct store **s);
/* Busy timeout in milliseconds (default 10000). */
void store_set_busy_timeout(struct store *s, int ms);
/*
 * Bulk loading (bulk = true): synchronous=OFF, so that commits do not wait
 * for the disk, until called again with false (synchronous=FULL).  A crash
 * or power loss during a bulk load may lose or corrupt the whole database:
 * only for building test and benchmark databases, never for real records.
 */
enum yj_status store_set_bulk(struct store *s, bool bulk);

/* BEGIN IMMEDIATE (waits up to the busy timeout for other writers). */
enum yj_status store_begin(struct store *s);
/* BEGIN (deferred) for a consistent read of several queries. */
enum yj_status store_begin_read(struct store *s);
enum yj_status store_commit(struct store *s);
/* Roll back the open transaction, if any; never fails visibly. */
void store_rollback(struct store *s);

/* PRAGMA data_version: changes when another connection commits. */
int64_t store_data_version(struct store *s);

/* ---- playbooks, stored by content so incidents outlive edits of the file ---- */

/* Store a playbook's text under its SHA-256 hex (no-op if already stored). */
enum yj_status store_put_playbook(struct store *s, const char *hash_hex, const char *plan_id,
				  const char *text, size_t len);
/* The stored text (caller frees *text); YJ_ERR_NOINPUT when absent. */
enum yj_status store_get_playbook(struct store *s, const char *hash_hex, char **text,
				  size_t *len);
/*
 * A stored playbook's parsed tree in encoding `version` (util/docbin.h): a
 * projection of its text, so that loading it needs no YAML parse.  Put:
 * insert or replace.  Get: the caller frees *tree; YJ_ERR_NOINPUT when there
 * is none of that version.  `yingji verify` checks each against its text.
 */
enum yj_status store_put_playbook_tree(struct store *s, const char *hash_hex, int version,
				       const void *tree, size_t len);
enum yj_status store_get_playbook_tree(struct store *s, const char *hash_hex, int version,
				       void **tree, size_t *len);

/* ---- incidents and their journal ---- */

/* Reserve a new incident id (inside a write transaction). */
enum yj_status store_new_incident(struct store *s, bool drill, int64_t created_ms, int64_t *id);
/* YJ_OK when the incident exists, YJ_ERR_NOINPUT when not; *drill set if not NULL. */
enum yj_status store_incident_exists(struct store *s, int64_t id, bool *drill);

/*
 * Append an entry to an incident's journal inside the caller's write
 * transaction: reads the previous hash, assigns seq = last + 1, encodes the
 * payload canonically (io/json.h), computes the hash (io/hash.h) and inserts.
 * `e` supplies incident, ts_ms, operator_name, kind and payload; on YJ_OK its
 * seq, prev and hash are filled in.
 */
enum yj_status store_append_entry(struct store *s, struct entry *e);
/*
 * store_append_entry() for a caller that has read the journal's head (seq and
 * hash) in this same write transaction: it is not read again.  A head that is
 * not the journal's makes a broken chain (or a refused duplicate seq): only
 * for heads read under the transaction's lock.
 */
enum yj_status store_append_entry_after(struct store *s, struct entry *e, int64_t head_seq,
					const unsigned char head_hash[ENTRY_HASH_LEN]);

/*
 * Load entries of an incident with seq <= upto (upto <= 0: all), in order.
 * The caller frees them with entry_free_array(*out, *n).  Payloads are decoded
 * from JSON; an undecodable payload or unknown kind is YJ_ERR_DB_CORRUPT.
 */
enum yj_status store_load_entries(struct store *s, int64_t incident, int64_t upto,
				  struct entry **out, size_t *n);
/* The same for from <= seq <= upto (upto <= 0: to the end). */
enum yj_status store_load_entries_range(struct store *s, int64_t incident, int64_t from,
					int64_t upto, struct entry **out, size_t *n);
/*
 * store_load_entries_range() for showing a long journal: the payloads of the
 * entries before `eager_from` are decoded only when first read (value_lazy),
 * so that loading costs little more than reading the rows; such a payload
 * that does not decode reads as an empty object (verify still finds it).
 * The entries from `eager_from` on are decoded and checked now.
 */
enum yj_status store_load_entries_lazy(struct store *s, int64_t incident, int64_t from,
				       int64_t upto, int64_t eager_from, struct entry **out,
				       size_t *n);
/* The last seq and hash of an incident's journal (seq 0 when empty). */
enum yj_status store_head(struct store *s, int64_t incident, int64_t *seq,
			  unsigned char hash[ENTRY_HASH_LEN]);

/* ---- the projection ---- */

/*
 * Write the summary row (insert or update) for sum->id.  The drill flag
 * written is the incident's own, fixed when it was made.  The head a summary
 * is read with (head_seq, head_hash, updated_ms) is always the journal's last
 * entry, so a write that would change nothing else writes nothing.
 */
enum yj_status store_put_summary(struct store *s, const struct incident_summary *sum);
/* The summary row of one incident; YJ_ERR_NOINPUT when none (an incident
 * whose first entry was never projected has only a placeholder row). */
enum yj_status store_get_summary(struct store *s, int64_t id, struct incident_summary *out);

/*
 * Fold snapshots (core/incident.h), the other projection: the replayed state
 * of an incident after entry `seq`, whose hash is `hash`, in fold format
 * `version`.  Written (insert or replace) inside the caller's write
 * transaction; never the truth, always rebuildable from the journal.
 */
enum yj_status store_put_snapshot(struct store *s, int64_t incident, int64_t seq,
				  const unsigned char hash[ENTRY_HASH_LEN], int version,
				  const struct value *state);
/*
 * The newest snapshot of `incident` in format `version` taken at or before
 * entry `upto` (upto <= 0: any): its seq, the hash it was taken at and the
 * state (the caller frees *state).  YJ_ERR_NOINPUT when there is none;
 * YJ_ERR_DB_CORRUPT when the stored state is not a JSON object.
 */
enum yj_status store_get_snapshot(struct store *s, int64_t incident, int64_t upto, int version,
				  int64_t *seq, unsigned char hash[ENTRY_HASH_LEN],
				  struct value **state);
/* Delete the snapshots of one incident (incident 0: of every incident). */
enum yj_status store_clear_snapshots(struct store *s, int64_t incident);
/* Delete the snapshot of `incident` taken after entry `seq` (none: no error). */
enum yj_status store_drop_snapshot(struct store *s, int64_t incident, int64_t seq);

enum store_list_filter {
	STORE_LIST_OPEN,	/* real incidents not closed */
	STORE_LIST_CLOSED,	/* real incidents closed */
	STORE_LIST_ALL,		/* every real incident */
	STORE_LIST_DRILLS,	/* drill incidents only */
};

/* Summaries newest first (by id); caller frees with store_free_summaries. */
enum yj_status store_list(struct store *s, enum store_list_filter filter,
			  struct incident_summary **out, size_t *n);
/*
 * The same as the board shows them: from the summary rows alone, without
 * looking up each incident's last entry, so the head (seq, hash, updated
 * time) is the row's own, as of the last change it recorded.
 */
enum yj_status store_list_shown(struct store *s, enum store_list_filter filter,
				struct incident_summary **out, size_t *n);
void store_free_summaries(struct incident_summary **v, size_t n);
/* Every incident id (real and drill), ascending. Caller frees *ids. */
enum yj_status store_incident_ids(struct store *s, int64_t **ids, size_t *n);

/* ---- integrity ---- */

struct store_verify_result {
	bool ok;
	int64_t incident;	/* first bad entry: incident and seq (0 when whole-incident) */
	int64_t seq;
	char message[256];	/* what is wrong, e.g. "hash does not match its content" */
	int64_t entries;	/* entries checked */
	int64_t bytes;		/* payload bytes hashed */
};

/*
 * Walk the hash chain of one incident (id > 0) or of all incidents (id == 0):
 * recompute each entry's hash from its stored columns, check it matches, that
 * prev equals the previous entry's hash, and that sequences run 1, 2, 3 ...
 * without gaps.  Stops at the first bad entry.  Returns YJ_OK whether or not
 * the chain is intact (see res->ok); an error status only when it cannot read.
 */
enum yj_status store_verify(struct store *s, int64_t id, struct store_verify_result *res);

/* An online, consistent copy of the database into `dest` (SQLite backup API),
 * created 0600.  Refuses to overwrite an existing file (YJ_ERR_USAGE). */
enum yj_status store_backup(struct store *s, const char *dest);

#endif
