/* doc.c: the pipeline for one source: read, front end, schema, rules,
 * derived figures. The library's entry points. */
#define _XOPEN_SOURCE 700 /* realpath */

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "alloc.h"
#include "derive.h"
#include "doc.h"
#include "io.h"
#include "ir.h"
#include "mojibake.h"
#include "pmtime.h"
#include "redact.h"

pm_loc
pm_doc_loc(const pm_doc *doc, const xmlNode *node)
{
	if (doc->from_xml)
		return pm_ir_loc_parsed(node);
	/* Inline elements carry no place: use the block they sit in. */
	while (node != NULL && node->type == XML_ELEMENT_NODE &&
	       pm_ir_get(node, "line") == NULL)
		node = node->parent;
	if (node == NULL || node->type != XML_ELEMENT_NODE)
		return (pm_loc){0, 0, 1};
	return pm_ir_loc_attr(node);
}

static int
is_xml(const pm_doc *doc)
{
	size_t n = strlen(doc->name), i = 0;

	if (n > 4 && strcasecmp(doc->name + n - 4, ".xml") == 0)
		return 1;
	if (strcmp(doc->name, "-") != 0)
		return 0;
	/* Standard input has no name: sniff. */
	while (i < doc->src.len && (doc->src.text[i] == ' ' ||
	                            doc->src.text[i] == '\n' ||
	                            doc->src.text[i] == '\r' ||
	                            doc->src.text[i] == '\t'))
		i++;
	return i < doc->src.len && doc->src.text[i] == '<';
}

/* The working tree around dir: the nearest folder at or above it that
 * holds .git; without one, dir itself. dir is resolved; the caller frees
 * the result. */
static char *
work_tree(const char *dir)
{
	char *top = pm_xstrdup(dir), *git, *cut;
	struct stat st;

	for (;;) {
		git = pm_xmalloc(strlen(top) + sizeof("/.git"));
		sprintf(git, "%s/.git", strcmp(top, "/") ? top : "");
		if (lstat(git, &st) == 0)
			break;
		free(git);
		git = NULL;
		if ((cut = strrchr(top, '/')) == NULL || cut == top)
			break;
		*cut = '\0';
	}
	free(git);
	if (git == NULL) {
		free(top);
		top = pm_xstrdup(dir);
	}
	return top;
}

/* Whether the policy found at path is a symbolic link out of the working
 * tree it stands in: a pull request can point .pmc.yml at
 * ~/.git-credentials, and pmc would quote it in a public CI log. The
 * same test as directory mode's for sources (cli_files.c). */
static int
policy_outside(const char *path, char **top)
{
	struct stat st;
	char *slash, *dir, *real = NULL;
	size_t n;
	int out;

	*top = NULL;
	if (lstat(path, &st) != 0 || !S_ISLNK(st.st_mode))
		return 0;
	slash = strrchr(path, '/');
	dir = slash == NULL ? pm_xstrdup(".")
	                    : pm_xstrndup(path, (size_t)(slash - path) + 1);
	real = realpath(dir, NULL);
	free(dir);
	*top = work_tree(real != NULL ? real : "/");
	free(real);
	real = realpath(path, NULL);
	n = strlen(*top);
	out = real == NULL || strncmp(real, *top, n) != 0 ||
	      (real[n] != '/' && strcmp(*top, "/") != 0);
	free(real);
	return out;
}

/* The policy for doc: the named file, the nearest .pmc.yml, or the
 * default. A policy with errors counts as an error of the document. */
static void
load_policy(pm_doc *doc)
{
	char *path = doc->opts.policy ? pm_xstrdup(doc->opts.policy)
	                              : pm_policy_find(doc->name);
	int errors = 0, warnings = 0;
	char *top = NULL;

	doc->policy = NULL;
	if (path != NULL && doc->opts.policy == NULL &&
	    policy_outside(path, &top)) {
		pm_buf msg = {0};
		pm_buf_printf(&msg, "not read: a symbolic link to a file "
		                    "outside %s",
		              top);
		pm_diag d = {path, 0, 0, 1, PM_ERROR, "policy",
		             pm_buf_cstr(&msg), NULL, 0};
		if (doc->opts.diag)
			doc->opts.diag(&d, doc->opts.diag_arg);
		doc->src.errors++;
		pm_buf_free(&msg);
	} else if (path != NULL) {
		doc->policy = pm_policy_get(path, doc->opts.diag,
		                            doc->opts.diag_arg, &errors,
		                            &warnings);
		if (doc->policy == NULL && errors == 0) {
			pm_diag d = {path, 0, 0, 1, PM_ERROR, "policy",
			             strerror(errno), NULL, 0};
			if (doc->opts.diag)
				doc->opts.diag(&d, doc->opts.diag_arg);
			errors = 1;
		}
		doc->src.errors += errors;
		doc->src.warnings += warnings;
	}
	if (doc->policy == NULL)
		doc->policy = pm_policy_default();
	free(top);
	free(path);
}

