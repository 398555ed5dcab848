/*
 * A drill scenario (yingji-drill(5)): the plan it runs on, a briefing, the
 * opening report the trainee receives, timed injects, the expected outcome
 * and time limits beyond the plan's own deadlines.  Every seed plan asks for
 * regular drills (潞城 7.2; 开发区 八, 九(四)); a scenario is how a trainer writes
 * one.
 *
 * A scenario is built from a document tree (core/scenario_build.c) and checked
 * against the playbook it names, then immutable: every pointer handed out is
 * borrowed, const, and valid until scenario_free().  It copies what it needs
 * and keeps no pointer into the document or the playbook.
 */
#ifndef YINGJI_CORE_SCENARIO_H
#define YINGJI_CORE_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/playbook.h"
#include "core/request.h"
#include "util/doc.h"
#include "util/status.h"

/*
 * One FIELD: VALUE fact (or CRITERION: yes|no answer) as written.  A datetime
 * fact may be written relative to the drill's start ("T-10m", "T", "T+1h"):
 * then `relative` is set and `offset` holds the seconds from the start.
 */
struct sc_fact {
	const char *key, *value;
	bool relative;
	int64_t offset;
	struct pb_pos pos;	/* of the value */
};

struct sc_facts {
	size_t n;
	const struct sc_fact *v;
};

/* The top-level `playbook:` section: the plan the file runs on, and where. */
struct sc_playbook_ref {
	const char *plan;	/* the plan id */
	const char *file;	/* NULL when not given: the default playbook */
	struct pb_pos pos, plan_pos, file_pos;
};

/* The report the trainee receives when the drill starts. */
struct sc_opening {
	const char *title;
	struct sc_facts facts;	/* fields first, then answers */
};

struct sc_inject {
	const char *id;
	int64_t at;		/* seconds after the drill's start (0 allowed) */
	const char *message;
	struct sc_facts facts;	/* facts that become known, then answers */
	struct pb_pos pos;
};

/* What meets a scenario's time limit (the grammar of playbook deadlines, plus level:). */
enum sc_met_kind { SC_MET_TICK, SC_MET_LEAVE, SC_MET_NOTIFY, SC_MET_FIELD, SC_MET_LEVEL };

struct sc_met {
	enum sc_met_kind kind;
	const char *ref;	/* item, phase, contact, field or level id */
	const char *phase;	/* tick: the item's phase (resolved when not written) */
	const char *text;	/* as written, e.g. "tick:report-office@report" */
};

struct sc_limit {
	const char *id, *text;
	int64_t within;		/* seconds after the drill's start */
	struct sc_met met;
	struct pb_pos pos;
};

struct sc_expect {
	const char *level;	/* the level the plan calls for; NULL when not said */
	const char *phase;	/* a phase the drill should reach (e.g. false-alarm); or NULL */
	struct pb_strings groups, contacts;
};

/* Where a scenario came from: kept so that a drill can be scored from its journal. */
struct scenario_source {
	const char *file;	/* the name used in diagnostics */
	const char *text;	/* the file's bytes */
	size_t len;
	const char *sha256;	/* lower-case hex of the bytes */
};

struct scenario;

/*
 * Build a scenario from a parsed document and check it against `pb`, the
 * playbook it names (NULL when that could not be loaded: then only what needs
 * no playbook is checked, and the build fails).  Every problem is added to
 * `diags` with its position, all in one run.  On YJ_OK *out is a new scenario;
 * otherwise YJ_ERR_DATA and *out NULL.  `src` is copied.
 */
enum yj_status scenario_from_doc(const struct doc *doc, const struct playbook *pb,
				 const struct scenario_source *src, struct scenario **out,
				 struct diag_list *diags);
void scenario_free(struct scenario **sc);

/*
 * The `playbook:` section of a scenario or demo document, read leniently (no
 * diagnostics: the builders report its problems) so that the loader can find
 * the playbook before the strict build.  False when it names no plan.
 */
bool scenario_doc_playbook(const struct doc *doc, struct sc_playbook_ref *out);

const char *scenario_id(const struct scenario *sc);
const char *scenario_title(const struct scenario *sc);
const char *scenario_briefing(const struct scenario *sc);
const struct sc_playbook_ref *scenario_playbook(const struct scenario *sc);
const struct scenario_source *scenario_source(const struct scenario *sc);
/* The drill clock's start: the scenario's `start:` when given, else `now_ms`. */
int64_t scenario_start_ms(const struct scenario *sc, int64_t now_ms);
bool scenario_has_start(const struct scenario *sc);
const struct sc_opening *scenario_opening(const struct scenario *sc);
/* Injects in delivery order: by `at`, ties in the order written. */
size_t scenario_inject_count(const struct scenario *sc);
const struct sc_inject *scenario_inject(const struct scenario *sc, size_t i);
const struct sc_inject *scenario_find_inject(const struct scenario *sc, const char *id);
const struct sc_expect *scenario_expect(const struct scenario *sc);
size_t scenario_limit_count(const struct scenario *sc);
const struct sc_limit *scenario_limit(const struct scenario *sc, size_t i);

/* Facts as FIELD=VALUE pairs for a request, relative times made absolute. */
struct sc_kv {
	size_t n;
	struct kv *v;
	char **owned;	/* the strings made here */
};

/* Fill `out` from `facts` with relative times counted from `start_ms`; free with sc_kv_free(). */
void sc_facts_kv(const struct sc_facts *facts, int64_t start_ms, struct sc_kv *out);
void sc_kv_free(struct sc_kv *kv);

#endif
