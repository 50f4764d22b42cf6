/* check_charts.c: the cross-incident charts' model (charts.c), which the
 * site index and the digest both draw: severities most severe first with
 * the unranked last, months over a whole period or years past three,
 * medians per severity, the ways of detection, and the owners with the
 * most open follow-ups with the rest folded into one row. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "charts.h"
#include "figure.h" /* pm_severity_color */

static pm_charts ch;

static void
teardown(void)
{
	pm_charts_free(&ch);
	memset(&ch, 0, sizeof(ch));
}

static pm_chart_in
incident(const char *date, const char *sev, int rank, long long ttd,
         long long ttr)
{
	pm_chart_in in = {0};

	in.date = date;
	in.severity = sev;
	in.rank = rank;
	in.ttd = ttd;
	in.ttr = ttr;
	return in;
}

START_TEST(test_severities_in_rank_order)
{
	pm_chart_in ins[] = {
	    incident("2024-01-05", "SEV3", 2, 60, 600),
	    incident("2024-01-06", "Odd", -1, -1, -1),
	    incident("2024-02-01", "SEV1", 0, 120, 3600),
	    incident("2024-02-02", "SEV3", 2, 180, 1200),
	    incident("2024-02-03", NULL, -1, -1, -1),
	};

	pm_charts_make(&ch, ins, 5, NULL, NULL);
	ck_assert_uint_eq(ch.nsev, 4);
	ck_assert_str_eq(ch.sevs[0].name, "SEV1");
	ck_assert_str_eq(ch.sevs[1].name, "SEV3");
	ck_assert_uint_eq(ch.sevs[1].count, 2);
	/* the unranked after the ranked, by name; no severity is "" */
	ck_assert_str_eq(ch.sevs[2].name, "");
	ck_assert_str_eq(ch.sevs[3].name, "Odd");
	ck_assert_uint_eq(ch.sev_of[0], 1);
	ck_assert_uint_eq(ch.sev_of[2], 0);
	/* two unranked levels get two colours, neither a ranked one's */
	ck_assert_uint_ne(ch.sevs[2].color, ch.sevs[3].color);
	ck_assert_uint_ne(ch.sevs[2].color, ch.sevs[0].color);
	/* SEV3: medians of 60 and 180 s, 600 and 1200 s */
	ck_assert_int_eq(ch.median[1][0], 120);
	ck_assert_int_eq(ch.median[1][1], 900);
	ck_assert_uint_eq(ch.median_n[1][0], 2);
	ck_assert_int_eq(ch.median[3][0], -1);
	ck_assert_int_eq(ch.median_max, 3600);
}
END_TEST

/* In a stacked bar colour alone tells the series apart: two teams'
 * scales in one site (SEV1 and P1, both rank 0) and a scale of six
 * (SEV4 and SEV5 past the fourth rank) must not be drawn alike. */
START_TEST(test_severity_colours_differ)
{
	pm_chart_in ins[] = {
	    incident("2024-01-05", "SEV1", 0, -1, -1),
	    incident("2024-01-06", "P1", 0, -1, -1),
	    incident("2024-01-07", "SEV2", 1, -1, -1),
	    incident("2024-01-08", "SEV4", 4, -1, -1),
	    incident("2024-01-09", "SEV5", 5, -1, -1),
	    incident("2024-01-10", "Odd", -1, -1, -1),
	};
	size_t i, k;

	pm_charts_make(&ch, ins, 6, NULL, NULL);
	ck_assert_uint_eq(ch.nsev, 6);
	for (i = 0; i < ch.nsev; i++)
		for (k = i + 1; k < ch.nsev; k++)
			ck_assert_msg(ch.sevs[i].color != ch.sevs[k].color,
			              "%s and %s are both #%06X", ch.sevs[i].name,
			              ch.sevs[k].name, (unsigned)ch.sevs[i].color);
	/* the first of a rank keeps the colour the reports give it */
	ck_assert_str_eq(ch.sevs[0].name, "P1");
	ck_assert_uint_eq(ch.sevs[0].color, pm_severity_color(0));
	ck_assert_uint_eq(ch.sevs[2].color, pm_severity_color(1));
	ck_assert_uint_eq(ch.sevs[3].color, pm_severity_color(4));
}
END_TEST

