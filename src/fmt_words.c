/* fmt_words.c: the half of pmc fmt's safety net that sees what the IR
 * does not carry. Every word, URL and HTML comment of a source must be in
 * its formatted text at least as often as in the source: an unused link
 * reference definition, a comment in a heading or a YAML key the IR does
 * not know leave no trace in the intermediate form, but they do in the
 * text. Words are defined so that what fmt does by design passes: escapes,
 * indentation, emphasis markers, list markers, the case of a kind or an
 * attribute name, dashes and other punctuation. */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "fmt.h"
#include "utf8.h"

/* One token: its normalised bytes in the list's text, and where the
 * token starts in what was read. */
typedef struct tok {
	size_t off, len;
	size_t at;
} tok;

typedef struct toks {
	pm_buf text;
	tok *v;
	size_t n, cap;
} toks;

/* The tokens' text is appended to as they are read, so tokens hold
 * offsets; sorting compares through this pointer. */
static const char *sort_text;

static void
add(toks *t, size_t off, size_t at)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 256;
		t->v = pm_xrealloc(t->v, t->cap * sizeof(*t->v));
	}
	t->v[t->n].off = off;
	t->v[t->n].len = t->text.len - off;
	t->v[t->n].at = at;
	t->n++;
}

static int
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The class of a character for words: 0 not in a word (blanks, ASCII and
 * Unicode punctuation, symbols, arrows, emoji), 1 ASCII letter, 2 digit,
 * 3 any other letter. A word is a run of one class, so "05T10" (a
 * timestamp fmt writes "05 10") is three words, and "Café" two. */
static int
word_class(int32_t cp)
{
	if (cp < 0x80)
		return is_alpha(cp) ? 1 : is_digit(cp) ? 2 : 0;
	if (cp < 0xc0 || cp == 0xd7 || cp == 0xf7 ||
	    (cp >= 0x2000 && cp < 0x2c00) || (cp >= 0x3000 && cp < 0x3040) ||
	    (cp >= 0xfe30 && cp < 0xfe50) || (cp >= 0xff00 && cp < 0xff10) ||
	    (cp >= 0xff1a && cp < 0xff21) || (cp >= 0xff3b && cp < 0xff41) ||
	    (cp >= 0xff5b && cp < 0xff66) || cp == 0xfffd || cp >= 0x1f000)
		return 0;
	return 3;
}

static size_t
next_cp(const char *s, size_t n, int32_t *cp)
{
	size_t k = pm_utf8_decode(s, n, cp);

	if (k == 0) {
		*cp = 0xfffd;
		k = 1;
	}
	return k;
}

/* A word at s: ASCII letters folded to lower case (fmt writes kinds and
 * attribute names in lower case). Returns its length in s. */
static size_t
word(const char *s, size_t n, size_t at, toks *t)
{
	size_t i = 0, k, off = t->text.len;
	int32_t cp;
	int cls;

	next_cp(s, n, &cp);
	cls = word_class(cp);
	while (i < n) {
		k = next_cp(s + i, n - i, &cp);
		if (word_class(cp) != cls)
			break;
		if (cls == 1)
			pm_buf_putc(&t->text, (char)(cp | 0x20));
		else
			pm_buf_put(&t->text, s + i, k);
		i += k;
	}
	add(t, off, at);
	return i;
}

/* The scheme of a URL at s ("https://", "mailto:"): its length with the
 * colon, or 0. No '.' in it: "htt\\.p://" written "htt.p://" would take
 * the word before it into a URL. */
static size_t
scheme(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && i < 33 &&
	       (is_alpha(s[i]) || is_digit(s[i]) || s[i] == '+' ||
	        s[i] == '-'))
		i++;
	if (i < 2 || i >= n || s[i] != ':' || !is_alpha(s[0]))
		return 0;
	if (i + 2 < n && s[i + 1] == '/' && s[i + 2] == '/')
		return i + 1;
	if (i == 6 && strncmp(s, "mailto", 6) == 0)
		return i + 1;
	return 0;
}

