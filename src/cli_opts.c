/* cli_opts.c: the table of pmc's commands and options, and the parser
 * (getopt_long) made from it for one command. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "cli_opts.h"

#define FORMATS "html pdf md json xml"
#define PRINTS (CMD_COMPILE | CMD_CHECK | CMD_BUILD | CMD_FMT)
#define JUDGES (CMD_COMPILE | CMD_CHECK | CMD_BUILD | CMD_SERVE)
#define RENDERS (CMD_COMPILE | CMD_BUILD | CMD_SERVE)
#define ACROSS (CMD_FOLLOWUPS | CMD_DIGEST) /* read many, write one */

const cli_option pm_cli_options[] = {
    {'o', "output", "FILE", NULL, CMD_COMPILE,
     "the file to write (- for standard output)"},
    {'o', "output", "FILE", NULL, CMD_CHECK,
     "write the findings to FILE, not to the terminal"},
    {'o', "output", "DIR", NULL, CMD_BUILD,
     "the output folder (default: site)"},
    {'t', "to", "FORMAT", FORMATS, CMD_COMPILE,
     "html, pdf, md, json or xml (default: by the extension of -o)"},
    {'t', "to", "FMT[,FMT..]", FORMATS, CMD_BUILD,
     "html (default), pdf, md, json, xml"},
    {OPT_FORMAT, "format", "F", "text json github sarif", CMD_CHECK | CMD_BUILD,
     "findings as text (default), json, github or sarif"},
    {'j', "jobs", "N", "", CMD_CHECK | CMD_BUILD | CMD_SERVE,
     "sources at once (default: the number of cores)"},
    {OPT_STRICT, "strict", NULL, NULL, JUDGES,
     "warnings count as errors (also -W alone)"},
    {'W', "rule", "SPEC", "", JUDGES,
     "error=RULE, warning=RULE, note=RULE or no-RULE (-Werror=RULE)"},
    {OPT_EXCERPT, "excerpt", NULL, NULL, PRINTS,
     "the source line and a caret under each finding, always"},
    {OPT_COLOR, "color", "WHEN", "auto always never", PRINTS,
     "colour findings: auto (default: on a terminal), always, never"},
    {OPT_MAX_WARNINGS, "max-warnings", "N", "", CMD_CHECK,
     "fail (exit 1) when there are more than N warnings"},
    {OPT_TODAY, "today", "DATE", "", JUDGES | CMD_FMT,
     "the day overdue follow-ups are judged by (YYYY-MM-DD)"},
    {OPT_POLICY, "policy", "FILE", NULL, JUDGES | CMD_FMT,
     "the policy, instead of the nearest .pmc.yml"},
    {OPT_AUDIENCE, "audience", "A", "internal public", JUDGES,
     "internal (default), or public: internal parts left out"},
    {OPT_LANG, "lang", "L", "en nb ja", RENDERS,
     "the labels' language (default: the document's)"},
    {OPT_LANG, "lang", "L", "en nb ja", CMD_NEW,
     "the headings' language: en (default), nb or ja"},
    {OPT_TEMPLATE, "template", "FILE", NULL, RENDERS,
     "an XSLT replacing the HTML template (templates/report.xsl)"},
    {OPT_PAPER, "paper", "SIZE", "a4 letter", RENDERS,
     "the PDF's paper: a4 (default) or letter"},
    {OPT_CHECK, "check", NULL, NULL, CMD_FMT,
     "write nothing; list the files that would change"},
    {OPT_DIFF, "diff", NULL, NULL, CMD_FMT,
     "write nothing; show what would change as a unified diff"},
    {OPT_FIX_MOJIBAKE, "fix-mojibake", NULL, NULL, CMD_FMT,
     "also repair UTF-8 read as a single-byte code page"},
    {OPT_VALIDATE_IR, "validate-ir", NULL, NULL, JUDGES,
     "also check a Markdown source's tree against the schema (debug)"},
    {'q', "quiet", NULL, NULL, CMD_ALL,
     "no progress, no summary, no notes: findings only"},
    {'h', "help", NULL, NULL, CMD_ALL, "show this help and exit"},
    {OPT_OPEN, "open", NULL, NULL, CMD_FOLLOWUPS,
     "open items only (overdue ones included)"},
    {OPT_OVERDUE, "overdue", NULL, NULL, CMD_FOLLOWUPS,
     "overdue items only"},
    {OPT_OWNER, "owner", "NAME", "", CMD_FOLLOWUPS,
     "items of this owner (case ignored)"},
    {OPT_SEVERITY, "severity", "LEVEL", "", CMD_FOLLOWUPS,
     "items of incidents of this severity"},
    {OPT_SINCE, "since", "DATE", "", CMD_FOLLOWUPS,
     "items of incidents that started on or after DATE"},
    {OPT_UNTIL, "until", "DATE", "", CMD_FOLLOWUPS,
     "items of incidents that started on or before DATE"},
    {OPT_SINCE, "since", "DATE", "", CMD_DIGEST,
     "the period's first day, by the day incidents started"},
    {OPT_UNTIL, "until", "DATE", "", CMD_DIGEST,
     "the period's last day (both are needed)"},
    {OPT_LIST_FORMAT, "format", "F", "text csv json md github sarif",
     CMD_FOLLOWUPS,
     "text (default), csv, json, md, github or sarif"},
    {'t', "to", "FORMAT", "md html pdf", CMD_DIGEST,
     "md, html or pdf (default: -o's extension, else md)"},
    {'o', "output", "FILE", NULL, ACROSS,
     "write there instead of standard output"},
    {OPT_FAIL_ON, "fail-on", "WHAT", "overdue", CMD_FOLLOWUPS,
     "overdue: exit 1 when a listed item is overdue"},
    {OPT_LANG, "lang", "L", "en nb ja", CMD_DIGEST,
     "the labels' language: en (default), nb or ja"},
    {OPT_AUDIENCE, "audience", "A", "internal public", CMD_DIGEST,
     "public: leave out what each source marks internal"},
    {OPT_TODAY, "today", "DATE", "", ACROSS,
     "the day overdue follow-ups are judged by (YYYY-MM-DD)"},
    {OPT_POLICY, "policy", "FILE", NULL, ACROSS,
     "the policy, instead of the nearest .pmc.yml"},
    {'j', "jobs", "N", "", ACROSS,
     "sources read at once (default: the number of cores)"},
    {'o', "output", "FILE|DIR", NULL, CMD_IMPORT,
     "the draft to write (default: standard output); a folder: one each"},
    {OPT_FROM, "from", "FORMAT", "statuspage text slack", CMD_IMPORT,
     "statuspage, text or slack (default: by the input's content)"},
    {OPT_LANG, "lang", "L", "en nb ja", CMD_IMPORT,
     "the draft's language: en, nb or ja (default: guessed from the posts)"},
    {OPT_POLICY, "policy", "FILE", NULL, CMD_IMPORT,
     "the policy whose scale the severity is from (default: nearest)"},
    {OPT_ID, "id", "ID", "", CMD_IMPORT,
     "statuspage: the one incident of several to import"},
    {OPT_SINCE, "since", "TIME", "", CMD_IMPORT,
     "slack: messages from TIME on (YYYY-MM-DD[ HH:MM[ ZONE]]; no ZONE: the export's)"},
    {OPT_UNTIL, "until", "TIME", "", CMD_IMPORT,
     "slack: messages up to TIME (a day: to its end)"},
    {OPT_PINNED, "pinned", NULL, NULL, CMD_IMPORT,
     "slack: only the pinned messages"},
    {OPT_REACTION, "reaction", "EMOJI", "", CMD_IMPORT,
     "slack: only the messages with this reaction (a name, no colons)"},
    {'t', "to", "FMT[,FMT..]", FORMATS, CMD_SERVE,
     "also build these formats beside html (e.g. pdf), and serve them"},
    {OPT_PORT, "port", "N", "", CMD_SERVE,
     "the port to listen on (default, or 0: a free one)"},
    {OPT_BIND, "bind", "ADDR", "", CMD_SERVE,
     "the address to listen on (default: 127.0.0.1, this machine only)"},
    {OPT_POLICY, "policy", "FILE", NULL, CMD_LSP,
     "one policy for all documents, not each one's nearest .pmc.yml"},
    {OPT_TODAY, "today", "DATE", "", CMD_LSP,
     "the day overdue follow-ups are judged by (YYYY-MM-DD)"},
    {OPT_STDIN_FILENAME, "stdin-filename", "PATH", NULL, CMD_CHECK,
     "standard input ('-') is PATH: findings name it, its policy is found"},
    {0, NULL, NULL, NULL, 0, NULL}};

