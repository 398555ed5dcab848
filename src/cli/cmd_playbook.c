/*
 * yingji playbook check FILE... | playbook show FILE
 * `check` also checks local contacts files, against the playbook in use.
 */
#include "config.h"

#include "cli/cli.h"
#include "core/playbook_show.h"
#include "io/contact_book_load.h"
#include "io/playbook_load.h"
#include "util/strbuf.h"

#include <stdio.h>
#include <string.h>

static const struct cli_command playbook_cmd = {
	"playbook", "check FILE... | show FILE", "validate or summarise playbooks", NULL};

static int
playbook_check_files(const struct cli_ctx *ctx, int argc, char **argv)
{
	int rc = EXIT_OK;

	if (argc < 1)
		return cli_usage_error(&playbook_cmd, "playbook check: name at least one FILE");
	for (int i = 0; i < argc; i++) {
		struct diag_list dl = {0};
		enum yj_status st = contact_book_or_playbook_check(argv[i], ctx->playbook, &dl);

		cli_print_diags(&dl);
		rc = cli_worse_exit(rc, cli_exit_code(st));
		diag_list_clear(&dl);
	}
	return rc;
}

static int
playbook_show_file(const char *path)
{
	struct diag_list dl = {0};
	struct playbook *pb = NULL;
	struct strbuf out = STRBUF_INIT;
	enum yj_status st = playbook_load(path, &pb, &dl);
	int rc;

	cli_print_diags(&dl);
	diag_list_clear(&dl);
	if (st != YJ_OK)
		return cli_exit_code(st);
	playbook_show(pb, &out);
	rc = cli_write(stdout, sb_str(&out), out.len) ? EXIT_OK : EXIT_IOERR;
	sb_free(&out);
	playbook_free(&pb);
	return rc;
}

int
cmd_playbook(struct cli_ctx *ctx, int argc, char **argv)
{
	if (argc < 2)
		return cli_usage_error(&playbook_cmd, "playbook: say 'check' or 'show'");
	if (strcmp(argv[1], "check") == 0)
		return playbook_check_files(ctx, argc - 2, argv + 2);
	if (strcmp(argv[1], "show") == 0) {
		if (argc != 3)
			return cli_usage_error(&playbook_cmd, "playbook show: name exactly one FILE");
		return playbook_show_file(argv[2]);
	}
	return cli_usage_error(&playbook_cmd, "playbook: unknown subcommand '%s'", argv[1]);
}
