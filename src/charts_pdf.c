/* charts_pdf.c: the cross-incident charts (charts.c's model) on a PDF
 * page, drawn as templates/charts.xsl draws them for the browser, with
 * the same colours: two panels side by side, the incidents per month
 * beside the medians, the ways of detection beside the follow-ups by
 * owner. */
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "charts.h"
#include "l10n.h"
#include "pdf_ctx.h"

/* The HTML's colours (report-style.xsl): --unacked, --accent, --event,
 * --faint, --overdue. */
#define C_TTD 0xC2410Cu
#define C_TTR 0x1F4E8Cu
#define C_WAY 0x34495Eu
#define C_OPEN 0x8795A6u
#define C_OVERDUE 0xB42318u

#define GAP 16.0    /* between the two panels */
#define PAD 8.0     /* inside a panel */
#define CAP 14.0    /* the caption's baseline, from the panel's top */
#define TOP 22.0    /* where the drawing starts */
#define BAR 10.0    /* a horizontal bar's height */
#define COLS 92.0   /* the per-month chart's height above its axis */
#define LEGEND 16.0 /* a legend line under a chart */
#define AXIS_X (PAD + 18) /* the per-month axis, from the panel's left */

struct panels {
	pm_pdf_ctx *c;
	const pm_charts *ch;
	int which; /* 0: per month and medians; 1: detection and owners */
};

/* s cut to w points, with an ellipsis when cut, right-aligned at x. */
static void
label_right(pm_pdf_ctx *c, double x, double y, double w, const char *s)
{
	pm_lay_style st = pm_pdf_style(c, 0, 0.7, PM_C_INK);
	size_t n = strlen(s), fit;
	pm_buf b = {0};
	double tw;

	fit = pm_lay_text_fit(c->lay, s, n, st.style, st.size, w);
	pm_buf_put(&b, s, fit);
	if (fit < n) {
		fit = pm_lay_text_fit(c->lay, s, n, st.style, st.size,
		                      w - pm_lay_text_width(c->lay, "\xe2\x80\xa6",
		                                            3, st.style, st.size));
		b.len = 0;
		pm_buf_put(&b, s, fit);
		pm_buf_puts(&b, "\xe2\x80\xa6");
	}
	tw = pm_lay_text_width(c->lay, b.data, b.len, st.style, st.size);
	pm_lay_add_text(c->lay, x - tw, y, b.data, b.len, &st);
	pm_buf_free(&b);
}

static double
value(pm_pdf_ctx *c, double x, double y, const char *s, uint32_t color)
{
	pm_lay_style st = pm_pdf_style(c, PM_FS_BOLD, 0.68, color);

	return pm_lay_add_text(c->lay, x, y, s, strlen(s), &st);
}

static void
legend_item(pm_pdf_ctx *c, double x, double y, uint32_t color,
            const char *s)
{
	pm_lay_style st = pm_pdf_style(c, 0, 0.66, PM_C_MUTED);

	pm_lay_add_rect(c->lay, x, y - 6, 8, 6, color);
	pm_lay_add_text(c->lay, x + 11, y, s, strlen(s), &st);
}

static void
no_data(pm_pdf_ctx *c, double x, double y)
{
	pm_lay_style st = pm_pdf_style(c, 0, 0.75, PM_C_MUTED);
	const char *s = pm_label(c->lab, "chart.no-data");

	pm_lay_add_text(c->lay, x + PAD, y + TOP + 10, s, strlen(s), &st);
}

/* The severities' colours, from x on, wrapping before right; with draw
 * 0 only measured. Returns the number of lines. */
static int
severity_legend(pm_pdf_ctx *c, const pm_charts *ch, double x, double y,
                double right, int draw)
{
	pm_lay_style st = pm_pdf_style(c, 0, 0.66, PM_C_MUTED);
	double lx = x, iw;
	int lines = 1;
	size_t j;

	for (j = 0; j < ch->nsev; j++) {
		const char *name = ch->sevs[j].name[0]
		                       ? ch->sevs[j].name
		                       : pm_label(c->lab, "chart.unknown");

		iw = 11 + pm_lay_text_width(c->lay, name, strlen(name), st.style,
		                            st.size) + 10;
		if (lx > x && lx + iw > right) {
			lx = x;
			y += LEGEND - 4;
			lines++;
		}
		if (draw)
			legend_item(c, lx, y, ch->sevs[j].color, name);
		lx += iw;
	}
	return lines;
}

