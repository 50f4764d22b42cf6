/* lsp_doc.c: what pmc lsp says about an open document, each from the
 * library that says it on the command line: findings (pm_doc_parse, as
 * pmc check), formatting (pm_fmt, as pmc fmt), the outline and hovers
 * (pm_doc_outline and pm_doc_hover, from the intermediate form with the
 * figures src/derive.c put in it). */
#include <stdlib.h>
#include <string.h>

#include "cli_opts.h"
#include "lsp_srv.h"

/* Where codeDescription.href points: the page that explains the rules,
 * #RULE after it, as SARIF's helpUri (CMakeLists: PMC_RULES_URI). */
#ifndef PMC_RULES_URI
#define PMC_RULES_URI "file:///usr/local/share/doc/pmc/rules.md"
#endif

/* The findings of one check, as the protocol's diagnostics. */
struct findings {
	lsp *s;
	lsp_doc *d;
	json_t *list;
};

static int
is_space(char ch)
{
	return ch == ' ' || ch == '\t';
}

/* A finding's span when it has one, else (a place of one character at
 * the start of a word) the word it points at, up to the next space. */
static int
span_of(const lsp_doc *d, const pm_diag *f)
{
	const char *t = d->text.data ? d->text.data : "";
	size_t n, at = lsp_finding_line(d, f->line, &n), i;
	int span = 1;

	if (f->span > 1)
		return f->span;
	i = at + pm_lsp_chars_bytes(t + at, n, f->col - 1);
	if (i >= at + n || is_space(t[i]))
		return 1;
	while (++i < at + n && !is_space(t[i]))
		if (((unsigned char)t[i] & 0xc0) != 0x80)
			span++;
	return span;
}

static const int severities[] = {3, 2, 1}; /* information, warning, error */

/* A finding about another file (the policy) is shown at the document's
 * start with its own place in its message. */
static void
on_finding(const pm_diag *f, void *arg)
{
	struct findings *fs = arg;
	int here = strcmp(f->file, fs->d->name) == 0 && f->line > 0;
	pm_buf msg = {0}, href = {0};
	json_t *j;

	if (!here)
		pm_diag_escape(&msg, f->file, strlen(f->file));
	if (!here && f->line > 0)
		pm_buf_printf(&msg, ":%d:%d: ", f->line, f->col);
	else if (!here)
		pm_buf_puts(&msg, ": ");
	pm_diag_escape(&msg, f->message, strlen(f->message));
	pm_buf_printf(&href, "%s#%s", PMC_RULES_URI, f->rule);
	j = json_pack("{s:o,s:i,s:s,s:{s:s},s:s,s:o}", "range",
	              here ? lsp_range_of(fs->s, fs->d, f->line, f->col,
	                                  span_of(fs->d, f))
	                   : lsp_range_of(fs->s, fs->d, 1, 1, 0),
	              "severity", severities[f->severity], "code", f->rule,
	              "codeDescription", "href", pm_buf_cstr(&href),
	              "source", "pmc",
	              "message", lsp_string(msg.data, msg.len));
	json_array_append_new(fs->list, j);
	pm_buf_free(&msg);
	pm_buf_free(&href);
}

void
lsp_fresh(lsp *s, lsp_doc *d)
{
	if (d->due != 0) {
		d->due = 0;
		lsp_diagnose(s, d);
	}
}

void
lsp_diagnose(lsp *s, lsp_doc *d)
{
	struct findings fs = {s, d, json_array()};
	pm_options opts = s->c->opts;
	pm_doc *doc;
	json_t *params;

	opts.diag = on_finding;
	opts.diag_arg = &fs;
	/* a README is no postmortem: pmc check skips it, named or not */
	if (!is_markdown(d->name) ||
	    starts_like_front_matter(d->text.data, d->text.len)) {
		doc = pm_doc_parse(d->name, d->text.data ? d->text.data : "",
		                   d->text.len, &opts);
		pm_doc_free(doc);
	}
	json_decref(d->diags);
	d->diags = json_incref(fs.list);
	params = json_pack("{s:s,s:o}", "uri", d->uri, "diagnostics", fs.list);
	if (json_is_integer(d->version))
		json_object_set(params, "version", d->version);
	lsp_notify(s, "textDocument/publishDiagnostics", params);
}

