#include "config.h"

#include "io/yaml_doc.h"
#include "util/arena.h"
#include "util/fileio.h"
#include "util/text.h"
#include "util/xalloc.h"

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

/* Past this many errors the file is not a playbook gone wrong but something else. */
enum { MAX_ERRORS = 100 };

/* One open sequence or mapping while events stream in. */
struct frame {
	struct doc_node *node;
	struct doc_node **kids;	/* for a map: key, value, key, value ... */
	size_t n, cap;
	/*
	 * A big map's keys by hash (index into kids + 1; 0 is empty): a hostile file
	 * can hold a map of 100,000 keys, and comparing each with all the others
	 * takes minutes.
	 */
	size_t *slots, n_slots;
	/* The first repeated key, and how many repeats: reported once, when the map ends. */
	const struct doc_node *dup, *dup_first;
	size_t n_dups;
};

struct reader {
	yaml_parser_t parser;
	struct doc *doc;
	struct diag_list *diags;
	const char *buf;
	size_t len;
	struct frame *stack;
	size_t depth, stack_cap;
	size_t nodes;
	int documents;
	bool anchor_seen, alias_seen;	/* each reported once: a bomb holds thousands */
	int quoted_from, quoted_col, quoted_to;	/* the last scalar, if quoted over lines */
	int errors;
	bool fatal;
};

static void error_at(struct reader *r, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void
error_at(struct reader *r, int line, int col, const char *fmt, ...)
{
	va_list ap;

	if (++r->errors > MAX_ERRORS) {
		if (!r->fatal)
			diag_add(r->diags, DIAG_ERROR, r->doc->file, line, col,
				 "too many errors (more than %d); stopping here", MAX_ERRORS);
		r->fatal = true;
		return;
	}
	va_start(ap, fmt);
	diag_vadd(r->diags, DIAG_ERROR, r->doc->file, line, col, fmt, ap);
	va_end(ap);
}

/* Line and column (1-based, counted in characters) of a byte offset. */
static void
offset_position(const char *buf, size_t len, size_t off, int *line, int *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < off && i < len; i++) {
		unsigned char c = (unsigned char)buf[i];

		if (c == '\n') {
			(*line)++;
			*col = 1;
		} else if ((c & 0xc0) != 0x80) {
			(*col)++;
		}
	}
}

/*
 * Playbooks are UTF-8.  Check before libyaml does, to name the real trouble: a
 * file saved as UTF-16, or (most likely for Chinese text) as GBK, where libyaml
 * would point past the bad bytes with its own words.
 */
static bool
check_encoding(struct reader *r)
{
	const unsigned char *u = (const unsigned char *)r->buf;
	size_t off = 0;
	int line, col;

	if (r->len >= 2 && ((u[0] == 0xff && u[1] == 0xfe) || (u[0] == 0xfe && u[1] == 0xff))) {
		error_at(r, 1, 1, "%s", "the file is UTF-16 (it starts with a UTF-16 byte-order "
					"mark); playbooks must be saved as UTF-8");
		return false;
	}
	while (off < r->len) {
		uint32_t cp;
		size_t n = text_decode(r->buf + off, r->len - off, &cp);

		if ((cp == 0xfffd && n == 1) || cp == 0)
			break;
		off += n;
	}
	if (off == r->len)
		return true;
	offset_position(r->buf, r->len, off, &line, &col);
	if (u[off] == 0) {
		error_at(r, line, col, "%s", "NUL byte in the file (is this a text file?)");
		return false;
	}
	error_at(r, line, col, "invalid UTF-8 (byte 0x%02x); playbooks must be saved as UTF-8, "
			       "not GBK or another encoding", u[off]);
	return false;
}

/*
 * The byte offset of a libyaml mark.  Its index counts characters, not bytes, so
 * it is found again from the line and column.  Line breaks are LF, CRLF or CR.
 */
static size_t
mark_offset(const char *buf, size_t len, const yaml_mark_t *m)
{
	size_t off = 0;

	for (size_t line = 0; line < m->line && off < len; off++)
		if (buf[off] == '\n' || (buf[off] == '\r' && (off + 1 == len || buf[off + 1] != '\n')))
			line++;
	for (size_t col = 0; col < m->column && off < len; col++) {
		off++;
		while (off < len && ((unsigned char)buf[off] & 0xc0) == 0x80)
			off++;
	}
	return off;
}

