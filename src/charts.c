/* charts.c: the cross-incident charts of the site index and the digest,
 * computed once here (charts.h); templates/charts.xsl and digest_pdf.c
 * only draw them. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "charts.h"
#include "derive.h"
#include "figure.h"

const char *const pm_chart_ways[PM_CHART_WAYS] = {
    "monitoring", "customer", "employee", "vendor", "other", ""};

pm_chart_axis
pm_chart_axis_for(long long max)
{
	static const int nice[] = {1, 2, 5};
	pm_chart_axis a = {1, 0};
	long long mult = 1;
	int k = 0;

	if (max < 1)
		max = 1;
	while ((max + a.step - 1) / a.step > 5) {
		if (++k == 3) {
			k = 0;
			mult *= 10;
		}
		a.step = nice[k] * mult;
	}
	a.top = (max + a.step - 1) / a.step * a.step;
	return a;
}

static int
by_rank(const void *a, const void *b)
{
	const pm_chart_sev *x = a, *y = b;
	unsigned rx = (unsigned)x->rank, ry = (unsigned)y->rank; /* -1 last */

	return rx != ry ? (rx < ry ? -1 : 1) : strcmp(x->name, y->name);
}

static size_t
sev_named(const pm_charts *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->nsev && strcmp(c->sevs[i].name, name) != 0; i++)
		;
	return i;
}

/* The k-th (0-8) colour a severity may take when its rank's is taken:
 * the unranked ones, then the ranks'. */
static uint32_t
spare_color(size_t k)
{
	return k < 4 ? pm_unranked_color(k) : pm_severity_color((int)k - 4);
}

/* Whether one of the severities before j has the colour. */
static int
color_taken(const pm_charts *c, size_t j, uint32_t color)
{
	size_t k;

	for (k = 0; k < j; k++)
		if (c->sevs[k].color == color)
			return 1;
	return 0;
}

/* The colour of severity j, the severities before it (more severe)
 * coloured: its rank's, as every report colours it, unless one of them
 * has that colour already. In a stacked bar colour alone tells the
 * series apart, and two names of one rank (two teams' scales in one
 * site: SEV1 and P1) or a scale longer than five (every rank past the
 * fourth is slate) would be drawn alike and read as one. Such a
 * severity, and one with no rank (a scale changed since, say), takes
 * the first colour of the unranked ones, then the ranks', that none
 * before it has; past those nine, colours repeat. */
static void
sev_color(pm_charts *c, size_t j)
{
	uint32_t want;
	size_t k;

	if (c->sevs[j].rank >= 0) {
		want = pm_severity_color(c->sevs[j].rank);
		if (!color_taken(c, j, want)) {
			c->sevs[j].color = want;
			return;
		}
	}
	for (k = 0; k < 9; k++)
		if (!color_taken(c, j, want = spare_color(k)))
			break;
	c->sevs[j].color = k < 9 ? want : spare_color(j % 9);
}

static void
severities(pm_charts *c, const pm_chart_in *ins, size_t n)
{
	size_t i, j;
	const char *name;

	c->sevs = pm_xcalloc(n + 1, sizeof(*c->sevs));
	c->sev_of = pm_xcalloc(n + 1, sizeof(*c->sev_of));
	for (i = 0; i < n; i++) {
		name = ins[i].severity ? ins[i].severity : "";
		if ((j = sev_named(c, name)) == c->nsev)
			c->sevs[c->nsev++] =
			    (pm_chart_sev){name, ins[i].rank < 0 ? -1 : ins[i].rank,
			                   0, 0};
		c->sevs[j].count++;
	}
	qsort(c->sevs, c->nsev, sizeof(*c->sevs), by_rank);
	for (j = 0; j < c->nsev; j++)
		sev_color(c, j);
	for (i = 0; i < n; i++)
		c->sev_of[i] =
		    sev_named(c, ins[i].severity ? ins[i].severity : "");
}

static int
month_of(const char *date)
{
	int y, m;

	if (date == NULL || sscanf(date, "%4d-%2d", &y, &m) != 2 || m < 1 ||
	    m > 12)
		return -1;
	return y * 12 + m - 1;
}

static void
widen(int *lo, int *hi, int m)
{
	if (m < 0)
		return;
	*lo = *lo < 0 || m < *lo ? m : *lo;
	*hi = m > *hi ? m : *hi;
}

