/* xslt.c: the template runner of xslt.h: a cache of compiled stylesheets,
 * libxslt's security preferences, its errors routed to the diag sink, and
 * the pmc: extension functions. */
#define _XOPEN_SOURCE 700 /* realpath */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>

#include <libxml/parser.h>
#include <libxml/xpathInternals.h>
#include <libxslt/documents.h>
#include <libxslt/extensions.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xslt.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

#include "alloc.h"
#include "derive.h"
#include "doc.h"
#include "figure.h"
#include "l10n.h"
#include "lazylibs.h"
#include "lazylibs_calls.h"
#include "pmtime.h"
#include "text.h"
#include "xslt.h"

/* A compiled stylesheet; style is shared by every transformation. */
typedef struct sheet {
	char *path; /* real path */
	char *dir;  /* its folder, ending in '/' */
	xsltStylesheetPtr style;
	struct sheet *next;
} sheet;

/* What one transformation's callbacks need; ctxt->_private points here. */
typedef struct run {
	const char *dirs[2]; /* the folders it may read, ending in '/' */
	const pm_labels *labels;
	const char *family;
	pm_tz *tz;
	char *tzname;
	pm_buf errors; /* libxslt's and libxml2's messages */
	pm_buf stack;  /* libxslt's generic channel: its template stack dump */
} run;

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER; /* guards the stylesheet cache and compile_dirs */
static sheet *sheets;
static xsltSecurityPrefsPtr prefs;
static xsltDocLoaderFunc default_loader;
/* The folders a stylesheet being compiled may read: while compiling
 * there is no transformation context to carry them. */
static const char *compile_dirs[2];

static void collect_thread(void *unused, const char *fmt, ...);
static void drop(void *unused, const char *fmt, ...);

/* Is path, with links resolved, inside one of dirs? A file that does not
 * exist is refused too: there is nothing to read. */
static int
under(const char *path, const char *const dirs[2])
{
	char real[PATH_MAX];
	int i;

	if (path == NULL || realpath(path, real) == NULL)
		return 0;
	for (i = 0; i < 2; i++)
		if (dirs[i] != NULL &&
		    strncmp(real, dirs[i], strlen(dirs[i])) == 0)
			return 1;
	return 0;
}

static int
read_ok(xsltSecurityPrefsPtr sec, xsltTransformContextPtr ctxt,
        const char *path)
{
	const run *r = ctxt != NULL ? ctxt->_private : NULL;

	(void)sec;
	return under(path, r != NULL ? r->dirs : compile_dirs);
}

/* Every document libxslt loads (stylesheets, includes, document()) is
 * parsed without external entities, DTDs or XInclude, and never from the
 * network: the security preferences see only the URI asked for, not what
 * an entity inside it would pull in. */
static xmlDocPtr
safe_loader(const xmlChar *uri, xmlDictPtr dict, int options, void *ctxt,
            xsltLoadType type)
{
	options &= ~(XML_PARSE_NOENT | XML_PARSE_DTDLOAD | XML_PARSE_DTDATTR |
	             XML_PARSE_XINCLUDE);
	/* A stylesheet's indentation is dropped as it is parsed rather than
	 * built as text nodes for libxslt to strip (XSLT ignores it; the
	 * parser keeps xml:space="preserve" and the text of an xsl:text),
	 * and its short texts are stored in their nodes: 6 % of compiling
	 * report.xsl. */
	if (type != XSLT_LOAD_DOCUMENT)
		options |= XML_PARSE_NOBLANKS | XML_PARSE_COMPACT;
	return default_loader(uri, dict, options | XML_PARSE_NONET, ctxt,
	                      type);
}