/* Stacked columns: one per month (or year), a segment per severity. */
static void
per_bucket(pm_pdf_ctx *c, const pm_charts *ch, double x, double y, double w)
{
	pm_lay_style ts = pm_pdf_style(c, 0, 0.62, PM_C_MUTED);
	double x0 = x + AXIS_X, base = y + TOP + 8 + COLS, slot, bw, bx, h;
	double scale = COLS / (double)ch->per_bucket.top, by;
	size_t i, j, every;
	long long v, below;
	char num[32];

	if (ch->nb == 0) {
		no_data(c, x, y);
		return;
	}
	slot = (x + w - PAD - x0) / (double)ch->nb;
	bw = slot * 0.72;
	every = (ch->nb + 7) / 8;
	for (v = 0; v <= ch->per_bucket.top; v += ch->per_bucket.step) {
		by = base - (double)v * scale;
		pm_lay_add_line(c->lay, x0, by, x + w - PAD - x0, 0, 0.3,
		                PM_C_RULE);
		snprintf(num, sizeof(num), "%lld", v);
		pm_lay_add_text(c->lay,
		                x0 - 4 -
		                    pm_lay_text_width(c->lay, num, strlen(num),
		                                      ts.style, ts.size),
		                by + 2.5, num, strlen(num), &ts);
	}
	for (i = 0; i < ch->nb; i++) {
		bx = x0 + (double)i * slot + (slot - bw) / 2;
		for (j = 0, below = 0; j < ch->nsev; j++) {
			if ((v = ch->counts[i * ch->nsev + j]) == 0)
				continue;
			h = (double)v * scale;
			pm_lay_add_rect(c->lay, bx, base - (double)below * scale - h,
			                bw, h, ch->sevs[j].color);
			below += v;
		}
		if (ch->totals[i] > 0 && ch->nb <= 24) {
			snprintf(num, sizeof(num), "%lld", ch->totals[i]);
			value(c,
			      bx + bw / 2 -
			          pm_lay_text_width(c->lay, num, strlen(num),
			                            PM_FS_BOLD, c->size * 0.68) / 2,
			      base - (double)ch->totals[i] * scale - 3, num, C_WAY);
		}
		if (i % every == 0)
			pm_lay_add_text(
			    c->lay,
			    bx + bw / 2 -
			        pm_lay_text_width(c->lay, ch->keys[i],
			                          strlen(ch->keys[i]), ts.style,
			                          ts.size) / 2,
			    base + 10, ch->keys[i], strlen(ch->keys[i]), &ts);
	}
	pm_lay_add_line(c->lay, x0, base, x + w - PAD - x0, 0, 0.6, PM_C_MUTED);
	severity_legend(c, ch, x0, base + 26, x + w - PAD, 1);
}

static double
per_bucket_height(pm_pdf_ctx *c, const pm_charts *ch, double w)
{
	return TOP + 8 + COLS + 26 + LEGEND +
	       (severity_legend(c, ch, AXIS_X, 0, w - PAD, 0) - 1) *
	           (LEGEND - 4);
}

/* A horizontal bar of length len from lx at row y, and its value. */
static void
hbar(pm_pdf_ctx *c, double lx, double y, double len, uint32_t color,
     const char *text, uint32_t ink)
{
	if (len > 0 && len < 1.5)
		len = 1.5;
	pm_lay_add_rect(c->lay, lx, y, len, BAR, color);
	value(c, lx + len + 4, y + BAR - 2, text, ink);
}

/* The label column of the bar charts, and the room for the bars. */
static double
label_w(double w)
{
	return (w - 2 * PAD) * 0.36;
}

static size_t
median_rows(const pm_charts *ch)
{
	size_t j, n = 0;

	for (j = 0; j < ch->nsev; j++)
		n += ch->median[j][0] >= 0 || ch->median[j][1] >= 0;
	return n;
}

