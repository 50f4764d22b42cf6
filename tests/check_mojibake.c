/* check_mojibake.c: finding and repairing mojibake (src/mojibake.c): the
 * seed document's "pĂ„" for "på", the common Windows-1252 forms, and no
 * false alarm on real text in the languages postmortems are written in. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "found.h"
#include "mojibake.h"
#include "utf8.h"

/* s repaired, in a static buffer; *count: runs repaired. */
static const char *
fixed(const char *s, size_t *count)
{
	static char out[4096];
	pm_buf b = {0};
	size_t n = pm_mojibake_fix(s, strlen(s), &b);

	if (count != NULL)
		*count = n;
	snprintf(out, sizeof(out), "%s", pm_buf_cstr(&b));
	pm_buf_free(&b);
	return out;
}

START_TEST(test_repairs)
{
	static const struct {
		const char *in, *want, *charset;
	} c[] = {
	    /* the seed (Sikt, FS-Canvas): Norwegian read as ISO-8859-16 */
	    {"meldte fra p\xc4\x82\xe2\x80\x9e Teams", "meldte fra på Teams",
	     "ISO-8859-16"},
	    {"l\xc4\x82\xc5\xbepet", "løpet", "ISO-8859-16"},
	    {"v\xc4\x82\xc5\xa0re", "være", "ISO-8859-16"},
	    {"\xc4\x82\xe2\x80\x9e" "rsaken", "årsaken", "ISO-8859-16"},
	    {"GJENNOMF\xc4\x82\xc2\x98RING", "GJENNOMFØRING", "ISO-8859-16"},
	    /* Windows-1252, the commonest */
	    {"\xc3\x83\xc2\xb8l", "øl", "Windows-1252"},
	    {"bl\xc3\x83\xc2\xa5" "b\xc3\x83\xc2\xa6r", "blåbær", "Windows-1252"},
	    {"caf\xc3\x83\xc2\xa9", "café", "Windows-1252"},
	    {"team\xc3\xa2\xe2\x82\xac\xe2\x84\xa2s", "team’s", "Windows-1252"},
	    {"\xc3\x83\xe2\x80\xa6se", "Åse", "Windows-1252"},
	    /* Windows-1250: Polish */
	    {"sta\xc4\xb9\xe2\x80\x9a", "stał", "Windows-1250"},
	    /* Latin-1: C1 controls where Windows has punctuation */
	    {"\xc3\x83\xc2\x85se", "Åse", "Latin-1"},
	};
	pm_mojibake m;
	size_t i;

	for (i = 0; i < sizeof(c) / sizeof(*c); i++) {
		ck_assert_msg(pm_mojibake_find(c[i].in, strlen(c[i].in), 0, &m),
		              "case %zu: not found", i);
		ck_assert_msg(strcmp(m.charset, c[i].charset) == 0,
		              "case %zu: read as %s, want %s", i, m.charset,
		              c[i].charset);
		ck_assert_str_eq(fixed(c[i].in, NULL), c[i].want);
		/* a repaired text has nothing left to repair */
		ck_assert_str_eq(fixed(c[i].want, NULL), c[i].want);
	}
}
END_TEST

START_TEST(test_no_false_alarm)
{
	static const char *const texts[] = {
	    "Ärger über die Ölüberführung; straße, naïve, café, Åse, Øresund",
	    "Ægir, «sitat», ©2024, 25 °C ±5, 3 µs, ½ time, £5, ¥100, §3",
	    "Zażółć gęślą jaźń. Příliš žluťoučký kůň úpěl ďábelské ódy.",
	    "Știință și tehnologie în România: „citat”.",
	    "Ñandú, São Paulo, Þórsmörk, Ελληνικά, Русский",
	    "東京のデータセンターで障害が発生しました。",
	    "Sikt: FS–Canvas-integrasjonen stoppet “i natt” — 07:59…",
	};
	pm_mojibake m;
	size_t i;

	for (i = 0; i < sizeof(texts) / sizeof(*texts); i++)
		ck_assert_msg(!pm_mojibake_find(texts[i], strlen(texts[i]), 0,
		                                &m),
		              "false alarm in '%s' at byte %zu (read as %s)",
		              texts[i], m.off, m.charset);
}
END_TEST

