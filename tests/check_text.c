/* check_text.c: how headings people write are matched against the format's
 * section names (format.md sections 3 and 5): folding, aliases in English,
 * Norwegian and Japanese, near misses and the lessons subsections. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "found.h"

static void
assert_fold(const char *in, const char *want)
{
	char *got = pm_text_fold(in, strlen(in));

	ck_assert_msg(strcmp(got, want) == 0, "fold('%s') = '%s', want '%s'",
	              in, got, want);
	free(got);
}

static pm_section_key
match(const char *heading, const char *lang)
{
	return pm_section_match(heading, strlen(heading), lang);
}

static const char *
near(const char *heading, const char *lang)
{
	return pm_section_near(heading, strlen(heading), lang);
}

static const char *
lessons(const char *heading)
{
	return pm_lessons_match(heading, strlen(heading));
}

/* ---- Folding ---- */

START_TEST(test_fold_emoji)
{
	assert_fold("\xf0\x9f\x93\x8b Oppsummering", "oppsummering"); /* 📋 */
	/* ⏲️ is U+23F2 and the variation selector U+FE0F. */
	assert_fold("\xe2\x8f\xb2\xef\xb8\x8f Tidslinje", "tidslinje");
	assert_fold("Follow-ups \xe2\x9c\x85", "follow-ups");       /* ✅ */
	assert_fold("\xe2\x9a\xa0\xef\xb8\x8f Impact \xf0\x9f\x94\xa5",
	            "impact");                                       /* ⚠️ 🔥 */
	/* 👩‍💻: an emoji ZWJ sequence. */
	assert_fold("\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb Response",
	            "response");
	/* 👍🏽: an emoji with a skin tone modifier. */
	assert_fold("\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd Lessons learned",
	            "lessons learned");
	assert_fold("\xf0\x9f\x94\xa5\xf0\x9f\x94\xa5", "");
}
END_TEST

START_TEST(test_fold_punctuation)
{
	assert_fold("## **Summary:**", "summary");
	assert_fold("Summary:", "summary");
	assert_fold("\"Impact\"", "impact");
	assert_fold("-- Timeline --", "timeline");
	assert_fold("(Detection)", "detection");
	assert_fold("Five whys?", "five whys");
	/* Inside the words punctuation stays. */
	assert_fold("TL;DR", "tl;dr");
	assert_fold("Follow-ups", "follow-ups");
	/* Digits are never trimmed. */
	assert_fold("5 whys", "5 whys");
	assert_fold("Q3 review 2022", "q3 review 2022");
	/* Japanese brackets and full-width punctuation. */
	assert_fold("\xe3\x80\x90\xe6\xa6\x82\xe8\xa6\x81\xe3\x80\x91",
	            "\xe6\xa6\x82\xe8\xa6\x81");                    /* 【概要】 */
	assert_fold("\xe6\xa6\x82\xe8\xa6\x81\xef\xbc\x9a",
	            "\xe6\xa6\x82\xe8\xa6\x81");                    /* 概要： */
	assert_fold("\xe3\x80\x8c\xe5\xbd\xb1\xe9\x9f\xbf\xe3\x80\x8d\xe3\x80"
	            "\x82",
	            "\xe5\xbd\xb1\xe9\x9f\xbf");                    /* 「影響」。 */
}
END_TEST

