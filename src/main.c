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

#include "pmc.h"
#include "utf8.h"

enum { EXIT_INVALID = 1, EXIT_USAGE = 2 };
enum diag_format { FMT_TEXT, FMT_JSON, FMT_GITHUB };

typedef struct cli {
	const char *command; /* "compile" or "check" */
	const char *output;
	const char *format;  /* -t */
	enum diag_format diag_format;
	int excerpt;
	int strict;
	int quiet;
	pm_options opts;
	pm_render_opts ropts;
	const char **sources;
	size_t nsources;
	/* findings */
	int errors, warnings, files;
	pm_buf json;       /* --format json: the array so far */
	int json_count;
} cli;

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

static int
fail(const char *fmt, const char *arg)
{
	fprintf(stderr, "pmc: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\n");
	return EXIT_USAGE;
}

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

static const char *const sevnames[] = {"note", "warning", "error"};

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

static void
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
		              sevnames[d->severity]);
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
			        d->line, d->col, sevnames[d->severity],
			        d->message, d->rule);
		else
			fprintf(stderr, "%s: %s: %s [%s]\n", d->file,
			        sevnames[d->severity], d->message, d->rule);
		if (c->excerpt)
			print_excerpt(d);
		break;
	}
}

/* A folder's postmortems: *.md files starting with front matter. */
static int
has_front_matter(const char *path)
{
	char head[8] = {0};
	FILE *f = fopen(path, "rb");
	size_t n, off = 0;

	if (f == NULL)
		return 1; /* let the reader report why it cannot be read */
	n = fread(head, 1, sizeof(head) - 1, f);
	fclose(f);
	if (n >= 3 && memcmp(head, "\xef\xbb\xbf", 3) == 0)
		off = 3;
	return n >= off + 3 && memcmp(head + off, "---", 3) == 0;
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

typedef struct list {
	char **items;
	size_t n, cap;
} list;

static void
list_add(list *l, char *s)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->items = realloc(l->items, l->cap * sizeof(*l->items));
		if (l->items == NULL)
			abort();
	}
	l->items[l->n++] = s;
}

static char *
join_path(const char *dir, const char *name)
{
	size_t a = strlen(dir), b = strlen(name);
	char *p = malloc(a + b + 2);

	if (p == NULL)
		abort();
	memcpy(p, dir, a);
	if (a > 0 && dir[a - 1] != '/')
		p[a++] = '/';
	memcpy(p + a, name, b + 1);
	return p;
}

/* Collects the sources under dir, depth first; hidden folders (.git)
 * and symbolic links to folders are not followed. */
static int
walk(const char *dir, list *out)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct stat st;
	char *path;
	size_t n;
	int rc = 0;

	if (d == NULL)
		return fail("%s", dir), -1;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		path = join_path(dir, e->d_name);
		n = strlen(e->d_name);
		if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			rc |= walk(path, out);
			free(path);
		} else if (n > 3 && strcmp(e->d_name + n - 3, ".md") == 0 &&
		           has_front_matter(path)) {
			list_add(out, path);
		} else {
			free(path);
		}
	}
	closedir(d);
	return rc;
}

static void
summary(const cli *c)
{
	fprintf(stderr, "%d file%s checked: %d error%s, %d warning%s\n",
	        c->files, c->files == 1 ? "" : "s", c->errors,
	        c->errors == 1 ? "" : "s", c->warnings,
	        c->warnings == 1 ? "" : "s");
}

/* Checks one file; returns 0, 1 (invalid) or 2 (unreadable). */
static int
check_one(cli *c, const char *path)
{
	pm_doc *doc = pm_doc_load(path, &c->opts);
	int rc;

	if (doc == NULL) {
		fprintf(stderr, "pmc: %s: %s\n", path, strerror(errno));
		return EXIT_USAGE;
	}
	c->files++;
	rc = pm_doc_errors(doc) > 0 ||
	             (c->strict && pm_doc_warnings(doc) > 0)
	         ? EXIT_INVALID
	         : 0;
	pm_doc_free(doc);
	return rc;
}

static int
worse(int a, int b)
{
	return a > b ? a : b;
}

