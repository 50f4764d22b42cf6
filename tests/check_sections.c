/* check_sections.c: the structured sections of the Markdown front end
 * (format.md sections 4 and 5) compiled with pm_doc_parse: follow-up
 * attributes, task markers and tables, timeline times, kinds and DST, and
 * the five whys' questions and answers, with the exact places of findings. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "found.h"
#include "ir.h"

/* The findings of the last compilation. */
static pm_found f;

static pm_doc *doc;

/* Compiles text with default policy (an empty policy file) and a fixed
 * "today", so that overdue follow-ups do not depend on the clock. */
static void
compile(const char *text)
{
	pm_options o = {0};

	o.policy = "/dev/null";
	o.today = "2025-01-01";
	o.diag = pm_found_collect;
	o.diag_arg = &f;
	pm_doc_free(doc);
	memset(&f, 0, sizeof(f));
	doc = pm_doc_parse("t.md", text, strlen(text), &o);
	ck_assert_ptr_nonnull(doc);
	ck_assert_msg(doc->ir != NULL, "no IR built");
}

static void
teardown(void)
{
	pm_doc_free(doc);
	doc = NULL;
}

/* Lines 1-4; the body starts on line 5. */
#define FM "---\ntitle: T\nseverity: SEV2\n---\n"
#define FM_WITH(extra) "---\ntitle: T\nseverity: SEV2\n" extra "---\n"

/* ---- Findings ---- */

static void
dump_found(void)
{
	int i;

	for (i = 0; i < f.n; i++)
		fprintf(stderr, "  %d:%d: %s [%s]\n", f.d[i].line, f.d[i].col,
		        f.d[i].msg, f.d[i].rule);
}

static void
assert_nfound(int n)
{
	if (f.n != n)
		dump_found();
	ck_assert_msg(f.n == n, "%d findings, want %d (listed on stderr)", f.n,
	              n);
}

static void
assert_found(int i, const char *rule, int line, int col)
{
	if (i >= f.n) {
		dump_found();
		ck_abort_msg("finding %d missing, want %s at %d:%d", i, rule,
		             line, col);
	}
	ck_assert_msg(strcmp(f.d[i].rule, rule) == 0 && f.d[i].line == line &&
	                  f.d[i].col == col,
	              "finding %d: %s at %d:%d (%s), want %s at %d:%d", i,
	              f.d[i].rule, f.d[i].line, f.d[i].col, f.d[i].msg, rule,
	              line, col);
}

/* ---- The IR ---- */

/* The next element named name after node in document order, within top. */
static xmlNodePtr
walk_next(xmlNodePtr top, xmlNodePtr node)
{
	if (node->children != NULL)
		return node->children;
	while (node != top && node->next == NULL)
		node = node->parent;
	return node == top ? NULL : node->next;
}

/* The i-th (0-based) element named name below top, in document order. */
static xmlNodePtr
nth(xmlNodePtr top, const char *name, int i)
{
	xmlNodePtr n;

	for (n = top ? top->children : NULL; n != NULL; n = walk_next(top, n))
		if (pm_ir_is(n, pm_ir_el(name)) && i-- == 0)
			return n;
	return NULL;
}

static int
count(xmlNodePtr top, const char *name)
{
	int k = 0;

	while (nth(top, name, k) != NULL)
		k++;
	return k;
}

static xmlNodePtr
root(void)
{
	return xmlDocGetRootElement(doc->ir);
}

static xmlNodePtr
section(const char *key)
{
	xmlNodePtr s;

	for (s = pm_ir_first(root(), PM_EL_SECTION); s != NULL;
	     s = pm_ir_next(s, PM_EL_SECTION))
		if (strcmp(pm_ir_get(s, "key"), key) == 0)
			return s;
	ck_abort_msg("no section '%s'", key);
	return NULL;
}

static xmlNodePtr
action(int i)
{
	xmlNodePtr a = nth(section("follow-ups"), "action", i);

	ck_assert_msg(a != NULL, "no action %d", i);
	return a;
}

static xmlNodePtr
event(int i)
{
	xmlNodePtr e = nth(section("timeline"), "event", i);

	ck_assert_msg(e != NULL, "no event %d", i);
	return e;
}

static xmlNodePtr
why(int i)
{
	xmlNodePtr w = nth(section("five-whys"), "why", i);

	ck_assert_msg(w != NULL, "no why %d", i);
	return w;
}

/* attr of node is want; want NULL: absent. */
static void
assert_attr(xmlNodePtr node, const char *attr, const char *want)
{
	const char *got = pm_ir_get(node, attr);

	if (want == NULL)
		ck_assert_msg(got == NULL, "<%s %s='%s'>, want no %s",
		              node->name, attr, got, attr);
	else
		ck_assert_msg(got != NULL && strcmp(got, want) == 0,
		              "<%s %s='%s'>, want '%s'", node->name, attr,
		              got ? got : "(absent)", want);
}

