/* derive.c: the figures of format.md section 7, computed once from the
 * tree every back end gets (see derive.h). */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "alloc.h"
#include "derive.h"
#include "ir.h"
#include "names.h"
#include "pmtime.h"
#include "policy.h"
#include "text.h"

int32_t
pm_today(const char *today)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	int y, m, d;

	if (today != NULL &&
	    pm_date_parse(today, strlen(today), &y, &m, &d) == PM_STAMP_OK)
		return (int32_t)pm_days_from_civil(y, m, d);
	if (epoch != NULL && *epoch != '\0')
		return (int32_t)(strtoll(epoch, NULL, 10) / 86400);
	return (int32_t)(time(NULL) / 86400);
}

pm_time
pm_day_today(const char *today)
{
	return (pm_time)pm_today(today) * 86400;
}

/* The local day the incident was resolved, or -1. */
static int
resolved_day(const xmlNode *root, int32_t *day)
{
	const char *at = pm_ir_get(
	    pm_ir_first(pm_ir_first(root, PM_EL_TIMES), PM_EL_RESOLVED), "at");
	int y, m, d;

	/* the date an xs:dateTime with an offset starts with is local */
	if (at == NULL || strlen(at) < 10 ||
	    pm_date_parse(at, 10, &y, &m, &d) != PM_STAMP_OK)
		return -1;
	*day = (int32_t)pm_days_from_civil(y, m, d);
	return 0;
}

static int
is_done(const xmlNode *action)
{
	const char *done = pm_ir_get(action, "done");

	return done != NULL && strcmp(done, "true") == 0;
}

int
pm_due_day(const pm_doc *doc, const xmlNode *action, int32_t *day)
{
	const char *due = pm_ir_get(action, "due");
	const xmlNode *root;
	char *sev;
	int y, m, d, days;

	if (due != NULL) {
		if (pm_date_parse(due, strlen(due), &y, &m, &d) != PM_STAMP_OK)
			return -1;
		*day = (int32_t)pm_days_from_civil(y, m, d);
		return 0;
	}
	if (is_done(action) || doc->ir == NULL || doc->policy == NULL)
		return -1;
	root = xmlDocGetRootElement(doc->ir);
	sev = pm_ir_child_text(root, PM_EL_SEVERITY);
	days = sev ? pm_policy_follow_up_days(doc->policy, sev) : 0;
	free(sev);
	if (days <= 0 || resolved_day(root, day) < 0)
		return -1;
	*day += days;
	return 1;
}

int
pm_overdue(const pm_doc *doc, const xmlNode *action)
{
	int32_t day;

	return !is_done(action) && pm_due_day(doc, action, &day) >= 0 &&
	       day < doc->today;
}

/* The durations measured from started, for the milestones the tree has. */
static void
durations(const xmlNode *root, xmlNodePtr metrics)
{
	const xmlNode *times = pm_ir_first(root, PM_EL_TIMES);
	pm_time t[PM_MS__COUNT];
	int has[PM_MS__COUNT], k, off;
	xmlNodePtr el;

	for (k = 0; k < PM_MS__COUNT; k++)
		has[k] = pm_time_parse_iso(pm_ir_get(pm_ir_first(times,
		                                     pm_ir_milestone(k)), "at"),
		                           &t[k], &off) == 0;
	if (!has[PM_MS_STARTED])
		return;
	for (k = 0; k < PM_DUR__COUNT; k++) {
		if (!has[pm_durations[k].to])
			continue;
		el = pm_ir_add(metrics, pm_durations[k].el, (pm_loc){0, 0, 1});
		pm_ir_set_int(el, "seconds",
		              t[pm_durations[k].to] - t[PM_MS_STARTED]);
	}
}

/* The follow-ups of every follow-ups section, internal blocks included:
 * counted, and flagged when overdue. */
static void
follow_ups(const pm_doc *doc, xmlNodePtr root,
           long long counts[PM_COUNT__COUNT])
{
	xmlNodePtr sec;
	const xmlNode *n;

	for (sec = pm_ir_first(root, PM_EL_SECTION); sec != NULL;
	     sec = pm_ir_next(sec, PM_EL_SECTION)) {
		if (pm_ir_section_key(sec) != PM_SEC_FOLLOW_UPS)
			continue;
		for (n = sec; (n = pm_ir_walk(n, sec, 1)) != NULL;) {
			if (!pm_ir_is(n, PM_EL_ACTION))
				continue;
			counts[is_done(n) ? PM_COUNT_DONE : PM_COUNT_OPEN]++;
			xmlUnsetProp((xmlNodePtr)n, BAD_CAST "overdue");
			if (!pm_overdue(doc, n))
				continue;
			counts[PM_COUNT_OVERDUE]++;
			pm_ir_set((xmlNodePtr)n, "overdue", "true");
		}
	}
}

