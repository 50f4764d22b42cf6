/* fuzz_md.c: libFuzzer target for the Markdown front end and the checks
 * over its IR (pm_doc_parse of a .md source). */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pm_options o = pm_fuzz_options();

	pm_doc_free(pm_doc_parse("fuzz.md", (const char *)data, size, &o));
	return 0;
}
