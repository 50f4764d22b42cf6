/* pdf.c: the PDF device on libharu 2.3.0. libharu makes the document's
 * objects (pages, outline, links, information) and writes the file; the
 * fonts (from HarfBuzz subsets) and the page contents are made here, and
 * UTF-8 strings in outlines and the document information are written as
 * UTF-16 (libharu's own conversion splits UTF-8 characters). */
#include <hpdf.h>
#include <hpdf_conf.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_streams.h>
#include <hpdf_utils.h>
#include <ctype.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <libdeflate.h>

#include "alloc.h"
#include "pdf.h"
#include "lazylibs.h"
#include "lazylibs_calls.h"
#include "utf8.h"

#define MAX_LEVELS 4

/*
 * The streams pmc makes (page contents, font programs, ToUnicode maps)
 * are compressed here rather than by libharu, which starts zlib afresh
 * for each stream at its default level 6. libdeflate compresses a whole
 * buffer at once, faster than zlib at the same level and smaller: level 6
 * for text and 3 for glyph outlines (which barely compress whatever the
 * effort) make every sample's PDF 0.3-1.8 % smaller than zlib at 4 and 3
 * did, in two thirds of its time (bench/run).
 * libharu writes a stream without a filter as it is and drops a /Filter
 * key from its dictionary, so the key is written by write_fn.
 */
enum { LEVEL_TEXT = 6, LEVEL_OUTLINES = 3, LEVEL_MAX = 12 };

