/*
 * The information bulletin (see core/bulletin.h).  One walk over the state
 * gathers what the bulletin says; the JSON is that walk as values, and the
 * text and Markdown print the same things in the same order, so the three
 * cannot say different things.  The bulletin's own labels are translated
 * (po/zh_CN.po); the plan's are its own.
 */
#include "config.h"

#include "core/bulletin.h"
#include "core/export_impl.h"
#include "core/field.h"
#include "util/duration.h"
#include "util/i18n.h"
#include "util/str.h"
#include "util/strbuf.h"
#include "util/timefmt.h"
#include "util/value.h"
#include "util/xalloc.h"


#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct pb_bulletin *
bulletin_duty(const struct playbook *pb)
{
	/* In order of preference: the emergency report (报告), then any upward one. */
	static const struct {
		enum pb_bulletin_kind kind;
		bool content;
	} pref[] = {{PB_BULLETIN_EMERGENCY, true},
		    {PB_BULLETIN_UPWARD, true},
		    {PB_BULLETIN_EMERGENCY, false},
		    {PB_BULLETIN_UPWARD, false}};

	for (size_t p = 0; p < sizeof(pref) / sizeof(pref[0]); p++)
		for (size_t i = 0; i < playbook_bulletin_count(pb); i++) {
			const struct pb_bulletin *b = playbook_bulletin(pb, i);

			if (b->kind == pref[p].kind && (!pref[p].content || b->n_content))
				return b;
		}
	return NULL;
}

const struct pb_field *
bulletin_field(const struct playbook *pb, const struct pb_item *item)
{
	const struct pb_field *f = playbook_find_field(pb, item->id);

	for (size_t i = 0; !f && i < playbook_field_count(pb); i++)
		if (str_eq(playbook_field(pb, i)->name, item->name))
			f = playbook_field(pb, i);
	return f;
}

/* ---- what the bulletin says ---- */

/* One line of its content: a label from the playbook and the recorded value. */
struct line {
	const char *id, *name;
	const struct pb_field *field;
	char *value;		/* NULL when not recorded */
};

/* A measure taken: a checklist item ticked or skipped. */
struct measure {
	int64_t ms;
	size_t order;
	const struct pb_phase *phase;
	const struct pb_check_item *item;
	const struct item_state *is;
};

/* A contact notified. */
struct notified {
	int64_t ms;
	size_t order;
	const struct pb_contact *c;
	const struct contact_state *cs;
};

struct bulletin {
	const struct incident *st;
	const struct pb_bulletin *duty;
	struct line *lines;
	size_t n_lines;
	struct measure *measures;
	size_t n_measures;
	struct notified *notified;
	size_t n_notified;
	int64_t as_of_ms;
};

static char *
field_value(const struct incident *st, const struct pb_field *f)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i = (size_t)(f - playbook_field(st->pb, 0));

	if (!st->fields[i].set)
		return NULL;
	field_display(st->pb, f, st->fields[i].text, &sb);
	return sb_detach(&sb);
}

static void
add_line(struct bulletin *b, const char *id, const char *name, const struct pb_field *f)
{
	struct line *l = &b->lines[b->n_lines++];

	l->id = id;
	l->name = name;
	l->field = f;
	l->value = f ? field_value(b->st, f) : NULL;
}

/* The duty's content; a duty without one gets the fields marked `report: true`. */
static void
gather_content(struct bulletin *b)
{
	const struct playbook *pb = b->st->pb;

	b->lines = xcalloc(playbook_field_count(pb) + (b->duty ? b->duty->n_content : 0) + 1,
			   sizeof(*b->lines));
	if (b->duty && b->duty->n_content) {
		for (size_t i = 0; i < b->duty->n_content; i++)
			add_line(b, b->duty->content[i].id, b->duty->content[i].name,
				 bulletin_field(pb, &b->duty->content[i]));
		return;
	}
	for (size_t i = 0; i < playbook_field_count(pb); i++) {
		const struct pb_field *f = playbook_field(pb, i);

		if (f->report)
			add_line(b, f->m.id, f->name, f);
	}
}

