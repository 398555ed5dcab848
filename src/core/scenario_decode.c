/*
 * Decoders shared by drill scenarios and the demo script (yingji-drill(5)):
 * the `playbook:` section, the format version, times and offsets, and facts
 * checked against the playbook with core/field.h, exactly as the engine will
 * check them when they are recorded.
 */
#include "config.h"

#include "core/field.h"
#include "core/scenario_impl.h"
#include "util/arena.h"
#include "util/duration.h"
#include "util/str.h"
#include "util/strbuf.h"
#include "util/timefmt.h"

#include <stdio.h>
#include <string.h>

/* decode.c stops reporting past this many errors (its MAX_ERRORS). */
enum { ENOUGH_ERRORS = 100 };

const char *
sc_named(struct dec *d, const struct doc_node *n, const char *kind)
{
	const struct doc_node *id = doc_get(n, "id");
	char buf[128];

	if (!id || id->kind != DOC_SCALAR || !dec_is_id(id->str))
		return kind;
	snprintf(buf, sizeof(buf), "%s '%s'", kind, id->str);
	return arena_strdup(d->arena, buf);
}

const struct doc_node *
sc_key_node(const struct doc_node *map, const char *key)
{
	for (size_t i = 0; map && map->kind == DOC_MAP && i < map->n; i++)
		if (strcmp(map->pairs[i].key->str, key) == 0)
			return map->pairs[i].key;
	return NULL;
}

const struct doc_node *
sc_at(struct dec *d, struct pb_pos pos)
{
	struct doc_node *n = arena_alloc(d->arena, sizeof(*n));

	n->kind = DOC_SCALAR;
	n->line = pos.line;
	n->col = pos.col;
	n->str = "";
	return n;
}

void
sc_unknown(struct dec *d, const struct doc_node *n, const char *what, const char *id,
	   const char *const *names)
{
	/* Past the errors decode.c reports, the search for a hint is wasted. */
	const char *hint = d->diags->errors < ENOUGH_ERRORS ? str_suggest(id, names) : NULL;

	if (hint)
		dec_error(d, n, "unknown %s '%s' (did you mean '%s'?)", what, dec_clip(d, id),
			  hint);
	else
		dec_error(d, n, "unknown %s '%s'", what, dec_clip(d, id));
}

/* ---- the playbook section ---- */

void
sc_decode_playbook(struct dec *d, const struct doc_node *root, const struct playbook *pb,
		   struct sc_playbook_ref *out)
{
	static const char *const keys[] = {"!plan", "file", NULL};
	const struct doc_node *p = doc_get(root, "playbook");

	memset(out, 0, sizeof(*out));
	if (!p || doc_is_null(p))
		return;	/* reported by the top level's dec_map */
	out->pos = dec_pos(p);
	if (p->kind == DOC_SCALAR) {
		dec_error(d, p, "'playbook' must be a mapping: write 'playbook: {plan: %s}' "
				"(and optionally 'file: FILE.yaml')", dec_clip(d, p->str));
		return;
	}
	if (!dec_map(d, p, "'playbook'", keys))
		return;
	out->plan = dec_id(d, p, "plan");
	out->file = dec_str(d, p, "file");
	out->plan_pos = dec_pos_of(p, "plan");
	out->file_pos = dec_pos_of(p, "file");
	if (pb && out->plan && !str_eq(out->plan, playbook_plan(pb)->id))
		dec_error(d, doc_get(p, "plan"), "the playbook %s is plan '%s', not '%s'",
			  playbook_file(pb), playbook_plan(pb)->id, out->plan);
}

/* ---- times ---- */

bool
sc_decode_time(struct dec *d, const struct doc_node *map, const char *key, int64_t *ms)
{
	const struct doc_node *v = doc_get(map, key);

	if (!v || doc_is_null(v))
		return false;
	if (v->kind == DOC_SCALAR && time_parse(v->str, ms))
		return true;
	if (v->kind != DOC_SCALAR)
		dec_error(d, v, "'%s' must be a date and time, not %s", key, doc_kind_name(v));
	else
		dec_error(d, v, "'%s' must be a date and time such as '2026-11-22 09:00' (local "
				"time) or '2026-11-22 09:00+08:00', not '%s'",
			  key, dec_clip(d, v->str));
	return false;
}

