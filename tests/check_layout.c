/* check_layout.c: the PDF back end's layout without a PDF: line breaking
 * (spaces, CJK, kinsoku, overlong words), headings kept with what follows,
 * orphans, tables whose header row repeats on every page, long documents.
 * Characters are measured by a stand-in: Latin 500/1000 em in face 0, CJK
 * a full em in face 1, U+E000 drawable by nothing. */
#include <check.h>
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "utf8.h"
#include "found.h"

#define SIZE 10.0 /* so a Latin character is 5 pt, a CJK one 10 pt */

static int
fake_glyph(void *arg, unsigned style, int32_t cp, double *adv)
{
	(void)arg, (void)style;
	if (cp == 0xE000) {
		*adv = 0;
		return -1;
	}
	*adv = cp >= 0x2E80 ? 1000 : 500;
	return cp >= 0x2E80 ? 1 : 0;
}

/* A page with a frame 100 pt wide (20 Latin or 10 CJK characters) and
 * 200 pt high. */
static pm_lay *
small_layout(void)
{
	pm_lay_page_geom g = {200, 300, 50, 50, 50, 50};

	return pm_lay_new(&g, fake_glyph, NULL);
}

static const pm_lay_style plain = {0, SIZE, 0, NULL};

static void
para(pm_lay *l, const char *s, const pm_lay_para *fmt)
{
	pm_lay_para_begin(l, fmt);
	pm_lay_run(l, s, strlen(s), &plain);
	pm_lay_para_end(l);
}

/* The text of page p's lines, one line of output per baseline, pieces
 * on one line joined as drawn. */
static char *
page_text(const pm_lay *l, size_t p)
{
	const pm_lay_pageout *pg = pm_lay_page(l, p);
	char *out = calloc(1, 65536);
	double y = -1;
	size_t i;

	for (i = 0; pg != NULL && i < pg->n; i++) {
		if (pg->items[i].kind != PM_LI_TEXT)
			continue;
		if (y >= 0 && pg->items[i].y != y)
			strcat(out, "\n");
		y = pg->items[i].y;
		strncat(out, pg->items[i].text, pg->items[i].len);
	}
	return out;
}

static char *
all_text(const pm_lay *l)
{
	char *out = calloc(1, 1 << 20), *p;
	size_t i;

	for (i = 0; i < pm_lay_npages(l); i++) {
		p = page_text(l, i);
		strcat(out, p);
		strcat(out, "\n");
		free(p);
	}
	return out;
}

/* Widest text item's right edge, to show nothing leaves the frame. */
static double
max_right(const pm_lay *l)
{
	double r = 0, w;
	size_t p, i, n;
	const pm_lay_pageout *pg;
	int32_t cp;

	for (p = 0; p < pm_lay_npages(l); p++) {
		pg = pm_lay_page(l, p);
		for (i = 0; i < pg->n; i++) {
			const pm_lay_item *it = &pg->items[i];
			size_t k = 0;

			if (it->kind != PM_LI_TEXT)
				continue;
			w = 0;
			while (k < it->len) {
				n = pm_utf8_decode(it->text + k, it->len - k, &cp);
				k += n ? n : 1;
				w += cp >= 0x2E80 ? SIZE : SIZE / 2;
			}
			if (it->x + w > r)
				r = it->x + w;
		}
	}
	return r;
}

START_TEST(test_break_after_spaces)
{
	pm_lay *l = small_layout();
	char *t;

	para(l, "aaaa bbbb cccc dddd eeee ffff", NULL);
	pm_lay_finish(l);
	t = page_text(l, 0);
	/* 20 characters a line: three words and their spaces fit, the
	 * fourth goes to the next line; no line starts with a space. */
	ck_assert_str_eq(t, "aaaa bbbb cccc dddd\neeee ffff");
	free(t);
	pm_lay_free(l);
}
END_TEST

