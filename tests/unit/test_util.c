/* util/: durations, strings, text width and sanitizing, arena, diagnostics. */
#include "config.h"

#include "tests.h"
#include "util/arena.h"
#include "util/duration.h"
#include "util/status.h"
#include "util/str.h"
#include "util/strbuf.h"
#include "util/text.h"

#include <stdlib.h>
#include <string.h>

static const struct {
	const char *text;
	unsigned flags;
	bool ok;
	int64_t secs;
} duration_cases[] = {
	{"30m", 0, true, 1800},
	{"2h", 0, true, 7200},
	{"1h30m", 0, true, 5400},
	{"30d", 0, true, 30 * 86400},
	{"45s", 0, true, 45},
	{"1w", 0, true, 7 * 86400},
	{"6mo", DURATION_ALLOW_LONG, true, 6 * 30 * 86400},
	{"1y", DURATION_ALLOW_LONG, true, 365 * 86400},
	{"6mo", 0, false, 0},
	{"", 0, false, 0},
	{"30", 0, false, 0},
	{"m", 0, false, 0},
	{"30 m", 0, false, 0},
	{"-5m", 0, false, 0},
	{"2x", 0, false, 0},
	{"99999999999999999999h", 0, false, 0},
};

START_TEST(test_duration_parse)
{
	int64_t secs = -1;
	bool ok = duration_parse(duration_cases[_i].text, duration_cases[_i].flags, &secs);

	ck_assert_msg(ok == duration_cases[_i].ok, "duration '%s'", duration_cases[_i].text);
	if (ok)
		ck_assert_int_eq(secs, duration_cases[_i].secs);
}
END_TEST

START_TEST(test_duration_format)
{
	char buf[32];

	duration_format(5400, buf, sizeof(buf));
	ck_assert_str_eq(buf, "1h30m");
	duration_format(30 * 86400, buf, sizeof(buf));
	ck_assert_str_eq(buf, "30d");
	duration_format(0, buf, sizeof(buf));
	ck_assert_str_eq(buf, "0m");
	duration_format(-90, buf, sizeof(buf));
	ck_assert_str_eq(buf, "-1m30s");
}
END_TEST

/* Drill-clock times, as the banner, the score and 'drill tick' write them. */
START_TEST(test_duration_format_drill)
{
	char buf[32];

	duration_format_drill(0, buf, sizeof(buf));
	ck_assert_str_eq(buf, "T+0");
	duration_format_drill(510, buf, sizeof(buf));
	ck_assert_str_eq(buf, "T+8m30s");
	duration_format_drill(-600, buf, sizeof(buf));
	ck_assert_str_eq(buf, "T-10m");
	duration_format_drill(3600, buf, sizeof(buf));
	ck_assert_str_eq(buf, "T+1h");
}
END_TEST

START_TEST(test_suggest)
{
	const char *const cands[] = {"title", "issuer", "document", "date", NULL};

	ck_assert_int_eq(str_edit_distance("kitten", "sitting"), 3);
	ck_assert_str_eq(str_suggest("titel", cands), "title");
	ck_assert_str_eq(str_suggest("isuer", cands), "issuer");
	ck_assert_ptr_null(str_suggest("colour", cands));
}
END_TEST

START_TEST(test_numbers)
{
	long long v;
	double d;

	ck_assert(str_to_ll("120", &v) && v == 120);
	ck_assert(!str_to_ll("12a", &v));
	ck_assert(!str_to_ll("", &v));
	ck_assert(!str_to_ll(" 1", &v));
	ck_assert(str_to_double("1e9", &d) && d == 1e9);
	ck_assert(!str_to_double("abc", &d));
	ck_assert(!str_to_double("inf", &d));
}
END_TEST

