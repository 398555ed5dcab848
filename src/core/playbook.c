/* Accessors and lookups over a built playbook. */
#include "config.h"

#include "core/playbook_impl.h"
#include "util/arena.h"
#include "util/str.h"

#include <stdint.h>
#include <string.h>

void
playbook_free(struct playbook **pb)
{
	struct arena *a;

	if (!pb || !*pb)
		return;
	if ((*pb)->refs > 0) {
		(*pb)->refs--;
		*pb = NULL;
		return;
	}
	a = (*pb)->arena;
	*pb = NULL;	/* the playbook lives in its own arena */
	arena_free(&a);
}

struct playbook *
playbook_retain(const struct playbook *pb)
{
	struct playbook *p = (struct playbook *)(uintptr_t)pb;

	p->refs++;
	return p;
}

const struct pb_plan *
playbook_plan(const struct playbook *pb)
{
	return &pb->plan;
}

const char *
playbook_file(const struct playbook *pb)
{
	return pb->file;
}

const struct pb_warnings *
playbook_warnings(const struct playbook *pb)
{
	return &pb->warnings;
}

#define PB_ACCESSORS(type, name, arr) \
	size_t playbook_##name##_count(const struct playbook *pb) \
	{ \
		return pb->n_##arr; \
	} \
	const type *playbook_##name(const struct playbook *pb, size_t i) \
	{ \
		return i < pb->n_##arr ? &pb->arr[i] : NULL; \
	}

PB_ACCESSORS(struct pb_role, role, roles)
PB_ACCESSORS(struct pb_unit, unit, units)
PB_ACCESSORS(struct pb_group, group, groups)
PB_ACCESSORS(struct pb_contact, contact, contacts)
PB_ACCESSORS(struct pb_category, category, categories)
PB_ACCESSORS(struct pb_field, field, fields)
PB_ACCESSORS(struct pb_level, level, levels)
PB_ACCESSORS(struct pb_phase, phase, phases)
PB_ACCESSORS(struct pb_escalation, escalation, escalations)
PB_ACCESSORS(struct pb_bulletin, bulletin, bulletins)
PB_ACCESSORS(struct pb_retention, retention, retention)
#undef PB_ACCESSORS

int
playbook_phase_index(const struct playbook *pb, const char *id)
{
	for (size_t i = 0; id && i < pb->n_phases; i++)
		if (str_eq(pb->phases[i].m.id, id))
			return (int)i;
	return -1;
}

const struct pb_phase *
playbook_find_phase(const struct playbook *pb, const char *id)
{
	int i = playbook_phase_index(pb, id);

	return i < 0 ? NULL : &pb->phases[i];
}

const struct pb_phase *
playbook_start_phase(const struct playbook *pb)
{
	for (size_t i = 0; i < pb->n_phases; i++)
		if (pb->phases[i].start)
			return &pb->phases[i];
	return NULL;
}

const struct pb_field *
playbook_find_field(const struct playbook *pb, const char *id)
{
	for (size_t i = 0; id && i < pb->n_fields; i++)
		if (str_eq(pb->fields[i].m.id, id))
			return &pb->fields[i];
	return NULL;
}

int
playbook_level_index(const struct playbook *pb, const char *id)
{
	for (size_t i = 0; id && i < pb->n_levels; i++)
		if (str_eq(pb->levels[i].m.id, id))
			return (int)i;
	return -1;
}

const struct pb_level *
playbook_find_level(const struct playbook *pb, const char *id)
{
	int i = playbook_level_index(pb, id);

	return i < 0 ? NULL : &pb->levels[i];
}

const struct pb_contact *
playbook_find_contact(const struct playbook *pb, const char *id)
{
	for (size_t i = 0; id && i < pb->n_contacts; i++)
		if (str_eq(pb->contacts[i].m.id, id))
			return &pb->contacts[i];
	return NULL;
}

