/* main.c: the pmc command line (docs: spec/cli.md): the only place that
 * prints findings and decides the exit status. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "pmtime.h"

static const char usage[] =
    "usage: pmc SOURCE [-o OUTPUT] [-t FORMAT] [options]\n"
    "       pmc check [--format text|json|github|sarif] [--strict]"
    " [--today DATE] SOURCE|DIR...\n"
    "       pmc new [--lang en|nb|ja] FILE\n"
    "       pmc build [-t FMT[,FMT..]] [-o DIR] [-j N] SOURCE|DIR...\n"
    "       pmc followups [--open|--overdue] [--format text|csv|json|md]"
    " [SOURCE|DIR...]\n"
    "       pmc digest --since DATE --until DATE [-o FILE.md]"
    " [SOURCE|DIR...]\n"
    "       pmc --help | pmc help COMMAND | pmc help format | pmc "
    "--version\n       pmc --list-rules\n"
    "\n"
    "Formats (-t): html, pdf, md, json, xml (default: the extension of -o).\n"
    "Options for html: --lang L (labels), --template FILE (an XSLT\n"
    "         replacing templates/report.xsl).\n"
    "Options: --policy FILE, --audience internal|public, --lang L,\n"
    "         --today YYYY-MM-DD, -q, -W/--strict, -W error=RULE, --excerpt\n";

static const char help_check[] =
    "usage: pmc check [options] SOURCE|DIR...\n"
    "\n"
    "Validates postmortems and writes nothing. A folder is searched\n"
    "recursively for *.md files that start with front matter.\n"
    "\n"
    "  --format F                 how findings are printed: text (default,\n"
    "                             on stderr), json, github (workflow\n"
    "                             commands) or sarif (SARIF 2.1.0), on\n"
    "                             stdout\n"
    "  --excerpt                  show the source line and a caret even\n"
    "                             when standard error is not a terminal\n"
    "  --strict, -W               warnings count as errors\n"
    "  -W error=RULE              report RULE as an error (-Werror=RULE);\n"
    "                             also warning=RULE, note=RULE, and\n"
    "                             no-RULE to leave it out. Errors are\n"
    "                             never lowered. pmc --list-rules names\n"
    "                             every RULE.\n"
    "  --today YYYY-MM-DD         the date overdue follow-ups are judged "
    "by\n"
    "  --policy FILE              instead of the nearest .pmc.yml\n"
    "  --validate-ir              also validate what a Markdown source\n"
    "                             compiles to against the schema (a debug\n"
    "                             aid: XML sources are always validated)\n"
    "\n"
    "Exit status: 0 valid, 1 a source has errors, 2 usage or I/O "
    "failure.\n";

static const char help_build[] =
    "usage: pmc build [-t FMT[,FMT..]] [-o DIR] [-j N] [options] "
    "SOURCE|DIR...\n"
    "\n"
    "Compiles every postmortem (folders are searched recursively) to each\n"
    "format, as DIR/<id>.<ext>, and with more than one source writes\n"
    "DIR/index.html: a table of all incidents and cross-incident charts.\n"
    "A second run compiles only the sources whose inputs changed (source,\n"
    "policy, templates, options; DIR/.pmc-build keeps the record) and\n"
    "removes the outputs of sources that are gone.\n"
    "\n"
    "  -t FMT[,FMT..]             html (default), pdf, md, json, xml\n"
    "  -o DIR                     the output folder (default: site)\n"
    "  -j N                       sources compiled at once (default: the\n"
    "                             number of cores)\n"
    "  -q                         no progress line\n"
    "  --lang L                   the labels of reports and index\n"
    "  --today YYYY-MM-DD         the date overdue follow-ups are judged by\n"
    "  --policy, --audience, --template, --paper, --strict, -W, --format\n"
    "                             as for compiling and pmc check\n"
    "\n"
    "Exit status: 0 all built, 1 a source has errors (nothing is written\n"
    "for it; the others are built), 2 usage or I/O failure.\n";

static const char help_new[] =
    "usage: pmc new [--lang en|nb|ja] FILE\n"
    "\n"
    "Writes a postmortem to fill in (templates/new/LANG.md), with\n"
    "section headings in that language. 'pmc check FILE' reports every\n"
    "TODO and unfilled date left in it, at its line, until none is.\n"
    "FILE '-' prints it. An existing FILE is never overwritten (exit 2).\n";

static const char help_fmt[] =
    "usage: pmc fmt [--check | --diff] [--fix-mojibake] [--policy FILE] "
    "SOURCE|DIR...\n"
    "\n"
    "Rewrites postmortems in place in canonical form: front matter keys in\n"
    "the format's order, the language's section headings, one style of\n"
    "timeline entries and follow-up attributes, prose as cmark writes it.\n"
    "Comments and audience markers stay. The result must compile to the\n"
    "same document and keep every word, URL and comment, or nothing is\n"
    "written. A source with errors is left as it is. '-' formats standard\n"
    "input to standard output.\n"
    "\n"
    "  --check                    write nothing; list the files that would\n"
    "                             change\n"
    "  --diff                     write nothing; print a unified diff of\n"
    "                             what would change (exit 1 if anything)\n"
    "  --fix-mojibake             also repair UTF-8 that was read as a\n"
    "                             single-byte code page (\"pĂ„\" for \"på\")\n"
    "\n"
    "Exit status: 0 done (with --check: nothing would change), 1 a source\n"
    "has errors (or, with --check, would change), 2 usage or I/O failure.\n";

void
say(const char *fmt, ...)
{
	va_list ap;
	pm_buf msg = {0}, shown = {0};

	va_start(ap, fmt);
	pm_buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	fprintf(stderr, "pmc: %s\n", cli_escape(&shown, pm_buf_cstr(&msg)));
	pm_buf_free(&msg);
	pm_buf_free(&shown);
}

int
fail(const char *fmt, const char *arg)
{
	say(fmt, arg ? arg : "(null)");
	return EXIT_USAGE;
}

int
worse(int a, int b)
{
	return a > b ? a : b;
}

static int
list_rules(void)
{
	size_t n, i;
	const pm_rule_info *r = pm_rules(&n);

	for (i = 0; i < n; i++)
		printf("%-26s %-8s %s\n", r[i].id, pm_cli_sevnames[r[i].severity],
		       r[i].summary);
	return 0;
}

/* The value of an option: "--name=value", "--name value", "-xvalue" or
 * "-x value". Advances *i past what it used. */