/* A line of the seed document as it came: every mojibake word repaired
 * and nothing else touched. */
START_TEST(test_seed_line)
{
	const char *line =
	    "Kl. 08:04: Tjenesteansvarlig (heretter TA) fors\xc4\x82\xc5\xbe"
	    "ker \xc4\x82\xe2\x80\x9e koble til SFTP-server og f\xc4\x82\xe2"
	    "\x80\x9er ikke koblet til. Melder ogs\xc4\x82\xe2\x80\x9e fra.";
	size_t n;

	ck_assert_str_eq(fixed(line, &n),
	                 "Kl. 08:04: Tjenesteansvarlig (heretter TA) forsøker "
	                 "å koble til SFTP-server og får ikke koblet til. "
	                 "Melder også fra.");
	ck_assert_uint_eq(n, 4);
}
END_TEST

/* The warning names the word and what it likely was, once per line. */
START_TEST(test_warning)
{
	const char *src = "---\ntitle: T\nseverity: SEV2\n---\n\n## Summary\n\n"
	                  "Meldte fra p\xc4\x82\xe2\x80\x9e Teams, "
	                  "l\xc4\x82\xc5\xbepet.\n";
	pm_options o = {0};
	pm_found f = {0};
	pm_doc *doc;
	int i, hits = 0;

	o.policy = "/dev/null";
	o.diag = pm_found_collect;
	o.diag_arg = &f;
	doc = pm_doc_parse("t.md", src, strlen(src), &o);
	for (i = 0; i < f.n; i++) {
		if (strcmp(f.d[i].rule, "mojibake") != 0)
			continue;
		hits++;
		ck_assert_int_eq(f.d[i].line, 8);
		ck_assert_int_eq(f.d[i].col, 12);
		ck_assert_int_eq(f.d[i].span, 3);
		ck_assert_str_eq(f.d[i].msg,
		                 "'pĂ„' looks like mojibake of 'på' (UTF-8 read "
		                 "as ISO-8859-16); 1 more on this line");
	}
	ck_assert_int_eq(hits, 1);
	ck_assert_int_eq(pm_doc_errors(doc), 0);
	pm_doc_free(doc);
}
END_TEST

/* Finding is linear: a long text of mojibake and CJK is one pass. */
/* pmc fmt --fix-mojibake through the public pm_mojibake_repair(): a
 * source that is not valid UTF-8 is left alone (out untouched), not half
 * repaired. */
START_TEST(test_repair_public)
{
	pm_buf b = {0};

	ck_assert_int_eq(pm_mojibake_repair("p\xc3\xa5 bl\xc3\x83\xc2\xa5", 10, &b), 1);
	ck_assert_str_eq(pm_buf_cstr(&b), "p\xc3\xa5 bl\xc3\xa5");
	pm_buf_free(&b);
	ck_assert_int_eq(pm_mojibake_repair("bl\xc3\x83\xc2\xa5 \xff", 8, &b), -1);
	ck_assert_uint_eq(b.len, 0);
	pm_buf_free(&b);
}
END_TEST

START_TEST(test_long_text)
{
	size_t unit = strlen("p\xc4\x82\xe2\x80\x9e 東 "), k, n = 20000;
	char *s = malloc(unit * n + 1);
	pm_buf b = {0};

	for (k = 0; k < n; k++)
		memcpy(s + k * unit, "p\xc4\x82\xe2\x80\x9e 東 ", unit);
	s[unit * n] = '\0';
	ck_assert_uint_eq(pm_mojibake_fix(s, unit * n, &b), n);
	ck_assert_uint_eq(b.len, (unit - 3) * n);
	pm_buf_free(&b);
	free(s);
}
END_TEST

static Suite *
mojibake_suite(void)
{
	Suite *s = suite_create("mojibake");
	TCase *tc = tcase_create("mojibake");

	tcase_add_test(tc, test_repairs);
	tcase_add_test(tc, test_no_false_alarm);
	tcase_add_test(tc, test_seed_line);
	tcase_add_test(tc, test_warning);
	tcase_add_test(tc, test_long_text);
	tcase_add_test(tc, test_repair_public);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return pm_check_run(mojibake_suite());
}
