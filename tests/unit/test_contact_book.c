/*
 * core/contact_book and io/contact_book_load: the local contacts file is
 * checked against the playbook in use, applies to that plan's incidents but
 * not to drills, and shows its people aligned and inert.
 */
#include "config.h"

#include "core/contact_book.h"
#include "io/contact_book_load.h"
#include "io/json.h"
#include "io/yaml_doc.h"
#include "tests.h"
#include "util/strbuf.h"
#include "util/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char good[] =
	"yingji_contacts: 1\n"
	"contacts:\n"
	"  - contact: office-duty\n"
	"    person: 李四\n"
	"    phone: \"13800000001\"\n"
	"    mobile: \"13900000001\"\n"
	"    note: 夜间请拨手机\n"
	"  - contact: hq-line\n"
	"    person: Wang Wei\n"
	"    phone: 0355-6000002\n";

/* Build `text` against pb; the diagnostics, formatted, one per line, in `out`. */
static enum yj_status
build(const char *text, const struct playbook *pb, struct contact_book **b, struct strbuf *out)
{
	struct diag_list dl = {0};
	struct doc *doc = NULL;
	enum yj_status st = yaml_doc_parse(text, strlen(text), "c.yaml", &doc, &dl);

	*b = NULL;
	if (st == YJ_OK)
		st = contact_book_from_doc(doc, pb, b, &dl);
	diag_sort(&dl);
	for (size_t i = 0; out && i < dl.n; i++) {
		char *line = diag_format(&dl.items[i]);

		sb_printf(out, "%s\n", line);
		free(line);
	}
	doc_free(&doc);
	diag_list_clear(&dl);
	return st;
}

START_TEST(test_good_file)
{
	struct playbook *pb = test_shipped_playbook("lucheng-2017.yaml");
	struct contact_book *b;
	const struct cb_entry *e;

	ck_assert_int_eq(build(good, pb, &b, NULL), YJ_OK);
	ck_assert_uint_eq(contact_book_count(b), 2);
	/* No plan: given: the file is for the plan of the playbook it was checked against. */
	ck_assert_str_eq(contact_book_plan(b), "lucheng-2017");
	ck_assert_str_eq(contact_book_file(b), "c.yaml");
	e = contact_book_entry(b, 0);
	ck_assert_str_eq(e->contact, "office-duty");
	ck_assert_str_eq(e->person, "李四");
	ck_assert_str_eq(e->phone, "13800000001");
	ck_assert_str_eq(e->mobile, "13900000001");
	ck_assert_str_eq(e->note, "夜间请拨手机");
	ck_assert_int_eq(e->pos.line, 3);
	e = contact_book_entry(b, 1);
	/* A plain number with dashes is text to YAML: no quotes needed. */
	ck_assert_str_eq(e->phone, "0355-6000002");
	ck_assert_ptr_null(e->mobile);
	ck_assert_ptr_null(e->note);
	contact_book_free(&b);
	ck_assert_ptr_null(b);
	contact_book_free(&b);	/* twice is fine */
	playbook_free(&pb);
}
END_TEST

/* The plan decides which incidents a book applies to; drills never get real people. */
START_TEST(test_applies)
{
	struct playbook *pb = test_shipped_playbook("lucheng-2017.yaml");
	struct playbook *other = test_shipped_playbook("xinzhou-hrss-2023.yaml");
	struct incident *st = incident_begin(pb), *drill = incident_begin(pb);
	struct incident *elsewhere = incident_begin(other);
	struct contact_book *b;

	ck_assert_int_eq(build(good, pb, &b, NULL), YJ_OK);
	drill->drill = true;
	ck_assert(contact_book_applies(b, st));
	ck_assert_str_eq(contact_book_find(b, st, "office-duty")->person, "李四");
	ck_assert_ptr_null(contact_book_find(b, st, "psb-liaison"));
	ck_assert_ptr_null(contact_book_find(b, st, NULL));
	ck_assert(!contact_book_applies(b, drill));
	ck_assert_ptr_null(contact_book_find(b, drill, "office-duty"));
	ck_assert(!contact_book_applies(b, elsewhere));
	ck_assert_ptr_null(contact_book_find(b, elsewhere, "office-duty"));
	ck_assert(!contact_book_applies(NULL, st));
	ck_assert_ptr_null(contact_book_find(NULL, st, "office-duty"));
	incident_free(&st);
	incident_free(&drill);
	incident_free(&elsewhere);
	contact_book_free(&b);
	playbook_free(&other);
	playbook_free(&pb);
}
END_TEST

