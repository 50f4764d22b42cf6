/* lsp_doc.c: what pmc lsp says about an open document, each from the
 * library that says it on the command line: findings (pm_doc_parse, as
 * pmc check), formatting (pm_fmt, as pmc fmt), the outline and hovers
 * (the intermediate form, with the figures src/derive.c put in it). */
#include <stdlib.h>
#include <string.h>

#include "cli_opts.h"
#include "diag.h"
#include "doc.h"
#include "ir.h"
#include "l10n.h"
#include "lsp_srv.h"
#include "pmtime.h"

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

/* The element's text, cut to a line's worth at a character boundary. */
static json_t *
label_of(const xmlNode *n, const char *prefix)
{
	char *text = pm_ir_content(n);
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
	free(text);
	return j;
}

enum {
	SYM_MODULE = 2,
	SYM_NAMESPACE = 3,
	SYM_PROPERTY = 7,
	SYM_STRING = 15,
	SYM_EVENT = 24
};

/* The symbol of an element of a section worth an outline entry: a
 * timeline day, a milestone event, a why, a follow-up; NULL for others. */
static json_t *
child_symbol(const lsp *s, const lsp_doc *d, const xmlNode *n)
{
	pm_loc at = pm_ir_loc_attr(n);
	const char *kind = pm_ir_get(n, "kind");
	pm_buf pre = {0};
	json_t *j = NULL;
	size_t k;

	if (at.line == 0)
		return NULL;
	if (pm_ir_is(n, PM_EL_HEADING) && n->parent != NULL &&
	    pm_ir_section_key(n->parent) == PM_SEC_TIMELINE) {
		j = symbol(label_of(n, ""), SYM_MODULE, line_range(s, d, at.line),
		           line_range(s, d, at.line));
	} else if (pm_ir_is(n, PM_EL_EVENT) && kind != NULL) {
		for (k = 0; k < PM_MS__COUNT; k++)
			if (strcmp(kind, pm_milestones[k]) == 0)
				break;
		if (k < PM_MS__COUNT) {
			pm_buf_printf(&pre, "[%s] ", kind);
			j = symbol(label_of(pm_ir_first(n, PM_EL_TEXT),
			                    pm_buf_cstr(&pre)),
			           SYM_EVENT, line_range(s, d, at.line),
			           line_range(s, d, at.line));
		}
	} else if (pm_ir_is(n, PM_EL_WHY)) {
		j = symbol(label_of(pm_ir_first(n, PM_EL_QUESTION), ""),
		           SYM_STRING, line_range(s, d, at.line),
		           line_range(s, d, at.line));
	} else if (pm_ir_is(n, PM_EL_ACTION)) {
		j = symbol(label_of(pm_ir_first(n, PM_EL_TEXT), ""), SYM_PROPERTY,
		           line_range(s, d, at.line), line_range(s, d, at.line));
	}
	pm_buf_free(&pre);
	return j;
}

/* A section's symbol, from its heading's line to the line before next
 * (or the text's end), its days, milestones, whys and follow-ups in it. */
static json_t *
section_symbol(const lsp *s, const lsp_doc *d, const xmlNode *sec, int last)
{
	pm_loc at = pm_ir_loc_attr(sec);
	const char *heading = pm_ir_get(sec, "heading");
	json_t *kids = json_array(), *j, *range;
	const xmlNode *n;

	for (n = pm_ir_walk(sec, sec, 1); n != NULL; n = pm_ir_walk(n, sec, 1))
		if ((j = child_symbol(s, d, n)) != NULL)
			json_array_append_new(kids, j);
	range = lines_range(s, d, at.line, last);
	j = symbol(lsp_string(heading, heading ? strlen(heading) : 0),
	           SYM_NAMESPACE, range, line_range(s, d, at.line));
	json_object_set_new(j, "children", kids);
	return j;
}

void
lsp_symbols(lsp *s, json_t *id, json_t *params)
{
	lsp_doc *d = lsp_doc_of(s, params);
	pm_doc *doc;
	json_t *list = json_array();
	xmlNode *sec, *next;
	int last;

	if (d == NULL) {
		lsp_error(s, id, RPC_INVALID_PARAMS, "no such open document");
		json_decref(list);
		return;
	}
	doc = lsp_compiled(s, d);
	sec = doc->ir && !doc->from_xml
	          ? pm_ir_first(xmlDocGetRootElement(doc->ir), PM_EL_SECTION)
	          : NULL;
	for (; sec != NULL; sec = next) {
		next = pm_ir_next(sec, PM_EL_SECTION);
		last = next ? pm_ir_loc_attr(next).line - 1 : (int)doc->src.nlines;
		if (pm_ir_loc_attr(sec).line > 0)
			json_array_append_new(list,
			                      section_symbol(s, d, sec, last));
	}
	pm_doc_free(doc);
	lsp_reply(s, id, list);
}

