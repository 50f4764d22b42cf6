/* fuzz_xml.c: libFuzzer target for the XML front end (the intermediate
 * form read back), schema validation and the checks. */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pm_options o = pm_fuzz_options();

	pm_doc_free(pm_doc_parse("fuzz.xml", (const char *)data, size, &o));
	return 0;
}
