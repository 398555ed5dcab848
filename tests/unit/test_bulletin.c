/*
 * core/bulletin.c: the information bulletin (信息报告) filled from an
 * incident's state, with what it must contain taken from the playbook's
 * `reporting` section (潞城 4.1.1) and nothing of a plan built in.
 */
#include "config.h"

#include "core/bulletin.h"
#include "core/report.h"
#include "journal.h"
#include "tests.h"
#include "util/strbuf.h"
#include "util/value.h"

#include <stdlib.h>
#include <string.h>

/* The bulletin of the state now, as text, Markdown or JSON. */
static char *
render(const struct journal *j, enum report_format fmt, struct value **json)
{
	struct incident *st = fold(j);
	struct strbuf out = STRBUF_INIT;

	report_export(st, REPORT_BULLETIN, fmt, &out, json);
	incident_free(&st);
	return sb_detach(&out);
}

static const struct {
	const char *playbook, *duty;
} duties[] = {
	{"lucheng-2017.yaml", "incident-report"},	/* emergency, with 4.1.1's content */
	{"xinzhou-hrss-2023.yaml", "emergency"},	/* 紧急通报 before the routine one */
	{"tianjin-hrss.yaml", "announcement"},		/* emergency without content */
	{"xinzhou-devzone-2023.yaml", "dept-report"},	/* upward only */
	{"zhanjiang-center-2019.yaml", "police-report"},	/* upward, with content */
};

START_TEST(test_duty_is_the_plans_emergency_report)
{
	struct playbook *pb = load(duties[_i].playbook);

	ck_assert_ptr_nonnull(bulletin_duty(pb));
	ck_assert_str_eq(bulletin_duty(pb)->m.id, duties[_i].duty);
	playbook_free(&pb);
}
END_TEST

START_TEST(test_content_items_find_their_fields)
{
	struct playbook *pb = load("lucheng-2017.yaml");
	const struct pb_bulletin *d = bulletin_duty(pb);
	static const char *const want[] = {"discovered_at", "place", "unit_name",
					   "info_source", "category", "economic_loss",
					   "scope", "trend", "handling"};

	/* 4.1.1 names the nine items; the playbook's fields carry the same names. */
	ck_assert_uint_eq(d->n_content, 9);
	for (size_t i = 0; i < d->n_content; i++) {
		const struct pb_field *f = bulletin_field(pb, &d->content[i]);

		ck_assert_msg(f, "content item %s has no field", d->content[i].id);
		ck_assert_str_eq(f->m.id, want[i]);
	}
	playbook_free(&pb);
	/* 忻州人社 第十三条: four by id, the fifth (other) by its name. */
	pb = load("xinzhou-hrss-2023.yaml");
	d = bulletin_duty(pb);
	ck_assert_uint_eq(d->n_content, 5);
	ck_assert_str_eq(bulletin_field(pb, &d->content[0])->m.id, "info");
	ck_assert_str_eq(bulletin_field(pb, &d->content[3])->m.id, "measures");
	ck_assert_str_eq(d->content[4].id, "other");
	ck_assert_str_eq(bulletin_field(pb, &d->content[4])->m.id, "other_info");
	/* An item no field records is left for the officer, not made up. */
	ck_assert_ptr_null(bulletin_field(pb, &(struct pb_item){"nothing", "无此字段", {0}}));
	playbook_free(&pb);
}
END_TEST

