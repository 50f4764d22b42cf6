/* yamldepth.c: nesting depth of YAML, read from libyaml's event stream. */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "yamldepth.h"

int
pm_yaml_too_deep(const char *text, size_t len, int max, yaml_mark_t *where)
{
	yaml_parser_t p;
	yaml_event_t ev;
	int depth = 0, done = 0;

	if (!yaml_parser_initialize(&p))
		return 0;
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	while (!done && depth <= max && yaml_parser_parse(&p, &ev)) {
		if (ev.type == YAML_SEQUENCE_START_EVENT ||
		    ev.type == YAML_MAPPING_START_EVENT)
			depth++;
		else if (ev.type == YAML_SEQUENCE_END_EVENT ||
		         ev.type == YAML_MAPPING_END_EVENT)
			depth--;
		if (depth > max)
			*where = ev.start_mark;
		done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	return depth > max;
}

/*
 * The loader and the depth guard in one pass over the events: what
 * yaml_parser_load composes (libyaml 0.2.5's loader.c, node for node,
 * its errors word for word), while the events are counted as
 * pm_yaml_too_deep counts them, over the whole stream. Parsing twice
 * cost a fiftieth of a whole check.
 */
struct anchor {
	char *name;
	int index;
	yaml_mark_t mark;
};

struct composer {
	yaml_parser_t *p;
	yaml_document_t *doc;
	int max, depth, deep;
	yaml_mark_t *where;
	struct anchor *anchors;
	size_t nanchors;
};

/* The next event, counted; 0 on a syntax error or when too deep. */
static int
next_event(struct composer *c, yaml_event_t *ev)
{
	if (!yaml_parser_parse(c->p, ev))
		return 0;
	if (ev->type == YAML_SEQUENCE_START_EVENT ||
	    ev->type == YAML_MAPPING_START_EVENT)
		c->depth++;
	else if (ev->type == YAML_SEQUENCE_END_EVENT ||
	         ev->type == YAML_MAPPING_END_EVENT)
		c->depth--;
	if (c->depth > c->max) {
		*c->where = ev->start_mark;
		c->deep = 1;
		yaml_event_delete(ev);
		return 0;
	}
	return 1;
}

static int
composer_error(struct composer *c, const char *context, yaml_mark_t cmark,
               const char *problem, yaml_mark_t pmark)
{
	c->p->error = YAML_COMPOSER_ERROR;
	c->p->context = context;
	c->p->context_mark = cmark;
	c->p->problem = problem;
	c->p->problem_mark = pmark;
	return 0;
}

/* The loader's default for no tag and for "!". */
static const yaml_char_t *
tag_of(const yaml_char_t *tag)
{
	return tag == NULL || strcmp((const char *)tag, "!") == 0 ? NULL : tag;
}

/* Sets the marks of node id and registers its anchor, if any. */
static int
placed(struct composer *c, int id, const yaml_event_t *ev,
       const yaml_char_t *anchor)
{
	yaml_node_t *node = yaml_document_get_node(c->doc, id);
	struct anchor *a;
	size_t i;

	node->start_mark = ev->start_mark;
	node->end_mark = ev->end_mark;
	if (anchor == NULL)
		return id;
	for (i = 0; i < c->nanchors; i++)
		if (strcmp(c->anchors[i].name, (const char *)anchor) == 0)
			return composer_error(
			    c, "found duplicate anchor; first occurrence",
			    c->anchors[i].mark, "second occurrence",
			    ev->start_mark);
	a = pm_xrealloc(c->anchors, (c->nanchors + 1) * sizeof(*a));
	c->anchors = a;
	a[c->nanchors].name = pm_xstrdup((const char *)anchor);
	a[c->nanchors].index = id;
	a[c->nanchors++].mark = ev->start_mark;
	return id;
}

static int compose(struct composer *c, yaml_event_t *ev);

/* The items of sequence id, up to its end event, whose mark ends it. */
static int
items(struct composer *c, int id)
{
	yaml_event_t ev;
	int item;

	if (!next_event(c, &ev))
		return 0;
	while (ev.type != YAML_SEQUENCE_END_EVENT) {
		if ((item = compose(c, &ev)) == 0 ||
		    !yaml_document_append_sequence_item(c->doc, id, item) ||
		    !next_event(c, &ev))
			return 0;
	}
	yaml_document_get_node(c->doc, id)->end_mark = ev.end_mark;
	yaml_event_delete(&ev);
	return id;
}

static int
pairs(struct composer *c, int id)
{
	yaml_event_t ev;
	int key, value;

	if (!next_event(c, &ev))
		return 0;
	while (ev.type != YAML_MAPPING_END_EVENT) {
		if ((key = compose(c, &ev)) == 0 || !next_event(c, &ev) ||
		    (value = compose(c, &ev)) == 0 ||
		    !yaml_document_append_mapping_pair(c->doc, id, key,
		                                       value) ||
		    !next_event(c, &ev))
			return 0;
	}
	yaml_document_get_node(c->doc, id)->end_mark = ev.end_mark;
	yaml_event_delete(&ev);
	return id;
}

static int
alias(struct composer *c, const yaml_event_t *ev)
{
	size_t i;

	for (i = 0; i < c->nanchors; i++)
		if (strcmp(c->anchors[i].name,
		           (const char *)ev->data.alias.anchor) == 0)
			return c->anchors[i].index;
	return composer_error(c, NULL, ev->start_mark, "found undefined alias",
	                      ev->start_mark);
}

/* The node that starts with ev, which it deletes; its index, or 0. */
static int
compose(struct composer *c, yaml_event_t *ev)
{
	int id = 0;

	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		id = alias(c, ev);
		break;
	case YAML_SCALAR_EVENT:
		id = yaml_document_add_scalar(
		    c->doc, (yaml_char_t *)tag_of(ev->data.scalar.tag),
		    ev->data.scalar.value, (int)ev->data.scalar.length,
		    ev->data.scalar.style);
		id = id ? placed(c, id, ev, ev->data.scalar.anchor) : 0;
		break;
	case YAML_SEQUENCE_START_EVENT:
		id = yaml_document_add_sequence(
		    c->doc, (yaml_char_t *)tag_of(ev->data.sequence_start.tag),
		    ev->data.sequence_start.style);
		id = id ? placed(c, id, ev, ev->data.sequence_start.anchor) : 0;
		yaml_event_delete(ev);
		return id ? items(c, id) : 0;
	case YAML_MAPPING_START_EVENT:
		id = yaml_document_add_mapping(
		    c->doc, (yaml_char_t *)tag_of(ev->data.mapping_start.tag),
		    ev->data.mapping_start.style);
		id = id ? placed(c, id, ev, ev->data.mapping_start.anchor) : 0;
		yaml_event_delete(ev);
		return id ? pairs(c, id) : 0;
	default:
		break;
	}
	yaml_event_delete(ev);
	return id;
}

