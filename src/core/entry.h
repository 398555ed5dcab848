/*
 * A journal entry: one action by one person at one moment.  The journal of an
 * incident is its entries in sequence order; everything else is a fold of it.
 * Entries are only ever appended (io/store.c), each carrying the SHA-256 of the
 * previous entry of the same incident, so any later change shows (yingji verify).
 */
#ifndef YINGJI_CORE_ENTRY_H
#define YINGJI_CORE_ENTRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/value.h"

/* X(NAME, "name as stored", "what it records") */
#define ENTRY_KIND_TABLE(X) \
	X(OPEN, "open", "report taken: the incident is opened") \
	X(SET, "set", "fields and answers recorded") \
	X(NOTE, "note", "a note in the timeline") \
	X(TICK, "tick", "a checklist item ticked, skipped or unticked") \
	X(ADVANCE, "advance", "a decision taken: the phase left") \
	X(LEVEL, "level", "the level confirmed or changed") \
	X(NOTIFY, "notify", "a contact notified or acknowledged") \
	X(ASSIGN, "assign", "a person assigned to a role or group") \
	X(HANDOVER, "handover", "command (or a role) handed over, with a briefing") \
	X(INJECT, "inject", "a drill inject: a message to the trainee and facts that become known") \
	X(ANNOTATE, "annotate", "a reviewer's annotation on an earlier entry")

enum entry_kind {
#define ENTRY_ENUM(name, str, help) ENTRY_##name,
	ENTRY_KIND_TABLE(ENTRY_ENUM)
#undef ENTRY_ENUM
	ENTRY_KIND_COUNT
};

enum { ENTRY_HASH_LEN = 32 };

struct entry {
	int64_t incident;
	int64_t seq;		/* 1, 2, 3 ... within the incident */
	int64_t ts_ms;		/* UTC milliseconds since the epoch */
	char *operator_name;	/* owned */
	enum entry_kind kind;
	struct value *payload;	/* owned; always an object */
	unsigned char prev[ENTRY_HASH_LEN];	/* hash of entry seq-1; zeros for seq 1 */
	unsigned char hash[ENTRY_HASH_LEN];
};

const char *entry_kind_name(enum entry_kind k);
/* The kind for a stored name; -1 when unknown. */
int entry_kind_from_name(const char *name);
/* Free the owned members of an entry (not the struct itself). */
void entry_clear(struct entry *e);
/* Free an array of n entries and the array; sets *v to NULL. */
void entry_free_array(struct entry **v, size_t n);
/* Lower-case hex of a hash into out (2*ENTRY_HASH_LEN+1 bytes). */
void entry_hash_hex(const unsigned char *hash, char *out);

#endif