/* libyaml's words for the common slips, and ours. */
static const struct {
	const char *problem, *context;	/* context NULL: any */
	bool at_context;		/* point where the construct began, not where it broke */
	const char *say;
} syntax_hints[] = {
	{"mapping values are not allowed in this context", NULL, false,
	 "unexpected ':' (is this line indented wrongly? a value that holds ': ' must be "
	 "quoted)"},
	{"did not find expected '-' indicator", NULL, false,
	 "this line does not line up with the list it is in (check its indentation)"},
	{"did not find expected key", NULL, false,
	 "this line does not line up with the keys above it (check its indentation)"},
	{"could not find expected ':'", NULL, true, "a key without ':' (write 'key: value')"},
	{"did not find expected ',' or ']'", NULL, true, "this '[' has no matching ']'"},
	{"did not find expected ',' or '}'", NULL, true, "this '{' has no matching '}'"},
	{"found unexpected end of stream", "while scanning a quoted scalar", true,
	 "this quoted string is never closed"},
	{"block sequence entries are not allowed in this context", NULL, false,
	 "a list cannot start on the same line as its key; put each '- ' item on a line "
	 "of its own"},
};

static void
report_syntax(struct reader *r, const yaml_mark_t *at, const char *what)
{
	int line = (int)at->line + 1, col = (int)at->column + 1;

	/*
	 * An unclosed quote swallows the lines after it, up to the next quote, and
	 * the file breaks there; the mistake is where the quote opened.
	 */
	if (r->quoted_to && r->quoted_to == line)
		error_at(r, r->quoted_from, r->quoted_col,
			 "YAML syntax: the quoted text that starts here runs on to line %d, where "
			 "the file stops making sense: is its closing quote missing?",
			 line);
	else
		error_at(r, line, col, "YAML syntax: %s", what);
}

static void
report_parser_error(struct reader *r)
{
	yaml_parser_t *p = &r->parser;
	const char *problem = p->problem ? p->problem : "malformed YAML";
	char what[256];
	size_t off;
	int line, col;

	if (p->error == YAML_READER_ERROR) {
		offset_position(r->buf, r->len, p->problem_offset, &line, &col);
		error_at(r, line, col, "%s (is this a text file?)", problem);
		return;
	}
	off = mark_offset(r->buf, r->len, &p->problem_mark);
	if (off < r->len && r->buf[off] == '\t') {
		error_at(r, (int)p->problem_mark.line + 1, (int)p->problem_mark.column + 1, "%s",
			 "tab character where YAML allows only spaces");
		return;
	}
	for (size_t i = 0; i < sizeof(syntax_hints) / sizeof(syntax_hints[0]); i++) {
		if (strcmp(problem, syntax_hints[i].problem) != 0 ||
		    (syntax_hints[i].context &&
		     (!p->context || strcmp(p->context, syntax_hints[i].context) != 0)))
			continue;
		report_syntax(r, syntax_hints[i].at_context ? &p->context_mark : &p->problem_mark,
			      syntax_hints[i].say);
		return;
	}
	if (strcmp(problem, "found character that cannot start any token") == 0 && off < r->len &&
	    strchr("@`%", r->buf[off]))
		snprintf(what, sizeof(what), "'%c' cannot start a plain value; put the value in quotes",
			 r->buf[off]);
	else if (p->context)
		snprintf(what, sizeof(what), "%s %s", problem, p->context);
	else
		snprintf(what, sizeof(what), "%s", problem);
	report_syntax(r, &p->problem_mark, what);
}

static struct doc_node *
new_node(struct reader *r, enum doc_kind kind, const yaml_mark_t *mark)
{
	struct doc_node *n = arena_alloc(r->doc->arena, sizeof(*n));

	n->kind = kind;
	n->line = (int)mark->line + 1;
	n->col = (int)mark->column + 1;
	if (++r->nodes > YAML_DOC_MAX_NODES) {
		error_at(r, n->line, n->col, "too many nodes (more than %d); refusing the file",
			 YAML_DOC_MAX_NODES);
		r->fatal = true;
	}
	return n;
}

