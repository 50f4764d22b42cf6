/* frontmatter.c: the YAML front matter read with libyaml, every key and
 * value kept with its line and column (format.md section 2). */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#include "alloc.h"
#include "md.h"
#include "text.h"
#include "utf8.h"
#include "yamldepth.h"

/* Front matter is a flat mapping with lists of strings: two levels. */
#define MAX_NEST 16

enum kind { SCALAR, LIST };

static const struct key {
	const char *name;
	enum kind kind;
	size_t off;
} keys[] = {
    {"title", SCALAR, offsetof(pm_meta, title)},
    {"id", SCALAR, offsetof(pm_meta, id)},
    {"status", SCALAR, offsetof(pm_meta, status)},
    {"severity", SCALAR, offsetof(pm_meta, severity)},
    {"lang", SCALAR, offsetof(pm_meta, lang)},
    {"timezone", SCALAR, offsetof(pm_meta, timezone)},
    {"owner", SCALAR, offsetof(pm_meta, owner)},
    {"authors", LIST, offsetof(pm_meta, authors)},
    {"services", LIST, offsetof(pm_meta, services)},
    {"detected_by", SCALAR, offsetof(pm_meta, detected_by)},
    {"started", SCALAR, offsetof(pm_meta, times[PM_MS_STARTED])},
    {"detected", SCALAR, offsetof(pm_meta, times[PM_MS_DETECTED])},
    {"acknowledged", SCALAR, offsetof(pm_meta, times[PM_MS_ACKNOWLEDGED])},
    {"mitigated", SCALAR, offsetof(pm_meta, times[PM_MS_MITIGATED])},
    {"resolved", SCALAR, offsetof(pm_meta, times[PM_MS_RESOLVED])},
    {"tags", LIST, offsetof(pm_meta, tags)},
    {"related", LIST, offsetof(pm_meta, related)},
    {"audience", SCALAR, offsetof(pm_meta, audience)},
    {"impact", SCALAR, offsetof(pm_meta, impact)},
    {"updated", SCALAR, offsetof(pm_meta, updated)},
};

#define NKEYS (sizeof(keys) / sizeof(keys[0]))

const char *
pm_fm_key_name(size_t k)
{
	return k < NKEYS ? keys[k].name : NULL;
}

typedef struct reader {
	pm_src *src;
	yaml_document_t *yd;
	int first_line;
	pm_meta *meta;
	pm_loc seen[NKEYS]; /* where each key was first given */
} reader;

static pm_loc
mark_loc(const reader *r, yaml_mark_t start, yaml_mark_t end)
{
	pm_loc loc;

	loc.line = r->first_line + (int)start.line;
	loc.col = (int)start.column + 1;
	loc.span = end.line == start.line && end.index > start.index
	               ? (int)(end.index - start.index)
	               : 1;
	return loc;
}

static pm_loc
node_loc(const reader *r, const yaml_node_t *n)
{
	return mark_loc(r, n->start_mark, n->end_mark);
}

static const char *
type_name(const yaml_node_t *n)
{
	switch (n->type) {
	case YAML_SCALAR_NODE:
		return "a string";
	case YAML_SEQUENCE_NODE:
		return "a list";
	case YAML_MAPPING_NODE:
		return "a mapping";
	default:
		return "empty";
	}
}

