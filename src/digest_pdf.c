/* digest_pdf.c: the digest of a period as a PDF, through the layout
 * layer and the fonts of the single reports: the title, the headline
 * numbers in the reports' summary box, the cross-incident charts
 * (charts_pdf.c), the incidents and the open
 * follow-ups as tables whose heads repeat on every page, and the pages'
 * header and footer. What it says is digest.c's, as for the other
 * formats. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "digest.h"
#include "fonts.h"
#include "ir.h"
#include "pdf.h"
#include "pdf_ctx.h"

static int
glyph(void *arg, unsigned style, int32_t cp, double *adv)
{
	return pm_fonts_glyph(arg, style, cp, adv);
}

/* libharu's first error, kept for the caller to say. */
struct failure {
	char msg[256];
};

static void
on_error(void *arg, unsigned long code, unsigned long detail,
         const char *doing)
{
	struct failure *f = arg;

	if (f->msg[0] == '\0')
		snprintf(f->msg, sizeof(f->msg),
		         "PDF library error 0x%04lX (detail %lu) while %s", code,
		         detail, doing ? doing : "drawing");
}

static void
title(pm_pdf_ctx *c, const pm_digest *d)
{
	pm_lay_para f = {0};
	pm_lay_style st = pm_pdf_style(c, PM_FS_BOLD, 2.0, PM_C_HEAD);

	f.leading = 1.2;
	f.after = 12;
	pm_lay_para_begin(c->lay, &f);
	pm_pdf_text(c, pm_buf_cstr((pm_buf *)&d->title), &st);
	pm_lay_para_end(c->lay);
}

/* The headline numbers in two columns, labels muted, in the box the
 * reports' first page has. */
static void
facts(pm_pdf_ctx *c, const pm_digest *d)
{
	pm_lay_table t = {0};
	pm_lay_style ls = pm_pdf_style(c, PM_FS_BOLD, 0.9, PM_C_HEAD);
	pm_lay_style vs = pm_pdf_style(c, 0, 0.9, PM_C_INK);
	size_t i;

	t.padx = 10, t.pady = 3.5;
	t.has_bg = 1, t.bg = PM_C_BOX;
	t.leading = 1.35;
	t.keep = 1;
	t.after = 14;
	pm_lay_table_begin(c->lay, 2, 0, &t);
	for (i = 0; i < d->nfacts; i++) {
		pm_lay_cell(c->lay, PM_LA_LEFT, NULL);
		pm_pdf_text(c, pm_buf_cstr((pm_buf *)&d->facts[i].label), &ls);
		pm_lay_cell(c->lay, PM_LA_LEFT, NULL);
		pm_pdf_text(c, pm_buf_cstr((pm_buf *)&d->facts[i].value), &vs);
	}
	pm_lay_table_end(c->lay);
}

static void
heading(pm_pdf_ctx *c, const char *s)
{
	pm_lay_para f = {0};
	pm_lay_style st = pm_pdf_style(c, PM_FS_BOLD, 1.35, PM_C_HEAD);

	f.before = 10, f.after = 4;
	f.leading = 1.2;
	f.keep = 1;
	pm_lay_para_begin(c->lay, &f);
	pm_pdf_text(c, s, &st);
	pm_lay_para_end(c->lay);
}

static void
table_begin(pm_pdf_ctx *c, const char *const *keys, int n)
{
	pm_lay_table t = {0};
	pm_lay_style hs = pm_pdf_style(c, PM_FS_BOLD, 0.8, PM_C_HEAD);
	int i;

	t.before = c->size * 0.3, t.after = c->size;
	t.padx = 5, t.pady = 4;
	t.rules = 1, t.rule_color = PM_C_RULE;
	t.has_head_bg = 1, t.head_bg = PM_C_TINT;
	t.leading = 1.3;
	pm_lay_table_begin(c->lay, n, 1, &t);
	for (i = 0; i < n; i++) {
		pm_lay_cell(c->lay, PM_LA_LEFT, NULL);
		pm_pdf_text(c, pm_label(c->lab, keys[i]), &hs);
	}
}

/* One row; the cells are emptied for the next. */
static void
row(pm_pdf_ctx *c, pm_buf *cells, size_t n)
{
	pm_lay_style st = pm_pdf_style(c, 0, 0.85, PM_C_INK);
	size_t i;

	for (i = 0; i < n; i++) {
		pm_lay_cell(c->lay, PM_LA_LEFT, NULL);
		pm_pdf_text(c, pm_buf_cstr(&cells[i]), &st);
		cells[i].len = 0;
	}
}

/* Each incident of the period whose document the caller kept, on a page
 * of its own as the first page of its own report opens (pdf_front.c):
 * title, dates, the summary box, the timeline figure. The figures are
 * drawn when the layout places them; kept[] keeps each until then. */
