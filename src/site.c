/* site.c: a site of postmortems under one index page (pmc build's
 * index.html): the summary of each postmortem that the index shows, kept
 * as plain fields so that a program can keep it between runs, and the
 * index made of the summaries, with the cross-incident figures computed
 * here so that templates/index.xsl only draws them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "charts.h"
#include "derive.h"
#include "diag.h"
#include "doc.h"
#include "ir.h"
#include "pmtime.h"
#include "text.h"
#include "xslt.h"

/* The summary's fields, in the order of pm_site_fields(): the incident's
 * and each open follow-up's. */
enum inc_field {
	INC_ID, INC_LANG, INC_STATUS, INC_TITLE, INC_SEVERITY, INC_RANK,
	INC_DETECTED_BY, INC_OWNER, INC_STARTED, INC_DETECTED,
	INC_ACKNOWLEDGED, INC_MITIGATED, INC_RESOLVED, INC_DATE, INC_MONTH,
	INC_TTD, INC_TTA, INC_TTM, INC_TTR, INC_OPEN, INC_DONE, INC_OVERDUE,
	INC_NFIELDS
};
enum act_field { ACT_OWNER, ACT_DUE, ACT_OVERDUE, ACT_NFIELDS };

static const char *const inc_names[INC_NFIELDS + 1] = {
    "id",       "lang",         "status",    "title",    "severity",
    "rank",     "detected-by",  "owner",     "started",  "detected",
    "acknowledged", "mitigated", "resolved", "date",     "month",
    "ttd",      "tta",          "ttm",       "ttr",      "open",
    "done",     "overdue",      NULL};
static const char *const act_names[ACT_NFIELDS + 1] = {"owner", "due",
                                                       "overdue", NULL};

const char *const *
pm_site_fields(int action, size_t *n)
{
	if (n != NULL)
		*n = action ? ACT_NFIELDS : INC_NFIELDS;
	return action ? act_names : inc_names;
}

static void
set_int(xmlNodePtr n, const char *attr, long long v)
{
	char num[32];

	snprintf(num, sizeof(num), "%lld", v);
	xmlSetProp(n, (const xmlChar *)attr, (const xmlChar *)num);
}

static void
site_set(xmlNodePtr n, const char *attr, const char *value)
{
	if (value != NULL)
		xmlSetProp(n, (const xmlChar *)attr, (const xmlChar *)value);
}

/* A summary being made: its fields, owned, and its open follow-ups'. */
struct made {
	pm_site_entry e;
	char *inc[INC_NFIELDS];
	char **act; /* nactions * ACT_NFIELDS */
	size_t cap;
};

static char *
dup(const char *s)
{
	return s ? pm_xstrdup(s) : NULL;
}

/* The element's text, or NULL when there is no such element. */
static char *
text_of(const xmlNode *n)
{
	return n ? pm_ir_content(n) : NULL;
}

/* The open follow-ups, wherever they sit (internal blocks included). */
static void
actions(const xmlNode *n, struct made *m)
{
	xmlNodePtr c;
	const char *done;
	char **a;

	for (c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!pm_ir_is(c, PM_EL_ACTION)) {
			actions(c, m);
			continue;
		}
		done = pm_ir_get(c, "done");
		if (done != NULL && strcmp(done, "true") == 0)
			continue;
		if (m->e.nactions == m->cap) {
			m->cap = m->cap ? m->cap * 2 : 4;
			m->act = pm_xrealloc(m->act, m->cap * ACT_NFIELDS *
			                                 sizeof(*m->act));
		}
		a = &m->act[m->e.nactions++ * ACT_NFIELDS];
		a[ACT_OWNER] = dup(pm_ir_get(c, "owner"));
		a[ACT_DUE] = dup(pm_ir_get(c, "due"));
		a[ACT_OVERDUE] = dup(pm_ir_get(c, "overdue") ? "true" : "false");
	}
}