/* Incidents per month, or per year past three years, by severity. */
static void
per_bucket(pm_charts *c, const pm_chart_in *ins, size_t n, const char *from,
           const char *to)
{
	int lo = -1, hi = -1, m, k;
	long long max = 0;
	size_t i, j;

	for (i = 0; i < n; i++)
		widen(&lo, &hi, month_of(ins[i].date));
	if (lo < 0) { /* nothing dated: no buckets, whatever the period */
		c->per_bucket = pm_chart_axis_for(0);
		return;
	}
	widen(&lo, &hi, month_of(from));
	widen(&lo, &hi, month_of(to));
	c->by_year = hi - lo + 1 > 36;
	if (c->by_year) {
		lo /= 12;
		hi /= 12;
	}
	c->nb = (size_t)(hi - lo + 1);
	c->keys = pm_xcalloc(c->nb, sizeof(*c->keys));
	c->counts = pm_xcalloc(c->nb * c->nsev, sizeof(*c->counts));
	c->totals = pm_xcalloc(c->nb, sizeof(*c->totals));
	for (i = 0; i < n; i++)
		if ((m = month_of(ins[i].date)) >= 0) {
			k = (c->by_year ? m / 12 : m) - lo;
			c->counts[(size_t)k * c->nsev + c->sev_of[i]]++;
			c->totals[k]++;
		}
	for (j = 0; j < c->nb; j++) {
		m = lo + (int)j;
		if (c->by_year)
			snprintf(c->keys[j], sizeof(c->keys[j]), "%04d", m % 10000);
		else
			snprintf(c->keys[j], sizeof(c->keys[j]), "%04d-%02d",
			         m / 12 % 10000, m % 12 + 1);
		max = c->totals[j] > max ? c->totals[j] : max;
	}
	c->per_bucket = pm_chart_axis_for(max);
}

/* The median time to detect and to resolve of each severity. */
static void
medians(pm_charts *c, const pm_chart_in *ins, size_t n)
{
	long long *v = pm_xcalloc(n + 1, sizeof(*v)), x;
	size_t i, j, k, m;

	c->median = pm_xcalloc(c->nsev + 1, sizeof(*c->median));
	c->median_n = pm_xcalloc(c->nsev + 1, sizeof(*c->median_n));
	for (j = 0; j < c->nsev; j++)
		for (k = 0; k < 2; k++) {
			for (i = 0, m = 0; i < n; i++)
				if (c->sev_of[i] == j &&
				    (x = k == 0 ? ins[i].ttd : ins[i].ttr) >= 0)
					v[m++] = x;
			c->median[j][k] = m > 0 ? pm_median(v, m) : -1;
			c->median_n[j][k] = m;
			if (c->median[j][k] > c->median_max)
				c->median_max = c->median[j][k];
		}
	free(v);
}

static void
detected_by(pm_charts *c, const pm_chart_in *ins, size_t n)
{
	long long max = 0;
	const char *d;
	size_t i, k;

	for (k = 0; k < PM_CHART_WAYS; k++) {
		for (i = 0; i < n; i++) {
			d = ins[i].detected_by ? ins[i].detected_by : "";
			c->ways[k] += strcmp(d, pm_chart_ways[k]) == 0;
		}
		max = c->ways[k] > max ? c->ways[k] : max;
	}
	c->by_way = pm_chart_axis_for(max);
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(((const pm_chart_open *)a)->owner,
	              ((const pm_chart_open *)b)->owner);
}

static int
by_load(const void *a, const void *b)
{
	const pm_chart_owner *x = a, *y = b;

	if (x->open != y->open)
		return x->open > y->open ? -1 : 1;
	if (x->overdue != y->overdue)
		return x->overdue > y->overdue ? -1 : 1;
	return strcmp(x->owner, y->owner);
}

/* Open and overdue follow-ups by owner: the PM_CHART_OWNERS with the
 * most, the rest summed up in others. */
static void
by_owner(pm_charts *c, const pm_chart_in *ins, size_t n)
{
	pm_chart_open *v;
	size_t i, k, nv = 0, t = 0;
	long long max = 0;

	for (i = 0; i < n; i++)
		nv += ins[i].nopen;
	v = pm_xcalloc(nv + 1, sizeof(*v));
	for (i = 0, nv = 0; i < n; i++)
		for (k = 0; k < ins[i].nopen; k++) {
			v[nv] = ins[i].open[k];
			if (v[nv].owner == NULL)
				v[nv].owner = "";
			nv++;
		}
	if (nv > 0)
		qsort(v, nv, sizeof(*v), by_name);
	c->owners = pm_xcalloc(nv + 1, sizeof(*c->owners));
	for (i = 0; i < nv; i++) {
		if (i == 0 || strcmp(v[i].owner, v[i - 1].owner) != 0)
			c->owners[t++].owner = v[i].owner;
		c->owners[t - 1].open++;
		c->owners[t - 1].overdue += v[i].overdue != 0;
	}
	if (t > 0)
		qsort(c->owners, t, sizeof(*c->owners), by_load);
	for (i = PM_CHART_OWNERS; i < t; i++) {
		c->others.open += c->owners[i].open;
		c->others.overdue += c->owners[i].overdue;
	}
	c->nowners = t < PM_CHART_OWNERS ? t : PM_CHART_OWNERS;
	c->owners_folded = t - c->nowners;
	for (i = 0; i < c->nowners; i++)
		max = c->owners[i].open > max ? c->owners[i].open : max;
	max = c->others.open > max ? c->others.open : max;
	c->by_owner = pm_chart_axis_for(max);
	free(v);
}

