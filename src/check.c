/* check.c: the rules that hold for any postmortem, whatever front end
 * built it, checked over the IR (format.md sections 2-7; the derived
 * figures are derive.c's). Running them here is what makes a Markdown
 * source and its XML form validate alike. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "alloc.h"
#include "derive.h"
#include "doc.h"
#include "ir.h"
#include "pmtime.h"
#include "text.h"

typedef struct ck {
	pm_doc *doc;
	xmlNodePtr root;
	pm_status status;
	const pm_policy *pol;
	const char *lang;
	xmlNodePtr ms[PM_MS__COUNT]; /* milestone elements, or NULL */
	pm_time t[PM_MS__COUNT];
	int64_t interval; /* the update interval for this severity */
	xmlNodePtr sec;   /* the section the walk is in */
} ck;

static pm_loc
at(const ck *c, const xmlNode *n)
{
	return pm_doc_loc(c->doc, n);
}

/* The next element of kind el after cur (from top when NULL). */
static xmlNodePtr
next_named(xmlNodePtr top, xmlNodePtr cur, pm_el el)
{
	xmlNodePtr n = cur ? cur : top;

	while ((n = pm_ir_walk(n, top, 1)) != NULL && !pm_ir_is(n, el))
		continue;
	return n;
}

static int
is_blank_text(const xmlNode *n)
{
	char *s = pm_ir_content(n);
	int blank = pm_text_blank(s, strlen(s));

	free(s);
	return blank;
}

static void
required(ck *c)
{
	char why[48];
	xmlNodePtr n;
	int k;

	if ((n = pm_ir_first(c->root, PM_EL_TITLE)) == NULL || is_blank_text(n))
		pm_report(&c->doc->src, PM_R_REQUIRED_KEY, at(c, c->root),
		          "title", "");
	if (((n = pm_ir_first(c->root, PM_EL_SEVERITY)) == NULL ||
	     is_blank_text(n)) && !(c->doc->unread & PM_UNREAD_SEVERITY))
		pm_report(&c->doc->src, PM_R_REQUIRED_KEY, at(c, c->root),
		          "severity", "");
	snprintf(why, sizeof(why), " for status '%s'", pm_statuses[c->status]);
	/* a value given but unreadable has its own error already */
	if (c->status >= PM_STATUS_REVIEW && c->ms[PM_MS_STARTED] == NULL &&
	    !(c->doc->unread & (1u << PM_MS_STARTED)))
		pm_report(&c->doc->src, PM_R_REQUIRED_KEY, at(c, c->root),
		          "started", why);
	if (c->status != PM_STATUS_FINAL)
		return;
	if ((c->pol->final & PM_FINAL_OWNER) &&
	    (pm_ir_first(c->root, PM_EL_OWNER) == NULL ||
	     is_blank_text(pm_ir_first(c->root, PM_EL_OWNER))))
		pm_report(&c->doc->src, PM_R_REQUIRED_KEY, at(c, c->root),
		          "owner", why);
	/* what the policy's 'final: require' names; 'started' was asked
	 * for above, from review on. A value given but unreadable has its
	 * own error already. */
	for (k = PM_MS_DETECTED; k < PM_MS__COUNT; k++)
		if ((c->pol->final & PM_FINAL_MS(k)) && c->ms[k] == NULL &&
		    !(c->doc->unread & (1u << k)))
			pm_report(&c->doc->src, PM_R_REQUIRED_KEY,
			          at(c, c->root), pm_milestones[k], why);
}

static void
scale_names(const pm_policy *pol, char *buf, size_t n)
{
	size_t i, len = 0;

	if (pol->levels == NULL) {
		snprintf(buf, n, "SEV1-SEV5 or P0-P4");
		return;
	}
	buf[0] = '\0';
	for (i = 0; i < pol->nlevels && len < n; i++)
		len += (size_t)snprintf(buf + len, n - len, "%s%s",
		                        i ? ", " : "", pol->levels[i].name);
}

/* "; did you mean 'SEV2'?" for a level written with a separator the
 * scale's names lack ("SEV-2", "Sev 2", "P_1"), else "". */
