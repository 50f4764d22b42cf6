/* mdout.h: GitHub Markdown output shared by the Markdown report and the
 * digest (render_md.c). */
#ifndef PM_MDOUT_H
#define PM_MDOUT_H

#include "pmc.h"

/* Appends s as Markdown text that reads as s and nothing else: what
 * would be emphasis, a link, a tag, a heading or a list escaped; in a
 * table cell (cell set) on one line, with '|' escaped too. */
void pm_md_text(pm_buf *b, const char *s, int cell);

#endif
