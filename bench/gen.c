/*
 * The benchmark's database: ten years of incidents on the shipped playbooks,
 * generated from a fixed seed through the real store (store_append_entry:
 * canonical JSON, the hash chain), then projected by the engine's own
 * rebuild (summary rows and fold snapshots), so that `yingji verify` passes
 * and every projection equals the fold.
 *
 * Every entry is one the engine would write: a bot works each incident
 * through its playbook with request_build() on the folded state (the guards
 * of a live console), choosing decisions at random (false alarms included),
 * and between the plan's steps logs what officers log: notes, notifications
 * and acknowledgements, facts and their corrections, assignments, handovers.
 * A request the plan refuses becomes a note.
 *
 * Shape, at scale s (125,000 entries per unit; 16 is the full size of
 * 2,000,000 entries and 20,000 incidents):
 *  - the recent block, the same at every scale: 300 incidents over the last
 *    60 days, among them every open incident (the board is the same at every
 *    scale) and the largest, a major incident opened six days before the end
 *    and still running with 25,000 entries;
 *  - the historical block, which grows with s: closed incidents over the ten
 *    years before, with 0, 1 or 4 more long ones of 20,500 to 23,000 entries.
 * About 70% of incidents follow lucheng-2017, the rest the other four plans;
 * one in ten is a drill.
 *
 * Generation runs with synchronous=OFF (store_set_bulk): a crash while
 * generating loses the database, which is then generated again; the file is
 * only used once it has been generated completely and verified.
 */
#include "config.h"

#include "bench/bench.h"
#include "core/field.h"
#include "core/incident.h"
#include "core/request.h"
#include "engine/engine.h"
#include "io/clocks.h"
#include "io/hash.h"
#include "io/playbook_load.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { SEED = 20171213 };	/* 潞城's plan was issued on 2017-12-13 */

#define DAY_MS (INT64_C(86400000))
#define MIN_MS (INT64_C(60000))
/* 2016-01-01 00:00 to 2026-01-01 00:00, China Standard Time. */
#define T_BEGIN (INT64_C(1451577600000))
#define T_END (INT64_C(1767196800000))

enum {
	RECENT_INCIDENTS = 300,
	RECENT_DAYS = 60,
	OPEN_DAYS = 21,		/* real incidents opened in the last 21 days may still be open */
	GIANT_ENTRIES = 25000,
	PER_SCALE_ENTRIES = 125000,
	PER_SCALE_INCIDENTS = 1250,
};

static const int64_t historical_giants[] = {23000, 22000, 21000, 20500};

struct plan {
	const char *file;
	double weight;
	struct playbook *pb;
	char *text;
	size_t len;
	char hash[2 * ENTRY_HASH_LEN + 1];
	double structural;	/* running mean of plan steps per closed incident */
	int samples;
};

static struct plan plans[] = {
	{"lucheng-2017.yaml", 0.70, NULL, NULL, 0, "", 40, 0},
	{"xinzhou-devzone-2023.yaml", 0.09, NULL, NULL, 0, "", 30, 0},
	{"xinzhou-hrss-2023.yaml", 0.07, NULL, NULL, 0, "", 30, 0},
	{"tianjin-hrss.yaml", 0.07, NULL, NULL, 0, "", 30, 0},
	{"zhanjiang-center-2019.yaml", 0.07, NULL, NULL, 0, "", 30, 0},
};

#define N_PLANS (sizeof(plans) / sizeof(plans[0]))

/* One incident to generate. */
struct spec {
	int64_t start_ms, duration_ms;
	int64_t entries;	/* the target; 0: as the budget says */
	bool drill, open, giant;
	uint64_t stream;	/* its own random stream */
};

struct gen {
	const struct gen_opts *o;
	struct store *store;
	struct gen_result *res;
	int64_t budget;		/* entries still to generate */
	int64_t incidents_left;
};

/* An incident being generated. */
struct inc {
	struct gen *g;
	struct plan *p;
	struct rng r;
	int64_t id;
	struct entry *e;
	size_t n, cap;
	struct incident *st;
	int64_t now, gap_ms;
	const char *op;
	int64_t filler;		/* entries still to log between the plan's steps */
	int steps;		/* plan steps taken */
	int phases;		/* phases left */
	int64_t shift_ms;	/* when the current duty shift began */
	const struct pb_category *category;
	bool failed;
};

/* ---- writing entries ---- */

