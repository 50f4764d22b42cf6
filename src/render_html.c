/* render_html.c: the html back end: the intermediate form through the
 * report template (templates/report.xsl, or --template). */
#include <limits.h>
#include <stdio.h>

#include "doc.h"
#include "ir.h"
#include "xslt.h"

int
pm_render_html(const pm_doc *doc, const pm_render_opts *opts, pm_buf *out)
{
	const char *dir = opts && opts->datadir ? opts->datadir
	                                        : pm_template_dir();
	const char *lang = opts ? opts->lang : NULL;
	const char *params[5];
	char path[PATH_MAX];

	if (doc->ir == NULL || pm_doc_errors(doc) > 0)
		return -1;
	if (opts != NULL && opts->template != NULL)
		snprintf(path, sizeof(path), "%s", opts->template);
	else
		snprintf(path, sizeof(path), "%s/report.xsl", dir);
	if (lang == NULL)
		lang = pm_ir_get(xmlDocGetRootElement(doc->ir), "lang");
	/* lang is the page's own: the labels follow it (xslt.h), and the
	 * template writes it into <html lang> */
	params[0] = "lang";
	params[1] = lang != NULL ? lang : "en";
	params[2] = "generator";
	params[3] = "pmc " PMC_VERSION;
	params[4] = NULL;
	return pm_xslt_apply(path, doc->ir, params, opts, out);
}
