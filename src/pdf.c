/* pdf.c: the PDF device on libharu 2.3.0. Fonts are loaded from HarfBuzz
 * subsets in memory (libharu would copy every table of the whole font),
 * and UTF-8 strings in outlines and the document information are written
 * as UTF-16 (libharu's own conversion splits UTF-8 characters). */
#include <hpdf.h>
#include <hpdf_conf.h>
#include <hpdf_doc.h>
#include <hpdf_encoder.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "alloc.h"
#include "pdf.h"
#include "utf8.h"

#define MAX_LEVELS 4

struct dev {
	HPDF_Doc pdf;
	HPDF_Page page;
	double height;
	/* The page's graphics state as last set, so that a setting is
	 * written only when it changes (a third of a page's bytes). */
	uint32_t fill, stroke;
	double width, fsize;
	int font;
	HPDF_Font *fonts;
	unsigned *styles;
	int nfonts;
	HPDF_Outline parents[MAX_LEVELS + 1];
	pm_pdf_error_fn *err;
	void *arg;
	const char *doing;
	char doing_buf[300];
	int failed;
};

static void
on_error(HPDF_STATUS code, HPDF_STATUS detail, void *data)
{
	struct dev *d = data;

	if (!d->failed && d->err != NULL)
		d->err(d->arg, (unsigned long)code, (unsigned long)detail,
		       d->doing);
	d->failed = 1;
}

static void
rgb_fill(struct dev *d, uint32_t c)
{
	if (c == d->fill)
		return;
	d->fill = c;
	HPDF_Page_SetRGBFill(d->page, (HPDF_REAL)((c >> 16) & 0xFF) / 255.0f,
	                     (HPDF_REAL)((c >> 8) & 0xFF) / 255.0f,
	                     (HPDF_REAL)(c & 0xFF) / 255.0f);
}

static void
rgb_stroke(struct dev *d, uint32_t c)
{
	if (c == d->stroke)
		return;
	d->stroke = c;
	HPDF_Page_SetRGBStroke(d->page, (HPDF_REAL)((c >> 16) & 0xFF) / 255.0f,
	                       (HPDF_REAL)((c >> 8) & 0xFF) / 255.0f,
	                       (HPDF_REAL)(c & 0xFF) / 255.0f);
}

static void
line_width(struct dev *d, double w)
{
	if (w == d->width)
		return;
	d->width = w;
	HPDF_Page_SetLineWidth(d->page, (HPDF_REAL)w);
}

/* Forgets the state at a new page, where PDF starts afresh (black,
 * width 1, no font). */
static void
reset_state(struct dev *d)
{
	d->fill = d->stroke = 0;
	d->width = 1;
	d->font = -1;
	d->fsize = 0;
}

/* UTF-8 to UTF-16BE with a byte order mark, the PDF text string for
 * anything beyond PDFDocEncoding. The caller frees *out. */
static size_t
utf16(const char *s, HPDF_BYTE **out)
{
	size_t n = strlen(s), i = 0, k = 2, len;
	HPDF_BYTE *b = pm_xmalloc(2 * n + 2);
	int32_t cp;

	b[0] = 0xFE, b[1] = 0xFF;
	while (i < n) {
		if ((len = pm_utf8_decode(s + i, n - i, &cp)) == 0)
			len = 1, cp = 0xFFFD;
		i += len;
		if (cp > 0xFFFF)
			continue; /* as in the text: the BMP only */
		b[k++] = (HPDF_BYTE)(cp >> 8);
		b[k++] = (HPDF_BYTE)(cp & 0xFF);
	}
	*out = b;
	return k;
}

static void
set_text(HPDF_Doc pdf, HPDF_Dict dict, const char *key, const char *s)
{
	HPDF_BYTE *b;
	size_t n = utf16(s, &b);

	HPDF_Dict_Add(dict, key, HPDF_Binary_New(pdf->mmgr, b, (HPDF_UINT)n));
	free(b);
}

/* A subset font, loaded from memory the way HPDF_LoadTTFontFromFile
 * loads a file, with a subset tag of its own. */
