/* fonts.c: choosing a TrueType face for each character with fontconfig,
 * measuring with HarfBuzz, and subsetting each face with hb-subset so that
 * a PDF embeds only the glyphs it draws. */
#include <fontconfig/fontconfig.h>
#include <hb-subset.h>
#include <hb-ot.h>
#include <hb.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "fonts.h"
#include "lazylibs.h"
#include "pmc.h"
#include "lazylibs_calls.h"

/*
 * Faces and fontconfig's answers are kept for the life of the process
 * and shared by every document (pmc build renders many, on several
 * threads): a font file is opened and fontconfig asked about a style
 * once. HarfBuzz faces and fonts may be read from any thread once made;
 * the tables themselves change only under the lock.
 */
struct face {
	char *file;
	char *psname;     /* to open each face once, whatever the path */
	unsigned style;   /* the bold and italic bits the face really has */
	hb_face_t *hb;
	hb_font_t *font;  /* at the face's own scale: advances in font units */
	double upem;
};

/* Which kind of language a character's fallback is chosen for: the
 * document's own, or the one a CJK script implies. */
enum lclass { LC_DOC, LC_JA, LC_ZH, LC_KO, LC__COUNT };

struct sorted {
	char lang[16];
	unsigned style;
	enum lclass lc;
	FcFontSet *set; /* NULL when fontconfig failed */
};

static struct {
	pthread_mutex_t lock;
	struct face *faces;
	int nfaces;
	struct sorted *sorted;
	size_t nsorted;
	int fast[PM_FS__COUNT + LC__COUNT]; /* 2 + face; 1: none; 0: untried */
} cache = {.lock = PTHREAD_MUTEX_INITIALIZER};

/* A document's use of one shared face. */
struct use {
	int face;
	hb_set_t *used;
	hb_blob_t *subset; /* the bytes to embed */
	hb_font_t *emb;    /* their advances, in font units */
	hb_map_t *gids;    /* character to glyph in them; NULL: emb's cmap */
};

struct slot {
	uint32_t key; /* style << 24 | cp, plus one, so 0 means empty */
	int face;     /* index into uses */
	float adv;
};

struct pm_fonts {
	char lang[16];
	struct use *uses;
	int nuses;
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

	/* the PDF back ends have made sure it loads; this is for the
	 * others, the Check suites */
	(void)pm_pdf_load(NULL, 0);

	if (n > 0 && n < sizeof(f->lang))
		memcpy(f->lang, lang, n);
	f->mapcap = 1024;
	f->map = pm_xcalloc(f->mapcap, sizeof(*f->map));
	return f;
}

