/* follow_ups.c: a postmortem's follow-ups as plain records, for the
 * tools that look across incidents (pmc followups): the one place that
 * reads them out of the tree for that. Overdue is derive.c's flag, the
 * owner falls back to the postmortem's as on the site index. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "derive.h"
#include "doc.h"
#include "ir.h"
#include "pmtime.h"
#include "text.h"

static char *
dup_or_null(const char *s)
{
	return s != NULL && *s != '\0' ? pm_xstrdup(s) : NULL;
}

/* The local day of a milestone ("2022-04-26T17:00:00+02:00" is the 26th
 * where it happened), or NULL. */
static char *
day_of(const xmlNode *root, pm_el el)
{
	const char *at =
	    pm_ir_get(pm_ir_first(pm_ir_first(root, PM_EL_TIMES), el), "at");
	char *s;

	if (at == NULL || strlen(at) < 10)
		return NULL;
	s = pm_xstrdup(at);
	s[10] = '\0';
	return s;
}

/* A derived duration of the metrics, or -1. */
static long long
seconds(const xmlNode *m, pm_duration d)
{
	const char *v = pm_ir_get(pm_ir_first(m, pm_durations[d].el), "seconds");

	return v != NULL ? strtoll(v, NULL, 10) : -1;
}

static void
add(pm_incident *in, const pm_doc *doc, const xmlNode *act,
    const char *owner)
{
	pm_follow_up *f;
	pm_loc loc = pm_doc_loc(doc, act);
	const char *v;
	int32_t day;
	int y, m, d;

	in->items = pm_xrealloc(in->items, (in->n + 1) * sizeof(*in->items));
	f = &in->items[in->n++];
	memset(f, 0, sizeof(*f));
	/* one line: a row of a listing or a CSV cell */
	if ((f->text = pm_ir_child_text(act, PM_EL_TEXT)) != NULL)
		pm_fold_space(f->text);
	f->owner = dup_or_null((v = pm_ir_get(act, "owner")) ? v : owner);
	f->due = dup_or_null(pm_ir_get(act, "due"));
	f->type = dup_or_null(pm_ir_get(act, "type"));
	f->priority = dup_or_null(pm_ir_get(act, "priority"));
	f->ticket = dup_or_null(pm_ir_get(act, "ticket"));
	f->done = (v = pm_ir_get(act, "done")) != NULL && strcmp(v, "true") == 0;
	f->overdue = pm_overdue(doc, act);
	if (pm_due_day(doc, act, &day) == 1) {
		/* the policy's deadline: written out, and said to be one */
		f->due_by_policy = 1;
		pm_civil_from_days(day, &y, &m, &d);
		f->due = pm_xmalloc(16);
		snprintf(f->due, 16, "%04d-%02d-%02d", y, m, d);
	}
	if (f->overdue)
		f->days_overdue = (long)doc->today - (long)day;
	f->line = loc.line;
	f->col = loc.col;
}

/* Every action under n, internal blocks included, in document order. */
static void
collect(pm_incident *in, const pm_doc *doc, const xmlNode *n,
     const char *owner)
{
	const xmlNode *c;

	for (c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (pm_ir_is(c, PM_EL_ACTION))
			add(in, doc, c, owner);
		else
			collect(in, doc, c, owner);
	}
}

pm_incident *
pm_doc_incident(const pm_doc *doc)
{
	const xmlNode *root, *m;
	pm_incident *in;
	const char *rank;
	char *owner;

	if (doc == NULL || doc->ir == NULL ||
	    !pm_ir_is(root = xmlDocGetRootElement(doc->ir), PM_EL_POSTMORTEM))
		return NULL;
	in = pm_xcalloc(1, sizeof(*in));
	in->file = pm_xstrdup(doc->name);
	in->id = dup_or_null(pm_ir_get(root, "id"));
	if ((in->title = pm_ir_child_text(root, PM_EL_TITLE)) != NULL)
		pm_fold_space(in->title);
	in->severity = pm_ir_child_text(root, PM_EL_SEVERITY);
	in->status = dup_or_null(pm_ir_get(root, "status"));
	in->started = day_of(root, PM_EL_STARTED);
	in->resolved = day_of(root, PM_EL_RESOLVED);
	m = pm_ir_first(root, PM_EL_METRICS);
	rank = pm_ir_get(m, "severity-rank");
	in->severity_rank = rank != NULL ? atoi(rank) : -1;
	in->impact = pm_lede(root, PM_SEC_IMPACT);
	in->detected_by = pm_ir_child_text(root, PM_EL_DETECTED_BY);
	in->ttd = seconds(m, PM_DUR_DETECT);
	in->tta = seconds(m, PM_DUR_ACKNOWLEDGE);
	in->ttm = seconds(m, PM_DUR_MITIGATE);
	in->ttr = seconds(m, PM_DUR_RESOLVE);
	owner = pm_ir_child_text(root, PM_EL_OWNER);
	collect(in, doc, root, owner);
	free(owner);
	return in;
}

void
pm_incident_free(pm_incident *in)
{
	size_t i;

	if (in == NULL)
		return;
	for (i = 0; i < in->n; i++) {
		free(in->items[i].text);
		free(in->items[i].owner);
		free(in->items[i].due);
		free(in->items[i].type);
		free(in->items[i].priority);
		free(in->items[i].ticket);
	}
	free(in->items);
	free(in->file);
	free(in->id);
	free(in->title);
	free(in->severity);
	free(in->status);
	free(in->started);
	free(in->resolved);
	free(in->impact);
	free(in->detected_by);
	free(in);
}
