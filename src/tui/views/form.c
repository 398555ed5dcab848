/*
 * Forms: the intake of a new report (its title and the start phase's fields)
 * and the fields of an incident (the current phase's first).  Every value is
 * checked as it is typed by core/field.h, the same check the engine makes,
 * and the reason shows under the form; choices, categories and sub-types are
 * picked from a list.  Nothing is recorded until the officer saves (^S); Esc
 * on a form with anything typed asks before dropping it.
 */
#include "config.h"

#include "core/field.h"
#include "io/playbook_load.h"
#include "tui/app.h"
#include "tui/chrome.h"
#include "tui/draw.h"
#include "tui/edit.h"
#include "tui/i18n.h"
#include "tui/list.h"
#include "tui/views/views.h"
#include "util/text.h"
#include "util/timefmt.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

struct form_row {
	const struct pb_field *f;	/* NULL: the report's title */
	struct edit edit;
	char *orig;			/* the text it started with */
	char *error;			/* why the text is not a value, NULL when it is */
	bool phase;			/* asked for by the current phase */
};

struct form {
	enum form_mode mode;
	char *title;
	struct playbook *pb;		/* retained: the incident's, or the one to report under */
	struct form_row *rows;
	size_t n;
	struct list list;		/* the rows, then the save line */
	char pick_for[128];		/* the field a pick list is open for */
};

static struct form_row *
current(struct form *fm)
{
	return fm->list.sel < fm->n ? &fm->rows[fm->list.sel] : NULL;
}

static void
add_row(struct form *fm, const struct pb_field *f, const char *text, bool phase)
{
	struct form_row *r;

	fm->rows = xrealloc(fm->rows, (fm->n + 1) * sizeof(*fm->rows));
	r = &fm->rows[fm->n++];
	memset(r, 0, sizeof(*r));
	r->f = f;
	edit_init(&r->edit, text);
	r->orig = xstrdup(edit_text(&r->edit));
	r->phase = phase;
}

static bool
has_row(const struct form *fm, const struct pb_field *f)
{
	for (size_t i = 0; i < fm->n; i++)
		if (fm->rows[i].f == f)
			return true;
	return false;
}

static bool
wanted(const struct form_args *args, const struct pb_field *f)
{
	if (!args->only)
		return true;
	for (size_t i = 0; i < args->n_only; i++)
		if (strcmp(args->only[i], f->m.id) == 0)
			return true;
	return false;
}

/*
 * A recorded value as text that reads well and parses back to the same value:
 * names for choices, local time for times; numbers as recorded (the display
 * form adds the unit, which is not part of the value).
 */
static void
editable_text(const struct playbook *pb, const struct pb_field *f, const char *norm,
	      struct strbuf *out)
{
	switch (f->type) {
	case PB_FIELD_CHOICE:
	case PB_FIELD_CATEGORY:
	case PB_FIELD_SUBTYPE:
	case PB_FIELD_BOOLEAN:
	case PB_FIELD_DATETIME:
	case PB_FIELD_DATE:
		field_display(pb, f, norm, out);
		break;
	default:
		sb_append(out, norm);
		break;
	}
}

/* A field's value as the officer reads and edits it. */
static void
add_field(struct form *fm, const struct incident *st, const struct pb_field *f, bool phase)
{
	struct strbuf disp = STRBUF_INIT;

	for (size_t i = 0; st && i < playbook_field_count(fm->pb); i++)
		if (playbook_field(fm->pb, i) == f && st->fields[i].set)
			editable_text(fm->pb, f, st->fields[i].text, &disp);
	add_row(fm, f, sb_str(&disp), phase);
	sb_free(&disp);
}