START_TEST(test_spaces_collapse)
{
	pm_lay *l = small_layout();
	char *t;

	para(l, "  a   b \t c  ", NULL);
	pm_lay_finish(l);
	t = page_text(l, 0);
	ck_assert_str_eq(t, "a b c");
	free(t);
	pm_lay_free(l);
}
END_TEST

START_TEST(test_hard_break)
{
	pm_lay *l = small_layout();
	char *t;

	para(l, "one\ntwo", NULL);
	pm_lay_finish(l);
	t = page_text(l, 0);
	ck_assert_str_eq(t, "one\ntwo");
	free(t);
	pm_lay_free(l);
}
END_TEST

START_TEST(test_long_word_broken)
{
	pm_lay *l = small_layout();
	char *t;

	para(l, "https://example.com/a/very/long/path/that/cannot/fit", NULL);
	pm_lay_finish(l);
	t = page_text(l, 0);
	ck_assert_ptr_nonnull(strchr(t, '\n'));
	ck_assert_double_le(max_right(l), 150.01);
	free(t);
	pm_lay_free(l);
}
END_TEST

START_TEST(test_cjk_breaks_between_characters)
{
	pm_lay *l = small_layout();
	char *t;

	/* 12 characters, 10 to a line, no spaces anywhere. */
	para(l, "更新プログラムを実行した時刻", NULL);
	pm_lay_finish(l);
	t = page_text(l, 0);
	ck_assert_str_eq(t, "更新プログラムを実行\nした時刻");
	ck_assert_double_le(max_right(l), 150.01);
	free(t);
	pm_lay_free(l);
}
END_TEST

START_TEST(test_kinsoku)
{
	/* ASCII and Latin-1 closers too, which are told apart without the
	 * table (src/layout.c) */
	static const char *const closers[] = {"、", "。", "）", "」", "ー",
	                                      "ッ", ")", ".", "!", "%", "°"};
	pm_lay *l;
	char s[128], *t, *nl;
	size_t i;

	for (i = 0; i < sizeof(closers) / sizeof(closers[0]); i++) {
		/* the closer is the 11th character: it would start line 2 */
		snprintf(s, sizeof(s), "あいうえおかきくけこ%sさしす",
		         closers[i]);
		l = small_layout();
		para(l, s, NULL);
		pm_lay_finish(l);
		t = page_text(l, 0);
		nl = strchr(t, '\n');
		ck_assert_ptr_nonnull(nl);
		ck_assert_msg(strncmp(nl + 1, closers[i], strlen(closers[i])),
		              "line starts with %s: %s", closers[i], t);
		/* the character before it moved down with it */
		ck_assert_msg(strncmp(nl + 1, "こ", 3) == 0, "%s", t);
		free(t);
		pm_lay_free(l);
	}
}
END_TEST

START_TEST(test_no_line_ends_with_opening_bracket)
{
	pm_lay *l = small_layout();
	char *t, *nl;

	para(l, "あいうえおかきくけ「こさし」", NULL);
	pm_lay_finish(l);
	t = page_text(l, 0);
	nl = strchr(t, '\n');
	ck_assert_ptr_nonnull(nl);
	ck_assert_msg(strncmp(nl - 3, "「", 3) != 0, "%s", t);
	free(t);
	pm_lay_free(l);
}
END_TEST

START_TEST(test_mixed_latin_cjk_faces)
{
	pm_lay *l = small_layout();
	const pm_lay_pageout *pg;
	size_t i;
	int faces = 0;

	para(l, "ab漢字cd", NULL);
	pm_lay_finish(l);
	pg = pm_lay_page(l, 0);
	for (i = 0; i < pg->n; i++)
		if (pg->items[i].kind == PM_LI_TEXT)
			faces |= 1 << pg->items[i].face;
	/* one piece per face: both faces are used, on one line */
	ck_assert_int_eq(faces, 3);
	ck_assert_double_eq_tol(pg->items[pg->n - 1].x, 50 + 10 + 20, 0.01);
	pm_lay_free(l);
}
END_TEST

