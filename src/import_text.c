/* import_text.c: a status page copied as text (a browser's "select all,
 * copy"), in either of the two forms a Statuspage page shows an incident
 * in. The incident's own page: a title, perhaps a postmortem note, the
 * updates newest first, each a status word, its text and a "Posted Jan
 * 08, 2024 - 10:35 CET" line, and "This incident affected: ..." at the
 * end. The page's list of past incidents: a day heading ("Mar 14,
 * 2024"), the title, and the updates newest first, each "Resolved -
 * its text" and then its time without the year ("Mar 14, 10:12 PDT"),
 * which the day heading above gives. */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "import.h"
#include "utf8.h"

/* One line of the input, without its line ending. */
typedef struct line {
	const char *s;
	size_t n;
	int no;
} line;

typedef struct reader {
	pm_src *src;
	pm_import *im;
	line *lines;
	size_t nlines;
	int blocks;   /* blocks read so far */
	int list;     /* the list form: posts "Resolved - text" */
	int several;  /* a second incident was found (and reported) */
	/* the last day heading read, which gives a time without a year
	 * its year */
	int has_day, day_y, day_m, day_d;
} reader;

static int
blank(const line *l)
{
	size_t i = 0;

	while (i < l->n && (l->s[i] == ' ' || l->s[i] == '\t' || l->s[i] == '\r'))
		i++;
	return i == l->n;
}

/* l without its surrounding blanks. */
static line
trimmed(const line *l)
{
	line t = *l;

	while (t.n > 0 && (*t.s == ' ' || *t.s == '\t'))
		t.s++, t.n--;
	while (t.n > 0 && (t.s[t.n - 1] == ' ' || t.s[t.n - 1] == '\t' ||
	                   t.s[t.n - 1] == '\r'))
		t.n--;
	return t;
}

static int
starts(const line *l, const char *w)
{
	line t = trimmed(l);
	size_t n = strlen(w), i;

	if (t.n < n)
		return 0;
	for (i = 0; i < n; i++)
		if ((t.s[i] | 0x20) != (w[i] | 0x20))
			return 0;
	return 1;
}

/* A post's head: its status word alone on the line (the incident's
 * page), or followed by a dash and the post's first words ("Resolved -
 * This incident has been resolved.", the list of past incidents). The
 * status, the word into *word and the words after the dash into *rest
 * (NULL: none). */
static pm_post_status
head_of(const line *l, line *word, const char **rest)
{
	line t = trimmed(l), w;
	pm_post_status st;
	size_t i, dash;

	*rest = NULL;
	*word = t;
	if (t.n == 0)
		return PM_POST_UNKNOWN;
	if ((st = pm_post_status_word(t.s, t.n)) != PM_POST_UNKNOWN)
		return st;
	/* a status word is one or two words: the dash comes early */
	for (i = 1; i + 2 < t.n && i < 32; i++) {
		if (t.s[i] != ' ')
			continue;
		if (t.s[i + 1] == '-')
			dash = 1;
		else if (i + 3 < t.n && (unsigned char)t.s[i + 1] == 0xe2 &&
		         (unsigned char)t.s[i + 2] == 0x80 &&
		         ((unsigned char)t.s[i + 3] == 0x93 ||
		          (unsigned char)t.s[i + 3] == 0x94))
			dash = 3; /* an en or em dash */
		else
			continue;
		if (i + 1 + dash >= t.n || t.s[i + 1 + dash] != ' ')
			continue;
		w.s = t.s;
		w.n = i;
		if ((st = pm_post_status_word(w.s, w.n)) == PM_POST_UNKNOWN)
			return PM_POST_UNKNOWN;
		*word = w;
		*rest = t.s + i + 1 + dash;
		while (**rest == ' ')
			(*rest)++;
		return st;
	}
	return PM_POST_UNKNOWN;
}

/* head_of() in the input's form: "Resolved - text" is a head in the
 * list form only, so that a line of an incident page's post that starts
 * so ("Update - the fix is rolling out") stays that post's text. */
static pm_post_status
head_in(const reader *r, const line *l, line *word, const char **rest)
{
	pm_post_status st = head_of(l, word, rest);

	if (*rest != NULL && !r->list) {
		*word = trimmed(l);
		*rest = NULL;
		return PM_POST_UNKNOWN;
	}
	return st;
}

