/*
 * The playbook model: an organisation's emergency plan as data.
 *
 * A playbook is built from a document tree (core/playbook_build.c), checked
 * (core/playbook_check.c), and from then on immutable and shared: every pointer
 * handed out below is borrowed, const, and valid until playbook_free().  All of
 * it lives in one arena.  The format is documented in yingji-playbook(5).
 */
#ifndef YINGJI_CORE_PLAYBOOK_H
#define YINGJI_CORE_PLAYBOOK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/doc.h"
#include "util/status.h"

/* Where an item or a reference was written, for diagnostics. */
struct pb_pos {
	int line, col;
};

/* A reference to another item by id; resolved by the checker. */
struct pb_ref {
	const char *id;
	struct pb_pos pos;
};

struct pb_refs {
	size_t n;
	const struct pb_ref *v;
};

struct pb_strings {
	size_t n;
	const char *const *v;
};

/* Common to most items: id, the clause it comes from, a free note. */
struct pb_meta {
	const char *id;
	const char *source;	/* e.g. "4.1.1"; NULL when not given */
	const char *note;
	struct pb_pos pos;
};

struct pb_plan {
	const char *id, *title, *issuer, *date, *document, *reference, *scope, *source;
};

/* ---- organisation ---- */

#define PB_UNIT_KIND_TABLE(X) \
	X(HEADQUARTERS, "headquarters") \
	X(OFFICE, "office") \
	X(MEMBER, "member") \
	X(SECTION, "section") \
	X(EXTERNAL, "external")

enum pb_unit_kind {
#define PB_ENUM(name, str) PB_UNIT_##name,
	PB_UNIT_KIND_TABLE(PB_ENUM)
#undef PB_ENUM
};

enum pb_party_kind { PB_PARTY_ROLE, PB_PARTY_UNIT, PB_PARTY_GROUP };

struct pb_role {
	struct pb_meta m;
	const char *name, *held_by;
	bool command;		/* the command post: what a handover hands over by default */
	struct pb_ref unit;	/* id NULL when not given */
	struct pb_strings duties;
};

struct pb_unit {
	struct pb_meta m;
	const char *name;
	enum pb_unit_kind kind;
	struct pb_ref parent, located_in;
	struct pb_strings duties;
};

struct pb_group {
	struct pb_meta m;
	const char *name, *composition;
	struct pb_refs lead, members;
	struct pb_strings duties;
};

/* ---- contacts ---- */

#define PB_CHANNEL_TABLE(X) \
	X(PHONE, "phone") \
	X(SMS, "sms") \
	X(WRITTEN, "written") \
	X(VERBAL, "verbal")

enum pb_channel {
#define PB_ENUM(name, str) PB_CHANNEL_##name,
	PB_CHANNEL_TABLE(PB_ENUM)
#undef PB_ENUM
	PB_CHANNEL_COUNT
};

struct pb_contact {
	struct pb_meta m;
	const char *name, *phone, *hours;
	struct pb_ref party;	/* "for:" the role, unit or group reached */
	bool placeholder;
	unsigned channels;	/* bit set of 1u << enum pb_channel; 0 = not said */
};

/* ---- categories and fields ---- */

/* An {id, name} pair: a choice of a field, an item of required content. */
struct pb_item {
	const char *id, *name;
	struct pb_pos pos;
};

struct pb_subtype {
	struct pb_meta m;
	const char *name;
};

struct pb_category {
	struct pb_meta m;
	const char *name, *description;
	size_t n_subtypes;
	const struct pb_subtype *subtypes;
};

#define PB_FIELD_TYPE_TABLE(X) \
	X(TEXT, "text") \
	X(LONGTEXT, "longtext") \
	X(INTEGER, "integer") \
	X(NUMBER, "number") \
	X(DURATION, "duration") \
	X(DATETIME, "datetime") \
	X(DATE, "date") \
	X(BOOLEAN, "boolean") \
	X(CHOICE, "choice") \
	X(CATEGORY, "category") \
	X(SUBTYPE, "subtype")

