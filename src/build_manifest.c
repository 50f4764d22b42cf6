/* build_manifest.c: the record pmc build keeps in its output folder of
 * what it wrote and from which inputs, so that a second run rebuilds only
 * what changed; read as a stream and written as one, a compact record
 * per source in between. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "alloc.h"
#include "build.h"
#include "utf8.h"

/* The records' shape: a manifest of another is read for the files it
 * owns only. 3: "rank" (pm_policy_rank) replaced "level". */
#define MANIFEST_FORMAT "3"

uint64_t
pm_fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= s[i];
		h *= UINT64_C(0x100000001b3);
	}
	return h;
}

uint64_t
pm_fnv_str(uint64_t h, const char *s)
{
	/* the NUL keeps ("ab", "c") apart from ("a", "bc") */
	return s ? pm_fnv(h, s, strlen(s) + 1) : pm_fnv(h, "\1", 1);
}

void
rec_new(site_rec *r, pm_buf *mem)
{
	memset(r, 0, sizeof(*r));
	mem->len = 0;
	pm_buf_putc(mem, '\0'); /* offset 0: absent */
}

rec_str
rec_put(pm_buf *mem, const char *s)
{
	size_t at = mem->len;

	if (s == NULL)
		return 0;
	pm_buf_put(mem, s, strlen(s) + 1);
	if (at > UINT32_MAX)
		abort(); /* a record of 4 GB: no source gets near it */
	return (rec_str)at;
}

site_output *
rec_output(site_rec *r)
{
	r->out = pm_xrealloc(r->out, (r->nout + 1u) * sizeof(*r->out));
	memset(&r->out[r->nout], 0, sizeof(*r->out));
	return &r->out[r->nout++];
}

rec_str *
rec_action(site_rec *r)
{
	if (r->nact == UINT16_MAX)
		return NULL;
	r->act = pm_xrealloc(r->act, (r->nact + 1u) * sizeof(*r->act));
	memset(r->act[r->nact], 0, sizeof(*r->act));
	return r->act[r->nact++];
}

site_zone *
rec_zone(site_rec *r)
{
	if (r->nzone == UINT16_MAX)
		return NULL;
	r->zone = pm_xrealloc(r->zone, (r->nzone + 1u) * sizeof(*r->zone));
	memset(&r->zone[r->nzone], 0, sizeof(*r->zone));
	return &r->zone[r->nzone++];
}

void
rec_done(site_rec *r, pm_buf *mem)
{
	/* exactly its size: ten thousand records' slack adds up */
	r->mem = pm_xrealloc(mem->data, mem->len + 1);
	memset(mem, 0, sizeof(*mem));
}

void
rec_free(site_rec *r)
{
	free(r->mem);
	free(r->out);
	free(r->act);
	free(r->zone);
	memset(r, 0, sizeof(*r));
}

/* Reading, by libxml2's SAX2 callbacks: ten thousand records are read
 * without building a node of them (the tree reader that did was most of
 * a no-change rebuild's time). */

/* Undoes put_attr's %XX and the "&#38;" a SAX2 attribute value keeps for
 * each '&' (libxml2 replaces no entity in it unless asked to, and then
 * also external ones), in place. No other '&' is in such a value. */
static void
unpercent(char *s)
{
	char *d = s, hex[3] = {0};

	for (; *s; s++) {
		if (s[0] == '%' && isxdigit((unsigned char)s[1]) &&
		    isxdigit((unsigned char)s[2])) {
			hex[0] = s[1];
			hex[1] = s[2];
			*d++ = (char)strtoul(hex, NULL, 16);
			s += 2;
		} else if (strncmp(s, "&#38;", 5) == 0) {
			*d++ = '&';
			s += 4;
		} else {
			*d++ = *s;
		}
	}
	*d = '\0';
}

/* SAX2 gives an element's attributes five pointers each: local name,
 * prefix, URI, value and its end. */
typedef const xmlChar **sax_attrs;

/* The value of the attribute name (no prefix), or NULL; *end its end. */
static const char *
value_of(sax_attrs at, int n, const char *name, const char **end)
{
	int i;

	for (i = 0; i < n; i++, at += 5)
		if (at[1] == NULL && strcmp((const char *)at[0], name) == 0) {
			*end = (const char *)at[4];
			return (const char *)at[3];
		}
	return NULL;
}

