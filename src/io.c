/* io.c: reading whole files. */
#include <errno.h>
#include <stdlib.h>

#include "alloc.h"
#include "io.h"

char *
pm_read_all(FILE *f, size_t *len)
{
	size_t cap = 65536, n = 0, got;
	char *buf = pm_xmalloc(cap);
	int err;

	while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
		n += got;
		if (n + 1 == cap)
			buf = pm_xrealloc(buf, cap *= 2);
	}
	if (ferror(f)) {
		err = errno;
		free(buf);
		errno = err;
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}
