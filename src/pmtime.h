/* pmtime.h: timestamps of the source format, and time zones read from the
 * system's TZif files, so that local times follow DST without touching the
 * process-wide TZ. */
#ifndef PM_TIME_H
#define PM_TIME_H

#include <stddef.h>
#include <stdint.h>

#include "pmc.h" /* pm_time */


/* A timestamp as written. Fields absent from the text are zero. */
typedef struct pm_stamp {
	int year, month, day;
	int hour, min, sec;
	int has_date;
	int has_sec;
	int has_offset;
	int offset; /* seconds east of UTC, when has_offset */
	int has_meridiem; /* a 12-hour clock: "2:35 PM" */
	/* With PM_STAMP_WORDS: a zone word that is not UTC or GMT ("PST",
	 * "IST") at s[zone_at..zone_at+zone_len); has_offset is 0 until
	 * pm_stamp_zone() reads it. zone_len is 0 when there is none. */
	size_t zone_at, zone_len;
} pm_stamp;

enum {
	PM_STAMP_TIME_ONLY = 1 << 0, /* "HH:MM..." without a date is fine */
	PM_STAMP_PREFIX = 1 << 1,    /* stop after the timestamp; rest ok */
	/* What people write (format.md 11): one-digit hours, a 12-hour
	 * clock ("2:35 PM", "1:30PM", "11:05 a.m."), and a zone after a
	 * space: "+00:00", "UTC", "GMT+2", or a zone word ("PST"). */
	PM_STAMP_WORDS = 1 << 2
};

typedef enum pm_stamp_status {
	PM_STAMP_OK,
	PM_STAMP_SYNTAX, /* not a timestamp of the accepted forms */
	PM_STAMP_RANGE   /* well-formed but impossible: 2022-02-30, 25:61 */
} pm_stamp_status;

/* Parses a timestamp at the start of s[0..len):
 *   YYYY-MM-DD[ T]HH:MM[:SS[.fraction]][ ][Z|±HH:MM|±HHMM|±HH]
 * and, with PM_STAMP_TIME_ONLY, HH:MM[:SS][Z|±HH:MM]. A fraction of a
 * second (YAML 1.1 native timestamps) is dropped. Without PM_STAMP_PREFIX
 * the whole of s must be the timestamp (surrounding spaces allowed).
 * *used receives the bytes consumed. On PM_STAMP_RANGE, *bad and *badlen
 * give the offending field (e.g. the "30" of 2022-02-30); on
 * PM_STAMP_SYNTAX, the first byte that does not fit. */
pm_stamp_status pm_stamp_parse(const char *s, size_t len, unsigned flags,
                               pm_stamp *out, size_t *used, size_t *bad,
                               size_t *badlen);

/* A zone abbreviation of the one fixed table (docs/choices.md): its
 * offset, and the IANA zone(s) it stands for. An ambiguous word lists
 * every zone it could mean, each with its offset. */
typedef struct pm_zone_word {
	const char *abbr;
	const char *lang;  /* primary language subtag this reading is for
	                      ("zh"), NULL for every other language */
	int offset;        /* seconds east of UTC; unused when ambiguous */
	const char *zones; /* "America/Los_Angeles", or for an ambiguous one
	                      "Asia/Kolkata (+05:30), Europe/Dublin (+01:00)" */
	int ambiguous;
} pm_zone_word;

/* The table's entry for the word s[0..n) in a document of language lang
 * (a BCP 47 tag, may be NULL), or NULL. Case matters: "PST", not "pst". */
const pm_zone_word *pm_zone_word_find(const char *s, size_t n,
                                      const char *lang);

/* The whole table, for documentation and tests. */
const pm_zone_word *pm_zone_words(size_t *n);

/* Reads the zone word a parse with PM_STAMP_WORDS left in st (s is the
 * text parsed): sets st's offset and returns 0, or writes why it cannot
 * (unknown, ambiguous) into msg and returns -1. No word: returns 0. */
int pm_stamp_zone(pm_stamp *st, const char *s, const char *lang, char *msg,
                  size_t n);