/* The attribute name decoded into mem; 0 when there is none. */
static rec_str
attr(sax_attrs at, int n, pm_buf *mem, const char *name)
{
	const char *v, *end;
	rec_str s;

	if ((v = value_of(at, n, name, &end)) == NULL)
		return 0;
	s = (rec_str)mem->len;
	pm_buf_put(mem, v, (size_t)(end - v));
	pm_buf_putc(mem, '\0');
	unpercent(mem->data + s);
	return s;
}

/* A hash attribute: 1 and *key when present and well-formed hex. */
static int
attr_hash(sax_attrs at, int n, const char *name, uint64_t *key)
{
	const char *v, *end;
	char hex[24], *stop;

	if ((v = value_of(at, n, name, &end)) == NULL || end == v ||
	    (size_t)(end - v) >= sizeof(hex))
		return 0;
	memcpy(hex, v, (size_t)(end - v));
	hex[end - v] = '\0';
	*key = strtoull(hex, &stop, 16);
	return *stop == '\0';
}

static uint64_t
attr_key(sax_attrs at, int n, const char *name)
{
	uint64_t key = 0;

	return attr_hash(at, n, name, &key) ? key : 0;
}

/* The element's attributes of the names given into out, in one pass. */
static void
fields(sax_attrs at, int n, pm_buf *mem, const char *const *names,
       int nnames, rec_str *out)
{
	int k;

	for (k = 0; k < nnames; k++)
		out[k] = attr(at, n, mem, names[k]);
}

static void
add_rec(manifest *m, site_rec *r, size_t *cap)
{
	if (m->n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		m->recs = pm_xrealloc(m->recs, *cap * sizeof(*m->recs));
	}
	m->recs[m->n++] = *r;
}

/* What the callbacks know while the record is read. */
struct reading {
	manifest *m;
	size_t cap;
	int depth;    /* of the element open: 1 is <build> */
	int root;     /* the root is the site's <build> */
	int foreign;  /* another version's or format's record */
	int source;   /* a <source> is being read into r */
	int stopped;  /* the root is not a record's */
	site_rec r;
	pm_buf mem;
};

static int
is_site(const xmlChar *name, const xmlChar *uri, const char *want)
{
	return uri != NULL && strcmp((const char *)uri, PM_BUILD_NS) == 0 &&
	       strcmp((const char *)name, want) == 0;
}

static void
start_root(struct reading *rd, sax_attrs at, int n)
{
	const char *v, *end;

	rd->root = 1;
	v = value_of(at, n, "pmc", &end);
	rd->foreign = v == NULL || (size_t)(end - v) != strlen(PMC_VERSION) ||
	              memcmp(v, PMC_VERSION, (size_t)(end - v)) != 0;
	v = value_of(at, n, "format", &end);
	rd->foreign |= v == NULL ||
	               (size_t)(end - v) != strlen(MANIFEST_FORMAT) ||
	               memcmp(v, MANIFEST_FORMAT, (size_t)(end - v)) != 0;
}

static void
start_source(struct reading *rd, sax_attrs at, int n)
{
	site_rec *r = &rd->r;

	rec_new(r, &rd->mem);
	rd->source = 1;
	r->path = attr(at, n, &rd->mem, "path");
	r->key = attr_key(at, n, "key");
	r->id = attr(at, n, &rd->mem, "id");
	r->from = attr(at, n, &rd->mem, "today-from");
	r->to = attr(at, n, &rd->mem, "today-to");
	r->src_hash = attr_key(at, n, "src-hash");
	r->stale = value_of(at, n, "stale", &(const char *){NULL}) != NULL;
}

