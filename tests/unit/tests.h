/* The Check suites, one per module, run by tests/unit/runner.c. */
#ifndef YINGJI_TESTS_UNIT_TESTS_H
#define YINGJI_TESTS_UNIT_TESTS_H

#include <check.h>

Suite *suite_util(void);
Suite *suite_yaml_doc(void);
Suite *suite_playbook(void);

/* Directory of the shipped playbooks (from $YJ_TEST_PLAYBOOKS). */
const char *test_playbook_dir(void);

#endif
