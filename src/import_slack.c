/* import_slack.c: a Slack channel export (the folder Slack's export
 * writes: users.json, channels.json, a folder per channel of one JSON
 * file per day) into posts, each message one, its mrkdwn turned into
 * CommonMark and its mentions into the names the export has. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "alloc.h"
#include "import_json.h"
#include "io.h"

/* A user of users.json: its id and the name a reader knows. */
typedef struct user {
	char *id, *name, *tz;
} user;

typedef struct slack {
	const pm_slack_opts *opts;
	int bol;  /* where the text is: pm_md_inline()'s *bol */
	pm_diag_fn fn;
	void *arg;
	pm_import *im;
	user *users;
	size_t nusers;
	int errors, warnings;
	size_t seen; /* messages read, chosen or not */
	pm_time since, until; /* the window, resolved in the draft's zone */
} slack;

/* ---- files ---- */

/* Reads path into a pm_src of its own; NULL when it cannot be read
 * (reported). The caller frees the bytes and the source. */
static char *
load(slack *s, const char *path, pm_src *src, json_t **root)
{
	FILE *f = fopen(path, "rb");
	char *bytes = NULL, msg[300];
	size_t len = 0;

	*root = NULL;
	if (f != NULL)
		bytes = pm_read_all(f, &len);
	pm_src_init(src, path, bytes ? bytes : "", len, s->fn, s->arg);
	if (bytes == NULL) {
		snprintf(msg, sizeof(msg), "cannot be read: %s", strerror(errno));
		pm_report(src, PM_R_IMPORT_SHAPE, (pm_loc){0, 0, 1}, "$", msg);
	} else {
		*root = pm_json_load(src);
	}
	if (f != NULL)
		fclose(f);
	return bytes;
}

static void
done(slack *s, pm_src *src, char *bytes, json_t *root)
{
	pm_src_flush(src);
	s->errors += src->errors;
	s->warnings += src->warnings;
	pm_src_free(src);
	json_decref(root);
	free(bytes);
}

static int
by_id(const void *a, const void *b)
{
	return strcmp(((const user *)a)->id, ((const user *)b)->id);
}

/* The name users.json gives a user: the profile's real name, else the
 * account's, else its handle. */
static const char *
name_of(json_t *u)
{
	json_t *p = json_object_get(u, "profile");
	const char *keys[] = {"real_name", "display_name"};
	const char *v;
	size_t k;

	for (k = 0; k < 2; k++) {
		v = json_string_value(json_object_get(p, keys[k]));
		if (v != NULL && *v)
			return v;
	}
	v = json_string_value(json_object_get(u, "real_name"));
	if (v != NULL && *v)
		return v;
	return json_string_value(json_object_get(u, "name"));
}

/* users.json beside the channel's folder, if the export has it. */
static void
read_users(slack *s, const char *path)
{
	pm_src src;
	json_t *root, *u;
	char *bytes;
	const char *id, *name;
	size_t k;
	struct stat st;

	if (stat(path, &st) != 0)
		return;
	bytes = load(s, path, &src, &root);
	json_array_foreach(root, k, u) {
		id = json_string_value(json_object_get(u, "id"));
		if (id == NULL || (name = name_of(u)) == NULL)
			continue;
		s->users = pm_xrealloc(s->users, (s->nusers + 1) * sizeof(user));
		s->users[s->nusers].id = pm_xstrdup(id);
		s->users[s->nusers].name = pm_xstrdup(name);
		id = json_string_value(json_object_get(u, "tz"));
		s->users[s->nusers++].tz = id ? pm_xstrdup(id) : NULL;
	}
	if (s->nusers > 0) /* users is NULL without any */
		qsort(s->users, s->nusers, sizeof(user), by_id);
	done(s, &src, bytes, root);
}

static const user *
find_user(const slack *s, const char *id, size_t n)
{
	char key[64];
	user k;

	if (n >= sizeof(key) || s->nusers == 0)
		return NULL;
	memcpy(key, id, n);
	key[n] = '\0';
	k.id = key;
	return bsearch(&k, s->users, s->nusers, sizeof(user), by_id);
}

/* ---- mrkdwn ---- */

/* Appends text[0..n) to md as plain text and to words, with Slack's
 * three entities decoded. */
