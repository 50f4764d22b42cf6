/* render.c: the table of back ends, one line per output format. */
#include <string.h>

#include "pmc.h"

/* depends: what else the output is made from, so that pmc build
 * rebuilds it when that changes (a back end that starts reading another
 * input says so here). */
static const struct backend {
	const char *name;
	pm_render_fn fn;
	unsigned depends;
} backends[] = {
    {"html", pm_render_html, PM_DEPENDS_DATADIR | PM_DEPENDS_TEMPLATE},
    {"json", pm_render_json, 0},
    {"md", pm_render_md, PM_DEPENDS_DATADIR},
    {"pdf", pm_render_pdf,
     PM_DEPENDS_DATADIR | PM_DEPENDS_FONTS | PM_DEPENDS_PAPER},
    {"xml", pm_render_xml, 0},
};

static const struct backend *
backend(const char *format)
{
	size_t i;

	if (format == NULL)
		return NULL;
	for (i = 0; i < sizeof(backends) / sizeof(backends[0]); i++)
		if (strcmp(backends[i].name, format) == 0)
			return &backends[i];
	return NULL;
}

pm_render_fn
pm_render_lookup(const char *format)
{
	const struct backend *be = backend(format);

	return be ? be->fn : NULL;
}

unsigned
pm_render_depends(const char *format)
{
	const struct backend *be = backend(format);

	return be ? be->depends : 0;
}
