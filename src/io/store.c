/*
 * The store's connection: opening (with the file's modes and the checks that
 * leave foreign files untouched), the statement cache, errors, transactions.
 * The schema is in store_schema.c, the journal in store_journal.c, the
 * projection in store_summary.c, integrity and backup in store_verify.c.
 */
#include "config.h"

#include "io/store_impl.h"
#include "util/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { DEFAULT_BUSY_MS = 10000 };

/* Why the last store_open failed; it has no struct store to hold it. */
static char open_err[512];

static const char sqlite_magic[16] = "SQLite format 3";	/* with its NUL: 16 bytes */

static enum yj_status
open_fail(enum yj_status st, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static enum yj_status
open_fail(enum yj_status st, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(open_err, sizeof(open_err), fmt, ap);
	va_end(ap);
	return st;
}

const char *
store_open_error(void)
{
	return open_err;
}

const char *
store_error(const struct store *s)
{
	return s ? s->err : open_err;
}

/* ---- errors ---- */

static enum yj_status
status_of(const struct store *s, int rc)
{
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return YJ_ERR_DB_BUSY;
	case SQLITE_READONLY:
		return YJ_ERR_DB_READONLY;
	case SQLITE_CANTOPEN:
		/* Once the file is open, what cannot be opened is the -wal or -shm
		 * beside it: the folder (or the file) is not writable. */
		return s->opened ? YJ_ERR_DB_READONLY : YJ_ERR_DB_UNAVAILABLE;
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
		return YJ_ERR_DB_CORRUPT;
	default:
		return YJ_ERR_DB_UNAVAILABLE;
	}
}