enum pb_field_type {
#define PB_ENUM(name, str) PB_FIELD_##name,
	PB_FIELD_TYPE_TABLE(PB_ENUM)
#undef PB_ENUM
};

struct pb_field {
	struct pb_meta m;
	const char *name, *unit, *help;
	enum pb_field_type type;
	bool has_min, has_max, report;
	double min, max;
	size_t n_choices;
	const struct pb_item *choices;
};

/* ---- levels and criteria ---- */

#define PB_COLOUR_TABLE(X) \
	X(RED, "red") \
	X(ORANGE, "orange") \
	X(YELLOW, "yellow") \
	X(BLUE, "blue") \
	X(GREEN, "green") \
	X(PURPLE, "purple") \
	X(GREY, "grey") \
	X(WHITE, "white")

enum pb_colour {
#define PB_ENUM(name, str) PB_COLOUR_##name,
	PB_COLOUR_TABLE(PB_ENUM)
#undef PB_ENUM
};

enum pb_op { PB_OP_GE, PB_OP_GT, PB_OP_LE, PB_OP_LT, PB_OP_EQ, PB_OP_NE };

enum pb_cond_kind { PB_COND_ALL, PB_COND_ANY, PB_COND_COMPARE };

struct pb_cond {
	enum pb_cond_kind kind;
	struct pb_pos pos;
	/* ALL / ANY */
	size_t n;
	const struct pb_cond *kids;
	/* COMPARE: field op value (durations in seconds) */
	struct pb_ref field;
	enum pb_op op;
	double value;
	const char *value_text;	/* as written, for display */
};

struct pb_criterion {
	struct pb_meta m;
	const char *text;
	const char *ask;		/* qualitative: the yes/no question; NULL when numeric */
	const struct pb_cond *when;	/* numeric: the condition; NULL when qualitative */
};

struct pb_level {
	struct pb_meta m;
	const char *name, *label;
	enum pb_colour colour;
	bool otherwise;
	size_t n_criteria;
	const struct pb_criterion *criteria;
	struct pb_refs notify;	/* contacts */
	struct pb_refs groups;
};

/* ---- warnings ---- */

struct pb_warning_level {
	struct pb_meta m;
	const char *name, *label;
	enum pb_colour colour;
	struct pb_ref level;
};

struct pb_warnings {
	bool present;
	const char *source;
	struct pb_ref issued_by, proposed_by;
	size_t n_levels;
	const struct pb_warning_level *levels;
	size_t n_content;
	const struct pb_item *content;
	bool has_lift;
	struct pb_ref lift_by;
	const char *lift_text, *lift_source;
};

/* ---- phases ---- */

#define PB_PHASE_KIND_TABLE(X) \
	X(INTAKE, "intake") \
	X(TRIAGE, "triage") \
	X(ASSESSMENT, "assessment") \
	X(HANDLING, "handling") \
	X(RESPONSE, "response") \
	X(CLOSURE, "closure") \
	X(RECOVERY, "recovery") \
	X(REVIEW, "review") \
	X(CLOSED, "closed")

enum pb_phase_kind {
#define PB_ENUM(name, str) PB_PHASE_##name,
	PB_PHASE_KIND_TABLE(PB_ENUM)
#undef PB_ENUM
};

struct pb_check_item {
	struct pb_meta m;
	const char *text;
	struct pb_ref by;	/* party responsible; id NULL when not given */
	bool required;
};

struct pb_decision {
	struct pb_meta m;
	const char *label;
	struct pb_ref to;	/* phase */
	bool checked;		/* the phase's fields and required items must be done */
	bool reason;		/* a reason text is required */
	struct pb_refs by;	/* parties who may take it; empty = anyone */
	struct pb_refs levels;	/* confirmed levels at which it applies; empty = any */
};

