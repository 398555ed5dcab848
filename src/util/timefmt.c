#include "config.h"

#include "util/timefmt.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static bool
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static bool
valid_date(int y, int m, int d)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (y < 1970 || y > 9999 || m < 1 || m > 12 || d < 1)
		return false;
	return d <= days[m - 1] + (m == 2 && leap(y));
}

bool
time_parse_date(const char *s, int *y, int *m, int *d)
{
	char tail;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	if (sscanf(s, "%4d-%2d-%2d%c", y, m, d, &tail) != 3)
		return false;
	return valid_date(*y, *m, *d);
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian), for UTC conversion. */
static int64_t
days_from_civil(int y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* Parse an offset "Z", "+08:00", "+0800", "-05:00"; seconds east of UTC. */
static bool
parse_offset(const char *s, int *secs)
{
	int h, m;

	if (strcmp(s, "Z") == 0 || strcmp(s, "z") == 0) {
		*secs = 0;
		return true;
	}
	if ((s[0] != '+' && s[0] != '-') || strlen(s) < 5)
		return false;
	if (strlen(s) == 6 && s[3] == ':' && sscanf(s + 1, "%2d:%2d", &h, &m) == 2)
		;
	else if (strlen(s) == 5 && sscanf(s + 1, "%2d%2d", &h, &m) == 2)
		;
	else
		return false;
	if (h > 14 || m > 59)
		return false;
	*secs = (h * 3600 + m * 60) * (s[0] == '-' ? -1 : 1);
	return true;
}

bool
time_parse(const char *s, int64_t *ms)
{
	int y, mo, d, h, mi, sec = 0, used = 0, offset, frac = 0;
	char date[11];
	const char *rest;

	if (strlen(s) < 16 || (s[10] != ' ' && s[10] != 'T'))
		return false;
	memcpy(date, s, 10);
	date[10] = '\0';
	if (!time_parse_date(date, &y, &mo, &d))
		return false;
	if (sscanf(s + 11, "%2d:%2d%n", &h, &mi, &used) != 2 || used != 5)
		return false;
	rest = s + 16;
	if (rest[0] == ':') {
		if (sscanf(rest + 1, "%2d%n", &sec, &used) != 1 || used != 2)
			return false;
		rest += 3;
		if (rest[0] == '.') {
			/* Milliseconds, as written by time_format_iso(). */
			if (sscanf(rest + 1, "%3d%n", &frac, &used) != 1 || used != 3)
				return false;
			rest += 4;
		}
	}
	if (h > 23 || mi > 59 || sec > 59)
		return false;
	if (*rest) {
		if (!parse_offset(rest, &offset))
			return false;
		*ms = ((days_from_civil(y, mo, d) * 86400) + h * 3600 + mi * 60 + sec - offset) *
			      1000 + frac;
		return true;
	}
	{
		struct tm tm = {0};
		time_t t;

		tm.tm_year = y - 1900;
		tm.tm_mon = mo - 1;
		tm.tm_mday = d;
		tm.tm_hour = h;
		tm.tm_min = mi;
		tm.tm_sec = sec;
		tm.tm_isdst = -1;
		t = mktime(&tm);
		if (t == (time_t)-1)
			return false;
		*ms = (int64_t)t * 1000 + frac;
	}
	return true;
}

static void
local_tm(int64_t ms, struct tm *tm)
{
	time_t t = (time_t)(ms >= 0 ? ms / 1000 : (ms - 999) / 1000);

	localtime_r(&t, tm);
}

void
time_format_local(int64_t ms, char *buf, size_t n)
{
	struct tm tm;

	local_tm(ms, &tm);
	strftime(buf, n, "%Y-%m-%d %H:%M:%S", &tm);
}

void
time_format_local_short(int64_t ms, char *buf, size_t n)
{
	struct tm tm;

	local_tm(ms, &tm);
	strftime(buf, n, "%Y-%m-%d %H:%M", &tm);
}

void
time_format_iso(int64_t ms, char *buf, size_t n)
{
	time_t t = (time_t)(ms >= 0 ? ms / 1000 : (ms - 999) / 1000);
	struct tm tm;
	char tmp[32];

	gmtime_r(&t, &tm);
	strftime(tmp, sizeof(tmp), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf, n, "%s.%03dZ", tmp, (int)(ms - (int64_t)t * 1000));
}

int64_t
time_end_of_local_day(int64_t ms)
{
	struct tm tm;
	time_t t;

	local_tm(ms, &tm);
	tm.tm_hour = 23;
	tm.tm_min = 59;
	tm.tm_sec = 59;
	tm.tm_isdst = -1;
	t = mktime(&tm);
	return (int64_t)t * 1000 + 999;
}