/* A child of <source> (depth 3), or an incident's <action> (depth 4). */
static void
start_part(struct reading *rd, const xmlChar *name, const xmlChar *uri,
           sax_attrs at, int n)
{
	site_rec *r = &rd->r;
	pm_buf *mem = &rd->mem;
	site_output *o;
	site_zone *z;
	rec_str *a;

	if (rd->depth == 3 && is_site(name, uri, "output")) {
		o = rec_output(r);
		o->format = attr(at, n, mem, "format");
		o->file = attr(at, n, mem, "file");
		o->key = attr_key(at, n, "key");
		o->size = attr(at, n, mem, "size");
		o->has_hash = attr_hash(at, n, "hash", &o->hash) != 0;
	} else if (rd->depth == 3 && is_site(name, uri, "zone") &&
	           (z = rec_zone(r)) != NULL) {
		z->file = attr(at, n, mem, "file");
		z->hash = attr_key(at, n, "hash");
	} else if (rd->depth == 3 && is_site(name, uri, "incident") &&
	           !r->incident) {
		r->incident = 1;
		fields(at, n, mem, pm_site_fields(0, NULL), INC_NFIELDS, r->inc);
	} else if (rd->depth == 4 && is_site(name, uri, "action") &&
	           r->incident && (a = rec_action(r)) != NULL) {
		fields(at, n, mem, pm_site_fields(1, NULL), ACT_NFIELDS, a);
	}
}

static void
start_index(struct reading *rd, sax_attrs at, int n)
{
	manifest *m = rd->m;
	pm_buf name = {0};
	rec_str f;

	pm_buf_putc(&name, '\0');
	if ((f = attr(at, n, &name, "file")) != 0)
		m->index = pm_xstrdup(name.data + f);
	m->index_has_hash = attr_hash(at, n, "hash", &m->index_hash);
	m->index_key = attr_key(at, n, "key");
	pm_buf_free(&name);
}

static void
on_start(void *ctx, const xmlChar *name, const xmlChar *prefix,
         const xmlChar *uri, int nns, const xmlChar **ns, int n,
         int ndefaulted, const xmlChar **at)
{
	struct reading *rd = ((xmlParserCtxtPtr)ctx)->_private;

	(void)prefix, (void)nns, (void)ns, (void)ndefaulted;
	rd->depth++;
	if (rd->depth == 1 && is_site(name, uri, "build"))
		start_root(rd, at, n);
	else if (rd->depth == 1)
		rd->stopped = 1, xmlStopParser(ctx); /* not a record */
	else if (rd->depth == 2 && is_site(name, uri, "source"))
		start_source(rd, at, n);
	else if (rd->depth == 2 && is_site(name, uri, "index") &&
	         rd->m->index == NULL)
		start_index(rd, at, n);
	else if (rd->source)
		start_part(rd, name, uri, at, n);
}

/* The record of a <source> read, as far as it was read. */
static void
end_source(struct reading *rd)
{
	rd->source = 0;
	rec_done(&rd->r, &rd->mem);
	/* room for a record's strings at once: growing from nothing was a
	 * good part of what reading ten thousand of them cost */
	rd->mem.data = pm_xmalloc(rd->mem.cap = 2048);
	if (rd->r.path != 0)
		add_rec(rd->m, &rd->r, &rd->cap);
	else
		rec_free(&rd->r);
}

static void
on_end(void *ctx, const xmlChar *name, const xmlChar *prefix,
       const xmlChar *uri)
{
	struct reading *rd = ((xmlParserCtxtPtr)ctx)->_private;

	(void)name, (void)prefix, (void)uri;
	if (rd->depth == 2 && rd->source)
		end_source(rd);
	rd->depth--;
}

/* Reads the record at path into m; 0 when it is well-formed to its end
 * and of this version. */
