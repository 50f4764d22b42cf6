/* cli.h: the pieces of the pmc command line that its commands share. The
 * command line is the only place that prints findings and decides the exit
 * status (spec/cli.md). */
#ifndef PM_CLI_H
#define PM_CLI_H

#include <sys/types.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "pmc.h"

enum { EXIT_INVALID = 1, EXIT_USAGE = 2 };
enum diag_format { FMT_TEXT, FMT_JSON, FMT_GITHUB, FMT_SARIF };
/* pmc followups --format */
enum list_format { LIST_TEXT, LIST_CSV, LIST_JSON, LIST_MD, LIST_GITHUB,
                   LIST_SARIF };

typedef struct cli {
	const char *command;  /* the command's name: "compile", "check" ... */
	const char *output;   /* -o */
	const char *format;   /* -t */
	enum diag_format diag_format;
	int excerpt;          /* 1, 0, -1: when printed to a terminal */
	int color;            /* --color: 0 auto, 1 always, -1 never */
	int max_warnings;     /* --max-warnings; -1: no limit */
	int strict;
	int quiet;
	int help;             /* --help: the command's help, nothing run */
	int jobs;             /* build -j; 0: the number of cores */
	int check_only;       /* fmt --check */
	int diff_only;        /* fmt --diff */
	int fix_mojibake;     /* fmt --fix-mojibake */
	const char *since;    /* followups, digest: YYYY-MM-DD; import: a time */
	const char *until;
	int open_only;        /* followups --open */
	int overdue_only;     /* followups --overdue */
	const char *owner;    /* followups --owner */
	const char *severity; /* followups --severity */
	enum list_format list_format; /* followups --format */
	int fail_on_overdue;  /* followups --fail-on overdue */
	const char *import_from; /* import --from: statuspage, text, slack */
	const char *import_id;   /* import --id */
	int pinned;           /* import --pinned */
	const char *reaction; /* import --reaction */
	const char *stdin_filename; /* check --stdin-filename: the name of "-" */
	pm_options opts;
	pm_render_opts ropts;
	const char **sources;
	size_t nsources;
	pm_override *overrides; /* -W error=RULE ...; opts points here */
	/* findings */
	int errors, warnings, files;
	FILE *findings;       /* where findings go; NULL: stderr for text,
	                         stdout for the other formats (diag_stream) */
	pm_buf json;          /* --format json: the array so far */
	int json_count;
	struct sarif_run *sarif; /* --format sarif: the repository's root
	                            and the fingerprints so far (cli_sarif.c) */
	int port;             /* serve --port; 0: one the kernel picks */
	const char *bind;     /* serve --bind; NULL: 127.0.0.1 */
	/* Told of each source when pmc build is done with it, its findings
	 * printed: the id its page has (or last had, or NULL) and whether it
	 * was built (or is up to date). pmc serve's, to know a page to show
	 * the findings in; NULL for the other commands. */
	void (*on_built)(void *arg, const char *path, const char *id, int ok);
	void *on_built_arg;
} cli;

/* A growable list of owned strings. */
typedef struct list {
	char **items;
	size_t n, cap;
} list;

extern const char *const pm_cli_sevnames[]; /* by pm_severity */

/* Prints "pmc: " and the message on standard error, the whole message
 * escaped as findings are (pm_diag_escape): the file names and values in
 * it are the user's, and must not drive the terminal or forge a line of
 * their own. Every line pmc itself writes to standard error goes here. */
void say(const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 1, 2)))
#endif
    ;

/* say(fmt, arg) (fmt with one %s), returning EXIT_USAGE. */
int fail(const char *fmt, const char *arg);
int worse(int a, int b);

/* The diagnostics sink given to the library (cli_diag.c), and the closing
 * "N files checked" line. */
void on_diag(const pm_diag *, void *cli);
/* s escaped as findings show it (pm_diag_escape), in b; for a source's
 * name in any other line pmc prints. */
