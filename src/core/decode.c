#include "config.h"

#include "core/decode.h"
#include "util/arena.h"
#include "util/duration.h"
#include "util/str.h"
#include "util/strbuf.h"
#include "util/text.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/*
 * Past this many errors, more would only bury the first ones, and a hostile file
 * can make a hundred thousand.  playbook_build.c and playbook_check.c skip their
 * costly "did you mean" searches past the same count (ENOUGH_ERRORS there).
 */
enum { MAX_ERRORS = 100 };

static void
dec_vadd(struct dec *d, enum diag_severity sev, const struct doc_node *n, const char *fmt,
	 va_list ap)
{
	if (d->diags->errors >= MAX_ERRORS) {
		if (d->diags->errors == MAX_ERRORS)
			diag_add(d->diags, DIAG_ERROR, d->file, n ? n->line : 0, n ? n->col : 0,
				 "too many errors (more than %d); stopping here", MAX_ERRORS);
		return;
	}
	diag_vadd(d->diags, sev, d->file, n ? n->line : 0, n ? n->col : 0, fmt, ap);
}

void
dec_error(struct dec *d, const struct doc_node *n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	dec_vadd(d, DIAG_ERROR, n, fmt, ap);
	va_end(ap);
}

void
dec_warn(struct dec *d, const struct doc_node *n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	dec_vadd(d, DIAG_WARNING, n, fmt, ap);
	va_end(ap);
}

static const char *
key_name(const char *spec)
{
	return spec[0] == '!' ? spec + 1 : spec;
}

/*
 * A value from the file, cut short for a message: a stray line can hold a
 * megabyte, and one diagnostic should stay one line.
 */
const char *
dec_clip(struct dec *d, const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	const char *out;

	if (strlen(s) <= 60)
		return s;
	text_fit(&sb, s, 40, false);
	out = arena_strdup(d->arena, sb_str(&sb));
	sb_free(&sb);
	return out;
}

/* Report an unknown key; returns the key it probably means, or NULL. */
static const char *
unknown_key(struct dec *d, const struct doc_node *key, const char *what,
	    const char *const *keys)
{
	const char *names[64];
	size_t n = 0;
	const char *hint;

	for (size_t i = 0; keys[i] && n < 63; i++)
		names[n++] = key_name(keys[i]);
	names[n] = NULL;
	hint = str_suggest(key->str, names);
	/* Two edits away and a different first letter is a guess, not a typo ('kind', 'id'). */
	if (hint && hint[0] != key->str[0] && str_edit_distance(key->str, hint) > 1)
		hint = NULL;
	if (hint) {
		dec_error(d, key, "unknown key '%s' in %s (did you mean '%s'?)", dec_clip(d, key->str),
			  what, hint);
	} else {
		struct strbuf sb = STRBUF_INIT;

		for (size_t i = 0; i < n; i++)
			sb_printf(&sb, "%s%s", i ? ", " : "", names[i]);
		dec_error(d, key, "unknown key '%s' in %s (expected one of: %s)", dec_clip(d, key->str),
			  what, sb_str(&sb));
		sb_free(&sb);
	}
	return hint;
}

static bool
among(const char *const *names, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i], s) == 0)
			return true;
	return false;
}

static bool
among_keys(const char *const *keys, const char *s)
{
	for (size_t k = 0; keys[k]; k++)
		if (strcmp(key_name(keys[k]), s) == 0)
			return true;
	return false;
}

/*
 * Report the required keys of `n` that are absent, in one message.  A key that
 * an unknown key was taken for ("titel" for "title") is left out: the hint has
 * said it already.
 */
