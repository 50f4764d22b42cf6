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

#include <libxml/xmlreader.h>

#include "alloc.h"
#include "build.h"
#include "utf8.h"

/* The records' shape: a manifest of another is read for the files it
 * owns only. 3: "rank" (pm_policy_rank) replaced "level". */
#define MANIFEST_FORMAT "3"

const char *const site_inc_fields[INC_NFIELDS] = {
    "id",       "lang",         "status",    "title",    "severity",
    "rank",     "detected-by",  "owner",     "started",  "detected",
    "acknowledged", "mitigated", "resolved", "date",     "month",
    "ttd",      "tta",          "ttm",       "ttr",      "open",
    "done",     "overdue"};
const char *const site_act_fields[ACT_NFIELDS] = {"owner", "due",
                                                  "overdue"};

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

/* Reading */

static int
is_site(xmlTextReaderPtr rd, const char *name)
{
	const xmlChar *ns = xmlTextReaderConstNamespaceUri(rd);

	return xmlTextReaderNodeType(rd) == XML_READER_TYPE_ELEMENT &&
	       ns != NULL && strcmp((const char *)ns, PM_SITE_NS) == 0 &&
	       strcmp((const char *)xmlTextReaderConstLocalName(rd), name) ==
	           0;
}

/* Undoes put_attr's %XX in place. */
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
		} else {
			*d++ = *s;
		}
	}
	*d = '\0';
}

/* The value of the element's attribute name (no namespace), decoded and
 * copied into mem; 0 when it has none. */
static rec_str
attr(xmlTextReaderPtr rd, pm_buf *mem, const char *name)
{
	xmlChar *v = xmlTextReaderGetAttribute(rd, (const xmlChar *)name);
	rec_str s;

	if (v != NULL)
		unpercent((char *)v);
	s = rec_put(mem, (const char *)v);
	xmlFree(v);
	return s;
}

static uint64_t
attr_key(xmlTextReaderPtr rd, const char *name)
{
	xmlChar *v = xmlTextReaderGetAttribute(rd, (const xmlChar *)name);
	uint64_t key = v ? strtoull((const char *)v, NULL, 16) : 0;

	xmlFree(v);
	return key;
}

