/* sections.c: the sections with structure: timeline events (list and
 * table forms), five whys and follow-ups (format.md sections 4 and 5). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "alloc.h"
#include "ir.h"
#include "md.h"
#include "text.h"
#include "utf8.h"

#include "pmtime.h"

static const char *const kinds[] = {"started",   "detected",  "acknowledged",
                                    "mitigated", "resolved",  "escalated",
                                    "update",    NULL};

/* The last occurrence of needle in the raw lines first..last, or NULL. */
static const char *
raw_find(const pm_md *md, int first, int last, const char *needle, size_t n)
{
	const char *line, *p, *end, *hit = NULL;
	size_t len;
	int l;

	for (l = first; n > 0 && l <= last; l++) {
		if ((line = pm_md_raw_line(md, l, &len)) == NULL)
			continue;
		/* memchr to each candidate start, not a compare per byte */
		for (p = line, end = line + len;
		     (size_t)(end - p) >= n &&
		     (p = memchr(p, needle[0], (size_t)(end - p) - n + 1)) !=
		         NULL;
		     p++)
			if (memcmp(p, needle, n) == 0)
				hit = p;
	}
	return hit;
}

/* The place of text[off..off+n) where text starts at base (one line). */
static pm_loc
loc_in(const char *text, pm_loc base, size_t off, size_t n)
{
	pm_loc loc = base;

	loc.col = base.col + (int)pm_utf8_count(text, off);
	loc.span = n ? (int)pm_utf8_count(text + off, n) : 1;
	return loc;
}

/* The text at the start of an inline sequence: the leading emphasis
 * holding only text (a time written "**07:59**"), if any, then the
 * literals of the text nodes that follow. *wrapped receives the length
 * of the emphasis's text, 0 when there is none. */
char *
pm_lead_text(cmark_node *node, size_t *wrapped)
{
	pm_buf b = {0};
	cmark_node *inner;

	*wrapped = 0;
	if (node != NULL && (cmark_node_get_type(node) == CMARK_NODE_STRONG ||
	                     cmark_node_get_type(node) == CMARK_NODE_EMPH)) {
		inner = cmark_node_first_child(node);
		if (inner && !cmark_node_next(inner) &&
		    cmark_node_get_type(inner) == CMARK_NODE_TEXT) {
			pm_buf_puts(&b, cmark_node_get_literal(inner));
			*wrapped = b.len;
			node = cmark_node_next(node);
		}
	}
	for (; node != NULL && cmark_node_get_type(node) == CMARK_NODE_TEXT;
	     node = cmark_node_next(node))
		pm_buf_puts(&b, cmark_node_get_literal(node));
	pm_buf_cstr(&b);
	return b.data;
}

/* Removes the n bytes pm_lead_text() read from the start of the sequence
 * (with the emphasis when wrapped) and the spaces after them; returns
 * the first node left. */
cmark_node *
pm_lead_drop(cmark_node *node, size_t n, size_t wrapped)
{
	cmark_node *next;
	const char *lit;
	size_t len;
	char *rest;

	if (wrapped) {
		next = cmark_node_next(node);
		cmark_node_free(node);
		node = next;
		n = n > wrapped ? n - wrapped : 0;
	}
	while (node != NULL && cmark_node_get_type(node) == CMARK_NODE_TEXT) {
		lit = cmark_node_get_literal(node);
		len = strlen(lit);
		if (n >= len) {
			next = cmark_node_next(node);
			cmark_node_free(node);
			node = next;
			n -= len;
			continue;
		}
		while (lit[n] == ' ' || lit[n] == '\t')
			n++;
		rest = pm_xstrdup(lit + n);
		cmark_node_set_literal(node, rest);
		free(rest);
		break;
	}
	return node;
}

/* Skips the separator after a time: "—", "–", "-" or ":" followed by a
 * space, or plain whitespace. Returns bytes skipped, or -1 when the time
 * runs straight into text. */
static long
separator(const char *s, size_t n)
{
	size_t i = 0, k;

	if (i == n)
		return 0;
	if (s[0] == ':') /* "07:59: text" */
		i = 1;
	else if (s[0] != ' ' && s[0] != '\t')
		return -1;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	k = 0;
	if (n - i >= 3 && (memcmp(s + i, "\xe2\x80\x94", 3) == 0 ||
	                   memcmp(s + i, "\xe2\x80\x93", 3) == 0))
		k = 3;
	else if (n - i >= 1 && (s[i] == '-' || s[i] == ':') && i > 0)
		k = 1;
	if (k && (i + k == n || s[i + k] == ' ' || s[i + k] == '\t'))
		i += k;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return (long)i;
}

