/* core/playbook: the shipped playbooks load with the plan's counts; rules hold. */
#include "config.h"

#include "core/playbook.h"
#include "io/playbook_load.h"
#include "io/yaml_doc.h"
#include "tests.h"
#include "util/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct playbook *
load_shipped(const char *name)
{
	char path[4096];
	struct diag_list dl = {0};
	struct playbook *pb = NULL;
	enum yj_status st;

	snprintf(path, sizeof(path), "%s/%s", test_playbook_dir(), name);
	st = playbook_load(path, &pb, &dl);
	for (size_t i = 0; i < dl.n; i++) {
		char *line = diag_format(&dl.items[i]);

		fprintf(stderr, "%s\n", line);
		free(line);
	}
	ck_assert_msg(st == YJ_OK, "%s does not load", path);
	ck_assert_msg(dl.n == 0, "%s: %zu diagnostics", path, dl.n);
	diag_list_clear(&dl);
	return pb;
}

static size_t
count_units(const struct playbook *pb, enum pb_unit_kind kind)
{
	size_t n = 0;

	for (size_t i = 0; i < playbook_unit_count(pb); i++)
		n += playbook_unit(pb, i)->kind == kind;
	return n;
}

static size_t
count_subtypes(const struct playbook *pb)
{
	size_t n = 0;

	for (size_t i = 0; i < playbook_category_count(pb); i++)
		n += playbook_category(pb, i)->n_subtypes;
	return n;
}

/* 潞城 1.5.1, 1.5.2, 2.1, 2.4, 3.2. */
START_TEST(test_lucheng_counts)
{
	struct playbook *pb = load_shipped("lucheng-2017.yaml");
	const struct pb_level *lv;

	ck_assert_str_eq(playbook_plan(pb)->id, "lucheng-2017");
	ck_assert_uint_eq(playbook_category_count(pb), 7);
	ck_assert_uint_eq(count_subtypes(pb), 37);
	ck_assert_uint_eq(playbook_level_count(pb), 4);
	ck_assert_uint_eq(count_units(pb, PB_UNIT_MEMBER), 19);
	ck_assert_uint_eq(count_units(pb, PB_UNIT_HEADQUARTERS), 1);
	ck_assert_uint_eq(count_units(pb, PB_UNIT_OFFICE), 1);
	ck_assert_uint_eq(playbook_group_count(pb), 8);
	ck_assert_uint_eq(playbook_warnings(pb)->n_levels, 4);
	lv = playbook_level(pb, 0);
	ck_assert_str_eq(lv->m.id, "I");
	ck_assert_int_eq(lv->colour, PB_COLOUR_RED);
	ck_assert_int_eq(playbook_level(pb, 1)->colour, PB_COLOUR_ORANGE);
	ck_assert_int_eq(playbook_level(pb, 2)->colour, PB_COLOUR_YELLOW);
	ck_assert_int_eq(playbook_level(pb, 3)->colour, PB_COLOUR_BLUE);
	ck_assert(playbook_level(pb, 3)->otherwise);
	ck_assert_ptr_nonnull(playbook_start_phase(pb));
	playbook_free(&pb);
	ck_assert_ptr_null(pb);
}
END_TEST

/* Every criterion ①–④ of 1.5.2 is present for levels I–III. */
START_TEST(test_lucheng_criteria)
{
	struct playbook *pb = load_shipped("lucheng-2017.yaml");
	size_t numeric = 0, asks = 0;

	for (size_t i = 0; i < playbook_level_count(pb); i++) {
		const struct pb_level *lv = playbook_level(pb, i);

		for (size_t k = 0; k < lv->n_criteria; k++) {
			numeric += lv->criteria[k].when != NULL;
			asks += lv->criteria[k].ask != NULL;
		}
	}
	/* I①, II① (outage and people) and the three loss thresholds. */
	ck_assert_uint_eq(numeric, 5);
	ck_assert_uint_ge(asks, 9);
	playbook_free(&pb);
}
END_TEST

static const struct {
	const char *file, *plan_id;
	size_t levels, min_phases, retention;
} shipped[] = {
	{"lucheng-2017.yaml", "lucheng-2017", 4, 8, 0},
	{"xinzhou-devzone-2023.yaml", "xinzhou-devzone-2023", 4, 4, 0},
	{"xinzhou-hrss-2023.yaml", "xinzhou-hrss-2023", 2, 4, 1},
	{"tianjin-hrss.yaml", "tianjin-hrss", 2, 4, 1},
	{"zhanjiang-center-2019.yaml", "zhanjiang-center-2019", 2, 4, 1},
};

