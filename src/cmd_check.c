/* cmd_check.c: pmc check, validation without output. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Checks one file; returns 0, 1 (invalid) or 2 (unreadable). */
static int
check_one(cli *c, const char *path)
{
	pm_doc *doc = pm_doc_load(path, &c->opts);
	int rc;

	if (doc == NULL) {
		fprintf(stderr, "pmc: %s: %s\n", path, strerror(errno));
		return EXIT_USAGE;
	}
	c->files++;
	rc = pm_doc_errors(doc) > 0 ||
	             (c->strict && pm_doc_warnings(doc) > 0)
	         ? EXIT_INVALID
	         : 0;
	pm_doc_free(doc);
	return rc;
}

int
run_check(cli *c)
{
	list files = {0};
	size_t i;
	int rc = collect_sources(c, &files);

	for (i = 0; i < files.n; i++)
		rc = worse(rc, check_one(c, files.items[i]));
	list_free(&files);
	if (c->diag_format == FMT_JSON)
		printf("[%s%s]\n", c->json.len ? c->json.data : "",
		       c->json_count ? "\n" : "");
	else if (c->diag_format == FMT_TEXT)
		summary(c);
	return rc;
}
