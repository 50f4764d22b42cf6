/* comment.h: what an HTML comment in a source means: an audience marker
 * (format.md section 8), a comment that looks like one, or a remark. */
#ifndef PM_COMMENT_H
#define PM_COMMENT_H

#include <stddef.h>

typedef enum pm_comment_kind {
	PM_COMMENT_NONE,   /* not a comment: no "<!--" first */
	PM_COMMENT_REMARK, /* any other comment, dropped */
	PM_COMMENT_OPEN,   /* <!-- internal -->, <!-- Internal: why --> */
	PM_COMMENT_CLOSE,  /* <!-- /internal --> */
	PM_COMMENT_NEAR    /* looks like a marker but is none: an error */
} pm_comment_kind;

/* The first comment of s[0..n) (blanks before it allowed). *end is set
 * to the byte after its "-->", or to n when it is never closed (then
 * *closed is 0). The rule (docs/choices.md, "Audience markers"): the
 * comment's first word decides; "internal", in any case, after an
 * optional '/', and followed by nothing, a blank or ':' (a reason), is a
 * marker; a first word that holds "internal" otherwise (internal-only,
 * end-internal) or is within two edits of it (intenral) is NEAR. */
pm_comment_kind pm_comment_classify(const char *s, size_t n, size_t *end,
                                    int *closed);

/* The same for a whole HTML block or inline literal that must be one
 * marker: a marker followed by anything but blanks is NEAR (text on a
 * marker's line would be dropped with the comment, or published). */
pm_comment_kind pm_comment_marker(const char *s, size_t n);

#endif