const struct pb_category *
playbook_find_category(const struct playbook *pb, const char *id)
{
	for (size_t i = 0; id && i < pb->n_categories; i++)
		if (str_eq(pb->categories[i].m.id, id))
			return &pb->categories[i];
	return NULL;
}

const struct pb_criterion *
playbook_find_criterion(const struct playbook *pb, const char *id, const struct pb_level **level)
{
	for (size_t i = 0; id && i < pb->n_levels; i++)
		for (size_t k = 0; k < pb->levels[i].n_criteria; k++)
			if (str_eq(pb->levels[i].criteria[k].m.id, id)) {
				if (level)
					*level = &pb->levels[i];
				return &pb->levels[i].criteria[k];
			}
	return NULL;
}

const char *
playbook_party_name(const struct playbook *pb, const char *id, enum pb_party_kind *kind)
{
	enum pb_party_kind dummy;

	if (!kind)
		kind = &dummy;
	for (size_t i = 0; id && i < pb->n_roles; i++)
		if (str_eq(pb->roles[i].m.id, id)) {
			*kind = PB_PARTY_ROLE;
			return pb->roles[i].name;
		}
	for (size_t i = 0; id && i < pb->n_units; i++)
		if (str_eq(pb->units[i].m.id, id)) {
			*kind = PB_PARTY_UNIT;
			return pb->units[i].name;
		}
	for (size_t i = 0; id && i < pb->n_groups; i++)
		if (str_eq(pb->groups[i].m.id, id)) {
			*kind = PB_PARTY_GROUP;
			return pb->groups[i].name;
		}
	return NULL;
}

const struct pb_check_item *
pb_phase_find_item(const struct pb_phase *ph, const char *id)
{
	for (size_t i = 0; id && i < ph->n_items; i++)
		if (str_eq(ph->items[i].m.id, id))
			return &ph->items[i];
	return NULL;
}

const struct pb_decision *
pb_phase_find_decision(const struct pb_phase *ph, const char *id)
{
	for (size_t i = 0; id && i < ph->n_decisions; i++)
		if (str_eq(ph->decisions[i].m.id, id))
			return &ph->decisions[i];
	return NULL;
}

#define PB_NAME(name, str) str,
static const char *const unit_kinds[] = {PB_UNIT_KIND_TABLE(PB_NAME)};
static const char *const channels[] = {PB_CHANNEL_TABLE(PB_NAME)};
static const char *const field_types[] = {PB_FIELD_TYPE_TABLE(PB_NAME)};
static const char *const colours[] = {PB_COLOUR_TABLE(PB_NAME)};
static const char *const phase_kinds[] = {PB_PHASE_KIND_TABLE(PB_NAME)};
static const char *const bulletin_kinds[] = {PB_BULLETIN_KIND_TABLE(PB_NAME)};
static const char *const cadences[] = {PB_CADENCE_TABLE(PB_NAME)};
#undef PB_NAME
static const char *const ops[] = {">=", ">", "<=", "<", "==", "!="};

#define NAME_OF(arr, i) ((size_t)(i) < sizeof(arr) / sizeof((arr)[0]) ? (arr)[i] : "?")

const char *
pb_unit_kind_name(enum pb_unit_kind k)
{
	return NAME_OF(unit_kinds, k);
}

const char *
pb_channel_name(enum pb_channel c)
{
	return NAME_OF(channels, c);
}

const char *
pb_field_type_name(enum pb_field_type t)
{
	return NAME_OF(field_types, t);
}

const char *
pb_colour_name(enum pb_colour c)
{
	return NAME_OF(colours, c);
}

const char *
pb_phase_kind_name(enum pb_phase_kind k)
{
	return NAME_OF(phase_kinds, k);
}

const char *
pb_bulletin_kind_name(enum pb_bulletin_kind k)
{
	return NAME_OF(bulletin_kinds, k);
}

const char *
pb_cadence_name(enum pb_cadence c)
{
	return NAME_OF(cadences, c);
}

const char *
pb_op_name(enum pb_op op)
{
	return NAME_OF(ops, op);
}
