/* cmd_new.c: pmc new [--lang L] FILE, a postmortem to fill in, copied
 * from templates/new/<lang>.md; 'pmc check' flags its placeholders until
 * they are filled. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* The scaffold for a language tag: by its primary subtag, Norwegian
 * Bokmål for any Norwegian; NULL when there is none. */
static const char *
scaffold_lang(const char *tag)
{
	static const char *const langs[][2] = {
	    {"en", "en"}, {"nb", "nb"}, {"no", "nb"}, {"nn", "nb"}, {"ja", "ja"}};
	size_t n = strcspn(tag, "-_"), k;

	for (k = 0; k < sizeof(langs) / sizeof(langs[0]); k++)
		if (strlen(langs[k][0]) == n && strncmp(tag, langs[k][0], n) == 0)
			return langs[k][1];
	return NULL;
}

static int
read_scaffold(const char *lang, pm_buf *out)
{
	char *path = join_path(pm_template_dir(), "new/");
	char *file;
	FILE *f;
	char chunk[4096];
	size_t n;
	int rc = -1;

	file = malloc(strlen(path) + strlen(lang) + 4);
	if (file == NULL)
		abort();
	sprintf(file, "%s%s.md", path, lang);
	if ((f = fopen(file, "rb")) == NULL) {
		say("%s: %s", file, strerror(errno));
		goto out;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		pm_buf_put(out, chunk, n);
	rc = ferror(f) ? -1 : 0;
	if (rc < 0)
		say("%s: %s", file, strerror(errno));
	fclose(f);
out:
	free(file);
	free(path);
	return rc;
}

/* A temporary file beside path, linked into place: link() refuses an
 * existing name, so a file made meanwhile is never overwritten, and a
 * reader never sees half a scaffold. */
int
write_new(const char *path, const pm_buf *out)
{
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	char *tmp = malloc(dirlen + 16);
	FILE *f = NULL;
	int fd, rc = -1, err = 0;

	if (tmp == NULL)
		abort();
	memcpy(tmp, path, dirlen);
	strcpy(tmp + dirlen, ".pmc-XXXXXX");
	if ((fd = mkstemp(tmp)) < 0) {
		free(tmp);
		return -1;
	}
	if ((f = fdopen(fd, "wb")) == NULL)
		close(fd);
	else if (fwrite(out->data, 1, out->len, f) == out->len &&
	         fflush(f) == 0 && fchmod(fd, output_mode()) == 0 &&
	         link(tmp, path) == 0)
		rc = 0;
	err = errno;
	if (f != NULL && fclose(f) != 0 && rc == 0) {
		err = errno;
		unlink(path);
		rc = -1;
	}
	unlink(tmp);
	free(tmp);
	errno = err;
	return rc;
}

int
run_new(cli *c)
{
	const char *tag = c->ropts.lang ? c->ropts.lang : "en";
	const char *lang = scaffold_lang(tag), *path;
	pm_buf text = {0};
	int rc = EXIT_USAGE;

	if (c->nsources != 1)
		return fail("%s", "usage: pmc new [--lang en|nb|ja] FILE");
	if (lang == NULL)
		return fail("no scaffold for --lang '%s' (en, nb or ja)", tag);
	path = c->sources[0];
	if (strcmp(path, "-") != 0 && access(path, F_OK) == 0)
		return fail("%s exists; pmc new never overwrites a file", path);
	if (read_scaffold(lang, &text) < 0)
		goto out;
	if (strcmp(path, "-") == 0) {
		if (fwrite(text.data, 1, text.len, stdout) != text.len ||
		    fflush(stdout) != 0)
			fail("standard output: %s", strerror(errno));
		else
			rc = 0;
	} else if (write_new(path, &text) < 0) {
		say("%s: %s", path,
		    errno == EEXIST ? "exists; pmc new never overwrites a file"
		                    : strerror(errno));
	} else {
		if (!c->quiet)
			say("wrote %s; fill in every TODO and "
			    "date, then run 'pmc check %s'",
			    path, path);
		rc = 0;
	}
out:
	pm_buf_free(&text);
	return rc;
}