static const char *
load_subset(struct dev *d, const char *data, size_t len, int i)
{
	char tag[7] = "PMCAAA";
	HPDF_Stream st;
	HPDF_FontDef def;

	st = HPDF_MemStream_New(d->pdf->mmgr, (HPDF_UINT)len);
	if (st == NULL ||
	    HPDF_Stream_Write(st, (const HPDF_BYTE *)data, (HPDF_UINT)len))
		return NULL;
	if ((def = HPDF_TTFontDef_Load(d->pdf->mmgr, st, HPDF_TRUE)) == NULL)
		return NULL;
	tag[4] = (char)('A' + i / 26 % 26);
	tag[5] = (char)('A' + i % 26);
	HPDF_TTFontDef_SetTagName(def, tag);
	if (HPDF_Doc_RegisterFontDef(d->pdf, def) != HPDF_OK) {
		HPDF_FontDef_Free(def);
		return NULL;
	}
	return def->base_font;
}

/* When HarfBuzz cannot subset a face, libharu embeds it whole. */
static const char *
load_whole(struct dev *d, pm_fonts *fonts, int i)
{
	const char *file = pm_fonts_face_file(fonts, i);
	size_t n = strlen(file);

	if (n > 4 && strcmp(file + n - 4, ".ttc") == 0)
		return HPDF_LoadTTFontFromFile2(d->pdf, file, 0, HPDF_TRUE);
	return HPDF_LoadTTFontFromFile(d->pdf, file, HPDF_TRUE);
}

/*
 * Each font gets an encoder of its own, numbering just the characters
 * it draws 1, 2, 3 ... (its CIDs, written as two bytes each under
 * Identity-H). libharu's UTF-8 encoder numbers every BMP character by its
 * code point instead, so that for every font it looks up 65,536
 * characters and writes (and deflates) a 128 KB CID-to-glyph map: that
 * was over half of pmc's time for a PDF. The encoder keeps the CID of
 * character u in cid_map[u >> 8][u & 255] and u in unicode_map beside
 * it, which is all libharu's CID font needs to build the map and the
 * widths.
 */
static HPDF_STATUS
enc_init(HPDF_Encoder e)
{
	HPDF_CMapEncoderAttr a = HPDF_GetMem(e->mmgr, sizeof(*a));

	if (a == NULL)
		return HPDF_Error_GetCode(e->error);
	/* libharu's own init fills the maps byte by byte; calloc speed is
	 * plenty for maps that stay almost empty */
	memset(a, 0, sizeof(*a));
	e->attr = a;
	a->cmap_range = HPDF_List_New(e->mmgr, HPDF_DEF_RANGE_TBL_NUM);
	a->notdef_range = HPDF_List_New(e->mmgr, HPDF_DEF_RANGE_TBL_NUM);
	a->code_space_range = HPDF_List_New(e->mmgr, HPDF_DEF_RANGE_TBL_NUM);
	if (!a->cmap_range || !a->notdef_range || !a->code_space_range)
		return HPDF_Error_GetCode(e->error);
	a->writing_mode = HPDF_WMODE_HORIZONTAL;
	a->uid_offset = -1;
	/* "Identity-H" makes libharu write /Encoding /Identity-H */
	strcpy(a->registry, "Adobe");
	strcpy(a->ordering, "Identity-H");
	e->type = HPDF_ENCODER_TYPE_DOUBLE_BYTE;
	return HPDF_OK;
}

/* libharu measures each string it shows, and skips one of width 0: one
 * character per string is enough for that, and the width is unused. */
static HPDF_ByteType
enc_byte_type(HPDF_Encoder e, HPDF_ParseText_Rec *st)
{
	(void)e;
	return st->index++ == 0 ? HPDF_BYTE_TYPE_SINGLE : HPDF_BYTE_TYPE_TRIAL;
}

/* The stand-in character for that measure, kept where code 0 would be. */
static HPDF_UNICODE
enc_stand_in(HPDF_Encoder e, HPDF_UINT16 code)
{
	(void)code;
	return ((HPDF_CMapEncoderAttr)e->attr)->unicode_map[0][0];
}

