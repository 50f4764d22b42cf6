/* check_time.c: timestamps, calendar arithmetic and DST as users meet them
 * in front matter and timelines, plus hostile zone files. */
/* mkdtemp, setenv: the tests, unlike the library, may change the
 * environment to point TZDIR at crafted files. */
#define _POSIX_C_SOURCE 200809L

#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pmtime.h"
#include "found.h"

#define H 3600

static pm_time
utc(int y, int mo, int d, int h, int mi, int s)
{
	return pm_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
}

/* Parses from a heap copy without a NUL, so that ASan catches any read
 * past len. */
static pm_stamp_status
parse(const char *s, unsigned flags, pm_stamp *st, size_t *used,
      size_t *bad, size_t *badlen)
{
	size_t len = strlen(s);
	char *copy = malloc(len ? len : 1);
	pm_stamp_status rc;

	memcpy(copy, s, len);
	rc = pm_stamp_parse(copy, len, flags, st, used, bad, badlen);
	free(copy);
	return rc;
}

static pm_tz *
load(const char *name)
{
	pm_tz *tz = pm_tz_load(name);

	ck_assert_msg(tz != NULL, "zone %s did not load", name);
	return tz;
}

/* ---- Parsing ---- */

START_TEST(test_full_forms)
{
	static const struct {
		const char *s;
		int y, mo, d, h, mi, sec, has_sec, has_off, off;
	} c[] = {
	    {"2022-04-27 07:59", 2022, 4, 27, 7, 59, 0, 0, 0, 0},
	    {"2022-04-27T07:59:30", 2022, 4, 27, 7, 59, 30, 1, 0, 0},
	    {"2022-04-27 07:59Z", 2022, 4, 27, 7, 59, 0, 0, 1, 0},
	    {"2022-04-27T07:59:30+02:00", 2022, 4, 27, 7, 59, 30, 1, 1, 7200},
	    {"2022-04-27 07:59:30-05:30", 2022, 4, 27, 7, 59, 30, 1, 1, -19800},
	    {"2022-04-27 07:59+0200", 2022, 4, 27, 7, 59, 0, 0, 1, 7200},
	    {"2022-04-27 07:59-03", 2022, 4, 27, 7, 59, 0, 0, 1, -10800},
	    {"2022-04-27 07:59 +02:00", 2022, 4, 27, 7, 59, 0, 0, 1, 7200},
	    {"2001-12-14 21:59:43.10 -5", 2001, 12, 14, 21, 59, 43, 1, 1,
	     -18000},
	    {"2001-12-15T02:59:43.1Z", 2001, 12, 15, 2, 59, 43, 1, 1, 0},
	    {"2022-04-27 07:59:30+2", 2022, 4, 27, 7, 59, 30, 1, 1, 7200},
	    {"2022-04-27 07:59:30+5:30", 2022, 4, 27, 7, 59, 30, 1, 1, 19800},
	    {"  2022-04-27 07:59\t ", 2022, 4, 27, 7, 59, 0, 0, 0, 0},
	    {"2024-02-29 00:00", 2024, 2, 29, 0, 0, 0, 0, 0, 0},
	    {"2000-02-29 12:00", 2000, 2, 29, 12, 0, 0, 0, 0, 0},
	    {"0001-01-01 00:00", 1, 1, 1, 0, 0, 0, 0, 0, 0},
	    {"2022-04-27 07:59+14:00", 2022, 4, 27, 7, 59, 0, 0, 1, 50400},
	    {"9999-12-31 23:59:59", 9999, 12, 31, 23, 59, 59, 1, 0, 0},
	};
	size_t i, used, bad, badlen;
	pm_stamp st;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		ck_assert_msg(parse(c[i].s, 0, &st, &used, &bad, &badlen) ==
		                  PM_STAMP_OK,
		              "%s rejected at %zu", c[i].s, bad);
		ck_assert_msg(st.year == c[i].y && st.month == c[i].mo &&
		                  st.day == c[i].d && st.hour == c[i].h &&
		                  st.min == c[i].mi && st.sec == c[i].sec,
		              "%s: wrong fields", c[i].s);
		ck_assert_msg(st.has_date && st.has_sec == c[i].has_sec &&
		                  st.has_offset == c[i].has_off &&
		                  st.offset == c[i].off,
		              "%s: wrong flags or offset %d", c[i].s,
		              st.offset);
		ck_assert_uint_eq(used, strlen(c[i].s));
	}
}
END_TEST

START_TEST(test_time_only)
{
	pm_stamp st;
	size_t used, bad, badlen;

	ck_assert_int_eq(parse("07:59", PM_STAMP_TIME_ONLY, &st, &used, &bad,
	                       &badlen),
	                 PM_STAMP_OK);
	ck_assert(!st.has_date && !st.has_sec && !st.has_offset);
	ck_assert_int_eq(st.hour, 7);
	ck_assert_int_eq(st.min, 59);
	ck_assert_int_eq(st.year, 0);
	ck_assert_int_eq(parse("23:59:59-05:00", PM_STAMP_TIME_ONLY, &st,
	                       &used, &bad, &badlen),
	                 PM_STAMP_OK);
	ck_assert(st.has_sec && st.has_offset);
	ck_assert_int_eq(st.sec, 59);
	ck_assert_int_eq(st.offset, -18000);
	ck_assert_int_eq(parse("07:59Z", PM_STAMP_TIME_ONLY, &st, &used, &bad,
	                       &badlen),
	                 PM_STAMP_OK);
	ck_assert(st.has_offset && st.offset == 0);
	/* The full form is still fine where a time alone is. */
	ck_assert_int_eq(parse("2022-04-27 07:59", PM_STAMP_TIME_ONLY, &st,
	                       &used, &bad, &badlen),
	                 PM_STAMP_OK);
	ck_assert(st.has_date);
	/* Without the flag a time alone is not a timestamp. */
	ck_assert_int_eq(parse("07:59", 0, &st, &used, &bad, &badlen),
	                 PM_STAMP_SYNTAX);
	ck_assert_uint_eq(bad, 2);
}
END_TEST

START_TEST(test_range_errors)
{
	static const struct {
		const char *s;
		unsigned flags;
		size_t bad, badlen;
	} c[] = {
	    {"2022-02-30 10:00", 0, 8, 2},
	    {"2021-02-29 10:00", 0, 8, 2},
	    {"1900-02-29 10:00", 0, 8, 2},
	    {"2022-04-31 10:00", 0, 8, 2},
	    {"2022-04-00 10:00", 0, 8, 2},
	    {"2022-13-01 10:00", 0, 5, 2},
	    {"2022-00-10 10:00", 0, 5, 2},
	    {"2022-13-45 10:00", 0, 5, 2},
	    {"2022-04-27 24:00", 0, 11, 2},
	    {"2022-04-27 23:60", 0, 14, 2},
	    {"2022-04-27 23:59:60", 0, 17, 2},
	    {"2022-04-27 07:59+24:00", 0, 17, 2},
	    {"2022-04-27 07:59+02:60", 0, 20, 2},
	    {"  2022-02-30 10:00", 0, 10, 2},
	    /* xs:dateTime, the IR's type: no year 0, offsets to 14:00 */
	    {"0000-01-01 00:00", 0, 0, 4},
	    {"2022-04-27 07:59+15:00", 0, 17, 2},
	    {"2022-04-27 07:59-14:30", 0, 20, 2},
	    {"25:61", PM_STAMP_TIME_ONLY, 0, 2},
	    {"24:00", PM_STAMP_TIME_ONLY, 0, 2},
	    {"12:60", PM_STAMP_TIME_ONLY, 3, 2},
	    {"12:00:60", PM_STAMP_TIME_ONLY, 6, 2},
	    {"25:61 — HVL reports", PM_STAMP_TIME_ONLY | PM_STAMP_PREFIX, 0,
	     2},
	};
	size_t i, used, bad, badlen;
	pm_stamp st;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		ck_assert_msg(parse(c[i].s, c[i].flags, &st, &used, &bad,
		                    &badlen) == PM_STAMP_RANGE,
		              "%s not a range error", c[i].s);
		ck_assert_msg(bad == c[i].bad && badlen == c[i].badlen,
		              "%s: fault at %zu+%zu, want %zu+%zu", c[i].s, bad,
		              badlen, c[i].bad, c[i].badlen);
		ck_assert_uint_eq(used, 0);
	}
}
END_TEST

