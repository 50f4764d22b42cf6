/* render_pdf.c: the pdf back end: the intermediate form turned into
 * layout calls (sections, prose, lists, tables, timeline, five whys,
 * follow-ups), then drawn by the PDF device. The title-page top and the
 * page frames are in pdf_front.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "ir.h"
#include "names.h"
#include "pdf.h"
#include "pdf_ctx.h"
#include "utf8.h"

#define MAX_DEPTH 12 /* deeper blocks keep the indentation of this one */
#define INDENT 16.0

static void blocks(pm_pdf_ctx *, const xmlNode *parent, double indent);

/* Struck-out text (GitHub's ~~strikethrough~~): the layout draws no line
 * through a run, so it is greyed. */
#define PM_C_DEL 0x8A8A8Au

const char *
pm_pdf_label2(const pm_pdf_ctx *c, const char *prefix, const char *key)
{
	char k[96];

	snprintf(k, sizeof(k), "%s.%s", prefix, key ? key : "");
	return pm_label(c->lab, k);
}

pm_lay_style
pm_pdf_style(const pm_pdf_ctx *c, unsigned style, double scale,
             uint32_t color)
{
	pm_lay_style st = {style, c->size * scale, color, NULL};

	return st;
}

void
pm_pdf_text(pm_pdf_ctx *c, const char *s, const pm_lay_style *st)
{
	if (s != NULL)
		pm_lay_run(c->lay, s, strlen(s), st);
}

/* Appends s with its spaces made non-breaking: a date or a time in a
 * table cell stays on one line. */
static void
nbsp_run(pm_pdf_ctx *c, const char *s, size_t n, const pm_lay_style *st)
{
	pm_buf b = {0};
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] == ' ')
			pm_buf_puts(&b, "\u00a0");
		else
			pm_buf_putc(&b, s[i]);
	pm_lay_run(c->lay, b.data ? b.data : "", b.len, st);
	pm_buf_free(&b);
}

/* Inline text. */

static int
wide_at(const char *s, size_t n)
{
	int32_t cp;

	if (pm_utf8_decode(s, n, &cp) == 0)
		return 0;
	return (cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF00 && cp <= 0xFF60);
}

/* The start of the character before s[i]. */
static size_t
char_before(const char *s, size_t i)
{
	while (i > 0 && ((unsigned char)s[--i] & 0xC0) == 0x80)
		;
	return i;
}

/* A soft line break is a space, except between two CJK characters, where
 * writers break lines without meaning one. */
static void
soft_text(pm_pdf_ctx *c, const char *s, const pm_lay_style *st)
{
	size_t n = strlen(s), i, start = 0, b;

	for (i = 0; i < n; i++) {
		if (s[i] != '\n')
			continue;
		pm_lay_run(c->lay, s + start, i - start, st);
		b = char_before(s, i);
		if (!(i > 0 && i + 1 < n && wide_at(s + b, n - b) &&
		      wide_at(s + i + 1, n - i - 1)))
			pm_lay_run(c->lay, " ", 1, st);
		start = i + 1;
	}
	pm_lay_run(c->lay, s + start, n - start, st);
}

/* The style a text node gets from the inline elements around it, up to
 * the block node top. */
static pm_lay_style
inline_style(const xmlNode *n, const xmlNode *top, pm_lay_style st)
{
	for (n = n->parent; n != NULL && n != top; n = n->parent) {
		switch (pm_ir_kind(n)) {
		case PM_EL_EM:
			st.style |= PM_FS_ITALIC;
			break;
		case PM_EL_STRONG:
			st.style |= PM_FS_BOLD;
			break;
		case PM_EL_CODE:
			st.style |= PM_FS_MONO;
			break;
		case PM_EL_DEL:
			st.color = PM_C_DEL;
			break;
		case PM_EL_LINK:
			if (st.href == NULL) {
				st.href = pm_ir_get(n, "href");
				st.color = PM_C_LINK;
			}
			break;
		case PM_EL_INTERNAL_SPAN:
			break; /* the team's version: as the text around */
		default:
			pm_ir_unhandled(n, "the PDF back end (inline style)");
		}
	}
	if (st.style & PM_FS_MONO)
		st.size *= 0.9;
	return st;
}

/* An inline element under the block node top: the elements that stand
 * for text of their own; the others style their text (inline_style). */
