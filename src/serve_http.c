/* serve_http.c: pmc serve's HTTP side, on libmicrohttpd: the built site's
 * files, read-only and confined to its one folder; a source's findings in
 * place of its page while it has errors; and the event stream that tells
 * the open pages to reload after a rebuild. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "alloc.h"
#include "dlfill.h"
#include "serve.h"

/*
 * libmicrohttpd is loaded when pmc serve starts, not when pmc does: it
 * brings GnuTLS and seven more libraries, whose loading and start-up
 * code cost every other command about 10 ms, more than parsing a
 * postmortem takes (bench/run, goal 1). The table holds the functions
 * pmc calls, typed from the header, so a call through it is checked as
 * the function itself would be; pm_dlfill() fills it, as it does the
 * library's own table of the libraries it loads on need (lazylibs.h),
 * which the command line, on the public API, does not reach.
 */
#define MHD_FUNCTIONS(X)                                                  \
	X(start_daemon)                                                    \
	X(stop_daemon)                                                     \
	X(create_response_from_buffer)                                     \
	X(create_response_from_callback)                                   \
	X(create_response_from_fd64)                                       \
	X(add_response_header)                                             \
	X(queue_response)                                                  \
	X(destroy_response)                                                \
	X(lookup_connection_value)

static struct {
#define MHD_SLOT(f) __typeof__(MHD_##f) *f;
	MHD_FUNCTIONS(MHD_SLOT)
#undef MHD_SLOT
} mhd;

int
serve_http_load(char *why, size_t n)
{
	/* each function's name and its slot, from the one list above */
	static const pm_dlfill_fn fns[] = {
#define MHD_NAME(f) {0, "MHD_" #f, offsetof(__typeof__(mhd), f)},
	    MHD_FUNCTIONS(MHD_NAME)
#undef MHD_NAME
	};

	if (mhd.start_daemon != NULL)
		return 0;
	if (pm_dlfill(PMC_MHD_SONAME, 0, fns, sizeof(fns) / sizeof(fns[0]),
	              &mhd, why, n) != 0) {
		memset(&mhd, 0, sizeof(mhd));
		return -1;
	}
	return 0; /* kept loaded: the daemon's threads run its code */
}

/* A comment line on an idle event stream this often: a closed tab is
 * noticed (the write fails) and no proxy or timeout drops the stream. */
#define KEEPALIVE_SECONDS 15
/* How long a request waits for the first build before a 503. */
#define FIRST_BUILD_SECONDS 120
/* A site's file is read whole to put the script in; larger ones are
 * sent as they are. */
#define INJECT_MAX (64u << 20)

static const struct {
	const char *ext, *type;
} mime_types[] = {
    {"html", "text/html; charset=utf-8"},
    {"htm", "text/html; charset=utf-8"},
    {"css", "text/css; charset=utf-8"},
    {"svg", "image/svg+xml"},
    {"pdf", "application/pdf"},
    {"json", "application/json"},
    {"xml", "application/xml"},
    {"md", "text/markdown; charset=utf-8"},
    {"txt", "text/plain; charset=utf-8"},
    {"js", "text/javascript; charset=utf-8"},
    {"png", "image/png"},
    {"jpg", "image/jpeg"},
    {"jpeg", "image/jpeg"},
    {"woff2", "font/woff2"},
};

static const char *
mime_type(const char *name)
{
	const char *dot = strrchr(name, '.');
	size_t k;

	for (k = 0; dot && k < sizeof(mime_types) / sizeof(*mime_types); k++)
		if (strcasecmp(dot + 1, mime_types[k].ext) == 0)
			return mime_types[k].type;
	return "application/octet-stream";
}

static int
is_html(const char *type)
{
	return strncmp(type, "text/html", 9) == 0;
}

void
serve_errors_free(serve_error *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(v[i].path);
		free(v[i].id);
		free(v[i].text);
	}
	free(v);
}

/* Sends r with the headers every response has, and frees it. */
static enum MHD_Result
send_response(struct MHD_Connection *conn, unsigned status,
              struct MHD_Response *r, const char *type)
{
	enum MHD_Result ok;

