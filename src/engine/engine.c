/*
 * The engine's one write path: BEGIN IMMEDIATE; the incident's state (from
 * its newest fold snapshot, or kept from the last write while the journal's
 * head has not moved: state.c); build the entry or refuse; append
 * (hash-chained); fold that one entry in; write the summary row and, when
 * due, a fold snapshot (engine_impl.h); COMMIT.  Only after COMMIT returns
 * does the caller tell anyone that the action is recorded.
 */
#include "config.h"

#include "core/report.h"
#include "engine/engine.h"
#include "engine/engine_impl.h"
#include "io/hash.h"
#include "io/playbook_load.h"
#include "util/docbin.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cached_playbook {
	char hash[2 * ENTRY_HASH_LEN + 1];
	struct playbook *pb;
	struct strbuf tree;	/* its parsed tree, to store (playbooks.c); empty when stored */
};

struct engine {
	struct store *store;
	char *operator_name;
	struct yj_clock clock;
	struct cached_playbook *cache;
	size_t n_cache, cap_cache;
	struct engine_state *hot;	/* the state the last write left (state.c) */
};

static enum yj_status
store_failed(struct engine *e, enum yj_status rc, struct strbuf *why)
{
	sb_append(why, store_error(e->store));
	return rc;
}

enum yj_status
engine_open(const struct engine_opts *o, struct engine **out, struct strbuf *why)
{
	struct engine *e;
	unsigned flags = (o->create ? STORE_CREATE : 0) | (o->readonly ? STORE_READONLY : 0);
	struct store *s = NULL;
	enum yj_status rc;

	*out = NULL;
	rc = store_open(o->db, flags, &s);
	if (rc != YJ_OK) {
		sb_printf(why, "%s: %s", o->db, store_open_error());
		return rc;
	}
	e = xcalloc(1, sizeof(*e));
	e->store = s;
	e->operator_name = xstrdup(o->operator_name);
	e->clock = *o->clock;
	*out = e;
	return YJ_OK;
}

void
engine_close(struct engine **pe)
{
	struct engine *e;

	if (!pe || !*pe)
		return;
	e = *pe;
	engine_state_free(&e->hot);
	for (size_t i = 0; i < e->n_cache; i++) {
		playbook_free(&e->cache[i].pb);
		sb_free(&e->cache[i].tree);
	}
	free(e->cache);
	store_close(&e->store);
	free(e->operator_name);
	free(e);
	*pe = NULL;
}

int64_t
engine_now(const struct engine *e)
{
	return e->clock.now_ms(&e->clock);
}

void
engine_set_clock(struct engine *e, const struct yj_clock *clock)
{
	e->clock = *clock;
}

void
engine_set_operator(struct engine *e, const char *operator_name)
{
	char *name = xstrdup(operator_name);	/* first: it may be e->operator_name itself */

	free(e->operator_name);
	e->operator_name = name;
}

const struct yj_clock *
engine_clock(const struct engine *e)
{
	return &e->clock;
}

const char *
engine_operator(const struct engine *e)
{
	return e->operator_name;
}

struct store *
engine_store(struct engine *e)
{
	return e->store;
}

struct engine_state **
engine_hot(struct engine *e)
{
	return &e->hot;
}

/* The playbook stored under `hash`, parsed once and cached. */
enum yj_status
engine_cached_playbook(struct engine *e, const char *hash, const struct playbook **out,
		       struct strbuf *why)
{
	struct diag_list dl = {0};
	struct playbook *pb = NULL;
	struct strbuf tree = STRBUF_INIT;
	char *text = NULL, name[96];
	size_t len = 0;
	enum yj_status rc;

	for (size_t i = 0; i < e->n_cache; i++)
		if (strcmp(e->cache[i].hash, hash) == 0) {
			*out = e->cache[i].pb;
			return YJ_OK;
		}
	snprintf(name, sizeof(name), "stored playbook %.12s", hash);
	pb = stored_playbook_from_tree(e, hash, name);
	if (pb)
		goto cache;
	rc = store_get_playbook(e->store, hash, &text, &len);
	if (rc != YJ_OK) {
		sb_printf(why, "the playbook %.12s of this incident is not in the database", hash);
		return rc == YJ_ERR_NOINPUT ? YJ_ERR_DB_CORRUPT : rc;
	}
	rc = stored_playbook_from_text(name, text, len, &pb, &tree, &dl);
	free(text);
	if (rc != YJ_OK) {
		sb_printf(why, "%s no longer loads (%s)", name,
			  dl.n ? dl.items[0].message : "invalid");
		diag_list_clear(&dl);
		sb_free(&tree);
		return YJ_ERR_DB_CORRUPT;
	}
	diag_list_clear(&dl);
cache:
	e->cache = xgrow(e->cache, &e->cap_cache, e->n_cache + 1, sizeof(*e->cache));
	snprintf(e->cache[e->n_cache].hash, sizeof(e->cache[0].hash), "%s", hash);
	e->cache[e->n_cache].tree = tree;
	e->cache[e->n_cache++].pb = pb;
	*out = pb;
	return YJ_OK;
}