/* A "[word]" at s, the way a kind is written: letters (any script),
 * spaces and dashes, two bytes or more, then a space or the end. Returns
 * the word and its length, and in *used the bytes through the spaces
 * after it; NULL when s holds no such tag (a footnote "[^1]", a "[x]"). */
static const char *
tag_word(const char *s, size_t n, size_t *wn, size_t *used)
{
	size_t i, letters = 0;
	unsigned char c;

	if (n < 4 || s[0] != '[')
		return NULL;
	for (i = 1; i < n && i <= 32 && s[i] != ']'; i++) {
		c = (unsigned char)s[i];
		if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
			letters++;
		else if (c < 0x80 && c != ' ' && c != '-' && c != '_')
			return NULL;
		else if (c >= 0x80)
			letters++;
	}
	if (i == n || s[i] != ']' || i < 3 || letters == 0)
		return NULL;
	*wn = i - 1;
	for (i++; i < n && (s[i] == ' ' || s[i] == '\t'); i++)
		continue;
	if (i < n && s[i - 1] != ' ' && s[i - 1] != '\t')
		return NULL;
	*used = i;
	return s + 1;
}

static const char *
kind_find(const char *w, size_t n)
{
	int k;

	for (k = 0; kinds[k] != NULL; k++)
		if (strlen(kinds[k]) == n && strncasecmp(kinds[k], w, n) == 0)
			return kinds[k];
	return NULL;
}

/* Words status pages and chat logs use for the kinds. */
static const char *const kind_synonyms[][2] = {
    {"fixed", "resolved"},        {"fix", "resolved"},
    {"closed", "resolved"},       {"recovered", "resolved"},
    {"resolution", "resolved"},   {"all clear", "resolved"},
    {"done", "resolved"},         {"mitigation", "mitigated"},
    {"workaround", "mitigated"},  {"monitoring", "mitigated"},
    {"investigating", "acknowledged"}, {"ack", "acknowledged"},
    {"acked", "acknowledged"},    {"triage", "acknowledged"},
    {"identified", "update"},     {"info", "update"},
    {"note", "update"},           {"status", "update"},
    {"alert", "detected"},        {"alerted", "detected"},
    {"paged", "detected"},        {"detection", "detected"},
    {"start", "started"},         {"begin", "started"},
    {"impact", "started"},        {"outage", "started"},
    {"escalation", "escalated"},  {"escalate", "escalated"},
};

#define NSYN (sizeof(kind_synonyms) / sizeof(kind_synonyms[0]))

static void
unknown_kind(pm_md *md, const char *w, size_t n, pm_loc loc)
{
	char *word = pm_xstrndup(w, n), *fold = pm_text_fold(w, n);
	char hint[64] = "";
	const char *near = NULL;
	size_t i;

	/* a status-page word, also misspelt ("[fixd]"), then a kind */
	for (i = 0; near == NULL && i < NSYN; i++)
		if (strcmp(fold, kind_synonyms[i][0]) == 0)
			near = kind_synonyms[i][1];
	for (i = 0; near == NULL && i < NSYN; i++)
		if (strlen(fold) >= 4 &&
		    pm_edit_distance(fold, kind_synonyms[i][0], 1) <= 1)
			near = kind_synonyms[i][1];
	for (i = 0; near == NULL && kinds[i] != NULL; i++)
		if (pm_edit_distance(fold, kinds[i], 2) <= 2)
			near = kinds[i];
	if (near != NULL)
		snprintf(hint, sizeof(hint), "; did you mean '[%s]'?", near);
	pm_report(md->src, PM_R_UNKNOWN_KIND, loc, word, hint);
	free(word);
	free(fold);
}

/* The kind tag at s + off, if any, and the bytes it takes. An unknown
 * tag is a warning and stays in the text; so does a second tag. */
static const char *
read_kind(pm_md *md, const char *s, pm_loc base, size_t off, size_t *used)
{
	size_t n = strlen(s + off), wn, u, wn2, u2;
	const char *w = tag_word(s + off, n, &wn, &u), *kind, *w2;
	char *first;

	*used = 0;
	if (w == NULL)
		return NULL;
	if ((kind = kind_find(w, wn)) == NULL) {
		unknown_kind(md, w, wn, loc_in(s, base, off, wn + 2));
		return NULL;
	}
	*used = u;
	w2 = tag_word(s + off + u, n - u, &wn2, &u2);
	if (w2 != NULL && kind_find(w2, wn2) != NULL) {
		first = pm_xstrndup(w2, wn2);
		pm_report(md->src, PM_R_KIND_TWICE,
		          loc_in(s, base, off + u, wn2 + 2), first, kind);
		free(first);
	}
	return kind;
}

