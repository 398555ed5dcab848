#include "config.h"

#include "core/summary.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>

void
incident_summary_clear(struct incident_summary *s)
{
	free(s->title);
	free(s->plan_id);
	free(s->phase);
	free(s->phase_title);
	free(s->level);
	free(s->level_label);
	memset(s, 0, sizeof(*s));
}

static char *
dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void
incident_summary_copy(struct incident_summary *dst, const struct incident_summary *src)
{
	*dst = *src;
	dst->title = dup_or_null(src->title);
	dst->plan_id = dup_or_null(src->plan_id);
	dst->phase = dup_or_null(src->phase);
	dst->phase_title = dup_or_null(src->phase_title);
	dst->level = dup_or_null(src->level);
	dst->level_label = dup_or_null(src->level_label);
}
