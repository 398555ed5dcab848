/*
 * How the console writes times, countdowns and levels.  Pure functions of
 * their arguments (and TZ): the clock is read by the app, never here.
 */
#ifndef YINGJI_TUI_FMT_H
#define YINGJI_TUI_FMT_H

#include <stddef.h>
#include <stdint.h>

#include "core/incident.h"
#include "tui/style.h"

struct strbuf;

/* A length of time as a countdown: "09:30", "1:02:03", "3d 04:05" (sign ignored). */
void fmt_span(int64_t ms, char *buf, size_t n);
/* Local "HH:MM" for today's times, "MM-DD HH:MM" otherwise (relative to now). */
void fmt_when(int64_t ms, int64_t now_ms, char *buf, size_t n);
/*
 * How a deadline or duty stands at now: "19:32 left", "overdue 02:10",
 * "met 10:20", "not started"; and the style it is drawn in: amber when less
 * than a quarter of its time is left, red when missed.
 */
void fmt_clock(const struct clock_state *c, int64_t now_ms, struct strbuf *out);
enum tui_style fmt_clock_style(const struct clock_state *c, int64_t now_ms);
/* The id and text of a clock's deadline or duty. */
const char *fmt_clock_id(const struct clock_state *c);
const char *fmt_clock_text(const struct clock_state *c);
/* The style of a level's badge, from the colour the playbook gives it. */
enum tui_style fmt_level_style(enum pb_colour c);
/* A playbook level's label for a badge ("Ⅳ级"), or its id. */
const char *fmt_level_label(const struct playbook *pb, int level);
/* A role, unit or group's name, or its id when the playbook has no such party. */
const char *fmt_party(const struct playbook *pb, const char *id);
/* The time the incident began, for "elapsed": the first date-time field of the
 * start phase when recorded, else the time the report was taken. */
int64_t fmt_incident_start(const struct incident *st);
/* What a journal entry recorded, in the officer's language, with the plan's
 * names for items, phases, contacts and parties (unsanitized: draw it). */
void fmt_entry(const struct playbook *pb, const struct entry *e, struct strbuf *out);
/* A notification channel as people say it ("phone" -> "电话"). */
const char *fmt_channel(const char *channel);
/* A checklist item of a phase by id (its text), or the id itself. */
const char *fmt_item_text(const struct playbook *pb, const char *phase, const char *item);

#endif