/* A scalar written as ~, null or nothing means the key has no value. */
static int
is_null(const yaml_node_t *n)
{
	const char *v = (const char *)n->data.scalar.value;

	if (n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return 0;
	return *v == '\0' || strcmp(v, "~") == 0 || strcmp(v, "null") == 0 ||
	       strcmp(v, "Null") == 0 || strcmp(v, "NULL") == 0;
}

/* The scalar's text with the control characters and noncharacters that
 * YAML's escapes ("\e", "\a", "\0", "\uFFFE") can put in a quoted value
 * blanked, with one warning: like a raw one, such a character would drive
 * a terminal from a report or PDF metadata, and XML cannot hold it (the
 * -t xml form would not read back). The caller frees it. */
static char *
scalar_dup(reader *r, const yaml_node_t *n)
{
	size_t len = n->data.scalar.length, i, k;
	char *s = pm_xstrndup((const char *)n->data.scalar.value, len);
	int32_t cp;
	int told = 0;

	for (i = 0; i < len; i += k) {
		/* invalid UTF-8 was refused before: libyaml reads none */
		if ((k = pm_utf8_decode(s + i, len - i, &cp)) == 0)
			k = 1, cp = 0xfffd;
		if ((cp >= 0x20 && cp < 0x7f) || cp == '\t' || cp == '\n' ||
		    (cp >= 0xa0 && (cp & 0xfffe) != 0xfffe))
			continue;
		if (!told++)
			pm_report(r->src, PM_R_CONTROL_CHAR, node_loc(r, n),
			          (unsigned)cp);
		memset(s + i, ' ', k);
	}
	return s;
}

/* The raw source line of a libyaml mark, and the byte its column (in
 * characters) points at; NULL when out of range. */
static const char *
raw_at(const reader *r, yaml_mark_t m, size_t *len, size_t *at)
{
	const char *line = pm_src_line(r->src, r->first_line + (int)m.line, len);
	size_t col = 0, k;
	int32_t cp;

	*at = 0;
	if (line == NULL)
		return NULL;
	while (*at < *len && col < m.column) {
		k = pm_utf8_decode(line + *at, *len - *at, &cp);
		*at += k ? k : 1;
		col++;
	}
	return line;
}

/* Does s[0..n) open a bracket or quote it does not close? */
static int
unbalanced(const char *s, size_t n)
{
	int depth = 0;
	size_t i, quotes = 0;

	for (i = 0; i < n; i++) {
		depth += s[i] == '(' || s[i] == '[' || s[i] == '{';
		depth -= s[i] == ')' || s[i] == ']' || s[i] == '}';
		quotes += s[i] == '"';
	}
	return depth > 0 || quotes % 2 == 1;
}

/* lead, then v[0..n) (trailing blanks cut) in double quotes, its
 * quotes and backslashes escaped: the fix to show a writer. */
static void
quoted_fix(pm_buf *b, const char *lead, const char *v, size_t n)
{
	size_t i;

	while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t'))
		n--;
	pm_buf_puts(b, lead);
	pm_buf_putc(b, '"');
	for (i = 0; i < n; i++) {
		if (v[i] == '"' || v[i] == '\\')
			pm_buf_putc(b, '\\');
		pm_buf_putc(b, v[i]);
	}
	pm_buf_putc(b, '"');
}

/* A plain scalar that YAML cut at " #" ("title: Outage (incident #465)"
 * reads as "Outage (incident"): a warning at the '#' that says to quote
 * it. A comment meant as one ("status: draft  # for now") is left alone:
 * it starts "# " and leaves no bracket or quote open. */
static void
cut_comment(reader *r, const char *name, const yaml_node_t *val, int item)
{
	size_t len, end, start, hash;
	const char *line, *v = (const char *)val->data.scalar.value;
	char lead[80];
	pm_buf fix = {0};
	pm_loc loc;

	if (val->type != YAML_SCALAR_NODE ||
	    val->data.scalar.style != YAML_PLAIN_SCALAR_STYLE ||
	    (line = raw_at(r, val->end_mark, &len, &end)) == NULL)
		return;
	for (hash = end; hash < len && (line[hash] == ' ' || line[hash] == '\t');
	     hash++)
		continue;
	if (hash == end || hash == len || line[hash] != '#')
		return;
	if (hash + 1 < len && line[hash + 1] == ' ' &&
	    !unbalanced(v, strlen(v)))
		return;
	if (*v == '\0')
		start = hash; /* "- #ops": the whole value was taken */
	else if (val->start_mark.line != val->end_mark.line)
		start = 0;
	else
		raw_at(r, val->start_mark, &len, &start);
	snprintf(lead, sizeof(lead), item ? "- " : "%s: ", name);
	quoted_fix(&fix, lead, line + start, len - start);
	loc = pm_src_loc(r->src, line + hash, len - hash);
	pm_report(r->src, PM_R_YAML_COMMENT, loc, name, pm_buf_cstr(&fix));
	pm_buf_free(&fix);
}

/* The one plain string a list holds, or NULL. */
static const yaml_node_t *
lone_item(reader *r, const yaml_node_t *val)
{
	const yaml_node_t *item;

	if (val->type != YAML_SEQUENCE_NODE ||
	    val->data.sequence.items.top - val->data.sequence.items.start != 1)
		return NULL;
	item = yaml_document_get_node(r->yd, *val->data.sequence.items.start);
	if (item == NULL || item->type != YAML_SCALAR_NODE || is_null(item))
		return NULL;
	return item;
}

static void
set_scalar(reader *r, const struct key *k, const yaml_node_t *key,
           const yaml_node_t *val)
{
	pm_fm_value *v = (pm_fm_value *)((char *)r->meta + k->off);
	const yaml_node_t *item;

	cut_comment(r, k->name, val, 0);
	if (val->type != YAML_SCALAR_NODE) {
		pm_report(r->src, PM_R_YAML_TYPE, node_loc(r, val), k->name,
		          "a string", type_name(val));
		/* Still given: the error above is the only one it gets. A
		 * list of one string ("severity: [SEV2]") gives that string,
		 * so that no second finding is about a value never written. */
		item = lone_item(r, val);
		v->s = item ? scalar_dup(r, item) : pm_xstrdup("?");
		v->bad = item == NULL;
	} else if (is_null(val)) {
		return;
	} else {
		v->s = scalar_dup(r, val);
	}
	v->loc = node_loc(r, val);
	v->key = node_loc(r, key);
}

static void
list_add(reader *r, pm_fm_list *l, const yaml_node_t *item)
{
	l->items = pm_xrealloc(l->items, (l->n + 1) * sizeof(*l->items));
	l->locs = pm_xrealloc(l->locs, (l->n + 1) * sizeof(*l->locs));
	l->items[l->n] = scalar_dup(r, item);
	l->locs[l->n] = node_loc(r, item);
	l->n++;
}

/* A plain string with commas given to a list key ("services: auth,
 * login-ui") is the list its writer meant, not one item named "auth,
 * login-ui": each piece an item, at its own column when the value is
 * on one line. A quoted string is taken as written. */
static void
list_split(reader *r, pm_fm_list *l, const yaml_node_t *val)
{
	char *s = scalar_dup(r, val);
	const char *p = s, *t;
	size_t n, cut;
	pm_loc at = node_loc(r, val), loc;
	int one_line = val->start_mark.line == val->end_mark.line;

	for (;;) {
		cut = strcspn(p, ",");
		n = pm_text_trim(p, cut, &t);
		if (n > 0) {
			loc = at;
			if (one_line) {
				loc.col = at.col + (int)pm_utf8_count(
				                       s, (size_t)(t - s));
				loc.span = (int)pm_utf8_count(t, n);
			}
			l->items = pm_xrealloc(l->items, (l->n + 1) *
			                                     sizeof(*l->items));
			l->locs = pm_xrealloc(l->locs, (l->n + 1) *
			                                   sizeof(*l->locs));
			l->items[l->n] = pm_xstrndup(t, n);
			l->locs[l->n] = loc;
			l->n++;
		}
		if (p[cut] == '\0')
			break;
		p += cut + 1;
	}
	free(s);
}

/* A list key also takes a single string, as a list of one (or of its
 * comma-separated pieces: list_split). */
static void
set_list(reader *r, const struct key *k, const yaml_node_t *val)
{
	pm_fm_list *l = (pm_fm_list *)((char *)r->meta + k->off);
	yaml_node_item_t *it;
	yaml_node_t *item;

	l->set = 1;
	if (val->type == YAML_SCALAR_NODE) {
		cut_comment(r, k->name, val, 0);
		if (is_null(val))
			return;
		if (val->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
		    memchr(val->data.scalar.value, ',', val->data.scalar.length))
			list_split(r, l, val);
		else
			list_add(r, l, val);
		return;
	}
	if (val->type != YAML_SEQUENCE_NODE) {
		pm_report(r->src, PM_R_YAML_TYPE, node_loc(r, val), k->name,
		          "a list of strings", type_name(val));
		return;
	}
	for (it = val->data.sequence.items.start;
	     it < val->data.sequence.items.top; it++) {
		item = yaml_document_get_node(r->yd, *it);
		if (item == NULL)
			continue;
		if (item->type != YAML_SCALAR_NODE) {
			/* once: an alias can repeat one nested list many
			 * times over */
			pm_report(r->src, PM_R_YAML_TYPE, node_loc(r, item),
			          k->name, "a list of strings",
			          "a list holding a nested structure");
			return;
		}
		cut_comment(r, k->name, item, 1);
		list_add(r, l, item);
	}
}

static void
unknown_key(reader *r, const yaml_node_t *key, const char *name)
{
	char hint[64] = "";
	size_t i;

	for (i = 0; i < NKEYS; i++) {
		if (pm_edit_distance(name, keys[i].name, 2) <= 2) {
			snprintf(hint, sizeof(hint), "; did you mean '%s'?",
			         keys[i].name);
			break;
		}
	}
	pm_report(r->src, PM_R_UNKNOWN_KEY, node_loc(r, key), name, hint);
}

/* The place of a key in keys[], NKEYS when pmc does not know it; with
 * fold, also when it is written in another case ("Title"). */
static size_t
key_index(const char *name, int fold)
{
	size_t i;

	for (i = 0; i < NKEYS; i++)
		if ((fold ? strcasecmp : strcmp)(keys[i].name, name) == 0)
			break;
	return i;
}

static void
read_pair(reader *r, yaml_node_pair_t *pair)
{
	yaml_node_t *key = yaml_document_get_node(r->yd, pair->key);
	yaml_node_t *val = yaml_document_get_node(r->yd, pair->value);
	const char *name;
	char hint[64];
	size_t i;

	if (key == NULL || val == NULL)
		return;
	if (key->type != YAML_SCALAR_NODE) {
		pm_report(r->src, PM_R_YAML_TYPE, node_loc(r, key), "key",
		          "a string", type_name(key));
		return;
	}
	name = (const char *)key->data.scalar.value;
	if ((i = key_index(name, 0)) == NKEYS &&
	    (i = key_index(name, 1)) < NKEYS) {
		/* "Title:", "Severity:" (a wiki's capitals) mean the key;
		 * taken as it, or 'title' would also be reported missing */
		snprintf(hint, sizeof(hint),
		         "; keys are lower case: read as '%s'", keys[i].name);
		pm_report(r->src, PM_R_UNKNOWN_KEY, node_loc(r, key), name,
		          hint);
	} else if (i == NKEYS) {
		unknown_key(r, key, name);
		return;
	}
	if (r->seen[i].line) {
		pm_report(r->src, PM_R_DUPLICATE_KEY, node_loc(r, key), name,
		          r->seen[i].line);
		return;
	}
	r->seen[i] = node_loc(r, key);
	if (keys[i].kind == SCALAR)
		set_scalar(r, &keys[i], key, val);
	else
		set_list(r, &keys[i], val);
}

/* The text of a raw line from byte at, blanks trimmed both sides. */
static size_t
trimmed(const char *line, size_t len, size_t at, const char **out)
{
	return pm_text_trim(line + at, len - at, out);
}

/* "key: value: more" on one line: the first ": " ends the key. */
static int
split_key(const char *line, size_t len, size_t *kend, size_t *vstart)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (line[i] == ':' && (i + 1 == len || line[i + 1] == ' '))
			break;
	if (i == len)
		return 0;
	*kend = i;
	for (*vstart = i + 1; *vstart < len && line[*vstart] == ' '; (*vstart)++)
		continue;
	return 1;
}

