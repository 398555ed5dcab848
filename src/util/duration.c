#include "config.h"

#include "util/duration.h"

#include <stdio.h>
#include <string.h>

struct duration_unit {
	const char *name;
	int64_t secs;
	bool long_only;
};

/* Longest names first so that "mo" wins over "m". */
static const struct duration_unit units[] = {
	{"mo", 30 * 86400, true}, {"y", 365 * 86400, true}, {"w", 7 * 86400, false},
	{"d", 86400, false},      {"h", 3600, false},       {"m", 60, false},
	{"s", 1, false},
};

static const struct duration_unit *
match_unit(const char **p, unsigned flags)
{
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		size_t len = strlen(units[i].name);

		if (strncmp(*p, units[i].name, len) != 0)
			continue;
		if (units[i].long_only && !(flags & DURATION_ALLOW_LONG))
			return NULL;
		*p += len;
		return &units[i];
	}
	return NULL;
}

bool
duration_parse(const char *s, unsigned flags, int64_t *secs)
{
	const int64_t limit = (int64_t)1000 * 365 * 86400;
	int64_t total = 0;
	const char *p = s;

	if (!s || !*s)
		return false;
	while (*p) {
		int64_t n = 0;
		const struct duration_unit *u;

		if (*p < '0' || *p > '9')
			return false;
		while (*p >= '0' && *p <= '9') {
			n = n * 10 + (*p++ - '0');
			if (n > limit)
				return false;
		}
		u = match_unit(&p, flags);
		if (!u)
			return false;
		total += n * u->secs;
		if (total > limit)
			return false;
	}
	*secs = total;
	return true;
}

void
duration_format(int64_t secs, char *buf, unsigned long n)
{
	static const struct duration_unit show[] = {
		{"d", 86400, false}, {"h", 3600, false}, {"m", 60, false}, {"s", 1, false}};
	size_t used = 0;

	if (n == 0)
		return;
	buf[0] = '\0';
	if (secs < 0) {
		used += (size_t)snprintf(buf, n, "-");
		secs = -secs;
	}
	if (secs == 0) {
		snprintf(buf + used, n - used, "0m");
		return;
	}
	for (size_t i = 0; i < sizeof(show) / sizeof(show[0]) && used < n; i++) {
		int64_t q = secs / show[i].secs;

		if (!q)
			continue;
		used += (size_t)snprintf(buf + used, n - used, "%lld%s", (long long)q, show[i].name);
		secs -= q * show[i].secs;
	}
}

void
duration_format_drill(int64_t secs, char *buf, unsigned long n)
{
	char d[40];

	if (secs == 0) {
		snprintf(buf, n, "T+0");
		return;
	}
	duration_format(secs < 0 ? -secs : secs, d, sizeof(d));
	snprintf(buf, n, "T%c%s", secs < 0 ? '-' : '+', d);
}
