/* cli_sarif.c: pmc's findings as one SARIF 2.1.0 log, for GitHub code
 * scanning and other viewers: every rule described from rules_help.def,
 * each result's file relative to the repository's root (%SRCROOT%)
 * wherever pmc runs, and a fingerprint that keeps an alert when the lines
 * around its finding move. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "alloc.h"
#include "cli_opts.h"

/* The page that explains each rule under its own #RULE anchor
 * (CMakeLists: PMC_RULES_URI). */
#ifndef PMC_RULES_URI
#define PMC_RULES_URI "file:///usr/local/share/doc/pmc/rules.md"
#endif

struct sarif_run {
	char *root;     /* absolute, without a trailing '/' ("" for "/") */
	uint64_t *seen; /* each result's file and line key, in order */
	size_t nseen, cap;
};

/* The current folder, as getcwd gives it (symbolic links resolved, as
 * git's are); NULL when it cannot be had. */
static char *
current_folder(void)
{
	size_t n = 256;
	char *buf = NULL;

	for (;;) {
		buf = pm_xrealloc(buf, n);
		if (getcwd(buf, n) != NULL)
			return buf;
		if (errno != ERANGE) {
			free(buf);
			return NULL;
		}
		n *= 2;
	}
}

/* The repository's root as git rev-parse --show-toplevel finds it: the
 * nearest folder up from the current one that holds .git (a folder, or
 * a file in a worktree); without one, the current folder. */
static char *
find_root(void)
{
	char *cwd = current_folder(), *dir;
	pm_buf probe = {0};
	struct stat st;
	size_t n;

	if (cwd == NULL)
		return pm_xstrdup("");
	dir = pm_xstrdup(cwd);
	for (;;) {
		probe.len = 0;
		pm_buf_printf(&probe, "%s/.git", dir);
		if (stat(pm_buf_cstr(&probe), &st) == 0)
			break;
		if (dir[0] == '\0') {
			strcpy(dir, cwd);
			break;
		}
		n = strlen(dir);
		while (n > 0 && dir[n - 1] != '/')
			n--;
		dir[n > 0 ? n - 1 : 0] = '\0';
	}
	if (strcmp(dir, "/") == 0)
		dir[0] = '\0';
	pm_buf_free(&probe);
	free(cwd);
	return dir;
}

/* path made absolute against the current folder, with "." and ".."
 * taken out (as written: links are not followed). */
static void
absolute(pm_buf *out, const char *path)
{
	char *cwd = path[0] == '/' ? NULL : current_folder();
	const char *p;
	size_t n;

	pm_buf_puts(out, cwd ? cwd : "");
	free(cwd);
	if (out->len == 1)
		out->len = 0; /* "/" */
	for (p = path; *p; p += n + (p[n] == '/')) {
		n = strcspn(p, "/");
		if (n == 0 || (n == 1 && p[0] == '.'))
			continue;
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			while (out->len > 0 && out->data[--out->len] != '/')
				continue;
			continue;
		}
		pm_buf_putc(out, '/');
		pm_buf_put(out, p, n);
	}
}

/* path as a URI reference: bytes outside the unreserved set and '/'
 * percent-encoded. */
static void
put_uri_path(pm_buf *b, const char *path)
{
	static const char safe[] = "-._~/";

	for (; *path; path++) {
		unsigned char ch = (unsigned char)*path;
		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || strchr(safe, ch))
			pm_buf_putc(b, (char)ch);
		else
			pm_buf_printf(b, "%%%02X", ch);
	}
}

/* The artifact's location: relative to %SRCROOT% when the file is under
 * the root, a file: URI otherwise, and standard input as "-". */