/* Two bars per severity: the median time to detect and to resolve. */
static void
medians(pm_pdf_ctx *c, const pm_charts *ch, double x, double y, double w)
{
	double lx = x + PAD + label_w(w), room = x + w - PAD - lx - 52;
	double ry = y + TOP, scale;
	pm_buf b = {0};
	size_t j, k;

	if (median_rows(ch) == 0) {
		no_data(c, x, y);
		return;
	}
	scale = ch->median_max > 0 ? room / (double)ch->median_max : 0;
	for (j = 0; j < ch->nsev; j++) {
		if (ch->median[j][0] < 0 && ch->median[j][1] < 0)
			continue;
		label_right(c, lx - 5, ry + BAR + 3, label_w(w) - 5,
		            ch->sevs[j].name);
		for (k = 0; k < 2; k++) {
			b.len = 0;
			if (ch->median[j][k] >= 0)
				pm_fmt_duration(&b, ch->median[j][k],
				                pm_labels_lang(c->lab));
			else
				pm_buf_puts(&b, "\xe2\x80\x93");
			hbar(c, lx, ry + (double)k * (BAR + 1.5),
			     ch->median[j][k] > 0 ? (double)ch->median[j][k] * scale
			                          : 0,
			     k == 0 ? C_TTD : C_TTR, pm_buf_cstr(&b), PM_C_INK);
		}
		ry += 2 * BAR + 9;
	}
	pm_lay_add_line(c->lay, lx, y + TOP - 2, 0, ry - y - TOP, 0.6,
	                PM_C_MUTED);
	legend_item(c, lx, ry + 8, C_TTD, pm_label(c->lab, "metric.time-to-detect"));
	legend_item(c, lx + (x + w - lx) / 2, ry + 8, C_TTR,
	            pm_label(c->lab, "metric.time-to-resolve"));
	pm_buf_free(&b);
}

static double
medians_height(const pm_charts *ch)
{
	return TOP + (double)median_rows(ch) * (2 * BAR + 9) + LEGEND;
}

/* One bar per way of detection. */
static void
ways(pm_pdf_ctx *c, const pm_charts *ch, double x, double y, double w)
{
	double lx = x + PAD + label_w(w), ry = y + TOP;
	double scale = (x + w - PAD - lx - 24) / (double)ch->by_way.top;
	char num[32], key[48];
	size_t k;

	for (k = 0; k < PM_CHART_WAYS; k++) {
		if (ch->ways[k] == 0)
			continue;
		snprintf(key, sizeof(key), "detected-by.%s", pm_chart_ways[k]);
		label_right(c, lx - 5, ry + BAR - 2, label_w(w) - 5,
		            pm_chart_ways[k][0] ? pm_label(c->lab, key)
		                                : pm_label(c->lab, "chart.unknown"));
		snprintf(num, sizeof(num), "%lld", ch->ways[k]);
		hbar(c, lx, ry, (double)ch->ways[k] * scale, C_WAY, num, PM_C_INK);
		ry += BAR + 6;
	}
	pm_lay_add_line(c->lay, lx, y + TOP - 2, 0, ry - y - TOP, 0.6,
	                PM_C_MUTED);
}

static double
ways_height(const pm_charts *ch)
{
	size_t k, n = 0;

	for (k = 0; k < PM_CHART_WAYS; k++)
		n += ch->ways[k] > 0;
	return TOP + (double)n * (BAR + 6) + 4;
}

static void
owner_row(pm_pdf_ctx *c, const pm_charts *ch, const pm_chart_owner *o,
          double lx, double ry, double scale, double lw)
{
	char num[32];
	pm_buf b = {0};
	const char *name = o->owner;
	double len = (double)o->open * scale, vx;

	if (o == &ch->others) { /* "{n} others" */
		const char *l = pm_label(c->lab, "chart.others"),
		           *at = strstr(l, "{n}");

		if (at == NULL)
			at = l + strlen(l);
		pm_buf_put(&b, l, (size_t)(at - l));
		pm_buf_printf(&b, "%zu", ch->owners_folded);
		pm_buf_puts(&b, *at ? at + 3 : "");
		name = pm_buf_cstr(&b);
	} else if (*name == '\0') {
		name = pm_label(c->lab, "chart.nobody");
	}
	label_right(c, lx - 5, ry + BAR - 2, lw - 5, name);
	pm_lay_add_rect(c->lay, lx, ry, len, BAR, C_OPEN);
	if (o->overdue > 0)
		pm_lay_add_rect(c->lay, lx, ry, (double)o->overdue * scale, BAR,
		                C_OVERDUE);
	snprintf(num, sizeof(num), "%lld", o->open);
	vx = lx + len + 4;
	vx += value(c, vx, ry + BAR - 2, num, PM_C_INK);
	if (o->overdue > 0) {
		snprintf(num, sizeof(num), " (%lld)", o->overdue);
		value(c, vx, ry + BAR - 2, num, C_OVERDUE);
	}
	pm_buf_free(&b);
}