static pm_post_status
status_of(const reader *r, const line *l)
{
	line w;
	const char *rest;

	return head_in(r, l, &w, &rest);
}

/* A day heading alone on its line ("Mar 14, 2024"), as the list of past
 * incidents heads each day; its day into *y, *m, *d. */
static int
day_heading(const line *l, int *y, int *m, int *d)
{
	line t = trimmed(l);
	size_t used;

	return t.n > 0 &&
	       pm_date_words(t.s, t.n, y, m, d, &used) == PM_STAMP_OK &&
	       used == t.n;
}

/* In the list form, a line of the page's own, not of the incident: a
 * blank, a day heading (read for its year), the list's heading, and a
 * day without incidents. */
static int
chrome(const line *l)
{
	line t = trimmed(l);
	int y, m, d;

	return t.n == 0 || day_heading(l, &y, &m, &d) ||
	       (t.n == 14 && starts(l, "past incidents")) ||
	       starts(l, "no incidents reported");
}

/* lines[*from..*to) without the page's lines at either end (the list
 * form; blanks only, else). */
static void
trim_chrome(const reader *r, size_t *from, size_t *to)
{
	while (*from < *to && (r->list ? chrome(&r->lines[*from])
	                               : blank(&r->lines[*from])))
		(*from)++;
	while (*to > *from && (r->list ? chrome(&r->lines[*to - 1])
	                               : blank(&r->lines[*to - 1])))
		(*to)--;
}

static void
split_lines(reader *r)
{
	const char *s = r->src->text, *e;
	size_t len = r->src->len, cap = 0;
	int no = 1;

	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		s += 3, len -= 3; /* a BOM */

	while (len > 0) {
		e = memchr(s, '\n', len);
		if (r->nlines == cap) {
			cap = cap ? cap * 2 : 64;
			r->lines = pm_xrealloc(r->lines, cap * sizeof(*r->lines));
		}
		r->lines[r->nlines].s = s;
		r->lines[r->nlines].n = e ? (size_t)(e - s) : len;
		r->lines[r->nlines++].no = no++;
		if (e == NULL)
			break;
		len -= (size_t)(e - s) + 1;
		s = e + 1;
	}
}

/* ---- "Posted Jan 08, 2024 - 10:35 CET" ---- */

static void
time_error(reader *r, const line *l, const char *at, size_t n,
           const char *msg)
{
	const char *end = l->s + l->n;
	pm_loc loc;

	/* the span stays on the line, whatever the parse left in n */
	if (at < l->s || at > end)
		at = l->s;
	if (n > (size_t)(end - at))
		n = (size_t)(end - at);
	loc = pm_src_loc(r->src, at, n);
	pm_report(r->src, PM_R_IMPORT_TIME, loc, msg);
}

/* Skips "Posted " and a relative "3 hours ago. "; the date follows. */
static const char *
posted_start(const line *l, int *posted)
{
	line t = trimmed(l);
	const char *s = t.s, *end = t.s + t.n, *p;

	*posted = starts(l, "posted ");
	if (*posted)
		s += 7;
	for (p = s; p + 5 <= end; p++)
		if (strncmp(p, "ago. ", 5) == 0 || strncmp(p, "ago, ", 5) == 0) {
			s = p + 5;
			break;
		}
	while (s < end && *s == ' ')
		s++;
	return s;
}

/* The zone after the time: its offset into st; -1 after reporting. */
static int
read_zone(reader *r, const line *l, pm_stamp *st, const char *s,
          size_t used, size_t n)
{
	const pm_zone_word *w;
	char msg[300];

	if (st->has_offset)
		return 0;
	if (st->zone_len == 0) {
		time_error(r, l, s + used < s + n ? s + used : s, n - used,
		           "the time has no zone after it (CET, UTC, +01:00); "
		           "pmc import does not guess one");
		return -1;
	}
	if (pm_stamp_zone(st, s, NULL, msg, sizeof(msg)) < 0) {
		time_error(r, l, s + st->zone_at, st->zone_len, msg);
		return -1;
	}
	w = pm_zone_word_find(s + st->zone_at, st->zone_len, NULL);
	if (w != NULL && r->im->zone == NULL)
		r->im->zone = pm_xstrdup(w->zones);
	return 0;
}

/* The year of a day written without one (the list form): the year that
 * puts it nearest the day heading above it, which a list of past
 * incidents gives each day. -1 after reporting, when no heading is
 * above it. */