static void
scale_hint(const pm_policy *pol, const char *sev, char *buf, size_t n)
{
	char bare[64];
	size_t k = 0;
	int level;

	buf[0] = '\0';
	for (; *sev != '\0' && k < sizeof(bare) - 1; sev++)
		if (*sev >= 'a' && *sev <= 'z')
			bare[k++] = (char)(*sev - 'a' + 'A');
		else if (strchr(" -_.", *sev) == NULL)
			bare[k++] = *sev;
	bare[k] = '\0';
	if ((level = pm_policy_level(pol, bare)) < 0)
		return;
	snprintf(buf, n, "; did you mean '%s'?",
	         pol != NULL && pol->levels != NULL ? pol->levels[level].name
	                                            : bare);
}

static const char *first_placeholder(const char *s, size_t *n);

/* A severity that is a placeholder is reported once, as one
 * (format.md 11, no cascades), not also as off the scale. */
static void
severity(ck *c)
{
	xmlNodePtr n = pm_ir_first(c->root, PM_EL_SEVERITY);
	char *sev, names[256], hint[96];
	size_t len;

	if (n == NULL || is_blank_text(n))
		return;
	sev = pm_ir_content(n);
	if (pm_policy_level(c->pol, sev) < 0 &&
	    first_placeholder(sev, &len) == NULL) {
		scale_names(c->pol, names, sizeof(names));
		scale_hint(c->pol, sev, hint, sizeof(hint));
		pm_report(&c->doc->src, PM_R_SEVERITY_SCALE, at(c, n), sev,
		          names, hint);
	}
	free(sev);
}

static void
milestones(ck *c)
{
	xmlNodePtr times = pm_ir_first(c->root, PM_EL_TIMES), n;
	int k, prev = -1, off;

	for (k = 0; k < PM_MS__COUNT; k++) {
		n = pm_ir_first(times, pm_ir_milestone(k));
		if (n == NULL ||
		    pm_time_parse_iso(pm_ir_get(n, "at"), &c->t[k], &off) < 0)
			continue;
		c->ms[k] = n;
		if (prev >= 0 && c->t[k] < c->t[prev])
			pm_report(&c->doc->src, PM_R_MILESTONE_ORDER, at(c, n),
			          pm_milestones[k], pm_ir_get(n, "at"),
			          pm_milestones[prev],
			          pm_ir_get(c->ms[prev], "at"));
		prev = k;
	}
}

/* Years ago or ahead of the rest (2204 for 2024) an incident spans
 * centuries: the figures and durations are nonsense, though each
 * timestamp is valid. Reported at the milestone that stands apart. */
#define SPAN_YEARS_MAX 10
static void
span_years(ck *c)
{
	const double year = 365.2425 * 86400;
	int k, first = -1, second = -1, last = -1, before = -1, far, near;
	long long gap;

	for (k = 0; k < PM_MS__COUNT; k++) {
		if (c->ms[k] == NULL)
			continue;
		if (first < 0 || c->t[k] < c->t[first])
			second = first, first = k;
		else if (second < 0 || c->t[k] < c->t[second])
			second = k;
		if (last < 0 || c->t[k] >= c->t[last])
			before = last, last = k;
		else if (before < 0 || c->t[k] > c->t[before])
			before = k;
	}
	if (second < 0 || (double)(c->t[last] - c->t[first]) <=
	                      SPAN_YEARS_MAX * year)
		return;
	gap = (c->t[second] - c->t[first]) - (c->t[last] - c->t[before]);
	/* two milestones alone: the one further from today stands apart */
	if (gap == 0)
		gap = llabs((long long)(c->t[first] / 86400 - c->doc->today)) -
		      llabs((long long)(c->t[last] / 86400 - c->doc->today));
	far = gap > 0 ? first : last;
	near = far == first ? second : before;
	pm_report(&c->doc->src, PM_R_SPAN_YEARS, at(c, c->ms[far]),
	          pm_milestones[far],
	          (long long)((double)(c->t[last] - c->t[first]) / year),
	          pm_milestones[near]);
}


