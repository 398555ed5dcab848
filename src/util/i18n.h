/*
 * Strings people read go through gettext: the catalogue for the officer's
 * language (po/zh_CN.po) is chosen by the locale (LANGUAGE, LC_ALL,
 * LC_MESSAGES, LANG).  N_() marks a string in a table for translation where
 * the table is defined; _() looks it up where it is shown.  The console's
 * screens and the bulletin (core/bulletin.c) use it; po/POTFILES.in lists
 * every file that does.
 */
#ifndef YINGJI_UTIL_I18N_H
#define YINGJI_UTIL_I18N_H

#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s) gettext(s)
#else
#define _(s) (s)
#endif
#define N_(s) (s)

#endif
