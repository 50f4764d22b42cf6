/* cli_files.c: the command line's files: finding sources in folders,
 * and writing outputs atomically. */
#define _XOPEN_SOURCE 700 /* realpath */
#define _DEFAULT_SOURCE   /* readdir's d_type */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "cli.h"

/* How much of a file is read to see whether it starts like front
 * matter: past a BOM and blank lines, to the first "--". */
#define PM_SNIFF 4096

int
starts_like_front_matter(const char *head, size_t n)
{
	size_t i = 0;

	if (n > PM_SNIFF) /* what is read of a file */
		n = PM_SNIFF;
	if (n >= 3 && memcmp(head, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < n && (head[i] == ' ' || head[i] == '\t' ||
	                 head[i] == '\r' || head[i] == '\n'))
		i++;
	return n >= i + 2 && memcmp(head + i, "--", 2) == 0;
}

/*
 * Whether a Markdown file is meant as a postmortem: its first line with
 * text (a BOM aside) starts with "--". Blank lines before it and a
 * fence written "--", "----" or "--- yaml" count, so that a postmortem
 * with a broken start is read and its error reported rather than
 * skipped; a folder's README, which starts with anything else, is
 * skipped (docs/choices.md, "Which Markdown files are postmortems").
 * Only regular files are read: a FIFO named *.md would block the walk
 * forever (opened without waiting, it is seen for what it is and left
 * alone). Returns 1 for a postmortem, 0 for another file, -1 for no
 * regular file (a FIFO, socket or device). regular: the folder's entry
 * said so already (each system call counts in a tree of thousands).
 */
static int
has_front_matter(const char *path, int regular)
{
	char head[PM_SNIFF];
	struct stat st;
	ssize_t got;
	int fd;

	/* not even opened: a FIFO's writer would see a reader come and go */
	if (!regular && stat(path, &st) == 0 && !S_ISREG(st.st_mode))
		return -1;
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY)) < 0)
		return 1; /* let the reader report why it cannot be read */
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return -1;
	}
	got = read(fd, head, sizeof(head));
	close(fd);
	return starts_like_front_matter(head, got > 0 ? (size_t)got : 0);
}

int
is_markdown(const char *path)
{
	static const char *const exts[] = {".md", ".markdown", ".mdown",
	                                   ".mkd", ".mkdn"};
	size_t n = strlen(path), k, e;

	for (k = 0; k < sizeof(exts) / sizeof(exts[0]); k++) {
		e = strlen(exts[k]);
		if (n > e && strcasecmp(path + n - e, exts[k]) == 0)
			return 1;
	}
	return 0;
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

/* Is path, a symbolic link, to a file inside the folder top (a real
 * path)? A pull request can add a link to a file outside the checkout
 * (a secret that starts with "---"), whose lines pmc would then quote in
 * its findings, in a public CI log. */
static int
link_inside(const char *path, const char *top)
{
	char *real = realpath(path, NULL);
	size_t n = strlen(top);
	int ok;

	ok = real != NULL && strncmp(real, top, n) == 0 &&
	     (real[n] == '/' || (n > 0 && top[n - 1] == '/'));
	free(real);
	return ok;
}

static int
walk_in(const char *dir, const char *top, list *out)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct stat st;
	char *path;
	size_t n;
	int rc = 0, kind;

	if (d == NULL)
		return fail("%s", dir), -1;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		path = join_path(dir, e->d_name);
		n = strlen(e->d_name);
		/* the entry's type, when the file system gives it, spares an
		 * lstat a file */
		if (e->d_type == DT_DIR || e->d_type == DT_REG)
			st.st_mode = e->d_type == DT_DIR ? S_IFDIR : S_IFREG;
		else if (lstat(path, &st) != 0)
			st.st_mode = 0;
		if (S_ISDIR(st.st_mode)) {
			rc |= walk_in(path, top, out);
			free(path);
		} else if (n > 3 && strcmp(e->d_name + n - 3, ".md") == 0 &&
		           S_ISLNK(st.st_mode) && !link_inside(path, top)) {
			say("%s: not read: a symbolic link to a file outside %s",
			    path, top);
			free(path);
		} else if (n > 3 && strcmp(e->d_name + n - 3, ".md") == 0 &&
		           (kind = has_front_matter(path, S_ISREG(st.st_mode))) !=
		               0) {
			if (kind > 0)
				list_add(out, path);
			else
				fail("warning: %s: not read: not a regular "
				     "file (a FIFO, socket or device)",
				     path);
			if (kind < 0)
				free(path);
		} else {
			free(path);
		}
	}
	closedir(d);
	return rc;
}

