/* fuzz_import_statuspage.c: libFuzzer target for pmc import's reader of
 * Statuspage JSON (through jansson), and a draft of each incident. */
#include "fuzz_import.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pm_src src;
	pm_import *ims = NULL;
	size_t n = 0, k;

	pm_src_init(&src, "input.json", (const char *)data, size, pm_fuzz_sink,
	            NULL);
	(void)pm_import_statuspage(&src, NULL, &ims, &n);
	pm_src_flush(&src);
	for (k = 0; k < n; k++) {
		pm_fuzz_draft(&ims[k], src.errors);
		pm_import_free(&ims[k]);
	}
	free(ims);
	pm_src_free(&src);
	return 0;
}
