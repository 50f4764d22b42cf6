/* policy.c: reads a team's policy file (.pmc.yml) into a pm_policy,
 * reporting every mistake in it at its own line and column. */
#define _XOPEN_SOURCE 700 /* realpath */

#include <sys/stat.h>

#include <assert.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "alloc.h"
#include "diag.h"
#include "io.h"
#include "policy.h"
#include "text.h"
#include "utf8.h"
#include "yamldepth.h"

#define PM_DEPTH 4      /* containers open at once: root, list, level */
#define PM_MAX_NEST 64  /* lists and mappings libyaml is let nest */
#define PM_QUOTE_MAX 40 /* characters of a value quoted in a message */
#define PM_QUOTE_BUF (PM_QUOTE_MAX * 4 + 8)
#define PM_NAMES(a) (sizeof(a) / sizeof((a)[0]))
#define PM_LIST_MAX 12  /* names a message lists in full */

#define PM_WANT_DURATION "a duration like 15m, 2h or 1h30m"

#if defined(__GNUC__)
#define PM_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define PM_PRINTF(a, b)
#endif

/*
 * Reading state. libyaml's marks count characters, not bytes, so the
 * reader keeps one known (character, byte) pair and moves it to convert
 * them, instead of rescanning the text for every finding.
 */
struct reader {
	pm_src src;
	yaml_document_t doc;
	pm_policy *pol;
	size_t ci, bi;
	int stack[PM_DEPTH]; /* containers being read, to recognise aliases */
	int depth;
};

/*
 * A value found under a key or as a list entry. libyaml's document API
 * resolves an alias to the node it names instead of copying it, so an
 * alias is recognised by where that node lies: before floor (the end of
 * what is written before the value) or among the enclosing containers.
 */
struct val {
	const char *name; /* the key, or the key of the list holding it */
	yaml_node_t *key; /* NULL for a list entry */
	yaml_node_t *node;
	int entry;
	int alias;
	size_t floor; /* character index the value is written after */
};

/* The keys a mapping may have and what reads their values. */
struct keyset {
	const char *const *keys;
	size_t nkeys;
	const char *what;   /* "policy key" */
	const char *where;  /* "" or " in 'required_sections'" */
	const char *plural; /* "the keys are" */
	void (*fn)(struct reader *, size_t, const struct val *, void *);
};

/* A level as it is read, with where its name was, for duplicates. */
struct level_read {
	pm_level lv;
	int named; /* a 'name' key was written, even if it was bad */
	pm_loc at;
};

/* The levels read so far: a hash table of their names (index + 1 in
 * pol->levels; 0: free), so that duplicates are found in linear time
 * however long a hostile scale is. */
struct levels_read {
	int *lines;    /* line of each accepted level's name */
	size_t *slots;
	size_t mask;   /* slots - 1, a power of two less one */
};

struct names_read {
	char **names;
	size_t n;
	int types;
};

/* Node of each status's list, so that a list shared through an alias
 * is checked, and its mistakes reported, once. */
struct required_read {
	int node[PM_STATUS__COUNT];
};

static const char *const policy_keys[] = {
    "severities",        "min_whys",        "update_interval",
    "required_sections", "follow_up_types", "follow_up_priorities",
    "update_hours",      "rules",           "final"};
enum {
	K_SEVERITIES, K_MIN_WHYS, K_UPDATE, K_REQUIRED, K_TYPES, K_PRIOS,
	K_HOURS, K_RULES, K_FINAL
};

static const char *const level_keys[] = {"name", "description",
                                         "max_duration", "update_interval",
                                         "follow_up_deadline"};
enum { K_NAME, K_DESCRIPTION, K_MAX_DURATION, K_LEVEL_UPDATE, K_DEADLINE };

/* Every rule id, by pm_rule: the keys of 'rules'. */
static const char *const rule_ids[] = {
#define RULE(name, id, sev, fmt) id,
#include "rules.def"
#undef RULE
};

/* The keys of 'final' and of its 'follow-ups'. */
static const char *const final_keys[] = {"require", "follow-ups"};
enum { K_REQUIRE, K_FINAL_FOLLOW_UPS };
static const char *const final_fu_keys[] = {"owner", "due"};
enum { K_FU_OWNER, K_FU_DUE };

/* What 'require' may name: the owner, then the milestones. */
static const char *const final_fields[] = {
    "owner", "started", "detected", "acknowledged", "mitigated", "resolved"};

/* The words a rule's severity is given in, and what they mean. */
static const struct {
	const char *word;
	int severity;
} sev_words[] = {{"error", PM_ERROR},  {"warning", PM_WARNING},
                 {"warn", PM_WARNING}, {"note", PM_NOTE},
                 {"off", PM_OFF},      {"false", PM_OFF},
                 {"no", PM_OFF},       {"none", PM_OFF}};

static const struct {
	const char *name;
	int64_t secs;
} units[] = {{"d", 86400},   {"day", 86400},   {"days", 86400},
             {"h", 3600},    {"hr", 3600},     {"hrs", 3600},
             {"hour", 3600}, {"hours", 3600},  {"m", 60},
             {"min", 60},    {"mins", 60},     {"minute", 60},
             {"minutes", 60}, {"s", 1},        {"sec", 1},
             {"secs", 1},    {"second", 1},    {"seconds", 1}};

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* ASCII case-insensitive equality of s[0..n) and the string name. */
static int
ci_equal_n(const char *s, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (name[i] == '\0' || lower((unsigned char)s[i]) !=
		                           lower((unsigned char)name[i]))
			return 0;
	return name[n] == '\0';
}

static int
ci_equal(const char *a, const char *b)
{
	return ci_equal_n(a, strlen(a), b);
}

/* The name closest to s within edit distance 2, or NULL. */
static const char *
closest(const char *s, const char *const *names, size_t n)
{
	const char *best = NULL;
	size_t i, d, bestd = 3;
	char *folded = pm_xstrdup(s);

	/* The known names are lower case: "Min-Whys" is close to min_whys. */
	for (i = 0; folded[i]; i++)
		folded[i] = (char)lower((unsigned char)folded[i]);
	for (i = 0; i < n; i++) {
		if ((d = pm_edit_distance(folded, names[i], 2)) < bestd) {
			bestd = d;
			best = names[i];
		}
	}
	free(folded);
	return best;
}

static const char *
skip_spaces(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int64_t
unit_secs(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < PM_NAMES(units); i++)
		if (ci_equal_n(s, n, units[i].name))
			return units[i].secs;
	return 0;
}

