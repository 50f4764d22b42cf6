/* suppress.c: suppression comments, markdownlint's convention in pmc's
 * words (format.md section 11): which lines each one silences, for
 * which rules, and the findings about the comments themselves. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>

#include "alloc.h"
#include "md.h"
#include "suppress.h"
#include "text.h"

#define PM_ALL PM_R__COUNT /* a directive without rules: all of them */

enum directive { D_DISABLE, D_ENABLE, D_LINE, D_NEXT_LINE, D__COUNT };

static const char *const directives[D__COUNT] = {
    "pmc-disable", "pmc-enable", "pmc-disable-line", "pmc-disable-next-line"};

static const char *const rule_ids[] = {
#define RULE(name, id, sev, fmt) id,
#include "rules.def"
#undef RULE
};

/* Lines from..to (inclusive) on which rule is silent. */
struct span {
	int rule;
	int from, to;
};

struct pm_suppress {
	struct span *spans;
	size_t n, cap;
	int since[PM_R__COUNT]; /* line a pmc-disable opened; 0: enabled */
	int *first;  /* after sorting: index of each rule's first span */
	int sorted;
};

/* A comment being read: where it is and what it says. */
struct comment {
	pm_md *md;
	pm_suppress *sup;
	int line, end;             /* the comment's first and last lines */
	int next;                  /* the first line after it with text */
	enum directive what;
	int rules[PM_R__COUNT + 1]; /* rules named, or PM_ALL */
	int nrules;
};

static pm_suppress *
suppressions(pm_src *src)
{
	if (src->sup == NULL)
		src->sup = pm_xcalloc(1, sizeof(*src->sup));
	return src->sup;
}

static void
add_span(pm_suppress *s, int rule, int from, int to)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 16;
		s->spans = pm_xrealloc(s->spans, s->cap * sizeof(*s->spans));
	}
	s->spans[s->n++] = (struct span){rule, from, to};
	s->sorted = 0;
}

static void
disable(pm_suppress *s, int rule, int line)
{
	if (s->since[rule] == 0)
		s->since[rule] = line;
}

static void
enable(pm_suppress *s, int rule, int line)
{
	if (s->since[rule] != 0)
		add_span(s, rule, s->since[rule], line);
	s->since[rule] = 0;
}

/* What one directive does to one rule. */
static void
apply_one(const struct comment *c, int rule)
{
	switch (c->what) {
	case D_DISABLE:
		disable(c->sup, rule, c->line);
		break;
	case D_ENABLE:
		enable(c->sup, rule, c->end);
		break;
	case D_LINE:
		add_span(c->sup, rule, c->line, c->end);
		break;
	case D_NEXT_LINE:
		add_span(c->sup, rule, c->next, c->next);
		break;
	default:
		abort();
	}
}

static void
apply(const struct comment *c)
{
	int i, r;

	for (i = 0; i < c->nrules; i++) {
		if (c->rules[i] != PM_ALL) {
			apply_one(c, c->rules[i]);
			continue;
		}
		for (r = 0; r < PM_R__COUNT; r++)
			apply_one(c, r);
	}
}

/* The place of word[0..n) on line, found in the source line; the
 * line's start when the word is not there as written. */
static pm_loc
word_loc(const struct comment *c, int line, const char *word, size_t n)
{
	const pm_src *src = c->md->src;
	const char *text, *p;
	size_t len, i;

	if ((text = pm_src_line(src, line, &len)) == NULL)
		return (pm_loc){line, 1, 1};
	for (i = 0; i + n <= len; i++) {
		p = text + i;
		if (memcmp(p, word, n) == 0)
			return pm_src_loc(src, p, n);
	}
	return pm_src_loc(src, text, len ? 1 : 0);
}

/* The name in names nearest to s[0..n), within edit distance 2. */
static const char *
nearest(const char *s, size_t n, const char *const *names, size_t count)
{
	char *w = pm_xstrndup(s, n);
	const char *best = NULL;
	size_t i, d, bestd = 3;

	for (i = 0; i < count; i++)
		if ((d = pm_edit_distance(w, names[i], 2)) < bestd) {
			bestd = d;
			best = names[i];
		}
	free(w);
	return best;
}