START_TEST(test_undrawable_left_out)
{
	pm_lay *l = small_layout();
	char *t;

	para(l, "a\xee\x80\x80" "b", NULL); /* U+E000 */
	pm_lay_finish(l);
	t = page_text(l, 0);
	ck_assert_str_eq(t, "ab");
	free(t);
	pm_lay_free(l);
}
END_TEST

/* Pagination. */

static int
page_of_text(const pm_lay *l, const char *s)
{
	size_t p;
	char *t;
	int found = -1;

	for (p = 0; p < pm_lay_npages(l) && found < 0; p++) {
		t = page_text(l, p);
		if (strstr(t, s) != NULL)
			found = (int)p;
		free(t);
	}
	return found;
}

START_TEST(test_heading_kept_with_next)
{
	pm_lay *l = small_layout();
	pm_lay_para h = {0};
	int i;
	char s[32];

	/* 14 pt a line: 13 lines fill most of the 200 pt frame, leaving
	 * room for the heading but not for it and the paragraph after */
	for (i = 0; i < 13; i++) {
		snprintf(s, sizeof(s), "line%d", i);
		para(l, s, NULL);
	}
	h.keep = 1;
	para(l, "HEADING", &h);
	para(l, "body one\nbody two", NULL);
	pm_lay_finish(l);
	ck_assert_int_eq(page_of_text(l, "HEADING"), 1);
	ck_assert_int_eq(page_of_text(l, "body one"), 1);
	pm_lay_free(l);
}
END_TEST

START_TEST(test_no_orphan)
{
	pm_lay *l = small_layout();
	int i;
	char s[32];

	for (i = 0; i < 13; i++) {
		snprintf(s, sizeof(s), "line%d", i);
		para(l, s, NULL);
	}
	/* one line would fit at the bottom; not the first of five alone */
	para(l, "p1\np2\np3\np4\np5", NULL);
	pm_lay_finish(l);
	ck_assert_int_eq(page_of_text(l, "p1"), 1);
	ck_assert_int_eq(page_of_text(l, "p2"), 1);
	pm_lay_free(l);
}
END_TEST

START_TEST(test_every_line_inside_the_frame)
{
	pm_lay *l = small_layout();
	const pm_lay_pageout *pg;
	size_t p, i;
	int k;

	for (k = 0; k < 200; k++)
		para(l, "some words that wrap over a few lines of the frame",
		     NULL);
	pm_lay_finish(l);
	ck_assert_int_gt(pm_lay_npages(l), 20);
	for (p = 0; p < pm_lay_npages(l); p++) {
		pg = pm_lay_page(l, p);
		for (i = 0; i < pg->n; i++)
			if (pg->items[i].kind == PM_LI_TEXT)
				ck_assert_double_le(pg->items[i].y, 250.01);
	}
	pm_lay_free(l);
}
END_TEST

/* A table of rows "HH:MM" and fmt with the row number; with a caption
 * repeated on the pages it continues on when caption is set. */
static void
table_cap(pm_lay *l, int rows, const char *fmt, const char *caption)
{
	pm_lay_table t = {0};
	char s[32];
	int r;

	t.padx = 2, t.pady = 2;
	pm_lay_table_begin(l, 2, 1, &t);
	if (caption != NULL) {
		pm_lay_table_caption(l, NULL);
		pm_lay_run(l, caption, strlen(caption), &plain);
	}
	pm_lay_cell(l, PM_LA_LEFT, NULL);
	pm_lay_run(l, "Time", 4, &plain);
	pm_lay_cell(l, PM_LA_LEFT, NULL);
	pm_lay_run(l, "Event", 5, &plain);
	for (r = 0; r < rows; r++) {
		pm_lay_cell(l, PM_LA_LEFT, NULL);
		snprintf(s, sizeof(s), "%02d:%02d", r / 60, r % 60);
		pm_lay_run(l, s, strlen(s), &plain);
		pm_lay_cell(l, PM_LA_LEFT, NULL);
		snprintf(s, sizeof(s), fmt, r);
		pm_lay_run(l, s, strlen(s), &plain);
	}
	pm_lay_table_end(l);
}

