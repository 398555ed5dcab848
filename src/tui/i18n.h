/*
 * Console strings go through gettext like every message for people: see
 * core/i18n.h for _() and N_().
 */
#ifndef YINGJI_TUI_I18N_H
#define YINGJI_TUI_I18N_H

#include "core/i18n.h"

#endif
