/* build.h: the pieces of pmc build: the manifest that makes a second run
 * incremental, and the site index with its cross-incident figures. */
#ifndef PM_BUILD_H
#define PM_BUILD_H

#include <stddef.h>
#include <stdint.h>

#include <libxml/tree.h>

#include "cli.h"

/* The namespace of the manifest and of the index's input document. */
#define PM_SITE_NS "urn:x-pmc:site:1"
#define PM_MANIFEST ".pmc-build"

/* FNV-1a, 64 bits: a small, well-known hash of inputs (not a defence
 * against anyone forging a collision: the manifest is the user's own). */
#define PM_FNV_INIT UINT64_C(0xcbf29ce484222325)
uint64_t pm_fnv(uint64_t h, const void *p, size_t n);
uint64_t pm_fnv_str(uint64_t h, const char *s); /* s and its NUL; NULL ok */

/* The manifest of an earlier build, read-only once loaded, so that
 * worker threads may look entries up at the same time. */
typedef struct manifest {
	xmlDocPtr doc;
	xmlNodePtr *sources; /* <source> elements, sorted by path */
	size_t n;
} manifest;

/* Reads dir/.pmc-build; a missing or unreadable manifest is an empty one
 * (everything is rebuilt). */
void manifest_read(manifest *, const char *dir);
void manifest_free(manifest *);

/* The <source> entry of path, or NULL. */
xmlNodePtr manifest_find(const manifest *, const char *path);

/* The first element child of parent named name in PM_SITE_NS (any name
 * when NULL), and the next such sibling after node. */
xmlNodePtr site_first(const xmlNode *parent, const char *name);
xmlNodePtr site_next(const xmlNode *node, const char *name);

/* Appends a deep copy of node (of any document) to parent, all of it in
 * parent's namespace; returns the copy. */
xmlNodePtr site_copy(const xmlNode *node, xmlNodePtr parent);

/* Attribute helpers; site_get borrows from the tree. */
const char *site_get(const xmlNode *, const char *attr);
void site_set(xmlNodePtr, const char *attr, const char *value);
void site_set_key(xmlNodePtr, const char *attr, uint64_t key);
uint64_t site_get_key(const xmlNode *, const char *attr);

/* Calls fn for each output file the manifest records (outputs and the
 * index), with its name inside the output folder. */
void manifest_files(const xmlNode *root, void (*fn)(const char *, void *),
                    void *arg);

/* Serialises a new manifest document and writes it atomically to
 * dir/.pmc-build; returns 0, or -1 with errno set. */
int manifest_write(xmlDocPtr, const char *dir);

/* The summary of one compiled postmortem that the index needs, as the
 * root <incident> element of doc, a new empty document. Also sets *from
 * and *to, the first and last day on which the document compiles to the
 * same outputs (INT32_MIN / INT32_MAX: no limit): an open follow-up's
 * due date moves it into "overdue". */
xmlNodePtr site_incident(const pm_doc *, xmlDocPtr doc, int32_t *from,
                         int32_t *to);

/* Renders index.html from the <incident> elements under the valid
 * <source> entries of the new manifest's root: computes the figures and
 * runs templates/index.xsl in lang (NULL: the language most incidents
 * are in) over the manifest itself, which is as it was afterwards.
 * Returns 0, or -1 after reporting through c's sink (rule "template"). */
int site_index(xmlNodePtr root, const cli *, const char *lang,
               const char *today, pm_buf *out);

#endif
