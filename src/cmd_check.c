/* cmd_check.c: pmc check, validation without output. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build_pool.h"
#include "cli.h"

/* One source's result, held until its turn to be printed. */
struct checked {
	findings f;
	int rc;  /* 0, 1 (invalid) or 2 (unreadable) */
	int err; /* why it could not be read */
	int skipped; /* no postmortem (--stdin-filename README.md) */
};

struct run {
	cli *c;
	list files;
	struct checked *r;
	int rc;
};

/* Standard input compiled as the file name (--stdin-filename): the
 * findings carry that name and the policy is found from it, as for the
 * saved file an editor's buffer stands for; a Markdown name whose text
 * is no postmortem (a README) is skipped as that file would be (*skip).
 * NULL with errno set when it cannot be read. */
static pm_doc *
load_stdin_as(const char *name, const pm_options *opts, int *skip)
{
	size_t len;
	char *bytes = pm_read_all(stdin, &len);
	pm_doc *doc = NULL;

	if (bytes == NULL)
		return NULL;
	*skip = is_markdown(name) && !starts_like_front_matter(bytes, len);
	if (!*skip)
		doc = pm_doc_parse(name, bytes, len, opts);
	free(bytes);
	return doc;
}

/* Checks one file on a worker thread, its findings held. */
static void
check_one(void *arg, size_t i)
{
	struct run *run = arg;
	struct checked *r = &run->r[i];
	pm_options opts = run->c->opts;
	pm_doc *doc;

	opts.diag = findings_collect;
	opts.diag_arg = &r->f;
	if (run->c->stdin_filename != NULL &&
	    strcmp(run->files.items[i], "-") == 0)
		doc = load_stdin_as(run->c->stdin_filename, &opts, &r->skipped);
	else
		doc = pm_doc_load(run->files.items[i], &opts);
	if (r->skipped)
		return;
	if (doc == NULL) {
		r->err = errno;
		r->rc = EXIT_USAGE;
		return;
	}
	r->rc = pm_doc_errors(doc) > 0 ||
	                (run->c->strict && pm_doc_warnings(doc) > 0)
	            ? EXIT_INVALID
	            : 0;
	pm_doc_free(doc);
}

/* Prints one file's findings, in source order whatever the threads did. */
static void
report_one(void *arg, size_t i)
{
	struct run *run = arg;
	struct checked *r = &run->r[i];

	if (r->f.n > 0 || r->err)
		progress_end(run->c);
	findings_replay(&r->f, run->c);
	if (r->err)
		say("%s: %s", run->files.items[i], strerror(r->err));
	else if (!r->skipped)
		run->c->files++;
	run->rc = worse(run->rc, r->rc);
	progress(run->c, "checking", i + 1, run->files.n);
}

/* -o FILE: the findings are gathered in memory and written atomically
 * when the run ends, so that a CI step never uploads half a SARIF log;
 * -o - sends them, in any format, to standard output. */
static int
open_findings(cli *c, char **mem, size_t *size)
{
	size_t i;

	if (c->output == NULL)
		return 0;
	if (strcmp(c->output, "-") == 0) {
		c->findings = stdout;
		return 0;
	}
	if (output_is_folder(c->output))
		return EXIT_USAGE;
	for (i = 0; i < c->nsources; i++)
		if (same_file(c->output, c->sources[i]))
			return fail("refusing to overwrite the source %s",
			            c->output);
	if ((c->findings = open_memstream(mem, size)) == NULL)
		abort();
	return 0;
}

/* mem and size are open_memstream's: valid once the stream is closed. */
static int
close_findings(cli *c, char **mem, size_t *size)
{
	pm_buf b = {0};
	int rc = 0;

	if (c->findings == NULL || c->findings == stdout)
		return 0;
	if (fclose(c->findings) != 0)
		abort();
	c->findings = NULL;
	b.data = *mem;
	b.len = b.cap = *size;
	if (write_atomic(c->output, &b) < 0) {
		say("%s: %s", c->output, strerror(errno));
		rc = EXIT_USAGE;
	}
	free(*mem);
	return rc;
}

static int
reads_stdin(const cli *c)
{
	size_t i;

	for (i = 0; i < c->nsources; i++)
		if (strcmp(c->sources[i], "-") == 0)
			return 1;
	return 0;
}

int
run_check(cli *c)
{
	struct run run = {c, {0}, NULL, 0};
	char *mem = NULL;
	size_t size = 0;

	if (c->stdin_filename != NULL && !reads_stdin(c))
		return fail("--stdin-filename names standard input; give '-' "
		            "as the source, not '%s'",
		            c->nsources ? c->sources[0] : "");
	if (open_findings(c, &mem, &size) != 0)
		return EXIT_USAGE;
	run.rc = collect_sources(c, &run.files);
	run.r = calloc(run.files.n + 1, sizeof(*run.r));
	if (run.r == NULL)
		abort();
	if (pool_run(run.files.n, pool_jobs(c, run.files.n), check_one,
	             report_one, &run) < 0)
		run.rc = fail("%s", "cannot start the worker threads");
	progress_end(c);
	free(run.r);
	list_free(&run.files);
	diag_finish(c);
	run.rc = verdict(c, run.rc);
	return worse(run.rc, close_findings(c, &mem, &size));
}
