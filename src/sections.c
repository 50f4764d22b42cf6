/* sections.c: the sections with structure: timeline events (list and
 * table forms), five whys and follow-ups (format.md sections 4 and 5). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "alloc.h"
#include "ir.h"
#include "md.h"
#include "pmtime.h"
#include "text.h"
#include "utf8.h"

#include "pmtime.h"

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

	for (k = 0; pm_event_kinds[k] != NULL; k++)
		if (strlen(pm_event_kinds[k]) == n &&
		    strncasecmp(pm_event_kinds[k], w, n) == 0)
			return pm_event_kinds[k];
	return NULL;
}

const char *
pm_kind_tag(const char *s, size_t n, size_t *used)
{
	size_t wn, u;
	const char *w = tag_word(s, n, &wn, &u), *kind;

	*used = 0;
	if (w == NULL || (kind = kind_find(w, wn)) == NULL)
		return NULL;
	*used = u;
	return kind;
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
	for (i = 0; near == NULL && pm_event_kinds[i] != NULL; i++)
		if (pm_edit_distance(fold, pm_event_kinds[i], 2) <= 2)
			near = pm_event_kinds[i];
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

pm_stamp_status
pm_entry_time(const char *s, size_t n, pm_stamp *st, size_t *time,
              size_t *sep, size_t *bad, size_t *badlen)
{
	pm_stamp_status rc;
	long k;

	*time = *sep = *bad = *badlen = 0;
	rc = pm_stamp_parse(s, n,
	                    PM_STAMP_TIME_ONLY | PM_STAMP_PREFIX |
	                        PM_STAMP_WORDS,
	                    st, time, bad, badlen);
	if (rc != PM_STAMP_OK)
		return rc;
	if ((k = separator(s + *time, n - *time)) < 0)
		return PM_STAMP_SYNTAX;
	*sep = (size_t)k;
	return PM_STAMP_OK;
}

/* "kl. 10.27", "10.27": Norwegian writes a time with a dot, often after
 * "kl." (klokka). In a document whose lang is Norwegian that is the
 * time: a copy of s with the dot made a colon, and in *skip the bytes
 * of "kl. "; NULL when s holds no such time. */
static char *
nb_time(const pm_md *md, const char *s, size_t *skip)
{
	size_t i = 0, h;
	char *c;

	*skip = 0;
	if (strcmp(pm_lang_family(md->lang), "nb") != 0)
		return NULL;
	if (strncasecmp(s, "kl.", 3) == 0 || strncasecmp(s, "kl ", 3) == 0)
		for (i = 3; s[i] == ' '; i++)
			continue;
	for (h = i; s[h] >= '0' && s[h] <= '9' && h - i < 3; h++)
		continue;
	if (h == i || h - i > 2 || (s[h] != '.' && s[h] != ':') ||
	    !(s[h + 1] >= '0' && s[h + 1] <= '9') ||
	    !(s[h + 2] >= '0' && s[h + 2] <= '9') ||
	    (s[h + 3] >= '0' && s[h + 3] <= '9'))
		return NULL;
	c = pm_xstrdup(s);
	c[h] = ':';
	*skip = i;
	return c;
}

/* Reads the time at the start of s (a list item's or a cell's text) and
 * resolves it; returns bytes used, or -1 after reporting. */
static long
event_time(pm_md *md, const char *s, pm_loc base, pm_time *t, int *offset)
{
	size_t used, sep, bad, badlen, skip;
	pm_stamp st;
	pm_stamp_status rc;
	pm_local_status ls;
	char msg[300], *nb = nb_time(md, s, &skip);
	const char *p = (nb ? nb : s) + skip;
	long n = -1;

	rc = pm_entry_time(p, strlen(p), &st, &used, &sep, &bad, &badlen);
	if (rc != PM_STAMP_OK) {
		stamp_error(md, rc, s, base, bad + skip, badlen);
		goto out;
	}
	if (pm_stamp_zone(&st, p, md->lang, msg, sizeof(msg)) < 0) {
		pm_report(md->src, PM_R_BAD_TIMEZONE,
		          loc_in(s, base, st.zone_at + skip, st.zone_len), msg);
		goto out;
	}
	base.span = (int)pm_utf8_count(s, used + skip);
	if (event_date(md, &st, base) < 0)
		goto out;
	if (!st.has_offset && md->head_zone_set) {
		st.has_offset = 1;
		st.offset = md->head_zone;
	}
	ls = pm_stamp_resolve(&st, md->tz, t, offset);
	if (pm_md_dst(md, ls, &st, base, *offset) < 0)
		goto out;
	n = (long)(used + sep + skip);
out:
	free(nb);
	return n;
}

/* Does the text before p (from s) end in a separator and a space, as
 * after a range's end ("14:35 — ") or a speaker ("bob: ")? */
static int
after_separator(const char *s, const char *p)
{
	if (p - s < 2 || p[-1] != ' ')
		return 0;
	p--;
	if (p[-1] == '-' || p[-1] == ':')
		return 1;
	return p - s >= 3 && (memcmp(p - 3, "\xe2\x80\x94", 3) == 0 ||
	                      memcmp(p - 3, "\xe2\x80\x93", 3) == 0);
}

/* A kind written later in the entry than right after the separator
 * ("- 14:20 - 14:35 — [mitigated] …", "- 14:09 bob: errors [detected]")
 * is text, and no milestone is set from it: said, at the tag, when it
 * follows a separator or ends the text (a tag in a sentence, "why
 * [detected] came late", is the writer's). Only the kinds count here. */
static void
late_kind(pm_md *md, const char *s, pm_loc base, size_t off)
{
	const char *p, *kind;
	size_t used;

	for (p = strchr(s + off, '['); p != NULL; p = strchr(p + 1, '[')) {
		if ((kind = pm_kind_tag(p, strlen(p), &used)) != NULL &&
		    (p[used] == '\0' || after_separator(s + off, p))) {
			pm_report(md->src, PM_R_KIND_PLACE,
			          loc_in(s, base, (size_t)(p - s),
			                 strlen(kind) + 2),
			          kind);
			return;
		}
	}
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
	if (kind == NULL && hint == NULL)
		late_kind(md, s, base, (size_t)n);
	if (kind == NULL)
		kind = hint;
	base.span = 1;
	ev = pm_ir_add(tl, PM_EL_EVENT, base);
	pm_time_format(t, offset, iso);
	pm_ir_set(ev, "at", iso);
	if (kind != NULL)
		pm_ir_set(ev, "kind", kind);
	pm_md_milestone(md, kind, t, offset, base);
	*used = (size_t)n + klen;
	return ev;
}

/* Lines first..last that start with a time as an entry does but are
 * no entry: a chat log pasted under one "- " (lazy continuation lines of
 * the item), or a paragraph of the section. Said once, at the first,
 * with how many there are: on GitHub and in every report they are the
 * text of the entry or paragraph above, and set no milestone. */
static void
unlisted_times(pm_md *md, int first, int last, int entry)
{
	const char *line;
	char *copy, what[80];
	size_t len, i, used, sep, bad, badlen;
	pm_stamp st;
	pm_loc at = {0, 0, 1};
	int l, n = 0;

	for (l = first; l <= last; l++) {
		if ((line = pm_md_raw_line(md, l, &len)) == NULL)
			continue;
		for (i = 0; i < len && (line[i] == ' ' || line[i] == '\t'); i++)
			continue;
		copy = pm_xstrndup(line + i, len - i);
		if (pm_entry_time(copy, len - i, &st, &used, &sep, &bad,
		                  &badlen) == PM_STAMP_OK &&
		    used + sep < len - i && n++ == 0)
			at = pm_src_loc(md->src, line + i, used);
		free(copy);
	}
	if (n == 0)
		return;
	if (entry)
		snprintf(what, sizeof(what), "continues the entry on line %d",
		         entry);
	else
		snprintf(what, sizeof(what), "is a paragraph, not a list item");
	pm_report(md->src, PM_R_TIMELINE_UNLISTED, at, what,
	          n > 1 ? " (nor are the other lines like it here)" : "");
}

/* A timeline item's own paragraphs: its first paragraph after its first
 * line, and the paragraphs after it (nested lists are the writer's). */
static void
item_unlisted(pm_md *md, cmark_node *para, int line)
{
	cmark_node *b;

	unlisted_times(md, line + 1, cmark_node_get_end_line(para), line);
	for (b = cmark_node_next(para); b != NULL; b = cmark_node_next(b))
		if (cmark_node_get_type(b) == CMARK_NODE_PARAGRAPH)
			unlisted_times(md, cmark_node_get_start_line(b),
			               cmark_node_get_end_line(b), line);
}

/* "**[resolved]**": a kind tag alone in emphasis, as people bold the
 * milestones, is the kind. Returns the kind at s and in *used the bytes
 * through the closing marks and the blanks after them, or NULL. */
