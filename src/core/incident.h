/*
 * The state of an incident, computed by folding its journal over its playbook
 * at a given time:  state = fold(playbook, entries[0..n), now).
 *
 * Nothing here is stored as the truth.  The fold is a pure function: no clock,
 * no disk.  A state borrows from the playbook and the entries it was folded
 * from (names, texts) and stays valid while both live; free it with
 * incident_free().
 */
#ifndef YINGJI_CORE_INCIDENT_H
#define YINGJI_CORE_INCIDENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/entry.h"
#include "core/playbook.h"
#include "core/summary.h"

struct field_value {
	bool set;
	const char *text;	/* normalized value as recorded (e.g. ISO time, choice id) */
	double num;		/* integer/number: the value; duration: seconds; datetime: ms */
	int64_t ms;		/* when it was recorded */
	const char *by;
	int64_t seq;
};

enum answer { ANSWER_UNKNOWN = -1, ANSWER_NO = 0, ANSWER_YES = 1 };

struct answer_state {
	enum answer value;
	int64_t ms;
	const char *by;
};

enum item_status { ITEM_OPEN, ITEM_TICKED, ITEM_SKIPPED };

struct item_state {
	enum item_status status;
	int64_t ms;
	const char *by;
	const char *reason;	/* for a skip (or a tick with a remark) */
};

struct phase_visit {
	int phase;		/* index into the playbook's phases */
	int64_t entered_ms, left_ms;	/* left_ms 0 while current */
	const char *entered_by, *left_by;
	const char *decision;	/* id of the decision that left it */
	const char *reason;
};

struct level_change {
	int level;		/* index into the playbook's levels */
	int suggested;		/* the suggestion at the time, -1 when none */
	int64_t ms;
	const char *by;
	const char *reason;
	int64_t seq;
};

struct contact_state {
	int64_t notified_ms, acked_ms;	/* first notification / acknowledgement; 0 = not yet */
	int64_t last_notified_ms;
	const char *notified_by, *acked_by;
	const char *channel;	/* of the first notification, NULL when not said */
	int count;		/* notifications so far */
};

struct holder {
	const char *party;	/* role, unit or group id */
	const char *person;
	int64_t ms;
	const char *by;
	bool handover;		/* given by a handover entry */
	int64_t seq;
};

enum clock_status {
	CLOCK_PENDING,	/* its anchor has not happened yet */
	CLOCK_RUNNING,	/* anchored, not met, not yet due */
	CLOCK_MET,	/* met by its due time */
	CLOCK_MET_LATE,	/* met after its due time */
	CLOCK_MISSED	/* due time passed, not met */
};

/* A deadline of the plan, or the next occurrence of a repeating duty. */
struct clock_state {
	int phase;				/* the phase that defines it */
	const struct pb_deadline *deadline;	/* exactly one of these two is set */
	const struct pb_duty *duty;
	enum clock_status status;
	int64_t anchor_ms, due_ms, met_ms;	/* 0 when not known */
	int met_count;				/* duties: times met so far */
};

/* The level the criteria point to, with the criteria that matched. */
struct level_suggestion {
	int level;		/* index, -1 when nothing matches and there is no otherwise level */
	bool by_otherwise;	/* suggested only because nothing more severe matched */
	size_t n_matched;
	const struct pb_criterion **matched;	/* at the suggested level */
	size_t n_matched_all;
	const struct pb_criterion **matched_all;	/* at every level */
};

/* One contact the officer should reach now, and why. */
struct contact_duty {
	int contact;		/* index into the playbook's contacts */
	const char *why;	/* "level II" or the escalation route's text */
	const struct pb_escalation *route;	/* NULL when from the level's notify list */
};

struct incident {
	const struct playbook *pb;
	int64_t id;
	bool drill, closed;
	const char *title;
	int64_t opened_ms, now_ms;
	const char *opened_by;
	const char *plan_hash;

	int phase;		/* current phase index */
	size_t n_visits;
	struct phase_visit *visits;

