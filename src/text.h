/* text.h: matching what people write against the format's names: section
 * headings in three languages, lessons subsections, near misses. */
#ifndef PM_TEXT_H
#define PM_TEXT_H

#include <stddef.h>

#include "names.h"

/* The language whose aliases apply: "nb" for nb, no and nn, "ja", else
 * "en" (English aliases are always accepted besides). */
const char *pm_lang_family(const char *bcp47);

/* s[0..n) without leading and trailing whitespace, punctuation and emoji,
 * case-folded (ASCII, Latin-1, Latin Extended-A); the caller frees it. */
char *pm_text_fold(const char *s, size_t n);

/* The length of a heading's name before a remark the writer added to it:
 * "Timeline (all times UTC)", "Impact: checkout only", "Lessons - what we
 * keep" (a parenthesis, a colon, a spaced dash; full-width ones too); n
 * when it has none. */
size_t pm_heading_name(const char *s, size_t n);
/* The length of a section number and the blanks after it at the start of
 * a heading ("2. ", "3.1 ", "4) "), or 0. */
size_t pm_heading_number(const char *s, size_t n);

/* The section key that heading matches for lang, or PM_SEC_CUSTOM; a
 * heading whose name before a remark matches, matches. */
pm_section_key pm_section_match(const char *heading, size_t n,
                                const char *lang);

/* For a heading that matches nothing: a known name within edit distance
 * 2 (and less than half its length), else NULL. Static storage. */
const char *pm_section_near(const char *heading, size_t n, const char *lang);

/* The canonical heading of a section key in lang ("Tidslinje"). */
const char *pm_section_heading(pm_section_key, const char *lang);

/* A lessons subsection: "went-well", "went-wrong", "got-lucky" or NULL. */
const char *pm_lessons_match(const char *heading, size_t n);

/* Levenshtein distance in code points, giving up (returning max + 1)
 * once it must exceed max. */
size_t pm_edit_distance(const char *a, const char *b, size_t max);

/* s with each run of spaces, tabs and line breaks made one space and
 * none at the ends, in place, as XPath's normalize-space(); returns s. */
char *pm_fold_space(char *s);

/* Is s[0..n) only spaces, tabs and line breaks? */
int pm_text_blank(const char *s, size_t n);

/* s[0..n) trimmed of ASCII whitespace: sets *start and returns length. */
size_t pm_text_trim(const char *s, size_t n, const char **start);

#endif
