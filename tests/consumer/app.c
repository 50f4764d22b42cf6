/* app.c: a program that uses the installed libpmc (tests/consumer.sh):
 * compiles a postmortem to HTML with the installed templates and prints
 * what it used; then makes a site of it as pmc build does, the index of
 * its summary and of one kept from an earlier run, and prints what the
 * summary says and what the index links to. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pmc.h>

/* The value of the summary's field name, or "-". */
static const char *
field(const pm_site_entry *e, const char *name)
{
	const char *const *names = pm_site_fields(0, NULL);
	size_t k;

	for (k = 0; names[k] != NULL; k++)
		if (strcmp(names[k], name) == 0)
			return e->fields[k] ? e->fields[k] : "-";
	return "?";
}

/* Prints the summary, and the index of it and of a copy kept under
 * another id (as pmc build keeps it in its record): 0, or 1. */
static int
site(const pm_doc *doc, const pm_render_opts *ropts)
{
	const char *const *names;
	pm_site_entry *e = pm_site_entry_new(doc), es[2];
	const char **kept;
	char from[16], to[16], *page = NULL;
	size_t n, k, len = 0;
	FILE *f;
	int rc = 1;

	if (e == NULL)
		return 1;
	printf("id %s\nseverity %s\nttd %s\nttr %s\nopen %s\nactions %zu\n",
	       pm_doc_id(doc), field(e, "severity"), field(e, "ttd"),
	       field(e, "ttr"), field(e, "open"), e->nactions);
	pm_doc_window(doc, from, to);
	printf("window %s %s\n", from[0] ? from : "-", to[0] ? to : "-");
	names = pm_site_fields(0, &n);
	kept = calloc(n, sizeof(*kept));
	for (k = 0; k < n; k++)
		kept[k] = strcmp(names[k], "id") == 0 ? "kept-1" : e->fields[k];
	es[0] = *e;
	es[0].href = "reports/first one.html";
	es[1] = (pm_site_entry){"kept-1.html", kept, NULL, 0};
	if ((f = tmpfile()) != NULL &&
	    pm_site_index(es, 2, ropts, "2025-01-01", f) == 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (page = pm_read_all(f, &len))) {
		printf("index %s %s %s\n",
		       strstr(page, "href=\"reports%2Ffirst%20one.html\"") ? "first"
		                                                          : "-",
		       strstr(page, "href=\"kept-1.html\"") ? "kept" : "-",
		       strstr(page, "1 January 2025") ? "today" : "-");
		rc = 0;
	}
	if (f != NULL)
		fclose(f);
	free(page);
	free(kept);
	pm_site_entry_free(e);
	return rc;
}

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
		rc |= site(doc, &ropts);
	}
	pm_buf_free(&out);
	pm_doc_free(doc);
	return rc;
}
