/*
 * The per-incident summary row: a projection of the journal kept for fast
 * listing (the board, `yingji list`).  It is computed by the fold and written
 * in the same transaction as the entry that changes it; it is never the truth
 * and can always be rebuilt from the journal.
 */
#ifndef YINGJI_CORE_SUMMARY_H
#define YINGJI_CORE_SUMMARY_H

#include <stdbool.h>
#include <stdint.h>

struct incident_summary {
	int64_t id;
	bool drill;
	bool closed;
	char *title;		/* owned strings; NULL allowed for level and phase_title */
	char *plan_id;
	char *phase;		/* phase id */
	char *phase_title;
	char *level;		/* confirmed level id, NULL when none */
	int64_t opened_ms;	/* when the report was taken */
	int64_t updated_ms;	/* the newest entry's time */
	int64_t next_due_ms;	/* earliest running deadline; 0 when none */
	/*
	 * What the board shows, so that it needs neither the fold nor the
	 * playbook (schema step 3; false in rows written before it, which the
	 * board folds instead).  The clock is the one the board shows (a
	 * missed one first, else the soonest), closed incidents too; whether
	 * it is missed depends on the time it is read at (now > due),
	 * everything else only on the journal.
	 */
	bool shown;
	char *level_label;	/* the confirmed level's label (or id), NULL when none */
	int level_colour;	/* its enum pb_colour; -1 when none */
	int64_t clock_due_ms;	/* 0 when no clock runs */
	int64_t clock_anchor_ms;
	int64_t head_seq;
	char head_hash[65];	/* hex */
};

void incident_summary_clear(struct incident_summary *s);
/* Deep copy; dst must be empty or cleared. */
void incident_summary_copy(struct incident_summary *dst, const struct incident_summary *src);

#endif
