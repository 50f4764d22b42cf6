/* import_statuspage.c: Atlassian Statuspage incidents as its public API
 * gives them (incidents.json: {"page", "incidents": [...]}; one incident,
 * bare or as {"incident": ...}): each incident's updates become posts. */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "import_json.h"

/* "in_progress" as a status page shows it: "In progress". */
static char *
status_word(const char *s)
{
	char *w = pm_xstrdup(s), *p;

	for (p = w; *p; p++)
		if (*p == '_')
			*p = ' ';
	if (*w >= 'a' && *w <= 'z')
		*w = (char)(*w - 'a' + 'A');
	return w;
}

static void
keep_words(pm_import *im, const char *s)
{
	pm_words_put(&im->words, s, strlen(s));
	pm_buf_putc(&im->words, '\n');
}

/* A "postmortem" update, or the incident's postmortem_body: the note. */
static void
add_note(pm_import *im, const char *body)
{
	pm_buf md = {0};

	if (im->note != NULL)
		pm_buf_printf(&md, "%s\n\n", im->note);
	pm_md_plain(&md, body, strlen(body));
	keep_words(im, body);
	free(im->note);
	im->note = pm_xstrdup(pm_buf_cstr(&md));
	pm_buf_free(&md);
}

static void
components(pm_import *im, json_t *list)
{
	size_t k;
	json_t *c, *name;

	json_array_foreach(list, k, c) {
		name = json_object_get(c, "name");
		if (json_is_string(name))
			pm_import_service(im, json_string_value(name),
			                  strlen(json_string_value(name)));
	}
}

/* One incident_updates[] entry. */
static void
update(pm_src *src, pm_import *im, json_t *u, const char *path)
{
	const char *status = pm_json_str(src, u, "status", path, 1);
	const char *body = pm_json_str(src, u, "body", path, 0);
	const char *when = pm_json_str(src, u, "display_at", path, 0);
	char at[300];
	pm_buf md = {0};
	pm_post *p;

	if (when == NULL)
		when = pm_json_str(src, u, "created_at", path, 1);
	components(im, json_object_get(u, "affected_components"));
	if (status == NULL || when == NULL)
		return;
	if (strcmp(status, "postmortem") == 0) {
		add_note(im, body ? body : "");
		return;
	}
	p = pm_import_post(im);
	p->word = status_word(status);
	p->status = pm_post_status_word(p->word, strlen(p->word));
	p->has_offset = 1;
	pm_json_path(at, sizeof(at), path, json_object_get(u, "display_at")
	                                       ? "display_at" : "created_at", 0);
	pm_json_time(src, when, at, &p->t, &p->offset);
	pm_md_plain(&md, body ? body : "", body ? strlen(body) : 0);
	p->body = md.data ? md.data : pm_xstrdup("");
	keep_words(im, p->word);
	keep_words(im, body ? body : "");
	if (p->status == PM_POST_UNKNOWN)
		pm_report(src, PM_R_IMPORT_STATUS, (pm_loc){0, 0, 1}, p->word);
}

static void
incident(pm_src *src, json_t *inc, json_t *page, const char *path,
         pm_import *im)
{
	json_t *ups = json_object_get(inc, "incident_updates"), *u;
	const char *s;
	char at[256];
	size_t k;
	int off;

	if ((s = pm_json_str(src, inc, "name", path, 1)) != NULL)
		im->title = pm_xstrdup(s);
	if ((s = pm_json_str(src, inc, "id", path, 0)) != NULL)
		im->id = pm_xstrdup(s);
	if ((s = pm_json_str(src, inc, "impact", path, 0)) != NULL)
		im->impact = pm_xstrdup(s);
	if ((s = pm_json_str(src, inc, "shortlink", path, 0)) != NULL) {
		im->link = pm_xstrdup(s);
		keep_words(im, s);
	}
	if (page && (s = pm_json_str(src, page, "name", "page", 0)) != NULL)
		im->owner = pm_xstrdup(s);
	if ((s = pm_json_str(src, page, "time_zone", "page", 0)) != NULL)
		im->zone = pm_xstrdup(s);
	if (im->title != NULL)
		keep_words(im, im->title);
	if ((s = pm_json_str(src, inc, "started_at", path, 0)) != NULL) {
		snprintf(at, sizeof(at), "%s.started_at", path);
		im->has_started = pm_json_time(src, s, at, &im->started, &off) == 0;
	}
	components(im, json_object_get(inc, "components"));
	if (!json_is_array(ups)) {
		pm_report(src, PM_R_IMPORT_SHAPE, (pm_loc){0, 0, 1}, path,
		          "no incident_updates array");
		return;
	}
	if (json_array_size(ups) == 0)
		pm_report(src, PM_R_IMPORT_EMPTY, (pm_loc){0, 0, 1},
		          ": the incident has no incident_updates");
	json_array_foreach(ups, k, u) {
		snprintf(at, sizeof(at), "%s.incident_updates[%zu]", path, k);
		if (json_is_object(u))
			update(src, im, u, at);
		else
			pm_report(src, PM_R_IMPORT_SHAPE, (pm_loc){0, 0, 1}, at,
			          "not an object");
	}
	if ((s = pm_json_str(src, inc, "postmortem_body", path, 0)) != NULL)
		add_note(im, s);
}

/* The incidents of root, and the page they are on. */
static json_t *
incidents(pm_src *src, json_t *root, json_t **page, int *many)
{
	json_t *list;

	*page = json_object_get(root, "page");
	*many = 0;
	if (json_is_object(json_object_get(root, "incident")))
		return json_object_get(root, "incident");
	if (json_is_array(list = json_object_get(root, "incidents"))) {
		*many = 1;
		return list;
	}
	if (json_object_get(root, "incident_updates") != NULL)
		return root;
	pm_report(src, PM_R_IMPORT_SHAPE, (pm_loc){0, 0, 1}, "$",
	          "no incident (an object with incident_updates) nor an "
	          "incidents array");
	return NULL;
}

static int
chosen(json_t *inc, const char *id)
{
	json_t *v = json_object_get(inc, "id");

	return id == NULL || (json_is_string(v) &&
	                      strcmp(json_string_value(v), id) == 0);
}

int
pm_import_statuspage(pm_src *src, const char *id, pm_import **ims,
                     size_t *n)
{
	json_t *root = pm_json_load(src), *page = NULL, *list, *inc;
	char path[64];
	size_t k;
	int many;

	*ims = NULL;
	*n = 0;
	if (root == NULL)
		return -1;
	if (!json_is_object(root)) {
		pm_report(src, PM_R_IMPORT_SHAPE, (pm_loc){0, 0, 1}, "$",
		          "not an object (a Statuspage incident or incidents.json)");
		goto out;
	}
	if ((list = incidents(src, root, &page, &many)) == NULL)
		goto out;
	if (!many)
		list = json_pack("[O]", list);
	else
		json_incref(list);
	*ims = pm_xcalloc(json_array_size(list) + 1, sizeof(**ims));
	json_array_foreach(list, k, inc) {
		if (!json_is_object(inc) || !chosen(inc, id))
			continue;
		snprintf(path, sizeof(path), many ? "incidents[%zu]" : "incident",
		         k);
		incident(src, inc, page, path, &(*ims)[(*n)++]);
	}
	json_decref(list);
	if (*n == 0 && src->errors == 0)
		pm_report(src, PM_R_IMPORT_EMPTY, (pm_loc){0, 0, 1},
		          id ? ": no incident of that --id" : "");
out:
	json_decref(root);
	return src->errors > 0 ? -1 : 0;
}
