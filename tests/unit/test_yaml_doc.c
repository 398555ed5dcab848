/* io/yaml_doc: positions, and hostile input refused cleanly and quickly. */
#include "config.h"

#include "io/yaml_doc.h"
#include "tests.h"
#include "util/docbin.h"
#include "util/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Parse `text`; return the status and leave the first diagnostic in *first (or ""). */
static enum yj_status
parse(const char *text, size_t len, struct doc **doc, char *first, size_t n)
{
	struct diag_list dl = {0};
	enum yj_status st = yaml_doc_parse(text, len, "t.yaml", doc, &dl);

	first[0] = '\0';
	diag_sort(&dl);
	if (dl.n) {
		char *line = diag_format(&dl.items[0]);

		snprintf(first, n, "%s", line);
		free(line);
	}
	diag_list_clear(&dl);
	return st;
}

START_TEST(test_positions)
{
	const char *y = "a: 1\nlist:\n  - x\n  - {k: 潞城, j: 'q'}\n";
	struct doc *d = NULL;
	char msg[256];
	const struct doc_node *list, *m;

	ck_assert_int_eq(parse(y, strlen(y), &d, msg, sizeof(msg)), YJ_OK);
	ck_assert_str_eq(msg, "");
	list = doc_get(d->root, "list");
	ck_assert_int_eq(list->kind, DOC_SEQ);
	ck_assert_int_eq(list->n, 2);
	ck_assert_int_eq(list->items[0]->line, 3);
	ck_assert_int_eq(list->items[0]->col, 5);
	m = list->items[1];
	ck_assert_int_eq(m->kind, DOC_MAP);
	ck_assert_str_eq(doc_get(m, "k")->str, "潞城");
	ck_assert(doc_get(m, "k")->plain);
	ck_assert(!doc_get(m, "j")->plain);
	/* Columns count characters, not bytes: 'q' follows two CJK characters. */
	ck_assert_int_eq(doc_get(m, "j")->col, 16);
	doc_free(&d);
	ck_assert_ptr_null(d);
}
END_TEST

static const struct {
	const char *name, *text, *expect;
	enum yj_status st;
} bad_cases[] = {
	{"duplicate key", "a: 1\nb: 2\na: 3\n", "t.yaml:3:1: error: duplicate key 'a' (first given at line 1)", YJ_ERR_DATA},
	{"anchor", "a: &x 1\nb: 2\n", "t.yaml:1:4: error: YAML anchors are not allowed ('&x')",
	 YJ_ERR_DATA},
	{"alias", "a: 1\nb: *x\n", "t.yaml:2:4: error: YAML aliases are not allowed ('*x')",
	 YJ_ERR_DATA},
	{"tag", "a: !!str 1\n", "t.yaml:1:4: error: YAML tags are not allowed ('!!str')",
	 YJ_ERR_DATA},
	{"tab", "a:\n\tb: 1\n", "t.yaml:2:1: error: tab character where YAML allows only spaces",
	 YJ_ERR_DATA},
	/* libyaml counts its index in characters; the tab is found by line and column. */
	{"tab after CJK", "a: 潞城潞城\nb:\n\tc: 1\n",
	 "t.yaml:3:1: error: tab character where YAML allows only spaces", YJ_ERR_DATA},
	{"two docs", "a: 1\n---\nb: 2\n",
	 "t.yaml:2:1: error: only one YAML document is allowed per file", YJ_ERR_DATA},
	{"bad utf8", "a: \xff\xfe\n", "t.yaml:1:4: error: invalid UTF-8 (byte 0xff); playbooks "
				      "must be saved as UTF-8, not GBK or another encoding", YJ_ERR_DATA},
	{"utf16", "\xff\xfe" "a", "t.yaml:1:1: error: the file is UTF-16 (it starts with a "
				   "UTF-16 byte-order mark); playbooks must be saved as UTF-8",
	 YJ_ERR_DATA},
	{"control", "a: b\x01\n", "t.yaml:1:5: error: control characters are not allowed (is this a "
				  "text file?)", YJ_ERR_DATA},
	{"nul escape", "a: \"x\\0y\"\n", "t.yaml:1:4: error: NUL character in a string",
	 YJ_ERR_DATA},
	{"complex key", "? [a]\n: 1\n", "t.yaml:1:3: error: mapping keys must be plain strings",
	 YJ_ERR_DATA},
};

START_TEST(test_bad_input)
{
	struct doc *d = NULL;
	char msg[256];
	enum yj_status st = parse(bad_cases[_i].text, strlen(bad_cases[_i].text), &d, msg,
				  sizeof(msg));

	ck_assert_msg(st == bad_cases[_i].st, "%s: status %d", bad_cases[_i].name, st);
	ck_assert_msg(strcmp(msg, bad_cases[_i].expect) == 0, "%s: got '%s'", bad_cases[_i].name,
		      msg);
	ck_assert_ptr_null(d);
}
END_TEST

