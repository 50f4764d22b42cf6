/* text.c: heading aliases of format.md section 3 and the matching rules
 * (case, emoji, punctuation, near misses). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <pthread.h>

#include "alloc.h"
#include "pmc.h"
#include "text.h"
#include "utf8.h"

/* Aliases per section key: English, Norwegian, Japanese. The first of the
 * English list is the canonical name. */
static const struct {
	const char *en[4];
	const char *nb[3];
	const char *ja[3];
} aliases[PM_SEC_CUSTOM] = {
    [PM_SEC_SUMMARY] = {{"Summary", "Issue summary", "TL;DR"},
                        {"Oppsummering", "Sammendrag"},
                        {"概要"}},
    [PM_SEC_IMPACT] = {{"Impact"}, {"Påvirkning", "Konsekvenser"}, {"影響"}},
    [PM_SEC_DETECTION] = {{"Detection"}, {"Oppdagelse", "Deteksjon"},
                          {"検知"}},
    [PM_SEC_RESPONSE] = {{"Response", "Escalation"},
                         {"Håndtering", "Eskalering"},
                         {"対応"}},
    [PM_SEC_RECOVERY] = {{"Recovery", "Resolution"},
                         {"Gjenoppretting", "Løsning"},
                         {"復旧"}},
    [PM_SEC_TIMELINE] = {{"Timeline"}, {"Tidslinje"}, {"タイムライン", "経緯"}},
    [PM_SEC_ROOT_CAUSE] = {{"Root cause", "Root causes",
                            "Contributing factors"},
                           {"Rotårsak", "Årsak"},
                           {"原因"}},
    [PM_SEC_FIVE_WHYS] = {{"Five whys", "5 whys"}, {"Fem hvorfor"},
                          {"なぜなぜ分析"}},
    [PM_SEC_LESSONS] = {{"Lessons learned"},
                        {"Lærdommer", "Erfaringer"},
                        {"教訓"}},
    [PM_SEC_FOLLOW_UPS] = {{"Follow-ups", "Action items",
                            "Corrective and preventative measures"},
                           {"Oppfølgingsoppgaver", "Tiltak"},
                           {"再発防止策", "対策"}},
};

static const struct {
	const char *key;
	const char *names[6];
} lessons[] = {
    {"went-well", {"went well", "what went well", "gikk bra",
                   "hva gikk bra", "良かった点"}},
    {"went-wrong", {"went wrong", "what went wrong", "gikk dårlig",
                    "hva gikk dårlig", "悪かった点"}},
    {"got-lucky", {"got lucky", "where we got lucky", "flaks",
                   "幸運だった点"}},
};

const char *
pm_lang_family(const char *lang)
{
	size_t n;

	if (lang == NULL)
		return "en";
	/* Language tags are case-insensitive (RFC 5646). */
	n = strcspn(lang, "-_");
	if ((n == 2 && (strncasecmp(lang, "nb", 2) == 0 ||
	                strncasecmp(lang, "no", 2) == 0 ||
	                strncasecmp(lang, "nn", 2) == 0)))
		return "nb";
	if (n == 2 && strncasecmp(lang, "ja", 2) == 0)
		return "ja";
	return "en";
}

/* Characters a heading may carry around its words: punctuation, symbols,
 * emoji and their joiners, spaces. Letters and digits of any script are
 * never trimmed. */
static int
is_trim(int32_t c)
{
	if (c < 0x80)
		return !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		         (c >= 'A' && c <= 'Z'));
	return (c >= 0x80 && c <= 0xbf) || c == 0xd7 || c == 0xf7 ||
	       (c >= 0x2000 && c <= 0x2bff) || (c >= 0x3000 && c <= 0x3003) ||
	       (c >= 0x3008 && c <= 0x301f) || (c >= 0xfe00 && c <= 0xfe0f) ||
	       (c >= 0xff01 && c <= 0xff0f) || (c >= 0xff1a && c <= 0xff20) ||
	       (c >= 0x1f000 && c <= 0x1faff) || (c >= 0xe0000);
}

