#include "config.h"

#include "core/decode.h"
#include "util/arena.h"
#include "util/duration.h"
#include "util/str.h"
#include "util/strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void
dec_error(struct dec *d, const struct doc_node *n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(d->diags, DIAG_ERROR, d->file, n ? n->line : 0, n ? n->col : 0, fmt, ap);
	va_end(ap);
}

void
dec_warn(struct dec *d, const struct doc_node *n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(d->diags, DIAG_WARNING, d->file, n ? n->line : 0, n ? n->col : 0, fmt, ap);
	va_end(ap);
}

static const char *
key_name(const char *spec)
{
	return spec[0] == '!' ? spec + 1 : spec;
}

static void
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
	if (hint) {
		dec_error(d, key, "unknown key '%s' in %s (did you mean '%s'?)", key->str, what,
			  hint);
	} else {
		struct strbuf sb = STRBUF_INIT;

		for (size_t i = 0; i < n; i++)
			sb_printf(&sb, "%s%s", i ? ", " : "", names[i]);
		dec_error(d, key, "unknown key '%s' in %s (expected one of: %s)", key->str, what,
			  sb_str(&sb));
		sb_free(&sb);
	}
}

bool
dec_map(struct dec *d, const struct doc_node *n, const char *what, const char *const *keys)
{
	if (!n || n->kind != DOC_MAP) {
		dec_error(d, n, "%s must be a mapping of keys to values, not %s", what,
			  doc_kind_name(n));
		return false;
	}
	for (size_t i = 0; i < n->n; i++) {
		const struct doc_node *key = n->pairs[i].key;
		bool known = false;

		for (size_t k = 0; keys[k] && !known; k++)
			known = strcmp(key->str, key_name(keys[k])) == 0;
		if (!known)
			unknown_key(d, key, what, keys);
	}
	for (size_t k = 0; keys[k]; k++) {
		const struct doc_node *v;

		if (keys[k][0] != '!')
			continue;
		v = doc_get(n, keys[k] + 1);
		if (!v)
			dec_error(d, n, "%s is missing the required key '%s'", what, keys[k] + 1);
		else if (doc_is_null(v))
			dec_error(d, v, "'%s' must not be empty", keys[k] + 1);
	}
	return true;
}

const struct doc_node *
dec_list(struct dec *d, const struct doc_node *map, const char *key)
{
	const struct doc_node *v = doc_get(map, key);

	if (!v || doc_is_null(v))
		return NULL;
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
			  s);
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

bool
dec_bool(struct dec *d, const struct doc_node *map, const char *key, bool dflt)
{
	const struct doc_node *v = doc_get(map, key);

	if (!v || doc_is_null(v))
		return dflt;
	if (v->kind == DOC_SCALAR && v->plain) {
		if (!strcmp(v->str, "true") || !strcmp(v->str, "True") || !strcmp(v->str, "TRUE"))
			return true;
		if (!strcmp(v->str, "false") || !strcmp(v->str, "False") ||
		    !strcmp(v->str, "FALSE"))
			return false;
	}
	dec_error(d, v, "'%s' must be true or false", key);
	return dflt;
}

bool
dec_number(struct dec *d, const struct doc_node *map, const char *key, double *out)
{
	const struct doc_node *v = doc_get(map, key);

	if (!v || doc_is_null(v))
		return false;
	if (v->kind != DOC_SCALAR || !str_to_double(v->str, out)) {
		dec_error(d, v, "'%s' must be a number", key);
		return false;
	}
	return true;
}

bool
dec_duration(struct dec *d, const struct doc_node *map, const char *key, unsigned flags,
	     int64_t *secs)
{
	const struct doc_node *v = doc_get(map, key);

	if (!v || doc_is_null(v))
		return false;
	if (v->kind != DOC_SCALAR || !duration_parse(v->str, flags, secs)) {
		dec_error(d, v,
			  "'%s' is not a valid duration ('%s'; write e.g. 30m, 2h, 1h30m, 30d%s)",
			  key, v->kind == DOC_SCALAR ? v->str : "...",
			  flags & DURATION_ALLOW_LONG ? ", 6mo, 1y" : "");
		return false;
	}
	if (*secs == 0) {
		dec_error(d, v, "'%s' must be a positive duration", key);
		return false;
	}
	return true;
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
		dec_error(d, n, "%s must be one of: %s", what, sb_str(&sb));
	} else {
		const char *cands[64];
		size_t k = 0;

		for (size_t i = 0; i < count && k < 63; i++)
			if (names[i][0])
				cands[k++] = names[i];
		cands[k] = NULL;
		hint = str_suggest(n->str, cands);
		if (hint)
			dec_error(d, n, "unknown %s '%s' (did you mean '%s'?)", what, n->str, hint);
		else
			dec_error(d, n, "unknown %s '%s' (expected one of: %s)", what, n->str,
				  sb_str(&sb));
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
