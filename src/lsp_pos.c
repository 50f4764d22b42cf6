/* lsp_pos.c: positions between the client's units (UTF-16 code units by
 * default, UTF-8 bytes or code points when negotiated) and the byte
 * offsets and character columns pmc works in. */
#include <stdint.h>

#include "lsp.h"
#include "utf8.h"

/* The length in bytes of the character at s[0..n) (1 for an invalid
 * byte) and its size in enc's units in *units. */
static size_t
char_at(const char *s, size_t n, pm_lsp_enc enc, long *units)
{
	int32_t cp = 0xfffd;
	size_t len = pm_utf8_decode(s, n, &cp);

	if (len == 0)
		len = 1;
	switch (enc) {
	case PM_LSP_UTF8:
		*units = (long)len;
		break;
	case PM_LSP_UTF16:
		*units = cp > 0xffff ? 2 : 1;
		break;
	default:
		*units = 1;
		break;
	}
	return len;
}

long
pm_lsp_units(const char *s, size_t n, pm_lsp_enc enc)
{
	size_t i = 0;
	long units = 0, u;

	while (i < n) {
		i += char_at(s + i, n - i, enc, &u);
		units += u;
	}
	return units;
}

size_t
pm_lsp_line(const char *text, size_t len, long line, size_t *linelen)
{
	size_t at = 0, end;

	for (; line > 1 && at < len; line--) {
		while (at < len && text[at] != '\n' && text[at] != '\r')
			at++;
		if (at < len && text[at] == '\r' && at + 1 < len &&
		    text[at + 1] == '\n')
			at++;
		if (at < len)
			at++;
	}
	if (line > 1) {
		*linelen = 0;
		return len;
	}
	for (end = at; end < len && text[end] != '\n' && text[end] != '\r';)
		end++;
	*linelen = end - at;
	return at;
}

size_t
pm_lsp_offset(const char *text, size_t len, long line, long character,
              pm_lsp_enc enc)
{
	size_t at, n, i = 0, step;
	long units = 0, u;

	if (line < 0)
		line = 0;
	at = pm_lsp_line(text, len, line + 1, &n);
	while (i < n) {
		step = char_at(text + at + i, n - i, enc, &u);
		if (units + u > character)
			break;
		units += u;
		i += step;
	}
	return at + i;
}

size_t
pm_lsp_chars_bytes(const char *s, size_t n, long chars)
{
	size_t i = 0;
	long u;

	for (; chars > 0 && i < n; chars--)
		i += char_at(s + i, n - i, PM_LSP_UTF32, &u);
	return i;
}
