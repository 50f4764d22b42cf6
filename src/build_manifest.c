/* build_manifest.c: the record pmc build keeps in its output folder of
 * what it wrote and from which inputs, so that a second run rebuilds only
 * what changed; read as a stream and written as one, a compact record
 * per source in between. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/xmlreader.h>

#include "alloc.h"
#include "build.h"

const char *const site_inc_fields[INC_NFIELDS] = {
    "id",       "lang",         "status",    "title",    "severity",
    "level",    "detected-by",  "owner",     "started",  "detected",
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

/* The value of the element's attribute name (no namespace), copied into
 * mem; 0 when it has none. */
static rec_str
attr(xmlTextReaderPtr rd, pm_buf *mem, const char *name)
{
	xmlChar *v = xmlTextReaderGetAttribute(rd, (const xmlChar *)name);
	rec_str s = rec_put(mem, (const char *)v);

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

void
manifest_read(manifest *m, const char *dir)
{
	char *path = join_path(dir, PM_MANIFEST);
	xmlTextReaderPtr rd;
	xmlChar *version = NULL;
	size_t cap = 0;
	int rc;

	memset(m, 0, sizeof(*m));
	/* no network, no entities, no DTD: it is only ever our own file */
	rd = xmlReaderForFile(path, "UTF-8",
	                      XML_PARSE_NONET | XML_PARSE_NOERROR |
	                          XML_PARSE_NOWARNING);
	free(path);
	if (rd == NULL)
		return;
	while ((rc = xmlTextReaderRead(rd)) == 1 &&
	       xmlTextReaderNodeType(rd) != XML_READER_TYPE_ELEMENT)
		continue;
	if (rc == 1 && is_site(rd, "build"))
		version = xmlTextReaderGetAttribute(rd, (const xmlChar *)"pmc");
	if (version == NULL || strcmp((const char *)version, PMC_VERSION) != 0)
		rc = -1; /* another version's manifest: rebuild everything */
	while (rc == 1 && (rc = xmlTextReaderRead(rd)) == 1) {
		if (xmlTextReaderDepth(rd) != 1)
			continue;
		if (is_site(rd, "source"))
			rc = read_source(m, rd, &cap);
		else if (is_site(rd, "index") && m->index == NULL) {
			xmlChar *f = xmlTextReaderGetAttribute(
			    rd, (const xmlChar *)"file");
			m->index = f ? pm_xstrdup((const char *)f) : NULL;
			xmlFree(f);
		}
	}
	xmlFree(version);
	xmlFreeTextReader(rd);
	if (rc != 0) {
		/* not well-formed to its end: as if there were none */
		manifest_free(m);
		return;
	}
	m->loaded = 1;
	index_paths(m);
}

void
manifest_free(manifest *m)
{
	size_t i;

	for (i = 0; i < m->n; i++)
		rec_free(&m->recs[i]);
	free(m->recs);
	free(m->slots);
	free(m->index);
	memset(m, 0, sizeof(*m));
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

static void
put_attr(FILE *f, const char *name, const char *v)
{
	if (v == NULL)
		return;
	fprintf(f, " %s=\"", name);
	for (; *v; v++) {
		switch (*v) {
		case '\n': fputs("&#10;", f); break;
		case '\r': fputs("&#13;", f); break;
		case '\t': fputs("&#9;", f); break;
		case '"': fputs("&quot;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		default: fputc(*v, f); break;
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
	w->tmp = join_path(dir, ".pmc-XXXXXX");
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
	      "\" pmc=\"" PMC_VERSION "\"",
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
	if (r->nout == 0 && !r->incident) {
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
manifest_close(manifest_out *w, const char *index_file)
{
	int rc = -1;

	if (w->f == NULL)
		goto out;
	if (index_file != NULL) {
		child(w);
		fputs("  <index", w->f);
		put_attr(w->f, "file", index_file);
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
	} else if (chmod(w->tmp, 0644) != 0 || rename(w->tmp, w->path) != 0) {
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
