/* build.h: the pieces of pmc build: the manifest that makes a second run
 * incremental, kept as one compact record per source with the summary
 * the site index is made from (pm_site_index()). */
#ifndef PM_BUILD_H
#define PM_BUILD_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "cli.h"

/* The record's namespace: the site index's input's once (it was that
 * document), kept so that a record stays readable. */
#define PM_BUILD_NS "urn:x-pmc:site:1"

#define PM_MANIFEST ".pmc-build"
/* The write-ahead journal: while it exists the record is not the whole
 * truth (docs/build.md). */
#define PM_JOURNAL ".pmc-build.journal"
/* pmc build's temporary files: this prefix and mkstemp's six letters or
 * digits, a name a killed run's leftovers are recognised by. */
#define PM_TMP_PREFIX ".pmc-build-"
#define PM_TMP_NAME PM_TMP_PREFIX "XXXXXX"

/* FNV-1a, 64 bits: a small, well-known hash of inputs (not a defence
 * against anyone forging a collision: the manifest is the user's own). */
#define PM_FNV_INIT UINT64_C(0xcbf29ce484222325)
uint64_t pm_fnv(uint64_t h, const void *p, size_t n);
uint64_t pm_fnv_str(uint64_t h, const char *s); /* s and its NUL; NULL ok */

/* A string of a record: an offset into its mem, whose first byte nothing
 * points at, so that 0 means "absent" (and "" is a string). Offsets, not
 * pointers: a record is built by appending to one buffer, which moves. */
typedef uint32_t rec_str;

/* The summary of a postmortem that the index needs (pm_site_entry), in
 * the order the manifest's <incident> element lists it, as attributes
 * named by pm_site_fields(0), and of each of its open follow-ups
 * (<action>, pm_site_fields(1)): so many fields, which pmc build checks
 * the library's lists have before it reads or makes a record. */
enum { INC_NFIELDS = 22, ACT_NFIELDS = 3 };

typedef struct site_output {
	rec_str format, file, size;
	uint64_t key;
	uint64_t hash;       /* of the bytes written (pm_fnv) */
	unsigned char has_hash; /* a record of an older pmc has none */
} site_output;

/* A zone file the source's times were read in, and its bytes' hash. */
typedef struct site_zone {
	rec_str file;
	uint64_t hash;
} site_zone;

/* What the manifest says of one source: a few hundred bytes, where the
 * XML tree it was once kept as took twenty kilobytes, so that a build of
 * ten thousand sources does not hold ten thousand trees. */
