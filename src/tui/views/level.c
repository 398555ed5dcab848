/*
 * Level assessment (潞城 1.5.2, 4.1.2(3)): the facts the criteria measure,
 * the qualitative criteria as yes/no questions, the level the plan suggests
 * with the criteria that matched, and the confirmed level with its history.
 * Confirming the suggestion takes one question; choosing another level asks
 * for a reason, which the journal keeps.  The suggestion itself is the
 * engine's fold: nothing is judged here.
 */
#include "config.h"

#include "core/field.h"
#include "tui/app.h"
#include "tui/chrome.h"
#include "tui/draw.h"
#include "tui/fmt.h"
#include "tui/i18n.h"
#include "tui/list.h"
#include "tui/views/views.h"
#include "tui/wrap.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

enum row_kind {
	ROW_SECTION,
	ROW_FACT,	/* a field a numeric criterion compares */
	ROW_QUESTION,	/* a criterion asked yes or no */
	ROW_SUGGESTION,
	ROW_MATCHED,
	ROW_CONFIRMED,
	ROW_HISTORY,
	ROW_CONFIRM,	/* action: confirm the suggestion */
	ROW_OVERRIDE,	/* action: choose another level */
};

struct lrow {
	enum row_kind kind;
	const char *text;	/* section title */
	size_t index;		/* field, criterion, matched criterion or level change */
};

struct level {
	struct lrow *rows;
	size_t n, cap;
	struct list list;
	const char **facts;	/* field ids, in order of first use */
	size_t n_facts;
	int pick;		/* the level being confirmed or chosen */
};

static void
add(struct level *lv, enum row_kind kind, const char *text, size_t index)
{
	lv->rows = xgrow(lv->rows, &lv->cap, lv->n + 1, sizeof(*lv->rows));
	lv->rows[lv->n++] = (struct lrow){kind, text, index};
}

static void
collect_facts(struct level *lv, const struct pb_cond *c)
{
	if (c->kind != PB_COND_COMPARE) {
		for (size_t i = 0; i < c->n; i++)
			collect_facts(lv, &c->kids[i]);
		return;
	}
	for (size_t i = 0; i < lv->n_facts; i++)
		if (strcmp(lv->facts[i], c->field.id) == 0)
			return;
	lv->facts = xrealloc(lv->facts, (lv->n_facts + 1) * sizeof(*lv->facts));
	lv->facts[lv->n_facts++] = c->field.id;
}

static int
field_index(const struct incident *st, const char *id)
{
	for (size_t i = 0; i < playbook_field_count(st->pb); i++)
		if (strcmp(playbook_field(st->pb, i)->m.id, id) == 0)
			return (int)i;
	return -1;
}

static void
build(struct level *lv, const struct incident *st)
{
	lv->n = 0;
	lv->n_facts = 0;
	for (size_t i = 0; i < st->n_criteria; i++)
		if (st->criteria[i]->when)
			collect_facts(lv, st->criteria[i]->when);
	if (lv->n_facts)
		add(lv, ROW_SECTION, _("Facts (Enter or e edits them)"), 0);
	for (size_t i = 0; i < lv->n_facts; i++)
		if (field_index(st, lv->facts[i]) >= 0)
			add(lv, ROW_FACT, NULL, (size_t)field_index(st, lv->facts[i]));
	add(lv, ROW_SECTION, _("Questions (y yes, n no, x unknown)"), 0);
	for (size_t i = 0; i < st->n_criteria; i++)
		if (st->criteria[i]->ask)
			add(lv, ROW_QUESTION, NULL, i);
	add(lv, ROW_SECTION, _("Suggested by the plan"), 0);
	add(lv, ROW_SUGGESTION, NULL, 0);
	for (size_t i = 0; i < st->suggestion.n_matched; i++)
		add(lv, ROW_MATCHED, NULL, i);
	add(lv, ROW_SECTION, _("Confirmed"), 0);
	add(lv, ROW_CONFIRMED, NULL, 0);
	for (size_t i = 0; i < st->n_level_changes; i++)
		add(lv, ROW_HISTORY, NULL, i);
	add(lv, ROW_CONFIRM, NULL, 0);
	add(lv, ROW_OVERRIDE, NULL, 0);
}

