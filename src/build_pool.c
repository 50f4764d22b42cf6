/* build_pool.c: a small worker pool for pmc check and pmc build, handing
 * results back in source order, and the findings each source collects. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "alloc.h"
#include "build_pool.h"

static char *
dup_n(const char *s, size_t n)
{
	return s ? pm_xstrndup(s, n) : NULL;
}

void
findings_collect(const pm_diag *d, void *arg)
{
	findings *f = arg;
	finding *x, *prev;

	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 8;
		f->v = pm_xrealloc(f->v, f->cap * sizeof(*f->v));
	}
	x = &f->v[f->n++];
	x->d = *d;
	x->d.file = pm_xstrdup(d->file);
	x->d.rule = pm_xstrdup(d->rule);
	x->d.message = pm_xstrdup(d->message);
	/* Many findings on one long line share one copy of it: memory
	 * stays linear in the source, as when findings are printed at once. */
	prev = f->n > 1 ? &f->v[f->n - 2] : NULL;
	if (prev && d->excerpt && prev->d.excerpt &&
	    prev->d.line == d->line && prev->d.excerpt_len == d->excerpt_len &&
	    memcmp(prev->d.excerpt, d->excerpt, d->excerpt_len) == 0) {
		x->d.excerpt = prev->d.excerpt;
		x->owns_excerpt = 0;
	} else {
		x->d.excerpt = dup_n(d->excerpt, d->excerpt_len);
		x->owns_excerpt = 1;
	}
}

void
findings_free(findings *f)
{
	size_t i;

	for (i = 0; i < f->n; i++) {
		free((char *)f->v[i].d.file);
		free((char *)f->v[i].d.rule);
		free((char *)f->v[i].d.message);
		if (f->v[i].owns_excerpt)
			free((char *)f->v[i].d.excerpt);
	}
	free(f->v);
	memset(f, 0, sizeof(*f));
}

void
findings_replay(findings *f, cli *c)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		on_diag(&f->v[i].d, c);
	findings_free(f);
}

int
pool_jobs(const cli *c, size_t n)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	size_t jobs = c->jobs > 0 ? (size_t)c->jobs : cores > 0 ? (size_t)cores : 1;

	if (jobs > n)
		jobs = n;
	return jobs > 0 ? (int)jobs : 1;
}

/* How far the workers may run ahead of the item being delivered: what
 * they hold (findings, pmc build's temporary files) stays bounded, and
 * within the signal handler's reach (cli.h's tmp_open). */
#define WINDOW 24

struct pool {
	pthread_mutex_t lock;
	pthread_cond_t finished_one, room;
	size_t n, next, delivered;
	unsigned char *finished; /* by item */
	void (*work)(void *, size_t);
	void *arg;
};

static void *
worker(void *p)
{
	struct pool *pool = p;
	size_t i;

	for (;;) {
		pthread_mutex_lock(&pool->lock);
		while (pool->next < pool->n &&
		       pool->next >= pool->delivered + WINDOW)
			pthread_cond_wait(&pool->room, &pool->lock);
		i = pool->next < pool->n ? pool->next++ : pool->n;
		pthread_mutex_unlock(&pool->lock);
		if (i == pool->n)
			return NULL;
		pool->work(pool->arg, i);
		pthread_mutex_lock(&pool->lock);
		pool->finished[i] = 1;
		pthread_cond_signal(&pool->finished_one);
		pthread_mutex_unlock(&pool->lock);
	}
}

/* Waits for each item in order and hands it to done. */
static void
deliver(struct pool *pool, void (*done)(void *, size_t))
{
	size_t i;

	for (i = 0; i < pool->n; i++) {
		pthread_mutex_lock(&pool->lock);
		while (!pool->finished[i])
			pthread_cond_wait(&pool->finished_one, &pool->lock);
		pthread_mutex_unlock(&pool->lock);
		done(pool->arg, i);
		pthread_mutex_lock(&pool->lock);
		pool->delivered = i + 1;
		pthread_cond_broadcast(&pool->room);
		pthread_mutex_unlock(&pool->lock);
	}
}

int
pool_run(size_t n, int jobs, void (*work)(void *, size_t),
         void (*done)(void *, size_t), void *arg)
{
	struct pool pool = {.n = n, .work = work, .arg = arg};
	pthread_t *threads;
	int started = 0, rc = -1;
	size_t i;

	if (jobs <= 1 || n <= 1) {
		for (i = 0; i < n; i++) {
			work(arg, i);
			done(arg, i);
		}
		return 0;
	}
	/* Process-wide set-up that libxml2 and the template lookup want done
	 * once, before any thread uses them. */
	xmlInitParser();
	(void)pm_template_dir();
	pool.finished = pm_xcalloc(n, 1);
	threads = pm_xcalloc((size_t)jobs, sizeof(*threads));
	pthread_mutex_init(&pool.lock, NULL);
	pthread_cond_init(&pool.finished_one, NULL);
	pthread_cond_init(&pool.room, NULL);
	while (started < jobs &&
	       pthread_create(&threads[started], NULL, worker, &pool) == 0)
		started++;
	if (started > 0) {
		deliver(&pool, done);
		rc = 0;
	}
	while (started-- > 0)
		pthread_join(threads[started], NULL);
	pthread_cond_destroy(&pool.finished_one);
	pthread_cond_destroy(&pool.room);
	pthread_mutex_destroy(&pool.lock);
	free(threads);
	free(pool.finished);
	return rc;
}

static int progress_shown;

void
progress(const cli *c, const char *what, size_t i, size_t n)
{
	/* redrawn about a hundred times per run, not once per file */
	if (c->quiet || !isatty(STDERR_FILENO) ||
	    (i != n && n > 100 && i % (n / 100) != 0))
		return;
	fprintf(stderr, "\r[%zu/%zu] %s\xe2\x80\xa6", i, n, what);
	fflush(stderr);
	progress_shown = 1;
}

void
progress_end(const cli *c)
{
	(void)c;
	if (!progress_shown)
		return;
	fputs("\r\033[K", stderr);
	fflush(stderr);
	progress_shown = 0;
}