typedef struct site_rec {
	char *mem;                 /* every string of the record */
	rec_str path, id, from, to; /* from, to: today-from, today-to */
	uint64_t key;
	/* the source's bytes (pm_hash_bytes), and the build_stat_key of its
	 * file when they hashed so, from the stat cache (0: none) */
	uint64_t src_hash, src_stat;
	unsigned char stale, incident;
	uint16_t nout, nact, nzone;
	site_output *out;
	site_zone *zone;
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
site_zone *rec_zone(site_rec *);
void rec_done(site_rec *, pm_buf *mem);
void rec_free(site_rec *);

/* A file the folder's record or journal says pmc build wrote there, and
 * what it wrote: only such a file is ever replaced or removed. */
typedef struct written {
	const char *file;
	uint64_t hash;
	uintmax_t size;         /* when !has_hash */
	unsigned char has_hash;
} written;

/* The manifest of an earlier build, read-only once loaded, so that
 * worker threads may look entries up at the same time. */
typedef struct manifest {
	site_rec *recs;  /* in the manifest's order */
	size_t n;
	size_t *slots;   /* open addressing by path: index + 1, 0 empty */
	size_t nslots;
	char *index;     /* the index file it lists, or NULL */
	uint64_t index_hash;
	int index_has_hash;
	/* what the index was made of (site_index_key), and the stat of its
	 * file from the stat cache; 0: unknown */
	uint64_t index_key, index_stat;
	int loaded;
	int dirty;       /* a journal was left: outputs are checked by hash */
	written *own;     /* sorted by file */
	size_t nown;
	char **journal;  /* the journal's file names, owned */
	uint64_t *journal_hash;
	size_t njournal;
} manifest;

/* Reads dir/.pmc-build as a stream, and the journal a killed run left;
 * a missing or unreadable manifest is an empty one (everything is
 * rebuilt); another version's has every entry stale but still says
 * which files pmc wrote. */
void manifest_read(manifest *, const char *dir);

/* manifest_read() on a thread of its own, so that the folder is walked
 * and its sources stat'ed meanwhile: the two are independent, and in a
 * build with nothing to do each is about half of the time. It reads at
 * once when no thread can be started. The manifest is not to be looked
 * at before manifest_read_wait() returns. */
typedef struct manifest_reading {
	pthread_t thread;
	int started;
	manifest *m;
	const char *dir;
} manifest_reading;

void manifest_read_start(manifest_reading *, manifest *, const char *dir);
void manifest_read_wait(manifest_reading *);

/* May pmc build replace or remove dir/file? Yes when there is no such
 * file, or when the record or the journal lists it and its bytes still
 * hash to what was written (an older record without hashes: its size). */
int manifest_owns(const manifest *, const char *dir, const char *file);

/* Every file the record and the journal list, borrowed, for pruning. */
size_t manifest_files(const manifest *, const char ***files);

/* The journal: pmc build appends what it is about to rename into place
 * (file and hash of the new bytes) and makes it durable before the
 * rename; the committed record makes it moot, and it is then removed. */
typedef struct journal {
	int fd; /* -1: not opened yet */
} journal;

/* Adds the line of file to lines; journal_write appends them to the
 * journal and makes them durable (0, or -1 with errno set). */
void journal_add(pm_buf *lines, const char *file, uint64_t hash);
int journal_write(journal *, const char *dir, const pm_buf *lines);
/* Closes it; when committed (the new record is in place), removes the
 * journal, the last one's too. 0, or -1 with errno set. */
int journal_close(journal *, const char *dir, int committed);

/* The stat cache, DIR/.pmc-build.stat: what stat said of each source
 * and of the index when their bytes hashed to what the record says, so
 * that a file whose stat is unchanged is not read again (git's index).
 * Not part of the record: it holds inode numbers and times, which differ
 * between two folders built alike. Lost, stale or damaged (it ends with
 * a hash of its lines), it costs only a reading of every source; its
 * entries are read into the manifest's src_stat and index_stat. */
#define PM_STAT_CACHE ".pmc-build.stat"
/* Adds a line: kind 's' for a source at path, 'i' for the index. */
void stat_cache_add(pm_buf *lines, int kind, uint64_t stat, uint64_t hash,
                    const char *path);
/* Replaces the cache with lines (not made durable: see above); 0, or -1
 * with errno set. */
int stat_cache_write(const char *dir, const pm_buf *lines);

/* The hash of what pmc build writes to a file; of a file's bytes
 * (0 and -1 when it cannot be read, or is not a regular file). */
uint64_t pm_hash_bytes(const void *, size_t);
int pm_hash_path(const char *path, uint64_t *hash, uintmax_t *size);
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
/* The site index a record lists: its file (NULL: none), the hash of its
 * bytes and what it was made of (0: unknown). */
typedef struct site_index_file {
	const char *file;
	uint64_t hash, key;
} site_index_file;

int manifest_close(manifest_out *, const site_index_file *);

/* build_sys.c. The output folder locked for this process: its
 * descriptor, -2 when another process holds it, -1 with errno set. */
int build_lock(const char *dir);
/* Flushes the file system of the folder: every temporary file written
 * so far reaches the disk before any is renamed. 0 or -1. */
int build_sync(int dirfd);
/* Removes the temporary files a killed run left in the folder. */
void build_sweep(int dirfd);
/* h and the identity of the code that renders: the GNU build-id of the
 * program and of each shared library it runs with. */
uint64_t build_self_key(uint64_t h);
/* A key of what stat says of a file (device, inode, size, modification
 * and change times), or 0 when the file changed too recently to tell a
 * later change by it (git's "racily clean" entries): a file written
 * again within the clock's granularity keeps its times. */
struct stat;
uint64_t build_stat_key(const struct stat *);

#endif
