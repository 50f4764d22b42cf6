/* found.h: the findings of one run, copied out of the pm_diag callback,
 * for the Check suites to assert on. */
#ifndef PM_FOUND_H
#define PM_FOUND_H

#include <check.h>

#include "pmc.h"

#define MAX_FOUND 64

typedef struct pm_found {
	int n;
	struct {
		char rule[32];
		int line, col, span;
		pm_severity sev;
		char msg[1024];
		char excerpt[64];
	} d[MAX_FOUND];
} pm_found;

/* A pm_diag_fn: appends the finding to the pm_found that arg points to;
 * findings past MAX_FOUND are dropped. */
void pm_found_collect(const pm_diag *, void *arg);

/* Runs suite and returns the exit status for main: EXIT_SUCCESS when
 * every test passed. */
int pm_check_run(Suite *);

#endif