static bool
selectable(const void *ctx, size_t i)
{
	const struct level *lv = ctx;

	return lv->rows[i].kind != ROW_SECTION;
}

static void
level_refresh(struct view *v, struct app *a)
{
	struct level *lv = v->priv;
	const struct incident *st = app_incident(a);

	if (!st)
		return;
	build(lv, st);
	lv->list.selectable = selectable;
	lv->list.ctx = lv;
	list_set_count(&lv->list, lv->n);
}

static void
level_open(struct view *v, struct app *a, const void *arg)
{
	struct level *lv = v->priv;
	const struct incident *st = app_incident(a);

	(void)arg;
	level_refresh(v, a);
	/* Start where the work is: the first fact, else the first question. */
	for (size_t i = 0; st && i < lv->n; i++)
		if (lv->rows[i].kind == ROW_FACT || lv->rows[i].kind == ROW_QUESTION) {
			list_select(&lv->list, i);
			break;
		}
}

static void
level_done(struct view *v, struct app *a)
{
	struct level *lv = v->priv;

	(void)a;
	free(lv->rows);
	free(lv->facts);
}

/* ---- drawing ---- */

static const char *
answer_mark(enum answer ans)
{
	switch (ans) {
	case ANSWER_YES:
		return _("[yes]");
	case ANSWER_NO:
		return _("[no] ");
	case ANSWER_UNKNOWN:
		break;
	}
	return "[ ? ]";
}

static void
fact_line(const struct incident *st, size_t f, struct line *l)
{
	const struct pb_field *fd = playbook_field(st->pb, f);
	struct strbuf v = STRBUF_INIT;

	line_add_fixed(l, STYLE_LABEL, fd->name, 28);
	line_add(l, STYLE_NORMAL, " ");
	if (st->fields[f].set)
		field_display(st->pb, fd, st->fields[f].text, &v);
	line_add(l, st->fields[f].set ? STYLE_NORMAL : STYLE_DIM,
		 st->fields[f].set ? sb_str(&v) : _("not recorded"));
	sb_free(&v);
}

static void
question_line(const struct incident *st, size_t k, struct line *l)
{
	const struct pb_criterion *c = st->criteria[k];
	enum answer ans = st->answers[k].value;
	const struct pb_level *in = NULL;

	playbook_find_criterion(st->pb, c->m.id, &in);
	line_add(l, ans == ANSWER_YES ? STYLE_CURRENT : ans == ANSWER_NO ? STYLE_DIM : STYLE_NORMAL,
		 answer_mark(ans));
	line_addf(l, in ? fmt_level_style(in->colour) : STYLE_NORMAL, " %s ",
		  in ? (in->label ? in->label : in->m.id) : c->m.id);
	line_add(l, STYLE_NORMAL, " ");
	line_add(l, STYLE_NORMAL, c->ask);
}

static void
suggestion_line(const struct incident *st, struct line *l)
{
	const struct level_suggestion *s = &st->suggestion;

	if (s->level < 0) {
		line_add(l, STYLE_DIM, _("no level: no criterion matches yet"));
		return;
	}
	chrome_level_badge(l, st, s->level);
	line_addf(l, STYLE_NORMAL, " %s", playbook_level(st->pb, (size_t)s->level)->name);
	if (s->by_otherwise)
		line_addf(l, STYLE_DIM, "  %s", _("(no more severe criterion matched)"));
}

static void
history_line(struct app *a, const struct incident *st, size_t i, struct line *l)
{
	const struct level_change *c = &st->level_changes[i];
	char when[32];

	fmt_when(c->ms, a->now_ms, when, sizeof(when));
	line_addf(l, STYLE_DIM, "  %s %s  ", when, c->by ? c->by : "");
	chrome_level_badge(l, st, c->level);
	if (c->suggested >= 0 && c->suggested != c->level)
		line_addf(l, STYLE_ERROR, _("  overrides %s"), fmt_level_label(st->pb, c->suggested));
	if (c->reason)
		line_addf(l, STYLE_NORMAL, _("  reason: %s"), c->reason);
}

