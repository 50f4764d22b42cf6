/* cmd_compile.c: pmc SOURCE -o OUTPUT, one source into one format. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static const char formats[] = "html, pdf, md, json or xml";

const char *
cli_format_name(const char *name, size_t len)
{
	static const char *const names[][2] = {
	    {"html", "html"}, {"htm", "html"}, {"md", "md"},
	    {"markdown", "md"}, {"pdf", "pdf"}, {"json", "json"},
	    {"xml", "xml"}};
	size_t k;

	for (k = 0; k < sizeof(names) / sizeof(names[0]); k++)
		if (strlen(names[k][0]) == len &&
		    strncasecmp(name, names[k][0], len) == 0)
			return names[k][1];
	return NULL;
}

/* The format named by an output's extension, as pandoc reads it (see
 * cli_format_name); the extension itself when it names none, NULL when
 * the name has none (a dot in a folder's name is none). */
static const char *
format_of(const char *output, const char **ext)
{
	const char *base, *dot, *known;

	*ext = NULL;
	if (output == NULL)
		return NULL;
	base = strrchr(output, '/') ? strrchr(output, '/') + 1 : output;
	if ((dot = strrchr(base, '.')) == NULL || dot == base)
		return NULL;
	*ext = dot + 1;
	known = cli_format_name(dot + 1, strlen(dot + 1));
	return known ? known : dot + 1;
}

/* A PDF is not for a terminal: its bytes would garble it. As pandoc,
 * pmc refuses unless -o - asks for standard output in so many words. */
static int
binary_to_terminal(const cli *c, const char *fmt)
{
	if (strcmp(fmt, "pdf") != 0 || c->output != NULL ||
	    !isatty(STDOUT_FILENO))
		return 0;
	return fail("%s", "will not write a PDF to a terminal: name a file "
	                  "with -o FILE.pdf, or use -o - to write it to "
	                  "standard output all the same");
}

/* Says what is wrong with -o and -t before anything is read. */
static int
check_output(const cli *c, const char **fmt)
{
	const char *out = c->output, *ext;
	char msg[200];

	*fmt = format_of(out, &ext);
	if (output_is_folder(out))
		return EXIT_USAGE;
	if (c->format != NULL)
		*fmt = cli_format_name(c->format, strlen(c->format))
		           ? cli_format_name(c->format, strlen(c->format))
		           : c->format;
	else if (out == NULL || strcmp(out, "-") == 0)
		return fail("%s", "no output format: use -t FORMAT or -o "
		                  "FILE.EXT");
	else if (ext == NULL)
		return fail("-o %s has no extension to tell the format by: "
		            "use -t FORMAT or end it in .html, .pdf, .md, .json "
		            "or .xml",
		            out);
	if (pm_render_lookup(*fmt) != NULL)
		return binary_to_terminal(c, *fmt);
	snprintf(msg, sizeof(msg), "unknown output format '%.100s' %s(%s)",
	         *fmt, c->format ? "" : "of -o ", formats);
	return fail("%s", msg);
}

int
run_compile(cli *c)
{
	const char *fmt;
	pm_render_fn render;
	pm_buf out = {0};
	pm_doc *doc;
	int rc = 0;

	if (c->nsources != 1)
		return fail("%s", "give exactly one SOURCE to compile (or use "
		                  "'pmc check' / 'pmc build')");
	if (check_output(c, &fmt) != 0)
		return EXIT_USAGE;
	render = pm_render_lookup(fmt);
	if (c->output && strcmp(c->output, "-") != 0 &&
	    same_file(c->output, c->sources[0]))
		return fail("refusing to overwrite the source %s", c->output);
	if ((doc = pm_doc_load(c->sources[0], &c->opts)) == NULL) {
		say("%s: %s", c->sources[0],
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
		say("%s: %s", c->output, strerror(errno));
		rc = EXIT_USAGE;
	}
	pm_buf_free(&out);
	pm_doc_free(doc);
	return verdict(c, rc);
}