static void
plain(slack *s, pm_buf *md, pm_buf *words, const char *t, size_t n)
{
	pm_buf dec = {0};
	size_t i;

	for (i = 0; i < n; i++) {
		if (strncmp(t + i, "&amp;", 5) == 0 && i + 5 <= n)
			pm_buf_putc(&dec, '&'), i += 4;
		else if (strncmp(t + i, "&lt;", 4) == 0 && i + 4 <= n)
			pm_buf_putc(&dec, '<'), i += 3;
		else if (strncmp(t + i, "&gt;", 4) == 0 && i + 4 <= n)
			pm_buf_putc(&dec, '>'), i += 3;
		else
			pm_buf_putc(&dec, t[i]);
	}
	if (dec.len > 0) {
		pm_md_inline(md, dec.data, dec.len, &s->bol);
		pm_words_put(words, dec.data, dec.len);
	}
	pm_buf_free(&dec);
}

/* A URL as a link's destination (in parentheses: pmc fmt keeps no
 * pointy-bracket one) or an autolink (<url>), in md; as it is written,
 * in words. */
static void
url_to(pm_buf *md, pm_buf *words, const char *u, size_t n, int autolink)
{
	pm_buf_putc(md, autolink ? '<' : '(');
	pm_url_put(md, u, n, !autolink);
	pm_buf_putc(md, autolink ? '>' : ')');
	pm_buf_putc(words, ' '); /* as the brackets part it in the draft */
	pm_url_put(words, u, n, !autolink);
	pm_buf_putc(words, ' ');
}

/* <@U123>, <#C1|name>, <!here>, <url|text>, <url>. */
static void
angle(slack *s, pm_buf *md, pm_buf *words, const char *t, size_t n)
{
	const char *bar = memchr(t, '|', n);
	size_t head = bar ? (size_t)(bar - t) : n;
	const user *u;

	if (t[0] == '@') {
		u = find_user(s, t + 1, head - 1);
		if (bar != NULL)
			plain(s, md, words, bar + 1, n - head - 1);
		else if (u != NULL)
			plain(s, md, words, u->name, strlen(u->name));
		else
			plain(s, md, words, t, head);
	} else if (t[0] == '#' || t[0] == '!') {
		if (bar != NULL)
			plain(s, md, words, bar + 1, n - head - 1);
		else
		{
			plain(s, md, words, t[0] == '!' ? "@" : "#", 1);
			plain(s, md, words, t + 1, head - 1);
		}
	} else if (bar != NULL) {
		pm_buf_putc(md, '[');
		pm_buf_putc(words, ' '); /* as the bracket parts it */
		plain(s, md, words, bar + 1, n - head - 1);
		pm_buf_putc(md, ']');
		url_to(md, words, t, head, 0);
	} else {
		url_to(md, words, t, head, 1);
	}
}

