/* fuzz_import.h: what the pmc import targets share: whatever a reader
 * accepted without an error is made into a draft, or the draft is
 * refused with an error finding (import-draft: pmc fmt cannot write it
 * back; import-lost: a word would be lost), and nothing is written. A
 * refusal without a finding would be a silent loss, and aborts; so does
 * any crash or sanitizer report. Refused inputs are import's known gaps
 * (docs/choices.md, "pmc import"), not losses. */
#ifndef PM_FUZZ_IMPORT_H
#define PM_FUZZ_IMPORT_H

#include "fuzz.h"
#include "import.h"

static inline void
pm_fuzz_draft(const pm_import *im, int read_errors)
{
	pm_options o = pm_fuzz_options();
	pm_import_opts io;
	pm_buf out = {0};

	if (read_errors > 0)
		return;
	memset(&io, 0, sizeof(io));
	io.policy = PMC_FUZZ_POLICY;
	io.name = "input";
	if (pm_import_draft(im, &io, &o, &out) != 0 && pm_fuzz_errors == 0)
		abort();
	pm_buf_free(&out);
}

#endif
