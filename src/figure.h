/* figure.h: the incident figure, computed once from the IR: the time
 * axis and its ticks, the phases between the milestones with their
 * lengths, the milestone labels placed in time order without overlap,
 * and a mark for every event of the timeline. The back ends only draw
 * it: the PDF through the layout layer (pdf_front.c), the HTML as SVG
 * (figure_svg.c, through the template's pmc:figure()). */
#ifndef PM_FIGURE_H
#define PM_FIGURE_H

#include <libxml/tree.h>

#include "l10n.h"
#include "names.h"
#include "pmtime.h"

/* What the measure callback is asked for: the texts the model places. */
typedef enum pm_fig_text {
	PM_FIG_NAME,  /* a milestone's name, bold */
	PM_FIG_TIME,  /* its time, under the name */
	PM_FIG_LENGTH /* a phase's length, written in the bar */
} pm_fig_text;

/* The drawing's measures, in its own units (SVG user units, points). */
typedef struct pm_fig_metrics {
	double width; /* the axis's length */
	double gap;   /* the least space between two labels on a row */
	double (*measure)(void *arg, const char *s, size_t n, pm_fig_text);
	void *arg;
} pm_fig_metrics;

typedef struct pm_fig_tick {
	pm_time t;
	double x;   /* along the axis, 0 to metrics.width */
	char *label; /* "08:00", "27 Apr", "April 2022", "2022" */
	char *date;  /* under an hour tick where the day changes, else NULL */
} pm_fig_tick;

/* Milestones at one instant (detected and acknowledged often are) are
 * one group, named together: "Detected · Acknowledged". */
typedef struct pm_fig_milestone {
	pm_milestone first; /* the first of the group: its colour */
	unsigned set;       /* every milestone of the group, 1 << pm_milestone */
	pm_time t;
	double x;
	char *name;
	char *time;
	int row;          /* 0 next to the bar, up to PM_FIG_ROWS - 1 above */
	double left, w;   /* the label's box along the axis */
} pm_fig_milestone;

/* The phase from one milestone group to the next. */
typedef struct pm_fig_phase {
	pm_milestone from, to; /* the groups' first milestones */
	pm_time a, b;
	double x0, x1;
	char *length;   /* "3 h 15 min" */
	int fits;       /* the length fits inside the bar */
} pm_fig_phase;

typedef struct pm_fig_mark {
	pm_time t;
	double x;
	const char *kind; /* the event's kind, borrowed; NULL for none */
	char *time;
	char *text;       /* the event's text, spaces folded */
	int lift;         /* -1, 0, 1: staggered from a mark it would cover */
} pm_fig_mark;

#define PM_FIG_ROWS 3

typedef struct pm_figure {
	pm_time a0, a1; /* the axis: the incident with a margin */
	int oneday;     /* everything within one local day: times alone */
	pm_fig_tick *ticks;
	size_t nticks;
	pm_fig_milestone *ms;
	size_t nms;
	int nrows; /* label rows used */
	pm_fig_phase *phases;
	size_t nphases;
	pm_fig_mark *marks;
	size_t nmarks;
} pm_figure;

/* The colour every report gives a severity of rank (pm_policy_rank: the
 * most severe 0, crimson; then orange, amber, blue, and slate for the
 * rest; crimson and orange differ in lightness too, as stacked bars
 * need),
 * as 0xRRGGBB; white text on each is above 4.5:1. */
uint32_t pm_severity_color(int rank);

/* The i-th colour for a severity with no rank (not on the policy's
 * scale), none of them a rank's; white text above 4.5:1 on each. */
uint32_t pm_unranked_color(size_t i);

/* The figure of the document root for a drawing of metrics m, its texts
 * in the labels' language; NULL when there is no instant to draw. Free
 * it with pm_figure_free(). */
pm_figure *pm_figure_make(const xmlNode *root, const pm_labels *,
                          const pm_fig_metrics *m);
void pm_figure_free(pm_figure *);

/* The figure as HTML: <figure class="course"> with its caption, the SVG
 * and the legend, added under parent; nothing when there is no figure. */
void pm_figure_svg(const xmlNode *root, const pm_labels *,
                   xmlNodePtr parent);

#endif