/* The range of the whole text. */
static json_t *
whole(const lsp *s, const lsp_doc *d)
{
	return json_pack("{s:{s:i,s:i},s:o}", "start", "line", 0, "character",
	                 0, "end", lsp_position(s, d, d->text.len));
}

/* Collects the messages of the findings that stop fmt. */
static void
on_fmt_finding(const pm_diag *f, void *arg)
{
	pm_buf *why = arg;

	if (f->severity != PM_ERROR || why->len > 0)
		return;
	if (f->line > 0)
		pm_buf_printf(why, "line %d: ", f->line);
	pm_diag_escape(why, f->message, strlen(f->message));
	pm_buf_printf(why, " [%s]", f->rule);
}

/* pmc fmt's canonical form as one edit of the whole text; none when the
 * text is in that form already, or when fmt refuses (an error in the
 * source, or a rewrite that would change its meaning), which the
 * client is told. */
void
lsp_formatting(lsp *s, json_t *id, json_t *params)
{
	lsp_doc *d = lsp_doc_of(s, params);
	pm_options opts = s->c->opts;
	pm_buf out = {0}, why = {0};

	if (d == NULL) {
		lsp_error(s, id, RPC_INVALID_PARAMS, "no such open document");
		return;
	}
	opts.diag = on_fmt_finding;
	opts.diag_arg = &why;
	if (pm_fmt(d->name, d->text.data ? d->text.data : "", d->text.len,
	           &opts, &out) < 0) {
		pm_buf_puts(&out, "pmc fmt: not formatted: ");
		pm_buf_put(&out, why.data, why.len);
		lsp_notify(s, "window/showMessage",
		           json_pack("{s:i,s:o}", "type", 2, "message",
		                     lsp_string(out.data, out.len)));
		lsp_reply(s, id, json_null());
	} else if (out.len == d->text.len &&
	           memcmp(out.data, d->text.data, out.len) == 0) {
		lsp_reply(s, id, json_array());
	} else {
		lsp_reply(s, id, json_pack("[{s:o,s:o}]", "range", whole(s, d),
		                           "newText",
		                           lsp_string(out.data, out.len)));
	}
	pm_buf_free(&out);
	pm_buf_free(&why);
}

pm_doc *
lsp_compiled(const lsp *s, const lsp_doc *d)
{
	pm_options opts = s->c->opts;

	opts.diag = NULL;
	opts.audience = PM_AUDIENCE_INTERNAL;
	return pm_doc_parse(d->name, d->text.data ? d->text.data : "",
	                    d->text.len, &opts);
}

/* The whole of 1-based line of d. */
static json_t *
line_range(const lsp *s, const lsp_doc *d, int line)
{
	return lsp_range_of(s, d, line, 1, 1 << 30);
}

/* From the start of line first to the end of line last. */
static json_t *
lines_range(const lsp *s, const lsp_doc *d, int first, int last)
{
	json_t *a = line_range(s, d, first),
	       *b = line_range(s, d, last < first ? first : last);
	json_t *r = json_pack("{s:O,s:O}", "start", json_object_get(a, "start"),
	                      "end", json_object_get(b, "end"));

	json_decref(a);
	json_decref(b);
	return r;
}

/* A DocumentSymbol; the references of name and the ranges are taken. */
static json_t *
symbol(json_t *name, int kind, json_t *range, json_t *sel)
{
	json_t *j = json_pack("{s:o,s:i,s:o,s:o}", "name", name, "kind", kind,
	                      "range", range, "selectionRange", sel);

	if (json_string_length(name) == 0)
		json_object_set_new(j, "name", json_string("\xe2\x80\xa6"));
	return j;
}

/* An outline entry's name: prefix, then its text cut to a line's worth
 * at a character boundary. */
static json_t *
label_of(const char *text, const char *prefix)
{
	pm_buf b = {0};
	size_t len = strlen(text), cut = 80;
	json_t *j;

	pm_buf_puts(&b, prefix);
	if (len > cut) {
		while (cut > 0 && ((unsigned char)text[cut] & 0xc0) == 0x80)
			cut--;
		pm_buf_put(&b, text, cut);
		pm_buf_puts(&b, "\xe2\x80\xa6");
	} else {
		pm_buf_put(&b, text, len);
	}
	j = lsp_string(b.data, b.len);
	pm_buf_free(&b);
	return j;
}

