/*
 * A drill's score for people (plain text, Markdown) and for machines (a value
 * tree that io/json.c encodes).  Times are shown twice: as offsets on the
 * drill clock ("T+20m": twenty minutes after the drill started), which is how
 * a trainer reads a drill, and as absolute times, which is what the journal
 * holds.  Every text from a file or a person is made safe here.
 */
#include "config.h"

#include "core/i18n.h"
#include "core/score.h"
#include "util/duration.h"
#include "util/strbuf.h"
#include "util/text.h"
#include "util/timefmt.h"

#include <stdio.h>
#include <string.h>

/* "T+20m", "T-10m", "T+0": ms after the drill's start, to the second. */
static void
offset(const struct score *s, int64_t ms, char *buf, size_t n)
{
	duration_format_drill((ms - s->start_ms) / 1000, buf, n);
}

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

/* "T+20m (2026-11-22 09:20:00)" */
static void
when(struct strbuf *out, const struct score *s, int64_t ms)
{
	char off[48], t[32];

	offset(s, ms, off, sizeof(off));
	time_format_local(ms, t, sizeof(t));
	sb_printf(out, "%s (%s)", off, t);
}

static const char *
mark(enum score_verdict v)
{
	return v == SCORE_PASS ? _("PASS") : v == SCORE_FAIL ? _("FAIL") : "--";
}

/* What happened to one check: its status, times, event and detail, on one line. */
static void
check_outcome(struct strbuf *out, const struct score *s, const struct score_check *c, bool md)
{
	sb_append(out, _(c->status));
	if (c->met_ms) {
		sb_append(out, _(" at "));
		when(out, s, c->met_ms);
	}
	if (c->due_ms) {
		sb_append(out, _("; due "));
		when(out, s, c->due_ms);
	}
	if (c->how) {
		sb_append(out, _("; event "));
		clean(out, c->how, md);
	}
	if (c->detail) {
		sb_append(out, _("; "));
		clean(out, c->detail_text ? c->detail_text : c->detail, md);
	}
}

/* ---- text and Markdown ---- */

static void
header(const struct score *s, bool md, struct strbuf *out)
{
	char t[32], off[48];

	sb_printf(out, "%s演练评分 — ", md ? "# " : "");
	sb_printf(out, _("incident %lld [DRILL]: "), (long long)s->incident);
	clean(out, s->title, md);
	sb_append(out, md ? _("\n\n- scenario: ") : _("\n\nscenario: "));
	clean(out, s->scenario_id, md);
	sb_append(out, " — ");
	clean(out, s->scenario_title, md);
	sb_printf(out, " (sha256 %.12s)", s->scenario_sha256 ? s->scenario_sha256 : "");
	sb_append(out, md ? _("\n- plan: ") : _("\nplan:     "));
	clean(out, s->plan_title, md);
	sb_printf(out, " (%s)", s->plan_id);
	time_format_local(s->start_ms, t, sizeof(t));
	sb_printf(out, md ? _("\n- started: %s (T+0)") : _("\nstarted:  %s (T+0)"), t);
	time_format_local(s->end_ms, t, sizeof(t));
	offset(s, s->end_ms, off, sizeof(off));
	sb_printf(out, md ? _("\n- ended: %s (%s; %s)\n") : _("\nended:    %s (%s; %s)\n"), t, off,
		  s->closed ? _("closed") : _("still open: scored as of now"));
	sb_printf(out, md ? _("\n**Score: %zu of %zu checks passed**\n")
			  : _("\nScore: %zu of %zu checks passed\n"),
		  s->passed, s->scored);
}

static bool
in_section(const struct score_check *c, int section)
{
	return section == 0   ? c->kind == SCORE_DEADLINE
	       : section == 1 ? c->kind == SCORE_LIMIT
			      : c->kind != SCORE_DEADLINE && c->kind != SCORE_LIMIT;
}