static int
read_record(manifest *m, const char *path)
{
	xmlSAXHandler sax;
	struct reading rd = {.m = m};
	xmlParserCtxtPtr ctxt;
	char buf[65536];
	size_t got, i;
	FILE *f = fopen(path, "rb");
	int rc = -1;

	if (f == NULL)
		return -1;
	memset(&sax, 0, sizeof(sax));
	sax.initialized = XML_SAX2_MAGIC;
	sax.startElementNs = on_start;
	sax.endElementNs = on_end;
	rd.mem.data = pm_xmalloc(rd.mem.cap = 2048);
	ctxt = xmlCreatePushParserCtxt(&sax, NULL, NULL, 0, path);
	if (ctxt == NULL)
		goto out;
	ctxt->_private = &rd;
	/* no network, no entities, no DTD: it is only ever our own file */
	xmlCtxtUseOptions(ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR |
	                            XML_PARSE_NOWARNING);
	while (!rd.stopped && (got = fread(buf, 1, sizeof(buf), f)) > 0 &&
	       xmlParseChunk(ctxt, buf, (int)got, 0) == 0)
		continue;
	if (!ferror(f) && ctxt->wellFormed && !rd.stopped)
		xmlParseChunk(ctxt, NULL, 0, 1);
	if (rd.source)
		end_source(&rd); /* cut short: what was read of it */
	rc = ctxt->wellFormed && rd.root && !rd.stopped && !ferror(f) &&
	             !rd.foreign
	         ? 0
	         : -1;
	/* another version's keys or records mean nothing here, but which
	 * files it wrote still counts: everything is rebuilt, nothing is
	 * lost */
	for (i = 0; rc != 0 && i < m->n; i++)
		m->recs[i].stale = 1;
	xmlFreeParserCtxt(ctxt);
out:
	pm_buf_free(&rd.mem);
	fclose(f);
	return rc;
}

static size_t
slot_of(const manifest *m, const char *path)
{
	return pm_fnv_str(PM_FNV_INIT, path) & (m->nslots - 1);
}

/* The first entry of each path is the one found. */
static void
index_paths(manifest *m)
{
	size_t i, s;

	for (m->nslots = 64; m->nslots < 2 * m->n;)
		m->nslots *= 2;
	m->slots = pm_xcalloc(m->nslots, sizeof(*m->slots));
	for (i = 0; i < m->n; i++) {
		const char *p = rec_get(&m->recs[i], m->recs[i].path);
		for (s = slot_of(m, p); m->slots[s] != 0;
		     s = (s + 1) & (m->nslots - 1))
			if (strcmp(rec_get(&m->recs[m->slots[s] - 1],
			                   m->recs[m->slots[s] - 1].path),
			           p) == 0)
				break;
		if (m->slots[s] == 0)
			m->slots[s] = i + 1;
	}
}

static int
by_written(const void *a, const void *b)
{
	return strcmp(((const written *)a)->file, ((const written *)b)->file);
}

static void
add_owned(manifest *m, size_t *cap, const char *file, uint64_t hash,
          int has_hash, const char *size)
{
	if (file == NULL)
		return;
	if (m->nown == *cap)
		m->own = pm_xrealloc(m->own, (*cap = *cap * 2 + 64) *
		                                 sizeof(*m->own));
	m->own[m->nown].file = file;
	m->own[m->nown].hash = hash;
	m->own[m->nown].has_hash = (unsigned char)has_hash;
	m->own[m->nown++].size = size ? strtoumax(size, NULL, 10) : UINTMAX_MAX;
}

/* The journal a killed run left: "HASH FILE" lines, FILE as put_attr
 * writes it; a torn last line names nothing that was renamed. */
static void
read_journal(manifest *m, const char *dir)
{
	char *path = join_path(dir, PM_JOURNAL), *line = NULL, *end;
	FILE *f = fopen(path, "rb");
	size_t cap = 0, n;
	ssize_t len;
	uint64_t hash;

	free(path);
	if (f == NULL)
		return;
	m->dirty = 1;
	while ((len = getline(&line, &cap, f)) > 0) {
		if (line[len - 1] != '\n' || len < 19 || line[16] != ' ')
			continue;
		line[len - 1] = '\0';
		hash = strtoull(line, &end, 16);
		if (end != line + 16)
			continue;
		unpercent(line + 17);
		n = m->njournal;
		m->journal = pm_xrealloc(m->journal, (n + 1) * sizeof(char *));
		m->journal[n] = pm_xstrdup(line + 17);
		m->journal_hash = pm_xrealloc(m->journal_hash,
		                              (n + 1) * sizeof(uint64_t));
		m->journal_hash[n] = hash;
		m->njournal++;
	}
	free(line);
	fclose(f);
}

