/* The Check suites, one per module, run by tests/unit/runner.c. */
#ifndef YINGJI_TESTS_UNIT_TESTS_H
#define YINGJI_TESTS_UNIT_TESTS_H

#include <check.h>

Suite *suite_util(void);
Suite *suite_yaml_doc(void);
Suite *suite_playbook(void);
Suite *suite_contact_book(void);
Suite *suite_value(void);
Suite *suite_json(void);
Suite *suite_hash(void);
Suite *suite_store(void);
Suite *suite_fold(void);
Suite *suite_bulletin(void);
Suite *suite_engine(void);
Suite *suite_walk(void);
Suite *suite_drill(void);
Suite *suite_replay(void);
Suite *suite_tui(void);

/* Directory of the shipped playbooks (from $YJ_TEST_PLAYBOOKS). */
const char *test_playbook_dir(void);
struct playbook;
/* A shipped playbook by file name, loaded (the test fails when it does not load). */
struct playbook *test_shipped_playbook(const char *name);

#endif