static void
sections(ck *c)
{
	xmlNodePtr first[PM_SEC__COUNT] = {0}, sec;
	pm_section_set need;
	const char *heading, *near;
	pm_section_key k;
	pm_severity sev;

	for (sec = pm_ir_first(c->root, PM_EL_SECTION); sec != NULL;
	     sec = pm_ir_next(sec, PM_EL_SECTION)) {
		k = pm_ir_section_key(sec);
		heading = pm_ir_get(sec, "heading") ? pm_ir_get(sec, "heading")
		                                    : "";
		if (k == PM_SEC_CUSTOM) {
			near = pm_section_near(heading, strlen(heading),
			                       c->lang);
			if (near != NULL)
				pm_report(&c->doc->src, PM_R_UNKNOWN_SECTION,
				          at(c, sec), heading, near);
		} else if (first[k] != NULL) {
			pm_report(&c->doc->src, PM_R_DUPLICATE_SECTION,
			          at(c, sec), heading, at(c, first[k]).line);
		} else {
			first[k] = sec;
		}
	}
	if (c->status == PM_STATUS_DRAFT)
		return;
	need = c->pol->required[c->status];
	sev = c->status == PM_STATUS_FINAL ? PM_ERROR : PM_WARNING;
	for (k = 0; k < PM_SEC_CUSTOM; k++) {
		if (!(need & (1u << k)) || first[k] != NULL)
			continue;
		/* The five whys are a way of giving the root cause. */
		if (k == PM_SEC_ROOT_CAUSE && first[PM_SEC_FIVE_WHYS] != NULL)
			continue;
		pm_report_as(&c->doc->src, sev, PM_R_MISSING_SECTION,
		             at(c, c->root), pm_section_heading(k, c->lang),
		             pm_statuses[c->status]);
	}
}

static void
event_milestone(ck *c, xmlNodePtr ev, pm_time t)
{
	const char *kind = pm_ir_get(ev, "kind");
	int k = kind ? pm_name_find(pm_milestones, PM_MS__COUNT, kind) : -1;
	xmlNodePtr ms;

	if (k < 0 || (ms = c->ms[k]) == NULL || pm_ir_get(ms, "from"))
		return;
	if (c->t[k] != t)
		pm_report(&c->doc->src, PM_R_MILESTONE_CONFLICT, at(c, ev),
		          kind, pm_ir_get(ev, "at"), kind, pm_ir_get(ms, "at"));
}

/* The local time of an event: seconds since 1970 on the wall clock of
 * the zone it was written in. */
static int64_t
local_time(const xmlNode *ev, pm_time t)
{
	pm_time u;
	int off = 0;

	if (pm_time_parse_iso(pm_ir_get(ev, "at"), &u, &off) < 0)
		off = 0;
	return t + off;
}

/* Gaps between updates while the incident was being handled: from
 * detection to mitigation, and only the time inside the policy's
 * working hours (docs/choices.md, "Update gaps"). */
static void
update_gap(ck *c, xmlNodePtr ev, pm_time t, xmlNodePtr prev, pm_time pt)
{
	char gap[64], every[40];
	int64_t limit = c->interval, silent;

	if (limit <= 0 || prev == NULL || !c->ms[PM_MS_DETECTED] ||
	    !c->ms[PM_MS_MITIGATED] || pt < c->t[PM_MS_DETECTED] ||
	    t > c->t[PM_MS_MITIGATED] || t - pt <= limit)
		return;
	silent = pm_policy_working(c->pol, local_time(prev, pt),
	                           local_time(ev, t));
	if (silent <= limit)
		return;
	pm_duration_format(silent, gap, 40); /* room for the words after */
	if (c->pol->update_from != c->pol->update_to)
		strcat(gap, " of working hours");
	pm_duration_format(limit, every, sizeof(every));
	pm_report(&c->doc->src, PM_R_UPDATE_GAP, at(c, ev), gap,
	          at(c, prev).line, every);
}

/* The next event after ev with a readable time, and that time. */
static xmlNodePtr
next_event(xmlNodePtr sec, xmlNodePtr ev, pm_time *t)
{
	int off;

	while ((ev = next_named(sec, ev, PM_EL_EVENT)) != NULL)
		if (pm_time_parse_iso(pm_ir_get(ev, "at"), t, &off) == 0)
			return ev;
	return NULL;
}

