/*
 * A readable summary of a playbook (yingji playbook show): every part of the plan,
 * with the clause each item comes from, so that a reviewer can hold it against
 * the document.  All text from the file is sanitized on the way out.
 */
#include "config.h"

#include "core/playbook_show.h"
#include "util/duration.h"
#include "util/strbuf.h"
#include "util/text.h"

#include <stdarg.h>
#include <string.h>

struct show {
	struct strbuf *out;
	const struct playbook *pb;
};

/* Printf where every %s argument is file text: format, then sanitize the whole. */
static void
put(struct show *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
put(struct show *s, const char *fmt, ...)
{
	struct strbuf tmp = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	sb_vprintf(&tmp, fmt, ap);
	va_end(ap);
	text_sanitize(s->out, sb_str(&tmp), TEXT_KEEP_NEWLINES);
	sb_free(&tmp);
}

static const char *
or_empty(const char *s)
{
	return s ? s : "";
}

static void
put_source(struct show *s, const char *source)
{
	if (source)
		put(s, " [%s]", source);
}

static void
put_note(struct show *s, const char *indent, const char *note)
{
	if (note)
		put(s, "%snote: %s\n", indent, note);
}

static const char *
party(const struct show *s, const char *id)
{
	const char *name = playbook_party_name(s->pb, id, NULL);

	return name ? name : or_empty(id);
}

static void
put_party_list(struct show *s, const char *label, const struct pb_refs *refs)
{
	if (!refs->n)
		return;
	put(s, "%s", label);
	for (size_t i = 0; i < refs->n; i++)
		put(s, "%s%s", i ? "、" : "", party(s, refs->v[i].id));
	put(s, "\n");
}

static void
put_duties(struct show *s, const char *indent, const struct pb_strings *duties)
{
	for (size_t i = 0; i < duties->n; i++)
		put(s, "%s- %s\n", indent, duties->v[i]);
}

static void
show_plan(struct show *s)
{
	const struct pb_plan *p = playbook_plan(s->pb);

	put(s, "%s\n", or_empty(p->title));
	put(s, "  id: %s    issuer: %s", or_empty(p->id), or_empty(p->issuer));
	if (p->date)
		put(s, "    date: %s", p->date);
	put(s, "\n");
	if (p->document)
		put(s, "  document: %s\n", p->document);
	if (p->reference)
		put(s, "  reference: %s\n", p->reference);
	if (p->scope)
		put(s, "  scope: %s\n", p->scope);
	put(s, "  file: %s\n", playbook_file(s->pb));
}

static void
show_organisation(struct show *s)
{
	put(s, "\nRoles (%zu)\n", playbook_role_count(s->pb));
	for (size_t i = 0; i < playbook_role_count(s->pb); i++) {
		const struct pb_role *r = playbook_role(s->pb, i);

		put(s, "  %s  %s", r->m.id, r->name);
		if (r->held_by)
			put(s, " — %s", r->held_by);
		if (r->unit.id)
			put(s, " (%s)", party(s, r->unit.id));
		put_source(s, r->m.source);
		put(s, "\n");
		put_duties(s, "      ", &r->duties);
	}
	put(s, "\nUnits (%zu)\n", playbook_unit_count(s->pb));
	for (size_t i = 0; i < playbook_unit_count(s->pb); i++) {
		const struct pb_unit *u = playbook_unit(s->pb, i);

		put(s, "  %s  %s (%s)", u->m.id, u->name, pb_unit_kind_name(u->kind));
		if (u->located_in.id)
			put(s, ", located in %s", party(s, u->located_in.id));
		if (u->parent.id)
			put(s, ", part of %s", party(s, u->parent.id));
		put_source(s, u->m.source);
		put(s, "\n");
		put_duties(s, "      ", &u->duties);
	}
	put(s, "\nGroups (%zu)\n", playbook_group_count(s->pb));
	for (size_t i = 0; i < playbook_group_count(s->pb); i++) {
		const struct pb_group *g = playbook_group(s->pb, i);

		put(s, "  %s  %s", g->m.id, g->name);
		put_source(s, g->m.source);
		put(s, "\n");
		if (g->composition)
			put(s, "      composition: %s\n", g->composition);
		put_party_list(s, "      lead: ", &g->lead);
		put_party_list(s, "      members: ", &g->members);
		put_duties(s, "      ", &g->duties);
	}
}

static void
show_contacts(struct show *s)
{
	put(s, "\nContacts (%zu)\n", playbook_contact_count(s->pb));
	for (size_t i = 0; i < playbook_contact_count(s->pb); i++) {
		const struct pb_contact *c = playbook_contact(s->pb, i);

		put(s, "  %s  %s → %s", c->m.id, c->name, party(s, c->party.id));
		if (c->phone)
			put(s, "  %s%s", c->phone, c->placeholder ? " (placeholder)" : "");
		for (int k = 0, first = 1; k < PB_CHANNEL_COUNT; k++)
			if (c->channels & (1u << k)) {
				put(s, "%s%s", first ? "  via " : ", ", pb_channel_name(k));
				first = 0;
			}
		if (c->hours)
			put(s, "  %s", c->hours);
		put_source(s, c->m.source);
		put(s, "\n");
	}
}

static void
show_categories(struct show *s)
{
	put(s, "\nEvent categories (%zu)\n", playbook_category_count(s->pb));
	for (size_t i = 0; i < playbook_category_count(s->pb); i++) {
		const struct pb_category *c = playbook_category(s->pb, i);

		put(s, "  %s  %s", c->m.id, c->name);
		put_source(s, c->m.source);
		put(s, "\n");
		for (size_t k = 0; k < c->n_subtypes; k++)
			put(s, "      %s  %s\n", c->subtypes[k].m.id, c->subtypes[k].name);
	}
}

static void
show_fields(struct show *s)
{
	put(s, "\nFields (%zu)\n", playbook_field_count(s->pb));
	for (size_t i = 0; i < playbook_field_count(s->pb); i++) {
		const struct pb_field *f = playbook_field(s->pb, i);

		put(s, "  %s  %s  %s", f->m.id, f->name, pb_field_type_name(f->type));
		if (f->unit)
			put(s, " (%s)", f->unit);
		if (f->report)
			put(s, "  *report");
		put_source(s, f->m.source);
		put(s, "\n");
		for (size_t k = 0; k < f->n_choices; k++)
			put(s, "      %s  %s\n", f->choices[k].id, f->choices[k].name);
	}
}

static void
put_cond(struct show *s, const struct pb_cond *c, bool nested)
{
	if (c->kind == PB_COND_COMPARE) {
		const struct pb_field *f = playbook_find_field(s->pb, c->field.id);

		put(s, "%s %s %s", f ? f->name : or_empty(c->field.id), pb_op_name(c->op),
		    or_empty(c->value_text));
		if (f && f->unit)
			put(s, " %s", f->unit);
		return;
	}
	if (nested)
		put(s, "(");
	for (size_t i = 0; i < c->n; i++) {
		if (i)
			put(s, c->kind == PB_COND_ALL ? " and " : " or ");
		put_cond(s, &c->kids[i], true);
	}
	if (nested)
		put(s, ")");
}

static void
show_levels(struct show *s)
{
	put(s, "\nLevels (%zu, most severe first)\n", playbook_level_count(s->pb));
	for (size_t i = 0; i < playbook_level_count(s->pb); i++) {
		const struct pb_level *lv = playbook_level(s->pb, i);

		put(s, "  %s  %s %s (%s)", lv->m.id, or_empty(lv->label), lv->name,
		    pb_colour_name(lv->colour));
		put_source(s, lv->m.source);
		put(s, "\n");
		for (size_t k = 0; k < lv->n_criteria; k++) {
			const struct pb_criterion *c = &lv->criteria[k];

			put(s, "    %s %s %s", c->m.id, c->when ? "[numeric]" : "[ask]", c->text);
			put_source(s, c->m.source);
			put(s, "\n");
			if (c->when) {
				put(s, "        when ");
				put_cond(s, c->when, false);
				put(s, "\n");
			} else {
				put(s, "        ask: %s\n", c->ask);
			}
		}
		if (lv->otherwise)
			put(s, "    otherwise: suggested when no more severe level matches\n");
		for (size_t k = 0; k < lv->notify.n; k++) {
			const struct pb_contact *c = playbook_find_contact(s->pb, lv->notify.v[k].id);

			put(s, "%s%s", k ? "、" : "    notify: ", c ? c->name : lv->notify.v[k].id);
		}
		if (lv->notify.n)
			put(s, "\n");
		put_party_list(s, "    groups: ", &lv->groups);
	}
}

static void
show_warnings(struct show *s)
{
	const struct pb_warnings *w = playbook_warnings(s->pb);

	if (!w->present)
		return;
	put(s, "\nWarnings");
	put_source(s, w->source);
	put(s, "\n");
	if (w->proposed_by.id)
		put(s, "  proposed by: %s\n", party(s, w->proposed_by.id));
	if (w->issued_by.id)
		put(s, "  issued by: %s\n", party(s, w->issued_by.id));
	for (size_t i = 0; i < w->n_levels; i++) {
		const struct pb_warning_level *wl = &w->levels[i];

		put(s, "  %s  %s %s (%s)", wl->m.id, wl->name, or_empty(wl->label),
		    pb_colour_name(wl->colour));
		if (wl->level.id)
			put(s, " ↔ level %s", wl->level.id);
		put_source(s, wl->m.source);
		put(s, "\n");
	}
	for (size_t i = 0; i < w->n_content; i++)
		put(s, "%s%s", i ? "、" : "  a warning carries: ", w->content[i].name);
	if (w->n_content)
		put(s, "\n");
	if (w->has_lift) {
		put(s, "  lifting: %s", or_empty(w->lift_text));
		if (w->lift_by.id)
			put(s, " (by %s)", party(s, w->lift_by.id));
		put_source(s, w->lift_source);
		put(s, "\n");
	}
}

static void
put_met(struct show *s, const struct pb_met *m)
{
	static const char *const kinds[] = {"tick", "leave", "notify", "field"};

	put(s, "met by %s%s%s", kinds[m->kind], m->ref.id ? ":" : "", or_empty(m->ref.id));
}

static void
show_deadline(struct show *s, const struct pb_deadline *dl)
{
	char dur[32];

	duration_format(dl->within, dur, sizeof(dur));
	put(s, "      %s  %s\n        ", dl->m.id, dl->text);
	if (dl->end_of_day)
		put(s, "by the end of the day of ");
	else
		put(s, "within %s of ", dur);
	switch (dl->from.kind) {
	case PB_ANCHOR_FIELD:
		put(s, "field %s", or_empty(dl->from.ref.id));
		break;
	case PB_ANCHOR_PHASE_START:
		put(s, "entering this phase");
		break;
	case PB_ANCHOR_PHASE_END:
		put(s, "the end of phase %s", or_empty(dl->from.ref.id));
		break;
	case PB_ANCHOR_INCIDENT_OPEN:
		put(s, "the incident's opening");
		break;
	}
	put(s, ", ");
	put_met(s, &dl->met);
	if (dl->local)
		put(s, " (local setting)");
	put_source(s, dl->m.source);
	put(s, "\n");
}

static void
show_phase_items(struct show *s, const struct pb_phase *ph)
{
	char dur[32];

	if (ph->n_items)
		put(s, "    checklist:\n");
	for (size_t k = 0; k < ph->n_items; k++) {
		const struct pb_check_item *it = &ph->items[k];

		put(s, "      [%c] %s  %s", it->required ? '*' : ' ', it->m.id, it->text);
		if (it->by.id)
			put(s, " — %s", party(s, it->by.id));
		put_source(s, it->m.source);
		put(s, "\n");
	}
	if (ph->n_deadlines)
		put(s, "    deadlines:\n");
	for (size_t k = 0; k < ph->n_deadlines; k++)
		show_deadline(s, &ph->deadlines[k]);
	if (ph->n_duties)
		put(s, "    repeating duties:\n");
	for (size_t k = 0; k < ph->n_duties; k++) {
		duration_format(ph->duties[k].every, dur, sizeof(dur));
		put(s, "      %s  %s\n        every %s%s, ", ph->duties[k].m.id, ph->duties[k].text,
		    dur, ph->duties[k].local ? " (local setting)" : "");
		put_met(s, &ph->duties[k].met);
		put_source(s, ph->duties[k].m.source);
		put(s, "\n");
	}
}

static void
show_decisions(struct show *s, const struct pb_phase *ph)
{
	for (size_t k = 0; k < ph->n_decisions; k++) {
		const struct pb_decision *dc = &ph->decisions[k];
		const struct pb_phase *to = playbook_find_phase(s->pb, dc->to.id);

		put(s, "      %s  %s → %s", dc->m.id, dc->label, to ? to->title : or_empty(dc->to.id));
		if (!dc->checked)
			put(s, " (no checks)");
		if (dc->reason)
			put(s, " (reason required)");
		put_source(s, dc->m.source);
		put(s, "\n");
		put_party_list(s, "        only by: ", &dc->by);
	}
}

static void
show_phases(struct show *s)
{
	put(s, "\nPhases (%zu)\n", playbook_phase_count(s->pb));
	for (size_t i = 0; i < playbook_phase_count(s->pb); i++) {
		const struct pb_phase *ph = playbook_phase(s->pb, i);

		put(s, "  %zu. %s  %s (%s%s)", i + 1, ph->m.id, ph->title, pb_phase_kind_name(ph->kind),
		    ph->start ? ", start" : "");
		put_source(s, ph->m.source);
		put(s, "\n");
		if (ph->description)
			put(s, "    %s\n", ph->description);
		for (size_t k = 0; k < ph->fields.n; k++) {
			const struct pb_field *f = playbook_find_field(s->pb, ph->fields.v[k].id);

			put(s, "%s%s", k ? "、" : "    requires: ", f ? f->name : ph->fields.v[k].id);
		}
		if (ph->fields.n)
			put(s, "\n");
		if (ph->level_required)
			put(s, "    requires a confirmed level\n");
		show_phase_items(s, ph);
		if (ph->n_decisions)
			put(s, "    decisions:\n");
		show_decisions(s, ph);
		put_note(s, "    ", ph->m.note);
	}
}

static void
show_escalations(struct show *s)
{
	char dur[32];

	if (!playbook_escalation_count(s->pb))
		return;
	put(s, "\nEscalation routes (%zu)\n", playbook_escalation_count(s->pb));
	for (size_t i = 0; i < playbook_escalation_count(s->pb); i++) {
		const struct pb_escalation *e = playbook_escalation(s->pb, i);

		put(s, "  %s  %s\n    at level", e->m.id, e->text);
		for (size_t k = 0; k < e->levels.n; k++)
			put(s, " %s", e->levels.v[k].id);
		put(s, " → ");
		for (size_t k = 0; k < e->to.n; k++) {
			const struct pb_contact *c = playbook_find_contact(s->pb, e->to.v[k].id);

			put(s, "%s%s", k ? (e->stepwise ? " → " : "、") : "", c ? c->name : e->to.v[k].id);
		}
		put(s, e->stepwise ? " (level by level)" : "");
		if (e->within) {
			duration_format(e->within, dur, sizeof(dur));
			put(s, " within %s", dur);
		}
		put_source(s, e->m.source);
		put(s, "\n");
	}
}

static void
put_cadences(struct show *s, const char *label, const enum pb_cadence *v, size_t n)
{
	for (size_t k = 0; k < n; k++)
		put(s, "%s%s", k ? ", " : label, pb_cadence_name(v[k]));
}

static void
show_bulletins(struct show *s)
{
	char dur[32];

	if (!playbook_bulletin_count(s->pb))
		return;
	put(s, "\nReporting duties (%zu)\n", playbook_bulletin_count(s->pb));
	for (size_t i = 0; i < playbook_bulletin_count(s->pb); i++) {
		const struct pb_bulletin *b = playbook_bulletin(s->pb, i);

		put(s, "  %s  %s (%s)", b->m.id, b->name, pb_bulletin_kind_name(b->kind));
		put_source(s, b->m.source);
		put(s, "\n    ");
		if (b->cadence != PB_CADENCE_NONE)
			put(s, "%s", pb_cadence_name(b->cadence));
		put_cadences(s, " or ", b->alternatives, b->n_alternatives);
		put_cadences(s, "; tightened to ", b->tightened, b->n_tightened);
		if (b->within) {
			duration_format(b->within, dur, sizeof(dur));
			put(s, " within %s", dur);
		}
		if (b->end_of_day)
			put(s, " the same day");
		if (b->declared_period)
			put(s, " during declared periods");
		for (size_t k = 0; k < b->n_channels; k++)
			put(s, "%s%s", k ? " then " : "; ", pb_channel_name(b->channels[k]));
		put(s, "\n");
		put_party_list(s, "    from: ", &b->from);
		put_party_list(s, "    to: ", &b->to);
		for (size_t k = 0; k < b->n_content; k++)
			put(s, "    %zu. %s\n", k + 1, b->content[k].name);
	}
}

static void
show_retention(struct show *s)
{
	if (!playbook_retention_count(s->pb))
		return;
	put(s, "\nRecord retention (%zu)\n", playbook_retention_count(s->pb));
	for (size_t i = 0; i < playbook_retention_count(s->pb); i++) {
		const struct pb_retention *r = playbook_retention(s->pb, i);

		put(s, "  %s  %s: %s%s", r->m.id, r->what, r->minimum ? "at least " : "",
		    or_empty(r->keep_text));
		put_source(s, r->m.source);
		put(s, "\n");
	}
}

void
playbook_show(const struct playbook *pb, struct strbuf *out)
{
	struct show s = {out, pb};

	show_plan(&s);
	show_organisation(&s);
	show_contacts(&s);
	show_categories(&s);
	show_fields(&s);
	show_levels(&s);
	show_warnings(&s);
	show_phases(&s);
	show_escalations(&s);
	show_bulletins(&s);
	show_retention(&s);
}