static void
append(struct inc *c, enum entry_kind kind, struct value *payload)
{
	struct entry en = {0};

	en.incident = c->id;
	en.ts_ms = c->now;
	en.operator_name = xstrdup(c->op);
	en.kind = kind;
	en.payload = payload;
	if (store_append_entry(c->g->store, &en) != YJ_OK) {
		fprintf(stderr, "yingji-bench: %s\n", store_error(c->g->store));
		entry_clear(&en);
		c->failed = true;
		return;
	}
	c->e = xgrow(c->e, &c->cap, c->n + 1, sizeof(*c->e));
	c->e[c->n++] = en;
	incident_apply(c->st, c->e, c->n, c->n - 1);
	c->g->budget--;
	c->g->res->entries++;
	/* Gaps are exponential around the incident's pace, at least a second. */
	c->now += 1000 + (int64_t)(-log(1.0 - rng_unit(&c->r)) * (double)c->gap_ms);
}

/* Submit a request as the console would; a refusal is reported to the caller. */
static enum yj_status
submit(struct inc *c, struct request rq, bool settle)
{
	struct strbuf why = STRBUF_INIT;
	struct value *payload = NULL;
	enum entry_kind kind;
	enum yj_status rc;

	if (c->failed)
		return YJ_ERR_INTERNAL;
	if (settle)
		incident_settle(c->st, c->now);
	rq.operator_name = c->op;
	rc = request_build(c->st, &rq, &kind, &payload, &why);
	if (rc == YJ_OK)
		append(c, kind, payload);
	else if (settle && getenv("YJ_BENCH_DEBUG"))
		fprintf(stderr, "yingji-bench: %s: refused: %s\n", c->p->file, sb_str(&why));
	sb_free(&why);
	return rc;
}

static void
note(struct inc *c)
{
	struct strbuf text = STRBUF_INIT;

	corpus_note(&c->r, &text);
	submit(c, (struct request){.kind = REQ_NOTE, .text = sb_str(&text)}, false);
	sb_free(&text);
}

/* ---- values of the right type ---- */

/* "YYYY-MM-DD HH:MM" in local time, or the date alone. */
static void
local_time(int64_t ms, bool date_only, char *buf, size_t n)
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;

	localtime_r(&t, &tm);
	if (date_only)
		strftime(buf, n, "%Y-%m-%d", &tm);
	else
		strftime(buf, n, "%Y-%m-%d %H:%M", &tm);
}

static const char *
value_for(struct inc *c, const struct pb_field *f, struct strbuf *buf)
{
	char t[40];
	double v;

	sb_reset(buf);
	switch (f->type) {
	case PB_FIELD_INTEGER:
	case PB_FIELD_NUMBER:
		v = exp(rng_unit(&c->r) * log(f->has_max ? f->max + 1 : 3e6)) - 1;
		if (f->has_min && v < f->min)
			v = f->min;
		sb_printf(buf, "%lld", (long long)v);
		break;
	case PB_FIELD_DURATION:
		sb_printf(buf, "%dm", (int)rng_range(&c->r, 5, rng_chance(&c->r, 0.2) ? 600 : 90));
		break;
	case PB_FIELD_DATETIME:
		local_time(c->now - rng_range(&c->r, 5, 60) * MIN_MS, false, t, sizeof(t));
		sb_append(buf, t);
		break;
	case PB_FIELD_DATE:
		local_time(c->now, true, t, sizeof(t));
		sb_append(buf, t);
		break;
	case PB_FIELD_BOOLEAN:
		sb_append(buf, rng_chance(&c->r, 0.5) ? "yes" : "no");
		break;
	case PB_FIELD_CHOICE:
		sb_append(buf, f->choices[rng_range(&c->r, 0, (int64_t)f->n_choices - 1)].id);
		break;
	case PB_FIELD_CATEGORY:
		sb_append(buf, c->category->m.id);
		break;
	case PB_FIELD_SUBTYPE:
		if (!c->category->n_subtypes)
			return NULL;
		sb_append(buf, c->category->subtypes[rng_range(&c->r, 0,
			  (int64_t)c->category->n_subtypes - 1)].m.id);
		break;
	case PB_FIELD_LONGTEXT:
		corpus_note(&c->r, buf);
		break;
	default:
		corpus_sentence(&c->r, buf);
		break;
	}
	return sb_str(buf);
}

