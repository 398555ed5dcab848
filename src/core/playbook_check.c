/*
 * Whole-playbook checks: unique ids in each namespace, every reference resolved
 * (with a "did you mean" hint), and the phase graph sound: one start phase,
 * every phase reachable from it, a closed phase reachable from every phase.
 * Runs over a possibly incomplete model (after build errors), so every id may
 * be NULL and is skipped then.
 */
#include "config.h"

#include "core/playbook_impl.h"
#include "util/str.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const field_type_names[] = {
#define PB_NAME(name, str) str,
	PB_FIELD_TYPE_TABLE(PB_NAME)
#undef PB_NAME
};

/*
 * playbook_build.c gives a field whose type it could not read a value past the
 * table of types; that has been reported, and checks that depend on the type
 * pass over the field.
 */
static bool
type_known(enum pb_field_type t)
{
	return (size_t)t < sizeof(field_type_names) / sizeof(field_type_names[0]);
}

/* Past this many errors decode.c reports no more; skip the costly hints too. */
enum { ENOUGH_ERRORS = 100 };

/*
 * A set of ids that references may name, with where each was defined.  Hashed:
 * a 1 MiB file can define tens of thousands of ids, and refer to them as often.
 */
struct ns {
	const char **ids;	/* NULL-terminated */
	struct pb_pos *pos;
	size_t n, cap, pos_cap;
	size_t *slots, n_slots;	/* index into ids + 1; 0 is empty */
};

