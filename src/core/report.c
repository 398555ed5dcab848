/*
 * The state of an incident for machines (a value tree: yingji show --json) and
 * for people (yingji show, the handover briefing), and one line per journal
 * entry for timelines.  Times are ISO 8601 UTC in JSON and local time in text.
 */
#include "config.h"

#include "core/contact_book.h"
#include "core/field.h"
#include "core/i18n.h"
#include "core/report.h"
#include "util/duration.h"
#include "util/str.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/timefmt.h"

#include <stdarg.h>
#include <string.h>

/* ---- value helpers ---- */

static void
set_time(struct value *o, const char *key, int64_t ms)
{
	char buf[40];

	if (!ms) {
		value_set(o, key, value_null());
		return;
	}
	time_format_iso(ms, buf, sizeof(buf));
	value_set_str(o, key, buf);
}

static void
set_str_or_null(struct value *o, const char *key, const char *s)
{
	value_set(o, key, s ? value_str(s) : value_null());
}

static const char *
party_name(const struct playbook *pb, const char *id)
{
	const char *n = playbook_party_name(pb, id, NULL);

	return n ? n : id;
}

static struct value *
phases_value(const struct incident *st)
{
	struct value *arr = value_arr();

	for (size_t i = 0; i < st->n_visits; i++) {
		const struct phase_visit *v = &st->visits[i];
		const struct pb_phase *ph = playbook_phase(st->pb, (size_t)v->phase);
		struct value *o = value_push(arr, value_obj());

		value_set_str(o, "id", ph->m.id);
		value_set_str(o, "title", ph->title);
		value_set_str(o, "kind", pb_phase_kind_name(ph->kind));
		set_time(o, "entered_at", v->entered_ms);
		value_set_str(o, "entered_by", v->entered_by);
		set_time(o, "left_at", v->left_ms);
		set_str_or_null(o, "left_by", v->left_by);
		set_str_or_null(o, "decision", v->decision);
		set_str_or_null(o, "reason", v->reason);
	}
	return arr;
}

static struct value *
level_value(const struct playbook *pb, int lv)
{
	const struct pb_level *l;
	struct value *o;

	if (lv < 0)
		return value_null();
	l = playbook_level(pb, (size_t)lv);
	o = value_obj();
	value_set_str(o, "id", l->m.id);
	value_set_str(o, "name", l->name);
	set_str_or_null(o, "label", l->label);
	value_set_str(o, "colour", pb_colour_name(l->colour));
	return o;
}

static struct value *
criteria_value(const struct pb_criterion *const *v, size_t n)
{
	struct value *arr = value_arr();

	for (size_t i = 0; i < n; i++) {
		struct value *o = value_push(arr, value_obj());

		value_set_str(o, "id", v[i]->m.id);
		value_set_str(o, "text", v[i]->text);
		value_set_str(o, "kind", v[i]->ask ? "ask" : "numeric");
		set_str_or_null(o, "source", v[i]->m.source);
	}
	return arr;
}

/* The groups the confirmed level activates, and who leads each. */
static struct value *
groups_value(const struct incident *st)
{
	struct value *arr = value_arr();
	const struct pb_level *lv;

	if (st->level < 0)
		return arr;
	lv = playbook_level(st->pb, (size_t)st->level);
	for (size_t i = 0; i < lv->groups.n; i++) {
		const struct holder *h = incident_holder(st, lv->groups.v[i].id);
		struct value *o = value_push(arr, value_obj());

		value_set_str(o, "id", lv->groups.v[i].id);
		value_set_str(o, "name", party_name(st->pb, lv->groups.v[i].id));
		set_str_or_null(o, "lead", h ? h->person : NULL);
	}
	return arr;
}