struct dev {
	HPDF_Doc pdf;
	HPDF_Page page;
	double height;
	pm_buf ops; /* the page's content stream */
	/* compressors made at their first stream, by level */
	struct libdeflate_compressor *z[LEVEL_MAX + 1];
	unsigned char *zout; /* a stream's compressed bytes */
	size_t zcap;
	/* The page's graphics state as last set, so that a setting is
	 * written only when it changes (a third of a page's bytes). */
	uint32_t fill, stroke;
	double width, fsize;
	int font, render;
	/* Inside BT: where the text line starts, in 1/100 pt, and whether
	 * its matrix is slanted (a relative move would slant too). */
	int in_text, slanted;
	long long lx, ly;
	pm_fonts *pf;
	HPDF_Font *fonts;
	const char **names; /* each font's resource name on this page */
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

/* A number with at most dec (2 or 3) decimals and no trailing zeros,
 * then a space: 0.01 pt is finer than any printer, and 0.001 keeps
 * every 8-bit colour. libharu writes floats with 5 decimals, and the
 * digits cost bytes and deflate time on every page. */
static void
put_num(pm_buf *b, double v, int dec)
{
	long long scale = dec == 3 ? 1000 : 100, n = llround(v * (double)scale);
	char s[32], *p = s + sizeof(s);
	unsigned long long u = n < 0 ? 0ULL - (unsigned long long)n
	                             : (unsigned long long)n;
	unsigned long long fp = u % (unsigned long long)scale;
	int i, digits = dec;

	*--p = ' ';
	while (fp != 0 && fp % 10 == 0)
		fp /= 10, digits--;
	if (fp != 0) {
		for (i = 0; i < digits; i++, fp /= 10)
			*--p = (char)('0' + fp % 10);
		*--p = '.';
	}
	u /= (unsigned long long)scale;
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (n < 0)
		*--p = '-';
	pm_buf_put(b, p, (size_t)(s + sizeof(s) - p));
}

/* x and y in 1/100 pt, as text positions are kept. */
static void
put_hundredths(pm_buf *b, long long v)
{
	put_num(b, (double)v / 100.0, 2);
}

static void
put_rgb(pm_buf *b, uint32_t c, const char *op)
{
	put_num(b, (double)((c >> 16) & 0xFF) / 255.0, 3);
	put_num(b, (double)((c >> 8) & 0xFF) / 255.0, 3);
	put_num(b, (double)(c & 0xFF) / 255.0, 3);
	pm_buf_puts(b, op);
}

static HPDF_STATUS
write_flate(HPDF_Dict dict, HPDF_Stream st)
{
	(void)dict;
	return HPDF_Stream_WriteStr(st, "/Filter /FlateDecode\012");
}

static int
deflate_into(struct dev *d, HPDF_Dict dict, const void *data, size_t len,
             int level)
{
	size_t n;

	if (d->z[level] == NULL &&
	    (d->z[level] = libdeflate_alloc_compressor(level)) == NULL)
		return -1;
	n = libdeflate_zlib_compress_bound(d->z[level], len);
	if (n > d->zcap)
		d->zout = pm_xrealloc(d->zout, d->zcap = n);
	if ((n = libdeflate_zlib_compress(d->z[level], data, len, d->zout,
	                                  n)) == 0)
		return -1;
	HPDF_Stream_Write(dict->stream, d->zout, (HPDF_UINT)n);
	dict->filter = HPDF_STREAM_FILTER_NONE;
	dict->write_fn = write_flate;
	return 0;
}

static void
rgb_fill(struct dev *d, uint32_t c)
{
	if (c == d->fill)
		return;
	d->fill = c;
	put_rgb(&d->ops, c, "rg\n");
}

static void
rgb_stroke(struct dev *d, uint32_t c)
{
	if (c == d->stroke)
		return;
	d->stroke = c;
	put_rgb(&d->ops, c, "RG\n");
}

static void
line_width(struct dev *d, double w)
{
	if (w == d->width)
		return;
	d->width = w;
	put_num(&d->ops, w, 2);
	pm_buf_puts(&d->ops, "w\n");
}

/* Forgets the state at a new page, where PDF starts afresh (black,
 * width 1, no font, fill only). */
static void
reset_state(struct dev *d)
{
	d->fill = d->stroke = 0;
	d->width = 1;
	d->font = -1;
	d->fsize = 0;
	d->render = 0;
	d->in_text = 0;
	memset(d->names, 0, (size_t)d->nfonts * sizeof(*d->names));
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

/*
 * Fonts are PDF objects made here from HarfBuzz's subset, not by
 * libharu: its CID font reads the subset again, copies it table by
 * table, and builds its maps by walking all 65,536 BMP characters for
 * every font (a third of pmc's time for a PDF). Each character is drawn
 * by its glyph number in the subset (its CID, two bytes under
 * Identity-H), so the CID-to-glyph map is /Identity, and the widths are
 * the subset's own.
 */
struct cid_char {
	unsigned cid;
	int32_t cp;
};

static int
by_cid(const void *a, const void *b)
{
	const struct cid_char *x = a, *y = b;

	if (x->cid != y->cid)
		return x->cid < y->cid ? -1 : 1;
	return x->cp < y->cp ? -1 : x->cp > y->cp;
}

static void
write_bfchars(pm_buf *b, const struct cid_char *map, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (i % 100 == 0)
			pm_buf_printf(b, "%zu beginbfchar\n",
			              n - i < 100 ? n - i : (size_t)100);
		pm_buf_printf(b, "<%04X> <%04X>\n", map[i].cid,
		              (unsigned)map[i].cp);
		if (i % 100 == 99 || i + 1 == n)
			pm_buf_puts(b, "endbfchar\n");
	}
}

/* The ToUnicode map, CID to character, for text extraction. Characters
 * drawn by one glyph read back as the first of them. */
static HPDF_Dict
to_unicode(struct dev *d, pm_fonts *fonts, int i)
{
	HPDF_Dict tu = HPDF_DictStream_New(d->pdf->mmgr, d->pdf->xref);
	size_t n, k, m = 0;
	int32_t *chars = pm_fonts_face_chars(fonts, i, &n);
	struct cid_char *map = pm_xmalloc((n + 1) * sizeof(*map));
	pm_buf b = {0};

	for (k = 0; k < n; k++) {
		map[m].cid = pm_fonts_subset_glyph(fonts, i, chars[k]);
		map[m].cp = chars[k];
		if (map[m].cid != 0 && map[m].cid <= 0xFFFF && chars[k] <= 0xFFFF)
			m++;
	}
	qsort(map, m, sizeof(*map), by_cid);
	for (k = n = 0; k < m; k++)
		if (n == 0 || map[k].cid != map[n - 1].cid)
			map[n++] = map[k];
	pm_buf_puts(&b,
	    "/CIDInit /ProcSet findresource begin\n12 dict begin\n"
	    "begincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering "
	    "(UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS "
	    "def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\n"
	    "endcodespacerange\n");
	write_bfchars(&b, map, n);
	pm_buf_puts(&b, "endcmap\nCMapName currentdict /CMap defineresource "
	                "pop\nend\nend\n");
	if (tu != NULL && deflate_into(d, tu, b.data, b.len, LEVEL_TEXT) != 0)
		tu = NULL;
	pm_buf_free(&b);
	free(map);
	free(chars);
	return tu;
}

static HPDF_Array
int_array(struct dev *d, const double *v, size_t n)
{
	HPDF_Array a = HPDF_Array_New(d->pdf->mmgr);
	size_t i;

	for (i = 0; a != NULL && i < n; i++)
		HPDF_Array_AddNumber(a, (HPDF_INT32)lround(v[i]));
	return a;
}

/* Every glyph's advance from 0 on: [0 [w0 w1 ...]]. */
static HPDF_Array
widths(struct dev *d, pm_fonts *fonts, int i)
{
	HPDF_Array w = HPDF_Array_New(d->pdf->mmgr);
	HPDF_Array run = HPDF_Array_New(d->pdf->mmgr);
	unsigned g, n = pm_fonts_subset_glyphs(fonts, i);

	if (w == NULL || run == NULL)
		return NULL;
	HPDF_Array_AddNumber(w, 0);
	HPDF_Array_Add(w, run);
	for (g = 0; g < n; g++)
		HPDF_Array_AddNumber(run, (HPDF_INT32)lround(
		    pm_fonts_subset_advance(fonts, i, g)));
	return w;
}

/* Adds obj to the document as an object of its own; obj or NULL. */
static HPDF_Dict
indirect(struct dev *d, HPDF_Dict obj)
{
	if (obj == NULL || HPDF_Xref_Add(d->pdf->xref, obj) != HPDF_OK)
		return NULL;
	return obj;
}

static HPDF_Dict
descriptor(struct dev *d, pm_fonts *fonts, int i, const char *name,
           const char *data, size_t len)
{
	HPDF_Dict desc = indirect(d, HPDF_Dict_New(d->pdf->mmgr));
	HPDF_Dict file = HPDF_DictStream_New(d->pdf->mmgr, d->pdf->xref);
	unsigned style = pm_fonts_face_style(fonts, i);
	pm_font_metrics m;
	int flags = 32; /* not symbolic */

	if (desc == NULL || file == NULL ||
	    deflate_into(d, file, data, len, LEVEL_OUTLINES) != 0)
		return NULL;
	HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)len);
	pm_fonts_metrics(fonts, i, &m);
	if (m.fixed_pitch)
		flags |= 1;
	if ((style & PM_FS_ITALIC) || m.italic_angle != 0)
		flags |= 64;
	if (style & PM_FS_BOLD)
		flags |= 1 << 18; /* ForceBold */
	HPDF_Dict_AddName(desc, "Type", "FontDescriptor");
	HPDF_Dict_AddName(desc, "FontName", name);
	HPDF_Dict_AddNumber(desc, "Flags", flags);
	HPDF_Dict_Add(desc, "FontBBox", int_array(d, m.bbox, 4));
	HPDF_Dict_AddReal(desc, "ItalicAngle", (HPDF_REAL)m.italic_angle);
	HPDF_Dict_AddNumber(desc, "Ascent", (HPDF_INT32)lround(m.ascent));
	HPDF_Dict_AddNumber(desc, "Descent", (HPDF_INT32)lround(m.descent));
	HPDF_Dict_AddNumber(desc, "CapHeight", (HPDF_INT32)lround(
	    m.cap_height > 0 ? m.cap_height : m.ascent));
	HPDF_Dict_AddNumber(desc, "StemV", style & PM_FS_BOLD ? 120 : 80);
	HPDF_Dict_Add(desc, "FontFile2", file);
	return desc;
}

