/* editor.c: what an editor asks about a compiled postmortem (pmc lsp):
 * the times of a line as a hover, the outline, and the format's words to
 * complete, read from the tree and the tables the compiler itself uses,
 * so that an editor shows what pmc made of the source. */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "doc.h"
#include "ir.h"
#include "l10n.h"
#include "md.h"
#include "pmtime.h"
#include "text.h"

/* ---- Hovers ---- */

/* t as the clock reads at offset: "2012-06-20 17:50", seconds when
 * there are any. */
static void
clock_at(pm_buf *b, pm_time t, int offset)
{
	int64_t local = t + offset, days, secs;
	int y, m, day;

	days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
	secs = local - days * 86400;
	pm_civil_from_days(days, &y, &m, &day);
	pm_buf_printf(b, "%04d-%02d-%02d %02d:%02d", y, m, day,
	              (int)(secs / 3600), (int)(secs / 60 % 60));
	if (secs % 60)
		pm_buf_printf(b, ":%02d", (int)(secs % 60));
}

/* The milestone a timeline event's kind names, or -1. */
static int
milestone_named(const char *kind)
{
	return kind ? pm_name_find(pm_milestones, PM_MS__COUNT, kind) : -1;
}

/* The milestone an element stands for: a milestone of times, or a
 * timeline event tagged with one; -1 for none. */
static int
milestone_of(const xmlNode *n)
{
	int k;

	for (k = 0; k < PM_MS__COUNT; k++)
		if (pm_ir_is(n, pm_ir_milestone((pm_milestone)k)))
			return k;
	return pm_ir_is(n, PM_EL_EVENT) ? milestone_named(pm_ir_get(n, "kind"))
	                                : -1;
}

/* A milestone's derived figure, as src/derive.c wrote it into metrics:
 * "Time to detect: 14 h 59 min", in the document's language. */
static void
figure_of(pm_buf *b, const xmlNode *root, int milestone)
{
	const pm_labels *l = pm_labels_get(NULL, pm_ir_get(root, "lang"), NULL);
	xmlNode *m = pm_ir_first(root, PM_EL_METRICS), *fig;
	const char *secs;
	char key[64];
	size_t k;

	for (k = 0; k < PM_DUR__COUNT; k++) {
		if ((int)pm_durations[k].to != milestone ||
		    (fig = pm_ir_first(m, pm_durations[k].el)) == NULL ||
		    (secs = pm_ir_get(fig, "seconds")) == NULL)
			continue;
		snprintf(key, sizeof(key), "metric.%s",
		         pm_ir_name(pm_durations[k].el));
		pm_buf_printf(b, "\n%s: ", pm_label(l, key));
		pm_fmt_duration(b, strtoll(secs, NULL, 10), pm_labels_lang(l));
	}
}

/* What an element with a time says: the instant in the document's zone
 * and in UTC, and a milestone's figure; 0 when its time is unreadable. */
static int
time_hover(pm_buf *b, const xmlNode *root, const xmlNode *n)
{
	char *zone = pm_ir_child_text(root, PM_EL_TIMEZONE), off[8];
	pm_time t;
	int offset, ms = milestone_of(n), rc = 0;

	if (pm_time_parse_iso(pm_ir_get(n, "at"), &t, &offset) < 0)
		goto out;
	pm_offset_format(offset, off);
	if (ms >= 0)
		pm_buf_printf(b, "%s: ", pm_milestones[ms]);
	clock_at(b, t, offset);
	pm_buf_printf(b, " %s (UTC%s)\n", zone ? zone : "", off);
	clock_at(b, t, 0);
	pm_buf_puts(b, " UTC");
	if (ms >= 0)
		figure_of(b, root, ms);
	rc = 1;
out:
	free(zone);
	return rc;
}

/* The tree's root when its places are the Markdown source's, else NULL. */
static const xmlNode *
md_root(const pm_doc *doc)
{
	return doc && doc->ir && !doc->from_xml ? xmlDocGetRootElement(doc->ir)
	                                        : NULL;
}

int
pm_doc_hover(const pm_doc *doc, int line, pm_buf *out)
{
	const xmlNode *root = md_root(doc), *n;
	size_t mark;
	int count = 0;

	for (n = root; n != NULL; n = pm_ir_walk(n, root, 1)) {
		if (pm_ir_get(n, "at") == NULL || pm_ir_loc_attr(n).line != line)
			continue;
		mark = out->len;
		if (count > 0)
			pm_buf_puts(out, "\n\n");
		if (time_hover(out, root, n))
			count++;
		else
			out->len = mark;
	}
	return count;
}

/* ---- The outline ---- */

/* An entry at line; its text (owned) is taken. */
static pm_outline_item *
add_item(pm_outline *o, pm_outline_kind kind, char *text, int line)
{
	pm_outline_item *it;

	o->items = pm_xrealloc(o->items, (o->n + 1) * sizeof(*o->items));
	it = &o->items[o->n++];
	it->kind = kind;
	it->text = text;
	it->milestone = NULL;
	it->line = it->last = line;
	return it;
}

/* An element of a section worth an outline entry: a timeline day, a
 * milestone event, a why, a follow-up; nothing for others. */
