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
#include "util/xalloc.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A set of ids that references may name. */
struct ns {
	const char **ids;	/* NULL-terminated */
	size_t n, cap;
};

static void
ns_add(struct ns *ns, const char *id)
{
	if (!id)
		return;
	ns->ids = xgrow(ns->ids, &ns->cap, ns->n + 2, sizeof(*ns->ids));
	ns->ids[ns->n++] = id;
	ns->ids[ns->n] = NULL;
}

static bool
ns_has(const struct ns *ns, const char *id)
{
	for (size_t i = 0; i < ns->n; i++)
		if (strcmp(ns->ids[i], id) == 0)
			return true;
	return false;
}

static void
ns_free(struct ns *ns)
{
	free(ns->ids);
	memset(ns, 0, sizeof(*ns));
}

static void
error_at(struct dec *d, struct pb_pos pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
error_at(struct dec *d, struct pb_pos pos, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(d->diags, DIAG_ERROR, d->file, pos.line, pos.col, fmt, ap);
	va_end(ap);
}

/* Report a reference that does not resolve in `ns`; `what` names the kind. */
static void
check_ref(struct dec *d, const struct ns *ns, const struct pb_ref *ref, const char *what)
{
	const char *hint;

	if (!ref->id || ns_has(ns, ref->id))
		return;
	hint = ns->ids ? str_suggest(ref->id, ns->ids) : NULL;
	if (hint)
		error_at(d, ref->pos, "unknown %s '%s' (did you mean '%s'?)", what, ref->id, hint);
	else
		error_at(d, ref->pos, "unknown %s '%s'", what, ref->id);
}

static void
check_refs(struct dec *d, const struct ns *ns, const struct pb_refs *refs, const char *what)
{
	for (size_t i = 0; i < refs->n; i++)
		check_ref(d, ns, &refs->v[i], what);
}

/* ---- duplicate ids ---- */

/* Add an id to a namespace, reporting it when already there. */
static void
define(struct dec *d, struct ns *ns, const struct pb_meta *m, const char *what)
{
	if (!m->id)
		return;
	if (ns_has(ns, m->id))
		error_at(d, m->pos, "duplicate %s id '%s'", what, m->id);
	else
		ns_add(ns, m->id);
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
	for (size_t i = 0; i < pb->n_fields; i++) {
		define(d, &ns->fields, &pb->fields[i].m, "field");
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
	for (size_t i = 0; i < pb->n_roles; i++)
		check_ref(d, &ns->units, &pb->roles[i].unit, "unit");
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
	const struct pb_level *otherwise = NULL;

	for (size_t i = 0; i < pb->n_levels; i++) {
		const struct pb_level *lv = &pb->levels[i];

		check_refs(d, &ns->contacts, &lv->notify, "contact");
		check_refs(d, &ns->groups, &lv->groups, "group");
		if (!lv->otherwise)
			continue;
		if (otherwise)
			error_at(d, lv->m.pos, "only one level may be 'otherwise: true'");
		else if (i + 1 != pb->n_levels)
			error_at(d, lv->m.pos, "'otherwise: true' belongs on the least severe (last) "
					       "level; levels are listed most severe first");
		otherwise = lv;
	}
	for (size_t i = 0; i < pb->warnings.n_levels; i++)
		check_ref(d, &ns->levels, &pb->warnings.levels[i].level, "level");
	check_ref(d, &ns->parties, &pb->warnings.issued_by, "role/unit/group");
	check_ref(d, &ns->parties, &pb->warnings.proposed_by, "role/unit/group");
	check_ref(d, &ns->parties, &pb->warnings.lift_by, "role/unit/group");
}

static void
check_anchor(struct dec *d, const struct playbook *pb, const struct namespaces *ns,
	     const struct pb_anchor *a)
{
	const struct pb_field *f = NULL;

	if (a->kind == PB_ANCHOR_PHASE_END)
		check_ref(d, &ns->phases, &a->ref, "phase");
	if (a->kind != PB_ANCHOR_FIELD || !a->ref.id)
		return;
	check_ref(d, &ns->fields, &a->ref, "field");
	for (size_t i = 0; i < pb->n_fields; i++)
		if (str_eq(pb->fields[i].m.id, a->ref.id))
			f = &pb->fields[i];
	if (f && f->type != PB_FIELD_DATETIME && f->type != PB_FIELD_DATE)
		error_at(d, a->ref.pos, "a deadline can start only from a datetime or date field; "
					"'%s' is %s", a->ref.id, pb_field_type_name(f->type));
}

static void
check_met(struct dec *d, const struct pb_phase *ph, const struct namespaces *ns,
	  const struct pb_met *m)
{
	struct ns items = {0};

	switch (m->kind) {
	case PB_MET_TICK:
		for (size_t k = 0; k < ph->n_items; k++)
			ns_add(&items, ph->items[k].m.id);
		check_ref(d, &items, &m->ref, "checklist item of this phase");
		ns_free(&items);
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
	check_refs(d, &ns->fields, &ph->fields, "field");
	for (size_t k = 0; k < ph->n_items; k++)
		check_ref(d, &ns->parties, &ph->items[k].by, "role/unit/group");
	for (size_t k = 0; k < ph->n_decisions; k++) {
		check_ref(d, &ns->phases, &ph->decisions[k].to, "phase");
		check_refs(d, &ns->parties, &ph->decisions[k].by, "role/unit/group");
	}
	for (size_t k = 0; k < ph->n_deadlines; k++) {
		check_anchor(d, pb, ns, &ph->deadlines[k].from);
		check_met(d, ph, ns, &ph->deadlines[k].met);
	}
	for (size_t k = 0; k < ph->n_duties; k++)
		check_met(d, ph, ns, &ph->duties[k].met);
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

static int
phase_index(const struct playbook *pb, const char *id)
{
	for (size_t i = 0; id && i < pb->n_phases; i++)
		if (str_eq(pb->phases[i].m.id, id))
			return (int)i;
	return -1;
}

/* Mark every phase reachable from `from` (forward edges). */
static void
reach_forward(const struct playbook *pb, size_t from, bool *seen)
{
	if (seen[from])
		return;
	seen[from] = true;
	for (size_t k = 0; k < pb->phases[from].n_decisions; k++) {
		int to = phase_index(pb, pb->phases[from].decisions[k].to.id);

		if (to >= 0)
			reach_forward(pb, (size_t)to, seen);
	}
}

/* Fixpoint: a phase can close when it is closed or a decision leads to one that can. */
static void
mark_can_close(const struct playbook *pb, bool *can)
{
	bool changed = true;

	for (size_t i = 0; i < pb->n_phases; i++)
		can[i] = pb->phases[i].kind == PB_PHASE_CLOSED;
	while (changed) {
		changed = false;
		for (size_t i = 0; i < pb->n_phases; i++)
			for (size_t k = 0; !can[i] && k < pb->phases[i].n_decisions; k++) {
				int to = phase_index(pb, pb->phases[i].decisions[k].to.id);

				if (to >= 0 && can[to])
					can[i] = changed = true;
			}
	}
}

static int
find_start(struct dec *d, const struct playbook *pb)
{
	int start = -1;

	for (size_t i = 0; i < pb->n_phases; i++) {
		const struct pb_phase *ph = &pb->phases[i];

		if (ph->kind == PB_PHASE_CLOSED && ph->n_decisions)
			error_at(d, ph->decisions[0].m.pos, "phase '%s' is closed and cannot have "
							    "decisions", ph->m.id ? ph->m.id : "?");
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
	if (start < 0 && pb->n_phases)
		error_at(d, pb->phases[0].m.pos, "no start phase: mark exactly one phase "
						 "'start: true'");
	if (start >= 0 && pb->phases[start].kind == PB_PHASE_CLOSED)
		error_at(d, pb->phases[start].m.pos, "the start phase cannot be closed");
	return start;
}

/* Whether every decision leads to a phase defined exactly once. */
static bool
edges_resolve(const struct playbook *pb)
{
	for (size_t i = 0; i < pb->n_phases; i++) {
		if (!pb->phases[i].m.id)
			return false;
		for (size_t k = i + 1; k < pb->n_phases; k++)
			if (str_eq(pb->phases[i].m.id, pb->phases[k].m.id))
				return false;
		for (size_t k = 0; k < pb->phases[i].n_decisions; k++)
			if (phase_index(pb, pb->phases[i].decisions[k].to.id) < 0)
				return false;
	}
	return true;
}

static void
check_graph(struct dec *d, const struct playbook *pb)
{
	int start = find_start(d, pb);
	bool *seen, *can;

	/* With a broken edge already reported, reachability would only echo it. */
	if (start < 0 || !edges_resolve(pb))
		return;
	seen = xcalloc(pb->n_phases, sizeof(*seen));
	can = xcalloc(pb->n_phases, sizeof(*can));
	reach_forward(pb, (size_t)start, seen);
	mark_can_close(pb, can);
	for (size_t i = 0; i < pb->n_phases; i++) {
		const char *id = pb->phases[i].m.id ? pb->phases[i].m.id : "?";

		if (!seen[i])
			error_at(d, pb->phases[i].m.pos, "phase '%s' cannot be reached from the start "
							 "phase '%s'", id,
				 pb->phases[start].m.id ? pb->phases[start].m.id : "?");
		else if (!can[i])
			error_at(d, pb->phases[i].m.pos, "no closed phase can be reached from phase "
							 "'%s'; an incident there could never end",
				 id);
	}
	free(seen);
	free(can);
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
	check_graph(d, pb);
	ns_free(&ns.parties);
	ns_free(&ns.units);
	ns_free(&ns.groups);
	ns_free(&ns.contacts);
	ns_free(&ns.fields);
	ns_free(&ns.levels);
	ns_free(&ns.phases);
}
