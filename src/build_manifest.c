/* build_manifest.c: the record pmc build keeps in its output folder of
 * what it wrote and from which inputs, so that a second run rebuilds only
 * what changed. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/xmlsave.h>

#include "alloc.h"
#include "build.h"

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

static int
is_site(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	       strcmp((const char *)n->ns->href, PM_SITE_NS) == 0 &&
	       (name == NULL || strcmp((const char *)n->name, name) == 0);
}

/* Puts node and its descendants in ns, declared above them, so that a
 * copy does not declare the namespace again on every element (the
 * manifest of an incremental build must read as a clean build's). */
static void
own_ns(xmlNodePtr node, xmlNsPtr ns)
{
	xmlNodePtr c;

	if (node->type != XML_ELEMENT_NODE)
		return;
	if (node->nsDef != NULL) {
		xmlFreeNsList(node->nsDef);
		node->nsDef = NULL;
	}
	node->ns = ns;
	for (c = node->children; c != NULL; c = c->next)
		own_ns(c, ns);
}

xmlNodePtr
site_first(const xmlNode *parent, const char *name)
{
	xmlNodePtr n;

	for (n = parent ? parent->children : NULL; n; n = n->next)
		if (is_site(n, name))
			return n;
	return NULL;
}

xmlNodePtr
site_next(const xmlNode *node, const char *name)
{
	xmlNodePtr n;

	for (n = node ? node->next : NULL; n; n = n->next)
		if (is_site(n, name))
			return n;
	return NULL;
}

const char *
site_get(const xmlNode *node, const char *attr)
{
	xmlAttrPtr a;

	for (a = node ? node->properties : NULL; a != NULL; a = a->next)
		if (a->ns == NULL && strcmp((const char *)a->name, attr) == 0)
			return a->children && a->children->content
			           ? (const char *)a->children->content
			           : "";
	return NULL;
}

void
site_set(xmlNodePtr node, const char *attr, const char *value)
{
	if (value != NULL)
		xmlSetProp(node, (const xmlChar *)attr, (const xmlChar *)value);
}

void
site_set_key(xmlNodePtr node, const char *attr, uint64_t key)
{
	char hex[17];

	snprintf(hex, sizeof(hex), "%016" PRIx64, key);
	site_set(node, attr, hex);
}

uint64_t
site_get_key(const xmlNode *node, const char *attr)
{
	const char *s = site_get(node, attr);

	return s ? strtoull(s, NULL, 16) : 0;
}

xmlNodePtr
site_copy(const xmlNode *node, xmlNodePtr parent)
{
	xmlNodePtr copy = xmlDocCopyNode((xmlNodePtr)node, parent->doc, 1);

	own_ns(copy, parent->ns);
	return xmlAddChild(parent, copy);
}

static int
by_path(const void *a, const void *b)
{
	const char *pa = site_get(*(xmlNodePtr const *)a, "path");
	const char *pb = site_get(*(xmlNodePtr const *)b, "path");

	return strcmp(pa ? pa : "", pb ? pb : "");
}

void
manifest_read(manifest *m, const char *dir)
{
	char *path = join_path(dir, PM_MANIFEST);
	xmlNodePtr root, s;
	size_t n = 0;

	memset(m, 0, sizeof(*m));
	/* no network, no entities, no DTD: it is only ever our own file */
	m->doc = xmlReadFile(path, "UTF-8",
	                     XML_PARSE_NONET | XML_PARSE_NOERROR |
	                         XML_PARSE_NOWARNING);
	free(path);
	root = m->doc ? xmlDocGetRootElement(m->doc) : NULL;
	if (!is_site(root, "build") ||
	    strcmp(site_get(root, "pmc") ? site_get(root, "pmc") : "",
	           PMC_VERSION) != 0) {
		/* another version's manifest: rebuild everything */
		manifest_free(m);
		return;
	}
	for (s = site_first(root, "source"); s; s = site_next(s, "source"))
		n++;
	m->sources = pm_xcalloc(n ? n : 1, sizeof(*m->sources));
	for (s = site_first(root, "source"); s; s = site_next(s, "source"))
		if (site_get(s, "path") != NULL)
			m->sources[m->n++] = s;
	qsort(m->sources, m->n, sizeof(*m->sources), by_path);
}

void
manifest_free(manifest *m)
{
	if (m->doc)
		xmlFreeDoc(m->doc);
	free(m->sources);
	memset(m, 0, sizeof(*m));
}

xmlNodePtr
manifest_find(const manifest *m, const char *path)
{
	size_t lo = 0, hi = m->n, mid;
	int cmp;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		cmp = strcmp(path, site_get(m->sources[mid], "path"));
		if (cmp == 0)
			return m->sources[mid];
		if (cmp < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

void
manifest_files(const xmlNode *root, void (*fn)(const char *, void *),
               void *arg)
{
	xmlNodePtr s, o;
	const char *f;

	for (s = site_first(root, "source"); s; s = site_next(s, "source"))
		for (o = site_first(s, "output"); o; o = site_next(o, "output"))
			if ((f = site_get(o, "file")) != NULL)
				fn(f, arg);
	if ((o = site_first(root, "index")) && (f = site_get(o, "file")))
		fn(f, arg);
}

int
manifest_write(xmlDocPtr doc, const char *dir)
{
	char *path = join_path(dir, PM_MANIFEST);
	pm_buf out = {0};
	xmlChar *mem = NULL;
	int len = 0, rc;

	xmlDocDumpFormatMemoryEnc(doc, &mem, &len, "UTF-8", 1);
	if (mem == NULL) {
		errno = ENOMEM;
		free(path);
		return -1;
	}
	pm_buf_put(&out, mem, (size_t)len);
	xmlFree(mem);
	rc = write_atomic(path, &out);
	pm_buf_free(&out);
	free(path);
	return rc;
}
