/*
 * A small tree of JSON-like values (null, bool, integer, number, string, array,
 * object) that core/ builds and reads without knowing any JSON library.
 * Journal payloads and machine-readable reports are values; io/json.c turns
 * them into canonical JSON text and back.
 *
 * Ownership: every value is owned by its parent container once added; a root
 * is freed with value_free(), which frees the whole tree.  Getters return
 * borrowed pointers valid until the tree is freed or changed.
 */
#ifndef YINGJI_UTIL_VALUE_H
#define YINGJI_UTIL_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum value_kind { VALUE_NULL, VALUE_BOOL, VALUE_INT, VALUE_NUM, VALUE_STR, VALUE_ARR, VALUE_OBJ };

struct value;

struct value *value_null(void);
struct value *value_bool(bool b);
struct value *value_int(int64_t i);
struct value *value_num(double d);
struct value *value_str(const char *s);	/* copies s */
struct value *value_arr(void);
struct value *value_obj(void);
/*
 * An object read from JSON text only when it is first looked at: `raw`
 * (copied) is handed to `decode` then, which returns its tree, or NULL when
 * the text is not an object (it then reads as an empty one).  For long
 * journals shown a page at a time: decoding every payload up front is most
 * of what opening a long incident would cost.  Reads as an object.
 */
struct value *value_lazy(const char *raw, struct value *(*decode)(const char *raw));
void value_free(struct value **v);
struct value *value_copy(const struct value *v);

enum value_kind value_kind(const struct value *v);
/* Append to an array; takes ownership of item.  Returns item. */
struct value *value_push(struct value *arr, struct value *item);
/* Set a key of an object (replacing any old value); takes ownership. Returns item. */
struct value *value_set(struct value *obj, const char *key, struct value *item);
/* Shorthands for value_set(obj, key, value_xxx(...)); a NULL string sets nothing. */
void value_set_str(struct value *obj, const char *key, const char *s);
void value_set_int(struct value *obj, const char *key, int64_t i);
void value_set_bool(struct value *obj, const char *key, bool b);

size_t value_len(const struct value *v);	/* array or object size; 0 otherwise */
const struct value *value_at(const struct value *arr, size_t i);
/* Object members in insertion order. */
const char *value_key_at(const struct value *obj, size_t i);
const struct value *value_get(const struct value *obj, const char *key);

/* Scalars: the value, or the fallback when v is NULL or of another kind. */
const char *value_as_str(const struct value *v, const char *fallback);
int64_t value_as_int(const struct value *v, int64_t fallback);
double value_as_num(const struct value *v, double fallback);	/* ints convert */
bool value_as_bool(const struct value *v, bool fallback);
/* value_as_str(value_get(obj, key), NULL) */
const char *value_get_str(const struct value *obj, const char *key);

/* Structural equality (object key order ignored). */
bool value_equal(const struct value *a, const struct value *b);

#endif
