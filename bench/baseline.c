/*
 * The baselines that are plain SQLite in C, on the same file and with the
 * pragmas yingji's store sets (io/store_schema.c: WAL, synchronous=FULL,
 * foreign_keys=ON, a busy timeout).  The benchmark is not a layer of the
 * program, so it may talk to SQLite directly; nothing here writes the journal.
 */
#include "config.h"

#include "bench/bench.h"

#include <sqlite3.h>
#include <stdio.h>

static sqlite3 *
open_db(const char *path)
{
	sqlite3 *db = NULL;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		fprintf(stderr, "yingji-bench: %s: %s\n", path, db ? sqlite3_errmsg(db) : "?");
		sqlite3_close(db);
		return NULL;
	}
	sqlite3_busy_timeout(db, 10000);
	sqlite3_exec(db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;"
			 " PRAGMA journal_mode = WAL", NULL, NULL, NULL);
	return db;
}

int
baseline_prepare(const char *path)
{
	sqlite3 *db = open_db(path);
	int rc;

	if (!db)
		return 1;
	/* A plain table with the journal's columns: the same bytes, without the chain. */
	rc = sqlite3_exec(db, "CREATE TABLE IF NOT EXISTS bench_insert("
			      " id INTEGER PRIMARY KEY, incident INTEGER NOT NULL, seq INTEGER NOT NULL,"
			      " ts_ms INTEGER NOT NULL, operator TEXT NOT NULL, kind TEXT NOT NULL,"
			      " payload TEXT NOT NULL, prev BLOB NOT NULL, hash BLOB NOT NULL)",
			  NULL, NULL, NULL);
	sqlite3_close(db);
	return rc != SQLITE_OK;
}

double
baseline_insert_rate(const char *path, int n, int64_t incident, int64_t seq0)
{
	sqlite3 *db = open_db(path);
	sqlite3_stmt *ins = NULL, *begin = NULL, *commit = NULL;
	double t0, secs;
	int ok = 1;

	if (!db)
		return 0;
	sqlite3_prepare_v2(db, "BEGIN IMMEDIATE", -1, &begin, NULL);
	sqlite3_prepare_v2(db, "COMMIT", -1, &commit, NULL);
	/* Into the journal itself, beside an incident's entries (where an append goes), or
	 * at the end of a table of its own. */
	if (incident > 0)
		sqlite3_prepare_v2(db, "INSERT INTO journal(incident, seq, ts_ms, operator, kind,"
				       " payload, prev, hash) VALUES(?3, ?1, ?1, 'bench', 'note', ?2,"
				       " zeroblob(32), zeroblob(32))", -1, &ins, NULL);
	else
		sqlite3_prepare_v2(db, "INSERT INTO bench_insert(incident, seq, ts_ms, operator,"
				       " kind, payload, prev, hash) VALUES(1, ?1, ?1, 'bench', 'note',"
				       " ?2, zeroblob(32), zeroblob(32))", -1, &ins, NULL);
	t0 = now_ms();
	for (int i = 0; i < n && ok; i++) {
		ok = sqlite3_step(begin) == SQLITE_DONE;
		sqlite3_reset(begin);
		sqlite3_bind_int64(ins, 1, seq0 + i);
		if (incident > 0)
			sqlite3_bind_int64(ins, 3, incident);
		sqlite3_bind_text(ins, 2, "{\"text\":\"持续监测中，暂无异常。\"}", -1, SQLITE_STATIC);
		ok = ok && sqlite3_step(ins) == SQLITE_DONE;
		sqlite3_reset(ins);
		ok = ok && sqlite3_step(commit) == SQLITE_DONE;
		sqlite3_reset(commit);
	}
	secs = (now_ms() - t0) / 1000;
	sqlite3_finalize(begin);
	sqlite3_finalize(commit);
	sqlite3_finalize(ins);
	sqlite3_close(db);
	return ok && secs > 0 ? n / secs : 0;
}

static int64_t
query_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int64_t v = -1;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

/*
 * io/hash.c: a 15-byte tag, then seven fields each with an 8-byte length
 * (incident, seq and time in decimal, operator, kind, payload, the 32-byte
 * previous hash); verify also hashes every stored playbook's text.
 */
int64_t
baseline_hashed_bytes(const char *path)
{
	sqlite3 *db = open_db(path);
	int64_t n;

	if (!db)
		return -1;
	n = query_int(db, "SELECT sum(15 + 7 * 8 + length(CAST(incident AS TEXT))"
			  " + length(CAST(seq AS TEXT)) + length(CAST(ts_ms AS TEXT))"
			  " + length(CAST(operator AS BLOB)) + length(kind)"
			  " + length(CAST(payload AS BLOB)) + 32) FROM journal");
	n += query_int(db, "SELECT coalesce(sum(length(text)), 0) FROM playbook");
	sqlite3_close(db);
	return n;
}

int
baseline_largest(const char *path, int64_t *id, int64_t *n)
{
	sqlite3 *db = open_db(path);

	if (!db)
		return 1;
	*id = query_int(db, "SELECT id FROM summary ORDER BY head_seq DESC LIMIT 1");
	*n = query_int(db, "SELECT max(head_seq) FROM summary");
	sqlite3_close(db);
	return *id <= 0;
}
