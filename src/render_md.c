/* render_md.c: the md back end: a GitHub-flavoured Markdown report (header
 * facts, derived figures, timeline and follow-ups as pipe tables, the
 * prose re-rendered), read from the IR only. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "alloc.h"
#include "derive.h"
#include "doc.h"
#include "ir.h"
#include "l10n.h"
#include "names.h"
#include "mdout.h"

/* The block writer. Containers (block quotes, list items) push the prefix
 * their continuation lines need, as cmark's renderer does; every line
 * written starts with it. */
struct mw {
	pm_buf *out;
	pm_buf prefix;
	int bol;    /* at the start of a line, prefix not yet written */
	int blocks; /* blocks written in the current container */
	int tight;  /* the current list item belongs to a tight list */
	const pm_labels *lab;
	const char *fam;
};

/* The inline writer: Markdown for one paragraph, heading or table cell. */
struct iw {
	pm_buf *b;
	int bol;  /* at the start of a line of the paragraph */
	int cell; /* in a table cell: one line, '|' escaped even in code */
	int nbsp; /* spaces written as no-break spaces: a date, a time or a
	             duration stays on one line ("27. april 2022 kl. 07:59"
	             was cut word by word in a narrow column) */
};

static void blocks(struct mw *, const xmlNode *parent);
static void inlines(struct iw *, const xmlNode *parent);

/* Writes the prefix, trimmed of trailing spaces when the line stays
 * empty (a blank line in a quote is ">", in a list item ""). */
static void
put_prefix(struct mw *w, int empty)
{
	size_t n = w->prefix.len;

	while (empty && n > 0 && w->prefix.data[n - 1] == ' ')
		n--;
	pm_buf_put(w->out, w->prefix.data, n);
	w->bol = 0;
}

/* Writes s[0..n), starting each line with the container prefix. */
static void
put_raw(struct mw *w, const char *s, size_t n)
{
	size_t i, start = 0;

	for (i = 0; i <= n; i++) {
		if (i < n && s[i] != '\n')
			continue;
		if (i > start || (i < n && w->bol)) {
			if (w->bol)
				put_prefix(w, i == start);
			pm_buf_put(w->out, s + start, i - start);
		}
		if (i < n) {
			pm_buf_putc(w->out, '\n');
			w->bol = 1;
		}
		start = i + 1;
	}
}

static void
put(struct mw *w, const char *s)
{
	put_raw(w, s, strlen(s));
}

static void
cr(struct mw *w)
{
	if (!w->bol)
		put(w, "\n");
}

/* Separates the next block from the one before it in its container. */
static void
next_block(struct mw *w)
{
	if (w->blocks++ == 0)
		return;
	cr(w);
	if (!w->tight)
		put(w, "\n");
}

/* Opens a container: marker on its first line, cont on the others. */
static void
push(struct mw *w, const char *marker, const char *cont, size_t *saved)
{
	if (w->bol)
		put_prefix(w, 0);
	pm_buf_puts(w->out, marker);
	*saved = w->prefix.len;
	pm_buf_puts(&w->prefix, cont);
	pm_buf_cstr(&w->prefix);
}

/* Takes back the space after a marker of a container left empty ("-",
 * ">"), which would otherwise end the line. */
static void
unput_space(struct mw *w)
{
	if (w->out->len > 0 && w->out->data[w->out->len - 1] == ' ')
		w->out->len--;
	pm_buf_cstr(w->out);
}

static void
pop(struct mw *w, size_t saved)
{
	w->prefix.len = saved;
	pm_buf_cstr(&w->prefix);
}

/* --- inlines --- */

static int
is_space(int c)
{
	return c == ' ' || c == '\t';
}

/* Characters that may start markup anywhere: backslash-escaped always, so
 * that text such as "<script>" or "*" stays text (GFM adds '~' and
 * '|'). */
static int
always_escaped(int c)
{
	return c != '\0' && strchr("\\`*_[]<>|~#", c) != NULL;
}

/* A line that starts with one of these may start a block (list item,
 * heading underline, ATX heading). */
static int
line_escaped(int c)
{
	return c == '-' || c == '+' || c == '=';
}

/* Drops spaces before a line break: two of them would make it hard. */
static void
trim_spaces(pm_buf *b)
{
	while (b->len > 0 && is_space(b->data[b->len - 1]))
		b->len--;
	pm_buf_cstr(b);
}

static void
esc_newline(struct iw *iw)
{
	trim_spaces(iw->b);
	if (iw->cell) {
		pm_buf_putc(iw->b, ' ');
		return;
	}
	pm_buf_putc(iw->b, '\n');
	iw->bol = 1;
}

/* At a line's start: "12." and "12)" would open an ordered list. */
static size_t
esc_digits(struct iw *iw, const char *s, size_t n)
{
	size_t k = 0;

	while (k < n && isdigit((unsigned char)s[k]))
		k++;
	pm_buf_put(iw->b, s, k);
	if (k < n && (s[k] == '.' || s[k] == ')')) {
		pm_buf_putc(iw->b, '\\');
		pm_buf_putc(iw->b, s[k++]);
	}
	return k;
}

/* Appends text so that it reads as itself: every character that could
 * open markup is backslash-escaped, line breaks stay soft. */