/* UTF-8 to the font's CIDs, big-endian; libharu frees the result. */
static char *
enc_text(HPDF_Encoder e, const char *text, HPDF_UINT len, HPDF_UINT *out)
{
	HPDF_CMapEncoderAttr a = e->attr;
	char *b = pm_xmalloc(2 * (size_t)len + 2);
	size_t i = 0, k = 0, n;
	int32_t cp;
	HPDF_UINT16 cid;

	while (i < len) {
		if ((n = pm_utf8_decode(text + i, len - i, &cp)) == 0)
			n = 1, cp = 0;
		i += n;
		if (cp <= 0 || cp > 0xFFFF)
			continue;
		if ((cid = a->cid_map[cp >> 8][cp & 0xFF]) == 0)
			continue; /* not drawn by this font (layout keeps it out) */
		b[k++] = (char)(cid >> 8);
		b[k++] = (char)(cid & 0xFF);
	}
	*out = (HPDF_UINT)k;
	return b;
}

/* The ToUnicode map, CID to character, replacing the one libharu wrote
 * (an identity map in a form poppler warns about). */
static void
write_tounicode(HPDF_Stream st, const int32_t *chars, size_t n)
{
	char line[40];
	size_t i;

	HPDF_MemStream_FreeData(st);
	HPDF_Stream_WriteStr(st,
	    "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
	    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
	    "/Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n"
	    "/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\n"
	    "endcodespacerange\n");
	for (i = 0; i < n; i++) {
		if (i % 100 == 0) {
			snprintf(line, sizeof(line), "%zu beginbfchar\n",
			         n - i < 100 ? n - i : (size_t)100);
			HPDF_Stream_WriteStr(st, line);
		}
		snprintf(line, sizeof(line), "<%04zX> <%04X>\n", i + 1,
		         (unsigned)chars[i]);
		HPDF_Stream_WriteStr(st, line);
		if (i % 100 == 99 || i + 1 == n)
			HPDF_Stream_WriteStr(st, "endbfchar\n");
	}
	HPDF_Stream_WriteStr(st, "endcmap\nCMapName currentdict /CMap "
	                         "defineresource pop\nend\nend\n");
}

/* The encoder for face i, numbering its characters; 0 or -1. */
static int
make_encoder(struct dev *d, int i, const int32_t *chars, size_t n,
             char *name, size_t size)
{
	HPDF_Encoder e;
	HPDF_CMapEncoderAttr a;
	size_t k;

	snprintf(name, size, "PMC-Identity-%d", i);
	if ((e = HPDF_CMapEncoder_New(d->pdf->mmgr, name, enc_init)) == NULL)
		return -1;
	if (enc_init(e) != HPDF_OK ||
	    HPDF_Doc_RegisterEncoder(d->pdf, e) != HPDF_OK)
		return -1;
	e->byte_type_fn = enc_byte_type;
	e->to_unicode_fn = HPDF_CMapEncoder_ToUnicode;
	e->encode_text_fn = enc_text;
	a = e->attr;
	for (k = 0; k < n && k < 0xFFFE; k++) {
		a->cid_map[chars[k] >> 8][chars[k] & 0xFF] = (HPDF_UINT16)(k + 1);
		a->unicode_map[chars[k] >> 8][chars[k] & 0xFF] =
		    (HPDF_UNICODE)chars[k];
	}
	/* libharu maps CIDs below the highest only: one past the last. */
	a->cid_map[0][0] = (HPDF_UINT16)(k + 1);
	a->unicode_map[0][0] = 0;
	return 0;
}

/* After libharu made the font: its glyphs marked for embedding (libharu
 * marks those it measures), a character of some width as the stand-in,
 * the ToUnicode map, and the encoder switched to drawing. */
