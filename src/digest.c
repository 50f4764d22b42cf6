/* digest.c: pmc digest, one report for a period (a month, a quarter) out
 * of the incidents pm_doc_incident() read: the headline numbers a review
 * starts from, compared with the period before; a row per incident; the
 * follow-ups still open. pm_digest_make decides all of it, in the labels
 * of the language asked for; the Markdown and HTML writers are here, the
 * PDF's in digest_pdf.c. */
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>
#include <libxml/parser.h>

#include "alloc.h"
#include "derive.h"
#include "digest.h"
#include "doc.h"
#include "l10n.h"
#include "md.h"
#include "mdout.h"
#include "pmtime.h"
#include "xslt.h"

static int
day_of(const char *s, int64_t *day)
{
	int y, m, d;

	if (s == NULL || strlen(s) != 10 ||
	    pm_date_parse(s, 10, &y, &m, &d) != PM_STAMP_OK)
		return -1;
	*day = pm_days_from_civil(y, m, d);
	return 0;
}

static int
by_start(const void *a, const void *b)
{
	const pm_incident *x = *(const pm_incident *const *)a;
	const pm_incident *y = *(const pm_incident *const *)b;
	int c = strcmp(x->started, y->started);

	return c != 0 ? c : strcmp(x->id ? x->id : "", y->id ? y->id : "");
}

/* The incidents that started in [from, to], by start. */
static void
gather(struct period *p, pm_incident *const *ins, size_t n, int64_t from,
       int64_t to)
{
	int64_t day;
	size_t i, k;

	p->in = pm_xcalloc(n + 1, sizeof(*p->in));
	for (i = 0; i < n; i++) {
		if (day_of(ins[i]->started, &day) < 0 || day < from || day > to)
			continue;
		p->in[p->n++] = ins[i];
		for (k = 0; k < ins[i]->n; k++) {
			p->done += ins[i]->items[k].done;
			p->open += !ins[i]->items[k].done;
			p->overdue += ins[i]->items[k].overdue;
		}
	}
	qsort(p->in, p->n, sizeof(*p->in), by_start);
}

/* The median of a duration over p (offset of the field in pm_incident),
 * or -1 when none has it; with sum set, the total instead. */
static long long
figure(const struct period *p, size_t field, int sum)
{
	long long *v = pm_xcalloc(p->n + 1, sizeof(*v)), x, r = -1, t = 0;
	size_t i, n = 0;

	for (i = 0; i < p->n; i++)
		if ((x = *(const long long *)((const char *)p->in[i] + field)) >=
		    0) {
			v[n++] = x;
			t += x;
		}
	if (n > 0 && sum)
		r = t;
	else if (n > 0)
		r = pm_median(v, n);
	free(v);
	return r;
}

/* label with {key} replaced by value. */
static void
fill(pm_buf *b, const char *label, const char *key, const char *value)
{
	const char *at = strstr(label, key);

	if (at == NULL) {
		pm_buf_puts(b, label);
		return;
	}
	pm_buf_put(b, label, (size_t)(at - label));
	pm_buf_puts(b, value);
	pm_buf_puts(b, at + strlen(key));
}

/* label with {open}, {overdue}, {done} and {total} replaced by v[0..3]. */
static void
fill_counts(pm_buf *b, const char *label, const long long v[4])
{
	static const char *const keys[4] = {"{open}", "{overdue}", "{done}",
	                                    "{total}"};
	const char *p = label, *next;
	size_t k;

	while (*p != '\0') {
		next = strchr(p, '{');
		if (next == NULL)
			next = p + strlen(p);
		pm_buf_put(b, p, (size_t)(next - p));
		if (*(p = next) == '\0')
			break;
		for (k = 0; k < 4 && strncmp(p, keys[k], strlen(keys[k])) != 0;
		     k++)
			;
		if (k == 4) {
			pm_buf_putc(b, *p++);
			continue;
		}
		pm_buf_printf(b, "%lld", v[k]);
		p += strlen(keys[k]);
	}
}

static pm_digest_fact *
add_fact(pm_digest *d, const char *label)
{
	pm_digest_fact *f = &d->facts[d->nfacts++];

	pm_buf_puts(&f->label, label);
	return f;
}

