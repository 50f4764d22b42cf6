/* main.c: the pmc command line (docs: spec/cli.md): the only place that
 * prints findings and decides the exit status. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static const char usage[] =
    "usage: pmc SOURCE [-o OUTPUT] [-t FORMAT] [options]\n"
    "       pmc check [--format text|json|github] [--strict] [--today DATE]"
    " SOURCE|DIR...\n"
    "       pmc --help | pmc help COMMAND | pmc --version | pmc "
    "--list-rules\n"
    "\n"
    "Formats (-t): json, xml (html, md and pdf are not built yet).\n"
    "Options: --policy FILE, --audience internal|public, --lang L,\n"
    "         --today YYYY-MM-DD, -q, -W/--strict, --excerpt\n";

static const char help_check[] =
    "usage: pmc check [options] SOURCE|DIR...\n"
    "\n"
    "Validates postmortems and writes nothing. A folder is searched\n"
    "recursively for *.md files that start with front matter.\n"
    "\n"
    "  --format text|json|github  how findings are printed (default text)\n"
    "  --excerpt                  show the source line and a caret even\n"
    "                             when standard error is not a terminal\n"
    "  --strict, -W               warnings count as errors\n"
    "  --today YYYY-MM-DD         the date overdue follow-ups are judged "
    "by\n"
    "  --policy FILE              instead of the nearest .pmc.yml\n"
    "\n"
    "Exit status: 0 valid, 1 a source has errors, 2 usage or I/O "
    "failure.\n";

int
fail(const char *fmt, const char *arg)
{
	fprintf(stderr, "pmc: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n");
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
		else
			return fail("unknown --format '%s' (text, json or "
			            "github)",
			            val);
	}
	return 0;
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
		} else if (strcmp(a, "-W") == 0 || strcmp(a, "--strict") == 0) {
			c->strict = 1;
		} else if (strcmp(a, "-q") == 0) {
			c->quiet = 1;
		} else if (strcmp(a, "--excerpt") == 0) {
			c->excerpt = 1;
		} else if (strcmp(a, "--check") == 0) {
			c->check_only = 1;
		} else if (strcmp(a, "--fix-mojibake") == 0) {
			c->fix_mojibake = 1;
		} else {
			return fail("unknown option '%s' (see pmc --help)", a);
		}
	}
	if (c->nsources == 0)
		return fail("%s", "no SOURCE given (see pmc --help)");
	return 0;
}

static int
help(const char *topic)
{
	if (topic != NULL && strcmp(topic, "check") == 0)
		fputs(help_check, stdout);
	else if (topic == NULL || strcmp(topic, "compile") == 0)
		fputs(usage, stdout);
	else
		return fail("no help for '%s'", topic);
	return 0;
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
		return list_rules();
	for (k = 0; commands[k].name != NULL; k++)
		if (strcmp(argv[1], commands[k].name) == 0) {
			c.command = commands[k].name;
			run = commands[k].run;
			start = 2;
		}
	c.sources = calloc((size_t)argc, sizeof(*c.sources));
	if (c.sources == NULL)
		abort();
	rc = parse_args(&c, argc, argv, start);
	if (rc == 0)
		rc = run(&c);
	pm_buf_free(&c.json);
	free(c.sources);
	return rc;
}
