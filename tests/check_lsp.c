/* check_lsp.c: pmc lsp's positions in the client's units (UTF-16 by
 * default, UTF-8 and UTF-32 negotiated) for Japanese, emoji and line
 * endings, and its message reader on well-formed, split and broken
 * streams. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "found.h"
#include "lsp.h"
#include "lsp_chunks.h"

/* "- 07:55 — 障害😀が発生" : a dash and an em dash, CJK, and an emoji
 * outside the BMP (two UTF-16 units, four bytes). */
static const char line1[] = "- 07:55 \xe2\x80\x94 \xe9\x9a\x9c\xe5\xae\xb3"
                            "\xf0\x9f\x98\x80\xe3\x81\x8c";

START_TEST(test_units_each_encoding)
{
	size_t n = strlen(line1);

	/* 8 ASCII, em dash, space, 2 CJK, emoji, 1 kana */
	ck_assert_int_eq(pm_lsp_units(line1, n, PM_LSP_UTF32), 14);
	ck_assert_int_eq(pm_lsp_units(line1, n, PM_LSP_UTF16), 15);
	ck_assert_int_eq(pm_lsp_units(line1, n, PM_LSP_UTF8), (long)n);
}
END_TEST

START_TEST(test_offset_after_emoji)
{
	const char *kana = strstr(line1, "\xe3\x81\x8c");
	size_t want = (size_t)(kana - line1);

	/* the kana after the emoji: character 14 in UTF-16, 13 in UTF-32 */
	ck_assert_uint_eq(pm_lsp_offset(line1, strlen(line1), 0, 14,
	                                PM_LSP_UTF16), want);
	ck_assert_uint_eq(pm_lsp_offset(line1, strlen(line1), 0, 13,
	                                PM_LSP_UTF32), want);
	ck_assert_uint_eq(pm_lsp_offset(line1, strlen(line1), 0, (long)want,
	                                PM_LSP_UTF8), want);
}
END_TEST

START_TEST(test_offset_inside_a_character)
{
	const char *emoji = strstr(line1, "\xf0\x9f\x98\x80");
	size_t at = (size_t)(emoji - line1);

	/* between the two halves of the surrogate pair: the emoji's start */
	ck_assert_uint_eq(pm_lsp_offset(line1, strlen(line1), 0, 13,
	                                PM_LSP_UTF16), at);
	/* a byte inside the em dash, in UTF-8 units: its start */
	ck_assert_uint_eq(pm_lsp_offset(line1, strlen(line1), 0, 9,
	                                PM_LSP_UTF8), 8);
}
END_TEST

START_TEST(test_offset_past_the_end)
{
	static const char t[] = "ab\r\ncd\rxy\n";

	/* a character past the line's end is its end, before "\r\n" */
	ck_assert_uint_eq(pm_lsp_offset(t, strlen(t), 0, 99, PM_LSP_UTF16), 2);
	/* a lone "\r" ends a line too */
	ck_assert_uint_eq(pm_lsp_offset(t, strlen(t), 1, 1, PM_LSP_UTF16), 5);
	ck_assert_uint_eq(pm_lsp_offset(t, strlen(t), 2, 0, PM_LSP_UTF16), 7);
	/* the empty line after the last line ending, and beyond it */
	ck_assert_uint_eq(pm_lsp_offset(t, strlen(t), 3, 0, PM_LSP_UTF16), 10);
	ck_assert_uint_eq(pm_lsp_offset(t, strlen(t), 9, 5, PM_LSP_UTF16), 10);
	ck_assert_uint_eq(pm_lsp_offset(t, strlen(t), -1, -1, PM_LSP_UTF16), 0);
}
END_TEST

START_TEST(test_line_and_chars)
{
	static const char t[] = "x\n\xe6\x97\xa5\xe6\x9c\xac\xf0\x9f\x98\x80z\n";
	size_t n, at = pm_lsp_line(t, strlen(t), 2, &n);

	ck_assert_uint_eq(at, 2);
	ck_assert_uint_eq(n, 11);
	/* pmc's columns count code points: column 4 is the 'z' */
	ck_assert_uint_eq(pm_lsp_chars_bytes(t + at, n, 3), 10);
	ck_assert_uint_eq(pm_lsp_chars_bytes(t + at, n, 99), n);
	/* and in UTF-16 the 'z' is character 4 */
	ck_assert_int_eq(pm_lsp_units(t + at, 10, PM_LSP_UTF16), 4);
}
END_TEST

