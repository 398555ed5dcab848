/*
 * The local contacts file (yingji-playbook(5), THE LOCAL CONTACTS FILE): the
 * people and phone numbers behind a playbook's contacts.  A published
 * playbook names units and posts with placeholder numbers; a deployment keeps
 * its people in this file, so that the playbook carries no personal data.
 *
 * A book is built from a document tree and checked against the playbook in
 * use (--playbook): every contact id it names must be one of that playbook's
 * contacts, and its `plan:`, when given, must be that playbook's plan.  It
 * then applies to the incidents opened under that plan (under any version of
 * its playbook: an id the incident's version lacks is simply not found), never
 * to drills, so that a tabletop exercise cannot dial a real person.
 *
 * Nothing from a book is ever journalled or exported: it is shown, never
 * recorded.  The book is immutable; every pointer handed out is borrowed and
 * valid until contact_book_free().
 */
#ifndef YINGJI_CORE_CONTACT_BOOK_H
#define YINGJI_CORE_CONTACT_BOOK_H

#include <stdbool.h>
#include <stddef.h>

#include "core/incident.h"
#include "core/playbook.h"
#include "util/doc.h"
#include "util/status.h"
#include "util/value.h"

struct strbuf;

/* One person behind a playbook contact.  mobile and note are NULL when not given. */
struct cb_entry {
	const char *contact;	/* the playbook contact's id */
	const char *person, *phone, *mobile, *note;
	struct pb_pos pos;
};

struct contact_book;

/*
 * Build and check a book from a parsed document against `pb`, the playbook in
 * use (NULL when it could not be loaded: then only the file's own form is
 * checked, and the result is an error all the same).  Every problem is added
 * to `diags` with its position.  YJ_OK and a new book in *out when there are
 * no errors; otherwise YJ_ERR_DATA and *out NULL.
 */
enum yj_status contact_book_from_doc(const struct doc *doc, const struct playbook *pb,
				     struct contact_book **out, struct diag_list *diags);
/* Release a book; sets *b to NULL.  NULL is fine. */
void contact_book_free(struct contact_book **b);

/* The file it was read from (as named to the loader). */
const char *contact_book_file(const struct contact_book *b);
/* The plan it applies to: its `plan:`, else that of the playbook it was checked against. */
const char *contact_book_plan(const struct contact_book *b);
size_t contact_book_count(const struct contact_book *b);
const struct cb_entry *contact_book_entry(const struct contact_book *b, size_t i);

/* Whether the book (NULL: none) applies to incident `st`: its plan, and not a drill. */
bool contact_book_applies(const struct contact_book *b, const struct incident *st);
/* The entry for contact `id` in incident `st`; NULL when the book does not apply or
 * does not name the contact. */
const struct cb_entry *contact_book_find(const struct contact_book *b, const struct incident *st,
					 const char *id);

/*
 * "张三      13800000000  mobile 13900000000  夜间请拨手机": the person padded to a
 * fixed width so that the numbers of several lines align, control characters
 * made visible.  No newline.
 */
void contact_book_line(const struct cb_entry *e, struct strbuf *out);
/*
 * What `yingji show --json` adds: an object keyed by contact id, each
 * {"person", "phone", "mobile", "note"} (null when not given), for the
 * contacts of st's playbook that the book names.  NULL when the book does not
 * apply to `st`.
 */
struct value *contact_book_value(const struct contact_book *b, const struct incident *st);

#endif
