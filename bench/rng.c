/* SplitMix64: small, fast and the same on every machine. */
#include "config.h"

#include "bench/bench.h"

void
rng_seed(struct rng *r, uint64_t seed, uint64_t stream)
{
	r->s = seed ^ (stream * UINT64_C(0xD1B54A32D192ED03));
	rng_next(r);
}

uint64_t
rng_next(struct rng *r)
{
	uint64_t z = (r->s += UINT64_C(0x9E3779B97F4A7C15));

	z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
	return z ^ (z >> 31);
}

double
rng_unit(struct rng *r)
{
	return (double)(rng_next(r) >> 11) / (double)(UINT64_C(1) << 53);
}

int64_t
rng_range(struct rng *r, int64_t lo, int64_t hi)
{
	if (hi <= lo)
		return lo;
	return lo + (int64_t)(rng_next(r) % (uint64_t)(hi - lo + 1));
}

bool
rng_chance(struct rng *r, double p)
{
	return rng_unit(r) < p;
}
