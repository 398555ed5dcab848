/*
 * Build a drill scenario from a document tree: every key checked, every value
 * typed, every reference resolved against the playbook the scenario names,
 * and every problem reported with its position, all in one run.  The format
 * is documented in man/yingji-drill.5; keep the two in step.
 */
#include "config.h"

#include "core/scenario_impl.h"
#include "util/arena.h"
#include "util/str.h"
#include "util/strbuf.h"

#include <stdio.h>
#include <string.h>

/* At most this many injects, and as many limits (yingji-drill(5), SIZE LIMITS). */
enum { MAX_ITEMS = 1000 };

/* ---- references into the playbook ---- */

static const char *const *
phase_ids(struct dec *d, const struct playbook *pb)
{
	size_t n = playbook_phase_count(pb);
	const char **ids = arena_array(d->arena, n + 1, sizeof(*ids));

	for (size_t i = 0; i < n; i++)
		ids[i] = playbook_phase(pb, i)->m.id;
	return ids;
}

static const char *const *
item_ids(struct dec *d, const struct playbook *pb, const struct pb_phase *only)
{
	size_t n = 0, k = 0;
	const char **ids;

	for (size_t p = 0; p < playbook_phase_count(pb); p++)
		n += playbook_phase(pb, p)->n_items;
	ids = arena_array(d->arena, n + 1, sizeof(*ids));
	for (size_t p = 0; p < playbook_phase_count(pb); p++) {
		const struct pb_phase *ph = playbook_phase(pb, p);

		for (size_t i = 0; (!only || ph == only) && i < ph->n_items; i++)
			ids[k++] = ph->items[i].m.id;
	}
	return ids;
}

static const char *const *
list_ids(struct dec *d, const struct playbook *pb, char what)
{
	size_t n = what == 'g' ? playbook_group_count(pb)
		 : what == 'c' ? playbook_contact_count(pb)
		 : what == 'f' ? playbook_field_count(pb)
			       : playbook_level_count(pb);
	const char **ids = arena_array(d->arena, n + 1, sizeof(*ids));

	for (size_t i = 0; i < n; i++)
		ids[i] = what == 'g' ? playbook_group(pb, i)->m.id
		       : what == 'c' ? playbook_contact(pb, i)->m.id
		       : what == 'f' ? playbook_field(pb, i)->m.id
				     : playbook_level(pb, i)->m.id;
	return ids;
}

static bool
has_group(const struct playbook *pb, const char *id)
{
	for (size_t i = 0; i < playbook_group_count(pb); i++)
		if (str_eq(playbook_group(pb, i)->m.id, id))
			return true;
	return false;
}

/* ---- limits: what meets them ---- */

struct met_form {
	const char *prefix;
	enum sc_met_kind kind;
};

static const struct met_form met_forms[] = {
	{"tick:", SC_MET_TICK},	    {"leave:", SC_MET_LEAVE}, {"notify:", SC_MET_NOTIFY},
	{"field:", SC_MET_FIELD}, {"level:", SC_MET_LEVEL},
};
static const char met_expected[] =
	"tick:ITEM, tick:ITEM@PHASE, leave:PHASE, notify:CONTACT, field:ID or level:LEVEL";

/* The form a mistyped event ("ticked:x") was meant as, written out in full; or NULL. */
static const char *
met_hint(struct dec *d, const char *s)
{
	static const char *const heads[] = {"tick:", "leave:", "notify:", "field:", "level:", NULL};
	const char *colon = strchr(s, ':'), *hint;
	char head[32], buf[160];

	if (!colon || (size_t)(colon - s) + 2 > sizeof(head) || strlen(colon) > 100)
		return NULL;
	memcpy(head, s, (size_t)(colon - s) + 1);
	head[colon - s + 1] = '\0';
	hint = str_suggest(head, heads);
	if (!hint)
		return NULL;
	snprintf(buf, sizeof(buf), "%s%s", hint, colon + 1);
	return arena_strdup(d->arena, buf);
}

