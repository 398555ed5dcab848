/*
 * Requests: what an officer asks to record, turned into the journal entry to
 * append, or refused with a one-line reason that names exactly what is
 * missing; a decision's guards also give it as a list (struct
 * request_refusal), which the console shows and goes to thing by thing.
 * The CLI and the console both go through here (via the engine): nothing is
 * implemented twice.  Pure: the caller supplies the state and time.
 */
#ifndef YINGJI_CORE_REQUEST_H
#define YINGJI_CORE_REQUEST_H

#include <stdbool.h>
#include <stddef.h>

#include "core/entry.h"
#include "core/incident.h"
#include "util/status.h"

struct strbuf;

struct kv {
	const char *key, *value;
};

enum tick_action { TICK_DO, TICK_SKIP, TICK_UNDO };

enum request_kind {
	REQ_SET,
	REQ_NOTE,
	REQ_TICK,
	REQ_ADVANCE,
	REQ_LEVEL,
	REQ_NOTIFY,
	REQ_ASSIGN,
	REQ_HANDOVER,
	REQ_INJECT,	/* drills only: text (the message) and kv (facts that become known) */
	REQ_ANNOTATE,	/* seq (the entry annotated) and text; also on closed incidents */
};

/*
 * What a guard found missing, one thing each: the decisions screen lists
 * them and goes to each; the command line prints them joined in one line.
 */
enum request_gap_kind {
	GAP_FIELD,	/* a field the phase asks for: id and name */
	GAP_ITEM,	/* a required checklist item of the phase: id and text */
	GAP_LEVEL,	/* the phase asks for a confirmed level */
	GAP_LEVEL_FIT,	/* the decision is for other levels: their ids and names */
	GAP_CONTACT,	/* a contact the level calls for, not notified: id and name */
	GAP_REASON,	/* the decision asks for a reason: the decision's id and label */
	GAP_PARTY,	/* only some may take it: the first such party's id and name */
};

struct request_gap {
	enum request_gap_kind kind;
	char *id;	/* the playbook's id of what is missing (NULL: GAP_LEVEL) */
	char *label;	/* the playbook's words for it (NULL: GAP_LEVEL) */
	char *text;	/* the one line that says what is missing, in the locale's words */
};

/* A refusal by the guards of a decision; all owned, freed by request_refusal_clear(). */
struct request_refusal {
	char *decision, *decision_label;	/* the decision refused */
	struct request_gap *gaps;
	size_t n;
};

void request_refusal_clear(struct request_refusal *r);

/*
 * The one line the command line prints for a refusal: "cannot take 'D'
 * (label): what; what ...", each thing's text joined by "; ".
 */
void request_refusal_text(const struct request_refusal *r, struct strbuf *out);

struct request {
	enum request_kind kind;
	const char *operator_name;
	size_t n_kv;			/* SET: FIELD=VALUE and CRITERION=yes|no */
	const struct kv *kv;
	const char *text;		/* NOTE */
	const char *item;		/* TICK */
	enum tick_action tick;
	const char *decision;		/* ADVANCE (NULL: the phase's only decision) */
	const char *level;		/* LEVEL */
	const char *contact;		/* NOTIFY (id or name) */
	bool ack;
	const char *channel;		/* NOTIFY: phone sms written verbal, or NULL */
	const char *party;		/* ASSIGN, HANDOVER (NULL: the first role) */
	const char *person;		/* ASSIGN, HANDOVER */
	const char *reason;		/* TICK skip, ADVANCE, LEVEL */
	int64_t seq;			/* ANNOTATE: the entry annotated */
	const char *inject;		/* INJECT: the scenario's inject id, or NULL (ad hoc) */
	/*
	 * ADVANCE: when not NULL, a refusal by the decision's guards is also
	 * filled in here (cleared first), for a face that shows it as a list.
	 */
	struct request_refusal *refusal;
};

/*
 * The entry for a request on an open incident.  On YJ_OK, *kind and *payload
 * (owned by the caller) describe the entry to append.  Otherwise *payload is
 * NULL and `why` holds one line: YJ_ERR_DATA for a bad value or an unknown
 * name, YJ_ERR_REFUSED when the plan does not allow it now.  rq->refusal, when
 * set, is cleared first and, when a decision's guards refuse, holds the list
 * `why` was made from (request_refusal_text()).
 */
enum yj_status request_build(const struct incident *st, const struct request *rq,
			     enum entry_kind *kind, struct value **payload, struct strbuf *why);

/*
 * The OPEN entry's payload for a new report: title, the playbook's identity,
 * the drill flag and any initial FIELD=VALUE pairs (checked like REQ_SET).
 */
enum yj_status request_open(const struct playbook *pb, const char *plan_hash, const char *title,
			    bool drill, const struct kv *kv, size_t n_kv, struct value **payload,
			    struct strbuf *why);
/*
 * request_open() with more to record in the OPEN payload: the members of the
 * object `extra` (NULL: none), copied, under their own keys, which must not be
 * ones request_open() writes.  A drill records the scenario it runs this way
 * ("scenario") and the demo incident its script ("demo"), so that each can be
 * told apart and scored from the journal alone.
 */
enum yj_status request_open_with(const struct playbook *pb, const char *plan_hash,
				 const char *title, bool drill, const struct kv *kv, size_t n_kv,
				 const struct value *extra, struct value **payload,
				 struct strbuf *why);

#endif
