/*
 * Drills and the demo incident through the engine's one write path: every
 * inject, every demo step is a request that engine_submit() checks, appends
 * and commits like any other.
 */
#include "config.h"

#include "engine/drill.h"
#include "io/clocks.h"
#include "io/scenario_load.h"
#include "util/str.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* The key of the OPEN payload that records a drill's scenario, and the demo's. */
#define SCENARIO_KEY "scenario"
#define DEMO_KEY "demo"

static const char *
base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* {"id", "title", "file", "sha256", "text"}: enough to run and score it again. */
static struct value *
scenario_record(const struct scenario *sc)
{
	const struct scenario_source *src = scenario_source(sc);
	struct value *extra = value_obj();
	struct value *o = value_set(extra, SCENARIO_KEY, value_obj());

	value_set_str(o, "id", scenario_id(sc));
	value_set_str(o, "title", scenario_title(sc));
	value_set_str(o, "file", base_name(src->file));
	value_set_str(o, "sha256", src->sha256);
	value_set_str(o, "text", src->text);
	return extra;
}

enum yj_status
drill_start(struct engine *e, const struct scenario *sc, const char *playbook_path, int64_t *id,
	    struct diag_list *diags, struct strbuf *why)
{
	const struct sc_opening *op = scenario_opening(sc);
	struct value *extra = scenario_record(sc);
	struct yj_clock saved = *engine_clock(e), start;
	struct sc_kv kv;
	enum yj_status rc;

	/* One instant for the start: the OPEN entry's time and the "T-10m" of its facts. */
	clock_init_fixed(&start, engine_now(e));
	engine_set_clock(e, &start);
	sc_facts_kv(&op->facts, engine_now(e), &kv);
	rc = engine_new_with(e, playbook_path, op->title, true, kv.v, kv.n, extra, id, diags, why);
	engine_set_clock(e, &saved);
	sc_kv_free(&kv);
	value_free(&extra);
	return rc;
}

void
drill_delivery_clear(struct drill_delivery *d)
{
	free(d->injects);
	free(d->seqs);
	memset(d, 0, sizeof(*d));
}

/* ---- the drill a journal holds ---- */

static const struct value *
opening_record(const struct incident_view *v, const char *key)
{
	return value_get(v->entries[0].payload, key);
}

/* Check that view `v` is a drill with a scenario; else refuse, saying why. */
static enum yj_status
need_scenario(const struct incident_view *v, int64_t id, struct strbuf *why)
{
	if (!v->st->drill) {
		sb_printf(why, "incident %lld is not a drill", (long long)id);
		return YJ_ERR_REFUSED;
	}
	if (!value_get_str(opening_record(v, SCENARIO_KEY), "text")) {
		sb_printf(why, "drill %lld was opened without a scenario ('yingji new --drill'): "
			       "there are no injects to deliver and nothing to score against",
			  (long long)id);
		return YJ_ERR_REFUSED;
	}
	return YJ_OK;
}

static enum yj_status
scenario_of(const struct incident_view *v, int64_t id, struct scenario **sc, struct strbuf *why)
{
	const struct value *rec = opening_record(v, SCENARIO_KEY);
	const char *text = value_get_str(rec, "text");
	struct diag_list dl = {0};
	char *name = xasprintf("the scenario of drill %lld", (long long)id);
	enum yj_status rc = scenario_load_bytes(name, text, strlen(text), v->pb, sc, &dl);

	if (rc != YJ_OK) {
		sb_printf(why, "%s no longer loads (%s)", name,
			  dl.n ? dl.items[0].message : "invalid");
		rc = YJ_ERR_DB_CORRUPT;
	}
	diag_list_clear(&dl);
	free(name);
	return rc;
}

enum yj_status
drill_scenario(struct engine *e, int64_t id, struct scenario **sc, struct strbuf *why)
{
	struct incident_view *v = NULL;
	enum yj_status rc = engine_view(e, id, 1, &v, why);

	*sc = NULL;
	if (rc == YJ_OK)
		rc = need_scenario(v, id, why);
	if (rc == YJ_OK)
		rc = scenario_of(v, id, sc, why);
	incident_view_free(&v);
	return rc;
}

/* ---- injects ---- */