/* The text content of node's child element named child is want. */
static void
assert_child_text(xmlNodePtr node, const char *child, const char *want)
{
	xmlNodePtr c = pm_ir_first(node, pm_ir_el(child));
	char *got;

	ck_assert_msg(c != NULL, "<%s> has no <%s>", node->name, child);
	got = pm_ir_content(c);
	ck_assert_msg(strcmp(got, want) == 0, "<%s> is '%s', want '%s'", child,
	              got, want);
	free(got);
}

static void
assert_place(xmlNodePtr node, int line, int col)
{
	pm_loc loc = pm_ir_loc_attr(node);

	ck_assert_msg(loc.line == line && loc.col == col,
	              "<%s> at %d:%d, want %d:%d", node->name, loc.line,
	              loc.col, line, col);
}

/* ---- The policy used throughout ---- */

/* An empty policy file means the defaults: no policy error, and the
 * default minimum of three whys. */
START_TEST(test_empty_policy_is_default)
{
	compile(FM "\n## Five whys\n\n"
	           "1. Why? Because.\n"
	           "2. Why that? Because of this.\n");
	ck_assert_int_eq(pm_doc_errors(doc), 0);
	assert_nfound(1);
	assert_found(0, "few-whys", 6, 1);
	ck_assert_str_eq(f.d[0].msg, "2 whys; the policy asks for at least 3");
	ck_assert_int_eq(f.d[0].sev, PM_WARNING);
}
END_TEST

/* ---- Follow-ups: attribute lists ---- */

START_TEST(test_followup_attributes)
{
	xmlNodePtr a;

	compile(FM "\n## Follow-ups\n\n"
	           "- Add a lock-wait alert (owner: Drift, due: 2022-05-15, "
	           "type: detect)\n");
	ck_assert_int_eq(count(section("follow-ups"), "action"), 1);
	a = action(0);
	assert_place(a, 8, 3);
	assert_attr(a, "owner", "Drift");
	assert_attr(a, "due", "2022-05-15");
	assert_attr(a, "type", "detect");
	assert_attr(a, "done", "false");
	assert_attr(a, "ticket", NULL);
	assert_child_text(a, "text", "Add a lock-wait alert");
	/* Open and due before 2025-01-01. */
	assert_nfound(1);
	assert_found(0, "overdue", 8, 3);
	ck_assert_str_eq(f.d[0].msg,
	                 "follow-up was due 2022-05-15 and is still open");
}
END_TEST

START_TEST(test_followup_keys_any_case)
{
	xmlNodePtr a;

	compile(FM "\n## Follow-ups\n\n"
	           "- [x] Move the call (OWNER: Ops, Due: 2030-01-02, "
	           "TyPe: prevent, PRIORITY: P1, Ticket: PAY-9)\n");
	a = action(0);
	assert_attr(a, "owner", "Ops");
	assert_attr(a, "due", "2030-01-02");
	assert_attr(a, "type", "prevent");
	assert_attr(a, "priority", "P1");
	assert_attr(a, "ticket", "PAY-9");
	assert_attr(a, "done", "true");
	assert_child_text(a, "text", "Move the call");
	assert_nfound(0);
}
END_TEST

/* Only the first colon of a pair separates key and value. */
START_TEST(test_followup_ticket_url)
{
	xmlNodePtr a;

	compile(FM "\n## Follow-ups\n\n"
	           "- Fix the retry (ticket: "
	           "https://tracker.example.org:8443/browse/PAY_12, "
	           "owner: Ann Example, due: 2030-01-01)\n"
	           "- [x] Close it (ticket: https://t.example.org/a*b)\n");
	a = action(0);
	assert_attr(a, "ticket",
	            "https://tracker.example.org:8443/browse/PAY_12");
	assert_attr(a, "owner", "Ann Example");
	assert_attr(a, "due", "2030-01-01");
	assert_child_text(a, "text", "Fix the retry");
	assert_attr(action(1), "ticket", "https://t.example.org/a*b");
	assert_child_text(action(1), "text", "Close it");
	assert_nfound(0);
}
END_TEST

/* An unknown key warns at the key itself, in characters; the list is
 * still an attribute list: known keys count and it leaves the text. */