/* An event later than the one after it is reported there, as out of
 * order; it is not also "after resolved" (one typo, one finding). */
static void
after_resolved(ck *c, xmlNodePtr ev, pm_time t, xmlNodePtr next, pm_time nt)
{
	if (!c->ms[PM_MS_RESOLVED] || t <= c->t[PM_MS_RESOLVED] ||
	    (next != NULL && nt < t && nt <= c->t[PM_MS_RESOLVED]))
		return;
	pm_report(&c->doc->src, PM_R_AFTER_RESOLVED, at(c, ev),
	          pm_ir_get(c->ms[PM_MS_RESOLVED], "at"));
}

static void
timeline(ck *c, xmlNodePtr sec)
{
	xmlNodePtr ev, next, prev = NULL;
	pm_time t, nt = 0, pt = 0;
	int count = 0;

	for (ev = next_event(sec, NULL, &t); ev != NULL; ev = next, t = nt) {
		next = next_event(sec, ev, &nt);
		count++;
		if (prev != NULL && t < pt)
			pm_report(&c->doc->src, PM_R_TIMELINE_ORDER, at(c, ev),
			          at(c, prev).line);
		else
			update_gap(c, ev, t, prev, pt);
		after_resolved(c, ev, t, next, nt);
		event_milestone(c, ev, t);
		/* The next event is compared with this one even when it was
		 * out of order: one misplaced event (or a day's entries
		 * after midnight) is one finding, not one per event after. */
		prev = ev, pt = t;
	}
	/* entries left out were reported, each on its own line */
	if (count == 0 && c->doc->dropped_events == 0)
		pm_report(&c->doc->src, PM_R_TIMELINE_EMPTY, at(c, sec));
}

static int
ends_with_question(const char *s)
{
	size_t n = strlen(s);

	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\n'))
		n--;
	return (n >= 1 && s[n - 1] == '?') ||
	       (n >= 3 && memcmp(s + n - 3, "\xef\xbc\x9f", 3) == 0);
}

/* One chain of whys; a chain under a "###" heading is counted on its
 * own and reported at its heading (format.md section 11). */
static void
why_chain(ck *c, xmlNodePtr sec, xmlNodePtr chain)
{
	xmlNodePtr why;
	char *q, *a;
	int count = 0;

	for (why = pm_ir_first(chain, PM_EL_WHY); why != NULL;
	     why = pm_ir_next(why, PM_EL_WHY)) {
		q = pm_ir_content(pm_ir_first(why, PM_EL_QUESTION));
		a = pm_ir_content(pm_ir_first(why, PM_EL_ANSWER));
		count++;
		if (!ends_with_question(q))
			pm_report(&c->doc->src, PM_R_WHY_QUESTION, at(c, why));
		else if (pm_text_blank(a, strlen(a)) &&
		         pm_ir_first(why, PM_EL_BODY) == NULL)
			pm_report(&c->doc->src, PM_R_WHY_ANSWER, at(c, why));
		free(q);
		free(a);
	}
	if (count < c->pol->min_whys)
		pm_report(&c->doc->src, PM_R_FEW_WHYS,
		          at(c, pm_ir_get(chain, "heading") ? chain : sec), count,
		          c->pol->min_whys);
}

static void
whys(ck *c, xmlNodePtr sec)
{
	xmlNodePtr chain = NULL;
	int chains = 0;

	while ((chain = next_named(sec, chain, PM_EL_WHYS)) != NULL) {
		why_chain(c, sec, chain);
		chains++;
	}
	if (chains == 0 && c->pol->min_whys > 0)
		pm_report(&c->doc->src, PM_R_FEW_WHYS, at(c, sec), 0,
		          c->pol->min_whys);
}

static int
listed(char **names, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(names[i], s) == 0)
			return 1;
	return 0;
}

static void
join(char **names, size_t n, char *buf, size_t cap)
{
	size_t i, len = 0;

	buf[0] = '\0';
	for (i = 0; i < n && len < cap; i++)
		len += (size_t)snprintf(buf + len, cap - len, "%s%s",
		                        i ? ", " : "", names[i]);
}