static int
year_of(reader *r, const line *l, const char *date, size_t n, int m, int d)
{
	int64_t head, dist, best = 0;
	int y, k, year = -1;

	if (!r->has_day) {
		time_error(r, l, date, n,
		           "the day has no year, and no day heading above it "
		           "('Mar 14, 2024') gives one; pmc import does not "
		           "guess it");
		return -1;
	}
	head = pm_days_from_civil(r->day_y, r->day_m, r->day_d);
	for (k = -1; k <= 1; k++) {
		y = r->day_y + k;
		if (d > pm_days_in_month(y, m))
			continue; /* Feb 29 */
		dist = pm_days_from_civil(y, m, d) - head;
		dist = dist < 0 ? -dist : dist;
		if (year < 0 || dist < best)
			year = y, best = dist;
	}
	if (year < 0)
		time_error(r, l, date, n,
		           "no year near the day heading above has this day");
	return year;
}

/* Whether l is a "Posted" line, or a post's time in the list form; its
 * instant into *t. A line that says "Posted" but cannot be read, or a
 * time whose year cannot be had, is reported and returns -1. */
static int
posted(reader *r, const line *l, pm_time *t, int *offset)
{
	int said, y, m, d, yearless = 0;
	line tl = trimmed(l);
	const char *s = posted_start(l, &said), *end = tl.s + tl.n;
	const char *date = s;
	size_t used, u2, bad, badlen;
	pm_stamp_status day = PM_STAMP_OK, time;
	pm_stamp st;

	if (pm_date_words(s, (size_t)(end - s), &y, &m, &d, &used) !=
	    PM_STAMP_OK) {
		/* the list form's "Mar 14, 10:12 PDT": then the time and its
		 * zone must be all the rest of the line, or it is prose; a
		 * day or a time that cannot be is said once that holds */
		day = pm_month_day_words(s, (size_t)(end - s), &m, &d, &used);
		yearless = day == PM_STAMP_OK || day == PM_STAMP_RANGE;
		if (!yearless && said)
			time_error(r, l, s, (size_t)(end - s),
			           "no date after 'Posted' (Jan 08, 2024)");
		if (!yearless)
			return said ? -1 : 0;
	}
	s += used;
	while (s < end && (*s == ' ' || *s == '-' || *s == ','))
		s++;
	if (s < end && (unsigned char)*s == 0xe2 && end - s >= 3)
		s += 3; /* an en or em dash */
	while (s < end && *s == ' ')
		s++;
	time = pm_stamp_parse(s, (size_t)(end - s),
	                      PM_STAMP_TIME_ONLY | PM_STAMP_WORDS |
	                          (yearless ? 0 : PM_STAMP_PREFIX),
	                      &st, &u2, &bad, &badlen);
	if (time == PM_STAMP_RANGE && yearless) {
		time_error(r, l, s + bad, badlen, "no such time of day");
		return -1;
	}
	if (time != PM_STAMP_OK) {
		if (!said)
			return 0;
		time_error(r, l, s, (size_t)(end - s),
		           "no time after the date (10:35 CET)");
		return -1;
	}
	if (day == PM_STAMP_RANGE) {
		time_error(r, l, date, used, "no such day in any year");
		return -1;
	}
	if (read_zone(r, l, &st, s, u2, (size_t)(end - s)) < 0)
		return -1;
	if (yearless && (y = year_of(r, l, date, used, m, d)) < 0)
		return -1;
	*t = pm_days_from_civil(y, m, d) * 86400 + st.hour * 3600 +
	     st.min * 60 + st.sec - st.offset;
	*offset = st.offset;
	return 1;
}

/* ---- blocks ---- */

static void
add_words(reader *r, const char *s, size_t n)
{
	pm_words_put(&r->im->words, s, n);
	pm_buf_putc(&r->im->words, '\n');
}

/* The text from s to the end of lines[last] as read, and as CommonMark
 * into md. */
static void
span_text(reader *r, const char *s, size_t last, pm_buf *md)
{
	size_t n = (size_t)(r->lines[last].s + r->lines[last].n - s);

	add_words(r, s, n);
	pm_md_plain(md, s, n);
}

/* The text of lines[from..to) as read, and as CommonMark into md. */
static void
text_of(reader *r, size_t from, size_t to, pm_buf *md)
{
	while (from < to && blank(&r->lines[from]))
		from++;
	while (to > from && blank(&r->lines[to - 1]))
		to--;
	if (from < to)
		span_text(r, r->lines[from].s, to - 1, md);
}