static int
by_time(int64_t a_ms, size_t a_order, int64_t b_ms, size_t b_order)
{
	if (a_ms != b_ms)
		return a_ms < b_ms ? -1 : 1;
	return a_order < b_order ? -1 : a_order > b_order;
}

static int
measure_cmp(const void *a, const void *b)
{
	const struct measure *x = a, *y = b;

	return by_time(x->ms, x->order, y->ms, y->order);
}

static int
notified_cmp(const void *a, const void *b)
{
	const struct notified *x = a, *y = b;

	return by_time(x->ms, x->order, y->ms, y->order);
}

static void
gather_record(struct bulletin *b)
{
	const struct incident *st = b->st;
	const struct playbook *pb = st->pb;
	size_t n = 0;

	for (size_t p = 0; p < playbook_phase_count(pb); p++)
		n += playbook_phase(pb, p)->n_items;
	b->measures = xcalloc(n + 1, sizeof(*b->measures));
	for (size_t p = 0; p < playbook_phase_count(pb); p++) {
		const struct pb_phase *ph = playbook_phase(pb, p);

		for (size_t i = 0; i < ph->n_items; i++) {
			const struct item_state *is = &st->items[p][i];

			if (is->status == ITEM_OPEN)
				continue;
			b->measures[b->n_measures] = (struct measure){is->ms, b->n_measures, ph,
								      &ph->items[i], is};
			b->n_measures++;
		}
	}
	qsort(b->measures, b->n_measures, sizeof(*b->measures), measure_cmp);
	b->notified = xcalloc(playbook_contact_count(pb) + 1, sizeof(*b->notified));
	for (size_t i = 0; i < playbook_contact_count(pb); i++) {
		if (!st->contacts[i].notified_ms)
			continue;
		b->notified[b->n_notified] = (struct notified){st->contacts[i].notified_ms,
							       b->n_notified, playbook_contact(pb, i),
							       &st->contacts[i]};
		b->n_notified++;
	}
	qsort(b->notified, b->n_notified, sizeof(*b->notified), notified_cmp);
	b->as_of_ms = st->n_entries ? st->entries[st->n_entries - 1].ts_ms : st->opened_ms;
}

static void
gather(struct bulletin *b, const struct incident *st)
{
	memset(b, 0, sizeof(*b));
	b->st = st;
	b->duty = bulletin_duty(st->pb);
	gather_content(b);
	gather_record(b);
}

static void
release(struct bulletin *b)
{
	for (size_t i = 0; i < b->n_lines; i++)
		free(b->lines[i].value);
	free(b->lines);
	free(b->measures);
	free(b->notified);
}

/* The parties of a duty's from or to, by name, comma-separated. */
static void
parties(const struct playbook *pb, const struct pb_refs *refs, struct strbuf *out)
{
	for (size_t i = 0; i < refs->n; i++) {
		const char *name = playbook_party_name(pb, refs->v[i].id, NULL);

		sb_printf(out, "%s%s", i ? ", " : "", name ? name : refs->v[i].id);
	}
}

/* The plan's words for channels and cadences (playbook.h), as people read them. */
static const char *
channel_label(const char *name)
{
	static const char *const labels[][2] = {
		{"phone", N_("phone")},
		{"sms", N_("text message")},
		{"written", N_("in writing")},
		{"verbal", N_("verbally")},
	};

	for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (str_eq(labels[i][0], name))
			return _(labels[i][1]);
	return name;
}

static const char *
cadence_label(enum pb_cadence c)
{
	static const char *const labels[] = {
		[PB_CADENCE_NONE] = "",			  [PB_CADENCE_DAILY] = N_("daily"),
		[PB_CADENCE_WEEKLY] = N_("weekly"),	  [PB_CADENCE_FORTNIGHTLY] = N_("fortnightly"),
		[PB_CADENCE_MONTHLY] = N_("monthly"),	  [PB_CADENCE_QUARTERLY] = N_("quarterly"),
		[PB_CADENCE_YEARLY] = N_("yearly"),
	};

	return c == PB_CADENCE_NONE ? "" : _(labels[c]);
}