/* Reads one "<number> <unit>" term at *s into *n and *unit. */
static int
duration_term(const char **s, int64_t *n, int64_t *unit)
{
	const char *p = *s;
	size_t len;

	if (!is_digit(*p))
		return -1;
	for (*n = 0; is_digit(*p); p++) {
		if (*n > (INT64_MAX - 9) / 10)
			return -1;
		*n = *n * 10 + (*p - '0');
	}
	p = skip_spaces(p);
	for (len = 0; is_alpha(p[len]); len++)
		continue;
	if ((*unit = unit_secs(p, len)) == 0)
		return -1;
	*s = skip_spaces(p + len);
	return 0;
}

int
pm_duration_parse(const char *s, int64_t *secs)
{
	int64_t total = 0, n, unit, last = INT64_MAX;

	if (s == NULL || *(s = skip_spaces(s)) == '\0')
		return -1;
	while (*s != '\0') {
		/* Units from largest to smallest, each once, so that a
		 * slip like "1h 30h" is caught rather than added. */
		if (duration_term(&s, &n, &unit) != 0 || unit >= last ||
		    n > (INT64_MAX - total) / unit)
			return -1;
		total += n * unit;
		last = unit;
	}
	if (total <= 0)
		return -1;
	*secs = total;
	return 0;
}

/* Parses a whole number; -2 when it is negative, -1 when not a number. */
static int
parse_count(const char *s, int *out)
{
	int neg = (*s == '-');
	long n = 0;

	if (neg)
		s++;
	if (!is_digit(*s))
		return -1;
	for (; is_digit(*s); s++) {
		n = n * 10 + (*s - '0');
		if (n > INT_MAX)
			return -1;
	}
	if (*s != '\0')
		return -1;
	if (neg && n > 0)
		return -2;
	*out = (int)n;
	return 0;
}

static pm_policy *
policy_new(void)
{
	pm_policy *pol = pm_xcalloc(1, sizeof(*pol));

	pol->min_whys = 3;
	pol->final = PM_FINAL_OWNER | PM_FINAL_MS(PM_MS_STARTED) |
	             PM_FINAL_MS(PM_MS_RESOLVED);
	pol->final_owner = 1;
	pol->final_due = 1;
	pol->required[PM_STATUS_DRAFT] = 0;
	pol->required[PM_STATUS_REVIEW] = PM_SECTIONS_EXPECTED;
	pol->required[PM_STATUS_FINAL] = PM_SECTIONS_EXPECTED;
	return pol;
}

pm_policy *
pm_policy_default(void)
{
	return policy_new();
}

