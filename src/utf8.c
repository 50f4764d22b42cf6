/* utf8.c: strict UTF-8 decoding (RFC 3629), the basis of character columns. */
#include <string.h>

#include "utf8.h"

static int
cont(unsigned char b)
{
	return (b & 0xc0) == 0x80;
}

/* Each length spelled out: the mojibake scan decodes every non-ASCII
 * character of a source several times. */
size_t
pm_utf8_decode_multi(const char *str, size_t len, int32_t *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	int32_t c;

	if (s[0] < 0xc2 || s[0] > 0xf4)
		return 0;
	if (s[0] < 0xe0) {
		if (len < 2 || !cont(s[1]))
			return 0;
		*cp = ((s[0] & 0x1f) << 6) | (s[1] & 0x3f);
		return 2;
	}
	if (s[0] < 0xf0) {
		if (len < 3 || !cont(s[1]) || !cont(s[2]))
			return 0;
		c = ((s[0] & 0x0f) << 12) | ((s[1] & 0x3f) << 6) |
		    (s[2] & 0x3f);
		if (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))
			return 0;
		*cp = c;
		return 3;
	}
	if (len < 4 || !cont(s[1]) || !cont(s[2]) || !cont(s[3]))
		return 0;
	c = ((s[0] & 0x07) << 18) | ((s[1] & 0x3f) << 12) |
	    ((s[2] & 0x3f) << 6) | (s[3] & 0x3f);
	if (c < 0x10000 || c > 0x10ffff)
		return 0;
	*cp = c;
	return 4;
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

int
pm_utf8_is_control(long cp)
{
	return (cp >= 0 && cp < 0x20 && cp != '\t' && cp != '\n') ||
	       (cp >= 0x7f && cp < 0xa0);
}

static int
hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

long
pm_utf8_numeric_ref(const char *s, size_t len, size_t *n)
{
	size_t i = 2, first;
	long cp = 0;
	int hex, d;

	if (len < 4 || s[0] != '&' || s[1] != '#')
		return -1;
	hex = s[2] == 'x' || s[2] == 'X';
	first = i += (size_t)hex;
	for (; i < len && i - first < (hex ? 6u : 7u); i++) {
		d = hex_value((unsigned char)s[i]);
		if (d < 0 || (!hex && d > 9))
			break;
		cp = cp * (hex ? 16 : 10) + d;
	}
	if (i == first || i >= len || s[i] != ';')
		return -1;
	*n = i + 1;
	return cp;
}
