/* figure_svg.c: the incident figure (figure.c's model) drawn as inline
 * SVG for the HTML report, with its caption and legend. Made in C and
 * handed to the template by pmc:figure(), not drawn in XSLT: the model
 * is the one the PDF draws, so both show the same ticks, labels and
 * marks, and no span can make a template recurse. The page's stylesheet
 * gives the classes their colours. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "figure.h"
#include "utf8.h"

/* The drawing area, in SVG user units. */
#define FIG_W 800.0
#define FIG_X0 20.0
#define FIG_AXIS (FIG_W - 2 * FIG_X0)
#define FIG_ROW 30.0
#define FIG_GAP 12.0

/* The browser's font is not known here: widths are estimated from the
 * CSS sizes (12 px bold names, 11 px times, 11.5 px bold lengths) at a
 * generous average advance, full width for CJK. */
static double
estimate(void *arg, const char *s, size_t n, pm_fig_text what)
{
	static const double em[] = {12.0, 11.0, 11.5};
	static const double latin[] = {0.62, 0.56, 0.62};
	double w = 0;
	size_t i = 0;
	int32_t cp;

	(void)arg;
	while (i < n) {
		size_t k = pm_utf8_decode(s + i, n - i, &cp);

		if (k == 0)
			k = 1, cp = 0xFFFD;
		i += k;
		w += cp >= 0x1100 ? 1.0 : latin[what];
	}
	return w * em[what];
}

/* v in tenths as printf's "%.1f" rounds it, but without printf: a
 * figure writes thousands of numbers, and printf's were a tenth of its
 * time. 0 when v * 10 is near a half, where the double's exact value
 * decides (printf then does), or too large for the product's error to
 * stay far below that margin. */
static int
tenths(double v, long long *t)
{
	double x = v * 10, r;

	if (!(fabs(x) < 1e9))
		return 0;
	r = floor(x + 0.5);
	if (fabs(x - r) > 0.4999)
		return 0;
	*t = (long long)r;
	return 1;
}

