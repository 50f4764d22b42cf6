/* cmd_compile.c: pmc SOURCE -o OUTPUT, one source into one format. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char *
format_of(const char *output)
{
	const char *dot = output ? strrchr(output, '.') : NULL;

	return dot ? dot + 1 : NULL;
}

int
run_compile(cli *c)
{
	const char *fmt = c->format ? c->format : format_of(c->output);
	pm_render_fn render;
	pm_buf out = {0};
	pm_doc *doc;
	int rc = 0;

	if (c->nsources != 1)
		return fail("%s", "give exactly one SOURCE to compile (or use "
		                  "'pmc check' / 'pmc build')");
	if (fmt == NULL)
		return fail("%s", "no output format: use -t FORMAT or -o "
		                  "FILE.EXT");
	if ((render = pm_render_lookup(fmt)) == NULL)
		return fail("unknown or not yet available output format '%s'",
		            fmt);
	if (c->output && strcmp(c->output, "-") != 0 &&
	    same_file(c->output, c->sources[0]))
		return fail("refusing to overwrite the source %s", c->output);
	if ((doc = pm_doc_load(c->sources[0], &c->opts)) == NULL) {
		fprintf(stderr, "pmc: %s: %s\n", c->sources[0],
		        strerror(errno));
		return EXIT_USAGE;
	}
	if (pm_doc_errors(doc) > 0 || (c->strict && pm_doc_warnings(doc))) {
		rc = EXIT_INVALID;
	} else if (render(doc, &c->ropts, &out) < 0) {
		rc = EXIT_INVALID;
	} else if (c->output == NULL || strcmp(c->output, "-") == 0) {
		if (fwrite(out.data, 1, out.len, stdout) != out.len ||
		    fflush(stdout) != 0)
			rc = fail("standard output: %s", strerror(errno));
	} else if (write_atomic(c->output, &out) < 0) {
		fprintf(stderr, "pmc: %s: %s\n", c->output, strerror(errno));
		rc = EXIT_USAGE;
	}
	pm_buf_free(&out);
	pm_doc_free(doc);
	return rc;
}
