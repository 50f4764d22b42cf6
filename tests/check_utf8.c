/* check_utf8.c: strict UTF-8 decoding and the character columns that every
 * diagnostic reports (format.md section 1), from the decoder up to
 * pm_doc_parse. */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "found.h"
#include "utf8.h"

/* Decodes from a heap copy of exactly len bytes, so that ASan catches any
 * read past len. */
static size_t
decode(const char *s, size_t len, int32_t *cp)
{
	char *copy = malloc(len ? len : 1);
	size_t n;

	memcpy(copy, s, len);
	n = pm_utf8_decode(copy, len, cp);
	free(copy);
	return n;
}

/* ---- The decoder ---- */

START_TEST(test_decode_valid)
{
	static const struct {
		const char *s;
		size_t len;
		int32_t cp;
	} c[] = {
	    {"A", 1, 'A'},
	    {"\x7f", 1, 0x7f},
	    {"\xc3\xa6", 2, 0xe6},          /* æ */
	    {"\xc3\x86", 2, 0xc6},          /* Æ */
	    {"\xc2\x80", 2, 0x80},          /* smallest 2-byte form */
	    {"\xdf\xbf", 2, 0x7ff},         /* largest 2-byte form */
	    {"\xe6\xa6\x82", 3, 0x6982},    /* 概 */
	    {"\xe0\xa0\x80", 3, 0x800},     /* smallest 3-byte form */
	    {"\xed\x9f\xbf", 3, 0xd7ff},    /* just below the surrogates */
	    {"\xee\x80\x80", 3, 0xe000},    /* just above them */
	    {"\xef\xbb\xbf", 3, 0xfeff},    /* BOM */
	    {"\xef\xbf\xbf", 3, 0xffff},
	    {"\xf0\x9f\x98\x80", 4, 0x1f600}, /* 😀 */
	    {"\xf0\x90\x80\x80", 4, 0x10000}, /* smallest 4-byte form */
	    {"\xf4\x8f\xbf\xbf", 4, 0x10ffff}, /* the last code point */
	};
	size_t i;
	int32_t cp;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		cp = -1;
		ck_assert_msg(decode(c[i].s, c[i].len, &cp) == c[i].len,
		              "case %zu: wrong length", i);
		ck_assert_msg(cp == c[i].cp, "case %zu: U+%04X, want U+%04X",
		              i, (unsigned)cp, (unsigned)c[i].cp);
	}
}
END_TEST

/* Only the first code point is read, whatever follows. */
START_TEST(test_decode_first_only)
{
	int32_t cp = -1;

	ck_assert_uint_eq(decode("bl\xc3\xa5", 4, &cp), 1);
	ck_assert_int_eq(cp, 'b');
	ck_assert_uint_eq(decode("\xc3\xa5X", 3, &cp), 2);
	ck_assert_int_eq(cp, 0xe5);
	ck_assert_uint_eq(decode("\xe6\xa6\x82\xe8\xa6\x81", 6, &cp), 3);
	ck_assert_int_eq(cp, 0x6982);
}
END_TEST