START_TEST(test_fold_case)
{
	assert_fold("SUMMARY", "summary");
	assert_fold("\xc3\x86\xc3\x98\xc3\x85", "\xc3\xa6\xc3\xb8\xc3\xa5");
	assert_fold("P\xc3\x85VIRKNING", "p\xc3\xa5virkning");
	assert_fold("ROT\xc3\x85RSAK", "rot\xc3\xa5rsak");
	assert_fold("L\xc3\x86RDOMMER", "l\xc3\xa6rdommer");
	assert_fold("L\xc3\x98SNING", "l\xc3\xb8sning");
	/* Already lower case stays. */
	assert_fold("bl\xc3\xa5" "b\xc3\xa6r", "bl\xc3\xa5" "b\xc3\xa6r");
	/* Latin-1 beyond Norwegian: ÉÜÖ; × is a sign, not a letter. */
	assert_fold("\xc3\x89\xc3\x9c\xc3\x96", "\xc3\xa9\xc3\xbc\xc3\xb6");
	/* Latin Extended-A, both pairings: ŁÓDŹ -> łódź, ĲSSEL -> ĳssel. */
	assert_fold("\xc5\x81\xc3\x93" "D\xc5\xb9", "\xc5\x82\xc3\xb3" "d\xc5\xba");
	assert_fold("\xc4\xb2SSEL", "\xc4\xb3ssel");
	assert_fold("\xc5\x87\xc5\x8a", "\xc5\x88\xc5\x8b"); /* ŇŊ -> ňŋ */
	/* CJK has no case. */
	assert_fold("\xe6\xa6\x82\xe8\xa6\x81", "\xe6\xa6\x82\xe8\xa6\x81");
}
END_TEST

/* Regression (src/text.c, fold()): U+0178 Ÿ is the upper case of U+00FF ÿ, but
 * fold() treats it as the even member of a Latin Extended-A pair and
 * returns U+0179 Ź, itself an upper-case letter. "ŸSER" and "ÿser"
 * then fold differently. */
START_TEST(test_fold_y_diaeresis)
{
	assert_fold("\xc5\xb8", "\xc3\xbf");
	assert_fold("\xc3\xbf", "\xc3\xbf");
}
END_TEST

START_TEST(test_fold_whitespace)
{
	assert_fold("Root   cause", "root cause");
	assert_fold("Root\t\tcause", "root cause");
	assert_fold("Root \xc2\xa0 cause", "root cause");     /* NBSP */
	assert_fold("  Lessons \t learned  ", "lessons learned");
	assert_fold("\xe3\x80\x80\xe6\xa6\x82\xe8\xa6\x81\xe3\x80\x80",
	            "\xe6\xa6\x82\xe8\xa6\x81");          /* ideographic space */
	assert_fold("Fem\nhvorfor", "fem hvorfor");
	assert_fold("", "");
	assert_fold("   ", "");
}
END_TEST

/* Only n bytes are read. */
START_TEST(test_fold_length)
{
	char *got = pm_text_fold("Summary of it", 7);

	ck_assert_str_eq(got, "summary");
	free(got);
}
END_TEST

/* ---- Section names ---- */