static struct value *
level_section(const struct incident *st)
{
	struct value *o = value_obj(), *hist = value_arr(), *sug = value_obj();

	value_set(o, "confirmed", level_value(st->pb, st->level));
	for (size_t i = 0; i < st->n_level_changes; i++) {
		const struct level_change *c = &st->level_changes[i];
		struct value *h = value_push(hist, value_obj());

		value_set_str(h, "level", playbook_level(st->pb, (size_t)c->level)->m.id);
		set_str_or_null(h, "suggested", c->suggested >= 0
			? playbook_level(st->pb, (size_t)c->suggested)->m.id : NULL);
		set_time(h, "at", c->ms);
		value_set_str(h, "by", c->by);
		set_str_or_null(h, "reason", c->reason);
		value_set_int(h, "seq", c->seq);
	}
	value_set(o, "history", hist);
	value_set(sug, "level", level_value(st->pb, st->suggestion.level));
	value_set_bool(sug, "otherwise", st->suggestion.by_otherwise);
	value_set(sug, "matched", criteria_value(st->suggestion.matched, st->suggestion.n_matched));
	value_set(sug, "matched_all",
		  criteria_value(st->suggestion.matched_all, st->suggestion.n_matched_all));
	value_set(o, "suggestion", sug);
	value_set(o, "groups", groups_value(st));
	return o;
}

static struct value *
fields_value(const struct incident *st)
{
	struct value *o = value_obj();

	for (size_t i = 0; i < playbook_field_count(st->pb); i++) {
		const struct pb_field *f = playbook_field(st->pb, i);
		const struct field_value *fv = &st->fields[i];
		struct value *v = value_set(o, f->m.id, value_obj());
		struct strbuf disp = STRBUF_INIT;

		value_set_str(v, "name", f->name);
		value_set_str(v, "type", pb_field_type_name(f->type));
		set_str_or_null(v, "value", fv->set ? fv->text : NULL);
		if (fv->set)
			field_display(st->pb, f, fv->text, &disp);
		set_str_or_null(v, "display", fv->set ? sb_str(&disp) : NULL);
		set_time(v, "recorded_at", fv->set ? fv->ms : 0);
		set_str_or_null(v, "recorded_by", fv->set ? fv->by : NULL);
		sb_free(&disp);
	}
	return o;
}

static struct value *
answers_value(const struct incident *st)
{
	struct value *o = value_obj();

	for (size_t i = 0; i < st->n_criteria; i++) {
		if (!st->criteria[i]->ask)
			continue;
		if (st->answers[i].value == ANSWER_UNKNOWN)
			value_set(o, st->criteria[i]->m.id, value_null());
		else
			value_set_str(o, st->criteria[i]->m.id,
				      st->answers[i].value == ANSWER_YES ? "yes" : "no");
	}
	return o;
}

static struct value *
checklist_value(const struct incident *st)
{
	const struct pb_phase *ph = incident_phase(st);
	struct value *arr = value_arr();

	for (size_t k = 0; ph && k < ph->n_items; k++) {
		const struct pb_check_item *it = &ph->items[k];
		const struct item_state *is = &st->items[st->phase][k];
		struct value *o = value_push(arr, value_obj());

		value_set_str(o, "id", it->m.id);
		value_set_str(o, "text", it->text);
		value_set_bool(o, "required", it->required);
		set_str_or_null(o, "by", it->by.id ? party_name(st->pb, it->by.id) : NULL);
		value_set_str(o, "status", item_status_name(is->status));
		set_time(o, "at", is->status != ITEM_OPEN ? is->ms : 0);
		set_str_or_null(o, "who", is->status != ITEM_OPEN ? is->by : NULL);
		set_str_or_null(o, "reason", is->status != ITEM_OPEN ? is->reason : NULL);
	}
	return arr;
}

static struct value *
decisions_value(const struct incident *st)
{
	const struct pb_phase *ph = incident_phase(st);
	struct value *arr = value_arr();

	for (size_t k = 0; ph && !st->closed && k < ph->n_decisions; k++) {
		struct value *o = value_push(arr, value_obj());

		value_set_str(o, "id", ph->decisions[k].m.id);
		value_set_str(o, "label", ph->decisions[k].label);
		value_set_str(o, "to", ph->decisions[k].to.id);
		value_set_bool(o, "reason_required", ph->decisions[k].reason);
	}
	return arr;
}

