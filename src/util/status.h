/*
 * Status codes shared by every layer, and diagnostics: the list of problems found
 * in an input file, each with its position.  Nothing below cli/ prints or exits;
 * functions return a status and fill a diagnostic list instead.
 */
#ifndef YINGJI_UTIL_STATUS_H
#define YINGJI_UTIL_STATUS_H

#include <stdarg.h>
#include <stddef.h>

/* X(name, message) */
#define YJ_STATUS_TABLE(X) \
	X(OK, "success") \
	X(ERR_USAGE, "wrong command line") \
	X(ERR_DATA, "invalid input data") \
	X(ERR_REFUSED, "refused by the plan") \
	X(ERR_NOINPUT, "no such file or incident") \
	X(ERR_IO, "input/output error") \
	X(ERR_TOO_BIG, "input too large") \
	X(ERR_DB_UNAVAILABLE, "database unavailable") \
	X(ERR_DB_BUSY, "database busy") \
	X(ERR_DB_CORRUPT, "database corrupt or not a yingji database") \
	X(ERR_DB_READONLY, "database is read-only") \
	X(ERR_INTERNAL, "internal error")

enum yj_status {
#define YJ_STATUS_ENUM(name, msg) YJ_##name,
	YJ_STATUS_TABLE(YJ_STATUS_ENUM)
#undef YJ_STATUS_ENUM
};

/* A fixed English description of a status code. */
const char *yj_status_message(enum yj_status st);

enum diag_severity { DIAG_ERROR, DIAG_WARNING };

struct diag {
	char *file;		/* owned; may be NULL */
	int line, col;		/* 1-based; 0 when not known */
	enum diag_severity severity;
	char *message;		/* owned */
};

struct diag_list {
	struct diag *items;
	size_t n, cap;
	size_t errors, warnings;
};

/* Append one diagnostic; `file` is copied. */
void diag_add(struct diag_list *dl, enum diag_severity sev, const char *file, int line, int col,
	      const char *fmt, ...) __attribute__((format(printf, 6, 7)));
void diag_vadd(struct diag_list *dl, enum diag_severity sev, const char *file, int line, int col,
	       const char *fmt, va_list ap) __attribute__((format(printf, 6, 0)));
/* Order by file then line then column, keeping insertion order for ties. */
void diag_sort(struct diag_list *dl);
/* Format one diagnostic as "FILE:LINE:COL: error: MESSAGE" into a fresh string. */
char *diag_format(const struct diag *d);
void diag_list_clear(struct diag_list *dl);

#endif
