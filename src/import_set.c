/* import_set.c: pmc import's public entry (pmc.h): an input read with the
 * reader its format needs into a set of incidents, each of which can be
 * written as a draft, so that a program (pmc's command line among them)
 * imports without the readers' internals. */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "diag.h"
#include "import.h"
#include "pmtime.h"

struct pm_import_set {
	pm_import *ims; /* one, or Statuspage's several */
	size_t n;
};

/* A file's bytes, read as text or Statuspage JSON; 0 or -1. */
static int
read_bytes(const pm_import_input *in, pm_import_set *set)
{
	pm_src src;
	int rc;

	pm_src_init(&src, in->name, in->bytes, in->len, in->diag, in->diag_arg);
	if (strcmp(in->from, "statuspage") == 0) {
		rc = pm_import_statuspage(&src, in->id, &set->ims, &set->n);
	} else {
		set->ims = pm_xcalloc(1, sizeof(*set->ims));
		set->n = 1;
		rc = pm_import_text(&src, set->ims);
	}
	pm_src_flush(&src);
	pm_src_free(&src);
	return rc;
}

/* A window's end, s as pm_import_window_check() takes it, into st: a
 * day's last second when end. 0, -1 or -2 as that returns. */
static int
window_end(const char *s, int end, pm_stamp *st, char *msg, size_t n)
{
	size_t used, bad, badlen, len = strlen(s);

	memset(st, 0, sizeof(*st));
	if (pm_date_parse(s, len, &st->year, &st->month, &st->day) ==
	    PM_STAMP_OK) {
		st->has_date = 1;
		if (end)
			st->hour = 23, st->min = 59, st->sec = 59;
		return 0;
	}
	if (pm_stamp_parse(s, len, PM_STAMP_WORDS, st, &used, &bad,
	                   &badlen) != PM_STAMP_OK || !st->has_date)
		return -1;
	return pm_stamp_zone(st, s, "en", msg, n) != 0 ? -2 : 0;
}

int
pm_import_window_check(const char *s, char *msg, size_t n)
{
	pm_stamp st;

	return window_end(s, 0, &st, msg, n);
}

/* Reads a window's end s (the start when !end) into *st; -1 after
 * saying why it cannot be read, at the export: a program calling the
 * library need not have checked it first, as pmc import does. */
static int
read_end(const pm_import_input *in, const char *s, int end, pm_stamp *st)
{
	char msg[200], said[400];
	int rc = window_end(s, end, st, msg, sizeof(msg));

	if (rc == 0)
		return 0;
	if (rc == -1)
		snprintf(msg, sizeof(msg), "%s",
		         "not a day (YYYY-MM-DD) nor a time (YYYY-MM-DD HH:MM, "
		         "with an offset or a zone word, or on the export's "
		         "clock)");
	snprintf(said, sizeof(said), "the window's %s '%s': %s",
	         end ? "end" : "start", s, msg);
	pm_report_file(in->name ? in->name : "", in->diag, in->diag_arg,
	               PM_R_IMPORT_TIME, said);
	return -1;
}

/* A Slack export's folder; 0 or -1. */
static int
read_slack(const pm_import_input *in, pm_import_set *set)
{
	pm_slack_opts so;
	int errors = 0;

	memset(&so, 0, sizeof(so));
	so.pinned = in->pinned;
	so.reaction = in->reaction;
	if ((so.has_since = in->since != NULL) &&
	    read_end(in, in->since, 0, &so.since) != 0)
		return -1;
	if ((so.has_until = in->until != NULL) &&
	    read_end(in, in->until, 1, &so.until) != 0)
		return -1;
	set->ims = pm_xcalloc(1, sizeof(*set->ims));
	set->n = 1;
	return pm_import_slack(in->name, &so, in->diag, in->diag_arg,
	                       set->ims, &errors);
}

int
pm_import_read(const pm_import_input *in, pm_import_set **out)
{
	*out = pm_xcalloc(1, sizeof(**out));
	if (strcmp(in->from, "slack") == 0)
		return read_slack(in, *out);
	return read_bytes(in, *out);
}

size_t
pm_import_set_count(const pm_import_set *set)
{
	return set->n;
}

const char *
pm_import_set_id(const pm_import_set *set, size_t k)
{
	return k < set->n ? set->ims[k].id : NULL;
}

int
pm_import_set_draft(const pm_import_set *set, size_t k,
                    const pm_import_opts *io, const pm_options *opts,
                    pm_buf *out)
{
	if (k >= set->n)
		return -1;
	return pm_import_draft(&set->ims[k], io, opts, out);
}

void
pm_import_set_free(pm_import_set *set)
{
	size_t k;

	if (set == NULL)
		return;
	for (k = 0; k < set->n; k++)
		pm_import_free(&set->ims[k]);
	free(set->ims);
	free(set);
}
