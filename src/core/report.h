/*
 * What an incident's state looks like to people and to machines: the state
 * view (yingji show, with --json), the handover briefing, one-line summaries of
 * journal entries, and the exported reports.  Every text from users or files is
 * sanitized here, so nothing below the CLI can smuggle a control character out.
 */
#ifndef YINGJI_CORE_REPORT_H
#define YINGJI_CORE_REPORT_H

#include "core/incident.h"
#include "util/value.h"

struct contact_book;
struct strbuf;

enum report_kind { REPORT_INCIDENT, REPORT_TIMELINE, REPORT_REVIEW, REPORT_BULLETIN };
enum report_format { FORMAT_TXT, FORMAT_MD, FORMAT_JSON, FORMAT_CSV };

/* The whole state as a value tree (the stable JSON of `yingji show --json`). */
struct value *report_state_value(const struct incident *st);
/* The state for people (yingji show), with the people and numbers of the local
 * contacts file under the contacts to notify (`book`: NULL for none). */
void report_state_text(const struct incident *st, const struct contact_book *book,
		       struct strbuf *out);
/* The handover briefing (ICS 201 manner): situation, level, actions so far
 * (the last 40, and how many came before: it must not grow with the incident),
 * open items, deadlines, and the journal head it was made at.  st->entries
 * must be the whole journal (engine_view). */
void report_briefing(const struct incident *st, struct strbuf *out);
/* One line saying what an entry recorded, e.g. "ticked report-office (…)", in the locale's words. */
void report_entry_line(const struct playbook *pb, const struct entry *e, struct strbuf *out);
/* How a notification was sent (phone sms written verbal), in the locale's words. */
const char *report_channel_name(const char *channel);
/* The same line in English whatever the locale, for what machines read (JSON, CSV). */
void report_entry_summary(const struct playbook *pb, const struct entry *e, struct strbuf *out);

/* Parse "incident"/"timeline"/"review"/"bulletin" and "txt"/"md"/"json"/"csv"; false when unknown. */
bool report_kind_parse(const char *s, enum report_kind *k);
bool report_format_parse(const char *s, enum report_format *f);
/*
 * Render a report.  JSON reports are returned as a value in *json (the caller
 * encodes and frees it) and nothing is appended to out; other formats append
 * text to out and leave *json NULL.  The journal head (seq and hash) is always
 * part of the report, so the copy pins the record it came from.
 */
void report_export(const struct incident *st, enum report_kind kind, enum report_format fmt,
		   struct strbuf *out, struct value **json);

#endif