static bool
delivered(const struct incident_view *v, const char *inject)
{
	for (size_t i = 0; i < v->n; i++)
		if (v->entries[i].kind == ENTRY_INJECT &&
		    str_eq(value_get_str(v->entries[i].payload, "inject"), inject))
			return true;
	return false;
}

/* Whether the journal of `id` holds inject `inject` now (another console was first). */
static bool
delivered_since(struct engine *e, int64_t id, const char *inject)
{
	struct strbuf why = STRBUF_INIT;
	struct incident_view *v = NULL;
	bool yes = engine_view(e, id, 0, &v, &why) == YJ_OK && delivered(v, inject);

	incident_view_free(&v);
	sb_free(&why);
	return yes;
}

static enum yj_status
deliver(struct engine *e, int64_t id, const struct sc_inject *inj, int64_t start_ms,
	int64_t *seq, struct strbuf *why)
{
	struct request rq = {0};
	struct sc_kv kv;
	enum yj_status rc;

	sc_facts_kv(&inj->facts, start_ms, &kv);
	rq.kind = REQ_INJECT;
	rq.text = inj->message;
	rq.inject = inj->id;
	rq.kv = kv.v;
	rq.n_kv = kv.n;
	rc = engine_submit(e, id, &rq, seq, why);
	sc_kv_free(&kv);
	return rc;
}

static void
record(struct drill_delivery *out, const struct sc_inject *inj, int64_t seq)
{
	out->injects = xrealloc(out->injects, (out->n + 1) * sizeof(*out->injects));
	out->seqs = xrealloc(out->seqs, (out->n + 1) * sizeof(*out->seqs));
	out->injects[out->n] = inj;
	out->seqs[out->n++] = seq;
}

/* The scenario that view `v` runs must be `sc` itself, byte for byte. */
static enum yj_status
same_scenario(const struct incident_view *v, int64_t id, const struct scenario *sc,
	      struct strbuf *why)
{
	const struct value *rec = opening_record(v, SCENARIO_KEY);

	if (str_eq(value_get_str(rec, "sha256"), scenario_source(sc)->sha256))
		return YJ_OK;
	sb_printf(why, "drill %lld runs the scenario '%s' (sha256 %.12s), not this one ('%s', "
		       "sha256 %.12s)",
		  (long long)id, value_get_str(rec, "id"), value_get_str(rec, "sha256"),
		  scenario_id(sc), scenario_source(sc)->sha256);
	return YJ_ERR_REFUSED;
}

static enum yj_status
deliver_due(struct engine *e, int64_t id, const struct scenario *sc, const struct incident_view *v,
	    int64_t now, struct drill_delivery *out, struct strbuf *why)
{
	int64_t start = v->st->opened_ms, seq = 0;
	enum yj_status rc = YJ_OK;

	/* Injects are in delivery order: the first not yet due ends the round. */
	for (size_t i = 0; rc == YJ_OK && i < scenario_inject_count(sc); i++) {
		const struct sc_inject *inj = scenario_inject(sc, i);

		if (start + inj->at * 1000 > now)
			break;
		if (delivered(v, inj->id))
			continue;
		rc = deliver(e, id, inj, start, &seq, why);
		if (rc == YJ_OK)
			record(out, inj, seq);
		else if (rc == YJ_ERR_REFUSED && delivered_since(e, id, inj->id)) {
			sb_reset(why);
			rc = YJ_OK;
		}
	}
	return rc;
}

enum yj_status
drill_tick(struct engine *e, int64_t id, const struct scenario *sc, int64_t drill_now_ms,
	   struct drill_delivery *out, struct strbuf *why)
{
	struct incident_view *v = NULL;
	enum yj_status rc = engine_view(e, id, 0, &v, why);

	memset(out, 0, sizeof(*out));
	if (rc == YJ_OK)
		rc = need_scenario(v, id, why);
	if (rc == YJ_OK)
		rc = same_scenario(v, id, sc, why);
	/* A closed drill is over: nothing more arrives, and that is no error. */
	if (rc == YJ_OK && !v->st->closed)
		rc = deliver_due(e, id, sc, v, drill_now_ms, out, why);
	incident_view_free(&v);
	return rc;
}

/* ---- scoring ---- */

