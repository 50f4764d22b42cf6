/* cmd_build.c: pmc build, a tree of postmortems compiled in parallel into
 * one output folder, rebuilding only what changed, with a site index. */
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "alloc.h"
#include "build.h"
#include "build_pool.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>

#define MAX_FORMATS 5

enum state {
	S_BUILT, S_FRESH, S_INVALID, S_UNREADABLE, S_UNWRITABLE, S_IN_WAY
};

/* One source: what its worker found, until the main thread delivers it. */
struct job {
	const char *path;
	char *bytes; /* kept for a late finding's excerpt */
	size_t len;
	findings f;
	enum state state;
	int err;
	uint64_t key;                /* of everything common to its outputs */
	uint64_t src_hash, src_stat; /* site_rec's */
	uint64_t stat_now;           /* its file's build_stat_key at the start */
	uint64_t policy_key;
	char *id;
	char *tmp[MAX_FORMATS];      /* rendered, not yet renamed */
	int slot[MAX_FORMATS];       /* tmp_open's */
	size_t size[MAX_FORMATS];
	uint64_t hash[MAX_FORMATS];  /* of what tmp holds */
	char *in_way;                /* an output's path, not pmc's to replace */
	const char *why;
	struct zones *zones;         /* the zone files its times were read in */
	site_rec rec;                /* what the manifest will say of it */
	const site_rec *old;         /* its entry in the last manifest */
	const site_rec *entry;       /* its entry in the new one, or NULL */
	int stale;                   /* entry is old's, to compile again */
};

/* A file's identity: a whole struct stat per source was most of what a
 * build of many sources held beside its records. */
struct inode {
	dev_t dev;
	ino_t ino;
};

/* A file read once for the whole build: a policy or a zone file. */
struct file_hash {
	char *path;
	uint64_t hash;
};

struct build {
	cli *c;
	list files;
	struct job *jobs;
	const char *dir;
	const char *fmt[MAX_FORMATS];
	pm_render_fn render[MAX_FORMATS];
	uint64_t fmt_key[MAX_FORMATS]; /* what else each format depends on */
	size_t nfmt;
	uint64_t opts_key;
	uint64_t self_key;             /* pmc's version and code */
	uint64_t tree;                 /* the templates folder's files */
	char today[32];
	int32_t today_day;
	manifest old;
	struct file_hash *hashes;      /* read-only while workers run */
	size_t nhashes;
	uint64_t *stats;               /* build_stat_key by file */
	char **ids;                    /* claimed ids, open addressing */
	const char **id_owner;
	size_t idcap, nids;
	int index;                     /* an index.html will be written */
	int html;                      /* html's place in fmt, or -1 */
	struct inode *srcs;            /* the sources' files, sorted */
	size_t nsrcs;
	size_t built, fresh;
	int dirfd;                     /* the output folder, locked */
	site_index_file ix;            /* the index the record will list */
	uint64_t ix_stat;              /* its file's, for the stat cache */
	journal jn;
	size_t *batch;                 /* built jobs whose outputs wait */
	size_t nbatch, batch_temps;
	int rc;
};

/* Outputs wait in their temporary files until this many are ready, and
 * are then journalled and renamed together: one flush for many files.
 * Kept under the signal handler's 256 slots with the workers' window. */
#define BATCH_TEMPS 96

/* The hash of a whole file's bytes; a missing file hashes as such. */
static uint64_t
hash_file(uint64_t h, const char *path)
{
	FILE *f = fopen(path, "rb");
	char *bytes;
	size_t len;

	if (f == NULL || (bytes = pm_read_all(f, &len)) == NULL) {
		if (f)
			fclose(f);
		return pm_fnv_str(h, "(unreadable)");
	}
	fclose(f);
	h = pm_fnv(h, bytes, len);
	free(bytes);
	return h;
}

static int
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Every file under dir, by name, with its name: the templates and labels
 * that the html, md and pdf outputs depend on. */
static uint64_t
hash_tree(uint64_t h, const char *dir)
{
	struct dirent **names;
	int n, i;

	if ((n = scandir(dir, &names, NULL, alphasort)) < 0)
		return pm_fnv_str(h, "(no templates)");
	for (i = 0; i < n; i++) {
		char *path = join_path(dir, names[i]->d_name);
		if (names[i]->d_name[0] != '.') {
			h = pm_fnv_str(h, names[i]->d_name);
			h = is_dir(path) ? hash_tree(h, path) : hash_file(h, path);
		}
		free(path);
		free(names[i]);
	}
	free(names);
	return h;
}

/* The hash of a file's bytes: the few policies and zone files that
 * thousands of sources share are read once, before the workers start
 * (remember_hash), and then looked up without a lock. */
static uint64_t
shared_hash(const struct build *b, const char *path)
{
	size_t i;

	for (i = b->nhashes; i-- > 0;)
		if (strcmp(b->hashes[i].path, path) == 0)
			return b->hashes[i].hash;
	return hash_file(PM_FNV_INIT, path);
}

static uint64_t
remember_hash(struct build *b, const char *path)
{
	size_t i;

	for (i = b->nhashes; i-- > 0;)
		if (strcmp(b->hashes[i].path, path) == 0)
			return b->hashes[i].hash;
	b->hashes = pm_xrealloc(b->hashes, (b->nhashes + 1) * sizeof(*b->hashes));
	b->hashes[b->nhashes].path = pm_xstrdup(path);
	return b->hashes[b->nhashes++].hash = hash_file(PM_FNV_INIT, path);
}

static uint64_t
policy_key(struct build *b, const char *path)
{
	uint64_t h;

	if (path == NULL)
		return pm_fnv_str(PM_FNV_INIT, "(default policy)");
	h = remember_hash(b, path);
	return pm_fnv(pm_fnv_str(PM_FNV_INIT, path), &h, sizeof(h));
}

/* The length of path's folder, with its last '/': sources of one folder
 * have one policy (pm_policy_find looks from the folder up). */
static size_t
folder_len(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? (size_t)(slash - path) + 1 : 0;
}

/* Before the workers start: each source's policy, looked up once a
 * folder (the sources come folder by folder), and the zone files the
 * last build's records name. */
static void
prepare(struct build *b)
{
	const char *prev = NULL, *path;
	const site_rec *r;
	uint64_t key = 0;
	size_t i, k, n;
	char *policy;

	for (i = 0; i < b->files.n; i++) {
		path = b->jobs[i].path;
		n = folder_len(path);
		if (b->c->opts.policy != NULL && prev == NULL) {
			key = policy_key(b, b->c->opts.policy);
		} else if (b->c->opts.policy == NULL &&
		           (prev == NULL || n != folder_len(prev) ||
		            strncmp(path, prev, n) != 0)) {
			policy = pm_policy_find(path);
			key = policy_key(b, policy);
			free(policy);
		}
		b->jobs[i].policy_key = key;
		b->jobs[i].stat_now = b->stats[i];
		prev = path;
	}
	for (i = 0; i < b->old.n; i++)
		for (r = &b->old.recs[i], k = 0; k < r->nzone; k++)
			if (rec_get(r, r->zone[k].file) != NULL)
				(void)remember_hash(b, rec_get(r, r->zone[k].file));
}

