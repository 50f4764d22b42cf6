/* cli_complete.c: the shell completions of pmc (bash, zsh, fish), written
 * by pmc --completion=SHELL from the option table (cli_opts.c), so that
 * they offer exactly what each command takes. */
#include <stdio.h>
#include <string.h>

#include "cli_opts.h"

/* s between single quotes of a shell: ' as '\'' (bash, zsh), or \' in
 * fish, where a backslash is an escape inside quotes too. */
static void
put_quoted(const char *s, int fish)
{
	putchar('\'');
	for (; *s; s++) {
		if (*s == '\'')
			fputs(fish ? "\\'" : "'\\''", stdout);
		else if (fish && *s == '\\')
			fputs("\\\\", stdout);
		else
			putchar(*s);
	}
	putchar('\'');
}

/* Every command's name (compile's too when compile is set), each
 * followed by sep. */
static void
command_names(int compile, const char *sep)
{
	const cli_command *k;

	for (k = pm_cli_commands + !compile; k->name != NULL; k++)
		printf("%s%s", k->name, sep);
}

static void
bash_values(const cli_command *k)
{
	const cli_option *o;

	for (o = pm_cli_options; o->id != 0; o++) {
		if (!(o->commands & k->bit) || o->arg == NULL)
			continue;
		printf("\t%s:--%s", k->name, o->name);
		if (o->id < 256)
			printf("|%s:-%c", k->name, o->id);
		if (o->values != NULL && o->values[0] != '\0')
			printf(") words='%s' ;;\n", o->values);
		else
			printf(") return ;;\n");
	}
}

static void
bash_completion(void)
{
	const cli_command *k;
	const cli_option *o;

	printf("# bash completion for pmc (pmc --completion=bash writes it "
	       "from pmc's\n# option table)\n_pmc()\n{\n"
	       "\tlocal cur=${COMP_WORDS[COMP_CWORD]} "
	       "prev=${COMP_WORDS[COMP_CWORD-1]}\n"
	       "\tlocal cmd=compile words= opts=\n\tCOMPREPLY=()\n"
	       "\t[[ $prev == = ]] && prev=${COMP_WORDS[COMP_CWORD-2]}\n"
	       "\t[[ $cur == = ]] && cur=\n"
	       "\tcase ${COMP_WORDS[1]} in\n");
	for (k = pm_cli_commands + 1; k->name != NULL; k++)
		printf("\t%s) ((COMP_CWORD > 1)) && cmd=%s ;;\n", k->name,
		       k->name);
	printf("\thelp) ((COMP_CWORD == 2)) && COMPREPLY=($(compgen -W '");
	command_names(1, " ");
	printf("format' -- \"$cur\")); return ;;\n\tesac\n\tcase $cmd:$prev in\n");
	for (k = pm_cli_commands; k->name != NULL; k++)
		bash_values(k);
	printf("\tesac\n\tcase $cmd in\n");
	for (k = pm_cli_commands; k->name != NULL; k++) {
		printf("\t%s) opts='", k->name);
		for (o = pm_cli_options; o->id != 0; o++)
			if (o->commands & k->bit)
				printf("--%s ", o->name);
		printf("' ;;\n");
	}
	printf("\tesac\n"
	       "\t((COMP_CWORD == 1)) && opts+=' --list-rules --version "
	       "--completion'\n"
	       "\tif [[ -n $words ]]; then\n"
	       "\t\tCOMPREPLY=($(compgen -W \"$words\" -- \"${cur##*,}\"))\n"
	       "\telif [[ $cur == -* ]]; then\n"
	       "\t\tCOMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n"
	       "\telif ((COMP_CWORD == 1)); then\n"
	       "\t\tCOMPREPLY=($(compgen -W '");
	command_names(0, " ");
	printf("help' -- \"$cur\"))\n\tfi\n}\n"
	       "complete -o bashdefault -o default -F _pmc pmc\n");
}

/* zsh's _arguments spec of one option, e.g.
 * '(-o --output)'{-o+,--output=}'[the file to write]:FILE:_files' */
