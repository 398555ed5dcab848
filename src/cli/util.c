#include "config.h"

#include "cli/cli.h"
#include "engine/engine.h"
#include "io/clocks.h"
#include "util/str.h"
#include "util/strbuf.h"
#include "util/text.h"

#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <unistd.h>

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

int
cli_open_engine(const struct cli_ctx *ctx, bool create, bool readonly, struct engine **out)
{
	struct strbuf why = STRBUF_INIT;
	struct yj_clock clock;
	struct engine_opts o = {ctx->db, ctx->operator_name, &clock, create, readonly};
	enum yj_status rc;

	if (!clock_init_from_env(&clock)) {
		cli_error("YINGJI_NOW is not a time (write 'YYYY-MM-DD HH:MM[:SS]', optionally "
			  "with Z or +08:00)");
		return EXIT_USAGE;
	}
	rc = engine_open(&o, out, &why);
	if (rc == YJ_OK)
		return 0;
	if (rc == YJ_ERR_NOINPUT)
		cli_error("no database at %s (take a report first with 'yingji new', or give "
			  "--db)", ctx->db);
	else
		cli_error("%s", sb_str(&why));
	sb_free(&why);
	return cli_exit_code(rc);
}

bool
cli_parse_id(const struct cli_command *cmd, const char *s, int64_t *id)
{
	long long v;

	if (!s || !str_to_ll(s, &v) || v <= 0) {
		cli_usage_error(cmd, "'%s' is not an incident id (a positive number)", s ? s : "");
		return false;
	}
	*id = v;
	return true;
}

int
cli_fail(enum yj_status rc, const struct strbuf *why)
{
	cli_error("%s", why->len ? sb_str(why) : yj_status_message(rc));
	return cli_exit_code(rc);
}

int
cli_print(const char *s)
{
	return cli_write(stdout, s, strlen(s)) ? EXIT_OK : EXIT_IOERR;
}

void
cli_syslog_pin(const char *what, int64_t id, const char *pin)
{
	/* The pin must live outside the database to show a truncated or rewritten chain. */
	openlog("yingji", LOG_PID, LOG_USER);
	syslog(LOG_INFO, "%s incident %lld journal head %s", what, (long long)id, pin);
	closelog();
}

static int
load(const struct cli_ctx *ctx, int64_t id, int64_t at, bool whole, struct incident_view **v)
{
	struct strbuf why = STRBUF_INIT;
	struct engine *e = NULL;
	enum yj_status rc;
	int x = cli_open_engine(ctx, false, true, &e);

	if (x)
		return x;
	rc = whole ? engine_view(e, id, at, v, &why) : engine_view_tail(e, id, at, v, &why);
	engine_close(&e);
	x = rc == YJ_OK ? EXIT_OK : cli_fail(rc, &why);
	sb_free(&why);
	return x;
}

int
cli_load_view(const struct cli_ctx *ctx, int64_t id, int64_t at, struct incident_view **v)
{
	return load(ctx, id, at, true, v);
}

int
cli_load_state(const struct cli_ctx *ctx, int64_t id, int64_t at, struct incident_view **v)
{
	return load(ctx, id, at, false, v);
}

const char *
cli_home_dir(void)
{
	const char *home = getenv("HOME");
	struct passwd *pw;

	if (home && *home)
		return home;
	pw = getpwuid(getuid());
	return pw && pw->pw_dir ? pw->pw_dir : "/";
}

int
cli_worse_exit(int a, int b)
{
	/* Over several files: success < missing file < read error < invalid data;
	 * any other code (an internal error) outranks them all. */
	static const int order[] = {EXIT_OK, EXIT_NOINPUT, EXIT_IOERR, EXIT_DATAERR};
	int ra = 4, rb = 4;

	for (int i = 0; i < 4; i++) {
		if (order[i] == a)
			ra = i;
		if (order[i] == b)
			rb = i;
	}
	return ra >= rb ? a : b;
}
