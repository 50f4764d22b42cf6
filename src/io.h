/* io.h: reading whole files, for the sources and the policies. */
#ifndef PM_IO_H
#define PM_IO_H

#include <stddef.h>
#include <stdio.h>

/* Reads all of f. Returns the bytes (with a NUL after them, not counted
 * in *len), which the caller frees, or NULL with errno set. */
char *pm_read_all(FILE *f, size_t *len);

#endif
