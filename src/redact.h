/* redact.h: the public version of a postmortem (format.md section 8):
 * internal blocks left out, e-mail addresses and phone numbers replaced,
 * in the intermediate form, so that every back end gets the same tree. */
#ifndef PM_REDACT_H
#define PM_REDACT_H

#include <stddef.h>

#include "doc.h"

/* PM_REDACTED is pmc.h's. */

/* Gives doc->ir the audience asked for: --audience public or internal,
 * else the front matter's. For the public, pm_redact_public(); for the
 * team, the tree is marked audience="internal" whatever the front matter
 * said, so that no back end hides what the command line asked for. */
void pm_redact_audience(pm_doc *);

/* Makes doc->ir the public tree: removes internal blocks (and sections
 * and subsections left empty by that), replaces e-mail addresses and
 * phone numbers in every text and text-bearing attribute with
 * PM_REDACTED, unwraps links whose target named one, leaves out the
 * milestones only internal entries gave, and marks the tree
 * audience="public". Runs after the checks, which saw the whole source,
 * and before pm_derive, which computes the figures of what is left. */
void pm_redact_public(pm_doc *);

/* Appends s[0..n) to out with each e-mail address and phone number
 * replaced by PM_REDACTED; returns how many were replaced. */
size_t pm_redact_text(const char *s, size_t n, pm_buf *out);

#endif
