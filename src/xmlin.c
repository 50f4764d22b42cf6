/* xmlin.c: the XML front end, which reads the intermediate form written as
 * XML and refuses DTDs and entities, so that nothing outside the source is
 * ever read or expanded. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>

#include <libxml/parser.h>

#include "doc.h"
#include "ir.h"
#include "utf8.h"

/*
 * No XML_PARSE_NOENT, DTDLOAD, DTDATTR, DTDVALID, XINCLUDE or HUGE: entities
 * stay unexpanded, nothing is loaded, the default depth and size limits
 * hold. No NOBLANKS either: it would eat spaces that matter in mixed
 * content; tidy() drops only the blanks between blocks. IGNORE_ENC with
 * "UTF-8" below: a source is UTF-8 whatever its declaration says.
 */
#define XML_OPTIONS                                                            \
	(XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA |           \
	 XML_PARSE_IGNORE_ENC)

static pthread_once_t init_once = PTHREAD_ONCE_INIT;

/* The state of one parse; the parser context's _private points to it. */
struct xin {
	pm_doc *doc;
	int errors;  /* parse errors reported */
	int refused; /* a DTD or an entity was met and reported */
	pm_loc last; /* of the last error reported */
};

static void
report_refusal(struct xin *in, int line)
{
	pm_loc loc = {line, 1, 1};

	if (!in->refused)
		pm_report(&in->doc->src, PM_R_XML_DTD, loc);
	in->refused = 1;
}

/* Every SAX event that would declare, load or expand an entity or a DTD
 * ends here, before libxml2 acts on it. */
static void
refuse(void *ctx)
{
	xmlParserCtxtPtr ctxt = ctx;

	report_refusal(ctxt->_private, ctxt->input ? ctxt->input->line : 0);
	xmlStopParser(ctxt);
}

static void
refuse_subset(void *ctx, const xmlChar *name, const xmlChar *public_id,
              const xmlChar *system_id)
{
	(void)name, (void)public_id, (void)system_id;
	refuse(ctx);
}

static void
refuse_entity_decl(void *ctx, const xmlChar *name, int type,
                   const xmlChar *public_id, const xmlChar *system_id,
                   xmlChar *content)
{
	(void)name, (void)type, (void)public_id, (void)system_id, (void)content;
	refuse(ctx);
}

static void
refuse_unparsed_decl(void *ctx, const xmlChar *name, const xmlChar *public_id,
                     const xmlChar *system_id, const xmlChar *notation)
{
	(void)name, (void)public_id, (void)system_id, (void)notation;
	refuse(ctx);
}

/* Called for every reference but the five predefined entities. */
static xmlEntityPtr
refuse_get_entity(void *ctx, const xmlChar *name)
{
	(void)name;
	refuse(ctx);
	return NULL;
}

static xmlParserInputPtr
refuse_resolve(void *ctx, const xmlChar *public_id, const xmlChar *system_id)
{
	(void)public_id, (void)system_id;
	refuse(ctx);
	return NULL;
}

static void
guard(xmlSAXHandlerPtr sax)
{
	sax->internalSubset = refuse_subset;
	sax->externalSubset = refuse_subset;
	sax->entityDecl = refuse_entity_decl;
	sax->unparsedEntityDecl = refuse_unparsed_decl;
	sax->getEntity = refuse_get_entity;
	sax->getParameterEntity = refuse_get_entity;
	sax->resolveEntity = refuse_resolve;
}

/* libxml2's message on one line, without its trailing newline, nor the
 * cure it suggests for its limits, which is not the user's to take. */
static void
clean_message(char *out, size_t size, const char *msg)
{
	char *cure;
	size_t n;

	snprintf(out, size, "%s", msg ? msg : "");
	if ((cure = strstr(out, " use XML_PARSE_HUGE option")) != NULL)
		*cure = '\0';
	for (n = 0; out[n] != '\0'; n++)
		if (out[n] == '\n')
			out[n] = ' ';
	while (n > 0 && out[n - 1] == ' ')
		out[--n] = '\0';
}

/* Receives the parser's errors (through the context) and any other
 * libxml2 error raised while parsing (through the thread's handler). */
