/*
 * Reports people hand on: the incident report with the content the plan asks
 * for (潞城 4.1.1: time, place, unit, source, category, loss estimate, scope,
 * trend, handling — the fields marked `report: true`), and the timeline; as
 * plain text, Markdown, JSON or CSV.  Each carries the journal head it was made
 * from, so a printed copy pins the record.
 */
#include "config.h"

#include "core/bulletin.h"
#include "core/export_impl.h"
#include "core/field.h"
#include "core/i18n.h"
#include "core/report.h"
#include "util/str.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/timefmt.h"

#include <stdio.h>
#include <string.h>

bool
report_kind_parse(const char *s, enum report_kind *k)
{
	if (str_eq(s, "incident"))
		*k = REPORT_INCIDENT;
	else if (str_eq(s, "timeline"))
		*k = REPORT_TIMELINE;
	else if (str_eq(s, "review"))
		*k = REPORT_REVIEW;
	else if (str_eq(s, "bulletin"))
		*k = REPORT_BULLETIN;
	else
		return false;
	return true;
}

bool
report_format_parse(const char *s, enum report_format *f)
{
	static const char *const names[] = {"txt", "md", "json", "csv"};

	for (size_t i = 0; i < 4; i++)
		if (str_eq(s, names[i])) {
			*f = (enum report_format)i;
			return true;
		}
	return false;
}

/* Text from users and files, made safe; `md` also escapes Markdown table bars. */
static void
clean(struct strbuf *out, const char *s, bool md)
{
	struct strbuf tmp = STRBUF_INIT;

	text_sanitize(&tmp, s ? s : "", 0);
	for (const char *p = sb_str(&tmp); *p; p++) {
		if (md && strchr("|\\*_`<>[]", *p))
			sb_putc(out, '\\');
		sb_putc(out, *p);
	}
	sb_free(&tmp);
}

static void
csv_cell(struct strbuf *out, const char *s, bool last)
{
	struct strbuf tmp = STRBUF_INIT;

	text_sanitize(&tmp, s ? s : "", 0);
	sb_putc(out, '"');
	for (const char *p = sb_str(&tmp); *p; p++) {
		if (*p == '"')
			sb_putc(out, '"');
		sb_putc(out, *p);
	}
	sb_append(out, last ? "\"\r\n" : "\",");
	sb_free(&tmp);
}

static void
head_pin(const struct incident *st, char *buf, size_t n)
{
	char hex[2 * ENTRY_HASH_LEN + 1] = "";
	const struct entry *e = st->n_entries ? &st->entries[st->n_entries - 1] : NULL;

	if (e)
		entry_hash_hex(e->hash, hex);
	snprintf(buf, n, "%lld:%s", e ? (long long)e->seq : 0LL, hex);
}

static void
field_text(const struct incident *st, size_t i, struct strbuf *out)
{
	if (st->fields[i].set)
		field_display(st->pb, playbook_field(st->pb, i), st->fields[i].text, out);
}

static const char *
level_text(const struct incident *st)
{
	return st->level >= 0 ? playbook_level(st->pb, (size_t)st->level)->name : "";
}

/* ---- the review (潞城 5.1: cause, nature, impact, responsibility, opinion, improvements) ---- */

/* Whether field i is asked for by a review or recovery phase (5.1, 5.2). */
static bool
is_review_field(const struct incident *st, size_t i)
{
	const char *id = playbook_field(st->pb, i)->m.id;

	for (size_t p = 0; p < playbook_phase_count(st->pb); p++) {
		const struct pb_phase *ph = playbook_phase(st->pb, p);

		if (ph->kind != PB_PHASE_REVIEW && ph->kind != PB_PHASE_RECOVERY)
			continue;
		for (size_t k = 0; k < ph->fields.n; k++)
			if (str_eq(ph->fields.v[k].id, id))
				return true;
	}
	return false;
}

static const char *
clock_id(const struct clock_state *c)
{
	return c->deadline ? c->deadline->m.id : c->duty->m.id;
}

static const char *
clock_text(const struct clock_state *c)
{
	return c->deadline ? c->deadline->text : c->duty->text;
}