static void
esc_text(struct iw *iw, const char *s, size_t n)
{
	size_t i = 0;
	unsigned char c;

	while (i < n) {
		c = (unsigned char)s[i];
		if (c == '\n' || c == '\r') {
			esc_newline(iw);
			i++;
			continue;
		}
		if (iw->bol && is_space(c)) {
			/* leading blanks would make an indented code block */
			i++;
			continue;
		}
		if (c == ' ' && iw->nbsp) {
			pm_buf_puts(iw->b, "\u00a0");
			i++;
			continue;
		}
		if (iw->bol && isdigit(c)) {
			iw->bol = 0;
			i += esc_digits(iw, s + i, n - i);
			continue;
		}
		if (always_escaped(c) || (iw->bol && line_escaped(c)) ||
		    (c == '&' && i + 1 < n &&
		     (isalnum((unsigned char)s[i + 1]) || s[i + 1] == '#')))
			pm_buf_putc(iw->b, '\\');
		pm_buf_putc(iw->b, (char)c);
		iw->bol = 0;
		i++;
	}
}

static void
esc_str(struct iw *iw, const char *s)
{
	esc_text(iw, s, strlen(s));
}

void
pm_md_text(pm_buf *b, const char *s, int cell)
{
	struct iw iw = {b, 1, cell, 0};

	esc_str(&iw, s);
}

static size_t
longest_run(const char *s, int c)
{
	size_t best = 0, run = 0;

	for (; *s; s++) {
		run = *s == c ? run + 1 : 0;
		if (run > best)
			best = run;
	}
	return best;
}

/* A code span: a backtick string longer than any inside, and a space of
 * padding inside each end, which the parser strips again. */
static void
code_span(struct iw *iw, const char *s)
{
	size_t fence = longest_run(s, '`') + 1, i, n = strlen(s);
	int pad = s[0] == '`' || (n > 0 && s[n - 1] == '`') ||
	          (s[0] == ' ' && s[n - 1] == ' ' && strspn(s, " ") != n);

	if (*s == '\0')
		return;
	for (i = 0; i < fence; i++)
		pm_buf_putc(iw->b, '`');
	if (pad)
		pm_buf_putc(iw->b, ' ');
	for (; *s; s++) {
		if (*s == '\n' || *s == '\r')
			pm_buf_putc(iw->b, ' ');
		else if (*s == '|' && iw->cell)
			pm_buf_puts(iw->b, "\\|");
		else
			pm_buf_putc(iw->b, *s);
	}
	if (pad)
		pm_buf_putc(iw->b, ' ');
	for (i = 0; i < fence; i++)
		pm_buf_putc(iw->b, '`');
	iw->bol = 0;
}

/* Emphasis: the delimiters hug the content (spaces go outside them), or
 * the parser would not see them as emphasis. */
static void
emphasis(struct iw *iw, const xmlNode *n, const char *delim)
{
	pm_buf inner = {0};
	struct iw sub = {&inner, iw->bol, iw->cell, iw->nbsp};
	size_t lo = 0, hi;

	inlines(&sub, n);
	hi = inner.len;
	while (lo < hi && (is_space(inner.data[lo]) || inner.data[lo] == '\n'))
		lo++;
	while (hi > lo && (is_space(inner.data[hi - 1]) ||
	                   inner.data[hi - 1] == '\n'))
		hi--;
	if (inner.data != NULL) { /* an empty span wrote nothing at all */
		pm_buf_put(iw->b, inner.data, lo);
		if (hi > lo) {
			pm_buf_puts(iw->b, delim);
			pm_buf_put(iw->b, inner.data + lo, hi - lo);
			pm_buf_puts(iw->b, delim);
		}
		pm_buf_put(iw->b, inner.data + hi, inner.len - hi);
	}
	iw->bol = sub.bol;
	pm_buf_free(&inner);
}

/* Only http, https, mailto and relative references are links (the
 * schema says so for the tree; this holds for hand-written XML too). */
static int
url_ok(const char *u)
{
	size_t i = 0;

	while (isalnum((unsigned char)u[i]) || u[i] == '+' || u[i] == '-' ||
	       u[i] == '.')
		i++;
	if (i == 0 || u[i] != ':' || !isalpha((unsigned char)u[0]))
		return 1;
	return (i == 4 && strncasecmp(u, "http", 4) == 0) ||
	       (i == 5 && strncasecmp(u, "https", 5) == 0) ||
	       (i == 6 && strncasecmp(u, "mailto", 6) == 0);
}

/* "(destination "title")": blanks and '|' percent-encoded, brackets and
 * backslashes escaped. */
static void
destination(struct iw *iw, const char *url, const char *title)
{
	const unsigned char *u = (const unsigned char *)url;

	pm_buf_putc(iw->b, '(');
	for (; *u; u++) {
		if (*u <= ' ' || *u == '|' || *u == 0x7f)
			pm_buf_printf(iw->b, "%%%02X", *u);
		else if (strchr("()<>\\", *u))
			pm_buf_printf(iw->b, "\\%c", *u);
		else
			pm_buf_putc(iw->b, (char)*u);
	}
	if (title != NULL && *title != '\0') {
		pm_buf_puts(iw->b, " \"");
		for (; *title; title++) {
			if (*title == '"' || *title == '\\')
				pm_buf_putc(iw->b, '\\');
			if (*title == '|' && iw->cell)
				pm_buf_putc(iw->b, '\\');
			pm_buf_putc(iw->b, *title == '\n' ? ' ' : *title);
		}
		pm_buf_putc(iw->b, '"');
	}
	pm_buf_putc(iw->b, ')');
}