	if (r == NULL)
		return MHD_NO;
	mhd.add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	/* a preview changes under the reader: never from a cache */
	mhd.add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	mhd.add_response_header(r, "X-Content-Type-Options", "nosniff");
	mhd.add_response_header(r, "Referrer-Policy", "no-referrer");
	ok = mhd.queue_response(conn, status, r);
	mhd.destroy_response(r);
	return ok;
}

/* Sends b's bytes, which the response takes over (b is left empty). */
static enum MHD_Result
send_buf(struct MHD_Connection *conn, unsigned status, pm_buf *b,
         const char *type)
{
	struct MHD_Response *r;

	if (b->len == 0) {
		pm_buf_free(b);
		r = mhd.create_response_from_buffer(0, (void *)"",
		                                    MHD_RESPMEM_PERSISTENT);
	} else if ((r = mhd.create_response_from_buffer(
	                b->len, b->data, MHD_RESPMEM_MUST_FREE)) == NULL) {
		pm_buf_free(b);
	}
	memset(b, 0, sizeof(*b));
	return send_response(conn, status, r, type);
}

/* A short plain-text answer: an error, a refusal. */
static enum MHD_Result
send_text(struct MHD_Connection *conn, unsigned status, const char *msg)
{
	pm_buf b = {0};

	pm_buf_printf(&b, "%u %s\n", status, msg);
	return send_buf(conn, status, &b, "text/plain; charset=utf-8");
}

static void
html_escape(pm_buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '<': pm_buf_puts(b, "&lt;"); break;
		case '>': pm_buf_puts(b, "&gt;"); break;
		case '&': pm_buf_puts(b, "&amp;"); break;
		case '"': pm_buf_puts(b, "&quot;"); break;
		case '\'': pm_buf_puts(b, "&#39;"); break;
		default: pm_buf_putc(b, *s); break;
		}
	}
}

/* What goes into every page served, before its </body>: the script that
 * reloads it when the site's version moves past the one it was served
 * at, and a line that says which sources have errors. Never in the
 * built files: a page saved from the browser or built by pmc build has
 * no script (the report promises none). s->lock is held. */
static void
injection(const serve_state *s, pm_buf *b)
{
	/* a hidden tab closes its stream: browsers give a host six
	 * connections, and each stream holds one; shown again, it asks
	 * anew and reloads if the site moved on meanwhile */
	pm_buf_printf(b, "<script>/* pmc serve: reloads this page after a "
	                 "rebuild */(function(){var v=\"%lx-%lu\",e=null;"
	                 "function on(){if(e)return;e=new EventSource(\""
	                 SERVE_EVENTS "\");e.addEventListener(\"reload\","
	                 "function(m){if(m.data!==v)location.reload();});}"
	                 "document.addEventListener(\"visibilitychange\","
	                 "function(){if(document.hidden){if(e)e.close();e="
	                 "null;}else on();});if(!document.hidden)on();})();"
	                 "</script>",
	              s->boot, s->gen);
	if (s->nerrors == 0)
		return;
	/* the bar is fixed at the foot: room to scroll the page's end
	 * out from under it */
	pm_buf_printf(b, "<div style=\"height:3em\"></div>"
	                 "<p id=\"pmc-serve-errors\" style=\"position:fixed;"
	                 "bottom:0;left:0;right:0;margin:0;padding:.5em 1em;"
	                 "background:#8c1d18;color:#fff;font:15px/1.4 sans-"
	                 "serif;z-index:99\">pmc serve: %zu source%s with "
	                 "errors, not rebuilt. <a style=\"color:#fff\" href=\""
	                 SERVE_ERRORS "\">Show the findings</a></p>",
	              s->nerrors, s->nerrors == 1 ? "" : "s");
}

/* Sends the page in b with the injection before its last </body>, or at
 * its end when it has none (a template of the user's). */