static uint64_t
output_key(const struct build *b, uint64_t source_key, size_t k)
{
	return pm_fnv_str(pm_fnv(source_key, &b->fmt_key[k],
	                         sizeof(b->fmt_key[k])),
	                  b->fmt[k]);
}

static char *
output_name(const char *id, const char *fmt)
{
	size_t n = strlen(id);
	char *name = pm_xmalloc(n + strlen(fmt) + 2);

	memcpy(name, id, n);
	name[n] = '.';
	strcpy(name + n + 1, fmt);
	return name;
}

/* dirfd: the output folder's, a shorter look-up than its path's. */
static int
has_size(int dirfd, const char *file, const char *size)
{
	struct stat st;

	return fstatat(dirfd, file, &st, 0) == 0 && S_ISREG(st.st_mode) &&
	       size && (uintmax_t)st.st_size == strtoumax(size, NULL, 10);
}

static int32_t
day_of(const site_rec *r, rec_str at, int32_t none)
{
	const char *s = rec_get(r, at);
	pm_time t;

	if (s == NULL || pm_day_read(s, &t) != 0)
		return none;
	return (int32_t)(t / 86400);
}

/* The zone files a source's times were read in, each once. */
struct zones {
	char **path;
	size_t n;
};

static void
add_zone(const char *path, void *arg)
{
	struct zones *z = arg;
	size_t i;

	for (i = 0; i < z->n; i++)
		if (strcmp(z->path[i], path) == 0)
			return;
	z->path = pm_xrealloc(z->path, (z->n + 1) * sizeof(*z->path));
	z->path[z->n++] = pm_xstrdup(path);
}

static void
free_zones(struct zones *z)
{
	size_t i;

	for (i = 0; z != NULL && i < z->n; i++)
		free(z->path[i]);
	if (z != NULL)
		free(z->path);
	free(z);
}

/* Are the zone files the last build read this source's times in still
 * what they were? */
static int
same_zones(const struct build *b, const site_rec *r)
{
	const char *path;
	size_t i;

	for (i = 0; i < r->nzone; i++)
		if ((path = rec_get(r, r->zone[i].file)) == NULL ||
		    shared_hash(b, path) != r->zone[i].hash)
			return 0;
	return 1;
}

/* Does dir/file hold what the record says was written there? Asked only
 * after a killed run, whose journal says some outputs may be newer than
 * the record: the size alone would not tell. */
static int
holds(const char *dir, const site_rec *r, const site_output *o)
{
	char *path = join_path(dir, rec_get(r, o->file));
	uint64_t hash;
	uintmax_t size;
	int ok = o->has_hash && pm_hash_path(path, &hash, &size) == 0 &&
	         hash == o->hash;

	free(path);
	return ok;
}

/* Is the last build's output of this source still what a build now would
 * write: same inputs, today within its range, every output in place? */
static int
fresh(const struct build *b, const struct job *j)
{
	const site_rec *r = j->old;
	const site_output *o = NULL;
	const char *fmt;
	size_t k, i;

	if (r == NULL || r->key != j->key || r->stale ||
	    day_of(r, r->from, INT32_MIN) > b->today_day ||
	    day_of(r, r->to, INT32_MAX) < b->today_day || !same_zones(b, r))
		return 0;
	for (k = 0; k < b->nfmt; k++) {
		for (i = 0, o = NULL; i < r->nout && o == NULL; i++) {
			fmt = rec_get(r, r->out[i].format);
			if (strcmp(fmt ? fmt : "", b->fmt[k]) == 0)
				o = &r->out[i];
		}
		if (o == NULL || o->key != output_key(b, j->key, k) ||
		    o->file == 0 ||
		    !has_size(b->dirfd, rec_get(r, o->file), rec_get(r, o->size)) ||
		    (b->old.dirty && !holds(b->dir, r, o)))
			return 0;
	}
	return 1;
}

/* Writes out to a new temporary file in dir; its name is returned, and
 * *slot is the signal handler's (cli.h). Not fsync'ed one by one: a
 * build of thousands of files spent more time in fsync than in
 * compiling; a batch's files reach the disk together (build_sync)
 * before any is renamed. */
static char *
write_temp(const char *dir, const pm_buf *out, int *slot)
{
	char *tmp = join_path(dir, PM_TMP_NAME);
	int fd = tmp_open(tmp, slot);
	size_t done = 0;
	ssize_t n;
	int err;

	if (fd < 0)
		goto fail;
	while (done < out->len &&
	       (n = write(fd, out->data + done, out->len - done)) > 0)
		done += (size_t)n;
	if (done < out->len || fchmod(fd, output_mode()) != 0) {
		err = errno;
		close(fd);
		unlink(tmp);
		tmp_done(*slot);
		errno = err;
		goto fail;
	}
	if (close(fd) == 0)
		return tmp;
	unlink(tmp);
	tmp_done(*slot);
fail:
	free(tmp);
	*slot = -1;
	return NULL;
}

static void
drop_temps(struct job *j)
{
	size_t k;

	for (k = 0; k < MAX_FORMATS; k++) {
		if (j->tmp[k] != NULL) {
			unlink(j->tmp[k]);
			tmp_done(j->slot[k]);
		}
		free(j->tmp[k]);
		j->tmp[k] = NULL;
	}
}

/* Why an id cannot be a file name in the output folder, or NULL. */
static const char *
bad_id(const char *id)
{
	if (id[0] == '\0')
		return "it is empty";
	if (id[0] == '.')
		return "it starts with '.'";
	if (strchr(id, '/') != NULL)
		return "it contains '/'";
	if (strlen(id) > 200)
		return "it is longer than 200 bytes";
	/* the public version's: names no one, and no two sources alike */
	if (strstr(id, PM_REDACTED) != NULL)
		return "it holds an e-mail address or a phone number, which "
		       "the public version leaves out";
	for (; *id != '\0'; id++)
		if ((unsigned char)*id < 0x20 || *id == 0x7f)
			return "it contains a control character";
	return NULL;
}

/* Renders every format into a temporary file; -1 when one fails. */
static int
render_all(struct build *b, struct job *j, const pm_doc *doc)
{
	pm_render_opts ropts = b->c->ropts;
	pm_buf out = {0};
	size_t k;

	ropts.diag = findings_collect;
	ropts.diag_arg = &j->f;
	for (k = 0; k < b->nfmt; k++) {
		out.len = 0;
		if (b->render[k](doc, &ropts, &out) < 0) {
			j->state = S_INVALID;
			break;
		}
		if ((j->tmp[k] = write_temp(b->dir, &out, &j->slot[k])) ==
		    NULL) {
			j->state = S_UNWRITABLE;
			j->err = errno;
			break;
		}
		j->size[k] = out.len;
		j->hash[k] = pm_hash_bytes(out.data, out.len);
	}
	pm_buf_free(&out);
	if (k == b->nfmt)
		return 0;
	drop_temps(j);
	return -1;
}