/* t tenths as "%.1f" writes them: "-12.3", "0.5". */
static void
put_tenths(char *b, long long t)
{
	char d[24];
	unsigned long long u = t < 0 ? 0 - (unsigned long long)t
	                              : (unsigned long long)t;
	int k = 0;

	do {
		d[k++] = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (k == 1)
		d[k++] = '0';
	if (t < 0)
		*b++ = '-';
	while (k > 1)
		*b++ = d[--k];
	*b++ = '.';
	*b++ = d[0];
	*b = '\0';
}

static void
num(xmlNodePtr n, const char *name, double v)
{
	char b[32];
	long long t;

	if (tenths(v, &t))
		put_tenths(b, t);
	else
		snprintf(b, sizeof(b), "%.1f", v);
	if (strcmp(b, "-0.0") == 0)
		strcpy(b, "0.0");
	/* "12.0" as "12": shorter, as SVG writers do */
	if (strlen(b) > 2 && strcmp(b + strlen(b) - 2, ".0") == 0)
		b[strlen(b) - 2] = '\0';
	xmlNewProp(n, (const xmlChar *)name, (const xmlChar *)b);
}

static void
prop(xmlNodePtr n, const char *name, const char *v)
{
	xmlNewProp(n, (const xmlChar *)name, (const xmlChar *)v);
}

static xmlNodePtr
el(xmlNodePtr parent, const char *name, const char *cls)
{
	xmlNodePtr n = xmlNewChild(parent, NULL, (const xmlChar *)name, NULL);

	if (cls != NULL)
		prop(n, "class", cls);
	return n;
}

static xmlNodePtr
text(xmlNodePtr parent, const char *cls, double x, double y,
     const char *anchor, const char *s)
{
	xmlNodePtr n = xmlNewTextChild(parent, NULL, (const xmlChar *)"text",
	                               (const xmlChar *)s);

	prop(n, "class", cls);
	num(n, "x", x);
	num(n, "y", y);
	prop(n, "text-anchor", anchor);
	return n;
}

static xmlNodePtr
rect(xmlNodePtr parent, const char *cls, double x, double y, double w,
     double h)
{
	xmlNodePtr n = el(parent, "rect", cls);

	num(n, "x", x);
	num(n, "y", y);
	num(n, "width", w);
	num(n, "height", h);
	return n;
}

static void
line(xmlNodePtr parent, const char *cls, double x1, double y1, double x2,
     double y2)
{
	xmlNodePtr n = el(parent, "line", cls);

	num(n, "x1", x1);
	num(n, "y1", y1);
	num(n, "x2", x2);
	num(n, "y2", y2);
}

/* The vertical places, from the label rows the model used. */
typedef struct rows {
	double top;  /* the phase bar's top */
	double axis; /* the time axis */
	double h;
} rows;

static void
ticks(const pm_figure *f, xmlNodePtr svg, const rows *r)
{
	const pm_fig_tick *k;
	double x;
	size_t i;

	for (i = 0; i < f->nticks; i++) {
		k = &f->ticks[i];
		x = FIG_X0 + k->x;
		line(svg, "grid", x, r->top - 4, x, r->axis);
		line(svg, "tick", x, r->axis, x, r->axis + 5);
		text(svg, "tick-label", x, r->axis + 19, "middle", k->label);
		if (k->date != NULL)
			text(svg, "tick-date", x, r->axis + 34, "middle", k->date);
	}
}

static const char *
ms_class(pm_buf *b, const char *prefix, pm_milestone m)
{
	b->len = 0;
	pm_buf_printf(b, "%s%s", prefix, pm_milestones[m]);
	return pm_buf_cstr(b);
}

static void
phases(const pm_figure *f, const pm_labels *lab, xmlNodePtr svg,
       const rows *r)
{
	const pm_fig_phase *p;
	pm_buf cls = {0}, t = {0};
	xmlNodePtr n;
	size_t i;

	for (i = 0; i < f->nphases; i++) {
		p = &f->phases[i];
		cls.len = 0;
		pm_buf_printf(&cls, "phase phase-%s", pm_milestones[p->from]);
		n = rect(svg, pm_buf_cstr(&cls), FIG_X0 + p->x0, r->top,
		         p->x1 - p->x0, 22);
		t.len = 0;
		pm_buf_printf(&t, "%s \u2013 %s: %s",
		              pm_label(lab, ms_class(&cls, "milestone.", p->from)),
		              pm_label(lab, ms_class(&cls, "milestone.", p->to)),
		              p->length);
		xmlNewTextChild(n, NULL, (const xmlChar *)"title",
		                (const xmlChar *)pm_buf_cstr(&t));
		if (p->fits)
			text(svg, ms_class(&cls, "phase-len phase-len-", p->from),
			     FIG_X0 + (p->x0 + p->x1) / 2, r->top + 15, "middle",
			     p->length);
	}
	pm_buf_free(&cls);
	pm_buf_free(&t);
}

static double
label_y(const pm_fig_milestone *g, const rows *r)
{
	return r->top - 20 - g->row * FIG_ROW;
}

/* Lines and diamonds first, so that no line crosses a label; each label
 * twice, a halo in the paper's colour beneath, so that lines and other
 * marks do not run through the letters. */
static void
milestones(const pm_figure *f, xmlNodePtr svg, const rows *r)
{
	static const char *const cls[] = {"ms-name halo", "ms-time halo",
	                                  "ms-name", "ms-time"};
	const pm_fig_milestone *g;
	pm_buf b = {0};
	xmlNodePtr grp, n;
	double x, y, cx;
	size_t i, j;

	for (i = 0; i < f->nms; i++) {
		g = &f->ms[i];
		x = FIG_X0 + g->x;
		line(svg, "ms-line", x, label_y(g, r) + 5, x, r->axis);
		n = el(svg, "path", "ms-diamond");
		b.len = 0;
		pm_buf_printf(&b, "M%.1f %.1fl8 8-8 8-8-8z", x, r->top + 3);
		prop(n, "d", pm_buf_cstr(&b));
	}
	for (i = 0; i < f->nms; i++) {
		g = &f->ms[i];
		y = label_y(g, r);
		cx = FIG_X0 + g->left + g->w / 2;
		grp = el(svg, "g", ms_class(&b, "ms ms-", g->first));
		for (j = 0; j < 4; j++)
			text(grp, cls[j], cx, j % 2 ? y + 2 : y - 10, "middle",
			     j % 2 ? g->time : g->name);
	}
	pm_buf_free(&b);
}

static void
marks(const pm_figure *f, xmlNodePtr svg, const rows *r)
{
	const pm_fig_mark *k;
	pm_buf b = {0};
	xmlNodePtr n;
	size_t i;

	for (i = 0; i < f->nmarks; i++) {
		k = &f->marks[i];
		b.len = 0;
		pm_buf_puts(&b, "ev-mark");
		if (k->kind != NULL)
			pm_buf_printf(&b, " ev-%s", k->kind);
		n = el(svg, "circle", pm_buf_cstr(&b));
		prop(n, "r", "5");
		num(n, "cx", FIG_X0 + k->x);
		num(n, "cy", r->top + 52 + 11 * k->lift);
		b.len = 0;
		pm_buf_printf(&b, "%s \u2013 %s", k->time, k->text);
		xmlNewTextChild(n, NULL, (const xmlChar *)"title",
		                (const xmlChar *)pm_buf_cstr(&b));
	}
	pm_buf_free(&b);
}

/* What the colours mean: the phases drawn, and the event marks. */
static void
legend(const pm_figure *f, const pm_labels *lab, xmlNodePtr fig)
{
	xmlNodePtr ul = el(fig, "ul", "legend"), li;
	pm_buf cls = {0}, t = {0};
	size_t i;

	for (i = 0; i < f->nphases; i++) {
		li = el(ul, "li", NULL);
		el(li, "span", ms_class(&cls, "swatch phase-", f->phases[i].from));
		t.len = 0;
		pm_buf_printf(
		    &t, "%s \u2192 %s",
		    pm_label(lab, ms_class(&cls, "milestone.", f->phases[i].from)),
		    pm_label(lab, ms_class(&cls, "milestone.", f->phases[i].to)));
		xmlNodeAddContent(li, (const xmlChar *)pm_buf_cstr(&t));
	}
	if (f->nmarks > 0) {
		li = el(ul, "li", NULL);
		el(li, "span", "swatch dot");
		xmlNodeAddContent(
		    li, (const xmlChar *)pm_label(lab, "section.timeline"));
	}
	pm_buf_free(&cls);
	pm_buf_free(&t);
}

static void
draw(const pm_figure *f, const pm_labels *lab, xmlNodePtr fig)
{
	const char *title = pm_label(lab, "figure.timeline");
	xmlNodePtr svg;
	rows r;
	char box[64];

	r.top = (f->nms > 0 ? f->nrows : 0) * FIG_ROW + 10;
	r.axis = r.top + 82;
	r.h = r.axis + 44;
	xmlNewTextChild(fig, NULL, (const xmlChar *)"figcaption",
	                (const xmlChar *)title);
	svg = el(fig, "svg", "course-svg");
	snprintf(box, sizeof(box), "0 0 %g %g", FIG_W, r.h);
	prop(svg, "viewBox", box);
	prop(svg, "role", "img");
	prop(svg, "aria-label", title);
	prop(rect(svg, "lane", FIG_X0, r.top, FIG_AXIS, 22), "rx", "3");
	prop(rect(svg, "lane events-lane", FIG_X0, r.top + 34, FIG_AXIS, 36),
	     "rx", "3");
	ticks(f, svg, &r);
	phases(f, lab, svg, &r);
	milestones(f, svg, &r);
	marks(f, svg, &r);
	line(svg, "axis", FIG_X0, r.axis, FIG_X0 + FIG_AXIS, r.axis);
	legend(f, lab, fig);
}

void
pm_figure_svg(const xmlNode *root, const pm_labels *lab, xmlNodePtr parent)
{
	pm_fig_metrics m = {FIG_AXIS, FIG_GAP, estimate, NULL};
	pm_figure *f = pm_figure_make(root, lab, &m);

	if (f != NULL)
		draw(f, lab, el(parent, "figure", "course"));
	pm_figure_free(f);
}
