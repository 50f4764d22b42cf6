/* io.c: reading whole files. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "alloc.h"
#include "io.h"

char *
pm_read_all(FILE *f, size_t *len)
{
	size_t cap = 65536, n = 0, got;
	struct stat st;
	char *buf;
	int err;

	/* A regular file is read into a buffer of its size (and one byte to
	 * see the end): a fixed 64 KiB block for every small source made
	 * malloc consolidate its free lists at each free. */
	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) &&
	    st.st_size >= 0 && (uintmax_t)st.st_size < SIZE_MAX / 4)
		cap = (size_t)st.st_size + 2;
	buf = pm_xmalloc(cap);

	while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
		n += got;
		/* an endless stream (/dev/zero, a pipe that never closes)
		 * must not take all memory */
		if (n > PM_READ_MAX) {
			free(buf);
			errno = EFBIG;
			return NULL;
		}
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