static void late_finding(struct job *, const char *, const char *,
                         const char *);
static void blocked(const struct build *, struct job *);

/* The new manifest's entry for j, with its outputs and its summary:
 * built here, on the worker, so that the document's tree can go now. */
static void
make_rec(const struct build *b, struct job *j, const pm_doc *doc)
{
	pm_buf mem = {0};
	pm_site_entry *e = pm_site_entry_new(doc);
	site_output *o;
	site_zone *z;
	rec_str *a;
	char from[16], to[16];
	char *file, size[32];
	size_t k, i;

	rec_new(&j->rec, &mem);
	j->rec.path = rec_put(&mem, j->path);
	j->rec.key = j->key;
	j->rec.src_hash = j->src_hash;
	j->rec.id = rec_put(&mem, j->id);
	for (k = 0; k < b->nfmt; k++) {
		o = rec_output(&j->rec);
		file = output_name(j->id, b->fmt[k]);
		snprintf(size, sizeof(size), "%zu", j->size[k]);
		o->format = rec_put(&mem, b->fmt[k]);
		o->file = rec_put(&mem, file);
		o->key = output_key(b, j->key, k);
		o->size = rec_put(&mem, size);
		o->hash = j->hash[k];
		o->has_hash = 1;
		free(file);
	}
	for (k = 0; j->zones != NULL && k < j->zones->n; k++)
		if ((z = rec_zone(&j->rec)) != NULL) {
			z->file = rec_put(&mem, j->zones->path[k]);
			z->hash = shared_hash(b, j->zones->path[k]);
		}
	/* the summary, for the index: a built document has a tree */
	j->rec.incident = 1;
	for (k = 0; k < INC_NFIELDS; k++)
		j->rec.inc[k] = rec_put(&mem, e->fields[k]);
	for (i = 0; i < e->nactions && (a = rec_action(&j->rec)) != NULL; i++)
		for (k = 0; k < ACT_NFIELDS; k++) /* 65,535: the rest uncounted */
			a[k] = rec_put(&mem, e->actions[i * ACT_NFIELDS + k]);
	pm_site_entry_free(e);
	pm_doc_window(doc, from, to);
	if (from[0] != '\0')
		j->rec.from = rec_put(&mem, from);
	if (to[0] != '\0')
		j->rec.to = rec_put(&mem, to);
	rec_done(&j->rec, &mem);
}

static void
compile(struct build *b, struct job *j)
{
	pm_options opts = b->c->opts;
	pm_doc *doc;
	const char *why, *id;

	opts.diag = findings_collect;
	opts.diag_arg = &j->f;
	opts.today = b->today;
	j->zones = pm_xcalloc(1, sizeof(*j->zones));
	pm_tz_trace(add_zone, j->zones);
	doc = pm_doc_parse(j->path, j->bytes, j->len, &opts);
	j->state = S_INVALID;
	/* also of a source with errors: pmc serve shows them at its page */
	id = pm_doc_id(doc);
	j->id = id ? pm_xstrdup(id) : NULL;
	if (id == NULL || pm_doc_errors(doc) > 0 ||
	    (b->c->strict && pm_doc_warnings(doc) > 0))
		goto out;
	if ((why = bad_id(j->id)) != NULL) {
		late_finding(j, "id-file-name", j->id, why);
		goto out;
	}
	j->state = S_BUILT;
	if (render_all(b, j, doc) < 0)
		goto out;
	make_rec(b, j, doc);
	blocked(b, j);
out:
	pm_tz_trace(NULL, NULL);
	free_zones(j->zones);
	j->zones = NULL;
	pm_doc_free(doc);
}

/* Reads j's bytes, and what stat said of its file before they were
 * read: a change made while they are read then differs from it. */
static int
read_source(struct job *j)
{
	FILE *f = strcmp(j->path, "-") == 0 ? stdin : fopen(j->path, "rb");
	struct stat st;

	j->src_stat = 0;
	if (f != NULL && f != stdin && fstat(fileno(f), &st) == 0 &&
	    S_ISREG(st.st_mode))
		j->src_stat = build_stat_key(&st);
	if (f == NULL || (j->bytes = pm_read_all(f, &j->len)) == NULL) {
		j->err = errno;
		if (f != NULL && f != stdin)
			fclose(f);
		return -1;
	}
	if (f != stdin)
		fclose(f);
	j->src_hash = pm_hash_bytes(j->bytes, j->len);
	return 0;
}

/* Is j's file what it was when the last build read it, by stat alone? */
static int
same_stat(const struct job *j)
{
	return j->old != NULL && j->old->src_stat != 0 &&
	       j->stat_now == j->old->src_stat;
}

static uint64_t
source_key(const struct build *b, const struct job *j)
{
	uint64_t h = pm_fnv_str(b->opts_key, j->path);

	return pm_fnv(h, &j->src_hash, sizeof(j->src_hash)) ^ j->policy_key;
}

/* The worker's part: decide whether anything changed (by the source's
 * stat first, as make does, and by its bytes when that differs),
 * compile and render into temporary files. The findings wait in j->f. */
static void
work(void *arg, size_t i)
{
	struct build *b = arg;
	struct job *j = &b->jobs[i];

	j->old = manifest_find(&b->old, j->path);
	if (same_stat(j)) {
		j->src_hash = j->old->src_hash;
		j->src_stat = j->old->src_stat;
		j->key = source_key(b, j);
		if (fresh(b, j)) {
			j->state = S_FRESH;
			return;
		}
	}
	if (read_source(j) < 0) {
		j->state = S_UNREADABLE;
		return;
	}
	j->key = source_key(b, j);
	if (fresh(b, j))
		j->state = S_FRESH;
	else
		compile(b, j);
}

/* A finding made after the source's own were collected, put in its place
 * by line so that the source's findings stay in source order. */
static void
late_finding(struct job *j, const char *rule, const char *a, const char *b2)
{
	findings late = {0};
	finding x;
	size_t i;

	/* a source found up to date by its stat was not read */
	if (j->bytes == NULL && read_source(j) < 0)
		j->len = 0;
	(void)pm_site_report(j->path, j->bytes, j->len, rule, a, b2,
	                     findings_collect, &late);
	if (late.n == 0)
		return;
	findings_collect(&late.v[0].d, &j->f); /* grows j->f by one */
	x = j->f.v[j->f.n - 1];
	for (i = j->f.n - 1; i > 0 && j->f.v[i - 1].d.line > x.d.line; i--)
		j->f.v[i] = j->f.v[i - 1];
	j->f.v[i] = x;
	findings_free(&late);
}

