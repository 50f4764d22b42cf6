/* table.c: GitHub pipe tables (format.md section 3): where a table is
 * and how many rows it has is libcmark-gfm's table extension's reading,
 * exactly GitHub's; the cells are split again from the source lines, so
 * that cells beyond the header's count, which GitHub drops, are kept and
 * reported, and so that the timeline and follow-up readers get each
 * cell's source text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm-core-extensions.h>

#include "alloc.h"
#include "ir.h"
#include "md.h"
#include "text.h"

typedef struct span {
	const char *s;
	size_t n;
} span;

/* A row's line without its container prefix (list indent, block quote
 * markers) up to the table's column. The table's column may be that of
 * the paragraph it interrupted, a little to the right: only blanks and
 * '>' are skipped, and a row never starts with '>' (that would be a
 * block quote). */
static span
row_line(const pm_md *md, int line, int col)
{
	span sp = {NULL, 0};
	size_t skip = 0, max = col > 1 ? (size_t)col - 1 : 0;

	sp.s = pm_md_raw_line(md, line, &sp.n);
	if (sp.s == NULL)
		return sp;
	while (skip < max && skip < sp.n &&
	       (sp.s[skip] == ' ' || sp.s[skip] == '\t' || sp.s[skip] == '>'))
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

/* "===" under a table is one more row to GitHub, not the setext heading
 * underline it is under a paragraph. */
static int
underline(const char *s)
{
	size_t n = strspn(s, "=");

	return n > 0 && s[n] == '\0';
}

/* Adds row (its line) and reports cells beyond the header's: GitHub
 * drops them from what it shows, pmc keeps them as extra columns. */
static void
add_row(pm_md *md, pm_table *t, span row, size_t header, span *tmp)
{
	size_t got = split_row(row, tmp, t->ncols), i;
	pm_cell *cells = t->cells + t->nrows * t->ncols;

	for (i = 0; i < t->ncols; i++) {
		if (i < got) {
			set_cell(md, &cells[i], tmp[i]);
		} else {
			cells[i].text = pm_xstrdup("");
			cells[i].loc = pm_src_loc(md->src, row.s + row.n, 1);
		}
	}
	if (t->nrows > 0 && got > header)
		pm_report(md->src, PM_R_TABLE_EXTRA_CELLS, cells[header].loc,
		          (int)(got - header), (int)header);
	if (t->nrows > 0 && got == 1 && underline(cells[0].text))
		pm_report(md->src, PM_R_TABLE_UNDERLINE, cells[0].loc);
	t->nrows++;
}

/* The source lines of the table's rows: lines[0] the header,
 * lines[1..] the body; the delimiter row is the header's next line.
 * Body rows carry their line; the header's is counted back from the
 * first of them, as libcmark-gfm places a header that interrupted a
 * paragraph at the paragraph's start. Returns the number of rows. */
static size_t
row_lines(cmark_node *table, int **lines)
{
	cmark_node *row;
	size_t n = 0;

	for (row = cmark_node_first_child(table); row != NULL;
	     row = cmark_node_next(row))
		n++;
	*lines = pm_xcalloc(n ? n : 1, sizeof(**lines));
	n = 0;
	for (row = cmark_node_first_child(table); row != NULL;
	     row = cmark_node_next(row))
		(*lines)[n++] = cmark_node_get_start_line(row);
	if (n > 1)
		(*lines)[0] = (*lines)[1] - 2;
	else if (n == 1)
		(*lines)[0] = cmark_node_get_end_line(table) - 1;
	return n;
}

/* The header row's place: its first character. */
static pm_loc
head_loc(const pm_md *md, int line, int col)
{
	span sp = row_line(md, line, col);
	const char *s;

	if (sp.s == NULL)
		return pm_src_loc_bytes(md->src, line, 1, 1);
	pm_text_trim(sp.s, sp.n, &s);
	return pm_src_loc(md->src, s, 1);
}

/* The widest row, in cells, and at least the header's count. */
static size_t
widest(const pm_md *md, const int *lines, size_t n, int col, size_t header)
{
	size_t i, w = header, k;

	for (i = 0; i < n; i++)
		if ((k = split_row(row_line(md, lines[i], col), NULL, 0)) > w)
			w = k;
	return w;
}

int
pm_table_read(pm_md *md, cmark_node *table, pm_table *t)
{
	int col = cmark_node_get_start_column(table), *lines = NULL;
	size_t n, header, i;
	uint8_t *align;
	span *tmp;

	memset(t, 0, sizeof(*t));
	if (!pm_md_is(table, "table") || md->fixed.line)
		return 0;
	n = row_lines(table, &lines);
	header = cmark_gfm_extensions_get_table_columns(table);
	if (n == 0 || header == 0 || lines[0] <= 0) {
		free(lines);
		return 0;
	}
	t->ncols = widest(md, lines, n, col, header);
	t->nhead = header;
	t->align = pm_xcalloc(t->ncols, 1);
	align = cmark_gfm_extensions_get_table_alignments(table);
	for (i = 0; align != NULL && i < header; i++)
		t->align[i] = align[i] == 'l' || align[i] == 'c' ||
		                      align[i] == 'r'
		                  ? (char)align[i]
		                  : 0;
	t->cells = pm_xcalloc(n * t->ncols, sizeof(*t->cells));
	tmp = pm_xmalloc(t->ncols * sizeof(*tmp));
	for (i = 0; i < n; i++)
		add_row(md, t, row_line(md, lines[i], col), header, tmp);
	t->loc = head_loc(md, lines[0], col);
	free(tmp);
	free(lines);
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
	cmark_node *doc = pm_md_parse_piece(cell->text, strlen(cell->text));
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
	xmlNodePtr table = pm_ir_add(parent, PM_EL_TABLE, t->loc), row, cell;
	static const char *const names[] = {"left", "center", "right"};
	size_t r, c;

	for (r = 0; r < t->nrows; r++) {
		const pm_cell *cells = t->cells + r * t->ncols;
		row = pm_ir_add(table, PM_EL_ROW, cells[0].loc);
		if (r == 0)
			pm_ir_set(row, "head", "true");
		for (c = 0; c < t->ncols; c++) {
			cell = pm_ir_add(row, PM_EL_CELL, (pm_loc){0, 0, 1});
			if (t->align[c])
				pm_ir_set(cell, "align",
				          names[t->align[c] == 'l'   ? 0
				                : t->align[c] == 'c' ? 1
				                                     : 2]);
			pm_table_cell(md, &cells[c], cell);
		}
	}
}