static void
action_policy(ck *c, xmlNodePtr act)
{
	const char *type = pm_ir_get(act, "type");
	const char *prio = pm_ir_get(act, "priority");
	char list[256];

	if (type && c->pol->types &&
	    !listed(c->pol->types, c->pol->ntypes, type)) {
		join(c->pol->types, c->pol->ntypes, list, sizeof(list));
		pm_report(&c->doc->src, PM_R_BAD_VALUE, at(c, act), type,
		          "follow-up type under this policy", list);
	}
	if (prio && c->pol->priorities &&
	    !listed(c->pol->priorities, c->pol->npriorities, prio)) {
		join(c->pol->priorities, c->pol->npriorities, list,
		     sizeof(list));
		pm_report(&c->doc->src, PM_R_BAD_VALUE, at(c, act), prio,
		          "follow-up priority", list);
	}
}

/* Did the front end keep a value meant for attribute key as a detail,
 * having reported it? */
static int
kept_as_detail(const xmlNode *act, const char *key)
{
	const xmlNode *d;
	const char *k;

	for (d = pm_ir_first(act, PM_EL_DETAIL); d;
	     d = pm_ir_next(d, PM_EL_DETAIL))
		if ((k = pm_ir_get(d, "key")) != NULL && strcmp(k, key) == 0)
			return 1;
	return 0;
}

/* An overdue follow-up: by its own date, or by the policy's deadline
 * for the severity, which the message spells out (the writer gave no
 * date, and must see where this one comes from). */
static void
overdue(ck *c, xmlNodePtr act, const char *due)
{
	char why[160], *sev;
	int32_t day;
	int y, m, d;

	if (due != NULL || pm_due_day(c->doc, act, &day) != 1) {
		pm_report(&c->doc->src, PM_R_OVERDUE, at(c, act), due);
		return;
	}
	pm_civil_from_days(day, &y, &m, &d);
	sev = pm_ir_child_text(xmlDocGetRootElement(c->doc->ir),
	                       PM_EL_SEVERITY);
	snprintf(why, sizeof(why),
	         "%04d-%02d-%02d (no due date: the policy gives %.40s "
	         "follow-ups %d days from resolution)",
	         y, m, d, sev ? sev : "", pm_policy_follow_up_days(c->pol, sev));
	free(sev);
	pm_report(&c->doc->src, PM_R_OVERDUE, at(c, act), why);
}

/* A follow-up of the follow-ups section. */
static void
action(ck *c, xmlNodePtr act)
{
	const char *due = pm_ir_get(act, "due"), *done;
	int open;

	if (pm_ir_section_key(c->sec) != PM_SEC_FOLLOW_UPS)
		return;
	done = pm_ir_get(act, "done");
	open = !(done && strcmp(done, "true") == 0);
	action_policy(c, act);
	if (c->status == PM_STATUS_FINAL && c->pol->final_owner &&
	    !pm_ir_get(act, "owner"))
		pm_report(&c->doc->src, PM_R_FOLLOWUP_OWNER, at(c, act));
	/* a due date written but unreadable was reported already */
	if (c->status == PM_STATUS_FINAL && c->pol->final_due && open &&
	    due == NULL && !kept_as_detail(act, "due"))
		pm_report(&c->doc->src, PM_R_FOLLOWUP_DUE, at(c, act));
	if (pm_overdue(c->doc, act))
		overdue(c, act, due);
}

static int
alnum(char ch)
{
	return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') ||
	       (ch >= 'A' && ch <= 'Z') || ch == '_';
}

/* "P0", "SEV2", "P2+" at s: its length and how many capitals lead it. */
static size_t
level_token(const char *s, size_t *letters)
{
	size_t i = 0;

	while (s[i] >= 'A' && s[i] <= 'Z')
		i++;
	*letters = i;
	if (i == 0 || !(s[i] >= '0' && s[i] <= '9'))
		return 0;
	while (s[i] >= '0' && s[i] <= '9')
		i++;
	if (s[i] == '+')
		i++;
	return alnum(s[i]) ? 0 : i;
}