static void
inline_el(pm_pdf_ctx *c, const xmlNode *n, const xmlNode *top,
          const pm_lay_style *base)
{
	pm_lay_style st;

	switch (pm_ir_kind(n)) {
	case PM_EL_BR:
		pm_lay_run(c->lay, "\n", 1, base);
		break;
	case PM_EL_FNREF:
		if (pm_ir_get(n, "n") == NULL)
			break;
		/* GitHub's superscript number, as "[1]" */
		st = inline_style(n, top, *base);
		st.color = PM_C_LINK;
		pm_pdf_text(c, "[", &st);
		pm_pdf_text(c, pm_ir_get(n, "n"), &st);
		pm_pdf_text(c, "]", &st);
		break;
	case PM_EL_IMAGE:
		if (pm_ir_get(n, "alt") == NULL)
			break;
		st = inline_style(n, top, *base);
		st.style |= PM_FS_ITALIC;
		pm_pdf_text(c, "[", &st);
		pm_pdf_text(c, pm_ir_get(n, "alt"), &st);
		pm_pdf_text(c, "]", &st);
		break;
	case PM_EL_EM:
	case PM_EL_STRONG:
	case PM_EL_CODE:
	case PM_EL_DEL:
	case PM_EL_LINK:
	case PM_EL_INTERNAL_SPAN:
		break;
	default:
		pm_ir_unhandled(n, "the PDF back end (inlines)");
	}
}

void
pm_pdf_inlines(pm_pdf_ctx *c, const xmlNode *node, const pm_lay_style *base)
{
	const xmlNode *n;
	pm_lay_style st;

	if (node == NULL)
		return;
	for (n = node->children; n != NULL;
	     n = pm_ir_walk(n, node, n->type == XML_ELEMENT_NODE)) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			st = inline_style(n, node, *base);
			if (n->content != NULL)
				soft_text(c, (const char *)n->content, &st);
		} else if (n->type == XML_ELEMENT_NODE) {
			inline_el(c, n, node, base);
		}
	}
}

/* Paragraph-like blocks. */

static pm_lay_para
para_fmt(pm_pdf_ctx *c, double indent)
{
	pm_lay_para f = {0};

	f.indent = indent;
	f.after = c->tight ? c->size * 0.25 : c->size * 0.6;
	f.leading = c->leading;
	f.marker = c->marker;
	c->marker = NULL;
	if (c->has_bar) {
		f.has_bar = 1;
		f.bar = c->bar;
	}
	return f;
}

static void
paragraph(pm_pdf_ctx *c, const xmlNode *n, double indent)
{
	pm_lay_para f = para_fmt(c, indent);
	pm_lay_style st = pm_pdf_style(c, 0, 1, PM_C_INK);

	pm_lay_para_begin(c->lay, &f);
	pm_pdf_inlines(c, n, &st);
	pm_lay_para_end(c->lay);
}

/* A heading with the look of its level; level 2 is a section. An outline
 * entry when outline is set. */
static void
heading(pm_pdf_ctx *c, int level, double indent, const char *outline)
{
	pm_lay_para f = para_fmt(c, indent);

	if (level < 2)
		level = 2;
	if (level > 6)
		level = 6;
	f.keep = 1;
	f.leading = 1.3;
	f.before = level == 2 ? c->size * 2.0 : c->size * 1.2;
	f.after = level == 2 ? c->size * 0.7 : c->size * 0.4;
	f.outline = outline;
	f.outline_level = level == 2 ? 1 : 2;
	pm_lay_para_begin(c->lay, &f);
}

static pm_lay_style
heading_style(const pm_pdf_ctx *c, int level)
{
	static const double scale[] = {1.45, 1.2, 1.08, 1.0, 1.0};

	if (level < 2)
		level = 2;
	if (level > 6)
		level = 6;
	return pm_pdf_style(c, PM_FS_BOLD, scale[level - 2],
	                    level == 2 ? PM_C_HEAD : PM_C_INK);
}

/* The text of a heading as a plain string, for the outline. */
static char *
plain(const xmlNode *n)
{
	char *s = pm_ir_content(n);
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		if (s[i] == '\n')
			s[i] = ' ';
	return s;
}

static void
subheading(pm_pdf_ctx *c, const xmlNode *n, double indent)
{
	const char *lv = pm_ir_get(n, "level");
	int level = lv ? atoi(lv) : 3;
	char *title = plain(n);
	pm_lay_style st = heading_style(c, level);

	heading(c, level, indent, level == 3 ? title : NULL);
	pm_pdf_inlines(c, n, &st);
	pm_lay_para_end(c->lay);
	free(title);
}