/* Claims id for path; returns the path that holds it already, or NULL. */
static const char *
claim_id(struct build *b, const char *id, const char *path)
{
	size_t i, k;

	if (b->nids * 2 >= b->idcap) {
		char **ids = b->ids;
		const char **owner = b->id_owner;
		size_t cap = b->idcap;
		b->idcap = cap ? cap * 2 : 64;
		b->ids = pm_xcalloc(b->idcap, sizeof(*b->ids));
		b->id_owner = pm_xcalloc(b->idcap, sizeof(*b->id_owner));
		b->nids = 0;
		for (k = 0; k < cap; k++)
			if (ids[k] != NULL)
				claim_id(b, ids[k], owner[k]), free(ids[k]);
		free(ids);
		free(owner);
	}
	i = pm_fnv_str(PM_FNV_INIT, id) & (b->idcap - 1);
	for (; b->ids[i] != NULL; i = (i + 1) & (b->idcap - 1))
		if (strcmp(b->ids[i], id) == 0)
			return b->id_owner[i];
	b->ids[i] = pm_xstrdup(id);
	b->id_owner[i] = path;
	b->nids++;
	return NULL;
}

static int
by_inode(const void *a, const void *b)
{
	const struct inode *x = a, *y = b;

	if (x->dev != y->dev)
		return x->dev < y->dev ? -1 : 1;
	return x->ino < y->ino ? -1 : x->ino > y->ino;
}

/* Would writing path replace one of the sources (cli.md: a usage
 * error)? */
static int
is_source(const struct build *b, const char *path)
{
	struct stat st;
	struct inode key;

	if (stat(path, &st) != 0)
		return 0;
	key.dev = st.st_dev;
	key.ino = st.st_ino;
	return bsearch(&key, b->srcs, b->nsrcs, sizeof(key), by_inode) != NULL;
}

/* Is anything in the way of j's outputs: a file this build did not
 * write, or one of its sources (cli.md)? Asked on the worker, read-only:
 * the folder is locked against other builds. */
static void
blocked(const struct build *b, struct job *j)
{
	size_t k;
	char *file, *path;

	for (k = 0; k < b->nfmt && j->in_way == NULL; k++) {
		file = output_name(j->id, b->fmt[k]);
		path = join_path(b->dir, file);
		if (is_source(b, path))
			j->why = "it is one of the sources";
		else if (!manifest_owns(&b->old, b->dir, file))
			j->why = "pmc build did not write it, or it changed "
			         "since (remove it to let pmc write it)";
		if (j->why != NULL) {
			j->in_way = path;
			j->state = S_IN_WAY;
			path = NULL;
		}
		free(path);
		free(file);
	}
}

/* Renames j's temporary files to their names; -1 when one fails. */
static int
install(struct build *b, struct job *j)
{
	size_t k;
	int rc = 0;

	for (k = 0; k < b->nfmt; k++) {
		char *file = output_name(j->id, b->fmt[k]);
		char *path = join_path(b->dir, file);
		if (rc == 0 && rename(j->tmp[k], path) != 0) {
			say("%s: %s", path, strerror(errno));
			rc = -1;
		}
		free(path);
		free(file);
	}
	drop_temps(j);
	return rc;
}

/* A source that failed keeps its earlier outputs (cli.md) and its entry,
 * marked stale so that the next run compiles it again. */
static void
keep_stale(struct job *j)
{
	j->entry = j->old;
	j->stale = 1;
}

static void
check_id(struct build *b, struct job *j)
{
	const char *owner;

	if (b->index && b->html >= 0 && strcmp(j->id, "index") == 0) {
		late_finding(j, "id-file-name", j->id,
		             "index.html is the site index");
		j->state = S_INVALID;
	} else if ((owner = claim_id(b, j->id, j->path)) != NULL) {
		late_finding(j, "duplicate-id", j->id, owner);
		j->state = S_INVALID;
	}
}

/* Moves the batch's outputs into place: their temporary files to the
 * disk, then the journal's lines for them, and only then the renames,
 * so that a run killed at any point leaves no file the next run cannot
 * tell for pmc's (docs/build.md). */
static void
commit(struct build *b)
{
	pm_buf lines = {0};
	struct job *j;
	size_t i, k;
	char *file;
	int rc = 0;

	for (i = 0; i < b->nbatch; i++)
		for (j = &b->jobs[b->batch[i]], k = 0; k < b->nfmt; k++) {
			file = output_name(j->id, b->fmt[k]);
			journal_add(&lines, file, j->hash[k]);
			free(file);
		}
	if (b->nbatch > 0 && (build_sync(b->dirfd) != 0 ||
	                      journal_write(&b->jn, b->dir, &lines) != 0)) {
		say("%s/%s: %s", b->dir, PM_JOURNAL,
		    strerror(errno));
		rc = -1;
	}
	for (i = 0; i < b->nbatch; i++) {
		j = &b->jobs[b->batch[i]];
		if (rc == 0 && install(b, j) == 0) {
			j->entry = &j->rec;
			b->built++;
			continue;
		}
		b->rc = worse(b->rc, EXIT_USAGE);
		if (rc == 0) {
			/* some may be in place: the record lists them */
			j->entry = &j->rec;
			j->stale = 1;
		} else {
			drop_temps(j);
			keep_stale(j);
			rec_free(&j->rec);
		}
	}
	b->nbatch = b->batch_temps = 0;
	pm_buf_free(&lines);
}

/* The main thread's part, in source order: check the id, queue the
 * outputs to be moved into place, print the findings. */
static void
done(void *arg, size_t i)
{
	struct build *b = arg;
	struct job *j = &b->jobs[i];

	if (j->state == S_FRESH)
		j->id = pm_xstrdup(j->old->id ? rec_get(j->old, j->old->id) : "");
	if (j->state == S_FRESH || j->state == S_BUILT ||
	    j->state == S_IN_WAY)
		check_id(b, j);
	if (j->f.n > 0 || j->state == S_UNREADABLE ||
	    j->state == S_UNWRITABLE || j->state == S_IN_WAY)
		progress_end(b->c);
	findings_replay(&j->f, b->c);
	switch (j->state) {
	case S_FRESH:
		j->entry = j->old;
		b->fresh++;
		break;
	case S_BUILT:
		b->batch[b->nbatch++] = i;
		b->batch_temps += b->nfmt;
		break;
	case S_IN_WAY:
		say("%s: not replaced by the output of %s: %s", j->in_way,
		    j->path, j->why);
		b->rc = worse(b->rc, EXIT_USAGE);
		keep_stale(j);
		break;
	case S_UNREADABLE:
	case S_UNWRITABLE:
		say("%s: %s",
		    j->state == S_UNREADABLE ? j->path : b->dir,
		    strerror(j->err));
		b->rc = worse(b->rc, EXIT_USAGE);
		keep_stale(j);
		break;
	default:
		b->rc = worse(b->rc, EXIT_INVALID);
		keep_stale(j);
		break;
	}
	if (b->c->on_built != NULL)
		b->c->on_built(b->c->on_built_arg, j->path,
		               j->id ? j->id
		               : j->old && j->old->id ? rec_get(j->old, j->old->id)
		                                      : NULL,
		               j->state == S_FRESH || j->state == S_BUILT);
	free(j->bytes);
	j->bytes = NULL;
	if (j->state != S_BUILT) {
		drop_temps(j);
		if (j->entry != &j->rec)
			rec_free(&j->rec);
	}
	if (b->batch_temps >= BATCH_TEMPS)
		commit(b);
	progress(b->c, "building", i + 1, b->files.n);
}