static enum MHD_Result
send_page(struct MHD_Connection *conn, serve_state *s, unsigned status,
          const char *page, size_t len)
{
	pm_buf out = {0};
	size_t at = len, i;

	for (i = len; i >= 7 && at == len; i--)
		if (strncasecmp(page + i - 7, "</body>", 7) == 0)
			at = i - 7;
	pm_buf_put(&out, page, at);
	pthread_mutex_lock(&s->lock);
	injection(s, &out);
	pthread_mutex_unlock(&s->lock);
	pm_buf_put(&out, page + at, len - at);
	return send_buf(conn, status, &out, "text/html; charset=utf-8");
}

static void
page_head(pm_buf *b, const char *title)
{
	pm_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta "
	               "charset=\"utf-8\"><meta name=\"viewport\" content="
	               "\"width=device-width, initial-scale=1\"><title>");
	html_escape(b, title);
	pm_buf_puts(b, "</title><style>body{font:16px/1.5 sans-serif;"
	               "max-width:60rem;margin:2rem auto;padding:0 1rem;"
	               "color:#1a1a1a}pre{white-space:pre-wrap;overflow-wrap:"
	               "anywhere;background:#fdf3f2;"
	               "border-left:4px solid #8c1d18;padding:1rem;font:14px/"
	               "1.45 monospace}h1{font-size:1.4rem}</style></head>"
	               "<body>");
}

/* One source's findings: its name, what is shown and why, and the lines
 * pmc check prints, escaped. */
static void
error_section(pm_buf *b, const serve_error *e)
{
	pm_buf_puts(b, "<h1>");
	html_escape(b, e->path);
	pm_buf_puts(b, " has errors</h1><p>It was not rebuilt; this page "
	               "shows its findings until it compiles, and reloads "
	               "when it is saved.</p><pre>");
	html_escape(b, e->text[0] ? e->text
	                          : "(it could not be read: see the terminal "
	                            "pmc serve runs in)\n");
	pm_buf_puts(b, "</pre>");
}

/* The findings of the sources with errors: those of id's page (id NULL:
 * of all of them). 0 when there is none. s->lock is held. */
static int
errors_page(const serve_state *s, const char *id, pm_buf *b)
{
	size_t i, n = 0;

	for (i = 0; i < s->nerrors; i++) {
		if (id != NULL && (s->errors[i].id == NULL ||
		                   strcmp(s->errors[i].id, id) != 0))
			continue;
		if (n++ == 0)
			page_head(b, id ? s->errors[i].path
			                : "Findings - pmc serve");
		error_section(b, &s->errors[i]);
	}
	if (n > 0)
		pm_buf_puts(b, "</body></html>\n");
	return n > 0;
}

/* The site root when the build wrote no index and there is no one
 * source's page: the findings of those with errors, or a page that says
 * there is none yet. s->lock is held. */
static void
empty_page(const serve_state *s, pm_buf *b)
{
	if (errors_page(s, NULL, b))
		return;
	page_head(b, "pmc serve");
	pm_buf_puts(b, "<h1>No report yet</h1><p>No postmortem was found (a "
	               "*.md file that starts with front matter). This page "
	               "reloads when one is saved.</p></body></html>\n");
}

static int
hex_digit(int c)
{
	return isdigit(c) ? c - '0' : tolower(c) - 'a' + 10;
}

/* The site's file the path names, decoded into name (size bytes): one
 * name in the folder, as pmc build writes it. 0, or the status to refuse
 * it with: 400 for what is malformed or tries to leave the folder ("..",
 * an encoded '/', '\' or NUL, a control character), 404 for what the
 * site cannot hold (a subfolder, a hidden name: the build's record and
 * temporary files). "" is the root. */
static unsigned
file_name(const char *url, char *name, size_t size)
{
	size_t n = 0;
	int c, deeper = 0;

	if (url[0] != '/')
		return 400;
	for (url++; *url != '\0'; url++) {
		c = (unsigned char)*url;
		if (c == '%') {
			if (!isxdigit((unsigned char)url[1]) ||
			    !isxdigit((unsigned char)url[2]))
				return 400;
			c = hex_digit(url[1]) * 16 + hex_digit(url[2]);
			url += 2;
			if (c == '/' || c == 0)
				return 400;
		} else if (c == '/') {
			if ((n == 1 && name[0] == '.') ||
			    (n == 2 && name[0] == '.' && name[1] == '.'))
				return 400;
			deeper = 1;
			n = 0;
			continue;
		}
		if (c < 0x20 || c == 0x7f || c == '\\')
			return 400;
		if (n + 1 >= size)
			return 404;
		name[n++] = (char)c;
	}
	name[n] = '\0';
	if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return 400;
	return deeper || name[0] == '.' ? 404 : 0;
}

