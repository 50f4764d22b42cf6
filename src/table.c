/* table.c: GitHub pipe tables, recognised in paragraphs whose second line
 * is a delimiter row (format.md section 3), read from the source lines
 * because libcmark has no table extension. */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "ir.h"
#include "md.h"
#include "text.h"

typedef struct span {
	const char *s;
	size_t n;
} span;

/* The line of a paragraph without its container prefix (list indent,
 * block quote markers) up to the paragraph's own column. */
static span
para_line(const pm_md *md, int line, int first, int col)
{
	span sp = {NULL, 0};
	size_t skip = 0, max = col > 1 ? (size_t)col - 1 : 0;

	sp.s = pm_md_raw_line(md, line, &sp.n);
	if (sp.s == NULL)
		return sp;
	if (first)
		skip = max < sp.n ? max : sp.n;
	else
		while (skip < max && skip < sp.n &&
		       (sp.s[skip] == ' ' || sp.s[skip] == '\t' ||
		        sp.s[skip] == '>'))
			skip++;
	sp.s += skip;
	sp.n -= skip;
	return sp;
}

/* Splits a row at unescaped pipes, without the optional outer pipes.
 * Returns the number of cells stored (at most max, counting all). */
static size_t
split_row(span row, span *cells, size_t max)
{
	const char *s;
	size_t n, i, start = 0, count = 0;

	n = pm_text_trim(row.s, row.n, &s);
	if (n > 0 && s[0] == '|')
		s++, n--;
	if (n > 0 && s[n - 1] == '|' && !(n > 1 && s[n - 2] == '\\'))
		n--;
	for (i = 0; i <= n; i++) {
		if (i < n && s[i] == '\\' && i + 1 < n) {
			i++;
			continue;
		}
		if (i < n && s[i] != '|')
			continue;
		if (count < max) {
			cells[count].s = s + start;
			cells[count].n = i - start;
		}
		count++;
		start = i + 1;
	}
	return count;
}

static int
has_pipe(span sp)
{
	return memchr(sp.s, '|', sp.n) != NULL;
}

/* A delimiter cell: ":---", "---:", ":-:", "-". Returns its alignment
 * ('l', 'r', 'c', or 1 for none) or 0 when it is not one. */
static int
delim_cell(span c)
{
	const char *s;
	size_t n = pm_text_trim(c.s, c.n, &s), i;
	int left, right;

	if (n == 0)
		return 0;
	left = s[0] == ':';
	right = n > 1 && s[n - 1] == ':';
	for (i = left; i < n - right; i++)
		if (s[i] != '-')
			return 0;
	if (n - left - right == 0)
		return 0;
	return left && right ? 'c' : left ? 'l' : right ? 'r' : 1;
}

static void
set_cell(pm_md *md, pm_cell *cell, span raw)
{
	const char *s;
	size_t n = pm_text_trim(raw.s, raw.n, &s), i, k = 0;

	cell->text = pm_xmalloc(n + 1);
	for (i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n && s[i + 1] == '|')
			i++;
		cell->text[k++] = s[i];
	}
	cell->text[k] = '\0';
	cell->loc = pm_src_loc(md->src, n ? s : raw.s, n ? n : 1);
}

static int
read_delims(span row, pm_table *t)
{
	span *cells = pm_xmalloc(t->ncols * sizeof(*cells));
	size_t i;
	int a, ok = split_row(row, cells, t->ncols) == t->ncols;

	for (i = 0; ok && i < t->ncols; i++) {
		if ((a = delim_cell(cells[i])) == 0)
			ok = 0;
		else
			t->align[i] = a == 1 ? 0 : (char)a;
	}
	free(cells);
	return ok;
}

static void
add_row(pm_md *md, pm_table *t, span row, span *tmp)
{
	size_t got = split_row(row, tmp, t->ncols), i;
	pm_cell *cells;

	t->cells = pm_xrealloc(t->cells,
	                       (t->nrows + 1) * t->ncols * sizeof(*t->cells));
	cells = t->cells + t->nrows * t->ncols;
	for (i = 0; i < t->ncols; i++) {
		if (i < got) {
			set_cell(md, &cells[i], tmp[i]);
		} else {
			cells[i].text = pm_xstrdup("");
			cells[i].loc = pm_src_loc(md->src, row.s + row.n, 1);
		}
	}
	t->nrows++;
}

int
pm_table_read(pm_md *md, cmark_node *para, pm_table *t)
{
	int first = cmark_node_get_start_line(para);
	int last = cmark_node_get_end_line(para);
	int col = cmark_node_get_start_column(para), line;
	span head, delim, *tmp;
	size_t ncols;

	memset(t, 0, sizeof(*t));
	if (first <= 0 || last <= first || md->fixed.line)
		return 0;
	head = para_line(md, first, 1, col);
	delim = para_line(md, first + 1, 0, col);
	if (head.s == NULL || delim.s == NULL ||
	    !(has_pipe(head) || has_pipe(delim)))
		return 0;
	ncols = split_row(head, NULL, 0);
	if (ncols == 0 || ncols != split_row(delim, NULL, 0))
		return 0;
	t->ncols = ncols;
	t->align = pm_xcalloc(ncols, 1);
	if (!read_delims(delim, t)) {
		pm_table_free(t);
		return 0;
	}
	t->loc = pm_md_loc(md, para);
	tmp = pm_xmalloc(ncols * sizeof(*tmp));
	add_row(md, t, head, tmp);
	for (line = first + 2; line <= last; line++)
		add_row(md, t, para_line(md, line, 0, col), tmp);
	free(tmp);
	return 1;
}

void
pm_table_free(pm_table *t)
{
	size_t i;

	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i].text);
	free(t->cells);
	free(t->align);
	memset(t, 0, sizeof(*t));
}

void
pm_table_cell(pm_md *md, const pm_cell *cell, xmlNodePtr parent)
{
	cmark_node *doc = cmark_parse_document(cell->text, strlen(cell->text),
	                                       CMARK_OPT_DEFAULT);
	cmark_node *block = cmark_node_first_child(doc);
	pm_loc saved = md->fixed;

	md->fixed = cell->loc;
	if (block != NULL && cmark_node_get_type(block) == CMARK_NODE_PARAGRAPH)
		pm_prose_inlines(md, cmark_node_first_child(block), parent);
	else
		pm_ir_text(parent, cell->text, strlen(cell->text));
	md->fixed = saved;
	cmark_node_free(doc);
}

void
pm_table_emit(pm_md *md, const pm_table *t, xmlNodePtr parent)
{
	xmlNodePtr table = pm_ir_add(parent, "table", t->loc), row, cell;
	static const char *const names[] = {"left", "center", "right"};
	size_t r, c;

	for (r = 0; r < t->nrows; r++) {
		const pm_cell *cells = t->cells + r * t->ncols;
		row = pm_ir_add(table, "row", cells[0].loc);
		if (r == 0)
			pm_ir_set(row, "head", "true");
		for (c = 0; c < t->ncols; c++) {
			cell = pm_ir_add(row, "cell", (pm_loc){0, 0, 1});
			if (t->align[c])
				pm_ir_set(cell, "align",
				          names[t->align[c] == 'l'   ? 0
				                : t->align[c] == 'c' ? 1
				                                     : 2]);
			pm_table_cell(md, &cells[c], cell);
		}
	}
}