START_TEST(test_syntax_errors)
{
	static const struct {
		const char *s;
		unsigned flags;
		size_t bad;
	} c[] = {
	    {"7:59", PM_STAMP_TIME_ONLY, 1},
	    {"7:59", 0, 1},
	    {"2022-04-27", 0, 10},
	    {"2022-04-27 7:59", 0, 12},
	    {"2022-4-27 07:59", 0, 6},
	    {"2022/04/27 07:59", 0, 4},
	    {"22-04-27 07:59", 0, 2},
	    {"", 0, 0},
	    {"   ", 0, 3},
	    {"2022-04-27X07:59", 0, 10},
	    {"2022-04-27t07:59", 0, 10},
	    {"2022-04-27 07:59 x", 0, 17},
	    {"2022-04-27 07:59 UTC", 0, 17},
	    {"2022-04-27 07:59:3", 0, 18},
	    {"2022-04-27 07:5a", 0, 15},
	    {"2022-04-27 07:59+", 0, 16},
	    {"2022-04-27 07:59+200", 0, 20},
	    {"2022-04-27T07:59:30.", 0, 19},
	    {"2022-04-27  07:59", 0, 11},
	    {"07:59+02", PM_STAMP_TIME_ONLY, 8},
	    {"07:59:30.5", PM_STAMP_TIME_ONLY, 8},
	    {"07:59 +02:00", PM_STAMP_TIME_ONLY, 6},
	    {"07:59 — HVL reports", PM_STAMP_TIME_ONLY, 6},
	};
	size_t i, used, bad, badlen;
	pm_stamp st;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		ck_assert_msg(parse(c[i].s, c[i].flags, &st, &used, &bad,
		                    &badlen) == PM_STAMP_SYNTAX,
		              "\"%s\" not a syntax error", c[i].s);
		ck_assert_msg(bad == c[i].bad, "\"%s\": fault at %zu, want %zu",
		              c[i].s, bad, c[i].bad);
		ck_assert_uint_eq(badlen, bad < strlen(c[i].s) ? 1 : 0);
	}
}
END_TEST

/* s is not NUL-terminated: the length alone says where it ends. */
START_TEST(test_explicit_length)
{
	const char *s = "2022-04-27 07:59:30+02:00";
	pm_stamp st;
	size_t used, bad, badlen;

	ck_assert_int_eq(pm_stamp_parse(s, 16, 0, &st, &used, &bad, &badlen),
	                 PM_STAMP_OK);
	ck_assert(!st.has_sec && !st.has_offset);
	ck_assert_uint_eq(used, 16);
	ck_assert_int_eq(pm_stamp_parse(s, 18, 0, &st, &used, &bad, &badlen),
	                 PM_STAMP_SYNTAX);
	ck_assert_uint_eq(bad, 18);
	ck_assert_uint_eq(badlen, 0);
	ck_assert_int_eq(pm_stamp_parse(s, 22, 0, &st, &used, &bad, &badlen),
	                 PM_STAMP_OK);
	ck_assert_int_eq(st.offset, 7200);
	ck_assert_int_eq(pm_stamp_parse(s, 0, 0, &st, &used, &bad, &badlen),
	                 PM_STAMP_SYNTAX);
	ck_assert_int_eq(pm_stamp_parse(s, 19, 0, NULL, NULL, NULL, NULL),
	                 PM_STAMP_OK);
}
END_TEST

START_TEST(test_prefix)
{
	static const struct {
		const char *s;
		unsigned flags;
		size_t used;
		int has_off, off, has_sec;
	} c[] = {
	    {"07:59 — HVL reports", PM_STAMP_TIME_ONLY, 5, 0, 0, 0},
	    {"2022-04-27 07:59:30+02:00 [detected] HVL", 0, 25, 1, 7200, 1},
	    {"2022-04-27 07:59 +02:00 [detected]", 0, 23, 1, 7200, 0},
	    {"2022-04-27 07:59 Z", 0, 18, 1, 0, 0},
	    {"2022-04-27 07:59 -5 servers down", 0, 16, 0, 0, 0},
	    {"2022-04-27 07:59 +0200 deploy", 0, 16, 0, 0, 0},
	    {"2022-04-27 07:59 - deploy", 0, 16, 0, 0, 0},
	    {"2022-04-27 07:59 Zone A failed", 0, 16, 0, 0, 0},
	    {"2022-04-27 07:59-5 servers", 0, 18, 1, -18000, 0},
	    {"2022-04-27 07:59:30.250Z rest", 0, 24, 1, 0, 1},
	    {"07:59: paged", PM_STAMP_TIME_ONLY, 5, 0, 0, 0},
	    {"07:59:30. Then", PM_STAMP_TIME_ONLY, 8, 0, 0, 1},
	    {"07:59Z deploy", PM_STAMP_TIME_ONLY, 6, 1, 0, 0},
	    {"07:59-deploy", PM_STAMP_TIME_ONLY, 5, 0, 0, 0},
	    {"  07:59 x", PM_STAMP_TIME_ONLY, 7, 0, 0, 0},
	    {"07:59", PM_STAMP_TIME_ONLY, 5, 0, 0, 0},
	};
	size_t i, used, bad, badlen;
	pm_stamp st;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		ck_assert_msg(parse(c[i].s, c[i].flags | PM_STAMP_PREFIX, &st,
		                    &used, &bad, &badlen) == PM_STAMP_OK,
		              "\"%s\" rejected at %zu", c[i].s, bad);
		ck_assert_msg(used == c[i].used, "\"%s\": used %zu, want %zu",
		              c[i].s, used, c[i].used);
		ck_assert_msg(st.has_offset == c[i].has_off &&
		                  st.offset == c[i].off &&
		                  st.has_sec == c[i].has_sec,
		              "\"%s\": wrong offset or seconds", c[i].s);
	}
	ck_assert_int_eq(parse("7:59 — x", PM_STAMP_TIME_ONLY | PM_STAMP_PREFIX,
	                       &st, &used, &bad, &badlen),
	                 PM_STAMP_SYNTAX);
	ck_assert_uint_eq(bad, 1);
	ck_assert_int_eq(parse("Deploy at 07:59",
	                       PM_STAMP_TIME_ONLY | PM_STAMP_PREFIX, &st,
	                       &used, &bad, &badlen),
	                 PM_STAMP_SYNTAX);
	ck_assert_uint_eq(bad, 0);
	ck_assert_int_eq(parse("07:59:3x", PM_STAMP_TIME_ONLY | PM_STAMP_PREFIX,
	                       &st, &used, &bad, &badlen),
	                 PM_STAMP_SYNTAX);
	ck_assert_uint_eq(bad, 7);
}
END_TEST

START_TEST(test_date_parse)
{
	int y = 0, m = 0, d = 0;

	ck_assert_int_eq(pm_date_parse("2022-04-27", 10, &y, &m, &d),
	                 PM_STAMP_OK);
	ck_assert(y == 2022 && m == 4 && d == 27);
	ck_assert_int_eq(pm_date_parse(" 2024-02-29 ", 12, &y, &m, &d),
	                 PM_STAMP_OK);
	ck_assert(y == 2024 && m == 2 && d == 29);
	ck_assert_int_eq(pm_date_parse("2023-02-29", 10, &y, &m, &d),
	                 PM_STAMP_RANGE);
	ck_assert_int_eq(pm_date_parse("2023-13-01", 10, &y, &m, &d),
	                 PM_STAMP_RANGE);
	ck_assert_int_eq(pm_date_parse("2022-04-27 07:59", 16, &y, &m, &d),
	                 PM_STAMP_SYNTAX);
	ck_assert_int_eq(pm_date_parse("2022-4-27", 9, &y, &m, &d),
	                 PM_STAMP_SYNTAX);
	ck_assert_int_eq(pm_date_parse("2022-04-27", 9, &y, &m, &d),
	                 PM_STAMP_SYNTAX);
	ck_assert_int_eq(pm_date_parse("", 0, &y, &m, &d), PM_STAMP_SYNTAX);
}
END_TEST

/* ---- Calendar ---- */

START_TEST(test_days_known)
{
	ck_assert_int_eq(pm_days_from_civil(1970, 1, 1), 0);
	ck_assert_int_eq(pm_days_from_civil(1969, 12, 31), -1);
	ck_assert_int_eq(pm_days_from_civil(2000, 3, 1), 11017);
	ck_assert_int_eq(pm_days_from_civil(2022, 4, 27), 19109);
	ck_assert_int_eq(pm_days_from_civil(0, 1, 1), -719528);
	ck_assert_int_eq(pm_days_from_civil(0, 3, 1), -719468);
	ck_assert_int_eq(pm_days_from_civil(9999, 12, 31), 2932896);
	ck_assert_int_eq(pm_days_in_month(1900, 2), 28);
	ck_assert_int_eq(pm_days_in_month(2000, 2), 29);
	ck_assert_int_eq(pm_days_in_month(2023, 2), 28);
	ck_assert_int_eq(pm_days_in_month(2024, 2), 29);
	ck_assert_int_eq(pm_days_in_month(2022, 4), 30);
	ck_assert_int_eq(pm_days_in_month(2022, 12), 31);
	ck_assert_int_eq(pm_days_in_month(2022, 0), 0);
	ck_assert_int_eq(pm_days_in_month(2022, 13), 0);
}
END_TEST

/* Walks every day of 0000-9999: each is the day after the one before,
 * and converts back to its own number. (Plain ifs: a ck_assert per day
 * would cost a pipe write each.) */
