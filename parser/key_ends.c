/* key_ends.c - see key_ends.h. */
#include "key_ends.h"

static void key_ends_set(uint64_t *set, size_t b)
{
	set[b / 64] |= UINT64_C(1) << (b % 64);
}

void key_ends_add(struct key_ends *ke, const char *key, size_t len)
{
	if (len == 0)
		return;
	if (len > ke->longest)
		ke->longest = len;
	unsigned char z = (unsigned char)key[len - 1];
	key_ends_set(ke->last, z);
	if (len == 1)
		key_ends_set(ke->single, z);
	else
		key_ends_set(ke->pairs, key_ends_pair_bit((unsigned char)key[len - 2], z));
}