/* A duration, and the previous period's in parentheses when it has one. */
static void
duration(const pm_digest *d, pm_buf *o, long long now, long long before)
{
	if (now < 0)
		pm_buf_puts(o, "\xe2\x80\x93");
	else
		pm_fmt_duration(o, now, d->fam);
	if (d->prev.n > 0 && before >= 0) {
		pm_buf_printf(o, " (%s: ", pm_label(d->lab, "digest.previous"));
		pm_fmt_duration(o, before, d->fam);
		pm_buf_puts(o, ")");
	}
}

/* "SEV1 2 · SEV2 5": the incidents by severity, the most severe first. */
static void
severities(const pm_digest *d, pm_buf *o)
{
	size_t i;

	for (i = 0; i < d->charts.nsev; i++)
		pm_buf_printf(o, "%s%s %zu", i ? " \xc2\xb7 " : "",
		              d->charts.sevs[i].name, d->charts.sevs[i].count);
}

/* The headline numbers, each a label and a value, decided here for
 * every format. The first is the count, the whole of it the label. */
static void
headline(pm_digest *d)
{
	static const struct {
		const char *key;
		size_t field;
		int sum;
	} figs[] = {
	    {"digest.total-duration", offsetof(pm_incident, ttr), 1},
	    {"metric.time-to-detect", offsetof(pm_incident, ttd), 0},
	    {"metric.time-to-acknowledge", offsetof(pm_incident, tta), 0},
	    {"metric.time-to-mitigate", offsetof(pm_incident, ttm), 0},
	    {"metric.time-to-resolve", offsetof(pm_incident, ttr), 0},
	};
	const struct period *p = &d->p, *prev = &d->prev;
	pm_digest_fact *f;
	pm_buf b = {0}, n = {0};
	size_t i;

	pm_buf_printf(&n, "%zu", p->n);
	fill(&b, pm_label(d->lab, "digest.count"), "{n}", pm_buf_cstr(&n));
	f = add_fact(d, pm_buf_cstr(&b));
	f->whole = 1;
	if (prev->n > 0)
		pm_buf_printf(&f->value, "(%s: %zu)",
		              pm_label(d->lab, "digest.previous"), prev->n);
	severities(d, &add_fact(d, pm_label(d->lab, "field.severity"))->value);
	for (i = 0; i < sizeof(figs) / sizeof(figs[0]); i++) {
		b.len = 0;
		pm_buf_puts(&b, pm_label(d->lab, figs[i].key));
		if (!figs[i].sum)
			pm_buf_printf(&b, " (%s)", pm_label(d->lab, "digest.median"));
		f = add_fact(d, pm_buf_cstr(&b));
		duration(d, &f->value, figure(p, figs[i].field, figs[i].sum),
		         figure(prev, figs[i].field, figs[i].sum));
	}
	/* "9 open (7 overdue) · 4 done · 13 in all", in running text */
	f = add_fact(d, pm_label(d->lab, "section.follow-ups"));
	fill_counts(&f->value, pm_label(d->lab, "digest.follow-ups"),
	            (long long[]){p->open, p->overdue, p->done,
	                          p->open + p->done});
	pm_buf_free(&b);
	pm_buf_free(&n);
}

const char *const pm_digest_incident_cols[PM_DIGEST_INCIDENT_COLS] = {
    "index.date",     "index.incident", "field.severity",
    "index.duration", "section.impact", "index.open"};
const char *const pm_digest_item_cols[PM_DIGEST_ITEM_COLS] = {
    "index.incident", "table.action", "table.owner", "table.due",
    "table.state"};

void
pm_digest_incident_cells(const pm_digest *d, const pm_incident *in,
                         pm_buf cells[PM_DIGEST_INCIDENT_COLS])
{
	size_t k, open = 0;

	pm_fmt_datetime(&cells[0], in->started, d->fam, PM_DT_DATE);
	pm_buf_printf(&cells[1], "%s (%s)", in->title ? in->title : "",
	              in->id ? in->id : "");
	pm_buf_puts(&cells[2], in->severity ? in->severity : "");
	if (in->ttr >= 0)
		pm_fmt_duration(&cells[3], in->ttr, d->fam);
	pm_buf_puts(&cells[4], in->impact ? in->impact : "");
	for (k = 0; k < in->n; k++)
		open += !in->items[k].done;
	pm_buf_printf(&cells[5], "%zu", open);
}

