/* render_xml.c: the intermediate form itself, as indented UTF-8 XML. */
#include <stdint.h>
#include <string.h>

#include <libxml/tree.h>

#include "doc.h"
#include "ir.h"
#include "utf8.h"

/* Does node hold inline content without a text node of its own, like
 * <p><em>a</em></p>? libxml2 indents the children of an element unless
 * one of them is text, and indenting there would add to the content. */
static int
needs_text(const xmlNode *node)
{
	const xmlNode *c;
	int inl = 0;

	for (c = node->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE ||
		    c->type == XML_CDATA_SECTION_NODE ||
		    c->type == XML_ENTITY_REF_NODE)
			return 0;
		inl |= pm_ir_in_class(c, PM_ELC_INLINE);
	}
	return inl;
}

/* Length of the character at s if XML 1.0 can carry it, else 0. */
static size_t
xml_char(const char *s, size_t n)
{
	int32_t cp;
	size_t len = pm_utf8_decode(s, n, &cp);

	if (len == 0 || cp == 0xfffe || cp == 0xffff)
		return 0;
	if (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r')
		return 0;
	return len;
}

/* s with what XML cannot carry (control characters a front end let
 * through with a warning, bytes that are not UTF-8) replaced by U+FFFD:
 * libxml2 would write them as they are, and nothing could read the
 * result. Returns s itself when it is clean, else the text made in b. */
static const xmlChar *
clean(const xmlChar *str, pm_buf *b)
{
	const char *s = str ? (const char *)str : "";
	size_t i = 0, n = strlen(s), len;

	while (i < n && (len = xml_char(s + i, n - i)) > 0)
		i += len;
	if (i == n)
		return BAD_CAST s;
	b->len = 0;
	pm_buf_put(b, s, i);
	while (i < n) {
		len = xml_char(s + i, n - i);
		pm_buf_put(b, len ? s + i : "\xef\xbf\xbd", len ? len : 3);
		i += len ? len : 1;
	}
	return BAD_CAST pm_buf_cstr(b);
}

/* The declaration in scope at c for ns, made on c when there is none. */
static xmlNsPtr
ns_for(xmlDocPtr to, xmlNodePtr c, const xmlNs *ns)
{
	xmlNsPtr found;

	if (ns == NULL)
		return NULL;
	found = xmlSearchNs(to, c, ns->prefix);
	if (found != NULL && xmlStrEqual(found->href, ns->href))
		return found;
	return xmlNewNs(c, ns->href, ns->prefix);
}

static void
copy_attrs(xmlDocPtr to, xmlNodePtr c, const xmlNode *n, pm_buf *b)
{
	const xmlAttr *a;
	xmlChar *v;

	for (a = n->properties; a != NULL; a = a->next) {
		v = xmlNodeGetContent((const xmlNode *)a);
		xmlNewNsProp(c, ns_for(to, c, a->ns), a->name, clean(v, b));
		xmlFree(v);
	}
}

/* Copies element n, without its children, under parent (NULL: as the
 * root). An element with inline content but no text gets an empty text
 * node, which prints as nothing and keeps libxml2 from indenting it. */
static xmlNodePtr
copy_element(xmlDocPtr to, xmlNodePtr parent, const xmlNode *n, pm_buf *b)
{
	xmlNodePtr c = xmlNewDocNode(to, NULL, n->name, NULL);
	const xmlNs *ns;

	if (parent == NULL)
		xmlDocSetRootElement(to, c);
	else
		xmlAddChild(parent, c);
	for (ns = n->nsDef; ns != NULL; ns = ns->next)
		xmlNewNs(c, ns->href, ns->prefix);
	/* Most elements share their parent's namespace: no search up. */
	if (parent != NULL && n->nsDef == NULL && n->ns == n->parent->ns)
		c->ns = parent->ns;
	else
		c->ns = ns_for(to, c, n->ns);
	copy_attrs(to, c, n, b);
	if (needs_text(n))
		xmlAddChild(c, xmlNewDocText(to, BAD_CAST ""));
	return c;
}

static xmlNodePtr
entity_text(xmlDocPtr to, const xmlNode *n, pm_buf *b)
{
	xmlChar *s = xmlNodeGetContent(n);
	xmlNodePtr t = xmlNewDocText(to, clean(s, b));

	xmlFree(s);
	return t;
}

/* A copy of a node that is not an element; NULL for kinds left out. */
static xmlNodePtr
copy_leaf(xmlDocPtr to, const xmlNode *n, pm_buf *b)
{
	const xmlChar *s;

	switch (n->type) {
	case XML_TEXT_NODE:
		return xmlNewDocText(to, clean(n->content, b));
	case XML_CDATA_SECTION_NODE:
		s = clean(n->content, b);
		return xmlNewCDataBlock(to, s, xmlStrlen(s));
	case XML_COMMENT_NODE:
		return xmlNewDocComment(to, clean(n->content, b));
	case XML_PI_NODE:
		return xmlNewDocPI(to, n->name, clean(n->content, b));
	case XML_ENTITY_REF_NODE:
		return entity_text(to, n, b);
	default:
		return NULL;
	}
}

/* A copy of the tree under root, made ready for printing. Iterative, as
 * xmlCopyDoc is not: a deeply nested source must not exhaust the stack.
 * parent is always the copy of n's parent, up. */
static xmlDocPtr
copy_doc(const xmlNode *root)
{
	xmlDocPtr to = xmlNewDoc(BAD_CAST "1.0");
	const xmlNode *n, *up = root->parent; /* up: what parent copies */
	xmlNodePtr parent = NULL, c;
	pm_buf b = {0};
	int down = 0;

	for (n = root; n != NULL; n = pm_ir_walk(n, root, down)) {
		for (; up != n->parent; up = up->parent)
			parent = parent->parent;
		down = 0;
		if (n->type == XML_ELEMENT_NODE) {
			c = copy_element(to, parent, n, &b);
			if (n->children != NULL) {
				parent = c;
				up = n;
				down = 1;
			}
		} else if ((c = copy_leaf(to, n, &b)) != NULL) {
			xmlAddChild(parent, c);
		}
	}
	pm_buf_free(&b);
	return to;
}

int
pm_render_xml(const pm_doc *doc, const pm_render_opts *opts, pm_buf *out)
{
	xmlDocPtr copy = NULL;
	const xmlNode *root;
	xmlChar *mem = NULL;
	int rc = -1, size = 0;

	(void)opts;
	if (doc == NULL || doc->ir == NULL || doc->src.errors > 0)
		goto out;
	if ((root = xmlDocGetRootElement(doc->ir)) == NULL)
		goto out;
	/* The tree is read-only to back ends: print a prepared copy. */
	copy = copy_doc(root);
	xmlDocDumpFormatMemoryEnc(copy, &mem, &size, "UTF-8", 1);
	if (mem == NULL || size <= 0)
		goto out;
	pm_buf_put(out, mem, (size_t)size);
	if (mem[size - 1] != '\n')
		pm_buf_putc(out, '\n');
	rc = 0;
out:
	xmlFree(mem);
	xmlFreeDoc(copy);
	return rc;
}
