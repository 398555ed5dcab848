/*
 * io/json: canonical encoding (the journal hashes these bytes, so one value
 * must always give one text) and decoding with positioned errors.
 */
#include "config.h"

#include "io/json.h"
#include "tests.h"

#include <jansson.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Encode compactly and compare with the expected text; frees v. */
static void
expect_encoding(struct value *v, const char *want)
{
	char *text = json_encode(v, 0);

	ck_assert_str_eq(text, want);
	free(text);
	value_free(&v);
}

/* encode -> decode gives an equal value, and encoding that gives the same bytes. */
static void
expect_round_trip(const struct value *v, unsigned flags)
{
	char *text = json_encode(v, flags), *err = NULL, *again;
	struct value *back = json_decode(text, &err);

	ck_assert_msg(back != NULL, "decoding %s: %s", text, err ? err : "?");
	ck_assert_msg(value_equal(v, back), "round trip changed %s", text);
	again = json_encode(back, flags);
	ck_assert_str_eq(again, text);
	free(text);
	free(again);
	value_free(&back);
}

static struct value *
payload_sample(void)
{
	struct value *o = value_obj(), *arr = value_arr(), *inner = value_obj();

	value_set_str(o, "title", "潞城区 4.1.1：30 分钟内报告");
	value_set_str(o, "controls",
		      "tab\there, newline\nthere, \x01\x1f\x7f quote\" back\\ slash/");
	value_set_int(o, "big", INT64_MAX);
	value_set_int(o, "small", INT64_MIN);
	value_set(o, "third", value_num(1.0 / 3.0));
	value_set(o, "tenth", value_num(0.1));
	value_set(o, "huge", value_num(1e300));
	value_set(o, "whole", value_num(2.0));
	value_set_bool(o, "yes", true);
	value_set(o, "nothing", value_null());
	value_push(arr, value_str("伤亡 0"));
	value_push(arr, value_int(-7));
	value_push(arr, value_arr());
	value_set(o, "list", arr);
	value_set_str(inner, "emoji", "🚒");
	value_set(inner, "empty", value_obj());
	value_set(o, "inner", inner);
	return o;
}

START_TEST(test_round_trip)
{
	struct value *v = payload_sample();

	expect_round_trip(v, 0);
	expect_round_trip(v, JSON_PRETTY);
	value_free(&v);
}
END_TEST

START_TEST(test_scalars_round_trip)
{
	struct value *v[] = {value_null(), value_bool(false), value_int(0), value_num(-0.5),
			     value_str(""), value_str("中文"), value_arr(), value_obj()};

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		expect_round_trip(v[i], 0);
		value_free(&v[i]);
	}
}
END_TEST

START_TEST(test_canonical_text)
{
	struct value *o = value_obj(), *c = value_obj(), *a = value_arr();

	value_set_int(o, "b", 1);
	value_push(a, value_bool(true));
	value_push(a, value_null());
	value_push(a, value_str("x"));
	value_set(o, "a", a);
	value_set_int(c, "z", 1);
	value_set_str(c, "y", "中文");
	value_set(o, "c", c);
	/* Sorted keys at every depth, no spaces, UTF-8 kept as is. */
	expect_encoding(o, "{\"a\":[true,null,\"x\"],\"b\":1,\"c\":{\"y\":\"中文\",\"z\":1}}");
}
END_TEST

START_TEST(test_control_characters)
{
	struct value *o = value_obj();

	value_set_str(o, "s", "a\tb\nc\x01\"\\/");
	expect_encoding(o, "{\"s\":\"a\\tb\\nc\\u0001\\\"\\\\/\"}");
}
END_TEST

/* The same members in two insertion orders, at two depths. */
static struct value *
ordered(bool reverse)
{
	static const char *const keys[] = {"zeta", "alpha", "中", "Beta", "a", "aa", "_"};
	size_t n = sizeof(keys) / sizeof(keys[0]);
	struct value *o = value_obj(), *inner = value_obj();

	for (size_t k = 0; k < n; k++) {
		size_t i = reverse ? n - 1 - k : k;

		value_set_int(inner, keys[i], (int64_t)i);
		value_set_str(o, keys[i], keys[i]);
	}
	value_set(o, "inner", inner);
	return o;
}

START_TEST(test_key_order_is_canonical)
{
	struct value *a = ordered(false), *b = ordered(true);
	char *ta = json_encode(a, 0), *tb = json_encode(b, 0);

	ck_assert_str_eq(ta, tb);
	/* Byte order: upper case, then '_', then lower case, then CJK. */
	ck_assert_ptr_nonnull(strstr(ta, "{\"Beta\":3,\"_\":6,\"a\":4,\"aa\":5,\"alpha\":1,"));
	free(ta);
	free(tb);
	value_free(&a);
	value_free(&b);
}
END_TEST