static void
link(struct iw *iw, const xmlNode *n)
{
	const char *href = pm_ir_get(n, "href");

	if (href == NULL || !url_ok(href)) {
		inlines(iw, n);
		return;
	}
	pm_buf_putc(iw->b, '[');
	iw->bol = 0;
	inlines(iw, n);
	pm_buf_putc(iw->b, ']');
	destination(iw, href, pm_ir_get(n, "title"));
}

static void
image(struct iw *iw, const xmlNode *n)
{
	const char *src = pm_ir_get(n, "src"), *alt = pm_ir_get(n, "alt");

	if (src == NULL || !url_ok(src)) {
		esc_str(iw, alt ? alt : "");
		return;
	}
	pm_buf_puts(iw->b, "![");
	iw->bol = 0;
	esc_str(iw, alt ? alt : "");
	pm_buf_putc(iw->b, ']');
	destination(iw, src, pm_ir_get(n, "title"));
}

static void
inline_el(struct iw *iw, const xmlNode *n)
{
	char *s;

	switch (pm_ir_kind(n)) {
	case PM_EL_EM:
		emphasis(iw, n, "*");
		break;
	case PM_EL_STRONG:
		emphasis(iw, n, "**");
		break;
	case PM_EL_DEL:
		emphasis(iw, n, "~~");
		break;
	case PM_EL_FNREF:
		if (pm_ir_get(n, "n") == NULL)
			break;
		pm_buf_printf(iw->b, "[^%s]", pm_ir_get(n, "n"));
		iw->bol = 0;
		break;
	case PM_EL_CODE:
		s = pm_ir_content(n);
		code_span(iw, s);
		free(s);
		break;
	case PM_EL_LINK:
		link(iw, n);
		break;
	case PM_EL_IMAGE:
		image(iw, n);
		break;
	case PM_EL_INTERNAL_SPAN:
		/* the team's report: the span's text, as written */
		inlines(iw, n);
		break;
	case PM_EL_BR:
		if (iw->cell) {
			pm_buf_putc(iw->b, ' ');
		} else {
			pm_buf_puts(iw->b, "\\\n");
			iw->bol = 1;
		}
		break;
	default:
		pm_ir_unhandled(n, "the Markdown back end (inlines)");
	}
}

static void
inlines(struct iw *iw, const xmlNode *parent)
{
	const xmlNode *n;

	for (n = parent ? parent->children : NULL; n != NULL; n = n->next) {
		if (n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE)
			esc_str(iw, (const char *)n->content);
		else if (n->type == XML_ELEMENT_NODE)
			inline_el(iw, n);
	}
}

/* The inlines of node as one line (a heading or a table cell). */
static void
line_of(pm_buf *b, const xmlNode *node)
{
	struct iw iw = {b, 0, 1, 0};

	inlines(&iw, node);
	trim_spaces(b);
}

/* --- tables --- */

/* A pipe table row of the given cells (Markdown already). */
static void
row(struct mw *w, pm_buf *cells, size_t n)
{
	size_t i;

	cr(w);
	put(w, "|");
	for (i = 0; i < n; i++) {
		put(w, " ");
		put(w, cells[i].len ? pm_buf_cstr(&cells[i]) : " ");
		put(w, " |");
	}
	put(w, "\n");
}

static void
delims(struct mw *w, const char *const *align, size_t n)
{
	size_t i;

	put(w, "|");
	for (i = 0; i < n; i++) {
		const char *a = align ? align[i] : NULL;
		if (a != NULL && strcmp(a, "center") == 0)
			put(w, ":---:|");
		else if (a != NULL && strcmp(a, "right") == 0)
			put(w, "---:|");
		else if (a != NULL && strcmp(a, "left") == 0)
			put(w, ":---|");
		else
			put(w, "---|");
	}
	put(w, "\n");
}

static void
free_cells(pm_buf *cells, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		pm_buf_free(&cells[i]);
	free(cells);
}

static size_t
count(const xmlNode *parent, pm_el el)
{
	const xmlNode *n;
	size_t k = 0;

	for (n = pm_ir_first(parent, el); n; n = pm_ir_next(n, el))
		k++;
	return k;
}

/* A prose table. Rows shorter than the header are padded; the header
 * row is the first one with head="true", else the first row. */
static void
table(struct mw *w, const xmlNode *t)
{
	const xmlNode *r, *c, *first = pm_ir_first(t, PM_EL_ROW);
	size_t ncols = count(first, PM_EL_CELL), i;
	pm_buf *cells = pm_xcalloc(ncols ? ncols : 1, sizeof(*cells));
	const char **align = pm_xcalloc(ncols ? ncols : 1, sizeof(*align));
	int head = 1;

	c = pm_ir_first(first, PM_EL_CELL);
	for (i = 0; c != NULL; c = pm_ir_next(c, PM_EL_CELL))
		align[i++] = pm_ir_get(c, "align");
	for (r = first; r != NULL; r = pm_ir_next(r, PM_EL_ROW), head = 0) {
		for (i = 0; i < ncols; i++)
			cells[i].len = 0;
		for (c = pm_ir_first(r, PM_EL_CELL), i = 0; c && i < ncols;
		     c = pm_ir_next(c, PM_EL_CELL), i++)
			line_of(&cells[i], c);
		row(w, cells, ncols);
		if (head)
			delims(w, align, ncols);
	}
	free(align);
	free_cells(cells, ncols ? ncols : 1);
}

