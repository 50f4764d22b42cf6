/* l10n.c: output labels from templates/labels/<lang>.xml, and dates and
 * durations written the way each language writes them. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "alloc.h"
#include "doc.h"
#include "l10n.h"
#include "ir.h"
#include "text.h"

#define LABELS_NS "urn:x-pmc:labels:1"

typedef struct label {
	char *key;
	char *text;
} label;

struct pm_labels {
	const char *family; /* static: pm_lang_family's */
	char *dir;          /* the templates folder read from */
	label *items;       /* sorted by key */
	size_t n, cap;
	struct pm_labels *next;
};

static int
by_key(const void *a, const void *b)
{
	return strcmp(((const label *)a)->key, ((const label *)b)->key);
}

static label *
find(const pm_labels *l, const char *key)
{
	label probe = {(char *)key, NULL};

	if (l->n == 0)
		return NULL;
	return bsearch(&probe, l->items, l->n, sizeof(label), by_key);
}

/* Adds or replaces key; the caller sorts once all files are read. */
static void
put(pm_labels *l, const char *key, const char *text)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->items[i].key, key) == 0) {
			free(l->items[i].text);
			l->items[i].text = pm_xstrdup(text);
			return;
		}
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 128;
		l->items = pm_xrealloc(l->items, l->cap * sizeof(label));
	}
	l->items[l->n].key = pm_xstrdup(key);
	l->items[l->n].text = pm_xstrdup(text);
	l->n++;
}

/* Reads one labels file into l; returns 0, or -1 with why in msg. */
static int
read_file(pm_labels *l, const char *path, char *msg, size_t msglen)
{
	xmlDocPtr doc;
	xmlNodePtr root, n;
	int rc = -1;

	doc = xmlReadFile(path, NULL,
	                  XML_PARSE_NONET | XML_PARSE_NOERROR |
	                      XML_PARSE_NOWARNING);
	if (doc == NULL) {
		snprintf(msg, msglen, "cannot read the labels file %s", path);
		return -1;
	}
	root = xmlDocGetRootElement(doc);
	if (root == NULL || root->ns == NULL ||
	    strcmp((const char *)root->ns->href, LABELS_NS) != 0 ||
	    strcmp((const char *)root->name, "labels") != 0) {
		snprintf(msg, msglen, "%s is not a labels file (<labels "
		                      "xmlns=\"" LABELS_NS "\">)",
		         path);
		goto out;
	}
	for (n = root->children; n != NULL; n = n->next) {
		xmlChar *key, *text;
		if (n->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)n->name, "label") != 0)
			continue;
		key = xmlGetProp(n, (const xmlChar *)"key");
		text = xmlNodeGetContent(n);
		if (key != NULL && text != NULL)
			put(l, (const char *)key, (const char *)text);
		xmlFree(key);
		xmlFree(text);
	}
	rc = 0;
out:
	xmlFreeDoc(doc);
	return rc;
}

static const char *
doc_lang(const pm_doc *doc)
{
	xmlNodePtr root = doc && doc->ir ? xmlDocGetRootElement(doc->ir)
	                                 : NULL;

	return root ? pm_ir_get(root, "lang") : NULL;
}

/* Reports a labels file that cannot be used, at the file itself: the
 * fault is in the installation, not in any source. */
static void
report(const char *path, const char *msg, const pm_render_opts *opts)
{
	pm_report_file(path, opts ? opts->diag : NULL,
	               opts ? opts->diag_arg : NULL, PM_R_TEMPLATE, msg);
}

static void
labels_free(pm_labels *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->items[i].key);
		free(l->items[i].text);
	}
	free(l->items);
	free(l->dir);
	free(l);
}

static pm_labels *
load(const char *dir, const char *family, const pm_render_opts *opts)
{
	pm_labels *l = pm_xcalloc(1, sizeof(*l));
	char path[4096], msg[4200];

	l->family = family;
	l->dir = pm_xstrdup(dir);
	snprintf(path, sizeof(path), "%s/labels/en.xml", dir);
	if (read_file(l, path, msg, sizeof(msg)) < 0) {
		report(path, msg, opts);
		labels_free(l);
		return NULL;
	}
	if (strcmp(family, "en") != 0) {
		snprintf(path, sizeof(path), "%s/labels/%s.xml", dir, family);
		if (read_file(l, path, msg, sizeof(msg)) < 0)
			report(path, msg, opts);
	}
	qsort(l->items, l->n, sizeof(label), by_key);
	return l;
}

