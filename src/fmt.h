/* fmt.h: pmc fmt's pieces that tests reach directly: the comparison of
 * two intermediate forms that decides whether formatting kept a
 * document's meaning. The entry point, pm_fmt(), is in pmc.h. */
#ifndef PM_FMT_H
#define PM_FMT_H

#include <libxml/tree.h>

#include "pmc.h"

/* Are the trees a and b the same document: the same elements, text and
 * attributes, apart from source positions (line, col) and the headings
 * of known sections, which fmt rewrites by design? Returns NULL when they
 * are, else the first element of a where they part (or a's root). */
const xmlNode *pm_fmt_differs(const xmlDoc *a, const xmlDoc *b);

/* The other half of the check, for what the IR does not carry: is every
 * word, URL and HTML comment of in[0..inlen) also in out[0..outlen), at
 * least as often? dropped holds the words fmt removes by design (the old
 * names of known section headings) and counts as part of out; it may be
 * NULL. Returns -1 when nothing is lost, else the byte offset in `in` of
 * a token that would be, whose normalised text is appended to what (when
 * not NULL). Words are runs of letters or of digits, ASCII letters
 * compared in lower case: escapes, indentation and punctuation may
 * change. */
long pm_fmt_lost(const char *in, size_t inlen, const char *out,
                 size_t outlen, const char *dropped, size_t droppedlen,
                 pm_buf *what);

#endif
