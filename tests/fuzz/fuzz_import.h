/* fuzz_import.h: what the pmc import targets share: a draft of whatever a
 * reader accepted without an error must be made (an input that gives a
 * draft pmc cannot read, or one that loses a word, is a bug in import:
 * import-draft and import-lost), and everything is freed. */
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
	if (pm_import_draft(im, &io, &o, &out) != 0)
		abort();
	pm_buf_free(&out);
}

#endif