static enum yj_status
set_field(struct inc *c, const struct pb_field *f)
{
	struct strbuf buf = STRBUF_INIT;
	struct kv kv = {f->m.id, value_for(c, f, &buf)};
	enum yj_status rc = YJ_ERR_DATA;

	if (kv.value)
		rc = submit(c, (struct request){.kind = REQ_SET, .kv = &kv, .n_kv = 1}, false);
	sb_free(&buf);
	return rc;
}

static int
field_index(const struct playbook *pb, const char *id)
{
	for (size_t i = 0; i < playbook_field_count(pb); i++)
		if (!strcmp(playbook_field(pb, i)->m.id, id))
			return (int)i;
	return -1;
}

/* ---- what officers log between the plan's steps ---- */

static void
filler_notify(struct inc *c)
{
	const struct incident *st = c->st;
	static const char *const channels[] = {"phone", "sms", "written", "verbal"};
	size_t nc = playbook_contact_count(c->p->pb);
	int ci;

	incident_settle(c->st, c->now);
	ci = st->n_contact_duties && rng_chance(&c->r, 0.8)
		     ? st->contact_duties[rng_range(&c->r, 0, (int64_t)st->n_contact_duties - 1)].contact
		     : (int)rng_range(&c->r, 0, (int64_t)nc - 1);
	if (submit(c, (struct request){.kind = REQ_NOTIFY,
				       .contact = playbook_contact(c->p->pb, (size_t)ci)->m.id,
				       .ack = st->contacts[ci].notified_ms && !st->contacts[ci].acked_ms &&
					      rng_chance(&c->r, 0.6),
				       .channel = channels[rng_range(&c->r, 0, 3)]}, false) != YJ_OK)
		note(c);
}

static void
filler_set(struct inc *c)
{
	const struct playbook *pb = c->p->pb;
	const struct pb_field *f = playbook_field(pb, (size_t)rng_range(&c->r, 0,
						  (int64_t)playbook_field_count(pb) - 1));

	if ((f->type != PB_FIELD_TEXT && f->type != PB_FIELD_LONGTEXT && rng_chance(&c->r, 0.8)) ||
	    f->type == PB_FIELD_CATEGORY || f->type == PB_FIELD_SUBTYPE ||
	    set_field(c, f) != YJ_OK)
		note(c);
}

static void
filler_tick(struct inc *c)
{
	const struct pb_phase *ph = incident_phase(c->st);
	const struct pb_check_item *it;

	if (!ph || !ph->n_items) {
		note(c);
		return;
	}
	it = &ph->items[rng_range(&c->r, 0, (int64_t)ph->n_items - 1)];
	if (submit(c, (struct request){.kind = REQ_TICK, .item = it->m.id, .tick = TICK_DO}, false) !=
	    YJ_OK)
		note(c);
}

static void
filler_assign(struct inc *c, bool handover)
{
	const struct playbook *pb = c->p->pb;
	const char *party = NULL, *person = corpus_person(&c->r);

	if (!handover && playbook_group_count(pb) && rng_chance(&c->r, 0.5))
		party = playbook_group(pb, (size_t)rng_range(&c->r, 0,
				       (int64_t)playbook_group_count(pb) - 1))->m.id;
	else if (!handover && playbook_role_count(pb))
		party = playbook_role(pb, (size_t)rng_range(&c->r, 0,
				      (int64_t)playbook_role_count(pb) - 1))->m.id;
	if (submit(c, (struct request){.kind = handover ? REQ_HANDOVER : REQ_ASSIGN, .party = party,
				       .person = person}, handover) != YJ_OK)
		note(c);
	else if (handover)
		c->op = person;		/* the next shift writes from now on */
}

static void
filler_one(struct inc *c)
{
	double u = rng_unit(&c->r);

	/* Command changes hands at the end of a duty shift (8 to 12 hours). */
	if (c->now - c->shift_ms > rng_range(&c->r, 8, 12) * 3600000) {
		c->shift_ms = c->now;
		filler_assign(c, true);
	} else if (u < 0.64) {
		note(c);
	} else if (u < 0.82) {
		filler_notify(c);
	} else if (u < 0.95) {
		filler_set(c);
	} else if (u < 0.995) {
		filler_tick(c);
	} else {
		filler_assign(c, false);
	}
}

static void
filler(struct inc *c, int64_t n)
{
	for (int64_t i = 0; i < n && c->filler > 0 && !c->failed; i++) {
		filler_one(c);
		c->filler--;
	}
}

