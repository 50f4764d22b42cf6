/* ir.h: building and reading the intermediate form (docs/ir.md). */
#ifndef PM_IR_H
#define PM_IR_H

#include <libxml/tree.h>

#include "diag.h"
#include "names.h"

#define PM_NS "urn:x-pmc:postmortem:1"

/* The kinds of element of the form, one per name in elements.def. */
typedef enum pm_el {
	PM_EL_NONE, /* not an element of the form */
#define EL(id, name, class) PM_EL_##id,
#include "elements.def"
#undef EL
	PM_EL__COUNT,
	PM_EL_ANY = PM_EL__COUNT /* in a query: any element of the form */
} pm_el;

/* The kind of node: PM_EL_NONE for text, another namespace or a name
 * the form does not have. */
pm_el pm_ir_kind(const xmlNode *);

/* A back end met an element it has no case for. The schema admits no
 * element a back end does not know, so this is a bug in pmc: it stops
 * here, in every build, rather than leave the element out of a report
 * unseen. who names the back end. */
_Noreturn void pm_ir_unhandled(const xmlNode *, const char *who);

/* The kind of the element named name, or PM_EL_NONE. */
pm_el pm_ir_el(const char *name);

/* The name of an element kind ("code-block"). */
const char *pm_ir_name(pm_el);

/* The classes of elements.def. */
#define PM_ELC_INLINE 1u
#define PM_ELC_TEXT 2u

/* Is node an element of the form in class (PM_ELC_INLINE...)? */
int pm_ir_in_class(const xmlNode *, unsigned class);

/* The element of a milestone in times (PM_EL_STARTED ...). */
pm_el pm_ir_milestone(pm_milestone);

/* The durations of format.md section 7, each from started to a
 * milestone: its element in metrics (its name is the metric's name, as
 * in "metric.time-to-detect" labels), the milestone and the JSON key. */
typedef enum pm_duration {
	PM_DUR_DETECT,
	PM_DUR_ACKNOWLEDGE,
	PM_DUR_MITIGATE,
	PM_DUR_RESOLVE,
	PM_DUR__COUNT
} pm_duration;

typedef struct pm_duration_def {
	pm_el el;
	pm_milestone to;
	const char *json;
} pm_duration_def;

extern const pm_duration_def pm_durations[PM_DUR__COUNT];

/* The follow-up counts, attributes of metrics/follow-ups: "open",
 * "done", "overdue", and their JSON keys. */
typedef enum pm_count {
	PM_COUNT_OPEN,
	PM_COUNT_DONE,
	PM_COUNT_OVERDUE,
	PM_COUNT__COUNT
} pm_count;

extern const char *const pm_count_attrs[PM_COUNT__COUNT];
extern const char *const pm_count_json[PM_COUNT__COUNT];

/* A new postmortem document whose root is in PM_NS. */
xmlDocPtr pm_ir_new(void);

/* Appends an element of kind el to parent, in parent's namespace, with
 * line/col attributes when loc.line is set. */
xmlNodePtr pm_ir_add(xmlNodePtr parent, pm_el el, pm_loc loc);

/* Appends an element holding only the text s[0..n). */
xmlNodePtr pm_ir_add_text(xmlNodePtr parent, pm_el el, const char *s,
                          size_t n, pm_loc loc);

/* Appends text s[0..n) to parent, merging with a preceding text node. */
void pm_ir_text(xmlNodePtr parent, const char *s, size_t n);

void pm_ir_set(xmlNodePtr, const char *attr, const char *value);
void pm_ir_set_int(xmlNodePtr, const char *attr, long long value);

/* The value of attr, borrowed from the tree; NULL when absent. */
const char *pm_ir_get(const xmlNode *, const char *attr);

/* Is node an element of the form of kind el (any kind for PM_EL_ANY)?
 * Cheaper than pm_ir_kind for one kind: one comparison of names. */
int pm_ir_is(const xmlNode *, pm_el el);

/* First element child of kind el (any for PM_EL_ANY), and the next
 * sibling element of the same kind after node. */
xmlNodePtr pm_ir_first(const xmlNode *parent, pm_el el);
xmlNodePtr pm_ir_next(const xmlNode *node, pm_el el);

/* The one walker of the tree: the node after n in document order within
 * top, entering n's children when down is set; NULL after the last.
 * Iterative, so that no nesting depth can exhaust the stack. As strchr,
 * it gives back a node a caller may change when it may change n. */
xmlNode *pm_ir_walk(const xmlNode *n, const xmlNode *top, int down);

/* The texts of root's list/name children ("services", "service") joined
 * by sep; NULL when there are none. The caller frees the result. */
char *pm_ir_join(const xmlNode *root, pm_el list, pm_el el, const char *sep);

/* May a report give a timeline's times without their day? When all its
 * events happen on one day (their "at" share its date) and the reader
 * knows which: a heading stands right above the timeline (a day,
 * "### 2022-04-27") or the incident started that day. */
int pm_ir_one_day(const xmlNode *timeline);

/* The key of a section element: PM_SEC_CUSTOM when it has none or one
 * the format does not know. */
pm_section_key pm_ir_section_key(const xmlNode *section);

/* The text of parent's first child of kind el, or NULL when it has none;
 * the caller frees it. */
char *pm_ir_child_text(const xmlNode *parent, pm_el el);

/* The concatenated text of node's descendants; the caller frees it. */
char *pm_ir_content(const xmlNode *);

/* The source place recorded in node's line/col attributes, else the
 * line libxml2 recorded when it parsed node; {0,0,1} when neither. */
pm_loc pm_ir_loc_attr(const xmlNode *);
pm_loc pm_ir_loc_parsed(const xmlNode *);

#endif
