#include "config.h"

#include "util/doc.h"
#include "util/arena.h"

#include <stdlib.h>
#include <string.h>

void
doc_free(struct doc **d)
{
	struct arena *a;

	if (!d || !*d)
		return;
	a = (*d)->arena;
	*d = NULL;	/* the doc itself lives in its arena */
	arena_free(&a);
}

bool
doc_is_null(const struct doc_node *n)
{
	static const char *const nulls[] = {"", "~", "null", "Null", "NULL"};

	if (!n)
		return true;
	if (n->kind != DOC_SCALAR || !n->plain)
		return false;
	for (size_t i = 0; i < sizeof(nulls) / sizeof(nulls[0]); i++)
		if (strcmp(n->str, nulls[i]) == 0)
			return true;
	return false;
}

const struct doc_node *
doc_get(const struct doc_node *n, const char *key)
{
	if (!n || n->kind != DOC_MAP)
		return NULL;
	for (size_t i = 0; i < n->n; i++)
		if (strcmp(n->pairs[i].key->str, key) == 0)
			return n->pairs[i].value;
	return NULL;
}

const char *
doc_kind_name(const struct doc_node *n)
{
	if (!n)
		return "nothing";
	switch (n->kind) {
	case DOC_SCALAR:
		return doc_is_null(n) ? "an empty value" : "a scalar";
	case DOC_SEQ:
		return "a list";
	case DOC_MAP:
		return "a mapping";
	}
	return "?";
}
