/* render_json.c: the JSON report of cli.md ("Outputs"), read from the IR. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "ir.h"
#include "names.h"
#include "utf8.h"

/* A pretty-printing writer: two spaces a level, one member or element a
 * line, the layout of `python3 -m json.tool`, so that diffs of reports
 * stay small. */
struct jw {
	pm_buf *out;
	int depth;
	int first;    /* nothing written yet at this depth */
	int internal; /* internal blocks are part of the audience */
};

typedef void item_fn(struct jw *, const xmlNode *);

/* Length of the character at s if it goes into a JSON string unchanged,
 * else 0. U+2028 and U+2029 are escaped so the output is JavaScript too. */
static size_t
safe_len(const char *s, size_t n)
{
	unsigned char c = (unsigned char)*s;
	int32_t cp;
	size_t len;

	if (c < 0x20 || c == '"' || c == '\\')
		return 0;
	if (c < 0x80)
		return 1;
	if ((len = pm_utf8_decode(s, n, &cp)) == 0)
		return 0;
	return cp == 0x2028 || cp == 0x2029 ? 0 : len;
}

/* Writes the escape of the character at s; returns the bytes it took. A
 * byte that starts no valid UTF-8 sequence becomes U+FFFD, so the output
 * is valid JSON whatever the tree holds. */
static size_t
escape_char(pm_buf *out, const char *s, size_t n)
{
	unsigned char c = (unsigned char)*s;
	int32_t cp;
	size_t len;

	switch (c) {
	case '"':
		pm_buf_puts(out, "\\\"");
		return 1;
	case '\\':
		pm_buf_puts(out, "\\\\");
		return 1;
	case '\b':
		pm_buf_puts(out, "\\b");
		return 1;
	case '\f':
		pm_buf_puts(out, "\\f");
		return 1;
	case '\n':
		pm_buf_puts(out, "\\n");
		return 1;
	case '\r':
		pm_buf_puts(out, "\\r");
		return 1;
	case '\t':
		pm_buf_puts(out, "\\t");
		return 1;
	default:
		break;
	}
	if (c < 0x80) {
		pm_buf_printf(out, "\\u%04x", c);
		return 1;
	}
	if ((len = pm_utf8_decode(s, n, &cp)) == 0) {
		pm_buf_puts(out, "\\ufffd");
		return 1;
	}
	pm_buf_printf(out, "\\u%04x", (unsigned)cp);
	return len;
}

void
pm_buf_json_string(pm_buf *out, const char *s, size_t n)
{
	size_t i = 0, run = 0, len;

	pm_buf_putc(out, '"');
	while (i < n) {
		if ((len = safe_len(s + i, n - i)) > 0) {
			i += len;
			continue;
		}
		pm_buf_put(out, s + run, i - run);
		i += escape_char(out, s + i, n - i);
		run = i;
	}
	pm_buf_put(out, s + run, n - run);
	pm_buf_putc(out, '"');
}

static void
indent(struct jw *w)
{
	int i;

	for (i = 0; i < w->depth; i++)
		pm_buf_puts(w->out, "  ");
}

/* Starts the next member or element at the current depth. */
static void
item(struct jw *w)
{
	pm_buf_puts(w->out, w->first ? "\n" : ",\n");
	indent(w);
	w->first = 0;
}

static void
key(struct jw *w, const char *k)
{
	item(w);
	pm_buf_json_string(w->out, k, strlen(k));
	pm_buf_puts(w->out, ": ");
}

static void
begin(struct jw *w, int c)
{
	pm_buf_putc(w->out, c);
	w->depth++;
	w->first = 1;
}

/* Closes an object or array; an empty one stays on its line: [] or {}. */
static void
end(struct jw *w, int c)
{
	w->depth--;
	if (!w->first) {
		pm_buf_putc(w->out, '\n');
		indent(w);
	}
	pm_buf_putc(w->out, c);
	w->first = 0;
}

static void
str(struct jw *w, const char *s)
{
	if (s == NULL)
		pm_buf_puts(w->out, "null");
	else
		pm_buf_json_string(w->out, s, strlen(s));
}

/* An integer attribute value, normalised; null when absent or not one. */
static void
integer(struct jw *w, const char *s)
{
	long long v;
	char *end;

	if (s == NULL || *s == '\0') {
		pm_buf_puts(w->out, "null");
		return;
	}
	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || end == s)
		pm_buf_puts(w->out, "null");
	else
		pm_buf_printf(w->out, "%lld", v);
}

/* An xs:boolean attribute; absent is false. */
static void
boolean(struct jw *w, const char *s)
{
	int v = s != NULL && (strcmp(s, "true") == 0 || strcmp(s, "1") == 0);

	pm_buf_puts(w->out, v ? "true" : "false");
}

/* The text of node's inlines; a hard break is a newline like a soft one,
 * an image stands for its alt text (as in cmark's plain text). */