START_TEST(test_days_round_trip)
{
	int64_t n, first = pm_days_from_civil(0, 1, 1);
	int64_t last = pm_days_from_civil(9999, 12, 31);
	int y = 0, m = 0, d = 0, py = -1, pm = 12, pd = 31, next;

	for (n = first; n <= last; n++) {
		pm_civil_from_days(n, &y, &m, &d);
		if (pd < pm_days_in_month(py, pm))
			next = y == py && m == pm && d == pd + 1;
		else if (pm < 12)
			next = y == py && m == pm + 1 && d == 1;
		else
			next = y == py + 1 && m == 1 && d == 1;
		if (!next || pm_days_from_civil(y, m, d) != n)
			ck_abort_msg("day %lld is %04d-%02d-%02d, after "
			             "%04d-%02d-%02d",
			             (long long)n, y, m, d, py, pm, pd);
		py = y, pm = m, pd = d;
	}
	ck_assert(y == 9999 && m == 12 && d == 31);
}
END_TEST

/* ---- Zones from the system ---- */

START_TEST(test_utc_names)
{
	static const char *const names[] = {"UTC", "Z", "Etc/UTC", "+00:00"};
	pm_time t;
	size_t i;
	pm_tz *tz;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		tz = load(names[i]);
		ck_assert_int_eq(pm_tz_offset(tz, utc(2022, 7, 1, 12, 0, 0)), 0);
		ck_assert_int_eq(pm_tz_offset(tz, utc(2100, 1, 1, 0, 0, 0)), 0);
		ck_assert_int_eq(pm_tz_from_local(tz, 2022, 3, 27, 2, 30, 0, &t),
		                 PM_LOCAL_OK);
		ck_assert_int_eq(t, utc(2022, 3, 27, 2, 30, 0));
		pm_tz_free(tz);
	}
}
END_TEST

START_TEST(test_fixed_offsets)
{
	static const char *const bad[] = {"+5:30", "+05:60", "+24:00",
	                                  "+0530", "05:30",  "+05:30 ",
	                                  "+05",   "-",      "+05:3x",
	                                  "+15:00", "+14:30", "-14:01"};
	pm_tz *tz;
	pm_time t;
	size_t i;

	tz = load("+05:30");
	ck_assert_int_eq(pm_tz_offset(tz, 0), 19800);
	ck_assert_int_eq(pm_tz_from_local(tz, 2022, 4, 27, 7, 59, 0, &t),
	                 PM_LOCAL_OK);
	ck_assert_int_eq(t, utc(2022, 4, 27, 2, 29, 0));
	pm_tz_free(tz);
	tz = load("-14:00"); /* as far as zones (and xs:dateTime) go */
	ck_assert_int_eq(pm_tz_offset(tz, 0), -50400);
	pm_tz_free(tz);
	tz = load("-03:00");
	ck_assert_int_eq(pm_tz_offset(tz, utc(2022, 7, 1, 0, 0, 0)), -10800);
	pm_tz_free(tz);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(pm_tz_load(bad[i]) == NULL, "%s loaded", bad[i]);
}
END_TEST

