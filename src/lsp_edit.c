/* lsp_edit.c: what pmc lsp offers to write: the quick fixes pmc's own
 * findings name (a heading it knows, an offset for a zone word, the text
 * mojibake stands for, a YAML value quoted), and completions from the
 * format's vocabulary and the policy (pm_doc_word) and the system's time
 * zones. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "alloc.h"
#include "lsp_srv.h"

/* ---- Code actions ---- */

/*
 * A fix a finding's message spells out: the text before the first value
 * (what is written), between it and the second (what to write), and
 * after that. The messages come from rules.def, one table; the regress
 * test of pmc lsp holds them to what pmc check prints.
 */
static const struct fix_form {
	const char *rule, *lead, *mid, *tail, *title;
} fix_forms[] = {
    {"unknown-section", "unknown section '", "'; did you mean '", "'?",
     "Change the heading to '%s'"},
    {"bad-timezone", "unknown time zone '", "'; write ", " (always)",
     "Write the offset %s"},
    {"mojibake", "'", "' looks like mojibake of '", "' (",
     "Repair to '%s'"},
    /* the value's whole line, quoted: what follows its indentation */
    {"yaml-comment", NULL, "; quote the value: ", NULL, "Quote it: %s"},
};

/* From msg by form: what is written (NULL: the line's text after its
 * indentation) and what to write, owned by the caller; 0, or -1 when
 * the message is not of the form. */
static int
fix_parts(const struct fix_form *f, const char *msg, char **from, char **to)
{
	const char *a, *b, *c;

	*from = *to = NULL;
	if (f->lead == NULL) {
		if ((b = strstr(msg, f->mid)) == NULL)
			return -1;
		*to = pm_xstrdup(b + strlen(f->mid));
		return 0;
	}
	if (strncmp(msg, f->lead, strlen(f->lead)) != 0)
		return -1;
	a = msg + strlen(f->lead);
	if ((b = strstr(a, f->mid)) == NULL ||
	    (c = strstr(b + strlen(f->mid), f->tail)) == NULL)
		return -1;
	*from = pm_xstrndup(a, (size_t)(b - a));
	b += strlen(f->mid);
	*to = pm_xstrndup(b, (size_t)(c - b));
	return 0;
}

/* The bytes [*at, *end) the fix replaces: what it names, searched from
 * the finding's start to its line's end, or (from NULL) the line after
 * its indentation; -1 when what it names is not there. */
static int
fix_span(const lsp_doc *d, size_t start, const char *from, size_t *at,
         size_t *end)
{
	size_t n, line = lsp_line(d, lsp_line_of(d, start), &n), eol = line + n;
	size_t len = from ? strlen(from) : 0, p;
	const char *t = d->text.data;

	if (start > eol)
		return -1;
	if (from == NULL) {
		for (*at = line; *at < eol && (t[*at] == ' ' || t[*at] == '\t');)
			(*at)++;
		*end = eol;
		return 0;
	}
	for (p = start; len > 0 && p + len <= eol; p++)
		if (memcmp(t + p, from, len) == 0) {
			*at = p;
			*end = p + len;
			return 0;
		}
	return -1;
}

/* The quick fix of one published finding, or NULL when it has none. */
static json_t *
fix_of(const lsp *s, const lsp_doc *d, json_t *diag)
{
	const char *rule = json_string_value(json_object_get(diag, "code"));
	const char *msg = json_string_value(json_object_get(diag, "message"));
	const struct fix_form *f;
	char *from = NULL, *to = NULL;
	size_t k, at, end;
	pm_buf title = {0};
	json_t *edit, *action = NULL;

	for (k = 0; k < sizeof(fix_forms) / sizeof(fix_forms[0]); k++)
		if (rule != NULL && msg != NULL &&
		    strcmp(rule, fix_forms[k].rule) == 0)
			break;
	if (k == sizeof(fix_forms) / sizeof(fix_forms[0]))
		return NULL;
	f = &fix_forms[k];
	if (fix_parts(f, msg, &from, &to) < 0 ||
	    fix_span(d, lsp_offset(s, d, json_object_get(json_object_get(
	                                    diag, "range"), "start")),
	             from, &at, &end) < 0)
		goto out;
	edit = json_pack("{s:{s:o,s:o},s:o}", "range", "start",
	                 lsp_position(s, d, at), "end", lsp_position(s, d, end),
	                 "newText", lsp_string(to, strlen(to)));
	pm_buf_printf(&title, f->title, to);
	action = json_pack("{s:o,s:s,s:[O],s:b,s:{s:{s:[o]}}}", "title",
	                   lsp_string(title.data, title.len), "kind",
	                   "quickfix", "diagnostics", diag, "isPreferred", 1,
	                   "edit", "changes", d->uri, edit);
out:
	free(from);
	free(to);
	pm_buf_free(&title);
	return action;
}

/* Do the ranges a and b meet (ends included)? */
static int
meets(json_t *a, json_t *b)
{
	json_t *as = json_object_get(a, "start"), *ae = json_object_get(a, "end"),
	       *bs = json_object_get(b, "start"), *be = json_object_get(b, "end");

	return lsp_cmp_position(as, be) <= 0 && lsp_cmp_position(bs, ae) <= 0;
}