/* Every set loaded so far, for the life of the process: a build renders
 * thousands of documents in a handful of languages. */
static pm_labels *loaded;
static pthread_mutex_t loaded_lock = PTHREAD_MUTEX_INITIALIZER;

const pm_labels *
pm_labels_get(const char *dir, const char *lang, const pm_render_opts *opts)
{
	const char *family = pm_lang_family(lang);
	pm_labels *l;

	if (dir == NULL)
		dir = pm_template_dir();
	pthread_mutex_lock(&loaded_lock);
	for (l = loaded; l != NULL; l = l->next)
		if (strcmp(l->family, family) == 0 && strcmp(l->dir, dir) == 0)
			break;
	if (l == NULL && (l = load(dir, family, opts)) != NULL) {
		l->next = loaded;
		loaded = l;
	}
	pthread_mutex_unlock(&loaded_lock);
	return l;
}

void
pm_labels_forget(void)
{
	pm_labels *l;

	pthread_mutex_lock(&loaded_lock);
	while ((l = loaded) != NULL) {
		loaded = l->next;
		labels_free(l);
	}
	pthread_mutex_unlock(&loaded_lock);
}

const pm_labels *
pm_labels_for(const pm_doc *doc, const pm_render_opts *opts)
{
	return pm_labels_get(opts ? opts->datadir : NULL,
	                     opts && opts->lang ? opts->lang : doc_lang(doc),
	                     opts);
}

const char *
pm_label(const pm_labels *l, const char *key)
{
	const label *hit = l ? find(l, key) : NULL;

	return hit ? hit->text : key;
}

const char *
pm_labels_lang(const pm_labels *l)
{
	return l ? l->family : "en";
}

/* The units of a duration, largest first: en, nb, ja. The largest unit
 * and the next one when it is not zero are written ("3 d 4 h", not "3 d
 * 4 h 10 min": a reader wants the size), rounded to the nearest of the
 * smaller unit, so that 2 d 13 h 46 min is "2 d 14 h" wherever it is
 * written; seconds only under a minute, and none as the language says
 * "at once". */
static const char *const units[3][4] = {
    {" d", " h", " min", " s"},
    {" d", " t", " min", " s"},
    {"日", "時間", "分", "秒"},
};

static const char *const at_once[3] = {"at once", "straks", "即時"};

static int
family_index(const char *family)
{
	if (family != NULL && strcmp(family, "nb") == 0)
		return 1;
	if (family != NULL && strcmp(family, "ja") == 0)
		return 2;
	return 0;
}

void
pm_fmt_duration(pm_buf *b, long long seconds, const char *family)
{
	int fam = family_index(family);
	const char *const *u = units[fam];
	const char *sep = fam == 2 ? "" : " ";
	long long big, small, min;
	int i;

	if (seconds == 0) {
		pm_buf_puts(b, at_once[fam]);
		return;
	}
	if (seconds < 0) {
		pm_buf_putc(b, '-');
		seconds = -seconds;
	}
	if (seconds < 60) {
		pm_buf_printf(b, "%lld%s", seconds, u[3]);
		return;
	}
	/* rounded first, so that 59 min 40 s is "1 h", not "60 min" */
	min = (seconds + 30) / 60;
	if (min < 60) {
		pm_buf_printf(b, "%lld%s", min, u[2]);
		return;
	}
	if (min < 1440)
		big = min / 60, small = min % 60, i = 1;
	else
		big = (seconds + 1800) / 3600 / 24,
		small = (seconds + 1800) / 3600 % 24, i = 0;
	pm_buf_printf(b, "%lld%s", big, u[i]);
	if (small != 0)
		pm_buf_printf(b, "%s%lld%s", sep, small, u[i + 1]);
}

typedef struct stamp {
	int y, mo, d, h, mi, s, has_time;
} stamp;

/* The number written in the n digits at s, or -1. */
static int
digits(const char *s, int n)
{
	int v = 0;

	while (n-- > 0) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s++ - '0');
	}
	return v;
}

/* Reads "YYYY-MM-DD" and, when present, "THH:MM[:SS]" and an offset,
 * which is left as written: the local time is what people read. By hand,
 * not sscanf: a timeline page formats hundreds of these. */
