/* io/hash: SHA-256 and the canonical hash of a journal entry. */
#include "config.h"

#include "io/hash.h"
#include "tests.h"

#include <string.h>

START_TEST(test_sha256_vectors)
{
	char hex[65];

	/* FIPS 180-2 test vectors. */
	hash_sha256_hex("", 0, hex);
	ck_assert_str_eq(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	hash_sha256_hex("abc", 3, hex);
	ck_assert_str_eq(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	hash_sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56, hex);
	ck_assert_str_eq(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}
END_TEST

START_TEST(test_sha256_binary)
{
	unsigned char raw[ENTRY_HASH_LEN];
	char hex[65], from_raw[65];

	hash_sha256("abc", 3, raw);
	hash_sha256_hex("abc", 3, hex);
	entry_hash_hex(raw, from_raw);
	ck_assert_str_eq(hex, from_raw);
	ck_assert_uint_eq(raw[0], 0xba);
	ck_assert_uint_eq(raw[31], 0xad);
}
END_TEST

/* The inputs of one entry hash, so that each test changes one field. */
struct fields {
	int64_t incident, seq, ts_ms;
	const char *operator_name, *kind, *payload;
	unsigned char prev[ENTRY_HASH_LEN];
};

static void
base(struct fields *f)
{
	memset(f, 0, sizeof(*f));
	f->incident = 3;
	f->seq = 7;
	f->ts_ms = 1700000000123;
	f->operator_name = "张三";
	f->kind = "note";
	f->payload = "{\"text\":\"现场已封锁\"}";
}

static void
hash_of(const struct fields *f, char hex[65])
{
	unsigned char h[ENTRY_HASH_LEN];

	hash_entry(f->incident, f->seq, f->ts_ms, f->operator_name, f->kind, f->payload, f->prev,
		   h);
	entry_hash_hex(h, hex);
}

/*
 * The exact bytes are part of the file format (old journals must keep
 * verifying): these were computed independently from the header's description
 * (Python: sha256(b"yingji-entry-v1" + each field as 8-byte BE length + bytes)).
 */
START_TEST(test_entry_known_vectors)
{
	struct fields f;
	char hex[65];

	base(&f);
	hash_of(&f, hex);
	ck_assert_str_eq(hex, "5bfe41cec21428151995c7fb161a7b2d7caa6d1a88665e4cef31533cc07ebae4");
	f.incident = -1;
	f.seq = 1;
	f.ts_ms = 0;
	f.operator_name = "";
	f.kind = "open";
	f.payload = "{}";
	for (int i = 0; i < ENTRY_HASH_LEN; i++)
		f.prev[i] = (unsigned char)i;
	hash_of(&f, hex);
	ck_assert_str_eq(hex, "fa718cf888e9d006190ba2891da303afcdecc2ce4e4d334d4d1ff95ace28529f");
}
END_TEST

/* Changing any one field must change the hash. */
START_TEST(test_entry_each_field_counts)
{
	struct fields f;
	char want[65], got[65];

	base(&f);
	hash_of(&f, want);
	for (int field = 0; field < 8; field++) {
		base(&f);
		switch (field) {
		case 0: f.incident = 4; break;
		case 1: f.seq = 8; break;
		case 2: f.ts_ms++; break;
		case 3: f.operator_name = "李四"; break;
		case 4: f.kind = "tick"; break;
		case 5: f.payload = "{\"text\":\"现场已封锁 \"}"; break;
		case 6: f.prev[0] = 1; break;
		case 7: f.prev[ENTRY_HASH_LEN - 1] = 0x80; break;
		}
		hash_of(&f, got);
		ck_assert_msg(strcmp(want, got) != 0, "field %d does not reach the hash", field);
		base(&f);
		hash_of(&f, got);
		ck_assert_str_eq(want, got);	/* and it is deterministic */
	}
}
END_TEST

/* Without the length prefixes "ab"+"c" and "a"+"bc" would hash alike. */
START_TEST(test_entry_unambiguous)
{
	struct fields f;
	char a[65], b[65];

	base(&f);
	f.operator_name = "ab";
	f.kind = "c";
	hash_of(&f, a);
	f.operator_name = "a";
	f.kind = "bc";
	hash_of(&f, b);
	ck_assert_str_ne(a, b);
	/* The same between kind and payload, and between the numbers. */
	base(&f);
	f.kind = "note{";
	f.payload = "}";
	hash_of(&f, a);
	f.kind = "note";
	f.payload = "{}";
	hash_of(&f, b);
	ck_assert_str_ne(a, b);
	base(&f);
	f.incident = 12;
	f.seq = 3;
	hash_of(&f, a);
	f.incident = 1;
	f.seq = 23;
	hash_of(&f, b);
	ck_assert_str_ne(a, b);
}
END_TEST

Suite *
suite_hash(void)
{
	Suite *s = suite_create("hash");
	TCase *tc = tcase_create("hash");

	tcase_add_test(tc, test_sha256_vectors);
	tcase_add_test(tc, test_sha256_binary);
	tcase_add_test(tc, test_entry_known_vectors);
	tcase_add_test(tc, test_entry_each_field_counts);
	tcase_add_test(tc, test_entry_unambiguous);
	suite_add_tcase(s, tc);
	return s;
}
