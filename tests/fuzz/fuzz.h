/* fuzz.h: what the libFuzzer targets share: a diagnostics sink that reads
 * every field of every finding (so a dangling pointer in one is caught),
 * and fixed options so that a run does not depend on the machine. */
#ifndef PM_FUZZ_H
#define PM_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pmc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t pm_fuzz_sink_bytes;

/* Errors of this input: 'schema' findings about a Markdown source, and
 * all others. */
static int pm_fuzz_ir_errors, pm_fuzz_errors;

static inline void
pm_fuzz_sink(const pm_diag *d, void *arg)
{
	size_t n = strlen(d->file);

	(void)arg;
	if (d->severity == PM_ERROR && strcmp(d->rule, "schema") == 0 &&
	    (n < 4 || strcmp(d->file + n - 4, ".xml") != 0))
		pm_fuzz_ir_errors++;
	else if (d->severity == PM_ERROR)
		pm_fuzz_errors++;
	pm_fuzz_sink_bytes += strlen(d->file) + strlen(d->rule) +
	                      strlen(d->message) + (size_t)d->line +
	                      (size_t)d->col + (size_t)d->span;
	if (d->excerpt != NULL && d->excerpt_len > 0)
		pm_fuzz_sink_bytes += (unsigned char)d->excerpt[0] +
		                      (unsigned char)d->excerpt[d->excerpt_len - 1];
}

/* The samples' policy (severity levels with durations, update interval:
 * more rules run than with the defaults), a fixed day, findings to the
 * sink, and every tree validated against the schema, whichever front end
 * built it. Called once at the start of each input. */
static inline pm_options
pm_fuzz_options(void)
{
	pm_options o;

	memset(&o, 0, sizeof(o));
	o.policy = PMC_FUZZ_POLICY;
	o.today = "2025-01-01";
	o.diag = pm_fuzz_sink;
	o.validate_ir = 1;
	pm_fuzz_ir_errors = pm_fuzz_errors = 0;
	return o;
}

/* A Markdown source that the front end accepted, without an error of its
 * own, must give a tree the schema accepts: ordinary runs no longer
 * validate one (validate_ir), so a breach here is a bug in pmc. After an
 * error the front end may leave a tree half built, which the schema
 * then refuses too. Called at the end of each input. */
static inline void
pm_fuzz_ir_valid(void)
{
	if (pm_fuzz_ir_errors > 0 && pm_fuzz_errors == 0)
		abort();
}

#endif