static void
frame_push_child(struct frame *f, struct doc_node *child)
{
	f->kids = xgrow(f->kids, &f->cap, f->n + 1, sizeof(*f->kids));
	f->kids[f->n++] = child;
}

static size_t
hash_str(const char *s)
{
	size_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* Put kids[i] (a scalar key) into the hash of a map that has one. */
static void
hash_key(struct frame *f, size_t i)
{
	size_t mask = f->n_slots - 1, h = hash_str(f->kids[i]->str) & mask;

	while (f->slots[h])
		h = (h + 1) & mask;
	f->slots[h] = i + 1;
}

/*
 * Start or grow the hash once the map has enough keys to need one (load at most
 * 1/2), with every key but the one just added (kids[n - 1]), which the caller adds.
 */
static void
frame_rehash(struct frame *f)
{
	size_t keys = f->n / 2 + 1;

	if (keys < 16 || keys * 2 <= f->n_slots)
		return;
	free(f->slots);
	f->n_slots = 64;
	while (f->n_slots < keys * 4)
		f->n_slots *= 2;
	f->slots = xcalloc(f->n_slots, sizeof(*f->slots));
	for (size_t i = 0; i + 1 < f->n; i += 2)
		if (f->kids[i]->kind == DOC_SCALAR)
			hash_key(f, i);
}

/* The earlier key of the map equal to `s`, or NULL. */
static const struct doc_node *
frame_find_key(const struct frame *f, const char *s)
{
	if (!f->slots) {
		for (size_t i = 0; i + 1 < f->n; i += 2)
			if (f->kids[i]->kind == DOC_SCALAR && strcmp(f->kids[i]->str, s) == 0)
				return f->kids[i];
		return NULL;
	}
	for (size_t h = hash_str(s) & (f->n_slots - 1); f->slots[h];
	     h = (h + 1) & (f->n_slots - 1)) {
		const struct doc_node *k = f->kids[f->slots[h] - 1];

		if (strcmp(k->str, s) == 0)
			return k;
	}
	return NULL;
}

/* Check a map key before it is stored: scalar, not a duplicate. */
static void
check_map_key(struct reader *r, struct frame *f, struct doc_node *key)
{
	const struct doc_node *first;

	if (key->kind != DOC_SCALAR) {
		error_at(r, key->line, key->col, "%s", "mapping keys must be plain strings");
		return;
	}
	if (key->plain && strcmp(key->str, "<<") == 0) {
		error_at(r, key->line, key->col, "%s", "YAML merge keys ('<<') are not allowed");
		return;
	}
	first = frame_find_key(f, key->str);
	if (first && !f->n_dups++) {
		f->dup = key;
		f->dup_first = first;
	}
}

/*
 * Report a map's repeated keys as one error.  Several repeats in a list item
 * mostly mean that a "- " was lost, and two items ran together.
 */
static void
report_dups(struct reader *r, const struct frame *f, const struct frame *parent)
{
	if (f->n_dups == 1)
		error_at(r, f->dup->line, f->dup->col, "duplicate key '%s' (first given at line %d)",
			 f->dup->str, f->dup_first->line);
	else if (f->n_dups > 1)
		error_at(r, f->dup->line, f->dup->col, "duplicate key '%s' (first given at line %d) "
						       "and %zu more repeated key%s in this mapping%s",
			 f->dup->str, f->dup_first->line, f->n_dups - 1, f->n_dups > 2 ? "s" : "",
			 parent && parent->node->kind == DOC_SEQ
				 ? "; does a new list item start here without its '- '?"
				 : "");
}

/* Attach a finished node to the open container (or make it the root). */
static void
attach(struct reader *r, struct doc_node *n)
{
	struct frame *f;
	bool key;

	if (r->depth == 0) {
		r->doc->root = n;
		return;
	}
	f = &r->stack[r->depth - 1];
	key = f->node->kind == DOC_MAP && f->n % 2 == 0;
	if (key)
		check_map_key(r, f, n);
	frame_push_child(f, n);
	if (key && n->kind == DOC_SCALAR) {
		frame_rehash(f);
		if (f->slots)
			hash_key(f, f->n - 1);
	}
}

static void
open_container(struct reader *r, enum doc_kind kind, const yaml_mark_t *mark)
{
	struct doc_node *n = new_node(r, kind, mark);

	if (r->depth >= YAML_DOC_MAX_DEPTH) {
		error_at(r, n->line, n->col, "nesting deeper than %d levels; refusing the file",
			 YAML_DOC_MAX_DEPTH);
		r->fatal = true;
		return;
	}
	r->stack = xgrow(r->stack, &r->stack_cap, r->depth + 1, sizeof(*r->stack));
	r->stack[r->depth++] = (struct frame){.node = n};
}

static void
frame_free(struct reader *r, struct frame *f)
{
	report_dups(r, f, r->depth ? &r->stack[r->depth - 1] : NULL);
	free(f->kids);
	free(f->slots);
}

static void
close_container(struct reader *r)
{
	struct frame f = r->stack[--r->depth];
	struct doc_node *n = f.node;

	if (n->kind == DOC_SEQ) {
		n->n = f.n;
		n->items = arena_array(r->doc->arena, f.n, sizeof(*n->items));
		if (f.n)
			memcpy(n->items, f.kids, f.n * sizeof(*n->items));
	} else {
		n->n = f.n / 2;
		n->pairs = arena_array(r->doc->arena, n->n, sizeof(*n->pairs));
		for (size_t i = 0; i < n->n; i++) {
			n->pairs[i].key = f.kids[2 * i];
			n->pairs[i].value = f.kids[2 * i + 1];
		}
	}
	frame_free(r, &f);
	attach(r, n);
}

/* Name a tag as it was written: libyaml expands "!!str" to "tag:yaml.org,2002:str". */
static void
bad_tag(struct reader *r, int line, int col, const yaml_char_t *tag)
{
	static const char core[] = "tag:yaml.org,2002:";
	const char *t = (const char *)tag;

	if (strncmp(t, core, sizeof(core) - 1) == 0)
		error_at(r, line, col, "YAML tags are not allowed ('!!%s')", t + sizeof(core) - 1);
	else
		error_at(r, line, col, "YAML tags are not allowed ('%s')", t);
}

static void
on_scalar(struct reader *r, const yaml_event_t *ev)
{
	struct doc_node *n = new_node(r, DOC_SCALAR, &ev->start_mark);
	const char *v = (const char *)ev->data.scalar.value;
	size_t len = ev->data.scalar.length;

	if (memchr(v, '\0', len)) {
		error_at(r, n->line, n->col, "%s", "NUL character in a string");
		len = strlen(v);
	}
	n->str = arena_strndup(r->doc->arena, v, len);
	n->len = len;
	n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	r->quoted_from = r->quoted_to = 0;
	if ((ev->data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
	     ev->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE) &&
	    ev->end_mark.line > ev->start_mark.line) {
		r->quoted_from = n->line;
		r->quoted_col = n->col;
		r->quoted_to = (int)ev->end_mark.line + 1;
	}
	if (ev->data.scalar.tag && !ev->data.scalar.plain_implicit && !ev->data.scalar.quoted_implicit)
		bad_tag(r, n->line, n->col, ev->data.scalar.tag);
	attach(r, n);
}

/* Anchors, aliases and explicit tags have no place in a playbook; refuse them. */
static void
check_anchor_tag(struct reader *r, const yaml_event_t *ev, const yaml_char_t *anchor,
		 const yaml_char_t *tag, int implicit)
{
	int line = (int)ev->start_mark.line + 1, col = (int)ev->start_mark.column + 1;

	if (anchor && !r->anchor_seen)
		error_at(r, line, col, "YAML anchors are not allowed ('&%s')", (const char *)anchor);
	if (anchor)
		r->anchor_seen = true;
	if (tag && !implicit)
		bad_tag(r, line, col, tag);
}

static void
on_event(struct reader *r, const yaml_event_t *ev)
{
	int line = (int)ev->start_mark.line + 1, col = (int)ev->start_mark.column + 1;

	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++r->documents > 1) {
			error_at(r, line, col, "%s", "only one YAML document is allowed per file");
			r->fatal = true;
		}
		break;
	case YAML_ALIAS_EVENT:
		if (!r->alias_seen)
			error_at(r, line, col, "YAML aliases are not allowed ('*%s')",
				 (const char *)ev->data.alias.anchor);
		r->alias_seen = true;
		{
			/* Stand in an empty value so that the rest of the file is still checked. */
			struct doc_node *n = new_node(r, DOC_SCALAR, &ev->start_mark);

			n->str = "";
			n->plain = true;
			attach(r, n);
		}
		break;
	case YAML_SCALAR_EVENT:
		check_anchor_tag(r, ev, ev->data.scalar.anchor, NULL, 1);
		on_scalar(r, ev);
		break;
	case YAML_SEQUENCE_START_EVENT:
		check_anchor_tag(r, ev, ev->data.sequence_start.anchor, ev->data.sequence_start.tag,
				 ev->data.sequence_start.implicit);
		open_container(r, DOC_SEQ, &ev->start_mark);
		break;
	case YAML_MAPPING_START_EVENT:
		check_anchor_tag(r, ev, ev->data.mapping_start.anchor, ev->data.mapping_start.tag,
				 ev->data.mapping_start.implicit);
		open_container(r, DOC_MAP, &ev->start_mark);
		break;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		close_container(r);
		break;
	default:
		break;
	}
}