static int
word_char(const char *t, size_t i, size_t n)
{
	unsigned char c;

	if (i >= n)
		return 0;
	c = (unsigned char)t[i];
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	       (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* The end of a *bold*, _italic_ or ~strike~ span opened at t[i], or 0:
 * Slack's rule, the marker at a word's edges, the text on one line. */
static size_t
span_end(const char *t, size_t i, size_t n)
{
	char m = t[i];
	size_t k;

	if (word_char(t, i - (i > 0), n) && i > 0)
		return 0;
	if (i + 1 >= n || t[i + 1] == ' ' || t[i + 1] == m)
		return 0;
	for (k = i + 1; k < n && t[k] != '\n'; k++)
		if (t[k] == m && t[k - 1] != ' ' && !word_char(t, k + 1, n))
			return k;
	return 0;
}

static void mrkdwn(slack *s, pm_buf *md, pm_buf *words, const char *t,
                   size_t n);

static void
styled(slack *s, pm_buf *md, pm_buf *words, const char *t, size_t n,
       char m)
{
	const char *mark = m == '*' ? "**" : m == '_' ? "*" : "~~";

	pm_buf_puts(md, mark);
	mrkdwn(s, md, words, t, n);
	pm_buf_puts(md, mark);
}

/* The end of `code` or ```pre``` at t, or 0. */
static size_t
code_end(const char *t, size_t n, size_t *fence)
{
	size_t k;

	*fence = n >= 6 && strncmp(t, "```", 3) == 0 ? 3 : 1;
	for (k = *fence; k + *fence <= n; k++)
		if (strncmp(t + k, "```", *fence) == 0)
			break;
	if (k + *fence > n || k == *fence || (*fence == 1 && memchr(t, '\n', k)))
		return 0;
	return k;
}

/* `code` and ```pre```, kept as written in a code span or a fenced
 * block (whose text a line break around it does not belong to). */
static void
code(slack *s, pm_buf *md, pm_buf *words, const char *t, size_t k,
     size_t fence)
{
	const char *c = t + fence;
	size_t n = k - fence;

	if (fence == 3) {
		/* the line break before the fence is no hard break */
		if (md->len >= 2 && memcmp(md->data + md->len - 2, "\\\n", 2) == 0)
			md->len -= 2;
		if (n > 0 && *c == '\n')
			c++, n--;
		if (n > 0 && c[n - 1] == '\n')
			n--;
		pm_buf_printf(md, "\n\n```\n%.*s\n```\n\n", (int)n, c);
		s->bol = 2;
	} else {
		pm_buf_printf(md, "`` %.*s ``", (int)n, c);
		s->bol = 0;
	}
	pm_buf_putc(words, ' '); /* a span's backticks part it from the text */
	pm_buf_put(words, c, n);
	pm_buf_putc(words, ' ');
}

static void
mrkdwn(slack *s, pm_buf *md, pm_buf *words, const char *t, size_t n)
{
	size_t i = 0, run = 0, e, fence;
	const char *gt;

	while (i < n) {
		e = 0;
		if (t[i] == '<' && (gt = memchr(t + i, '>', n - i)) != NULL &&
		    gt > t + i + 1) {
			plain(s, md, words, t + run, i - run);
			angle(s, md, words, t + i + 1, (size_t)(gt - t - i - 1));
			e = (size_t)(gt - t) + 1;
		} else if (t[i] == '`' && (e = code_end(t + i, n - i, &fence))) {
			plain(s, md, words, t + run, i - run);
			code(s, md, words, t + i, e, fence);
			e += i + fence;
		} else if (strchr("*_~", t[i]) != NULL &&
		           (e = span_end(t, i, n)) != 0) {
			plain(s, md, words, t + run, i - run);
			styled(s, md, words, t + i + 1, e - i - 1, t[i]);
			e++;
		}
		if (e == 0) {
			i++;
			continue;
		}
		i = run = e;
	}
	plain(s, md, words, t + run, n - run);
}

/* ---- messages ---- */

static int
has_reaction(json_t *m, const char *name)
{
	json_t *r;
	size_t k;
	const char *n;

	json_array_foreach(json_object_get(m, "reactions"), k, r) {
		n = json_string_value(json_object_get(r, "name"));
		if (n != NULL && strcmp(n, name) == 0)
			return 1;
	}
	return 0;
}

static int
chosen(const slack *s, json_t *m, pm_time t)
{
	const pm_slack_opts *o = s->opts;

	if ((o->has_since && t < s->since) || (o->has_until && t > s->until))
		return 0;
	if (o->pinned && json_array_size(json_object_get(m, "pinned_to")) == 0)
		return 0;
	return o->reaction == NULL || has_reaction(m, o->reaction);
}

static const char *
author(const slack *s, json_t *m)
{
	const char *id = json_string_value(json_object_get(m, "user"));
	const user *u = id ? find_user(s, id, strlen(id)) : NULL;
	const char *v;

	if (u != NULL)
		return u->name;
	v = json_string_value(json_object_get(
	    json_object_get(m, "user_profile"), "real_name"));
	if (v != NULL && *v)
		return v;
	v = json_string_value(json_object_get(m, "username"));
	return v ? v : id;
}

/* A bot's attachments (an alerting tool's text is often only there):
 * their text, else their fallback, as paragraphs after the text. */
static void
attachments(slack *s, pm_buf *md, pm_buf *words, json_t *m)
{
	json_t *a;
	size_t k;
	const char *t;

	json_array_foreach(json_object_get(m, "attachments"), k, a) {
		t = json_string_value(json_object_get(a, "text"));
		if (t == NULL || *t == '\0')
			t = json_string_value(json_object_get(a, "fallback"));
		if (t == NULL || *t == '\0')
			continue;
		pm_buf_puts(md, md->len ? "\n\n" : "");
		s->bol = 2;
		mrkdwn(s, md, words, t, strlen(t));
		pm_buf_putc(words, '\n');
	}
}

/* A message's files, as links after its text. */
static void
files(slack *s, pm_buf *md, pm_buf *words, json_t *m)
{
	json_t *f;
	size_t k;
	const char *name, *url;

	json_array_foreach(json_object_get(m, "files"), k, f) {
		name = json_string_value(json_object_get(f, "name"));
		url = json_string_value(json_object_get(f, "permalink"));
		if (name == NULL || url == NULL)
			continue;
		pm_buf_puts(md, md->len ? "\n\n[" : "[");
		plain(s, md, words, name, strlen(name));
		pm_buf_putc(md, ']');
		url_to(md, words, url, strlen(url), 0);
	}
}

static void
message(slack *s, pm_src *src, json_t *m, const char *path)
{
	const char *ts = pm_json_str(src, m, "ts", path, 1);
	const char *text = json_string_value(json_object_get(m, "text"));
	const char *who;
	pm_buf md = {0};
	pm_post *p;
	char *end;
	double secs;
	size_t k;

	if (ts == NULL)
		return;
	if (text == NULL && json_object_get(m, "text") != NULL &&
	    !json_is_null(json_object_get(m, "text"))) {
		pm_report(src, PM_R_IMPORT_SHAPE, (pm_loc){0, 0, 1}, path,
		          "text is not a string");
		return;
	}
	secs = strtod(ts, &end);
	if (end == ts || *end != '\0' || secs < 0 || secs > 253402300799.0) {
		pm_report(src, PM_R_IMPORT_SHAPE, (pm_loc){0, 0, 1}, path,
		          "ts is no Slack time (1704706500.000200)");
		return;
	}
	s->seen++;
	if (!chosen(s, m, (pm_time)secs))
		return;
	p = pm_import_post(s->im);
	p->t = (pm_time)secs;
	if ((who = author(s, m)) != NULL) {
		pm_md_plain(&md, who, strlen(who));
		p->author = md.data;
		pm_words_put(&s->im->words, who, strlen(who));
		pm_buf_putc(&s->im->words, '\n');
		memset(&md, 0, sizeof(md));
	}
	s->bol = 2;
	mrkdwn(s, &md, &s->im->words, text ? text : "", text ? strlen(text) : 0);
	pm_buf_putc(&s->im->words, '\n');
	attachments(s, &md, &s->im->words, m);
	files(s, &md, &s->im->words, m);
	/* a last line break, or a code block's, ends nothing */
	while (md.len > 0 && md.data[md.len - 1] == '\n')
		md.len--;
	for (k = md.len; k > 0 && md.data[k - 1] == '\\'; k--)
		;
	if ((md.len - k) % 2 == 1)
		md.len--; /* a hard break's, not an escaped backslash */
	p->body = md.data ? pm_xstrdup(pm_buf_cstr(&md)) : pm_xstrdup("");
	pm_buf_free(&md);
}

static void
day(slack *s, const char *path)
{
	pm_src src;
	json_t *root, *m;
	char *bytes = load(s, path, &src, &root), at[64];
	size_t k;

	if (root != NULL && !json_is_array(root))
		pm_report(&src, PM_R_IMPORT_SHAPE, (pm_loc){0, 0, 1}, "$",
		          "not an array of messages");
	json_array_foreach(root, k, m) {
		snprintf(at, sizeof(at), "[%zu]", k);
		if (json_is_object(m))
			message(s, &src, m, at);
	}
	done(s, &src, bytes, root);
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The day files of the channel's folder, YYYY-MM-DD.json, in order. */
static int
days(slack *s, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL, *path;
	size_t n = 0, k, len;
	int y, mo, dd;

	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL) {
		len = strlen(e->d_name);
		if (len != 15 || strcmp(e->d_name + 10, ".json") != 0 ||
		    pm_date_parse(e->d_name, 10, &y, &mo, &dd) != PM_STAMP_OK)
			continue;
		names = pm_xrealloc(names, (n + 1) * sizeof(char *));
		names[n++] = pm_xstrdup(e->d_name);
	}
	closedir(d);
	if (n > 0) /* names is NULL without any */
		qsort(names, n, sizeof(char *), by_name);
	for (k = 0; k < n; k++) {
		path = pm_xmalloc(strlen(dir) + strlen(names[k]) + 2);
		sprintf(path, "%s/%s", dir, names[k]);
		day(s, path);
		free(path);
		free(names[k]);
	}
	free(names);
	return 0;
}

/* ---- the export ---- */

static int
is_file(const char *dir, const char *name)
{
	char *path = pm_xmalloc(strlen(dir) + strlen(name) + 2);
	struct stat st;
	int yes;

	sprintf(path, "%s/%s", dir, name);
	yes = stat(path, &st) == 0 && S_ISREG(st.st_mode);
	free(path);
	return yes;
}

/* The one channel folder of an export, or NULL after saying why (none,
 * or several: the user names one). */
static char *
channel_of(const char *dir, pm_src *src)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char *found = NULL, *path;
	struct stat st;
	pm_buf names = {0};
	int n = 0;

	while (d != NULL && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		path = pm_xmalloc(strlen(dir) + strlen(e->d_name) + 2);
		sprintf(path, "%s/%s", dir, e->d_name);
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode) && n++ < 8) {
			pm_buf_printf(&names, "%s%s", names.len ? ", " : "",
			              e->d_name);
			free(found);
			found = path;
		} else {
			free(path);
		}
	}
	if (d != NULL)
		closedir(d);
	if (n != 1) {
		pm_buf_printf(&names, n > 8 ? ", ..." : "");
		pm_report(src, PM_R_IMPORT_SHAPE, (pm_loc){0, 0, 1}, dir,
		          n == 0 ? "the export has no channel folder"
		                 : "the export has several channels; name "
		                   "the one to import (EXPORT/CHANNEL)");
		if (n > 1)
			pm_report(src, PM_R_IMPORT_SHAPE, (pm_loc){0, 0, 1}, dir,
			          pm_buf_cstr(&names));
		free(found);
		found = NULL;
	}
	pm_buf_free(&names);
	return found;
}