START_TEST(test_decode_invalid)
{
	static const struct {
		const char *what;
		const char *s;
		size_t len;
	} c[] = {
	    {"empty", "", 0},
	    {"overlong NUL C0 80", "\xc0\x80", 2},
	    {"overlong C1 BF", "\xc1\xbf", 2},
	    {"overlong E0 80 80", "\xe0\x80\x80", 3},
	    {"overlong E0 9F BF", "\xe0\x9f\xbf", 3},
	    {"overlong F0 80 80 80", "\xf0\x80\x80\x80", 4},
	    {"overlong F0 8F BF BF", "\xf0\x8f\xbf\xbf", 4},
	    {"surrogate D800", "\xed\xa0\x80", 3},
	    {"surrogate DBFF", "\xed\xaf\xbf", 3},
	    {"surrogate DC00", "\xed\xb0\x80", 3},
	    {"surrogate DFFF", "\xed\xbf\xbf", 3},
	    {"above U+10FFFF", "\xf4\x90\x80\x80", 4},
	    {"F5 lead", "\xf5\x80\x80\x80", 4},
	    {"F7 lead", "\xf7\xbf\xbf\xbf", 4},
	    {"5-byte form F8", "\xf8\x88\x80\x80\x80", 5},
	    {"lone continuation 80", "\x80", 1},
	    {"lone continuation BF", "\xbf", 1},
	    {"continuation first", "\xa6\x82", 2},
	    {"FE", "\xfe", 1},
	    {"FF", "\xff", 1},
	    {"FE FF as BOM-16", "\xfe\xff", 2},
	    {"2-byte truncated", "\xc3", 1},
	    {"3-byte truncated after 1", "\xe6", 1},
	    {"3-byte truncated after 2", "\xe6\xa6", 2},
	    {"4-byte truncated after 3", "\xf0\x9f\x98", 3},
	    {"2-byte, ASCII second", "\xc3(", 2},
	    {"3-byte, ASCII second", "\xe2(\xa1", 3},
	    {"3-byte, ASCII third", "\xe2\x82(", 3},
	    {"4-byte, ASCII fourth", "\xf0\x9f\x98(", 4},
	    {"3-byte, new lead inside", "\xe6\xc3\xa6", 3},
	};
	size_t i;
	int32_t cp;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++)
		ck_assert_msg(decode(c[i].s, c[i].len, &cp) == 0,
		              "%s decoded", c[i].what);
}
END_TEST

/* len is a hard limit: a valid sequence cut by it is truncated. */
START_TEST(test_decode_respects_len)
{
	int32_t cp;

	ck_assert_uint_eq(pm_utf8_decode("\xc3\xa6", 1, &cp), 0);
	ck_assert_uint_eq(pm_utf8_decode("\xe6\xa6\x82", 2, &cp), 0);
	ck_assert_uint_eq(pm_utf8_decode("\xf0\x9f\x98\x80", 3, &cp), 0);
}
END_TEST

START_TEST(test_validate_offsets)
{
	static const struct {
		const char *s;
		size_t len, bad;
	} c[] = {
	    {"", 0, 0},
	    {"plain ascii", 11, 11},
	    {"bl\xc3\xa5" "b\xc3\xa6r", 8, 8},           /* blåbær */
	    {"\xe6\xa6\x82\xe8\xa6\x81 \xf0\x9f\x98\x80", 11, 11},
	    {"\xff", 1, 0},
	    {"abc\xff", 4, 3},
	    {"bl\xc3\xa5\x80", 5, 4},                     /* stray 80 */
	    {"bl\xc3\xa5\xc3", 5, 4},                     /* cut at end */
	    {"a\xed\xa0\x80" "b", 5, 1},                  /* surrogate */
	    {"\xe6\xa6\x82\xc0\x80", 5, 3},               /* overlong */
	    {"\xe6\xa6\x82\xf4\x90\x80\x80", 7, 3},       /* > U+10FFFF */
	    {"x\xe6\xa6(", 4, 1},                         /* truncated */
	    {"ok\xfe\xff", 4, 2},
	};
	size_t i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++)
		ck_assert_msg(pm_utf8_validate(c[i].s, c[i].len) == c[i].bad,
		              "case %zu: %zu, want %zu", i,
		              pm_utf8_validate(c[i].s, c[i].len), c[i].bad);
}
END_TEST

START_TEST(test_count)
{
	ck_assert_uint_eq(pm_utf8_count("", 0), 0);
	ck_assert_uint_eq(pm_utf8_count("abc", 3), 3);
	ck_assert_uint_eq(pm_utf8_count("bl\xc3\xa5" "b\xc3\xa6r", 8), 6);
	ck_assert_uint_eq(pm_utf8_count("\xe6\xa6\x82\xe8\xa6\x81", 6), 2);
	ck_assert_uint_eq(pm_utf8_count("\xf0\x9f\x98\x80" "a", 5), 2);
	/* ⏲️: a symbol and a variation selector are two characters. */
	ck_assert_uint_eq(pm_utf8_count("\xe2\x8f\xb2\xef\xb8\x8f", 6), 2);
	/* Each byte that starts no valid sequence is one character. */
	ck_assert_uint_eq(pm_utf8_count("a\xff\xfe" "b", 4), 4);
	ck_assert_uint_eq(pm_utf8_count("\xe6\xa6", 2), 2);
	ck_assert_uint_eq(pm_utf8_count("\xed\xa0\x80", 3), 3);
	/* A count stops at len even inside a character. */
	ck_assert_uint_eq(pm_utf8_count("\xc3\xa6\xc3\xa6", 3), 2);
}
END_TEST

