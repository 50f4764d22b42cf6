/* fmt.c: pmc fmt: a Markdown source rewritten in canonical form (front
 * matter keys in the spec's order, canonical section headings, one style
 * of timeline entries and follow-up attributes, prose through cmark's
 * CommonMark renderer), and the check that the rewrite kept the
 * document's meaning. */
#include <cmark-gfm.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "alloc.h"
#include "doc.h"
#include "fmt.h"
#include "ir.h"
#include "md.h"
#include "text.h"
#include "utf8.h"

/* The source as fmt sees it: its lines, the front matter's extent. */
typedef struct src {
	pm_src *s;
	pm_fm_span fm; /* where the front end found the front matter */
	struct line_made *made; /* per line, what the front end built there */
	const char *lang;
	pm_buf *dropped; /* words rewritten away by design (fmt_words.c) */
	struct defs *defs; /* the link reference definitions written back */
	struct autolinks *autolinks; /* GitHub's, until placed */
} src;

/* A link reference definition as written: "[label]: url "title"". */
typedef struct def {
	char *label, *url, *title;
} def;

typedef struct defs {
	def *v;
	size_t n;
} defs;

/* --- front matter --- */

static int
is_comment(const pm_src *s, int line)
{
	size_t n, i = 0;
	const char *l = pm_src_line(s, line, &n);

	while (i < n && (l[i] == ' ' || l[i] == '\t'))
		i++;
	return i < n && l[i] == '#';
}

/* One top-level key of the front matter with the lines it spans: the
 * comment lines right above it, the key, its value. */
typedef struct fm_block {
	int first, last; /* source lines */
	int rank;        /* place in format.md's order; unknown keys after all */
} fm_block;

/* Writes lines first..last without trailing blanks, except on the lines
 * marked in keep (inside a block scalar, where they are content). */
static void
put_lines(pm_buf *out, const pm_src *s, int first, int last,
          const char *keep)
{
	size_t n;
	const char *l;
	int i;

	for (i = first; i <= last; i++) {
		l = pm_src_line(s, i, &n);
		while (n > 0 && (l[n - 1] == '\r' || l[n - 1] == '\n'))
			n--;
		while (!keep[i] && n > 0 && (l[n - 1] == ' ' || l[n - 1] == '\t'))
			n--;
		pm_buf_put(out, l, n);
		pm_buf_putc(out, '\n');
	}
}

static int
by_rank(const void *a, const void *b)
{
	const fm_block *x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return x->first < y->first ? -1 : x->first > y->first;
}

/* The blocks of a block mapping whose keys all start a line, in the
 * order written; 0 when the front matter has another shape (then it is
 * kept as written). */
static size_t
fm_blocks(const pm_fm_layout *l, fm_block **out)
{
	const pm_fm_key *k;
	fm_block *b;
	size_t n;

	if (!l->block)
		return 0;
	b = pm_xcalloc(l->nkeys + 1, sizeof(*b));
	for (n = 0; n < l->nkeys; n++) {
		k = &l->keys[n];
		if (!k->scalar || k->col != 0 ||
		    (n > 0 && k->line <= b[n - 1].last)) {
			free(b);
			return 0;
		}
		b[n].first = k->line;
		b[n].last = k->last < k->line ? k->line : k->last;
		b[n].rank = k->index >= 0 ? k->index : 1000 + (int)n;
	}
	*out = b;
	return n;
}

/* Comment lines right above a key travel with it; the lines between one
 * value and the next key's comments (blank, or comments set apart by a
 * blank line) stay with the value before them. */
static void
fm_attach(const src *sr, fm_block *b, size_t n)
{
	size_t i;
	int floor;

	for (i = 0; i < n; i++) {
		floor = i ? b[i - 1].last : 1;
		while (b[i].first - 1 > floor &&
		       is_comment(sr->s, b[i].first - 1))
			b[i].first--;
	}
	for (i = 0; i + 1 < n; i++)
		b[i].last = b[i + 1].first - 1;
}

/* Marks the lines of every block scalar ("notes: |") in keep: trailing
 * blanks there are part of the value (two spaces end a Markdown line),
 * also in a key pmc does not know and the IR does not carry. */
static void
mark_block_scalars(const pm_fm_layout *l, char *keep, int nlines)
{
	size_t k;
	int i;

	for (k = 0; k < l->nscalars; k++)
		for (i = l->scalars[k].first;
		     i <= l->scalars[k].last && i <= nlines; i++)
			keep[i] = 1;
}

/* Writes one block without its trailing blank lines. */
static void
fm_put_block(pm_buf *out, const src *sr, const fm_block *b, const char *keep)
{
	int last = b->last;
	size_t len;
	const char *l;

	while (last > b->first && (l = pm_src_line(sr->s, last, &len)) &&
	       pm_text_blank(l, len))
		last--;
	put_lines(out, sr->s, b->first, last, keep);
}

static void
front_matter(pm_buf *out, const src *sr)
{
	pm_src *s = sr->s;
	size_t n = 0, i;
	pm_fm_layout l;
	fm_block *b = NULL;
	char *keep = pm_xcalloc(s->nlines + 2, 1);
	int loaded;

	pm_buf_puts(out, "---\n");
	loaded = pm_fm_layout_read(s, s->text + sr->fm.start,
	                           sr->fm.yaml_end - sr->fm.start, 2, &l) == 0;
	if (loaded)
		mark_block_scalars(&l, keep, (int)s->nlines);
	if (loaded && (n = fm_blocks(&l, &b)) > 0) {
		fm_attach(sr, b, n);
		b[n - 1].last = sr->fm.close - 1;
		put_lines(out, s, 2, b[0].first - 1, keep);
		qsort(b, n, sizeof(*b), by_rank);
		for (i = 0; i < n; i++)
			fm_put_block(out, sr, &b[i], keep);
	} else {
		put_lines(out, s, 2, sr->fm.close - 1, keep);
	}
	pm_fm_layout_free(&l);
	free(b);
	free(keep);
	pm_buf_puts(out, "---\n");
}

/* --- the body: rewrites in the cmark tree --- */

/* Literal Markdown that cmark's renderer writes as it is: an inline HTML
 * node. The text it holds is Markdown that reads back as the text the
 * front end saw (markers, times, attributes). */
static cmark_node *
literal(const char *s)
{
	cmark_node *n = cmark_node_new(CMARK_NODE_HTML_INLINE);

	cmark_node_set_literal(n, s);
	return n;
}

static int
type_of(cmark_node *n)
{
	return n ? (int)cmark_node_get_type(n) : -1;
}

/* Is c a UTF-8 continuation byte? */
static int
is_cont(char c)
{
	return ((unsigned char)c & 0xc0) == 0x80;
}

/* Does s[lo..hi) fold to want? */
static int
folds_to(const char *s, size_t lo, size_t hi, const char *want)
{
	char *f = pm_text_fold(s + lo, hi - lo);
	int same = strcmp(f, want) == 0;

	free(f);
	return same;
}

/* The bytes of a heading before and after its words: what pm_text_fold
 * trims (emoji, punctuation, blanks). Found as the most characters that
 * can be dropped from each end while the folded text stays the same, so
 * that this agrees with the matching in text.c by construction. Dropping
 * more never gives the same text again (the words only get shorter), so
 * each end is a binary search over the character boundaries: O(n log n)
 * for a heading of n bytes, where dropping one character at a time was
 * quadratic. */
static void
decoration(const char *s, size_t n, size_t *lo, size_t *hi)
{
	char *whole = pm_text_fold(s, n);
	size_t *at = pm_xmalloc((n + 1) * sizeof(*at)), count = 0, i, a, b, m;

	for (i = 0; i < n; i++)
		if (!is_cont(s[i]))
			at[count++] = i;
	at[count] = n;
	/* the largest a whose suffix still folds the same */
	for (a = 0, b = count; a < b;) {
		m = a + (b - a + 1) / 2;
		if (folds_to(s, at[m], n, whole))
			a = m;
		else
			b = m - 1;
	}
	*lo = at[a];
	/* the smallest b > a whose prefix from lo still folds the same */
	for (b = count, i = a; i < b;) {
		m = i + (b - i) / 2;
		if (folds_to(s, *lo, at[m], whole))
			b = m;
		else
			i = m + 1;
	}
	*hi = at[b];
	free(at);
	free(whole);
}

/* The one text node directly under heading h that holds all of its
 * words (text is the heading's plain text), or NULL when the words are
 * spread over several nodes or inside a link: such a heading is kept as
 * written, with its comments, anchors and links. */
static cmark_node *
name_node(cmark_node *h, const char *text)
{
	char *want = pm_text_fold(text, strlen(text)), *f;
	cmark_node *c, *found = NULL;
	const char *lit;

	cmark_consolidate_text_nodes(h);
	for (c = cmark_node_first_child(h); c; c = cmark_node_next(c)) {
		if (type_of(c) != CMARK_NODE_TEXT)
			continue;
		lit = cmark_node_get_literal(c);
		f = pm_text_fold(lit, strlen(lit));
		if (strcmp(f, want) == 0)
			found = found ? h : c;
		free(f);
	}
	free(want);
	return found == h ? NULL : found;
}

/* A level-2 heading of a known section gets the canonical name of the
 * document's language, keeping its emoji and punctuation around it and
 * whatever else the heading holds (an HTML comment, an anchor). */
