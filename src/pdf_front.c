/* pdf_front.c: what a manager reads first: the title, the summary box of
 * key facts and derived figures, and the timeline chart (phases on a time
 * axis, event marks) in vector graphics; and the page header and footer
 * with "page N of M". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "ir.h"
#include "names.h"
#include "pdf_ctx.h"
#include "utf8.h"

#define NTICK_STEPS (sizeof(tick_steps) / sizeof(tick_steps[0]))

static const pm_time tick_steps[] = {
    60,    120,   300,   600,    900,    1800,   3600,   7200,
    10800, 21600, 43200, 86400,  172800, 345600, 604800, 1209600};

static const char *
milestone_at(const pm_pdf_ctx *c, pm_el el)
{
	return pm_ir_get(pm_ir_first(pm_ir_first(c->root, PM_EL_TIMES), el),
	                 "at");
}

/* The title and the incident's span: "5 June 2023 13:30 – 16:45". */
static void
title_block(pm_pdf_ctx *c)
{
	pm_lay_para f = {0};
	pm_lay_style st;
	char *title = pm_ir_child_text(c->root, PM_EL_TITLE), *tz;
	const char *a = milestone_at(c, PM_EL_STARTED), *b;
	pm_buf when = {0};

	f.leading = 1.5;
	f.after = 2;
	pm_lay_para_begin(c->lay, &f);
	st = pm_pdf_style(c, PM_FS_BOLD, 0.8, PM_C_MUTED);
	pm_pdf_text(c, pm_label(c->lab, "field.id"), &st);
	pm_pdf_text(c, " \u00b7 ", &st);
	pm_pdf_text(c, pm_ir_get(c->root, "id"), &st);
	pm_lay_para_end(c->lay);

	f.leading = 1.2;
	f.after = 4;
	pm_lay_para_begin(c->lay, &f);
	st = pm_pdf_style(c, PM_FS_BOLD, 2.1, PM_C_HEAD);
	pm_pdf_text(c, title ? title : "", &st);
	pm_lay_para_end(c->lay);
	free(title);

	if (a == NULL || pm_fmt_datetime(&when, a, c->fam, PM_DT_DATETIME) < 0)
		return;
	if ((b = milestone_at(c, PM_EL_RESOLVED)) != NULL) {
		pm_buf_puts(&when, " \u2013 ");
		pm_fmt_datetime(&when, b, c->fam,
		                strncmp(a, b, 10) == 0 ? PM_DT_TIME
		                                       : PM_DT_DATETIME);
	}
	if ((tz = pm_ir_child_text(c->root, PM_EL_TIMEZONE)) != NULL)
		pm_buf_printf(&when, " (%s)", tz);
	free(tz);
	f.leading = 1.4;
	f.after = 0;
	pm_lay_para_begin(c->lay, &f);
	st = pm_pdf_style(c, 0, 1.05, PM_C_MUTED);
	pm_lay_run(c->lay, when.data, when.len, &st);
	pm_lay_para_end(c->lay);
	pm_buf_free(&when);
}

/* The summary box. */

static pm_lay_table
box_table(double pady)
{
	pm_lay_table t = {0};

	t.padx = 10, t.pady = pady;
	t.has_bg = 1, t.bg = PM_C_BOX;
	t.leading = 1.35;
	t.keep = 1;
	return t;
}

/* The tiles are two rows, labels above values, so that the values stand
 * on one line however the labels wrap ("Tid til avbøting"). */
static void
tile_label(pm_pdf_ctx *c, const char *label)
{
	pm_lay_style ls = pm_pdf_style(c, 0, 0.75, PM_C_MUTED);

	pm_lay_cell(c->lay, PM_LA_LEFT, NULL);
	pm_pdf_text(c, label, &ls);
}

static void
tile(pm_pdf_ctx *c, const char *value, uint32_t color)
{
	pm_lay_style vs = pm_pdf_style(c, PM_FS_BOLD, 1.25, color);

	pm_lay_cell(c->lay, PM_LA_LEFT, NULL);
	pm_pdf_text(c, value, &vs);
}