START_TEST(test_encode_lengths)
{
	static const struct {
		int32_t cp;
		size_t len;
		const char *bytes;
	} c[] = {
	    {0x41, 1, "A"},
	    {0x7f, 1, "\x7f"},
	    {0x80, 2, "\xc2\x80"},
	    {0xe6, 2, "\xc3\xa6"},
	    {0x7ff, 2, "\xdf\xbf"},
	    {0x800, 3, "\xe0\xa0\x80"},
	    {0x6982, 3, "\xe6\xa6\x82"},
	    {0xffff, 3, "\xef\xbf\xbf"},
	    {0x10000, 4, "\xf0\x90\x80\x80"},
	    {0x1f600, 4, "\xf0\x9f\x98\x80"},
	    {0x10ffff, 4, "\xf4\x8f\xbf\xbf"},
	};
	char out[4];
	size_t i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		ck_assert_uint_eq(pm_utf8_encode(c[i].cp, out), c[i].len);
		ck_assert_msg(memcmp(out, c[i].bytes, c[i].len) == 0,
		              "U+%04X encoded wrong", (unsigned)c[i].cp);
	}
}
END_TEST

/* Every scalar value survives encode then decode, with the length the
 * encoder chose; so the validator accepts what the encoder writes. */
START_TEST(test_round_trip)
{
	char out[4];
	int32_t c, back;
	size_t n;

	for (c = 0; c <= 0x10ffff; c++) {
		if (c >= 0xd800 && c <= 0xdfff)
			continue;
		/* ck_abort_msg only on failure: ck_assert marks a point per
		 * call, which would make a million calls slow. */
		n = pm_utf8_encode(c, out);
		if (n != (size_t)(c < 0x80 ? 1 : c < 0x800 ? 2
		                             : c < 0x10000 ? 3 : 4))
			ck_abort_msg("U+%04X: length %zu", (unsigned)c, n);
		back = -1;
		if (pm_utf8_decode(out, n, &back) != n || back != c)
			ck_abort_msg("U+%04X did not round-trip", (unsigned)c);
		if (pm_utf8_validate(out, n) != n)
			ck_abort_msg("U+%04X rejected by validate", (unsigned)c);
	}
}
END_TEST

/* ---- Lines and character columns ---- */

static pm_src src;

static void
src_of(const char *text)
{
	pm_src_init(&src, "t.md", text, strlen(text), NULL, NULL);
}

static void
src_done(void)
{
	pm_src_free(&src);
}

static void
assert_line(int line, const char *want)
{
	size_t len = 12345;
	const char *s = pm_src_line(&src, line, &len);

	ck_assert_msg(s != NULL, "line %d missing", line);
	ck_assert_msg(len == strlen(want) && memcmp(s, want, len) == 0,
	              "line %d is '%.*s', want '%s'", line, (int)len, s, want);
}

static void
assert_loc(pm_loc loc, int line, int col, int span)
{
	ck_assert_msg(loc.line == line && loc.col == col && loc.span == span,
	              "%d:%d+%d, want %d:%d+%d", loc.line, loc.col, loc.span,
	              line, col, span);
}

