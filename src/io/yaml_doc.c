#include "config.h"

#include "io/yaml_doc.h"
#include "util/arena.h"
#include "util/xalloc.h"

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

/* One open sequence or mapping while events stream in. */
struct frame {
	struct doc_node *node;
	struct doc_node **kids;	/* for a map: key, value, key, value ... */
	size_t n, cap;
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
	bool fatal;
};

static void error_at(struct reader *r, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void
error_at(struct reader *r, int line, int col, const char *fmt, ...)
{
	va_list ap;

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

static void
report_parser_error(struct reader *r)
{
	yaml_parser_t *p = &r->parser;
	const char *problem = p->problem ? p->problem : "malformed YAML";
	int line, col;

	if (p->error == YAML_READER_ERROR) {
		offset_position(r->buf, r->len, p->problem_offset, &line, &col);
		if (strstr(problem, "UTF-8") || strstr(problem, "utf-8"))
			error_at(r, line, col, "invalid UTF-8 (%s); playbooks must be UTF-8 text",
				 problem);
		else
			error_at(r, line, col, "%s (is this a text file?)", problem);
		return;
	}
	line = (int)p->problem_mark.line + 1;
	col = (int)p->problem_mark.column + 1;
	if (p->problem_mark.index < r->len && r->buf[p->problem_mark.index] == '\t') {
		error_at(r, line, col, "%s", "tab character where YAML allows only spaces");
		return;
	}
	if (p->context)
		diag_add(r->diags, DIAG_ERROR, r->doc->file, line, col, "YAML syntax: %s %s",
			 problem, p->context);
	else
		error_at(r, line, col, "YAML syntax: %s", problem);
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

/* Check a map key before it is stored: scalar, not a duplicate. */
static void
check_map_key(struct reader *r, struct frame *f, struct doc_node *key)
{
	if (key->kind != DOC_SCALAR) {
		error_at(r, key->line, key->col, "%s", "mapping keys must be plain strings");
		return;
	}
	for (size_t i = 0; i + 1 < f->n; i += 2)
		if (f->kids[i]->kind == DOC_SCALAR && strcmp(f->kids[i]->str, key->str) == 0) {
			error_at(r, key->line, key->col, "duplicate key '%s'", key->str);
			return;
		}
}

/* Attach a finished node to the open container (or make it the root). */
static void
attach(struct reader *r, struct doc_node *n)
{
	struct frame *f;

	if (r->depth == 0) {
		r->doc->root = n;
		return;
	}
	f = &r->stack[r->depth - 1];
	if (f->node->kind == DOC_MAP && f->n % 2 == 0)
		check_map_key(r, f, n);
	frame_push_child(f, n);
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
	free(f.kids);
	attach(r, n);
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
	if (ev->data.scalar.tag && !ev->data.scalar.plain_implicit && !ev->data.scalar.quoted_implicit)
		error_at(r, n->line, n->col, "YAML tags are not allowed ('%s')",
			 (const char *)ev->data.scalar.tag);
	attach(r, n);
}

/* Anchors, aliases and explicit tags have no place in a playbook; refuse them. */
static void
check_anchor_tag(struct reader *r, const yaml_event_t *ev, const yaml_char_t *anchor,
		 const yaml_char_t *tag, int implicit)
{
	int line = (int)ev->start_mark.line + 1, col = (int)ev->start_mark.column + 1;

	if (anchor)
		error_at(r, line, col, "YAML anchors are not allowed ('&%s')", (const char *)anchor);
	if (tag && !implicit)
		error_at(r, line, col, "YAML tags are not allowed ('%s')", (const char *)tag);
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
		error_at(r, line, col, "YAML aliases are not allowed ('*%s')",
			 (const char *)ev->data.alias.anchor);
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
	while (r->depth)
		free(r->stack[--r->depth].kids);
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

static enum yj_status
read_all(int fd, const char *path, char **buf, size_t *len, struct diag_list *diags)
{
	size_t cap = 64 * 1024, n = 0;
	char *p = xmalloc(cap);

	for (;;) {
		ssize_t got;

		if (n == cap) {
			if (cap > YAML_DOC_MAX_BYTES)
				break;
			cap *= 2;
			p = xrealloc(p, cap);
		}
		got = read(fd, p + n, cap - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot read: %s", strerror(errno));
			free(p);
			return YJ_ERR_IO;
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	*buf = p;
	*len = n;
	return YJ_OK;
}

enum yj_status
yaml_doc_load_file(const char *path, struct doc **out, struct diag_list *diags)
{
	struct stat st;
	enum yj_status rc;
	char *buf = NULL;
	size_t len = 0;
	int fd;

	*out = NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot open: %s", strerror(errno));
		return YJ_ERR_NOINPUT;
	}
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "is a directory, not a file");
		close(fd);
		return YJ_ERR_NOINPUT;
	}
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > YAML_DOC_MAX_BYTES) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "file is larger than %d bytes; refusing it",
			 YAML_DOC_MAX_BYTES);
		close(fd);
		return YJ_ERR_TOO_BIG;
	}
	rc = read_all(fd, path, &buf, &len, diags);
	close(fd);
	if (rc != YJ_OK)
		return rc;
	rc = yaml_doc_parse(buf, len, path, out, diags);
	free(buf);
	return rc;
}
