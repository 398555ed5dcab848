/*
 * Private to io/store*.c (and the store's unit tests): the connection struct,
 * the statement cache and the error helpers shared by the store's files.
 * sqlite3.h may only be included by io/store*.c, so its types are named here
 * by their struct tags (sqlite3.h typedefs `struct sqlite3` as `sqlite3`).
 */
#ifndef YINGJI_IO_STORE_IMPL_H
#define YINGJI_IO_STORE_IMPL_H

#include <stdbool.h>

#include "io/store.h"

struct sqlite3;
struct sqlite3_stmt;

/* PRAGMA application_id of a yingji database: "YJI1". */
#define STORE_APPLICATION_ID 0x594A4931

/* The cached statements, one slot each; the SQL lives next to its user. */
enum store_stmt {
	STMT_BEGIN,
	STMT_BEGIN_READ,
	STMT_COMMIT,
	STMT_ROLLBACK,
	STMT_DATA_VERSION,
	STMT_PUT_PLAYBOOK,
	STMT_GET_PLAYBOOK,
	STMT_PUT_TREE,
	STMT_GET_TREE,
	STMT_VERIFY_TREES,
	STMT_NEW_INCIDENT,
	STMT_INCIDENT_EXISTS,
	STMT_HEAD,
	STMT_INSERT_ENTRY,
	STMT_LOAD_ENTRIES,
	STMT_PUT_SUMMARY,
	STMT_UPDATE_SUMMARY,
	STMT_SUMMARY_AS,
	STMT_GET_SUMMARY,
	STMT_LIST,
	STMT_LIST_ALL,
	STMT_LIST_SHOWN,
	STMT_LIST_ALL_SHOWN,
	STMT_INCIDENT_IDS,
	STMT_PUT_SNAPSHOT,
	STMT_GET_SNAPSHOT,
	STMT_CLEAR_SNAPSHOTS,
	STMT_CLEAR_ALL_SNAPSHOTS,
	STMT_DROP_SNAPSHOT,
	STMT_VERIFY_IDS,
	STMT_VERIFY_PLAYBOOKS,
	STMT_VERIFY_ONE,
	STMT_VERIFY_WALK,
	STMT_COUNT
};

struct store {
	struct sqlite3 *db;
	bool readonly;		/* asked for, or the file cannot be written */
	bool needs_upgrade;	/* opened read-only on an older schema */
	bool opened;		/* past sqlite3_open_v2: CANTOPEN now means no -wal/-shm */
	int busy_ms;		/* the busy timeout, for waits SQLite leaves to us */
	struct sqlite3_stmt *stmts[STMT_COUNT];
	char err[512];
};

/*
 * The cached statement `id`, prepared from `sql` on first use.  NULL when it
 * cannot be prepared, with s->err set.  Give it back with store_stmt_done().
 */
struct sqlite3_stmt *store_stmt(struct store *s, enum store_stmt id, const char *sql);
/* Reset a cached statement and clear its bindings, ready for the next use. */
void store_stmt_done(struct sqlite3_stmt *st);

/*
 * Record a failure of SQLite result `rc` while doing what fmt says, as
 * "<doing>: <sqlite message>", and return the status it maps to.
 */
enum yj_status store_fail(struct store *s, int rc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Record a failure that is not SQLite's: "<message>". Returns st. */
enum yj_status store_failf(struct store *s, enum yj_status st, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Run one cached statement that returns no rows (BEGIN, COMMIT ...). */
enum yj_status store_exec_stmt(struct store *s, enum store_stmt id, const char *sql,
			       const char *doing);

/* store_schema.c: check the file is ours, set the pragmas, migrate forward. */
enum yj_status store_schema_open(struct store *s, bool memory);
/*
 * The SQL that takes schema version v to v + 1, or NULL when v is the current
 * version.  Tests use it to build databases at every earlier version.
 */
const char *store_migration_sql(int v);

#endif
