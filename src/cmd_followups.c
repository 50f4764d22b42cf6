/* cmd_followups.c: the commands across incidents. pmc followups, every
 * follow-up of every postmortem found, so that none gets lost after the
 * meeting: a terminal listing grouped by owner, CSV for a tracker's
 * import, JSON, or a Markdown table for a wiki; and a CI gate on overdue
 * items. pmc digest, one report for a period. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "build_pool.h"
#include "cli.h"
#include "cli_opts.h"
#include "utf8.h"

/* One listed item and the incident it belongs to. */
struct row {
	const pm_incident *in;
	const pm_follow_up *f;
};

static const char *
state_of(const pm_follow_up *f)
{
	return f->done ? "done" : f->overdue ? "overdue" : "open";
}

static int
keep(const cli *w, const pm_incident *in, const pm_follow_up *f)
{
	if ((w->open_only && f->done) || (w->overdue_only && !f->overdue))
		return 0;
	if (w->owner && (f->owner == NULL || strcasecmp(f->owner, w->owner)))
		return 0;
	if (w->severity &&
	    (in->severity == NULL || strcasecmp(in->severity, w->severity)))
		return 0;
	/* an incident with no start date is outside any period */
	if ((w->since || w->until) && in->started == NULL)
		return 0;
	if (w->since && strcmp(in->started, w->since) < 0)
		return 0;
	return !(w->until && strcmp(in->started, w->until) > 0);
}

/* Owner (no owner last), then overdue first, longest overdue first, then
 * open by due date (none last), then done; then incident and line. */
static int
by_owner(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	const pm_follow_up *f = x->f, *g = y->f;
	int c;

	if ((f->owner == NULL) != (g->owner == NULL))
		return f->owner == NULL ? 1 : -1;
	if (f->owner && (c = strcasecmp(f->owner, g->owner)) != 0)
		return c;
	if (f->done != g->done)
		return f->done ? 1 : -1;
	if (f->overdue != g->overdue)
		return f->overdue ? -1 : 1;
	if (f->days_overdue != g->days_overdue)
		return f->days_overdue > g->days_overdue ? -1 : 1;
	if ((f->due == NULL) != (g->due == NULL))
		return f->due == NULL ? 1 : -1;
	if (f->due && (c = strcmp(f->due, g->due)) != 0)
		return c;
	if ((c = strcmp(x->in->file, y->in->file)) != 0)
		return c;
	return f->line - g->line;
}

static const char *
or_dash(const char *s)
{
	return s != NULL ? s : "-";
}

/* The terminal listing: a heading per owner with its counts, then the
 * items aligned; user text escaped as findings are. */
static void
put_text(pm_buf *o, const struct row *r, size_t n)
{
	pm_buf e = {0};
	size_t i, j, idw = 2, w;
	long open, over, done;

	for (i = 0; i < n; i++)
		if ((w = pm_utf8_count(or_dash(r[i].in->id),
		                       strlen(or_dash(r[i].in->id)))) > idw)
			idw = w;
	for (i = 0; i < n; i = j) {
		open = over = done = 0;
		for (j = i; j < n && (r[j].f->owner == NULL) ==
		                         (r[i].f->owner == NULL) &&
		            (r[i].f->owner == NULL ||
		             strcasecmp(r[j].f->owner, r[i].f->owner) == 0);
		     j++) {
			done += r[j].f->done;
			open += !r[j].f->done;
			over += r[j].f->overdue;
		}
		pm_buf_printf(o, "%s%s: %ld open (%ld overdue), %ld done\n",
		              i > 0 ? "\n" : "",
		              r[i].f->owner ? cli_escape(&e, r[i].f->owner)
		                            : "(no owner)",
		              open, over, done);
		for (; i < j; i++) {
			const pm_follow_up *f = r[i].f;
			const char *id = or_dash(r[i].in->id);

			if (f->overdue)
				pm_buf_printf(o, "  overdue %4ld d", f->days_overdue);
			else
				pm_buf_printf(o, "  %-14s", state_of(f));
			pm_buf_printf(o, "  %-10s  %s", or_dash(f->due),
			              cli_escape(&e, id));
			for (w = pm_utf8_count(id, strlen(id)); w < idw; w++)
				pm_buf_putc(o, ' ');
			pm_buf_printf(o, "  %s", cli_escape(&e, or_dash(f->text)));
			if (f->due_by_policy)
				pm_buf_puts(o, " [due by the policy]");
			pm_buf_printf(o, "  (%s:%d)\n", cli_escape(&e, r[i].in->file),
			              f->line);
		}
	}
	pm_buf_free(&e);
}