/* An unedited scale, "P0 / P1 / P2+": two or more level tokens of the
 * same prefix separated by slashes. Returns its length, or 0. */
static size_t
scale_at(const char *s)
{
	size_t n, letters, more, k, len, count = 1, i;

	if ((n = level_token(s, &letters)) == 0)
		return 0;
	len = n;
	for (;;) {
		i = len;
		while (s[i] == ' ')
			i++;
		if (s[i++] != '/')
			break;
		while (s[i] == ' ')
			i++;
		if ((k = level_token(s + i, &more)) == 0 || more != letters ||
		    strncmp(s, s + i, letters) != 0)
			break;
		len = i + k;
		count++;
	}
	return count >= 2 ? len : 0;
}

/* The length of a placeholder at s (TODO, TBD, FIXME, ???, a scale). */
static size_t
placeholder_at(const char *s, const char *start)
{
	static const char *const words[] = {"TODO", "TBD", "FIXME", NULL};
	size_t i, n;

	/* every placeholder starts with '?' or a capital: most text is
	 * passed over at this test (it runs on every byte of a document) */
	if (*s != '?' && !(*s >= 'A' && *s <= 'Z'))
		return 0;
	if (strncmp(s, "???", 3) == 0)
		return 3;
	if (s > start && alnum(s[-1]))
		return 0;
	for (i = 0; words[i]; i++) {
		n = strlen(words[i]);
		if (strncmp(s, words[i], n) == 0 && !alnum(s[n]))
			return n;
	}
	return scale_at(s);
}

/* The first placeholder in s, its length in *n; NULL when none. */
static const char *
first_placeholder(const char *s, size_t *n)
{
	const char *p;

	for (p = s; *p; p++) {
		/* every placeholder starts with '?' or a capital: the rest of
		 * the text is passed over here, without a call per byte */
		if (*p != '?' && !(*p >= 'A' && *p <= 'Z'))
			continue;
		if ((*n = placeholder_at(p, s)) != 0)
			return p;
	}
	return NULL;
}

/* Reports the placeholder p[0..n), found in el. */
static void
placeholder_report(ck *c, const char *p, size_t n, const xmlNode *el)
{
	char *word = pm_xstrndup(p, n);

	pm_report_as(&c->doc->src,
	             c->status == PM_STATUS_FINAL ? PM_ERROR : PM_WARNING,
	             PM_R_PLACEHOLDER, at(c, el), word);
	free(word);
}

static int
in_code(const xmlNode *n)
{
	for (; n != NULL; n = n->parent)
		if (pm_ir_is(n, PM_EL_CODE) || pm_ir_is(n, PM_EL_CODE_BLOCK))
			return 1;
	return 0;
}

/* The attributes a placeholder is looked for in, in report order. */
static const char *const ph_attrs[] = {"owner", "ticket", "heading"};
#define NPH_ATTRS (sizeof(ph_attrs) / sizeof(ph_attrs[0]))

/* The values of el's ph_attrs, read in one pass over its attributes
 * (this runs on every element of a document). */
static void
ph_values(const xmlNode *el, const char *val[NPH_ATTRS])
{
	const xmlAttr *a;
	size_t i;

	for (i = 0; i < NPH_ATTRS; i++)
		val[i] = NULL;
	for (a = el->properties; a != NULL; a = a->next) {
		if (a->ns != NULL)
			continue;
		for (i = 0; i < NPH_ATTRS; i++)
			if (val[i] == NULL &&
			    strcmp((const char *)a->name, ph_attrs[i]) == 0)
				val[i] = a->children && a->children->content
				             ? (const char *)a->children->content
				             : "";
	}
}

/* The placeholders in a text, or in an element's attributes. */
static void
placeholders(ck *c, xmlNodePtr n)
{
	const char *val[NPH_ATTRS], *p;
	size_t i, len;

	/* whether the text is code is asked only of the rare text that
	 * holds a placeholder */
	if (n->type == XML_TEXT_NODE &&
	    (p = first_placeholder((const char *)n->content, &len)) &&
	    !in_code(n))
		placeholder_report(c, p, len, n->parent);
	if (n->type != XML_ELEMENT_NODE)
		return;
	ph_values(n, val);
	for (i = 0; i < NPH_ATTRS; i++)
		if (val[i] != NULL &&
		    (p = first_placeholder(val[i], &len)) != NULL)
			placeholder_report(c, p, len, n);
}