/* Spaces made non-breaking: "3 h 15 min" on one line. */
static void
nbsp(pm_buf *b)
{
	pm_buf r = {0};
	size_t i;

	for (i = 0; i < b->len; i++)
		if (b->data[i] == ' ')
			pm_buf_puts(&r, "\u00a0");
		else
			pm_buf_putc(&r, b->data[i]);
	pm_buf_free(b);
	*b = r;
}

static void
duration_tile(pm_pdf_ctx *c, const xmlNode *m, pm_duration d)
{
	const char *v =
	    pm_ir_get(pm_ir_first(m, pm_durations[d].el), "seconds");
	pm_buf b = {0};

	if (v != NULL)
		pm_fmt_duration(&b, strtoll(v, NULL, 10), c->fam);
	nbsp(&b);
	tile(c, v ? pm_buf_cstr(&b) : "\u2013", PM_C_INK);
	pm_buf_free(&b);
}

static void
tiles(pm_pdf_ctx *c)
{
	static const char *const labels[] = {
	    "metric.time-to-detect", "metric.time-to-mitigate",
	    "metric.time-to-resolve", "metric.follow-ups-open",
	    "metric.follow-ups-done"};
	static const pm_duration durs[] = {PM_DUR_DETECT, PM_DUR_MITIGATE,
	                                   PM_DUR_RESOLVE};
	const xmlNode *m = pm_ir_first(c->root, PM_EL_METRICS);
	const xmlNode *fu = pm_ir_first(m, PM_EL_FOLLOW_UPS);
	const char *open = pm_ir_get(fu, "open"), *done = pm_ir_get(fu, "done");
	const char *over = pm_ir_get(fu, "overdue");
	pm_lay_table t = box_table(3);
	pm_lay_style st = pm_pdf_style(c, PM_FS_BOLD, 0.75, PM_C_BAD);
	size_t i;

	pm_lay_table_begin(c->lay, 5, 0, &t);
	for (i = 0; i < 5; i++)
		tile_label(c, pm_label(c->lab, labels[i]));
	for (i = 0; i < 3; i++)
		duration_tile(c, m, durs[i]);
	tile(c, open ? open : "0",
	     open && atoi(open) > 0 ? PM_C_WARN : PM_C_INK);
	if (over != NULL && atoi(over) > 0) {
		pm_pdf_text(c, "  ", &st);
		pm_pdf_text(c, pm_label(c->lab, "action.overdue"), &st);
		pm_pdf_text(c, ": ", &st);
		pm_pdf_text(c, over, &st);
	}
	tile(c, done ? done : "0", PM_C_INK);
	pm_lay_table_end(c->lay);
}

static void
fact(pm_pdf_ctx *c, const char *key, const char *value)
{
	pm_lay_style ls = pm_pdf_style(c, 0, 0.8, PM_C_MUTED);
	pm_lay_style vs = pm_pdf_style(c, 0, 0.9, PM_C_INK);

	pm_lay_cell(c->lay, PM_LA_LEFT, NULL);
	pm_pdf_text(c, pm_label(c->lab, key), &ls);
	pm_lay_cell(c->lay, PM_LA_LEFT, NULL);
	pm_pdf_text(c, value && *value ? value : "\u2013", &vs);
}

/* The width of the widest of three labels as fact() sets them, at most
 * a fifth of the page so that the values keep their room. */
static double
label_width(pm_pdf_ctx *c, const char *k1, const char *k2, const char *k3)
{
	const char *keys[] = {k1, k2, k3};
	const char *s;
	double w = 0, x;
	size_t i;

	for (i = 0; i < 3; i++) {
		s = pm_label(c->lab, keys[i]);
		x = pm_lay_text_width(c->lay, s, strlen(s), 0, c->size * 0.8);
		if (x > w)
			w = x;
	}
	return w < 100 ? w : 100;
}

