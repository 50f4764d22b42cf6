/* cli_diag.c: how the command line prints findings: text with an
 * excerpt, JSON, GitHub workflow commands, SARIF. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_opts.h"
#include "utf8.h"

const char *const pm_cli_sevnames[] = {"note", "warning", "error"};

/* gcc's colours (the defaults of GCC_COLORS), as SGR sequences; "\33[K"
 * keeps a line's background from bleeding, as gcc does. */
#define SGR(codes) "\033[" codes "m\033[K"
#define SGR_END "\033[m\033[K"
#define ERROR_COLOR SGR("01;31")
#define WARNING_COLOR SGR("01;35")
#define NOTE_COLOR SGR("01;36")
#define CARET_COLOR "01;32"

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

/* A long line (minified JSON, a pasted log) is shown as a window of
 * this many characters either side of the finding: printed whole for each
 * of its findings, it would make the output quadratic in its length. */
#define EXCERPT_CONTEXT 60

/* The byte offset of character col (1-based) of the excerpt. */
static size_t
byte_of(const pm_diag *d, int col)
{
	size_t i = 0, len;
	int32_t c;

	for (; col > 1 && i < d->excerpt_len; col--) {
		len = pm_utf8_decode(d->excerpt + i, d->excerpt_len - i, &c);
		i += len ? len : 1;
	}
	return i;
}

/* Prints s[0..n) with control characters and invalid bytes as U+FFFD: a
 * source is anyone's, and an escape sequence in it must not reach the
 * terminal (or a CI log) as one. */
static void
print_safe(FILE *to, const char *s, size_t n)
{
	size_t i, len;
	int32_t c;

	for (i = 0; i < n; i += len) {
		len = pm_utf8_decode(s + i, n - i, &c);
		if (len == 0 || (c < 0x20 && c != '\t') ||
		    (c >= 0x7f && c < 0xa0))
			fputs("\xef\xbf\xbd", to);
		else
			fwrite(s + i, 1, len, to);
		if (len == 0)
			len = 1;
	}
}

/* The source line and a caret under the finding, as jq and cc do. */
static void
print_excerpt(FILE *out, const pm_diag *d, int color)
{
	size_t i, len, to;
	int32_t c;
	int col, w, last;

	if (d->excerpt == NULL || d->line == 0)
		return;
	col = d->col > EXCERPT_CONTEXT ? d->col - EXCERPT_CONTEXT : 1;
	last = d->col + (d->span < EXCERPT_CONTEXT ? d->span : EXCERPT_CONTEXT) +
	       EXCERPT_CONTEXT;
	i = byte_of(d, col);
	to = i + byte_of(&(pm_diag){.excerpt = d->excerpt + i,
	                            .excerpt_len = d->excerpt_len - i},
	                 last - col + 1);
	fprintf(out, "%5d | %s", d->line, i ? "..." : "");
	print_safe(out, d->excerpt + i, to - i);
	fprintf(out, "%s\n      | %s", to < d->excerpt_len ? "..." : "",
	        i ? "   " : "");
	while (i < to && col < d->col + d->span) {
		if ((len = pm_utf8_decode(d->excerpt + i, d->excerpt_len - i,
		                          &c)) == 0)
			len = 1, c = 0xfffd;
		w = c == '\t' ? 1 : cell_width(c);
		if (col == d->col && color)
			fputs(SGR(CARET_COLOR), out);
		while (w-- > 0)
			fputc(col < d->col ? (c == '\t' ? '\t' : ' ')
			                   : (col == d->col ? '^' : '~'),
			      out);
		/* the caret is one mark, the rest of a wide char is '~' */
		col++;
		i += len;
	}
	if (col <= d->col)
		fprintf(out, "%s^", color ? SGR(CARET_COLOR) : "");
	fprintf(out, "%s\n", color ? SGR_END : "");
}

/* Whether findings printed to out are coloured: --color=always or never,
 * else (auto) on a terminal that has colours, unless NO_COLOR is set
 * (no-color.org: the command line wins over it). */
static int
use_color(const cli *c, FILE *out)
{
	const char *no = getenv("NO_COLOR"), *term = getenv("TERM");

	if (c->color != 0)
		return c->color > 0;
	return isatty(fileno(out)) && (no == NULL || *no == '\0') &&
	       (term == NULL || strcmp(term, "dumb") != 0);
}

/* The finding's first line, coloured as gcc colours its own: the place
 * bold, the severity and the rule id in the severity's colour. */
