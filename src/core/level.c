/*
 * Level assessment (潞城 1.5.2, 4.1.2(3)): the suggested level is the most
 * severe level with a satisfied criterion.  Numeric criteria are evaluated on
 * recorded facts (a fact not yet recorded satisfies nothing); qualitative ones
 * on the officer's explicit yes.  When nothing matches, a level marked
 * `otherwise` (潞城 IV: "除上述情形外") is suggested.
 */
#include "config.h"

#include "core/incident_impl.h"
#include "util/str.h"
#include "util/xalloc.h"

#include <stdlib.h>

static bool
compare(double a, enum pb_op op, double b)
{
	switch (op) {
	case PB_OP_GE:
		return a >= b;
	case PB_OP_GT:
		return a > b;
	case PB_OP_LE:
		return a <= b;
	case PB_OP_LT:
		return a < b;
	case PB_OP_EQ:
		return a == b;
	case PB_OP_NE:
		return a != b;
	}
	return false;
}

bool
level_cond_holds(const struct incident *st, const struct pb_cond *c)
{
	switch (c->kind) {
	case PB_COND_ALL:
		for (size_t i = 0; i < c->n; i++)
			if (!level_cond_holds(st, &c->kids[i]))
				return false;
		return c->n > 0;
	case PB_COND_ANY:
		for (size_t i = 0; i < c->n; i++)
			if (level_cond_holds(st, &c->kids[i]))
				return true;
		return false;
	case PB_COND_COMPARE:
		for (size_t i = 0; i < playbook_field_count(st->pb); i++)
			if (str_eq(playbook_field(st->pb, i)->m.id, c->field.id))
				return st->fields[i].set && compare(st->fields[i].num, c->op, c->value);
		return false;
	}
	return false;
}

static bool
criterion_holds(const struct incident *st, size_t k)
{
	const struct pb_criterion *c = st->criteria[k];

	if (c->ask)
		return st->answers[k].value == ANSWER_YES;
	return c->when && level_cond_holds(st, c->when);
}

/* The level index of flattened criterion k. */
static int
level_of(const struct incident *st, size_t k)
{
	size_t base = 0;

	for (size_t i = 0; i < playbook_level_count(st->pb); i++) {
		size_t n = playbook_level(st->pb, i)->n_criteria;

		if (k < base + n)
			return (int)i;
		base += n;
	}
	return -1;
}

void
level_suggest(struct incident *st)
{
	struct level_suggestion *s = &st->suggestion;
	size_t nl = playbook_level_count(st->pb);

	s->matched = xcalloc(st->n_criteria + 1, sizeof(*s->matched));
	s->matched_all = xcalloc(st->n_criteria + 1, sizeof(*s->matched_all));
	s->level = -1;
	for (size_t k = 0; k < st->n_criteria; k++) {
		int lv;

		if (!criterion_holds(st, k))
			continue;
		lv = level_of(st, k);
		s->matched_all[s->n_matched_all++] = st->criteria[k];
		if (s->level < 0)
			s->level = lv;
		if (lv == s->level)
			s->matched[s->n_matched++] = st->criteria[k];
	}
	if (s->level >= 0)
		return;
	for (size_t i = nl; i-- > 0;)
		if (playbook_level(st->pb, i)->otherwise) {
			s->level = (int)i;
			s->by_otherwise = true;
			return;
		}
}
