/* build_site.c: the site index of pmc build: one summary per postmortem,
 * and the cross-incident figures computed here, so that
 * templates/index.xsl only draws them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "build.h"
#include "doc.h"
#include "ir.h"
#include "pmtime.h"
#include "text.h"
#include "xslt.h"

static const char *const milestones[] = {"started", "detected",
                                         "acknowledged", "mitigated",
                                         "resolved"};
static const char *const metrics[][2] = {
    {"time-to-detect", "ttd"},
    {"time-to-acknowledge", "tta"},
    {"time-to-mitigate", "ttm"},
    {"time-to-resolve", "ttr"},
};

static void
set_int(xmlNodePtr n, const char *attr, long long v)
{
	char num[32];

	snprintf(num, sizeof(num), "%lld", v);
	site_set(n, attr, num);
}

static void
set_text(xmlNodePtr inc, const char *attr, const xmlNode *from)
{
	char *s;

	if (from == NULL)
		return;
	s = pm_ir_content(from);
	site_set(inc, attr, s);
	free(s);
}

/* Narrows [*from, *to] to the days on which action's overdue flag stays
 * what it is today. */
static void
window(const xmlNode *action, int32_t today, int32_t *from, int32_t *to)
{
	const char *due = pm_ir_get(action, "due");
	int y, m, d;
	int32_t day;

	if (due == NULL ||
	    pm_date_parse(due, strlen(due), &y, &m, &d) != PM_STAMP_OK)
		return;
	day = (int32_t)pm_days_from_civil(y, m, d);
	if (day < today && day + 1 > *from)
		*from = day + 1; /* overdue from the day after it was due */
	else if (day >= today && day < *to)
		*to = day;
}

/* The open follow-ups, wherever they sit (internal blocks included). */
static void
actions(const xmlNode *n, xmlNodePtr inc, const pm_doc *doc,
        int32_t *from, int32_t *to)
{
	xmlNodePtr c, a;
	const char *done;

	for (c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (!pm_ir_is(c, "action")) {
			actions(c, inc, doc, from, to);
			continue;
		}
		done = pm_ir_get(c, "done");
		if (done != NULL && strcmp(done, "true") == 0)
			continue;
		window(c, doc->today, from, to);
		a = xmlNewChild(inc, NULL, (const xmlChar *)"action", NULL);
		site_set(a, "owner", pm_ir_get(c, "owner"));
		site_set(a, "due", pm_ir_get(c, "due"));
		site_set(a, "overdue", pm_ir_get(c, "overdue") ? "true" : "false");
	}
}

static void
times(const xmlNode *root, xmlNodePtr inc)
{
	xmlNodePtr t = pm_ir_first(root, "times"), m = pm_ir_first(root,
	                                                           "metrics");
	const char *at, *date = NULL;
	size_t k;

	for (k = 0; k < 5; k++) {
		at = pm_ir_get(pm_ir_first(t, milestones[k]), "at");
		site_set(inc, milestones[k], at);
		if (date == NULL && at != NULL && strlen(at) >= 10)
			date = at;
	}
	if (date != NULL) {
		char day[11];
		memcpy(day, date, 10);
		day[10] = '\0';
		site_set(inc, "date", day);
		day[7] = '\0';
		site_set(inc, "month", day);
	}
	for (k = 0; k < 4; k++)
		site_set(inc, metrics[k][1],
		         pm_ir_get(pm_ir_first(m, metrics[k][0]), "seconds"));
	m = pm_ir_first(m, "follow-ups");
	site_set(inc, "open", pm_ir_get(m, "open"));
	site_set(inc, "done", pm_ir_get(m, "done"));
	site_set(inc, "overdue", pm_ir_get(m, "overdue"));
}

