/*
 * The schema, its forward migrations and the checks made on every open: that
 * the file is ours (application_id), the pragmas, and the schema version.
 */
#include "config.h"

#include "io/store_impl.h"

#include <inttypes.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

/*
 * migrations[v] takes the schema from version v to v + 1, in one transaction
 * with the PRAGMA user_version that records it.  Steps are never edited once
 * released: a change is a new step at the end and a new STORE_SCHEMA_VERSION.
 */
static const char *const migrations[] = {
	/* 0 -> 1: the first schema. */
	"CREATE TABLE playbook("
	" hash TEXT PRIMARY KEY,"		/* SHA-256 hex of the text */
	" plan_id TEXT NOT NULL,"
	" text BLOB NOT NULL);"
	"CREATE TABLE incident("
	" id INTEGER PRIMARY KEY,"
	" drill INTEGER NOT NULL,"
	" created_ms INTEGER NOT NULL);"
	"CREATE INDEX incident_list ON incident(drill, id);"
	"CREATE TABLE journal("
	" incident INTEGER NOT NULL REFERENCES incident(id),"
	" seq INTEGER NOT NULL,"
	" ts_ms INTEGER NOT NULL,"
	" operator TEXT NOT NULL,"
	" kind TEXT NOT NULL,"
	" payload TEXT NOT NULL,"		/* canonical JSON, exactly as hashed */
	" prev BLOB NOT NULL,"
	" hash BLOB NOT NULL,"
	" PRIMARY KEY(incident, seq)) WITHOUT ROWID;"
	/* A mistake in our own code must not be able to rewrite history; an
	 * attacker can drop these, which is what the hash chain is for. */
	"CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal"
	" BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;"
	"CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal"
	" BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;"
	"CREATE TABLE summary("
	" id INTEGER PRIMARY KEY REFERENCES incident(id),"
	" drill INTEGER NOT NULL,"
	" closed INTEGER NOT NULL,"
	" title TEXT NOT NULL,"
	" plan_id TEXT NOT NULL,"
	" phase TEXT NOT NULL,"
	" phase_title TEXT,"
	" level TEXT,"
	" opened_ms INTEGER NOT NULL,"
	" updated_ms INTEGER NOT NULL,"
	" next_due_ms INTEGER NOT NULL,"
	" head_seq INTEGER NOT NULL,"
	" head_hash TEXT NOT NULL);"
	"CREATE INDEX summary_list ON summary(drill, closed, id);",
	/*
	 * 1 -> 2: fold snapshots, a projection like the summary row (engine.c
	 * writes one every ENGINE_SNAPSHOT_EVERY entries); and a summary row for
	 * every incident from its creation, so that listing reads the summary's
	 * index alone instead of every incident ever opened.  The placeholder row
	 * holds what listing showed for an incident without one.
	 */
	"CREATE TABLE snapshot("
	" incident INTEGER NOT NULL REFERENCES incident(id),"
	" seq INTEGER NOT NULL,"		/* the state after this entry */
	" hash BLOB NOT NULL,"			/* that entry's hash: the chain it belongs to */
	" version INTEGER NOT NULL,"		/* INCIDENT_SNAPSHOT_VERSION */
	" state TEXT NOT NULL,"			/* canonical JSON (core/snapshot.c) */
	" PRIMARY KEY(incident, seq)) WITHOUT ROWID;"
	/* A stored playbook's parsed tree (util/docbin.h): a cache of its text. */
	"CREATE TABLE playbook_tree("
	" hash TEXT PRIMARY KEY,"
	" version INTEGER NOT NULL,"		/* DOCBIN_VERSION */
	" tree BLOB NOT NULL);"
	"INSERT INTO summary(id, drill, closed, title, plan_id, phase, phase_title, level,"
	" opened_ms, updated_ms, next_due_ms, head_seq, head_hash)"
	" SELECT id, drill, 0, '', '', '', NULL, NULL, created_ms, created_ms, 0, 0, ''"
	" FROM incident WHERE id NOT IN (SELECT id FROM summary);"
	"UPDATE summary SET drill = (SELECT i.drill FROM incident i WHERE i.id = summary.id)"
	" WHERE drill != (SELECT i.drill FROM incident i WHERE i.id = summary.id);"
	"CREATE TRIGGER incident_summary AFTER INSERT ON incident BEGIN"
	" INSERT OR IGNORE INTO summary(id, drill, closed, title, plan_id, phase, phase_title,"
	" level, opened_ms, updated_ms, next_due_ms, head_seq, head_hash)"
	" VALUES(new.id, new.drill, 0, '', '', '', NULL, NULL, new.created_ms, new.created_ms,"
	" 0, 0, ''); END;",
	/*
	 * 2 -> 3: what the board shows, so that it draws from the summary alone
	 * (core/summary.h).  Rows written before are marked not shown (the board
	 * folds them) until their next change or a rebuild.
	 */
	"ALTER TABLE summary ADD COLUMN shown INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE summary ADD COLUMN level_label TEXT;"
	"ALTER TABLE summary ADD COLUMN level_colour TEXT;"	/* pb_colour_name() */
	"ALTER TABLE summary ADD COLUMN clock_due_ms INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE summary ADD COLUMN clock_anchor_ms INTEGER NOT NULL DEFAULT 0;",
};

