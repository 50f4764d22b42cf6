/* fuzz_render.c: libFuzzer target for the whole pipeline: a source (XML
 * when it starts with '<', else Markdown) into every back end there is.
 * A back end not built yet is skipped; one that refuses the document
 * (-1) is fine: only crashes, leaks and sanitizer reports count. */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const formats[] = {"json", "xml", "html", "md",
	                                      "pdf"};
	pm_options o = pm_fuzz_options();
	pm_render_opts r;
	pm_render_fn render;
	pm_doc *doc;
	size_t i;

	doc = pm_doc_parse(size > 0 && data[0] == '<' ? "fuzz.xml" : "fuzz.md",
	                   (const char *)data, size, &o);
	memset(&r, 0, sizeof(r));
	r.diag = pm_fuzz_sink;
	for (i = 0; i < sizeof(formats) / sizeof(*formats); i++) {
		pm_buf out = {0};
		if ((render = pm_render_lookup(formats[i])) == NULL)
			continue;
		(void)render(doc, &r, &out);
		pm_buf_free(&out);
	}
	pm_doc_free(doc);
	pm_fuzz_ir_valid();
	return 0;
}