static void
init(void)
{
	xmlInitParser();
	default_loader = xsltDocDefaultLoader;
	xsltSetLoaderFunc(safe_loader);
	xsltSetGenericErrorFunc(NULL, collect_thread);
	/* its debug channel is a trace of every step (megabytes a report):
	 * dropped, as libxslt's own default does, but never to stderr */
	xsltSetGenericDebugFunc(NULL, drop);
	prefs = xsltNewSecurityPrefs();
	xsltSetSecurityPrefs(prefs, XSLT_SECPREF_READ_FILE, read_ok);
	xsltSetSecurityPrefs(prefs, XSLT_SECPREF_WRITE_FILE,
	                     xsltSecurityForbid);
	xsltSetSecurityPrefs(prefs, XSLT_SECPREF_CREATE_DIRECTORY,
	                     xsltSecurityForbid);
	xsltSetSecurityPrefs(prefs, XSLT_SECPREF_READ_NETWORK,
	                     xsltSecurityForbid);
	xsltSetSecurityPrefs(prefs, XSLT_SECPREF_WRITE_NETWORK,
	                     xsltSecurityForbid);
	/* the defaults govern xsl:include and xsl:import at compile time */
	xsltSetDefaultSecurityPrefs(prefs);
}

/* Appends a printf-style message piece to b. */
static void
collect_va(pm_buf *b, const char *fmt, va_list ap)
{
	va_list again;
	char small[512], *big;
	int n;

	va_copy(again, ap);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	if (n >= 0 && (size_t)n < sizeof(small)) {
		pm_buf_put(b, small, (size_t)n);
	} else if (n >= 0) {
		big = pm_xmalloc((size_t)n + 1);
		vsnprintf(big, (size_t)n + 1, fmt, again);
		pm_buf_put(b, big, (size_t)n);
		free(big);
	}
	va_end(again);
}

/* libxslt's and libxml2's generic error handler: messages arrive in
 * pieces, printf-style; they are gathered and reported afterwards. */
static void
collect(void *arg, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	collect_va(arg, fmt, ap);
	va_end(ap);
}

/* libxslt's own generic error and debug handlers are process-wide (and
 * xsltDebug() dumps the template stack through them when a recursion is
 * cut off): set once, they write to the buffer of whatever this thread
 * is compiling or running, never to standard error. */
static _Thread_local pm_buf *thread_errors;

static void
drop(void *unused, const char *fmt, ...)
{
	(void)unused;
	(void)fmt;
}

static void
collect_thread(void *unused, const char *fmt, ...)
{
	va_list ap;

	(void)unused;
	if (thread_errors == NULL)
		return;
	va_start(ap, fmt);
	collect_va(thread_errors, fmt, ap);
	va_end(ap);
}

/* libxml2's structured errors, written in libxslt's own "file F line N"
 * form so that one reader finds the places of both. */
static void
collect_structured(void *arg, xmlErrorPtr e)
{
	pm_buf *b = arg;

	if (e == NULL)
		return;
	if (e->file != NULL && e->line > 0)
		pm_buf_printf(b, "error: file %s line %d\n", e->file, e->line);
	pm_buf_puts(b, e->message != NULL ? e->message : "XML error\n");
	if (b->len > 0 && b->data[b->len - 1] != '\n')
		pm_buf_putc(b, '\n');
}

static void
emit(const pm_render_opts *opts, const char *file, int line,
     pm_severity sev, const char *msg)
{
	pm_diag d = {0};

	if (opts == NULL || opts->diag == NULL)
		return;
	d.file = file;
	d.line = line;
	d.col = line > 0 ? 1 : 0;
	d.span = 1;
	d.severity = sev;
	d.rule = pm_rule_id(PM_R_TEMPLATE);
	d.message = msg;
	opts->diag(&d, opts->diag_arg);
}

/* Reads a location line "...error: file F line N element E" into
 * file and *line; returns 0 when s is not one. */
static int
location(const char *s, char *file, size_t size, int *line)
{
	const char *f = strstr(s, "error: file "), *l;
	size_t n;

	if (f == NULL)
		return 0;
	f += strlen("error: file ");
	if ((l = strstr(f, " line ")) == NULL)
		return 0;
	n = (size_t)(l - f) < size - 1 ? (size_t)(l - f) : size - 1;
	memcpy(file, f, n);
	file[n] = '\0';
	*line = atoi(l + strlen(" line "));
	return 1;
}