/* Code: spaces kept, tabs to the next stop of four. */
static void
code_block(pm_pdf_ctx *c, const xmlNode *n, double indent)
{
	pm_lay_para f = para_fmt(c, indent + 6);
	pm_lay_style st = pm_pdf_style(c, PM_FS_MONO, 0.85, PM_C_INK);
	char *s = pm_ir_content(n);
	size_t len = strlen(s), i, col = 0;
	pm_buf b = {0};

	while (len > 0 && s[len - 1] == '\n')
		len--;
	for (i = 0; i < len; i++) {
		if (s[i] == '\t') {
			do
				pm_buf_putc(&b, ' ');
			while (++col % 4 != 0);
			continue;
		}
		pm_buf_putc(&b, s[i]);
		col = s[i] == '\n' ? 0 : col + ((s[i] & 0xC0) != 0x80);
	}
	f.pre = 1;
	f.has_bg = 1;
	f.bg = PM_C_CODE;
	f.pad = 6;
	f.leading = 1.35;
	f.before = c->size * 0.3;
	f.after = c->size * 0.9;
	pm_lay_para_begin(c->lay, &f);
	pm_lay_run(c->lay, b.data ? b.data : "", b.len, &st);
	pm_lay_para_end(c->lay);
	pm_buf_free(&b);
	free(s);
}

/* Containers. */

static void
list(pm_pdf_ctx *c, const xmlNode *l, double indent)
{
	const char *type = pm_ir_get(l, "type"), *start = pm_ir_get(l, "start");
	const char *task, *t = pm_ir_get(l, "tight");
	int ordered = type != NULL && strcmp(type, "ordered") == 0;
	int tight = t != NULL && strcmp(t, "true") == 0;
	long num = start ? strtol(start, NULL, 10) : 1;
	char marker[32];
	const xmlNode *it;

	for (it = pm_ir_first(l, PM_EL_ITEM); it;
	     it = pm_ir_next(it, PM_EL_ITEM)) {
		task = pm_ir_get(it, "task");
		if (task != NULL)
			snprintf(marker, sizeof(marker), "%s",
			         strcmp(task, "done") == 0 ? "\u2611" : "\u2610");
		else if (ordered)
			snprintf(marker, sizeof(marker), "%ld.", num++);
		else
			snprintf(marker, sizeof(marker), "%s",
			         c->lists % 2 ? "\u2013" : "\u2022");
		c->marker = marker;
		c->lists++;
		c->tight += tight;
		blocks(c, it, indent + INDENT);
		c->tight -= tight;
		c->lists--;
		if (c->marker != NULL) { /* an empty item */
			pm_lay_para f = para_fmt(c, indent + INDENT);

			pm_lay_para_begin(c->lay, &f);
			pm_lay_run(c->lay, " ", 1, &(pm_lay_style){0, c->size,
			                                           PM_C_INK, NULL});
			pm_lay_para_end(c->lay);
		}
	}
	c->marker = NULL;
	if (tight && c->lists == 0)
		pm_lay_space(c->lay, c->size * 0.4);
}

static void
quote(pm_pdf_ctx *c, const xmlNode *q, double indent, uint32_t bar,
      const char *label)
{
	pm_lay_para f;
	pm_lay_style st = pm_pdf_style(c, PM_FS_BOLD, 0.8, bar);

	if (label != NULL) {
		f = para_fmt(c, indent + 12);
		f.keep = 1;
		f.after = 2;
		pm_lay_para_begin(c->lay, &f);
		pm_pdf_text(c, label, &st);
		pm_lay_para_end(c->lay);
	}
	c->bar = bar;
	c->has_bar++;
	blocks(c, q, indent + 12);
	c->has_bar--;
}

/* A table of the prose. */
static void
table(pm_pdf_ctx *c, const xmlNode *t, double indent)
{
	pm_lay_table f = {0};
	const xmlNode *r, *cell;
	const char *al, *head;
	int ncols = 0, n, nhead = 0, is_head;
	pm_lay_style st;
	enum pm_lay_align a;

	for (r = pm_ir_first(t, PM_EL_ROW); r; r = pm_ir_next(r, PM_EL_ROW)) {
		for (n = 0, cell = pm_ir_first(r, PM_EL_CELL); cell;
		     cell = pm_ir_next(cell, PM_EL_CELL))
			n++;
		if (n > ncols)
			ncols = n;
		head = pm_ir_get(r, "head");
		if (head && strcmp(head, "true") == 0 && nhead == 0 &&
		    r == pm_ir_first(t, PM_EL_ROW))
			nhead = 1;
	}
	if (ncols == 0)
		return;
	f.indent = indent;
	f.before = c->size * 0.3, f.after = c->size;
	f.padx = 5, f.pady = 3.5;
	f.rules = 1, f.rule_color = PM_C_RULE;
	f.has_head_bg = 1, f.head_bg = PM_C_TINT;
	f.leading = 1.3;
	pm_lay_table_begin(c->lay, ncols, nhead, &f);
	for (r = pm_ir_first(t, PM_EL_ROW); r; r = pm_ir_next(r, PM_EL_ROW)) {
		is_head = r == pm_ir_first(t, PM_EL_ROW) && nhead;
		n = 0;
		for (cell = pm_ir_first(r, PM_EL_CELL); cell;
		     cell = pm_ir_next(cell, PM_EL_CELL), n++) {
			al = pm_ir_get(cell, "align");
			a = al && strcmp(al, "right") == 0    ? PM_LA_RIGHT
			    : al && strcmp(al, "center") == 0 ? PM_LA_CENTER
			                                      : PM_LA_LEFT;
			st = pm_pdf_style(c, is_head ? PM_FS_BOLD : 0, 0.9,
			                  PM_C_INK);
			pm_lay_cell(c->lay, a, NULL);
			pm_pdf_inlines(c, cell, &st);
		}
		for (; n < ncols; n++)
			pm_lay_cell(c->lay, PM_LA_LEFT, NULL);
	}
	pm_lay_table_end(c->lay);
}

