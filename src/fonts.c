/* fonts.c: choosing a TrueType face for each character with fontconfig,
 * measuring with HarfBuzz, and subsetting each face with hb-subset so that
 * a PDF embeds only the glyphs it draws. */
#include <fontconfig/fontconfig.h>
#include <hb-subset.h>
#include <hb-ot.h>
#include <hb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "fonts.h"

struct face {
	char *file;
	char *psname;     /* to open each face once, whatever the path */
	int index;        /* in a .ttc collection */
	unsigned style;   /* the bold and italic bits the face really has */
	hb_face_t *hb;
	hb_font_t *font;  /* at the face's own scale: advances in font units */
	double upem;
	hb_set_t *used;
	hb_blob_t *subset;
};

/* Which kind of language a character's fallback is chosen for: the
 * document's own, or the one a CJK script implies. */
enum lclass { LC_DOC, LC_JA, LC_ZH, LC_KO, LC__COUNT };

struct slot {
	uint32_t key; /* style << 24 | cp, plus one, so 0 means empty */
	int face;
	float adv;
};

struct pm_fonts {
	char lang[16];
	struct face *faces;
	int nfaces;
	FcFontSet *sorted[PM_FS__COUNT][LC__COUNT];
	int tried[PM_FS__COUNT][LC__COUNT];
	int fast[PM_FS__COUNT]; /* 2 + DejaVu's face; 1: none; 0: not tried */
	struct slot *map;
	size_t mapcap, mapused;
	int32_t *missing;
	size_t nmissing;
};

pm_fonts *
pm_fonts_new(const char *lang)
{
	pm_fonts *f = pm_xcalloc(1, sizeof(*f));
	size_t n = lang ? strcspn(lang, "-_") : 0;

	if (n > 0 && n < sizeof(f->lang))
		memcpy(f->lang, lang, n);
	f->mapcap = 1024;
	f->map = pm_xcalloc(f->mapcap, sizeof(*f->map));
	return f;
}

static void
face_free(struct face *fc)
{
	free(fc->file);
	free(fc->psname);
	hb_font_destroy(fc->font);
	hb_face_destroy(fc->hb);
	hb_set_destroy(fc->used);
	hb_blob_destroy(fc->subset);
}

void
pm_fonts_free(pm_fonts *f)
{
	int i, j;

	if (f == NULL)
		return;
	for (i = 0; i < f->nfaces; i++)
		face_free(&f->faces[i]);
	for (i = 0; i < PM_FS__COUNT; i++)
		for (j = 0; j < LC__COUNT; j++)
			if (f->sorted[i][j] != NULL)
				FcFontSetDestroy(f->sorted[i][j]);
	free(f->faces);
	free(f->map);
	free(f->missing);
	free(f);
}

static int
is_han(int32_t cp)
{
	return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
	       (cp >= 0xF900 && cp <= 0xFAFF);
}

static int
is_kana(int32_t cp)
{
	return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x31F0 && cp <= 0x31FF) ||
	       (cp >= 0xFF66 && cp <= 0xFF9F);
}

static int
is_hangul(int32_t cp)
{
	return (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0x1100 && cp <= 0x11FF) ||
	       (cp >= 0x3130 && cp <= 0x318F);
}

/* CJK punctuation and full-width forms follow the document when it is in
 * a CJK language, else Japanese, the commonest in our sources. */
static int
is_cjk_other(int32_t cp)
{
	return (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFFEF);
}

static enum lclass
doc_class(const pm_fonts *f)
{
	if (strcmp(f->lang, "ja") == 0)
		return LC_JA;
	if (strcmp(f->lang, "zh") == 0)
		return LC_ZH;
	if (strcmp(f->lang, "ko") == 0)
		return LC_KO;
	return LC_DOC;
}

static enum lclass
char_class(const pm_fonts *f, int32_t cp)
{
	enum lclass d = doc_class(f);

	if (is_hangul(cp))
		return LC_KO;
	if (is_kana(cp))
		return d == LC_ZH ? LC_ZH : LC_JA;
	if (is_han(cp) || is_cjk_other(cp))
		return d == LC_DOC ? (is_han(cp) ? LC_ZH : LC_JA) : d;
	return LC_DOC;
}

