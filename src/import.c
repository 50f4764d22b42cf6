/* import.c: the draft pmc import writes, from the posts a reader found:
 * front matter from the milestones the status words mark, the scaffold's
 * sections (templates/new/), the posts as the timeline. The draft goes
 * through pm_fmt(), so that it is in canonical form and known to compile,
 * and is then checked to keep every word of the input's posts. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "fmt.h"
#include "import.h"
#include "io.h"
#include "l10n.h"
#include "policy.h"
#include "text.h"
#include "utf8.h"

/* A status page's words for its states; Norwegian as Statuspage's
 * Norwegian pages and Norwegian teams write them (docs/choices.md). */
static const struct {
	const char *word;
	pm_post_status status;
} status_words[] = {
    {"investigating", PM_POST_INVESTIGATING},
    {"undersøker", PM_POST_INVESTIGATING},
    {"undersøkes", PM_POST_INVESTIGATING},
    {"feilsøker", PM_POST_INVESTIGATING},
    {"identified", PM_POST_IDENTIFIED},
    {"identifisert", PM_POST_IDENTIFIED},
    {"update", PM_POST_UPDATE},
    {"oppdatering", PM_POST_UPDATE},
    {"scheduled", PM_POST_UPDATE},
    {"planlagt", PM_POST_UPDATE},
    {"in progress", PM_POST_UPDATE},
    {"pågår", PM_POST_UPDATE},
    {"verifying", PM_POST_MONITORING},
    {"verifiserer", PM_POST_MONITORING},
    {"monitoring", PM_POST_MONITORING},
    {"overvåker", PM_POST_MONITORING},
    {"overvåkes", PM_POST_MONITORING},
    {"overvåking", PM_POST_MONITORING},
    {"resolved", PM_POST_RESOLVED},
    {"løst", PM_POST_RESOLVED},
    {"completed", PM_POST_RESOLVED},
    {"fullført", PM_POST_RESOLVED},
};

/* ASCII letters in lower case; the Norwegian letters compared as
 * written (the table holds them in lower case, as pages mostly do). */
static int
word_eq(const char *s, size_t n, const char *w)
{
	size_t i;

	if (strlen(w) != n)
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char a = (unsigned char)s[i];
		if (a >= 'A' && a <= 'Z')
			a = (unsigned char)(a - 'A' + 'a');
		if (a != (unsigned char)w[i])
			return 0;
	}
	return 1;
}

pm_post_status
pm_post_status_word(const char *s, size_t n)
{
	size_t k;

	/* the capitals of the Norwegian letters start the word at most */
	char low[32];

	if (n >= sizeof(low))
		return PM_POST_UNKNOWN;
	memcpy(low, s, n);
	if (n >= 2 && (unsigned char)low[0] == 0xc3 &&
	    ((unsigned char)low[1] == 0x98 || (unsigned char)low[1] == 0x85 ||
	     (unsigned char)low[1] == 0x86))
		low[1] = (char)((unsigned char)low[1] + 0x20);
	for (k = 0; k < sizeof(status_words) / sizeof(status_words[0]); k++)
		if (word_eq(low, n, status_words[k].word))
			return status_words[k].status;
	return PM_POST_UNKNOWN;
}

pm_post *
pm_import_post(pm_import *im)
{
	pm_post *p;

	if (im->nposts == im->cap) {
		im->cap = im->cap ? im->cap * 2 : 16;
		im->posts = pm_xrealloc(im->posts, im->cap * sizeof(*im->posts));
	}
	p = &im->posts[im->nposts];
	memset(p, 0, sizeof(*p));
	p->seq = im->nposts++;
	return p;
}

void
pm_import_service(pm_import *im, const char *s, size_t n)
{
	size_t k;

	while (n > 0 && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '.'))
		n--;
	if (n == 0)
		return;
	for (k = 0; k < im->nservices; k++)
		if (strlen(im->services[k]) == n &&
		    memcmp(im->services[k], s, n) == 0)
			return;
	im->services = pm_xrealloc(im->services,
	                           (im->nservices + 1) * sizeof(char *));
	im->services[im->nservices++] = pm_xstrndup(s, n);
	pm_words_put(&im->words, s, n);
	pm_buf_putc(&im->words, '\n');
}

void
pm_import_free(pm_import *im)
{
	size_t k;

	for (k = 0; k < im->nposts; k++) {
		free(im->posts[k].word);
		free(im->posts[k].author);
		free(im->posts[k].body);
	}
	for (k = 0; k < im->nservices; k++)
		free(im->services[k]);
	free(im->posts);
	free(im->services);
	free(im->title);
	free(im->owner);
	free(im->impact);
	free(im->note);
	free(im->link);
	free(im->id);
	free(im->zone);
	pm_buf_free(&im->words);
	memset(im, 0, sizeof(*im));
}