/* A section: the rules of its kind that look at all of it at once (the
 * order of a timeline, the count of whys). */
static void
section(ck *c, xmlNodePtr sec)
{
	c->sec = sec;
	switch (pm_ir_section_key(sec)) {
	case PM_SEC_TIMELINE:
		timeline(c, sec);
		break;
	case PM_SEC_FIVE_WHYS:
		whys(c, sec);
		break;
	default:
		break;
	}
}

/* The rules of one element kind, called as the walk meets an element of
 * that kind: mandoc's validator table over one walk. */
typedef void check_fn(ck *, xmlNodePtr);

static check_fn *const checks[PM_EL__COUNT] = {
    [PM_EL_SECTION] = section,
    [PM_EL_ACTION] = action,
};

/* One walk of the tree below the root: each element's rules, and the
 * placeholders of every text and attribute (an error once final,
 * format.md section 6; before that a reminder, so a draft from 'pmc new'
 * shows what is left to fill). */
static void
walk(ck *c)
{
	xmlNodePtr n = c->root;
	check_fn *fn;

	while ((n = pm_ir_walk(n, c->root, 1)) != NULL) {
		if ((fn = checks[pm_ir_kind(n)]) != NULL)
			fn(c, n);
		placeholders(c, n);
	}
}

/* A resolution slower than the level allows: suggest the level whose
 * maximum fits the duration best. */
static void
severity_duration(ck *c)
{
	xmlNodePtr n = pm_ir_first(c->root, PM_EL_SEVERITY);
	const pm_level *lv, *fit = NULL;
	int64_t d;
	char *sev, took[40], max[40];
	size_t i;
	int k;

	if (!c->ms[PM_MS_STARTED] || !c->ms[PM_MS_RESOLVED] || n == NULL ||
	    c->pol->levels == NULL)
		return;
	sev = pm_ir_content(n);
	k = pm_policy_level(c->pol, sev);
	d = c->t[PM_MS_RESOLVED] - c->t[PM_MS_STARTED];
	if (k >= 0 && (lv = &c->pol->levels[k])->max_resolve > 0 &&
	    d > lv->max_resolve) {
		for (i = 0; i < c->pol->nlevels; i++) {
			const pm_level *l = &c->pol->levels[i];
			if ((l->max_resolve == 0 || l->max_resolve >= d) &&
			    (fit == NULL || (fit->max_resolve != 0 &&
			                     (l->max_resolve != 0 &&
			                      l->max_resolve < fit->max_resolve))))
				fit = l;
		}
		pm_duration_format(d, took, sizeof(took));
		pm_duration_format(lv->max_resolve, max, sizeof(max));
		pm_report(&c->doc->src, PM_R_SEVERITY_DURATION, at(c, n), took,
		          lv->name, max, fit ? fit->name : "no level");
	}
	free(sev);
}

static int64_t
update_interval(const ck *c)
{
	xmlNodePtr n = pm_ir_first(c->root, PM_EL_SEVERITY);
	char *sev = n ? pm_ir_content(n) : NULL;
	int64_t secs = pm_policy_update_interval(c->pol, sev);

	free(sev);
	return secs;
}

void
pm_check_ir(pm_doc *doc)
{
	ck c;
	int st;

	memset(&c, 0, sizeof(c));
	c.doc = doc;
	c.root = xmlDocGetRootElement(doc->ir);
	c.pol = doc->policy;
	c.lang = pm_ir_get(c.root, "lang");
	st = pm_name_find(pm_statuses, PM_STATUS__COUNT,
	                  pm_ir_get(c.root, "status") ? pm_ir_get(c.root,
	                                                          "status")
	                                              : "draft");
	c.status = st < 0 ? PM_STATUS_DRAFT : (pm_status)st;
	c.interval = update_interval(&c);
	milestones(&c);
	span_years(&c);
	required(&c);
	severity(&c);
	sections(&c);
	walk(&c);
	severity_duration(&c);
}