/* The files pmc build may replace or remove, sorted for look-ups. */
static void
index_owned(manifest *m)
{
	const site_rec *r;
	size_t cap = 0, i, k;

	for (i = 0; i < m->n; i++)
		for (r = &m->recs[i], k = 0; k < r->nout; k++)
			add_owned(m, &cap, rec_get(r, r->out[k].file),
			          r->out[k].hash, r->out[k].has_hash,
			          rec_get(r, r->out[k].size));
	if (m->index != NULL)
		add_owned(m, &cap, m->index, m->index_hash, m->index_has_hash,
		          NULL);
	for (i = 0; i < m->njournal; i++)
		add_owned(m, &cap, m->journal[i], m->journal_hash[i], 1, NULL);
	if (m->nown > 0)
		qsort(m->own, m->nown, sizeof(*m->own), by_written);
}

static void read_stat_cache(manifest *, const char *);

void
manifest_read(manifest *m, const char *dir)
{
	char *path = join_path(dir, PM_MANIFEST);

	memset(m, 0, sizeof(*m));
	read_journal(m, dir);
	/* not well-formed to its end (a record an older pmc wrote with a
	 * Latin-1 name in it) or another version's: its keys are not
	 * trusted, everything is rebuilt, but the files it did list are
	 * still known to be pmc's */
	m->loaded = read_record(m, path) == 0;
	if (!m->loaded)
		m->index_key = 0;
	free(path);
	index_paths(m);
	index_owned(m);
	if (m->loaded && !m->dirty)
		read_stat_cache(m, dir);
}

static void *
read_apart(void *arg)
{
	manifest_reading *r = arg;

	manifest_read(r->m, r->dir);
	return NULL;
}

void
manifest_read_start(manifest_reading *r, manifest *m, const char *dir)
{
	r->m = m;
	r->dir = dir;
	/* libxml2 is set up once, before a second thread uses it */
	xmlInitParser();
	r->started = pthread_create(&r->thread, NULL, read_apart, r) == 0;
	if (!r->started)
		manifest_read(m, dir);
}

void
manifest_read_wait(manifest_reading *r)
{
	if (r->started)
		pthread_join(r->thread, NULL);
	r->started = 0;
}

void
manifest_free(manifest *m)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		rec_free(&m->recs[i]);
	for (i = 0; i < m->njournal; i++)
		free(m->journal[i]);
	free(m->journal);
	free(m->journal_hash);
	free(m->own);
	free(m->recs);
	free(m->slots);
	free(m->index);
	memset(m, 0, sizeof(*m));
}

uint64_t
pm_hash_bytes(const void *p, size_t n)
{
	return pm_fnv(PM_FNV_INIT, p, n);
}

int
pm_hash_path(const char *path, uint64_t *hash, uintmax_t *size)
{
	char buf[65536];
	struct stat st;
	ssize_t n;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		errno = EEXIST; /* something in the way */
		return -1;
	}
	*hash = PM_FNV_INIT;
	*size = 0;
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		*hash = pm_fnv(*hash, buf, (size_t)n);
		*size += (uintmax_t)n;
	}
	close(fd);
	return n < 0 ? -1 : 0;
}

int
manifest_owns(const manifest *m, const char *dir, const char *file)
{
	char *path = join_path(dir, file);
	written key = {.file = file};
	const written *o;
	uint64_t hash;
	uintmax_t size;
	struct stat st;
	int rc;

	if (lstat(path, &st) != 0 && errno == ENOENT) {
		free(path);
		return 1;
	}
	rc = pm_hash_path(path, &hash, &size);
	free(path);
	if (rc != 0 || m->nown == 0 ||
	    (o = bsearch(&key, m->own, m->nown, sizeof(key), by_written)) == NULL)
		return 0;
	while (o > m->own && strcmp(o[-1].file, file) == 0)
		o--;
	for (; o < m->own + m->nown && strcmp(o->file, file) == 0; o++)
		if (o->has_hash ? o->hash == hash
		                : o->size == UINTMAX_MAX || o->size == size)
			return 1;
	return 0;
}

size_t
manifest_files(const manifest *m, const char ***files)
{
	size_t i;

	*files = pm_xcalloc(m->nown + 1, sizeof(**files));
	for (i = 0; i < m->nown; i++)
		(*files)[i] = m->own[i].file;
	return m->nown;
}