const cli_command pm_cli_commands[] = {
    {"compile", CMD_COMPILE, run_compile, "SOURCE",
     "Compiles one postmortem into one report, in the format -t names or\n"
     "the extension of -o gives. A source with errors is not compiled, and\n"
     "an earlier output is left as it was. '-' reads standard input.\n",
     "0 written, 1 the source has errors, 2 usage or I/O failure.\n"},
    {"check", CMD_CHECK, run_check, "SOURCE|DIR...",
     "Validates postmortems and writes nothing but the findings. A folder\n"
     "is searched recursively for *.md files that start with front matter.\n"
     "Text findings go to standard error, the other formats to standard\n"
     "output; -o sends them, in any format, to a file.\n",
     "0 valid, 1 a source has errors, 2 usage or I/O failure.\n"},
    {"build", CMD_BUILD, run_build, "SOURCE|DIR...",
     "Compiles every postmortem (folders are searched recursively) to each\n"
     "format, as DIR/<id>.<ext>, and with more than one source writes\n"
     "DIR/index.html: a table of all incidents and cross-incident charts.\n"
     "A second run compiles only the sources whose inputs changed (source,\n"
     "policy, templates, options; DIR/.pmc-build keeps the record) and\n"
     "removes the outputs of sources that are gone.\n",
     "0 all built, 1 a source has errors (nothing is written for it; the\n"
     "others are built), 2 usage or I/O failure.\n"},
    {"fmt", CMD_FMT, run_fmt, "SOURCE|DIR...",
     "Rewrites postmortems in place in canonical form: front matter keys in\n"
     "the format's order, the language's section headings, one style of\n"
     "timeline entries and follow-up attributes, prose as cmark writes it.\n"
     "Comments and audience markers stay. The result must compile to the\n"
     "same document and keep every word, URL and comment, or nothing is\n"
     "written. A source with errors is left as it is. '-' formats standard\n"
     "input to standard output.\n",
     "0 done (with --check: nothing would change), 1 a source has errors\n"
     "(or, with --check or --diff, would change), 2 usage or I/O failure.\n"},
    {"new", CMD_NEW, run_new, "FILE",
     "Writes a postmortem to fill in (templates/new/LANG.md), with section\n"
     "headings in that language. 'pmc check FILE' reports every TODO and\n"
     "unfilled date left in it, at its line, until none is. FILE '-'\n"
     "prints it. An existing FILE is never overwritten.\n",
     "0 written, 2 usage or I/O failure (FILE exists).\n"},
    {"followups", CMD_FOLLOWUPS, run_followups, "[SOURCE|DIR...]",
     "Lists every follow-up of every postmortem found (folders are searched\n"
     "as by pmc check; default: the current folder), one row each: the\n"
     "incident, the item, its owner (else the postmortem's), due date,\n"
     "type, priority, ticket and state (open, done, or overdue with the\n"
     "days since it was due) and the line it stands on. Text is grouped\n"
     "by owner, overdue first; csv is RFC 4180, for a tracker's import; md\n"
     "a GitHub table; github and sarif give each overdue item as pmc\n"
     "check's 'overdue' finding at its line. Sources with errors are\n"
     "reported as pmc check reports them; their follow-ups are listed when\n"
     "they could be read.\n",
     "0 listed, 1 a source has errors or (--fail-on overdue) an item is\n"
     "overdue, 2 usage or I/O failure.\n"},
    {"digest", CMD_DIGEST, run_digest, "--since DATE --until DATE "
     "[SOURCE|DIR...]",
     "One report for management over a period (both days included) of the\n"
     "postmortems found (default: the current folder): incidents by\n"
     "severity, total and median durations, times to detect, acknowledge,\n"
     "mitigate and resolve, compared with the period of the same length\n"
     "before it; a row per incident with its impact; the follow-ups still\n"
     "open, overdue first. GitHub Markdown, an HTML page or a PDF in the\n"
     "reports' look. --audience public reads each source as its public\n"
     "version.\n",
     "0 written, 1 a source has errors (the digest is still written from\n"
     "what could be read), 2 usage or I/O failure.\n"},
    {"import", CMD_IMPORT, run_import, "INPUT",
     "Writes a draft postmortem (status draft, in pmc fmt's form) from\n"
     "what an incident left behind: a Statuspage incident as JSON, a status\n"
     "page copied as text, or a Slack channel export (a folder). Each post\n"
     "becomes a timeline event; the status words give the milestones, the\n"
     "affected components the services, a postmortem note the summary.\n"
     "The format is found from the content unless --from names it. No word\n"
     "of a post is ever left out; an existing file is never overwritten.\n",
     "0 written (warnings aside), 1 the input has errors (nothing is\n"
     "written), 2 usage or I/O failure (the output exists).\n"},
    {"serve", CMD_SERVE, run_serve, "[SOURCE|DIR...]",
     "Builds the postmortems (default: those under the current folder) as\n"
     "pmc build does, into a private temporary folder removed on exit,\n"
     "and serves the reports and the site index on http://127.0.0.1:PORT/;\n"
     "the URL is the first line on standard error. A change to a source,\n"
     "its folder, the policy or the templates rebuilds what it touches,\n"
     "and the open pages reload. A source with errors shows its findings\n"
     "in its page. Nothing is written to the sources' folders. SIGINT or\n"
     "SIGTERM stops it.\n",
     "0 stopped by SIGINT, SIGTERM or SIGHUP, 2 usage failure (no such\n"
     "source, the port taken).\n"},
    {"lsp", CMD_LSP, run_lsp, "",
     "A language server (the Language Server Protocol on standard input\n"
     "and output) for editors: the findings of pmc check as the writer\n"
     "types, with the policy found from each file's path; formatting by\n"
     "pmc fmt; an outline; hovers with times resolved, milestones' figures\n"
     "and rules explained; quick fixes; completion. Set-up for editors:\n"
     "docs/editors.md.\n",
     "0 after the client's shutdown and exit, 1 when the client stops\n"
     "otherwise, 2 usage failure.\n"},
    {NULL, 0, NULL, NULL, NULL, NULL}};

