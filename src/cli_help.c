/* cli_help.c: pmc --help and pmc help COMMAND, written from the option
 * table (cli_opts.c). */
#include <stdio.h>
#include <string.h>

#include "cli_opts.h"

void
cli_option_spelling(pm_buf *b, const cli_option *o)
{
	if (o->id < 256)
		pm_buf_printf(b, "-%c, ", o->id);
	pm_buf_printf(b, "--%s", o->name);
	if (o->arg != NULL)
		pm_buf_printf(b, "=%s", o->arg);
}

/* "  SPELLING   help", the help in a column as in GNU tools. */
static void
print_row(const char *left, const char *help)
{
	if (strlen(left) > 24)
		printf("  %s\n  %-24s %s\n", left, "", help);
	else
		printf("  %-24s %s\n", left, help);
}

static void
print_usage_line(const cli_command *k, const char *lead)
{
	printf("%spmc%s%s [OPTION...]%s%s\n", lead,
	       k->bit == CMD_COMPILE ? "" : " ",
	       k->bit == CMD_COMPILE ? "" : k->name, *k->operands ? " " : "",
	       k->operands);
}

/* cmd's own options first, then those every command takes (-q, -h),
 * wherever in the table a command's rows were added. */
void
cli_help(const cli_command *cmd)
{
	const cli_option *o;
	pm_buf b = {0};
	int every;

	print_usage_line(cmd, "usage: ");
	printf("\n%s\nOptions:\n", cmd->about);
	for (every = 0; every < 2; every++)
		for (o = pm_cli_options; o->id != 0; o++) {
			if (!(o->commands & cmd->bit) ||
			    (o->commands == CMD_ALL) != every)
				continue;
			b.len = 0;
			cli_option_spelling(&b, o);
			print_row(pm_buf_cstr(&b), o->help);
		}
	printf("\nExit status: %s", cmd->status);
	pm_buf_free(&b);
}

/* Whether an earlier row has o's long name: each option is listed once in
 * pmc --help, with every command that takes it. */
static int
listed(const cli_option *o)
{
	const cli_option *p;

	for (p = pm_cli_options; p != o; p++)
		if (strcmp(p->name, o->name) == 0)
			return 1;
	return 0;
}

static void
option_overview(void)
{
	const cli_option *o, *p;
	const cli_command *k;
	pm_buf b = {0}, cmds = {0};
	unsigned bits;

	for (o = pm_cli_options; o->id != 0; o++) {
		if (listed(o))
			continue;
		bits = 0;
		for (p = o; p->id != 0; p++)
			if (strcmp(p->name, o->name) == 0)
				bits |= p->commands;
		b.len = cmds.len = 0;
		cli_option_spelling(&b, o);
		for (k = pm_cli_commands; k->name != NULL; k++)
			if (bits & k->bit)
				pm_buf_printf(&cmds, "%s%s", cmds.len ? ", " : "",
				              k->name);
		print_row(pm_buf_cstr(&b), bits == CMD_ALL ? "every command"
		                                          : pm_buf_cstr(&cmds));
	}
	pm_buf_free(&b);
	pm_buf_free(&cmds);
}

void
cli_usage(void)
{
	const cli_command *k;

	for (k = pm_cli_commands; k->name != NULL; k++)
		print_usage_line(k, k == pm_cli_commands ? "usage: " : "       ");
	printf("       pmc help COMMAND | pmc help format | pmc help RULE\n"
	       "       pmc --list-rules | --version | --help | "
	       "--completion=bash|zsh|fish\n\n"
	       "Commands: pmc SOURCE compiles one postmortem (the command "
	       "compile);\ncheck validates, build compiles many into a "
	       "folder, fmt rewrites\nsources in canonical form, new writes "
	       "one to fill in; followups lists\nthe follow-ups of many, "
	       "digest reports on a period.\n\n"
	       "Options, and the commands that take them (pmc help COMMAND "
	       "says\nwhat each means there):\n");
	option_overview();
}