static void
times(const xmlNode *root, char **inc)
{
	xmlNodePtr t = pm_ir_first(root, PM_EL_TIMES);
	xmlNodePtr m = pm_ir_first(root, PM_EL_METRICS);
	const char *at, *date = NULL;
	size_t k;

	for (k = 0; k < PM_MS__COUNT; k++) {
		at = pm_ir_get(pm_ir_first(t, pm_ir_milestone(k)), "at");
		inc[INC_STARTED + k] = dup(at);
		if (date == NULL && at != NULL && strlen(at) >= 10)
			date = at;
	}
	if (date != NULL) {
		char day[11];
		memcpy(day, date, 10);
		day[10] = '\0';
		inc[INC_DATE] = dup(day);
		day[7] = '\0';
		inc[INC_MONTH] = dup(day);
	}
	/* INC_TTD .. INC_TTR and INC_OPEN .. INC_OVERDUE are in the
	 * order of pm_durations and pm_count_attrs */
	for (k = 0; k < PM_DUR__COUNT; k++)
		inc[INC_TTD + k] = dup(pm_ir_get(
		    pm_ir_first(m, pm_durations[k].el), "seconds"));
	m = pm_ir_first(m, PM_EL_FOLLOW_UPS);
	for (k = 0; k < PM_COUNT__COUNT; k++)
		inc[INC_OPEN + k] = dup(pm_ir_get(m, pm_count_attrs[k]));
}

pm_site_entry *
pm_site_entry_new(const pm_doc *doc)
{
	xmlNodePtr root, sev;
	struct made *m;
	char num[32];

	if (doc->ir == NULL)
		return NULL;
	root = xmlDocGetRootElement(doc->ir);
	m = pm_xcalloc(1, sizeof(*m));
	m->inc[INC_ID] = dup(pm_ir_get(root, "id"));
	m->inc[INC_LANG] = dup(pm_ir_get(root, "lang"));
	m->inc[INC_STATUS] = dup(pm_ir_get(root, "status"));
	m->inc[INC_TITLE] = text_of(pm_ir_first(root, PM_EL_TITLE));
	if ((sev = pm_ir_first(root, PM_EL_SEVERITY)) != NULL) {
		m->inc[INC_SEVERITY] = pm_ir_content(sev);
		snprintf(num, sizeof(num), "%d",
		         pm_policy_rank(doc->policy, m->inc[INC_SEVERITY]));
		m->inc[INC_RANK] = dup(num);
	}
	m->inc[INC_DETECTED_BY] = text_of(pm_ir_first(root, PM_EL_DETECTED_BY));
	m->inc[INC_OWNER] = text_of(pm_ir_first(root, PM_EL_OWNER));
	times(root, m->inc);
	actions(root, m);
	m->e.fields = (const char *const *)m->inc;
	m->e.actions = (const char *const *)m->act;
	return &m->e;
}

void
pm_site_entry_free(pm_site_entry *e)
{
	struct made *m = (struct made *)e; /* e is its first member */
	size_t k;

	if (m == NULL)
		return;
	for (k = 0; k < INC_NFIELDS; k++)
		free(m->inc[k]);
	for (k = 0; k < m->e.nactions * ACT_NFIELDS; k++)
		free(m->act[k]);
	free(m->act);
	free(m);
}

/* Narrows [*from, *to] to the days on which action's overdue flag stays
 * what it is today. */
static void
window(const pm_doc *doc, const xmlNode *action, int32_t *from, int32_t *to)
{
	int32_t day;

	/* pm_overdue's rule: overdue once today is past the due day */
	if (pm_due_day(doc, action, &day) < 0)
		return;
	if (day < doc->today && day + 1 > *from)
		*from = day + 1; /* overdue from the day after it was due */
	else if (day >= doc->today && day < *to)
		*to = day;
}

/* The same walk as actions(): the open follow-ups. */
static void
windows(const pm_doc *doc, const xmlNode *n, int32_t *from, int32_t *to)
{
	xmlNodePtr c;
	const char *done;

	for (c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!pm_ir_is(c, PM_EL_ACTION)) {
			windows(doc, c, from, to);
			continue;
		}
		done = pm_ir_get(c, "done");
		if (done == NULL || strcmp(done, "true") != 0)
			window(doc, c, from, to);
	}
}