/* "mapping values are not allowed": a second ": " in a value, or a key
 * indented under the line above (read as that value going on). */
static void
explain_colon(const char *line, size_t len, size_t at, pm_buf *b)
{
	size_t kend, v, k0;
	const char *key;

	if (!split_key(line, len, &kend, &v))
		return;
	k0 = pm_text_trim(line, kend, &key);
	if (kend == at && line[0] == ' ') {
		pm_buf_printf(b, "'%.*s' is indented, so YAML reads it as "
		              "more of the value above; start every key at "
		              "the beginning of its line",
		              (int)k0, key);
		return;
	}
	pm_buf_printf(b, "a ': ' inside the value of '%.*s'; quote the "
	              "value: %.*s",
	              (int)k0, key, (int)k0, key);
	quoted_fix(b, ": ", line + v, len - v);
}

/* "did not find expected key": text after a closing quote, or a line
 * that does not line up with the keys. */
static void
explain_key(const char *line, size_t len, size_t at, pm_buf *b)
{
	size_t q = at, kend, v, i;

	while (q > 0 && line[q - 1] == ' ')
		q--;
	if (q > 0 && (line[q - 1] == '"' || line[q - 1] == '\'') &&
	    split_key(line, len, &kend, &v)) {
		pm_buf_puts(b, "text after the closing quote; quote the whole "
		               "value: ");
		pm_buf_put(b, line, kend);
		pm_buf_puts(b, ": '");
		for (i = v; i < len; i++) {
			if (line[i] == '\'')
				pm_buf_putc(b, '\'');
			pm_buf_putc(b, line[i]);
		}
		pm_buf_putc(b, '\'');
		return;
	}
	pm_buf_puts(b, "this line does not line up with the keys above; "
	               "start every key at the beginning of its line");
}