static void
rule_draw(void *arg, pm_lay *lay, double x, double y, double w)
{
	(void)arg;
	pm_lay_add_line(lay, x + w * 0.3, y + 0.5, w * 0.4, 0, 0.6, PM_C_RULE);
}

/* The timeline, the five whys and the follow-ups. */

/* Body blocks of an event or action inside a table cell: each paragraph
 * or list item on a line of its own. */
static void
cell_body(pm_pdf_ctx *c, const xmlNode *body, const pm_lay_style *st)
{
	const xmlNode *n, *it, *p;

	for (n = body ? body->children : NULL; n; n = n->next) {
		if (pm_ir_is(n, PM_EL_LIST)) {
			for (it = pm_ir_first(n, PM_EL_ITEM); it;
			     it = pm_ir_next(it, PM_EL_ITEM))
				for (p = pm_ir_first(it, PM_EL_P); p;
				     p = pm_ir_next(p, PM_EL_P)) {
					pm_pdf_text(c, "\n\u2022 ", st);
					pm_pdf_inlines(c, p, st);
				}
		} else if (pm_ir_is(n, PM_EL_P)) {
			pm_pdf_text(c, "\n", st);
			pm_pdf_inlines(c, n, st);
		}
	}
}

/* The details of an event or action inside its cell, "Label: text"
 * each on a line of its own, the label in the muted style ls. */
static void
cell_details(pm_pdf_ctx *c, const xmlNode *e, const pm_lay_style *st,
             const pm_lay_style *ls)
{
	const xmlNode *d;
	const char *label;

	for (d = pm_ir_first(e, PM_EL_DETAIL); d;
	     d = pm_ir_next(d, PM_EL_DETAIL)) {
		label = pm_ir_get(d, "label");
		pm_pdf_text(c, "\n", st);
		pm_pdf_text(c, label ? label : "", ls);
		pm_pdf_text(c, ": ", ls);
		pm_pdf_inlines(c, d, st);
	}
}

static pm_lay_table
data_table(const pm_pdf_ctx *c)
{
	pm_lay_table f = {0};

	f.before = c->size * 0.3, f.after = c->size;
	f.padx = 5, f.pady = 4;
	f.rules = 1, f.rule_color = PM_C_RULE;
	f.has_head_bg = 1, f.head_bg = PM_C_TINT;
	f.leading = 1.3;
	return f;
}

static void
head_cells(pm_pdf_ctx *c, const char *const *keys, size_t n)
{
	pm_lay_style st = pm_pdf_style(c, PM_FS_BOLD, 0.85, PM_C_HEAD);
	size_t i;

	for (i = 0; i < n; i++) {
		pm_lay_cell(c->lay, PM_LA_LEFT, NULL);
		pm_pdf_text(c, pm_label(c->lab, keys[i]), &st);
	}
}

static uint32_t
kind_color(const char *kind)
{
	if (kind == NULL)
		return PM_C_MUTED;
	if (strcmp(kind, "started") == 0 || strcmp(kind, "detected") == 0)
		return PM_C_BAD;
	if (strcmp(kind, "mitigated") == 0 || strcmp(kind, "resolved") == 0)
		return PM_C_OK;
	return PM_C_WARN;
}