/* A duration in the largest unit it is a whole number of: "30 min", "30 d". */
static void
human_duration(int64_t secs, char *buf, size_t n)
{
	if (secs % 86400 == 0)
		snprintf(buf, n, _("%lld d"), (long long)(secs / 86400));
	else if (secs % 3600 == 0)
		snprintf(buf, n, _("%lld h"), (long long)(secs / 3600));
	else if (secs % 60 == 0)
		snprintf(buf, n, _("%lld min"), (long long)(secs / 60));
	else
		snprintf(buf, n, _("%lld s"), (long long)secs);
}

/* How soon the plan wants it: "within 30m", "the same day", "monthly". */
static void
time_limit(const struct pb_bulletin *d, struct strbuf *out)
{
	char buf[32];

	if (d->within) {
		human_duration(d->within, buf, sizeof(buf));
		sb_printf(out, _("within %s"), buf);
	} else if (d->end_of_day) {
		sb_append(out, _("the same day"));
	} else if (d->cadence != PB_CADENCE_NONE) {
		sb_append(out, cadence_label(d->cadence));
	}
}

/* "verbally, then in writing" (先口头后书面). */
static void
channels(const struct pb_bulletin *d, struct strbuf *out)
{
	for (size_t i = 0; i < d->n_channels; i++)
		sb_printf(out, "%s%s", i ? _(", then ") : "",
			  channel_label(pb_channel_name(d->channels[i])));
}

/* ---- JSON ---- */

static struct value *
refs_value(const struct playbook *pb, const struct pb_refs *refs)
{
	struct value *arr = value_arr();

	for (size_t i = 0; i < refs->n; i++) {
		struct value *o = value_push(arr, value_obj());
		const char *name = playbook_party_name(pb, refs->v[i].id, NULL);

		value_set_str(o, "id", refs->v[i].id);
		value_set_str(o, "name", name ? name : refs->v[i].id);
	}
	return arr;
}

static struct value *
time_value(int64_t ms)
{
	char t[40];

	if (!ms)
		return value_null();
	time_format_iso(ms, t, sizeof(t));
	return value_str(t);
}

static struct value *
duty_value(const struct playbook *pb, const struct pb_bulletin *d)
{
	struct value *o = value_obj(), *ch;
	char buf[32];

	value_set_str(o, "id", d->m.id);
	value_set_str(o, "name", d->name);
	value_set_str(o, "kind", pb_bulletin_kind_name(d->kind));
	value_set(o, "source", d->m.source ? value_str(d->m.source) : value_null());
	value_set(o, "note", d->m.note ? value_str(d->m.note) : value_null());
	duration_format(d->within, buf, sizeof(buf));
	value_set(o, "within", d->within ? value_str(buf) : value_null());
	value_set_bool(o, "end_of_day", d->end_of_day);
	value_set(o, "cadence", d->cadence != PB_CADENCE_NONE ? value_str(pb_cadence_name(d->cadence))
							       : value_null());
	ch = value_set(o, "channels", value_arr());
	for (size_t i = 0; i < d->n_channels; i++)
		value_push(ch, value_str(pb_channel_name(d->channels[i])));
	value_set(o, "from", refs_value(pb, &d->from));
	value_set(o, "to", refs_value(pb, &d->to));
	return o;
}

static struct value *
level_value(const struct incident *st)
{
	const struct level_change *c;
	struct value *o;

	if (st->level < 0 || !st->n_level_changes)
		return value_null();
	c = &st->level_changes[st->n_level_changes - 1];
	o = value_obj();
	value_set_str(o, "id", playbook_level(st->pb, (size_t)st->level)->m.id);
	value_set_str(o, "name", playbook_level(st->pb, (size_t)st->level)->name);
	value_set(o, "confirmed_at", time_value(c->ms));
	value_set_str(o, "by", c->by);
	return o;
}

