/*
 * io/store: the database on temporary files.  tests/ is outside the layering
 * rule, so these tests open the same files with a raw sqlite3 handle to look
 * at what the store wrote and to tamper with it as an attacker would.
 */
#include "config.h"

#include "io/hash.h"
#include "io/store.h"
#include "io/store_impl.h"
#include "io/yaml_doc.h"
#include "tests.h"
#include "util/docbin.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <inttypes.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* ---- fixtures: a fresh temporary folder per test ---- */

static char tmp_root[512];
static char path_buf[4][640];
static unsigned path_next;

static void
tmp_setup(void)
{
	const char *base = getenv("TMPDIR");

	snprintf(tmp_root, sizeof(tmp_root), "%s/yj-store-XXXXXX", base && *base ? base : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(tmp_root));
}

static int
remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	chmod(path, 0700);	/* read-only files and folders must still go */
	return remove(path);
}

static void
tmp_teardown(void)
{
	nftw(tmp_root, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* tmp_root/name, in one of a few rotating buffers. */
static const char *
tmp_path(const char *name)
{
	char *p = path_buf[path_next++ % 4];

	snprintf(p, sizeof(path_buf[0]), "%s/%s", tmp_root, name);
	return p;
}

/* ---- helpers ---- */

static struct store *
open_ok(const char *path, unsigned flags)
{
	struct store *s = NULL;
	enum yj_status rc = store_open(path, flags, &s);

	ck_assert_msg(rc == YJ_OK, "store_open %s: %s", path, store_open_error());
	return s;
}

static int64_t
new_incident(struct store *s, bool drill)
{
	int64_t id = 0;

	ck_assert_int_eq(store_begin(s), YJ_OK);
	ck_assert_int_eq(store_new_incident(s, drill, 1700000000000, &id), YJ_OK);
	ck_assert_int_eq(store_commit(s), YJ_OK);
	return id;
}

static void
make_note(struct entry *e, int64_t incident, int64_t ts, const char *op, const char *text)
{
	memset(e, 0, sizeof(*e));
	e->incident = incident;
	e->ts_ms = ts;
	e->operator_name = xstrdup(op);
	e->kind = ENTRY_NOTE;
	e->payload = value_obj();
	value_set_str(e->payload, "text", text);
}

/* One durable append: begin, append, commit.  Returns the new seq. */
static int64_t
append_note(struct store *s, int64_t incident, int64_t ts, const char *op, const char *text)
{
	struct entry e;
	int64_t seq;

	make_note(&e, incident, ts, op, text);
	ck_assert_int_eq(store_begin(s), YJ_OK);
	ck_assert_msg(store_append_entry(s, &e) == YJ_OK, "%s", store_error(s));
	ck_assert_int_eq(store_commit(s), YJ_OK);
	seq = e.seq;
	entry_clear(&e);
	return seq;
}

static sqlite3 *
raw_open(const char *path)
{
	sqlite3 *db = NULL;

	ck_assert_int_eq(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
					 NULL), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	return db;
}

static void
raw_exec(sqlite3 *db, const char *sql)
{
	char *err = NULL;
	int rc = sqlite3_exec(db, sql, NULL, NULL, &err);

	ck_assert_msg(rc == SQLITE_OK, "%s: %s", sql, err ? err : "?");
}

static int64_t
raw_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int64_t v;

	ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static mode_t
mode_of(const char *path)
{
	struct stat st;

	ck_assert_msg(stat(path, &st) == 0, "stat %s: %s", path, strerror(errno));
	return st.st_mode & 07777;
}

static bool
exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

/* The whole file, for "left untouched" checks; caller frees. */
static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = xmalloc(1 << 20);

	ck_assert_ptr_nonnull(f);
	*len = fread(buf, 1, 1 << 20, f);
	fclose(f);
	return buf;
}

static void
write_file(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "wb");

	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(text, 1, len, f), len);
	fclose(f);
}

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* ---- creation, modes, identity ---- */

START_TEST(test_create_modes)
{
	const char *path = tmp_path("a/b/yingji.db");
	char side[700];
	struct store *s;
	mode_t old = umask(0);	/* the modes must not depend on the umask */

	s = open_ok(path, STORE_CREATE);
	ck_assert_uint_eq(mode_of(tmp_path("a")), 0700);
	ck_assert_uint_eq(mode_of(tmp_path("a/b")), 0700);
	ck_assert_uint_eq(mode_of(path), 0600);
	append_note(s, new_incident(s, false), 1, "op", "x");
	/* After a write, and while the connection is open, the WAL files exist. */
	snprintf(side, sizeof(side), "%s-wal", path);
	ck_assert_uint_eq(mode_of(side), 0600);
	snprintf(side, sizeof(side), "%s-shm", path);
	ck_assert_uint_eq(mode_of(side), 0600);
	store_close(&s);
	ck_assert_ptr_null(s);
	umask(old);
}
END_TEST