static void
parse_error(void *arg, xmlErrorPtr err)
{
	xmlParserCtxtPtr ctxt = arg;
	struct xin *in = ctxt->_private;
	pm_loc loc = {err->line, err->int2 > 0 ? err->int2 : 1, 1};
	char msg[1024];

	if (in->refused)
		return; /* the parser was stopped on purpose */
	if (loc.line <= 0)
		loc.line = ctxt->input ? ctxt->input->line : 0;
	clean_message(msg, sizeof(msg), err->message);
	if (err->level == XML_ERR_WARNING) {
		pm_report_as(&in->doc->src, PM_WARNING, PM_R_XML_SYNTAX, loc,
		             msg);
		return;
	}
	/* libxml2 often explains one fault several times at one place. */
	if (in->errors == 0 || loc.line != in->last.line ||
	    loc.col != in->last.col)
		pm_report(&in->doc->src, PM_R_XML_SYNTAX, loc, msg);
	in->errors++;
	in->last = loc;
}

/* Elements whose content is text or inlines (the TEXT class of
 * elements.def): their blank text is text. In every other element of the
 * form blanks only indent the markup. */
static int
is_text_element(const xmlNode *n)
{
	return !pm_ir_is(n, PM_EL_ANY) || pm_ir_in_class(n, PM_ELC_TEXT);
}

/* The node after n in document order, skipping n's descendants. */
static xmlNodePtr
after(xmlNodePtr n)
{
	return pm_ir_walk(n, NULL, 0);
}

static void
drop(xmlNodePtr n)
{
	xmlUnlinkNode(n);
	xmlFreeNode(n);
}

/* Drops a comment or processing instruction; the text on either side
 * becomes one node again, as a front end would have made it. */
static xmlNodePtr
drop_between(xmlNodePtr n)
{
	xmlNodePtr prev = n->prev, next = after(n);

	drop(n);
	if (prev == NULL || next == NULL || prev->next != next ||
	    prev->type != XML_TEXT_NODE || next->type != XML_TEXT_NODE)
		return next;
	xmlTextMerge(prev, next);
	return after(prev);
}

/* XML 1.0 lets DEL and the C1 controls through, as bytes and as
 * references ("&#x85;"; it refuses the C0 ones): each is reported at its
 * place in the source, as the Markdown front end does... */
static void
report_controls(pm_doc *doc)
{
	const char *s = doc->text;
	size_t i, n, len = doc->len;
	int32_t cp;
	long ref;

	for (i = 0; i < len; i += n) {
		if ((n = pm_utf8_decode(s + i, len - i, &cp)) == 0)
			n = 1, cp = 0xfffd;
		if (cp == '&' &&
		    pm_utf8_is_control(ref = pm_utf8_numeric_ref(s + i,
		                                                 len - i, &n)))
			cp = (int32_t)ref;
		else if (cp == '&')
			n = 1;
		if (cp >= 0x7f && pm_utf8_is_control(cp))
			pm_report(&doc->src, PM_R_CONTROL_CHAR,
			          pm_src_loc(&doc->src, s + i, n),
			          (unsigned)cp);
	}
}

/* s without control characters (each a space), or NULL if it has none. */
static xmlChar *
without_controls(const xmlChar *s)
{
	size_t i, k, len = s ? strlen((const char *)s) : 0;
	pm_buf b = {0};
	int32_t cp;
	int any = 0;

	for (i = 0; i < len; i += k) {
		k = pm_utf8_decode((const char *)s + i, len - i, &cp);
		if (k == 0)
			k = 1, cp = 0xfffd;
		if (pm_utf8_is_control(cp))
			pm_buf_putc(&b, ' '), any = 1;
		else
			pm_buf_put(&b, s + i, k);
	}
	if (!any) {
		pm_buf_free(&b);
		return NULL;
	}
	pm_buf_cstr(&b);
	return (xmlChar *)b.data;
}

/* ...and blanked in the tree, in text and attribute values alike. */
static void
blank_controls(xmlNodePtr n)
{
	xmlChar *s, *clean;
	xmlAttrPtr a;

	if (n->type == XML_ELEMENT_NODE) {
		for (a = n->properties; a != NULL; a = a->next) {
			s = xmlNodeGetContent((xmlNodePtr)a);
			if ((clean = without_controls(s)) != NULL)
				xmlSetNsProp(n, a->ns, a->name, clean);
			free(clean);
			xmlFree(s);
		}
	} else if ((clean = without_controls(n->content)) != NULL) {
		xmlNodeSetContent(n, clean);
		free(clean);
	}
}

/* Element handling: metrics and overdue are derived, recomputed later. */
static xmlNodePtr
tidy_element(xmlNodePtr n)
{
	xmlNodePtr next;

	if (pm_ir_is(n, PM_EL_METRICS) &&
	    n->parent == xmlDocGetRootElement(n->doc)) {
		next = after(n);
		drop(n);
		return next;
	}
	if (pm_ir_is(n, PM_EL_ACTION))
		xmlUnsetProp(n, BAD_CAST "overdue");
	blank_controls(n);
	return n->children ? n->children : after(n);
}