START_TEST(test_followup_unknown_key)
{
	xmlNodePtr a;

	compile(FM "\n## Follow-ups\n\n"
	           /* line 8: "see" is character 25 */
	           "- [ ] Read the runbook (see: the wiki)\n"
	           /* line 9: "se" is character 25, byte 28 */
	           "- Oppdater bl\xc3\xa5" "b\xc3\xa6rsiden (se: wikien, "
	           "owner: Drift)\n"
	           /* line 10: "memo" is character 12, byte 26 */
	           "- \xe7\x9b\xa3\xe8\xa6\x96\xe3\x82\x92\xe8\xbf\xbd\xe5\x8a\xa0"
	           "\xe3\x81\x99\xe3\x82\x8b (memo: \xe6\x9d\xa5\xe9\x80\xb1, "
	           "owner: \xe9\x81\x8b\xe7\x94\xa8)\n");
	assert_nfound(3);
	assert_found(0, "follow-up-key", 8, 25);
	ck_assert_int_eq(f.d[0].span, 3);
	ck_assert_int_eq(f.d[0].sev, PM_WARNING);
	ck_assert_str_eq(f.d[0].msg,
	                 "unknown follow-up attribute 'see'");
	assert_found(1, "follow-up-key", 9, 25);
	ck_assert_int_eq(f.d[1].span, 2);
	assert_found(2, "follow-up-key", 10, 12);
	ck_assert_int_eq(f.d[2].span, 4);
	ck_assert_str_eq(f.d[2].msg, "unknown follow-up attribute 'memo'");

	a = action(0);
	assert_child_text(a, "text", "Read the runbook");
	assert_attr(a, "see", NULL);
	assert_attr(a, "done", "false");
	a = action(1);
	assert_child_text(a, "text", "Oppdater bl\xc3\xa5" "b\xc3\xa6rsiden");
	assert_attr(a, "owner", "Drift");
	a = action(2);
	assert_child_text(a, "text",
	                  "\xe7\x9b\xa3\xe8\xa6\x96\xe3\x82\x92\xe8\xbf\xbd"
	                  "\xe5\x8a\xa0\xe3\x81\x99\xe3\x82\x8b");
	assert_attr(a, "owner", "\xe9\x81\x8b\xe7\x94\xa8");
}
END_TEST

/* A parenthesis that is not all "key: value" pairs is ordinary text. */
START_TEST(test_followup_plain_parenthesis)
{
	xmlNodePtr a;
	int i;

	compile(FM "\n## Follow-ups\n\n"
	           "- Read the runbook (see the wiki)\n"
	           "- Meet the vendor (10:30, room 2)\n"
	           "- Mixed (owner: Drift, see the wiki)\n"
	           "- Not trailing (owner: Drift) but inside\n"
	           "- Empty value (owner: )\n");
	/* the text stays; an owner written where it is not read is said */
	assert_nfound(2);
	assert_found(0, "follow-up-unread", 10, 10);
	assert_found(1, "follow-up-unread", 11, 17);
	assert_child_text(action(0), "text", "Read the runbook (see the wiki)");
	assert_child_text(action(1), "text", "Meet the vendor (10:30, room 2)");
	assert_child_text(action(2), "text",
	                  "Mixed (owner: Drift, see the wiki)");
	assert_child_text(action(3), "text",
	                  "Not trailing (owner: Drift) but inside");
	assert_child_text(action(4), "text", "Empty value (owner: )");
	for (i = 0; i < 5; i++) {
		a = action(i);
		assert_attr(a, "owner", NULL);
		assert_attr(a, "due", NULL);
	}
}
END_TEST

START_TEST(test_followup_bad_due)
{
	compile(FM "\n## Follow-ups\n\n"
	           "- Fix it (due: 2022-13-40)\n"
	           "- Bl\xc3\xa5" "b\xc3\xa6r (owner: Ann, due: i morgen)\n"
	           "- Leap (due: 2023-02-29)\n");
	assert_nfound(3);
	assert_found(0, "bad-date", 8, 16);
	ck_assert_int_eq(f.d[0].span, 10);
	ck_assert_int_eq(f.d[0].sev, PM_ERROR);
	ck_assert_str_eq(f.d[0].msg,
	                 "due date '2022-13-40' is not a date (YYYY-MM-DD)");
	/* "- Blåbær (owner: Ann, due: " is 27 characters, 29 bytes. */
	/* words are no date, but a warning: the value is kept as text */
	assert_found(1, "follow-up-date", 9, 28);
	ck_assert_int_eq(f.d[1].span, 8);
	ck_assert_int_eq(f.d[1].sev, PM_WARNING);
	assert_attr(pm_ir_first(action(1), PM_EL_DETAIL), "key", "due");
	assert_found(2, "bad-date", 10, 14);
	assert_attr(action(0), "due", NULL);
	assert_child_text(action(0), "text", "Fix it");
	assert_attr(action(1), "due", NULL);
	assert_attr(action(1), "owner", "Ann");
	assert_attr(action(2), "due", NULL);
}
END_TEST

