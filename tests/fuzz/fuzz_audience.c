/* fuzz_audience.c: libFuzzer target for the public version (format.md
 * section 8): a Markdown source built for the public into every back end
 * must show no canary. The canaries are
 *   - every word starting with CANARY that the team's intermediate form
 *     holds only inside internal blocks (the seeds and the dictionary put
 *     such words everywhere, so the fuzzer moves them around);
 *   - every e-mail address or phone number pm_redact_text() still finds
 *     in what a reader of a text output sees (HTML with its inline tags
 *     taken out, so that an address split by emphasis is one again).
 * A PDF is searched in its bytes and in its inflated streams (the
 * document information and any literal string); its page text is glyph
 * codes, and comes from the same public tree as the XML output, which is
 * searched. A document with errors renders nothing, which is fine. */
#include <stdio.h>
#include <stdlib.h>
#include <zlib.h>

#include "fuzz.h"
#include "redact.h"

#define MAX_CANARIES 64

struct canaries {
	char *word[MAX_CANARIES];
	size_t len[MAX_CANARIES];
	int inside[MAX_CANARIES];  /* seen inside an internal block */
	int outside[MAX_CANARIES]; /* seen anywhere else */
	size_t n;
};

static int
word_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '-';
}

/* The length of the CANARY word at s[i], or 0. */
static size_t
canary_at(const char *s, size_t n, size_t i)
{
	size_t j;

	if (n - i < 6 || memcmp(s + i, "CANARY", 6) != 0 ||
	    (i > 0 && word_char((unsigned char)s[i - 1])))
		return 0;
	for (j = i + 6; j < n && word_char((unsigned char)s[j]); j++)
		continue;
	return j - i;
}

static void
note(struct canaries *c, const char *w, size_t len, int inside)
{
	size_t k;

	for (k = 0; k < c->n; k++)
		if (c->len[k] == len && memcmp(c->word[k], w, len) == 0)
			break;
	if (k == c->n) {
		if (c->n == MAX_CANARIES)
			return;
		c->word[k] = malloc(len);
		memcpy(c->word[k], w, len);
		c->len[k] = len;
		c->inside[k] = c->outside[k] = 0;
		c->n++;
	}
	if (inside)
		c->inside[k] = 1;
	else
		c->outside[k] = 1;
}

/* Reads the team's intermediate form: which CANARY words stand inside
 * <internal> elements and which anywhere else (attributes included). */
static void
collect(struct canaries *c, const char *x, size_t n)
{
	size_t i = 0, w;
	int depth = 0;

	while (i < n) {
		if (x[i] == '<' && n - i > 10 && memcmp(x + i, "<internal", 9) == 0 &&
		    (x[i + 9] == '>' || x[i + 9] == ' ')) {
			const char *gt = memchr(x + i, '>', n - i);
			if (gt != NULL && gt[-1] != '/')
				depth++;
		} else if (x[i] == '<' && n - i >= 11 &&
		           memcmp(x + i, "</internal>", 11) == 0) {
			depth--;
		} else if ((w = canary_at(x, n, i)) > 0) {
			note(c, x + i, w, depth > 0);
			i += w;
			continue;
		}
		i++;
	}
}

static void
found(const char *fmt, const char *what, const char *s, size_t n,
      size_t at, size_t len)
{
	size_t from = at > 60 ? at - 60 : 0;
	size_t to = at + len + 60 < n ? at + len + 60 : n;

	fprintf(stderr, "fuzz_audience: %s leaks into the public %s: ...%.*s...\n",
	        what, fmt, (int)(to - from), s + from);
	abort();
}

/* Aborts when a canary of c stands in s[0..n) as a whole word. */
static void
search_canaries(const struct canaries *c, const char *fmt, const char *s,
                size_t n)
{
	size_t i, k, w;

	for (i = 0; i < n; i++) {
		if ((w = canary_at(s, n, i)) == 0)
			continue;
		for (k = 0; k < c->n; k++)
			if (c->inside[k] && !c->outside[k] && c->len[k] == w &&
			    memcmp(c->word[k], s + i, w) == 0)
				found(fmt, "an internal word", s, n, i, w);
		i += w - 1;
	}
}

/* Aborts when s[0..n) still holds an address or a phone number. */
static void
search_people(const char *fmt, const char *s, size_t n)
{
	pm_buf b = {0};
	const char *r;

	if (pm_redact_text(s, n, &b) == 0) {
		pm_buf_free(&b);
		return;
	}
	pm_buf_cstr(&b);
	r = strstr(b.data, PM_REDACTED);
	found(fmt, "an address or a phone number", b.data, b.len,
	      r ? (size_t)(r - b.data) : 0, sizeof(PM_REDACTED) - 1);
}

