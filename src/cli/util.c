#include "config.h"

#include "cli/cli.h"
#include "util/strbuf.h"
#include "util/text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

int
cli_exit_code(enum yj_status st)
{
	switch (st) {
	case YJ_OK:
		return EXIT_OK;
	case YJ_ERR_USAGE:
		return EXIT_USAGE;
	case YJ_ERR_DATA:
	case YJ_ERR_REFUSED:
	case YJ_ERR_TOO_BIG:
	case YJ_ERR_DB_CORRUPT:
		return EXIT_DATAERR;
	case YJ_ERR_NOINPUT:
		return EXIT_NOINPUT;
	case YJ_ERR_IO:
		return EXIT_IOERR;
	case YJ_ERR_DB_UNAVAILABLE:
	case YJ_ERR_DB_READONLY:
		return EXIT_UNAVAILABLE;
	case YJ_ERR_DB_BUSY:
		return EXIT_TEMPFAIL;
	case YJ_ERR_INTERNAL:
		return EXIT_SOFTWARE;
	}
	return EXIT_SOFTWARE;
}

static void
vprint_error(const char *fmt, va_list ap)
{
	struct strbuf raw = STRBUF_INIT, clean = STRBUF_INIT;

	sb_vprintf(&raw, fmt, ap);
	text_sanitize(&clean, sb_str(&raw), 0);
	fprintf(stderr, "yingji: %s\n", sb_str(&clean));
	sb_free(&raw);
	sb_free(&clean);
}

void
cli_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprint_error(fmt, ap);
	va_end(ap);
}

void
cli_print_diags(struct diag_list *dl)
{
	diag_sort(dl);
	for (size_t i = 0; i < dl->n; i++) {
		char *line = diag_format(&dl->items[i]);
		struct strbuf clean = STRBUF_INIT;

		text_sanitize(&clean, line, 0);
		fprintf(stderr, "%s\n", sb_str(&clean));
		sb_free(&clean);
		free(line);
	}
}

int
cli_usage_error(const struct cli_command *cmd, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprint_error(fmt, ap);
	va_end(ap);
	fprintf(stderr, "usage: yingji %s %s\n", cmd->name, cmd->usage);
	return EXIT_USAGE;
}

int
cli_write(FILE *f, const char *s, size_t len)
{
	return fwrite(s, 1, len, f) == len;
}
