/* fmt.h: pmc fmt's pieces that tests reach directly: the comparison of
 * two intermediate forms that decides whether formatting kept a
 * document's meaning. The entry point, pm_fmt(), is in pmc.h. */
#ifndef PM_FMT_H
#define PM_FMT_H

#include <libxml/tree.h>

/* Are the trees a and b the same document: the same elements, text and
 * attributes, apart from source positions (line, col) and the headings
 * of known sections, which fmt rewrites by design? Returns NULL when they
 * are, else the first element of a where they part (or a's root). */
const xmlNode *pm_fmt_differs(const xmlDoc *a, const xmlDoc *b);

#endif