/* One CSV field (RFC 4180): quoted when it holds a comma, a quote or a
 * line break. A field a spreadsheet would run as a formula (=, +, -, @
 * first) gets a leading apostrophe, as OWASP advises: these are the
 * writers' words, and a CSV is opened in spreadsheets too. */
static void
csv_field(pm_buf *o, const char *s, int last)
{
	const char *p;

	int formula;

	s = s ? s : "";
	formula = *s != '\0' && strchr("=+-@\t\r", *s) != NULL;
	if (formula || strpbrk(s, ",\"\r\n") != NULL) {
		pm_buf_puts(o, formula ? "\"'" : "\"");
		for (p = s; *p; p++) {
			pm_buf_putc(o, *p);
			if (*p == '"')
				pm_buf_putc(o, '"');
		}
		pm_buf_putc(o, '"');
	} else {
		pm_buf_puts(o, s);
	}
	pm_buf_puts(o, last ? "\r\n" : ",");
}

static const char *const columns[] = {
    "incident", "title",    "severity", "started", "item",
    "owner",    "due",      "due_from", "type",    "priority",
    "ticket",   "state",    "days_overdue", "file", "line"};
enum { C_DUE = 6, C_DUE_FROM, C_STATE = 11, C_DAYS, C_FILE, C_LINE };
#define NCOLUMNS (sizeof(columns) / sizeof(columns[0]))

/* The row's values, in the order of columns[]; num holds the numbers. */
static void
values(const struct row *r, const char *v[NCOLUMNS], char num[2][24])
{
	const pm_follow_up *f = r->f;

	snprintf(num[0], sizeof(num[0]), "%ld", f->days_overdue);
	snprintf(num[1], sizeof(num[1]), "%d", f->line);
	v[0] = r->in->id, v[1] = r->in->title, v[2] = r->in->severity;
	v[3] = r->in->started, v[4] = f->text, v[5] = f->owner;
	v[C_DUE] = f->due;
	v[C_DUE_FROM] = f->due == NULL ? NULL
	                : f->due_by_policy ? "policy" : "item";
	v[8] = f->type, v[9] = f->priority, v[10] = f->ticket;
	v[C_STATE] = state_of(f), v[C_DAYS] = f->overdue ? num[0] : NULL;
	v[C_FILE] = r->in->file, v[C_LINE] = num[1];
}

static void
put_csv(pm_buf *o, const struct row *r, size_t n)
{
	const char *v[NCOLUMNS];
	char num[2][24];
	size_t i, k;

	for (k = 0; k < NCOLUMNS; k++)
		csv_field(o, columns[k], k + 1 == NCOLUMNS);
	for (i = 0; i < n; i++) {
		values(&r[i], v, num);
		for (k = 0; k < NCOLUMNS; k++)
			csv_field(o, v[k], k + 1 == NCOLUMNS);
	}
}

static void
put_json(pm_buf *o, const struct row *r, size_t n)
{
	const char *v[NCOLUMNS];
	char num[2][24];
	size_t i, k;

	pm_buf_puts(o, "[");
	for (i = 0; i < n; i++) {
		values(&r[i], v, num);
		pm_buf_puts(o, i ? ",\n  {" : "\n  {");
		for (k = 0; k < NCOLUMNS; k++) {
			pm_buf_printf(o, "%s\"%s\": ", k ? ", " : "", columns[k]);
			if (v[k] == NULL)
				pm_buf_puts(o, "null");
			else if (k == C_DAYS || k == C_LINE)
				pm_buf_puts(o, v[k]);
			else
				pm_buf_json_string(o, v[k], strlen(v[k]));
		}
		pm_buf_puts(o, "}");
	}
	pm_buf_puts(o, n ? "\n]\n" : "]\n");
}