void
pm_digest_item_cells(const pm_digest *d, const pm_digest_item *it,
                     pm_buf cells[PM_DIGEST_ITEM_COLS])
{
	const pm_follow_up *f = it->f;

	pm_buf_puts(&cells[0], it->in->id ? it->in->id : "");
	pm_buf_puts(&cells[1], f->text ? f->text : "");
	pm_buf_puts(&cells[2], f->owner ? f->owner : "");
	pm_buf_puts(&cells[3], f->due ? f->due : "");
	pm_buf_puts(&cells[4],
	            pm_label(d->lab, f->overdue ? "action.overdue"
	                                        : "action.open"));
}

/* The charts of the period's incidents, the months of all of it shown. */
static void
charts(pm_digest *d, const pm_digest_opts *opts)
{
	const struct period *p = &d->p;
	pm_chart_in *ins = pm_xcalloc(p->n + 1, sizeof(*ins));
	pm_chart_open *open;
	size_t i, k, m;

	for (i = 0; i < p->n; i++) {
		ins[i].date = p->in[i]->started;
		ins[i].severity = p->in[i]->severity;
		ins[i].rank = p->in[i]->severity_rank;
		ins[i].detected_by = p->in[i]->detected_by;
		ins[i].ttd = p->in[i]->ttd;
		ins[i].ttr = p->in[i]->ttr;
		ins[i].open = open = pm_xcalloc(p->in[i]->n + 1, sizeof(*open));
		for (k = 0, m = 0; k < p->in[i]->n; k++)
			if (!p->in[i]->items[k].done) {
				open[m].owner = p->in[i]->items[k].owner;
				open[m++].overdue = p->in[i]->items[k].overdue;
			}
		ins[i].nopen = m;
	}
	pm_charts_make(&d->charts, ins, p->n, opts->since, opts->until);
	for (i = 0; i < p->n; i++)
		free((void *)ins[i].open);
	free(ins);
}

/* The open follow-ups, overdue ones first, each group in start order. */
static void
open_items(pm_digest *d)
{
	const struct period *p = &d->p;
	size_t i, k, pass;
	const pm_follow_up *f;

	d->open = pm_xcalloc((size_t)p->open + 1, sizeof(*d->open));
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < p->n; i++)
			for (k = 0; k < p->in[i]->n; k++) {
				f = &p->in[i]->items[k];
				if (f->done || f->overdue != (pass == 0))
					continue;
				d->open[d->nopen].in = p->in[i];
				d->open[d->nopen++].f = f;
			}
}

pm_render_opts
pm_digest_ropts(const pm_digest_opts *opts)
{
	pm_render_opts ro = {0};

	ro.lang = opts->lang;
	ro.datadir = opts->datadir;
	ro.diag = opts->diag;
	ro.diag_arg = opts->diag_arg;
	return ro;
}

void
pm_digest_report(const pm_digest_opts *opts, pm_rule rule, const char *msg)
{
	pm_report_file("digest", opts->diag, opts->diag_arg, rule, msg);
}

int
pm_digest_make(pm_digest *d, pm_incident *const *ins, size_t n,
               const pm_digest_opts *opts)
{
	int64_t from, to;
	pm_buf a = {0}, b = {0}, t = {0};
	pm_render_opts ro;

	memset(d, 0, sizeof(*d));
	if (day_of(opts->since, &from) < 0 || day_of(opts->until, &to) < 0 ||
	    to < from) {
		pm_digest_report(opts, PM_R_BAD_DATE,
		                 "the period is not two days YYYY-MM-DD, the "
		                 "first not after the second");
		return -1;
	}
	ro = pm_digest_ropts(opts);
	if ((d->lab = pm_labels_get(opts->datadir, opts->lang, &ro)) == NULL)
		return -1;
	d->fam = pm_labels_lang(d->lab);
	gather(&d->p, ins, n, from, to);
	/* the period of the same length just before */
	gather(&d->prev, ins, n, from - (to - from + 1), from - 1);
	pm_fmt_datetime(&a, opts->since, d->fam, PM_DT_DATE);
	pm_fmt_datetime(&b, opts->until, d->fam, PM_DT_DATE);
	fill(&t, pm_label(d->lab, "digest.title"), "{from}", pm_buf_cstr(&a));
	fill(&d->title, pm_buf_cstr(&t), "{to}", pm_buf_cstr(&b));
	if (d->p.n > 0) {
		charts(d, opts);
		headline(d);
		open_items(d);
	}
	pm_buf_free(&a);
	pm_buf_free(&b);
	pm_buf_free(&t);
	return 0;
}