START_TEST(test_identity_and_pragmas)
{
	const char *path = tmp_path("yingji.db");
	struct store *s = open_ok(path, STORE_CREATE);
	sqlite3 *db = raw_open(path);

	ck_assert_int_eq(raw_int(db, "PRAGMA application_id"), STORE_APPLICATION_ID);
	ck_assert_int_eq(raw_int(db, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	ck_assert_int_eq(raw_int(db, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"), 1);
	/* The journal refuses UPDATE and DELETE; a new incident gets its summary row. */
	ck_assert_int_eq(raw_int(db, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
				 " AND name IN ('journal_no_update', 'journal_no_delete',"
				 " 'incident_summary')"), 3);
	/* foreign_keys and synchronous are per connection: look at the store's. */
	ck_assert_int_eq(raw_int(s->db, "PRAGMA foreign_keys"), 1);
	ck_assert_int_eq(raw_int(s->db, "PRAGMA synchronous"), 2);	/* FULL */
	ck_assert_ptr_null(store_migration_sql(STORE_SCHEMA_VERSION));
	ck_assert_ptr_nonnull(store_migration_sql(0));
	sqlite3_close(db);
	store_close(&s);
}
END_TEST

START_TEST(test_missing_file)
{
	struct store *s = (struct store *)1;

	ck_assert_int_eq(store_open(tmp_path("nope.db"), 0, &s), YJ_ERR_NOINPUT);
	ck_assert_ptr_null(s);
	ck_assert_str_eq(store_open_error(), "no such database");
	ck_assert_int_eq(store_open(tmp_path("nope.db"), STORE_READONLY | STORE_CREATE, &s),
			 YJ_ERR_NOINPUT);
	ck_assert(!exists(tmp_path("nope.db")));
	ck_assert_int_eq(store_open(tmp_root, 0, &s), YJ_ERR_DB_UNAVAILABLE);	/* a folder */
}
END_TEST

START_TEST(test_memory)
{
	struct store *s = open_ok(":memory:", STORE_CREATE);
	struct store_verify_result res;
	int64_t id = new_incident(s, false);

	ck_assert_int_eq(append_note(s, id, 1, "op", "a"), 1);
	ck_assert_int_eq(append_note(s, id, 2, "op", "b"), 2);
	ck_assert_int_eq(store_verify(s, 0, &res), YJ_OK);
	ck_assert(res.ok);
	ck_assert_int_eq(res.entries, 2);
	store_close(&s);
}
END_TEST

/* ---- files that are not ours are refused and left as they are ---- */

static void
expect_refused_untouched(const char *path, enum yj_status want)
{
	size_t len0, len1;
	char *before = slurp(path, &len0), *after, side[700];
	struct store *s = NULL;

	ck_assert_int_eq(store_open(path, STORE_CREATE, &s), want);
	ck_assert_ptr_null(s);
	ck_assert_str_ne(store_open_error(), "");
	ck_assert_int_eq(store_open(path, 0, &s), want);
	ck_assert_int_eq(store_open(path, STORE_READONLY, &s), want);
	after = slurp(path, &len1);
	ck_assert_uint_eq(len0, len1);
	ck_assert_int_eq(memcmp(before, after, len0), 0);
	snprintf(side, sizeof(side), "%s-wal", path);
	ck_assert_msg(!exists(side), "a -wal file appeared beside %s", path);
	snprintf(side, sizeof(side), "%s-journal", path);
	ck_assert(!exists(side));
	free(before);
	free(after);
}

START_TEST(test_text_file_refused)
{
	const char *path = tmp_path("notes.txt");
	const char text[] = "this is not a database\n但它是一个文本文件\n";

	write_file(path, text, sizeof(text) - 1);
	expect_refused_untouched(path, YJ_ERR_DB_CORRUPT);
	ck_assert_str_eq(store_open_error(), "not a yingji database (not an SQLite file)");
	write_file(path, "SQLite", 6);	/* shorter than a header */
	expect_refused_untouched(path, YJ_ERR_DB_CORRUPT);
}
END_TEST

START_TEST(test_damaged_header_refused)
{
	const char *path = tmp_path("damaged.db");
	char junk[4096];

	/* The magic is right, the rest is not: SQLite itself must say so. */
	memset(junk, 0x5a, sizeof(junk));
	memcpy(junk, "SQLite format 3", 16);
	write_file(path, junk, sizeof(junk));
	expect_refused_untouched(path, YJ_ERR_DB_CORRUPT);
	ck_assert_str_eq(store_open_error(), "reading the database header: file is not a database");
}
END_TEST

START_TEST(test_foreign_sqlite_refused)
{
	const char *path = tmp_path("other.db");
	sqlite3 *db = raw_open(path);

	raw_exec(db, "PRAGMA application_id = 305419896;"	/* 0x12345678 */
		     "CREATE TABLE t(x); INSERT INTO t VALUES(1);");
	sqlite3_close(db);
	expect_refused_untouched(path, YJ_ERR_DB_CORRUPT);
	ck_assert_msg(strstr(store_open_error(), "application_id 0x12345678") != NULL, "%s",
		      store_open_error());
}
END_TEST

START_TEST(test_unmarked_sqlite_refused)
{
	const char *path = tmp_path("plain.db");
	sqlite3 *db = raw_open(path);

	/* application_id 0 but with tables: someone else's, not a new file. */
	raw_exec(db, "CREATE TABLE t(x)");
	sqlite3_close(db);
	expect_refused_untouched(path, YJ_ERR_DB_CORRUPT);
}
END_TEST

START_TEST(test_newer_schema_refused)
{
	const char *path = tmp_path("newer.db");
	sqlite3 *db = raw_open(path);
	char sql[80];

	snprintf(sql, sizeof(sql), "PRAGMA application_id = %d; PRAGMA user_version = %d",
		 STORE_APPLICATION_ID, STORE_SCHEMA_VERSION + 1);
	raw_exec(db, sql);
	sqlite3_close(db);
	expect_refused_untouched(path, YJ_ERR_DB_UNAVAILABLE);
	ck_assert_ptr_nonnull(strstr(store_open_error(), "newer yingji"));
}
END_TEST

/* ---- read-only ---- */

START_TEST(test_readonly)
{
	const char *path = tmp_path("ro.db");
	struct store *s = open_ok(path, STORE_CREATE);
	struct store_verify_result res;
	struct entry *v = NULL, e;
	int64_t id = new_incident(s, false);
	size_t n = 0;

	append_note(s, id, 1, "op", "before");
	store_close(&s);
	ck_assert_int_eq(chmod(path, 0400), 0);
	if (geteuid() != 0) {
		/* Root ignores modes, so only an ordinary user can see this. */
		s = open_ok(path, 0);
		ck_assert_int_eq(store_begin(s), YJ_ERR_DB_READONLY);
		store_close(&s);
	}
	s = open_ok(path, STORE_READONLY);
	ck_assert_int_eq(store_load_entries(s, id, 0, &v, &n), YJ_OK);
	ck_assert_uint_eq(n, 1);
	entry_free_array(&v, n);
	ck_assert_int_eq(store_verify(s, 0, &res), YJ_OK);
	ck_assert(res.ok);
	ck_assert_int_eq(store_begin(s), YJ_ERR_DB_READONLY);
	ck_assert_ptr_nonnull(strstr(store_error(s), "read-only"));
	/* Even inside a read transaction, SQLite itself refuses the write. */
	make_note(&e, id, 2, "op", "after");
	ck_assert_int_eq(store_begin_read(s), YJ_OK);
	ck_assert_int_eq(store_append_entry(s, &e), YJ_ERR_DB_READONLY);
	ck_assert_msg(strncmp(store_error(s), "appending to incident 1: ", 25) == 0, "%s",
		      store_error(s));
	store_rollback(s);
	entry_clear(&e);
	store_close(&s);
}
END_TEST

/* ---- schema versions ---- */

/* A database as an earlier yingji left it: marked, with steps 0..v-1 applied. */
static void
build_version(const char *path, int v)
{
	sqlite3 *db = raw_open(path);
	char sql[80];

	snprintf(sql, sizeof(sql), "PRAGMA application_id = %d", STORE_APPLICATION_ID);
	raw_exec(db, sql);
	for (int i = 0; i < v; i++) {
		raw_exec(db, store_migration_sql(i));
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", i + 1);
		raw_exec(db, sql);
	}
	sqlite3_close(db);
}

/* Looped over every earlier version, so a new step is tested from each. */
START_TEST(test_migrate_from_every_version)
{
	const char *path = tmp_path("old.db"), *reader = tmp_path("old-read.db");
	struct store_verify_result res;
	struct store *s;
	sqlite3 *db;
	int64_t id;

	build_version(path, _i);
	db = raw_open(path);
	ck_assert_int_eq(raw_int(db, "PRAGMA user_version"), _i);
	sqlite3_close(db);
	/* A reader on a file it may write upgrades it, then reads as asked. */
	build_version(reader, _i);
	ck_assert_int_eq(store_open(reader, STORE_READONLY, &s), YJ_OK);
	ck_assert_int_eq(store_begin(s), YJ_ERR_DB_READONLY);
	store_close(&s);
	db = raw_open(reader);
	ck_assert_int_eq(raw_int(db, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	sqlite3_close(db);
	s = open_ok(path, 0);
	id = new_incident(s, false);
	ck_assert_int_eq(append_note(s, id, 5, "op", "after the upgrade"), 1);
	ck_assert_int_eq(store_verify(s, 0, &res), YJ_OK);
	ck_assert(res.ok);
	store_close(&s);
	db = raw_open(path);
	ck_assert_int_eq(raw_int(db, "PRAGMA user_version"), STORE_SCHEMA_VERSION);
	ck_assert_int_eq(raw_int(db, "PRAGMA application_id"), STORE_APPLICATION_ID);
	sqlite3_close(db);
}
END_TEST

/* Step 2: incidents of a version-1 file without a summary row are still listed. */
START_TEST(test_migrate_1_to_2)
{
	const char *path = tmp_path("v1.db");
	struct incident_summary *v = NULL, one;
	struct store *s;
	size_t n = 0;
	sqlite3 *db;

	build_version(path, 1);
	db = raw_open(path);
	raw_exec(db, "INSERT INTO incident(id, drill, created_ms) VALUES(1, 0, 1000), (2, 1, 2000)");
	raw_exec(db, "INSERT INTO summary VALUES(1, 1, 0, 't', 'p', 'ph', NULL, NULL, 5, 6, 0, 3, 'h')");
	sqlite3_close(db);
	s = open_ok(path, 0);
	/* The drill flag listed is the incident's own, as before. */
	ck_assert_int_eq(store_list(s, STORE_LIST_OPEN, &v, &n), YJ_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(v[0].id, 1);
	ck_assert_str_eq(v[0].title, "t");
	store_free_summaries(&v, n);
	ck_assert_int_eq(store_list(s, STORE_LIST_DRILLS, &v, &n), YJ_OK);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(v[0].opened_ms, 2000);
	ck_assert_int_eq(v[0].head_seq, 0);
	store_free_summaries(&v, n);
	ck_assert_int_eq(store_get_summary(s, 2, &one), YJ_ERR_NOINPUT);
	ck_assert_int_eq(store_get_summary(s, 1, &one), YJ_OK);
	incident_summary_clear(&one);
	store_close(&s);
	db = raw_open(path);
	ck_assert_int_eq(raw_int(db, "SELECT count(*) FROM snapshot"), 0);
	sqlite3_close(db);
}
END_TEST

/* Fold snapshots: written, read back at or before an entry, cleared. */
START_TEST(test_snapshots)
{
	struct store *s = open_ok(tmp_path("snap.db"), STORE_CREATE);
	int64_t id = new_incident(s, false), seq;
	unsigned char hash[ENTRY_HASH_LEN], h[ENTRY_HASH_LEN];
	struct value *state = value_obj(), *got = NULL;

	memset(hash, 7, sizeof(hash));
	value_set_str(state, "title", "快照");
	ck_assert_int_eq(store_begin(s), YJ_OK);
	ck_assert_int_eq(store_put_snapshot(s, id, 128, hash, 1, state), YJ_OK);
	ck_assert_int_eq(store_put_snapshot(s, id, 256, hash, 1, state), YJ_OK);
	ck_assert_int_eq(store_put_snapshot(s, id, 384, hash, 2, state), YJ_OK);
	ck_assert_int_eq(store_commit(s), YJ_OK);
	ck_assert_int_eq(store_get_snapshot(s, id, 0, 1, &seq, h, &got), YJ_OK);
	ck_assert_int_eq(seq, 256);
	ck_assert(value_equal(got, state));
	ck_assert_int_eq(memcmp(h, hash, sizeof(h)), 0);
	value_free(&got);
	ck_assert_int_eq(store_get_snapshot(s, id, 255, 1, &seq, h, &got), YJ_OK);
	ck_assert_int_eq(seq, 128);
	value_free(&got);
	ck_assert_int_eq(store_get_snapshot(s, id, 127, 1, &seq, h, &got), YJ_ERR_NOINPUT);
	ck_assert_ptr_null(got);
	ck_assert_int_eq(store_clear_snapshots(s, id), YJ_OK);
	ck_assert_int_eq(store_get_snapshot(s, id, 0, 1, &seq, h, &got), YJ_ERR_NOINPUT);
	value_free(&state);
	store_close(&s);
}
END_TEST

START_TEST(test_empty_file_is_claimed)
{
	const char *path = tmp_path("empty.db");
	struct store *s;

	write_file(path, "", 0);	/* e.g. a crash right after creating it */
	s = open_ok(path, 0);
	new_incident(s, false);
	store_close(&s);
}
END_TEST

/* ---- the journal ---- */

static void
expect_chain(const struct entry *v, size_t n)
{
	static const unsigned char zeros[ENTRY_HASH_LEN];

	for (size_t i = 0; i < n; i++) {
		ck_assert_int_eq(v[i].seq, (int64_t)i + 1);
		ck_assert_int_eq(memcmp(v[i].prev, i ? v[i - 1].hash : zeros, ENTRY_HASH_LEN), 0);
	}
}

START_TEST(test_append_and_load)
{
	struct store *s = open_ok(tmp_path("j.db"), STORE_CREATE);
	int64_t a = new_incident(s, false), b = new_incident(s, true), seq;
	unsigned char head[ENTRY_HASH_LEN], last[ENTRY_HASH_LEN];
	struct entry *v = NULL, e;
	size_t n = 0;
	bool drill = false;

	ck_assert_int_eq(store_head(s, a, &seq, head), YJ_OK);
	ck_assert_int_eq(seq, 0);
	for (int i = 0; i < 6; i++) {
		char text[32];

		snprintf(text, sizeof(text), "第 %d 条", i + 1);
		make_note(&e, i % 2 ? b : a, 1000 + i, "张三", text);
		e.kind = i == 0 ? ENTRY_OPEN : ENTRY_NOTE;
		value_set_int(e.payload, "i", i);
		ck_assert_int_eq(store_begin(s), YJ_OK);
		ck_assert_int_eq(store_append_entry(s, &e), YJ_OK);
		ck_assert_int_eq(store_commit(s), YJ_OK);
		ck_assert_int_eq(e.seq, i / 2 + 1);	/* each incident counts on its own */
		if (i % 2 == 0)
			memcpy(last, e.hash, ENTRY_HASH_LEN);
		entry_clear(&e);
	}
	ck_assert_int_eq(store_load_entries(s, a, 0, &v, &n), YJ_OK);
	ck_assert_uint_eq(n, 3);
	expect_chain(v, n);
	ck_assert_int_eq(v[0].kind, ENTRY_OPEN);
	ck_assert_int_eq(v[1].kind, ENTRY_NOTE);
	ck_assert_int_eq(v[2].incident, a);
	ck_assert_int_eq(v[2].ts_ms, 1004);
	ck_assert_str_eq(v[2].operator_name, "张三");
	ck_assert_str_eq(value_get_str(v[2].payload, "text"), "第 5 条");
	ck_assert_int_eq(value_as_int(value_get(v[2].payload, "i"), -1), 4);
	ck_assert_int_eq(memcmp(v[2].hash, last, ENTRY_HASH_LEN), 0);
	ck_assert_int_eq(store_head(s, a, &seq, head), YJ_OK);
	ck_assert_int_eq(seq, 3);
	ck_assert_int_eq(memcmp(head, last, ENTRY_HASH_LEN), 0);
	entry_free_array(&v, n);
	ck_assert_ptr_null(v);
	/* A prefix, for replay. */
	ck_assert_int_eq(store_load_entries(s, b, 2, &v, &n), YJ_OK);
	ck_assert_uint_eq(n, 2);
	expect_chain(v, n);
	entry_free_array(&v, n);
	ck_assert_int_eq(store_incident_exists(s, b, &drill), YJ_OK);
	ck_assert(drill);
	ck_assert_int_eq(store_incident_exists(s, 99, NULL), YJ_ERR_NOINPUT);
	store_close(&s);
}
END_TEST

START_TEST(test_append_rules)
{
	struct store *s = open_ok(tmp_path("j.db"), STORE_CREATE);
	int64_t id = new_incident(s, false);
	struct entry e;

	make_note(&e, id, 1, "op", "x");
	/* Outside a write transaction the head could move under us. */
	ck_assert_int_eq(store_append_entry(s, &e), YJ_ERR_INTERNAL);
	ck_assert_str_eq(store_error(s), "appending to incident 1: not inside a write transaction");
	ck_assert_int_eq(store_begin(s), YJ_OK);
	e.incident = 42;
	ck_assert_int_eq(store_append_entry(s, &e), YJ_ERR_NOINPUT);
	ck_assert_str_eq(store_error(s), "appending to incident 42: no such incident");
	store_rollback(s);
	store_rollback(s);	/* nothing open: harmless */
	entry_clear(&e);
	store_close(&s);
}
END_TEST

START_TEST(test_load_corrupt_rows)
{
	const char *path = tmp_path("j.db");
	struct store *s = open_ok(path, STORE_CREATE);
	int64_t id = new_incident(s, false);
	struct entry *v = NULL;
	sqlite3 *db;
	size_t n = 0;

	append_note(s, id, 1, "op", "a");
	append_note(s, id, 2, "op", "b");
	db = raw_open(path);
	raw_exec(db, "DROP TRIGGER journal_no_update;"
		     "UPDATE journal SET kind = 'explode' WHERE seq = 2");
	ck_assert_int_eq(store_load_entries(s, id, 0, &v, &n), YJ_ERR_DB_CORRUPT);
	ck_assert_str_eq(store_error(s), "incident 1 entry 2: unknown entry kind 'explode'");
	ck_assert_ptr_null(v);
	ck_assert_uint_eq(n, 0);
	raw_exec(db, "UPDATE journal SET kind = 'note', payload = '{\"a\":' WHERE seq = 2");
	ck_assert_int_eq(store_load_entries(s, id, 0, &v, &n), YJ_ERR_DB_CORRUPT);
	ck_assert_msg(strncmp(store_error(s), "incident 1 entry 2: the payload is not", 38) == 0,
		      "%s", store_error(s));
	raw_exec(db, "UPDATE journal SET payload = '{}', prev = x'0102' WHERE seq = 2");
	ck_assert_int_eq(store_load_entries(s, id, 0, &v, &n), YJ_ERR_DB_CORRUPT);
	ck_assert_str_eq(store_error(s), "incident 1 entry 2: a stored hash is not 32 bytes");
	sqlite3_close(db);
	store_close(&s);
}
END_TEST

START_TEST(test_triggers_refuse_changes)
{
	const char *path = tmp_path("j.db");
	struct store *s = open_ok(path, STORE_CREATE);
	sqlite3 *db;
	char *err = NULL;

	append_note(s, new_incident(s, false), 1, "op", "keep me");
	store_close(&s);
	db = raw_open(path);
	ck_assert_int_ne(sqlite3_exec(db, "UPDATE journal SET payload = '{}'", NULL, NULL, &err),
			 SQLITE_OK);
	ck_assert_str_eq(err, "the journal is append-only");
	sqlite3_free(err);
	err = NULL;
	ck_assert_int_ne(sqlite3_exec(db, "DELETE FROM journal", NULL, NULL, &err), SQLITE_OK);
	ck_assert_str_eq(err, "the journal is append-only");
	sqlite3_free(err);
	ck_assert_int_eq(raw_int(db, "SELECT count(*) FROM journal"), 1);
	sqlite3_close(db);
}
END_TEST

START_TEST(test_playbooks)
{
	struct store *s = open_ok(tmp_path("p.db"), STORE_CREATE);
	const char text[] = "id: lucheng\ntitle: 潞城\n\0binary tail";
	char *got = NULL;
	size_t len = 0;

	ck_assert_int_eq(store_put_playbook(s, "abc123", "lucheng", text, sizeof(text)), YJ_OK);
	/* Stored by content: a second put under the same hash keeps the first. */
	ck_assert_int_eq(store_put_playbook(s, "abc123", "lucheng", "other", 5), YJ_OK);
	ck_assert_int_eq(store_get_playbook(s, "abc123", &got, &len), YJ_OK);
	ck_assert_uint_eq(len, sizeof(text));
	ck_assert_int_eq(memcmp(got, text, len), 0);
	ck_assert_int_eq(got[len], '\0');
	free(got);
	ck_assert_int_eq(store_get_playbook(s, "ffff", &got, &len), YJ_ERR_NOINPUT);
	ck_assert_ptr_null(got);
	store_close(&s);
}
END_TEST

/* A playbook's cached tree must be its text's: verify parses the text and compares. */
START_TEST(test_playbook_tree_verified)
{
	struct store *s = open_ok(tmp_path("t.db"), STORE_CREATE);
	static const char text[] = "a: 1\nb: [x, y]\n", other[] = "a: 2\n";
	struct store_verify_result res;
	struct diag_list dl = {0};
	struct strbuf tree = STRBUF_INIT;
	struct doc *doc = NULL;
	char hex[65];
	void *got = NULL;
	size_t len = 0;

	hash_sha256_hex(text, strlen(text), hex);
	ck_assert_int_eq(store_put_playbook(s, hex, "p", text, strlen(text)), YJ_OK);
	ck_assert_int_eq(yaml_doc_parse(text, strlen(text), "t", &doc, &dl), YJ_OK);
	docbin_encode(doc, &tree);
	doc_free(&doc);
	ck_assert_int_eq(store_put_playbook_tree(s, hex, DOCBIN_VERSION, tree.buf, tree.len), YJ_OK);
	ck_assert_int_eq(store_get_playbook_tree(s, hex, DOCBIN_VERSION, &got, &len), YJ_OK);
	ck_assert_uint_eq(len, tree.len);
	free(got);
	ck_assert_int_eq(store_get_playbook_tree(s, hex, DOCBIN_VERSION + 1, &got, &len),
			 YJ_ERR_NOINPUT);
	ck_assert_int_eq(store_verify(s, 0, &res), YJ_OK);
	ck_assert_msg(res.ok, "%s", res.message);
	/* Another text's tree under this playbook's hash. */
	sb_reset(&tree);
	ck_assert_int_eq(yaml_doc_parse(other, strlen(other), "t", &doc, &dl), YJ_OK);
	docbin_encode(doc, &tree);
	doc_free(&doc);
	ck_assert_int_eq(store_put_playbook_tree(s, hex, DOCBIN_VERSION, tree.buf, tree.len), YJ_OK);
	ck_assert_int_eq(store_verify(s, 0, &res), YJ_OK);
	ck_assert(!res.ok);
	ck_assert_msg(strstr(res.message, "tree"), "%s", res.message);
	diag_list_clear(&dl);
	sb_free(&tree);
	store_close(&s);
}
END_TEST

START_TEST(test_data_version)
{
	const char *path = tmp_path("dv.db");
	struct store *a = open_ok(path, STORE_CREATE), *b = open_ok(path, 0);
	int64_t id = new_incident(a, false), v0 = store_data_version(a);

	ck_assert_int_eq(store_data_version(a), v0);	/* our own writes do not count */
	append_note(b, id, 1, "other console", "hello");
	ck_assert_int_ne(store_data_version(a), v0);
	store_close(&a);
	store_close(&b);
}
END_TEST

/* ---- the projection and listing ---- */

static void
put_summary(struct store *s, int64_t id, bool drill, bool closed, const char *title)
{
	struct incident_summary sum = {.id = id, .drill = drill, .closed = closed};

	sum.title = xstrdup(title);
	sum.plan_id = xstrdup("lucheng-2017");
	sum.phase = xstrdup("response");
	sum.level = closed ? NULL : xstrdup("III");
	sum.opened_ms = 1000 + id;
	sum.updated_ms = 2000 + id;
	sum.next_due_ms = closed ? 0 : 3000 + id;
	sum.head_seq = 7;
	snprintf(sum.head_hash, sizeof(sum.head_hash), "%064d", (int)id);
	ck_assert_int_eq(store_put_summary(s, &sum), YJ_OK);
	incident_summary_clear(&sum);
}

static void
expect_list(struct store *s, enum store_list_filter f, const int64_t *ids, size_t n_ids)
{
	struct incident_summary *v = NULL;
	size_t n = 0;

	ck_assert_int_eq(store_list(s, f, &v, &n), YJ_OK);
	ck_assert_uint_eq(n, n_ids);
	for (size_t i = 0; i < n; i++)
		ck_assert_int_eq(v[i].id, ids[i]);
	store_free_summaries(&v, n);
	ck_assert_ptr_null(v);
}

START_TEST(test_list_filters)
{
	struct store *s = open_ok(tmp_path("l.db"), STORE_CREATE);
	struct incident_summary *v = NULL, one;
	size_t n = 0;
	int64_t *ids = NULL;

	for (int i = 0; i < 5; i++)
		new_incident(s, i == 2 || i == 4);	/* 3 and 5 are drills */
	ck_assert_int_eq(store_begin(s), YJ_OK);
	put_summary(s, 1, false, false, "一号 open");
	put_summary(s, 2, false, true, "二号 closed");
	put_summary(s, 3, true, false, "drill open");
	put_summary(s, 5, true, true, "drill closed");
	ck_assert_int_eq(store_commit(s), YJ_OK);
	/* Incident 4 has no summary row and is listed all the same. */
	expect_list(s, STORE_LIST_OPEN, (const int64_t[]){4, 1}, 2);
	expect_list(s, STORE_LIST_CLOSED, (const int64_t[]){2}, 1);
	expect_list(s, STORE_LIST_ALL, (const int64_t[]){4, 2, 1}, 3);
	expect_list(s, STORE_LIST_DRILLS, (const int64_t[]){5, 3}, 2);
	ck_assert_int_eq(store_list(s, STORE_LIST_ALL, &v, &n), YJ_OK);
	ck_assert_str_eq(v[0].title, "");
	ck_assert_int_eq(v[0].opened_ms, 1700000000000);
	ck_assert_int_eq(v[0].head_seq, 0);
	ck_assert_str_eq(v[2].title, "一号 open");
	ck_assert_str_eq(v[2].level, "III");
	ck_assert_ptr_null(v[2].phase_title);
	ck_assert_int_eq(v[2].next_due_ms, 3001);
	store_free_summaries(&v, n);
	ck_assert_int_eq(store_get_summary(s, 2, &one), YJ_OK);
	ck_assert(one.closed);
	ck_assert_ptr_null(one.level);
	ck_assert_str_eq(one.plan_id, "lucheng-2017");
	ck_assert_int_eq(one.updated_ms, 2002);
	ck_assert_str_eq(one.head_hash,
			 "0000000000000000000000000000000000000000000000000000000000000002");
	incident_summary_clear(&one);
	ck_assert_int_eq(store_get_summary(s, 4, &one), YJ_ERR_NOINPUT);
	/* Replacing a row: 1 is now closed. */
	put_summary(s, 1, false, true, "一号 closed");
	expect_list(s, STORE_LIST_CLOSED, (const int64_t[]){2, 1}, 2);
	ck_assert_int_eq(store_incident_ids(s, &ids, &n), YJ_OK);
	ck_assert_uint_eq(n, 5);
	for (size_t i = 0; i < n; i++)
		ck_assert_int_eq(ids[i], (int64_t)i + 1);
	free(ids);
	store_close(&s);
}
END_TEST

/* ---- verify: every kind of tampering, found at the right entry ---- */

/* Three incidents: 1 with 3 entries, 2 (a drill) with 5, 3 with 10. */
static void
build_three(const char *path)
{
	struct store *s = open_ok(path, STORE_CREATE);
	static const int counts[] = {3, 5, 10};

	for (int i = 0; i < 3; i++) {
		int64_t id = new_incident(s, i == 1);

		for (int k = 1; k <= counts[i]; k++) {
			char text[32];

			snprintf(text, sizeof(text), "note %d", k);
			append_note(s, id, 1700000000000 + 1000 * k, "张三", text);
		}
	}
	store_close(&s);
}

static void
row_hash(sqlite3 *db, int64_t seq, unsigned char out[ENTRY_HASH_LEN])
{
	sqlite3_stmt *st = NULL;

	sqlite3_prepare_v2(db, "SELECT hash FROM journal WHERE incident = 3 AND seq = ?1", -1, &st,
			   NULL);
	sqlite3_bind_int64(st, 1, seq);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
	memcpy(out, sqlite3_column_blob(st, 0), ENTRY_HASH_LEN);
	sqlite3_finalize(st);
}

/* Write (or overwrite) entry seq of incident 3 with a correctly computed hash. */
static void
forge(sqlite3 *db, int64_t seq, const char *payload, const unsigned char prev[ENTRY_HASH_LEN])
{
	unsigned char h[ENTRY_HASH_LEN];
	sqlite3_stmt *st = NULL;

	hash_entry(3, seq, 1700000099999, "mallory", "note", payload, prev, h);
	sqlite3_prepare_v2(db, "INSERT OR REPLACE INTO journal VALUES(3, ?1, 1700000099999,"
			   " 'mallory', 'note', ?2, ?3, ?4)", -1, &st, NULL);
	sqlite3_bind_int64(st, 1, seq);
	sqlite3_bind_text(st, 2, payload, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 3, prev, ENTRY_HASH_LEN, SQLITE_STATIC);
	sqlite3_bind_blob(st, 4, h, ENTRY_HASH_LEN, SQLITE_STATIC);
	ck_assert_int_eq(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
}

/* Renumber 5..10 to 6..11 and slip a well-formed entry in at 5. */
static void
insert_forged(sqlite3 *db)
{
	unsigned char prev[ENTRY_HASH_LEN];

	raw_exec(db, "UPDATE journal SET seq = seq + 100 WHERE incident = 3 AND seq >= 5;"
		     "UPDATE journal SET seq = seq - 99 WHERE incident = 3 AND seq >= 105");
	row_hash(db, 4, prev);
	forge(db, 5, "{\"text\":\"I was never here\"}", prev);
}

/* Edit entry 7 and give it a matching hash: entry 8 still points at the old one. */
static void
edit_and_rehash(sqlite3 *db)
{
	unsigned char prev[ENTRY_HASH_LEN];

	row_hash(db, 6, prev);
	forge(db, 7, "{\"text\":\"rewritten\"}", prev);
}

static const struct tamper_case {
	const char *what;
	const char *sql;		/* run after dropping the triggers */
	void (*fn)(sqlite3 *db);	/* or this */
	bool ok;
	int64_t incident, seq;
	const char *message;
} tamper_cases[] = {
	{"payload edited", "UPDATE journal SET payload = '{\"text\":\"note 70\"}'"
	 " WHERE incident = 3 AND seq = 7", NULL, false, 3, 7,
	 "incident 3 entry 7: the hash does not match its content (edited?)"},
	{"payload re-spaced (same value, other bytes)", "UPDATE journal SET payload ="
	 " '{ \"text\": \"note 7\" }' WHERE incident = 3 AND seq = 7", NULL, false, 3, 7,
	 "incident 3 entry 7: the hash does not match its content (edited?)"},
	{"operator edited", "UPDATE journal SET operator = '李四' WHERE incident = 3 AND seq = 4",
	 NULL, false, 3, 4, "incident 3 entry 4: the hash does not match its content (edited?)"},
	{"time edited", "UPDATE journal SET ts_ms = ts_ms - 60000 WHERE incident = 3 AND seq = 2",
	 NULL, false, 3, 2, "incident 3 entry 2: the hash does not match its content (edited?)"},
	{"kind edited", "UPDATE journal SET kind = 'tick' WHERE incident = 2 AND seq = 5", NULL,
	 false, 2, 5, "incident 2 entry 5: the hash does not match its content (edited?)"},
	{"hash of the wrong size", "UPDATE journal SET hash = x'00' WHERE incident = 3 AND seq = 3",
	 NULL, false, 3, 3, "incident 3 entry 3: a stored hash is not 32 bytes"},
	{"edited and re-hashed", NULL, edit_and_rehash, false, 3, 8,
	 "incident 3 entry 8: prev does not match the hash of entry 7 (reordered or inserted?)"},
	{"deleted in the middle", "DELETE FROM journal WHERE incident = 3 AND seq = 7", NULL, false,
	 3, 8, "incident 3 entry 8: follows entry 6 (entry 7 deleted?)"},
	{"first deleted", "DELETE FROM journal WHERE incident = 1 AND seq = 1", NULL, false, 1, 2,
	 "incident 1 entry 2: the journal starts here, not at entry 1 (entry 1 deleted?)"},
	{"truncated in the middle",
	 "DELETE FROM journal WHERE incident = 3 AND seq BETWEEN 4 AND 7", NULL, false, 3, 8,
	 "incident 3 entry 8: follows entry 3 (entries 4 to 7 deleted?)"},
	{"inserted", NULL, insert_forged, false, 3, 6,
	 "incident 3 entry 6: prev does not match the hash of entry 5 (reordered or inserted?)"},
	{"reordered", "UPDATE journal SET seq = -5 WHERE incident = 3 AND seq = 5;"
	 "UPDATE journal SET seq = 5 WHERE incident = 3 AND seq = 6;"
	 "UPDATE journal SET seq = 6 WHERE incident = 3 AND seq = -5", NULL, false, 3, 5,
	 "incident 3 entry 5: prev does not match the hash of entry 4 (reordered or inserted?)"},
	{"all entries deleted", "DELETE FROM journal WHERE incident = 2", NULL, false, 2, 0,
	 "incident 2: has no journal entries (all deleted?)"},
	{"an incident row with no entries", "INSERT INTO incident VALUES(4, 0, 0)", NULL, false, 4,
	 0, "incident 4: has no journal entries (all deleted?)"},
	{"incident row deleted", "PRAGMA foreign_keys = OFF; DELETE FROM incident WHERE id = 1",
	 NULL, false, 1, 0, "incident 1: has journal entries but no incident row (deleted?)"},
	/*
	 * What the chain cannot see: entries cut off the end leave a shorter
	 * chain that is intact.  The head (seq:hash) printed on exports and
	 * briefings is what catches this (`yingji verify --head`).
	 */
	{"last entry deleted (undetectable by the chain)",
	 "DELETE FROM journal WHERE incident = 3 AND seq = 10", NULL, true, 0, 0, ""},
	{"tail truncated (undetectable by the chain)",
	 "DELETE FROM journal WHERE incident = 3 AND seq >= 6", NULL, true, 0, 0, ""},
};

START_TEST(test_verify_intact)
{
	const char *path = tmp_path("v.db");
	struct store_verify_result res;
	struct store *s;

	build_three(path);
	s = open_ok(path, 0);
	ck_assert_int_eq(store_verify(s, 0, &res), YJ_OK);
	ck_assert_msg(res.ok, "%s", res.message);
	ck_assert_int_eq(res.entries, 18);
	ck_assert_int_eq(res.bytes, 18 * (int64_t)strlen("{\"text\":\"note 1\"}") + 1);
	ck_assert_int_eq(store_verify(s, 3, &res), YJ_OK);
	ck_assert(res.ok);
	ck_assert_int_eq(res.entries, 10);
	ck_assert_int_eq(store_verify(s, 9, &res), YJ_ERR_NOINPUT);
	ck_assert_str_eq(store_error(s), "no incident 9");
	store_close(&s);
}
END_TEST

START_TEST(test_verify_detects)
{
	const struct tamper_case *c = &tamper_cases[_i];
	const char *path = tmp_path("v.db");
	struct store_verify_result res;
	struct store *s;
	sqlite3 *db;

	build_three(path);
	db = raw_open(path);
	/* As an attacker would: the triggers only stop honest mistakes. */
	raw_exec(db, "DROP TRIGGER journal_no_update; DROP TRIGGER journal_no_delete");
	if (c->sql)
		raw_exec(db, c->sql);
	if (c->fn)
		c->fn(db);
	sqlite3_close(db);
	s = open_ok(path, 0);
	ck_assert_int_eq(store_verify(s, 0, &res), YJ_OK);
	ck_assert_msg(res.ok == c->ok, "%s: ok=%d (%s)", c->what, res.ok, res.message);
	ck_assert_int_eq(res.incident, c->incident);
	ck_assert_int_eq(res.seq, c->seq);
	ck_assert_str_eq(res.message, c->message);
	/* Verifying only the damaged incident says the same. */
	if (!c->ok) {
		ck_assert_int_eq(store_verify(s, c->incident, &res), YJ_OK);
		ck_assert_str_eq(res.message, c->message);
	}
	store_close(&s);
}
END_TEST

/* ---- backup ---- */

START_TEST(test_backup)
{
	const char *path = tmp_path("live.db"), *dest = tmp_path("copy.db");
	struct store_verify_result res;
	struct store *s, *b;
	size_t len0, len1;
	char *before, *after;

	build_three(path);
	s = open_ok(path, 0);
	ck_assert_int_eq(store_backup(s, dest), YJ_OK);
	ck_assert_uint_eq(mode_of(dest), 0600);
	b = open_ok(dest, 0);
	ck_assert_int_eq(store_verify(b, 0, &res), YJ_OK);
	ck_assert(res.ok);
	ck_assert_int_eq(res.entries, 18);
	store_close(&b);
	/* Never over an existing file. */
	before = slurp(dest, &len0);
	ck_assert_int_eq(store_backup(s, dest), YJ_ERR_USAGE);
	ck_assert_ptr_nonnull(strstr(store_error(s), "already exists"));
	after = slurp(dest, &len1);
	ck_assert_uint_eq(len0, len1);
	ck_assert_int_eq(memcmp(before, after, len0), 0);
	free(before);
	free(after);
	ck_assert_int_eq(store_backup(s, tmp_path("no/such/folder.db")), YJ_ERR_IO);
	store_close(&s);
}
END_TEST

/* ---- locking ---- */

START_TEST(test_busy)
{
	const char *path = tmp_path("busy.db");
	struct store *s = open_ok(path, STORE_CREATE);
	int64_t id = new_incident(s, false);
	sqlite3 *other = raw_open(path);
	struct entry e;
	double t0, ms;

	raw_exec(other, "BEGIN IMMEDIATE");
	store_set_busy_timeout(s, 100);
	t0 = now_ms();
	ck_assert_int_eq(store_begin(s), YJ_ERR_DB_BUSY);
	ms = now_ms() - t0;
	ck_assert_msg(ms >= 90 && ms < 5000, "waited %.0f ms", ms);
	ck_assert_str_eq(store_error(s), "starting a write: database is locked");
	/* A write attempted from a read transaction waits the same way. */
	make_note(&e, id, 1, "op", "x");
	ck_assert_int_eq(store_begin_read(s), YJ_OK);
	ck_assert_int_eq(store_append_entry(s, &e), YJ_ERR_DB_BUSY);
	ck_assert_str_eq(store_error(s), "appending to incident 1: database is locked");
	store_rollback(s);
	raw_exec(other, "COMMIT");
	ck_assert_int_eq(store_begin(s), YJ_OK);
	ck_assert_int_eq(store_append_entry(s, &e), YJ_OK);
	ck_assert_int_eq(store_commit(s), YJ_OK);
	entry_clear(&e);
	sqlite3_close(other);
	store_close(&s);
}
END_TEST

/* ---- faults: kill -9 while writing; many writers ---- */

/* Append notes for ever, reporting each seq on fd once COMMIT has returned. */
static void __attribute__((noreturn))
crash_child(const char *path, int64_t id, int fd)
{
	struct store *s = NULL;
	struct entry e;

	if (store_open(path, 0, &s) != YJ_OK)
		_exit(2);
	for (;;) {
		make_note(&e, id, 1700000000000, "crash", "written while being killed");
		if (store_begin(s) != YJ_OK || store_append_entry(s, &e) != YJ_OK ||
		    store_commit(s) != YJ_OK)
			_exit(3);
		if (write(fd, &e.seq, sizeof(e.seq)) != (ssize_t)sizeof(e.seq))
			_exit(4);
		entry_clear(&e);
	}
}

/* Read seqs until EOF (or `want` of them, if want > 0); returns the highest. */
static int64_t
read_seqs(int fd, int want, int *got)
{
	int64_t seq, max = 0;

	for (*got = 0; want <= 0 || *got < want; (*got)++) {
		ssize_t n = read(fd, &seq, sizeof(seq));

		if (n != (ssize_t)sizeof(seq))
			break;
		max = seq > max ? seq : max;
	}
	return max;
}

/* One round: start a writer, let it commit a few, kill it at a random moment. */
static int64_t
crash_round(const char *path, int64_t id)
{
	int p[2], got, status;
	int64_t max, rest;
	pid_t pid;

	ck_assert_int_eq(pipe(p), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		close(p[0]);
		crash_child(path, id, p[1]);
	}
	close(p[1]);
	max = read_seqs(p[0], 1 + rand() % 3, &got);
	ck_assert_msg(got > 0, "the writer reported nothing");
	usleep((useconds_t)(rand() % 20001));
	kill(pid, SIGKILL);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
		      "the writer stopped by itself (status %d)", status);
	rest = read_seqs(p[0], 0, &got);
	close(p[0]);
	return rest > max ? rest : max;
}

START_TEST(test_crash_while_writing)
{
	const char *path = tmp_path("crash.db");
	const char *env = getenv("YJ_CRASH_SEED");
	unsigned seed = env && *env ? (unsigned)strtoul(env, NULL, 10) : 20240601u;
	struct store_verify_result res;
	struct store *s = open_ok(path, STORE_CREATE);
	int64_t id = new_incident(s, false), seq;
	unsigned char hash[ENTRY_HASH_LEN];

	store_close(&s);
	fprintf(stderr, "store crash test: seed %u (set YJ_CRASH_SEED to repeat another)\n", seed);
	srand(seed);
	for (int round = 0; round < 50; round++) {
		int64_t reported = crash_round(path, id);

		s = open_ok(path, 0);
		ck_assert_int_eq(store_verify(s, id, &res), YJ_OK);
		ck_assert_msg(res.ok, "round %d: %s", round, res.message);
		ck_assert_int_eq(store_head(s, id, &seq, hash), YJ_OK);
		/* Seqs run 1..head without gaps (verify), so every reported one is there. */
		ck_assert_msg(seq >= reported,
			      "round %d: committed %" PRId64 " but head is %" PRId64, round,
			      reported, seq);
		ck_assert_int_eq(res.entries, seq);
		store_close(&s);
	}
}
END_TEST

enum { WRITERS = 4, NOTES_EACH = 250 };

/* Wait for the start signal (EOF on go), then append NOTES_EACH notes. */
static void __attribute__((noreturn))
writer_child(const char *path, int64_t id, int k, int go)
{
	char op[24], c;
	struct store *s = NULL;

	if (read(go, &c, 1) != 0)
		_exit(5);
	snprintf(op, sizeof(op), "writer %d", k);
	if (store_open(path, 0, &s) != YJ_OK)
		_exit(2);
	for (int i = 0; i < NOTES_EACH; i++) {
		struct entry e;
		enum yj_status rc;

		make_note(&e, id, 1700000000000 + i, op, "at the same time");
		rc = store_begin(s);
		if (rc == YJ_OK)
			rc = store_append_entry(s, &e);
		if (rc == YJ_OK)
			rc = store_commit(s);
		entry_clear(&e);
		if (rc != YJ_OK) {
			fprintf(stderr, "%s: %s\n", op, store_error(s));
			_exit(3);
		}
	}
	store_close(&s);
	_exit(0);
}

START_TEST(test_many_writers)
{
	const char *path = tmp_path("many.db");
	struct store_verify_result res;
	struct store *s = open_ok(path, STORE_CREATE);
	int64_t id = new_incident(s, false), per_writer[WRITERS] = {0};
	struct entry *v = NULL;
	pid_t pids[WRITERS];
	size_t n = 0;
	int go[2];

	store_close(&s);
	ck_assert_int_eq(pipe(go), 0);
	for (int k = 0; k < WRITERS; k++) {
		pids[k] = fork();
		ck_assert_int_ge(pids[k], 0);
		if (pids[k] == 0) {
			close(go[1]);
			writer_child(path, id, k, go[0]);
		}
	}
	close(go[0]);
	close(go[1]);	/* everyone starts now */
	for (int k = 0; k < WRITERS; k++) {
		int status;

		ck_assert_int_eq(waitpid(pids[k], &status, 0), pids[k]);
		ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
			      "writer %d failed (status %d)", k, status);
	}
	s = open_ok(path, 0);
	ck_assert_int_eq(store_verify(s, 0, &res), YJ_OK);
	ck_assert_msg(res.ok, "%s", res.message);
	ck_assert_int_eq(res.entries, WRITERS * NOTES_EACH);
	ck_assert_int_eq(store_load_entries(s, id, 0, &v, &n), YJ_OK);
	ck_assert_uint_eq(n, WRITERS * NOTES_EACH);
	expect_chain(v, n);
	for (size_t i = 0; i < n; i++)
		per_writer[v[i].operator_name[7] - '0']++;
	for (int k = 0; k < WRITERS; k++)
		ck_assert_int_eq(per_writer[k], NOTES_EACH);
	entry_free_array(&v, n);
	store_close(&s);
}
END_TEST

/* Several consoles starting at once on a database that does not exist yet. */
static void __attribute__((noreturn))
creator_child(const char *path, int go)
{
	struct store *s = NULL;
	int64_t id = 0;
	char c;

	if (read(go, &c, 1) != 0)
		_exit(5);
	if (store_open(path, STORE_CREATE, &s) != YJ_OK) {
		fprintf(stderr, "creator: %s\n", store_open_error());
		_exit(2);
	}
	if (store_begin(s) != YJ_OK || store_new_incident(s, false, 1, &id) != YJ_OK ||
	    store_commit(s) != YJ_OK) {
		fprintf(stderr, "creator: %s\n", store_error(s));
		_exit(3);
	}
	store_close(&s);
	_exit(0);
}

START_TEST(test_create_race)
{
	for (int round = 0; round < 10; round++) {
		char name[32];
		const char *path;
		struct store *s;
		int64_t *ids = NULL;
		size_t n = 0;
		pid_t pids[WRITERS];
		int go[2];

		snprintf(name, sizeof(name), "race%d/yingji.db", round);
		path = tmp_path(name);
		ck_assert_int_eq(pipe(go), 0);
		for (int k = 0; k < WRITERS; k++) {
			pids[k] = fork();
			ck_assert_int_ge(pids[k], 0);
			if (pids[k] == 0) {
				close(go[1]);
				creator_child(path, go[0]);
			}
		}
		close(go[0]);
		close(go[1]);
		for (int k = 0; k < WRITERS; k++) {
			int status;

			ck_assert_int_eq(waitpid(pids[k], &status, 0), pids[k]);
			ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
				      "round %d: creator %d failed (status %d)", round, k, status);
		}
		s = open_ok(path, 0);
		ck_assert_int_eq(store_incident_ids(s, &ids, &n), YJ_OK);
		ck_assert_uint_eq(n, WRITERS);
		free(ids);
		store_close(&s);
	}
}
END_TEST

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Not a pass/fail test: the cost of one durable action, printed for the record. */
START_TEST(test_append_latency)
{
	struct store *s = open_ok(tmp_path("latency.db"), STORE_CREATE);
	int64_t id = new_incident(s, false);
	double t[200];

	for (int i = 0; i < 200; i++) {
		double t0 = now_ms();

		append_note(s, id, i, "op", "how long does this take?");
		t[i] = now_ms() - t0;
	}
	qsort(t, 200, sizeof(t[0]), cmp_double);
	fprintf(stderr, "store: durable append (begin/append/commit) median %.3f ms, "
		"90th %.3f ms, on %s\n", t[100], t[180], tmp_root);
	ck_assert(t[100] < 1000);
	store_close(&s);
}
END_TEST

Suite *
suite_store(void)
{
	Suite *s = suite_create("store");
	TCase *tc = tcase_create("store");
	TCase *faults = tcase_create("faults");

	tcase_add_checked_fixture(tc, tmp_setup, tmp_teardown);
	tcase_add_test(tc, test_create_modes);
	tcase_add_test(tc, test_identity_and_pragmas);
	tcase_add_test(tc, test_missing_file);
	tcase_add_test(tc, test_memory);
	tcase_add_test(tc, test_text_file_refused);
	tcase_add_test(tc, test_damaged_header_refused);
	tcase_add_test(tc, test_foreign_sqlite_refused);
	tcase_add_test(tc, test_unmarked_sqlite_refused);
	tcase_add_test(tc, test_newer_schema_refused);
	tcase_add_test(tc, test_readonly);
	tcase_add_loop_test(tc, test_migrate_from_every_version, 0, STORE_SCHEMA_VERSION);
	tcase_add_test(tc, test_empty_file_is_claimed);
	tcase_add_test(tc, test_migrate_1_to_2);
	tcase_add_test(tc, test_snapshots);
	tcase_add_test(tc, test_append_and_load);
	tcase_add_test(tc, test_append_rules);
	tcase_add_test(tc, test_load_corrupt_rows);
	tcase_add_test(tc, test_triggers_refuse_changes);
	tcase_add_test(tc, test_playbooks);
	tcase_add_test(tc, test_playbook_tree_verified);
	tcase_add_test(tc, test_data_version);
	tcase_add_test(tc, test_list_filters);
	tcase_add_test(tc, test_verify_intact);
	tcase_add_loop_test(tc, test_verify_detects, 0,
			    sizeof(tamper_cases) / sizeof(tamper_cases[0]));
	tcase_add_test(tc, test_backup);
	tcase_add_test(tc, test_busy);
	suite_add_tcase(s, tc);

	tcase_add_checked_fixture(faults, tmp_setup, tmp_teardown);
	tcase_set_timeout(faults, 600);
	tcase_add_test(faults, test_crash_while_writing);
	tcase_add_test(faults, test_many_writers);
	tcase_add_test(faults, test_create_race);
	tcase_add_test(faults, test_append_latency);
	suite_add_tcase(s, faults);
	return s;
}