/* A post of lines[head..end): its head (a status word; a line that is
 * none is kept as the word of an [update], and reported) and its text,
 * which in the list form starts on the head's line. */
static void
add_post(reader *r, size_t head, size_t end, pm_time t, int offset,
         int timed)
{
	pm_post *p = pm_import_post(r->im);
	const char *rest;
	line w;
	pm_buf md = {0};

	p->status = head_in(r, &r->lines[head], &w, &rest);
	p->word = pm_xstrndup(w.s, w.n);
	add_words(r, w.s, w.n);
	if (rest != NULL) {
		/* rest is on the head's line and not blank */
		while (end > head + 1 && blank(&r->lines[end - 1]))
			end--;
		span_text(r, rest, end - 1, &md);
	} else
		text_of(r, head + 1, end, &md);
	p->body = md.data ? md.data : pm_xstrdup("");
	p->t = t;
	p->offset = offset;
	p->has_offset = 1;
	if (p->status == PM_POST_UNKNOWN)
		pm_report(r->src, PM_R_IMPORT_STATUS,
		          pm_src_loc(r->src, w.s, w.n), p->word);
	if (!timed)
		pm_report(r->src, PM_R_IMPORT_NO_TIME,
		          pm_src_loc(r->src, w.s, w.n), p->word);
}

/* The posts of lines[from..to), the last of which was posted at t: a
 * status word alone on a line inside starts another post, and the one
 * before it then had no "Posted" line; nor has the last unless timed. */
static void
posts(reader *r, size_t from, size_t to, pm_time t, int offset, int timed)
{
	size_t k, head;
	line l;

	trim_chrome(r, &from, &to);
	if (from == to || r->several)
		return;
	if (r->list && status_of(r, &r->lines[from]) == PM_POST_UNKNOWN) {
		/* the list form's next incident: its title, then its posts */
		l = trimmed(&r->lines[from]);
		pm_report(r->src, PM_R_IMPORT_SEVERAL,
		          pm_src_loc(r->src, l.s, l.n), (int)l.n, l.s);
		r->several = 1;
		return;
	}
	head = from;
	for (k = from + 1; k < to; k++)
		if (status_of(r, &r->lines[k]) != PM_POST_UNKNOWN) {
			add_post(r, head, k, 0, 0, 0);
			head = k;
		}
	add_post(r, head, to, t, offset, timed);
}

static void
append_note(reader *r, size_t from, size_t to, const line *when)
{
	pm_buf md = {0};

	if (r->im->note != NULL)
		pm_buf_printf(&md, "%s\n\n", r->im->note);
	text_of(r, from, to, &md);
	if (when != NULL) {
		pm_buf_puts(&md, "\n\n");
		text_of(r, (size_t)(when - r->lines), (size_t)(when - r->lines) + 1,
		        &md);
	}
	free(r->im->note);
	r->im->note = md.len ? pm_xstrdup(pm_buf_cstr(&md)) : NULL;
	pm_buf_free(&md);
}

/* The first block: the title, "Incident Report for ...", "Postmortem"
 * and the note under it, then perhaps the first post. */
static void
head_block(reader *r, size_t from, size_t to, const line *when, pm_time t,
           int offset)
{
	size_t k = from, post, end;
	line l;

	while (k < to && blank(&r->lines[k]))
		k++;
	for (post = k; post < to; post++)
		if (status_of(r, &r->lines[post]) != PM_POST_UNKNOWN)
			break;
	if (r->list) {
		/* the title is the line above the first post, under its day
		 * heading; what is above them both is the note */
		end = post;
		trim_chrome(r, &k, &end);
		if (k < end) {
			l = trimmed(&r->lines[--end]);
			r->im->title = pm_xstrndup(l.s, l.n);
			add_words(r, l.s, l.n);
			trim_chrome(r, &k, &end);
			append_note(r, k, end, NULL);
		}
		if (post < to)
			posts(r, post, to, t, offset, 1);
		return;
	}
	if (k < post) {
		l = trimmed(&r->lines[k++]);
		r->im->title = pm_xstrndup(l.s, l.n);
		add_words(r, l.s, l.n);
	}
	if (k < post && starts(&r->lines[k], "incident report for ")) {
		l = trimmed(&r->lines[k++]);
		r->im->owner = pm_xstrndup(l.s + 20, l.n - 20);
		add_words(r, l.s + 20, l.n - 20);
	}
	while (k < post && blank(&r->lines[k]))
		k++;
	if (k < post && trimmed(&r->lines[k]).n == 10 &&
	    starts(&r->lines[k], "postmortem"))
		k++;
	append_note(r, k, post, post == to ? when : NULL);
	if (post < to)
		posts(r, post, to, t, offset, 1);
}

