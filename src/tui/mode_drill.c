/* The console's drill mode (see tui/mode_drill.h). */
#include "config.h"

#include "engine/drill.h"
#include "io/clocks.h"
#include "tui/app.h"
#include "tui/i18n.h"
#include "tui/mode_drill.h"
#include "tui/views/views.h"
#include "util/duration.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>

struct drill_mode {
	const struct scenario *sc;
	/*
	 * The drill clock, and what it measures real time by: the console's own
	 * clock (a test script's, moved by ":time") when headless, else NULL
	 * (CLOCK_MONOTONIC).  The engine holds a copy of `clock`, set again
	 * whenever its speed changes.
	 */
	struct yj_clock real, clock;
	double speed;
	int64_t start_ms;	/* the drill's start: its incident's opening */
	size_t next;		/* the first inject that was not due when last looked */
	bool paused, ended;
};

const enum tui_request mode_drill_requests[] = {
	TUI_REQ_DRILL_PAUSE, TUI_REQ_DRILL_INJECT, TUI_REQ_DRILL_END, TUI_REQ_NONE,
};

/* "T+8m30s": drill time since the start, written as the score writes it. */
static void
drill_offset(const struct drill_mode *dm, int64_t ms, char *buf, size_t n)
{
	duration_format_drill((ms - dm->start_ms) / 1000, buf, n);
}

static void
set_speed(struct app *a, double speed)
{
	struct drill_mode *dm = a->drill;

	clock_set_speed(&dm->clock, speed);
	engine_set_clock(a->engine, &dm->clock);
	a->now_ms = engine_now(a->engine);
}

enum yj_status
mode_drill_start(struct app *a, const struct tui_drill *d, struct strbuf *why)
{
	struct drill_mode *dm = xcalloc(1, sizeof(*dm));
	struct diag_list dl = {0};
	const struct incident *st;
	int64_t id = 0;
	enum yj_status rc;

	dm->sc = d->sc;
	dm->speed = d->speed;
	dm->real = *engine_clock(a->engine);
	dm->start_ms = scenario_start_ms(d->sc, engine_now(a->engine));
	if (a->opts->script)
		clock_init_accelerated_on(&dm->clock, dm->start_ms, d->speed, &dm->real);
	else
		clock_init_accelerated(&dm->clock, dm->start_ms, d->speed);
	a->drill = dm;
	engine_set_clock(a->engine, &dm->clock);
	rc = drill_start(a->engine, d->sc, d->playbook_path, &id, &dl, why);
	if (rc != YJ_OK && dl.n && !why->len)
		sb_printf(why, "%s", dl.items[0].message);
	diag_list_clear(&dl);
	if (rc != YJ_OK)
		return rc;
	a->now_ms = engine_now(a->engine);
	if (!app_open_incident(a, id)) {
		sb_printf(why, "%s", sb_str(&a->message));
		return YJ_ERR_INTERNAL;
	}
	st = app_incident(a);
	/* Injects count from the drill's opening, as drill_tick() counts them. */
	dm->start_ms = st->opened_ms;
	app_push(a, &incident_view, &(struct incident_args){id});
	/* What the trainee is asked to do, read first (the trainer can pause meanwhile). */
	if (scenario_briefing(d->sc))
		app_confirm(a, scenario_title(d->sc), scenario_briefing(d->sc), NULL, NULL);
	app_message(a, STYLE_DRILL, _("drill %lld started: %s"), (long long)id,
		    scenario_title(d->sc));
	return YJ_OK;
}

void
mode_drill_free(struct app *a)
{
	struct drill_mode *dm = a->drill;

	if (!dm)
		return;
	/* The engine's copy of the drill clock points into dm. */
	engine_set_clock(a->engine, &dm->real);
	free(dm);
	a->drill = NULL;
}

/* ---- the banner ---- */

void
mode_drill_banner(const struct app *a, struct line *l)
{
	const struct drill_mode *dm = a->drill;
	char t[48];

	line_add(l, STYLE_DRILL, _(" DRILL "));
	if (dm->ended)
		line_addf(l, STYLE_DRILL, "%s ", _("ended"));
	else if (dm->paused)
		line_addf(l, STYLE_DRILL, "%s ", _("PAUSED"));
	else
		line_addf(l, STYLE_DRILL, "×%g ", dm->speed);
	drill_offset(dm, a->now_ms, t, sizeof(t));
	line_addf(l, STYLE_DRILL, "%s ", t);
}

/* ---- injects ---- */

/* One inject for the alert: "T+8m", then its message and the facts it brings. */
static void
inject_text(struct strbuf *text, const char *when, const char *message,
	    const struct sc_facts *facts)
{
	if (when)
		sb_printf(text, "%s%s\n", text->len ? "\n\n" : "", when);
	sb_append(text, message ? message : "");
	for (size_t i = 0; facts && i < facts->n; i++)
		sb_printf(text, "%s%s = %s", i ? "\n" : "\n\n", facts->v[i].key, facts->v[i].value);
}

static int64_t
due_ms(const struct drill_mode *dm, size_t i)
{
	return dm->start_ms + scenario_inject(dm->sc, i)->at * 1000;
}

/*
 * The alert the trainee must close, and the message line.  Injects due at one
 * tick (the clock sped past several) share one alert, in order, so that a
 * fast drill never stacks more screens than the console holds.
 */