/* Before a plan step: a share of the filler still to log. */
static void
filler_share(struct inc *c)
{
	double left = c->p->structural - c->steps;
	int64_t mean = (int64_t)((double)c->filler / (left > 2 ? left : 2));

	filler(c, rng_range(&c->r, 0, 2 * mean));
	c->steps++;
}

/* ---- the plan's steps ---- */

static void
must(struct inc *c, struct request rq)
{
	filler_share(c);
	submit(c, rq, true);
}

static void
fill_phase_fields(struct inc *c, const struct pb_phase *ph)
{
	const struct pb_field *cat = field_category_field(c->p->pb);
	int ci = cat ? field_index(c->p->pb, cat->m.id) : -1;

	if (ci >= 0 && !c->st->fields[ci].set) {
		filler_share(c);
		set_field(c, cat);
	}
	for (size_t i = 0; i < ph->fields.n; i++) {
		const struct pb_field *f = playbook_find_field(c->p->pb, ph->fields.v[i].id);
		int fi = f ? field_index(c->p->pb, f->m.id) : -1;

		if (fi >= 0 && !c->st->fields[fi].set) {
			filler_share(c);
			set_field(c, f);
		}
	}
}

static void
tick_items(struct inc *c, const struct pb_phase *ph)
{
	int p = playbook_phase_index(c->p->pb, ph->m.id);

	for (size_t k = 0; k < ph->n_items; k++) {
		if (c->st->items[p][k].status != ITEM_OPEN)
			continue;
		if (ph->items[k].required || rng_chance(&c->r, 0.5))
			must(c, (struct request){.kind = REQ_TICK, .item = ph->items[k].m.id});
		else if (rng_chance(&c->r, 0.3))
			must(c, (struct request){.kind = REQ_TICK, .item = ph->items[k].m.id,
						 .tick = TICK_SKIP, .reason = "本次事件不涉及"});
	}
}

static bool
has_level(const struct incident *st, const struct pb_refs *levels)
{
	for (size_t i = 0; st->level >= 0 && i < levels->n; i++)
		if (!strcmp(playbook_level(st->pb, (size_t)st->level)->m.id, levels->v[i].id))
			return true;
	return levels->n == 0;
}

static void
confirm_level(struct inc *c, const struct pb_phase *ph, const struct pb_decision *dc)
{
	incident_settle(c->st, c->now);
	if (ph->level_required && c->st->level < 0) {
		int lv = c->st->suggestion.level;

		if (lv < 0 || rng_chance(&c->r, 0.1))
			lv = (int)rng_range(&c->r, 0, (int64_t)playbook_level_count(c->p->pb) - 1);
		must(c, (struct request){.kind = REQ_LEVEL,
					 .level = playbook_level(c->p->pb, (size_t)lv)->m.id,
					 .reason = "结合现场情况研判"});
	}
	if (!has_level(c->st, &dc->levels))
		must(c, (struct request){.kind = REQ_LEVEL, .level = dc->levels.v[0].id,
					 .reason = "依据预案分级标准"});
}

static void
notify_duties(struct inc *c)
{
	incident_settle(c->st, c->now);
	for (size_t i = 0; i < c->st->n_contact_duties && !c->failed; i++) {
		int ci = c->st->contact_duties[i].contact;

		if (!c->st->contacts[ci].notified_ms)
			must(c, (struct request){.kind = REQ_NOTIFY,
						 .contact = playbook_contact(c->p->pb, (size_t)ci)->m.id,
						 .channel = "phone"});
		incident_settle(c->st, c->now);
	}
}

static void
decide(struct inc *c, const struct pb_phase *ph, const struct pb_decision *dc)
{
	bool closing = playbook_find_phase(c->p->pb, dc->to.id)->kind == PB_PHASE_CLOSED;

	fill_phase_fields(c, ph);
	tick_items(c, ph);
	confirm_level(c, ph, dc);
	if (closing)
		notify_duties(c);
	if (closing)
		filler(c, c->filler);	/* a closed incident takes nothing more */
	filler_share(c);
	/* Who may decide takes the post, then decides: nothing in between (a handover
	 * would change who is writing). */
	for (size_t i = 0; i < dc->by.n; i++) {
		const struct holder *h = incident_holder(c->st, dc->by.v[i].id);

		if (!h || strcmp(h->person, c->op) != 0)
			submit(c, (struct request){.kind = REQ_ASSIGN, .party = dc->by.v[i].id,
						   .person = c->op}, true);
		break;
	}
	submit(c, (struct request){.kind = REQ_ADVANCE, .decision = dc->m.id,
				   .reason = dc->reason ? "经研判，按预案处置" : NULL}, true);
}

