/*
 * util/value trees <-> JSON text, with jansson (the compact encoding is
 * written here, byte for byte as jansson writes it).  The compact encoding is the
 * canonical one the journal hashes: sorted keys, no whitespace, UTF-8 as is,
 * integers as integers and numbers with 17 significant digits (so a double
 * reads back as the same double).
 */
#include "config.h"

#include "io/json.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static json_t *to_json(const struct value *v);

/* jansson returns NULL only when out of memory; like xmalloc, we abort. */
static void __attribute__((noreturn))
out_of_memory(void)
{
	fputs("yingji: out of memory encoding JSON\n", stderr);
	abort();
}

/* Append code point cp to sb as UTF-8 (cp is valid: it came from text_decode). */
static void
put_utf8(struct strbuf *sb, uint32_t cp)
{
	char b[4];
	size_t n;

	if (cp < 0x80) {
		b[0] = (char)cp, n = 1;
	} else if (cp < 0x800) {
		b[0] = (char)(0xc0 | cp >> 6), b[1] = (char)(0x80 | (cp & 0x3f)), n = 2;
	} else if (cp < 0x10000) {
		b[0] = (char)(0xe0 | cp >> 12), b[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		b[2] = (char)(0x80 | (cp & 0x3f)), n = 3;
	} else {
		b[0] = (char)(0xf0 | cp >> 18), b[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3f)), b[3] = (char)(0x80 | (cp & 0x3f)), n = 4;
	}
	sb_append_n(sb, b, n);
}

/*
 * A JSON string for s.  JSON text must be UTF-8, and the encoder must never
 * fail, so invalid bytes become U+FFFD (the same thing a terminal would show).
 */
static json_t *
json_text(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	size_t len = strlen(s);
	json_t *j;

	if (text_valid_utf8(s, len))
		return json_stringn_nocheck(s, len);
	for (size_t i = 0; i < len;) {
		uint32_t cp;

		i += text_decode(s + i, len - i, &cp);
		put_utf8(&sb, cp);
	}
	j = json_string_nocheck(sb_str(&sb));
	sb_free(&sb);
	return j;
}

static json_t *
object_to_json(const struct value *v)
{
	json_t *o = json_object();

	for (size_t i = 0; i < value_len(v); i++)
		json_object_set_new_nocheck(o, value_key_at(v, i), to_json(value_at(v, i)));
	return o;
}

static json_t *
array_to_json(const struct value *v)
{
	json_t *a = json_array();

	for (size_t i = 0; i < value_len(v); i++)
		json_array_append_new(a, to_json(value_at(v, i)));
	return a;
}

/* NaN and infinities have no JSON form: they encode as null. */
static json_t *
number_to_json(double d)
{
	return isfinite(d) ? json_real(d) : json_null();
}

static json_t *
to_json(const struct value *v)
{
	json_t *j = NULL;

	switch (value_kind(v)) {
	case VALUE_NULL:
		j = json_null();
		break;
	case VALUE_BOOL:
		j = json_boolean(value_as_bool(v, false));
		break;
	case VALUE_INT:
		j = json_integer(value_as_int(v, 0));
		break;
	case VALUE_NUM:
		j = number_to_json(value_as_num(v, 0));
		break;
	case VALUE_STR:
		j = json_text(value_as_str(v, ""));
		break;
	case VALUE_ARR:
		j = array_to_json(v);
		break;
	case VALUE_OBJ:
		j = object_to_json(v);
		break;
	}
	if (!j)
		out_of_memory();
	return j;
}

/*
 * The compact encoding, written directly: the same bytes jansson writes with
 * JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(17) (tests/unit/test_json.c
 * checks that jansson reads and writes it back unchanged), without building
 * jansson's tree first.  It is on every append (the payload, which is hashed)
 * and every fold snapshot, where it was a third of the write path's time.
 */
static void compact(struct strbuf *sb, const struct value *v);

static void
compact_string(struct strbuf *sb, const char *s)
{
	size_t len = strlen(s), from = 0;
	struct strbuf fixed = STRBUF_INIT;

	/* JSON text must be UTF-8: invalid bytes become U+FFFD, as json_text() does. */
	if (!text_valid_utf8(s, len)) {
		for (size_t i = 0; i < len;) {
			uint32_t cp;

			i += text_decode(s + i, len - i, &cp);
			put_utf8(&fixed, cp);
		}
		s = sb_str(&fixed);
		len = fixed.len;
	}
	sb_putc(sb, '"');
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		char esc[8];

		if (c != '"' && c != '\\' && c >= 0x20)
			continue;
		sb_append_n(sb, s + from, i - from);
		from = i + 1;
		switch (c) {
		case '"':
			sb_append(sb, "\\\"");
			break;
		case '\\':
			sb_append(sb, "\\\\");
			break;
		case '\b':
			sb_append(sb, "\\b");
			break;
		case '\f':
			sb_append(sb, "\\f");
			break;
		case '\n':
			sb_append(sb, "\\n");
			break;
		case '\r':
			sb_append(sb, "\\r");
			break;
		case '\t':
			sb_append(sb, "\\t");
			break;
		default:
			snprintf(esc, sizeof(esc), "\\u%04X", c);
			sb_append(sb, esc);
		}
	}
	sb_append_n(sb, s + from, len - from);
	sb_putc(sb, '"');
	sb_free(&fixed);
}