/* The zone most of the export's users are in, when users.json says. */
static void
zone(slack *s)
{
	size_t k, j, best = 0, count, top = 0;

	for (k = 0; k < s->nusers; k++) {
		if (s->users[k].tz == NULL)
			continue;
		for (count = 0, j = 0; j < s->nusers; j++)
			count += s->users[j].tz &&
			         strcmp(s->users[j].tz, s->users[k].tz) == 0;
		if (count > top)
			top = count, best = k;
		if (top * 2 > s->nusers)
			break;
	}
	if (top > 0)
		s->im->zone = pm_xstrdup(s->users[best].tz);
}

static void
title(slack *s, const char *channel)
{
	const char *base = strrchr(channel, '/');
	pm_buf t = {0};

	pm_buf_printf(&t, "TODO (Slack #%s)", base ? base + 1 : channel);
	s->im->title = t.data;
}

/* The window's ends as instants: a time without an offset is read in
 * the zone the draft is written in, so that "--since 10:00" means the
 * clock the posts will show. */
static void
window(slack *s)
{
	pm_tz *tz = pm_tz_load(s->im->zone ? s->im->zone : "UTC");
	int off;

	if (tz == NULL)
		tz = pm_tz_load("UTC");
	if (s->opts->has_since)
		pm_stamp_resolve(&s->opts->since, tz, &s->since, &off);
	if (s->opts->has_until)
		pm_stamp_resolve(&s->opts->until, tz, &s->until, &off);
	pm_tz_free(tz);
}

