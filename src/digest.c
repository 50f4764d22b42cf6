/* digest.c: pmc digest, one report for a period (a month, a quarter) out
 * of the incidents pm_doc_incident() read: the headline numbers a review
 * starts from, compared with the period before; a row per incident; the
 * follow-ups still open. GitHub Markdown, labels in the language asked
 * for. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <limits.h>

#include <cmark-gfm.h>
#include <cmark-gfm-extension_api.h>
#include <libxml/parser.h>

#include "alloc.h"
#include "l10n.h"
#include "md.h"
#include "mdout.h"
#include "pmtime.h"
#include "xslt.h"

/* The incidents of one period, and what is said about them. */
struct period {
	const pm_incident **in;
	size_t n;
	long long open, done, overdue;
};

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

static int
by_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return x < y ? -1 : x > y;
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
	else if (n > 0) {
		qsort(v, n, sizeof(*v), by_ll);
		r = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
	}
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

/* "- **Label:** " (Japanese: "- **ラベル**："), as the report's facts. */
static void
fact(pm_buf *o, const pm_labels *lab, const char *label)
{
	pm_buf_puts(o, "- **");
	pm_md_text(o, label, 1);
	pm_buf_puts(o, strcmp(pm_labels_lang(lab), "ja") == 0 ? "**\xef\xbc\x9a"
	                                                      : ":** ");
}

/* A duration, and the previous period's in parentheses when it has one. */
static void
duration(pm_buf *o, const pm_labels *lab, long long now, long long before,
         int compare)
{
	const char *fam = pm_labels_lang(lab);

	if (now < 0)
		pm_buf_puts(o, "\xe2\x80\x93");
	else
		pm_fmt_duration(o, now, fam);
	if (compare && before >= 0) {
		pm_buf_printf(o, " (%s: ", pm_label(lab, "digest.previous"));
		pm_fmt_duration(o, before, fam);
		pm_buf_puts(o, ")");
	}
	pm_buf_puts(o, "\n");
}

struct sev {
	const char *name;
	int rank;
	size_t count;
};

static int
by_rank(const void *a, const void *b)
{
	const struct sev *x = a, *y = b;
	unsigned rx = (unsigned)x->rank, ry = (unsigned)y->rank; /* -1 last */

	return rx != ry ? (rx < ry ? -1 : 1) : strcmp(x->name, y->name);
}

/* "SEV1 2 · SEV2 5": the incidents by severity, the most severe first. */
static void
severities(pm_buf *o, const pm_labels *lab, const struct period *p)
{
	struct sev *v = pm_xcalloc(p->n + 1, sizeof(*v));
	size_t i, j, n = 0;

	for (i = 0; i < p->n; i++) {
		const char *name = p->in[i]->severity ? p->in[i]->severity : "";

		for (j = 0; j < n && strcmp(v[j].name, name) != 0; j++)
			;
		if (j == n)
			v[n++] = (struct sev){name, p->in[i]->severity_rank, 0};
		v[j].count++;
	}
	qsort(v, n, sizeof(*v), by_rank);
	fact(o, lab, pm_label(lab, "field.severity"));
	for (i = 0; i < n; i++) {
		pm_buf_puts(o, i ? " \xc2\xb7 " : "");
		pm_md_text(o, v[i].name, 1);
		pm_buf_printf(o, " %zu", v[i].count);
	}
	pm_buf_puts(o, "\n");
	free(v);
}

static void
headline(pm_buf *o, const pm_labels *lab, const struct period *p,
         const struct period *prev)
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
	pm_buf b = {0}, n = {0};
	size_t i;

	pm_buf_printf(&n, "%zu", p->n);
	fill(&b, pm_label(lab, "digest.count"), "{n}", pm_buf_cstr(&n));
	pm_buf_puts(o, "- **");
	pm_md_text(o, pm_buf_cstr(&b), 1);
	pm_buf_puts(o, "**");
	if (prev->n > 0)
		pm_buf_printf(o, " (%s: %zu)", pm_label(lab, "digest.previous"),
		              prev->n);
	pm_buf_puts(o, "\n");
	severities(o, lab, p);
	for (i = 0; i < sizeof(figs) / sizeof(figs[0]); i++) {
		b.len = 0;
		pm_buf_puts(&b, pm_label(lab, figs[i].key));
		if (!figs[i].sum)
			pm_buf_printf(&b, " (%s)", pm_label(lab, "digest.median"));
		fact(o, lab, pm_buf_cstr(&b));
		duration(o, lab, figure(p, figs[i].field, figs[i].sum),
		         figure(prev, figs[i].field, figs[i].sum), prev->n > 0);
	}
	fact(o, lab, pm_label(lab, "section.follow-ups"));
	pm_buf_printf(o, "%lld %s (%lld %s) \xc2\xb7 %lld %s \xc2\xb7 %lld %s\n",
	              p->open, pm_label(lab, "action.open"), p->overdue,
	              pm_label(lab, "action.overdue"), p->done,
	              pm_label(lab, "action.done"), p->open + p->done,
	              pm_label(lab, "action.total"));
	pm_buf_free(&b);
	pm_buf_free(&n);
}

static void
cell(pm_buf *o, const char *s)
{
	pm_buf_puts(o, " ");
	pm_md_text(o, s ? s : "", 1);
	pm_buf_puts(o, " |");
}

