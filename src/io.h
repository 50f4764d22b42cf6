/* io.h: reading whole files, for the sources and the policies. */
#ifndef PM_IO_H
#define PM_IO_H

#include <stddef.h>
#include <stdio.h>

#include "pmc.h"

/* More than this is refused with EFBIG ("File too large"): far beyond
 * any source (the compiler refuses sources over 10 MB with a finding),
 * and a bound on what /dev/zero or an endless pipe can take. */
#define PM_READ_MAX ((size_t)64 * 1024 * 1024)

/* pm_read_all() (pmc.h) reads whole files under this bound. */

#endif