START_TEST(test_invalid_names)
{
	static const char *const bad[] = {
	    "../etc/passwd",    "Europe/../Europe/Oslo",
	    "/etc/localtime",   "/usr/share/zoneinfo/Europe/Oslo",
	    "Nowhere/City",     "",
	    "Europe/Oslo ",     "Europe\\Oslo",
	    "zone.tab",         "Europe",
	    "Europe/Oslo\n",    "Europe/Oslo%00",
	    "utc",              "..",
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(pm_tz_load(bad[i]) == NULL, "\"%s\" loaded",
		              bad[i]);
	ck_assert_ptr_null(pm_tz_load(NULL));
	pm_tz_free(NULL);
}
END_TEST

START_TEST(test_oslo_offsets)
{
	pm_tz *tz = load("Europe/Oslo");

	ck_assert_int_eq(pm_tz_offset(tz, utc(2022, 1, 15, 12, 0, 0)), H);
	ck_assert_int_eq(pm_tz_offset(tz, utc(2022, 7, 1, 12, 0, 0)), 2 * H);
	ck_assert_int_eq(pm_tz_offset(tz, utc(2022, 3, 27, 0, 59, 59)), H);
	ck_assert_int_eq(pm_tz_offset(tz, utc(2022, 3, 27, 1, 0, 0)), 2 * H);
	ck_assert_int_eq(pm_tz_offset(tz, utc(2022, 10, 30, 0, 59, 59)),
	                 2 * H);
	ck_assert_int_eq(pm_tz_offset(tz, utc(2022, 10, 30, 1, 0, 0)), H);
	/* Norway had no DST in 1970. */
	ck_assert_int_eq(pm_tz_offset(tz, utc(1970, 7, 1, 0, 0, 0)), H);
	pm_tz_free(tz);
}
END_TEST

START_TEST(test_oslo_gap)
{
	pm_tz *tz = load("Europe/Oslo");
	pm_time t;

	ck_assert_int_eq(pm_tz_from_local(tz, 2022, 3, 27, 2, 30, 0, &t),
	                 PM_LOCAL_GAP);
	/* 02:30 read with the +01:00 in force before the gap. */
	ck_assert_int_eq(t, utc(2022, 3, 27, 1, 30, 0));
	ck_assert_int_eq(pm_tz_from_local(tz, 2022, 3, 27, 2, 0, 0, &t),
	                 PM_LOCAL_GAP);
	ck_assert_int_eq(pm_tz_from_local(tz, 2022, 3, 27, 1, 59, 59, &t),
	                 PM_LOCAL_OK);
	ck_assert_int_eq(t, utc(2022, 3, 27, 0, 59, 59));
	ck_assert_int_eq(pm_tz_from_local(tz, 2022, 3, 27, 3, 0, 0, &t),
	                 PM_LOCAL_OK);
	ck_assert_int_eq(t, utc(2022, 3, 27, 1, 0, 0));
	pm_tz_free(tz);
}
END_TEST

START_TEST(test_oslo_ambiguous)
{
	pm_tz *tz = load("Europe/Oslo");
	pm_time t;

	ck_assert_int_eq(pm_tz_from_local(tz, 2022, 10, 30, 2, 30, 0, &t),
	                 PM_LOCAL_AMBIGUOUS);
	/* The earlier of the two: 02:30+02:00. */
	ck_assert_int_eq(t, utc(2022, 10, 30, 0, 30, 0));
	ck_assert_int_eq(pm_tz_from_local(tz, 2022, 10, 30, 2, 0, 0, &t),
	                 PM_LOCAL_AMBIGUOUS);
	ck_assert_int_eq(t, utc(2022, 10, 30, 0, 0, 0));
	ck_assert_int_eq(pm_tz_from_local(tz, 2022, 10, 30, 1, 59, 59, &t),
	                 PM_LOCAL_OK);
	ck_assert_int_eq(pm_tz_from_local(tz, 2022, 10, 30, 3, 0, 0, &t),
	                 PM_LOCAL_OK);
	ck_assert_int_eq(t, utc(2022, 10, 30, 2, 0, 0));
	pm_tz_free(tz);
}
END_TEST

/* Time to mitigate across the spring change is wall difference minus 1 h. */
START_TEST(test_duration_across_dst)
{
	pm_tz *tz = load("Europe/Oslo");
	pm_time a, b;
	char buf[64];

	ck_assert_int_eq(pm_tz_from_local(tz, 2022, 3, 27, 1, 0, 0, &a),
	                 PM_LOCAL_OK);
	ck_assert_int_eq(pm_tz_from_local(tz, 2022, 3, 27, 4, 0, 0, &b),
	                 PM_LOCAL_OK);
	ck_assert_int_eq(b - a, 2 * H);
	pm_duration_format(b - a, buf, sizeof(buf));
	ck_assert_str_eq(buf, "2 h");
	ck_assert_int_eq(pm_tz_from_local(tz, 2022, 10, 30, 1, 0, 0, &a),
	                 PM_LOCAL_OK);
	ck_assert_int_eq(pm_tz_from_local(tz, 2022, 10, 30, 4, 0, 0, &b),
	                 PM_LOCAL_OK);
	ck_assert_int_eq(b - a, 4 * H);
	pm_tz_free(tz);
}
END_TEST

START_TEST(test_new_york)
{
	pm_tz *tz = load("America/New_York");
	pm_time t;

	ck_assert_int_eq(pm_tz_offset(tz, utc(2023, 1, 15, 12, 0, 0)), -5 * H);
	ck_assert_int_eq(pm_tz_offset(tz, utc(2023, 7, 1, 12, 0, 0)), -4 * H);
	ck_assert_int_eq(pm_tz_from_local(tz, 2023, 3, 12, 2, 30, 0, &t),
	                 PM_LOCAL_GAP);
	ck_assert_int_eq(t, utc(2023, 3, 12, 7, 30, 0));
	ck_assert_int_eq(pm_tz_from_local(tz, 2023, 11, 5, 1, 30, 0, &t),
	                 PM_LOCAL_AMBIGUOUS);
	ck_assert_int_eq(t, utc(2023, 11, 5, 5, 30, 0));
	ck_assert_int_eq(pm_tz_from_local(tz, 2023, 7, 4, 12, 0, 0, &t),
	                 PM_LOCAL_OK);
	ck_assert_int_eq(t, utc(2023, 7, 4, 16, 0, 0));
	pm_tz_free(tz);
}
END_TEST

START_TEST(test_tokyo)
{
	pm_tz *tz = load("Asia/Tokyo");
	pm_time t;

	ck_assert_int_eq(pm_tz_offset(tz, utc(2022, 1, 15, 0, 0, 0)), 9 * H);
	ck_assert_int_eq(pm_tz_offset(tz, utc(2022, 7, 1, 0, 0, 0)), 9 * H);
	ck_assert_int_eq(pm_tz_offset(tz, utc(2150, 7, 1, 0, 0, 0)), 9 * H);
	ck_assert_int_eq(pm_tz_from_local(tz, 2022, 3, 27, 2, 30, 0, &t),
	                 PM_LOCAL_OK);
	ck_assert_int_eq(t, utc(2022, 3, 26, 17, 30, 0));
	pm_tz_free(tz);
}
END_TEST

/* Half-hour DST, southern hemisphere. */
START_TEST(test_lord_howe)
{
	pm_tz *tz = pm_tz_load("Australia/Lord_Howe");
	pm_time t;

	if (tz == NULL)
		return; /* not every tzdata installs it */
	ck_assert_int_eq(pm_tz_offset(tz, utc(2023, 1, 15, 0, 0, 0)), 11 * H);
	ck_assert_int_eq(pm_tz_offset(tz, utc(2023, 7, 1, 0, 0, 0)),
	                 10 * H + 1800);
	ck_assert_int_eq(pm_tz_offset(tz, utc(2100, 1, 1, 0, 0, 0)), 11 * H);
	ck_assert_int_eq(pm_tz_from_local(tz, 2022, 10, 2, 2, 15, 0, &t),
	                 PM_LOCAL_GAP);
	ck_assert_int_eq(t, utc(2022, 10, 1, 15, 45, 0));
	ck_assert_int_eq(pm_tz_from_local(tz, 2023, 4, 2, 1, 45, 0, &t),
	                 PM_LOCAL_AMBIGUOUS);
	ck_assert_int_eq(t, utc(2023, 4, 1, 14, 45, 0));
	pm_tz_free(tz);
}
END_TEST

/* Past the file's transitions the footer's rule must take over. */
START_TEST(test_far_future)
{
	pm_tz *tz = load("Europe/Oslo");
	pm_time t;

	ck_assert_int_eq(pm_tz_from_local(tz, 2100, 7, 1, 12, 0, 0, &t),
	                 PM_LOCAL_OK);
	ck_assert_int_eq(t, utc(2100, 7, 1, 10, 0, 0));
	ck_assert_int_eq(pm_tz_offset(tz, t), 2 * H);
	ck_assert_int_eq(pm_tz_offset(tz, utc(2100, 1, 1, 12, 0, 0)), H);
	/* Last Sunday of March 2100 is the 28th. */
	ck_assert_int_eq(pm_tz_from_local(tz, 2100, 3, 28, 2, 30, 0, &t),
	                 PM_LOCAL_GAP);
	ck_assert_int_eq(pm_tz_from_local(tz, 2100, 3, 21, 2, 30, 0, &t),
	                 PM_LOCAL_OK);
	ck_assert_int_eq(pm_tz_from_local(tz, 2100, 10, 31, 2, 30, 0, &t),
	                 PM_LOCAL_AMBIGUOUS);
	ck_assert_int_eq(pm_tz_offset(tz, utc(9999, 7, 1, 0, 0, 0)), 2 * H);
	ck_assert_int_eq(pm_tz_offset(tz, utc(9999, 12, 1, 0, 0, 0)), H);
	ck_assert_int_eq(pm_tz_offset(tz, INT64_MAX), H);
	pm_tz_free(tz);
}
END_TEST

START_TEST(test_stamp_resolve)
{
	pm_tz *tz = load("Europe/Oslo");
	pm_stamp st;
	pm_time t;
	int off;

	ck_assert_int_eq(parse("2022-04-27 07:59", 0, &st, NULL, NULL, NULL),
	                 PM_STAMP_OK);
	ck_assert_int_eq(pm_stamp_resolve(&st, tz, &t, &off), PM_LOCAL_OK);
	ck_assert_int_eq(t, utc(2022, 4, 27, 5, 59, 0));
	ck_assert_int_eq(off, 2 * H);
	/* An offset written in the stamp beats the zone. */
	ck_assert_int_eq(parse("2022-04-27 07:59-05:00", 0, &st, NULL, NULL,
	                       NULL),
	                 PM_STAMP_OK);
	ck_assert_int_eq(pm_stamp_resolve(&st, tz, &t, &off), PM_LOCAL_OK);
	ck_assert_int_eq(t, utc(2022, 4, 27, 12, 59, 0));
	ck_assert_int_eq(off, -5 * H);
	ck_assert_int_eq(parse("2022-03-27 02:30", 0, &st, NULL, NULL, NULL),
	                 PM_STAMP_OK);
	ck_assert_int_eq(pm_stamp_resolve(&st, tz, &t, &off), PM_LOCAL_GAP);
	ck_assert_int_eq(t, utc(2022, 3, 27, 1, 30, 0));
	ck_assert_int_eq(off, H);
	ck_assert_int_eq(parse("2022-10-30 02:30", 0, &st, NULL, NULL, NULL),
	                 PM_STAMP_OK);
	ck_assert_int_eq(pm_stamp_resolve(&st, tz, &t, &off),
	                 PM_LOCAL_AMBIGUOUS);
	ck_assert_int_eq(off, 2 * H);
	ck_assert_int_eq(pm_stamp_resolve(&st, NULL, &t, &off), PM_LOCAL_OK);
	ck_assert_int_eq(t, utc(2022, 10, 30, 2, 30, 0));
	ck_assert_int_eq(off, 0);
	pm_tz_free(tz);
}
END_TEST

/* ---- Crafted and hostile zone files ---- */

static char tzdir[64];
static char *old_tzdir;

static void
dir_setup(void)
{
	const char *o = getenv("TZDIR");

	old_tzdir = o != NULL ? strdup(o) : NULL;
	strcpy(tzdir, "/tmp/check_time.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tzdir));
	setenv("TZDIR", tzdir, 1);
}

static void
dir_teardown(void)
{
	char path[128];
	static const char *const names[] = {"Z1", "Z2", "Oslo"};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", tzdir, names[i]);
		unlink(path);
	}
	rmdir(tzdir);
	if (old_tzdir != NULL)
		setenv("TZDIR", old_tzdir, 1);
	else
		unsetenv("TZDIR");
	free(old_tzdir);
	old_tzdir = NULL;
}

static void
put_file(const char *name, const void *data, size_t len)
{
	char path[128];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tzdir, name);
	f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(data, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
}

/* A zone to write as TZif; v1 data is written too, as fat files do. */
struct zspec {
	char version; /* 0 (v1), '2', '3' */
	size_t ntrans;
	int64_t trans[4];
	unsigned char idx[4];
	size_t ntypes;
	int32_t off[4];
	unsigned char isdst[4];
	uint32_t leap;    /* leap-second records, each zero */
	const char *foot; /* the TZ string, or NULL for no footer at all */
};

struct out {
	unsigned char b[4096];
	size_t len;
};

static void
put_u32(struct out *o, uint32_t v)
{
	int i;

	for (i = 3; i >= 0; i--)
		o->b[o->len++] = (unsigned char)(v >> (8 * i));
}

static void
put_u64(struct out *o, uint64_t v)
{
	put_u32(o, (uint32_t)(v >> 32));
	put_u32(o, (uint32_t)v);
}

static void
put_block(struct out *o, const struct zspec *z, int w)
{
	size_t i;

	memcpy(o->b + o->len, "TZif", 4);
	o->b[o->len + 4] = (unsigned char)z->version;
	memset(o->b + o->len + 5, 0, 15);
	o->len += 20;
	put_u32(o, 0); /* isut */
	put_u32(o, 0); /* isstd */
	put_u32(o, z->leap);
	put_u32(o, (uint32_t)z->ntrans);
	put_u32(o, (uint32_t)z->ntypes);
	put_u32(o, 4); /* "ABC\0" */
	for (i = 0; i < z->ntrans; i++)
		if (w == 8)
			put_u64(o, (uint64_t)z->trans[i]);
		else
			put_u32(o, (uint32_t)z->trans[i]);
	for (i = 0; i < z->ntrans; i++)
		o->b[o->len++] = z->idx[i];
	for (i = 0; i < z->ntypes; i++) {
		put_u32(o, (uint32_t)z->off[i]);
		o->b[o->len++] = z->isdst[i];
		o->b[o->len++] = 0;
	}
	memcpy(o->b + o->len, "ABC", 4);
	o->len += 4;
	memset(o->b + o->len, 0, z->leap * (size_t)(w + 4));
	o->len += z->leap * (size_t)(w + 4);
}

static size_t
build(const struct zspec *z, struct out *o)
{
	o->len = 0;
	put_block(o, z, 4);
	if (z->version == 0)
		return o->len;
	put_block(o, z, 8);
	if (z->foot != NULL)
		o->len += (size_t)sprintf((char *)o->b + o->len, "\n%s\n",
		                          z->foot);
	return o->len;
}

static pm_tz *
load_spec(const struct zspec *z)
{
	struct out o;

	build(z, &o);
	put_file("Z1", o.b, o.len);
	return pm_tz_load("Z1");
}

/* A slim file: no transitions, all from the footer. */
static pm_tz *
load_rule(const char *foot)
{
	struct zspec z = {'2', 0, {0}, {0}, 1, {0}, {0}, 0, foot};

	return load_spec(&z);
}

START_TEST(test_slim_footer_only)
{
	pm_tz *tz = load_rule("CET-1CEST,M3.5.0,M10.5.0/3");
	pm_time t;

	ck_assert_ptr_nonnull(tz);
	ck_assert_int_eq(pm_tz_offset(tz, utc(2022, 1, 15, 0, 0, 0)), H);
	ck_assert_int_eq(pm_tz_offset(tz, utc(2022, 3, 27, 0, 59, 59)), H);
	ck_assert_int_eq(pm_tz_offset(tz, utc(2022, 3, 27, 1, 0, 0)), 2 * H);
	ck_assert_int_eq(pm_tz_offset(tz, utc(2022, 10, 30, 0, 59, 59)),
	                 2 * H);
	ck_assert_int_eq(pm_tz_offset(tz, utc(2022, 10, 30, 1, 0, 0)), H);
	ck_assert_int_eq(pm_tz_from_local(tz, 2022, 3, 27, 2, 30, 0, &t),
	                 PM_LOCAL_GAP);
	ck_assert_int_eq(t, utc(2022, 3, 27, 1, 30, 0));
	ck_assert_int_eq(pm_tz_from_local(tz, 2022, 10, 30, 2, 30, 0, &t),
	                 PM_LOCAL_AMBIGUOUS);
	ck_assert_int_eq(t, utc(2022, 10, 30, 0, 30, 0));
	pm_tz_free(tz);
}
END_TEST

/* Version 3: negative rule times (America/Nuuk since 2023). The change
 * happens on Saturday evening local time. */
START_TEST(test_footer_v3_negative_time)
{
	pm_tz *tz = load_rule("<-02>2<-01>,M3.5.0/-1,M10.5.0/0");
	pm_tz *nuuk = pm_tz_load("America/Nuuk");
	pm_time at[6];
	size_t i;

	ck_assert_ptr_nonnull(tz);
	at[0] = utc(2024, 3, 31, 0, 59, 59);
	at[1] = utc(2024, 3, 31, 1, 0, 0);
	at[2] = utc(2024, 10, 27, 0, 59, 59);
	at[3] = utc(2024, 10, 27, 1, 0, 0);
	at[4] = utc(2030, 3, 31, 0, 59, 59);
	at[5] = utc(2030, 3, 31, 1, 0, 0);
	ck_assert_int_eq(pm_tz_offset(tz, at[0]), -2 * H);
	ck_assert_int_eq(pm_tz_offset(tz, at[1]), -H);
	ck_assert_int_eq(pm_tz_offset(tz, at[2]), -H);
	ck_assert_int_eq(pm_tz_offset(tz, at[3]), -2 * H);
	ck_assert_int_eq(pm_tz_offset(tz, at[4]), -2 * H);
	ck_assert_int_eq(pm_tz_offset(tz, at[5]), -H);
	for (i = 0; nuuk != NULL && i < 6; i++)
		ck_assert_int_eq(pm_tz_offset(nuuk, at[i]),
		                 pm_tz_offset(tz, at[i]));
	pm_tz_free(nuuk);
	pm_tz_free(tz);
}
END_TEST

/* Version 3: DST all year, written as a start on January 1 00:00 and an
 * end 25 h after December 31 began. No gap, no fold at New Year. */
START_TEST(test_footer_all_year_dst)
{
	pm_tz *tz = load_rule("EST5EDT,0/0,J365/25");
	pm_time t;

	ck_assert_ptr_nonnull(tz);
	ck_assert_int_eq(pm_tz_offset(tz, utc(2022, 1, 1, 4, 30, 0)), -4 * H);
	ck_assert_int_eq(pm_tz_offset(tz, utc(2022, 7, 1, 0, 0, 0)), -4 * H);
	ck_assert_int_eq(pm_tz_offset(tz, utc(2023, 1, 1, 4, 0, 0)), -4 * H);
	ck_assert_int_eq(pm_tz_offset(tz, utc(2024, 12, 31, 23, 0, 0)),
	                 -4 * H);
	ck_assert_int_eq(pm_tz_from_local(tz, 2023, 1, 1, 0, 30, 0, &t),
	                 PM_LOCAL_OK);
	ck_assert_int_eq(t, utc(2023, 1, 1, 4, 30, 0));
	ck_assert_int_eq(pm_tz_from_local(tz, 2022, 12, 31, 23, 30, 0, &t),
	                 PM_LOCAL_OK);
	pm_tz_free(tz);
}
END_TEST

/* n counts February 29, Jn never does. */
START_TEST(test_footer_julian_days)
{
	pm_tz *tz = load_rule("XXX0YYY,59/0,J61/0");

	ck_assert_ptr_nonnull(tz);
	ck_assert_int_eq(pm_tz_offset(tz, utc(2024, 2, 28, 12, 0, 0)), 0);
	ck_assert_int_eq(pm_tz_offset(tz, utc(2024, 2, 29, 12, 0, 0)), H);
	ck_assert_int_eq(pm_tz_offset(tz, utc(2024, 3, 1, 12, 0, 0)), H);
	ck_assert_int_eq(pm_tz_offset(tz, utc(2024, 3, 2, 12, 0, 0)), 0);
	ck_assert_int_eq(pm_tz_offset(tz, utc(2023, 2, 28, 12, 0, 0)), 0);
	ck_assert_int_eq(pm_tz_offset(tz, utc(2023, 3, 1, 12, 0, 0)), H);
	ck_assert_int_eq(pm_tz_offset(tz, utc(2023, 3, 2, 12, 0, 0)), 0);
	pm_tz_free(tz);
}
END_TEST

START_TEST(test_footer_southern)
{
	pm_tz *tz = load_rule("AEST-10AEDT,M10.1.0,M4.1.0/3");
	pm_time t;

	ck_assert_ptr_nonnull(tz);
	ck_assert_int_eq(pm_tz_offset(tz, utc(2023, 1, 15, 0, 0, 0)), 11 * H);
	ck_assert_int_eq(pm_tz_offset(tz, utc(2023, 7, 1, 0, 0, 0)), 10 * H);
	ck_assert_int_eq(pm_tz_offset(tz, utc(2023, 12, 31, 20, 0, 0)),
	                 11 * H);
	/* Sunday 2023-10-01 02:00 -> 03:00. */
	ck_assert_int_eq(pm_tz_from_local(tz, 2023, 10, 1, 2, 30, 0, &t),
	                 PM_LOCAL_GAP);
	ck_assert_int_eq(pm_tz_from_local(tz, 2023, 4, 2, 2, 30, 0, &t),
	                 PM_LOCAL_AMBIGUOUS);
	ck_assert_int_eq(t, utc(2023, 4, 1, 15, 30, 0));
	pm_tz_free(tz);
}
END_TEST

START_TEST(test_footer_variants)
{
	static const struct {
		const char *foot;
		int ok;
		int32_t jan, jul; /* offsets in 2023 */
	} c[] = {
	    {"", 1, 0, 0}, /* empty footer: the table (type 0) rules */
	    {"JST-9", 1, 9 * H, 9 * H},
	    {"<+0545>-5:45", 1, 20700, 20700},
	    {"<-03>3", 1, -3 * H, -3 * H},
	    {"EST5EDT", 1, -5 * H, -4 * H}, /* no rule: US rules */
	    {"EST5EDT4,M3.2.0/2:00:00,M11.1.0/2", 1, -5 * H, -4 * H},
	    {"IST-1GMT0,M10.5.0,M3.5.0/1", 1, 0, H}, /* Irish negative DST */
	    {"CET-1CEST,M13.5.0,M10.5.0/3", 0, 0, 0},
	    {"CET-1CEST,M3.6.0,M10.5.0/3", 0, 0, 0},
	    {"CET-1CEST,M3.5.7,M10.5.0/3", 0, 0, 0},
	    {"CET-1CEST,J0,J100", 0, 0, 0},
	    {"CET-1CEST,366,J100", 0, 0, 0},
	    {"CET-1CEST,M3.5.0/168,M10.5.0/3", 0, 0, 0},
	    {"CET-1CEST,M3.5.0", 0, 0, 0},
	    {"CET-1CEST,M3.5.0,M10.5.0/3x", 0, 0, 0},
	    {"CET-25", 0, 0, 0},
	    {"CE-1", 0, 0, 0},
	    {"<+1>-1", 0, 0, 0},
	    {"CET", 0, 0, 0},
	};
	size_t i;
	pm_tz *tz;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		tz = load_rule(c[i].foot);
		ck_assert_msg((tz != NULL) == c[i].ok, "footer \"%s\" %s",
		              c[i].foot, tz ? "accepted" : "refused");
		if (tz == NULL)
			continue;
		ck_assert_msg(pm_tz_offset(tz, utc(2023, 1, 15, 0, 0, 0)) ==
		                      c[i].jan &&
		                  pm_tz_offset(tz, utc(2023, 7, 15, 0, 0, 0)) ==
		                      c[i].jul,
		              "footer \"%s\": wrong offsets", c[i].foot);
		pm_tz_free(tz);
	}
}
END_TEST