/* Person padded to a fixed width whatever its script, so that numbers line up. */
START_TEST(test_line_aligned)
{
	struct playbook *pb = test_shipped_playbook("lucheng-2017.yaml");
	struct contact_book *b;
	struct strbuf a = STRBUF_INIT, w = STRBUF_INIT;

	ck_assert_int_eq(build(good, pb, &b, NULL), YJ_OK);
	contact_book_line(contact_book_entry(b, 0), &a);
	contact_book_line(contact_book_entry(b, 1), &w);
	ck_assert_str_eq(sb_str(&a), "李四       13800000001  mobile 13900000001  夜间请拨手机");
	ck_assert_str_eq(sb_str(&w), "Wang Wei   0355-6000002");
	ck_assert_str_eq(strstr(sb_str(&a), "138"), "13800000001  mobile 13900000001  夜间请拨手机");
	ck_assert_uint_eq(text_width(sb_str(&a)) - text_width(strstr(sb_str(&a), "138")),
			  text_width(sb_str(&w)) - text_width(strstr(sb_str(&w), "035")));
	sb_free(&a);
	sb_free(&w);
	contact_book_free(&b);
	playbook_free(&pb);
}
END_TEST

START_TEST(test_value)
{
	struct playbook *pb = test_shipped_playbook("lucheng-2017.yaml");
	struct incident *st = incident_begin(pb), *drill = incident_begin(pb);
	struct contact_book *b;
	struct value *v;
	char *json;

	ck_assert_int_eq(build(good, pb, &b, NULL), YJ_OK);
	v = contact_book_value(b, st);
	json = json_encode(v, 0);
	/* (The JSON encoder writes keys in order.) */
	ck_assert_str_eq(json, "{\"hq-line\":{\"mobile\":null,\"note\":null,\"person\":\"Wang Wei\","
			       "\"phone\":\"0355-6000002\"},\"office-duty\":{\"mobile\":"
			       "\"13900000001\",\"note\":\"夜间请拨手机\",\"person\":\"李四\","
			       "\"phone\":\"13800000001\"}}");
	free(json);
	value_free(&v);
	drill->drill = true;
	ck_assert_ptr_null(contact_book_value(b, drill));
	ck_assert_ptr_null(contact_book_value(NULL, st));
	incident_free(&st);
	incident_free(&drill);
	contact_book_free(&b);
	playbook_free(&pb);
}
END_TEST

/* What YAML reads as something other than text is refused for a number, and only that. */
static const struct {
	const char *phone;
	bool ok;
} phones[] = {
	{"13800000001", false},	    {"+8613800000001", false}, {"03556000001", false},
	{"1_380_000", false},	    {"0x1F", false},	       {"1:20", false},
	{"1e5", false},		    {"-5", false},	       {"yes", false},
	{"Off", false},		    {"0355-6000001", true},    {"010-12345678", true},
	{"+86 138 0000 0001", true}, {"(0355)6000001", true},   {"6000001转801", true},
	{"\"13800000001\"", true},   {"'+8613800000001'", true}, {"e", true},
};

START_TEST(test_phone_forms)
{
	struct playbook *pb = test_shipped_playbook("lucheng-2017.yaml");
	struct contact_book *b;
	struct strbuf text = STRBUF_INIT, diags = STRBUF_INIT;

	sb_printf(&text, "yingji_contacts: 1\ncontacts:\n  - contact: office-duty\n"
			 "    person: 李四\n    phone: %s\n", phones[_i].phone);
	ck_assert_msg((build(sb_str(&text), pb, &b, &diags) == YJ_OK) == phones[_i].ok,
		      "phone: %s: %s", phones[_i].phone, sb_str(&diags));
	if (!phones[_i].ok)
		ck_assert_msg(strstr(sb_str(&diags), "must be written in quotes"), "%s",
			      sb_str(&diags));
	contact_book_free(&b);
	sb_free(&text);
	sb_free(&diags);
	playbook_free(&pb);
}
END_TEST

START_TEST(test_no_playbook)
{
	struct contact_book *b;
	struct strbuf diags = STRBUF_INIT;

	/* Without the playbook in use the file's form is still checked, but it never loads. */
	ck_assert_int_eq(build(good, NULL, &b, &diags), YJ_ERR_DATA);
	ck_assert_ptr_null(b);
	ck_assert_str_eq(sb_str(&diags), "");
	ck_assert_int_eq(build("yingji_contacts: 1\ncontacts: []\n", NULL, &b, &diags),
			 YJ_ERR_DATA);
	ck_assert_str_eq(sb_str(&diags), "c.yaml:2:11: error: 'contacts' is empty: list at least "
					 "one contact, or remove the file\n");
	sb_free(&diags);
}
END_TEST