START_TEST(test_followup_bad_type)
{
	compile(FM "\n## Follow-ups\n\n"
	           "- Fix it (type: fix, owner: Drift)\n");
	assert_nfound(1);
	assert_found(0, "bad-value", 8, 17);
	ck_assert_int_eq(f.d[0].span, 3);
	ck_assert_int_eq(f.d[0].sev, PM_ERROR);
	ck_assert_str_eq(f.d[0].msg,
	                 "'fix' is not a valid follow-up type (expected "
	                 "prevent, detect, mitigate, repair, process or other)");
	assert_attr(action(0), "type", NULL);
	assert_attr(action(0), "owner", "Drift");
	assert_child_text(action(0), "text", "Fix it");
}
END_TEST

START_TEST(test_followup_task_markers)
{
	static const struct {
		const char *done, *text;
	} want[] = {
	    {"true", "Done lower"},
	    {"true", "Done upper"},
	    {"false", "Open"},
	    {"false", "No marker"},
	    {"true", "Both"},
	    {"false", "[x]Not a marker"},
	    {"false", "[y] Not a marker either"},
	    {"false", "[WIP] Rewrite the job"},
	};
	size_t i;

	compile(FM "\n## Follow-ups\n\n"
	           "- [x] Done lower\n"
	           "- [X] Done upper\n"
	           "- [ ] Open\n"
	           "- No marker\n"
	           "- [x] Both (owner: Ann)\n"
	           "- [x]Not a marker\n"
	           "- [y] Not a marker either\n"
	           /* The first text node is just "[": reading a marker
	            * must not look past it (a heap over-read in
	            * pm_prose_task, fixed in 4f53c22; only a sanitizer
	            * build sees it). */
	           "- [**WIP**] Rewrite the job\n");
	ck_assert_int_eq(count(section("follow-ups"), "action"), 8);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		assert_attr(action((int)i), "done", want[i].done);
		assert_child_text(action((int)i), "text", want[i].text);
	}
	assert_attr(action(4), "owner", "Ann");
	assert_nfound(0);
}
END_TEST

START_TEST(test_followup_table)
{
	static const struct {
		const char *text, *type, *owner, *ticket, *done;
	} want[] = {
	    {"Document DST handling", "process", "Bo Example", "PAY-13",
	     "true"},
	    {"Alert on lock waits", "detect", "Ann", "PAY-14", "true"},
	    {"Review batch jobs", "prevent", "Ann", "PAY-15", "false"},
	    {"Fix the pager", "mitigate", "Cy", "PAY-16", "true"},
	};
	xmlNodePtr a;
	size_t i;

	compile(FM "\n## Follow-ups\n\n"
	           "| Action item | Type | Owner | Bug | Status |\n"
	           "|---|---|---|---|---|\n"
	           "| Document DST handling | process | Bo Example | PAY-13 | DONE |\n"
	           "| Alert on lock waits | detect | Ann | PAY-14 | x |\n"
	           "| Review batch jobs | prevent | Ann | PAY-15 | open |\n"
	           "| Fix the pager | mitigate | Cy | PAY-16 | done |\n");
	assert_nfound(0);
	ck_assert_int_eq(count(section("follow-ups"), "action"), 4);
	/* A real list of actions, not a prose table. */
	ck_assert_ptr_null(nth(section("follow-ups"), "table", 0));
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		a = action((int)i);
		assert_child_text(a, "text", want[i].text);
		assert_attr(a, "type", want[i].type);
		assert_attr(a, "owner", want[i].owner);
		assert_attr(a, "ticket", want[i].ticket);
		assert_attr(a, "done", want[i].done);
		assert_place(a, 10 + (int)i, 3);
	}
}
END_TEST

/* Other columns warn at their header; cell values are checked at the
 * cell. */
/* Japanese column words and dates (format.md section 11), and a value
 * of a column pmc does not know kept as a detail of the item. */
START_TEST(test_followup_table_ja)
{
	xmlNodePtr a, d;

	compile(FM_WITH("lang: ja\n") "\n## \xe5\xaf\xbe\xe7\xad\x96\n\n"
	        /* | 対策 | 担当 | 期限 | 状態 | 備考 | */
	        "| \xe5\xaf\xbe\xe7\xad\x96 | \xe6\x8b\x85\xe5\xbd\x93 "
	        "| \xe6\x9c\x9f\xe9\x99\x90 | \xe7\x8a\xb6\xe6\x85\x8b "
	        "| \xe5\x82\x99\xe8\x80\x83 |\n"
	        "|---|---|---|---|---|\n"
	        /* | 監視を追加 | 運用 | 2024年5月2日 | 完了 | 週次 | */
	        "| \xe7\x9b\xa3\xe8\xa6\x96\xe3\x82\x92\xe8\xbf\xbd"
	        "\xe5\x8a\xa0 | \xe9\x81\x8b\xe7\x94\xa8 | 2024\xe5\xb9\xb4"
	        "5\xe6\x9c\x88" "2\xe6\x97\xa5 | \xe5\xae\x8c\xe4\xba\x86 | "
	        "\xe9\x80\xb1\xe6\xac\xa1 |\n");
	assert_nfound(1);
	assert_found(0, "follow-up-key", 9, 23);
	ck_assert_str_eq(f.d[0].msg, "unknown follow-up attribute "
	                             "'\xe5\x82\x99\xe8\x80\x83'");
	a = action(0);
	assert_attr(a, "owner", "\xe9\x81\x8b\xe7\x94\xa8");
	assert_attr(a, "due", "2024-05-02");
	assert_attr(a, "done", "true");
	d = pm_ir_first(a, PM_EL_DETAIL);
	ck_assert_ptr_nonnull(d);
	assert_attr(d, "label", "\xe5\x82\x99\xe8\x80\x83");
}
END_TEST

