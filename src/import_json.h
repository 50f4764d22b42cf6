/* import_json.h: the JSON readers' shared pieces (import_json.c). */
#ifndef PM_IMPORT_JSON_H
#define PM_IMPORT_JSON_H

#include <jansson.h>

#include "import.h"

/* The JSON document src holds, or NULL after reporting its syntax error
 * at its line and column. The caller frees it with json_decref(). */
json_t *pm_json_load(pm_src *src);

/* "parent.key", or "parent[index]" when key is NULL, into buf. */
void pm_json_path(char *buf, size_t n, const char *parent, const char *key,
                  long index);

/* obj's string member key, borrowed; NULL when it is missing or null
 * (reported when required) or not a string (always reported, with its
 * path under path). */
const char *pm_json_str(pm_src *src, json_t *obj, const char *key,
                        const char *path, int required);

/* An ISO 8601 time with its offset ("2024-01-08T10:35:12.345Z"): its
 * instant and offset; -1 after reporting it at path. */
int pm_json_time(pm_src *src, const char *s, const char *path, pm_time *t,
                 int *offset);

#endif
