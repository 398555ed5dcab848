/*
 * Messages for people go through gettext: the catalogue for the officer's
 * language (po/zh_CN.po) is chosen by the locale (LANGUAGE, LC_ALL,
 * LC_MESSAGES, LANG).  N_() marks a string in a table for translation where
 * the table is defined; _() looks it up where it is shown.  Core may use it:
 * libintl is no terminal, and the texts it makes (refusals, reports, the
 * handover briefing) are read by the same officer as the console's own.
 *
 * What machines read (JSON keys and values, CSV, the names a command line
 * takes) stays English whatever the locale: such text is never passed
 * through _().
 */
#ifndef YINGJI_CORE_I18N_H
#define YINGJI_CORE_I18N_H

#include "util/i18n.h"

#include <stdbool.h>

/*
 * A text that both faces make, people's in the locale's words and machines'
 * in English: msgid marked with N_() where it is written.
 */
static inline const char *i18n_say(bool human, const char *msgid) __attribute__((format_arg(2)));

static inline const char *
i18n_say(bool human, const char *msgid)
{
	return human ? _(msgid) : msgid;
}

#endif