/* Blocks nested under an event or an action, flattened into one table
 * cell: paragraphs joined by spaces, list items marked with bullets. */
static void
flatten(pm_buf *b, const xmlNode *parent)
{
	const xmlNode *n;

	for (n = parent ? parent->children : NULL; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (b->len > 0 && !is_space(b->data[b->len - 1]))
			pm_buf_putc(b, ' ');
		if (pm_ir_is(n, PM_EL_P) || pm_ir_is(n, PM_EL_HEADING) ||
		    pm_ir_is(n, PM_EL_CELL)) {
			line_of(b, n);
		} else if (pm_ir_is(n, PM_EL_ITEM)) {
			pm_buf_puts(b, "• ");
			flatten(b, n);
		} else if (pm_ir_is(n, PM_EL_CODE_BLOCK)) {
			char *s = pm_ir_content(n);
			struct iw iw = {b, 0, 1, 0};
			code_span(&iw, s);
			free(s);
		} else {
			flatten(b, n);
		}
	}
}

/* --- the structured sections --- */

static const char *
label2(struct mw *w, const char *prefix, const char *key, char *buf,
       size_t cap)
{
	snprintf(buf, cap, "%s.%s", prefix, key);
	return pm_label(w->lab, buf);
}

static void
label_cell(struct mw *w, pm_buf *b, const char *prefix, const char *key)
{
	char k[64];
	struct iw iw = {b, 0, 1, 0};

	if (key != NULL && *key != '\0')
		esc_str(&iw, label2(w, prefix, key, k, sizeof(k)));
}

static void
when_cell(struct mw *w, pm_buf *b, const char *at, enum pm_dt_style st)
{
	struct iw iw = {b, 0, 1, 1};
	pm_buf t = {0};

	if (at != NULL && pm_fmt_datetime(&t, at, w->fam, st) < 0)
		pm_buf_puts(&t, at);
	if (t.len)
		esc_text(&iw, t.data, t.len);
	pm_buf_free(&t);
}

static int
any_attr(const xmlNode *parent, pm_el el, const char *attr)
{
	const xmlNode *n;

	for (n = pm_ir_first(parent, el); n; n = pm_ir_next(n, el))
		if (pm_ir_get(n, attr) != NULL)
			return 1;
	return 0;
}

static void
header(struct mw *w, const char *const *keys, size_t n)
{
	pm_buf *cells = pm_xcalloc(n, sizeof(*cells));
	size_t i;

	for (i = 0; i < n; i++) {
		struct iw iw = {&cells[i], 0, 1, 0};
		esc_str(&iw, pm_label(w->lab, keys[i]));
	}
	row(w, cells, n);
	delims(w, NULL, n);
	free_cells(cells, n);
}

/* The details of an event or an action, "; Label: text" each, after
 * what the cell already holds. */
static void
details(pm_buf *b, const xmlNode *e)
{
	const xmlNode *d;

	for (d = pm_ir_first(e, PM_EL_DETAIL); d;
	     d = pm_ir_next(d, PM_EL_DETAIL)) {
		struct iw iw = {b, 0, 1, 0};
		pm_buf_puts(b, b->len ? "; " : "");
		if (pm_ir_get(d, "label") && *pm_ir_get(d, "label")) {
			esc_str(&iw, pm_ir_get(d, "label"));
			pm_buf_puts(b, ": ");
		}
		line_of(b, d);
	}
}

static void
event(struct mw *w, const xmlNode *e, int kinds, enum pm_dt_style when)
{
	pm_buf cells[3] = {{0}, {0}, {0}};
	size_t i = 0;

	when_cell(w, &cells[i++], pm_ir_get(e, "at"), when);
	if (kinds)
		label_cell(w, &cells[i++], "kind", pm_ir_get(e, "kind"));
	line_of(&cells[i], pm_ir_first(e, PM_EL_TEXT));
	details(&cells[i], e);
	flatten(&cells[i], pm_ir_first(e, PM_EL_BODY));
	row(w, cells, i + 1);
	for (i = 0; i < 3; i++)
		pm_buf_free(&cells[i]);
}

static void
timeline(struct mw *w, const xmlNode *tl)
{
	static const char *const cols[] = {"table.time", "table.kind",
	                                   "table.event"};
	static const char *const cols2[] = {"table.time", "table.event"};
	int kinds = any_attr(tl, PM_EL_EVENT, "kind");
	/* the day once, in the heading above or the times at the top, not
	 * in every row: a timeline of one day gives times, one of several
	 * days and times without the year */
	enum pm_dt_style when = pm_ir_one_day(tl) ? PM_DT_TIME : PM_DT_SHORT;
	const xmlNode *e;

	if (kinds)
		header(w, cols, 3);
	else
		header(w, cols2, 2);
	for (e = pm_ir_first(tl, PM_EL_EVENT); e;
	     e = pm_ir_next(e, PM_EL_EVENT))
		event(w, e, kinds, when);
}