static void
finish_font(HPDF_Font font, HPDF_FontDef def, const int32_t *chars,
            size_t n)
{
	HPDF_FontAttr fa = font->attr;
	HPDF_CMapEncoderAttr a = fa->encoder->attr;
	HPDF_UNICODE stand_in = 0;
	size_t k;

	for (k = 0; k < n; k++)
		if (HPDF_TTFontDef_GetCharWidth(def, (HPDF_UINT16)chars[k]) > 0 &&
		    stand_in == 0)
			stand_in = (HPDF_UNICODE)chars[k];
	a->cid_map[0][0] = 0;
	a->unicode_map[0][0] = stand_in ? stand_in : 0x20;
	fa->encoder->to_unicode_fn = enc_stand_in;
	if (fa->cmap_stream != NULL) {
		HPDF_Dict_RemoveElement(fa->cmap_stream, "Type");
		HPDF_Dict_RemoveElement(fa->cmap_stream, "CMapName");
		HPDF_Dict_RemoveElement(fa->cmap_stream, "CIDSystemInfo");
		write_tounicode(fa->cmap_stream->stream, chars, n);
	}
}

static int
load_font(struct dev *d, pm_fonts *fonts, int i)
{
	const char *data, *name;
	char enc[32];
	int32_t *chars;
	size_t len, n;
	int rc = -1;

	chars = pm_fonts_face_chars(fonts, i, &n);
	data = pm_fonts_subset(fonts, i, &len);
	name = data ? load_subset(d, data, len, i) : load_whole(d, fonts, i);
	if (name == NULL || d->failed ||
	    make_encoder(d, i, chars, n, enc, sizeof(enc)) != 0)
		goto out;
	d->fonts[i] = HPDF_GetFont(d->pdf, name, enc);
	if (d->fonts[i] == NULL || d->failed)
		goto out;
	finish_font(d->fonts[i], HPDF_GetFontDef(d->pdf, name), chars, n);
	d->styles[i] = pm_fonts_face_style(fonts, i);
	rc = 0;
out:
	free(chars);
	return rc;
}

static int
load_fonts(struct dev *d, pm_fonts *fonts)
{
	int i;

	d->nfonts = pm_fonts_count(fonts);
	d->fonts = pm_xcalloc((size_t)d->nfonts + 1, sizeof(*d->fonts));
	d->styles = pm_xcalloc((size_t)d->nfonts + 1, sizeof(*d->styles));
	for (i = 0; i < d->nfonts; i++) {
		if (pm_fonts_face_used(fonts, i) == 0)
			continue;
		snprintf(d->doing_buf, sizeof(d->doing_buf), "loading font %s",
		         pm_fonts_face_file(fonts, i));
		d->doing = d->doing_buf;
		if (load_font(d, fonts, i) != 0)
			return -1;
	}
	return 0;
}

/* Bold and italic a face lacks are made: strokes thickened, glyphs
 * slanted (CJK faces have neither). */
static void
draw_text(struct dev *d, const pm_lay_item *it)
{
	HPDF_Page pg = d->page;
	HPDF_REAL y = (HPDF_REAL)(d->height - it->y);
	unsigned lack;

	if (it->face < 0 || it->face >= d->nfonts || d->fonts[it->face] == NULL)
		return;
	lack = it->style & ~d->styles[it->face];
	rgb_fill(d, it->color);
	HPDF_Page_BeginText(pg);
	if (it->face != d->font || it->size != d->fsize) {
		d->font = it->face, d->fsize = it->size;
		HPDF_Page_SetFontAndSize(pg, d->fonts[it->face],
		                         (HPDF_REAL)it->size);
	}
	if (lack & PM_FS_BOLD) {
		rgb_stroke(d, it->color);
		line_width(d, it->size * 0.04);
		HPDF_Page_SetTextRenderingMode(pg, HPDF_FILL_THEN_STROKE);
	}
	if (lack & PM_FS_ITALIC)
		HPDF_Page_SetTextMatrix(pg, 1, 0, 0.2f, 1, (HPDF_REAL)it->x, y);
	else
		HPDF_Page_MoveTextPos(pg, (HPDF_REAL)it->x, y);
	HPDF_Page_ShowText(pg, it->text);
	if (lack & PM_FS_BOLD)
		HPDF_Page_SetTextRenderingMode(pg, HPDF_FILL);
	HPDF_Page_EndText(pg);
}