/* t as the clock reads at offset: "2012-06-20 17:50", seconds when
 * there are any. */
static void
clock_at(pm_buf *b, pm_time t, int offset)
{
	int64_t local = t + offset, days, secs;
	int y, m, day;

	days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
	secs = local - days * 86400;
	pm_civil_from_days(days, &y, &m, &day);
	pm_buf_printf(b, "%04d-%02d-%02d %02d:%02d", y, m, day,
	              (int)(secs / 3600), (int)(secs / 60 % 60));
	if (secs % 60)
		pm_buf_printf(b, ":%02d", (int)(secs % 60));
}

/* The milestone an element stands for: a milestone of times, or a
 * timeline event tagged with one; -1 for none. */
static int
milestone_of(const xmlNode *n)
{
	const char *kind = pm_ir_get(n, "kind");
	int k;

	for (k = 0; k < PM_MS__COUNT; k++)
		if (pm_ir_is(n, pm_ir_milestone((pm_milestone)k)) ||
		    (pm_ir_is(n, PM_EL_EVENT) && kind != NULL &&
		     strcmp(kind, pm_milestones[k]) == 0))
			return k;
	return -1;
}

/* A milestone's derived figure, as src/derive.c wrote it into metrics:
 * "Time to detect: 14 h 59 min", in the document's language. */
static void
figure_of(pm_buf *b, const xmlNode *root, int milestone)
{
	const pm_labels *l = pm_labels_get(NULL, pm_ir_get(root, "lang"), NULL);
	xmlNode *m = pm_ir_first(root, PM_EL_METRICS), *fig;
	const char *secs;
	char key[64];
	size_t k;

	for (k = 0; k < PM_DUR__COUNT; k++) {
		if ((int)pm_durations[k].to != milestone ||
		    (fig = pm_ir_first(m, pm_durations[k].el)) == NULL ||
		    (secs = pm_ir_get(fig, "seconds")) == NULL)
			continue;
		snprintf(key, sizeof(key), "metric.%s",
		         pm_ir_name(pm_durations[k].el));
		pm_buf_printf(b, "\n%s: ", pm_label(l, key));
		pm_fmt_duration(b, strtoll(secs, NULL, 10), pm_labels_lang(l));
	}
}

/* What a line with a time says: the instant in the document's zone and
 * in UTC, and a milestone's figure. */
static void
time_hover(pm_buf *b, const xmlNode *root, const xmlNode *n)
{
	char *zone = pm_ir_child_text(root, PM_EL_TIMEZONE), off[8];
	pm_time t;
	int offset, ms = milestone_of(n);

	if (pm_time_parse_iso(pm_ir_get(n, "at"), &t, &offset) < 0)
		goto out;
	if (b->len > 0)
		pm_buf_puts(b, "\n\n");
	pm_offset_format(offset, off);
	if (ms >= 0)
		pm_buf_printf(b, "%s: ", pm_milestones[ms]);
	clock_at(b, t, offset);
	pm_buf_printf(b, " %s (UTC%s)\n", zone ? zone : "", off);
	clock_at(b, t, 0);
	pm_buf_puts(b, " UTC");
	if (ms >= 0)
		figure_of(b, root, ms);
out:
	free(zone);
}

/* The times on 1-based line of the compiled document. */
static void
times_on(pm_buf *b, const pm_doc *doc, int line)
{
	const xmlNode *root = doc->ir ? xmlDocGetRootElement(doc->ir) : NULL;
	const xmlNode *n;

	if (root == NULL || doc->from_xml)
		return;
	for (n = root; n != NULL; n = pm_ir_walk(n, root, 1))
		if (pm_ir_get(n, "at") != NULL &&
		    pm_ir_loc_attr(n).line == line)
			time_hover(b, root, n);
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
	pm_buf b = {0};
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
	times_on(&b, doc, (int)json_integer_value(json_object_get(at, "line")) + 1);
	json_decref(at);
	pm_doc_free(doc);
	if (b.len == 0)
		lsp_reply(s, id, json_null());
	else
		lsp_reply(s, id, json_pack("{s:{s:s,s:o}}", "contents", "kind",
		                           "plaintext", "value",
		                           lsp_string(b.data, b.len)));
	pm_buf_free(&b);
}
