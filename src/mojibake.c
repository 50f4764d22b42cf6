/* mojibake.c: finding and repairing mojibake: UTF-8 text that a tool
 * decoded as a single-byte code page and encoded as UTF-8 again, as when
 * a document is copied between tools ("pĂ„" for "på", "Ã¸" for "ø",
 * "â€™" for "’"). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "mojibake.h"
#include "utf8.h"

/* A code page: the characters of its bytes 0x80-0xff. Bytes a code page
 * leaves undefined pass through as C1 controls, as the WHATWG decoders
 * of browsers and editors do. */
struct charset {
	const char *name;
	uint16_t hi[128];
};

/* In order of preference when two explain some text equally well. */
static const struct charset charsets[] = {
    {"Windows-1252",
     {
	     0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	     0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
	     0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	     0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
	     0x00a0, 0x00a1, 0x00a2, 0x00a3, 0x00a4, 0x00a5, 0x00a6, 0x00a7,
	     0x00a8, 0x00a9, 0x00aa, 0x00ab, 0x00ac, 0x00ad, 0x00ae, 0x00af,
	     0x00b0, 0x00b1, 0x00b2, 0x00b3, 0x00b4, 0x00b5, 0x00b6, 0x00b7,
	     0x00b8, 0x00b9, 0x00ba, 0x00bb, 0x00bc, 0x00bd, 0x00be, 0x00bf,
	     0x00c0, 0x00c1, 0x00c2, 0x00c3, 0x00c4, 0x00c5, 0x00c6, 0x00c7,
	     0x00c8, 0x00c9, 0x00ca, 0x00cb, 0x00cc, 0x00cd, 0x00ce, 0x00cf,
	     0x00d0, 0x00d1, 0x00d2, 0x00d3, 0x00d4, 0x00d5, 0x00d6, 0x00d7,
	     0x00d8, 0x00d9, 0x00da, 0x00db, 0x00dc, 0x00dd, 0x00de, 0x00df,
	     0x00e0, 0x00e1, 0x00e2, 0x00e3, 0x00e4, 0x00e5, 0x00e6, 0x00e7,
	     0x00e8, 0x00e9, 0x00ea, 0x00eb, 0x00ec, 0x00ed, 0x00ee, 0x00ef,
	     0x00f0, 0x00f1, 0x00f2, 0x00f3, 0x00f4, 0x00f5, 0x00f6, 0x00f7,
	     0x00f8, 0x00f9, 0x00fa, 0x00fb, 0x00fc, 0x00fd, 0x00fe, 0x00ff,
     }},
    {"ISO-8859-16",
     {
	     0x0080, 0x0081, 0x0082, 0x0083, 0x0084, 0x0085, 0x0086, 0x0087,
	     0x0088, 0x0089, 0x008a, 0x008b, 0x008c, 0x008d, 0x008e, 0x008f,
	     0x0090, 0x0091, 0x0092, 0x0093, 0x0094, 0x0095, 0x0096, 0x0097,
	     0x0098, 0x0099, 0x009a, 0x009b, 0x009c, 0x009d, 0x009e, 0x009f,
	     0x00a0, 0x0104, 0x0105, 0x0141, 0x20ac, 0x201e, 0x0160, 0x00a7,
	     0x0161, 0x00a9, 0x0218, 0x00ab, 0x0179, 0x00ad, 0x017a, 0x017b,
	     0x00b0, 0x00b1, 0x010c, 0x0142, 0x017d, 0x201d, 0x00b6, 0x00b7,
	     0x017e, 0x010d, 0x0219, 0x00bb, 0x0152, 0x0153, 0x0178, 0x017c,
	     0x00c0, 0x00c1, 0x00c2, 0x0102, 0x00c4, 0x0106, 0x00c6, 0x00c7,
	     0x00c8, 0x00c9, 0x00ca, 0x00cb, 0x00cc, 0x00cd, 0x00ce, 0x00cf,
	     0x0110, 0x0143, 0x00d2, 0x00d3, 0x00d4, 0x0150, 0x00d6, 0x015a,
	     0x0170, 0x00d9, 0x00da, 0x00db, 0x00dc, 0x0118, 0x021a, 0x00df,
	     0x00e0, 0x00e1, 0x00e2, 0x0103, 0x00e4, 0x0107, 0x00e6, 0x00e7,
	     0x00e8, 0x00e9, 0x00ea, 0x00eb, 0x00ec, 0x00ed, 0x00ee, 0x00ef,
	     0x0111, 0x0144, 0x00f2, 0x00f3, 0x00f4, 0x0151, 0x00f6, 0x015b,
	     0x0171, 0x00f9, 0x00fa, 0x00fb, 0x00fc, 0x0119, 0x021b, 0x00ff,
     }},
    {"Windows-1250",
     {
	     0x20ac, 0x0081, 0x201a, 0x0083, 0x201e, 0x2026, 0x2020, 0x2021,
	     0x0088, 0x2030, 0x0160, 0x2039, 0x015a, 0x0164, 0x017d, 0x0179,
	     0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	     0x0098, 0x2122, 0x0161, 0x203a, 0x015b, 0x0165, 0x017e, 0x017a,
	     0x00a0, 0x02c7, 0x02d8, 0x0141, 0x00a4, 0x0104, 0x00a6, 0x00a7,
	     0x00a8, 0x00a9, 0x015e, 0x00ab, 0x00ac, 0x00ad, 0x00ae, 0x017b,
	     0x00b0, 0x00b1, 0x02db, 0x0142, 0x00b4, 0x00b5, 0x00b6, 0x00b7,
	     0x00b8, 0x0105, 0x015f, 0x00bb, 0x013d, 0x02dd, 0x013e, 0x017c,
	     0x0154, 0x00c1, 0x00c2, 0x0102, 0x00c4, 0x0139, 0x0106, 0x00c7,
	     0x010c, 0x00c9, 0x0118, 0x00cb, 0x011a, 0x00cd, 0x00ce, 0x010e,
	     0x0110, 0x0143, 0x0147, 0x00d3, 0x00d4, 0x0150, 0x00d6, 0x00d7,
	     0x0158, 0x016e, 0x00da, 0x0170, 0x00dc, 0x00dd, 0x0162, 0x00df,
	     0x0155, 0x00e1, 0x00e2, 0x0103, 0x00e4, 0x013a, 0x0107, 0x00e7,
	     0x010d, 0x00e9, 0x0119, 0x00eb, 0x011b, 0x00ed, 0x00ee, 0x010f,
	     0x0111, 0x0144, 0x0148, 0x00f3, 0x00f4, 0x0151, 0x00f6, 0x00f7,
	     0x0159, 0x016f, 0x00fa, 0x0171, 0x00fc, 0x00fd, 0x0163, 0x02d9,
     }},
};