static void
section_heading(const src *sr, cmark_node *h, pm_section_key key)
{
	char *text = pm_prose_plain(h);
	const char *canon, *lit;
	size_t n, name, lo, hi, num;
	pm_buf b = {0};
	cmark_node *c;

	if ((c = name_node(h, text)) == NULL)
		goto out;
	canon = pm_section_heading(key, sr->lang);
	lit = cmark_node_get_literal(c);
	n = strlen(lit);
	/* a heading the front end read by its name before a remark
	 * ("Timeline (all times UTC)") is kept as written: where a setext
	 * heading's lines split it, this run and the next would not agree
	 * on where the name ends */
	if ((name = pm_heading_name(lit, n)) < n)
		goto out;
	/* a section number ("2. Timeline") is the writer's: kept */
	num = pm_heading_number(lit, n);
	if (num > 0 && pm_section_match(lit + num, n - num, sr->lang) != key)
		num = 0; /* "5 whys" is a name, not a number and "whys" */
	decoration(lit + num, n - num, &lo, &hi);
	lo += num, hi += num;
	pm_buf_put(&b, lit, lo);
	pm_buf_puts(&b, canon);
	pm_buf_put(&b, lit + hi, n - hi);
	if (strcmp(pm_buf_cstr(&b), lit) == 0)
		goto out;
	pm_buf_put(sr->dropped, lit + lo, hi - lo);
	pm_buf_putc(sr->dropped, '\n');
	cmark_node_set_literal(c, b.data);
out:
	pm_buf_free(&b);
	free(text);
}

/* "[X]  text" at the start of a list item becomes "[x] text", in every
 * list: the front end reads GitHub's task marker in any item (a
 * timeline entry's or a why's too, where it is not part of the text).
 * Returns the marker's literal, or NULL when the item has none. */
static cmark_node *
task_marker(cmark_node *item)
{
	cmark_node *para = cmark_node_first_child(item), *text, *mark;
	const char *lit;
	size_t used;
	int done;

	if (type_of(para) != CMARK_NODE_PARAGRAPH ||
	    type_of(text = cmark_node_first_child(para)) != CMARK_NODE_TEXT)
		return NULL;
	lit = cmark_node_get_literal(text);
	if ((done = pm_task_marker(lit, &used)) == 0)
		return NULL;
	done = done == 2;
	if (lit[used] == '\0' && cmark_node_next(text) == NULL) {
		cmark_node_free(text);
		mark = literal(done ? "[x]" : "[ ]");
		cmark_node_append_child(para, mark);
		return mark;
	}
	mark = literal(done ? "[x] " : "[ ] ");
	cmark_node_prepend_child(para, mark);
	if (lit[used] == '\0') {
		cmark_node_free(text); /* the item goes on with markup */
	} else {
		lit = pm_xstrdup(lit + used);
		cmark_node_set_literal(text, lit);
		free((char *)lit);
	}
	return mark;
}

/* "- **07:59**: [Detected] text" becomes "- 07:59 — [detected] text";
 * a task marker before the time stays in front of it. */
static void
timeline_item(const src *sr, cmark_node *item)
{
	cmark_node *para = cmark_node_first_child(item), *mark, *first;
	char *lead;
	const char *kind;
	size_t n, used, sep, bad, badlen, klen, wrapped;
	pm_stamp st;
	pm_buf b = {0};

	if (type_of(para) != CMARK_NODE_PARAGRAPH)
		return;
	mark = task_marker(item);
	first = mark ? cmark_node_next(mark) : cmark_node_first_child(para);
	lead = pm_lead_text(first, &wrapped);
	n = strlen(lead);
	if (pm_entry_time(lead, n, &st, &used, &sep, &bad, &badlen) !=
	        PM_STAMP_OK ||
	    wrapped > used)
		goto out;
	pm_buf_put(&b, lead, used);
	if (st.has_date && used > 10 && b.data[10] == 'T') {
		b.data[10] = ' ';
		pm_buf_puts(sr->dropped, "T\n");
	}
	kind = pm_kind_tag(lead + used + sep, n - used - sep, &klen);
	used += sep + klen;
	if (kind != NULL)
		pm_buf_printf(&b, " \xe2\x80\x94 [%s]", kind);
	else if (lead[used] != '\0' || cmark_node_next(first))
		pm_buf_puts(&b, " \xe2\x80\x94");
	if (pm_lead_drop(first, used, wrapped) != NULL)
		pm_buf_putc(&b, ' ');
	if (mark != NULL)
		cmark_node_insert_after(mark, literal(b.data));
	else
		cmark_node_prepend_child(para, literal(b.data));
out:
	pm_buf_free(&b);
	free(lead);
}

/* An attribute of a follow-up and its place in pm_action_attrs, the
 * order of format.md section 5 (100 and on: unknown keys, in the order
 * written). */
typedef struct ranked {
	pm_pair p;
	int rank;
} ranked;

/* The attribute list that ends lit as sections.c reads it, each pair
 * ranked; *open receives the offset of its '('. */
static size_t
read_pairs(const char *lit, ranked *out, size_t *open)
{
	pm_pair pairs[16];
	size_t count = pm_attr_list(lit, pairs, 16, open), i;
	int k;

	for (i = 0; i < count; i++) {
		out[i].p = pairs[i];
		out[i].rank = 100 + (int)i;
		for (k = 0; k < PM_ACTION_ATTRS; k++)
			if (strlen(pm_action_attrs[k]) == pairs[i].kn &&
			    strncasecmp(pm_action_attrs[k], pairs[i].k,
			                pairs[i].kn) == 0)
				out[i].rank = k;
	}
	return count;
}

static int
by_pair_rank(const void *a, const void *b)
{
	const ranked *x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	return x->p.k < y->p.k ? -1 : x->p.k > y->p.k;
}

/* A value written so that it reads back as itself: characters that
 * could start markup are backslash-escaped, except in a bare URL, which
 * GitHub's autolinks take up to the next blank, backslashes included. */
static void
put_value(pm_buf *b, const char *s, size_t n)
{
	size_t i;

	if ((n > 7 && strncmp(s, "http://", 7) == 0) ||
	    (n > 8 && strncmp(s, "https://", 8) == 0) ||
	    (n > 4 && strncmp(s, "www.", 4) == 0)) {
		pm_buf_put(b, s, n);
		return;
	}
	for (i = 0; i < n; i++) {
		if (strchr("\\`*_[]<>&!~|", s[i]) != NULL && s[i] != '\0')
			pm_buf_putc(b, '\\');
		pm_buf_putc(b, s[i]);
	}
}

/* "(due: 2022-05-15, Owner: Drift)" becomes "(owner: Drift, due:
 * 2022-05-15)": known keys in the spec's order and lower case, unknown
 * ones after them as written. */
static void
follow_up_item(cmark_node *item)
{
	cmark_node *para = cmark_node_first_child(item), *last;
	const char *lit;
	ranked pairs[16];
	size_t n, count, i, open;
	pm_buf b = {0};
	char *head;

	if (type_of(para) != CMARK_NODE_PARAGRAPH)
		return;
	/* a URL in the list is its text, as the front end reads it */
	pm_prose_attr_text(para);
	if (type_of(last = cmark_node_last_child(para)) != CMARK_NODE_TEXT)
		return;
	lit = cmark_node_get_literal(last);
	if ((count = read_pairs(lit, pairs, &open)) == 0)
		return;
	qsort(pairs, count, sizeof(*pairs), by_pair_rank);
	pm_buf_putc(&b, '(');
	for (i = 0; i < count; i++) {
		pm_buf_puts(&b, i ? ", " : "");
		if (pairs[i].rank < 100)
			pm_buf_puts(&b, pm_action_attrs[pairs[i].rank]);
		else
			pm_buf_put(&b, pairs[i].p.k, pairs[i].p.kn);
		pm_buf_puts(&b, ": ");
		put_value(&b, pairs[i].p.v, pairs[i].p.vn);
	}
	pm_buf_putc(&b, ')');
	for (n = open; n > 0 && (lit[n - 1] == ' ' || lit[n - 1] == '\t');)
		n--;
	head = n > 0 ? pm_xstrndup(lit, n) : NULL;
	cmark_node_insert_after(last, literal(b.data));
	if (head != NULL) {
		cmark_node_set_literal(last, head);
		cmark_node_insert_after(last, literal(" "));
	} else {
		cmark_node_free(last);
	}
	free(head);
	pm_buf_free(&b);
}

/* What the front end made of a line of the source, as the positions in
 * the IR (line attributes) tell: fmt rewrites a heading, an entry or an
 * item where the front end read one, and never decides by itself what a
 * block means. */
typedef struct line_made {
	pm_el what;         /* PM_EL_EVENT, PM_EL_ACTION, PM_EL_SECTION or
	                       PM_EL_NONE */
	pm_section_key key; /* a section's */
} line_made;

/* Per source line, what the front end built there. */
static line_made *
read_made(const pm_src *s, const xmlDoc *ir)
{
	const xmlNode *top = xmlDocGetRootElement(ir), *n;
	line_made *m = pm_xmalloc((s->nlines + 1) * sizeof(*m));
	size_t i;
	int line;

	for (i = 0; i <= s->nlines; i++)
		m[i] = (line_made){PM_EL_NONE, PM_SEC_CUSTOM};
	for (n = top; n != NULL; n = pm_ir_walk(n, top, 1)) {
		line = pm_ir_loc_attr(n).line;
		if (line < 1 || (size_t)line > s->nlines)
			continue;
		switch (pm_ir_kind(n)) {
		case PM_EL_SECTION:
			m[line].key = pm_ir_section_key(n);
			/* FALLTHROUGH */
		case PM_EL_EVENT:
		case PM_EL_ACTION:
			m[line].what = pm_ir_kind(n);
			break;
		default:
			break;
		}
	}
	return m;
}

