#include "config.h"

#include "util/value.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

/* What a lazy object holds until it is read (value_lazy). */
struct lazy {
	struct value *(*decode)(const char *raw);
	struct value *tree;	/* decoded on first read */
	char raw[];		/* one allocation with the text: a journal has many */
};

/*
 * A node is small (a long journal holds one per entry): the kind, and one of
 * a scalar, a container or a lazy object's text.
 */
struct value {
	enum value_kind kind;
	bool b;
	bool is_lazy;		/* u.lazy: the value is u.lazy->tree */
	union {
		int64_t i;
		double d;
		char *s;
		struct {
			struct value **items;
			char **keys;	/* objects only */
			size_t n, cap;
		} c;
		struct lazy *lazy;
	} u;
};

/*
 * The node to read for v: itself, or a lazy object's tree, decoded now if it
 * is not yet.  The lazy part is reached through a pointer, so decoding on a
 * read through a const value needs no cast.
 */
static struct value *
forced(struct lazy *l)
{
	if (!l->tree) {
		l->tree = l->decode(l->raw);
		if (l->tree && l->tree->kind != VALUE_OBJ)
			value_free(&l->tree);
		if (!l->tree)
			l->tree = value_obj();
	}
	return l->tree;
}

static const struct value *
resolve(const struct value *v)
{
	return v && v->is_lazy ? forced(v->u.lazy) : v;
}

static bool
is_container(const struct value *v)
{
	return v->kind == VALUE_ARR || v->kind == VALUE_OBJ;
}

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

	v->u.i = i;
	return v;
}

struct value *
value_num(double d)
{
	struct value *v = value_new(VALUE_NUM);

	v->u.d = d;
	return v;
}

struct value *
value_str(const char *s)
{
	struct value *v = value_new(VALUE_STR);

	v->u.s = xstrdup(s ? s : "");
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

struct value *
value_lazy(const char *raw, struct value *(*decode)(const char *raw))
{
	struct value *v = value_new(VALUE_OBJ);
	size_t len = raw ? strlen(raw) : 0;

	v->is_lazy = true;
	v->u.lazy = xmalloc(sizeof(*v->u.lazy) + len + 1);
	memcpy(v->u.lazy->raw, raw ? raw : "", len + 1);
	v->u.lazy->tree = NULL;
	v->u.lazy->decode = decode;
	return v;
}

void
value_free(struct value **pv)
{
	struct value *v;

	if (!pv || !*pv)
		return;
	v = *pv;
	if (v->is_lazy) {
		value_free(&v->u.lazy->tree);
		free(v->u.lazy);
	} else if (is_container(v)) {
		for (size_t i = 0; i < v->u.c.n; i++) {
			value_free(&v->u.c.items[i]);
			if (v->u.c.keys)
				free(v->u.c.keys[i]);
		}
		free(v->u.c.items);
		free(v->u.c.keys);
	} else if (v->kind == VALUE_STR) {
		free(v->u.s);
	}
	free(v);
	*pv = NULL;
}

struct value *
value_copy(const struct value *v)
{
	struct value *c;

	v = resolve(v);
	if (!v)
		return NULL;
	c = value_new(v->kind);
	c->b = v->b;
	if (v->kind == VALUE_STR)
		c->u.s = xstrdup(v->u.s);
	else if (!is_container(v))
		c->u = v->u;
	for (size_t i = 0; is_container(v) && i < v->u.c.n; i++) {
		if (v->kind == VALUE_OBJ)
			value_set(c, v->u.c.keys[i], value_copy(v->u.c.items[i]));
		else
			value_push(c, value_copy(v->u.c.items[i]));
	}
	return c;
}

enum value_kind
value_kind(const struct value *v)
{
	v = resolve(v);
	return v ? v->kind : VALUE_NULL;
}

static void
reserve(struct value *v)
{
	size_t cap = v->u.c.cap;

	v->u.c.items = xgrow(v->u.c.items, &cap, v->u.c.n + 1, sizeof(*v->u.c.items));
	if (v->kind == VALUE_OBJ)
		v->u.c.keys = xgrow(v->u.c.keys, &v->u.c.cap, v->u.c.n + 1, sizeof(*v->u.c.keys));
	v->u.c.cap = cap;
}

struct value *
value_push(struct value *arr, struct value *item)
{
	if (arr->is_lazy)
		arr = forced(arr->u.lazy);
	if (arr->kind != VALUE_ARR)
		abort();
	reserve(arr);
	arr->u.c.items[arr->u.c.n++] = item;
	return item;
}

struct value *
value_set(struct value *obj, const char *key, struct value *item)
{
	if (obj->is_lazy)
		obj = forced(obj->u.lazy);
	if (obj->kind != VALUE_OBJ)
		abort();
	for (size_t i = 0; i < obj->u.c.n; i++)
		if (strcmp(obj->u.c.keys[i], key) == 0) {
			value_free(&obj->u.c.items[i]);
			obj->u.c.items[i] = item;
			return item;
		}
	reserve(obj);
	obj->u.c.keys[obj->u.c.n] = xstrdup(key);
	obj->u.c.items[obj->u.c.n++] = item;
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
	v = resolve(v);
	return v && is_container(v) ? v->u.c.n : 0;
}

const struct value *
value_at(const struct value *arr, size_t i)
{
	arr = resolve(arr);
	return arr && i < value_len(arr) ? arr->u.c.items[i] : NULL;
}

const char *
value_key_at(const struct value *obj, size_t i)
{
	obj = resolve(obj);
	return obj && obj->kind == VALUE_OBJ && i < obj->u.c.n ? obj->u.c.keys[i] : NULL;
}

const struct value *
value_get(const struct value *obj, const char *key)
{
	obj = resolve(obj);
	if (!obj || obj->kind != VALUE_OBJ)
		return NULL;
	for (size_t i = 0; i < obj->u.c.n; i++)
		if (strcmp(obj->u.c.keys[i], key) == 0)
			return obj->u.c.items[i];
	return NULL;
}

const char *
value_as_str(const struct value *v, const char *fallback)
{
	return v && v->kind == VALUE_STR ? v->u.s : fallback;
}

int64_t
value_as_int(const struct value *v, int64_t fallback)
{
	return v && v->kind == VALUE_INT ? v->u.i : fallback;
}

double
value_as_num(const struct value *v, double fallback)
{
	if (v && v->kind == VALUE_NUM)
		return v->u.d;
	if (v && v->kind == VALUE_INT)
		return (double)v->u.i;
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
	a = resolve(a);
	b = resolve(b);
	if (!a || !b)
		return a == b;
	if (a->kind != b->kind || value_len(a) != value_len(b))
		return false;
	switch (a->kind) {
	case VALUE_NULL:
		return true;
	case VALUE_BOOL:
		return a->b == b->b;
	case VALUE_INT:
		return a->u.i == b->u.i;
	case VALUE_NUM:
		return a->u.d == b->u.d;
	case VALUE_STR:
		return strcmp(a->u.s, b->u.s) == 0;
	case VALUE_ARR:
		for (size_t i = 0; i < a->u.c.n; i++)
			if (!value_equal(a->u.c.items[i], b->u.c.items[i]))
				return false;
		return true;
	case VALUE_OBJ:
		for (size_t i = 0; i < a->u.c.n; i++)
			if (!value_equal(a->u.c.items[i], value_get(b, a->u.c.keys[i])))
				return false;
		return true;
	}
	return false;
}
