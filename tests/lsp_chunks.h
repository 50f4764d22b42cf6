/* lsp_chunks.h: a byte stream for pmc lsp's message reader in the tests
 * and the fuzz target: fixed bytes handed out at most step bytes a read,
 * so that headers and bodies arrive split at every place. */
#ifndef PM_LSP_CHUNKS_H
#define PM_LSP_CHUNKS_H

#include <string.h>
#include <sys/types.h>

struct chunks {
	const char *s;
	size_t len, at, step;
};

static inline ssize_t
read_chunks(void *ctx, char *buf, size_t n)
{
	struct chunks *c = ctx;

	if (n > c->step)
		n = c->step;
	if (n > c->len - c->at)
		n = c->len - c->at;
	memcpy(buf, c->s + c->at, n);
	c->at += n;
	return (ssize_t)n;
}

#endif