/* Reports the gathered messages, one finding a line, each at the place
 * the location line before it named. libxml2's XPath errors come before
 * libxslt names the place, so messages before any location line take
 * the first one. A bare "error" says nothing and is left out. */
static void
report_errors(pm_buf *errors, const char *path, pm_severity sev,
              const pm_render_opts *opts)
{
	char file[PATH_MAX];
	char *text = pm_xstrdup(pm_buf_cstr(errors)), *s, *save = NULL;
	const char *first = strstr(text, "error: file ");
	int line = 0, shown = 0;

	snprintf(file, sizeof(file), "%s", path);
	if (first != NULL)
		location(first, file, sizeof(file), &line);
	for (s = strtok_r(text, "\n", &save); s != NULL;
	     s = strtok_r(NULL, "\n", &save)) {
		if (location(s, file, sizeof(file), &line))
			continue;
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s != '\0' && strcmp(s, "error") != 0 && shown++ < 20)
			emit(opts, file, line, sev, s);
	}
	free(text);
	errors->len = 0;
}

/* The generic channel's messages: xsltDebug()'s dump of the template
 * stack ("Templates:", "#0 name tick", ..., "Variables:", ...) becomes
 * one note naming the innermost template and the depth; anything before
 * it is reported as other messages are. */
static void
report_stack(pm_buf *stack, const char *path, pm_severity sev,
             const pm_render_opts *opts)
{
	char *text = pm_xstrdup(pm_buf_cstr(stack)), *dump, *s, *save = NULL;
	char inner[64] = "", msg[160];
	int frames = 0;

	if ((dump = strstr(text, "Templates:\n")) != NULL) {
		*dump = '\0';
		dump += strlen("Templates:\n");
	}
	stack->len = 0;
	pm_buf_puts(stack, text);
	report_errors(stack, path, sev, opts);
	for (s = dump ? strtok_r(dump, "\n", &save) : NULL;
	     s != NULL && strcmp(s, "Variables:") != 0;
	     s = strtok_r(NULL, "\n", &save))
		if (s[0] == '#' && frames++ == 0 && strstr(s, " name ") != NULL)
			snprintf(inner, sizeof(inner), "%.*s",
			         (int)strcspn(strstr(s, " name ") + 6, " "),
			         strstr(s, " name ") + 6);
	if (frames > 0) {
		snprintf(msg, sizeof(msg),
		         "template stack when it stopped: %d deep, innermost "
		         "'%s'", frames, inner);
		emit(opts, path, 0, PM_NOTE, msg);
	}
	free(text);
}

/* A real folder path with a trailing '/', or NULL. */
static char *
real_dir(const char *dir)
{
	char real[PATH_MAX];
	char *out;

	if (realpath(dir, real) == NULL)
		return NULL;
	out = pm_xmalloc(strlen(real) + 2);
	strcpy(out, real);
	strcat(out, "/");
	return out;
}

static sheet *
find_sheet(const char *real)
{
	sheet *s;

	for (s = sheets; s != NULL; s = s->next)
		if (strcmp(s->path, real) == 0)
			return s;
	return NULL;
}

/* The compiled stylesheet at path, compiling it on first use; NULL after
 * reporting why it cannot be had. Called with the lock held. */