static void
checks_text(const struct score *s, int section, bool md, struct strbuf *out)
{
	static const char *const titles[] = {N_("预案时限 (plan deadlines)"),
					     N_("演练时限 (scenario limits)"),
					     N_("预期结果 (expected outcome)")};
	/* What each kind of check is called (score_kind_name() is the machines' name). */
	static const char *const kinds[] = {
		[SCORE_DEADLINE] = N_("deadline"), [SCORE_LIMIT] = N_("limit"),
		[SCORE_LEVEL] = N_("level"),	   [SCORE_PHASE] = N_("phase"),
		[SCORE_GROUP] = N_("group"),	   [SCORE_CONTACT] = N_("contact"),
	};
	size_t shown = 0;

	sb_printf(out, md ? "\n## %s\n\n" : "\n%s\n", _(titles[section]));
	for (size_t i = 0; i < s->n_checks; i++) {
		const struct score_check *c = &s->checks[i];

		if (!in_section(c, section))
			continue;
		if (md && !shown)
			sb_printf(out, "%s\n|---|---|---|---|\n", _("| result | check | what | outcome |"));
		shown++;
		sb_printf(out, md ? "| %s | %s " : "  %-4s  %s ", mark(c->verdict), _(kinds[c->kind]));
		clean(out, c->id, md);
		sb_append(out, md ? " | " : ": ");
		/* The plan's or the scenario's words, but for the level's, which are ours. */
		clean(out, c->kind == SCORE_LEVEL ? _(c->text) : c->text, md);
		sb_append(out, md ? " | " : "\n        ");
		check_outcome(out, s, c, md);
		sb_append(out, md ? " |\n" : "\n");
	}
	if (!shown)
		sb_printf(out, "%s%s\n", md ? "- " : "  ", _("none"));
}

static void
levels_text(const struct score *s, bool md, struct strbuf *out)
{
	char t[32], off[48];

	sb_printf(out, md ? "\n## %s\n\n" : "\n%s\n", _("级别变化 (level history)"));
	for (size_t i = 0; i < s->n_levels; i++) {
		const struct score_level *l = &s->levels[i];

		offset(s, l->ms, off, sizeof(off));
		time_format_local(l->ms, t, sizeof(t));
		sb_printf(out, md ? "- %s %s " : "  %-8s  %s  ", off, t);
		clean(out, l->id, md);
		sb_append(out, " ");
		clean(out, l->name, md);
		sb_append(out, " — ");
		clean(out, l->by, md);
		if (l->reason) {
			sb_append(out, ": ");
			clean(out, l->reason, md);
		}
		sb_append(out, "\n");
	}
	if (!s->n_levels)
		sb_printf(out, "%s%s\n", md ? "- " : "  ", _("none confirmed"));
}

static void
timeline_text(const struct score *s, bool md, struct strbuf *out)
{
	char t[32], off[48];

	sb_printf(out, md ? "\n## %s\n\n" : "\n%s\n", _("时间线 (timeline)"));
	if (md)
		sb_printf(out, "%s\n|---|---|---|---|---|\n",
			  _("| # | drill clock | time | operator | what |"));
	for (size_t i = 0; i < s->n_timeline; i++) {
		const struct score_line *e = &s->timeline[i];

		offset(s, e->ms, off, sizeof(off));
		time_format_local(e->ms, t, sizeof(t));
		sb_printf(out, md ? "| %lld | %s | %s | " : "  %4lld  %-8s  %s  ",
			  (long long)e->seq, off, t);
		clean(out, e->by, md);
		sb_append(out, md ? " | " : "  ");
		clean(out, e->text ? e->text : e->summary, md);
		sb_append(out, md ? " |\n" : "\n");
	}
}

static void
render_text(const struct score *s, bool md, struct strbuf *out)
{
	header(s, md, out);
	for (int section = 0; section < 3; section++)
		checks_text(s, section, md, out);
	levels_text(s, md, out);
	timeline_text(s, md, out);
	sb_printf(out, md ? _("\n---\njournal head `%lld:%s`\n") : _("\njournal head %lld:%s\n"),
		  (long long)s->head_seq, s->head_hash);
}

/* ---- JSON ---- */