static void
missing_keys(struct dec *d, const struct doc_node *n, const char *what,
	     const char *const *keys, const char *const *hinted, size_t n_hinted)
{
	struct strbuf sb = STRBUF_INIT;
	const char *last = NULL;
	size_t count = 0;

	for (size_t k = 0; keys[k]; k++) {
		const char *name = keys[k] + 1;
		const struct doc_node *v;

		if (keys[k][0] != '!')
			continue;
		v = doc_get(n, name);
		if (v && doc_is_null(v))
			dec_error(d, v, "'%s' must not be empty", name);
		if (v || among(hinted, n_hinted, name))
			continue;
		if (last)
			sb_printf(&sb, "%s'%s'", count > 1 ? ", " : "", last);
		last = name;
		count++;
	}
	if (count == 1)
		dec_error(d, n, "%s is missing the required key '%s'", what, last);
	else if (count > 1)
		dec_error(d, n, "%s is missing the required keys %s and '%s'", what, sb_str(&sb),
			  last);
	sb_free(&sb);
}

bool
dec_map(struct dec *d, const struct doc_node *n, const char *what, const char *const *keys)
{
	const char *hinted[64];
	size_t n_hinted = 0;

	if (!n || n->kind != DOC_MAP) {
		dec_error(d, n, "%s must be a mapping of keys to values, not %s", what,
			  doc_kind_name(n));
		return false;
	}
	for (size_t i = 0; i < n->n; i++) {
		const struct doc_node *key = n->pairs[i].key;
		const char *hint;

		if (among_keys(keys, key->str))
			continue;
		hint = unknown_key(d, key, what, keys);
		if (hint && n_hinted < 64)
			hinted[n_hinted++] = hint;
	}
	missing_keys(d, n, what, keys, hinted, n_hinted);
	return true;
}

const struct doc_node *
dec_list(struct dec *d, const struct doc_node *map, const char *key)
{
	const struct doc_node *v = doc_get(map, key);

	if (!v || doc_is_null(v))
		return NULL;
	if (v->kind == DOC_MAP) {
		dec_error(d, v, "'%s' must be a list, not a mapping (is the '- ' before its first "
				"item missing?)", key);
		return NULL;
	}
	if (v->kind != DOC_SEQ) {
		dec_error(d, v, "'%s' must be a list, not %s", key, doc_kind_name(v));
		return NULL;
	}
	return v;
}

const char *
dec_str_node(struct dec *d, const struct doc_node *n, const char *what)
{
	if (!n)
		return NULL;
	if (n->kind != DOC_SCALAR) {
		dec_error(d, n, "%s must be a string, not %s", what, doc_kind_name(n));
		return NULL;
	}
	if (doc_is_null(n) || n->len == 0) {
		dec_error(d, n, "%s must not be empty", what);
		return NULL;
	}
	return arena_strndup(d->arena, n->str, n->len);
}

const char *
dec_str(struct dec *d, const struct doc_node *map, const char *key)
{
	const struct doc_node *v = doc_get(map, key);
	char what[80];

	if (!v || doc_is_null(v))
		return NULL;	/* missing required keys are reported by dec_map */
	snprintf(what, sizeof(what), "'%s'", key);
	return dec_str_node(d, v, what);
}

bool
dec_is_id(const char *s)
{
	size_t len = strlen(s);

	if (len == 0 || len > 48)
		return false;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');

		if (!alnum && (i == 0 || !strchr("_.-", c)))
			return false;
	}
	return true;
}

static const char *
check_id(struct dec *d, const struct doc_node *n, const char *s)
{
	if (s && !dec_is_id(s)) {
		dec_error(d, n,
			  "'%s' is not a valid id (use ASCII letters, digits, '_', '.', '-'; "
			  "at most 48 characters, starting with a letter or digit)",
			  dec_clip(d, s));
		return NULL;
	}
	return s;
}

const char *
dec_id(struct dec *d, const struct doc_node *map, const char *key)
{
	const struct doc_node *v = doc_get(map, key);

	return check_id(d, v, dec_str(d, map, key));
}

void
dec_version(struct dec *d, const struct doc_node *root, const char *key, const char *what)
{
	const struct doc_node *v = doc_get(root, key);

	if (!v || doc_is_null(v))
		return;	/* reported by dec_map */
	if (v->kind != DOC_SCALAR)
		dec_error(d, v, "'%s' must be the format version, 1, not %s", key,
			  doc_kind_name(v));
	else if (strcmp(v->str, "1") != 0)
		dec_error(d, v, "unsupported %s format version '%s' (this yingji reads version 1)",
			  what, dec_clip(d, v->str));
}

