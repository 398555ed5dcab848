/*
 * The scenario's private layout, and the decoders that the scenario and the
 * demo script share (core/scenario_build.c, core/demo.c): both files start
 * with a `playbook:` section, may give a `start:` time, and carry facts.
 */
#ifndef YINGJI_CORE_SCENARIO_IMPL_H
#define YINGJI_CORE_SCENARIO_IMPL_H

#include "core/decode.h"
#include "core/scenario.h"

struct arena;

struct scenario {
	struct arena *arena;
	const char *id, *title, *briefing;
	struct sc_playbook_ref playbook;
	struct scenario_source src;
	bool has_start;
	int64_t start_ms;
	struct sc_opening opening;
	size_t n_injects;
	struct sc_inject *injects;	/* sorted by `at` */
	struct sc_expect expect;
	size_t n_limits;
	struct sc_limit *limits;
};

/* Facts may name criteria among the fields (a demo's `set:`, like `yingji set`). */
enum { SC_FACTS_MIXED = 1 };

/*
 * Check the `playbook:` section of `root` against `pb` (NULL: not loaded; only
 * its form is checked) and fill `out`.
 */
void sc_decode_playbook(struct dec *d, const struct doc_node *root, const struct playbook *pb,
			struct sc_playbook_ref *out);
/* A date and time under `key` (util/timefmt.h forms); false when absent or bad. */
bool sc_decode_time(struct dec *d, const struct doc_node *map, const char *key, int64_t *ms);
/* A duration of zero or more under `key` (an offset from the start); false when absent or bad. */
bool sc_decode_offset(struct dec *d, const struct doc_node *map, const char *key, int64_t *secs);
/*
 * The facts under `facts_key` (FIELD: VALUE) and the answers under
 * `answers_key` (CRITERION: yes|no; NULL for none), each checked against `pb`
 * when it is not NULL.  `*category` is the category chosen so far (for sub-type
 * facts) and is updated when the facts choose one.
 */
struct sc_facts sc_decode_facts(struct dec *d, const struct doc_node *map, const char *facts_key,
				const char *answers_key, const struct playbook *pb,
				const char **category, unsigned flags);
/* "inject 'x'" when the mapping has a usable id, else `kind` (for messages). */
const char *sc_named(struct dec *d, const struct doc_node *n, const char *kind);
/* The key node of `key` in a map, for errors about a key itself; NULL when absent. */
const struct doc_node *sc_key_node(const struct doc_node *map, const char *key);
/* A node standing for a position (an id inside a scalar), for dec_error(). */
const struct doc_node *sc_at(struct dec *d, struct pb_pos pos);
/* Report `id` as unknown among `names` (NULL-terminated), with a hint when one is near. */
void sc_unknown(struct dec *d, const struct doc_node *n, const char *what, const char *id,
		const char *const *names);

#endif