static void
build_rows(struct form *fm, const struct form_args *args, const struct incident *st)
{
	const struct pb_phase *ph = st ? incident_phase(st) : playbook_start_phase(fm->pb);

	if (fm->mode == FORM_INTAKE)
		add_row(fm, NULL, "", true);
	for (size_t i = 0; ph && i < ph->fields.n; i++) {
		const struct pb_field *f = playbook_find_field(fm->pb, ph->fields.v[i].id);

		if (f && wanted(args, f) && !has_row(fm, f))
			add_field(fm, st, f, true);
	}
	if (fm->mode == FORM_INTAKE)
		return;
	/* Fields asked for by name come in the order asked. */
	for (size_t i = 0; args->only && i < args->n_only; i++) {
		const struct pb_field *f = playbook_find_field(fm->pb, args->only[i]);

		if (f && !has_row(fm, f))
			add_field(fm, st, f, false);
	}
	for (size_t i = 0; i < playbook_field_count(fm->pb); i++) {
		const struct pb_field *f = playbook_field(fm->pb, i);

		if (wanted(args, f) && !has_row(fm, f))
			add_field(fm, st, f, false);
	}
}

static void
form_open(struct view *v, struct app *a, const void *arg)
{
	const struct form_args *args = arg;
	struct form *fm = v->priv;
	const struct incident *st = app_incident(a);
	struct diag_list dl = {0};

	fm->mode = args->mode;
	fm->title = xstrdup(args->title ? args->title
				       : args->mode == FORM_INTAKE ? _("New report (intake)")
								   : _("Fields"));
	if (fm->mode == FORM_FIELDS && st) {
		fm->pb = playbook_retain(st->pb);
	} else if (playbook_load(a->opts->playbook, &fm->pb, &dl) != YJ_OK) {
		app_message(a, STYLE_ERROR, _("cannot load the playbook %s: %s"), a->opts->playbook,
			    dl.n ? dl.items[0].message : "");
		fm->pb = NULL;
	}
	diag_list_clear(&dl);
	if (fm->pb)
		build_rows(fm, args, fm->mode == FORM_FIELDS ? st : NULL);
	list_set_count(&fm->list, fm->n + 1);
	/* Start on the first of this phase's fields still empty. */
	for (size_t i = 0; i < fm->n; i++)
		if (fm->rows[i].phase && edit_empty(&fm->rows[i].edit)) {
			list_select(&fm->list, i);
			break;
		}
	for (size_t i = 0; args->focus && i < fm->n; i++)
		if (fm->rows[i].f && strcmp(fm->rows[i].f->m.id, args->focus) == 0)
			list_select(&fm->list, i);
}

static void
form_done(struct view *v, struct app *a)
{
	struct form *fm = v->priv;

	(void)a;
	for (size_t i = 0; i < fm->n; i++) {
		edit_free(&fm->rows[i].edit);
		free(fm->rows[i].orig);
		free(fm->rows[i].error);
	}
	free(fm->rows);
	free(fm->title);
	playbook_free(&fm->pb);
}

/* ---- checking values ---- */

/* The category chosen so far: typed in this form, else recorded on the incident. */
static const char *
chosen_category(struct form *fm, struct app *a, struct strbuf *norm)
{
	const struct pb_field *cf = field_category_field(fm->pb);
	const struct incident *st = app_incident(a);
	double num;

	for (size_t i = 0; cf && i < fm->n; i++)
		if (fm->rows[i].f == cf && !edit_empty(&fm->rows[i].edit)) {
			struct strbuf err = STRBUF_INIT;
			bool ok = field_parse(fm->pb, cf, edit_text(&fm->rows[i].edit), NULL, norm, &num,
					      &err);

			sb_free(&err);
			return ok ? sb_str(norm) : NULL;
		}
	for (size_t i = 0; cf && st && fm->mode == FORM_FIELDS && i < playbook_field_count(fm->pb);
	     i++)
		if (playbook_field(fm->pb, i) == cf && st->fields[i].set)
			return st->fields[i].text;
	return NULL;
}

