/* alloc.c: allocation wrappers that abort on out-of-memory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"

static void *
check(void *p)
{
	if (p == NULL) {
		fputs("pmc: out of memory\n", stderr);
		abort();
	}
	return p;
}

void *
pm_xmalloc(size_t n)
{
	return check(malloc(n ? n : 1));
}

void *
pm_xcalloc(size_t n, size_t size)
{
	return check(calloc(n ? n : 1, size ? size : 1));
}

void *
pm_xrealloc(void *p, size_t n)
{
	return check(realloc(p, n ? n : 1));
}

char *
pm_xstrndup(const char *s, size_t n)
{
	char *p = pm_xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
pm_xstrdup(const char *s)
{
	return pm_xstrndup(s, strlen(s));
}