static void
unknown_met(struct dec *d, const struct doc_node *vn)
{
	const char *hint = met_hint(d, vn->str);

	if (str_eq(vn->str, "leave"))
		dec_error(d, vn, "a limit belongs to no phase: write leave:PHASE");
	else if (hint)
		dec_error(d, vn, "unknown 'met' event '%s' (did you mean '%s'?)",
			  dec_clip(d, vn->str), hint);
	else
		dec_error(d, vn, "unknown 'met' event '%s' (expected %s)", dec_clip(d, vn->str),
			  met_expected);
}

/* An id inside the event; NULL (reported) when it is not one. */
static const char *
met_id(struct dec *d, const struct doc_node *vn, const char *s, size_t len, const char *after)
{
	const char *id = arena_strndup(d->arena, s, len);

	if (!*id)
		dec_error(d, vn, "'%s' needs an id after '%s'", dec_clip(d, vn->str), after);
	else if (!dec_is_id(id))
		dec_error(d, vn, "'%s' is not a valid id after '%s'", dec_clip(d, id), after);
	return dec_is_id(id) ? id : NULL;
}

/* The phases that hold checklist item `id`: how many, and the first two. */
static size_t
item_phases(const struct playbook *pb, const char *id, const struct pb_phase **two)
{
	size_t n = 0;

	for (size_t p = 0; p < playbook_phase_count(pb); p++)
		if (pb_phase_find_item(playbook_phase(pb, p), id)) {
			if (n < 2)
				two[n] = playbook_phase(pb, p);
			n++;
		}
	return n;
}

static void
check_tick(struct dec *d, const struct playbook *pb, struct sc_met *m, struct pb_pos ipos,
	   struct pb_pos ppos)
{
	const struct pb_phase *two[2] = {NULL, NULL};
	const struct pb_phase *ph = m->phase ? playbook_find_phase(pb, m->phase) : NULL;
	size_t n = item_phases(pb, m->ref, two);

	if (m->phase && !ph) {
		sc_unknown(d, sc_at(d, ppos), "phase", m->phase, phase_ids(d, pb));
	} else if (ph && !pb_phase_find_item(ph, m->ref)) {
		if (n)
			dec_error(d, sc_at(d, ipos),
				  "phase '%s' has no checklist item '%s' (it is in phase '%s')",
				  m->phase, m->ref, two[0]->m.id);
		else
			sc_unknown(d, sc_at(d, ipos), "checklist item", m->ref,
				   item_ids(d, pb, ph));
	} else if (!ph && n == 0) {
		sc_unknown(d, sc_at(d, ipos), "checklist item", m->ref, item_ids(d, pb, NULL));
	} else if (!ph && n > 1) {
		dec_error(d, sc_at(d, ipos),
			  "checklist item '%s' is in phases '%s' and '%s': write tick:%s@PHASE",
			  m->ref, two[0]->m.id, two[1]->m.id, m->ref);
	} else if (!ph) {
		m->phase = two[0]->m.id;
	}
}

static void
check_met_ref(struct dec *d, const struct playbook *pb, struct sc_met *m, struct pb_pos pos)
{
	const struct pb_phase *ph;

	switch (m->kind) {
	case SC_MET_LEAVE:
		ph = playbook_find_phase(pb, m->ref);
		if (!ph)
			sc_unknown(d, sc_at(d, pos), "phase", m->ref, phase_ids(d, pb));
		else if (ph->kind == PB_PHASE_CLOSED)
			dec_error(d, sc_at(d, pos), "phase '%s' is closed and is never left; "
						    "name the phase before it", m->ref);
		break;
	case SC_MET_NOTIFY:
		if (!playbook_find_contact(pb, m->ref))
			sc_unknown(d, sc_at(d, pos), "contact", m->ref, list_ids(d, pb, 'c'));
		break;
	case SC_MET_FIELD:
		if (!playbook_find_field(pb, m->ref))
			sc_unknown(d, sc_at(d, pos), "field", m->ref, list_ids(d, pb, 'f'));
		break;
	case SC_MET_LEVEL:
		if (!playbook_find_level(pb, m->ref))
			sc_unknown(d, sc_at(d, pos), "level", m->ref, list_ids(d, pb, 'l'));
		break;
	case SC_MET_TICK:
		break;
	}
}