/* What the front end made of line. */
static const line_made *
made_at(const src *sr, int line)
{
	static const line_made none = {PM_EL_NONE, PM_SEC_CUSTOM};

	if (line < 1 || (size_t)line > sr->s->nlines)
		return &none;
	return &sr->made[line];
}

/* What the front end made of a list item: it puts the entry at the line
 * of the item's first block (its paragraph). */
static const line_made *
made_of(const src *sr, cmark_node *item)
{
	cmark_node *first = cmark_node_first_child(item);

	return made_at(sr, cmark_node_get_start_line(first ? first : item));
}

/* A top-level list: the items the front end read as timeline entries
 * or follow-ups rewritten. */
static void
structured_list(const src *sr, cmark_node *list)
{
	cmark_node *item;

	for (item = cmark_node_first_child(list); item;
	     item = cmark_node_next(item)) {
		if (made_of(sr, item)->what == PM_EL_EVENT)
			timeline_item(sr, item);
		else if (made_of(sr, item)->what == PM_EL_ACTION)
			follow_up_item(item);
	}
}

/* The headings of known sections and the structured lists, in one pass
 * over the top-level blocks. */
static void
sections(const src *sr, cmark_node *doc)
{
	cmark_node *n;
	const line_made *m;

	for (n = cmark_node_first_child(doc); n; n = cmark_node_next(n)) {
		if (type_of(n) == CMARK_NODE_HEADING &&
		    cmark_node_get_heading_level(n) == 2) {
			m = made_at(sr, cmark_node_get_start_line(n));
			if (m->what == PM_EL_SECTION && m->key != PM_SEC_CUSTOM)
				section_heading(sr, n, (pm_section_key)m->key);
		} else if (type_of(n) == CMARK_NODE_LIST) {
			structured_list(sr, n);
		}
	}
}

static const char *
delimiter(char align)
{
	switch (align) {
	case 'l':
		return " :--- |";
	case 'c':
		return " :---: |";
	case 'r':
		return " ---: |";
	default:
		return " --- |";
	}
}

/* The cells of row r written beyond the header's columns, as in the
 * source (the front end reads no more cells than the header has, but
 * they are the writer's words): the rest of the row's line after its
 * last cell, without the pipes around it. */
static void
extra_cells(const src *sr, const pm_table *t, size_t r, pm_buf *b)
{
	const pm_cell *last = &t->cells[r * t->ncols + t->nhead - 1];
	size_t n, i = 0, k;
	const char *l = pm_src_line(sr->s, last->loc.line, &n), *p;
	int32_t cp;
	int col;

	if (l == NULL)
		return;
	for (col = 1; col < last->loc.col && i < n; col++)
		i += (k = pm_utf8_decode(l + i, n - i, &cp)) ? k : 1;
	for (p = last->text; *p; p++)
		i += *p == '|' ? 2 : 1;
	while (i < n && strchr(" \t", l[i]))
		i++;
	if (i < n && l[i] == '|')
		i++;
	while (n > i && strchr(" \t\r\n", l[n - 1]))
		n--;
	if (n > i && l[n - 1] == '|' && (n < 2 || l[n - 2] != '\\'))
		n--;
	while (i < n && strchr(" \t", l[i]))
		i++;
	while (n > i && strchr(" \t", l[n - 1]))
		n--;
	if (n > i) {
		pm_buf_putc(b, ' ');
		pm_buf_put(b, l + i, n - i);
		pm_buf_puts(b, " |");
	}
}

/* A pipe table is written as a paragraph of its rows as the front end
 * reads them: "| a | b |" rows, a "| --- | :---: |" delimiter row
 * (spaced as the rows are, markdownlint's MD060), the cells' source as
 * written. */
static void
table(const src *sr, cmark_node *node)
{
	cmark_node *para;
	pm_md md;
	pm_table t;
	pm_buf b = {0};
	size_t r, c;
	const char *s;

	memset(&md, 0, sizeof(md));
	md.src = (pm_src *)sr->s;
	if (!pm_table_read(&md, node, &t))
		return;
	for (r = 0; r < t.nrows; r++) {
		pm_buf_puts(&b, r ? "\n|" : "|");
		for (c = 0; c < t.nhead; c++) {
			pm_buf_putc(&b, ' ');
			for (s = t.cells[r * t.ncols + c].text; *s; s++) {
				if (*s == '|')
					pm_buf_putc(&b, '\\');
				pm_buf_putc(&b, *s);
			}
			/* an empty cell is "| |", as markdownlint wants */
			pm_buf_puts(&b, *t.cells[r * t.ncols + c].text ? " |"
			                                               : "|");
		}
		extra_cells(sr, &t, r, &b);
		if (r == 0) {
			pm_buf_puts(&b, "\n|");
			for (c = 0; c < t.nhead; c++)
				pm_buf_puts(&b, delimiter(t.align[c]));
		}
	}
	para = cmark_node_new(CMARK_NODE_PARAGRAPH);
	cmark_node_append_child(para, literal(pm_buf_cstr(&b)));
	cmark_node_insert_before(node, para);
	cmark_node_free(node);
	pm_buf_free(&b);
	pm_table_free(&t);
}

/* The definition a link or image goes by, or NULL. */
static const def *
def_of(const src *sr, cmark_node *link)
{
	const char *url = cmark_node_get_url(link);
	const char *title = cmark_node_get_title(link);
	size_t i;

	for (i = 0; i < sr->defs->n; i++)
		if (strcmp(sr->defs->v[i].url, url ? url : "") == 0 &&
		    strcmp(sr->defs->v[i].title, title ? title : "") == 0)
			return &sr->defs->v[i];
	return NULL;
}

/* A link whose target is a definition kept in the text is written as a
 * reference to it ("[text][label]", or "[label]" when the text is the
 * label), as it most likely was: cmark's renderer would write it inline
 * and lose the label. */
static void
reference(const src *sr, cmark_node *link)
{
	const def *d = def_of(sr, link);
	cmark_node *c = cmark_node_first_child(link), *next;
	const char *after = "";
	pm_buf b = {0};

	if (d == NULL)
		return;
	if (type_of(cmark_node_next(link)) == CMARK_NODE_TEXT)
		after = cmark_node_get_literal(cmark_node_next(link));
	pm_buf_puts(&b, type_of(link) == CMARK_NODE_IMAGE ? "![" : "[");
	if (c != NULL && cmark_node_next(c) == NULL &&
	    type_of(c) == CMARK_NODE_TEXT &&
	    strcmp(cmark_node_get_literal(c), d->label) == 0 &&
	    strchr("([:", after[0]) == NULL) {
		pm_buf_printf(&b, "%s]", d->label);
		cmark_node_insert_before(link, literal(b.data));
	} else {
		cmark_node_insert_before(link, literal(b.data));
		for (; c != NULL; c = next) {
			next = cmark_node_next(c);
			cmark_node_insert_before(link, c);
		}
		b.len = 0;
		pm_buf_printf(&b, "][%s]", d->label);
		cmark_node_insert_before(link, literal(b.data));
	}
	cmark_node_free(link);
	pm_buf_free(&b);
}

/* A code block without an info string, written fenced: libcmark-gfm's
 * renderer would indent it, and two indented blocks with only a blank
 * line between would be read back as one. */
static void
code_block(cmark_node *node)
{
	const char *code = cmark_node_get_literal(node), *p;
	size_t run = 0, longest = 2;
	pm_buf b = {0};
	cmark_node *html;

	if (*cmark_node_get_fence_info(node) != '\0')
		return;
	for (p = code; *p; p++) {
		run = *p == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	for (run = 0; run <= longest; run++)
		pm_buf_putc(&b, '`');
	pm_buf_putc(&b, '\n');
	pm_buf_puts(&b, code);
	if (*code != '\0' && code[strlen(code) - 1] != '\n')
		pm_buf_putc(&b, '\n');
	for (run = 0; run <= longest; run++)
		pm_buf_putc(&b, '`');
	html = cmark_node_new(CMARK_NODE_HTML_BLOCK);
	cmark_node_set_literal(html, pm_buf_cstr(&b));
	cmark_node_insert_before(node, html);
	cmark_node_free(node);
	pm_buf_free(&b);
}

/* The nodes of the tree that keep picks, in document order, collected
 * first: the tree is not changed under a running iterator. */
static cmark_node **
collect(cmark_node *doc, int (*keep)(cmark_node *), size_t *count)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_node **nodes = NULL, *n;
	size_t cap = 0;

	*count = 0;
	while (cmark_iter_next(it) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (cmark_iter_get_event_type(it) != CMARK_EVENT_ENTER ||
		    !keep(n))
			continue;
		if (*count == cap) {
			cap = cap ? cap * 2 : 64;
			nodes = pm_xrealloc(nodes, cap * sizeof(*nodes));
		}
		nodes[(*count)++] = n;
	}
	cmark_iter_free(it);
	return nodes;
}

static int
is_link(cmark_node *n)
{
	return type_of(n) == CMARK_NODE_LINK || type_of(n) == CMARK_NODE_IMAGE;
}

static int
is_block_rewritten(cmark_node *n)
{
	return type_of(n) == CMARK_NODE_ITEM ||
	       type_of(n) == CMARK_NODE_CODE_BLOCK || pm_md_is(n, "table");
}

/* Marks a link that GitHub's autolinks made ("www.", "https://", an
 * e-mail address): its user data points here. */
static const char autolinked = 'a';