static void
header(pm_buf *o, const pm_labels *lab, const char *const *keys, size_t n)
{
	size_t i;

	pm_buf_puts(o, "\n|");
	for (i = 0; i < n; i++)
		cell(o, pm_label(lab, keys[i]));
	pm_buf_puts(o, "\n|");
	for (i = 0; i < n; i++)
		pm_buf_puts(o, "---|");
	pm_buf_puts(o, "\n");
}

static void
incidents(pm_buf *o, const pm_labels *lab, const struct period *p)
{
	static const char *const cols[] = {
	    "index.date", "index.incident", "field.severity",
	    "index.duration", "section.impact", "index.open"};
	const char *fam = pm_labels_lang(lab);
	pm_buf b = {0};
	size_t i, k, open;

	pm_buf_printf(o, "\n## %s\n", pm_label(lab, "index.title"));
	header(o, lab, cols, 6);
	for (i = 0; i < p->n; i++) {
		const pm_incident *in = p->in[i];

		pm_buf_puts(o, "|");
		b.len = 0;
		pm_fmt_datetime(&b, in->started, fam, PM_DT_DATE);
		cell(o, pm_buf_cstr(&b));
		b.len = 0;
		pm_buf_printf(&b, "%s (%s)", in->title ? in->title : "",
		              in->id ? in->id : "");
		cell(o, pm_buf_cstr(&b));
		cell(o, in->severity);
		b.len = 0;
		if (in->ttr >= 0)
			pm_fmt_duration(&b, in->ttr, fam);
		cell(o, pm_buf_cstr(&b));
		cell(o, in->impact);
		for (k = 0, open = 0; k < in->n; k++)
			open += !in->items[k].done;
		b.len = 0;
		pm_buf_printf(&b, "%zu", open);
		cell(o, pm_buf_cstr(&b));
		pm_buf_puts(o, "\n");
	}
	pm_buf_free(&b);
}

/* The open follow-ups, overdue ones first, then by due date. */
static void
open_items(pm_buf *o, const pm_labels *lab, const struct period *p)
{
	static const char *const cols[] = {"index.incident", "table.action",
	                                   "table.owner", "table.due",
	                                   "table.state"};
	size_t i, k, pass;
	const pm_follow_up *f;

	if (p->open == 0)
		return;
	pm_buf_printf(o, "\n## %s\n", pm_label(lab, "index.open"));
	header(o, lab, cols, 5);
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < p->n; i++)
			for (k = 0; k < p->in[i]->n; k++) {
				f = &p->in[i]->items[k];
				if (f->done || f->overdue != (pass == 0))
					continue;
				pm_buf_puts(o, "|");
				cell(o, p->in[i]->id);
				cell(o, f->text);
				cell(o, f->owner);
				cell(o, f->due);
				cell(o, pm_label(lab, f->overdue ? "action.overdue"
				                                 : "action.open"));
				pm_buf_puts(o, "\n");
			}
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

int
pm_digest_html(pm_incident *const *ins, size_t n,
               const pm_digest_opts *opts, pm_buf *out)
{
	const char *dir = opts->datadir ? opts->datadir : pm_template_dir();
	const char *params[5];
	pm_render_opts ro = {0};
	char path[PATH_MAX];
	pm_buf md = {0};
	xmlDocPtr in;
	int rc;

	if (pm_digest_md(ins, n, opts, &md) < 0)
		return -1;
	if ((in = digest_tree(&md, opts->lang ? opts->lang : "en")) == NULL) {
		pm_buf_free(&md);
		return -1;
	}
	snprintf(path, sizeof(path), "%s/digest.xsl", dir);
	params[0] = "lang";
	params[1] = opts->lang ? opts->lang : "en";
	params[2] = "generator";
	params[3] = "pmc " PMC_VERSION;
	params[4] = NULL;
	ro.lang = opts->lang;
	ro.datadir = opts->datadir;
	rc = pm_xslt_apply(path, in, params, &ro, out);
	xmlFreeDoc(in);
	pm_buf_free(&md);
	return rc;
}

int
pm_digest_md(pm_incident *const *ins, size_t n, const pm_digest_opts *opts,
             pm_buf *out)
{
	const pm_labels *lab;
	struct period p = {0}, prev = {0};
	int64_t from, to;
	pm_buf a = {0}, b = {0}, t = {0};

	if (day_of(opts->since, &from) < 0 || day_of(opts->until, &to) < 0 ||
	    to < from)
		return -1;
	if ((lab = pm_labels_get(opts->datadir, opts->lang, NULL)) == NULL)
		return -1;
	gather(&p, ins, n, from, to);
	/* the period of the same length just before */
	gather(&prev, ins, n, from - (to - from + 1), from - 1);
	pm_fmt_datetime(&a, opts->since, pm_labels_lang(lab), PM_DT_DATE);
	pm_fmt_datetime(&b, opts->until, pm_labels_lang(lab), PM_DT_DATE);
	fill(&t, pm_label(lab, "digest.title"), "{from}", pm_buf_cstr(&a));
	a.len = 0;
	fill(&a, pm_buf_cstr(&t), "{to}", pm_buf_cstr(&b));
	pm_buf_puts(out, "# ");
	pm_md_text(out, pm_buf_cstr(&a), 1);
	pm_buf_puts(out, "\n\n");
	if (p.n == 0) {
		pm_md_text(out, pm_label(lab, "digest.none"), 0);
		pm_buf_puts(out, "\n");
	} else {
		headline(out, lab, &p, &prev);
		incidents(out, lab, &p);
		open_items(out, lab, &p);
	}
	free(p.in);
	free(prev.in);
	pm_buf_free(&a);
	pm_buf_free(&b);
	pm_buf_free(&t);
	return 0;
}