/* "blåbær X": X is byte 10 but character 8 of its line. */
START_TEST(test_columns_norwegian)
{
	const char *text = "Tittel\nbl\xc3\xa5" "b\xc3\xa6r X\n";
	const char *x = strchr(text, 'X');

	src_of(text);
	assert_loc(pm_src_loc(&src, x, 1), 2, 8, 1);
	assert_loc(pm_src_loc_bytes(&src, 2, 10, 1), 2, 8, 1);
	/* "blåbær" is 8 bytes and 6 characters wide. */
	assert_loc(pm_src_loc(&src, strchr(text, '\n') + 1, 8), 2, 1, 6);
	assert_loc(pm_src_loc_bytes(&src, 2, 1, 8), 2, 1, 6);
	/* "ær" starts at byte 6, character 5. */
	assert_loc(pm_src_loc_bytes(&src, 2, 6, 3), 2, 5, 2);
	src_done();
}
END_TEST

START_TEST(test_columns_japanese)
{
	/* "概要: X" then "- 07:59 障害発生 (owner: 運用)" */
	const char *text = "\xe6\xa6\x82\xe8\xa6\x81: X\n"
	                   "- 07:59 \xe9\x9a\x9c\xe5\xae\xb3\xe7\x99\xba"
	                   "\xe7\x94\x9f (owner: \xe9\x81\x8b\xe7\x94\xa8)";
	const char *owner = strstr(text, "owner");

	src_of(text);
	assert_loc(pm_src_loc(&src, strchr(text, 'X'), 1), 1, 5, 1);
	assert_loc(pm_src_loc_bytes(&src, 1, 9, 1), 1, 5, 1);
	/* "- 07:59 " is 8, four kanji, a space and '(' make 14. */
	assert_loc(pm_src_loc(&src, owner, 5), 2, 15, 5);
	assert_loc(pm_src_loc_bytes(&src, 2, (int)(owner - strchr(text, '\n')),
	                            5),
	           2, 15, 5);
	/* The value "運用": 6 bytes, 2 characters, at character 22. */
	assert_loc(pm_src_loc(&src, owner + 7, 6), 2, 22, 2);
	/* An emoji is one character: the 'a' after "😀 " is column 3. */
	src_done();
	src_of("\xf0\x9f\x98\x80 a");
	assert_loc(pm_src_loc_bytes(&src, 1, 6, 1), 1, 3, 1);
	src_done();
}
END_TEST

START_TEST(test_crlf_lines)
{
	const char *text = "---\r\ntitle: bl\xc3\xa5\r\n---\r\nX";

	src_of(text);
	ck_assert_uint_eq(src.nlines, 4);
	assert_line(1, "---");
	assert_line(2, "title: bl\xc3\xa5");
	assert_line(3, "---");
	assert_line(4, "X");
	assert_loc(pm_src_loc(&src, strchr(text, 'X'), 1), 4, 1, 1);
	/* The CR is not a character of the line before it: the 'b' of
	 * "blå" is column 8 and "blå" spans 3. */
	assert_loc(pm_src_loc(&src, strstr(text, "bl"), 4), 2, 8, 3);
	src_done();
}
END_TEST

START_TEST(test_lone_cr_lines)
{
	const char *text = "one\rtwo\rthree X";

	src_of(text);
	ck_assert_uint_eq(src.nlines, 3);
	assert_line(1, "one");
	assert_line(2, "two");
	assert_line(3, "three X");
	assert_loc(pm_src_loc(&src, strchr(text, 'X'), 1), 3, 7, 1);
	src_done();
}
END_TEST

/* "\n\r\n": an LF, then a CRLF; two breaks, not three. */
START_TEST(test_mixed_endings)
{
	const char *text = "a\n\r\nb\r\rc\n";

	src_of(text);
	ck_assert_uint_eq(src.nlines, 5);
	assert_line(1, "a");
	assert_line(2, "");
	assert_line(3, "b");
	assert_line(4, "");
	assert_line(5, "c");
	assert_loc(pm_src_loc(&src, strchr(text, 'c'), 1), 5, 1, 1);
	src_done();
}
END_TEST

START_TEST(test_final_line)
{
	size_t len;

	/* Without a newline, the last line still counts. */
	src_of("first\nlast");
	ck_assert_uint_eq(src.nlines, 2);
	assert_line(2, "last");
	ck_assert_ptr_null(pm_src_line(&src, 3, &len));
	src_done();
	/* With one, there is no empty line after it. */
	src_of("first\nlast\n");
	ck_assert_uint_eq(src.nlines, 2);
	assert_line(2, "last");
	ck_assert_ptr_null(pm_src_line(&src, 3, &len));
	src_done();
	src_of("first\r\nlast\r\n");
	ck_assert_uint_eq(src.nlines, 2);
	assert_line(2, "last");
	src_done();
}
END_TEST

