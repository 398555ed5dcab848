/*
 * The in-memory journal of the core unit tests (see journal.h).
 */
#include "config.h"

#include "io/playbook_load.h"
#include "journal.h"
#include "tests.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct playbook *
load(const char *name)
{
	char path[4096];
	struct diag_list dl = {0};
	struct playbook *pb = NULL;

	snprintf(path, sizeof(path), "%s/%s", test_playbook_dir(), name);
	ck_assert_int_eq(playbook_load(path, &pb, &dl), YJ_OK);
	diag_list_clear(&dl);
	return pb;
}

void
append(struct journal *j, enum entry_kind kind, struct value *payload)
{
	struct entry *e;

	j->e = xrealloc(j->e, (j->n + 1) * sizeof(*j->e));
	e = &j->e[j->n];
	memset(e, 0, sizeof(*e));
	e->incident = 1;
	e->seq = (int64_t)j->n + 1;
	e->ts_ms = j->now;
	e->operator_name = xstrdup(j->op);
	e->kind = kind;
	e->payload = payload;
	j->n++;
}

void
j_open(struct journal *j, const char *playbook, const struct kv *kv, size_t n)
{
	struct strbuf why = STRBUF_INIT;
	struct value *p = NULL;

	memset(j, 0, sizeof(*j));
	j->pb = load(playbook);
	j->now = T0;
	j->op = "张三";
	ck_assert_int_eq(request_open(j->pb, "hash", "测试事件", false, kv, n, &p, &why), YJ_OK);
	append(j, ENTRY_OPEN, p);
	sb_free(&why);
}

struct incident *
fold(const struct journal *j)
{
	return incident_fold(j->pb, j->e, j->n, j->now);
}

/* Submit a request; returns its status, leaving the refusal in j->why. */
enum yj_status
j_submit(struct journal *j, struct request rq)
{
	struct strbuf why = STRBUF_INIT;
	struct incident *st = fold(j);
	struct value *p = NULL;
	enum entry_kind kind;
	enum yj_status rc;

	rq.operator_name = j->op;
	rc = request_build(st, &rq, &kind, &p, &why);
	snprintf(j->why, sizeof(j->why), "%s", sb_str(&why));
	if (rc == YJ_OK)
		append(j, kind, p);
	incident_free(&st);
	sb_free(&why);
	return rc;
}

void
ok(struct journal *j, struct request rq)
{
	enum yj_status rc = j_submit(j, rq);

	ck_assert_msg(rc == YJ_OK, "refused: %s", j->why);
}

void
set1(struct journal *j, const char *key, const char *value)
{
	struct kv kv = {key, value};

	ok(j, (struct request){.kind = REQ_SET, .kv = &kv, .n_kv = 1});
}

void
tick(struct journal *j, const char *item)
{
	ok(j, (struct request){.kind = REQ_TICK, .item = item});
}

void
j_free(struct journal *j)
{
	entry_free_array(&j->e, j->n);
	playbook_free(&j->pb);
}