static int
run_check(cli *c)
{
	list files = {0};
	struct stat st;
	size_t i, first;
	int rc = 0;

	for (i = 0; i < c->nsources; i++) {
		first = files.n;
		if (strcmp(c->sources[i], "-") != 0 &&
		    stat(c->sources[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			if (walk(c->sources[i], &files) < 0)
				rc = EXIT_USAGE;
			qsort(files.items + first, files.n - first,
			      sizeof(char *), by_name);
		} else {
			list_add(&files, strdup(c->sources[i]));
		}
	}
	for (i = 0; i < files.n; i++) {
		rc = worse(rc, check_one(c, files.items[i]));
		free(files.items[i]);
	}
	free(files.items);
	if (c->diag_format == FMT_JSON)
		printf("[%s%s]\n", c->json.len ? c->json.data : "",
		       c->json_count ? "\n" : "");
	else if (c->diag_format == FMT_TEXT)
		summary(c);
	return rc;
}

static const char *
format_of(const char *output)
{
	const char *dot = output ? strrchr(output, '.') : NULL;

	return dot ? dot + 1 : NULL;
}

static int
same_file(const char *a, const char *b)
{
	struct stat sa, sb;

	return strcmp(a, b) == 0 ||
	       (stat(a, &sa) == 0 && stat(b, &sb) == 0 &&
	        sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino);
}

/* Writes out to path through a temporary file in the same folder and a
 * rename, so a reader never sees half a file and a failure leaves any
 * earlier output as it was. */
static int
write_atomic(const char *path, const pm_buf *out)
{
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path) + 1 : 0;
	char *tmp = malloc(dirlen + 16);
	FILE *f = NULL;
	int fd, rc = -1;

	if (tmp == NULL)
		abort();
	memcpy(tmp, path, dirlen);
	strcpy(tmp + dirlen, ".pmc-XXXXXX");
	if ((fd = mkstemp(tmp)) < 0)
		goto out;
	if ((f = fdopen(fd, "wb")) == NULL) {
		close(fd);
		goto fail;
	}
	if (fwrite(out->data, 1, out->len, f) != out->len || fflush(f) != 0 ||
	    fsync(fileno(f)) != 0)
		goto fail;
	if (fclose(f) != 0) {
		f = NULL;
		goto fail;
	}
	f = NULL;
	if (chmod(tmp, 0644) != 0 || rename(tmp, path) != 0)
		goto fail;
	rc = 0;
	goto out;
fail:
	if (f != NULL)
		fclose(f);
	unlink(tmp);
out:
	free(tmp);
	return rc;
}

static int
run_compile(cli *c)
{
	const char *fmt = c->format ? c->format : format_of(c->output);
	pm_render_fn render;
	pm_buf out = {0};
	pm_doc *doc;
	int rc = 0;

	if (c->nsources != 1)
		return fail("%s", "give exactly one SOURCE to compile (or use "
		                  "'pmc check' / 'pmc build')");
	if (fmt == NULL)
		return fail("%s", "no output format: use -t FORMAT or -o "
		                  "FILE.EXT");
	if ((render = pm_render_lookup(fmt)) == NULL)
		return fail("unknown or not yet available output format '%s'",
		            fmt);
	if (c->output && strcmp(c->output, "-") != 0 &&
	    same_file(c->output, c->sources[0]))
		return fail("refusing to overwrite the source %s", c->output);
	if ((doc = pm_doc_load(c->sources[0], &c->opts)) == NULL) {
		fprintf(stderr, "pmc: %s: %s\n", c->sources[0],
		        strerror(errno));
		return EXIT_USAGE;
	}
	if (pm_doc_errors(doc) > 0 || (c->strict && pm_doc_warnings(doc))) {
		rc = EXIT_INVALID;
	} else if (render(doc, &c->ropts, &out) < 0) {
		rc = EXIT_INVALID;
	} else if (c->output == NULL || strcmp(c->output, "-") == 0) {
		if (fwrite(out.data, 1, out.len, stdout) != out.len ||
		    fflush(stdout) != 0)
			rc = fail("standard output: %s", strerror(errno));
	} else if (write_atomic(c->output, &out) < 0) {
		fprintf(stderr, "pmc: %s: %s\n", c->output, strerror(errno));
		rc = EXIT_USAGE;
	}
	pm_buf_free(&out);
	pm_doc_free(doc);
	return rc;
}

static int
list_rules(void)
{
	size_t n, i;
	const pm_rule_info *r = pm_rules(&n);

	for (i = 0; i < n; i++)
		printf("%-26s %-8s %s\n", r[i].id, sevnames[r[i].severity],
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
	static const char *const valued[] = {"-o",       "-t",     "--policy",
	                                     "--today",  "--lang", "--audience",
	                                     "--format", NULL};
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
	cli c;
	int start = 1, rc;

	memset(&c, 0, sizeof(c));
	c.opts.diag = on_diag;
	c.opts.diag_arg = &c;
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
	if (strcmp(argv[1], "check") == 0) {
		c.command = "check";
		start = 2;
	} else if (strcmp(argv[1], "build") == 0 ||
	           strcmp(argv[1], "fmt") == 0 || strcmp(argv[1], "new") == 0) {
		return fail("'%s' is not available in this version yet",
		            argv[1]);
	}
	c.sources = calloc((size_t)argc, sizeof(*c.sources));
	if (c.sources == NULL)
		abort();
	rc = parse_args(&c, argc, argv, start);
	if (rc == 0)
		rc = strcmp(c.command, "check") == 0 ? run_check(&c)
		                                     : run_compile(&c);
	pm_buf_free(&c.json);
	free(c.sources);
	return rc;
}
