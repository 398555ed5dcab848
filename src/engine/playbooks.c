/*
 * Stored playbooks, read back through their parsed tree (util/docbin.h)
 * when the database holds one, so that opening an incident does not run the
 * YAML reader: most of the cost of loading a playbook is libyaml's.  The tree
 * is a projection of the stored text like the others: written by the first
 * write that loads the playbook without one, checked by `yingji verify`.
 */
#include "config.h"

#include "engine/engine_impl.h"
#include "io/yaml_doc.h"
#include "util/docbin.h"
#include "util/strbuf.h"

#include <stdlib.h>

struct playbook *
stored_playbook_from_tree(struct engine *e, const char *hash, const char *name)
{
	struct diag_list dl = {0};
	struct playbook *pb = NULL;
	struct doc *doc = NULL;
	void *tree = NULL;
	size_t len = 0;

	if (store_get_playbook_tree(engine_store(e), hash, DOCBIN_VERSION, &tree, &len) == YJ_OK)
		doc = docbin_decode(tree, len, name);
	free(tree);
	/* A damaged tree is only a slower load: the text is read instead. */
	if (doc && playbook_from_doc(doc, &pb, &dl) != YJ_OK)
		pb = NULL;
	doc_free(&doc);
	diag_list_clear(&dl);
	return pb;
}

enum yj_status
stored_playbook_from_text(const char *name, const char *text, size_t len, struct playbook **pb,
			  struct strbuf *tree, struct diag_list *dl)
{
	struct doc *doc = NULL;
	enum yj_status rc = yaml_doc_parse(text, len, name, &doc, dl);

	*pb = NULL;
	if (rc == YJ_OK)
		rc = playbook_from_doc(doc, pb, dl);
	if (rc == YJ_OK)
		docbin_encode(doc, tree);
	doc_free(&doc);
	return rc;
}