/* The pattern fontconfig sorts by: our families first, in the order the
 * report wants them (DejaVu for Latin, IPAex for Japanese, WenQuanYi for
 * Chinese and Korean), then whatever the system prefers for the
 * language. */
static FcPattern *
make_pattern(const pm_fonts *f, unsigned style, enum lclass lc)
{
	static const char *const lang[LC__COUNT] = {NULL, "ja", "zh-cn", "ko"};
	FcPattern *p = FcPatternCreate();
	const char *l = lc == LC_DOC ? (f->lang[0] ? f->lang : "en") : lang[lc];

	FcPatternAddString(p, FC_FAMILY, (const FcChar8 *)(
	    style & PM_FS_MONO ? "DejaVu Sans Mono" : "DejaVu Sans"));
	if (lc == LC_JA)
		FcPatternAddString(p, FC_FAMILY, (const FcChar8 *)"IPAexGothic");
	if (lc == LC_ZH || lc == LC_KO)
		FcPatternAddString(p, FC_FAMILY,
		                   (const FcChar8 *)"WenQuanYi Zen Hei");
	FcPatternAddString(p, FC_LANG, (const FcChar8 *)l);
	FcPatternAddInteger(p, FC_WEIGHT, style & PM_FS_BOLD ? FC_WEIGHT_BOLD
	                                                     : FC_WEIGHT_REGULAR);
	FcPatternAddInteger(p, FC_SLANT, style & PM_FS_ITALIC ? FC_SLANT_OBLIQUE
	                                                      : FC_SLANT_ROMAN);
	FcConfigSubstitute(NULL, p, FcMatchPattern);
	FcDefaultSubstitute(p);
	return p;
}

static FcFontSet *
sorted(pm_fonts *f, unsigned style, enum lclass lc)
{
	FcPattern *p;
	FcResult res;

	if (!f->tried[style][lc]) {
		f->tried[style][lc] = 1;
		if (FcInit()) {
			p = make_pattern(f, style, lc);
			f->sorted[style][lc] = FcFontSort(NULL, p, FcTrue, NULL,
			                                  &res);
			FcPatternDestroy(p);
		}
	}
	return f->sorted[style][lc];
}

/* Can libharu and HarfBuzz use this font for cp? TrueType outlines only:
 * libharu 2.3.0 cannot embed CFF (Noto CJK is CFF). */
static int
usable(FcPattern *font, int32_t cp)
{
	FcCharSet *cs;
	FcChar8 *fmt, *file;

	if (FcPatternGetCharSet(font, FC_CHARSET, 0, &cs) != FcResultMatch ||
	    !FcCharSetHasChar(cs, (FcChar32)cp))
		return 0;
	if (FcPatternGetString(font, FC_FONTFORMAT, 0, &fmt) != FcResultMatch ||
	    strcmp((const char *)fmt, "TrueType") != 0)
		return 0;
	return FcPatternGetString(font, FC_FILE, 0, &file) == FcResultMatch;
}

static int
open_face(struct face *fc, const char *file, int index)
{
	hb_blob_t *blob = hb_blob_create_from_file_or_fail(file);

	if (blob == NULL)
		return -1;
	fc->hb = hb_face_create(blob, (unsigned)index);
	hb_blob_destroy(blob);
	if (hb_face_get_glyph_count(fc->hb) == 0) {
		hb_face_destroy(fc->hb);
		return -1;
	}
	fc->font = hb_font_create(fc->hb);
	fc->upem = hb_face_get_upem(fc->hb);
	fc->used = hb_set_create();
	fc->file = pm_xstrdup(file);
	fc->index = index;
	return 0;
}

static unsigned
real_style(FcPattern *font)
{
	int w = FC_WEIGHT_REGULAR, s = FC_SLANT_ROMAN;
	unsigned style = 0;

	FcPatternGetInteger(font, FC_WEIGHT, 0, &w);
	FcPatternGetInteger(font, FC_SLANT, 0, &s);
	if (w >= FC_WEIGHT_DEMIBOLD)
		style |= PM_FS_BOLD;
	if (s != FC_SLANT_ROMAN)
		style |= PM_FS_ITALIC;
	return style;
}

/* The face with this PostScript name, or -1. */
static int
face_named(const pm_fonts *f, const char *ps)
{
	int i;

	for (i = 0; i < f->nfaces; i++)
		if (strcmp(f->faces[i].psname, ps) == 0)
			return i;
	return -1;
}