xmlNodePtr
site_incident(const pm_doc *doc, xmlDocPtr into, int32_t *from, int32_t *to)
{
	xmlNodePtr root = xmlDocGetRootElement(doc->ir), inc, sev;
	char *s;

	inc = xmlNewDocNode(into, NULL, (const xmlChar *)"incident", NULL);
	xmlSetNs(inc, xmlNewNs(inc, (const xmlChar *)PM_SITE_NS, NULL));
	xmlDocSetRootElement(into, inc);
	site_set(inc, "id", pm_ir_get(root, "id"));
	site_set(inc, "lang", pm_ir_get(root, "lang"));
	site_set(inc, "status", pm_ir_get(root, "status"));
	set_text(inc, "title", pm_ir_first(root, "title"));
	if ((sev = pm_ir_first(root, "severity")) != NULL) {
		s = pm_ir_content(sev);
		site_set(inc, "severity", s);
		set_int(inc, "level", pm_policy_level(doc->policy, s));
		free(s);
	}
	set_text(inc, "detected-by", pm_ir_first(root, "detected-by"));
	set_text(inc, "owner", pm_ir_first(root, "owner"));
	times(root, inc);
	*from = INT32_MIN;
	*to = INT32_MAX;
	actions(root, inc, doc, from, to);
	return inc;
}

/* One incident of the index, and the severities they use. */
struct row {
	xmlNodePtr node;
	const char *href;
	const char *date; /* NULL: undated */
	int sev;          /* index into the sorted severities */
};

struct sev {
	const char *name;
	long long level; /* the policy's order; -1: not on a scale */
};

struct site {
	struct row *rows;
	size_t n;
	struct sev *sevs;
	size_t nsev;
	xmlDocPtr doc;
	xmlNodePtr root;
};

static long long
num(const xmlNode *n, const char *attr, long long none)
{
	const char *s = site_get(n, attr);

	return s && *s ? strtoll(s, NULL, 10) : none;
}

static int
by_sev(const void *a, const void *b)
{
	const struct sev *x = a, *y = b;
	long long lx = x->level < 0 ? 1LL << 40 : x->level;
	long long ly = y->level < 0 ? 1LL << 40 : y->level;

	return lx != ly ? (lx < ly ? -1 : 1) : strcmp(x->name, y->name);
}

/* Newest first; undated last; then by id, so the order is total. */
static int
by_date(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	int c;

	if ((x->date == NULL) != (y->date == NULL))
		return x->date == NULL ? 1 : -1;
	if (x->date && (c = strcmp(y->date, x->date)) != 0)
		return c;
	return strcmp(site_get(x->node, "id"), site_get(y->node, "id"));
}

static const char *
href_of(const xmlNode *source)
{
	xmlNodePtr o;
	const char *first = NULL, *fmt;

	for (o = site_first(source, "output"); o; o = site_next(o, "output")) {
		fmt = site_get(o, "format");
		if (fmt && strcmp(fmt, "html") == 0)
			return site_get(o, "file");
		if (first == NULL)
			first = site_get(o, "file");
	}
	return first;
}

static void
add_sev(struct site *s, const char *name, long long level)
{
	size_t i;

	for (i = 0; i < s->nsev; i++)
		if (strcmp(s->sevs[i].name, name) == 0)
			return;
	s->sevs = pm_xrealloc(s->sevs, (s->nsev + 1) * sizeof(*s->sevs));
	s->sevs[s->nsev].name = name;
	s->sevs[s->nsev++].level = level;
}

static int
sev_index(const struct site *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->nsev; i++)
		if (strcmp(s->sevs[i].name, name ? name : "") == 0)
			return (int)i;
	return 0;
}

/* The incidents of the valid sources, in source order. */
static void
gather(struct site *s, const xmlNode *root)
{
	xmlNodePtr src, inc;
	size_t n = 0, i;

	for (src = site_first(root, "source"); src;
	     src = site_next(src, "source"))
		n++;
	s->rows = pm_xcalloc(n + 1, sizeof(*s->rows));
	for (src = site_first(root, "source"); src;
	     src = site_next(src, "source")) {
		if (site_get(src, "stale") ||
		    (inc = site_first(src, "incident")) == NULL)
			continue;
		s->rows[s->n].node = inc;
		s->rows[s->n].href = href_of(src);
		s->rows[s->n++].date = site_get(inc, "date");
		add_sev(s, site_get(inc, "severity") ? site_get(inc, "severity")
		                                     : "",
		        num(inc, "level", -1));
	}
	qsort(s->sevs, s->nsev, sizeof(*s->sevs), by_sev);
	for (i = 0; i < s->n; i++)
		s->rows[i].sev = sev_index(s, site_get(s->rows[i].node,
		                                       "severity"));
	qsort(s->rows, s->n, sizeof(*s->rows), by_date);
}