/* Deadline anchors: when the clock starts. */
enum pb_anchor_kind {
	PB_ANCHOR_FIELD,	/* a datetime field's value */
	PB_ANCHOR_PHASE_START,	/* this phase was entered */
	PB_ANCHOR_PHASE_END,	/* the named phase was left */
	PB_ANCHOR_INCIDENT_OPEN	/* the incident was opened */
};

/* What meets a deadline or a repeating duty. */
enum pb_met_kind {
	PB_MET_TICK,		/* a checklist item of this phase ticked */
	PB_MET_LEAVE,		/* this phase (ref NULL) or the named phase left */
	PB_MET_NOTIFY,		/* a contact notified */
	PB_MET_FIELD		/* a field recorded */
};

struct pb_anchor {
	enum pb_anchor_kind kind;
	struct pb_ref ref;	/* field or phase; id NULL otherwise */
};

struct pb_met {
	enum pb_met_kind kind;
	struct pb_ref ref;	/* item, phase, contact or field; id NULL for plain "leave" */
};

struct pb_deadline {
	struct pb_meta m;
	const char *text;
	struct pb_anchor from;
	int64_t within;		/* seconds; 0 when end_of_day */
	bool end_of_day;	/* "until: end-of-day": by the end of the anchor's day */
	struct pb_met met;
	bool local;		/* a local setting, not the plan's own number */
};

struct pb_duty {
	struct pb_meta m;
	const char *text;
	int64_t every;		/* seconds */
	struct pb_met met;
	bool local;
};

struct pb_phase {
	struct pb_meta m;
	const char *title, *description;
	enum pb_phase_kind kind;
	bool start, level_required;
	struct pb_refs fields;
	size_t n_items, n_decisions, n_deadlines, n_duties;
	const struct pb_check_item *items;
	const struct pb_decision *decisions;
	const struct pb_deadline *deadlines;
	const struct pb_duty *duties;
};

/* ---- escalation, reporting, retention ---- */

struct pb_escalation {
	struct pb_meta m;
	const char *text;
	struct pb_refs levels, to;
	bool stepwise;
	int64_t within;		/* seconds; 0 when not given */
};

#define PB_BULLETIN_KIND_TABLE(X) \
	X(ROUTINE, "routine") \
	X(EMERGENCY, "emergency") \
	X(UPWARD, "upward") \
	X(ZERO_INCIDENT, "zero-incident") \
	X(SUMMARY, "summary")

enum pb_bulletin_kind {
#define PB_ENUM(name, str) PB_BULLETIN_##name,
	PB_BULLETIN_KIND_TABLE(PB_ENUM)
#undef PB_ENUM
};

#define PB_CADENCE_TABLE(X) \
	X(NONE, "") \
	X(DAILY, "daily") \
	X(WEEKLY, "weekly") \
	X(FORTNIGHTLY, "fortnightly") \
	X(MONTHLY, "monthly") \
	X(QUARTERLY, "quarterly") \
	X(YEARLY, "yearly")

enum pb_cadence {
#define PB_ENUM(name, str) PB_CADENCE_##name,
	PB_CADENCE_TABLE(PB_ENUM)
#undef PB_ENUM
};

struct pb_bulletin {
	struct pb_meta m;
	const char *name;
	enum pb_bulletin_kind kind;
	enum pb_cadence cadence;
	size_t n_alternatives, n_tightened, n_channels, n_content;
	const enum pb_cadence *alternatives, *tightened;
	const enum pb_channel *channels;	/* in order: first, then follow-up */
	int64_t within;
	bool end_of_day, declared_period;
	struct pb_refs from, to;
	const struct pb_item *content;
};

struct pb_retention {
	struct pb_meta m;
	const char *what;
	int64_t keep;		/* seconds (months are 30 days) */
	const char *keep_text;	/* as written: "6mo" */
	bool minimum;
};

/* ---- the playbook ---- */

struct playbook;

/*
 * Build and check a playbook from a parsed document.  Every problem is added to
 * `diags` (errors and warnings, with positions).  Returns YJ_OK and a new
 * playbook in *out when there are no errors; otherwise YJ_ERR_DATA and *out NULL.
 */
