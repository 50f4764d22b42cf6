/* cli_diag.c: how the command line prints findings: text with an
 * excerpt, JSON, GitHub workflow commands. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "utf8.h"

const char *const pm_cli_sevnames[] = {"note", "warning", "error"};

/* Display width of a character for the caret line: CJK and emoji take
 * two terminal cells. */
static int
cell_width(int32_t c)
{
	return (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) ||
	               (c >= 0xac00 && c <= 0xd7a3) ||
	               (c >= 0xf900 && c <= 0xfaff) ||
	               (c >= 0xfe30 && c <= 0xfe4f) ||
	               (c >= 0xff00 && c <= 0xff60) ||
	               (c >= 0xffe0 && c <= 0xffe6) ||
	               (c >= 0x1f300 && c <= 0x1faff) ||
	               (c >= 0x20000 && c <= 0x3fffd)
	           ? 2
	           : 1;
}

/* The source line and a caret under the finding, as jq and cc do. */
static void
print_excerpt(const pm_diag *d)
{
	size_t i = 0, len;
	int32_t c;
	int col = 1, w;

	if (d->excerpt == NULL || d->line == 0)
		return;
	fprintf(stderr, "%5d | %.*s\n      | ", d->line, (int)d->excerpt_len,
	        d->excerpt);
	while (i < d->excerpt_len && col < d->col + d->span) {
		if ((len = pm_utf8_decode(d->excerpt + i, d->excerpt_len - i,
		                          &c)) == 0)
			len = 1, c = 0xfffd;
		w = c == '\t' ? 1 : cell_width(c);
		while (w-- > 0)
			fputc(col < d->col ? (c == '\t' ? '\t' : ' ')
			                   : (col == d->col ? '^' : '~'),
			      stderr);
		/* the caret is one mark, the rest of a wide char is '~' */
		col++;
		i += len;
	}
	if (col <= d->col)
		fputc('^', stderr);
	fputc('\n', stderr);
}

/* GitHub workflow commands need %, CR, LF (and , : in properties)
 * escaped. */
static void
github_escape(const char *s, int property)
{
	for (; *s; s++) {
		if (*s == '%')
			fputs("%25", stdout);
		else if (*s == '\r')
			fputs("%0D", stdout);
		else if (*s == '\n')
			fputs("%0A", stdout);
		else if (property && *s == ':')
			fputs("%3A", stdout);
		else if (property && *s == ',')
			fputs("%2C", stdout);
		else
			fputc(*s, stdout);
	}
}

void
on_diag(const pm_diag *d, void *arg)
{
	cli *c = arg;

	if (d->severity == PM_ERROR)
		c->errors++;
	else if (d->severity == PM_WARNING)
		c->warnings++;
	switch (c->diag_format) {
	case FMT_JSON:
		pm_buf_puts(&c->json, c->json_count++ ? ",\n  {" : "\n  {");
		pm_buf_puts(&c->json, "\"file\": ");
		pm_buf_json_string(&c->json, d->file, strlen(d->file));
		pm_buf_printf(&c->json, ", \"line\": %d, \"column\": %d, ",
		              d->line, d->col);
		pm_buf_printf(&c->json, "\"severity\": \"%s\", \"rule\": ",
		              pm_cli_sevnames[d->severity]);
		pm_buf_json_string(&c->json, d->rule, strlen(d->rule));
		pm_buf_puts(&c->json, ", \"message\": ");
		pm_buf_json_string(&c->json, d->message, strlen(d->message));
		pm_buf_putc(&c->json, '}');
		break;
	case FMT_GITHUB:
		printf("::%s file=", d->severity == PM_ERROR     ? "error"
		                     : d->severity == PM_WARNING ? "warning"
		                                                 : "notice");
		github_escape(d->file, 1);
		printf(",line=%d,col=%d,title=", d->line, d->col);
		github_escape(d->rule, 1);
		fputs("::", stdout);
		github_escape(d->message, 0);
		fputc('\n', stdout);
		break;
	default:
		if (d->line > 0)
			fprintf(stderr, "%s:%d:%d: %s: %s [%s]\n", d->file,
			        d->line, d->col, pm_cli_sevnames[d->severity],
			        d->message, d->rule);
		else
			fprintf(stderr, "%s: %s: %s [%s]\n", d->file,
			        pm_cli_sevnames[d->severity], d->message, d->rule);
		if (c->excerpt)
			print_excerpt(d);
		break;
	}
}

void
summary(const cli *c)
{
	fprintf(stderr, "%d file%s checked: %d error%s, %d warning%s\n",
	        c->files, c->files == 1 ? "" : "s", c->errors,
	        c->errors == 1 ? "" : "s", c->warnings,
	        c->warnings == 1 ? "" : "s");
}