static void
row_line(struct app *a, const struct incident *st, const struct lrow *r, struct line *l)
{
	switch (r->kind) {
	case ROW_SECTION:
		line_add(l, STYLE_TITLE, r->text);
		break;
	case ROW_FACT:
		fact_line(st, r->index, l);
		break;
	case ROW_QUESTION:
		question_line(st, r->index, l);
		break;
	case ROW_SUGGESTION:
		suggestion_line(st, l);
		break;
	case ROW_MATCHED:
		line_addf(l, STYLE_DONE, "  ✓ %s ", st->suggestion.matched[r->index]->m.id);
		line_add(l, STYLE_NORMAL, st->suggestion.matched[r->index]->text);
		break;
	case ROW_CONFIRMED:
		chrome_level_badge(l, st, st->level);
		if (st->level >= 0)
			line_addf(l, STYLE_NORMAL, " %s",
				  playbook_level(st->pb, (size_t)st->level)->name);
		break;
	case ROW_HISTORY:
		history_line(a, st, r->index, l);
		break;
	case ROW_CONFIRM:
		line_add(l, STYLE_KEY, _("› Confirm the suggested level"));
		break;
	case ROW_OVERRIDE:
		line_add(l, STYLE_KEY, _("› Choose another level (asks a reason)"));
		break;
	}
}

/* The whole of the selected line, under the list (criteria are long). */
static void
detail(struct app *a, const struct incident *st, const struct lrow *r, int row, int cols)
{
	struct wrapped w = {0};
	struct line l = LINE_INIT;
	const char *text = NULL;

	if (r->kind == ROW_QUESTION)
		text = st->criteria[r->index]->text;
	else if (r->kind == ROW_MATCHED)
		text = st->suggestion.matched[r->index]->text;
	else if (r->kind == ROW_FACT)
		text = playbook_field(st->pb, r->index)->help;
	if (!text) {
		row_line(a, st, r, &l);
		text = "";
	}
	wrap_text(&w, text, (size_t)cols - 2);
	for (int i = 0; i < 2; i++)
		draw_text(row + i, 1, cols - 2, STYLE_HINT, (size_t)i < w.n ? w.v[i] : "");
	wrap_free(&w);
	line_free(&l);
}

/* Always in view, whatever the list shows: the suggestion as it stands and the level. */
static void
summary(const struct incident *st, int row, int cols)
{
	const struct level_suggestion *s = &st->suggestion;
	struct line l = LINE_INIT;

	line_addf(&l, STYLE_LABEL, " %s", _("Suggested: "));
	if (s->level >= 0)
		chrome_level_badge(&l, st, s->level);
	else
		line_add(&l, STYLE_DIM, "-");
	for (size_t i = 0; i < s->n_matched; i++)
		line_addf(&l, STYLE_DONE, "%s%s", i ? ", " : _(" matched "), s->matched[i]->m.id);
	if (s->by_otherwise)
		line_addf(&l, STYLE_DIM, " %s", _("(no more severe criterion matched)"));
	line_addf(&l, STYLE_LABEL, "   %s", _("Confirmed: "));
	chrome_level_badge(&l, st, st->level);
	draw_line(row, 0, cols, &l, STYLE_NORMAL);
	line_free(&l);
}

