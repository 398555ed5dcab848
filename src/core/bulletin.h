/*
 * The information bulletin (信息报告, 信息报送): what the plan requires to be
 * sent upward about an incident, filled from its state.  Everything
 * plan-specific comes from the playbook's `reporting` section: the duty's
 * name, who reports to whom, how soon, by which channels and the items the
 * bulletin must contain (潞城 4.1.1: time, place, unit, source, category,
 * loss, scope, trend, handling).  To these the record adds what any bulletin
 * carries: the level, the measures taken, who was notified, who holds the
 * roles, and the journal head it was made from.
 */
#ifndef YINGJI_CORE_BULLETIN_H
#define YINGJI_CORE_BULLETIN_H

#include "core/incident.h"
#include "core/report.h"

struct strbuf;
struct value;

/*
 * The reporting duty a bulletin follows: the plan's first emergency duty that
 * lists content, else its first upward one that does, else its first
 * emergency or upward duty; NULL when the plan has none.
 */
const struct pb_bulletin *bulletin_duty(const struct playbook *pb);
/*
 * The field a content item is filled from: the field of the same id, else
 * the one of the same name (潞城's 时间 is the field discovered_at); NULL
 * when the plan records it in no field.
 */
const struct pb_field *bulletin_field(const struct playbook *pb, const struct pb_item *item);
/*
 * Render the bulletin as report_export() does (txt, md or json; CSV is not
 * a form of it, and the caller refuses it).  Its labels go through gettext.
 */
void bulletin_export(const struct incident *st, enum report_format fmt, struct strbuf *out,
		     struct value **json);

#endif