/* Would c at the start of a line (after blanks) begin a block? */
static int
line_starter(const char *s, size_t n)
{
	size_t i = 0;

	if (n == 0)
		return 0;
	if (strchr("#>-+*=|~`", s[0]) != NULL)
		return 1;
	while (i < n && i < 9 && s[i] >= '0' && s[i] <= '9')
		i++;
	return i > 0 && i < n && (s[i] == '.' || s[i] == ')');
}

/* The scheme of a URL at s with its colon ("https:", "mailto:"), as
 * pmc fmt's check of kept URLs reads one (fmt_words.c), or 0. */
static size_t
scheme(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && i < 33 && (isalnum((unsigned char)s[i]) ||
	                           s[i] == '+' || s[i] == '-' || s[i] == '.'))
		i++;
	if (i < 2 || i >= n || s[i] != ':' || !isalpha((unsigned char)s[0]))
		return 0;
	if (i + 2 < n && s[i + 1] == '/' && s[i + 2] == '/')
		return i + 3;
	return i == 6 && strncmp(s, "mailto", 6) == 0 ? i + 1 : 0;
}

/* The length of a bare URL at s, or 0: where pmc fmt's check ends one,
 * up to a blank, an angle bracket, a quote, an asterisk or a bracket it
 * did not open, less the punctuation that ends a sentence. */
static size_t
bare_url(const char *s, size_t n)
{
	size_t k = scheme(s, n), start = k;
	int depth = 0;

	if (k == 0)
		return 0;
	for (; k < n && s[k] != '\0' && strchr(" \t\n\r<>\"'`*", s[k]) == NULL;
	     k++) {
		if (s[k] == '(' || s[k] == '[')
			depth++;
		else if ((s[k] == ')' || s[k] == ']') && --depth < 0)
			break;
	}
	while (k > start && strchr("?!.,:;_~\\", s[k - 1]) != NULL)
		k--;
	return k > start ? k : 0;
}

/* Would s start an entity reference a link's destination decodes? */
static int
entity_like(const char *s, size_t n)
{
	size_t i = 1;

	while (i < n && i < 34 && (isalnum((unsigned char)s[i]) || s[i] == '#'))
		i++;
	return i > 1 && i < n && s[i] == ';';
}

void
pm_url_put(pm_buf *out, const char *u, size_t n, int dest)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (dest && u[i] == '&' && entity_like(u + i, n - i))
			pm_buf_puts(out, "%26"); /* not read as "&lt;" is */
		else if ((unsigned char)u[i] <= ' ' || u[i] == 0x7f ||
		    strchr("<>()[]\\`\"'*", u[i]) != NULL)
			pm_buf_printf(out, "%%%02X", (unsigned char)u[i]);
		else
			pm_buf_putc(out, u[i]);
}

/* Where a bare URL starts at s[i]: its length, or 0. */
static size_t
url_at(const char *s, size_t n, size_t i)
{
	if (!isalpha((unsigned char)s[i]) ||
	    (i > 0 && (isalnum((unsigned char)s[i - 1]) ||
	               strchr("+-.", s[i - 1]) != NULL)))
		return 0;
	return bare_url(s + i, n - i);
}

void
pm_words_put(pm_buf *words, const char *s, size_t n)
{
	size_t i, run = 0, u;

	for (i = 0; i < n; i++)
		if ((u = url_at(s, n, i)) != 0) {
			pm_buf_put(words, s + run, i - run);
			pm_buf_putc(words, ' ');
			pm_url_put(words, s + i, u, 0);
			pm_buf_putc(words, ' ');
			i += u - 1;
			run = i + 1;
		} else if (s[i] == '<') {
			/* the draft shows it as text, escaped: it opens no
			 * comment and no autolink ("<a@b|c>" is none) */
			pm_buf_put(words, s + run, i - run);
			pm_buf_puts(words, "\\<");
			run = i + 1;
		}
	pm_buf_put(words, s + run, n - run);
}

