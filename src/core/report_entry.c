/*
 * One line per journal entry, saying what it recorded: for people in the
 * locale's words and the playbook's (timelines, the briefing, the console),
 * and for machines in English with ids (the summaries of JSON and CSV).
 */
#include "config.h"

#include "core/i18n.h"
#include "core/report.h"
#include "util/str.h"
#include "util/strbuf.h"
#include "util/text.h"

static const char *
party(const struct playbook *pb, const char *id)
{
	const char *n = playbook_party_name(pb, id, NULL);

	return n ? n : id;
}

/*
 * People read an entry in the playbook's words (the item's text, the
 * phases' titles, the contact's name); machines by its ids.  An id the
 * playbook does not know is shown as it is.
 */
static const char *
phase_title(const struct playbook *pb, const char *id)
{
	const struct pb_phase *ph = playbook_find_phase(pb, id);

	return ph ? ph->title : id;
}

static const char *
item_text(const struct playbook *pb, const struct value *p)
{
	const struct pb_phase *ph = playbook_find_phase(pb, value_get_str(p, "phase"));
	const struct pb_check_item *it = ph ? pb_phase_find_item(ph, value_get_str(p, "item")) : NULL;

	return it ? it->text : value_get_str(p, "item");
}

const char *
report_channel_name(const char *channel)
{
	static const struct {
		const char *id, *name;
	} names[] = {
		{"phone", N_("phone")},
		{"sms", N_("text message")},
		{"written", N_("in writing")},
		{"verbal", N_("verbally")},
	};

	for (size_t i = 0; channel && i < sizeof(names) / sizeof(names[0]); i++)
		if (str_eq(names[i].id, channel))
			return _(names[i].name);
	return channel ? channel : "";
}

static const char *
field_name(const struct playbook *pb, const char *id)
{
	const struct pb_field *f = playbook_find_field(pb, id);

	return f ? f->name : id;
}

static const char *
contact_name(const struct playbook *pb, const char *id)
{
	const struct pb_contact *c = playbook_find_contact(pb, id);

	return c ? c->name : id;
}

/* The words of an entry's line: the locale's for people (i18n_say), English for machines. */
static void
entry_line(const struct playbook *pb, const struct entry *e, bool human, struct strbuf *out)
{
	const struct value *p = e->payload;
	struct strbuf line = STRBUF_INIT;
	const char *s;

	switch (e->kind) {
	case ENTRY_OPEN:
		/* A drill is marked wherever its entries are shown, CSV timelines included. */
		sb_printf(&line, i18n_say(human, N_("report taken%s: %s")),
		    value_as_bool(value_get(p, "drill"), false) ? i18n_say(human, N_(" [DRILL]")) : "",
		    value_get_str(p, "title"));
		break;
	case ENTRY_SET:
		sb_printf(&line, "%s", i18n_say(human, N_("recorded")));
		for (size_t i = 0; i < value_len(value_get(p, "fields")); i++)
			sb_printf(&line, "%s %s=%s", i ? "," : "",
			    human ? field_name(pb, value_key_at(value_get(p, "fields"), i))
				  : value_key_at(value_get(p, "fields"), i),
			    value_as_str(value_at(value_get(p, "fields"), i), ""));
		for (size_t i = 0; i < value_len(value_get(p, "answers")); i++)
			sb_printf(&line, "%s %s=%s", i || value_len(value_get(p, "fields")) ? "," : "",
			    value_key_at(value_get(p, "answers"), i),
			    value_as_str(value_at(value_get(p, "answers"), i), ""));
		break;
	case ENTRY_NOTE:
		sb_printf(&line, i18n_say(human, N_("note: %s")), value_get_str(p, "text"));
		break;
	case ENTRY_TICK:
		s = value_get_str(p, "action");
		sb_printf(&line, str_eq(s, "tick")   ? i18n_say(human, N_("ticked %s"))
			 : str_eq(s, "skip") ? i18n_say(human, N_("skipped %s"))
					     : i18n_say(human, N_("unticked %s")),
		    human ? item_text(pb, p) : value_get_str(p, "item"));
		if (value_get_str(p, "reason"))
			sb_printf(&line, ": %s", value_get_str(p, "reason"));
		break;
	case ENTRY_ADVANCE:
		/* As the console's timeline says it: the phases; the new one names the decision. */
		if (human)
			sb_printf(&line, "%s → %s", phase_title(pb, value_get_str(p, "from")),
			    phase_title(pb, value_get_str(p, "to")));
		else
			sb_printf(&line, "%s: %s → %s", value_get_str(p, "decision"),
			    value_get_str(p, "from"), value_get_str(p, "to"));
		if (value_get_str(p, "reason"))
			sb_printf(&line, " (%s)", value_get_str(p, "reason"));
		break;
	case ENTRY_LEVEL:
		sb_printf(&line, i18n_say(human, N_("level %s confirmed")), value_get_str(p, "level"));
		if (value_get_str(p, "previous"))
			sb_printf(&line, i18n_say(human, N_(" (was %s)")), value_get_str(p, "previous"));
		if (value_get_str(p, "reason"))
			sb_printf(&line, ": %s", value_get_str(p, "reason"));
		break;
	case ENTRY_NOTIFY:
		s = value_get_str(p, "channel");
		if (human)
			sb_printf(&line, "%s %s",
			    str_eq(value_get_str(p, "action"), "acknowledged") ? _("acknowledged")
										: _("notified"),
			    contact_name(pb, value_get_str(p, "contact")));
		else
			sb_printf(&line, "%s %s", value_get_str(p, "action"), value_get_str(p, "contact"));
		if (s)
			sb_printf(&line, i18n_say(human, N_(" by %s")), human ? report_channel_name(s) : s);
		break;
	case ENTRY_ASSIGN:
		sb_printf(&line, i18n_say(human, N_("%s holds %s")), value_get_str(p, "person"),
		    party(pb, value_get_str(p, "party")));
		break;
	case ENTRY_HANDOVER:
		sb_printf(&line, i18n_say(human, N_("handover of %s: %s → %s")),
		    party(pb, value_get_str(p, "party")), value_get_str(p, "from"),
		    value_get_str(p, "to"));
		break;
	case ENTRY_INJECT:
		sb_printf(&line, i18n_say(human, N_("inject: %s")), value_get_str(p, "message"));
		for (size_t i = 0; i < value_len(value_get(p, "fields")); i++)
			sb_printf(&line, "%s %s=%s", i ? "," : ";", value_key_at(value_get(p, "fields"), i),
			    value_as_str(value_at(value_get(p, "fields"), i), ""));
		break;
	case ENTRY_ANNOTATE:
		sb_printf(&line, i18n_say(human, N_("annotation on entry %lld: %s")),
		    (long long)value_as_int(value_get(p, "seq"), 0), value_get_str(p, "text"));
		break;
	case ENTRY_KIND_COUNT:
		break;
	}
	/* It carries text from users and files. */
	text_sanitize(out, sb_str(&line), TEXT_KEEP_NEWLINES);
	sb_free(&line);
}

void
report_entry_line(const struct playbook *pb, const struct entry *e, struct strbuf *out)
{
	entry_line(pb, e, true, out);
}

void
report_entry_summary(const struct playbook *pb, const struct entry *e, struct strbuf *out)
{
	entry_line(pb, e, false, out);
}
