/*
 * The demo script: build it from a document tree, check every step against
 * the playbook, then rehearse it through the real request guards in memory.
 * The format is documented in man/yingji-drill.5 (DEMO SCRIPTS).
 */
#include "config.h"

#include "core/demo.h"
#include "core/incident.h"
#include "core/scenario_impl.h"
#include "util/arena.h"
#include "util/str.h"
#include "util/strbuf.h"
#include "util/timefmt.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* At most this many steps (yingji-drill(5), SIZE LIMITS). */
enum { MAX_STEPS = 1000 };

struct demo {
	struct arena *arena;
	const char *id;
	struct sc_playbook_ref playbook;
	struct scenario_source src;
	int64_t start_ms;
	size_t n_steps;
	struct demo_step *steps;
};

static const char *const action_names[] = {
#define DEMO_NAME(name, str) str,
	DEMO_ACTION_TABLE(DEMO_NAME)
#undef DEMO_NAME
};

const char *
demo_action_name(enum demo_action a)
{
	return (size_t)a < DEMO_ACTION_COUNT ? action_names[a] : "?";
}

/* ---- references ---- */

static bool
has_item(const struct playbook *pb, const char *id)
{
	for (size_t p = 0; p < playbook_phase_count(pb); p++)
		if (pb_phase_find_item(playbook_phase(pb, p), id))
			return true;
	return false;
}

static bool
has_decision(const struct playbook *pb, const char *id)
{
	for (size_t p = 0; p < playbook_phase_count(pb); p++)
		if (pb_phase_find_decision(playbook_phase(pb, p), id))
			return true;
	return false;
}

/* Check a reference of a step; `what` names its kind ("checklist item"). */
static void
check_ref(struct dec *d, const struct playbook *pb, const struct doc_node *n, const char *what,
	  const char *id)
{
	bool ok;

	if (!pb || !id)
		return;
	if (str_eq(what, "checklist item"))
		ok = has_item(pb, id);
	else if (str_eq(what, "decision"))
		ok = has_decision(pb, id);
	else if (str_eq(what, "level"))
		ok = playbook_find_level(pb, id) != NULL;
	else if (str_eq(what, "contact"))
		ok = playbook_find_contact(pb, id) != NULL;
	else
		ok = playbook_party_name(pb, id, NULL) != NULL;
	if (!ok)
		dec_error(d, n, "unknown %s '%s' (see 'yingji playbook show')", what,
			  dec_clip(d, id));
}

/*
 * An action written as a scalar ("tick: learn") or as a mapping ("tick: {item:
 * learn, reason: ...}"): the main value, and the mapping (NULL for a scalar).
 */
static const char *
short_or_map(struct dec *d, const struct doc_node *v, const char *action, const char *main_key,
	     const char *const *keys, const struct doc_node **map)
{
	char what[64];

	*map = NULL;
	if (v->kind == DOC_SCALAR) {
		snprintf(what, sizeof(what), "'%s'", action);
		return dec_str_node(d, v, what);
	}
	snprintf(what, sizeof(what), "'%s'", action);
	if (!dec_map(d, v, what, keys))
		return NULL;
	*map = v;
	return dec_str(d, v, main_key);
}

/* ---- one action ---- */

static void
build_tick(struct dec *d, const struct playbook *pb, const struct doc_node *v, bool skip,
	   struct request *rq)
{
	static const char *const tick_keys[] = {"!item", "reason", NULL};
	static const char *const skip_keys[] = {"!item", "!reason", NULL};
	const struct doc_node *m;

	rq->kind = REQ_TICK;
	rq->tick = skip ? TICK_SKIP : TICK_DO;
	if (skip && v->kind == DOC_SCALAR) {
		dec_error(d, v, "'skip' needs a reason: write 'skip: {item: %s, reason: TEXT}'",
			  dec_clip(d, v->str));
		return;
	}
	rq->item = short_or_map(d, v, skip ? "skip" : "tick", "item", skip ? skip_keys : tick_keys,
				&m);
	rq->reason = m ? dec_str(d, m, "reason") : NULL;
	check_ref(d, pb, m ? doc_get(m, "item") : v, "checklist item", rq->item);
}