START_TEST(test_empty_text)
{
	size_t len = 99;
	const char *s;

	src_of("");
	ck_assert_uint_eq(src.nlines, 1);
	s = pm_src_line(&src, 1, &len);
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(len, 0);
	ck_assert_ptr_null(pm_src_line(&src, 0, &len));
	ck_assert_ptr_null(pm_src_line(&src, 2, &len));
	ck_assert_ptr_null(pm_src_line(&src, -1, &len));
	assert_loc(pm_src_loc(&src, src.text, 0), 1, 1, 1);
	src_done();
}
END_TEST

START_TEST(test_loc_edges)
{
	const char *text = "ab\nc\xc3\xa6";
	char other[4] = "zzz";

	src_of(text);
	/* A pointer outside the text has no place. */
	ck_assert_int_eq(pm_src_loc(&src, other, 1).line, 0);
	/* The end of the text is just after its last character. */
	assert_loc(pm_src_loc(&src, text + strlen(text), 0), 2, 3, 1);
	/* A span never runs past its line's end. */
	assert_loc(pm_src_loc_bytes(&src, 1, 2, 50), 1, 2, 1);
	assert_loc(pm_src_loc_bytes(&src, 2, 2, 50), 2, 2, 1);
	/* A byte column past the end is the end of the line. */
	assert_loc(pm_src_loc_bytes(&src, 2, 40, 1), 2, 3, 1);
	/* A line out of range keeps the line, at column 1. */
	assert_loc(pm_src_loc_bytes(&src, 9, 4, 1), 9, 1, 1);
	src_done();
}
END_TEST

/* ---- Findings: held, then delivered in source order ---- */

START_TEST(test_flush_order)
{
	const char *text = "one\r\nbl\xc3\xa5" "b\xc3\xa6r \xff\r\nthree\n";
	pm_found f = {0};
	pm_src s;

	pm_src_init(&s, "t.md", text, strlen(text), pm_found_collect, &f);
	pm_report(&s, PM_R_TIMELINE_TIME, (pm_loc){3, 2, 1});
	pm_report(&s, PM_R_UTF8, pm_src_loc(&s, strchr(text, '\xff'), 1),
	          0xff);
	pm_report(&s, PM_R_TIMELINE_TIME, (pm_loc){1, 4, 1});
	pm_report(&s, PM_R_WHY_QUESTION, (pm_loc){1, 2, 2});
	pm_report(&s, PM_R_WHY_ANSWER, (pm_loc){1, 2, 1});
	/* Nothing reaches the sink before the flush. */
	ck_assert_int_eq(f.n, 0);
	ck_assert_int_eq(s.errors, 5);
	pm_src_flush(&s);
	ck_assert_int_eq(f.n, 5);
	/* By line, then column; two at one place keep their order. */
	ck_assert_str_eq(f.d[0].rule, "why-question");
	ck_assert_int_eq(f.d[0].col, 2);
	ck_assert_int_eq(f.d[0].span, 2);
	ck_assert_str_eq(f.d[1].rule, "why-answer");
	ck_assert_str_eq(f.d[2].rule, "timeline-time");
	ck_assert_int_eq(f.d[2].line, 1);
	ck_assert_int_eq(f.d[2].col, 4);
	ck_assert_str_eq(f.d[3].rule, "utf8");
	ck_assert_int_eq(f.d[3].line, 2);
	ck_assert_int_eq(f.d[3].col, 8);
	ck_assert_str_eq(f.d[3].msg, "invalid UTF-8 byte 0xff");
	ck_assert_int_eq(f.d[3].sev, PM_ERROR);
	/* The excerpt is the line without its CRLF. */
	ck_assert_str_eq(f.d[3].excerpt, "bl\xc3\xa5" "b\xc3\xa6r \xff");
	ck_assert_str_eq(f.d[4].rule, "timeline-time");
	ck_assert_int_eq(f.d[4].line, 3);
	ck_assert_str_eq(f.d[4].excerpt, "three");
	/* A second flush delivers nothing again. */
	pm_src_flush(&s);
	ck_assert_int_eq(f.n, 5);
	/* Findings made after a flush are held and delivered anew. */
	pm_report(&s, PM_R_TIMELINE_TIME, (pm_loc){2, 1, 1});
	pm_src_flush(&s);
	ck_assert_int_eq(f.n, 6);
	ck_assert_int_eq(f.d[5].line, 2);
	pm_src_free(&s);
}
END_TEST