static struct value *
record_value(const struct bulletin *b)
{
	struct value *o = value_obj(), *arr;

	arr = value_set(o, "measures", value_arr());
	for (size_t i = 0; i < b->n_measures; i++) {
		const struct measure *m = &b->measures[i];
		struct value *v = value_push(arr, value_obj());

		value_set_str(v, "phase", m->phase->m.id);
		value_set_str(v, "item", m->item->m.id);
		value_set_str(v, "text", m->item->text);
		value_set_str(v, "status", item_status_name(m->is->status));
		value_set(v, "at", time_value(m->ms));
		value_set_str(v, "by", m->is->by ? m->is->by : "");
		value_set(v, "reason", m->is->reason ? value_str(m->is->reason) : value_null());
	}
	arr = value_set(o, "notified", value_arr());
	for (size_t i = 0; i < b->n_notified; i++) {
		const struct notified *n = &b->notified[i];
		struct value *v = value_push(arr, value_obj());

		value_set_str(v, "contact", n->c->m.id);
		value_set_str(v, "name", n->c->name);
		value_set(v, "at", time_value(n->ms));
		value_set_str(v, "by", n->cs->notified_by ? n->cs->notified_by : "");
		value_set(v, "channel", n->cs->channel ? value_str(n->cs->channel) : value_null());
		value_set(v, "acknowledged", time_value(n->cs->acked_ms));
	}
	return o;
}

/* Whether holders[i] is the one who holds its party now (not handed on since). */
static bool
holds_now(const struct incident *st, size_t i)
{
	return incident_holder(st, st->holders[i].party) == &st->holders[i];
}

static const char *
party_name(const struct incident *st, const char *id)
{
	const char *name = playbook_party_name(st->pb, id, NULL);

	return name ? name : id;
}

static struct value *
roles_value(const struct incident *st)
{
	struct value *arr = value_arr();

	for (size_t i = 0; i < st->n_holders; i++) {
		struct value *o;

		if (!holds_now(st, i))
			continue;
		o = value_push(arr, value_obj());
		value_set_str(o, "party", st->holders[i].party);
		value_set_str(o, "name", party_name(st, st->holders[i].party));
		value_set_str(o, "person", st->holders[i].person);
	}
	return arr;
}

static struct value *
bulletin_value(const struct bulletin *b)
{
	const struct incident *st = b->st;
	const struct pb_phase *ph = incident_phase(st);
	struct value *o = value_obj(), *plan, *content, *rec;
	char pin[100];

	report_head_pin(st, pin, sizeof(pin));
	value_set_str(o, "report", "bulletin");
	value_set_str(o, "head", pin);
	value_set_int(o, "id", st->id);
	value_set_str(o, "title", st->title ? st->title : "");
	value_set_bool(o, "drill", st->drill);
	value_set(o, "as_of", time_value(b->as_of_ms));
	plan = value_set(o, "plan", value_obj());
	value_set_str(plan, "id", playbook_plan(st->pb)->id);
	value_set_str(plan, "title", playbook_plan(st->pb)->title);
	value_set(o, "duty", b->duty ? duty_value(st->pb, b->duty) : value_null());
	content = value_set(o, "content", value_arr());
	for (size_t i = 0; i < b->n_lines; i++) {
		struct value *c = value_push(content, value_obj());

		value_set_str(c, "id", b->lines[i].id);
		value_set_str(c, "name", b->lines[i].name);
		value_set(c, "field", b->lines[i].field ? value_str(b->lines[i].field->m.id)
							: value_null());
		value_set(c, "value", b->lines[i].value ? value_str(b->lines[i].value)
							: value_null());
	}
	value_set(o, "level", level_value(st));
	value_set(o, "phase", ph ? value_str(ph->m.id) : value_null());
	value_set_bool(o, "closed", st->closed);
	rec = record_value(b);
	value_set(o, "measures", value_copy(value_get(rec, "measures")));
	value_set(o, "notified", value_copy(value_get(rec, "notified")));
	value_free(&rec);
	value_set(o, "roles", roles_value(st));
	return o;
}

