/* build_site.c: the site index of pmc build: one summary per postmortem,
 * and the cross-incident figures computed here, so that
 * templates/index.xsl only draws them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "build.h"
#include "charts.h"
#include "derive.h"
#include "doc.h"
#include "ir.h"
#include "pmtime.h"
#include "text.h"
#include "xslt.h"

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

/* The element's text, as field k of the record being built. */
static void
put_text(site_rec *r, pm_buf *mem, int k, const xmlNode *from)
{
	char *s;

	if (from == NULL)
		return;
	s = pm_ir_content(from);
	r->inc[k] = rec_put(mem, s);
	free(s);
}

/* Narrows [*from, *to] to the days on which action's overdue flag stays
 * what it is today. */
static void
window(const pm_doc *doc, const xmlNode *action, int32_t today,
       int32_t *from, int32_t *to)
{
	int32_t day;

	/* pm_overdue's rule: overdue once today is past the due day */
	if (pm_due_day(doc, action, &day) < 0)
		return;
	if (day < today && day + 1 > *from)
		*from = day + 1; /* overdue from the day after it was due */
	else if (day >= today && day < *to)
		*to = day;
}

/* The open follow-ups, wherever they sit (internal blocks included). */
static void
actions(const xmlNode *n, site_rec *r, pm_buf *mem, const pm_doc *doc,
        int32_t *from, int32_t *to)
{
	xmlNodePtr c;
	const char *done;
	rec_str *a;

	for (c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!pm_ir_is(c, PM_EL_ACTION)) {
			actions(c, r, mem, doc, from, to);
			continue;
		}
		done = pm_ir_get(c, "done");
		if (done != NULL && strcmp(done, "true") == 0)
			continue;
		window(doc, c, doc->today, from, to);
		if ((a = rec_action(r)) == NULL)
			continue; /* 65,535 open follow-ups: the rest uncounted */
		a[ACT_OWNER] = rec_put(mem, pm_ir_get(c, "owner"));
		a[ACT_DUE] = rec_put(mem, pm_ir_get(c, "due"));
		a[ACT_OVERDUE] = rec_put(mem, pm_ir_get(c, "overdue") ? "true"
		                                                      : "false");
	}
}

static void
times(const xmlNode *root, site_rec *r, pm_buf *mem)
{
	xmlNodePtr t = pm_ir_first(root, PM_EL_TIMES);
	xmlNodePtr m = pm_ir_first(root, PM_EL_METRICS);
	const char *at, *date = NULL;
	size_t k;

	for (k = 0; k < PM_MS__COUNT; k++) {
		at = pm_ir_get(pm_ir_first(t, pm_ir_milestone(k)), "at");
		r->inc[INC_STARTED + k] = rec_put(mem, at);
		if (date == NULL && at != NULL && strlen(at) >= 10)
			date = at;
	}
	if (date != NULL) {
		char day[11];
		memcpy(day, date, 10);
		day[10] = '\0';
		r->inc[INC_DATE] = rec_put(mem, day);
		day[7] = '\0';
		r->inc[INC_MONTH] = rec_put(mem, day);
	}
	/* INC_TTD .. INC_TTR and INC_OPEN .. INC_OVERDUE are in the
	 * order of pm_durations and pm_count_attrs */
	for (k = 0; k < PM_DUR__COUNT; k++)
		r->inc[INC_TTD + k] = rec_put(
		    mem, pm_ir_get(pm_ir_first(m, pm_durations[k].el),
		                   "seconds"));
	m = pm_ir_first(m, PM_EL_FOLLOW_UPS);
	for (k = 0; k < PM_COUNT__COUNT; k++)
		r->inc[INC_OPEN + k] =
		    rec_put(mem, pm_ir_get(m, pm_count_attrs[k]));
}

void
site_incident(const pm_doc *doc, site_rec *r, pm_buf *mem, int32_t *from,
              int32_t *to)
{
	xmlNodePtr root = xmlDocGetRootElement(doc->ir), sev;
	char *s, num[32];

	r->incident = 1;
	r->inc[INC_ID] = rec_put(mem, pm_ir_get(root, "id"));
	r->inc[INC_LANG] = rec_put(mem, pm_ir_get(root, "lang"));
	r->inc[INC_STATUS] = rec_put(mem, pm_ir_get(root, "status"));
	put_text(r, mem, INC_TITLE, pm_ir_first(root, PM_EL_TITLE));
	if ((sev = pm_ir_first(root, PM_EL_SEVERITY)) != NULL) {
		s = pm_ir_content(sev);
		r->inc[INC_SEVERITY] = rec_put(mem, s);
		snprintf(num, sizeof(num), "%d",
		         pm_policy_rank(doc->policy, s));
		r->inc[INC_RANK] = rec_put(mem, num);
		free(s);
	}
	put_text(r, mem, INC_DETECTED_BY, pm_ir_first(root, PM_EL_DETECTED_BY));
	put_text(r, mem, INC_OWNER, pm_ir_first(root, PM_EL_OWNER));
	times(root, r, mem);
	*from = INT32_MIN;
	*to = INT32_MAX;
	actions(root, r, mem, doc, from, to);
}