_Static_assert(sizeof(migrations) / sizeof(migrations[0]) == STORE_SCHEMA_VERSION,
	       "one migration step per schema version");

const char *
store_migration_sql(int v)
{
	return v >= 0 && v < STORE_SCHEMA_VERSION ? migrations[v] : NULL;
}

/* What the file says it is. */
struct identity {
	int64_t app;		/* PRAGMA application_id */
	int64_t version;	/* PRAGMA user_version */
	int64_t objects;	/* tables, indexes ... in the schema */
};

static enum yj_status
query_int(struct store *s, const char *sql, int64_t *v)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);

	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			*v = sqlite3_column_int64(st, 0);
			rc = SQLITE_OK;
		}
	}
	if (rc != SQLITE_OK) {
		enum yj_status st_rc = store_fail(s, rc, "reading the database header");

		sqlite3_finalize(st);
		return st_rc;
	}
	sqlite3_finalize(st);
	return YJ_OK;
}

static enum yj_status
read_identity(struct store *s, struct identity *id)
{
	enum yj_status rc = query_int(s, "PRAGMA application_id", &id->app);

	if (rc == YJ_OK)
		rc = query_int(s, "PRAGMA user_version", &id->version);
	if (rc == YJ_OK)
		rc = query_int(s, "SELECT count(*) FROM sqlite_master", &id->objects);
	return rc;
}

/* Ours, or a brand-new empty file that we may claim; anything else is foreign. */
static enum yj_status
check_identity(struct store *s, const struct identity *id)
{
	if (id->app == STORE_APPLICATION_ID) {
		if (id->version > STORE_SCHEMA_VERSION)
			return store_failf(s, YJ_ERR_DB_UNAVAILABLE,
					   "made by a newer yingji (schema version %" PRId64
					   "; this one knows up to %d)",
					   id->version, STORE_SCHEMA_VERSION);
		return YJ_OK;
	}
	if (id->app == 0 && id->version == 0 && id->objects == 0)
		return YJ_OK;
	return store_failf(s, YJ_ERR_DB_CORRUPT,
			   "not a yingji database (another program's SQLite file, "
			   "application_id 0x%08" PRIx64 ")",
			   (uint64_t)id->app & 0xffffffffu);
}

static enum yj_status
exec(struct store *s, const char *sql, const char *doing)
{
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? YJ_OK : store_fail(s, rc, "%s", doing);
}

/*
 * PRAGMA journal_mode = WAL, returning the mode now in force.  Switching needs
 * an exclusive lock and SQLite does not call the busy handler for it, so when
 * several consoles open a new file at once we wait here, up to the timeout.
 */