static void
level_draw(struct view *v, struct app *a)
{
	struct level *lv = v->priv;
	const struct incident *st = app_incident(a);
	int top = CHROME_HEADER_ROWS, height = v->rows - top - 3;
	struct line l = LINE_INIT;

	if (!st)
		return;
	chrome_incident_header(a, 0, v->cols, _("Level"));
	list_show(&lv->list, (size_t)height);
	for (int i = 0; i < height && lv->list.top + (size_t)i < lv->n; i++) {
		size_t k = lv->list.top + (size_t)i;

		line_add(&l, STYLE_NORMAL, lv->rows[k].kind == ROW_SECTION ? "" : " ");
		row_line(a, st, &lv->rows[k], &l);
		if (k == lv->list.sel)
			line_restyle(&l, STYLE_SELECTED);
		draw_line(top + i, 0, v->cols, &l, k == lv->list.sel ? STYLE_SELECTED : STYLE_NORMAL);
		line_reset(&l);
	}
	line_free(&l);
	summary(st, v->rows - 3, v->cols);
	if (lv->n)
		detail(a, st, &lv->rows[lv->list.sel], v->rows - 2, v->cols);
}

/* ---- acting ---- */

static const struct lrow *
selected(struct level *lv)
{
	return lv->n ? &lv->rows[lv->list.sel] : NULL;
}

static unsigned
answer(struct level *lv, struct app *a, const char *value)
{
	const struct incident *st = app_incident(a);
	const struct lrow *r = selected(lv);
	struct kv kv;
	struct request rq = {.kind = REQ_SET, .kv = &kv, .n_kv = 1};
	char what[300];

	if (!r || r->kind != ROW_QUESTION) {
		app_message(a, STYLE_ERROR, "%s", _("select a question first"));
		return REACT_STATUS;
	}
	kv = (struct kv){st->criteria[r->index]->m.id, value};
	snprintf(what, sizeof(what), "%s = %s", st->criteria[r->index]->m.id,
		 *value ? (*value == 'y' ? _("yes") : _("no")) : _("unknown"));
	app_submit(a, &rq, what, NULL);
	return REACT_REDRAW;
}

static void
submit_level(struct app *a, int level, const char *reason)
{
	const struct incident *st = app_incident(a);
	struct request rq = {.kind = REQ_LEVEL, .reason = reason};
	char what[200];

	if (!st || level < 0)
		return;
	rq.level = playbook_level(st->pb, (size_t)level)->m.id;
	snprintf(what, sizeof(what), _("level %s confirmed"), fmt_level_label(st->pb, level));
	app_submit(a, &rq, what, NULL);
}

static void
confirmed(struct app *a, void *ctx, bool yes)
{
	struct level *lv = ctx;

	if (yes)
		submit_level(a, lv->pick, NULL);
}

static void
reason_given(struct app *a, void *ctx, const char *reason)
{
	struct level *lv = ctx;

	if (reason)
		submit_level(a, lv->pick, reason);
}

static void
confirm_level(struct level *lv, struct app *a, int level)
{
	const struct incident *st = app_incident(a);
	struct strbuf q = STRBUF_INIT;

	lv->pick = level;
	sb_printf(&q, _("Confirm level %s (%s)?"), fmt_level_label(st->pb, level),
		  playbook_level(st->pb, (size_t)level)->name);
	for (size_t i = 0; level == st->suggestion.level && i < st->suggestion.n_matched; i++)
		sb_printf(&q, "\n✓ %s %s", st->suggestion.matched[i]->m.id,
			  st->suggestion.matched[i]->text);
	app_confirm(a, _("Level"), sb_str(&q), confirmed, lv);
	sb_free(&q);
}

static void
level_picked(struct app *a, void *ctx, int index)
{
	struct level *lv = ctx;
	const struct incident *st = app_incident(a);
	char q[300];

	if (index < 0 || !st)
		return;
	if (index == st->suggestion.level) {
		confirm_level(lv, a, index);
		return;
	}
	lv->pick = index;
	snprintf(q, sizeof(q), _("Why level %s rather than the suggested %s?"),
		 fmt_level_label(st->pb, index), fmt_level_label(st->pb, st->suggestion.level));
	app_prompt(a, q, NULL, reason_given, lv);
}

