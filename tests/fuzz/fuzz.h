/* fuzz.h: what the libFuzzer targets share: a diagnostics sink that reads
 * every field of every finding (so a dangling pointer in one is caught),
 * and fixed options so that a run does not depend on the machine. */
#ifndef PM_FUZZ_H
#define PM_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "pmc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t pm_fuzz_sink_bytes;

static inline void
pm_fuzz_sink(const pm_diag *d, void *arg)
{
	(void)arg;
	pm_fuzz_sink_bytes += strlen(d->file) + strlen(d->rule) +
	                      strlen(d->message) + (size_t)d->line +
	                      (size_t)d->col + (size_t)d->span;
	if (d->excerpt != NULL && d->excerpt_len > 0)
		pm_fuzz_sink_bytes += (unsigned char)d->excerpt[0] +
		                      (unsigned char)d->excerpt[d->excerpt_len - 1];
}

/* The samples' policy (severity levels with durations, update interval:
 * more rules run than with the defaults), a fixed day, findings to the
 * sink. */
static inline pm_options
pm_fuzz_options(void)
{
	pm_options o;

	memset(&o, 0, sizeof(o));
	o.policy = PMC_FUZZ_POLICY;
	o.today = "2025-01-01";
	o.diag = pm_fuzz_sink;
	return o;
}

#endif