static void
stamp_error(pm_md *md, pm_stamp_status st, const char *s, pm_loc base,
            size_t bad, size_t badlen)
{
	char msg[160];
	pm_loc loc = loc_in(s, base, bad, badlen);

	if (st == PM_STAMP_SYNTAX) {
		pm_report(md->src, PM_R_TIMELINE_TIME, base);
		return;
	}
	snprintf(msg, sizeof(msg), "'%.*s' is out of range in this timestamp",
	         (int)(badlen ? badlen : 1), s + bad);
	pm_report(md->src, PM_R_BAD_TIMESTAMP, loc, msg);
}

/* A time-only entry under a heading that is not a date: said once, at
 * the heading, with the date the entries keep. */
static void
undated_heading(pm_md *md)
{
	char *text, day[16];
	int y, m, d;

	if (md->undated == NULL)
		return;
	text = pm_prose_plain(md->undated);
	pm_civil_from_days(md->day, &y, &m, &d);
	snprintf(day, sizeof(day), "%04d-%02d-%02d", y, m, d);
	pm_report(md->src, PM_R_TIMELINE_HEADING, pm_md_loc(md, md->undated),
	          text, day);
	md->undated = NULL;
	free(text);
}

/* The date of a stamp: its own, else the timeline's so far. Returns -1
 * when there is none (reported, unless 'started' was given but could not
 * be read: that error is the one finding). */
static int
event_date(pm_md *md, pm_stamp *st, pm_loc base)
{
	if (st->has_date) {
		md->day = (int)pm_days_from_civil(st->year, st->month, st->day);
		md->has_day = 1;
		return 0;
	}
	if (!md->has_day) {
		if (!(md->doc->unread & (1u << PM_MS_STARTED)))
			pm_report(md->src, PM_R_TIMELINE_DATE, base);
		return -1;
	}
	undated_heading(md);
	pm_civil_from_days(md->day, &st->year, &st->month, &st->day);
	st->has_date = 1;
	return 0;
}

/* Reads the time at the start of s (a list item's or a cell's text) and
 * resolves it; returns bytes used, or -1 after reporting. */
static long
event_time(pm_md *md, const char *s, pm_loc base, pm_time *t, int *offset)
{
	size_t n = strlen(s), used = 0, bad = 0, badlen = 0;
	pm_stamp st;
	pm_stamp_status rc;
	pm_local_status ls;
	char msg[300];
	long sep;

	rc = pm_stamp_parse(s, n,
	                    PM_STAMP_TIME_ONLY | PM_STAMP_PREFIX |
	                        PM_STAMP_WORDS,
	                    &st, &used, &bad, &badlen);
	if (rc == PM_STAMP_OK && (sep = separator(s + used, n - used)) < 0)
		rc = PM_STAMP_SYNTAX;
	if (rc != PM_STAMP_OK) {
		stamp_error(md, rc, s, base, bad, badlen);
		return -1;
	}
	if (pm_stamp_zone(&st, s, md->lang, msg, sizeof(msg)) < 0) {
		pm_report(md->src, PM_R_BAD_TIMEZONE,
		          loc_in(s, base, st.zone_at, st.zone_len), msg);
		return -1;
	}
	base.span = (int)pm_utf8_count(s, used);
	if (event_date(md, &st, base) < 0)
		return -1;
	if (!st.has_offset && md->head_zone_set) {
		st.has_offset = 1;
		st.offset = md->head_zone;
	}
	ls = pm_stamp_resolve(&st, md->tz, t, offset);
	if (pm_md_dst(md, ls, &st, base, *offset) < 0)
		return -1;
	return (long)(used + (size_t)sep);
}

/* The event element for a time read at s, its kind from a tag after the
 * time or else from hint (a table's event cell). */