static void
print_text(FILE *out, const pm_diag *d, int color)
{
	static const char *const sev_colors[] = {NOTE_COLOR, WARNING_COLOR,
	                                         ERROR_COLOR};
	const char *on = color ? sev_colors[d->severity] : "";
	const char *bold = color ? SGR("01") : "", *end = color ? SGR_END : "";

	if (d->line > 0)
		fprintf(out, "%s%s:%d:%d:%s ", bold, d->file, d->line, d->col,
		        end);
	else
		fprintf(out, "%s%s:%s ", bold, d->file, end);
	fprintf(out, "%s%s:%s %s [%s%s%s]\n", on,
	        pm_cli_sevnames[d->severity], end, d->message, on, d->rule,
	        end);
}

/* GitHub workflow commands need %, CR, LF (and , : in properties)
 * escaped. */
static void
github_escape(FILE *out, const char *s, int property)
{
	for (; *s; s++) {
		if (*s == '%')
			fputs("%25", out);
		else if (*s == '\r')
			fputs("%0D", out);
		else if (*s == '\n')
			fputs("%0A", out);
		else if (property && *s == ':')
			fputs("%3A", out);
		else if (property && *s == ',')
			fputs("%2C", out);
		else
			fputc(*s, out);
	}
}

FILE *
diag_stream(const cli *c)
{
	if (c->findings != NULL)
		return c->findings;
	return c->diag_format == FMT_TEXT ? stderr : stdout;
}

const char *
cli_escape(pm_buf *b, const char *s)
{
	b->len = 0;
	pm_diag_escape(b, s, strlen(s));
	return pm_buf_cstr(b);
}

/* Prints a finding whose file name and message are escaped already. */
static void
print_diag(cli *c, const pm_diag *d, const char *raw_file)
{
	FILE *out = diag_stream(c);

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
	case FMT_SARIF:
		sarif_result(c, d, raw_file);
		break;
	case FMT_GITHUB:
		fprintf(out, "::%s file=", d->severity == PM_ERROR     ? "error"
		                     : d->severity == PM_WARNING ? "warning"
		                                                 : "notice");
		github_escape(out, d->file, 1);
		fprintf(out, ",line=%d,col=%d,title=", d->line, d->col);
		github_escape(out, d->rule, 1);
		fputs("::", out);
		github_escape(out, d->message, 0);
		fputc('\n', out);
		break;
	default:
		print_text(out, d, use_color(c, out));
		if (c->excerpt > 0 ||
		    (c->excerpt < 0 && isatty(fileno(out))))
			print_excerpt(out, d, use_color(c, out));
		break;
	}
}

/* Every finding of every format passes here: the file name and the
 * message reach no format with a control character in them (a newline
 * in a name would end a workflow command and start a forged one). The
 * SARIF URI is made from the name as it is, percent-encoded. */
void
on_diag(const pm_diag *d, void *arg)
{
	cli *c = arg;
	pm_buf file = {0}, msg = {0};
	pm_diag e = *d;

	if (d->severity == PM_ERROR)
		c->errors++;
	else if (d->severity == PM_WARNING)
		c->warnings++;
	e.file = cli_escape(&file, d->file);
	e.message = cli_escape(&msg, d->message);
	print_diag(c, &e, d->file);
	pm_buf_free(&file);
	pm_buf_free(&msg);
}

void
diag_finish(const cli *c)
{
	FILE *out = diag_stream(c);

	if (c->diag_format == FMT_JSON)
		fprintf(out, "[%s%s]\n", c->json.len ? c->json.data : "",
		        c->json_count ? "\n" : "");
	else if (c->diag_format == FMT_SARIF)
		sarif_print(c, out);
	else if (c->diag_format == FMT_TEXT && !c->quiet)
		summary(c);
}

int
verdict(const cli *c, int rc)
{
	char n[24];

	if (c->max_warnings >= 0 && c->warnings > c->max_warnings) {
		snprintf(n, sizeof(n), "%d", c->max_warnings);
		say("too many warnings: %d, where --max-warnings allows %s",
		    c->warnings, n);
		rc = worse(rc, EXIT_INVALID);
	}
	if (c->strict && c->errors == 0 && c->warnings > 0 &&
	    rc == EXIT_INVALID)
		say("%s", "all warnings being treated as errors (--strict)");
	return rc;
}

void
summary(const cli *c)
{
	fprintf(diag_stream(c), "%d file%s checked: %d error%s, %d warning%s\n",
	        c->files, c->files == 1 ? "" : "s", c->errors,
	        c->errors == 1 ? "" : "s", c->warnings,
	        c->warnings == 1 ? "" : "s");
}