/* A table cell for GitHub: the characters that could make emphasis,
 * code, a link, a tag, an entity, math or a column escaped with a
 * backslash; line breaks as spaces. */
static void
md_cell(pm_buf *o, const char *s)
{
	pm_buf_puts(o, " ");
	for (; s != NULL && *s; s++) {
		if (*s == '\n' || *s == '\r')
			pm_buf_putc(o, ' ');
		else if (strchr("\\`*_[]<>|#!&~$", *s))
			pm_buf_printf(o, "\\%c", *s);
		else
			pm_buf_putc(o, *s);
	}
	pm_buf_puts(o, " |");
}

static void
put_md(pm_buf *o, const struct row *r, size_t n)
{
	static const size_t shown[] = {0, 4, 5, C_DUE, C_STATE, 10};
	const char *v[NCOLUMNS];
	char num[2][24], state[48], due[32];
	size_t i, k;

	pm_buf_puts(o, "| Incident | Follow-up | Owner | Due | State | Ticket |\n"
	               "|---|---|---|---|---|---|\n");
	for (i = 0; i < n; i++) {
		values(&r[i], v, num);
		if (r[i].f->overdue) {
			snprintf(state, sizeof(state), "overdue %ld d",
			         r[i].f->days_overdue);
			v[C_STATE] = state;
		}
		if (r[i].f->due_by_policy) {
			snprintf(due, sizeof(due), "%s (policy)", r[i].f->due);
			v[C_DUE] = due;
		}
		pm_buf_puts(o, "|");
		for (k = 0; k < sizeof(shown) / sizeof(shown[0]); k++)
			md_cell(o, v[shown[k]]);
		pm_buf_puts(o, "\n");
	}
}

/* For code scanning and workflow annotations: each overdue item as the
 * 'overdue' finding pmc check gives it, at its line, an error under
 * --fail-on overdue; the others are not findings. */
static void
put_findings(cli *c, const struct row *r, size_t n, int fail_on)
{
	pm_buf msg = {0};
	pm_diag d;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!r[i].f->overdue)
			continue;
		msg.len = 0;
		pm_buf_printf(&msg, "follow-up was due %s%s and is still open: %s",
		              r[i].f->due ? r[i].f->due : "?",
		              r[i].f->due_by_policy ? " (the policy's deadline)" : "",
		              r[i].f->text ? r[i].f->text : "");
		memset(&d, 0, sizeof(d));
		d.file = r[i].in->file;
		d.line = r[i].f->line;
		d.col = r[i].f->col;
		d.span = 1;
		d.severity = fail_on ? PM_ERROR : PM_WARNING;
		d.rule = "overdue";
		d.message = pm_buf_cstr(&msg);
		/* what SARIF's fingerprint hashes: the item, wherever its
		 * line moves */
		d.excerpt = r[i].f->text;
		d.excerpt_len = r[i].f->text ? strlen(r[i].f->text) : 0;
		on_diag(&d, c);
	}
	pm_buf_free(&msg);
	diag_finish(c);
}



/* A day of the calendar, YYYY-MM-DD, as --since and --until take
 * (--today is check_dates's, with SOURCE_DATE_EPOCH). */
static int
bad_date(const char *opt, const char *s)
{
	if (s == NULL || pm_day_read(s, NULL) == 0)
		return 0;
	say("%s wants a day of the calendar, YYYY-MM-DD, not '%s'", opt, s);
	return 1;
}

static int
emit(const cli *c, const pm_buf *out)
{
	if (c->output != NULL && strcmp(c->output, "-") != 0) {
		if (write_atomic(c->output, out) < 0)
			return fail("%s: cannot write it", c->output);
		return 0;
	}
	if (out->len > 0 && fwrite(out->data, 1, out->len, stdout) != out->len)
		return fail("standard output: %s", strerror(errno));
	return 0;
}

/* What one worker read of one source. */
struct loaded {
	findings f;
	pm_incident *in;
	int rc;  /* 0, EXIT_INVALID or EXIT_USAGE */
	int err; /* errno when it could not be read */
};

struct loading {
	cli *c;
	list files;
	struct loaded *r;
	pm_incident **ins;
	size_t nin;
	const pm_digest_opts *keep; /* the documents of the incidents that
	                               started in its period, as their doc */
	int rc;
};