static void
event_row(pm_pdf_ctx *c, const xmlNode *e, int day, int kinds)
{
	pm_lay_style st = pm_pdf_style(c, 0, 0.9, PM_C_INK);
	pm_lay_style ts = pm_pdf_style(c, 0, 0.9, PM_C_MUTED);
	const char *kind = pm_ir_get(e, "kind");
	pm_buf b = {0};

	if (pm_fmt_datetime(&b, pm_ir_get(e, "at"), c->fam,
	                    day ? PM_DT_TIME : PM_DT_SHORT) < 0)
		pm_buf_puts(&b, pm_ir_get(e, "at") ? pm_ir_get(e, "at") : "");
	pm_lay_cell(c->lay, PM_LA_LEFT, NULL);
	nbsp_run(c, b.data ? b.data : "", b.len, &ts);
	pm_buf_free(&b);
	if (kinds) {
		pm_lay_style ks = pm_pdf_style(c, PM_FS_BOLD, 0.8,
		                               kind_color(kind));

		pm_lay_cell(c->lay, PM_LA_LEFT, NULL);
		if (kind != NULL)
			pm_pdf_text(c, pm_pdf_label2(c, "kind", kind), &ks);
	}
	pm_lay_cell(c->lay, PM_LA_LEFT, NULL);
	pm_pdf_inlines(c, pm_ir_first(e, PM_EL_TEXT), &st);
	cell_details(c, e, &st, &ts);
	cell_body(c, pm_ir_first(e, PM_EL_BODY), &st);
}

/* The widest kind label, so that the timeline's tables (one per date
 * heading) line up. */
static double
kinds_width(pm_pdf_ctx *c)
{
	const char *l;
	double w, max = 0;
	size_t i;

	for (i = 0; pm_event_kinds[i] != NULL; i++) {
		l = pm_pdf_label2(c, "kind", pm_event_kinds[i]);
		w = pm_lay_text_width(c->lay, l, strlen(l), PM_FS_BOLD,
		                      c->size * 0.8);
		if (w > max)
			max = w;
	}
	return max;
}

/* The heading right above a timeline (a day, "### 2022-04-27"), or NULL:
 * repeated above the timeline's header row on each page it continues
 * on, so that a page of times says which day they are on. */
static void
day_caption(pm_pdf_ctx *c, const xmlNode *tl)
{
	const xmlNode *h = tl->prev;
	const char *lv;
	pm_lay_style st;
	pm_lay_para f = {0};

	while (h != NULL && h->type != XML_ELEMENT_NODE)
		h = h->prev;
	if (!pm_ir_is(h, PM_EL_HEADING))
		return;
	lv = pm_ir_get(h, "level");
	st = heading_style(c, lv ? atoi(lv) : 3);
	f.leading = 1.3;
	f.after = c->size * 0.4;
	pm_lay_table_caption(c->lay, &f);
	pm_pdf_inlines(c, h, &st);
}

static void
timeline(pm_pdf_ctx *c, const xmlNode *tl, double indent)
{
	static const char *const keys[] = {"table.time", "table.kind",
	                                   "table.event"};
	static const char *const nokind[] = {"table.time", "table.event"};
	pm_lay_table f = data_table(c);
	const xmlNode *e;
	int kinds = 0, day = pm_ir_one_day(tl);

	for (e = pm_ir_first(tl, PM_EL_EVENT); e;
	     e = pm_ir_next(e, PM_EL_EVENT))
		kinds |= pm_ir_get(e, "kind") != NULL;
	f.indent = indent;
	f.has_zebra = 1, f.zebra = PM_C_ZEBRA;
	f.fill = kinds ? 3 : 2;
	f.minw[0] = pm_lay_text_width(c->lay, "00:00", 5, 0, c->size * 0.9);
	if (kinds)
		f.minw[1] = kinds_width(c);
	pm_lay_table_begin(c->lay, kinds ? 3 : 2, 1, &f);
	day_caption(c, tl);
	head_cells(c, kinds ? keys : nokind, kinds ? 3 : 2);
	for (e = pm_ir_first(tl, PM_EL_EVENT); e;
	     e = pm_ir_next(e, PM_EL_EVENT))
		event_row(c, e, day, kinds);
	pm_lay_table_end(c->lay);
}

static void
whys(pm_pdf_ctx *c, const xmlNode *w, double indent)
{
	pm_lay_style q = pm_pdf_style(c, PM_FS_BOLD, 1, PM_C_INK);
	pm_lay_style a = pm_pdf_style(c, 0, 1, PM_C_INK);
	const xmlNode *y;
	char marker[16];
	int i = 1;
	pm_lay_para f;

	for (y = pm_ir_first(w, PM_EL_WHY); y;
	     y = pm_ir_next(y, PM_EL_WHY), i++) {
		snprintf(marker, sizeof(marker), "%d.", i);
		c->marker = marker;
		f = para_fmt(c, indent + INDENT);
		f.after = c->size * 0.8;
		pm_lay_para_begin(c->lay, &f);
		pm_pdf_inlines(c, pm_ir_first(y, PM_EL_QUESTION), &q);
		pm_pdf_text(c, "\n", &a);
		pm_pdf_inlines(c, pm_ir_first(y, PM_EL_ANSWER), &a);
		pm_lay_para_end(c->lay);
		if (pm_ir_first(y, PM_EL_BODY))
			blocks(c, pm_ir_first(y, PM_EL_BODY), indent + INDENT);
	}
}

