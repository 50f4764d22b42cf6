/* layout.h: the page layout of the PDF back end: paragraphs of styled runs
 * broken into lines, tables with repeated header rows, figures, all cut
 * into pages. It produces positioned items that a device draws; it never
 * touches PDF, so it is tested on its own (tests/check_layout.c). The way
 * mandoc's term.c drives term_ps.c. */
#ifndef PM_LAYOUT_H
#define PM_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

/* How wide each character is and which face draws it: pm_fonts_glyph()
 * in the back end, a fixed-width stand-in in the tests. Returns the face,
 * or -1 for a character nothing can draw (it is left out); *adv is the
 * advance in 1/1000 em. */
typedef int pm_lay_glyph_fn(void *arg, unsigned style, int32_t cp,
                            double *adv);

/* Page size and margins in points; y grows downwards from the top. */
typedef struct pm_lay_page_geom {
	double width, height;
	double top, bottom, left, right;
} pm_lay_page_geom;

typedef enum pm_lay_kind {
	PM_LI_TEXT, /* text in one face at x, baseline y */
	PM_LI_RECT, /* x, y (top left), w, h; filled with color */
	PM_LI_LINE, /* from x, y to x + w, y + h; stroked with color */
	PM_LI_LINK, /* a clickable area x, y, w, h to text (the URI) */
	PM_LI_DEST, /* an outline entry: text at level, top y */
	PM_LI_CIRCLE /* a dot at x, y of radius w, filled with color */
} pm_lay_kind;

typedef struct pm_lay_item {
	pm_lay_kind kind;
	double x, y, w, h;
	int face;          /* PM_LI_TEXT */
	unsigned style;    /* PM_LI_TEXT: pm_fonts style bits */
	double size;       /* PM_LI_TEXT: font size; PM_LI_LINE: width */
	uint32_t color;    /* 0xRRGGBB */
	char *text;        /* UTF-8, owned by the layout */
	size_t len;
	int level;         /* PM_LI_DEST */
} pm_lay_item;

typedef struct pm_lay_pageout {
	pm_lay_item *items;
	size_t n, cap;
} pm_lay_pageout;

/* The look of one run of text. href makes it a link (copied). */
typedef struct pm_lay_style {
	unsigned style;
	double size;
	uint32_t color;
	const char *href;
} pm_lay_style;

enum pm_lay_align { PM_LA_LEFT, PM_LA_CENTER, PM_LA_RIGHT };

/* The look of a paragraph. A zeroed one is a plain left-aligned block
 * with a line height of 1.4 times its largest size. */
typedef struct pm_lay_para {
	double indent, right;    /* from the frame's edges */
	double before, after;    /* space above and below */
	double leading;          /* line height / size; 0: 1.4 */
	enum pm_lay_align align;
	int keep;                /* keep with the next block (headings) */
	int pre;                 /* keep spaces and line breaks (code) */
	int has_bg;              /* fill behind the lines, padded by pad */
	uint32_t bg;
	double pad;
	int has_bar;             /* a bar at the left edge (quotes) */
	uint32_t bar;
	const char *marker;      /* a list bullet or number, set to the left
	                            of indent on the first line */
	const char *outline;     /* an outline entry at the paragraph */
	int outline_level;
} pm_lay_para;

/* The look of a table. */
typedef struct pm_lay_table {
	double indent;
	double before, after;
	double padx, pady;       /* cell padding */
	int equal;               /* equal columns, else sized by content */
	int rules;               /* hairlines between rows */
	uint32_t rule_color;
	int has_head_bg;
	uint32_t head_bg;
	int has_zebra;           /* tint every other body row */
	uint32_t zebra;
	int has_bg;              /* a fill behind the whole table */
	uint32_t bg;
	double leading;
	int keep;                /* keep with the next block */
	int fill;                /* 1 + the column that takes the room left
	                            when all fit; 0: shared by width */
	double minw[8];          /* least text width of the first columns */
} pm_lay_table;

typedef struct pm_lay pm_lay;

/* A figure's drawing, called once its box is placed at x, y (top left),
 * w wide; it adds items with pm_lay_add_*(). */
typedef void pm_lay_draw_fn(void *arg, pm_lay *, double x, double y,
                            double w);

/* A new layout; the geometry and measure are copied. The caller frees it
 * with pm_lay_free(). */
pm_lay *pm_lay_new(const pm_lay_page_geom *, pm_lay_glyph_fn *, void *arg);
void pm_lay_free(pm_lay *);

/* Paragraphs: begin, add runs, end. A '\n' in a run is a line break. */
void pm_lay_para_begin(pm_lay *, const pm_lay_para *);
void pm_lay_run(pm_lay *, const char *s, size_t n, const pm_lay_style *);
void pm_lay_para_end(pm_lay *);

/* Tables: begin with the number of columns and how many of the first rows
 * are header rows (repeated on each page the table continues on), then
 * for each row each cell: pm_lay_cell() followed by runs. A table starts
 * on a new page unless its header rows and first two body rows fit, and
 * one of at most six body rows unless it all fits (when a page holds it). */
void pm_lay_table_begin(pm_lay *, int ncols, int nhead,
                        const pm_lay_table *);
void pm_lay_cell(pm_lay *, enum pm_lay_align, const pm_lay_para *fmt);
/* Right after pm_lay_table_begin(), before the first cell: the runs that
 * follow make a caption drawn above the repeated header rows on each
 * page the table continues on (a timeline's day, whose heading stands
 * above the table on its first page). fmt's indent and before are not
 * used; after is the space below it. */
void pm_lay_table_caption(pm_lay *, const pm_lay_para *fmt);
void pm_lay_table_end(pm_lay *);

/* A figure h points high, kept whole on a page. */
void pm_lay_figure(pm_lay *, double h, double before, double after,
                   pm_lay_draw_fn *, void *arg);

/* Vertical space; dropped at the top of a page. */
void pm_lay_space(pm_lay *, double h);

/* Ends the current page: what follows starts on a new one. */
void pm_lay_page_break(pm_lay *);

/* Drawing at absolute places on the current page (figures, page headers
 * and footers). add_text returns the width drawn. */
double pm_lay_add_text(pm_lay *, double x, double y, const char *s, size_t n,
                       const pm_lay_style *);
void pm_lay_add_rect(pm_lay *, double x, double y, double w, double h,
                     uint32_t color);
void pm_lay_add_line(pm_lay *, double x, double y, double w, double h,
                     double width, uint32_t color);
void pm_lay_add_circle(pm_lay *, double x, double y, double r,
                       uint32_t color);
double pm_lay_text_width(pm_lay *, const char *s, size_t n, unsigned style,
                         double size);
/* How many bytes of s (whole characters) fit in w points: measured once
 * from the start, so cutting a text to a width is linear in it. */
size_t pm_lay_text_fit(pm_lay *, const char *s, size_t n, unsigned style,
                       double size, double w);

/* Ends the layout (places what is pending); then the pages can be read.
 * pm_lay_goto() makes page i current for pm_lay_add_* (headers, footers).
 */
void pm_lay_finish(pm_lay *);
size_t pm_lay_npages(const pm_lay *);
const pm_lay_pageout *pm_lay_page(const pm_lay *, size_t i);
void pm_lay_goto(pm_lay *, size_t i);
const pm_lay_page_geom *pm_lay_geom(const pm_lay *);

/* The frame's top y on the current page and the current y, for tests. */
double pm_lay_cursor(const pm_lay *);

#endif
