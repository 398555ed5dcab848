/*
 * Whom to call: the contacts the confirmed level names, then the escalation
 * routes that apply at that level (潞城 4.3.2: III and above → 长治市指挥部).
 * Follows the current level, so an escalation mid-response brings in the new
 * routes at once.
 */
#include "config.h"

#include "core/incident_impl.h"
#include "util/str.h"
#include "util/xalloc.h"

static void
add_duty(struct incident *st, size_t *cap, const char *contact, const char *why,
	 const struct pb_escalation *route)
{
	int ci = -1;

	for (size_t i = 0; i < playbook_contact_count(st->pb); i++)
		if (str_eq(playbook_contact(st->pb, i)->m.id, contact))
			ci = (int)i;
	if (ci < 0)
		return;
	for (size_t i = 0; i < st->n_contact_duties; i++)
		if (st->contact_duties[i].contact == ci) {
			/* Keep the route that also calls for it, so order and reason show. */
			if (!st->contact_duties[i].route && route) {
				st->contact_duties[i].route = route;
				st->contact_duties[i].why = why;
			}
			return;
		}
	st->contact_duties = xgrow(st->contact_duties, cap, st->n_contact_duties + 1,
				   sizeof(*st->contact_duties));
	st->contact_duties[st->n_contact_duties].contact = ci;
	st->contact_duties[st->n_contact_duties].why = why;
	st->contact_duties[st->n_contact_duties].route = route;
	st->n_contact_duties++;
}

void
contacts_due(struct incident *st)
{
	const struct pb_level *lv;
	size_t cap = 0;

	if (st->level < 0)
		return;
	lv = playbook_level(st->pb, (size_t)st->level);
	for (size_t i = 0; i < lv->notify.n; i++)
		add_duty(st, &cap, lv->notify.v[i].id, lv->name, NULL);
	for (size_t r = 0; r < playbook_escalation_count(st->pb); r++) {
		const struct pb_escalation *e = playbook_escalation(st->pb, r);
		bool applies = false;

		for (size_t i = 0; i < e->levels.n; i++)
			applies |= str_eq(e->levels.v[i].id, lv->m.id);
		for (size_t i = 0; applies && i < e->to.n; i++)
			add_duty(st, &cap, e->to.v[i].id, e->text, e);
	}
}