/* Transitions, then the footer after the last one; type 0 before. */
START_TEST(test_table_and_footer)
{
	struct zspec z = {'2',
	                  2,
	                  {utc(2022, 3, 27, 1, 0, 0), utc(2022, 10, 30, 1, 0, 0)},
	                  {1, 2},
	                  3,
	                  {2580, 2 * H, H},
	                  {0, 1, 0},
	                  0,
	                  "CET-1CEST,M3.5.0,M10.5.0/3"};
	pm_tz *tz = load_spec(&z);

	ck_assert_ptr_nonnull(tz);
	ck_assert_int_eq(pm_tz_offset(tz, utc(2022, 3, 27, 0, 59, 59)), 2580);
	ck_assert_int_eq(pm_tz_offset(tz, utc(2022, 3, 27, 1, 0, 0)), 2 * H);
	ck_assert_int_eq(pm_tz_offset(tz, utc(2022, 10, 30, 1, 0, 0)), H);
	ck_assert_int_eq(pm_tz_offset(tz, utc(2023, 7, 1, 0, 0, 0)), 2 * H);
	pm_tz_free(tz);
	/* Version 1: 32-bit times, no footer; the last type lasts. */
	z.version = 0;
	tz = load_spec(&z);
	ck_assert_ptr_nonnull(tz);
	ck_assert_int_eq(pm_tz_offset(tz, utc(2022, 7, 1, 0, 0, 0)), 2 * H);
	ck_assert_int_eq(pm_tz_offset(tz, utc(2023, 7, 1, 0, 0, 0)), H);
	ck_assert_int_eq(pm_tz_offset(tz, utc(2000, 7, 1, 0, 0, 0)), 2580);
	pm_tz_free(tz);
}
END_TEST

