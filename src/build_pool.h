/* build_pool.h: many sources on a few threads, with each source's findings
 * held and handed back in source order, so that the output of pmc check
 * and pmc build does not depend on thread timing. */
#ifndef PM_BUILD_POOL_H
#define PM_BUILD_POOL_H

#include <stddef.h>

#include "cli.h"

/* One finding, copied out of the library's callback (whose pointers live
 * only during the call). */
typedef struct finding {
	pm_diag d;        /* file, rule and message owned */
	int owns_excerpt; /* else it is the previous finding's */
} finding;

/* The findings of one source, in the order they were reported. */
typedef struct findings {
	finding *v;
	size_t n, cap;
} findings;

/* A pm_diag_fn that copies each finding into the findings at arg. */
void findings_collect(const pm_diag *, void *findings);

/* Hands each finding, in order, to the command line's sink (on_diag),
 * which prints and counts it; then frees them. */
void findings_replay(findings *, cli *);
void findings_free(findings *);

/* The number of jobs to run: -j, else the number of online cores, never
 * more than n. */
int pool_jobs(const cli *, size_t n);

/* Calls work(arg, i) for every i in [0, n) on jobs threads, and
 * done(arg, i) on the calling thread for i = 0, 1, ... in that order, each
 * as soon as work(arg, i) has returned. work must touch only what belongs
 * to item i (and what is safe to share); done may print. With one job
 * there are no threads. Returns 0, or -1 when no thread could be
 * started. */
int pool_run(size_t n, int jobs, void (*work)(void *, size_t),
             void (*done)(void *, size_t), void *arg);

/* "\r[12/40] building…" on standard error, when it is a terminal and not
 * -q; progress_end() clears it. Call from the done callback only. */
void progress(const cli *, const char *what, size_t i, size_t n);
void progress_end(const cli *);

#endif
