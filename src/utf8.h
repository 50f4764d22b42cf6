/* utf8.h: UTF-8 decoding and character counting for columns. */
#ifndef PM_UTF8_H
#define PM_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Decodes one code point at s[0..len). Returns its length in bytes and
 * stores it in *cp, or returns 0 for an invalid or truncated sequence
 * (overlong forms, surrogates and values above U+10FFFF are invalid). */
size_t pm_utf8_decode(const char *s, size_t len, int32_t *cp);

/* Offset of the first invalid byte in s[0..len), or len if all valid. */
size_t pm_utf8_validate(const char *s, size_t len);

/* Number of characters in the valid UTF-8 s[0..len); a byte that starts
 * no valid sequence counts as one character. */
size_t pm_utf8_count(const char *s, size_t len);

/* Appends cp encoded as UTF-8 to out (at least 4 bytes); returns length. */
size_t pm_utf8_encode(int32_t cp, char *out);

#endif