const site_rec *
manifest_find(const manifest *m, const char *path)
{
	size_t s;
	const site_rec *r;

	if (m->nslots == 0)
		return NULL;
	for (s = slot_of(m, path); m->slots[s] != 0;
	     s = (s + 1) & (m->nslots - 1)) {
		r = &m->recs[m->slots[s] - 1];
		if (strcmp(rec_get(r, r->path), path) == 0)
			return r;
	}
	return NULL;
}

/* Writing, as libxml2's formatted serialisation wrote the tree it was
 * once kept as, so that manifests stay comparable across versions. */

/* Whether the character at s (n bytes of it) may stand as itself in the
 * record: file names and a document's values are bytes, and XML takes
 * neither control characters (not even as &#1;) nor bytes that are not
 * UTF-8, so those, and '%' itself, are written as %XX. Without it, one
 * Latin-1 file name made the whole record unreadable and every later
 * run rebuilt everything and pruned nothing. */
static size_t
plain_char(const char *s, size_t n)
{
	int32_t cp;
	size_t len = pm_utf8_decode(s, n, &cp);

	if (len == 0 || cp < 0x20 || cp == 0x7f || cp == '%' ||
	    cp == 0xfffe || cp == 0xffff || (cp >= 0x80 && cp < 0xa0))
		return 0;
	return len;
}

static void
put_attr(FILE *f, const char *name, const char *v)
{
	size_t n, len;

	if (v == NULL)
		return;
	fprintf(f, " %s=\"", name);
	for (n = strlen(v); n > 0; v += len, n -= len) {
		if ((len = plain_char(v, n)) == 0) {
			fprintf(f, "%%%02X", (unsigned char)*v);
			len = 1;
			continue;
		}
		switch (*v) {
		case '"': fputs("&quot;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		default: fwrite(v, 1, len, f); break;
		}
	}
	fputc('"', f);
}

static void
put_key(FILE *f, const char *name, uint64_t key)
{
	char hex[17];

	snprintf(hex, sizeof(hex), "%016" PRIx64, key);
	put_attr(f, name, hex);
}

int
manifest_open(manifest_out *w, const char *dir)
{
	int fd;

	memset(w, 0, sizeof(*w));
	w->path = join_path(dir, PM_MANIFEST);
	w->tmp = join_path(dir, PM_TMP_NAME);
	if ((fd = tmp_open(w->tmp, &w->slot)) < 0) {
		w->slot = -1;
		w->err = errno;
		return -1;
	}
	if ((w->f = fdopen(fd, "wb")) == NULL) {
		w->err = errno;
		close(fd);
		return -1;
	}
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<build xmlns=\"" PM_BUILD_NS
	      "\" pmc=\"" PMC_VERSION "\" format=\"" MANIFEST_FORMAT "\"",
	      w->f);
	return 0;
}

/* Closes the parent's start tag before its first child. */
static void
child(manifest_out *w)
{
	if (!w->children)
		fputs(">\n", w->f);
	w->children = 1;
}

void
manifest_put(manifest_out *w, const site_rec *r, int stale)
{
	const char *const *inc = pm_site_fields(0, NULL);
	const char *const *act = pm_site_fields(1, NULL);
	FILE *f = w->f;
	size_t i;
	int k;

	if (f == NULL)
		return;
	child(w);
	fputs("  <source", f);
	put_attr(f, "path", rec_get(r, r->path));
	put_key(f, "key", r->key);
	put_attr(f, "id", rec_get(r, r->id));
	put_attr(f, "today-from", rec_get(r, r->from));
	put_attr(f, "today-to", rec_get(r, r->to));
	if (r->src_hash != 0)
		put_key(f, "src-hash", r->src_hash);
	if (stale || r->stale)
		put_attr(f, "stale", "true");
	if (r->nout == 0 && r->nzone == 0 && !r->incident) {
		fputs("/>\n", f);
		return;
	}
	fputs(">\n", f);
	for (i = 0; i < r->nout; i++) {
		fputs("    <output", f);
		put_attr(f, "format", rec_get(r, r->out[i].format));
		put_attr(f, "file", rec_get(r, r->out[i].file));
		put_key(f, "key", r->out[i].key);
		put_attr(f, "size", rec_get(r, r->out[i].size));
		if (r->out[i].has_hash)
			put_key(f, "hash", r->out[i].hash);
		fputs("/>\n", f);
	}
	for (i = 0; i < r->nzone; i++) {
		fputs("    <zone", f);
		put_attr(f, "file", rec_get(r, r->zone[i].file));
		put_key(f, "hash", r->zone[i].hash);
		fputs("/>\n", f);
	}
	if (r->incident) {
		fputs("    <incident", f);
		for (k = 0; k < INC_NFIELDS; k++)
			put_attr(f, inc[k], rec_get(r, r->inc[k]));
		fputs(r->nact ? ">\n" : "/>\n", f);
		for (i = 0; i < r->nact; i++) {
			fputs("      <action", f);
			for (k = 0; k < ACT_NFIELDS; k++)
				put_attr(f, act[k],
				         rec_get(r, r->act[i][k]));
			fputs("/>\n", f);
		}
		if (r->nact)
			fputs("    </incident>\n", f);
	}
	fputs("  </source>\n", f);
}