/* Findings other than errors are pmc check's business; an error says a
 * follow-up may be missing or misread, and is printed. */
static void
collect_errors(const pm_diag *d, void *arg)
{
	if (d->severity == PM_ERROR)
		findings_collect(d, arg);
}

/* Whether in started in the period of d (NULL: none); dates are
 * YYYY-MM-DD, which compare as strings. */
static int
in_period(const pm_incident *in, const pm_digest_opts *d)
{
	return d != NULL && in->started != NULL &&
	       strcmp(in->started, d->since) >= 0 &&
	       strcmp(in->started, d->until) <= 0;
}

static void
load_one(void *arg, size_t i)
{
	struct loading *l = arg;
	struct loaded *r = &l->r[i];
	pm_options opts = l->c->opts;
	pm_doc *doc;

	opts.diag = collect_errors;
	opts.diag_arg = &r->f;
	if ((doc = pm_doc_load(l->files.items[i], &opts)) == NULL) {
		r->err = errno;
		r->rc = EXIT_USAGE;
		return;
	}
	r->rc = pm_doc_errors(doc) > 0 ? EXIT_INVALID : 0;
	r->in = pm_doc_incident(doc);
	if (r->in != NULL && in_period(r->in, l->keep))
		r->in->doc = doc;
	else
		pm_doc_free(doc);
}

/* In source order, whatever the threads did. */
static void
loaded_one(void *arg, size_t i)
{
	struct loading *l = arg;
	struct loaded *r = &l->r[i];

	findings_replay(&r->f, l->c);
	if (r->err)
		say("%s: %s", l->files.items[i], strerror(r->err));
	if (r->in != NULL)
		l->ins[l->nin++] = r->in;
	l->rc = worse(l->rc, r->rc);
}

/* The incidents of c's sources (the current folder when none), in
 * name order, read on -j threads; their error findings printed; with
 * keep, those in its period with their document (incidents_free frees
 * both). Returns
 * 0, EXIT_INVALID when a source has errors (its incident is still read
 * when it could be), or EXIT_USAGE; *ins is NULL when the sources
 * could not even be listed. */
static int
load(cli *c, pm_incident ***ins, size_t *nin, const pm_digest_opts *keep)
{
	static const char *here[] = {"."};
	struct loading l = {c, {0}, NULL, NULL, 0, keep, 0};
	cli dot = *c;

	dot.sources = here;
	dot.nsources = 1;
	*nin = 0;
	*ins = NULL;
	if ((l.rc = collect_sources(c->nsources ? c : &dot, &l.files)) != 0)
		goto done;
	l.r = calloc(l.files.n + 1, sizeof(*l.r));
	l.ins = calloc(l.files.n + 1, sizeof(*l.ins));
	if (l.r == NULL || l.ins == NULL)
		abort();
	if (pool_run(l.files.n, pool_jobs(c, l.files.n), load_one, loaded_one,
	             &l) < 0)
		l.rc = fail("%s", "cannot start the worker threads");
	*ins = l.ins;
	*nin = l.nin;
	free(l.r);
done:
	list_free(&l.files);
	return l.rc;
}

static void
incidents_free(pm_incident **ins, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		pm_doc_free(ins[i]->doc);
		pm_incident_free(ins[i]);
	}
	free(ins);
}