enum yj_status
engine_flush_trees(struct engine *e, struct strbuf *why)
{
	for (size_t i = 0; i < e->n_cache; i++) {
		struct cached_playbook *c = &e->cache[i];
		enum yj_status rc;

		if (!c->tree.len)
			continue;
		rc = store_put_playbook_tree(e->store, c->hash, DOCBIN_VERSION, c->tree.buf,
					     c->tree.len);
		if (rc != YJ_OK)
			return store_failed(e, rc, why);
		sb_free(&c->tree);
	}
	return YJ_OK;
}

/* Load an incident's journal and its playbook (inside a transaction). */
enum yj_status
engine_load_journal(struct engine *e, int64_t id, int64_t upto, int64_t eager_from,
		    struct entry **entries, size_t *n, const struct playbook **pb,
		    struct strbuf *why)
{
	const char *hash;
	enum yj_status rc = store_load_entries_lazy(e->store, id, 1, upto, eager_from, entries, n);

	if (rc != YJ_OK)
		return store_failed(e, rc, why);
	if (*n == 0) {
		entry_free_array(entries, *n);
		if (store_incident_exists(e->store, id, NULL) == YJ_OK) {
			sb_printf(why, "incident %lld has no journal (damaged database; run yingji "
				       "verify)", (long long)id);
			return YJ_ERR_DB_CORRUPT;
		}
		sb_printf(why, "no incident %lld (see 'yingji list --all')", (long long)id);
		return YJ_ERR_NOINPUT;
	}
	hash = value_get_str((*entries)[0].payload, "plan_hash");
	if ((*entries)[0].kind != ENTRY_OPEN || !hash) {
		sb_printf(why, "incident %lld does not start with a report entry", (long long)id);
		entry_free_array(entries, *n);
		return YJ_ERR_DB_CORRUPT;
	}
	rc = engine_cached_playbook(e, hash, pb, why);
	if (rc != YJ_OK)
		entry_free_array(entries, *n);
	return rc;
}

/* Append `en` (taking its payload), refold and write the projection. */
static enum yj_status
append_and_project(struct engine *e, const struct playbook *pb, struct entry **entries,
		   size_t *n, struct entry *en, struct strbuf *why)
{
	struct incident_summary sum;
	struct incident *st;
	enum yj_status rc = store_append_entry(e->store, en);

	if (rc != YJ_OK) {
		entry_clear(en);
		return store_failed(e, rc, why);
	}
	*entries = xrealloc(*entries, (*n + 1) * sizeof(**entries));
	(*entries)[(*n)++] = *en;
	st = incident_fold(pb, *entries, *n, en->ts_ms);
	incident_summarize(st, &sum);
	incident_free(&st);
	rc = store_put_summary(e->store, &sum);
	incident_summary_clear(&sum);
	return rc == YJ_OK ? YJ_OK : store_failed(e, rc, why);
}

static enum yj_status
finish(struct engine *e, enum yj_status rc, struct strbuf *why)
{
	if (rc != YJ_OK) {
		store_rollback(e->store);
		return rc;
	}
	rc = store_commit(e->store);
	if (rc != YJ_OK) {
		store_failed(e, rc, why);
		store_rollback(e->store);
	}
	return rc;
}

/* What a new incident is opened with. */
struct report_in {
	const char *title;
	bool drill;
	const struct kv *kv;
	size_t n_kv;
	const struct value *extra;
};

static enum yj_status
new_in_tx(struct engine *e, const struct playbook *pb, const char *text, size_t len,
	  const struct report_in *in, int64_t *id, struct strbuf *why)
{
	char hash[2 * ENTRY_HASH_LEN + 1];
	struct entry en = {0}, *entries = NULL;
	bool drill = in->drill;
	size_t n = 0;
	enum yj_status rc;

	hash_sha256_hex(text, len, hash);
	rc = request_open_with(pb, hash, in->title, drill, in->kv, in->n_kv, in->extra, &en.payload,
			       why);
	if (rc != YJ_OK)
		return rc;
	rc = store_put_playbook(e->store, hash, playbook_plan(pb)->id, text, len);
	if (rc == YJ_OK)
		rc = store_new_incident(e->store, drill, engine_now(e), id);
	if (rc != YJ_OK) {
		value_free(&en.payload);
		return store_failed(e, rc, why);
	}
	en.incident = *id;
	en.ts_ms = engine_now(e);
	en.operator_name = xstrdup(e->operator_name);
	en.kind = ENTRY_OPEN;
	rc = append_and_project(e, pb, &entries, &n, &en, why);
	entry_free_array(&entries, n);
	return rc;
}

enum yj_status
engine_new(struct engine *e, const char *playbook_path, const char *title, bool drill,
	   const struct kv *kv, size_t n_kv, int64_t *id, struct diag_list *diags,
	   struct strbuf *why)
{
	return engine_new_with(e, playbook_path, title, drill, kv, n_kv, NULL, id, diags, why);
}

