#include "config.h"

#include "util/value.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

struct value {
	enum value_kind kind;
	bool b;
	int64_t i;
	double d;
	char *s;
	/* arrays and objects */
	struct value **items;
	char **keys;		/* objects only */
	size_t n, cap;
};

static struct value *
value_new(enum value_kind kind)
{
	struct value *v = xcalloc(1, sizeof(*v));

	v->kind = kind;
	return v;
}

struct value *
value_null(void)
{
	return value_new(VALUE_NULL);
}

struct value *
value_bool(bool b)
{
	struct value *v = value_new(VALUE_BOOL);

	v->b = b;
	return v;
}

struct value *
value_int(int64_t i)
{
	struct value *v = value_new(VALUE_INT);

	v->i = i;
	return v;
}

struct value *
value_num(double d)
{
	struct value *v = value_new(VALUE_NUM);

	v->d = d;
	return v;
}

struct value *
value_str(const char *s)
{
	struct value *v = value_new(VALUE_STR);

	v->s = xstrdup(s ? s : "");
	return v;
}

struct value *
value_arr(void)
{
	return value_new(VALUE_ARR);
}

struct value *
value_obj(void)
{
	return value_new(VALUE_OBJ);
}

void
value_free(struct value **pv)
{
	struct value *v;

	if (!pv || !*pv)
		return;
	v = *pv;
	for (size_t i = 0; i < v->n; i++) {
		value_free(&v->items[i]);
		if (v->keys)
			free(v->keys[i]);
	}
	free(v->items);
	free(v->keys);
	free(v->s);
	free(v);
	*pv = NULL;
}

struct value *
value_copy(const struct value *v)
{
	struct value *c;

	if (!v)
		return NULL;
	c = value_new(v->kind);
	c->b = v->b;
	c->i = v->i;
	c->d = v->d;
	c->s = v->s ? xstrdup(v->s) : NULL;
	for (size_t i = 0; i < v->n; i++) {
		if (v->kind == VALUE_OBJ)
			value_set(c, v->keys[i], value_copy(v->items[i]));
		else
			value_push(c, value_copy(v->items[i]));
	}
	return c;
}

enum value_kind
value_kind(const struct value *v)
{
	return v ? v->kind : VALUE_NULL;
}

static void
reserve(struct value *v)
{
	size_t cap = v->cap;

	v->items = xgrow(v->items, &cap, v->n + 1, sizeof(*v->items));
	if (v->kind == VALUE_OBJ)
		v->keys = xgrow(v->keys, &v->cap, v->n + 1, sizeof(*v->keys));
	v->cap = cap;
}

struct value *
value_push(struct value *arr, struct value *item)
{
	if (arr->kind != VALUE_ARR)
		abort();
	reserve(arr);
	arr->items[arr->n++] = item;
	return item;
}

struct value *
value_set(struct value *obj, const char *key, struct value *item)
{
	if (obj->kind != VALUE_OBJ)
		abort();
	for (size_t i = 0; i < obj->n; i++)
		if (strcmp(obj->keys[i], key) == 0) {
			value_free(&obj->items[i]);
			obj->items[i] = item;
			return item;
		}
	reserve(obj);
	obj->keys[obj->n] = xstrdup(key);
	obj->items[obj->n++] = item;
	return item;
}

void
value_set_str(struct value *obj, const char *key, const char *s)
{
	if (s)
		value_set(obj, key, value_str(s));
}

void
value_set_int(struct value *obj, const char *key, int64_t i)
{
	value_set(obj, key, value_int(i));
}

void
value_set_bool(struct value *obj, const char *key, bool b)
{
	value_set(obj, key, value_bool(b));
}

size_t
value_len(const struct value *v)
{
	return v && (v->kind == VALUE_ARR || v->kind == VALUE_OBJ) ? v->n : 0;
}

const struct value *
value_at(const struct value *arr, size_t i)
{
	return arr && i < value_len(arr) ? arr->items[i] : NULL;
}

const char *
value_key_at(const struct value *obj, size_t i)
{
	return obj && obj->kind == VALUE_OBJ && i < obj->n ? obj->keys[i] : NULL;
}

const struct value *
value_get(const struct value *obj, const char *key)
{
	if (!obj || obj->kind != VALUE_OBJ)
		return NULL;
	for (size_t i = 0; i < obj->n; i++)
		if (strcmp(obj->keys[i], key) == 0)
			return obj->items[i];
	return NULL;
}

const char *
value_as_str(const struct value *v, const char *fallback)
{
	return v && v->kind == VALUE_STR ? v->s : fallback;
}

int64_t
value_as_int(const struct value *v, int64_t fallback)
{
	return v && v->kind == VALUE_INT ? v->i : fallback;
}

double
value_as_num(const struct value *v, double fallback)
{
	if (v && v->kind == VALUE_NUM)
		return v->d;
	if (v && v->kind == VALUE_INT)
		return (double)v->i;
	return fallback;
}

bool
value_as_bool(const struct value *v, bool fallback)
{
	return v && v->kind == VALUE_BOOL ? v->b : fallback;
}

const char *
value_get_str(const struct value *obj, const char *key)
{
	return value_as_str(value_get(obj, key), NULL);
}

bool
value_equal(const struct value *a, const struct value *b)
{
	if (!a || !b)
		return a == b;
	if (a->kind != b->kind || a->n != b->n)
		return false;
	switch (a->kind) {
	case VALUE_NULL:
		return true;
	case VALUE_BOOL:
		return a->b == b->b;
	case VALUE_INT:
		return a->i == b->i;
	case VALUE_NUM:
		return a->d == b->d;
	case VALUE_STR:
		return strcmp(a->s, b->s) == 0;
	case VALUE_ARR:
		for (size_t i = 0; i < a->n; i++)
			if (!value_equal(a->items[i], b->items[i]))
				return false;
		return true;
	case VALUE_OBJ:
		for (size_t i = 0; i < a->n; i++)
			if (!value_equal(a->items[i], value_get(b, a->keys[i])))
				return false;
		return true;
	}
	return false;
}
