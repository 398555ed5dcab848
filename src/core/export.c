/*
 * Reports people hand on: the incident report with the content the plan asks
 * for (潞城 4.1.1: time, place, unit, source, category, loss estimate, scope,
 * trend, handling — the fields marked `report: true`), and the timeline; as
 * plain text, Markdown, JSON or CSV.  Each carries the journal head it was made
 * from, so a printed copy pins the record.
 */
#include "config.h"

#include "core/field.h"
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

		report_entry_line(st->pb, e, &line);
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
	value_set_str(o, "report", kind == REPORT_INCIDENT ? "incident" : "timeline");
	value_set_str(o, "head", pin);
	if (kind == REPORT_TIMELINE) {
		value_set_int(o, "id", st->id);
		value_set_str(o, "title", st->title ? st->title : "");
		value_set(o, "timeline", timeline_value(st));
		return o;
	}
	value_set(o, "incident", report_state_value(st));
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
		sb_append(out, "| # | time | operator | what |\n|---|---|---|---|\n");
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
		sb_append(out, "| item | content |\n|---|---|\n");
	for (size_t i = 0; i < playbook_field_count(st->pb); i++) {
		const struct pb_field *f = playbook_field(st->pb, i);
		struct strbuf disp = STRBUF_INIT;

		if (!f->report)
			continue;
		field_text(st, i, &disp);
		sb_append(out, md ? "| " : "  ");
		clean(out, f->name, md);
		sb_append(out, md ? " | " : ": ");
		clean(out, st->fields[i].set ? sb_str(&disp) : "(not recorded)", md);
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
	clean(out, kind == REPORT_INCIDENT ? "事件报告" : "事件时间线", md);
	sb_printf(out, " — %s %lld%s: ", "incident", (long long)st->id, st->drill ? " [DRILL]" : "");
	clean(out, st->title, md);
	sb_append(out, md ? "\n\n" : "\n\n");
	sb_append(out, md ? "- plan: " : "plan:   ");
	clean(out, playbook_plan(st->pb)->title, md);
	time_format_local(st->opened_ms, t, sizeof(t));
	sb_printf(out, md ? "\n- opened: %s by " : "\nopened: %s by ", t);
	clean(out, st->opened_by, md);
	sb_append(out, md ? "\n- phase: " : "\nphase:  ");
	clean(out, ph ? ph->title : "-", md);
	sb_append(out, st->closed ? " (closed)" : "");
	sb_append(out, md ? "\n- level: " : "\nlevel:  ");
	clean(out, st->level >= 0 ? level_text(st) : "not confirmed", md);
	sb_append(out, "\n");
}

static void
export_text(const struct incident *st, enum report_kind kind, bool md, struct strbuf *out)
{
	char pin[100];

	header_text(st, kind, md, out);
	if (kind == REPORT_INCIDENT) {
		sb_append(out, md ? "\n## 报告内容\n\n" : "\n报告内容\n");
		content_text(st, md, out);
	}
	sb_append(out, md ? "\n## 时间线\n\n" : "\n时间线\n");
	timeline_text(st, md, out);
	head_pin(st, pin, sizeof(pin));
	sb_printf(out, md ? "\n---\njournal head `%s`\n" : "\njournal head %s\n", pin);
}

/* ---- CSV ---- */

static void
export_csv(const struct incident *st, enum report_kind kind, struct strbuf *out)
{
	char t[40], pin[100], seq[24];

	head_pin(st, pin, sizeof(pin));
	if (kind == REPORT_INCIDENT) {
		csv_cell(out, "item", false);
		csv_cell(out, "name", false);
		csv_cell(out, "content", true);
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

		report_entry_line(st->pb, e, &line);
		snprintf(seq, sizeof(seq), "%lld", (long long)e->seq);
		time_format_iso(e->ts_ms, t, sizeof(t));
		csv_cell(out, seq, false);
		csv_cell(out, t, false);
		csv_cell(out, e->operator_name, false);
		csv_cell(out, entry_kind_name(e->kind), false);
		csv_cell(out, sb_str(&line), true);
		sb_free(&line);
	}
}

void
report_export(const struct incident *st, enum report_kind kind, enum report_format fmt,
	      struct strbuf *out, struct value **json)
{
	*json = NULL;
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