static const char *
emph_kind(const char *s, size_t *used)
{
	size_t m = 0, close, u;
	const char *kind;

	while (m < 2 && (s[m] == '*' || s[m] == '_') && s[m] == s[0])
		m++;
	if (m == 0 || s[m] != '[')
		return NULL;
	close = strcspn(s + m, "]");
	if (s[m + close] != ']' || close < 2 ||
	    (kind = kind_find(s + m + 1, close - 1)) == NULL)
		return NULL;
	u = m + close + 1;
	if (strncmp(s + u, s, m) != 0)
		return NULL;
	for (u += m; s[u] == ' ' || s[u] == '\t'; u++)
		continue;
	*used = u;
	return kind;
}

/* Unwraps an emphasis that holds only a kind tag and follows the
 * entry's leading text ("- 14:05 — **[started]** …"), so that the tag
 * is read where a plain one would be. */
static void
unwrap_kind(cmark_node *para)
{
	cmark_node *n = cmark_node_first_child(para), *inner;
	size_t n_lit;
	const char *lit;

	/* past a time in emphasis and the text after it */
	if (n != NULL && cmark_node_get_type(n) != CMARK_NODE_TEXT)
		n = cmark_node_next(n);
	while (n != NULL && cmark_node_get_type(n) == CMARK_NODE_TEXT)
		n = cmark_node_next(n);
	if (n == NULL || (cmark_node_get_type(n) != CMARK_NODE_STRONG &&
	                  cmark_node_get_type(n) != CMARK_NODE_EMPH))
		return;
	inner = cmark_node_first_child(n);
	if (inner == NULL || cmark_node_next(inner) != NULL ||
	    cmark_node_get_type(inner) != CMARK_NODE_TEXT)
		return;
	lit = cmark_node_get_literal(inner);
	n_lit = strlen(lit);
	if (n_lit < 4 || lit[0] != '[' || lit[n_lit - 1] != ']' ||
	    kind_find(lit + 1, n_lit - 2) == NULL)
		return;
	cmark_node_insert_before(n, inner);
	cmark_node_free(n);
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
	unwrap_kind(para);
	lead = pm_lead_text(cmark_node_first_child(para), &wrapped);
	at = raw_find(md, base.line, base.line, lead,
	              strcspn(lead, " \t") ? strcspn(lead, " \t") : 1);
	if (at != NULL)
		base = pm_src_loc(md->src, at, 1);
	item_unlisted(md, para, base.line);
	if ((ev = event(md, tl, lead, base, &used, NULL)) != NULL) {
		rest = pm_lead_drop(cmark_node_first_child(para), used, wrapped);
		pm_prose_inlines(md, rest, pm_ir_add(ev, PM_EL_TEXT,
		                                     (pm_loc){0, 0, 1}));
		if (cmark_node_next(para) != NULL)
			pm_prose_blocks(md, cmark_node_next(para),
			                pm_ir_add(ev, PM_EL_BODY,
			                          (pm_loc){0, 0, 1}));
	}
	free(lead);
}


/* "| 2024-03-14 | 14:05 | Deploy |": a row whose first cell is a date
 * alone and whose second starts with a time, in a table of three
 * columns or more, dates the time as a date heading would; returns 1
 * and sets the timeline's date, else 0. */
static int
date_cell(pm_md *md, const pm_cell *cells, size_t ncols)
{
	int y, m, d;
	size_t used, u2, sep, bad, badlen;
	pm_stamp st;

	if (ncols < 3 ||
	    pm_entry_time(cells[1].text, strlen(cells[1].text), &st, &u2, &sep,
	                  &bad, &badlen) != PM_STAMP_OK)
		return 0;
	/* the date written once for the day's first row */
	if (md->has_day && pm_text_blank(cells[0].text, strlen(cells[0].text)))
		return 1;
	if (st.has_date ||
	    pm_date_words(cells[0].text, strlen(cells[0].text), &y, &m, &d,
	                  &used) != PM_STAMP_OK ||
	    !pm_text_blank(cells[0].text + used, strlen(cells[0].text + used)))
		return 0;
	md->day = (int)pm_days_from_civil(y, m, d);
	md->has_day = 1;
	md->undated = NULL;
	return 1;
}

static void
timeline_row(pm_md *md, const pm_table *t, size_t r, xmlNodePtr tl)
{
	const pm_cell *cells = t->cells + r * t->ncols;
	const char *kind = NULL;
	size_t used = 0, c, ncols = t->ncols;
	pm_cell text = {"", cells[0].loc};
	xmlNodePtr ev, el;
	const pm_cell *head = t->cells;

	if (date_cell(md, cells, ncols)) {
		/* the date is the row's date, the time column its time */
		cells++, head++, ncols--;
	}
	if (ncols > 1) {
		text = cells[1];
		if ((kind = emph_kind(text.text, &used)) == NULL)
			kind = read_kind(md, text.text, text.loc, 0, &used);
		text.text += used;
	}
	if ((ev = event(md, tl, cells[0].text, cells[0].loc, &used, kind)) ==
	    NULL)
		return;
	pm_table_cell(md, &text, pm_ir_add(ev, PM_EL_TEXT, (pm_loc){0, 0, 1}));
	for (c = 2; c < ncols; c++) {
		el = pm_ir_add(ev, PM_EL_DETAIL, (pm_loc){0, 0, 1});
		pm_ir_set(el, "label", head[c].text);
		pm_table_cell(md, &cells[c], el);
	}
}

/* A timeline none of whose entries could be dated has been reported
 * already, entry by entry; an empty element would only add a schema
 * error. */
static void
drop_if_empty(xmlNodePtr tl)
{
	if (pm_ir_first(tl, PM_EL_EVENT) != NULL)
		return;
	xmlUnlinkNode(tl);
	xmlFreeNode(tl);
}

/* The first zone word of the table in s ("(all times UTC)"), for the
 * entries below a heading that give none of their own: 1 and its offset
 * in *offset, or 0. */
static int
heading_zone(const pm_md *md, const char *s, int *offset)
{
	const pm_zone_word *w;
	size_t k;

	for (; *s != '\0'; s += k ? k : 1) {
		for (k = 0; s[k] >= 'A' && s[k] <= 'Z'; k++)
			continue;
		if (k < 3 || (s[k] >= 'a' && s[k] <= 'z') ||
		    (s[k] >= '0' && s[k] <= '9'))
			continue;
		w = pm_zone_word_find(s, k, md->lang);
		if (w != NULL && !w->ambiguous) {
			*offset = w->offset;
			return 1;
		}
	}
	return 0;
}

void
pm_timeline_open(pm_md *md, const char *heading)
{
	size_t n = strlen(heading), name = pm_heading_name(heading, n);

	md->sec_zone_set = name < n && heading_zone(md, heading + name,
	                                             &md->sec_zone);
	md->head_zone_set = md->sec_zone_set;
	md->head_zone = md->sec_zone;
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
		md->head_zone_set = heading_zone(md, text + used,
		                                 &md->head_zone);
		if (!md->head_zone_set) {
			md->head_zone_set = md->sec_zone_set;
			md->head_zone = md->sec_zone;
		}
	} else if (rc == PM_STAMP_RANGE) {
		snprintf(msg, sizeof(msg), "heading '%s' names a date that "
		         "does not exist", text);
		pm_report(md->src, PM_R_BAD_DATE, pm_md_loc(md, node), msg);
	} else if (md->has_day) {
		md->undated = node;
	}
	free(text);
}

/* A one-line paragraph that starts with a date in bold or italics, the
 * way the Google SRE workbook dates its timeline ("**2015-10-21**
 * (*all times UTC*)"): a date heading in all but name. */
static int
date_paragraph(cmark_node *node)
{
	cmark_node *first = cmark_node_first_child(node);
	char *text;
	int y, m, d, rc;
	size_t used;

	if (first == NULL || cmark_node_get_start_line(node) !=
	                         cmark_node_get_end_line(node))
		return 0;
	if (cmark_node_get_type(first) != CMARK_NODE_STRONG &&
	    cmark_node_get_type(first) != CMARK_NODE_EMPH)
		return 0;
	text = pm_prose_plain(first);
	rc = pm_date_words(text, strlen(text), &y, &m, &d, &used);
	free(text);
	return rc == PM_STAMP_OK;
}