enum yj_status playbook_from_doc(const struct doc *doc, struct playbook **out,
				 struct diag_list *diags);
/*
 * Release a playbook: each playbook_retain() needs one more playbook_free()
 * before the memory goes.  Sets *pb to NULL.
 */
void playbook_free(struct playbook **pb);
/* Share a playbook: it stays valid until released once more. */
struct playbook *playbook_retain(const struct playbook *pb);

const struct pb_plan *playbook_plan(const struct playbook *pb);
/* The file it was loaded from (as named to the loader). */
const char *playbook_file(const struct playbook *pb);

/* Counted arrays; element i of each is valid for i < the count. */
size_t playbook_role_count(const struct playbook *pb);
const struct pb_role *playbook_role(const struct playbook *pb, size_t i);
size_t playbook_unit_count(const struct playbook *pb);
const struct pb_unit *playbook_unit(const struct playbook *pb, size_t i);
size_t playbook_group_count(const struct playbook *pb);
const struct pb_group *playbook_group(const struct playbook *pb, size_t i);
size_t playbook_contact_count(const struct playbook *pb);
const struct pb_contact *playbook_contact(const struct playbook *pb, size_t i);
size_t playbook_category_count(const struct playbook *pb);
const struct pb_category *playbook_category(const struct playbook *pb, size_t i);
size_t playbook_field_count(const struct playbook *pb);
const struct pb_field *playbook_field(const struct playbook *pb, size_t i);
/* Levels are ordered most severe first. */
size_t playbook_level_count(const struct playbook *pb);
const struct pb_level *playbook_level(const struct playbook *pb, size_t i);
const struct pb_warnings *playbook_warnings(const struct playbook *pb);
size_t playbook_phase_count(const struct playbook *pb);
const struct pb_phase *playbook_phase(const struct playbook *pb, size_t i);
size_t playbook_escalation_count(const struct playbook *pb);
const struct pb_escalation *playbook_escalation(const struct playbook *pb, size_t i);
size_t playbook_bulletin_count(const struct playbook *pb);
const struct pb_bulletin *playbook_bulletin(const struct playbook *pb, size_t i);
size_t playbook_retention_count(const struct playbook *pb);
const struct pb_retention *playbook_retention(const struct playbook *pb, size_t i);

/* Lookups by id; NULL when absent.  Index lookups return -1 when absent. */
const struct pb_phase *playbook_find_phase(const struct playbook *pb, const char *id);
int playbook_phase_index(const struct playbook *pb, const char *id);
const struct pb_phase *playbook_start_phase(const struct playbook *pb);
const struct pb_field *playbook_find_field(const struct playbook *pb, const char *id);
const struct pb_level *playbook_find_level(const struct playbook *pb, const char *id);
int playbook_level_index(const struct playbook *pb, const char *id);
const struct pb_contact *playbook_find_contact(const struct playbook *pb, const char *id);
const struct pb_category *playbook_find_category(const struct playbook *pb, const char *id);
const struct pb_criterion *playbook_find_criterion(const struct playbook *pb, const char *id,
						   const struct pb_level **level);
/* A role, unit or group by id; sets *kind.  Returns its display name or NULL. */
const char *playbook_party_name(const struct playbook *pb, const char *id,
				enum pb_party_kind *kind);
const struct pb_check_item *pb_phase_find_item(const struct pb_phase *ph, const char *id);
const struct pb_decision *pb_phase_find_decision(const struct pb_phase *ph, const char *id);

/* Names of enum values as written in playbooks. */
const char *pb_unit_kind_name(enum pb_unit_kind k);
const char *pb_channel_name(enum pb_channel c);
const char *pb_field_type_name(enum pb_field_type t);
const char *pb_colour_name(enum pb_colour c);
const char *pb_phase_kind_name(enum pb_phase_kind k);
const char *pb_bulletin_kind_name(enum pb_bulletin_kind k);
const char *pb_cadence_name(enum pb_cadence c);
const char *pb_op_name(enum pb_op op);

#endif