static void
put_day(char s[16], int32_t day)
{
	int y, m, d;

	pm_civil_from_days(day, &y, &m, &d);
	snprintf(s, 16, "%04d-%02d-%02d", y, m, d);
}

void
pm_doc_window(const pm_doc *doc, char from[16], char to[16])
{
	int32_t f = INT32_MIN, t = INT32_MAX;

	if (doc->ir != NULL)
		windows(doc, xmlDocGetRootElement(doc->ir), &f, &t);
	from[0] = to[0] = '\0';
	if (f != INT32_MIN)
		put_day(from, f);
	if (t != INT32_MAX)
		put_day(to, t);
}

/* One incident of the index. */
struct row {
	const pm_site_entry *e;
	const char *date; /* NULL: undated */
	int sev;          /* index into the sorted severities */
};

struct site {
	struct row *rows;
	size_t n;
	pm_charts charts;
	xmlDocPtr doc;
	xmlNodePtr root;
};

static const char *
field(const struct row *row, int k)
{
	return row->e->fields[k];
}

static long long
num(const struct row *row, int k, long long none)
{
	const char *s = field(row, k);

	return s && *s ? strtoll(s, NULL, 10) : none;
}

/* Newest first; undated last; then by id, so the order is total. */
static int
by_date(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	const char *ix, *iy;
	int c;

	if ((x->date == NULL) != (y->date == NULL))
		return x->date == NULL ? 1 : -1;
	if (x->date && (c = strcmp(y->date, x->date)) != 0)
		return c;
	ix = field(x, INC_ID);
	iy = field(y, INC_ID);
	return strcmp(ix ? ix : "", iy ? iy : "");
}

/* The incidents, newest first, and the charts of them. */
static void
gather(struct site *s, const pm_site_entry *es, size_t n)
{
	pm_chart_in *ins = pm_xcalloc(n + 1, sizeof(*ins));
	pm_chart_open *open;
	const pm_site_entry *e;
	const char *o, *over;
	struct row *row;
	size_t i, k;

	s->rows = pm_xcalloc(n + 1, sizeof(*s->rows));
	for (i = 0; i < n; i++) {
		row = &s->rows[s->n];
		row->e = e = &es[i];
		row->date = field(row, INC_DATE);
		ins[s->n].date = row->date;
		ins[s->n].severity = field(row, INC_SEVERITY);
		ins[s->n].rank = (int)num(row, INC_RANK, -1);
		ins[s->n].detected_by = field(row, INC_DETECTED_BY);
		ins[s->n].ttd = num(row, INC_TTD, -1);
		ins[s->n].ttr = num(row, INC_TTR, -1);
		ins[s->n].open = open =
		    pm_xcalloc(e->nactions + 1, sizeof(*open));
		ins[s->n++].nopen = e->nactions;
		/* the action's owner, else the postmortem's, else nobody */
		for (k = 0; k < e->nactions; k++) {
			o = e->actions[k * ACT_NFIELDS + ACT_OWNER];
			over = e->actions[k * ACT_NFIELDS + ACT_OVERDUE];
			open[k].owner = o ? o : field(row, INC_OWNER);
			open[k].overdue = over && strcmp(over, "true") == 0;
		}
	}
	pm_charts_make(&s->charts, ins, s->n, NULL, NULL);
	for (i = 0; i < s->n; i++) {
		s->rows[i].sev = (int)s->charts.sev_of[i];
		free((void *)ins[i].open);
	}
	free(ins);
	qsort(s->rows, s->n, sizeof(*s->rows), by_date);
}
static xmlNodePtr
child(xmlNodePtr parent, const char *name)
{
	return xmlNewChild(parent, NULL, (const xmlChar *)name, NULL);
}

/* The link to a report: its file name percent-encoded but for the
 * unreserved characters, so that an id such as "a#1" or "javascript:x"
 * stays a relative path to that file. */
