/* figure.c: the incident figure's model (see figure.h). Everything a
 * reader compares between the PDF and the HTML figure is decided here:
 * the axis and its ticks, the phases, the labels and their rows, the
 * marks. The back ends scale x and draw. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "figure.h"
#include "ir.h"
#include "text.h"

#define DAY INT64_C(86400)

/* The zone the figure reads its clock in: the document's, else the
 * offset its first instant was written with. */
typedef struct clock {
	pm_tz *tz;
	int off;
} clock;

static int
offset_at(const clock *c, pm_time t)
{
	return c->tz != NULL ? pm_tz_offset(c->tz, t) : c->off;
}

static int64_t
floor_div(int64_t a, int64_t b)
{
	return a >= 0 ? a / b : -((-a + b - 1) / b);
}

/* The instant at which the local clock reads the wall time w (seconds
 * since 1970-01-01 00:00 on the local clock): DST-correct, so that a day
 * tick stands at midnight on both sides of a change. */
static pm_time
instant_of(const clock *c, int64_t w)
{
	int64_t days = floor_div(w, DAY), s = w - days * DAY;
	int y, mo, d;
	pm_time t;

	if (c->tz == NULL)
		return w - c->off;
	pm_civil_from_days(days, &y, &mo, &d);
	pm_tz_from_local(c->tz, y, mo, d, (int)(s / 3600), (int)(s / 60 % 60),
	                 (int)(s % 60), &t);
	return t;
}

static int64_t
wall_of(const clock *c, pm_time t)
{
	return t + offset_at(c, t);
}

/* The axis's steps, smallest first; the first that gives at most
 * MAX_TICKS ticks is taken. Months and years are calendar ones. */
typedef enum unit { U_SEC, U_MONTH, U_YEAR } unit;

static const struct step {
	unit unit;
	int64_t n;
	int64_t approx; /* seconds, for choosing */
} steps[] = {
    {U_SEC, 60, 60},           {U_SEC, 120, 120},
    {U_SEC, 300, 300},         {U_SEC, 600, 600},
    {U_SEC, 900, 900},         {U_SEC, 1800, 1800},
    {U_SEC, 3600, 3600},       {U_SEC, 7200, 7200},
    {U_SEC, 10800, 10800},     {U_SEC, 21600, 21600},
    {U_SEC, 43200, 43200},     {U_SEC, DAY, DAY},
    {U_SEC, 2 * DAY, 2 * DAY}, {U_SEC, 7 * DAY, 7 * DAY},
    {U_SEC, 14 * DAY, 14 * DAY}, {U_MONTH, 1, 30 * DAY},
    {U_MONTH, 3, 91 * DAY},    {U_MONTH, 6, 183 * DAY},
    {U_YEAR, 1, 365 * DAY},    {U_YEAR, 2, 730 * DAY},
    {U_YEAR, 5, 1826 * DAY},   {U_YEAR, 10, 3652 * DAY},
    {U_YEAR, 20, 7305 * DAY},  {U_YEAR, 50, 18262 * DAY},
    {U_YEAR, 100, 36524 * DAY}, {U_YEAR, 200, 73048 * DAY},
    {U_YEAR, 500, 182621 * DAY}, {U_YEAR, 1000, 365242 * DAY},
    {U_YEAR, 2000, 730485 * DAY}, {U_YEAR, 5000, 1826212 * DAY},
    {U_YEAR, 10000, 3652425 * DAY}};

/* The first wall time no timestamp can have: an axis's margin may
 * reach past year 9999, its ticks may not. */
#define YEAR_10000 (INT64_C(2932897) * DAY)

#define NSTEPS (sizeof(steps) / sizeof(steps[0]))
#define MAX_TICKS 8
/* A bound on the loop however the calendar rounds. */
#define TICKS_CAP 12

static const struct step *
step_for(pm_time span)
{
	size_t i;

	for (i = 0; i + 1 < NSTEPS; i++)
		if (span / steps[i].approx <= MAX_TICKS)
			break;
	return &steps[i];
}

/* The first wall time of the step's grid at or after w: a multiple of
 * the step on the local clock, a Monday for weeks, the first of a month
 * or of a year. */
static int64_t
grid_start(const struct step *st, int64_t w)
{
	int64_t days = floor_div(w, DAY);
	int64_t base = st->n % (7 * DAY) == 0 ? 4 * DAY : 0;
	int y, mo, d, k;

	switch (st->unit) {
	case U_SEC:
		/* 1970-01-01 was a Thursday: weeks start 4 days later */
		return floor_div(w - base + st->n - 1, st->n) * st->n + base;
	case U_MONTH:
		pm_civil_from_days(days, &y, &mo, &d);
		k = (int)(((mo - 1) / st->n + (d > 1 || w % DAY != 0)) * st->n);
		y += k / 12;
		return pm_days_from_civil(y, k % 12 + 1, 1) * DAY;
	case U_YEAR:
		pm_civil_from_days(days, &y, &mo, &d);
		if (mo > 1 || d > 1 || w % DAY != 0)
			y++;
		y = (int)(floor_div(y + st->n - 1, st->n) * st->n);
		return pm_days_from_civil(y < 1 ? (int)st->n : y, 1, 1) * DAY;
	}
	return w;
}

