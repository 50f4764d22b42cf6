/* md.c: the Markdown front end: checks the bytes, splits off the front
 * matter, parses the body with libcmark-gfm and builds the IR section by
 * section (format.md sections 1-5, 8). */
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>

#include <cmark-gfm-core-extensions.h>

#include "alloc.h"
#include "ir.h"
#include "md.h"
#include "suppress.h"
#include "text.h"
#include "utf8.h"

static const pm_loc nowhere = {0, 0, 1};

/*
 * libcmark's memory for the body of one source, from a bump allocator
 * kept per thread: its nodes and buffers all die together when the tree
 * is dropped, and malloc and free of each of them (hundreds of calls per
 * source, most of them reallocs of growing buffers) cost a tenth of the
 * parse. A block is handed out after a header with its size, so that
 * realloc knows what to copy; the last block grows in place.
 */
struct chunk {
	struct chunk *next;
	size_t cap, used; /* of mem, in bytes */
	max_align_t mem[];
};

#define ALIGN alignof(max_align_t)
#define HEAD (((sizeof(size_t) + ALIGN - 1) / ALIGN) * ALIGN)
#define CHUNK_SIZE ((size_t)32 * 1024)
/* The most a thread keeps between sources. */
#define ARENA_KEEP ((size_t)1024 * 1024)

/* Under AddressSanitizer (the test suite, the fuzzers) cmark allocates
 * from the heap, so that ASan sees every block of the tree on its own. */
#if defined(__SANITIZE_ADDRESS__)
#define PM_ARENA 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PM_ARENA 0
#endif
#endif
#ifndef PM_ARENA
#define PM_ARENA 1
#endif

static pthread_once_t arena_once = PTHREAD_ONCE_INIT;
static pthread_key_t arena_key; /* the thread's chunk list, current one first */

