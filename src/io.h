/* io.h: reading whole files, for the sources and the policies. */
#ifndef PM_IO_H
#define PM_IO_H

#include <stddef.h>
#include <stdio.h>

/* More than this is refused with EFBIG ("File too large"): far beyond
 * any source (the compiler refuses sources over 10 MB with a finding),
 * and a bound on what /dev/zero or an endless pipe can take. */
#define PM_READ_MAX ((size_t)64 * 1024 * 1024)

/* Reads all of f. Returns the bytes (with a NUL after them, not counted
 * in *len), which the caller frees, or NULL with errno set. */
char *pm_read_all(FILE *f, size_t *len);

#endif
