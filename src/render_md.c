/* render_md.c: the md back end (placeholder until it is built). */
#include "pmc.h"

int
pm_render_md(const pm_doc *doc, const pm_render_opts *opts, pm_buf *out)
{
	(void)doc, (void)opts, (void)out;
	return -1;
}