/* "found character that cannot start any token" and tabs. */
static void
explain_char(const char *line, size_t len, size_t at, pm_buf *b)
{
	size_t kend, v;
	const char *key;
	size_t kn;

	if (at < len && line[at] == '\t') {
		pm_buf_puts(b, "a tab: YAML indents with spaces only; replace "
		               "the tab with spaces");
		return;
	}
	if (at >= len)
		return;
	if (!split_key(line, len, &kend, &v) || v != at) {
		pm_buf_printf(b, "'%c' cannot start a YAML key or value; "
		              "quote the text", line[at]);
		return;
	}
	kn = pm_text_trim(line, kend, &key);
	pm_buf_printf(b, "a value cannot start with '%c' in YAML; quote "
	              "the value: %.*s",
	              line[at], (int)kn, key);
	quoted_fix(b, ": ", line + v, len - v);
}

/* libyaml's problem said in plain words with the fix, at the place the
 * writer must change; *at may move to where the trouble started. */
static void
explain(const reader *r, const yaml_parser_t *p, yaml_mark_t *at, pm_buf *b)
{
	const char *pr = p->problem ? p->problem : "", *line, *t;
	const char *ctx = p->context ? p->context : "";
	size_t len, col, n;

	if (strstr(pr, "end of stream") && strstr(ctx, "quoted scalar")) {
		*at = p->context_mark;
		if ((line = raw_at(r, *at, &len, &col)) == NULL)
			return;
		n = trimmed(line, len, 0, &t);
		pm_buf_printf(b, "the quote opened here is never closed; close "
		              "it at the end of the value: %.*s%c",
		              (int)n, t, col < len ? line[col] : '"');
		return;
	}
	if (strstr(pr, "could not find expected ':'")) {
		*at = p->context_mark;
		if ((line = raw_at(r, *at, &len, &col)) == NULL)
			return;
		n = trimmed(line, len, 0, &t);
		pm_buf_printf(b, "'%.*s' has no ': ' after its key; write "
		              "'key: value' (a value that goes on from the "
		              "line above must be indented)",
		              (int)n, t);
		return;
	}
	if (strstr(ctx, "flow sequence") || strstr(ctx, "flow mapping")) {
		*at = p->context_mark;
		pm_buf_printf(b, "'%c' here starts a YAML %s that is never "
		              "closed with '%c'; quote the value if the "
		              "bracket is text",
		              strstr(ctx, "sequence") ? '[' : '{',
		              strstr(ctx, "sequence") ? "list" : "mapping",
		              strstr(ctx, "sequence") ? ']' : '}');
		return;
	}
	if ((line = raw_at(r, *at, &len, &col)) == NULL)
		return;
	if (strstr(pr, "undefined alias"))
		pm_buf_puts(b, "'*' starts a YAML alias, and no '&' anchor "
		               "of that name comes before; quote the value if "
		               "the asterisk is text");
	else if (strstr(pr, "mapping values are not allowed"))
		explain_colon(line, len, col, b);
	else if (strstr(pr, "did not find expected key"))
		explain_key(line, len, col, b);
	else if (strstr(pr, "cannot start any token") || strstr(pr, "tab"))
		explain_char(line, len, col, b);
	else if (strstr(pr, "block sequence entries are not allowed"))
		pm_buf_puts(b, "a list cannot start on its key's line; put "
		               "each '- item' on a line of its own under the "
		               "key");
	else if (strstr(pr, "did not find expected '-' indicator"))
		pm_buf_puts(b, "a list item must start with '- ' and line up "
		               "with the items above");
}