/* Follow-up columns present in at least one action, besides the action
 * and its state. */
static size_t
action_cols(const xmlNode *fu, const char **attrs)
{
	const xmlNode *a;
	size_t i, n = 0;

	for (i = 0; i < PM_ACTION_ATTRS; i++)
		for (a = pm_ir_first(fu, PM_EL_ACTION); a;
		     a = pm_ir_next(a, PM_EL_ACTION))
			if (pm_ir_get(a, pm_action_attrs[i]) != NULL) {
				attrs[n++] = pm_action_attrs[i];
				break;
			}
	return n;
}

static void
action_attr(pm_pdf_ctx *c, const xmlNode *a, const char *attr)
{
	pm_lay_style st = pm_pdf_style(c, 0, 0.85, PM_C_INK);
	const char *v = pm_ir_get(a, attr);
	pm_buf b = {0};

	pm_lay_cell(c->lay, PM_LA_LEFT, NULL);
	if (v == NULL)
		return;
	if (strcmp(attr, "due") == 0 &&
	    pm_fmt_datetime(&b, v, c->fam, PM_DT_DATE) == 0) {
		nbsp_run(c, b.data, b.len, &st);
	} else if (strcmp(attr, "type") == 0) {
		pm_pdf_text(c, pm_pdf_label2(c, "type", v), &st);
	} else if (strcmp(attr, "ticket") == 0 &&
	           (strncmp(v, "http://", 7) == 0 ||
	            strncmp(v, "https://", 8) == 0)) {
		st.href = v;
		st.color = PM_C_LINK;
		pm_pdf_text(c, v, &st);
	} else {
		pm_pdf_text(c, v, &st);
	}
	pm_buf_free(&b);
}

static void
action_state(pm_pdf_ctx *c, const xmlNode *a)
{
	const char *done = pm_ir_get(a, "done"), *over = pm_ir_get(a, "overdue");
	const char *key = "action.open";
	uint32_t color = PM_C_WARN;
	pm_lay_style st;

	if (done && strcmp(done, "true") == 0)
		key = "action.done", color = PM_C_OK;
	else if (over && strcmp(over, "true") == 0)
		key = "action.overdue", color = PM_C_BAD;
	st = pm_pdf_style(c, PM_FS_BOLD, 0.85, color);
	pm_lay_cell(c->lay, PM_LA_LEFT, NULL);
	pm_pdf_text(c, pm_label(c->lab, key), &st);
}

static void
follow_ups(pm_pdf_ctx *c, const xmlNode *fu, double indent)
{
	const char *attrs[PM_ACTION_ATTRS], *keys[PM_ACTION_ATTRS + 2];
	char kb[5][32];
	size_t n = action_cols(fu, attrs), i;
	pm_lay_table f = data_table(c);
	pm_lay_style st = pm_pdf_style(c, 0, 0.9, PM_C_INK);
	pm_lay_style ls = pm_pdf_style(c, 0, 0.9, PM_C_MUTED);
	const xmlNode *a;

	keys[0] = "table.action";
	for (i = 0; i < n; i++) {
		snprintf(kb[i], sizeof(kb[i]), "table.%s", attrs[i]);
		keys[i + 1] = kb[i];
	}
	keys[n + 1] = "table.state";
	f.indent = indent;
	f.fill = 1;
	f.has_zebra = 1, f.zebra = PM_C_ZEBRA;
	pm_lay_table_begin(c->lay, (int)n + 2, 1, &f);
	head_cells(c, keys, n + 2);
	for (a = pm_ir_first(fu, PM_EL_ACTION); a;
	     a = pm_ir_next(a, PM_EL_ACTION)) {
		pm_lay_cell(c->lay, PM_LA_LEFT, NULL);
		pm_pdf_inlines(c, pm_ir_first(a, PM_EL_TEXT), &st);
		cell_details(c, a, &st, &ls);
		cell_body(c, pm_ir_first(a, PM_EL_BODY), &st);
		for (i = 0; i < n; i++)
			action_attr(c, a, attrs[i]);
		action_state(c, a);
	}
	pm_lay_table_end(c->lay);
}

