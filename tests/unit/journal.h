/*
 * A tiny in-memory journal for the core unit tests: it stands in for the
 * store.  Requests are built by the real request layer and folded by the real
 * fold, so a test walks an incident the way the engine does, without a disk.
 */
#ifndef YINGJI_TESTS_UNIT_JOURNAL_H
#define YINGJI_TESTS_UNIT_JOURNAL_H

#include <stddef.h>
#include <stdint.h>

#include "core/incident.h"
#include "core/request.h"

/* 2026-11-22 10:00:00 +08:00 */
#define T0 INT64_C(1795312800000)
#define MIN INT64_C(60000)

struct journal {
	struct playbook *pb;
	struct entry *e;
	size_t n;
	int64_t now;
	const char *op;
	char why[4096];
};

/* A shipped playbook (from test_playbook_dir()); fails the test when it does not load. */
struct playbook *load(const char *name);
/* Append an entry at j->now, by j->op. */
void append(struct journal *j, enum entry_kind kind, struct value *payload);
/* Open incident 1 ("测试事件") under a shipped playbook, at T0, by 张三. */
void j_open(struct journal *j, const char *playbook, const struct kv *kv, size_t n);
/* The state now (the caller frees it). */
struct incident *fold(const struct journal *j);
/* Submit a request; returns its status, leaving the refusal in j->why. */
enum yj_status j_submit(struct journal *j, struct request rq);
/* Submit a request that must be taken. */
void ok(struct journal *j, struct request rq);
void set1(struct journal *j, const char *key, const char *value);
void tick(struct journal *j, const char *item);
void j_free(struct journal *j);

#endif