static void
syntax_error(reader *r, yaml_parser_t *p)
{
	pm_buf b = {0};
	yaml_mark_t at = p->problem_mark;

	explain(r, p, &at, &b);
	pm_buf_printf(&b, b.len ? " (YAML: %s%s%s)" : "YAML: %s%s%s",
	              p->problem ? p->problem : "cannot be read",
	              p->context ? " " : "", p->context ? p->context : "");
	pm_report(r->src, PM_R_YAML_SYNTAX, mark_loc(r, at, at),
	          pm_buf_cstr(&b));
	pm_buf_free(&b);
}

/* A copy of the front matter with control characters (but tab and line
 * breaks) blanked, each with a warning when report is set, as in the
 * body: libyaml would refuse the whole front matter for one pasted
 * escape. Byte for byte, so libyaml's marks stay the source's. The
 * caller frees it. */
static char *
blank_controls(pm_src *src, const char *text, size_t len, int report)
{
	char *copy = pm_xmalloc(len + 1);
	size_t i, n;
	int32_t cp;

	memcpy(copy, text, len);
	copy[len] = '\0';
	for (i = 0; i < len; i += n) {
		if ((n = pm_utf8_decode(text + i, len - i, &cp)) == 0)
			n = 1, cp = 0xfffd;
		if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
		    (cp >= 0x7f && cp < 0xa0)) {
			if (report)
				pm_report(src, PM_R_CONTROL_CHAR,
				          pm_src_loc(src, text + i, n),
				          (unsigned)cp);
			memset(copy + i, ' ', n);
		}
	}
	return copy;
}

