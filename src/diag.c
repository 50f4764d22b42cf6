/* diag.c: line index of a source and the single reporting function. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "diag.h"
#include "suppress.h"
#include "utf8.h"

/* The message format of each rule is its summary. */
static const pm_rule_info rules[] = {
#define RULE(name, id, sev, fmt) {id, PM_##sev, fmt},
#include "rules.def"
#undef RULE
};

/* The last column found. Places are mostly asked for left to right, so
 * counting on from the last one keeps a long line linear, not quadratic
 * (10,000 nested list markers on one line). */
struct pm_col {
	int line;
	size_t off;   /* a byte offset in the text, on line */
	size_t chars; /* characters from the line's start to off */
};

void
pm_src_init(pm_src *src, const char *name, const char *text, size_t len,
            pm_diag_fn fn, void *arg)
{
	size_t i, cap = 64;
	int cr;

	src->name = name;
	src->text = text;
	src->len = len;
	src->fn = fn;
	src->arg = arg;
	src->errors = src->warnings = 0;
	src->held = NULL;
	src->nheld = 0;
	src->sup = NULL;
	src->ov = NULL;
	src->nov = 0;
	src->pol = NULL;
	src->no_excerpt = 0;
	src->col = pm_xcalloc(1, sizeof(*src->col));
	src->lines = pm_xmalloc(cap * sizeof(*src->lines));
	src->lines[0] = 0;
	src->nlines = 1;
	/* Without a CR anywhere, memchr finds the line ends faster than a
	 * loop over every byte. */
	cr = memchr(text, '\r', len) != NULL;
	for (i = 0; i < len; i++) {
		if (!cr) {
			const char *nl = memchr(text + i, '\n', len - i);

			if (nl == NULL)
				break;
			i = (size_t)(nl - text);
		} else if (text[i] == '\r' && i + 1 < len &&
		           text[i + 1] == '\n')
			i++;
		else if (text[i] != '\n' && text[i] != '\r')
			continue;
		if (i + 1 == len)
			break;
		if (src->nlines == cap) {
			cap *= 2;
			src->lines = pm_xrealloc(src->lines,
			                         cap * sizeof(*src->lines));
		}
		src->lines[src->nlines++] = i + 1;
	}
}

/* A finding waiting to be delivered, and its place in report order. */
struct pm_held {
	pm_diag d;
	size_t seq;
	pm_rule rule;
	pm_severity own; /* as the library reported it, before overrides */
};

static void
drop_held(pm_src *src)
{
	size_t i;

	for (i = 0; i < src->nheld; i++)
		free((char *)src->held[i].d.message);
	free(src->held);
	src->held = NULL;
	src->nheld = 0;
}

void
pm_src_free(pm_src *src)
{
	drop_held(src);
	pm_suppress_free(src->sup);
	src->sup = NULL;
	free(src->lines);
	src->lines = NULL;
	free(src->col);
	src->col = NULL;
}

static void
hold(pm_src *src, const pm_diag *d, pm_rule rule, pm_severity own)
{
	/* Doubling keeps a document with very many findings linear. */
	if ((src->nheld & (src->nheld - 1)) == 0)
		src->held = pm_xrealloc(src->held, (src->nheld ? src->nheld * 2
		                                               : 1) *
		                                       sizeof(*src->held));
	src->held[src->nheld].d = *d;
	src->held[src->nheld].d.message = pm_xstrdup(d->message);
	src->held[src->nheld].seq = src->nheld;
	src->held[src->nheld].rule = rule;
	src->held[src->nheld].own = own;
	src->nheld++;
}

