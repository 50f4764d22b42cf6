/* fuzz_fmt.c: libFuzzer target for pmc fmt (pm_fmt): whatever it is
 * given, it never crashes; a source it formats formats again to the same
 * bytes (fmt is idempotent), and the second pass keeps every word, URL
 * and comment of the first (the word check fmt runs on itself, here
 * asserted from outside, where no heading is renamed any more). A source
 * fmt refuses (errors, fmt-unsafe) is fine: refusing is how fmt stays
 * safe. */
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pm_options o = pm_fuzz_options();
	const char *s = (const char *)data;
	pm_buf once = {0}, twice = {0};

	if (pm_fmt("fuzz.md", s, size, &o, &once) == 0) {
		if (pm_fmt("fuzz.md", once.data, once.len, &o, &twice) != 0 ||
		    twice.len != once.len ||
		    memcmp(twice.data, once.data, once.len) != 0)
			abort();
		if (pm_fmt_lost(once.data, once.len, twice.data, twice.len,
		                NULL, 0, NULL) >= 0)
			abort();
	}
	pm_buf_free(&once);
	pm_buf_free(&twice);
	pm_fuzz_ir_valid();
	return 0;
}
