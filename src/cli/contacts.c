/*
 * The local contacts file for the commands that show contacts (show, the
 * console): where it is, and loading it before anything is opened, so that a
 * bad file stops the command with its diagnostics and touches no record.
 */
#include "config.h"

#include "cli/cli.h"
#include "io/contact_book_load.h"
#include "util/xalloc.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* $YINGJI_CONTACTS (*named), else $XDG_CONFIG_HOME/yingji/contacts.yaml, else ~/.config/…. */
static char *
contacts_path(bool *named)
{
	const char *env = getenv("YINGJI_CONTACTS"), *xdg = getenv("XDG_CONFIG_HOME");

	*named = env && *env;
	if (*named)
		return xstrdup(env);
	if (xdg && *xdg == '/')
		return xasprintf("%s/yingji/contacts.yaml", xdg);
	return xasprintf("%s/.config/yingji/contacts.yaml", cli_home_dir());
}

/* The file a warning is about (the only warning the loader gives: others can read it). */
static char *
warned_file(const struct diag_list *dl)
{
	for (size_t i = 0; i < dl->n; i++)
		if (dl->items[i].severity == DIAG_WARNING && dl->items[i].file)
			return xstrdup(dl->items[i].file);
	return NULL;
}

int
cli_load_contacts(const struct cli_ctx *ctx, struct contact_book **out, char **shared)
{
	struct diag_list dl = {0};
	struct stat sb;
	bool named;
	char *path = contacts_path(&named);
	enum yj_status rc;

	*out = NULL;
	if (shared)
		*shared = NULL;
	/* At a default place no file is the usual case: the playbook's placeholders show. */
	if (!named && stat(path, &sb) != 0 && (errno == ENOENT || errno == ENOTDIR)) {
		free(path);
		return EXIT_OK;
	}
	rc = contact_book_load(path, ctx->playbook, out, &dl);
	cli_print_diags(&dl);
	if (rc == YJ_OK && shared)
		*shared = warned_file(&dl);
	diag_list_clear(&dl);
	free(path);
	return cli_exit_code(rc);
}
