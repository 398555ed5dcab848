/*
 * Integrity: walking the hash chain from the stored columns; and the online
 * backup.  The walk can prove that nothing before the last entry was edited,
 * deleted, inserted or reordered.  It cannot see entries cut off the end: the
 * chain that remains is intact.  That is what the head (seq and hash) printed
 * on exports and briefings is for: `yingji verify --head` checks it.
 */
#include "config.h"

#include "io/hash.h"
#include "io/store_impl.h"
#include "io/yaml_doc.h"
#include "util/docbin.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Where the walk of one incident has got to. */
struct chain {
	int64_t incident;
	int64_t seq;				/* the last good entry; 0 before the first */
	unsigned char hash[ENTRY_HASH_LEN];	/* its hash; zeros before the first */
};

static bool
bad(struct store_verify_result *res, int64_t incident, int64_t seq, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Record the first failure; returns false so callers can `return bad(...)`. */
static bool
bad(struct store_verify_result *res, int64_t incident, int64_t seq, const char *fmt, ...)
{
	int n = seq ? snprintf(res->message, sizeof(res->message),
			       "incident %" PRId64 " entry %" PRId64 ": ", incident, seq)
		    : snprintf(res->message, sizeof(res->message), "incident %" PRId64 ": ",
			       incident);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(res->message + n, sizeof(res->message) - (size_t)n, fmt, ap);
	va_end(ap);
	res->ok = false;
	res->incident = incident;
	res->seq = seq;
	return false;
}

/* Sequences run 1, 2, 3 ...; a gap is a deletion. */
static bool
check_seq(const struct chain *c, int64_t seq, struct store_verify_result *res)
{
	int64_t missing_from = c->seq + 1, missing_to = seq - 1;

	if (seq == c->seq + 1)
		return true;
	if (seq < 1)
		return bad(res, c->incident, seq, "sequence numbers start at 1 (inserted?)");
	if (c->seq == 0 && missing_to == 1)
		return bad(res, c->incident, seq,
			   "the journal starts here, not at entry 1 (entry 1 deleted?)");
	if (c->seq == 0)
		return bad(res, c->incident, seq, "the journal starts here, not at entry 1 "
			   "(entries 1 to %" PRId64 " deleted?)", missing_to);
	if (missing_from == missing_to)
		return bad(res, c->incident, seq, "follows entry %" PRId64 " (entry %" PRId64
			   " deleted?)", c->seq, missing_from);
	return bad(res, c->incident, seq, "follows entry %" PRId64 " (entries %" PRId64
		   " to %" PRId64 " deleted?)", c->seq, missing_from, missing_to);
}

/*
 * One stored row (seq, ts_ms, operator, kind, payload, prev, hash), hashed
 * from the columns exactly as stored: re-encoding the payload would hide an
 * edit that happens to decode to the same value.
 */
static bool
check_row(struct chain *c, sqlite3_stmt *st, struct store_verify_result *res)
{
	int64_t seq = sqlite3_column_int64(st, 0);
	const unsigned char *prev = sqlite3_column_blob(st, 5);
	const unsigned char *hash = sqlite3_column_blob(st, 6);
	const char *payload = (const char *)sqlite3_column_text(st, 4);
	unsigned char want[ENTRY_HASH_LEN];

	if (!check_seq(c, seq, res))
		return false;
	if (sqlite3_column_bytes(st, 5) != ENTRY_HASH_LEN ||
	    sqlite3_column_bytes(st, 6) != ENTRY_HASH_LEN || !prev || !hash)
		return bad(res, c->incident, seq, "a stored hash is not %d bytes", ENTRY_HASH_LEN);
	if (memcmp(prev, c->hash, ENTRY_HASH_LEN) != 0 && seq == 1)
		return bad(res, c->incident, seq, "the first entry's prev is not zero (inserted?)");
	if (memcmp(prev, c->hash, ENTRY_HASH_LEN) != 0)
		return bad(res, c->incident, seq, "prev does not match the hash of entry %" PRId64
			   " (reordered or inserted?)", c->seq);
	hash_entry(c->incident, seq, sqlite3_column_int64(st, 1),
		   (const char *)sqlite3_column_text(st, 2),
		   (const char *)sqlite3_column_text(st, 3), payload, prev, want);
	if (memcmp(want, hash, ENTRY_HASH_LEN) != 0)
		return bad(res, c->incident, seq, "the hash does not match its content (edited?)");
	c->seq = seq;
	memcpy(c->hash, hash, ENTRY_HASH_LEN);
	res->entries++;
	res->bytes += sqlite3_column_bytes(st, 4);
	return true;
}

/* Walk one incident's journal; false (with res filled) at the first bad entry. */
static enum yj_status
walk_incident(struct store *s, int64_t id, bool has_row, struct store_verify_result *res)
{
	sqlite3_stmt *st = store_stmt(s, STMT_VERIFY_WALK,
				      "SELECT seq, ts_ms, operator, kind, payload, prev, hash"
				      " FROM journal WHERE incident = ?1 ORDER BY seq");
	struct chain c = {.incident = id};
	int src;

	if (!st)
		return YJ_ERR_DB_UNAVAILABLE;
	sqlite3_bind_int64(st, 1, id);
	while ((src = sqlite3_step(st)) == SQLITE_ROW && check_row(&c, st, res))
		;
	store_stmt_done(st);
	if (src != SQLITE_ROW && src != SQLITE_DONE)
		return store_fail(s, src, "verifying incident %" PRId64, id);
	if (res->ok && c.seq == 0)
		bad(res, id, 0, "has no journal entries (all deleted?)");
	if (res->ok && !has_row)
		bad(res, id, 0, "has journal entries but no incident row (deleted?)");
	return YJ_OK;
}

/* Incidents to walk: every id with an incident row or journal entries. */
static const char verify_ids_sql[] =
	"SELECT id, EXISTS(SELECT 1 FROM incident i WHERE i.id = ids.id)"
	" FROM (SELECT id FROM incident UNION SELECT incident FROM journal) ids"
	" WHERE ?1 = 0 OR id = ?1 ORDER BY id";

struct id_list {
	int64_t *ids;
	bool *has_row;
	size_t n, cap;
};

static enum yj_status
collect_ids(struct store *s, int64_t id, struct id_list *l)
{
	sqlite3_stmt *st = store_stmt(s, STMT_VERIFY_IDS, verify_ids_sql);
	enum yj_status rc = YJ_OK;
	int src;

	if (!st)
		return YJ_ERR_DB_UNAVAILABLE;
	sqlite3_bind_int64(st, 1, id);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		size_t cap = l->cap;

		l->ids = xgrow(l->ids, &cap, l->n + 1, sizeof(*l->ids));
		l->has_row = xgrow(l->has_row, &l->cap, l->n + 1, sizeof(*l->has_row));
		l->ids[l->n] = sqlite3_column_int64(st, 0);
		l->has_row[l->n++] = sqlite3_column_int(st, 1) != 0;
	}
	if (src != SQLITE_DONE)
		rc = store_fail(s, src, "listing incidents to verify");
	else if (id > 0 && l->n == 0)
		rc = store_failf(s, YJ_ERR_NOINPUT, "no incident %" PRId64, id);
	store_stmt_done(st);
	return rc;
}