static void
whys(struct mw *w, const xmlNode *list)
{
	const xmlNode *y;
	pm_buf b = {0}, answer = {0};
	size_t saved, k = 1;
	int tight = w->tight, nb = w->blocks;
	char marker[32];

	for (y = pm_ir_first(list, PM_EL_WHY); y;
	     y = pm_ir_next(y, PM_EL_WHY), k++) {
		struct iw iw = {&b, 0, 0, 0};
		b.len = 0;
		inlines(&iw, pm_ir_first(y, PM_EL_QUESTION));
		trim_spaces(&b);
		answer.len = 0;
		iw.b = &answer;
		iw.bol = 1;
		inlines(&iw, pm_ir_first(y, PM_EL_ANSWER));
		trim_spaces(&answer);
		if (answer.len > 0) {
			pm_buf_puts(&b, "\\\n");
			pm_buf_put(&b, answer.data, answer.len);
		}
		cr(w);
		snprintf(marker, sizeof(marker), "%zu. ", k);
		push(w, marker, k < 10 ? "   " : "    ", &saved);
		put_raw(w, b.data, b.len);
		w->blocks = 1;
		w->tight = 0;
		blocks(w, pm_ir_first(y, PM_EL_BODY));
		pop(w, saved);
	}
	w->tight = tight;
	w->blocks = nb;
	pm_buf_free(&b);
	pm_buf_free(&answer);
}

/* The columns of a follow-ups table: those some action fills. */
static size_t
action_cols(const xmlNode *fu, const char **keys)
{
	size_t n = 0, i;

	keys[n++] = "state";
	keys[n++] = "action";
	for (i = 0; i < PM_ACTION_ATTRS; i++)
		if (any_attr(fu, PM_EL_ACTION, pm_action_attrs[i]))
			keys[n++] = pm_action_attrs[i];
	return n;
}

static void
state_cell(struct mw *w, pm_buf *b, const xmlNode *a)
{
	const char *done = pm_ir_get(a, "done");
	const char *over = pm_ir_get(a, "overdue");

	if (done && strcmp(done, "true") == 0)
		label_cell(w, b, "action", "done");
	else if (over && strcmp(over, "true") == 0) {
		pm_buf_puts(b, "**");
		label_cell(w, b, "action", "overdue");
		pm_buf_puts(b, "**");
	} else
		label_cell(w, b, "action", "open");
}

/* A ticket that is a web address becomes a link to it. */
static void
ticket_cell(pm_buf *b, const char *t)
{
	struct iw iw = {b, 0, 1, 0};

	if (t == NULL)
		return;
	if (strncasecmp(t, "http://", 7) == 0 ||
	    strncasecmp(t, "https://", 8) == 0) {
		pm_buf_putc(b, '[');
		esc_str(&iw, t);
		pm_buf_putc(b, ']');
		destination(&iw, t, NULL);
		return;
	}
	esc_str(&iw, t);
}

static void
action_cell(struct mw *w, pm_buf *b, const xmlNode *a, const char *key)
{
	struct iw iw = {b, 0, 1, 0};

	if (strcmp(key, "state") == 0) {
		state_cell(w, b, a);
	} else if (strcmp(key, "action") == 0) {
		line_of(b, pm_ir_first(a, PM_EL_TEXT));
		details(b, a);
		flatten(b, pm_ir_first(a, PM_EL_BODY));
	} else if (strcmp(key, "due") == 0) {
		if (pm_ir_get(a, "due"))
			when_cell(w, b, pm_ir_get(a, "due"), PM_DT_DATE);
	} else if (strcmp(key, "type") == 0) {
		label_cell(w, b, "type", pm_ir_get(a, "type"));
	} else if (strcmp(key, "ticket") == 0) {
		ticket_cell(b, pm_ir_get(a, "ticket"));
	} else if (pm_ir_get(a, key)) {
		esc_str(&iw, pm_ir_get(a, key));
	}
}

static void
follow_ups(struct mw *w, const xmlNode *fu)
{
	/* the state, the action, then the attributes */
	const char *keys[PM_ACTION_ATTRS + 2];
	const char *names[PM_ACTION_ATTRS + 2] = {NULL};
	char buf[PM_ACTION_ATTRS + 2][32];
	size_t n = action_cols(fu, keys), i;
	pm_buf cells[PM_ACTION_ATTRS + 2];
	const xmlNode *a;

	for (i = 0; i < n; i++) {
		snprintf(buf[i], sizeof(buf[i]), "table.%s", keys[i]);
		names[i] = buf[i];
	}
	header(w, names, n);
	memset(cells, 0, sizeof(cells));
	for (a = pm_ir_first(fu, PM_EL_ACTION); a;
	     a = pm_ir_next(a, PM_EL_ACTION)) {
		for (i = 0; i < n; i++) {
			cells[i].len = 0;
			action_cell(w, &cells[i], a, keys[i]);
		}
		row(w, cells, n);
	}
	for (i = 0; i < n; i++)
		pm_buf_free(&cells[i]);
}

/* --- prose blocks --- */