/* The front matter loaded, or refused as too deep (see yamldepth.h), in
 * one pass over libyaml's events. A byte order mark in front is read as
 * one by yaml_parser_load's reader, as a character by the depth guard's
 * (which forces UTF-8): their marks differ, so that rare text is read
 * twice, as it always was. */
static int
load(yaml_parser_t *p, yaml_document_t *yd, const char *text, size_t len,
     yaml_mark_t *deep)
{
	if (len < 3 || memcmp(text, "\xef\xbb\xbf", 3) != 0)
		return pm_yaml_load(p, yd, MAX_NEST, deep);
	if (pm_yaml_too_deep(text, len, MAX_NEST, deep))
		return PM_YAML_DEEP;
	return yaml_parser_load(p, yd) ? PM_YAML_LOADED : PM_YAML_ERROR;
}

/* raw[0..len) prepared and loaded as the front end reads it: p set up
 * on *text, a copy with the control characters blanked; the caller
 * deletes p and frees *text. Returns load()'s answer. */
static int
load_raw(pm_src *src, const char *raw, size_t len, int report,
         yaml_parser_t *p, yaml_document_t *yd, char **text,
         yaml_mark_t *deep)
{
	*text = blank_controls(src, raw, len, report);
	yaml_parser_initialize(p);
	yaml_parser_set_input_string(p, (const unsigned char *)*text, len);
	return load(p, yd, *text, len, deep);
}

int
pm_fm_read(pm_src *src, const char *raw, size_t len, int first_line,
           pm_meta *meta)
{
	char *text;
	yaml_parser_t parser;
	yaml_document_t yd;
	yaml_node_t *top;
	yaml_node_pair_t *pair;
	yaml_mark_t deep;
	reader r;
	int rc = -1;

	memset(&r, 0, sizeof(r));
	r.src = src;
	r.yd = &yd;
	r.first_line = first_line;
	r.meta = meta;
	switch (load_raw(src, raw, len, 1, &parser, &yd, &text, &deep)) {
	case PM_YAML_DEEP:
		pm_report(src, PM_R_YAML_SYNTAX, mark_loc(&r, deep, deep),
		          "YAML: lists and mappings nest more than 16 deep; "
		          "front matter needs two levels");
		goto out_parser;
	case PM_YAML_ERROR:
		syntax_error(&r, &parser);
		goto out_parser;
	default:
		break;
	}
	rc = 0;
	top = yaml_document_get_root_node(&yd);
	if (top != NULL && top->type != YAML_MAPPING_NODE &&
	    !(top->type == YAML_SCALAR_NODE && is_null(top))) {
		pm_report(src, PM_R_YAML_TYPE, node_loc(&r, top),
		          "front matter", "a mapping of keys to values",
		          type_name(top));
	} else if (top != NULL && top->type == YAML_MAPPING_NODE) {
		for (pair = top->data.mapping.pairs.start;
		     pair < top->data.mapping.pairs.top; pair++)
			read_pair(&r, pair);
	}
	yaml_document_delete(&yd);
out_parser:
	yaml_parser_delete(&parser);
	free(text);
	return rc;
}