/*
 * The stored copies of playbooks are addressed by their SHA-256: an edit of the
 * text (a deadline changed behind the console's back) would change every
 * incident's deadlines, so recompute each hash.
 */
static enum yj_status
verify_playbooks(struct store *s, struct store_verify_result *res)
{
	sqlite3_stmt *st = store_stmt(s, STMT_VERIFY_PLAYBOOKS,
				      "SELECT hash, text FROM playbook ORDER BY hash");
	char hex[2 * ENTRY_HASH_LEN + 1];
	int src = SQLITE_DONE;

	if (!st)
		return YJ_ERR_DB_UNAVAILABLE;
	while (res->ok && (src = sqlite3_step(st)) == SQLITE_ROW) {
		const char *hash = (const char *)sqlite3_column_text(st, 0);

		hash_sha256_hex(sqlite3_column_blob(st, 1), (size_t)sqlite3_column_bytes(st, 1), hex);
		if (!hash || strcmp(hash, hex) != 0) {
			res->ok = false;
			snprintf(res->message, sizeof(res->message),
				 "the stored playbook %.12s does not match its hash (edited?)",
				 hash ? hash : "?");
		}
	}
	store_stmt_done(st);
	if (res->ok && src != SQLITE_DONE)
		return store_fail(s, src, "verifying stored playbooks");
	return YJ_OK;
}

/* Whether `tree` is what parsing `text` gives (a projection made behind our back is not). */
static bool
tree_matches(const char *text, size_t len, const void *tree, size_t tree_len)
{
	struct diag_list dl = {0};
	struct strbuf enc = STRBUF_INIT;
	struct doc *doc = NULL;
	bool same = false;

	if (yaml_doc_parse(text, len, "stored playbook", &doc, &dl) == YJ_OK) {
		docbin_encode(doc, &enc);
		same = enc.len == tree_len && memcmp(enc.buf, tree, tree_len) == 0;
	}
	doc_free(&doc);
	diag_list_clear(&dl);
	sb_free(&enc);
	return same;
}

