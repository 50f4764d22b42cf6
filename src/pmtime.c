/* pmtime.c: strict timestamps, proleptic Gregorian arithmetic, and time
 * zones read from TZif files without touching the process-wide TZ. */
#include <assert.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>

#include "alloc.h"
#include "pmtime.h"

#define DAY 86400
/* 400 Gregorian years, a whole number of weeks: the calendar repeats. */
#define ERA_SECS (INT64_C(146097) * DAY)
/* 0000-01-01T00:00:00 and 9999-12-31T23:59:59, the range we print. */
#define TIME_MIN INT64_C(-62167219200)
#define TIME_MAX INT64_C(253402300799)
/* RFC 8536 bounds on a UT offset, and on the time types of one file. */
#define UTOFF_MIN (-89999)
#define UTOFF_MAX 93599
#define MAXTYPES 256
/* Real zone files are a few KiB; the cap only stops a hostile path. */
#define MAXFILE (1 << 20)

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
is_alpha(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int
is_alnum(int c)
{
	return is_alpha(c) || is_digit(c);
}

/* ---- Civil dates ---- */

static int
is_leap(int y)
{
	return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

int
pm_days_in_month(int year, int month)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30,
	                             31, 31, 30, 31, 30, 31};

	if (month < 1 || month > 12)
		return 0;
	return days[month - 1] + (month == 2 && is_leap(year));
}

/* Howard Hinnant's days_from_civil: years start in March so that the leap
 * day is last, and 400-year eras make negative years need no special case. */
