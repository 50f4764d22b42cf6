/* check_derive.c: what a report's first page says, decided once in
 * derive.c: the lede of the summary and the impact (the writer's own
 * line first, else the section's first sentence, never a sentence cut at
 * "kl. 08" or "26. april"), the severity's rank on the policy's scale in
 * the metrics, and follow-up counts that add up. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "derive.h"
#include "figure.h"
#include "doc.h"
#include "found.h"
#include "ir.h"

static pm_doc *doc;
static pm_found f;

static xmlNode *
make(const char *text, const char *policy)
{
	pm_options o = {0};

	o.policy = policy;
	o.today = "2025-01-01";
	o.diag = pm_found_collect;
	o.diag_arg = &f;
	pm_doc_free(doc);
	memset(&f, 0, sizeof(f));
	doc = pm_doc_parse("t.md", text, strlen(text), &o);
	ck_assert_ptr_nonnull(doc);
	ck_assert_ptr_nonnull(doc->ir);
	pm_derive(doc);
	return xmlDocGetRootElement(doc->ir);
}

static void
teardown(void)
{
	pm_doc_free(doc);
	doc = NULL;
}

/* pm_lede(root, key) is want (NULL: none). */
static void
assert_lede(const xmlNode *root, pm_section_key key, const char *want)
{
	char *got = pm_lede(root, key);

	if (want == NULL)
		ck_assert_msg(got == NULL, "lede '%s', want none", got);
	else
		ck_assert_msg(got != NULL && strcmp(got, want) == 0,
		              "lede '%s', want '%s'", got ? got : "(none)", want);
	free(got);
}

START_TEST(test_first_sentence)
{
	xmlNode *r = make("---\ntitle: T\nseverity: SEV2\nstatus: draft\n---\n\n"
	                  "## Summary\n\nAt 09:12 the *API* returned\nerrors for "
	                  "3.5 hours, e.g. on login. Then it recovered.\n\n"
	                  "## Impact\n\nAbout 40 % of users could not log in! "
	                  "Nobody lost data.\n",
	                  "/dev/null");

	assert_lede(r, PM_SEC_SUMMARY,
	            "At 09:12 the API returned errors for 3.5 hours, e.g. on "
	            "login.");
	assert_lede(r, PM_SEC_IMPACT, "About 40 % of users could not log in!");
	assert_lede(r, PM_SEC_DETECTION, NULL);
}
END_TEST

START_TEST(test_norwegian_and_japanese)
{
	xmlNode *r = make("---\ntitle: T\nseverity: SEV2\nstatus: draft\n"
	                  "lang: nb\n---\n\n## Oppsummering\n\n"
	                  "Den 26. april kl. 17.00 stoppet integrasjonen. "
	                  "Ingen data gikk tapt.\n",
	                  "/dev/null");

	assert_lede(r, PM_SEC_SUMMARY,
	            "Den 26. april kl. 17.00 stoppet integrasjonen.");
	r = make("---\ntitle: T\nseverity: SEV2\nstatus: draft\nlang: ja\n---\n\n"
	         "## 概要\n\n決済APIが停止した。復旧は翌朝。\n",
	         "/dev/null");
	assert_lede(r, PM_SEC_SUMMARY, "決済APIが停止した。");
}
END_TEST

START_TEST(test_impact_line_first)
{
	xmlNode *r = make("---\ntitle: T\nseverity: SEV2\nstatus: draft\n"
	                  "impact: \"Checkout failed   for EU customers\"\n---\n\n"
	                  "## Impact\n\nSomething else entirely.\n",
	                  "/dev/null");

	assert_lede(r, PM_SEC_IMPACT, "Checkout failed for EU customers");
}
END_TEST

/* A paragraph without a sentence end is cut on a word, with "…", and
 * Japanese without spaces is cut between characters. */
