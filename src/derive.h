/* derive.h: the figures a postmortem's tree implies (format.md section 7):
 * the durations from its milestones, the follow-up counts and which
 * follow-ups are overdue. Each is decided here and only here; the checks,
 * the back ends and pmc build read the result. */
#ifndef PM_DERIVE_H
#define PM_DERIVE_H

#include <stddef.h>
#include <stdint.h>

#include <libxml/tree.h>

#include "doc.h"

/* The day, counted from 1970-01-01, that decides what is overdue: the
 * date today names ("YYYY-MM-DD", --today) when it is one, else
 * SOURCE_DATE_EPOCH (so that builds are reproducible), else the clock.
 * The command line refuses a bad --today or SOURCE_DATE_EPOCH before. */
int32_t pm_today(const char *today);

/* The day an action of doc falls due: its own due date (returns 0),
 * else, when it is open and the policy gives its incident's severity a
 * follow-up deadline, the day the incident was resolved (in its zone)
 * plus that many days (returns 1; none before it is resolved); -1 when
 * neither. */
int pm_due_day(const pm_doc *doc, const xmlNode *action, int32_t *day);

/* Is action open and due before doc's today? */
int pm_overdue(const pm_doc *doc, const xmlNode *action);

/* What a report's first page says a section in: the first sentence of
 * its first paragraph, spaces folded, cut at a word near 240 bytes; for
 * PM_SEC_IMPACT the front matter's 'impact' line first. NULL when there
 * is neither. The caller frees it. */
char *pm_lede(const xmlNode *root, pm_section_key key);

/* The median of v[0..n) (sorted in place), the mean of the middle two
 * for an even n: the one rule for the site index and the digest. -1 for
 * n == 0. */
long long pm_median(long long *v, size_t n);

/* Writes the figures into doc's tree as the one metrics element (before
 * the first section) and the actions' overdue flags, replacing any the
 * tree had. Runs once, on the tree the back ends get: after the checks
 * and after the public version has left out what it must. */
void pm_derive(pm_doc *doc);

#endif