static int64_t
grid_next(const struct step *st, int64_t w)
{
	int y, mo, d;

	if (st->unit == U_SEC)
		return w + st->n;
	pm_civil_from_days(floor_div(w, DAY), &y, &mo, &d);
	if (st->unit == U_YEAR)
		return pm_days_from_civil(y + (int)st->n, 1, 1) * DAY;
	mo += (int)st->n;
	return pm_days_from_civil(y + (mo - 1) / 12, (mo - 1) % 12 + 1, 1) *
	       DAY;
}

static double
xpos(const pm_figure *f, const pm_fig_metrics *m, pm_time t)
{
	return m->width * (double)(t - f->a0) / (double)(f->a1 - f->a0);
}

static char *
fmt_instant(pm_time t, int off, const char *fam, enum pm_dt_style st)
{
	pm_buf b = {0};
	char *s;

	pm_fmt_instant(&b, t, off, fam, st);
	s = pm_xstrdup(pm_buf_cstr(&b));
	pm_buf_free(&b);
	return s;
}


static void
tick_label(pm_fig_tick *k, const struct step *st, const clock *c,
           const char *fam, int64_t *prev_day)
{
	int off = offset_at(c, k->t);
	int64_t day = floor_div(k->t + off, DAY);
	int y, mo, d;
	pm_buf b = {0};

	if (st->unit == U_YEAR) {
		pm_civil_from_days(day, &y, &mo, &d);
		pm_buf_printf(&b, "%d", y);
		k->label = pm_xstrdup(pm_buf_cstr(&b));
		pm_buf_free(&b);
	} else if (st->unit == U_MONTH) {
		k->label = fmt_instant(k->t, off, fam, PM_DT_MONTH);
	} else if (st->n >= DAY) {
		k->label = fmt_instant(k->t, off, fam, PM_DT_DAY);
	} else {
		k->label = fmt_instant(k->t, off, fam, PM_DT_TIME);
		if (day != *prev_day)
			k->date = fmt_instant(k->t, off, fam, PM_DT_DAY);
	}
	*prev_day = day;
}

static void
ticks(pm_figure *f, const pm_fig_metrics *m, const clock *c,
      const char *fam)
{
	const struct step *st = step_for(f->a1 - f->a0);
	int64_t w = grid_start(st, wall_of(c, f->a0)), prev_day = INT64_MIN;
	pm_time t, last = INT64_MIN;
	pm_fig_tick *k;

	f->ticks = pm_xcalloc(TICKS_CAP, sizeof(*f->ticks));
	for (; f->nticks < TICKS_CAP; w = grid_next(st, w)) {
		t = instant_of(c, w);
		if (t > f->a1 || w >= YEAR_10000)
			break;
		if (t < f->a0 || t <= last) /* a DST gap or repeat */
			continue;
		k = &f->ticks[f->nticks++];
		k->t = last = t;
		k->x = xpos(f, m, t);
		tick_label(k, st, c, fam, &prev_day);
	}
}

/* The instants: the milestones of <times>, the events of every
 * timeline. */

static const xmlNode *
times_of(const xmlNode *root)
{
	return pm_ir_first(root, PM_EL_TIMES);
}

static int
milestone_time(const xmlNode *root, pm_milestone i, pm_time *t, int *off)
{
	const xmlNode *n = pm_ir_first(times_of(root), pm_ir_milestone(i));

	return pm_time_parse_iso(pm_ir_get(n, "at"), t, off);
}

/* The next event after n in document order within root that is a
 * timeline's and has a time. */
static const xmlNode *
next_event(const xmlNode *root, const xmlNode *n)
{
	pm_time t;
	int off;

	while ((n = pm_ir_walk(n, root, 1)) != NULL)
		if (pm_ir_is(n, PM_EL_EVENT) && pm_ir_is(n->parent, PM_EL_TIMELINE) &&
		    pm_time_parse_iso(pm_ir_get(n, "at"), &t, &off) == 0)
			return n;
	return NULL;
}

static void
widen(pm_time t, int off, pm_time *t0, pm_time *t1, int *off0, size_t *n)
{
	if (*n == 0 || t < *t0) {
		*t0 = t;
		*off0 = off;
	}
	if (*n == 0 || t > *t1)
		*t1 = t;
	(*n)++;
}