START_TEST(test_followup_table_columns)
{
	xmlNodePtr a;

	compile(FM "\n## Follow-ups\n\n"
	           "| Task | Owner | Due | Type | Notes | Status |\n"
	           "|---|---|---|---|---|---|\n"
	           "| Rotate keys | Drift | 2030-01-01 | fix | see wiki | X |\n");
	assert_nfound(2);
	assert_found(0, "follow-up-key", 8, 31);
	ck_assert_str_eq(f.d[0].msg, "unknown follow-up attribute 'Notes'");
	assert_found(1, "bad-value", 10, 38);
	a = action(0);
	assert_child_text(a, "text", "Rotate keys");
	assert_attr(a, "owner", "Drift");
	assert_attr(a, "due", "2030-01-01");
	assert_attr(a, "type", NULL);
	assert_attr(a, "done", "true");
}
END_TEST

/* Regression (src/sections.c, trailing_attrs()): the attribute
 * list is looked up in the raw source by its literal text; a backslash
 * escape (or an entity) makes them differ, and every finding of the list
 * falls back to the item's paragraph start, 8:3, instead of the key at
 * 8:12. */
START_TEST(test_followup_key_place_with_escape)
{
	compile(FM "\n## Follow-ups\n\n"
	           "- Escaped (see: ops\\_team)\n");
	assert_nfound(1);
	assert_found(0, "follow-up-key", 8, 12);
}
END_TEST

/* ---- Timeline ---- */

START_TEST(test_timeline_heading_dates)
{
	compile(FM "\n## Timeline\n\n"
	           "### 2022-04-27\n\n"              /* line 8 */
	           "- 07:59 \xe2\x80\x94 Alert fired\n" /* line 10 */
	           "- 2022-04-28 06:00 \xe2\x80\x94 Next morning\n"
	           "- 06:30 \xe2\x80\x94 Still the 28th\n\n"
	           "### 2022-04-29\n\n"              /* line 14 */
	           "- 08:15 \xe2\x80\x94 Fixed\n");  /* line 16 */
	assert_nfound(0);
	assert_attr(event(0), "at", "2022-04-27T07:59:00+00:00");
	assert_attr(event(1), "at", "2022-04-28T06:00:00+00:00");
	assert_attr(event(2), "at", "2022-04-28T06:30:00+00:00");
	assert_attr(event(3), "at", "2022-04-29T08:15:00+00:00");
	assert_place(event(0), 10, 3);
	assert_place(event(3), 16, 3);
	assert_child_text(event(0), "text", "Alert fired");
	assert_child_text(event(3), "text", "Fixed");
	/* The date heading stays in the text. */
	ck_assert_ptr_nonnull(nth(section("timeline"), "heading", 1));
}
END_TEST

START_TEST(test_timeline_started_date)
{
	compile(FM_WITH("started: 2022-04-26 23:00\n") "\n## Timeline\n\n"
	           "- 23:30 \xe2\x80\x94 Lead-up\n");
	assert_nfound(0);
	assert_attr(event(0), "at", "2022-04-26T23:30:00+00:00");
}
END_TEST

START_TEST(test_timeline_no_date)
{
	compile(FM "\n## Timeline\n\n"
	           "- 07:59 \xe2\x80\x94 When?\n"
	           "- Something without a time\n");
	/* Neither entry makes an event; each was reported, so the empty
	 * section is not reported again. */
	assert_nfound(2);
	assert_found(0, "timeline-date", 8, 3);
	ck_assert_int_eq(f.d[0].span, 5);
	ck_assert_int_eq(f.d[0].sev, PM_ERROR);
	assert_found(1, "timeline-time", 9, 3);
	ck_assert_int_eq(pm_doc_errors(doc), 2);
}
END_TEST