/* The quick fixes of the findings the server published last that meet
 * the range asked about (the server's own, not the client's copy). */
void
lsp_code_action(lsp *s, json_t *id, json_t *params)
{
	lsp_doc *d = lsp_doc_of(s, params);
	json_t *range = json_object_get(params, "range"), *list, *f, *a;
	size_t i;

	if (d == NULL) {
		lsp_error(s, id, RPC_INVALID_PARAMS, "no such open document");
		return;
	}
	lsp_fresh(s, d);
	list = json_array();
	json_array_foreach(d->diags, i, f)
		if (meets(json_object_get(f, "range"), range) &&
		    (a = fix_of(s, d, f)) != NULL)
			json_array_append_new(list, a);
	lsp_reply(s, id, list);
}

/* ---- Completion ---- */

enum {
	ITEM_VALUE = 12,
	ITEM_PROPERTY = 10,
	ITEM_KEYWORD = 14,
	ITEM_ENUM_MEMBER = 20
};

/* What is being completed: the bytes [from, to) of the cursor's line that
 * an item replaces, and the items. */
struct completion {
	const lsp *s;
	const lsp_doc *d;
	size_t from, to;
	json_t *items;
	const char *lead; /* written before each item's label */
};

/* An item replacing [from, to) by lead, label and after. */
static void
item(struct completion *c, const char *label, const char *after, int kind)
{
	pm_buf text = {0};

	pm_buf_puts(&text, c->lead);
	pm_buf_puts(&text, label);
	pm_buf_puts(&text, after);
	json_array_append_new(
	    c->items,
	    json_pack("{s:o,s:i,s:{s:{s:o,s:o},s:o}}", "label",
	              lsp_string(label, strlen(label)), "kind", kind, "textEdit",
	              "range", "start", lsp_position(c->s, c->d, c->from), "end",
	              lsp_position(c->s, c->d, c->to), "newText",
	              lsp_string(text.data, text.len)));
	pm_buf_free(&text);
}

/* An item for each word of the format's of kind (doc's policy and
 * language). */
static void
items(struct completion *c, const pm_doc *doc, pm_word_kind words,
      const char *after, int kind)
{
	const char *w;
	size_t k;

	for (k = 0; (w = pm_doc_word(doc, words, k)) != NULL; k++)
		item(c, w, after, kind);
}

/* The IANA zone names under dir (TZDIR, else /usr/share/zoneinfo): the
 * files whose name starts with a capital, as tzdata names its zones,
 * outside the copies in posix/ and right/. */
static void
zones_in(struct completion *c, const char *root, const char *sub, int depth)
{
	pm_buf path = {0}, name = {0};
	struct dirent *e;
	struct stat st;
	DIR *dir;

	pm_buf_printf(&path, "%s%s%s", root, *sub ? "/" : "", sub);
	if (depth > 3 || (dir = opendir(pm_buf_cstr(&path))) == NULL)
		goto out;
	while ((e = readdir(dir)) != NULL) {
		if (e->d_name[0] < 'A' || e->d_name[0] > 'Z')
			continue;
		name.len = 0;
		pm_buf_printf(&name, "%s%s%s", sub, *sub ? "/" : "", e->d_name);
		path.len = 0;
		pm_buf_printf(&path, "%s/%s", root, pm_buf_cstr(&name));
		if (stat(pm_buf_cstr(&path), &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode))
			zones_in(c, root, pm_buf_cstr(&name), depth + 1);
		else if (S_ISREG(st.st_mode))
			item(c, pm_buf_cstr(&name), "", ITEM_VALUE);
	}
	closedir(dir);
out:
	pm_buf_free(&path);
	pm_buf_free(&name);
}

/* The front matter keys whose values are words of the format. */
static const struct {
	const char *key;
	pm_word_kind words;
} fm_words[] = {
    {"status", PM_WORD_STATUS},     {"detected_by", PM_WORD_DETECTED_BY},
    {"audience", PM_WORD_AUDIENCE}, {"lang", PM_WORD_LANG},
    {"severity", PM_WORD_SEVERITY},
};

/* A front matter value after "key: ". */
static void
fm_values(struct completion *c, const char *key, size_t n, const pm_doc *doc)
{
	const char *tzdir = getenv("TZDIR");
	size_t k;

	for (k = 0; k < sizeof(fm_words) / sizeof(fm_words[0]); k++)
		if (strlen(fm_words[k].key) == n &&
		    strncmp(key, fm_words[k].key, n) == 0) {
			items(c, doc, fm_words[k].words, "", ITEM_ENUM_MEMBER);
			return;
		}
	if (n == 8 && strncmp(key, "timezone", 8) == 0)
		zones_in(c, tzdir && *tzdir ? tzdir : "/usr/share/zoneinfo", "",
		         0);
}

/* In the front matter: a key at the start of a line, else the values of
 * the key before the colon. */
