/* comment.c: HTML comments in a source classified once, for the audience
 * markers (prose.c) and anyone else who reads comments: so that every
 * reader agrees on what is a marker, and a near miss is never silently
 * a remark that publishes what it was meant to hide. */
#include <string.h>

#include "comment.h"
#include "text.h"

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int
blank(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int
word_char(int c)
{
	c = lower(c);
	return (c >= 'a' && c <= 'z') || c == '-' || c == '_';
}

/* Whether w[0..n) holds "internal" in any case. */
static int
holds_internal(const char *w, size_t n)
{
	size_t i, k;

	for (i = 0; i + 8 <= n; i++) {
		for (k = 0; k < 8 && lower(w[i + k]) == "internal"[k]; k++)
			continue;
		if (k == 8)
			return 1;
	}
	return 0;
}

/* Words within two edits of "internal" that a remark may start with. */
static int
real_word(const char *w)
{
	static const char *const words[] = {
	    "interval", "intervals", "internet", "intern",   "interns",
	    "eternal",  "infernal",  "interim",  "integral", "external",
	    "interact", NULL};
	size_t k;

	for (k = 0; words[k] != NULL; k++)
		if (strcmp(words[k], w) == 0)
			return 1;
	return 0;
}

/* Classifies the comment body b[0..n) (between "<!--" and "-->"). */
static pm_comment_kind
body_kind(const char *b, size_t n)
{
	char word[32];
	size_t i = 0, w;
	int slash = 0;

	while (i < n && blank((unsigned char)b[i]))
		i++;
	if (i < n && b[i] == '/') {
		slash = 1;
		for (i++; i < n && blank((unsigned char)b[i]); i++)
			continue;
	}
	for (w = i; i < n && word_char((unsigned char)b[i]); i++)
		continue;
	w = i - w;
	if (w == 8 && holds_internal(b + i - w, w) &&
	    (i == n || blank((unsigned char)b[i]) || b[i] == ':'))
		return slash ? PM_COMMENT_CLOSE : PM_COMMENT_OPEN;
	if (holds_internal(b + i - w, w))
		return PM_COMMENT_NEAR;
	if (w >= 6 && w < sizeof(word)) {
		size_t k;
		for (k = 0; k < w; k++)
			word[k] = (char)lower((unsigned char)b[i - w + k]);
		word[w] = '\0';
		if (pm_edit_distance(word, "internal", 2) <= 2 && !real_word(word))
			return PM_COMMENT_NEAR;
	}
	return PM_COMMENT_REMARK;
}

/* The first "-->" in s[0..n), or NULL. */
static const char *
find_close(const char *s, size_t n)
{
	const char *p;

	while (n >= 3 && (p = memchr(s, '-', n - 2)) != NULL) {
		if (p[1] == '-' && p[2] == '>')
			return p;
		n -= (size_t)(p - s) + 1;
		s = p + 1;
	}
	return NULL;
}

pm_comment_kind
pm_comment_classify(const char *s, size_t n, size_t *end, int *closed)
{
	const char *close;
	size_t i = 0;

	while (i < n && blank((unsigned char)s[i]))
		i++;
	*end = n;
	*closed = 0;
	if (n - i < 4 || memcmp(s + i, "<!--", 4) != 0)
		return PM_COMMENT_NONE;
	i += 4;
	if ((close = find_close(s + i, n - i)) == NULL)
		return body_kind(s + i, n - i);
	*closed = 1;
	*end = (size_t)(close - s) + 3;
	return body_kind(s + i, (size_t)(close - s) - i);
}

pm_comment_kind
pm_comment_marker(const char *s, size_t n)
{
	size_t end;
	int closed;
	pm_comment_kind k = pm_comment_classify(s, n, &end, &closed);

	if ((k == PM_COMMENT_OPEN || k == PM_COMMENT_CLOSE) &&
	    (!closed || !pm_text_blank(s + end, n - end)))
		return PM_COMMENT_NEAR;
	return k;
}