const cli_command *
cli_command_named(const char *name)
{
	const cli_command *k;

	for (k = pm_cli_commands; k->name != NULL; k++)
		if (strcmp(k->name, name) == 0)
			return k;
	return NULL;
}

/* The commands other than cmd that take the option spelled word
 * ("--paper", "-j"), as "compile, build"; empty when none does. */
static void
takers(pm_buf *b, const cli_command *cmd, const char *word)
{
	const cli_option *o;
	const cli_command *k;
	size_t n = strcspn(word, "=");
	unsigned bits = 0;

	for (o = pm_cli_options; o->id != 0; o++)
		if ((word[1] == '-' && strlen(o->name) == n - 2 &&
		     strncmp(o->name, word + 2, n - 2) == 0) ||
		    (word[1] != '-' && o->id == word[1]))
			bits |= o->commands;
	for (k = pm_cli_commands; k->name != NULL; k++)
		if ((bits & k->bit) && k != cmd)
			pm_buf_printf(b, "%s%s", b->len ? ", " : "", k->name);
}

/* What getopt_long refused, said as cc and git say it, and which command
 * would have taken the option. */
static int
refuse(const cli_command *cmd, int ch, const char *word)
{
	pm_buf w = {0}, other = {0};
	int rc;

	if (word[0] == '-' && word[1] != '-')
		pm_buf_printf(&w, "-%c", optopt);
	else
		pm_buf_put(&w, word, strcspn(word, "="));
	if (ch == ':') {
		say("%s: option '%s' needs a value (see pmc help %s)", cmd->name,
		    pm_buf_cstr(&w), cmd->name);
	} else if (optopt != 0 && w.data[1] == '-' && strchr(word, '=')) {
		say("%s: option '%s' takes no value", cmd->name,
		    pm_buf_cstr(&w));
	} else {
		takers(&other, cmd, pm_buf_cstr(&w));
		say("%s: unrecognized option '%s' (%s%s%ssee pmc help %s)",
		    cmd->name, pm_buf_cstr(&w), other.len ? "an option of " : "",
		    other.len ? pm_buf_cstr(&other) : "", other.len ? "; " : "",
		    cmd->name);
	}
	rc = EXIT_USAGE;
	pm_buf_free(&w);
	pm_buf_free(&other);
	return rc;
}