static void
draw_rect(struct dev *d, const pm_lay_item *it)
{
	rgb_fill(d, it->color);
	HPDF_Page_Rectangle(d->page, (HPDF_REAL)it->x,
	                    (HPDF_REAL)(d->height - it->y - it->h),
	                    (HPDF_REAL)it->w, (HPDF_REAL)it->h);
	HPDF_Page_Fill(d->page);
}

static void
draw_line(struct dev *d, const pm_lay_item *it)
{
	rgb_stroke(d, it->color);
	line_width(d, it->size);
	HPDF_Page_MoveTo(d->page, (HPDF_REAL)it->x,
	                 (HPDF_REAL)(d->height - it->y));
	HPDF_Page_LineTo(d->page, (HPDF_REAL)(it->x + it->w),
	                 (HPDF_REAL)(d->height - it->y - it->h));
	HPDF_Page_Stroke(d->page);
}

static void
draw_circle(struct dev *d, const pm_lay_item *it)
{
	rgb_fill(d, it->color);
	HPDF_Page_Circle(d->page, (HPDF_REAL)it->x,
	                 (HPDF_REAL)(d->height - it->y), (HPDF_REAL)it->w);
	HPDF_Page_Fill(d->page);
}

/* A URI as PDF wants it: 7-bit, so other bytes are percent-encoded. */
static char *
uri_ascii(const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(s), i, k = 0;
	char *u = pm_xmalloc(3 * n + 1);

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c > 0x20 && c < 0x7F && c != '"' && c != '<' && c != '>') {
			u[k++] = (char)c;
		} else {
			u[k++] = '%';
			u[k++] = hex[c >> 4];
			u[k++] = hex[c & 15];
		}
	}
	u[k] = '\0';
	return u;
}

static void
draw_link(struct dev *d, const pm_lay_item *it)
{
	HPDF_Rect r;
	HPDF_Annotation a;
	char *uri = uri_ascii(it->text);

	r.left = (HPDF_REAL)it->x;
	r.right = (HPDF_REAL)(it->x + it->w);
	r.top = (HPDF_REAL)(d->height - it->y);
	r.bottom = (HPDF_REAL)(d->height - it->y - it->h);
	if ((a = HPDF_Page_CreateURILinkAnnot(d->page, r, uri)) != NULL)
		HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
	free(uri);
}

static void
draw_dest(struct dev *d, const pm_lay_item *it)
{
	int lv = it->level < 1 ? 1 : it->level > MAX_LEVELS ? MAX_LEVELS
	                                                    : it->level;
	HPDF_Outline o, parent = d->parents[lv - 1];
	HPDF_Destination dst;

	if (lv > 1 && parent == NULL)
		parent = d->parents[0];
	o = HPDF_CreateOutline(d->pdf, parent, "-", NULL);
	if (o == NULL)
		return;
	set_text(d->pdf, o, "Title", it->text);
	dst = HPDF_Page_CreateDestination(d->page);
	/* FitH: libharu refuses XYZ with zoom 0 (keep the zoom) */
	HPDF_Destination_SetFitH(dst, (HPDF_REAL)(d->height - it->y + 6));
	HPDF_Outline_SetDestination(o, dst);
	HPDF_Outline_SetOpened(o, HPDF_TRUE);
	d->parents[lv] = o;
	memset(&d->parents[lv + 1], 0,
	       (MAX_LEVELS - (size_t)lv) * sizeof(d->parents[0]));
}

static void
draw_item(struct dev *d, const pm_lay_item *it)
{
	switch (it->kind) {
	case PM_LI_TEXT:
		draw_text(d, it);
		break;
	case PM_LI_RECT:
		draw_rect(d, it);
		break;
	case PM_LI_LINE:
		draw_line(d, it);
		break;
	case PM_LI_CIRCLE:
		draw_circle(d, it);
		break;
	case PM_LI_LINK:
		draw_link(d, it);
		break;
	case PM_LI_DEST:
		draw_dest(d, it);
		break;
	}
}

