/*
 * The projection: one summary row per incident, for fast listing.
 *
 * What the fold decides (phase, level, deadlines, closed) is written when it
 * changes; the head (its seq, hash and time) is the journal's own, read from
 * the incident's last entry when a summary is read.  So a note, which changes
 * nothing but the head, writes no summary page: a durable append writes as
 * few pages as it can.
 */
#include "config.h"

#include "core/playbook.h"
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
	" next_due_ms, head_seq, head_hash, shown, level_label, level_colour, clock_due_ms," \
	" clock_anchor_ms"

/* The same read through the journal's head (h: the incident's last entry, if any). */
#define SUMMARY_READ \
	"SELECT s.id, s.drill, s.closed, s.title, s.plan_id, s.phase, s.phase_title, s.level," \
	" s.opened_ms, coalesce(h.ts_ms, s.updated_ms), s.next_due_ms," \
	" coalesce(h.seq, s.head_seq)," \
	" CASE WHEN h.hash IS NULL THEN s.head_hash ELSE lower(hex(h.hash)) END," \
	" s.shown, s.level_label, s.level_colour, s.clock_due_ms, s.clock_anchor_ms" \
	" FROM summary s LEFT JOIN journal h ON h.incident = s.id" \
	" AND h.seq = (SELECT max(m.seq) FROM journal m WHERE m.incident = s.id)"

/* Or from the row alone (store_list_shown). */
#define SUMMARY_READ_ROW "SELECT " SUMMARY_COLUMNS " FROM summary s"

static void
bind_text_or_null(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, i);
}

/* The colour is stored by name: the enum's order is the code's, not the file's. */
static const char *
colour_name(int c)
{
	return c >= 0 ? pb_colour_name((enum pb_colour)c) : NULL;
}

static int
colour_of(const unsigned char *name)
{
	for (int c = 0; name && c <= (int)PB_COLOUR_WHITE; c++)
		if (!strcmp((const char *)name, pb_colour_name((enum pb_colour)c)))
			return c;
	return -1;
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
	sqlite3_bind_int(st, 14, sum->shown ? 1 : 0);
	bind_text_or_null(st, 15, sum->level_label);
	bind_text_or_null(st, 16, colour_name(sum->level_colour));
	sqlite3_bind_int64(st, 17, sum->clock_due_ms);
	sqlite3_bind_int64(st, 18, sum->clock_anchor_ms);
}

static bool
same_str(const char *a, const unsigned char *b)
{
	return (!a && !b) || (a && b && strcmp(a, (const char *)b) == 0);
}

/* Whether the stored row already says what sum says, the head aside; *row if there is one. */
static int
stored_as(struct store *s, const struct incident_summary *sum, bool *row, bool *same_closed)
{
	sqlite3_stmt *st = store_stmt(s, STMT_SUMMARY_AS,
				      "SELECT closed, title, plan_id, phase, phase_title, level,"
				      " opened_ms, next_due_ms, head_seq, shown, level_label,"
				      " level_colour, clock_due_ms, clock_anchor_ms"
				      " FROM summary WHERE id = ?1");
	bool same = false;
	int src;

	*row = *same_closed = false;
	if (!st)
		return SQLITE_ERROR;
	sqlite3_bind_int64(st, 1, sum->id);
	src = sqlite3_step(st);
	if (src == SQLITE_ROW) {
		*row = true;
		*same_closed = (sqlite3_column_int(st, 0) != 0) == sum->closed;
		same = *same_closed && sqlite3_column_int64(st, 8) > 0 &&
		       same_str(sum->title ? sum->title : "", sqlite3_column_text(st, 1)) &&
		       same_str(sum->plan_id ? sum->plan_id : "", sqlite3_column_text(st, 2)) &&
		       same_str(sum->phase ? sum->phase : "", sqlite3_column_text(st, 3)) &&
		       same_str(sum->phase_title, sqlite3_column_text(st, 4)) &&
		       same_str(sum->level, sqlite3_column_text(st, 5)) &&
		       sqlite3_column_int64(st, 6) == sum->opened_ms &&
		       sqlite3_column_int64(st, 7) == sum->next_due_ms &&
		       (sqlite3_column_int(st, 9) != 0) == sum->shown &&
		       same_str(sum->level_label, sqlite3_column_text(st, 10)) &&
		       colour_of(sqlite3_column_text(st, 11)) == sum->level_colour &&
		       sqlite3_column_int64(st, 12) == sum->clock_due_ms &&
		       sqlite3_column_int64(st, 13) == sum->clock_anchor_ms;
		src = SQLITE_DONE;
	}
	store_stmt_done(st);
	if (src == SQLITE_DONE && same)
		return SQLITE_OK;
	return src;
}

/*
 * Update the row in place without naming `closed`, so that SQLite leaves the
 * listing index (drill, closed, id) alone.
 */