START_TEST(test_sanitize)
{
	struct strbuf sb = STRBUF_INIT;

	text_sanitize(&sb, "a\x1b[31mb\x7f\xc2\x85z", 0);
	ck_assert_str_eq(sb_str(&sb), "a^[[31mb^?<U+0085>z");
	sb_reset(&sb);
	text_sanitize(&sb, "x\ny\tz", 0);
	ck_assert_str_eq(sb_str(&sb), "x y z");
	sb_reset(&sb);
	text_sanitize(&sb, "x\ny", TEXT_KEEP_NEWLINES);
	ck_assert_str_eq(sb_str(&sb), "x\ny");
	sb_reset(&sb);
	text_sanitize(&sb, "bad\xff!", 0);
	ck_assert_str_eq(sb_str(&sb), "bad\xef\xbf\xbd!");
	sb_free(&sb);
}
END_TEST

START_TEST(test_width_and_fit)
{
	struct strbuf sb = STRBUF_INIT;

	ck_assert_uint_eq(text_width("abc"), 3);
	ck_assert_uint_eq(text_width("潞城市"), 6);
	ck_assert_uint_eq(text_width("Ⅳ级"), 3);
	/* Cut to 5 columns: two CJK characters (4) and an ellipsis, never half a char. */
	ck_assert_uint_eq(text_fit(&sb, "潞城市网络", 5, false), 5);
	ck_assert_str_eq(sb_str(&sb), "潞城…");
	sb_reset(&sb);
	/* 4 columns: one CJK (2) + ellipsis (1) = 3, padded to 4. */
	ck_assert_uint_eq(text_fit(&sb, "潞城市", 4, true), 4);
	ck_assert_str_eq(sb_str(&sb), "潞… ");
	sb_reset(&sb);
	ck_assert_uint_eq(text_fit(&sb, "潞城", 4, true), 4);
	ck_assert_str_eq(sb_str(&sb), "潞城");
	sb_reset(&sb);
	ck_assert_uint_eq(text_fit(&sb, "ab", 5, true), 5);
	ck_assert_str_eq(sb_str(&sb), "ab   ");
	sb_free(&sb);
	ck_assert(text_valid_utf8("潞城", strlen("潞城")));
	ck_assert(!text_valid_utf8("\xe6\xbd", 2));
}
END_TEST

START_TEST(test_arena)
{
	struct arena *a = arena_new();
	char *s = arena_strdup(a, "应急");
	int *v = arena_array(a, 100000, sizeof(int));

	ck_assert_str_eq(s, "应急");
	ck_assert_int_eq(v[99999], 0);
	ck_assert_uint_ge(arena_used(a), 400000);
	arena_free(&a);
	ck_assert_ptr_null(a);
	arena_free(&a);
}
END_TEST

START_TEST(test_diags)
{
	struct diag_list dl = {0};
	char *line;

	diag_add(&dl, DIAG_ERROR, "b.yaml", 3, 1, "third");
	diag_add(&dl, DIAG_WARNING, "b.yaml", 1, 9, "first %d", 1);
	diag_add(&dl, DIAG_ERROR, "b.yaml", 1, 9, "second");
	diag_sort(&dl);
	ck_assert_uint_eq(dl.errors, 2);
	ck_assert_uint_eq(dl.warnings, 1);
	line = diag_format(&dl.items[0]);
	ck_assert_str_eq(line, "b.yaml:1:9: warning: first 1");
	free(line);
	line = diag_format(&dl.items[1]);
	ck_assert_str_eq(line, "b.yaml:1:9: error: second");
	free(line);
	ck_assert_str_eq(dl.items[2].message, "third");
	diag_list_clear(&dl);
	ck_assert_str_eq(yj_status_message(YJ_ERR_NOINPUT), "no such file or incident");
}
END_TEST

Suite *
suite_util(void)
{
	Suite *s = suite_create("util");
	TCase *tc = tcase_create("core");

	tcase_add_loop_test(tc, test_duration_parse, 0,
			    sizeof(duration_cases) / sizeof(duration_cases[0]));
	tcase_add_test(tc, test_duration_format);
	tcase_add_test(tc, test_duration_format_drill);
	tcase_add_test(tc, test_suggest);
	tcase_add_test(tc, test_numbers);
	tcase_add_test(tc, test_sanitize);
	tcase_add_test(tc, test_width_and_fit);
	tcase_add_test(tc, test_arena);
	tcase_add_test(tc, test_diags);
	suite_add_tcase(s, tc);
	return s;
}