static void
iso_or_empty(int64_t ms, char *buf, size_t n)
{
	buf[0] = '\0';
	if (ms)
		time_format_iso(ms, buf, n);
}

static struct value *
review_value(const struct incident *st)
{
	struct value *o = value_obj(), *fields = value_set(o, "fields", value_arr());
	struct value *perf = value_set(o, "deadlines", value_arr());
	struct value *notes = value_set(o, "annotations", value_arr());
	char t[40];

	for (size_t i = 0; i < playbook_field_count(st->pb); i++) {
		struct strbuf disp = STRBUF_INIT;
		struct value *f;

		if (!is_review_field(st, i))
			continue;
		f = value_push(fields, value_obj());
		field_text(st, i, &disp);
		value_set_str(f, "id", playbook_field(st->pb, i)->m.id);
		value_set_str(f, "name", playbook_field(st->pb, i)->name);
		value_set(f, "value", st->fields[i].set ? value_str(sb_str(&disp)) : value_null());
		sb_free(&disp);
	}
	for (size_t i = 0; i < st->n_clocks; i++) {
		const struct clock_state *c = &st->clocks[i];
		struct value *d = value_push(perf, value_obj());

		value_set_str(d, "id", clock_id(c));
		value_set_str(d, "text", clock_text(c));
		value_set_str(d, "status", clock_status_name(c->status));
		iso_or_empty(c->due_ms, t, sizeof(t));
		value_set(d, "due", *t ? value_str(t) : value_null());
		iso_or_empty(c->met_ms, t, sizeof(t));
		value_set(d, "met", *t ? value_str(t) : value_null());
	}
	for (size_t i = 0; i < st->n_entries; i++) {
		const struct entry *e = &st->entries[i];
		struct value *a;

		if (e->kind != ENTRY_ANNOTATE)
			continue;
		a = value_push(notes, value_obj());
		value_set_int(a, "seq", e->seq);
		value_set_int(a, "on", value_as_int(value_get(e->payload, "seq"), 0));
		time_format_iso(e->ts_ms, t, sizeof(t));
		value_set_str(a, "at", t);
		value_set_str(a, "by", e->operator_name);
		value_set_str(a, "text", value_get_str(e->payload, "text"));
	}
	return o;
}

static void
review_text(const struct incident *st, bool md, struct strbuf *out)
{
	struct value *r = review_value(st);
	const struct value *v;
	char t[32];

	if (md)
		sb_printf(out, "\n## 总结评估\n\n%s\n|---|---|\n", _("| item | content |"));
	else
		sb_append(out, "\n总结评估\n");
	v = value_get(r, "fields");
	for (size_t i = 0; i < value_len(v); i++) {
		sb_append(out, md ? "| " : "  ");
		clean(out, value_get_str(value_at(v, i), "name"), md);
		sb_append(out, md ? " | " : ": ");
		clean(out, value_get_str(value_at(v, i), "value") ? value_get_str(value_at(v, i), "value")
							    : _("(not recorded)"), md);
		sb_append(out, md ? " |\n" : "\n");
	}
	if (md)
		sb_printf(out, "\n## 时限执行情况\n\n%s\n|---|---|---|---|\n",
			  _("| deadline | status | due | met |"));
	else
		sb_append(out, "\n时限执行情况\n");
	for (size_t i = 0; i < st->n_clocks; i++) {
		const struct clock_state *c = &st->clocks[i];
		char due[32] = "-", met[32] = "-";

		if (c->due_ms)
			time_format_local(c->due_ms, due, sizeof(due));
		if (c->met_ms)
			time_format_local(c->met_ms, met, sizeof(met));
		sb_append(out, md ? "| " : "  ");
		clean(out, clock_text(c), md);
		sb_printf(out, md ? " | %s | %s | %s |\n" : _("\n      %s; due %s; met %s\n"),
			  _(clock_status_name(c->status)), due, met);
	}
	sb_append(out, md ? "\n## 级别变化\n\n" : "\n级别变化\n");
	for (size_t i = 0; i < st->n_level_changes; i++) {
		const struct level_change *c = &st->level_changes[i];

		time_format_local(c->ms, t, sizeof(t));
		sb_printf(out, md ? "- %s " : "  %s ", t);
		clean(out, playbook_level(st->pb, (size_t)c->level)->name, md);
		sb_append(out, " — ");
		clean(out, c->by, md);
		if (c->reason) {
			sb_append(out, ": ");
			clean(out, c->reason, md);
		}
		sb_append(out, "\n");
	}
	sb_append(out, md ? "\n## 批注\n\n" : "\n批注\n");
	v = value_get(r, "annotations");
	for (size_t i = 0; i < value_len(v); i++) {
		const struct value *a = value_at(v, i);

		sb_append(out, md ? "- " : "  ");
		sb_printf(out, _("entry %lld: "), (long long)value_as_int(value_get(a, "on"), 0));
		clean(out, value_get_str(a, "text"), md);
		sb_append(out, " — ");
		clean(out, value_get_str(a, "by"), md);
		sb_append(out, "\n");
	}
	if (!value_len(v))
		sb_printf(out, "%s%s\n", md ? "- " : "  ", _("none"));
	value_free(&r);
}

