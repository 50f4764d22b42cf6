/* redact.c: the public version of a postmortem (format.md section 8),
 * made once in the intermediate form so that every back end gets the
 * same tree and none can forget a rule of its own. */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "ir.h"
#include "names.h"
#include "redact.h"
#include "text.h"

#define PM_PHONE_MIN 8  /* digits: fewer is a count, a year, a time */
#define PM_PHONE_MAX 15 /* digits: E.164's longest number */
#define PM_GROUPS 3     /* digit groups remembered, to recognise dates */

/* Attributes that hold text a person wrote; the rest (at, due, key,
 * line, ...) hold values of a fixed form and are left alone. The id is
 * any string a writer chose ("id: kari@example.com-outage" happens):
 * redacted like the rest, so that pmc build refuses such a public id as
 * a file name rather than publish it. */
static const char *const text_attrs[] = {
    "owner", "ticket", "priority", "heading", "label",
    "href",  "src",    "alt",      "title",   "id",  NULL};

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
is_alnum(int c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
local_char(int c)
{
	return is_alnum(c) || (c != '\0' && strchr("._%+-'", c) != NULL);
}

static int
domain_char(int c)
{
	return is_alnum(c) || c == '-' || c == '.';
}

/* The e-mail address around the at sign s[at..at+len) ('@' or "%40"),
 * not reaching back before floor: sets [*b, *e) and returns 1, or
 * returns 0. The domain needs a dot and a top-level label of two letters
 * or more. */
static int
email_at(const char *s, size_t n, size_t floor, size_t at, size_t len,
         size_t *b, size_t *e)
{
	size_t i = at, j = at + len, dot = 0, k;

	while (i > floor && local_char((unsigned char)s[i - 1]))
		i--;
	while (i < at && s[i] == '.')
		i++;
	while (j < n && domain_char((unsigned char)s[j]))
		j++;
	while (j > at + len && (s[j - 1] == '.' || s[j - 1] == '-'))
		j--;
	for (k = at + len; k < j; k++)
		if (s[k] == '.')
			dot = k;
	if (i == at || dot <= at + len || j - dot < 3)
		return 0;
	for (k = dot + 1; k < j; k++)
		if (!is_alpha((unsigned char)s[k]))
			return 0;
	*b = i;
	*e = j;
	return 1;
}

/* A run of digit groups: "+41 44 545 53 53", "(555) 123-4567". */
struct number {
	size_t end;             /* after its last digit */
	int plus;               /* written with a leading '+' */
	int paren;              /* an area code in parentheses */
	int digits;
	int groups;
	int len[PM_GROUPS];     /* digits of the first groups */
	char sep[PM_GROUPS];    /* the separator after each of them */
	int dots_only;          /* every separator is a '.' */
};

/* The separator after a group: one of " -./", or a parenthesis with a
 * space ("555) 123"); returns its length, 0 when no group follows. */
static size_t
separator(const char *s, size_t n, size_t j)
{
	size_t k = j;

	if (k < n && s[k] == ')')
		k++;
	if (k < n && s[k] != '\0' && strchr(" -./", s[k]))
		k++;
	if (k < n && s[k] == '(' && k > j)
		k++;
	return k > j && k < n && is_digit((unsigned char)s[k]) ? k - j : 0;
}

/* Reads the digit groups at s[i], the whole run however long: a run too
 * long to be a phone number is skipped as a whole, so that its tail is
 * not taken for one, and scanning stays linear. */
static void
number_at(const char *s, size_t n, size_t i, struct number *m)
{
	size_t j = i, g, k;

	memset(m, 0, sizeof(*m));
	m->dots_only = 1;
	if (s[j] == '+')
		m->plus = 1, j++;
	if (j < n && s[j] == '(')
		m->paren = 1, j++;
	for (;;) {
		for (g = j; j < n && is_digit((unsigned char)s[j]); j++)
			m->digits++;
		if (j == g)
			break;
		m->end = j;
		if (m->groups < PM_GROUPS)
			m->len[m->groups] = (int)(j - g);
		m->groups++;
		if ((k = separator(s, n, j)) == 0)
			break;
		if (m->groups <= PM_GROUPS)
			m->sep[m->groups - 1] = s[j];
		if (k > 1 || s[j] != '.')
			m->dots_only = 0;
		m->paren |= s[j] == ')';
		j += k;
	}
	if (m->end == 0)
		m->end = i + 1;
}

/* 2022-04-27, 27.04.2022, 4/27/2022: a date, not a number to hide. */
static int
date_like(const struct number *m)
{
	if (m->groups < 3 || m->sep[0] != m->sep[1] ||
	    strchr("-./", m->sep[0]) == NULL)
		return 0;
	return (m->len[0] == 4 && m->len[1] <= 2 && m->len[2] <= 2) ||
	       (m->len[0] <= 2 && m->len[1] <= 2 && m->len[2] == 4);
}

/* Whether the number read is a phone number. Written with '+' it is one
 * when long enough; without, it needs the shape of one: three groups or
 * more, or a trunk '0' or an area code in parentheses, and it must not be
 * a date, an IPv4 address or glued to a word (a ticket id, a time). */
static int
phone(const char *s, size_t n, size_t i, const struct number *m)
{
	int c = m->end < n ? (unsigned char)s[m->end] : ' ';
	int d = m->end + 1 < n ? (unsigned char)s[m->end + 1] : ' ';

	if (m->digits < PM_PHONE_MIN || m->digits > PM_PHONE_MAX)
		return 0;
	if (is_alnum(c) || c == '@' ||
	    (strchr(".,:", c) != NULL && c != '\0' && is_digit(d)))
		return 0;
	/* "00" is how most of the world dials '+': 004722222222 */
	if (m->plus || (m->groups == 1 && m->len[0] >= 10 && s[i] == '0' &&
	                s[i + 1] == '0'))
		return 1;
	if (date_like(m) || (m->dots_only && m->groups == 4))
		return 0;
	return m->groups >= 3 ||
	       (m->groups >= 2 && (m->paren || s[i + (s[i] == '(')] == '0'));
}

/* A number may start here: not inside a word, a path or a ticket id. */
static int
may_start(const char *s, size_t i)
{
	int c = (unsigned char)s[i], p = i > 0 ? (unsigned char)s[i - 1] : ' ';

	if (!is_digit(c) && c != '+' && c != '(')
		return 0;
	return !is_alnum(p) && (p == '\0' || !strchr("-_/.#=@&?%~+", p));
}

/* The length of the at sign at s[i]: '@', or "%40" as a URL or a
 * ticket link writes it; 0 for none. */
static size_t
at_sign(const char *s, size_t n, size_t i)
{
	if (s[i] == '@')
		return 1;
	return s[i] == '%' && n - i >= 3 && s[i + 1] == '4' && s[i + 2] == '0'
	           ? 3
	           : 0;
}

/* The next address or phone number in s[0..n) at *i or after, not
 * reaching back before floor: sets [*b, *e) and returns 1, or returns 0
 * with *i == n. */
static int
next_match(const char *s, size_t n, size_t floor, size_t *i, size_t *b,
           size_t *e)
{
	struct number m;
	size_t at;

	while (*i < n) {
		if ((at = at_sign(s, n, *i)) > 0 &&
		    email_at(s, n, floor, *i, at, b, e))
			return 1;
		if (!may_start(s, *i)) {
			(*i)++;
			continue;
		}
		number_at(s, n, *i, &m);
		if (phone(s, n, *i, &m)) {
			*b = *i;
			*e = m.end;
			return 1;
		}
		*i = m.end;
	}
	return 0;
}

size_t
pm_redact_text(const char *s, size_t n, pm_buf *out)
{
	size_t i = 0, copied = 0, count = 0, b, e;

	while (next_match(s, n, copied, &i, &b, &e)) {
		pm_buf_put(out, s + copied, b - copied);
		pm_buf_puts(out, PM_REDACTED);
		copied = i = e;
		count++;
	}
	pm_buf_put(out, s + copied, n - copied);
	return count;
}


/* A growable list of nodes to change after a walk, so that the walk
 * never steps on a node that was freed. */
struct nodes {
	xmlNodePtr *v;
	size_t n;
};

static void
push(struct nodes *l, xmlNodePtr node)
{
	if ((l->n & (l->n - 1)) == 0)
		l->v = pm_xrealloc(l->v, (l->n ? l->n * 2 : 1) * sizeof(*l->v));
	l->v[l->n++] = node;
}

static int
has_elements(const xmlNode *n)
{
	for (n = n->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			return 1;
	return 0;
}

static void
drop(xmlNodePtr n)
{
	xmlUnlinkNode(n);
	xmlFreeNode(n);
}

static int
is_holder(const xmlNode *n)
{
	return pm_ir_is(n, PM_EL_SECTION) || pm_ir_is(n, PM_EL_SUBSECTION);
}

/* Notes the sections and subsections around an internal block, each
 * once (marked through _private) and outermost first. */
static void
note_holders(xmlNodePtr root, xmlNodePtr block, struct nodes *holders)
{
	xmlNodePtr p, chain[PM_SEC__COUNT];
	int k = 0;

	for (p = block->parent; p != NULL && p != root; p = p->parent)
		if (is_holder(p) && p->_private == NULL && k < PM_SEC__COUNT)
			chain[k++] = p;
	while (k-- > 0) {
		chain[k]->_private = chain[k];
		push(holders, chain[k]);
	}
}

static xmlNodePtr
element_sibling(xmlNodePtr n, int forward)
{
	do
		n = forward ? n->next : n->prev;
	while (n != NULL && n->type != XML_ELEMENT_NODE);
	return n;
}

/* Removes an internal block; a timeline or follow-up list cut in two by
 * it becomes one again, so that the public version shows no seam. */
static void
drop_block(xmlNodePtr block)
{
	xmlNodePtr prev = element_sibling(block, 0);
	xmlNodePtr next = element_sibling(block, 1), ch;

	drop(block);
	if (prev == NULL || next == NULL ||
	    !(pm_ir_is(prev, PM_EL_TIMELINE) ||
	      pm_ir_is(prev, PM_EL_FOLLOW_UPS)) ||
	    !xmlStrEqual(prev->name, next->name) || !pm_ir_is(next, PM_EL_ANY))
		return;
	while ((ch = next->children) != NULL) {
		xmlUnlinkNode(ch);
		xmlAddChild(prev, ch);
	}
	drop(next);
}

static int
heading_level(const xmlNode *h)
{
	const char *v = pm_ir_get(h, "level");

	return v != NULL ? atoi(v) : 3;
}

/* Notes the heading an internal block comes under, among its siblings,
 * or the heading an internal span stands in; each heading once. */
static void
note_heading(xmlNodePtr block, struct nodes *headings)
{
	xmlNodePtr h = block;

	if (pm_ir_is(block, PM_EL_INTERNAL_SPAN)) {
		while (h != NULL && !pm_ir_is(h, PM_EL_HEADING) &&
		       !pm_ir_is(h, PM_EL_P))
			h = h->parent;
	} else {
		while ((h = element_sibling(h, 0)) != NULL &&
		       !pm_ir_is(h, PM_EL_HEADING))
			continue;
	}
	if (h == NULL || !pm_ir_is(h, PM_EL_HEADING) || h->_private != NULL)
		return;
	h->_private = h;
	push(headings, h);
}

/* A heading left over nothing (the next element is a heading of its
 * level or above, or none) or left with no text said only what the
 * internal blocks were about: docs/choices.md, "Audience". */
static void
drop_bare_heading(xmlNodePtr h)
{
	xmlNodePtr next = element_sibling(h, 1);
	xmlChar *text;
	int bare;

	h->_private = NULL;
	text = xmlNodeGetContent(h);
	bare = next == NULL ||
	       (pm_ir_is(next, PM_EL_HEADING) &&
	        heading_level(next) <= heading_level(h)) ||
	       pm_text_blank((const char *)text, strlen((const char *)text));
	xmlFree(text);
	if (bare)
		drop(h);
}

/* Removes the internal blocks, then the sections and subsections that
 * held one and are empty without it (a heading over nothing would say
 * that something was left out, and where). */
static void
drop_internal(xmlNodePtr root)
{
	struct nodes blocks = {NULL, 0}, holders = {NULL, 0};
	struct nodes headings = {NULL, 0};
	xmlNodePtr n = pm_ir_walk(root, root, 1);
	size_t i;

	while (n != NULL) {
		if (!pm_ir_is(n, PM_EL_INTERNAL) &&
		    !pm_ir_is(n, PM_EL_INTERNAL_SPAN)) {
			n = pm_ir_walk(n, root, 1);
			continue;
		}
		push(&blocks, n);
		note_holders(root, n, &holders);
		note_heading(n, &headings);
		n = pm_ir_walk(n, root, 0);
	}
	for (i = 0; i < blocks.n; i++)
		drop_block(blocks.v[i]);
	for (i = headings.n; i-- > 0;)
		drop_bare_heading(headings.v[i]);
	/* last noted first: a subsection before the section around it */
	for (i = holders.n; i-- > 0;) {
		holders.v[i]->_private = NULL;
		if (!has_elements(holders.v[i]))
			drop(holders.v[i]);
	}
	free(blocks.v);
	free(holders.v);
	free(headings.v);
}

/* Whether the attribute's value names an address or a number. */
static int
names_someone(const xmlNode *n, const char *attr)
{
	const char *v = pm_ir_get(n, attr);
	pm_buf tmp = {0};
	size_t hits;

	if (v == NULL)
		return 0;
	hits = pm_redact_text(v, strlen(v), &tmp);
	pm_buf_free(&tmp);
	return hits > 0;
}

/* A link to an address (mailto:, a URL with one in it) keeps its text,
 * which is redacted like any other, and loses its target; such an image
 * is left out. */
static void
unlink_people(xmlNodePtr root)
{
	struct nodes l = {NULL, 0};
	xmlNodePtr n = root, ch;
	size_t i;

	while ((n = pm_ir_walk(n, root, 1)) != NULL)
		if ((pm_ir_is(n, PM_EL_LINK) && names_someone(n, "href")) ||
		    (pm_ir_is(n, PM_EL_IMAGE) && names_someone(n, "src")))
			push(&l, n);
	for (i = l.n; i-- > 0;) {
		n = l.v[i];
		while (pm_ir_is(n, PM_EL_LINK) && (ch = n->children) != NULL) {
			xmlUnlinkNode(ch);
			xmlAddPrevSibling(n, ch);
		}
		drop(n);
	}
	free(l.v);
}

static void
redact_attrs(xmlNodePtr n)
{
	pm_buf b = {0};
	const char *v;
	size_t k;

	for (k = 0; text_attrs[k] != NULL; k++) {
		if ((v = pm_ir_get(n, text_attrs[k])) == NULL)
			continue;
		b.len = 0;
		if (pm_redact_text(v, strlen(v), &b) > 0)
			pm_ir_set(n, text_attrs[k], pm_buf_cstr(&b));
	}
	pm_buf_free(&b);
}

/* Inline elements: their text runs on from the text around them. */
static int
is_inline(const xmlNode *n)
{
	return pm_ir_is(n, PM_EL_EM) || pm_ir_is(n, PM_EL_STRONG) ||
	       pm_ir_is(n, PM_EL_CODE) || pm_ir_is(n, PM_EL_LINK) ||
	       pm_ir_is(n, PM_EL_INTERNAL_SPAN);
}

/* The text nodes of block's own run of inline content, in order; any
 * other element (a line break, an image, a nested block) ends a line,
 * noted as NULL. */
static void
run_texts(xmlNodePtr block, struct nodes *l)
{
	xmlNodePtr n = pm_ir_walk(block, block, 1);

	while (n != NULL) {
		if (n->type == XML_TEXT_NODE && n->content != NULL)
			push(l, n);
		else if (n->type == XML_ELEMENT_NODE && !is_inline(n))
			push(l, NULL);
		/* inlines are part of the run; a block nested in it ends it */
		n = pm_ir_walk(n, block,
		               n->type != XML_ELEMENT_NODE || is_inline(n));
	}
}

/* A match of the whole run that spans text nodes. */
struct span {
	size_t b, e;
};

/* Rewrites text node k, which covers [o, o + len) of the run, without
 * the spanning matches m[0..nm): the node where one starts gets
 * PM_REDACTED, the others lose their part of it. */
static void
cut_node(xmlNodePtr node, size_t o, const struct span *m, size_t nm,
         pm_buf *b)
{
	const char *t = (const char *)node->content;
	size_t len = strlen(t), i, j;

	b->len = 0;
	for (i = 0; i < len;) {
		for (j = 0; j < nm && !(m[j].b <= o + i && o + i < m[j].e); j++)
			continue;
		if (j == nm) {
			pm_buf_putc(b, t[i++]);
			continue;
		}
		if (m[j].b == o + i)
			pm_buf_puts(b, PM_REDACTED);
		i = m[j].e - o < len ? m[j].e - o : len;
	}
	xmlNodeSetContent(node, BAD_CAST pm_buf_cstr(b));
}

/* An address or number split by emphasis, a code span or a link
 * ("kari@*example*.com") is found in the run's text as a whole. */
static void
redact_run(xmlNodePtr block)
{
	struct nodes l = {NULL, 0};
	pm_buf all = {0}, tmp = {0};
	struct span *m = NULL;
	size_t *off, i = 0, k, b, e, nm = 0, first, last;

	run_texts(block, &l);
	off = pm_xmalloc((l.n + 1) * sizeof(*off));
	for (k = 0; k < l.n; k++) {
		off[k] = all.len;
		if (l.v[k] == NULL)
			pm_buf_putc(&all, '\n');
		else
			pm_buf_puts(&all, (const char *)l.v[k]->content);
	}
	off[l.n] = all.len;
	while (next_match(all.data, all.len, 0, &i, &b, &e)) {
		for (first = 0; off[first + 1] <= b; first++)
			continue;
		for (last = first; off[last + 1] < e; last++)
			continue;
		if (first != last) {
			m = pm_xrealloc(m, (nm + 1) * sizeof(*m));
			m[nm].b = b;
			m[nm++].e = e;
		}
		i = e;
	}
	for (k = 0; nm > 0 && k < l.n; k++)
		if (l.v[k] != NULL)
			cut_node(l.v[k], off[k], m, nm, &tmp);
	free(m);
	free(off);
	free(l.v);
	pm_buf_free(&all);
	pm_buf_free(&tmp);
}

/* Every text node and text-bearing attribute, code included: an address
 * in a log excerpt is as much an address. */
static void
redact_texts(xmlNodePtr root)
{
	xmlNodePtr n = root;
	pm_buf b = {0};
	const char *t;

	while ((n = pm_ir_walk(n, root, 1)) != NULL)
		if (n->type == XML_ELEMENT_NODE && !is_inline(n))
			redact_run(n);
	n = root;
	redact_attrs(root);
	while ((n = pm_ir_walk(n, root, 1)) != NULL) {
		if (n->type == XML_ELEMENT_NODE) {
			redact_attrs(n);
			continue;
		}
		if (n->type != XML_TEXT_NODE || n->content == NULL)
			continue;
		t = (const char *)n->content;
		b.len = 0;
		if (pm_redact_text(t, strlen(t), &b) > 0)
			xmlNodeSetContent(n, BAD_CAST pm_buf_cstr(&b));
	}
	pm_buf_free(&b);
}

/* Whether an event of the public timeline still says when the milestone
 * ms (taken from the timeline) happened. */
static int
still_told(xmlNodePtr root, const xmlNode *ms)
{
	const char *at = pm_ir_get(ms, "at"), *kind, *eat;
	xmlNodePtr n = root;

	while ((n = pm_ir_walk(n, root, 1)) != NULL) {
		if (!pm_ir_is(n, PM_EL_EVENT))
			continue;
		kind = pm_ir_get(n, "kind");
		eat = pm_ir_get(n, "at");
		if (kind && eat && at && strcmp(kind, (const char *)ms->name) == 0 &&
		    strcmp(eat, at) == 0)
			return 1;
	}
	return 0;
}

/* Milestones that only an internal event gave (pm_derive measures no
 * duration from or to them then). */
static void
drop_told_milestones(xmlNodePtr root)
{
	xmlNodePtr times = pm_ir_first(root, PM_EL_TIMES), ms;
	int k;

	for (k = 0; times != NULL && k < PM_MS__COUNT; k++) {
		ms = pm_ir_first(times, pm_ir_milestone(k));
		if (ms == NULL || pm_ir_get(ms, "from") == NULL ||
		    still_told(root, ms))
			continue;
		drop(ms);
	}
	if (times != NULL && !has_elements(times))
		drop(times);
}

void
pm_redact_public(pm_doc *doc)
{
	xmlNodePtr root;

	if (doc->ir == NULL ||
	    !pm_ir_is(root = xmlDocGetRootElement(doc->ir), PM_EL_POSTMORTEM))
		return;
	drop_internal(root);
	unlink_people(root);
	redact_texts(root);
	drop_told_milestones(root);
	pm_ir_set(root, "audience", "public");
}

void
pm_redact_audience(pm_doc *doc)
{
	xmlNodePtr root;
	const char *aud;

	if (doc->ir == NULL ||
	    !pm_ir_is(root = xmlDocGetRootElement(doc->ir), PM_EL_POSTMORTEM))
		return;
	aud = pm_ir_get(root, "audience");
	if (doc->opts.audience == PM_AUDIENCE_PUBLIC ||
	    (doc->opts.audience == PM_AUDIENCE_DEFAULT && aud != NULL &&
	     strcmp(aud, "public") == 0))
		pm_redact_public(doc);
	else if (doc->opts.audience == PM_AUDIENCE_INTERNAL)
		pm_ir_set(root, "audience", "internal");
}
