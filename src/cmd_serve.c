/* cmd_serve.c: pmc serve, a live preview: pmc build into a private
 * temporary folder, that folder served over HTTP (serve_http.c), and a
 * rebuild whenever an input changes (serve_watch.c), after which the
 * open pages reload. The sources' folders are never written. */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "alloc.h"
#include "serve.h"

/* Events closer together than this are one change: an editor's save is
 * several (a rename, a write, a chmod). */
#define SETTLE_MS 60

struct serve {
	cli *c;
	serve_state st;
	char dir[4096];        /* the temporary folder */
	struct sockaddr_storage addr;
	socklen_t addrlen;
	int port;
	/* the build being run: its findings, and what on_built learns */
	FILE *findings;
	char *text;
	size_t len, told;
	serve_error *errors;
	size_t nerrors;
	char *only;
	list sources;
	list built;            /* the ids of the sources built */
};

/* The one address to listen on: --bind as an IPv4 or IPv6 literal
 * ("::1" or "[::1]"), 127.0.0.1 without it. A name is refused: what it
 * resolves to is not for pmc to guess. */
static int
parse_bind(struct serve *sv)
{
	const char *bind = sv->c->bind ? sv->c->bind : "127.0.0.1";
	struct sockaddr_in *v4 = (struct sockaddr_in *)&sv->addr;
	struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&sv->addr;
	char lit[INET6_ADDRSTRLEN + 2];
	size_t n = strlen(bind);

	memset(&sv->addr, 0, sizeof(sv->addr));
	if (inet_pton(AF_INET, bind, &v4->sin_addr) == 1) {
		v4->sin_family = AF_INET;
		v4->sin_port = htons((uint16_t)sv->c->port);
		sv->addrlen = sizeof(*v4);
		return 0;
	}
	if (bind[0] == '[' && n > 2 && n < sizeof(lit) && bind[n - 1] == ']') {
		memcpy(lit, bind + 1, n - 2);
		lit[n - 2] = '\0';
		bind = lit;
	}
	if (inet_pton(AF_INET6, bind, &v6->sin6_addr) == 1) {
		v6->sin6_family = AF_INET6;
		v6->sin6_port = htons((uint16_t)sv->c->port);
		sv->addrlen = sizeof(*v6);
		return 0;
	}
	return fail("--bind needs an IPv4 or IPv6 address (127.0.0.1, ::1, "
	            "0.0.0.0), not '%s'",
	            sv->c->bind);
}

static int
is_loopback(const struct sockaddr_storage *a)
{
	const struct sockaddr_in *v4 = (const struct sockaddr_in *)a;
	const struct sockaddr_in6 *v6 = (const struct sockaddr_in6 *)a;

	if (a->ss_family == AF_INET)
		return (ntohl(v4->sin_addr.s_addr) >> 24) == 127;
	return IN6_IS_ADDR_LOOPBACK(&v6->sin6_addr);
}

/* The address as a URL's host: "127.0.0.1", "[::1]". */
static void
url_host(const struct sockaddr_storage *a, char *out, size_t size)
{
	char ip[INET6_ADDRSTRLEN];
	const void *p = a->ss_family == AF_INET
	                    ? (const void *)&((const struct sockaddr_in *)a)
	                          ->sin_addr
	                    : (const void *)&((const struct sockaddr_in6 *)a)
	                          ->sin6_addr;

	inet_ntop(a->ss_family, p, ip, sizeof(ip));
	snprintf(out, size, a->ss_family == AF_INET ? "%s" : "[%s]", ip);
}

/* The listening socket, on --port or (0) a free port the kernel picks;
 * -1 after saying why not (the port is taken, the address is not this
 * machine's). */
