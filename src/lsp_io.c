/* lsp_io.c: the Language Server Protocol's base protocol: messages as a
 * header section with a Content-Length, a blank line and that many bytes
 * of body, read from any byte source (a descriptor, or a fuzzer's
 * buffer) and written to a descriptor. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "lsp.h"

void
pm_lsp_reader_init(pm_lsp_reader *r, pm_lsp_read_fn read, void *ctx)
{
	r->read = read;
	r->ctx = ctx;
	r->start = r->end = 0;
}

int
pm_lsp_buffered(const pm_lsp_reader *r)
{
	return r->end > r->start;
}

/* Reads more into the buffer's free end; the bytes read, 0 at the end of
 * the stream (a read error ends it too: nothing more will come). */
static size_t
fill(pm_lsp_reader *r)
{
	ssize_t n;

	if (r->start > 0) {
		memmove(r->buf, r->buf + r->start, r->end - r->start);
		r->end -= r->start;
		r->start = 0;
	}
	if (r->end == sizeof(r->buf))
		return 0;
	do
		n = r->read(r->ctx, r->buf + r->end, sizeof(r->buf) - r->end);
	while (n < 0 && errno == EINTR);
	if (n <= 0)
		return 0;
	r->end += (size_t)n;
	return (size_t)n;
}

/* The value of a Content-Length header: digits, spaces around them. */
static pm_lsp_status
content_length(const char *v, size_t n, size_t *out)
{
	size_t i = 0, len = 0, digits = 0;

	while (i < n && (v[i] == ' ' || v[i] == '\t'))
		i++;
	for (; i < n && v[i] >= '0' && v[i] <= '9'; i++, digits++) {
		if (len > PM_LSP_MAX_BODY)
			continue; /* too large already; keep reading digits */
		len = len * 10 + (size_t)(v[i] - '0');
	}
	while (i < n && (v[i] == ' ' || v[i] == '\t'))
		i++;
	if (digits == 0 || i != n)
		return PM_LSP_BAD_HEADER;
	*out = len;
	return len > PM_LSP_MAX_BODY ? PM_LSP_TOO_LARGE : PM_LSP_MSG;
}

/* One header line (without its line ending): Content-Length sets *len
 * (given twice, it must say the same); other fields are ignored, as the
 * protocol's only other one, Content-Type, may be. */
static pm_lsp_status
header_line(const char *s, size_t n, size_t *len, int *seen)
{
	static const char name[] = "Content-Length";
	const char *colon = memchr(s, ':', n);
	size_t v = 0;
	pm_lsp_status st;

	if (colon == NULL || colon == s)
		return PM_LSP_BAD_HEADER;
	if ((size_t)(colon - s) != sizeof(name) - 1 ||
	    strncasecmp(s, name, sizeof(name) - 1) != 0)
		return PM_LSP_MSG;
	st = content_length(colon + 1, n - (size_t)(colon + 1 - s), &v);
	if (st == PM_LSP_MSG && *seen && v != *len)
		return PM_LSP_BAD_HEADER;
	*len = v;
	*seen = 1;
	return st;
}

/* The next line of the header at r->buf[*at..], reading more as needed:
 * its bytes in [*at, *nl), the line feed at *nl; PM_LSP_MSG, or why
 * there is none. */
static pm_lsp_status
next_line(pm_lsp_reader *r, size_t *at, size_t *nl)
{
	const char *p;
	size_t used;

	for (;;) {
		p = memchr(r->buf + *at, '\n', r->end - *at);
		if (p != NULL) {
			*nl = (size_t)(p - r->buf);
			return PM_LSP_MSG;
		}
		if (r->end - r->start > PM_LSP_MAX_HEADER)
			return PM_LSP_BAD_HEADER;
		used = *at - r->start;
		if (fill(r) == 0)
			return r->end == r->start ? PM_LSP_EOF
			                          : PM_LSP_TRUNCATED;
		*at = r->start + used; /* fill() moved the bytes to 0 */
	}
}

/* The header section: PM_LSP_MSG with the body's length in *len, and
 * r->start at the body. */
static pm_lsp_status
read_header(pm_lsp_reader *r, size_t *len)
{
	size_t at = r->start, nl = 0, n;
	pm_lsp_status st;
	int seen = 0;

	for (;;) {
		if ((st = next_line(r, &at, &nl)) != PM_LSP_MSG)
			return st;
		if (nl + 1 - r->start > PM_LSP_MAX_HEADER)
			return PM_LSP_BAD_HEADER;
		n = nl - at;
		if (n > 0 && r->buf[at + n - 1] == '\r')
			n--;
		if (n == 0)
			break;
		if ((st = header_line(r->buf + at, n, len, &seen)) != PM_LSP_MSG)
			return st;
		at = nl + 1;
	}
	r->start = nl + 1;
	return seen ? PM_LSP_MSG : PM_LSP_BAD_HEADER;
}

pm_lsp_status
pm_lsp_read(pm_lsp_reader *r, pm_buf *body)
{
	size_t len = 0, take;
	pm_lsp_status st = read_header(r, &len);

	body->len = 0;
	if (st != PM_LSP_MSG)
		return st;
	while (body->len < len) {
		if (r->start == r->end && fill(r) == 0)
			return PM_LSP_TRUNCATED;
		take = r->end - r->start;
		if (take > len - body->len)
			take = len - body->len;
		pm_buf_put(body, r->buf + r->start, take);
		r->start += take;
	}
	pm_buf_cstr(body);
	return PM_LSP_MSG;
}

/* Writes all of s[0..n) to fd. */
static int
write_all(int fd, const char *s, size_t n)
{
	ssize_t w;

	while (n > 0) {
		w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

int
pm_lsp_write(int fd, const char *body, size_t len)
{
	char head[64];
	int n = snprintf(head, sizeof(head), "Content-Length: %zu\r\n\r\n", len);

	if (write_all(fd, head, (size_t)n) < 0)
		return -1;
	return write_all(fd, body, len);
}