static const char *
value(int argc, char **argv, int *i, size_t namelen)
{
	const char *a = argv[*i];

	if (a[namelen] == '=')
		return a + namelen + 1;
	if (a[1] != '-' && a[namelen] != '\0')
		return a + namelen;
	if (*i + 1 >= argc)
		return NULL;
	return argv[++*i];
}

static int
option_is(const char *arg, const char *name)
{
	size_t n = strlen(name);

	return strncmp(arg, name, n) == 0 &&
	       (arg[n] == '\0' || arg[n] == '=' ||
	        (name[1] != '-' && strlen(name) == 2));
}

static int
set_option(cli *c, const char *name, const char *val)
{
	if (val == NULL)
		return fail("option %s needs a value", name);
	if (strcmp(name, "-o") == 0)
		c->output = val;
	else if (strcmp(name, "-t") == 0)
		c->format = val;
	else if (strcmp(name, "--policy") == 0)
		c->opts.policy = val;
	else if (strcmp(name, "--today") == 0)
		c->opts.today = val;
	else if (strcmp(name, "--lang") == 0)
		c->ropts.lang = val;
	else if (strcmp(name, "--template") == 0)
		c->ropts.template = val;
	else if (strcmp(name, "--paper") == 0) {
		if (strcmp(val, "a4") == 0)
			c->ropts.paper = PM_PAPER_A4;
		else if (strcmp(val, "letter") == 0)
			c->ropts.paper = PM_PAPER_LETTER;
		else
			return fail("--paper must be a4 or letter, not '%s'",
			            val);
	} else if (strcmp(name, "-j") == 0) {
		char *end;
		long n = strtol(val, &end, 10);
		if (*end != '\0' || n < 1 || n > 1024)
			return fail("-j needs a number of jobs, not '%s'", val);
		c->jobs = (int)n;
	}
	else if (strcmp(name, "--audience") == 0) {
		if (strcmp(val, "internal") == 0)
			c->opts.audience = PM_AUDIENCE_INTERNAL;
		else if (strcmp(val, "public") == 0)
			c->opts.audience = PM_AUDIENCE_PUBLIC;
		else
			return fail("--audience must be internal or public, "
			            "not '%s'",
			            val);
	} else if (strcmp(name, "--format") == 0) {
		if (strcmp(val, "text") == 0)
			c->diag_format = FMT_TEXT;
		else if (strcmp(val, "json") == 0)
			c->diag_format = FMT_JSON;
		else if (strcmp(val, "github") == 0)
			c->diag_format = FMT_GITHUB;
		else if (strcmp(val, "sarif") == 0)
			c->diag_format = FMT_SARIF;
		else
			return fail("unknown --format '%s' (text, json, github "
			            "or sarif)",
			            val);
	}
	return 0;
}

