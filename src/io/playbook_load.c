#include "config.h"

#include "io/playbook_load.h"
#include "io/yaml_doc.h"
#include "util/fileio.h"

#include <stdlib.h>

enum yj_status
playbook_load_bytes(const char *name, const char *buf, size_t len, struct playbook **out,
		    struct diag_list *diags)
{
	struct doc *doc = NULL;
	enum yj_status rc;

	*out = NULL;
	rc = yaml_doc_parse(buf, len, name, &doc, diags);
	if (rc != YJ_OK)
		return rc;
	rc = playbook_from_doc(doc, out, diags);
	doc_free(&doc);
	return rc;
}

enum yj_status
playbook_load_text(const char *path, struct playbook **out, char **text, size_t *len,
		   struct diag_list *diags)
{
	char *buf;
	size_t n;
	enum yj_status rc;

	*out = NULL;
	rc = file_read_all(path, YAML_DOC_MAX_BYTES, &buf, &n, diags);
	if (rc != YJ_OK)
		return rc;
	rc = playbook_load_bytes(path, buf, n, out, diags);
	if (rc == YJ_OK && text) {
		*text = buf;
		*len = n;
	} else {
		free(buf);
	}
	return rc;
}

enum yj_status
playbook_load(const char *path, struct playbook **out, struct diag_list *diags)
{
	return playbook_load_text(path, out, NULL, NULL, diags);
}
