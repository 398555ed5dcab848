/*
 * Requests become journal entries or refusals.  Every guard comes from the
 * playbook: required fields and checklist items of the phase (or a skip with a
 * reason), a confirmed level where the phase asks for one, a reason where the
 * decision asks for one (潞城 4.1.2: a false alarm is closed with a reason),
 * and who may take a decision (潞城 4.5: 谁提出、谁结束).
 */
#include "config.h"

#include "core/field.h"
#include "core/i18n.h"
#include "core/report.h"
#include "core/request.h"
#include "util/str.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static enum yj_status
refuse(struct strbuf *why, enum yj_status st, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static enum yj_status
refuse(struct strbuf *why, enum yj_status st, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sb_vprintf(why, fmt, ap);
	va_end(ap);
	return st;
}

static bool
is_blank(const char *s)
{
	if (!s)
		return true;
	for (; *s; s++)
		if (!strchr(" \t\n\r", *s))
			return false;
	return true;
}

/* ---- fields and answers ---- */

static const char *
suggest_key(const struct playbook *pb, const char *key)
{
	size_t nf = playbook_field_count(pb), n = 0;
	const char **names = xcalloc(nf + 1, sizeof(*names));
	const char *hint;

	for (size_t i = 0; i < nf; i++)
		names[n++] = playbook_field(pb, i)->m.id;
	hint = str_suggest(key, names);
	free(names);
	return hint;
}

/* The criterion with a yes/no question named `key`, or NULL. */
static const struct pb_criterion *
find_ask(const struct playbook *pb, const char *key)
{
	const struct pb_criterion *c = playbook_find_criterion(pb, key, NULL);

	return c && c->ask ? c : NULL;
}

/* Category first, so that a sub-type in the same request can be checked against it. */
static int
kv_order(const struct playbook *pb, const struct kv *kv)
{
	const struct pb_field *f = playbook_find_field(pb, kv->key);

	return f && f->type == PB_FIELD_CATEGORY ? 0 : 1;
}

static enum yj_status
add_field(const struct playbook *pb, const struct kv *kv, const char **category,
	  struct value *fields, struct value *answers, struct strbuf *why)
{
	const struct pb_field *f = playbook_find_field(pb, kv->key);
	struct strbuf norm = STRBUF_INIT;
	double num;
	int a;

	if (!f) {
		const char *hint;

		if (find_ask(pb, kv->key)) {
			if (!field_parse_answer(kv->value, &a))
				return refuse(why, YJ_ERR_DATA, _("%s: answer yes or no, not '%s'"),
					      kv->key, kv->value);
			value_set_str(answers, kv->key, a < 0 ? "" : a ? "yes" : "no");
			return YJ_OK;
		}
		if (playbook_find_criterion(pb, kv->key, NULL))
			return refuse(why, YJ_ERR_DATA, _("criterion '%s' is numeric: record its facts "
							"instead"), kv->key);
		hint = suggest_key(pb, kv->key);
		if (hint)
			return refuse(why, YJ_ERR_DATA, _("unknown field '%s' (did you mean '%s'?)"),
				      kv->key, hint);
		return refuse(why, YJ_ERR_DATA, _("unknown field '%s' (see 'yingji playbook show')"),
			      kv->key);
	}
	if (!*kv->value) {
		value_set_str(fields, f->m.id, "");	/* clears the field */
		return YJ_OK;
	}
	if (!field_parse(pb, f, kv->value, *category, &norm, &num, why)) {
		sb_free(&norm);
		return YJ_ERR_DATA;
	}
	value_set_str(fields, f->m.id, sb_str(&norm));
	if (f->type == PB_FIELD_CATEGORY)
		*category = value_get_str(fields, f->m.id);
	sb_free(&norm);
	return YJ_OK;
}

static enum yj_status
build_fields(const struct playbook *pb, const char *category, const struct kv *kv, size_t n,
	     struct value *payload, struct strbuf *why)
{
	struct value *fields = value_obj(), *answers = value_obj();
	enum yj_status rc = YJ_OK;

	for (int pass = 0; pass < 2 && rc == YJ_OK; pass++)
		for (size_t i = 0; i < n && rc == YJ_OK; i++)
			if (kv_order(pb, &kv[i]) == pass)
				rc = add_field(pb, &kv[i], &category, fields, answers, why);
	if (value_len(fields))
		value_set(payload, "fields", fields);
	else
		value_free(&fields);
	if (value_len(answers))
		value_set(payload, "answers", answers);
	else
		value_free(&answers);
	return rc;
}

enum yj_status
request_open(const struct playbook *pb, const char *plan_hash, const char *title, bool drill,
	     const struct kv *kv, size_t n_kv, struct value **payload, struct strbuf *why)
{
	return request_open_with(pb, plan_hash, title, drill, kv, n_kv, NULL, payload, why);
}

/* Copy the members of `extra` that request_open() does not write itself. */
static void
add_extra(struct value *p, const struct value *extra)
{
	for (size_t i = 0; i < value_len(extra); i++)
		if (!value_get(p, value_key_at(extra, i)))
			value_set(p, value_key_at(extra, i), value_copy(value_at(extra, i)));
}

enum yj_status
request_open_with(const struct playbook *pb, const char *plan_hash, const char *title,
		  bool drill, const struct kv *kv, size_t n_kv, const struct value *extra,
		  struct value **payload, struct strbuf *why)
{
	struct value *p = value_obj();
	enum yj_status rc;

	*payload = NULL;
	if (is_blank(title)) {
		value_free(&p);
		return refuse(why, YJ_ERR_DATA, _("the report needs a title (--title TEXT)"));
	}
	if (!playbook_start_phase(pb)) {
		value_free(&p);
		return refuse(why, YJ_ERR_DATA, _("the playbook has no start phase"));
	}
	value_set_str(p, "title", title);
	value_set_str(p, "plan_id", playbook_plan(pb)->id);
	value_set_str(p, "plan_hash", plan_hash);
	value_set_bool(p, "drill", drill);
	rc = build_fields(pb, NULL, kv, n_kv, p, why);
	if (rc != YJ_OK) {
		value_free(&p);
		return rc;
	}
	add_extra(p, extra);
	*payload = p;
	return YJ_OK;
}

static const char *
current_category(const struct incident *st)
{
	const struct pb_field *cf = field_category_field(st->pb);

	for (size_t i = 0; cf && i < playbook_field_count(st->pb); i++)
		if (playbook_field(st->pb, i) == cf && st->fields[i].set)
			return st->fields[i].text;
	return NULL;
}

static enum yj_status
req_set(const struct incident *st, const struct request *rq, struct value *p, struct strbuf *why)
{
	if (!rq->n_kv)
		return refuse(why, YJ_ERR_DATA, _("nothing to record: give FIELD=VALUE"));
	return build_fields(st->pb, current_category(st), rq->kv, rq->n_kv, p, why);
}

/* ---- checklist ---- */

static int
item_in_phase(const struct pb_phase *ph, const char *id)
{
	for (size_t k = 0; id && k < ph->n_items; k++)
		if (str_eq(ph->items[k].m.id, id))
			return (int)k;
	return -1;
}

static enum yj_status
unknown_item(const struct incident *st, const char *id, struct strbuf *why)
{
	const struct pb_phase *cur = incident_phase(st);

	for (size_t p = 0; p < playbook_phase_count(st->pb); p++)
		if (item_in_phase(playbook_phase(st->pb, p), id) >= 0)
			return refuse(why, YJ_ERR_REFUSED,
				      _("checklist item '%s' belongs to phase '%s', not to the current "
				      "phase '%s'"), id, playbook_phase(st->pb, p)->m.id, cur->m.id);
	sb_printf(why, _("phase '%s' has no checklist item '%s'"), cur->m.id, id);
	for (size_t k = 0; k < cur->n_items; k++)
		sb_printf(why, "%s%s", k ? ", " : _("; its items: "), cur->items[k].m.id);
	return YJ_ERR_DATA;
}

static enum yj_status
req_tick(const struct incident *st, const struct request *rq, struct value *p, struct strbuf *why)
{
	const struct pb_phase *ph = incident_phase(st);
	int k = item_in_phase(ph, rq->item);
	const struct item_state *is;
	static const char *const actions[] = {"tick", "skip", "untick"};

	if (k < 0)
		return unknown_item(st, rq->item ? rq->item : "", why);
	is = &st->items[st->phase][k];
	if (rq->tick == TICK_DO && is->status == ITEM_TICKED)
		return refuse(why, YJ_ERR_REFUSED, _("'%s' is already ticked (by %s)"), rq->item,
			      is->by);
	if (rq->tick == TICK_SKIP && is->status == ITEM_SKIPPED)
		return refuse(why, YJ_ERR_REFUSED, _("'%s' is already skipped (by %s)"), rq->item,
			      is->by);
	if (rq->tick == TICK_UNDO && is->status == ITEM_OPEN)
		return refuse(why, YJ_ERR_REFUSED, _("'%s' is not ticked; nothing to undo"), rq->item);
	if (rq->tick == TICK_SKIP && is_blank(rq->reason))
		return refuse(why, YJ_ERR_REFUSED, _("skipping '%s' needs a reason (--reason TEXT)"),
			      rq->item);
	value_set_str(p, "phase", ph->m.id);
	value_set_str(p, "item", rq->item);
	value_set_str(p, "action", actions[rq->tick]);
	if (!is_blank(rq->reason))
		value_set_str(p, "reason", rq->reason);
	return YJ_OK;
}

/* ---- decisions ---- */

/* Whether a decision applies at the confirmed level (no `levels`: at any). */
static bool
applies_at_level(const struct incident *st, const struct pb_decision *dc)
{
	const char *cur = st->level >= 0 ? playbook_level(st->pb, (size_t)st->level)->m.id : NULL;

	for (size_t i = 0; i < dc->levels.n; i++)
		if (str_eq(dc->levels.v[i].id, cur))
			return true;
	return dc->levels.n == 0;
}

/* The named decision, or without a name the only one that applies at this level. */
static const struct pb_decision *
pick_decision(const struct incident *st, const char *id, struct strbuf *why)
{
	const struct pb_phase *ph = incident_phase(st);
	const struct pb_decision *only = NULL;
	size_t n = 0;

	for (size_t k = 0; k < ph->n_decisions; k++) {
		if (id && str_eq(ph->decisions[k].m.id, id))
			return &ph->decisions[k];
		if (!id && applies_at_level(st, &ph->decisions[k])) {
			only = &ph->decisions[k];
			n++;
		}
	}
	if (!id && n == 1)
		return only;
	if (id)
		sb_printf(why, _("phase '%s' has no decision '%s'; choose one of:"), ph->m.id, id);
	else
		sb_printf(why, _("phase '%s' has %zu decisions; choose one of:"), ph->m.id,
			  ph->n_decisions);
	for (size_t k = 0; k < ph->n_decisions; k++)
		sb_printf(why, " %s (%s)", ph->decisions[k].m.id, ph->decisions[k].label);
	return NULL;
}

/* ---- guards: what is missing, as a list ---- */

void
request_refusal_clear(struct request_refusal *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->gaps[i].id);
		free(r->gaps[i].label);
		free(r->gaps[i].text);
	}
	free(r->gaps);
	free(r->decision);
	free(r->decision_label);
	memset(r, 0, sizeof(*r));
}

