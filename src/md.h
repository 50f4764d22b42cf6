/* md.h: the Markdown front end's shared state: front matter, prose and
 * the structured sections (timeline, whys, follow-ups) all build the IR
 * through it. */
#ifndef PM_MD_H
#define PM_MD_H

#include <cmark-gfm.h>
#include <libxml/tree.h>

#include "diag.h"
#include "doc.h"
#include "names.h"
#include "pmtime.h"

/* One front matter value as written, with its place. */
typedef struct pm_fm_value {
	char *s;     /* NULL when the key is absent */
	pm_loc loc;  /* of the value */
	pm_loc key;  /* of the key */
	int bad;     /* given, but not a string: reported, not read */
} pm_fm_value;

typedef struct pm_fm_list {
	char **items;
	pm_loc *locs;
	size_t n;
	int set;
} pm_fm_list;

/* The front matter, read but not yet interpreted. */
typedef struct pm_meta {
	pm_fm_value title, id, status, severity, lang, timezone, owner,
	    detected_by, audience, impact, updated;
	pm_fm_value times[PM_MS__COUNT];
	pm_fm_list authors, services, tags, related;
} pm_meta;

/* Reads the YAML in text[0..len), which starts on line first_line of the
 * source, into meta; reports syntax, type, duplicate and unknown keys.
 * Returns 0, or -1 when the YAML could not be read at all. */
int pm_fm_read(pm_src *, const char *text, size_t len, int first_line,
               pm_meta *);
void pm_fm_free(pm_meta *);
/* The k-th front matter key in format.md section 2's order ("title",
 * "id", ...), NULL past the last: for editors' completion. */
const char *pm_fm_key_name(size_t k);

/* How the front matter is laid out, as pm_fm_read's libyaml reads it:
 * for pmc fmt, which orders the keys and keeps the values as written. */
typedef struct pm_fm_key {
	int scalar;    /* the key is a string (else nothing below is set) */
	int index;     /* its place in format.md section 2's order, -1 when
	                  pmc does not know it */
	int line, col; /* where the key starts: source line, column from 0 */
	int last;      /* the last source line its value takes */
} pm_fm_key;

typedef struct pm_fm_lines {
	int first, last;
} pm_fm_lines;

typedef struct pm_fm_layout {
	int block;           /* the top is a block mapping (keys are set) */
	pm_fm_key *keys;     /* its pairs in the order written */
	size_t nkeys;
	pm_fm_lines *scalars; /* the lines of every block scalar ("notes:
	                         |"), in any key */
	size_t nscalars;
} pm_fm_layout;

/* Reads the layout of the YAML in text[0..len), which starts on line
 * first_line, without findings (pm_fm_read gives them). Returns 0, or -1
 * when the YAML could not be loaded (l is then empty). The caller frees
 * l with pm_fm_layout_free. */
int pm_fm_layout_read(pm_src *, const char *text, size_t len, int first_line,
                      pm_fm_layout *l);
void pm_fm_layout_free(pm_fm_layout *l);

/* A milestone as the front matter or a timeline tag gave it. */
typedef struct pm_ms {
	int set;
	int from_timeline;
	pm_time t;
	int offset;
	pm_loc loc;
} pm_ms;

typedef struct pm_md {
	pm_doc *doc;
	pm_src *src;
	xmlNodePtr root;
	const char *lang;     /* the document's lang tag */
	pm_status status;
	pm_tz *tz;
	const char *tzname;
	pm_ms ms[PM_MS__COUNT];
	int day;              /* days since epoch of the timeline's date */
	int has_day;
	pm_time last_event;   /* for time-only entries */
	int has_last;
	/* The five-whys chain being read (sections.c): its element, the
	 * "###" heading it stands under, a why whose answer may follow as
	 * a paragraph, and whether its list has been read. */
	xmlNodePtr whys, why_heading, why_open;
	int whys_list;
	pm_loc fixed;         /* when set, every place reported is this one
	                         (table cells parsed apart from the source) */
	int blocks, inlines;  /* how deep the prose being read is nested */
	/* The timeline's headings (sections.c): a zone the section's
	 * heading names ("## Timeline (all times UTC)"), one the date
	 * heading names, which wins below it, and a heading that is not a
	 * date, until a time-only entry under it has been warned about. */
	int sec_zone_set, sec_zone;
	int head_zone_set, head_zone;
	cmark_node *undated;
	unsigned char *fn_refs; /* per footnote number: FN_PUBLIC and/or
	                           FN_INTERNAL, where it was cited */
	size_t fn_cap;
	/* Milestones written in a section's text ("**Detected:**
	 * 2024-03-14 10:09", a summary table's row), compared with those
	 * read once the whole document has been (sections.c). */
	pm_ms said[8];
	int said_k[8], nsaid;
} pm_md;

/* Where a footnote was cited: text outside or inside internal blocks. */
#define PM_FN_PUBLIC 1
#define PM_FN_INTERNAL 2

