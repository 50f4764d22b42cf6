/* cli_rules.c: what pmc says about its rules, from rules.def and
 * rules_help.def: pmc --list-rules, pmc help RULE, and the readable
 * message a rule's description in SARIF is made of. */
#include <stdio.h>
#include <string.h>

#include "cli_opts.h"

static const struct rule_help {
	const char *id, *explain, *example, *fix;
} helps[] = {
#define RULE_HELP(id, explain, example, fix) {id, explain, example, fix},
#include "rules_help.def"
#undef RULE_HELP
};

static const struct rule_help *
help_of(const char *id)
{
	size_t k;

	for (k = 0; k < sizeof(helps) / sizeof(helps[0]); k++)
		if (strcmp(helps[k].id, id) == 0)
			return &helps[k];
	return NULL;
}

const char *
cli_rule_explanation(const pm_rule_info *r)
{
	const struct rule_help *h = help_of(r->id);

	return h ? h->explain : "";
}

/* A rule's message format as a reader sees it: each conversion ("%s",
 * "%02x", "%.*s") an ellipsis; a format that is only a conversion (the
 * message comes from libyaml, libxml2 or the policy reader) is the
 * rule's explanation. */
void
cli_rule_message(pm_buf *b, const pm_rule_info *r)
{
	const char *f;
	size_t start = b->len;

	for (f = r->summary; *f; f++) {
		if (*f != '%') {
			pm_buf_putc(b, *f);
			continue;
		}
		if (f[1] == '%') {
			pm_buf_putc(b, *++f);
			continue;
		}
		while (f[1] && strchr("0123456789.*-l", f[1]))
			f++;
		if (f[1])
			f++;
		pm_buf_puts(b, "\xe2\x80\xa6");
	}
	if (strspn(b->data ? b->data + start : "", "\xe2\x80\xa6") ==
	    b->len - start) {
		b->len = start;
		pm_buf_puts(b, cli_rule_explanation(r));
	}
}

int
cli_list_rules(void)
{
	size_t n, i;
	const pm_rule_info *r = pm_rules(&n);
	pm_buf msg = {0};

	for (i = 0; i < n; i++) {
		msg.len = 0;
		cli_rule_message(&msg, &r[i]);
		printf("%-26s %-8s %s\n", r[i].id,
		       pm_cli_sevnames[r[i].severity], pm_buf_cstr(&msg));
		/* a message that is all conversion is the explanation */
		if (strcmp(pm_buf_cstr(&msg), cli_rule_explanation(&r[i])) != 0)
			printf("%-35s %s\n", "", cli_rule_explanation(&r[i]));
	}
	pm_buf_free(&msg);
	return 0;
}

/* Each line of text, indented as a literal block, or fenced in Markdown
 * (a fence longer than any run of backticks in it). */
static void
put_block(pm_buf *b, const char *text, int md)
{
	size_t n, run = 0, longest = 2;
	const char *p;

	for (p = text; md && *p; p++)
		if ((run = *p == '`' ? run + 1 : 0) > longest)
			longest = run;
	if (md) {
		for (n = 0; n <= longest; n++)
			pm_buf_putc(b, '`');
		pm_buf_putc(b, '\n');
	}
	while (*text) {
		n = strcspn(text, "\n");
		pm_buf_printf(b, "%s%.*s\n", md ? "" : "    ", (int)n, text);
		text += n + (text[n] == '\n');
	}
	for (n = 0; md && n <= longest; n++)
		pm_buf_putc(b, '`');
	if (md)
		pm_buf_putc(b, '\n');
}

/* "Example:" in text, "**Example:**" in Markdown. */
static void
put_heading(pm_buf *b, const char *h, int md)
{
	pm_buf_printf(b, md ? "\n**%s**\n\n" : "\n%s\n", h);
}

void
cli_rule_doc(pm_buf *b, const pm_rule_info *r, int md)
{
	const struct rule_help *h = help_of(r->id);
	const char *code = md ? "`" : "";
	pm_buf msg = {0};

	cli_rule_message(&msg, r);
	pm_buf_printf(b, md ? "**%s** (%s by default)\n\n%s\n"
	                    : "%s (%s by default)\n\n%s\n",
	              r->id, pm_cli_sevnames[r->severity], h ? h->explain : "");
	/* a message all conversion comes from libyaml, libxml2 ... */
	if (strcmp(pm_buf_cstr(&msg), cli_rule_explanation(r)) != 0) {
		put_heading(b, "The finding reads:", md);
		put_block(b, pm_buf_cstr(&msg), md);
	}
	if (h != NULL) {
		put_heading(b, "Example:", md);
		put_block(b, h->example, md);
		put_heading(b, "Fix:", md);
		put_block(b, h->fix, md);
	}
	if (r->severity == PM_ERROR)
		pm_buf_puts(b, "\nAn error is never lowered, by -W or by .pmc.yml: "
		               "the source must be fixed.\n");
	else
		pm_buf_printf(b, "\n%s-W error=%s%s (or %srules: {%s: error}%s in "
		                 ".pmc.yml) makes it an error,\n%s-W no-%s%s leaves "
		                 "it out; %s<!-- pmc-disable-next-line %s -->%s "
		                 "silences it\nfor the line below.\n",
		              code, r->id, code, code, r->id, code, code, r->id,
		              code, code, r->id, code);
	pm_buf_free(&msg);
}

int
cli_help_rule(const pm_rule_info *r)
{
	pm_buf b = {0};

	cli_rule_doc(&b, r, 0);
	fwrite(b.data, 1, b.len, stdout);
	pm_buf_free(&b);
	return 0;
}
