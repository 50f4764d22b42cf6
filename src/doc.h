/* doc.h: a document in compilation: source, intermediate form, policy,
 * findings. Shared by the front ends, the checks and the back ends. */
#ifndef PM_DOC_H
#define PM_DOC_H

#include <libxml/tree.h>

#include "diag.h"
#include "policy.h"
#include "pmc.h"

struct pm_doc {
	char *name;     /* as given, for diagnostics */
	char *text;     /* the source bytes, owned */
	size_t len;
	pm_src src;     /* line index of text and the findings' counts */
	xmlDocPtr ir;   /* NULL when the front end could not build one */
	int from_xml;   /* read from the XML form (positions are its own) */
	pm_options opts;
	pm_policy *policy;
	int today;      /* days since 1970-01-01, for overdue follow-ups */
	unsigned unread; /* 1 << milestone, or PM_UNREAD_SEVERITY: given in
	                    the source but not readable (reported there, so
	                    not also missing) */
	int dropped_events; /* timeline entries reported and left out */
};

#define PM_UNREAD_SEVERITY (1u << 16)

/* The front ends: build doc->ir from doc->text, reporting into doc->src.
 * They return 0, or -1 when no tree could be built. */
int pm_md_read(pm_doc *);
int pm_xml_read(pm_doc *);

/* Validates doc->ir against schemas/postmortem.xsd, reporting each
 * violation at the element it concerns. */
void pm_schema_validate(pm_doc *);

/* The semantic rules over the intermediate form (format.md 2-8), then the
 * derived figures (metrics, overdue) added to the tree. */
void pm_check_ir(pm_doc *);

/* Where a node came from, for diagnostics: its line/col attributes for a
 * tree built from Markdown, its XML line for a tree read from XML. */
pm_loc pm_doc_loc(const pm_doc *, const xmlNode *);

/* Reports a back-end finding (a missing font, a template that failed) to
 * opts->diag at once, at node's place in the source (node may be NULL).
 * Back ends run after the source's findings were delivered, so these are
 * not held or sorted. */
void pm_render_report(const pm_doc *, const pm_render_opts *, pm_rule,
                      const xmlNode *node, ...);

#endif
