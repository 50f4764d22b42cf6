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

#include <pthread.h>

#include "alloc.h"
#include "build.h"
#include "build_pool.h"
#include "doc.h"
#include "fonts.h"
#include "io.h"
#include "ir.h"
#include "pmtime.h"

#define MAX_FORMATS 5

enum state { S_BUILT, S_FRESH, S_INVALID, S_UNREADABLE, S_UNWRITABLE };

/* One source: what its worker found, until the main thread delivers it. */
struct job {
	const char *path;
	char *bytes; /* kept for a late finding's excerpt */
	size_t len;
	findings f;
	enum state state;
	int err;
	uint64_t key;                /* of everything common to its outputs */
	char *id;
	char *tmp[MAX_FORMATS];      /* rendered, not yet renamed */
	size_t size[MAX_FORMATS];
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

struct policy_hash {
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
	char today[32];
	int32_t today_day;
	manifest old;
	pthread_mutex_t lock;          /* guards policies */
	struct policy_hash *policies;
	size_t npolicies;
	char **ids;                    /* claimed ids, open addressing */
	const char **id_owner;
	size_t idcap, nids;
	int index;                     /* an index.html will be written */
	int html;                      /* html's place in fmt, or -1 */
	struct inode *srcs;            /* the sources' files, sorted */
	size_t nsrcs;
	size_t built, fresh;
	int rc;
};

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

/* The policy's bytes, read once per policy file for the whole build. */
static uint64_t
policy_key(struct build *b, const char *path)
{
	uint64_t h = 0;
	size_t i;

	if (path == NULL)
		return pm_fnv_str(PM_FNV_INIT, "(default policy)");
	pthread_mutex_lock(&b->lock);
	for (i = 0; i < b->npolicies; i++)
		if (strcmp(b->policies[i].path, path) == 0)
			h = b->policies[i].hash;
	if (i == b->npolicies && h == 0) {
		h = hash_file(pm_fnv_str(PM_FNV_INIT, path), path);
		b->policies = pm_xrealloc(b->policies, (b->npolicies + 1) *
		                                           sizeof(*b->policies));
		b->policies[b->npolicies].path = pm_xstrdup(path);
		b->policies[b->npolicies++].hash = h;
	}
	pthread_mutex_unlock(&b->lock);
	return h;
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

static int
has_size(const char *dir, const char *file, const char *size)
{
	char *path = join_path(dir, file);
	struct stat st;
	int ok = stat(path, &st) == 0 && S_ISREG(st.st_mode) && size &&
	         (uintmax_t)st.st_size == strtoumax(size, NULL, 10);

	free(path);
	return ok;
}

static int32_t
day_of(const site_rec *r, rec_str at, int32_t none)
{
	const char *s = rec_get(r, at);
	int y, m, d;

	if (s == NULL || pm_date_parse(s, strlen(s), &y, &m, &d) != PM_STAMP_OK)
		return none;
	return (int32_t)pm_days_from_civil(y, m, d);
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
	    day_of(r, r->to, INT32_MAX) < b->today_day)
		return 0;
	for (k = 0; k < b->nfmt; k++) {
		for (i = 0, o = NULL; i < r->nout && o == NULL; i++) {
			fmt = rec_get(r, r->out[i].format);
			if (strcmp(fmt ? fmt : "", b->fmt[k]) == 0)
				o = &r->out[i];
		}
		if (o == NULL || o->key != output_key(b, j->key, k) ||
		    o->file == 0 ||
		    !has_size(b->dir, rec_get(r, o->file), rec_get(r, o->size)))
			return 0;
	}
	return 1;
}

/* Writes out to a new temporary file in dir; its name is returned. Not
 * fsync'ed: a build of thousands of files spent more time in fsync than
 * in compiling. Readers still never see half a file (the rename does
 * that); after a crash an output that did not reach the disk has another
 * size than the manifest (which is fsync'ed) says, and is rebuilt. */
static char *
write_temp(const char *dir, const pm_buf *out)
{
	char *tmp = join_path(dir, ".pmc-XXXXXX");
	int fd = mkstemp(tmp);
	size_t done = 0;
	ssize_t n;
	int err;

	if (fd < 0)
		goto fail;
	while (done < out->len &&
	       (n = write(fd, out->data + done, out->len - done)) > 0)
		done += (size_t)n;
	if (done < out->len || fchmod(fd, 0644) != 0) {
		err = errno;
		close(fd);
		unlink(tmp);
		errno = err;
		goto fail;
	}
	if (close(fd) == 0)
		return tmp;
	unlink(tmp);
fail:
	free(tmp);
	return NULL;
}

static void
drop_temps(struct job *j)
{
	size_t k;

	for (k = 0; k < MAX_FORMATS; k++) {
		if (j->tmp[k] != NULL)
			unlink(j->tmp[k]);
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
		if ((j->tmp[k] = write_temp(b->dir, &out)) == NULL) {
			j->state = S_UNWRITABLE;
			j->err = errno;
			break;
		}
		j->size[k] = out.len;
	}
	pm_buf_free(&out);
	if (k == b->nfmt)
		return 0;
	drop_temps(j);
	return -1;
}

static void late_finding(struct job *, pm_rule, const char *, const char *);

static rec_str
put_day(pm_buf *mem, int32_t day)
{
	char s[32];
	int y, m, d;

	pm_civil_from_days(day, &y, &m, &d);
	snprintf(s, sizeof(s), "%04d-%02d-%02d", y, m, d);
	return rec_put(mem, s);
}

/* The new manifest's entry for j, with its outputs and its summary:
 * built here, on the worker, so that the document's tree can go now. */
static void
make_rec(const struct build *b, struct job *j, const pm_doc *doc)
{
	pm_buf mem = {0};
	site_output *o;
	int32_t from, to;
	char *file, size[32];
	size_t k;

	rec_new(&j->rec, &mem);
	j->rec.path = rec_put(&mem, j->path);
	j->rec.key = j->key;
	j->rec.id = rec_put(&mem, j->id);
	for (k = 0; k < b->nfmt; k++) {
		o = rec_output(&j->rec);
		file = output_name(j->id, b->fmt[k]);
		snprintf(size, sizeof(size), "%zu", j->size[k]);
		o->format = rec_put(&mem, b->fmt[k]);
		o->file = rec_put(&mem, file);
		o->key = output_key(b, j->key, k);
		o->size = rec_put(&mem, size);
		free(file);
	}
	site_incident(doc, &j->rec, &mem, &from, &to);
	if (from != INT32_MIN)
		j->rec.from = put_day(&mem, from);
	if (to != INT32_MAX)
		j->rec.to = put_day(&mem, to);
	rec_done(&j->rec, &mem);
}

static void
compile(struct build *b, struct job *j)
{
	pm_options opts = b->c->opts;
	pm_doc *doc;
	const char *why;

	opts.diag = findings_collect;
	opts.diag_arg = &j->f;
	opts.today = b->today;
	doc = pm_doc_parse(j->path, j->bytes, j->len, &opts);
	j->state = S_INVALID;
	if (doc->ir == NULL || pm_doc_errors(doc) > 0 ||
	    (b->c->strict && pm_doc_warnings(doc) > 0))
		goto out;
	j->id = pm_xstrdup(pm_ir_get(xmlDocGetRootElement(doc->ir), "id"));
	if ((why = bad_id(j->id)) != NULL) {
		late_finding(j, PM_R_ID_FILE_NAME, j->id, why);
		goto out;
	}
	j->state = S_BUILT;
	if (render_all(b, j, doc) < 0)
		goto out;
	make_rec(b, j, doc);
out:
	pm_doc_free(doc);
}

/* The worker's part: read, decide whether anything changed, compile and
 * render into temporary files. The findings wait in j->f. */
static void
work(void *arg, size_t i)
{
	struct build *b = arg;
	struct job *j = &b->jobs[i];
	FILE *f = strcmp(j->path, "-") == 0 ? stdin : fopen(j->path, "rb");
	char *policy;

	if (f == NULL || (j->bytes = pm_read_all(f, &j->len)) == NULL) {
		j->state = S_UNREADABLE;
		j->err = errno;
		if (f != NULL && f != stdin)
			fclose(f);
		return;
	}
	if (f != stdin)
		fclose(f);
	policy = b->c->opts.policy ? pm_xstrdup(b->c->opts.policy)
	                           : pm_policy_find(j->path);
	j->key = pm_fnv_str(b->opts_key, j->path);
	j->key = pm_fnv(j->key, j->bytes, j->len);
	j->key ^= policy_key(b, policy);
	free(policy);
	j->old = manifest_find(&b->old, j->path);
	if (fresh(b, j))
		j->state = S_FRESH;
	else
		compile(b, j);
}

/* Where the front matter gives the id, for a finding about it. */
static pm_loc
id_loc(const pm_src *src)
{
	size_t len, k;
	const char *s;
	int line;

	for (line = 2; (s = pm_src_line(src, line, &len)) != NULL; line++) {
		if ((len == 3 && (memcmp(s, "---", 3) == 0 ||
		                  memcmp(s, "...", 3) == 0)))
			break;
		if (len < 3 || memcmp(s, "id", 2) != 0)
			continue;
		for (k = 2; k < len && s[k] == ' '; k++)
			continue;
		if (k == len || s[k] != ':')
			continue;
		for (k++; k < len && s[k] == ' '; k++)
			continue;
		return pm_src_loc_bytes(src, line, (int)k + 1, len - k);
	}
	return (pm_loc){1, 1, 1};
}

/* A finding made after the source's own were collected, put in its place
 * by line so that the source's findings stay in source order. */
static void
late_finding(struct job *j, pm_rule rule, const char *a, const char *b2)
{
	size_t skip = j->len >= 3 && memcmp(j->bytes, "\xef\xbb\xbf", 3) == 0;
	findings late = {0};
	finding x;
	pm_src src;
	size_t i;

	pm_src_init(&src, j->path, j->bytes + 3 * skip, j->len - 3 * skip,
	            findings_collect, &late);
	pm_report(&src, rule, id_loc(&src), a, b2);
	pm_src_flush(&src);
	pm_src_free(&src);
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

/* Renames j's temporary files to their names; -1 when one fails. */
static int
install(struct build *b, struct job *j)
{
	size_t k;
	int rc = 0;

	for (k = 0; k < b->nfmt; k++) {
		char *file = output_name(j->id, b->fmt[k]);
		char *path = join_path(b->dir, file);
		if (rc == 0 && is_source(b, path)) {
			fprintf(stderr, "pmc: refusing to overwrite the source "
			                "%s\n", path);
			rc = -1;
		} else if (rc == 0 && rename(j->tmp[k], path) != 0) {
			fprintf(stderr, "pmc: %s: %s\n", path, strerror(errno));
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
		late_finding(j, PM_R_ID_FILE_NAME, j->id,
		             "index.html is the site index");
		j->state = S_INVALID;
	} else if ((owner = claim_id(b, j->id, j->path)) != NULL) {
		late_finding(j, PM_R_DUPLICATE_ID, j->id, owner);
		j->state = S_INVALID;
	}
}

/* The main thread's part, in source order: check the id, move the
 * outputs into place, print the findings. */
static void
done(void *arg, size_t i)
{
	struct build *b = arg;
	struct job *j = &b->jobs[i];

	if (j->state == S_FRESH)
		j->id = pm_xstrdup(j->old->id ? rec_get(j->old, j->old->id) : "");
	if (j->state == S_FRESH || j->state == S_BUILT)
		check_id(b, j);
	if (j->f.n > 0 || j->state == S_UNREADABLE || j->state == S_UNWRITABLE)
		progress_end(b->c);
	findings_replay(&j->f, b->c);
	switch (j->state) {
	case S_FRESH:
		j->entry = j->old;
		b->fresh++;
		break;
	case S_BUILT:
		if (install(b, j) == 0) {
			j->entry = &j->rec;
			b->built++;
		} else {
			b->rc = worse(b->rc, EXIT_USAGE);
		}
		break;
	case S_UNREADABLE:
	case S_UNWRITABLE:
		fprintf(stderr, "pmc: %s: %s\n",
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
	drop_temps(j);
	free(j->bytes);
	j->bytes = NULL;
	if (j->entry != &j->rec)
		rec_free(&j->rec);
	progress(b->c, "building", i + 1, b->files.n);
}

/* The formats of -t (default html), each once, in the order given. */
static int
set_formats(struct build *b, const char *list)
{
	const char *p = list ? list : "html";
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
		for (k = 0; k < b->nfmt && strcmp(b->fmt[k], name) != 0; k++)
			continue;
		if (k < b->nfmt)
			continue;
		if ((b->render[k] = pm_render_lookup(name)) == NULL)
			return fail("unknown output format '%s' (html, pdf, md, "
			            "json or xml)", name);
		b->fmt[b->nfmt++] = strcmp(name, "html") == 0   ? "html"
		                    : strcmp(name, "pdf") == 0  ? "pdf"
		                    : strcmp(name, "md") == 0   ? "md"
		                    : strcmp(name, "json") == 0 ? "json"
		                                                : "xml";
		if (strcmp(name, "html") == 0)
			b->html = (int)k;
	}
	return b->nfmt > 0 ? 0 : fail("%s", "no output format given to -t");
}

/* The one date the whole build judges overdue follow-ups by: --today,
 * else SOURCE_DATE_EPOCH, else the clock (as pmc check does). */
static int
set_today(struct build *b)
{
	const char *s = b->c->opts.today, *epoch = getenv("SOURCE_DATE_EPOCH");
	int y, m, d;

	if (s != NULL) {
		if (pm_date_parse(s, strlen(s), &y, &m, &d) != PM_STAMP_OK)
			return fail("--today needs a date YYYY-MM-DD, not '%s'",
			            s);
		b->today_day = (int32_t)pm_days_from_civil(y, m, d);
	} else if (epoch != NULL && *epoch != '\0') {
		b->today_day = (int32_t)(strtoll(epoch, NULL, 10) / 86400);
	} else {
		b->today_day = (int32_t)(time(NULL) / 86400);
	}
	pm_civil_from_days(b->today_day, &y, &m, &d);
	snprintf(b->today, sizeof(b->today), "%04d-%02d-%02d", y % 10000, m, d);
	return 0;
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

/* What every output depends on besides its source and policy, and what
 * each format depends on besides that. */
static void
set_keys(struct build *b)
{
	const cli *c = b->c;
	const char *dir = c->ropts.datadir ? c->ropts.datadir
	                                   : pm_template_dir();
	uint64_t h = pm_fnv_str(PM_FNV_INIT, "pmc " PMC_VERSION), tree;
	size_t k;
	int v[3] = {c->opts.audience, c->strict, (int)c->ropts.paper};

	h = pm_fnv_str(h, c->ropts.lang);
	h = pm_fnv(h, v, 2 * sizeof(int));
	for (k = 0; k < c->opts.noverrides; k++) {
		h = pm_fnv_str(h, c->opts.overrides[k].rule);
		h = pm_fnv(h, &c->opts.overrides[k].severity, sizeof(int));
	}
	b->opts_key = h;
	tree = hash_tree(PM_FNV_INIT, dir);
	for (k = 0; k < b->nfmt; k++) {
		h = PM_FNV_INIT;
		if (strcmp(b->fmt[k], "json") != 0 &&
		    strcmp(b->fmt[k], "xml") != 0)
			h = tree;
		if (strcmp(b->fmt[k], "html") == 0 && c->ropts.template)
			h = hash_file(h, c->ropts.template);
		if (strcmp(b->fmt[k], "pdf") == 0) {
			h = pm_fnv(h, &v[2], sizeof(int));
			pm_fonts_files(hash_font, &h);
		}
		b->fmt_key[k] = h;
	}
}

/* mkdir -p, then a probe that the folder takes new files. */
static int
make_dir(const char *dir)
{
	char *p = pm_xstrdup(dir), *s, *probe;
	pm_buf none = {0};

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
	    (probe = write_temp(dir, &none)) == NULL) {
		fprintf(stderr, "pmc: %s: %s\n", dir, strerror(errno));
		return EXIT_USAGE;
	}
	unlink(probe);
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

/* Removes what the last build wrote and this one did not (a source gone,
 * an id changed), so that the folder is what a clean build gives. Only
 * plain names inside the folder, as pmc writes them, are touched. */
static void
prune(struct build *b)
{
	const char **before = NULL, **now = NULL, *f;
	size_t nb = 0, nn = 0, cb = 0, cn = 0, i;
	const site_rec idx = {.mem = "\0index.html", .nout = 1,
	                      .out = &(site_output){.file = 1}};
	char *path;

	if (!b->old.loaded)
		return;
	for (i = 0; i < b->old.n; i++)
		add_files(&before, &nb, &cb, &b->old.recs[i]);
	for (i = 0; i < b->files.n; i++)
		if (b->jobs[i].entry != NULL)
			add_files(&now, &nn, &cn, b->jobs[i].entry);
	if (b->index)
		add_files(&now, &nn, &cn, &idx);
	if (b->old.index != NULL && cb == nb)
		before = pm_xrealloc(before, (cb = cb + 1) * sizeof(*before));
	if (b->old.index != NULL)
		before[nb++] = b->old.index;
	if (nn > 0)
		qsort(now, nn, sizeof(*now), by_name);
	for (i = 0; i < nb; i++) {
		f = before[i];
		if (f[0] == '.' || strchr(f, '/') != NULL ||
		    (nn > 0 && bsearch(&f, now, nn, sizeof(*now), by_name)))
			continue;
		path = join_path(b->dir, f);
		if (unlink(path) != 0 && errno != ENOENT)
			fprintf(stderr, "pmc: %s: %s\n", path, strerror(errno));
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

/* Writes index.html as it is made, into a temporary file that replaces
 * the last one only when it differs, so that an unchanged index keeps
 * its time stamp. */
static void
write_index(struct build *b)
{
	char *path = join_path(b->dir, "index.html");
	char *tmp = join_path(b->dir, ".pmc-XXXXXX");
	const site_rec **recs = pm_xcalloc(b->files.n + 1, sizeof(*recs));
	size_t i, n = 0;
	FILE *f = NULL;
	int fd, slot, rc = -1, err = 0;

	for (i = 0; i < b->files.n; i++)
		if (b->jobs[i].entry != NULL && !b->jobs[i].stale)
			recs[n++] = b->jobs[i].entry;
	if ((fd = tmp_open(tmp, &slot)) < 0 ||
	    (f = fdopen(fd, "wb")) == NULL) {
		err = errno;
		if (fd >= 0)
			close(fd);
	} else if (site_index(recs, n, b->c, b->c->ropts.lang, b->today, f) <
	           0) {
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
	if (rc == 1 && !same_files(tmp, path) &&
	    (chmod(tmp, 0644) != 0 || rename(tmp, path) != 0)) {
		err = errno;
		rc = -1;
	}
	if (fd >= 0)
		unlink(tmp); /* gone already when renamed */
	if (fd >= 0)
		tmp_done(slot);
	if (rc < 0) {
		fprintf(stderr, "pmc: %s: %s\n", path, strerror(err));
		b->rc = worse(b->rc, EXIT_USAGE);
	}
	free(recs);
	free(tmp);
	free(path);
}

static void
write_manifest(struct build *b)
{
	manifest_out w;
	size_t i;

	if (manifest_open(&w, b->dir) == 0)
		for (i = 0; i < b->files.n; i++)
			if (b->jobs[i].entry != NULL)
				manifest_put(&w, b->jobs[i].entry, b->jobs[i].stale);
	if (manifest_close(&w, b->index ? "index.html" : NULL) < 0) {
		fprintf(stderr, "pmc: %s/%s: %s\n", b->dir, PM_MANIFEST,
		        strerror(errno));
		b->rc = worse(b->rc, EXIT_USAGE);
	}
}

static void
stat_sources(struct build *b)
{
	struct stat st;
	size_t i;

	b->srcs = pm_xcalloc(b->files.n + 1, sizeof(*b->srcs));
	for (i = 0; i < b->files.n; i++)
		if (strcmp(b->files.items[i], "-") != 0 &&
		    stat(b->files.items[i], &st) == 0) {
			b->srcs[b->nsrcs].dev = st.st_dev;
			b->srcs[b->nsrcs++].ino = st.st_ino;
		}
	qsort(b->srcs, b->nsrcs, sizeof(*b->srcs), by_inode);
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
	for (i = 0; i < b->npolicies; i++)
		free(b->policies[i].path);
	free(b->policies);
	free(b->ids);
	free(b->id_owner);
	free(b->jobs);
	free(b->srcs);
	manifest_free(&b->old);
	list_free(&b->files);
	pthread_mutex_destroy(&b->lock);
}

int
run_build(cli *c)
{
	struct build b;
	size_t i;
	int rc;

	memset(&b, 0, sizeof(b));
	b.c = c;
	b.dir = c->output ? c->output : "site";
	pthread_mutex_init(&b.lock, NULL);
	if (strcmp(b.dir, "-") == 0)
		rc = fail("%s", "pmc build writes a folder: -o - is not one");
	else if ((rc = set_formats(&b, c->format)) == 0 &&
	         (rc = set_today(&b)) == 0)
		rc = make_dir(b.dir);
	if (rc != 0)
		goto out;
	b.rc = collect_sources(c, &b.files);
	b.index = b.files.n > 1;
	set_keys(&b);
	stat_sources(&b);
	manifest_read(&b.old, b.dir);
	b.jobs = pm_xcalloc(b.files.n + 1, sizeof(*b.jobs));
	for (i = 0; i < b.files.n; i++)
		b.jobs[i].path = b.files.items[i];
	if (pool_run(b.files.n, pool_jobs(c, b.files.n), work, done, &b) < 0)
		b.rc = fail("%s", "cannot start the worker threads");
	progress_end(c);
	if (b.index)
		write_index(&b);
	write_manifest(&b);
	prune(&b);
	finish(&b);
	rc = b.rc;
out:
	free_build(&b);
	return rc;
}