/* ---- JSON ---- */

static struct value *
timeline_value(const struct incident *st)
{
	struct value *arr = value_arr();
	char t[40];

	for (size_t i = 0; i < st->n_entries; i++) {
		const struct entry *e = &st->entries[i];
		struct value *o = value_push(arr, value_obj());
		struct strbuf line = STRBUF_INIT;

		report_entry_summary(st->pb, e, &line);
		value_set_int(o, "seq", e->seq);
		time_format_iso(e->ts_ms, t, sizeof(t));
		value_set_str(o, "at", t);
		value_set_str(o, "operator", e->operator_name);
		value_set_str(o, "kind", entry_kind_name(e->kind));
		value_set_str(o, "summary", sb_str(&line));
		value_set(o, "payload", value_copy(e->payload));
		sb_free(&line);
	}
	return arr;
}

static struct value *
export_json(const struct incident *st, enum report_kind kind)
{
	struct value *o = value_obj(), *content;
	char pin[100];

	head_pin(st, pin, sizeof(pin));
	value_set_str(o, "report", kind == REPORT_INCIDENT ? "incident"
				   : kind == REPORT_REVIEW ? "review" : "timeline");
	value_set_str(o, "head", pin);
	if (kind == REPORT_TIMELINE) {
		value_set_int(o, "id", st->id);
		value_set_str(o, "title", st->title ? st->title : "");
		value_set_bool(o, "drill", st->drill);
		value_set(o, "timeline", timeline_value(st));
		return o;
	}
	value_set(o, "incident", report_state_value(st));
	if (kind == REPORT_REVIEW)
		value_set(o, "review", review_value(st));
	content = value_set(o, "content", value_arr());
	for (size_t i = 0; i < playbook_field_count(st->pb); i++) {
		const struct pb_field *f = playbook_field(st->pb, i);
		struct strbuf disp = STRBUF_INIT;
		struct value *c;

		if (!f->report)
			continue;
		c = value_push(content, value_obj());
		field_text(st, i, &disp);
		value_set_str(c, "id", f->m.id);
		value_set_str(c, "name", f->name);
		value_set(c, "value", st->fields[i].set ? value_str(sb_str(&disp)) : value_null());
		sb_free(&disp);
	}
	value_set(o, "timeline", timeline_value(st));
	return o;
}

/* ---- text and Markdown ---- */

static void
timeline_text(const struct incident *st, bool md, struct strbuf *out)
{
	char t[32];

	if (md)
		sb_printf(out, "%s\n|---|---|---|---|\n", _("| # | time | operator | what |"));
	for (size_t i = 0; i < st->n_entries; i++) {
		const struct entry *e = &st->entries[i];
		struct strbuf line = STRBUF_INIT;

		report_entry_line(st->pb, e, &line);
		time_format_local(e->ts_ms, t, sizeof(t));
		if (md) {
			sb_printf(out, "| %lld | %s | ", (long long)e->seq, t);
			clean(out, e->operator_name, true);
			sb_append(out, " | ");
			clean(out, sb_str(&line), true);
			sb_append(out, " |\n");
		} else {
			sb_printf(out, "%4lld  %s  ", (long long)e->seq, t);
			clean(out, e->operator_name, false);
			sb_append(out, "  ");
			clean(out, sb_str(&line), false);
			sb_append(out, "\n");
		}
		sb_free(&line);
	}
}