START_TEST(test_hostile_specs)
{
	static const struct zspec good = {
	    '3', 2, {100, 200}, {1, 0}, 2, {0, H}, {0, 1}, 0, "UTC0"};
	struct zspec z;
	struct out o;
	char longfoot[1000];
	pm_tz *tz;

	ck_assert_ptr_nonnull(tz = load_spec(&good));
	pm_tz_free(tz);
	z = good, z.idx[1] = 2; /* type index out of range */
	ck_assert_ptr_null(load_spec(&z));
	z = good, z.trans[1] = 100; /* not ascending */
	ck_assert_ptr_null(load_spec(&z));
	z = good, z.ntypes = 0, z.ntrans = 0; /* RFC 8536: at least one */
	ck_assert_ptr_null(load_spec(&z));
	z = good, z.off[1] = 100000; /* offset beyond 26 h */
	ck_assert_ptr_null(load_spec(&z));
	z = good, z.isdst[1] = 2;
	ck_assert_ptr_null(load_spec(&z));
	z = good, z.leap = 1; /* a right/ zone */
	ck_assert_ptr_null(load_spec(&z));
	z = good, z.foot = NULL; /* v2+ without its footer */
	ck_assert_ptr_null(load_spec(&z));
	z = good, z.version = '5';
	ck_assert_ptr_null(load_spec(&z));
	/* A TZ string far longer than any real one (~60 bytes at most). */
	memset(longfoot, 'A', sizeof(longfoot) - 3);
	memcpy(longfoot + sizeof(longfoot) - 3, "0", 2);
	z = good, z.foot = longfoot;
	ck_assert_ptr_null(load_spec(&z));
	/* Footer without its closing newline. */
	build(&good, &o);
	put_file("Z1", o.b, o.len - 1);
	ck_assert_ptr_null(pm_tz_load("Z1"));
	/* Counts that ask for far more than the file holds. */
	build(&good, &o);
	memset(o.b + 32, 0xff, 4);
	put_file("Z1", o.b, o.len);
	ck_assert_ptr_null(pm_tz_load("Z1"));
	build(&good, &o);
	memset(o.b + 36, 0xff, 8);
	put_file("Z1", o.b, o.len);
	ck_assert_ptr_null(pm_tz_load("Z1"));
	memcpy(o.b, "TZjf", 4);
	put_file("Z1", o.b, o.len);
	ck_assert_ptr_null(pm_tz_load("Z1"));
}
END_TEST

/* Every byte set to 0xff and to 0x00 in turn: no crash, no over-read
 * (ASan and valgrind watch), whatever the verdict. */
START_TEST(test_hostile_bytes)
{
	static const struct zspec good = {
	    '2',     2, {100, 200}, {1, 0}, 2, {0, H}, {0, 1}, 0,
	    "CET-1CEST,M3.5.0,M10.5.0/3"};
	struct out o;
	size_t i, n, loaded = 0;
	unsigned char keep;
	pm_tz *tz;

	n = build(&good, &o);
	for (i = 0; i < 2 * n; i++) {
		keep = o.b[i % n];
		o.b[i % n] = i < n ? 0xff : 0x00;
		put_file("Z1", o.b, n);
		tz = pm_tz_load("Z1");
		if (tz != NULL) {
			pm_time t;

			loaded++;
			pm_tz_offset(tz, utc(2050, 1, 1, 0, 0, 0));
			pm_tz_from_local(tz, 2022, 3, 27, 2, 30, 0, &t);
			pm_tz_free(tz);
		}
		o.b[i % n] = keep;
	}
	/* Bytes in names and reserved fields do not matter. */
	ck_assert_uint_gt(loaded, 0);
}
END_TEST

/* Every proper prefix of a real zone file is refused. */
START_TEST(test_truncated_oslo)
{
	static unsigned char data[1 << 16];
	FILE *f = fopen("/usr/share/zoneinfo/Europe/Oslo", "rb");
	size_t n, i;
	pm_tz *tz;

	if (f == NULL)
		return;
	n = fread(data, 1, sizeof(data), f);
	fclose(f);
	put_file("Oslo", data, n);
	tz = load("Oslo");
	ck_assert_int_eq(pm_tz_offset(tz, utc(2022, 7, 1, 0, 0, 0)), 2 * H);
	pm_tz_free(tz);
	for (i = 0; i < n; i++) {
		put_file("Oslo", data, i);
		tz = pm_tz_load("Oslo");
		ck_assert_msg(tz == NULL, "prefix of %zu bytes loaded", i);
	}
}
END_TEST

/* ---- Output ---- */

START_TEST(test_time_format)
{
	char buf[PM_TIME_ISO_MAX];

	pm_time_format(0, 0, buf);
	ck_assert_str_eq(buf, "1970-01-01T00:00:00+00:00");
	pm_time_format(utc(2022, 4, 27, 5, 59, 0), 2 * H, buf);
	ck_assert_str_eq(buf, "2022-04-27T07:59:00+02:00");
	pm_time_format(-1, 0, buf);
	ck_assert_str_eq(buf, "1969-12-31T23:59:59+00:00");
	pm_time_format(utc(2022, 1, 1, 3, 0, 0), -19800, buf);
	ck_assert_str_eq(buf, "2021-12-31T21:30:00-05:30");
	pm_time_format(utc(0, 1, 1, 0, 0, 0), 0, buf);
	ck_assert_str_eq(buf, "0000-01-01T00:00:00+00:00");
	pm_time_format(utc(9999, 12, 31, 23, 59, 59), 0, buf);
	ck_assert_str_eq(buf, "9999-12-31T23:59:59+00:00");
	/* Oslo's LMT was +00:43:00; seconds of an offset cannot be written,
	 * and the text must still name the same instant. */
	pm_time_format(utc(1890, 1, 1, 0, 0, 0), 2588, buf);
	ck_assert_str_eq(buf, "1890-01-01T00:43:00+00:43");
}
END_TEST

START_TEST(test_iso_round_trip)
{
	static const int offs[] = {0, 7200, -19800, 45900, -36000, 2580};
	char buf[PM_TIME_ISO_MAX];
	pm_time t, back;
	int64_t step = INT64_C(7777777777);
	size_t i;
	int off;

	for (t = utc(1, 1, 2, 0, 0, 0); t < utc(9999, 12, 30, 0, 0, 0);
	     t += step) {
		for (i = 0; i < sizeof(offs) / sizeof(offs[0]); i++) {
			pm_time_format(t, offs[i], buf);
			ck_assert_msg(pm_time_parse_iso(buf, &back, &off) == 0,
			              "%s not parsed back", buf);
			ck_assert_msg(back == t && off == offs[i],
			              "%s came back as %lld", buf,
			              (long long)back);
		}
	}
}
END_TEST