/* Collects the sources under dir, depth first; hidden folders (.git)
 * and symbolic links to folders are not followed, symbolic links to files
 * outside dir are not read. */
int
walk(const char *dir, list *out)
{
	char *top = realpath(dir, NULL);
	int rc;

	if (top == NULL)
		return fail("%s", dir), -1;
	rc = walk_in(dir, top, out);
	free(top);
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

/* Temporary files being written, for the signal handler. A slot is
 * free (0), being filled (1) or live (2): its path is complete before it
 * turns live, and the handler reads only live slots, so it needs no lock
 * (which a handler could not take). */
#define TMP_SLOTS 256
static char tmp_paths[TMP_SLOTS][PATH_MAX];
static atomic_int tmp_state[TMP_SLOTS];
static atomic_int tmp_creating, tmp_dying; /* see on_signal */
static const int tmp_signals[] = {SIGINT, SIGTERM, SIGHUP};

/* Removes the live temporary files, then dies of the signal as if there
 * were no handler (SA_RESETHAND restored the default action; the signal is
 * delivered again when the handler returns). */
static void
on_signal(int sig)
{
	int i;

	/* another thread may be between mkstemp and tracking its file:
	 * no new one from now on, and those under way are waited for */
	atomic_store(&tmp_dying, 1);
	while (atomic_load(&tmp_creating) > 0)
		continue;
	for (i = 0; i < TMP_SLOTS; i++)
		if (atomic_load(&tmp_state[i]) == 2)
			unlink(tmp_paths[i]);
	raise(sig);
}

static void
catch_signals(void)
{
	static atomic_int installed;
	struct sigaction sa, old;
	size_t i;

	if (atomic_exchange(&installed, 1))
		return;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESETHAND;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(tmp_signals) / sizeof(*tmp_signals); i++) {
		/* a signal ignored on purpose (nohup) stays ignored */
		if (sigaction(tmp_signals[i], NULL, &old) == 0 &&
		    old.sa_handler != SIG_IGN)
			sigaction(tmp_signals[i], &sa, NULL);
	}
}

static int
tmp_track(const char *path)
{
	int i, free_;

	if (strlen(path) >= PATH_MAX)
		return -1;
	for (i = 0; i < TMP_SLOTS; i++) {
		free_ = 0;
		if (atomic_compare_exchange_strong(&tmp_state[i], &free_, 1)) {
			strcpy(tmp_paths[i], path);
			atomic_store(&tmp_state[i], 2);
			return i;
		}
	}
	return -1;
}

int
tmp_open(char *tmpl, int *slot)
{
	sigset_t set, old;
	size_t i;
	int fd, err;

	catch_signals();
	/* no signal between creating the file and registering it */
	sigemptyset(&set);
	for (i = 0; i < sizeof(tmp_signals) / sizeof(*tmp_signals); i++)
		sigaddset(&set, tmp_signals[i]);
	pthread_sigmask(SIG_BLOCK, &set, &old);
	/* nor in another thread: its handler waits for this one */
	atomic_fetch_add(&tmp_creating, 1);
	if (atomic_load(&tmp_dying)) {
		fd = -1;
		errno = EINTR;
	} else {
		fd = mkstemp(tmpl);
	}
	err = errno;
	*slot = fd >= 0 ? tmp_track(tmpl) : -1;
	atomic_fetch_sub(&tmp_creating, 1);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	errno = err;
	return fd;
}

void
tmp_done(int slot)
{
	if (slot >= 0 && slot < TMP_SLOTS)
		atomic_store(&tmp_state[slot], 0);
}

/* Writes out to an existing file that is not a regular file. */
static int
write_through(const char *path, const pm_buf *out)
{
	FILE *f = fopen(path, "wb");
	int err;

	if (f == NULL)
		return -1;
	if (fwrite(out->data, 1, out->len, f) != out->len || fflush(f) != 0) {
		err = errno;
		fclose(f);
		errno = err;
		return -1;
	}
	return fclose(f) == 0 ? 0 : -1;
}

/* The mode of a new output: what open(2) would give, 0666 less the
 * umask. Read once, before any thread could create a file while the
 * umask is briefly 0. */
static mode_t new_mode;
static pthread_once_t new_mode_once = PTHREAD_ONCE_INIT;