/* getopt_long's tables for cmd: "-" first (every word in order, sources
 * as 1), ":" (a missing value is ':'), and -W's value optional so that
 * -W alone is --strict. */
static struct option *
getopt_table(const cli_command *cmd, pm_buf *shorts)
{
	const cli_option *o;
	struct option *longs;
	size_t n = 0;

	for (o = pm_cli_options; o->id != 0; o++)
		n++;
	longs = pm_xcalloc(n + 1, sizeof(*longs));
	pm_buf_puts(shorts, "-:");
	for (n = 0, o = pm_cli_options; o->id != 0; o++) {
		if (!(o->commands & cmd->bit))
			continue;
		longs[n].name = o->name;
		longs[n].has_arg = o->arg ? required_argument : no_argument;
		longs[n++].val = o->id;
		if (o->id < 256)
			pm_buf_printf(shorts, "%c%s", o->id,
			              o->id == 'W' ? "::" : o->arg ? ":" : "");
	}
	return longs;
}

static int
set_choice(int *to, const char *opt, const char *val,
           const char *const *names, const int *values, const char *list)
{
	size_t k;
	char msg[160];

	for (k = 0; names[k] != NULL; k++)
		if (strcmp(val, names[k]) == 0) {
			*to = values[k];
			return 0;
		}
	snprintf(msg, sizeof(msg), "%s must be %s, not '%%s'", opt, list);
	return fail(msg, val);
}

