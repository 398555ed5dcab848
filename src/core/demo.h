/*
 * The demo incident (yingji-drill(5), DEMO SCRIPTS): a closed incident written
 * as a script of timed actions by named operators, so that a new user can try
 * replay and the review report (潞城 5.1) at once.
 *
 * A script is built from a document tree and checked against its playbook,
 * then rehearsed: every step goes through the guards a live request meets
 * (core/request.h), in memory, at the step's own time, so that a script the
 * engine would refuse is reported with the step's position before anything
 * is written.  Immutable once built; pointers are borrowed until demo_free().
 */
#ifndef YINGJI_CORE_DEMO_H
#define YINGJI_CORE_DEMO_H

#include <stddef.h>
#include <stdint.h>

#include "core/request.h"
#include "core/scenario.h"

#define DEMO_ACTION_TABLE(X) \
	X(NEW, "new") \
	X(SET, "set") \
	X(TICK, "tick") \
	X(SKIP, "skip") \
	X(ADVANCE, "advance") \
	X(LEVEL, "level") \
	X(NOTIFY, "notify") \
	X(ASSIGN, "assign") \
	X(HANDOVER, "handover") \
	X(NOTE, "note") \
	X(ANNOTATE, "annotate")

enum demo_action {
#define DEMO_ENUM(name, str) DEMO_##name,
	DEMO_ACTION_TABLE(DEMO_ENUM)
#undef DEMO_ENUM
	DEMO_ACTION_COUNT
};

struct demo_step {
	int64_t at;		/* seconds after the script's start */
	const char *by;		/* the operator */
	const char *id;		/* NULL when not given */
	enum demo_action action;
	const char *title;	/* DEMO_NEW: the report's title */
	struct sc_facts facts;	/* DEMO_NEW, DEMO_SET */
	struct request rq;	/* the request of every other action (kv: see demo_step_request) */
	struct pb_pos pos;
};

struct demo;

/*
 * Build, check and rehearse a demo script against `pb` (NULL when it could not
 * be loaded: only the form is checked, and the build fails).  Problems go to
 * `diags` with positions; the rehearsal stops at the first refused step.  On
 * YJ_OK *out is a new script; otherwise YJ_ERR_DATA and *out NULL.
 */
enum yj_status demo_from_doc(const struct doc *doc, const struct playbook *pb,
			     const struct scenario_source *src, struct demo **out,
			     struct diag_list *diags);
void demo_free(struct demo **dm);

const char *demo_id(const struct demo *dm);
int64_t demo_start_ms(const struct demo *dm);
const struct sc_playbook_ref *demo_playbook(const struct demo *dm);
const struct scenario_source *demo_source(const struct demo *dm);
size_t demo_step_count(const struct demo *dm);
const struct demo_step *demo_step(const struct demo *dm, size_t i);
/* When step i happens: the start plus its offset (UTC ms). */
int64_t demo_step_ms(const struct demo *dm, size_t i);
/*
 * The request of step i (any action but DEMO_NEW) into *rq, its FIELD=VALUE
 * pairs (DEMO_SET) in *kv, which rq points into; free kv with sc_kv_free().
 */
void demo_step_request(const struct demo *dm, size_t i, struct request *rq, struct sc_kv *kv);
const char *demo_action_name(enum demo_action a);

#endif
