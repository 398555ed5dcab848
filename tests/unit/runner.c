/* One runner for every unit suite; exits non-zero when any test fails. */
#include "config.h"

#include "tests.h"

#include <locale.h>
#include <stdlib.h>

const char *
test_playbook_dir(void)
{
	const char *d = getenv("YJ_TEST_PLAYBOOKS");

	return d && *d ? d : "playbooks";
}

int
main(void)
{
	SRunner *sr;
	int failed;

	setlocale(LC_ALL, "C.UTF-8");
	sr = srunner_create(suite_util());
	srunner_add_suite(sr, suite_yaml_doc());
	srunner_add_suite(sr, suite_playbook());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