int
cli_set_number(int *to, const char *val, long min, long max,
               const char *what)
{
	char *end;
	long n = strtol(val, &end, 10);

	if (*val == '\0' || *end != '\0' || n < min || n > max)
		return fail(what, val);
	*to = (int)n;
	return 0;
}

/* The options whose value is one of a few words. */
static int
set_enum(cli *c, int id, const char *val)
{
	static const char *const audiences[] = {"internal", "public", NULL};
	static const int audience_v[] = {PM_AUDIENCE_INTERNAL, PM_AUDIENCE_PUBLIC};
	static const char *const papers[] = {"a4", "letter", NULL};
	static const int paper_v[] = {PM_PAPER_A4, PM_PAPER_LETTER};
	static const char *const formats[] = {"text", "json", "github", "sarif",
	                                      NULL};
	static const int format_v[] = {FMT_TEXT, FMT_JSON, FMT_GITHUB,
	                               FMT_SARIF};
	static const char *const whens[] = {"auto", "always", "never", NULL};
	static const int when_v[] = {0, 1, -1};
	static const char *const lists[] = {"text", "csv",    "json", "md",
	                                    "github", "sarif", NULL};
	static const int list_v[] = {LIST_TEXT, LIST_CSV,    LIST_JSON,
	                             LIST_MD,   LIST_GITHUB, LIST_SARIF};
	static const char *const fail_ons[] = {"overdue", NULL};
	static const int fail_on_v[] = {1};
	int v = 0, rc;

	switch (id) {
	case OPT_AUDIENCE:
		rc = set_choice(&v, "--audience", val, audiences, audience_v,
		                "internal or public");
		c->opts.audience = (pm_audience)v;
		return rc;
	case OPT_PAPER:
		rc = set_choice(&v, "--paper", val, papers, paper_v,
		                "a4 or letter");
		c->ropts.paper = (pm_paper)v;
		return rc;
	case OPT_FORMAT:
		rc = set_choice(&v, "--format", val, formats, format_v,
		                "text, json, github or sarif");
		c->diag_format = (enum diag_format)v;
		return rc;
	case OPT_COLOR:
		return set_choice(&c->color, "--color", val, whens, when_v,
		                  "auto, always or never");
	case OPT_LIST_FORMAT:
		rc = set_choice(&v, "--format", val, lists, list_v,
		                "text, csv, json, md, github or sarif");
		c->list_format = (enum list_format)v;
		return rc;
	case OPT_FAIL_ON:
		return set_choice(&c->fail_on_overdue, "--fail-on", val,
		                  fail_ons, fail_on_v, "overdue");
	default:
		abort();
	}
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

const pm_rule_info *
cli_rule_named(const char *id)
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
	if ((r = cli_rule_named(id)) == NULL)
		return fail("unknown rule '%s' (see pmc --list-rules)", id);
	if (r->severity == PM_ERROR && sev != PM_ERROR)
		return fail("rule '%s' is an error; it cannot be lowered", id);
	c->overrides[c->opts.noverrides].rule = r->id;
	c->overrides[c->opts.noverrides++].severity = sev;
	return 0;
}