int
run_followups(cli *c)
{
	pm_incident **ins = NULL;
	struct row *rows = NULL;
	size_t nin = 0, nrows = 0, i, k;
	pm_buf out = {0};
	int rc, overdue = 0;

	if (bad_date("--since", c->since) || bad_date("--until", c->until))
		return EXIT_USAGE;
	/* findings (a source's errors, the overdue items) on standard
	 * output, as pmc check --format writes them, in one log */
	if (c->list_format == LIST_GITHUB || c->list_format == LIST_SARIF)
		c->diag_format =
		    c->list_format == LIST_GITHUB ? FMT_GITHUB : FMT_SARIF;
	if ((rc = load(c, &ins, &nin, NULL)), ins == NULL)
		goto done;
	for (i = 0; i < nin; i++)
		nrows += ins[i]->n;
	rows = calloc(nrows + 1, sizeof(*rows));
	if (rows == NULL)
		abort();
	for (i = 0, nrows = 0; i < nin; i++)
		for (k = 0; k < ins[i]->n; k++)
			if (keep(c, ins[i], &ins[i]->items[k])) {
				rows[nrows].in = ins[i];
				rows[nrows++].f = &ins[i]->items[k];
				overdue += ins[i]->items[k].overdue;
			}
	switch (c->list_format) {
	case LIST_TEXT:
		qsort(rows, nrows, sizeof(*rows), by_owner);
		put_text(&out, rows, nrows);
		break;
	case LIST_CSV: put_csv(&out, rows, nrows); break;
	case LIST_JSON: put_json(&out, rows, nrows); break;
	case LIST_MD: put_md(&out, rows, nrows); break;
	case LIST_GITHUB:
	case LIST_SARIF:
		put_findings(c, rows, nrows, c->fail_on_overdue);
		break;
	}
	rc = worse(rc, emit(c, &out));
	if (c->fail_on_overdue && overdue > 0) {
		say("followups: %d follow-up%s overdue", overdue,
		    overdue == 1 ? " is" : "s are");
		rc = worse(rc, EXIT_INVALID);
	}
done:
	incidents_free(ins, nin);
	free(rows);
	pm_buf_free(&out);
	return rc;
}

/* The digest's writer, from -t or -o's extension (md when neither);
 * NULL after saying why for anything else. */
static int (*digest_format(const cli *c, const char *fmt))(
    pm_incident *const *, size_t, const pm_digest_opts *, pm_buf *)
{
	const char *dot = c->output ? strrchr(c->output, '.') : NULL;

	if (fmt == NULL && c->output != NULL && strcmp(c->output, "-") != 0) {
		if (dot == NULL || strchr(dot, '/') != NULL) {
			say("digest: -o %s has no extension to tell the format "
			    "by: use -t md|html|pdf or end it in .md, .html or "
			    ".pdf",
			    c->output);
			return NULL;
		}
		fmt = dot + 1;
	}
	if (fmt == NULL || strcasecmp(fmt, "md") == 0 ||
	    strcasecmp(fmt, "markdown") == 0)
		return pm_digest_md;
	if (strcasecmp(fmt, "html") == 0 || strcasecmp(fmt, "htm") == 0)
		return pm_digest_html;
	if (strcasecmp(fmt, "pdf") == 0) {
		/* as pandoc: a binary format is not written to a terminal */
		if ((c->output == NULL || strcmp(c->output, "-") == 0) &&
		    isatty(STDOUT_FILENO)) {
			say("%s", "digest: a PDF is not written to a terminal: "
			          "use -o FILE.pdf or a pipe");
			return NULL;
		}
		return pm_digest_pdf;
	}
	say("digest: the digest is made as md, html or pdf, not '%s'", fmt);
	return NULL;
}

int
run_digest(cli *c)
{
	pm_digest_opts d = {0};
	pm_incident **ins = NULL;
	size_t nin = 0;
	pm_buf out = {0};
	int (*write)(pm_incident *const *, size_t, const pm_digest_opts *,
	             pm_buf *);
	int rc;

	d.since = c->since;
	d.until = c->until;
	d.lang = c->ropts.lang;
	d.diag = c->opts.diag;
	d.diag_arg = c->opts.diag_arg;
	if (d.since == NULL || d.until == NULL)
		return fail("%s", "digest: give the period: --since DATE --until "
		                  "DATE");
	if (bad_date("--since", d.since) || bad_date("--until", d.until))
		return EXIT_USAGE;
	if (strcmp(d.since, d.until) > 0)
		return fail("digest: --until %s is before --since", d.until);
	if ((write = digest_format(c, c->format)) == NULL)
		return EXIT_USAGE;
	/* the PDF and HTML show each incident as its report's first page
	 * does, which is made from the document */
	if ((rc = load(c, &ins, &nin, write != pm_digest_md ? &d : NULL)),
	    ins == NULL)
		goto done;
	/* the library has said why, at the file at fault */
	if (write(ins, nin, &d, &out) < 0)
		rc = worse(rc, EXIT_INVALID);
	else
		rc = worse(rc, emit(c, &out));
done:
	incidents_free(ins, nin);
	pm_buf_free(&out);
	return rc;
}