/* The index of font's face, opening it the first time; -1 when neither
 * HarfBuzz can read it. */
static int
face_of(pm_fonts *f, FcPattern *font)
{
	FcChar8 *file, *ps = (FcChar8 *)"";
	int index = 0, i;
	struct face fc = {0};

	FcPatternGetString(font, FC_FILE, 0, &file);
	FcPatternGetString(font, FC_POSTSCRIPT_NAME, 0, &ps);
	FcPatternGetInteger(font, FC_INDEX, 0, &index);
	if ((i = face_named(f, (const char *)ps)) >= 0)
		return i;
	if (open_face(&fc, (const char *)file, index) != 0)
		return -1;
	fc.psname = pm_xstrdup((const char *)ps);
	fc.style = real_style(font);
	f->faces = pm_xrealloc(f->faces, (f->nfaces + 1) * sizeof(*f->faces));
	f->faces[f->nfaces] = fc;
	return f->nfaces++;
}

/* DejaVu where Debian installs it, opened without asking fontconfig: its
 * start-up (reading every configuration file) is most of the time a
 * Latin report takes. Fontconfig still finds every other face, and
 * DejaVu itself on systems that keep it elsewhere. */
static int
dejavu(pm_fonts *f, unsigned style)
{
	static const char *const files[PM_FS__COUNT] = {
	    "DejaVuSans.ttf",         "DejaVuSans-Bold.ttf",
	    "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf",
	    "DejaVuSansMono.ttf",     "DejaVuSansMono-Bold.ttf",
	    "DejaVuSansMono-Oblique.ttf", "DejaVuSansMono-BoldOblique.ttf"};
	char path[128], ps[64];
	unsigned len = sizeof(ps);
	struct face fc = {0};
	int i;

	snprintf(path, sizeof(path), "/usr/share/fonts/truetype/dejavu/%s",
	         files[style & 7]);
	if (open_face(&fc, path, 0) != 0)
		return -1;
	if (hb_ot_name_get_utf8(fc.hb, HB_OT_NAME_ID_POSTSCRIPT_NAME,
	                        HB_LANGUAGE_INVALID, &len, ps) == 0) {
		face_free(&fc);
		return -1;
	}
	if ((i = face_named(f, ps)) >= 0) {
		face_free(&fc);
		return i;
	}
	fc.psname = pm_xstrdup(ps);
	fc.style = style & (PM_FS_BOLD | PM_FS_ITALIC);
	f->faces = pm_xrealloc(f->faces, (f->nfaces + 1) * sizeof(*f->faces));
	f->faces[f->nfaces] = fc;
	return f->nfaces++;
}

static int
find_face(pm_fonts *f, unsigned style, int32_t cp)
{
	FcFontSet *set;
	int i, face;
	hb_codepoint_t gid;

	if (f->fast[style] == 0)
		f->fast[style] = dejavu(f, style) + 2;
	face = f->fast[style] - 2;
	if (face >= 0 && hb_font_get_nominal_glyph(f->faces[face].font,
	                                           (hb_codepoint_t)cp, &gid))
		return face;
	set = sorted(f, style, char_class(f, cp));

	for (i = 0; set != NULL && i < set->nfont; i++) {
		if (!usable(set->fonts[i], cp))
			continue;
		face = face_of(f, set->fonts[i]);
		if (face >= 0 &&
		    hb_font_get_nominal_glyph(f->faces[face].font,
		                              (hb_codepoint_t)cp, &gid))
			return face;
	}
	return -1;
}

static uint32_t
hash(uint32_t k)
{
	k ^= k >> 16;
	k *= 0x7feb352dU;
	k ^= k >> 15;
	return k;
}

static struct slot *
lookup(struct slot *map, size_t cap, uint32_t key)
{
	size_t i = hash(key) & (cap - 1);

	while (map[i].key != 0 && map[i].key != key)
		i = (i + 1) & (cap - 1);
	return &map[i];
}

static void
grow(pm_fonts *f)
{
	struct slot *old = f->map;
	size_t i, oldcap = f->mapcap;

	f->mapcap *= 2;
	f->map = pm_xcalloc(f->mapcap, sizeof(*f->map));
	for (i = 0; i < oldcap; i++)
		if (old[i].key != 0)
			*lookup(f->map, f->mapcap, old[i].key) = old[i];
	free(old);
}