static xmlNodePtr
child(xmlNodePtr parent, const char *name)
{
	return xmlNewChild(parent, NULL, (const xmlChar *)name, NULL);
}

/* An axis for counts up to max: a step of 1, 2 or 5 times a power of
 * ten, at most five steps, and the top of the axis. */
static void
axis(xmlNodePtr fig, long long max)
{
	long long step = 1, mult = 1;
	static const int nice[] = {1, 2, 5};
	int k = 0;

	if (max < 1)
		max = 1;
	while ((max + step - 1) / step > 5) {
		if (++k == 3) {
			k = 0;
			mult *= 10;
		}
		step = nice[k] * mult;
	}
	set_int(fig, "step", step);
	set_int(fig, "top", (max + step - 1) / step * step);
}

static void
severities(struct site *s)
{
	xmlNodePtr list = child(s->root, "severities"), n;
	size_t i;

	for (i = 0; i < s->nsev; i++) {
		n = child(list, "severity");
		site_set(n, "name", s->sevs[i].name);
		set_int(n, "rank", (long long)i);
	}
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

/* What the template needs on each incident beside its summary: its link,
 * its severity's rank and its place in the table (newest first). Set on
 * the manifest's own elements for the one transformation, then taken
 * off again: no copy of the incidents is made. */
static void
incidents(struct site *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		href(s->rows[i].node, s->rows[i].href);
		set_int(s->rows[i].node, "rank", s->rows[i].sev);
		set_int(s->rows[i].node, "order", (long long)i);
	}
}

static void
incidents_done(struct site *s)
{
	static const char *const attrs[] = {"href", "rank", "order"};
	size_t i, k;

	for (i = 0; i < s->n; i++)
		for (k = 0; k < 3; k++)
			xmlUnsetProp(s->rows[i].node, (const xmlChar *)attrs[k]);
}

static int
month_of(const char *date)
{
	int y, m;

	if (date == NULL || sscanf(date, "%4d-%2d", &y, &m) != 2)
		return -1;
	return y * 12 + m - 1;
}

/* Incidents per month (per year past three years), stacked by severity. */
static void
per_month(struct site *s)
{
	xmlNodePtr fig = child(s->root, "figure"), b, c;
	int lo = -1, hi = -1, m, span, by_year, nb, k;
	long long *counts, total, max = 0, below;
	char key[16];
	size_t i, j;

	site_set(fig, "key", "per-month");
	for (i = 0; i < s->n; i++)
		if ((m = month_of(s->rows[i].date)) >= 0) {
			lo = lo < 0 || m < lo ? m : lo;
			hi = m > hi ? m : hi;
		}
	if (lo < 0) {
		axis(fig, 0);
		return;
	}
	span = hi - lo + 1;
	by_year = span > 36;
	if (by_year) {
		lo = lo / 12 * 12;
		span = hi / 12 - lo / 12 + 1;
	}
	nb = span;
	counts = pm_xcalloc((size_t)nb * (s->nsev + 1), sizeof(*counts));
	for (i = 0; i < s->n; i++)
		if ((m = month_of(s->rows[i].date)) >= 0) {
			k = by_year ? m / 12 - lo / 12 : m - lo;
			counts[(size_t)k * s->nsev + (size_t)s->rows[i].sev]++;
		}
	site_set(fig, "unit", by_year ? "year" : "month");
	for (k = 0; k < nb; k++) {
		b = child(fig, "bucket");
		m = by_year ? lo + 12 * k : lo + k;
		if (by_year)
			snprintf(key, sizeof(key), "%04d", m / 12);
		else
			snprintf(key, sizeof(key), "%04d-%02d", m / 12, m % 12 + 1);
		site_set(b, "key", key);
		for (j = 0, below = 0; j < s->nsev; j++) {
			total = counts[(size_t)k * s->nsev + j];
			if (total == 0)
				continue;
			c = child(b, "count");
			set_int(c, "rank", (long long)j);
			set_int(c, "n", total);
			set_int(c, "below", below);
			below += total;
		}
		set_int(b, "total", below);
		max = below > max ? below : max;
	}
	axis(fig, max);
	free(counts);
}

