/* pdf_front.c: what a manager reads first: the title, the summary box of
 * key facts and derived figures, and the timeline chart (phases on a time
 * axis, event marks) in vector graphics; and the page header and footer
 * with "page N of M". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "derive.h"
#include "figure.h"
#include "ir.h"
#include "names.h"
#include "pdf_ctx.h"
#include "utf8.h"

static const char *
milestone_at(const pm_pdf_ctx *c, pm_el el)
{
	return pm_ir_get(pm_ir_first(pm_ir_first(c->root, PM_EL_TIMES), el),
	                 "at");
}

/* " · 2 d 17 h": started to resolved, the incident's length. */
static void
duration_of(pm_pdf_ctx *c, pm_buf *b)
{
	/* the incident's length is its time to resolve, both measured from
	 * the start: derive.c's figure, not a second computation */
	const xmlNode *m = pm_ir_first(c->root, PM_EL_METRICS);
	const char *v = pm_ir_get(
	    pm_ir_first(m, pm_durations[PM_DUR_RESOLVE].el), "seconds");

	if (v != NULL) {
		pm_buf_puts(b, " \u00b7 ");
		pm_fmt_duration(b, strtoll(v, NULL, 10), c->fam);
	}
}

/* What happened in a sentence, and the impact in the writer's line. */
static void
ledes(pm_pdf_ctx *c)
{
	char *lede = pm_lede(c->root, PM_SEC_SUMMARY);
	char *impact = pm_lede(c->root, PM_SEC_IMPACT);
	pm_lay_para f = {0};
	pm_lay_style st;

	f.leading = 1.4;
	f.after = 4;
	if (lede != NULL) {
		pm_lay_para_begin(c->lay, &f);
		st = pm_pdf_style(c, 0, 1.1, PM_C_INK);
		pm_pdf_text(c, lede, &st);
		pm_lay_para_end(c->lay);
	}
	if (impact != NULL) {
		pm_lay_para_begin(c->lay, &f);
		st = pm_pdf_style(c, PM_FS_BOLD, 1.0, PM_C_INK);
		pm_pdf_text(c, pm_label(c->lab, "section.impact"), &st);
		pm_pdf_text(c, pm_label(c->lab, "colon"), &st);
		st = pm_pdf_style(c, 0, 1.0, PM_C_INK);
		pm_pdf_text(c, impact, &st);
		pm_lay_para_end(c->lay);
	}
	free(lede);
	free(impact);
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
	ledes(c);

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
	duration_of(c, &when);
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

/* A duration's tile text, on one line: "2 d 14 h", or a dash. */
static void
duration_text(pm_pdf_ctx *c, const xmlNode *m, pm_duration d, pm_buf *b)
{
	const char *v =
	    pm_ir_get(pm_ir_first(m, pm_durations[d].el), "seconds");

	b->len = 0;
	if (v == NULL) {
		pm_buf_puts(b, "\u2013");
		return;
	}
	pm_fmt_duration(b, strtoll(v, NULL, 10), c->fam);
	nbsp(b);
}

static long long
count(const xmlNode *fu, const char *attr)
{
	const char *v = pm_ir_get(fu, attr);

	return v != NULL ? strtoll(v, NULL, 10) : 0;
}

/* The follow-ups, so that they add up: "1 open (1 overdue) · 6 done ·
 * 7 in all"; overdue ones are open ones. */
static void
follow_up_tile(pm_pdf_ctx *c, const xmlNode *fu)
{
	static const char *const units[] = {"action.open", "action.done",
	                                    "action.total"};
	pm_lay_style vs = pm_pdf_style(c, PM_FS_BOLD, 1.25, PM_C_INK);
	pm_lay_style us = pm_pdf_style(c, 0, 0.75, PM_C_MUTED);
	pm_lay_style os = pm_pdf_style(c, PM_FS_BOLD, 0.75, PM_C_BAD);
	long long n[3], over = count(fu, "overdue");
	pm_buf b = {0};
	size_t i;

	n[0] = count(fu, "open");
	n[1] = count(fu, "done");
	n[2] = n[0] + n[1];
	pm_lay_cell(c->lay, PM_LA_LEFT, NULL);
	for (i = 0; i < 3; i++) {
		b.len = 0;
		pm_buf_printf(&b, "%lld", n[i]);
		vs.color = i == 0 && n[0] > 0 ? PM_C_WARN : PM_C_INK;
		pm_pdf_text(c, pm_buf_cstr(&b), &vs);
		b.len = 0;
		pm_buf_printf(&b, "\u00a0%s ", pm_label(c->lab, units[i]));
		pm_pdf_text(c, pm_buf_cstr(&b), &us);
		if (i == 0 && over > 0) {
			b.len = 0;
			pm_buf_printf(&b, "(%lld\u00a0%s) ", over,
			              pm_label(c->lab, "action.overdue"));
			pm_pdf_text(c, pm_buf_cstr(&b), &os);
		}
	}
	pm_buf_free(&b);
}

/* Time to detect, acknowledge, mitigate and resolve, and the
 * follow-ups; a note says where the times are measured from. */
static void
tiles(pm_pdf_ctx *c)
{
	const xmlNode *m = pm_ir_first(c->root, PM_EL_METRICS);
	pm_lay_table t = box_table(3);
	pm_lay_style ns = pm_pdf_style(c, 0, 0.72, PM_C_MUTED);
	pm_lay_para f = {0};
	pm_buf key = {0}, v[PM_DUR__COUNT] = {{0}};
	size_t i;

	/* a value never breaks: its column is at least as wide */
	for (i = 0; i < PM_DUR__COUNT; i++) {
		duration_text(c, m, (pm_duration)i, &v[i]);
		t.minw[i] = pm_lay_text_width(c->lay, v[i].data, v[i].len,
		                              PM_FS_BOLD, c->size * 1.25);
	}
	pm_lay_table_begin(c->lay, PM_DUR__COUNT + 1, 0, &t);
	for (i = 0; i < PM_DUR__COUNT; i++) {
		key.len = 0;
		pm_buf_printf(&key, "metric.%s", pm_ir_name(pm_durations[i].el));
		tile_label(c, pm_label(c->lab, pm_buf_cstr(&key)));
	}
	tile_label(c, pm_label(c->lab, "section.follow-ups"));
	for (i = 0; i < PM_DUR__COUNT; i++) {
		tile(c, pm_buf_cstr(&v[i]), PM_C_INK);
		pm_buf_free(&v[i]);
	}
	follow_up_tile(c, pm_ir_first(m, PM_EL_FOLLOW_UPS));
	pm_lay_table_end(c->lay);
	pm_buf_free(&key);
	f.indent = 10, f.right = 10, f.pad = 10;
	f.has_bg = 1, f.bg = PM_C_BOX;
	f.leading = 1.3;
	f.after = 0;
	pm_lay_para_begin(c->lay, &f);
	pm_pdf_text(c, pm_label(c->lab, "metric.from-start"), &ns);
	pm_lay_para_end(c->lay);
}

static void
fact(pm_pdf_ctx *c, const char *key, const char *value)
{
	pm_lay_style ls = pm_pdf_style(c, 0, 0.8, PM_C_MUTED);
	pm_lay_style vs = pm_pdf_style(c, 0, 0.9, PM_C_INK);
	const char *rank;

	/* the severity in the colour of its rank, as in every report */
	if (strcmp(key, "field.severity") == 0 &&
	    (rank = pm_ir_get(pm_ir_first(c->root, PM_EL_METRICS),
	                      "severity-rank")) != NULL)
		vs = pm_pdf_style(c, PM_FS_BOLD, 0.9,
		                  pm_severity_color(atoi(rank)));

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
	const char *sep = pm_label(c->lab, "list.separator");
	char *svc = pm_ir_join(c->root, PM_EL_SERVICES, PM_EL_SERVICE, sep);
	char *authors = pm_ir_join(c->root, PM_EL_AUTHORS, PM_EL_PERSON, sep);

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

/* The timeline chart: figure.c's model, drawn as the HTML draws it. */

struct chart {
	pm_pdf_ctx *c;
	pm_figure *f;
};

#define CH_PAD 6.0  /* either side of the time axis */
#define CH_TOP 24.0 /* first label row's baseline */
#define CH_ROW 19.0
#define CH_BAR_H 12.0
#define CH_LANE 18.0 /* the event marks' lane */
#define CH_GAP 8.0   /* between two labels on a row */

/* The label sizes, relative to the body text. */
static const double ch_size[] = {0.72, 0.7, 0.62};

/* The bar's top, below the label rows; the lane and the axis below. */
static double
bar_y(const struct chart *ch)
{
	return CH_TOP + (ch->f->nrows > 0 ? ch->f->nrows : 1) * CH_ROW - 2;
}

static double
axis_y(const struct chart *ch)
{
	return bar_y(ch) + CH_BAR_H + CH_LANE + 4;
}

static double
measure(void *arg, const char *s, size_t n, pm_fig_text what)
{
	pm_pdf_ctx *c = arg;

	return pm_lay_text_width(c->lay, s, n,
	                         what == PM_FIG_TIME ? 0 : PM_FS_BOLD,
	                         c->size * ch_size[what]);
}

/* The HTML's colours (report-style.xsl: --undetected, --unacked,
 * --responding, --recovering, --faint), so that a figure reads the same
 * printed from either; the length is written in ink on the two light
 * ones, as there, and white on the rest. */
static const uint32_t phase_colors[PM_MS__COUNT] = {
    0xBE123Cu, 0xC2410Cu, 0xE8890Cu, 0x1F7A52u, 0x8795A6u};

static uint32_t
phase_color(pm_milestone from)
{
	return phase_colors[from];
}

static uint32_t
phase_ink(pm_milestone from)
{
	return from == PM_MS_ACKNOWLEDGED || from == PM_MS_RESOLVED ? PM_C_INK
	                                                            : 0xFFFFFFu;
}

static void
phases(const struct chart *ch, pm_lay *lay, double x, double y, double w)
{
	pm_lay_style ls = pm_pdf_style(ch->c, PM_FS_BOLD, ch_size[PM_FIG_LENGTH],
	                               0xFFFFFFu);
	const pm_fig_phase *p;
	double lw;
	size_t i;

	pm_lay_add_rect(lay, x, y + bar_y(ch), w, CH_BAR_H, PM_C_TINT);
	for (i = 0; i < ch->f->nphases; i++) {
		p = &ch->f->phases[i];
		pm_lay_add_rect(lay, x + p->x0, y + bar_y(ch), p->x1 - p->x0,
		                CH_BAR_H, phase_color(p->from));
		if (!p->fits)
			continue;
		ls.color = phase_ink(p->from);
		lw = pm_lay_text_width(lay, p->length, strlen(p->length),
		                       ls.style, ls.size);
		pm_lay_add_text(lay, x + (p->x0 + p->x1 - lw) / 2,
		                y + bar_y(ch) + CH_BAR_H - 3.5, p->length,
		                strlen(p->length), &ls);
	}
}

/* A line of a label centred on its box. */
static void
centred(pm_lay *lay, double cx, double y, const char *s,
        const pm_lay_style *st)
{
	double w = pm_lay_text_width(lay, s, strlen(s), st->style, st->size);

	pm_lay_add_text(lay, cx - w / 2, y, s, strlen(s), st);
}

/* The lines first, then each label on a white ground, so that a line
 * passing behind a label of another row does not cross its text. */
static void
milestones(const struct chart *ch, pm_lay *lay, double x, double y)
{
	pm_pdf_ctx *c = ch->c;
	pm_lay_style ls = pm_pdf_style(c, PM_FS_BOLD, ch_size[0], PM_C_INK);
	pm_lay_style ts = pm_pdf_style(c, 0, ch_size[1], PM_C_MUTED);
	const pm_fig_milestone *g;
	double top;
	size_t i;

	for (i = 0; i < ch->f->nms; i++) {
		g = &ch->f->ms[i];
		top = y + CH_TOP + (ch->f->nrows - 1 - g->row) * CH_ROW;
		pm_lay_add_line(lay, x + g->x, top + 3, 0,
		                y + axis_y(ch) - top - 3, 0.6, PM_C_MUTED);
	}
	for (i = 0; i < ch->f->nms; i++) {
		g = &ch->f->ms[i];
		top = y + CH_TOP + (ch->f->nrows - 1 - g->row) * CH_ROW;
		pm_lay_add_rect(lay, x + g->left - 1, top - 7.5, g->w + 2, 18,
		                0xFFFFFFu);
		centred(lay, x + g->left + g->w / 2, top, g->name, &ls);
		centred(lay, x + g->left + g->w / 2, top + 8.5, g->time, &ts);
	}
}

static uint32_t
mark_color(const char *kind)
{
	/* as the HTML's ev-KIND classes: a detection in the colour of the
	 * phase it ends, a response in the next, resolved in ink */
	if (kind == NULL)
		return PM_C_EVENT;
	if (strcmp(kind, "started") == 0 || strcmp(kind, "detected") == 0)
		return phase_color(PM_MS_STARTED);
	if (strcmp(kind, "acknowledged") == 0 || strcmp(kind, "escalated") == 0)
		return phase_color(PM_MS_DETECTED);
	if (strcmp(kind, "mitigated") == 0)
		return phase_color(PM_MS_MITIGATED);
	if (strcmp(kind, "resolved") == 0)
		return PM_C_INK;
	return PM_C_EVENT;
}

static void
marks(const struct chart *ch, pm_lay *lay, double x, double y)
{
	double my = y + bar_y(ch) + CH_BAR_H + 2 + CH_LANE / 2;
	const pm_fig_mark *k;
	size_t i;

	for (i = 0; i < ch->f->nmarks; i++) {
		k = &ch->f->marks[i];
		pm_lay_add_circle(lay, x + k->x, my + 4.5 * k->lift, 2.2,
		                  mark_color(k->kind));
	}
}

static void
axis(const struct chart *ch, pm_lay *lay, double x, double y, double w)
{
	pm_lay_style ts = pm_pdf_style(ch->c, 0, 0.68, PM_C_MUTED);
	pm_lay_style ds = pm_pdf_style(ch->c, PM_FS_BOLD, 0.62, PM_C_MUTED);
	double ay = y + axis_y(ch);
	const pm_fig_tick *k;
	size_t i;

	pm_lay_add_line(lay, x, ay, w, 0, 0.6, PM_C_MUTED);
	for (i = 0; i < ch->f->nticks; i++) {
		k = &ch->f->ticks[i];
		pm_lay_add_line(lay, x + k->x, y + bar_y(ch) - 2, 0,
		                ay - y - bar_y(ch) + 2, 0.3, PM_C_RULE);
		pm_lay_add_line(lay, x + k->x, ay, 0, 3, 0.6, PM_C_MUTED);
		centred(lay, x + k->x, ay + 11, k->label, &ts);
		if (k->date != NULL)
			centred(lay, x + k->x, ay + 19.5, k->date, &ds);
	}
}

/* What the colours mean, under the axis: the phases, then the marks. */
#define LEGEND_Y 32.0

static double
legend_item(const struct chart *ch, pm_lay *lay, double x, double y,
            uint32_t color, int dot, const char *s)
{
	pm_lay_style st = pm_pdf_style(ch->c, 0, 0.66, PM_C_INK);
	double w = pm_lay_text_width(lay, s, strlen(s), st.style, st.size);

	if (dot)
		pm_lay_add_circle(lay, x + 3, y - 2.5, 2.2, color);
	else
		pm_lay_add_rect(lay, x, y - 5.5, 8, 6, color);
	pm_lay_add_text(lay, x + 11, y, s, strlen(s), &st);
	return 11 + w + 12;
}

static void
legend(const struct chart *ch, pm_lay *lay, double x, double y)
{
	const pm_labels *lab = ch->c->lab;
	double ly = y + axis_y(ch) + LEGEND_Y, lx = x;
	const pm_fig_phase *p;
	pm_buf b = {0};
	size_t i;

	for (i = 0; i < ch->f->nphases; i++) {
		p = &ch->f->phases[i];
		b.len = 0;
		pm_buf_printf(&b, "%s \u2192 %s",
		              pm_pdf_label2(ch->c, "milestone", pm_milestones[p->from]),
		              pm_pdf_label2(ch->c, "milestone", pm_milestones[p->to]));
		lx += legend_item(ch, lay, lx, ly, phase_color(p->from), 0,
		                  pm_buf_cstr(&b));
	}
	if (ch->f->nmarks > 0)
		legend_item(ch, lay, lx, ly, PM_C_EVENT, 1,
		            pm_label(lab, "section.timeline"));
	pm_buf_free(&b);
}

static double
chart_height(const struct chart *ch)
{
	return axis_y(ch) + LEGEND_Y + 6;
}

static void
chart_draw(void *arg, pm_lay *lay, double x, double y, double w)
{
	struct chart *ch = arg;
	pm_lay_style cs = pm_pdf_style(ch->c, PM_FS_BOLD, 0.9, PM_C_HEAD);
	const char *cap = pm_label(ch->c->lab, "figure.timeline");

	pm_lay_add_text(lay, x, y + 9, cap, strlen(cap), &cs);
	x += CH_PAD;
	w -= 2 * CH_PAD;
	axis(ch, lay, x, y, w);
	phases(ch, lay, x, y, w);
	milestones(ch, lay, x, y);
	marks(ch, lay, x, y);
	legend(ch, lay, x, y);
}

void
pm_pdf_front(pm_pdf_ctx *c)
{
	struct chart *ch = pm_xcalloc(1, sizeof(*ch));
	const pm_lay_page_geom *g = pm_lay_geom(c->lay);
	pm_fig_metrics m = {0};

	title_block(c);
	summary_box(c);
	ch->c = c;
	m.width = g->width - g->left - g->right - 2 * CH_PAD;
	m.gap = CH_GAP;
	m.measure = measure;
	m.arg = c;
	if ((ch->f = pm_figure_make(c->root, c->lab, &m)) != NULL)
		pm_lay_figure(c->lay, chart_height(ch), 4, 8, chart_draw, ch);
	/* the layout draws the figure when it places it, by the end */
	c->chart = ch;
}

void
pm_pdf_front_free(pm_pdf_ctx *c)
{
	struct chart *ch = c->chart;

	if (ch != NULL)
		pm_figure_free(ch->f);
	free(ch);
	c->chart = NULL;
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

/* " · Updated 5 June 2024": the report's own date, as the HTML's
 * footer gives it: 'updated', else the day it was resolved; never the
 * clock, so that a build is reproducible. */
static void
revision(const pm_pdf_ctx *c, pm_buf *b)
{
	char *updated = pm_ir_child_text(c->root, PM_EL_UPDATED);
	const char *resolved = milestone_at(c, PM_EL_RESOLVED);
	size_t mark = b->len;

	pm_buf_printf(b, " \u00b7 %s ",
	              pm_label(c->lab, updated ? "report.updated"
	                                       : "milestone.resolved"));
	if (pm_fmt_datetime(b, updated ? updated : resolved, c->fam,
	                    PM_DT_DATE) < 0)
		b->len = mark;
	free(updated);
}

void
pm_pdf_frames(pm_pdf_ctx *c)
{
	char *title = pm_ir_child_text(c->root, PM_EL_TITLE);
	const char *id = pm_ir_get(c->root, "id");
	pm_buf left = {0};

	pm_buf_printf(&left, "%s \u00b7 %s", id ? id : "",
	              pm_pdf_label2(c, "status", pm_ir_get(c->root, "status")));
	revision(c, &left);
	pm_pdf_frame_pages(c, title ? title : "", pm_buf_cstr(&left));
	pm_buf_free(&left);
	free(title);
}

void
pm_pdf_frame_pages(pm_pdf_ctx *c, const char *title, const char *left)
{
	size_t i, n = pm_lay_npages(c->lay);

	for (i = 0; i < n; i++) {
		pm_lay_goto(c->lay, i);
		if (i > 0)
			header(c, title);
		footer(c, i, n, left);
	}
}