static void
content_text(const struct incident *st, bool md, struct strbuf *out)
{
	if (md)
		sb_printf(out, "%s\n|---|---|\n", _("| item | content |"));
	for (size_t i = 0; i < playbook_field_count(st->pb); i++) {
		const struct pb_field *f = playbook_field(st->pb, i);
		struct strbuf disp = STRBUF_INIT;

		if (!f->report)
			continue;
		field_text(st, i, &disp);
		sb_append(out, md ? "| " : "  ");
		clean(out, f->name, md);
		sb_append(out, md ? " | " : ": ");
		clean(out, st->fields[i].set ? sb_str(&disp) : _("(not recorded)"), md);
		sb_append(out, md ? " |\n" : "\n");
		sb_free(&disp);
	}
}

static void
header_text(const struct incident *st, enum report_kind kind, bool md, struct strbuf *out)
{
	const struct pb_phase *ph = incident_phase(st);
	char t[32];

	sb_append(out, md ? "# " : "");
	clean(out, kind == REPORT_INCIDENT ? "事件报告" : kind == REPORT_REVIEW ? "事件总结评估报告"
							  : "事件时间线", md);
	sb_printf(out, _(" — incident %lld%s: "), (long long)st->id, st->drill ? _(" [DRILL]") : "");
	clean(out, st->title, md);
	sb_append(out, md ? "\n\n" : "\n\n");
	sb_append(out, md ? _("- plan: ") : _("plan:   "));
	clean(out, playbook_plan(st->pb)->title, md);
	time_format_local(st->opened_ms, t, sizeof(t));
	sb_printf(out, md ? _("\n- opened: %s by ") : _("\nopened: %s by "), t);
	clean(out, st->opened_by, md);
	sb_append(out, md ? _("\n- phase: ") : _("\nphase:  "));
	clean(out, ph ? ph->title : "-", md);
	sb_append(out, st->closed ? _(" (closed)") : "");
	sb_append(out, md ? _("\n- level: ") : _("\nlevel:  "));
	clean(out, st->level >= 0 ? level_text(st) : _("not confirmed"), md);
	sb_append(out, "\n");
}

static void
export_text(const struct incident *st, enum report_kind kind, bool md, struct strbuf *out)
{
	char pin[100];

	header_text(st, kind, md, out);
	if (kind != REPORT_TIMELINE) {
		sb_append(out, md ? "\n## 报告内容\n\n" : "\n报告内容\n");
		content_text(st, md, out);
	}
	if (kind == REPORT_REVIEW)
		review_text(st, md, out);
	sb_append(out, md ? "\n## 时间线\n\n" : "\n时间线\n");
	timeline_text(st, md, out);
	head_pin(st, pin, sizeof(pin));
	sb_printf(out, md ? _("\n---\njournal head `%s`\n") : _("\njournal head %s\n"), pin);
}

/* ---- CSV ---- */

