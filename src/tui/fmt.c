/* Times, countdowns and levels as the console shows them (see tui/fmt.h). */
#include "config.h"

#include "core/field.h"
#include "core/report.h"
#include "tui/fmt.h"
#include "tui/i18n.h"
#include "util/strbuf.h"
#include "util/timefmt.h"

#include <stdio.h>
#include <string.h>

void
fmt_span(int64_t ms, char *buf, size_t n)
{
	int64_t s = (ms < 0 ? -ms : ms) / 1000;
	long long d = s / 86400, h = s % 86400 / 3600, m = s % 3600 / 60, sec = s % 60;

	if (d)
		snprintf(buf, n, _("%lldd %02lld:%02lld"), d, h, m);
	else if (h)
		snprintf(buf, n, "%lld:%02lld:%02lld", h, m, sec);
	else
		snprintf(buf, n, "%02lld:%02lld", m, sec);
}

void
fmt_when(int64_t ms, int64_t now_ms, char *buf, size_t n)
{
	char a[32], b[32];

	time_format_local_short(ms, a, sizeof(a));
	time_format_local_short(now_ms, b, sizeof(b));
	/* "2026-11-22 10:20": same day shows the time alone. */
	if (strncmp(a, b, 10) == 0)
		snprintf(buf, n, "%s", a + 11);
	else
		snprintf(buf, n, "%s", a + 5);
}

void
fmt_clock(const struct clock_state *c, int64_t now_ms, struct strbuf *out)
{
	char t[48];

	switch (c->status) {
	case CLOCK_PENDING:
		sb_append(out, _("not started"));
		break;
	case CLOCK_RUNNING:
		fmt_span(c->due_ms - now_ms, t, sizeof(t));
		sb_printf(out, _("%s left"), t);
		break;
	case CLOCK_MISSED:
		fmt_span(now_ms - c->due_ms, t, sizeof(t));
		sb_printf(out, _("overdue %s"), t);
		break;
	case CLOCK_MET:
	case CLOCK_MET_LATE:
		fmt_when(c->met_ms, now_ms, t, sizeof(t));
		sb_printf(out, c->status == CLOCK_MET ? _("met %s") : _("met late %s"), t);
		break;
	}
}

enum tui_style
fmt_clock_style(const struct clock_state *c, int64_t now_ms)
{
	int64_t total = c->due_ms - c->anchor_ms, left = c->due_ms - now_ms;

	switch (c->status) {
	case CLOCK_MISSED:
		return STYLE_DEADLINE_RED;
	case CLOCK_MET_LATE:
		return STYLE_DEADLINE_AMBER;
	case CLOCK_MET:
		return STYLE_DEADLINE_MET;
	case CLOCK_PENDING:
		return STYLE_DIM;
	case CLOCK_RUNNING:
		break;
	}
	if (left <= 0)
		return STYLE_DEADLINE_RED;
	/* Amber once less than a quarter of the time allowed is left. */
	if (total > 0 && left * 4 < total)
		return STYLE_DEADLINE_AMBER;
	return STYLE_DEADLINE;
}

const char *
fmt_clock_id(const struct clock_state *c)
{
	return c->deadline ? c->deadline->m.id : c->duty->m.id;
}

const char *
fmt_clock_text(const struct clock_state *c)
{
	return c->deadline ? c->deadline->text : c->duty->text;
}

enum tui_style
fmt_level_style(enum pb_colour c)
{
	switch (c) {
	case PB_COLOUR_RED:
		return STYLE_LEVEL_RED;
	case PB_COLOUR_ORANGE:
		return STYLE_LEVEL_ORANGE;
	case PB_COLOUR_YELLOW:
		return STYLE_LEVEL_YELLOW;
	case PB_COLOUR_BLUE:
		return STYLE_LEVEL_BLUE;
	case PB_COLOUR_GREEN:
		return STYLE_LEVEL_GREEN;
	case PB_COLOUR_PURPLE:
		return STYLE_LEVEL_PURPLE;
	case PB_COLOUR_GREY:
		return STYLE_LEVEL_GREY;
	case PB_COLOUR_WHITE:
		return STYLE_LEVEL_WHITE;
	}
	return STYLE_LEVEL_NONE;
}

const char *
fmt_level_label(const struct playbook *pb, int level)
{
	const struct pb_level *lv;

	if (level < 0 || (size_t)level >= playbook_level_count(pb))
		return "-";
	lv = playbook_level(pb, (size_t)level);
	return lv->label ? lv->label : lv->m.id;
}

const char *
fmt_party(const struct playbook *pb, const char *id)
{
	const char *name = id ? playbook_party_name(pb, id, NULL) : NULL;

	return name ? name : id ? id : "";
}

int64_t
fmt_incident_start(const struct incident *st)
{
	const struct pb_phase *start = playbook_start_phase(st->pb);

	for (size_t i = 0; start && i < start->fields.n; i++)
		for (size_t k = 0; k < playbook_field_count(st->pb); k++) {
			const struct pb_field *f = playbook_field(st->pb, k);

			if (strcmp(f->m.id, start->fields.v[i].id) == 0 &&
			    f->type == PB_FIELD_DATETIME && st->fields[k].set)
				return (int64_t)st->fields[k].num;
		}
	return st->opened_ms;
}

const char *
fmt_channel(const char *channel)
{
	return report_channel_name(channel);
}

const char *
fmt_item_text(const struct playbook *pb, const char *phase, const char *item)
{
	const struct pb_phase *ph = phase ? playbook_find_phase(pb, phase) : NULL;
	const struct pb_check_item *it = ph && item ? pb_phase_find_item(ph, item) : NULL;

	return it ? it->text : item ? item : "";
}

