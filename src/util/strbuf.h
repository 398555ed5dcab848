/* A growable, always NUL-terminated byte buffer. */
#ifndef YINGJI_UTIL_STRBUF_H
#define YINGJI_UTIL_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
	char *buf;	/* NULL until the first append; then NUL-terminated */
	size_t len, cap;
};

#define STRBUF_INIT {NULL, 0, 0}

void sb_append(struct strbuf *sb, const char *s);
void sb_append_n(struct strbuf *sb, const char *s, size_t n);
void sb_putc(struct strbuf *sb, char c);
void sb_printf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vprintf(struct strbuf *sb, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* The contents ("" when empty); valid until the next change. */
const char *sb_str(const struct strbuf *sb);
void sb_reset(struct strbuf *sb);
/* Hand the buffer to the caller (who frees it) and reset sb. */
char *sb_detach(struct strbuf *sb);
void sb_free(struct strbuf *sb);

#endif