static void
table(pm_lay *l, int rows, const char *fmt)
{
	table_cap(l, rows, fmt, NULL);
}

START_TEST(test_table_header_repeats)
{
	pm_lay *l = small_layout();
	size_t p;
	char *t, *all;
	int r;
	char s[32];

	table(l, 200, "ev%d.");
	pm_lay_finish(l);
	ck_assert_int_gt(pm_lay_npages(l), 5);
	for (p = 0; p < pm_lay_npages(l); p++) {
		t = page_text(l, p);
		ck_assert_msg(strncmp(t, "TimeEvent", 9) == 0,
		              "page %zu starts: %.20s", p + 1, t);
		free(t);
	}
	all = all_text(l);
	for (r = 0; r < 200; r++) {
		snprintf(s, sizeof(s), "ev%d.", r);
		ck_assert_msg(strstr(all, s) != NULL, "%s lost", s);
	}
	free(all);
	pm_lay_free(l);
}
END_TEST

/* A row with a cell longer than a page is cut between its lines, the
 * header row repeated above each piece, nothing below the frame, every
 * word once and in order. */
START_TEST(test_table_row_taller_than_a_page)
{
	pm_lay *l = small_layout();
	pm_lay_table t = {0};
	char *all, *at, *next, w[16], body[4096] = "";
	const pm_lay_pageout *pg;
	size_t p, i;
	int k;

	for (k = 0; k < 300; k++) {
		snprintf(w, sizeof(w), "w%d ", k);
		strcat(body, w);
	}
	t.padx = 2, t.pady = 2;
	pm_lay_table_begin(l, 2, 1, &t);
	pm_lay_cell(l, PM_LA_LEFT, NULL);
	pm_lay_run(l, "Time", 4, &plain);
	pm_lay_cell(l, PM_LA_LEFT, NULL);
	pm_lay_run(l, "Event", 5, &plain);
	pm_lay_cell(l, PM_LA_LEFT, NULL);
	pm_lay_run(l, "00:00", 5, &plain);
	pm_lay_cell(l, PM_LA_LEFT, NULL);
	pm_lay_run(l, body, strlen(body), &plain);
	pm_lay_cell(l, PM_LA_LEFT, NULL);
	pm_lay_run(l, "00:01", 5, &plain);
	pm_lay_cell(l, PM_LA_LEFT, NULL);
	pm_lay_run(l, "after.", 6, &plain);
	pm_lay_table_end(l);
	pm_lay_finish(l);
	ck_assert_int_gt(pm_lay_npages(l), 3);
	for (p = 0; p < pm_lay_npages(l); p++) {
		char *pt = page_text(l, p);

		ck_assert_msg(strncmp(pt, "TimeEvent", 9) == 0,
		              "page %zu starts: %.20s", p + 1, pt);
		free(pt);
		pg = pm_lay_page(l, p);
		for (i = 0; i < pg->n; i++)
			if (pg->items[i].kind == PM_LI_TEXT)
				ck_assert_double_le(pg->items[i].y, 250.01);
	}
	all = all_text(l);
	at = all;
	for (k = 0; k < 300; k++) {
		snprintf(w, sizeof(w), "w%d ", k);
		next = strstr(at, w);
		if (next == NULL) /* the last word of a line lost its space */
			w[strlen(w) - 1] = '\n', next = strstr(at, w);
		ck_assert_msg(next != NULL, "w%d lost or out of order", k);
		ck_assert_msg(strstr(next + 1, w) == NULL, "w%d twice", k);
		at = next;
	}
	ck_assert_ptr_nonnull(strstr(at, "after."));
	free(all);
	pm_lay_free(l);
}
END_TEST

/* A header row taller than a page (long header cells in narrow
 * columns) was repeated on every page, drawn over the footer, and no
 * body row was ever placed. It is drawn once, split between its lines,
 * and the rows follow: every word and row once, nothing below the
 * frame, in a few pages. */