static int
switch_to_wal(struct store *s, char *mode, size_t size)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(s->db, "PRAGMA journal_mode = WAL", -1, &st, NULL);

	for (int waited = 0; rc == SQLITE_OK; waited += 10) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW) {
			snprintf(mode, size, "%s", (const char *)sqlite3_column_text(st, 0));
			rc = SQLITE_OK;
			break;
		}
		if ((rc & 0xff) != SQLITE_BUSY || waited >= s->busy_ms)
			break;
		sqlite3_reset(st);
		sqlite3_sleep(10);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

/* WAL lets readers work while one writer commits; FULL makes a commit durable
 * before we say it is done; foreign keys keep entries tied to incidents. */
static enum yj_status
set_pragmas(struct store *s, bool memory)
{
	enum yj_status rc = exec(s, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA cache_size = -1024",
				 "setting up the connection");
	char mode[16] = "";
	int src;

	if (rc != YJ_OK || s->readonly)
		return rc;
	src = switch_to_wal(s, mode, sizeof(mode));
	if (src != SQLITE_OK)
		return store_fail(s, src, "switching to WAL mode");
	if (!memory && strcmp(mode, "wal") != 0)
		return store_failf(s, YJ_ERR_DB_UNAVAILABLE, "cannot switch to WAL mode (%s)",
				   mode);
	return YJ_OK;
}

/* Inside the caller's write transaction: claim a new file and take one step. */
static enum yj_status
apply_step(struct store *s, const struct identity *id)
{
	char sql[64];
	enum yj_status rc = YJ_OK;

	if (id->app == 0) {
		snprintf(sql, sizeof(sql), "PRAGMA application_id = %d", STORE_APPLICATION_ID);
		rc = exec(s, sql, "marking the new database");
	}
	if (rc == YJ_OK)
		rc = exec(s, migrations[id->version], "upgrading the schema");
	if (rc == YJ_OK) {
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", (int)id->version + 1);
		rc = exec(s, sql, "upgrading the schema");
	}
	return rc;
}

/*
 * One migration step in its own transaction.  The identity is read again
 * under the write lock: another process may have created or migrated the
 * file since we looked.
 */
static enum yj_status
migrate_once(struct store *s, int64_t *version)
{
	struct identity id;
	enum yj_status rc = exec(s, "BEGIN IMMEDIATE", "upgrading the schema");

	if (rc != YJ_OK)
		return rc;
	rc = read_identity(s, &id);
	if (rc == YJ_OK)
		rc = check_identity(s, &id);
	if (rc == YJ_OK && id.version < STORE_SCHEMA_VERSION) {
		rc = apply_step(s, &id);
		id.version++;
	}
	if (rc == YJ_OK)
		rc = exec(s, "COMMIT", "upgrading the schema");
	if (rc != YJ_OK) {
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return rc;
	}
	*version = id.version;
	return YJ_OK;
}

static enum yj_status
migrate(struct store *s, int64_t version)
{
	enum yj_status rc = YJ_OK;

	if (version < STORE_SCHEMA_VERSION && s->readonly) {
		s->needs_upgrade = true;
		return store_failf(s, YJ_ERR_DB_READONLY,
				   "the database needs upgrading (schema version %" PRId64
				   " to %d) but is read-only",
				   version, STORE_SCHEMA_VERSION);
	}
	while (rc == YJ_OK && version < STORE_SCHEMA_VERSION)
		rc = migrate_once(s, &version);
	return rc;
}

enum yj_status
store_schema_open(struct store *s, bool memory)
{
	struct identity id;
	enum yj_status rc;

	/* Identity first, before any pragma could write to another program's file;
	 * in one read transaction, so another process creating the schema meanwhile
	 * is seen wholly or not at all. */
	rc = exec(s, "BEGIN", "reading the database header");
	if (rc == YJ_OK) {
		rc = read_identity(s, &id);
		sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
	}
	if (rc == YJ_OK)
		rc = check_identity(s, &id);
	if (rc == YJ_OK)
		rc = set_pragmas(s, memory);
	if (rc == YJ_OK)
		rc = migrate(s, id.version);
	return rc;
}
