/* check_redact.c: what the public version hides (format.md section 8):
 * e-mail addresses and phone numbers, and what it must leave alone
 * (dates, times, counts, ticket ids, addresses of machines). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "redact.h"
#include "found.h"

/* s redacted, in a static buffer; *hits gets the count. */
static const char *
redact(const char *s, size_t *hits)
{
	static char out[512];
	pm_buf b = {0};

	*hits = pm_redact_text(s, strlen(s), &b);
	snprintf(out, sizeof(out), "%s", pm_buf_cstr(&b));
	pm_buf_free(&b);
	return out;
}

START_TEST(test_hidden)
{
	static const struct {
		const char *in, *out;
	} c[] = {
	    {"Ask kari.nordmann@sikt.no now", "Ask [redacted] now"},
	    {"<ops+pager@example.co.uk>.", "<[redacted]>."},
	    {"mailto:a@b.io", "mailto:[redacted]"},
	    {"Call +41 44 545 53 53 today", "Call [redacted] today"},
	    {"hotline (+47) 22 12 34 56.", "hotline ([redacted].", },
	    {"tlf. 22 12 34 56, or", "tlf. [redacted], or"},
	    {"(555) 123-4567", "[redacted]"},
	    {"555-123-4567", "[redacted]"},
	    {"555.123.4567", "[redacted]"},
	    {"電話03-1234-5678まで", "電話[redacted]まで"},
	    {"0120-123-456", "[redacted]"},
	    {"030 1234567", "[redacted]"},
	    {"+4722123456", "[redacted]"},
	    {"a@b.no and c@d.no", "[redacted] and [redacted]"},
	    /* percent-encoded, as a link target or ticket URL has it */
	    {"?reporter=kari%40example.com&x=1", "?reporter=[redacted]&x=1"},
	    {"mailto:kari%40example.com", "mailto:[redacted]"},
	    /* "00" dials '+' in most of the world */
	    {"ring 0047 22 22 22 22.", "ring [redacted]."},
	    {"ring 004722222222.", "ring [redacted]."},
	    {"ring 0047 22222222.", "ring [redacted]."},
	};
	size_t i, hits;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++)
		ck_assert_msg(strcmp(redact(c[i].in, &hits), c[i].out) == 0,
		              "'%s' gave '%s', expected '%s'", c[i].in,
		              redact(c[i].in, &hits), c[i].out);
}
END_TEST

START_TEST(test_kept)
{
	static const char *const c[] = {
	    "2022-04-27 07:59",
	    "from 2022-04-26 17:00 to 2022-04-27T07:59:00+02:00",
	    "27.04.2022 and 4/27/2022",
	    "5698 customers, 60 % of logins, 1,500,000 NOK",
	    "ticket INC-2022-0427-001 and PAY-12345678",
	    "https://example.org/2022-04-27/123-456-789",
	    "host 192.168.100.200 answered",
	    "version 1.2.3",
	    "user@localhost has no domain",
	    "an @mention and a lone @",
	    "12345678",
	    "2021 2022",
	    "between 07:55 and 08:10",
	    "+02:00",
	};
	size_t i, hits;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		ck_assert_msg(strcmp(redact(c[i], &hits), c[i]) == 0,
		              "'%s' became '%s'", c[i], redact(c[i], &hits));
		ck_assert_uint_eq(hits, 0);
	}
}
END_TEST

/* A long run of digit groups is scanned once, not once per start. */
START_TEST(test_linear)
{
	size_t n = 200001, i, hits;
	char *s = malloc(n + 1);
	pm_buf b = {0};

	for (i = 0; i < n; i++)
		s[i] = i % 2 ? ' ' : '1';
	s[n] = '\0';
	hits = pm_redact_text(s, n, &b);
	ck_assert_uint_eq(b.len, n);
	ck_assert_uint_eq(hits, 0);
	pm_buf_free(&b);
	free(s);
}
END_TEST

static Suite *
redact_suite(void)
{
	Suite *s = suite_create("redact");
	TCase *tc = tcase_create("text");

	tcase_add_test(tc, test_hidden);
	tcase_add_test(tc, test_kept);
	tcase_add_test(tc, test_linear);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return pm_check_run(redact_suite());
}