static void
check_row(struct form *fm, struct app *a, struct form_row *r)
{
	struct strbuf norm = STRBUF_INIT, err = STRBUF_INIT, cat = STRBUF_INIT;
	double num;

	free(r->error);
	r->error = NULL;
	if (!r->f) {
		if (fm->mode == FORM_INTAKE && !*edit_text(&r->edit))
			r->error = xstrdup(_("a report needs a title"));
		return;
	}
	if (edit_empty(&r->edit))
		return;
	if (!field_parse(fm->pb, r->f, edit_text(&r->edit), chosen_category(fm, a, &cat), &norm,
			 &num, &err))
		r->error = sb_detach(&err);
	sb_free(&norm);
	sb_free(&err);
	sb_free(&cat);
}

static bool
changed(const struct form_row *r)
{
	return strcmp(edit_text(&r->edit), r->orig) != 0;
}

static bool
dirty(const struct form *fm)
{
	for (size_t i = 0; i < fm->n; i++)
		if (changed(&fm->rows[i]))
			return true;
	return false;
}

/* ---- drawing ---- */

static const char *
type_hint(const struct pb_field *f)
{
	if (!f)
		return _("what happened, in a few words");
	switch (f->type) {
	case PB_FIELD_TEXT:
	case PB_FIELD_LONGTEXT:
		return _("text");
	case PB_FIELD_INTEGER:
		return _("a whole number");
	case PB_FIELD_NUMBER:
		return _("a number, such as 1.5e8");
	case PB_FIELD_DURATION:
		return _("a duration, such as 45m or 2h30m");
	case PB_FIELD_DATETIME:
		return _("a time, YYYY-MM-DD HH:MM (^T: now)");
	case PB_FIELD_DATE:
		return _("a date, YYYY-MM-DD (^T: today)");
	case PB_FIELD_BOOLEAN:
	case PB_FIELD_CHOICE:
	case PB_FIELD_CATEGORY:
	case PB_FIELD_SUBTYPE:
		return _("Enter: pick from the list (or type it)");
	}
	return "";
}

static void
label(const struct form_row *r, struct strbuf *out)
{
	sb_append(out, r->f ? r->f->name : _("Title"));
	if (r->f && r->f->unit)
		sb_printf(out, " (%s)", r->f->unit);
}

static void
draw_row(struct form *fm, struct form_row *r, bool sel, int row, int cols, int label_cols)
{
	struct line l = LINE_INIT;
	struct strbuf lab = STRBUF_INIT, box = STRBUF_INIT;
	int box_cols = cols - label_cols - 4;
	size_t cur;

	label(r, &lab);
	line_add(&l, r->error ? STYLE_INVALID : STYLE_NORMAL, r->error ? "✗" : " ");
	line_add(&l, STYLE_CURRENT, r->phase && fm->mode == FORM_FIELDS ? "*" : " ");
	line_add_fixed(&l, sel ? STYLE_TITLE_FOCUS : STYLE_LABEL, sb_str(&lab), (size_t)label_cols);
	line_add(&l, STYLE_NORMAL, " ");
	cur = edit_view(&r->edit, (size_t)box_cols, &box);
	line_add(&l, sel ? STYLE_INPUT_FOCUS : STYLE_INPUT, sb_str(&box));
	draw_line(row, 0, cols, &l, STYLE_NORMAL);
	if (sel)
		draw_cursor(row, label_cols + 3 + (int)cur);
	line_free(&l);
	sb_free(&lab);
	sb_free(&box);
}

static int
label_width(const struct form *fm, int cols)
{
	size_t w = 8, max = cols >= 120 ? 36 : 24;

	for (size_t i = 0; i < fm->n; i++) {
		struct strbuf lab = STRBUF_INIT;

		label(&fm->rows[i], &lab);
		if (text_width(sb_str(&lab)) > w)
			w = text_width(sb_str(&lab));
		sb_free(&lab);
	}
	return (int)(w > max ? max : w);
}