static int
same_link(cmark_node *a, cmark_node *b)
{
	char *ta = pm_prose_plain(a), *tb = pm_prose_plain(b);
	int same = type_of(a) == type_of(b) &&
	           strcmp(cmark_node_get_url(a), cmark_node_get_url(b)) == 0 &&
	           strcmp(cmark_node_get_title(a), cmark_node_get_title(b)) ==
	               0 &&
	           strcmp(ta, tb) == 0;

	free(ta);
	free(tb);
	return same;
}

/* Could GitHub's autolinker have made link n: a link (not an image)
 * whose text is its URL, or its URL without "http://" or "mailto:"? */
static int
github_shaped(cmark_node *n)
{
	cmark_node *c = cmark_node_first_child(n);
	const char *url = cmark_node_get_url(n), *text;

	if (type_of(n) != CMARK_NODE_LINK || type_of(c) != CMARK_NODE_TEXT ||
	    cmark_node_next(c) != NULL)
		return 0;
	text = cmark_node_get_literal(c);
	return strcmp(url, text) == 0 ||
	       (strncmp(url, "http://", 7) == 0 && strcmp(url + 7, text) == 0) ||
	       (strncmp(url, "mailto:", 7) == 0 && strcmp(url + 7, text) == 0);
}

/* The links of doc that a parse of text without GitHub's autolinks does
 * not have, marked: in that parse they are text. The others come in the
 * same order in both, the ones written between angle brackets among
 * them. */
static void
mark_autolinks(cmark_node *doc, const char *text, size_t len)
{
	cmark_node *plain = pm_md_parse(text, len, NULL, PM_MD_NO_AUTOLINKS);
	size_t na, np, i, j = 0, k;
	cmark_node **a = collect(doc, is_link, &na);
	cmark_node **p = collect(plain, is_link, &np);

	for (i = 0; i < na; i++) {
		if (j < np && same_link(a[i], p[j])) {
			j++;
		} else if (github_shaped(a[i])) {
			cmark_node_set_user_data(a[i], (void *)&autolinked);
		} else {
			/* the autolinker took in what would have been a link
			 * ("http://x/[a](b)"): the order goes on after it */
			for (k = j; k < np && !same_link(a[i], p[k]);)
				k++;
			j = k < np ? k + 1 : j;
		}
	}
	free(a);
	free(p);
	cmark_node_free(plain);
}

/* References, task markers, tables and code blocks anywhere in the
 * tree; links first, since a table drops the nodes of its cells. */
static void
prose(const src *sr, cmark_node *doc)
{
	size_t count, i;
	cmark_node **nodes = collect(doc, is_link, &count);

	for (i = 0; i < count; i++)
		if (cmark_node_get_user_data(nodes[i]) != &autolinked)
			reference(sr, nodes[i]);
	free(nodes);
	nodes = collect(doc, is_block_rewritten, &count);
	for (i = 0; i < count; i++) {
		if (type_of(nodes[i]) == CMARK_NODE_ITEM)
			task_marker(nodes[i]);
		else if (type_of(nodes[i]) == CMARK_NODE_CODE_BLOCK)
			code_block(nodes[i]);
		else if (pm_md_is(nodes[i], "table"))
			table(sr, nodes[i]);
	}
	free(nodes);
}

/* A code fence at the start of line[0..n), behind its container prefix:
 * its number of backticks (0 if none), and in *space where the space is
 * that cmark writes after them ("``` sh", "``` "), or 0. */
static size_t
fence(const char *line, size_t n, size_t *space)
{
	size_t i = 0, ticks = 0;

	while (i < n && (line[i] == ' ' || line[i] == '>'))
		i++;
	while (i < n && line[i] == '`')
		i++, ticks++;
	*space = ticks >= 3 && i < n && line[i] == ' ' ? i : 0;
	return ticks >= 3 ? ticks : 0;
}

/* cmark's output, with opening code fences as people write them,
 * "```sh" and "```"; the code inside is left as it is. */
static void
put_rendered(pm_buf *out, const char *md)
{
	const char *nl;
	size_t n, sp, ticks, open = 0;

	for (; *md; md += n + (nl != NULL)) {
		nl = strchr(md, '\n');
		n = nl ? (size_t)(nl - md) : strlen(md);
		ticks = fence(md, n, &sp);
		if (open == 0 && ticks > 0 && sp > 0) {
			pm_buf_put(out, md, sp);
			pm_buf_put(out, md + sp + 1, n - sp - 1);
		} else {
			pm_buf_put(out, md, n);
		}
		if (open == 0)
			open = ticks;
		else if (ticks >= open && (sp == 0 || pm_text_blank(md + sp, n - sp)))
			open = 0;
		if (nl != NULL)
			pm_buf_putc(out, '\n');
	}
}

/* --- list markers as people and markdownlint write them --- */

/* The rendered text by lines: each line's old bytes, how many of them
 * the container prefixes rewritten so far took, and its new prefix. */
typedef struct relines {
	const char **s;
	size_t *n, *pos;
	pm_buf *pre;
	int count;
} relines;

static size_t
skip_spaces(const char *s, size_t n, size_t i, size_t max)
{
	while (i < n && max-- > 0 && s[i] == ' ')
		i++;
	return i;
}

/* The width cmark gives an item's content and the one fmt gives it: "  -
 * " 4 and "- " 2; "1.  " 4 and "1. " 3; "10. " 4 and "10. " 4. */
static void
item_widths(cmark_node *item, size_t *old, size_t *now, char *marker,
            size_t msize)
{
	cmark_node *list = cmark_node_parent(item), *c;
	int number = cmark_node_get_list_start(list);

	if (cmark_node_get_list_type(list) != CMARK_ORDERED_LIST) {
		*old = 4;
		*now = 2;
		snprintf(marker, msize, "- ");
		return;
	}
	for (c = cmark_node_previous(item); c; c = cmark_node_previous(c))
		number++;
	snprintf(marker, msize, "%d%c ", number,
	         cmark_node_get_list_delim(list) == CMARK_PAREN_DELIM ? ')'
	                                                             : '.');
	*now = strlen(marker);
	*old = *now < 4 ? 4 : *now;
}

/* One container's share of the prefix of its lines, rewritten: a block
 * quote's "> " as it is, a list item's marker and indentation in the
 * narrow form. */
static void
reprefix(relines *r, cmark_node *n)
{
	int first = cmark_node_get_start_line(n), last = cmark_node_get_end_line(n), l;
	size_t old = 0, now = 0, p, q;
	char marker[32];
	int quote = type_of(n) == CMARK_NODE_BLOCK_QUOTE;

	if (!quote)
		item_widths(n, &old, &now, marker, sizeof(marker));
	for (l = first; l <= last && l <= r->count; l++) {
		p = r->pos[l - 1];
		if (quote) {
			q = p < r->n[l - 1] && r->s[l - 1][p] == '>' ? p + 1 : p;
			q = skip_spaces(r->s[l - 1], r->n[l - 1], q, 1);
			pm_buf_put(&r->pre[l - 1], r->s[l - 1] + p, q - p);
		} else if (l == first) {
			q = skip_spaces(r->s[l - 1], r->n[l - 1], p, 3);
			while (q < r->n[l - 1] && r->s[l - 1][q] != ' ' &&
			       q - p < old - 1)
				q++;
			q = skip_spaces(r->s[l - 1], r->n[l - 1], q,
			                old - (q - p));
			pm_buf_puts(&r->pre[l - 1], marker);
		} else {
			q = skip_spaces(r->s[l - 1], r->n[l - 1], p, old);
			pm_buf_printf(&r->pre[l - 1], "%*s", (int)now, "");
		}
		r->pos[l - 1] = q;
	}
}

/* cmark writes list items as "  - item" and "1.  item", with content
 * indented by four; markdownlint (MD007, MD030) and most people write
 * "- item" and "1. item", indented by the marker's width. The rendered
 * text is read again to know which lines each item and quote spans, and
 * their prefixes are rewritten from the outside in. */
static void
relist(pm_buf *out, const char *md)
{
	size_t len = strlen(md), i, k;
	cmark_node *doc = cmark_parse_document(md, len, CMARK_OPT_DEFAULT), *n;
	cmark_iter *it = cmark_iter_new(doc);
	relines r = {0};
	const char *l;
	pm_buf text = {0};

	for (i = 0; i < len; i++)
		r.count += md[i] == '\n';
	r.count += len > 0 && md[len - 1] != '\n';
	r.s = pm_xcalloc((size_t)r.count + 1, sizeof(*r.s));
	r.n = pm_xcalloc((size_t)r.count + 1, sizeof(*r.n));
	r.pos = pm_xcalloc((size_t)r.count + 1, sizeof(*r.pos));
	r.pre = pm_xcalloc((size_t)r.count + 1, sizeof(*r.pre));
	for (i = 0, l = md; (int)i < r.count; i++, l += k + 1) {
		k = strcspn(l, "\n");
		r.s[i] = l;
		r.n[i] = k;
	}
	while (cmark_iter_next(it) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (cmark_iter_get_event_type(it) == CMARK_EVENT_ENTER &&
		    (type_of(n) == CMARK_NODE_ITEM ||
		     type_of(n) == CMARK_NODE_BLOCK_QUOTE))
			reprefix(&r, n);
	}
	for (i = 0; (int)i < r.count; i++) {
		pm_buf_put(&text, r.pre[i].data, r.pre[i].len);
		if (r.pos[i] < r.n[i])
			pm_buf_put(&text, r.s[i] + r.pos[i], r.n[i] - r.pos[i]);
		else
			while (text.len > 0 && text.data[text.len - 1] == ' ')
				text.len--;
		pm_buf_putc(&text, '\n');
		pm_buf_free(&r.pre[i]);
	}
	put_rendered(out, pm_buf_cstr(&text));
	pm_buf_free(&text);
	free(r.s);
	free(r.n);
	free(r.pos);
	free(r.pre);
	cmark_iter_free(it);
	cmark_node_free(doc);
}