static void
collect(const xmlNode *node, pm_buf *b)
{
	const xmlNode *n;
	xmlChar *s;

	for (n = node->children; n != NULL;
	     n = pm_ir_walk(n, node, n->type == XML_ELEMENT_NODE)) {
		if (n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE) {
			if (n->content != NULL)
				pm_buf_puts(b, (const char *)n->content);
		} else if (n->type == XML_ENTITY_REF_NODE) {
			s = xmlNodeGetContent(n);
			pm_buf_puts(b, s ? (const char *)s : "");
			xmlFree(s);
		} else if (pm_ir_is(n, PM_EL_BR)) {
			pm_buf_putc(b, '\n');
		} else if (pm_ir_is(n, PM_EL_IMAGE) && pm_ir_get(n, "alt")) {
			pm_buf_puts(b, pm_ir_get(n, "alt"));
		}
	}
}

static int
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Turns each line break, with the blanks around it, into one space (the
 * blanks matter only for hand-written XML); returns the new length. */
static size_t
soften(char *s, size_t n)
{
	size_t r, w = 0;

	for (r = 0; r < n; r++) {
		if (s[r] != '\n' && s[r] != '\r') {
			s[w++] = s[r];
			continue;
		}
		while (w > 0 && is_blank(s[w - 1]))
			w--;
		while (r + 1 < n && is_blank(s[r + 1]))
			r++;
		s[w++] = ' ';
	}
	return w;
}

static void
plain_text(struct jw *w, const xmlNode *node)
{
	pm_buf b = {0};
	const char *s;
	size_t start = 0, n;

	collect(node, &b);
	s = pm_buf_cstr(&b);
	n = soften(b.data, b.len);
	while (start < n && is_blank(s[start]))
		start++;
	while (n > start && is_blank(s[n - 1]))
		n--;
	pm_buf_json_string(w->out, s + start, n - start);
	pm_buf_free(&b);
}

/* The plain text of node's inline content; null when node is absent. */
static void
plain(struct jw *w, const xmlNode *node)
{
	if (node == NULL)
		pm_buf_puts(w->out, "null");
	else
		plain_text(w, node);
}

static void
child_key(struct jw *w, const char *k, const xmlNode *parent, pm_el el)
{
	key(w, k);
	plain(w, pm_ir_first(parent, el));
}

static void
attr_key(struct jw *w, const char *k, const xmlNode *node, const char *attr)
{
	key(w, k);
	str(w, pm_ir_get(node, attr));
}

/* A list of strings: the items of the root's child element list. */
static void
strings(struct jw *w, const char *k, const xmlNode *root, pm_el list,
        pm_el el)
{
	const xmlNode *n;

	key(w, k);
	begin(w, '[');
	for (n = pm_ir_first(pm_ir_first(root, list), el); n != NULL;
	     n = pm_ir_next(n, el)) {
		item(w);
		plain(w, n);
	}
	end(w, ']');
}

static void
head(struct jw *w, const xmlNode *root)
{
	attr_key(w, "id", root, "id");
	child_key(w, "title", root, PM_EL_TITLE);
	child_key(w, "impact", root, PM_EL_IMPACT);
	attr_key(w, "status", root, "status");
	child_key(w, "severity", root, PM_EL_SEVERITY);
	attr_key(w, "lang", root, "lang");
	child_key(w, "timezone", root, PM_EL_TIMEZONE);
	child_key(w, "owner", root, PM_EL_OWNER);
	attr_key(w, "audience", root, "audience");
	strings(w, "authors", root, PM_EL_AUTHORS, PM_EL_PERSON);
	strings(w, "services", root, PM_EL_SERVICES, PM_EL_SERVICE);
	strings(w, "tags", root, PM_EL_TAGS, PM_EL_TAG);
	strings(w, "related", root, PM_EL_RELATED, PM_EL_REF);
	child_key(w, "detected_by", root, PM_EL_DETECTED_BY);
	child_key(w, "updated", root, PM_EL_UPDATED);
}

static void
times(struct jw *w, const xmlNode *root)
{
	const xmlNode *t = pm_ir_first(root, PM_EL_TIMES);
	size_t i;

	key(w, "times");
	begin(w, '{');
	for (i = 0; i < PM_MS__COUNT; i++)
		attr_key(w, pm_milestones[i],
		         pm_ir_first(t, pm_ir_milestone((pm_milestone)i)),
		         "at");
	end(w, '}');
}

static void
figures(struct jw *w, const xmlNode *root)
{
	const xmlNode *m = pm_ir_first(root, PM_EL_METRICS);
	const xmlNode *fu = pm_ir_first(m, PM_EL_FOLLOW_UPS);
	size_t i;

	key(w, "metrics");
	begin(w, '{');
	for (i = 0; i < PM_DUR__COUNT; i++) {
		key(w, pm_durations[i].json);
		integer(w, pm_ir_get(pm_ir_first(m, pm_durations[i].el),
		                     "seconds"));
	}
	for (i = 0; i < PM_COUNT__COUNT; i++) {
		key(w, pm_count_json[i]);
		integer(w, pm_ir_get(fu, pm_count_attrs[i]));
	}
	key(w, "severity_rank");
	integer(w, pm_ir_get(m, "severity-rank"));
	end(w, '}');
}