static int
by_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return x < y ? -1 : x > y;
}

/* The median of attr over the incidents of severity j, as an element. */
static long long
median(struct site *s, xmlNodePtr row, size_t j, const char *attr)
{
	long long *v = pm_xcalloc(s->n + 1, sizeof(*v)), x, med = -1;
	size_t i, n = 0;
	xmlNodePtr e;

	for (i = 0; i < s->n; i++)
		if ((size_t)s->rows[i].sev == j &&
		    (x = num(s->rows[i].node, attr, -1)) >= 0)
			v[n++] = x;
	if (n > 0) {
		qsort(v, n, sizeof(*v), by_ll);
		med = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
		e = child(row, attr);
		set_int(e, "seconds", med);
		set_int(e, "n", (long long)n);
	}
	free(v);
	return med;
}

/* Median time to detect and to resolve, per severity. */
static void
medians(struct site *s)
{
	xmlNodePtr fig = child(s->root, "figure"), row;
	long long max = 0, a, b;
	size_t j;

	site_set(fig, "key", "medians");
	for (j = 0; j < s->nsev; j++) {
		row = child(fig, "row");
		site_set(row, "severity", s->sevs[j].name);
		set_int(row, "rank", (long long)j);
		a = median(s, row, j, "ttd");
		b = median(s, row, j, "ttr");
		max = a > max ? a : max;
		max = b > max ? b : max;
		if (a < 0 && b < 0) {
			xmlUnlinkNode(row);
			xmlFreeNode(row);
		}
	}
	set_int(fig, "max", max);
}

/* How the incidents were detected, in the vocabulary's order. */
static void
detected_by(struct site *s)
{
	static const char *const ways[] = {"monitoring", "customer", "employee",
	                                   "vendor", "other", ""};
	xmlNodePtr fig = child(s->root, "figure"), row;
	long long count, max = 0;
	const char *d;
	size_t i, k;

	site_set(fig, "key", "detected-by");
	for (k = 0; k < 6; k++) {
		for (i = 0, count = 0; i < s->n; i++) {
			d = site_get(s->rows[i].node, "detected-by");
			count += strcmp(d ? d : "", ways[k]) == 0;
		}
		if (count == 0)
			continue;
		row = child(fig, "row");
		site_set(row, "key", ways[k]);
		set_int(row, "n", count);
		max = count > max ? count : max;
	}
	axis(fig, max);
}

struct owned {
	const char *owner;
	int overdue;
};

static int
by_owner(const void *a, const void *b)
{
	return strcmp(((const struct owned *)a)->owner,
	              ((const struct owned *)b)->owner);
}

struct tally {
	const char *owner;
	long long open, overdue;
};

static int
by_load(const void *a, const void *b)
{
	const struct tally *x = a, *y = b;

	if (x->open != y->open)
		return x->open > y->open ? -1 : 1;
	if (x->overdue != y->overdue)
		return x->overdue > y->overdue ? -1 : 1;
	return strcmp(x->owner, y->owner);
}

/* Every open follow-up with its owner: the action's, else the
 * postmortem's, else "" (nobody). */
static struct owned *
open_actions(const struct site *s, size_t *n)
{
	struct owned *v = NULL;
	size_t cap = 0, i;
	xmlNodePtr a;
	const char *o;

	*n = 0;
	for (i = 0; i < s->n; i++)
		for (a = site_first(s->rows[i].node, "action"); a;
		     a = site_next(a, "action")) {
			if (*n == cap)
				v = pm_xrealloc(v, (cap = cap * 2 + 16) * sizeof(*v));
			o = site_get(a, "owner");
			if (o == NULL)
				o = site_get(s->rows[i].node, "owner");
			v[*n].owner = o ? o : "";
			v[(*n)++].overdue =
			    strcmp(site_get(a, "overdue") ? site_get(a, "overdue")
			                                   : "",
			           "true") == 0;
		}
	return v;
}