/* The formats of -t (default html), each once, in the order given. */
static int
set_formats(struct build *b, const char *list)
{
	const char *p = list ? list : "html", *known;
	char name[16];
	size_t n, k;

	b->html = -1;
	while (*p != '\0') {
		n = strcspn(p, ",");
		if (n == 0 || n >= sizeof(name))
			return fail("bad format list '%s' (e.g. -t html,pdf)", list);
		memcpy(name, p, n);
		name[n] = '\0';
		p += n + (p[n] == ',');
		if ((known = cli_format_name(name, n)) == NULL)
			return fail("unknown output format '%s' (html, pdf, md, "
			            "json or xml)", name);
		for (k = 0; k < b->nfmt && strcmp(b->fmt[k], known) != 0; k++)
			continue;
		if (k < b->nfmt)
			continue;
		b->render[k] = pm_render_lookup(known);
		b->fmt[b->nfmt++] = known;
		if (strcmp(known, "html") == 0)
			b->html = (int)k;
	}
	return b->nfmt > 0 ? 0 : fail("%s", "no output format given to -t");
}

/* The one date the whole build judges overdue follow-ups by (the
 * command line has refused a --today that is no date). */
static void
set_today(struct build *b)
{

	pm_time t = pm_day_today(b->c->opts.today);
	struct tm tm;
	time_t tt = (time_t)t;

	b->today_day = (int32_t)(t / 86400);
	gmtime_r(&tt, &tm);
	snprintf(b->today, sizeof(b->today), "%04d-%02d-%02d",
	         (tm.tm_year + 1900) % 10000, tm.tm_mon + 1, tm.tm_mday);
}

/* A font file's or folder's identity: a font changed in place keeps its
 * path but not its size and time; its bytes are too many to read. */
static void
hash_font(const char *path, void *arg)
{
	uint64_t *h = arg;
	struct stat st;
	long long v[3] = {-1, -1, -1};

	if (stat(path, &st) == 0) {
		v[0] = (long long)st.st_size;
		v[1] = (long long)st.st_mtim.tv_sec;
		v[2] = (long long)st.st_mtim.tv_nsec;
	}
	*h = pm_fnv(pm_fnv_str(*h, path), v, sizeof(v));
}

#define XSL_NS "http://www.w3.org/1999/XSL/Transform"

/* A stylesheet's bytes and those of every stylesheet it includes or
 * imports, by the path each is found at (libxslt resolves href against
 * the including file, as xmlBuildURI does). The reads a template makes
 * while it runs (document()) are not known before it runs: those stay
 * the user's to rebuild for. */
static uint64_t
hash_template(uint64_t h, const char *path, int depth)
{
	FILE *f;
	char *bytes = NULL;
	size_t len = 0;
	xmlDocPtr doc = NULL;
	xmlNodePtr n;
	xmlChar *href, *uri;
	char *file;

	h = pm_fnv_str(h, path);
	if (depth > 16 || (f = fopen(path, "rb")) == NULL)
		return pm_fnv_str(h, "(unreadable)");
	bytes = pm_read_all(f, &len);
	fclose(f);
	if (bytes == NULL)
		return pm_fnv_str(h, "(unreadable)");
	h = pm_fnv(h, bytes, len);
	if (len < INT32_MAX)
		doc = xmlReadMemory(bytes, (int)len, path, NULL,
		                    XML_PARSE_NONET | XML_PARSE_NOERROR |
		                        XML_PARSE_NOWARNING);
	free(bytes);
	n = doc ? xmlDocGetRootElement(doc) : NULL;
	for (n = n ? n->children : NULL; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE || n->ns == NULL ||
		    strcmp((const char *)n->ns->href, XSL_NS) != 0 ||
		    (strcmp((const char *)n->name, "include") != 0 &&
		     strcmp((const char *)n->name, "import") != 0))
			continue;
		href = xmlGetProp(n, (const xmlChar *)"href");
		uri = href ? xmlBuildURI(href, (const xmlChar *)path) : NULL;
		/* a path with a space comes back %-escaped, as libxslt
		 * then loads it */
		file = uri && access((const char *)uri, F_OK) != 0
		           ? xmlURIUnescapeString((const char *)uri, 0, NULL)
		           : NULL;
		if (uri != NULL)
			h = hash_template(h, file ? file : (const char *)uri,
			                  depth + 1);
		xmlFree(file);
		xmlFree(uri);
		xmlFree(href);
	}
	xmlFreeDoc(doc);
	return h;
}

/* What every output depends on besides its source, policy and zone
 * files: the options, and the code that renders (the build-ids of pmc
 * and its libraries, not only the version, which a rebuilt pmc keeps);
 * and what each format depends on besides that, as the back-end table
 * says (pm_render_depends). */
static void
set_keys(struct build *b)
{
	const cli *c = b->c;
	const char *dir = c->ropts.datadir ? c->ropts.datadir
	                                   : pm_template_dir();
	uint64_t h = pm_fnv_str(PM_FNV_INIT, "pmc " PMC_VERSION);
	size_t k;
	int v[3] = {c->opts.audience, c->strict, (int)c->ropts.paper};
	unsigned dep;

	h = build_self_key(h);
	b->self_key = h;
	h = pm_fnv_str(h, c->ropts.lang);
	h = pm_fnv(h, v, 2 * sizeof(int));
	for (k = 0; k < c->opts.noverrides; k++) {
		h = pm_fnv_str(h, c->opts.overrides[k].rule);
		h = pm_fnv(h, &c->opts.overrides[k].severity, sizeof(int));
	}
	b->opts_key = h;
	for (k = 0; k < b->nfmt; k++) {
		dep = pm_render_depends(b->fmt[k]);
		h = PM_FNV_INIT;
		if ((dep & PM_DEPENDS_DATADIR) && b->tree == 0)
			b->tree = hash_tree(PM_FNV_INIT, dir);
		if (dep & PM_DEPENDS_DATADIR)
			h = b->tree;
		if ((dep & PM_DEPENDS_TEMPLATE) && c->ropts.template)
			h = hash_template(h, c->ropts.template, 0);
		if (dep & PM_DEPENDS_PAPER)
			h = pm_fnv(h, &v[2], sizeof(int));
		if (dep & PM_DEPENDS_FONTS)
			pm_fonts_list(hash_font, &h);
		b->fmt_key[k] = h;
	}
}