void
pm_digest_free(pm_digest *d)
{
	size_t i;

	for (i = 0; i < d->nfacts; i++) {
		pm_buf_free(&d->facts[i].label);
		pm_buf_free(&d->facts[i].value);
	}
	pm_buf_free(&d->title);
	free(d->p.in);
	free(d->prev.in);
	free(d->open);
	pm_charts_free(&d->charts);
}

/* The Markdown writer. */

static void
cell(pm_buf *o, const char *s)
{
	pm_buf_puts(o, " ");
	pm_md_text(o, s, 1);
	pm_buf_puts(o, " |");
}

/* A table: the head's labels, then rows of n cells each. */
static void
md_table(pm_buf *o, const pm_digest *d, const char *title,
         const char *const *keys, size_t n)
{
	size_t i;

	pm_buf_puts(o, "\n## ");
	pm_md_text(o, title, 1);
	pm_buf_puts(o, "\n\n|");
	for (i = 0; i < n; i++)
		cell(o, pm_label(d->lab, keys[i]));
	pm_buf_puts(o, "\n|");
	for (i = 0; i < n; i++)
		pm_buf_puts(o, "---|");
	pm_buf_puts(o, "\n");
}

static void
md_row(pm_buf *o, pm_buf *cells, size_t n)
{
	size_t i;

	pm_buf_puts(o, "|");
	for (i = 0; i < n; i++) {
		cell(o, pm_buf_cstr(&cells[i]));
		cells[i].len = 0;
	}
	pm_buf_puts(o, "\n");
}

static void
md_facts(pm_buf *o, const pm_digest *d)
{
	const char *colon = strcmp(d->fam, "ja") == 0 ? "**\xef\xbc\x9a" : ":** ";
	size_t i;

	for (i = 0; i < d->nfacts; i++) {
		const pm_digest_fact *f = &d->facts[i];

		/* "- **Label:** value", in Japanese "- **ラベル**：value" */
		pm_buf_puts(o, "- **");
		pm_md_text(o, pm_buf_cstr((pm_buf *)&f->label), 1);
		pm_buf_puts(o, f->whole ? "**" : colon);
		if (f->whole && f->value.len > 0)
			pm_buf_puts(o, " ");
		pm_md_text(o, pm_buf_cstr((pm_buf *)&f->value), 1);
		pm_buf_puts(o, "\n");
	}
}

/* The Markdown digest of d. */
static void
md_write(const pm_digest *d, pm_buf *out)
{
	pm_buf cells[PM_DIGEST_INCIDENT_COLS] = {{0}};
	size_t i;

	pm_buf_puts(out, "# ");
	pm_md_text(out, pm_buf_cstr((pm_buf *)&d->title), 1);
	pm_buf_puts(out, "\n\n");
	if (d->p.n == 0) {
		pm_md_text(out, pm_label(d->lab, "digest.none"), 0);
		pm_buf_puts(out, "\n");
	} else {
		md_facts(out, d);
		md_table(out, d, pm_label(d->lab, "index.title"),
		         pm_digest_incident_cols, PM_DIGEST_INCIDENT_COLS);
		for (i = 0; i < d->p.n; i++) {
			pm_digest_incident_cells(d, d->p.in[i], cells);
			md_row(out, cells, PM_DIGEST_INCIDENT_COLS);
		}
		if (d->nopen > 0)
			md_table(out, d, pm_label(d->lab, "index.open"),
			         pm_digest_item_cols, PM_DIGEST_ITEM_COLS);
		for (i = 0; i < d->nopen; i++) {
			pm_digest_item_cells(d, &d->open[i], cells);
			md_row(out, cells, PM_DIGEST_ITEM_COLS);
		}
	}
	for (i = 0; i < PM_DIGEST_INCIDENT_COLS; i++)
		pm_buf_free(&cells[i]);
}

/* The Markdown digest's HTML, as GitHub shows it (libcmark-gfm, raw
 * HTML never passed through: the digest escapes all it writes anyway),
 * read back as a tree under <digest lang title> for digest.xsl; NULL if
 * it were not well-formed. */