static sheet *
get_sheet(const char *path, const char *labels_dir, pm_buf *errors,
          const pm_render_opts *opts)
{
	xmlStructuredErrorFunc old_sfn = xmlStructuredError;
	void *old_sarg = xmlStructuredErrorContext;
	char real[PATH_MAX], msg[PATH_MAX + 64];
	sheet *s;
	char *slash;

	if (realpath(path, real) == NULL) {
		snprintf(msg, sizeof(msg), "cannot read template %s: %s",
		         path, strerror(errno));
		emit(opts, path, 0, PM_ERROR, msg);
		return NULL;
	}
	if ((s = find_sheet(real)) != NULL)
		return s;
	s = pm_xcalloc(1, sizeof(*s));
	s->path = pm_xstrdup(real);
	s->dir = pm_xstrdup(real);
	slash = strrchr(s->dir, '/');
	slash[1] = '\0';
	compile_dirs[0] = s->dir;
	compile_dirs[1] = labels_dir;
	thread_errors = errors;
	xmlSetStructuredErrorFunc(errors, collect_structured);
	s->style = xsltParseStylesheetFile((const xmlChar *)s->path);
	thread_errors = NULL;
	xmlSetStructuredErrorFunc(old_sarg, old_sfn);
	compile_dirs[0] = compile_dirs[1] = NULL;
	if (s->style == NULL) {
		if (errors->len == 0)
			pm_buf_puts(errors, "not a usable XSLT stylesheet\n");
		report_errors(errors, s->path, PM_ERROR, opts);
		free(s->path);
		free(s->dir);
		free(s);
		return NULL;
	}
	report_errors(errors, s->path, PM_WARNING, opts);
	s->next = sheets;
	sheets = s;
	return s;
}

static run *
run_of(xmlXPathParserContextPtr ctxt)
{
	xsltTransformContextPtr t = xsltXPathGetTransformContext(ctxt);

	return t != NULL ? t->_private : NULL;
}

/* Pops the string arguments of an extension function, last first;
 * returns -1 (with the XPath error set) on a wrong count. */
static int
pop_strings(xmlXPathParserContextPtr ctxt, int nargs, int want,
            xmlChar **args)
{
	int i;

	if (nargs != want) {
		xmlXPathSetArityError(ctxt);
		return -1;
	}
	for (i = want - 1; i >= 0; i--)
		args[i] = xmlXPathPopString(ctxt);
	return 0;
}

static void
return_buf(xmlXPathParserContextPtr ctxt, pm_buf *b)
{
	xmlXPathReturnString(ctxt, xmlStrdup((const xmlChar *)(
	                               b->len ? pm_buf_cstr(b) : "")));
	pm_buf_free(b);
}

static void
fn_label(xmlXPathParserContextPtr ctxt, int nargs)
{
	const run *r = run_of(ctxt);
	xmlChar *key;

	if (pop_strings(ctxt, nargs, 1, &key) < 0)
		return;
	xmlXPathReturnString(ctxt,
	                     xmlStrdup((const xmlChar *)pm_label(
	                         r ? r->labels : NULL, (const char *)key)));
	xmlFree(key);
}

static void
fn_duration(xmlXPathParserContextPtr ctxt, int nargs)
{
	const run *r = run_of(ctxt);
	pm_buf b = {0};
	double n;

	if (nargs != 1) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	n = xmlXPathPopNumber(ctxt);
	if (!isnan(n) && fabs(n) < 1e15)
		pm_fmt_duration(&b, llround(n), r ? r->family : "en");
	return_buf(ctxt, &b);
}

static int
dt_style(const char *s, enum pm_dt_style *style)
{
	static const struct {
		const char *name;
		enum pm_dt_style style;
	} styles[] = {{"date", PM_DT_DATE},
	              {"time", PM_DT_TIME},
	              {"datetime", PM_DT_DATETIME},
	              {"short", PM_DT_SHORT},
	              {"day", PM_DT_DAY},
	              {"month", PM_DT_MONTH}};
	size_t i;

	for (i = 0; i < sizeof(styles) / sizeof(styles[0]); i++)
		if (strcmp(s, styles[i].name) == 0) {
			*style = styles[i].style;
			return 0;
		}
	return -1;
}

/* A value that is not a date is returned as it is, so that the page
 * still says what the source said. */