/*
 * Makes the tree read look like one a front end built: no comments or
 * processing instructions, no indentation between blocks, no derived
 * figures. Returns the first node that has no place in the form at all
 * (a DTD, an entity), or NULL.
 */
static xmlNodePtr
tidy(xmlDocPtr tree)
{
	xmlNodePtr n = tree->children, next;

	while (n != NULL) {
		switch (n->type) {
		case XML_ELEMENT_NODE:
			next = tidy_element(n);
			break;
		case XML_TEXT_NODE:
		case XML_CDATA_SECTION_NODE:
			next = after(n);
			if (xmlIsBlankNode(n) && !is_text_element(n->parent))
				drop(n);
			else
				blank_controls(n);
			break;
		case XML_COMMENT_NODE:
		case XML_PI_NODE:
			next = drop_between(n);
			break;
		default:
			return n;
		}
		n = next;
	}
	return NULL;
}

/* The root must be the form's; anything else is not worth validating. */
static int
check_root(pm_doc *doc, xmlDocPtr tree)
{
	xmlNodePtr root = xmlDocGetRootElement(tree);
	pm_loc loc = pm_ir_loc_parsed(root);
	char msg[512];

	if (pm_ir_is(root, PM_EL_POSTMORTEM))
		return 0;
	if (root == NULL)
		snprintf(msg, sizeof(msg), "no root element");
	else if (root->ns != NULL)
		snprintf(msg, sizeof(msg),
		         "root element is '%s' in namespace '%s'; expected "
		         "'postmortem' in namespace '" PM_NS "'",
		         (const char *)root->name,
		         (const char *)root->ns->href);
	else
		snprintf(msg, sizeof(msg),
		         "root element is '%s' in no namespace; expected "
		         "'postmortem' in namespace '" PM_NS "'",
		         (const char *)root->name);
	pm_report(&doc->src, PM_R_SCHEMA, loc, msg);
	return -1;
}

static xmlDocPtr
parse(pm_doc *doc, struct xin *in)
{
	xmlStructuredErrorFunc saved_fn = xmlStructuredError;
	void *saved_arg = xmlStructuredErrorContext;
	xmlParserCtxtPtr ctxt;
	xmlDocPtr tree;

	if ((ctxt = xmlNewParserCtxt()) == NULL) {
		fputs("pmc: out of memory\n", stderr);
		abort();
	}
	ctxt->_private = in;
	ctxt->sax->serror = parse_error;
	guard(ctxt->sax);
	/* Errors raised without the context (encodings, memory) too. */
	xmlSetStructuredErrorFunc(ctxt, parse_error);
	tree = xmlCtxtReadMemory(ctxt, doc->text, (int)doc->len, doc->name,
	                         "UTF-8", XML_OPTIONS);
	xmlSetStructuredErrorFunc(saved_arg, saved_fn);
	xmlFreeParserCtxt(ctxt);
	return tree;
}

int
pm_xml_read(pm_doc *doc)
{
	struct xin in = {doc, 0, 0, {0, 0, 1}};
	xmlDocPtr tree = NULL;
	xmlNodePtr bad;
	pm_loc none = {0, 0, 1};
	int rc = -1;

	if (doc->len > INT_MAX) {
		pm_report(&doc->src, PM_R_XML_SYNTAX, none,
		          "XML source is larger than 2 GiB");
		goto out;
	}
	pthread_once(&init_once, xmlInitParser);
	report_controls(doc);
	tree = parse(doc, &in);
	if (tree == NULL && !in.refused && in.errors == 0)
		pm_report(&doc->src, PM_R_XML_SYNTAX, none,
		          "XML source could not be parsed");
	if (tree == NULL || in.refused || in.errors > 0)
		goto out;
	if (tree->intSubset != NULL || tree->extSubset != NULL) {
		report_refusal(&in, 1);
		goto out;
	}
	if ((bad = tidy(tree)) != NULL) {
		report_refusal(&in, pm_ir_loc_parsed(bad->parent).line);
		goto out;
	}
	if (check_root(doc, tree) != 0)
		goto out;
	doc->ir = tree;
	doc->from_xml = 1;
	tree = NULL;
	rc = 0;
out:
	xmlFreeDoc(tree);
	return rc;
}
