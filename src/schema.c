/* schema.c: validation of the intermediate form against the schema that is
 * compiled into the library (schemas/postmortem.xsd). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>

#include <libxml/parser.h>
#include <libxml/xmlschemas.h>

#include "doc.h"
#include "ir.h"

extern const unsigned char pm_schema_xsd[];
extern const size_t pm_schema_xsd_len;

/* Parsed once per process, then only read: libxml2 lets any number of
 * validation contexts share one schema. */
static pthread_once_t schema_once = PTHREAD_ONCE_INIT;
static xmlSchemaPtr schema;

/* One validation context per thread, made at its first document and kept
 * for the next: making one took a twentieth of a validation. */
static pthread_key_t vctxt_key;

/* The state of one validation, handed to the error callback. */
struct run {
	pm_doc *doc;
	int reported;
};

/* The embedded schema is part of the program, so an error in it is a bug
 * in pmc, not a finding about the user's document. */
static _Noreturn void
schema_bug(int line, const char *msg)
{
	fprintf(stderr, "pmc: internal error: embedded schema, line %d: %s",
	        line, msg);
	abort();
}

static void
schema_parse_error(void *arg, xmlErrorPtr err)
{
	(void)arg;
	if (err->level >= XML_ERR_ERROR)
		schema_bug(err->line, err->message ? err->message : "?\n");
}

/* Frees a thread's validation context when the thread ends. */
static void
free_valid_ctxt(void *vctxt)
{
	xmlSchemaFreeValidCtxt(vctxt);
}

static void
schema_load(void)
{
	xmlSchemaParserCtxtPtr pctxt;

	xmlInitParser();
	pctxt = xmlSchemaNewMemParserCtxt((const char *)pm_schema_xsd,
	                                  (int)pm_schema_xsd_len);
	if (pctxt == NULL)
		schema_bug(0, "out of memory\n");
	xmlSchemaSetParserStructuredErrors(pctxt, schema_parse_error, NULL);
	schema = xmlSchemaParse(pctxt);
	xmlSchemaFreeParserCtxt(pctxt);
	if (schema == NULL)
		schema_bug(0, "cannot be compiled\n");
	if (pthread_key_create(&vctxt_key, free_valid_ctxt) != 0)
		schema_bug(0, "no thread-specific storage\n");
}

/* This thread's validation context. */
static xmlSchemaValidCtxtPtr
valid_ctxt(void)
{
	xmlSchemaValidCtxtPtr vctxt = pthread_getspecific(vctxt_key);

	if (vctxt != NULL)
		return vctxt;
	if ((vctxt = xmlSchemaNewValidCtxt(schema)) == NULL ||
	    pthread_setspecific(vctxt_key, vctxt) != 0) {
		fputs("pmc: out of memory\n", stderr);
		abort();
	}
	return vctxt;
}

/* libxml2's message without its newline, its final period and the
 * "{urn:x-pmc:postmortem:1}" before every name, which users never wrote. */
static void
clean_message(char *out, size_t size, const char *msg)
{
	static const char prefix[] = "{" PM_NS "}";
	size_t n = 0;

	while (*msg != '\0' && n + 1 < size) {
		if (strncmp(msg, prefix, sizeof(prefix) - 1) == 0) {
			msg += sizeof(prefix) - 1;
			continue;
		}
		out[n++] = *msg == '\n' ? ' ' : *msg;
		msg++;
	}
	while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '.'))
		n--;
	out[n] = '\0';
}

/* The nearest element at or above node with a known place: attributes
 * and text have none of their own, nor have elements a front end made
 * without line/col. */
static pm_loc
error_loc(const pm_doc *doc, const xmlError *err)
{
	pm_loc loc = {err->line > 0 ? err->line : 0, 1, 1};
	const xmlNode *n;

	for (n = err->node; n != NULL; n = n->parent) {
		pm_loc at;

		if (n->type != XML_ELEMENT_NODE)
			continue;
		at = pm_doc_loc(doc, n);
		if (at.line > 0)
			return at;
	}
	return loc;
}

static void
schema_error(void *arg, xmlErrorPtr err)
{
	struct run *run = arg;
	char msg[1024];

	clean_message(msg, sizeof(msg), err->message ? err->message : "");
	if (err->level == XML_ERR_WARNING)
		pm_report_as(&run->doc->src, PM_WARNING, PM_R_SCHEMA,
		             error_loc(run->doc, err), msg);
	else
		pm_report(&run->doc->src, PM_R_SCHEMA,
		          error_loc(run->doc, err), msg);
	run->reported++;
}

void
pm_schema_validate(pm_doc *doc)
{
	struct run run = {doc, 0};
	xmlSchemaValidCtxtPtr vctxt;
	pm_loc none = {0, 0, 1};

	if (doc->ir == NULL)
		return;
	pthread_once(&schema_once, schema_load);
	vctxt = valid_ctxt();
	xmlSchemaSetValidStructuredErrors(vctxt, schema_error, &run);
	/* A failure libxml2 did not explain must still fail the document. */
	if (xmlSchemaValidateDoc(vctxt, doc->ir) != 0 && run.reported == 0)
		pm_report(&doc->src, PM_R_SCHEMA, none,
		          "the document could not be validated");
	/* the callback's argument is this call's frame */
	xmlSchemaSetValidStructuredErrors(vctxt, NULL, NULL);
}
