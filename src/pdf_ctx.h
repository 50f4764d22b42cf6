/* pdf_ctx.h: what the parts of the pdf back end share while they turn the
 * intermediate form into layout calls: the document, labels, fonts, the
 * layout, and the house style (sizes and colours). */
#ifndef PM_PDF_CTX_H
#define PM_PDF_CTX_H

#include <libxml/tree.h>

#include "doc.h"
#include "fonts.h"
#include "l10n.h"
#include "layout.h"
#include "pmtime.h"

/* The palette: ink, muted text, headings, links, hairlines, tints. */
#define PM_C_INK 0x1F2328u
#define PM_C_MUTED 0x5B6570u
#define PM_C_HEAD 0x16324Fu
#define PM_C_LINK 0x0B57B0u
#define PM_C_RULE 0xC9D1DAu
#define PM_C_TINT 0xEEF2F6u
#define PM_C_ZEBRA 0xF7F9FBu
#define PM_C_BOX 0xF2F5F9u
#define PM_C_CODE 0xF3F4F6u
#define PM_C_BAD 0xB42318u
#define PM_C_WARN 0xC4640Au
#define PM_C_OK 0x2F7D4Fu
#define PM_C_INTERNAL 0xD29922u
#define PM_C_EVENT 0x34495Eu /* a timeline event without a kind */

typedef struct pm_pdf_ctx {
	const pm_doc *doc;
	const pm_render_opts *opts;
	const xmlNode *root;
	const pm_labels *lab;
	const char *fam;    /* en, nb, ja */
	pm_fonts *fonts;
	pm_lay *lay;
	int internal;       /* internal blocks are part of the audience */
	double size;        /* body text */
	double leading;
	const char *marker; /* a list marker for the next paragraph */
	int depth;          /* block nesting, to bound indentation */
	int lists;          /* list nesting, for the bullet */
	int tight;          /* inside a tight list */
	int has_bar;        /* inside a quote or an internal block */
	void *chart;        /* the timeline chart's data, freed at the end */
	uint32_t bar;
} pm_pdf_ctx;

/* The label for prefix.key ("kind" + "detected"), borrowed. */
const char *pm_pdf_label2(const pm_pdf_ctx *, const char *prefix,
                          const char *key);

/* A style of the body's size (times scale) in the given colour. */
pm_lay_style pm_pdf_style(const pm_pdf_ctx *, unsigned style, double scale,
                          uint32_t color);

/* Appends plain text as one run. */
void pm_pdf_text(pm_pdf_ctx *, const char *s, const pm_lay_style *);

/* Appends node's inline content as runs, emphasis, code and links
 * styled on top of base. */
void pm_pdf_inlines(pm_pdf_ctx *, const xmlNode *node,
                    const pm_lay_style *base);


/* The cross-incident charts (charts.c's model) as two figures, each
 * two panels side by side (charts_pdf.c). The layout draws them when it
 * places them: free what this returns after pm_lay_finish. */
struct pm_charts;
void *pm_charts_pdf(pm_pdf_ctx *, const struct pm_charts *);

/* The title-page top: title, dates, the summary box, the timeline
 * chart (pdf_front.c). */
void pm_pdf_front(pm_pdf_ctx *);

/* Frees what pm_pdf_front() kept for the layout to draw. */
void pm_pdf_front_free(pm_pdf_ctx *);

/* Page headers and footers, once the pages are known (pdf_front.c). */
void pm_pdf_frames(pm_pdf_ctx *);

/* The same for any document: title in the header of every page but the
 * first, left and "Page n of m" in every footer. */
void pm_pdf_frame_pages(pm_pdf_ctx *, const char *title, const char *left);

#endif
