/* lsp.c: pmc lsp, a Language Server Protocol server on standard input and
 * output: the lifecycle, the documents the client has open (full and
 * incremental sync), checking them when the typing stops, and the
 * dispatch of requests. Standard output carries protocol only. */
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "alloc.h"
#include "lsp_srv.h"

static ssize_t
read_fd(void *ctx, char *buf, size_t n)
{
	return read(*(int *)ctx, buf, n);
}

void
lsp_send(lsp *s, json_t *msg)
{
	char *text;

	json_object_set_new(msg, "jsonrpc", json_string("2.0"));
	text = json_dumps(msg, JSON_COMPACT);
	json_decref(msg);
	if (text == NULL)
		abort(); /* only out of memory: every value is valid */
	if (!s->done && pm_lsp_write(s->out, text, strlen(text)) < 0) {
		say("lsp: the client is gone: %s", strerror(errno));
		s->done = 1;
		s->status = 1;
	}
	free(text);
}

void
lsp_reply(lsp *s, json_t *id, json_t *result)
{
	json_t *msg = json_object();

	json_object_set(msg, "id", id);
	json_object_set_new(msg, "result", result ? result : json_null());
	lsp_send(s, msg);
}

void
lsp_error(lsp *s, json_t *id, int code, const char *message)
{
	json_t *msg = json_object();

	json_object_set(msg, "id", id ? id : json_null());
	json_object_set_new(msg, "error", json_pack("{s:i,s:s}", "code", code,
	                                            "message", message));
	lsp_send(s, msg);
}

void
lsp_notify(lsp *s, const char *method, json_t *params)
{
	json_t *msg = json_object();

	json_object_set_new(msg, "method", json_string(method));
	json_object_set_new(msg, "params", params);
	lsp_send(s, msg);
}

json_t *
lsp_string(const char *s, size_t n)
{
	json_t *j = json_stringn(s ? s : "", s ? n : 0);
	pm_buf b = {0};

	if (j != NULL)
		return j;
	pm_diag_escape(&b, s, n);
	j = json_stringn(b.data ? b.data : "", b.len);
	pm_buf_free(&b);
	return j;
}

