/* editor.c: what an editor asks of libpmc, through pmc.h only (the
 * language server's questions, tests/consumer.sh and ctest's
 * consumer-editor): a postmortem compiled from a string, then the hover
 * over a line with a time, the outline, and the words offered after
 * "status:", "severity:" and "##". Prints what differs from what a user
 * of pmc lsp sees and exits 1. */
#include <stdio.h>
#include <string.h>

#include <pmc.h>

static const char source[] =
    "---\n"
    "title: Card payments declined\n"
    "status: draft\n"
    "severity: SEV2\n"
    "lang: nb\n"
    "timezone: Europe/Oslo\n"
    "started: 2024-05-14 15:00\n"
    "detected: 2024-05-14 15:12:40\n" /* line 8 */
    "resolved: 2024-05-14 18:30\n"
    "---\n"
    "\n"
    "## Tidslinje\n" /* line 12 */
    "\n"
    "- 2024-05-14 15:12:40 — [detected] Alarmen går\n" /* line 14 */
    "- 18:30 — [resolved] Betalingene går igjen\n"
    "\n"
    "## Tiltak\n"
    "\n"
    "- [ ] Varsle når avvisningene dobles (owner: SRE, due: 2024-06-01)\n";

static int failed;

static void
expect(int ok, const char *what, const char *got)
{
	if (!ok) {
		fprintf(stderr, "editor: %s; got:\n%s\n", what, got ? got : "");
		failed = 1;
	}
}

/* Every word of kind, one a line. */
static void
words(const pm_doc *doc, pm_word_kind kind, pm_buf *out)
{
	const char *w;
	size_t k;

	out->len = 0;
	for (k = 0; (w = pm_doc_word(doc, kind, k)) != NULL; k++)
		pm_buf_printf(out, "%s\n", w);
}

static void
hover(const pm_doc *doc)
{
	pm_buf b = {0};

	expect(pm_doc_hover(doc, 8, &b) == 1, "one time on line 8",
	       pm_buf_cstr(&b));
	expect(strcmp(pm_buf_cstr(&b),
	              "detected: 2024-05-14 15:12:40 Europe/Oslo (UTC+02:00)\n"
	              "2024-05-14 13:12:40 UTC\n"
	              "Tid til oppdagelse: 13 min") == 0,
	       "the hover over 'detected:' gives the instant in the zone and "
	       "UTC and the time to detect in Norwegian",
	       pm_buf_cstr(&b));
	b.len = 0;
	expect(pm_doc_hover(doc, 14, &b) == 1 &&
	           strncmp(pm_buf_cstr(&b), "detected: 2024-05-14 15:12:40", 29) ==
	               0,
	       "the hover over the [detected] event names the milestone",
	       pm_buf_cstr(&b));
	b.len = 0;
	expect(pm_doc_hover(doc, 12, &b) == 0 && b.len == 0,
	       "no hover over a heading", pm_buf_cstr(&b));
	pm_buf_free(&b);
}

static void
outline(const pm_doc *doc)
{
	pm_outline *o = pm_doc_outline(doc);
	pm_buf b = {0};
	size_t i;

	for (i = 0; i < o->n; i++)
		pm_buf_printf(&b, "%d %d-%d %s%s%s\n", (int)o->items[i].kind,
		              o->items[i].line, o->items[i].last,
		              o->items[i].milestone ? o->items[i].milestone : "",
		              o->items[i].milestone ? " " : "", o->items[i].text);
	expect(strcmp(pm_buf_cstr(&b),
	              "0 12-16 Tidslinje\n"
	              "2 14-14 detected Alarmen går\n"
	              "2 15-15 resolved Betalingene går igjen\n"
	              "0 17-19 Tiltak\n"
	              "4 19-19 Varsle når avvisningene dobles\n") == 0,
	       "the outline: two sections, two milestones, one follow-up",
	       pm_buf_cstr(&b));
	pm_outline_free(o);
	pm_buf_free(&b);
}

int
main(void)
{
	pm_options opts;
	pm_buf b = {0};
	pm_doc *doc;

	memset(&opts, 0, sizeof(opts));
	opts.audience = PM_AUDIENCE_INTERNAL;
	opts.today = "2024-05-20";
	opts.policy = "/dev/null"; /* the default scale, whatever .pmc.yml
	                              is above the folder it runs in */
	doc = pm_doc_parse("payments.md", source, sizeof(source) - 1, &opts);
	expect(pm_doc_errors(doc) == 0, "the source compiles", "errors");
	hover(doc);
	outline(doc);
	words(doc, PM_WORD_STATUS, &b);
	expect(strcmp(pm_buf_cstr(&b), "draft\nreview\nfinal\n") == 0,
	       "after 'status:' the three statuses", pm_buf_cstr(&b));
	words(doc, PM_WORD_SEVERITY, &b);
	expect(strncmp(pm_buf_cstr(&b), "SEV1\nSEV2\n", 10) == 0 &&
	           strstr(pm_buf_cstr(&b), "\nP4\n") != NULL,
	       "without a policy's levels, SEV1-SEV5 and P0-P4",
	       pm_buf_cstr(&b));
	words(doc, PM_WORD_HEADING, &b);
	expect(strstr(pm_buf_cstr(&b), "Tidslinje\n") != NULL,
	       "after '##' the headings in the document's language",
	       pm_buf_cstr(&b));
	words(NULL, PM_WORD_HEADING, &b);
	expect(strstr(pm_buf_cstr(&b), "Timeline\n") != NULL,
	       "with no document, the English headings", pm_buf_cstr(&b));
	words(doc, PM_WORD_EVENT_KIND, &b);
	expect(strstr(pm_buf_cstr(&b), "acknowledged\n") != NULL,
	       "the event kinds", pm_buf_cstr(&b));
	expect(pm_doc_word(doc, (pm_word_kind)99, 0) == NULL,
	       "no words of an unknown kind", "a word");
	pm_buf_free(&b);
	pm_doc_free(doc);
	return failed;
}