START_TEST(test_timeline_separators)
{
	static const char *const at[] = {
	    "2022-04-27T07:59:00+00:00", "2022-04-27T08:00:00+00:00",
	    "2022-04-27T08:01:00+00:00", "2022-04-27T08:02:00+00:00",
	    "2022-04-27T08:03:00+00:00", "2022-04-27T08:04:00+00:00",
	    "2022-04-27T08:05:00+00:00", "2022-04-27T08:06:30+00:00",
	};
	int i;

	compile(FM "\n## Timeline\n\n### 2022-04-27\n\n"
	           "- 07:59 \xe2\x80\x94 Database failover started\n"
	           "- 08:00 - Database failover started\n"
	           "- 08:01: Database failover started\n"
	           "- 08:02 Database failover started\n"
	           "- 08:03 \xe2\x80\x93 Database failover started\n"
	           "- 08:04 : Database failover started\n"
	           "- **08:05** \xe2\x80\x94 Database failover started\n"
	           "- 08:06:30  \xe2\x80\x94  Database failover started\n");
	assert_nfound(0);
	ck_assert_int_eq(count(section("timeline"), "event"), 8);
	for (i = 0; i < 8; i++) {
		assert_attr(event(i), "at", at[i]);
		assert_attr(event(i), "kind", NULL);
		assert_child_text(event(i), "text",
		                  "Database failover started");
		/* An event is placed at its time: inside the "**". */
		assert_place(event(i), 10 + i, i == 6 ? 5 : 3);
	}
}
END_TEST

START_TEST(test_timeline_kinds)
{
	xmlNodePtr times, ms;

	compile(FM_WITH("started: 2022-04-27 07:40\n") "\n## Timeline\n\n"
	           "- 07:59 \xe2\x80\x94 [detected] Alert fired\n" /* 9 */
	           "- 08:10 [Mitigated] Rolled back\n"
	           "- 08:20 \xe2\x80\x94 [unknown] Not a kind\n"
	           "- 08:30 - [update] Status page\n");
	/* the unknown tag is a warning and stays in the text */
	assert_nfound(1);
	assert_found(0, "unknown-kind", 11, 11);
	assert_attr(event(0), "kind", "detected");
	assert_child_text(event(0), "text", "Alert fired");
	assert_attr(event(1), "kind", "mitigated");
	assert_child_text(event(1), "text", "Rolled back");
	assert_attr(event(2), "kind", NULL);
	assert_child_text(event(2), "text", "[unknown] Not a kind");
	assert_attr(event(3), "kind", "update");
	assert_child_text(event(3), "text", "Status page");

	times = pm_ir_first(root(), PM_EL_TIMES);
	ck_assert_ptr_nonnull(times);
	ms = pm_ir_first(times, PM_EL_STARTED);
	ck_assert_ptr_nonnull(ms);
	assert_attr(ms, "at", "2022-04-27T07:40:00+00:00");
	assert_attr(ms, "from", NULL);
	ms = pm_ir_first(times, PM_EL_DETECTED);
	ck_assert_ptr_nonnull(ms);
	assert_attr(ms, "at", "2022-04-27T07:59:00+00:00");
	assert_attr(ms, "from", "timeline");
	assert_place(ms, 9, 3);
	ms = pm_ir_first(times, PM_EL_MITIGATED);
	ck_assert_ptr_nonnull(ms);
	assert_attr(ms, "at", "2022-04-27T08:10:00+00:00");
	assert_attr(ms, "from", "timeline");
	ck_assert_ptr_null(pm_ir_first(times, PM_EL_RESOLVED));
}
END_TEST

/* The front matter's milestone stands; a different time warns. */
START_TEST(test_timeline_kind_front_matter_wins)
{
	xmlNodePtr ms;

	compile(FM_WITH("started: 2022-04-27 07:40\n"
	                "detected: 2022-04-27 07:50\n") "\n## Timeline\n\n"
	           "- 07:59 \xe2\x80\x94 [detected] Alert fired\n"); /* 10 */
	assert_attr(event(0), "kind", "detected");
	ms = pm_ir_first(pm_ir_first(root(), PM_EL_TIMES), PM_EL_DETECTED);
	ck_assert_ptr_nonnull(ms);
	assert_attr(ms, "at", "2022-04-27T07:50:00+00:00");
	assert_attr(ms, "from", NULL);
	assert_nfound(1);
	assert_found(0, "milestone-conflict", 10, 3);
	ck_assert_str_eq(f.d[0].msg,
	                 "[detected] event at 2022-04-27T07:59:00+00:00 differs "
	                 "from front matter 'detected' "
	                 "(2022-04-27T07:50:00+00:00)");
}
END_TEST