static void
facts(pm_pdf_ctx *c)
{
	pm_lay_table t = box_table(2.5);
	char *sev = pm_ir_child_text(c->root, PM_EL_SEVERITY);
	char *owner = pm_ir_child_text(c->root, PM_EL_OWNER);
	char *by = pm_ir_child_text(c->root, PM_EL_DETECTED_BY);
	char *svc = pm_ir_join(c->root, PM_EL_SERVICES, PM_EL_SERVICE, ", ");
	char *authors = pm_ir_join(c->root, PM_EL_AUTHORS, PM_EL_PERSON, ", ");

	t.keep = 0;
	t.after = 14;
	/* labels on one line each ("Detected by", not "Detected / by") */
	t.minw[0] = label_width(c, "field.severity", "field.owner",
	                        "field.services");
	t.minw[2] = label_width(c, "field.status", "field.detected-by",
	                        "field.authors");
	pm_lay_table_begin(c->lay, 4, 0, &t);
	fact(c, "field.severity", sev);
	fact(c, "field.status",
	     pm_pdf_label2(c, "status", pm_ir_get(c->root, "status")));
	fact(c, "field.owner", owner);
	fact(c, "field.detected-by",
	     by ? pm_pdf_label2(c, "detected-by", by) : NULL);
	fact(c, "field.services", svc);
	fact(c, "field.authors", authors);
	pm_lay_table_end(c->lay);
	free(sev);
	free(owner);
	free(by);
	free(svc);
	free(authors);
}

static void
summary_box(pm_pdf_ctx *c)
{
	pm_lay_para f = {0};
	pm_lay_style st = pm_pdf_style(c, PM_FS_BOLD, 0.9, PM_C_HEAD);

	f.indent = 10, f.right = 10, f.pad = 10;
	f.has_bg = 1, f.bg = PM_C_BOX;
	f.before = 16;
	f.leading = 1.2;
	f.keep = 1;
	pm_lay_para_begin(c->lay, &f);
	pm_pdf_text(c, pm_label(c->lab, "summary.title"), &st);
	pm_lay_para_end(c->lay);
	tiles(c);
	facts(c);
}

/* The timeline chart. */

struct chart {
	pm_pdf_ctx *c;
	pm_time t0, t1;
	int off;
	pm_time ms[PM_MS__COUNT];
	int has[PM_MS__COUNT];
	const xmlNode *events;
	int day; /* the whole span within one local day */
	double w;
	double lx[PM_MS__COUNT]; /* where each milestone's label starts */
	int row[PM_MS__COUNT];
	int nrows;
};

#define CH_PAD 30.0   /* left of the time axis */
#define CH_PAD_R 48.0 /* right of it: room for the last labels */
#define CH_ROWS 3
#define CH_TOP 24.0 /* first label row's baseline */
#define CH_ROW 19.0
#define CH_BAR_H 12.0

/* The bar's top, below the label rows; the axis below the bar. */
static double
bar_y(const struct chart *ch)
{
	return CH_TOP + (ch->nrows > 0 ? ch->nrows : 1) * CH_ROW - 2;
}

static double
chart_height(const struct chart *ch)
{
	return bar_y(ch) + CH_BAR_H + 44;
}

static double
xpos(const struct chart *ch, pm_time t, double x, double w)
{
	double span = (double)(ch->t1 - ch->t0);

	return x + CH_PAD + (w - CH_PAD - CH_PAD_R) * (double)(t - ch->t0) / span;
}

static void
span(struct chart *ch, pm_time t, int off, int first)
{
	if (first || t < ch->t0) {
		ch->t0 = t;
		ch->off = off;
	}
	if (first || t > ch->t1)
		ch->t1 = t;
}

static const xmlNode *
timeline_of(const pm_pdf_ctx *c)
{
	const xmlNode *s;

	for (s = pm_ir_first(c->root, PM_EL_SECTION); s;
	     s = pm_ir_next(s, PM_EL_SECTION))
		if (pm_ir_section_key(s) == PM_SEC_TIMELINE)
			return pm_ir_first(s, PM_EL_TIMELINE);
	return NULL;
}

/* The span the chart covers: the milestones and the events. Returns -1
 * when there is nothing to draw. */
