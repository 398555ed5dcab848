/* Console strings go through gettext (util/i18n.h). */
#ifndef YINGJI_TUI_I18N_H
#define YINGJI_TUI_I18N_H

#include "util/i18n.h"

#endif
