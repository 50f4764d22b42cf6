/* cli_opts.h: the commands of pmc and the options each takes, in one
 * table from which the parser, the help, and the shell completions are
 * made (cli_opts.c, cli_help.c), so that none of them can disagree. */
#ifndef PM_CLI_OPTS_H
#define PM_CLI_OPTS_H

#include "cli.h"

/* The commands, as bits of an option's set of commands. */
enum {
	CMD_COMPILE = 1 << 0,
	CMD_CHECK = 1 << 1,
	CMD_BUILD = 1 << 2,
	CMD_FMT = 1 << 3,
	CMD_NEW = 1 << 4,
	CMD_FOLLOWUPS = 1 << 5,
	CMD_DIGEST = 1 << 6,
	CMD_LSP = 1 << 7,
	CMD_SERVE = 1 << 8,
	CMD_IMPORT = 1 << 9,
	CMD_ALL = (1 << 10) - 1
};

/* The value getopt_long returns for an option without a short form. */
enum {
	OPT_POLICY = 256,
	OPT_TODAY,
	OPT_LANG,
	OPT_AUDIENCE,
	OPT_TEMPLATE,
	OPT_PAPER,
	OPT_FORMAT,
	OPT_STRICT,
	OPT_EXCERPT,
	OPT_CHECK,
	OPT_DIFF,
	OPT_FIX_MOJIBAKE,
	OPT_COLOR,
	OPT_MAX_WARNINGS,
	OPT_VALIDATE_IR,
	OPT_SINCE,
	OPT_UNTIL,
	OPT_OPEN,
	OPT_OVERDUE,
	OPT_OWNER,
	OPT_SEVERITY,
	OPT_LIST_FORMAT,
	OPT_FAIL_ON,
	OPT_FROM,
	OPT_ID,
	OPT_PINNED,
	OPT_REACTION,
	OPT_PORT,
	OPT_BIND,
	OPT_STDIN_FILENAME
};

typedef struct cli_command {
	const char *name;     /* "compile" is the command without a name */
	unsigned bit;         /* CMD_ */
	int (*run)(cli *);
	const char *operands; /* what follows the options in the usage;
	                         the sources in [brackets] when they may
	                         be left out */
	const char *about;    /* the help's paragraphs, each line ending \n */
	const char *status;   /* the help's closing "Exit status" lines */
} cli_command;

/*
 * One row per option and meaning: an option that means something else in
 * another command (-o FILE, -o DIR) has a row for each. A new option is a
 * row here and a case in cli_parse's switch (cli_opts.c).
 */
typedef struct cli_option {
	int id;             /* the short letter, or an OPT_ above */
	const char *name;   /* the long name, without "--" */
	const char *arg;    /* what the value is called; NULL: a flag */
	const char *values; /* the values a shell completes, space-separated;
	                       "" for free text, NULL for a file name */
	unsigned commands;  /* the CMD_ bits of the commands that take it */
	const char *help;   /* one line, for pmc help COMMAND */
} cli_option;

extern const cli_command pm_cli_commands[];   /* ends with a NULL name */

extern const cli_option pm_cli_options[];     /* ends with a 0 id */

/* The command named name ("compile" too), or NULL. */
const cli_command *cli_command_named(const char *name);

/* Reads argv[start..] as cmd's options and sources into c; a word that is
 * not an option, "-", and every word after "--" is a source. Returns 0,
 * or EXIT_USAGE after saying what is wrong. */
int cli_parse(cli *c, const cli_command *cmd, int argc, char **argv,
              int start);

/* The rule with that id, or NULL. */
const pm_rule_info *cli_rule_named(const char *id);

/* pmc --list-rules and pmc help RULE (cli_rules.c). */
int cli_list_rules(void);

/* *to = val when it is a whole number in [min, max]; else EXIT_USAGE
 * after saying what (a format with one %s, for val). */
int cli_set_number(int *to, const char *val, long min, long max,
                   const char *what);
int cli_help_rule(const pm_rule_info *r);
/* Appends the rule's message as a reader sees it: no printf conversions
 * ("..." for each), its explanation when the message is all conversion. */
void cli_rule_message(pm_buf *b, const pm_rule_info *r);
/* What pmc help RULE says of the rule, appended to b: as text, or as
 * Markdown when md is set (SARIF's help.markdown). */
void cli_rule_doc(pm_buf *b, const pm_rule_info *r, int md);
/* One line that says what the rule is for (rules_help.def); "" if none. */
const char *cli_rule_explanation(const pm_rule_info *r);

/* The option's spelling in help: "-o, --output=FILE" or "--strict". */
void cli_option_spelling(pm_buf *b, const cli_option *o);

/* pmc --help and pmc help COMMAND, on standard output. */
void cli_usage(void);
void cli_help(const cli_command *cmd);
/* pmc --completion=SHELL: the completion script of bash, zsh or fish on
 * standard output; returns 0, or EXIT_USAGE for another shell. */
int cli_completion(const char *shell);

#endif