/* -W: "-W" alone and "-Werror" are --strict; "-Werror=overdue",
 * "-W error=overdue" and "--rule error=overdue" change one rule. A word
 * after a bare -W that is no override (a source) stays a source. */
static int
w_option(cli *c, const char *val, int argc, char **argv)
{
	int sev;

	if (val == NULL && optind < argc &&
	    override_spec(argv[optind], &sev) != NULL)
		val = argv[optind++];
	if (val == NULL || strcmp(val, "error") == 0) {
		c->strict = 1;
		return 0;
	}
	return add_override(c, val);
}

/* One option; 0 or EXIT_USAGE. */
static int
set_option(cli *c, int id, const char *val, int argc, char **argv)
{
	switch (id) {
	case 'o':
		c->output = val;
		return 0;
	case 't':
		c->format = val;
		return 0;
	case 'j':
		return cli_set_number(&c->jobs, val, 1, 1024,
		                  "-j needs a number of jobs, not '%s'");
	case OPT_MAX_WARNINGS:
		return cli_set_number(&c->max_warnings, val, 0, 1000000000,
		                  "--max-warnings needs a number, not '%s'");
	case 'q':
		c->quiet = 1;
		return 0;
	case 'W':
		return w_option(c, val, argc, argv);
	case OPT_POLICY:
		c->opts.policy = val;
		return 0;
	case OPT_TODAY:
		c->opts.today = val;
		return 0;
	case OPT_LANG:
		c->ropts.lang = val;
		return 0;
	case OPT_TEMPLATE:
		c->ropts.template = val;
		return 0;
	case OPT_AUDIENCE:
	case OPT_PAPER:
	case OPT_FORMAT:
	case OPT_COLOR:
	case OPT_LIST_FORMAT:
	case OPT_FAIL_ON:
		return set_enum(c, id, val);
	case OPT_STRICT:
		c->strict = 1;
		return 0;
	case OPT_EXCERPT:
		c->excerpt = 1;
		return 0;
	case OPT_CHECK:
		c->check_only = 1;
		return 0;
	case OPT_DIFF:
		c->diff_only = 1;
		return 0;
	case OPT_FIX_MOJIBAKE:
		c->fix_mojibake = 1;
		return 0;
	case OPT_VALIDATE_IR:
		c->opts.validate_ir = 1;
		return 0;
	case OPT_FROM:
		c->import_from = val;
		return 0;
	case OPT_ID:
		c->import_id = val;
		return 0;
	case OPT_SINCE:
		c->since = val;
		return 0;
	case OPT_UNTIL:
		c->until = val;
		return 0;
	case OPT_OPEN:
		c->open_only = 1;
		return 0;
	case OPT_OVERDUE:
		c->overdue_only = 1;
		return 0;
	case OPT_OWNER:
		c->owner = val;
		return 0;
	case OPT_SEVERITY:
		c->severity = val;
		return 0;
	case OPT_PINNED:
		c->pinned = 1;
		return 0;
	case OPT_REACTION:
		c->reaction = val;
		return 0;
	case OPT_PORT:
		return cli_set_number(&c->port, val, 0, 65535,
		                      "--port needs a port number (0 to 65535), "
		                      "not '%s'");
	case OPT_BIND:
		c->bind = val;
		return 0;
	case OPT_STDIN_FILENAME:
		c->stdin_filename = val;
		return 0;
	default:
		abort();
	}
}