static void
build_choice(struct dec *d, const struct playbook *pb, const struct doc_node *v,
	     enum demo_action a, struct request *rq)
{
	static const char *const adv_keys[] = {"!decision", "reason", NULL};
	static const char *const level_keys[] = {"!level", "reason", NULL};
	const char *key = a == DEMO_ADVANCE ? "decision" : "level";
	const struct doc_node *m;
	const char *id;

	rq->kind = a == DEMO_ADVANCE ? REQ_ADVANCE : REQ_LEVEL;
	id = short_or_map(d, v, action_names[a], key, a == DEMO_ADVANCE ? adv_keys : level_keys,
			  &m);
	rq->reason = m ? dec_str(d, m, "reason") : NULL;
	check_ref(d, pb, m ? doc_get(m, key) : v, key, id);
	if (a == DEMO_ADVANCE)
		rq->decision = id;
	else
		rq->level = id;
}

static void
build_notify(struct dec *d, const struct playbook *pb, const struct doc_node *v,
	     struct request *rq)
{
	static const char *const keys[] = {"!contact", "channel", "ack", NULL};
	static const char *const channels[] = {"phone", "sms", "written", "verbal"};
	const struct doc_node *m;
	int c;

	rq->kind = REQ_NOTIFY;
	rq->contact = short_or_map(d, v, "notify", "contact", keys, &m);
	check_ref(d, pb, m ? doc_get(m, "contact") : v, "contact", rq->contact);
	if (!m)
		return;
	rq->ack = dec_bool(d, m, "ack", false);
	c = dec_enum(d, m, "channel", channels, 4);
	rq->channel = c >= 0 ? channels[c] : NULL;
}

static void
build_people(struct dec *d, const struct playbook *pb, const struct doc_node *v,
	     enum demo_action a, struct request *rq)
{
	static const char *const assign_keys[] = {"!role", "!person", NULL};
	static const char *const handover_keys[] = {"!to", "role", NULL};
	const struct doc_node *m;

	rq->kind = a == DEMO_ASSIGN ? REQ_ASSIGN : REQ_HANDOVER;
	if (a == DEMO_ASSIGN) {
		if (!dec_map(d, v, "'assign'", assign_keys))
			return;
		m = v;
		rq->person = dec_str(d, m, "person");
	} else {
		rq->person = short_or_map(d, v, "handover", "to", handover_keys, &m);
	}
	rq->party = m ? dec_str(d, m, "role") : NULL;
	check_ref(d, pb, m ? doc_get(m, "role") : NULL, "role, unit or group", rq->party);
}

/* The step an annotation refers to: an earlier step's id; its entry is that step's. */
static void
build_annotate(struct dec *d, const struct doc_node *v, const struct demo_step *done, size_t n,
	       struct request *rq)
{
	static const char *const keys[] = {"!on", "!text", NULL};
	const char *on;

	rq->kind = REQ_ANNOTATE;
	if (!dec_map(d, v, "'annotate'", keys))
		return;
	rq->text = dec_str(d, v, "text");
	on = dec_id(d, v, "on");
	for (size_t i = 0; on && i < n; i++)
		if (str_eq(done[i].id, on)) {
			rq->seq = (int64_t)i + 1;	/* step i made entry i + 1 */
			return;
		}
	if (on)
		dec_error(d, doc_get(v, "on"), "'on' must name an earlier step by its id; no step "
					       "before this one has the id '%s'", on);
}

struct build_ctx {
	struct dec *d;
	const struct playbook *pb;
	const char *category;
	struct demo_step *steps;
	size_t n;		/* steps built so far */
};