static struct value *
clocks_value(const struct incident *st)
{
	struct value *arr = value_arr();

	for (size_t i = 0; i < st->n_clocks; i++) {
		const struct clock_state *c = &st->clocks[i];
		const struct pb_meta *m = c->deadline ? &c->deadline->m : &c->duty->m;
		struct value *o = value_push(arr, value_obj());

		value_set_str(o, "id", m->id);
		value_set_str(o, "kind", c->deadline ? "deadline" : "duty");
		value_set_str(o, "phase", playbook_phase(st->pb, (size_t)c->phase)->m.id);
		value_set_str(o, "text", c->deadline ? c->deadline->text : c->duty->text);
		value_set_str(o, "status", clock_status_name(c->status));
		set_time(o, "anchor", c->anchor_ms);
		set_time(o, "due", c->due_ms);
		set_time(o, "met", c->met_ms);
		if (c->duty)
			value_set_int(o, "met_count", c->met_count);
		value_set_bool(o, "local", c->deadline ? c->deadline->local : c->duty->local);
		set_str_or_null(o, "source", m->source);
	}
	return arr;
}

static struct value *
contacts_value(const struct incident *st)
{
	struct value *arr = value_arr();

	for (size_t i = 0; i < st->n_contact_duties; i++) {
		const struct contact_duty *d = &st->contact_duties[i];
		const struct pb_contact *c = playbook_contact(st->pb, (size_t)d->contact);
		const struct contact_state *cs = &st->contacts[d->contact];
		struct value *o = value_push(arr, value_obj());

		value_set_str(o, "id", c->m.id);
		value_set_str(o, "name", c->name);
		value_set_str(o, "why", d->why);
		set_str_or_null(o, "route", d->route ? d->route->m.id : NULL);
		set_str_or_null(o, "phone", c->phone);
		value_set_bool(o, "placeholder", c->placeholder);
		set_time(o, "notified_at", cs->notified_ms);
		set_str_or_null(o, "notified_by", cs->notified_by);
		set_str_or_null(o, "channel", cs->channel);
		set_time(o, "acknowledged_at", cs->acked_ms);
	}
	return arr;
}

static struct value *
notifications_value(const struct incident *st)
{
	struct value *arr = value_arr();

	for (size_t i = 0; i < playbook_contact_count(st->pb); i++) {
		const struct contact_state *cs = &st->contacts[i];
		struct value *o;

		if (!cs->notified_ms)
			continue;
		o = value_push(arr, value_obj());
		value_set_str(o, "id", playbook_contact(st->pb, i)->m.id);
		value_set_str(o, "name", playbook_contact(st->pb, i)->name);
		set_time(o, "notified_at", cs->notified_ms);
		set_time(o, "last_notified_at", cs->last_notified_ms);
		value_set_int(o, "count", cs->count);
		set_time(o, "acknowledged_at", cs->acked_ms);
	}
	return arr;
}

static struct value *
roles_value(const struct incident *st, bool history)
{
	struct value *arr = value_arr();

	for (size_t i = 0; i < st->n_holders; i++) {
		const struct holder *h = &st->holders[i];
		struct value *o;

		if (!history && incident_holder(st, h->party) != h)
			continue;
		o = value_push(arr, value_obj());
		value_set_str(o, "party", h->party);
		value_set_str(o, "name", party_name(st->pb, h->party));
		value_set_str(o, "person", h->person);
		set_time(o, "since", h->ms);
		value_set_str(o, "by", h->by);
		value_set_bool(o, "handover", h->handover);
		value_set_int(o, "seq", h->seq);
	}
	return arr;
}

static struct value *
head_value(const struct incident *st)
{
	struct value *o = value_obj();
	char hex[2 * ENTRY_HASH_LEN + 1] = "";

	if (st->n_entries)
		entry_hash_hex(st->entries[st->n_entries - 1].hash, hex);
	value_set_int(o, "seq", st->n_entries ? st->entries[st->n_entries - 1].seq : 0);
	value_set_str(o, "hash", hex);
	return o;
}

