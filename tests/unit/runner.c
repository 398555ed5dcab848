/*
 * One runner for every unit suite; exits non-zero when any test fails.
 * YJ_SUITE=name[,name...] runs only those suites (e.g. under valgrind, where
 * the whole run is slow): YJ_SUITE=store,json CK_FORK=no valgrind tests/unit_tests
 */
#include "config.h"

#include "io/playbook_load.h"
#include "tests.h"

#include <locale.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	const char *name;
	Suite *(*make)(void);
} suites[] = {
	{"util", suite_util},
	{"yaml_doc", suite_yaml_doc},
	{"playbook", suite_playbook},
	{"contact_book", suite_contact_book},
	{"value", suite_value},
	{"json", suite_json},
	{"hash", suite_hash},
	{"store", suite_store},
	{"fold", suite_fold},
	{"bulletin", suite_bulletin},
	{"engine", suite_engine},
	{"walk", suite_walk},
	{"drill", suite_drill},
	{"replay", suite_replay},
	{"tui", suite_tui},
};

const char *
test_playbook_dir(void)
{
	const char *d = getenv("YJ_TEST_PLAYBOOKS");

	return d && *d ? d : "playbooks";
}

struct playbook *
test_shipped_playbook(const char *name)
{
	char path[4096];
	struct diag_list dl = {0};
	struct playbook *pb = NULL;

	snprintf(path, sizeof(path), "%s/%s", test_playbook_dir(), name);
	ck_assert_msg(playbook_load(path, &pb, &dl) == YJ_OK, "%s does not load", path);
	diag_list_clear(&dl);
	return pb;
}

/* Whether `name` is in the comma-separated list (an empty list selects all). */
static bool
selected(const char *list, const char *name)
{
	size_t len = strlen(name);

	if (!list || !*list)
		return true;
	for (const char *p = list; p; p = strchr(p, ',')) {
		if (*p == ',')
			p++;
		if (strncmp(p, name, len) == 0 && (p[len] == ',' || p[len] == '\0'))
			return true;
	}
	return false;
}

int
main(void)
{
	const char *only = getenv("YJ_SUITE");
	SRunner *sr = NULL;
	int failed;

	setlocale(LC_ALL, "C.UTF-8");
	for (size_t i = 0; i < sizeof(suites) / sizeof(suites[0]); i++) {
		if (!selected(only, suites[i].name))
			continue;
		if (sr)
			srunner_add_suite(sr, suites[i].make());
		else
			sr = srunner_create(suites[i].make());
	}
	if (!sr) {
		fprintf(stderr, "unit_tests: YJ_SUITE=%s matches no suite\n", only);
		return EXIT_FAILURE;
	}
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