static void
heading_line(struct mw *w, int level, const char *text, const xmlNode *n)
{
	pm_buf b = {0};
	struct iw iw = {&b, 0, 1, 0};
	int i;

	for (i = 0; i < level; i++)
		pm_buf_putc(&b, '#');
	pm_buf_putc(&b, ' ');
	if (text != NULL)
		esc_str(&iw, text);
	else
		line_of(&b, n);
	trim_spaces(&b);
	put(w, b.data);
	pm_buf_free(&b);
}

static void
paragraph(struct mw *w, const xmlNode *p)
{
	pm_buf b = {0};
	struct iw iw = {&b, 1, 0, 0};

	inlines(&iw, p);
	trim_spaces(&b);
	while (b.len > 0 && b.data[b.len - 1] == '\n') {
		b.len--;
		trim_spaces(&b);
	}
	/* a hard break at the end would show its backslash */
	if (b.len > 0 && b.data[b.len - 1] == '\\' &&
	    (b.len < 2 || b.data[b.len - 2] != '\\'))
		b.len--;
	put_raw(w, b.data ? b.data : "", b.len);
	pm_buf_free(&b);
}

/* A fenced code block: backticks, more of them than any run inside; tildes
 * when the info string holds a backtick. */
static void
code_block(struct mw *w, const xmlNode *n)
{
	char *s = pm_ir_content(n);
	const char *lang = pm_ir_get(n, "lang");
	int tilde = lang != NULL && strchr(lang, '`') != NULL;
	size_t fence = longest_run(s, tilde ? '~' : '`') + 1, i, len;
	pm_buf f = {0};

	for (i = 0; i < (fence < 3 ? 3 : fence); i++)
		pm_buf_putc(&f, tilde ? '~' : '`');
	put(w, f.data);
	for (; lang && *lang && !is_space(*lang) && *lang != '\n'; lang++) {
		if (*lang == '\\' || *lang == '&')
			put(w, "\\");
		put_raw(w, lang, 1);
	}
	put(w, "\n");
	len = strlen(s);
	put_raw(w, s, len);
	if (len > 0 && s[len - 1] != '\n')
		put(w, "\n");
	put(w, f.data);
	pm_buf_free(&f);
	free(s);
}

static void
item(struct mw *w, const xmlNode *it, const char *marker, int tight)
{
	const char *task = pm_ir_get(it, "task");
	size_t saved, width = strlen(marker);
	char cont[16];

	memset(cont, ' ', width);
	cont[width] = '\0';
	cr(w);
	push(w, marker, cont, &saved);
	if (task != NULL)
		pm_buf_puts(w->out,
		            strcmp(task, "done") == 0 ? "[x] " : "[ ] ");
	w->blocks = 0;
	w->tight = tight;
	blocks(w, it);
	if (w->blocks == 0 && task == NULL)
		unput_space(w);
	pop(w, saved);
}

static void
list(struct mw *w, const xmlNode *l)
{
	const char *type = pm_ir_get(l, "type"), *tight = pm_ir_get(l, "tight");
	const char *start = pm_ir_get(l, "start");
	int ordered = type && strcmp(type, "ordered") == 0;
	int t = tight == NULL || strcmp(tight, "false") != 0;
	long k = ordered && start ? strtol(start, NULL, 10) : 1;
	int saved_tight = w->tight, nb = w->blocks;
	const xmlNode *it;
	char marker[32];

	for (it = pm_ir_first(l, PM_EL_ITEM); it;
	     it = pm_ir_next(it, PM_EL_ITEM)) {
		if (it != pm_ir_first(l, PM_EL_ITEM) && !t)
			put(w, "\n");
		if (ordered)
			snprintf(marker, sizeof(marker), "%ld. ", k++);
		else
			snprintf(marker, sizeof(marker), "- ");
		item(w, it, marker, t);
	}
	w->tight = saved_tight;
	w->blocks = nb;
}

/* GitHub footnotes: "[^1]: text", the note's blocks indented under it. */
static void
footnotes(struct mw *w, const xmlNode *l)
{
	int saved_tight = w->tight, nb = w->blocks;
	const xmlNode *fn;
	char marker[32];

	for (fn = pm_ir_first(l, PM_EL_FOOTNOTE); fn;
	     fn = pm_ir_next(fn, PM_EL_FOOTNOTE)) {
		if (fn != pm_ir_first(l, PM_EL_FOOTNOTE))
			put(w, "\n");
		snprintf(marker, sizeof(marker), "[^%.8s]: ",
		         pm_ir_get(fn, "n") ? pm_ir_get(fn, "n") : "0");
		item(w, fn, marker, 0);
	}
	w->tight = saved_tight;
	w->blocks = nb;
}

static void
quote(struct mw *w, const xmlNode *q, const char *mark)
{
	size_t saved;
	int nb = w->blocks, tight = w->tight;

	push(w, "> ", "> ", &saved);
	w->blocks = 0;
	w->tight = 0;
	if (mark != NULL) {
		pm_buf b = {0};
		struct iw iw = {&b, 0, 1, 0};
		pm_buf_puts(&b, "**");
		esc_str(&iw, mark);
		pm_buf_puts(&b, "**");
		put(w, b.data);
		w->blocks = 1;
		pm_buf_free(&b);
	}
	blocks(w, q);
	if (w->blocks == 0)
		unput_space(w);
	pop(w, saved);
	w->blocks = nb;
	w->tight = tight;
}

