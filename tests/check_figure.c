/* check_figure.c: the incident figure's model (figure.c), which both the
 * PDF and the HTML draw: the axis reads at every scale and follows the
 * local clock through DST, every event has its mark, milestone labels
 * stand in time order and never overlap on a row, and phases carry
 * their lengths. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "figure.h"
#include "found.h"

static pm_doc *doc;
static pm_figure *fig;
static pm_found f;

/* Every character 6 units wide, the axis 600: labels are 6 to 60 wide. */
static double
measure(void *arg, const char *s, size_t n, pm_fig_text what)
{
	(void)arg;
	(void)what;
	(void)s;
	return 6.0 * (double)n;
}

static const pm_fig_metrics metrics = {600, 8, measure, NULL};

static void
make(const char *text)
{
	pm_options o = {0};

	o.policy = "/dev/null";
	o.today = "2025-01-01";
	o.diag = pm_found_collect;
	o.diag_arg = &f;
	pm_figure_free(fig);
	pm_doc_free(doc);
	memset(&f, 0, sizeof(f));
	doc = pm_doc_parse("t.md", text, strlen(text), &o);
	ck_assert_ptr_nonnull(doc);
	ck_assert_ptr_nonnull(doc->ir);
	fig = pm_figure_make(xmlDocGetRootElement(doc->ir),
	                     pm_labels_get(PMC_TEMPLATES, "en", NULL), &metrics);
}

static void
teardown(void)
{
	pm_figure_free(fig);
	pm_doc_free(doc);
	fig = NULL;
	doc = NULL;
}

static void
assert_ticks(const char *const *want, size_t n)
{
	size_t i;

	ck_assert_ptr_nonnull(fig);
	for (i = 0; i < n && i < fig->nticks; i++)
		ck_assert_str_eq(fig->ticks[i].label, want[i]);
	ck_assert_uint_eq(fig->nticks, n);
}

#define FM(started, resolved)                                               \
	"---\ntitle: T\nseverity: SEV2\nstatus: draft\ntimezone: Europe/Oslo\n" \
	"started: " started "\nresolved: " resolved "\n---\n\n## Summary\n\nS.\n"

START_TEST(test_twenty_minutes)
{
	static const char *const want[] = {"10:00", "10:05", "10:10",
	                                   "10:15", "10:20"};

	make(FM("2024-06-03 10:00", "2024-06-03 10:20"));
	assert_ticks(want, 5);
	ck_assert(fig->oneday);
	ck_assert_str_eq(fig->ticks[0].date, "3 Jun");
	ck_assert_ptr_null(fig->ticks[1].date);
	ck_assert_uint_eq(fig->nphases, 1);
	ck_assert_str_eq(fig->phases[0].length, "20 min");
}
END_TEST

/* Day ticks at local midnight on both sides of the change to summer
 * time (Oslo, 31 March 2024): 23 hours apart across it. */
START_TEST(test_days_across_dst)
{
	size_t i;

	make(FM("2024-03-28 12:00", "2024-04-03 12:00"));
	ck_assert_ptr_nonnull(fig);
	ck_assert_uint_ge(fig->nticks, 3);
	for (i = 0; i < fig->nticks; i++) {
		pm_buf b = {0};

		pm_fmt_instant(&b, fig->ticks[i].t,
		               fig->ticks[i].t < 1711846800 ? 3600 : 7200, "en",
		               PM_DT_TIME);
		ck_assert_str_eq(pm_buf_cstr(&b), "00:00");
		pm_buf_free(&b);
	}
	ck_assert_str_eq(fig->ticks[0].label, "29 Mar");
}
END_TEST