/* --- escapes only where a reader needs them --- */

static int
is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

/* Would GitHub's autolinker take the "://" at s[i] for a link:
 * "http", "https" or "ftp" right before it (the whole run of letters
 * there: "xhttp://" is no link), a character of a host after it? The
 * colon is escaped then, as the source must have kept it text. */
static int
url_colon(const char *s, size_t n, size_t i)
{
	static const char *const schemes[] = {"http", "https", "ftp"};
	size_t k = i, j;

	if (i + 3 >= n || s[i + 1] != '/' || s[i + 2] != '/' ||
	    !(is_alnum(s[i + 3]) || (unsigned char)s[i + 3] >= 0x80))
		return 0;
	while (k > 0 && isalpha((unsigned char)s[k - 1]))
		k--;
	for (j = 0; j < 3; j++)
		if (i - k == strlen(schemes[j]) &&
		    strncasecmp(s + k, schemes[j], i - k) == 0)
			return 1;
	return 0;
}

/* Would GitHub's autolinker take the "www." whose dot is s[i] for a
 * link: at a word's start (or the node's, where what comes before is
 * not known)? */
static int
www_dot(const char *s, size_t i)
{
	return i >= 3 && strncmp(s + i - 3, "www", 3) == 0 &&
	       (i == 3 || strchr(" \t*_~(", s[i - 4]) != NULL);
}

/* Where a text is, for its escapes: in a heading (written on one line,
 * where '#' closes it), in a link's text (where no autolink is read), in
 * a block whose texts hold more than one '~' (which could pair). */
enum { IN_HEADING = 1, IN_LINK = 2, IN_TILDES = 4 };

/* Marks the text nodes of a link's text: their escapes are those of
 * text in a link's text (IN_LINK), once they are moved out of it. */
static const char link_text_mark = 't';

/* Does s[i] need a backslash to stay text? cmark escapes every '_', '#',
 * '<', '>', '!' ("pg\_dump", "\#465"); only those that could start
 * markup are, here: code and links always, '*' and '_' unless between
 * blanks, a '_' also not inside a word, '#' '>' '-' '+' '=' '~' and "1." at the start of a line, '#'
 * anywhere in a heading (a closing sequence), '<' before what could be a
 * tag, '!' before '[' and '&' that could start an entity ("&amp;"). At
 * the end of a node, what follows is not known, so the escape stays;
 * unless the node is closed (a line break or its block's end follows),
 * for an '&', a '<' and a '!': no ';', tag name or '[' can follow then
 * (a setext heading's lines become one line of an ATX heading, and the
 * next run must not drop an escape this one wrote). A ':' or '.' that
 * would make GitHub's autolinker read a link ("https://", "www.") is
 * escaped, but in a link's text, where it reads none: links are links
 * in the tree, so text must stay text. */
static int
needs_escape(const char *s, size_t n, size_t i, int line_start,
             int where, int closed)
{
	char c = s[i], next = i + 1 < n ? s[i + 1] : '\0';
	int first = line_start && i == 0, heading = where & IN_HEADING;
	size_t d;

	switch (c) {
	case '\\':
		return next == '\0' || strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", next);
	case '`':
	case '[':
	case ']':
		return 1;
	case '~':
		/* GitHub's strikethrough needs a pair of tilde runs; a lone
		 * "~40 min" stays bare, also where a link or emphasis parts
		 * it from another (IN_TILDES) */
		return first || (where & IN_TILDES) ||
		       memchr(s, '~', i) != NULL ||
		       memchr(s + i + 1, '~', n - i - 1) != NULL;
	case '*':
	case '_':
		/* blanks on both sides: neither opens nor closes emphasis */
		if (!first && i > 0 && s[i - 1] == ' ' && next == ' ')
			return 0;
		return c == '*' || i == 0 || !is_alnum(s[i - 1]) ||
		       !is_alnum(next);
	case '<':
		return (next == '\0' && !closed) ||
		       (next >= 'a' && next <= 'z') ||
		       (next >= 'A' && next <= 'Z') ||
		       (next != '\0' && strchr("/!?", next));
	case '!':
		return (next == '\0' && !closed) || next == '[';
	case '&':
		for (d = i + 1; d < n && (is_alnum(s[d]) || s[d] == '#');)
			d++;
		return d > i + 1 && (d == n ? !closed : s[d] == ';');
	case '#':
		return first || heading;
	case ':':
		return !(where & IN_LINK) && url_colon(s, n, i);
	case '>':
	case '-':
	case '+':
	case '=':
		return first;
	case '.':
		if (!(where & IN_LINK) && www_dot(s, i))
			return 1;
		/* FALLTHROUGH */
	case ')':
		/* only "1." interrupts a paragraph; any number starts one */
		for (d = 0; d < i && s[d] >= '0' && s[d] <= '9';)
			d++;
		if (!line_start || d != i || d == 0 || d > 9 ||
		    (next != '\0' && next != ' '))
			return 0;
		return line_start == 2 || strtol(s, NULL, 10) == 1;
	default:
		return 0;
	}
}

/* Is text node t at the start of a line of its block: 2 at the start
 * of the block, 1 after a line break, else 0? */
static int
starts_line(cmark_node *t)
{
	cmark_node *prev = cmark_node_previous(t);
	int parent = type_of(cmark_node_parent(t));

	if (prev != NULL)
		return type_of(prev) == CMARK_NODE_SOFTBREAK ||
		       type_of(prev) == CMARK_NODE_LINEBREAK;
	return parent == CMARK_NODE_PARAGRAPH || parent == CMARK_NODE_HEADING
	           ? 2
	           : 0;
}

/* A control character in a text's literal came from a character
 * reference (fmt blanks the ones written as bytes, as md.c does): it is
 * written as one again, "&#x85;", at s[*i], and *i moved to its last
 * byte. Returns whether there was one. */
static int
control_ref(const char *s, size_t n, size_t *i, pm_buf *b)
{
	int32_t cp;
	size_t k = pm_utf8_decode(s + *i, n - *i, &cp);

	if (k == 0 || !pm_utf8_is_control(cp))
		return 0;
	pm_buf_printf(b, "&#x%X;", (unsigned)cp);
	*i += k - 1;
	return 1;
}

/* Is what follows text node t a line break or the end of its block? */
static int
is_closed(cmark_node *t)
{
	cmark_node *next = cmark_node_next(t);
	int up = type_of(cmark_node_parent(t));

	if (next != NULL)
		return type_of(next) == CMARK_NODE_SOFTBREAK ||
		       type_of(next) == CMARK_NODE_LINEBREAK;
	return up == CMARK_NODE_PARAGRAPH || up == CMARK_NODE_HEADING;
}

/* s written as text with only the escapes it needs, into b: start and
 * closed as starts_line() and is_closed() tell, where the IN_ flags. */
static void
put_text(pm_buf *b, const char *s, int start, int where, int closed)
{
	size_t n = strlen(s), i;

	for (i = 0; i < n; i++) {
		if (control_ref(s, n, &i, b))
			continue;
		if (needs_escape(s, n, i, start, where, closed))
			pm_buf_putc(b, '\\');
		pm_buf_putc(b, s[i]);
	}
}

/* A text node written with only the escapes it needs, as a literal. */
static void
unescape_text(cmark_node *t, int where)
{
	int start = starts_line(t);
	cmark_node *up;
	pm_buf b = {0};

	for (up = cmark_node_parent(t); up; up = cmark_node_parent(up))
		if (type_of(up) == CMARK_NODE_HEADING)
			where |= IN_HEADING;
	if (cmark_node_get_user_data(t) == &link_text_mark)
		where |= IN_LINK;
	/* a heading is written on one line, its line breaks as spaces */
	if (where & IN_HEADING && start == 1)
		start = 0;
	put_text(&b, cmark_node_get_literal(t), start, where, is_closed(t));
	cmark_node_insert_before(t, literal(pm_buf_cstr(&b)));
	cmark_node_free(t);
	pm_buf_free(&b);
}

/* --- links as cmark-gfm reads them back --- */

/* The text of a link whose only child is text, or NULL. */
static const char *
link_text(cmark_node *link)
{
	cmark_node *c = cmark_node_first_child(link);

	if (c == NULL || cmark_node_next(c) != NULL ||
	    type_of(c) != CMARK_NODE_TEXT)
		return NULL;
	return cmark_node_get_literal(c);
}

/* Is s[i] an '&' that would start an entity reference ("&lt;")? */
static int
entity_at(const char *s, size_t n, size_t i)
{
	size_t d = i + 1;

	while (d < n && (is_alnum(s[d]) || s[d] == '#'))
		d++;
	return s[i] == '&' && d > i + 1 && d < n && s[d] == ';';
}

/* Does a backslash at s[i] need one before it: before ASCII
 * punctuation, or at the end, where a closing bracket follows? */
static int
backslash_escapes(const char *s, size_t n, size_t i)
{
	return s[i] == '\\' &&
	       (i + 1 == n || strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
	                             s[i + 1]) != NULL);
}

/* s written as a destination or title with the escapes it needs there:
 * a backslash before each character of `special` and before a
 * backslash that would escape, an entity's '&' as "&amp;" (cmark reads
 * the references of a destination before its escapes: "\\&lt;" is
 * "<"), control characters as references. */