/* ---- The reader ---- */

static pm_lsp_status
read_one(const char *s, size_t step, pm_buf *body, pm_lsp_reader *r,
         struct chunks *c)
{
	c->s = s;
	c->len = strlen(s);
	c->at = 0;
	c->step = step;
	pm_lsp_reader_init(r, read_chunks, c);
	return pm_lsp_read(r, body);
}

START_TEST(test_read_split_anywhere)
{
	static const char s[] = "Content-Length: 7\r\nContent-Type: x\r\n\r\n"
	                        "{\"a\":1}content-length:2\n\n[]";
	pm_lsp_reader *r = malloc(sizeof(*r));
	struct chunks c;
	pm_buf body = {0};
	size_t step;

	for (step = 1; step < sizeof(s); step++) {
		ck_assert_int_eq(read_one(s, step, &body, r, &c), PM_LSP_MSG);
		ck_assert_str_eq(pm_buf_cstr(&body), "{\"a\":1}");
		/* a second message, with bare line feeds and the name in
		 * lower case */
		ck_assert_int_eq(pm_lsp_read(r, &body), PM_LSP_MSG);
		ck_assert_str_eq(pm_buf_cstr(&body), "[]");
		ck_assert_int_eq(pm_lsp_read(r, &body), PM_LSP_EOF);
	}
	pm_buf_free(&body);
	free(r);
}
END_TEST

START_TEST(test_read_broken)
{
	static const struct {
		const char *s;
		pm_lsp_status st;
	} cases[] = {
	    {"", PM_LSP_EOF},
	    {"garbage\r\n\r\n{}", PM_LSP_BAD_HEADER},
	    {"Content-Type: x\r\n\r\n{}", PM_LSP_BAD_HEADER},
	    {"Content-Length: -3\r\n\r\n{}", PM_LSP_BAD_HEADER},
	    {"Content-Length: 12x\r\n\r\n{}", PM_LSP_BAD_HEADER},
	    {"Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}",
	     PM_LSP_BAD_HEADER},
	    {"Content-Length: 67108865\r\n\r\n{}", PM_LSP_TOO_LARGE},
	    {"Content-Length: 99999999999999999999999999\r\n\r\n",
	     PM_LSP_TOO_LARGE},
	    {"Content-Length: 10\r\n\r\n{}", PM_LSP_TRUNCATED},
	    {"Content-Length: 10\r\n", PM_LSP_TRUNCATED},
	    {"Content-Len", PM_LSP_TRUNCATED},
	};
	pm_lsp_reader *r = malloc(sizeof(*r));
	struct chunks c;
	pm_buf body = {0};
	size_t k;

	for (k = 0; k < sizeof(cases) / sizeof(cases[0]); k++)
		ck_assert_msg(read_one(cases[k].s, 3, &body, r, &c) ==
		                  cases[k].st,
		              "case %zu", k);
	pm_buf_free(&body);
	free(r);
}
END_TEST

START_TEST(test_read_endless_header)
{
	/* a header line that never ends is refused at the limit, not read
	 * into memory without end */
	size_t n = PM_LSP_MAX_HEADER * 3;
	char *s = malloc(n + 1);
	pm_lsp_reader *r = malloc(sizeof(*r));
	struct chunks c;
	pm_buf body = {0};

	memset(s, 'x', n);
	s[n] = '\0';
	ck_assert_int_eq(read_one(s, 1000, &body, r, &c), PM_LSP_BAD_HEADER);
	ck_assert_uint_le(c.at, PM_LSP_MAX_HEADER + 1000);
	free(s);
	free(r);
}
END_TEST

static Suite *
lsp_suite(void)
{
	Suite *s = suite_create("lsp");
	TCase *tc = tcase_create("positions");

	tcase_add_test(tc, test_units_each_encoding);
	tcase_add_test(tc, test_offset_after_emoji);
	tcase_add_test(tc, test_offset_inside_a_character);
	tcase_add_test(tc, test_offset_past_the_end);
	tcase_add_test(tc, test_line_and_chars);
	suite_add_tcase(s, tc);
	tc = tcase_create("reader");
	tcase_add_test(tc, test_read_split_anywhere);
	tcase_add_test(tc, test_read_broken);
	tcase_add_test(tc, test_read_endless_header);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return pm_check_run(lsp_suite());
}
