/* fuzz_policy.c: libFuzzer target for the policy reader (.pmc.yml). The
 * reader takes a path, so each input goes through one file of this
 * process's own. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "fuzz.h"
#include "policy.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	pm_policy *p;
	FILE *f;
	int errors = 0;

	if (path[0] == '\0')
		snprintf(path, sizeof(path), "/tmp/pmc-fuzz-policy-%ld.yml",
		         (long)getpid());
	if ((f = fopen(path, "wb")) == NULL)
		abort();
	if (fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
	p = pm_policy_load(path, pm_fuzz_sink, NULL, &errors);
	if (p != NULL) {
		(void)pm_policy_level(p, "SEV1");
		pm_policy_free(p);
	}
	return 0;
}