/* The rule id in "error=RULE", "warning=RULE", "note=RULE" or "no-RULE",
 * with the severity it asks for; NULL when spec is none of these. */
static const char *
override_spec(const char *spec, int *severity)
{
	static const struct {
		const char *prefix;
		int severity;
	} forms[] = {{"error=", PM_ERROR},
	             {"warning=", PM_WARNING},
	             {"note=", PM_NOTE},
	             {"no-", PM_OFF}};
	size_t k, n;

	for (k = 0; k < sizeof(forms) / sizeof(forms[0]); k++) {
		n = strlen(forms[k].prefix);
		if (strncmp(spec, forms[k].prefix, n) == 0) {
			*severity = forms[k].severity;
			return spec + n;
		}
	}
	return NULL;
}

static const pm_rule_info *
rule_named(const char *id)
{
	size_t n, i;
	const pm_rule_info *r = pm_rules(&n);

	for (i = 0; i < n; i++)
		if (strcmp(r[i].id, id) == 0)
			return &r[i];
	return NULL;
}

/* -W SPEC: adds an override, or says why SPEC is none. An error rule
 * cannot be lowered: that would let a broken source through. */
static int
add_override(cli *c, const char *spec)
{
	const pm_rule_info *r;
	const char *id;
	int sev;

	if ((id = override_spec(spec, &sev)) == NULL)
		return fail("-W takes error=RULE, warning=RULE, note=RULE or "
		            "no-RULE, not '%s'",
		            spec);
	if ((r = rule_named(id)) == NULL)
		return fail("unknown rule '%s' (see pmc --list-rules)", id);
	if (r->severity == PM_ERROR && sev != PM_ERROR)
		return fail("rule '%s' is an error; it cannot be lowered", id);
	c->overrides[c->opts.noverrides].rule = r->id;
	c->overrides[c->opts.noverrides++].severity = sev;
	return 0;
}

/* "-W" alone (or "-Werror") is --strict; "-Werror=overdue" and
 * "-W error=overdue" change one rule. A "-W" followed by a word that is
 * no override (a source) stays --strict. */
static int
w_option(cli *c, int argc, char **argv, int *i)
{
	const char *a = argv[*i];
	int sev;

	if (strcmp(a, "--strict") == 0 || strcmp(a, "-Werror") == 0 ||
	    (strcmp(a, "-W") == 0 &&
	     (*i + 1 >= argc || override_spec(argv[*i + 1], &sev) == NULL))) {
		c->strict = 1;
		return 0;
	}
	if (a[2] != '\0')
		return add_override(c, a + 2);
	return add_override(c, argv[++*i]);
}