static void
draw_footer(struct form *fm, struct app *a, int row, int cols)
{
	const struct form_row *r = current(fm);
	struct line l = LINE_INIT;
	char key[32];

	if (r) {
		struct strbuf lab = STRBUF_INIT;

		label(r, &lab);
		line_addf(&l, STYLE_LABEL, "%s: ", sb_str(&lab));
		line_add(&l, STYLE_HINT, type_hint(r->f));
		if (r->f && r->f->help)
			line_addf(&l, STYLE_HINT, " — %s", r->f->help);
		sb_free(&lab);
	}
	draw_line(row, 0, cols, &l, STYLE_NORMAL);
	line_reset(&l);
	if (r && r->error)
		line_add(&l, STYLE_ERROR, r->error);
	else if (!r) {
		app_key_name(a, "form", TUI_REQ_SUBMIT, key, sizeof(key));
		line_addf(&l, STYLE_HINT, _("Enter or %s records the form"), key);
	}
	draw_line(row + 1, 0, cols, &l, STYLE_NORMAL);
	line_free(&l);
}

static void
form_draw(struct view *v, struct app *a)
{
	struct form *fm = v->priv;
	int top, height, lw = label_width(fm, v->cols);
	struct line l = LINE_INIT;
	char key[32];

	if (fm->mode == FORM_FIELDS && app_incident(a)) {
		chrome_incident_header(a, 0, v->cols, fm->title);
		top = CHROME_HEADER_ROWS;
	} else {
		line_addf(&l, STYLE_HEADER, " %s", fm->title);
		if (fm->pb)
			line_addf(&l, STYLE_HEADER, " — %s", playbook_plan(fm->pb)->title);
		draw_line(0, 0, v->cols, &l, STYLE_HEADER);
		line_reset(&l);
		top = 1;
	}
	top++;
	height = v->rows - top - 3;
	list_show(&fm->list, (size_t)height);
	for (int i = 0; i < height && fm->list.top + (size_t)i < fm->list.n; i++) {
		size_t k = fm->list.top + (size_t)i;
		bool sel = k == fm->list.sel;

		if (k < fm->n) {
			draw_row(fm, &fm->rows[k], sel, top + i, v->cols, lw);
			continue;
		}
		app_key_name(a, "form", TUI_REQ_SUBMIT, key, sizeof(key));
		line_addf(&l, sel ? STYLE_SELECTED : STYLE_KEY, _("[ Record (%s) ]"), key);
		draw_line(top + i, lw + 3, v->cols - lw - 3, &l, STYLE_NORMAL);
		line_reset(&l);
	}
	line_free(&l);
	draw_footer(fm, a, v->rows - 2, v->cols);
}

/* ---- acting ---- */

static enum yj_status
submit_intake(struct form *fm, struct app *a, struct kv *kv, size_t n)
{
	struct strbuf why = STRBUF_INIT;
	struct diag_list dl = {0};
	int64_t id = 0;
	enum yj_status rc = engine_new(a->engine, a->opts->playbook, edit_text(&fm->rows[0].edit),
				       false, kv, n, &id, &dl, &why);

	if (rc != YJ_OK)
		app_message(a, STYLE_ERROR, "%s", why.len ? sb_str(&why)
						  : dl.n	   ? dl.items[0].message
								   : yj_status_message(rc));
	else
		app_message(a, STYLE_MESSAGE, _("report taken: incident %lld"), (long long)id);
	sb_free(&why);
	diag_list_clear(&dl);
	if (rc == YJ_OK) {
		struct incident_args args = {id};

		app_pop(a);
		if (app_open_incident(a, id))
			app_push(a, &incident_view, &args);
	}
	return rc;
}

/* After a refusal, mark the field the engine named. */
static void
blame(struct form *fm, const char *why)
{
	for (size_t i = 0; i < fm->n; i++)
		if (fm->rows[i].f && strstr(why, fm->rows[i].f->m.id)) {
			free(fm->rows[i].error);
			fm->rows[i].error = xstrdup(why);
			list_select(&fm->list, i);
			return;
		}
}

