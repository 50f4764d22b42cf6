/* fuzz_md.c: libFuzzer target for the Markdown front end and the checks
 * over its IR (pm_doc_parse of a .md source; a tree built without an
 * error must pass the schema, fuzz.h), and for the mojibake repair
 * pmc fmt --fix-mojibake applies to such a source: what it gives back is
 * valid UTF-8 and never longer than what it was given. */
#include <stdlib.h>

#include "fuzz.h"
#include "mojibake.h"
#include "utf8.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pm_options o = pm_fuzz_options();
	const char *s = (const char *)data;
	pm_buf fixed = {0};

	pm_doc_free(pm_doc_parse("fuzz.md", s, size, &o));
	if (pm_utf8_validate(s, size) == size) {
		pm_mojibake_fix(s, size, &fixed);
		if (fixed.len > size ||
		    pm_utf8_validate(fixed.data, fixed.len) != fixed.len)
			abort();
		pm_buf_free(&fixed);
	}
	pm_fuzz_ir_valid();
	return 0;
}