/* Calls fn for each element of kind el in each block of kind block of
 * the sections keyed sec, in document order. Blocks are looked for among the
 * section's children and inside its internal blocks, unless the tree is
 * for the public (where a front end may have left internal blocks in). */
static void
each(struct jw *w, const xmlNode *root, pm_section_key sec, pm_el block,
     pm_el el, item_fn *fn)
{
	const xmlNode *s, *n, *e;

	for (s = pm_ir_first(root, PM_EL_SECTION); s != NULL;
	     s = pm_ir_next(s, PM_EL_SECTION)) {
		if (pm_ir_section_key(s) != sec)
			continue;
		for (n = s->children; n != NULL;
		     n = pm_ir_walk(n, s,
		                    w->internal && pm_ir_is(n, PM_EL_INTERNAL)))
			if (pm_ir_is(n, block))
				for (e = pm_ir_first(n, el); e != NULL;
				     e = pm_ir_next(e, el))
					fn(w, e);
	}
}

/* A list whose elements are objects made by fn from the section's items. */
static void
objects(struct jw *w, const char *k, const xmlNode *root,
        pm_section_key sec, pm_el block, pm_el el, item_fn *fn)
{
	key(w, k);
	begin(w, '[');
	each(w, root, sec, block, el, fn);
	end(w, ']');
}

static void
event(struct jw *w, const xmlNode *e)
{
	item(w);
	begin(w, '{');
	attr_key(w, "at", e, "at");
	attr_key(w, "kind", e, "kind");
	child_key(w, "text", e, PM_EL_TEXT);
	key(w, "line");
	integer(w, pm_ir_get(e, "line"));
	end(w, '}');
}

static void
why(struct jw *w, const xmlNode *e)
{
	item(w);
	begin(w, '{');
	child_key(w, "question", e, PM_EL_QUESTION);
	child_key(w, "answer", e, PM_EL_ANSWER);
	/* the "###" heading of its chain, when the section has several */
	attr_key(w, "chain", e->parent, "heading");
	end(w, '}');
}

/* Columns and keys kept as written: [{"label", "text", "key"}]. */
static void
details(struct jw *w, const xmlNode *e)
{
	const xmlNode *d;

	key(w, "details");
	begin(w, '[');
	for (d = pm_ir_first(e, PM_EL_DETAIL); d;
	     d = pm_ir_next(d, PM_EL_DETAIL)) {
		item(w);
		begin(w, '{');
		attr_key(w, "label", d, "label");
		key(w, "text");
		plain(w, d);
		attr_key(w, "key", d, "key");
		end(w, '}');
	}
	end(w, ']');
}

static void
action(struct jw *w, const xmlNode *e)
{
	item(w);
	begin(w, '{');
	child_key(w, "text", e, PM_EL_TEXT);
	key(w, "done");
	boolean(w, pm_ir_get(e, "done"));
	attr_key(w, "owner", e, "owner");
	attr_key(w, "due", e, "due");
	attr_key(w, "type", e, "type");
	attr_key(w, "priority", e, "priority");
	attr_key(w, "ticket", e, "ticket");
	key(w, "overdue");
	boolean(w, pm_ir_get(e, "overdue"));
	details(w, e);
	end(w, '}');
}

static void
sections(struct jw *w, const xmlNode *root)
{
	const xmlNode *s;

	key(w, "sections");
	begin(w, '[');
	for (s = pm_ir_first(root, PM_EL_SECTION); s != NULL;
	     s = pm_ir_next(s, PM_EL_SECTION)) {
		item(w);
		begin(w, '{');
		attr_key(w, "key", s, "key");
		attr_key(w, "heading", s, "heading");
		end(w, '}');
	}
	end(w, ']');
}

int
pm_render_json(const pm_doc *doc, const pm_render_opts *opts, pm_buf *out)
{
	struct jw w = {out, 0, 1, 1};
	const xmlNode *root;
	const char *aud;

	(void)opts;
	if (doc == NULL || doc->ir == NULL || doc->src.errors > 0)
		return -1;
	root = xmlDocGetRootElement(doc->ir);
	if (!pm_ir_is(root, PM_EL_POSTMORTEM))
		return -1;
	aud = pm_ir_get(root, "audience");
	w.internal = aud == NULL || strcmp(aud, "public") != 0;
	begin(&w, '{');
	head(&w, root);
	times(&w, root);
	figures(&w, root);
	objects(&w, "timeline", root, PM_SEC_TIMELINE, PM_EL_TIMELINE,
	        PM_EL_EVENT, event);
	objects(&w, "whys", root, PM_SEC_FIVE_WHYS, PM_EL_WHYS, PM_EL_WHY, why);
	objects(&w, "follow_ups", root, PM_SEC_FOLLOW_UPS, PM_EL_FOLLOW_UPS,
	        PM_EL_ACTION, action);
	sections(&w, root);
	end(&w, '}');
	pm_buf_putc(out, '\n');
	return 0;
}
