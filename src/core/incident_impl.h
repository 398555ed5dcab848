/* Private to the incident fold: the derived parts computed after the replay. */
#ifndef YINGJI_CORE_INCIDENT_IMPL_H
#define YINGJI_CORE_INCIDENT_IMPL_H

#include "core/incident.h"

/* level.c: the suggested level and the criteria that matched. */
void level_suggest(struct incident *st);
/* level.c: whether a numeric condition holds on the recorded fields. */
bool level_cond_holds(const struct incident *st, const struct pb_cond *c);
/* contacts.c: whom the confirmed level and its escalation routes call for. */
void contacts_due(struct incident *st);

#endif