/* The severity's rank on the policy's scale, which the reports colour
 * by: the most severe red whatever the level is called. */
static void
severity_rank(const xmlNode *root, const pm_policy *pol, xmlNodePtr m)
{
	char *sev = pm_ir_child_text(root, PM_EL_SEVERITY);
	int rank = sev != NULL ? pm_policy_rank(pol, sev) : -1;

	if (rank >= 0)
		pm_ir_set_int(m, "severity-rank", rank);
	free(sev);
}

/* Does s start a sentence: a capital (Latin-1's too: "Økt")? */
static int
capital(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	return (*u >= 'A' && *u <= 'Z') ||
	       (u[0] == 0xC3 && u[1] >= 0x80 && u[1] <= 0x9E);
}

/* The length of the first sentence of s: through the first '.', '!' or
 * '?' that ends the text or stands before a space and a capital, not
 * after a digit ("26. april", "kl. 08:40", "e.g. the" go on), or the
 * first full-width one ("。"). */
static size_t
sentence(const char *s)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++) {
		if (strchr(".!?", s[i]) && (i == 0 || s[i - 1] < '0' ||
		                            s[i - 1] > '9') &&
		    (s[i + 1] == '\0' || (s[i + 1] == ' ' && capital(s + i + 2))))
			return i + 1;
		if (strncmp(s + i, "\u3002", 3) == 0 ||
		    strncmp(s + i, "\uff01", 3) == 0 ||
		    strncmp(s + i, "\uff1f", 3) == 0)
			return i + 3;
	}
	return i;
}

#define LEDE_MAX 240

/* text (taken) with its spaces folded, its first sentence only when
 * first is set, cut at a space before LEDE_MAX bytes with an ellipsis;
 * NULL when nothing is left. */
static char *
lede_of(char *text, int first)
{
	size_t n = strlen(pm_fold_space(text)), cut;

	if (first)
		text[n = sentence(text)] = '\0';
	if (n > LEDE_MAX) {
		for (cut = LEDE_MAX; cut > 0 && text[cut] != ' '; cut--)
			;
		/* no space (Japanese): cut before a character, not in one */
		for (cut = cut ? cut : LEDE_MAX;
		     cut > 0 && (text[cut] & 0xC0) == 0x80; cut--)
			;
		text = pm_xrealloc(text, cut + 4);
		/* a cut after a sentence's end needs no ellipsis */
		if (cut > 0 && strchr(".!?", text[cut - 1]) != NULL)
			text[cut] = '\0';
		else
			memcpy(text + cut, "\u2026", 4);
	}
	if (*text == '\0') {
		free(text);
		return NULL;
	}
	return text;
}

char *
pm_lede(const xmlNode *root, pm_section_key key)
{
	const xmlNode *s, *p = NULL;
	char *text;

	if (key == PM_SEC_IMPACT &&
	    (text = pm_ir_child_text(root, PM_EL_IMPACT)) != NULL)
		return lede_of(text, 0);
	for (s = pm_ir_first(root, PM_EL_SECTION); s && p == NULL;
	     s = pm_ir_next(s, PM_EL_SECTION))
		if (pm_ir_section_key(s) == key)
			p = pm_ir_first(s, PM_EL_P);
	return p != NULL ? lede_of(pm_ir_content(p), 1) : NULL;
}

static int
by_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return x < y ? -1 : x > y;
}

long long
pm_median(long long *v, size_t n)
{
	if (n == 0)
		return -1;
	qsort(v, n, sizeof(*v), by_ll);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

void
pm_derive(pm_doc *doc)
{
	xmlNodePtr root, old, m, el, sec;
	long long counts[PM_COUNT__COUNT] = {0};
	int k;

	if (doc->ir == NULL ||
	    !pm_ir_is(root = xmlDocGetRootElement(doc->ir), PM_EL_POSTMORTEM))
		return;
	if ((old = pm_ir_first(root, PM_EL_METRICS)) != NULL) {
		xmlUnlinkNode(old);
		xmlFreeNode(old);
	}
	m = xmlNewNode(root->ns, BAD_CAST pm_ir_name(PM_EL_METRICS));
	severity_rank(root, doc->policy, m);
	durations(root, m);
	follow_ups(doc, root, counts);
	el = pm_ir_add(m, PM_EL_FOLLOW_UPS, (pm_loc){0, 0, 1});
	for (k = 0; k < PM_COUNT__COUNT; k++)
		pm_ir_set_int(el, pm_count_attrs[k], counts[k]);
	if ((sec = pm_ir_first(root, PM_EL_SECTION)) != NULL)
		xmlAddPrevSibling(sec, m);
	else
		xmlAddChild(root, m);
}
