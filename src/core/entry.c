#include "config.h"

#include "core/entry.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[] = {
#define ENTRY_NAME(name, str, help) str,
	ENTRY_KIND_TABLE(ENTRY_NAME)
#undef ENTRY_NAME
};

const char *
entry_kind_name(enum entry_kind k)
{
	return (size_t)k < ENTRY_KIND_COUNT ? kind_names[k] : "?";
}

int
entry_kind_from_name(const char *name)
{
	for (size_t i = 0; i < ENTRY_KIND_COUNT; i++)
		if (strcmp(kind_names[i], name) == 0)
			return (int)i;
	return -1;
}

void
entry_clear(struct entry *e)
{
	free(e->operator_name);
	value_free(&e->payload);
	memset(e, 0, sizeof(*e));
}

void
entry_free_array(struct entry **v, size_t n)
{
	if (!v || !*v)
		return;
	for (size_t i = 0; i < n; i++)
		entry_clear(&(*v)[i]);
	free(*v);
	*v = NULL;
}

void
entry_hash_hex(const unsigned char *hash, char *out)
{
	static const char digits[] = "0123456789abcdef";

	/* On every append (the summary's head): no printf per byte. */
	for (size_t i = 0; i < ENTRY_HASH_LEN; i++) {
		out[2 * i] = digits[hash[i] >> 4];
		out[2 * i + 1] = digits[hash[i] & 15];
	}
	out[2 * ENTRY_HASH_LEN] = '\0';
}