static int32_t
fold(int32_t c)
{
	if (c >= 'A' && c <= 'Z')
		return c + 32;
	if (c >= 0xc0 && c <= 0xde && c != 0xd7)
		return c + 32;
	if (c == 0x178) /* Ÿ pairs with ÿ, back in Latin-1 */
		return 0xff;
	if (c >= 0x100 && c <= 0x17f && c != 0x130 && c != 0x131 &&
	    c != 0x138 && c != 0x149 && c != 0x17f) {
		/* Latin Extended-A pairs upper/lower case as even/odd, except
		 * in 0x139-0x148 and 0x179-0x17e where they are odd/even. */
		int odd_upper = (c >= 0x139 && c <= 0x148) ||
		                (c >= 0x179 && c <= 0x17e);
		if (odd_upper ? (c & 1) : !(c & 1))
			return c + 1;
	}
	return c;
}

/* Decodes s into code points (invalid bytes become U+FFFD). */
static int32_t *
decode(const char *s, size_t n, size_t *count)
{
	int32_t *cps = pm_xmalloc((n + 1) * sizeof(*cps));
	size_t i = 0, k = 0, len;

	while (i < n) {
		len = pm_utf8_decode(s + i, n - i, &cps[k]);
		if (len == 0) {
			cps[k] = 0xfffd;
			len = 1;
		}
		i += len;
		k++;
	}
	*count = k;
	return cps;
}

static int
is_blank(int32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == 0xa0 || c == 0x3000;
}

static int
shortcode_char(int32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '+' || c == '-';
}

/* The length of a GitHub emoji shortcode (":memo:") at cps[lo], standing
 * alone (a blank or hi after it), or 0. */
static size_t
shortcode_at(const int32_t *cps, size_t lo, size_t hi)
{
	size_t i = lo + 1;

	if (lo >= hi || cps[lo] != ':')
		return 0;
	while (i < hi && shortcode_char(cps[i]))
		i++;
	if (i == lo + 1 || i >= hi || cps[i] != ':' ||
	    (i + 1 < hi && !is_blank(cps[i + 1])))
		return 0;
	return i + 1 - lo;
}

/* The same for one ending at cps[hi - 1], a blank or lo before it. */
static size_t
shortcode_before(const int32_t *cps, size_t lo, size_t hi)
{
	size_t i = hi - 1;

	if (hi <= lo + 2 || cps[i] != ':')
		return 0;
	while (i > lo && shortcode_char(cps[i - 1]))
		i--;
	if (i == hi - 1 || i == lo || cps[i - 1] != ':' ||
	    (i - 1 > lo && !is_blank(cps[i - 2])))
		return 0;
	return hi - (i - 1);
}

/* Emoji, punctuation and blanks around the words are trimmed, and so are
 * emoji written as GitHub shortcodes ("## :memo: Summary"). */
static void
trim_ends(const int32_t *cps, size_t *lo, size_t *hi)
{
	size_t k;

	for (;;) {
		if ((k = shortcode_at(cps, *lo, *hi)) > 0)
			*lo += k;
		else if (*lo < *hi && is_trim(cps[*lo]))
			(*lo)++;
		else
			break;
	}
	for (;;) {
		if ((k = shortcode_before(cps, *lo, *hi)) > 0)
			*hi -= k;
		else if (*hi > *lo && is_trim(cps[*hi - 1]))
			(*hi)--;
		else
			break;
	}
}

char *
pm_text_fold(const char *s, size_t n)
{
	size_t count, lo = 0, hi, i, len = 0;
	int32_t *cps = decode(s, n, &count);
	char *out = pm_xmalloc(count * 4 + 1);
	int space = 0;

	hi = count;
	trim_ends(cps, &lo, &hi);
	for (i = lo; i < hi; i++) {
		/* Runs of whitespace inside compare as one space. */
		if (is_blank(cps[i])) {
			space = 1;
			continue;
		}
		if (space)
			out[len++] = ' ';
		space = 0;
		len += pm_utf8_encode(fold(cps[i]), out + len);
	}
	out[len] = '\0';
	free(cps);
	return out;
}

/* The aliases and lesson names, folded once per process: a heading is
 * matched against every one of them, and folding them again for each
 * heading of each source cost more than the match itself. */
#define NLESSONS (sizeof(lessons) / sizeof(lessons[0]))

static pthread_once_t fold_once = PTHREAD_ONCE_INIT;
static struct {
	char *en[4];
	char *nb[3];
	char *ja[3];
} folded_aliases[PM_SEC_CUSTOM];
static char *folded_lessons[NLESSONS][6];

