#include "config.h"

#include "core/field.h"
#include "core/i18n.h"
#include "util/duration.h"
#include "util/str.h"
#include "util/strbuf.h"
#include "util/timefmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static bool
parse_bool(const char *s, bool *b)
{
	static const char *const yes[] = {"yes", "y", "true", "是", "1"};
	static const char *const no[] = {"no", "n", "false", "否", "0"};

	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		if (strcasecmp(s, yes[i]) == 0) {
			*b = true;
			return true;
		}
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if (strcasecmp(s, no[i]) == 0) {
			*b = false;
			return true;
		}
	return false;
}

bool
field_parse_answer(const char *input, int *answer)
{
	bool b;

	if (!*input || strcasecmp(input, "unknown") == 0) {
		*answer = -1;
		return true;
	}
	if (!parse_bool(input, &b))
		return false;
	*answer = b ? 1 : 0;
	return true;
}

static bool
check_range(const struct pb_field *f, double v, struct strbuf *err)
{
	if (f->has_min && v < f->min) {
		sb_printf(err, _("%s must be at least %g"), f->m.id, f->min);
		return false;
	}
	if (f->has_max && v > f->max) {
		sb_printf(err, _("%s must be at most %g"), f->m.id, f->max);
		return false;
	}
	return true;
}

static bool
parse_number(const struct pb_field *f, const char *in, struct strbuf *norm, double *num,
	     struct strbuf *err)
{
	long long ll;

	if (f->type == PB_FIELD_INTEGER) {
		if (!str_to_ll(in, &ll)) {
			sb_printf(err, _("%s must be a whole number, not '%s'"), f->m.id, in);
			return false;
		}
		*num = (double)ll;
		if (!check_range(f, *num, err))
			return false;
		sb_printf(norm, "%lld", ll);
		return true;
	}
	if (!str_to_double(in, num)) {
		sb_printf(err, _("%s must be a number, not '%s'"), f->m.id, in);
		return false;
	}
	if (!check_range(f, *num, err))
		return false;
	sb_append(norm, in);
	return true;
}

static bool
parse_time_field(const struct pb_field *f, const char *in, struct strbuf *norm, double *num,
		 struct strbuf *err)
{
	char buf[40];
	int64_t ms;
	int y, m, d;

	if (f->type == PB_FIELD_DATE) {
		if (!time_parse_date(in, &y, &m, &d)) {
			sb_printf(err, _("%s must be a date written YYYY-MM-DD, not '%s'"), f->m.id, in);
			return false;
		}
		snprintf(buf, sizeof(buf), "%s 00:00", in);
		time_parse(buf, &ms);
		*num = (double)ms;
		sb_append(norm, in);
		return true;
	}
	if (!time_parse(in, &ms)) {
		sb_printf(err, _("%s must be a time written 'YYYY-MM-DD HH:MM' (local) or with a zone "
			       "such as 'Z' or '+08:00', not '%s'"), f->m.id, in);
		return false;
	}
	*num = (double)ms;
	time_format_iso(ms, buf, sizeof(buf));
	sb_append(norm, buf);
	return true;
}

/* Match an id or a display name among {id, name} pairs. */
static const char *
match_item(const struct pb_item *items, size_t n, const char *in)
{
	for (size_t i = 0; i < n; i++)
		if (str_eq(items[i].id, in) || str_eq(items[i].name, in))
			return items[i].id;
	return NULL;
}

static bool
parse_category(const struct playbook *pb, const struct pb_field *f, const char *in,
	       struct strbuf *norm, struct strbuf *err)
{
	for (size_t i = 0; i < playbook_category_count(pb); i++) {
		const struct pb_category *c = playbook_category(pb, i);

		if (str_eq(c->m.id, in) || str_eq(c->name, in)) {
			sb_append(norm, c->m.id);
			return true;
		}
	}
	sb_printf(err, _("%s: unknown category '%s' (see 'yingji playbook show' for the list)"),
		  f->m.id, in);
	return false;
}