static void
fn_datetime(xmlXPathParserContextPtr ctxt, int nargs)
{
	const run *r = run_of(ctxt);
	enum pm_dt_style style;
	xmlChar *a[2];
	pm_buf b = {0};

	if (pop_strings(ctxt, nargs, 2, a) < 0)
		return;
	if (dt_style((const char *)a[1], &style) < 0)
		xsltTransformError(xsltXPathGetTransformContext(ctxt), NULL,
		                   NULL, "pmc:datetime: unknown style '%s' "
		                   "(date, time, datetime or short)\n", a[1]);
	else if (pm_fmt_datetime(&b, (const char *)a[0],
	                         r ? r->family : "en", style) < 0)
		pm_buf_puts(&b, (const char *)a[0]);
	return_buf(ctxt, &b);
	xmlFree(a[0]);
	xmlFree(a[1]);
}

static void
fn_seconds(xmlXPathParserContextPtr ctxt, int nargs)
{
	xmlChar *iso;
	pm_time t;
	int off;

	if (pop_strings(ctxt, nargs, 1, &iso) < 0)
		return;
	if (pm_time_parse_iso((const char *)iso, &t, &off) == 0)
		xmlXPathReturnNumber(ctxt, (double)t);
	else
		xmlXPathReturnNumber(ctxt, xmlXPathNAN);
	xmlFree(iso);
}

/* The zone is loaded once a transformation: a figure asks for it for
 * every tick of its axis. */
static const pm_tz *
zone(run *r, const char *name)
{
	if (r->tzname == NULL || strcmp(r->tzname, name) != 0) {
		pm_tz_free(r->tz);
		free(r->tzname);
		r->tz = pm_tz_load(name);
		r->tzname = pm_xstrdup(name);
	}
	return r->tz;
}

static void
fn_iso(xmlXPathParserContextPtr ctxt, int nargs)
{
	run *r = run_of(ctxt);
	char buf[PM_TIME_ISO_MAX] = "";
	const pm_tz *tz;
	xmlChar *name;
	double n;

	if (nargs != 2) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	name = xmlXPathPopString(ctxt);
	n = xmlXPathPopNumber(ctxt);
	if (r != NULL && !isnan(n) && fabs(n) < 1e12 &&
	    (tz = zone(r, (const char *)name)) != NULL)
		pm_time_format((pm_time)floor(n),
		               pm_tz_offset(tz, (pm_time)floor(n)), buf);
	xmlXPathReturnString(ctxt, xmlStrdup((const xmlChar *)buf));
	xmlFree(name);
}

/* Percent-encodes what may not stand in a URL as written in HTML
 * (spaces, controls, quotes, angle brackets, braces...). libxml2's HTML
 * serializer escapes some of these in href and src, but not '<', '>' or
 * '`': a page with them is invalid, though browsers would cope. */
static void
fn_uri(xmlXPathParserContextPtr ctxt, int nargs)
{
	static const char bad[] = " \"<>\\^`{|}";
	xmlChar *u;
	const unsigned char *p;
	pm_buf b = {0};

	if (pop_strings(ctxt, nargs, 1, &u) < 0)
		return;
	for (p = u; *p != '\0'; p++)
		if (*p < 0x21 || *p == 0x7f || strchr(bad, *p) != NULL)
			pm_buf_printf(&b, "%%%02X", *p);
		else
			pm_buf_putc(&b, *p);
	return_buf(ctxt, &b);
	xmlFree(u);
}

/* pmc:figure(node): the incident figure of the postmortem node as
 * HTML (figure_svg.c), an empty node-set when it has none. Its nodes
 * live in a tree libxslt frees with the transformation. */
static void
fn_figure(xmlXPathParserContextPtr ctxt, int nargs)
{
	xsltTransformContextPtr t = xsltXPathGetTransformContext(ctxt);
	const run *r = run_of(ctxt);
	xmlXPathObjectPtr arg, ret;
	xmlDocPtr rvt;
	xmlNodePtr n;

	if (nargs != 1) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	if ((arg = valuePop(ctxt)) == NULL || arg->type != XPATH_NODESET) {
		xmlXPathFreeObject(arg);
		xmlXPathSetTypeError(ctxt);
		return;
	}
	ret = xmlXPathNewNodeSet(NULL);
	if (r != NULL && arg->nodesetval != NULL &&
	    arg->nodesetval->nodeNr > 0 && (rvt = xsltCreateRVT(t)) != NULL) {
		xsltRegisterLocalRVT(t, rvt);
		pm_figure_svg(arg->nodesetval->nodeTab[0], r->labels,
		              (xmlNodePtr)rvt);
		for (n = rvt->children; n != NULL; n = n->next)
			xmlXPathNodeSetAdd(ret->nodesetval, n);
	}
	xmlXPathFreeObject(arg);
	valuePush(ctxt, ret);
}