/* The lines of every block scalar ("notes: |"), in any key. */
static void
layout_block_scalars(yaml_document_t *yd, int first_line, pm_fm_layout *l)
{
	yaml_node_t *v;

	for (v = yd->nodes.start; v < yd->nodes.top; v++) {
		if (v->type != YAML_SCALAR_NODE ||
		    (v->data.scalar.style != YAML_LITERAL_SCALAR_STYLE &&
		     v->data.scalar.style != YAML_FOLDED_SCALAR_STYLE))
			continue;
		l->scalars = pm_xrealloc(l->scalars, (l->nscalars + 1) *
		                                         sizeof(*l->scalars));
		l->scalars[l->nscalars].first = first_line + (int)v->start_mark.line;
		l->scalars[l->nscalars].last = first_line + (int)v->end_mark.line;
		l->nscalars++;
	}
}

/* The top-level keys of a block mapping, each with its place in keys[]
 * and the lines it and its value take. */
static void
layout_keys(yaml_document_t *yd, int first_line, pm_fm_layout *l)
{
	yaml_node_t *top = yaml_document_get_root_node(yd), *k, *v;
	yaml_node_pair_t *p;
	pm_fm_key *o;
	size_t i;

	if (top == NULL || top->type != YAML_MAPPING_NODE ||
	    top->data.mapping.style != YAML_BLOCK_MAPPING_STYLE)
		return;
	l->block = 1;
	l->keys = pm_xcalloc((size_t)(top->data.mapping.pairs.top -
	                              top->data.mapping.pairs.start) + 1,
	                     sizeof(*l->keys));
	for (p = top->data.mapping.pairs.start; p < top->data.mapping.pairs.top;
	     p++) {
		k = yaml_document_get_node(yd, p->key);
		v = yaml_document_get_node(yd, p->value);
		o = &l->keys[l->nkeys++];
		o->index = -1;
		if (k == NULL || v == NULL || k->type != YAML_SCALAR_NODE)
			continue;
		o->scalar = 1;
		o->line = first_line + (int)k->start_mark.line;
		o->col = (int)k->start_mark.column;
		/* a value that ends at a line's start ended on the line before */
		o->last = first_line + (int)v->end_mark.line -
		          (v->end_mark.column == 0 &&
		           v->end_mark.line > k->start_mark.line);
		i = key_index((const char *)k->data.scalar.value, 0);
		o->index = i < NKEYS ? (int)i : -1;
	}
}

int
pm_fm_layout_read(pm_src *src, const char *raw, size_t len, int first_line,
                  pm_fm_layout *l)
{
	char *text;
	yaml_parser_t parser;
	yaml_document_t yd;
	yaml_mark_t deep;
	int rc = -1;

	memset(l, 0, sizeof(*l));
	if (load_raw(src, raw, len, 0, &parser, &yd, &text, &deep) ==
	    PM_YAML_LOADED) {
		layout_block_scalars(&yd, first_line, l);
		layout_keys(&yd, first_line, l);
		yaml_document_delete(&yd);
		rc = 0;
	}
	yaml_parser_delete(&parser);
	free(text);
	return rc;
}

void
pm_fm_layout_free(pm_fm_layout *l)
{
	free(l->keys);
	free(l->scalars);
}

static void
free_list(pm_fm_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		free(l->items[i]);
	free(l->items);
	free(l->locs);
}

void
pm_fm_free(pm_meta *m)
{
	size_t i;

	for (i = 0; i < NKEYS; i++) {
		if (keys[i].kind == SCALAR)
			free(((pm_fm_value *)((char *)m + keys[i].off))->s);
		else
			free_list((pm_fm_list *)((char *)m + keys[i].off));
	}
}