int
manifest_close(manifest_out *w, const site_index_file *index)
{
	int rc = -1;

	if (w->f == NULL)
		goto out;
	if (index->file != NULL) {
		child(w);
		fputs("  <index", w->f);
		put_attr(w->f, "file", index->file);
		put_key(w->f, "hash", index->hash);
		if (index->key != 0)
			put_key(w->f, "key", index->key);
		fputs("/>\n", w->f);
	}
	fputs(w->children ? "</build>\n" : "/>\n", w->f);
	/* the manifest, unlike the outputs, reaches the disk before it
	 * counts: an output lost in a crash then has the wrong size */
	errno = 0;
	if (fflush(w->f) != 0 || ferror(w->f) || fsync(fileno(w->f)) != 0) {
		w->err = errno ? errno : EIO; /* ferror: a write failed earlier */
		fclose(w->f);
	} else if (fclose(w->f) != 0) {
		w->err = errno;
	} else if (chmod(w->tmp, output_mode()) != 0 || rename(w->tmp, w->path) != 0) {
		w->err = errno;
	} else {
		rc = 0;
	}
	w->f = NULL;
out:
	if (rc != 0 && w->slot >= 0)
		unlink(w->tmp);
	tmp_done(w->slot);
	free(w->tmp);
	free(w->path);
	errno = w->err;
	return rc;
}

/* The journal */

/* A file name as the journal and the stat cache write it: as put_attr
 * does, and a space as %20. */
static void
put_name(pm_buf *lines, const char *file)
{
	char hex[4];
	size_t n;

	for (; *file; file += n) {
		if ((n = plain_char(file, strlen(file))) == 0 || *file == ' ') {
			snprintf(hex, sizeof(hex), "%%%02X", (unsigned char)*file);
			pm_buf_puts(lines, hex);
			n = 1;
		} else {
			pm_buf_put(lines, file, n);
		}
	}
}

void
journal_add(pm_buf *lines, const char *file, uint64_t hash)
{
	char hex[20];

	snprintf(hex, sizeof(hex), "%016" PRIx64 " ", hash);
	pm_buf_puts(lines, hex);
	put_name(lines, file);
	pm_buf_putc(lines, '\n');
}

/* The stat cache */

#define STAT_HEAD "pmc-stat 1\n"

void
stat_cache_add(pm_buf *lines, int kind, uint64_t stat, uint64_t hash,
               const char *path)
{
	char head[48];

	if (lines->len == 0)
		pm_buf_puts(lines, STAT_HEAD);
	snprintf(head, sizeof(head), "%c %016" PRIx64 " %016" PRIx64, kind,
	         stat, hash);
	pm_buf_puts(lines, head);
	if (path != NULL) {
		pm_buf_putc(lines, ' ');
		put_name(lines, path);
	}
	pm_buf_putc(lines, '\n');
}