static void
fold_list(char **out, const char *const *names, size_t n)
{
	size_t i;

	for (i = 0; i < n && names[i] != NULL; i++)
		out[i] = pm_text_fold(names[i], strlen(names[i]));
}

static void
fold_all(void)
{
	size_t key, i;

	for (key = 0; key < PM_SEC_CUSTOM; key++) {
		fold_list(folded_aliases[key].en, aliases[key].en, 4);
		fold_list(folded_aliases[key].nb, aliases[key].nb, 3);
		fold_list(folded_aliases[key].ja, aliases[key].ja, 3);
	}
	for (i = 0; i < NLESSONS; i++)
		fold_list(folded_lessons[i], lessons[i].names, 6);
}

/* The names of key in the language family besides English, if any, as
 * written and folded. */
static const char *const *
names_of(pm_section_key key, const char *family, size_t *n,
         char *const **folded)
{
	if (strcmp(family, "nb") == 0) {
		*n = 3;
		*folded = folded_aliases[key].nb;
		return aliases[key].nb;
	}
	if (strcmp(family, "ja") == 0) {
		*n = 3;
		*folded = folded_aliases[key].ja;
		return aliases[key].ja;
	}
	*n = 0;
	*folded = NULL;
	return NULL;
}

size_t
pm_heading_name(const char *s, size_t n)
{
	static const char *const marks[] = {"(", "\xef\xbc\x88", ":",
	                                    "\xef\xbc\x9a", " - ",
	                                    " \xe2\x80\x93 ", " \xe2\x80\x94 "};
	size_t i, k, cut = n, len;

	for (k = 0; k < sizeof(marks) / sizeof(marks[0]); k++) {
		len = strlen(marks[k]);
		for (i = 1; i + len <= cut; i++)
			if (memcmp(s + i, marks[k], len) == 0) {
				cut = i;
				break;
			}
	}
	if (cut == n)
		return n;
	while (cut > 0 && (s[cut - 1] == ' ' || s[cut - 1] == '\t'))
		cut--;
	return cut;
}

static pm_section_key
match(const char *heading, size_t n, const char *lang)
{
	const char *family = pm_lang_family(lang);
	char *folded = pm_text_fold(heading, n);
	const char *const *local;
	char *const *flocal;
	size_t i, k, count;
	int key, found = PM_SEC_CUSTOM;

	pthread_once(&fold_once, fold_all);
	for (key = 0; key < PM_SEC_CUSTOM && found == PM_SEC_CUSTOM; key++) {
		for (i = 0; i < 4 && aliases[key].en[i]; i++)
			if (strcmp(folded, folded_aliases[key].en[i]) == 0)
				found = key;
		local = names_of((pm_section_key)key, family, &count, &flocal);
		for (k = 0; k < count && local[k] && found == PM_SEC_CUSTOM;
		     k++)
			if (strcmp(folded, flocal[k]) == 0)
				found = key;
	}
	free(folded);
	return (pm_section_key)found;
}

/* The length of a section number at the start of s and the blanks
 * after it ("2. ", "3.1 ", "4) "), as word processors and wikis number
 * headings; 0 when there is none. */