static xmlNodePtr
event(pm_md *md, xmlNodePtr tl, const char *s, pm_loc base, size_t *used,
      const char *hint)
{
	pm_time t;
	int offset;
	long n = event_time(md, s, base, &t, &offset);
	const char *kind;
	size_t klen;
	char iso[PM_TIME_ISO_MAX];
	xmlNodePtr ev;

	if (n < 0) {
		md->doc->dropped_events++;
		return NULL;
	}
	kind = read_kind(md, s, base, (size_t)n, &klen);
	if (kind == NULL)
		kind = hint;
	base.span = 1;
	ev = pm_ir_add(tl, "event", base);
	pm_time_format(t, offset, iso);
	pm_ir_set(ev, "at", iso);
	if (kind != NULL)
		pm_ir_set(ev, "kind", kind);
	pm_md_milestone(md, kind, t, offset, base);
	*used = (size_t)n + klen;
	return ev;
}

static void
timeline_item(pm_md *md, cmark_node *item, xmlNodePtr tl)
{
	cmark_node *para = cmark_node_first_child(item), *rest;
	pm_loc base = pm_md_loc(md, item);
	const char *at;
	char *lead;
	size_t used, wrapped;
	xmlNodePtr ev;

	if (para == NULL || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH) {
		pm_report(md->src, PM_R_TIMELINE_TIME, base);
		md->doc->dropped_events++;
		return;
	}
	base = pm_md_loc(md, para);
	lead = pm_lead_text(cmark_node_first_child(para), &wrapped);
	at = raw_find(md, base.line, base.line, lead,
	              strcspn(lead, " \t") ? strcspn(lead, " \t") : 1);
	if (at != NULL)
		base = pm_src_loc(md->src, at, 1);
	if ((ev = event(md, tl, lead, base, &used, NULL)) != NULL) {
		rest = pm_lead_drop(cmark_node_first_child(para), used, wrapped);
		pm_prose_inlines(md, rest, pm_ir_add(ev, "text",
		                                     (pm_loc){0, 0, 1}));
		if (cmark_node_next(para) != NULL)
			pm_prose_blocks(md, cmark_node_next(para),
			                pm_ir_add(ev, "body", (pm_loc){0, 0, 1}));
	}
	free(lead);
}

static void
timeline_row(pm_md *md, const pm_table *t, size_t r, xmlNodePtr tl)
{
	const pm_cell *cells = t->cells + r * t->ncols;
	const char *kind = NULL;
	size_t used = 0, c;
	pm_cell text = {"", cells[0].loc};
	xmlNodePtr ev, el;

	if (t->ncols > 1) {
		text = cells[1];
		kind = read_kind(md, text.text, text.loc, 0, &used);
		text.text += used;
	}
	if ((ev = event(md, tl, cells[0].text, cells[0].loc, &used, kind)) ==
	    NULL)
		return;
	pm_table_cell(md, &text, pm_ir_add(ev, "text", (pm_loc){0, 0, 1}));
	for (c = 2; c < t->ncols; c++) {
		el = pm_ir_add(ev, "detail", (pm_loc){0, 0, 1});
		pm_ir_set(el, "label", t->cells[c].text);
		pm_table_cell(md, &cells[c], el);
	}
}

/* A timeline none of whose entries could be dated has been reported
 * already, entry by entry; an empty element would only add a schema
 * error. */
static void
drop_if_empty(xmlNodePtr tl)
{
	if (pm_ir_first(tl, "event") != NULL)
		return;
	xmlUnlinkNode(tl);
	xmlFreeNode(tl);
}

/* The first zone word of the table in s ("(all times UTC)"), for the
 * entries below a date heading that give none of their own. */
static void
heading_zone(pm_md *md, const char *s)
{
	const pm_zone_word *w;
	size_t k;

	md->head_zone_set = 0;
	for (; *s != '\0'; s += k ? k : 1) {
		for (k = 0; s[k] >= 'A' && s[k] <= 'Z'; k++)
			continue;
		if (k < 3 || (s[k] >= 'a' && s[k] <= 'z') ||
		    (s[k] >= '0' && s[k] <= '9'))
			continue;
		w = pm_zone_word_find(s, k, md->lang);
		if (w != NULL && !w->ambiguous) {
			md->head_zone_set = 1;
			md->head_zone = w->offset;
			return;
		}
	}
}

/* A heading that starts with a date ("### 2015-10-21 (all times UTC)",
 * "### Onsdag 27. april 2022") dates the time-only entries below it;
 * another is kept, and warned about if time-only entries follow it. The
 * heading itself stays in the text. */