/* mkdir -p, then a probe that the folder takes new files. */
static int
make_dir(const char *dir)
{
	char *p = pm_xstrdup(dir), *s, *probe;
	pm_buf none = {0};
	int slot;

	for (s = p + 1; *s != '\0'; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST)
			break;
		*s = '/';
	}
	free(p);
	if ((mkdir(dir, 0777) != 0 && errno != EEXIST) ||
	    (probe = write_temp(dir, &none, &slot)) == NULL) {
		say("%s: %s", dir, strerror(errno));
		return EXIT_USAGE;
	}
	unlink(probe);
	tmp_done(slot);
	free(probe);
	return 0;
}

/* The files a manifest entry lists, borrowed from it. */
static void
add_files(const char ***v, size_t *n, size_t *cap, const site_rec *r)
{
	size_t i;

	for (i = 0; i < r->nout; i++) {
		if (r->out[i].file == 0)
			continue;
		if (*n == *cap)
			*v = pm_xrealloc(*v, (*cap = *cap * 2 + 64) * sizeof(**v));
		(*v)[(*n)++] = rec_get(r, r->out[i].file);
	}
}

static void
prune_one(const struct build *b, const char *file, const char *path)
{
	if (!manifest_owns(&b->old, b->dir, file))
		say("%s: left in place: it changed since pmc "
		    "build wrote it", path);
	else if (unlink(path) != 0 && errno != ENOENT)
		say("%s: %s", path, strerror(errno));
}

/* Removes what the last build wrote and this one did not (a source gone,
 * an id changed), so that the folder is what a clean build gives. Only
 * plain names inside the folder that the record or the journal says pmc
 * build wrote, still holding what it wrote, and that are not sources of
 * this run, are touched: a user's file is never removed. */
static void
prune(struct build *b)
{
	const char **before = NULL, **now = NULL, *f;
	size_t nb, nn = 0, cn = 0, i;
	const site_rec idx = {.mem = "\0index.html", .nout = 1,
	                      .out = &(site_output){.file = 1}};
	char *path;

	nb = manifest_files(&b->old, &before);
	for (i = 0; i < b->files.n; i++)
		if (b->jobs[i].entry != NULL)
			add_files(&now, &nn, &cn, b->jobs[i].entry);
	if (b->ix.file != NULL)
		add_files(&now, &nn, &cn, &idx);
	if (nn > 0)
		qsort(now, nn, sizeof(*now), by_name);
	for (i = 0; i < nb; i++) {
		f = before[i];
		if (f[0] == '.' || strchr(f, '/') != NULL ||
		    (nn > 0 && bsearch(&f, now, nn, sizeof(*now), by_name)))
			continue;
		path = join_path(b->dir, f);
		/* a name an old record lists may be a source now */
		if (!is_source(b, path))
			prune_one(b, f, path);
		free(path);
	}
	free(before);
	free(now);
}

/* Do files a and b hold the same bytes? Read a block at a time: the
 * index of a large site is megabytes. */
static int
same_files(const char *a, const char *b)
{
	FILE *fa = fopen(a, "rb"), *fb = fopen(b, "rb");
	static char x[65536], y[65536]; /* main thread only */
	size_t na, nb;
	int same = fa != NULL && fb != NULL;

	while (same) {
		na = fread(x, 1, sizeof(x), fa);
		nb = fread(y, 1, sizeof(y), fb);
		same = na == nb && memcmp(x, y, na) == 0 && !ferror(fa) &&
		       !ferror(fb);
		if (na < sizeof(x))
			break;
	}
	if (fa)
		fclose(fa);
	if (fb)
		fclose(fb);
	return same;
}

/* The link of a record's postmortem in the index: its html report, else
 * its first output. */
static const char *
href_of(const site_rec *r)
{
	const char *first = NULL, *fmt;
	size_t i;

	for (i = 0; i < r->nout; i++) {
		fmt = rec_get(r, r->out[i].format);
		if (fmt && strcmp(fmt, "html") == 0)
			return rec_get(r, r->out[i].file);
		if (first == NULL)
			first = rec_get(r, r->out[i].file);
	}
	return first;
}

/* h and everything of the records that index_of() gives the index, in
 * their order: with the template, the language and the day, the index's
 * key, so that a build whose index would come out the same does not make
 * it again. */
static uint64_t
site_index_key(uint64_t h, const site_rec *const *recs, size_t n)
{
	const site_rec *r;
	size_t i, a;
	int k;

	for (i = 0; i < n; i++) {
		if ((r = recs[i])->stale || !r->incident)
			continue;
		for (k = 0; k < INC_NFIELDS; k++)
			h = pm_fnv_str(h, rec_get(r, r->inc[k]));
		h = pm_fnv_str(h, href_of(r));
		h = pm_fnv(h, &r->nact, sizeof(r->nact));
		for (a = 0; a < r->nact; a++)
			for (k = 0; k < ACT_NFIELDS; k++)
				h = pm_fnv_str(h, rec_get(r, r->act[a][k]));
	}
	return pm_fnv(h, &n, sizeof(n));
}

/* Writes the index of the valid records (not stale, with a summary) to
 * out: each record's summary lent to the library as an entry. */
static int
index_of(const site_rec *const *recs, size_t n, const pm_render_opts *ropts,
         const char *today, FILE *out)
{
	pm_site_entry *es = pm_xcalloc(n + 1, sizeof(*es));
	const char **v;
	const site_rec *r;
	size_t i, k, a, ne = 0;
	int rc;

	for (i = 0; i < n; i++) {
		if ((r = recs[i])->stale || !r->incident)
			continue;
		v = pm_xcalloc(INC_NFIELDS + (size_t)r->nact * ACT_NFIELDS,
		               sizeof(*v));
		for (k = 0; k < INC_NFIELDS; k++)
			v[k] = rec_get(r, r->inc[k]);
		for (a = 0; a < r->nact; a++)
			for (k = 0; k < ACT_NFIELDS; k++)
				v[INC_NFIELDS + a * ACT_NFIELDS + k] =
				    rec_get(r, r->act[a][k]);
		es[ne].href = href_of(r);
		es[ne].fields = v;
		es[ne].actions = v + INC_NFIELDS;
		es[ne++].nactions = r->nact;
	}
	rc = pm_site_index(es, ne, ropts, today, out);
	for (i = 0; i < ne; i++)
		free((void *)es[i].fields);
	free(es);
	return rc;
}

/* Puts the index written to tmp in place of path, as commit() does an
 * output: never over a file pmc build did not write. */
static int
install_index(struct build *b, const char *tmp, const char *path)
{
	pm_buf line = {0};
	uintmax_t size;
	int rc = -1;

	if (pm_hash_path(tmp, &b->ix.hash, &size) != 0)
		return -1;
	if (same_files(tmp, path))
		return 0; /* an unchanged index keeps its time stamp */
	if (is_source(b, path) || !manifest_owns(&b->old, b->dir, "index.html")) {
		say("%s: not replaced by the site index: %s", path,
		    is_source(b, path) ? "it is one of the sources"
		                       : "pmc build did not write it, "
		                         "or it changed since");
		errno = 0;
		return -1;
	}
	journal_add(&line, "index.html", b->ix.hash);
	if (journal_write(&b->jn, b->dir, &line) == 0 && chmod(tmp, output_mode()) == 0 &&
	    rename(tmp, path) == 0)
		rc = 0;
	pm_buf_free(&line);
	return rc;
}

