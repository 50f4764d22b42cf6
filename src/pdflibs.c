/* pdflibs.c: the PDF stack, loaded on first need (pdflibs.h says why). */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "pdflibs.h"
#include "pmc.h"

pm_pdflibs pm_pdflib;

/* The sonames of the libraries the build found (CMakeLists.txt reads
 * them from the files it would otherwise have linked), by PM_LIB_. */
static const char *const sonames[PM_LIB__COUNT] = {
    PMC_SONAME_HPDF, PMC_SONAME_HARFBUZZ, PMC_SONAME_HARFBUZZ_SUBSET,
    PMC_SONAME_FONTCONFIG};

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int status = -1;
static char reason[512];

static void
load(void)
{
	static const struct {
		int lib;
		const char *name;
		size_t at; /* the slot's offset in pm_pdflib */
	} fns[] = {
#define PM_PDFLIB(lib, name) {lib, #name, offsetof(pm_pdflibs, name)},
#include "pdflibs.def"
#undef PM_PDFLIB
	};
	void *h[PM_LIB__COUNT];
	void *fn;
	size_t k;

	for (k = 0; k < PM_LIB__COUNT; k++)
		if ((h[k] = dlopen(sonames[k], RTLD_NOW | RTLD_LOCAL)) == NULL) {
			snprintf(reason, sizeof(reason), "%s", dlerror());
			return;
		}
	for (k = 0; k < sizeof(fns) / sizeof(fns[0]); k++) {
		if ((fn = dlsym(h[fns[k].lib], fns[k].name)) == NULL) {
			snprintf(reason, sizeof(reason), "%s has no %s",
			         sonames[fns[k].lib], fns[k].name);
			memset(&pm_pdflib, 0, sizeof(pm_pdflib));
			return;
		}
		/* a function pointer kept as dlsym gives it (POSIX) */
		memcpy((char *)&pm_pdflib + fns[k].at, &fn, sizeof(fn));
	}
	/* the libraries stay loaded for the process's life: fonts and
	 * documents made from them may outlive any one report */
	status = 0;
}

int
pm_pdf_load(char *why, size_t n)
{
	pthread_once(&once, load);
	if (status != 0 && n > 0)
		snprintf(why, n, "cannot load the PDF libraries: %s", reason);
	return status;
}