static int
parse_args(cli *c, int argc, char **argv, int start)
{
	static const char *const valued[] = {
	    "-o",       "-t",         "--policy",   "--today", "--lang",
	    "--audience", "--format", "--template", "--paper", "-j",
	    NULL};
	int i, k, only_sources = 0;

	for (i = start; i < argc; i++) {
		const char *a = argv[i];
		if (only_sources || a[0] != '-' || strcmp(a, "-") == 0) {
			c->sources[c->nsources++] = a;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			only_sources = 1;
			continue;
		}
		for (k = 0; valued[k] && !option_is(a, valued[k]); k++)
			continue;
		if (valued[k] != NULL) {
			if (set_option(c, valued[k],
			               value(argc, argv, &i,
			                     strlen(valued[k]))) != 0)
				return EXIT_USAGE;
		} else if (strncmp(a, "-W", 2) == 0 ||
		           strcmp(a, "--strict") == 0) {
			if (w_option(c, argc, argv, &i) != 0)
				return EXIT_USAGE;
		} else if (strcmp(a, "-q") == 0) {
			c->quiet = 1;
		} else if (strcmp(a, "--excerpt") == 0) {
			c->excerpt = 1;
		} else if (strcmp(a, "--check") == 0) {
			c->check_only = 1;
		} else if (strcmp(a, "--diff") == 0) {
			c->diff_only = 1;
		} else if (strcmp(a, "--fix-mojibake") == 0) {
			c->fix_mojibake = 1;
		} else if (strcmp(a, "--validate-ir") == 0) {
			c->opts.validate_ir = 1;
		} else {
			return fail("unknown option '%s' (see pmc --help)", a);
		}
	}
	if (c->nsources == 0)
		return fail("%s", "no SOURCE given (see pmc --help)");
	return 0;
}

/* SOURCE_DATE_EPOCH as reproducible-builds.org defines it: whole seconds
 * since 1970, digits only; at most the end of year 9999. */
static int
epoch_ok(const char *s)
{
	size_t n = strspn(s, "0123456789");

	return n > 0 && s[n] == '\0' &&
	       (n < 12 || (n == 12 && strcmp(s, "253402300799") <= 0));
}

/* --today and SOURCE_DATE_EPOCH decide what is overdue in every command:
 * a value that is no day is a usage error, never quietly the clock. */
static int
check_dates(const cli *c)
{
	const char *t = c->opts.today, *epoch = getenv("SOURCE_DATE_EPOCH");
	int y, m, d;

	if (t != NULL) {
		switch (pm_date_parse(t, strlen(t), &y, &m, &d)) {
		case PM_STAMP_OK:
			break;
		case PM_STAMP_RANGE:
			return fail("--today '%s' is not a day of the calendar",
			            t);
		default:
			return fail("--today needs a date YYYY-MM-DD, not '%s'",
			            t);
		}
	}
	if (epoch != NULL && *epoch != '\0' && !epoch_ok(epoch))
		return fail("SOURCE_DATE_EPOCH must be whole seconds since "
		            "1970-01-01 (digits only), not '%s'",
		            epoch);
	return 0;
}

/* --lang names the labels (templates/labels/): a tag of another language,
 * or no tag at all (a path), would quietly give English. */
static int
check_lang(const char *tag)
{
	static const char *const known[] = {"en", "nb", "no", "nn", "ja"};
	size_t n, k, sub = 0;
	const char *p;

	if (tag == NULL)
		return 0;
	for (p = tag; *p; p++) {
		if (*p == '-' || *p == '_') {
			if (sub == 0 || sub > 8)
				break;
			sub = 0;
		} else if (isalnum((unsigned char)*p)) {
			sub++;
		} else {
			break;
		}
	}
	n = strcspn(tag, "-_");
	for (k = 0; *p == '\0' && sub > 0 && sub <= 8 &&
	            k < sizeof(known) / sizeof(known[0]);
	     k++)
		if (n == 2 && strncasecmp(tag, known[k], 2) == 0)
			return 0;
	return fail("no labels for --lang '%s': known are en, nb (or no, "
	            "nn) and ja, with any region (en-GB)",
	            tag);
}

/* doc/pmc-format.5 rendered by mandoc when pmc was built (CMakeLists). */
extern const unsigned char pm_help_format[];
extern const size_t pm_help_format_len;

/*
 * pmc help format: the text mandoc made of pmc-format(5), without its
 * overstrikes ("X\bX" bold, "_\bX" underline): a backspace takes back
 * the character before it, all of its UTF-8 bytes.
 */