static HPDF_Dict
cid_font(struct dev *d, pm_fonts *fonts, int i, const char *name,
         HPDF_Dict desc)
{
	HPDF_Dict f = indirect(d, HPDF_Dict_New(d->pdf->mmgr));
	HPDF_Dict info = HPDF_Dict_New(d->pdf->mmgr);

	if (f == NULL || info == NULL)
		return NULL;
	HPDF_Dict_AddName(f, "Type", "Font");
	HPDF_Dict_AddName(f, "Subtype", "CIDFontType2");
	HPDF_Dict_AddName(f, "BaseFont", name);
	HPDF_Dict_Add(info, "Registry",
	              HPDF_String_New(d->pdf->mmgr, "Adobe", NULL));
	HPDF_Dict_Add(info, "Ordering",
	              HPDF_String_New(d->pdf->mmgr, "Identity", NULL));
	HPDF_Dict_AddNumber(info, "Supplement", 0);
	HPDF_Dict_Add(f, "CIDSystemInfo", info);
	HPDF_Dict_Add(f, "FontDescriptor", desc);
	HPDF_Dict_Add(f, "W", widths(d, fonts, i));
	HPDF_Dict_AddName(f, "CIDToGIDMap", "Identity");
	return f;
}

/* Face i as a Type 0 font; 0 or -1. */
static int
load_font(struct dev *d, pm_fonts *fonts, int i)
{
	HPDF_Dict font, desc, cid;
	HPDF_Array kids;
	const char *data;
	char name[128];
	size_t len;

	if ((data = pm_fonts_subset(fonts, i, &len)) == NULL)
		return -1;
	/* a subset's name starts with a tag of six capitals */
	snprintf(name, sizeof(name), "PMCA%c%c+%s", 'A' + i / 26 % 26,
	         'A' + i % 26, pm_fonts_face_psname(fonts, i));
	if ((desc = descriptor(d, fonts, i, name, data, len)) == NULL ||
	    (cid = cid_font(d, fonts, i, name, desc)) == NULL ||
	    (font = indirect(d, HPDF_Dict_New(d->pdf->mmgr))) == NULL ||
	    (kids = HPDF_Array_New(d->pdf->mmgr)) == NULL)
		return -1;
	font->header.obj_class |= HPDF_OSUBCLASS_FONT;
	HPDF_Dict_AddName(font, "Type", "Font");
	HPDF_Dict_AddName(font, "Subtype", "Type0");
	HPDF_Dict_AddName(font, "BaseFont", name);
	HPDF_Dict_AddName(font, "Encoding", "Identity-H");
	HPDF_Array_Add(kids, cid);
	HPDF_Dict_Add(font, "DescendantFonts", kids);
	HPDF_Dict_Add(font, "ToUnicode", to_unicode(d, fonts, i));
	d->fonts[i] = font;
	d->styles[i] = pm_fonts_face_style(fonts, i);
	return d->failed ? -1 : 0;
}

