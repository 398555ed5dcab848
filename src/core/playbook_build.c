/*
 * Build a playbook from a document tree: every key checked, every value typed,
 * every problem reported with its position.  Cross-references and the phase
 * graph are checked afterwards, in playbook_check.c.  The format is documented
 * in man/yingji-playbook.5; keep the two in step.
 */
#include "config.h"

#include "core/playbook_impl.h"
#include "util/arena.h"
#include "util/duration.h"
#include "util/str.h"
#include "util/strbuf.h"
#include "util/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const unit_kind_names[] = {
#define PB_NAME(name, str) str,
	PB_UNIT_KIND_TABLE(PB_NAME)
};
static const char *const channel_names[] = {PB_CHANNEL_TABLE(PB_NAME)};
static const char *const field_type_names[] = {PB_FIELD_TYPE_TABLE(PB_NAME)};
static const char *const colour_names[] = {PB_COLOUR_TABLE(PB_NAME)};
static const char *const phase_kind_names[] = {PB_PHASE_KIND_TABLE(PB_NAME)};
static const char *const bulletin_kind_names[] = {PB_BULLETIN_KIND_TABLE(PB_NAME)};
static const char *const cadence_names[] = {PB_CADENCE_TABLE(PB_NAME)};
#undef PB_NAME
static const char *const op_names[] = {">=", ">", "<=", "<", "==", "!="};

/*
 * A field whose type cannot be read gets this value, one past the table, so that
 * the checks that depend on a type (conditions, deadline anchors) pass over it
 * instead of blaming a type nobody wrote.  Such a playbook never leaves the build.
 */
#define FIELD_TYPE_UNKNOWN ((enum pb_field_type)COUNT(field_type_names))

/* Past this many errors decode.c reports no more; skip the costly hints too. */
enum { ENOUGH_ERRORS = 100 };

/* A word people write for an enum value, and the value they mean. */
struct synonym {
	const char *word, *name;
};

static const struct synonym type_words[] = {
	{"int", "integer"}, {"string", "text"}, {"str", "text"}, {"float", "number"},
	{"double", "number"}, {"decimal", "number"}, {"bool", "boolean"}, {"time", "datetime"},
	{"timestamp", "datetime"}, {"enum", "choice"}, {"select", "choice"}, {NULL, NULL},
};
static const struct synonym op_words[] = {
	{"=>", ">="}, {"=<", "<="}, {"=", "=="}, {"<>", "!="}, {"≥", ">="}, {"≤", "<="},
	{"≠", "!="}, {"ge", ">="}, {"gt", ">"}, {"le", "<="}, {"lt", "<"}, {"eq", "=="},
	{"ne", "!="}, {NULL, NULL},
};
static const struct synonym phase_kind_words[] = {
	{"end", "closed"}, {"done", "closed"}, {"finished", "closed"}, {"final", "closed"},
	{NULL, NULL},
};

static int
name_index(const char *const *names, size_t count, const char *s)
{
	for (size_t i = 0; s && i < count; i++)
		if (strcmp(names[i], s) == 0)
			return (int)i;
	return -1;
}

/*
 * dec_enum(), but a bad value is taken as the one it was most likely meant as
 * (a synonym from `words`, else the "did you mean" hint), so that one typo makes
 * one error and not a trail of others.  -1 when absent or beyond guessing.
 */
static int
enum_guess(struct dec *d, const struct doc_node *map, const char *key, const char *const *names,
	   size_t count, const struct synonym *words)
{
	const struct doc_node *v = doc_get(map, key);
	const char *cands[64];
	size_t k = 0;
	int got;

	if (!v || doc_is_null(v))
		return -1;
	if (v->kind == DOC_SCALAR && name_index(names, count, v->str) < 0)
		for (size_t i = 0; words && words[i].word; i++)
			if (strcmp(v->str, words[i].word) == 0) {
				dec_error(d, v, "unknown %s '%s' (did you mean '%s'?)", key, v->str,
					  words[i].name);
				return name_index(names, count, words[i].name);
			}
	got = dec_enum(d, map, key, names, count);
	if (got >= 0 || v->kind != DOC_SCALAR)
		return got;
	for (size_t i = 0; i < count && k < 63; i++)
		cands[k++] = names[i];
	cands[k] = NULL;
	return name_index(names, count, str_suggest(v->str, cands));
}

/* "phase 'report'" when the mapping has a usable id, else just "phase": for messages. */
static const char *
named(struct dec *d, const struct doc_node *n, const char *kind)
{
	const struct doc_node *id = doc_get(n, "id");
	char buf[128];

	if (!id || id->kind != DOC_SCALAR || !dec_is_id(id->str))
		return kind;
	snprintf(buf, sizeof(buf), "%s '%s'", kind, id->str);
	return arena_strdup(d->arena, buf);
}

/* The key node of `key` in a map (for errors about a key that does not belong). */
static const struct doc_node *
key_node(const struct doc_node *map, const char *key)
{
	for (size_t i = 0; map && map->kind == DOC_MAP && i < map->n; i++)
		if (strcmp(map->pairs[i].key->str, key) == 0)
			return map->pairs[i].key;
	return NULL;
}

/* Whether `key` is among `keys` (as for dec_map: a leading '!' marks a required one). */
static bool
key_known(const char *key, const char *const *keys)
{
	for (size_t k = 0; keys[k]; k++)
		if (strcmp(key, keys[k] + (keys[k][0] == '!')) == 0)
			return true;
	return false;
}

/* Whether every key of the mapping `n` is among `keys`. */
static bool
keys_known(const struct doc_node *n, const char *const *keys)
{
	for (size_t i = 0; i < n->n; i++)
		if (!key_known(n->pairs[i].key->str, keys))
			return false;
	return true;
}