/* One incident of the index, and the severities they use. */
struct row {
	const site_rec *rec;
	const char *href;
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
	return rec_get(row->rec, row->rec->inc[k]);
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

static const char *
href_of(const site_rec *r)
{
	const char *first = NULL, *fmt;
	size_t i;

	for (i = 0; i < r->nout; i++) {
		fmt = rec_get(r, r->out[i].format);
		if (fmt && strcmp(fmt, "html") == 0)
			return rec_get(r, r->out[i].file);
		if (first == NULL)
			first = rec_get(r, r->out[i].file);
	}
	return first;
}

/* The incidents of the valid sources, newest first, and the charts of
 * them. */
static void
gather(struct site *s, const site_rec *const *recs, size_t n)
{
	pm_chart_in *ins = pm_xcalloc(n + 1, sizeof(*ins));
	pm_chart_open *open;
	const site_rec *r;
	const char *o, *over;
	struct row *row;
	size_t i, k;

	s->rows = pm_xcalloc(n + 1, sizeof(*s->rows));
	for (i = 0; i < n; i++) {
		if (recs[i]->stale || !recs[i]->incident)
			continue;
		row = &s->rows[s->n];
		row->rec = r = recs[i];
		row->href = href_of(r);
		row->date = field(row, INC_DATE);
		ins[s->n].date = row->date;
		ins[s->n].severity = field(row, INC_SEVERITY);
		ins[s->n].rank = (int)num(row, INC_RANK, -1);
		ins[s->n].detected_by = field(row, INC_DETECTED_BY);
		ins[s->n].ttd = num(row, INC_TTD, -1);
		ins[s->n].ttr = num(row, INC_TTR, -1);
		ins[s->n].open = open = pm_xcalloc(r->nact + 1, sizeof(*open));
		ins[s->n++].nopen = r->nact;
		/* the action's owner, else the postmortem's, else nobody */
		for (k = 0; k < r->nact; k++) {
			o = rec_get(r, r->act[k][ACT_OWNER]);
			over = rec_get(r, r->act[k][ACT_OVERDUE]);
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

uint64_t
site_index_key(uint64_t h, const site_rec *const *recs, size_t n)
{
	const site_rec *r;
	size_t i, a;
	int k;

	/* what gather() takes of each record, and what rows() writes */
	for (i = 0; i < n; i++) {
		if ((r = recs[i])->stale || !r->incident)
			continue;
		for (k = 0; k < INC_NFIELDS; k++)
			h = pm_fnv_str(h, rec_get(r, r->inc[k]));
		h = pm_fnv_str(h, href_of(r));
		h = pm_fnv(h, &r->nact, sizeof(r->nact));
		for (a = 0; a < r->nact; a++)
			for (k = 0; k < ACT_NFIELDS; k++)
				h = pm_fnv_str(h, rec_get(r, r->act[a][k]));
	}
	return pm_fnv(h, &n, sizeof(n));
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
				site_set(n, site_inc_fields[k],
				         field(&s->rows[end], k));
			href(n, s->rows[end].href);
			set_int(n, "rank", s->rows[end].sev);
		}
		if ((rc = run_xsl(xsl, doc, "rows", ropts, &buf)) == 0)
			fwrite(buf.data, 1, buf.len, out);
	}
	pm_buf_free(&buf);
	return rc;
}

int
site_index(const site_rec *const *recs, size_t n, const cli *c,
           const char *lang, const char *today, FILE *out)
{
	struct site s = {0};
	pm_render_opts ropts = c->ropts;
	pm_buf page = {0};
	const char *mark;
	char *xsl;
	int rc;

	gather(&s, recs, n);
	/* The page's input: the figures, computed here; the incidents come
	 * afterwards, a chunk at a time, where the page marks their place. */
	s.root = child(new_input(&s.doc), "site");
	ropts.lang = lang ? lang : common_lang(&s);
	site_set(s.root, "lang", ropts.lang);
	site_set(s.root, "today", today);
	set_int(s.root, "count", (long long)s.n);
	pm_charts_xml(&s.charts, s.root);
	xsl = join_path(ropts.datadir ? ropts.datadir : pm_template_dir(),
	                "index.xsl");
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
