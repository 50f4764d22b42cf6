/* dlfill.c: a table of a library's functions filled by dlopen and dlsym
 * (dlfill.h). */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include "dlfill.h"

int
pm_dlfill(const char *soname, int lib, const pm_dlfill_fn *fns, size_t nfns,
          void *table, char *why, size_t n)
{
	void *h, *fn;
	size_t k;

	if ((h = dlopen(soname, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		snprintf(why, n, "%s", dlerror());
		return -1;
	}
	for (k = 0; k < nfns; k++) {
		if (fns[k].lib != lib)
			continue;
		if ((fn = dlsym(h, fns[k].name)) == NULL) {
			snprintf(why, n, "%s has no %s", soname, fns[k].name);
			return -1;
		}
		/* a pointer kept as dlsym gives it (POSIX) */
		memcpy((char *)table + fns[k].at, &fn, sizeof(fn));
	}
	return 0;
}
