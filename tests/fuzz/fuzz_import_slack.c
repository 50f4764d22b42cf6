/* fuzz_import_slack.c: libFuzzer target for pmc import's reader of a
 * Slack export. The reader takes a folder, so each input is one day file
 * of a channel folder of this process's own, beside a users.json whose
 * names the mentions resolve to. */
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz_import.h"

static char dir[64], day[96];

static void
setup(void)
{
	char path[96];
	FILE *f;

	snprintf(dir, sizeof(dir), "/tmp/pmc-fuzz-slack-%ld", (long)getpid());
	snprintf(path, sizeof(path), "%s/c", dir);
	mkdir(dir, 0700);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/users.json", dir);
	if ((f = fopen(path, "wb")) == NULL)
		abort();
	fputs("[{\"id\": \"U1\", \"name\": \"a\", \"tz\": \"Europe/Oslo\", "
	      "\"profile\": {\"real_name\": \"Ann *B* <x>\"}}]",
	      f);
	if (fclose(f) != 0)
		abort();
	snprintf(day, sizeof(day), "%s/c/2024-01-08.json", dir);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pm_slack_opts so;
	pm_import im;
	FILE *f;
	int errors = 0;

	if (dir[0] == '\0')
		setup();
	if ((f = fopen(day, "wb")) == NULL)
		abort();
	if (fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
	memset(&so, 0, sizeof(so));
	memset(&im, 0, sizeof(im));
	(void)pm_import_slack(dir, &so, pm_fuzz_sink, NULL, &im, &errors);
	pm_fuzz_draft(&im, errors);
	pm_import_free(&im);
	return 0;
}