static void
put_escaped(pm_buf *b, const char *s, const char *special)
{
	size_t n = strlen(s), i;

	for (i = 0; i < n; i++) {
		if (control_ref(s, n, &i, b))
			continue;
		if (entity_at(s, n, i)) {
			pm_buf_puts(b, "&amp;");
			continue;
		}
		if (strchr(special, s[i]) != NULL || backslash_escapes(s, n, i))
			pm_buf_putc(b, '\\');
		pm_buf_putc(b, s[i]);
	}
}

/* Are the parentheses of s balanced, as a bare destination needs? */
static int
balanced(const char *s)
{
	int depth = 0;

	for (; *s && depth >= 0; s++) {
		if (*s == '\\' && s[1] != '\0')
			s++;
		else
			depth += *s == '(' ? 1 : *s == ')' ? -1 : 0;
	}
	return depth == 0;
}

/* "](url "title")" for a link: the destination bare, or between angle
 * brackets when it is empty, has a blank or unbalanced parentheses
 * (cmark's renderer would percent-encode the blank: another URL). */
static void
put_target(pm_buf *b, cmark_node *link)
{
	const char *url = cmark_node_get_url(link);
	const char *title = cmark_node_get_title(link);
	int pointy = *url == '\0' || strchr(url, ' ') != NULL || !balanced(url);

	pm_buf_puts(b, pointy ? "](<" : "](");
	put_escaped(b, url, "<>");
	if (pointy)
		pm_buf_putc(b, '>');
	if (*title != '\0') {
		pm_buf_puts(b, " \"");
		put_escaped(b, title, "\"");
		pm_buf_putc(b, '"');
	}
	pm_buf_putc(b, ')');
}

/* Does cmark-gfm read md as one paragraph holding just a link to url
 * with text as its text? */
static int
reads_as_link(const char *md, const char *url, const char *text)
{
	cmark_node *doc = pm_md_parse(md, strlen(md), NULL, PM_MD_NO_TASKS);
	cmark_node *para = cmark_node_first_child(doc);
	cmark_node *link = cmark_node_first_child(para);
	const char *t;
	int same = 0;

	if (type_of(para) == CMARK_NODE_PARAGRAPH &&
	    cmark_node_next(para) == NULL &&
	    type_of(link) == CMARK_NODE_LINK && cmark_node_next(link) == NULL &&
	    (t = link_text(link)) != NULL)
		same = strcmp(cmark_node_get_url(link), url) == 0 &&
		       *cmark_node_get_title(link) == '\0' &&
		       strcmp(t, text) == 0;
	cmark_node_free(doc);
	return same;
}

/* A link whose text is its URL as an autolink, "<https://...>" or
 * "<name@host>", into b when cmark-gfm reads that back as the same
 * link; else nothing. Returns whether. Inside, a backslash is no escape
 * and an entity's '&' is written "&amp;". */
static int
put_pointy(pm_buf *b, cmark_node *link)
{
	const char *url = cmark_node_get_url(link), *text = link_text(link);
	size_t start = b->len, i, n;

	if (type_of(link) != CMARK_NODE_LINK || text == NULL ||
	    !isalpha((unsigned char)*text) || strpbrk(text, " <>") != NULL ||
	    *cmark_node_get_title(link) != '\0')
		return 0;
	pm_buf_putc(b, '<');
	for (i = 0, n = strlen(text); i < n; i++)
		if (entity_at(text, n, i))
			pm_buf_puts(b, "&amp;");
		else
			pm_buf_putc(b, text[i]);
	pm_buf_putc(b, '>');
	if (reads_as_link(pm_buf_cstr(b) + start, url, text))
		return 1;
	b->len = start;
	return 0;
}

static int
is_text(cmark_node *n)
{
	return type_of(n) == CMARK_NODE_TEXT;
}

/* Marks the text nodes of a link's text (link_text_mark). */
static void
mark_link_text(cmark_node *link)
{
	size_t count, i;
	cmark_node **nodes = collect(link, is_text, &count);

	for (i = 0; i < count; i++)
		cmark_node_set_user_data(nodes[i], (void *)&link_text_mark);
	free(nodes);
}

/* A link or image written by hand, "[text](url "title")" or
 * "![alt](...)", its text as nodes that get their escapes with all
 * other text: cmark's renderer would percent-encode a blank of the URL
 * and escape the text of an autolink as if it were text. A link whose
 * text is its URL stays an autolink. */
static void
link(cmark_node *n)
{
	cmark_node *c, *next;
	pm_buf b = {0};

	if (put_pointy(&b, n)) {
		cmark_node_insert_before(n, literal(b.data));
	} else {
		cmark_node_insert_before(
		    n, literal(type_of(n) == CMARK_NODE_IMAGE ? "![" : "["));
		mark_link_text(n);
		for (c = cmark_node_first_child(n); c != NULL; c = next) {
			next = cmark_node_next(c);
			cmark_node_insert_before(n, c);
		}
		put_target(&b, n);
		cmark_node_insert_before(n, literal(b.data));
	}
	cmark_node_free(n);
	pm_buf_free(&b);
}

/* A link GitHub's autolinks made, to write as it was (its text is the
 * source's, backslashes and all) where GitHub reads it back the same,
 * else in a form that says where it starts and ends. */
typedef struct autolink {
	char *raw, *url, *other;
} autolink;

typedef struct autolinks {
	autolink *v;
	size_t n;
} autolinks;

/* The marker that stands for autolink k in cmark's output until
 * place_autolinks() chooses its form: control characters, which the
 * text cannot hold (fmt writes them as references). */
#define MARK_OPEN '\x01'
#define MARK_CLOSE '\x02'

static void
mark_autolink(autolinks *al, cmark_node *n)
{
	const char *text = link_text(n);
	autolink *a;
	pm_buf b = {0};
	char mark[32];

	if (text == NULL) {
		link(n); /* not GitHub's: it would have text only */
		return;
	}
	if (!put_pointy(&b, n)) {
		pm_buf_putc(&b, '[');
		put_text(&b, text, 0, IN_LINK, 0);
		put_target(&b, n);
	}
	al->v = pm_xrealloc(al->v, (al->n + 1) * sizeof(*al->v));
	a = &al->v[al->n];
	a->raw = pm_xstrdup(text);
	a->url = pm_xstrdup(cmark_node_get_url(n));
	a->other = pm_xstrdup(pm_buf_cstr(&b));
	snprintf(mark, sizeof(mark), "%c%zu%c", MARK_OPEN, al->n++, MARK_CLOSE);
	cmark_node_insert_before(n, literal(mark));
	cmark_node_free(n);
	pm_buf_free(&b);
}

/* Every link and image not written as a reference: by hand, as an
 * autolink, or marked for place_autolinks(). */
static void
links(const src *sr, cmark_node *doc)
{
	size_t count, i;
	cmark_node **nodes = collect(doc, is_link, &count);

	for (i = 0; i < count; i++)
		if (cmark_node_get_user_data(nodes[i]) == &autolinked)
			mark_autolink(sr->autolinks, nodes[i]);
		else
			link(nodes[i]);
	free(nodes);
}

/* The marker at md, if any: its autolink's index, and its length. */
static size_t
marker(const char *md, const autolinks *al, size_t *k)
{
	char *end;
	unsigned long v;

	if (*md != MARK_OPEN)
		return 0;
	v = strtoul(md + 1, &end, 10);
	if (*end != MARK_CLOSE || end == md + 1 || v >= al->n)
		return 0;
	*k = v;
	return (size_t)(end - md) + 1;
}

static int
blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\0';
}

static int
is_empty_text(cmark_node *n)
{
	return type_of(n) == CMARK_NODE_TEXT &&
	       *cmark_node_get_literal(n) == '\0';
}

/* What cmark-gfm reads md as, in its XML form, without the empty text
 * nodes its autolinker leaves; NULL when want is given and no link to
 * want's URL with want's text is in it. */
static char *
reading(const char *md, const autolink *want)
{
	cmark_node *doc = pm_md_parse(md, strlen(md), NULL, PM_MD_NO_TASKS);
	size_t count, i;
	cmark_node **nodes = collect(doc, is_empty_text, &count);
	const char *t;
	int found = want == NULL;
	char *xml = NULL;

	for (i = 0; i < count; i++)
		cmark_node_free(nodes[i]);
	free(nodes);
	cmark_consolidate_text_nodes(doc);
	nodes = collect(doc, is_link, &count);
	for (i = 0; i < count && !found; i++)
		found = (t = link_text(nodes[i])) != NULL &&
		        strcmp(t, want->raw) == 0 &&
		        strcmp(cmark_node_get_url(nodes[i]), want->url) == 0;
	free(nodes);
	if (found)
		xml = cmark_render_xml(doc, 0);
	cmark_node_free(doc);
	return xml;
}

/* cmark-gfm's autolinks end at a blank and look no further back than
 * one: the word around a marker is all that decides whether its link
 * reads back the same written as it was. Is that so? before is the
 * word's part already written, md the rest of the output after the
 * marker (later markers in their other form). */
