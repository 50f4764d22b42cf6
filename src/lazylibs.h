/* lazylibs.h: the libraries only some commands need, loaded when first
 * needed, not when pmc starts: the PDF stack (libharu, HarfBuzz and its
 * subsetter, fontconfig, libdeflate) and the template engine (libxslt).
 * (pmc serve loads libmicrohttpd the same way, src/serve_http.c.)
 *
 * Linked, the PDF stack and what it brings (FreeType, glib, graphite2,
 * libpng, brotli, expat, libstdc++) were a third of the start-up of
 * every pmc run, a check in an editor or a pre-commit hook among them,
 * which never draws a page; libxslt and libdeflate are smaller, but a
 * check calls them no more (issue 14, bench/run goal 1). So the files
 * that call them (src/fonts.c, src/pdf.c, src/xslt.c) call through one
 * table of pointers that pm_lazy_load() fills (pm_dlfill()): they
 * include lazylibs_calls.h after the libraries' own headers, which turns
 * each use of a function or variable of lazylibs.def into one through
 * the table, typed as the header declares it.
 */
#ifndef PM_LAZYLIBS_H
#define PM_LAZYLIBS_H

#include <stddef.h>

#include <fontconfig/fontconfig.h>
#include <hb-ot.h>
#include <hb-subset.h>
#include <hb.h>
#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <hpdf_utils.h>
#include <libdeflate.h>
#include <libxslt/documents.h>
#include <libxslt/extensions.h>
#include <libxslt/security.h>
#include <libxslt/transform.h>
#include <libxslt/variables.h>
#include <libxslt/xsltInternals.h>
#include <libxslt/xsltutils.h>

/* The libraries, each loaded with the others of its set. */
enum {
	PM_LIB_HPDF,
	PM_LIB_HB,
	PM_LIB_HB_SUBSET,
	PM_LIB_FC,
	PM_LIB_DEFLATE,
	PM_LIB_XSLT,
	PM_LIB__COUNT
};

/* The sets: what one need (a PDF, a template) loads at once. */
typedef enum pm_lazy_set { PM_LAZY_PDF, PM_LAZY_XSLT } pm_lazy_set;

typedef struct pm_lazy_table {
#define PM_LAZY(lib, name) __typeof__(name) *name;
#include "lazylibs.def"
#undef PM_LAZY
#undef PM_LAZY_VAR
} pm_lazy_table;

extern pm_lazy_table pm_lazy;

/* Loads the libraries of set, once per process (later calls return the
 * first result): 0, or -1 with "cannot load ...: REASON" in why[0..n)
 * (a library or a function not found). The table's slots of a set are
 * valid once this has returned 0 for it. pm_pdf_load() (pmc.h) is the
 * PDF set's; pm_xslt_apply() loads the template engine. */
int pm_lazy_load(pm_lazy_set set, char *why, size_t n);

#endif