const char *cli_escape(pm_buf *b, const char *s);
void summary(const cli *);
/* Where c's findings are printed. */
FILE *diag_stream(const cli *c);
/* What closes a run's findings: the JSON array or SARIF log gathered so
 * far on standard output, or the text summary line. */
void diag_finish(const cli *);
/* SARIF (cli_sarif.c): one finding added to c's results, raw_file its
 * source's name as given; the whole log printed to out; what the run
 * kept freed. */
void sarif_result(cli *c, const pm_diag *d, const char *raw_file);
void sarif_print(const cli *c, FILE *out);
void sarif_free(cli *c);
/* The exit status of a run that ended with rc, and why when it fails
 * for a reason no finding shows: more warnings than --max-warnings
 * allows (which fails the run, as eslint's does), or --strict (said as
 * gcc says it). */
int verdict(const cli *, int rc);

void list_add(list *, char *owned);
void list_free(list *);
char *join_path(const char *dir, const char *name);
/* Appends the sources under dir (postmortem *.md files, depth first);
 * returns 0, or -1 after saying why a folder could not be read. */
int walk(const char *dir, list *out);
/* Expands the command line's sources: folders into their postmortems in
 * name order, files and "-" as given. Returns 0 or EXIT_USAGE. */
int collect_sources(const cli *, list *out);
int by_name(const void *, const void *);
/* Whether head[0..n), a file's first bytes, starts like front matter:
 * its first text (after a BOM and blank lines) starts with "--". A
 * Markdown file that does not is no postmortem, and is skipped
 * (docs/choices.md, "Which Markdown files are postmortems"). */
int starts_like_front_matter(const char *head, size_t n);
/* A Markdown file by its name, as pre-commit's 'markdown' type sees it. */
int is_markdown(const char *path);
int same_file(const char *a, const char *b);
/* Writes out to path through a temporary file in the same folder and a
 * rename; returns 0, or -1 with errno set, path untouched and no
 * temporary file left, even when pmc is killed by a signal meanwhile. */
int write_atomic(const char *path, const pm_buf *out);
/* Whether -o out names a folder (it exists as one, or ends in '/'),
 * said on standard error when it does; "-" and NULL are none. */
int output_is_folder(const char *out);
/* The mode of a new output file: 0666 less the umask. */
mode_t output_mode(void);
/* Appends to out a unified diff (3 lines of context) that turns a into b,
 * both named name in its header; returns 1 if they differ, else 0 (and
 * out is left as it was). udiff.c */
int udiff(const char *name, const char *a, size_t alen, const char *b,
          size_t blen, pm_buf *out);
/* For a command that writes its own temporary files: mkstemp(tmpl), and
 * the file is removed if pmc gets SIGINT, SIGTERM or SIGHUP before
 * tmp_done(*slot) (call it once the file is renamed or unlinked; pmc then
 * dies of the signal). Returns the descriptor, or -1 with errno set.
 * Thread-safe. */
int tmp_open(char *tmpl, int *slot);
void tmp_done(int slot);

/* The format name[0..len) means, as pandoc reads -t and extensions: in
 * any case, .htm and .markdown as other spellings; "html", "pdf", "md",
 * "json" or "xml", or NULL for none of them. */
const char *cli_format_name(const char *name, size_t len);

/* --today and SOURCE_DATE_EPOCH decide what is overdue in every command:
 * a value that is no day is a usage error, never quietly the clock.
 * Returns 0 or EXIT_USAGE after saying why (main.c). */
int check_dates(const cli *);

/* The commands; each returns the exit status. */
int run_check(cli *);
int run_compile(cli *);
int run_fmt(cli *);
int run_build(cli *);
int run_new(cli *);
int run_followups(cli *);
int run_digest(cli *);
int run_import(cli *);
/* Writes out to path unless a file of that name exists, never half of
 * it (a temporary file linked into place); returns 0, or -1 with errno
 * set (EEXIST when path exists). cmd_new.c */
int write_new(const char *path, const pm_buf *out);
int run_serve(cli *);
int run_lsp(cli *);

/* Milliseconds on the monotonic clock, for waits (cli_files.c). */
int64_t cli_now_ms(void);

#endif