static void
put_artifact(pm_buf *b, const char *root, const char *raw_file)
{
	pm_buf abs = {0}, uri = {0};
	size_t n = strlen(root);
	int inside;

	if (strcmp(raw_file, "-") == 0) {
		pm_buf_puts(b, "{\"uri\": \"-\"}");
		return;
	}
	absolute(&abs, raw_file);
	inside = strncmp(pm_buf_cstr(&abs), root, n) == 0 &&
	         abs.data[n] == '/';
	if (inside) {
		put_uri_path(&uri, abs.data + n + 1);
	} else {
		pm_buf_puts(&uri, "file://");
		put_uri_path(&uri, pm_buf_cstr(&abs));
	}
	pm_buf_puts(b, "{\"uri\": ");
	pm_buf_json_string(b, pm_buf_cstr(&uri), uri.len);
	pm_buf_puts(b, inside ? ", \"uriBaseId\": \"%SRCROOT%\"}" : "}");
	pm_buf_free(&abs);
	pm_buf_free(&uri);
}

/* FNV-1a, 64 bits: small, and the same on every machine. */
static uint64_t
fnv(uint64_t h, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* The rule and the finding's line with its runs of white space as one
 * space and none at the ends: the same finding on the same text hashes
 * the same wherever the line has moved, and however it is indented. */
static uint64_t
line_hash(const pm_diag *d)
{
	uint64_t h = fnv(0xcbf29ce484222325ULL, d->rule, strlen(d->rule) + 1);
	size_t i, n = d->excerpt ? d->excerpt_len : 0;
	int space = 0, any = 0;

	for (i = 0; i < n; i++) {
		if (strchr(" \t\r\f\v", d->excerpt[i]) != NULL) {
			space = any;
			continue;
		}
		if (space)
			h = fnv(h, " ", 1);
		h = fnv(h, d->excerpt + i, 1);
		space = 0;
		any = 1;
	}
	return h;
}

/* How many earlier results of this run had the same file and key: the
 * second identical finding on identical text is another alert. */
static size_t
occurrence(struct sarif_run *s, uint64_t key)
{
	size_t i, k = 0;

	for (i = 0; i < s->nseen; i++)
		k += s->seen[i] == key;
	if (s->nseen == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->seen = pm_xrealloc(s->seen, s->cap * sizeof(*s->seen));
	}
	s->seen[s->nseen++] = key;
	return k;
}

static size_t
rule_index(const char *id)
{
	size_t n, i;
	const pm_rule_info *r = pm_rules(&n);

	for (i = 0; i < n && strcmp(r[i].id, id) != 0; i++)
		continue;
	return i;
}

/* One SARIF result, kept in c->json until the log is printed whole. */
void
sarif_result(cli *c, const pm_diag *d, const char *raw_file)
{
	pm_buf *b = &c->json;
	uint64_t h = line_hash(d);

	if (c->sarif == NULL) {
		c->sarif = pm_xcalloc(1, sizeof(*c->sarif));
		c->sarif->root = find_root();
	}
	pm_buf_puts(b, c->json_count++ ? ",\n        {" : "\n        {");
	pm_buf_puts(b, "\"ruleId\": ");
	pm_buf_json_string(b, d->rule, strlen(d->rule));
	pm_buf_printf(b, ", \"ruleIndex\": %zu, \"level\": \"%s\",",
	              rule_index(d->rule), pm_cli_sevnames[d->severity]);
	pm_buf_puts(b, "\n          \"message\": {\"text\": ");
	pm_buf_json_string(b, d->message, strlen(d->message));
	pm_buf_puts(b, "},\n          \"locations\": [{\"physicalLocation\": "
	               "{\"artifactLocation\": ");
	put_artifact(b, c->sarif->root, raw_file);
	if (d->line > 0)
		pm_buf_printf(b, ", \"region\": {\"startLine\": %d, "
		                 "\"startColumn\": %d, \"endColumn\": %d}",
		              d->line, d->col, d->col + d->span);
	pm_buf_printf(b, "}}],\n          \"partialFingerprints\": "
	                 "{\"primaryLocationLineHash\": \"%016llx:%zu\"}}",
	              (unsigned long long)h,
	              occurrence(c->sarif, fnv(h, raw_file, strlen(raw_file))));
}

/* {"text": TEXT} or {"text": TEXT, "markdown": MD}. */
static void
put_message(pm_buf *b, const pm_buf *text, const pm_buf *md)
{
	pm_buf_puts(b, "{\"text\": ");
	pm_buf_json_string(b, text->data ? text->data : "", text->len);
	if (md != NULL) {
		pm_buf_puts(b, ", \"markdown\": ");
		pm_buf_json_string(b, md->data ? md->data : "", md->len);
	}
	pm_buf_putc(b, '}');
}

/* A rule as code scanning shows it: its message as a reader sees it,
 * the line that explains it, and pmc help RULE as the help. */
static void
put_rule(pm_buf *b, const pm_rule_info *r)
{
	pm_buf text = {0}, md = {0};

	pm_buf_puts(b, "{\"id\": ");
	pm_buf_json_string(b, r->id, strlen(r->id));
	cli_rule_message(&text, r);
	pm_buf_puts(b, ",\n           \"shortDescription\": ");
	put_message(b, &text, NULL);
	text.len = 0;
	pm_buf_puts(&text, cli_rule_explanation(r));
	if (text.len == 0)
		cli_rule_message(&text, r);
	pm_buf_puts(b, ",\n           \"fullDescription\": ");
	put_message(b, &text, NULL);
	text.len = 0;
	cli_rule_doc(&text, r, 0);
	cli_rule_doc(&md, r, 1);
	pm_buf_puts(b, ",\n           \"help\": ");
	put_message(b, &text, &md);
	pm_buf_puts(b, ",\n           \"helpUri\": ");
	text.len = 0;
	pm_buf_printf(&text, "%s#%s", PMC_RULES_URI, r->id);
	pm_buf_json_string(b, pm_buf_cstr(&text), text.len);
	pm_buf_printf(b, ",\n           \"defaultConfiguration\": {\"level\": "
	                 "\"%s\"}}",
	              pm_cli_sevnames[r->severity]);
	pm_buf_free(&text);
	pm_buf_free(&md);
}

/* The whole log: one run, every rule in tool.driver.rules so that
 * ruleIndex is the rule's place in pm_rules(). Columns count
 * characters, as pmc's do everywhere. */
void
sarif_print(const cli *c, FILE *out)
{
	size_t n, i;
	const pm_rule_info *r = pm_rules(&n);
	char *root = c->sarif ? NULL : find_root();
	pm_buf b = {0};

	pm_buf_puts(&b, "{\n  \"$schema\": \"https://docs.oasis-open.org/sarif/"
	                "sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0."
	                "json\",\n  \"version\": \"2.1.0\",\n  \"runs\": [\n"
	                "    {\n      \"tool\": {\"driver\": {\"name\": \"pmc\", "
	                "\"version\": \"" PMC_VERSION "\", "
	                "\"semanticVersion\": \"" PMC_VERSION "\",");
#ifdef PMC_HOMEPAGE
	pm_buf_puts(&b, " \"informationUri\": ");
	pm_buf_json_string(&b, PMC_HOMEPAGE, strlen(PMC_HOMEPAGE));
	pm_buf_putc(&b, ',');
#endif
	pm_buf_puts(&b, "\n        \"rules\": [");
	for (i = 0; i < n; i++) {
		pm_buf_puts(&b, i ? ",\n          " : "\n          ");
		put_rule(&b, &r[i]);
	}
	pm_buf_puts(&b, "]}},\n      \"originalUriBaseIds\": {\"%SRCROOT%\": "
	                "{\"uri\": \"file://");
	put_uri_path(&b, root ? root : c->sarif->root);
	pm_buf_puts(&b, "/\"}},\n      \"columnKind\": \"unicodeCodePoints\",\n"
	                "      \"results\": [");
	if (c->json_count)
		pm_buf_put(&b, c->json.data, c->json.len);
	pm_buf_puts(&b, c->json_count ? "\n      ]\n    }\n  ]\n}\n"
	                              : "]\n    }\n  ]\n}\n");
	fwrite(b.data, 1, b.len, out);
	pm_buf_free(&b);
	free(root);
}

void
sarif_free(cli *c)
{
	if (c->sarif == NULL)
		return;
	free(c->sarif->root);
	free(c->sarif->seen);
	free(c->sarif);
	c->sarif = NULL;
}