START_TEST(test_long_lede_is_cut)
{
	char text[2048], *got;
	size_t n;
	int i;

	n = (size_t)snprintf(text, sizeof(text), "---\ntitle: T\nseverity: SEV2"
	                     "\nstatus: draft\n---\n\n## Summary\n\n");
	for (i = 0; i < 40; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, "word%02d ", i);
	make(text, "/dev/null");
	got = pm_lede(xmlDocGetRootElement(doc->ir), PM_SEC_SUMMARY);
	ck_assert_ptr_nonnull(got);
	ck_assert_uint_le(strlen(got), 240 + 3);
	ck_assert_msg(strstr(got, "word00 word01") == got, "%s", got);
	ck_assert_msg(strcmp(got + strlen(got) - 9, "word33\u2026") == 0 ||
	                  strcmp(got + strlen(got) - 3, "\u2026") == 0,
	              "%s", got);
	ck_assert_msg(strstr(got, " \u2026") == NULL, "cut before a space: %s",
	              got);
	free(got);

	/* a cut right after a sentence's end (".", then no capital): no
	 * ellipsis after the full stop */
	n = (size_t)snprintf(text, sizeof(text), "---\ntitle: T\nseverity: SEV2"
	                     "\nstatus: draft\n---\n\n## Summary\n\n");
	for (i = 0; i < 20; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, "word%02d ", i);
	n += (size_t)snprintf(text + n, sizeof(text) - n, "end. ");
	for (i = 0; i < 200; i++)
		text[n++] = 'x';
	text[n] = '\0';
	make(text, "/dev/null");
	got = pm_lede(xmlDocGetRootElement(doc->ir), PM_SEC_SUMMARY);
	ck_assert_ptr_nonnull(got);
	ck_assert_msg(strcmp(got + strlen(got) - 4, "end.") == 0, "%s", got);
	free(got);

	n = (size_t)snprintf(text, sizeof(text), "---\ntitle: T\nseverity: SEV2"
	                     "\nstatus: draft\nlang: ja\n---\n\n## 概要\n\n");
	for (i = 0; i < 100; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, "停止");
	make(text, "/dev/null");
	got = pm_lede(xmlDocGetRootElement(doc->ir), PM_SEC_SUMMARY);
	ck_assert_ptr_nonnull(got);
	ck_assert_uint_le(strlen(got), 240 + 3);
	/* whole characters only: 3 bytes each, then the ellipsis */
	ck_assert_uint_eq(strlen(got) % 3, 0);
	ck_assert_msg(strcmp(got + strlen(got) - 3, "\u2026") == 0, "%s", got);
	free(got);
}
END_TEST

/* The rank of the severity on the policy's scale is in the metrics, 0
 * the most severe whichever way round the team wrote its scale. */
START_TEST(test_rank_in_metrics)
{
	char policy[64];
	const char *src = "---\ntitle: T\nseverity: Major\nstatus: draft\n"
	                  "---\n\n## Summary\n\nS.\n";
	xmlNode *r, *m;
	xmlChar *rank;
	FILE *fp;

	snprintf(policy, sizeof(policy), "/tmp/pmc-check-derive-%ld.yml",
	         (long)getpid());
	fp = fopen(policy, "w");
	ck_assert_ptr_nonnull(fp);
	/* least severe first, as the growing max_duration says */
	fputs("severities:\n  - name: Minor\n    max_duration: 2h\n"
	      "  - name: Major\n    max_duration: 1d\n  - name: Critical\n",
	      fp);
	fclose(fp);
	r = make(src, policy);
	m = pm_ir_first(r, PM_EL_METRICS);
	ck_assert_ptr_nonnull(m);
	rank = xmlGetProp(m, BAD_CAST "severity-rank");
	ck_assert_ptr_nonnull(rank);
	ck_assert_str_eq((char *)rank, "1");
	xmlFree(rank);

	r = make("---\ntitle: T\nseverity: Critical\nstatus: draft\n---\n\n"
	         "## Summary\n\nS.\n",
	         policy);
	rank = xmlGetProp(pm_ir_first(r, PM_EL_METRICS), BAD_CAST "severity-rank");
	ck_assert_str_eq((char *)rank, "0");
	xmlFree(rank);
	remove(policy);

	/* no scale: no rank, so no colour that would claim one */
	r = make(src, "/dev/null");
	ck_assert_ptr_null(
	    xmlGetProp(pm_ir_first(r, PM_EL_METRICS), BAD_CAST "severity-rank"));
}
END_TEST

/* WCAG 2's contrast of white on rgb. */
static double
white_on(uint32_t rgb)
{
	double l = 0, c;
	static const double w[] = {0.2126, 0.7152, 0.0722};
	int k;

	for (k = 0; k < 3; k++) {
		c = (double)((rgb >> (16 - 8 * k)) & 0xFF) / 255.0;
		c = c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
		l += w[k] * c;
	}
	return 1.05 / (l + 0.05);
}

/* White severity text reads on every rank's colour and every unranked
 * one (WCAG AA, 4.5:1), the ranks' colours differ, and none is an
 * unranked one. */
START_TEST(test_severity_colors)
{
	int r, q;
	size_t i;

	for (r = 0; r < 6; r++) {
		ck_assert_msg(white_on(pm_severity_color(r)) >= 4.5,
		              "rank %d: %.2f:1", r, white_on(pm_severity_color(r)));
		for (q = 0; q < r && q < 5; q++)
			ck_assert(r >= 4 ||
			          pm_severity_color(q) != pm_severity_color(r));
		for (i = 0; i < 4; i++)
			ck_assert(pm_unranked_color(i) != pm_severity_color(r));
	}
	for (i = 0; i < 8; i++)
		ck_assert_msg(white_on(pm_unranked_color(i)) >= 4.5,
		              "unranked %zu: %.2f:1", i,
		              white_on(pm_unranked_color(i)));
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("derive");
	TCase *tc = tcase_create("first page");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_first_sentence);
	tcase_add_test(tc, test_norwegian_and_japanese);
	tcase_add_test(tc, test_impact_line_first);
	tcase_add_test(tc, test_long_lede_is_cut);
	tcase_add_test(tc, test_rank_in_metrics);
	tcase_add_test(tc, test_severity_colors);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