static void
fm_complete(struct completion *c, const char *line, size_t n,
            const pm_doc *doc)
{
	const char *colon = memchr(line, ':', n);
	size_t v;

	if (colon == NULL) {
		if (n > 0 && (line[0] == ' ' || line[0] == '-'))
			return; /* a list's item */
		items(c, doc, PM_WORD_FRONT_MATTER_KEY, ": ", ITEM_PROPERTY);
		return;
	}
	for (v = (size_t)(colon - line) + 1; v < n && line[v] == ' '; v++)
		continue;
	c->from += v;
	fm_values(c, line, (size_t)(colon - line), doc);
}

/* The kinds of a timeline tag, after "- TIME — [" or "- TIME [". */
static int
kind_complete(struct completion *c, const char *line, size_t n,
              const pm_doc *doc)
{
	const char *open = NULL, *p;

	for (p = line; p < line + n; p++)
		if (*p == '[')
			open = p;
	if (open == NULL || (line[0] != '-' && line[0] != '*') ||
	    memchr(line, ':', (size_t)(open - line)) == NULL)
		return 0;
	for (p = open + 1; p < line + n; p++)
		if (!(*p >= 'a' && *p <= 'z'))
			return 0;
	c->from += (size_t)(open + 1 - line);
	items(c, doc, PM_WORD_EVENT_KIND,
	      c->to < c->d->text.len && c->d->text.data[c->to] == ']' ? ""
	                                                                 : "] ",
	      ITEM_ENUM_MEMBER);
	return 1;
}

/* A follow-up's attributes, inside its "(owner: ..., due: ...)". */
static int
attr_complete(struct completion *c, const char *line, size_t n,
              const pm_doc *doc)
{
	const char *open = NULL, *p, *start;

	for (p = line; p < line + n; p++)
		if (*p == '(')
			open = p;
		else if (*p == ')')
			open = NULL;
	if (open == NULL || (line[0] != '-' && line[0] != '*'))
		return 0;
	for (start = line + n; start > open + 1 && start[-1] != ',' &&
	                       start[-1] != '(';)
		start--;
	while (start < line + n && *start == ' ')
		start++;
	for (p = start; p < line + n; p++)
		if (*p == ':') {
			if (p - start == 4 && strncmp(start, "type", 4) == 0) {
				for (p++; p < line + n && *p == ' ';)
					p++;
				c->from += (size_t)(p - line);
				items(c, doc, PM_WORD_FOLLOW_UP_TYPE, "",
				      ITEM_ENUM_MEMBER);
			}
			return 1;
		}
	c->from += (size_t)(start - line);
	items(c, doc, PM_WORD_FOLLOW_UP_ATTR, ": ", ITEM_PROPERTY);
	return 1;
}

/* The section headings of the document's language after "## ". */
static void
heading_complete(struct completion *c, const char *line, size_t n,
                 const pm_doc *doc)
{
	size_t k = 2;

	while (k < n && line[k] == ' ')
		k++;
	c->from += k;
	c->lead = k == 2 ? " " : ""; /* "##" alone: the space comes too */
	items(c, doc, PM_WORD_HEADING, "", ITEM_KEYWORD);
}

/* The line the front matter ends on (1-based), 0 when the text has none
 * (or it is not closed: then all of it is). */
static long
fm_end(const lsp_doc *d)
{
	size_t n, at = lsp_line(d, 1, &n);
	long k;

	if (n < 3 || memcmp(d->text.data + at, "---", 3) != 0)
		return 0;
	for (k = 2; (size_t)k <= d->nlines; k++) {
		at = lsp_line(d, k, &n);
		if (n >= 3 && (memcmp(d->text.data + at, "---", 3) == 0 ||
		               memcmp(d->text.data + at, "...", 3) == 0))
			return k;
	}
	return (long)d->nlines + 1;
}

void
lsp_completion(lsp *s, json_t *id, json_t *params)
{
	lsp_doc *d = lsp_doc_of(s, params);
	struct completion c = {s, d, 0, 0, NULL, ""};
	size_t off, n, at;
	long line, end;
	pm_doc *doc;

	if (d == NULL || (off = lsp_offset(s, d, json_object_get(
	                                             params, "position"))) ==
	                     (size_t)-1) {
		lsp_error(s, id, RPC_INVALID_PARAMS,
		          "no such open document or position");
		return;
	}
	line = (long)lsp_line_of(d, off);
	at = lsp_line(d, line, &n);
	c.from = at;
	c.to = off;
	c.items = json_array();
	doc = lsp_compiled(s, d);
	end = fm_end(d);
	n = off - at;
	if (line > 1 && line < end)
		fm_complete(&c, d->text.data + at, n, doc);
	else if (n >= 2 && memcmp(d->text.data + at, "##", 2) == 0 &&
	         (n == 2 || d->text.data[at + 2] == ' '))
		heading_complete(&c, d->text.data + at, n, doc);
	else if (!kind_complete(&c, d->text.data + at, n, doc))
		attr_complete(&c, d->text.data + at, n, doc);
	pm_doc_free(doc);
	lsp_reply(s, id, c.items);
}