static void
free_names(char **names, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

static void
destroy(pm_policy *pol)
{
	size_t i;

	for (i = 0; i < pol->nlevels; i++) {
		free(pol->levels[i].name);
		free(pol->levels[i].description);
	}
	free(pol->levels);
	free_names(pol->types, pol->ntypes);
	free_names(pol->priorities, pol->npriorities);
	free(pol->rules);
	free(pol->path);
	free(pol);
}

/*
 * The policies read so far, one per file. A folder of ten thousand
 * sources under one .pmc.yml reads it once; 'pmc build -j' asks from
 * several threads, hence the lock, held while a file is read so that
 * two threads never read (and report) the same file twice.
 */
struct cached {
	char *real;            /* resolved path: the key, with mtime, size */
	struct timespec mtime;
	off_t size;
	pm_policy *pol;        /* holds a reference; NULL: it had errors */
	int errors, warnings;
	int err;               /* errno when it could not be read */
	struct cached *next;
};

static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static struct cached *cache;

/* Drops one reference to a shared policy; cache_lock is held. */
static void
release(pm_policy *pol)
{
	if (pol != NULL && --pol->refs == 0)
		destroy(pol);
}

void
pm_policy_free(pm_policy *pol)
{
	if (pol == NULL)
		return;
	if (!pol->shared) {
		destroy(pol);
		return;
	}
	pthread_mutex_lock(&cache_lock);
	release(pol);
	pthread_mutex_unlock(&cache_lock);
}

static int
same_version(const struct cached *c, const struct stat *st)
{
	return c->size == st->st_size &&
	       c->mtime.tv_sec == st->st_mtim.tv_sec &&
	       c->mtime.tv_nsec == st->st_mtim.tv_nsec;
}

/* The entry for real, read (again) when it is new or the file changed;
 * cache_lock is held. */
static struct cached *
cached(const char *path, char *real, const struct stat *st, pm_diag_fn fn,
       void *arg)
{
	struct cached *c;

	for (c = cache; c != NULL; c = c->next)
		if (strcmp(c->real, real) == 0)
			break;
	if (c != NULL && same_version(c, st)) {
		free(real);
		return c;
	}
	if (c == NULL) {
		c = pm_xcalloc(1, sizeof(*c));
		c->next = cache;
		cache = c;
	} else {
		free(c->real);
		release(c->pol);
	}
	c->real = real;
	c->mtime = st->st_mtim;
	c->size = st->st_size;
	c->pol = pm_policy_load(path, fn, arg, &c->errors);
	c->err = c->pol == NULL ? errno : 0;
	c->warnings = c->pol != NULL ? c->pol->warnings : 0;
	if (c->pol != NULL) {
		c->pol->shared = 1;
		c->pol->refs = 1;
	}
	return c;
}

pm_policy *
pm_policy_get(const char *path, pm_diag_fn fn, void *arg, int *errors,
              int *warnings)
{
	char *real = realpath(path, NULL);
	struct cached *c;
	struct stat st;
	pm_policy *pol = NULL;
	int err;

	/* Only regular files are cached: /dev/null, a pipe, a file that
	 * is not there are read (or fail) every time. */
	if (real == NULL || stat(real, &st) != 0 || !S_ISREG(st.st_mode)) {
		free(real);
		pol = pm_policy_load(path, fn, arg, errors);
		*warnings = pol != NULL ? pol->warnings : 0;
		return pol;
	}
	pthread_mutex_lock(&cache_lock);
	c = cached(path, real, &st, fn, arg);
	if ((pol = c->pol) != NULL)
		pol->refs++;
	*errors = c->errors;
	*warnings = c->warnings;
	err = c->err;
	pthread_mutex_unlock(&cache_lock);
	errno = err;
	return pol;
}

/* The byte offset of a libyaml character index; the text is valid UTF-8
 * by then, so stepping back over continuation bytes is safe. */
static size_t
byte_at(struct reader *r, size_t ci)
{
	const char *t = r->src.text;
	int32_t cp;
	size_t n;

	while (r->ci > ci && r->bi > 0) {
		while (--r->bi > 0 && ((unsigned char)t[r->bi] & 0xc0) == 0x80)
			continue;
		r->ci--;
	}
	while (r->ci < ci && r->bi < r->src.len) {
		n = pm_utf8_decode(t + r->bi, r->src.len - r->bi, &cp);
		r->bi += n ? n : 1;
		r->ci++;
	}
	return r->bi;
}

/* The place of up to n bytes at off, cut at the end of their line. */
static pm_loc
loc_at(struct reader *r, size_t off, size_t n)
{
	const char *t = r->src.text;
	size_t i;

	if (off > r->src.len)
		off = r->src.len;
	/* The end of a file that ends its last line: the end of that line,
	 * so that the place exists in an excerpt. */
	if (off == r->src.len && off > 0) {
		if (t[off - 1] == '\n')
			off--;
		if (off > 0 && t[off - 1] == '\r')
			off--;
	}
	for (i = 0; i < n && off + i < r->src.len; i++)
		if (t[off + i] == '\n' || t[off + i] == '\r')
			break;
	return pm_src_loc(&r->src, t + off, i);
}

/* A scalar is underlined whole; a list or mapping at its start. */
static pm_loc
node_loc(struct reader *r, const yaml_node_t *node)
{
	size_t start = byte_at(r, node->start_mark.index), end = start + 1;

	if (node->type == YAML_SCALAR_NODE)
		end = byte_at(r, node->end_mark.index);
	return loc_at(r, start, end > start ? end - start : 1);
}

/* Length of the token at b: an anchor, a tag or an alias. */
static size_t
token_len(const char *t, size_t b, size_t e)
{
	size_t n;

	for (n = 0; b + n < e; n++)
		if (t[b + n] == '\0' || strchr(" \t\r\n,[]{}", t[b + n]))
			break;
	return n;
}

/*
 * Finds the alias written after the character index floor: the first
 * '*' past spaces, indicators, comments and the anchor or tag of the
 * enclosing list. Sets *b and *len to its bytes and returns the
 * character index after it, where the next alias is looked for.
 */
static size_t
alias_at(struct reader *r, size_t floor, size_t *b, size_t *len)
{
	const char *t = r->src.text;
	size_t e = r->src.len, start = byte_at(r, floor);

	for (*b = start; *b < e && t[*b] != '*';) {
		if (t[*b] == '#') {
			while (*b < e && t[*b] != '\n' && t[*b] != '\r')
				(*b)++;
		} else if (t[*b] == '&' || t[*b] == '!')
			*b += token_len(t, *b, e);
		else if (t[*b] != '\0' && strchr(" \t\r\n,-?:[{", t[*b]))
			(*b)++;
		else
			break;
	}
	*len = token_len(t, *b, e);
	if (*b == e || t[*b] != '*')
		return floor;
	return floor + pm_utf8_count(t + start, *b + *len - start);
}

static int
is_null(const yaml_node_t *n)
{
	const char *s;

	if (n->type != YAML_SCALAR_NODE ||
	    n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return 0;
	s = (const char *)n->data.scalar.value;
	return *s == '\0' || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 ||
	       strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0;
}

/* A value left empty under a key means "not given": the default. */
static int
absent(const struct val *v)
{
	return !v->alias && is_null(v->node);
}

/* An empty value has no place of its own; its key stands for it. */
static pm_loc
val_loc(struct reader *r, const struct val *v)
{
	size_t b, len;

	if (v->alias) {
		alias_at(r, v->floor, &b, &len);
		return loc_at(r, b, len ? len : 1);
	}
	if (v->key != NULL && is_null(v->node))
		return node_loc(r, v->key);
	return node_loc(r, v->node);
}

static void PM_PRINTF(3, 4)
complain(struct reader *r, pm_loc loc, const char *fmt, ...)
{
	char msg[768];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pm_report(&r->src, PM_R_POLICY, loc, msg);
}

/* s[0..len) in quotes for a message: cut short, control characters
 * replaced, so that no value can garble the terminal or the line. */
static const char *
quote(char buf[PM_QUOTE_BUF], const char *s, size_t len)
{
	size_t i = 0, o = 0, chars = 0, n;
	int32_t cp;

	buf[o++] = '\'';
	for (; i < len && chars < PM_QUOTE_MAX; chars++, i += n ? n : 1) {
		n = pm_utf8_decode(s + i, len - i, &cp);
		if (n == 0 || cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
			buf[o++] = '?';
		else {
			memcpy(buf + o, s + i, n);
			o += n;
		}
	}
	if (i < len) {
		memcpy(buf + o, "...", 3);
		o += 3;
	}
	buf[o++] = '\'';
	buf[o] = '\0';
	return buf;
}

static const char *
scalar_text(const yaml_node_t *n)
{
	return (const char *)n->data.scalar.value;
}

/* What was found instead of what was expected, for messages. */
static const char *
describe(struct reader *r, const struct val *v, char *buf, size_t size)
{
	char q[PM_QUOTE_BUF];
	size_t b, len;

	if (v->alias) {
		alias_at(r, v->floor, &b, &len);
		snprintf(buf, size, "an alias (%s)",
		         quote(q, r->src.text + b, len));
		return buf;
	}
	switch (v->node->type) {
	case YAML_MAPPING_NODE:
		return "a mapping";
	case YAML_SEQUENCE_NODE:
		return "a list";
	case YAML_SCALAR_NODE:
		/* not quoted: the file may be a secret, not a policy */
		return is_null(v->node) ? "an empty value" : "a string";
	default:
		assert(!"node without a type");
		return "nothing";
	}
}

static void
wrong(struct reader *r, const struct val *v, const char *expected)
{
	char found[PM_QUOTE_BUF + 16];

	complain(r, val_loc(r, v), "%s'%s' must be %s, not %s",
	         v->entry ? "each entry of " : "", v->name, expected,
	         describe(r, v, found, sizeof(found)));
}

/* Checks the node's type. An alias may stand for a whole list or
 * mapping under a key (to share it), never for a scalar or an entry:
 * those are where alias bombs would be expanded. */
static int
expect(struct reader *r, const struct val *v, yaml_node_type_t type,
       const char *expected)
{
	if (v->node->type == type &&
	    !(v->alias && (v->entry || type == YAML_SCALAR_NODE)))
		return 1;
	wrong(r, v, expected);
	return 0;
}

/* The text of a scalar value, or NULL after reporting why not. */
static const char *
scalar(struct reader *r, const struct val *v, const char *expected)
{
	if (!expect(r, v, YAML_SCALAR_NODE, expected))
		return NULL;
	if (is_null(v->node)) {
		wrong(r, v, expected);
		return NULL;
	}
	if (strlen(scalar_text(v->node)) != v->node->data.scalar.length) {
		complain(r, val_loc(r, v), "'%s' must not contain a NUL "
		         "character", v->name);
		return NULL;
	}
	return scalar_text(v->node);
}

/* "did you mean 'x'?" when a name is close, else the list of names. */
static const char *
suggest(char *buf, size_t size, const char *s, const char *const *names,
        size_t n, const char *plural)
{
	const char *best = closest(s, names, n);
	size_t i, len;

	if (best != NULL) {
		snprintf(buf, size, "did you mean '%s'?", best);
		return buf;
	}
	/* A list too long to quote (the rules) is named, not listed. */
	if (n > PM_LIST_MAX)
		return plural;
	len = (size_t)snprintf(buf, size, "%s", plural);
	for (i = 0; i < n && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s",
		                        i == 0 ? " " : i + 1 < n ? ", " : " and ",
		                        names[i]);
	return buf;
}

static void
unknown(struct reader *r, pm_loc loc, const char *what, const char *s,
        const char *where, const char *const *names, size_t n,
        const char *plural)
{
	char q[PM_QUOTE_BUF], more[320];

	complain(r, loc, "unknown %s %s%s; %s", what, quote(q, s, strlen(s)),
	         where, suggest(more, sizeof(more), s, names, n, plural));
}

/* A key this pmc does not know is a warning, not an error: a policy
 * written for a newer pmc still governs an older one, which says what it
 * leaves out (docs/choices.md, "Policy"). */
static void
unknown_key(struct reader *r, pm_loc loc, const struct keyset *ks,
            const char *s)
{
	char q[PM_QUOTE_BUF], more[320], msg[768];

	snprintf(msg, sizeof(msg), "unknown %s %s%s is left out; %s",
	         ks->what, quote(q, s, strlen(s)), ks->where,
	         suggest(more, sizeof(more), s, ks->keys, ks->nkeys,
	                 ks->plural));
	pm_report(&r->src, PM_R_POLICY_KEY, loc, msg);
}

static int
node_id(const struct reader *r, const yaml_node_t *n)
{
	return (int)(n - r->doc.nodes.start) + 1;
}

static yaml_node_t *
node_at(struct reader *r, int id)
{
	return yaml_document_get_node(&r->doc, id);
}

/* Whether node id, written after the character index floor, is an
 * alias: a node written out never starts before what precedes it, and
 * never encloses itself. */
static int
aliased(const struct reader *r, int id, size_t floor)
{
	int i;

	for (i = 0; i < r->depth; i++)
		if (r->stack[i] == id)
			return 1;
	return r->doc.nodes.start[id - 1].start_mark.index < floor;
}

/* The character index after a value, where the next one is written. */
static size_t
past(struct reader *r, const struct val *v)
{
	size_t b, len;

	if (v->alias)
		return alias_at(r, v->floor, &b, &len);
	return v->node->end_mark.index;
}

static void
enter(struct reader *r, const yaml_node_t *n)
{
	assert(r->depth < PM_DEPTH);
	r->stack[r->depth++] = node_id(r, n);
}

static void
leave(struct reader *r)
{
	r->depth--;
}

/* Reads one key and its value; first[] holds the line each key was
 * first seen on, and *floor moves past what is read. */
static void
read_pair(struct reader *r, const struct keyset *ks, const yaml_node_pair_t *p,
          size_t *floor, int *first, void *obj)
{
	struct val k = {"", NULL, node_at(r, p->key), 0, 0, *floor};
	struct val v = {"", NULL, node_at(r, p->value), 0, 0, 0};
	char found[PM_QUOTE_BUF + 16];
	pm_loc loc;
	int i;

	k.alias = aliased(r, p->key, *floor);
	v.floor = past(r, &k);
	v.alias = aliased(r, p->value, v.floor);
	*floor = past(r, &v);
	if (k.alias || k.node->type != YAML_SCALAR_NODE) {
		complain(r, val_loc(r, &k), "a %s must be a plain name, not %s",
		         ks->what, describe(r, &k, found, sizeof(found)));
		return;
	}
	loc = node_loc(r, k.node);
	i = pm_name_find(ks->keys, ks->nkeys, scalar_text(k.node));
	if (i < 0) {
		unknown_key(r, loc, ks, scalar_text(k.node));
	} else if (first[i] != 0) {
		complain(r, loc, "'%s' is given twice%s; first on line %d",
		         ks->keys[i], ks->where, first[i]);
	} else {
		first[i] = loc.line;
		v.name = ks->keys[i];
		v.key = k.node;
		ks->fn(r, (size_t)i, &v, obj);
	}
}

static void
walk_map(struct reader *r, yaml_node_t *map, const struct keyset *ks,
         void *obj)
{
	int *first = pm_xcalloc(ks->nkeys, sizeof(*first));
	size_t floor = map->start_mark.index;
	yaml_node_pair_t *p;

	enter(r, map);
	for (p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
	     p++)
		read_pair(r, ks, p, &floor, first, obj);
	leave(r);
	free(first);
}

static void
walk_list(struct reader *r, const struct val *list,
          void (*fn)(struct reader *, const struct val *, void *), void *obj)
{
	struct val v = {list->name, NULL, NULL, 1, 0, 0};
	size_t floor = list->node->start_mark.index;
	yaml_node_item_t *it;

	enter(r, list->node);
	for (it = list->node->data.sequence.items.start;
	     it < list->node->data.sequence.items.top; it++) {
		v.node = node_at(r, *it);
		v.floor = floor;
		v.alias = aliased(r, *it, floor);
		fn(r, &v, obj);
		floor = past(r, &v);
	}
	leave(r);
}

static size_t
list_len(const yaml_node_t *n)
{
	return (size_t)(n->data.sequence.items.top -
	                n->data.sequence.items.start);
}

static void
read_duration(struct reader *r, const struct val *v, int64_t *out)
{
	const char *s;

	if (absent(v) || (s = scalar(r, v, PM_WANT_DURATION)) == NULL)
		return;
	if (pm_duration_parse(s, out) != 0)
		wrong(r, v, PM_WANT_DURATION);
}

static void
read_min_whys(struct reader *r, const struct val *v)
{
	char q[PM_QUOTE_BUF];
	const char *s;

	if (absent(v) || (s = scalar(r, v, "a whole number like 3")) == NULL)
		return;
	switch (parse_count(s, &r->pol->min_whys)) {
	case 0:
		break;
	case -2:
		complain(r, val_loc(r, v), "'%s' must be zero or more, not %s",
		         v->name, quote(q, s, strlen(s)));
		break;
	default:
		wrong(r, v, "a whole number like 3");
		break;
	}
}

static void
read_level_name(struct reader *r, const struct val *v, struct level_read *lr)
{
	const char *s;

	lr->named = 1;
	if (absent(v) || (v->node->type == YAML_SCALAR_NODE && !v->alias &&
	                  v->node->data.scalar.length == 0)) {
		complain(r, val_loc(r, v), "a level's 'name' must not be empty");
		return;
	}
	if ((s = scalar(r, v, "a string")) == NULL)
		return;
	lr->lv.name = pm_xstrdup(s);
	lr->at = val_loc(r, v);
}

static void
level_key(struct reader *r, size_t k, const struct val *v, void *obj)
{
	struct level_read *lr = obj;
	const char *s;

	switch (k) {
	case K_NAME:
		read_level_name(r, v, lr);
		break;
	case K_DESCRIPTION:
		if (!absent(v) && (s = scalar(r, v, "a string")) != NULL)
			lr->lv.description = pm_xstrdup(s);
		break;
	case K_MAX_DURATION:
		read_duration(r, v, &lr->lv.max_resolve);
		break;
	case K_LEVEL_UPDATE:
		read_duration(r, v, &lr->lv.update_interval);
		break;
	case K_DEADLINE:
		read_duration(r, v, &lr->lv.follow_up_deadline);
		break;
	default:
		assert(!"unhandled level key");
	}
}

static const struct keyset level_set = {
    level_keys, PM_NAMES(level_keys), "level key", "",
    "a level's keys are", level_key};

/* FNV-1a of the name with ASCII case folded, as names are matched. */
static size_t
name_hash(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (uint32_t)lower((unsigned char)*s)) * 16777619u;
	return h;
}

/* The slot of the level called name, in any case, or the free slot it
 * would take. */
static size_t *
level_slot(const pm_policy *pol, const struct levels_read *ls,
           const char *name)
{
	size_t i = name_hash(name) & ls->mask;

	while (ls->slots[i] != 0 &&
	       !ci_equal(pol->levels[ls->slots[i] - 1].name, name))
		i = (i + 1) & ls->mask;
	return &ls->slots[i];
}

/* Adds the level unless its name is taken, in any case. */
static void
add_level(struct reader *r, struct levels_read *ls, struct level_read *lr)
{
	pm_policy *pol = r->pol;
	size_t *slot = level_slot(pol, ls, lr->lv.name);
	char q[PM_QUOTE_BUF];

	if (*slot != 0) {
		complain(r, lr->at, "level %s is given twice; first on line %d",
		         quote(q, lr->lv.name, strlen(lr->lv.name)),
		         ls->lines[*slot - 1]);
		free(lr->lv.name);
		free(lr->lv.description);
		return;
	}
	ls->lines[pol->nlevels] = lr->at.line;
	pol->levels[pol->nlevels++] = lr->lv;
	*slot = pol->nlevels;
}

static void
read_level(struct reader *r, const struct val *v, void *obj)
{
	struct levels_read *ls = obj;
	struct level_read lr;

	memset(&lr, 0, sizeof(lr));
	if (!expect(r, v, YAML_MAPPING_NODE, "a level (a mapping with a 'name')"))
		return;
	walk_map(r, v->node, &level_set, &lr);
	if (lr.lv.name != NULL) {
		add_level(r, ls, &lr);
		return;
	}
	if (!lr.named)
		complain(r, node_loc(r, v->node),
		         "a level in '%s' needs a 'name'", v->name);
	free(lr.lv.description);
}

static void
read_levels(struct reader *r, const struct val *v)
{
	struct levels_read ls;
	size_t n;

	if (absent(v) || !expect(r, v, YAML_SEQUENCE_NODE, "a list of levels"))
		return;
	if ((n = list_len(v->node)) == 0) {
		complain(r, val_loc(r, v), "'%s' must list at least one level; "
		         "leave it out for the default scale", v->name);
		return;
	}
	for (ls.mask = 1; ls.mask < 2 * n; ls.mask *= 2)
		continue;
	ls.slots = pm_xcalloc(ls.mask, sizeof(*ls.slots));
	ls.mask--;
	ls.lines = pm_xcalloc(n, sizeof(*ls.lines));
	r->pol->levels = pm_xcalloc(n, sizeof(*r->pol->levels));
	walk_list(r, v, read_level, &ls);
	free(ls.lines);
	free(ls.slots);
}

static void
read_section(struct reader *r, const struct val *v, void *obj)
{
	pm_section_set *set = obj;
	const char *s;
	int k;

	if ((s = scalar(r, v, "a section name")) == NULL)
		return;
	/* "custom" names the sections the format does not know; it is
	 * no section one can require. */
	if ((k = pm_name_find(pm_section_keys, PM_SEC_CUSTOM, s)) >= 0) {
		*set |= 1u << k;
		return;
	}
	unknown(r, val_loc(r, v), "section", s, "", pm_section_keys,
	        PM_SEC_CUSTOM, "the sections are");
}

static void
status_key(struct reader *r, size_t k, const struct val *v, void *obj)
{
	struct required_read *rq = obj;
	int id = node_id(r, v->node);
	size_t i;

	if (absent(v))
		return;
	for (i = 0; i < PM_STATUS__COUNT; i++) {
		if (rq->node[i] == id) {
			r->pol->required[k] = r->pol->required[i];
			return;
		}
	}
	if (!expect(r, v, YAML_SEQUENCE_NODE, "a list of sections"))
		return;
	rq->node[k] = id;
	r->pol->required[k] = 0;
	walk_list(r, v, read_section, &r->pol->required[k]);
}

static const struct keyset status_set = {
    pm_statuses, PM_STATUS__COUNT, "status", " in 'required_sections'",
    "the statuses are", status_key};

static void
read_required(struct reader *r, const struct val *v)
{
	struct required_read rq;

	memset(&rq, 0, sizeof(rq));
	if (absent(v) || !expect(r, v, YAML_MAPPING_NODE,
	                         "a mapping from status to a list of sections"))
		return;
	walk_map(r, v->node, &status_set, &rq);
}

static void
read_name(struct reader *r, const struct val *v, void *obj)
{
	struct names_read *nr = obj;
	const char *s;
	size_t ntypes = 0;

	if ((s = scalar(r, v, nr->types ? "a follow-up type" : "a string")) ==
	    NULL)
		return;
	while (pm_follow_up_types[ntypes] != NULL)
		ntypes++;
	if (nr->types && pm_name_find(pm_follow_up_types, 0, s) < 0) {
		unknown(r, val_loc(r, v), "follow-up type", s, "",
		        pm_follow_up_types, ntypes, "the types are");
		return;
	}
	nr->names[nr->n++] = pm_xstrdup(s);
}

/* follow_up_types and follow_up_priorities: lists of names. */
static void
read_names(struct reader *r, const struct val *v, int types)
{
	struct names_read nr = {NULL, 0, types};
	size_t n;

	if (absent(v) || !expect(r, v, YAML_SEQUENCE_NODE,
	                         types ? "a list of follow-up types"
	                               : "a list of priorities"))
		return;
	if ((n = list_len(v->node)) == 0) {
		complain(r, val_loc(r, v), "'%s' must list at least one %s; "
		         "leave it out to allow %s", v->name,
		         types ? "type" : "priority", types ? "all" : "any");
		return;
	}
	nr.names = pm_xcalloc(n, sizeof(*nr.names));
	walk_list(r, v, read_name, &nr);
	if (types) {
		r->pol->types = nr.names;
		r->pol->ntypes = nr.n;
	} else {
		r->pol->priorities = nr.names;
		r->pol->npriorities = nr.n;
	}
}

#define PM_WANT_HOURS "working hours like 08:00-16:00"

/* "HH:MM" at *s, as minutes after midnight; 24:00 is the day's end. */
static int
clock_at(const char **s, int *minutes)
{
	const char *p = skip_spaces(*s);
	int h = 0, m;

	if (!is_digit(p[0]))
		return -1;
	h = p[0] - '0';
	if (is_digit(p[1]))
		h = h * 10 + (*++p - '0');
	if (p[1] != ':' || !is_digit(p[2]) || !is_digit(p[3]))
		return -1;
	m = (p[2] - '0') * 10 + (p[3] - '0');
	if (m > 59 || h > 24 || (h == 24 && m != 0))
		return -1;
	*minutes = h * 60 + m;
	*s = skip_spaces(p + 4);
	return 0;
}

/* "08:00-16:00" (also with an en dash, or "to"); a window may run past
 * midnight (22:00-06:00), but must not be empty or ambiguous
 * (08:00-08:00); 00:00-24:00 is the whole day. */
static int
parse_hours(const char *s, int *from, int *to)
{
	if (clock_at(&s, from) != 0)
		return -1;
	if (*s == '-')
		s++;
	else if (strncmp(s, "\xe2\x80\x93", 3) == 0)
		s += 3;
	else if (strncmp(s, "to ", 3) == 0)
		s += 2;
	else
		return -1;
	if (clock_at(&s, to) != 0 || *s != '\0')
		return -1;
	/* the whole day, said in full: the same as no window */
	if (*from == 0 && *to == 24 * 60) {
		*to = 0;
		return 0;
	}
	if (*to == 24 * 60)
		*to = 0;
	if (*from == 24 * 60)
		*from = 0;
	return *from == *to ? -1 : 0;
}

static void
read_hours(struct reader *r, const struct val *v)
{
	const char *s;

	if (absent(v) || (s = scalar(r, v, PM_WANT_HOURS)) == NULL)
		return;
	if (parse_hours(s, &r->pol->update_from, &r->pol->update_to) != 0) {
		r->pol->update_from = r->pol->update_to = 0;
		wrong(r, v, PM_WANT_HOURS);
	}
}

/* The severity a word names, or PM_RULE_UNSET. */
static int
severity_word(const char *s)
{
	size_t i;

	for (i = 0; i < PM_NAMES(sev_words); i++)
		if (ci_equal(s, sev_words[i].word))
			return sev_words[i].severity;
	return PM_RULE_UNSET;
}

#define PM_WANT_SEVERITY "error, warning, note or off"

/* The errors of status final that 'final:' relaxes. */
static int
final_rule(pm_rule k)
{
	return k == PM_R_FOLLOWUP_DUE || k == PM_R_FOLLOWUP_OWNER ||
	       k == PM_R_REQUIRED_KEY;
}

/* One rule's severity. An error is never lowered, as with -W: a source
 * that pmc cannot read correctly must not pass because a policy said
 * so (docs/choices.md, "Rules in the policy"). */
static void
rule_key(struct reader *r, size_t k, const struct val *v, void *obj)
{
	char q[PM_QUOTE_BUF], msg[512];
	const char *s;
	int sev;

	(void)obj;
	if ((s = scalar(r, v, PM_WANT_SEVERITY)) == NULL)
		return;
	if ((sev = severity_word(s)) == PM_RULE_UNSET) {
		wrong(r, v, PM_WANT_SEVERITY);
		return;
	}
	if (pm_rule_severity((pm_rule)k) == PM_ERROR && sev != PM_ERROR) {
		snprintf(msg, sizeof(msg), "rule '%s' is an error and stays "
		         "one; %s is left out (a policy raises rules and "
		         "lowers warnings)%s", rule_ids[k], quote(q, s, strlen(s)),
		         final_rule((pm_rule)k)
		             ? "; 'final:' says what status final requires"
		             : "");
		pm_report(&r->src, PM_R_POLICY_KEY, val_loc(r, v), msg);
		return;
	}
	r->pol->rules[k] = (signed char)sev;
}

static const struct keyset rule_set = {
    rule_ids, PM_NAMES(rule_ids), "rule", " in 'rules'",
    "'pmc --list-rules' lists them", rule_key};

static void
read_rules(struct reader *r, const struct val *v)
{
	size_t i;

	if (absent(v) || !expect(r, v, YAML_MAPPING_NODE,
	                         "a mapping from rule to severity"))
		return;
	r->pol->rules = pm_xmalloc(PM_NAMES(rule_ids));
	for (i = 0; i < PM_NAMES(rule_ids); i++)
		r->pol->rules[i] = PM_RULE_UNSET;
	walk_map(r, v->node, &rule_set, NULL);
}

/* A yes or no: YAML 1.1's words for them, which libyaml leaves as
 * text. Returns 1, 0, or -1 after reporting. */
static int
read_flag(struct reader *r, const struct val *v)
{
	static const char *const yes[] = {"true", "yes", "on", "y"};
	static const char *const no[] = {"false", "no", "off", "n"};
	const char *s;

	if ((s = scalar(r, v, "true or false")) == NULL)
		return -1;
	if (pm_name_find(yes, PM_NAMES(yes), s) >= 0)
		return 1;
	if (pm_name_find(no, PM_NAMES(no), s) >= 0)
		return 0;
	wrong(r, v, "true or false");
	return -1;
}

static void
final_fu_key(struct reader *r, size_t k, const struct val *v, void *obj)
{
	int flag;

	(void)obj;
	if (absent(v) || (flag = read_flag(r, v)) < 0)
		return;
	if (k == K_FU_OWNER)
		r->pol->final_owner = flag;
	else
		r->pol->final_due = flag;
}

static const struct keyset final_fu_set = {
    final_fu_keys, PM_NAMES(final_fu_keys), "key",
    " in 'final: follow-ups'", "the keys are", final_fu_key};

static void
read_field(struct reader *r, const struct val *v, void *obj)
{
	unsigned *bits = obj;
	const char *s;
	int k;

	if ((s = scalar(r, v, "a front matter key")) == NULL)
		return;
	if ((k = pm_name_find(final_fields, PM_NAMES(final_fields), s)) >= 0) {
		*bits |= 1u << k;
		return;
	}
	unknown(r, val_loc(r, v), "key", s, " in 'final: require'",
	        final_fields, PM_NAMES(final_fields), "it may name");
}

static void
final_key(struct reader *r, size_t k, const struct val *v, void *obj)
{
	unsigned bits = 0;

	(void)obj;
	if (absent(v))
		return;
	if (k == K_FINAL_FOLLOW_UPS) {
		if (expect(r, v, YAML_MAPPING_NODE,
		           "a mapping like {owner: true, due: false}"))
			walk_map(r, v->node, &final_fu_set, NULL);
		return;
	}
	if (!expect(r, v, YAML_SEQUENCE_NODE,
	            "a list of front matter keys like [owner, resolved]"))
		return;
	walk_list(r, v, read_field, &bits);
	/* final_fields lists the owner first, then the milestones in
	 * order: bit k of what was read is PM_FINAL_OWNER or a
	 * PM_FINAL_MS(k - 1). */
	r->pol->final = bits;
}

static const struct keyset final_set = {
    final_keys, PM_NAMES(final_keys), "key", " in 'final'", "the keys are",
    final_key};

static void
read_final(struct reader *r, const struct val *v)
{
	if (absent(v) ||
	    !expect(r, v, YAML_MAPPING_NODE,
	            "a mapping like {require: [owner, resolved]}"))
		return;
	walk_map(r, v->node, &final_set, NULL);
}

static void
policy_key(struct reader *r, size_t k, const struct val *v, void *obj)
{
	(void)obj;
	switch (k) {
	case K_SEVERITIES:
		read_levels(r, v);
		break;
	case K_MIN_WHYS:
		read_min_whys(r, v);
		break;
	case K_UPDATE:
		read_duration(r, v, &r->pol->update_interval);
		break;
	case K_REQUIRED:
		read_required(r, v);
		break;
	case K_TYPES:
		read_names(r, v, 1);
		break;
	case K_PRIOS:
		read_names(r, v, 0);
		break;
	case K_HOURS:
		read_hours(r, v);
		break;
	case K_RULES:
		read_rules(r, v);
		break;
	case K_FINAL:
		read_final(r, v);
		break;
	default:
		assert(!"unhandled policy key");
	}
}

static const struct keyset policy_set = {
    policy_keys, PM_NAMES(policy_keys), "policy key", "", "the keys are",
    policy_key};

/* A YAML error: libyaml's reader gives a byte offset, the scanner,
 * parser and composer a mark. */
static void
syntax(struct reader *r, const yaml_parser_t *p)
{
	pm_loc loc, ctx;
	const char *problem = p->problem ? p->problem : "unknown error";

	if (p->error == YAML_READER_ERROR) {
		loc = loc_at(r, p->problem_offset, 1);
		if (strcmp(problem, "control characters are not allowed") == 0)
			complain(r, loc, "control character U+%04X is not "
			         "allowed in a policy file", p->problem_value);
		else
			complain(r, loc, "cannot read the policy file: %s",
			         problem);
		return;
	}
	if (p->error == YAML_MEMORY_ERROR) {
		complain(r, loc_at(r, 0, 0), "out of memory reading YAML");
		return;
	}
	loc = loc_at(r, byte_at(r, p->problem_mark.index), 1);
	if (p->context == NULL) {
		complain(r, loc, "invalid YAML: %s", problem);
		return;
	}
	ctx = loc_at(r, byte_at(r, p->context_mark.index), 1);
	complain(r, loc, "invalid YAML: %s (%s that starts on line %d)",
	         problem, p->context, ctx.line);
}

static void
read_root(struct reader *r)
{
	yaml_node_t *root = yaml_document_get_root_node(&r->doc);
	struct val v = {"", NULL, root, 0, 0, 0};
	char found[PM_QUOTE_BUF + 16];

	/* An empty file, or one with only comments, is the default. */
	if (root == NULL || is_null(root))
		return;
	if (root->type != YAML_MAPPING_NODE) {
		complain(r, node_loc(r, root), "a policy file must be a mapping "
		         "of keys like 'severities' and 'min_whys', not %s",
		         describe(r, &v, found, sizeof(found)));
		return;
	}
	walk_map(r, root, &policy_set, NULL);
}

/* The first document is the policy; anything after it is a mistake. */
static void
read_yaml(struct reader *r, yaml_parser_t *p)
{
	yaml_node_t *root;

	if (!yaml_parser_load(p, &r->doc)) {
		syntax(r, p);
		return;
	}
	read_root(r);
	yaml_document_delete(&r->doc);
	if (!yaml_parser_load(p, &r->doc)) {
		syntax(r, p);
		return;
	}
	root = yaml_document_get_root_node(&r->doc);
	if (root != NULL && !is_null(root))
		complain(r, node_loc(r, root), "a policy file holds one YAML "
		         "document; this is a second one");
	yaml_document_delete(&r->doc);
}

/* A policy needs three levels; see yamldepth.h for why deeper YAML is
 * refused before it is loaded. */
static int
too_deep(struct reader *r)
{
	yaml_mark_t where;

	if (!pm_yaml_too_deep(r->src.text, r->src.len, PM_MAX_NEST, &where))
		return 0;
	complain(r, loc_at(r, byte_at(r, where.index), 1),
	         "lists and mappings nest more than %d deep here; a policy "
	         "needs three levels at most",
	         PM_MAX_NEST);
	return 1;
}

/* Starts a parser over the text; -1 when libyaml has no memory. */
static int
parser_open(struct reader *r, yaml_parser_t *p)
{
	if (!yaml_parser_initialize(p)) {
		complain(r, loc_at(r, 0, 0), "out of memory reading YAML");
		return -1;
	}
	yaml_parser_set_input_string(p, (const unsigned char *)r->src.text,
	                             r->src.len);
	yaml_parser_set_encoding(p, YAML_UTF8_ENCODING);
	return 0;
}

static void
read_text(struct reader *r)
{
	const char *t = r->src.text;
	size_t len = r->src.len, bad;
	yaml_parser_t p;

	/* Checked here rather than by libyaml, to point at the byte. */
	if ((bad = pm_utf8_validate(t, len)) < len) {
		complain(r, loc_at(r, bad, 1), "invalid UTF-8 byte 0x%02x; a "
		         "policy file must be UTF-8", (unsigned char)t[bad]);
		return;
	}
	if (too_deep(r) || parser_open(r, &p) != 0)
		return;
	read_yaml(r, &p);
	yaml_parser_delete(&p);
}

/* The whole file, or NULL with errno set. */
static char *
read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *text;
	int err;

	if (f == NULL)
		return NULL;
	text = pm_read_all(f, len);
	err = errno;
	fclose(f);
	errno = err;
	return text;
}

pm_policy *
pm_policy_load(const char *path, pm_diag_fn fn, void *arg, int *errors)
{
	struct reader r;
	pm_policy *pol = NULL;
	char *text;
	size_t len, bom = 0;

	if (errors != NULL)
		*errors = 0;
	if ((text = read_file(path, &len)) == NULL)
		return NULL;
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		bom = 3;
	memset(&r, 0, sizeof(r));
	r.pol = policy_new();
	r.pol->path = pm_xstrdup(path);
	pm_src_init(&r.src, path, text + bom, len - bom, fn, arg);
	/* a file that is not a policy (a secret a link points at) must not
	 * be quoted: its findings name lines and keys, never show a line */
	r.src.no_excerpt = 1;
	read_text(&r);
	if (errors != NULL)
		*errors = r.src.errors;
	r.pol->warnings = r.src.warnings;
	if (r.src.errors > 0)
		pm_policy_free(r.pol);
	else
		pol = r.pol;
	pm_src_flush(&r.src);
	pm_src_free(&r.src);
	free(text);
	return pol;
}

/* The folder of a source path; "-" (standard input) is the current one. */
static char *
folder_of(const char *source)
{
	const char *slash;

	if (source == NULL || strcmp(source, "-") == 0 ||
	    (slash = strrchr(source, '/')) == NULL)
		return pm_xstrdup(".");
	if (slash == source)
		return pm_xstrdup("/");
	return pm_xstrndup(source, (size_t)(slash - source));
}

/* The first policy file in dir or above; dir is absolute and resolved,
 * and is cut short on the way up. */
static char *
walk_up(char *dir)
{
	char *path = pm_xmalloc(strlen(dir) + sizeof("/" PM_POLICY_FILE));
	struct stat st;
	char *cut;

	for (;;) {
		sprintf(path, "%s/%s", strcmp(dir, "/") ? dir : "",
		        PM_POLICY_FILE);
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
			return path;
		if (strcmp(dir, "/") == 0)
			break;
		cut = strrchr(dir, '/');
		cut[cut == dir] = '\0';
	}
	free(path);
	return NULL;
}

/* The path relative to the current folder when it lies below it, for
 * diagnostics that read like the command line; else as it is. */
static char *
shorten(char *path)
{
	char *cwd = realpath(".", NULL), *out = path;
	size_t n;

	if (cwd == NULL)
		return path;
	n = strlen(cwd);
	if (strcmp(cwd, "/") == 0)
		out = pm_xstrdup(path + 1);
	else if (strncmp(path, cwd, n) == 0 && path[n] == '/')
		out = pm_xstrdup(path + n + 1);
	if (out != path)
		free(path);
	free(cwd);
	return out;
}

char *
pm_policy_find(const char *source_path)
{
	char *dir = folder_of(source_path), *real, *found = NULL;

	/* realpath, so that ".." and symbolic links lead up the tree the
	 * way the kernel sees it. */
	if ((real = realpath(dir, NULL)) != NULL &&
	    (found = walk_up(real)) != NULL)
		found = shorten(found);
	free(real);
	free(dir);
	return found;
}

/* SEV1-SEV5 and P0-P4, in any case. */
static int
default_level(const char *s)
{
	if (lower((unsigned char)s[0]) == 'p')
		return s[1] >= '0' && s[1] <= '4' && s[2] == '\0';
	return ci_equal_n(s, 3, "sev") && s[3] >= '1' && s[3] <= '5' &&
	       s[4] == '\0';
}

int
pm_policy_level(const pm_policy *pol, const char *severity)
{
	size_t i;

	if (severity == NULL)
		return -1;
	if (pol == NULL || pol->levels == NULL)
		return default_level(severity) ? 0 : -1;
	for (i = 0; i < pol->nlevels; i++)
		if (ci_equal(pol->levels[i].name, severity))
			return (int)i;
	return -1;
}

/* Does the scale list its least severe level first? So its maximum
 * durations say, when it gives them: they grow towards the severe end
 * (a longer incident belongs to a higher level, as severity-duration
 * reads them), and a level without one is past every level with one.
 * Without any, the most severe comes first, as SEV1 and P0 do. */
static int
least_first(const pm_policy *pol)
{
	size_t i, j;

	for (i = 0; i < pol->nlevels && pol->levels[i].max_resolve == 0; i++)
		;
	for (j = i + 1; j < pol->nlevels; j++)
		if (pol->levels[j].max_resolve != pol->levels[i].max_resolve)
			return pol->levels[j].max_resolve == 0 ||
			       pol->levels[j].max_resolve >
			           pol->levels[i].max_resolve;
	return 0;
}

int
pm_policy_rank(const pm_policy *pol, const char *severity)
{
	int k = pm_policy_level(pol, severity);

	if (k >= 0 && pol != NULL && pol->levels != NULL)
		return least_first(pol) ? (int)pol->nlevels - 1 - k : k;
	if (k < 0)
		return k;
	return lower((unsigned char)severity[0]) == 'p' ? severity[1] - '0'
	                                                : severity[3] - '1';
}

int64_t
pm_policy_update_interval(const pm_policy *pol, const char *severity)
{
	int k = pm_policy_level(pol, severity);

	if (pol->levels != NULL && k >= 0 &&
	    pol->levels[k].update_interval > 0)
		return pol->levels[k].update_interval;
	return pol->update_interval;
}

int
pm_policy_follow_up_days(const pm_policy *pol, const char *severity)
{
	int k = pm_policy_level(pol, severity);
	int64_t s;

	if (pol->levels == NULL || k < 0 ||
	    (s = pol->levels[k].follow_up_deadline) <= 0)
		return 0;
	return (int)((s + 86399) / 86400);
}

/* a / b rounded down, for times before 1970 as well. */
static int64_t
floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* Seconds inside the working window from the start of local day 0 to
 * the local time x: whole days, then the part of x's own day. */
static int64_t
working_before(const pm_policy *pol, int64_t x)
{
	int64_t day = floor_div(x, 86400), sec = x - day * 86400;
	int64_t from = pol->update_from * 60, to = pol->update_to * 60;

	if (from < to)
		return day * (to - from) +
		       (sec < from ? 0 : sec > to ? to - from : sec - from);
	/* a window over midnight: [0, to) and [from, 86400) */
	return day * (86400 - from + to) + (sec < to ? sec : to) +
	       (sec > from ? sec - from : 0);
}

int64_t
pm_policy_working(const pm_policy *pol, int64_t from, int64_t to)
{
	if (to <= from)
		return 0;
	if (pol->update_from == pol->update_to)
		return to - from;
	return working_before(pol, to) - working_before(pol, from);
}