size_t
pm_heading_number(const char *s, size_t n)
{
	size_t i = 0, k;

	while (i < n && s[i] >= '0' && s[i] <= '9') {
		for (k = i; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			continue;
		if (i - k > 2)
			return 0;
		if (i < n && (s[i] == '.' || s[i] == ')'))
			i++;
		if (i > 0 && s[i - 1] == ')')
			break;
	}
	if (i == 0 || i >= n || (s[i] != ' ' && s[i] != '\t'))
		return 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

static pm_section_key
match_named(const char *heading, size_t n, const char *lang)
{
	pm_section_key key = match(heading, n, lang);
	size_t name;

	/* "Timeline (all times UTC)", "Impact: checkout only" */
	if (key == PM_SEC_CUSTOM && (name = pm_heading_name(heading, n)) > 0 &&
	    name < n)
		key = match(heading, name, lang);
	return key;
}

pm_section_key
pm_section_match(const char *heading, size_t n, const char *lang)
{
	pm_section_key key = match_named(heading, n, lang);
	size_t num;

	/* "2. Timeline", "3.1 Root cause", "4) Five whys" */
	if (key == PM_SEC_CUSTOM && (num = pm_heading_number(heading, n)) > 0)
		key = match_named(heading + num, n - num, lang);
	return key;
}

/* Is the alias f, folded, a near miss for folded (distance 1 or 2, under
 * half of its length, so that short Japanese names are never near
 * misses)? */
static int
near(const char *folded, const char *f)
{
	size_t len = pm_utf8_count(f, strlen(f));
	size_t d = pm_edit_distance(folded, f, 2);

	return d >= 1 && d <= 2 && d * 2 < len;
}

static const char *
near_name(const char *heading, size_t n, const char *lang)
{
	const char *family = pm_lang_family(lang);
	char *folded = pm_text_fold(heading, n);
	const char *const *local;
	char *const *flocal;
	const char *hit = NULL;
	size_t i, k, count;
	int key;

	pthread_once(&fold_once, fold_all);
	for (key = 0; key < PM_SEC_CUSTOM && hit == NULL; key++) {
		for (i = 0; i < 4 && aliases[key].en[i] && !hit; i++)
			if (near(folded, folded_aliases[key].en[i]))
				hit = aliases[key].en[i];
		local = names_of((pm_section_key)key, family, &count, &flocal);
		for (k = 0; k < count && local[k] && !hit; k++)
			if (near(folded, flocal[k]))
				hit = local[k];
	}
	free(folded);
	return hit;
}

const char *
pm_section_near(const char *heading, size_t n, const char *lang)
{
	const char *hit = near_name(heading, n, lang);
	size_t name = pm_heading_name(heading, n);

	/* "Timelin (all times UTC)" */
	if (hit == NULL && name > 0 && name < n)
		hit = near_name(heading, name, lang);
	return hit;
}

const char *
pm_section_heading(pm_section_key key, const char *lang)
{
	const char *family = pm_lang_family(lang);
	const char *const *local;
	char *const *flocal;
	size_t count;

	if (key >= PM_SEC_CUSTOM)
		return "";
	local = names_of(key, family, &count, &flocal);
	if (local != NULL && local[0] != NULL)
		return local[0];
	return aliases[key].en[0];
}

const char *
pm_lessons_match(const char *heading, size_t n)
{
	char *folded = pm_text_fold(heading, n);
	const char *hit = NULL;
	size_t i, k;

	pthread_once(&fold_once, fold_all);
	for (i = 0; i < NLESSONS && !hit; i++)
		for (k = 0; k < 6 && lessons[i].names[k] && !hit; k++)
			if (strcmp(folded, folded_lessons[i][k]) == 0)
				hit = lessons[i].key;
	free(folded);
	return hit;
}

size_t
pm_edit_distance(const char *a, const char *b, size_t max)
{
	size_t na, nb, i, j, best, result;
	int32_t *ca = decode(a, strlen(a), &na);
	int32_t *cb = decode(b, strlen(b), &nb);
	size_t *prev = pm_xmalloc((nb + 1) * sizeof(*prev));
	size_t *cur = pm_xmalloc((nb + 1) * sizeof(*cur));
	size_t *tmp;

	result = max + 1;
	if ((na > nb ? na - nb : nb - na) > max)
		goto out;
	for (j = 0; j <= nb; j++)
		prev[j] = j;
	for (i = 1; i <= na; i++) {
		cur[0] = best = i;
		for (j = 1; j <= nb; j++) {
			size_t sub = prev[j - 1] + (ca[i - 1] != cb[j - 1]);
			size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
			cur[j] = sub < del ? (sub < ins ? sub : ins)
			                   : (del < ins ? del : ins);
			if (cur[j] < best)
				best = cur[j];
		}
		if (best > max)
			goto out;
		tmp = prev, prev = cur, cur = tmp;
	}
	result = prev[nb] <= max ? prev[nb] : max + 1;
out:
	free(ca);
	free(cb);
	free(prev);
	free(cur);
	return result;
}

int
pm_text_blank(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			return 0;
	return 1;
}

size_t
pm_text_trim(const char *s, size_t n, const char **start)
{
	while (n > 0 && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
		s++, n--;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	                 s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	*start = s;
	return n;
}

char *
pm_fold_space(char *s)
{
	char *r = s, *w = s;

	for (; *r != '\0'; r++)
		if (!strchr(" \t\r\n", *r))
			*w++ = *r;
		else if (w > s && w[-1] != ' ')
			*w++ = ' ';
	if (w > s && w[-1] == ' ')
		w--;
	*w = '\0';
	return s;
}