/* The first and last instant; returns the number of instants. */
static size_t
extent(const xmlNode *root, pm_time *t0, pm_time *t1, int *off0)
{
	const xmlNode *e;
	size_t n = 0, i;
	pm_time t;
	int off;

	for (i = 0; i < PM_MS__COUNT; i++)
		if (milestone_time(root, (pm_milestone)i, &t, &off) == 0)
			widen(t, off, t0, t1, off0, &n);
	for (e = next_event(root, root); e; e = next_event(root, e)) {
		pm_time_parse_iso(pm_ir_get(e, "at"), &t, &off);
		widen(t, off, t0, t1, off0, &n);
	}
	return n;
}

/* The axis: at least 20 minutes, with 4 % to spare on each side. */
static void
axis(pm_figure *f, pm_time t0, pm_time t1, const clock *c)
{
	pm_time base = t1 - t0 < 1200 ? 1200 : t1 - t0;
	pm_time mid = t0 + (t1 - t0) / 2;

	f->a0 = mid - base / 2 - base / 25;
	f->a1 = mid + base / 2 + base / 25;
	f->oneday = floor_div(wall_of(c, t0), DAY) ==
	            floor_div(wall_of(c, t1), DAY);
}

/* Milestones, grouped by instant and in time order. */

static int
by_time(const void *a, const void *b)
{
	const pm_fig_milestone *x = a, *y = b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->first < y->first ? -1 : x->first > y->first;
}

static void
group_names(pm_fig_milestone *g, const pm_labels *lab)
{
	pm_buf b = {0}, key = {0};
	size_t i;

	for (i = 0; i < PM_MS__COUNT; i++) {
		if (!(g->set & 1u << i))
			continue;
		if (b.len > 0)
			pm_buf_puts(&b, " \u00b7 ");
		key.len = 0;
		pm_buf_printf(&key, "milestone.%s", pm_milestones[i]);
		pm_buf_puts(&b, pm_label(lab, pm_buf_cstr(&key)));
	}
	g->name = pm_xstrdup(pm_buf_cstr(&b));
	pm_buf_free(&b);
	pm_buf_free(&key);
}

static void
collect_milestones(pm_figure *f, const xmlNode *root)
{
	pm_fig_milestone *g;
	size_t i, j;
	pm_time t;
	int off;

	f->ms = pm_xcalloc(PM_MS__COUNT, sizeof(*f->ms));
	for (i = 0; i < PM_MS__COUNT; i++) {
		if (milestone_time(root, (pm_milestone)i, &t, &off) != 0)
			continue;
		for (j = 0; j < f->nms && f->ms[j].t != t; j++)
			;
		g = &f->ms[j];
		if (j == f->nms) {
			f->nms++;
			g->first = (pm_milestone)i;
			g->t = t;
		}
		g->set |= 1u << i;
	}
	qsort(f->ms, f->nms, sizeof(*f->ms), by_time);
}

/* Each label centred on its milestone, or flush with the axis's end it
 * would pass; on the lowest row where it keeps the gap to the label
 * before it, else on the row where it runs least into it. */
static void
place_labels(pm_figure *f, const pm_fig_metrics *m)
{
	double end[PM_FIG_ROWS], best;
	pm_fig_milestone *g;
	size_t i;
	int r, pick;

	for (r = 0; r < PM_FIG_ROWS; r++)
		end[r] = -1e300;
	for (i = 0; i < f->nms; i++) {
		g = &f->ms[i];
		g->left = g->x - g->w / 2;
		if (g->left + g->w > m->width)
			g->left = m->width - g->w;
		if (g->left < 0)
			g->left = 0;
		for (r = 0, pick = 0, best = 1e300; r < PM_FIG_ROWS; r++) {
			if (g->left >= end[r] + m->gap) {
				pick = r;
				break;
			}
			if (end[r] - g->left < best)
				best = end[r] - g->left, pick = r;
		}
		g->row = pick;
		end[pick] = g->left + g->w;
		if (pick + 1 > f->nrows)
			f->nrows = pick + 1;
	}
}

static void
milestones(pm_figure *f, const xmlNode *root, const pm_labels *lab,
           const pm_fig_metrics *m, const clock *c)
{
	const char *fam = pm_labels_lang(lab);
	pm_fig_milestone *g;
	double wn, wt;
	size_t i;

	collect_milestones(f, root);
	for (i = 0; i < f->nms; i++) {
		g = &f->ms[i];
		g->x = xpos(f, m, g->t);
		group_names(g, lab);
		g->time = fmt_instant(g->t, offset_at(c, g->t), fam,
		                      f->oneday ? PM_DT_TIME : PM_DT_SHORT);
		wn = m->measure(m->arg, g->name, strlen(g->name), PM_FIG_NAME);
		wt = m->measure(m->arg, g->time, strlen(g->time), PM_FIG_TIME);
		g->w = wn > wt ? wn : wt;
	}
	place_labels(f, m);
}

