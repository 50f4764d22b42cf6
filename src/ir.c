/* ir.c: small helpers over libxml2 for the intermediate form. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parserInternals.h> /* xmlStringText */

#include "alloc.h"
#include "ir.h"

static const char *const el_names[PM_EL__COUNT] = {
    NULL,
#define EL(id, name, class) name,
#include "elements.def"
#undef EL
};

#define INLINE PM_ELC_INLINE
#define TEXT PM_ELC_TEXT
static const unsigned el_classes[PM_EL__COUNT] = {
    0,
#define EL(id, name, class) class,
#include "elements.def"
#undef EL
};
#undef INLINE
#undef TEXT

static int
by_name(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

void
pm_ir_unhandled(const xmlNode *node, const char *who)
{
	fprintf(stderr, "pmc: internal error: %s has no case for <%s>\n", who,
	        node && node->name ? (const char *)node->name : "?");
	abort();
}

pm_el
pm_ir_el(const char *name)
{
	const char *const *found = bsearch(name, el_names + 1, PM_EL__COUNT - 1,
	                                   sizeof(el_names[0]), by_name);

	return found ? (pm_el)(found - el_names) : PM_EL_NONE;
}

pm_el
pm_ir_kind(const xmlNode *node)
{
	return pm_ir_is(node, PM_EL_ANY) ? pm_ir_el((const char *)node->name)
	                                 : PM_EL_NONE;
}

const char *
pm_ir_name(pm_el el)
{
	return el > PM_EL_NONE && el < PM_EL__COUNT ? el_names[el] : "";
}

pm_el
pm_ir_milestone(pm_milestone k)
{
	static const pm_el els[PM_MS__COUNT] = {
	    PM_EL_STARTED, PM_EL_DETECTED, PM_EL_ACKNOWLEDGED, PM_EL_MITIGATED,
	    PM_EL_RESOLVED};

	return els[k];
}

const pm_duration_def pm_durations[PM_DUR__COUNT] = {
    {PM_EL_TIME_TO_DETECT, PM_MS_DETECTED, "time_to_detect_s"},
    {PM_EL_TIME_TO_ACKNOWLEDGE, PM_MS_ACKNOWLEDGED, "time_to_acknowledge_s"},
    {PM_EL_TIME_TO_MITIGATE, PM_MS_MITIGATED, "time_to_mitigate_s"},
    {PM_EL_TIME_TO_RESOLVE, PM_MS_RESOLVED, "time_to_resolve_s"},
};

const char *const pm_count_attrs[PM_COUNT__COUNT] = {"open", "done",
                                                      "overdue"};
const char *const pm_count_json[PM_COUNT__COUNT] = {
    "follow_ups_open", "follow_ups_done", "follow_ups_overdue"};

int
pm_ir_in_class(const xmlNode *node, unsigned class)
{
	return (el_classes[pm_ir_kind(node)] & class) != 0;
}

xmlDocPtr
pm_ir_new(void)
{
	xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
	xmlNodePtr root;

	/* Element and attribute names from a dictionary, as in a parsed
	 * document, rather than a copy of the name for every element and
	 * every line and col attribute. */
	if ((doc->dict = xmlDictCreate()) == NULL)
		abort();
	root = xmlNewDocNode(doc, NULL, BAD_CAST pm_ir_name(PM_EL_POSTMORTEM),
	                     NULL);

	xmlSetNs(root, xmlNewNs(root, BAD_CAST PM_NS, NULL));
	xmlDocSetRootElement(doc, root);
	return doc;
}

/* Writes value in decimal into buf[32]; snprintf was a twentieth of the
 * time of a whole check, called twice for every element made. */
static const char *
decimal(char buf[32], long long value)
{
	unsigned long long v = value < 0 ? 0ULL - (unsigned long long)value
	                                 : (unsigned long long)value;
	char *p = buf + 31;

	*p = '\0';
	do
		*--p = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	if (value < 0)
		*--p = '-';
	return p;
}

/* A new element has no attributes yet: xmlNewProp adds one without the
 * search for an existing one that xmlSetProp makes. */
static void
set_loc(xmlNodePtr node, pm_loc loc)
{
	char buf[32];

	if (loc.line <= 0)
		return;
	xmlNewProp(node, BAD_CAST "line", BAD_CAST decimal(buf, loc.line));
	xmlNewProp(node, BAD_CAST "col",
	           BAD_CAST decimal(buf, loc.col > 0 ? loc.col : 1));
}

xmlNodePtr
pm_ir_add(xmlNodePtr parent, pm_el el, pm_loc loc)
{
	xmlNodePtr node =
	    xmlNewChild(parent, parent->ns, BAD_CAST pm_ir_name(el), NULL);

	set_loc(node, loc);
	return node;
}

xmlNodePtr
pm_ir_add_text(xmlNodePtr parent, pm_el el, const char *s, size_t n,
               pm_loc loc)
{
	xmlNodePtr node = pm_ir_add(parent, el, loc);

	pm_ir_text(node, s, n);
	return node;
}

void
pm_ir_text(xmlNodePtr parent, const char *s, size_t n)
{
	xmlNodePtr last = parent->last;

	if (n == 0)
		return;
	/* Text after text is merged, as xmlAddChild would do with a new
	 * node, without making and freeing that node: cmark splits the text
	 * of a paragraph at every character that could have been markup. */
	if (last != NULL && last->type == XML_TEXT_NODE &&
	    last->name == xmlStringText && parent->type != XML_TEXT_NODE) {
		xmlNodeAddContentLen(last, BAD_CAST s, (int)strnlen(s, n));
		return;
	}
	xmlAddChild(parent, xmlNewTextLen(BAD_CAST s, (int)n));
}

void
pm_ir_set(xmlNodePtr node, const char *attr, const char *value)
{
	xmlSetProp(node, BAD_CAST attr, BAD_CAST value);
}

void
pm_ir_set_int(xmlNodePtr node, const char *attr, long long value)
{
	char buf[32];

	pm_ir_set(node, attr, decimal(buf, value));
}

const char *
pm_ir_get(const xmlNode *node, const char *attr)
{
	xmlAttrPtr a;

	if (node == NULL || node->type != XML_ELEMENT_NODE)
		return NULL;
	for (a = node->properties; a != NULL; a = a->next) {
		if (a->ns == NULL && strcmp((const char *)a->name, attr) == 0)
			return a->children && a->children->content
			           ? (const char *)a->children->content
			           : "";
	}
	return NULL;
}

int
pm_ir_is(const xmlNode *node, pm_el el)
{
	/* the name first: it is what differs when a walk looks for one
	 * kind of element, and it is shorter than the namespace */
	return node != NULL && node->type == XML_ELEMENT_NODE &&
	       node->ns != NULL &&
	       (el == PM_EL_ANY ||
	        strcmp((const char *)node->name, pm_ir_name(el)) == 0) &&
	       strcmp((const char *)node->ns->href, PM_NS) == 0;
}

static xmlNodePtr
find_from(xmlNodePtr node, pm_el el)
{
	for (; node != NULL; node = node->next)
		if (pm_ir_is(node, el))
			return node;
	return NULL;
}

xmlNodePtr
pm_ir_first(const xmlNode *parent, pm_el el)
{
	return parent ? find_from(parent->children, el) : NULL;
}

xmlNodePtr
pm_ir_next(const xmlNode *node, pm_el el)
{
	return node ? find_from(node->next, el) : NULL;
}

char *
pm_ir_content(const xmlNode *node)
{
	xmlChar *s = xmlNodeGetContent(node);
	char *copy = pm_xstrdup(s ? (const char *)s : "");

	xmlFree(s);
	return copy;
}

pm_section_key
pm_ir_section_key(const xmlNode *section)
{
	const char *key = pm_ir_get(section, "key");
	int k = key ? pm_name_find(pm_section_keys, PM_SEC__COUNT, key) : -1;

	return k < 0 ? PM_SEC_CUSTOM : (pm_section_key)k;
}

/* The "at" of the incident's start, or NULL. */
static const char *
started_at(const xmlNode *n)
{
	const xmlNode *times;

	times = pm_ir_first(xmlDocGetRootElement(n->doc), PM_EL_TIMES);
	return pm_ir_get(pm_ir_first(times, PM_EL_STARTED), "at");
}

int
pm_ir_one_day(const xmlNode *tl)
{
	const xmlNode *e = pm_ir_first(tl, PM_EL_EVENT), *h = tl->prev;
	const char *a = e ? pm_ir_get(e, "at") : NULL, *b;

	for (; e; e = pm_ir_next(e, PM_EL_EVENT))
		if ((b = pm_ir_get(e, "at")) == NULL || a == NULL ||
		    strncmp(a, b, 10) != 0)
			return 0;
	while (h != NULL && h->type != XML_ELEMENT_NODE)
		h = h->prev;
	if (a == NULL || pm_ir_is(h, PM_EL_HEADING))
		return 1;
	b = started_at(tl);
	return b != NULL && strncmp(a, b, 10) == 0;
}

char *
pm_ir_child_text(const xmlNode *parent, pm_el el)
{
	const xmlNode *n = pm_ir_first(parent, el);

	return n ? pm_ir_content(n) : NULL;
}

pm_loc
pm_ir_loc_attr(const xmlNode *node)
{
	pm_loc loc = {0, 0, 1};
	const char *line = pm_ir_get(node, "line");
	const char *col = pm_ir_get(node, "col");

	if (line != NULL)
		loc.line = atoi(line);
	if (col != NULL)
		loc.col = atoi(col);
	if (loc.line < 0)
		loc.line = 0;
	if (loc.col < 1)
		loc.col = 1;
	return loc;
}

pm_loc
pm_ir_loc_parsed(const xmlNode *node)
{
	pm_loc loc = {0, 1, 1};
	long line = node ? xmlGetLineNo(node) : -1;

	if (line > 0)
		loc.line = (int)line;
	return loc;
}

xmlNode *
pm_ir_walk(const xmlNode *n, const xmlNode *top, int down)
{
	if (down && n->children != NULL)
		return n->children;
	while (n != top && n->next == NULL)
		n = n->parent;
	return n == top ? NULL : n->next;
}

char *
pm_ir_join(const xmlNode *root, pm_el list, pm_el el, const char *sep)
{
	const xmlNode *n;
	pm_buf b = {0};
	char *s;

	for (n = pm_ir_first(pm_ir_first(root, list), el); n;
	     n = pm_ir_next(n, el)) {
		s = pm_ir_content(n);
		pm_buf_printf(&b, "%s%s", b.len ? sep : "", s);
		free(s);
	}
	return b.data;
}