/* Where a source's front matter is (format.md section 1). */
typedef struct pm_fm_span {
	int close;       /* the line of the closing fence, "---" or "..." */
	size_t start;    /* the YAML's first byte: line 2's */
	size_t yaml_end; /* just past the YAML: the closing fence's first byte */
	size_t end;      /* just past the closing fence's line: the body's start */
} pm_fm_span;

/* Finds the front matter of src: 0 with span filled, -1 when line 1 is
 * not a "---" fence, -2 when no fence closes it. (md.c; pmc fmt keeps
 * the same lines.) */
int pm_md_front_matter(const pm_src *src, pm_fm_span *span);

/* The body as libcmark must read it, a copy of src's text the caller
 * frees: the front matter (the bytes before fm_end) and every control
 * character blanked, line breaks kept, so that lines and columns stay
 * the file's. The control characters are reported when report is set.
 * (md.c; pmc fmt parses the same text.) */
char *pm_md_body_text(pm_src *src, size_t fm_end, int report);

/* The parser options: GitHub's footnotes. */
#define PM_MD_OPTIONS CMARK_OPT_FOOTNOTES

/* Which of GitHub's extensions a parser reads: all four (GitHub's
 * reading, the front end's); all but the task list (pmc fmt, which reads
 * task markers as text and every other inline as GitHub does); or table
 * and strikethrough alone (fmt's view of which links were written
 * between angle brackets, where GitHub's autolinks are text). */
enum { PM_MD_GFM = 0, PM_MD_NO_TASKS = 1, PM_MD_NO_AUTOLINKS = 2 };

/* A libcmark-gfm parser with the extensions `which` names attached
 * (PM_MD_GFM: so that Markdown is read as GitHub reads it); mem NULL for
 * the heap. The caller frees it (cmark_parser_free). */
cmark_parser *pm_md_parser(cmark_mem *mem, int which);

/* Parses text[0..len) with pm_md_parser(mem, which). The tree is the
 * caller's (cmark_node_free, or dropped with mem's arena). */
cmark_node *pm_md_parse(const char *text, size_t len, cmark_mem *mem,
                        int which);

/* pm_md_parse of the body or a piece of it being read (a table cell),
 * in the thread's arena: the tree goes with the body's when pm_md_read
 * is done (cmark_node_free frees nothing of it before). A parser of its
 * own for each cell, from the heap, was a tenth of the front end. */
cmark_node *pm_md_parse_piece(const char *text, size_t len);

/* The place of a cmark node's start, in characters. */
pm_loc pm_md_loc(const pm_md *, cmark_node *);

/* Is node of the type named type, as libcmark-gfm names it ("table",
 * "strikethrough")? Its extensions' types have no constant in the
 * installed headers. */
int pm_md_is(cmark_node *, const char *type);

/* The raw source text of a leaf block's lines, from its first byte, and
 * the place of bytes inside it. */
const char *pm_md_raw_line(const pm_md *, int line, size_t *len);

/* Prose: blocks and inlines of CommonMark into IR (prose.c). */
void pm_prose_blocks(pm_md *, cmark_node *first, xmlNodePtr parent);
void pm_prose_block(pm_md *, cmark_node *, xmlNodePtr parent);
void pm_prose_inlines(pm_md *, cmark_node *first, xmlNodePtr parent);

/* GitHub task list marker at the start of a list item: "[ ] " or "[x] ".
 * Removes it from the item's first paragraph; returns 0 (none), 1 (open)
 * or 2 (done). */
int pm_prose_task(cmark_node *item);
/* The same state, the marker left where it is (a reading of an item
 * that is not the one its section makes). */
int pm_prose_is_task(cmark_node *item);
/* A task marker "[ ]"/"[x]" at the start of s: 1 open, 2 done, 0 none;
 * *used receives its length with the blanks after it. */
int pm_task_marker(const char *s, size_t *used);

/* GitHub links bare URLs; in a trailing attribute list "(owner: Ops,
 * ticket: https://...)" at the end of para they are made text again, so
 * that the list is one text node, as it is written. */
void pm_prose_attr_text(cmark_node *para);

/* Plain text of a node's inline content; the caller frees it. */
char *pm_prose_plain(cmark_node *);

/* An audience marker (<!-- internal --> / <!-- /internal -->) opens or
 * closes an internal block in *target. Returns 1 when node was a marker.
 */
typedef struct pm_internal {
	xmlNodePtr outer; /* the container while a block is open, or NULL */
	pm_loc opened;
} pm_internal;
int pm_prose_marker(pm_md *, cmark_node *, pm_internal *, xmlNodePtr *target);
void pm_prose_marker_end(pm_md *, pm_internal *, xmlNodePtr *target);

/* A GitHub pipe table: libcmark-gfm's table node, its cells read from
 * the source lines. */
typedef struct pm_cell {
	char *text;  /* cell source, unescaped '\|', trimmed */
	pm_loc loc;
} pm_cell;

typedef struct pm_table {
	size_t ncols, nrows; /* row 0 is the header */
	size_t nhead;        /* the header's cells: GitHub's columns; ncols
	                        is more when a row has cells beyond them */
	pm_cell *cells;      /* nrows * ncols */
	char *align;         /* per column: 'l', 'c', 'r' or 0 */
	pm_loc loc;
} pm_table;