START_TEST(test_not_contacts)
{
	struct playbook *pb = test_shipped_playbook("lucheng-2017.yaml");
	struct contact_book *b;
	struct strbuf diags = STRBUF_INIT;

	ck_assert_int_eq(build("", pb, &b, &diags), YJ_ERR_DATA);
	ck_assert_str_eq(sb_str(&diags), "c.yaml:1:1: error: no contacts in the file (it is empty "
					 "or holds only comments); a local contacts file starts "
					 "with 'yingji_contacts: 1'\n");
	sb_reset(&diags);
	ck_assert_int_eq(build("yingji_playbook: 1\nplan: {}\n", pb, &b, &diags), YJ_ERR_DATA);
	ck_assert_str_eq(sb_str(&diags), "c.yaml:1:1: error: this is a playbook ('yingji_playbook'), "
					 "not a local contacts file (which starts with "
					 "'yingji_contacts: 1')\n");
	sb_reset(&diags);
	ck_assert_int_eq(build("contacts: [{contact: office-duty, person: a, phone: '1'}]\n", pb,
			       &b, &diags), YJ_ERR_DATA);
	ck_assert_str_eq(sb_str(&diags), "c.yaml:1:1: error: the local contacts file is missing the "
					 "required key 'yingji_contacts'\n");
	sb_free(&diags);
	playbook_free(&pb);
}
END_TEST

/*
 * A hostile file of tens of thousands of entries for one contact: every
 * duplicate is found by sorting, not by comparing each pair, and the errors
 * stop at decode.c's cap.
 */
START_TEST(test_many_duplicates)
{
	struct playbook *pb = test_shipped_playbook("lucheng-2017.yaml");
	struct strbuf text = STRBUF_INIT, diags = STRBUF_INIT;
	struct contact_book *b;
	clock_t t0 = clock();

	sb_append(&text, "yingji_contacts: 1\ncontacts:\n");
	for (int i = 0; i < 20000; i++)
		sb_append(&text, "- {contact: office-duty, person: a, phone: '1'}\n");
	ck_assert_int_eq(build(sb_str(&text), pb, &b, &diags), YJ_ERR_DATA);
	ck_assert(strstr(sb_str(&diags), "c.yaml:4:13: error: contact 'office-duty' is given twice "
					 "(first at line 3)"));
	ck_assert(strstr(sb_str(&diags), "too many errors"));
	ck_assert_msg((double)(clock() - t0) / CLOCKS_PER_SEC < 5.0, "took %.1f s",
		      (double)(clock() - t0) / CLOCKS_PER_SEC);
	sb_free(&text);
	sb_free(&diags);
	playbook_free(&pb);
}
END_TEST

/* The loader: a private file loads quietly; one others can read loads with a warning. */
START_TEST(test_load_file)
{
	char dir[] = "/tmp/yj-contacts-XXXXXX", path[4200], pbpath[4096];
	struct diag_list dl = {0};
	struct contact_book *b;
	FILE *f;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/contacts.yaml", dir);
	snprintf(pbpath, sizeof(pbpath), "%s/lucheng-2017.yaml", test_playbook_dir());
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(good, f);
	fclose(f);
	ck_assert_int_eq(chmod(path, 0600), 0);
	ck_assert_int_eq(contact_book_load(path, pbpath, &b, &dl), YJ_OK);
	ck_assert_uint_eq(dl.n, 0);
	contact_book_free(&b);
	ck_assert_int_eq(chmod(path, 0640), 0);
	ck_assert_int_eq(contact_book_load(path, pbpath, &b, &dl), YJ_OK);
	ck_assert_uint_eq(dl.n, 1);
	ck_assert_int_eq(dl.items[0].severity, DIAG_WARNING);
	ck_assert(strstr(dl.items[0].message, "mode 0640"));
	diag_list_clear(&dl);
	contact_book_free(&b);
	/* Checking only (no book wanted), and a playbook in use that is missing: 66. */
	ck_assert_int_eq(contact_book_load(path, pbpath, NULL, &dl), YJ_OK);
	diag_list_clear(&dl);
	ck_assert_int_eq(contact_book_load(path, "/nonexistent/p.yaml", &b, &dl), YJ_ERR_NOINPUT);
	ck_assert_ptr_null(b);
	diag_list_clear(&dl);
	unlink(path);
	ck_assert_int_eq(contact_book_load(path, pbpath, &b, &dl), YJ_ERR_NOINPUT);
	diag_list_clear(&dl);
	rmdir(dir);
}
END_TEST

Suite *
suite_contact_book(void)
{
	Suite *s = suite_create("contact_book");
	TCase *tc = tcase_create("contact_book");

	tcase_add_test(tc, test_good_file);
	tcase_add_test(tc, test_applies);
	tcase_add_test(tc, test_line_aligned);
	tcase_add_test(tc, test_value);
	tcase_add_loop_test(tc, test_phone_forms, 0, sizeof(phones) / sizeof(phones[0]));
	tcase_add_test(tc, test_no_playbook);
	tcase_add_test(tc, test_not_contacts);
	tcase_add_test(tc, test_many_duplicates);
	tcase_add_test(tc, test_load_file);
	suite_add_tcase(s, tc);
	return s;
}