int64_t
pm_days_from_civil(int y, int m, int d)
{
	int64_t yy = (int64_t)y - (m <= 2);
	int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
	int64_t yoe = yy - era * 400;
	int64_t doy = (153 * (int64_t)(m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

void
pm_civil_from_days(int64_t days, int *y, int *m, int *d)
{
	int64_t z = days + 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;

	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int64_t
floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static int
weekday(int64_t days)
{
	/* 1970-01-01 was a Thursday; Sunday is 0 as in POSIX TZ rules. */
	int64_t w = (days + 4) % 7;

	return (int)(w < 0 ? w + 7 : w);
}

static pm_time
wall_seconds(int y, int mo, int d, int h, int mi, int s)
{
	return pm_days_from_civil(y, mo, d) * DAY + (int64_t)h * 3600 +
	       (int64_t)mi * 60 + s;
}

/* ---- Timestamps as written ---- */

enum { F_YEAR, F_MON, F_DAY, F_HOUR, F_MIN, F_SEC, F_OFFH, F_OFFM, F__N };

/* What zone_here() found: nothing, garbage, a zone, or a zone in one of
 * the forms that cannot be the start of prose (Z, ±HH:MM). */
enum { Z_NONE, Z_BAD, Z_LOOSE, Z_STRICT };

/* A parse in progress. Each field remembers where it was written, so that
 * a range error can point at it. */
struct sp {
	const char *s;
	size_t len, pos;
	unsigned flags;
	int v[F__N];
	size_t at[F__N], n[F__N];
	int has_date, has_sec, sign;
	int meridiem, meridiem_bad; /* a 12-hour clock; its hour not 1-12 */
	size_t zone_at, zone_len;   /* a zone word left to pm_stamp_zone */
};

static int
cur(const struct sp *p, size_t ahead)
{
	if (ahead >= p->len - p->pos)
		return -1;
	return (unsigned char)p->s[p->pos + ahead];
}

static int
lit(struct sp *p, int c)
{
	if (cur(p, 0) != c)
		return 0;
	p->pos++;
	return 1;
}

static void
skip_blanks(struct sp *p)
{
	while (cur(p, 0) == ' ' || cur(p, 0) == '\t')
		p->pos++;
}

/* p reads s[0..len) from its first non-blank. */
static void
sp_start(struct sp *p, const char *s, size_t len)
{
	memset(p, 0, sizeof(*p));
	p->s = s;
	p->len = len;
	skip_blanks(p);
}

/* Reads min..max digits into field f. On failure pos is left on the byte
 * that does not fit. */
static int
field(struct sp *p, int f, size_t min, size_t max)
{
	size_t k = 0;
	int v = 0;

	while (k < max && is_digit(cur(p, k)))
		v = v * 10 + (cur(p, k++) - '0');
	if (k < min) {
		p->pos += k;
		return 0;
	}
	p->v[f] = v;
	p->at[f] = p->pos;
	p->n[f] = k;
	p->pos += k;
	return 1;
}

static int
parse_date(struct sp *p)
{
	return field(p, F_YEAR, 4, 4) && lit(p, '-') &&
	       field(p, F_MON, 2, 2) && lit(p, '-') && field(p, F_DAY, 2, 2);
}

/* "PM", " pm", "p.m." after a clock: a 12-hour time. The word must end
 * there: "2:35 amber alert" is not a.m. */
static void
meridiem(struct sp *p)
{
	size_t k = cur(p, 0) == ' ' ? 1 : 0;
	int c = cur(p, k), h = p->v[F_HOUR];

	if (c != 'a' && c != 'A' && c != 'p' && c != 'P')
		return;
	k += cur(p, k + 1) == '.' ? 2 : 1;
	if (cur(p, k) != 'm' && cur(p, k) != 'M')
		return;
	k += cur(p, k + 1) == '.' ? 2 : 1;
	if (is_alnum(cur(p, k)))
		return;
	p->meridiem = 1;
	if (h < 1 || h > 12)
		p->meridiem_bad = 1;
	else
		p->v[F_HOUR] = h % 12 + (c == 'p' || c == 'P' ? 12 : 0);
	p->pos += k;
}

/* A ':' or '.' not followed by a digit is left alone: in a timeline line
 * it is punctuation after the time, not part of it. */
static int
parse_clock(struct sp *p, int full)
{
	size_t minh = p->flags & PM_STAMP_WORDS ? 1 : 2;

	if (!field(p, F_HOUR, minh, 2) || !lit(p, ':') ||
	    !field(p, F_MIN, 2, 2))
		return 0;
	if (cur(p, 0) == ':' && is_digit(cur(p, 1))) {
		p->pos++;
		if (!field(p, F_SEC, 2, 2))
			return 0;
		p->has_sec = 1;
		if (full && cur(p, 0) == '.' && is_digit(cur(p, 1))) {
			p->pos++;
			while (is_digit(cur(p, 0)))
				p->pos++;
		}
	}
	if (p->flags & PM_STAMP_WORDS)
		meridiem(p);
	return 1;
}

/* Z, ±HH:MM, and in the full form also ±HHMM, ±HH and YAML's ±H[:MM]. */
static int
zone_here(struct sp *p, int full)
{
	int c = cur(p, 0);

	if (c == 'Z') {
		p->pos++;
		p->sign = 1;
		return Z_STRICT;
	}
	if ((c != '+' && c != '-') || !is_digit(cur(p, 1)))
		return Z_NONE;
	p->pos++;
	p->sign = c == '-' ? -1 : 1;
	if (!field(p, F_OFFH, full ? 1 : 2, 2))
		return Z_BAD;
	if (lit(p, ':')) {
		if (!field(p, F_OFFM, 2, 2))
			return Z_BAD;
		return p->n[F_OFFH] == 2 ? Z_STRICT : Z_LOOSE;
	}
	if (!full)
		return Z_BAD;
	if (p->n[F_OFFH] == 2 && is_digit(cur(p, 0)))
		return field(p, F_OFFM, 2, 2) ? Z_LOOSE : Z_BAD;
	return Z_LOOSE;
}

static void
zone_forget(struct sp *p, size_t pos)
{
	p->pos = pos;
	p->sign = 0;
	p->n[F_OFFH] = p->n[F_OFFM] = 0;
	p->v[F_OFFH] = p->v[F_OFFM] = 0;
}

/* The end of a word: not followed by a letter or digit. */
static int
word_end(const struct sp *p, size_t ahead)
{
	return !is_alnum(cur(p, ahead));
}

/* A zone word's length at pos: upper-case letters ending a word; UTC
 * and GMT may carry an offset ("UTC+2", "GMT-05:00"). */
static size_t
zone_word_len(const struct sp *p)
{
	size_t k = 0;

	while (cur(p, k) >= 'A' && cur(p, k) <= 'Z')
		k++;
	if (k == 0 || k > 5)
		return 0;
	if ((cur(p, k) == '+' || cur(p, k) == '-') && is_digit(cur(p, k + 1)))
		return k;
	return word_end(p, k) ? k : 0;
}

/* Is the word at pos a zone? UTC, GMT and the table's words always; in
 * a timeline line also anything shaped like one (three or four capitals
 * ending in T: "PKT", "NZST"), so that an unknown zone is reported
 * rather than read as text; elsewhere whatever word ends the value. */
static int
zone_shaped(const struct sp *p, size_t k)
{
	const char *w = p->s + p->pos;
	size_t i;
	const pm_zone_word *all = pm_zone_words(&i);

	while (i-- > 0)
		if (strlen(all[i].abbr) == k && memcmp(all[i].abbr, w, k) == 0)
			return 1;
	if (!(p->flags & PM_STAMP_PREFIX))
		return 1;
	return (k == 3 || k == 4) && w[k - 1] == 'T';
}

/* "UTC", "GMT", "UT", "Z", each optionally with "+H", "-HH:MM": read
 * here. Other zone words are left for pm_stamp_zone. Returns 1 when a
 * zone was read, 0 when the word is not one, -1 on a bad offset. */
static int
zone_word(struct sp *p)
{
	size_t k = zone_word_len(p), save = p->pos;
	const char *w = p->s + p->pos;
	int r;

	if (k == 0 || !zone_shaped(p, k))
		return 0;
	if ((k == 3 && (memcmp(w, "UTC", 3) == 0 || memcmp(w, "GMT", 3) == 0)) ||
	    (k == 2 && memcmp(w, "UT", 2) == 0) || (k == 1 && *w == 'Z')) {
		p->pos += k;
		p->sign = 1;
		if (cur(p, 0) != '+' && cur(p, 0) != '-')
			return 1;
		r = zone_here(p, 1);
		if (r == Z_BAD || !word_end(p, 0))
			return -1;
		return 1;
	}
	if (!word_end(p, k))
		return 0;
	p->zone_at = save;
	p->zone_len = k;
	p->pos += k;
	return 1;
}

/* With PM_STAMP_WORDS, a zone after one space: a word, or in a time
 * alone "+HH:MM" standing as a word ("17:25 +00:00 — text"). */
static int
zone_after_space(struct sp *p, int full)
{
	size_t save = p->pos;
	int r;

	p->pos++;
	/* "14:05 (UTC) — text": a zone in parentheses is the same zone */
	if (cur(p, 0) == '(') {
		p->pos++;
		if (zone_word(p) > 0 && cur(p, 0) == ')' && word_end(p, 1)) {
			p->pos++;
			return 1;
		}
		zone_forget(p, save);
		return 0;
	}
	if (cur(p, 0) == '+' || cur(p, 0) == '-') {
		if (!full && zone_here(p, 0) == Z_STRICT && word_end(p, 0))
			return 1;
		zone_forget(p, save);
		return 0;
	}
	if ((r = zone_word(p)) == 0)
		zone_forget(p, save);
	return r;
}

/* YAML allows a space before the zone. At the start of a timeline line
 * "07:59 -5 servers" must stay prose, so in prefix mode only Z or ±HH:MM
 * standing as a word is taken after a space. */
static int
parse_zone(struct sp *p, int full)
{
	size_t save = p->pos;
	int r, c;

	if ((p->flags & PM_STAMP_WORDS) && cur(p, 0) == ' ' &&
	    (r = zone_after_space(p, full)) != 0)
		return r > 0;
	if (!full || cur(p, 0) != ' ')
		return zone_here(p, full) != Z_BAD;
	p->pos++;
	r = zone_here(p, full);
	c = cur(p, 0);
	if (r == Z_NONE || ((p->flags & PM_STAMP_PREFIX) &&
	                    (r != Z_STRICT || (c != -1 && c != ' ' && c != '\t')))) {
		zone_forget(p, save);
		return 1;
	}
	return r != Z_BAD;
}

static int
parse_body(struct sp *p)
{
	int c, full;

	full = !((p->flags & PM_STAMP_TIME_ONLY) &&
	         (cur(p, 2) == ':' ||
	          ((p->flags & PM_STAMP_WORDS) && cur(p, 1) == ':')));
	if (full) {
		if (!parse_date(p))
			return 0;
		p->has_date = 1;
		c = cur(p, 0);
		if (c != ' ' && c != 'T')
			return 0;
		p->pos++;
	}
	return parse_clock(p, full) && parse_zone(p, full);
}

/* The first field, in reading order, whose value cannot be; -1 if none. */
static int
range_fault(const struct sp *p)
{
	static const struct {
		int f, lo, hi;
	} lim[] = {{F_YEAR, 1, 9999}, {F_MON, 1, 12}, {F_DAY, 1, 31},
	           {F_HOUR, 0, 23},   {F_MIN, 0, 59}, {F_SEC, 0, 59},
	           {F_OFFH, 0, 14},   {F_OFFM, 0, 59}};
	size_t i;
	int f, hi;

	for (i = 0; i < sizeof(lim) / sizeof(lim[0]); i++) {
		f = lim[i].f;
		if (p->n[f] == 0)
			continue;
		if (f == F_HOUR && p->meridiem_bad)
			return f;
		hi = lim[i].hi;
		if (f == F_DAY)
			hi = pm_days_in_month(p->v[F_YEAR], p->v[F_MON]);
		if (p->v[f] < lim[i].lo || p->v[f] > hi)
			return f;
	}
	/* the IR's xs:dateTime has no year 0 and no offset past 14:00 */
	if (p->n[F_OFFM] > 0 && p->v[F_OFFH] == 14 && p->v[F_OFFM] > 0)
		return F_OFFM;
	return -1;
}

static void
stamp_fill(const struct sp *p, pm_stamp *st)
{
	memset(st, 0, sizeof(*st));
	st->year = p->v[F_YEAR];
	st->month = p->v[F_MON];
	st->day = p->v[F_DAY];
	st->hour = p->v[F_HOUR];
	st->min = p->v[F_MIN];
	st->sec = p->v[F_SEC];
	st->has_date = p->has_date;
	st->has_sec = p->has_sec;
	st->has_offset = p->sign != 0;
	st->offset = p->sign * (p->v[F_OFFH] * 3600 + p->v[F_OFFM] * 60);
	st->has_meridiem = p->meridiem;
	st->zone_at = p->zone_at;
	st->zone_len = p->zone_len;
}

/* Runs the parse; on failure *bad and *badlen locate the fault. */
static pm_stamp_status
stamp_scan(struct sp *p, size_t *end, size_t *bad, size_t *badlen)
{
	int f;

	skip_blanks(p);
	if (!parse_body(p))
		goto syntax;
	*end = p->pos;
	if (!(p->flags & PM_STAMP_PREFIX)) {
		skip_blanks(p);
		if (p->pos != p->len)
			goto syntax;
		*end = p->len;
	}
	if ((f = range_fault(p)) >= 0) {
		*bad = p->at[f];
		*badlen = p->n[f];
		return PM_STAMP_RANGE;
	}
	return PM_STAMP_OK;
syntax:
	*bad = p->pos;
	*badlen = p->pos < p->len ? 1 : 0;
	return PM_STAMP_SYNTAX;
}

pm_stamp_status
pm_stamp_parse(const char *s, size_t len, unsigned flags, pm_stamp *out,
               size_t *used, size_t *bad, size_t *badlen)
{
	struct sp p;
	pm_stamp st;
	pm_stamp_status rc;
	size_t end = 0, b = 0, bl = 0;

	memset(&p, 0, sizeof(p));
	p.s = s;
	p.len = len;
	p.flags = flags;
	rc = stamp_scan(&p, &end, &b, &bl);
	memset(&st, 0, sizeof(st));
	if (rc == PM_STAMP_OK)
		stamp_fill(&p, &st);
	else
		end = 0;
	if (out != NULL)
		*out = st;
	if (used != NULL)
		*used = end;
	if (bad != NULL)
		*bad = b;
	if (badlen != NULL)
		*badlen = bl;
	return rc;
}

pm_stamp_status
pm_date_parse(const char *s, size_t len, int *y, int *m, int *d)
{
	struct sp p;

	sp_start(&p, s, len);
	if (!parse_date(&p))
		return PM_STAMP_SYNTAX;
	skip_blanks(&p);
	if (p.pos != p.len)
		return PM_STAMP_SYNTAX;
	if (range_fault(&p) >= 0)
		return PM_STAMP_RANGE;
	*y = p.v[F_YEAR];
	*m = p.v[F_MON];
	*d = p.v[F_DAY];
	return PM_STAMP_OK;
}

/* ---- Zone words ---- */

#define HM(h, m) ((h) * 3600 + (m) * 60)

/* The one table of zone abbreviations (docs/choices.md lists it). Only
 * words with one common meaning get an offset; the others name what they
 * could mean. A language-specific reading comes before the general one. */
static const pm_zone_word zone_table[] = {
    {"UTC", NULL, 0, "UTC", 0},
    {"GMT", NULL, 0, "UTC", 0},
    {"UT", NULL, 0, "UTC", 0},
    {"Z", NULL, 0, "UTC", 0},
    {"PST", NULL, -HM(8, 0), "America/Los_Angeles", 0},
    {"PDT", NULL, -HM(7, 0), "America/Los_Angeles", 0},
    {"MST", NULL, -HM(7, 0), "America/Denver", 0},
    {"MDT", NULL, -HM(6, 0), "America/Denver", 0},
    {"CST", "zh", 0,
     "America/Chicago (-06:00), Asia/Shanghai (+08:00)", 1},
    {"CST", NULL, -HM(6, 0), "America/Chicago", 0},
    {"CDT", NULL, -HM(5, 0), "America/Chicago", 0},
    {"EST", NULL, -HM(5, 0), "America/New_York", 0},
    {"EDT", NULL, -HM(4, 0), "America/New_York", 0},
    {"AKST", NULL, -HM(9, 0), "America/Anchorage", 0},
    {"AKDT", NULL, -HM(8, 0), "America/Anchorage", 0},
    {"HST", NULL, -HM(10, 0), "Pacific/Honolulu", 0},
    {"WET", NULL, 0, "Europe/Lisbon", 0},
    {"WEST", NULL, HM(1, 0), "Europe/Lisbon", 0},
    {"BST", NULL, HM(1, 0), "Europe/London", 0},
    {"CET", NULL, HM(1, 0), "Europe/Paris", 0},
    {"CEST", NULL, HM(2, 0), "Europe/Paris", 0},
    {"EET", NULL, HM(2, 0), "Europe/Helsinki", 0},
    {"EEST", NULL, HM(3, 0), "Europe/Helsinki", 0},
    {"MSK", NULL, HM(3, 0), "Europe/Moscow", 0},
    {"HKT", NULL, HM(8, 0), "Asia/Hong_Kong", 0},
    {"SGT", NULL, HM(8, 0), "Asia/Singapore", 0},
    {"JST", NULL, HM(9, 0), "Asia/Tokyo", 0},
    {"KST", NULL, HM(9, 0), "Asia/Seoul", 0},
    {"AWST", NULL, HM(8, 0), "Australia/Perth", 0},
    {"ACST", NULL, HM(9, 30), "Australia/Adelaide", 0},
    {"ACDT", NULL, HM(10, 30), "Australia/Adelaide", 0},
    {"AEST", NULL, HM(10, 0), "Australia/Sydney", 0},
    {"AEDT", NULL, HM(11, 0), "Australia/Sydney", 0},
    {"NZST", NULL, HM(12, 0), "Pacific/Auckland", 0},
    {"NZDT", NULL, HM(13, 0), "Pacific/Auckland", 0},
    {"IST", NULL, 0,
     "Asia/Kolkata (+05:30), Europe/Dublin (+01:00), "
     "Asia/Jerusalem (+02:00)",
     1},
    {"AST", NULL, 0, "America/Halifax (-04:00), Asia/Riyadh (+03:00)", 1},
    /* The US "Pacific time" and its kin name a zone, not an offset: which
     * of standard or daylight time is meant depends on the date. */
    {"PT", NULL, 0, "PST (-08:00) or PDT (-07:00), America/Los_Angeles", 1},
    {"MT", NULL, 0, "MST (-07:00) or MDT (-06:00), America/Denver", 1},
    {"CT", NULL, 0, "CST (-06:00) or CDT (-05:00), America/Chicago", 1},
    {"ET", NULL, 0, "EST (-05:00) or EDT (-04:00), America/New_York", 1},
};

const pm_zone_word *
pm_zone_words(size_t *n)
{
	*n = sizeof(zone_table) / sizeof(zone_table[0]);
	return zone_table;
}

static char
fold(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

/* Is lang's primary subtag sub ("zh-TW" is "zh")? */
static int
lang_is(const char *lang, const char *sub)
{
	size_t n = strlen(sub), i;

	if (lang == NULL || strlen(lang) < n)
		return 0;
	for (i = 0; i < n; i++)
		if (fold(lang[i]) != sub[i])
			return 0;
	return lang[n] == '\0' || lang[n] == '-' || lang[n] == '_';
}

const pm_zone_word *
pm_zone_word_find(const char *s, size_t n, const char *lang)
{
	size_t i;
	const pm_zone_word *w;

	for (i = 0; i < sizeof(zone_table) / sizeof(zone_table[0]); i++) {
		w = &zone_table[i];
		if (strlen(w->abbr) == n && memcmp(w->abbr, s, n) == 0 &&
		    (w->lang == NULL || lang_is(lang, w->lang)))
			return w;
	}
	return NULL;
}

int
pm_stamp_zone(pm_stamp *st, const char *s, const char *lang, char *msg,
              size_t n)
{
	const pm_zone_word *w;
	int len = (int)st->zone_len;

	if (st->zone_len == 0)
		return 0;
	w = pm_zone_word_find(s + st->zone_at, st->zone_len, lang);
	if (w != NULL && !w->ambiguous) {
		st->has_offset = 1;
		st->offset = w->offset;
		return 0;
	}
	if (w != NULL)
		snprintf(msg, n,
		         "time zone '%.*s' is ambiguous: it could mean %s; "
		         "write the offset instead (e.g. '+05:30')",
		         len, s + st->zone_at, w->zones);
	else
		snprintf(msg, n,
		         "unknown time zone '%.*s'; write its offset after "
		         "the time instead (e.g. '19:37 +05:00')",
		         len, s + st->zone_at);
	return -1;
}

void
pm_zone_hint(const char *name, const char *lang, char *buf, size_t n)
{
	const pm_zone_word *w = pm_zone_word_find(name, strlen(name), lang);
	char off[8];

	if (w != NULL && w->ambiguous) {
		snprintf(buf, n,
		         "time zone '%s' is ambiguous: it could mean %s; "
		         "write the IANA zone meant",
		         name, w->zones);
		return;
	}
	if (w != NULL) {
		pm_offset_format(w->offset, off);
		snprintf(buf, n,
		         "unknown time zone '%s'; write %s (always) or %s "
		         "(follows daylight saving time)",
		         name, off, w->zones);
		return;
	}
	if (name[0] == '+' || name[0] == '-') {
		snprintf(buf, n,
		         "unknown time zone '%s'; an offset is written "
		         "±HH:MM, from -14:00 to +14:00",
		         name);
		return;
	}
	snprintf(buf, n,
	         "unknown time zone '%s'; write an IANA zone "
	         "(Europe/Oslo, America/Los_Angeles), UTC or an offset "
	         "(+02:00)",
	         name);
}

/* ---- Dates as people write them ---- */

static const char *const month_names[] = {
    "january", "february", "march",   "april",    "may",      "june",
    "july",    "august",   "september", "october", "november", "december",
    "januar",  "februar",  "mars",    "april",    "mai",      "juni",
    "juli",    "august",   "september", "oktober", "november", "desember",
    NULL};

static const char *const weekday_names[] = {
    "monday",  "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "mandag",    "tirsdag",  "onsdag",
    "torsdag", "fredag",  "l\xc3\xb8rdag", "s\xc3\xb8ndag", NULL};

/* The length of the word at pos: ASCII letters and UTF-8 (for "ø"). */
static size_t
word_len(const struct sp *p)
{
	size_t k = 0;

	while (is_alpha(cur(p, k)) || cur(p, k) >= 0x80)
		k++;
	return k;
}

/* The index in names of the word at pos, written whole or cut to three
 * bytes or more ("Oct", "Sept", "ons"), or -1. */
static int
name_at(const struct sp *p, const char *const *names, size_t *k)
{
	const char *w = p->s + p->pos;
	size_t n = word_len(p), i, j;

	*k = n;
	if (n < 3)
		return -1;
	for (i = 0; names[i] != NULL; i++) {
		if (n > strlen(names[i]))
			continue;
		for (j = 0; j < n && fold(w[j]) == names[i][j]; j++)
			continue;
		if (j == n)
			return (int)i;
	}
	return -1;
}

/* "Onsdag ", "Wed, ", "Wednesday. ": skipped. */
static void
skip_weekday(struct sp *p)
{
	size_t k;

	if (name_at(p, weekday_names, &k) < 0)
		return;
	p->pos += k;
	if (cur(p, 0) == ',' || cur(p, 0) == '.')
		p->pos++;
	skip_blanks(p);
}

static int
month_word(struct sp *p)
{
	size_t k, at = p->pos;
	int i = name_at(p, month_names, &k);

	if (i < 0)
		return 0;
	p->v[F_MON] = i % 12 + 1;
	p->at[F_MON] = at;
	p->n[F_MON] = k;
	p->pos += k;
	lit(p, '.');
	return 1;
}

static int
lit_str(struct sp *p, const char *w)
{
	size_t n = strlen(w);

	if (p->len - p->pos < n || memcmp(p->s + p->pos, w, n) != 0)
		return 0;
	p->pos += n;
	return 1;
}

/* "21st", "2nd": the English ordinal's letters after the day. */
static void
skip_ordinal(struct sp *p)
{
	static const char *const ord[] = {"st", "nd", "rd", "th"};
	size_t i;

	for (i = 0; i < 4; i++)
		if (cur(p, 2) != -1 && !is_alpha(cur(p, 2)) &&
		    lit_str(p, ord[i]))
			return;
}

static int
blanks(struct sp *p)
{
	size_t at = p->pos;

	skip_blanks(p);
	return p->pos > at;
}

/* 2015-10-21, 2015/10/21, 2015.10.21, 2012年6月21日. */
static int
year_first(struct sp *p)
{
	int c;

	if (!field(p, F_YEAR, 4, 4))
		return 0;
	if (lit_str(p, "\xe5\xb9\xb4")) /* 年 */
		return field(p, F_MON, 1, 2) && lit_str(p, "\xe6\x9c\x88") &&
		       field(p, F_DAY, 1, 2) && lit_str(p, "\xe6\x97\xa5");
	c = cur(p, 0);
	if (c != '-' && c != '/' && c != '.')
		return 0;
	p->pos++;
	return field(p, F_MON, 1, 2) && lit(p, c) && field(p, F_DAY, 1, 2);
}

/* 27.04.2022, 27. april 2022, 21 Oct 2015, 21st October 2015. */
static int
day_first(struct sp *p)
{
	if (!field(p, F_DAY, 1, 2))
		return 0;
	if (cur(p, 0) == '.' && is_digit(cur(p, 1))) {
		p->pos++;
		return field(p, F_MON, 1, 2) && lit(p, '.') &&
		       field(p, F_YEAR, 4, 4);
	}
	skip_ordinal(p);
	if (!lit(p, '.') && !blanks(p))
		return 0;
	skip_blanks(p);
	return month_word(p) && blanks(p) && field(p, F_YEAR, 4, 4);
}

/* October 21, 2015; Oct 21 2015. */
static int
month_first(struct sp *p)
{
	if (!month_word(p) || !blanks(p) || !field(p, F_DAY, 1, 2))
		return 0;
	skip_ordinal(p);
	lit(p, ',');
	return blanks(p) && field(p, F_YEAR, 4, 4);
}

static int
date_body(struct sp *p)
{
	size_t at = p->pos;

	if (!is_digit(cur(p, 0)))
		return month_first(p);
	if (year_first(p))
		return 1;
	p->pos = at;
	return day_first(p);
}

pm_stamp_status
pm_date_words(const char *s, size_t len, int *y, int *m, int *d,
              size_t *used)
{
	struct sp p;

	sp_start(&p, s, len);
	skip_weekday(&p);
	if (!date_body(&p) || is_alnum(cur(&p, 0)))
		return PM_STAMP_SYNTAX;
	if (range_fault(&p) >= 0)
		return PM_STAMP_RANGE;
	*y = p.v[F_YEAR];
	*m = p.v[F_MON];
	*d = p.v[F_DAY];
	*used = p.pos;
	return PM_STAMP_OK;
}

pm_stamp_status
pm_month_day_words(const char *s, size_t len, int *m, int *d, size_t *used)
{
	struct sp p;

	sp_start(&p, s, len);
	skip_weekday(&p);
	if (!month_word(&p) || !blanks(&p) || !field(&p, F_DAY, 1, 2))
		return PM_STAMP_SYNTAX;
	skip_ordinal(&p);
	if (is_alnum(cur(&p, 0)))
		return PM_STAMP_SYNTAX;
	lit(&p, ',');
	*m = p.v[F_MON];
	*d = p.v[F_DAY];
	*used = p.pos;
	/* any year may be meant: a day that no year has cannot be */
	return p.v[F_DAY] > pm_days_in_month(2000, p.v[F_MON]) ? PM_STAMP_RANGE
	                                                       : PM_STAMP_OK;
}

/* ---- POSIX TZ strings (the footer of TZif version 2+) ---- */

/* One end of daylight saving time: Jn (1..365, February 29 never
 * counted), n (0..365, zero-based, counting it), or Mm.w.d. */
struct pm_rule {
	int kind; /* 'J', 'D' or 'M' */
	int day, mon, week, wday;
	int32_t secs; /* local time of day; v3 allows -167..167 h */
};

struct pm_posix {
	int32_t std, dst; /* offsets east of UTC, unlike the string's */
	int has_dst;
	struct pm_rule start, end;
};

struct pm_tz {
	size_t ntrans;
	int64_t *trans;       /* strictly ascending */
	unsigned char *types; /* index into off[] of each transition */
	size_t noff;
	int32_t *off;
	int has_posix; /* posix rules the instants after the last transition */
	struct pm_posix posix;
};

static const char *
tzs_num(const char *s, int maxdig, int max, int *out)
{
	int v = 0, k;

	for (k = 0; k < maxdig && is_digit(*s); k++)
		v = v * 10 + (*s++ - '0');
	if (k == 0 || v > max)
		return NULL;
	*out = v;
	return s;
}

static const char *
tzs_name(const char *s)
{
	const char *b;

	if (*s == '<') {
		for (b = ++s; is_alnum(*s) || *s == '+' || *s == '-'; s++)
			;
		return *s == '>' && s - b >= 3 ? s + 1 : NULL;
	}
	for (b = s; is_alpha(*s); s++)
		;
	return s - b >= 3 ? s : NULL;
}

/* [+-]h[:mm[:ss]], in seconds: an offset (maxh 24) or, since version 3,
 * a transition time (maxh 167). */
static const char *
tzs_secs(const char *s, int maxh, int32_t *out)
{
	int sign = 1, v, i;
	int32_t secs;

	if (*s == '+' || *s == '-')
		sign = *s++ == '-' ? -1 : 1;
	if ((s = tzs_num(s, 3, maxh, &v)) == NULL)
		return NULL;
	secs = (int32_t)v * 3600;
	for (i = 0; i < 2 && *s == ':'; i++) {
		if ((s = tzs_num(s + 1, 2, 59, &v)) == NULL)
			return NULL;
		secs += i == 0 ? v * 60 : v;
	}
	*out = sign * secs;
	return s;
}

static const char *
tzs_month_rule(const char *s, struct pm_rule *r)
{
	r->kind = 'M';
	if ((s = tzs_num(s, 2, 12, &r->mon)) == NULL || *s != '.')
		return NULL;
	if ((s = tzs_num(s + 1, 1, 5, &r->week)) == NULL || *s != '.')
		return NULL;
	if ((s = tzs_num(s + 1, 1, 6, &r->wday)) == NULL)
		return NULL;
	return r->mon >= 1 && r->week >= 1 ? s : NULL;
}

static const char *
tzs_rule(const char *s, struct pm_rule *r)
{
	if (*s == 'M') {
		s = tzs_month_rule(s + 1, r);
	} else if (*s == 'J') {
		r->kind = 'J';
		s = tzs_num(s + 1, 3, 365, &r->day);
		if (s != NULL && r->day < 1)
			s = NULL;
	} else {
		r->kind = 'D';
		s = tzs_num(s, 3, 365, &r->day);
	}
	r->secs = 7200;
	if (s != NULL && *s == '/')
		s = tzs_secs(s + 1, 167, &r->secs);
	return s;
}

static int
tzs_parse(const char *s, struct pm_posix *px)
{
	int32_t v;

	memset(px, 0, sizeof(*px));
	if ((s = tzs_name(s)) == NULL || (s = tzs_secs(s, 24, &v)) == NULL)
		return -1;
	px->std = px->dst = -v;
	if (*s == '\0')
		return 0;
	if ((s = tzs_name(s)) == NULL)
		return -1;
	px->has_dst = 1;
	px->dst = px->std + 3600;
	if (*s != ',' && *s != '\0') {
		if ((s = tzs_secs(s, 24, &v)) == NULL)
			return -1;
		px->dst = -v;
	}
	/* POSIX leaves a missing rule to the implementation; tzcode uses the
	 * US rules, so do we. */
	if (*s == '\0')
		s = ",M3.2.0,M11.1.0";
	if (*s != ',' || (s = tzs_rule(s + 1, &px->start)) == NULL)
		return -1;
	if (*s != ',' || (s = tzs_rule(s + 1, &px->end)) == NULL)
		return -1;
	return *s == '\0' ? 0 : -1;
}

static int64_t
month_rule_day(const struct pm_rule *r, int y)
{
	int64_t first = pm_days_from_civil(y, r->mon, 1);
	int64_t last = first + pm_days_in_month(y, r->mon) - 1;
	int64_t day;

	day = first + (r->wday - weekday(first) + 7) % 7 + (r->week - 1) * 7;
	while (day > last) /* week 5 means the last such weekday */
		day -= 7;
	return day;
}

static int64_t
rule_day(const struct pm_rule *r, int y)
{
	int64_t jan1 = pm_days_from_civil(y, 1, 1);

	switch (r->kind) {
	case 'J':
		return jan1 + r->day - 1 + (r->day >= 60 && is_leap(y));
	case 'D':
		return jan1 + r->day;
	case 'M':
		return month_rule_day(r, y);
	default:
		assert(0);
		return jan1;
	}
}

/* The instant a rule fires in year y; its time of day is in the local
 * time in force just before. */
static int64_t
rule_at(const struct pm_rule *r, int y, int32_t before)
{
	return rule_day(r, y) * DAY + r->secs - before;
}

/* Looks at the changes of the years around t rather than at "is t between
 * start and end", which covers the southern hemisphere, rule times past
 * midnight and the v3 all-year DST ("EST5EDT,0/0,J365/25") alike: there
 * an end coincides with the next start, and the start wins. */
static int32_t
posix_offset(const struct pm_posix *px, pm_time t)
{
	int64_t best = INT64_MIN, at;
	int32_t off = px->std;
	int y, m, d, k;

	if (!px->has_dst)
		return px->std;
	t %= ERA_SECS; /* same answer, and no overflow for any t */
	if (t < 0)
		t += ERA_SECS;
	pm_civil_from_days(floor_div(t + px->std, DAY), &y, &m, &d);
	for (k = y - 2; k <= y + 1; k++) {
		at = rule_at(&px->end, k, px->dst);
		if (at <= t && at > best)
			best = at, off = px->std;
	}
	for (k = y - 2; k <= y + 1; k++) {
		at = rule_at(&px->start, k, px->std);
		if (at <= t && at >= best)
			best = at, off = px->dst;
	}
	return off;
}

/* ---- Zones ---- */

static int32_t
table_offset(const pm_tz *tz, pm_time t)
{
	size_t lo = 0, hi = tz->ntrans, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (tz->trans[mid] <= t)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* RFC 8536: before the first transition, time type 0 applies. */
	return tz->off[lo == 0 ? 0 : tz->types[lo - 1]];
}

int
pm_tz_offset(const pm_tz *tz, pm_time t)
{
	if (tz == NULL)
		return 0;
	if (tz->has_posix &&
	    (tz->ntrans == 0 || t > tz->trans[tz->ntrans - 1]))
		return posix_offset(&tz->posix, t);
	return table_offset(tz, t);
}

static size_t
add_unique(int32_t *set, size_t n, int32_t v)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (set[i] == v)
			return n;
	set[n] = v;
	return n + 1;
}

/* Every offset the zone can have: a wall time is valid with offset o
 * exactly when the zone has offset o at the instant wall - o. */
static size_t
zone_offsets(const pm_tz *tz, int32_t set[MAXTYPES + 2])
{
	size_t i, n = 0;

	for (i = 0; i < tz->noff; i++)
		n = add_unique(set, n, tz->off[i]);
	if (tz->has_posix) {
		n = add_unique(set, n, tz->posix.std);
		n = add_unique(set, n, tz->posix.dst);
	}
	return n;
}

/* In a gap between offsets a and b (a < b), guessing with either offset
 * lands on the other side of the change; the earlier of the two guesses
 * is before it and has a. */
static int32_t
offset_before_gap(const pm_tz *tz, pm_time wall)
{
	int32_t o0 = pm_tz_offset(tz, wall);
	int32_t o1 = pm_tz_offset(tz, wall - o0);

	return pm_tz_offset(tz, wall - (o0 > o1 ? o0 : o1));
}

pm_local_status
pm_tz_from_local(const pm_tz *tz, int y, int mo, int d, int h, int mi,
                 int s, pm_time *t)
{
	pm_time wall = wall_seconds(y, mo, d, h, mi, s), u;
	int32_t set[MAXTYPES + 2];
	size_t i, n, found = 0;

	if (tz == NULL) {
		*t = wall;
		return PM_LOCAL_OK;
	}
	n = zone_offsets(tz, set);
	for (i = 0; i < n; i++) {
		u = wall - set[i];
		if (pm_tz_offset(tz, u) == set[i] && (found++ == 0 || u < *t))
			*t = u;
	}
	if (found == 1)
		return PM_LOCAL_OK;
	if (found > 1)
		return PM_LOCAL_AMBIGUOUS;
	*t = wall - offset_before_gap(tz, wall);
	return PM_LOCAL_GAP;
}

/* The offset reported is the one that maps *t back to the wall time the
 * stamp shows, also in a gap; a NULL zone is UTC. */
pm_local_status
pm_stamp_resolve(const pm_stamp *st, const pm_tz *tz, pm_time *t,
                 int *offset)
{
	pm_time wall;
	pm_local_status rc = PM_LOCAL_OK;

	assert(st->has_date);
	wall = wall_seconds(st->year, st->month, st->day, st->hour, st->min,
	                    st->sec);
	if (st->has_offset)
		*t = wall - st->offset;
	else
		rc = pm_tz_from_local(tz, st->year, st->month, st->day,
		                      st->hour, st->min, st->sec, t);
	*offset = (int)(wall - *t);
	return rc;
}

static pm_tz *
tz_fixed(int32_t off)
{
	pm_tz *tz = pm_xcalloc(1, sizeof(*tz));

	tz->off = pm_xmalloc(sizeof(*tz->off));
	tz->off[0] = off;
	tz->noff = 1;
	return tz;
}

/* "±HH:MM", the same ranges as an offset in a timestamp. */
static int
fixed_offset(const char *name, int32_t *off)
{
	int h, m;

	if (strlen(name) != 6 || !is_digit(name[1]) || !is_digit(name[2]) ||
	    name[3] != ':' || !is_digit(name[4]) || !is_digit(name[5]))
		return 0;
	h = (name[1] - '0') * 10 + (name[2] - '0');
	m = (name[4] - '0') * 10 + (name[5] - '0');
	if (h > 14 || m > 59 || (h == 14 && m > 0))
		return 0; /* beyond any zone on Earth, and xs:dateTime's */
	*off = (name[0] == '-' ? -1 : 1) * (h * 3600 + m * 60);
	return 1;
}

/* The name becomes part of a path: keep it inside the zone directory. */
static int
name_ok(const char *name)
{
	size_t i, n = strlen(name);

	if (n == 0 || n > 255 || name[0] == '/' || strstr(name, "..") != NULL)
		return 0;
	for (i = 0; i < n; i++)
		if (!is_alnum(name[i]) && strchr("_+-/", name[i]) == NULL)
			return 0;
	return 1;
}

/* ---- TZif files (RFC 8536) ---- */

struct rd {
	const unsigned char *p;
	size_t len, pos;
};

struct tzhead {
	int version;
	uint32_t isut, isstd, leap, time, type, chars;
};

static int
take(struct rd *r, uint64_t n, const unsigned char **at)
{
	if (n > r->len - r->pos)
		return 0;
	*at = r->p + r->pos;
	r->pos += (size_t)n;
	return 1;
}

static uint32_t
be32(const unsigned char *b)
{
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
	       (uint32_t)b[2] << 8 | b[3];
}

/* Two's complement by arithmetic, not by an implementation-defined cast. */
static int64_t
sbe32(const unsigned char *b)
{
	uint32_t u = be32(b);

	return u < UINT32_C(0x80000000) ? (int64_t)u
	                                 : (int64_t)u - INT64_C(0x100000000);
}

static int64_t
sbe64(const unsigned char *b)
{
	uint64_t u = (uint64_t)be32(b) << 32 | be32(b + 4);

	if (u < UINT64_C(0x8000000000000000))
		return (int64_t)u;
	return -(int64_t)(UINT64_MAX - u) - 1;
}

static int
read_head(struct rd *r, struct tzhead *h)
{
	const unsigned char *b;

	if (!take(r, 44, &b) || memcmp(b, "TZif", 4) != 0)
		return 0;
	if (b[4] != 0 && (b[4] < '2' || b[4] > '4'))
		return 0;
	h->version = b[4] == 0 ? 1 : b[4] - '0';
	h->isut = be32(b + 20);
	h->isstd = be32(b + 24);
	h->leap = be32(b + 28);
	h->time = be32(b + 32);
	h->type = be32(b + 36);
	h->chars = be32(b + 40);
	return 1;
}

/* Counts of the block we use. Leap-second ("right/") zones count seconds
 * that pm_time does not: refused rather than off by up to 27 s. */
static int
head_ok(const struct tzhead *h)
{
	return h->type >= 1 && h->type <= MAXTYPES && h->chars >= 1 &&
	       (h->isstd == 0 || h->isstd == h->type) &&
	       (h->isut == 0 || h->isut == h->type) && h->leap == 0;
}

static uint64_t
block_size(const struct tzhead *h, int w)
{
	return (uint64_t)h->time * (uint64_t)(w + 1) + (uint64_t)h->type * 6 +
	       h->chars + (uint64_t)h->leap * (uint64_t)(w + 4) + h->isstd +
	       h->isut;
}

static int
read_trans(pm_tz *tz, const unsigned char *b, int w)
{
	const unsigned char *idx = b + tz->ntrans * (size_t)w;
	size_t i;

	for (i = 0; i < tz->ntrans; i++) {
		tz->trans[i] = w == 8 ? sbe64(b + 8 * i) : sbe32(b + 4 * i);
		tz->types[i] = idx[i];
		if (idx[i] >= tz->noff)
			return -1;
		if (i > 0 && tz->trans[i] <= tz->trans[i - 1])
			return -1;
	}
	return 0;
}

static int
read_types(pm_tz *tz, const unsigned char *b, uint32_t chars)
{
	const unsigned char *e;
	int64_t off;
	size_t i;

	for (i = 0; i < tz->noff; i++) {
		e = b + 6 * i;
		off = sbe32(e);
		if (off < UTOFF_MIN || off > UTOFF_MAX || e[4] > 1 ||
		    e[5] >= chars)
			return -1;
		tz->off[i] = (int32_t)off;
	}
	return 0;
}

/* The counts are checked against the bytes present before anything is
 * allocated, so a hostile header cannot ask for more than the file. */
static pm_tz *
read_block(struct rd *r, const struct tzhead *h, int w)
{
	const unsigned char *b;
	pm_tz *tz;

	if (!head_ok(h) || !take(r, block_size(h, w), &b))
		return NULL;
	tz = pm_xcalloc(1, sizeof(*tz));
	tz->ntrans = h->time;
	tz->noff = h->type;
	tz->trans = pm_xcalloc(tz->ntrans, sizeof(*tz->trans));
	tz->types = pm_xcalloc(tz->ntrans, 1);
	tz->off = pm_xcalloc(tz->noff, sizeof(*tz->off));
	if (read_trans(tz, b, w) != 0 ||
	    read_types(tz, b + tz->ntrans * (size_t)(w + 1), h->chars) != 0) {
		pm_tz_free(tz);
		tz = NULL;
	}
	return tz;
}

/* "\nTZ-string\n"; an empty string means no rule. */
static int
read_footer(struct rd *r, pm_tz *tz)
{
	const unsigned char *b, *nl;
	char buf[256];
	size_t n;

	if (!take(r, 1, &b) || *b != '\n')
		return -1;
	nl = memchr(r->p + r->pos, '\n', r->len - r->pos);
	if (nl == NULL)
		return -1;
	n = (size_t)(nl - (r->p + r->pos));
	if (n >= sizeof(buf) || memchr(r->p + r->pos, '\0', n) != NULL)
		return -1;
	memcpy(buf, r->p + r->pos, n);
	buf[n] = '\0';
	r->pos += n + 1;
	if (n == 0)
		return 0;
	if (tzs_parse(buf, &tz->posix) != 0)
		return -1;
	tz->has_posix = 1;
	return 0;
}

/* Version 2+ repeats the data with 64-bit times after a 32-bit block that
 * only old readers need, then adds the footer. */
static pm_tz *
tzif_parse(const unsigned char *p, size_t len)
{
	struct rd r = {p, len, 0};
	struct tzhead h;
	const unsigned char *b;
	pm_tz *tz;

	if (!read_head(&r, &h))
		return NULL;
	if (h.version == 1)
		return read_block(&r, &h, 4);
	if (!take(&r, block_size(&h, 4), &b) || !read_head(&r, &h) ||
	    h.version == 1)
		return NULL;
	if ((tz = read_block(&r, &h, 8)) != NULL && read_footer(&r, tz) != 0) {
		pm_tz_free(tz);
		tz = NULL;
	}
	return tz;
}

static unsigned char *
slurp(const char *path, size_t *len)
{
	FILE *f;
	unsigned char *buf = NULL;
	size_t cap = 0, n = 0, got;
	int ok = 0;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	do {
		if (n == cap) {
			if (cap >= MAXFILE)
				goto out;
			cap = cap == 0 ? 4096 : cap * 2;
			buf = pm_xrealloc(buf, cap);
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
	} while (got > 0);
	ok = !ferror(f);
out:
	fclose(f);
	if (!ok) {
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

/* The system's zone files read so far, by path, kept for the life of the
 * process: a build of thousands of sources in a handful of zones reads
 * each file once, not once a source. Read-only once added, so parsing
 * needs no lock. A file that could not be read is remembered too (data
 * NULL). A $TZDIR of one's own is read afresh each time: its files may
 * be rewritten while pmc runs (the tests do). */
struct tzfile {
	char *path;
	unsigned char *data;
	size_t len;
	struct tzfile *next;
};
static pthread_mutex_t tzfiles_lock = PTHREAD_MUTEX_INITIALIZER;
static struct tzfile *tzfiles;

static const struct tzfile *
tzfile(const char *path)
{
	struct tzfile *f;

	pthread_mutex_lock(&tzfiles_lock);
	for (f = tzfiles; f != NULL && strcmp(f->path, path) != 0; f = f->next)
		continue;
	if (f == NULL) {
		f = pm_xcalloc(1, sizeof(*f));
		f->path = pm_xstrdup(path);
		f->data = slurp(path, &f->len);
		f->next = tzfiles;
		tzfiles = f;
	}
	pthread_mutex_unlock(&tzfiles_lock);
	return f;
}

static _Thread_local void (*trace_fn)(const char *, void *);
static _Thread_local void *trace_arg;

void
pm_tz_trace(void (*fn)(const char *, void *), void *arg)
{
	trace_fn = fn;
	trace_arg = arg;
}

static pm_tz *
tz_read(const char *name)
{
	const char *dir = getenv("TZDIR");
	const struct tzfile *f;
	unsigned char *data;
	size_t len = 0;
	pm_tz *tz = NULL;
	char *path;

	if (dir == NULL || *dir == '\0') {
		path = pm_xmalloc(strlen(name) + sizeof("/usr/share/zoneinfo/"));
		sprintf(path, "/usr/share/zoneinfo/%s", name);
		if (trace_fn != NULL)
			trace_fn(path, trace_arg);
		f = tzfile(path);
		free(path);
		return f->data != NULL ? tzif_parse(f->data, f->len) : NULL;
	}
	path = pm_xmalloc(strlen(dir) + strlen(name) + 2);
	sprintf(path, "%s/%s", dir, name);
	if (trace_fn != NULL)
		trace_fn(path, trace_arg);
	if ((data = slurp(path, &len)) != NULL)
		tz = tzif_parse(data, len);
	free(data);
	free(path);
	return tz;
}

pm_tz *
pm_tz_load(const char *name)
{
	int32_t off;

	if (name == NULL)
		return NULL;
	if (strcmp(name, "UTC") == 0 || strcmp(name, "Z") == 0)
		return tz_fixed(0);
	if (name[0] == '+' || name[0] == '-')
		return fixed_offset(name, &off) ? tz_fixed(off) : NULL;
	return name_ok(name) ? tz_read(name) : NULL;
}

int
pm_tz_keeps_dst(const pm_tz *tz)
{
	/* without the rule of today (a version 1 file), any change of
	 * offset it records */
	return tz->has_posix ? tz->posix.has_dst : tz->noff > 1;
}

void
pm_tz_free(pm_tz *tz)
{
	if (tz == NULL)
		return;
	free(tz->trans);
	free(tz->types);
	free(tz->off);
	free(tz);
}

/* ---- Output ---- */

static char *
put_num(char *p, int64_t v, int width)
{
	int i;

	for (i = width - 1; i >= 0; i--, v /= 10)
		p[i] = (char)('0' + v % 10);
	return p + width;
}

/* Seconds of an offset (LMT) are dropped: ISO 8601 has no room for them. */
void
pm_offset_format(int offset, char buf[8])
{
	int64_t v = offset < 0 ? -(int64_t)offset : offset;
	int64_t h, m;

	v /= 60;
	h = v / 60;
	m = v % 60;
	if (h > 99)
		h = 99, m = 59;
	buf[0] = offset < 0 && v != 0 ? '-' : '+';
	put_num(buf + 1, h, 2);
	buf[3] = ':';
	put_num(buf + 4, m, 2);
	buf[6] = '\0';
}

/* The local time shown uses the same whole-minute offset as the suffix,
 * so the text always names the instant t. Only years 0000-9999 can be
 * written; instants beyond are clamped (no parsed stamp lies there). */
void
pm_time_format(pm_time t, int offset, char buf[PM_TIME_ISO_MAX])
{
	pm_time local;
	int64_t days, secs;
	int y, m, d;
	char *p = buf;

	t = t < TIME_MIN ? TIME_MIN : t > TIME_MAX ? TIME_MAX : t;
	local = t + offset / 60 * 60;
	local = local < TIME_MIN ? TIME_MIN : local > TIME_MAX ? TIME_MAX : local;
	days = floor_div(local, DAY);
	secs = local - days * DAY;
	pm_civil_from_days(days, &y, &m, &d);
	p = put_num(p, y, 4);
	*p++ = '-';
	p = put_num(p, m, 2);
	*p++ = '-';
	p = put_num(p, d, 2);
	*p++ = 'T';
	p = put_num(p, secs / 3600, 2);
	*p++ = ':';
	p = put_num(p, secs / 60 % 60, 2);
	*p++ = ':';
	p = put_num(p, secs % 60, 2);
	pm_offset_format(offset, p);
}

/* xs:dateTime with a zone: a 'T', seconds, and Z or ±HH:MM. */
int
pm_time_parse_iso(const char *s, pm_time *t, int *offset)
{
	pm_stamp st;
	size_t len;

	if (s == NULL)
		return -1;
	len = strlen(s);
	if (len < 20 || s[10] != 'T' || strcspn(s, " \t") != len)
		return -1;
	if (s[len - 1] != 'Z' && (s[len - 3] != ':' ||
	                          (s[len - 6] != '+' && s[len - 6] != '-')))
		return -1;
	if (pm_stamp_parse(s, len, 0, &st, NULL, NULL, NULL) != PM_STAMP_OK ||
	    !st.has_sec || !st.has_offset)
		return -1;
	*t = wall_seconds(st.year, st.month, st.day, st.hour, st.min,
	                  st.sec) -
	     st.offset;
	*offset = st.offset;
	return 0;
}

void
pm_duration_format(int64_t seconds, char *buf, size_t n)
{
	static const struct {
		uint64_t secs;
		const char *unit;
	} parts[] = {{DAY, "d"}, {3600, "h"}, {60, "min"}, {1, "s"}};
	uint64_t v, q;
	char tmp[64];
	size_t i, len = 0;

	if (n == 0)
		return;
	v = seconds < 0 ? UINT64_C(0) - (uint64_t)seconds : (uint64_t)seconds;
	if (seconds < 0)
		tmp[len++] = '-';
	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		q = v / parts[i].secs;
		v %= parts[i].secs;
		if (q == 0 && !(parts[i].secs == 1 && len == 0))
			continue;
		len += (size_t)snprintf(tmp + len, sizeof(tmp) - len,
		                        "%s%" PRIu64 " %s",
		                        len > 0 && tmp[len - 1] != '-' ? " " : "",
		                        q, parts[i].unit);
	}
	snprintf(buf, n, "%s", tmp);
}

int
pm_day_read(const char *s, pm_time *t)
{
	int y, m, d;

	switch (pm_date_parse(s, strlen(s), &y, &m, &d)) {
	case PM_STAMP_OK:
		if (t != NULL)
			*t = pm_days_from_civil(y, m, d) * DAY;
		return 0;
	case PM_STAMP_RANGE:
		return -2;
	default:
		return -1;
	}
}