static int
inline_tag(const char *t, size_t n)
{
	static const char *const tags[] = {"em", "strong", "code", "a", "del",
	                                   "span", "s", "sup", "sub", NULL};
	size_t k, len;

	if (n > 0 && t[0] == '/')
		t++, n--;
	for (len = 0; len < n && word_char((unsigned char)t[len]); len++)
		continue;
	for (k = 0; tags[k] != NULL; k++)
		if (strlen(tags[k]) == len && memcmp(tags[k], t, len) == 0)
			return 1;
	return 0;
}

/* The text a reader of an HTML page sees: an inline tag is dropped, any
 * other tag ends a line; the style sheet is left out. */
static void
html_text(const char *s, size_t n, pm_buf *out)
{
	size_t i = 0, j;
	const char *end;

	while (i < n) {
		if (s[i] != '<') {
			pm_buf_putc(out, s[i++]);
			continue;
		}
		if (n - i > 6 && memcmp(s + i, "<style", 6) == 0 &&
		    (end = strstr(s + i, "</style>")) != NULL) {
			i = (size_t)(end - s) + 8;
			continue;
		}
		for (j = i; j < n && s[j] != '>'; j++)
			continue;
		if (!inline_tag(s + i + 1, j - i - 1))
			pm_buf_putc(out, '\n');
		i = j + 1;
	}
}

/* The PDF's bytes with each Flate stream inflated after it. */
static void
pdf_text(const char *s, size_t n, pm_buf *out)
{
	const char *p = s, *end = s + n;
	unsigned char buf[16384];
	z_stream z;
	int rc;

	pm_buf_put(out, s, n);
	while ((p = memchr(p, 's', (size_t)(end - p))) != NULL) {
		if (end - p < 8 || memcmp(p, "stream", 6) != 0) {
			p++;
			continue;
		}
		p += 6;
		p += *p == '\r';
		p += *p == '\n';
		memset(&z, 0, sizeof(z));
		if (inflateInit(&z) != Z_OK)
			return;
		z.next_in = (Bytef *)(uintptr_t)p;
		z.avail_in = (uInt)(end - p);
		do {
			z.next_out = buf;
			z.avail_out = sizeof(buf);
			rc = inflate(&z, Z_NO_FLUSH);
			pm_buf_put(out, buf, sizeof(buf) - z.avail_out);
		} while (rc == Z_OK && z.avail_out == 0);
		inflateEnd(&z);
		pm_buf_putc(out, '\n');
	}
}

static void
check_output(const struct canaries *c, const char *fmt, const pm_buf *out)
{
	pm_buf t = {0};

	if (strcmp(fmt, "pdf") == 0) {
		pdf_text(out->data, out->len, &t);
		search_canaries(c, fmt, t.data, t.len);
	} else if (strcmp(fmt, "html") == 0) {
		html_text(out->data, out->len, &t);
		search_canaries(c, fmt, t.data, t.len);
		search_people(fmt, t.data, t.len);
	} else {
		search_canaries(c, fmt, out->data, out->len);
		search_people(fmt, out->data, out->len);
	}
	pm_buf_free(&t);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const formats[] = {"json", "xml", "md", "html",
	                                      "pdf"};
	pm_options o = pm_fuzz_options();
	struct canaries c = {0};
	pm_render_opts r;
	pm_render_fn render;
	pm_buf team = {0};
	pm_doc *doc;
	size_t i;

	memset(&r, 0, sizeof(r));
	r.diag = pm_fuzz_sink;
	o.audience = PM_AUDIENCE_INTERNAL;
	doc = pm_doc_parse("fuzz.md", (const char *)data, size, &o);
	if (pm_render_xml(doc, &r, &team) == 0)
		collect(&c, team.data, team.len);
	pm_buf_free(&team);
	pm_doc_free(doc);
	o.audience = PM_AUDIENCE_PUBLIC;
	doc = pm_doc_parse("fuzz.md", (const char *)data, size, &o);
	for (i = 0; i < sizeof(formats) / sizeof(*formats); i++) {
		pm_buf out = {0};
		if ((render = pm_render_lookup(formats[i])) != NULL &&
		    render(doc, &r, &out) == 0 && out.len > 0)
			check_output(&c, formats[i], &out);
		pm_buf_free(&out);
	}
	pm_doc_free(doc);
	for (i = 0; i < c.n; i++)
		free(c.word[i]);
	pm_fuzz_ir_valid();
	return 0;
}