static void
timeline_heading(pm_md *md, cmark_node *node)
{
	char *text = pm_prose_plain(node), msg[160];
	int y, m, d;
	size_t used;
	pm_stamp_status rc;

	rc = pm_date_words(text, strlen(text), &y, &m, &d, &used);
	md->undated = NULL;
	if (rc == PM_STAMP_OK) {
		md->day = (int)pm_days_from_civil(y, m, d);
		md->has_day = 1;
		heading_zone(md, text + used);
	} else if (rc == PM_STAMP_RANGE) {
		snprintf(msg, sizeof(msg), "heading '%s' names a date that "
		         "does not exist", text);
		pm_report(md->src, PM_R_BAD_DATE, pm_md_loc(md, node), msg);
	} else if (md->has_day) {
		md->undated = node;
	}
	free(text);
}

int
pm_timeline_block(pm_md *md, cmark_node *node, xmlNodePtr parent)
{
	xmlNodePtr tl;
	cmark_node *item;
	pm_table t;
	size_t r;

	switch (cmark_node_get_type(node)) {
	case CMARK_NODE_LIST:
		tl = pm_ir_add(parent, "timeline", pm_md_loc(md, node));
		for (item = cmark_node_first_child(node); item != NULL;
		     item = cmark_node_next(item))
			timeline_item(md, item, tl);
		drop_if_empty(tl);
		return 1;
	case CMARK_NODE_PARAGRAPH:
		if (!pm_table_read(md, node, &t))
			return 0;
		tl = pm_ir_add(parent, "timeline", t.loc);
		for (r = 1; r < t.nrows; r++)
			timeline_row(md, &t, r, tl);
		drop_if_empty(tl);
		pm_table_free(&t);
		return 1;
	case CMARK_NODE_HEADING:
		timeline_heading(md, node);
		return 0;
	default:
		return 0;
	}
}

/* The first '?' or full-width '？' in s, or NULL. */
static const char *
question_mark(const char *s)
{
	const char *ascii = strchr(s, '?');
	const char *wide = strstr(s, "\xef\xbc\x9f");

	if (ascii == NULL || (wide != NULL && wide < ascii))
		return wide;
	return ascii;
}

/* An element like c, without its children, for the tree of parent. It
 * takes parent's namespace, so no declaration is repeated on it. */
static xmlNodePtr
shallow_copy(const xmlNode *c, xmlNodePtr parent)
{
	xmlNodePtr copy = xmlNewDocNode(parent->doc, parent->ns, c->name, NULL);

	copy->properties = xmlCopyPropList(copy, c->properties);
	return copy;
}

/* Moves the inlines of from into q up to and including the first question
 * mark, and the rest into a, keeping the elements they sit in. Returns 1
 * once the mark was found. */
static int
split_question(xmlNodePtr from, xmlNodePtr q, xmlNodePtr a, int found)
{
	xmlNodePtr c, next, qc, ac;
	const char *s, *mark;
	size_t cut;

	for (c = from->children; c != NULL; c = next) {
		next = c->next;
		if (found) {
			xmlUnlinkNode(c);
			xmlAddChild(a, c);
		} else if (c->type == XML_TEXT_NODE) {
			s = (const char *)c->content;
			if ((mark = question_mark(s)) == NULL) {
				xmlUnlinkNode(c);
				xmlAddChild(q, c);
				continue;
			}
			cut = (size_t)(mark - s) + (*mark == '?' ? 1 : 3);
			pm_ir_text(q, s, cut);
			pm_ir_text(a, s + cut, strlen(s + cut));
			found = 1;
		} else {
			qc = xmlAddChild(q, shallow_copy(c, q));
			ac = xmlAddChild(a, shallow_copy(c, a));
			found = split_question(c, qc, ac, found);
			if (ac->children == NULL && strcmp((const char *)ac->name,
			                                   "br") != 0) {
				xmlUnlinkNode(ac);
				xmlFreeNode(ac);
			}
		}
	}
	return found;
}

/* Trims the whitespace that starts an inline container's text, also
 * when that text sits inside emphasis ("*Why? Because*"). */
static void
trim_start(xmlNodePtr el)
{
	xmlNodePtr c = el->children;
	const char *s;
	char *rest;

	while (c != NULL && c->type == XML_ELEMENT_NODE && c->children)
		c = c->children;
	if (c == NULL || c->type != XML_TEXT_NODE)
		return;
	s = (const char *)c->content;
	if (*s != ' ' && *s != '\t' && *s != '\n')
		return;
	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	if (*s != '\0') {
		rest = pm_xstrdup(s);
		xmlNodeSetContent(c, BAD_CAST rest);
		free(rest);
		return;
	}
	xmlUnlinkNode(c);
	xmlFreeNode(c);
	trim_start(el); /* whitespace may go on in the next text */
}

