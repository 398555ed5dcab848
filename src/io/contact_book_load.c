#include "config.h"

#include "io/contact_book_load.h"
#include "io/playbook_load.h"
#include "io/yaml_doc.h"

#include <stdlib.h>
#include <sys/stat.h>

/* The file names people and their numbers: say so when it is not private. */
static void
check_private(const char *path, struct diag_list *diags)
{
	struct stat sb;

	if (stat(path, &sb) != 0 || !(sb.st_mode & (S_IRGRP | S_IROTH)))
		return;
	diag_add(diags, DIAG_WARNING, path, 0, 0,
		 "other users can read this file (mode %04o), and it holds people's names and "
		 "phone numbers; make it private: chmod 600 %s",
		 (unsigned)(sb.st_mode & 07777), path);
}

static bool
is_contacts(const struct doc *doc)
{
	return doc->root && doc_get(doc->root, "yingji_contacts") != NULL;
}

/* Check a parsed contacts file against the playbook at pb_path; *out as contact_book_load(). */
static enum yj_status
check_contacts(const struct doc *doc, const char *pb_path, struct contact_book **out,
	       struct diag_list *diags)
{
	struct contact_book *b = NULL;
	struct playbook *pb = NULL;
	enum yj_status pb_rc = playbook_load(pb_path, &pb, diags), rc;

	if (pb_rc != YJ_OK)
		diag_add(diags, DIAG_ERROR, doc->file, 0, 0,
			 "cannot check the contact ids: the playbook in use, %s, cannot be loaded "
			 "(its own diagnostics say why)", pb_path);
	check_private(doc->file, diags);
	rc = contact_book_from_doc(doc, pb, &b, diags);
	if (out)
		*out = b;
	else
		contact_book_free(&b);
	playbook_free(&pb);
	/* A playbook that is missing is a missing file (66), not a bad contacts file. */
	return pb_rc != YJ_OK ? pb_rc : rc;
}

enum yj_status
contact_book_load(const char *path, const char *pb_path, struct contact_book **out,
		  struct diag_list *diags)
{
	struct doc *doc = NULL;
	enum yj_status rc;

	if (out)
		*out = NULL;
	rc = yaml_doc_load_file(path, &doc, diags);
	if (rc == YJ_OK)
		rc = check_contacts(doc, pb_path, out, diags);
	doc_free(&doc);
	return rc;
}

enum yj_status
contact_book_or_playbook_check(const char *path, const char *pb_path, struct diag_list *diags)
{
	struct playbook *pb = NULL;
	struct doc *doc = NULL;
	enum yj_status rc = yaml_doc_load_file(path, &doc, diags);

	if (rc != YJ_OK)
		return rc;
	if (is_contacts(doc)) {
		rc = check_contacts(doc, pb_path, NULL, diags);
	} else {
		rc = playbook_from_doc(doc, &pb, diags);
		playbook_free(&pb);
	}
	doc_free(&doc);
	return rc;
}