START_TEST(test_numbers)
{
	struct value *o = value_obj();
	struct value *back;

	value_set_int(o, "i", 5);
	value_set(o, "n", value_num(5.0));
	value_set(o, "t", value_num(0.1));
	/* Integers stay integers; numbers keep a point and 17 digits. */
	expect_encoding(o, "{\"i\":5,\"n\":5.0,\"t\":0.10000000000000001}");
	back = json_decode("{\"i\":5,\"n\":5.0,\"t\":0.1}", NULL);
	ck_assert_int_eq(value_kind(value_get(back, "i")), VALUE_INT);
	ck_assert_int_eq(value_kind(value_get(back, "n")), VALUE_NUM);
	ck_assert(value_as_num(value_get(back, "t"), 0) == 0.1);
	value_free(&back);
}
END_TEST

START_TEST(test_not_finite_is_null)
{
	struct value *a = value_arr();

	value_push(a, value_num(NAN));
	value_push(a, value_num(INFINITY));
	expect_encoding(a, "[null,null]");
}
END_TEST

START_TEST(test_invalid_utf8_is_replaced)
{
	struct value *o = value_obj(), *back;
	char *text;

	value_set_str(o, "s", "ok\xff\xc3(中");
	text = json_encode(o, 0);
	ck_assert_str_eq(text, "{\"s\":\"ok\xef\xbf\xbd\xef\xbf\xbd(中\"}");
	back = json_decode(text, NULL);
	ck_assert_ptr_nonnull(back);
	free(text);
	value_free(&back);
	value_free(&o);
}
END_TEST

START_TEST(test_decode_keeps_document_order)
{
	struct value *v = json_decode("{\"b\":1,\"a\":2,\"c\":{\"y\":1,\"x\":2}}", NULL);

	ck_assert_str_eq(value_key_at(v, 0), "b");
	ck_assert_str_eq(value_key_at(v, 1), "a");
	ck_assert_str_eq(value_key_at(value_get(v, "c"), 0), "y");
	value_free(&v);
}
END_TEST

START_TEST(test_pretty)
{
	struct value *o = value_obj();
	char *text;

	value_set_int(o, "b", 1);
	value_set_str(o, "a", "中");
	text = json_encode(o, JSON_PRETTY);
	ck_assert_str_eq(text, "{\n  \"a\": \"中\",\n  \"b\": 1\n}");
	free(text);
	value_free(&o);
}
END_TEST

static const struct {
	const char *text;
	const char *err;
} bad_json[] = {
	{"{\"a\":1,}", "line 1 column 8: string or '}' expected near '}'"},
	{"{\n  \"a\": 1,\n  \"b\": \n}", "line 4 column 1: unexpected token near '}'"},
	{"", "line 1 column 0: unexpected token near end of file"},
	{"[1, 2", "line 1 column 5: ']' expected near end of file"},
	{"{\"a\":1,\"a\":2}", "line 1 column 10: duplicate object key near '\"a\"'"},
	{"[1] x", "line 1 column 5: end of file expected near 'x'"},
	{"99999999999999999999", "line 1 column 20: too big integer near '99999999999999999999'"},
	{"{\"a\":\"\xff\"}", "line 1 column 6: unable to decode byte 0xff near '\"'"},
	/* NUL cannot live in a C string: refused, whatever the words. */
	{"\"\\u0000\"", NULL},
};

static char untouched[] = "untouched";

START_TEST(test_decode_errors)
{
	char *err = untouched;
	struct value *v = json_decode(bad_json[_i].text, &err);

	ck_assert_msg(v == NULL, "'%s' decoded", bad_json[_i].text);
	ck_assert_ptr_nonnull(err);
	if (bad_json[_i].err)
		ck_assert_str_eq(err, bad_json[_i].err);
	else
		ck_assert_msg(strncmp(err, "line 1 column ", 14) == 0, "%s", err);
	free(err);
	/* No error pointer: still just NULL. */
	ck_assert_ptr_null(json_decode(bad_json[_i].text, NULL));
}
END_TEST

START_TEST(test_decode_ok_clears_err)
{
	char *err = untouched;
	struct value *v = json_decode("[1, \"二\", {}]", &err);

	ck_assert_ptr_null(err);
	ck_assert_uint_eq(value_len(v), 3);
	ck_assert_str_eq(value_as_str(value_at(v, 1), NULL), "二");
	value_free(&v);
}
END_TEST