/* Many findings at one place come out in the order they were made,
 * between those before and after it. */
START_TEST(test_flush_ties)
{
	static const pm_rule order[] = {
	    PM_R_WHY_QUESTION, PM_R_WHY_ANSWER,  PM_R_TIMELINE_TIME,
	    PM_R_TIMELINE_DATE, PM_R_PREAMBLE,   PM_R_NUL,
	    PM_R_FOLLOWUP_OWNER, PM_R_FOLLOWUP_DUE, PM_R_RAW_HTML,
	    PM_R_TIMELINE_EMPTY, PM_R_FM_MISSING, PM_R_XML_DTD,
	};
	const size_t n = sizeof(order) / sizeof(order[0]);
	pm_found f = {0};
	pm_src s;
	size_t i;

	pm_src_init(&s, "t.md", "a\nb\nc\n", 6, pm_found_collect, &f);
	pm_report(&s, PM_R_HEADING_LEVEL, (pm_loc){3, 1, 1});
	for (i = 0; i < n; i++)
		pm_report(&s, order[i], (pm_loc){2, 1, 1});
	pm_report(&s, PM_R_HEADING_LEVEL, (pm_loc){1, 1, 1});
	pm_src_flush(&s);
	ck_assert_int_eq(f.n, (int)n + 2);
	ck_assert_int_eq(f.d[0].line, 1);
	for (i = 0; i < n; i++)
		ck_assert_str_eq(f.d[i + 1].rule, pm_rule_id(order[i]));
	ck_assert_int_eq(f.d[n + 1].line, 3);
	pm_src_free(&s);
}
END_TEST

/* ---- Through the whole pipeline ---- */

static pm_found *
compile(const char *text, size_t len, pm_found *f)
{
	pm_options o = {0};
	pm_doc *doc;

	memset(f, 0, sizeof(*f));
	o.policy = "/dev/null";
	o.today = "2025-01-01";
	o.diag = pm_found_collect;
	o.diag_arg = f;
	doc = pm_doc_parse("t.md", text, len, &o);
	ck_assert_ptr_nonnull(doc);
	pm_doc_free(doc);
	return f;
}

#define FM "---\ntitle: T\nseverity: SEV2\n---\n"

START_TEST(test_doc_bad_byte_column)
{
	/* Line 7 is "Blåbær og 概要 \xff": the bad byte is character 14. */
	const char *text = FM "\n## Summary\n"
	                      "Bl\xc3\xa5" "b\xc3\xa6r og \xe6\xa6\x82\xe8\xa6\x81 "
	                      "\xff\n";
	pm_found f;

	compile(text, strlen(text), &f);
	ck_assert_int_eq(f.n, 1);
	ck_assert_str_eq(f.d[0].rule, "utf8");
	ck_assert_int_eq(f.d[0].line, 7);
	ck_assert_int_eq(f.d[0].col, 14);
	ck_assert_str_eq(f.d[0].msg, "invalid UTF-8 byte 0xff");
}
END_TEST