static void
href(xmlNodePtr n, const char *file)
{
	static const char hex[] = "0123456789ABCDEF";
	pm_buf b = {0};
	const unsigned char *p;

	if (file == NULL)
		return;
	for (p = (const unsigned char *)file; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~", *p) != NULL) {
			pm_buf_putc(&b, *p);
		} else {
			pm_buf_putc(&b, '%');
			pm_buf_putc(&b, hex[*p >> 4]);
			pm_buf_putc(&b, hex[*p & 15]);
		}
	}
	site_set(n, "href", pm_buf_cstr(&b));
	pm_buf_free(&b);
}

/* The language most of the postmortems are written in; ties go to the
 * one first in en, nb, ja. */
static const char *
common_lang(const struct site *s)
{
	static const char *const families[] = {"en", "nb", "ja"};
	size_t count[3] = {0, 0, 0}, i, k, best = 0;

	for (i = 0; i < s->n; i++) {
		const char *f = pm_lang_family(field(&s->rows[i], INC_LANG));
		for (k = 0; k < 3; k++)
			count[k] += strcmp(f, families[k]) == 0;
	}
	for (k = 1; k < 3; k++)
		if (count[k] > count[best])
			best = k;
	return families[best];
}

/* A new input document for index.xsl: its <build> element. */
static xmlNodePtr
new_input(xmlDocPtr *doc)
{
	xmlNodePtr root = xmlNewNode(NULL, (const xmlChar *)"build");

	xmlSetNs(root, xmlNewNs(root, (const xmlChar *)PM_SITE_NS, NULL));
	*doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlDocSetRootElement(*doc, root);
	return root;
}

/* The page without the table's rows, where it says ROWS_MARK. */
#define ROWS_MARK "<!--pmc:rows-->"
#define ROWS_CHUNK 100

/* Runs index.xsl over in (and frees it), its output in out: when it is
 * rows, without what makes it a whole document. */
static int
run_xsl(const char *xsl, xmlDocPtr in, const char *part,
        const pm_render_opts *ropts, pm_buf *out)
{
	static const char doctype[] = "<!DOCTYPE html>\n";
	const char *params[] = {"generator", "pmc " PMC_VERSION, "part", part,
	                        NULL};
	int rc;

	out->len = 0;
	rc = pm_xslt_apply(xsl, in, params, ropts, out);
	if (rc == 0 && strcmp(part, "rows") == 0 &&
	    out->len >= sizeof(doctype) - 1 &&
	    memcmp(out->data, doctype, sizeof(doctype) - 1) == 0) {
		memmove(out->data, out->data + sizeof(doctype) - 1,
		        out->len - (sizeof(doctype) - 1));
		out->len -= sizeof(doctype) - 1;
		/* and the newline libxml2 ends an HTML document with */
		if (out->len > 0 && out->data[out->len - 1] == '\n')
			out->len--;
	}
	xmlFreeDoc(in);
	return rc;
}

/* The table's rows, ROWS_CHUNK incidents to a transformation: what
 * libxslt builds of its result is then as small as a chunk's. */
static int
rows(const struct site *s, const char *xsl, const pm_render_opts *ropts,
     FILE *out)
{
	pm_buf buf = {0};
	xmlDocPtr doc;
	xmlNodePtr root, n;
	size_t i, end;
	int k, rc = 0;

	for (i = 0; rc == 0 && i < s->n; i = end) {
		root = new_input(&doc);
		for (end = i; end < s->n && end - i < ROWS_CHUNK; end++) {
			n = child(root, "incident");
			for (k = 0; k < INC_NFIELDS; k++)
				site_set(n, inc_names[k],
				         field(&s->rows[end], k));
			href(n, s->rows[end].e->href);
			set_int(n, "rank", s->rows[end].sev);
		}
		if ((rc = run_xsl(xsl, doc, "rows", ropts, &buf)) == 0)
			fwrite(buf.data, 1, buf.len, out);
	}
	pm_buf_free(&buf);
	return rc;
}

