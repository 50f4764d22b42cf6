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

/* Each line of text, indented as a literal block. */
static void
print_indented(const char *text)
{
	size_t n;

	while (*text) {
		n = strcspn(text, "\n");
		printf("    %.*s\n", (int)n, text);
		text += n + (text[n] == '\n');
	}
}

int
cli_help_rule(const pm_rule_info *r)
{
	const struct rule_help *h = help_of(r->id);
	pm_buf msg = {0};

	cli_rule_message(&msg, r);
	printf("%s (%s by default)\n\n%s\n", r->id,
	       pm_cli_sevnames[r->severity], h ? h->explain : "");
	/* a message all conversion comes from libyaml, libxml2 ... */
	if (strcmp(pm_buf_cstr(&msg), cli_rule_explanation(r)) != 0) {
		printf("\nThe finding reads:\n");
		print_indented(pm_buf_cstr(&msg));
	}
	if (h != NULL) {
		printf("\nExample:\n");
		print_indented(h->example);
		printf("\nFix:\n");
		print_indented(h->fix);
	}
	if (r->severity == PM_ERROR)
		printf("\nAn error is never lowered, by -W or by .pmc.yml: the "
		       "source must be fixed.\n");
	else
		printf("\n-W error=%s (or rules: {%s: error} in .pmc.yml) "
		       "makes it an error,\n-W no-%s leaves it out; "
		       "<!-- pmc-disable-next-line %s --> silences it\nfor the "
		       "line below.\n",
		       r->id, r->id, r->id, r->id);
	pm_buf_free(&msg);
	return 0;
}