/* Writes index.html as it is made, into a temporary file that replaces
 * the last one only when it differs, so that an unchanged index keeps
 * its time stamp. 1 when the index in place is the one made now. */
static int
make_index(struct build *b, const site_rec **recs, size_t n,
           const char *path)
{
	char *tmp = join_path(b->dir, PM_TMP_NAME);
	FILE *f = NULL;
	int fd, slot, rc = -1, err = 0;
	uintmax_t size;

	if ((fd = tmp_open(tmp, &slot)) < 0 ||
	    (f = fdopen(fd, "wb")) == NULL) {
		err = errno;
		if (fd >= 0)
			close(fd);
	} else if (index_of(recs, n, &b->c->ropts, b->today, f) < 0) {
		b->rc = worse(b->rc, EXIT_USAGE);
		rc = 0; /* reported */
	} else if (errno = 0, fflush(f) != 0 || ferror(f) ||
	           fsync(fileno(f)) != 0) {
		err = errno ? errno : EIO;
	} else {
		rc = 1;
	}
	if (f != NULL && fclose(f) != 0 && rc == 1) {
		err = errno;
		rc = -1;
	}
	if (rc == 1 && install_index(b, tmp, path) != 0) {
		err = errno;
		rc = errno ? -1 : 0;
		b->rc = worse(b->rc, EXIT_USAGE);
	} else if (rc == 1) {
		b->ix.file = "index.html";
	}
	if (fd >= 0)
		unlink(tmp); /* gone already when renamed */
	if (fd >= 0)
		tmp_done(slot);
	if (rc < 0) {
		say("%s: %s", path, strerror(err));
		b->rc = worse(b->rc, EXIT_USAGE);
	}
	/* an earlier index left in place stays listed as pmc's */
	if (b->ix.file == NULL &&
	    manifest_owns(&b->old, b->dir, "index.html") &&
	    pm_hash_path(path, &b->ix.hash, &size) == 0)
		b->ix.file = "index.html";
	free(tmp);
	return rc == 1 && b->ix.file != NULL;
}

/* What the index is made of besides the records: pmc, the templates
 * folder (labels included), index.xsl and what it includes, the
 * language asked for and the day. */
static uint64_t
index_key(struct build *b, const site_rec **recs, size_t n)
{
	const char *dir = b->c->ropts.datadir ? b->c->ropts.datadir
	                                      : pm_template_dir();
	char *xsl = join_path(dir, "index.xsl");
	uint64_t h = pm_fnv_str(b->self_key, "index");

	if (b->tree == 0)
		b->tree = hash_tree(PM_FNV_INIT, dir);
	h = pm_fnv(h, &b->tree, sizeof(b->tree));
	h = hash_template(h, xsl, 0);
	h = pm_fnv_str(h, b->c->ropts.lang);
	h = pm_fnv_str(h, b->today);
	free(xsl);
	return site_index_key(h, recs, n);
}

/* Is the index in place the one the last build made, and listed? By its
 * stat first, by its bytes when that differs. Sets b->ix.stat. */
static int
index_kept(struct build *b, const char *path)
{
	const manifest *m = &b->old;
	struct stat st;
	uint64_t hash;
	uintmax_t size;

	if (m->dirty || m->index == NULL || strcmp(m->index, "index.html") ||
	    !m->index_has_hash || lstat(path, &st) != 0 ||
	    !S_ISREG(st.st_mode) || is_source(b, path))
		return 0;
	b->ix_stat = build_stat_key(&st);
	if (m->index_stat != 0 && b->ix_stat == m->index_stat)
		return 1;
	return pm_hash_path(path, &hash, &size) == 0 &&
	       hash == m->index_hash;
}

/* The site index, made again only when what it is made of changed. */
static void
write_index(struct build *b)
{
	char *path = join_path(b->dir, "index.html");
	const site_rec **recs = pm_xcalloc(b->files.n + 1, sizeof(*recs));
	size_t i, n = 0;
	uint64_t key;
	struct stat st;

	for (i = 0; i < b->files.n; i++)
		if (b->jobs[i].entry != NULL && !b->jobs[i].stale)
			recs[n++] = b->jobs[i].entry;
	key = index_key(b, recs, n);
	if (key == b->old.index_key && getenv("PMC_SITE_DUMP") == NULL &&
	    index_kept(b, path)) {
		b->ix.file = "index.html";
		b->ix.hash = b->old.index_hash;
		b->ix.key = key;
	} else if (make_index(b, recs, n, path)) {
		b->ix.key = key;
		b->ix_stat = stat(path, &st) == 0 ? build_stat_key(&st) : 0;
	} else {
		b->ix.key = b->ix_stat = 0;
	}
	free(recs);
	free(path);
}

/* Would the record written now say what the last one says? Then it is
 * not written: a build that changed nothing writes nothing. */
static int
same_record(const struct build *b)
{
	const manifest *m = &b->old;
	size_t i;

	if (!m->loaded || m->dirty || b->files.n != m->n ||
	    (b->ix.file == NULL) != (m->index == NULL))
		return 0;
	for (i = 0; i < b->files.n; i++)
		if (b->jobs[i].entry != &m->recs[i] || b->jobs[i].stale)
			return 0;
	return b->ix.file == NULL ||
	       (strcmp(b->ix.file, m->index) == 0 && m->index_has_hash &&
	        b->ix.hash == m->index_hash && b->ix.key == m->index_key);
}

/* Did stat say of a source or of the index what the stat cache does
 * not? */
static int
new_stats(const struct build *b)
{
	const struct job *j;
	size_t i;

	for (i = 0; i < b->files.n; i++) {
		j = &b->jobs[i];
		if (j->entry != NULL && !j->stale &&
		    j->src_stat != (j->old ? j->old->src_stat : 0))
			return 1;
	}
	return b->ix.file != NULL && b->ix_stat != b->old.index_stat;
}

/* The stat cache of what this run read or found unchanged. A cache is
 * no result: one that cannot be written costs the next run its reads,
 * and is not reported. */
static void
write_stat_cache(const struct build *b)
{
	pm_buf lines = {0};
	const struct job *j;
	size_t i;

	for (i = 0; i < b->files.n; i++) {
		j = &b->jobs[i];
		if (j->entry != NULL && !j->stale && j->src_stat != 0)
			stat_cache_add(&lines, 's', j->src_stat,
			               j->entry->src_hash, j->path);
	}
	if (b->ix.file != NULL && b->ix_stat != 0)
		stat_cache_add(&lines, 'i', b->ix_stat, b->ix.hash, NULL);
	(void)stat_cache_write(b->dir, &lines);
	pm_buf_free(&lines);
}