static int
help_format(void)
{
	const unsigned char *s = pm_help_format;
	char *out = malloc(pm_help_format_len + 1);
	size_t i, o = 0;

	if (out == NULL)
		abort();
#ifdef PMC_HELP_FORMAT_MDOC
	fputs("(mandoc was not found when pmc was built: this is the mdoc "
	      "source of pmc-format(5))\n\n", stdout);
#endif
	for (i = 0; i < pm_help_format_len; i++) {
		if (s[i] != '\b') {
			out[o++] = (char)s[i];
			continue;
		}
		while (o > 0 && ((unsigned char)out[o - 1] & 0xc0) == 0x80)
			o--;
		if (o > 0)
			o--;
	}
	fwrite(out, 1, o, stdout);
	free(out);
	return 0;
}

static int
help(const char *topic)
{
	if (topic != NULL && strcmp(topic, "format") == 0)
		return help_format();
	if (topic != NULL && strcmp(topic, "check") == 0)
		fputs(help_check, stdout);
	else if (topic != NULL && strcmp(topic, "new") == 0)
		fputs(help_new, stdout);
	else if (topic != NULL && strcmp(topic, "build") == 0)
		fputs(help_build, stdout);
	else if (topic != NULL && strcmp(topic, "fmt") == 0)
		fputs(help_fmt, stdout);
	else if (topic != NULL && strcmp(topic, "followups") == 0) {
		char *argv[] = {"followups", "--help", NULL};
		return run_followups(2, argv);
	} else if (topic != NULL && strcmp(topic, "digest") == 0) {
		char *argv[] = {"digest", "--help", NULL};
		return run_digest(2, argv);
	}
	else if (topic == NULL || strcmp(topic, "compile") == 0)
		fputs(usage, stdout);
	else
		return fail("no help for '%s'", topic);
	return 0;
}

/* Output lost to a full disk is a failure like any other: a CI step must
 * not pass on a report that was never written (--format json > FILE). */
static int
flushed(int rc)
{
	/* a command that saw the failure has said so already (exit 2) */
	if (rc != EXIT_USAGE && (fflush(stdout) != 0 || ferror(stdout)))
		return fail("standard output: %s", strerror(errno));
	return rc;
}

int
main(int argc, char **argv)
{
	static const struct {
		const char *name;
		int (*run)(cli *);
	} commands[] = {
	    {"build", run_build}, {"check", run_check}, {"fmt", run_fmt},
	    {"new", run_new},     {NULL, NULL},
	};
	int (*run)(cli *) = run_compile;
	cli c;
	int start = 1, rc, k;

	memset(&c, 0, sizeof(c));
	c.opts.diag = on_diag;
	c.opts.diag_arg = &c;
	c.ropts.diag = on_diag;
	c.ropts.diag_arg = &c;
	c.excerpt = isatty(STDERR_FILENO);
	c.command = "compile";
	if (argc < 2) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return help(NULL);
	if (strcmp(argv[1], "help") == 0)
		return help(argc > 2 ? argv[2] : NULL);
	if (strcmp(argv[1], "--version") == 0) {
		printf("pmc %s\n", PMC_VERSION);
		return 0;
	}
	if (strcmp(argv[1], "--list-rules") == 0)
		return flushed(list_rules());
	if (strcmp(argv[1], "followups") == 0)
		return flushed(run_followups(argc - 1, argv + 1));
	if (strcmp(argv[1], "digest") == 0)
		return flushed(run_digest(argc - 1, argv + 1));
	for (k = 0; commands[k].name != NULL; k++)
		if (strcmp(argv[1], commands[k].name) == 0) {
			c.command = commands[k].name;
			run = commands[k].run;
			start = 2;
		}
	c.sources = calloc((size_t)argc, sizeof(*c.sources));
	c.overrides = calloc((size_t)argc, sizeof(*c.overrides));
	if (c.sources == NULL || c.overrides == NULL)
		abort();
	c.opts.overrides = c.overrides;
	rc = parse_args(&c, argc, argv, start);
	if (rc == 0 && (rc = check_dates(&c)) == 0)
		rc = check_lang(c.ropts.lang);
	if (rc == 0)
		rc = run(&c);
	pm_buf_free(&c.json);
	free(c.sources);
	free(c.overrides);
	return flushed(rc);
}