void
pm_charts_make(pm_charts *c, const pm_chart_in *ins, size_t n,
               const char *from, const char *to)
{
	memset(c, 0, sizeof(*c));
	severities(c, ins, n);
	per_bucket(c, ins, n, from, to);
	medians(c, ins, n);
	detected_by(c, ins, n);
	by_owner(c, ins, n);
}

void
pm_charts_free(pm_charts *c)
{
	free(c->sevs);
	free(c->sev_of);
	free(c->keys);
	free(c->counts);
	free(c->totals);
	free(c->median);
	free(c->median_n);
	free(c->owners);
}

/* The XML templates/charts.xsl reads. */

static xmlNodePtr
child(xmlNodePtr parent, const char *name)
{
	return xmlNewChild(parent, NULL, (const xmlChar *)name, NULL);
}

static void
set_str(xmlNodePtr n, const char *attr, const char *value)
{
	xmlSetProp(n, (const xmlChar *)attr, (const xmlChar *)value);
}

static void
set_int(xmlNodePtr n, const char *attr, long long v)
{
	char num[32];

	snprintf(num, sizeof(num), "%lld", v);
	set_str(n, attr, num);
}

static xmlNodePtr
figure(xmlNodePtr parent, const char *key, const pm_chart_axis *a)
{
	xmlNodePtr fig = child(parent, "figure");

	set_str(fig, "key", key);
	if (a != NULL) {
		set_int(fig, "step", a->step);
		set_int(fig, "top", a->top);
	}
	return fig;
}

static void
severities_xml(const pm_charts *c, xmlNodePtr parent)
{
	xmlNodePtr list = child(parent, "severities"), n;
	char color[8];
	size_t j;

	for (j = 0; j < c->nsev; j++) {
		n = child(list, "severity");
		set_str(n, "name", c->sevs[j].name);
		set_int(n, "rank", (long long)j);
		snprintf(color, sizeof(color), "#%06" PRIX32, c->sevs[j].color);
		set_str(n, "color", color);
	}
}

static void
per_bucket_xml(const pm_charts *c, xmlNodePtr parent)
{
	xmlNodePtr fig = figure(parent, "per-month", &c->per_bucket), b, e;
	long long below, k;
	size_t i, j;

	set_str(fig, "unit", c->by_year ? "year" : "month");
	for (i = 0; i < c->nb; i++) {
		b = child(fig, "bucket");
		set_str(b, "key", c->keys[i]);
		for (j = 0, below = 0; j < c->nsev; j++) {
			if ((k = c->counts[i * c->nsev + j]) == 0)
				continue;
			e = child(b, "count");
			set_int(e, "rank", (long long)j);
			set_int(e, "n", k);
			set_int(e, "below", below);
			below += k;
		}
		set_int(b, "total", c->totals[i]);
	}
}

static void
medians_xml(const pm_charts *c, xmlNodePtr parent)
{
	static const char *const names[2] = {"ttd", "ttr"};
	xmlNodePtr fig = figure(parent, "medians", NULL), row, e;
	size_t j, k;

	for (j = 0; j < c->nsev; j++) {
		if (c->median[j][0] < 0 && c->median[j][1] < 0)
			continue;
		row = child(fig, "row");
		set_str(row, "severity", c->sevs[j].name);
		set_int(row, "rank", (long long)j);
		for (k = 0; k < 2; k++)
			if (c->median[j][k] >= 0) {
				e = child(row, names[k]);
				set_int(e, "seconds", c->median[j][k]);
				set_int(e, "n", (long long)c->median_n[j][k]);
			}
	}
	set_int(fig, "max", c->median_max);
}

static void
ways_xml(const pm_charts *c, xmlNodePtr parent)
{
	xmlNodePtr fig = figure(parent, "detected-by", &c->by_way), row;
	size_t k;

	for (k = 0; k < PM_CHART_WAYS; k++) {
		if (c->ways[k] == 0)
			continue;
		row = child(fig, "row");
		set_str(row, "key", pm_chart_ways[k]);
		set_int(row, "n", c->ways[k]);
	}
}

static void
owner_row(xmlNodePtr fig, const pm_chart_owner *o)
{
	xmlNodePtr row = child(fig, "row");

	if (o->owner != NULL)
		set_str(row, "owner", o->owner);
	set_int(row, "open", o->open);
	set_int(row, "overdue", o->overdue);
}

static void
owners_xml(const pm_charts *c, xmlNodePtr parent)
{
	xmlNodePtr fig = figure(parent, "follow-ups", &c->by_owner);
	size_t i;

	for (i = 0; i < c->nowners; i++)
		owner_row(fig, &c->owners[i]);
	if (c->owners_folded > 0) {
		owner_row(fig, &c->others);
		set_str(fig->last, "others", "true");
		set_int(fig->last, "owners", (long long)c->owners_folded);
	}
}

void
pm_charts_xml(const pm_charts *c, xmlNodePtr parent)
{
	severities_xml(c, parent);
	per_bucket_xml(c, parent);
	medians_xml(c, parent);
	ways_xml(c, parent);
	owners_xml(c, parent);
}