/* Latin-1 maps each byte to the code point of its value. */
static const struct charset latin1 = {"Latin-1", {0}};

#define NCHARSETS (sizeof(charsets) / sizeof(*charsets) + 1)

static const struct charset *
charset(size_t k)
{
	return k < NCHARSETS - 1 ? &charsets[k] : &latin1;
}

/* The byte of cp in cs, or -1. */
static int
byte_in(const struct charset *cs, int32_t cp)
{
	int k;

	if (cp < 0x80)
		return (int)cp;
	if (cs == &latin1)
		return cp <= 0xff ? (int)cp : -1;
	for (k = 0; k < 128; k++)
		if (cs->hi[k] == cp)
			return 0x80 + k;
	return -1;
}

/* Could c have been written in a postmortem? Latin-1 and Latin
 * Extended-A, Romanian, Greek, Cyrillic, Hebrew, Arabic, punctuation,
 * symbols, CJK, Hangul and emoji: what decodes to, say, Coptic is noise
 * that lost a byte on the way ("âČ" + NBSP in the seed was an emoji whose
 * middle byte is gone). */
static int
likely(int32_t c)
{
	return (c >= 0xa0 && c <= 0x17f) || (c >= 0x218 && c <= 0x21b) ||
	       (c >= 0x370 && c <= 0x6ff) || (c >= 0x2000 && c <= 0x2bff) ||
	       (c >= 0x3000 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af) ||
	       (c >= 0xff00 && c <= 0xffef) || (c >= 0x1f000 && c <= 0x1faff);
}