/* users.json: in the export's folder, or beside the channel's. */
static char *
users_of(const char *dir, int root)
{
	char *path = pm_xmalloc(strlen(dir) + 16), *slash;

	strcpy(path, dir);
	if (!root) {
		slash = strrchr(path, '/');
		if (slash != NULL && slash != path)
			*slash = '\0';
		else
			strcpy(path, ".");
	}
	strcat(path, "/users.json");
	return path;
}

static void
free_users(slack *s)
{
	size_t k;

	for (k = 0; k < s->nusers; k++) {
		free(s->users[k].id);
		free(s->users[k].name);
		free(s->users[k].tz);
	}
	free(s->users);
}

/* What the messages chosen leave to say: none, or too many to read. */
static void
verdict(slack *s, pm_src *src)
{
	char count[32];

	if (s->im->nposts == 0 && src->errors + s->errors == 0)
		pm_report(src, PM_R_IMPORT_EMPTY, (pm_loc){0, 0, 1},
		          s->seen ? ": no message is in the window, pinned, or "
		                    "has the reaction asked for"
		                  : ": the channel folder has no messages");
	if (s->im->nposts > 1000) {
		snprintf(count, sizeof(count), "%zu", s->im->nposts);
		pm_report(src, PM_R_IMPORT_LARGE, (pm_loc){0, 0, 1}, count);
	}
}

int
pm_import_slack(const char *dir, const pm_slack_opts *opts, pm_diag_fn fn,
                void *arg, pm_import *im, int *errors)
{
	slack s;
	pm_src src;
	char *channel, *users;
	int root = is_file(dir, "users.json") || is_file(dir, "channels.json");

	memset(&s, 0, sizeof(s));
	s.opts = opts;
	s.fn = fn;
	s.arg = arg;
	s.im = im;
	pm_src_init(&src, dir, "", 0, fn, arg);
	channel = root ? channel_of(dir, &src) : pm_xstrdup(dir);
	users = users_of(dir, root);
	read_users(&s, users);
	if (channel != NULL) {
		zone(&s);
		window(&s);
		if (days(&s, channel) < 0)
			pm_report(&src, PM_R_IMPORT_SHAPE, (pm_loc){0, 0, 1},
			          channel, strerror(errno));
		title(&s, channel);
		verdict(&s, &src);
	}
	pm_src_flush(&src);
	*errors = src.errors + s.errors;
	pm_src_free(&src);
	free_users(&s);
	free(users);
	free(channel);
	return *errors > 0 ? -1 : 0;
}
