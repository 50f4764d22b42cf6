/* import.h: pmc import's readers (a status page copied as text, Atlassian
 * Statuspage JSON, a Slack channel export) and the one writer that turns
 * what they read into a draft source. The readers only fill a pm_import;
 * only the writer knows the source format. */
#ifndef PM_IMPORT_H
#define PM_IMPORT_H

#include <stddef.h>

#include "diag.h"
#include "pmc.h"
#include "pmtime.h"

/* What a post says about the incident's state (docs/choices.md, "pmc
 * import"): the status words of a status page, English or Norwegian. */
typedef enum pm_post_status {
	PM_POST_NONE,          /* a chat message: no status word */
	PM_POST_INVESTIGATING,
	PM_POST_IDENTIFIED,
	PM_POST_UPDATE,
	PM_POST_MONITORING,
	PM_POST_RESOLVED,
	PM_POST_UNKNOWN        /* a word the table does not know */
} pm_post_status;

/* One post: a status page update or a chat message. */
typedef struct pm_post {
	pm_post_status status;
	char *word;   /* the status word as written ("Løst"), or NULL */
	char *author; /* a chat message's writer, or NULL */
	char *body;   /* CommonMark; may span paragraphs */
	pm_time t;
	int offset;   /* the offset the post was written in, seconds */
	int has_offset; /* the input gave it (else the draft's zone) */
	size_t seq;   /* its place in the input: ties keep input order */
} pm_post;

typedef struct pm_import {
	char *title;
	char *owner;   /* "Incident Report for ..." */
	char *impact;  /* Statuspage's none/minor/major/critical, or NULL */
	char *note;    /* a postmortem note, CommonMark, or NULL */
	char *link;    /* the incident's page, or NULL */
	char *id;      /* the incident's id in the input, or NULL */
	pm_time started; /* when the input says the impact began (a field,
	                    not a post), with has_started */
	int has_started;
	char *zone;    /* a zone the input names (IANA, or NULL) */
	char **services;
	size_t nservices;
	pm_post *posts;
	size_t nposts, cap;
	/* The plain text of every post and note, as read: the writer checks
	 * that each of its words is in the draft. */
	pm_buf words;
} pm_import;

/* The readers. Each fills im from the input bytes[0..len) and reports
 * what it cannot read to src (the input's own lines and columns; src
 * must be initialised on the same bytes). Returns 0, or -1 when it found
 * an error (src->errors counts them); im is then still freed by
 * pm_import_free(). */
int pm_import_text(pm_src *src, pm_import *im);
/* Statuspage JSON: an incident, or an incidents.json with several; id
 * picks one (NULL: all of them, each into its own pm_import). *ims and
 * *n receive the owned array; free each with pm_import_free() and the
 * array with free(). */
int pm_import_statuspage(pm_src *src, const char *id, pm_import **ims,
                         size_t *n);

/* The Slack reader's choice of messages. */
typedef struct pm_slack_opts {
	const char *channel; /* the channel folder's name, or NULL: the only
	                        one */
	/* With has_since/has_until, the window's ends as the user wrote
	 * them: with an offset, that instant; without, a wall-clock time in
	 * the zone the draft is written in (users.json's, else UTC). */
	pm_stamp since, until;
	int has_since, has_until;
	int pinned;           /* only pinned messages */
	const char *reaction; /* only messages with this reaction, or NULL */
} pm_slack_opts;
/* A Slack export: the folder dir (users.json, channels.json, a folder
 * per channel of YYYY-MM-DD.json files). Findings go to fn with each
 * file's own name, line and column. */
int pm_import_slack(const char *dir, const pm_slack_opts *,
                    pm_diag_fn fn, void *arg, pm_import *im, int *errors);

/* Adds a post to im and returns it, zeroed but for seq. */
pm_post *pm_import_post(pm_import *im);
/* Appends the service s[0..n) to im unless it is there already. */
void pm_import_service(pm_import *im, const char *s, size_t n);
/* Appends s[0..n) to out as CommonMark text that shows exactly s: the
 * characters that would start markup escaped, each line a hard break. */
void pm_md_plain(pm_buf *out, const char *s, size_t n);
/* The same for a part of a line: blanks kept, a line break a hard
 * break, blank lines a new paragraph. *bol says where s starts: 2 at a
 * block's start (line breaks there are dropped), 1 at a line's (where
 * "1." or "#" would start a block), 0 inside one; it is updated. */
void pm_md_inline(pm_buf *out, const char *s, size_t n, int *bol);
/* Appends the URL u[0..n) with what a link or pmc fmt could misread
 * (blanks, brackets, parentheses, angle brackets, backslashes, quotes,
 * backticks, asterisks) percent-encoded: the same address, written one
 * way. dest: for a link's destination, where "&lt;" would be read as
 * an entity (its '&' percent-encoded too); else for an autolink, where
 * nothing is. */
void pm_url_put(pm_buf *out, const char *u, size_t n, int dest);
/* Appends s[0..n) to words (pm_import.words), its bare URLs as
 * pm_md_inline() writes them. Every reader records through it; a piece
 * of a line is appended as it joins the rest in the draft. */
void pm_words_put(pm_buf *words, const char *s, size_t n);
/* The status word s[0..n) means, PM_POST_UNKNOWN for none; "Resolved",
 * "løst", "Undersøker" ... (case-insensitive). */
pm_post_status pm_post_status_word(const char *s, size_t n);
void pm_import_free(pm_import *);

/* Writes the draft source of im to out, in the canonical form pmc fmt
 * gives it: front matter, the scaffold's sections (templates/new/) with
 * the posts as the timeline and the note as the summary. Findings (a
 * word of the input missing from the draft, a draft pmc cannot read) go
 * to opts' diag with name. Returns 0, or -1 with out unchanged. */
int pm_import_draft(const pm_import *im, const pm_import_opts *io,
                    const pm_options *opts, pm_buf *out);

#endif