static void
read_umask(void)
{
	mode_t m = umask(0);

	umask(m);
	new_mode = 0666 & ~m;
}

mode_t
output_mode(void)
{
	pthread_once(&new_mode_once, read_umask);
	return new_mode;
}

/* Where writing to path goes: the file a symbolic link points to (as an
 * editor writes through a link rather than replacing it with a file), or
 * path itself. Returns an allocated path. */
static char *
write_target(const char *path)
{
	char link[PATH_MAX], *real;
	const char *slash;
	struct stat st;
	ssize_t n;
	int hops;

	if (lstat(path, &st) != 0 || !S_ISLNK(st.st_mode))
		return pm_xstrdup(path);
	if ((real = realpath(path, NULL)) != NULL)
		return real;
	/* a dangling link: the file it names is created */
	real = pm_xstrdup(path);
	for (hops = 0; hops < 40 && lstat(real, &st) == 0 &&
	               S_ISLNK(st.st_mode); hops++) {
		if ((n = readlink(real, link, sizeof(link) - 1)) < 0)
			break;
		link[n] = '\0';
		slash = strrchr(real, '/');
		if (link[0] != '/' && slash != NULL) {
			real[slash - real + 1] = '\0';
			real = pm_xrealloc(real, strlen(real) + (size_t)n + 1);
			strcat(real, link);
		} else {
			free(real);
			real = pm_xstrdup(link);
		}
	}
	return real;
}

/* A reader never sees half a file, and a failure leaves any earlier
 * output as it was and no temporary file; errno says why it failed. An
 * existing file keeps its mode (pmc fmt on an executable script, a
 * group-writable file), a new one gets the umask's; a symbolic link is
 * written through. */
int
write_atomic(const char *link, const pm_buf *out)
{
	char *path = write_target(link);
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	char *tmp = malloc(dirlen + 16);
	FILE *f = NULL;
	struct stat st;
	mode_t mode;
	int fd, slot, err, rc = -1;

	if (tmp == NULL)
		abort();
	mode = output_mode();
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		/* a device or a pipe (-o /dev/stdout, a FIFO): renaming over
		 * it would replace it with a file; there is nothing to keep
		 * whole, so write to it as it is */
		rc = write_through(path, out);
		goto out;
	}
	if (stat(path, &st) == 0)
		mode = st.st_mode & 07777;
	memcpy(tmp, path, dirlen);
	strcpy(tmp + dirlen, ".pmc-XXXXXX");
	if ((fd = tmp_open(tmp, &slot)) < 0)
		goto out;
	if ((f = fdopen(fd, "wb")) == NULL) {
		close(fd);
		goto fail;
	}
	if (fwrite(out->data, 1, out->len, f) != out->len || fflush(f) != 0 ||
	    fchmod(fileno(f), mode) != 0 || fsync(fileno(f)) != 0)
		goto fail;
	if (fclose(f) != 0) {
		f = NULL;
		goto fail;
	}
	f = NULL;
	if (rename(tmp, path) != 0)
		goto fail;
	rc = 0;
	tmp_done(slot);
	goto out;
fail:
	err = errno;
	if (f != NULL)
		fclose(f);
	unlink(tmp);
	tmp_done(slot);
	errno = err;
out:
	free(tmp);
	free(path);
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
			else if (out->n == first && !c->quiet)
				say("warning: %s holds no postmortem (no *.md "
				    "file that starts with front matter)",
				    c->sources[i]);
			if (out->n > first) /* items is NULL while empty */
				qsort(out->items + first, out->n - first,
				      sizeof(char *), by_name);
		} else if (strcmp(c->sources[i], "-") == 0 ||
		           !is_markdown(c->sources[i]) ||
		           has_front_matter(c->sources[i], 0) != 0) {
			list_add(out, strdup(c->sources[i]));
		}
		/* else a README named by pre-commit's list of changed
		 * files: skipped as directory mode skips it */
	}
	return rc;
}

int
output_is_folder(const char *out)
{
	size_t n = out ? strlen(out) : 0;
	struct stat st;

	if (out == NULL || strcmp(out, "-") == 0 ||
	    !((n > 0 && out[n - 1] == '/') ||
	      (stat(out, &st) == 0 && S_ISDIR(st.st_mode))))
		return 0;
	say("-o %s is a folder; name the file to write (pmc build -o DIR "
	    "writes a folder)",
	    out);
	return 1;
}

int64_t
cli_now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}