static int
chart_span(struct chart *ch)
{
	const xmlNode *e;
	pm_time t;
	int off, n = 0;
	size_t i;

	for (i = 0; i < PM_MS__COUNT; i++)
		if (pm_time_parse_iso(milestone_at(ch->c, pm_ir_milestone(i)),
		                      &ch->ms[i], &off) == 0) {
			ch->has[i] = 1;
			span(ch, ch->ms[i], off, n++ == 0);
		}
	for (e = pm_ir_first(ch->events, PM_EL_EVENT); e;
	     e = pm_ir_next(e, PM_EL_EVENT))
		if (pm_time_parse_iso(pm_ir_get(e, "at"), &t, &off) == 0)
			span(ch, t, off, n++ == 0);
	if (n == 0)
		return -1;
	if (ch->t1 - ch->t0 < 600)
		ch->t1 = ch->t0 + 600;
	ch->day = (ch->t0 + ch->off) / 86400 == (ch->t1 + ch->off) / 86400;
	return 0;
}

static uint32_t
phase_color(size_t from)
{
	switch (from) {
	case PM_MS_STARTED:
		return 0xE5484Du;
	case PM_MS_DETECTED:
	case PM_MS_ACKNOWLEDGED:
		return 0xF5A524u;
	default:
		return 0x46A758u;
	}
}

static void
phases(const struct chart *ch, pm_lay *lay, double x, double y, double w)
{
	size_t i, j;
	double a, b;

	pm_lay_add_rect(lay, x + CH_PAD, y + bar_y(ch), w - CH_PAD - CH_PAD_R,
	                CH_BAR_H, PM_C_TINT);
	for (i = 0; i + 1 < PM_MS__COUNT; i++) {
		if (!ch->has[i])
			continue;
		for (j = i + 1; j < PM_MS__COUNT && !ch->has[j]; j++)
			;
		if (j == PM_MS__COUNT)
			break;
		a = xpos(ch, ch->ms[i], x, w);
		b = xpos(ch, ch->ms[j], x, w);
		pm_lay_add_rect(lay, a, y + bar_y(ch), b - a, CH_BAR_H,
		                phase_color(i));
	}
}

/* Milestone labels above the bar, each hanging right of its tick (left
 * near the right edge), on the first row where it does not run into the
 * label before it. Measured before the chart is placed, so that its
 * height fits the rows used. */
static void
label_rows(struct chart *ch, double w)
{
	pm_pdf_ctx *c = ch->c;
	double end[CH_ROWS], mx, lw, tw;
	const char *label;
	pm_buf t = {0};
	size_t i;
	int r;

	for (r = 0; r < CH_ROWS; r++)
		end[r] = -1e9;
	for (i = 0; i < PM_MS__COUNT; i++) {
		if (!ch->has[i])
			continue;
		label = pm_pdf_label2(c, "milestone", pm_milestones[i]);
		t.len = 0;
		pm_fmt_instant(&t, ch->ms[i], ch->off, c->fam,
		               ch->day ? PM_DT_TIME : PM_DT_SHORT);
		lw = pm_lay_text_width(c->lay, label, strlen(label), PM_FS_BOLD,
		                       c->size * 0.72);
		tw = pm_lay_text_width(c->lay, t.data, t.len, 0, c->size * 0.7);
		lw = (tw > lw ? tw : lw) + 3;
		mx = xpos(ch, ch->ms[i], 0, w);
		ch->lx[i] = mx + lw > w ? mx - lw : mx + 3;
		for (r = 0; r < CH_ROWS - 1 && ch->lx[i] < end[r] + 6; r++)
			;
		ch->row[i] = r;
		end[r] = ch->lx[i] + lw;
		if (r + 1 > ch->nrows)
			ch->nrows = r + 1;
	}
	pm_buf_free(&t);
}

/* The ticks first, then each label on a white ground, so that a tick
 * passing behind a label of another row does not cross its text. */
