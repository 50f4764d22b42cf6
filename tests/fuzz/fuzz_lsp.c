/* fuzz_lsp.c: pmc lsp's message reader on any byte stream, handed out in
 * reads of a size the input chooses, until it ends or breaks; and the
 * position conversions on any text. The reader must never read past
 * its buffer, keep more than one message, or loop without reading. */
#include <stdlib.h>

#include "../lsp_chunks.h"
#include "fuzz.h"
#include "lsp.h"

/* Every position of the first lines, in each encoding, maps into the
 * text and back to no more units than it had. */
static void
positions(const char *t, size_t len)
{
	long line, ch;
	size_t off, n, at;
	int enc;

	for (enc = PM_LSP_UTF16; enc <= PM_LSP_UTF32; enc++)
		for (line = 0; line < 4; line++)
			for (ch = 0; ch < 12; ch++) {
				off = pm_lsp_offset(t, len, line, ch,
				                    (pm_lsp_enc)enc);
				at = pm_lsp_line(t, len, line + 1, &n);
				if (off > len || off < at || off > at + n ||
				    pm_lsp_units(t + at, off - at,
				                 (pm_lsp_enc)enc) > ch)
					abort();
			}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static pm_lsp_reader r;
	struct chunks st = {(const char *)data, size, 0, 1};
	pm_buf body = {0};
	size_t before;

	if (size > 0)
		st.step = (size_t)data[0] * 97 + 1;
	pm_lsp_reader_init(&r, read_chunks, &st);
	for (;;) {
		before = st.at - (r.end - r.start);
		if (pm_lsp_read(&r, &body) != PM_LSP_MSG)
			break;
		/* a body is made of the bytes read for it, after its header */
		if (body.len >= st.at - (r.end - r.start) - before)
			abort();
	}
	positions((const char *)data, size);
	pm_buf_free(&body);
	return 0;
}