/* Whether the long option getopt_long just read was spelled short of its
 * name: getopt_long takes "--to" for "--today" in a command without --to,
 * and a script written so would change meaning when an option is added.
 * The word is the last one read, or the one before its value. */
static const char *
abbreviated(char **argv, const char *name)
{
	const char *w = argv[optind - 1];

	if (optarg != NULL && optarg == w)
		w = argv[optind - 2];
	return strcspn(w + 2, "=") != strlen(name) ? w : NULL;
}

int
cli_parse(cli *c, const cli_command *cmd, int argc, char **argv, int start)
{
	pm_buf shorts = {0};
	struct option *longs = getopt_table(cmd, &shorts);
	const char *word, *abbr;
	int ch, li = -1, rc = 0;

	/* argv[start - 1] stands in for getopt's program name */
	argc -= start - 1;
	argv += start - 1;
	optind = 1;
	opterr = 0;
	while (rc == 0 && (ch = getopt_long(argc, argv, pm_buf_cstr(&shorts),
	                                    longs, &li)) != -1) {
		word = argv[optind - 1];
		if (li >= 0 && (abbr = abbreviated(argv, longs[li].name))) {
			optopt = 0;
			ch = '?';
			word = abbr;
		}
		if (ch == 1)
			c->sources[c->nsources++] = optarg;
		else if (ch == '?' || ch == ':')
			rc = refuse(cmd, ch, word);
		else if (ch == 'h')
			c->help = 1;
		else
			rc = set_option(c, ch, optarg, argc, argv);
		li = -1;
	}
	while (rc == 0 && optind < argc)
		c->sources[c->nsources++] = argv[optind++];
	free(longs);
	pm_buf_free(&shorts);
	if (rc == 0 && c->nsources == 0 && !c->help &&
	    strchr(cmd->operands, '[') == NULL && cmd->bit != CMD_LSP)
		rc = fail("%s", "no SOURCE given (see pmc --help)");
	return rc;
}