static int
parse_stamp(const char *s, stamp *t)
{
	memset(t, 0, sizeof(*t));
	if (s == NULL || strlen(s) < 10 || s[4] != '-' || s[7] != '-')
		return -1;
	t->y = digits(s, 4);
	t->mo = digits(s + 5, 2);
	t->d = digits(s + 8, 2);
	if (t->y < 0 || t->mo < 1 || t->mo > 12 || t->d < 1 || t->d > 31)
		return -1;
	if (s[10] == '\0')
		return 0;
	if (s[10] != 'T' || strlen(s) < 16 || s[13] != ':')
		return -1;
	t->h = digits(s + 11, 2);
	t->mi = digits(s + 14, 2);
	if (s[16] == ':' && (t->s = digits(s + 17, 2)) < 0)
		return -1;
	if (t->h < 0 || t->h > 23 || t->mi < 0 || t->mi > 59 || t->s > 60)
		return -1;
	t->has_time = 1;
	return 0;
}

static const char *const months[2][12] = {
    {"January", "February", "March", "April", "May", "June", "July",
     "August", "September", "October", "November", "December"},
    {"januar", "februar", "mars", "april", "mai", "juni", "juli",
     "august", "september", "oktober", "november", "desember"},
};

static void
put_date(pm_buf *b, const stamp *t, int fam, int shortform)
{
	const char *m = fam < 2 ? months[fam][t->mo - 1] : NULL;

	switch (fam) {
	case 2:
		if (shortform)
			pm_buf_printf(b, "%d月%d日", t->mo, t->d);
		else
			pm_buf_printf(b, "%d年%d月%d日", t->y, t->mo, t->d);
		break;
	case 1:
		if (shortform)
			pm_buf_printf(b, "%d. %.3s%s", t->d, m,
			              strlen(m) > 4 ? "." : "");
		else
			pm_buf_printf(b, "%d. %s %d", t->d, m, t->y);
		break;
	default:
		if (shortform)
			pm_buf_printf(b, "%d %.3s", t->d, m);
		else
			pm_buf_printf(b, "%d %s %d", t->d, m, t->y);
		break;
	}
}

static void
put_time(pm_buf *b, const stamp *t)
{
	pm_buf_printf(b, "%02d:%02d", t->h, t->mi);
	if (t->s != 0)
		pm_buf_printf(b, ":%02d", t->s);
}

static void
put_month(pm_buf *b, const stamp *t, int fam)
{
	if (fam == 2)
		pm_buf_printf(b, "%d年%d月", t->y, t->mo);
	else
		pm_buf_printf(b, "%s %d", months[fam][t->mo - 1], t->y);
}

static void
put_stamp(pm_buf *b, const stamp *t, int fam, enum pm_dt_style style)
{
	if (style == PM_DT_MONTH) {
		put_month(b, t, fam);
		return;
	}
	if (style != PM_DT_TIME)
		put_date(b, t, fam, style == PM_DT_SHORT || style == PM_DT_DAY);
	if (style == PM_DT_DATE || style == PM_DT_DAY)
		return;
	if (style != PM_DT_TIME)
		pm_buf_puts(b, fam == 1 && style == PM_DT_DATETIME ? " kl. "
		                                                   : " ");
	put_time(b, t);
}

int
pm_fmt_datetime(pm_buf *b, const char *s, const char *family,
                enum pm_dt_style style)
{
	stamp t;

	if (parse_stamp(s, &t) < 0 ||
	    (!t.has_time && style != PM_DT_DATE && style != PM_DT_DAY &&
	     style != PM_DT_MONTH))
		return -1;
	put_stamp(b, &t, family_index(family), style);
	return 0;
}

void
pm_fmt_instant(pm_buf *b, pm_time when, int offset, const char *family,
               enum pm_dt_style style)
{
	pm_time local = when + offset;
	int64_t days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
	int64_t secs = local - days * 86400;
	stamp t = {0};

	pm_civil_from_days(days, &t.y, &t.mo, &t.d);
	t.h = (int)(secs / 3600);
	t.mi = (int)(secs / 60 % 60);
	t.s = (int)(secs % 60);
	t.has_time = 1;
	put_stamp(b, &t, family_index(family), style);
}