/* The review as rows of section, item, value. */
static void
export_csv_review(const struct incident *st, const char *pin, struct strbuf *out)
{
	struct value *r = review_value(st);
	const struct value *v = value_get(r, "fields");
	char buf[80];

	sb_append(out, "\"section\",\"item\",\"value\"\r\n");
	if (st->drill) {
		csv_cell(out, "drill", false);
		csv_cell(out, "演练", false);
		csv_cell(out, "DRILL", true);
	}
	for (size_t i = 0; i < value_len(v); i++) {
		const char *val = value_get_str(value_at(v, i), "value");

		csv_cell(out, "review", false);
		csv_cell(out, value_get_str(value_at(v, i), "name"), false);
		csv_cell(out, val ? val : "", true);
	}
	for (size_t i = 0; i < st->n_clocks; i++) {
		csv_cell(out, "deadline", false);
		csv_cell(out, clock_text(&st->clocks[i]), false);
		csv_cell(out, clock_status_name(st->clocks[i].status), true);
	}
	for (size_t i = 0; i < st->n_level_changes; i++) {
		csv_cell(out, "level", false);
		time_format_iso(st->level_changes[i].ms, buf, sizeof(buf));
		csv_cell(out, buf, false);
		csv_cell(out, playbook_level(st->pb, (size_t)st->level_changes[i].level)->m.id, true);
	}
	v = value_get(r, "annotations");
	for (size_t i = 0; i < value_len(v); i++) {
		snprintf(buf, sizeof(buf), "entry %lld",
			 (long long)value_as_int(value_get(value_at(v, i), "on"), 0));
		csv_cell(out, "annotation", false);
		csv_cell(out, buf, false);
		csv_cell(out, value_get_str(value_at(v, i), "text"), true);
	}
	csv_cell(out, "journal_head", false);
	csv_cell(out, "", false);
	csv_cell(out, pin, true);
	value_free(&r);
}

static void
export_csv(const struct incident *st, enum report_kind kind, struct strbuf *out)
{
	char t[40], pin[100], seq[24];

	head_pin(st, pin, sizeof(pin));
	if (kind == REPORT_REVIEW) {
		export_csv_review(st, pin, out);
		return;
	}
	if (kind == REPORT_INCIDENT) {
		csv_cell(out, "item", false);
		csv_cell(out, "name", false);
		csv_cell(out, "content", true);
		if (st->drill) {
			csv_cell(out, "drill", false);
			csv_cell(out, "演练", false);
			csv_cell(out, "DRILL", true);
		}
		for (size_t i = 0; i < playbook_field_count(st->pb); i++) {
			struct strbuf disp = STRBUF_INIT;

			if (!playbook_field(st->pb, i)->report)
				continue;
			field_text(st, i, &disp);
			csv_cell(out, playbook_field(st->pb, i)->m.id, false);
			csv_cell(out, playbook_field(st->pb, i)->name, false);
			csv_cell(out, sb_str(&disp), true);
			sb_free(&disp);
		}
		csv_cell(out, "journal_head", false);
		csv_cell(out, "", false);
		csv_cell(out, pin, true);
		return;
	}
	sb_append(out, "\"seq\",\"time\",\"operator\",\"kind\",\"summary\"\r\n");
	for (size_t i = 0; i < st->n_entries; i++) {
		const struct entry *e = &st->entries[i];
		struct strbuf line = STRBUF_INIT;

		report_entry_summary(st->pb, e, &line);
		snprintf(seq, sizeof(seq), "%lld", (long long)e->seq);
		time_format_iso(e->ts_ms, t, sizeof(t));
		csv_cell(out, seq, false);
		csv_cell(out, t, false);
		csv_cell(out, e->operator_name, false);
		csv_cell(out, entry_kind_name(e->kind), false);
		csv_cell(out, sb_str(&line), true);
		sb_free(&line);
	}
	/* The pin, as in every other report: a row of its own kind. */
	csv_cell(out, "", false);
	csv_cell(out, "", false);
	csv_cell(out, "", false);
	csv_cell(out, "journal_head", false);
	csv_cell(out, pin, true);
}

void
report_export(const struct incident *st, enum report_kind kind, enum report_format fmt,
	      struct strbuf *out, struct value **json)
{
	*json = NULL;
	if (kind == REPORT_BULLETIN) {
		bulletin_export(st, fmt, out, json);
		return;
	}
	switch (fmt) {
	case FORMAT_JSON:
		*json = export_json(st, kind);
		break;
	case FORMAT_TXT:
	case FORMAT_MD:
		export_text(st, kind, fmt == FORMAT_MD, out);
		break;
	case FORMAT_CSV:
		export_csv(st, kind, out);
		break;
	}
}

/* For the bulletin (core/bulletin.c). */
void
report_clean(struct strbuf *out, const char *s, bool md)
{
	clean(out, s, md);
}

void
report_head_pin(const struct incident *st, char *buf, size_t n)
{
	head_pin(st, buf, n);
}