START_TEST(test_lucheng_bulletin_is_filled_from_the_record)
{
	struct journal j;
	struct value *json = NULL;
	const struct value *c;
	char *text;

	j_open(&j, "lucheng-2017.yaml", NULL, 0);
	set1(&j, "discovered_at", "2026-11-22 10:00");
	set1(&j, "place", "机房|二楼\x1b[31m");
	j.now = T0 + 20 * MIN;
	tick(&j, "report-office");
	ok(&j, (struct request){.kind = REQ_NOTIFY, .contact = "office-duty", .channel = "phone"});
	text = render(&j, FORMAT_TXT, &json);
	ck_assert_ptr_null(json);
	ck_assert_msg(strstr(text, "突发事件报告 — incident 1: 测试事件\n"), "%s", text);
	ck_assert_msg(strstr(text, "to: 市指挥部办公室, 市政府\n"), "%s", text);
	ck_assert_msg(strstr(text, "time limit: within 30 min\n"), "%s", text);
	ck_assert_msg(strstr(text, "  时间: 2026-11-22 10:00:00\n"), "%s", text);
	ck_assert_msg(strstr(text, "  单位名称: (not recorded)\n"), "%s", text);
	ck_assert_msg(strstr(text, "2026-11-22 10:20:00  在30分钟内要把事件有关信息立即报告"), "%s", text);
	ck_assert_msg(strstr(text, "市指挥部办公室（值班） (phone) — 张三\n"), "%s", text);
	/* Text from the record never brings a control character along. */
	ck_assert_msg(!strchr(text, 0x1b), "%s", text);
	free(text);
	text = render(&j, FORMAT_MD, &json);
	ck_assert_msg(strstr(text, "| 地点 | 机房\\|二楼"), "%s", text);
	free(text);
	text = render(&j, FORMAT_JSON, &json);
	ck_assert_str_eq(text, "");
	free(text);
	ck_assert_str_eq(value_get_str(json, "report"), "bulletin");
	ck_assert(!value_as_bool(value_get(json, "drill"), true));
	ck_assert_str_eq(value_get_str(value_get(json, "duty"), "id"), "incident-report");
	c = value_get(json, "content");
	ck_assert_uint_eq(value_len(c), 9);
	ck_assert_str_eq(value_get_str(value_at(c, 0), "field"), "discovered_at");
	ck_assert_str_eq(value_get_str(value_at(c, 0), "value"), "2026-11-22 10:00:00");
	ck_assert_int_eq(value_kind(value_get(value_at(c, 2), "value")), VALUE_NULL);
	ck_assert_uint_eq(value_len(value_get(json, "measures")), 1);
	ck_assert_str_eq(value_get_str(value_at(value_get(json, "notified"), 0), "contact"),
			 "office-duty");
	ck_assert_msg(strncmp(value_get_str(json, "head"), "5:", 2) == 0, "%s",
		      value_get_str(json, "head"));
	value_free(&json);
	j_free(&j);
}
END_TEST

START_TEST(test_drill_bulletin_says_so)
{
	struct journal j;
	struct strbuf why = STRBUF_INIT;
	struct value *p = NULL, *json = NULL;
	char *text;

	memset(&j, 0, sizeof(j));
	j.pb = load("lucheng-2017.yaml");
	j.now = T0;
	j.op = "张三";
	ck_assert_int_eq(request_open(j.pb, "hash", "演练事件", true, NULL, 0, &p, &why), YJ_OK);
	append(&j, ENTRY_OPEN, p);
	text = render(&j, FORMAT_TXT, &json);
	ck_assert_msg(strstr(text, "突发事件报告 — incident 1 [DRILL]: 演练事件\n") == text, "%s", text);
	free(text);
	text = render(&j, FORMAT_JSON, &json);
	ck_assert(value_as_bool(value_get(json, "drill"), false));
	free(text);
	value_free(&json);
	sb_free(&why);
	j_free(&j);
}
END_TEST

START_TEST(test_duty_without_content_takes_the_report_fields)
{
	struct journal j;
	struct value *json = NULL;
	const struct value *c;
	size_t n = 0;
	char *text;

	j_open(&j, "tianjin-hrss.yaml", NULL, 0);
	for (size_t i = 0; i < playbook_field_count(j.pb); i++)
		n += playbook_field(j.pb, i)->report;
	ck_assert_uint_gt(n, 0);
	text = render(&j, FORMAT_JSON, &json);
	c = value_get(json, "content");
	ck_assert_uint_eq(value_len(c), n);
	for (size_t i = 0; i < value_len(c); i++)
		ck_assert_str_eq(value_get_str(value_at(c, i), "id"),
				 value_get_str(value_at(c, i), "field"));
	free(text);
	value_free(&json);
	j_free(&j);
}
END_TEST

Suite *
suite_bulletin(void)
{
	Suite *s = suite_create("bulletin");
	TCase *tc = tcase_create("bulletin");

	tcase_add_loop_test(tc, test_duty_is_the_plans_emergency_report, 0,
			    sizeof(duties) / sizeof(duties[0]));
	tcase_add_test(tc, test_content_items_find_their_fields);
	tcase_add_test(tc, test_lucheng_bulletin_is_filled_from_the_record);
	tcase_add_test(tc, test_drill_bulletin_says_so);
	tcase_add_test(tc, test_duty_without_content_takes_the_report_fields);
	suite_add_tcase(s, tc);
	return s;
}