static int
raw_reads_same(const autolinks *al, size_t k, const char *before,
               size_t blen, const char *md)
{
	pm_buf raw = {0}, other = {0};
	char *xa, *xb;
	size_t i, len, j;
	int same;

	pm_buf_put(&raw, before, blen);
	pm_buf_puts(&raw, al->v[k].raw);
	pm_buf_put(&other, before, blen);
	pm_buf_puts(&other, al->v[k].other);
	for (i = 0; !blank(md[i]); i += len) {
		if ((len = marker(md + i, al, &j)) > 0) {
			pm_buf_puts(&raw, al->v[j].other);
			pm_buf_puts(&other, al->v[j].other);
		} else {
			len = 1;
			pm_buf_putc(&raw, md[i]);
			pm_buf_putc(&other, md[i]);
		}
	}
	xa = reading(pm_buf_cstr(&raw), &al->v[k]);
	xb = reading(pm_buf_cstr(&other), NULL);
	same = xa != NULL && strcmp(xa, xb) == 0;
	free(xa);
	free(xb);
	pm_buf_free(&raw);
	pm_buf_free(&other);
	return same;
}

/* cmark's output md with each autolink's marker replaced: the link as
 * it was written where that reads back the same, else its other form. */
static char *
place_autolinks(const autolinks *al, const char *md)
{
	pm_buf out = {0};
	size_t i, len, k, word = 0;

	for (i = 0; md[i] != '\0'; i += len) {
		if ((len = marker(md + i, al, &k)) == 0) {
			len = 1;
			if (blank(md[i]))
				word = out.len + 1;
			pm_buf_putc(&out, md[i]);
			continue;
		}
		pm_buf_puts(&out, raw_reads_same(al, k, out.data + word,
		                                 out.len - word, md + i + len)
		                      ? al->v[k].raw
		                      : al->v[k].other);
	}
	pm_buf_cstr(&out);
	return out.data;
}

static void
autolinks_free(autolinks *al)
{
	size_t i;

	for (i = 0; i < al->n; i++) {
		free(al->v[i].raw);
		free(al->v[i].url);
		free(al->v[i].other);
	}
	free(al->v);
}

/* An HTML block's literal without its final newline: cmark's renderer
 * writes the newline as it is and then forgets the container prefix on
 * the blank line after the block, which ends a block quote there. */
static void
html_block_end(cmark_node *n)
{
	const char *lit = cmark_node_get_literal(n);
	size_t len = lit ? strlen(lit) : 0;
	char *cut;

	if (len == 0 || lit[len - 1] != '\n')
		return;
	cut = pm_xstrndup(lit, len - 1);
	cmark_node_set_literal(n, cut);
	free(cut);
}

/* s with its control characters as references, or NULL if it has
 * none. */
static char *
controls_as_refs(const char *s)
{
	size_t i, n = s ? strlen(s) : 0;
	pm_buf b = {0};
	int any = 0;

	for (i = 0; i < n; i++)
		if (control_ref(s, n, &i, &b))
			any = 1;
		else
			pm_buf_putc(&b, s[i]);
	if (!any) {
		pm_buf_free(&b);
		return NULL;
	}
	pm_buf_cstr(&b);
	return b.data;
}

/* A fence's info string with the control characters that references
 * spelled written so again: cmark would write them as bytes, which md.c
 * blanks. (Links are written by link(), which does the same.) */
static void
attribute_refs(cmark_node *n)
{
	char *s;

	if ((s = controls_as_refs(cmark_node_get_fence_info(n))))
		cmark_node_set_fence_info(n, s);
	free(s);
}

static int
gets_escapes(cmark_node *n)
{
	switch (type_of(n)) {
	case CMARK_NODE_TEXT:
	case CMARK_NODE_HTML_BLOCK:
	case CMARK_NODE_CODE_BLOCK:
		return 1;
	default:
		return 0;
	}
}

/* The paragraph or heading that holds inline n. */
static cmark_node *
leaf_block(cmark_node *n)
{
	while (n != NULL && type_of(n) != CMARK_NODE_PARAGRAPH &&
	       type_of(n) != CMARK_NODE_HEADING)
		n = cmark_node_parent(n);
	return n;
}

static int
is_tilde_run(cmark_node *n)
{
	return type_of(n) == CMARK_NODE_TEXT || pm_md_is(n, "strikethrough");
}

/* How many '~' block holds, in its texts and its strikethroughs'
 * delimiters, which a '~' next to them would lengthen. */
static size_t
tildes(cmark_node *block)
{
	size_t count, i, many = 0;
	cmark_node **nodes = collect(block, is_tilde_run, &count);
	const char *p;

	for (i = 0; i < count; i++)
		if (type_of(nodes[i]) != CMARK_NODE_TEXT)
			many += 2;
		else
			for (p = cmark_node_get_literal(nodes[i]); *p; p++)
				many += *p == '~';
	free(nodes);
	return many;
}

/* Every text node of the tree, with the escapes it needs; every HTML
 * block without its final newline; control characters as references. */
static void
escapes(cmark_node *doc)
{
	size_t count, i;
	cmark_node **nodes, *block = NULL;
	int where = 0;

	cmark_consolidate_text_nodes(doc);
	nodes = collect(doc, gets_escapes, &count);
	for (i = 0; i < count; i++) {
		if (type_of(nodes[i]) == CMARK_NODE_TEXT &&
		    leaf_block(nodes[i]) != block) {
			block = leaf_block(nodes[i]);
			where = block && tildes(block) > 1 ? IN_TILDES : 0;
		}
		if (type_of(nodes[i]) == CMARK_NODE_TEXT)
			unescape_text(nodes[i], where);
		else if (type_of(nodes[i]) == CMARK_NODE_HTML_BLOCK)
			html_block_end(nodes[i]);
		else
			attribute_refs(nodes[i]);
	}
	free(nodes);
}

/* The part of s up to the first unescaped stop character. */
static size_t
span(const char *s, size_t n, const char *stop)
{
	size_t i;

	for (i = 0; i < n && strchr(stop, s[i]) == NULL; i++)
		if (s[i] == '\\' && i + 1 < n)
			i++;
	return i;
}

/* Reads "[label]: url" and an optional quoted title on one line. */
static void
read_def(defs *d, const char *l, size_t n)
{
	size_t i = 1 + span(l + 1, n - 1, "]"), u, k;
	def *x;

	if (i + 1 >= n || l[i + 1] != ':')
		return;
	for (u = i + 2; u < n && (l[u] == ' ' || l[u] == '\t');)
		u++;
	if (u < n && l[u] == '<')
		k = span(l + u + 1, n - u - 1, ">"), u++;
	else
		k = span(l + u, n - u, " \t");
	if (k == 0)
		return;
	d->v = pm_xrealloc(d->v, (d->n + 1) * sizeof(*d->v));
	x = &d->v[d->n++];
	x->label = pm_xstrndup(l + 1, i - 1);
	x->url = pm_xstrndup(l + u, k);
	for (u += k + (l[u - 1] == '<'); u < n && strchr(" \t", l[u]);)
		u++;
	x->title = n - u >= 2 && strchr("\"'(", l[u]) ?
	                   pm_xstrndup(l + u + 1, n - u - 2) :
	                   pm_xstrdup("");
}

static void
defs_free(defs *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->v[i].label);
		free(d->v[i].url);
		free(d->v[i].title);
	}
	free(d->v);
}

/* Lines first..last of the source, from the first that starts like a
 * definition ("[label]:") to the last that is not blank, as an HTML
 * block node (which cmark writes as it is), or NULL. Lines before it are
 * skipped: cmark ends an HTML block one line early, so its last line may
 * look like a gap. Blank lines between definitions stay: on GitHub a
 * footnote ("[^1]: …") runs on over the lines that follow it. */
static cmark_node *
kept_lines(const src *sr, int first, int last)
{
	pm_buf b = {0};
	cmark_node *n = NULL;
	const char *l;
	size_t len, ind, kept = 0;
	int i;

	for (i = first; i <= last; i++) {
		l = pm_src_line(sr->s, i, &len);
		while (len > 0 && strchr(" \t\r\n", l[len - 1]) != NULL)
			len--;
		for (ind = 0; ind < len && ind < 3 && l[ind] == ' ';)
			ind++;
		if (b.len == 0 && (len == 0 || l[ind] != '['))
			continue;
		if (l[ind] == '[')
			read_def(sr->defs, l + ind, len - ind);
		pm_buf_put(&b, l, len);
		pm_buf_putc(&b, '\n');
		if (len > 0)
			kept = b.len;
	}
	if (kept > 0) {
		b.len = kept;
		n = cmark_node_new(CMARK_NODE_HTML_BLOCK);
		cmark_node_set_literal(n, pm_buf_cstr(&b));
	}
	pm_buf_free(&b);
	return n;
}

/* Link reference definitions (and footnotes written as such) leave no
 * node in cmark's tree: the lines between top-level blocks that are not
 * blank are theirs, and they are written back where they were. One inside
 * a container is not seen here; the word check refuses its loss. */
static void
keep_definitions(const src *sr, cmark_node *doc)
{
	cmark_node *n, *lines;
	int from = sr->fm.close + 1;

	for (n = cmark_node_first_child(doc); n; n = cmark_node_next(n)) {
		lines = kept_lines(sr, from, cmark_node_get_start_line(n) - 1);
		if (lines != NULL)
			cmark_node_insert_before(n, lines);
		from = cmark_node_get_end_line(n) + 1;
	}
	if ((lines = kept_lines(sr, from, (int)sr->s->nlines)) != NULL)
		cmark_node_append_child(doc, lines);
}

/* A footnote citation written as it was, "[^label]": libcmark-gfm's
 * node has only the note's number. */
