#include "config.h"

#include "io/hash.h"
#include "io/playbook_load.h"
#include "io/scenario_load.h"
#include "io/yaml_doc.h"
#include "util/fileio.h"
#include "util/str.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void
sc_loaded_clear(struct sc_loaded *l)
{
	scenario_free(&l->scenario);
	demo_free(&l->demo);
	playbook_free(&l->pb);
	free(l->playbook_path);
	memset(l, 0, sizeof(*l));
}

/* The folder of `path` ("." for a bare name); the caller frees it. */
static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	return slash == path ? xstrdup("/") : xstrndup(path, (size_t)(slash - path));
}

static bool
is_file(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}

/* The first existing FILE among the places to look; NULL (and `tried` filled) when none. */
static char *
find_playbook(const char *file, const char *scenario_path, const char *default_playbook,
	      const char *playbooks_dir, struct strbuf *tried)
{
	char *dirs[3] = {dir_of(scenario_path), default_playbook ? dir_of(default_playbook) : NULL,
			 playbooks_dir ? xstrdup(playbooks_dir) : NULL};
	char *found = NULL;

	if (file[0] == '/')
		found = is_file(file) ? xstrdup(file) : NULL;
	for (size_t i = 0; file[0] != '/' && !found && i < 3; i++) {
		char *p;

		if (!dirs[i] || (i && dirs[i - 1] && strcmp(dirs[i], dirs[i - 1]) == 0))
			continue;
		p = xasprintf("%s/%s", dirs[i], file);
		sb_printf(tried, "%s%s", tried->len ? ", " : "", dirs[i]);
		if (is_file(p))
			found = p;
		else
			free(p);
	}
	for (size_t i = 0; i < 3; i++)
		free(dirs[i]);
	return found;
}

/* Find and load the playbook the document names; problems are reported at its position. */
static struct playbook *
load_named_playbook(const struct doc *doc, const char *path, const char *default_playbook,
		    const char *playbooks_dir, char **where, struct diag_list *diags)
{
	struct sc_playbook_ref ref;
	struct strbuf tried = STRBUF_INIT;
	struct playbook *pb = NULL;
	char *pb_path;

	*where = NULL;
	if (!scenario_doc_playbook(doc, &ref))
		return NULL;	/* the builder reports a missing or malformed section */
	pb_path = ref.file ? find_playbook(ref.file, path, default_playbook, playbooks_dir, &tried)
			   : xstrdup(default_playbook);
	if (!pb_path) {
		diag_add(diags, DIAG_ERROR, doc->file, ref.file_pos.line, ref.file_pos.col,
			 "cannot find the playbook '%s' (looked in %s)", ref.file, sb_str(&tried));
	} else if (playbook_load(pb_path, &pb, diags) != YJ_OK) {
		diag_add(diags, DIAG_ERROR, doc->file, ref.file_pos.line, ref.file_pos.col,
			 "the playbook %s cannot be used (its own diagnostics say why)", pb_path);
		free(pb_path);
		pb_path = NULL;
	}
	sb_free(&tried);
	*where = pb_path;
	return pb;
}

static bool
is_demo(const struct doc *doc)
{
	return doc->root && doc_get(doc->root, "yingji_demo") != NULL;
}

enum yj_status
scenario_load(const char *path, const char *default_playbook, const char *playbooks_dir,
	      struct sc_loaded *out, struct diag_list *diags)
{
	char hex[2 * ENTRY_HASH_LEN + 1];
	struct scenario_source src;
	struct doc *doc = NULL;
	char *buf;
	size_t len;
	enum yj_status rc;

	memset(out, 0, sizeof(*out));
	rc = file_read_all(path, YAML_DOC_MAX_BYTES, &buf, &len, diags);
	if (rc != YJ_OK)
		return rc;
	rc = yaml_doc_parse(buf, len, path, &doc, diags);
	if (rc == YJ_OK) {
		hash_sha256_hex(buf, len, hex);
		src = (struct scenario_source){path, buf, len, hex};
		out->pb = load_named_playbook(doc, path, default_playbook, playbooks_dir,
					      &out->playbook_path, diags);
		rc = is_demo(doc) ? demo_from_doc(doc, out->pb, &src, &out->demo, diags)
				  : scenario_from_doc(doc, out->pb, &src, &out->scenario, diags);
	}
	doc_free(&doc);
	free(buf);
	if (rc != YJ_OK)
		sc_loaded_clear(out);
	return rc;
}

enum yj_status
scenario_load_bytes(const char *name, const char *buf, size_t len, const struct playbook *pb,
		    struct scenario **out, struct diag_list *diags)
{
	char hex[2 * ENTRY_HASH_LEN + 1];
	struct scenario_source src;
	struct doc *doc = NULL;
	enum yj_status rc;

	*out = NULL;
	rc = yaml_doc_parse(buf, len, name, &doc, diags);
	if (rc != YJ_OK)
		return rc;
	hash_sha256_hex(buf, len, hex);
	src = (struct scenario_source){name, buf, len, hex};
	rc = scenario_from_doc(doc, pb, &src, out, diags);
	doc_free(&doc);
	return rc;
}