void
pm_md_inline(pm_buf *out, const char *s, size_t n, int *bol)
{
	size_t i, e, nl, u;

	for (i = 0; i < n; i++) {
		/* a URL GitHub would link anyway, as a link of its own: an
		 * escaped character right after a bare one reads differently
		 * to cmark-gfm's autolinker and to pmc fmt */
		if ((u = url_at(s, n, i)) != 0) {
			pm_buf_putc(out, '<');
			pm_url_put(out, s + i, u, 0);
			pm_buf_putc(out, '>');
			i += u - 1;
			*bol = 0;
			continue;
		}
		if (s[i] == '\n') {
			for (nl = 0, e = i; e < n && s[e] != '\0' &&
			                    strchr("\n \t\r", s[e]); e++)
				nl += s[e] == '\n';
			/* at a block's start a line break is no break */
			if (*bol != 2)
				pm_buf_puts(out, nl > 1 ? "\n\n" : "\\\n");
			i = e - 1;
			*bol = nl > 1 || *bol == 2 ? 2 : 1;
			continue;
		}
		if ((*bol && line_starter(s + i, n - i)) ||
		    strchr("\\`*_[]<>!&|~", s[i]) != NULL)
			pm_buf_putc(out, '\\');
		if (s[i] == '\t' || s[i] == '\r')
			pm_buf_putc(out, ' ');
		else if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			pm_buf_puts(out, "\xef\xbf\xbd"); /* U+FFFD: shown */
		else
			pm_buf_putc(out, s[i]);
		*bol = 0;
	}
}