/* pmc:severity-color(rank): "#RRGGBB" (pm_severity_color). */
static void
fn_severity_color(xmlXPathParserContextPtr ctxt, int nargs)
{
	pm_buf b = {0};
	double n;

	if (nargs != 1) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	n = xmlXPathPopNumber(ctxt);
	pm_buf_printf(&b, "#%06X",
	              (unsigned)pm_severity_color(isnan(n) || n < 0 || n > 99
	                                              ? 99
	                                              : (int)n));
	return_buf(ctxt, &b);
}

/* pmc:lede(node, key): what the first page says of the section keyed
 * key ('summary', 'impact') of the postmortem node (pm_lede), '' when
 * nothing. */
static void
fn_lede(xmlXPathParserContextPtr ctxt, int nargs)
{
	xmlXPathObjectPtr arg;
	xmlChar *key;
	pm_buf b = {0};
	char *s = NULL;
	size_t k;

	if (nargs != 2) {
		xmlXPathSetArityError(ctxt);
		return;
	}
	key = xmlXPathPopString(ctxt);
	if ((arg = valuePop(ctxt)) == NULL || arg->type != XPATH_NODESET) {
		xmlXPathFreeObject(arg);
		xmlFree(key);
		xmlXPathSetTypeError(ctxt);
		return;
	}
	for (k = 0; k < PM_SEC_CUSTOM; k++)
		if (strcmp((const char *)key, pm_section_keys[k]) == 0)
			break;
	if (k < PM_SEC_CUSTOM && arg->nodesetval != NULL &&
	    arg->nodesetval->nodeNr > 0)
		s = pm_lede(arg->nodesetval->nodeTab[0], (pm_section_key)k);
	if (s != NULL)
		pm_buf_puts(&b, s);
	free(s);
	xmlXPathFreeObject(arg);
	xmlFree(key);
	return_buf(ctxt, &b);
}

static void
register_functions(xsltTransformContextPtr ctxt)
{
	static const struct {
		const char *name;
		xmlXPathFunction fn;
	} fns[] = {{"label", fn_label},     {"duration", fn_duration},
	           {"datetime", fn_datetime}, {"seconds", fn_seconds},
	           {"iso", fn_iso},         {"uri", fn_uri},
	           {"figure", fn_figure},  {"lede", fn_lede},
	           {"severity-color", fn_severity_color}};
	size_t i;

	for (i = 0; i < sizeof(fns) / sizeof(fns[0]); i++)
		xsltRegisterExtFunction(ctxt, (const xmlChar *)fns[i].name,
		                        (const xmlChar *)PM_XSLT_NS,
		                        fns[i].fn);
}

/* Runs s over in, appending the result to out. libxml2's handlers are
 * per thread, libxslt's per context: both are pointed at r->errors. */