START_TEST(test_table_header_taller_than_a_page)
{
	pm_lay *l = small_layout();
	pm_lay_table t = {0};
	char *all, w[16], head[2][4096] = {"", ""};
	const pm_lay_pageout *pg;
	size_t p, i;
	int k, c;

	for (c = 0; c < 2; c++)
		for (k = 0; k < 150; k++) {
			snprintf(w, sizeof(w), "%c%d ", c ? 'r' : 'h', k);
			strcat(head[c], w);
		}
	t.padx = 2, t.pady = 2;
	pm_lay_table_begin(l, 2, 1, &t);
	for (c = 0; c < 2; c++) {
		pm_lay_cell(l, PM_LA_LEFT, NULL);
		pm_lay_run(l, head[c], strlen(head[c]), &plain);
	}
	for (k = 0; k < 30; k++) {
		snprintf(w, sizeof(w), "ev%d.", k);
		pm_lay_cell(l, PM_LA_LEFT, NULL);
		pm_lay_run(l, "09:00", 5, &plain);
		pm_lay_cell(l, PM_LA_LEFT, NULL);
		pm_lay_run(l, w, strlen(w), &plain);
	}
	pm_lay_table_end(l);
	pm_lay_finish(l);
	ck_assert_int_lt(pm_lay_npages(l), 20);
	for (p = 0; p < pm_lay_npages(l); p++) {
		pg = pm_lay_page(l, p);
		for (i = 0; i < pg->n; i++)
			if (pg->items[i].kind == PM_LI_TEXT)
				ck_assert_double_le(pg->items[i].y, 250.01);
	}
	all = all_text(l);
	for (c = 0; c < 2; c++)
		for (k = 0; k < 150; k++) {
			char *at;

			snprintf(w, sizeof(w), "%c%d", c ? 'r' : 'h', k);
			at = strstr(all, w);
			while (at != NULL && isdigit((unsigned char)at[strlen(w)]))
				at = strstr(at + 1, w);
			ck_assert_msg(at != NULL, "header word %s lost", w);
		}
	ck_assert_msg(strstr(all, "h0 ") == strstr(all, "h0"), "h0 twice?");
	for (k = 0; k < 30; k++) {
		char *at;

		snprintf(w, sizeof(w), "ev%d.", k);
		at = strstr(all, w);
		ck_assert_msg(at != NULL, "row %s lost", w);
		ck_assert_msg(strstr(at + 1, w) == NULL, "row %s twice", w);
	}
	ck_assert_msg(strstr(strstr(all, "ev0."), "h149") == NULL &&
	                  strstr(strstr(all, "ev0."), "r149") == NULL,
	              "the header is repeated after the first row");
	free(all);
	pm_lay_free(l);
}
END_TEST

/* The bar beside a quote of several paragraphs runs unbroken down the
 * space between them, and stops at the paragraph after the quote. */
START_TEST(test_quote_bar_unbroken)
{
	pm_lay *l = small_layout();
	pm_lay_para q = {0};
	const pm_lay_pageout *pg;
	double end = -1, first = -1;
	size_t i;
	int k, bars = 0;

	q.indent = 12, q.after = 6, q.has_bar = 1, q.bar = 0xABCDEF;
	for (k = 0; k < 3; k++)
		para(l, "quoted words over two lines of the frame", &q);
	para(l, "after the quote", NULL);
	pm_lay_finish(l);
	pg = pm_lay_page(l, 0);
	for (i = 0; i < pg->n; i++) {
		const pm_lay_item *it = &pg->items[i];

		if (it->kind != PM_LI_LINE || it->color != 0xABCDEF)
			continue;
		if (end >= 0)
			ck_assert_double_eq_tol(it->y, end, 0.01);
		else
			first = it->y;
		end = it->y + it->h;
		bars++;
	}
	ck_assert_int_eq(bars, 3);
	ck_assert_double_eq_tol(first, 50, 0.01);
	/* the bar ends at the last quoted line, above "after the quote" */
	for (i = 0; i < pg->n; i++)
		if (pg->items[i].kind == PM_LI_TEXT &&
		    strncmp(pg->items[i].text, "after", 5) == 0)
			ck_assert_double_gt(pg->items[i].y - SIZE * 0.8, end);
	pm_lay_free(l);
}
END_TEST

