/* The playbook's private layout, shared by core/playbook*.c only. */
#ifndef YINGJI_CORE_PLAYBOOK_IMPL_H
#define YINGJI_CORE_PLAYBOOK_IMPL_H

#include "core/decode.h"
#include "core/playbook.h"

struct arena;

#define PB_ARRAY(type, name) \
	size_t n_##name; \
	type *name

struct playbook {
	struct arena *arena;
	unsigned refs;		/* playbook_retain() / playbook_free() */
	const char *file;
	struct pb_plan plan;
	PB_ARRAY(struct pb_role, roles);
	PB_ARRAY(struct pb_unit, units);
	PB_ARRAY(struct pb_group, groups);
	PB_ARRAY(struct pb_contact, contacts);
	PB_ARRAY(struct pb_category, categories);
	PB_ARRAY(struct pb_field, fields);
	PB_ARRAY(struct pb_level, levels);
	struct pb_warnings warnings;
	PB_ARRAY(struct pb_phase, phases);
	PB_ARRAY(struct pb_escalation, escalations);
	PB_ARRAY(struct pb_bulletin, bulletins);
	PB_ARRAY(struct pb_retention, retention);
};

/* Cross-reference and graph checks over a fully built playbook (playbook_check.c). */
void playbook_check(struct dec *d, const struct playbook *pb);

#endif