static void
why_item(pm_md *md, cmark_node *item, xmlNodePtr whys)
{
	cmark_node *para = cmark_node_first_child(item), *rest = para;
	xmlNodePtr why, q, a, tmp;
	static const pm_loc none = {0, 0, 1};

	why = pm_ir_add(whys, "why", pm_md_loc(md, para ? para : item));
	q = pm_ir_add(why, "question", none);
	a = pm_ir_add(why, "answer", none);
	if (para != NULL && cmark_node_get_type(para) == CMARK_NODE_PARAGRAPH) {
		tmp = xmlNewNode(why->ns, BAD_CAST "tmp");
		pm_prose_inlines(md, cmark_node_first_child(para), tmp);
		split_question(tmp, q, a, 0);
		xmlFreeNode(tmp);
		trim_start(a);
		rest = cmark_node_next(para);
	}
	if (rest != NULL)
		pm_prose_blocks(md, rest, pm_ir_add(why, "body", none));
}

int
pm_whys_block(pm_md *md, cmark_node *node, xmlNodePtr parent)
{
	xmlNodePtr whys;
	cmark_node *item;

	if (md->whys_done || cmark_node_get_type(node) != CMARK_NODE_LIST)
		return 0;
	md->whys_done = 1;
	whys = pm_ir_add(parent, "whys", pm_md_loc(md, node));
	for (item = cmark_node_first_child(node); item != NULL;
	     item = cmark_node_next(item))
		why_item(md, item, whys);
	return 1;
}

static const char *const attr_keys[] = {"owner", "due", "type", "priority",
                                        "ticket", NULL};

/* Sets a follow-up attribute from its written key and value, checking
 * the value; unknown keys are a warning. */
static void
set_attr(pm_md *md, xmlNodePtr act, const char *key, const char *val,
         pm_loc kloc, pm_loc vloc)
{
	char hint[64] = "", msg[160];
	int y, m, d, i;

	for (i = 0; attr_keys[i] && strcasecmp(attr_keys[i], key) != 0; i++)
		continue;
	if (attr_keys[i] == NULL) {
		for (i = 0; attr_keys[i]; i++)
			if (pm_edit_distance(key, attr_keys[i], 2) <= 2) {
				snprintf(hint, sizeof(hint),
				         "; did you mean '%s'?", attr_keys[i]);
				break;
			}
		pm_report(md->src, PM_R_FOLLOWUP_KEY, kloc, key, hint);
		return;
	}
	if (*val == '\0')
		return;
	if (i == 1) {
		if (pm_date_parse(val, strlen(val), &y, &m, &d) != PM_STAMP_OK) {
			snprintf(msg, sizeof(msg),
			         "due date '%s' is not a date (YYYY-MM-DD)", val);
			pm_report(md->src, PM_R_BAD_DATE, vloc, msg);
			return;
		}
		snprintf(msg, sizeof(msg), "%04d-%02d-%02d", y, m, d);
		val = msg;
	} else if (i == 2 && pm_name_find(pm_follow_up_types, 0, val) < 0) {
		pm_report(md->src, PM_R_BAD_VALUE, vloc, val, "follow-up type",
		          "prevent, detect, mitigate, repair, process or other");
		return;
	}
	pm_ir_set(act, attr_keys[i], val);
}

static int
read_pair(const char *s, size_t n, pm_pair *p)
{
	const char *colon = memchr(s, ':', n);
	size_t i;

	if (colon == NULL)
		return 0;
	p->kn = pm_text_trim(s, (size_t)(colon - s), &p->k);
	p->vn = pm_text_trim(colon + 1, n - (size_t)(colon - s) - 1, &p->v);
	if (p->kn == 0 || p->vn == 0)
		return 0;
	for (i = 0; i < p->kn; i++)
		if (!((p->k[i] >= 'a' && p->k[i] <= 'z') ||
		      (p->k[i] >= 'A' && p->k[i] <= 'Z') || p->k[i] == '_' ||
		      p->k[i] == '-' || p->k[i] == ' '))
			return 0;
	return 1;
}