/* ---- text and Markdown ---- */

/* "label: value" as a line of the header (text) or an item of a list (md). */
static void
pair(struct strbuf *out, bool md, const char *label, const char *value)
{
	sb_append(out, md ? "- " : "");
	report_clean(out, label, md);
	sb_append(out, ": ");
	report_clean(out, value, md);
	sb_append(out, "\n");
}

static void
heading(struct strbuf *out, bool md, const char *text)
{
	sb_append(out, md ? "\n## " : "\n");
	report_clean(out, text, md);
	sb_append(out, md ? "\n\n" : "\n");
}

static void
header_text(const struct bulletin *b, bool md, struct strbuf *out)
{
	const struct incident *st = b->st;
	const struct pb_bulletin *d = b->duty;
	struct strbuf sb = STRBUF_INIT;
	char t[32];

	sb_append(out, md ? "# " : "");
	report_clean(out, d ? d->name : _("Information bulletin"), md);
	sb_printf(out, " — %s %lld%s: ", "incident", (long long)st->id, st->drill ? " [DRILL]" : "");
	report_clean(out, st->title, md);
	sb_append(out, "\n\n");
	sb_append(&sb, playbook_plan(st->pb)->title);
	if (d && d->m.source)
		sb_printf(&sb, " (%s)", d->m.source);
	pair(out, md, _("plan"), sb_str(&sb));
	if (d && d->from.n) {
		sb_reset(&sb);
		parties(st->pb, &d->from, &sb);
		pair(out, md, _("from"), sb_str(&sb));
	}
	if (d && d->to.n) {
		sb_reset(&sb);
		parties(st->pb, &d->to, &sb);
		pair(out, md, _("to"), sb_str(&sb));
	}
	sb_reset(&sb);
	if (d)
		time_limit(d, &sb);
	if (sb.len)
		pair(out, md, _("time limit"), sb_str(&sb));
	sb_reset(&sb);
	if (d)
		channels(d, &sb);
	if (sb.len)
		pair(out, md, _("channels"), sb_str(&sb));
	if (d && d->m.note)
		pair(out, md, _("plan's note"), d->m.note);
	time_format_local(b->as_of_ms, t, sizeof(t));
	pair(out, md, _("as of"), t);
	sb_free(&sb);
}

static void
content_text(const struct bulletin *b, bool md, struct strbuf *out)
{
	heading(out, md, _("Content"));
	if (md) {
		sb_append(out, "| ");
		report_clean(out, _("item"), md);
		sb_append(out, " | ");
		report_clean(out, _("content"), md);
		sb_append(out, " |\n|---|---|\n");
	}
	for (size_t i = 0; i < b->n_lines; i++) {
		sb_append(out, md ? "| " : "  ");
		report_clean(out, b->lines[i].name, md);
		sb_append(out, md ? " | " : ": ");
		/* An item no field of the plan records is for the officer to write in. */
		report_clean(out, b->lines[i].value  ? b->lines[i].value
				  : b->lines[i].field ? _("(not recorded)")
						      : _("(no field records it: write it in)"),
			     md);
		sb_append(out, md ? " |\n" : "\n");
	}
	if (!b->n_lines)
		sb_printf(out, "%s%s\n", md ? "- " : "  ", _("(the plan lists no content)"));
}