START_TEST(test_shipped_load)
{
	struct playbook *pb = load_shipped(shipped[_i].file);

	ck_assert_str_eq(playbook_plan(pb)->id, shipped[_i].plan_id);
	ck_assert_uint_eq(playbook_level_count(pb), shipped[_i].levels);
	ck_assert_uint_ge(playbook_phase_count(pb), shipped[_i].min_phases);
	ck_assert_uint_eq(playbook_retention_count(pb), shipped[_i].retention);
	playbook_free(&pb);
}
END_TEST

/* 忻州经开区 六: a warning carries seven items. */
START_TEST(test_devzone_warning_content)
{
	struct playbook *pb = load_shipped("xinzhou-devzone-2023.yaml");

	ck_assert_uint_eq(playbook_warnings(pb)->n_content, 7);
	ck_assert_uint_eq(playbook_warnings(pb)->n_levels, 4);
	playbook_free(&pb);
}
END_TEST

/* 忻州人社局 第五条(六), 天津 第29条: logs at least six months; 湛江 第三十六条: 3 months. */
START_TEST(test_retention_periods)
{
	static const struct {
		const char *file;
		int64_t keep;
	} cases[] = {{"xinzhou-hrss-2023.yaml", 6 * 30 * 86400},
		     {"tianjin-hrss.yaml", 6 * 30 * 86400},
		     {"zhanjiang-center-2019.yaml", 3 * 30 * 86400}};

	for (size_t i = 0; i < 3; i++) {
		struct playbook *pb = load_shipped(cases[i].file);

		ck_assert_int_eq(playbook_retention(pb, 0)->keep, cases[i].keep);
		ck_assert(playbook_retention(pb, 0)->minimum);
		playbook_free(&pb);
	}
}
END_TEST

/* ---- rules, on small inline playbooks ---- */

static const char minimal[] =
	"yingji_playbook: 1\n"
	"plan: {id: t, title: T, issuer: I}\n"
	"organisation:\n"
	"  roles: [{id: boss, name: 总指挥}]\n"
	"categories: [{id: c, name: C}]\n"
	"fields:\n"
	"  - {id: at, name: 时间, type: datetime}\n"
	"  - {id: people, name: 人数, type: integer}\n"
	"levels:\n"
	"  - id: high\n"
	"    name: 高\n"
	"    colour: red\n"
	"    criteria: [{id: h1, text: x, when: {field: people, op: '>=', value: 10}}]\n"
	"  - {id: low, name: 低, colour: blue, otherwise: true}\n"
	"phases:\n"
	"  - id: a\n"
	"    title: A\n"
	"    kind: intake\n"
	"    start: true\n"
	"    decisions: [{id: go, label: Go, to: z}]\n"
	"  - {id: z, title: Z, kind: closed}\n";

/* Build `text` (the minimal playbook with `from` replaced by `to`); return diags. */
static enum yj_status
build(const char *from, const char *to, struct diag_list *dl)
{
	struct strbuf sb = STRBUF_INIT;
	const char *hit = from ? strstr(minimal, from) : NULL;
	struct playbook *pb = NULL;
	struct doc *doc = NULL;
	enum yj_status st;

	if (from)
		ck_assert_msg(hit != NULL, "'%s' not in the minimal playbook", from);
	if (hit) {
		sb_append_n(&sb, minimal, (size_t)(hit - minimal));
		sb_append(&sb, to);
		sb_append(&sb, hit + strlen(from));
	} else {
		sb_append(&sb, minimal);
	}
	st = yaml_doc_parse(sb_str(&sb), sb.len, "m.yaml", &doc, dl);
	if (st == YJ_OK)
		st = playbook_from_doc(doc, &pb, dl);
	diag_sort(dl);
	doc_free(&doc);
	playbook_free(&pb);
	sb_free(&sb);
	return st;
}

START_TEST(test_minimal_ok)
{
	struct diag_list dl = {0};

	ck_assert_int_eq(build(NULL, NULL, &dl), YJ_OK);
	ck_assert_uint_eq(dl.n, 0);
	diag_list_clear(&dl);
}
END_TEST

