/*
 * The scenario model: lookups, and its facts as the FIELD=VALUE pairs that a
 * request carries.  Building and checking are in scenario_build.c.
 */
#include "config.h"

#include "core/scenario_impl.h"
#include "util/arena.h"
#include "util/str.h"
#include "util/timefmt.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

void
scenario_free(struct scenario **psc)
{
	struct arena *a;

	if (!psc || !*psc)
		return;
	/* The struct lives in its own arena: take the arena out before freeing it. */
	a = (*psc)->arena;
	*psc = NULL;
	arena_free(&a);
}

const char *
scenario_id(const struct scenario *sc)
{
	return sc->id;
}

const char *
scenario_title(const struct scenario *sc)
{
	return sc->title;
}

const char *
scenario_briefing(const struct scenario *sc)
{
	return sc->briefing;
}

const struct sc_playbook_ref *
scenario_playbook(const struct scenario *sc)
{
	return &sc->playbook;
}

const struct scenario_source *
scenario_source(const struct scenario *sc)
{
	return &sc->src;
}

bool
scenario_has_start(const struct scenario *sc)
{
	return sc->has_start;
}

int64_t
scenario_start_ms(const struct scenario *sc, int64_t now_ms)
{
	return sc->has_start ? sc->start_ms : now_ms;
}

const struct sc_opening *
scenario_opening(const struct scenario *sc)
{
	return &sc->opening;
}

size_t
scenario_inject_count(const struct scenario *sc)
{
	return sc->n_injects;
}

const struct sc_inject *
scenario_inject(const struct scenario *sc, size_t i)
{
	return &sc->injects[i];
}

const struct sc_inject *
scenario_find_inject(const struct scenario *sc, const char *id)
{
	for (size_t i = 0; id && i < sc->n_injects; i++)
		if (str_eq(sc->injects[i].id, id))
			return &sc->injects[i];
	return NULL;
}

const struct sc_expect *
scenario_expect(const struct scenario *sc)
{
	return &sc->expect;
}

size_t
scenario_limit_count(const struct scenario *sc)
{
	return sc->n_limits;
}

const struct sc_limit *
scenario_limit(const struct scenario *sc, size_t i)
{
	return &sc->limits[i];
}

/* ---- facts for requests ---- */

void
sc_facts_kv(const struct sc_facts *facts, int64_t start_ms, struct sc_kv *out)
{
	char buf[40];

	out->n = facts->n;
	out->v = xcalloc(facts->n + 1, sizeof(*out->v));
	out->owned = xcalloc(facts->n + 1, sizeof(*out->owned));
	for (size_t i = 0; i < facts->n; i++) {
		const struct sc_fact *f = &facts->v[i];

		out->v[i].key = f->key;
		out->v[i].value = f->value;
		if (!f->relative)
			continue;
		/* "T-10m": ten minutes before the drill started, as an absolute time. */
		time_format_iso(start_ms + f->offset * 1000, buf, sizeof(buf));
		out->owned[i] = xstrdup(buf);
		out->v[i].value = out->owned[i];
	}
}

void
sc_kv_free(struct sc_kv *kv)
{
	for (size_t i = 0; kv->owned && i < kv->n; i++)
		free(kv->owned[i]);
	free(kv->owned);
	free(kv->v);
	memset(kv, 0, sizeof(*kv));
}

/* ---- the playbook section, read before the playbook is loaded ---- */

static const char *
plain_str(const struct doc_node *n)
{
	return n && n->kind == DOC_SCALAR && !doc_is_null(n) && n->len ? n->str : NULL;
}

bool
scenario_doc_playbook(const struct doc *doc, struct sc_playbook_ref *out)
{
	const struct doc_node *p = doc->root ? doc_get(doc->root, "playbook") : NULL;

	memset(out, 0, sizeof(*out));
	if (!p || p->kind != DOC_MAP)
		return false;
	out->plan = plain_str(doc_get(p, "plan"));
	out->file = plain_str(doc_get(p, "file"));
	out->pos = (struct pb_pos){p->line, p->col};
	out->plan_pos = out->plan ? (struct pb_pos){doc_get(p, "plan")->line,
						    doc_get(p, "plan")->col} : out->pos;
	out->file_pos = out->file ? (struct pb_pos){doc_get(p, "file")->line,
						    doc_get(p, "file")->col} : out->pos;
	return out->plan != NULL;
}
