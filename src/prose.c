/* prose.c: GitHub Markdown blocks and inlines (as libcmark-gfm parses
 * them) mapped to the IR, with raw HTML and unsafe links
 * dropped (format.md section 3). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark-gfm-core-extensions.h>

#include "alloc.h"
#include "comment.h"
#include "ir.h"
#include "md.h"
#include "text.h"
#include "utf8.h"

/* Lists and block quotes nested deeper than this, and emphasis, links
 * and images nested deeper than PM_INLINE_DEPTH, are kept as plain text:
 * the IR stays shallow enough for every recursive walk over it (back
 * ends, XSLT) and for libxml2 to read it back (256 levels at most), and
 * reading 10,000 nested '>' takes no deep recursion here. No real
 * postmortem comes near either. */
#define PM_BLOCK_DEPTH 32
#define PM_INLINE_DEPTH 32

/* The text of the subtree at node (without node's own literal), walked
 * with cmark's iterator rather than recursion. between: the separator
 * written after each paragraph, heading or code block, or 0. */
static void
flat_text(cmark_node *node, pm_buf *b, int between)
{
	cmark_iter *it = cmark_iter_new(node);
	cmark_event_type ev;
	cmark_node *cur;
	const char *lit;
	int hidden = 0; /* inside an inline internal span */

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if ((cur = cmark_iter_get_node(it)) == node)
			continue;
		switch (cmark_node_get_type(cur)) {
		case CMARK_NODE_HTML_INLINE:
			/* a plain text (a heading's attribute) has no place
			 * for an internal span: it is left out */
			lit = cmark_node_get_literal(cur);
			switch (pm_comment_marker(lit, strlen(lit))) {
			case PM_COMMENT_OPEN:
				hidden = 1;
				break;
			case PM_COMMENT_CLOSE:
				hidden = 0;
				break;
			default:
				break;
			}
			break;
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			lit = cmark_node_get_literal(cur);
			if (!hidden)
				pm_buf_puts(b, lit ? lit : "");
			break;
		case CMARK_NODE_CODE_BLOCK:
			if (!between)
				break;
			lit = cmark_node_get_literal(cur);
			pm_buf_puts(b, lit ? lit : "");
			pm_buf_putc(b, between);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			pm_buf_putc(b, ' ');
			break;
		case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_HEADING:
			if (between && ev == CMARK_EVENT_EXIT)
				pm_buf_putc(b, between);
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

/* Keeps node, nested too deep, as its text: a paragraph when block, else
 * text in parent. */
static void
flatten(pm_md *md, cmark_node *node, xmlNodePtr parent, int block)
{
	pm_buf b = {0};
	size_t n;

	pm_report(md->src, PM_R_NESTING_DEPTH, pm_md_loc(md, node),
	          block ? "lists and block quotes" : "emphasis and links",
	          block ? PM_BLOCK_DEPTH : PM_INLINE_DEPTH);
	flat_text(node, &b, block ? ' ' : 0);
	n = b.len;
	while (block && n > 0 && b.data[n - 1] == ' ')
		n--;
	if (block)
		pm_ir_add_text(parent, PM_EL_P, b.data ? b.data : "", n,
		               pm_md_loc(md, node));
	else
		pm_ir_text(parent, b.data ? b.data : "", n);
	pm_buf_free(&b);
}

/* libcmark-gfm starts a task item's paragraph after its "[ ] ": the
 * item's text is placed at the box, where the writer wrote the item, as
 * pmc placed it before GitHub's reading. col: the paragraph's, in
 * bytes. */
static int
task_col(const pm_md *md, cmark_node *node, int line, int col)
{
	cmark_node *up = cmark_node_parent(node);
	size_t len, at = col > 1 ? (size_t)col - 1 : 0;
	const char *s = pm_md_raw_line(md, line, &len);

	if (up == NULL || cmark_node_first_child(up) != node ||
	    !pm_md_is(up, "tasklist") || s == NULL || at > len)
		return col;
	while (at > 0 && (s[at - 1] == ' ' || s[at - 1] == '\t'))
		at--;
	if (at >= 3 && s[at - 1] == ']' && s[at - 3] == '[')
		return (int)at - 2;
	return col;
}

pm_loc
pm_md_loc(const pm_md *md, cmark_node *node)
{
	int line, col, end_line, end_col;
	size_t span = 1;

	if (md->fixed.line)
		return md->fixed;
	line = cmark_node_get_start_line(node);
	col = cmark_node_get_start_column(node);
	end_line = cmark_node_get_end_line(node);
	end_col = cmark_node_get_end_column(node);
	if (line <= 0 && cmark_node_next(node) != NULL &&
	    pm_md_is(cmark_node_next(node), "table"))
		/* a paragraph a table interrupted is left without a place;
		 * the table was given the paragraph's start */
		return pm_md_loc(md, cmark_node_next(node));
	if (line <= 0) {
		/* cmark leaves some inlines (soft breaks) without a place:
		 * use the parent's. */
		cmark_node *up = cmark_node_parent(node);
		return up ? pm_md_loc(md, up) : (pm_loc){0, 0, 1};
	}
	col = task_col(md, node, line, col);
	if (end_line == line && end_col >= col)
		span = (size_t)(end_col - col + 1);
	return pm_src_loc_bytes(md->src, line, col, span);
}

int
pm_md_is(cmark_node *node, const char *type)
{
	return strcmp(cmark_node_get_type_string(node), type) == 0;
}

const char *
pm_md_raw_line(const pm_md *md, int line, size_t *len)
{
	return pm_src_line(md->src, line, len);
}

/* Links and images keep only http, https, mailto and relative URLs,
 * exactly as the IR's url type (schemas/postmortem.xsd) has them: a ':'
 * before the first '/', '?' or '#' must end one of those schemes
 * (":8080/health", a tab inside "ht\ttps:" are neither), and no line
 * break, which its pattern's '.' does not take. On refusal, the start
 * of the target, cut at a character, is copied to shown. */
static int
url_safe(const char *url, char *shown, size_t cap)
{
	size_t i = strcspn(url, ":/?#"), n;

	if (strpbrk(url, "\r\n") == NULL &&
	    (url[i] != ':' ||
	     (i == 4 && strncasecmp(url, "http", 4) == 0) ||
	     (i == 5 && strncasecmp(url, "https", 5) == 0) ||
	     (i == 6 && strncasecmp(url, "mailto", 6) == 0)))
		return 1;
	n = strlen(url);
	if (n >= cap) {
		n = cap - 4;
		while (n > 0 && ((unsigned char)url[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(shown, url, n);
	strcpy(shown + n, n < strlen(url) ? "..." : "");
	for (i = 0; i < n; i++) /* quoted in a finding: one line, inert */
		if ((unsigned char)shown[i] < 0x20 || shown[i] == 0x7f)
			shown[i] = '?';
	return 0;
}

static int
is_comment(const char *html)
{
	while (*html == ' ' || *html == '\t')
		html++;
	return strncmp(html, "<!--", 4) == 0;
}

static void
link(pm_md *md, cmark_node *node, xmlNodePtr parent, int image)
{
	const char *url = cmark_node_get_url(node);
	const char *title = cmark_node_get_title(node);
	char scheme[64];
	xmlNodePtr el;
	char *alt;

	if (url == NULL)
		url = "";
	if (!url_safe(url, scheme, sizeof(scheme))) {
		pm_report(md->src, PM_R_UNSAFE_LINK, pm_md_loc(md, node),
		          scheme);
		if (!image)
			pm_prose_inlines(md, cmark_node_first_child(node),
			                 parent);
		return;
	}
	el = pm_ir_add(parent, image ? PM_EL_IMAGE : PM_EL_LINK,
	               (pm_loc){0, 0, 1});
	pm_ir_set(el, image ? "src" : "href", url);
	if (title != NULL && *title != '\0')
		pm_ir_set(el, "title", title);
	if (!image) {
		pm_prose_inlines(md, cmark_node_first_child(node), el);
		return;
	}
	alt = pm_prose_plain(node);
	pm_ir_set(el, "alt", alt);
	free(alt);
}

/* Is el inside an internal block of the IR? */
static int
in_internal(xmlNodePtr el)
{
	for (; el != NULL && el->type == XML_ELEMENT_NODE; el = el->parent)
		if (pm_ir_is(el, PM_EL_INTERNAL))
			return 1;
	return 0;
}

/* A GitHub footnote citation: libcmark-gfm numbers them in the order
 * first cited, as GitHub shows them; where it is cited decides whether
 * the note belongs to the public version (md.c). */
static void
footnote_ref(pm_md *md, cmark_node *node, xmlNodePtr parent)
{
	const char *n = cmark_node_get_literal(node);
	long k = n ? strtol(n, NULL, 10) : 0;
	xmlNodePtr el;

	if (k <= 0 || k > 100000)
		return;
	el = pm_ir_add(parent, PM_EL_FNREF, (pm_loc){0, 0, 1});
	pm_ir_set(el, "n", n);
	if ((size_t)k >= md->fn_cap) {
		size_t cap = (size_t)k * 2;
		md->fn_refs = pm_xrealloc(md->fn_refs, cap);
		memset(md->fn_refs + md->fn_cap, 0, cap - md->fn_cap);
		md->fn_cap = cap;
	}
	md->fn_refs[k] |= in_internal(parent) ? PM_FN_INTERNAL : PM_FN_PUBLIC;
}

/* "[^label]" in text is a citation with no definition: GitHub shows it
 * as it is written. */
static void
undefined_refs(pm_md *md, cmark_node *node, const char *lit)
{
	const char *p = lit, *end;
	pm_loc loc;

	while ((p = strstr(p, "[^")) != NULL) {
		end = p + 2 + strcspn(p + 2, "] \t\n[");
		if (*end != ']' || end == p + 2) {
			p += 2;
			continue;
		}
		loc = pm_md_loc(md, node);
		if (!md->fixed.line && loc.line > 0) {
			loc.col += (int)pm_utf8_count(lit, (size_t)(p - lit));
			loc.span = (int)pm_utf8_count(p, (size_t)(end + 1 - p));
		}
		/* a cell is read apart from the document's notes */
		pm_report(md->src,
		          md->fixed.line ? PM_R_FOOTNOTE_IN_CELL
		                         : PM_R_FOOTNOTE_UNDEFINED,
		          loc, (int)(end - p - 2), p + 2);
		p = end + 1;
	}
}

static void
inline_node(pm_md *md, cmark_node *node, xmlNodePtr parent)
{
	const char *lit = cmark_node_get_literal(node);
	static const pm_loc none = {0, 0, 1};

	if (md->inlines > PM_INLINE_DEPTH &&
	    cmark_node_first_child(node) != NULL) {
		flatten(md, node, parent, 0);
		return;
	}
	switch (cmark_node_get_type(node)) {
	case CMARK_NODE_TEXT:
		if (strchr(lit, '[') != NULL)
			undefined_refs(md, node, lit);
		pm_ir_text(parent, lit, strlen(lit));
		break;
	case CMARK_NODE_FOOTNOTE_REFERENCE:
		footnote_ref(md, node, parent);
		break;
	case CMARK_NODE_SOFTBREAK:
		pm_ir_text(parent, "\n", 1);
		break;
	case CMARK_NODE_LINEBREAK:
		pm_ir_add(parent, PM_EL_BR, none);
		break;
	case CMARK_NODE_CODE:
		pm_ir_add_text(parent, PM_EL_CODE, lit, strlen(lit), none);
		break;
	case CMARK_NODE_HTML_INLINE:
		if (!is_comment(lit))
			pm_report(md->src, PM_R_RAW_HTML, pm_md_loc(md, node));
		break;
	case CMARK_NODE_EMPH:
	case CMARK_NODE_STRONG:
		pm_prose_inlines(md, cmark_node_first_child(node),
		                 pm_ir_add(parent,
		                           cmark_node_get_type(node) ==
		                                   CMARK_NODE_EMPH
		                               ? PM_EL_EM
		                               : PM_EL_STRONG,
		                           none));
		break;
	case CMARK_NODE_LINK:
		link(md, node, parent, 0);
		break;
	case CMARK_NODE_IMAGE:
		link(md, node, parent, 1);
		break;
	default:
		/* GitHub's strikethrough; custom inlines are never produced
		 * by the parser. */
		if (pm_md_is(node, "strikethrough"))
			pm_prose_inlines(md, cmark_node_first_child(node),
			                 pm_ir_add(parent, PM_EL_DEL, none));
		break;
	}
}

/* An inline audience marker: opens or closes the internal span of a
 * run of inlines; returns 0 when node is none. */
static int
inline_marker(pm_md *md, cmark_node *node, xmlNodePtr parent,
              xmlNodePtr *target, pm_loc *opened)
{
	const char *lit;

	if (cmark_node_get_type(node) != CMARK_NODE_HTML_INLINE)
		return 0;
	lit = cmark_node_get_literal(node);
	switch (pm_comment_marker(lit, strlen(lit))) {
	case PM_COMMENT_OPEN:
		if (*target != parent)
			pm_report(md->src, PM_R_INTERNAL_UNBALANCED,
			          pm_md_loc(md, node),
			          "'<!-- internal -->' inside an internal span");
		else
			*target = pm_ir_add(parent, PM_EL_INTERNAL_SPAN,
			                    (pm_loc){0, 0, 1});
		*opened = pm_md_loc(md, node);
		return 1;
	case PM_COMMENT_CLOSE:
		if (*target == parent)
			pm_report(md->src, PM_R_INTERNAL_UNBALANCED,
			          pm_md_loc(md, node),
			          "'<!-- /internal -->' without an opening "
			          "'<!-- internal -->'");
		*target = parent;
		return 1;
	case PM_COMMENT_NEAR:
		pm_report(md->src, PM_R_INTERNAL_MARKER, pm_md_loc(md, node),
		          lit);
		return 1;
	default:
		return 0;
	}
}

void
pm_prose_inlines(pm_md *md, cmark_node *node, xmlNodePtr parent)
{
	xmlNodePtr target = parent;
	pm_loc opened = {0, 0, 1};

	md->inlines++;
	for (; node != NULL; node = cmark_node_next(node))
		if (!inline_marker(md, node, parent, &target, &opened))
			inline_node(md, node, target);
	/* fail closed: the span stays internal to the end */
	if (target != parent)
		pm_report(md->src, PM_R_INTERNAL_UNBALANCED, opened,
		          "'<!-- internal -->' is never closed with "
		          "'<!-- /internal -->' in the same paragraph");
	md->inlines--;
}

/* Is link one the autolink extension made (its one text child is its
 * URL, or the URL without the scheme the extension added) or a
 * "<https://...>" autolink? */
static int
is_autolink(cmark_node *link)
{
	cmark_node *t = cmark_node_first_child(link);
	const char *url = cmark_node_get_url(link), *lit;

	if (cmark_node_get_type(link) != CMARK_NODE_LINK || t == NULL ||
	    cmark_node_next(t) != NULL ||
	    cmark_node_get_type(t) != CMARK_NODE_TEXT || url == NULL)
		return 0;
	lit = cmark_node_get_literal(t);
	if (strncmp(url, "http://", 7) == 0 || strncmp(url, "mailto:", 7) == 0)
		if (strcmp(url + 7, lit) == 0)
			return 1;
	return strcmp(url, lit) == 0;
}

/* The text node before last holding the '(' of a trailing "( ... )",
 * with only text and autolinks between; NULL when there is none. */
static cmark_node *
attrs_open(cmark_node *last)
{
	cmark_node *n;

	for (n = cmark_node_previous(last); n != NULL; n = cmark_node_previous(n)) {
		if (cmark_node_get_type(n) == CMARK_NODE_TEXT) {
			if (strchr(cmark_node_get_literal(n), '(') != NULL)
				return n;
		} else if (!is_autolink(n)) {
			return NULL;
		}
	}
	return NULL;
}

void
pm_prose_attr_text(cmark_node *para)
{
	cmark_node *last = cmark_node_last_child(para), *n, *next;
	const char *lit;
	size_t len;

	if (last == NULL || cmark_node_get_type(last) != CMARK_NODE_TEXT)
		return;
	lit = cmark_node_get_literal(last);
	len = strlen(lit);
	while (len > 0 && (lit[len - 1] == ' ' || lit[len - 1] == '\t'))
		len--;
	if (len == 0 || lit[len - 1] != ')' || strchr(lit, '(') != NULL ||
	    (n = attrs_open(last)) == NULL)
		return;
	for (; n != last; n = next) {
		next = cmark_node_next(n);
		if (cmark_node_get_type(n) != CMARK_NODE_LINK)
			continue;
		cmark_node_insert_before(n, cmark_node_first_child(n));
		cmark_node_free(n);
	}
	cmark_consolidate_text_nodes(para);
}

char *
pm_prose_plain(cmark_node *node)
{
	pm_buf b = {0};

	flat_text(node, &b, 0);
	pm_buf_cstr(&b);
	return b.data;
}

/* The task state of item (1 open, 2 done, 0 none) and, for a marker
 * written as text, its text node and the marker's length. */
static int
task_state(cmark_node *item, cmark_node **text, size_t *used)
{
	cmark_node *para = cmark_node_first_child(item);

	*text = NULL;
	/* GitHub's reading, by libcmark-gfm's tasklist extension */
	if (pm_md_is(item, "tasklist"))
		return cmark_gfm_extensions_get_tasklist_item_checked(item) ? 2
		                                                            : 1;
	/* "- [x]" with nothing after it, which GitHub shows as text */
	if (para == NULL || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH)
		return 0;
	*text = cmark_node_first_child(para);
	if (*text == NULL || cmark_node_get_type(*text) != CMARK_NODE_TEXT)
		return 0;
	return pm_task_marker(cmark_node_get_literal(*text), used);
}

int
pm_prose_is_task(cmark_node *item)
{
	cmark_node *text;
	size_t used;

	return task_state(item, &text, &used);
}

int
pm_prose_task(cmark_node *item)
{
	cmark_node *text;
	size_t used;
	int state = task_state(item, &text, &used);

	if (state != 0 && text != NULL)
		cmark_node_set_literal(text,
		                       cmark_node_get_literal(text) + used);
	return state;
}

static void
list(pm_md *md, cmark_node *node, xmlNodePtr parent)
{
	xmlNodePtr el = pm_ir_add(parent, PM_EL_LIST, pm_md_loc(md, node));
	cmark_node *item;
	xmlNodePtr li;
	int task;

	if (cmark_node_get_list_type(node) == CMARK_ORDERED_LIST) {
		pm_ir_set(el, "type", "ordered");
		pm_ir_set_int(el, "start", cmark_node_get_list_start(node));
	} else {
		pm_ir_set(el, "type", "bullet");
	}
	pm_ir_set(el, "tight", cmark_node_get_list_tight(node) ? "true"
	                                                        : "false");
	for (item = cmark_node_first_child(node); item != NULL;
	     item = cmark_node_next(item)) {
		li = pm_ir_add(el, PM_EL_ITEM, pm_md_loc(md, item));
		if ((task = pm_prose_task(item)) != 0)
			pm_ir_set(li, "task", task == 2 ? "done" : "open");
		pm_prose_blocks(md, cmark_node_first_child(item), li);
	}
}

static void
code_block(pm_md *md, cmark_node *node, xmlNodePtr parent)
{
	const char *info = cmark_node_get_fence_info(node);
	const char *lit = cmark_node_get_literal(node);
	xmlNodePtr el;
	size_t n;

	el = pm_ir_add_text(parent, PM_EL_CODE_BLOCK, lit, strlen(lit),
	                    pm_md_loc(md, node));
	if (info != NULL && (n = strcspn(info, " \t")) > 0) {
		char *lang = pm_xstrndup(info, n);
		pm_ir_set(el, "lang", lang);
		free(lang);
	}
}

void
pm_prose_block(pm_md *md, cmark_node *node, xmlNodePtr parent)
{
	pm_loc loc = pm_md_loc(md, node);
	pm_table t;
	xmlNodePtr el;
	int level;

	if (pm_table_read(md, node, &t)) {
		pm_table_emit(md, &t, parent);
		pm_table_free(&t);
		return;
	}
	switch (cmark_node_get_type(node)) {
	case CMARK_NODE_PARAGRAPH:
		pm_prose_inlines(md, cmark_node_first_child(node),
		                 pm_ir_add(parent, PM_EL_P, loc));
		break;
	case CMARK_NODE_HEADING:
		level = cmark_node_get_heading_level(node);
		el = pm_ir_add(parent, PM_EL_HEADING, loc);
		pm_ir_set_int(el, "level", level < 3 ? 3 : level);
		pm_prose_inlines(md, cmark_node_first_child(node), el);
		break;
	case CMARK_NODE_LIST:
		if (md->blocks > PM_BLOCK_DEPTH)
			flatten(md, node, parent, 1);
		else
			list(md, node, parent);
		break;
	case CMARK_NODE_BLOCK_QUOTE:
		if (md->blocks > PM_BLOCK_DEPTH)
			flatten(md, node, parent, 1);
		else
			pm_prose_blocks(md, cmark_node_first_child(node),
		                pm_ir_add(parent, PM_EL_QUOTE, loc));
		break;
	case CMARK_NODE_CODE_BLOCK:
		code_block(md, node, parent);
		break;
	case CMARK_NODE_HTML_BLOCK:
		if (!is_comment(cmark_node_get_literal(node)))
			pm_report(md->src, PM_R_RAW_HTML, loc);
		break;
	case CMARK_NODE_THEMATIC_BREAK:
		pm_ir_add(parent, PM_EL_RULE, loc);
		break;
	default:
		/* Items are handled by their list, custom blocks are never
		 * produced by the parser. */
		break;
	}
}

/* What an HTML block is as an audience marker (comment.c); a comment
 * never closed is also a warning at its line, whatever it says: it
 * swallows the rest of its container, silently. */
static pm_comment_kind
marker(pm_md *md, cmark_node *node)
{
	const char *lit;
	size_t n, end;
	int closed;

	if (cmark_node_get_type(node) != CMARK_NODE_HTML_BLOCK)
		return PM_COMMENT_NONE;
	lit = cmark_node_get_literal(node);
	n = strlen(lit);
	if (pm_comment_classify(lit, n, &end, &closed) != PM_COMMENT_NONE &&
	    !closed) {
		/* one finding: all it holds is left out, marker or not */
		pm_report(md->src, PM_R_UNCLOSED_COMMENT, pm_md_loc(md, node));
		return PM_COMMENT_REMARK;
	}
	return pm_comment_marker(lit, n);
}

/* The first line of a block's literal, for a message. */
static char *
first_line(cmark_node *node)
{
	const char *lit = cmark_node_get_literal(node), *s;
	size_t n = pm_text_trim(lit, strcspn(lit, "\r\n"), &s);

	return pm_xstrndup(s, n);
}

int
pm_prose_marker(pm_md *md, cmark_node *node, pm_internal *st,
                xmlNodePtr *target)
{
	pm_loc loc;
	char *line;

	switch (marker(md, node)) {
	case PM_COMMENT_NEAR:
		line = first_line(node);
		pm_report(md->src, PM_R_INTERNAL_MARKER, pm_md_loc(md, node),
		          line);
		free(line);
		return 1;
	case PM_COMMENT_OPEN:
		loc = pm_md_loc(md, node);
		if (st->outer != NULL) {
			pm_report(md->src, PM_R_INTERNAL_UNBALANCED, loc,
			          "'<!-- internal -->' inside an internal block");
			return 1;
		}
		st->outer = *target;
		st->opened = loc;
		*target = pm_ir_add(*target, PM_EL_INTERNAL, loc);
		return 1;
	case PM_COMMENT_CLOSE:
		if (st->outer == NULL) {
			pm_report(md->src, PM_R_INTERNAL_UNBALANCED,
			          pm_md_loc(md, node),
			          "'<!-- /internal -->' without an opening "
			          "'<!-- internal -->'");
			return 1;
		}
		*target = st->outer;
		st->outer = NULL;
		return 1;
	default:
		return 0;
	}
}

void
pm_prose_marker_end(pm_md *md, pm_internal *st, xmlNodePtr *target)
{
	if (st->outer == NULL)
		return;
	pm_report(md->src, PM_R_INTERNAL_UNBALANCED, st->opened,
	          "'<!-- internal -->' is never closed with "
	          "'<!-- /internal -->' in the same section or block");
	*target = st->outer;
	st->outer = NULL;
}

void
pm_prose_blocks(pm_md *md, cmark_node *node, xmlNodePtr parent)
{
	pm_internal st = {NULL, {0, 0, 1}};
	xmlNodePtr target = parent;

	md->blocks++;
	for (; node != NULL; node = cmark_node_next(node))
		if (!pm_prose_marker(md, node, &st, &target))
			pm_prose_block(md, node, target);
	pm_prose_marker_end(md, &st, &target);
	md->blocks--;
}