/* Oslo moved from +01:00 to +02:00 at 2022-03-27 02:00. */
START_TEST(test_timeline_dst_offsets)
{
	compile(FM_WITH("timezone: Europe/Oslo\n") "\n## Timeline\n\n"
	           "- 2022-03-26 23:00 \xe2\x80\x94 Evening\n"
	           "- 2022-03-27 01:59 \xe2\x80\x94 Before the change\n"
	           "- 03:00 \xe2\x80\x94 After the change\n"
	           "- 12:00 \xe2\x80\x94 Noon\n\n"
	           "### 2022-10-30\n\n"
	           "- 01:30 \xe2\x80\x94 Summer time still\n"
	           "- 03:30 \xe2\x80\x94 Winter time again\n");
	assert_nfound(0);
	assert_attr(event(0), "at", "2022-03-26T23:00:00+01:00");
	assert_attr(event(1), "at", "2022-03-27T01:59:00+01:00");
	assert_attr(event(2), "at", "2022-03-27T03:00:00+02:00");
	assert_attr(event(3), "at", "2022-03-27T12:00:00+02:00");
	assert_attr(event(4), "at", "2022-10-30T01:30:00+02:00");
	assert_attr(event(5), "at", "2022-10-30T03:30:00+01:00");
}
END_TEST

START_TEST(test_timeline_dst_gap)
{
	compile(FM_WITH("timezone: Europe/Oslo\n") "\n## Timeline\n\n"
	           "### 2022-03-27\n\n"
	           "- 01:30 \xe2\x80\x94 Before\n"
	           "- 02:30 \xe2\x80\x94 In the gap\n"     /* line 12 */
	           "- 03:30 \xe2\x80\x94 After\n");
	assert_nfound(1);
	assert_found(0, "dst-gap", 12, 3);
	ck_assert_int_eq(f.d[0].span, 5);
	ck_assert_str_eq(f.d[0].msg, "2022-03-27 02:30 does not exist in "
	                             "Europe/Oslo: clocks skipped that hour");
	/* The impossible event is left out; its neighbours stay. */
	ck_assert_int_eq(count(section("timeline"), "event"), 2);
	assert_attr(event(1), "at", "2022-03-27T03:30:00+02:00");
}
END_TEST

START_TEST(test_timeline_table)
{
	xmlNodePtr d;

	compile(FM_WITH("timezone: Europe/Oslo\n") "\n## Timeline\n\n"
	           "| Time | Event | Who |\n"
	           "|---|---|---|\n"
	           "| 2022-03-27 01:50 | [detected] Alert fired | Ann |\n"
	           "| 03:10 | Rolled back | Bo |\n");
	assert_nfound(0);
	ck_assert_int_eq(count(section("timeline"), "event"), 2);
	assert_attr(event(0), "at", "2022-03-27T01:50:00+01:00");
	assert_attr(event(0), "kind", "detected");
	assert_child_text(event(0), "text", "Alert fired");
	assert_place(event(0), 11, 3);
	d = pm_ir_first(event(0), PM_EL_DETAIL);
	ck_assert_ptr_nonnull(d);
	assert_attr(d, "label", "Who");
	assert_child_text(event(0), "detail", "Ann");
	assert_attr(event(1), "at", "2022-03-27T03:10:00+02:00");
	assert_child_text(event(1), "text", "Rolled back");
	assert_attr(pm_ir_first(pm_ir_first(root(), PM_EL_TIMES), PM_EL_DETECTED),
	            "from", "timeline");
}
END_TEST

/* ---- Five whys ---- */

START_TEST(test_whys_split)
{
	xmlNodePtr q;

	compile(FM "\n## Five whys\n\n"
	           "1. Why did checkout fail? The database was down.\n"
	           /* なぜ遅かったのか？ ロックを待っていた。 */
	           "2. \xe3\x81\xaa\xe3\x81\x9c\xe9\x81\x85\xe3\x81\x8b\xe3\x81"
	           "\xa3\xe3\x81\x9f\xe3\x81\xae\xe3\x81\x8b\xef\xbc\x9f "
	           "\xe3\x83\xad\xe3\x83\x83\xe3\x82\xaf\xe3\x82\x92\xe5\xbe\x85"
	           "\xe3\x81\xa3\xe3\x81\xa6\xe3\x81\x84\xe3\x81\x9f\xe3\x80\x82\n"
	           "3. *Why was the lock held?* A network call ran inside it.\n"
	           "4. Why? Really? Yes, really.\n"
	           /* **なぜ？** 設計のため。 */
	           "5. **\xe3\x81\xaa\xe3\x81\x9c\xef\xbc\x9f** "
	           "\xe8\xa8\xad\xe8\xa8\x88\xe3\x81\xae\xe3\x81\x9f\xe3\x82\x81"
	           "\xe3\x80\x82\n"
	           /* The first mark wins, full-width or not. */
	           "6. \xe3\x81\xaa\xe3\x81\x9c\xef\xbc\x9f Why? Because.\n");
	assert_nfound(0);
	ck_assert_int_eq(count(section("five-whys"), "why"), 6);
	assert_place(why(0), 8, 4);
	assert_child_text(why(0), "question", "Why did checkout fail?");
	assert_child_text(why(0), "answer", "The database was down.");
	assert_child_text(why(1), "question",
	                  "\xe3\x81\xaa\xe3\x81\x9c\xe9\x81\x85\xe3\x81\x8b"
	                  "\xe3\x81\xa3\xe3\x81\x9f\xe3\x81\xae\xe3\x81\x8b"
	                  "\xef\xbc\x9f");
	assert_child_text(why(1), "answer",
	                  "\xe3\x83\xad\xe3\x83\x83\xe3\x82\xaf\xe3\x82\x92"
	                  "\xe5\xbe\x85\xe3\x81\xa3\xe3\x81\xa6\xe3\x81\x84"
	                  "\xe3\x81\x9f\xe3\x80\x82");
	assert_child_text(why(2), "question", "Why was the lock held?");
	assert_child_text(why(2), "answer", "A network call ran inside it.");
	/* The emphasis is kept, around the question only. */
	q = pm_ir_first(why(2), PM_EL_QUESTION);
	ck_assert_ptr_nonnull(pm_ir_first(q, PM_EL_EM));
	ck_assert_ptr_null(nth(pm_ir_first(why(2), PM_EL_ANSWER), "em", 0));
	assert_child_text(why(3), "question", "Why?");
	assert_child_text(why(3), "answer", "Really? Yes, really.");
	assert_child_text(why(4), "question",
	                  "\xe3\x81\xaa\xe3\x81\x9c\xef\xbc\x9f");
	assert_child_text(why(4), "answer",
	                  "\xe8\xa8\xad\xe8\xa8\x88\xe3\x81\xae\xe3\x81\x9f"
	                  "\xe3\x82\x81\xe3\x80\x82");
	ck_assert_ptr_nonnull(pm_ir_first(pm_ir_first(why(4), PM_EL_QUESTION),
	                                  PM_EL_STRONG));
	assert_child_text(why(5), "question",
	                  "\xe3\x81\xaa\xe3\x81\x9c\xef\xbc\x9f");
	assert_child_text(why(5), "answer", "Why? Because.");
}
END_TEST