static void
subsection(struct mw *w, const xmlNode *s)
{
	const char *key = pm_ir_get(s, "key");
	char k[64];
	int nb;

	if (key != NULL && strcmp(key, "custom") != 0)
		heading_line(w, 3, label2(w, "section", key, k, sizeof(k)),
		             NULL);
	else
		heading_line(w, 3, pm_ir_get(s, "heading"), NULL);
	nb = w->blocks;
	blocks(w, s);
	w->blocks = nb;
}

/* One block; a dispatch on the element's kind. */
static void
block(struct mw *w, const xmlNode *n)
{
	const char *lv = pm_ir_get(n, "level");

	next_block(w);
	switch (pm_ir_kind(n)) {
	case PM_EL_P:
		paragraph(w, n);
		break;
	case PM_EL_HEADING:
		heading_line(w, lv ? atoi(lv) : 3, NULL, n);
		break;
	case PM_EL_LIST:
		list(w, n);
		break;
	case PM_EL_QUOTE:
		quote(w, n, NULL);
		break;
	case PM_EL_INTERNAL:
		quote(w, n, pm_label(w->lab, "internal"));
		break;
	case PM_EL_CODE_BLOCK:
		code_block(w, n);
		break;
	case PM_EL_TABLE:
		table(w, n);
		break;
	case PM_EL_RULE:
		put(w, "---");
		break;
	case PM_EL_FOOTNOTES:
		footnotes(w, n);
		break;
	case PM_EL_TIMELINE:
		timeline(w, n);
		break;
	case PM_EL_WHYS:
		whys(w, n);
		break;
	case PM_EL_FOLLOW_UPS:
		follow_ups(w, n);
		break;
	case PM_EL_SUBSECTION:
		subsection(w, n);
		break;
	default:
		pm_ir_unhandled(n, "the Markdown back end (blocks)");
	}
}