/* At s[0..len): characters that, as bytes of cs, are one UTF-8 sequence
 * of a character above U+007F. Returns how many bytes of s they take and
 * stores that character in *orig; 0 when there are none. */
static size_t
one(const struct charset *cs, const char *s, size_t len, int32_t *orig)
{
	unsigned char b[4];
	size_t i, n, need, k;
	int32_t cp;
	int byte;

	/* Every lead byte's character in these code pages lies here: most
	 * text (ASCII, CJK) is passed over at once. */
	if ((n = pm_utf8_decode(s, len, &cp)) == 0 || cp < 0xc2 || cp > 0x21b)
		return 0;
	/* the next character stands for a continuation byte, 0x80-0xbf,
	 * so it is no ASCII: "på " is passed over before any table look-up */
	if (n >= len || (unsigned char)s[n] < 0x80)
		return 0;
	if ((byte = byte_in(cs, cp)) < 0xc2 || byte > 0xf4)
		return 0;
	need = byte < 0xe0 ? 2 : byte < 0xf0 ? 3 : 4;
	b[0] = (unsigned char)byte;
	for (i = n, k = 1; k < need; k++, i += n) {
		n = pm_utf8_decode(s + i, len - i, &cp);
		if (n == 0 || (byte = byte_in(cs, cp)) < 0x80 || byte > 0xbf)
			return 0;
		b[k] = (unsigned char)byte;
	}
	if (pm_utf8_decode((const char *)b, need, orig) != need ||
	    !likely(*orig))
		return 0;
	return i;
}

static int
is_lower(int32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 0xdf && c <= 0xff && c != 0xf7);
}

static int
is_upper(int32_t c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 0xc0 && c <= 0xde && c != 0xd7);
}

/* How likely orig is what was written between the characters before and
 * after: a letter of the case around it, and of Western European text,
 * beats the same bytes read another way ("Ă„" is "å" in ISO-8859-16 but
 * "Ä" in Windows-1250: "på", not "pÄ"). */
static int
plausible(int32_t orig, int32_t before, int32_t after)
{
	int score = 1;

	if (is_lower(orig) && (is_lower(before) || is_lower(after)))
		score += 2;
	if (is_upper(orig) && is_upper(before) && !is_lower(after))
		score += 2;
	if (orig >= 0xc0 && orig <= 0xff)
		score += 1;
	return score;
}

/* The character before byte off of s (0 at the start). */
static int32_t
char_before(const char *s, size_t off)
{
	size_t i = off;
	int32_t cp;

	while (i > 0 && off - i < 4) {
		i--;
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			break;
	}
	if (i == off || pm_utf8_decode(s + i, off - i, &cp) != off - i)
		return 0;
	return cp;
}

static int32_t
char_at(const char *s, size_t len, size_t off)
{
	int32_t cp;

	return off < len && pm_utf8_decode(s + off, len - off, &cp) ? cp : 0;
}

/* The code page that best explains mojibake at s[off..len), or NULL;
 * *n: the bytes of its first character's worth. */
static const struct charset *
best_at(const char *s, size_t len, size_t off, size_t *n)
{
	const struct charset *best = NULL;
	int32_t orig, before = char_before(s, off);
	size_t k, used;
	int score, top = 0;

	for (k = 0; k < NCHARSETS; k++) {
		if ((used = one(charset(k), s + off, len - off, &orig)) == 0)
			continue;
		score = plausible(orig, before, char_at(s, len, off + used));
		if (score > top) {
			top = score;
			best = charset(k);
			*n = used;
		}
	}
	return best;
}

