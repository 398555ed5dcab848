#include "config.h"

#include "util/strbuf.h"
#include "util/text.h"

#include <stdio.h>
#include <string.h>
#include <wchar.h>

size_t
text_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t n;
	uint32_t c, min;

	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	if ((u[0] & 0xe0) == 0xc0) {
		n = 2, c = u[0] & 0x1f, min = 0x80;
	} else if ((u[0] & 0xf0) == 0xe0) {
		n = 3, c = u[0] & 0x0f, min = 0x800;
	} else if ((u[0] & 0xf8) == 0xf0) {
		n = 4, c = u[0] & 0x07, min = 0x10000;
	} else {
		*cp = 0xfffd;
		return 1;
	}
	if (n > len)
		goto bad;
	for (size_t i = 1; i < n; i++) {
		if ((u[i] & 0xc0) != 0x80)
			goto bad;
		c = (c << 6) | (u[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		goto bad;
	*cp = c;
	return n;
bad:
	*cp = 0xfffd;
	return 1;
}

static bool
is_control(uint32_t cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0);
}

/* The visible stand-in for a control character. */
static void
control_form(uint32_t cp, char *buf, size_t n)
{
	if (cp < 0x20)
		snprintf(buf, n, "^%c", (char)(cp + '@'));
	else if (cp == 0x7f)
		snprintf(buf, n, "^?");
	else
		snprintf(buf, n, "<U+%04X>", (unsigned)cp);
}

int
text_cp_width(uint32_t cp)
{
	int w;

	if (is_control(cp)) {
		char buf[16];

		control_form(cp, buf, sizeof(buf));
		return (int)strlen(buf);
	}
	w = wcwidth((wchar_t)cp);
	if (w >= 0)
		return w;
	/* Not printable in this locale: East Asian wide ranges still take 2 columns. */
	if ((cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf) ||
	    (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
	    (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
	    (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x20000 && cp <= 0x3fffd))
		return 2;
	return 1;
}

void
text_sanitize(struct strbuf *out, const char *s, unsigned flags)
{
	size_t len = strlen(s);

	while (len) {
		uint32_t cp;
		size_t n = text_decode(s, len, &cp);

		if (cp == '\n' && (flags & TEXT_KEEP_NEWLINES)) {
			sb_putc(out, '\n');
		} else if (cp == '\n' || cp == '\t') {
			sb_putc(out, ' ');
		} else if (is_control(cp)) {
			char buf[16];

			control_form(cp, buf, sizeof(buf));
			sb_append(out, buf);
		} else if (cp == 0xfffd && n == 1) {
			sb_append(out, "\xef\xbf\xbd");
		} else {
			sb_append_n(out, s, n);
		}
		s += n;
		len -= n;
	}
}

size_t
text_width(const char *s)
{
	size_t len = strlen(s), w = 0;

	while (len) {
		uint32_t cp;
		size_t n = text_decode(s, len, &cp);

		w += (size_t)text_cp_width(cp == '\n' || cp == '\t' ? ' ' : cp);
		s += n;
		len -= n;
	}
	return w;
}

bool
text_valid_utf8(const char *s, size_t len)
{
	while (len) {
		uint32_t cp;
		size_t n = text_decode(s, len, &cp);

		if (cp == 0xfffd && n == 1)
			return false;
		s += n;
		len -= n;
	}
	return true;
}

bool
text_has_control(const char *s, uint32_t *cp)
{
	size_t len = strlen(s);

	while (len) {
		size_t n = text_decode(s, len, cp);

		if (is_control(*cp))
			return true;
		s += n;
		len -= n;
	}
	return false;
}

size_t
text_fit(struct strbuf *out, const char *s, size_t cols, bool pad)
{
	struct strbuf clean = STRBUF_INIT;
	const char *p;
	size_t len, used = 0, total;

	text_sanitize(&clean, s, 0);
	p = sb_str(&clean);
	len = clean.len;
	total = text_width(p);
	while (len) {
		uint32_t cp;
		size_t n = text_decode(p, len, &cp);
		size_t w = (size_t)text_cp_width(cp);

		/* Leave room for the ellipsis when the rest does not fit. */
		if (used + w > cols || (total > cols && used + w > cols - 1))
			break;
		used += w;
		p += n;
		len -= n;
	}
	/* What fits, in one piece: the console fits every span of every frame. */
	sb_append_n(out, sb_str(&clean), clean.len - len);
	if (len && cols > used) {
		sb_append(out, "\xe2\x80\xa6");
		used++;
	}
	while (pad && used < cols) {
		sb_putc(out, ' ');
		used++;
	}
	sb_free(&clean);
	return used;
}