/* A hash attribute: 1 and *key when present and well-formed. */
static int
attr_hash(xmlTextReaderPtr rd, const char *name, uint64_t *key)
{
	xmlChar *v = xmlTextReaderGetAttribute(rd, (const xmlChar *)name);
	char *end;
	int ok = v != NULL && *v != '\0';

	if (ok) {
		*key = strtoull((const char *)v, &end, 16);
		ok = *end == '\0';
	}
	xmlFree(v);
	return ok;
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

/* One <source> element, the reader on it, into m. */
static int
read_source(manifest *m, xmlTextReaderPtr rd, size_t *cap)
{
	int depth = xmlTextReaderDepth(rd), rc, k;
	site_rec r;
	pm_buf mem = {0};
	site_output *o;
	site_zone *z;
	rec_str *a;
	xmlChar *stale;

	rec_new(&r, &mem);
	r.path = attr(rd, &mem, "path");
	r.key = attr_key(rd, "key");
	r.id = attr(rd, &mem, "id");
	r.from = attr(rd, &mem, "today-from");
	r.to = attr(rd, &mem, "today-to");
	stale = xmlTextReaderGetAttribute(rd, (const xmlChar *)"stale");
	r.stale = stale != NULL;
	xmlFree(stale);
	rc = xmlTextReaderIsEmptyElement(rd) ? 0 : 1;
	while (rc == 1 && (rc = xmlTextReaderRead(rd)) == 1 &&
	       xmlTextReaderDepth(rd) > depth) {
		if (is_site(rd, "output")) {
			o = rec_output(&r);
			o->format = attr(rd, &mem, "format");
			o->file = attr(rd, &mem, "file");
			o->key = attr_key(rd, "key");
			o->size = attr(rd, &mem, "size");
			o->has_hash = attr_hash(rd, "hash", &o->hash) != 0;
		} else if (is_site(rd, "zone") && (z = rec_zone(&r)) != NULL) {
			z->file = attr(rd, &mem, "file");
			z->hash = attr_key(rd, "hash");
		} else if (is_site(rd, "incident") && !r.incident) {
			r.incident = 1;
			for (k = 0; k < INC_NFIELDS; k++)
				r.inc[k] = attr(rd, &mem, site_inc_fields[k]);
		} else if (is_site(rd, "action") && r.incident &&
		           (a = rec_action(&r)) != NULL) {
			for (k = 0; k < ACT_NFIELDS; k++)
				a[k] = attr(rd, &mem, site_act_fields[k]);
		}
	}
	rec_done(&r, &mem);
	if (r.path != 0)
		add_rec(m, &r, cap);
	else
		rec_free(&r);
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

/* Reads the <build> element's children into m; 0 when the file is
 * well-formed to its end. */
static int
read_entries(manifest *m, xmlTextReaderPtr rd)
{
	xmlChar *version = NULL, *format = NULL;
	size_t cap = 0, i, first;
	int rc;

	while ((rc = xmlTextReaderRead(rd)) == 1 &&
	       xmlTextReaderNodeType(rd) != XML_READER_TYPE_ELEMENT)
		continue;
	if (rc != 1 || !is_site(rd, "build"))
		return -1;
	version = xmlTextReaderGetAttribute(rd, (const xmlChar *)"pmc");
	format = xmlTextReaderGetAttribute(rd, (const xmlChar *)"format");
	first = m->n;
	while (rc == 1 && (rc = xmlTextReaderRead(rd)) == 1) {
		if (xmlTextReaderDepth(rd) != 1)
			continue;
		if (is_site(rd, "source"))
			rc = read_source(m, rd, &cap);
		else if (is_site(rd, "index") && m->index == NULL) {
			xmlChar *f = xmlTextReaderGetAttribute(
			    rd, (const xmlChar *)"file");
			if (f != NULL)
				unpercent((char *)f);
			m->index = f ? pm_xstrdup((const char *)f) : NULL;
			m->index_has_hash = attr_hash(rd, "hash", &m->index_hash);
			xmlFree(f);
		}
	}
	/* another version's keys or records mean nothing here, but which
	 * files it wrote still counts: everything is rebuilt, nothing is
	 * lost */
	if (version == NULL || strcmp((const char *)version, PMC_VERSION) != 0 ||
	    format == NULL || strcmp((const char *)format, MANIFEST_FORMAT) != 0)
		for (i = first; i < m->n; i++)
			m->recs[i].stale = 1;
	xmlFree(version);
	xmlFree(format);
	return rc;
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

void
manifest_read(manifest *m, const char *dir)
{
	char *path = join_path(dir, PM_MANIFEST);
	xmlTextReaderPtr rd;
	size_t i;
	int rc;

	memset(m, 0, sizeof(*m));
	read_journal(m, dir);
	/* no network, no entities, no DTD: it is only ever our own file */
	rd = xmlReaderForFile(path, "UTF-8",
	                      XML_PARSE_NONET | XML_PARSE_NOERROR |
	                          XML_PARSE_NOWARNING);
	free(path);
	rc = rd != NULL ? read_entries(m, rd) : -1;
	if (rd != NULL)
		xmlFreeTextReader(rd);
	/* not well-formed to its end (a record an older pmc wrote with a
	 * Latin-1 name in it): its keys are not trusted, everything is
	 * rebuilt, but the files it did list are still known to be pmc's */
	for (i = 0; rc != 0 && i < m->n; i++)
		m->recs[i].stale = 1;
	m->loaded = rc == 0;
	index_paths(m);
	index_owned(m);
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
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<build xmlns=\"" PM_SITE_NS
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
			put_attr(f, site_inc_fields[k], rec_get(r, r->inc[k]));
		fputs(r->nact ? ">\n" : "/>\n", f);
		for (i = 0; i < r->nact; i++) {
			fputs("      <action", f);
			for (k = 0; k < ACT_NFIELDS; k++)
				put_attr(f, site_act_fields[k],
				         rec_get(r, r->act[i][k]));
			fputs("/>\n", f);
		}
		if (r->nact)
			fputs("    </incident>\n", f);
	}
	fputs("  </source>\n", f);
}

int
manifest_close(manifest_out *w, const char *index_file, uint64_t index_hash)
{
	int rc = -1;

	if (w->f == NULL)
		goto out;
	if (index_file != NULL) {
		child(w);
		fputs("  <index", w->f);
		put_attr(w->f, "file", index_file);
		put_key(w->f, "hash", index_hash);
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

void
journal_add(pm_buf *lines, const char *file, uint64_t hash)
{
	char hex[20];
	size_t n;

	snprintf(hex, sizeof(hex), "%016" PRIx64 " ", hash);
	pm_buf_puts(lines, hex);
	for (; *file; file += n) {
		if ((n = plain_char(file, strlen(file))) == 0 || *file == ' ') {
			snprintf(hex, sizeof(hex), "%%%02X", (unsigned char)*file);
			pm_buf_puts(lines, hex);
			n = 1;
		} else {
			pm_buf_put(lines, file, n);
		}
	}
	pm_buf_putc(lines, '\n');
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
