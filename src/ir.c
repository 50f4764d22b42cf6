/* ir.c: small helpers over libxml2 for the intermediate form. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parserInternals.h> /* xmlStringText */

#include "alloc.h"
#include "ir.h"

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
	root = xmlNewDocNode(doc, NULL, BAD_CAST "postmortem", NULL);

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
pm_ir_add(xmlNodePtr parent, const char *name, pm_loc loc)
{
	xmlNodePtr node = xmlNewChild(parent, parent->ns, BAD_CAST name, NULL);

	set_loc(node, loc);
	return node;
}

xmlNodePtr
pm_ir_add_text(xmlNodePtr parent, const char *name, const char *s, size_t n,
               pm_loc loc)
{
	xmlNodePtr node = pm_ir_add(parent, name, loc);

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
pm_ir_is(const xmlNode *node, const char *name)
{
	/* the name first: it is what differs when a walk looks for one
	 * kind of element, and it is shorter than the namespace */
	return node != NULL && node->type == XML_ELEMENT_NODE &&
	       node->ns != NULL &&
	       (name == NULL || strcmp((const char *)node->name, name) == 0) &&
	       strcmp((const char *)node->ns->href, PM_NS) == 0;
}

static xmlNodePtr
find_from(xmlNodePtr node, const char *name)
{
	for (; node != NULL; node = node->next)
		if (pm_ir_is(node, name))
			return node;
	return NULL;
}

xmlNodePtr
pm_ir_first(const xmlNode *parent, const char *name)
{
	return parent ? find_from(parent->children, name) : NULL;
}

xmlNodePtr
pm_ir_next(const xmlNode *node, const char *name)
{
	return node ? find_from(node->next, name) : NULL;
}

char *
pm_ir_content(const xmlNode *node)
{
	xmlChar *s = xmlNodeGetContent(node);
	char *copy = pm_xstrdup(s ? (const char *)s : "");

	xmlFree(s);
	return copy;
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

const xmlNode *
pm_ir_walk(const xmlNode *n, const xmlNode *top, int down)
{
	if (down && n->children != NULL)
		return n->children;
	while (n != top && n->next == NULL)
		n = n->parent;
	return n == top ? NULL : n->next;
}

char *
pm_ir_join(const xmlNode *root, const char *list, const char *name,
           const char *sep)
{
	const xmlNode *n;
	pm_buf b = {0};
	char *s;

	for (n = pm_ir_first(pm_ir_first(root, list), name); n;
	     n = pm_ir_next(n, name)) {
		s = pm_ir_content(n);
		pm_buf_printf(&b, "%s%s", b.len ? sep : "", s);
		free(s);
	}
	return b.data;
}