static void
build_met(struct dec *d, const struct playbook *pb, const struct doc_node *vn, struct sc_met *m)
{
	const struct met_form *f = NULL;
	struct pb_pos pos, ppos;
	const char *rest, *at;

	if (!vn || doc_is_null(vn))
		return;	/* reported by dec_map */
	if (vn->kind != DOC_SCALAR) {
		dec_error(d, vn, "'met' must be one of %s, not %s", met_expected,
			  doc_kind_name(vn));
		return;
	}
	for (size_t i = 0; i < sizeof(met_forms) / sizeof(met_forms[0]); i++)
		if (str_starts_with(vn->str, met_forms[i].prefix))
			f = &met_forms[i];
	if (!f) {
		unknown_met(d, vn);
		return;
	}
	m->kind = f->kind;
	m->text = arena_strdup(d->arena, vn->str);
	rest = vn->str + strlen(f->prefix);
	pos = (struct pb_pos){vn->line, vn->col + (int)strlen(f->prefix) + (vn->plain ? 0 : 1)};
	ppos = pos;
	at = f->kind == SC_MET_TICK ? strchr(rest, '@') : NULL;
	m->ref = met_id(d, vn, rest, at ? (size_t)(at - rest) : strlen(rest), f->prefix);
	if (at) {
		m->phase = met_id(d, vn, at + 1, strlen(at + 1), "@");
		ppos = (struct pb_pos){pos.line, pos.col + (int)(at - rest) + 1};
	}
	if (!pb || !m->ref || (at && !m->phase))
		return;
	if (f->kind == SC_MET_TICK)
		check_tick(d, pb, m, pos, ppos);
	else
		check_met_ref(d, pb, m, pos);
}

static void
build_limit(struct dec *d, const struct playbook *pb, const struct doc_node *n,
	    struct sc_limit *lim)
{
	static const char *const keys[] = {"!id", "!text", "!within", "!met", NULL};

	if (!dec_map(d, n, sc_named(d, n, "limit"), keys))
		return;
	lim->id = dec_id(d, n, "id");
	lim->text = dec_str(d, n, "text");
	lim->pos = dec_pos(n);
	dec_duration(d, n, "within", 0, &lim->within);
	build_met(d, pb, doc_get(n, "met"), &lim->met);
}

/* ---- expect ---- */

/* The ids of the list under `key`, each checked with `known` and for repeats. */
static struct pb_strings
expect_list(struct dec *d, const struct doc_node *n, const char *key, const struct playbook *pb,
	    char what)
{
	struct pb_refs refs = dec_refs(d, n, key);
	const char **v = arena_array(d->arena, refs.n, sizeof(*v));
	struct pb_strings out = {0, v};

	for (size_t i = 0; i < refs.n; i++) {
		const char *id = refs.v[i].id;
		bool known = !pb || (what == 'g' ? has_group(pb, id)
						 : playbook_find_contact(pb, id) != NULL);
		bool repeated = false;

		for (size_t k = 0; k < out.n; k++)
			repeated |= str_eq(v[k], id);
		if (repeated)
			dec_error(d, sc_at(d, refs.v[i].pos), "'%s' is listed twice in '%s'", id,
				  key);
		else if (!known)
			sc_unknown(d, sc_at(d, refs.v[i].pos), what == 'g' ? "group" : "contact",
				   id, list_ids(d, pb, what));
		/* Only known ids are kept: the list stays as short as the playbook's. */
		if (!repeated && known)
			v[out.n++] = id;
	}
	return out;
}

static void
build_expect(struct dec *d, const struct playbook *pb, const struct doc_node *n,
	     struct sc_expect *ex)
{
	static const char *const keys[] = {"level", "phase", "groups", "contacts", NULL};
	struct pb_ref level, phase;

	if (!n || doc_is_null(n))
		return;
	if (!dec_map(d, n, "'expect'", keys))
		return;
	if (n->n == 0)
		dec_error(d, n, "'expect' is empty: give at least one of level, phase, groups, "
				"contacts");
	level = dec_ref(d, n, "level");
	phase = dec_ref(d, n, "phase");
	if (pb && level.id && !playbook_find_level(pb, level.id))
		sc_unknown(d, doc_get(n, "level"), "level", level.id, list_ids(d, pb, 'l'));
	if (pb && phase.id && !playbook_find_phase(pb, phase.id))
		sc_unknown(d, doc_get(n, "phase"), "phase", phase.id, phase_ids(d, pb));
	ex->level = level.id;
	ex->phase = phase.id;
	ex->groups = expect_list(d, n, "groups", pb, 'g');
	ex->contacts = expect_list(d, n, "contacts", pb, 'c');
}

