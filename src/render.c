/* render.c: the table of back ends, one line per output format. */
#include <string.h>

#include "pmc.h"

static const struct {
	const char *name;
	pm_render_fn fn;
} backends[] = {
    {"html", pm_render_html},
    {"json", pm_render_json},
    {"md", pm_render_md},
    {"pdf", pm_render_pdf},
    {"xml", pm_render_xml},
};

pm_render_fn
pm_render_lookup(const char *format)
{
	size_t i;

	if (format == NULL)
		return NULL;
	for (i = 0; i < sizeof(backends) / sizeof(backends[0]); i++)
		if (strcmp(backends[i].name, format) == 0)
			return backends[i].fn;
	return NULL;
}