/* ---- the compact encoder is jansson's canonical form ---- */

static const char *const odd_strings[] = {
	"", "plain", "引号\"与\\反斜杠", "tab\tnl\ncr\rbs\bff\f", "\x01\x1f\x7f", "/slash/",
	"\xe2\x80\xa8 line sep", "bad \xff\xfe utf-8", "half \xe6\x96", "emoji \xf0\x9f\x98\x80",
};

static const double odd_numbers[] = {
	0.0, -0.0, 1.0, -1.5, 0.1, 1.0 / 3, 1e17, 1e16, 123456789012345678.0, 1e300, -1e-300,
	5e-324, 2.5e-7, 1e21, 1e22, 6.02214076e23, 100.0, 1e-5,
};

static struct value *
random_value(unsigned *seed, int depth)
{
	int r = (int)(rand_r(seed) % (depth > 3 ? 6 : 8));
	struct value *v;
	uint64_t bits;
	double d;

	switch (r) {
	case 0:
		return value_null();
	case 1:
		return value_bool(rand_r(seed) % 2);
	case 2:
		if (rand_r(seed) % 8 == 0)
			return value_int(rand_r(seed) % 2 ? INT64_MIN : INT64_MAX);
		return value_int((int64_t)((uint64_t)rand_r(seed) << 33 ^ (uint64_t)rand_r(seed)) *
				 (rand_r(seed) % 2 ? 1 : -1));
	case 3:
		if (rand_r(seed) % 2)
			return value_num(odd_numbers[rand_r(seed) % (sizeof(odd_numbers) /
								      sizeof(odd_numbers[0]))]);
		bits = (uint64_t)rand_r(seed) << 42 ^ (uint64_t)rand_r(seed) << 21 ^
		       (uint64_t)rand_r(seed);
		memcpy(&d, &bits, sizeof(d));
		return value_num(isfinite(d) ? d : 0.5);
	case 4:
	case 5:
		return value_str(odd_strings[rand_r(seed) % (sizeof(odd_strings) /
							     sizeof(odd_strings[0]))]);
	case 6:
		v = value_arr();
		for (int i = (int)(rand_r(seed) % 5); i > 0; i--)
			value_push(v, random_value(seed, depth + 1));
		return v;
	default:
		v = value_obj();
		for (int i = (int)(rand_r(seed) % 6); i > 0; i--) {
			char key[64];

			snprintf(key, sizeof(key), "%s%d",
				 odd_strings[rand_r(seed) % (sizeof(odd_strings) / sizeof(odd_strings[0]))],
				 (int)(rand_r(seed) % 20));
			value_set(v, key, random_value(seed, depth + 1));
		}
		return v;
	}
}

/*
 * json_encode(v, 0) writes the text itself; it must be the text jansson
 * writes for it (the journal's hashes were made by jansson): jansson reads
 * it and, with the canonical flags, writes the same bytes back.
 */
START_TEST(test_compact_is_janssons)
{
	unsigned seed = 1000u + (unsigned)_i;

	for (int k = 0; k < 400; k++) {
		struct value *v = random_value(&seed, 0);
		char *text = json_encode(v, 0), *back;
		json_error_t je;
		json_t *j = json_loads(text, JSON_DECODE_ANY, &je);

		ck_assert_msg(j != NULL, "%s: %s", text, je.text);
		back = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(17) |
				     JSON_ENCODE_ANY);
		ck_assert_str_eq(back, text);
		free(back);
		json_decref(j);
		free(text);
		value_free(&v);
	}
}
END_TEST

Suite *
suite_json(void)
{
	Suite *s = suite_create("json");
	TCase *tc = tcase_create("json");

	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_scalars_round_trip);
	tcase_add_test(tc, test_canonical_text);
	tcase_add_test(tc, test_control_characters);
	tcase_add_test(tc, test_key_order_is_canonical);
	tcase_add_test(tc, test_numbers);
	tcase_add_test(tc, test_not_finite_is_null);
	tcase_add_test(tc, test_invalid_utf8_is_replaced);
	tcase_add_test(tc, test_decode_keeps_document_order);
	tcase_add_test(tc, test_pretty);
	tcase_add_loop_test(tc, test_compact_is_janssons, 0, 8);
	tcase_add_loop_test(tc, test_decode_errors, 0, sizeof(bad_json) / sizeof(bad_json[0]));
	tcase_add_test(tc, test_decode_ok_clears_err);
	suite_add_tcase(s, tc);
	return s;
}
