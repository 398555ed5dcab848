/*
 * Build a local contacts file from a document tree, checked against the
 * playbook in use, and look its people up for an incident.  The format is
 * documented in man/yingji-playbook.5 (THE LOCAL CONTACTS FILE); keep the two
 * in step.
 */
#include "config.h"

#include "core/contact_book.h"
#include "core/decode.h"
#include "util/arena.h"
#include "util/str.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct contact_book {
	struct arena *arena;
	const char *file, *plan;
	size_t n;
	struct cb_entry *v;
};

/* Past this many errors decode.c reports no more; skip the costly hints too. */
enum { ENOUGH_ERRORS = 100 };

/* Columns given to the person in contact_book_line(): four 汉字 and a space or two. */
enum { PERSON_COLS = 10 };

/*
 * Whether a plain (unquoted) scalar is one that YAML reads as a number: digits
 * with '_', '.', ':' (1.1's base 60) and an exponent, after an optional sign, or
 * 0x/0o/0b forms.  "0355-000-0000" is text; 13800000000 and +8613800000000 are
 * numbers, and 0138... is even octal in YAML 1.1: a leading 0 or + is lost.
 */
static bool
reads_as_number(const char *s)
{
	bool digit = false;

	if (*s == '+' || *s == '-')
		s++;
	if (s[0] == '0' && s[1] && strchr("xXoObB", s[1]))
		return s[2] != '\0';
	for (const char *p = s; *p; p++) {
		if (*p >= '0' && *p <= '9')
			digit = true;
		else if ((*p == '+' || *p == '-') && p > s && (p[-1] == 'e' || p[-1] == 'E'))
			continue;
		else if (!strchr("_.:eE", *p))
			return false;
	}
	return digit;
}

/* What YAML reads a plain scalar as when it is not text; NULL for text. */
static const char *
non_text(const struct doc_node *v)
{
	static const char *const bools[] = {"true", "false", "yes", "no", "on", "off", "y", "n"};

	if (!v->plain)
		return NULL;
	if (reads_as_number(v->str) && v->str[0] == '+')
		return "a number, and drops the '+'";
	if (reads_as_number(v->str) && v->str[0] == '0' && v->str[1])
		return "a number, and drops the leading 0";
	if (reads_as_number(v->str))
		return "a number";
	for (size_t i = 0; i < sizeof(bools) / sizeof(bools[0]); i++)
		if (strcasecmp(v->str, bools[i]) == 0)
			return "true or false";
	return NULL;
}

/* A non-empty, one-line string under `key`, without control characters; NULL when absent/bad. */
static const char *
text_value(struct dec *d, const struct doc_node *map, const char *key)
{
	const struct doc_node *v = doc_get(map, key);
	const char *s = dec_str(d, map, key);
	uint32_t cp;

	if (s && text_has_control(s, &cp)) {
		dec_error(d, v, "'%s' must be one line of plain text; it holds the control "
				"character U+%04X", key, (unsigned)cp);
		return NULL;
	}
	return s;
}

/* A phone number: text, and never a bare number that YAML would turn into one. */
static const char *
phone_value(struct dec *d, const struct doc_node *map, const char *key)
{
	const struct doc_node *v = doc_get(map, key);
	const char *why = v && v->kind == DOC_SCALAR && !doc_is_null(v) ? non_text(v) : NULL;

	if (why) {
		dec_error(d, v, "'%s' must be written in quotes, \"%s\": unquoted, YAML reads it "
				"as %s", key, dec_clip(d, v->str), why);
		return NULL;
	}
	return text_value(d, map, key);
}

static void
unknown_contact(struct dec *d, const struct doc_node *n, const struct playbook *pb,
		const char *id)
{
	size_t count = playbook_contact_count(pb);
	const char **names = xcalloc(count + 1, sizeof(*names));
	const char *hint = NULL;

	for (size_t i = 0; i < count; i++)
		names[i] = playbook_contact(pb, i)->m.id;
	/* Past the errors decode.c reports, the search for a hint is wasted. */
	if (d->diags->errors < ENOUGH_ERRORS)
		hint = str_suggest(id, names);
	if (hint)
		dec_error(d, n, "unknown contact '%s' in plan '%s' (did you mean '%s'?)",
			  dec_clip(d, id), playbook_plan(pb)->id, hint);
	else
		dec_error(d, n, "unknown contact '%s': plan '%s' has no contact of that id",
			  dec_clip(d, id), playbook_plan(pb)->id);
	free(names);
}