static unsigned
override(struct level *lv, struct app *a)
{
	const struct incident *st = app_incident(a);
	size_t n = playbook_level_count(st->pb);
	const char **items = xcalloc(n + 1, sizeof(*items));
	char **owned = xcalloc(n + 1, sizeof(*owned));

	for (size_t i = 0; i < n; i++) {
		owned[i] = xasprintf("%s  %s", fmt_level_label(st->pb, (int)i),
				     playbook_level(st->pb, i)->name);
		items[i] = owned[i];
	}
	app_pick(a, _("Level"), items, n,
		 st->level >= 0 ? (size_t)st->level
		 : st->suggestion.level >= 0 ? (size_t)st->suggestion.level : 0,
		 level_picked, lv);
	for (size_t i = 0; i < n; i++)
		free(owned[i]);
	free(owned);
	free(items);
	return REACT_REDRAW;
}

static unsigned
edit_facts(struct level *lv, struct app *a, const char *focus)
{
	struct form_args args = {FORM_FIELDS, focus, lv->facts, lv->n_facts, _("Facts")};

	app_push(a, &form_view, &args);
	return REACT_REDRAW;
}

static unsigned
enter(struct level *lv, struct app *a)
{
	const struct incident *st = app_incident(a);
	const struct lrow *r = selected(lv);

	if (!r)
		return REACT_NONE;
	switch (r->kind) {
	case ROW_FACT:
		return edit_facts(lv, a, playbook_field(st->pb, r->index)->m.id);
	case ROW_QUESTION:
		/* Enter cycles the answer: unknown -> yes -> no -> unknown. */
		return answer(lv, a, st->answers[r->index].value == ANSWER_UNKNOWN ? "yes"
				     : st->answers[r->index].value == ANSWER_YES   ? "no"
										   : "");
	case ROW_SUGGESTION:
	case ROW_MATCHED:
	case ROW_CONFIRM:
		if (st->suggestion.level < 0) {
			app_message(a, STYLE_ERROR, "%s", _("there is no suggestion to confirm"));
			return REACT_STATUS;
		}
		confirm_level(lv, a, st->suggestion.level);
		return REACT_REDRAW;
	default:
		return override(lv, a);
	}
}

static unsigned
level_request(struct view *v, struct app *a, enum tui_request rq)
{
	struct level *lv = v->priv;
	unsigned r = list_request(&lv->list, rq);

	if (!(r & REACT_UNHANDLED) || !app_incident(a))
		return r;
	switch (rq) {
	case TUI_REQ_ENTER:
		return enter(lv, a);
	case TUI_REQ_ANSWER_YES:
		return answer(lv, a, "yes");
	case TUI_REQ_ANSWER_NO:
		return answer(lv, a, "no");
	case TUI_REQ_ANSWER_UNKNOWN:
		return answer(lv, a, "");
	case TUI_REQ_OVERRIDE:
		return override(lv, a);
	case TUI_REQ_FIELDS:
		return edit_facts(lv, a, NULL);
	default:
		return REACT_UNHANDLED;
	}
}

static const enum tui_request hints[] = {
	TUI_REQ_ENTER, TUI_REQ_ANSWER_YES, TUI_REQ_ANSWER_NO, TUI_REQ_ANSWER_UNKNOWN,
	TUI_REQ_FIELDS, TUI_REQ_OVERRIDE, TUI_REQ_BACK, TUI_REQ_NONE,
};
static const enum tui_request requests[] = {
	TUI_REQ_MOVE_UP, TUI_REQ_MOVE_DOWN, TUI_REQ_PAGE_UP, TUI_REQ_PAGE_DOWN,
	TUI_REQ_MOVE_FIRST, TUI_REQ_MOVE_LAST, TUI_REQ_ENTER, TUI_REQ_ANSWER_YES,
	TUI_REQ_ANSWER_NO, TUI_REQ_ANSWER_UNKNOWN, TUI_REQ_OVERRIDE, TUI_REQ_FIELDS,
	TUI_REQ_NONE,
};

const struct view_ops level_view = {
	.name = "level",
	.private_size = sizeof(struct level),
	.hints = hints,
	.requests = requests,
	.open = level_open,
	.draw = level_draw,
	.request = level_request,
	.refresh = level_refresh,
	.done = level_done,
};
