/*
 * A parsed structured document (from YAML) as a plain tree that remembers where
 * each node came from, so that validators can point at the exact line and column.
 * The reader lives in io/yaml_doc.c; the playbook and scenario builders in core/
 * walk this tree and never see libyaml.
 */
#ifndef YINGJI_UTIL_DOC_H
#define YINGJI_UTIL_DOC_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

enum doc_kind { DOC_SCALAR, DOC_SEQ, DOC_MAP };

struct doc_node;

struct doc_pair {
	struct doc_node *key;	/* always a scalar */
	struct doc_node *value;
};

struct doc_node {
	enum doc_kind kind;
	int line, col;		/* 1-based position of the node's first character */
	/* DOC_SCALAR */
	const char *str;	/* NUL-terminated (may contain no NUL: the reader refuses them) */
	size_t len;
	bool plain;		/* unquoted: may be null, a number or a bool */
	/* DOC_SEQ: items[0..n); DOC_MAP: pairs[0..n) */
	size_t n;
	struct doc_node **items;
	struct doc_pair *pairs;
};

struct doc {
	struct arena *arena;	/* owns every node and string */
	struct doc_node *root;	/* NULL for an empty document */
	const char *file;	/* the name used in diagnostics (in the arena) */
};

/* Free the document and everything in it; sets *d to NULL. */
void doc_free(struct doc **d);
/* A plain scalar that YAML reads as null: "", "~", "null", "Null", "NULL". */
bool doc_is_null(const struct doc_node *n);
/* The value under `key` in a map, or NULL (also NULL when n is not a map). */
const struct doc_node *doc_get(const struct doc_node *n, const char *key);
/* A name for the node's kind, for messages: "a string", "a list", "a mapping". */
const char *doc_kind_name(const struct doc_node *n);

#endif