static void
set_time(struct value *o, const char *key, const struct score *s, int64_t ms)
{
	char t[40], k[48];

	snprintf(k, sizeof(k), "%s_offset_s", key);
	if (!ms) {
		value_set(o, key, value_null());
		value_set(o, k, value_null());
		return;
	}
	time_format_iso(ms, t, sizeof(t));
	value_set_str(o, key, t);
	value_set_int(o, k, (ms - s->start_ms) / 1000);
}

static void
set_str_or_null(struct value *o, const char *key, const char *s)
{
	value_set(o, key, s ? value_str(s) : value_null());
}

static struct value *
check_value(const struct score *s, const struct score_check *c)
{
	struct value *o = value_obj();

	value_set_str(o, "kind", score_kind_name(c->kind));
	value_set_str(o, "id", c->id);
	set_str_or_null(o, "text", c->text);
	value_set_str(o, "verdict", score_verdict_name(c->verdict));
	value_set_str(o, "status", c->status);
	set_time(o, "due", s, c->due_ms);
	set_time(o, "met", s, c->met_ms);
	set_str_or_null(o, "event", c->how);
	set_str_or_null(o, "detail", c->detail);
	return o;
}

static struct value *
render_json(const struct score *s)
{
	struct value *o = value_obj(), *sc = value_obj(), *plan = value_obj(), *arr;
	char buf[100];

	value_set_str(o, "report", "drill-score");
	value_set_int(o, "incident", s->incident);
	set_str_or_null(o, "title", s->title);
	value_set_bool(o, "drill", true);
	set_str_or_null(sc, "id", s->scenario_id);
	set_str_or_null(sc, "title", s->scenario_title);
	set_str_or_null(sc, "sha256", s->scenario_sha256);
	value_set(o, "scenario", sc);
	set_str_or_null(plan, "id", s->plan_id);
	set_str_or_null(plan, "title", s->plan_title);
	value_set(o, "plan", plan);
	set_time(o, "start", s, s->start_ms);
	set_time(o, "end", s, s->end_ms);
	value_set_bool(o, "closed", s->closed);
	value_set_int(o, "passed", (int64_t)s->passed);
	value_set_int(o, "scored", (int64_t)s->scored);
	snprintf(buf, sizeof(buf), "%zu of %zu checks passed", s->passed, s->scored);
	value_set_str(o, "summary", buf);
	arr = value_set(o, "checks", value_arr());
	for (size_t i = 0; i < s->n_checks; i++)
		value_push(arr, check_value(s, &s->checks[i]));
	arr = value_set(o, "levels", value_arr());
	for (size_t i = 0; i < s->n_levels; i++) {
		struct value *l = value_push(arr, value_obj());

		value_set_str(l, "level", s->levels[i].id);
		value_set_str(l, "name", s->levels[i].name);
		set_time(l, "at", s, s->levels[i].ms);
		set_str_or_null(l, "by", s->levels[i].by);
		set_str_or_null(l, "reason", s->levels[i].reason);
	}
	arr = value_set(o, "timeline", value_arr());
	for (size_t i = 0; i < s->n_timeline; i++) {
		struct value *e = value_push(arr, value_obj());

		value_set_int(e, "seq", s->timeline[i].seq);
		set_time(e, "at", s, s->timeline[i].ms);
		set_str_or_null(e, "operator", s->timeline[i].by);
		value_set_str(e, "kind", s->timeline[i].kind);
		set_str_or_null(e, "summary", s->timeline[i].summary);
	}
	snprintf(buf, sizeof(buf), "%lld:%s", (long long)s->head_seq, s->head_hash);
	value_set_str(o, "head", buf);
	return o;
}

void
score_render(const struct score *s, enum report_format fmt, struct strbuf *out,
	     struct value **json)
{
	*json = NULL;
	if (fmt == FORMAT_JSON)
		*json = render_json(s);
	else if (fmt == FORMAT_TXT || fmt == FORMAT_MD)
		render_text(s, fmt == FORMAT_MD, out);
}
