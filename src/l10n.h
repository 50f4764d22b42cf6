/* l10n.h: output labels and the language's way of writing dates and
 * durations, shared by the C back ends (md, pdf) and, through XSLT
 * extension functions, by the HTML templates. The labels are data:
 * templates/labels/<family>.xml (en, nb, ja). */
#ifndef PM_L10N_H
#define PM_L10N_H

#include "pmc.h"
#include "pmtime.h"

typedef struct pm_labels pm_labels;

/* The labels for lang (a BCP 47 tag; NULL: English) by its family
 * (pm_lang_family: en, nb or ja), from dir/labels/<family>.xml (dir NULL:
 * pm_template_dir()), with English beneath for any key the language
 * lacks. Loaded once per process and shared by every thread; the caller
 * never frees them. NULL when even en.xml cannot be read, after
 * reporting it through opts->diag (opts may be NULL). */
const pm_labels *pm_labels_get(const char *dir, const char *lang,
                               const pm_render_opts *opts);

/* Frees every set pm_labels_get has loaded, so that the next call reads
 * the files again (pmc serve, after a template folder changed). No
 * set handed out before may be in use. */
void pm_labels_forget(void);

/* The same for a back end: opts->lang, else the document's lang; from
 * opts->datadir. */
const pm_labels *pm_labels_for(const pm_doc *, const pm_render_opts *opts);

/* The label for key ("time-to-detect", "section.summary", ...), borrowed;
 * key itself when no file has it, so a gap shows rather than crashes. */
const char *pm_label(const pm_labels *, const char *key);

/* The family the labels are for: "en", "nb" or "ja". */
const char *pm_labels_lang(const pm_labels *);

/* Appends a duration as people of the language write it: "2 h 15 min",
 * "2 t 15 min", "2時間15分"; "3 d 4 h" beyond a day; "45 s" under a
 * minute; "at once", "straks", "即時" for none. Rounded to the smaller
 * unit shown. Negative durations are written with a leading minus. */
void pm_fmt_duration(pm_buf *, long long seconds, const char *family);

enum pm_dt_style {
	PM_DT_DATE,     /* "27 April 2022", "27. april 2022", "2022年4月27日" */
	PM_DT_TIME,     /* "07:59" */
	PM_DT_DATETIME, /* date and time */
	PM_DT_SHORT,    /* "27 Apr 07:59", "27. apr. 07:59", "4月27日 07:59" */
	PM_DT_DAY,      /* "27 Apr", "27. apr.", "4月27日": a figure's axis */
	PM_DT_MONTH     /* "April 2022", "april 2022", "2022年4月" */
};

/* Appends the local date/time of an xs:dateTime with offset, as written
 * in its own offset ("2022-04-27T07:59:00+02:00" -> "27 April 2022
 * 07:59"), or of an xs:date for PM_DT_DATE. Returns -1 and appends
 * nothing when s is not such a value. */
int pm_fmt_datetime(pm_buf *, const char *s, const char *family,
                    enum pm_dt_style);

/* The same for an instant, as the clock reads in offset (seconds east of
 * UTC): a figure's axis, whose ticks no source wrote. */
void pm_fmt_instant(pm_buf *, pm_time when, int offset, const char *family,
                    enum pm_dt_style);

#endif