/* Source order; report order among findings at one place. */
static int
held_cmp(const void *a, const void *b)
{
	const struct pm_held *x = a, *y = b;

	if (x->d.line != y->d.line)
		return x->d.line < y->d.line ? -1 : 1;
	if (x->d.col != y->d.col)
		return x->d.col < y->d.col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/*
 * Whether a suppression comment silences h. An error the library itself
 * reports is never silenced, as -W and the policy never lower one: what
 * pmc could not read must not pass. A warning raised by -W or the policy
 * is silenced in place, the comment being the narrower decision.
 */
static int
silenced(const pm_src *src, const struct pm_held *h)
{
	return src->sup != NULL && h->own != PM_ERROR && h->d.line > 0 &&
	       pm_suppress_covers(src->sup, h->rule, h->d.line);
}

/* The one place suppression comments act, so that every command and
 * format honours them: a silenced finding is neither delivered nor
 * counted. */
static void
uncount(pm_src *src, const struct pm_held *h)
{
	if (h->d.severity == PM_ERROR)
		src->errors--;
	else if (h->d.severity == PM_WARNING)
		src->warnings--;
}

void
pm_src_flush(pm_src *src)
{
	size_t i;

	if (src->nheld > 1)
		qsort(src->held, src->nheld, sizeof(*src->held), held_cmp);
	for (i = 0; i < src->nheld; i++) {
		if (silenced(src, &src->held[i]))
			uncount(src, &src->held[i]);
		else if (src->fn != NULL)
			src->fn(&src->held[i].d, src->arg);
	}
	drop_held(src);
}

const char *
pm_src_line(const pm_src *src, int line, size_t *len)
{
	size_t start, end;

	if (line < 1 || (size_t)line > src->nlines)
		return NULL;
	start = src->lines[line - 1];
	end = (size_t)line < src->nlines ? src->lines[line] : src->len;
	while (end > start &&
	       (src->text[end - 1] == '\n' || src->text[end - 1] == '\r'))
		end--;
	*len = end - start;
	return src->text + start;
}

static int
line_of(const pm_src *src, size_t off)
{
	size_t lo = 0, hi = src->nlines;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (src->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return (int)lo + 1;
}

/* Characters between the start of line and the byte offset off on it. */
static size_t
chars_to(const pm_src *src, int line, size_t off)
{
	struct pm_col *c = src->col;
	size_t start = src->lines[line - 1], n;

	/* Counting can resume at c->off only if no sequence spans it. */
	if (c != NULL && c->line == line && c->off <= off &&
	    ((unsigned char)src->text[c->off] & 0xc0) != 0x80)
		n = c->chars + pm_utf8_count(src->text + c->off, off - c->off);
	else
		n = pm_utf8_count(src->text + start, off - start);
	if (c == NULL)
		return n;
	c->line = line;
	c->off = off;
	c->chars = n;
	return n;
}

/* A caret line longer than any terminal helps no one: the span of a
 * place is counted over its first bytes only, so that the places of many
 * nested blocks on one long line cost no more than the line. */
#define SPAN_BYTES 1024

static int
span_of(const char *p, size_t n)
{
	size_t chars = pm_utf8_count(p, n < SPAN_BYTES ? n : SPAN_BYTES);

	return chars ? (int)chars : 1;
}

pm_loc
pm_src_loc(const pm_src *src, const char *p, size_t n)
{
	pm_loc loc = {0, 0, 1};
	size_t off;

	if (p < src->text || p > src->text + src->len)
		return loc;
	off = (size_t)(p - src->text);
	if (n > src->len - off) /* a span never reaches past the text */
		n = src->len - off;
	loc.line = line_of(src, off);
	loc.col = (int)chars_to(src, loc.line, off) + 1;
	loc.span = span_of(p, n);
	return loc;
}

pm_loc
pm_src_loc_bytes(const pm_src *src, int line, int bytecol, size_t n)
{
	pm_loc loc = {line, 1, 1};
	const char *text;
	size_t len, off;

	if ((text = pm_src_line(src, line, &len)) == NULL || bytecol < 1)
		return loc;
	off = (size_t)bytecol - 1;
	if (off > len)
		off = len;
	if (n > len - off)
		n = len - off;
	loc.col = (int)chars_to(src, line, (size_t)(text - src->text) + off) +
	          1;
	loc.span = span_of(text + off, n);
	return loc;
}

/* An override raises any finding; it lowers only warnings and notes. */
static int
overridden(pm_severity sev, int to)
{
	return to > (int)sev || sev != PM_ERROR ? to : (int)sev;
}

int
pm_src_severity(const pm_src *src, pm_rule rule, pm_severity sev)
{
	size_t i = src->nov;

	/* the last override of a rule wins, as on a command line; the
	 * command line wins over the policy */
	while (i-- > 0)
		if (strcmp(src->ov[i].rule, rules[rule].id) == 0)
			return overridden(sev, src->ov[i].severity);
	if (src->pol != NULL && src->pol[rule] != PM_RULE_UNSET)
		return overridden(sev, src->pol[rule]);
	return (int)sev;
}

/* Whether the character cp must not reach a finding as it is: C0 and C1
 * controls and DEL (they move a terminal's cursor, set its title, end a
 * line of a CI log or a GitHub workflow command), line and paragraph
 * separators (an editor's quickfix list ends a line there), the
 * bidirectional controls that reorder what a reader sees ("Trojan
 * Source"), and noncharacters (U+FFFE: no XML can hold it). */
static int
unsafe_char(int32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp == 0x61c ||
	       cp == 0x200e || cp == 0x200f || cp == 0x2028 || cp == 0x2029 ||
	       (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069) ||
	       (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) == 0xfffe;
}

int
pm_diag_unsafe(const char *s, size_t n)
{
	size_t i, len;
	int32_t cp;

	for (i = 0; i < n; i += len) {
		/* printable ASCII, most of any text, needs no decoding */
		if ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7f) {
			len = 1;
			continue;
		}
		if ((len = pm_utf8_decode(s + i, n - i, &cp)) == 0 ||
		    unsafe_char(cp))
			return 1;
	}
	return 0;
}

void
pm_diag_escape(pm_buf *out, const char *s, size_t n)
{
	size_t i, len;
	int32_t cp;

	for (i = 0; i < n; i += len) {
		if ((len = pm_utf8_decode(s + i, n - i, &cp)) == 0) {
			pm_buf_printf(out, "\\x%02X", (unsigned char)s[i]);
			len = 1;
		} else if (cp == '\n' || cp == '\r' || cp == '\t') {
			pm_buf_putc(out, '\\');
			pm_buf_putc(out, cp == '\n' ? 'n' : cp == '\r' ? 'r' : 't');
		} else if (cp < 0x20 || cp == 0x7f) {
			pm_buf_printf(out, "\\x%02X", (unsigned)cp);
		} else if (unsafe_char(cp)) {
			pm_buf_printf(out, "\\u%04X", (unsigned)cp);
		} else {
			pm_buf_put(out, s + i, len);
		}
	}
}

void
pm_report_va(pm_src *src, pm_severity sev, pm_rule rule, pm_loc loc, va_list ap)
{
	char msg[1024];
	pm_buf safe = {0};
	pm_diag d;
	int level = pm_src_severity(src, rule, sev);

	if (level == PM_OFF)
		return;
	vsnprintf(msg, sizeof(msg), rules[rule].summary, ap);
	if (level == PM_ERROR)
		src->errors++;
	else if (level == PM_WARNING)
		src->warnings++;
	d.file = src->name;
	d.line = loc.line;
	d.col = loc.line ? (loc.col ? loc.col : 1) : 0;
	d.span = loc.span > 0 ? loc.span : 1;
	d.severity = (pm_severity)level;
	d.rule = rules[rule].id;
	d.message = msg;
	/* the arguments are the source's words: escaped here, once, for
	 * every sink and every format */
	if (pm_diag_unsafe(msg, strlen(msg))) {
		pm_diag_escape(&safe, msg, strlen(msg));
		d.message = pm_buf_cstr(&safe);
	}
	d.excerpt = src->no_excerpt ? NULL
	                            : pm_src_line(src, loc.line, &d.excerpt_len);
	if (d.excerpt == NULL)
		d.excerpt_len = 0;
	/* held even without a sink: a suppression found later in the
	 * source may still take it back from the counts */
	hold(src, &d, rule, sev);
	pm_buf_free(&safe);
}

void
pm_report(pm_src *src, pm_rule rule, pm_loc loc, ...)
{
	va_list ap;

	va_start(ap, loc);
	pm_report_va(src, rules[rule].severity, rule, loc, ap);
	va_end(ap);
}

void
pm_report_file(const char *name, pm_diag_fn fn, void *arg, pm_rule rule,
               ...)
{
	pm_src src;
	va_list ap;

	pm_src_init(&src, name, "", 0, fn, arg);
	va_start(ap, rule);
	pm_report_va(&src, rules[rule].severity, rule, (pm_loc){0, 0, 1}, ap);
	va_end(ap);
	pm_src_flush(&src);
	pm_src_free(&src);
}

void
pm_report_as(pm_src *src, pm_severity sev, pm_rule rule, pm_loc loc, ...)
{
	va_list ap;

	va_start(ap, loc);
	pm_report_va(src, sev, rule, loc, ap);
	va_end(ap);
}

const char *
pm_rule_id(pm_rule rule)
{
	return rules[rule].id;
}

pm_severity
pm_rule_severity(pm_rule rule)
{
	return rules[rule].severity;
}

const pm_rule_info *
pm_rules(size_t *count)
{
	*count = PM_R__COUNT;
	return rules;
}
