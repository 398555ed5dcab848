/*
 * yingji-bench: the benchmark behind `make bench` (docs/PERFORMANCE.md).
 * Not a test and not part of `make check`: it generates (once, cached) a
 * database of ten years of incidents through the real store, then measures
 * each figure against a baseline measured in the same run.
 */
#ifndef YINGJI_BENCH_BENCH_H
#define YINGJI_BENCH_BENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct strbuf;

/* ---- rng.c: a small, fixed generator, so that a seed gives the same database anywhere ---- */

struct rng {
	uint64_t s;
};

/* A stream of its own for each (seed, stream) pair. */
void rng_seed(struct rng *r, uint64_t seed, uint64_t stream);
uint64_t rng_next(struct rng *r);
/* Uniform in [0, 1). */
double rng_unit(struct rng *r);
/* Uniform in [lo, hi] (inclusive). */
int64_t rng_range(struct rng *r, int64_t lo, int64_t hi);
/* True with probability p. */
bool rng_chance(struct rng *r, double p);

/* ---- corpus.c: Chinese text for titles, notes and fields ---- */

const char *corpus_operator(struct rng *r);
const char *corpus_person(struct rng *r);
/* An incident's title: a unit, a system, what went wrong. */
void corpus_title(struct rng *r, struct strbuf *out);
/* A timeline note, one to three sentences, as an officer writes them. */
void corpus_note(struct rng *r, struct strbuf *out);
/* A sentence for a text field. */
void corpus_sentence(struct rng *r, struct strbuf *out);

/* ---- gen.c: the database ---- */

/* Bump whenever what the generator writes changes: the cache is keyed by it. */
enum { GEN_VERSION = 3 };

struct gen_opts {
	const char *path;		/* the database to create (must not exist) */
	const char *playbook_dir;	/* the shipped playbooks */
	int scale;			/* 1, 4 or 16: 125,000 entries per unit */
	FILE *log;			/* progress, or NULL */
};

struct gen_result {
	int64_t incidents, entries;
	int64_t largest_id, largest_n;	/* the largest incident (open, on the board) */
	int64_t open, drills;
	double seconds;
};

/* Generate; 0 on success, else a message on stderr. */
int gen_database(const struct gen_opts *o, struct gen_result *res);

/* ---- measure.c: processes and clocks ---- */

double now_ms(void);

struct run {
	double ms;		/* wall time, spawn to exit */
	long maxrss_kb;
	int status;		/* exit status, or 128 + signal */
};

/*
 * Run argv (argv[0] a path) with stdout and stderr to /dev/null (or stdout
 * to `out` when not NULL) and stdin from /dev/null.  0 on success.
 */
int run_cmd(char *const argv[], const char *out, struct run *r);
/* The peak resident memory (kB) of argv run to its end, its own alone. */
long peak_cmd(char *const argv[]);
/* The median of v[0..n) (sorts v). */
double median(double *v, size_t n);

/*
 * The console in a pseudo-terminal of 80x24, timed by the marks it writes to
 * its --startuptime file: *first_ms from spawn to its first frame; then, when
 * open_ms is not NULL, `downs` rows down and Enter, *open_ms from Enter to the
 * next frame (the incident's).  *peak_kb is its peak resident memory (VmHWM).
 * Ended with SIGTERM.  0 on success, 1 when a mark did not come in timeout_ms.
 */
int run_console(char *const argv[], const char *timefile, int downs, int timeout_ms,
		double *first_ms, double *open_ms, long *peak_kb);

/* ---- baseline.c: plain SQLite, the floor each figure is compared with ---- */

/* A table for the baselines' inserts (not the journal: it refuses writes). */
int baseline_prepare(const char *db);
/*
 * n single-row inserts, each its own transaction, with yingji's pragmas:
 * entries/s.  With incident > 0, rows shaped like journal entries go into the
 * journal itself after that incident's (seq from seq0: a scratch copy only),
 * where an append lands in the clustered table; else at the end of a table of
 * their own.
 */
double baseline_insert_rate(const char *db, int n, int64_t incident, int64_t seq0);
/* The bytes `yingji verify` hashes: every entry's encoding and every playbook's text. */
int64_t baseline_hashed_bytes(const char *db);
/* The largest incident's id and entry count. */
int baseline_largest(const char *db, int64_t *id, int64_t *n);

#endif