static bool
all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* Why `s` is not an offset: the message for sc_decode_offset and relative times. */
static void
bad_offset(struct dec *d, const struct doc_node *v, const char *what, const char *s)
{
	int64_t secs;

	if (s[0] == '-' && duration_parse(s + 1, 0, &secs))
		dec_error(d, v, "%s counts from the drill's start and cannot be negative ('%s')",
			  what, s);
	else if (all_digits(s))
		dec_error(d, v, "%s needs a unit: '%s' is a bare number (write e.g. 0m, 5m, 1h10m)",
			  what, dec_clip(d, s));
	else if (duration_parse(s, DURATION_ALLOW_LONG, &secs))
		dec_error(d, v, "%s cannot count in months or years ('%s'); write e.g. 30d", what,
			  s);
	else
		dec_error(d, v, "%s is not a valid duration ('%s'; write e.g. 0m, 5m, 1h10m)", what,
			  dec_clip(d, s));
}

bool
sc_decode_offset(struct dec *d, const struct doc_node *map, const char *key, int64_t *secs)
{
	const struct doc_node *v = doc_get(map, key);
	char what[64];

	if (!v || doc_is_null(v))
		return false;
	snprintf(what, sizeof(what), "'%s'", key);
	if (v->kind != DOC_SCALAR) {
		dec_error(d, v, "%s must be a duration such as 5m or 1h10m, not %s", what,
			  doc_kind_name(v));
		return false;
	}
	if (duration_parse(v->str, 0, secs))
		return true;
	bad_offset(d, v, what, v->str);
	return false;
}

/* ---- facts ---- */

/* The ids of the fields, or of the criteria that ask a question (NULL-terminated). */
static const char *const *
field_ids(struct dec *d, const struct playbook *pb)
{
	size_t n = playbook_field_count(pb), k = 0;
	const char **ids = arena_array(d->arena, n + 1, sizeof(*ids));

	for (size_t i = 0; i < n; i++)
		ids[k++] = playbook_field(pb, i)->m.id;
	return ids;
}

static const char *const *
ask_ids(struct dec *d, const struct playbook *pb)
{
	size_t n = 0, k = 0;
	const char **ids;

	for (size_t i = 0; i < playbook_level_count(pb); i++)
		n += playbook_level(pb, i)->n_criteria;
	ids = arena_array(d->arena, n + 1, sizeof(*ids));
	for (size_t i = 0; i < playbook_level_count(pb); i++)
		for (size_t c = 0; c < playbook_level(pb, i)->n_criteria; c++)
			if (playbook_level(pb, i)->criteria[c].ask)
				ids[k++] = playbook_level(pb, i)->criteria[c].m.id;
	return ids;
}

/* A scalar with a value; reports why not. */
static bool
fact_value_ok(struct dec *d, const struct doc_node *k, const struct doc_node *v)
{
	if (v->kind != DOC_SCALAR) {
		dec_error(d, v, "'%s' must be a single value, not %s", dec_clip(d, k->str),
			  doc_kind_name(v));
		return false;
	}
	if (doc_is_null(v) || v->len == 0) {
		dec_error(d, v, "'%s' has no value (a scenario makes facts known; it does not "
				"clear them)", dec_clip(d, k->str));
		return false;
	}
	return true;
}

/* "T", "T+5m", "T-10m": a time relative to the drill's start; false when not that form. */
static bool
relative_time(struct dec *d, const struct doc_node *v, struct sc_fact *out)
{
	const char *s = v->str;
	int64_t secs = 0;

	if (s[0] != 'T' || (s[1] && s[1] != '+' && s[1] != '-'))
		return false;
	out->relative = true;
	if (!s[1])
		return true;
	if (!duration_parse(s + 2, 0, &secs) || s[2] == '-') {
		dec_error(d, v, "'%s' is not a time relative to the drill's start (write T, T+5m "
				"or T-10m)", dec_clip(d, s));
		return true;
	}
	out->offset = s[1] == '-' ? -secs : secs;
	return true;
}

/* A key that is not a field: an answer given among the facts, or a mistake. */
static bool
not_a_field(struct dec *d, const struct playbook *pb, const struct doc_node *k,
	    const char *answers_key, unsigned flags)
{
	const struct pb_criterion *c = playbook_find_criterion(pb, k->str, NULL);

	if (c && c->ask && (flags & SC_FACTS_MIXED))
		return true;
	if (c && c->ask)
		dec_error(d, k, "'%s' is a criterion, not a field: give its answer under '%s'",
			  k->str, answers_key ? answers_key : "answers");
	else if (c)
		dec_error(d, k, "criterion '%s' is numeric: give the facts it compares instead",
			  k->str);
	else
		sc_unknown(d, k, "field", k->str, field_ids(d, pb));
	return false;
}

