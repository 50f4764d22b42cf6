/* found.c: what the Check suites share: findings copied out of the
 * callback, and the runner their main() calls. */
#include <stdio.h>
#include <stdlib.h>

#include "found.h"

void
pm_found_collect(const pm_diag *d, void *arg)
{
	pm_found *f = arg;

	if (f->n == MAX_FOUND)
		return;
	snprintf(f->d[f->n].rule, sizeof(f->d[f->n].rule), "%s", d->rule);
	snprintf(f->d[f->n].msg, sizeof(f->d[f->n].msg), "%s", d->message);
	snprintf(f->d[f->n].excerpt, sizeof(f->d[f->n].excerpt), "%.*s",
	         d->excerpt ? (int)d->excerpt_len : 0,
	         d->excerpt ? d->excerpt : "");
	f->d[f->n].line = d->line;
	f->d[f->n].col = d->col;
	f->d[f->n].span = d->span;
	f->d[f->n].sev = d->severity;
	f->n++;
}

int
pm_check_run(Suite *suite)
{
	SRunner *sr = srunner_create(suite);
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