static void
subsection(pm_pdf_ctx *c, const xmlNode *s, double indent)
{
	const char *key = pm_ir_get(s, "key"), *h = pm_ir_get(s, "heading");
	const char *title = key && strcmp(key, "custom") != 0
	                        ? pm_pdf_label2(c, "section", key)
	                        : (h ? h : "");
	pm_lay_style st = heading_style(c, 3);

	heading(c, 3, indent, title);
	pm_pdf_text(c, title, &st);
	pm_lay_para_end(c->lay);
	blocks(c, s, indent);
}

/* GitHub footnotes: under a short rule, each note's blocks beside its
 * number "[1]". */
static void
footnotes(pm_pdf_ctx *c, const xmlNode *l, double indent)
{
	const xmlNode *fn;
	char marker[32];

	pm_lay_figure(c->lay, 1, c->size, c->size, rule_draw, NULL);
	for (fn = pm_ir_first(l, PM_EL_FOOTNOTE); fn;
	     fn = pm_ir_next(fn, PM_EL_FOOTNOTE)) {
		snprintf(marker, sizeof(marker), "[%.8s]",
		         pm_ir_get(fn, "n") ? pm_ir_get(fn, "n") : "");
		c->marker = marker;
		blocks(c, fn, indent + INDENT);
		c->marker = NULL;
	}
}

static void
block(pm_pdf_ctx *c, const xmlNode *n, double indent)
{
	switch (pm_ir_kind(n)) {
	case PM_EL_P:
		paragraph(c, n, indent);
		break;
	case PM_EL_HEADING:
		subheading(c, n, indent);
		break;
	case PM_EL_LIST:
		list(c, n, indent);
		break;
	case PM_EL_QUOTE:
		quote(c, n, indent, PM_C_RULE, NULL);
		break;
	case PM_EL_INTERNAL:
		if (c->internal)
			quote(c, n, indent, PM_C_INTERNAL,
			      pm_label(c->lab, "internal"));
		break;
	case PM_EL_CODE_BLOCK:
		code_block(c, n, indent);
		break;
	case PM_EL_TABLE:
		table(c, n, indent);
		break;
	case PM_EL_RULE:
		pm_lay_figure(c->lay, 1, c->size, c->size, rule_draw, NULL);
		break;
	case PM_EL_FOOTNOTES:
		footnotes(c, n, indent);
		break;
	case PM_EL_TIMELINE:
		timeline(c, n, indent);
		break;
	case PM_EL_WHYS:
		whys(c, n, indent);
		break;
	case PM_EL_FOLLOW_UPS:
		follow_ups(c, n, indent);
		break;
	case PM_EL_SUBSECTION:
		subsection(c, n, indent);
		break;
	default:
		pm_ir_unhandled(n, "the PDF back end (blocks)");
	}
}

static void
blocks(pm_pdf_ctx *c, const xmlNode *parent, double indent)
{
	const xmlNode *n;

	if (++c->depth > MAX_DEPTH)
		indent -= INDENT;
	for (n = parent->children; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			block(c, n, indent);
	c->depth--;
}

static void
sections(pm_pdf_ctx *c)
{
	const xmlNode *s;
	const char *key, *h, *title;
	pm_lay_style st = heading_style(c, 2);

	for (s = pm_ir_first(c->root, PM_EL_SECTION); s;
	     s = pm_ir_next(s, PM_EL_SECTION)) {
		key = pm_ir_get(s, "key");
		h = pm_ir_get(s, "heading");
		title = key && strcmp(key, "custom") != 0
		            ? pm_pdf_label2(c, "section", key)
		            : (h ? h : "");
		heading(c, 2, 0, title);
		pm_pdf_text(c, title, &st);
		pm_lay_para_end(c->lay);
		blocks(c, s, 0);
	}
}

/* The document. */

static int
glyph(void *arg, unsigned style, int32_t cp, double *adv)
{
	return pm_fonts_glyph(arg, style, cp, adv);
}

static pm_lay_page_geom
page_geom(const pm_render_opts *opts)
{
	pm_lay_page_geom g = {595.28, 841.89, 68, 62, 58, 58};

	if (opts != NULL && opts->paper == PM_PAPER_LETTER)
		g.width = 612, g.height = 792;
	return g;
}

static void
report_missing(const pm_pdf_ctx *c)
{
	const int32_t *cps;
	size_t n, i;
	char s[8];

	cps = pm_fonts_missing(c->fonts, &n);
	for (i = 0; i < n; i++) {
		s[pm_utf8_encode(cps[i], s)] = '\0';
		pm_render_report(c->doc, c->opts, PM_R_PDF_FONT, NULL,
		                 (unsigned)cps[i], s);
	}
}

static void
on_pdf_error(void *arg, unsigned long code, unsigned long detail,
             const char *doing)
{
	const pm_pdf_ctx *c = arg;
	char msg[512];

	snprintf(msg, sizeof(msg), "PDF library error 0x%04lX (detail %lu) "
	         "while %s", code, detail, doing ? doing : "drawing");
	pm_render_report(c->doc, c->opts, PM_R_PDF, NULL, msg);
}

/* The summary's first paragraph, cut at a character boundary. */
static char *
subject(const pm_pdf_ctx *c)
{
	const xmlNode *s;
	char *text;
	size_t n;

	for (s = pm_ir_first(c->root, PM_EL_SECTION); s;
	     s = pm_ir_next(s, PM_EL_SECTION))
		if (pm_ir_section_key(s) == PM_SEC_SUMMARY)
			break;
	if (s == NULL || pm_ir_first(s, PM_EL_P) == NULL)
		return NULL;
	text = pm_ir_content(pm_ir_first(s, PM_EL_P));
	for (n = 0; text[n]; n++)
		if (text[n] == '\n')
			text[n] = ' ';
	/* cut only what leaves room for the ellipsis (3 bytes and the
	 * NUL) inside the string: a 301-byte summary overflowed it */
	if (n > 303) {
		n = 300;
		while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
			n--;
		memcpy(text + n, "\u2026", 4);
	}
	return text;
}

/* SOURCE_DATE_EPOCH, so that builds are reproducible; without it no
 * date at all, so that the same source always gives the same bytes. */
static long long
created(void)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;

	if (e == NULL || *e == '\0')
		return -1;
	v = strtoll(e, &end, 10);
	return *end == '\0' && v >= 0 ? v : -1;
}

