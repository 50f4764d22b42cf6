/* pdf.h: the PDF device: draws laid-out pages (layout.h) with libharu,
 * embedding each font subset by fonts.h. */
#ifndef PM_PDF_H
#define PM_PDF_H

#include "fonts.h"
#include "layout.h"
#include "pmc.h"

/* The document information dictionary. Strings are UTF-8; NULL leaves
 * an entry out. created < 0 leaves out the creation date. */
typedef struct pm_pdf_info {
	const char *title, *author, *subject, *keywords, *creator;
	const char *lang; /* the catalog's /Lang, a language tag */
	long long created; /* seconds since 1970-01-01T00:00:00Z */
} pm_pdf_info;

/* Receives a libharu error: its code, its detail, and what was being
 * done ("loading font /usr/share/...", "saving"). */
typedef void pm_pdf_error_fn(void *arg, unsigned long code,
                             unsigned long detail, const char *doing);

/* Appends the PDF of lay's pages to out. Returns 0, or -1 after reporting
 * the first libharu error to err (libharu never prints). */
int pm_pdf_write(const pm_lay *, pm_fonts *, const pm_pdf_info *,
                 pm_pdf_error_fn *err, void *arg, pm_buf *out);

#endif