/* The first document of the stream into c->doc; 0 on any error. */
static int
first_document(struct composer *c)
{
	yaml_event_t ev;
	int ok;

	if (!next_event(c, &ev))
		return 0;
	if (!yaml_document_initialize(c->doc, NULL, NULL, NULL, 1, 1)) {
		yaml_event_delete(&ev);
		return 0;
	}
	if (ev.type == YAML_STREAM_END_EVENT) {
		yaml_event_delete(&ev);
		return 1;
	}
	yaml_event_delete(&ev); /* DOCUMENT-START */
	if (!next_event(c, &ev) || !compose(c, &ev) || !next_event(c, &ev))
		return 0;
	ok = ev.type == YAML_DOCUMENT_END_EVENT;
	yaml_event_delete(&ev);
	return ok;
}

/* The rest of the stream, for its depth only: what follows the first
 * document, or an error in it, is never loaded but may still be too
 * deep. A syntax error ends the count, as it ends pm_yaml_too_deep. */
static void
count_rest(struct composer *c)
{
	yaml_event_t ev;
	int done = 0;

	/* libyaml hands out no more events once an error is set */
	c->p->error = YAML_NO_ERROR;
	while (!done && next_event(c, &ev)) {
		done = ev.type == YAML_STREAM_END_EVENT ||
		       ev.type == YAML_NO_EVENT;
		yaml_event_delete(&ev);
	}
}

/* The error fields of a parser, kept while the rest is counted. */
struct yaml_error {
	yaml_error_type_t error;
	const char *problem, *context;
	yaml_mark_t problem_mark, context_mark;
};

int
pm_yaml_load(yaml_parser_t *p, yaml_document_t *doc, int max,
             yaml_mark_t *where)
{
	struct composer c = {p, doc, max, 0, 0, where, NULL, 0};
	struct yaml_error e;
	yaml_event_t ev;
	int ok, rc;
	size_t i;

	memset(doc, 0, sizeof(*doc));
	/* STREAM-START */
	if ((ok = next_event(&c, &ev)) != 0)
		yaml_event_delete(&ev);
	ok = ok && first_document(&c);
	/* a composer error is libyaml's answer only if the stream is not
	 * too deep further on: kept from the count's own errors */
	e = (struct yaml_error){p->error, p->problem, p->context,
	                        p->problem_mark, p->context_mark};
	if (!c.deep && (ok || p->error == YAML_COMPOSER_ERROR))
		count_rest(&c);
	rc = c.deep ? PM_YAML_DEEP : ok ? PM_YAML_LOADED : PM_YAML_ERROR;
	if (rc == PM_YAML_ERROR) {
		p->error = e.error;
		p->problem = e.problem;
		p->context = e.context;
		p->problem_mark = e.problem_mark;
		p->context_mark = e.context_mark;
	}
	if (rc != PM_YAML_LOADED)
		yaml_document_delete(doc);
	for (i = 0; i < c.nanchors; i++)
		free(c.anchors[i].name);
	free(c.anchors);
	return rc;
}