START_TEST(test_whys_errors)
{
	compile(FM "\n## Five whys\n\n"
	           "1. The database was down.\n"
	           "2. Why did it fail?\n"
	           "3. Why did it fail? It was overloaded.\n");
	assert_nfound(2);
	assert_found(0, "why-question", 8, 4);
	ck_assert_str_eq(f.d[0].msg,
	                 "five-whys item has no question (no '?')");
	assert_found(1, "why-answer", 9, 4);
	ck_assert_int_eq(pm_doc_errors(doc), 2);
}
END_TEST

/* Regression (src/sections.c, trim_start()): when the emphasis holding
 * the question goes on past the '?', the answer starts with that
 * emphasis; it must not keep the space after the '?', as in
 * "<em> Because</em> it was." (in Markdown, "* Because*" is no
 * emphasis at all). */
START_TEST(test_whys_emphasis_past_the_mark)
{
	compile(FM "\n## Five whys\n\n"
	           "1. *Why was it slow? Because* it was.\n"
	           "2. Why? Because.\n"
	           "3. Why? Because.\n");
	assert_nfound(0);
	assert_child_text(why(0), "question", "Why was it slow?");
	assert_child_text(why(0), "answer", "Because it was.");
}
END_TEST

static Suite *
sections_suite(void)
{
	Suite *s = suite_create("sections");
	TCase *tc = tcase_create("follow-ups");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_empty_policy_is_default);
	tcase_add_test(tc, test_followup_attributes);
	tcase_add_test(tc, test_followup_keys_any_case);
	tcase_add_test(tc, test_followup_ticket_url);
	tcase_add_test(tc, test_followup_unknown_key);
	tcase_add_test(tc, test_followup_plain_parenthesis);
	tcase_add_test(tc, test_followup_bad_due);
	tcase_add_test(tc, test_followup_bad_type);
	tcase_add_test(tc, test_followup_task_markers);
	tcase_add_test(tc, test_followup_table);
	tcase_add_test(tc, test_followup_table_columns);
	tcase_add_test(tc, test_followup_table_ja);
	tcase_add_test(tc, test_followup_key_place_with_escape);
	suite_add_tcase(s, tc);
	tc = tcase_create("timeline");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_timeline_heading_dates);
	tcase_add_test(tc, test_timeline_started_date);
	tcase_add_test(tc, test_timeline_no_date);
	tcase_add_test(tc, test_timeline_separators);
	tcase_add_test(tc, test_timeline_kinds);
	tcase_add_test(tc, test_timeline_kind_front_matter_wins);
	tcase_add_test(tc, test_timeline_dst_offsets);
	tcase_add_test(tc, test_timeline_dst_gap);
	tcase_add_test(tc, test_timeline_table);
	suite_add_tcase(s, tc);
	tc = tcase_create("five-whys");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_whys_split);
	tcase_add_test(tc, test_whys_errors);
	tcase_add_test(tc, test_whys_emphasis_past_the_mark);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return pm_check_run(sections_suite());
}