START_TEST(test_doc_bad_byte_crlf_and_cr)
{
	const char *crlf = "---\r\ntitle: T\r\nseverity: SEV2\r\n---\r\n\r\n"
	                   "## Summary\r\n\r\nok \xc3\xa6 \xed\xa0\x80\r\n";
	const char *cr = "---\rtitle: T\rseverity: SEV2\r---\r\r"
	                 "## Summary\r\rok \xc3\xa6 \xc0\x80\r";
	pm_found f;

	compile(crlf, strlen(crlf), &f);
	ck_assert_int_eq(f.n, 1);
	ck_assert_str_eq(f.d[0].rule, "utf8");
	ck_assert_int_eq(f.d[0].line, 8);
	ck_assert_int_eq(f.d[0].col, 6);
	ck_assert_str_eq(f.d[0].msg, "invalid UTF-8 byte 0xed");
	compile(cr, strlen(cr), &f);
	ck_assert_int_eq(f.n, 1);
	ck_assert_int_eq(f.d[0].line, 8);
	ck_assert_int_eq(f.d[0].col, 6);
	ck_assert_str_eq(f.d[0].msg, "invalid UTF-8 byte 0xc0");
}
END_TEST

/* The BOM is ignored: columns on line 1 start after it. */
START_TEST(test_doc_bom_column)
{
	const char *text = "\xef\xbb\xbf" "ab\xff\n";
	pm_found f;

	compile(text, strlen(text), &f);
	ck_assert_int_eq(f.n, 1);
	ck_assert_str_eq(f.d[0].rule, "utf8");
	ck_assert_int_eq(f.d[0].line, 1);
	ck_assert_int_eq(f.d[0].col, 3);
}
END_TEST

/* A truncated sequence at the very end of the file. */
START_TEST(test_doc_truncated_at_end)
{
	const char *text = FM "\n## Summary\n\nbl\xc3";
	pm_found f;

	compile(text, strlen(text), &f);
	ck_assert_int_eq(f.n, 1);
	ck_assert_str_eq(f.d[0].rule, "utf8");
	ck_assert_int_eq(f.d[0].line, 8);
	ck_assert_int_eq(f.d[0].col, 3);
	ck_assert_str_eq(f.d[0].msg, "invalid UTF-8 byte 0xc3");
}
END_TEST

START_TEST(test_doc_nul_column)
{
	static const char text[] = FM "\n## Summary\n\n\xc3\xa6\xc3\xb8\xc3\xa5"
	                              "\0x\n";
	pm_found f;

	compile(text, sizeof(text) - 1, &f);
	ck_assert_int_eq(f.n, 1);
	ck_assert_str_eq(f.d[0].rule, "nul-byte");
	ck_assert_int_eq(f.d[0].line, 8);
	ck_assert_int_eq(f.d[0].col, 4);
}
END_TEST

static Suite *
utf8_suite(void)
{
	Suite *s = suite_create("utf8");
	TCase *tc = tcase_create("decode");

	tcase_add_test(tc, test_decode_valid);
	tcase_add_test(tc, test_decode_first_only);
	tcase_add_test(tc, test_decode_invalid);
	tcase_add_test(tc, test_decode_respects_len);
	tcase_add_test(tc, test_validate_offsets);
	tcase_add_test(tc, test_count);
	tcase_add_test(tc, test_encode_lengths);
	tcase_add_test(tc, test_round_trip);
	suite_add_tcase(s, tc);
	tc = tcase_create("columns");
	tcase_add_test(tc, test_columns_norwegian);
	tcase_add_test(tc, test_columns_japanese);
	tcase_add_test(tc, test_crlf_lines);
	tcase_add_test(tc, test_lone_cr_lines);
	tcase_add_test(tc, test_mixed_endings);
	tcase_add_test(tc, test_final_line);
	tcase_add_test(tc, test_empty_text);
	tcase_add_test(tc, test_loc_edges);
	tcase_add_test(tc, test_flush_order);
	tcase_add_test(tc, test_flush_ties);
	suite_add_tcase(s, tc);
	tc = tcase_create("document");
	tcase_add_test(tc, test_doc_bad_byte_column);
	tcase_add_test(tc, test_doc_bad_byte_crlf_and_cr);
	tcase_add_test(tc, test_doc_bom_column);
	tcase_add_test(tc, test_doc_truncated_at_end);
	tcase_add_test(tc, test_doc_nul_column);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return pm_check_run(utf8_suite());
}