/* The message for a zone name pm_tz_load() refused, with a hint: the
 * table's reading of an abbreviation ("'PST'; write -08:00 or
 * America/Los_Angeles"), the zones an ambiguous one could mean, or the
 * forms accepted. */
void pm_zone_hint(const char *name, const char *lang, char *buf, size_t n);

/* A date as people write it at the start of a heading: 2015-10-21,
 * 2015/10/21, 27.04.2022, 2012年6月21日, "October 21, 2015",
 * "21 Oct 2015", "27. april 2022", each optionally after a weekday
 * ("Onsdag", "Wed,"), English or Norwegian. Whatever follows the date is
 * not looked at, but the date must end at a word boundary. *used
 * receives the bytes of the date. PM_STAMP_RANGE for a date that cannot
 * be (2022-02-30). */
pm_stamp_status pm_date_words(const char *s, size_t len, int *y, int *m,
                              int *d, size_t *used);

/* A day without its year, as status pages list a post's time under a
 * day heading: "Mar 14", "Mar 14," (month first, English or Norwegian,
 * optionally after a weekday). *used receives the bytes read, the comma
 * with them. PM_STAMP_RANGE for a day no year has (Feb 30), with *m,
 * *d and *used set as for a day that can be. */
pm_stamp_status pm_month_day_words(const char *s, size_t len, int *m,
                                   int *d, size_t *used);

/* Parses exactly "YYYY-MM-DD" (surrounding spaces allowed). */
pm_stamp_status pm_date_parse(const char *s, size_t len, int *y, int *m,
                              int *d);

int pm_days_in_month(int year, int month);
int64_t pm_days_from_civil(int y, int m, int d);
void pm_civil_from_days(int64_t days, int *y, int *m, int *d);

typedef struct pm_tz pm_tz;

/* Loads a zone: "UTC", "Z", "±HH:MM", or an IANA name read from $TZDIR
 * or /usr/share/zoneinfo (names with "..", leading '/' or other than
 * [A-Za-z0-9_+-/] characters are refused). NULL when unknown. The caller
 * frees it with pm_tz_free(). */
pm_tz *pm_tz_load(const char *name);
void pm_tz_free(pm_tz *);
/* Whether tz keeps daylight saving time today (its rule for the years
 * after its last transition): Europe/Oslo and tzdata's "CET" do, its
 * "EST", Pacific/Honolulu and UTC do not. */
int pm_tz_keeps_dst(const pm_tz *);

/* pm_tz_trace() is pmc.h's. */

typedef enum pm_local_status {
	PM_LOCAL_OK,
	PM_LOCAL_GAP,      /* skipped by a DST change; *t uses the offset
	                      in force before the gap */
	PM_LOCAL_AMBIGUOUS /* happens twice; *t is the earlier instant */
} pm_local_status;

/* Converts a wall-clock time in tz to an instant. */
pm_local_status pm_tz_from_local(const pm_tz *, int y, int mo, int d, int h,
                                 int mi, int s, pm_time *t);

/* Offset east of UTC, in seconds, in force at instant t. */
int pm_tz_offset(const pm_tz *, pm_time t);

/* The instant of a stamp that has a date: its own offset when it has one,
 * else the wall clock in tz. *offset receives the offset used. */
pm_local_status pm_stamp_resolve(const pm_stamp *, const pm_tz *,
                                 pm_time *t, int *offset);

/* "2022-04-27T07:59:00+02:00" (always an offset, never "Z"). */
#define PM_TIME_ISO_MAX 32
void pm_time_format(pm_time t, int offset, char buf[PM_TIME_ISO_MAX]);

/* Parses what pm_time_format writes, also with "Z" or fractional seconds
 * (xs:dateTime with a zone). Returns 0 on success, -1 otherwise. */
int pm_time_parse_iso(const char *s, pm_time *t, int *offset);

/* "+02:00", "-05:30", "+00:00". */
void pm_offset_format(int offset, char buf[8]);

/* Human duration for messages: "45 s", "12 min", "3 h 15 min",
 * "2 d 4 h 30 min" (zero parts left out; negative values get a '-'). */
void pm_duration_format(int64_t seconds, char *buf, size_t n);

#endif