/* Is c ASCII punctuation, which a backslash escapes? */
static int
is_punct(int c)
{
	return c != '\0' &&
	       strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) != NULL;
}

/* An entity or numeric character reference at s ("&lt;", "&#35;"): its
 * length, or 0. cmark writes the character it stands for, which is no
 * word lost. */
static size_t
entity(const char *s, size_t n)
{
	size_t i = 1, max = 33;

	if (n < 3 || s[0] != '&')
		return 0;
	if (s[1] == '#') {
		i = 2 + (n > 2 && (s[2] == 'x' || s[2] == 'X'));
		max = i + 8;
	}
	while (i < n && i < max && (is_alpha(s[i]) || is_digit(s[i])))
		i++;
	return i < n && s[i] == ';' && i > 2 ? i + 1 : 0;
}

/* A URL at s, up to a blank, an angle bracket, a quote, an asterisk, an
 * '&' or a parenthesis or bracket it did not open: cmark reads a
 * reference ("&lt;", "&amp;") as its character in a destination and in
 * link text, but GitHub's autolinks take it as written, and fmt may
 * write the one as the other ("?a&lt;b" as "?a\<b", "&amp;" as "&");
 * what follows is read on as words. Backslashes, parentheses and
 * brackets are left out of the token (a backslash escapes in a
 * destination, not in an autolink) and trailing punctuation is not part
 * of it: fmt may escape a parenthesis or turn "_..._" into "*...*". */
static size_t
url(const char *s, size_t n, size_t at, toks *t)
{
	size_t i = scheme(s, n), off = t->text.len;
	int depth = 0;

	pm_buf_put(&t->text, s, i);
	for (; i < n && !is_blank(s[i]) && !strchr("<>\"'`*&", s[i]); i++) {
		if (s[i] == '(' || s[i] == '[') {
			depth++;
		} else if (s[i] == ')' || s[i] == ']') {
			if (--depth < 0)
				break;
		} else if (s[i] != '\\') {
			pm_buf_putc(&t->text, s[i]);
		}
	}
	while (t->text.len > off && strchr("?!.,:;_~", t->text.data[t->text.len - 1]))
		t->text.len--;
	add(t, off, at);
	return i;
}

/* An HTML comment at s: its text with runs of blanks as one space (a
 * comment inside a list item is re-indented with it). Its words are read
 * as words too, so only the comment's start is skipped. */
static size_t
comment(const char *s, size_t n, size_t at, toks *t)
{
	const char *end = NULL, *p;
	size_t off = t->text.len, i;
	int space = 0;

	for (p = s + 4; p + 3 <= s + n; p++)
		if (memcmp(p, "-->", 3) == 0) {
			end = p + 3;
			break;
		}
	if (end == NULL)
		end = s + n;
	for (i = 0; s + i < end; i++) {
		if (is_blank(s[i])) {
			space = 1;
			continue;
		}
		if (space)
			pm_buf_putc(&t->text, ' ');
		space = 0;
		pm_buf_putc(&t->text, s[i]);
	}
	add(t, off, at);
	return 4;
}

/* An autolink at s, "<https://...>" or "<name@host>": cmark writes a
 * link whose text is its target in this form, so it counts as the text
 * and the target of such a link: "[x@y.z](mailto:x@y.z)" and "<x@y.z>"
 * give the same tokens. Returns how much of s it took (the words of an
 * address are read next as words), or 0. */
