/* layout.c: line breaking (after spaces, between CJK characters, kinsoku,
 * overlong words), tables sized by their content, and pagination that
 * keeps headings with what follows, repeats header rows and leaves no
 * single line of a paragraph alone on a page. */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "layout.h"
#include "utf8.h"

#define ASCENT 0.8 /* a line's baseline below its top, in ems of its size */
#define KEEP_ROWS 6  /* a table of no more body rows is not split */
#define FIRST_ROWS 2 /* body rows a table's first page holds at least */
#define DEFAULT_LEADING 1.4
#define MARKER_GAP 5.0

struct ch {
	int32_t cp;
	size_t off; /* in the paragraph's text */
	int len;
	int face;
	int run;
	double adv; /* points */
	int space;
	int hard;   /* a line break: ends the line, draws nothing */
};

struct run {
	size_t off, len;
	pm_lay_style st;
	char *href;
};

struct frag {
	size_t off, len;
	int face, run;
	double x, w;
};

struct line {
	struct frag *frags;
	size_t nfrags;
	double width, height, size;
};

struct para {
	pm_lay_para fmt;
	char *marker, *outline;
	char *text;
	size_t len, cap;
	struct run *runs;
	size_t nruns;
	struct ch *chs;
	size_t nchs, chcap;
	struct line *lines;
	size_t nlines;
	enum pm_lay_align align;
};

struct table {
	pm_lay_table fmt;
	int ncols, nhead;
	int nrepeat; /* header rows repeated on each page: nhead or 0 */
	struct para *caption; /* drawn above them on the pages after the
	                         first (a timeline's day), or NULL */
	struct para **cells;
	size_t ncells;
	double *widths;
	double *heights; /* per row */
};

enum block_kind { B_PARA, B_TABLE, B_FIGURE, B_SPACE, B_BREAK };

struct block {
	enum block_kind kind;
	struct para *para;
	struct table *table;
	double h, before, after;
	pm_lay_draw_fn *draw;
	void *arg;
	int keep;
};

struct pm_lay {
	pm_lay_page_geom g;
	pm_lay_glyph_fn *glyph;
	void *arg;
	pm_lay_pageout *pages;
	size_t npages;
	size_t cur;
	double y;
	int at_top;       /* nothing placed on this page yet */
	double space;     /* the last block's space below, still owed */
	struct para *para;   /* being built */
	struct table *table; /* being built */
	struct block **queue; /* kept with the next block */
	size_t nqueue;
	/* Where the last quote bar ended, so that the bar of the next
	 * paragraph of the same quote continues it across the space
	 * between them; bar_page is 1 + the page, 0 when there is none. */
	size_t bar_page;
	double bar_x, bar_end;
	uint32_t bar_color;
};

/* Pages and items. */

static void
new_page(pm_lay *l)
{
	l->pages = pm_xrealloc(l->pages, (l->npages + 1) * sizeof(*l->pages));
	memset(&l->pages[l->npages], 0, sizeof(*l->pages));
	l->cur = l->npages++;
	l->y = l->g.top;
	l->at_top = 1;
	l->space = 0;
}

static pm_lay_item *
add_item(pm_lay *l, pm_lay_kind kind)
{
	pm_lay_pageout *p;
	pm_lay_item *it;

	if (l->npages == 0)
		new_page(l);
	p = &l->pages[l->cur];
	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 64;
		p->items = pm_xrealloc(p->items, p->cap * sizeof(*p->items));
	}
	it = &p->items[p->n++];
	memset(it, 0, sizeof(*it));
	it->kind = kind;
	return it;
}

/* Moves the items from index from to the end of the page's list to just
 * before index at, so that a background drawn late lies under them. */
static void
move_under(pm_lay *l, size_t at)
{
	pm_lay_pageout *p = &l->pages[l->cur];
	pm_lay_item last = p->items[p->n - 1];

	memmove(&p->items[at + 1], &p->items[at],
	        (p->n - 1 - at) * sizeof(*p->items));
	p->items[at] = last;
}

void
pm_lay_add_rect(pm_lay *l, double x, double y, double w, double h,
                uint32_t color)
{
	pm_lay_item *it = add_item(l, PM_LI_RECT);

	it->x = x, it->y = y, it->w = w, it->h = h, it->color = color;
}

void
pm_lay_add_line(pm_lay *l, double x, double y, double w, double h,
                double width, uint32_t color)
{
	pm_lay_item *it = add_item(l, PM_LI_LINE);

	it->x = x, it->y = y, it->w = w, it->h = h;
	it->size = width, it->color = color;
}

void
pm_lay_add_circle(pm_lay *l, double x, double y, double r, uint32_t color)
{
	pm_lay_item *it = add_item(l, PM_LI_CIRCLE);

	it->x = x, it->y = y, it->w = r, it->color = color;
}

static void
add_text_item(pm_lay *l, double x, double y, const char *s, size_t n,
              int face, const pm_lay_style *st)
{
	pm_lay_item *it = add_item(l, PM_LI_TEXT);

	it->x = x, it->y = y;
	it->face = face;
	it->style = st->style;
	it->size = st->size;
	it->color = st->color;
	it->text = pm_xstrndup(s, n);
	it->len = n;
}

static void
add_link(pm_lay *l, double x, double y, double w, double h, const char *uri)
{
	pm_lay_item *it = add_item(l, PM_LI_LINK);

	it->x = x, it->y = y, it->w = w, it->h = h;
	it->text = pm_xstrdup(uri);
	it->len = strlen(uri);
}

static void
add_dest(pm_lay *l, double y, const char *title, int level)
{
	pm_lay_item *it = add_item(l, PM_LI_DEST);

	it->y = y;
	it->level = level;
	it->text = pm_xstrdup(title);
	it->len = strlen(title);
}

/* Characters. */