/* ---- opening and injects ---- */

static void
build_opening(struct dec *d, const struct playbook *pb, const struct doc_node *n,
	      const char **category, struct sc_opening *op)
{
	static const char *const keys[] = {"!title", "facts", "answers", NULL};

	if (!n || doc_is_null(n) || !dec_map(d, n, "'opening'", keys))
		return;
	op->title = dec_str(d, n, "title");
	op->facts = sc_decode_facts(d, n, "facts", "answers", pb, category, 0);
}

/* The first pass over an inject: all but its facts, which wait for the delivery order. */
static bool
build_inject(struct dec *d, const struct doc_node *n, struct sc_inject *inj)
{
	static const char *const keys[] = {"!id", "!at", "!message", "facts", "answers", NULL};

	if (!dec_map(d, n, sc_named(d, n, "inject"), keys))
		return false;
	inj->id = dec_id(d, n, "id");
	inj->message = dec_str(d, n, "message");
	inj->pos = dec_pos(n);
	sc_decode_offset(d, n, "at", &inj->at);
	return true;
}

/* Stable insertion sort of injects (and their nodes) by `at`. */
static void
sort_injects(struct sc_inject *v, const struct doc_node **nodes, size_t n)
{
	for (size_t i = 1; i < n; i++)
		for (size_t k = i; k > 0 && v[k - 1].at > v[k].at; k--) {
			struct sc_inject t = v[k];
			const struct doc_node *tn = nodes[k];

			v[k] = v[k - 1];
			v[k - 1] = t;
			nodes[k] = nodes[k - 1];
			nodes[k - 1] = tn;
		}
}

/* Report an id used twice among the first n mappings of a list. */
static void
check_unique(struct dec *d, const struct doc_node *list, size_t n, const char *what)
{
	for (size_t i = 1; i < n; i++) {
		const struct doc_node *a = doc_get(list->items[i], "id");

		for (size_t k = 0; a && a->kind == DOC_SCALAR && k < i; k++) {
			const struct doc_node *b = doc_get(list->items[k], "id");

			if (b && b->kind == DOC_SCALAR && strcmp(a->str, b->str) == 0) {
				dec_error(d, a, "%s id '%s' is used twice (first on line %d)", what,
					  dec_clip(d, a->str), b->line);
				break;
			}
		}
	}
}

/*
 * How many items of list `l` (under `key`) to read: a tabletop drill has tens
 * of injects, and a hostile file with a hundred thousand must not take minutes
 * (the checks compare items pairwise).
 */
static size_t
bounded(struct dec *d, const struct doc_node *l, const char *key)
{
	if (l->n <= MAX_ITEMS)
		return l->n;
	dec_error(d, l, "'%s' has %zu items; a scenario has at most %d", key, l->n, MAX_ITEMS);
	return MAX_ITEMS;
}

static void
build_injects(struct dec *d, const struct playbook *pb, const struct doc_node *root,
	      const char **category, struct scenario *sc)
{
	const struct doc_node *l = dec_list(d, root, "injects");
	const struct doc_node **nodes;
	size_t n = 0, max;

	if (!l)
		return;
	max = bounded(d, l, "injects");
	sc->injects = arena_array(d->arena, max, sizeof(*sc->injects));
	nodes = arena_array(d->arena, max, sizeof(*nodes));
	for (size_t i = 0; i < max; i++)
		if (build_inject(d, l->items[i], &sc->injects[n]))
			nodes[n++] = l->items[i];
	check_unique(d, l, max, "inject");
	sort_injects(sc->injects, nodes, n);
	/* Facts in delivery order: a sub-type is checked against the category known by then. */
	for (size_t i = 0; i < n; i++)
		sc->injects[i].facts =
			sc_decode_facts(d, nodes[i], "facts", "answers", pb, category, 0);
	sc->n_injects = n;
}