static void
announce(struct app *a, const struct drill_delivery *d)
{
	struct drill_mode *dm = a->drill;
	struct strbuf text = STRBUF_INIT;
	char title[160], t[48];

	for (size_t i = 0; i < d->n; i++) {
		drill_offset(dm, dm->start_ms + d->injects[i]->at * 1000, t, sizeof(t));
		inject_text(&text, d->n > 1 ? t : NULL, d->injects[i]->message,
			    &d->injects[i]->facts);
	}
	if (d->n > 1)
		snprintf(title, sizeof(title), _("%zu injects at once"), d->n);
	else
		snprintf(title, sizeof(title), _("Inject at %s"), t);
	app_confirm(a, title, sb_str(&text), NULL, NULL);
	app_message(a, STYLE_DRILL, _("inject at %s: %s"), t, d->injects[d->n - 1]->message);
	sb_free(&text);
}

static unsigned
score_screen(struct app *a)
{
	struct strbuf why = STRBUF_INIT;
	struct score *s = NULL;
	enum yj_status rc;
	char t[48];

	/* Shown already (X again on the score screen): nothing to open twice. */
	if (app_top(a) && app_top(a)->ops == &score_view)
		return REACT_NONE;
	rc = drill_score(a->engine, a->incident_id, &s, &why);
	if (rc != YJ_OK) {
		app_message(a, STYLE_ERROR, "%s", why.len ? sb_str(&why) : yj_status_message(rc));
		sb_free(&why);
		return REACT_STATUS;
	}
	drill_offset(a->drill, s->end_ms, t, sizeof(t));
	app_message(a, STYLE_DRILL, _("the drill ended at %s: %zu of %zu checks passed"), t,
		    s->passed, s->scored);
	app_push(a, &score_view, &(struct score_args){s});
	sb_free(&why);
	return REACT_REDRAW;
}

/* The drill is over: its clock stops where it is, and the score opens. */
static unsigned
end_drill(struct app *a)
{
	struct drill_mode *dm = a->drill;

	if (!dm->paused)
		set_speed(a, 0);
	dm->ended = true;
	app_reload(a);
	return score_screen(a);
}

unsigned
mode_drill_tick(struct app *a)
{
	struct drill_mode *dm = a->drill;
	struct strbuf why = STRBUF_INIT;
	struct drill_delivery d = {0};
	size_t count;
	int64_t now;

	if (!dm || dm->ended)
		return REACT_NONE;
	if (app_incident(a) && app_incident(a)->closed)
		return end_drill(a);
	count = scenario_inject_count(dm->sc);
	now = engine_now(a->engine);
	if (dm->next >= count || due_ms(dm, dm->next) > now)
		return REACT_NONE;
	if (drill_tick(a->engine, a->incident_id, dm->sc, now, &d, &why) != YJ_OK)
		app_message(a, STYLE_ERROR, "%s", sb_str(&why));
	/* Once looked at, never again: an inject another console delivered is not alerted twice. */
	while (dm->next < count && due_ms(dm, dm->next) <= now)
		dm->next++;
	if (d.n)
		announce(a, &d);
	drill_delivery_clear(&d);
	sb_free(&why);
	app_reload(a);
	return REACT_REDRAW | REACT_STATUS;
}

/* ---- the trainer's keys ---- */

static void
adhoc_given(struct app *a, void *ctx, const char *text)
{
	struct request rq = {.kind = REQ_INJECT, .text = text, .inject = NULL};
	char title[160], t[48];

	(void)ctx;
	if (!text || !*text)
		return;
	if (app_submit(a, &rq, _("ad-hoc inject"), NULL) != YJ_OK)
		return;
	drill_offset(a->drill, a->now_ms, t, sizeof(t));
	snprintf(title, sizeof(title), _("Inject at %s"), t);
	app_confirm(a, title, text, NULL, NULL);
	app_message(a, STYLE_DRILL, _("inject at %s: %s"), t, text);
}

static void
end_answer(struct app *a, void *ctx, bool yes)
{
	(void)ctx;
	if (yes && a->drill && !a->drill->ended)
		end_drill(a);
}

unsigned
mode_drill_request(struct app *a, enum tui_request rq)
{
	struct drill_mode *dm = a->drill;
	char t[48];

	if (!dm)
		return REACT_UNHANDLED;
	switch (rq) {
	case TUI_REQ_DRILL_PAUSE:
		if (dm->ended) {
			app_message(a, STYLE_ERROR, "%s", _("the drill has ended; its clock stays stopped"));
			return REACT_STATUS;
		}
		dm->paused = !dm->paused;
		set_speed(a, dm->paused ? 0 : dm->speed);
		drill_offset(dm, a->now_ms, t, sizeof(t));
		if (dm->paused)
			app_message(a, STYLE_DRILL, _("drill clock paused at %s"), t);
		else
			app_message(a, STYLE_DRILL, _("drill clock running again from %s"), t);
		return REACT_REDRAW;
	case TUI_REQ_DRILL_INJECT:
		if (dm->ended) {
			app_message(a, STYLE_ERROR, "%s", _("the drill has ended: no more injects"));
			return REACT_STATUS;
		}
		app_prompt(a, _("Inject (trainer): the message the trainee receives"), "",
			   adhoc_given, NULL);
		return REACT_REDRAW;
	case TUI_REQ_DRILL_END:
		if (dm->ended)
			return score_screen(a);
		app_confirm(a, _("End the drill"),
			    _("End the drill now? Its clock stops here, and the score is shown as "
			      "the drill stands at this moment."),
			    end_answer, NULL);
		return REACT_REDRAW;
	default:
		return REACT_UNHANDLED;
	}
}