static int
update_summary(struct store *s, const struct incident_summary *sum)
{
	sqlite3_stmt *st = store_stmt(s, STMT_UPDATE_SUMMARY,
				      "UPDATE summary SET title = ?4, plan_id = ?5, phase = ?6,"
				      " phase_title = ?7, level = ?8, opened_ms = ?9, updated_ms = ?10,"
				      " next_due_ms = ?11, head_seq = ?12, head_hash = ?13,"
				      " shown = ?14, level_label = ?15, level_colour = ?16,"
				      " clock_due_ms = ?17, clock_anchor_ms = ?18 WHERE id = ?1");
	int src;

	if (!st)
		return SQLITE_ERROR;
	bind_summary(st, sum);
	src = sqlite3_step(st);
	store_stmt_done(st);
	return src;
}

enum yj_status
store_put_summary(struct store *s, const struct incident_summary *sum)
{
	sqlite3_stmt *st;
	bool row, same_closed;
	int src = stored_as(s, sum, &row, &same_closed);

	if (src == SQLITE_OK)
		return YJ_OK;	/* only the head moved: the journal has it */
	if (src == SQLITE_DONE && row && same_closed)
		src = update_summary(s, sum);
	else if (src == SQLITE_DONE && (st = store_stmt(s, STMT_PUT_SUMMARY,
				      "INSERT INTO summary(" SUMMARY_COLUMNS ")"
				      " VALUES(?1, coalesce((SELECT drill FROM incident WHERE id = ?1),"
				      " ?2), ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,"
				      " ?16, ?17, ?18)"
				      " ON CONFLICT(id) DO UPDATE SET closed = excluded.closed,"
				      " title = excluded.title, plan_id = excluded.plan_id,"
				      " phase = excluded.phase, phase_title = excluded.phase_title,"
				      " level = excluded.level, opened_ms = excluded.opened_ms,"
				      " updated_ms = excluded.updated_ms,"
				      " next_due_ms = excluded.next_due_ms, head_seq = excluded.head_seq,"
				      " head_hash = excluded.head_hash, shown = excluded.shown,"
				      " level_label = excluded.level_label,"
				      " level_colour = excluded.level_colour,"
				      " clock_due_ms = excluded.clock_due_ms,"
				      " clock_anchor_ms = excluded.clock_anchor_ms")) != NULL) {
		bind_summary(st, sum);
		src = sqlite3_step(st);
		store_stmt_done(st);
	}
	if (src != SQLITE_DONE)
		return store_fail(s, src, "writing the summary of incident %" PRId64, sum->id);
	return YJ_OK;
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
	out->shown = sqlite3_column_int(st, 13) != 0;
	out->level_label = column_dup(st, 14);
	out->level_colour = colour_of(sqlite3_column_text(st, 15));
	out->clock_due_ms = sqlite3_column_int64(st, 16);
	out->clock_anchor_ms = sqlite3_column_int64(st, 17);
}

enum yj_status
store_get_summary(struct store *s, int64_t id, struct incident_summary *out)
{
	sqlite3_stmt *st = store_stmt(s, STMT_GET_SUMMARY,
				      SUMMARY_READ " WHERE s.id = ?1 AND s.head_seq > 0");
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
 * Every incident is listed: it has a summary row from its creation (a
 * placeholder until its first entry is projected; schema step 2), so listing
 * reads the summary's index alone and does not grow with the number of
 * incidents ever opened.  The drill flag is the incident's own (see
 * store_put_summary).
 */
#define LIST_WHERE \
	" WHERE s.drill = ?1 AND s.closed = ?2" \
	" AND EXISTS(SELECT 1 FROM incident i WHERE i.id = s.id) ORDER BY s.id DESC"
#define LIST_ALL_WHERE \
	" WHERE s.drill = ?1 AND EXISTS(SELECT 1 FROM incident i WHERE i.id = s.id)" \
	" ORDER BY s.id DESC"

static enum yj_status
list(struct store *s, enum store_list_filter filter, bool head, struct incident_summary **out,
     size_t *n)
{
	bool all = filter == STORE_LIST_ALL || filter == STORE_LIST_DRILLS;
	sqlite3_stmt *st;
	enum yj_status rc = YJ_OK;
	size_t cap = 0;
	int src;

	if (head)
		st = all ? store_stmt(s, STMT_LIST_ALL, SUMMARY_READ LIST_ALL_WHERE)
			 : store_stmt(s, STMT_LIST, SUMMARY_READ LIST_WHERE);
	else
		st = all ? store_stmt(s, STMT_LIST_ALL_SHOWN, SUMMARY_READ_ROW LIST_ALL_WHERE)
			 : store_stmt(s, STMT_LIST_SHOWN, SUMMARY_READ_ROW LIST_WHERE);
	*out = NULL;
	*n = 0;
	if (!st)
		return YJ_ERR_DB_UNAVAILABLE;
	sqlite3_bind_int(st, 1, filter == STORE_LIST_DRILLS);
	if (!all)
		sqlite3_bind_int(st, 2, filter == STORE_LIST_CLOSED);
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

enum yj_status
store_list(struct store *s, enum store_list_filter filter, struct incident_summary **out,
	   size_t *n)
{
	return list(s, filter, true, out, n);
}

enum yj_status
store_list_shown(struct store *s, enum store_list_filter filter, struct incident_summary **out,
		 size_t *n)
{
	return list(s, filter, false, out, n);
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