static void
complain(const struct comment *c, int line, const char *w, size_t n,
         const char *what, const char *const *names, size_t count)
{
	const char *near = nearest(w, n, names, count);
	char msg[512];

	snprintf(msg, sizeof(msg), "%s '%.*s' is left out; %s%s%s", what, (int)(n > 80 ? 80 : n), w,
	         near ? "did you mean '" : "", near ? near : "",
	         near ? "'?" : names == rule_ids
	                           ? "'pmc --list-rules' lists the rules"
	                           : "the forms are pmc-disable, pmc-enable, "
	                             "pmc-disable-line and "
	                             "pmc-disable-next-line");
	pm_report(c->md->src, PM_R_SUPPRESSION,
	          word_loc(c, line, w, n), msg);
}

/* One rule id of a directive. An error is never silenced, so naming one
 * would promise what the comment cannot do: a warning says so. */
static void
add_rule(struct comment *c, int line, const char *w, size_t n)
{
	char msg[256];
	size_t i;

	for (i = 0; i < PM_R__COUNT; i++)
		if (strlen(rule_ids[i]) == n && memcmp(rule_ids[i], w, n) == 0)
			break;
	if (i == PM_R__COUNT) {
		complain(c, line, w, n, "unknown rule", rule_ids, PM_R__COUNT);
		return;
	}
	if (pm_rule_severity((pm_rule)i) == PM_ERROR) {
		snprintf(msg, sizeof(msg), "rule '%s' is an error, which no "
		         "comment silences", rule_ids[i]);
		pm_report(c->md->src, PM_R_SUPPRESSION,
		          word_loc(c, line, w, n), msg);
		return;
	}
	c->rules[c->nrules++] = (int)i;
}

static int
space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' ||
	       ch == ',';
}

/* The rules after the directive word, up to the comment's end; line
 * counts the newlines passed, for the places of mistakes. Returns the
 * number of words read, known or not. */
static int
read_rules(struct comment *c, const char *s, const char *end)
{
	const char *w;
	int line = c->line, words = 0;

	for (;;) {
		for (; s < end && space(*s); s++)
			if (*s == '\n')
				line++;
		if (s >= end)
			break;
		for (w = s; s < end && !space(*s); s++)
			continue;
		words++;
		if (c->nrules < PM_R__COUNT)
			add_rule(c, line, w, (size_t)(s - w));
	}
	return words;
}

/* Reads the comment body s[0..end), the text between "<!--" and
 * "-->"; a comment that is no directive is left alone. */
static void
directive(struct comment *c, const char *s, const char *end)
{
	const char *w;
	size_t n;
	int k;

	while (s < end && space(*s))
		s++;
	for (w = s; s < end && !space(*s); s++)
		continue;
	n = (size_t)(s - w);
	/* Only a comment whose first word starts "pmc-" is meant for pmc;
	 * any other comment is the writer's own. */
	if (n < 4 || strncmp(w, "pmc-", 4) != 0)
		return;
	for (k = 0; k < D__COUNT; k++)
		if (strlen(directives[k]) == n &&
		    memcmp(directives[k], w, n) == 0)
			break;
	if (k == D__COUNT) {
		complain(c, c->line, w, n, "unknown directive", directives,
		         D__COUNT);
		return;
	}
	c->what = (enum directive)k;
	c->nrules = 0;
	/* "pmc-disable" alone is every rule; one naming only unknown rules
	 * silences none: what it meant is not known */
	if (read_rules(c, s, end) == 0)
		c->rules[c->nrules++] = PM_ALL;
	apply(c);
}

static int
count_lines(const char *s, const char *end)
{
	int n = 0;

	for (; s < end; s++)
		n += *s == '\n';
	return n;
}

/*
 * The line a pmc-disable-next-line means: the next one with text. Not
 * markdownlint's literal next line: a Markdown writer (pmc fmt, cmark)
 * puts a blank line between an HTML block and a list, and a comment that
 * silently stopped working after formatting would be a trap.
 */