	struct field_value *fields;	/* one per playbook field */
	size_t n_criteria;
	const struct pb_criterion **criteria;	/* every criterion, flattened */
	struct answer_state *answers;		/* one per flattened criterion */
	struct item_state **items;		/* items[phase][item] */

	int level;		/* confirmed level index, -1 when none */
	size_t n_level_changes;
	struct level_change *level_changes;
	struct level_suggestion suggestion;

	struct contact_state *contacts;	/* one per playbook contact */
	size_t n_contact_duties;
	struct contact_duty *contact_duties;

	size_t n_holders;
	struct holder *holders;	/* every assignment and handover, in order */

	size_t n_clocks;
	struct clock_state *clocks;

	/* The journal folded (borrowed); for a state restored from a snapshot
	 * (incident_restore), the entries folded since, the snapshot's own first. */
	const struct entry *entries;
	size_t n_entries;
};

/*
 * Fold entries[0..n) of one incident over its playbook at time now_ms.  The
 * first entry must be the incident's OPEN entry.  Entries that do not apply
 * (which the engine never writes) are ignored rather than fatal, so that a
 * damaged journal can still be shown.  Returns a new state; never NULL.
 */
struct incident *incident_fold(const struct playbook *pb, const struct entry *entries, size_t n,
			       int64_t now_ms);
void incident_free(struct incident **st);

/* Re-evaluate deadlines and duties at another time without re-folding. */
void incident_set_now(struct incident *st, int64_t now_ms);

/*
 * Folding in steps, for the write path, replay and bulk loaders: the state
 * incident_fold(pb, e, n, now) returns is exactly
 *     st = incident_begin(pb); incident_apply(st, e, n, 0); incident_settle(st, now);
 * and folding on is incident_apply(st, e2, n2, k) with entries e2[k..n2) new.
 * incident_apply() makes st->entries borrow entries[0..n) (they must outlive
 * st or its next apply) and leaves the derived parts (level suggestion,
 * contacts due, clocks) stale until incident_settle() recomputes them at now_ms.
 */
struct incident *incident_begin(const struct playbook *pb);
void incident_apply(struct incident *st, const struct entry *entries, size_t n, size_t from);
void incident_settle(struct incident *st, int64_t now_ms);

/*
 * Fold snapshots: the replayed part of a state as a value, stored as a
 * projection (io/store.h) so that a long incident is folded from its last
 * snapshot instead of its first entry.  A snapshot holds no derived parts and
 * is only valid for the playbook it was taken under and this version of the
 * fold: bump INCIDENT_SNAPSHOT_VERSION whenever what apply does to an entry
 * changes, and stored snapshots of the old version are ignored.
 */
enum { INCIDENT_SNAPSHOT_VERSION = 1 };

/* The snapshot of st (after its last folded entry); the caller frees it. */
struct value *incident_snapshot(const struct incident *st);
/*
 * A state from a snapshot taken under pb (copied: the state owns what it
 * lends).  Go on with incident_apply(st, e, n, 1) where e[0] is the entry the
 * snapshot was taken after, then incident_settle().  NULL when the snapshot
 * is of another version or does not fit pb.
 */
struct incident *incident_restore(const struct playbook *pb, const struct value *snap);

/* The seq of the entry that delivered drill inject `inject`; 0 when none yet. */
int64_t incident_inject_seq(const struct incident *st, const char *inject);

/* Convenience lookups over a state. */
const struct pb_phase *incident_phase(const struct incident *st);
/* The current holder of a party (role, unit or group id); NULL when none. */
const struct holder *incident_holder(const struct incident *st, const char *party);
/* The earliest due time of running clocks (0 when none). */
int64_t incident_next_due(const struct incident *st);
/* Fill a summary row (the projection) from the state; the caller clears it. */
void incident_summarize(const struct incident *st, struct incident_summary *out);
/* Index of a criterion in st->criteria by id; -1 when absent. */
int incident_criterion_index(const struct incident *st, const char *id);

const char *clock_status_name(enum clock_status s);
const char *item_status_name(enum item_status s);

#endif