int
pm_timeline_block(pm_md *md, cmark_node *node, xmlNodePtr parent)
{
	xmlNodePtr tl;
	cmark_node *item;
	pm_table t;
	size_t r;
	int zone, offset;

	if (pm_table_read(md, node, &t)) {
		tl = pm_ir_add(parent, PM_EL_TIMELINE, t.loc);
		/* "| Time (UTC) | Event |": the zone of the rows that give
		 * none, as a date heading's remark is */
		zone = md->head_zone_set, offset = md->head_zone;
		if (heading_zone(md, t.cells[0].text, &md->head_zone) ||
		    (t.ncols > 2 &&
		     heading_zone(md, t.cells[1].text, &md->head_zone)))
			md->head_zone_set = 1;
		for (r = 1; r < t.nrows; r++)
			timeline_row(md, &t, r, tl);
		md->head_zone_set = zone, md->head_zone = offset;
		drop_if_empty(tl);
		pm_table_free(&t);
		return 1;
	}
	switch (cmark_node_get_type(node)) {
	case CMARK_NODE_LIST:
		tl = pm_ir_add(parent, PM_EL_TIMELINE, pm_md_loc(md, node));
		for (item = cmark_node_first_child(node); item != NULL;
		     item = cmark_node_next(item))
			timeline_item(md, item, tl);
		drop_if_empty(tl);
		return 1;
	case CMARK_NODE_HEADING:
		timeline_heading(md, node);
		return 0;
	case CMARK_NODE_PARAGRAPH:
		if (date_paragraph(node))
			timeline_heading(md, node);
		else
			unlisted_times(md, cmark_node_get_start_line(node),
			               cmark_node_get_end_line(node), 0);
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

/* What may stand before an answer, besides blanks: the separator of
 * "Why …? — answer" and the label of an "A: …" paragraph. */
/* "Q: Why ...?": the label is dropped as an answer's "A:" is. */
static const char *const question_leads[] = {"Q:", "Q. ", NULL};

static const char *const answer_leads[] = {
    "\xe2\x80\x94", "\xe2\x80\x93", "- ", "-\t", ":", "A:", "A. ",
    "Answer:", "Svar:", "\xe7\xad\x94\xe3\x81\x88:", "\xe7\xad\x94:", "\xef\xbc\xa1:",
    "A\xef\xbc\x9a", "\xe7\xad\x94\xef\xbc\x9a", NULL};

/* Drops one separator or "A:" label from the start of an answer, with
 * the blanks around it, also inside the answer's emphasis. */
static void
drop_lead(xmlNodePtr a, const char *const *leads)
{
	xmlNodePtr c;
	const char *s;
	char *rest;
	size_t n;
	int i;

	trim_start(a); /* may free the first child: read it after */
	c = a->children;
	while (c != NULL && c->type == XML_ELEMENT_NODE && c->children)
		c = c->children;
	if (c == NULL || c->type != XML_TEXT_NODE)
		return;
	s = (const char *)c->content;
	for (i = 0; leads[i] != NULL; i++) {
		n = strlen(leads[i]);
		if (strncasecmp(s, leads[i], n) == 0)
			break;
	}
	if (leads[i] == NULL)
		return;
	rest = pm_xstrdup(s + n);
	xmlNodeSetContent(c, BAD_CAST rest);
	free(rest);
	trim_start(a);
}

static void
drop_answer_lead(xmlNodePtr a)
{
	drop_lead(a, answer_leads);
}

/* The chain the next why joins: the current one while it is still the
 * one being written under parent, else a new one, named after the
 * "###" heading the chain stands under. */
static xmlNodePtr
why_chain(pm_md *md, xmlNodePtr parent, pm_loc at)
{
	char *heading;

	if (md->whys != NULL && md->whys->parent == parent)
		return md->whys;
	if (md->why_heading != NULL && md->why_heading->parent == parent)
		at = pm_ir_loc_attr(md->why_heading);
	md->whys = pm_ir_add(parent, PM_EL_WHYS, at);
	if (md->why_heading != NULL) {
		heading = pm_ir_content(md->why_heading);
		pm_ir_set(md->whys, "heading", heading);
		free(heading);
	}
	md->whys_list = 0;
	md->why_open = NULL;
	return md->whys;
}

/* Reads para's inlines as a question and its answer into why. */
static void
why_para(pm_md *md, cmark_node *para, xmlNodePtr why)
{
	static const pm_loc none = {0, 0, 1};
	xmlNodePtr q = pm_ir_add(why, PM_EL_QUESTION, none);
	xmlNodePtr a = pm_ir_add(why, PM_EL_ANSWER, none);
	xmlNodePtr tmp = xmlNewNode(why->ns, BAD_CAST "tmp");

	pm_prose_inlines(md, cmark_node_first_child(para), tmp);
	split_question(tmp, q, a, 0);
	xmlFreeNode(tmp);
	drop_lead(q, question_leads);
	drop_answer_lead(a);
}

static void
why_item(pm_md *md, cmark_node *item, xmlNodePtr whys)
{
	cmark_node *para = cmark_node_first_child(item), *rest = para;
	xmlNodePtr why;
	static const pm_loc none = {0, 0, 1};

	why = pm_ir_add(whys, PM_EL_WHY, pm_md_loc(md, para ? para : item));
	if (para != NULL && cmark_node_get_type(para) == CMARK_NODE_PARAGRAPH) {
		why_para(md, para, why);
		rest = cmark_node_next(para);
	} else {
		pm_ir_add(why, PM_EL_QUESTION, none);
		pm_ir_add(why, PM_EL_ANSWER, none);
	}
	if (rest != NULL)
		pm_prose_blocks(md, rest, pm_ir_add(why, PM_EL_BODY, none));
}

/* Does the text (a paragraph's, plain) ask a why: start with the word (in one of the
 * format's languages), emphasised or not, and hold a question mark? */
static int
why_question_text(const char *text)
{
	static const char *const words[] = {
	    "why", "hvorfor", "\xe3\x81\xaa\xe3\x81\x9c",
	    "\xe4\xbd\x95\xe6\x95\x85",
	    "\xe3\x81\xa9\xe3\x81\x86\xe3\x81\x97\xe3\x81\xa6", NULL};
	const char *s = text;
	int i, yes = 0;

	while (*s == ' ' || *s == '*' || *s == '_')
		s++;
	/* "Q: Why ...?", as an answer's "A:" */
	if ((*s == 'Q' || *s == 'q') &&
	    (s[1] == ':' || (s[1] == '.' && s[2] == ' ')))
		for (s += 2; *s == ' ' || *s == '*' || *s == '_'; s++)
			continue;
	for (i = 0; words[i] != NULL && !yes; i++)
		yes = strncasecmp(s, words[i], strlen(words[i])) == 0;
	return yes && question_mark(s) != NULL;
}

/* Does the paragraph ask a why? */
static int
why_question_para(cmark_node *para)
{
	char *text = pm_prose_plain(para);
	int yes = why_question_text(text);

	free(text);
	return yes;
}

/* A paragraph in the five whys: a why ("**Why …?** answer"), or the
 * answer of the why just before when that had none. */
static int
why_block_para(pm_md *md, cmark_node *para, xmlNodePtr parent)
{
	xmlNodePtr chain, a;
	char *text;
	int blank;

	if (why_question_para(para)) {
		chain = why_chain(md, parent, pm_md_loc(md, para));
		md->why_open = pm_ir_add(chain, PM_EL_WHY, pm_md_loc(md, para));
		why_para(md, para, md->why_open);
		text = pm_ir_content(pm_ir_first(md->why_open, PM_EL_ANSWER));
		blank = pm_text_blank(text, strlen(text));
		free(text);
		if (!blank)
			md->why_open = NULL;
		return 1;
	}
	if (md->why_open == NULL || md->whys == NULL ||
	    md->whys->parent != parent || parent->last != md->whys)
		return 0;
	a = pm_ir_first(md->why_open, PM_EL_ANSWER);
	pm_prose_inlines(md, cmark_node_first_child(para), a);
	drop_answer_lead(a);
	md->why_open = NULL;
	return 1;
}

/* A "###" heading starts the next chain: it stays a heading of the
 * section, and the chain after it carries its text. */
static void
why_heading(pm_md *md, cmark_node *node, xmlNodePtr parent)
{
	pm_prose_block(md, node, parent);
	md->why_heading = parent->last;
	md->whys = NULL;
	md->why_open = NULL;
	md->whys_list = 0;
}

int
pm_whys_block(pm_md *md, cmark_node *node, xmlNodePtr parent)
{
	xmlNodePtr whys;
	cmark_node *item, *next;

	switch (cmark_node_get_type(node)) {
	case CMARK_NODE_HEADING:
		/* "### Why did checkout fail?" and a plain answer below it:
		 * a why written as a heading. Followed by whys, such a
		 * heading names a chain (the problem, asked). */
		next = cmark_node_next(node);
		if (cmark_node_get_heading_level(node) >= 3 &&
		    why_question_para(node) && next != NULL &&
		    cmark_node_get_type(next) == CMARK_NODE_PARAGRAPH &&
		    !why_question_para(next))
			return why_block_para(md, node, parent);
		if (cmark_node_get_heading_level(node) != 3)
			return 0;
		why_heading(md, node, parent);
		return 1;
	case CMARK_NODE_PARAGRAPH:
		return why_block_para(md, node, parent);
	case CMARK_NODE_LIST:
		break;
	default:
		return 0;
	}
	if (md->whys != NULL && md->whys->parent == parent &&
	    (md->whys_list || md->whys->children != NULL)) {
		/* a second list in one chain: read as prose, but said */
		pm_report(md->src, PM_R_WHY_LIST, pm_md_loc(md, node));
		return 0;
	}
	whys = why_chain(md, parent, pm_md_loc(md, node));
	md->whys_list = 1;
	for (item = cmark_node_first_child(node); item != NULL;
	     item = cmark_node_next(item))
		why_item(md, item, whys);
	return 1;
}

/* What a follow-up attribute or column is, whatever it was called:
 * the IR attributes owner..ticket, then the state and the item's text. */
enum attr_key {
	K_OWNER,
	K_DUE,
	K_TYPE,
	K_PRIORITY,
	K_TICKET,
	K_STATUS,
	K_TEXT,
	K_OTHER
};

static const char *const attr_keys[] = {"owner", "due", "type", "priority",
                                        "ticket", "status", "action"};

/* The names people give them (format.md section 11), folded: the key
 * form "(assignee: Ops)" and the header of a table column alike. */
static const struct {
	const char *word;
	enum attr_key key;
} key_words[] = {
    {"owner", K_OWNER},
    {"assignee", K_OWNER},
    {"assigned to", K_OWNER},
    {"responsible", K_OWNER},
    {"who", K_OWNER},
    {"ansvarlig", K_OWNER},
    {"eier", K_OWNER},
    {"\xe6\x8b\x85\xe5\xbd\x93", K_OWNER},             /* 担当 */
    {"\xe6\x8b\x85\xe5\xbd\x93\xe8\x80\x85", K_OWNER}, /* 担当者 */
    {"due", K_DUE},
    {"deadline", K_DUE},
    {"due date", K_DUE},
    {"by", K_DUE},
    {"when", K_DUE},
    {"frist", K_DUE},
    {"\xe6\x9c\x9f\xe9\x99\x90", K_DUE}, /* 期限 */
    {"\xe6\x9c\x9f\xe6\x97\xa5", K_DUE}, /* 期日 */
    {"type", K_TYPE},
    {"\xe7\xa8\xae\xe5\x88\xa5", K_TYPE}, /* 種別 */
    {"priority", K_PRIORITY},
    {"prio", K_PRIORITY},
    {"prioritet", K_PRIORITY},
    {"\xe5\x84\xaa\xe5\x85\x88\xe5\xba\xa6", K_PRIORITY}, /* 優先度 */
    {"ticket", K_TICKET},
    {"issue", K_TICKET},
    {"bug", K_TICKET},
    {"link", K_TICKET},
    {"jira", K_TICKET},
    {"sak", K_TICKET},
    {"\xe3\x83\x81\xe3\x82\xb1\xe3\x83\x83\xe3\x83\x88", K_TICKET}, /* チケット */
    {"status", K_STATUS},
    {"state", K_STATUS},
    {"done", K_STATUS},
    {"\xe7\x8a\xb6\xe6\x85\x8b", K_STATUS},                         /* 状態 */
    {"\xe3\x82\xb9\xe3\x83\x86\xe3\x83\xbc\xe3\x82\xbf\xe3\x82\xb9", K_STATUS}, /* ステータス */
    {"action", K_TEXT},
    {"action item", K_TEXT},
    {"action items", K_TEXT},
    {"item", K_TEXT},
    {"task", K_TEXT},
    {"tiltak", K_TEXT},
    {"oppgave", K_TEXT},
    {"\xe5\xaf\xbe\xe7\xad\x96", K_TEXT},             /* 対策 */
    {"\xe5\xaf\xbe\xe5\xbf\x9c", K_TEXT},             /* 対応 */
    {"\xe9\xa0\x85\xe7\x9b\xae", K_TEXT},             /* 項目 */
};

#define NKEY_WORDS (sizeof(key_words) / sizeof(key_words[0]))

/* The key a written name stands for; hint receives a near miss. */
static enum attr_key
key_of(const char *written, char *hint, size_t cap)
{
	char *f = pm_text_fold(written, strlen(written));
	size_t i, len = strlen(f), d;
	enum attr_key k = K_OTHER;

	for (i = 0; i < NKEY_WORDS && k == K_OTHER; i++)
		if (strcmp(f, key_words[i].word) == 0)
			k = key_words[i].key;
	for (i = 0; k == K_OTHER && hint && i < NKEY_WORDS; i++) {
		/* one edit in a short word would make anything a near miss */
		d = pm_utf8_count(f, len) > 4 &&
		            pm_utf8_count(key_words[i].word,
		                          strlen(key_words[i].word)) > 4
		        ? 2
		        : 1;
		if (len > 1 && pm_edit_distance(f, key_words[i].word, d) <= d) {
			snprintf(hint, cap, "; did you mean '%s'?",
			         key_words[i].word);
			break;
		}
	}
	free(f);
	return k;
}

/* Status words (format.md section 11), folded; 1 done, 0 open. */
static const struct {
	const char *word;
	int done;
} status_words[] = {
    {"done", 1},        {"x", 1},           {"completed", 1},
    {"complete", 1},    {"closed", 1},      {"fixed", 1},
    {"resolved", 1},    {"yes", 1},         {"ferdig", 1},
    {"utf\xc3\xb8rt", 1}, {"l\xc3\xb8st", 1}, {"lukket", 1},
    {"\xe5\xae\x8c\xe4\xba\x86", 1},                         /* 完了 */
    {"\xe6\xb8\x88", 1},                                     /* 済 */
    {"\xe6\xb8\x88\xe3\x81\xbf", 1},                         /* 済み */
    {"\xe5\xaf\xbe\xe5\xbf\x9c\xe6\xb8\x88\xe3\x81\xbf", 1}, /* 対応済み */
    {"open", 0},        {"todo", 0},        {"to do", 0},
    {"to-do", 0},       {"in progress", 0}, {"in-progress", 0},
    {"ongoing", 0},     {"pending", 0},     {"planned", 0},
    {"not started", 0}, {"blocked", 0},     {"wip", 0},
    {"no", 0},          {"\xc3\xa5pen", 0}, {"p\xc3\xa5g\xc3\xa5r", 0},
    {"ikke startet", 0},
    {"\xe6\x9c\xaa\xe7\x9d\x80\xe6\x89\x8b", 0}, /* 未着手 */
    {"\xe5\xaf\xbe\xe5\xbf\x9c\xe4\xb8\xad", 0}, /* 対応中 */
    {"\xe6\x9c\xaa\xe5\xaf\xbe\xe5\xbf\x9c", 0}, /* 未対応 */
    {"\xe9\x80\xb2\xe8\xa1\x8c\xe4\xb8\xad", 0}, /* 進行中 */
};

/* Marks that say it alone, with or without the emoji variation
 * selector: ✅ ✔ ☑ ✓ (done), ⬜ ☐ (open). */
static const struct {
	const char *mark;
	int done;
} status_marks[] = {
    {"\xe2\x9c\x85", 1}, {"\xe2\x9c\x94", 1}, {"\xe2\x98\x91", 1},
    {"\xe2\x9c\x93", 1}, {"\xe2\xac\x9c", 0}, {"\xe2\x98\x90", 0},
};

/* A GitHub task marker "[ ]"/"[x]" at the start of s: 1 open, 2 done,
 * 0 none; *used receives its length with the blanks after it. */
int
pm_task_marker(const char *s, size_t *used)
{
	int state;

	*used = 0;
	if (s[0] != '[' || s[1] == '\0' || s[2] != ']' ||
	    (s[3] != ' ' && s[3] != '\t' && s[3] != '\0'))
		return 0;
	if (s[1] == ' ')
		state = 1;
	else if (s[1] == 'x' || s[1] == 'X')
		state = 2;
	else
		return 0;
	for (*used = 3; s[*used] == ' ' || s[*used] == '\t'; (*used)++)
		continue;
	return state;
}

/* Is s[0..n) one of the marks, followed by at most a variation
 * selector? Sets *done. */
static int
status_mark(const char *s, size_t n, int *done)
{
	size_t i, m;

	for (i = 0; i < sizeof(status_marks) / sizeof(status_marks[0]); i++) {
		m = strlen(status_marks[i].mark);
		if (n >= m && memcmp(s, status_marks[i].mark, m) == 0 &&
		    (n == m || (n == m + 3 && memcmp(s + m, "\xef\xb8\x8f",
		                                     3) == 0))) {
			*done = status_marks[i].done;
			return 1;
		}
	}
	return 0;
}

/* What a status value says: 1 done, 0 open, -1 unknown, -2 nothing
 * written. Emphasis and code marks around it are ignored, and a task
 * marker counts. */
static int
status_of(const char *s)
{
	const char *t;
	size_t n = pm_text_trim(s, strlen(s), &t), used, i;
	int marker, done = -1;
	char *f;

	while (n > 0 && strchr("*_~`", t[0]) != NULL)
		t++, n--;
	while (n > 0 && strchr("*_~`", t[n - 1]) != NULL)
		n--;
	n = pm_text_trim(t, n, &t);
	if (n == 0)
		return -2;
	if (n >= 3 && (marker = pm_task_marker(t, &used)) != 0 &&
	    pm_text_blank(t + used, n - used))
		return marker == 2;
	if (status_mark(t, n, &done))
		return done;
	f = pm_text_fold(t, n);
	for (i = 0; i < sizeof(status_words) / sizeof(status_words[0]); i++)
		if (strcmp(f, status_words[i].word) == 0)
			done = status_words[i].done;
	free(f);
	return done;
}

/* Month names, English and Norwegian, by their first three letters. */
static int
month_of(const char *w, size_t n)
{
	static const char *const en = "janfebmaraprmayjunjulaugsepoctnovdec";
	static const char *const nb = "janfebmaraprmaijunjulaugsepoktnovdes";
	char low[3];
	size_t i;

	if (n < 3 || n > 9)
		return 0;
	for (i = 0; i < n; i++)
		if (!((w[i] | 0x20) >= 'a' && (w[i] | 0x20) <= 'z'))
			return 0;
	for (i = 0; i < 3; i++)
		low[i] = (char)(w[i] | 0x20);
	for (i = 0; i < 12; i++)
		if (memcmp(low, en + 3 * i, 3) == 0 ||
		    memcmp(low, nb + 3 * i, 3) == 0)
			return (int)i + 1;
	return 0;
}

/* "Mar 1, 2024", "March 1 2024", "1 March 2024", "1. mars 2024". */
static int
named_month(const char *s, int *y, int *m, int *d)
{
	char tok[3][16];
	size_t len[3] = {0, 0, 0}, k = 0;
	const char *p;
	int day, mi;

	for (p = s; *p != '\0'; p++) {
		if (*p == ' ' || *p == ',' || *p == '.' || *p == '\t') {
			if (len[k] > 0 && ++k == 3)
				break;
			continue;
		}
		if (len[k] == sizeof(tok[0]) - 1)
			return 0;
		tok[k][len[k]++] = *p;
	}
	for (; *p == ' ' || *p == ',' || *p == '.' || *p == '\t'; p++)
		continue;
	if (*p != '\0' || len[2] != 4 || len[0] == 0 || len[1] == 0)
		return 0;
	for (k = 0; k < 3; k++)
		tok[k][len[k]] = '\0';
	mi = month_of(tok[0], len[0]) != 0 ? 0 : 1;
	if ((*m = month_of(tok[mi], len[mi])) == 0 ||
	    strspn(tok[1 - mi], "0123456789") != len[1 - mi] || len[1 - mi] > 2 ||
	    strspn(tok[2], "0123456789") != 4)
		return 0;
	day = atoi(tok[1 - mi]);
	*d = day;
	*y = atoi(tok[2]);
	return 1;
}

/* A due date as people write it (format.md section 11): out receives
 * YYYY-MM-DD. Returns 1, 0 when nothing is written ("", "-", "n/a"),
 * -1 when it is no date pmc reads, -2 when it is one that does not
 * exist (2030-13-01). */
static int
due_date(const char *s, char out[16])
{
	const char *t;
	size_t n = pm_text_trim(s, strlen(s), &t);
	int y = 0, m = 0, d = 0, used = -1;
	char *f = pm_text_fold(t, n);
	int none = *f == '\0' || strcmp(f, "n/a") == 0 || strcmp(f, "none") == 0;

	free(f);
	if (none)
		return 0;
	if (pm_date_parse(t, n, &y, &m, &d) == PM_STAMP_OK)
		goto found;
	if (n >= 8 && t[4] == '-')
		return -2; /* the ISO form, with a month or day out of range */
	if (sscanf(t, "%4d/%2d/%2d%n", &y, &m, &d, &used) == 3 ||
	    sscanf(t, "%2d.%2d.%4d%n", &d, &m, &y, &used) == 3 ||
	    sscanf(t, "%4d\xe5\xb9\xb4%2d\xe6\x9c\x88%2d\xe6\x97\xa5%n", &y, &m,
	           &d, &used) == 3) {
		if (y < 1000 || ((size_t)used != n &&
		                 !(t[used] == '.' && (size_t)used + 1 == n)))
			return -1;
	} else if (!named_month(t, &y, &m, &d)) {
		return -1;
	}
	if (y < 1000 || m < 1 || m > 12 || d < 1 ||
	    d > pm_days_in_month(y, m))
		return -2;
found:
	snprintf(out, 16, "%04d-%02d-%02d", y, m, d);
	return 1;
}

/* One attribute as written, from an attribute list or a table cell. */
typedef struct attr_in {
	const char *key, *val; /* trimmed */
	pm_loc kloc, vloc;
	const pm_cell *cell; /* the table cell holding the value, or NULL */
} attr_in;

/* Keeps a value pmc could not use as an item detail, labelled as the
 * writer labelled it, so that no output loses it; key names the
 * attribute it was meant for. */
static void
keep_detail(pm_md *md, xmlNodePtr act, const attr_in *in, const char *key)
{
	xmlNodePtr el = pm_ir_add(act, PM_EL_DETAIL, (pm_loc){0, 0, 1});

	pm_ir_set(el, "label", in->key);
	if (key != NULL)
		pm_ir_set(el, "key", key);
	if (in->cell != NULL)
		pm_table_cell(md, in->cell, el);
	else
		pm_ir_text(el, in->val, strlen(in->val));
}

/* A due date; one that is no date pmc reads is kept as a detail, with
 * a warning, or an error in a final document when the policy has final
 * need due dates (format.md section 6): either way the one finding. */
static void
set_due(pm_md *md, xmlNodePtr act, const attr_in *in)
{
	char date[16], msg[160];
	int st = due_date(in->val, date);
	int needed = md->status == PM_STATUS_FINAL &&
	             (md->doc->policy == NULL || md->doc->policy->final_due);

	snprintf(msg, sizeof(msg), "due date '%s' is not a date (YYYY-MM-DD)",
	         in->val);
	if (st == 1)
		pm_ir_set(act, "due", date);
	else if (st == -2 || (st == -1 && needed))
		pm_report(md->src, PM_R_BAD_DATE, in->vloc, msg);
	else if (st == -1)
		pm_report(md->src, PM_R_FOLLOWUP_DATE, in->vloc, in->val);
	if (st == -1)
		keep_detail(md, act, in, "due");
}

/* A status value: sets *state (1 done, 0 open) when it says one. */
static void
set_status(pm_md *md, xmlNodePtr act, const attr_in *in, int *state)
{
	char msg[200];
	int st = status_of(in->val);

	if (st >= 0) {
		*state = st;
		return;
	}
	if (st == -2)
		return;
	snprintf(msg, sizeof(msg),
	         "status '%s' is neither done nor open; read as open "
	         "(write done or open)",
	         in->val);
	pm_report(md->src, PM_R_FOLLOWUP_STATUS, in->vloc, msg);
	keep_detail(md, act, in, "status");
}

/* Sets a follow-up attribute from its written key and value, checking
 * the value; an unknown key is a warning and its value a detail. A
 * status goes to *state rather than the tree. */
static void
set_attr(pm_md *md, xmlNodePtr act, const attr_in *in, enum attr_key k,
         const char *hint, int *state)
{
	switch (k) {
	case K_OTHER:
	case K_TEXT:
		pm_report(md->src, PM_R_FOLLOWUP_KEY, in->kloc, in->key, hint);
		keep_detail(md, act, in, NULL);
		return;
	case K_STATUS:
		set_status(md, act, in, state);
		return;
	case K_DUE:
		set_due(md, act, in);
		return;
	case K_TYPE:
		if (*in->val && pm_name_find(pm_follow_up_types, 0, in->val) < 0)
			pm_report(md->src, PM_R_BAD_VALUE, in->vloc, in->val,
			          "follow-up type",
			          "prevent, detect, mitigate, repair, process or "
			          "other");
		else if (*in->val)
			pm_ir_set(act, "type", in->val);
		return;
	default:
		if (*in->val)
			pm_ir_set(act, attr_keys[k], in->val);
		return;
	}
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

/* Is s[0..n) a year alone, as after the comma of "May 20, 2024"? */
static int
year_piece(const char *s, size_t n)
{
	const char *t;

	n = pm_text_trim(s, n, &t);
	return n == 4 && strspn(t, "0123456789") >= 4;
}

size_t
pm_attr_pairs(const char *inner, size_t n, pm_pair *pairs, size_t max)
{
	size_t count = 0, start = 0, i;
	pm_pair p;

	/* pairs are separated by commas or, as people also write them,
	 * semicolons ("owner: Ops; due: 2024-04-01") */
	for (i = 0; i <= n; i++) {
		if (i < n && inner[i] != ',' && inner[i] != ';')
			continue;
		if (count > 0 && (year_piece(inner + start, i - start) ||
		                  (inner[start - 1] == ';' &&
		                   !read_pair(inner + start, i - start, &p)))) {
			/* a comma inside a date: "due: May 20, 2024"; a
			 * semicolon inside a value: "owner: Ops; DBA" */
			pairs[count - 1].vn = pm_text_trim(
			    pairs[count - 1].v,
			    (size_t)(inner + i - pairs[count - 1].v),
			    &pairs[count - 1].v);
		} else if (count == max ||
		           !read_pair(inner + start, i - start, &pairs[count])) {
			return 0;
		} else {
			count++;
		}
		start = i + 1;
	}
	return count;
}

size_t
pm_attr_list(const char *lit, pm_pair *pairs, size_t max, size_t *open)
{
	size_t n = strlen(lit), o;

	while (n > 0 && (lit[n - 1] == ' ' || lit[n - 1] == '\t'))
		n--;
	if (n < 2 || lit[n - 1] != ')')
		return 0;
	for (o = n - 2; o > 0 && lit[o] != '('; o--)
		continue;
	if (lit[o] != '(')
		return 0;
	*open = o;
	return pm_attr_pairs(lit + o + 1, n - o - 2, pairs, max);
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
 * read into act and removed from the text. *state receives a status
 * the list gives. */
static void
trailing_attrs(pm_md *md, cmark_node *para, xmlNodePtr act, int *state)
{
	cmark_node *last = cmark_node_last_child(para);
	const char *lit;
	pm_pair pairs[16];
	size_t n, count, i, open;
	pm_loc at = pm_md_loc(md, para);
	raw_attrs ra = {NULL, NULL, NULL};
	attr_in in = {NULL, NULL, at, at, NULL};
	char *key, *val, *head, hint[96];

	pm_prose_attr_text(para);
	last = cmark_node_last_child(para);
	if (last == NULL || cmark_node_get_type(last) != CMARK_NODE_TEXT)
		return;
	lit = cmark_node_get_literal(last);
	if ((count = pm_attr_list(lit, pairs, 16, &open)) == 0)
		return;
	raw_attrs_open(md, para, &pairs[0], &ra);
	for (i = 0; i < count; i++) {
		in.key = key = pm_xstrndup(pairs[i].k, pairs[i].kn);
		in.val = val = pm_xstrndup(pairs[i].v, pairs[i].vn);
		raw_attrs_next(md, &ra, &pairs[i], at, &in.kloc, &in.vloc);
		hint[0] = '\0';
		set_attr(md, act, &in, key_of(key, hint, sizeof(hint)), hint,
		         state);
		free(key);
		free(val);
	}
	for (n = open; n > 0 && (lit[n - 1] == ' ' || lit[n - 1] == '\t');)
		n--;
	head = pm_xstrndup(lit, n);
	cmark_node_set_literal(last, head);
	free(head);
}

/* The state of an item both a task marker and a status give: the
 * status, which is the more explicit; when they disagree, said so. */
static int
item_state(pm_md *md, pm_loc at, int marker, int status)
{
	if (status < 0)
		return marker == 2;
	if (marker != 0 && (marker == 2) != status)
		pm_report(md->src, PM_R_FOLLOWUP_STATUS, at,
		          status ? "task marker says open but the status says "
		                   "done; read as done"
		                 : "task marker says done but the status says "
		                   "open; read as open");
	return status;
}

/* The owner and due-date words (key_words) that people write in an
 * item's text as if they were attributes: "— owner: Bob, due: ...",
 * "[owner: Bob]", "（担当：田中、期限：...）". */
static const char *const unread_keys[] = {
    "owner", "assignee", "assigned to", "responsible", "ansvarlig", "eier",
    "due", "deadline", "due date", "frist",
    "\xe6\x8b\x85\xe5\xbd\x93", /* 担当 */
    "\xe6\x9c\x9f\xe9\x99\x90", /* 期限 */
    "\xe6\x9c\x9f\xe6\x97\xa5", /* 期日 */
    NULL};

/* Does a key word start at f[i] and run into a colon, ASCII or
 * full-width, with a value after it? Returns the word's length. */
static size_t
key_colon_at(const char *f, size_t i)
{
	size_t k, n, j;
	unsigned char before = i ? (unsigned char)f[i - 1] : ' ';

	if ((before | 0x20) >= 'a' && (before | 0x20) <= 'z')
		return 0;
	if (before >= '0' && before <= '9')
		return 0;
	for (k = 0; unread_keys[k] != NULL; k++) {
		n = strlen(unread_keys[k]);
		if (strncmp(f + i, unread_keys[k], n) != 0)
			continue;
		j = i + n;
		while (f[j] == ' ')
			j++;
		if (f[j] == ':' && f[j + 1] == ' ')
			j += 2;
		else if (strncmp(f + j, "\xef\xbc\x9a", 3) == 0) /* ： */
			j += 3;
		else
			continue;
		while (f[j] == ' ')
			j++;
		/* a value follows: "(owner: )" names none */
		if (f[j] != '\0' && strchr("),]", f[j]) == NULL)
			return n;
	}
	return 0;
}

/* An owner or due date written in the item's text, not in the trailing
 * "(key: value, ...)" list, is text there: the item would be counted
 * without its owner or due date, and no finding said why. Warned once,
 * at the word, when the item has no such attribute read. */
static void
unread_attrs(pm_md *md, cmark_node *para, xmlNodePtr act)
{
	char *text = pm_prose_plain(para), *f = pm_xstrdup(text), *word;
	const char *at, *attr;
	size_t i, n = 0;
	pm_loc loc = pm_md_loc(md, para);
	int owner;

	for (i = 0; f[i] != '\0'; i++)
		if (f[i] >= 'A' && f[i] <= 'Z')
			f[i] = (char)(f[i] | 0x20);
	for (i = 0; f[i] != '\0' && (n = key_colon_at(f, i)) == 0; i++)
		continue;
	if (n > 0) {
		word = pm_xstrndup(text + i, n);
		owner = key_of(word, NULL, 0) == K_OWNER;
		attr = owner ? "owner" : "due";
		at = raw_find(md, cmark_node_get_start_line(para),
		              cmark_node_get_end_line(para), word, n);
		if (at != NULL)
			loc = pm_src_loc(md->src, at, n);
		if (!xmlHasProp(act, BAD_CAST attr))
			pm_report(md->src, PM_R_FOLLOWUP_UNREAD, loc, word,
			          owner ? "owner" : "due date");
		free(word);
	}
	free(f);
	free(text);
}

/* Which of an owner and a due date the attribute list ending a
 * paragraph's plain text gives, as ATTR_ bits; *said, when said is not
 * NULL, receives the first of them as written ("Assignee"). */
enum { ATTR_OWNER = 1, ATTR_DUE = 2 };

static int
text_attrs(const char *text, char *said, size_t n)
{
	pm_pair pairs[16];
	size_t count, open, i;
	char *key;
	enum attr_key k;
	int bits = 0;

	if (said != NULL && n > 0)
		said[0] = '\0';
	count = pm_attr_list(text, pairs, 16, &open);
	for (i = 0; i < count; i++) {
		key = pm_xstrndup(pairs[i].k, pairs[i].kn);
		k = key_of(key, NULL, 0);
		if ((k == K_OWNER || k == K_DUE) && said != NULL && n > 0 &&
		    said[0] == '\0')
			snprintf(said, n, "%s", key);
		bits |= k == K_OWNER ? ATTR_OWNER : k == K_DUE ? ATTR_DUE : 0;
		free(key);
	}
	return bits;
}

/* Does a list item end in an attribute list with a due date, as a
 * follow-up does? (An owner alone, "the runbook (owner: DBA)", is
 * prose's too.) */
static int
has_due(cmark_node *item)
{
	cmark_node *para = cmark_node_first_child(item);
	char *text;
	int bits;

	if (para == NULL || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH)
		return 0;
	text = pm_prose_plain(para);
	bits = text_attrs(text, NULL, 0);
	free(text);
	return (bits & ATTR_DUE) != 0;
}

/* Items written as follow-ups (a task marker or a due date)
 * in a list nested under a follow-up ("- Prevent" and its tasks below)
 * are that item's text: no report counts them. Said once per list, at
 * the first, since whether the outer item is a group or a task of its
 * own is the writer's to say. */
static void
nested_follow_ups(pm_md *md, cmark_node *block, int line)
{
	cmark_node *item, *first = NULL;
	int n = 0;

	for (; block != NULL; block = cmark_node_next(block)) {
		if (cmark_node_get_type(block) != CMARK_NODE_LIST)
			continue;
		for (item = cmark_node_first_child(block); item != NULL;
		     item = cmark_node_next(item))
			if (pm_prose_is_task(item) || has_due(item))
				if (n++ == 0)
					first = item;
	}
	if (n > 0)
		pm_report(md->src, PM_R_FOLLOWUP_NESTED, pm_md_loc(md, first),
		          n, line);
}

/* "- ✅ Runbook updated", "- ⬜ Add an alert": a status mark of the
 * table's (status_marks) starting a follow-up item that has no task
 * marker is its state, as a task marker is, and is cut from its text:
 * 2 done, 1 open, 0 none. */
static int
mark_task(cmark_node *item)
{
	cmark_node *para = cmark_node_first_child(item), *text;
	const char *lit;
	size_t i, m;

	if (para == NULL || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH ||
	    (text = cmark_node_first_child(para)) == NULL ||
	    cmark_node_get_type(text) != CMARK_NODE_TEXT)
		return 0;
	lit = cmark_node_get_literal(text);
	for (i = 0; i < sizeof(status_marks) / sizeof(status_marks[0]); i++) {
		m = strlen(status_marks[i].mark);
		if (strncmp(lit, status_marks[i].mark, m) != 0)
			continue;
		if (strncmp(lit + m, "\xef\xb8\x8f", 3) == 0) /* VS16 */
			m += 3;
		while (lit[m] == ' ')
			m++;
		cmark_node_set_literal(text, lit + m);
		return status_marks[i].done ? 2 : 1;
	}
	return 0;
}

static void
action_item(pm_md *md, cmark_node *item, xmlNodePtr fu)
{
	int task = pm_prose_task(item), status = -1;
	cmark_node *para = cmark_node_first_child(item), *rest = para;
	xmlNodePtr act, text;
	pm_loc at = pm_md_loc(md, para ? para : item);
	static const pm_loc none = {0, 0, 1};

	if (task == 0)
		task = mark_task(item);
	act = pm_ir_add(fu, PM_EL_ACTION, at);
	text = pm_ir_add(act, PM_EL_TEXT, none);
	if (para != NULL && cmark_node_get_type(para) == CMARK_NODE_PARAGRAPH) {
		trailing_attrs(md, para, act, &status);
		unread_attrs(md, para, act);
		pm_prose_inlines(md, cmark_node_first_child(para), text);
		rest = cmark_node_next(para);
	}
	pm_ir_set(act, "done", item_state(md, at, task, status) ? "true"
	                                                        : "false");
	if (rest != NULL) {
		nested_follow_ups(md, rest, at.line);
		pm_prose_blocks(md, rest, pm_ir_add(act, PM_EL_BODY, none));
	}
}

/* The text cell of a row, without a task marker it starts with; *marker
 * receives the marker's state. */
static pm_cell
text_cell(const pm_cell *c, int *marker)
{
	pm_cell t = *c;
	size_t used;

	if ((*marker = pm_task_marker(t.text, &used)) != 0) {
		t.text += used;
		t.loc.col += (int)used;
	}
	return t;
}

/* "Bug 5554823 **TODO**": the Google SRE workbook's action table has no
 * status column and writes each item's state in bold capitals at the end
 * of its last cell. In a table with no status column, a cell that ends
 * in "**DONE**" or "**TODO**" gives the state, which is cut from the
 * cell (the cell's text is changed in place). Returns 1 done, 0 open, -1
 * none. */
static int
cell_state(pm_cell *c)
{
	static const char *const marks[] = {"**TODO**", "**DONE**"};
	size_t n = strlen(c->text), m;
	int k;

	for (k = 0; k < 2; k++) {
		m = strlen(marks[k]);
		if (n < m || strcmp(c->text + n - m, marks[k]) != 0 ||
		    (n > m && c->text[n - m - 1] != ' '))
			continue;
		for (n -= m; n > 0 && c->text[n - 1] == ' ';)
			n--;
		c->text[n] = '\0';
		return k;
	}
	return -1;
}

static void
action_row(pm_md *md, const pm_table *t, size_t r, const int *roles,
           xmlNodePtr fu)
{
	pm_cell *cells = t->cells + r * t->ncols;
	const pm_cell *head = t->cells;
	xmlNodePtr act = pm_ir_add(fu, PM_EL_ACTION, cells[0].loc);
	xmlNodePtr text = pm_ir_add(act, PM_EL_TEXT, (pm_loc){0, 0, 1});
	attr_in in;
	pm_cell tc;
	size_t c, tcol = t->ncols;
	int marker = 0, status = -1, has_status = 0;

	for (c = 0; c < t->ncols; c++)
		has_status |= roles[c] == K_STATUS;
	for (c = 0; c < t->ncols && !has_status && status < 0; c++)
		status = cell_state(&cells[c]);

	for (c = 0; c < t->ncols && tcol == t->ncols; c++)
		if (roles[c] == K_TEXT)
			tcol = c;
	if (tcol < t->ncols) {
		tc = text_cell(&cells[tcol], &marker);
		pm_table_cell(md, &tc, text);
	}
	for (c = 0; c < t->ncols; c++) {
		if (c == tcol)
			continue;
		in.key = head[c].text, in.val = cells[c].text;
		in.kloc = head[c].loc, in.vloc = cells[c].loc;
		in.cell = &cells[c];
		if (roles[c] == K_OTHER || roles[c] == K_TEXT)
			keep_detail(md, act, &in, NULL); /* reported once */
		else
			set_attr(md, act, &in, (enum attr_key)roles[c], "",
			         &status);
	}
	pm_ir_set(act, "done", item_state(md, cells[0].loc, marker, status)
	                           ? "true"
	                           : "false");
}

/* The role of each column, from the header row; unknown columns are
 * reported once, at their header. Returns 1 when one holds the text. */
static int
column_roles(pm_md *md, const pm_table *t, int *roles)
{
	char hint[96];
	size_t c;
	int has_text = 0;

	for (c = 0; c < t->ncols; c++)
		if ((roles[c] = (int)key_of(t->cells[c].text, NULL, 0)) ==
		    K_TEXT)
			has_text = 1;
	for (c = 0; has_text && c < t->ncols; c++) {
		hint[0] = '\0';
		if (roles[c] == K_OTHER) {
			key_of(t->cells[c].text, hint, sizeof(hint));
			pm_report(md->src, PM_R_FOLLOWUP_KEY, t->cells[c].loc,
			          t->cells[c].text, hint);
		}
	}
	return has_text;
}

static int
action_table(pm_md *md, cmark_node *node, xmlNodePtr parent)
{
	pm_table t;
	int *roles, has_text;
	size_t r;
	xmlNodePtr fu;

	if (!pm_table_read(md, node, &t))
		return 0;
	roles = pm_xmalloc(t.ncols * sizeof(*roles));
	if ((has_text = column_roles(md, &t, roles)) != 0) {
		fu = pm_ir_add(parent, PM_EL_FOLLOW_UPS, t.loc);
		for (r = 1; r < t.nrows; r++)
			action_row(md, &t, r, roles, fu);
	}
	free(roles);
	pm_table_free(&t);
	return has_text;
}


/* A list outside the timeline, the five whys and the follow-ups that
 * reads as one of them, its items read once:
 * - a timeline's, whose items start with times as a timeline's do: in
 *   a section of the writer's own ("## Incident timeline"), two of them
 *   and half of its items; in another of the format's, where times in
 *   a list are the writer's prose ("- 2:00 PM: the deploy" in a
 *   summary), two and a kind tag ("[detected]"); said at the first;
 * - five whys', two items or more that ask why; said at the first;
 * - a follow-up, each item written as one: an owner or a due date in
 *   its trailing attributes, with a task marker or a due date ("(owner:
 *   Ops)" alone may be prose's). */
static void
stray_list(pm_md *md, cmark_node *node, const char *heading, int custom)
{
	cmark_node *item, *para;
	pm_loc first_time = {0, 0, 1}, first_why = {0, 0, 1};
	size_t used, sep, bad, badlen, klen;
	pm_stamp st;
	char *lead, *text, *k, said[32];
	int items = 0, timed = 0, kinds = 0, whys = 0, bits;

	for (item = cmark_node_first_child(node); item != NULL;
	     item = cmark_node_next(item)) {
		items++;
		para = cmark_node_first_child(item);
		if (para == NULL ||
		    cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH)
			continue;
		lead = pm_lead_text(cmark_node_first_child(para), &used);
		if (pm_entry_time(lead, strlen(lead), &st, &used, &sep, &bad,
		                  &badlen) == PM_STAMP_OK) {
			if (timed++ == 0)
				first_time = pm_md_loc(md, para);
			k = lead + used + sep;
			kinds += pm_kind_tag(k, strlen(k), &klen) != NULL;
		}
		free(lead);
		text = pm_prose_plain(para);
		if (why_question_text(text) && whys++ == 0)
			first_why = pm_md_loc(md, para);
		bits = text_attrs(text, said, sizeof(said));
		free(text);
		if (bits != 0 && ((bits & ATTR_DUE) || pm_prose_is_task(item)))
			pm_report(md->src, PM_R_FOLLOWUP_ELSEWHERE,
			          pm_md_loc(md, para), "item", "a follow-up", said,
			          heading, pm_section_heading(PM_SEC_FOLLOW_UPS,
			                                      md->lang));
	}
	if (timed >= 2 && (kinds > 0 || (custom && 2 * timed >= items)))
		pm_report(md->src, PM_R_TIMELINE_ELSEWHERE, first_time, "list",
		          timed, items, "items", kinds ? ", with kinds" : "",
		          heading, pm_section_heading(PM_SEC_TIMELINE, md->lang));
	if (whys >= 2)
		pm_report(md->src, PM_R_WHYS_ELSEWHERE, first_why, whys, heading,
		          pm_section_heading(PM_SEC_FIVE_WHYS, md->lang));
}

/* The plain text of cell c of a table's row as cmark-gfm read it, or
 * NULL; the caller frees it. (The tree is left as it is: the section's
 * prose reads the table after.) */
static char *
row_cell(cmark_node *row, size_t c)
{
	cmark_node *cell = row ? cmark_node_first_child(row) : NULL;

	while (cell != NULL && c-- > 0)
		cell = cmark_node_next(cell);
	return cell ? pm_prose_plain(cell) : NULL;
}

/* A table outside the timeline and the follow-ups that reads as either:
 * a column of times first, as in "| Time | Event |" (by the rule of
 * stray_list), or the Google SRE template's follow-ups, a column of
 * the item's text and one of its owner or due date. Reported once, at
 * the table. */
static void
stray_table(pm_md *md, cmark_node *node, const char *heading, int custom)
{
	cmark_node *head = cmark_node_first_child(node), *row, *hc;
	pm_loc at = pm_md_loc(md, node);
	size_t n, used, bad, badlen, klen;
	int text = 0, who = 0, rows = 0, timed = 0, kinds = 0;
	enum attr_key k;
	pm_stamp st;
	char *cell, *said = NULL;
	const char *t;

	/* walked cell by cell: row_cell(head, c) for each c would be
	 * quadratic in a table of thousands of columns */
	for (hc = head ? cmark_node_first_child(head) : NULL; hc != NULL;
	     hc = cmark_node_next(hc)) {
		cell = pm_prose_plain(hc);
		k = key_of(cell, NULL, 0);
		text |= k == K_TEXT;
		if ((k == K_OWNER || k == K_DUE) && said == NULL)
			said = pm_xstrdup(cell);
		who |= k == K_OWNER || k == K_DUE;
		free(cell);
	}
	if (text && who) {
		pm_report(md->src, PM_R_FOLLOWUP_ELSEWHERE, at, "table",
		          "follow-ups", said, heading,
		          pm_section_heading(PM_SEC_FOLLOW_UPS, md->lang));
		free(said);
		return;
	}
	free(said);
	for (row = head ? cmark_node_next(head) : NULL; row != NULL;
	     row = cmark_node_next(row), rows++) {
		if ((cell = row_cell(row, 0)) == NULL)
			continue;
		n = pm_text_trim(cell, strlen(cell), &t);
		if (pm_stamp_parse(t, n, PM_STAMP_TIME_ONLY | PM_STAMP_WORDS, &st,
		                   &used, &bad, &badlen) == PM_STAMP_OK)
			timed++;
		free(cell);
		if ((cell = row_cell(row, 1)) != NULL) {
			n = pm_text_trim(cell, strlen(cell), &t);
			kinds += pm_kind_tag(t, n, &klen) != NULL;
			free(cell);
		}
	}
	if (timed >= 2 && (kinds > 0 || (custom && 2 * timed >= rows)))
		pm_report(md->src, PM_R_TIMELINE_ELSEWHERE, at, "table", timed,
		          rows, "rows", kinds ? ", with kinds" : "", heading,
		          pm_section_heading(PM_SEC_TIMELINE, md->lang));
}

/* The words people label a milestone with in a summary, folded. */
static const struct {
	const char *word;
	pm_milestone k;
} ms_words[] = {
    {"started", PM_MS_STARTED},       {"start", PM_MS_STARTED},
    {"start time", PM_MS_STARTED},    {"impact start", PM_MS_STARTED},
    {"start of impact", PM_MS_STARTED}, {"incident start", PM_MS_STARTED},
    {"detected", PM_MS_DETECTED},     {"detected at", PM_MS_DETECTED},
    {"time detected", PM_MS_DETECTED}, {"detection time", PM_MS_DETECTED},
    {"acknowledged", PM_MS_ACKNOWLEDGED},
    {"mitigated", PM_MS_MITIGATED},   {"mitigated at", PM_MS_MITIGATED},
    {"resolved", PM_MS_RESOLVED},     {"resolved at", PM_MS_RESOLVED},
    {"resolution time", PM_MS_RESOLVED},
};

/* A label and a value that name a milestone and give a whole timestamp
 * ("Detected" and "2024-03-14 10:09"): noted for pm_said_milestones. */
static void
said_milestone(pm_md *md, const char *label, size_t ln, const char *value,
               size_t vn, pm_loc loc)
{
	char *f = pm_text_fold(label, ln), *v;
	size_t i, used, bad, badlen;
	int k = -1, offset;
	pm_stamp st;
	pm_time t;
	char msg[160];

	for (i = 0; i < sizeof(ms_words) / sizeof(ms_words[0]); i++)
		if (strcmp(f, ms_words[i].word) == 0)
			k = (int)ms_words[i].k;
	free(f);
	while (vn > 0 && strchr("*_ \t", value[0]) != NULL)
		value++, vn--;
	while (vn > 0 && strchr("*_ \t", value[vn - 1]) != NULL)
		vn--;
	if (k < 0 || md->nsaid == 8 || vn == 0)
		return;
	v = pm_xstrndup(value, vn);
	if (pm_stamp_parse(v, vn, PM_STAMP_WORDS, &st, &used, &bad,
	                   &badlen) == PM_STAMP_OK &&
	    st.has_date && used == vn &&
	    pm_stamp_zone(&st, v, md->lang, msg, sizeof(msg)) == 0) {
		pm_stamp_resolve(&st, md->tz, &t, &offset);
		md->said[md->nsaid] = (pm_ms){1, 0, t, offset, loc};
		md->said_k[md->nsaid++] = k;
	}
	free(v);
}

/* "**Detected:** 2024-03-14 10:09" lines of a paragraph. */
static void
said_in_paragraph(pm_md *md, cmark_node *para)
{
	const char *line, *colon, *p;
	size_t len;
	int l;

	for (l = cmark_node_get_start_line(para);
	     l <= cmark_node_get_end_line(para); l++) {
		if ((line = pm_md_raw_line(md, l, &len)) == NULL ||
		    (colon = memchr(line, ':', len)) == NULL ||
		    colon - line > 40)
			continue;
		for (p = line; p < colon && strchr(" \t*_", *p) != NULL; p++)
			continue;
		said_milestone(md, p, (size_t)(colon - p), colon + 1,
		               len - (size_t)(colon + 1 - line),
		               pm_src_loc(md->src, p, (size_t)(colon - p)));
	}
}

/* "| Detected | 2024-03-14 10:09 |" rows, the header's too (a wiki's
 * table of fields has no header of its own). */
static void
said_in_table(pm_md *md, cmark_node *node)
{
	cmark_node *row;
	char *label, *value;

	for (row = cmark_node_first_child(node); row != NULL;
	     row = cmark_node_next(row)) {
		label = row_cell(row, 0);
		value = row_cell(row, 1);
		if (label != NULL && value != NULL)
			said_milestone(md, label, strlen(label), value,
			               strlen(value), pm_md_loc(md, row));
		free(label);
		free(value);
	}
}

void
pm_said_milestones(pm_md *md)
{
	char iso[PM_TIME_ISO_MAX], read[PM_TIME_ISO_MAX], msg[320];
	const char *name;
	int i, k;

	for (i = 0; i < md->nsaid; i++) {
		k = md->said_k[i];
		name = pm_milestones[k];
		if (md->doc->unread & (1u << k))
			continue;
		pm_time_format(md->said[i].t, md->said[i].offset, iso);
		if (!md->ms[k].set)
			snprintf(msg, sizeof(msg),
			         "'%s' is written here (%s), where pmc does not "
			         "read milestones, and nothing else gives it, so "
			         "no figure uses it; write '%s:' in the front "
			         "matter", name, iso, name);
		else if (md->ms[k].t != md->said[i].t) {
			pm_time_format(md->ms[k].t, md->ms[k].offset, read);
			snprintf(msg, sizeof(msg),
			         "'%s' is written here as %s but read as %s "
			         "from the %s", name, iso, read,
			         md->ms[k].from_timeline ? "timeline"
			                                 : "front matter");
		} else
			continue;
		pm_report(md->src, PM_R_MILESTONE_TEXT, md->said[i].loc, msg);
	}
}

void
pm_stray_structure(pm_md *md, cmark_node *node, pm_section_key key,
                   const char *heading)
{
	int custom = key == PM_SEC_CUSTOM;

	if (heading == NULL)
		heading = "";
	if (cmark_node_get_type(node) == CMARK_NODE_PARAGRAPH) {
		said_in_paragraph(md, node);
		return;
	}
	if (pm_md_is(node, "table"))
		said_in_table(md, node);
	/* a heading near a known one ("## Timelines") is unknown-section's,
	 * at the heading, with the name to write: not said again at its
	 * list (no cascades) */
	if (custom && pm_section_near(heading, strlen(heading), md->lang))
		return;
	if (pm_md_is(node, "table"))
		stray_table(md, node, heading, custom);
	else if (cmark_node_get_type(node) == CMARK_NODE_LIST)
		stray_list(md, node, heading, custom);
}

int
pm_follow_ups_block(pm_md *md, cmark_node *node, xmlNodePtr parent)
{
	xmlNodePtr fu;
	cmark_node *item;

	if (pm_md_is(node, "table"))
		return action_table(md, node, parent);
	if (cmark_node_get_type(node) != CMARK_NODE_LIST)
		return 0;
	fu = pm_ir_add(parent, PM_EL_FOLLOW_UPS, pm_md_loc(md, node));
	for (item = cmark_node_first_child(node); item != NULL;
	     item = cmark_node_next(item))
		action_item(md, item, fu);
	return 1;
}
