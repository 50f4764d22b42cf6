/* buf.c: the growable byte buffer every back end writes into. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "pmc.h"

static void
grow(pm_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;

	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 64;
	while (b->cap < need)
		b->cap *= 2;
	b->data = pm_xrealloc(b->data, b->cap);
}

void
pm_buf_put(pm_buf *b, const void *p, size_t n)
{
	grow(b, n);
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
pm_buf_puts(pm_buf *b, const char *s)
{
	pm_buf_put(b, s, strlen(s));
}

void
pm_buf_putc(pm_buf *b, int c)
{
	char ch = (char)c;

	pm_buf_put(b, &ch, 1);
}

void
pm_buf_vprintf(pm_buf *b, const char *fmt, va_list ap)
{
	va_list again;
	int n;

	va_copy(again, ap);
	n = vsnprintf(NULL, 0, fmt, ap);
	if (n >= 0) {
		grow(b, (size_t)n);
		vsnprintf(b->data + b->len, (size_t)n + 1, fmt, again);
		b->len += (size_t)n;
	}
	va_end(again);
}

void
pm_buf_printf(pm_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pm_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

const char *
pm_buf_cstr(pm_buf *b)
{
	grow(b, 0);
	b->data[b->len] = '\0';
	return b->data;
}

void
pm_buf_free(pm_buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}