/* The last row of a table is not left alone on a page: the row before
 * it goes along. */
START_TEST(test_table_no_widow_row)
{
	pm_lay *l = small_layout();
	int k, last = -1;

	for (k = 8; k <= 14; k++) {
		pm_lay_free(l);
		l = small_layout();
		table(l, k, "ev%d.");
		pm_lay_finish(l);
		if (pm_lay_npages(l) > 1)
			break;
	}
	ck_assert_int_eq(pm_lay_npages(l), 2);
	{
		char a[16], b[16];

		snprintf(a, sizeof(a), "ev%d.", k - 2);
		snprintf(b, sizeof(b), "ev%d.", k - 1);
		last = page_of_text(l, b);
		ck_assert_int_eq(last, 1);
		ck_assert_int_eq(page_of_text(l, a), last);
	}
	ck_assert_int_eq(page_of_text(l, "ev0."), 0);
	pm_lay_free(l);
}
END_TEST

START_TEST(test_table_columns_fit)
{
	pm_lay *l = small_layout();

	table(l, 3, "event %d happened to be described at length");
	pm_lay_finish(l);
	/* the event column wraps rather than running off the frame */
	ck_assert_double_le(max_right(l), 150.01);
	pm_lay_free(l);
}
END_TEST

/* Is there a text item that is exactly s (one piece on one line)? */
static int
drawn_whole(const pm_lay *l, const char *s)
{
	const pm_lay_pageout *pg;
	size_t p, i;

	for (p = 0; p < pm_lay_npages(l); p++) {
		pg = pm_lay_page(l, p);
		for (i = 0; i < pg->n; i++)
			if (pg->items[i].kind == PM_LI_TEXT &&
			    pg->items[i].len == strlen(s) &&
			    memcmp(pg->items[i].text, s, strlen(s)) == 0)
				return 1;
	}
	return 0;
}

/* A table of ncols columns of the cells (the first row its header) in
 * a frame 300 pt wide, laid out; its last column takes the room left. */
static pm_lay *
wide_table(int ncols, const char *const *cells, size_t n)
{
	pm_lay_page_geom g = {400, 300, 50, 50, 50, 50};
	pm_lay *l = pm_lay_new(&g, fake_glyph, NULL);
	pm_lay_table t = {0};
	size_t i;

	t.padx = 2, t.pady = 2, t.fill = 1;
	pm_lay_table_begin(l, ncols, 1, &t);
	for (i = 0; i < n; i++) {
		pm_lay_cell(l, PM_LA_LEFT, NULL);
		pm_lay_run(l, cells[i], strlen(cells[i]), &plain);
	}
	pm_lay_table_end(l);
	pm_lay_finish(l);
	return l;
}

/* The follow-ups of the Japanese sample: short columns (owner, state)
 * stay on one line, the action takes the rest and wraps. A line may
 * break between any two CJK characters, so these cells' least width
 * was one character and the owner and state were cut (サポート/部門,
 * 期限切/れ). */
START_TEST(test_table_short_columns_whole)
{
	static const char *const cells[] = {
	    "対策", "担当", "状態",
	    "復旧データの提供方法を見直し、契約者本人だけが自社のデータに"
	    "アクセスできるようにする",
	    "サポート部門", "期限切れ",
	    "第三者による検証を受け、その結果を公表する", "経営陣", "完了"};
	pm_lay *l = wide_table(3, cells, sizeof(cells) / sizeof(cells[0]));

	ck_assert_msg(drawn_whole(l, "サポート部門"), "the owner was broken");
	ck_assert_msg(drawn_whole(l, "期限切れ"), "the state was broken");
	ck_assert_msg(!drawn_whole(l, cells[3]), "the action did not wrap");
	ck_assert_double_le(max_right(l), 350.01);
	pm_lay_free(l);
}
END_TEST

