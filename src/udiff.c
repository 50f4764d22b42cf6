/* udiff.c: a unified diff of two texts by lines (Myers' O(ND) algorithm),
 * for pmc fmt --diff: what fmt would change, in the form patch(1), git
 * apply and code review tools read. */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "cli.h"

#define CONTEXT 3
/* Past this many differing lines the edit script is not searched for:
 * the rest is written as one replacement, still a correct diff, so that
 * time and memory stay bounded on texts that have nothing in common. */
#define MAX_D 4096

typedef struct lines {
	const char **s;
	size_t *n;
	size_t count;
	int last_open; /* the last line has no newline */
} lines;

static void
split(const char *t, size_t len, lines *l)
{
	size_t i, start = 0, cap = 16;

	memset(l, 0, sizeof(*l));
	l->s = pm_xmalloc(cap * sizeof(*l->s));
	l->n = pm_xmalloc(cap * sizeof(*l->n));
	for (i = 0; i <= len; i++) {
		if (i < len && t[i] != '\n')
			continue;
		if (i == len && start == len)
			break;
		if (l->count == cap) {
			cap *= 2;
			l->s = pm_xrealloc(l->s, cap * sizeof(*l->s));
			l->n = pm_xrealloc(l->n, cap * sizeof(*l->n));
		}
		l->s[l->count] = t + start;
		l->n[l->count++] = i - start;
		l->last_open = i == len;
		start = i + 1;
	}
}

/* Is line i of l the last one, without a newline? */
static int
open_end(const lines *l, size_t i)
{
	return i + 1 == l->count && l->last_open;
}

static int
same(const lines *a, size_t i, const lines *b, size_t j)
{
	return a->n[i] == b->n[j] && open_end(a, i) == open_end(b, j) &&
	       memcmp(a->s[i], b->s[j], a->n[i]) == 0;
}

/* The edit script as one op per line: '=' both, '-' only in a, '+' only
 * in b, in order. Returns its length. */
static size_t
script(const lines *a, const lines *b, char **ops)
{
	long n = (long)a->count, m = (long)b->count, max = n + m, d, k, x, y;
	long lim = max < MAX_D ? max : MAX_D, off = lim + 1;
	long *v = pm_xcalloc((size_t)(2 * lim + 3), sizeof(*v));
	long **trace = pm_xcalloc((size_t)lim + 1, sizeof(*trace));
	size_t len = 0, cap = (size_t)max + 1;
	char *out = pm_xmalloc(cap), *rev;
	long found = -1, i;

	for (d = 0; d <= lim && found < 0; d++) {
		for (k = -d; k <= d; k += 2) {
			if (k == -d || (k != d && v[off + k - 1] < v[off + k + 1]))
				x = v[off + k + 1];
			else
				x = v[off + k - 1] + 1;
			y = x - k;
			while (x < n && y < m && same(a, (size_t)x, b, (size_t)y))
				x++, y++;
			v[off + k] = x;
			if (x >= n && y >= m) {
				found = d;
				break;
			}
		}
		trace[d] = pm_xmalloc((size_t)(2 * lim + 3) * sizeof(**trace));
		memcpy(trace[d], v, (size_t)(2 * lim + 3) * sizeof(*v));
	}
	if (found < 0) {
		/* too different: all of a out, all of b in */
		memset(out, '-', (size_t)n);
		memset(out + n, '+', (size_t)m);
		len = (size_t)(n + m);
		d = lim + 1;
	} else {
		rev = pm_xmalloc(cap);
		x = n, y = m;
		for (d = found; d > 0; d--) {
			k = x - y;
			if (k == -d || (k != d && trace[d - 1][off + k - 1] <
			                              trace[d - 1][off + k + 1]))
				k++;
			else
				k--;
			i = trace[d - 1][off + k];
			while (x > i && y > i - k)
				rev[len++] = '=', x--, y--;
			rev[len++] = x > i ? '-' : '+';
			if (x > i)
				x--;
			else
				y--;
		}
		while (x > 0)
			rev[len++] = '=', x--;
		for (i = 0; i < (long)len; i++)
			out[i] = rev[len - 1 - (size_t)i];
		free(rev);
		d = found + 1;
	}
	for (i = 0; i < d && i <= lim; i++)
		free(trace[i]);
	free(trace);
	free(v);
	*ops = out;
	return len;
}

static void
put_line(pm_buf *out, char mark, const lines *l, size_t i)
{
	pm_buf_putc(out, mark);
	pm_buf_put(out, l->s[i], l->n[i]);
	pm_buf_putc(out, '\n');
	if (open_end(l, i))
		pm_buf_puts(out, "\\ No newline at end of file\n");
}

/* One hunk: ops[from..to) starting at line ai of a and bi of b. */
static void
hunk(pm_buf *out, const char *ops, size_t from, size_t to, const lines *a,
     size_t ai, const lines *b, size_t bi)
{
	size_t i, na = 0, nb = 0;

	for (i = from; i < to; i++) {
		na += ops[i] != '+';
		nb += ops[i] != '-';
	}
	pm_buf_printf(out, "@@ -%zu,%zu +%zu,%zu @@\n", na ? ai + 1 : ai, na,
	              nb ? bi + 1 : bi, nb);
	for (i = from; i < to; i++) {
		if (ops[i] == '=')
			put_line(out, ' ', a, ai++), bi++;
		else if (ops[i] == '-')
			put_line(out, '-', a, ai++);
		else
			put_line(out, '+', b, bi++);
	}
}

/* The end of the hunk that holds the change at ops[i]: it runs on until
 * more than twice CONTEXT equal lines in a row (or the end), and takes
 * CONTEXT of them. */
static size_t
hunk_end(const char *ops, size_t len, size_t i)
{
	size_t eq;

	while (i < len) {
		if (ops[i] != '=') {
			i++;
			continue;
		}
		for (eq = 0; i + eq < len && ops[i + eq] == '=';)
			eq++;
		if (i + eq == len || eq > 2 * CONTEXT)
			return i + (eq < CONTEXT ? eq : CONTEXT);
		i += eq;
	}
	return i;
}

int
udiff(const char *name, const char *a, size_t alen, const char *b,
      size_t blen, pm_buf *out)
{
	lines la, lb;
	char *ops;
	size_t len, i = 0, end, ai = 0, bi = 0, k;
	int changed = 0;

	split(a, alen, &la);
	split(b, blen, &lb);
	len = script(&la, &lb, &ops);
	while (i < len) {
		if (ops[i] == '=') {
			ai++, bi++, i++;
			continue;
		}
		if (!changed)
			pm_buf_printf(out, "--- %s\n+++ %s\n", name, name);
		changed = 1;
		k = i < CONTEXT ? i : CONTEXT;
		end = hunk_end(ops, len, i);
		hunk(out, ops, i - k, end, &la, ai - k, &lb, bi - k);
		for (; i < end; i++) {
			ai += ops[i] != '+';
			bi += ops[i] != '-';
		}
	}
	free(ops);
	free(la.s);
	free(la.n);
	free(lb.s);
	free(lb.n);
	return changed;
}