/* "This incident affected: ID-porten (ID-porten, MinID) and Altinn.":
 * each group and the components in its parentheses, once each. */
static void
affected(reader *r, const line *l)
{
	line t = trimmed(l);
	const char *s = t.s + 23, *end = t.s + t.n, *p = s, *open = NULL;

	for (; p <= end; p++) {
		if (p < end && *p == '(' && open == NULL) {
			pm_import_service(r->im, s, (size_t)(p - s));
			open = p;
		} else if (p < end && *p == ')' && open != NULL) {
			const char *q = open + 1, *c;
			for (c = q; c <= p; c++)
				if (c == p || *c == ',') {
					pm_import_service(r->im, q, (size_t)(c - q));
					q = c + 1;
				}
			open = NULL;
			s = p + 1;
		} else if (open == NULL && (p == end || *p == ',' ||
		                            (end - p >= 5 && strncmp(p, " and ", 5) == 0))) {
			pm_import_service(r->im, s, (size_t)(p - s));
			s = p + (p < end && *p == ' ' ? 5 : 1);
			if (p < end && *p == ' ')
				p += 4;
		}
	}
}

/* What follows the last "Posted" line: the affected line, and any other
 * text, which is a post without a time when it starts with a status
 * word, else more of the note. */
static void
tail(reader *r, size_t from)
{
	size_t k, start = from, end;

	for (k = from; k <= r->nlines; k++) {
		if (k < r->nlines && !starts(&r->lines[k], "this incident affected:"))
			continue;
		end = k;
		trim_chrome(r, &start, &end);
		if (start < end && status_of(r, &r->lines[start]) != PM_POST_UNKNOWN)
			posts(r, start, end, 0, 0, 0);
		else if (start < end)
			append_note(r, start, end, NULL);
		if (k < r->nlines)
			affected(r, &r->lines[k]);
		start = k + 1;
	}
}

int
pm_import_text(pm_src *src, pm_import *im)
{
	reader r;
	size_t k, from = 0, bad;
	const char *nul, *rest;
	line w;
	pm_time t;
	int offset, got;

	memset(&r, 0, sizeof(r));
	r.src = src;
	r.im = im;
	if ((bad = pm_utf8_validate(src->text, src->len)) < src->len) {
		/* a draft is UTF-8, and no byte is dropped to make it so */
		pm_report(src, PM_R_UTF8, pm_src_loc(src, src->text + bad, 1),
		          (unsigned char)src->text[bad]);
		return -1;
	}
	if ((nul = memchr(src->text, '\0', src->len)) != NULL) {
		pm_report(src, PM_R_NUL, pm_src_loc(src, nul, 1));
		return -1;
	}
	split_lines(&r);
	/* the form is the first post's: "Resolved - text" is the list's */
	for (k = 0; k < r.nlines; k++)
		if (head_of(&r.lines[k], &w, &rest) != PM_POST_UNKNOWN) {
			r.list = rest != NULL;
			break;
		}
	for (k = 0; k < r.nlines; k++) {
		if (day_heading(&r.lines[k], &r.day_y, &r.day_m, &r.day_d)) {
			r.has_day = 1;
			continue;
		}
		if ((got = posted(&r, &r.lines[k], &t, &offset)) == 0)
			continue;
		if (got < 0)
			t = 0, offset = 0;
		if (r.blocks++ == 0)
			head_block(&r, from, k, &r.lines[k], t, offset);
		else
			posts(&r, from, k, t, offset, 1);
		from = k + 1;
	}
	tail(&r, from);
	if (im->nposts == 0 && src->errors == 0)
		pm_report(src, PM_R_IMPORT_EMPTY, (pm_loc){0, 0, 1},
		          ": no status word (Investigating, Update, Resolved) "
		          "over a 'Posted' line, nor a 'Resolved - text' post "
		          "over its time");
	free(r.lines);
	return src->errors > 0 ? -1 : 0;
}