static size_t
hash_str(const char *s)
{
	size_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static void
ns_hash(struct ns *ns, size_t i)
{
	size_t mask = ns->n_slots - 1, h = hash_str(ns->ids[i]) & mask;

	while (ns->slots[h])
		h = (h + 1) & mask;
	ns->slots[h] = i + 1;
}

static void
ns_add_at(struct ns *ns, const char *id, struct pb_pos pos)
{
	if (!id)
		return;
	ns->ids = xgrow(ns->ids, &ns->cap, ns->n + 2, sizeof(*ns->ids));
	ns->pos = xgrow(ns->pos, &ns->pos_cap, ns->n + 1, sizeof(*ns->pos));
	ns->pos[ns->n] = pos;
	ns->ids[ns->n++] = id;
	ns->ids[ns->n] = NULL;
	if (ns->n * 2 > ns->n_slots) {
		free(ns->slots);
		ns->n_slots = ns->n_slots ? ns->n_slots * 2 : 16;
		ns->slots = xcalloc(ns->n_slots, sizeof(*ns->slots));
		for (size_t i = 0; i < ns->n; i++)
			ns_hash(ns, i);
	} else {
		ns_hash(ns, ns->n - 1);
	}
}

static void
ns_add(struct ns *ns, const char *id)
{
	ns_add_at(ns, id, (struct pb_pos){0, 0});
}

/* Index of id in ns, or -1. */
static int
ns_find(const struct ns *ns, const char *id)
{
	if (!ns->n_slots)
		return -1;
	for (size_t h = hash_str(id) & (ns->n_slots - 1); ns->slots[h];
	     h = (h + 1) & (ns->n_slots - 1))
		if (strcmp(ns->ids[ns->slots[h] - 1], id) == 0)
			return (int)(ns->slots[h] - 1);
	return -1;
}

static bool
ns_has(const struct ns *ns, const char *id)
{
	return ns_find(ns, id) >= 0;
}

static void
ns_free(struct ns *ns)
{
	free(ns->ids);
	free(ns->pos);
	free(ns->slots);
	memset(ns, 0, sizeof(*ns));
}

static void
error_at(struct dec *d, struct pb_pos pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Through dec_error(), which stops after too many errors. */
static void
error_at(struct dec *d, struct pb_pos pos, const char *fmt, ...)
{
	struct doc_node at = {.kind = DOC_SCALAR, .line = pos.line, .col = pos.col};
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	sb_vprintf(&sb, fmt, ap);
	va_end(ap);
	dec_error(d, &at, "%s", sb_str(&sb));
	sb_free(&sb);
}

/*
 * Report a reference that does not resolve in `ns`; `what` names the kind and
 * `where` (or NULL) narrows it: "checklist item" in "phase 'report'".
 */
static void
check_ref_in(struct dec *d, const struct ns *ns, const struct pb_ref *ref, const char *what,
	     const char *where)
{
	const char *hint;

	if (!ref->id || ns_has(ns, ref->id))
		return;
	hint = ns->ids && d->diags->errors < ENOUGH_ERRORS ? str_suggest(ref->id, ns->ids) : NULL;
	if (hint)
		error_at(d, ref->pos, "unknown %s '%s'%s%s (did you mean '%s'?)", what, ref->id,
			 where ? " in " : "", where ? where : "", hint);
	else if (ns->n == 0)
		error_at(d, ref->pos, "unknown %s '%s'%s%s (there are no %ss%s%s)", what, ref->id,
			 where ? " in " : "", where ? where : "", what, where ? " in " : "",
			 where ? where : " in this playbook");
	else
		error_at(d, ref->pos, "unknown %s '%s'%s%s", what, ref->id, where ? " in " : "",
			 where ? where : "");
}

static void
check_ref(struct dec *d, const struct ns *ns, const struct pb_ref *ref, const char *what)
{
	check_ref_in(d, ns, ref, what, NULL);
}

static void
check_refs(struct dec *d, const struct ns *ns, const struct pb_refs *refs, const char *what)
{
	for (size_t i = 0; i < refs->n; i++)
		check_ref(d, ns, &refs->v[i], what);
}

/* ---- duplicate ids ---- */

/* Add an id to a namespace, reporting it when already there; whether added. */
static bool
define(struct dec *d, struct ns *ns, const struct pb_meta *m, const char *what)
{
	int first;

	if (!m->id)
		return false;
	first = ns_find(ns, m->id);
	if (first >= 0) {
		error_at(d, m->pos, "duplicate %s id '%s' (first defined at line %d)", what, m->id,
			 ns->pos[first].line);
		return false;
	}
	ns_add_at(ns, m->id, m->pos);
	return true;
}

static void
define_items(struct dec *d, const struct pb_item *items, size_t n, const char *what)
{
	struct ns ns = {0};

	for (size_t i = 0; i < n; i++) {
		struct pb_meta m = {items[i].id, NULL, NULL, items[i].pos};

		define(d, &ns, &m, what);
	}
	ns_free(&ns);
}

struct namespaces {
	struct ns parties, units, groups, contacts, fields, levels, phases;
	const struct pb_field **field_of;	/* the field of each id in `fields` */
};

static void
define_org(struct dec *d, const struct playbook *pb, struct namespaces *ns)
{
	for (size_t i = 0; i < pb->n_roles; i++)
		define(d, &ns->parties, &pb->roles[i].m, "role/unit/group");
	for (size_t i = 0; i < pb->n_units; i++) {
		define(d, &ns->parties, &pb->units[i].m, "role/unit/group");
		ns_add(&ns->units, pb->units[i].m.id);
	}
	for (size_t i = 0; i < pb->n_groups; i++) {
		define(d, &ns->parties, &pb->groups[i].m, "role/unit/group");
		ns_add(&ns->groups, pb->groups[i].m.id);
	}
}

static void
define_categories(struct dec *d, const struct playbook *pb)
{
	struct ns cats = {0};

	for (size_t i = 0; i < pb->n_categories; i++) {
		const struct pb_category *c = &pb->categories[i];
		struct ns subs = {0};

		define(d, &cats, &c->m, "category");
		for (size_t k = 0; k < c->n_subtypes; k++)
			define(d, &subs, &c->subtypes[k].m, "sub-type");
		ns_free(&subs);
	}
	ns_free(&cats);
}

static void
define_levels(struct dec *d, const struct playbook *pb, struct namespaces *ns)
{
	struct ns criteria = {0}, wlevels = {0};

	for (size_t i = 0; i < pb->n_levels; i++) {
		const struct pb_level *lv = &pb->levels[i];

		define(d, &ns->levels, &lv->m, "level");
		for (size_t k = 0; k < lv->n_criteria; k++)
			define(d, &criteria, &lv->criteria[k].m, "criterion");
	}
	for (size_t i = 0; i < pb->warnings.n_levels; i++)
		define(d, &wlevels, &pb->warnings.levels[i].m, "warning level");
	ns_free(&criteria);
	ns_free(&wlevels);
}

static void
define_phase_parts(struct dec *d, const struct pb_phase *ph)
{
	struct ns items = {0}, decs = {0}, dls = {0};

	for (size_t k = 0; k < ph->n_items; k++)
		define(d, &items, &ph->items[k].m, "checklist item");
	for (size_t k = 0; k < ph->n_decisions; k++)
		define(d, &decs, &ph->decisions[k].m, "decision");
	/* Deadlines and duties share one namespace: both are clocks of the phase. */
	for (size_t k = 0; k < ph->n_deadlines; k++)
		define(d, &dls, &ph->deadlines[k].m, "deadline/duty");
	for (size_t k = 0; k < ph->n_duties; k++)
		define(d, &dls, &ph->duties[k].m, "deadline/duty");
	ns_free(&items);
	ns_free(&decs);
	ns_free(&dls);
}

static void
define_all(struct dec *d, const struct playbook *pb, struct namespaces *ns)
{
	struct ns misc = {0};

	define_org(d, pb, ns);
	for (size_t i = 0; i < pb->n_contacts; i++)
		define(d, &ns->contacts, &pb->contacts[i].m, "contact");
	define_categories(d, pb);
	ns->field_of = xcalloc(pb->n_fields + 1, sizeof(*ns->field_of));
	for (size_t i = 0; i < pb->n_fields; i++) {
		if (define(d, &ns->fields, &pb->fields[i].m, "field"))
			ns->field_of[ns->fields.n - 1] = &pb->fields[i];
		define_items(d, pb->fields[i].choices, pb->fields[i].n_choices, "choice");
	}
	define_levels(d, pb, ns);
	define_items(d, pb->warnings.content, pb->warnings.n_content, "content item");
	for (size_t i = 0; i < pb->n_phases; i++) {
		define(d, &ns->phases, &pb->phases[i].m, "phase");
		define_phase_parts(d, &pb->phases[i]);
	}
	for (size_t i = 0; i < pb->n_escalations; i++)
		define(d, &misc, &pb->escalations[i].m, "escalation route");
	ns_free(&misc);
	for (size_t i = 0; i < pb->n_bulletins; i++) {
		define(d, &misc, &pb->bulletins[i].m, "reporting duty");
		define_items(d, pb->bulletins[i].content, pb->bulletins[i].n_content,
			     "content item");
	}
	ns_free(&misc);
	for (size_t i = 0; i < pb->n_retention; i++)
		define(d, &misc, &pb->retention[i].m, "retention rule");
	ns_free(&misc);
}

/* ---- references ---- */

static void
check_org_refs(struct dec *d, const struct playbook *pb, const struct namespaces *ns)
{
	const struct pb_role *command = NULL;

	for (size_t i = 0; i < pb->n_roles; i++) {
		check_ref(d, &ns->units, &pb->roles[i].unit, "unit");
		if (!pb->roles[i].command)
			continue;
		if (command)
			error_at(d, pb->roles[i].m.pos, "only one role may be 'command: true' ('%s' "
							"already is)", command->m.id ? command->m.id : "?");
		else
			command = &pb->roles[i];
	}
	for (size_t i = 0; i < pb->n_units; i++) {
		check_ref(d, &ns->units, &pb->units[i].parent, "unit");
		check_ref(d, &ns->units, &pb->units[i].located_in, "unit");
	}
	for (size_t i = 0; i < pb->n_groups; i++) {
		check_refs(d, &ns->parties, &pb->groups[i].lead, "role/unit/group");
		check_refs(d, &ns->parties, &pb->groups[i].members, "role/unit/group");
	}
	for (size_t i = 0; i < pb->n_contacts; i++)
		check_ref(d, &ns->parties, &pb->contacts[i].party, "role/unit/group");
}

static void
check_fields(struct dec *d, const struct playbook *pb)
{
	const struct pb_field *cat = NULL;

	for (size_t i = 0; i < pb->n_fields; i++) {
		const struct pb_field *f = &pb->fields[i];

		if (f->type != PB_FIELD_CATEGORY)
			continue;
		if (cat)
			error_at(d, f->m.pos, "only one field may be of type category ('%s' is "
					      "already)", cat->m.id ? cat->m.id : "?");
		cat = f;
	}
	for (size_t i = 0; i < pb->n_fields; i++)
		if (pb->fields[i].type == PB_FIELD_SUBTYPE && !cat)
			error_at(d, pb->fields[i].m.pos,
				 "a subtype field needs a field of type category to choose from");
}

static void
check_level_refs(struct dec *d, const struct playbook *pb, const struct namespaces *ns)
{
	const struct pb_level *last = pb->n_levels ? &pb->levels[pb->n_levels - 1] : NULL;

	for (size_t i = 0; i < pb->n_levels; i++) {
		const struct pb_level *lv = &pb->levels[i];

		check_refs(d, &ns->contacts, &lv->notify, "contact");
		check_refs(d, &ns->groups, &lv->groups, "group");
		/* One error per misplaced level, however many there are. */
		if (!lv->otherwise || lv == last)
			continue;
		if (last->otherwise)
			error_at(d, lv->m.pos, "only one level may be 'otherwise: true', and it "
					       "belongs on the least severe (last) level, '%s'",
				 last->m.id ? last->m.id : "?");
		else
			error_at(d, lv->m.pos, "'otherwise: true' belongs on the least severe (last) "
					       "level; levels are listed most severe first");
	}
	for (size_t i = 0; i < pb->warnings.n_levels; i++)
		check_ref(d, &ns->levels, &pb->warnings.levels[i].level, "level");
	check_ref(d, &ns->parties, &pb->warnings.issued_by, "role/unit/group");
	check_ref(d, &ns->parties, &pb->warnings.proposed_by, "role/unit/group");
	check_ref(d, &ns->parties, &pb->warnings.lift_by, "role/unit/group");
}

static void
check_anchor(struct dec *d, const struct namespaces *ns, const struct pb_anchor *a)
{
	const struct pb_field *f;
	int i;

	if (a->kind == PB_ANCHOR_PHASE_END)
		check_ref(d, &ns->phases, &a->ref, "phase");
	if (a->kind != PB_ANCHOR_FIELD || !a->ref.id)
		return;
	check_ref(d, &ns->fields, &a->ref, "field");
	i = ns_find(&ns->fields, a->ref.id);
	f = i >= 0 ? ns->field_of[i] : NULL;
	if (f && type_known(f->type) && f->type != PB_FIELD_DATETIME && f->type != PB_FIELD_DATE)
		error_at(d, a->ref.pos, "a deadline can start only from a datetime or date field; "
					"'%s' is %s", a->ref.id, pb_field_type_name(f->type));
}

static void
check_met(struct dec *d, const struct pb_phase *ph, const struct namespaces *ns,
	  const struct ns *items, const struct pb_met *m)
{
	char where[80];

	switch (m->kind) {
	case PB_MET_TICK:
		snprintf(where, sizeof(where), "phase '%s'", ph->m.id ? ph->m.id : "?");
		check_ref_in(d, items, &m->ref, "checklist item", where);
		break;
	case PB_MET_LEAVE:
		check_ref(d, &ns->phases, &m->ref, "phase");
		break;
	case PB_MET_NOTIFY:
		check_ref(d, &ns->contacts, &m->ref, "contact");
		break;
	case PB_MET_FIELD:
		check_ref(d, &ns->fields, &m->ref, "field");
		break;
	}
}

static void
check_phase_refs(struct dec *d, const struct playbook *pb, const struct pb_phase *ph,
		 const struct namespaces *ns)
{
	struct ns items = {0};

	check_refs(d, &ns->fields, &ph->fields, "field");
	for (size_t k = 0; k < ph->n_items; k++) {
		check_ref(d, &ns->parties, &ph->items[k].by, "role/unit/group");
		ns_add(&items, ph->items[k].m.id);
	}
	for (size_t k = 0; k < ph->n_decisions; k++) {
		check_ref(d, &ns->phases, &ph->decisions[k].to, "phase");
		check_refs(d, &ns->parties, &ph->decisions[k].by, "role/unit/group");
		check_refs(d, &ns->levels, &ph->decisions[k].levels, "level");
	}
	for (size_t k = 0; k < ph->n_deadlines; k++) {
		check_anchor(d, ns, &ph->deadlines[k].from);
		check_met(d, ph, ns, &items, &ph->deadlines[k].met);
	}
	for (size_t k = 0; k < ph->n_duties; k++)
		check_met(d, ph, ns, &items, &ph->duties[k].met);
	ns_free(&items);
}

static void
check_misc_refs(struct dec *d, const struct playbook *pb, const struct namespaces *ns)
{
	for (size_t i = 0; i < pb->n_escalations; i++) {
		check_refs(d, &ns->levels, &pb->escalations[i].levels, "level");
		check_refs(d, &ns->contacts, &pb->escalations[i].to, "contact");
	}
	for (size_t i = 0; i < pb->n_bulletins; i++) {
		check_refs(d, &ns->parties, &pb->bulletins[i].from, "role/unit/group");
		check_refs(d, &ns->parties, &pb->bulletins[i].to, "role/unit/group");
	}
}

/* ---- the phase graph ---- */

/*
 * The phase graph by index, edges in both directions (CSR form).  Built only
 * when every phase has a unique id and every decision leads to one of them.
 * Linear in size: a 1 MiB file can hold ten thousand phases in a chain.
 */
struct graph {
	size_t n;
	size_t *out_first, *out;	/* phase i leads to out[out_first[i] .. out_first[i+1]) */
	size_t *in_first, *in;		/* and is led to from in[in_first[i] .. in_first[i+1]) */
};

static bool
graph_build(const struct playbook *pb, const struct ns *phases, struct graph *g)
{
	size_t edges = 0, *fill;

	if (phases->n != pb->n_phases)
		return false;	/* a phase without an id, or a duplicate: reported */
	for (size_t i = 0; i < pb->n_phases; i++)
		for (size_t k = 0; k < pb->phases[i].n_decisions; k++, edges++)
			if (!pb->phases[i].decisions[k].to.id ||
			    !ns_has(phases, pb->phases[i].decisions[k].to.id))
				return false;	/* a broken edge: reported */
	g->n = pb->n_phases;
	g->out_first = xcalloc(g->n + 1, sizeof(size_t));
	g->in_first = xcalloc(g->n + 1, sizeof(size_t));
	g->out = xcalloc(edges + 1, sizeof(size_t));
	g->in = xcalloc(edges + 1, sizeof(size_t));
	fill = xcalloc(g->n + 1, sizeof(size_t));
	for (size_t i = 0, e = 0; i < g->n; i++) {
		g->out_first[i] = e;
		for (size_t k = 0; k < pb->phases[i].n_decisions; k++) {
			size_t to = (size_t)ns_find(phases, pb->phases[i].decisions[k].to.id);

			g->out[e++] = to;
			g->in_first[to + 1]++;
		}
	}
	g->out_first[g->n] = edges;
	for (size_t i = 0; i < g->n; i++)
		g->in_first[i + 1] += g->in_first[i];
	for (size_t i = 0; i < g->n; i++)
		for (size_t e = g->out_first[i]; e < g->out_first[i + 1]; e++)
			g->in[g->in_first[g->out[e]] + fill[g->out[e]]++] = i;
	free(fill);
	return true;
}

static void
graph_free(struct graph *g)
{
	free(g->out_first);
	free(g->out);
	free(g->in_first);
	free(g->in);
}

/*
 * Mark every phase reached from the phases already marked, along the edges
 * (`first`, `to`): out-edges for "reachable from", in-edges for "can reach".
 */
static void
graph_spread(const struct graph *g, const size_t *first, const size_t *to, bool *mark)
{
	size_t *stack = xcalloc(g->n + 1, sizeof(size_t)), top = 0;

	for (size_t i = 0; i < g->n; i++)
		if (mark[i])
			stack[top++] = i;
	while (top) {
		size_t v = stack[--top];

		for (size_t e = first[v]; e < first[v + 1]; e++)
			if (!mark[to[e]]) {
				mark[to[e]] = true;
				stack[top++] = to[e];
			}
	}
	free(stack);
}

static int
find_start(struct dec *d, const struct playbook *pb)
{
	const struct pb_phase *first = NULL;
	bool broken = false;
	int start = -1;

	for (size_t i = 0; i < pb->n_phases; i++) {
		const struct pb_phase *ph = &pb->phases[i];

		/* A phase that is not even a mapping has been reported; nothing is known of it. */
		if (!ph->m.pos.line) {
			broken = true;
			continue;
		}
		if (!first)
			first = ph;
		if (ph->kind == PB_PHASE_CLOSED && ph->n_decisions)
			error_at(d, ph->decisions[0].m.pos.line ? ph->decisions[0].m.pos : ph->m.pos,
				 "phase '%s' is closed and cannot have decisions",
				 ph->m.id ? ph->m.id : "?");
		if (ph->kind != PB_PHASE_CLOSED && !ph->n_decisions)
			error_at(d, ph->m.pos, "phase '%s' has no decisions; only closed phases end "
					       "an incident", ph->m.id ? ph->m.id : "?");
		if (!ph->start)
			continue;
		if (start >= 0)
			error_at(d, ph->m.pos, "more than one start phase ('%s' and '%s')",
				 pb->phases[start].m.id ? pb->phases[start].m.id : "?",
				 ph->m.id ? ph->m.id : "?");
		else
			start = (int)i;
	}
	if (start < 0 && first && !broken)
		error_at(d, first->m.pos, "no start phase: mark exactly one phase 'start: true'");
	if (start >= 0 && pb->phases[start].kind == PB_PHASE_CLOSED)
		error_at(d, pb->phases[start].m.pos, "the start phase '%s' is closed; an incident "
						     "would end as soon as it opened",
			 pb->phases[start].m.id ? pb->phases[start].m.id : "?");
	return start;
}

static void
check_graph(struct dec *d, const struct playbook *pb, const struct ns *phases)
{
	int start = find_start(d, pb);
	struct graph g = {0};
	bool *seen, *can;

	/*
	 * With a broken edge or a closed start already reported, reachability would
	 * only echo it.
	 */
	if (start < 0 || pb->phases[start].kind == PB_PHASE_CLOSED ||
	    !graph_build(pb, phases, &g))
		return;
	seen = xcalloc(g.n, sizeof(*seen));
	can = xcalloc(g.n, sizeof(*can));
	seen[start] = true;
	graph_spread(&g, g.out_first, g.out, seen);
	/*
	 * A phase can close when it is closed or leads to one that can.  A phase with
	 * no decisions at all counts as closing too: find_start() has reported that
	 * dead end, and every phase before it would only echo the error.
	 */
	for (size_t i = 0; i < g.n; i++)
		can[i] = pb->phases[i].kind == PB_PHASE_CLOSED || !pb->phases[i].n_decisions;
	graph_spread(&g, g.in_first, g.in, can);
	for (size_t i = 0; i < g.n; i++) {
		const char *id = pb->phases[i].m.id;

		if (!seen[i])
			error_at(d, pb->phases[i].m.pos, "phase '%s' cannot be reached from the start "
							 "phase '%s'", id, pb->phases[start].m.id);
		else if (!can[i])
			error_at(d, pb->phases[i].m.pos, "no closed phase can be reached from phase "
							 "'%s'; an incident there could never end",
				 id);
	}
	free(seen);
	free(can);
	graph_free(&g);
}

void
playbook_check(struct dec *d, const struct playbook *pb)
{
	struct namespaces ns = {0};

	define_all(d, pb, &ns);
	check_org_refs(d, pb, &ns);
	check_fields(d, pb);
	check_level_refs(d, pb, &ns);
	for (size_t i = 0; i < pb->n_phases; i++)
		check_phase_refs(d, pb, &pb->phases[i], &ns);
	check_misc_refs(d, pb, &ns);
	check_graph(d, pb, &ns.phases);
	ns_free(&ns.parties);
	ns_free(&ns.units);
	ns_free(&ns.groups);
	ns_free(&ns.contacts);
	ns_free(&ns.fields);
	ns_free(&ns.levels);
	ns_free(&ns.phases);
	free(ns.field_of);
}