/* The playbooks' parsed trees, which the engine reads instead of their text. */
static enum yj_status
verify_trees(struct store *s, struct store_verify_result *res)
{
	sqlite3_stmt *st = store_stmt(s, STMT_VERIFY_TREES,
				      "SELECT t.hash, t.tree, p.text FROM playbook_tree t"
				      " JOIN playbook p ON p.hash = t.hash WHERE t.version = ?1"
				      " ORDER BY t.hash");
	int src = SQLITE_DONE;

	if (!st)
		return YJ_ERR_DB_UNAVAILABLE;
	sqlite3_bind_int(st, 1, DOCBIN_VERSION);
	while (res->ok && (src = sqlite3_step(st)) == SQLITE_ROW) {
		const char *hash = (const char *)sqlite3_column_text(st, 0);
		const void *tree = sqlite3_column_blob(st, 1);
		size_t tree_len = (size_t)sqlite3_column_bytes(st, 1);
		const char *text = sqlite3_column_blob(st, 2);

		if (!tree_matches(text ? text : "", (size_t)sqlite3_column_bytes(st, 2), tree,
				  tree_len)) {
			res->ok = false;
			snprintf(res->message, sizeof(res->message),
				 "the stored tree of playbook %.12s does not match its text (edited?)",
				 hash ? hash : "?");
		}
	}
	store_stmt_done(st);
	if (res->ok && src != SQLITE_DONE)
		return store_fail(s, src, "verifying stored playbook trees");
	return YJ_OK;
}

enum yj_status
store_verify(struct store *s, int64_t id, struct store_verify_result *res)
{
	struct id_list l = {0};
	bool own_tx = sqlite3_get_autocommit(s->db) != 0;
	enum yj_status rc = YJ_OK;

	memset(res, 0, sizeof(*res));
	res->ok = true;
	/* One read transaction: the walk sees one snapshot while others write. */
	if (own_tx)
		rc = store_begin_read(s);
	if (rc == YJ_OK)
		rc = verify_playbooks(s, res);
	if (rc == YJ_OK && res->ok)
		rc = verify_trees(s, res);
	if (rc == YJ_OK && res->ok)
		rc = collect_ids(s, id, &l);
	for (size_t i = 0; rc == YJ_OK && res->ok && i < l.n; i++)
		rc = walk_incident(s, l.ids[i], l.has_row[i], res);
	if (own_tx)
		store_rollback(s);
	free(l.ids);
	free(l.has_row);
	return rc;
}

/* ---- backup ---- */

/* Create dest 0600 (never over an existing file) before SQLite opens it. */
static enum yj_status
create_dest(struct store *s, const char *dest)
{
	int fd = open(dest, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);

	if (fd < 0 && errno == EEXIST)
		return store_failf(s, YJ_ERR_USAGE, "%s already exists (a backup never overwrites)",
				   dest);
	if (fd < 0)
		return store_failf(s, errno == EACCES || errno == EROFS ? YJ_ERR_DB_READONLY
									: YJ_ERR_IO,
				   "cannot create %s: %s", dest, strerror(errno));
	if (fchmod(fd, 0600) != 0) {
		int e = errno;

		close(fd);
		unlink(dest);
		return store_failf(s, YJ_ERR_IO, "cannot set the mode of %s: %s", dest,
				   strerror(e));
	}
	close(fd);
	return YJ_OK;
}

/* Copy a few pages at a time, so writers elsewhere are held up only briefly. */
static int
copy_pages(struct sqlite3 *dst, struct store *s)
{
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", s->db, "main");
	int rc, waits = 0;

	if (!b)
		return sqlite3_errcode(dst);
	/* Busy waits are bounded (about 10 s): our own connection writing
	 * would otherwise keep the copy waiting for ever. */
	do {
		rc = sqlite3_backup_step(b, 64);
		if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && waits++ < 1000)
			sqlite3_sleep(10);
		else if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			break;
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

enum yj_status
store_backup(struct store *s, const char *dest)
{
	struct sqlite3 *dst = NULL;
	enum yj_status rc = create_dest(s, dest);
	int src;

	if (rc != YJ_OK)
		return rc;
	src = sqlite3_open_v2(dest, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW, NULL);
	if (src == SQLITE_OK)
		src = copy_pages(dst, s);
	if (src != SQLITE_OK) {
		snprintf(s->err, sizeof(s->err), "backing up to %s: %s", dest,
			 dst ? sqlite3_errmsg(dst) : sqlite3_errstr(src));
		rc = src == SQLITE_BUSY || src == SQLITE_LOCKED ? YJ_ERR_DB_BUSY
								: YJ_ERR_DB_UNAVAILABLE;
	}
	sqlite3_close(dst);
	if (rc != YJ_OK)
		unlink(dest);
	return rc;
}