static void
build_action(struct build_ctx *c, const struct doc_node *step, enum demo_action a,
	     struct demo_step *s)
{
	static const char *const new_keys[] = {"!title", "facts", "answers", NULL};
	const struct doc_node *v = doc_get(step, action_names[a]);
	struct dec *d = c->d;

	s->action = a;
	switch (a) {
	case DEMO_NEW:
		if (!dec_map(d, v, "'new'", new_keys))
			return;
		s->title = dec_str(d, v, "title");
		s->facts = sc_decode_facts(d, v, "facts", "answers", c->pb, &c->category, 0);
		return;
	case DEMO_SET:
		s->rq.kind = REQ_SET;
		s->facts = sc_decode_facts(d, step, "set", NULL, c->pb, &c->category,
					   SC_FACTS_MIXED);
		if (doc_is_null(v) || (v->kind == DOC_MAP && v->n == 0))
			dec_error(d, v, "'set' records nothing: give FIELD: VALUE");
		return;
	case DEMO_TICK:
	case DEMO_SKIP:
		build_tick(d, c->pb, v, a == DEMO_SKIP, &s->rq);
		return;
	case DEMO_ADVANCE:
	case DEMO_LEVEL:
		build_choice(d, c->pb, v, a, &s->rq);
		return;
	case DEMO_NOTIFY:
		build_notify(d, c->pb, v, &s->rq);
		return;
	case DEMO_ASSIGN:
	case DEMO_HANDOVER:
		build_people(d, c->pb, v, a, &s->rq);
		return;
	case DEMO_NOTE:
		s->rq.kind = REQ_NOTE;
		s->rq.text = dec_str_node(d, v, "'note'");
		return;
	case DEMO_ANNOTATE:
		build_annotate(d, v, c->steps, c->n, &s->rq);
		return;
	case DEMO_ACTION_COUNT:
		return;
	}
}

/* ---- one step ---- */

/* The one action key of a step; -1 (reported) when it has none or several. */
static int
step_action(struct dec *d, const struct doc_node *step)
{
	int found = -1;

	for (int a = 0; a < DEMO_ACTION_COUNT; a++) {
		const struct doc_node *k = sc_key_node(step, action_names[a]);

		if (!k)
			continue;
		if (found >= 0) {
			dec_error(d, k, "a step takes one action, and this one has both '%s' and "
					"'%s'", action_names[found], action_names[a]);
			return -1;
		}
		found = a;
	}
	if (found < 0)
		dec_error(d, step, "a step needs one action: new, set, tick, skip, advance, level, "
				   "notify, assign, handover, note or annotate");
	return found;
}

static void
build_step(struct build_ctx *c, const struct doc_node *step, struct demo_step *s)
{
	static const char *const keys[] = {"!at", "by", "id", "new", "set", "tick", "skip",
					   "advance", "level", "notify", "assign", "handover",
					   "note", "annotate", NULL};
	struct dec *d = c->d;
	const struct demo_step *prev = c->n ? &c->steps[c->n - 1] : NULL;
	int a;

	s->pos = dec_pos(step);
	s->action = DEMO_ACTION_COUNT;
	if (!dec_map(d, step, "step", keys))
		return;
	s->id = dec_id(d, step, "id");
	s->by = dec_str(d, step, "by");
	if (!s->by && prev)
		s->by = prev->by;	/* the same operator goes on */
	else if (!s->by && !doc_get(step, "by"))
		dec_error(d, step, "the first step needs 'by' (who acts)");
	if (sc_decode_offset(d, step, "at", &s->at) && prev && s->at < prev->at)
		dec_error(d, doc_get(step, "at"),
			  "steps must be in time order: '%s' is earlier than the step before it",
			  doc_get(step, "at")->str);
	a = step_action(d, step);
	if (a >= 0)
		build_action(c, step, (enum demo_action)a, s);
	if (a >= 0 && (a == DEMO_NEW) != (c->n == 0))
		dec_error(d, sc_key_node(step, action_names[a]),
			  c->n == 0 ? "the first step must take the report ('new')"
				    : "only the first step takes the report ('new')");
}

