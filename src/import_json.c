/* import_json.c: what the JSON readers of pmc import share: jansson's
 * decoder with its syntax errors reported at the input's line and column,
 * and the values they read, each refused with its JSON path. */
#include <stdio.h>
#include <string.h>

#include "import_json.h"

json_t *
pm_json_load(pm_src *src)
{
	json_error_t err;
	json_t *root;
	size_t at;
	pm_loc loc;

	root = json_loadb(src->text, src->len, JSON_REJECT_DUPLICATES, &err);
	if (root != NULL)
		return root;
	/* jansson's position is the byte after the token it stopped at */
	at = err.position > 0 ? (size_t)err.position - 1 : 0;
	if (at >= src->len)
		at = src->len ? src->len - 1 : 0;
	if (err.line > 0 && src->len > 0)
		loc = pm_src_loc(src, src->text + at, 1);
	else
		loc = (pm_loc){0, 0, 1};
	pm_report(src, PM_R_IMPORT_JSON, loc, err.text);
	return NULL;
}

void
pm_json_path(char *buf, size_t n, const char *parent, const char *key,
             long index)
{
	if (key != NULL)
		snprintf(buf, n, "%s%s%s", parent, *parent ? "." : "", key);
	else
		snprintf(buf, n, "%s[%ld]", parent, index);
}

const char *
pm_json_str(pm_src *src, json_t *obj, const char *key, const char *path,
            int required)
{
	json_t *v = json_object_get(obj, key);
	char at[256];

	if (v != NULL && json_is_string(v))
		return json_string_value(v);
	if (v == NULL || json_is_null(v)) {
		if (!required)
			return NULL;
		pm_json_path(at, sizeof(at), path, key, 0);
		pm_report(src, PM_R_IMPORT_SHAPE, (pm_loc){0, 0, 1}, at,
		          "missing");
		return NULL;
	}
	pm_json_path(at, sizeof(at), path, key, 0);
	pm_report(src, PM_R_IMPORT_SHAPE, (pm_loc){0, 0, 1}, at,
	          "not a string");
	return NULL;
}

int
pm_json_time(pm_src *src, const char *s, const char *path, pm_time *t,
             int *offset)
{
	pm_stamp st;
	size_t used, bad, badlen;
	char msg[300];

	if (pm_stamp_parse(s, strlen(s), PM_STAMP_WORDS, &st, &used, &bad,
	                   &badlen) != PM_STAMP_OK ||
	    pm_stamp_zone(&st, s, NULL, msg, sizeof(msg)) < 0 ||
	    !st.has_offset) {
		snprintf(msg, sizeof(msg), "'%.40s' is no time with its offset "
		         "(2024-01-08T10:35:00+01:00)", s);
		pm_report(src, PM_R_IMPORT_SHAPE, (pm_loc){0, 0, 1}, path, msg);
		return -1;
	}
	*t = pm_days_from_civil(st.year, st.month, st.day) * 86400 +
	     st.hour * 3600 + st.min * 60 + st.sec - st.offset;
	*offset = st.offset;
	return 0;
}