void
pm_fonts_free(pm_fonts *f)
{
	int i;

	if (f == NULL)
		return;
	for (i = 0; i < f->nuses; i++) {
		hb_set_destroy(f->uses[i].used);
		hb_blob_destroy(f->uses[i].subset);
		hb_font_destroy(f->uses[i].emb);
		hb_map_destroy(f->uses[i].gids);
	}
	free(f->uses);
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
make_pattern(const char *doclang, unsigned style, enum lclass lc)
{
	static const char *const lang[LC__COUNT] = {NULL, "ja", "zh-cn", "ko"};
	FcPattern *p = FcPatternCreate();
	const char *l = lc == LC_DOC ? (doclang[0] ? doclang : "en") : lang[lc];

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

/* fontconfig's faces for style and language class, best first; NULL when
 * it fails. Called with the lock held. */
static FcFontSet *
sorted(const pm_fonts *f, unsigned style, enum lclass lc)
{
	const char *lang = lc == LC_DOC ? f->lang : "";
	struct sorted *s;
	FcPattern *p;
	FcResult res;
	size_t i;

	for (i = 0; i < cache.nsorted; i++) {
		s = &cache.sorted[i];
		if (s->style == style && s->lc == lc && strcmp(s->lang, lang) == 0)
			return s->set;
	}
	cache.sorted = pm_xrealloc(cache.sorted,
	                           (cache.nsorted + 1) * sizeof(*cache.sorted));
	s = &cache.sorted[cache.nsorted++];
	memset(s, 0, sizeof(*s));
	snprintf(s->lang, sizeof(s->lang), "%s", lang);
	s->style = style, s->lc = lc;
	if (FcInit()) {
		p = make_pattern(f->lang, style, lc);
		s->set = FcFontSort(NULL, p, FcTrue, NULL, &res);
		FcPatternDestroy(p);
	}
	return s->set;
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

static void
face_free(struct face *fc)
{
	free(fc->file);
	free(fc->psname);
	hb_font_destroy(fc->font);
	hb_face_destroy(fc->hb);
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
	hb_face_make_immutable(fc->hb);
	fc->font = hb_font_create(fc->hb);
	hb_font_make_immutable(fc->font);
	fc->upem = hb_face_get_upem(fc->hb);
	fc->file = pm_xstrdup(file);
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
face_named(const char *ps)
{
	int i;

	for (i = 0; i < cache.nfaces; i++)
		if (strcmp(cache.faces[i].psname, ps) == 0)
			return i;
	return -1;
}

/* Keeps fc (its PostScript name set) unless a face of that name is
 * kept already; the index of the kept face. */
static int
keep_face(struct face *fc)
{
	int i;

	if ((i = face_named(fc->psname)) >= 0) {
		face_free(fc);
		return i;
	}
	cache.faces = pm_xrealloc(cache.faces,
	                          (cache.nfaces + 1) * sizeof(*cache.faces));
	cache.faces[cache.nfaces] = *fc;
	return cache.nfaces++;
}

/* The index of font's face, opening it the first time; -1 when HarfBuzz
 * cannot read it. */
static int
face_of(FcPattern *font)
{
	FcChar8 *file, *ps = (FcChar8 *)"";
	int index = 0, i;
	struct face fc = {0};

	FcPatternGetString(font, FC_FILE, 0, &file);
	FcPatternGetString(font, FC_POSTSCRIPT_NAME, 0, &ps);
	FcPatternGetInteger(font, FC_INDEX, 0, &index);
	if ((i = face_named((const char *)ps)) >= 0)
		return i;
	if (open_face(&fc, (const char *)file, index) != 0)
		return -1;
	fc.psname = pm_xstrdup((const char *)ps);
	fc.style = real_style(font);
	return keep_face(&fc);
}

/* A face where Debian installs it, opened without asking fontconfig: its
 * start-up (reading every configuration file) is most of the time a
 * report takes. Fontconfig still finds every other face, and these on
 * systems that keep them elsewhere. */
static int
known_face(const char *path, unsigned style)
{
	char ps[64];
	unsigned len = sizeof(ps);
	struct face fc = {0};

	if (open_face(&fc, path, 0) != 0)
		return -1;
	if (hb_ot_name_get_utf8(fc.hb, HB_OT_NAME_ID_POSTSCRIPT_NAME,
	                        HB_LANGUAGE_INVALID, &len, ps) == 0) {
		face_free(&fc);
		return -1;
	}
	fc.psname = pm_xstrdup(ps);
	fc.style = style;
	return keep_face(&fc);
}

#define DEJAVU_DIR "/usr/share/fonts/truetype/dejavu/"
static const char *const dejavu[PM_FS__COUNT] = {
    "DejaVuSans.ttf",         "DejaVuSans-Bold.ttf",
    "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf",
    "DejaVuSansMono.ttf",     "DejaVuSansMono-Bold.ttf",
    "DejaVuSansMono-Oblique.ttf", "DejaVuSansMono-BoldOblique.ttf"};
static const char *const cjk[LC__COUNT] = {
    NULL, "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"};

void
pm_fonts_list(void (*fn)(const char *path, void *arg), void *arg)
{
	char path[128];
	FcStrList *dirs;
	FcChar8 *dir;
	int k;

	for (k = 0; k < PM_FS__COUNT; k++) {
		snprintf(path, sizeof(path), DEJAVU_DIR "%s", dejavu[k]);
		fn(path, arg);
	}
	for (k = LC_JA; k <= LC_ZH; k++) /* LC_KO's is LC_ZH's */
		fn(cjk[k], arg);
	pthread_mutex_lock(&cache.lock);
	dirs = pm_pdf_load(NULL, 0) == 0 && FcInit() ? FcConfigGetFontDirs(NULL)
	                                             : NULL;
	pthread_mutex_unlock(&cache.lock);
	while (dirs != NULL && (dir = FcStrListNext(dirs)) != NULL)
		fn((const char *)dir, arg);
	if (dirs != NULL)
		FcStrListDone(dirs);
}

/* The face tried first: DejaVu in the style for Latin (fast[style]),
 * IPAex for Japanese, WenQuanYi for Chinese and Korean (fast[8 + lc]),
 * which have no bold or italic. Called with the lock held. */
static int
fast_face(unsigned style, enum lclass lc)
{
	int k = lc == LC_DOC ? (int)style : PM_FS__COUNT + (int)lc;
	char path[128];

	if (cache.fast[k] == 0) {
		snprintf(path, sizeof(path), DEJAVU_DIR "%s", dejavu[style]);
		cache.fast[k] = 2 + (lc == LC_DOC
		                         ? known_face(path, style & 3)
		                         : known_face(cjk[lc], 0));
	}
	return cache.fast[k] - 2;
}

static int
has_char(int face, int32_t cp)
{
	hb_codepoint_t gid;

	return face >= 0 &&
	       hb_font_get_nominal_glyph(cache.faces[face].font,
	                                 (hb_codepoint_t)cp, &gid);
}

/* The shared face for cp in style, or -1. Called with the lock held. */
static int
find_face(const pm_fonts *f, unsigned style, int32_t cp)
{
	enum lclass lc = char_class(f, cp);
	FcFontSet *set;
	int i, face;

	if (has_char(face = fast_face(style, LC_DOC), cp))
		return face;
	if (lc != LC_DOC && has_char(face = fast_face(style, lc), cp))
		return face;
	set = sorted(f, style, lc);
	for (i = 0; set != NULL && i < set->nfont; i++) {
		if (!usable(set->fonts[i], cp))
			continue;
		if (has_char(face = face_of(set->fonts[i]), cp))
			return face;
	}
	return -1;
}

/* This document's use of a shared face, made the first time. */
static int
use_of(pm_fonts *f, int face)
{
	int i;

	for (i = 0; i < f->nuses; i++)
		if (f->uses[i].face == face)
			return i;
	f->uses = pm_xrealloc(f->uses, (f->nuses + 1) * sizeof(*f->uses));
	f->uses[f->nuses].face = face;
	f->uses[f->nuses].used = hb_set_create();
	f->uses[f->nuses].subset = NULL;
	f->uses[f->nuses].emb = NULL;
	f->uses[f->nuses].gids = NULL;
	return f->nuses++;
}

/* A copy of shared face i: another thread may grow the table (moving
 * it), so it is read under the lock; what it points to never moves. */
static struct face
shared(int face)
{
	struct face fc;

	pthread_mutex_lock(&cache.lock);
	fc = cache.faces[face];
	pthread_mutex_unlock(&cache.lock);
	return fc;
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

/* Fills slot s for cp in style. */
static void
resolve(pm_fonts *f, struct slot *s, unsigned style, int32_t cp)
{
	struct face fc;
	int face;

	pthread_mutex_lock(&cache.lock);
	face = find_face(f, style, cp);
	if (face >= 0)
		fc = cache.faces[face];
	pthread_mutex_unlock(&cache.lock);
	s->face = -1, s->adv = 0;
	if (face < 0) {
		note_missing(f, cp);
		return;
	}
	s->face = use_of(f, face);
	s->adv = advance(&fc, cp);
	hb_set_add(f->uses[s->face].used, (hb_codepoint_t)cp);
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
		f->mapused++;
		resolve(f, s, style & 7, cp);
	}
	*adv = s->adv;
	return s->face;
}

int
pm_fonts_count(const pm_fonts *f)
{
	return f->nuses;
}

unsigned
pm_fonts_face_style(const pm_fonts *f, int face)
{
	return shared(f->uses[face].face).style;
}

size_t
pm_fonts_face_used(const pm_fonts *f, int face)
{
	return hb_set_get_population(f->uses[face].used);
}

int32_t *
pm_fonts_face_chars(const pm_fonts *f, int face, size_t *n)
{
	const hb_set_t *used = f->uses[face].used;
	hb_codepoint_t cp = HB_SET_VALUE_INVALID;
	int32_t *out;
	size_t k = 0;

	*n = hb_set_get_population(used);
	out = pm_xmalloc((*n + 1) * sizeof(*out));
	while (hb_set_next(used, &cp) && k < *n)
		out[k++] = (int32_t)cp;
	*n = k;
	return out;
}

const char *
pm_fonts_face_file(const pm_fonts *f, int face)
{
	return shared(f->uses[face].face).file;
}

/* Tables a PDF viewer never reads from an embedded font: shaping,
 * justification and vertical metrics are done (or not) by pmc, and a
 * CID font's glyphs are found by number (no cmap), named by the PDF (no
 * name) and never by PostScript glyph names (no post). */
static void
drop_tables(hb_subset_input_t *in)
{
	static const char tags[][5] = {"GSUB", "GPOS", "GDEF", "BASE", "JSTF",
	                               "MATH", "kern", "morx", "vhea", "vmtx",
	                               "VORG", "DSIG", "gasp", "cmap", "name",
	                               "post"};
	hb_set_t *set = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
	size_t i;

	for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++)
		hb_set_add(set, HB_TAG(tags[i][0], tags[i][1], tags[i][2],
		                       tags[i][3]));
}

/* The face subset to the characters used, and u->gids: each of them to
 * its glyph there (the subset has no cmap). NULL when HarfBuzz cannot. */
static hb_face_t *
subset_face(struct use *u, struct face fc)
{
	hb_subset_input_t *in;
	hb_subset_plan_t *plan = NULL;
	hb_face_t *sub = NULL;
	const hb_map_t *to_old, *to_new;
	hb_codepoint_t cp = HB_SET_VALUE_INVALID, old;

	if ((in = hb_subset_input_create_or_fail()) == NULL)
		return NULL;
	hb_set_union(hb_subset_input_unicode_set(in), u->used);
	drop_tables(in);
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
	if ((plan = hb_subset_plan_create_or_fail(fc.hb, in)) != NULL)
		sub = hb_subset_plan_execute_or_fail(plan);
	if (sub != NULL) {
		to_old = hb_subset_plan_unicode_to_old_glyph_mapping(plan);
		to_new = hb_subset_plan_old_to_new_glyph_mapping(plan);
		u->gids = hb_map_create();
		while (hb_set_next(u->used, &cp))
			if ((old = hb_map_get(to_old, cp)) != HB_MAP_VALUE_INVALID &&
			    hb_map_has(to_new, old))
				hb_map_set(u->gids, cp, hb_map_get(to_new, old));
	}
	hb_subset_plan_destroy(plan);
	hb_subset_input_destroy(in);
	return sub;
}

/* Subsets the face the first time: 0, or -1 when it can be embedded
 * neither subset nor whole (a face of a collection). */
static int
embed(pm_fonts *f, int face)
{
	struct use *u = &f->uses[face];
	struct face fc;
	hb_face_t *sub;

	if (u->emb != NULL)
		return 0;
	fc = shared(u->face);
	if ((sub = subset_face(u, fc)) != NULL) {
		u->subset = hb_face_reference_blob(sub);
		u->emb = hb_font_create(sub);
		hb_face_destroy(sub);
	} else {
		/* a collection's bytes are not one TrueType font */
		u->subset = hb_face_reference_blob(fc.hb);
		if (hb_blob_get_length(u->subset) < 4 ||
		    memcmp(hb_blob_get_data(u->subset, NULL), "ttcf", 4) == 0) {
			hb_blob_destroy(u->subset);
			u->subset = NULL;
			return -1;
		}
		u->emb = hb_font_reference(fc.font);
	}
	hb_font_make_immutable(u->emb);
	return 0;
}

const char *
pm_fonts_subset(pm_fonts *f, int face, size_t *len)
{
	unsigned n = 0;
	const char *data;

	if (embed(f, face) != 0)
		return NULL;
	data = hb_blob_get_data(f->uses[face].subset, &n);
	*len = n;
	return n > 0 ? data : NULL;
}

unsigned
pm_fonts_subset_glyph(pm_fonts *f, int face, int32_t cp)
{
	struct use *u = &f->uses[face];
	hb_codepoint_t gid = 0;

	if (embed(f, face) != 0)
		return 0;
	if (u->gids != NULL) {
		gid = hb_map_get(u->gids, (hb_codepoint_t)cp);
		return gid == HB_MAP_VALUE_INVALID ? 0 : gid;
	}
	if (!hb_font_get_nominal_glyph(u->emb, (hb_codepoint_t)cp, &gid))
		return 0;
	return gid;
}

unsigned
pm_fonts_subset_glyphs(pm_fonts *f, int face)
{
	if (embed(f, face) != 0)
		return 0;
	return hb_face_get_glyph_count(hb_font_get_face(f->uses[face].emb));
}

/* Font units to 1/1000 em. */
static double
per_mille(hb_font_t *font, double v)
{
	return v * 1000.0 / hb_face_get_upem(hb_font_get_face(font));
}

double
pm_fonts_subset_advance(pm_fonts *f, int face, unsigned gid)
{
	if (embed(f, face) != 0)
		return 0;
	return per_mille(f->uses[face].emb,
	                 hb_font_get_glyph_h_advance(f->uses[face].emb, gid));
}

/* A big-endian 16-bit field of a table. */
static int
be16(hb_blob_t *b, unsigned at)
{
	unsigned n;
	const unsigned char *p = (const unsigned char *)hb_blob_get_data(b, &n);

	if (p == NULL || at + 2 > n)
		return 0;
	return (int16_t)(p[at] << 8 | p[at + 1]);
}

void
pm_fonts_metrics(pm_fonts *f, int face, pm_font_metrics *m)
{
	struct face fc = shared(f->uses[face].face);
	hb_blob_t *head = hb_face_reference_table(fc.hb, HB_TAG('h','e','a','d'));
	hb_blob_t *post = hb_face_reference_table(fc.hb, HB_TAG('p','o','s','t'));
	hb_position_t v;
	hb_font_t *font = fc.font;
	int i;

	memset(m, 0, sizeof(*m));
	if (hb_ot_metrics_get_position(font, HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER,
	                               &v))
		m->ascent = per_mille(font, v);
	if (hb_ot_metrics_get_position(font,
	                               HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, &v))
		m->descent = per_mille(font, v);
	if (hb_ot_metrics_get_position(font, HB_OT_METRICS_TAG_CAP_HEIGHT, &v))
		m->cap_height = per_mille(font, v);
	for (i = 0; i < 4; i++) /* head: xMin yMin xMax yMax at 36 */
		m->bbox[i] = per_mille(font, be16(head, 36 + 2 * (unsigned)i));
	/* post: italicAngle (16.16) at 4, isFixedPitch at 12 */
	m->italic_angle = be16(post, 4) + (be16(post, 6) & 0xFFFF) / 65536.0;
	m->fixed_pitch = be16(post, 14) != 0 || be16(post, 12) != 0;
	hb_blob_destroy(head);
	hb_blob_destroy(post);
}

const char *
pm_fonts_face_psname(const pm_fonts *f, int face)
{
	return shared(f->uses[face].face).psname;
}

const int32_t *
pm_fonts_missing(const pm_fonts *f, size_t *n)
{
	*n = f->nmissing;
	return f->missing;
}