static const struct {
	pm_section_key key;
	const char *name;
} english[] = {
    {PM_SEC_SUMMARY, "Summary"},
    {PM_SEC_SUMMARY, "Issue summary"},
    {PM_SEC_SUMMARY, "TL;DR"},
    {PM_SEC_IMPACT, "Impact"},
    {PM_SEC_DETECTION, "Detection"},
    {PM_SEC_RESPONSE, "Response"},
    {PM_SEC_RESPONSE, "Escalation"},
    {PM_SEC_RECOVERY, "Recovery"},
    {PM_SEC_RECOVERY, "Resolution"},
    {PM_SEC_TIMELINE, "Timeline"},
    {PM_SEC_ROOT_CAUSE, "Root cause"},
    {PM_SEC_ROOT_CAUSE, "Root causes"},
    {PM_SEC_ROOT_CAUSE, "Contributing factors"},
    {PM_SEC_FIVE_WHYS, "Five whys"},
    {PM_SEC_FIVE_WHYS, "5 whys"},
    {PM_SEC_LESSONS, "Lessons learned"},
    {PM_SEC_FOLLOW_UPS, "Follow-ups"},
    {PM_SEC_FOLLOW_UPS, "Action items"},
    {PM_SEC_FOLLOW_UPS, "Corrective and preventative measures"},
}, norwegian[] = {
    {PM_SEC_SUMMARY, "Oppsummering"},
    {PM_SEC_SUMMARY, "Sammendrag"},
    {PM_SEC_IMPACT, "P\xc3\xa5virkning"},
    {PM_SEC_IMPACT, "Konsekvenser"},
    {PM_SEC_DETECTION, "Oppdagelse"},
    {PM_SEC_DETECTION, "Deteksjon"},
    {PM_SEC_RESPONSE, "H\xc3\xa5ndtering"},
    {PM_SEC_RESPONSE, "Eskalering"},
    {PM_SEC_RECOVERY, "Gjenoppretting"},
    {PM_SEC_RECOVERY, "L\xc3\xb8sning"},
    {PM_SEC_TIMELINE, "Tidslinje"},
    {PM_SEC_ROOT_CAUSE, "Rot\xc3\xa5rsak"},
    {PM_SEC_ROOT_CAUSE, "\xc3\x85rsak"},
    {PM_SEC_FIVE_WHYS, "Fem hvorfor"},
    {PM_SEC_LESSONS, "L\xc3\xa6rdommer"},
    {PM_SEC_LESSONS, "Erfaringer"},
    {PM_SEC_FOLLOW_UPS, "Oppf\xc3\xb8lgingsoppgaver"},
    {PM_SEC_FOLLOW_UPS, "Tiltak"},
}, japanese[] = {
    {PM_SEC_SUMMARY, "\xe6\xa6\x82\xe8\xa6\x81"},                 /* 概要 */
    {PM_SEC_IMPACT, "\xe5\xbd\xb1\xe9\x9f\xbf"},                  /* 影響 */
    {PM_SEC_DETECTION, "\xe6\xa4\x9c\xe7\x9f\xa5"},               /* 検知 */
    {PM_SEC_RESPONSE, "\xe5\xaf\xbe\xe5\xbf\x9c"},                /* 対応 */
    {PM_SEC_RECOVERY, "\xe5\xbe\xa9\xe6\x97\xa7"},                /* 復旧 */
    {PM_SEC_TIMELINE, "\xe3\x82\xbf\xe3\x82\xa4\xe3\x83\xa0\xe3\x83\xa9"
                      "\xe3\x82\xa4\xe3\x83\xb3"},                /* タイムライン */
    {PM_SEC_TIMELINE, "\xe7\xb5\x8c\xe7\xb7\xaf"},                /* 経緯 */
    {PM_SEC_ROOT_CAUSE, "\xe5\x8e\x9f\xe5\x9b\xa0"},              /* 原因 */
    {PM_SEC_FIVE_WHYS, "\xe3\x81\xaa\xe3\x81\x9c\xe3\x81\xaa\xe3\x81\x9c"
                       "\xe5\x88\x86\xe6\x9e\x90"},               /* なぜなぜ分析 */
    {PM_SEC_LESSONS, "\xe6\x95\x99\xe8\xa8\x93"},                 /* 教訓 */
    {PM_SEC_FOLLOW_UPS, "\xe5\x86\x8d\xe7\x99\xba\xe9\x98\xb2\xe6\xad\xa2"
                        "\xe7\xad\x96"},                          /* 再発防止策 */
    {PM_SEC_FOLLOW_UPS, "\xe5\xaf\xbe\xe7\xad\x96"},              /* 対策 */
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void
assert_match(const char *heading, const char *lang, pm_section_key want)
{
	pm_section_key got = match(heading, lang);

	ck_assert_msg(got == want, "'%s' in %s: key %d, want %d", heading,
	              lang ? lang : "(null)", (int)got, (int)want);
}

/* English names are accepted whatever the document's language. */
START_TEST(test_match_english_everywhere)
{
	static const char *const langs[] = {"en", "en-GB", "nb", "nn", "ja",
	                                    "de"};
	size_t i, l;

	for (l = 0; l < COUNT(langs); l++)
		for (i = 0; i < COUNT(english); i++)
			assert_match(english[i].name, langs[l], english[i].key);
	for (i = 0; i < COUNT(english); i++)
		assert_match(english[i].name, NULL, english[i].key);
}
END_TEST

START_TEST(test_match_norwegian)
{
	static const char *const langs[] = {"nb", "no", "nn", "nb-NO",
	                                    "nn-NO", "no_NO"};
	size_t i, l;

	for (l = 0; l < COUNT(langs); l++)
		for (i = 0; i < COUNT(norwegian); i++)
			assert_match(norwegian[i].name, langs[l],
			             norwegian[i].key);
	/* Not in an English or Japanese document. */
	for (i = 0; i < COUNT(norwegian); i++) {
		assert_match(norwegian[i].name, "en", PM_SEC_CUSTOM);
		assert_match(norwegian[i].name, "ja", PM_SEC_CUSTOM);
		assert_match(norwegian[i].name, "da", PM_SEC_CUSTOM);
	}
}
END_TEST

START_TEST(test_match_japanese)
{
	size_t i;

	for (i = 0; i < COUNT(japanese); i++) {
		assert_match(japanese[i].name, "ja", japanese[i].key);
		assert_match(japanese[i].name, "ja-JP", japanese[i].key);
		assert_match(japanese[i].name, "en", PM_SEC_CUSTOM);
		assert_match(japanese[i].name, "nb", PM_SEC_CUSTOM);
		/* "jv" (Javanese) must not pass for Japanese. */
		assert_match(japanese[i].name, "jv", PM_SEC_CUSTOM);
	}
}
END_TEST

START_TEST(test_match_case_and_decoration)
{
	assert_match("SUMMARY", "en", PM_SEC_SUMMARY);
	assert_match("summary", "en", PM_SEC_SUMMARY);
	assert_match("tl;dr", "en", PM_SEC_SUMMARY);
	assert_match("Tl;Dr", "en", PM_SEC_SUMMARY);
	assert_match("TL;DR:", "en", PM_SEC_SUMMARY);
	assert_match("\xf0\x9f\x93\x8b TL;DR", "en", PM_SEC_SUMMARY);
	assert_match("ROOT CAUSE", "en", PM_SEC_ROOT_CAUSE);
	assert_match("Root  Causes", "en", PM_SEC_ROOT_CAUSE);
	assert_match("ACTION ITEMS", "en", PM_SEC_FOLLOW_UPS);
	assert_match("**Summary:**", "en", PM_SEC_SUMMARY);
	assert_match("\xf0\x9f\x93\x8b OPPSUMMERING", "nb", PM_SEC_SUMMARY);
	assert_match("\xe2\x8f\xb2\xef\xb8\x8f Tidslinje", "nb",
	             PM_SEC_TIMELINE);
	assert_match("P\xc3\x85VIRKNING", "nb", PM_SEC_IMPACT);
	assert_match("\xc3\x85RSAK", "nb", PM_SEC_ROOT_CAUSE);
	assert_match("FEM HVORFOR", "nb", PM_SEC_FIVE_WHYS);
	assert_match("\xe3\x80\x90\xe6\xa6\x82\xe8\xa6\x81\xe3\x80\x91", "ja",
	             PM_SEC_SUMMARY);
}
END_TEST

START_TEST(test_match_custom)
{
	assert_match("Appendix", "en", PM_SEC_CUSTOM);
	assert_match("Sumary", "en", PM_SEC_CUSTOM);
	assert_match("TLDR", "en", PM_SEC_CUSTOM);
	assert_match("Summary of costs", "en", PM_SEC_CUSTOM);
	assert_match("Root", "en", PM_SEC_CUSTOM);
	assert_match("", "en", PM_SEC_CUSTOM);
	assert_match("\xf0\x9f\x93\x8b", "en", PM_SEC_CUSTOM);
}
END_TEST

/* BCP 47 tags are case-insensitive (RFC 5646, 2.1.1).
 * Regression (src/text.c, pm_lang_family()): compared with strncmp,
 * "lang: NB" or "lang: JA" got the English family, and Norwegian and
 * Japanese headings became custom sections. */
START_TEST(test_match_lang_tag_case)
{
	ck_assert_str_eq(pm_lang_family("NB"), "nb");
	ck_assert_str_eq(pm_lang_family("No-NO"), "nb");
	ck_assert_str_eq(pm_lang_family("JA"), "ja");
	assert_match("Tidslinje", "NB", PM_SEC_TIMELINE);
	assert_match("\xe6\xa6\x82\xe8\xa6\x81", "JA-jp", PM_SEC_SUMMARY);
}
END_TEST

START_TEST(test_section_heading)
{
	ck_assert_str_eq(pm_section_heading(PM_SEC_TIMELINE, "en"), "Timeline");
	ck_assert_str_eq(pm_section_heading(PM_SEC_TIMELINE, "nb-NO"),
	                 "Tidslinje");
	ck_assert_str_eq(pm_section_heading(PM_SEC_TIMELINE, "ja"),
	                 "\xe3\x82\xbf\xe3\x82\xa4\xe3\x83\xa0\xe3\x83\xa9"
	                 "\xe3\x82\xa4\xe3\x83\xb3");
	ck_assert_str_eq(pm_section_heading(PM_SEC_FOLLOW_UPS, "en"),
	                 "Follow-ups");
	ck_assert_str_eq(pm_section_heading(PM_SEC_FOLLOW_UPS, "nn"),
	                 "Oppf\xc3\xb8lgingsoppgaver");
	ck_assert_str_eq(pm_section_heading(PM_SEC_ROOT_CAUSE, "de"),
	                 "Root cause");
	ck_assert_str_eq(pm_section_heading(PM_SEC_CUSTOM, "en"), "");
}
END_TEST

/* ---- Near misses ---- */

static void
assert_near(const char *heading, const char *lang, const char *want)
{
	const char *got = near(heading, lang);

	if (want == NULL)
		ck_assert_msg(got == NULL, "'%s' in %s: near '%s', want none",
		              heading, lang, got);
	else
		ck_assert_msg(got != NULL && strcmp(got, want) == 0,
		              "'%s' in %s: near '%s', want '%s'", heading,
		              lang, got ? got : "(none)", want);
}

START_TEST(test_near_misses)
{
	assert_near("Sumary", "en", "Summary");
	assert_near("Timelime", "en", "Timeline");
	assert_near("Timelines", "en", "Timeline");
	assert_near("Impakt", "en", "Impact");
	assert_near("Follow ups", "en", "Follow-ups");
	assert_near("Lessons learnt", "en", "Lessons learned");
	assert_near("Rot cause", "en", "Root cause");
	assert_near("TLDR", "en", "TL;DR");
	assert_near("\xf0\x9f\x93\x8b SUMARY:", "en", "Summary");
	/* English names are near misses in every language. */
	assert_near("Timelime", "nb", "Timeline");
	assert_near("Timelime", "ja", "Timeline");
}
END_TEST

START_TEST(test_near_by_language)
{
	assert_near("Tidslinja", "nb", "Tidslinje");
	assert_near("Tidslinja", "nn-NO", "Tidslinje");
	assert_near("Oppsumering", "nb", "Oppsummering");
	assert_near("Lerdommer", "nb", "L\xc3\xa6rdommer");
	/* A Norwegian near miss is nothing in an English document. */
	assert_near("Tidslinja", "en", NULL);
	assert_near("Oppsumering", "en", NULL);
	/* Six kana: one off is a near miss. */
	assert_near("\xe3\x82\xbf\xe3\x82\xa4\xe3\x83\xa0\xe3\x83\xa9\xe3\x82"
	            "\xa4\xe3\x83\xbc",
	            "ja",
	            "\xe3\x82\xbf\xe3\x82\xa4\xe3\x83\xa0\xe3\x83\xa9\xe3\x82"
	            "\xa4\xe3\x83\xb3");
}
END_TEST

/* Two-character Japanese names are one character away from most two-
 * character words; they are never near misses. */
START_TEST(test_near_short_japanese)
{
	assert_near("\xe6\xa6\x82\xe6\xb3\x81", "ja", NULL);       /* 概況 */
	assert_near("\xe5\x8e\x9f\xe7\x90\x86", "ja", NULL);       /* 原理 */
	assert_near("\xe5\xaf\xbe\xe8\xa9\xb1", "ja", NULL);       /* 対話 */
	assert_near("\xe6\x95\x99\xe6\x9d\x90", "ja", NULL);       /* 教材 */
	assert_near("\xe5\xbd\xb1", "ja", NULL);                   /* 影 */
}
END_TEST

START_TEST(test_near_none)
{
	assert_near("Appendix", "en", NULL);
	assert_near("Appendix", "nb", NULL);
	assert_near("Costs", "en", NULL);
	assert_near("", "en", NULL);
	/* An exact name is a match, not a near miss. */
	assert_near("Summary", "en", NULL);
	assert_near("Tidslinje", "nb", NULL);
}
END_TEST

/* ---- Lessons subsections ---- */

START_TEST(test_lessons)
{
	static const struct {
		const char *heading, *key;
	} c[] = {
	    {"Went well", "went-well"},
	    {"What went well", "went-well"},
	    {"Gikk bra", "went-well"},
	    {"Hva gikk bra", "went-well"},
	    {"\xe8\x89\xaf\xe3\x81\x8b\xe3\x81\xa3\xe3\x81\x9f\xe7\x82\xb9",
	     "went-well"},                                 /* 良かった点 */
	    {"Went wrong", "went-wrong"},
	    {"What went wrong", "went-wrong"},
	    {"Gikk d\xc3\xa5rlig", "went-wrong"},
	    {"Hva gikk d\xc3\xa5rlig", "went-wrong"},
	    {"\xe6\x82\xaa\xe3\x81\x8b\xe3\x81\xa3\xe3\x81\x9f\xe7\x82\xb9",
	     "went-wrong"},                                /* 悪かった点 */
	    {"Got lucky", "got-lucky"},
	    {"Where we got lucky", "got-lucky"},
	    {"Flaks", "got-lucky"},
	    {"\xe5\xb9\xb8\xe9\x81\x8b\xe3\x81\xa0\xe3\x81\xa3\xe3\x81\x9f\xe7"
	     "\x82\xb9",
	     "got-lucky"},                                 /* 幸運だった点 */
	    /* Case, emoji and punctuation as for sections. */
	    {"WHAT WENT WELL?", "went-well"},
	    {"\xe2\x9c\x85 What went well", "went-well"},
	    {"HVA GIKK D\xc3\x85RLIG", "went-wrong"},
	    {"\xf0\x9f\x8d\x80 Where we got lucky:", "got-lucky"},
	};
	static const char *const none[] = {"Other notes", "Went", "Lucky",
	                                   "What went well and wrong",
	                                   "Lessons learned", ""};
	size_t i;
	const char *got;

	for (i = 0; i < COUNT(c); i++) {
		got = lessons(c[i].heading);
		ck_assert_msg(got != NULL && strcmp(got, c[i].key) == 0,
		              "'%s': %s, want %s", c[i].heading,
		              got ? got : "(none)", c[i].key);
	}
	for (i = 0; i < COUNT(none); i++)
		ck_assert_msg(lessons(none[i]) == NULL, "'%s' matched %s",
		              none[i], lessons(none[i]));
}
END_TEST

/* ---- Edit distance ---- */

START_TEST(test_edit_distance)
{
	ck_assert_uint_eq(pm_edit_distance("kitten", "sitting", 5), 3);
	ck_assert_uint_eq(pm_edit_distance("sitting", "kitten", 5), 3);
	ck_assert_uint_eq(pm_edit_distance("flaw", "lawn", 5), 2);
	ck_assert_uint_eq(pm_edit_distance("summary", "summary", 2), 0);
	ck_assert_uint_eq(pm_edit_distance("", "", 2), 0);
	ck_assert_uint_eq(pm_edit_distance("", "abc", 5), 3);
	ck_assert_uint_eq(pm_edit_distance("abc", "", 5), 3);
	ck_assert_uint_eq(pm_edit_distance("owner", "ownr", 2), 1);
	ck_assert_uint_eq(pm_edit_distance("ab", "ba", 2), 2);
}
END_TEST

/* Distances count characters: æ for a is one edit, not two. */
START_TEST(test_edit_distance_code_points)
{
	ck_assert_uint_eq(pm_edit_distance("bl\xc3\xa5" "b\xc3\xa6r",
	                                   "blab\xc3\xa6r", 2),
	                  1);
	ck_assert_uint_eq(pm_edit_distance("bl\xc3\xa5" "b\xc3\xa6r",
	                                   "blabar", 2),
	                  2);
	ck_assert_uint_eq(pm_edit_distance("\xe6\xa6\x82\xe8\xa6\x81",
	                                   "\xe6\xa6\x82\xe6\xb3\x81", 2),
	                  1);                              /* 概要 / 概況 */
	ck_assert_uint_eq(pm_edit_distance("\xe6\xa6\x82\xe8\xa6\x81",
	                                   "\xe6\xa6\x82", 2),
	                  1);
	ck_assert_uint_eq(pm_edit_distance("\xf0\x9f\x98\x80",
	                                   "\xf0\x9f\x98\x81", 2),
	                  1);                              /* 😀 / 😁 */
	ck_assert_uint_eq(pm_edit_distance("\xf0\x9f\x98\x80", "", 2), 1);
}
END_TEST

/* Past max the answer is max + 1, however far the strings are. */
START_TEST(test_edit_distance_cutoff)
{
	ck_assert_uint_eq(pm_edit_distance("kitten", "sitting", 2), 3);
	ck_assert_uint_eq(pm_edit_distance("kitten", "sitting", 3), 3);
	ck_assert_uint_eq(pm_edit_distance("abcdef", "ghijkl", 2), 3);
	ck_assert_uint_eq(pm_edit_distance("a", "abcdefgh", 2), 3);
	ck_assert_uint_eq(pm_edit_distance("abc", "abd", 0), 1);
	ck_assert_uint_eq(pm_edit_distance("abc", "abc", 0), 0);
	ck_assert_uint_eq(pm_edit_distance("timeline", "appendix", 1), 2);
}
END_TEST

START_TEST(test_lang_family)
{
	ck_assert_str_eq(pm_lang_family("nb"), "nb");
	ck_assert_str_eq(pm_lang_family("no"), "nb");
	ck_assert_str_eq(pm_lang_family("nn"), "nb");
	ck_assert_str_eq(pm_lang_family("nb-NO"), "nb");
	ck_assert_str_eq(pm_lang_family("nn_NO"), "nb");
	ck_assert_str_eq(pm_lang_family("ja"), "ja");
	ck_assert_str_eq(pm_lang_family("ja-JP"), "ja");
	ck_assert_str_eq(pm_lang_family("en"), "en");
	ck_assert_str_eq(pm_lang_family("en-GB"), "en");
	ck_assert_str_eq(pm_lang_family("de"), "en");
	ck_assert_str_eq(pm_lang_family(""), "en");
	ck_assert_str_eq(pm_lang_family(NULL), "en");
	/* Only the whole primary subtag counts. */
	ck_assert_str_eq(pm_lang_family("nob"), "en");
	ck_assert_str_eq(pm_lang_family("jav"), "en");
	ck_assert_str_eq(pm_lang_family("n"), "en");
	ck_assert_str_eq(pm_lang_family("j"), "en");
}
END_TEST

static Suite *
text_suite(void)
{
	Suite *s = suite_create("text");
	TCase *tc = tcase_create("fold");

	tcase_add_test(tc, test_fold_emoji);
	tcase_add_test(tc, test_fold_punctuation);
	tcase_add_test(tc, test_fold_case);
	tcase_add_test(tc, test_fold_y_diaeresis);
	tcase_add_test(tc, test_fold_whitespace);
	tcase_add_test(tc, test_fold_length);
	suite_add_tcase(s, tc);
	tc = tcase_create("sections");
	tcase_add_test(tc, test_match_english_everywhere);
	tcase_add_test(tc, test_match_norwegian);
	tcase_add_test(tc, test_match_japanese);
	tcase_add_test(tc, test_match_case_and_decoration);
	tcase_add_test(tc, test_match_custom);
	tcase_add_test(tc, test_match_lang_tag_case);
	tcase_add_test(tc, test_section_heading);
	suite_add_tcase(s, tc);
	tc = tcase_create("near");
	tcase_add_test(tc, test_near_misses);
	tcase_add_test(tc, test_near_by_language);
	tcase_add_test(tc, test_near_short_japanese);
	tcase_add_test(tc, test_near_none);
	suite_add_tcase(s, tc);
	tc = tcase_create("misc");
	tcase_add_test(tc, test_lessons);
	tcase_add_test(tc, test_edit_distance);
	tcase_add_test(tc, test_edit_distance_code_points);
	tcase_add_test(tc, test_edit_distance_cutoff);
	tcase_add_test(tc, test_lang_family);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return pm_check_run(text_suite());
}
