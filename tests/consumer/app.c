/* app.c: a program that uses the installed libpmc (tests/consumer.sh):
 * compiles a postmortem to HTML with the installed templates and prints
 * what it used. */
#include <stdio.h>
#include <string.h>

#include <pmc.h>

int
main(int argc, char **argv)
{
	pm_options opts;
	pm_render_opts ropts;
	pm_buf out = {0};
	pm_doc *doc;
	int rc = 1;

	if (argc != 2)
		return 2;
	memset(&opts, 0, sizeof(opts));
	memset(&ropts, 0, sizeof(ropts));
	opts.today = "2025-01-01";
	if ((doc = pm_doc_load(argv[1], &opts)) == NULL)
		return 2;
	if (pm_doc_errors(doc) == 0 && pm_render_html(doc, &ropts, &out) == 0) {
		printf("version %s\ntemplates %s\nhtml %zu\n", PMC_VERSION,
		       pm_template_dir(), out.len);
		rc = strstr(pm_buf_cstr(&out), "<html") != NULL ? 0 : 1;
	}
	pm_buf_free(&out);
	pm_doc_free(doc);
	return rc;
}
