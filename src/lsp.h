/* lsp.h: the pieces of pmc lsp, the language server: the base protocol's
 * framing (lsp_io.c), positions in the client's encoding (lsp_pos.c),
 * shared by the server (lsp.c, lsp_srv.h), its fuzz target and tests. */
#ifndef PM_LSP_H
#define PM_LSP_H

#include <stddef.h>
#include <sys/types.h>

#include "pmc.h"

/* The largest message body read: a document of 10 MB (the most pmc
 * reads, rule too-large) escaped as JSON stays well under it. */
#define PM_LSP_MAX_BODY ((size_t)64 * 1024 * 1024)
/* The largest header section (all header lines of one message). */
#define PM_LSP_MAX_HEADER 8192

/* Where the reader gets bytes: like read(2), 0 at the end, -1 on an
 * error (the reader tries again after EINTR). */
typedef ssize_t (*pm_lsp_read_fn)(void *ctx, char *buf, size_t n);

typedef struct pm_lsp_reader {
	pm_lsp_read_fn read;
	void *ctx;
	char buf[65536];
	size_t start, end; /* the bytes read but not yet used */
} pm_lsp_reader;

typedef enum pm_lsp_status {
	PM_LSP_MSG,        /* a whole body is in *body */
	PM_LSP_EOF,        /* the stream ended between messages */
	PM_LSP_TRUNCATED,  /* it ended inside a message */
	PM_LSP_BAD_HEADER, /* no Content-Length, a bad one, or no header */
	PM_LSP_TOO_LARGE   /* Content-Length over PM_LSP_MAX_BODY */
} pm_lsp_status;

void pm_lsp_reader_init(pm_lsp_reader *, pm_lsp_read_fn, void *ctx);

/* Reads one message; on PM_LSP_MSG its body replaces body's contents.
 * After any other status the stream cannot be read further: the byte
 * where the next message starts is unknown. */
pm_lsp_status pm_lsp_read(pm_lsp_reader *, pm_buf *body);

/* Whether bytes are waiting in the reader's buffer (then poll(2) on its
 * descriptor says nothing about them). */
int pm_lsp_buffered(const pm_lsp_reader *);

/* Writes body[0..len) to fd with its Content-Length header; 0, or -1
 * when the client is gone. */
int pm_lsp_write(int fd, const char *body, size_t len);

/* How the client counts a position's character: in UTF-16 code units
 * (the protocol's default), bytes of UTF-8, or code points. */
typedef enum pm_lsp_enc {
	PM_LSP_UTF16,
	PM_LSP_UTF8,
	PM_LSP_UTF32
} pm_lsp_enc;

/* The byte offset in text[0..len) of the position (0-based line, and
 * character in enc's units). A line past the last is the end of the
 * text; a character past the line's end is the line's end (as the
 * protocol says); one inside a character (half a surrogate pair, a
 * byte inside a UTF-8 sequence) is that character's start. Lines end at
 * "\n", "\r\n" or "\r", as pmc counts them. */
size_t pm_lsp_offset(const char *text, size_t len, long line, long character,
                     pm_lsp_enc enc);

/* The units of enc in s[0..n), each invalid byte one unit (it reaches
 * the client as U+FFFD, one UTF-16 unit). */
long pm_lsp_units(const char *s, size_t n, pm_lsp_enc enc);

/* The byte offset of 1-based line's start in text[0..len), and that
 * line's length without its line ending in *linelen; the end of the text
 * (and 0) for a line past the last. */
size_t pm_lsp_line(const char *text, size_t len, long line, size_t *linelen);

/* The bytes that the first chars characters (as pmc counts columns:
 * code points, an invalid byte one each) of s[0..n) take; at most n. */
size_t pm_lsp_chars_bytes(const char *s, size_t n, long chars);

#endif