static int
listen_on(struct serve *sv)
{
	int fd, one = 1;
	char host[INET6_ADDRSTRLEN + 2];

	url_host(&sv->addr, host, sizeof(host));
	fd = socket(sv->addr.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0 ||
	    (sv->addr.ss_family == AF_INET6 &&
	     setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one)) !=
	         0) ||
	    bind(fd, (struct sockaddr *)&sv->addr, sv->addrlen) != 0 ||
	    listen(fd, 64) != 0 ||
	    getsockname(fd, (struct sockaddr *)&sv->addr, &sv->addrlen) != 0) {
		say("%s port %d: %s", host, sv->c->port, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	sv->port = ntohs(sv->addr.ss_family == AF_INET
	                     ? ((struct sockaddr_in *)&sv->addr)->sin_port
	                     : ((struct sockaddr_in6 *)&sv->addr)->sin6_port);
	return fd;
}

/* The Host headers a loopback server answers to: its address and
 * "localhost", with its port. Bound to another address, it answers to
 * any name the machine has. */
static void
set_hosts(struct serve *sv)
{
	char host[INET6_ADDRSTRLEN + 2];
	serve_state *s = &sv->st;

	if (!is_loopback(&sv->addr))
		return;
	url_host(&sv->addr, host, sizeof(host));
	snprintf(s->hosts[0], sizeof(s->hosts[0]), "%s:%d", host, sv->port);
	snprintf(s->hosts[1], sizeof(s->hosts[1]), "localhost:%d", sv->port);
	snprintf(s->hosts[2], sizeof(s->hosts[2]), "%s:%d",
	         sv->addr.ss_family == AF_INET ? "[::1]" : "127.0.0.1",
	         sv->port);
}

/* Each source as pmc build is done with it: the findings printed since
 * the last one are its own. A source with errors keeps them for its
 * page; they go to the terminal as well. */
static void
on_built(void *arg, const char *path, const char *id, int ok)
{
	struct serve *sv = arg;
	serve_error *e;

	fflush(sv->findings);
	fwrite(sv->text + sv->told, 1, sv->len - sv->told, stderr);
	list_add(&sv->sources, pm_xstrdup(path));
	if (ok && id != NULL)
		list_add(&sv->built, pm_xstrdup(id));
	if (ok && id != NULL) {
		free(sv->only);
		sv->only = sv->sources.n == 1 ? pm_xmalloc(strlen(id) + 6) : NULL;
		if (sv->only != NULL)
			sprintf(sv->only, "%s.html", id);
	}
	if (!ok) {
		sv->errors = pm_xrealloc(sv->errors,
		                         (sv->nerrors + 1) * sizeof(*sv->errors));
		e = &sv->errors[sv->nerrors++];
		e->path = pm_xstrdup(path);
		e->id = id ? pm_xstrdup(id) : NULL;
		e->text = pm_xstrndup(sv->text + sv->told, sv->len - sv->told);
	}
	sv->told = sv->len;
}

/* Hands what the build found to the HTTP threads, and tells the open
 * pages. A page that was built is served, whatever else claims its id
 * (a copy of the source, its duplicate id an error): that one's
 * findings are on SERVE_ERRORS only. */
static void
publish(struct serve *sv)
{
	serve_state *s = &sv->st;
	size_t i, k;

	for (i = 0; i < sv->nerrors; i++)
		for (k = 0; sv->errors[i].id != NULL && k < sv->built.n; k++)
			if (strcmp(sv->errors[i].id, sv->built.items[k]) == 0) {
				free(sv->errors[i].id);
				sv->errors[i].id = NULL;
			}

	pthread_mutex_lock(&s->lock);
	serve_errors_free(s->errors, s->nerrors);
	free(s->only);
	s->errors = sv->errors;
	s->nerrors = sv->nerrors;
	s->only = sv->only;
	s->nsources = sv->sources.n;
	s->gen++;
	pthread_cond_broadcast(&s->changed);
	pthread_mutex_unlock(&s->lock);
	sv->errors = NULL;
	sv->nerrors = 0;
	sv->only = NULL;
}

/* One run of pmc build into the temporary folder; it compiles only what
 * changed since the last (its record, DIR/.pmc-build, says what). The
 * findings are printed as pmc check prints them, into memory. */
static void
build(struct serve *sv)
{
	cli *c = sv->c;

	list_free(&sv->sources);
	list_free(&sv->built);
	c->errors = c->warnings = c->files = 0;
	sv->text = NULL;
	sv->len = sv->told = 0;
	if ((sv->findings = open_memstream(&sv->text, &sv->len)) == NULL)
		abort();
	c->findings = sv->findings;
	(void)run_build(c);
	fclose(sv->findings);
	c->findings = sv->findings = NULL;
	free(sv->text);
	sv->text = NULL;
	publish(sv);
}

/* Signals stop pmc serve through a descriptor read in its loop, never
 * in a handler: a build under way finishes, and the temporary folder is
 * removed after. Blocked before any thread starts, so that every thread
 * inherits the mask. */
static int
signal_fd(void)
{
	sigset_t set;

	struct sigaction old;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	/* a hangup ignored on purpose (nohup) stays ignored */
	if (sigaction(SIGHUP, NULL, &old) != 0 || old.sa_handler != SIG_IGN)
		sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	/* a browser that closes a connection must not kill the server */
	signal(SIGPIPE, SIG_IGN);
	return signalfd(-1, &set, SFD_CLOEXEC);
}

/* Reads the watch's events until SETTLE_MS pass without one that
 * matters; 1 when a signal came meanwhile. */
static int
settle(serve_watch *w, int sigfd, int *templates)
{
	struct pollfd p[2] = {{sigfd, POLLIN, 0}, {watch_fd(w), POLLIN, 0}};
	int64_t quiet = cli_now_ms() + SETTLE_MS;
	int n;

	for (;;) {
		n = poll(p, 2, (int)(quiet - cli_now_ms() > 0 ? quiet - cli_now_ms() : 0));
		if (n > 0 && (p[0].revents & POLLIN))
			return 1;
		if (n > 0 && watch_read(w, templates))
			quiet = cli_now_ms() + SETTLE_MS;
		else if (n == 0 || cli_now_ms() >= quiet)
			return 0;
	}
}

/* Rebuilds after each change until a signal comes. The watches are
 * renewed after each build: a new folder, a new source's folder. */
static void
loop(struct serve *sv, serve_watch *w, int sigfd)
{
	struct pollfd p[2] = {{sigfd, POLLIN, 0}, {-1, POLLIN, 0}};
	int templates = 0;

	if (w != NULL) {
		p[1].fd = watch_fd(w);
		watch_update(w, sv->c, &sv->sources);
	}
	for (;;) {
		if (poll(p, 2, -1) < 0 && errno != EINTR)
			break;
		if (p[0].revents & POLLIN)
			break;
		if (!(p[1].revents & POLLIN) || !watch_read(w, &templates))
			continue;
		if (settle(w, sigfd, &templates))
			break;
		/* compiled stylesheets and labels are kept for the process's
		 * life: a changed template must be read again */
		if (templates)
			pm_templates_forget();
		templates = 0;
		build(sv);
		watch_update(w, sv->c, &sv->sources);
	}
}

/* Removes the temporary folder and what is in it (pmc build writes no
 * subfolder; one found is emptied as well). */
static void
remove_tree(int at, const char *name)
{
	int fd = openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	                              O_CLOEXEC);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *e;

	if (fd >= 0 && d == NULL)
		close(fd);
	while (d != NULL && (e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (unlinkat(fd, e->d_name, 0) != 0 && errno == EISDIR)
			remove_tree(fd, e->d_name);
	}
	if (d != NULL)
		closedir(d);
	if (unlinkat(at, name, AT_REMOVEDIR) != 0)
		say("%s: not removed: %s", name, strerror(errno));
}

/* The sources must be there to start: a typo is said now, not served
 * as an empty site. Standard input cannot be watched. */
static int
check_sources(cli *c)
{
	struct stat st;
	size_t i;

	if (c->nsources == 0)
		c->sources[c->nsources++] = ".";
	for (i = 0; i < c->nsources; i++) {
		if (strcmp(c->sources[i], "-") == 0)
			return fail("%s", "pmc serve cannot watch standard "
			                  "input: name a file or a folder");
		if (stat(c->sources[i], &st) != 0) {
			say("%s: %s", c->sources[i], strerror(errno));
			return EXIT_USAGE;
		}
	}
	return 0;
}

/* -t: html always, and the formats asked for beside it. */
static char *
formats(const cli *c)
{
	const char *more = c->format ? c->format : "";
	char *f = pm_xmalloc(strlen(more) + 6);

	sprintf(f, "html%s%s", *more ? "," : "", more);
	return f;
}

/* The server and the first build; the URL is the first line on
 * standard error, for a script to read. */
static int
start(struct serve *sv, int fd, struct MHD_Daemon **d)
{
	char host[INET6_ADDRSTRLEN + 2];

	if (mkdtemp(sv->dir) == NULL ||
	    (sv->st.dirfd = open(sv->dir, O_RDONLY | O_DIRECTORY |
	                                      O_CLOEXEC)) < 0) {
		say("%s: %s", sv->dir, strerror(errno));
		close(fd);
		return EXIT_USAGE;
	}
	set_hosts(sv);
	if ((*d = serve_http_start(&sv->st, fd)) == NULL) {
		close(fd);
		return fail("%s", "cannot start the HTTP server");
	}
	url_host(&sv->addr, host, sizeof(host));
	/* every address, this machine's loopback among them: a browser
	 * here reaches it there (some refuse 0.0.0.0 itself) */
	fprintf(stderr, "http://%s:%d/\n",
	        strcmp(host, "0.0.0.0") == 0 ? "127.0.0.1"
	        : strcmp(host, "[::]") == 0  ? "[::1]"
	                                     : host,
	        sv->port);
	if (!is_loopback(&sv->addr))
		say("warning: listening on %s: anyone who can reach this "
		    "address can read the reports",
		    host);
	if (!sv->c->quiet)
		say("building into %s (removed when pmc serve stops)", sv->dir);
	build(sv);
	return 0;
}

int
run_serve(cli *c)
{
	struct serve sv;
	struct MHD_Daemon *d = NULL;
	serve_watch *w = NULL;
	pthread_condattr_t ca;
	char *fmts = formats(c);
	const char *tmp = getenv("TMPDIR");
	int fd = -1, sigfd = signal_fd(), rc;
	char why[512];

	memset(&sv, 0, sizeof(sv));
	sv.c = c;
	sv.st.dirfd = -1;
	sv.st.boot = (unsigned long)time(NULL) ^ ((unsigned long)getpid() << 16);
	snprintf(sv.dir, sizeof(sv.dir), "%s/pmc-serve-XXXXXX",
	         tmp && *tmp && strlen(tmp) < 2048 ? tmp : "/tmp");
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&sv.st.changed, &ca);
	pthread_mutex_init(&sv.st.lock, NULL);
	c->format = fmts;
	c->output = sv.dir;
	c->excerpt = 1;
	c->color = -1;
	c->diag_format = FMT_TEXT;
	c->on_built = on_built;
	c->on_built_arg = &sv;
	if (serve_http_load(why, sizeof(why)) != 0)
		rc = fail("cannot load the HTTP server's library: %s (Debian: "
		          "apt-get install libmicrohttpd12)",
		          why);
	else if (sigfd < 0)
		rc = fail("cannot take signals: %s", strerror(errno));
	else if ((rc = check_sources(c)) == 0 && (rc = parse_bind(&sv)) == 0)
		rc = (fd = listen_on(&sv)) < 0 ? EXIT_USAGE : 0;
	if (rc == 0 && (rc = start(&sv, fd, &d)) == 0) {
		w = watch_new();
		loop(&sv, w, sigfd);
		if (!c->quiet)
			say("%s", "stopped");
	}
	serve_http_stop(&sv.st, d);
	watch_free(w);
	if (sv.st.dirfd >= 0) {
		close(sv.st.dirfd);
		remove_tree(AT_FDCWD, sv.dir);
	}
	serve_errors_free(sv.st.errors, sv.st.nerrors);
	free(sv.st.only);
	list_free(&sv.sources);
	list_free(&sv.built);
	pthread_cond_destroy(&sv.st.changed);
	pthread_mutex_destroy(&sv.st.lock);
	pthread_condattr_destroy(&ca);
	if (sigfd >= 0)
		close(sigfd);
	free(fmts);
	return rc;
}
