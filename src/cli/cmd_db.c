/* The commands about the database itself: verify and backup. */
#include "config.h"

#include "cli/cli.h"
#include "engine/engine.h"
#include "util/str.h"
#include "util/strbuf.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

/* "SEQ:HASH" with a positive SEQ and 64 hex digits. */
static bool
parse_pin(const char *s, int64_t *seq, char *hash)
{
	const char *colon = strchr(s, ':');
	char num[24];
	long long v;

	if (!colon || colon == s || (size_t)(colon - s) >= sizeof(num) || strlen(colon + 1) != 64)
		return false;
	memcpy(num, s, (size_t)(colon - s));
	num[colon - s] = '\0';
	if (!str_to_ll(num, &v) || v <= 0)
		return false;
	for (const char *p = colon + 1; *p; p++)
		if (!strchr("0123456789abcdef", *p))
			return false;
	*seq = v;
	strcpy(hash, colon + 1);
	return true;
}

/* Does incident id still hold entry seq with this hash? */
static int
check_pin(struct engine *e, int64_t id, int64_t seq, const char *hash)
{
	struct strbuf why = STRBUF_INIT;
	struct incident_view *v = NULL;
	char hex[2 * ENTRY_HASH_LEN + 1];
	enum yj_status rc = engine_view_tail(e, id, seq, &v, &why);
	int x = EXIT_OK;

	if (rc == YJ_ERR_NOINPUT) {
		printf("incident %lld: FAILED: the pinned entry %lld is gone (%s)\n", (long long)id,
		       (long long)seq, sb_str(&why));
		x = EXIT_CHECK_FAILED;
	} else if (rc != YJ_OK) {
		x = cli_fail(rc, &why);
	} else {
		entry_hash_hex(v->entries[v->n - 1].hash, hex);
		if (strcmp(hex, hash) != 0) {
			printf("incident %lld: FAILED: entry %lld no longer has the pinned hash "
			       "(the record was rewritten)\n", (long long)id, (long long)seq);
			x = EXIT_CHECK_FAILED;
		} else {
			printf("incident %lld: head %lld:%s is held\n", (long long)id,
			       (long long)seq, hash);
		}
	}
	incident_view_free(&v);
	sb_free(&why);
	return x;
}

int
cmd_verify(struct cli_ctx *ctx, int argc, char **argv)
{
	static const struct option opts[] = {{"head", required_argument, NULL, 'h'},
					     {NULL, 0, NULL, 0}};
	const struct cli_command *cmd = cli_find_command("verify");
	struct store_verify_result res;
	struct engine *e = NULL;
	const char *pin = NULL;
	char hash[65];
	int64_t id = 0, seq = 0;
	enum yj_status rc;
	int c, x;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (c == 'h')
			pin = optarg;
		else
			return cli_usage_error(cmd, c == ':' ? "option '%s' needs a value"
							     : "unknown option '%s'", argv[optind - 1]);
	}
	if (argc - optind > 1)
		return cli_usage_error(cmd, "verify: at most one incident ID");
	if (argc - optind == 1 && !cli_parse_id(cmd, argv[optind], &id))
		return EXIT_USAGE;
	if (pin && (!id || !parse_pin(pin, &seq, hash)))
		return cli_usage_error(cmd, "verify: --head takes SEQ:HASH (as printed on exports "
					    "and briefings) and needs an incident ID");
	x = cli_open_engine(ctx, false, true, &e);
	if (x)
		return x;
	rc = store_verify(engine_store(e), id, &res);
	if (rc == YJ_ERR_NOINPUT && pin) {
		/* The pinned incident is gone altogether: the record did not hold. */
		printf("incident %lld: FAILED: the incident holding the pinned head %lld is gone\n",
		       (long long)id, (long long)seq);
		engine_close(&e);
		return EXIT_CHECK_FAILED;
	}
	if (rc != YJ_OK) {
		cli_error("%s", store_error(engine_store(e)));
		engine_close(&e);
		return cli_exit_code(rc);
	}
	if (!res.ok) {
		printf("FAILED: %s\n", res.message);
		engine_close(&e);
		return EXIT_CHECK_FAILED;
	}
	printf("ok: %lld entries, hash chain intact\n", (long long)res.entries);
	x = pin ? check_pin(e, id, seq, hash) : EXIT_OK;
	engine_close(&e);
	return x;
}

int
cmd_backup(struct cli_ctx *ctx, int argc, char **argv)
{
	const struct cli_command *cmd = cli_find_command("backup");
	struct engine *e = NULL;
	enum yj_status rc;
	int x;

	if (argc != 2 || argv[1][0] == '-')
		return cli_usage_error(cmd, "backup: give the FILE to write");
	x = cli_open_engine(ctx, false, true, &e);
	if (x)
		return x;
	rc = store_backup(engine_store(e), argv[1]);
	if (rc != YJ_OK) {
		cli_error("backup to %s: %s", argv[1], store_error(engine_store(e)));
		x = cli_exit_code(rc);
	} else {
		printf("backed up %s to %s\n", ctx->db, argv[1]);
	}
	engine_close(&e);
	return x;
}
