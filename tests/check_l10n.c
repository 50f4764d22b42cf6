/* check_l10n.c: labels from templates/labels and dates and durations as
 * each language writes them: what a reader of a report sees first. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "found.h"
#include "l10n.h"

static void
assert_duration(long long s, const char *fam, const char *want)
{
	pm_buf b = {0};

	pm_fmt_duration(&b, s, fam);
	ck_assert_msg(strcmp(pm_buf_cstr(&b), want) == 0,
	              "duration(%lld, %s) = '%s', want '%s'", s, fam,
	              pm_buf_cstr(&b), want);
	pm_buf_free(&b);
}

static void
assert_dt(const char *iso, const char *fam, enum pm_dt_style st,
          const char *want)
{
	pm_buf b = {0};
	int rc = pm_fmt_datetime(&b, iso, fam, st);

	if (want == NULL) {
		ck_assert_int_eq(rc, -1);
		ck_assert_uint_eq(b.len, 0);
	} else {
		ck_assert_int_eq(rc, 0);
		ck_assert_str_eq(pm_buf_cstr(&b), want);
	}
	pm_buf_free(&b);
}

START_TEST(test_duration)
{
	assert_duration(0, "en", "at once");
	assert_duration(0, "nb", "straks");
	assert_duration(0, "ja", "即時");
	assert_duration(1, "en", "1 s");
	assert_duration(45, "en", "45 s");
	assert_duration(60, "en", "1 min");
	assert_duration(11700, "en", "3 h 15 min");
	assert_duration(7200, "en", "2 h");
	assert_duration(7200 + 29, "en", "2 h");
	assert_duration(7200 + 31, "en", "2 h 1 min");
	assert_duration(3599, "en", "1 h");
	assert_duration(86399, "en", "1 d");
	/* rounded, not cut: fs-canvas-2022's time to mitigate */
	assert_duration(2 * 86400 + 13 * 3600 + 46 * 60, "nb", "2 d 14 t");
	assert_duration(53940, "nb", "14 t 59 min");
	assert_duration(3 * 86400 + 4 * 3600 + 600, "en", "3 d 4 h");
	assert_duration(2 * 86400 + 600, "en", "2 d");
	assert_duration(11700, "ja", "3時間15分");
	assert_duration(-300, "en", "-5 min");
}
END_TEST

START_TEST(test_datetime)
{
	const char *t = "2022-04-27T07:59:00+02:00";

	assert_dt(t, "en", PM_DT_DATETIME, "27 April 2022 07:59");
	assert_dt(t, "nb", PM_DT_DATETIME, "27. april 2022 kl. 07:59");
	assert_dt(t, "ja", PM_DT_DATETIME, "2022年4月27日 07:59");
	assert_dt(t, "en", PM_DT_SHORT, "27 Apr 07:59");
	assert_dt("2022-09-01T10:00:30Z", "nb", PM_DT_SHORT,
	          "1. sep. 10:00:30");
	assert_dt("2022-05-01T10:00:00Z", "nb", PM_DT_SHORT, "1. mai 10:00");
	assert_dt(t, "ja", PM_DT_TIME, "07:59");
	assert_dt("2023-12-31", "en", PM_DT_DATE, "31 December 2023");
	assert_dt("2023-12-31", "en", PM_DT_TIME, NULL);
	assert_dt("31.12.2023", "en", PM_DT_DATE, NULL);
	assert_dt("2023-13-01", "en", PM_DT_DATE, NULL);
	assert_dt("2023-12-31x", "en", PM_DT_DATE, NULL);
	assert_dt("2022-04-27T25:00:00Z", "en", PM_DT_TIME, NULL);
	assert_dt("2022-04-27T07:5", "en", PM_DT_TIME, NULL);
	assert_dt(NULL, "en", PM_DT_DATE, NULL);
}
END_TEST

static const pm_labels *
load(const char *lang, const char *dir, pm_found *found)
{
	pm_render_opts o = {0};

	o.diag = pm_found_collect;
	o.diag_arg = found;
	return pm_labels_get(dir, lang, &o);
}

START_TEST(test_labels)
{
	pm_found found = {0};
	const pm_labels *l = load("nb-NO", PMC_TEMPLATES, &found);

	ck_assert_ptr_nonnull(l);
	ck_assert_int_eq(found.n, 0);
	ck_assert_str_eq(pm_labels_lang(l), "nb");
	ck_assert_str_eq(pm_label(l, "metric.time-to-detect"),
	                 "Tid til oppdagelse");
	/* an unknown key shows itself rather than an empty cell */
	ck_assert_str_eq(pm_label(l, "no.such.key"), "no.such.key");
	l = load("ja", PMC_TEMPLATES, &found);
	ck_assert_str_eq(pm_label(l, "section.five-whys"), "なぜなぜ分析");
	l = load("de", PMC_TEMPLATES, &found);
	ck_assert_str_eq(pm_labels_lang(l), "en");
	ck_assert_str_eq(pm_label(l, "field.severity"), "Severity");
	/* loaded once: the same set for every document of the language */
	ck_assert_ptr_eq(load("nb", PMC_TEMPLATES, &found),
	                 load("no-NO", PMC_TEMPLATES, &found));
}
END_TEST

/* Every key of en.xml is translated: a missing Norwegian or Japanese
 * label would put English into a translated report. */
START_TEST(test_labels_complete)
{
	static const char *const keys[] = {
	    "section.summary",  "section.follow-ups", "field.owner",
	    "milestone.resolved", "metric.time-to-resolve", "status.final",
	    "kind.update",      "type.process",       "table.due",
	    "action.overdue",   "page.of",            "summary.title"};
	pm_found found = {0};
	const pm_labels *en = load("en", PMC_TEMPLATES, &found);
	const char *langs[] = {"nb", "ja"};
	size_t i, k;

	for (k = 0; k < 2; k++) {
		const pm_labels *l = load(langs[k], PMC_TEMPLATES, &found);
		for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
			ck_assert_msg(strcmp(pm_label(l, keys[i]),
			                     pm_label(en, keys[i])) != 0,
			              "%s: '%s' is not translated", langs[k],
			              keys[i]);
		}
}
END_TEST

START_TEST(test_labels_missing_dir)
{
	pm_found found = {0};
	const pm_labels *l = load("en", "/nonexistent", &found);

	ck_assert_ptr_null(l);
	ck_assert_int_eq(found.n, 1);
	ck_assert_str_eq(found.d[0].rule, "template");
	ck_assert_ptr_nonnull(strstr(found.d[0].msg, "/nonexistent"));
	/* a failure is not remembered: it is reported to every caller */
	ck_assert_ptr_null(load("en", "/nonexistent", &found));
	ck_assert_int_eq(found.n, 2);
}
END_TEST

static Suite *
l10n_suite(void)
{
	Suite *s = suite_create("l10n");
	TCase *tc = tcase_create("format");

	tcase_add_test(tc, test_duration);
	tcase_add_test(tc, test_datetime);
	suite_add_tcase(s, tc);
	tc = tcase_create("labels");
	tcase_add_test(tc, test_labels);
	tcase_add_test(tc, test_labels_complete);
	tcase_add_test(tc, test_labels_missing_dir);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return pm_check_run(l10n_suite());
}
