/* diag.h: the one place findings are made: sources, locations, rules. */
#ifndef PM_DIAG_H
#define PM_DIAG_H

#include <stdarg.h>
#include <stddef.h>

#include "pmc.h"

typedef enum pm_rule {
#define RULE(name, id, sev, fmt) PM_R_##name,
#include "rules.def"
#undef RULE
	PM_R__COUNT
} pm_rule;

/* The suppression comments of a source (suppress.c). */
typedef struct pm_suppress pm_suppress;

/* A rule the policy leaves at its own severity (pm_src.pol). */
#define PM_RULE_UNSET (-2)

/* A place in a source: 1-based line, 1-based character column, and the
 * number of characters the finding covers (at least 1). line 0: none. */
typedef struct pm_loc {
	int line;
	int col;
	int span;
} pm_loc;

/* One source text and the sink its findings go to. The text is borrowed
 * from the caller; lines is owned and freed by pm_src_free(). */
typedef struct pm_src {
	const char *name;
	const char *text;
	size_t len;
	size_t *lines; /* byte offset of each line's start */
	size_t nlines;
	pm_diag_fn fn;
	void *arg;
	int errors;
	int warnings;
	struct pm_held *held; /* findings not yet delivered */
	size_t nheld;
	pm_suppress *sup;   /* what comments silence, or NULL; owned */
	const pm_override *ov; /* severities changed by the caller, or NULL */
	size_t nov;
	const signed char *pol; /* severities by pm_rule from the policy
	                           (PM_RULE_UNSET: its own), or NULL */
	struct pm_col *col; /* the last column found (diag.c) */
	int no_excerpt;     /* findings do not quote the source's lines */
} pm_src;

void pm_src_init(pm_src *, const char *name, const char *text, size_t len,
                 pm_diag_fn, void *arg);
void pm_src_free(pm_src *);

/* Delivers the findings held so far to the sink in source order (by
 * line, then column; reports at one place keep their order), except
 * those a suppression comment silences, which are no longer counted
 * either. */
void pm_src_flush(pm_src *);

/* The place of the bytes p[0..n) of the source text (p points into it). */
pm_loc pm_src_loc(const pm_src *, const char *p, size_t n);

/* The place of a 1-based byte column on a line, covering n bytes. */
pm_loc pm_src_loc_bytes(const pm_src *, int line, int bytecol, size_t n);

/* Line text without its line ending; NULL when out of range. */
const char *pm_src_line(const pm_src *, int line, size_t *len);

/* Reports rule at loc with its default severity; the arguments fill the
 * rule's message format from rules.def. */
void pm_report(pm_src *, pm_rule, pm_loc, ...);

/* The same with a severity decided by the caller (strictness by status). */
void pm_report_as(pm_src *, pm_severity, pm_rule, pm_loc, ...);

/* The same with the arguments as a va_list. */
void pm_report_va(pm_src *, pm_severity, pm_rule, pm_loc, va_list);

/* Reports rule to fn at the file name as a whole (no line): a finding
 * about a file no source text is read from (a labels file, a folder, an
 * export), or about no file ("digest"). */
void pm_report_file(const char *name, pm_diag_fn, void *arg, pm_rule, ...);

/* The severity rule is reported at when the library would use sev,
 * after the source's overrides (pm_options.overrides, which win) or
 * else its policy's; PM_OFF: not at all. */
int pm_src_severity(const pm_src *, pm_rule, pm_severity sev);

/* Whether s[0..n) holds a character that pm_diag_escape() escapes. */
int pm_diag_unsafe(const char *s, size_t n);

/* pm_diag_escape() (pmc.h) escapes what a finding quotes. */

const char *pm_rule_id(pm_rule);
pm_severity pm_rule_severity(pm_rule);

#endif
