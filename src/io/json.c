/*
 * util/value trees <-> JSON text through jansson.  The compact encoding is the
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

char *
json_encode(const struct value *v, unsigned flags)
{
	size_t fmt = JSON_SORT_KEYS | JSON_REAL_PRECISION(17) | JSON_ENCODE_ANY;
	json_t *j = to_json(v);
	char *text, *out;

	fmt |= flags & JSON_PRETTY ? JSON_INDENT(2) : JSON_COMPACT;
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
