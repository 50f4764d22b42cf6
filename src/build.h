/* build.h: the pieces of pmc build: the manifest that makes a second run
 * incremental, kept as one compact record per source, and the site index
 * with its cross-incident figures, made from those records. */
#ifndef PM_BUILD_H
#define PM_BUILD_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cli.h"

/* The namespace of the manifest and of the index's input document. */
#define PM_SITE_NS "urn:x-pmc:site:1"
#define PM_MANIFEST ".pmc-build"

/* FNV-1a, 64 bits: a small, well-known hash of inputs (not a defence
 * against anyone forging a collision: the manifest is the user's own). */
#define PM_FNV_INIT UINT64_C(0xcbf29ce484222325)
uint64_t pm_fnv(uint64_t h, const void *p, size_t n);
uint64_t pm_fnv_str(uint64_t h, const char *s); /* s and its NUL; NULL ok */

/* A string of a record: an offset into its mem, whose first byte nothing
 * points at, so that 0 means "absent" (and "" is a string). Offsets, not
 * pointers: a record is built by appending to one buffer, which moves. */
typedef uint32_t rec_str;

/* The summary of a postmortem that the index needs, in the order the
 * manifest's <incident> element lists it (as attributes of those
 * names), and of each of its open follow-ups (<action>). */
enum inc_field {
	INC_ID, INC_LANG, INC_STATUS, INC_TITLE, INC_SEVERITY, INC_LEVEL,
	INC_DETECTED_BY, INC_OWNER, INC_STARTED, INC_DETECTED,
	INC_ACKNOWLEDGED, INC_MITIGATED, INC_RESOLVED, INC_DATE, INC_MONTH,
	INC_TTD, INC_TTA, INC_TTM, INC_TTR, INC_OPEN, INC_DONE, INC_OVERDUE,
	INC_NFIELDS
};
enum act_field { ACT_OWNER, ACT_DUE, ACT_OVERDUE, ACT_NFIELDS };
extern const char *const site_inc_fields[INC_NFIELDS];
extern const char *const site_act_fields[ACT_NFIELDS];

typedef struct site_output {
	rec_str format, file, size;
	uint64_t key;
} site_output;

/* What the manifest says of one source: a few hundred bytes, where the
 * XML tree it was once kept as took twenty kilobytes, so that a build of
 * ten thousand sources does not hold ten thousand trees. */
typedef struct site_rec {
	char *mem;                 /* every string of the record */
	rec_str path, id, from, to; /* from, to: today-from, today-to */
	uint64_t key;
	unsigned char stale, incident;
	uint16_t nout, nact;
	site_output *out;
	rec_str inc[INC_NFIELDS];
	rec_str (*act)[ACT_NFIELDS];
} site_rec;

/* The string at s of r, or NULL. */
static inline const char *
rec_get(const site_rec *r, rec_str s)
{
	return s ? r->mem + s : NULL;
}

/* Building a record: rec_new(), strings through rec_put() (NULL gives
 * 0), then rec_done() hands the buffer over to the record. */
void rec_new(site_rec *, pm_buf *mem);
rec_str rec_put(pm_buf *mem, const char *s);
site_output *rec_output(site_rec *);
rec_str *rec_action(site_rec *);
void rec_done(site_rec *, pm_buf *mem);
void rec_free(site_rec *);

/* The manifest of an earlier build, read-only once loaded, so that
 * worker threads may look entries up at the same time. */
typedef struct manifest {
	site_rec *recs;  /* in the manifest's order */
	size_t n;
	size_t *slots;   /* open addressing by path: index + 1, 0 empty */
	size_t nslots;
	char *index;     /* the index file it lists, or NULL */
	int loaded;
} manifest;

/* Reads dir/.pmc-build as a stream; a missing, unreadable or another
 * version's manifest is an empty one (everything is rebuilt). */
void manifest_read(manifest *, const char *dir);
void manifest_free(manifest *);

/* The entry of path, or NULL. */
const site_rec *manifest_find(const manifest *, const char *path);

/* Writing a manifest, one entry at a time, into a temporary file that
 * manifest_close() renames to dir/.pmc-build; it returns 0, or -1 with
 * errno set (and no temporary file left). */
typedef struct manifest_out {
	FILE *f;
	char *tmp, *path;
	int slot, err, children;
} manifest_out;

int manifest_open(manifest_out *, const char *dir);
void manifest_put(manifest_out *, const site_rec *, int stale);
int manifest_close(manifest_out *, const char *index_file);

/* Fills r, a record being built with mem, with the summary of a
 * compiled postmortem (r->incident). Also sets *from and *to, the first
 * and last day on which the document compiles to the same outputs
 * (INT32_MIN / INT32_MAX: no limit): an open follow-up's due date moves
 * it into "overdue". */
void site_incident(const pm_doc *, site_rec *r, pm_buf *mem, int32_t *from,
                   int32_t *to);

/* Writes index.html to out from the valid records (not stale, with an
 * incident), given in source order: computes the figures and runs
 * templates/index.xsl in lang (NULL: the language most incidents are
 * in), the page once and the table's rows a few hundred at a time, so
 * that no tree of the whole table is ever built. Returns 0, or -1 after
 * reporting through c's sink (rule "template"). */
int site_index(const site_rec *const *recs, size_t n, const cli *,
               const char *lang, const char *today, FILE *out);

#endif