struct value *
report_state_value(const struct incident *st)
{
	const struct pb_phase *ph = incident_phase(st);
	struct value *o = value_obj(), *plan = value_obj(), *phase = value_obj();

	value_set_int(o, "id", st->id);
	value_set_str(o, "title", st->title ? st->title : "");
	value_set_bool(o, "drill", st->drill);
	value_set_bool(o, "closed", st->closed);
	value_set_str(plan, "id", playbook_plan(st->pb)->id);
	value_set_str(plan, "title", playbook_plan(st->pb)->title);
	set_str_or_null(plan, "hash", st->plan_hash);
	value_set(o, "plan", plan);
	set_time(o, "opened_at", st->opened_ms);
	set_str_or_null(o, "opened_by", st->opened_by);
	set_time(o, "now", st->now_ms);
	set_str_or_null(phase, "id", ph ? ph->m.id : NULL);
	set_str_or_null(phase, "title", ph ? ph->title : NULL);
	set_str_or_null(phase, "kind", ph ? pb_phase_kind_name(ph->kind) : NULL);
	set_time(phase, "entered_at", st->n_visits ? st->visits[st->n_visits - 1].entered_ms : 0);
	value_set(o, "phase", phase);
	value_set(o, "phases", phases_value(st));
	value_set(o, "level", level_section(st));
	value_set(o, "fields", fields_value(st));
	value_set(o, "answers", answers_value(st));
	value_set(o, "checklist", checklist_value(st));
	value_set(o, "decisions", decisions_value(st));
	value_set(o, "deadlines", clocks_value(st));
	value_set(o, "notify", contacts_value(st));
	value_set(o, "notifications", notifications_value(st));
	value_set(o, "roles", roles_value(st, false));
	value_set(o, "role_history", roles_value(st, true));
	value_set(o, "head", head_value(st));
	return o;
}

/* ---- text ---- */