/* Short columns leave the others at least half the table: the widest
 * of them (the owner) wraps between words rather than squeezing the
 * action into a column a few words wide. */
START_TEST(test_table_short_columns_leave_half)
{
	static const char *const cells[] = {
	    "Action", "Who", "Due", "Type", "State",
	    "Keep the log copy script and the batch file under version "
	    "control, checked every month",
	    "the ops team", "30 June 2023", "Prevent", "Overdue"};
	pm_lay *l = wide_table(5, cells, sizeof(cells) / sizeof(cells[0]));
	const pm_lay_pageout *pg = pm_lay_page(l, 0);
	size_t i;

	for (i = 0; i < pg->n; i++)
		if (pg->items[i].kind == PM_LI_TEXT &&
		    strcmp(pg->items[i].text, "Due") == 0)
			ck_assert_double_ge(pg->items[i].x, 50 + 150 - 0.01);
	ck_assert_msg(!drawn_whole(l, "the ops team"), "the owner kept whole");
	ck_assert_msg(drawn_whole(l, "Overdue"), "the state was broken");
	ck_assert_msg(drawn_whole(l, "Prevent"), "the type was broken");
	ck_assert_double_le(max_right(l), 350.01);
	pm_lay_free(l);
}
END_TEST

/* A table of rows after lines of filler (14 pt each) on the 200 pt
 * frame, laid out. */
static pm_lay *
table_after(int lines, int rows)
{
	pm_lay *l = small_layout();
	int i;

	for (i = 0; i < lines; i++)
		para(l, "filler", NULL);
	table(l, rows, "ev%d.");
	pm_lay_finish(l);
	return l;
}

/* A table of at most six body rows is not split: five rows that would
 * straddle a page go to the next one whole (8 lines leave 88 pt: the
 * header and four rows of 18). */
START_TEST(test_table_small_not_split)
{
	pm_lay *l = table_after(8, 5);

	ck_assert_int_eq(page_of_text(l, "ev0."), 1);
	ck_assert_int_eq(page_of_text(l, "ev4."), 1);
	pm_lay_free(l);
}
END_TEST

/* A long table starts where its header and two rows fit: not with its
 * header and one row at the foot of a page (11 lines leave 46 pt: the
 * header and one row, not two). */
START_TEST(test_table_not_one_row_at_foot)
{
	pm_lay *l = table_after(11, 10);

	ck_assert_int_eq(page_of_text(l, "Time"), 1);
	ck_assert_int_eq(page_of_text(l, "ev1."), 1);
	pm_lay_free(l);
}
END_TEST

/* A table's caption (a timeline's day) stands above the header row on
 * each page it continues on, not on its first, where the day's own
 * heading is. */
START_TEST(test_table_caption_repeats)
{
	pm_lay *l = small_layout();
	size_t p;
	char *t;

	table_cap(l, 30, "ev%d.", "DAY 2");
	pm_lay_finish(l);
	ck_assert_int_gt(pm_lay_npages(l), 2);
	for (p = 0; p < pm_lay_npages(l); p++) {
		t = page_text(l, p);
		ck_assert_msg(strncmp(t, p ? "DAY 2\nTimeEvent" : "TimeEvent",
		                      p ? 15 : 9) == 0,
		              "page %zu starts: %.20s", p + 1, t);
		free(t);
	}
	t = all_text(l);
	ck_assert_msg(strstr(t, "ev29.") != NULL, "the last row lost");
	free(t);
	pm_lay_free(l);
}
END_TEST

