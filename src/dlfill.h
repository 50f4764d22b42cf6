/* dlfill.h: a table of a library's functions filled by dlopen and dlsym,
 * the one way pmc loads a library on need (lazylibs.h for the library's,
 * src/serve_http.c for pmc serve's). No state: the command line compiles
 * it for itself, as it does alloc.c. */
#ifndef PM_DLFILL_H
#define PM_DLFILL_H

#include <stddef.h>

/* One function (or variable) to look up: lib says which library it is
 * in (the caller's numbering), at is the offset of its slot in the
 * table. */
typedef struct pm_dlfill_fn {
	int lib;
	const char *name;
	size_t at;
} pm_dlfill_fn;

/* Opens the library soname and stores the address of each of
 * fns[0..nfns) whose lib is lib at its slot of table; the others are
 * left as they are. Returns 0, or -1 with the reason in why[0..n) (the
 * loader's message, or the library and the name it lacks). The library
 * stays loaded for the process's life: what is made from it may outlive
 * any one use. */
int pm_dlfill(const char *soname, int lib, const pm_dlfill_fn *fns,
              size_t nfns, void *table, char *why, size_t n);

#endif
