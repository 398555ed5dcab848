/*
 * The score of a drill.  Drills exist to test and improve the plan (潞城 7.2:
 * 检验和完善预案; 开发区 九(四)); the score says, against the plan's own
 * numbers, how the trainee did:
 *   - each deadline of the plan, and each extra time limit of the scenario,
 *     met, met late or missed, with its due and met times on the drill clock
 *     (T+ offsets from the drill's start, and absolute);
 *   - whether the confirmed level is the one the plan calls for (expect.level),
 *     with the level history; whether the drill reached the expected phase;
 *   - which expected groups were engaged and which expected contacts notified;
 *   - the timeline; and a total, "7 of 9 checks passed".
 *
 * Pure: a function of the scenario and of the drill incident's folded state,
 * which the caller evaluates at the drill's end (score_end_ms()), so that the
 * same journal always gets the same score, whenever it is computed.  The score
 * copies what it shows and stays valid after the state is freed.
 */
#ifndef YINGJI_CORE_SCORE_H
#define YINGJI_CORE_SCORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/incident.h"
#include "core/report.h"
#include "core/scenario.h"

struct strbuf;

#define SCORE_KIND_TABLE(X) \
	X(DEADLINE, "deadline") \
	X(LIMIT, "limit") \
	X(LEVEL, "level") \
	X(PHASE, "phase") \
	X(GROUP, "group") \
	X(CONTACT, "contact")

enum score_kind {
#define SCORE_ENUM(name, str) SCORE_##name,
	SCORE_KIND_TABLE(SCORE_ENUM)
#undef SCORE_ENUM
};

enum score_verdict {
	SCORE_PASS,
	SCORE_FAIL,
	SCORE_UNSCORED	/* not counted: a deadline never started, or still running */
};

struct score_check {
	enum score_kind kind;
	const char *id;		/* deadline, limit, level, phase, group or contact id */
	const char *text;	/* what it asks for, from the plan or the scenario */
	enum score_verdict verdict;
	const char *status;	/* "met", "met late", "missed", "not met", "running", "not
				 * started", "confirmed", "not confirmed", "reached", "not
				 * reached", "engaged", "not engaged", "notified", "not notified" */
	int64_t due_ms, met_ms;	/* UTC ms; 0 when there is none */
	const char *how;	/* limits: the event that meets it ("leave:triage") */
	const char *detail;	/* e.g. "confirmed III 较大事件"; NULL when nothing to add */
	const char *detail_text;	/* the detail for people, in the locale's words */
};

struct score_level {
	const char *id, *name;
	int64_t ms;
	const char *by, *reason;
};

struct score_line {
	int64_t seq, ms;
	const char *by, *kind, *summary;	/* summary: in English, with ids (JSON) */
	const char *text;	/* the same for people, in the locale's and the plan's words */
};

struct score {
	struct arena *arena;	/* owns everything below */
	int64_t incident;
	const char *title, *plan_id, *plan_title;
	const char *scenario_id, *scenario_title, *scenario_sha256;
	int64_t start_ms, end_ms;
	bool closed;
	size_t n_checks;
	struct score_check *checks;
	size_t passed, scored;	/* "passed of scored checks passed" */
	size_t n_levels;
	struct score_level *levels;
	size_t n_timeline;
	struct score_line *timeline;
	int64_t head_seq;
	char head_hash[65];
};

/*
 * When the drill ended: the moment it entered a closed phase, or `now_ms`
 * while it is still open.  Evaluate the state at this time (incident_set_now)
 * before scoring it.
 */
int64_t score_end_ms(const struct incident *st, int64_t now_ms);

/*
 * Score the drill incident `st` (its deadlines evaluated at the drill's end)
 * against the scenario it ran.  The drill's start is the incident's opening.
 * Returns a new score; never NULL.  Free with score_free().
 */
struct score *score_compute(const struct scenario *sc, const struct incident *st);
void score_free(struct score **s);

const char *score_kind_name(enum score_kind k);
const char *score_verdict_name(enum score_verdict v);	/* "passed", "failed", "unscored" */

/*
 * Render a score as FORMAT_TXT or FORMAT_MD (appended to out) or FORMAT_JSON (a
 * value tree in *json, which the caller encodes and frees).  FORMAT_CSV is not
 * a score format: nothing is rendered.  Text from files and people is made
 * safe, as in every report.
 */
void score_render(const struct score *s, enum report_format fmt, struct strbuf *out,
		  struct value **json);

#endif