static void
add_child(pm_outline *o, const xmlNode *n)
{
	int line = pm_ir_loc_attr(n).line, ms;

	if (line == 0)
		return;
	if (pm_ir_is(n, PM_EL_HEADING) && n->parent != NULL &&
	    pm_ir_section_key(n->parent) == PM_SEC_TIMELINE) {
		add_item(o, PM_OUTLINE_DAY, pm_ir_content(n), line);
	} else if (pm_ir_is(n, PM_EL_EVENT) &&
	           (ms = milestone_named(pm_ir_get(n, "kind"))) >= 0) {
		add_item(o, PM_OUTLINE_MILESTONE,
		         pm_ir_content(pm_ir_first(n, PM_EL_TEXT)), line)
		    ->milestone = pm_milestones[ms];
	} else if (pm_ir_is(n, PM_EL_WHY)) {
		add_item(o, PM_OUTLINE_WHY,
		         pm_ir_content(pm_ir_first(n, PM_EL_QUESTION)), line);
	} else if (pm_ir_is(n, PM_EL_ACTION)) {
		add_item(o, PM_OUTLINE_FOLLOW_UP,
		         pm_ir_content(pm_ir_first(n, PM_EL_TEXT)), line);
	}
}

/* A section's entry, from its heading's line to last, then its days,
 * milestones, whys and follow-ups. */
static void
add_section(pm_outline *o, const xmlNode *sec, int line, int last)
{
	const char *heading = pm_ir_get(sec, "heading");
	pm_outline_item *it = add_item(o, PM_OUTLINE_SECTION,
	                               pm_xstrdup(heading ? heading : ""), line);
	const xmlNode *n;

	it->last = last < line ? line : last;
	for (n = pm_ir_walk(sec, sec, 1); n != NULL; n = pm_ir_walk(n, sec, 1))
		add_child(o, n);
}

pm_outline *
pm_doc_outline(const pm_doc *doc)
{
	pm_outline *o = pm_xcalloc(1, sizeof(*o));
	const xmlNode *root = md_root(doc);
	xmlNode *sec, *next;
	int line, last;

	sec = root ? pm_ir_first(root, PM_EL_SECTION) : NULL;
	for (; sec != NULL; sec = next) {
		next = pm_ir_next(sec, PM_EL_SECTION);
		line = pm_ir_loc_attr(sec).line;
		last = next ? pm_ir_loc_attr(next).line - 1 : (int)doc->src.nlines;
		if (line > 0)
			add_section(o, sec, line, last);
	}
	return o;
}

void
pm_outline_free(pm_outline *o)
{
	size_t i;

	if (o == NULL)
		return;
	for (i = 0; i < o->n; i++)
		free(o->items[i].text);
	free(o->items);
	free(o);
}

/* ---- Words ---- */

/* The k-th of a NULL-terminated table. */
static const char *
nth(const char *const *table, size_t k)
{
	size_t i;

	for (i = 0; i < k && table[i] != NULL; i++)
		continue;
	return table[i];
}

/* The policy's levels, or the default scale's (pm_policy_level). */
static const char *
level(const pm_doc *doc, size_t k)
{
	static const char *const scale[] = {"SEV1", "SEV2", "SEV3", "SEV4",
	                                    "SEV5", "P0",   "P1",   "P2",
	                                    "P3",   "P4",   NULL};
	const pm_policy *pol = doc ? doc->policy : NULL;

	if (pol == NULL || pol->levels == NULL)
		return nth(scale, k);
	return k < pol->nlevels ? pol->levels[k].name : NULL;
}

/* The known sections' headings in the document's language. */
static const char *
heading(const pm_doc *doc, size_t k)
{
	const xmlNode *root =
	    doc && doc->ir ? xmlDocGetRootElement(doc->ir) : NULL;

	if (k >= PM_SEC_CUSTOM)
		return NULL;
	return pm_section_heading((pm_section_key)k,
	                          root ? pm_ir_get(root, "lang") : NULL);
}

const char *
pm_doc_word(const pm_doc *doc, pm_word_kind kind, size_t k)
{
	switch (kind) {
	case PM_WORD_FRONT_MATTER_KEY:
		return pm_fm_key_name(k);
	case PM_WORD_STATUS:
		return k < PM_STATUS__COUNT ? pm_statuses[k] : NULL;
	case PM_WORD_SEVERITY:
		return level(doc, k);
	case PM_WORD_DETECTED_BY:
		return nth(pm_detected_by, k);
	case PM_WORD_AUDIENCE:
		return nth(pm_audiences, k);
	case PM_WORD_LANG:
		return nth(pm_langs, k);
	case PM_WORD_HEADING:
		return heading(doc, k);
	case PM_WORD_EVENT_KIND:
		return nth(pm_event_kinds, k);
	case PM_WORD_FOLLOW_UP_ATTR:
		return k < PM_ACTION_ATTRS ? pm_action_attrs[k] : NULL;
	case PM_WORD_FOLLOW_UP_TYPE:
		return nth(pm_follow_up_types, k);
	}
	return NULL; /* a kind this version does not know */
}