static unsigned
submit(struct view *v, struct app *a)
{
	struct form *fm = v->priv;
	struct kv *kv = xcalloc(fm->n + 1, sizeof(*kv));
	struct strbuf why = STRBUF_INIT;
	size_t n = 0;
	unsigned r = REACT_REDRAW;

	for (size_t i = 0; i < fm->n; i++)
		check_row(fm, a, &fm->rows[i]);
	for (size_t i = 0; i < fm->n; i++)
		if (fm->rows[i].error) {
			list_select(&fm->list, i);
			app_message(a, STYLE_ERROR, "%s", _("correct the marked field first"));
			free(kv);
			return REACT_REDRAW;
		}
	for (size_t i = 0; i < fm->n; i++) {
		const struct form_row *row = &fm->rows[i];

		if (row->f && (fm->mode == FORM_INTAKE ? !edit_empty(&row->edit) : changed(row)))
			kv[n++] = (struct kv){row->f->m.id, edit_text(&row->edit)};
	}
	if (fm->mode == FORM_INTAKE) {
		submit_intake(fm, a, kv, n);
		r = REACT_REDRAW;
	} else if (!n) {
		app_message(a, STYLE_MESSAGE, "%s", _("nothing changed"));
		r = REACT_BACK;
	} else {
		struct request rq = {.kind = REQ_SET, .kv = kv, .n_kv = n};

		if (app_submit(a, &rq, _("fields recorded"), &why) == YJ_OK)
			r = REACT_BACK;
		else
			blame(fm, sb_str(&why));
	}
	sb_free(&why);
	free(kv);
	return r;
}

static void
picked(struct app *a, void *ctx, int index)
{
	struct view *v = ctx;
	struct form *fm = v->priv;
	struct form_row *r = current(fm);
	struct strbuf cat = STRBUF_INIT;
	const struct pb_category *c;

	if (index < 0 || !r || !r->f || strcmp(r->f->m.id, fm->pick_for) != 0)
		return;
	switch (r->f->type) {
	case PB_FIELD_BOOLEAN:
		edit_set(&r->edit, index == 0 ? _("yes") : _("no"));
		break;
	case PB_FIELD_CHOICE:
		edit_set(&r->edit, r->f->choices[index].name);
		break;
	case PB_FIELD_CATEGORY:
		edit_set(&r->edit, playbook_category(fm->pb, (size_t)index)->name);
		break;
	default:
		c = playbook_find_category(fm->pb, chosen_category(fm, a, &cat));
		if (c && (size_t)index < c->n_subtypes)
			edit_set(&r->edit, c->subtypes[index].name);
		break;
	}
	check_row(fm, a, r);
	sb_free(&cat);
}

/* Enter on a field with choices: pick one. */
static bool
open_pick(struct view *v, struct app *a, struct form_row *r)
{
	struct form *fm = v->priv;
	const char *items[64];
	size_t n = 0;
	struct strbuf cat = STRBUF_INIT;
	const struct pb_category *c;

	if (!r->f)
		return false;
	switch (r->f->type) {
	case PB_FIELD_BOOLEAN:
		items[n++] = _("yes");
		items[n++] = _("no");
		break;
	case PB_FIELD_CHOICE:
		for (; n < r->f->n_choices && n < 64; n++)
			items[n] = r->f->choices[n].name;
		break;
	case PB_FIELD_CATEGORY:
		for (; n < playbook_category_count(fm->pb) && n < 64; n++)
			items[n] = playbook_category(fm->pb, n)->name;
		break;
	case PB_FIELD_SUBTYPE:
		c = playbook_find_category(fm->pb, chosen_category(fm, a, &cat));
		for (; c && n < c->n_subtypes && n < 64; n++)
			items[n] = c->subtypes[n].name;
		if (!c)
			app_message(a, STYLE_ERROR, "%s", _("choose the category first"));
		break;
	default:
		return false;
	}
	sb_free(&cat);
	if (n) {
		snprintf(fm->pick_for, sizeof(fm->pick_for), "%s", r->f->m.id);
		app_pick(a, r->f->name, items, n, 0, picked, v);
	}
	return true;
}

