#include "config.h"

#include "io/playbook_load.h"
#include "io/yaml_doc.h"

enum yj_status
playbook_load(const char *path, struct playbook **out, struct diag_list *diags)
{
	struct doc *doc = NULL;
	enum yj_status rc;

	*out = NULL;
	rc = yaml_doc_load_file(path, &doc, diags);
	if (rc != YJ_OK)
		return rc;
	rc = playbook_from_doc(doc, out, diags);
	doc_free(&doc);
	return rc;
}
