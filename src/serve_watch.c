/* serve_watch.c: what pmc serve rebuilds for, seen through inotify: the
 * sources' folders (a source saved, renamed over by an editor, made or
 * removed; a new subfolder), every folder above them (a new .pmc.yml),
 * the policy of --policy, and the templates. */
#define _XOPEN_SOURCE 700 /* realpath */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "serve.h"

/* What a watched folder is to the build, as bits: one folder may be
 * several. */
enum {
	K_SOURCES = 1,   /* holds sources: any *.md, a new subfolder */
	K_ABOVE = 2,     /* above sources: only a policy file */
	K_TEMPLATES = 4, /* templates: any file not hidden */
	K_POLICY = 8     /* holds the --policy file */
};

#define MASK                                                              \
	(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE |        \
	 IN_DELETE | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR | \
	 IN_EXCL_UNLINK)

struct watched {
	int wd;
	unsigned kinds;
};

struct serve_watch {
	int fd;
	struct watched *v;
	size_t n, cap;
	char *policy_name; /* the --policy file's name in its folder */
	int full;          /* said that the kernel's limit was reached */
};

serve_watch *
watch_new(void)
{
	serve_watch *w;
	int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);

	if (fd < 0) {
		say("cannot watch the sources (inotify): %s", strerror(errno));
		return NULL;
	}
	w = pm_xcalloc(1, sizeof(*w));
	w->fd = fd;
	return w;
}

int
watch_fd(const serve_watch *w)
{
	return w->fd;
}

static struct watched *
find(serve_watch *w, int wd)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		if (w->v[i].wd == wd)
			return &w->v[i];
	return NULL;
}

/* Watches the folder dir as kinds too; the kernel gives a folder watched
 * already the same descriptor. */
static void
watch_dir(serve_watch *w, const char *dir, unsigned kinds)
{
	int wd = inotify_add_watch(w->fd, dir, MASK);
	struct watched *x;

	if (wd < 0) {
		if ((errno == ENOSPC || errno == ENOMEM) && !w->full++)
			say("%s: not watched: %s (see "
			    "/proc/sys/fs/inotify/max_user_watches)",
			    dir, strerror(errno));
		return;
	}
	if ((x = find(w, wd)) == NULL) {
		if (w->n == w->cap)
			w->v = pm_xrealloc(w->v, (w->cap = w->cap * 2 + 16) *
			                             sizeof(*w->v));
		x = &w->v[w->n++];
		x->wd = wd;
		x->kinds = 0;
	}
	x->kinds |= kinds;
}

/* dir and its subfolders, as pmc build's walk finds sources: hidden
 * folders and links to folders left out. */
static void
watch_tree(serve_watch *w, const char *dir, unsigned kinds, int depth)
{
	DIR *d;
	struct dirent *e;
	struct stat st;
	char *path;

	watch_dir(w, dir, kinds);
	if (depth > 64 || (d = opendir(dir)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		path = join_path(dir, e->d_name);
		if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
			watch_tree(w, path, kinds, depth + 1);
		free(path);
	}
	closedir(d);
}

/* The folder of path ("." for a bare name), owned. */
static char *
folder(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return pm_xstrdup(".");
	return slash == path ? pm_xstrdup("/")
	                     : pm_xstrndup(path, (size_t)(slash - path));
}

/* dir, and every folder above it up to the root, where pm_policy_find
 * looks for a policy. */
static void
watch_up(serve_watch *w, const char *dir, unsigned kinds)
{
	char *real = realpath(dir, NULL), *cut;

	if (real == NULL)
		return;
	watch_dir(w, real, kinds);
	while ((cut = strrchr(real, '/')) != NULL && strcmp(real, "/") != 0) {
		cut[cut == real] = '\0';
		watch_dir(w, real, K_ABOVE);
	}
	free(real);
}

void
watch_update(serve_watch *w, const cli *c, const list *sources)
{
	const char *tdir = c->ropts.datadir ? c->ropts.datadir
	                                    : pm_template_dir();
	struct stat st;
	char *dir;
	size_t i;

	for (i = 0; i < c->nsources; i++)
		if (stat(c->sources[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			watch_tree(w, c->sources[i], K_SOURCES, 0);
			watch_up(w, c->sources[i], K_SOURCES);
		} else {
			/* a file, or a folder removed: what holds it
			 * sees it come (back) */
			dir = folder(c->sources[i]);
			watch_up(w, dir, K_SOURCES);
			free(dir);
		}
	for (i = 0; i < sources->n; i++) {
		dir = folder(sources->items[i]);
		watch_up(w, dir, K_SOURCES);
		free(dir);
	}
	watch_tree(w, tdir, K_TEMPLATES, 0);
	if (c->ropts.template != NULL) {
		dir = folder(c->ropts.template);
		watch_dir(w, dir, K_TEMPLATES);
		free(dir);
	}
	if (c->opts.policy != NULL) {
		free(w->policy_name);
		w->policy_name = pm_xstrdup(strrchr(c->opts.policy, '/')
		                                ? strrchr(c->opts.policy, '/') + 1
		                                : c->opts.policy);
		dir = folder(c->opts.policy);
		watch_dir(w, dir, K_POLICY);
		free(dir);
	}
}

static int
ends_with(const char *s, const char *end)
{
	size_t n = strlen(s), m = strlen(end);

	return n >= m && strcmp(s + n - m, end) == 0;
}

/* Whether the event can change what the build makes. A file's creation
 * waits for its IN_CLOSE_WRITE (it is empty yet); an editor's swap and
 * backup files (hidden, or ending in '~') change nothing. */
static int
matters(serve_watch *w, const struct inotify_event *e, int *templates)
{
	struct watched *x = find(w, e->wd);
	const char *name = e->len > 0 ? e->name : "";

	if (e->mask & IN_Q_OVERFLOW)
		return *templates = 1;
	if (e->mask & IN_IGNORED) {
		if (x != NULL)
			*x = w->v[--w->n];
		return 1;
	}
	if (x == NULL)
		return 0;
	if (e->mask & (IN_DELETE_SELF | IN_MOVE_SELF))
		return 1;
	if ((e->mask & IN_CREATE) && !(e->mask & IN_ISDIR))
		return 0;
	if (strcmp(name, PM_POLICY_FILE) == 0 ||
	    (x->kinds & K_POLICY && w->policy_name &&
	     strcmp(name, w->policy_name) == 0))
		return 1;
	if (name[0] == '.' || ends_with(name, "~"))
		return 0;
	if (x->kinds & K_TEMPLATES)
		return *templates = 1;
	return (x->kinds & K_SOURCES) &&
	       (ends_with(name, ".md") || (e->mask & IN_ISDIR));
}

int
watch_read(serve_watch *w, int *templates)
{
	_Alignas(struct inotify_event) char buf[8192];
	const struct inotify_event *e;
	ssize_t n;
	int changed = 0;
	char *p;

	while ((n = read(w->fd, buf, sizeof(buf))) > 0)
		for (p = buf; p < buf + n;
		     p += sizeof(struct inotify_event) + e->len) {
			e = (const struct inotify_event *)p;
			changed |= matters(w, e, templates);
		}
	return changed;
}

void
watch_free(serve_watch *w)
{
	if (w == NULL)
		return;
	close(w->fd);
	free(w->v);
	free(w->policy_name);
	free(w);
}