int
stat_cache_write(const char *dir, const pm_buf *lines)
{
	char *tmp = join_path(dir, PM_TMP_NAME), *path;
	char end[32];
	int fd, slot, rc = -1;

	pm_buf none = {0};

	if (lines->len == 0) { /* no file's stat is known yet */
		pm_buf_puts(&none, STAT_HEAD);
		lines = &none;
	}
	snprintf(end, sizeof(end), "end %016" PRIx64 "\n",
	         pm_hash_bytes(lines->data, lines->len));
	if ((fd = tmp_open(tmp, &slot)) < 0) {
		free(tmp);
		pm_buf_free(&none);
		return -1;
	}
	path = join_path(dir, PM_STAT_CACHE);
	if (write(fd, lines->data, lines->len) == (ssize_t)lines->len &&
	    write(fd, end, strlen(end)) == (ssize_t)strlen(end) &&
	    close(fd) == 0) {
		fd = -1;
		rc = chmod(tmp, output_mode()) == 0 && rename(tmp, path) == 0
		         ? 0
		         : -1;
	}
	if (fd >= 0)
		close(fd);
	if (rc != 0)
		unlink(tmp);
	tmp_done(slot);
	free(path);
	free(tmp);
	pm_buf_free(&none);
	return rc;
}

/* One line of the cache, into m: a source's stat counts only for the
 * bytes the record says it was made from. */
static void
stat_line(manifest *m, char *line)
{
	uint64_t stat, hash;
	site_rec *r;
	char *end;

	if ((line[0] != 's' && line[0] != 'i') || line[1] != ' ')
		return;
	stat = strtoull(line + 2, &end, 16);
	if (end != line + 18 || *end != ' ')
		return;
	hash = strtoull(end + 1, &end, 16);
	if (end != line + 35)
		return;
	if (line[0] == 'i' && *end == '\0' && m->index_has_hash &&
	    hash == m->index_hash)
		m->index_stat = stat;
	if (line[0] != 's' || *end != ' ')
		return;
	unpercent(end + 1);
	if ((r = (site_rec *)manifest_find(m, end + 1)) != NULL &&
	    r->src_hash == hash)
		r->src_stat = stat;
}

static void
read_stat_cache(manifest *m, const char *dir)
{
	char *path = join_path(dir, PM_STAT_CACHE), *bytes, *line, *nl;
	FILE *f = fopen(path, "rb");
	size_t len, body;
	char end[32];

	free(path);
	if (f == NULL)
		return;
	bytes = pm_read_all(f, &len);
	fclose(f);
	/* whole and ours, or not used at all */
	body = len >= 21 ? len - 21 : 0;
	if (bytes == NULL || len < 21 + strlen(STAT_HEAD) ||
	    memcmp(bytes, STAT_HEAD, strlen(STAT_HEAD)) != 0)
		goto out;
	snprintf(end, sizeof(end), "end %016" PRIx64 "\n",
	         pm_hash_bytes(bytes, body));
	if (memcmp(bytes + body, end, 21) != 0)
		goto out;
	bytes[body] = '\0';
	for (line = bytes + strlen(STAT_HEAD); *line; line = nl + 1) {
		if ((nl = strchr(line, '\n')) == NULL)
			break;
		*nl = '\0';
		stat_line(m, line);
	}
out:
	free(bytes);
}

static int
sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

int
journal_write(journal *jn, const char *dir, const pm_buf *lines)
{
	char *path;
	size_t done = 0;
	ssize_t n;

	if (jn->fd < 0) {
		path = join_path(dir, PM_JOURNAL);
		jn->fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC,
		              0666);
		free(path);
		/* the journal's name reaches the disk before anything it
		 * covers is renamed */
		if (jn->fd < 0 || sync_dir(dir) != 0)
			return -1;
	}
	while (done < lines->len &&
	       (n = write(jn->fd, lines->data + done, lines->len - done)) > 0)
		done += (size_t)n;
	if (done < lines->len)
		return -1;
	return fdatasync(jn->fd);
}

int
journal_close(journal *jn, const char *dir, int committed)
{
	char *path = join_path(dir, PM_JOURNAL);
	int rc = 0;

	if (jn->fd >= 0)
		close(jn->fd);
	jn->fd = -1;
	/* the record that makes the journal moot is on the disk first */
	if (committed && (rc = sync_dir(dir)) == 0 && unlink(path) != 0 &&
	    errno != ENOENT)
		rc = -1;
	free(path);
	return rc;
}