/* One line of plain text, escaped, without its surrounding blanks. */
static void
plain_line(pm_buf *out, const char *s, size_t n)
{
	int bol = 2;

	while (n > 0 && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	pm_md_inline(out, s, n, &bol);
}

void
pm_md_plain(pm_buf *out, const char *s, size_t n)
{
	size_t i = 0, e, b, blanks = 0;
	int first = 1;

	while (i < n) {
		e = i;
		while (e < n && s[e] != '\n')
			e++;
		for (b = i; b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r');)
			b++;
		if (b == e) {
			blanks++;
		} else {
			if (!first)
				pm_buf_puts(out, blanks ? "\n\n" : "\\\n");
			plain_line(out, s + i, e - i);
			first = blanks = 0;
		}
		i = e + 1;
	}
}

/* ---- choices the draft makes ---- */

/* The language of the posts, by words each language uses most and no
 * other does (docs/choices.md, "pmc import"): Japanese by its scripts,
 * Norwegian by æøå and its small words, else English. */
static int
count_words(const char *s, const char *const *words)
{
	const char *p = s;
	size_t n, k;
	int count = 0;

	while (*p) {
		while (*p && !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
			p++;
		n = 0;
		while ((p[n] >= 'a' && p[n] <= 'z') || (p[n] >= 'A' && p[n] <= 'Z'))
			n++;
		for (k = 0; n > 0 && words[k]; k++)
			if (word_eq(p, n, words[k]))
				count++;
		p += n;
	}
	return count;
}

static const char *
guess_lang(const pm_import *im)
{
	static const char *const nb[] = {"og", "ikke", "er", "vi", "har", "til",
	                                 "med", "det", "av", "som", "fra",
	                                 "kl", "på", "går", "oppstod", NULL};
	static const char *const en[] = {"the", "and", "is", "we", "are",
	                                 "to", "of", "this", "with", "has",
	                                 "from", "issue", "been", NULL};
	const char *s = pm_buf_cstr((pm_buf *)&im->words);
	size_t i = 0, len = im->words.len, kana = 0, nordic = 0;
	int32_t cp;

	while (i < len) {
		i += pm_utf8_decode(s + i, len - i, &cp);
		if ((cp >= 0x3040 && cp <= 0x30ff) || (cp >= 0x4e00 && cp <= 0x9fff))
			kana++;
		else if (cp == 0xe6 || cp == 0xf8 || cp == 0xe5 || cp == 0xc6 ||
		         cp == 0xd8 || cp == 0xc5)
			nordic++;
	}
	if (kana * 4 > len / 3 && kana > 0)
		return "ja";
	if (count_words(s, nb) + (int)nordic > count_words(s, en))
		return "nb";
	return "en";
}

/* The zone the draft's times are written in: the language's home zone,
 * else the zone the input names, else the first post's offset, whichever
 * gives every post the offset it was written in; UTC when none does.
 * Posts without an offset (chat messages) fit any zone. */
static int
zone_fits(const char *name, const pm_import *im)
{
	pm_tz *tz = pm_tz_load(name);
	size_t k;
	int ok = tz != NULL;

	for (k = 0; ok && k < im->nposts; k++)
		if (im->posts[k].has_offset &&
		    pm_tz_offset(tz, im->posts[k].t) != im->posts[k].offset)
			ok = 0;
	pm_tz_free(tz);
	return ok;
}

static void
offset_name(char *buf, size_t n, int offset)
{
	int a = offset < 0 ? -offset : offset;

	snprintf(buf, n, "%c%02d:%02d", offset < 0 ? '-' : '+', a / 3600,
	         a / 60 % 60);
}

static char *
pick_zone(const pm_import *im, const char *lang)
{
	static const char *const homes[][2] = {{"nb", "Europe/Oslo"},
	                                       {"ja", "Asia/Tokyo"}};
	char off[16];
	size_t k;

	for (k = 0; k < im->nposts && !im->posts[k].has_offset; k++)
		;
	/* a chat's times carry no offset: the zone its people are in */
	if (k == im->nposts && im->zone != NULL && zone_fits(im->zone, im))
		return pm_xstrdup(im->zone);
	for (k = 0; k < sizeof(homes) / sizeof(homes[0]); k++)
		if (strcmp(lang, homes[k][0]) == 0 && zone_fits(homes[k][1], im))
			return pm_xstrdup(homes[k][1]);
	if (im->zone != NULL && zone_fits(im->zone, im))
		return pm_xstrdup(im->zone);
	for (k = 0; k < im->nposts; k++)
		if (im->posts[k].has_offset)
			break;
	if (k < im->nposts && im->posts[k].offset != 0) {
		offset_name(off, sizeof(off), im->posts[k].offset);
		if (zone_fits(off, im))
			return pm_xstrdup(off);
	}
	return pm_xstrdup("UTC");
}

/* ---- times ---- */

typedef struct wall {
	int y, mo, d, h, mi, s;
} wall;

static wall
wall_clock(const pm_tz *tz, pm_time t)
{
	wall w;
	int64_t local = t + pm_tz_offset(tz, t), days, secs;

	days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
	secs = local - days * 86400;
	pm_civil_from_days(days, &w.y, &w.mo, &w.d);
	w.h = (int)(secs / 3600);
	w.mi = (int)(secs / 60 % 60);
	w.s = (int)(secs % 60);
	return w;
}

static void
put_stamp(pm_buf *out, const wall *w, int date)
{
	if (date)
		pm_buf_printf(out, "%04d-%02d-%02d ", w->y, w->mo, w->d);
	pm_buf_printf(out, "%02d:%02d", w->h, w->mi);
	if (w->s != 0)
		pm_buf_printf(out, ":%02d", w->s);
}

/* ---- a time the text gives: "problemet oppstod kl 10.27" ---- */

/* Reads H[H][.:]MM at s; returns the minutes after midnight, or -1. */
static int
clock_at(const char *s, size_t *used)
{
	size_t i = 0;
	int h = 0, m;

	while (i < 2 && s[i] >= '0' && s[i] <= '9')
		h = h * 10 + (s[i++] - '0');
	if (i == 0 || (s[i] != '.' && s[i] != ':') || !(s[i + 1] >= '0' &&
	    s[i + 1] <= '9') || !(s[i + 2] >= '0' && s[i + 2] <= '9'))
		return -1;
	m = (s[i + 1] - '0') * 10 + (s[i + 2] - '0');
	if (h > 23 || m > 59 || (s[i + 3] >= '0' && s[i + 3] <= '9'))
		return -1;
	*used = i + 3;
	return h * 60 + m;
}

/* The clock time after one of the phrases in text (case-insensitive,
 * "kl"/"kl."/"at" allowed between), in minutes; -1 when none. */
static int
phrase_time(const char *text, const char *const *phrases)
{
	const char *p, *q;
	size_t k, n, used;
	int min;

	for (p = text; *p; p++)
		for (k = 0; phrases[k]; k++) {
			n = strlen(phrases[k]);
			if (!word_eq(p, n, phrases[k]) ||
			    (p > text && ((p[-1] | 0x20) >= 'a' && (p[-1] | 0x20) <= 'z')))
				continue;
			q = p + n;
			while (*q == ' ')
				q++;
			if (strncmp(q, "kl.", 3) == 0)
				q += 3;
			else if (strncmp(q, "kl", 2) == 0 || strncmp(q, "at", 2) == 0)
				q += 2;
			while (*q == ' ')
				q++;
			if ((min = clock_at(q, &used)) >= 0)
				return min;
		}
	return -1;
}

/* The instant on p's day (in tz) at min minutes after midnight, when it
 * is no later than p; -1 else. */
static pm_time
same_day(const pm_tz *tz, const pm_post *p, int min)
{
	wall w = wall_clock(tz, p->t);
	pm_time t;

	if (min < 0 || pm_tz_from_local(tz, w.y, w.mo, w.d, min / 60, min % 60,
	                                0, &t) != PM_LOCAL_OK || t > p->t)
		return -1;
	return t;
}

static const char *const began_words[] = {
    "oppstod", "problemet oppstod", "startet", "begynte", "began at",
    "started at", "began", "started", "beginning at", "starting at", NULL};
static const char *const since_words[] = {"fra", "from", "since", "as of",
                                          "siden", NULL};

/* ---- the draft ---- */

typedef struct draft {
	const pm_import *im;
	const char *lang;
	pm_tz *tz;
	char *zone;
	const pm_labels *labels;
	size_t *order;          /* posts in time order */
	const char **kinds;     /* each post's event kind, by order */
	long detected, mitigated, resolved; /* indices into order, or -1 */
	pm_time started, mitigated_at;
	long started_from, mitigated_from; /* the post that gave the time */
	const pm_policy *pol;
} draft;

static const pm_import *sort_im;

static int
by_time(const void *a, const void *b)
{
	const pm_post *p = &sort_im->posts[*(const size_t *)a];
	const pm_post *q = &sort_im->posts[*(const size_t *)b];

	if (p->t != q->t)
		return p->t < q->t ? -1 : 1;
	return p->seq < q->seq ? -1 : p->seq > q->seq;
}

static const pm_post *
post(const draft *d, long k)
{
	return &d->im->posts[d->order[k]];
}

/* The milestones the status words mark: the first post is the
 * detection, the first Monitoring the mitigation, the last Resolved the
 * resolution; the text may give earlier times for the start and the
 * mitigation. */
static void
milestones(draft *d)
{
	long n = (long)d->im->nposts, k;
	int min;

	d->detected = n > 0 ? 0 : -1;
	d->mitigated = d->resolved = -1;
	for (k = 0; k < n; k++) {
		if (post(d, k)->status == PM_POST_MONITORING && d->mitigated < 0)
			d->mitigated = k;
		if (post(d, k)->status == PM_POST_RESOLVED)
			d->resolved = k;
	}
	if (d->mitigated > d->resolved && d->resolved >= 0)
		d->mitigated = -1;
	d->started = d->mitigated_at = -1;
	d->started_from = d->mitigated_from = -1;
	for (k = 0; k < n && d->started < 0; k++) {
		min = phrase_time(post(d, k)->body, began_words);
		if ((d->started = same_day(d->tz, post(d, k), min)) >= 0 &&
		    d->started < post(d, 0)->t)
			d->started_from = k;
		else
			d->started = -1;
	}
	if (d->started < 0 && d->im->has_started && n > 0 &&
	    d->im->started < post(d, 0)->t)
		d->started = d->im->started; /* started_from stays -1 */
	if (d->mitigated > 0) {
		const pm_post *m = post(d, d->mitigated);
		pm_time t = same_day(d->tz, m, phrase_time(m->body, since_words));
		if (t >= 0 && t > post(d, 0)->t && t < m->t &&
		    (d->mitigated == 0 || t >= post(d, d->mitigated - 1)->t)) {
			d->mitigated_at = t;
			d->mitigated_from = d->mitigated;
		}
	}
}

static void
kinds(draft *d)
{
	long k;

	for (k = 0; k < (long)d->im->nposts; k++)
		d->kinds[k] = "update";
	if (d->detected >= 0)
		d->kinds[d->detected] = "detected";
	if (d->mitigated >= 0 && d->mitigated_from < 0)
		d->kinds[d->mitigated] = "mitigated";
	if (d->resolved >= 0)
		d->kinds[d->resolved] = "resolved";
}

/* A YAML double-quoted scalar. */
static void
yaml_string(pm_buf *out, const char *s)
{
	pm_buf_putc(out, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			pm_buf_putc(out, '\\');
		if (*s == '\n' || *s == '\r' || *s == '\t')
			pm_buf_putc(out, ' ');
		else if ((unsigned char)*s < 0x20 || *s == 0x7f)
			pm_buf_putc(out, ' '); /* no word: a title has no use */
		else
			pm_buf_putc(out, *s);
	}
	pm_buf_putc(out, '"');
}

static void
fm_time(pm_buf *out, const draft *d, const char *key, pm_time t,
        const char *why)
{
	wall w = wall_clock(d->tz, t);

	pm_buf_printf(out, "%s: ", key);
	put_stamp(out, &w, 1);
	if (why != NULL)
		pm_buf_printf(out, "  # %s", why);
	pm_buf_putc(out, '\n');
}

/* The severity: the impact a status page gives, as the policy's level
 * of that name, else its level of that rank; else a placeholder. */
static void
fm_severity(pm_buf *out, const draft *d)
{
	static const char *const impacts[] = {"critical", "major", "minor",
	                                      "none", NULL};
	static const char *const sevs[] = {"SEV1", "SEV2", "SEV3", "SEV4"};
	const char *impact = d->im->impact;
	int rank = impact ? pm_name_find(impacts, 0, impact) : -1;
	int named = impact && d->pol->levels ? pm_policy_level(d->pol, impact)
	                                     : -1;
	size_t k;

	pm_buf_puts(out, "severity: ");
	if (named >= 0) {
		yaml_string(out, d->pol->levels[named].name);
	} else if (rank >= 0 && d->pol->levels == NULL) {
		pm_buf_puts(out, sevs[rank]);
	} else if (rank >= 0 && (size_t)rank < d->pol->nlevels) {
		for (k = 0; k < d->pol->nlevels; k++)
			if (pm_policy_rank(d->pol, d->pol->levels[k].name) == rank)
				break;
		yaml_string(out, d->pol->levels[k < d->pol->nlevels ? k : 0].name);
	} else {
		pm_buf_puts(out, "TODO  # ");
		if (d->pol->levels == NULL)
			pm_buf_puts(out, "SEV1-SEV5 or P0-P4");
		for (k = 0; d->pol->levels && k < d->pol->nlevels; k++)
			pm_buf_printf(out, "%s%s", k ? ", " : "",
			              d->pol->levels[k].name);
	}
	pm_buf_putc(out, '\n');
}

static void
why_from(pm_buf *b, const draft *d, const char *what, long k)
{
	wall w = wall_clock(d->tz, post(d, k)->t);

	b->len = 0;
	pm_buf_printf(b, "%s ", what);
	put_stamp(b, &w, 1);
}

static void
front_matter(pm_buf *out, const draft *d)
{
	const pm_import *im = d->im;
	pm_buf why = {0};
	size_t k;

	pm_buf_puts(out, "---\ntitle: ");
	yaml_string(out, im->title && *im->title ? im->title : "TODO");
	pm_buf_puts(out, "\nstatus: draft\n");
	fm_severity(out, d);
	pm_buf_printf(out, "lang: %s\ntimezone: %s\n", d->lang, d->zone);
	if (im->owner != NULL) {
		pm_buf_puts(out, "owner: ");
		yaml_string(out, im->owner);
		pm_buf_putc(out, '\n');
	}
	if (im->nservices > 0)
		pm_buf_puts(out, "services:\n");
	for (k = 0; k < im->nservices; k++) {
		pm_buf_puts(out, "  - ");
		yaml_string(out, im->services[k]);
		pm_buf_putc(out, '\n');
	}
	if (d->started >= 0 && d->started_from < 0) {
		fm_time(out, d, "started", d->started,
		        "as the incident's started_at says");
	} else if (d->started >= 0) {
		why_from(&why, d, "as the post of", d->started_from);
		pm_buf_puts(&why, " says");
		fm_time(out, d, "started", d->started, pm_buf_cstr(&why));
	} else if (d->detected >= 0) {
		fm_time(out, d, "started", post(d, 0)->t,
		        "the first post; the impact may have begun earlier");
	}
	if (d->detected >= 0)
		fm_time(out, d, "detected", post(d, 0)->t, NULL);
	if (d->mitigated_from >= 0) {
		why_from(&why, d, "as the Monitoring post of", d->mitigated_from);
		pm_buf_puts(&why, " says");
		fm_time(out, d, "mitigated", d->mitigated_at, pm_buf_cstr(&why));
	} else if (d->mitigated >= 0) {
		fm_time(out, d, "mitigated", post(d, d->mitigated)->t, NULL);
	}
	if (d->resolved >= 0)
		fm_time(out, d, "resolved", post(d, d->resolved)->t, NULL);
	pm_buf_puts(out, "---\n");
	pm_buf_free(&why);
}

/* Every line of body after the first indented under the list item. */
static void
indented(pm_buf *out, const char *body)
{
	const char *p;

	for (p = body; *p; p++) {
		pm_buf_putc(out, *p);
		if (*p == '\n' && p[1] != '\n' && p[1] != '\0')
			pm_buf_puts(out, "  ");
	}
}

static void
event(pm_buf *out, const draft *d, pm_time t, const char *kind,
      wall *last, int *any)
{
	wall w = wall_clock(d->tz, t);

	pm_buf_puts(out, "- ");
	put_stamp(out, &w, !*any || w.y != last->y || w.mo != last->mo ||
	                       w.d != last->d);
	pm_buf_printf(out, " — [%s] ", kind);
	*last = w;
	*any = 1;
}

/* A milestone the text gave, as an event of its own. */
static void
noted_event(pm_buf *out, const draft *d, pm_time t, const char *kind,
            long from, wall *last, int *any)
{
	wall w = wall_clock(d->tz, post(d, from)->t);
	char key[40];

	event(out, d, t, kind, last, any);
	snprintf(key, sizeof(key), "import.%s", kind);
	pm_buf_printf(out, "%s (%s ", pm_label(d->labels, key),
	              pm_label(d->labels, "import.per-post"));
	put_stamp(out, &w, 0);
	pm_buf_puts(out, ")\n");
}

static void
timeline(pm_buf *out, const draft *d)
{
	wall last = {0};
	int any = 0;
	long k;
	const pm_post *p;

	for (k = 0; k < (long)d->im->nposts; k++) {
		p = post(d, k);
		if (d->started_from >= 0 && k == 0)
			noted_event(out, d, d->started, "started",
			            d->started_from, &last, &any);
		if (k == d->mitigated && d->mitigated_from >= 0)
			noted_event(out, d, d->mitigated_at, "mitigated",
			            d->mitigated_from, &last, &any);
		event(out, d, p->t, d->kinds[k], &last, &any);
		if (p->word != NULL) {
			int bol = 0;
			pm_buf_puts(out, "**");
			pm_md_inline(out, p->word, strlen(p->word), &bol);
			pm_buf_puts(out, ":** ");
		}
		if (p->author != NULL)
			pm_buf_printf(out, "%s: ", p->author);
		indented(out, p->body);
		pm_buf_puts(out, "\n");
	}
	if (d->im->nposts == 0)
		pm_buf_puts(out, "- YYYY-MM-DD HH:MM — [started] TODO\n");
}

static void
summary(pm_buf *out, const draft *d)
{
	if (d->im->note != NULL)
		pm_buf_printf(out, "%s\n", d->im->note);
	int bol = 2;

	if (d->im->link != NULL) {
		pm_buf_puts(out, d->im->note ? "\n" : "");
		pm_md_inline(out, d->im->link, strlen(d->im->link), &bol);
		pm_buf_putc(out, '\n');
	}
}

/* A line of the scaffold. Its date placeholders become TODO: for pmc
 * new an unfilled date is an error that must not be missed, but the
 * draft must check without one, and TODO is still flagged. */
static void
scaffold_line(pm_buf *out, const char *s, size_t n)
{
	const char *p, *end = s + n;

	while ((p = strstr(s, "YYYY-MM-DD")) != NULL && p < end) {
		pm_buf_put(out, s, (size_t)(p - s));
		pm_buf_puts(out, "TODO");
		s = p + 10;
	}
	pm_buf_put(out, s, (size_t)(end - s));
}

/* The scaffold's body (after its front matter), its summary and
 * timeline sections replaced: the sections are found by the headings
 * the labels give them in the scaffold's language. */
static int
body(pm_buf *out, const draft *d, const char *scaffold)
{
	const char *sum = pm_label(d->labels, "section.summary");
	const char *tl = pm_label(d->labels, "section.timeline");
	const char *p = strstr(scaffold, "\n---\n"), *e, *h;
	int skip = 0;

	if (p == NULL)
		return -1;
	for (p += 5; *p; p = e) {
		e = strchr(p, '\n');
		e = e ? e + 1 : p + strlen(p);
		if (strncmp(p, "## ", 3) == 0) {
			h = p + 3;
			skip = 0;
			pm_buf_put(out, p, (size_t)(e - p));
			if ((size_t)(e - h - 1) == strlen(sum) &&
			    strncmp(h, sum, strlen(sum)) == 0 &&
			    (d->im->note || d->im->link)) {
				pm_buf_putc(out, '\n');
				summary(out, d);
				skip = 1;
			} else if ((size_t)(e - h - 1) == strlen(tl) &&
			           strncmp(h, tl, strlen(tl)) == 0) {
				pm_buf_putc(out, '\n');
				timeline(out, d);
				skip = 1;
			}
			if (skip)
				pm_buf_putc(out, '\n');
		} else if (!skip) {
			scaffold_line(out, p, (size_t)(e - p));
		}
	}
	return 0;
}

/* The scaffold of the language's family (templates/new/), or NULL
 * after reporting why it cannot be read. */
static char *
read_scaffold(const char *lang, pm_src *src)
{
	const char *dir = pm_template_dir(), *family = pm_lang_family(lang);
	char *path = pm_xmalloc(strlen(dir) + strlen(family) + 16), *text = NULL;
	char msg[600];
	FILE *f;
	size_t len;

	sprintf(path, "%s/new/%s.md", dir, family);
	if ((f = fopen(path, "rb")) != NULL) {
		text = pm_read_all(f, &len);
		fclose(f);
	}
	if (text == NULL) {
		snprintf(msg, sizeof(msg), "%s: %s", path, strerror(errno));
		pm_report(src, PM_R_TEMPLATE, (pm_loc){0, 0, 1}, msg);
	}
	free(path);
	return text;
}

/* What pm_fmt finds in the draft: its errors are import's own fault
 * (a draft pmc cannot read), its warnings the placeholders the scaffold
 * leaves, which pmc check shows the writer. */
typedef struct fmt_sink {
	pm_src *src;
	int errors;
} fmt_sink;

static void
on_fmt(const pm_diag *dg, void *arg)
{
	fmt_sink *s = arg;

	if (dg->severity != PM_ERROR)
		return;
	s->errors++;
	pm_report(s->src, PM_R_IMPORT_DRAFT, (pm_loc){0, 0, 1}, dg->line,
	          dg->message);
}

static int
finish(const draft *d, const pm_import_opts *io, const pm_options *opts,
       const pm_buf *md, pm_src *src, pm_buf *out)
{
	fmt_sink sink;
	pm_options o = *opts;
	pm_buf lost = {0};
	size_t start = out->len;
	int rc = -1;

	sink.src = src;
	sink.errors = 0;
	o.diag = on_fmt;
	o.diag_arg = &sink;
	o.policy = io->policy;
	if (pm_fmt("draft.md", md->data, md->len, &o, out) < 0 || sink.errors) {
		if (sink.errors == 0)
			pm_report(src, PM_R_IMPORT_DRAFT, (pm_loc){0, 0, 1}, 0,
			          "pmc fmt refused it");
	} else if (pm_fmt_lost(d->im->words.data, d->im->words.len,
	                       out->data + start, out->len - start, NULL, 0,
	                       &lost) >= 0) {
		pm_report(src, PM_R_IMPORT_LOST, (pm_loc){0, 0, 1},
		          pm_buf_cstr(&lost));
	} else {
		rc = 0;
	}
	if (rc < 0)
		out->len = start;
	pm_buf_free(&lost);
	return rc;
}

static pm_policy *
policy(const pm_import_opts *io, const pm_options *opts)
{
	pm_policy *pol = NULL;
	int errors = 0, warnings = 0;

	if (io->policy != NULL)
		pol = pm_policy_get(io->policy, opts->diag, opts->diag_arg,
		                    &errors, &warnings);
	return pol != NULL ? pol : pm_policy_default();
}

int
pm_import_draft(const pm_import *im, const pm_import_opts *io,
                const pm_options *opts, pm_buf *out)
{
	draft d;
	pm_buf md = {0};
	char *scaffold = NULL;
	pm_policy *pol = policy(io, opts);
	pm_src src;
	size_t k;
	int rc = -1;

	pm_src_init(&src, io->name, "", 0, opts->diag, opts->diag_arg);
	memset(&d, 0, sizeof(d));
	d.im = im;
	d.pol = pol;
	d.lang = io->lang ? io->lang : guess_lang(im);
	d.zone = pick_zone(im, d.lang);
	d.tz = pm_tz_load(d.zone);
	d.labels = pm_labels_get(NULL, d.lang, NULL);
	d.order = pm_xcalloc(im->nposts + 1, sizeof(*d.order));
	d.kinds = pm_xcalloc(im->nposts + 1, sizeof(*d.kinds));
	for (k = 0; k < im->nposts; k++)
		d.order[k] = k;
	sort_im = im;
	qsort(d.order, im->nposts, sizeof(*d.order), by_time);
	milestones(&d);
	kinds(&d);
	/* the zone is one pm_tz_load() read; labels fall back to English */
	if (d.tz == NULL || d.labels == NULL ||
	    (scaffold = read_scaffold(d.lang, &src)) == NULL)
		goto out;
	front_matter(&md, &d);
	if (body(&md, &d, scaffold) == 0)
		rc = finish(&d, io, opts, &md, &src, out);
out:
	pm_src_flush(&src);
	pm_src_free(&src);
	free(scaffold);
	free(d.order);
	free(d.kinds);
	free(d.zone);
	pm_tz_free(d.tz);
	pm_policy_free(pol);
	pm_buf_free(&md);
	return rc;
}

const char *
pm_import_sniff(const char *bytes, size_t len)
{
	size_t i = 0;

	if (len >= 3 && memcmp(bytes, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < len && strchr(" \t\r\n", bytes[i]) != NULL)
		i++;
	/* JSON: Statuspage's is the only one import reads from a file */
	return i < len && (bytes[i] == '{' || bytes[i] == '[') ? "statuspage"
	                                                       : "text";
}