static int
load_fonts(struct dev *d, pm_fonts *fonts)
{
	int i;

	d->pf = fonts;
	d->nfonts = pm_fonts_count(fonts);
	d->fonts = pm_xcalloc((size_t)d->nfonts + 1, sizeof(*d->fonts));
	d->styles = pm_xcalloc((size_t)d->nfonts + 1, sizeof(*d->styles));
	d->names = pm_xcalloc((size_t)d->nfonts + 1, sizeof(*d->names));
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

/* The item's characters as the font's CIDs, big-endian, in a literal
 * string: two bytes a character where hex would take four. */
static void
put_cids(pm_buf *b, pm_fonts *fonts, int face, const char *text,
         size_t len)
{
	size_t i = 0, n;
	int32_t cp;
	unsigned cid;
	int k;

	pm_buf_putc(b, '(');
	while (i < len) {
		if ((n = pm_utf8_decode(text + i, len - i, &cp)) == 0)
			n = 1, cp = 0;
		i += n;
		if (cp <= 0 || cp > 0xFFFF)
			continue; /* beyond the BMP: left out (docs/choices.md) */
		cid = pm_fonts_subset_glyph(fonts, face, cp);
		if (cid == 0 || cid > 0xFFFF)
			continue; /* not drawn by this font (layout keeps it out) */
		for (k = 8; k >= 0; k -= 8) {
			int c = (int)(cid >> k) & 0xFF;

			/* a raw CR would be read as a line end */
			if (c == '(' || c == ')' || c == '\\' || c == '\r')
				pm_buf_putc(b, '\\');
			pm_buf_putc(b, c == '\r' ? 'r' : c);
		}
	}
	pm_buf_puts(b, ")Tj\n");
}

/* Moves to x, y (1/100 pt) for a text item: relative to the line
 * before within one text object, as a matrix when slanting starts or
 * ends. */
static void
text_pos(struct dev *d, long long x, long long y, int slant)
{
	pm_buf *b = &d->ops;

	if (!d->in_text) {
		pm_buf_puts(b, "BT\n");
		d->in_text = 1, d->slanted = 0, d->lx = d->ly = 0;
	}
	if (slant || d->slanted) {
		pm_buf_puts(b, slant ? "1 0 0.2 1 " : "1 0 0 1 ");
		put_hundredths(b, x);
		put_hundredths(b, y);
		pm_buf_puts(b, "Tm\n");
	} else {
		put_hundredths(b, x - d->lx);
		put_hundredths(b, y - d->ly);
		pm_buf_puts(b, "Td\n");
	}
	d->slanted = slant, d->lx = x, d->ly = y;
}

static void
end_text(struct dev *d)
{
	if (d->in_text)
		pm_buf_puts(&d->ops, "ET\n");
	d->in_text = 0;
}

static void
set_font(struct dev *d, int face, double size)
{
	if (face == d->font && size == d->fsize)
		return;
	if (d->names[face] == NULL)
		d->names[face] = HPDF_Page_GetLocalFontName(d->page,
		                                            d->fonts[face]);
	if (d->names[face] == NULL)
		return; /* libharu reported it */
	d->font = face, d->fsize = size;
	pm_buf_putc(&d->ops, '/');
	pm_buf_puts(&d->ops, d->names[face]);
	pm_buf_putc(&d->ops, ' ');
	put_num(&d->ops, size, 2);
	pm_buf_puts(&d->ops, "Tf\n");
}

/* Is s words of one character each, with a space or a non-breaking
 * space between them ("0 s", "3 h", "1 d 3 h")? */
static int
one_letter_words(const char *s)
{
	size_t i = 0, n, len = strlen(s), letters = 0;
	int32_t cp;
	int spaces = 0;

	while (i < len) {
		if ((n = pm_utf8_decode(s + i, len - i, &cp)) == 0)
			return 0;
		i += n;
		if (cp == ' ' || cp == 0xA0)
			spaces++, letters = 0;
		else if (++letters > 1)
			return 0;
	}
	return spaces > 0;
}

/* The text of such a run stated with /ActualText, its spaces plain.
 * poppler takes a line whose words are all one character for
 * letter-spaced text: its word gap becomes 1.3 times the smallest gap
 * between them (TextLine::coalesce), so the gaps of "0 s" and "3 h"
 * were no spaces, and the tiles read "0s", "3h", "1d3h". Text between
 * BDC and EMC reads as the ActualText. */
static void
begin_actual(struct dev *d, const char *text)
{
	char *t = pm_xstrdup(text), *q;
	HPDF_BYTE *b;
	size_t n, i;

	while ((q = strstr(t, "\u00a0")) != NULL) {
		*q = ' ';
		memmove(q + 1, q + 2, strlen(q + 2) + 1);
	}
	n = utf16(t, &b);
	pm_buf_puts(&d->ops, "/Span <</ActualText <");
	for (i = 0; i < n; i++)
		pm_buf_printf(&d->ops, "%02X", b[i]);
	pm_buf_puts(&d->ops, ">>> BDC\n");
	free(b);
	free(t);
}

/* Bold and italic a face lacks are made: strokes thickened, glyphs
 * slanted (CJK faces have neither). */
static void
draw_text(struct dev *d, const pm_lay_item *it)
{
	unsigned lack;
	int render, actual;

	if (it->face < 0 || it->face >= d->nfonts || d->fonts[it->face] == NULL)
		return;
	lack = it->style & ~d->styles[it->face];
	text_pos(d, llround(it->x * 100), llround((d->height - it->y) * 100),
	         (lack & PM_FS_ITALIC) != 0);
	rgb_fill(d, it->color);
	set_font(d, it->face, it->size);
	render = (lack & PM_FS_BOLD) ? 2 : 0; /* 2: fill, then stroke */
	if (render) {
		rgb_stroke(d, it->color);
		line_width(d, it->size * 0.04);
	}
	if (render != d->render) {
		d->render = render;
		pm_buf_puts(&d->ops, render ? "2 Tr\n" : "0 Tr\n");
	}
	if ((actual = one_letter_words(it->text)) != 0)
		begin_actual(d, it->text);
	put_cids(&d->ops, d->pf, it->face, it->text, strlen(it->text));
	if (actual)
		pm_buf_puts(&d->ops, "EMC\n");
}

static void
draw_rect(struct dev *d, const pm_lay_item *it)
{
	end_text(d);
	rgb_fill(d, it->color);
	put_num(&d->ops, it->x, 2);
	put_num(&d->ops, d->height - it->y - it->h, 2);
	put_num(&d->ops, it->w, 2);
	put_num(&d->ops, it->h, 2);
	pm_buf_puts(&d->ops, "re f\n");
}

static void
draw_line(struct dev *d, const pm_lay_item *it)
{
	end_text(d);
	rgb_stroke(d, it->color);
	line_width(d, it->size);
	put_num(&d->ops, it->x, 2);
	put_num(&d->ops, d->height - it->y, 2);
	pm_buf_puts(&d->ops, "m ");
	put_num(&d->ops, it->x + it->w, 2);
	put_num(&d->ops, d->height - it->y - it->h, 2);
	pm_buf_puts(&d->ops, "l S\n");
}

/* Four Bézier quarters, as libharu's HPDF_Page_Circle draws them. */
static void
draw_circle(struct dev *d, const pm_lay_item *it)
{
	static const double q[4][6] = {
	    {-1, 0.552, -0.552, 1, 0, 1}, {0.552, 1, 1, 0.552, 1, 0},
	    {1, -0.552, 0.552, -1, 0, -1}, {-0.552, -1, -1, -0.552, -1, 0}};
	double x = it->x, y = d->height - it->y, r = it->w;
	int i, k;

	end_text(d);
	rgb_fill(d, it->color);
	put_num(&d->ops, x - r, 2);
	put_num(&d->ops, y, 2);
	pm_buf_puts(&d->ops, "m\n");
	for (i = 0; i < 4; i++) {
		for (k = 0; k < 6; k += 2) {
			put_num(&d->ops, x + r * q[i][k], 2);
			put_num(&d->ops, y + r * q[i][k + 1], 2);
		}
		pm_buf_puts(&d->ops, "c\n");
	}
	pm_buf_puts(&d->ops, "f\n");
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
		/* NULL after an error libharu kept from before */
		if ((d->page = HPDF_AddPage(d->pdf)) == NULL) {
			d->failed = 1;
			break;
		}
		HPDF_Page_SetWidth(d->page, (HPDF_REAL)g->width);
		HPDF_Page_SetHeight(d->page, (HPDF_REAL)g->height);
		if (d->failed)
			break;
		reset_state(d);
		d->ops.len = 0;
		for (k = 0; k < p->n && !d->failed; k++)
			draw_item(d, &p->items[k]);
		end_text(d);
		if (deflate_into(d, ((HPDF_PageAttr)d->page->attr)->contents,
		                 d->ops.data, d->ops.len, LEVEL_TEXT) != 0)
			return -1;
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

/* A document information entry is a line in a viewer's dialog, and
 * libharu refuses strings past 64 KB (a 128 KB title failed the whole
 * PDF): longer values are cut at a character, with an ellipsis. */
#define INFO_MAX 1024

static void
info_entry(struct dev *d, HPDF_InfoType type, const char *key,
           const char *value)
{
	char cut[INFO_MAX + 4];
	size_t n;

	if (value == NULL || *value == '\0')
		return;
	if ((n = strlen(value)) > INFO_MAX) {
		n = INFO_MAX;
		while (n > 0 && ((unsigned char)value[n] & 0xC0) == 0x80)
			n--;
		memcpy(cut, value, n);
		memcpy(cut + n, "\u2026", 4);
		value = cut;
	}
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

/* The document's language, for screen readers and for hyphenation and
 * search in viewers; only a well-formed tag (letters, digits and '-'). */
static void
set_lang(struct dev *d, const char *lang)
{
	size_t i;

	if (lang == NULL || *lang == '\0' || strlen(lang) > 35)
		return;
	for (i = 0; lang[i] != '\0'; i++)
		if (!isalnum((unsigned char)lang[i]) && lang[i] != '-')
			return;
	HPDF_Dict_Add(d->pdf->catalog, "Lang",
	              HPDF_String_New(d->pdf->mmgr, lang, NULL));
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
	int i, rc = -1;

	d.err = err, d.arg = arg, d.doing = "starting";
	if ((d.pdf = HPDF_New(on_error, &d)) == NULL)
		goto out;
	HPDF_SetCompressionMode(d.pdf, HPDF_COMP_ALL);
	HPDF_SetPageMode(d.pdf, HPDF_PAGE_MODE_USE_OUTLINE);
	if (load_fonts(&d, fonts) != 0 || draw_pages(&d, lay) != 0)
		goto out;
	set_info(&d, info);
	set_lang(&d, info->lang);
	if (d.failed || save(&d, out) != 0 || d.failed)
		goto out;
	rc = 0;
out:
	if (rc != 0 && !d.failed && err != NULL)
		err(arg, 0, 0, d.doing);
	HPDF_Free(d.pdf);
	free(d.fonts);
	free(d.styles);
	free(d.names);
	pm_buf_free(&d.ops);
	free(d.zout);
	for (i = 0; i <= LEVEL_MAX; i++)
		libdeflate_free_compressor(d.z[i]);
	return rc;
}