static void
note_missing(pm_fonts *f, int32_t cp)
{
	size_t i;

	for (i = 0; i < f->nmissing; i++)
		if (f->missing[i] == cp)
			return;
	f->missing = pm_xrealloc(f->missing,
	                         (f->nmissing + 1) * sizeof(*f->missing));
	f->missing[f->nmissing++] = cp;
}

static float
advance(const struct face *fc, int32_t cp)
{
	hb_codepoint_t gid = 0;

	hb_font_get_nominal_glyph(fc->font, (hb_codepoint_t)cp, &gid);
	return (float)(hb_font_get_glyph_h_advance(fc->font, gid) * 1000.0 /
	               fc->upem);
}

/* Joiners and variation selectors: they shape emoji, which are left out,
 * and draw nothing themselves. */
static int
invisible(int32_t cp)
{
	return cp == 0x200B || cp == 0x200C || cp == 0x200D || cp == 0x2060 ||
	       cp == 0xFEFF || (cp >= 0xFE00 && cp <= 0xFE0F);
}

int
pm_fonts_glyph(pm_fonts *f, unsigned style, int32_t cp, double *adv)
{
	uint32_t key = ((uint32_t)(style & 7) << 24 | (uint32_t)cp) + 1;
	struct slot *s;

	*adv = 0;
	/* libharu 2.3.0 writes two-byte codes only: nothing beyond the BMP
	 * can be drawn (docs/choices.md). */
	if (cp < 0x20 || cp > 0xFFFF || invisible(cp))
		return -1;
	s = lookup(f->map, f->mapcap, key);
	if (s->key == 0) {
		if (2 * (f->mapused + 1) > f->mapcap) {
			grow(f);
			s = lookup(f->map, f->mapcap, key);
		}
		s->key = key;
		s->face = find_face(f, style & 7, cp);
		s->adv = s->face < 0 ? 0 : advance(&f->faces[s->face], cp);
		f->mapused++;
		if (s->face < 0)
			note_missing(f, cp);
		else
			hb_set_add(f->faces[s->face].used, (hb_codepoint_t)cp);
	}
	*adv = s->adv;
	return s->face;
}

int
pm_fonts_count(const pm_fonts *f)
{
	return f->nfaces;
}

unsigned
pm_fonts_face_style(const pm_fonts *f, int face)
{
	return f->faces[face].style;
}

size_t
pm_fonts_face_used(const pm_fonts *f, int face)
{
	return hb_set_get_population(f->faces[face].used);
}

const char *
pm_fonts_face_file(const pm_fonts *f, int face)
{
	return f->faces[face].file;
}

/* Tables a PDF viewer never reads from an embedded font: shaping,
 * justification and vertical metrics are done (or not) by pmc. */
static void
drop_tables(hb_subset_input_t *in)
{
	static const char tags[][5] = {"GSUB", "GPOS", "GDEF", "BASE", "JSTF",
	                               "MATH", "kern", "morx", "vhea", "vmtx",
	                               "VORG", "DSIG", "gasp"};
	hb_set_t *set = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
	size_t i;

	for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++)
		hb_set_add(set, HB_TAG(tags[i][0], tags[i][1], tags[i][2],
		                       tags[i][3]));
}

const char *
pm_fonts_subset(pm_fonts *f, int face, size_t *len)
{
	struct face *fc = &f->faces[face];
	hb_subset_input_t *in;
	hb_face_t *sub;
	unsigned n = 0;
	const char *data;

	if (fc->subset == NULL) {
		if ((in = hb_subset_input_create_or_fail()) == NULL)
			return NULL;
		hb_set_union(hb_subset_input_unicode_set(in), fc->used);
		drop_tables(in);
		hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
		sub = hb_subset_or_fail(fc->hb, in);
		hb_subset_input_destroy(in);
		if (sub == NULL)
			return NULL;
		fc->subset = hb_face_reference_blob(sub);
		hb_face_destroy(sub);
	}
	data = hb_blob_get_data(fc->subset, &n);
	*len = n;
	return n > 0 ? data : NULL;
}

const int32_t *
pm_fonts_missing(const pm_fonts *f, size_t *n)
{
	*n = f->nmissing;
	return f->missing;
}
