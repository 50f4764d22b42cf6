/* cmd_fmt.c: pmc fmt [--check | --diff] [--fix-mojibake] SOURCE...:
 * sources rewritten in canonical form, in place (atomically, keeping the
 * file's mode, through a symbolic link), or with --check only listed when
 * they would change, as gofmt -l and black --check do, or with --diff
 * shown as a unified diff, as gofmt -d and black --diff do. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* fmt shows errors only: warnings are pmc check's business, and a
 * formatter that talks about style on every run gets ignored. */
static void
errors_only(const pm_diag *d, void *arg)
{
	if (d->severity == PM_ERROR)
		on_diag(d, arg);
}

static char *
read_source(const char *path, size_t *len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char *bytes;
	int err;

	if (f == NULL)
		return NULL;
	bytes = pm_read_all(f, len);
	err = errno;
	if (f != stdin)
		fclose(f);
	errno = err;
	return bytes;
}

/* --diff: the change as a unified diff on standard output, exit 1 when
 * there is one, as --check. */
static int
show_diff(const char *path, const char *old, size_t len, const pm_buf *out)
{
	pm_buf d = {0};
	int changed = udiff(path, old, len, out->data, out->len, &d);

	if (changed &&
	    (fwrite(d.data, 1, d.len, stdout) != d.len || fflush(stdout) != 0))
		changed = -1;
	pm_buf_free(&d);
	if (changed < 0)
		return fail("standard output: %s", strerror(errno));
	return changed ? EXIT_INVALID : 0;
}

/* Standard input is formatted to standard output, as gofmt does. */
static int
emit(cli *c, const char *path, const pm_buf *out, int changed)
{
	if (strcmp(path, "-") == 0) {
		if (c->check_only)
			return changed ? EXIT_INVALID : 0;
		if (fwrite(out->data, 1, out->len, stdout) != out->len ||
		    fflush(stdout) != 0)
			return fail("standard output: %s", strerror(errno));
		return 0;
	}
	if (!changed)
		return 0;
	if (c->check_only) {
		printf("%s\n", path);
		return EXIT_INVALID;
	}
	if (write_atomic(path, out) < 0) {
		say("%s: %s", path, strerror(errno));
		return EXIT_USAGE;
	}
	return 0;
}

/* Formats one file; returns 0, 1 (invalid, or would change with
 * --check) or 2 (unreadable, unwritable). */
static int
fmt_one(cli *c, const char *path)
{
	pm_buf out = {0}, fixed = {0};
	size_t len = 0, srclen;
	char *bytes = read_source(path, &len);
	const char *src = bytes;
	int rc;

	if (bytes == NULL) {
		say("%s: %s", path, strerror(errno));
		return EXIT_USAGE;
	}
	srclen = len;
	c->files++;
	/* repaired first, so the formatted text is checked (and compared
	 * with the source) as it will be written */
	if (c->fix_mojibake && pm_mojibake_repair(bytes, len, &fixed) >= 0) {
		src = fixed.data ? fixed.data : "";
		srclen = fixed.len;
	}
	if (pm_fmt(path, src, srclen, &c->opts, &out) < 0)
		rc = EXIT_INVALID;
	else if (c->diff_only)
		rc = show_diff(path, bytes, len, &out);
	else
		rc = emit(c, path, &out,
		          out.len != len || memcmp(out.data, bytes, len) != 0);
	pm_buf_free(&out);
	pm_buf_free(&fixed);
	free(bytes);
	return rc;
}

int
run_fmt(cli *c)
{
	list files = {0};
	size_t i;
	int rc;

	if (c->nsources == 0)
		return fail("%s", "give the sources to format (pmc fmt "
		                  "[--check] SOURCE...)");
	c->opts.diag = errors_only;
	c->opts.diag_arg = c;
	rc = collect_sources(c, &files);
	for (i = 0; i < files.n; i++)
		rc = worse(rc, fmt_one(c, files.items[i]));
	list_free(&files);
	return rc;
}
