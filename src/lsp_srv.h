/* lsp_srv.h: the state of pmc lsp shared by the protocol loop (lsp.c) and
 * the answers about documents (lsp_doc.c). Messages are jansson values. */
#ifndef PM_LSP_SRV_H
#define PM_LSP_SRV_H

#include <stdint.h>

#include <jansson.h>

#include "cli.h"
#include "lsp.h"

/* JSON-RPC's and the protocol's error codes. */
enum {
	RPC_PARSE_ERROR = -32700,
	RPC_INVALID_REQUEST = -32600,
	RPC_METHOD_NOT_FOUND = -32601,
	RPC_INVALID_PARAMS = -32602,
	RPC_INTERNAL_ERROR = -32603,
	RPC_SERVER_NOT_INITIALIZED = -32002,
	RPC_REQUEST_FAILED = -32803
};

/* The quiet time after the last change before a document is checked. */
#define LSP_DEBOUNCE_MS 150

/* An open document: the client's text of it, not the file's. */
typedef struct lsp_doc {
	char *uri;
	char *name;       /* the path for a file: URI (the policy is found
	                     from it, findings carry it), else the URI */
	pm_buf text;
	json_t *version;  /* the client's version, or NULL */
	int64_t due;      /* when to check it (ms, monotonic); 0: checked */
	json_t *diags;    /* the diagnostics last published, or NULL */
	size_t *lines;    /* the byte offset of each line's start */
	size_t nlines;
	struct lsp_doc *next;
} lsp_doc;

typedef struct lsp {
	cli *c;           /* the options pmc lsp was started with */
	int out;
	pm_lsp_enc enc;
	int state;        /* LSP_NEW, LSP_RUNNING, LSP_SHUT_DOWN */
	int done;         /* exit received, or the client is gone */
	int status;       /* the exit status */
	int watch;        /* the client watches files for the server */
	lsp_doc *docs;
} lsp;

enum { LSP_NEW, LSP_RUNNING, LSP_SHUT_DOWN };

/* Sends msg (and drops the reference); a client that is gone ends the
 * server. */
void lsp_send(lsp *, json_t *msg);
/* A result for the request id (borrowed); result's reference is taken. */
void lsp_reply(lsp *, json_t *id, json_t *result);
void lsp_error(lsp *, json_t *id, int code, const char *message);
/* A notification; params' reference is taken. */
void lsp_notify(lsp *, const char *method, json_t *params);

/* A JSON string of s[0..n): as it is when it is UTF-8, escaped as
 * findings are (pm_diag_escape) when not. */
json_t *lsp_string(const char *s, size_t n);

/* The open document params.textDocument.uri names, or NULL. */
lsp_doc *lsp_doc_of(lsp *, json_t *params);

/* lsp_line() for a line a finding names: on the first, after a BOM, as
 * pmc counts columns. */
size_t lsp_finding_line(const lsp_doc *, long line, size_t *len);
/* The 1-based line of d's text holding the byte offset off. */
size_t lsp_line_of(const lsp_doc *, size_t off);
/* Orders two positions (line, then character): <0, 0, >0. */
int lsp_cmp_position(json_t *a, json_t *b);

/* Indexes the lines of d's text; after every change of it. */
void lsp_doc_lines(lsp_doc *);
/* The byte offset of 1-based line's start in d's text, its length
 * without its line ending in *len; the text's end for a line past it. */
size_t lsp_line(const lsp_doc *, long line, size_t *len);

/* Position between the client's units and byte offsets of d's text. */
json_t *lsp_position(const lsp *, const lsp_doc *, size_t offset);
size_t lsp_offset(const lsp *, const lsp_doc *, json_t *position);
/* The range of the finding-like place (1-based line, 1-based character
 * column, span in characters), within its line. */
json_t *lsp_range_of(const lsp *, const lsp_doc *, int line, int col,
                     int span);

/* Checks d and publishes its findings (lsp_doc.c). */
void lsp_diagnose(lsp *, lsp_doc *);
/* Checks d now if a change of it is waiting for the quiet time, so that
 * the findings an answer reads are those of the text the client has. */
void lsp_fresh(lsp *, lsp_doc *);
/* d compiled for the outline, hovers and completion: the whole document
 * (internal parts too), findings not wanted. pm_doc_free() it. */
struct pm_doc *lsp_compiled(const lsp *, const lsp_doc *);
/* The requests about one document (lsp_doc.c); each replies to id. */
void lsp_formatting(lsp *, json_t *id, json_t *params);
void lsp_hover(lsp *, json_t *id, json_t *params);
void lsp_symbols(lsp *, json_t *id, json_t *params);
/* lsp_edit.c */
void lsp_code_action(lsp *, json_t *id, json_t *params);
void lsp_completion(lsp *, json_t *id, json_t *params);

#endif