static void
arena_free(void *head)
{
	struct chunk *c = head, *next;

	for (; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
}

static void
arena_init(void)
{
	if (pthread_key_create(&arena_key, arena_free) != 0)
		abort();
}

static size_t
round_up(size_t n)
{
	return (n + ALIGN - 1) / ALIGN * ALIGN;
}

static void *
arena_alloc(size_t size)
{
	struct chunk *c = pthread_getspecific(arena_key), *fresh;
	size_t need = HEAD + round_up(size), cap;
	char *p;

	if (size > SIZE_MAX / 2)
		abort();
	/* a chunk that cannot take the block is passed over for good */
	if (c == NULL || c->cap - c->used < need) {
		cap = need > CHUNK_SIZE ? need : CHUNK_SIZE;
		fresh = pm_xmalloc(sizeof(*fresh) + cap);
		fresh->cap = cap;
		fresh->used = 0;
		fresh->next = c;
		c = fresh;
		if (pthread_setspecific(arena_key, c) != 0)
			abort();
	}
	p = (char *)c->mem + c->used;
	c->used += need;
	memcpy(p, &size, sizeof(size));
	return p + HEAD;
}

static void *
arena_calloc(size_t n, size_t size)
{
	void *p;

	if (size != 0 && n > SIZE_MAX / 2 / size)
		abort();
	p = arena_alloc(n * size);
	memset(p, 0, n * size);
	return p;
}

static void *
arena_realloc(void *old, size_t size)
{
	struct chunk *c = pthread_getspecific(arena_key);
	char *p = old;
	size_t had;
	void *q;

	if (old == NULL)
		return arena_alloc(size);
	memcpy(&had, p - HEAD, sizeof(had));
	/* the last block of the current chunk grows where it is */
	if (c != NULL && p + round_up(had) == (char *)c->mem + c->used &&
	    size <= SIZE_MAX / 2 &&
	    round_up(size) - round_up(had) <= c->cap - c->used) {
		c->used = c->used - round_up(had) + round_up(size);
		memcpy(p - HEAD, &size, sizeof(size));
		return p;
	}
	q = arena_alloc(size);
	memcpy(q, p, had < size ? had : size);
	return q;
}

static void
arena_drop(void *p)
{
	(void)p; /* all go at arena_reset */
}

/* Empties this thread's arena. A source that took more than one chunk
 * leaves one chunk of their size (up to ARENA_KEEP) for the next, so that
 * a thread soon parses without a call to malloc. */
static void
arena_reset(void)
{
	struct chunk *c = pthread_getspecific(arena_key), *one;
	size_t total = 0;

	if (c != NULL && c->next == NULL) {
		c->used = 0;
		return;
	}
	for (one = c; one != NULL; one = one->next)
		total += one->cap;
	arena_free(c);
	one = NULL;
	if (total > 0) {
		total = total < ARENA_KEEP ? total : ARENA_KEEP;
		one = pm_xmalloc(sizeof(*one) + total);
		one->cap = total;
		one->used = 0;
		one->next = NULL;
	}
	if (pthread_setspecific(arena_key, one) != 0)
		abort();
}

static cmark_mem arena_mem = {arena_calloc, arena_realloc, arena_drop};

/* GitHub's extensions, found once, in the order pm_md_parser drops them
 * from the end: cmark-gfm registers them in a global
 * list that is only read afterwards. */
static pthread_once_t ext_once = PTHREAD_ONCE_INIT;
static cmark_syntax_extension *gfm_ext[4];

static void
ext_init(void)
{
	static const char *const names[] = {"table", "strikethrough",
	                                    "autolink", "tasklist"};
	size_t i;

	cmark_gfm_core_extensions_ensure_registered();
	for (i = 0; i < sizeof(gfm_ext) / sizeof(gfm_ext[0]); i++)
		if ((gfm_ext[i] = cmark_find_syntax_extension(names[i])) == NULL)
			abort(); /* a broken libcmark-gfm install */
}

cmark_parser *
pm_md_parser(cmark_mem *mem, int which)
{
	cmark_parser *parser;
	size_t i, n = sizeof(gfm_ext) / sizeof(gfm_ext[0]) - (size_t)which;
	int opts;

	pthread_once(&ext_once, ext_init);
	opts = PM_MD_OPTIONS;
	parser = mem ? cmark_parser_new_with_mem(opts, mem)
	             : cmark_parser_new(opts);
	for (i = 0; i < n; i++)
		cmark_parser_attach_syntax_extension(parser, gfm_ext[i]);
	return parser;
}

cmark_node *
pm_md_parse(const char *text, size_t len, cmark_mem *mem, int which)
{
	cmark_parser *parser = pm_md_parser(mem, which);
	cmark_node *doc;

	cmark_parser_feed(parser, text, len);
	doc = cmark_parser_finish(parser);
	cmark_parser_free(parser);
	return doc;
}

cmark_node *
pm_md_parse_piece(const char *text, size_t len)
{
	pthread_once(&arena_once, arena_init);
	return pm_md_parse(text, len, PM_ARENA ? &arena_mem : NULL, 0);
}

/* Invalid UTF-8 and NUL bytes stop the front end: nothing after them can
 * be trusted to mean what the writer meant. */
static int
check_bytes(pm_md *md)
{
	const pm_src *src = md->src;
	const char *nul = memchr(src->text, '\0', src->len);
	size_t bad = pm_utf8_validate(src->text, src->len);
	int rc = 0;

	if (nul != NULL) {
		pm_report(md->src, PM_R_NUL, pm_src_loc(src, nul, 1));
		rc = -1;
	}
	if (bad < src->len) {
		pm_report(md->src, PM_R_UTF8, pm_src_loc(src, src->text + bad, 1),
		          (unsigned char)src->text[bad]);
		rc = -1;
	}
	return rc;
}

/* Is line a front matter fence ("---", or "..." when closing)? */
static int
is_fence(const pm_src *src, int line, int closing)
{
	size_t n;
	const char *s = pm_src_line(src, line, &n);

	if (s == NULL || n < 3)
		return 0;
	if (strncmp(s, "---", 3) != 0 && !(closing && strncmp(s, "...", 3) == 0))
		return 0;
	return pm_text_blank(s + 3, n - 3);
}

int
pm_md_front_matter(const pm_src *src, pm_fm_span *span)
{
	int line;

	if (!is_fence(src, 1, 0))
		return -1;
	for (line = 2; (size_t)line <= src->nlines; line++)
		if (is_fence(src, line, 1))
			break;
	if ((size_t)line > src->nlines)
		return -2;
	span->close = line;
	span->start = src->nlines > 1 ? src->lines[1] : src->len;
	span->yaml_end = src->lines[line - 1];
	/* The front matter runs through its closing fence's line. */
	span->end = (size_t)line < src->nlines ? src->lines[line] : src->len;
	return 0;
}

/* Blanks the control character cp at byte i, n bytes long; reports it
 * when report is set. */
static void
blank_control(pm_src *src, char *body, size_t i, size_t n, int32_t cp,
              int report)
{
	if (report)
		pm_report(src, PM_R_CONTROL_CHAR,
		          pm_src_loc(src, src->text + i, n), (unsigned)cp);
	memset(body + i, ' ', n);
}

/* Front matter bytes blanked but every line break kept, so that cmark's
 * lines are the file's; control characters blanked byte for byte, so
 * that its columns are too. Printable ASCII, most of any source, is
 * copied without being decoded. */
char *
pm_md_body_text(pm_src *src, size_t fm_end, int report)
{
	char *body = pm_xmalloc(src->len + 1);
	size_t i, n;
	int32_t cp;

	memcpy(body, src->text, src->len);
	body[src->len] = '\0';
	/* fm_end starts a line: no sequence straddles it */
	for (i = 0; i < fm_end && i < src->len; i++)
		if (body[i] != '\n' && body[i] != '\r')
			body[i] = ' ';
	for (; i < src->len; i += n) {
		unsigned char c = (unsigned char)src->text[i];

		n = 1;
		if (c >= 0x20 && c < 0x7f)
			continue;
		if (c < 0x80) {
			if (c != '\n' && c != '\r' && c != '\t')
				blank_control(src, body, i, 1, c, report);
			continue;
		}
		if ((n = pm_utf8_decode(src->text + i, src->len - i, &cp)) == 0)
			n = 1, cp = 0xfffd;
		if (cp >= 0x80 && cp < 0xa0)
			blank_control(src, body, i, n, cp, report);
	}
	return body;
}

/* Where the nth (from 0) reference to a control character in node's
 * source is written. */
static pm_loc
ref_loc(const pm_md *md, cmark_node *node, int nth)
{
	int line = cmark_node_get_start_line(node);
	int col = cmark_node_get_start_column(node);
	int last = cmark_node_get_end_line(node);
	size_t len, i, n = 1;
	const char *s;

	for (; line > 0 && line <= last; line++, col = 1) {
		if ((s = pm_src_line(md->src, line, &len)) == NULL)
			break;
		for (i = col > 0 ? (size_t)col - 1 : 0; i < len; i++)
			if (s[i] == '&' &&
			    pm_utf8_is_control(
			        pm_utf8_numeric_ref(s + i, len - i, &n)) &&
			    nth-- == 0)
				return pm_src_loc_bytes(md->src, line,
				                        (int)i + 1, n);
	}
	return pm_md_loc(md, node);
}

/* s with each control character a character reference spelled ("&#x85;",
 * "&#27;") reported at the reference and made a space, as body_text
 * blanks the ones written as bytes; NULL if s has none. *nth counts the node's
 * references so far. Tab and line feed (&#9;, &#10;) are kept. */
static char *
blank_refs(pm_md *md, cmark_node *node, const char *s, int *nth)
{
	size_t i, n, len = s ? strlen(s) : 0, out = 0;
	char *copy = NULL;
	int32_t cp;

	for (i = 0; i < len; i += n) {
		n = pm_utf8_decode(s + i, len - i, &cp);
		if (n == 0)
			n = 1, cp = 0xfffd;
		if (pm_utf8_is_control(cp)) {
			if (copy == NULL) {
				copy = memcpy(pm_xmalloc(len + 1), s, i);
				out = i;
			}
			pm_report(md->src, PM_R_CONTROL_CHAR,
			          ref_loc(md, node, (*nth)++), (unsigned)cp);
			copy[out++] = ' ';
		} else if (copy != NULL) {
			memcpy(copy + out, s + i, n);
			out += n;
		}
	}
	if (copy != NULL)
		copy[out] = '\0';
	return copy;
}

/* libcmark decodes character references in text, link destinations and
 * titles and a fence's info string: the control characters they spell
 * are reported and blanked there, so that no reader of the tree and no
 * report meets one. (Code keeps its references as written.) */
static void
blank_tree_refs(pm_md *md, cmark_node *tree)
{
	cmark_iter *it = cmark_iter_new(tree);
	cmark_node *node;
	char *s;
	int nth;

	while (cmark_iter_next(it) != CMARK_EVENT_DONE) {
		if (cmark_iter_get_event_type(it) != CMARK_EVENT_ENTER)
			continue;
		node = cmark_iter_get_node(it);
		nth = 0;
		switch (cmark_node_get_type(node)) {
		case CMARK_NODE_TEXT:
			s = blank_refs(md, node, cmark_node_get_literal(node),
			               &nth);
			if (s != NULL)
				cmark_node_set_literal(node, s);
			break;
		case CMARK_NODE_LINK:
		case CMARK_NODE_IMAGE:
			s = blank_refs(md, node, cmark_node_get_url(node),
			               &nth);
			if (s != NULL)
				cmark_node_set_url(node, s);
			free(s);
			s = blank_refs(md, node, cmark_node_get_title(node),
			               &nth);
			if (s != NULL)
				cmark_node_set_title(node, s);
			break;
		case CMARK_NODE_CODE_BLOCK:
			s = blank_refs(md, node,
			               cmark_node_get_fence_info(node), &nth);
			if (s != NULL)
				cmark_node_set_fence_info(node, s);
			break;
		default:
			s = NULL;
			break;
		}
		free(s);
	}
	cmark_iter_free(it);
}

int
pm_md_dst(pm_md *md, pm_local_status ls, const pm_stamp *st, pm_loc loc,
          int offset)
{
	char when[32], off[8];

	if (ls != PM_LOCAL_GAP && ls != PM_LOCAL_AMBIGUOUS)
		return 0;
	/* formatted only for a report: this runs for every timestamp */
	snprintf(when, sizeof(when), "%04d-%02d-%02d %02d:%02d", st->year,
	         st->month, st->day, st->hour, st->min);
	if (ls == PM_LOCAL_GAP) {
		pm_report(md->src, PM_R_DST_GAP, loc, when, md->tzname);
		return -1;
	}
	if (ls == PM_LOCAL_AMBIGUOUS) {
		pm_offset_format(offset, off);
		pm_report(md->src, PM_R_DST_AMBIGUOUS, loc, when, md->tzname,
		          off);
	}
	return 0;
}

void
pm_md_milestone(pm_md *md, const char *kind, pm_time t, int offset,
                pm_loc loc)
{
	int k = kind ? pm_name_find(pm_milestones, PM_MS__COUNT, kind) : -1;

	/* an unreadable front matter value is not replaced by a guess */
	if (k < 0 || md->ms[k].set || (md->doc->unread & (1u << k)))
		return;
	md->ms[k] = (pm_ms){1, 1, t, offset, loc};
}

/* A value of one of the names in table, else reported and dflt. */
static const char *
enum_value(pm_md *md, const pm_fm_value *v, const char *const *table,
           size_t n, const char *what, const char *expected,
           const char *dflt)
{
	if (v->s == NULL || v->bad)
		return dflt;
	if (pm_name_find(table, n, v->s) >= 0)
		return v->s;
	pm_report(md->src, PM_R_BAD_VALUE, v->loc, v->s, what, expected);
	return dflt;
}

/* BCP 47 in the shape that matters here: letters, then subtags. */
static int
lang_ok(const char *s)
{
	size_t i = 0, sub = 0;

	for (; s[i]; i++) {
		if (s[i] == '-' && sub > 0 && sub <= 8 && i > 1) {
			sub = 0;
			continue;
		}
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9' && i > 3)))
			return 0;
		sub++;
	}
	return i >= 2 && sub > 0 && sub <= 8 && strcspn(s, "-") <= 3;
}

/* The id by default: the file name without folders and extension. */
static char *
default_id(const char *name)
{
	const char *base = strrchr(name, '/'), *dot;

	base = base ? base + 1 : name;
	if (strcmp(name, "-") == 0)
		return pm_xstrdup("stdin");
	dot = strrchr(base, '.');
	return pm_xstrndup(base, dot && dot > base ? (size_t)(dot - base)
	                                           : strlen(base));
}

static void
add_value(xmlNodePtr root, pm_el el, const pm_fm_value *v)
{
	if (v->s != NULL)
		pm_ir_add_text(root, el, v->s, strlen(v->s), v->loc);
}

/* 'updated': a date, YYYY-MM-DD, else a finding and no element. */
static void
add_updated(pm_md *md, xmlNodePtr root, const pm_fm_value *v)
{
	int y, mo, d;

	if (v->s == NULL || v->bad)
		return;
	if (pm_date_parse(v->s, strlen(v->s), &y, &mo, &d) != PM_STAMP_OK)
		pm_report(md->src, PM_R_BAD_VALUE, v->loc, v->s, "updated",
		          "a date, YYYY-MM-DD");
	else
		add_value(root, PM_EL_UPDATED, v);
}

static void
add_list(xmlNodePtr root, pm_el list, pm_el item, const pm_fm_list *l)
{
	xmlNodePtr el;
	size_t i;

	if (!l->set)
		return;
	el = pm_ir_add(root, list, l->n ? l->locs[0] : nowhere);
	for (i = 0; i < l->n; i++)
		pm_ir_add_text(el, item, l->items[i], strlen(l->items[i]),
		               l->locs[i]);
}

/* The place of a field inside a front matter scalar: past its opening
 * quote, if it has one. */
static pm_loc
value_field(const pm_md *md, const pm_fm_value *v, size_t off, size_t n)
{
	size_t len, at = 0, k;
	const char *line = pm_src_line(md->src, v->loc.line, &len);
	pm_loc loc = v->loc;
	int32_t cp;
	int col = 1;

	while (line != NULL && at < len && col < v->loc.col) {
		k = pm_utf8_decode(line + at, len - at, &cp);
		at += k ? k : 1;
		col++;
	}
	if (line != NULL && at < len && (line[at] == '"' || line[at] == '\''))
		loc.col++;
	loc.col += (int)pm_utf8_count(v->s, off);
	loc.span = n ? (int)pm_utf8_count(v->s + off, n) : 1;
	return loc;
}

/* A value given but not read (its own error said why) is not also
 * missing: doc->unread keeps it from "required" and from figures. Its
 * date, when one starts it, still dates the timeline's first entries. */
static void
unreadable(pm_md *md, pm_milestone k, const pm_fm_value *v)
{
	int y, m, d;
	size_t used;

	md->doc->unread |= 1u << k;
	if (k == PM_MS_STARTED &&
	    pm_date_words(v->s, strlen(v->s), &y, &m, &d, &used) ==
	        PM_STAMP_OK) {
		md->day = (int)pm_days_from_civil(y, m, d);
		md->has_day = 1;
	}
}

static void
read_time(pm_md *md, pm_milestone k, const pm_fm_value *v)
{
	size_t used, bad, badlen;
	pm_stamp st;
	pm_stamp_status rc;
	pm_local_status ls;
	char msg[300];
	pm_ms ms = {1, 0, 0, 0, v->loc};

	if (v->bad)
		goto unread;
	rc = pm_stamp_parse(v->s, strlen(v->s), PM_STAMP_WORDS, &st, &used,
	                    &bad, &badlen);
	if (rc == PM_STAMP_RANGE) {
		snprintf(msg, sizeof(msg), "'%s': '%.*s' is out of range",
		         v->s, (int)badlen, v->s + bad);
		pm_report(md->src, PM_R_BAD_TIMESTAMP,
		          value_field(md, v, bad, badlen), msg);
		goto unread;
	}
	if (rc != PM_STAMP_OK) {
		snprintf(msg, sizeof(msg),
		         "'%s' of '%s' is not a timestamp "
		         "(YYYY-MM-DD HH:MM[:SS][Z|±HH:MM])",
		         v->s, pm_milestones[k]);
		pm_report(md->src, PM_R_BAD_TIMESTAMP, v->loc, msg);
		goto unread;
	}
	if (pm_stamp_zone(&st, v->s, md->lang, msg, sizeof(msg)) < 0) {
		pm_report(md->src, PM_R_BAD_TIMEZONE,
		          value_field(md, v, st.zone_at, st.zone_len), msg);
		goto unread;
	}
	ls = pm_stamp_resolve(&st, md->tz, &ms.t, &ms.offset);
	if (pm_md_dst(md, ls, &st, v->loc, ms.offset) < 0)
		goto unread;
	md->ms[k] = ms;
	return;
unread:
	unreadable(md, k, v);
}

static void
read_zone(pm_md *md, const pm_fm_value *v)
{
	char msg[300], off[8];
	const pm_zone_word *w = NULL;
	pm_tz *region = NULL;

	md->tzname = v->s && !v->bad ? v->s : "UTC";
	md->tz = pm_tz_load(md->tzname);
	if (v->s != NULL && !v->bad)
		w = pm_zone_word_find(v->s, strlen(v->s), md->lang);
	/* tzdata keeps some words of the zone table as zones of their own:
	 * its CET and EET follow daylight saving time as the regions do,
	 * but its EST and MST are one offset all year where the regions
	 * the table gives them keep daylight saving time, so that
	 * 'timezone: EST' for a July incident in New York (-04:00 then)
	 * would be an hour off. Its HST is Honolulu's time all year. */
	if (md->tz != NULL && w != NULL && !w->ambiguous &&
	    strcmp(w->zones, "UTC") != 0 && !pm_tz_keeps_dst(md->tz) &&
	    (region = pm_tz_load(w->zones)) != NULL &&
	    pm_tz_keeps_dst(region)) {
		pm_offset_format(w->offset, off);
		snprintf(msg, sizeof(msg),
		         "tzdata's zone '%s' is %s all year, but %s follows "
		         "daylight saving time; write %s if all year is meant, "
		         "or %s",
		         v->s, off, w->zones, off, w->zones);
		pm_report(md->src, PM_R_BAD_TIMEZONE, v->loc, msg);
		pm_tz_free(md->tz);
		md->tz = NULL;
	} else if (md->tz == NULL) {
		pm_zone_hint(v->s, md->lang, msg, sizeof(msg));
		pm_report(md->src, PM_R_BAD_TIMEZONE, v->loc, msg);
	}
	pm_tz_free(region);
	if (md->tz == NULL) {
		md->tzname = "UTC";
		md->tz = pm_tz_load("UTC");
	}
}

static void
emit_meta(pm_md *md, pm_meta *m)
{
	xmlNodePtr root = md->root;
	const char *status, *sev;
	char *id;
	int k;

	/* the IR's id is never empty (schemas/postmortem.xsd) */
	if (m->id.s != NULL && *m->id.s == '\0')
		pm_report(md->src, PM_R_BAD_VALUE, m->id.loc, "", "id",
		          "a name such as 2024-03-db-failover");
	id = m->id.s && *m->id.s ? pm_xstrdup(m->id.s)
	                         : default_id(md->doc->name);

	status = enum_value(md, &m->status, pm_statuses, PM_STATUS__COUNT,
	                    "status", "draft, review or final", "draft");
	md->status = (pm_status)pm_name_find(pm_statuses, PM_STATUS__COUNT,
	                                     status);
	md->lang = "en";
	if (m->lang.s != NULL && !m->lang.bad && !lang_ok(m->lang.s))
		pm_report(md->src, PM_R_BAD_VALUE, m->lang.loc, m->lang.s,
		          "language tag", "a BCP 47 tag such as en, nb or ja");
	else if (m->lang.s != NULL && !m->lang.bad)
		md->lang = m->lang.s;
	pm_ir_set(root, "version", "1");
	pm_ir_set(root, "id", id);
	pm_ir_set(root, "lang", md->lang);
	pm_ir_set(root, "status", status);
	pm_ir_set(root, "audience",
	          enum_value(md, &m->audience, pm_audiences, 0, "audience",
	                     "internal or public", "internal"));
	pm_ir_set_int(root, "line", 1);
	pm_ir_set_int(root, "col", 1);
	free(id);
	pm_ir_add_text(root, PM_EL_TITLE, m->title.s ? m->title.s : "",
	               m->title.s ? strlen(m->title.s) : 0, m->title.loc);
	add_value(root, PM_EL_IMPACT, &m->impact);
	if (m->severity.bad)
		md->doc->unread |= PM_UNREAD_SEVERITY;
	sev = m->severity.s && !m->severity.bad ? m->severity.s : "";
	pm_ir_add_text(root, PM_EL_SEVERITY, sev, strlen(sev),
	               m->severity.loc);
	read_zone(md, &m->timezone);
	pm_ir_add_text(root, PM_EL_TIMEZONE, md->tzname, strlen(md->tzname),
	               m->timezone.loc);
	add_value(root, PM_EL_OWNER, &m->owner);
	add_list(root, PM_EL_AUTHORS, PM_EL_PERSON, &m->authors);
	add_list(root, PM_EL_SERVICES, PM_EL_SERVICE, &m->services);
	if (m->detected_by.s != NULL &&
	    enum_value(md, &m->detected_by, pm_detected_by, 0, "detected_by",
	               "monitoring, customer, employee, vendor or other",
	               NULL) != NULL)
		add_value(root, PM_EL_DETECTED_BY, &m->detected_by);
	add_list(root, PM_EL_TAGS, PM_EL_TAG, &m->tags);
	add_list(root, PM_EL_RELATED, PM_EL_REF, &m->related);
	add_updated(md, root, &m->updated);
	for (k = 0; k < PM_MS__COUNT; k++)
		if (m->times[k].s != NULL)
			read_time(md, (pm_milestone)k, &m->times[k]);
}

/* Time-only timeline entries before any date take started's date. */
static void
start_day(pm_md *md)
{
	pm_ms *s = &md->ms[PM_MS_STARTED];

	if (!s->set)
		return;
	md->day = (int)((s->t + s->offset) / 86400 -
	                ((s->t + s->offset) % 86400 < 0));
	md->has_day = 1;
}

static void
emit_times(pm_md *md)
{
	xmlNodePtr times, el, first;
	char iso[PM_TIME_ISO_MAX];
	int k, any = 0;

	for (k = 0; k < PM_MS__COUNT; k++)
		any |= md->ms[k].set;
	if (!any)
		return;
	times = xmlNewNode(md->root->ns, BAD_CAST pm_ir_name(PM_EL_TIMES));
	for (k = 0; k < PM_MS__COUNT; k++) {
		if (!md->ms[k].set)
			continue;
		el = pm_ir_add(times, pm_ir_milestone(k), md->ms[k].loc);
		pm_time_format(md->ms[k].t, md->ms[k].offset, iso);
		pm_ir_set(el, "at", iso);
		if (md->ms[k].from_timeline)
			pm_ir_set(el, "from", "timeline");
	}
	first = pm_ir_first(md->root, PM_EL_SECTION);
	if (first != NULL)
		xmlAddPrevSibling(first, times);
	else
		xmlAddChild(md->root, times);
}

/* The state of the section being built. */
typedef struct walk {
	xmlNodePtr sec;        /* the section, NULL before the first */
	pm_section_key key;
	xmlNodePtr target;     /* where blocks go: section or internal */
	xmlNodePtr sub;        /* open lessons subsection */
	pm_internal internal;
	int preamble;          /* preamble already reported */
	int blocks;            /* blocks seen before the first section */
	int *marks;            /* lines of top-level internal markers,
	                          opening and closing by turns */
	size_t nmarks;
	xmlNodePtr notes[2];   /* the footnotes: public, internal */
	long nfn;              /* footnote definitions met */
	int *defs;             /* their lines */
	size_t ndefs;
} walk;

/* Notes the line of node, an audience marker that took effect. */
static void
mark_line(pm_md *md, walk *w, cmark_node *node)
{
	w->marks = pm_xrealloc(w->marks, (w->nmarks + 1) * sizeof(*w->marks));
	w->marks[w->nmarks++] = pm_md_loc(md, node).line;
}

static void
end_section(pm_md *md, walk *w)
{
	if (w->sec != NULL)
		pm_prose_marker_end(md, &w->internal, &w->target);
	w->sub = NULL;
}

static void
open_section(pm_md *md, walk *w, cmark_node *heading)
{
	char *text = pm_prose_plain(heading);
	const char *s;
	size_t n = pm_text_trim(text, strlen(text), &s);
	char *trimmed = pm_xstrndup(s, n);

	end_section(md, w);
	w->key = pm_section_match(trimmed, n, md->lang);
	if (w->key == PM_SEC_TIMELINE)
		pm_timeline_open(md, trimmed);
	w->sec = pm_ir_add(md->root, PM_EL_SECTION, pm_md_loc(md, heading));
	pm_ir_set(w->sec, "key", pm_section_keys[w->key]);
	pm_ir_set(w->sec, "heading", trimmed);
	w->target = w->sec;
	md->whys = md->why_heading = md->why_open = NULL;
	md->whys_list = 0;
	free(trimmed);
	free(text);
}

/* Equal but for the amount of whitespace between and around words? */
static int
same_words(const char *a, const char *b)
{
	for (;;) {
		while (*a == ' ' || *a == '\t')
			a++;
		while (*b == ' ' || *b == '\t')
			b++;
		if (*a == '\0' || *b == '\0')
			return *a == *b;
		while (*a && *a == *b && *a != ' ' && *a != '\t')
			a++, b++;
		if ((*a == ' ' || *a == '\t' || !*a) !=
		    (*b == ' ' || *b == '\t' || !*b))
			return 0;
		if (*a && *b && *a != ' ' && *a != '\t')
			return 0;
	}
}

static void
title_heading(pm_md *md, walk *w, cmark_node *node)
{
	char *text = pm_prose_plain(node);
	xmlNodePtr title = pm_ir_first(md->root, PM_EL_TITLE);
	char *want = title ? pm_ir_content(title) : pm_xstrdup("");

	if (w->sec != NULL || w->blocks > 0) {
		pm_report(md->src, PM_R_HEADING_LEVEL, pm_md_loc(md, node));
		if (w->sec != NULL)
			pm_prose_block(md, node, w->target);
	} else {
		if (!same_words(text, want))
			pm_report(md->src, PM_R_TITLE_MISMATCH,
			          pm_md_loc(md, node), want);
	}
	w->blocks++;
	free(text);
	free(want);
}

static void
lessons_block(pm_md *md, walk *w, cmark_node *node)
{
	char *text;
	const char *key, *s;
	size_t n;

	if (cmark_node_get_type(node) != CMARK_NODE_HEADING ||
	    cmark_node_get_heading_level(node) != 3) {
		pm_prose_block(md, node, w->sub ? w->sub : w->target);
		return;
	}
	text = pm_prose_plain(node);
	n = pm_text_trim(text, strlen(text), &s);
	key = pm_lessons_match(s, n);
	w->sub = pm_ir_add(w->target, PM_EL_SUBSECTION, pm_md_loc(md, node));
	pm_ir_set(w->sub, "key", key ? key : "custom");
	text[(s - text) + n] = '\0';
	pm_ir_set(w->sub, "heading", s);
	free(text);
}

static void
section_block(pm_md *md, walk *w, cmark_node *node)
{
	xmlNodePtr before = w->target;

	if (pm_prose_marker(md, node, &w->internal, &w->target)) {
		if (w->target != before)
			mark_line(md, w, node);
		w->sub = NULL;
		return;
	}
	switch (w->key) {
	case PM_SEC_TIMELINE:
		if (pm_timeline_block(md, node, w->target))
			return;
		break;
	case PM_SEC_FIVE_WHYS:
		if (pm_whys_block(md, node, w->target))
			return;
		break;
	case PM_SEC_FOLLOW_UPS:
		if (pm_follow_ups_block(md, node, w->target))
			return;
		break;
	case PM_SEC_LESSONS:
		pm_stray_structure(md, node, w->key,
		                   pm_ir_get(w->sec, "heading"));
		lessons_block(md, w, node);
		return;
	default:
		pm_stray_structure(md, node, w->key,
		                   pm_ir_get(w->sec, "heading"));
		break;
	}
	pm_prose_block(md, node, w->target);
}

static void
preamble_block(pm_md *md, walk *w, cmark_node *node)
{
	const char *lit;

	if (cmark_node_get_type(node) == CMARK_NODE_HTML_BLOCK) {
		lit = cmark_node_get_literal(node);
		while (*lit == ' ' || *lit == '\t')
			lit++;
		if (strncmp(lit, "<!--", 4) == 0 &&
		    !pm_prose_marker(md, node, &w->internal, &w->target))
			return; /* a comment, dropped silently */
	}
	w->blocks++;
	if (!w->preamble)
		pm_report(md->src, PM_R_PREAMBLE, pm_md_loc(md, node));
	w->preamble = 1;
}

/* The label of a footnote definition "[^label]:" starting s (after up to
 * three blanks), or 0. */
static size_t
note_label(const char *s, size_t n, const char **label)
{
	size_t i = 0, k;

	while (i < n && i < 3 && s[i] == ' ')
		i++;
	if (n - i < 5 || s[i] != '[' || s[i + 1] != '^')
		return 0;
	k = i + 2;
	while (k < n && s[k] != ']' && s[k] != ' ' && s[k] != '\t' &&
	       s[k] != '[')
		k++;
	if (k == i + 2 || k + 1 >= n || s[k] != ']' || s[k + 1] != ':')
		return 0;
	*label = s + i + 2;
	return k - i - 2;
}

/* libcmark-gfm drops the definitions no text cites, as GitHub does: a
 * line that starts one and is not the start of a definition kept is
 * reported. (A code block quoting footnote syntax at the start of a line
 * is reported too; that is rare enough.) */
static void
unused_notes(pm_md *md, const walk *w, int first)
{
	size_t n, k, i;
	const char *s, *label;
	int line, kept;
	pm_loc loc;

	for (line = first; (size_t)line <= md->src->nlines; line++) {
		s = pm_src_line(md->src, line, &n);
		if (s == NULL || (k = note_label(s, n, &label)) == 0)
			continue;
		for (i = 0, kept = 0; i < w->ndefs && !kept; i++)
			kept = w->defs[i] == line;
		if (kept)
			continue;
		loc = pm_src_loc(md->src, label - 2, k + 3);
		pm_report(md->src, PM_R_FOOTNOTE_UNUSED, loc, (int)k, label);
	}
}

/* Was line inside a top-level internal block? */
static int
internal_line(const walk *w, int line)
{
	size_t i;

	for (i = 0; i < w->nmarks; i += 2)
		if (line > w->marks[i] &&
		    (i + 1 == w->nmarks || line < w->marks[i + 1]))
			return 1;
	return 0;
}

/* A footnote definition: libcmark-gfm moves the cited ones to the end of
 * the document in the order first cited (their number) and drops the
 * others. They go to the end of the last section, as GitHub shows them
 * at the end of the page; a note cited only from internal text, or
 * written inside an internal block, goes to an internal block there, so
 * that the public version does not show it. */
static void
footnote_def(pm_md *md, walk *w, cmark_node *node)
{
	long n = ++w->nfn;
	unsigned refs = (size_t)n < md->fn_cap ? md->fn_refs[n] : 0;
	int internal = internal_line(w, pm_md_loc(md, node).line) ||
	               refs == PM_FN_INTERNAL;
	xmlNodePtr fn, up;
	char num[24];

	w->defs = pm_xrealloc(w->defs, (w->ndefs + 1) * sizeof(*w->defs));
	w->defs[w->ndefs++] = cmark_node_get_start_line(node);
	if (w->sec == NULL)
		return;
	if (w->notes[internal] == NULL) {
		up = internal ? pm_ir_add(w->sec, PM_EL_INTERNAL,
		                          pm_md_loc(md, node))
		              : w->sec;
		w->notes[internal] = pm_ir_add(up, PM_EL_FOOTNOTES,
		                               pm_md_loc(md, node));
	}
	fn = pm_ir_add(w->notes[internal], PM_EL_FOOTNOTE, pm_md_loc(md, node));
	snprintf(num, sizeof(num), "%ld", n);
	pm_ir_set(fn, "n", num);
	pm_prose_blocks(md, cmark_node_first_child(node), fn);
}

/* first: the first line of the body. */
static void
walk_body(pm_md *md, cmark_node *doc, int first)
{
	walk w;
	cmark_node *node;

	memset(&w, 0, sizeof(w));
	w.target = md->root;
	for (node = cmark_node_first_child(doc); node != NULL;
	     node = cmark_node_next(node)) {
		int level = cmark_node_get_type(node) == CMARK_NODE_HEADING
		                ? cmark_node_get_heading_level(node)
		                : 0;
		if (cmark_node_get_type(node) ==
		    CMARK_NODE_FOOTNOTE_DEFINITION)
			footnote_def(md, &w, node);
		else if (level == 2)
			open_section(md, &w, node);
		else if (level == 1)
			title_heading(md, &w, node);
		else if (w.sec == NULL)
			preamble_block(md, &w, node);
		else
			section_block(md, &w, node);
	}
	end_section(md, &w);
	if (w.sec == NULL && w.internal.outer != NULL)
		pm_prose_marker_end(md, &w.internal, &w.target);
	unused_notes(md, &w, first);
	free(w.marks);
	free(w.defs);
}

/* Finds the front matter, reporting when there is none. */
static int
front_matter(pm_md *md, pm_fm_span *span)
{
	switch (pm_md_front_matter(md->src, span)) {
	case 0:
		return 0;
	case -1:
		pm_report(md->src, PM_R_FM_MISSING, (pm_loc){1, 1, 1});
		return -1;
	default:
		pm_report(md->src, PM_R_FM_UNTERMINATED, (pm_loc){1, 1, 3});
		return -1;
	}
}

int
pm_md_read(pm_doc *doc)
{
	pm_md md;
	pm_meta meta;
	pm_fm_span fm;
	int rc = -1;
	char *body = NULL;
	cmark_node *tree;

	memset(&md, 0, sizeof(md));
	memset(&meta, 0, sizeof(meta));
	md.doc = doc;
	md.src = &doc->src;
	if (check_bytes(&md) < 0 || front_matter(&md, &fm) < 0)
		return -1;
	/* After a YAML syntax error nothing in the document can be
	 * trusted to mean what it says; stop, as a compiler does. */
	if (pm_fm_read(md.src, md.src->text + fm.start, fm.yaml_end - fm.start,
	               2, &meta) < 0) {
		pm_fm_free(&meta);
		return -1;
	}
	doc->ir = pm_ir_new();
	md.root = xmlDocGetRootElement(doc->ir);
	emit_meta(&md, &meta);
	start_day(&md);
	body = pm_md_body_text(md.src, fm.end, 1);
	tree = pm_md_parse_piece(body, md.src->len);
	blank_tree_refs(&md, tree);
	pm_suppress_scan(&md, tree);
	walk_body(&md, tree, fm.close + 1);
	pm_said_milestones(&md);
	if (PM_ARENA)
		arena_reset();
	else
		cmark_node_free(tree);
	emit_times(&md);
	free(md.fn_refs);
	rc = 0;
	free(body);
	pm_fm_free(&meta);
	pm_tz_free(md.tz);
	return rc;
}