/* Is the request's Host one this server answers to? A page of another
 * site that a DNS rebinding points at 127.0.0.1 sends its own name: it
 * must not read the reports. */
static int
host_ok(const serve_state *s, struct MHD_Connection *conn)
{
	const char *host =
	    mhd.lookup_connection_value(conn, MHD_HEADER_KIND, "Host");
	size_t k;

	if (host == NULL || s->hosts[0][0] == '\0')
		return 1;
	for (k = 0; k < 4 && s->hosts[k][0] != '\0'; k++)
		if (strcasecmp(host, s->hosts[k]) == 0)
			return 1;
	return 0;
}

/* Waits for the first build; 0 when it is done, -1 when stopping or
 * after FIRST_BUILD_SECONDS. */
static int
first_build(serve_state *s)
{
	struct timespec until;
	int rc = 0;

	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_sec += FIRST_BUILD_SECONDS;
	pthread_mutex_lock(&s->lock);
	while (s->gen == 0 && !s->stopping && rc == 0)
		rc = pthread_cond_timedwait(&s->changed, &s->lock, &until);
	rc = s->gen > 0 && !s->stopping ? 0 : -1;
	pthread_mutex_unlock(&s->lock);
	return rc;
}

/* One event stream's place: the version it told last. */
struct stream {
	serve_state *s;
	unsigned long told;
	int started;
};

/* The event stream: the site's version at once, then again after each
 * build, and a comment when nothing happened for a while. Blocks in its
 * connection's own thread. */
static ssize_t
stream_read(void *arg, uint64_t pos, char *buf, size_t max)
{
	struct stream *st = arg;
	serve_state *s = st->s;
	struct timespec until;
	int n, rc = 0;

	(void)pos;
	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_sec += KEEPALIVE_SECONDS;
	pthread_mutex_lock(&s->lock);
	while (st->started && s->gen == st->told && !s->stopping && rc == 0)
		rc = pthread_cond_timedwait(&s->changed, &s->lock, &until);
	if (s->stopping)
		n = -1;
	else if (!st->started || s->gen != st->told)
		n = snprintf(buf, max, "%sevent: reload\ndata: %lx-%lu\n\n",
		             st->started ? "" : "retry: 1000\n", s->boot,
		             s->gen);
	else
		n = snprintf(buf, max, ": nothing new\n\n");
	st->started = 1;
	st->told = s->gen;
	pthread_mutex_unlock(&s->lock);
	if (n < 0 || (size_t)n >= max)
		return MHD_CONTENT_READER_END_OF_STREAM;
	return n;
}

static enum MHD_Result
send_events(struct MHD_Connection *conn, serve_state *s, int head)
{
	struct stream *st;
	struct MHD_Response *r;
	pm_buf none = {0};

	if (head)
		return send_buf(conn, MHD_HTTP_OK, &none, "text/event-stream");
	st = pm_xcalloc(1, sizeof(*st));
	st->s = s;
	r = mhd.create_response_from_callback(MHD_SIZE_UNKNOWN, 256,
	                                      stream_read, st, free);
	if (r == NULL) {
		free(st);
		return MHD_NO;
	}
	return send_response(conn, MHD_HTTP_OK, r, "text/event-stream");
}

/* The whole of an open file, or NULL. */
static char *
read_fd(int fd, size_t size, size_t *len)
{
	char *p = pm_xmalloc(size + 1);
	ssize_t n = 0;

	*len = 0;
	while (*len < size && (n = read(fd, p + *len, size - *len)) > 0)
		*len += (size_t)n;
	if (n < 0) {
		free(p);
		return NULL;
	}
	return p;
}