int
pm_mojibake_find(const char *s, size_t len, size_t from, pm_mojibake *m)
{
	const struct charset *cs = NULL;
	size_t off, n = 0, end, fixed = 0;
	int32_t orig, cp;

	for (off = from; off < len; off += n ? n : 1) {
		/* a run starts with a character U+00C2-U+021B (see one()),
		 * whose UTF-8 starts with a byte 0xc3-0xc8: the rest of the
		 * text is passed over a byte at a time, with no decoding */
		while (off < len && ((unsigned char)s[off] < 0xc3 ||
		                     (unsigned char)s[off] > 0xc8))
			off++;
		if (off == len)
			break;
		if ((cs = best_at(s, len, off, &n)) != NULL)
			break;
		n = pm_utf8_decode(s + off, len - off, &cp);
	}
	if (cs == NULL)
		return 0;
	/* the run goes on while the same code page explains what follows */
	for (end = off; end < len && fixed + 4 < sizeof(m->fixed); end += n) {
		if ((n = one(cs, s + end, len - end, &orig)) == 0)
			break;
		fixed += pm_utf8_encode(orig, m->fixed + fixed);
	}
	m->fixed[fixed] = '\0';
	m->off = off;
	m->len = end - off;
	m->charset = cs->name;
	return 1;
}

long
pm_mojibake_repair(const char *s, size_t len, pm_buf *out)
{
	if (pm_utf8_validate(s, len) != len)
		return -1;
	return (long)pm_mojibake_fix(s, len, out);
}

size_t
pm_mojibake_fix(const char *s, size_t len, pm_buf *out)
{
	pm_mojibake m;
	size_t at = 0, count = 0;

	while (pm_mojibake_find(s, len, at, &m)) {
		pm_buf_put(out, s + at, m.off - at);
		pm_buf_puts(out, m.fixed);
		at = m.off + m.len;
		count++;
	}
	pm_buf_put(out, s + at, len - at);
	return count;
}

/* The word around bytes [off, off + n) of s: bounded by white space and
 * at most 40 bytes either way, on character boundaries. */
static void
word_around(const char *s, size_t len, size_t *off, size_t *n)
{
	size_t a = *off, b = *off + *n;

	while (a > 0 && *off - a < 40 && !strchr(" \t\r\n", s[a - 1]))
		a--;
	while (a < *off && ((unsigned char)s[a] & 0xc0) == 0x80)
		a++;
	while (b < len && b - *off < 40 && !strchr(" \t\r\n", s[b]))
		b++;
	while (b < len && b > *off && ((unsigned char)s[b] & 0xc0) == 0x80)
		b--;
	*off = a;
	*n = b - a;
}

/* One warning per line: its first mojibake word, how many more. */
struct pending {
	pm_loc loc;
	size_t off, n;
	const char *charset;
	int count;
};

static void
report(pm_src *src, const struct pending *p)
{
	pm_buf fixed = {0};
	char word[128], more[48] = "";

	snprintf(word, sizeof(word), "%.*s", (int)p->n, src->text + p->off);
	pm_mojibake_fix(src->text + p->off, p->n, &fixed);
	if (p->count > 1)
		snprintf(more, sizeof(more), "; %d more on this line",
		         p->count - 1);
	pm_report(src, PM_R_MOJIBAKE, p->loc, word, pm_buf_cstr(&fixed),
	          p->charset, more);
	pm_buf_free(&fixed);
}

void
pm_mojibake_check(pm_src *src)
{
	struct pending p = {{0, 0, 1}, 0, 0, NULL, 0};
	pm_mojibake m;
	size_t at = 0, off, n;
	pm_loc loc;

	while (pm_mojibake_find(src->text, src->len, at, &m)) {
		at = m.off + m.len;
		off = m.off, n = m.len;
		word_around(src->text, src->len, &off, &n);
		loc = pm_src_loc(src, src->text + off, n);
		if (p.count > 0 && loc.line == p.loc.line) {
			p.count++;
			continue;
		}
		if (p.count > 0)
			report(src, &p);
		p = (struct pending){loc, off, n, m.charset, 1};
	}
	if (p.count > 0)
		report(src, &p);
}
