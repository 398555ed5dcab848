/*
 * Text that came from users or files, made safe and measured for the terminal.
 * Control characters never reach a terminal raw: they are shown as ^X (C0, DEL)
 * or <U+0085> (C1).  Widths follow wcwidth() for a UTF-8 locale, counting
 * double-width (CJK) characters as 2 columns; invalid bytes show as U+FFFD.
 */
#ifndef YINGJI_UTIL_TEXT_H
#define YINGJI_UTIL_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct strbuf;

enum {
	TEXT_KEEP_NEWLINES = 1,	/* keep '\n' (multi-line output); otherwise it shows as a space */
};

/* Append `s` to `out` with control characters made visible. */
void text_sanitize(struct strbuf *out, const char *s, unsigned flags);
/* Decode one UTF-8 character at s (len bytes left); returns its byte length (>=1),
 * setting *cp, or 1 with *cp = 0xFFFD for an invalid sequence. */
size_t text_decode(const char *s, size_t len, uint32_t *cp);
/* Terminal columns of one code point (0, 1 or 2; controls count as their visible form). */
int text_cp_width(uint32_t cp);
/* Columns of a whole sanitized string. */
size_t text_width(const char *s);
/* Whether `s` is valid UTF-8 throughout. */
bool text_valid_utf8(const char *s, size_t len);
/* Whether `s` holds a control character (C0 including newline and tab, DEL, C1);
 * *cp is set to the first one. */
bool text_has_control(const char *s, uint32_t *cp);
/*
 * Append `s` to `out` cut to at most `cols` columns; if cut, end with an ellipsis
 * ("…", 1 column) and never split a character.  Pads with spaces to exactly `cols`
 * when `pad` is true.  Returns the columns written.
 */
size_t text_fit(struct strbuf *out, const char *s, size_t cols, bool pad);

#endif