/* The protocol's SymbolKind of each pm_outline_kind. */
static const int symbol_kinds[] = {
    [PM_OUTLINE_SECTION] = 3,    /* Namespace */
    [PM_OUTLINE_DAY] = 2,        /* Module */
    [PM_OUTLINE_MILESTONE] = 24, /* Event */
    [PM_OUTLINE_WHY] = 15,       /* String */
    [PM_OUTLINE_FOLLOW_UP] = 7,  /* Property */
};

/* The symbol of an entry of the outline, on its line; a section's from
 * its heading's line to its last. */
static json_t *
item_symbol(const lsp *s, const lsp_doc *d, const pm_outline_item *it)
{
	pm_buf pre = {0};
	json_t *j;

	if (it->kind == PM_OUTLINE_SECTION)
		return symbol(lsp_string(it->text, strlen(it->text)),
		              symbol_kinds[it->kind],
		              lines_range(s, d, it->line, it->last),
		              line_range(s, d, it->line));
	if (it->milestone != NULL)
		pm_buf_printf(&pre, "[%s] ", it->milestone);
	j = symbol(label_of(it->text, pm_buf_cstr(&pre)),
	           symbol_kinds[it->kind], line_range(s, d, it->line),
	           line_range(s, d, it->line));
	pm_buf_free(&pre);
	return j;
}

void
lsp_symbols(lsp *s, json_t *id, json_t *params)
{
	lsp_doc *d = lsp_doc_of(s, params);
	pm_doc *doc;
	pm_outline *o;
	json_t *list = json_array(), *sec = NULL, *j;
	size_t i;

	if (d == NULL) {
		lsp_error(s, id, RPC_INVALID_PARAMS, "no such open document");
		json_decref(list);
		return;
	}
	doc = lsp_compiled(s, d);
	o = pm_doc_outline(doc);
	for (i = 0; i < o->n; i++) {
		j = item_symbol(s, d, &o->items[i]);
		if (o->items[i].kind == PM_OUTLINE_SECTION) {
			json_object_set_new(j, "children", json_array());
			json_array_append_new(list, j);
			sec = json_object_get(j, "children");
		} else {
			json_array_append_new(sec, j);
		}
	}
	pm_outline_free(o);
	pm_doc_free(doc);
	lsp_reply(s, id, list);
}

/* The explanation of each finding published at pos, ends included. */
static void
findings_at(pm_buf *b, const lsp_doc *d, json_t *pos)
{
	const pm_rule_info *r;
	json_t *f;
	size_t i;

	json_array_foreach(d->diags, i, f) {
		if (lsp_cmp_position(json_object_get(json_object_get(f, "range"),
		                                     "start"), pos) > 0 ||
		    lsp_cmp_position(pos, json_object_get(json_object_get(f, "range"),
		                                          "end")) > 0 ||
		    (r = cli_rule_named(json_string_value(
		         json_object_get(f, "code")))) == NULL)
			continue;
		if (b->len > 0)
			pm_buf_puts(b, "\n\n");
		pm_buf_printf(b, "%s: %s (pmc help %s)", r->id,
		              cli_rule_explanation(r), r->id);
	}
}

void
lsp_hover(lsp *s, json_t *id, json_t *params)
{
	lsp_doc *d = lsp_doc_of(s, params);
	json_t *pos = json_object_get(params, "position");
	size_t off;
	int line;
	pm_buf b = {0}, times = {0};
	pm_doc *doc;
	json_t *at;

	if (d == NULL || (off = lsp_offset(s, d, pos)) == (size_t)-1) {
		lsp_error(s, id, RPC_INVALID_PARAMS,
		          "no such open document or position");
		return;
	}
	doc = lsp_compiled(s, d);
	at = lsp_position(s, d, off);
	lsp_fresh(s, d);
	findings_at(&b, d, pos);
	line = (int)json_integer_value(json_object_get(at, "line")) + 1;
	if (pm_doc_hover(doc, line, &times) > 0) {
		if (b.len > 0)
			pm_buf_puts(&b, "\n\n");
		pm_buf_put(&b, times.data, times.len);
	}
	json_decref(at);
	pm_doc_free(doc);
	pm_buf_free(&times);
	if (b.len == 0)
		lsp_reply(s, id, json_null());
	else
		lsp_reply(s, id, json_pack("{s:{s:s,s:o}}", "contents", "kind",
		                           "plaintext", "value",
		                           lsp_string(b.data, b.len)));
	pm_buf_free(&b);
}