static const char *
phase_title(const struct playbook *pb, const char *id)
{
	const struct pb_phase *ph = id ? playbook_find_phase(pb, id) : NULL;

	return ph ? ph->title : id ? id : "";
}

static const char *
contact_name(const struct playbook *pb, const char *id)
{
	const struct pb_contact *c = id ? playbook_find_contact(pb, id) : NULL;

	return c ? c->name : id ? id : "";
}

static void
fmt_set(const struct playbook *pb, const struct value *p, struct strbuf *out)
{
	const struct value *fields = value_get(p, "fields"), *answers = value_get(p, "answers");
	size_t n = 0;

	sb_append(out, _("recorded"));
	for (size_t i = 0; i < value_len(fields); i++, n++) {
		const struct pb_field *f = playbook_find_field(pb, value_key_at(fields, i));
		const char *v = value_as_str(value_at(fields, i), "");

		sb_append(out, n ? ", " : " ");
		sb_printf(out, "%s=", f ? f->name : value_key_at(fields, i));
		if (f && *v)
			field_display(pb, f, v, out);
		else
			sb_append(out, *v ? v : _("(cleared)"));
	}
	for (size_t i = 0; i < value_len(answers); i++, n++) {
		const char *v = value_as_str(value_at(answers, i), "");

		sb_printf(out, "%s%s=%s", n ? ", " : " ", value_key_at(answers, i),
			  !strcmp(v, "yes") ? _("yes") : !strcmp(v, "no") ? _("no") : _("unknown"));
	}
}

static void
fmt_tick(const struct playbook *pb, const struct value *p, struct strbuf *out)
{
	const char *action = value_get_str(p, "action");
	const char *text = fmt_item_text(pb, value_get_str(p, "phase"), value_get_str(p, "item"));

	if (action && !strcmp(action, "skip"))
		sb_printf(out, _("skipped: %s"), text);
	else if (action && !strcmp(action, "untick"))
		sb_printf(out, _("unticked: %s"), text);
	else
		sb_printf(out, _("ticked: %s"), text);
	if (value_get_str(p, "reason"))
		sb_printf(out, _(" (reason: %s)"), value_get_str(p, "reason"));
}

static void
fmt_level(const struct playbook *pb, const struct value *p, struct strbuf *out)
{
	int lv = playbook_level_index(pb, value_get_str(p, "level"));
	int was = playbook_level_index(pb, value_get_str(p, "previous"));

	sb_printf(out, _("level %s confirmed"), fmt_level_label(pb, lv));
	if (was >= 0)
		sb_printf(out, _(" (was %s)"), fmt_level_label(pb, was));
	if (value_get_str(p, "reason"))
		sb_printf(out, _(" (reason: %s)"), value_get_str(p, "reason"));
}

static void
fmt_notify(const struct playbook *pb, const struct value *p, struct strbuf *out)
{
	const char *name = contact_name(pb, value_get_str(p, "contact"));
	const char *channel = value_get_str(p, "channel");

	if (value_get_str(p, "action") && !strcmp(value_get_str(p, "action"), "acknowledged"))
		sb_printf(out, _("%s acknowledged"), name);
	else if (channel)
		sb_printf(out, _("notified %s (%s)"), name, fmt_channel(channel));
	else
		sb_printf(out, _("notified %s"), name);
}

void
fmt_entry(const struct playbook *pb, const struct entry *e, struct strbuf *out)
{
	const struct value *p = e->payload;

	switch (e->kind) {
	case ENTRY_OPEN:
		sb_printf(out, _("report taken: %s"), value_get_str(p, "title"));
		break;
	case ENTRY_SET:
		fmt_set(pb, p, out);
		break;
	case ENTRY_NOTE:
		sb_printf(out, _("note: %s"), value_get_str(p, "text"));
		break;
	case ENTRY_TICK:
		fmt_tick(pb, p, out);
		break;
	case ENTRY_ADVANCE:
		sb_printf(out, "%s → %s", phase_title(pb, value_get_str(p, "from")),
			  phase_title(pb, value_get_str(p, "to")));
		if (value_get_str(p, "reason"))
			sb_printf(out, _(" (reason: %s)"), value_get_str(p, "reason"));
		break;
	case ENTRY_LEVEL:
		fmt_level(pb, p, out);
		break;
	case ENTRY_NOTIFY:
		fmt_notify(pb, p, out);
		break;
	case ENTRY_ASSIGN:
		sb_printf(out, _("%s holds %s"), value_get_str(p, "person"),
			  fmt_party(pb, value_get_str(p, "party")));
		break;
	case ENTRY_HANDOVER:
		sb_printf(out, _("handover of %s: %s → %s"), fmt_party(pb, value_get_str(p, "party")),
			  value_get_str(p, "from"), value_get_str(p, "to"));
		break;
	case ENTRY_INJECT:
		/* A drill's inject: the trainee's own language, the facts as the report has them. */
		sb_printf(out, _("inject: %s"), value_get_str(p, "message"));
		for (size_t i = 0; i < value_len(value_get(p, "fields")); i++)
			sb_printf(out, "%s %s=%s", i ? "," : ";", value_key_at(value_get(p, "fields"), i),
				  value_as_str(value_at(value_get(p, "fields"), i), ""));
		break;
	default:
		/* Kinds this screen has no words of its own for: the report's line. */
		report_entry_line(pb, e, out);
		break;
	}
}