/* A required list given as []: the key alone does not make a playbook. */
static void
need_items(struct dec *d, const struct doc_node *map, const char *key, const char *what)
{
	const struct doc_node *l = doc_get(map, key);

	if (l && l->kind == DOC_SEQ && l->n == 0)
		dec_error(d, l, "'%s' needs at least one %s", key, what);
}

/*
 * Allocate an array for the list under `key`; *n is its length (0 when absent).
 * A single mapping where the list belongs (its "- " forgotten) is reported, then
 * read as a list of one, so that its contents are still checked and the phase
 * graph does not miss the decision it holds.
 */
static void *
list_alloc(struct dec *d, const struct doc_node *map, const char *key, size_t elem,
	   const struct doc_node **list, size_t *n)
{
	const struct doc_node *v = doc_get(map, key);

	*list = dec_list(d, map, key);
	if (!*list && v && v->kind == DOC_MAP) {
		struct doc_node *one = arena_alloc(d->arena, sizeof(*one));
		struct doc_node *item = arena_alloc(d->arena, sizeof(*item));

		*item = *v;	/* a shallow copy: the tree is const, the list needs a pointer */
		*one = (struct doc_node){.kind = DOC_SEQ, .line = v->line, .col = v->col, .n = 1};
		one->items = arena_array(d->arena, 1, sizeof(*one->items));
		one->items[0] = item;
		*list = one;
	}
	*n = *list ? (*list)->n : 0;
	return arena_array(d->arena, *n, elem);
}

static void
build_meta(struct dec *d, const struct doc_node *n, struct pb_meta *m)
{
	m->id = dec_id(d, n, "id");
	m->source = dec_str(d, n, "source");
	m->note = dec_str(d, n, "note");
	m->pos = dec_pos(n);
}

/* ---- plan and organisation ---- */

