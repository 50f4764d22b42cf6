/* pdflibs.h: the PDF stack (libharu, HarfBuzz and its subsetter,
 * fontconfig), loaded when a PDF is first made, not when pmc starts.
 *
 * Linked, these libraries and theirs (FreeType, glib, graphite2,
 * libpng, brotli, expat, libstdc++) are a third of the start-up of every
 * pmc run, a check in an editor or a pre-commit hook among them, which
 * never draws a page (issue 14, bench/run goal 1). So src/fonts.c and
 * src/pdf.c call them through one table of pointers that
 * pm_pdflibs_load() fills by dlopen and dlsym: those two files include
 * pdflibs_calls.h after the libraries' own headers, which turns each
 * call of a function of pdflibs.def into a call through the table, typed
 * as the header declares it.
 */
#ifndef PM_PDFLIBS_H
#define PM_PDFLIBS_H

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

enum { PM_LIB_HPDF, PM_LIB_HB, PM_LIB_HB_SUBSET, PM_LIB_FC, PM_LIB__COUNT };

typedef struct pm_pdflibs {
#define PM_PDFLIB(lib, name) __typeof__(name) *name;
#include "pdflibs.def"
#undef PM_PDFLIB
} pm_pdflibs;

extern pm_pdflibs pm_pdflib;

/* pm_pdf_load() (pmc.h) fills the table, once per process: later calls
 * return the first result. pm_render_pdf(), pm_digest_pdf(),
 * pm_fonts_new() and pm_fonts_list() call it before anything else. */

#endif