/* pm_day_read: --today, whose message tells a day that is not of the
 * form from one the calendar lacks. */
START_TEST(test_day_read)
{
	pm_time t;

	ck_assert_int_eq(pm_day_read("2024-02-29", &t), 0);
	ck_assert_int_eq(t, utc(2024, 2, 29, 0, 0, 0));
	ck_assert_int_eq(pm_day_read("2024-02-29", NULL), 0);
	ck_assert_int_eq(pm_day_read("2025-02-29", &t), -2);
	ck_assert_int_eq(pm_day_read("2025-02-29 10:00", &t), -1);
	ck_assert_int_eq(pm_day_read("tomorrow", &t), -1);
}
END_TEST

START_TEST(test_iso_parse)
{
	static const char *const bad[] = {
	    "2022-04-27 07:59:00+02:00", "2022-04-27T07:59+02:00",
	    "2022-04-27T07:59:00",       "2022-04-27T07:59:00+0200",
	    "2022-04-27T07:59:00+02",    "2022-04-27T07:59:00 +02:00",
	    "2022-02-30T00:00:00Z",      "2022-04-27T24:00:00Z",
	    " 2022-04-27T07:59:00Z",     "",
	    "garbage",                   "2022-04-27T07:59:00+2:00",
	};
	pm_time t;
	int off;
	size_t i;

	ck_assert_int_eq(pm_time_parse_iso("2022-04-27T05:59:00Z", &t, &off),
	                 0);
	ck_assert_int_eq(t, utc(2022, 4, 27, 5, 59, 0));
	ck_assert_int_eq(off, 0);
	ck_assert_int_eq(
	    pm_time_parse_iso("2022-04-27T07:59:00.123+02:00", &t, &off), 0);
	ck_assert_int_eq(t, utc(2022, 4, 27, 5, 59, 0));
	ck_assert_int_eq(off, 2 * H);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(pm_time_parse_iso(bad[i], &t, &off) == -1,
		              "\"%s\" accepted", bad[i]);
}
END_TEST

START_TEST(test_offset_format)
{
	char buf[8];

	pm_offset_format(7200, buf);
	ck_assert_str_eq(buf, "+02:00");
	pm_offset_format(-19800, buf);
	ck_assert_str_eq(buf, "-05:30");
	pm_offset_format(0, buf);
	ck_assert_str_eq(buf, "+00:00");
	pm_offset_format(45900, buf);
	ck_assert_str_eq(buf, "+12:45");
	pm_offset_format(-12 * H, buf);
	ck_assert_str_eq(buf, "-12:00");
}
END_TEST

START_TEST(test_duration_format)
{
	static const struct {
		int64_t secs;
		const char *text;
	} c[] = {
	    {11700, "3 h 15 min"}, {45, "45 s"},
	    {720, "12 min"},       {189000, "2 d 4 h 30 min"},
	    {0, "0 s"},            {-720, "-12 min"},
	    {3600, "1 h"},         {86400, "1 d"},
	    {750, "12 min 30 s"},  {90061, "1 d 1 h 1 min 1 s"},
	    {-5, "-5 s"},          {86400 * 400 + 1, "400 d 1 s"},
	};
	char buf[64], small[8];
	size_t i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		pm_duration_format(c[i].secs, buf, sizeof(buf));
		ck_assert_str_eq(buf, c[i].text);
	}
	memset(small, 'x', sizeof(small));
	pm_duration_format(189000, small, 5);
	ck_assert_str_eq(small, "2 d ");
	ck_assert_int_eq(small[5], 'x');
	pm_duration_format(INT64_MIN, buf, sizeof(buf));
	ck_assert_int_eq(buf[0], '-');
	ck_assert_ptr_nonnull(strstr(buf, " d "));
}
END_TEST

/* ---- What people write (format.md 11) ---- */

#define WORDS (PM_STAMP_TIME_ONLY | PM_STAMP_PREFIX | PM_STAMP_WORDS)

START_TEST(test_twelve_hour)
{
	static const struct {
		const char *s;
		unsigned flags;
		int h, mi;
		size_t used;
	} c[] = {
	    {"2:35 PM — restart", WORDS, 14, 35, 7},
	    {"11:05 am — paged", WORDS, 11, 5, 8},
	    {"1:30PM — Nagios", WORDS, 13, 30, 6},
	    {"12:15 a.m. — midnight", WORDS, 0, 15, 10},
	    {"12:00 PM — noon", WORDS, 12, 0, 8},
	    {"9:37 — one-digit hour, 24-hour clock", WORDS, 9, 37, 4},
	    {"2:35 amber alert", WORDS, 2, 35, 4},
	    {"2023-06-05 4:45 p.m.", PM_STAMP_WORDS, 16, 45, 20},
	    {"2023-06-05 9:37AM", PM_STAMP_WORDS, 9, 37, 17},
	};
	size_t i, used, bad, badlen;
	pm_stamp st;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		ck_assert_msg(parse(c[i].s, c[i].flags, &st, &used, &bad,
		                    &badlen) == PM_STAMP_OK,
		              "\"%s\" rejected at %zu", c[i].s, bad);
		ck_assert_msg(st.hour == c[i].h && st.min == c[i].mi,
		              "\"%s\" read as %02d:%02d", c[i].s, st.hour,
		              st.min);
		ck_assert_msg(used == c[i].used, "\"%s\": used %zu, want %zu",
		              c[i].s, used, c[i].used);
	}
	/* Past twelve, or zero, is no 12-hour time: the hour is blamed. */
	ck_assert_int_eq(parse("13:30 PM", WORDS, &st, &used, &bad, &badlen),
	                 PM_STAMP_RANGE);
	ck_assert_uint_eq(bad, 0);
	ck_assert_uint_eq(badlen, 2);
	ck_assert_int_eq(parse("0:15 am", WORDS, &st, &used, &bad, &badlen),
	                 PM_STAMP_RANGE);
	/* Without the flag, the strict forms of section 2 and 4 only. */
	ck_assert_int_eq(parse("2:35 PM", PM_STAMP_TIME_ONLY | PM_STAMP_PREFIX,
	                       &st, &used, &bad, &badlen),
	                 PM_STAMP_SYNTAX);
	ck_assert_int_eq(parse("2023-06-05 9:37AM", 0, &st, &used, &bad,
	                       &badlen),
	                 PM_STAMP_SYNTAX);
}
END_TEST

START_TEST(test_zone_after_space)
{
	static const struct {
		const char *s;
		unsigned flags;
		int has_off, off;
		size_t used, zone_len;
	} c[] = {
	    {"19:37 UTC — [update] x", WORDS, 1, 0, 9, 0},
	    {"09:10 GMT — x", WORDS, 1, 0, 9, 0},
	    {"17:25 +00:00 — x", WORDS, 1, 0, 12, 0},
	    {"17:25 -05:00 — x", WORDS, 1, -18000, 12, 0},
	    {"10:00 UTC+2 — x", WORDS, 1, 7200, 11, 0},
	    {"10:00 GMT-05:30 — x", WORDS, 1, -19800, 15, 0},
	    {"2:35 PM PDT — x", WORDS, 0, 0, 11, 3},
	    {"17:26 PST — x", WORDS, 0, 0, 9, 3},
	    {"17:26 NZST: x", WORDS, 0, 0, 10, 4},
	    {"17:26 PKT — x", WORDS, 0, 0, 9, 3},
	    /* Words that are no zone stay text. */
	    {"19:37 DNS fails", WORDS, 0, 0, 5, 0},
	    {"19:37 ALERT fires", WORDS, 0, 0, 5, 0},
	    {"19:37 -5 servers", WORDS, 0, 0, 5, 0},
	    {"19:37 US-East down", WORDS, 0, 0, 5, 0},
	    {"2015-10-21 19:37 UTC", PM_STAMP_WORDS, 1, 0, 20, 0},
	    {"2015-10-21 19:37 CEST", PM_STAMP_WORDS, 0, 0, 21, 4},
	};
	size_t i, used, bad, badlen;
	pm_stamp st;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		ck_assert_msg(parse(c[i].s, c[i].flags, &st, &used, &bad,
		                    &badlen) == PM_STAMP_OK,
		              "\"%s\" rejected at %zu", c[i].s, bad);
		ck_assert_msg(used == c[i].used, "\"%s\": used %zu, want %zu",
		              c[i].s, used, c[i].used);
		ck_assert_msg(st.has_offset == c[i].has_off &&
		                  st.offset == c[i].off &&
		                  st.zone_len == c[i].zone_len,
		              "\"%s\": offset %d/%d, zone word %zu", c[i].s,
		              st.has_offset, st.offset, st.zone_len);
	}
	ck_assert_int_eq(parse("10:00 UTC+25 — x", WORDS, &st, &used, &bad,
	                       &badlen),
	                 PM_STAMP_RANGE);
}
END_TEST

