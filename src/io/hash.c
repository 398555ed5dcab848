/* SHA-256 through nettle, and the canonical hash of a journal entry. */
#include "config.h"

#include "io/hash.h"

#include <inttypes.h>
#include <nettle/sha2.h>
#include <stdio.h>
#include <string.h>

/* Changing how entries are hashed means a new tag, so old chains still verify. */
static const char entry_domain_tag[] = "yingji-entry-v1";

void
hash_sha256(const void *data, size_t len, unsigned char out[ENTRY_HASH_LEN])
{
	struct sha256_ctx ctx;

	sha256_init(&ctx);
	sha256_update(&ctx, len, data);
	sha256_digest(&ctx, SHA256_DIGEST_SIZE, out);
}

void
hash_sha256_hex(const void *data, size_t len, char out[2 * ENTRY_HASH_LEN + 1])
{
	unsigned char h[ENTRY_HASH_LEN];

	hash_sha256(data, len, h);
	entry_hash_hex(h, out);
}

/* One field: its length as 8 bytes big-endian, then its bytes. */
static void
put_field(struct sha256_ctx *ctx, const void *data, size_t len)
{
	uint8_t be[8];
	uint64_t n = len;

	for (int i = 7; i >= 0; i--, n >>= 8)
		be[i] = (uint8_t)(n & 0xff);
	sha256_update(ctx, sizeof(be), be);
	sha256_update(ctx, len, data);
}

static void
put_str(struct sha256_ctx *ctx, const char *s)
{
	put_field(ctx, s ? s : "", s ? strlen(s) : 0);
}

static void
put_int(struct sha256_ctx *ctx, int64_t v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%" PRId64, v);
	put_str(ctx, buf);
}

void
hash_entry(int64_t incident, int64_t seq, int64_t ts_ms, const char *operator_name,
	   const char *kind, const char *payload_json, const unsigned char prev[ENTRY_HASH_LEN],
	   unsigned char out[ENTRY_HASH_LEN])
{
	struct sha256_ctx ctx;

	sha256_init(&ctx);
	/* The tag is fixed-length, so it needs no length prefix of its own. */
	sha256_update(&ctx, sizeof(entry_domain_tag) - 1, (const uint8_t *)entry_domain_tag);
	put_int(&ctx, incident);
	put_int(&ctx, seq);
	put_int(&ctx, ts_ms);
	put_str(&ctx, operator_name);
	put_str(&ctx, kind);
	put_str(&ctx, payload_json);
	put_field(&ctx, prev, ENTRY_HASH_LEN);
	sha256_digest(&ctx, SHA256_DIGEST_SIZE, out);
}