/* Open follow-ups per owner, the overdue part of each bar in red. */
static void
owners(pm_pdf_ctx *c, const pm_charts *ch, double x, double y, double w)
{
	double lx = x + PAD + label_w(w), ry = y + TOP;
	double scale = (x + w - PAD - lx - 40) / (double)ch->by_owner.top;
	size_t i;

	if (ch->nowners == 0) {
		no_data(c, x, y);
		return;
	}
	for (i = 0; i < ch->nowners; i++, ry += BAR + 6)
		owner_row(c, ch, &ch->owners[i], lx, ry, scale, label_w(w));
	if (ch->owners_folded > 0) {
		owner_row(c, ch, &ch->others, lx, ry, scale, label_w(w));
		ry += BAR + 6;
	}
	pm_lay_add_line(c->lay, lx, y + TOP - 2, 0, ry - y - TOP, 0.6,
	                PM_C_MUTED);
	legend_item(c, lx, ry + 8, C_OPEN, pm_label(c->lab, "action.open"));
	legend_item(c, lx + (x + w - lx) / 2, ry + 8, C_OVERDUE,
	            pm_label(c->lab, "action.overdue"));
}

static double
owners_height(const pm_charts *ch)
{
	size_t n = ch->nowners + (ch->owners_folded > 0);

	return TOP + (double)(n > 0 ? n : 1) * (BAR + 6) + LEGEND;
}

static double
max2(double a, double b)
{
	return a > b ? a : b;
}

/* A panel's width: half the frame's, less half the gap. */
static double
panel_w(pm_pdf_ctx *c)
{
	const pm_lay_page_geom *g = pm_lay_geom(c->lay);

	return (g->width - g->left - g->right - GAP) / 2;
}

static double
panels_height(const struct panels *p)
{
	if (p->which == 0)
		return max2(per_bucket_height(p->c, p->ch, panel_w(p->c)),
		            medians_height(p->ch)) +
		       6;
	return max2(ways_height(p->ch), owners_height(p->ch)) + 6;
}

static void
panel(pm_pdf_ctx *c, double x, double y, double w, double h, const char *cap)
{
	pm_lay_style cs = pm_pdf_style(c, PM_FS_BOLD, 0.74, PM_C_MUTED);

	pm_lay_add_rect(c->lay, x, y, w, h, PM_C_BOX);
	pm_lay_add_text(c->lay, x + PAD, y + CAP, cap, strlen(cap), &cs);
}

static void
draw(void *arg, pm_lay *lay, double x, double y, double w)
{
	struct panels *p = arg;
	double pw = (w - GAP) / 2, h = panels_height(p);
	pm_pdf_ctx *c = p->c;

	(void)lay;
	if (p->which == 0) {
		panel(c, x, y, pw, h,
		      pm_label(c->lab, p->ch->by_year ? "chart.per-year"
		                                      : "chart.per-month"));
		per_bucket(c, p->ch, x, y, pw);
		panel(c, x + pw + GAP, y, pw, h, pm_label(c->lab, "chart.medians"));
		medians(c, p->ch, x + pw + GAP, y, pw);
	} else {
		panel(c, x, y, pw, h, pm_label(c->lab, "chart.detected-by"));
		ways(c, p->ch, x, y, pw);
		panel(c, x + pw + GAP, y, pw, h,
		      pm_label(c->lab, "chart.follow-ups"));
		owners(c, p->ch, x + pw + GAP, y, pw);
	}
}

void *
pm_charts_pdf(pm_pdf_ctx *c, const pm_charts *ch)
{
	struct panels *p = pm_xcalloc(2, sizeof(*p));

	p[0] = (struct panels){c, ch, 0};
	p[1] = (struct panels){c, ch, 1};
	pm_lay_figure(c->lay, panels_height(&p[0]), 4, GAP, draw, &p[0]);
	pm_lay_figure(c->lay, panels_height(&p[1]), 0, 14, draw, &p[1]);
	return p;
}
