/* mojibake.h: finding and repairing mojibake, UTF-8 text that was decoded
 * as a single-byte code page (Windows-1252, Windows-1250, ISO-8859-16,
 * Latin-1) and encoded as UTF-8 again: "pĂ„" for "på", "Ã¸" for "ø". */
#ifndef PM_MOJIBAKE_H
#define PM_MOJIBAKE_H

#include <stddef.h>

#include "diag.h"
#include "pmc.h"

/* One run of mojibake: bytes [off, off + len) of the text. */
typedef struct pm_mojibake {
	size_t off, len;
	char fixed[64];      /* what they most likely were, UTF-8 */
	const char *charset; /* the code page the UTF-8 was read as */
} pm_mojibake;

/* Finds the first run of mojibake at or after byte from of the valid
 * UTF-8 s[0..len). Returns 1 and fills m, or 0 when there is none. A long
 * run may come back in pieces. */
int pm_mojibake_find(const char *s, size_t len, size_t from, pm_mojibake *m);

/* Appends s[0..len) to out with every run of mojibake repaired; returns
 * how many runs were (for pmc fmt --fix-mojibake). */
size_t pm_mojibake_fix(const char *s, size_t len, pm_buf *out);

/* Reports the rule mojibake over a source's text (valid UTF-8): one
 * warning per line, naming its first such word and what it most likely
 * was. */
void pm_mojibake_check(pm_src *);

#endif