size_t
pm_attr_pairs(const char *inner, size_t n, pm_pair *pairs, size_t max)
{
	size_t count = 0, start = 0, i;

	for (i = 0; i <= n; i++) {
		if (i < n && inner[i] != ',')
			continue;
		if (count == max || !read_pair(inner + start, i - start,
		                               &pairs[count]))
			return 0;
		count++;
		start = i + 1;
	}
	return count;
}

/* Where the attribute list's pieces are in the source. The text cmark
 * hands over has escapes and entities resolved, so the pieces are found
 * in the raw line instead: keys hold none, so each key reads the same
 * there, and its value starts after the colon. */
typedef struct raw_attrs {
	const char *line, *end; /* the raw line holding the '(' */
	const char *cursor;     /* where the next key is looked for */
} raw_attrs;

static int
raw_attrs_open(pm_md *md, cmark_node *para, const pm_pair *first,
               raw_attrs *ra)
{
	int l = cmark_node_get_end_line(para);
	int top = cmark_node_get_start_line(para);
	const char *s, *p;
	size_t len;

	for (; l >= top; l--) {
		if ((s = pm_md_raw_line(md, l, &len)) == NULL)
			continue;
		for (p = s + len; p-- > s;) {
			const char *k = p + 1;
			if (*p != '(')
				continue;
			while (k < s + len && (*k == ' ' || *k == '\t'))
				k++;
			if ((size_t)(s + len - k) >= first->kn &&
			    memcmp(k, first->k, first->kn) == 0) {
				ra->line = s, ra->end = s + len, ra->cursor = k;
				return 1;
			}
		}
	}
	return 0;
}

/* The places of pair p's key and value; the fallback when not found. */
static void
raw_attrs_next(pm_md *md, raw_attrs *ra, const pm_pair *p, pm_loc fallback,
               pm_loc *kloc, pm_loc *vloc)
{
	const char *k = ra->cursor, *v;

	*kloc = *vloc = fallback;
	if (ra->line == NULL)
		return;
	while (k + p->kn <= ra->end && memcmp(k, p->k, p->kn) != 0)
		k++;
	if (k + p->kn > ra->end)
		return;
	*kloc = pm_src_loc(md->src, k, p->kn);
	v = memchr(k + p->kn, ':', (size_t)(ra->end - k - p->kn));
	if (v == NULL)
		return;
	for (v++; v < ra->end && (*v == ' ' || *v == '\t'); v++)
		continue;
	*vloc = pm_src_loc(md->src, v,
	                   p->vn < (size_t)(ra->end - v) ? p->vn
	                                                 : (size_t)(ra->end - v));
	ra->cursor = v;
}

/* A trailing "(owner: X, due: 2022-05-15)" of a follow-up's paragraph:
 * read into act and removed from the text. */
static void
trailing_attrs(pm_md *md, cmark_node *para, xmlNodePtr act)
{
	cmark_node *last = cmark_node_last_child(para);
	const char *lit, *open, *inner;
	pm_pair pairs[16];
	size_t n, count, i;
	pm_loc at = pm_md_loc(md, para), kloc, vloc;
	raw_attrs ra = {NULL, NULL, NULL};
	char *key, *val, *head;

	if (last == NULL || cmark_node_get_type(last) != CMARK_NODE_TEXT)
		return;
	lit = cmark_node_get_literal(last);
	n = strlen(lit);
	while (n > 0 && (lit[n - 1] == ' ' || lit[n - 1] == '\t'))
		n--;
	if (n < 2 || lit[n - 1] != ')')
		return;
	for (open = lit + n - 2; open > lit && *open != '('; open--)
		continue;
	if (*open != '(')
		return;
	inner = open + 1;
	count = pm_attr_pairs(inner, (size_t)(lit + n - 1 - inner), pairs, 16);
	if (count == 0)
		return;
	raw_attrs_open(md, para, &pairs[0], &ra);
	for (i = 0; i < count; i++) {
		key = pm_xstrndup(pairs[i].k, pairs[i].kn);
		val = pm_xstrndup(pairs[i].v, pairs[i].vn);
		raw_attrs_next(md, &ra, &pairs[i], at, &kloc, &vloc);
		set_attr(md, act, key, val, kloc, vloc);
		free(key);
		free(val);
	}
	n = (size_t)(open - lit);
	while (n > 0 && (lit[n - 1] == ' ' || lit[n - 1] == '\t'))
		n--;
	head = pm_xstrndup(lit, n);
	cmark_node_set_literal(last, head);
	free(head);
}