enum yj_status
store_fail(struct store *s, int rc, const char *fmt, ...)
{
	char doing[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(doing, sizeof(doing), fmt, ap);
	va_end(ap);
	snprintf(s->err, sizeof(s->err), "%s: %s", doing,
		 s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
	return status_of(s, rc);
}

enum yj_status
store_failf(struct store *s, enum yj_status st, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(s->err, sizeof(s->err), fmt, ap);
	va_end(ap);
	return st;
}

/* ---- statements ---- */

struct sqlite3_stmt *
store_stmt(struct store *s, enum store_stmt id, const char *sql)
{
	int rc;

	if (s->stmts[id])
		return s->stmts[id];
	rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s->stmts[id], NULL);
	if (rc != SQLITE_OK) {
		store_fail(s, rc, "preparing a query");
		s->stmts[id] = NULL;
	}
	return s->stmts[id];
}

void
store_stmt_done(struct sqlite3_stmt *st)
{
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}

enum yj_status
store_exec_stmt(struct store *s, enum store_stmt id, const char *sql, const char *doing)
{
	sqlite3_stmt *st = store_stmt(s, id, sql);
	int rc;

	if (!st)
		return YJ_ERR_DB_UNAVAILABLE;
	rc = sqlite3_step(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		enum yj_status st_rc = store_fail(s, rc, "%s", doing);

		store_stmt_done(st);
		return st_rc;
	}
	store_stmt_done(st);
	return YJ_OK;
}

/* ---- the file ---- */

/* mkdir -p of the folders above path; the ones made are 0700 whatever the umask. */
static enum yj_status
make_parents(const char *path)
{
	char *p = xstrdup(path);
	enum yj_status rc = YJ_OK;

	for (char *q = strchr(p + 1, '/'); q && rc == YJ_OK; q = strchr(q + 1, '/')) {
		*q = '\0';
		if (mkdir(p, 0700) == 0) {
			if (chmod(p, 0700) != 0)
				rc = open_fail(YJ_ERR_IO, "cannot set the mode of %s: %s", p,
					       strerror(errno));
		} else if (errno != EEXIST) {
			rc = open_fail(errno == EACCES || errno == EROFS ? YJ_ERR_DB_READONLY
									   : YJ_ERR_IO,
				       "cannot create the folder %s: %s", p, strerror(errno));
		}
		*q = '/';
	}
	free(p);
	return rc;
}

/* Make the folder entry of a new file durable, as SQLite does for its journals. */
static void
sync_parent(const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	int fd;

	if (slash == dir)
		slash[1] = '\0';
	else if (slash)
		*slash = '\0';
	fd = open(slash ? dir : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

/*
 * Create an empty file 0600 before SQLite sees the path: SQLite gives its -wal
 * and -shm files the database file's mode, so they are 0600 too.  Another
 * process creating it first is fine (O_EXCL then says EEXIST).
 */
static enum yj_status
create_file(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);

	if (fd < 0 && errno == EEXIST)
		return YJ_OK;
	if (fd < 0)
		return open_fail(errno == EACCES || errno == EROFS ? YJ_ERR_DB_READONLY : YJ_ERR_IO,
				 "cannot create the database: %s", strerror(errno));
	if (fchmod(fd, 0600) != 0 || fsync(fd) != 0) {
		int e = errno;

		close(fd);
		return open_fail(YJ_ERR_IO, "cannot create the database: %s", strerror(e));
	}
	close(fd);
	sync_parent(path);
	return YJ_OK;
}

/*
 * Look at the first 16 bytes before SQLite touches the file: anything but an
 * SQLite header (or an empty file, which SQLite treats as a new database) is
 * refused and left as it is.
 */
static enum yj_status
check_header(const char *path)
{
	char head[16];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return open_fail(errno == ENOENT ? YJ_ERR_NOINPUT : YJ_ERR_DB_UNAVAILABLE,
				 "cannot open: %s", strerror(errno));
	do
		n = read(fd, head, sizeof(head));
	while (n < 0 && errno == EINTR);
	close(fd);
	if (n < 0)
		return open_fail(YJ_ERR_IO, "cannot read: %s", strerror(errno));
	if (n != 0 && (n != (ssize_t)sizeof(head) || memcmp(head, sqlite_magic, sizeof(head)) != 0))
		return open_fail(YJ_ERR_DB_CORRUPT, "not a yingji database (not an SQLite file)");
	return YJ_OK;
}

static enum yj_status
prepare_file(const char *path, unsigned flags)
{
	struct stat st;
	enum yj_status rc;

	if (stat(path, &st) != 0) {
		if (errno != ENOENT)
			return open_fail(YJ_ERR_DB_UNAVAILABLE, "cannot open: %s", strerror(errno));
		if (!(flags & STORE_CREATE) || (flags & STORE_READONLY))
			return open_fail(YJ_ERR_NOINPUT, "no such database");
		rc = make_parents(path);
		if (rc == YJ_OK)
			rc = create_file(path);
		if (rc != YJ_OK)
			return rc;
	} else if (S_ISDIR(st.st_mode)) {
		return open_fail(YJ_ERR_DB_UNAVAILABLE, "is a folder, not a database");
	}
	return check_header(path);
}

/* ---- open and close ---- */

static enum yj_status
open_connection(struct store *s, const char *path, unsigned flags, bool memory)
{
	int oflags = 0;
	int rc;

	/* Never SQLITE_OPEN_CREATE for a file: prepare_file made it, and a file
	 * that vanished since is an error, not a new empty database. */
	if (flags & STORE_READONLY)
		oflags |= SQLITE_OPEN_READONLY;
	else
		oflags |= SQLITE_OPEN_READWRITE | (memory ? SQLITE_OPEN_CREATE : 0);
	rc = sqlite3_open_v2(path, &s->db, oflags, NULL);
	if (rc != SQLITE_OK) {
		enum yj_status st = store_fail(s, rc, "cannot open");

		return open_fail(st, "%s", s->err);
	}
	s->opened = true;
	/* READWRITE silently falls back to read-only on a file we may not write. */
	s->readonly = (flags & STORE_READONLY) || sqlite3_db_readonly(s->db, "main") == 1;
	sqlite3_extended_result_codes(s->db, 1);
	store_set_busy_timeout(s, DEFAULT_BUSY_MS);
	return YJ_OK;
}

static enum yj_status open_once(const char *path, unsigned flags, struct store **out,
				bool *needs_upgrade);

/*
 * A reader (show, list, export, replay) on a database an older yingji wrote:
 * the upgrade is one write the reader may make when the file is writable, so
 * that a new version's first command is not a refusal.  Opened read-write
 * once to upgrade, then read-only as asked.
 */
enum yj_status
store_open(const char *path, unsigned flags, struct store **out)
{
	bool needs_upgrade = false;
	struct store *s = NULL;
	enum yj_status rc = open_once(path, flags, out, &needs_upgrade);

	if (rc != YJ_ERR_DB_READONLY || !needs_upgrade || !(flags & STORE_READONLY) ||
	    access(path, W_OK) != 0)
		return rc;
	rc = open_once(path, flags & ~(unsigned)(STORE_READONLY | STORE_CREATE), &s, &needs_upgrade);
	store_close(&s);
	return rc == YJ_OK ? open_once(path, flags, out, &needs_upgrade) : rc;
}

static enum yj_status
open_once(const char *path, unsigned flags, struct store **out, bool *needs_upgrade)
{
	bool memory = strcmp(path, ":memory:") == 0;
	struct store *s;
	enum yj_status rc;

	*out = NULL;
	open_err[0] = '\0';
	rc = memory ? YJ_OK : prepare_file(path, flags);
	if (rc != YJ_OK)
		return rc;
	s = xcalloc(1, sizeof(*s));
	rc = open_connection(s, path, flags, memory);
	if (rc == YJ_OK) {
		rc = store_schema_open(s, memory);
		if (rc != YJ_OK)
			open_fail(rc, "%s", s->err);
		*needs_upgrade = s->needs_upgrade;
	}
	if (rc != YJ_OK) {
		store_close(&s);
		return rc;
	}
	*out = s;
	return YJ_OK;
}

void
store_close(struct store **ps)
{
	struct store *s;

	if (!ps || !*ps)
		return;
	s = *ps;
	for (size_t i = 0; i < STMT_COUNT; i++)
		sqlite3_finalize(s->stmts[i]);
	/* All statements are finalized, so this closes (and checkpoints) now. */
	sqlite3_close(s->db);
	free(s);
	*ps = NULL;
}

void
store_set_busy_timeout(struct store *s, int ms)
{
	s->busy_ms = ms;
	sqlite3_busy_timeout(s->db, ms);
}

enum yj_status
store_set_bulk(struct store *s, bool bulk)
{
	int rc = sqlite3_exec(s->db, bulk ? "PRAGMA synchronous = OFF" : "PRAGMA synchronous = FULL",
			      NULL, NULL, NULL);

	return rc == SQLITE_OK ? YJ_OK : store_fail(s, rc, "setting up a bulk load");
}

/* ---- transactions ---- */

enum yj_status
store_begin(struct store *s)
{
	if (s->readonly)
		return store_failf(s, YJ_ERR_DB_READONLY,
				   "starting a write: the database is open read-only");
	/* IMMEDIATE takes the write lock now, waiting out other writers here
	 * rather than failing half-way through an action. */
	return store_exec_stmt(s, STMT_BEGIN, "BEGIN IMMEDIATE", "starting a write");
}

enum yj_status
store_begin_read(struct store *s)
{
	return store_exec_stmt(s, STMT_BEGIN_READ, "BEGIN", "starting a read");
}

enum yj_status
store_commit(struct store *s)
{
	return store_exec_stmt(s, STMT_COMMIT, "COMMIT", "committing");
}

void
store_rollback(struct store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		store_exec_stmt(s, STMT_ROLLBACK, "ROLLBACK", "rolling back");
}

int64_t
store_data_version(struct store *s)
{
	sqlite3_stmt *st = store_stmt(s, STMT_DATA_VERSION, "PRAGMA data_version");
	int64_t v = -1;

	if (!st)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	store_stmt_done(st);
	return v;
}
