/* serve.h: the pieces of pmc serve, a live preview: the site pmc build
 * makes in a private folder, served over HTTP (serve_http.c), rebuilt
 * when one of its inputs changes (serve_watch.c, cmd_serve.c). */
#ifndef PM_SERVE_H
#define PM_SERVE_H

#include <pthread.h>
#include <stddef.h>

#include "cli.h"

/* The path under which pmc serve's own pages are, beside the site's
 * files (whose names never hold a '/'). */
#define SERVE_EVENTS "/_pmc/events"
#define SERVE_ERRORS "/_pmc/errors"

/* A source whose last build failed: its findings as pmc check prints
 * them, shown in its page in place of the report left from before. */
typedef struct serve_error {
	char *path;
	char *id;   /* of the page it has or had; NULL: none known */
	char *text; /* its findings (with excerpts), or "" */
} serve_error;

/* What the HTTP threads and the thread that builds share. The fields
 * above lock are set before the server starts and only read after;
 * lock guards the others, and changed is broadcast when gen or stopping
 * changes. */
typedef struct serve_state {
	int dirfd;               /* the site's folder */
	unsigned long boot;      /* tells this run's versions from another's */
	char hosts[4][80];       /* Host headers taken; "" ends, none: any */
	pthread_mutex_t lock;
	pthread_cond_t changed;  /* on CLOCK_MONOTONIC */
	unsigned long gen;       /* builds finished; 0 while the first runs */
	int stopping;
	serve_error *errors;
	size_t nerrors;
	char *only;              /* the one source's page when no index */
	size_t nsources;
} serve_state;

/* Frees the errors' strings and the array. */
void serve_errors_free(serve_error *, size_t n);

/* Loads libmicrohttpd; -1 with why when it cannot. Before any other
 * serve_http_ function. */
int serve_http_load(char *why, size_t n);
/* Starts serving the site on the listening socket fd, a thread for each
 * connection; the server owns fd from then on. NULL when it cannot. */
struct MHD_Daemon *serve_http_start(serve_state *, int fd);
/* Ends the event streams and the waits for a first build, then stops the
 * server, every connection's thread joined. */
void serve_http_stop(serve_state *, struct MHD_Daemon *);

/* The inotify watch of the sources' folders, the folders above them (for
 * a new .pmc.yml), the policy and the templates. */
typedef struct serve_watch serve_watch;

/* NULL, after saying why, when inotify cannot be had. */
serve_watch *watch_new(void);
int watch_fd(const serve_watch *);
/* Watches what c's sources, policy and templates are now, sources being
 * the files the last build found: called after each build, since a new
 * folder or source changes the set. */
void watch_update(serve_watch *, const cli *c, const list *sources);
/* Reads the events waiting; 1 when one of them may change the site
 * (*templates set when a template changed), else 0. */
int watch_read(serve_watch *, int *templates);
void watch_free(serve_watch *);

#endif