START_TEST(test_alias_bomb)
{
	/* The classic "billion laughs": refused at the first anchor, nothing expanded. */
	const char *y = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
			"b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
			"c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
			"d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n";
	struct doc *d = NULL;
	char msg[256];

	ck_assert_int_eq(parse(y, strlen(y), &d, msg, sizeof(msg)), YJ_ERR_DATA);
	ck_assert_str_eq(msg, "t.yaml:1:4: error: YAML anchors are not allowed ('&a')");
}
END_TEST

START_TEST(test_nesting_bomb)
{
	/* 100,000 nested '[' cost libyaml 34 s of CPU; we stop at depth 32. */
	size_t n = 100000;
	char *y = malloc(n + 1);
	struct doc *d = NULL;
	char msg[256];

	memset(y, '[', n);
	y[n] = '\0';
	ck_assert_int_eq(parse(y, n, &d, msg, sizeof(msg)), YJ_ERR_DATA);
	ck_assert_str_eq(msg, "t.yaml:1:33: error: nesting deeper than 32 levels; refusing the file");
	free(y);
}
END_TEST

START_TEST(test_too_big)
{
	size_t n = YAML_DOC_MAX_BYTES + 1;
	char *y = malloc(n);
	struct doc *d = NULL;
	char msg[256];

	memset(y, ' ', n);
	ck_assert_int_eq(parse(y, n, &d, msg, sizeof(msg)), YJ_ERR_TOO_BIG);
	ck_assert_str_eq(msg, "t.yaml: error: file is larger than 1048576 bytes; refusing it");
	free(y);
}
END_TEST

START_TEST(test_empty)
{
	struct doc *d = NULL;
	char msg[256];

	ck_assert_int_eq(parse("", 0, &d, msg, sizeof(msg)), YJ_OK);
	ck_assert_ptr_nonnull(d);
	ck_assert_ptr_null(d->root);
	doc_free(&d);
	ck_assert_int_eq(parse("# only a comment\n", 17, &d, msg, sizeof(msg)), YJ_OK);
	ck_assert_ptr_null(d->root);
	doc_free(&d);
	/* A UTF-8 byte-order mark (Windows editors write one) is skipped. */
	ck_assert_int_eq(parse("\xef\xbb\xbf" "a: 1\n", 8, &d, msg, sizeof(msg)), YJ_OK);
	ck_assert_str_eq(d->root->pairs[0].key->str, "a");
	ck_assert_int_eq(d->root->pairs[0].key->col, 1);
	doc_free(&d);
}
END_TEST

/* The cached tree of a playbook reads back as the same tree; a damaged one is refused. */
START_TEST(test_docbin_roundtrip)
{
	static const char *const shipped[] = {"lucheng-2017.yaml", "xinzhou-devzone-2023.yaml",
					      "xinzhou-hrss-2023.yaml", "tianjin-hrss.yaml",
					      "zhanjiang-center-2019.yaml"};
	struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
	struct diag_list dl = {0};
	struct doc *doc = NULL, *back;
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s", test_playbook_dir(), shipped[_i]);
	ck_assert_int_eq(yaml_doc_load_file(path, &doc, &dl), YJ_OK);
	docbin_encode(doc, &a);
	back = docbin_decode(a.buf, a.len, "cached");
	ck_assert_ptr_nonnull(back);
	docbin_encode(back, &b);
	ck_assert_uint_eq(a.len, b.len);
	ck_assert_int_eq(memcmp(a.buf, b.buf, a.len), 0);
	ck_assert_int_eq(back->root->line, doc->root->line);
	doc_free(&back);
	/* Every truncation, and a flipped byte here and there, is refused or still well formed. */
	for (size_t n = 0; n < a.len; n += 1 + n / 64) {
		back = docbin_decode(a.buf, n, "cut");
		ck_assert_ptr_null(back);
	}
	for (size_t i = 8; i < a.len; i += 97) {
		a.buf[i] ^= 0x5a;
		back = docbin_decode(a.buf, a.len, "flipped");
		doc_free(&back);
		a.buf[i] ^= 0x5a;
	}
	doc_free(&doc);
	diag_list_clear(&dl);
	sb_free(&a);
	sb_free(&b);
}
END_TEST

START_TEST(test_missing_file)
{
	struct diag_list dl = {0};
	struct doc *d = NULL;

	ck_assert_int_eq(yaml_doc_load_file("/nonexistent/x.yaml", &d, &dl), YJ_ERR_NOINPUT);
	ck_assert_str_eq(dl.items[0].message, "cannot open: No such file or directory");
	diag_list_clear(&dl);
	ck_assert_int_eq(yaml_doc_load_file("/", &d, &dl), YJ_ERR_NOINPUT);
	ck_assert_str_eq(dl.items[0].message, "is a directory, not a file");
	diag_list_clear(&dl);
}
END_TEST

Suite *
suite_yaml_doc(void)
{
	Suite *s = suite_create("yaml_doc");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_positions);
	tcase_add_loop_test(tc, test_bad_input, 0, sizeof(bad_cases) / sizeof(bad_cases[0]));
	tcase_add_test(tc, test_alias_bomb);
	tcase_add_test(tc, test_nesting_bomb);
	tcase_add_test(tc, test_too_big);
	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_missing_file);
	tcase_add_loop_test(tc, test_docbin_roundtrip, 0, 5);
	suite_add_tcase(s, tc);
	return s;
}
