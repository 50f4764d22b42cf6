/* render_pdf.c: the pdf back end (placeholder until it is built). */
#include "pmc.h"

int
pm_render_pdf(const pm_doc *doc, const pm_render_opts *opts, pm_buf *out)
{
	(void)doc, (void)opts, (void)out;
	return -1;
}