static void
fronts(pm_pdf_ctx *c, const pm_digest *d, void **kept)
{
	const pm_incident *in;
	const char *aud;
	size_t i;

	for (i = 0; i < d->p.n; i++) {
		in = d->p.in[i];
		if (in->doc == NULL || in->doc->ir == NULL)
			continue;
		pm_lay_page_break(c->lay);
		c->doc = in->doc;
		c->root = xmlDocGetRootElement(in->doc->ir);
		aud = pm_ir_get(c->root, "audience");
		c->internal = aud == NULL || strcmp(aud, "public") != 0;
		pm_pdf_front(c);
		kept[i] = c->chart;
		c->chart = NULL;
	}
	c->doc = NULL;
	c->root = NULL;
}

/* Returns what the charts draw from, to free once laid out. */
static void *
body(pm_pdf_ctx *c, const pm_digest *d, void **front)
{
	pm_buf cells[PM_DIGEST_INCIDENT_COLS] = {{0}};
	pm_lay_para f = {0};
	pm_lay_style st = pm_pdf_style(c, 0, 1.0, PM_C_INK);
	void *charts;
	size_t i;

	title(c, d);
	if (d->p.n == 0) {
		pm_lay_para_begin(c->lay, &f);
		pm_pdf_text(c, pm_label(c->lab, "digest.none"), &st);
		pm_lay_para_end(c->lay);
		return NULL;
	}
	facts(c, d);
	charts = pm_charts_pdf(c, &d->charts);
	heading(c, pm_label(c->lab, "index.title"));
	table_begin(c, pm_digest_incident_cols, PM_DIGEST_INCIDENT_COLS);
	for (i = 0; i < d->p.n; i++) {
		pm_digest_incident_cells(d, d->p.in[i], cells);
		row(c, cells, PM_DIGEST_INCIDENT_COLS);
	}
	pm_lay_table_end(c->lay);
	if (d->nopen > 0) {
		heading(c, pm_label(c->lab, "index.open"));
		table_begin(c, pm_digest_item_cols, PM_DIGEST_ITEM_COLS);
		for (i = 0; i < d->nopen; i++) {
			pm_digest_item_cells(d, &d->open[i], cells);
			row(c, cells, PM_DIGEST_ITEM_COLS);
		}
		pm_lay_table_end(c->lay);
	}
	for (i = 0; i < PM_DIGEST_INCIDENT_COLS; i++)
		pm_buf_free(&cells[i]);
	fronts(c, d, front);
	return charts;
}

int
pm_digest_pdf(pm_incident *const *ins, size_t n, const pm_digest_opts *opts,
              pm_buf *out)
{
	pm_lay_page_geom g = {595.28, 841.89, 68, 62, 58, 58};
	pm_pdf_ctx c = {0};
	pm_pdf_info info = {0};
	struct failure fail = {{0}};
	pm_digest d;
	void *charts, **front;
	size_t i;
	int rc = -1;
	char why[600];

	if (pm_pdf_load(why, sizeof(why)) != 0) {
		pm_digest_report(opts, PM_R_PDF, why);
		return -1;
	}
	if (pm_digest_make(&d, ins, n, opts) < 0)
		return -1;
	c.lab = d.lab;
	c.fam = d.fam;
	c.fonts = pm_fonts_new(opts->lang ? opts->lang : "en");
	c.lay = pm_lay_new(&g, glyph, c.fonts);
	c.size = strcmp(c.fam, "ja") == 0 ? 9.5 : 10;
	c.leading = strcmp(c.fam, "ja") == 0 ? 1.75 : 1.45;
	front = pm_xcalloc(d.p.n + 1, sizeof(*front));
	charts = body(&c, &d, front);
	pm_lay_finish(c.lay);
	free(charts);
	for (i = 0; i < d.p.n; i++) {
		c.chart = front[i];
		pm_pdf_front_free(&c);
	}
	free(front);
	pm_pdf_frame_pages(&c, pm_buf_cstr(&d.title), "pmc digest");
	if (pm_fonts_count(c.fonts) > 0) {
		info.title = pm_buf_cstr(&d.title);
		info.creator = "pmc " PMC_VERSION;
		info.lang = opts->lang ? opts->lang : "en";
		info.created = -1;
		rc = pm_pdf_write(c.lay, c.fonts, &info, on_error, &fail, out);
		if (rc < 0)
			pm_digest_report(opts, PM_R_PDF, fail.msg[0]
			                 ? fail.msg : "the PDF could not be written");
	} else
		pm_digest_report(opts, PM_R_PDF, PM_FONTS_NONE);
	pm_lay_free(c.lay);
	pm_fonts_free(c.fonts);
	pm_digest_free(&d);
	return rc;
}