static bool
parse_subtype(const struct playbook *pb, const struct pb_field *f, const char *in,
	      const char *category, struct strbuf *norm, struct strbuf *err)
{
	const struct pb_category *c = playbook_find_category(pb, category);

	if (!c) {
		sb_printf(err, _("%s: choose the category first"), f->m.id);
		return false;
	}
	for (size_t i = 0; i < c->n_subtypes; i++)
		if (str_eq(c->subtypes[i].m.id, in) || str_eq(c->subtypes[i].name, in)) {
			sb_append(norm, c->subtypes[i].m.id);
			return true;
		}
	sb_printf(err, _("%s: '%s' is not a sub-type of %s"), f->m.id, in, c->name);
	return false;
}

bool
field_parse(const struct playbook *pb, const struct pb_field *f, const char *in,
	    const char *category, struct strbuf *norm, double *num, struct strbuf *err)
{
	int64_t secs;
	const char *id;
	bool b;

	*num = 0;
	if (!*in) {
		sb_printf(err, _("%s: empty value"), f->m.id);
		return false;
	}
	switch (f->type) {
	case PB_FIELD_TEXT:
	case PB_FIELD_LONGTEXT:
		sb_append(norm, in);
		return true;
	case PB_FIELD_INTEGER:
	case PB_FIELD_NUMBER:
		return parse_number(f, in, norm, num, err);
	case PB_FIELD_DURATION:
		if (!duration_parse(in, 0, &secs)) {
			sb_printf(err, _("%s must be a duration such as 45m, 2h or 1h30m, not '%s'"),
				  f->m.id, in);
			return false;
		}
		*num = (double)secs;
		sb_append(norm, in);
		return true;
	case PB_FIELD_DATETIME:
	case PB_FIELD_DATE:
		return parse_time_field(f, in, norm, num, err);
	case PB_FIELD_BOOLEAN:
		if (!parse_bool(in, &b)) {
			sb_printf(err, _("%s must be yes or no, not '%s'"), f->m.id, in);
			return false;
		}
		sb_append(norm, b ? "yes" : "no");
		*num = b;
		return true;
	case PB_FIELD_CHOICE:
		id = match_item(f->choices, f->n_choices, in);
		if (!id) {
			sb_printf(err, _("%s: '%s' is not one of the choices:"), f->m.id, in);
			for (size_t i = 0; i < f->n_choices; i++)
				sb_printf(err, " %s (%s)", f->choices[i].id, f->choices[i].name);
			return false;
		}
		sb_append(norm, id);
		return true;
	case PB_FIELD_CATEGORY:
		return parse_category(pb, f, in, norm, err);
	case PB_FIELD_SUBTYPE:
		return parse_subtype(pb, f, in, category, norm, err);
	}
	return false;
}

const struct pb_field *
field_category_field(const struct playbook *pb)
{
	for (size_t i = 0; i < playbook_field_count(pb); i++)
		if (playbook_field(pb, i)->type == PB_FIELD_CATEGORY)
			return playbook_field(pb, i);
	return NULL;
}

void
field_display(const struct playbook *pb, const struct pb_field *f, const char *norm,
	      struct strbuf *out)
{
	const struct pb_category *c;
	int64_t ms;
	char buf[40];

	switch (f->type) {
	case PB_FIELD_DATETIME:
		if (time_parse(norm, &ms)) {
			time_format_local(ms, buf, sizeof(buf));
			sb_append(out, buf);
			return;
		}
		break;
	case PB_FIELD_CHOICE:
		for (size_t i = 0; i < f->n_choices; i++)
			if (str_eq(f->choices[i].id, norm)) {
				sb_append(out, f->choices[i].name);
				return;
			}
		break;
	case PB_FIELD_CATEGORY:
		c = playbook_find_category(pb, norm);
		if (c) {
			sb_append(out, c->name);
			return;
		}
		break;
	case PB_FIELD_SUBTYPE:
		for (size_t i = 0; i < playbook_category_count(pb); i++) {
			c = playbook_category(pb, i);
			for (size_t k = 0; k < c->n_subtypes; k++)
				if (str_eq(c->subtypes[k].m.id, norm)) {
					sb_append(out, c->subtypes[k].name);
					return;
				}
		}
		break;
	default:
		break;
	}
	sb_append(out, norm);
	if (f->unit && (f->type == PB_FIELD_INTEGER || f->type == PB_FIELD_NUMBER)) {
		sb_append(out, " ");
		sb_append(out, f->unit);
	}
}