static const struct {
	const char *from, *to, *expect;
} rule_cases[] = {
	{"title: T", "titel: T",
	 "m.yaml:2:15: error: unknown key 'titel' in 'plan' (did you mean 'title'?)"},
	{"kind: intake", "kind: intak", "m.yaml:18:11: error: unknown kind 'intak' (did you mean 'intake'?)"},
	{"to: z}", "to: zz}", "m.yaml:20:41: error: unknown phase 'zz' (did you mean 'z'?)"},
	{"colour: red", "colour: scarlet",
	 "m.yaml:12:13: error: unknown colour 'scarlet' (expected one of: red, orange, yellow, "
	 "blue, green, purple, grey, white)"},
	{"value: 10", "value: ten", "m.yaml:13:73: error: 'value' must be a number for field 'people', not 'ten'"},
	{"field: people", "field: at",
	 "m.yaml:13:48: error: field 'at' is of type datetime; conditions compare integer, number "
	 "or duration fields"},
	{"    start: true\n", "", "m.yaml:16:5: error: no start phase: mark exactly one phase 'start: true'"},
	{"{id: z, title: Z, kind: closed}", "{id: a, title: Z, kind: closed}",
	 "m.yaml:21:5: error: duplicate phase id 'a' (first defined at line 16)"},
	{"otherwise: true}", "otherwise: false}",
	 "m.yaml:14:5: error: level 'low' has no criteria and is not 'otherwise: true'; it could "
	 "never be suggested"},
	{"  - {id: z, title: Z, kind: closed}\n",
	 "  - {id: z, title: Z, kind: closed}\n  - {id: y, title: Y, kind: closed}\n",
	 "m.yaml:22:5: error: phase 'y' cannot be reached from the start phase 'a'"},
	{"decisions: [{id: go, label: Go, to: z}]", "decisions: [{id: go, label: Go, to: a}]",
	 "m.yaml:16:5: error: no closed phase can be reached from phase 'a'; an incident there "
	 "could never end"},
	{"yingji_playbook: 1", "yingji_playbook: 2",
	 "m.yaml:1:18: error: unsupported playbook format version '2' (this yingji reads version 1)"},
	{"id: t,", "id: 't t',",
	 "m.yaml:2:12: error: 't t' is not a valid id (use ASCII letters, digits, '_', '.', '-'; at "
	 "most 48 characters, starting with a letter or digit)"},
};

START_TEST(test_rules)
{
	struct diag_list dl = {0};
	bool found = false;

	ck_assert_int_eq(build(rule_cases[_i].from, rule_cases[_i].to, &dl), YJ_ERR_DATA);
	for (size_t i = 0; i < dl.n; i++) {
		char *line = diag_format(&dl.items[i]);

		found |= strcmp(line, rule_cases[_i].expect) == 0;
		if (!found)
			fprintf(stderr, "case %d: %s\n", _i, line);
		free(line);
	}
	ck_assert_msg(found, "case %d: expected '%s'", _i, rule_cases[_i].expect);
	diag_list_clear(&dl);
}
END_TEST

START_TEST(test_empty_playbook)
{
	struct diag_list dl = {0};
	struct doc *doc = NULL;
	struct playbook *pb = NULL;

	ck_assert_int_eq(yaml_doc_parse("", 0, "e.yaml", &doc, &dl), YJ_OK);
	ck_assert_int_eq(playbook_from_doc(doc, &pb, &dl), YJ_ERR_DATA);
	ck_assert_str_eq(dl.items[0].message,
			 "no playbook in the file (it is empty or holds only comments); a playbook "
			 "starts with 'yingji_playbook: 1'");
	doc_free(&doc);
	diag_list_clear(&dl);
}
END_TEST

Suite *
suite_playbook(void)
{
	Suite *s = suite_create("playbook");
	TCase *tc = tcase_create("shipped");
	TCase *rules = tcase_create("rules");

	tcase_add_test(tc, test_lucheng_counts);
	tcase_add_test(tc, test_lucheng_criteria);
	tcase_add_loop_test(tc, test_shipped_load, 0, sizeof(shipped) / sizeof(shipped[0]));
	tcase_add_test(tc, test_devzone_warning_content);
	tcase_add_test(tc, test_retention_periods);
	suite_add_tcase(s, tc);
	tcase_add_test(rules, test_minimal_ok);
	tcase_add_loop_test(rules, test_rules, 0, sizeof(rule_cases) / sizeof(rule_cases[0]));
	tcase_add_test(rules, test_empty_playbook);
	suite_add_tcase(s, rules);
	return s;
}