static void
build_entry(struct dec *d, const struct doc_node *n, const struct playbook *pb,
	    struct cb_entry *e)
{
	static const char *const keys[] = {"!contact", "!person", "!phone", "mobile", "note",
					   NULL};

	const struct doc_node *id = doc_get(n, "contact");
	char what[100] = "a contacts entry";

	if (id && id->kind == DOC_SCALAR && dec_is_id(id->str))
		snprintf(what, sizeof(what), "the entry for contact '%s'", id->str);
	e->pos = dec_pos(n);
	if (!dec_map(d, n, what, keys))
		return;
	e->contact = dec_id(d, n, "contact");
	if (e->contact && pb && !playbook_find_contact(pb, e->contact)) {
		unknown_contact(d, doc_get(n, "contact"), pb, e->contact);
		e->contact = NULL;
	}
	e->person = text_value(d, n, "person");
	e->phone = phone_value(d, n, "phone");
	e->mobile = phone_value(d, n, "mobile");
	e->note = text_value(d, n, "note");
}

static int
by_contact(const void *a, const void *b)
{
	const struct cb_entry *x = *(const struct cb_entry *const *)a;
	const struct cb_entry *y = *(const struct cb_entry *const *)b;
	int c = strcmp(x->contact, y->contact);

	if (c)
		return c;
	return x->pos.line != y->pos.line ? (x->pos.line < y->pos.line ? -1 : 1)
					  : (x->pos.col > y->pos.col) - (x->pos.col < y->pos.col);
}

/* One person per contact: a second entry would leave which number to call to chance.
 * Sorted, not compared pairwise: a hostile file may hold tens of thousands. */
static void
check_duplicates(struct dec *d, const struct doc_node *list, struct contact_book *b)
{
	const struct cb_entry **sorted = xcalloc(b->n + 1, sizeof(*sorted));
	const struct cb_entry *first;
	size_t k = 0;

	for (size_t i = 0; i < b->n; i++)
		if (b->v[i].contact)
			sorted[k++] = &b->v[i];
	qsort(sorted, k, sizeof(*sorted), by_contact);
	first = k ? sorted[0] : NULL;
	for (size_t i = 1; i < k; i++) {
		const struct cb_entry *e = sorted[i];

		if (strcmp(e->contact, first->contact) != 0) {
			first = e;
			continue;
		}
		dec_error(d, doc_get(list->items[e - b->v], "contact"),
			  "contact '%s' is given twice (first at line %d); keep one person for it",
			  e->contact, first->pos.line);
	}
	free(sorted);
}

/* The plan; false when it is not the playbook's (whose ids are then not the file's). */
static bool
build_plan(struct dec *d, const struct doc_node *root, const struct playbook *pb,
	   struct contact_book *b)
{
	const char *plan = dec_id(d, root, "plan");

	b->plan = plan ? plan : pb ? arena_strdup(b->arena, playbook_plan(pb)->id) : NULL;
	if (!plan || !pb || str_eq(plan, playbook_plan(pb)->id))
		return true;
	dec_error(d, doc_get(root, "plan"),
		  "this file is for plan '%s', but the playbook in use (%s) is plan '%s'; name the "
		  "plan's playbook with --playbook or YINGJI_PLAYBOOK",
		  plan, playbook_file(pb), playbook_plan(pb)->id);
	return false;
}

static void
build_all(struct dec *d, const struct doc_node *root, const struct playbook *pb,
	  struct contact_book *b)
{
	static const char *const keys[] = {"!yingji_contacts", "plan", "!contacts", NULL};
	const struct doc_node *list;

