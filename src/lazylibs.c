/* lazylibs.c: the libraries some commands need, loaded on first need
 * (lazylibs.h says why). */
#include <pthread.h>
#include <stdio.h>

#include "dlfill.h"
#include "lazylibs.h"
#include "pmc.h"

pm_lazy_table pm_lazy;

/* Each library's set and the soname the build found (CMakeLists.txt
 * reads them from the files it would otherwise have linked). */
static const struct {
	pm_lazy_set set;
	const char *soname;
} libs[PM_LIB__COUNT] = {
    [PM_LIB_HPDF] = {PM_LAZY_PDF, PMC_SONAME_HPDF},
    [PM_LIB_HB] = {PM_LAZY_PDF, PMC_SONAME_HARFBUZZ},
    [PM_LIB_HB_SUBSET] = {PM_LAZY_PDF, PMC_SONAME_HARFBUZZ_SUBSET},
    [PM_LIB_FC] = {PM_LAZY_PDF, PMC_SONAME_FONTCONFIG},
    [PM_LIB_DEFLATE] = {PM_LAZY_PDF, PMC_SONAME_DEFLATE},
    [PM_LIB_XSLT] = {PM_LAZY_XSLT, PMC_SONAME_XSLT},
};

/* What a set is called in a finding, by pm_lazy_set. */
static const char *const set_names[] = {"the PDF libraries",
                                        "the template engine"};
#define NSETS (sizeof(set_names) / sizeof(set_names[0]))

/* Each function's library, name and slot, from the one list. */
static const pm_dlfill_fn fns[] = {
#define PM_LAZY(lib, name) {lib, #name, offsetof(pm_lazy_table, name)},
#include "lazylibs.def"
#undef PM_LAZY
#undef PM_LAZY_VAR
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int status[NSETS]; /* 0 not tried, 1 loaded, -1 failed */
static char reason[NSETS][512];

/* Opens set's libraries and fills their slots: 0, or -1 with the
 * reason in reason[set] (the slots of a set that failed are not used). */
static int
load(pm_lazy_set set)
{
	size_t nfns = sizeof(fns) / sizeof(fns[0]);
	int k;

	for (k = 0; k < PM_LIB__COUNT; k++)
		if (libs[k].set == set &&
		    pm_dlfill(libs[k].soname, k, fns, nfns, &pm_lazy, reason[set],
		              sizeof(reason[set])) != 0)
			return -1;
	return 0;
}

int
pm_lazy_load(pm_lazy_set set, char *why, size_t n)
{
	int rc;

	pthread_mutex_lock(&lock);
	if (status[set] == 0)
		status[set] = load(set) == 0 ? 1 : -1;
	rc = status[set] > 0 ? 0 : -1;
	pthread_mutex_unlock(&lock);
	if (rc != 0 && n > 0)
		snprintf(why, n, "cannot load %s: %s", set_names[set],
		         reason[set]);
	return rc;
}

int
pm_pdf_load(char *why, size_t n)
{
	return pm_lazy_load(PM_LAZY_PDF, why, n);
}