/* Phases from each phase to a closed one (the way out of a loop). */
static int
to_closed(const struct playbook *pb, int phase, int depth)
{
	const struct pb_phase *ph = playbook_phase(pb, (size_t)phase);
	int best = 1000;

	if (ph->kind == PB_PHASE_CLOSED)
		return 0;
	if (depth > 12)
		return 1000;
	for (size_t k = 0; k < ph->n_decisions; k++) {
		int d = to_closed(pb, playbook_phase_index(pb, ph->decisions[k].to.id), depth + 1);

		if (d + 1 < best)
			best = d + 1;
	}
	return best;
}

static const struct pb_decision *
choose(struct inc *c, const struct pb_phase *ph, int visited)
{
	const struct playbook *pb = c->p->pb;
	const struct pb_decision *best = NULL;
	int best_d = 1000;

	for (size_t k = 0; k < ph->n_decisions; k++) {
		int d = to_closed(pb, playbook_phase_index(pb, ph->decisions[k].to.id), 0);

		if (d < best_d) {
			best_d = d;
			best = &ph->decisions[k];
		}
	}
	if (visited > 10 || ph->n_decisions == 1)
		return best;
	for (int tries = 0; tries < 4; tries++) {
		const struct pb_decision *dc =
			&ph->decisions[rng_range(&c->r, 0, (int64_t)ph->n_decisions - 1)];
		bool closes = playbook_find_phase(pb, dc->to.id)->kind == PB_PHASE_CLOSED;

		if (!closes || rng_chance(&c->r, 0.25))
			return dc;
	}
	return best;
}

/* Work the incident through its plan; an open one stops after c->phases phases. */
static void
walk(struct inc *c, bool open)
{
	int stuck = 0;

	for (int visited = 0; !c->failed && !c->st->closed && stuck < 3; visited++) {
		const struct pb_phase *ph = incident_phase(c->st);

		if (open && visited >= c->phases) {
			fill_phase_fields(c, ph);
			break;
		}
		decide(c, ph, choose(c, ph, visited));
		stuck = incident_phase(c->st) == ph ? stuck + 1 : 0;
	}
	if (stuck && getenv("YJ_BENCH_DEBUG"))
		fprintf(stderr, "yingji-bench: %s: stuck in phase %s\n", c->p->file,
			incident_phase(c->st)->m.id);
}

/* ---- one incident ---- */

static struct plan *
pick_plan(struct rng *r)
{
	double u = rng_unit(r), acc = 0;

	for (size_t i = 0; i < N_PLANS; i++) {
		acc += plans[i].weight;
		if (u < acc)
			return &plans[i];
	}
	return &plans[0];
}

static const struct pb_category *
pick_category(struct inc *c)
{
	const struct playbook *pb = c->p->pb;
	const struct pb_category *cat;
	bool any = false;

	/* A plan with sub-types asks for one: only such a category can be completed. */
	for (size_t i = 0; i < playbook_category_count(pb); i++)
		any |= playbook_category(pb, i)->n_subtypes > 0;
	do
		cat = playbook_category(pb, (size_t)rng_range(&c->r, 0,
					(int64_t)playbook_category_count(pb) - 1));
	while (any && !cat->n_subtypes);
	return cat;
}

static int
open_incident(struct inc *c, const struct spec *sp)
{
	struct strbuf title = STRBUF_INIT, why = STRBUF_INIT;
	struct value *payload = NULL;
	enum yj_status rc;

	corpus_title(&c->r, &title);
	rc = request_open(c->p->pb, c->p->hash, sb_str(&title), sp->drill, NULL, 0, &payload, &why);
	if (rc == YJ_OK)
		rc = store_put_playbook(c->g->store, c->p->hash, playbook_plan(c->p->pb)->id,
					c->p->text, c->p->len);
	if (rc == YJ_OK)
		rc = store_new_incident(c->g->store, sp->drill, sp->start_ms, &c->id);
	if (rc != YJ_OK) {
		fprintf(stderr, "yingji-bench: opening an incident: %s%s\n", sb_str(&why),
			store_error(c->g->store));
		value_free(&payload);
	} else {
		append(c, ENTRY_OPEN, payload);
	}
	sb_free(&title);
	sb_free(&why);
	return rc == YJ_OK && !c->failed ? 0 : 1;
}

