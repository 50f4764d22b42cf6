/* digest.h: the digest of a period (pmc digest), decided once in
 * digest.c and written by each format: Markdown and HTML there, PDF in
 * digest_pdf.c. */
#ifndef PM_DIGEST_H
#define PM_DIGEST_H

#include "charts.h"
#include "diag.h"
#include "l10n.h"
#include "pmc.h"

/* The incidents of one period, and their follow-ups counted. */
struct period {
	const pm_incident **in; /* by start */
	size_t n;
	long long open, done, overdue;
};

/* A headline number: "Time to detect (median)", "8 min (previous
 * period: 12 min)". whole: the label is the whole figure ("4
 * incidents"), no colon after it. */
typedef struct pm_digest_fact {
	pm_buf label, value;
	int whole;
} pm_digest_fact;

typedef struct pm_digest_item {
	const pm_incident *in;
	const pm_follow_up *f;
} pm_digest_item;

typedef struct pm_digest {
	const pm_labels *lab;
	const char *fam;
	pm_buf title;
	pm_digest_fact facts[8];
	size_t nfacts;
	struct period p, prev;
	pm_digest_item *open; /* overdue first */
	size_t nopen;
	pm_charts charts; /* of the period's incidents */
} pm_digest;

#define PM_DIGEST_INCIDENT_COLS 6
#define PM_DIGEST_ITEM_COLS 5
/* The columns' label keys. */
extern const char *const pm_digest_incident_cols[PM_DIGEST_INCIDENT_COLS];
extern const char *const pm_digest_item_cols[PM_DIGEST_ITEM_COLS];

/* Decides the digest; -1 for a bad period or unreadable labels, after
 * saying why to opts->diag. */
int pm_digest_make(pm_digest *, pm_incident *const *ins, size_t n,
                   const pm_digest_opts *);
void pm_digest_free(pm_digest *);

/* The render options of the templates and labels a digest reads: its
 * language, folder and sink. */
pm_render_opts pm_digest_ropts(const pm_digest_opts *);
/* Says to opts->diag why the digest cannot be made when no file is at
 * fault (the period, the fonts, the PDF library): at "digest", as cc
 * says "cc1:". */
void pm_digest_report(const pm_digest_opts *, pm_rule, const char *msg);

/* A row's cells as plain text, appended to cells[] (empty on entry). */
void pm_digest_incident_cells(const pm_digest *, const pm_incident *,
                              pm_buf cells[PM_DIGEST_INCIDENT_COLS]);
void pm_digest_item_cells(const pm_digest *, const pm_digest_item *,
                          pm_buf cells[PM_DIGEST_ITEM_COLS]);

#endif