/* The phase from each group to the next. */
static void
phases(pm_figure *f, const pm_fig_metrics *m, const char *fam)
{
	pm_fig_phase *p;
	pm_buf b = {0};
	size_t i;

	f->phases = pm_xcalloc(f->nms + 1, sizeof(*f->phases));
	for (i = 0; i + 1 < f->nms; i++) {
		p = &f->phases[f->nphases++];
		p->from = f->ms[i].first;
		p->to = f->ms[i + 1].first;
		p->a = f->ms[i].t;
		p->b = f->ms[i + 1].t;
		p->x0 = f->ms[i].x;
		p->x1 = f->ms[i + 1].x;
		b.len = 0;
		pm_fmt_duration(&b, p->b - p->a, fam);
		p->length = pm_xstrdup(pm_buf_cstr(&b));
		p->fits = m->measure(m->arg, b.data, b.len, PM_FIG_LENGTH) + 16 <
		          p->x1 - p->x0;
	}
	pm_buf_free(&b);
}

/* Marks closer than the axis's length over this would touch. */
#define MARKS_APART 84

/* A mark for every event; one that would cover the mark before it is
 * lifted or lowered, alternately, so that a cluster fans out. */
static void
marks(pm_figure *f, const xmlNode *root, const pm_fig_metrics *m,
      const clock *c, const char *fam)
{
	const xmlNode *e;
	pm_fig_mark *k;
	size_t cap = 16;
	int off;
	char *text;

	f->marks = pm_xcalloc(cap, sizeof(*f->marks));
	for (e = next_event(root, root); e; e = next_event(root, e)) {
		if (f->nmarks == cap)
			f->marks = pm_xrealloc(f->marks, (cap *= 2) * sizeof(*f->marks));
		k = &f->marks[f->nmarks];
		memset(k, 0, sizeof(*k));
		pm_time_parse_iso(pm_ir_get(e, "at"), &k->t, &off);
		k->x = xpos(f, m, k->t);
		k->kind = pm_ir_get(e, "kind");
		k->time = fmt_instant(k->t, offset_at(c, k->t), fam,
		                      PM_DT_SHORT);
		text = pm_ir_child_text(e, PM_EL_TEXT);
		k->text = pm_fold_space(text ? text : pm_xstrdup(""));
		/* 0, 1, -1, 0...: each mark off the lane of the one it
		 * would cover */
		if (f->nmarks > 0 && k->x - k[-1].x < m->width / MARKS_APART)
			k->lift = (k[-1].lift + 2) % 3 - 1;
		f->nmarks++;
	}
}

uint32_t
pm_severity_color(int rank)
{
	static const uint32_t colors[] = {0x9F1239u, 0xC2410Cu, 0x9A5B00u,
	                                  0x1F4E8Cu, 0x5B6878u};

	return colors[rank >= 0 && rank < 4 ? rank : 4];
}

uint32_t
pm_unranked_color(size_t i)
{
	static const uint32_t colors[] = {0x0072B2u, 0x00805Du, 0xA8507Fu,
	                                  0x716816u};

	return colors[i % (sizeof(colors) / sizeof(colors[0]))];
}

pm_figure *
pm_figure_make(const xmlNode *root, const pm_labels *lab,
               const pm_fig_metrics *m)
{
	const char *fam = pm_labels_lang(lab);
	pm_figure *f;
	clock c = {0};
	pm_time t0 = 0, t1 = 0;
	char *zone;

	if (root == NULL || extent(root, &t0, &t1, &c.off) == 0)
		return NULL;
	if ((zone = pm_ir_child_text(root, PM_EL_TIMEZONE)) != NULL)
		c.tz = pm_tz_load(zone);
	free(zone);
	f = pm_xcalloc(1, sizeof(*f));
	axis(f, t0, t1, &c);
	ticks(f, m, &c, fam);
	milestones(f, root, lab, m, &c);
	phases(f, m, fam);
	marks(f, root, m, &c, fam);
	pm_tz_free(c.tz);
	return f;
}

void
pm_figure_free(pm_figure *f)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < f->nticks; i++) {
		free(f->ticks[i].label);
		free(f->ticks[i].date);
	}
	for (i = 0; i < f->nms; i++) {
		free(f->ms[i].name);
		free(f->ms[i].time);
	}
	for (i = 0; i < f->nphases; i++)
		free(f->phases[i].length);
	for (i = 0; i < f->nmarks; i++) {
		free(f->marks[i].time);
		free(f->marks[i].text);
	}
	free(f->ticks);
	free(f->ms);
	free(f->phases);
	free(f->marks);
	free(f);
}
