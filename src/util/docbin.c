/*
 * The binary form of a document tree: a magic, then each node as a byte
 * (kind, and whether a scalar was plain), its line and column, and then a
 * scalar's bytes or a collection's members, lengths and numbers as
 * little-endian base-128 varints.  The decoder checks every length against
 * what is left, so a damaged cache is refused rather than read past its end.
 */
#include "config.h"

#include "util/arena.h"
#include "util/docbin.h"
#include "util/strbuf.h"

#include <stdint.h>
#include <string.h>

static const char magic[8] = "YJDOC01";	/* with its NUL: 8 bytes */

enum { MAX_DEPTH = 64 };

static void
put_varint(struct strbuf *out, uint64_t v)
{
	do {
		char b = (char)(v & 0x7f);

		v >>= 7;
		sb_putc(out, (char)(b | (v ? 0x80 : 0)));
	} while (v);
}

static void
put_node(struct strbuf *out, const struct doc_node *n)
{
	sb_putc(out, (char)(n->kind | (n->plain ? 4 : 0)));
	put_varint(out, (uint64_t)n->line);
	put_varint(out, (uint64_t)n->col);
	if (n->kind == DOC_SCALAR) {
		put_varint(out, n->len);
		sb_append_n(out, n->str, n->len);
		return;
	}
	put_varint(out, n->n);
	for (size_t i = 0; i < n->n; i++) {
		if (n->kind == DOC_SEQ) {
			put_node(out, n->items[i]);
		} else {
			put_node(out, n->pairs[i].key);
			put_node(out, n->pairs[i].value);
		}
	}
}

void
docbin_encode(const struct doc *d, struct strbuf *out)
{
	sb_append_n(out, magic, sizeof(magic));
	sb_putc(out, d->root ? 1 : 0);
	if (d->root)
		put_node(out, d->root);
}

struct reader {
	const unsigned char *p, *end;
	struct arena *arena;
	bool bad;
};

static uint64_t
get_varint(struct reader *r)
{
	uint64_t v = 0;

	for (int shift = 0; shift < 64; shift += 7) {
		if (r->p >= r->end) {
			r->bad = true;
			return 0;
		}
		v |= (uint64_t)(*r->p & 0x7f) << shift;
		if (!(*r->p++ & 0x80))
			return v;
	}
	r->bad = true;
	return 0;
}

static struct doc_node *get_node(struct reader *r, int depth);

/* A count of members, each at least `min` bytes: more than what is left is damage. */
static size_t
get_count(struct reader *r, size_t min)
{
	uint64_t n = get_varint(r);

	if (n > (uint64_t)(r->end - r->p) / min)
		r->bad = true;
	return r->bad ? 0 : (size_t)n;
}

static void
get_members(struct reader *r, struct doc_node *n, int depth)
{
	n->n = get_count(r, n->kind == DOC_SEQ ? 4 : 8);
	if (n->kind == DOC_SEQ)
		n->items = arena_array(r->arena, n->n, sizeof(*n->items));
	else
		n->pairs = arena_array(r->arena, n->n, sizeof(*n->pairs));
	for (size_t i = 0; i < n->n && !r->bad; i++) {
		if (n->kind == DOC_SEQ) {
			n->items[i] = get_node(r, depth + 1);
		} else {
			n->pairs[i].key = get_node(r, depth + 1);
			n->pairs[i].value = get_node(r, depth + 1);
			if (!r->bad && n->pairs[i].key->kind != DOC_SCALAR)
				r->bad = true;
		}
	}
}

static struct doc_node *
get_node(struct reader *r, int depth)
{
	struct doc_node *n = arena_alloc(r->arena, sizeof(*n));
	unsigned kind;

	if (r->p >= r->end || depth > MAX_DEPTH) {
		r->bad = true;
		return n;
	}
	kind = *r->p++;
	n->kind = (enum doc_kind)(kind & 3);
	n->plain = (kind & 4) != 0;
	n->line = (int)get_varint(r);
	n->col = (int)get_varint(r);
	if ((kind & ~7u) || n->kind > DOC_MAP) {
		r->bad = true;
	} else if (n->kind == DOC_SCALAR) {
		n->len = get_count(r, 1);
		if (!r->bad && memchr(r->p, '\0', n->len))
			r->bad = true;
		n->str = arena_strndup(r->arena, r->bad ? "" : (const char *)r->p,
				       r->bad ? 0 : n->len);
		r->p += r->bad ? 0 : n->len;
	} else {
		get_members(r, n, depth);
	}
	return n;
}

struct doc *
docbin_decode(const void *buf, size_t len, const char *name)
{
	struct arena *a;
	struct doc *d;
	struct reader r;

	if (len < sizeof(magic) + 1 || memcmp(buf, magic, sizeof(magic)) != 0)
		return NULL;
	a = arena_new();
	d = arena_alloc(a, sizeof(*d));
	d->arena = a;
	d->file = arena_strdup(a, name);
	r = (struct reader){(const unsigned char *)buf + sizeof(magic),
			    (const unsigned char *)buf + len, a, false};
	if (*r.p++)
		d->root = get_node(&r, 0);
	if (r.bad || r.p != r.end)
		doc_free(&d);
	return d;
}
