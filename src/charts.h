/* charts.h: the cross-incident charts, decided once for the site index
 * (pmc build) and the digest (pmc digest): incidents per month (per year
 * past three years) by severity, the median time to detect and to
 * resolve per severity, how the incidents were detected, and the open
 * and overdue follow-ups by owner. pm_charts_make computes them;
 * pm_charts_xml writes them for templates/charts.xsl to draw as SVG, and
 * digest_pdf.c draws the same numbers on a page. */
#ifndef PM_CHARTS_H
#define PM_CHARTS_H

#include <stddef.h>
#include <stdint.h>

#include <libxml/tree.h>

/* The namespace of the charts' elements and of the site index's input
 * document (pmc build's record keeps it: PM_BUILD_NS). */
#define PM_SITE_NS "urn:x-pmc:site:1"

/* An open follow-up: its owner ("" nobody) and whether it is overdue. */
typedef struct pm_chart_open {
	const char *owner;
	int overdue;
} pm_chart_open;

/* One incident as the charts see it; the strings are borrowed. */
typedef struct pm_chart_in {
	const char *date;        /* the day it started, YYYY-MM-DD; NULL */
	const char *severity;    /* NULL: none given */
	int rank;                /* on the policy's scale, 0 first; -1 */
	const char *detected_by; /* the vocabulary's word; NULL: not said */
	long long ttd, ttr;      /* seconds from the start; -1: none */
	const pm_chart_open *open;
	size_t nopen;
} pm_chart_in;

/* A severity in use, most severe first (unranked ones last, by name). */
typedef struct pm_chart_sev {
	const char *name; /* "" for incidents without one */
	int rank;         /* on the policy's scale; -1 */
	uint32_t color;   /* pm_severity_color, or a colour no rank has */
	size_t count;     /* incidents */
} pm_chart_sev;

/* A count axis: a step of 1, 2 or 5 times a power of ten, at most five
 * steps, up to top. */
typedef struct pm_chart_axis {
	long long step, top;
} pm_chart_axis;

#define PM_CHART_WAYS 6
/* The detected_by vocabulary in the charts' order; "" is "not said". */
extern const char *const pm_chart_ways[PM_CHART_WAYS];

#define PM_CHART_OWNERS 12 /* owners shown; the rest are one row */

typedef struct pm_chart_owner {
	const char *owner; /* "" nobody */
	long long open, overdue;
} pm_chart_owner;

typedef struct pm_charts {
	pm_chart_sev *sevs;
	size_t nsev;
	size_t *sev_of; /* each input's severity, an index into sevs */

	/* Incidents per bucket (month, or year when by_year) by severity:
	 * counts[b * nsev + s]; keys "2024-03" or "2024". */
	int by_year;
	size_t nb;
	char (*keys)[12];
	long long *counts, *totals;
	pm_chart_axis per_bucket;

	/* Median seconds to detect [0] and resolve [1] per severity, over
	 * n of its incidents; -1 when none has it. */
	long long (*median)[2];
	size_t (*median_n)[2];
	long long median_max;

	long long ways[PM_CHART_WAYS];
	pm_chart_axis by_way;

	/* Owners by open follow-ups, then overdue, then name: at most
	 * PM_CHART_OWNERS, then others (owners_folded of them) summed. */
	pm_chart_owner *owners;
	size_t nowners, owners_folded;
	pm_chart_owner others;
	pm_chart_axis by_owner;
} pm_charts;

/* Decides the charts of ins[0..n). from and to (YYYY-MM-DD, or NULL)
 * widen the months shown to the whole of a period. */
void pm_charts_make(pm_charts *, const pm_chart_in *ins, size_t n,
                    const char *from, const char *to);
void pm_charts_free(pm_charts *);

/* Appends <severities> and the four <figure>s to parent, in parent's
 * namespace (templates/charts.xsl reads them). */
void pm_charts_xml(const pm_charts *, xmlNodePtr parent);

/* The axis for counts up to max. */
pm_chart_axis pm_chart_axis_for(long long max);

#endif
