/* alloc.h: allocation that aborts on exhaustion, so callers only handle
 * failures caused by input. */
#ifndef PM_ALLOC_H
#define PM_ALLOC_H

#include <stddef.h>

void *pm_xmalloc(size_t);
void *pm_xcalloc(size_t, size_t);
void *pm_xrealloc(void *, size_t);
char *pm_xstrdup(const char *);
char *pm_xstrndup(const char *, size_t);

#endif