static void
action_item(pm_md *md, cmark_node *item, xmlNodePtr fu)
{
	int task = pm_prose_task(item);
	cmark_node *para = cmark_node_first_child(item), *rest = para;
	xmlNodePtr act;
	static const pm_loc none = {0, 0, 1};

	act = pm_ir_add(fu, "action", pm_md_loc(md, para ? para : item));
	pm_ir_set(act, "done", task == 2 ? "true" : "false");
	if (para != NULL && cmark_node_get_type(para) == CMARK_NODE_PARAGRAPH) {
		trailing_attrs(md, para, act);
		pm_prose_inlines(md, cmark_node_first_child(para),
		                 pm_ir_add(act, "text", none));
		rest = cmark_node_next(para);
	} else {
		pm_ir_add(act, "text", none);
	}
	if (rest != NULL)
		pm_prose_blocks(md, rest, pm_ir_add(act, "body", none));
}

/* Column roles of a follow-ups table, from its header row. */
enum { COL_OTHER = -1, COL_TEXT = -2, COL_STATUS = -3 };

static int
column_role(const char *header)
{
	static const char *const text[] = {"action", "action item", "item",
	                                   "task", NULL};
	char *f = pm_text_fold(header, strlen(header));
	int i, role = COL_OTHER;

	if (pm_name_find(text, 0, f) >= 0)
		role = COL_TEXT;
	else if (strcmp(f, "status") == 0)
		role = COL_STATUS;
	else if (strcmp(f, "bug") == 0) /* Google's template */
		role = 4;
	for (i = 0; role == COL_OTHER && attr_keys[i]; i++)
		if (strcmp(f, attr_keys[i]) == 0)
			role = i;
	free(f);
	return role;
}

static int
is_done(const char *s)
{
	const char *t;
	size_t n = pm_text_trim(s, strlen(s), &t);

	return (n == 4 && strncasecmp(t, "done", 4) == 0) ||
	       (n == 1 && (*t == 'x' || *t == 'X'));
}

static void
action_row(pm_md *md, const pm_table *t, size_t r, const int *roles,
           xmlNodePtr fu)
{
	const pm_cell *cells = t->cells + r * t->ncols;
	xmlNodePtr act = pm_ir_add(fu, "action", cells[0].loc), text = NULL;
	size_t c;
	int done = 0;

	for (c = 0; c < t->ncols; c++) {
		if (roles[c] == COL_STATUS)
			done = is_done(cells[c].text);
		else if (roles[c] >= 0)
			set_attr(md, act, attr_keys[roles[c]], cells[c].text,
			         cells[c].loc, cells[c].loc);
	}
	pm_ir_set(act, "done", done ? "true" : "false");
	for (c = 0; c < t->ncols; c++)
		if (roles[c] == COL_TEXT && text == NULL)
			pm_table_cell(md, &cells[c],
			              text = pm_ir_add(act, "text",
			                               (pm_loc){0, 0, 1}));
}

static int
action_table(pm_md *md, cmark_node *node, xmlNodePtr parent)
{
	pm_table t;
	int *roles, has_text = 0;
	size_t c, r;
	xmlNodePtr fu;

	if (!pm_table_read(md, node, &t))
		return 0;
	roles = pm_xmalloc(t.ncols * sizeof(*roles));
	for (c = 0; c < t.ncols; c++)
		if ((roles[c] = column_role(t.cells[c].text)) == COL_TEXT)
			has_text = 1;
	if (has_text) {
		for (c = 0; c < t.ncols; c++)
			if (roles[c] == COL_OTHER)
				pm_report(md->src, PM_R_FOLLOWUP_KEY,
				          t.cells[c].loc, t.cells[c].text, "");
		fu = pm_ir_add(parent, "follow-ups", t.loc);
		for (r = 1; r < t.nrows; r++)
			action_row(md, &t, r, roles, fu);
	}
	free(roles);
	pm_table_free(&t);
	return has_text;
}

int
pm_follow_ups_block(pm_md *md, cmark_node *node, xmlNodePtr parent)
{
	xmlNodePtr fu;
	cmark_node *item;

	if (cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH)
		return action_table(md, node, parent);
	if (cmark_node_get_type(node) != CMARK_NODE_LIST)
		return 0;
	fu = pm_ir_add(parent, "follow-ups", pm_md_loc(md, node));
	for (item = cmark_node_first_child(node); item != NULL;
	     item = cmark_node_next(item))
		action_item(md, item, fu);
	return 1;
}