/* The largest source read, in MiB: a hundred times the longest real
 * postmortem, and libxml2's own limit on one text node. */
#define PM_MAX_SOURCE_MB 10

/* Compiles text[0..len), NUL-terminated, which the document takes over. */
static pm_doc *
compile(const char *name, char *text, size_t len, const pm_options *opts)
{
	pm_doc *doc = pm_xcalloc(1, sizeof(*doc));
	size_t skip = 0;

	doc->name = pm_xstrdup(name);
	doc->text = text;
	doc->len = len;
	if (opts != NULL)
		doc->opts = *opts;
	/* A BOM is accepted and ignored: columns start after it. */
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		skip = 3;
	pm_src_init(&doc->src, doc->name, doc->text + skip, len - skip,
	            doc->opts.diag, doc->opts.diag_arg);
	doc->src.ov = doc->opts.overrides;
	doc->src.nov = doc->opts.noverrides;
	doc->today = pm_today(doc->opts.today);
	load_policy(doc);
	doc->src.pol = doc->policy->rules;
	doc->from_xml = is_xml(doc);
	/* The IR takes some 40 times the source in memory: a source far
	 * larger than any postmortem (a pasted log) is refused rather than
	 * left to exhaust a CI machine. */
	if (len > (size_t)PM_MAX_SOURCE_MB * 1024 * 1024)
		pm_report(&doc->src, PM_R_TOO_LARGE, (pm_loc){1, 1, 1},
		          (double)len / (1024 * 1024), PM_MAX_SOURCE_MB);
	else if ((doc->from_xml ? pm_xml_read(doc) : pm_md_read(doc)) == 0 &&
	    doc->ir != NULL) {
		pm_mojibake_check(&doc->src);
		/* The schema is the contract for XML others wrote; a tree
		 * the Markdown front end built is valid by construction,
		 * which the tests and fuzz targets prove with validate_ir
		 * (a quarter of a check's time, spared in every run). */
		if (doc->from_xml || doc->opts.validate_ir)
			pm_schema_validate(doc);
		pm_check_ir(doc);
		/* after the checks, which judge the whole source; before any
		 * back end, so that all of them get the same public tree */
		pm_redact_audience(doc);
		/* from the tree the back ends get */
		pm_derive(doc);
	}
	pm_src_flush(&doc->src);
	return doc;
}

pm_doc *
pm_doc_parse(const char *name, const char *bytes, size_t len,
             const pm_options *opts)
{
	char *text = pm_xmalloc(len + 1);

	memcpy(text, bytes, len);
	text[len] = '\0';
	return compile(name, text, len, opts);
}

pm_doc *
pm_doc_load(const char *path, const pm_options *opts)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	struct stat st;
	char *bytes = NULL;
	size_t len = 0;
	pm_doc *doc = NULL;
	int err;

	if (f == NULL)
		return NULL;
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		err = EISDIR;
		goto out;
	}
	if ((bytes = pm_read_all(f, &len)) == NULL) {
		err = errno;
		goto out;
	}
	doc = compile(path, bytes, len, opts);
	err = 0;
out:
	if (f != stdin)
		fclose(f);
	errno = err;
	return doc;
}

const char *
pm_doc_id(const pm_doc *doc)
{
	return doc->ir ? pm_ir_get(xmlDocGetRootElement(doc->ir), "id") : NULL;
}

int
pm_doc_errors(const pm_doc *doc)
{
	return doc->src.errors;
}

int
pm_doc_warnings(const pm_doc *doc)
{
	return doc->src.warnings;
}

void
pm_doc_free(pm_doc *doc)
{
	if (doc == NULL)
		return;
	if (doc->ir != NULL)
		xmlFreeDoc(doc->ir);
	pm_policy_free(doc->policy);
	pm_src_free(&doc->src);
	free(doc->text);
	free(doc->name);
	free(doc);
}

void
pm_render_report(const pm_doc *doc, const pm_render_opts *opts,
                 pm_rule rule, const xmlNode *node, ...)
{
	pm_src src = doc->src;
	va_list ap;

	/* a private copy of the source's line index, with the back end's
	 * sink, so the document itself is not changed by rendering */
	src.fn = opts ? opts->diag : NULL;
	src.arg = opts ? opts->diag_arg : NULL;
	src.held = NULL;
	src.nheld = 0;
	va_start(ap, node);
	pm_report_va(&src, pm_rule_severity(rule), rule,
	             node ? pm_doc_loc(doc, node) : (pm_loc){0, 0, 1}, ap);
	va_end(ap);
	pm_src_flush(&src);
}