START_TEST(test_months_of_a_period)
{
	pm_chart_in ins[] = {
	    incident("2024-02-10", "SEV2", 1, -1, -1),
	    incident("2024-02-11", "SEV1", 0, -1, -1),
	    incident("2024-02-12", "SEV2", 1, -1, -1),
	};

	/* the whole quarter, though only February has incidents */
	pm_charts_make(&ch, ins, 3, "2024-01-01", "2024-03-31");
	ck_assert_int_eq(ch.by_year, 0);
	ck_assert_uint_eq(ch.nb, 3);
	ck_assert_str_eq(ch.keys[0], "2024-01");
	ck_assert_str_eq(ch.keys[2], "2024-03");
	ck_assert_int_eq(ch.totals[0], 0);
	ck_assert_int_eq(ch.totals[1], 3);
	ck_assert_int_eq(ch.counts[1 * ch.nsev + 0], 1); /* SEV1 */
	ck_assert_int_eq(ch.counts[1 * ch.nsev + 1], 2); /* SEV2 */
	ck_assert_int_eq(ch.per_bucket.step, 1);
	ck_assert_int_eq(ch.per_bucket.top, 3);
}
END_TEST

START_TEST(test_years_past_three)
{
	pm_chart_in ins[] = {
	    incident("2019-05-01", "SEV2", 1, -1, -1),
	    incident("2024-02-11", "SEV2", 1, -1, -1),
	    incident(NULL, "SEV2", 1, -1, -1),
	};

	pm_charts_make(&ch, ins, 3, NULL, NULL);
	ck_assert_int_eq(ch.by_year, 1);
	ck_assert_uint_eq(ch.nb, 6);
	ck_assert_str_eq(ch.keys[0], "2019");
	ck_assert_str_eq(ch.keys[5], "2024");
	ck_assert_int_eq(ch.totals[0] + ch.totals[5], 2); /* undated: none */
}
END_TEST

START_TEST(test_axis)
{
	pm_chart_axis a = pm_chart_axis_for(0);

	ck_assert_int_eq(a.step, 1);
	ck_assert_int_eq(a.top, 1);
	a = pm_chart_axis_for(7);
	ck_assert_int_eq(a.step, 2);
	ck_assert_int_eq(a.top, 8);
	a = pm_chart_axis_for(4100);
	ck_assert_int_eq(a.step, 1000);
	ck_assert_int_eq(a.top, 5000);
}
END_TEST

START_TEST(test_ways_and_owners)
{
	static const char *const names[] = {"ann", "bo",  "cy", "di", "ed",
	                                    "fi",  "gus", "hal", "ida", "jo",
	                                    "kim", "lu",  "mo", "ned"};
	pm_chart_open open[15];
	pm_chart_in in = incident("2024-01-01", "SEV2", 1, -1, -1);
	size_t i;

	for (i = 0; i < 14; i++)
		open[i] = (pm_chart_open){names[i], 0};
	open[14] = (pm_chart_open){"ann", 1}; /* ann: 2 open, 1 overdue */
	in.open = open;
	in.nopen = 15;
	in.detected_by = "customer";
	pm_charts_make(&ch, &in, 1, NULL, NULL);
	ck_assert_int_eq(ch.ways[1], 1); /* customer */
	ck_assert_int_eq(ch.ways[0] + ch.ways[5], 0);
	ck_assert_uint_eq(ch.nowners, PM_CHART_OWNERS);
	ck_assert_str_eq(ch.owners[0].owner, "ann");
	ck_assert_int_eq(ch.owners[0].open, 2);
	ck_assert_int_eq(ch.owners[0].overdue, 1);
	/* the twelve most loaded, then by name; mo and ned folded */
	ck_assert_str_eq(ch.owners[11].owner, "lu");
	ck_assert_uint_eq(ch.owners_folded, 2);
	ck_assert_int_eq(ch.others.open, 2);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("charts");
	TCase *tc = tcase_create("model");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_severities_in_rank_order);
	tcase_add_test(tc, test_severity_colours_differ);
	tcase_add_test(tc, test_months_of_a_period);
	tcase_add_test(tc, test_years_past_three);
	tcase_add_test(tc, test_axis);
	tcase_add_test(tc, test_ways_and_owners);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