static int
write_pdf(pm_pdf_ctx *c, pm_buf *out)
{
	char *title = pm_ir_content(pm_ir_first(c->root, PM_EL_TITLE));
	char *authors = pm_ir_join(c->root, PM_EL_AUTHORS, PM_EL_PERSON, ", ");
	char *tags = pm_ir_join(c->root, PM_EL_TAGS, PM_EL_TAG, ", ");
	char *subj = subject(c);
	pm_pdf_info info = {0};
	int rc;

	info.title = title;
	info.author = authors;
	info.subject = subj;
	info.keywords = tags;
	info.creator = "pmc " PMC_VERSION;
	/* the page's language as in HTML: --lang, else the document's */
	info.lang = c->opts && c->opts->lang ? c->opts->lang
	                                     : pm_ir_get(c->root, "lang");
	info.created = created();
	rc = pm_pdf_write(c->lay, c->fonts, &info, on_pdf_error, c, out);
	free(title);
	free(authors);
	free(tags);
	free(subj);
	return rc;
}

static void
setup(pm_pdf_ctx *c, const pm_doc *doc, const pm_render_opts *opts)
{
	const char *aud = pm_ir_get(c->root, "audience");
	pm_lay_page_geom g = page_geom(opts);

	c->doc = doc;
	c->opts = opts;
	c->fam = pm_labels_lang(c->lab);
	c->internal = aud == NULL || strcmp(aud, "public") != 0;
	c->fonts = pm_fonts_new(pm_ir_get(c->root, "lang"));
	c->lay = pm_lay_new(&g, glyph, c->fonts);
	c->size = strcmp(c->fam, "ja") == 0 ? 9.5 : 10;
	c->leading = strcmp(c->fam, "ja") == 0 ? 1.75 : 1.45;
}

int
pm_render_pdf(const pm_doc *doc, const pm_render_opts *opts, pm_buf *out)
{
	pm_pdf_ctx c = {0};
	int rc = -1;
	char why[600];

	if (doc == NULL || doc->ir == NULL || doc->src.errors > 0)
		return -1;
	if (pm_pdf_load(why, sizeof(why)) != 0) {
		pm_render_report(doc, opts, PM_R_PDF, NULL, why);
		return -1;
	}
	c.root = xmlDocGetRootElement(doc->ir);
	if (!pm_ir_is(c.root, PM_EL_POSTMORTEM))
		return -1;
	if ((c.lab = pm_labels_for(doc, opts)) == NULL)
		return -1;
	setup(&c, doc, opts);
	pm_pdf_front(&c);
	sections(&c);
	pm_lay_finish(c.lay);
	pm_pdf_frames(&c);
	report_missing(&c);
	if (pm_fonts_count(c.fonts) == 0) {
		pm_render_report(doc, opts, PM_R_PDF, NULL, PM_FONTS_NONE);
		goto out;
	}
	rc = write_pdf(&c, out);
out:
	pm_lay_free(c.lay);
	pm_pdf_front_free(&c);
	pm_fonts_free(c.fonts);
	return rc;
}