	/* A playbook named as the contacts file: one error, not one per key. */
	if (root->kind == DOC_MAP && doc_get(root, "yingji_playbook")) {
		dec_error(d, root, "this is a playbook ('yingji_playbook'), not a local contacts "
				   "file (which starts with 'yingji_contacts: 1')");
		return;
	}
	if (!dec_map(d, root, "the local contacts file", keys))
		return;
	dec_version(d, root, "yingji_contacts", "contacts file");
	/* Another plan's ids would all be unknown: one error says it, not one per entry. */
	if (!build_plan(d, root, pb, b))
		pb = NULL;
	list = dec_list(d, root, "contacts");
	if (list && list->n == 0)
		dec_error(d, list, "'contacts' is empty: list at least one contact, or remove the "
				   "file");
	b->n = list ? list->n : 0;
	b->v = arena_array(b->arena, b->n, sizeof(*b->v));
	for (size_t i = 0; i < b->n; i++)
		build_entry(d, list->items[i], pb, &b->v[i]);
	if (list)
		check_duplicates(d, list, b);
}

enum yj_status
contact_book_from_doc(const struct doc *doc, const struct playbook *pb,
		      struct contact_book **out, struct diag_list *diags)
{
	struct arena *arena = arena_new();
	struct contact_book *b = arena_alloc(arena, sizeof(*b));
	struct dec d = {diags, doc->file, arena};
	size_t errors_before = diags->errors;

	*out = NULL;
	b->arena = arena;
	b->file = arena_strdup(arena, doc->file);
	if (!doc->root)
		diag_add(diags, DIAG_ERROR, doc->file, 1, 1,
			 "no contacts in the file (it is empty or holds only comments); a local "
			 "contacts file starts with 'yingji_contacts: 1'");
	else
		build_all(&d, doc->root, pb, b);
	if (diags->errors > errors_before || !pb) {
		arena_free(&arena);
		return YJ_ERR_DATA;
	}
	*out = b;
	return YJ_OK;
}

void
contact_book_free(struct contact_book **b)
{
	struct arena *a;

	if (!b || !*b)
		return;
	a = (*b)->arena;
	*b = NULL;	/* the book lives in its own arena */
	arena_free(&a);
}

const char *
contact_book_file(const struct contact_book *b)
{
	return b->file;
}

const char *
contact_book_plan(const struct contact_book *b)
{
	return b->plan;
}

size_t
contact_book_count(const struct contact_book *b)
{
	return b->n;
}

const struct cb_entry *
contact_book_entry(const struct contact_book *b, size_t i)
{
	return &b->v[i];
}

bool
contact_book_applies(const struct contact_book *b, const struct incident *st)
{
	return b && st && !st->drill && str_eq(b->plan, playbook_plan(st->pb)->id);
}

const struct cb_entry *
contact_book_find(const struct contact_book *b, const struct incident *st, const char *id)
{
	if (!contact_book_applies(b, st) || !id)
		return NULL;
	for (size_t i = 0; i < b->n; i++)
		if (str_eq(b->v[i].contact, id))
			return &b->v[i];
	return NULL;
}

void
contact_book_line(const struct cb_entry *e, struct strbuf *out)
{
	text_fit(out, e->person, PERSON_COLS, true);
	sb_append(out, " ");
	text_sanitize(out, e->phone, 0);
	if (e->mobile) {
		sb_append(out, "  mobile ");
		text_sanitize(out, e->mobile, 0);
	}
	if (e->note) {
		sb_append(out, "  ");
		text_sanitize(out, e->note, 0);
	}
}

static struct value *
str_or_null(const char *s)
{
	return s ? value_str(s) : value_null();
}

struct value *
contact_book_value(const struct contact_book *b, const struct incident *st)
{
	struct value *o;

	if (!contact_book_applies(b, st))
		return NULL;
	o = value_obj();
	for (size_t i = 0; i < b->n; i++) {
		const struct cb_entry *e = &b->v[i];
		struct value *p;

		if (!playbook_find_contact(st->pb, e->contact))
			continue;	/* a contact this version of the plan does not have */
		p = value_set(o, e->contact, value_obj());
		value_set_str(p, "person", e->person);
		value_set_str(p, "phone", e->phone);
		value_set(p, "mobile", str_or_null(e->mobile));
		value_set(p, "note", str_or_null(e->note));
	}
	return o;
}
