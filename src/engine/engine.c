/*
 * The engine's one write path: BEGIN IMMEDIATE; read the journal; fold; build
 * the entry or refuse; append (hash-chained); fold again for the projection;
 * write the summary row; COMMIT.  Only after COMMIT returns does the caller
 * tell anyone that the action is recorded.
 */
#include "config.h"

#include "core/report.h"
#include "engine/engine.h"
#include "io/hash.h"
#include "io/playbook_load.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cached_playbook {
	char hash[2 * ENTRY_HASH_LEN + 1];
	struct playbook *pb;
};

struct engine {
	struct store *store;
	char *operator_name;
	struct yj_clock clock;
	struct cached_playbook *cache;
	size_t n_cache, cap_cache;
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
	for (size_t i = 0; i < e->n_cache; i++)
		playbook_free(&e->cache[i].pb);
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

struct store *
engine_store(struct engine *e)
{
	return e->store;
}

/* The playbook stored under `hash`, parsed once and cached. */
static enum yj_status
cached_playbook(struct engine *e, const char *hash, const struct playbook **out,
		struct strbuf *why)
{
	struct diag_list dl = {0};
	struct playbook *pb = NULL;
	char *text = NULL, name[96];
	size_t len = 0;
	enum yj_status rc;

	for (size_t i = 0; i < e->n_cache; i++)
		if (strcmp(e->cache[i].hash, hash) == 0) {
			*out = e->cache[i].pb;
			return YJ_OK;
		}
	rc = store_get_playbook(e->store, hash, &text, &len);
	if (rc != YJ_OK) {
		sb_printf(why, "the playbook %.12s of this incident is not in the database", hash);
		return rc == YJ_ERR_NOINPUT ? YJ_ERR_DB_CORRUPT : rc;
	}
	snprintf(name, sizeof(name), "stored playbook %.12s", hash);
	rc = playbook_load_bytes(name, text, len, &pb, &dl);
	free(text);
	if (rc != YJ_OK) {
		sb_printf(why, "%s no longer loads (%s)", name,
			  dl.n ? dl.items[0].message : "invalid");
		diag_list_clear(&dl);
		return YJ_ERR_DB_CORRUPT;
	}
	diag_list_clear(&dl);
	e->cache = xgrow(e->cache, &e->cap_cache, e->n_cache + 1, sizeof(*e->cache));
	snprintf(e->cache[e->n_cache].hash, sizeof(e->cache[0].hash), "%s", hash);
	e->cache[e->n_cache++].pb = pb;
	*out = pb;
	return YJ_OK;
}

/* Load an incident's journal and its playbook (inside a transaction). */
static enum yj_status
load_incident(struct engine *e, int64_t id, int64_t upto, struct entry **entries, size_t *n,
	      const struct playbook **pb, struct strbuf *why)
{
	const char *hash;
	enum yj_status rc = store_load_entries(e->store, id, upto, entries, n);

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
	rc = cached_playbook(e, hash, pb, why);
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

static enum yj_status
new_in_tx(struct engine *e, const struct playbook *pb, const char *text, size_t len,
	  const char *title, bool drill, const struct kv *kv, size_t n_kv, int64_t *id,
	  struct strbuf *why)
{
	char hash[2 * ENTRY_HASH_LEN + 1];
	struct entry en = {0}, *entries = NULL;
	size_t n = 0;
	enum yj_status rc;

	hash_sha256_hex(text, len, hash);
	rc = request_open(pb, hash, title, drill, kv, n_kv, &en.payload, why);
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
		rc = finish(e, new_in_tx(e, pb, text, len, title, drill, kv, n_kv, id, why), why);
	free(text);
	playbook_free(&pb);
	return rc;
}

static enum yj_status
submit_in_tx(struct engine *e, int64_t id, const struct request *rq, int64_t *seq,
	     struct strbuf *why)
{
	const struct playbook *pb = NULL;
	struct entry *entries = NULL, en = {0};
	struct incident *st;
	size_t n = 0;
	enum yj_status rc = load_incident(e, id, 0, &entries, &n, &pb, why);

	if (rc != YJ_OK)
		return rc;
	en.ts_ms = engine_now(e);
	st = incident_fold(pb, entries, n, en.ts_ms);
	rc = request_build(st, rq, &en.kind, &en.payload, why);
	incident_free(&st);
	if (rc == YJ_OK) {
		en.incident = id;
		en.operator_name = xstrdup(e->operator_name);
		rc = append_and_project(e, pb, &entries, &n, &en, why);
		if (rc == YJ_OK && seq)
			*seq = entries[n - 1].seq;
	}
	entry_free_array(&entries, n);
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
	return finish(e, submit_in_tx(e, id, &r, seq, why), why);
}

enum yj_status
engine_view(struct engine *e, int64_t id, int64_t upto, struct incident_view **out,
	    struct strbuf *why)
{
	struct incident_view *v = xcalloc(1, sizeof(*v));
	enum yj_status rc = store_begin_read(e->store);
	const struct playbook *pb = NULL;
	int64_t now;

	*out = NULL;
	if (rc != YJ_OK) {
		free(v);
		return store_failed(e, rc, why);
	}
	rc = load_incident(e, id, upto, &v->entries, &v->n, &pb, why);
	store_rollback(e->store);
	if (rc != YJ_OK) {
		free(v);
		return rc;
	}
	v->pb = playbook_retain(pb);
	if (upto > 0 && v->entries[v->n - 1].seq != upto) {
		sb_printf(why, "incident %lld has no entry %lld (its journal ends at %lld)",
			  (long long)id, (long long)upto, (long long)v->entries[v->n - 1].seq);
		incident_view_free(&v);
		return YJ_ERR_NOINPUT;
	}
	now = upto > 0 ? v->entries[v->n - 1].ts_ms : engine_now(e);
	v->st = incident_fold(v->pb, v->entries, v->n, now);
	*out = v;
	return YJ_OK;
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

	if (rc == YJ_OK)
		rc = store_incident_ids(e->store, &ids, &n);
	for (size_t i = 0; rc == YJ_OK && i < n; i++) {
		const struct playbook *pb;
		struct entry *entries = NULL;
		struct incident_summary sum;
		struct incident *st;
		size_t ne = 0;

		rc = load_incident(e, ids[i], 0, &entries, &ne, &pb, why);
		if (rc != YJ_OK)
			break;
		st = incident_fold(pb, entries, ne, entries[ne - 1].ts_ms);
		incident_summarize(st, &sum);
		rc = store_put_summary(e->store, &sum);
		incident_summary_clear(&sum);
		incident_free(&st);
		entry_free_array(&entries, ne);
	}
	free(ids);
	if (rc != YJ_OK && !why->len)
		store_failed(e, rc, why);
	return finish(e, rc, why);
}