static int
draw_pages(struct dev *d, const pm_lay *lay)
{
	const pm_lay_page_geom *g = pm_lay_geom(lay);
	const pm_lay_pageout *p;
	size_t i, k;

	d->height = g->height;
	d->doing = "drawing";
	for (i = 0; i < pm_lay_npages(lay) && !d->failed; i++) {
		p = pm_lay_page(lay, i);
		d->page = HPDF_AddPage(d->pdf);
		HPDF_Page_SetWidth(d->page, (HPDF_REAL)g->width);
		HPDF_Page_SetHeight(d->page, (HPDF_REAL)g->height);
		reset_state(d);
		for (k = 0; k < p->n && !d->failed; k++)
			draw_item(d, &p->items[k]);
	}
	return d->failed ? -1 : 0;
}

static int
is_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

static void
info_entry(struct dev *d, HPDF_InfoType type, const char *key,
           const char *value)
{
	if (value == NULL || *value == '\0')
		return;
	/* Creates the dictionary; a non-ASCII value is then replaced. */
	HPDF_SetInfoAttr(d->pdf, type, is_ascii(value) ? value : "-");
	if (!is_ascii(value) && d->pdf->info != NULL)
		set_text(d->pdf, d->pdf->info, key, value);
}

static void
set_info(struct dev *d, const pm_pdf_info *info)
{
	HPDF_Date date = {0};
	struct tm tm;
	time_t t;

	d->doing = "writing the document information";
	info_entry(d, HPDF_INFO_TITLE, "Title", info->title);
	info_entry(d, HPDF_INFO_AUTHOR, "Author", info->author);
	info_entry(d, HPDF_INFO_SUBJECT, "Subject", info->subject);
	info_entry(d, HPDF_INFO_KEYWORDS, "Keywords", info->keywords);
	info_entry(d, HPDF_INFO_CREATOR, "Creator", info->creator);
	if (info->created < 0)
		return;
	t = (time_t)info->created;
	if (gmtime_r(&t, &tm) == NULL)
		return;
	date.year = tm.tm_year + 1900, date.month = tm.tm_mon + 1;
	date.day = tm.tm_mday, date.hour = tm.tm_hour;
	date.minutes = tm.tm_min, date.seconds = tm.tm_sec;
	date.ind = 'Z';
	HPDF_SetInfoDateAttr(d->pdf, HPDF_INFO_CREATION_DATE, date);
	HPDF_SetInfoDateAttr(d->pdf, HPDF_INFO_MOD_DATE, date);
}

static int
save(struct dev *d, pm_buf *out)
{
	HPDF_BYTE buf[8192];
	HPDF_UINT32 n;
	HPDF_STATUS st;

	d->doing = "saving";
	if (HPDF_SaveToStream(d->pdf) != HPDF_OK)
		return -1;
	do {
		n = sizeof(buf);
		st = HPDF_ReadFromStream(d->pdf, buf, &n);
		pm_buf_put(out, buf, n);
	} while (st == HPDF_OK && n > 0);
	return st == HPDF_OK || st == HPDF_STREAM_EOF ? 0 : -1;
}

int
pm_pdf_write(const pm_lay *lay, pm_fonts *fonts, const pm_pdf_info *info,
             pm_pdf_error_fn *err, void *arg, pm_buf *out)
{
	struct dev d = {0};
	int rc = -1;

	d.err = err, d.arg = arg, d.doing = "starting";
	if ((d.pdf = HPDF_New(on_error, &d)) == NULL)
		goto out;
	HPDF_SetCompressionMode(d.pdf, HPDF_COMP_ALL);
	HPDF_SetPageMode(d.pdf, HPDF_PAGE_MODE_USE_OUTLINE);
	if (load_fonts(&d, fonts) != 0 || draw_pages(&d, lay) != 0)
		goto out;
	set_info(&d, info);
	if (d.failed || save(&d, out) != 0 || d.failed)
		goto out;
	rc = 0;
out:
	if (rc != 0 && !d.failed && err != NULL)
		err(arg, 0, 0, d.doing);
	HPDF_Free(d.pdf);
	free(d.fonts);
	free(d.styles);
	return rc;
}
