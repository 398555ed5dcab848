/* Private to the incident fold: the derived parts computed after the replay. */
#ifndef YINGJI_CORE_INCIDENT_IMPL_H
#define YINGJI_CORE_INCIDENT_IMPL_H

#include "core/incident.h"

/* A repeating duty of the current phase, met so far during this visit. */
struct duty_track {
	int64_t last_ms;	/* time of the last entry that met it; 0 when none */
	int count;
};

/* A drill inject delivered, and the entry that delivered it. */
struct inject_seen {
	const char *id;
	int64_t seq;
};

/*
 * What the public state does not show: the running parts an incremental fold
 * and a restored snapshot need, so that nothing has to look back through the
 * whole journal (st->entries may hold only the entries since a snapshot).
 * Every state is allocated as one of these (fold.c), `st` first.
 */
struct incident_full {
	struct incident st;
	struct value *snap;		/* restored from: owns the strings it lends; else NULL */
	size_t n_duties;
	struct duty_track *duties;	/* one per duty of the current phase */
	size_t n_injects, cap_injects;
	struct inject_seen *injects;
};

static inline struct incident_full *
incident_full(struct incident *st)
{
	return (struct incident_full *)st;
}

static inline const struct incident_full *
incident_full_const(const struct incident *st)
{
	return (const struct incident_full *)st;
}

/* fold.c: a new empty state for pb (before its OPEN entry). */
struct incident *incident_alloc(const struct playbook *pb);
/* fold.c: the current phase was entered; its duties start from nothing. */
void incident_reset_duties(struct incident *st);

/* level.c: the suggested level and the criteria that matched. */
void level_suggest(struct incident *st);
/* level.c: whether a numeric condition holds on the recorded fields. */
bool level_cond_holds(const struct incident *st, const struct pb_cond *c);
/* contacts.c: whom the confirmed level and its escalation routes call for. */
void contacts_due(struct incident *st);

#endif