static int
write_manifest(struct build *b)
{
	manifest_out w;
	size_t i;

	if (manifest_open(&w, b->dir) == 0)
		for (i = 0; i < b->files.n; i++)
			if (b->jobs[i].entry != NULL)
				manifest_put(&w, b->jobs[i].entry, b->jobs[i].stale);
	if (manifest_close(&w, &b->ix) < 0) {
		say("%s/%s: %s", b->dir, PM_MANIFEST,
		    strerror(errno));
		b->rc = worse(b->rc, EXIT_USAGE);
		return -1;
	}
	return 0;
}

/* A source and where the command line named it. */
struct named {
	struct inode id;
	size_t at;
	uint64_t stat; /* build_stat_key */
};

static int
by_file(const void *a, const void *b)
{
	const struct named *x = a, *y = b;
	int c = by_inode(&x->id, &y->id);

	return c != 0 ? c : x->at < y->at ? -1 : x->at > y->at;
}

/* The sources' files, sorted; a file named twice (src and src/a.md,
 * ./a.md, a symbolic link to it) is one source, the first naming of it,
 * not a duplicate id. */
static void
stat_sources(struct build *b)
{
	struct named *v = pm_xcalloc(b->files.n + 1, sizeof(*v));
	struct stat st;
	size_t i, n = 0, k = 0;

	b->stats = pm_xcalloc(b->files.n + 1, sizeof(*b->stats));
	for (i = 0; i < b->files.n; i++)
		if (strcmp(b->files.items[i], "-") != 0 &&
		    stat(b->files.items[i], &st) == 0) {
			v[n].id.dev = st.st_dev;
			v[n].id.ino = st.st_ino;
			/* taken before any source is read: a later change
			 * differs from it */
			if (S_ISREG(st.st_mode))
				b->stats[i] = build_stat_key(&st);
			v[n++].at = i;
		}
	qsort(v, n, sizeof(*v), by_file);
	b->srcs = pm_xcalloc(n + 1, sizeof(*b->srcs));
	for (i = 0; i < n; i++) {
		if (b->nsrcs > 0 && by_inode(&b->srcs[b->nsrcs - 1], &v[i].id) == 0) {
			free(b->files.items[v[i].at]);
			b->files.items[v[i].at] = NULL;
			continue;
		}
		b->srcs[b->nsrcs++] = v[i].id;
	}
	for (i = 0; i < b->files.n; i++)
		if (b->files.items[i] != NULL) {
			b->stats[k] = b->stats[i];
			b->files.items[k++] = b->files.items[i];
		}
	b->files.n = k;
	free(v);
}

static void
finish(struct build *b)
{
	cli *c = b->c;

	c->files = (int)b->files.n;
	if (c->diag_format != FMT_TEXT) {
		diag_finish(c);
		return;
	}
	if (c->quiet)
		return;
	fprintf(stderr, "%zu of %zu rebuilt (%zu up to date): %d error%s, "
	                "%d warning%s\n",
	        b->built, b->files.n, b->fresh, c->errors,
	        c->errors == 1 ? "" : "s", c->warnings,
	        c->warnings == 1 ? "" : "s");
}

static void
free_build(struct build *b)
{
	size_t i;

	for (i = 0; i < b->files.n && b->jobs; i++) {
		findings_free(&b->jobs[i].f);
		free(b->jobs[i].id);
		rec_free(&b->jobs[i].rec);
	}
	for (i = 0; i < b->idcap; i++)
		free(b->ids[i]);
	for (i = 0; i < b->nhashes; i++)
		free(b->hashes[i].path);
	free(b->hashes);
	free(b->ids);
	free(b->id_owner);
	for (i = 0; i < b->files.n && b->jobs; i++)
		free(b->jobs[i].in_way);
	free(b->jobs);
	free(b->srcs);
	free(b->batch);
	if (b->dirfd > 0)
		close(b->dirfd);
	manifest_free(&b->old);
	list_free(&b->files);
	free(b->stats);
}

/* The record keeps as many fields of a summary as libpmc's lists have:
 * a libpmc of another version may have more. */
static int
check_fields(void)
{
	size_t ni, na;

	(void)pm_site_fields(0, &ni);
	(void)pm_site_fields(1, &na);
	if (ni == INC_NFIELDS && na == ACT_NFIELDS)
		return 0;
	say("libpmc's site summary has %zu and %zu fields, this pmc's record "
	    "%d and %d: pmc and libpmc are of other versions", ni, na,
	    INC_NFIELDS, ACT_NFIELDS);
	return EXIT_USAGE;
}

int
run_build(cli *c)
{
	struct build b;
	manifest_reading reading;
	size_t i;
	int rc, same;

	memset(&b, 0, sizeof(b));
	b.c = c;
	b.jn.fd = -1;
	/* The umask is read (briefly set to 0) before any worker makes a file. */
	(void)output_mode();
	b.dir = c->output ? c->output : "site";
	if (strcmp(b.dir, "-") == 0)
		rc = fail("%s", "pmc build writes a folder: -o - is not one");
	else if ((rc = check_fields()) == 0 &&
	         (rc = set_formats(&b, c->format)) == 0) {
		set_today(&b);
		rc = make_dir(b.dir);
	}
	if (rc != 0)
		goto out;
	if ((b.dirfd = build_lock(b.dir)) < 0) {
		rc = b.dirfd == -2 ? fail("%s: another pmc build is writing "
		                          "this folder", b.dir)
		                   : fail("%s: cannot be locked", b.dir);
		goto out;
	}
	manifest_read_start(&reading, &b.old, b.dir);
	b.rc = collect_sources(c, &b.files);
	stat_sources(&b);
	b.index = b.files.n > 1;
	set_keys(&b);
	manifest_read_wait(&reading);
	build_sweep(b.dirfd);
	b.jobs = pm_xcalloc(b.files.n + 1, sizeof(*b.jobs));
	b.batch = pm_xcalloc(b.files.n + 1, sizeof(*b.batch));
	for (i = 0; i < b.files.n; i++)
		b.jobs[i].path = b.files.items[i];
	prepare(&b);
	if (pool_run(b.files.n, pool_jobs(c, b.files.n), work, done, &b) < 0)
		b.rc = fail("%s", "cannot start the worker threads");
	commit(&b);
	progress_end(c);
	if (b.index)
		write_index(&b);
	/* a build that changed nothing writes nothing: nothing to prune,
	 * no journal, the record as it is */
	same = same_record(&b);
	if (!same)
		prune(&b);
	if (!same &&
	    journal_close(&b.jn, b.dir, write_manifest(&b) == 0) != 0) {
		say("%s/%s: %s", b.dir, PM_JOURNAL,
		    strerror(errno));
		b.rc = worse(b.rc, EXIT_USAGE);
	}
	if (!same || new_stats(&b))
		write_stat_cache(&b);
	finish(&b);
	rc = verdict(c, b.rc);
out:
	free_build(&b);
	return rc;
}