/* Open and overdue follow-ups by owner: the twelve with the most, the
 * rest summed up in one row. */
static void
by_owner_figure(struct site *s)
{
	xmlNodePtr fig = child(s->root, "figure"), row;
	size_t n, i, t = 0, shown = 12;
	struct owned *v = open_actions(s, &n);
	struct tally *ts = pm_xcalloc(n + 1, sizeof(*ts)), rest = {"", 0, 0};
	long long max = 0;

	site_set(fig, "key", "follow-ups");
	qsort(v, n, sizeof(*v), by_owner);
	for (i = 0; i < n; i++) {
		if (i == 0 || strcmp(v[i].owner, v[i - 1].owner) != 0)
			ts[t++].owner = v[i].owner;
		ts[t - 1].open++;
		ts[t - 1].overdue += v[i].overdue;
	}
	qsort(ts, t, sizeof(*ts), by_load);
	for (i = 0; i < t; i++) {
		if (i >= shown) {
			rest.open += ts[i].open;
			rest.overdue += ts[i].overdue;
			continue;
		}
		row = child(fig, "row");
		site_set(row, "owner", ts[i].owner);
		set_int(row, "open", ts[i].open);
		set_int(row, "overdue", ts[i].overdue);
		max = ts[i].open > max ? ts[i].open : max;
	}
	if (rest.open > 0) {
		row = child(fig, "row");
		site_set(row, "others", "true");
		set_int(row, "owners", (long long)(t - shown));
		set_int(row, "open", rest.open);
		set_int(row, "overdue", rest.overdue);
		max = rest.open > max ? rest.open : max;
	}
	axis(fig, max);
	free(ts);
	free(v);
}

/* The language most of the postmortems are written in; ties go to the
 * one first in en, nb, ja. */
static const char *
common_lang(const struct site *s)
{
	static const char *const families[] = {"en", "nb", "ja"};
	size_t count[3] = {0, 0, 0}, i, k, best = 0;

	for (i = 0; i < s->n; i++) {
		const char *f = pm_lang_family(site_get(s->rows[i].node, "lang"));
		for (k = 0; k < 3; k++)
			count[k] += strcmp(f, families[k]) == 0;
	}
	for (k = 1; k < 3; k++)
		if (count[k] > count[best])
			best = k;
	return families[best];
}

int
site_index(xmlNodePtr manifest_root, const cli *c, const char *lang,
           const char *today, pm_buf *out)
{
	struct site s = {0};
	pm_render_opts ropts = c->ropts;
	char *xsl;
	const char *params[] = {"generator", "pmc " PMC_VERSION, NULL};
	int rc;

	gather(&s, manifest_root);
	/* The figures go into a <site> element of the manifest itself, which
	 * the template reads with the incidents beside it; it is removed
	 * before the manifest is written. */
	s.doc = manifest_root->doc;
	s.root = xmlNewChild(manifest_root, NULL, (const xmlChar *)"site", NULL);
	ropts.lang = lang ? lang : common_lang(&s);
	site_set(s.root, "lang", ropts.lang);
	site_set(s.root, "today", today);
	set_int(s.root, "count", (long long)s.n);
	severities(&s);
	incidents(&s);
	per_month(&s);
	medians(&s);
	detected_by(&s);
	by_owner_figure(&s);
	xsl = join_path(ropts.datadir ? ropts.datadir : pm_template_dir(),
	                "index.xsl");
	if (getenv("PMC_SITE_DUMP") != NULL) /* to develop index.xsl */
		xmlSaveFormatFile(getenv("PMC_SITE_DUMP"), s.doc, 1);
	rc = pm_xslt_apply(xsl, s.doc, params, &ropts, out);
	free(xsl);
	incidents_done(&s);
	xmlUnlinkNode(s.root);
	xmlFreeNode(s.root);
	free(s.rows);
	free(s.sevs);
	return rc;
}