/* A file of the site, opened without following a link, if it is a
 * regular file; -1 otherwise. */
static int
open_file(const serve_state *s, const char *name, struct stat *st)
{
	int fd = openat(s->dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);

	if (fd >= 0 && (fstat(fd, st) != 0 || !S_ISREG(st->st_mode))) {
		close(fd);
		fd = -1;
	}
	return fd;
}

/* No such file. A page's 404 is a page that reloads, so that a tab
 * left on a source being renamed or mended comes back by itself. */
static enum MHD_Result
send_missing(struct MHD_Connection *conn, serve_state *s, const char *name,
             const char *type)
{
	pm_buf b = {0};
	enum MHD_Result ok;

	if (!is_html(type))
		return send_text(conn, MHD_HTTP_NOT_FOUND, "Not Found");
	page_head(&b, "Not Found - pmc serve");
	pm_buf_puts(&b, "<h1>No page ");
	html_escape(&b, name);
	pm_buf_puts(&b, "</h1><p>No source builds to it now; this page "
	                "reloads when the site is rebuilt. <a href=\"/\">The "
	                "index</a></p></body></html>\n");
	ok = send_page(conn, s, MHD_HTTP_NOT_FOUND, b.data, b.len);
	pm_buf_free(&b);
	return ok;
}

static enum MHD_Result
send_file(struct MHD_Connection *conn, serve_state *s, const char *name)
{
	const char *type = mime_type(name);
	struct stat st;
	int fd = open_file(s, name, &st);
	char *page;
	size_t len;
	enum MHD_Result ok;

	if (fd < 0)
		return send_missing(conn, s, name, type);
	if (!is_html(type) || (uintmax_t)st.st_size > INJECT_MAX)
		return send_response(conn, MHD_HTTP_OK,
		                     mhd.create_response_from_fd64(
		                         (uint64_t)st.st_size, fd),
		                     type);
	page = read_fd(fd, (size_t)st.st_size, &len);
	close(fd);
	if (page == NULL)
		return send_text(conn, MHD_HTTP_INTERNAL_SERVER_ERROR,
		                 "Internal Server Error");
	ok = send_page(conn, s, MHD_HTTP_OK, page, len);
	free(page);
	return ok;
}

/* The findings page of the source whose page name is (its id and any
 * extension), or of all with errors for SERVE_ERRORS; 0 when there is
 * none and the file is served instead. */
static int
findings_for(serve_state *s, const char *name, int all, pm_buf *b)
{
	char *id = all ? NULL : pm_xstrdup(name), *dot;
	int found;

	if (id != NULL && (dot = strrchr(id, '.')) != NULL && dot != id)
		*dot = '\0';
	pthread_mutex_lock(&s->lock);
	found = errors_page(s, id, b);
	pthread_mutex_unlock(&s->lock);
	free(id);
	return found;
}

/* The site's root: its index, else the one source's page, else a page
 * that says there is none yet. */
static enum MHD_Result
send_root(struct MHD_Connection *conn, serve_state *s)
{
	struct stat st;
	char *only = NULL;
	pm_buf b = {0};
	enum MHD_Result ok;
	int fd = open_file(s, "index.html", &st);

	if (fd >= 0) {
		close(fd);
		return send_file(conn, s, "index.html");
	}
	pthread_mutex_lock(&s->lock);
	if (s->only != NULL)
		only = pm_xstrdup(s->only);
	else
		empty_page(s, &b);
	pthread_mutex_unlock(&s->lock);
	if (only != NULL) {
		if (findings_for(s, only, 0, &b))
			ok = send_page(conn, s, MHD_HTTP_OK, b.data, b.len);
		else
			ok = send_file(conn, s, only);
	} else {
		ok = send_page(conn, s, MHD_HTTP_OK, b.data, b.len);
	}
	pm_buf_free(&b);
	free(only);
	return ok;
}