static void
milestones(const struct chart *ch, pm_lay *lay, double x, double y)
{
	pm_pdf_ctx *c = ch->c;
	pm_lay_style ls = pm_pdf_style(c, PM_FS_BOLD, 0.72, PM_C_INK);
	pm_lay_style ts = pm_pdf_style(c, 0, 0.7, PM_C_MUTED);
	double bar = bar_y(ch), top, mx, lw, tw;
	const char *label;
	pm_buf t = {0};
	size_t i;

	for (i = 0; i < PM_MS__COUNT; i++) {
		if (!ch->has[i])
			continue;
		top = y + CH_TOP + ch->row[i] * CH_ROW;
		mx = x + xpos(ch, ch->ms[i], 0, ch->w);
		pm_lay_add_line(lay, mx, top - 7, 0, y + bar - top + 7, 0.6,
		                PM_C_MUTED);
	}
	for (i = 0; i < PM_MS__COUNT; i++) {
		if (!ch->has[i])
			continue;
		label = pm_pdf_label2(c, "milestone", pm_milestones[i]);
		t.len = 0;
		pm_fmt_instant(&t, ch->ms[i], ch->off, c->fam,
		               ch->day ? PM_DT_TIME : PM_DT_SHORT);
		top = y + CH_TOP + ch->row[i] * CH_ROW;
		lw = pm_lay_text_width(lay, label, strlen(label), ls.style,
		                       ls.size);
		tw = pm_lay_text_width(lay, t.data, t.len, ts.style, ts.size);
		pm_lay_add_rect(lay, x + ch->lx[i] - 1, top - 7.5,
		                (tw > lw ? tw : lw) + 2, 18, 0xFFFFFFu);
		pm_lay_add_text(lay, x + ch->lx[i], top, label, strlen(label),
		                &ls);
		pm_lay_add_text(lay, x + ch->lx[i], top + 8.5, t.data, t.len,
		                &ts);
	}
	pm_buf_free(&t);
}

static uint32_t
mark_color(const char *kind)
{
	size_t i;

	for (i = 0; kind != NULL && i < PM_MS__COUNT; i++)
		if (strcmp(kind, pm_milestones[i]) == 0)
			return phase_color(i == PM_MS_RESOLVED ? PM_MS_MITIGATED
			                                       : i);
	return PM_C_MUTED;
}

static void
marks(const struct chart *ch, pm_lay *lay, double x, double y, double w)
{
	const xmlNode *e;
	pm_time t;
	int off;

	for (e = pm_ir_first(ch->events, PM_EL_EVENT); e;
	     e = pm_ir_next(e, PM_EL_EVENT))
		if (pm_time_parse_iso(pm_ir_get(e, "at"), &t, &off) == 0)
			pm_lay_add_circle(lay, xpos(ch, t, x, w),
			                  y + bar_y(ch) + CH_BAR_H + 6, 2,
			                  mark_color(pm_ir_get(e, "kind")));
}

static pm_time
tick_step(pm_time span)
{
	size_t i;

	for (i = 0; i < NTICK_STEPS; i++)
		if (span / tick_steps[i] <= 7)
			return tick_steps[i];
	return tick_steps[NTICK_STEPS - 1];
}

static void
axis(const struct chart *ch, pm_lay *lay, double x, double y, double w)
{
	pm_lay_style ts = pm_pdf_style(ch->c, 0, 0.68, PM_C_MUTED);
	pm_time step = tick_step(ch->t1 - ch->t0), t;
	double ay = y + bar_y(ch) + CH_BAR_H + 16, tx, tw, last = -1e9;
	pm_buf b = {0};

	pm_lay_add_line(lay, x + CH_PAD, ay, w - CH_PAD - CH_PAD_R, 0, 0.6,
	                PM_C_MUTED);
	t = ch->t0 + ch->off;
	t = (t / step + (t % step != 0)) * step - ch->off;
	for (; t <= ch->t1; t += step) {
		tx = xpos(ch, t, x, w);
		pm_lay_add_line(lay, tx, ay, 0, 3, 0.6, PM_C_MUTED);
		b.len = 0;
		pm_fmt_instant(&b, t, ch->off, ch->c->fam,
		               ch->day && step < 86400 ? PM_DT_TIME
		                                       : PM_DT_SHORT);
		tw = pm_lay_text_width(lay, b.data, b.len, ts.style, ts.size);
		if (tx - tw / 2 < last + 8)
			continue;
		pm_lay_add_text(lay, tx - tw / 2, ay + 12, b.data, b.len, &ts);
		last = tx + tw / 2;
	}
	pm_buf_free(&b);
}

static void
chart_draw(void *arg, pm_lay *lay, double x, double y, double w)
{
	struct chart *ch = arg;
	pm_lay_style cs = pm_pdf_style(ch->c, PM_FS_BOLD, 0.9, PM_C_HEAD);
	const char *cap = pm_label(ch->c->lab, "figure.timeline");

	pm_lay_add_text(lay, x, y + 9, cap, strlen(cap), &cs);
	phases(ch, lay, x, y, w);
	milestones(ch, lay, x, y);
	marks(ch, lay, x, y, w);
	axis(ch, lay, x, y, w);
}