enum yj_status
drill_score(struct engine *e, int64_t id, struct score **out, struct strbuf *why)
{
	struct scenario *sc = NULL;
	struct incident_view *v = NULL;
	enum yj_status rc = drill_scenario(e, id, &sc, why);

	*out = NULL;
	if (rc == YJ_OK)
		rc = engine_view(e, id, 0, &v, why);
	if (rc == YJ_OK) {
		/* At the drill's end, so that a closed drill scores the same whenever asked. */
		incident_set_now(v->st, score_end_ms(v->st, engine_now(e)));
		*out = score_compute(sc, v->st);
	}
	incident_view_free(&v);
	scenario_free(&sc);
	return rc;
}

/* ---- the demo incident ---- */

/* The drill incident already imported from script `dm`, or 0. */
static int64_t
demo_find(struct engine *e, const struct demo *dm)
{
	struct incident_summary *list = NULL;
	int64_t found = 0;
	size_t n = 0;

	if (store_list(engine_store(e), STORE_LIST_DRILLS, &list, &n) != YJ_OK)
		return 0;
	for (size_t i = 0; !found && i < n; i++) {
		struct strbuf why = STRBUF_INIT;
		struct incident_view *v = NULL;

		/* Cheap test first: a demo incident opens at its script's first step. */
		if (list[i].opened_ms == demo_step_ms(dm, 0) &&
		    engine_view(e, list[i].id, 1, &v, &why) == YJ_OK &&
		    str_eq(value_get_str(opening_record(v, DEMO_KEY), "id"), demo_id(dm)))
			found = list[i].id;
		incident_view_free(&v);
		sb_free(&why);
	}
	store_free_summaries(&list, n);
	return found;
}

static enum yj_status
import_step(struct engine *e, const struct demo *dm, size_t i, const char *playbook_path,
	    int64_t *id, struct diag_list *diags, struct strbuf *why)
{
	const struct demo_step *s = demo_step(dm, i);
	struct request rq;
	struct sc_kv kv;
	struct value *extra, *rec;
	enum yj_status rc;

	if (s->action != DEMO_NEW) {
		demo_step_request(dm, i, &rq, &kv);
		rc = engine_submit(e, *id, &rq, NULL, why);
		sc_kv_free(&kv);
		return rc;
	}
	extra = value_obj();
	rec = value_set(extra, DEMO_KEY, value_obj());
	value_set_str(rec, "id", demo_id(dm));
	value_set_str(rec, "sha256", demo_source(dm)->sha256);
	sc_facts_kv(&s->facts, demo_start_ms(dm), &kv);
	rc = engine_new_with(e, playbook_path, s->title, true, kv.v, kv.n, extra, id, diags, why);
	sc_kv_free(&kv);
	value_free(&extra);
	return rc;
}

static enum yj_status
import_steps(struct engine *e, const struct demo *dm, const char *playbook_path, int64_t *id,
	     struct diag_list *diags, struct strbuf *why)
{
	enum yj_status rc = YJ_OK;

	for (size_t i = 0; rc == YJ_OK && i < demo_step_count(dm); i++) {
		struct yj_clock at;

		/* Each step at its own time, by its own operator: the journal is the script. */
		clock_init_fixed(&at, demo_step_ms(dm, i));
		engine_set_clock(e, &at);
		engine_set_operator(e, demo_step(dm, i)->by);
		rc = import_step(e, dm, i, playbook_path, id, diags, why);
		if (rc != YJ_OK && why->len)
			sb_printf(why, " (demo step %zu)", i + 1);
	}
	return rc;
}

enum yj_status
drill_import_demo(struct engine *e, const struct demo *dm, const char *playbook_path,
		  int64_t *id, bool *already, struct diag_list *diags, struct strbuf *why)
{
	struct yj_clock saved = *engine_clock(e);
	char *who = xstrdup(engine_operator(e));
	enum yj_status rc;

	*id = demo_find(e, dm);
	*already = *id != 0;
	if (*already) {
		free(who);
		return YJ_OK;
	}
	rc = import_steps(e, dm, playbook_path, id, diags, why);
	engine_set_clock(e, &saved);
	engine_set_operator(e, who);
	free(who);
	return rc;
}
