/* utf8.c: strict UTF-8 decoding (RFC 3629), the basis of character columns. */
#include <string.h>

#include "utf8.h"

size_t
pm_utf8_decode_multi(const char *str, size_t len, int32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n, i;
	int32_t c, min;

	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, c = s[0] & 0x1f, min = 0x80;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, c = s[0] & 0x0f, min = 0x800;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, c = s[0] & 0x07, min = 0x10000;
	else
		return 0;
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

/* Are the 8 bytes at s all ASCII? Runs of ASCII, most of any source,
 * are passed over a word at a time. */
static int
ascii8(const char *s)
{
	uint64_t w;

	memcpy(&w, s, sizeof(w));
	return (w & 0x8080808080808080ULL) == 0;
}

size_t
pm_utf8_validate(const char *s, size_t len)
{
	size_t i = 0, n;
	int32_t cp;

	while (i < len) {
		if (i + 8 <= len && ascii8(s + i)) {
			i += 8;
			continue;
		}
		if ((unsigned char)s[i] < 0x80) {
			i++;
			continue;
		}
		if ((n = pm_utf8_decode(s + i, len - i, &cp)) == 0)
			return i;
		i += n;
	}
	return len;
}

size_t
pm_utf8_count(const char *s, size_t len)
{
	size_t i = 0, count = 0, n;
	int32_t cp;

	while (i < len) {
		if (i + 8 <= len && ascii8(s + i)) {
			i += 8;
			count += 8;
			continue;
		}
		count++;
		if ((unsigned char)s[i] < 0x80) { /* most text: no call */
			i++;
			continue;
		}
		n = pm_utf8_decode(s + i, len - i, &cp);
		i += n ? n : 1;
	}
	return count;
}

size_t
pm_utf8_encode(int32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;

	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xc0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xe0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
		o[2] = (unsigned char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (unsigned char)(0xf0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3f));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3f));
	o[3] = (unsigned char)(0x80 | (cp & 0x3f));
	return 4;
}