static int
transform(const sheet *s, xmlDocPtr in, const char **params, run *r,
          pm_buf *out)
{
	xmlGenericErrorFunc old_fn = xmlGenericError;
	void *old_arg = xmlGenericErrorContext;
	xmlStructuredErrorFunc old_sfn = xmlStructuredError;
	void *old_sarg = xmlStructuredErrorContext;
	xsltTransformContextPtr ctxt;
	xmlDocPtr res = NULL;
	xmlChar *text = NULL;
	int len = 0, rc = -1;

	if ((ctxt = xsltNewTransformContext(s->style, in)) == NULL)
		return -1;
	ctxt->_private = r;
	xsltSetCtxtSecurityPrefs(prefs, ctxt);
	xsltSetTransformErrorFunc(ctxt, &r->errors, collect);
	xmlSetGenericErrorFunc(&r->errors, collect);
	thread_errors = &r->stack;
	xmlSetStructuredErrorFunc(&r->errors, collect_structured);
	register_functions(ctxt);
	if (params != NULL && xsltQuoteUserParams(ctxt, params) != 0)
		goto out;
	res = xsltApplyStylesheetUser(s->style, in, NULL, NULL, NULL, ctxt);
	if (res == NULL || ctxt->state != XSLT_STATE_OK)
		goto out;
	if (xsltSaveResultToString(&text, &len, res, s->style) < 0)
		goto out;
	if (res->type == XML_HTML_DOCUMENT_NODE && res->intSubset == NULL)
		pm_buf_puts(out, "<!DOCTYPE html>\n");
	if (text != NULL)
		pm_buf_put(out, text, (size_t)len);
	rc = 0;
out:
	thread_errors = NULL;
	xmlSetGenericErrorFunc(old_arg, old_fn);
	xmlSetStructuredErrorFunc(old_sarg, old_sfn);
	xmlFree(text);
	xmlFreeDoc(res);
	xsltFreeTransformContext(ctxt);
	return rc;
}

static const char *
root_lang(xmlDocPtr in)
{
	xmlNodePtr root = in != NULL ? xmlDocGetRootElement(in) : NULL;
	xmlAttrPtr a = root != NULL ? xmlHasProp(root, (const xmlChar *)"lang")
	                            : NULL;

	return a != NULL && a->children != NULL && a->children->content
	           ? (const char *)a->children->content
	           : NULL;
}

int
pm_xslt_apply(const char *path, xmlDocPtr in, const char **params,
              const pm_render_opts *opts, pm_buf *out)
{
	const char *datadir = opts && opts->datadir ? opts->datadir
	                                            : pm_template_dir();
	const char *lang = opts && opts->lang ? opts->lang : root_lang(in);
	char labels_path[PATH_MAX];
	char *labels_dir;
	const sheet *s;
	run r = {0};
	int rc = -1;
	char why[600];

	if (pm_lazy_load(PM_LAZY_XSLT, why, sizeof(why)) != 0) {
		emit(opts, path, 0, PM_ERROR, why);
		return -1;
	}
	pthread_once(&init_once, init);
	snprintf(labels_path, sizeof(labels_path), "%s/labels", datadir);
	labels_dir = real_dir(labels_path);
	r.family = pm_lang_family(lang);
	pthread_mutex_lock(&lock);
	s = get_sheet(path, labels_dir, &r.errors, opts);
	pthread_mutex_unlock(&lock);
	r.labels = pm_labels_get(datadir, lang, opts);
	if (s == NULL || r.labels == NULL)
		goto out;
	r.dirs[0] = s->dir;
	r.dirs[1] = labels_dir;
	rc = transform(s, in, params, &r, out);
	if (rc < 0 && r.errors.len == 0 && r.stack.len == 0)
		emit(opts, s->path, 0, PM_ERROR, "the template failed");
	report_errors(&r.errors, s->path, rc < 0 ? PM_ERROR : PM_WARNING,
	              opts);
	report_stack(&r.stack, s->path, rc < 0 ? PM_ERROR : PM_WARNING,
	             opts);
out:
	free(labels_dir);
	pm_tz_free(r.tz);
	free(r.tzname);
	pm_buf_free(&r.errors);
	pm_buf_free(&r.stack);
	return rc;
}

void
pm_xslt_cleanup(void)
{
	/* a sheet in the cache means libxslt was loaded to compile it */
	pthread_mutex_lock(&lock);
	while (sheets != NULL) {
		sheet *next = sheets->next;
		xsltFreeStylesheet(sheets->style);
		free(sheets->path);
		free(sheets->dir);
		free(sheets);
		sheets = next;
	}
	pthread_mutex_unlock(&lock);
}

void
pm_templates_forget(void)
{
	pm_xslt_cleanup();
	pm_labels_forget();
}