/* Printf, with the whole line sanitized (it carries text from users and files). */
static void
put(struct strbuf *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
put(struct strbuf *out, const char *fmt, ...)
{
	struct strbuf tmp = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	sb_vprintf(&tmp, fmt, ap);
	va_end(ap);
	text_sanitize(out, sb_str(&tmp), TEXT_KEEP_NEWLINES);
	sb_free(&tmp);
}

static const char *
local(int64_t ms, char *buf, size_t n)
{
	if (!ms)
		return "-";
	time_format_local(ms, buf, n);
	return buf;
}

static void
put_remaining(struct strbuf *out, const struct incident *st, const struct clock_state *c)
{
	char dur[32];

	if (c->status == CLOCK_RUNNING) {
		duration_format((c->due_ms - st->now_ms) / 1000, dur, sizeof(dur));
		put(out, _(" (%s left)"), dur);
	} else if (c->status == CLOCK_MISSED) {
		duration_format((st->now_ms - c->due_ms) / 1000, dur, sizeof(dur));
		put(out, _(" (overdue by %s)"), dur);
	}
}

static void
text_clocks(const struct incident *st, struct strbuf *out)
{
	char a[32], b[32];

	if (!st->n_clocks)
		return;
	put(out, "\n%s\n", _("Deadlines"));
	for (size_t i = 0; i < st->n_clocks; i++) {
		const struct clock_state *c = &st->clocks[i];
		const char *id = c->deadline ? c->deadline->m.id : c->duty->m.id;
		const char *text = c->deadline ? c->deadline->text : c->duty->text;

		put(out, "  %-8s %s  %s\n", _(clock_status_name(c->status)), id, text);
		if (c->status == CLOCK_PENDING) {
			put(out, "           %s\n", _("not started yet"));
			continue;
		}
		put(out, _("           due %s"), local(c->due_ms, a, sizeof(a)));
		if (c->met_ms)
			put(out, _(", met %s"), local(c->met_ms, b, sizeof(b)));
		put_remaining(out, st, c);
		put(out, "\n");
	}
}

static void
text_checklist(const struct incident *st, struct strbuf *out)
{
	const struct pb_phase *ph = incident_phase(st);
	char t[32];

	if (!ph || !ph->n_items)
		return;
	put(out, _("\nChecklist (%s)\n"), ph->title);
	for (size_t k = 0; k < ph->n_items; k++) {
		const struct pb_check_item *it = &ph->items[k];
		const struct item_state *is = &st->items[st->phase][k];
		const char *mark = is->status == ITEM_TICKED ? "[x]"
				   : is->status == ITEM_SKIPPED ? "[-]"
								: "[ ]";

		put(out, "  %s %s  %s%s", mark, it->m.id, it->text, it->required ? "" : _(" (optional)"));
		if (it->by.id)
			put(out, " — %s", party_name(st->pb, it->by.id));
		put(out, "\n");
		if (is->status != ITEM_OPEN)
			put(out, _("        %s by %s at %s%s%s\n"), _(item_status_name(is->status)), is->by,
			    local(is->ms, t, sizeof(t)), is->reason ? ": " : "",
			    is->reason ? is->reason : "");
	}
}

static void
text_fields(const struct incident *st, struct strbuf *out)
{
	bool any = false;

	for (size_t i = 0; i < playbook_field_count(st->pb); i++) {
		const struct pb_field *f = playbook_field(st->pb, i);
		struct strbuf disp = STRBUF_INIT;

		if (!st->fields[i].set)
			continue;
		if (!any)
			put(out, "%s", _("\nFields\n"));
		any = true;
		field_display(st->pb, f, st->fields[i].text, &disp);
		put(out, "  %s (%s): %s\n", f->name, f->m.id, sb_str(&disp));
		sb_free(&disp);
	}
}

static void
text_level(const struct incident *st, struct strbuf *out)
{
	const struct level_suggestion *s = &st->suggestion;

	put(out, "%s", _("Level: "));
	if (st->level >= 0)
		put(out, "%s %s", playbook_level(st->pb, (size_t)st->level)->m.id,
		    playbook_level(st->pb, (size_t)st->level)->name);
	else
		put(out, "%s", _("not confirmed"));
	if (s->level >= 0) {
		put(out, _("; suggested %s"), playbook_level(st->pb, (size_t)s->level)->m.id);
		if (s->by_otherwise)
			put(out, "%s", _(" (no more severe criterion matched)"));
		for (size_t i = 0; i < s->n_matched; i++)
			put(out, "%s%s", i ? ", " : _(" because "), s->matched[i]->m.id);
	}
	put(out, "\n");
}

/* The people of the local contacts file (`book`, may be NULL) go under their posts. */
static void
text_contacts(const struct incident *st, const struct contact_book *book, struct strbuf *out)
{
	char t[32];

	if (!st->n_contact_duties)
		return;
	put(out, "\n%s\n", _("Notify"));
	for (size_t i = 0; i < st->n_contact_duties; i++) {
		const struct contact_duty *d = &st->contact_duties[i];
		const struct pb_contact *c = playbook_contact(st->pb, (size_t)d->contact);
		const struct contact_state *cs = &st->contacts[d->contact];
		const struct cb_entry *who = contact_book_find(book, st, c->m.id);

		put(out, "  [%s] %s  %s", cs->acked_ms ? "ack" : cs->notified_ms ? "sent" : "   ",
		    c->m.id, c->name);
		if (cs->notified_ms)
			put(out, _(" — notified %s by %s"), local(cs->notified_ms, t, sizeof(t)),
			    cs->notified_by);
		put(out, "\n");
		if (who) {
			put(out, "        ");
			contact_book_line(who, out);
			put(out, "\n");
		}
	}
}

static void
text_roles(const struct incident *st, struct strbuf *out)
{
	bool any = false;

	for (size_t i = 0; i < st->n_holders; i++) {
		const struct holder *h = &st->holders[i];

		if (incident_holder(st, h->party) != h)
			continue;
		if (!any)
			put(out, "\n%s\n", _("Roles"));
		any = true;
		put(out, "  %s: %s\n", party_name(st->pb, h->party), h->person);
	}
}

static void
text_head(const struct incident *st, struct strbuf *out)
{
	char hex[2 * ENTRY_HASH_LEN + 1] = "";

	if (!st->n_entries)
		return;
	entry_hash_hex(st->entries[st->n_entries - 1].hash, hex);
	put(out, _("\nJournal head: %lld:%s\n"), (long long)st->entries[st->n_entries - 1].seq, hex);
}

void
report_state_text(const struct incident *st, const struct contact_book *book, struct strbuf *out)
{
	const struct pb_phase *ph = incident_phase(st);
	char t[32];

	put(out, _("Incident %lld%s: %s\n"), (long long)st->id, st->drill ? _(" [DRILL]") : "",
	    st->title ? st->title : "");
	put(out, _("Plan: %s\n"), playbook_plan(st->pb)->title);
	put(out, _("Opened: %s by %s\n"), local(st->opened_ms, t, sizeof(t)),
	    st->opened_by ? st->opened_by : "");
	put(out, _("Phase: %s %s%s\n"), ph ? ph->m.id : "-", ph ? ph->title : "",
	    st->closed ? _(" (closed)") : "");
	text_level(st, out);
	text_fields(st, out);
	text_checklist(st, out);
	if (ph && !st->closed && ph->n_decisions) {
		put(out, "\n%s\n", _("Decisions"));
		for (size_t k = 0; k < ph->n_decisions; k++)
			put(out, "  %s  %s → %s\n", ph->decisions[k].m.id, ph->decisions[k].label,
			    ph->decisions[k].to.id);
	}
	text_clocks(st, out);
	text_contacts(st, book, out);
	text_roles(st, out);
	text_head(st, out);
}

/*
 * The actions a briefing lists, the most recent: it is read at a shift
 * change, and is recorded in the handover entry, so it must not grow with
 * the incident (a long one has thousands of actions: the timeline has them).
 */
enum { BRIEFING_ACTIONS = 40 };

void
report_briefing(const struct incident *st, struct strbuf *out)
{
	const struct pb_phase *ph = incident_phase(st);
	char t[32];
	size_t open = 0, actions = 0;

	put(out, _("BRIEFING — incident %lld: %s\n"), (long long)st->id, st->title ? st->title : "");
	put(out, _("At %s, phase %s (%s). "), local(st->now_ms, t, sizeof(t)), ph ? ph->title : "-",
	    ph ? ph->m.id : "-");
	text_level(st, out);
	text_fields(st, out);
	put(out, "\n%s\n", _("Actions so far"));
	for (size_t i = 0; i < st->n_entries; i++)
		actions += st->entries[i].kind != ENTRY_NOTE && st->entries[i].kind != ENTRY_SET;
	if (actions > BRIEFING_ACTIONS)
		put(out, _("  (%zu earlier actions: see the timeline)\n"), actions - BRIEFING_ACTIONS);
	for (size_t i = 0; i < st->n_entries; i++) {
		if (st->entries[i].kind == ENTRY_NOTE || st->entries[i].kind == ENTRY_SET ||
		    actions-- > BRIEFING_ACTIONS)
			continue;
		put(out, "  %s %s: ", local(st->entries[i].ts_ms, t, sizeof(t)),
		    st->entries[i].operator_name);
		report_entry_line(st->pb, &st->entries[i], out);
		put(out, "\n");
	}
	put(out, "\n%s\n", _("Open items"));
	for (size_t k = 0; ph && k < ph->n_items; k++)
		if (st->items[st->phase][k].status == ITEM_OPEN) {
			put(out, "  [ ] %s  %s\n", ph->items[k].m.id, ph->items[k].text);
			open++;
		}
	if (!open)
		put(out, "  %s\n", _("none"));
	text_clocks(st, out);
	text_roles(st, out);
	text_head(st, out);
}
