/* SHA-256 through nettle, and the canonical hash of a journal entry. */
#ifndef YINGJI_IO_HASH_H
#define YINGJI_IO_HASH_H

#include <stddef.h>
#include <stdint.h>

#include "core/entry.h"

/* SHA-256 of `len` bytes into out[32]. */
void hash_sha256(const void *data, size_t len, unsigned char out[ENTRY_HASH_LEN]);
/* Lower-case hex SHA-256 of data into out (65 bytes). */
void hash_sha256_hex(const void *data, size_t len, char out[2 * ENTRY_HASH_LEN + 1]);

/*
 * The hash of a journal entry: SHA-256 over the 15 bytes of the domain tag
 * "yingji-entry-v1" (no length prefix) and then, each as an 8-byte big-endian
 * length followed by its bytes, the decimal
 * incident id, the decimal sequence, the decimal timestamp (ms), the operator,
 * the kind name, the payload's canonical JSON text, and the 32 bytes of the
 * previous hash.  Length prefixes make the encoding unambiguous.
 */
void hash_entry(int64_t incident, int64_t seq, int64_t ts_ms, const char *operator_name,
		const char *kind, const char *payload_json, const unsigned char prev[ENTRY_HASH_LEN],
		unsigned char out[ENTRY_HASH_LEN]);

#endif