/* As jansson's jsonp_dtostr(): %.17g, a ".0" when it would read as an integer,
 * and the exponent without a '+' or leading zeros.  (LC_NUMERIC is "C".) */
static void
compact_number(struct strbuf *sb, double d)
{
	char b[64], *e;

	if (!isfinite(d)) {
		sb_append(sb, "null");
		return;
	}
	snprintf(b, sizeof(b), "%.17g", d);
	if (!strchr(b, '.') && !strchr(b, 'e'))
		strcat(b, ".0");
	e = strchr(b, 'e');
	if (e) {
		char *start = e + 1, *end = e + 2;

		if (*start == '-')
			start++;
		while (*end == '0')
			end++;
		if (end != start)
			memmove(start, end, strlen(end) + 1);
	}
	sb_append(sb, b);
}

/* An integer in decimal: printf's machinery was half of this encoder's time. */
static void
compact_int(struct strbuf *sb, int64_t i)
{
	char b[24], *p = b + sizeof(b);
	uint64_t u = i < 0 ? -(uint64_t)i : (uint64_t)i;

	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (i < 0)
		*--p = '-';
	sb_append_n(sb, p, (size_t)(b + sizeof(b) - p));
}

struct keyed {
	const char *key;
	const struct value *item;
};

static int
by_key(const void *a, const void *b)
{
	return strcmp(((const struct keyed *)a)->key, ((const struct keyed *)b)->key);
}

static void
compact_object(struct strbuf *sb, const struct value *v)
{
	size_t n = value_len(v);
	struct keyed *k = xcalloc(n + 1, sizeof(*k));

	for (size_t i = 0; i < n; i++)
		k[i] = (struct keyed){value_key_at(v, i), value_at(v, i)};
	/* Keys are unique (value_set replaces). */
	qsort(k, n, sizeof(*k), by_key);
	sb_putc(sb, '{');
	for (size_t i = 0; i < n; i++) {
		if (i)
			sb_putc(sb, ',');
		compact_string(sb, k[i].key);
		sb_putc(sb, ':');
		compact(sb, k[i].item);
	}
	sb_putc(sb, '}');
	free(k);
}

static void
compact(struct strbuf *sb, const struct value *v)
{
	switch (value_kind(v)) {
	case VALUE_NULL:
		sb_append(sb, "null");
		break;
	case VALUE_BOOL:
		sb_append(sb, value_as_bool(v, false) ? "true" : "false");
		break;
	case VALUE_INT:
		compact_int(sb, value_as_int(v, 0));
		break;
	case VALUE_NUM:
		compact_number(sb, value_as_num(v, 0));
		break;
	case VALUE_STR:
		compact_string(sb, value_as_str(v, ""));
		break;
	case VALUE_ARR:
		sb_putc(sb, '[');
		for (size_t i = 0; i < value_len(v); i++) {
			if (i)
				sb_putc(sb, ',');
			compact(sb, value_at(v, i));
		}
		sb_putc(sb, ']');
		break;
	case VALUE_OBJ:
		compact_object(sb, v);
		break;
	}
}

char *
json_encode(const struct value *v, unsigned flags)
{
	size_t fmt = JSON_SORT_KEYS | JSON_REAL_PRECISION(17) | JSON_ENCODE_ANY | JSON_INDENT(2);
	struct strbuf sb = STRBUF_INIT;
	json_t *j;
	char *text, *out;

	if (!(flags & JSON_PRETTY)) {
		compact(&sb, v);
		return sb_detach(&sb);
	}
	j = to_json(v);
	text = json_dumps(j, fmt);
	json_decref(j);
	if (!text)
		out_of_memory();
	/* Hand back memory from our allocator, whatever jansson was built with. */
	out = xstrdup(text);
	free(text);
	return out;
}

static struct value *from_json(json_t *j);

static struct value *
object_from_json(json_t *j)
{
	struct value *o = value_obj();
	const char *key;
	json_t *item;

	/* jansson iterates in document order, which value_key_at() keeps. */
	json_object_foreach(j, key, item)
		value_set(o, key, from_json(item));
	return o;
}

static struct value *
array_from_json(json_t *j)
{
	struct value *a = value_arr();
	size_t i;
	json_t *item;

	json_array_foreach(j, i, item)
		value_push(a, from_json(item));
	return a;
}

static struct value *
from_json(json_t *j)
{
	switch (json_typeof(j)) {
	case JSON_OBJECT:
		return object_from_json(j);
	case JSON_ARRAY:
		return array_from_json(j);
	case JSON_STRING:
		return value_str(json_string_value(j));
	case JSON_INTEGER:
		return value_int(json_integer_value(j));
	case JSON_REAL:
		return value_num(json_real_value(j));
	case JSON_TRUE:
		return value_bool(true);
	case JSON_FALSE:
		return value_bool(false);
	case JSON_NULL:
		break;
	}
	return value_null();
}

struct value *
json_decode(const char *text, char **err)
{
	json_error_t je;
	struct value *v;
	json_t *j;

	if (err)
		*err = NULL;
	/* Duplicate keys would make two texts of one value: refuse them. */
	j = json_loads(text, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &je);
	if (!j) {
		if (err)
			*err = xasprintf("line %d column %d: %s", je.line, je.column, je.text);
		return NULL;
	}
	v = from_json(j);
	json_decref(j);
	return v;
}

struct value *
json_decode_lazy(const char *text)
{
	return json_decode(text, NULL);
}