/* The index.xsl of the templates folder, as the command line joins a
 * folder and a name (the name a 'template' finding is at). */
static char *
index_xsl(const char *dir)
{
	pm_buf b = {0};

	pm_buf_puts(&b, dir);
	if (b.len > 0 && b.data[b.len - 1] != '/')
		pm_buf_putc(&b, '/');
	pm_buf_puts(&b, "index.xsl");
	return b.data;
}

int
pm_site_index(const pm_site_entry *es, size_t n, const pm_render_opts *opts,
              const char *today, FILE *out)
{
	struct site s = {0};
	pm_render_opts ropts = *opts;
	pm_buf page = {0};
	const char *mark;
	char *xsl, day[16];
	int rc;

	if (today == NULL) {
		put_day(day, pm_today(NULL));
		today = day;
	}
	gather(&s, es, n);
	/* The page's input: the figures, computed here; the incidents come
	 * afterwards, a chunk at a time, where the page marks their place. */
	s.root = child(new_input(&s.doc), "site");
	ropts.lang = opts->lang ? opts->lang : common_lang(&s);
	site_set(s.root, "lang", ropts.lang);
	site_set(s.root, "today", today);
	set_int(s.root, "count", (long long)s.n);
	pm_charts_xml(&s.charts, s.root);
	xsl = index_xsl(ropts.datadir ? ropts.datadir : pm_template_dir());
	if (getenv("PMC_SITE_DUMP") != NULL) /* to develop index.xsl */
		xmlSaveFormatFile(getenv("PMC_SITE_DUMP"), s.doc, 1);
	rc = run_xsl(xsl, s.doc, "page", &ropts, &page);
	if (rc == 0) {
		/* only the template writes a comment: source text reaches the
		 * page escaped, and cannot make one */
		mark = s.n ? strstr(pm_buf_cstr(&page), ROWS_MARK) : NULL;
		fwrite(page.data, 1, mark ? (size_t)(mark - page.data) : page.len,
		       out);
		if (mark && (rc = rows(&s, xsl, &ropts, out)) == 0)
			fputs(mark + strlen(ROWS_MARK), out);
	}
	free(xsl);
	pm_buf_free(&page);
	free(s.rows);
	pm_charts_free(&s.charts);
	return rc;
}

/* Where the front matter gives the id, for a finding about it. */
static pm_loc
id_loc(const pm_src *src)
{
	size_t len, k;
	const char *s;
	int line;

	for (line = 2; (s = pm_src_line(src, line, &len)) != NULL; line++) {
		if ((len == 3 && (memcmp(s, "---", 3) == 0 ||
		                  memcmp(s, "...", 3) == 0)))
			break;
		if (len < 3 || memcmp(s, "id", 2) != 0)
			continue;
		for (k = 2; k < len && s[k] == ' '; k++)
			continue;
		if (k == len || s[k] != ':')
			continue;
		for (k++; k < len && s[k] == ' '; k++)
			continue;
		return pm_src_loc_bytes(src, line, (int)k + 1, len - k);
	}
	return (pm_loc){1, 1, 1};
}

int
pm_site_report(const char *name, const char *bytes, size_t len,
               const char *rule, const char *a, const char *b,
               pm_diag_fn fn, void *arg)
{
	static const pm_rule site_rules[] = {PM_R_DUPLICATE_ID,
	                                     PM_R_ID_FILE_NAME};
	size_t skip = bytes && len >= 3 && memcmp(bytes, "\xef\xbb\xbf", 3) == 0;
	pm_src src;
	size_t k;

	for (k = 0; k < 2 && strcmp(pm_rule_id(site_rules[k]), rule) != 0; k++)
		continue;
	if (k == 2)
		return -1;
	pm_src_init(&src, name, bytes ? bytes + 3 * skip : "", len - 3 * skip,
	            fn, arg);
	pm_report(&src, site_rules[k], id_loc(&src), a, b);
	pm_src_flush(&src);
	pm_src_free(&src);
	return 0;
}
