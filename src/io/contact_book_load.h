/*
 * Read the local contacts file (yingji-playbook(5)): the YAML, checked
 * against the playbook in use, and a word when others can read it.
 */
#ifndef YINGJI_IO_CONTACT_BOOK_LOAD_H
#define YINGJI_IO_CONTACT_BOOK_LOAD_H

#include "core/contact_book.h"
#include "util/status.h"

/*
 * Load the contacts file at `path` and check it against the playbook at
 * `pb_path`, the playbook in use (loaded here and released).  On YJ_OK *out
 * is a new book (free with contact_book_free; pass NULL only to check it);
 * otherwise *out is NULL and `diags` says why: YJ_ERR_NOINPUT (the file or the
 * playbook cannot be opened), YJ_ERR_IO, YJ_ERR_TOO_BIG or YJ_ERR_DATA
 * (invalid; the playbook's own problems are in `diags` too).  A file that its
 * group or others may read loads all the same, with a warning: it holds
 * people's numbers.
 */
enum yj_status contact_book_load(const char *path, const char *pb_path,
				 struct contact_book **out, struct diag_list *diags);

/*
 * `yingji playbook check` on one file: a local contacts file (one whose top
 * level has `yingji_contacts`) is checked against the playbook at `pb_path`,
 * and anything else as a playbook.  Every problem goes to `diags`, those of
 * the playbook at pb_path too when it cannot be loaded; returns as the loaders.
 */
enum yj_status contact_book_or_playbook_check(const char *path, const char *pb_path,
					      struct diag_list *diags);

#endif