static int
next_text_line(const pm_src *src, int line)
{
	const char *t;
	size_t len, i;

	while ((t = pm_src_line(src, ++line, &len)) != NULL) {
		for (i = 0; i < len && (t[i] == ' ' || t[i] == '\t'); i++)
			continue;
		if (i < len)
			return line;
	}
	return line;
}

/* Every "<!-- ... -->" in an HTML node's text, which starts on line. */
static void
read_html(struct comment *c, const char *html, int line)
{
	const char *s = html, *open, *close;

	while ((open = strstr(s, "<!--")) != NULL &&
	       (close = strstr(open + 4, "-->")) != NULL) {
		c->line = line + count_lines(html, open);
		c->end = c->line + count_lines(open, close);
		c->next = next_text_line(c->md->src, c->end);
		directive(c, open + 4, close);
		s = close + 3;
	}
}

static int
span_cmp(const void *a, const void *b)
{
	const struct span *x = a, *y = b;

	if (x->rule != y->rule)
		return x->rule < y->rule ? -1 : 1;
	return (x->from > y->from) - (x->from < y->from);
}

/* Closes what is still disabled at the end (markdownlint: a disable
 * never enabled again runs to the end of the file), sorts the spans by
 * rule and start and merges those that overlap, so that a look-up is a
 * binary search however many comments a source holds. */
static void
finish(pm_suppress *s)
{
	size_t i, o = 0;
	int r;

	for (r = 0; r < PM_R__COUNT; r++)
		if (s->since[r] != 0)
			add_span(s, r, s->since[r], INT_MAX);
	memset(s->since, 0, sizeof(s->since));
	if (s->n > 1)
		qsort(s->spans, s->n, sizeof(*s->spans), span_cmp);
	for (i = 0; i < s->n; i++) {
		if (o > 0 && s->spans[o - 1].rule == s->spans[i].rule &&
		    s->spans[i].from <= s->spans[o - 1].to) {
			if (s->spans[i].to > s->spans[o - 1].to)
				s->spans[o - 1].to = s->spans[i].to;
			continue;
		}
		s->spans[o++] = s->spans[i];
	}
	s->n = o;
	free(s->first);
	s->first = pm_xcalloc(PM_R__COUNT + 1, sizeof(*s->first));
	for (i = 0, r = 0; r <= PM_R__COUNT; r++) {
		while (i < s->n && s->spans[i].rule < r)
			i++;
		s->first[r] = (int)i;
	}
	s->sorted = 1;
}

void
pm_suppress_scan(pm_md *md, cmark_node *root)
{
	cmark_iter *it = cmark_iter_new(root);
	struct comment c;
	cmark_event_type ev;
	cmark_node *node;
	cmark_node_type t;
	const char *lit;

	memset(&c, 0, sizeof(c));
	c.md = md;
	c.sup = suppressions(md->src);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		node = cmark_iter_get_node(it);
		t = cmark_node_get_type(node);
		if (ev != CMARK_EVENT_ENTER ||
		    (t != CMARK_NODE_HTML_BLOCK && t != CMARK_NODE_HTML_INLINE))
			continue;
		if ((lit = cmark_node_get_literal(node)) != NULL &&
		    strstr(lit, "pmc-") != NULL)
			read_html(&c, lit, pm_md_loc(md, node).line);
	}
	cmark_iter_free(it);
	/* settled now: the findings are filtered later, also from a
	 * back end's copy of the source (pm_render_report) */
	finish(c.sup);
}

int
pm_suppress_covers(pm_suppress *s, pm_rule rule, int line)
{
	int lo, hi, mid;

	if (s == NULL)
		return 0;
	if (!s->sorted)
		finish(s);
	/* the last span of the rule that starts at or before line */
	lo = s->first[rule];
	hi = s->first[rule + 1];
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (s->spans[mid].from <= line)
			lo = mid;
		else
			hi = mid;
	}
	return lo < s->first[rule + 1] && s->spans[lo].from <= line &&
	       line <= s->spans[lo].to;
}

void
pm_suppress_free(pm_suppress *s)
{
	if (s == NULL)
		return;
	free(s->spans);
	free(s->first);
	free(s);
}