static int
zone_of(const char *s, const char *lang, int *offset, char *msg)
{
	pm_stamp st;
	size_t used, bad, badlen;

	ck_assert_int_eq(parse(s, WORDS, &st, &used, &bad, &badlen),
	                 PM_STAMP_OK);
	msg[0] = '\0';
	if (pm_stamp_zone(&st, s, lang, msg, 300) < 0)
		return -1;
	*offset = st.has_offset ? st.offset : 99999;
	return 0;
}

START_TEST(test_zone_words)
{
	char msg[300];
	int off;

	ck_assert_int_eq(zone_of("17:26 PST — x", "en", &off, msg), 0);
	ck_assert_int_eq(off, -8 * H);
	ck_assert_int_eq(zone_of("17:26 PDT — x", NULL, &off, msg), 0);
	ck_assert_int_eq(off, -7 * H);
	ck_assert_int_eq(zone_of("17:26 CEST — x", "nb", &off, msg), 0);
	ck_assert_int_eq(off, 2 * H);
	ck_assert_int_eq(zone_of("17:26 ACST — x", "en", &off, msg), 0);
	ck_assert_int_eq(off, 9 * H + 1800);
	ck_assert_int_eq(zone_of("17:26 CST — x", "en-US", &off, msg), 0);
	ck_assert_int_eq(off, -6 * H);
	/* CST in a Chinese document could be China Standard Time. */
	ck_assert_int_eq(zone_of("17:26 CST — x", "zh-CN", &off, msg), -1);
	ck_assert_ptr_nonnull(strstr(msg, "Asia/Shanghai"));
	ck_assert_ptr_nonnull(strstr(msg, "America/Chicago"));
	ck_assert_int_eq(zone_of("17:26 IST — x", "en", &off, msg), -1);
	ck_assert_ptr_nonnull(strstr(msg, "ambiguous"));
	ck_assert_ptr_nonnull(strstr(msg, "Asia/Kolkata"));
	ck_assert_ptr_nonnull(strstr(msg, "Europe/Dublin"));
	ck_assert_int_eq(zone_of("17:26 PKT — x", "en", &off, msg), -1);
	ck_assert_ptr_nonnull(strstr(msg, "unknown time zone 'PKT'"));
	ck_assert_int_eq(zone_of("17:26 — x", "en", &off, msg), 0);
	ck_assert_int_eq(off, 99999);
}
END_TEST

/* Every word of the table is read in a timeline line, and every zone it
 * names is a real IANA zone. */
START_TEST(test_zone_table)
{
	size_t n, i;
	const pm_zone_word *w = pm_zone_words(&n);
	char line[64], msg[300];
	int off;
	pm_tz *tz;

	for (i = 0; i < n; i++) {
		snprintf(line, sizeof(line), "10:00 %s — x", w[i].abbr);
		if (w[i].lang != NULL || w[i].ambiguous)
			continue;
		ck_assert_msg(zone_of(line, "en", &off, msg) == 0 &&
		                  off == w[i].offset,
		              "%s not read as its offset", w[i].abbr);
		if (strcmp(w[i].zones, "UTC") == 0)
			continue;
		tz = pm_tz_load(w[i].zones);
		ck_assert_msg(tz != NULL, "%s: no zone %s", w[i].abbr,
		              w[i].zones);
		pm_tz_free(tz);
	}
}
END_TEST

START_TEST(test_zone_hint)
{
	char buf[300];

	pm_zone_hint("PST", "en", buf, sizeof(buf));
	ck_assert_ptr_nonnull(strstr(buf, "-08:00"));
	ck_assert_ptr_nonnull(strstr(buf, "America/Los_Angeles"));
	pm_zone_hint("IST", "en", buf, sizeof(buf));
	ck_assert_ptr_nonnull(strstr(buf, "Asia/Kolkata"));
	pm_zone_hint("Europe/Atlantis", "en", buf, sizeof(buf));
	ck_assert_ptr_nonnull(strstr(buf, "unknown time zone"));
}
END_TEST

START_TEST(test_date_words)
{
	static const struct {
		const char *s;
		int y, m, d;
		size_t used;
	} c[] = {
	    {"2015-10-21 (all times UTC)", 2015, 10, 21, 10},
	    {"2015/10/21", 2015, 10, 21, 10},
	    {"Onsdag 27. april 2022", 2022, 4, 27, 21},
	    {"27.04.2022", 2022, 4, 27, 10},
	    {"27.4.2022 – dag to", 2022, 4, 27, 9},
	    {"2012年6月21日（木）", 2012, 6, 21, 16},
	    {"October 21, 2015", 2015, 10, 21, 16},
	    {"Wednesday, October 21st, 2015", 2015, 10, 21, 29},
	    {"21 Oct 2015", 2015, 10, 21, 11},
	    {"21st October 2015", 2015, 10, 21, 17},
	    {"Sept 3 2021", 2021, 9, 3, 11},
	    {"fre. 29. apr. 2022", 2022, 4, 29, 18},
	    {"l\xc3\xb8rdag 30. april 2022", 2022, 4, 30, 22},
	    {"  3. desember 2021", 2021, 12, 3, 18},
	};
	static const char *const no[] = {
	    "Day two", "2015 retrospective", "October 21", "Wednesday",
	    "20151021", "2015-10-21T10:00", "21 Octopus 2015",
	    "10/21/2015", "",
	};
	size_t i, used;
	int y, m, d;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		ck_assert_msg(pm_date_words(c[i].s, strlen(c[i].s), &y, &m, &d,
		                            &used) == PM_STAMP_OK,
		              "\"%s\" not a date", c[i].s);
		ck_assert_msg(y == c[i].y && m == c[i].m && d == c[i].d &&
		                  used == c[i].used,
		              "\"%s\" read as %d-%d-%d (%zu bytes)", c[i].s, y,
		              m, d, used);
	}
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		ck_assert_msg(pm_date_words(no[i], strlen(no[i]), &y, &m, &d,
		                            &used) == PM_STAMP_SYNTAX,
		              "\"%s\" read as a date", no[i]);
	ck_assert_int_eq(pm_date_words("2022-02-30", 10, &y, &m, &d, &used),
	                 PM_STAMP_RANGE);
	ck_assert_int_eq(pm_date_words("31. april 2022", 14, &y, &m, &d,
	                               &used),
	                 PM_STAMP_RANGE);
}
END_TEST

static Suite *
time_suite(void)
{
	Suite *s = suite_create("time");
	TCase *tc;

	tc = tcase_create("parse");
	tcase_add_test(tc, test_full_forms);
	tcase_add_test(tc, test_time_only);
	tcase_add_test(tc, test_range_errors);
	tcase_add_test(tc, test_syntax_errors);
	tcase_add_test(tc, test_explicit_length);
	tcase_add_test(tc, test_prefix);
	tcase_add_test(tc, test_date_parse);
	suite_add_tcase(s, tc);

	tc = tcase_create("words");
	tcase_add_test(tc, test_twelve_hour);
	tcase_add_test(tc, test_zone_after_space);
	tcase_add_test(tc, test_zone_words);
	tcase_add_test(tc, test_zone_table);
	tcase_add_test(tc, test_zone_hint);
	tcase_add_test(tc, test_date_words);
	suite_add_tcase(s, tc);

	tc = tcase_create("calendar");
	tcase_add_test(tc, test_days_known);
	tcase_add_test(tc, test_days_round_trip);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);

	tc = tcase_create("zone");
	tcase_add_test(tc, test_utc_names);
	tcase_add_test(tc, test_fixed_offsets);
	tcase_add_test(tc, test_invalid_names);
	tcase_add_test(tc, test_oslo_offsets);
	tcase_add_test(tc, test_oslo_gap);
	tcase_add_test(tc, test_oslo_ambiguous);
	tcase_add_test(tc, test_duration_across_dst);
	tcase_add_test(tc, test_new_york);
	tcase_add_test(tc, test_tokyo);
	tcase_add_test(tc, test_lord_howe);
	tcase_add_test(tc, test_far_future);
	tcase_add_test(tc, test_stamp_resolve);
	suite_add_tcase(s, tc);

	tc = tcase_create("tzif");
	tcase_add_checked_fixture(tc, dir_setup, dir_teardown);
	tcase_add_test(tc, test_slim_footer_only);
	tcase_add_test(tc, test_footer_v3_negative_time);
	tcase_add_test(tc, test_footer_all_year_dst);
	tcase_add_test(tc, test_footer_julian_days);
	tcase_add_test(tc, test_footer_southern);
	tcase_add_test(tc, test_footer_variants);
	tcase_add_test(tc, test_table_and_footer);
	tcase_add_test(tc, test_hostile_specs);
	tcase_add_test(tc, test_hostile_bytes);
	tcase_add_test(tc, test_truncated_oslo);
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);

	tc = tcase_create("output");
	tcase_add_test(tc, test_time_format);
	tcase_add_test(tc, test_iso_round_trip);
	tcase_add_test(tc, test_iso_parse);
	tcase_add_test(tc, test_day_read);
	tcase_add_test(tc, test_offset_format);
	tcase_add_test(tc, test_duration_format);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return pm_check_run(time_suite());
}