START_TEST(test_heading_kept_with_table)
{
	pm_lay *l = small_layout();
	pm_lay_para h = {0};
	int i;

	for (i = 0; i < 12; i++)
		para(l, "filler", NULL);
	h.keep = 1;
	para(l, "TABLE HEAD", &h);
	table(l, 4, "ev%d.");
	pm_lay_finish(l);
	ck_assert_int_eq(page_of_text(l, "TABLE HEAD"), 1);
	ck_assert_int_eq(page_of_text(l, "ev0."), 1);
	pm_lay_free(l);
}
END_TEST

START_TEST(test_outline_entry_on_its_page)
{
	pm_lay *l = small_layout();
	pm_lay_para h = {0};
	const pm_lay_pageout *pg;
	size_t i;
	int k, found = 0;

	for (k = 0; k < 14; k++)
		para(l, "filler", NULL);
	h.keep = 1;
	h.outline = "Section";
	h.outline_level = 1;
	para(l, "Section", &h);
	para(l, "text", NULL);
	pm_lay_finish(l);
	pg = pm_lay_page(l, 1);
	for (i = 0; i < pg->n; i++)
		if (pg->items[i].kind == PM_LI_DEST &&
		    strcmp(pg->items[i].text, "Section") == 0)
			found = 1;
	ck_assert_int_eq(found, 1);
	pm_lay_free(l);
}
END_TEST

START_TEST(test_links_cover_their_text)
{
	pm_lay *l = small_layout();
	pm_lay_style link = {0, SIZE, 0, "https://example.com/"};
	const pm_lay_pageout *pg;
	size_t i;
	int links = 0;

	pm_lay_para_begin(l, NULL);
	pm_lay_run(l, "see ", 4, &plain);
	pm_lay_run(l, "here", 4, &link);
	pm_lay_para_end(l);
	pm_lay_finish(l);
	pg = pm_lay_page(l, 0);
	for (i = 0; i < pg->n; i++)
		if (pg->items[i].kind == PM_LI_LINK) {
			links++;
			ck_assert_str_eq(pg->items[i].text, "https://example.com/");
			ck_assert_double_eq_tol(pg->items[i].x, 70, 0.01);
			ck_assert_double_eq_tol(pg->items[i].w, 20, 0.01);
		}
	ck_assert_int_eq(links, 1);
	pm_lay_free(l);
}
END_TEST

static Suite *
layout_suite(void)
{
	Suite *s = suite_create("layout");
	TCase *tc = tcase_create("lines");

	tcase_add_test(tc, test_break_after_spaces);
	tcase_add_test(tc, test_spaces_collapse);
	tcase_add_test(tc, test_hard_break);
	tcase_add_test(tc, test_long_word_broken);
	tcase_add_test(tc, test_cjk_breaks_between_characters);
	tcase_add_test(tc, test_kinsoku);
	tcase_add_test(tc, test_no_line_ends_with_opening_bracket);
	tcase_add_test(tc, test_mixed_latin_cjk_faces);
	tcase_add_test(tc, test_undrawable_left_out);
	tcase_add_test(tc, test_links_cover_their_text);
	suite_add_tcase(s, tc);
	tc = tcase_create("pages");
	tcase_add_test(tc, test_heading_kept_with_next);
	tcase_add_test(tc, test_no_orphan);
	tcase_add_test(tc, test_every_line_inside_the_frame);
	tcase_add_test(tc, test_table_header_repeats);
	tcase_add_test(tc, test_table_columns_fit);
	tcase_add_test(tc, test_table_short_columns_whole);
	tcase_add_test(tc, test_table_short_columns_leave_half);
	tcase_add_test(tc, test_table_row_taller_than_a_page);
	tcase_add_test(tc, test_table_header_taller_than_a_page);
	tcase_add_test(tc, test_quote_bar_unbroken);
	tcase_add_test(tc, test_table_no_widow_row);
	tcase_add_test(tc, test_table_small_not_split);
	tcase_add_test(tc, test_table_not_one_row_at_foot);
	tcase_add_test(tc, test_table_caption_repeats);
	tcase_add_test(tc, test_heading_kept_with_table);
	tcase_add_test(tc, test_outline_entry_on_its_page);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return pm_check_run(layout_suite());
}