static void
citation(const src *sr, cmark_node *ref)
{
	int line = cmark_node_get_start_line(ref);
	int col = cmark_node_get_start_column(ref);
	int end = cmark_node_get_end_column(ref);
	size_t len;
	const char *l = pm_src_line(sr->s, line, &len);
	char *text;

	if (l == NULL || col < 1 || end < col || (size_t)end > len)
		return;
	text = pm_xstrndup(l + col - 1, (size_t)(end - col + 1));
	cmark_node_insert_before(ref, literal(text));
	cmark_node_free(ref);
	free(text);
}

/* GitHub footnotes as written: citations from their source, and the
 * definitions, which libcmark-gfm moves to the end of the tree (and
 * drops when nothing cites them), taken out of it, so that
 * keep_definitions writes their lines back where they were. */
static void
footnotes(const src *sr, cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_node **refs = NULL, *n, *next;
	size_t count = 0, i;
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER ||
		    type_of(n) != CMARK_NODE_FOOTNOTE_REFERENCE)
			continue;
		refs = pm_xrealloc(refs, (count + 1) * sizeof(*refs));
		refs[count++] = n;
	}
	cmark_iter_free(it);
	for (i = 0; i < count; i++)
		citation(sr, refs[i]);
	free(refs);
	for (n = cmark_node_first_child(doc); n != NULL; n = next) {
		next = cmark_node_next(n);
		if (type_of(n) == CMARK_NODE_FOOTNOTE_DEFINITION)
			cmark_node_free(n);
	}
}

/* The body parsed as md.c parses it (front matter blanked, lines kept),
 * rewritten, and rendered by cmark with no wrapping. */
static void
body(pm_buf *out, const src *sr)
{
	char *text = pm_md_body_text(sr->s, sr->fm.end, 0), *md, *placed;
	cmark_node *doc;

	doc = pm_md_parse(text, sr->s->len, NULL, PM_MD_NO_TASKS);
	mark_autolinks(doc, text, sr->s->len);
	footnotes(sr, doc);
	keep_definitions(sr, doc);
	sections(sr, doc);
	prose(sr, doc);
	links(sr, doc);
	escapes(doc);
	md = cmark_render_commonmark(doc, PM_MD_OPTIONS, 0);
	placed = place_autolinks(sr->autolinks, md);
	if (*placed != '\0') {
		pm_buf_putc(out, '\n');
		relist(out, placed);
	}
	free(placed);
	free(md);
	cmark_node_free(doc);
	free(text);
}

/* --- the meaning check --- */

static int
ignored_attr(const xmlNode *el, const char *name)
{
	const char *key;

	if (strcmp(name, "line") == 0 || strcmp(name, "col") == 0)
		return 1;
	if (strcmp(name, "heading") != 0 || !pm_ir_is(el, PM_EL_SECTION))
		return 0;
	key = pm_ir_get(el, "key");
	return key != NULL && strcmp(key, "custom") != 0;
}

/* Every attribute of a that counts is on b with the same value. */
static int
attrs_within(const xmlNode *a, const xmlNode *b)
{
	const xmlAttr *p;
	const char *va, *vb;

	for (p = a->properties; p != NULL; p = p->next) {
		if (ignored_attr(a, (const char *)p->name))
			continue;
		va = pm_ir_get(a, (const char *)p->name);
		vb = pm_ir_get(b, (const char *)p->name);
		if (va == NULL || vb == NULL || strcmp(va, vb) != 0)
			return 0;
	}
	return 1;
}

static int
same_node(const xmlNode *a, const xmlNode *b)
{
	if (a->type != b->type)
		return 0;
	if (a->type == XML_ELEMENT_NODE)
		return xmlStrEqual(a->name, b->name) &&
		       attrs_within(a, b) && attrs_within(b, a);
	if (a->content == NULL || b->content == NULL)
		return a->content == b->content;
	return strcmp((const char *)a->content, (const char *)b->content) == 0;
}

const xmlNode *
pm_fmt_differs(const xmlDoc *da, const xmlDoc *db)
{
	const xmlNode *ta = xmlDocGetRootElement(da);
	const xmlNode *tb = xmlDocGetRootElement(db);
	const xmlNode *a = ta, *b = tb;

	if (a == NULL || b == NULL)
		return a != NULL || b != NULL ? ta : NULL;
	while (a != NULL && b != NULL) {
		if (!same_node(a, b))
			break;
		a = pm_ir_walk(a, ta, a->type == XML_ELEMENT_NODE);
		b = pm_ir_walk(b, tb, b->type == XML_ELEMENT_NODE);
	}
	if (a == NULL && b == NULL)
		return NULL;
	if (a == NULL)
		return ta;
	while (a != NULL && (a->type != XML_ELEMENT_NODE ||
	                     pm_ir_get(a, "line") == NULL))
		a = a->parent;
	return a ? a : ta;
}

/* Is every word, URL and comment of the source in out? Reports the
 * first one that is not at its place in the source. */
static int
words_kept(pm_doc *doc, const src *sr, const pm_buf *out)
{
	pm_buf what = {0};
	char why[96];
	long at = pm_fmt_lost(sr->s->text, sr->s->len, out->data, out->len,
	                      sr->dropped->data, sr->dropped->len, &what);

	if (at >= 0) {
		snprintf(why, sizeof(why), "'%.*s' would be lost",
		         what.len > 40 ? 40 : (int)what.len, pm_buf_cstr(&what));
		pm_report(&doc->src, PM_R_FMT_UNSAFE,
		          pm_src_loc(&doc->src, sr->s->text + at, 1), why);
	}
	pm_buf_free(&what);
	return at < 0 ? 0 : -1;
}

/* The line of a table that opens a list item with a task marker as its
 * first header cell ("- [ ] | a |" over "  |---|---|"), or 0. fmt reads
 * without the task list, so such a table is one to fmt and the item's
 * text to GitHub and the front end: fmt would format it differently
 * again on its next run. */
static int
task_table(const char *text, size_t len)
{
	cmark_node *doc = pm_md_parse(text, len, NULL, PM_MD_NO_TASKS);
	cmark_node *n, *cell;
	cmark_iter *it = cmark_iter_new(doc);
	const char *lit;
	char buf[8];
	size_t used;
	int line = 0;

	while (line == 0 && cmark_iter_next(it) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (cmark_iter_get_event_type(it) != CMARK_EVENT_ENTER ||
		    !pm_md_is(n, "table") ||
		    type_of(cmark_node_parent(n)) != CMARK_NODE_ITEM ||
		    cmark_node_previous(n) != NULL)
			continue;
		cell = cmark_node_first_child(cmark_node_first_child(n));
		lit = cmark_node_get_literal(cmark_node_first_child(cell));
		snprintf(buf, sizeof(buf), "%s ", lit ? lit : "");
		if (pm_task_marker(buf, &used) > 0)
			line = cmark_node_get_start_line(n);
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	return line;
}

/* Formats doc's source into out and checks the result means the same
 * and keeps every word. Returns 0, or -1 after reporting why not. */
static int
format(pm_doc *doc, const src *sr, pm_buf *out)
{
	pm_options quiet = doc->opts;
	pm_doc *again;
	const xmlNode *at;
	char why[80];
	int rc = -1, line;

	front_matter(out, sr);
	body(out, sr);
	quiet.diag = NULL;
	again = pm_doc_parse(doc->name, out->data, out->len, &quiet);
	if (pm_doc_errors(again) > 0 || again->ir == NULL) {
		pm_report(&doc->src, PM_R_FMT_UNSAFE, (pm_loc){1, 1, 1},
		          "the result would not compile");
	} else if ((at = pm_fmt_differs(doc->ir, again->ir)) != NULL) {
		snprintf(why, sizeof(why), "from line %d on",
		         pm_ir_loc_attr(at).line);
		pm_report(&doc->src, PM_R_FMT_UNSAFE, pm_ir_loc_attr(at), why);
	} else if ((line = task_table(out->data, out->len)) > 0) {
		snprintf(why, sizeof(why), "a table row follows a task marker "
		         "at line %d of the result", line);
		pm_report(&doc->src, PM_R_FMT_UNSAFE, (pm_loc){1, 1, 1}, why);
	} else {
		rc = words_kept(doc, sr, out);
	}
	pm_src_flush(&doc->src);
	pm_doc_free(again);
	return rc;
}

int
pm_fmt(const char *name, const char *bytes, size_t len,
       const pm_options *opts, pm_buf *out)
{
	pm_options o = opts ? *opts : (pm_options){0};
	pm_doc *doc;
	pm_buf dropped = {0};
	defs refs = {0};
	autolinks al = {0};
	src sr;
	size_t start = out->len;
	int rc = -1;

	/* internal blocks are part of what must not change */
	o.audience = PM_AUDIENCE_INTERNAL;
	doc = pm_doc_parse(name, bytes, len, &o);
	if (pm_doc_errors(doc) > 0 || doc->ir == NULL)
		goto out;
	if (doc->from_xml) {
		pm_buf_put(out, bytes, len);
		rc = 0;
		goto out;
	}
	memset(&sr, 0, sizeof(sr));
	sr.s = &doc->src;
	sr.dropped = &dropped;
	sr.defs = &refs;
	sr.autolinks = &al;
	/* the front end found it, or there would be no tree */
	pm_md_front_matter(sr.s, &sr.fm);
	sr.lang = pm_ir_get(xmlDocGetRootElement(doc->ir), "lang");
	sr.made = read_made(sr.s, doc->ir);
	rc = format(doc, &sr, out);
	if (rc < 0)
		out->len = start;
	free(sr.made);
out:
	defs_free(&refs);
	autolinks_free(&al);
	pm_buf_free(&dropped);
	pm_doc_free(doc);
	return rc;
}