static xmlDocPtr
digest_tree(const pm_buf *md, const char *lang)
{
	cmark_parser *parser = pm_md_parser(NULL, 0);
	cmark_node *root;
	pm_buf x = {0};
	xmlDocPtr in;
	xmlNodePtr top, c;
	xmlChar *title = NULL;
	char *html;

	cmark_parser_feed(parser, md->data, md->len);
	root = cmark_parser_finish(parser);
	html = cmark_render_html(root, CMARK_OPT_DEFAULT,
	                         cmark_parser_get_syntax_extensions(parser));
	cmark_node_free(root);
	cmark_parser_free(parser);
	/* cmark writes well-formed XHTML (only the five XML entities, empty
	 * elements closed): read as XML, under the root digest.xsl wants */
	pm_buf_puts(&x, "<digest>");
	pm_buf_puts(&x, html);
	pm_buf_puts(&x, "</digest>");
	free(html);
	in = xmlReadMemory(x.data, (int)x.len, NULL, "UTF-8", XML_PARSE_NONET);
	pm_buf_free(&x);
	if (in == NULL)
		return NULL;
	top = xmlDocGetRootElement(in);
	xmlNewProp(top, (const xmlChar *)"lang", (const xmlChar *)lang);
	for (c = top->children; c != NULL && title == NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    xmlStrcmp(c->name, (const xmlChar *)"h1") == 0)
			title = xmlNodeGetContent(c);
	xmlNewProp(top, (const xmlChar *)"title",
	           title ? title : (const xmlChar *)"");
	xmlFree(title);
	return in;
}

/* An element of the site index's namespace, after top's children. */
static xmlNodePtr
site_child(xmlNodePtr top, const char *name)
{
	xmlNodePtr c = xmlNewChild(top, NULL, (const xmlChar *)name, NULL);

	xmlSetNs(c, xmlNewNs(c, (const xmlChar *)PM_SITE_NS,
	                     (const xmlChar *)"s"));
	return c;
}

/* For digest.xsl: <s:charts>, the charts for charts.xsl, and <s:pages>,
 * a copy of the intermediate form of each incident of the period whose
 * document the caller kept, for report.xsl's first-page templates. */
static void
extras_xml(const pm_digest *d, xmlNodePtr top)
{
	xmlNodePtr pages, copy;
	size_t i;

	pm_charts_xml(&d->charts, site_child(top, "charts"));
	pages = site_child(top, "pages");
	for (i = 0; i < d->p.n; i++) {
		if (d->p.in[i]->doc == NULL || d->p.in[i]->doc->ir == NULL)
			continue;
		copy = xmlDocCopyNode(xmlDocGetRootElement(d->p.in[i]->doc->ir),
		                      top->doc, 1);
		if (copy != NULL)
			xmlAddChild(pages, copy);
	}
	xmlReconciliateNs(top->doc, top);
}

int
pm_digest_html(pm_incident *const *ins, size_t n,
               const pm_digest_opts *opts, pm_buf *out)
{
	const char *dir = opts->datadir ? opts->datadir : pm_template_dir();
	const char *params[5];
	pm_render_opts ro;
	char path[PATH_MAX];
	pm_digest d;
	pm_buf md = {0};
	xmlDocPtr in;
	int rc = -1;

	if (pm_digest_make(&d, ins, n, opts) < 0)
		return -1;
	md_write(&d, &md);
	if ((in = digest_tree(&md, opts->lang ? opts->lang : "en")) == NULL)
		goto out;
	if (d.p.n > 0)
		extras_xml(&d, xmlDocGetRootElement(in));
	snprintf(path, sizeof(path), "%s/digest.xsl", dir);
	params[0] = "lang";
	params[1] = opts->lang ? opts->lang : "en";
	params[2] = "generator";
	params[3] = "pmc " PMC_VERSION;
	params[4] = NULL;
	ro = pm_digest_ropts(opts);
	rc = pm_xslt_apply(path, in, params, &ro, out);
	xmlFreeDoc(in);
out:
	pm_buf_free(&md);
	pm_digest_free(&d);
	return rc;
}

int
pm_digest_md(pm_incident *const *ins, size_t n, const pm_digest_opts *opts,
             pm_buf *out)
{
	pm_digest d;

	if (pm_digest_make(&d, ins, n, opts) < 0)
		return -1;
	md_write(&d, out);
	pm_digest_free(&d);
	return 0;
}