/* YYYY-MM-DD, and a day that exists. */
static bool
is_date(const char *s)
{
	static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y, mo, dd;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	y = atoi(s);
	mo = atoi(s + 5);
	dd = atoi(s + 8);
	if (mo < 1 || mo > 12 || dd < 1 || dd > days[mo - 1])
		return false;
	return mo != 2 || dd != 29 || (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
}

static void
build_plan(struct dec *d, const struct doc_node *n, struct pb_plan *p)
{
	static const char *const keys[] = {"!id", "!title", "!issuer", "date", "document",
					   "reference", "scope", "source", "note", NULL};

	if (!dec_map(d, n, "'plan'", keys))
		return;
	p->id = dec_id(d, n, "id");
	p->title = dec_str(d, n, "title");
	p->issuer = dec_str(d, n, "issuer");
	p->date = dec_str(d, n, "date");
	if (p->date && !is_date(p->date))
		dec_error(d, doc_get(n, "date"),
			  "'date' must be a date written YYYY-MM-DD, such as 2017-12-13 ('%s' is not)",
			  p->date);
	p->document = dec_str(d, n, "document");
	p->reference = dec_str(d, n, "reference");
	p->scope = dec_str(d, n, "scope");
	p->source = dec_str(d, n, "source");
}

static void
build_role(struct dec *d, const struct doc_node *n, struct pb_role *r)
{
	static const char *const keys[] = {"!id", "!name", "held_by", "unit", "command",
					   "duties", "source", "note", NULL};

	if (!dec_map(d, n, named(d, n, "role"), keys))
		return;
	build_meta(d, n, &r->m);
	r->name = dec_str(d, n, "name");
	r->command = dec_bool(d, n, "command", false);
	r->held_by = dec_str(d, n, "held_by");
	r->unit = dec_ref(d, n, "unit");
	r->duties = dec_strings(d, n, "duties");
}

static void
build_unit(struct dec *d, const struct doc_node *n, struct pb_unit *u)
{
	static const char *const keys[] = {"!id", "!name", "!kind", "parent", "located_in",
					   "duties", "source", "note", NULL};
	int kind;

	if (!dec_map(d, n, named(d, n, "unit"), keys))
		return;
	build_meta(d, n, &u->m);
	u->name = dec_str(d, n, "name");
	kind = dec_enum(d, n, "kind", unit_kind_names, COUNT(unit_kind_names));
	u->kind = kind < 0 ? PB_UNIT_MEMBER : (enum pb_unit_kind)kind;
	u->parent = dec_ref(d, n, "parent");
	u->located_in = dec_ref(d, n, "located_in");
	u->duties = dec_strings(d, n, "duties");
}

static void
build_group(struct dec *d, const struct doc_node *n, struct pb_group *g)
{
	static const char *const keys[] = {"!id", "!name", "lead", "members", "composition",
					   "duties", "source", "note", NULL};

	if (!dec_map(d, n, named(d, n, "group"), keys))
		return;
	build_meta(d, n, &g->m);
	g->name = dec_str(d, n, "name");
	g->lead = dec_refs(d, n, "lead");
	g->members = dec_refs(d, n, "members");
	g->composition = dec_str(d, n, "composition");
	g->duties = dec_strings(d, n, "duties");
}

static void
build_organisation(struct dec *d, const struct doc_node *n, struct playbook *pb)
{
	static const char *const keys[] = {"!roles", "units", "groups", NULL};
	const struct doc_node *l;

	if (!dec_map(d, n, "'organisation'", keys))
		return;
	need_items(d, n, "roles", "role");
	pb->roles = list_alloc(d, n, "roles", sizeof(*pb->roles), &l, &pb->n_roles);
	for (size_t i = 0; i < pb->n_roles; i++)
		build_role(d, l->items[i], &pb->roles[i]);
	pb->units = list_alloc(d, n, "units", sizeof(*pb->units), &l, &pb->n_units);
	for (size_t i = 0; i < pb->n_units; i++)
		build_unit(d, l->items[i], &pb->units[i]);
	pb->groups = list_alloc(d, n, "groups", sizeof(*pb->groups), &l, &pb->n_groups);
	for (size_t i = 0; i < pb->n_groups; i++)
		build_group(d, l->items[i], &pb->groups[i]);
}

/* ---- contacts, categories, fields ---- */

static unsigned
build_channels(struct dec *d, const struct doc_node *map, const char *key, enum pb_channel *order,
	       size_t *n_order)
{
	const struct doc_node *l = dec_list(d, map, key);
	unsigned set = 0;

	if (n_order)
		*n_order = 0;
	for (size_t i = 0; l && i < l->n; i++) {
		int c = dec_enum_node(d, l->items[i], "channel", channel_names,
				      COUNT(channel_names));

		if (c < 0)
			continue;
		if (set & (1u << c))
			dec_error(d, l->items[i], "channel '%s' is listed twice", channel_names[c]);
		set |= 1u << c;
		if (order)
			order[(*n_order)++] = (enum pb_channel)c;
	}
	return set;
}

static void
build_contact(struct dec *d, const struct doc_node *n, struct pb_contact *c)
{
	static const char *const keys[] = {"!id", "!name", "!for", "phone", "placeholder",
					   "channels", "hours", "source", "note", NULL};

	if (!dec_map(d, n, named(d, n, "contact"), keys))
		return;
	build_meta(d, n, &c->m);
	c->name = dec_str(d, n, "name");
	c->party = dec_ref(d, n, "for");
	c->phone = dec_str(d, n, "phone");
	c->placeholder = dec_bool(d, n, "placeholder", false);
	c->channels = build_channels(d, n, "channels", NULL, NULL);
	c->hours = dec_str(d, n, "hours");
	/*
	 * Published playbooks carry no personal data: real numbers go in a contacts
	 * file.  (Unless an unknown key, reported already, is a misspelt placeholder.)
	 */
	if (c->phone && !c->placeholder && !doc_get(n, "placeholder") && keys_known(n, keys))
		dec_error(d, doc_get(n, "phone"),
			  "contact '%s' has a phone number not marked 'placeholder: true'; real "
			  "numbers belong in a local contacts file",
			  c->m.id ? c->m.id : "?");
}

static void
build_category(struct dec *d, const struct doc_node *n, struct pb_category *c)
{
	static const char *const keys[] = {"!id", "!name", "description", "subtypes",
					   "source", "note", NULL};
	static const char *const sub_keys[] = {"!id", "!name", "source", "note", NULL};
	const struct doc_node *l;
	struct pb_subtype *subs;

	if (!dec_map(d, n, named(d, n, "category"), keys))
		return;
	build_meta(d, n, &c->m);
	c->name = dec_str(d, n, "name");
	c->description = dec_str(d, n, "description");
	subs = list_alloc(d, n, "subtypes", sizeof(*subs), &l, &c->n_subtypes);
	for (size_t i = 0; i < c->n_subtypes; i++) {
		if (!dec_map(d, l->items[i], named(d, l->items[i], "sub-type"), sub_keys))
			continue;
		build_meta(d, l->items[i], &subs[i].m);
		subs[i].name = dec_str(d, l->items[i], "name");
	}
	c->subtypes = subs;
}

static const struct pb_item *
build_items(struct dec *d, const struct doc_node *map, const char *key, const char *what,
	    size_t *n)
{
	static const char *const keys[] = {"!id", "!name", NULL};
	const struct doc_node *l;
	struct pb_item *items = list_alloc(d, map, key, sizeof(*items), &l, n);

	for (size_t i = 0; i < *n; i++) {
		const struct doc_node *it = l->items[i];

		if (!dec_map(d, it, named(d, it, what), keys))
			continue;
		items[i].id = dec_id(d, it, "id");
		items[i].name = dec_str(d, it, "name");
		items[i].pos = dec_pos(it);
	}
	return items;
}

static void
build_field(struct dec *d, const struct doc_node *n, struct pb_field *f)
{
	static const char *const keys[] = {"!id", "!name", "!type", "unit", "min", "max",
					   "choices", "help", "report", "source", "note", NULL};
	const struct doc_node *choices = doc_get(n, "choices");
	int type;

	if (!dec_map(d, n, named(d, n, "field"), keys))
		return;
	build_meta(d, n, &f->m);
	f->name = dec_str(d, n, "name");
	type = enum_guess(d, n, "type", field_type_names, COUNT(field_type_names), type_words);
	f->type = type < 0 ? FIELD_TYPE_UNKNOWN : (enum pb_field_type)type;
	f->unit = dec_str(d, n, "unit");
	f->help = dec_str(d, n, "help");
	f->report = dec_bool(d, n, "report", false);
	f->has_min = dec_number(d, n, "min", &f->min);
	f->has_max = dec_number(d, n, "max", &f->max);
	if ((f->has_min || f->has_max) && type >= 0 && f->type != PB_FIELD_INTEGER &&
	    f->type != PB_FIELD_NUMBER)
		dec_error(d, key_node(n, f->has_min ? "min" : "max"),
			  "'min' and 'max' apply only to integer and number fields, not %s",
			  field_type_names[type]);
	if (f->has_min && f->has_max && f->min > f->max)
		dec_error(d, doc_get(n, "max"), "'max' (%g) is less than 'min' (%g)", f->max,
			  f->min);
	f->choices = build_items(d, n, "choices", "choice", &f->n_choices);
	/* A 'choices' that is not a list has been reported already. */
	if (type == PB_FIELD_CHOICE && f->n_choices == 0 &&
	    (doc_is_null(choices) || choices->kind == DOC_SEQ))
		dec_error(d, choices && !doc_is_null(choices) ? choices : n,
			  "a choice field needs a non-empty 'choices' list");
	if (type >= 0 && type != PB_FIELD_CHOICE && choices)
		dec_error(d, key_node(n, "choices"),
			  "'choices' applies only to fields of type choice, and this one is %s",
			  field_type_names[type]);
}

/* ---- levels and criteria ---- */

static const struct pb_cond *build_cond(struct dec *d, const struct playbook *pb,
					const struct doc_node *n);

static const struct pb_field *
find_field(const struct playbook *pb, const char *id)
{
	for (size_t i = 0; id && i < pb->n_fields; i++)
		if (str_eq(pb->fields[i].m.id, id))
			return &pb->fields[i];
	return NULL;
}

/* The ids of all fields, NULL-terminated, for "did you mean" (in the arena). */
static const char *const *
field_ids(struct dec *d, const struct playbook *pb)
{
	const char **ids = arena_array(d->arena, pb->n_fields + 1, sizeof(*ids));
	size_t n = 0;

	for (size_t i = 0; i < pb->n_fields; i++)
		if (pb->fields[i].m.id)
			ids[n++] = pb->fields[i].m.id;
	ids[n] = NULL;
	return ids;
}

static void
build_compare_value(struct dec *d, const struct pb_field *f, const struct doc_node *vn,
		    struct pb_cond *c)
{
	if (!vn || doc_is_null(vn))
		return;	/* reported by dec_map */
	if (vn->kind != DOC_SCALAR) {
		dec_error(d, vn, "'value' must be a single %s, not %s",
			  f->type == PB_FIELD_DURATION ? "duration" : "number", doc_kind_name(vn));
		return;
	}
	c->value_text = arena_strdup(d->arena, vn->str);
	if (f->type == PB_FIELD_DURATION) {
		int64_t secs = 0;

		if (!duration_parse(vn->str, 0, &secs))
			dec_error(d, vn, "'%s' is not a valid duration for field '%s' (e.g. 30m, 2h)",
				  c->value_text, f->m.id);
		c->value = (double)secs;
	} else if (!str_to_double(vn->str, &c->value)) {
		dec_error(d, vn, "'value' must be a number for field '%s', not '%s'", f->m.id,
			  c->value_text);
	}
}

static void
build_compare(struct dec *d, const struct playbook *pb, const struct doc_node *n,
	      struct pb_cond *c)
{
	static const char *const keys[] = {"!field", "!op", "!value", NULL};
	const struct pb_field *f;
	const char *hint;
	int op;

	c->kind = PB_COND_COMPARE;
	if (!dec_map(d, n, "condition", keys))
		return;
	c->field = dec_ref(d, n, "field");
	op = enum_guess(d, n, "op", op_names, COUNT(op_names), op_words);
	c->op = op < 0 ? PB_OP_GE : (enum pb_op)op;
	f = find_field(pb, c->field.id);
	if (c->field.id && !f) {
		hint = d->diags->errors < ENOUGH_ERRORS ? str_suggest(c->field.id, field_ids(d, pb))
							: NULL;
		if (hint)
			dec_error(d, doc_get(n, "field"), "unknown field '%s' (did you mean '%s'?)",
				  c->field.id, hint);
		else
			dec_error(d, doc_get(n, "field"), "unknown field '%s'", c->field.id);
		return;
	}
	if (!f || f->type == FIELD_TYPE_UNKNOWN)
		return;
	if (f->type != PB_FIELD_INTEGER && f->type != PB_FIELD_NUMBER &&
	    f->type != PB_FIELD_DURATION) {
		dec_error(d, doc_get(n, "field"),
			  "field '%s' is of type %s; conditions compare integer, number or "
			  "duration fields",
			  c->field.id, field_type_names[f->type]);
		return;
	}
	build_compare_value(d, f, doc_get(n, "value"), c);
}

static const struct pb_cond *
build_cond(struct dec *d, const struct playbook *pb, const struct doc_node *n)
{
	struct pb_cond *c = arena_alloc(d->arena, sizeof(*c));
	const struct doc_node *all = doc_get(n, "all"), *any = doc_get(n, "any");
	const struct doc_node *l;
	struct pb_cond *kids;

	c->pos = dec_pos(n);
	if (!n || n->kind != DOC_MAP) {
		dec_error(d, n, "a condition must be a mapping (all:, any: or field/op/value), "
				"not %s", doc_kind_name(n));
		return c;
	}
	if (!all && !any) {
		build_compare(d, pb, n, c);
		return c;
	}
	if (n->n != 1) {
		dec_error(d, n, "'all' or 'any' must stand alone in its condition");
		return c;
	}
	c->kind = all ? PB_COND_ALL : PB_COND_ANY;
	l = dec_list(d, n, all ? "all" : "any");
	if (!l || l->n == 0) {
		/* Not a list at all has been reported by dec_list. */
		if (l || doc_is_null(all ? all : any))
			dec_error(d, all ? all : any, "'%s' needs a non-empty list of conditions",
				  all ? "all" : "any");
		return c;
	}
	kids = arena_array(d->arena, l->n, sizeof(*kids));
	for (size_t i = 0; i < l->n; i++)
		kids[i] = *build_cond(d, pb, l->items[i]);
	c->kids = kids;
	c->n = l->n;
	return c;
}

static void
build_criterion(struct dec *d, const struct playbook *pb, const struct doc_node *n,
		struct pb_criterion *c)
{
	static const char *const keys[] = {"!id", "!text", "when", "ask", "source", "note", NULL};
	const struct doc_node *when, *ask;

	if (!dec_map(d, n, named(d, n, "criterion"), keys))
		return;
	build_meta(d, n, &c->m);
	c->text = dec_str(d, n, "text");
	c->ask = dec_str(d, n, "ask");
	when = doc_get(n, "when");
	ask = doc_get(n, "ask");
	if (doc_is_null(when))
		when = NULL;
	if (when && ask && !doc_is_null(ask))
		dec_error(d, key_node(n, "when"), "a criterion has either 'when' (numeric) or "
						  "'ask' (qualitative), not both");
	else if (!when && doc_is_null(ask) && keys_known(n, keys))	/* else a misspelt one */
		dec_error(d, n, "criterion '%s' needs 'when' (a numeric condition) or 'ask' (a "
				"yes/no question)", c->m.id ? c->m.id : "?");
	else if (when)
		c->when = build_cond(d, pb, when);
}

static void
build_level(struct dec *d, const struct playbook *pb, const struct doc_node *n,
	    struct pb_level *lv)
{
	static const char *const keys[] = {"!id", "!name", "label", "!colour", "criteria",
					   "otherwise", "notify", "groups", "source", "note", NULL};
	const struct doc_node *l;
	struct pb_criterion *crit;
	int colour;

	if (!dec_map(d, n, named(d, n, "level"), keys))
		return;
	build_meta(d, n, &lv->m);
	lv->name = dec_str(d, n, "name");
	lv->label = dec_str(d, n, "label");
	colour = dec_enum(d, n, "colour", colour_names, COUNT(colour_names));
	lv->colour = colour < 0 ? PB_COLOUR_WHITE : (enum pb_colour)colour;
	lv->otherwise = dec_bool(d, n, "otherwise", false);
	crit = list_alloc(d, n, "criteria", sizeof(*crit), &l, &lv->n_criteria);
	for (size_t i = 0; i < lv->n_criteria; i++)
		build_criterion(d, pb, l->items[i], &crit[i]);
	lv->criteria = crit;
	lv->notify = dec_refs(d, n, "notify");
	lv->groups = dec_refs(d, n, "groups");
	/*
	 * An unknown key may be a misspelt 'criteria' or 'otherwise', and 'criteria'
	 * that are not a list have been reported: no second error then.
	 */
	l = doc_get(n, "criteria");
	if (lv->n_criteria == 0 && !lv->otherwise && keys_known(n, keys) &&
	    (doc_is_null(l) || l->kind == DOC_SEQ))
		dec_error(d, n, "level '%s' has no criteria and is not 'otherwise: true'; it "
				"could never be suggested", lv->m.id ? lv->m.id : "?");
}

/* ---- warnings ---- */

static void
build_warning_level(struct dec *d, const struct doc_node *n, struct pb_warning_level *w)
{
	static const char *const keys[] = {"!id", "!name", "label", "!colour", "level",
					   "source", "note", NULL};
	int colour;

	if (!dec_map(d, n, named(d, n, "warning level"), keys))
		return;
	build_meta(d, n, &w->m);
	w->name = dec_str(d, n, "name");
	w->label = dec_str(d, n, "label");
	colour = dec_enum(d, n, "colour", colour_names, COUNT(colour_names));
	w->colour = colour < 0 ? PB_COLOUR_WHITE : (enum pb_colour)colour;
	w->level = dec_ref(d, n, "level");
}

static void
build_warnings(struct dec *d, const struct doc_node *n, struct pb_warnings *w)
{
	static const char *const keys[] = {"!levels", "content", "issued_by", "proposed_by",
					   "lift", "source", "note", NULL};
	static const char *const lift_keys[] = {"by", "text", "source", "note", NULL};
	const struct doc_node *l, *lift;
	struct pb_warning_level *levels;

	if (!dec_map(d, n, "'warnings'", keys))
		return;
	w->present = true;
	w->source = dec_str(d, n, "source");
	w->issued_by = dec_ref(d, n, "issued_by");
	w->proposed_by = dec_ref(d, n, "proposed_by");
	levels = list_alloc(d, n, "levels", sizeof(*levels), &l, &w->n_levels);
	for (size_t i = 0; i < w->n_levels; i++)
		build_warning_level(d, l->items[i], &levels[i]);
	w->levels = levels;
	w->content = build_items(d, n, "content", "warning content item", &w->n_content);
	lift = doc_get(n, "lift");
	if (lift && dec_map(d, lift, "'lift'", lift_keys)) {
		w->has_lift = true;
		w->lift_by = dec_ref(d, lift, "by");
		w->lift_text = dec_str(d, lift, "text");
		w->lift_source = dec_str(d, lift, "source");
	}
}

/* ---- phases ---- */

/* "prefix:ID" -> ref to ID, positioned at the id; the id is NULL when it is not one. */
static bool
split_ref(struct dec *d, const struct doc_node *vn, const char *prefix, struct pb_ref *ref)
{
	size_t plen = strlen(prefix);

	if (strncmp(vn->str, prefix, plen) != 0)
		return false;
	ref->id = arena_strdup(d->arena, vn->str + plen);
	ref->pos.line = vn->line;
	ref->pos.col = vn->col + (int)plen + (vn->plain ? 0 : 1);
	if (!*ref->id)
		dec_error(d, vn, "'%s' needs an id after the colon", prefix);
	else if (!dec_is_id(ref->id))
		dec_error(d, vn, "'%s' is not a valid id after '%s'", dec_clip(d, ref->id), prefix);
	if (!dec_is_id(ref->id))
		ref->id = NULL;	/* reported: no "unknown" echo */
	return true;
}

/*
 * The form among `forms` ("leave", "tick:") that a mistyped event ("ticked:x",
 * "phase_start") was meant as, written out in full ("tick:x"); NULL if none.
 */
static const char *
event_hint(struct dec *d, const char *s, const char *const *forms)
{
	const char *colon = strchr(s, ':');
	char head[32];
	const char *hint;
	char buf[128];

	if (!colon)
		return str_suggest(s, forms);
	if ((size_t)(colon - s) + 2 > sizeof(head) || strlen(colon) > 64)
		return NULL;
	memcpy(head, s, (size_t)(colon - s) + 1);
	head[colon - s + 1] = '\0';
	hint = str_suggest(head, forms);
	if (!hint || hint[strlen(hint) - 1] != ':')
		return NULL;
	snprintf(buf, sizeof(buf), "%s%s", hint, colon + 1);
	return arena_strdup(d->arena, buf);
}

/* The scalar under `key` that names an event; NULL (reported unless absent) otherwise. */
static const struct doc_node *
event_node(struct dec *d, const struct doc_node *n, const char *key, const char *forms)
{
	const struct doc_node *vn = doc_get(n, key);

	if (!vn || doc_is_null(vn))
		return NULL;	/* missing: reported by dec_map */
	if (vn->kind != DOC_SCALAR) {
		dec_error(d, vn, "'%s' must be one of %s, not %s", key, forms, doc_kind_name(vn));
		return NULL;
	}
	return vn;
}

static void
unknown_event(struct dec *d, const struct doc_node *vn, const char *what, const char *forms,
	      const char *const *words)
{
	const char *hint = event_hint(d, vn->str, words);

	if (hint)
		dec_error(d, vn, "unknown %s '%s' (did you mean '%s'?)", what, dec_clip(d, vn->str),
			  hint);
	else
		dec_error(d, vn, "unknown %s '%s' (expected %s)", what, dec_clip(d, vn->str), forms);
}

static void
build_anchor(struct dec *d, const struct doc_node *n, struct pb_anchor *a)
{
	static const char *const words[] = {"phase-start", "incident-open", "field:",
					    "phase-end:", NULL};
	static const char forms[] = "field:ID, phase-start, phase-end:PHASE or incident-open";
	const struct doc_node *vn = event_node(d, n, "from", forms);

	if (!vn)
		return;
	if (strcmp(vn->str, "phase-start") == 0)
		a->kind = PB_ANCHOR_PHASE_START;
	else if (strcmp(vn->str, "incident-open") == 0)
		a->kind = PB_ANCHOR_INCIDENT_OPEN;
	else if (split_ref(d, vn, "field:", &a->ref))
		a->kind = PB_ANCHOR_FIELD;
	else if (split_ref(d, vn, "phase-end:", &a->ref))
		a->kind = PB_ANCHOR_PHASE_END;
	else
		unknown_event(d, vn, "deadline anchor", forms, words);
}

static void
build_met(struct dec *d, const struct doc_node *n, bool allow_leave, struct pb_met *m)
{
	static const char *const words[] = {"leave", "tick:", "leave:", "notify:", "field:",
					    NULL};
	static const char *const duty_words[] = {"tick:", "notify:", NULL};
	const char *forms = allow_leave ? "tick:ITEM, leave, leave:PHASE, notify:CONTACT or "
					  "field:ID"
					: "tick:ITEM or notify:CONTACT";
	const struct doc_node *vn = event_node(d, n, "met", forms);

	if (!vn)
		return;
	if (allow_leave && strcmp(vn->str, "leave") == 0)
		m->kind = PB_MET_LEAVE;
	else if (split_ref(d, vn, "tick:", &m->ref))
		m->kind = PB_MET_TICK;
	else if (split_ref(d, vn, "notify:", &m->ref))
		m->kind = PB_MET_NOTIFY;
	else if (allow_leave && split_ref(d, vn, "leave:", &m->ref))
		m->kind = PB_MET_LEAVE;
	else if (allow_leave && split_ref(d, vn, "field:", &m->ref))
		m->kind = PB_MET_FIELD;
	else if (!allow_leave && (strcmp(vn->str, "leave") == 0 ||
				  str_starts_with(vn->str, "leave:") ||
				  str_starts_with(vn->str, "field:")))
		dec_error(d, vn, "a repeating duty is met only by tick:ITEM or notify:CONTACT, "
				 "not '%s'", dec_clip(d, vn->str));
	else
		unknown_event(d, vn, "'met' event", forms, allow_leave ? words : duty_words);
}

static void
bad_until(struct dec *d, const struct doc_node *until)
{
	if (until->kind == DOC_SCALAR)
		dec_error(d, until, "'until' must be 'end-of-day' (by the end of the same day), "
				    "not '%s'", dec_clip(d, until->str));
	else
		dec_error(d, until, "'until' must be 'end-of-day' (by the end of the same day), "
				    "not %s", doc_kind_name(until));
}

static void
build_deadline(struct dec *d, const struct doc_node *n, struct pb_deadline *dl)
{
	static const char *const keys[] = {"!id", "!text", "!from", "within", "until", "!met",
					   "local", "source", "note", NULL};
	const struct doc_node *within = doc_get(n, "within"), *until = doc_get(n, "until");

	if (!dec_map(d, n, named(d, n, "deadline"), keys))
		return;
	if (doc_is_null(within))
		within = NULL;
	if (doc_is_null(until))
		until = NULL;
	build_meta(d, n, &dl->m);
	dl->text = dec_str(d, n, "text");
	build_anchor(d, n, &dl->from);
	build_met(d, n, true, &dl->met);
	dl->local = dec_bool(d, n, "local", false);
	if (within && until) {
		dec_error(d, key_node(n, "until"), "a deadline has either 'within' or 'until', "
						   "not both");
	} else if (within) {
		dec_duration(d, n, "within", 0, &dl->within);
	} else if (until) {
		if (until->kind == DOC_SCALAR && strcmp(until->str, "end-of-day") == 0)
			dl->end_of_day = true;
		else
			bad_until(d, until);
	} else if (keys_known(n, keys)) {	/* else perhaps a misspelt 'within' */
		dec_error(d, n, "deadline '%s' needs 'within' (a duration) or 'until: end-of-day'",
			  dl->m.id ? dl->m.id : "?");
	}
}

static void
build_duty(struct dec *d, const struct doc_node *n, struct pb_duty *du)
{
	static const char *const keys[] = {"!id", "!text", "!every", "!met", "local", "source",
					   "note", NULL};

	if (!dec_map(d, n, named(d, n, "duty"), keys))
		return;
	build_meta(d, n, &du->m);
	du->text = dec_str(d, n, "text");
	dec_duration(d, n, "every", 0, &du->every);
	build_met(d, n, false, &du->met);
	du->local = dec_bool(d, n, "local", false);
}

static void
build_item(struct dec *d, const struct doc_node *n, struct pb_check_item *it)
{
	static const char *const keys[] = {"!id", "!text", "by", "required", "source", "note",
					   NULL};

	if (!dec_map(d, n, named(d, n, "checklist item"), keys))
		return;
	build_meta(d, n, &it->m);
	it->text = dec_str(d, n, "text");
	it->by = dec_ref(d, n, "by");
	it->required = dec_bool(d, n, "required", true);
}

static void
build_decision(struct dec *d, const struct doc_node *n, struct pb_decision *dc)
{
	static const char *const keys[] = {"!id", "!label", "!to", "checked", "reason", "by",
					   "levels", "source", "note", NULL};

	if (!dec_map(d, n, named(d, n, "decision"), keys))
		return;
	build_meta(d, n, &dc->m);
	dc->label = dec_str(d, n, "label");
	dc->to = dec_ref(d, n, "to");
	dc->checked = dec_bool(d, n, "checked", true);
	dc->reason = dec_bool(d, n, "reason", false);
	dc->by = dec_refs(d, n, "by");
	dc->levels = dec_refs(d, n, "levels");
}

static void
build_phase_lists(struct dec *d, const struct doc_node *n, struct pb_phase *ph)
{
	const struct doc_node *l;
	struct pb_check_item *items;
	struct pb_decision *decs;
	struct pb_deadline *dls;
	struct pb_duty *duties;

	items = list_alloc(d, n, "checklist", sizeof(*items), &l, &ph->n_items);
	for (size_t i = 0; i < ph->n_items; i++)
		build_item(d, l->items[i], &items[i]);
	decs = list_alloc(d, n, "decisions", sizeof(*decs), &l, &ph->n_decisions);
	for (size_t i = 0; i < ph->n_decisions; i++)
		build_decision(d, l->items[i], &decs[i]);
	dls = list_alloc(d, n, "deadlines", sizeof(*dls), &l, &ph->n_deadlines);
	for (size_t i = 0; i < ph->n_deadlines; i++)
		build_deadline(d, l->items[i], &dls[i]);
	duties = list_alloc(d, n, "duties", sizeof(*duties), &l, &ph->n_duties);
	for (size_t i = 0; i < ph->n_duties; i++)
		build_duty(d, l->items[i], &duties[i]);
	ph->items = items;
	ph->decisions = decs;
	ph->deadlines = dls;
	ph->duties = duties;
}

static void
build_phase(struct dec *d, const struct doc_node *n, struct pb_phase *ph)
{
	static const char *const keys[] = {"!id", "!title", "!kind", "start", "description",
					   "fields", "level_required", "checklist", "decisions",
					   "deadlines", "duties", "source", "note", NULL};
	int kind;

	if (!dec_map(d, n, named(d, n, "phase"), keys))
		return;
	build_meta(d, n, &ph->m);
	ph->title = dec_str(d, n, "title");
	kind = enum_guess(d, n, "kind", phase_kind_names, COUNT(phase_kind_names),
			  phase_kind_words);
	/* Beyond guessing, a phase without decisions was surely meant to be closed. */
	if (kind < 0)
		kind = doc_get(n, "decisions") ? PB_PHASE_HANDLING : PB_PHASE_CLOSED;
	ph->kind = (enum pb_phase_kind)kind;
	/* A 'start' whose value is beyond reading (reported) was surely meant as true. */
	ph->start = dec_bool(d, n, "start", !doc_is_null(doc_get(n, "start")));
	ph->description = dec_str(d, n, "description");
	ph->fields = dec_refs(d, n, "fields");
	ph->level_required = dec_bool(d, n, "level_required", false);
	build_phase_lists(d, n, ph);
}

/* ---- escalation, reporting, retention ---- */

static void
build_escalation(struct dec *d, const struct doc_node *n, struct pb_escalation *e)
{
	static const char *const keys[] = {"!id", "!text", "!levels", "!to", "order", "within",
					   "source", "note", NULL};
	static const char *const orders[] = {"parallel", "stepwise"};

	if (!dec_map(d, n, named(d, n, "escalation route"), keys))
		return;
	build_meta(d, n, &e->m);
	e->text = dec_str(d, n, "text");
	e->levels = dec_refs(d, n, "levels");
	e->to = dec_refs(d, n, "to");
	need_items(d, n, "levels", "level");
	need_items(d, n, "to", "contact");
	e->stepwise = dec_enum(d, n, "order", orders, COUNT(orders)) == 1;
	dec_duration(d, n, "within", 0, &e->within);
}

static enum pb_cadence *
build_cadences(struct dec *d, const struct doc_node *map, const char *key, size_t *n)
{
	const struct doc_node *l = dec_list(d, map, key);
	enum pb_cadence *v = arena_array(d->arena, l ? l->n : 0, sizeof(*v));

	*n = 0;
	for (size_t i = 0; l && i < l->n; i++) {
		int c = dec_enum_node(d, l->items[i], "cadence", cadence_names, COUNT(cadence_names));

		if (c >= 0)
			v[(*n)++] = (enum pb_cadence)c;
	}
	return v;
}

static void
build_bulletin_timing(struct dec *d, const struct doc_node *n, struct pb_bulletin *b)
{
	const struct doc_node *until = doc_get(n, "until"), *during = doc_get(n, "during");
	int cadence = dec_enum(d, n, "cadence", cadence_names, COUNT(cadence_names));

	b->cadence = cadence < 0 ? PB_CADENCE_NONE : (enum pb_cadence)cadence;
	b->alternatives = build_cadences(d, n, "cadence_alternatives", &b->n_alternatives);
	b->tightened = build_cadences(d, n, "tightened", &b->n_tightened);
	dec_duration(d, n, "within", 0, &b->within);
	if (until && !doc_is_null(until)) {
		if (until->kind == DOC_SCALAR && strcmp(until->str, "end-of-day") == 0)
			b->end_of_day = true;
		else
			bad_until(d, until);
	}
	if (during && !doc_is_null(during)) {
		if (during->kind == DOC_SCALAR && strcmp(during->str, "declared-period") == 0)
			b->declared_period = true;
		else if (during->kind == DOC_SCALAR)
			dec_error(d, during, "'during' must be 'declared-period', not '%s'",
				  dec_clip(d, during->str));
		else
			dec_error(d, during, "'during' must be 'declared-period', not %s",
				  doc_kind_name(during));
	}
}

static void
build_bulletin(struct dec *d, const struct doc_node *n, struct pb_bulletin *b)
{
	static const char *const keys[] = {"!id", "!name", "!kind", "cadence",
					   "cadence_alternatives", "tightened", "within", "until",
					   "channels", "from", "to", "during", "content", "source",
					   "note", NULL};
	enum pb_channel *channels = arena_array(d->arena, PB_CHANNEL_COUNT, sizeof(*channels));
	int kind;

	if (!dec_map(d, n, named(d, n, "reporting duty"), keys))
		return;
	build_meta(d, n, &b->m);
	b->name = dec_str(d, n, "name");
	kind = dec_enum(d, n, "kind", bulletin_kind_names, COUNT(bulletin_kind_names));
	b->kind = kind < 0 ? PB_BULLETIN_ROUTINE : (enum pb_bulletin_kind)kind;
	build_bulletin_timing(d, n, b);
	build_channels(d, n, "channels", channels, &b->n_channels);
	b->channels = channels;
	b->from = dec_refs(d, n, "from");
	b->to = dec_refs(d, n, "to");
	b->content = build_items(d, n, "content", "content item", &b->n_content);
}

static void
build_retention(struct dec *d, const struct doc_node *n, struct pb_retention *r)
{
	static const char *const keys[] = {"!id", "!what", "!keep", "minimum", "source", "note",
					   NULL};

	if (!dec_map(d, n, named(d, n, "retention rule"), keys))
		return;
	build_meta(d, n, &r->m);
	r->what = dec_str(d, n, "what");
	if (dec_duration(d, n, "keep", DURATION_ALLOW_LONG, &r->keep))
		r->keep_text = dec_str(d, n, "keep");
	r->minimum = dec_bool(d, n, "minimum", true);
}

/* ---- top level ---- */

#define BUILD_SECTION(key, arr, fn) \
	do { \
		const struct doc_node *l_; \
		pb->arr = list_alloc(d, root, key, sizeof(*pb->arr), &l_, &pb->n_##arr); \
		for (size_t i_ = 0; i_ < pb->n_##arr; i_++) \
			fn(d, l_->items[i_], &pb->arr[i_]); \
	} while (0)

static void
build_all(struct dec *d, const struct doc_node *root, struct playbook *pb)
{
	static const char *const keys[] = {"!yingji_playbook", "!plan", "!organisation",
					   "contacts", "!categories", "!fields", "!levels",
					   "warnings", "!phases", "escalations", "reporting",
					   "retention", NULL};
	const struct doc_node *l;
	bool any_known = false;

	/* Another YAML file given by mistake: one error, not one per key. */
	for (size_t i = 0; root->kind == DOC_MAP && i < root->n; i++)
		any_known |= key_known(root->pairs[i].key->str, keys);
	if (root->kind == DOC_MAP && doc_get(root, "yingji_contacts")) {
		dec_error(d, root, "this is a local contacts file ('yingji_contacts'), not a "
				   "playbook");
		return;
	}
	if (root->kind == DOC_MAP && !any_known) {
		dec_error(d, root, "this is not a yingji playbook: it has none of a playbook's keys "
				   "(a playbook starts with 'yingji_playbook: 1')");
		return;
	}
	if (!dec_map(d, root, "the playbook", keys))
		return;
	dec_version(d, root, "yingji_playbook", "playbook");
	need_items(d, root, "categories", "category");
	need_items(d, root, "fields", "field");
	need_items(d, root, "levels", "level");
	need_items(d, root, "phases", "phase");
	/* An empty one has been reported by dec_map. */
	if (!doc_is_null(doc_get(root, "plan")))
		build_plan(d, doc_get(root, "plan"), &pb->plan);
	if (!doc_is_null(doc_get(root, "organisation")))
		build_organisation(d, doc_get(root, "organisation"), pb);
	BUILD_SECTION("contacts", contacts, build_contact);
	BUILD_SECTION("categories", categories, build_category);
	BUILD_SECTION("fields", fields, build_field);
	pb->levels = list_alloc(d, root, "levels", sizeof(*pb->levels), &l, &pb->n_levels);
	for (size_t i = 0; i < pb->n_levels; i++)
		build_level(d, pb, l->items[i], &pb->levels[i]);
	if (doc_get(root, "warnings") && !doc_is_null(doc_get(root, "warnings")))
		build_warnings(d, doc_get(root, "warnings"), &pb->warnings);
	BUILD_SECTION("phases", phases, build_phase);
	BUILD_SECTION("escalations", escalations, build_escalation);
	BUILD_SECTION("reporting", bulletins, build_bulletin);
	BUILD_SECTION("retention", retention, build_retention);
}

enum yj_status
playbook_from_doc(const struct doc *doc, struct playbook **out, struct diag_list *diags)
{
	struct arena *arena = arena_new();
	struct playbook *pb = arena_alloc(arena, sizeof(*pb));
	struct dec d = {diags, doc->file, arena};
	size_t errors_before = diags->errors;

	*out = NULL;
	pb->arena = arena;
	pb->file = arena_strdup(arena, doc->file);
	if (!doc->root) {
		diag_add(diags, DIAG_ERROR, doc->file, 1, 1,
			 "no playbook in the file (it is empty or holds only comments); a "
			 "playbook starts with 'yingji_playbook: 1'");
		arena_free(&arena);
		return YJ_ERR_DATA;
	}
	build_all(&d, doc->root, pb);
	/* Check references even after build errors: one run reports every problem. */
	playbook_check(&d, pb);
	if (diags->errors > errors_before) {
		arena_free(&arena);
		return YJ_ERR_DATA;
	}
	*out = pb;
	return YJ_OK;
}