/* Whether a scalar spells true or false in any case: one of `words`. */
static bool
spelled(const char *s, const char *const *words)
{
	for (size_t i = 0; words[i]; i++)
		if (strcasecmp(s, words[i]) == 0)
			return true;
	return false;
}

bool
dec_bool(struct dec *d, const struct doc_node *map, const char *key, bool dflt)
{
	/* What YAML 1.1 and other languages take for booleans; a guess to go on with. */
	static const char *const yes[] = {"true", "yes", "y", "on", "1", NULL};
	static const char *const no[] = {"false", "no", "n", "off", "0", NULL};
	const struct doc_node *v = doc_get(map, key);

	if (!v || doc_is_null(v))
		return dflt;
	if (v->kind != DOC_SCALAR) {
		dec_error(d, v, "'%s' must be true or false, not %s", key, doc_kind_name(v));
		return dflt;
	}
	if (v->plain) {
		if (!strcmp(v->str, "true") || !strcmp(v->str, "True") || !strcmp(v->str, "TRUE"))
			return true;
		if (!strcmp(v->str, "false") || !strcmp(v->str, "False") ||
		    !strcmp(v->str, "FALSE"))
			return false;
	}
	if (!v->plain && (!strcmp(v->str, "true") || !strcmp(v->str, "false")))
		dec_error(d, v, "'%s' must be true or false without quotes (quoted, it is text)",
			  key);
	else
		dec_error(d, v, "'%s' must be true or false, not '%s'", key, dec_clip(d, v->str));
	/* Go on with what was most likely meant, so that no follow-on error appears. */
	if (spelled(v->str, yes))
		return true;
	if (spelled(v->str, no))
		return false;
	return dflt;
}

