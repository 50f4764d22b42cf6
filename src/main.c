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

#include "cli_opts.h"

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

/* SOURCE_DATE_EPOCH as reproducible-builds.org defines it: whole seconds
 * since 1970, digits only; at most the end of year 9999. */
static int
epoch_ok(const char *s)
{
	size_t n = strspn(s, "0123456789");

	return n > 0 && s[n] == '\0' &&
	       (n < 12 || (n == 12 && strcmp(s, "253402300799") <= 0));
}

int
check_dates(const cli *c)
{
	const char *t = c->opts.today, *epoch = getenv("SOURCE_DATE_EPOCH");

	if (t != NULL) {
		switch (pm_day_read(t, NULL)) {
		case 0:
			break;
		case -2:
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

/* pmc help TOPIC: a command's help, the source format's, or a rule's. */
static int
help(const char *topic)
{
	const cli_command *k;
	const pm_rule_info *r;

	if (topic == NULL) {
		cli_usage();
		return 0;
	}
	if (strcmp(topic, "format") == 0)
		return help_format();
	if ((r = cli_rule_named(topic)) != NULL)
		return cli_help_rule(r);
	if ((k = cli_command_named(topic)) == NULL)
		return fail("no help for '%s' (a command, format, or a rule of "
		            "pmc --list-rules)",
		            topic);
	cli_help(k);
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

/* What pmc does without a command: --help, --version, --list-rules,
 * --completion, or help TOPIC; -1 when argv[1] is none of them. */
static int
global(int argc, char **argv)
{
	const char *a = argv[1];

	if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
		return help(NULL);
	if (strcmp(a, "help") == 0)
		return help(argc > 2 ? argv[2] : NULL);
	if (strcmp(a, "--version") == 0)
		return printf("pmc %s\n", PMC_VERSION) < 0 ? EXIT_USAGE : 0;
	if (strcmp(a, "--list-rules") == 0)
		return cli_list_rules();
	if (strncmp(a, "--completion=", 13) == 0)
		return cli_completion(a + 13);
	if (strcmp(a, "--completion") == 0)
		return argc > 2 ? cli_completion(argv[2])
		                : fail("%s", "--completion needs a shell: "
		                             "bash, zsh or fish");
	return -1;
}

static int
run(cli *c, const cli_command *cmd, int argc, char **argv, int start)
{
	int rc;

	c->command = cmd->name;
	c->sources = calloc((size_t)argc, sizeof(*c->sources));
	c->overrides = calloc((size_t)argc, sizeof(*c->overrides));
	if (c->sources == NULL || c->overrides == NULL)
		abort();
	c->opts.overrides = c->overrides;
	rc = cli_parse(c, cmd, argc, argv, start);
	if (rc == 0 && c->help) {
		cli_help(cmd);
		return 0;
	}
	if (rc == 0 && (rc = check_dates(c)) == 0)
		rc = check_lang(c->ropts.lang);
	if (rc == 0)
		rc = cmd->run(c);
	return rc;
}

int
main(int argc, char **argv)
{
	const cli_command *cmd;
	cli c;
	int rc;

	memset(&c, 0, sizeof(c));
	c.opts.diag = on_diag;
	c.opts.diag_arg = &c;
	c.ropts.diag = on_diag;
	c.ropts.diag_arg = &c;
	c.excerpt = -1; /* when the findings go to a terminal */
	c.max_warnings = -1;
	if (argc < 2) {
		fputs("usage: pmc SOURCE -o OUTPUT | pmc COMMAND ... "
		      "(see pmc --help)\n", stderr);
		return EXIT_USAGE;
	}
	if ((rc = global(argc, argv)) >= 0)
		return flushed(rc);
	if ((cmd = cli_command_named(argv[1])) != NULL &&
	    cmd->bit != CMD_COMPILE)
		rc = run(&c, cmd, argc, argv, 2);
	else
		rc = run(&c, cli_command_named("compile"), argc, argv, 1);
	pm_buf_free(&c.json);
	sarif_free(&c);
	free(c.sources);
	free(c.overrides);
	return flushed(rc);
}
