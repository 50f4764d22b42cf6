/* utf8.h: UTF-8 decoding and character counting for columns. */
#ifndef PM_UTF8_H
#define PM_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* pm_utf8_decode for a sequence that does not start with an ASCII byte. */
size_t pm_utf8_decode_multi(const char *s, size_t len, int32_t *cp);

/* Decodes one code point at s[0..len). Returns its length in bytes and
 * stores it in *cp, or returns 0 for an invalid or truncated sequence
 * (overlong forms, surrogates and values above U+10FFFF are invalid).
 * Inline for ASCII: the front end and the mojibake scan call it for
 * every character of every source, most of them ASCII. */
static inline size_t
pm_utf8_decode(const char *s, size_t len, int32_t *cp)
{
	if (len == 0)
		return 0;
	if ((unsigned char)s[0] < 0x80) {
		*cp = (unsigned char)s[0];
		return 1;
	}
	return pm_utf8_decode_multi(s, len, cp);
}

/* Offset of the first invalid byte in s[0..len), or len if all valid. */
size_t pm_utf8_validate(const char *s, size_t len);

/* Number of characters in the valid UTF-8 s[0..len); a byte that starts
 * no valid sequence counts as one character. */
size_t pm_utf8_count(const char *s, size_t len);

/* Is cp a control character no report may carry: C0 but tab and line
 * feed, DEL, C1? */
int pm_utf8_is_control(long cp);

/* The code point of the numeric character reference at s[0..len)
 * ("&#133;", "&#x85;", as CommonMark reads them: up to 7 decimal or 6
 * hexadecimal digits), its length in *n; -1 if there is none. */
long pm_utf8_numeric_ref(const char *s, size_t len, size_t *n);

/* Appends cp encoded as UTF-8 to out (at least 4 bytes); returns length. */
size_t pm_utf8_encode(int32_t cp, char *out);

#endif