/* How many entries this incident gets: its target, or its share of the budget. */
static int64_t
target(struct gen *g, const struct spec *sp, struct rng *r)
{
	double w = exp(1.1 * sqrt(-2 * log(1 - rng_unit(r))) * cos(6.283185307 * rng_unit(r)) -
		       0.6);
	int64_t t, limit;

	if (sp->entries)
		return sp->entries;
	if (g->incidents_left <= 1)
		return g->budget;
	if (w > 25)
		w = 25;
	t = (int64_t)(w * (double)g->budget / (double)g->incidents_left);
	/* Leave the others enough for their plan's steps, so that the total comes out exact. */
	limit = g->budget - 80 * (g->incidents_left - 1);
	return t < limit ? t : limit;
}

static int
generate_one(struct gen *g, const struct spec *sp)
{
	struct inc c = {0};
	int64_t want;
	int rc;

	c.g = g;
	rng_seed(&c.r, SEED, sp->stream);
	c.p = pick_plan(&c.r);
	c.st = incident_begin(c.p->pb);
	c.now = c.shift_ms = sp->start_ms;
	c.op = corpus_operator(&c.r);
	c.category = pick_category(&c);
	want = target(g, sp, &c.r);
	c.filler = want - (int64_t)c.p->structural;
	if (c.filler < 0)
		c.filler = 0;
	c.gap_ms = sp->duration_ms / (want > 1 ? want : 1);
	c.phases = sp->giant ? 3 : (int)rng_range(&c.r, 0, 4);
	rc = store_begin(g->store) == YJ_OK ? open_incident(&c, sp) : 1;
	if (rc == 0) {
		walk(&c, sp->open);
		if (sp->open || g->incidents_left <= 1) {
			/* The last incident makes the total exact: notes keep an open one open. */
			if (g->incidents_left <= 1)
				c.filler = g->budget;
			filler(&c, c.filler);
		} else {
			struct plan *p = c.p;

			p->structural = (p->structural * p->samples + c.steps) / (p->samples + 1);
			if (p->samples < 50)
				p->samples++;
		}
		rc = c.failed || store_commit(g->store) != YJ_OK;
	}
	if (rc)
		fprintf(stderr, "yingji-bench: generating incident %lld: %s\n", (long long)c.id,
			store_error(g->store));
	if ((int64_t)c.n > g->res->largest_n) {
		g->res->largest_n = (int64_t)c.n;
		g->res->largest_id = c.id;
	}
	g->res->incidents++;
	g->res->open += !c.st->closed;
	g->res->drills += sp->drill;
	g->incidents_left--;
	incident_free(&c.st);
	entry_free_array(&c.e, c.n);
	return rc;
}

/* ---- the plan of the whole database ---- */

static int
by_start(const void *a, const void *b)
{
	const struct spec *x = a, *y = b;

	return (x->start_ms > y->start_ms) - (x->start_ms < y->start_ms);
}

/* Duration of an ordinary incident: hours mostly, days sometimes. */
static int64_t
duration(struct rng *r)
{
	return rng_chance(r, 0.8) ? rng_range(r, 1, 12) * 3600000 : rng_range(r, 1, 6) * DAY_MS;
}