static int
hex(int ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/* The path a file: URI names ("file:///srv/a%20b.md", also with
 * "localhost" as its host), percent-decoded; another URI (an editor's
 * unsaved "untitled:1") names its document as it is. A decoded NUL
 * would cut the path short: such a URI keeps its own name. */
static char *
uri_name(const char *uri)
{
	const char *p = uri + 7;
	char *out, *o;

	if (strncmp(uri, "file://", 7) != 0)
		return pm_xstrdup(uri);
	if (strncmp(p, "localhost/", 10) == 0)
		p += 9;
	if (*p != '/')
		return pm_xstrdup(uri);
	o = out = pm_xmalloc(strlen(p) + 1);
	for (; *p; p++) {
		if (*p == '%' && hex(p[1]) >= 0 && hex(p[2]) >= 0 &&
		    (hex(p[1]) | hex(p[2])) != 0) {
			*o++ = (char)(hex(p[1]) * 16 + hex(p[2]));
			p += 2;
		} else {
			*o++ = *p;
		}
	}
	*o = '\0';
	return out;
}

lsp_doc *
lsp_doc_of(lsp *s, json_t *params)
{
	const char *uri = json_string_value(
	    json_object_get(json_object_get(params, "textDocument"), "uri"));
	lsp_doc *d;

	for (d = s->docs; uri != NULL && d != NULL; d = d->next)
		if (strcmp(d->uri, uri) == 0)
			return d;
	return NULL;
}

void
lsp_doc_lines(lsp_doc *d)
{
	const char *t = d->text.data;
	size_t i, cap = 64;

	free(d->lines);
	d->lines = pm_xmalloc(cap * sizeof(*d->lines));
	d->lines[0] = 0;
	d->nlines = 1;
	for (i = 0; i < d->text.len; i++) {
		if (t[i] == '\r' && i + 1 < d->text.len && t[i + 1] == '\n')
			i++;
		else if (t[i] != '\n' && t[i] != '\r')
			continue;
		if (d->nlines == cap) {
			cap *= 2;
			d->lines = pm_xrealloc(d->lines, cap * sizeof(*d->lines));
		}
		d->lines[d->nlines++] = i + 1;
	}
}

size_t
lsp_line(const lsp_doc *d, long line, size_t *len)
{
	size_t start, end;

	if (line < 1 || (size_t)line > d->nlines) {
		*len = 0;
		return d->text.len;
	}
	start = d->lines[line - 1];
	end = (size_t)line < d->nlines ? d->lines[line] : d->text.len;
	while (end > start && (d->text.data[end - 1] == '\n' ||
	                       d->text.data[end - 1] == '\r'))
		end--;
	*len = end - start;
	return start;
}

size_t
lsp_finding_line(const lsp_doc *d, long line, size_t *len)
{
	size_t at = lsp_line(d, line, len);

	/* pmc counts the first line's columns after a BOM */
	if (line == 1 && *len >= 3 &&
	    memcmp(d->text.data, "\xef\xbb\xbf", 3) == 0) {
		at += 3;
		*len -= 3;
	}
	return at;
}

size_t
lsp_line_of(const lsp_doc *d, size_t off)
{
	size_t lo = 0, hi = d->nlines, mid;

	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (d->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo + 1;
}

int
lsp_cmp_position(json_t *a, json_t *b)
{
	json_int_t al = json_integer_value(json_object_get(a, "line")),
	           bl = json_integer_value(json_object_get(b, "line")),
	           ac = json_integer_value(json_object_get(a, "character")),
	           bc = json_integer_value(json_object_get(b, "character"));

	if (al != bl)
		return al < bl ? -1 : 1;
	return ac < bc ? -1 : ac > bc;
}

json_t *
lsp_position(const lsp *s, const lsp_doc *d, size_t offset)
{
	size_t line, at, n;

	if (offset > d->text.len)
		offset = d->text.len;
	line = lsp_line_of(d, offset) - 1;
	at = lsp_line(d, (long)line + 1, &n);
	/* inside a line ending ("\r\n"): the end of the line */
	if (offset > at + n)
		offset = at + n;
	return json_pack("{s:I,s:I}", "line", (json_int_t)line, "character",
	                 (json_int_t)pm_lsp_units(d->text.data + at, offset - at,
	                                          s->enc));
}

size_t
lsp_offset(const lsp *s, const lsp_doc *d, json_t *position)
{
	json_t *l = json_object_get(position, "line"),
	       *c = json_object_get(position, "character");
	size_t at, n;
	json_int_t line;

	if (!json_is_integer(l) || !json_is_integer(c))
		return (size_t)-1;
	line = json_integer_value(l);
	at = lsp_line(d, line < 0 ? 1 : line >= LONG_MAX ? LONG_MAX : line + 1,
	              &n);
	return at + pm_lsp_offset(d->text.data + at, n, 0,
	                          (long)json_integer_value(c), s->enc);
}

json_t *
lsp_range_of(const lsp *s, const lsp_doc *d, int line, int col, int span)
{
	const char *t = d->text.data ? d->text.data : "";
	size_t n, at = lsp_finding_line(d, line < 1 ? 1 : line, &n);
	size_t from = pm_lsp_chars_bytes(t + at, n, col - 1);
	size_t to = from + pm_lsp_chars_bytes(t + at + from, n - from, span);

	return json_pack("{s:o,s:o}", "start", lsp_position(s, d, at + from),
	                 "end", lsp_position(s, d, at + to));
}

static void
doc_free(lsp_doc *d)
{
	free(d->uri);
	free(d->name);
	pm_buf_free(&d->text);
	free(d->lines);
	json_decref(d->version);
	json_decref(d->diags);
	free(d);
}

/* A change is checked when the client has been quiet for a moment; an
 * opened document at once. */
static void
touch(lsp_doc *d, int64_t delay)
{
	d->due = cli_now_ms() + delay;
	if (d->due == 0)
		d->due = 1;
}

static void
did_open(lsp *s, json_t *params)
{
	json_t *td = json_object_get(params, "textDocument");
	json_t *text = json_object_get(td, "text");
	const char *uri = json_string_value(json_object_get(td, "uri"));
	lsp_doc *d;

	if (uri == NULL || !json_is_string(text))
		return;
	if ((d = lsp_doc_of(s, params)) == NULL) {
		d = pm_xcalloc(1, sizeof(*d));
		d->uri = pm_xstrdup(uri);
		d->name = uri_name(uri);
		d->next = s->docs;
		s->docs = d;
	}
	d->text.len = 0;
	pm_buf_put(&d->text, json_string_value(text), json_string_length(text));
	pm_buf_cstr(&d->text);
	lsp_doc_lines(d);
	json_decref(d->version);
	d->version = json_incref(json_object_get(td, "version"));
	touch(d, 0);
}

/* One entry of contentChanges: the whole text, or a range replaced. */
static void
apply_change(lsp *s, lsp_doc *d, json_t *change)
{
	json_t *text = json_object_get(change, "text"),
	       *range = json_object_get(change, "range");
	size_t from, to, n;
	pm_buf b = {0};

	if (!json_is_string(text))
		return;
	n = json_string_length(text);
	if (range == NULL) {
		d->text.len = 0;
		pm_buf_put(&d->text, json_string_value(text), n);
		return;
	}
	from = lsp_offset(s, d, json_object_get(range, "start"));
	to = lsp_offset(s, d, json_object_get(range, "end"));
	if (from == (size_t)-1 || to == (size_t)-1)
		return;
	if (to < from) {
		size_t t = to;
		to = from;
		from = t;
	}
	pm_buf_put(&b, d->text.data, from);
	pm_buf_put(&b, json_string_value(text), n);
	pm_buf_put(&b, d->text.data + to, d->text.len - to);
	pm_buf_free(&d->text);
	d->text = b;
}

static void
did_change(lsp *s, json_t *params)
{
	lsp_doc *d = lsp_doc_of(s, params);
	json_t *changes = json_object_get(params, "contentChanges"), *ch;
	size_t i;

	if (d == NULL)
		return;
	json_array_foreach(changes, i, ch) {
		apply_change(s, d, ch);
		pm_buf_cstr(&d->text);
		lsp_doc_lines(d);
	}
	json_decref(d->version);
	d->version = json_incref(
	    json_object_get(json_object_get(params, "textDocument"), "version"));
	touch(d, LSP_DEBOUNCE_MS);
}

/* A closed document's findings are taken back, as the editor no longer
 * shows the text they are about. */
static void
did_close(lsp *s, json_t *params)
{
	lsp_doc **p, *d = lsp_doc_of(s, params);

	if (d == NULL)
		return;
	for (p = &s->docs; *p != d; p = &(*p)->next)
		continue;
	*p = d->next;
	lsp_notify(s, "textDocument/publishDiagnostics",
	           json_pack("{s:s,s:[]}", "uri", d->uri, "diagnostics"));
	doc_free(d);
}

/* The position encoding: the client's general.positionEncodings, UTF-8
 * preferred (pmc's own), then UTF-32; else the protocol's UTF-16. */
static pm_lsp_enc
negotiate(json_t *params)
{
	json_t *list = json_object_get(
	    json_object_get(json_object_get(params, "capabilities"), "general"),
	    "positionEncodings");
	json_t *e;
	size_t i;
	int utf32 = 0;

	json_array_foreach(list, i, e) {
		if (json_is_string(e) && strcmp(json_string_value(e), "utf-8") == 0)
			return PM_LSP_UTF8;
		if (json_is_string(e) && strcmp(json_string_value(e), "utf-32") == 0)
			utf32 = 1;
	}
	return utf32 ? PM_LSP_UTF32 : PM_LSP_UTF16;
}

static void
initialize(lsp *s, json_t *id, json_t *params)
{
	static const char *const names[] = {"utf-16", "utf-8", "utf-32"};
	json_t *caps;

	s->enc = negotiate(params);
	s->watch = json_is_true(json_object_get(
	    json_object_get(json_object_get(json_object_get(params,
	                                                    "capabilities"),
	                                    "workspace"),
	                    "didChangeWatchedFiles"),
	    "dynamicRegistration"));
	caps = json_pack("{s:s,s:{s:b,s:i},s:b,s:b,s:b,s:{s:[s]},s:{s:[s,s,s,s]}}",
	                 "positionEncoding", names[s->enc], "textDocumentSync",
	                 "openClose", 1, "change", 2, "hoverProvider", 1,
	                 "documentFormattingProvider", 1,
	                 "documentSymbolProvider", 1, "codeActionProvider",
	                 "codeActionKinds", "quickfix", "completionProvider",
	                 "triggerCharacters", "#", "[", "(", ":");
	s->state = LSP_RUNNING;
	lsp_reply(s, id, json_pack("{s:o,s:{s:s,s:s}}", "capabilities", caps,
	                           "serverInfo", "name", "pmc", "version",
	                           PMC_VERSION));
}

/* Asks a client that can to tell the server when a policy changes, so
 * that every open document is judged by the policy as saved. (The
 * library's policy cache rereads a changed file in any case; this only
 * makes the documents nobody is typing in catch up.) The reply, like
 * every reply, is ignored. */
static void
initialized(lsp *s)
{
	if (!s->watch)
		return;
	lsp_send(s, json_pack("{s:s,s:s,s:s,s:{s:[{s:s,s:s,s:{s:[{s:s}]}}]}}",
	                      "jsonrpc", "2.0", "id", "pmc-watch-policy",
	                      "method", "client/registerCapability",
	                      "params", "registrations", "id", "pmc-policy",
	                      "method", "workspace/didChangeWatchedFiles",
	                      "registerOptions", "watchers", "globPattern",
	                      "**/.pmc.yml"));
}

/* A policy was saved, made or removed: every open document again. */
static void
policy_changed(lsp *s)
{
	lsp_doc *d;

	for (d = s->docs; d != NULL; d = d->next)
		touch(d, 0);
}

/* The notifications; an unknown one is ignored, as the protocol asks. */
static void
notification(lsp *s, const char *method, json_t *params)
{
	if (strcmp(method, "exit") == 0) {
		s->status = s->state == LSP_SHUT_DOWN ? 0 : 1;
		s->done = 1;
	} else if (s->state != LSP_RUNNING) {
		return;
	} else if (strcmp(method, "textDocument/didOpen") == 0) {
		did_open(s, params);
	} else if (strcmp(method, "textDocument/didChange") == 0) {
		did_change(s, params);
	} else if (strcmp(method, "textDocument/didClose") == 0) {
		did_close(s, params);
	} else if (strcmp(method, "initialized") == 0) {
		initialized(s);
	} else if (strcmp(method, "workspace/didChangeWatchedFiles") == 0) {
		policy_changed(s);
	}
}

static const struct {
	const char *method;
	void (*fn)(lsp *, json_t *id, json_t *params);
} requests[] = {
    {"textDocument/formatting", lsp_formatting},
    {"textDocument/hover", lsp_hover},
    {"textDocument/documentSymbol", lsp_symbols},
    {"textDocument/codeAction", lsp_code_action},
    {"textDocument/completion", lsp_completion},
};

static void
request(lsp *s, json_t *id, const char *method, json_t *params)
{
	size_t k;

	if (strcmp(method, "initialize") == 0) {
		if (s->state == LSP_NEW)
			initialize(s, id, params);
		else
			lsp_error(s, id, RPC_INVALID_REQUEST,
			          "initialize was sent already");
		return;
	}
	if (s->state == LSP_NEW) {
		lsp_error(s, id, RPC_SERVER_NOT_INITIALIZED,
		          "the server is not initialized");
		return;
	}
	if (s->state == LSP_SHUT_DOWN) {
		lsp_error(s, id, RPC_INVALID_REQUEST, "the server is shut down");
		return;
	}
	if (strcmp(method, "shutdown") == 0) {
		s->state = LSP_SHUT_DOWN;
		lsp_reply(s, id, NULL);
		return;
	}
	for (k = 0; k < sizeof(requests) / sizeof(requests[0]); k++)
		if (strcmp(method, requests[k].method) == 0) {
			requests[k].fn(s, id, params);
			return;
		}
	lsp_error(s, id, RPC_METHOD_NOT_FOUND, "method not found");
}

/* One message's body. A response (the server asks nothing) is
 * ignored. */
static void
handle(lsp *s, const pm_buf *body)
{
	json_error_t err;
	json_t *msg = json_loadb(body->data ? body->data : "", body->len,
	                         JSON_ALLOW_NUL, &err);
	json_t *id, *method;

	if (msg == NULL) {
		lsp_error(s, NULL, RPC_PARSE_ERROR, err.text);
		return;
	}
	id = json_object_get(msg, "id");
	method = json_object_get(msg, "method");
	if (!json_is_object(msg))
		lsp_error(s, NULL, RPC_INVALID_REQUEST, "not a JSON object");
	else if (id != NULL && !json_is_string(id) && !json_is_integer(id))
		lsp_error(s, NULL, RPC_INVALID_REQUEST,
		          "id must be a string or an integer");
	else if (json_is_string(method) && id != NULL)
		request(s, id, json_string_value(method),
		        json_object_get(msg, "params"));
	else if (json_is_string(method))
		notification(s, json_string_value(method),
		             json_object_get(msg, "params"));
	else if (id != NULL && json_object_get(msg, "result") == NULL &&
	         json_object_get(msg, "error") == NULL)
		lsp_error(s, id, RPC_INVALID_REQUEST, "no method");
	json_decref(msg);
}

/* The time until the next document is due to be checked (-1: none). */
static int
next_due(const lsp *s)
{
	const lsp_doc *d;
	int64_t first = 0, now = cli_now_ms();

	for (d = s->docs; d != NULL; d = d->next)
		if (d->due != 0 && (first == 0 || d->due < first))
			first = d->due;
	if (first == 0)
		return -1;
	return first <= now ? 0 : (int)(first - now);
}

static void
check_due(lsp *s)
{
	lsp_doc *d;
	int64_t now = cli_now_ms();

	for (d = s->docs; d != NULL && !s->done; d = d->next)
		if (d->due != 0 && d->due <= now) {
			d->due = 0;
			lsp_diagnose(s, d);
		}
}

/* Waits for the next message, checking the documents whose time has
 * come meanwhile; 1 when a message is waiting, 0 when the wait ended for
 * another reason (check again). */
static int
wait_input(lsp *s, const pm_lsp_reader *r, int in)
{
	struct pollfd p = {in, POLLIN, 0};
	int ms = next_due(s), n;

	if (pm_lsp_buffered(r) || ms < 0)
		return 1;
	n = poll(&p, 1, ms);
	if (n == 0)
		check_due(s);
	return n > 0;
}

/* Why a stream cannot be read further, for the client's log. */
static void
stream_failed(lsp *s, pm_lsp_status st)
{
	if (st == PM_LSP_BAD_HEADER) {
		lsp_error(s, NULL, RPC_PARSE_ERROR, "a message header without "
		                                    "a valid Content-Length");
		say("%s", "lsp: a message header without a valid "
		          "Content-Length; stopping");
	} else if (st == PM_LSP_TOO_LARGE) {
		lsp_error(s, NULL, RPC_INVALID_REQUEST, "message too large");
		say("lsp: a Content-Length over %zu MiB; stopping",
		    PM_LSP_MAX_BODY >> 20);
	} else if (st == PM_LSP_TRUNCATED) {
		say("%s", "lsp: the input ended inside a message");
	}
	s->status = 1;
	s->done = 1;
}

static int
serve(lsp *s, int in)
{
	pm_lsp_reader *r = pm_xmalloc(sizeof(*r));
	pm_buf body = {0};
	pm_lsp_status st;

	pm_lsp_reader_init(r, read_fd, &in);
	while (!s->done) {
		if (!wait_input(s, r, in))
			continue;
		if ((st = pm_lsp_read(r, &body)) != PM_LSP_MSG)
			stream_failed(s, st);
		else
			handle(s, &body);
	}
	while (s->docs != NULL) {
		lsp_doc *d = s->docs;
		s->docs = d->next;
		doc_free(d);
	}
	pm_buf_free(&body);
	free(r);
	return s->status;
}

int
run_lsp(cli *c)
{
	lsp s = {.c = c, .out = STDOUT_FILENO, .enc = PM_LSP_UTF16,
	         .state = LSP_NEW, .status = 1};

	if (c->nsources > 0)
		return fail("lsp: '%s': the server takes no source; the client "
		            "sends the documents",
		            c->sources[0]);
	/* a client that goes away is seen as a failed write, not a signal */
	signal(SIGPIPE, SIG_IGN);
	return serve(&s, STDIN_FILENO);
}