/* ---- the rehearsal ---- */

static void
refused(struct dec *d, const struct demo *dm, size_t i, const struct strbuf *why)
{
	char t[32];

	time_format_local(demo_step_ms(dm, i), t, sizeof(t));
	dec_error(d, sc_at(d, dm->steps[i].pos), "step %zu (%s at %s) is refused: %s", i + 1,
		  action_names[dm->steps[i].action], t, sb_str(why));
}

/* Step i as the entry the engine would append after entries[0..n), or false (reported). */
static bool
rehearse_step(struct dec *d, const struct demo *dm, const struct playbook *pb, size_t i,
	      struct entry *entries, size_t n)
{
	const struct demo_step *s = &dm->steps[i];
	struct entry *e = &entries[n];
	struct strbuf why = STRBUF_INIT;
	struct sc_kv kv = {0};
	enum yj_status rc;

	e->incident = 1;
	e->seq = (int64_t)n + 1;
	e->ts_ms = demo_step_ms(dm, i);
	if (s->action == DEMO_NEW) {
		sc_facts_kv(&s->facts, dm->start_ms, &kv);
		rc = request_open(pb, "rehearsal", s->title, true, kv.v, kv.n, &e->payload, &why);
		e->kind = ENTRY_OPEN;
	} else {
		struct incident *st = incident_fold(pb, entries, n, e->ts_ms);
		struct request rq;

		demo_step_request(dm, i, &rq, &kv);
		rc = request_build(st, &rq, &e->kind, &e->payload, &why);
		incident_free(&st);
	}
	sc_kv_free(&kv);
	if (rc == YJ_OK)
		e->operator_name = xstrdup(s->by);
	else
		refused(d, dm, i, &why);
	sb_free(&why);
	return rc == YJ_OK;
}

/* Run every step through the request guards, in memory; the script must end closed. */
static void
rehearse(struct dec *d, const struct demo *dm, const struct playbook *pb)
{
	struct entry *entries = xcalloc(dm->n_steps + 1, sizeof(*entries));
	size_t n = 0;
	struct incident *st;

	while (n < dm->n_steps && rehearse_step(d, dm, pb, n, entries, n))
		n++;
	if (n == dm->n_steps) {
		st = incident_fold(pb, entries, n, entries[n - 1].ts_ms);
		if (!st->closed)
			dec_error(d, sc_at(d, dm->steps[n - 1].pos),
				  "the demo must end with the incident closed, and after its last "
				  "step it is in phase '%s'", incident_phase(st)->m.id);
		incident_free(&st);
	}
	entry_free_array(&entries, n);
}

/* ---- top level ---- */

static void
build_steps(struct dec *d, const struct playbook *pb, const struct doc_node *root,
	    struct demo *dm)
{
	const struct doc_node *l = dec_list(d, root, "steps");
	struct build_ctx c = {d, pb, NULL, NULL, 0};
	size_t n;

	if (!l)
		return;
	if (l->n == 0)
		dec_error(d, l, "'steps' needs at least one step");
	/* The rehearsal folds the journal at every step: keep a hostile script bounded. */
	n = l->n > MAX_STEPS ? MAX_STEPS : l->n;
	if (l->n > MAX_STEPS)
		dec_error(d, l, "'steps' has %zu items; a demo script has at most %d", l->n,
			  MAX_STEPS);
	c.steps = arena_array(d->arena, n, sizeof(*c.steps));
	for (size_t i = 0; i < n; i++) {
		build_step(&c, l->items[i], &c.steps[i]);
		c.n++;
	}
	for (size_t i = 1; i < n; i++)
		for (size_t k = 0; c.steps[i].id && k < i; k++)
			if (str_eq(c.steps[i].id, c.steps[k].id)) {
				dec_error(d, doc_get(l->items[i], "id"),
					  "step id '%s' is used twice", c.steps[i].id);
				break;
			}
	dm->steps = c.steps;
	dm->n_steps = n;
}

