/* cmd_import.c: pmc import INPUT [-o FILE|DIR], a draft postmortem from a
 * status page (Statuspage JSON or the page copied as text) or a Slack
 * channel export. The readers and the draft are the library's
 * (import*.c); this file picks the reader, the policy and where each
 * draft goes, and never overwrites a file. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "import.h"
#include "io.h"
#include "policy.h"

/* The input: its bytes (none for a folder) and the reader it needs. */
typedef struct input {
	const char *name;
	char *bytes;
	size_t len;
	const char *from;
	int folder;
} input;

static int
read_input(cli *c, input *in)
{
	struct stat st;
	FILE *f;

	in->name = c->sources[0];
	if (strcmp(in->name, "-") != 0 && stat(in->name, &st) == 0 &&
	    S_ISDIR(st.st_mode)) {
		in->folder = 1;
		in->from = "slack";
	} else {
		f = strcmp(in->name, "-") == 0 ? stdin : fopen(in->name, "rb");
		if (f == NULL || (in->bytes = pm_read_all(f, &in->len)) == NULL) {
			say("%s: %s", in->name, strerror(errno));
			if (f != NULL && f != stdin)
				fclose(f);
			return EXIT_USAGE;
		}
		if (f != stdin)
			fclose(f);
		in->from = pm_import_sniff(in->bytes, in->len);
	}
	if (c->import_from == NULL)
		return 0;
	if (strcmp(c->import_from, "text") != 0 &&
	    strcmp(c->import_from, "statuspage") != 0 &&
	    strcmp(c->import_from, "slack") != 0)
		return fail("--from must be statuspage, text or slack, not '%s'",
		            c->import_from);
	if (in->folder != (strcmp(c->import_from, "slack") == 0))
		return fail(in->folder ? "%s is a folder: only --from slack "
		                         "reads one"
		                       : "%s is a file: --from slack reads the "
		                         "export's folder",
		            in->name);
	in->from = c->import_from;
	return 0;
}

/* The policy whose scale the severity is from: --policy, else the one
 * nearest the draft (or the working folder, for standard output). */
static char *
policy_for(const cli *c, const char *out)
{
	if (c->opts.policy != NULL)
		return strdup(c->opts.policy);
	return pm_policy_find(out && strcmp(out, "-") != 0 ? out : "./-");
}

/* Writes text to path ("-" or NULL: standard output), never over a
 * file; 0 or EXIT_USAGE. */
static int
put_draft(const cli *c, const char *path, const pm_buf *text)
{
	if (path == NULL || strcmp(path, "-") == 0) {
		if (fwrite(text->data, 1, text->len, stdout) != text->len ||
		    fflush(stdout) != 0)
			return fail("standard output: %s", strerror(errno));
		return 0;
	}
	if (write_new(path, text) < 0) {
		say("%s: %s", path,
		    errno == EEXIST ? "exists; pmc import never overwrites a file"
		                    : strerror(errno));
		return EXIT_USAGE;
	}
	if (!c->quiet)
		say("wrote %s; fill in every TODO, then run 'pmc check %s'", path,
		    path);
	return 0;
}

/* One draft of im to path. */
static int
draft_to(cli *c, const input *in, const pm_import *im, const char *path)
{
	pm_import_opts io;
	pm_buf text = {0};
	char *pol = policy_for(c, path);
	int rc = EXIT_INVALID;

	io.lang = c->ropts.lang;
	io.policy = pol;
	io.name = in->name;
	if (path != NULL && strcmp(path, "-") != 0 && access(path, F_OK) == 0)
		rc = fail("%s exists; pmc import never overwrites a file", path);
	else if (pm_import_draft(im, &io, &c->opts, &text) == 0)
		rc = put_draft(c, path, &text);
	free(pol);
	pm_buf_free(&text);
	return rc;
}

static int
from_text(cli *c, const input *in)
{
	pm_src src;
	pm_import im;
	int rc = EXIT_INVALID;

	memset(&im, 0, sizeof(im));
	pm_src_init(&src, in->name, in->bytes, in->len, c->opts.diag,
	            c->opts.diag_arg);
	if (pm_import_text(&src, &im) == 0) {
		pm_src_flush(&src);
		rc = draft_to(c, in, &im, c->output);
	}
	pm_src_flush(&src);
	pm_src_free(&src);
	pm_import_free(&im);
	return rc;
}

int
run_import(cli *c)
{
	input in;
	int rc;

	memset(&in, 0, sizeof(in));
	if (c->nsources != 1)
		return fail("%s", "usage: pmc import [--from statuspage|text|slack] "
		                  "INPUT [-o FILE|DIR]");
	if ((rc = read_input(c, &in)) != 0)
		goto out;
	if (strcmp(in.from, "text") == 0)
		rc = from_text(c, &in);
	else
		rc = fail("pmc import cannot read %s input yet", in.from);
out:
	free(in.bytes);
	return worse(rc, c->errors ? EXIT_INVALID : 0);
}