void
pm_pdf_front(pm_pdf_ctx *c)
{
	struct chart *ch = pm_xcalloc(1, sizeof(*ch));
	const pm_lay_page_geom *g;

	title_block(c);
	summary_box(c);
	ch->c = c;
	ch->events = timeline_of(c);
	if (chart_span(ch) == 0) {
		g = pm_lay_geom(c->lay);
		ch->w = g->width - g->left - g->right;
		label_rows(ch, ch->w);
		pm_lay_figure(c->lay, chart_height(ch), 4, 8, chart_draw, ch);
	}
	/* the layout draws the figure when it places it, by the end */
	c->chart = ch;
}

/* Page frames. */

/* s cut to fit w points, with an ellipsis when cut; the caller frees.
 * Measured once from the start: cutting a character at a time and
 * measuring again made a long title cost the square of its length on
 * every page. */
static char *
fit(pm_lay *lay, const char *s, const pm_lay_style *st, double w)
{
	size_t n = strlen(s), k;
	char *r;

	if (pm_lay_text_fit(lay, s, n, st->style, st->size, w) == n)
		return pm_xstrdup(s);
	k = pm_lay_text_fit(lay, s, n, st->style, st->size, w - 8);
	r = pm_xmalloc(k + 4);
	memcpy(r, s, k);
	memcpy(r + k, "\u2026", 4);
	return r;
}

/* "Page {n} of {m}" filled in. */
static void
page_of(const pm_pdf_ctx *c, pm_buf *b, size_t n, size_t m)
{
	const char *s = pm_label(c->lab, "page.of");

	for (; *s; s++) {
		if (strncmp(s, "{n}", 3) == 0)
			pm_buf_printf(b, "%zu", n), s += 2;
		else if (strncmp(s, "{m}", 3) == 0)
			pm_buf_printf(b, "%zu", m), s += 2;
		else
			pm_buf_putc(b, *s);
	}
}

static void
footer(pm_pdf_ctx *c, size_t i, size_t n, const char *left)
{
	const pm_lay_page_geom *g = pm_lay_geom(c->lay);
	pm_lay_style st = pm_pdf_style(c, 0, 0.72, PM_C_MUTED);
	double y = g->height - g->bottom + 32, w;
	pm_buf b = {0};

	page_of(c, &b, i + 1, n);
	w = pm_lay_text_width(c->lay, b.data, b.len, st.style, st.size);
	pm_lay_add_text(c->lay, g->width - g->right - w, y, b.data, b.len, &st);
	pm_lay_add_text(c->lay, g->left, y, left, strlen(left), &st);
	pm_buf_free(&b);
}

static void
header(pm_pdf_ctx *c, const char *title)
{
	const pm_lay_page_geom *g = pm_lay_geom(c->lay);
	pm_lay_style st = pm_pdf_style(c, 0, 0.72, PM_C_MUTED);
	double w = g->width - g->left - g->right;
	char *t = fit(c->lay, title, &st, w);

	pm_lay_add_text(c->lay, g->left, g->top - 26, t, strlen(t), &st);
	pm_lay_add_line(c->lay, g->left, g->top - 19, w, 0, 0.4, PM_C_RULE);
	free(t);
}

void
pm_pdf_frames(pm_pdf_ctx *c)
{
	size_t i, n = pm_lay_npages(c->lay);
	char *title = pm_ir_child_text(c->root, PM_EL_TITLE);
	const char *id = pm_ir_get(c->root, "id");
	pm_buf left = {0};

	pm_buf_printf(&left, "%s \u00b7 %s", id ? id : "",
	              pm_pdf_label2(c, "status", pm_ir_get(c->root, "status")));
	for (i = 0; i < n; i++) {
		pm_lay_goto(c->lay, i);
		if (i > 0)
			header(c, title ? title : "");
		footer(c, i, n, pm_buf_cstr(&left));
	}
	pm_buf_free(&left);
	free(title);
}