static void
state_text(const struct bulletin *b, bool md, struct strbuf *out)
{
	const struct incident *st = b->st;
	const struct pb_phase *ph = incident_phase(st);
	struct strbuf sb = STRBUF_INIT;
	char t[32];

	heading(out, md, _("Situation"));
	if (st->level >= 0 && st->n_level_changes) {
		const struct level_change *c = &st->level_changes[st->n_level_changes - 1];

		time_format_local(c->ms, t, sizeof(t));
		sb_printf(&sb, _("%s (%s), confirmed %s by %s"),
			  playbook_level(st->pb, (size_t)st->level)->name,
			  playbook_level(st->pb, (size_t)st->level)->m.id, t, c->by);
	} else {
		sb_append(&sb, _("not confirmed"));
	}
	pair(out, md, _("level"), sb_str(&sb));
	sb_reset(&sb);
	sb_append(&sb, ph ? ph->title : "-");
	if (st->closed)
		sb_printf(&sb, " (%s)", _("closed"));
	pair(out, md, _("phase"), sb_str(&sb));
	sb_free(&sb);
}

static void
measures_text(const struct bulletin *b, bool md, struct strbuf *out)
{
	char t[32];

	heading(out, md, _("Measures taken"));
	for (size_t i = 0; i < b->n_measures; i++) {
		const struct measure *m = &b->measures[i];

		time_format_local(m->ms, t, sizeof(t));
		sb_printf(out, "%s%s  ", md ? "- " : "  ", t);
		if (m->is->status == ITEM_SKIPPED)
			sb_printf(out, "%s ", _("skipped:"));
		report_clean(out, m->item->text, md);
		if (m->is->reason) {
			sb_append(out, " (");
			report_clean(out, m->is->reason, md);
			sb_append(out, ")");
		}
		sb_append(out, " — ");
		report_clean(out, m->is->by, md);
		sb_append(out, "\n");
	}
	if (!b->n_measures)
		sb_printf(out, "%s%s\n", md ? "- " : "  ", _("none yet"));
}

static void
notified_text(const struct bulletin *b, bool md, struct strbuf *out)
{
	char t[32];

	heading(out, md, _("Notified"));
	for (size_t i = 0; i < b->n_notified; i++) {
		const struct notified *n = &b->notified[i];

		time_format_local(n->ms, t, sizeof(t));
		sb_printf(out, "%s%s  ", md ? "- " : "  ", t);
		report_clean(out, n->c->name, md);
		if (n->cs->channel)
			sb_printf(out, " (%s)", channel_label(n->cs->channel));
		sb_append(out, " — ");
		report_clean(out, n->cs->notified_by, md);
		if (n->cs->acked_ms) {
			time_format_local(n->cs->acked_ms, t, sizeof(t));
			sb_append(out, "; ");
			sb_printf(out, _("acknowledged %s"), t);
		}
		sb_append(out, "\n");
	}
	if (!b->n_notified)
		sb_printf(out, "%s%s\n", md ? "- " : "  ", _("nobody yet"));
}

static void
roles_text(const struct incident *st, bool md, struct strbuf *out)
{
	bool any = false;

	heading(out, md, _("Roles"));
	for (size_t i = 0; i < st->n_holders; i++) {
		if (!holds_now(st, i))
			continue;
		sb_append(out, md ? "- " : "  ");
		report_clean(out, party_name(st, st->holders[i].party), md);
		sb_append(out, ": ");
		report_clean(out, st->holders[i].person, md);
		sb_append(out, "\n");
		any = true;
	}
	if (!any)
		sb_printf(out, "%s%s\n", md ? "- " : "  ", _("none assigned"));
}

void
bulletin_export(const struct incident *st, enum report_format fmt, struct strbuf *out,
		struct value **json)
{
	struct bulletin b;
	bool md = fmt == FORMAT_MD;
	char pin[100];

	*json = NULL;
	gather(&b, st);
	if (fmt == FORMAT_JSON) {
		*json = bulletin_value(&b);
		release(&b);
		return;
	}
	header_text(&b, md, out);
	content_text(&b, md, out);
	state_text(&b, md, out);
	measures_text(&b, md, out);
	notified_text(&b, md, out);
	roles_text(st, md, out);
	report_head_pin(st, pin, sizeof(pin));
	sb_printf(out, md ? "\n---\njournal head `%s`\n" : "\njournal head %s\n", pin);
	release(&b);
}
