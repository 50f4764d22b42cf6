/* suppress.h: comments that silence findings in place, in markdownlint's
 * convention (format.md section 11): <!-- pmc-disable-next-line RULE -->,
 * <!-- pmc-disable-line RULE -->, <!-- pmc-disable RULE --> ...
 * <!-- pmc-enable RULE -->; without a RULE, every rule. */
#ifndef PM_SUPPRESS_H
#define PM_SUPPRESS_H

#include "diag.h"

struct pm_md;
struct cmark_node;

/* Reads every suppression comment in the Markdown tree under root, in
 * document order, into the source's suppressions (md->src->sup);
 * mistakes in them (an unknown rule or directive) are reported to the
 * source as 'suppression' warnings. */
void pm_suppress_scan(struct pm_md *, struct cmark_node *root);

/* Whether a finding of rule at line is silenced. Only findings that
 * the library reports below error are ever silenced (diag.c). */
int pm_suppress_covers(pm_suppress *, pm_rule, int line);

void pm_suppress_free(pm_suppress *);

#endif
