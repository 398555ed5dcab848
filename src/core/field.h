/*
 * Field values as officers type them, checked against the field's type in the
 * playbook and normalized for the journal:
 *   text, longtext  non-empty text
 *   integer         whole number within min/max          "120"
 *   number          decimal number within min/max        "1.5e8"
 *   duration        a duration                            "2h30m" (kept as typed, value in seconds)
 *   datetime        "YYYY-MM-DD HH:MM[:SS]" local, or with Z/+08:00 -> ISO UTC
 *   date            "YYYY-MM-DD"
 *   boolean         yes/no, true/false, 是/否           -> "yes"/"no"
 *   choice          a choice id or its name              -> the id
 *   category        a category id or its name            -> the id
 *   subtype         a sub-type id or name of the chosen category -> the id
 */
#ifndef YINGJI_CORE_FIELD_H
#define YINGJI_CORE_FIELD_H

#include <stdbool.h>

#include "core/playbook.h"

struct strbuf;

/*
 * Check and normalize `input` for field f.  `category` is the id of the chosen
 * category (for subtype fields; NULL when none chosen).  On success appends the
 * normalized text to `norm`, sets *num (numbers, seconds, ms; 0 for text) and
 * returns true; otherwise appends a one-line reason to `err` and returns false.
 */
bool field_parse(const struct playbook *pb, const struct pb_field *f, const char *input,
		 const char *category, struct strbuf *norm, double *num, struct strbuf *err);
/* The field's value as people read it (choice names, local times); appends to out. */
void field_display(const struct playbook *pb, const struct pb_field *f, const char *norm,
		   struct strbuf *out);
/* The id of the playbook's category field, or NULL. */
const struct pb_field *field_category_field(const struct playbook *pb);
/* Parse a yes/no answer: yes/no/true/false/是/否 (and "" or "unknown" for unknown). */
bool field_parse_answer(const char *input, int *answer);

#endif
