/* check_policy.c: tests of the policy reader: what a .pmc.yml means, where
 * its mistakes are reported, durations, the walk up to the nearest policy
 * file and the default severity scale. */
#define _XOPEN_SOURCE 700 /* mkdtemp, realpath, nftw */

#include <sys/stat.h>

#include <check.h>
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "found.h"
#include "policy.h"

/* The suite's own folder, resolved since pm_policy_find answers with
 * resolved paths. Policies are loaded from "p/" in it, and the walks up
 * start below it, where no other test writes a .pmc.yml. */
static char tmp[PATH_MAX];
static char home[PATH_MAX]; /* the current folder before each test */

/* Once for the suite, in the parent process, so that the folder goes
 * even when a test fails. */
static void
make_tmp(void)
{
	char templ[] = "/tmp/check_policy.XXXXXX", p[PATH_MAX + 8];

	if (mkdtemp(templ) == NULL || realpath(templ, tmp) == NULL) {
		perror("check_policy: temporary folder");
		exit(EXIT_FAILURE);
	}
	snprintf(p, sizeof(p), "%s/p", tmp);
	if (mkdir(p, 0700) != 0) {
		perror(p);
		exit(EXIT_FAILURE);
	}
}

static int
remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void
remove_tmp(void)
{
	nftw(tmp, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* The walks up change folder; without fork the next test would see it. */
static void
setup(void)
{
	ck_assert_ptr_nonnull(getcwd(home, sizeof(home)));
}

static void
teardown(void)
{
	ck_assert_int_eq(chdir(home), 0);
}

/* Writes text[0..len) to name inside tmp; returns its path. */
static const char *
put_n(const char *name, const char *text, size_t len)
{
	static char path[PATH_MAX + 64];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmp, name);
	ck_assert_ptr_nonnull(f = fopen(path, "wb"));
	ck_assert_uint_eq(fwrite(text, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
	return path;
}

static const char *
put(const char *name, const char *text)
{
	return put_n(name, text, strlen(text));
}

static pm_policy *
load(const char *text, pm_found *f, int *errors)
{
	memset(f, 0, sizeof(*f));
	*errors = -1;
	return pm_policy_load(put("p/.pmc.yml", text), pm_found_collect, f, errors);
}

static void
dump(const pm_found *f)
{
	int i;

	for (i = 0; i < f->n; i++)
		fprintf(stderr, "  %d:%d: %s [%s]\n", f->d[i].line, f->d[i].col,
		        f->d[i].msg, f->d[i].rule);
}

/* Asserts a policy finding at line:col whose message holds fragment. */
static void
has(const pm_found *f, int line, int col, const char *fragment)
{
	int i;

	for (i = 0; i < f->n; i++)
		if (strncmp(f->d[i].rule, "policy", 6) == 0 &&
		    f->d[i].line == line && f->d[i].col == col &&
		    strstr(f->d[i].msg, fragment) != NULL)
			return;
	dump(f);
	ck_abort_msg("no finding %d:%d containing \"%s\"", line, col, fragment);
}

/* Loads text, which must have exactly one error, at line:col. */
static void
one_error(const char *text, int line, int col, const char *fragment)
{
	pm_found f;
	pm_policy *pol;
	int errors;

	pol = load(text, &f, &errors);
	ck_assert_ptr_null(pol);
	if (errors != 1 || f.n != 1)
		dump(&f);
	ck_assert_int_eq(errors, 1);
	ck_assert_int_eq(f.n, 1);
	has(&f, line, col, fragment);
}

/* Loads text, which must have exactly one warning (an unknown key), at
 * line:col, and mean what it says without that key. */
static void
one_warning(const char *text, int line, int col, const char *fragment)
{
	pm_found f;
	pm_policy *pol;
	int errors;

	pol = load(text, &f, &errors);
	ck_assert_ptr_nonnull(pol);
	if (errors != 0 || f.n != 1)
		dump(&f);
	ck_assert_int_eq(errors, 0);
	ck_assert_int_eq(pol->warnings, 1);
	ck_assert_int_eq(f.n, 1);
	ck_assert_str_eq(f.d[0].rule, "policy-key");
	ck_assert_int_eq(f.d[0].sev, PM_WARNING);
	has(&f, line, col, fragment);
	pm_policy_free(pol);
}

static const char vshn[] =
    "# VSHN's scale, most harmless first\n"
    "severities:\n"
    "  - name: Trivial\n"
    "    description: Quick to resolve.\n"
    "    max_duration: 15m\n"
    "  - name: Minor\n"
    "    max_duration: 2h\n"
    "  - name: Major\n"
    "  - name: Critical\n"
    "min_whys: 3\n"
    "update_interval: 30m\n";

START_TEST(test_vshn)
{
	pm_found f;
	pm_policy *pol;
	int errors;

	pol = load(vshn, &f, &errors);
	ck_assert_ptr_nonnull(pol);
	ck_assert_int_eq(errors, 0);
	ck_assert_int_eq(f.n, 0);
	ck_assert_str_eq(pol->path, put("p/.pmc.yml", vshn));
	ck_assert_uint_eq(pol->nlevels, 4);
	ck_assert_str_eq(pol->levels[0].name, "Trivial");
	ck_assert_str_eq(pol->levels[0].description, "Quick to resolve.");
	ck_assert_int_eq(pol->levels[0].max_resolve, 15 * 60);
	ck_assert_str_eq(pol->levels[1].name, "Minor");
	ck_assert_ptr_null(pol->levels[1].description);
	ck_assert_int_eq(pol->levels[1].max_resolve, 2 * 3600);
	ck_assert_str_eq(pol->levels[2].name, "Major");
	ck_assert_int_eq(pol->levels[2].max_resolve, 0);
	ck_assert_str_eq(pol->levels[3].name, "Critical");
	ck_assert_int_eq(pol->min_whys, 3);
	ck_assert_int_eq(pol->update_interval, 30 * 60);
	ck_assert_uint_eq(pol->required[PM_STATUS_DRAFT], 0);
	ck_assert_uint_eq(pol->required[PM_STATUS_REVIEW],
	                  PM_SECTIONS_EXPECTED);
	ck_assert_uint_eq(pol->required[PM_STATUS_FINAL], PM_SECTIONS_EXPECTED);
	ck_assert_ptr_null(pol->types);
	ck_assert_ptr_null(pol->priorities);
	ck_assert_int_eq(pm_policy_level(pol, "minor"), 1);
	ck_assert_int_eq(pm_policy_level(pol, "CRITICAL"), 3);
	ck_assert_int_eq(pm_policy_level(pol, "SEV1"), -1);
	/* Trivial 15m ... Critical unbounded: least severe first */
	ck_assert_int_eq(pm_policy_rank(pol, "critical"), 0);
	ck_assert_int_eq(pm_policy_rank(pol, "Trivial"), 3);
	pm_policy_free(pol);
}
END_TEST

/* A scale without durations lists the most severe first, as SEV1 does;
 * durations shrinking down the list say the same. */
START_TEST(test_rank)
{
	static pm_found f;
	int errors = 0;
	pm_policy *pol = load("severities:\n  - name: Critical\n"
	                      "  - name: Major\n  - name: Minor\n",
	                      &f, &errors);
	pm_policy *def = pm_policy_default();

	ck_assert_int_eq(pm_policy_rank(pol, "Critical"), 0);
	ck_assert_int_eq(pm_policy_rank(pol, "minor"), 2);
	ck_assert_int_eq(pm_policy_rank(pol, "SEV1"), -1);
	pm_policy_free(pol);
	pol = load("severities:\n  - name: High\n  - name: Low\n"
	           "    max_duration: 1d\n  - name: Lowest\n"
	           "    max_duration: 1h\n", &f, &errors);
	ck_assert_int_eq(pm_policy_rank(pol, "High"), 0);
	ck_assert_int_eq(pm_policy_rank(pol, "Lowest"), 2);
	pm_policy_free(pol);
	ck_assert_int_eq(pm_policy_rank(def, "SEV1"), 0);
	ck_assert_int_eq(pm_policy_rank(def, "sev4"), 3);
	ck_assert_int_eq(pm_policy_rank(def, "P2"), 2);
	ck_assert_int_eq(pm_policy_rank(def, "Major"), -1);
	ck_assert_int_eq(errors, 0);
	pm_policy_free(def);
}
END_TEST

START_TEST(test_lists)
{
	pm_found f;
	pm_policy *pol;
	int errors;

	/* A section list shared through an alias is read for both. */
	pol = load("required_sections:\n"
	           "  review: &s [summary, five-whys]\n"
	           "  final: *s\n"
	           "follow_up_types: [prevent, detect]\n"
	           "follow_up_priorities: [P1, \"P2\"]\n"
	           "min_whys:\n",
	           &f, &errors);
	if (pol == NULL)
		dump(&f);
	ck_assert_ptr_nonnull(pol);
	ck_assert_uint_eq(pol->required[PM_STATUS_DRAFT], 0);
	ck_assert_uint_eq(pol->required[PM_STATUS_REVIEW],
	                  (1u << PM_SEC_SUMMARY) | (1u << PM_SEC_FIVE_WHYS));
	ck_assert_uint_eq(pol->required[PM_STATUS_FINAL],
	                  pol->required[PM_STATUS_REVIEW]);
	ck_assert_uint_eq(pol->ntypes, 2);
	ck_assert_str_eq(pol->types[0], "prevent");
	ck_assert_str_eq(pol->types[1], "detect");
	ck_assert_uint_eq(pol->npriorities, 2);
	ck_assert_str_eq(pol->priorities[1], "P2");
	/* An empty value leaves the default. */
	ck_assert_int_eq(pol->min_whys, 3);
	ck_assert_ptr_null(pol->levels);
	pm_policy_free(pol);
}
END_TEST

START_TEST(test_empty)
{
	static const char *const texts[] = {"", "# only\n\n# comments\n",
	                                    "---\n", "\xef\xbb\xbf"};
	pm_found f;
	pm_policy *pol;
	size_t i;
	int errors;

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		pol = load(texts[i], &f, &errors);
		ck_assert_ptr_nonnull(pol);
		ck_assert_int_eq(errors, 0);
		ck_assert_int_eq(f.n, 0);
		ck_assert_int_eq(pol->min_whys, 3);
		ck_assert_ptr_null(pol->levels);
		pm_policy_free(pol);
	}
}
END_TEST

START_TEST(test_default)
{
	pm_policy *pol = pm_policy_default();

	ck_assert_ptr_null(pol->path);
	ck_assert_ptr_null(pol->levels);
	ck_assert_int_eq(pol->min_whys, 3);
	ck_assert_int_eq(pol->update_interval, 0);
	ck_assert_uint_eq(pol->required[PM_STATUS_DRAFT], 0);
	ck_assert_uint_eq(pol->required[PM_STATUS_FINAL], PM_SECTIONS_EXPECTED);
	ck_assert_ptr_null(pol->types);
	ck_assert_ptr_null(pol->priorities);
	pm_policy_free(pol);
	pm_policy_free(NULL);
}
END_TEST

START_TEST(test_unreadable)
{
	pm_found f;
	char path[PATH_MAX + 16];
	int errors = -1;

	memset(&f, 0, sizeof(f));
	snprintf(path, sizeof(path), "%s/p/none.yml", tmp);
	errno = 0;
	ck_assert_ptr_null(pm_policy_load(path, pm_found_collect, &f, &errors));
	ck_assert_int_eq(errno, ENOENT);
	ck_assert_int_eq(errors, 0);
	ck_assert_int_eq(f.n, 0);
}
END_TEST

START_TEST(test_syntax)
{
	one_error("min_whys: 3\n"
	          "severities:\n"
	          "  - name: A\n"
	          "   max_duration: 1h\n",
	          4, 4, "invalid YAML: did not find expected '-' indicator");
	one_error("severities: [Minor\nmin_whys: 3\n", 2, 9,
	          "did not find expected ',' or ']' (while parsing a flow "
	          "sequence that starts on line 1)");
	/* The end of the file is the end of its last line. */
	one_error("min_whys: 3\nupdate_interval: \"30m\n", 2, 22,
	          "found unexpected end of stream");
	one_error("min_whys: *nope\n", 1, 11, "found undefined alias");
}
END_TEST

/* A key this pmc does not know (a newer policy, a typo) is a warning:
 * the rest of the policy still holds. */
START_TEST(test_unknown_key)
{
	pm_found f;
	pm_policy *pol;
	int errors;

	one_warning("min_whys: 3\nsevrities: []\n", 2, 1,
	            "unknown policy key 'sevrities' is left out; did you mean "
	            "'severities'?");
	one_warning("Min-Whys: 3\n", 1, 1, "did you mean 'min_whys'?");
	one_warning("colour: red\n", 1, 1,
	            "unknown policy key 'colour' is left out; the keys are "
	            "severities, min_whys, update_interval, "
	            "required_sections, follow_up_types, "
	            "follow_up_priorities, update_hours, rules and final");
	one_warning("severities:\n  - name: A\n    max_durations: 1h\n", 3,
	            5, "unknown level key 'max_durations' is left out; did "
	            "you mean 'max_duration'?");
	one_warning("required_sections:\n  finel: [summary]\n", 2, 3,
	            "unknown status 'finel' in 'required_sections' is left "
	            "out; did you mean 'final'?");
	pol = load("min_whys: 5\nescalation_after: 2h\n", &f, &errors);
	ck_assert_ptr_nonnull(pol);
	ck_assert_int_eq(pol->min_whys, 5);
	pm_policy_free(pol);
}
END_TEST

START_TEST(test_wrong_type)
{
	one_error("severities:\n  Trivial: 15m\n", 2, 3,
	          "'severities' must be a list of levels, not a mapping");
	one_error("min_whys: [3]\n", 1, 11,
	          "'min_whys' must be a whole number like 3, not a list");
	one_error("update_interval: {h: 1}\n", 1, 18,
	          "'update_interval' must be a duration like 15m, 2h or "
	          "1h30m, not a mapping");
	one_error("severities: [Trivial]\n", 1, 14,
	          "each entry of 'severities' must be a level (a mapping "
	          "with a 'name'), not a string");
	one_error("severities:\n  - name: [A, B]\n", 2, 11,
	          "'name' must be a string, not a list");
	one_error("required_sections: [summary]\n", 1, 20,
	          "'required_sections' must be a mapping from status to a "
	          "list of sections, not a list");
	one_error("required_sections:\n  final: summary\n", 2, 10,
	          "'final' must be a list of sections, not a string");
	one_error("follow_up_types: prevent\n", 1, 18,
	          "'follow_up_types' must be a list of follow-up types, not "
	          "a string");
	one_error("follow_up_priorities: [P1, [P2]]\n", 1, 28,
	          "each entry of 'follow_up_priorities' must be a string, "
	          "not a list");
	one_error("- min_whys: 3\n", 1, 1,
	          "a policy file must be a mapping of keys like 'severities' "
	          "and 'min_whys', not a list");
	one_error("? [a, b]\n: 1\n", 1, 3,
	          "a policy key must be a plain name, not a list");
}
END_TEST

START_TEST(test_duration_value)
{
	one_error("severities:\n  - name: Minor\n    max_duration: soon\n", 3,
	          19,
	          "'max_duration' must be a duration like 15m, 2h or 1h30m, "
	          "not a string");
	one_error("update_interval: 0m\n", 1, 18, "must be a duration like 15m, 2h or 1h30m, not a string");
	one_error("update_interval: 30\n", 1, 18, "must be a duration like 15m, 2h or 1h30m, not a string");
}
END_TEST

START_TEST(test_levels)
{
	one_error("severities:\n  - name: Minor\n  - name: MINOR\n", 3, 11,
	          "level 'MINOR' is given twice; first on line 2");
	one_error("severities:\n  - name: A\n  - description: nameless\n", 3,
	          5, "a level in 'severities' needs a 'name'");
	one_error("severities:\n  - name:\n    max_duration: 1h\n", 2, 5,
	          "a level's 'name' must not be empty");
	one_error("severities:\n  - name: \"\"\n", 2, 11,
	          "a level's 'name' must not be empty");
	one_error("severities: []\n", 1, 13,
	          "'severities' must list at least one level");
}
END_TEST

START_TEST(test_sections)
{
	one_error("required_sections:\n  review: [summary, root_cause]\n", 2,
	          21, "unknown section 'root_cause'; did you mean 'root-cause'?");
	one_error("required_sections:\n  final: [custom]\n", 2, 11,
	          "unknown section 'custom'; the sections are summary, impact, "
	          "detection, response, recovery, timeline, root-cause, "
	          "five-whys, lessons and follow-ups");
}
END_TEST

START_TEST(test_follow_ups)
{
	one_error("follow_up_types: [prevent, fix]\n", 1, 28,
	          "unknown follow-up type 'fix'; the types are prevent, "
	          "detect, mitigate, repair, process and other");
	one_error("follow_up_types:\n  - Detect\n", 2, 5,
	          "unknown follow-up type 'Detect'; did you mean 'detect'?");
	one_error("follow_up_priorities: []\n", 1, 23,
	          "'follow_up_priorities' must list at least one priority");
}
END_TEST

START_TEST(test_min_whys)
{
	pm_found f;
	pm_policy *pol;
	int errors;

	one_error("min_whys: -1\n", 1, 11,
	          "'min_whys' must be zero or more, not '-1'");
	one_error("min_whys: three\n", 1, 11,
	          "'min_whys' must be a whole number like 3, not a string");
	one_error("min_whys: 3.5\n", 1, 11, "must be a whole number like 3, not a string");
	pol = load("min_whys: 0\n", &f, &errors);
	ck_assert_ptr_nonnull(pol);
	ck_assert_int_eq(pol->min_whys, 0);
	pm_policy_free(pol);
}
END_TEST

START_TEST(test_rules)
{
	pm_found f;
	pm_policy *pol;
	int errors;

	pol = load("rules:\n  update-gap: off\n  overdue: error\n"
	           "  few-whys: Note\n",
	           &f, &errors);
	ck_assert_ptr_nonnull(pol);
	ck_assert_int_eq(f.n, 0);
	ck_assert_int_eq(pol->rules[PM_R_UPDATE_GAP], PM_OFF);
	ck_assert_int_eq(pol->rules[PM_R_OVERDUE], PM_ERROR);
	ck_assert_int_eq(pol->rules[PM_R_FEW_WHYS], PM_NOTE);
	ck_assert_int_eq(pol->rules[PM_R_RAW_HTML], PM_RULE_UNSET);
	pm_policy_free(pol);
	one_warning("rules: {update-gaps: off}\n", 1, 9,
	            "unknown rule 'update-gaps' in 'rules' is left out; did "
	            "you mean 'update-gap'?");
	one_warning("rules: {colour: off}\n", 1, 9,
	            "unknown rule 'colour' in 'rules' is left out; 'pmc "
	            "--list-rules' lists them");
	/* an error stays one, as with -W */
	one_warning("rules:\n  timeline-order: warning\n", 2, 19,
	            "rule 'timeline-order' is an error and stays one");
	one_warning("rules: {follow-up-due: off}\n", 1, 24,
	            "rule 'follow-up-due' is an error and stays one; 'off' "
	            "is left out (a policy raises rules and lowers "
	            "warnings); 'final:' says what status final requires");
	one_error("rules: {overdue: loud}\n", 1, 18,
	          "'overdue' must be error, warning, note or off, not a string");
	one_error("rules: [overdue]\n", 1, 8,
	          "'rules' must be a mapping from rule to severity, not a "
	          "list");
	one_error("rules:\n  overdue: off\n  overdue: error\n", 3, 3,
	          "'overdue' is given twice in 'rules'; first on line 2");
}
END_TEST

START_TEST(test_final)
{
	pm_found f;
	pm_policy *pol;
	int errors;

	pol = load("min_whys: 3\n", &f, &errors);
	ck_assert_uint_eq(pol->final, PM_FINAL_OWNER |
	                                  PM_FINAL_MS(PM_MS_STARTED) |
	                                  PM_FINAL_MS(PM_MS_RESOLVED));
	ck_assert(pol->final_owner && pol->final_due);
	pm_policy_free(pol);
	pol = load("final:\n  require: [resolved, mitigated]\n"
	           "  follow-ups: {due: false, owner: yes}\n",
	           &f, &errors);
	ck_assert_ptr_nonnull(pol);
	ck_assert_int_eq(f.n, 0);
	ck_assert_uint_eq(pol->final, PM_FINAL_MS(PM_MS_RESOLVED) |
	                                  PM_FINAL_MS(PM_MS_MITIGATED));
	ck_assert(pol->final_owner && !pol->final_due);
	pm_policy_free(pol);
	one_error("final:\n  require: [owner, resolvd]\n", 2, 20,
	          "unknown key 'resolvd' in 'final: require'; did you mean "
	          "'resolved'?");
	one_error("final:\n  follow-ups: {due: never}\n", 2, 21,
	          "'due' must be true or false, not a string");
	one_error("final: [owner]\n", 1, 8, "'final' must be a mapping");
	one_warning("final:\n  follow_ups: {due: false}\n", 2, 3,
	            "unknown key 'follow_ups' in 'final' is left out; did "
	            "you mean 'follow-ups'?");
}
END_TEST

START_TEST(test_update_hours)
{
	pm_found f;
	pm_policy *pol;
	int errors;

	pol = load("update_interval: 30m\nupdate_hours: 08:00-16:00\n"
	           "severities:\n  - name: Critical\n"
	           "    update_interval: 15m\n  - name: Minor\n",
	           &f, &errors);
	ck_assert_ptr_nonnull(pol);
	ck_assert_int_eq(pol->update_from, 8 * 60);
	ck_assert_int_eq(pol->update_to, 16 * 60);
	ck_assert_int_eq(pm_policy_update_interval(pol, "critical"), 900);
	ck_assert_int_eq(pm_policy_update_interval(pol, "Minor"), 1800);
	ck_assert_int_eq(pm_policy_update_interval(pol, NULL), 1800);
	/* 15:00 to 09:30 the next day: one hour, then an hour and a half */
	ck_assert_int_eq(pm_policy_working(pol, 15 * 3600, 86400 + 9 * 3600 +
	                                                     1800),
	                 2 * 3600 + 1800);
	/* three whole days and nights: three working days */
	ck_assert_int_eq(pm_policy_working(pol, 0, 3 * 86400), 3 * 8 * 3600);
	/* before 1970 as well */
	ck_assert_int_eq(pm_policy_working(pol, -86400, 0), 8 * 3600);
	pm_policy_free(pol);
	/* a night shift: 22:00 to 06:00 */
	pol = load("update_hours: 22:00 - 06:00\n", &f, &errors);
	ck_assert_ptr_nonnull(pol);
	ck_assert_int_eq(pm_policy_working(pol, 20 * 3600, 86400 + 7 * 3600),
	                 8 * 3600);
	ck_assert_int_eq(pm_policy_working(pol, 23 * 3600, 86400 + 3600),
	                 2 * 3600);
	pm_policy_free(pol);
	/* the whole day, said in full */
	pol = load("update_hours: 00:00-24:00\n", &f, &errors);
	ck_assert_ptr_nonnull(pol);
	ck_assert_int_eq(pm_policy_working(pol, 0, 86400), 86400);
	pm_policy_free(pol);
	/* no window: every second counts */
	pol = load("update_interval: 1h\n", &f, &errors);
	ck_assert_int_eq(pm_policy_working(pol, 0, 86400), 86400);
	pm_policy_free(pol);
	one_error("update_hours: 9-17\n", 1, 15,
	          "'update_hours' must be working hours like 08:00-16:00, not "
	          "a string");
	one_error("update_hours: 08:00-08:00\n", 1, 15, "not a string");
	one_error("update_hours: 08:00-25:00\n", 1, 15, "not a string");
	one_error("severities:\n  - name: A\n    update_interval: often\n", 3,
	          22, "'update_interval' must be a duration");
}
END_TEST

START_TEST(test_duplicate_key)
{
	one_error("min_whys: 3\nupdate_interval: 1h\nmin_whys: 5\n", 3, 1,
	          "'min_whys' is given twice; first on line 1");
	one_error("required_sections:\n  final: []\n  final: []\n", 3, 3,
	          "'final' is given twice in 'required_sections'; first on "
	          "line 2");
}
END_TEST

START_TEST(test_second_document)
{
	one_error("min_whys: 3\n---\nmin_whys: 4\n", 3, 1,
	          "a policy file holds one YAML document");
}
END_TEST

/* Every mistake is reported, each at its own place, in file order. */
START_TEST(test_every_problem)
{
	pm_found f;
	pm_policy *pol;
	int errors;

	pol = load("severities:\n"
	           "  - name: Trivial\n"
	           "    max_duration: soon\n"
	           "  - name: trivial\n"
	           "min_whys: -2\n"
	           "update_interval: never\n"
	           "required_sections:\n"
	           "  final: [sumary]\n"
	           "follow_up_types: [later]\n"
	           "colour: red\n",
	           &f, &errors);
	ck_assert_ptr_null(pol);
	if (f.n != 7)
		dump(&f);
	ck_assert_int_eq(errors, 6); /* and the unknown key's warning */
	ck_assert_int_eq(f.n, 7);
	has(&f, 3, 19, "must be a duration like 15m, 2h or 1h30m, not a string");
	has(&f, 4, 11, "given twice");
	has(&f, 5, 11, "zero or more");
	has(&f, 6, 18, "'update_interval' must be a duration like 15m, 2h or 1h30m, not a string");
	has(&f, 8, 11, "did you mean 'summary'?");
	has(&f, 9, 19, "unknown follow-up type 'later'");
	has(&f, 10, 1, "unknown policy key 'colour' is left out");
	ck_assert_int_lt(f.d[0].line, f.d[6].line);
}
END_TEST

START_TEST(test_columns)
{
	/* Columns count characters: "Störung" is 7 of them, 8 bytes. */
	one_error("severities:\n  - {name: Störung, max_duration: bald}\n", 2,
	          35, "not a string");
	/* A leading BOM is no character of line 1. */
	one_error("\xef\xbb\xbfmin_whys: x\n", 1, 11, "not a string");
	one_error("min_whys: 3\r\nupdate_interval: never\r\n", 2, 18,
	          "not a string");
}
END_TEST

START_TEST(test_encoding)
{
	one_error("min_whys: 3\n# caf\xe9\n", 2, 6,
	          "invalid UTF-8 byte 0xe9");
	one_error("min_whys: 3\nupdate_interval: \xff\xfe\n", 2, 18,
	          "invalid UTF-8 byte 0xff");
	one_error("min_whys: \x01\n", 1, 11, "control character U+0001");
	/* "\0" is an escape of YAML's, giving a NUL inside the value. */
	one_error("follow_up_priorities: [\"P\\0\"]\n", 1, 24,
	          "must not contain a NUL character");
}
END_TEST

START_TEST(test_alias)
{
	pm_found f;
	pm_policy *pol;
	int errors;

	one_error("update_interval: &d 15m\nseverities:\n"
	          "  - {name: A, max_duration: *d}\n",
	          3, 29,
	          "'max_duration' must be a duration like 15m, 2h or 1h30m, "
	          "not an alias ('*d')");
	one_error("severities:\n  - &a {name: A}\n  - *a\n", 3, 5,
	          "each entry of 'severities' must be a level (a mapping "
	          "with a 'name'), not an alias ('*a')");
	/* An alias of an enclosing list or mapping is no loop. */
	one_error("required_sections: &r\n  final: *r\n", 2, 10,
	          "'final' must be a list of sections, not an alias ('*r')");
	one_error("follow_up_types: &t [prevent, *t]\n", 1, 31,
	          "each entry of 'follow_up_types' must be a follow-up type, "
	          "not an alias ('*t')");
	pol = load("follow_up_types: [&p prevent, *p, *p]\n", &f, &errors);
	ck_assert_ptr_null(pol);
	ck_assert_int_eq(errors, 2);
	has(&f, 1, 31, "not an alias ('*p')");
	has(&f, 1, 35, "not an alias ('*p')");
}
END_TEST

/* Seconds since t0. */
static double
since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) +
	       (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Billion laughs: 9^12 "lol"s if aliases were expanded. */
START_TEST(test_alias_bomb)
{
	char text[4096], *p = text;
	struct timespec t0;
	pm_found f;
	pm_policy *pol;
	double secs;
	int i, j, errors;

	p += sprintf(p, "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
	for (i = 1; i < 12; i++) {
		p += sprintf(p, "x%d: &%c [", i, 'a' + i);
		for (j = 0; j < 9; j++)
			p += sprintf(p, "%s*%c", j ? ", " : "", 'a' + i - 1);
		p += sprintf(p, "]\n");
	}
	p += sprintf(p, "severities: *l\nfollow_up_types: *l\n"
	                "follow_up_priorities: *l\nmin_whys: *l\n");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pol = load(text, &f, &errors);
	secs = since(&t0);
	ck_assert_ptr_null(pol);
	ck_assert_int_gt(errors, 0);
	ck_assert_msg(secs < 1.0, "reading took %.2f s", secs);
	/* The anchors' keys are unknown, and the list shared by alias
	 * holds aliases, reported where they are written. */
	has(&f, 1, 1, "unknown policy key 'a'");
	has(&f, 12, 10, "each entry of 'severities' must be a level");
	has(&f, 12, 42, "each entry of 'follow_up_types' must be a follow");
	has(&f, 16, 11, "'min_whys' must be a whole number like 3, not an "
	                "alias ('*l')");
}
END_TEST

/* Loads text[0..len), freeing it, and times the reading alone. */
static pm_policy *
timed_load(char *text, size_t len, pm_found *f, int *errors,
           double *secs)
{
	const char *path = put_n("p/.pmc.yml", text, len);
	struct timespec t0;
	pm_policy *pol;

	free(text);
	memset(f, 0, sizeof(*f));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pol = pm_policy_load(path, pm_found_collect, f, errors);
	*secs = since(&t0);
	return pol;
}

/* libyaml 0.2.5 alone takes minutes over 200000 nested brackets. */
START_TEST(test_deep_nesting)
{
	size_t depth = 200000, len = 12 + 2 * depth + 1;
	char *text = malloc(len);
	pm_found f;
	double secs;
	int errors;

	ck_assert_ptr_nonnull(text);
	memcpy(text, "severities: ", 12);
	memset(text + 12, '[', depth);
	memset(text + 12 + depth, ']', depth);
	text[len - 1] = '\n';
	ck_assert_ptr_null(timed_load(text, len, &f, &errors, &secs));
	ck_assert_msg(secs < 5.0, "reading took %.2f s", secs);
	ck_assert_int_eq(errors, 1);
	/* The root mapping is the first level, so the 64th bracket. */
	has(&f, 1, 12 + 64, "nest more than 64 deep");
}
END_TEST

/* Duplicate names are looked up, not compared with every level: else
 * 50000 levels take half a minute. The bound leaves room for valgrind. */
START_TEST(test_long_scale)
{
	size_t n = 50000, i, len = 0, cap = 64 + n * 32;
	char *text = malloc(cap);
	pm_found f;
	double secs;
	int errors;

	ck_assert_ptr_nonnull(text);
	len += (size_t)snprintf(text, cap, "severities:\n");
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(text + len, cap - len,
		                        "  - name: L%zu\n", i);
	len += (size_t)snprintf(text + len, cap - len, "  - name: l49999\n");
	ck_assert_ptr_null(timed_load(text, len, &f, &errors, &secs));
	ck_assert_msg(secs < 10.0, "reading took %.2f s", secs);
	ck_assert_int_eq(errors, 1);
	has(&f, (int)n + 2, 11, "level 'l49999' is given twice; first on "
	                        "line 50001");
}
END_TEST

START_TEST(test_duration_parse)
{
	static const struct {
		const char *s;
		int64_t secs; /* -1: refused */
	} cases[] = {
	    {"90s", 90},      {"15m", 900},      {"15 min", 900},
	    {"2h", 7200},     {"1h30m", 5400},   {"1h 30m", 5400},
	    {"3d", 259200},   {"1d 2h", 93600},  {" 45 minutes ", 2700},
	    {"2H", 7200},     {"1h 0m", 3600},   {"soon", -1},
	    {"0m", -1},       {"", -1},          {"30", -1},
	    {"-5m", -1},      {"1.5h", -1},      {"30m 1h", -1},
	    {"1h 30h", -1},   {"15 mins ago", -1}, {"m", -1},
	    {"99999999999999999999s", -1}, {"9999999999999999d", -1},
	};
	size_t i;
	int64_t secs;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		secs = -7;
		if (cases[i].secs < 0) {
			ck_assert_msg(pm_duration_parse(cases[i].s, &secs) == -1,
			              "\"%s\" accepted", cases[i].s);
			ck_assert_int_eq(secs, -7);
		} else {
			ck_assert_msg(pm_duration_parse(cases[i].s, &secs) == 0,
			              "\"%s\" refused", cases[i].s);
			ck_assert_int_eq(secs, cases[i].secs);
		}
	}
}
END_TEST

static void
make_dir(const char *rel)
{
	char path[PATH_MAX + 64];

	snprintf(path, sizeof(path), "%s/%s", tmp, rel);
	ck_assert_int_eq(mkdir(path, 0700), 0);
}

static void
enter_dir(const char *rel)
{
	char path[PATH_MAX + 64];

	snprintf(path, sizeof(path), "%s/%s", tmp, rel);
	ck_assert_int_eq(chdir(path), 0);
}

/* The nearest policy file above tmp, which the test cannot remove: NULL
 * on any ordinary machine. */
static char *
policy_above(void)
{
	char dir[PATH_MAX], path[PATH_MAX + 16], *cut;

	snprintf(dir, sizeof(dir), "%s", tmp);
	while ((cut = strrchr(dir, '/')) != NULL) {
		cut[cut == dir] = '\0';
		snprintf(path, sizeof(path), "%s/.pmc.yml",
		         strcmp(dir, "/") ? dir : "");
		if (access(path, F_OK) == 0)
			return strdup(path);
		if (cut == dir)
			break;
	}
	return NULL;
}

static void
find_is(const char *source, const char *want)
{
	char *got = pm_policy_find(source);

	if (want == NULL)
		ck_assert_msg(got == NULL, "%s: found %s", source, got);
	else
		ck_assert_msg(got != NULL && strcmp(got, want) == 0,
		              "%s: found %s, not %s", source,
		              got ? got : "nothing", want);
	free(got);
}

START_TEST(test_find)
{
	char src[PATH_MAX + 64], want[PATH_MAX + 64];

	make_dir("f");
	make_dir("f/a");
	make_dir("f/a/b");
	make_dir("f/a/b/c");
	make_dir("f/a/b/c/.pmc.yml"); /* a folder of that name is no policy */
	put("f/a/.pmc.yml", vshn);
	snprintf(want, sizeof(want), "%s/f/a/.pmc.yml", tmp);

	/* Two folders up, from an absolute path: an absolute answer. */
	snprintf(src, sizeof(src), "%s/f/a/b/c/x.md", tmp);
	find_is(src, want);
	/* Below the current folder: relative to it. */
	enter_dir("f");
	find_is("a/b/c/x.md", "a/.pmc.yml");
	find_is("a/b/../b/c/x.md", "a/.pmc.yml");
	enter_dir("f/a");
	find_is("b/c/x.md", ".pmc.yml");
	find_is("x.md", ".pmc.yml");
	/* Above the current folder: absolute. */
	enter_dir("f/a/b");
	find_is("x.md", want);
	find_is("-", want);
	find_is("missing/x.md", NULL);
}
END_TEST

START_TEST(test_find_none)
{
	char src[PATH_MAX + 64], *above = policy_above();

	make_dir("n");
	make_dir("n/a");
	snprintf(src, sizeof(src), "%s/n/a/x.md", tmp);
	find_is(src, above);
	free(above);
}
END_TEST

START_TEST(test_default_scale)
{
	static const char *const yes[] = {"SEV1", "sev1", "Sev5", "P0", "p4"};
	static const char *const no[] = {"SEV6", "SEV0", "P5",  "high",
	                                 "SEV",  "P",    "SEV10", "P01",
	                                 " P1",  ""};
	pm_policy *pol = pm_policy_default();
	size_t i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		ck_assert_msg(pm_policy_level(pol, yes[i]) == 0, "%s refused",
		              yes[i]);
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		ck_assert_msg(pm_policy_level(pol, no[i]) == -1, "%s accepted",
		              no[i]);
	ck_assert_int_eq(pm_policy_level(pol, NULL), -1);
	pm_policy_free(pol);
}
END_TEST

/* A policy is read once however many sources it governs, and again
 * when it changes; its findings are delivered the first time only, and
 * counted every time. */
START_TEST(test_cache)
{
	const char *path;
	pm_policy *a, *b, *c;
	pm_found f;
	int errors, warnings;

	memset(&f, 0, sizeof(f));
	path = put("p/cache.pmc.yml", "min_whys: 4\ncolour: red\n");
	a = pm_policy_get(path, pm_found_collect, &f, &errors, &warnings);
	b = pm_policy_get(path, pm_found_collect, &f, &errors, &warnings);
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_eq(a, b);
	ck_assert_int_eq(a->min_whys, 4);
	ck_assert_int_eq(errors, 0);
	ck_assert_int_eq(warnings, 1);
	ck_assert_int_eq(f.n, 1);
	/* A changed file (other size) is read again; who holds the old
	 * version still has it whole. */
	put("p/cache.pmc.yml", "min_whys: 5\n");
	c = pm_policy_get(path, pm_found_collect, &f, &errors, &warnings);
	ck_assert_ptr_nonnull(c);
	ck_assert_ptr_ne(c, a);
	ck_assert_int_eq(c->min_whys, 5);
	ck_assert_int_eq(warnings, 0);
	ck_assert_int_eq(a->min_whys, 4);
	pm_policy_free(a);
	pm_policy_free(b);
	pm_policy_free(c);
	/* A policy with errors: NULL and its count on every call, its
	 * findings once. */
	put("p/cache.pmc.yml", "min_whys: many\n");
	f.n = 0;
	ck_assert_ptr_null(pm_policy_get(path, pm_found_collect, &f, &errors,
	                                 &warnings));
	ck_assert_ptr_null(pm_policy_get(path, pm_found_collect, &f, &errors,
	                                 &warnings));
	ck_assert_int_eq(errors, 1);
	ck_assert_int_eq(f.n, 1);
	/* What is not a regular file is read every time. */
	a = pm_policy_get("/dev/null", NULL, NULL, &errors, &warnings);
	ck_assert_ptr_nonnull(a);
	ck_assert_int_eq(a->min_whys, 3);
	pm_policy_free(a);
	errno = 0;
	ck_assert_ptr_null(pm_policy_get("p/none.pmc.yml", NULL, NULL,
	                                 &errors, &warnings));
	ck_assert_int_eq(errno, ENOENT);
}
END_TEST

static void *
get_many(void *path)
{
	pm_policy *pol;
	int i, errors, warnings;

	for (i = 0; i < 2000; i++) {
		pol = pm_policy_get(path, NULL, NULL, &errors, &warnings);
		if (pol == NULL || pol->min_whys != 6)
			return path;
		pm_policy_free(pol);
	}
	return NULL;
}

/* pmc build -j asks from several threads at once. */
START_TEST(test_cache_threads)
{
	const char *path = put("p/threads.pmc.yml", "min_whys: 6\n");
	char *copy = strdup(path);
	pthread_t t[4];
	void *bad;
	int i;

	for (i = 0; i < 4; i++)
		ck_assert_int_eq(pthread_create(&t[i], NULL, get_many, copy), 0);
	for (i = 0; i < 4; i++) {
		ck_assert_int_eq(pthread_join(t[i], &bad), 0);
		ck_assert_ptr_null(bad);
	}
	free(copy);
}
END_TEST

static Suite *
policy_suite(void)
{
	Suite *s = suite_create("policy");
	TCase *tc = tcase_create("policy");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 20); /* valgrind is slow */
	tcase_add_test(tc, test_vshn);
	tcase_add_test(tc, test_rank);
	tcase_add_test(tc, test_lists);
	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_default);
	tcase_add_test(tc, test_unreadable);
	tcase_add_test(tc, test_syntax);
	tcase_add_test(tc, test_unknown_key);
	tcase_add_test(tc, test_wrong_type);
	tcase_add_test(tc, test_duration_value);
	tcase_add_test(tc, test_levels);
	tcase_add_test(tc, test_sections);
	tcase_add_test(tc, test_follow_ups);
	tcase_add_test(tc, test_min_whys);
	tcase_add_test(tc, test_rules);
	tcase_add_test(tc, test_final);
	tcase_add_test(tc, test_update_hours);
	tcase_add_test(tc, test_duplicate_key);
	tcase_add_test(tc, test_second_document);
	tcase_add_test(tc, test_every_problem);
	tcase_add_test(tc, test_columns);
	tcase_add_test(tc, test_encoding);
	tcase_add_test(tc, test_alias);
	tcase_add_test(tc, test_alias_bomb);
	tcase_add_test(tc, test_deep_nesting);
	tcase_add_test(tc, test_long_scale);
	tcase_add_test(tc, test_duration_parse);
	tcase_add_test(tc, test_find);
	tcase_add_test(tc, test_find_none);
	tcase_add_test(tc, test_default_scale);
	tcase_add_test(tc, test_cache);
	tcase_add_test(tc, test_cache_threads);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	int rc;

	make_tmp();
	rc = pm_check_run(policy_suite());
	remove_tmp();
	return rc;
}
