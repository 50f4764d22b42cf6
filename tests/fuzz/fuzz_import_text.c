/* fuzz_import_text.c: libFuzzer target for pmc import's reader of a
 * status page copied as text, and the draft made of what it read. */
#include "fuzz_import.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pm_src src;
	pm_import im;

	memset(&im, 0, sizeof(im));
	pm_src_init(&src, "input.txt", (const char *)data, size, pm_fuzz_sink,
	            NULL);
	(void)pm_import_text(&src, &im);
	pm_src_flush(&src);
	pm_fuzz_draft(&im, src.errors);
	pm_src_free(&src);
	pm_import_free(&im);
	return 0;
}