enum yj_status
engine_new_with(struct engine *e, const char *playbook_path, const char *title, bool drill,
		const struct kv *kv, size_t n_kv, const struct value *extra, int64_t *id,
		struct diag_list *diags, struct strbuf *why)
{
	const struct report_in in = {title, drill, kv, n_kv, extra};
	struct playbook *pb = NULL;
	char *text = NULL;
	size_t len = 0;
	enum yj_status rc = playbook_load_text(playbook_path, &pb, &text, &len, diags);

	if (rc != YJ_OK)
		return rc;
	rc = store_begin(e->store);
	if (rc != YJ_OK)
		store_failed(e, rc, why);
	else
		rc = finish(e, new_in_tx(e, pb, text, len, &in, id, why), why);
	free(text);
	playbook_free(&pb);
	return rc;
}

static enum yj_status
submit_in_tx(struct engine *e, int64_t id, const struct request *rq, int64_t *seq,
	     struct strbuf *why)
{
	struct engine_state *s = NULL;
	struct entry en = {0};
	/* A handover's briefing lists every action so far: it needs the whole journal. */
	enum yj_status rc = state_for_write(e, id, rq->kind == REQ_HANDOVER, &s, why);

	if (rc != YJ_OK)
		return rc;
	en.ts_ms = engine_now(e);
	/* Kept from the last write, only the time has moved since. */
	if (s->settled)
		incident_set_now(s->st, en.ts_ms);
	else
		incident_settle(s->st, en.ts_ms);
	rc = request_build(s->st, rq, &en.kind, &en.payload, why);
	if (rc != YJ_OK)
		return rc;
	en.incident = id;
	en.operator_name = xstrdup(e->operator_name);
	rc = state_append(e, s, &en, why);
	if (rc == YJ_OK && seq)
		*seq = s->entries[s->n - 1].seq;
	if (rc == YJ_OK)
		rc = engine_flush_trees(e, why);
	return rc;
}

enum yj_status
engine_submit(struct engine *e, int64_t id, const struct request *rq, int64_t *seq,
	      struct strbuf *why)
{
	enum yj_status rc = store_begin(e->store);
	struct request r = *rq;

	if (rc != YJ_OK)
		return store_failed(e, rc, why);
	r.operator_name = e->operator_name;
	rc = finish(e, submit_in_tx(e, id, &r, seq, why), why);
	/* A refusal leaves the kept state as it was; anything else may not. */
	if (rc != YJ_OK && rc != YJ_ERR_REFUSED && rc != YJ_ERR_DATA)
		engine_state_free(&e->hot);
	return rc;
}

/* A view of `id` folded by state.c, with the whole journal or only its tail. */
static enum yj_status
view(struct engine *e, int64_t id, int64_t upto, bool whole, struct incident_view **out,
     struct strbuf *why)
{
	struct engine_state *s = NULL;
	struct incident_view *v;
	enum yj_status rc = store_begin_read(e->store);
	const struct entry *last;

	*out = NULL;
	if (rc != YJ_OK)
		return store_failed(e, rc, why);
	rc = state_fold(e, id, upto, whole, &s, why);
	store_rollback(e->store);
	if (rc != YJ_OK)
		return rc;
	last = &s->entries[s->n - 1];
	if (upto > 0 && last->seq != upto) {
		sb_printf(why, "incident %lld has no entry %lld (its journal ends at %lld)",
			  (long long)id, (long long)upto, (long long)last->seq);
		engine_state_free(&s);
		return YJ_ERR_NOINPUT;
	}
	incident_settle(s->st, upto > 0 ? last->ts_ms : engine_now(e));
	v = xcalloc(1, sizeof(*v));
	v->pb = playbook_retain(s->pb);
	v->entries = s->entries;
	v->n = s->n;
	v->st = s->st;
	free(s);
	*out = v;
	return YJ_OK;
}

enum yj_status
engine_view(struct engine *e, int64_t id, int64_t upto, struct incident_view **out,
	    struct strbuf *why)
{
	return view(e, id, upto, true, out, why);
}

enum yj_status
engine_view_tail(struct engine *e, int64_t id, int64_t upto, struct incident_view **out,
		 struct strbuf *why)
{
	return view(e, id, upto, false, out, why);
}

void
incident_view_free(struct incident_view **pv)
{
	struct incident_view *v;

	if (!pv || !*pv)
		return;
	v = *pv;
	incident_free(&v->st);
	entry_free_array(&v->entries, v->n);
	playbook_free(&v->pb);
	free(v);
	*pv = NULL;
}

enum yj_status
engine_rebuild_summaries(struct engine *e, struct strbuf *why)
{
	int64_t *ids = NULL;
	size_t n = 0;
	enum yj_status rc = store_begin(e->store);

	engine_state_free(&e->hot);
	if (rc == YJ_OK)
		rc = store_clear_snapshots(e->store, 0);
	if (rc == YJ_OK)
		rc = store_incident_ids(e->store, &ids, &n);
	for (size_t i = 0; rc == YJ_OK && i < n; i++)
		rc = state_rebuild(e, ids[i], why);
	if (rc == YJ_OK)
		rc = engine_flush_trees(e, why);
	free(ids);
	if (rc != YJ_OK && !why->len)
		store_failed(e, rc, why);
	return finish(e, rc, why);
}