START_TEST(test_months_and_centuries)
{
	static const char *const months[] = {"January 2024", "April 2024",
	                                     "July 2024", "October 2024"};
	static const char *const years[] = {"1000", "1200", "1400",
	                                    "1600", "1800", "2000"};

	make(FM("2024-01-10 10:00", "2024-12-01 10:00"));
	assert_ticks(months, 4);
	make(FM("1012-06-03 08:00", "2024-06-03 09:30"));
	assert_ticks(years, 6);
	make(FM("0001-01-01 00:00", "9999-12-31 23:59"));
	ck_assert_uint_eq(fig->nticks, 4);
	ck_assert_str_eq(fig->ticks[3].label, "8000");
}
END_TEST

/* Every event of every timeline (one per day here) has a mark, in
 * document order, with its kind; a mark that would cover the one before
 * it is moved off its lane. */
START_TEST(test_every_event)
{
	make("---\ntitle: T\nseverity: SEV2\nstatus: draft\n"
	     "timezone: Europe/Oslo\n---\n\n## Timeline\n\n### 2024-06-03\n\n"
	     "- 10:00 [detected] Disk alarm fires\n- 10:00 Paged on-call\n"
	     "- 23:50 Failover\n\n### 2024-06-04\n\n"
	     "- 00:10 [mitigated] Traffic back\n- 02:00 Closed\n");
	ck_assert_ptr_nonnull(fig);
	ck_assert_uint_eq(fig->nmarks, 5);
	ck_assert_str_eq(fig->marks[0].kind, "detected");
	ck_assert_ptr_null(fig->marks[1].kind);
	ck_assert_int_ne(fig->marks[1].lift, 0);
	ck_assert_str_eq(fig->marks[3].text, "Traffic back");
	ck_assert(!fig->oneday);
	ck_assert(fig->marks[4].x > fig->marks[3].x);
	ck_assert(fig->marks[4].x <= metrics.width);
}
END_TEST

/* Detected and acknowledged at one instant are one label; the labels
 * are in time order whatever order the source gives, and two on a row
 * keep the gap. */
START_TEST(test_labels)
{
	size_t i, j;

	make("---\ntitle: T\nseverity: SEV2\nstatus: draft\n"
	     "timezone: UTC\nresolved: 2024-06-03 12:00\n"
	     "started: 2024-06-03 10:00\nmitigated: 2024-06-03 11:58\n"
	     "detected: 2024-06-03 10:01\nacknowledged: 2024-06-03 10:01\n"
	     "---\n\n## Summary\n\nS.\n");
	ck_assert_ptr_nonnull(fig);
	ck_assert_uint_eq(fig->nms, 4);
	ck_assert_str_eq(fig->ms[1].name, "Detected \u00b7 Acknowledged");
	for (i = 0; i + 1 < fig->nms; i++)
		ck_assert(fig->ms[i].t < fig->ms[i + 1].t);
	for (i = 0; i < fig->nms; i++) {
		ck_assert(fig->ms[i].left >= 0);
		ck_assert(fig->ms[i].left + fig->ms[i].w <= metrics.width);
		for (j = i + 1; j < fig->nms; j++)
			if (fig->ms[i].row == fig->ms[j].row)
				ck_assert(fig->ms[j].left >=
				          fig->ms[i].left + fig->ms[i].w + 8);
	}
	ck_assert_uint_eq(fig->nphases, 3);
	ck_assert_str_eq(fig->phases[2].length, "2 min");
	ck_assert(!fig->phases[2].fits);
	ck_assert(fig->phases[1].fits);
}
END_TEST

START_TEST(test_nothing_to_draw)
{
	make("---\ntitle: T\nseverity: SEV2\nstatus: draft\n---\n\n"
	     "## Summary\n\nS.\n");
	ck_assert_ptr_null(fig);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("figure");
	TCase *tc = tcase_create("model");
	SRunner *sr;
	int failed;

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_twenty_minutes);
	tcase_add_test(tc, test_days_across_dst);
	tcase_add_test(tc, test_months_and_centuries);
	tcase_add_test(tc, test_every_event);
	tcase_add_test(tc, test_labels);
	tcase_add_test(tc, test_nothing_to_draw);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
