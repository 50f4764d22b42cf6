/* cli_files.c: the command line's files: finding sources in folders,
 * and writing outputs atomically. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* A folder's postmortems: *.md files starting with front matter. */
static int
has_front_matter(const char *path)
{
	char head[8] = {0};
	FILE *f = fopen(path, "rb");
	size_t n, off = 0;

	if (f == NULL)
		return 1; /* let the reader report why it cannot be read */
	n = fread(head, 1, sizeof(head) - 1, f);
	fclose(f);
	if (n >= 3 && memcmp(head, "\xef\xbb\xbf", 3) == 0)
		off = 3;
	return n >= off + 3 && memcmp(head + off, "---", 3) == 0;
}

int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
list_add(list *l, char *s)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->items = realloc(l->items, l->cap * sizeof(*l->items));
		if (l->items == NULL)
			abort();
	}
	l->items[l->n++] = s;
}

void
list_free(list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->items[i]);
	free(l->items);
	l->items = NULL;
	l->n = l->cap = 0;
}

char *
join_path(const char *dir, const char *name)
{
	size_t a = strlen(dir), b = strlen(name);
	char *p = malloc(a + b + 2);

	if (p == NULL)
		abort();
	memcpy(p, dir, a);
	if (a > 0 && dir[a - 1] != '/')
		p[a++] = '/';
	memcpy(p + a, name, b + 1);
	return p;
}

/* Collects the sources under dir, depth first; hidden folders (.git)
 * and symbolic links to folders are not followed. */
int
walk(const char *dir, list *out)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct stat st;
	char *path;
	size_t n;
	int rc = 0;

	if (d == NULL)
		return fail("%s", dir), -1;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		path = join_path(dir, e->d_name);
		n = strlen(e->d_name);
		if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			rc |= walk(path, out);
			free(path);
		} else if (n > 3 && strcmp(e->d_name + n - 3, ".md") == 0 &&
		           has_front_matter(path)) {
			list_add(out, path);
		} else {
			free(path);
		}
	}
	closedir(d);
	return rc;
}

int
same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return strcmp(a, b) == 0 ||
	       (stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
	        sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino);
}

/* A reader never sees half a file, and a failure leaves any earlier
 * output as it was. */
int
write_atomic(const char *path, const pm_buf *out)
{
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	char *tmp = malloc(dirlen + 16);
	FILE *f = NULL;
	int fd, rc = -1;

	if (tmp == NULL)
		abort();
	memcpy(tmp, path, dirlen);
	strcpy(tmp + dirlen, ".pmc-XXXXXX");
	if ((fd = mkstemp(tmp)) < 0)
		goto out;
	if ((f = fdopen(fd, "wb")) == NULL) {
		close(fd);
		goto fail;
	}
	if (fwrite(out->data, 1, out->len, f) != out->len || fflush(f) != 0 ||
	    fsync(fileno(f)) != 0)
		goto fail;
	if (fclose(f) != 0) {
		f = NULL;
		goto fail;
	}
	f = NULL;
	if (chmod(tmp, 0644) != 0 || rename(tmp, path) != 0)
		goto fail;
	rc = 0;
	goto out;
fail:
	if (f != NULL)
		fclose(f);
	unlink(tmp);
out:
	free(tmp);
	return rc;
}

int
collect_sources(const cli *c, list *out)
{
	struct stat st;
	size_t i, first;
	int rc = 0;

	for (i = 0; i < c->nsources; i++) {
		first = out->n;
		if (strcmp(c->sources[i], "-") != 0 &&
		    stat(c->sources[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			if (walk(c->sources[i], out) < 0)
				rc = EXIT_USAGE;
			qsort(out->items + first, out->n - first,
			      sizeof(char *), by_name);
		} else {
			list_add(out, strdup(c->sources[i]));
		}
	}
	return rc;
}