bool
dec_number(struct dec *d, const struct doc_node *map, const char *key, double *out)
{
	const struct doc_node *v = doc_get(map, key);

	if (!v || doc_is_null(v))
		return false;
	if (v->kind != DOC_SCALAR) {
		dec_error(d, v, "'%s' must be a number, not %s", key, doc_kind_name(v));
		return false;
	}
	if (!str_to_double(v->str, out)) {
		dec_error(d, v, "'%s' must be a number, not '%s'", key, dec_clip(d, v->str));
		return false;
	}
	return true;
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

bool
dec_duration(struct dec *d, const struct doc_node *map, const char *key, unsigned flags,
	     int64_t *secs)
{
	const struct doc_node *v = doc_get(map, key);
	const char *eg = flags & DURATION_ALLOW_LONG ? "30m, 2h, 1h30m, 30d, 6mo, 1y"
						     : "30m, 2h, 1h30m, 30d";

	if (!v || doc_is_null(v))
		return false;
	if (v->kind != DOC_SCALAR) {
		dec_error(d, v, "'%s' must be a duration such as %s, not %s", key, eg,
			  doc_kind_name(v));
		return false;
	}
	if (duration_parse(v->str, flags, secs)) {
		if (*secs > 0)
			return true;
		dec_error(d, v, "'%s' must be a positive duration ('%s' is no time at all)", key,
			  v->str);
	} else if (v->str[0] == '-' && duration_parse(v->str + 1, flags, secs)) {
		dec_error(d, v, "'%s' must be a positive duration, not '%s'", key, v->str);
	} else if (all_digits(v->str)) {
		dec_error(d, v, "'%s' needs a unit: '%s' is a bare number (write e.g. %s)", key,
			  dec_clip(d, v->str), eg);
	} else if (duration_parse(v->str, flags | DURATION_ALLOW_LONG, secs)) {
		dec_error(d, v, "'%s' cannot count in months or years ('%s'; only retention "
				"periods can); write e.g. 30d", key, v->str);
	} else {
		dec_error(d, v, "'%s' is not a valid duration ('%s'; write e.g. %s)", key,
			  dec_clip(d, v->str), eg);
	}
	return false;
}

int
dec_enum_node(struct dec *d, const struct doc_node *n, const char *what,
	      const char *const *names, size_t count)
{
	struct strbuf sb = STRBUF_INIT;
	const char *hint;

	if (n->kind == DOC_SCALAR)
		for (size_t i = 0; i < count; i++)
			if (names[i][0] && strcmp(n->str, names[i]) == 0)
				return (int)i;
	for (size_t i = 0; i < count; i++)
		if (names[i][0])
			sb_printf(&sb, "%s%s", sb.len ? ", " : "", names[i]);
	if (n->kind != DOC_SCALAR) {
		dec_error(d, n, "'%s' must be one of: %s (not %s)", what, sb_str(&sb),
			  doc_kind_name(n));
	} else {
		const char *cands[64];
		size_t k = 0;

		for (size_t i = 0; i < count && k < 63; i++)
			if (names[i][0])
				cands[k++] = names[i];
		cands[k] = NULL;
		hint = str_suggest(n->str, cands);
		if (hint)
			dec_error(d, n, "unknown %s '%s' (did you mean '%s'?)", what,
				  dec_clip(d, n->str), hint);
		else
			dec_error(d, n, "unknown %s '%s' (expected one of: %s)", what,
				  dec_clip(d, n->str), sb_str(&sb));
	}
	sb_free(&sb);
	return -1;
}

int
dec_enum(struct dec *d, const struct doc_node *map, const char *key, const char *const *names,
	 size_t n)
{
	const struct doc_node *v = doc_get(map, key);

	if (!v || doc_is_null(v))
		return -1;
	return dec_enum_node(d, v, key, names, n);
}

struct pb_strings
dec_strings(struct dec *d, const struct doc_node *map, const char *key)
{
	const struct doc_node *l = dec_list(d, map, key);
	struct pb_strings out = {0, NULL};
	const char **v;
	char what[80];

	if (!l)
		return out;
	snprintf(what, sizeof(what), "each item of '%s'", key);
	v = arena_array(d->arena, l->n, sizeof(*v));
	for (size_t i = 0; i < l->n; i++) {
		const char *s = dec_str_node(d, l->items[i], what);

		if (s)
			v[out.n++] = s;
	}
	out.v = v;
	return out;
}

struct pb_pos
dec_pos(const struct doc_node *n)
{
	struct pb_pos p = {n ? n->line : 0, n ? n->col : 0};

	return p;
}

struct pb_pos
dec_pos_of(const struct doc_node *map, const char *key)
{
	const struct doc_node *v = doc_get(map, key);

	return dec_pos(v ? v : map);
}

struct pb_ref
dec_ref_node(struct dec *d, const struct doc_node *n, const char *what)
{
	struct pb_ref r = {NULL, dec_pos(n)};

	r.id = check_id(d, n, dec_str_node(d, n, what));
	return r;
}

struct pb_ref
dec_ref(struct dec *d, const struct doc_node *map, const char *key)
{
	const struct doc_node *v = doc_get(map, key);
	struct pb_ref r = {NULL, dec_pos(v)};
	char what[80];

	if (!v || doc_is_null(v))
		return r;
	snprintf(what, sizeof(what), "'%s'", key);
	return dec_ref_node(d, v, what);
}

struct pb_refs
dec_refs(struct dec *d, const struct doc_node *map, const char *key)
{
	const struct doc_node *l = dec_list(d, map, key);
	struct pb_refs out = {0, NULL};
	struct pb_ref *v;
	char what[80];

	if (!l)
		return out;
	snprintf(what, sizeof(what), "each item of '%s'", key);
	v = arena_array(d->arena, l->n, sizeof(*v));
	for (size_t i = 0; i < l->n; i++) {
		struct pb_ref r = dec_ref_node(d, l->items[i], what);

		if (r.id)
			v[out.n++] = r;
	}
	out.v = v;
	return out;
}