static void
reader_cleanup(struct reader *r)
{
	while (r->depth) {
		struct frame f = r->stack[--r->depth];

		frame_free(r, &f);
	}
	free(r->stack);
	yaml_parser_delete(&r->parser);
}

static struct doc *
doc_new(const char *name)
{
	struct arena *a = arena_new();
	struct doc *d = arena_alloc(a, sizeof(*d));

	d->arena = a;
	d->file = arena_strdup(a, name);
	return d;
}

enum yj_status
yaml_doc_parse(const char *buf, size_t len, const char *name, struct doc **out,
	       struct diag_list *diags)
{
	struct reader r = {.buf = buf, .len = len, .diags = diags};
	size_t errors_before = diags->errors;
	bool done = false;

	*out = NULL;
	r.doc = doc_new(name);
	if (len > YAML_DOC_MAX_BYTES) {
		diag_add(diags, DIAG_ERROR, name, 0, 0, "file is larger than %d bytes; refusing it",
			 YAML_DOC_MAX_BYTES);
		doc_free(&r.doc);
		return YJ_ERR_TOO_BIG;
	}
	/* A UTF-8 byte-order mark (Windows editors write one) is no part of the text. */
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
		r.buf = buf += 3;
		r.len = len -= 3;
	}
	if (!check_encoding(&r)) {
		doc_free(&r.doc);
		return YJ_ERR_DATA;
	}
	if (!yaml_parser_initialize(&r.parser))
		abort();
	yaml_parser_set_input_string(&r.parser, (const unsigned char *)buf, len);
	yaml_parser_set_encoding(&r.parser, YAML_UTF8_ENCODING);
	while (!done && !r.fatal) {
		yaml_event_t ev;

		if (!yaml_parser_parse(&r.parser, &ev)) {
			report_parser_error(&r);
			break;
		}
		on_event(&r, &ev);
		done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
	}
	reader_cleanup(&r);
	if (diags->errors > errors_before) {
		doc_free(&r.doc);
		return YJ_ERR_DATA;
	}
	*out = r.doc;
	return YJ_OK;
}

enum yj_status
yaml_doc_load_file(const char *path, struct doc **out, struct diag_list *diags)
{
	enum yj_status rc;
	char *buf = NULL;
	size_t len = 0;

	*out = NULL;
	rc = file_read_all(path, YAML_DOC_MAX_BYTES, &buf, &len, diags);
	if (rc != YJ_OK)
		return rc;
	rc = yaml_doc_parse(buf, len, path, out, diags);
	free(buf);
	return rc;
}