static void
build_limits(struct dec *d, const struct playbook *pb, const struct doc_node *root,
	     struct scenario *sc)
{
	const struct doc_node *l = dec_list(d, root, "limits");

	if (!l)
		return;
	sc->n_limits = bounded(d, l, "limits");
	sc->limits = arena_array(d->arena, sc->n_limits, sizeof(*sc->limits));
	for (size_t i = 0; i < sc->n_limits; i++)
		build_limit(d, pb, l->items[i], &sc->limits[i]);
	check_unique(d, l, sc->n_limits, "limit");
}

/* ---- top level ---- */

static bool
is_scenario(struct dec *d, const struct doc_node *root, const char *const *keys)
{
	bool any = false;

	if (root->kind != DOC_MAP)
		return true;	/* dec_map says what it is */
	if (doc_get(root, "yingji_playbook")) {
		dec_error(d, root, "this is a playbook ('yingji_playbook'), not a drill scenario; "
				   "check it with 'yingji playbook check'");
		return false;
	}
	for (size_t i = 0; i < root->n; i++)
		for (size_t k = 0; keys[k]; k++)
			any |= strcmp(root->pairs[i].key->str, keys[k] + (keys[k][0] == '!')) == 0;
	if (!any)
		dec_error(d, root, "this is not a yingji drill scenario: it has none of a "
				   "scenario's keys (a scenario starts with 'yingji_drill: 1')");
	return any;
}

static void
build_all(struct dec *d, const struct doc_node *root, const struct playbook *pb,
	  struct scenario *sc)
{
	static const char *const keys[] = {"!yingji_drill", "!id", "!title", "!playbook",
					   "!briefing", "start", "!opening", "injects", "expect",
					   "limits", NULL};
	const char *category = NULL;

	if (!is_scenario(d, root, keys) || !dec_map(d, root, "the scenario", keys))
		return;
	dec_version(d, root, "yingji_drill", "drill scenario");
	sc_decode_playbook(d, root, pb, &sc->playbook);
	/* A scenario on another plan: its references would all be wrong; say it once. */
	if (pb && sc->playbook.plan && !str_eq(sc->playbook.plan, playbook_plan(pb)->id))
		pb = NULL;
	sc->id = dec_id(d, root, "id");
	sc->title = dec_str(d, root, "title");
	sc->briefing = dec_str(d, root, "briefing");
	sc->has_start = sc_decode_time(d, root, "start", &sc->start_ms);
	build_opening(d, pb, doc_get(root, "opening"), &category, &sc->opening);
	build_injects(d, pb, root, &category, sc);
	build_expect(d, pb, doc_get(root, "expect"), &sc->expect);
	build_limits(d, pb, root, sc);
}

static void
copy_source(struct arena *a, const struct scenario_source *src, struct scenario_source *out)
{
	out->file = arena_strdup(a, src->file ? src->file : "");
	out->text = arena_strndup(a, src->text ? src->text : "", src->text ? src->len : 0);
	out->len = src->text ? src->len : 0;
	out->sha256 = arena_strdup(a, src->sha256 ? src->sha256 : "");
}

enum yj_status
scenario_from_doc(const struct doc *doc, const struct playbook *pb,
		  const struct scenario_source *src, struct scenario **out, struct diag_list *diags)
{
	struct arena *arena = arena_new();
	struct scenario *sc = arena_alloc(arena, sizeof(*sc));
	struct dec d = {diags, doc->file, arena};
	size_t errors_before = diags->errors;

	*out = NULL;
	sc->arena = arena;
	if (!doc->root) {
		diag_add(diags, DIAG_ERROR, doc->file, 1, 1,
			 "no scenario in the file (it is empty or holds only comments); a "
			 "scenario starts with 'yingji_drill: 1'");
		arena_free(&arena);
		return YJ_ERR_DATA;
	}
	build_all(&d, doc->root, pb, sc);
	/* Without its playbook a scenario cannot be run; the loader has said why. */
	if (diags->errors > errors_before || !pb) {
		arena_free(&arena);
		return YJ_ERR_DATA;
	}
	copy_source(arena, src, &sc->src);
	*out = sc;
	return YJ_OK;
}
