/*
 * Drills through the engine, without a terminal: open a drill incident from a
 * scenario, deliver its injects as the drill clock reaches them, rebuild the
 * scenario from a drill's own journal, and score it; and import the demo
 * incident.  The command line (yingji drill, yingji demo) and the console's
 * drill and replay screens all go through here, so nothing is done twice.
 *
 * A drill incident is an incident with the drill flag (it never appears among
 * real incidents) whose OPEN entry also records the scenario it runs, text and
 * SHA-256 included, under the key "scenario": so it can be scored again later
 * from the database alone, and its journal's hash chain covers the scenario.
 */
#ifndef YINGJI_ENGINE_DRILL_H
#define YINGJI_ENGINE_DRILL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/demo.h"
#include "core/scenario.h"
#include "core/score.h"
#include "engine/engine.h"

/*
 * Open a drill incident for `sc`, which was checked against the playbook at
 * `playbook_path`: the opening report's title and facts, the drill flag, and
 * the scenario.  The drill starts at the engine's current time (the console
 * sets its clock with clock_init_accelerated() from scenario_start_ms());
 * facts written relative to the start ("T-10m") count from it.  *id is the new
 * incident's id.  Playbook problems go to `diags`, refusals to `why`.
 */
enum yj_status drill_start(struct engine *e, const struct scenario *sc, const char *playbook_path,
			   int64_t *id, struct diag_list *diags, struct strbuf *why);

/* The injects one drill_tick() delivered, in order. */
struct drill_delivery {
	size_t n;
	const struct sc_inject **injects;	/* borrowed from the scenario */
	int64_t *seqs;				/* the journal entry each became */
};

void drill_delivery_clear(struct drill_delivery *d);

/*
 * Deliver to drill `id` every inject of `sc` that is due at `drill_now_ms`
 * (the drill's start plus its `at`) and not in the journal yet, in order, each
 * as an INJECT entry carrying its id, its message and its facts.  Idempotent:
 * an inject is delivered once, even by two consoles at the same moment.  A
 * closed drill gets nothing (and that is not an error).  `out` (cleared first)
 * lists what was delivered, so that a console can alert the trainee.
 * YJ_ERR_REFUSED when `id` is not a drill or runs another scenario.
 */
enum yj_status drill_tick(struct engine *e, int64_t id, const struct scenario *sc,
			  int64_t drill_now_ms, struct drill_delivery *out, struct strbuf *why);

/*
 * The scenario drill `id` runs, rebuilt from its OPEN entry and checked against
 * the drill's own playbook: from the database alone.  YJ_ERR_NOINPUT when there
 * is no such incident, YJ_ERR_REFUSED when it is not a drill or has no scenario
 * (opened with 'yingji new --drill'), YJ_ERR_DB_CORRUPT when the stored scenario
 * no longer loads.  Free *sc with scenario_free().
 */
enum yj_status drill_scenario(struct engine *e, int64_t id, struct scenario **sc,
			      struct strbuf *why);

/*
 * Score drill `id` against its scenario, as it stood at the drill's end: when
 * it was closed, or now (the engine's clock) while it is still open.  The same
 * journal always scores the same once closed.  Free *out with score_free().
 */
enum yj_status drill_score(struct engine *e, int64_t id, struct score **out, struct strbuf *why);

/*
 * Import the demo script `dm` (checked against the playbook at
 * `playbook_path`) as a closed drill incident: each step through the engine at
 * its own time, by its own operator, so the journal's times and names are the
 * script's.  A script already imported (same id) is not imported again: then
 * *already is set and *id is the existing incident.  The engine's clock and
 * operator are the same afterwards as before.
 */
enum yj_status drill_import_demo(struct engine *e, const struct demo *dm,
				 const char *playbook_path, int64_t *id, bool *already,
				 struct diag_list *diags, struct strbuf *why);

#endif
