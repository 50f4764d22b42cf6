/* xslt.h: running a template (an XSLT stylesheet) over an XML tree, with
 * libxslt held to the templates' security rules and given pmc's
 * formatting as extension functions. Used by the html back end and by
 * `pmc build` for its index page. */
#ifndef PM_XSLT_H
#define PM_XSLT_H

#include <libxml/tree.h>

#include "pmc.h"

/* The namespace of the extension functions a template may call:
 *   pmc:label(key)              the label in the output language
 *   pmc:duration(seconds)       "2 h 15 min", "2 t 15 min", "2時間15分"
 *   pmc:datetime(iso, style)    style: date, time, datetime or short
 *   pmc:seconds(iso)            an xs:dateTime as seconds since 1970
 *                               (NaN when it is none)
 *   pmc:iso(seconds, zone)      the instant as an xs:dateTime in the
 *                               offset the zone has then ("" when the
 *                               zone is unknown)
 *   pmc:uri(url)                url with what HTML does not allow in an
 *                               address percent-encoded
 * The output language is opts->lang, else the lang attribute of the
 * input's root element, else English. */
#define PM_XSLT_NS "urn:x-pmc:xslt:1"

/* Applies the stylesheet at path to in and appends the serialized result
 * to out. params is NULL or a NULL-terminated list of name, value pairs;
 * the values are passed as strings, never evaluated. An HTML result
 * without a document type gets "<!DOCTYPE html>".
 *
 * A stylesheet is compiled once and kept for the life of the process, so
 * rendering many documents compiles it once. It may read files only under
 * its own folder and the labels folder of opts->datadir (or of
 * pm_template_dir()); it may not write files, create folders or use the
 * network. Its errors, and libxml2's, go to opts->diag as 'template'
 * findings at the stylesheet's file; -1 is returned then and out is left
 * as it was. in is not changed. libxslt is loaded by the first call
 * (lazylibs.h); when it cannot be, that is a 'template' finding at path. */
int pm_xslt_apply(const char *path, xmlDocPtr in, const char **params,
                  const pm_render_opts *opts, pm_buf *out);

/* Frees the compiled stylesheets and labels kept by pm_xslt_apply (for
 * leak checkers; later calls compile again). */
void pm_xslt_cleanup(void);

#endif
