/* The projection: one summary row per incident, for fast listing. */
#include "config.h"

#include "io/store_impl.h"
#include "util/xalloc.h"

#include <inttypes.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The columns every summary query returns, in this order (see read_summary). */
#define SUMMARY_COLUMNS \
	"id, drill, closed, title, plan_id, phase, phase_title, level, opened_ms, updated_ms," \
	" next_due_ms, head_seq, head_hash"

static void
bind_text_or_null(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

static void
bind_summary(sqlite3_stmt *st, const struct incident_summary *sum)
{
	sqlite3_bind_int64(st, 1, sum->id);
	sqlite3_bind_int(st, 2, sum->drill ? 1 : 0);
	sqlite3_bind_int(st, 3, sum->closed ? 1 : 0);
	sqlite3_bind_text(st, 4, sum->title ? sum->title : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, sum->plan_id ? sum->plan_id : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, sum->phase ? sum->phase : "", -1, SQLITE_STATIC);
	bind_text_or_null(st, 7, sum->phase_title);
	bind_text_or_null(st, 8, sum->level);
	sqlite3_bind_int64(st, 9, sum->opened_ms);
	sqlite3_bind_int64(st, 10, sum->updated_ms);
	sqlite3_bind_int64(st, 11, sum->next_due_ms);
	sqlite3_bind_int64(st, 12, sum->head_seq);
	sqlite3_bind_text(st, 13, sum->head_hash, -1, SQLITE_STATIC);
}

enum yj_status
store_put_summary(struct store *s, const struct incident_summary *sum)
{
	sqlite3_stmt *st = store_stmt(s, STMT_PUT_SUMMARY,
				      "INSERT OR REPLACE INTO summary(" SUMMARY_COLUMNS ")"
				      " VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
				      " ?13)");
	enum yj_status rc = YJ_OK;
	int src;

	if (!st)
		return YJ_ERR_DB_UNAVAILABLE;
	bind_summary(st, sum);
	src = sqlite3_step(st);
	if (src != SQLITE_DONE)
		rc = store_fail(s, src, "writing the summary of incident %" PRId64, sum->id);
	store_stmt_done(st);
	return rc;
}

static char *
column_dup(sqlite3_stmt *st, int col)
{
	const char *t = (const char *)sqlite3_column_text(st, col);

	return t ? xstrdup(t) : NULL;
}

static void
read_summary(sqlite3_stmt *st, struct incident_summary *out)
{
	const char *hash = (const char *)sqlite3_column_text(st, 12);

	memset(out, 0, sizeof(*out));
	out->id = sqlite3_column_int64(st, 0);
	out->drill = sqlite3_column_int(st, 1) != 0;
	out->closed = sqlite3_column_int(st, 2) != 0;
	out->title = column_dup(st, 3);
	out->plan_id = column_dup(st, 4);
	out->phase = column_dup(st, 5);
	out->phase_title = column_dup(st, 6);
	out->level = column_dup(st, 7);
	out->opened_ms = sqlite3_column_int64(st, 8);
	out->updated_ms = sqlite3_column_int64(st, 9);
	out->next_due_ms = sqlite3_column_int64(st, 10);
	out->head_seq = sqlite3_column_int64(st, 11);
	snprintf(out->head_hash, sizeof(out->head_hash), "%s", hash ? hash : "");
}

enum yj_status
store_get_summary(struct store *s, int64_t id, struct incident_summary *out)
{
	sqlite3_stmt *st = store_stmt(s, STMT_GET_SUMMARY,
				      "SELECT " SUMMARY_COLUMNS " FROM summary WHERE id = ?1");
	enum yj_status rc = YJ_OK;
	int src;

	memset(out, 0, sizeof(*out));
	if (!st)
		return YJ_ERR_DB_UNAVAILABLE;
	sqlite3_bind_int64(st, 1, id);
	src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		read_summary(st, out);
	else if (src == SQLITE_DONE)
		rc = store_failf(s, YJ_ERR_NOINPUT, "no summary of incident %" PRId64, id);
	else
		rc = store_fail(s, src, "reading the summary of incident %" PRId64, id);
	store_stmt_done(st);
	return rc;
}

/*
 * Every incident is listed, with or without a summary row (one opened by an
 * older version, or whose first write failed half-way shows with what the
 * incident row knows).  The incident's own drill flag decides the list: it is
 * fixed when the incident is made.
 */
static const char list_sql[] =
	"SELECT i.id, i.drill, coalesce(s.closed, 0), coalesce(s.title, ''),"
	" coalesce(s.plan_id, ''), coalesce(s.phase, ''), s.phase_title, s.level,"
	" coalesce(s.opened_ms, i.created_ms), coalesce(s.updated_ms, i.created_ms),"
	" coalesce(s.next_due_ms, 0), coalesce(s.head_seq, 0), coalesce(s.head_hash, '')"
	" FROM incident i LEFT JOIN summary s ON s.id = i.id"
	" WHERE i.drill = ?1 AND (?2 < 0 OR coalesce(s.closed, 0) = ?2)"
	" ORDER BY i.id DESC";

static void
bind_filter(sqlite3_stmt *st, enum store_list_filter filter)
{
	int drill = filter == STORE_LIST_DRILLS;
	int closed = filter == STORE_LIST_OPEN ? 0 : filter == STORE_LIST_CLOSED ? 1 : -1;

	sqlite3_bind_int(st, 1, drill);
	sqlite3_bind_int(st, 2, closed);
}

enum yj_status
store_list(struct store *s, enum store_list_filter filter, struct incident_summary **out,
	   size_t *n)
{
	sqlite3_stmt *st = store_stmt(s, STMT_LIST, list_sql);
	enum yj_status rc = YJ_OK;
	size_t cap = 0;
	int src;

	*out = NULL;
	*n = 0;
	if (!st)
		return YJ_ERR_DB_UNAVAILABLE;
	bind_filter(st, filter);
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		*out = xgrow(*out, &cap, *n + 1, sizeof(**out));
		read_summary(st, &(*out)[(*n)++]);
	}
	if (src != SQLITE_DONE) {
		rc = store_fail(s, src, "listing incidents");
		store_free_summaries(out, *n);
		*n = 0;
	}
	store_stmt_done(st);
	return rc;
}

void
store_free_summaries(struct incident_summary **v, size_t n)
{
	if (!v || !*v)
		return;
	for (size_t i = 0; i < n; i++)
		incident_summary_clear(&(*v)[i]);
	free(*v);
	*v = NULL;
}

enum yj_status
store_incident_ids(struct store *s, int64_t **ids, size_t *n)
{
	sqlite3_stmt *st = store_stmt(s, STMT_INCIDENT_IDS, "SELECT id FROM incident ORDER BY id");
	enum yj_status rc = YJ_OK;
	size_t cap = 0;
	int src;

	*ids = NULL;
	*n = 0;
	if (!st)
		return YJ_ERR_DB_UNAVAILABLE;
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		*ids = xgrow(*ids, &cap, *n + 1, sizeof(**ids));
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	if (src != SQLITE_DONE) {
		rc = store_fail(s, src, "listing incidents");
		free(*ids);
		*ids = NULL;
		*n = 0;
	}
	store_stmt_done(st);
	return rc;
}
