/* fonts.h: the fonts of one PDF: which TrueType face draws each character
 * (found with fontconfig), its advance width (read with HarfBuzz), and each
 * face subset to the characters used. Knows nothing of PDF or layout. */
#ifndef PM_FONTS_H
#define PM_FONTS_H

#include <stddef.h>
#include <stdint.h>

#include "pmc.h" /* pm_fonts_list */

/* Style bits of a run of text; a style is their OR, 0 to 7. */
enum {
	PM_FS_BOLD = 1,
	PM_FS_ITALIC = 2,
	PM_FS_MONO = 4,
	PM_FS__COUNT = 8
};

typedef struct pm_fonts pm_fonts;

/* A font set for text of the language family lang ("ja" prefers Japanese
 * faces for Han characters, "zh" and "ko" Chinese ones). Never NULL; the
 * caller frees with pm_fonts_free(). */
pm_fonts *pm_fonts_new(const char *lang);
void pm_fonts_free(pm_fonts *);

/* The face that draws cp in style, and its advance in 1/1000 em in *adv;
 * -1 when no TrueType face on the system has cp (it is then recorded as
 * missing). Records cp as used by the face, for subsetting. */
int pm_fonts_glyph(pm_fonts *, unsigned style, int32_t cp, double *adv);

/* Faces opened so far: 0 .. count-1. */
int pm_fonts_count(const pm_fonts *);
/* What to say when no face could be opened (count 0): a PDF needs one. */
#define PM_FONTS_NONE "no TrueType font found with fontconfig " \
                      "(install fonts-dejavu-core)"


/* The style bits a face really has (a Japanese face asked for bold is
 * regular: the device then thickens its strokes). */
unsigned pm_fonts_face_style(const pm_fonts *, int face);

/* How many characters the face was asked for: a face opened and then
 * not used (it lacked the character) is not embedded. */
size_t pm_fonts_face_used(const pm_fonts *, int face);

/* The characters the face was asked for, ascending, in a new array of
 * *n the caller frees. */
int32_t *pm_fonts_face_chars(const pm_fonts *, int face, size_t *n);

/* The face's file, for diagnostics; borrowed. */
const char *pm_fonts_face_file(const pm_fonts *, int face);

/* The face subset to the characters it was asked for, as TrueType bytes
 * without layout or hinting tables (the whole face when HarfBuzz cannot
 * subset it); borrowed until pm_fonts_free(). NULL when it can be
 * embedded neither way (a face of a collection). */
const char *pm_fonts_subset(pm_fonts *, int face, size_t *len);

/* In those bytes: the glyph of cp (0: none), how many glyphs there are,
 * and a glyph's advance in 1/1000 em. */
unsigned pm_fonts_subset_glyph(pm_fonts *, int face, int32_t cp);
unsigned pm_fonts_subset_glyphs(pm_fonts *, int face);
double pm_fonts_subset_advance(pm_fonts *, int face, unsigned gid);

/* What a PDF font descriptor says of a face, in 1/1000 em (the angle in
 * degrees, counter-clockwise). */
typedef struct pm_font_metrics {
	double ascent, descent, cap_height, bbox[4], italic_angle;
	int fixed_pitch;
} pm_font_metrics;

void pm_fonts_metrics(pm_fonts *, int face, pm_font_metrics *);

/* The face's PostScript name; borrowed. */
const char *pm_fonts_face_psname(const pm_fonts *, int face);

/* The characters no face could draw, in the order first met; borrowed. */
const int32_t *pm_fonts_missing(const pm_fonts *, size_t *n);

/* pm_fonts_list() is pmc.h's. */

#endif
