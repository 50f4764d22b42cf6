/* pmc.h: the public interface of libpmc, the postmortem compiler. */
#ifndef PMC_H
#define PMC_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#include "pmc_version.h" /* PMC_VERSION, from CMakeLists.txt */

/* PM_EXTERN marks the library's API: libpmc is built with every other
 * symbol hidden, so that a program linking libpmc.so reaches only what
 * this header declares, and the library's internals can change without
 * breaking it (docs/choices.md, "libpmc's ABI"). */
#if defined(__GNUC__)
#define PM_EXTERN __attribute__((visibility("default")))
#else
#define PM_EXTERN
#endif

/* A growable byte buffer; the caller owns data and frees it with
 * pm_buf_free(). A zeroed pm_buf is empty and ready for use. */
typedef struct pm_buf {
	char *data;
	size_t len;
	size_t cap;
} pm_buf;

PM_EXTERN void pm_buf_put(pm_buf *, const void *, size_t);
PM_EXTERN void pm_buf_puts(pm_buf *, const char *);
PM_EXTERN void pm_buf_putc(pm_buf *, int);
PM_EXTERN void pm_buf_printf(pm_buf *, const char *, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* pm_buf_printf with the arguments as a va_list. */
PM_EXTERN void pm_buf_vprintf(pm_buf *, const char *fmt, va_list);
/* A NUL-terminated view of the buffer, owned by it. */
PM_EXTERN const char *pm_buf_cstr(pm_buf *);
/* Appends s[0..n) as a quoted JSON string: control characters, '"', '\\'
 * and U+2028/U+2029 escaped (so it is JavaScript too), and a byte that
 * starts no valid UTF-8 sequence written as U+FFFD. */
PM_EXTERN void pm_buf_json_string(pm_buf *, const char *s, size_t n);
PM_EXTERN void pm_buf_free(pm_buf *);

/* Reads all of f, refusing more than 64 MiB with EFBIG (far beyond any
 * source, which the compiler refuses over 10 MB with a finding, and a
 * bound on what /dev/zero or an endless pipe can take). Returns the
 * bytes, with a NUL after them not counted in *len, which the caller
 * frees, or NULL with errno set. */
PM_EXTERN char *pm_read_all(FILE *f, size_t *len);

/* The policy's file name, looked for in a source's folder and above. */
#define PM_POLICY_FILE ".pmc.yml"
/* The path of the .pmc.yml nearest to source_path, walking up from its
 * folder to the root; NULL when there is none. The caller frees it. */
PM_EXTERN char *pm_policy_find(const char *source_path);

typedef int64_t pm_time; /* seconds since 1970-01-01T00:00:00Z */

/* A day of the calendar as a command line gives one (--today): the whole
 * of s is YYYY-MM-DD. Returns 0 and sets *t (when t is not NULL) to the
 * day's first second; -1 when s is not of that form; -2 when it is but
 * names no day (2025-02-30). */
PM_EXTERN int pm_day_read(const char *s, pm_time *t);

typedef enum pm_severity {
	PM_NOTE,
	PM_WARNING,
	PM_ERROR
} pm_severity;

/* One finding. Every pointer is valid only during the callback. */
typedef struct pm_diag {
	const char *file;
	int line;              /* 1-based; 0 when the finding has no place */
	int col;               /* 1-based, in characters */
	int span;              /* characters to underline, at least 1 */
	pm_severity severity;
	const char *rule;      /* stable rule id, e.g. "timeline-order" */
	const char *message;
	const char *excerpt;   /* the source line, without its newline, or NULL */
	size_t excerpt_len;
} pm_diag;

typedef void (*pm_diag_fn)(const pm_diag *, void *arg);

/* Appends s[0..n) to out as a finding may show it: line breaks and tabs
 * as \n \r \t, other C0 controls, DEL and bytes that start no valid
 * UTF-8 sequence as \xHH, C1 controls, line separators, bidirectional
 * controls and noncharacters as \uHHHH. Every value quoted in a message
 * and every file name goes through it, in every diagnostics format. */
PM_EXTERN void pm_diag_escape(pm_buf *out, const char *s, size_t n);

typedef enum pm_audience {
	PM_AUDIENCE_DEFAULT, /* whatever the document says */
	PM_AUDIENCE_INTERNAL,
	PM_AUDIENCE_PUBLIC
} pm_audience;

/* A rule reported at another severity than its own (-W error=overdue).
 * An override may raise any finding; it lowers or silences only warnings
 * and notes: a finding that is an error stays one. */
#define PM_OFF (-1) /* as a severity: not reported, not counted */
typedef struct pm_override {
	const char *rule;     /* a rule id, as pm_rules() lists them */
	int severity;         /* a pm_severity, or PM_OFF */
} pm_override;

typedef struct pm_options {
	const char *policy;   /* policy file; NULL: walk up from the source */
	const char *today;    /* YYYY-MM-DD for overdue follow-ups; NULL: now,
	                         or SOURCE_DATE_EPOCH when set */
	pm_audience audience;
	pm_diag_fn diag;      /* receives every finding; may be NULL */
	void *diag_arg;
	const pm_override *overrides; /* borrowed; the last one given for a
	                                 rule wins */
	size_t noverrides;
	int validate_ir;      /* also validate a tree the Markdown front end
	                         built against the schema (--validate-ir): a
	                         debug aid for tests and fuzzing; an XML
	                         source is always validated */
} pm_options;

/* A compiled postmortem: its intermediate form and what was found. */
typedef struct pm_doc pm_doc;

/* Compiles the source in bytes[0..len). name is used in diagnostics and
 * picks the front end (".xml" reads the intermediate form, anything else
 * is Markdown). Never returns NULL; check pm_doc_errors(). The caller
 * frees the result with pm_doc_free(). */
PM_EXTERN pm_doc *pm_doc_parse(const char *name, const char *bytes,
                               size_t len, const pm_options *);

/* Reads path ("-" is standard input) and compiles it. Returns NULL when
 * the file cannot be read, with errno set; diagnoses nothing then. */
PM_EXTERN pm_doc *pm_doc_load(const char *path, const pm_options *);

PM_EXTERN int pm_doc_errors(const pm_doc *);
PM_EXTERN int pm_doc_warnings(const pm_doc *);
PM_EXTERN void pm_doc_free(pm_doc *);

/* Options shared by every back end. */
typedef enum pm_paper {
	PM_PAPER_A4,
	PM_PAPER_LETTER
} pm_paper;

typedef struct pm_render_opts {
	const char *lang;     /* output labels; NULL: the document's lang */
	const char *template; /* html: an XSLT file replacing the default;
	                         NULL: templates/report.xsl */
	const char *datadir;  /* the templates folder; NULL: pm_template_dir() */
	pm_paper paper;       /* pdf */
	pm_diag_fn diag;      /* receives back-end findings (a missing font,
	                         a broken template); may be NULL */
	void *diag_arg;
} pm_render_opts;

/* Every back end has this shape: appends the rendering of doc to out and
 * returns 0, or -1 when the document cannot be rendered (it has errors).
 */
typedef int (*pm_render_fn)(const pm_doc *, const pm_render_opts *,
                            pm_buf *out);

PM_EXTERN int pm_render_json(const pm_doc *, const pm_render_opts *,
                              pm_buf *out);
PM_EXTERN int pm_render_xml(const pm_doc *, const pm_render_opts *,
                             pm_buf *out);
PM_EXTERN int pm_render_html(const pm_doc *, const pm_render_opts *,
                              pm_buf *out);
PM_EXTERN int pm_render_md(const pm_doc *, const pm_render_opts *,
                            pm_buf *out);
PM_EXTERN int pm_render_pdf(const pm_doc *, const pm_render_opts *,
                             pm_buf *out);
/* The PDF libraries (libharu, HarfBuzz, fontconfig) are loaded when the
 * first PDF is made, so that a program that makes none does not pay for
 * them. This loads them now: 0, or -1 with the reason in why[0..n) (a
 * library or a function not found). pm_render_pdf() reports the same as
 * a finding; pm_digest_pdf() returns -1. */
PM_EXTERN int pm_pdf_load(char *why, size_t n);

/* pmc fmt: appends the Markdown source bytes[0..len) rewritten in
 * canonical form to out (docs/choices.md, "pmc fmt"); name is used as by
 * pm_doc_parse(). The rewrite is compiled again and must give the same
 * intermediate form (positions and known section headings aside).
 * Returns 0, or -1 with out unchanged when the source has errors or
 * could not be rewritten without changing its meaning; the findings go
 * to opts->diag. An XML source is appended unchanged. */
PM_EXTERN int pm_fmt(const char *name, const char *bytes, size_t len,
                     const pm_options *, pm_buf *out);

/* pmc fmt --fix-mojibake: appends s[0..len) to out with every run of
 * mojibake (UTF-8 decoded as a single-byte code page and encoded again:
 * "Ã¸" for "ø") repaired, and returns how many runs were; returns -1
 * with out unchanged when s is not valid UTF-8, which is left as it is. */
PM_EXTERN long pm_mojibake_repair(const char *s, size_t len, pm_buf *out);

/* The folder of templates and label data (XSLT, CSS, the labels folder):
 * $PMC_TEMPLATES when set, else ../share/pmc/templates beside the
 * running executable when it exists (an installed pmc), else for a
 * program of pmc's build folder the templates/ of the source tree it was
 * built from, for any other the installed templates (share/pmc/templates
 * of the prefix libpmc was built for) when they are there. Borrowed;
 * never NULL. */
PM_EXTERN const char *pm_template_dir(void);

/* Forgets the templates and labels read so far (compiled stylesheets,
 * label sets), which the library keeps for the process's life: the next
 * rendering reads them again. For a program that runs on while the
 * templates folder changes (pmc serve); no rendering may be under way. */
PM_EXTERN void pm_templates_forget(void);

/* The back end for a format name ("json", "xml", ...), or NULL. */
PM_EXTERN pm_render_fn pm_render_lookup(const char *format);

/* What a format's output depends on besides its document and the options
 * every format reads (pmc build keys each output on these). */
enum {
	PM_DEPENDS_DATADIR = 1,  /* the templates folder: templates, labels */
	PM_DEPENDS_TEMPLATE = 2, /* a --template and what it includes */
	PM_DEPENDS_FONTS = 4,    /* the fonts fontconfig finds */
	PM_DEPENDS_PAPER = 8     /* the paper size */
};
/* The PM_DEPENDS_ flags of a format, from the same table as its back end;
 * 0 for an unknown one. */
PM_EXTERN unsigned pm_render_depends(const char *format);

/* A compiled postmortem's follow-ups, for tools that look across
 * incidents (pmc followups): what the incident is, and each action item
 * wherever it stands in the document, in source order. The strings are
 * plain text (inline markup dropped), owned, NULL when the source gives
 * none. */
typedef struct pm_follow_up {
	char *text;
	char *owner;    /* the item's owner, else the postmortem's */
	char *due;      /* YYYY-MM-DD when readable, or the policy's */
	int due_by_policy; /* due is the policy's deadline for the severity
	                      (the item gives none) */
	char *type, *priority, *ticket;
	int done;
	int overdue;    /* open and due before the document's today */
	long days_overdue; /* for an overdue item: days since it was due */
	int line, col;  /* of the item in the source */
} pm_follow_up;

typedef struct pm_incident {
	char *file;     /* the name the document was read by */
	char *id, *title, *severity, *status;
	char *started;  /* the day it started, YYYY-MM-DD in its zone */
	char *resolved; /* likewise */
	int severity_rank; /* on the policy's scale, 0 the most severe; -1 */
	char *impact;   /* the impact line (front matter, else the impact
	                   section's first sentence) */
	char *detected_by; /* how it was detected: monitoring, customer,
	                      employee, vendor, other; NULL: not said */
	long long ttd, tta, ttm, ttr; /* seconds from the start; -1: none */
	pm_follow_up *items;
	size_t n;
	pm_doc *doc; /* NULL; a caller that keeps the document sets it, and
	                pm_digest_pdf then opens each incident's summary with
	                the first page of its own report. Not freed with the
	                incident. */
} pm_incident;

/* The incident and its follow-ups; NULL when doc has no tree (a source
 * the front end could not read). Free with pm_incident_free(). */
PM_EXTERN pm_incident *pm_doc_incident(const pm_doc *);
PM_EXTERN void pm_incident_free(pm_incident *);

/* pmc digest: one report for management over a period. */
typedef struct pm_digest_opts {
	const char *since, *until; /* YYYY-MM-DD, inclusive */
	const char *lang;          /* labels; NULL: English */
	const char *datadir;       /* the templates folder; NULL:
	                              pm_template_dir() */
	pm_diag_fn diag;           /* receives why a digest cannot be made
	                              (the labels, the template, the fonts,
	                              the PDF library), at the file at
	                              fault; may be NULL */
	void *diag_arg;
} pm_digest_opts;

/* Appends to out a Markdown digest of the incidents among ins[0..n) that
 * started in the period: headline numbers (compared with the period of
 * the same length before it, when ins has incidents there), a row per
 * incident, and the follow-ups still open. Returns 0, or -1 when the
 * labels cannot be read; each -1 has been reported to opts->diag. */
PM_EXTERN int pm_digest_md(pm_incident *const *ins, size_t n,
                           const pm_digest_opts *, pm_buf *out);
/* The same as one HTML page in the reports' look (templates/digest.xsl).
 * Returns -1 when the labels or the template cannot be read. */
PM_EXTERN int pm_digest_html(pm_incident *const *ins, size_t n,
                             const pm_digest_opts *, pm_buf *out);
/* The same as a PDF, typeset as the single reports are. Returns -1 when
 * the labels, the fonts or the PDF libraries cannot be had, or libharu
 * fails (its first error is reported). */
PM_EXTERN int pm_digest_pdf(pm_incident *const *ins, size_t n,
                            const pm_digest_opts *, pm_buf *out);

/* pmc import: a draft postmortem from what a status page or a chat
 * said (docs/choices.md, "pmc import"). */

/* The input's format by its content: "statuspage" for JSON (an object
 * or an array: the reader says what is wrong with one that holds no
 * incident), "text" else. A folder is "slack" (the caller's choice). */
PM_EXTERN const char *pm_import_sniff(const char *bytes, size_t len);

/* A window's end for the Slack reader (pm_import_input.since, .until)
 * as a user writes it: "YYYY-MM-DD" (a day: from its first second, or
 * to its last), or "YYYY-MM-DD HH:MM[:SS]" with an offset ("+01:00") or
 * a zone word ("UTC", "CET"), or with neither: a time on the clock of
 * the export's zone. Returns 0; -1 when s has none of these forms; -2
 * when its zone word cannot be read, with why in msg[0..n). */
PM_EXTERN int pm_import_window_check(const char *s, char *msg, size_t n);

/* What to read, and how. */
typedef struct pm_import_input {
	const char *from;    /* "text", "statuspage" or "slack" */
	const char *name;    /* the input's name in findings; for "slack" the
	                        export's folder (users.json, channels.json, a
	                        folder per channel of YYYY-MM-DD.json files) */
	const char *bytes;   /* "text", "statuspage": the input bytes[0..len) */
	size_t len;
	const char *id;      /* "statuspage": the one incident to read (an
	                        incidents.json holds several); NULL: each */
	/* "slack": which messages of the export's only channel */
	const char *since, *until; /* the window's ends (see
	                              pm_import_window_check()), or NULL */
	int pinned;           /* only pinned messages */
	const char *reaction; /* only messages with this reaction (its
	                         name: "eyes"), or NULL */
	pm_diag_fn diag;     /* receives what cannot be read (each file's own
	                        name, line and column); may be NULL */
	void *diag_arg;
} pm_import_input;

/* The incidents read from one input. */
typedef struct pm_import_set pm_import_set;

/* Reads in with the reader its format needs. *out receives the
 * incidents read, never NULL; free it with pm_import_set_free(). Returns
 * 0, or -1 when the input had an error or a window's end is not one
 * pm_import_window_check() takes (either reported to in->diag): no
 * draft is then to be made. */
PM_EXTERN int pm_import_read(const pm_import_input *in,
                             pm_import_set **out);
/* How many incidents were read (Statuspage's incidents.json: several). */
PM_EXTERN size_t pm_import_set_count(const pm_import_set *);
/* The id of the k-th incident in its input, or NULL; borrowed. */
PM_EXTERN const char *pm_import_set_id(const pm_import_set *, size_t k);

/* How a draft is made. */
typedef struct pm_import_opts {
	const char *lang;   /* labels and headings; NULL: guessed from the
	                       posts */
	const char *policy; /* the policy file whose scale the severity is
	                       from, or NULL: the default scale */
	const char *name;   /* the input's name, for findings */
} pm_import_opts;

/* Writes the draft source of the k-th incident to out, in the canonical
 * form pmc fmt gives it: front matter, the scaffold's sections
 * (templates/new/) with the posts as the timeline and the note as the
 * summary. Findings (a word of the input missing from the draft, a draft
 * pmc cannot read) go to opts' diag under io->name. Returns 0, or -1
 * with out unchanged. */
PM_EXTERN int pm_import_set_draft(const pm_import_set *, size_t k,
                                  const pm_import_opts *io,
                                  const pm_options *opts, pm_buf *out);
PM_EXTERN void pm_import_set_free(pm_import_set *);

/* Rule ids and their default severities, for documentation and tools. */
typedef struct pm_rule_info {
	const char *id;
	pm_severity severity;
	const char *summary;
} pm_rule_info;
PM_EXTERN const pm_rule_info *pm_rules(size_t *count);

/* A site: many postmortems published together under one index page, as
 * pmc build makes it (index.html: a table of the incidents, newest
 * first, and charts across them, from templates/index.xsl). What the
 * index shows of a postmortem is its summary, a few fields of text that
 * a program can keep between runs (pmc build keeps them in its record,
 * .pmc-build), so that the index is made again without compiling any
 * source again. */

/* The names of a summary's fields, in the order of its values: those of
 * the incident (action 0) or those of each open follow-up (action 1),
 * the attributes templates/index.xsl reads. *n, when n is not NULL,
 * receives how many. Borrowed; the list ends with NULL. */
PM_EXTERN const char *const *pm_site_fields(int action, size_t *n);

/* A postmortem as the index lists it. */
typedef struct pm_site_entry {
	const char *href;           /* its report, relative to the index
	                               (pm_site_index() percent-encodes it);
	                               NULL: no link */
	const char *const *fields;  /* a value for each of pm_site_fields(0)'s
	                               names, NULL where the document gives
	                               none */
	const char *const *actions; /* nactions times pm_site_fields(1)'s
	                               values, follow-up after follow-up */
	size_t nactions;            /* its open follow-ups */
} pm_site_entry;

/* The summary of a compiled postmortem (href NULL); NULL when doc has no
 * tree. Free with pm_site_entry_free(), and only such an entry. */
PM_EXTERN pm_site_entry *pm_site_entry_new(const pm_doc *);
PM_EXTERN void pm_site_entry_free(pm_site_entry *);

/* Writes the index page of the entries es[0..n) to out (they may come
 * from pm_site_entry_new() or from fields a program kept): the figures
 * are computed once, and the table's rows written a hundred at a time,
 * so that no tree of a large site's whole table is ever built. Labels in
 * opts->lang, else the language most of the postmortems are in; today
 * (YYYY-MM-DD) is the day the page says overdue follow-ups are counted
 * by, NULL: as pm_day_today(NULL). Returns 0, or -1 after reporting to
 * opts->diag (rule "template"). */
PM_EXTERN int pm_site_index(const pm_site_entry *es, size_t n,
                            const pm_render_opts *opts, const char *today,
                            FILE *out);

/* A finding of a check a program makes across the postmortems of a site
 * (pmc build: "duplicate-id", two sources of one id, a and b the id and
 * the other source; "id-file-name", an id that cannot name a file, a and
 * b the id and why): reported to fn at the id in the front matter of the
 * source bytes[0..len) named name (bytes may be NULL when len is 0),
 * else at its first line, with the rule's message. Returns 0, or -1 for
 * a rule other than these two. */
PM_EXTERN int pm_site_report(const char *name, const char *bytes,
                             size_t len, const char *rule, const char *a,
                             const char *b, pm_diag_fn fn, void *arg);

/* The document's id (front matter id:), borrowed from doc; NULL when it
 * has no tree or no id. Also of a document with errors. */
PM_EXTERN const char *pm_doc_id(const pm_doc *);

/* The first and last day, YYYY-MM-DD, on which doc renders as it does on
 * the day it was compiled for (pm_options.today): an open follow-up's
 * due date passing turns it overdue. "" on a side that has no limit. */
PM_EXTERN void pm_doc_window(const pm_doc *, char from[16], char to[16]);

/* The day a document is compiled for when pm_options.today is today
 * (NULL: SOURCE_DATE_EPOCH's day when it is set, else the clock's), as
 * the day's first second, UTC: a program compiling many documents takes
 * it once, so that all are judged by one day. */
PM_EXTERN pm_time pm_day_today(const char *today);

/* What a document's outputs depend on besides its source, its policy and
 * the options, for a program that rebuilds only what changed (pmc build
 * keys each output on it). Until pm_tz_trace(NULL, NULL), fn(path, arg)
 * is called with the file of every time zone this thread loads
 * (compiling or rendering; cached or not). */
PM_EXTERN void pm_tz_trace(void (*fn)(const char *path, void *arg),
                           void *arg);
/* Calls fn with each file of the faces a PDF tries first and each folder
 * fontconfig finds the others in (a folder changes when a font in it is
 * added, removed or replaced): what a PDF's look depends on besides its
 * source (PM_DEPENDS_FONTS). Loads the PDF libraries (pm_pdf_load());
 * without them, the first faces only. */
PM_EXTERN void pm_fonts_list(void (*fn)(const char *path, void *arg),
                             void *arg);

/* What the public audience puts in the place of an e-mail address or a
 * phone number (pm_options.audience). */
#define PM_REDACTED "[redacted]"

/* What an editor asks about a compiled postmortem (pmc lsp): what the
 * times on a line say, the document's outline, and the words of the
 * format to offer where a word is written. Lines are the Markdown
 * source's, 1-based; a document read from XML has no hovers and no
 * outline (its places are the XML's). A document compiled with
 * PM_AUDIENCE_INTERNAL is seen whole, whatever its audience says. */

/* Appends to out what the times on line of doc's source say, a blank
 * line between two: the instant as the clock reads it in the document's
 * zone ("2024-05-14 15:12", seconds when it has any), the zone and its
 * offset, and on the next line the same instant in UTC. A milestone (a
 * front-matter time, or a timeline event tagged with one) is named
 * first ("detected: ..."), and its derived figure follows on a line of
 * its own, labelled and written in the document's language ("Time to
 * detect: 12 min"). Plain text. Returns how many times were written; 0,
 * with out unchanged, when the line has none. */
PM_EXTERN int pm_doc_hover(const pm_doc *, int line, pm_buf *out);

typedef enum pm_outline_kind {
	PM_OUTLINE_SECTION,   /* a section, by its heading */
	PM_OUTLINE_DAY,       /* a day heading of the timeline */
	PM_OUTLINE_MILESTONE, /* a timeline event tagged with a milestone */
	PM_OUTLINE_WHY,       /* a why of the five whys, by its question */
	PM_OUTLINE_FOLLOW_UP  /* a follow-up, by its text */
} pm_outline_kind;

typedef struct pm_outline_item {
	pm_outline_kind kind;
	char *text;            /* plain text (inline markup dropped), whole;
	                          owned, never NULL, may be empty */
	const char *milestone; /* PM_OUTLINE_MILESTONE: "detected", ...;
	                          static; else NULL */
	int line;              /* where it is, 1-based */
	int last;              /* a section: the last line before the next
	                          section (or the source's last); else line */
} pm_outline_item;

/* The outline: each section in source order, followed by the days,
 * milestones, whys and follow-ups in it (those of its subsections
 * too). */
typedef struct pm_outline {
	pm_outline_item *items;
	size_t n;
} pm_outline;

/* Never NULL; empty for a document without a tree or read from XML.
 * Free with pm_outline_free(). */
PM_EXTERN pm_outline *pm_doc_outline(const pm_doc *);
PM_EXTERN void pm_outline_free(pm_outline *);

/* The words a source may write in a place, each a kind. */
typedef enum pm_word_kind {
	PM_WORD_FRONT_MATTER_KEY, /* "title", "id", ... in format.md's order */
	PM_WORD_STATUS,           /* draft, review, final */
	PM_WORD_SEVERITY,         /* the policy's levels in its order;
	                             without any, SEV1-SEV5 and P0-P4 */
	PM_WORD_DETECTED_BY,      /* monitoring, customer, ... */
	PM_WORD_AUDIENCE,         /* internal, public */
	PM_WORD_LANG,             /* the languages of pmc's headings: en,
	                             nb, ja */
	PM_WORD_HEADING,          /* the known sections' headings in the
	                             document's language ("Tidslinje") */
	PM_WORD_EVENT_KIND,       /* a timeline event's [kind]: the
	                             milestones, escalated, update */
	PM_WORD_FOLLOW_UP_ATTR,   /* a follow-up's keys: owner, due, type,
	                             priority, ticket */
	PM_WORD_FOLLOW_UP_TYPE    /* type: prevent, detect, ... */
} pm_word_kind;

/* The k-th word (from 0) of kind, or NULL past the last, so that
 * for (k = 0; (w = pm_doc_word(doc, kind, k)) != NULL; k++)
 * goes through them in the order a list should show them. doc gives the
 * policy its levels come from and the language of the headings; NULL
 * for the default policy and English. Borrowed: it lives as long as doc
 * (or the process, for doc NULL). */
PM_EXTERN const char *pm_doc_word(const pm_doc *, pm_word_kind, size_t k);

#ifdef __cplusplus
}
#endif
#endif