static size_t
autolink(const char *s, size_t n, size_t at, toks *t)
{
	size_t i, close, off, sch = n > 1 ? scheme(s + 1, n - 1) : 0;
	const char *at_sign = NULL;

	for (i = 1; i < n && s[i] != '>' && s[i] != '<' && !is_blank(s[i]);
	     i++)
		if (s[i] == '@')
			at_sign = s + i;
	if (i >= n || s[i] != '>' || i < 3 || (sch == 0 && at_sign == NULL))
		return 0;
	close = i;
	if (sch > 0) {
		/* what follows the URL's end inside is read on as text */
		url(s + 1, close - 1, at, t);
		return 1 + url(s + 1, close - 1, at, t);
	}
	off = t->text.len;
	pm_buf_puts(&t->text, "mailto:");
	pm_buf_put(&t->text, s + 1, close - 1);
	add(t, off, at);
	return 1;
}

static void
tokenize(const char *s, size_t n, size_t base, toks *t)
{
	size_t i = 0, k, a;
	int32_t cp;

	while (i < n) {
		k = next_cp(s + i, n - i, &cp);
		if (s[i] == '\\' && i + 1 < n && is_punct(s[i + 1]))
			k = 2; /* text: no comment, autolink or entity starts */
		else if (n - i >= 4 && memcmp(s + i, "<!--", 4) == 0)
			k = comment(s + i, n - i, base + i, t);
		else if (s[i] == '<' &&
		         (a = autolink(s + i, n - i, base + i, t)) > 0)
			k = a;
		else if (s[i] == '&' && entity(s + i, n - i) > 0)
			k = entity(s + i, n - i);
		else if ((i == 0 || !word_class((unsigned char)s[i - 1])) &&
		         scheme(s + i, n - i) > 0)
			k = url(s + i, n - i, base + i, t);
		else if (word_class(cp))
			k = word(s + i, n - i, base + i, t);
		i += k;
	}
}

static int
by_text(const void *a, const void *b)
{
	const tok *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(sort_text + x->off, sort_text + y->off, n);

	if (c != 0)
		return c;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return x->at < y->at ? -1 : x->at > y->at;
}

static void
sort(toks *t)
{
	sort_text = t->text.data;
	if (t->n > 0)
		qsort(t->v, t->n, sizeof(*t->v), by_text);
}

static int
cmp_tok(const toks *a, const tok *x, const toks *b, const tok *y)
{
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(a->text.data + x->off, b->text.data + y->off, n);

	if (c != 0)
		return c;
	return x->len < y->len ? -1 : x->len > y->len;
}

/* The first (in the source) token of in that out has fewer of, or
 * NULL. Both are sorted. */
static const tok *
first_lost(const toks *in, const toks *out)
{
	const tok *lost = NULL;
	size_t i = 0, j = 0, ni, nj;

	while (i < in->n) {
		for (ni = 1; i + ni < in->n &&
		             cmp_tok(in, &in->v[i], in, &in->v[i + ni]) == 0;)
			ni++;
		while (j < out->n && cmp_tok(out, &out->v[j], in, &in->v[i]) < 0)
			j++;
		for (nj = 0; j + nj < out->n &&
		             cmp_tok(out, &out->v[j + nj], in, &in->v[i]) == 0;)
			nj++;
		if (nj < ni && (lost == NULL || in->v[i + nj].at < lost->at))
			lost = &in->v[i + nj];
		i += ni;
		j += nj;
	}
	return lost;
}

static void
toks_free(toks *t)
{
	pm_buf_free(&t->text);
	free(t->v);
}

long
pm_fmt_lost(const char *in, size_t inlen, const char *out, size_t outlen,
            const char *dropped, size_t droppedlen, pm_buf *what)
{
	toks a = {0}, b = {0};
	const tok *lost;
	long rc = -1;

	tokenize(in, inlen, 0, &a);
	tokenize(out, outlen, 0, &b);
	if (dropped != NULL)
		tokenize(dropped, droppedlen, 0, &b);
	sort(&a);
	sort(&b);
	if ((lost = first_lost(&a, &b)) != NULL) {
		rc = (long)lost->at;
		if (what != NULL)
			pm_buf_put(what, a.text.data + lost->off, lost->len);
	}
	toks_free(&a);
	toks_free(&b);
	return rc;
}