static enum MHD_Result
send_site(struct MHD_Connection *conn, serve_state *s, const char *url)
{
	char name[256];
	unsigned status = file_name(url, name, sizeof(name));
	pm_buf b = {0};
	enum MHD_Result ok;

	if (status == 400)
		return send_text(conn, status, "Bad Request");
	if (status != 0)
		return send_text(conn, status, "Not Found");
	if (first_build(s) != 0)
		return send_text(conn, MHD_HTTP_SERVICE_UNAVAILABLE,
		                 "Service Unavailable");
	if (name[0] == '\0')
		return send_root(conn, s);
	if (!findings_for(s, name, 0, &b))
		return send_file(conn, s, name);
	ok = send_page(conn, s, MHD_HTTP_OK, b.data, b.len);
	pm_buf_free(&b);
	return ok;
}

/* Every source's findings, while one has errors. */
static enum MHD_Result
send_findings(struct MHD_Connection *conn, serve_state *s)
{
	pm_buf b = {0};
	enum MHD_Result ok;

	if (first_build(s) != 0 || !findings_for(s, NULL, 1, &b))
		return send_text(conn, MHD_HTTP_NOT_FOUND,
		                 "Not Found: no source has errors");
	ok = send_page(conn, s, MHD_HTTP_OK, b.data, b.len);
	pm_buf_free(&b);
	return ok;
}

static enum MHD_Result
on_request(void *arg, struct MHD_Connection *conn, const char *url,
           const char *method, const char *version, const char *upload,
           size_t *upload_size, void **req)
{
	serve_state *s = arg;
	struct MHD_Response *r;
	pm_buf b = {0};
	int head = strcmp(method, MHD_HTTP_METHOD_HEAD) == 0;

	(void)version;
	(void)upload;
	(void)upload_size;
	(void)req;
	if (!head && strcmp(method, MHD_HTTP_METHOD_GET) != 0) {
		pm_buf_puts(&b, "405 Method Not Allowed: only GET and HEAD\n");
		r = mhd.create_response_from_buffer(b.len, b.data,
		                                    MHD_RESPMEM_MUST_FREE);
		if (r != NULL)
			mhd.add_response_header(r, MHD_HTTP_HEADER_ALLOW,
			                        "GET, HEAD");
		else
			free(b.data);
		return send_response(conn, MHD_HTTP_METHOD_NOT_ALLOWED, r,
		                     "text/plain; charset=utf-8");
	}
	if (!host_ok(s, conn))
		return send_text(conn, MHD_HTTP_MISDIRECTED_REQUEST,
		                 "Misdirected Request: not a name of this "
		                 "server");
	if (strcmp(url, SERVE_EVENTS) == 0)
		return send_events(conn, s, head);
	if (strcmp(url, SERVE_ERRORS) == 0)
		return send_findings(conn, s);
	return send_site(conn, s, url);
}

/* The path is left as the client sent it (%2F, %00 and all) for
 * file_name to judge: libmicrohttpd's own decoding would turn "%2e%2e"
 * into ".." and cut the path at "%00" before anyone could refuse it. */
static size_t
keep_escapes(void *arg, struct MHD_Connection *conn, char *uri)
{
	(void)arg;
	(void)conn;
	return strlen(uri);
}

struct MHD_Daemon *
serve_http_start(serve_state *s, int fd)
{
	/* A thread per connection: an event stream is a long wait, which a
	 * thread spends blocked on s->changed; a preview has a few tabs
	 * open, and the limit bounds the threads. */
	return mhd.start_daemon(
	    MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD |
	        MHD_USE_POLL,
	    0, NULL, NULL, on_request, s, MHD_OPTION_LISTEN_SOCKET, fd,
	    MHD_OPTION_CONNECTION_LIMIT, (unsigned)64,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
	    MHD_OPTION_UNESCAPE_CALLBACK, keep_escapes, NULL, MHD_OPTION_END);
}

void
serve_http_stop(serve_state *s, struct MHD_Daemon *d)
{
	pthread_mutex_lock(&s->lock);
	s->stopping = 1;
	pthread_cond_broadcast(&s->changed);
	pthread_mutex_unlock(&s->lock);
	if (d != NULL)
		mhd.stop_daemon(d);
}