void
request_refusal_text(const struct request_refusal *r, struct strbuf *out)
{
	sb_printf(out, _("cannot take '%s' (%s): "), r->decision, r->decision_label);
	for (size_t i = 0; i < r->n; i++)
		sb_printf(out, "%s%s", i ? _("; ") : "", r->gaps[i].text);
}

/* One more thing missing; `fmt` makes its line. */
static void gap(struct request_refusal *r, enum request_gap_kind kind, const char *id,
		const char *label, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void
gap(struct request_refusal *r, enum request_gap_kind kind, const char *id, const char *label,
    const char *fmt, ...)
{
	struct request_gap *g;
	struct strbuf text = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	sb_vprintf(&text, fmt, ap);
	va_end(ap);
	r->gaps = xrealloc(r->gaps, (r->n + 1) * sizeof(*r->gaps));
	g = &r->gaps[r->n++];
	g->kind = kind;
	g->id = id ? xstrdup(id) : NULL;
	g->label = label ? xstrdup(label) : NULL;
	g->text = xstrdup(sb_str(&text));
	sb_free(&text);
}

static void
check_phase_done(const struct incident *st, struct request_refusal *r)
{
	const struct pb_phase *ph = incident_phase(st);

	for (size_t i = 0; i < ph->fields.n; i++) {
		const struct pb_field *f = playbook_find_field(st->pb, ph->fields.v[i].id);

		for (size_t k = 0; f && k < playbook_field_count(st->pb); k++)
			if (playbook_field(st->pb, k) == f && !st->fields[k].set)
				gap(r, GAP_FIELD, f->m.id, f->name, _("field %s (%s) is not recorded"),
				    f->m.id, f->name);
	}
	for (size_t k = 0; k < ph->n_items; k++)
		if (ph->items[k].required && st->items[st->phase][k].status == ITEM_OPEN)
			gap(r, GAP_ITEM, ph->items[k].m.id, ph->items[k].text,
			    _("checklist item %s (%s) is not ticked or skipped"), ph->items[k].m.id,
			    ph->items[k].text);
	if (ph->level_required && st->level < 0)
		gap(r, GAP_LEVEL, NULL, NULL, "%s",
		    _("the level is not confirmed (yingji level ID LEVEL)"));
}

static void
check_by(const struct incident *st, const struct pb_decision *dc, const char *op,
	 struct request_refusal *r)
{
	struct strbuf who = STRBUF_INIT;
	const char *first;

	if (!dc->by.n)
		return;
	for (size_t i = 0; i < dc->by.n; i++) {
		const struct holder *h = incident_holder(st, dc->by.v[i].id);
		const char *name = playbook_party_name(st->pb, dc->by.v[i].id, NULL);

		if (h && str_eq(h->person, op)) {
			sb_free(&who);
			return;
		}
		/* TRANSLATORS: " or " or nothing, a role, and who holds it. */
		sb_printf(&who, _("%s%s (%s)"), i ? _(" or ") : "", name ? name : dc->by.v[i].id,
			  h ? h->person : _("not assigned"));
	}
	first = playbook_party_name(st->pb, dc->by.v[0].id, NULL);
	gap(r, GAP_PARTY, dc->by.v[0].id, first ? first : dc->by.v[0].id,
	    _("only %s may take this decision, and you are %s"), sb_str(&who), op);
	sb_free(&who);
}

/*
 * A decision meant for some levels only (e.g. 重大 → 直接报领导小组办公室): its
 * id is the levels' ids, its label their names.
 */
static void
check_levels(const struct incident *st, const struct pb_decision *dc, struct request_refusal *r)
{
	struct strbuf ids = STRBUF_INIT, names = STRBUF_INIT;
	const char *cur = st->level >= 0 ? playbook_level(st->pb, (size_t)st->level)->m.id : NULL;

	if (!dc->levels.n || applies_at_level(st, dc))
		return;
	for (size_t i = 0; i < dc->levels.n; i++) {
		int lv = playbook_level_index(st->pb, dc->levels.v[i].id);

		sb_printf(&ids, "%s%s", i ? ", " : "", dc->levels.v[i].id);
		sb_printf(&names, "%s%s", i ? _(", ") : "",
			  lv >= 0 ? playbook_level(st->pb, (size_t)lv)->name : dc->levels.v[i].id);
	}
	if (cur)
		gap(r, GAP_LEVEL_FIT, sb_str(&ids), sb_str(&names),
		    _("it applies at level %s, and the confirmed level is %s"), sb_str(&ids), cur);
	else
		gap(r, GAP_LEVEL_FIT, sb_str(&ids), sb_str(&names),
		    _("it applies at level %s, and no level is confirmed"), sb_str(&ids));
	sb_free(&ids);
	sb_free(&names);
}

/* An incident is not closed while contacts its level calls for were never notified. */
static void
check_notified(const struct incident *st, const struct pb_decision *dc, struct request_refusal *r)
{
	const struct pb_phase *to = playbook_find_phase(st->pb, dc->to.id);

	if (!to || to->kind != PB_PHASE_CLOSED)
		return;
	for (size_t i = 0; i < st->n_contact_duties; i++) {
		const struct pb_contact *c =
			playbook_contact(st->pb, (size_t)st->contact_duties[i].contact);

		if (!st->contacts[st->contact_duties[i].contact].notified_ms)
			gap(r, GAP_CONTACT, c->m.id, c->name, _("%s (%s) has not been notified"),
			    c->m.id, c->name);
	}
}

/* Every guard of decision `dc` now, in the order the command line has always named them. */
static void
check_decision(const struct incident *st, const struct pb_decision *dc, const struct request *rq,
	       struct request_refusal *r)
{
	r->decision = xstrdup(dc->m.id);
	r->decision_label = xstrdup(dc->label);
	check_levels(st, dc, r);
	if (dc->checked) {
		check_phase_done(st, r);
		check_notified(st, dc, r);
	}
	if (dc->reason && is_blank(rq->reason))
		gap(r, GAP_REASON, dc->m.id, dc->label, _("'%s' needs a reason%s"), dc->m.id,
		    " (--reason TEXT)");
	check_by(st, dc, rq->operator_name, r);
}

static enum yj_status
req_advance(const struct incident *st, const struct request *rq, struct value *p,
	    struct strbuf *why)
{
	const struct pb_phase *ph = incident_phase(st);
	const struct pb_decision *dc = pick_decision(st, rq->decision, why);
	struct request_refusal r = {0};

	if (!dc)
		return YJ_ERR_DATA;
	check_decision(st, dc, rq, &r);
	if (r.n) {
		request_refusal_text(&r, why);
		if (rq->refusal)
			*rq->refusal = r;
		else
			request_refusal_clear(&r);
		return YJ_ERR_REFUSED;
	}
	request_refusal_clear(&r);
	value_set_str(p, "from", ph->m.id);
	value_set_str(p, "decision", dc->m.id);
	value_set_str(p, "to", dc->to.id);
	if (!is_blank(rq->reason))
		value_set_str(p, "reason", rq->reason);
	return YJ_OK;
}

/* ---- level, contacts, people ---- */

static enum yj_status
req_level(const struct incident *st, const struct request *rq, struct value *p,
	  struct strbuf *why)
{
	int lv = playbook_level_index(st->pb, rq->level);
	int sug = st->suggestion.level;

	if (lv < 0) {
		sb_printf(why, _("unknown level '%s'; levels:"), rq->level ? rq->level : "");
		for (size_t i = 0; i < playbook_level_count(st->pb); i++)
			sb_printf(why, " %s (%s)", playbook_level(st->pb, i)->m.id,
				  playbook_level(st->pb, i)->name);
		return YJ_ERR_DATA;
	}
	if (lv == st->level)
		return refuse(why, YJ_ERR_REFUSED, _("level %s is already the confirmed level"),
			      rq->level);
	if (lv != sug && is_blank(rq->reason))
		return refuse(why, YJ_ERR_REFUSED,
			      _("level %s differs from the suggested level %s: give a reason "
			      "(--reason TEXT)"),
			      rq->level, sug >= 0 ? playbook_level(st->pb, (size_t)sug)->m.id : "(none)");
	value_set_str(p, "level", playbook_level(st->pb, (size_t)lv)->m.id);
	if (sug >= 0)
		value_set_str(p, "suggested", playbook_level(st->pb, (size_t)sug)->m.id);
	if (st->level >= 0)
		value_set_str(p, "previous", playbook_level(st->pb, (size_t)st->level)->m.id);
	if (!is_blank(rq->reason))
		value_set_str(p, "reason", rq->reason);
	return YJ_OK;
}

static int
find_contact(const struct playbook *pb, const char *id)
{
	for (size_t i = 0; id && i < playbook_contact_count(pb); i++) {
		const struct pb_contact *c = playbook_contact(pb, i);

		if (str_eq(c->m.id, id) || str_eq(c->name, id))
			return (int)i;
	}
	return -1;
}

/*
 * 天津 第24条: general incidents are reported level by level.  On a stepwise route
 * that applies now, a contact is notified only after the one before it.
 */
static bool
stepwise_blocked(const struct incident *st, int ci, struct strbuf *why)
{
	const char *id = playbook_contact(st->pb, (size_t)ci)->m.id;

	for (size_t i = 0; i < st->n_contact_duties; i++) {
		const struct pb_escalation *e = st->contact_duties[i].route;

		if (!e || !e->stepwise)
			continue;
		for (size_t k = 1; k < e->to.n; k++) {
			const struct pb_contact *prev = playbook_find_contact(st->pb, e->to.v[k - 1].id);
			int pi = find_contact(st->pb, e->to.v[k - 1].id);

			if (!str_eq(e->to.v[k].id, id) || pi < 0 || st->contacts[pi].notified_ms)
				continue;
			sb_printf(why, _("%s is reported level by level (%s): notify %s (%s) first"),
				  id, e->m.id, prev->m.id, prev->name);
			return true;
		}
	}
	return false;
}

static enum yj_status
req_notify(const struct incident *st, const struct request *rq, struct value *p,
	   struct strbuf *why)
{
	static const char *const channels[] = {"phone", "sms", "written", "verbal"};
	int ci = find_contact(st->pb, rq->contact);
	bool ok = !rq->channel;

	if (ci < 0)
		return refuse(why, YJ_ERR_DATA, _("unknown contact '%s' (see 'yingji playbook show')"),
			      rq->contact ? rq->contact : "");
	for (size_t i = 0; rq->channel && i < 4; i++)
		ok |= str_eq(rq->channel, channels[i]);
	if (!ok)
		return refuse(why, YJ_ERR_DATA, _("unknown channel '%s' (phone, sms, written or "
						"verbal)"), rq->channel);
	if (!rq->ack && !st->contacts[ci].notified_ms && stepwise_blocked(st, ci, why))
		return YJ_ERR_REFUSED;
	if (rq->ack && !st->contacts[ci].notified_ms)
		return refuse(why, YJ_ERR_REFUSED, _("%s has not been notified yet; record the "
						   "notification first"),
			      playbook_contact(st->pb, (size_t)ci)->name);
	if (rq->ack && st->contacts[ci].acked_ms)
		return refuse(why, YJ_ERR_REFUSED, _("%s has already acknowledged"),
			      playbook_contact(st->pb, (size_t)ci)->name);
	value_set_str(p, "contact", playbook_contact(st->pb, (size_t)ci)->m.id);
	value_set_str(p, "action", rq->ack ? "acknowledged" : "notified");
	value_set_str(p, "channel", rq->channel);
	return YJ_OK;
}

/* What a handover hands over by default: the role marked `command`, else the first. */
static const char *
default_party(const struct playbook *pb)
{
	for (size_t i = 0; i < playbook_role_count(pb); i++)
		if (playbook_role(pb, i)->command)
			return playbook_role(pb, i)->m.id;
	return playbook_role_count(pb) ? playbook_role(pb, 0)->m.id : NULL;
}

static enum yj_status
req_assign(const struct incident *st, const struct request *rq, struct value *p,
	   struct strbuf *why, bool handover)
{
	const char *party = rq->party ? rq->party : handover ? default_party(st->pb) : NULL;
	const struct holder *h;
	struct strbuf brief = STRBUF_INIT;

	if (!party || !playbook_party_name(st->pb, party, NULL))
		return refuse(why, YJ_ERR_DATA, _("unknown role, unit or group '%s' (see 'yingji "
						"playbook show')"), party ? party : "");
	if (is_blank(rq->person))
		return refuse(why, YJ_ERR_DATA, _("name the person"));
	h = incident_holder(st, party);
	if (h && str_eq(h->person, rq->person))
		return refuse(why, YJ_ERR_REFUSED, _("%s already holds %s"), rq->person,
			      playbook_party_name(st->pb, party, NULL));
	value_set_str(p, "party", party);
	if (!handover) {
		value_set_str(p, "person", rq->person);
		return YJ_OK;
	}
	value_set_str(p, "from", h ? h->person : rq->operator_name);
	value_set_str(p, "to", rq->person);
	report_briefing(st, &brief);
	value_set_str(p, "briefing", sb_str(&brief));
	sb_free(&brief);
	return YJ_OK;
}

static const enum entry_kind request_entry_kind[] = {
	[REQ_SET] = ENTRY_SET,		 [REQ_NOTE] = ENTRY_NOTE,     [REQ_TICK] = ENTRY_TICK,
	[REQ_ADVANCE] = ENTRY_ADVANCE,	 [REQ_LEVEL] = ENTRY_LEVEL,   [REQ_NOTIFY] = ENTRY_NOTIFY,
	[REQ_ASSIGN] = ENTRY_ASSIGN,	 [REQ_HANDOVER] = ENTRY_HANDOVER, [REQ_INJECT] = ENTRY_INJECT,
	[REQ_ANNOTATE] = ENTRY_ANNOTATE,
};

/* Drills only: the message to the trainee, and facts that become known. */
static enum yj_status
req_inject(const struct incident *st, const struct request *rq, struct value *p,
	   struct strbuf *why)
{
	if (!st->drill)
		return refuse(why, YJ_ERR_REFUSED, _("injects belong to drills; incident %lld is real"),
			      (long long)st->id);
	if (is_blank(rq->text))
		return refuse(why, YJ_ERR_DATA, _("an inject needs a message"));
	/* Each inject of a scenario arrives once, whoever's console delivers it first. */
	if (rq->inject && incident_inject_seq(st, rq->inject))
		return refuse(why, YJ_ERR_REFUSED, _("inject '%s' was delivered already (entry %lld)"),
			      rq->inject, (long long)incident_inject_seq(st, rq->inject));
	value_set_str(p, "message", rq->text);
	value_set_str(p, "inject", rq->inject);
	return rq->n_kv ? req_set(st, rq, p, why) : YJ_OK;
}

/* Reviewers annotate an entry by a new entry of their own; the original stays. */
static enum yj_status
req_annotate(const struct incident *st, const struct request *rq, struct value *p,
	     struct strbuf *why)
{
	int64_t last = st->n_entries ? st->entries[st->n_entries - 1].seq : 0;

	if (rq->seq < 1 || rq->seq > last)
		return refuse(why, YJ_ERR_DATA, _("incident %lld has no entry %lld (its journal ends "
						"at %lld)"), (long long)st->id, (long long)rq->seq,
			      (long long)last);
	if (is_blank(rq->text))
		return refuse(why, YJ_ERR_DATA, _("the annotation is empty"));
	value_set_int(p, "seq", rq->seq);
	value_set_str(p, "text", rq->text);
	return YJ_OK;
}

static enum yj_status
dispatch(const struct incident *st, const struct request *rq, struct value *p, struct strbuf *why)
{
	switch (rq->kind) {
	case REQ_SET:
		return req_set(st, rq, p, why);
	case REQ_NOTE:
		if (is_blank(rq->text))
			return refuse(why, YJ_ERR_DATA, _("the note is empty"));
		value_set_str(p, "text", rq->text);
		return YJ_OK;
	case REQ_TICK:
		return req_tick(st, rq, p, why);
	case REQ_ADVANCE:
		return req_advance(st, rq, p, why);
	case REQ_LEVEL:
		return req_level(st, rq, p, why);
	case REQ_NOTIFY:
		return req_notify(st, rq, p, why);
	case REQ_ASSIGN:
		return req_assign(st, rq, p, why, false);
	case REQ_HANDOVER:
		return req_assign(st, rq, p, why, true);
	case REQ_INJECT:
		return req_inject(st, rq, p, why);
	case REQ_ANNOTATE:
		return req_annotate(st, rq, p, why);
	}
	return YJ_ERR_INTERNAL;
}

enum yj_status
request_build(const struct incident *st, const struct request *rq, enum entry_kind *kind,
	      struct value **payload, struct strbuf *why)
{
	struct value *p;
	enum yj_status rc;

	*payload = NULL;
	if (rq->refusal)
		request_refusal_clear(rq->refusal);
	/* Closed incidents are read-only; a reviewer's annotation is a new entry beside them. */
	if (st->closed && rq->kind != REQ_ANNOTATE)
		return refuse(why, YJ_ERR_REFUSED, _("incident %lld is closed; a closed incident is "
						   "read-only (reviewers may annotate it)"),
			      (long long)st->id);
	p = value_obj();
	rc = dispatch(st, rq, p, why);
	if (rc != YJ_OK) {
		value_free(&p);
		return rc;
	}
	*kind = request_entry_kind[rq->kind];
	*payload = p;
	return YJ_OK;
}