static void
zsh_spec(const cli_option *o)
{
	pm_buf b = {0};

	if (o->id < 256)
		printf("\t\t'(-%c --%s)'{-%c%s,--%s%s}", o->id, o->name, o->id,
		       o->arg ? "+" : "", o->name, o->arg ? "=" : "");
	else
		printf("\t\t--%s%s", o->name, o->arg ? "=" : "");
	pm_buf_printf(&b, "[%s]", o->help);
	if (o->arg != NULL && o->values == NULL)
		pm_buf_printf(&b, ":%s:_files", o->arg);
	else if (o->arg != NULL && o->values[0] != '\0')
		pm_buf_printf(&b, ":%s:(%s)", o->arg, o->values);
	else if (o->arg != NULL)
		pm_buf_printf(&b, ":%s: ", o->arg);
	put_quoted(pm_buf_cstr(&b), 0);
	putchar('\n');
	pm_buf_free(&b);
}

static void
zsh_completion(void)
{
	const cli_command *k;
	const cli_option *o;

	printf("#compdef pmc\n# zsh completion for pmc (pmc --completion=zsh "
	       "writes it from pmc's\n# option table)\n"
	       "local cmd=compile\nlocal -a specs\n"
	       "if ((CURRENT > 2)); then\n\tcase $words[2] in\n\t");
	for (k = pm_cli_commands + 1; k->name != NULL; k++)
		printf("%s%s", k->name, k[1].name ? "|" : "");
	printf(") cmd=$words[2]; shift words; ((CURRENT--)) ;;\n"
	       "\thelp) _values topic ");
	command_names(1, " ");
	printf("format; return ;;\n\tesac\n"
	       "elif [[ $PREFIX != -* ]]; then\n\t_alternative "
	       "'commands:command:(");
	command_names(0, " ");
	printf("help)' 'files:source:_files'\n\treturn\nfi\ncase $cmd in\n");
	for (k = pm_cli_commands; k->name != NULL; k++) {
		printf("%s) specs=(\n", k->name);
		for (o = pm_cli_options; o->id != 0; o++)
			if (o->commands & k->bit)
				zsh_spec(o);
		printf("\t) ;;\n");
	}
	printf("esac\n_arguments -s -S $specs '*:source:_files'\n");
}

static void
fish_completion(void)
{
	const cli_command *k;
	const cli_option *o;

	printf("# fish completion for pmc (pmc --completion=fish writes it "
	       "from pmc's\n# option table)\n"
	       "function __pmc_command\n"
	       "\tset -l w (commandline -opc)\n"
	       "\tif test (count $w) -ge 2; and contains -- $w[2]");
	putchar(' ');
	command_names(0, " ");
	printf("\n\t\techo $w[2]\n\telse\n\t\techo compile\n\tend\nend\n"
	       "complete -c pmc -n '__fish_is_nth_token 1' -a '");
	command_names(0, " ");
	printf("help'\ncomplete -c pmc -n '__fish_is_nth_token 1' -l "
	       "list-rules -d 'every rule'\n"
	       "complete -c pmc -n '__fish_is_nth_token 1' -l version\n"
	       "complete -c pmc -n '__fish_is_nth_token 1' -l completion -x "
	       "-a 'bash zsh fish'\n");
	for (k = pm_cli_commands; k->name != NULL; k++)
		for (o = pm_cli_options; o->id != 0; o++) {
			if (!(o->commands & k->bit))
				continue;
			printf("complete -c pmc -n 'test (__pmc_command) = %s'",
			       k->name);
			if (o->id < 256)
				printf(" -s %c", o->id);
			printf(" -l %s", o->name);
			if (o->arg != NULL && o->values == NULL)
				printf(" -r -F");
			else if (o->arg != NULL)
				printf(" -x -a '%s'", o->values);
			printf(" -d ");
			put_quoted(o->help, 1);
			putchar('\n');
		}
}

int
cli_completion(const char *shell)
{
	if (strcmp(shell, "bash") == 0)
		bash_completion();
	else if (strcmp(shell, "zsh") == 0)
		zsh_completion();
	else if (strcmp(shell, "fish") == 0)
		fish_completion();
	else
		return fail("no completion for the shell '%s' (bash, zsh or "
		            "fish)",
		            shell);
	return 0;
}