static unsigned
move(struct view *v, struct app *a, enum tui_request rq)
{
	struct form *fm = v->priv;
	struct form_row *r = current(fm);

	if (r)
		check_row(fm, a, r);
	return list_request(&fm->list, rq);
}

static unsigned
enter(struct view *v, struct app *a)
{
	struct form *fm = v->priv;
	struct form_row *r = current(fm);

	if (!r)
		return submit(v, a);
	if (open_pick(v, a, r))
		return REACT_REDRAW;
	return move(v, a, TUI_REQ_MOVE_DOWN);
}

static unsigned
form_key(struct view *v, struct app *a, int key)
{
	struct form *fm = v->priv;
	struct form_row *r = current(fm);

	switch (key) {
	case TUI_KEY_UP:
	case TUI_KEY_BACKTAB:
		return move(v, a, TUI_REQ_MOVE_UP);
	case TUI_KEY_DOWN:
	case TUI_KEY_TAB:
		return move(v, a, TUI_REQ_MOVE_DOWN);
	case TUI_KEY_PGUP:
		return move(v, a, TUI_REQ_PAGE_UP);
	case TUI_KEY_PGDN:
		return move(v, a, TUI_REQ_PAGE_DOWN);
	case TUI_KEY_ENTER:
		return enter(v, a);
	default:
		break;
	}
	if (r && edit_key(&r->edit, key)) {
		check_row(fm, a, r);
		return REACT_REDRAW;
	}
	/* Text typed on the save line goes nowhere, but is not a command either. */
	return !r && keys_is_text(key) ? REACT_NONE : REACT_UNHANDLED;
}

static void
discard(struct app *a, void *ctx, bool yes)
{
	if (yes && app_top(a) == ctx)
		app_pop(a);
}

static unsigned
insert_now(struct form *fm, struct app *a)
{
	struct form_row *r = current(fm);
	char buf[40];

	if (!r || !r->f || (r->f->type != PB_FIELD_DATETIME && r->f->type != PB_FIELD_DATE))
		return REACT_UNHANDLED;
	time_format_local_short(a->now_ms, buf, sizeof(buf));
	if (r->f->type == PB_FIELD_DATE)
		buf[10] = '\0';
	edit_set(&r->edit, buf);
	check_row(fm, a, r);
	return REACT_REDRAW;
}

static unsigned
form_request(struct view *v, struct app *a, enum tui_request rq)
{
	struct form *fm = v->priv;

	switch (rq) {
	case TUI_REQ_SUBMIT:
		return submit(v, a);
	case TUI_REQ_NOW:
		return insert_now(fm, a);
	case TUI_REQ_CANCEL:
	case TUI_REQ_BACK:
		if (!dirty(fm))
			return REACT_BACK;
		app_confirm(a, _("Discard"), _("Discard what was typed in this form?"), discard, v);
		return REACT_REDRAW;
	default:
		return REACT_UNHANDLED;
	}
}

static const enum tui_request hints[] = {TUI_REQ_SUBMIT, TUI_REQ_NOW, TUI_REQ_CANCEL, TUI_REQ_HELP,
					 TUI_REQ_NONE};
static const enum tui_request requests[] = {TUI_REQ_SUBMIT, TUI_REQ_NOW, TUI_REQ_CANCEL,
					    TUI_REQ_NONE};

const struct view_ops form_view = {
	.name = "form",
	.private_size = sizeof(struct form),
	.text_input = true,
	.hints = hints,
	.requests = requests,
	.open = form_open,
	.draw = form_draw,
	.key = form_key,
	.request = form_request,
	.done = form_done,
};