static struct spec *
plan_database(int scale, size_t *n)
{
	size_t total = (size_t)PER_SCALE_INCIDENTS * (size_t)scale;
	size_t n_hist = total - RECENT_INCIDENTS;
	size_t giants = scale >= 16 ? 4 : scale >= 4 ? 1 : 0;
	struct spec *v = xcalloc(total, sizeof(*v));
	int64_t recent_from = T_END - RECENT_DAYS * DAY_MS;
	struct rng r;

	/* The recent block: its own stream, so it is the same at every scale. */
	rng_seed(&r, SEED, 1);
	for (size_t i = 0; i < RECENT_INCIDENTS; i++) {
		struct spec *s = &v[n_hist + i];

		s->start_ms = recent_from + rng_range(&r, 0, RECENT_DAYS * DAY_MS - DAY_MS);
		s->duration_ms = duration(&r);
		s->drill = rng_chance(&r, 0.1);
		s->open = s->start_ms > T_END - OPEN_DAYS * DAY_MS &&
			  (s->drill ? rng_chance(&r, 0.1) : rng_chance(&r, 0.45));
		s->stream = 1000000 + i;
	}
	v[n_hist].start_ms = T_END - 6 * DAY_MS;	/* the major incident, still running */
	v[n_hist].duration_ms = 6 * DAY_MS - 3600000;
	v[n_hist].entries = GIANT_ENTRIES;
	v[n_hist].drill = false;
	v[n_hist].open = v[n_hist].giant = true;
	rng_seed(&r, SEED, 2);
	for (size_t i = 0; i < n_hist; i++) {
		struct spec *s = &v[i];

		s->start_ms = T_BEGIN + rng_range(&r, 0, recent_from - T_BEGIN - 30 * DAY_MS);
		s->duration_ms = duration(&r);
		s->drill = rng_chance(&r, 0.1);
		s->stream = 2000000 + i;
		if (i < giants) {
			s->entries = historical_giants[i];
			s->duration_ms = rng_range(&r, 20, 45) * DAY_MS;
			s->drill = false;
			s->giant = true;
		}
	}
	qsort(v, total, sizeof(*v), by_start);
	/* The newest incident is open: its notes make the total exact (gen_database). */
	v[total - 1].open = true;
	v[total - 1].drill = false;
	*n = total;
	return v;
}

static int
load_plans(const char *dir)
{
	for (size_t i = 0; i < N_PLANS; i++) {
		struct diag_list dl = {0};
		char path[4096];

		if (plans[i].pb)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, plans[i].file);
		if (playbook_load_text(path, &plans[i].pb, &plans[i].text, &plans[i].len, &dl) != YJ_OK) {
			fprintf(stderr, "yingji-bench: cannot load %s\n", path);
			diag_list_clear(&dl);
			return 1;
		}
		diag_list_clear(&dl);
		hash_sha256_hex(plans[i].text, plans[i].len, plans[i].hash);
	}
	return 0;
}

/* The projections, by the engine's own rebuild: what a repair would write. */
static int
project(const char *path)
{
	struct strbuf why = STRBUF_INIT;
	struct yj_clock clock;
	struct engine_opts eo = {path, "bench", &clock, false, false};
	struct engine *e = NULL;
	int rc = 1;

	clock_init_fixed(&clock, T_END);
	if (engine_open(&eo, &e, &why) == YJ_OK && store_set_bulk(engine_store(e), true) == YJ_OK &&
	    engine_rebuild_summaries(e, &why) == YJ_OK)
		rc = 0;
	if (rc)
		fprintf(stderr, "yingji-bench: projecting: %s\n", sb_str(&why));
	engine_close(&e);
	sb_free(&why);
	return rc;
}

int
gen_database(const struct gen_opts *o, struct gen_result *res)
{
	struct gen g = {o, NULL, res, 0, 0};
	double t0 = now_ms();
	struct spec *specs;
	size_t n;
	int rc = 0;

	memset(res, 0, sizeof(*res));
	if (load_plans(o->playbook_dir))
		return 1;
	if (store_open(o->path, STORE_CREATE, &g.store) != YJ_OK) {
		fprintf(stderr, "yingji-bench: %s: %s\n", o->path, store_open_error());
		return 1;
	}
	store_set_bulk(g.store, true);
	specs = plan_database(o->scale, &n);
	g.budget = (int64_t)PER_SCALE_ENTRIES * o->scale;
	/* Giants have their own sizes: the rest share what is left. */
	for (size_t i = 0; i < n; i++)
		g.budget -= specs[i].entries;
	for (size_t i = 0; i < n; i++)
		g.incidents_left += !specs[i].entries;
	for (size_t i = 0; i < n && rc == 0; i++) {
		int64_t giant = specs[i].entries;

		if (giant)
			g.budget += giant, g.incidents_left++;
		rc = generate_one(&g, &specs[i]);
		if (o->log && (i + 1) % 2000 == 0)
			fprintf(o->log, "  %zu of %zu incidents, %lld entries (%.0f s)\n", i + 1, n,
				(long long)res->entries, (now_ms() - t0) / 1000);
	}
	free(specs);
	store_close(&g.store);
	if (rc == 0)
		rc = project(o->path);
	res->seconds = (now_ms() - t0) / 1000;
	return rc;
}
