/* check_import.c: pmc import's readers as a program calling libpmc meets
 * them (pmc.h only): a window's end the program did not check first is
 * said, at the export, as the command line says it. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "found.h"
#include "pmc.h"

#ifndef PMC_SOURCE
#define PMC_SOURCE "."
#endif

static int
slack_window(const char *since, const char *until, pm_found *f)
{
	pm_import_input in = {0};
	pm_import_set *set;
	int rc;

	in.from = "slack";
	in.name = PMC_SOURCE "/tests/import/slack-export";
	in.since = since;
	in.until = until;
	in.diag = pm_found_collect;
	in.diag_arg = f;
	rc = pm_import_read(&in, &set);
	pm_import_set_free(set);
	return rc;
}

START_TEST(test_bad_window_is_said)
{
	pm_found f = {0};

	ck_assert_int_eq(slack_window("2024-13-01", NULL, &f), -1);
	ck_assert_int_eq(f.n, 1);
	ck_assert_str_eq(f.d[0].rule, "import-time");
	ck_assert_ptr_nonnull(strstr(f.d[0].msg, "window's start '2024-13-01'"));
	memset(&f, 0, sizeof(f));
	ck_assert_int_eq(slack_window(NULL, "2024-11-05 10:00 XST", &f), -1);
	ck_assert_int_eq(f.n, 1);
	ck_assert_ptr_nonnull(strstr(f.d[0].msg, "window's end"));
	ck_assert_ptr_nonnull(strstr(f.d[0].msg, "XST"));
}
END_TEST

START_TEST(test_good_window_reads)
{
	pm_found f = {0};

	ck_assert_int_eq(slack_window("2024-11-05 10:00", "2024-11-05", &f), 0);
	ck_assert_int_eq(f.n, 0);
}
END_TEST

int
main(void)
{
	Suite *s = suite_create("import");
	TCase *tc = tcase_create("window");

	tcase_add_test(tc, test_bad_window_is_said);
	tcase_add_test(tc, test_good_window_reads);
	suite_add_tcase(s, tc);
	return pm_check_run(s);
}