static int
is_wide(int32_t c)
{
	if (c < 0x1100) /* Latin, Greek, Cyrillic: asked of every character */
		return 0;
	return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) ||
	       (c >= 0x3041 && c <= 0x33FF) || (c >= 0x3400 && c <= 0x4DBF) ||
	       (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA960 && c <= 0xA97F) ||
	       (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
	       (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
	       (c >= 0xFFE0 && c <= 0xFFE6);
}

/* Kinsoku shori: characters no line may start with. */
static int
is_close(int32_t c)
{
	static const int32_t set[] = {
	    ')', ']', '}', ',', '.', ';', ':', '!', '?', '%', 0x2019, 0x201D,
	    0x2026, 0x2025, 0x3001, 0x3002, 0x3009, 0x300B, 0x300D, 0x300F,
	    0x3011, 0x3015, 0x3017, 0x3019, 0x301C, 0x301F, 0x3005, 0x303B,
	    0x3041, 0x3043, 0x3045, 0x3047, 0x3049, 0x3063, 0x3083, 0x3085,
	    0x3087, 0x308E, 0x3095, 0x3096, 0x309D, 0x309E, 0x30A0, 0x30A1,
	    0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30C3, 0x30E3, 0x30E5, 0x30E7,
	    0x30EE, 0x30F5, 0x30F6, 0x30FB, 0x30FC, 0x30FD, 0x30FE, 0xFF01,
	    0xFF09, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF1F, 0xFF3D, 0xFF5D,
	    0xFF5E, 0xFF61, 0xFF63, 0xFF64, 0xFF65, 0xFF70, 0x00B0, 0x2030,
	    0x2103};
	size_t i;

	/* Most characters are Latin letters: answer those without the
	 * table, which is asked twice for every character laid out. */
	if (c < 0x80)
		return c != 0 && strchr(")]},.;:!?%", (int)c) != NULL;
	if (c < 0xB0)
		return 0;
	if (c >= 0x31F0 && c <= 0x31FF) /* small katakana extensions */
		return 1;
	for (i = 0; i < sizeof(set) / sizeof(set[0]); i++)
		if (set[i] == c)
			return 1;
	return 0;
}

/* Characters no line may end with. */
static int
is_open(int32_t c)
{
	static const int32_t set[] = {'(', '[', '{', 0x2018, 0x201C, 0x3008,
	                              0x300A, 0x300C, 0x300E, 0x3010, 0x3014,
	                              0x3016, 0x3018, 0x301D, 0xFF08, 0xFF3B,
	                              0xFF5B, 0xFF62};
	size_t i;

	if (c < 0x80)
		return c == '(' || c == '[' || c == '{';
	if (c < 0x2018)
		return 0;
	for (i = 0; i < sizeof(set) / sizeof(set[0]); i++)
		if (set[i] == c)
			return 1;
	return 0;
}

static int
is_letter(int32_t c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	       (c >= 0xC0 && c < 0x2000 && c != 0xD7 && c != 0xF7);
}

/* May a line end between a and b? */
static int
can_break(const struct ch *a, const struct ch *b)
{
	if (b->space || b->hard)
		return 0;
	if (a->space)
		return 1;
	if (is_close(b->cp) || is_open(a->cp))
		return 0;
	if (is_wide(a->cp) || is_wide(b->cp))
		return 1;
	/* Hyphenated words and paths: after '-' or '/' before a letter (not
	 * inside dates and numbers). */
	return (a->cp == '-' || a->cp == '/') && is_letter(b->cp);
}

/* Paragraphs. */

static struct para *
para_new(const pm_lay_para *fmt)
{
	struct para *p = pm_xcalloc(1, sizeof(*p));

	if (fmt != NULL)
		p->fmt = *fmt;
	if (p->fmt.leading <= 0)
		p->fmt.leading = DEFAULT_LEADING;
	if (p->fmt.marker != NULL)
		p->marker = pm_xstrdup(p->fmt.marker);
	if (p->fmt.outline != NULL)
		p->outline = pm_xstrdup(p->fmt.outline);
	p->fmt.marker = p->marker;
	p->fmt.outline = p->outline;
	return p;
}

static void
free_lines(struct para *p)
{
	size_t i;

	for (i = 0; i < p->nlines; i++)
		free(p->lines[i].frags);
	free(p->lines);
	p->lines = NULL;
	p->nlines = 0;
}

static void
para_free(struct para *p)
{
	size_t i;

	if (p == NULL)
		return;
	free_lines(p);
	for (i = 0; i < p->nruns; i++)
		free(p->runs[i].href);
	free(p->runs);
	free(p->chs);
	free(p->text);
	free(p->marker);
	free(p->outline);
	free(p);
}

static void
para_run(struct para *p, const char *s, size_t n, const pm_lay_style *st)
{
	struct run *r;

	if (n == 0)
		return;
	if (p->len + n + 1 > p->cap) {
		p->cap = 2 * (p->len + n + 1);
		p->text = pm_xrealloc(p->text, p->cap);
	}
	memcpy(p->text + p->len, s, n);
	p->runs = pm_xrealloc(p->runs, (p->nruns + 1) * sizeof(*p->runs));
	r = &p->runs[p->nruns++];
	r->off = p->len;
	r->len = n;
	r->st = *st;
	r->href = st->href ? pm_xstrdup(st->href) : NULL;
	r->st.href = r->href;
	p->len += n;
	p->text[p->len] = '\0';
}

static void
push_ch(struct para *p, const struct ch *c)
{
	if (p->nchs == p->chcap) {
		p->chcap = p->chcap ? 2 * p->chcap : 64;
		p->chs = pm_xrealloc(p->chs, p->chcap * sizeof(*c));
	}
	p->chs[p->nchs++] = *c;
}

/* Is the last character kept a space, or is there none on this line? */
static int
after_space(const struct para *p)
{
	return p->nchs == 0 || p->chs[p->nchs - 1].space ||
	       p->chs[p->nchs - 1].hard;
}

/* One character of run r at off: classified, measured, and kept unless
 * it is a blank that collapses or nothing can draw it. */
static void
scan_char(pm_lay *l, struct para *p, int r, size_t off, int32_t cp, int len)
{
	const pm_lay_style *st = &p->runs[r].st;
	struct ch c = {0};
	double adv;

	c.cp = cp, c.off = off, c.len = len, c.run = r;
	if (cp == '\n') {
		c.hard = 1;
		c.face = -1;
		push_ch(p, &c);
		return;
	}
	if (cp == '\t' || cp == '\r')
		cp = c.cp = ' ';
	c.space = cp == ' ' || cp == 0x3000;
	if (cp == ' ' && !p->fmt.pre && after_space(p))
		return;
	c.face = l->glyph(l->arg, st->style, cp, &adv);
	if (c.face < 0)
		return;
	c.adv = adv / 1000.0 * st->size;
	push_ch(p, &c);
}

static void
scan(pm_lay *l, struct para *p)
{
	size_t r, i, n;
	int32_t cp;

	p->nchs = 0;
	for (r = 0; r < p->nruns; r++) {
		for (i = p->runs[r].off; i < p->runs[r].off + p->runs[r].len;
		     i += n) {
			n = pm_utf8_decode(p->text + i, p->len - i, &cp);
			if (n == 0)
				n = 1, cp = 0xFFFD;
			scan_char(l, p, (int)r, i, cp, (int)n);
		}
	}
}

static double
run_size(const struct para *p, int r)
{
	return p->nruns > 0 ? p->runs[r].st.size : 10;
}

/* Makes a line of the characters [s, e), trailing blanks dropped. */
static void
make_line(struct para *p, size_t s, size_t e, int hard_run)
{
	struct line *ln;
	struct frag *f = NULL;
	size_t i;
	double x = 0;

	while (e > s && p->chs[e - 1].space && !p->fmt.pre)
		e--;
	p->lines = pm_xrealloc(p->lines, (p->nlines + 1) * sizeof(*p->lines));
	ln = &p->lines[p->nlines++];
	memset(ln, 0, sizeof(*ln));
	ln->size = run_size(p, hard_run);
	if (s < e)
		ln->size = 0;
	for (i = s; i < e; i++) {
		const struct ch *c = &p->chs[i];

		if (c->hard)
			continue;
		if (f == NULL || f->face != c->face || f->run != c->run ||
		    f->off + f->len != c->off) {
			ln->frags = pm_xrealloc(ln->frags, (ln->nfrags + 1) *
			                                       sizeof(*f));
			f = &ln->frags[ln->nfrags++];
			f->off = c->off, f->len = 0, f->face = c->face;
			f->run = c->run, f->x = x, f->w = 0;
			if (run_size(p, c->run) > ln->size)
				ln->size = run_size(p, c->run);
		}
		f->len += (size_t)c->len;
		f->w += c->adv;
		x += c->adv;
	}
	ln->width = x;
	ln->height = ln->size * p->fmt.leading;
}

/* Where the line starting at s ends when it may be w wide: *next is where
 * the line after it starts. */
static size_t
line_end(const struct para *p, size_t s, double w, size_t *next)
{
	size_t i, bp = 0;
	int have_bp = 0;
	double x = 0;

	for (i = s; i < p->nchs; i++) {
		const struct ch *c = &p->chs[i];

		if (c->hard) {
			*next = i + 1;
			return i;
		}
		/* a hundredth of a point of slack: a column made exactly as
		 * wide as its text must not break it for rounding */
		if (!c->space && x + c->adv > w + 0.01 && i > s) {
			*next = have_bp ? bp : i;
			return *next;
		}
		x += c->adv;
		if (i + 1 < p->nchs && can_break(c, &p->chs[i + 1]))
			bp = i + 1, have_bp = 1;
	}
	*next = p->nchs;
	return p->nchs;
}

static void
break_lines(struct para *p, double w)
{
	size_t s = 0, e, next;

	free_lines(p);
	while (s < p->nchs) {
		e = line_end(p, s, w, &next);
		make_line(p, s, e, e < p->nchs ? p->chs[e].run : 0);
		s = next;
		while (s < p->nchs && p->chs[s].space && !p->fmt.pre &&
		       !p->chs[s].hard)
			s++;
	}
	if (p->nlines == 0)
		make_line(p, 0, 0, 0);
}

/* The widest line without breaking, and the widest piece that cannot be
 * broken, for sizing table columns. */
static void
para_widths(const struct para *p, double *min, double *max)
{
	size_t i;
	double line = 0, word = 0;

	*min = *max = 0;
	for (i = 0; i < p->nchs; i++) {
		const struct ch *c = &p->chs[i];

		if (c->hard) {
			line = word = 0;
			continue;
		}
		line += c->adv;
		word = c->space ? 0 : word + c->adv;
		if (line > *max)
			*max = line;
		if (word > *min)
			*min = word;
		if (i + 1 < p->nchs && can_break(c, &p->chs[i + 1]))
			word = 0;
	}
}

static double
para_height(const struct para *p, size_t from, size_t n)
{
	double h = 0;
	size_t i;

	for (i = from; i < from + n && i < p->nlines; i++)
		h += p->lines[i].height;
	return h;
}

static double
line_x(const struct para *p, const struct line *ln, double x, double w)
{
	if (p->align == PM_LA_RIGHT || p->fmt.align == PM_LA_RIGHT)
		return x + w - ln->width;
	if (p->align == PM_LA_CENTER || p->fmt.align == PM_LA_CENTER)
		return x + (w - ln->width) / 2;
	return x;
}

/* Draws line i of p with its top at y, in a box at x, w wide. */
static void
draw_line(pm_lay *l, const struct para *p, size_t i, double x, double w,
          double y)
{
	const struct line *ln = &p->lines[i];
	double base = y + (ln->height - ln->size) / 2 + ASCENT * ln->size;
	double lx = line_x(p, ln, x, w);
	size_t k;

	for (k = 0; k < ln->nfrags; k++) {
		const struct frag *f = &ln->frags[k];
		const struct run *r = &p->runs[f->run];

		add_text_item(l, lx + f->x, base, p->text + f->off, f->len,
		              f->face, &r->st);
		if (r->href != NULL)
			add_link(l, lx + f->x, y, f->w, ln->height, r->href);
	}
	if (i == 0 && p->marker != NULL && p->nruns > 0) {
		pm_lay_style st = p->runs[0].st;
		double mw;

		st.href = NULL;
		mw = pm_lay_text_width(l, p->marker, strlen(p->marker),
		                       st.style, st.size);
		pm_lay_add_text(l, x - MARKER_GAP - mw, base, p->marker,
		                strlen(p->marker), &st);
	}
}

/* Placing blocks. */

static double
frame_bottom(const pm_lay *l)
{
	return l->g.height - l->g.bottom;
}

static double
frame_width(const pm_lay *l)
{
	return l->g.width - l->g.left - l->g.right;
}

/* Takes the space owed above a block: the larger of the last block's
 * space below and this one's above, none at the top of a page. */
static void
open_space(pm_lay *l, double before)
{
	if (!l->at_top)
		l->y += l->space > before ? l->space : before;
	l->space = 0;
	l->at_top = 0;
}

static void
page_break(pm_lay *l)
{
	new_page(l);
}

/* How many lines of p from line i fit above the frame's bottom, keeping
 * at least two lines together at either end of a page break. */
static size_t
lines_fitting(const pm_lay *l, const struct para *p, size_t i, double pad)
{
	double y = l->y;
	size_t n = 0;

	while (i + n < p->nlines &&
	       y + p->lines[i + n].height + pad <= frame_bottom(l) + 0.01)
		y += p->lines[i + n++].height;
	if (i + n >= p->nlines)
		return n;
	if (n == 1 && i == 0 && p->nlines > 2)
		n = 0; /* an orphan */
	else if (p->nlines - (i + n) == 1 && n >= 2 && p->nlines > 2)
		n--; /* a widow */
	return n;
}

/* Draws a background and the bar of a paragraph's piece on this page. */
static void
para_decor(pm_lay *l, const struct para *p, size_t first_item, double top)
{
	double x = l->g.left + p->fmt.indent - p->fmt.pad;
	double w = frame_width(l) - p->fmt.indent - p->fmt.right +
	           2 * p->fmt.pad;

	if (p->fmt.has_bg) {
		pm_lay_add_rect(l, x, top, w, l->y - top, p->fmt.bg);
		move_under(l, first_item);
	}
	if (p->fmt.has_bar) {
		x = l->g.left + p->fmt.indent - 9;
		if (l->bar_page == l->cur + 1 && l->bar_x == x &&
		    l->bar_color == p->fmt.bar && l->bar_end <= top)
			top = l->bar_end;
		pm_lay_add_line(l, x, top, 0, l->y - top, 2, p->fmt.bar);
		l->bar_page = l->cur + 1, l->bar_x = x, l->bar_end = l->y;
		l->bar_color = p->fmt.bar;
	}
}

static void
place_para(pm_lay *l, struct para *p)
{
	double x = l->g.left + p->fmt.indent;
	double w = frame_width(l) - p->fmt.indent - p->fmt.right;
	double pad = p->fmt.has_bg ? p->fmt.pad : 0, top;
	size_t i = 0, n, k, first;

	open_space(l, p->fmt.before);
	while (i < p->nlines) {
		if ((n = lines_fitting(l, p, i, 2 * pad)) == 0) {
			if (l->y > l->g.top + 0.01) {
				page_break(l);
				l->at_top = 0;
				continue;
			}
			n = 1; /* taller than a page: let it overflow */
		}
		if (i == 0 && p->outline != NULL)
			add_dest(l, l->y, p->outline, p->fmt.outline_level);
		first = l->pages[l->cur].n;
		top = l->y;
		l->y += pad;
		for (k = i; k < i + n; k++) {
			draw_line(l, p, k, x, w, l->y);
			l->y += p->lines[k].height;
		}
		l->y += pad;
		para_decor(l, p, first, top);
		if ((i += n) < p->nlines) {
			page_break(l);
			l->at_top = 0;
		}
	}
	l->space = p->fmt.after;
}

/* Tables. */

static void
table_free(struct table *t)
{
	size_t i;

	if (t == NULL)
		return;
	for (i = 0; i < t->ncells; i++)
		para_free(t->cells[i]);
	para_free(t->caption);
	free(t->cells);
	free(t->widths);
	free(t->heights);
	free(t);
}

static size_t
nrows(const struct table *t)
{
	return (t->ncells + (size_t)t->ncols - 1) / (size_t)t->ncols;
}

static struct para *
cell_at(const struct table *t, size_t row, int col)
{
	size_t i = row * (size_t)t->ncols + (size_t)col;

	return i < t->ncells ? t->cells[i] : NULL;
}

/* A column is short when its widest cell, unbroken, takes at most this
 * share of the table's width: an owner, a date, a state, a ticket. */
#define SHORT_SHARE 0.25

/* The least and the widest width of each column, padding included: the
 * widest piece that cannot be broken (a header cell is never broken) and
 * the widest line unbroken. */
static void
column_widths(const struct table *t, double *mn, double *mx)
{
	double pad = 2 * t->fmt.padx, a, b;
	size_t i;
	int c;

	for (i = 0; i < t->ncells; i++) {
		c = (int)(i % (size_t)t->ncols);
		para_widths(t->cells[i], &a, &b);
		if (i / (size_t)t->ncols < (size_t)t->nhead)
			a = b;
		if (a + pad > mn[c])
			mn[c] = a + pad;
		if (b + pad > mx[c])
			mx[c] = b + pad;
	}
	for (c = 0; c < t->ncols && c < 8; c++)
		if (t->fmt.minw[c] + pad > mn[c])
			mn[c] = t->fmt.minw[c] + pad;
	for (c = 0; c < t->ncols; c++)
		if (mn[c] > mx[c])
			mx[c] = mn[c];
}

/* The least width the columns that are not kept whole together need:
 * their least, and at least half the table when they would take it. */
static double
rest_least(const struct table *t, double avail, const double *mn,
           const double *mx, const int *keep, double *rmin, double *rmax)
{
	double half = avail / 2;
	int c;

	*rmin = *rmax = 0;
	for (c = 0; c < t->ncols; c++)
		if (!keep[c])
			*rmin += mn[c], *rmax += mx[c];
	if (*rmax < half)
		half = *rmax;
	return *rmin > half ? *rmin : half;
}

/* Short columns stay on one line: their least width is their widest.
 * A line may break between any two CJK characters, so a cell of
 * Japanese has the least width of one character, and a narrow column
 * broke its words in two (期限切/れ, サポート/部門): no line-break rule
 * knows a Japanese word, but a short cell is one. The other columns
 * (the text an action or an event says) keep at least half the table;
 * while they would not, the widest short column may break again
 * ("Application / support team"). */
static void
keep_short(const struct table *t, double avail, double *mn, const double *mx)
{
	int *keep = pm_xcalloc((size_t)t->ncols, sizeof(int));
	double sum, need, rmin, rmax;
	int c, w;

	for (c = 0; c < t->ncols; c++)
		keep[c] = mx[c] <= avail * SHORT_SHARE;
	for (;;) {
		need = rest_least(t, avail, mn, mx, keep, &rmin, &rmax);
		for (sum = 0, w = -1, c = 0; c < t->ncols; c++) {
			if (!keep[c])
				continue;
			sum += mx[c];
			if (w < 0 || mx[c] > mx[w])
				w = c;
		}
		if (sum + need <= avail || w < 0)
			break;
		keep[w] = 0;
	}
	for (c = 0; c < t->ncols; c++)
		if (keep[c])
			mn[c] = mx[c];
		else if (need > rmin && rmax > rmin)
			mn[c] += (need - rmin) * (mx[c] - mn[c]) / (rmax - rmin);
	free(keep);
}

/* Column widths: each column its widest line when all fit, else the
 * room beyond the least widths shared by how much more each would like
 * (the automatic table layout of CSS), short columns kept whole. */
static void
size_columns(pm_lay *l, struct table *t)
{
	double avail = frame_width(l) - t->fmt.indent;
	double *mn = pm_xcalloc((size_t)t->ncols, sizeof(double));
	double *mx = pm_xcalloc((size_t)t->ncols, sizeof(double));
	double smin = 0, smax = 0;
	int c;

	column_widths(t, mn, mx);
	keep_short(t, avail, mn, mx);
	for (c = 0; c < t->ncols; c++)
		smin += mn[c], smax += mx[c];
	for (c = 0; c < t->ncols; c++) {
		if (t->fmt.equal)
			t->widths[c] = avail / t->ncols;
		else if (smax <= avail && t->fmt.fill > 0 &&
		         t->fmt.fill <= t->ncols)
			t->widths[c] = mx[c] + (c == t->fmt.fill - 1 ? avail - smax
			                                             : 0);
		else if (smax <= avail)
			t->widths[c] = mx[c] + (avail - smax) * mx[c] / smax;
		else if (smin < avail && smax > smin)
			t->widths[c] = mn[c] + (avail - smin) * (mx[c] - mn[c]) /
			                           (smax - smin);
		else
			t->widths[c] = avail * (smin > 0 ? mn[c] / smin
			                                 : 1.0 / t->ncols);
	}
	free(mn);
	free(mx);
}

static void
break_cells(pm_lay *l, struct table *t)
{
	size_t r, n = nrows(t);
	struct para *p;
	double h;
	int c;

	(void)l;
	for (r = 0; r < n; r++) {
		t->heights[r] = 0;
		for (c = 0; c < t->ncols; c++) {
			if ((p = cell_at(t, r, c)) == NULL)
				continue;
			break_lines(p, t->widths[c] - 2 * t->fmt.padx);
			h = para_height(p, 0, p->nlines) + 2 * t->fmt.pady;
			if (h > t->heights[r])
				t->heights[r] = h;
		}
	}
}

static uint32_t
row_fill(const struct table *t, size_t r, int *has)
{
	*has = 1;
	if ((int)r < t->nhead && t->fmt.has_head_bg)
		return t->fmt.head_bg;
	if ((int)r >= t->nhead && t->fmt.has_zebra && (r - t->nhead) % 2 == 1)
		return t->fmt.zebra;
	if (t->fmt.has_bg)
		return t->fmt.bg;
	*has = 0;
	return 0;
}

/* Lines [from[c], to[c]) of each cell of row r, in a slice h high at
 * the cursor; the rule below only under a row's last slice. */
static void
draw_slice(pm_lay *l, const struct table *t, size_t r, const size_t *from,
           const size_t *to, double h, int last)
{
	double x = l->g.left + t->fmt.indent, w = 0, y;
	uint32_t fill;
	struct para *p;
	size_t k;
	int c, has;

	for (c = 0; c < t->ncols; c++)
		w += t->widths[c];
	if ((fill = row_fill(t, r, &has)), has)
		pm_lay_add_rect(l, x, l->y, w, h, fill);
	for (c = 0; c < t->ncols; c++) {
		if ((p = cell_at(t, r, c)) != NULL) {
			y = l->y + t->fmt.pady;
			for (k = from[c]; k < to[c]; k++) {
				draw_line(l, p, k, x + t->fmt.padx,
				          t->widths[c] - 2 * t->fmt.padx, y);
				y += p->lines[k].height;
			}
		}
		x += t->widths[c];
	}
	if (t->fmt.rules && last)
		pm_lay_add_line(l, l->g.left + t->fmt.indent, l->y + h, w, 0,
		                (int)r == t->nhead - 1 ? 0.9 : 0.4,
		                t->fmt.rule_color);
	l->y += h;
}

static void
draw_row(pm_lay *l, const struct table *t, size_t r)
{
	size_t *from = pm_xcalloc((size_t)t->ncols, 2 * sizeof(size_t));
	size_t *to = from + t->ncols;
	struct para *p;
	int c;

	for (c = 0; c < t->ncols; c++)
		to[c] = (p = cell_at(t, r, c)) != NULL ? p->nlines : 0;
	draw_slice(l, t, r, from, to, t->heights[r], 1);
	free(from);
}

/* The height of the header rows repeated on each page. */
static double
head_height(const struct table *t)
{
	double h = 0;
	int r;

	for (r = 0; r < t->nrepeat && (size_t)r < nrows(t); r++)
		h += t->heights[r];
	return h;
}

/* The caption and the header rows drawn at the top of each page the
 * table continues on. */
static double
cont_height(const struct table *t)
{
	const struct para *p = t->caption;

	if (p == NULL)
		return head_height(t);
	return para_height(p, 0, p->nlines) + p->fmt.after + head_height(t);
}

static double
table_height(const struct table *t)
{
	double h = 0;
	size_t r;

	for (r = 0; r < nrows(t); r++)
		h += t->heights[r];
	return h;
}

/* A header repeats when it takes at most a third of a page: a taller
 * one (a long header cell in a narrow column) would leave little or no
 * room for the rows it heads, and one taller than a page was drawn over
 * the footer on every page while no body row was ever placed. It is
 * then drawn once, split across pages like any tall row. */
static void
choose_repeat(const pm_lay *l, struct table *t)
{
	double h = 0;
	int r;

	for (r = 0; r < t->nhead && (size_t)r < nrows(t); r++)
		h += t->heights[r];
	t->nrepeat = h <= (frame_bottom(l) - l->g.top) / 3 ? t->nhead : 0;
}

static void
table_page_break(pm_lay *l, const struct table *t)
{
	const struct para *p = t->caption;
	double x = l->g.left + t->fmt.indent;
	size_t k;
	int r;

	page_break(l);
	l->at_top = 0;
	for (k = 0; p != NULL && k < p->nlines; k++) {
		draw_line(l, p, k, x, frame_width(l) - t->fmt.indent, l->y);
		l->y += p->lines[k].height;
	}
	if (p != NULL)
		l->y += p->fmt.after;
	for (r = 0; r < t->nrepeat; r++)
		draw_row(l, t, (size_t)r);
}

/* How many lines of cell p from line i fit in height room (at least one
 * when force, so that a slice always moves on). */
static size_t
cell_lines_fitting(const struct para *p, size_t i, double room, int force,
                   double *h)
{
	size_t n = 0;

	*h = 0;
	while (i + n < p->nlines && *h + p->lines[i + n].height <= room + 0.01)
		*h += p->lines[i + n++].height;
	if (n == 0 && force && i < p->nlines)
		*h = p->lines[i + n++].height;
	return n;
}

/* Row r, taller than a page, in slices: as many lines of each cell as
 * fit on the page, then the rest after the header rows on the next. */
static void
split_row(pm_lay *l, const struct table *t, size_t r)
{
	size_t *from = pm_xcalloc((size_t)t->ncols, 2 * sizeof(size_t));
	size_t *to = from + t->ncols;
	double room, h, hc;
	int c, done, force;
	struct para *p;

	for (;;) {
		room = frame_bottom(l) - l->y - 2 * t->fmt.pady;
		force = l->y <= l->g.top + cont_height(t) + 0.01;
		h = 0, done = 1;
		for (c = 0; c < t->ncols; c++) {
			if ((p = cell_at(t, r, c)) == NULL)
				continue;
			to[c] = from[c] + cell_lines_fitting(p, from[c], room,
			                                     force, &hc);
			if (hc > h)
				h = hc;
			if (to[c] < p->nlines)
				done = 0;
		}
		draw_slice(l, t, r, from, to, h + 2 * t->fmt.pady, done);
		if (done)
			break;
		memcpy(from, to, (size_t)t->ncols * sizeof(*from));
		table_page_break(l, t);
	}
	free(from);
}

/* Two lines of body text and the cell padding: less room than this at
 * the foot of a page is not worth starting a split row in. */
static double
min_slice(const struct table *t, size_t r)
{
	const struct para *p;
	double h = 0, hc;
	int c;

	for (c = 0; c < t->ncols; c++)
		if ((p = cell_at(t, r, c)) != NULL) {
			hc = para_height(p, 0, 2);
			if (hc > h)
				h = hc;
		}
	return h + 2 * t->fmt.pady;
}

/* Would row r, the last but one, fit here but leave the last row alone
 * on the next page? Then both go there, when two rows stay behind. */
static int
widow_row(const pm_lay *l, const struct table *t, size_t r, size_t body)
{
	return r + 2 == nrows(t) && body >= 2 &&
	       l->y + t->heights[r] + t->heights[r + 1] >
	           frame_bottom(l) + 0.01;
}

/* What of a table must fit on the page it starts on: a small one whole,
 * else the header rows and the first body rows (a row taller than a
 * page only its first lines), so that no header stands alone at the
 * foot of a page. */
static double
table_start(const pm_lay *l, const struct table *t)
{
	double page = frame_bottom(l) - l->g.top, h = head_height(t);
	size_t r, n = nrows(t), body = n - (size_t)t->nhead;

	if (t->nrepeat == 0 && t->nhead > 0)
		return min_slice(t, 0); /* the header splits like a body row */
	if ((size_t)t->nhead >= n)
		return h;
	if (body <= KEEP_ROWS && table_height(t) <= page + 0.01)
		return table_height(t);
	page -= cont_height(t);
	for (r = (size_t)t->nhead; r < n && r < (size_t)t->nhead + FIRST_ROWS;
	     r++) {
		if (t->heights[r] > page + 0.01)
			return h + min_slice(t, r); /* split anyway */
		h += t->heights[r];
	}
	return h;
}

static void
place_table(pm_lay *l, struct table *t)
{
	size_t r, n = nrows(t), body = 0;
	double first, page;

	open_space(l, t->fmt.before);
	first = table_start(l, t);
	page = frame_bottom(l) - l->g.top - cont_height(t);
	if (l->y + first > frame_bottom(l) + 0.01 && l->y > l->g.top + 0.01) {
		page_break(l);
		l->at_top = 0;
	}
	for (r = 0; r < n; r++) {
		if ((int)r >= t->nrepeat && t->heights[r] > page + 0.01) {
			if (l->y + min_slice(t, r) > frame_bottom(l) + 0.01)
				table_page_break(l, t);
			split_row(l, t, r);
			body++;
			continue;
		}
		if ((int)r >= t->nrepeat &&
		    (body > 0 || (t->nrepeat == 0 && r > 0)) &&
		    (l->y + t->heights[r] > frame_bottom(l) + 0.01 ||
		     widow_row(l, t, r, body))) {
			table_page_break(l, t);
			body = 0;
		}
		draw_row(l, t, r);
		if ((int)r >= t->nhead)
			body++;
	}
	l->space = t->fmt.after;
}

/* The block queue: a block marked keep waits for the next one, and both
 * go to a new page unless the first lines of the next fit with it. */

static double
block_head(const pm_lay *l, const struct block *b)
{
	const struct table *t;
	const struct para *p;
	double h;

	switch (b->kind) {
	case B_PARA:
		p = b->para;
		h = para_height(p, 0, p->nlines > 2 ? 2 : p->nlines);
		return p->fmt.before + h + (p->fmt.has_bg ? 2 * p->fmt.pad : 0);
	case B_TABLE:
		t = b->table;
		return t->fmt.before + table_start(l, t);
	case B_FIGURE:
		return b->before + b->h;
	default:
		return 0;
	}
}

static double
block_height(const pm_lay *l, const struct block *b)
{
	if (b->kind == B_PARA)
		return b->para->fmt.before + b->para->fmt.after +
		       para_height(b->para, 0, b->para->nlines) +
		       (b->para->fmt.has_bg ? 2 * b->para->fmt.pad : 0);
	if (b->kind == B_TABLE)
		return b->table->fmt.before + b->table->fmt.after +
		       table_height(b->table);
	return block_head(l, b) + b->after;
}

static void
place_figure(pm_lay *l, struct block *b)
{
	if (!l->at_top &&
	    l->y + (l->space > b->before ? l->space : b->before) + b->h >
	        frame_bottom(l))
		page_break(l);
	open_space(l, b->before);
	b->draw(b->arg, l, l->g.left, l->y, frame_width(l));
	l->y += b->h;
	l->space = b->after;
}

static void
place(pm_lay *l, struct block *b)
{
	/* anything but a quote's paragraph or space ends the quote's bar */
	if (b->kind != B_SPACE && (b->kind != B_PARA || !b->para->fmt.has_bar))
		l->bar_page = 0;
	switch (b->kind) {
	case B_PARA:
		place_para(l, b->para);
		break;
	case B_TABLE:
		place_table(l, b->table);
		break;
	case B_FIGURE:
		place_figure(l, b);
		break;
	case B_SPACE:
		if (!l->at_top)
			l->space += b->h;
		break;
	case B_BREAK:
		if (!l->at_top)
			page_break(l);
		break;
	}
}

static void
block_free(struct block *b)
{
	para_free(b->para);
	table_free(b->table);
	free(b);
}

/* Places the queue and b, after a page break when the queue and the start
 * of b would not fit on what is left of this page. */
static void
flush(pm_lay *l, struct block *b)
{
	double need = 0;
	size_t i;

	if (l->nqueue > 0) {
		for (i = 0; i < l->nqueue; i++)
			need += block_height(l, l->queue[i]);
		if (b != NULL)
			need += block_head(l, b);
		if (!l->at_top && l->y + need > frame_bottom(l))
			page_break(l);
	}
	for (i = 0; i < l->nqueue; i++) {
		place(l, l->queue[i]);
		block_free(l->queue[i]);
	}
	l->nqueue = 0;
	if (b != NULL) {
		place(l, b);
		block_free(b);
	}
}

static void
submit(pm_lay *l, struct block *b)
{
	if (l->npages == 0)
		new_page(l);
	if (b->keep && b->kind != B_BREAK) {
		l->queue = pm_xrealloc(l->queue,
		                       (l->nqueue + 1) * sizeof(*l->queue));
		l->queue[l->nqueue++] = b;
		return;
	}
	flush(l, b);
}

/* The interface. */

pm_lay *
pm_lay_new(const pm_lay_page_geom *g, pm_lay_glyph_fn *glyph, void *arg)
{
	pm_lay *l = pm_xcalloc(1, sizeof(*l));

	l->g = *g;
	l->glyph = glyph;
	l->arg = arg;
	return l;
}

void
pm_lay_free(pm_lay *l)
{
	size_t i, k;

	if (l == NULL)
		return;
	for (i = 0; i < l->nqueue; i++)
		block_free(l->queue[i]);
	free(l->queue);
	para_free(l->para);
	table_free(l->table);
	for (i = 0; i < l->npages; i++) {
		for (k = 0; k < l->pages[i].n; k++)
			free(l->pages[i].items[k].text);
		free(l->pages[i].items);
	}
	free(l->pages);
	free(l);
}

void
pm_lay_para_begin(pm_lay *l, const pm_lay_para *fmt)
{
	para_free(l->para);
	l->para = para_new(fmt);
}

void
pm_lay_run(pm_lay *l, const char *s, size_t n, const pm_lay_style *st)
{
	struct para *p = l->para;

	if (l->table != NULL && l->table->ncells > 0)
		p = l->table->cells[l->table->ncells - 1];
	else if (l->table != NULL)
		p = l->table->caption;
	if (p != NULL)
		para_run(p, s, n, st);
}

void
pm_lay_para_end(pm_lay *l)
{
	struct block *b = pm_xcalloc(1, sizeof(*b));
	struct para *p = l->para;

	l->para = NULL;
	if (p == NULL) {
		free(b);
		return;
	}
	scan(l, p);
	break_lines(p, frame_width(l) - p->fmt.indent - p->fmt.right);
	b->kind = B_PARA;
	b->para = p;
	b->keep = p->fmt.keep;
	submit(l, b);
}

void
pm_lay_table_begin(pm_lay *l, int ncols, int nhead, const pm_lay_table *fmt)
{
	struct table *t = pm_xcalloc(1, sizeof(*t));

	table_free(l->table);
	t->fmt = *fmt;
	if (t->fmt.leading <= 0)
		t->fmt.leading = DEFAULT_LEADING;
	t->ncols = ncols > 0 ? ncols : 1;
	t->nhead = nhead;
	l->table = t;
}

void
pm_lay_table_caption(pm_lay *l, const pm_lay_para *fmt)
{
	if (l->table != NULL && l->table->ncells == 0 &&
	    l->table->caption == NULL)
		l->table->caption = para_new(fmt);
}

void
pm_lay_cell(pm_lay *l, enum pm_lay_align align, const pm_lay_para *fmt)
{
	struct table *t = l->table;
	struct para *p;

	if (t == NULL)
		return;
	p = para_new(fmt);
	if (fmt == NULL)
		p->fmt.leading = t->fmt.leading;
	p->align = align;
	t->cells = pm_xrealloc(t->cells, (t->ncells + 1) * sizeof(*t->cells));
	t->cells[t->ncells++] = p;
}

void
pm_lay_table_end(pm_lay *l)
{
	struct table *t = l->table;
	struct block *b;
	size_t i;

	l->table = NULL;
	if (t == NULL || t->ncells == 0) {
		table_free(t);
		return;
	}
	for (i = 0; i < t->ncells; i++)
		scan(l, t->cells[i]);
	if (t->caption != NULL) {
		scan(l, t->caption);
		break_lines(t->caption, frame_width(l) - t->fmt.indent);
	}
	t->widths = pm_xcalloc((size_t)t->ncols, sizeof(double));
	t->heights = pm_xcalloc(nrows(t), sizeof(double));
	size_columns(l, t);
	break_cells(l, t);
	choose_repeat(l, t);
	b = pm_xcalloc(1, sizeof(*b));
	b->kind = B_TABLE;
	b->table = t;
	b->keep = t->fmt.keep;
	submit(l, b);
}

void
pm_lay_figure(pm_lay *l, double h, double before, double after,
              pm_lay_draw_fn *draw, void *arg)
{
	struct block *b = pm_xcalloc(1, sizeof(*b));

	b->kind = B_FIGURE;
	b->h = h, b->before = before, b->after = after;
	b->draw = draw, b->arg = arg;
	submit(l, b);
}

void
pm_lay_space(pm_lay *l, double h)
{
	struct block *b = pm_xcalloc(1, sizeof(*b));

	b->kind = B_SPACE;
	b->h = h;
	b->keep = l->nqueue > 0;
	submit(l, b);
}

void
pm_lay_page_break(pm_lay *l)
{
	struct block *b = pm_xcalloc(1, sizeof(*b));

	b->kind = B_BREAK;
	submit(l, b);
}

/* Draws (when draw is set) or measures s from x: one item per stretch of
 * characters in the same face. Returns the x it ends at. */
static double
text_pieces(pm_lay *l, const char *s, size_t n, unsigned style, double size,
            double x, double y, const pm_lay_style *draw)
{
	size_t i = 0, len, start = 0;
	int32_t cp;
	int face, cur = -1;
	double adv, x0 = x;

	while (i < n) {
		if ((len = pm_utf8_decode(s + i, n - i, &cp)) == 0)
			len = 1, cp = 0xFFFD;
		face = l->glyph(l->arg, style, cp, &adv);
		if (face != cur) {
			if (draw != NULL && cur >= 0 && i > start)
				add_text_item(l, x0, y, s + start, i - start,
				              cur, draw);
			start = i, cur = face, x0 = x;
		}
		if (face >= 0)
			x += adv / 1000.0 * size;
		i += len;
	}
	if (draw != NULL && cur >= 0 && n > start)
		add_text_item(l, x0, y, s + start, n - start, cur, draw);
	return x;
}

double
pm_lay_add_text(pm_lay *l, double x, double y, const char *s, size_t n,
                const pm_lay_style *st)
{
	return text_pieces(l, s, n, st->style, st->size, x, y, st) - x;
}

double
pm_lay_text_width(pm_lay *l, const char *s, size_t n, unsigned style,
                  double size)
{
	return text_pieces(l, s, n, style, size, 0, 0, NULL);
}

size_t
pm_lay_text_fit(pm_lay *l, const char *s, size_t n, unsigned style,
                double size, double w)
{
	size_t i = 0, len;
	int32_t cp;
	double adv, x = 0;

	while (i < n) {
		if ((len = pm_utf8_decode(s + i, n - i, &cp)) == 0)
			len = 1, cp = 0xFFFD;
		if (l->glyph(l->arg, style, cp, &adv) >= 0)
			x += adv / 1000.0 * size;
		if (x > w)
			break;
		i += len;
	}
	return i;
}

void
pm_lay_finish(pm_lay *l)
{
	if (l->npages == 0)
		new_page(l);
	flush(l, NULL);
}

size_t
pm_lay_npages(const pm_lay *l)
{
	return l->npages;
}

const pm_lay_pageout *
pm_lay_page(const pm_lay *l, size_t i)
{
	return i < l->npages ? &l->pages[i] : NULL;
}

void
pm_lay_goto(pm_lay *l, size_t i)
{
	if (i < l->npages)
		l->cur = i;
}

const pm_lay_page_geom *
pm_lay_geom(const pm_lay *l)
{
	return &l->g;
}

double
pm_lay_cursor(const pm_lay *l)
{
	return l->y;
}