/* Reads a table node; cells beyond the header's count are reported and
 * kept as extra columns (with empty header cells). Returns 1 and fills
 * t, or 0 when node is not a table. The caller frees t with
 * pm_table_free. */
int pm_table_read(pm_md *, cmark_node *table, pm_table *t);
void pm_table_free(pm_table *);
/* The inline content of a cell, into parent. */
void pm_table_cell(pm_md *, const pm_cell *, xmlNodePtr parent);
/* A table as an IR table element under parent. */
void pm_table_emit(pm_md *, const pm_table *, xmlNodePtr parent);

/* Reports a DST gap or ambiguity of a resolved local time at loc.
 * Returns -1 for a gap (an error), else 0. */
int pm_md_dst(pm_md *, pm_local_status, const pm_stamp *, pm_loc,
              int offset);

/* Notes a timeline event of kind at t: a milestone kind supplies the
 * milestone the front matter left out. */
void pm_md_milestone(pm_md *, const char *kind, pm_time t, int offset,
                     pm_loc);

/* The text at the start of an inline sequence, as a timeline entry's
 * time is read: the leading emphasis holding only text ("**07:59**"), if
 * any, then the literals of the text nodes that follow. *wrapped receives
 * the length of the emphasis's text, 0 when there is none. The caller
 * frees the result. (sections.c; pmc fmt reads entries the same way.) */
char *pm_lead_text(cmark_node *, size_t *wrapped);

/* Removes the n bytes pm_lead_text() read from the start of the sequence
 * (with the emphasis when wrapped) and the blanks after them; returns
 * the first node left. */
cmark_node *pm_lead_drop(cmark_node *, size_t n, size_t wrapped);

/* The time at the start of a timeline entry's text s[0..n) and the
 * separator after it ("—", "–", "-" or ":" between blanks, a colon right
 * after the time, or blanks only), as format.md section 4 has them:
 * PM_STAMP_OK with *st, the time's length in *time and the separator's
 * in *sep; PM_STAMP_SYNTAX also for a time that runs straight into text;
 * PM_STAMP_RANGE with the part out of range at s[*bad..+*badlen).
 * (sections.c; pmc fmt rewrites the separator.) */
pm_stamp_status pm_entry_time(const char *s, size_t n, pm_stamp *st,
                              size_t *time, size_t *sep, size_t *bad,
                              size_t *badlen);

/* The event kind a tag at the start of s[0..n) names ("[Detected] " gives
 * "detected"), and in *used the bytes through the blanks after it; NULL
 * (and 0) when s starts with no tag or one that names no kind.
 * (sections.c; pmc fmt writes the kind in lower case.) */
const char *pm_kind_tag(const char *s, size_t n, size_t *used);

/* One "key: value" of a follow-up's attribute list "(owner: Ops, due:
 * 2024-05-01)", key and value trimmed; pointers into the text read. */
typedef struct pm_pair {
	const char *k, *v;
	size_t kn, vn;
} pm_pair;

/* Splits inner (the text between the parentheses) into at most max
 * pairs; 0 when any part is not "key: value", so that the parenthesis is
 * ordinary text. (sections.c; pmc fmt reorders them.) */
size_t pm_attr_pairs(const char *inner, size_t n, pm_pair *pairs,
                     size_t max);

/* The attribute list that ends lit, a follow-up's last text ("Fix it
 * (owner: Ops, due: 2024-05-01)"): its pairs, at most max, and in *open
 * the offset of its '('; 0 when lit ends in none. (sections.c; pmc fmt
 * reorders the pairs.) */
size_t pm_attr_list(const char *lit, pm_pair *pairs, size_t max,
                    size_t *open);

/* The structured sections (sections.c). Each takes a top-level block of
 * its section and returns 1 when it consumed it. */
/* The timeline section opens under heading text: a zone its remark
 * names ("Timeline (all times UTC)") holds for the entries that give
 * none, unless a date heading names another. */
void pm_timeline_open(pm_md *, const char *heading);
int pm_timeline_block(pm_md *, cmark_node *, xmlNodePtr parent);
int pm_whys_block(pm_md *, cmark_node *, xmlNodePtr parent);
int pm_follow_ups_block(pm_md *, cmark_node *, xmlNodePtr parent);
/* A list, in a section of the given key and heading, that reads as structure
 * of another section and is prose here, so that nothing is derived from
 * it: each is reported. A timeline's (timeline-elsewhere: items that
 * start with times, "## Incident timeline"), five whys' (whys-elsewhere:
 * two items that ask why, "## The five whys"), and a follow-up's
 * (follow-up-elsewhere, each item: "- [ ] Add an alert (owner: Ops,
 * due: 2024-06-01)", a task marker or a due date with an owner or a due
 * date in the trailing attributes, "## Next steps"). */
/* Warns about the milestones written in the text that nothing read or
 * that differ from those read; after the whole body. */
void pm_said_milestones(pm_md *);
void pm_stray_structure(pm_md *, cmark_node *, pm_section_key,
                        const char *heading);

#endif
