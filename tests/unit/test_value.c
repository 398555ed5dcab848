/* util/value: the JSON-like trees that journal payloads and reports are made of. */
#include "config.h"

#include "tests.h"
#include "util/value.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* {"name": "张三", "n": 3, "ok": true, "tags": ["a", 1.5, null]} */
static struct value *
sample(void)
{
	struct value *o = value_obj(), *tags = value_arr();

	value_set_str(o, "name", "张三");
	value_set_int(o, "n", 3);
	value_set_bool(o, "ok", true);
	value_push(tags, value_str("a"));
	value_push(tags, value_num(1.5));
	value_push(tags, value_null());
	value_set(o, "tags", tags);
	return o;
}

START_TEST(test_build_and_get)
{
	struct value *o = sample();
	const struct value *tags = value_get(o, "tags");

	ck_assert_int_eq(value_kind(o), VALUE_OBJ);
	ck_assert_uint_eq(value_len(o), 4);
	ck_assert_str_eq(value_get_str(o, "name"), "张三");
	ck_assert_int_eq(value_as_int(value_get(o, "n"), -1), 3);
	ck_assert(value_as_bool(value_get(o, "ok"), false));
	ck_assert_int_eq(value_kind(tags), VALUE_ARR);
	ck_assert_uint_eq(value_len(tags), 3);
	ck_assert_str_eq(value_as_str(value_at(tags, 0), NULL), "a");
	ck_assert(value_as_num(value_at(tags, 1), 0) == 1.5);
	ck_assert_int_eq(value_kind(value_at(tags, 2)), VALUE_NULL);
	ck_assert_ptr_null(value_at(tags, 3));
	ck_assert_ptr_null(value_get(o, "missing"));
	value_free(&o);
	ck_assert_ptr_null(o);
}
END_TEST

START_TEST(test_insertion_order)
{
	struct value *o = sample();

	ck_assert_str_eq(value_key_at(o, 0), "name");
	ck_assert_str_eq(value_key_at(o, 1), "n");
	ck_assert_str_eq(value_key_at(o, 2), "ok");
	ck_assert_str_eq(value_key_at(o, 3), "tags");
	ck_assert_ptr_null(value_key_at(o, 4));
	ck_assert_ptr_null(value_key_at(value_get(o, "tags"), 0));
	value_free(&o);
}
END_TEST

START_TEST(test_fallbacks)
{
	struct value *o = sample();

	/* The wrong kind, or no value at all, gives the fallback. */
	ck_assert_str_eq(value_as_str(value_get(o, "n"), "dflt"), "dflt");
	ck_assert_int_eq(value_as_int(value_get(o, "name"), 42), 42);
	ck_assert_int_eq(value_as_int(NULL, 7), 7);
	ck_assert(value_as_num(value_get(o, "n"), 0) == 3.0);	/* ints convert */
	ck_assert(value_as_num(NULL, 2.5) == 2.5);
	ck_assert(value_as_bool(value_get(o, "n"), true));
	ck_assert_ptr_null(value_get_str(o, "n"));
	ck_assert_ptr_null(value_get(value_get(o, "n"), "x"));
	ck_assert_int_eq(value_kind(NULL), VALUE_NULL);
	ck_assert_uint_eq(value_len(value_get(o, "name")), 0);
	value_free(&o);
}
END_TEST

START_TEST(test_set_replaces)
{
	struct value *o = sample();

	value_set_str(o, "name", "李四");
	value_set(o, "n", value_str("three"));
	ck_assert_uint_eq(value_len(o), 4);
	ck_assert_str_eq(value_get_str(o, "name"), "李四");
	ck_assert_str_eq(value_get_str(o, "n"), "three");
	/* Replacing keeps the key where it was. */
	ck_assert_str_eq(value_key_at(o, 1), "n");
	/* A NULL string sets nothing, and leaves the old value. */
	value_set_str(o, "name", NULL);
	value_set_str(o, "absent", NULL);
	ck_assert_str_eq(value_get_str(o, "name"), "李四");
	ck_assert_ptr_null(value_get(o, "absent"));
	ck_assert_uint_eq(value_len(o), 4);
	value_free(&o);
}
END_TEST

START_TEST(test_copy_is_deep)
{
	struct value *o = sample(), *c = value_copy(o);

	ck_assert(value_equal(o, c));
	value_set_str(c, "name", "王五");
	value_set(c, "tags", value_arr());	/* frees the copy's old tags */
	ck_assert(!value_equal(o, c));
	ck_assert_str_eq(value_get_str(o, "name"), "张三");
	ck_assert_uint_eq(value_len(value_get(o, "tags")), 3);
	value_free(&o);
	/* The copy owns everything it holds. */
	ck_assert_str_eq(value_get_str(c, "name"), "王五");
	ck_assert_uint_eq(value_len(value_get(c, "tags")), 0);
	value_free(&c);
	ck_assert_ptr_null(value_copy(NULL));
}
END_TEST

START_TEST(test_equal)
{
	struct value *a = value_obj(), *b = value_obj();
	struct value *i = value_int(1), *d = value_num(1.0);

	value_set_int(a, "x", 1);
	value_set_str(a, "y", "z");
	value_set_str(b, "y", "z");
	value_set_int(b, "x", 1);
	ck_assert(value_equal(a, b));	/* key order is ignored */
	value_set_int(b, "w", 0);
	ck_assert(!value_equal(a, b));	/* extra key */
	ck_assert(!value_equal(i, d));	/* an integer is not a number */
	ck_assert(value_equal(NULL, NULL));
	ck_assert(!value_equal(a, NULL));
	value_free(&a);
	value_free(&b);
	value_free(&i);
	value_free(&d);
}
END_TEST

START_TEST(test_arrays_order_matters)
{
	struct value *a = value_arr(), *b = value_arr();

	value_push(a, value_int(1));
	value_push(a, value_int(2));
	value_push(b, value_int(2));
	value_push(b, value_int(1));
	ck_assert(!value_equal(a, b));
	value_free(&a);
	value_free(&b);
}
END_TEST

START_TEST(test_free_null)
{
	struct value *v = NULL;

	value_free(&v);
	value_free(NULL);
	v = value_str(NULL);	/* a NULL string becomes "" */
	ck_assert_str_eq(value_as_str(v, "x"), "");
	value_free(&v);
}
END_TEST

START_TEST(test_many_members)
{
	struct value *o = value_obj();
	char key[16];

	/* Enough to make the arrays grow several times. */
	for (int i = 0; i < 1000; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		value_set_int(o, key, i);
	}
	ck_assert_uint_eq(value_len(o), 1000);
	ck_assert_int_eq(value_as_int(value_get(o, "k999"), -1), 999);
	ck_assert_str_eq(value_key_at(o, 500), "k500");
	value_free(&o);
}
END_TEST

Suite *
suite_value(void)
{
	Suite *s = suite_create("value");
	TCase *tc = tcase_create("value");

	tcase_add_test(tc, test_build_and_get);
	tcase_add_test(tc, test_insertion_order);
	tcase_add_test(tc, test_fallbacks);
	tcase_add_test(tc, test_set_replaces);
	tcase_add_test(tc, test_copy_is_deep);
	tcase_add_test(tc, test_equal);
	tcase_add_test(tc, test_arrays_order_matters);
	tcase_add_test(tc, test_free_null);
	tcase_add_test(tc, test_many_members);
	suite_add_tcase(s, tc);
	return s;
}