static void
check_answer(struct dec *d, const struct playbook *pb, const struct doc_node *k,
	     const struct doc_node *v)
{
	const struct pb_criterion *c = pb ? playbook_find_criterion(pb, k->str, NULL) : NULL;
	int a;

	if (pb && !c)
		sc_unknown(d, k, "criterion", k->str, ask_ids(d, pb));
	else if (c && !c->ask)
		dec_error(d, k, "criterion '%s' is numeric: give the facts it compares under "
				"'facts' instead", k->str);
	if (!field_parse_answer(v->str, &a) || a < 0)
		dec_error(d, v, "the answer to '%s' must be yes or no, not '%s'",
			  dec_clip(d, k->str), dec_clip(d, v->str));
}

static void
check_fact(struct dec *d, const struct playbook *pb, const struct pb_field *f,
	   const struct doc_node *v, const char **category, struct sc_fact *out)
{
	struct strbuf norm = STRBUF_INIT, err = STRBUF_INIT;
	double num;

	if (f->type == PB_FIELD_DATETIME && relative_time(d, v, out))
		return;
	if (!field_parse(pb, f, v->str, *category, &norm, &num, &err))
		dec_error(d, v, "%s", sb_str(&err));
	else if (f->type == PB_FIELD_CATEGORY)
		*category = arena_strdup(d->arena, sb_str(&norm));
	sb_free(&norm);
	sb_free(&err);
}

static void
decode_fact(struct dec *d, const struct playbook *pb, const struct doc_pair *p,
	    const char *answers_key, const char **category, unsigned flags, struct sc_fact *out)
{
	const struct pb_field *f = pb ? playbook_find_field(pb, p->key->str) : NULL;

	out->key = arena_strdup(d->arena, p->key->str);
	out->pos = dec_pos(p->value);
	if (!fact_value_ok(d, p->key, p->value))
		return;
	out->value = arena_strdup(d->arena, p->value->str);
	if (!pb)
		return;
	if (!f) {
		if (not_a_field(d, pb, p->key, answers_key, flags))
			check_answer(d, pb, p->key, p->value);
		return;
	}
	check_fact(d, pb, f, p->value, category, out);
}

static const struct doc_node *
facts_map(struct dec *d, const struct doc_node *map, const char *key, const char *form)
{
	const struct doc_node *m = key ? doc_get(map, key) : NULL;

	if (!m || doc_is_null(m))
		return NULL;
	if (m->kind != DOC_MAP) {
		dec_error(d, m, "'%s' must be a mapping of %s, not %s", key, form,
			  doc_kind_name(m));
		return NULL;
	}
	return m;
}

/* Whether a fact names the category field: recorded first, as the engine does. */
static bool
is_category(const struct playbook *pb, const char *key)
{
	const struct pb_field *f = pb ? playbook_find_field(pb, key) : NULL;

	return f && f->type == PB_FIELD_CATEGORY;
}

struct sc_facts
sc_decode_facts(struct dec *d, const struct doc_node *map, const char *facts_key,
		const char *answers_key, const struct playbook *pb, const char **category,
		unsigned flags)
{
	const struct doc_node *fm = facts_map(d, map, facts_key, "FIELD: VALUE");
	const struct doc_node *am = facts_map(d, map, answers_key, "CRITERION: yes or no");
	size_t nf = fm ? fm->n : 0, na = am ? am->n : 0, n = 0;
	struct sc_fact *v = arena_array(d->arena, nf + na, sizeof(*v));
	struct sc_facts out;

	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < nf; i++) {
			const struct doc_pair *p = &fm->pairs[i];

			if (is_category(pb, p->key->str) == (pass == 0))
				decode_fact(d, pb, p, answers_key, category, flags, &v[i]);
		}
	for (size_t i = 0; i < nf; i++)
		if (v[i].value)
			v[n++] = v[i];
	for (size_t i = 0; i < na; i++) {
		const struct doc_pair *p = &am->pairs[i];

		if (!fact_value_ok(d, p->key, p->value))
			continue;
		check_answer(d, pb, p->key, p->value);
		v[n].key = arena_strdup(d->arena, p->key->str);
		v[n].value = arena_strdup(d->arena, p->value->str);
		v[n++].pos = dec_pos(p->value);
	}
	out.n = n;
	out.v = v;
	return out;
}