static void
blocks(struct mw *w, const xmlNode *parent)
{
	const xmlNode *n;

	for (n = parent ? parent->children : NULL; n; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			block(w, n);
}

/* --- the head of the report --- */

/* "**Status:** ", and in Japanese "**重大度**：" (a full-width colon
 * holds its own space; inside the bold it would need one after the
 * closing "**", or GitHub would not close the bold). */
static void
bold_label(struct mw *w, struct iw *iw, const char *key)
{
	pm_buf_puts(iw->b, "**");
	esc_str(iw, pm_label(w->lab, key));
	pm_buf_puts(iw->b,
	            strcmp(w->fam, "ja") == 0 ? "**\xef\xbc\x9a" : ":** ");
}

/* What happened in a sentence and the impact in the writer's line, as
 * the HTML and the PDF open (pm_lede): two paragraphs under the title. */
static void
ledes(struct mw *w, const xmlNode *root)
{
	pm_buf b = {0};
	struct iw iw = {&b, 0, 0, 0};
	char *s;

	if ((s = pm_lede(root, PM_SEC_SUMMARY)) != NULL) {
		iw.bol = 1; /* a lede "1. ..." is no list */
		esc_str(&iw, s);
		pm_buf_puts(&b, "\n\n");
		free(s);
	}
	if ((s = pm_lede(root, PM_SEC_IMPACT)) != NULL) {
		bold_label(w, &iw, "section.impact");
		esc_str(&iw, s);
		pm_buf_puts(&b, "\n\n");
		free(s);
	}
	put(w, pm_buf_cstr(&b));
	pm_buf_free(&b);
}

/* One item of the facts list, "- **Label:** value"; none for no value.
 * A list rather than a table: a two-column table's header row would be
 * the first fact ("Incident | fs-canvas-2022"), read as the labels of
 * the columns. */
static void
fact(struct mw *w, const char *key, const char *value)
{
	pm_buf b = {0};
	struct iw iw = {&b, 0, 0, 0};

	if (value == NULL || *value == '\0')
		return;
	pm_buf_puts(&b, "- ");
	bold_label(w, &iw, key);
	esc_str(&iw, value);
	pm_buf_putc(&b, '\n');
	put(w, pm_buf_cstr(&b));
	pm_buf_free(&b);
}

static void
fact_list(struct mw *w, const xmlNode *root)
{
	static const struct {
		const char *label;
		pm_el list, item;
	} lists[] = {
	    {"field.services", PM_EL_SERVICES, PM_EL_SERVICE},
	    {"field.authors", PM_EL_AUTHORS, PM_EL_PERSON},
	    {"field.tags", PM_EL_TAGS, PM_EL_TAG},
	};
	/* the items as the language separates them */
	const char *sep = pm_label(w->lab, "list.separator");
	size_t i;
	char *s;

	for (i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
		s = pm_ir_join(root, lists[i].list, lists[i].item, sep);
		fact(w, lists[i].label, s);
		free(s);
	}
}

/* The follow-up counts, as facts. */
static void
fact_counts(struct mw *w, const xmlNode *root)
{
	const xmlNode *m = pm_ir_first(root, PM_EL_METRICS);
	const xmlNode *fu = pm_ir_first(m, PM_EL_FOLLOW_UPS);
	char key[48];
	const char *v;
	size_t i;

	for (i = 0; i < PM_COUNT__COUNT && fu != NULL; i++) {
		snprintf(key, sizeof(key), "metric.follow-ups-%s",
		         pm_count_attrs[i]);
		v = pm_ir_get(fu, pm_count_attrs[i]);
		fact(w, key, v ? v : "0");
	}
}

static void
facts(struct mw *w, const xmlNode *root)
{
	char key[64], *s;
	const char *v;

	fact(w, "field.id", pm_ir_get(root, "id"));
	s = pm_ir_child_text(root, PM_EL_SEVERITY);
	fact(w, "field.severity", s);
	free(s);
	if ((v = pm_ir_get(root, "status")) != NULL)
		fact(w, "field.status", label2(w, "status", v, key, sizeof(key)));
	s = pm_ir_child_text(root, PM_EL_OWNER);
	fact(w, "field.owner", s);
	free(s);
	s = pm_ir_child_text(root, PM_EL_DETECTED_BY);
	if (s != NULL)
		fact(w, "field.detected-by",
		     label2(w, "detected-by", s, key, sizeof(key)));
	free(s);
	fact_list(w, root);
	s = pm_ir_child_text(root, PM_EL_TIMEZONE);
	fact(w, "field.timezone", s);
	free(s);
	fact_counts(w, root);
}

/* The milestones, as the timeline gives events: "Kind | Time". */
static void
milestones(struct mw *w, const xmlNode *root)
{
	static const char *const cols[] = {"table.kind", "table.time"};
	const xmlNode *t = pm_ir_first(root, PM_EL_TIMES), *m;
	pm_buf cells[2] = {{0}, {0}};
	int head = 0;
	size_t i;

	for (i = 0; i < PM_MS__COUNT; i++) {
		m = pm_ir_first(t, pm_ir_milestone(i));
		if (pm_ir_get(m, "at") == NULL)
			continue;
		if (!head++) {
			put(w, "\n");
			header(w, cols, 2);
		}
		cells[0].len = cells[1].len = 0;
		label_cell(w, &cells[0], "milestone", pm_milestones[i]);
		when_cell(w, &cells[1], pm_ir_get(m, "at"), PM_DT_DATETIME);
		row(w, cells, 2);
	}
	pm_buf_free(&cells[0]);
	pm_buf_free(&cells[1]);
}

/* The durations that exist, one row under their names: at most four
 * short columns, within the width GitHub gives a page. */
static void
figures(struct mw *w, const xmlNode *root)
{
	const xmlNode *m = pm_ir_first(root, PM_EL_METRICS);
	const char *names[PM_DUR__COUNT] = {NULL};
	char keys[PM_DUR__COUNT][48];
	pm_buf cells[PM_DUR__COUNT], d = {0};
	size_t n = 0, i;
	const char *v;

	memset(cells, 0, sizeof(cells));
	for (i = 0; i < PM_DUR__COUNT; i++) {
		v = pm_ir_get(pm_ir_first(m, pm_durations[i].el), "seconds");
		if (v == NULL)
			continue;
		snprintf(keys[n], sizeof(keys[n]), "metric.%s",
		         pm_ir_name(pm_durations[i].el));
		d.len = 0;
		pm_fmt_duration(&d, strtoll(v, NULL, 10), w->fam);
		esc_text(&(struct iw){&cells[n], 0, 1, 1}, d.data, d.len);
		names[n] = keys[n];
		n++;
	}
	if (n > 0) {
		put(w, "\n");
		header(w, names, n);
		row(w, cells, n);
	}
	for (i = 0; i < n; i++)
		pm_buf_free(&cells[i]);
	pm_buf_free(&d);
}

static void
sections(struct mw *w, const xmlNode *root)
{
	const xmlNode *s;
	const char *key, *name;
	char k[64];

	s = pm_ir_first(root, PM_EL_SECTION);
	for (; s != NULL; s = pm_ir_next(s, PM_EL_SECTION)) {
		key = pm_ir_get(s, "key");
		cr(w);
		put(w, "\n");
		if (key != NULL && strcmp(key, "custom") != 0)
			name = label2(w, "section", key, k, sizeof(k));
		else
			name = pm_ir_get(s, "heading");
		heading_line(w, 2, name, NULL);
		w->blocks = 1;
		blocks(w, s);
	}
}

int
pm_render_md(const pm_doc *doc, const pm_render_opts *opts, pm_buf *out)
{
	struct mw w;
	const xmlNode *root;
	const pm_labels *lab;
	char *title;

	if (doc == NULL || doc->ir == NULL || doc->src.errors > 0)
		return -1;
	root = xmlDocGetRootElement(doc->ir);
	if (!pm_ir_is(root, PM_EL_POSTMORTEM))
		return -1;
	if ((lab = pm_labels_for(doc, opts)) == NULL)
		return -1;
	memset(&w, 0, sizeof(w));
	w.out = out;
	w.bol = 1;
	w.lab = lab;
	w.fam = pm_labels_lang(lab);
	pm_buf_puts(&w.prefix, "");
	title = pm_ir_child_text(root, PM_EL_TITLE);
	heading_line(&w, 1, title ? title : "", NULL);
	free(title);
	put(&w, "\n\n");
	ledes(&w, root);
	facts(&w, root);
	milestones(&w, root);
	figures(&w, root);
	sections(&w, root);
	cr(&w);
	pm_buf_free(&w.prefix);
	return 0;
}
