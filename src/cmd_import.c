/* cmd_import.c: pmc import INPUT [-o FILE|DIR], a draft postmortem from a
 * status page (Statuspage JSON or the page copied as text) or a Slack
 * channel export. The readers and the draft are the library's
 * (pm_import_read() and pm_import_set_draft() of pmc.h); this file picks
 * the reader, the policy and where each draft goes, and never overwrites
 * a file. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

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

/* The k-th draft of set to path. */
static int
draft_to(cli *c, const input *in, const pm_import_set *set, size_t k,
         const char *path)
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
	else if (pm_import_set_draft(set, k, &io, &c->opts, &text) == 0)
		rc = put_draft(c, path, &text);
	free(pol);
	pm_buf_free(&text);
	return rc;
}

/* Does -o name a folder: one that exists, or a name ending in '/'? */
static int
to_folder(const char *out)
{
	struct stat st;
	size_t n = out ? strlen(out) : 0;

	return n > 0 && (out[n - 1] == '/' ||
	                 (stat(out, &st) == 0 && S_ISDIR(st.st_mode)));
}

/* The file a draft gets in -o DIR: the incident's id, else the input's
 * name with .md for its extension; NULL when the id cannot name a file
 * (said why). */
static char *
file_in(const char *dir, const input *in, const char *id)
{
	const char *base = strrchr(in->name, '/'), *dot;
	char name[256];
	size_t n;

	if (id != NULL) {
		n = strlen(id);
		if (n == 0 || n > 200 || id[0] == '.' ||
		    strspn(id, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRS"
		               "TUVWXYZ0123456789-_.") != n) {
			fail("incident id '%s' cannot name a file; use --id and "
			     "-o FILE",
			     id);
			return NULL;
		}
		snprintf(name, sizeof(name), "%s.md", id);
	} else {
		base = base ? base + 1 : in->name;
		if (strcmp(base, "-") == 0 || *base == '\0')
			base = "draft";
		dot = strrchr(base, '.');
		n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
		snprintf(name, sizeof(name), "%.*s.md", (int)(n > 200 ? 200 : n),
		         base);
	}
	return join_path(dir, name);
}

/* The drafts of set to -o: a file (or standard output) for one, a file
 * each in a folder. */
static int
drafts(cli *c, const input *in, const pm_import_set *set)
{
	const char *first = pm_import_set_id(set, 0);
	size_t k, n = pm_import_set_count(set);
	char *path;
	int rc = 0;

	if (n > 1 && !to_folder(c->output)) {
		say("%s holds %zu incidents: give -o DIR for a draft of each, or "
		    "--id ID for one (the first is '%s')",
		    in->name, n, first ? first : "?");
		return EXIT_USAGE;
	}
	if (!to_folder(c->output))
		return draft_to(c, in, set, 0, c->output);
	for (k = 0; k < n; k++) {
		path = file_in(c->output, in, pm_import_set_id(set, k));
		if (path == NULL) {
			rc = worse(rc, EXIT_USAGE);
			continue;
		}
		rc = worse(rc, draft_to(c, in, set, k, path));
		free(path);
	}
	return rc;
}

/* --since and --until: a day (--until: to its end) or a time, with an
 * offset or zone word ("+01:00", "UTC", "CET") or without one: the
 * Slack reader then reads it in the export's zone. */
static int
window_end(const char *val, const char *opt)
{
	char msg[200];

	switch (pm_import_window_check(val, msg, sizeof(msg))) {
	case 0:
		return 0;
	case -2:
		say("%s '%s': %s", opt, val, msg);
		return EXIT_USAGE;
	default:
		say("%s needs YYYY-MM-DD or YYYY-MM-DD HH:MM (with an offset "
		    "or a zone word, or in the export's zone), not '%s'",
		    opt, val);
		return EXIT_USAGE;
	}
}

/* The Slack options: which messages. 0 or EXIT_USAGE. */
static int
slack_opts(const cli *c, pm_import_input *pi, char *emoji, size_t size)
{
	size_t n;

	pi->pinned = c->pinned;
	if (c->reaction != NULL) {
		/* ":eyes:" as Slack shows it, or "eyes" as its export has it */
		n = strlen(c->reaction);
		if (n > 2 && c->reaction[0] == ':' && c->reaction[n - 1] == ':')
			snprintf(emoji, size, "%.*s", (int)(n - 2), c->reaction + 1);
		else
			snprintf(emoji, size, "%s", c->reaction);
		if (*emoji == '\0' || strchr(emoji, ':') || n >= size)
			return fail("--reaction takes an emoji's name (eyes, or "
			            ":eyes:), not '%s'",
			            c->reaction);
		pi->reaction = emoji;
	}
	if ((pi->since = c->since) != NULL && window_end(c->since, "--since"))
		return EXIT_USAGE;
	if ((pi->until = c->until) != NULL && window_end(c->until, "--until"))
		return EXIT_USAGE;
	return 0;
}

/* Reads the input with the reader its format needs; the drafts follow
 * when it has no error. */
static int
import(cli *c, const input *in)
{
	pm_import_input pi;
	pm_import_set *set = NULL;
	char emoji[128];
	int rc;

	memset(&pi, 0, sizeof(pi));
	pi.from = in->from;
	pi.name = in->name;
	pi.bytes = in->bytes;
	pi.len = in->len;
	pi.id = c->import_id;
	pi.diag = c->opts.diag;
	pi.diag_arg = c->opts.diag_arg;
	if (in->folder && (rc = slack_opts(c, &pi, emoji, sizeof(emoji))) != 0)
		return rc;
	rc = EXIT_INVALID;
	if (pm_import_read(&pi, &set) == 0)
		rc = drafts(c, in, set);
	pm_import_set_free(set);
	return rc;
}

/* An option of another reader is a mistake worth saying: --id on a
 * text page would otherwise quietly import the page. */
static int
options_fit(const cli *c, const input *in)
{
	int slack = strcmp(in->from, "slack") == 0;

	if (c->import_id && strcmp(in->from, "statuspage") != 0)
		return fail("--id chooses among Statuspage incidents; %s is no "
		            "Statuspage JSON",
		            in->name);
	if (!slack && (c->since || c->until || c->pinned || c->reaction))
		return fail("--since, --until, --pinned and --reaction choose "
		            "Slack messages; %s is no Slack export folder",
		            in->name);
	return 0;
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
	if ((rc = read_input(c, &in)) != 0 || (rc = options_fit(c, &in)) != 0)
		goto out;
	rc = import(c, &in);
out:
	free(in.bytes);
	return worse(rc, c->errors ? EXIT_INVALID : 0);
}