static void
build_all(struct dec *d, const struct doc_node *root, const struct playbook *pb,
	  struct demo *dm)
{
	static const char *const keys[] = {"!yingji_demo", "!id", "!playbook", "!start", "!steps",
					   NULL};

	if (!dec_map(d, root, "the demo script", keys))
		return;
	dec_version(d, root, "yingji_demo", "demo script");
	sc_decode_playbook(d, root, pb, &dm->playbook);
	if (pb && dm->playbook.plan && !str_eq(dm->playbook.plan, playbook_plan(pb)->id))
		pb = NULL;
	dm->id = dec_id(d, root, "id");
	sc_decode_time(d, root, "start", &dm->start_ms);
	build_steps(d, pb, root, dm);
}

enum yj_status
demo_from_doc(const struct doc *doc, const struct playbook *pb, const struct scenario_source *src,
	      struct demo **out, struct diag_list *diags)
{
	struct arena *arena = arena_new();
	struct demo *dm = arena_alloc(arena, sizeof(*dm));
	struct dec d = {diags, doc->file, arena};
	size_t errors_before = diags->errors;

	*out = NULL;
	dm->arena = arena;
	if (!doc->root) {
		diag_add(diags, DIAG_ERROR, doc->file, 1, 1,
			 "no demo script in the file (it is empty or holds only comments); a demo "
			 "script starts with 'yingji_demo: 1'");
		arena_free(&arena);
		return YJ_ERR_DATA;
	}
	build_all(&d, doc->root, pb, dm);
	/* Rehearse only a script that is whole: a refusal would only echo a reported error. */
	if (pb && diags->errors == errors_before && dm->n_steps)
		rehearse(&d, dm, pb);
	if (diags->errors > errors_before || !pb) {
		arena_free(&arena);
		return YJ_ERR_DATA;
	}
	dm->src.file = arena_strdup(arena, src->file ? src->file : "");
	dm->src.text = arena_strndup(arena, src->text ? src->text : "", src->text ? src->len : 0);
	dm->src.len = src->text ? src->len : 0;
	dm->src.sha256 = arena_strdup(arena, src->sha256 ? src->sha256 : "");
	*out = dm;
	return YJ_OK;
}

void
demo_free(struct demo **pdm)
{
	struct arena *a;

	if (!pdm || !*pdm)
		return;
	/* The struct lives in its own arena: take the arena out before freeing it. */
	a = (*pdm)->arena;
	*pdm = NULL;
	arena_free(&a);
}

const char *
demo_id(const struct demo *dm)
{
	return dm->id;
}

int64_t
demo_start_ms(const struct demo *dm)
{
	return dm->start_ms;
}

const struct sc_playbook_ref *
demo_playbook(const struct demo *dm)
{
	return &dm->playbook;
}

const struct scenario_source *
demo_source(const struct demo *dm)
{
	return &dm->src;
}

size_t
demo_step_count(const struct demo *dm)
{
	return dm->n_steps;
}

const struct demo_step *
demo_step(const struct demo *dm, size_t i)
{
	return &dm->steps[i];
}

int64_t
demo_step_ms(const struct demo *dm, size_t i)
{
	return dm->start_ms + dm->steps[i].at * 1000;
}

void
demo_step_request(const struct demo *dm, size_t i, struct request *rq, struct sc_kv *kv)
{
	const struct demo_step *s = &dm->steps[i];

	*rq = s->rq;
	rq->operator_name = s->by;
	memset(kv, 0, sizeof(*kv));
	if (s->action != DEMO_SET)
		return;
	sc_facts_kv(&s->facts, dm->start_ms, kv);
	rq->kv = kv->v;
	rq->n_kv = kv->n;
}
