/* ir.h: building and reading the intermediate form (docs/ir.md). */
#ifndef PM_IR_H
#define PM_IR_H

#include <libxml/tree.h>

#include "diag.h"

#define PM_NS "urn:x-pmc:postmortem:1"

/* A new postmortem document whose root is in PM_NS. */
xmlDocPtr pm_ir_new(void);

/* Appends an element named name to parent, in parent's namespace, with
 * line/col attributes when loc.line is set. */
xmlNodePtr pm_ir_add(xmlNodePtr parent, const char *name, pm_loc loc);

/* Appends an element holding only the text s[0..n). */
xmlNodePtr pm_ir_add_text(xmlNodePtr parent, const char *name, const char *s,
                          size_t n, pm_loc loc);

/* Appends text s[0..n) to parent, merging with a preceding text node. */
void pm_ir_text(xmlNodePtr parent, const char *s, size_t n);

void pm_ir_set(xmlNodePtr, const char *attr, const char *value);
void pm_ir_set_int(xmlNodePtr, const char *attr, long long value);

/* The value of attr, borrowed from the tree; NULL when absent. */
const char *pm_ir_get(const xmlNode *, const char *attr);

/* Is node an element of PM_NS named name (any name when NULL)? */
int pm_ir_is(const xmlNode *, const char *name);

/* First element child named name (any when NULL), and the next sibling
 * element of the same name after node. */
xmlNodePtr pm_ir_first(const xmlNode *parent, const char *name);
xmlNodePtr pm_ir_next(const xmlNode *node, const char *name);

/* The node after n in document order within top, entering n's children
 * when down is set; NULL after the last. Iterative, so that no nesting
 * depth can exhaust the stack. */
const xmlNode *pm_ir_walk(const xmlNode *n, const xmlNode *top, int down);

/* The texts of root's list/name children ("services", "service") joined
 * by sep; NULL when there are none. The caller frees the result. */
char *pm_ir_join(const xmlNode *root, const char *list, const char *name,
                 const char *sep);

/* The concatenated text of node's descendants; the caller frees it. */
char *pm_ir_content(const xmlNode *);

/* The source place recorded in node's line/col attributes, else the
 * line libxml2 recorded when it parsed node; {0,0,1} when neither. */
pm_loc pm_ir_loc_attr(const xmlNode *);
pm_loc pm_ir_loc_parsed(const xmlNode *);

#endif
