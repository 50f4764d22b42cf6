/* check_ir.c: the intermediate form's vocabulary (src/elements.def) is the
 * schema's: every element the XSD declares has a kind and every kind is
 * declared, the table is sorted for pm_ir_kind's search, and a name maps
 * to its kind and back. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "found.h"
#include "ir.h"

/* The names of every xs:element name="..." in the schema. */
static size_t
schema_names(char names[][32], size_t max)
{
	xmlDocPtr xsd = xmlReadFile(PMC_SCHEMA, NULL, XML_PARSE_NONET);
	xmlNodePtr n = xsd ? xmlDocGetRootElement(xsd) : NULL;
	xmlChar *name;
	size_t k = 0, i;

	ck_assert_msg(n != NULL, "cannot read %s", PMC_SCHEMA);
	while (n != NULL) {
		if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, "element") == 0 &&
		    (name = xmlGetProp(n, BAD_CAST "name")) != NULL) {
			for (i = 0; i < k; i++)
				if (strcmp(names[i], (char *)name) == 0)
					break;
			if (i == k && k < max)
				snprintf(names[k++], 32, "%s", (char *)name);
			xmlFree(name);
		}
		if (n->children != NULL && n->type == XML_ELEMENT_NODE) {
			n = n->children;
			continue;
		}
		while (n != NULL && n->next == NULL)
			n = n->parent;
		n = n ? n->next : NULL;
	}
	xmlFreeDoc(xsd);
	return k;
}

START_TEST(test_kinds_are_the_schema)
{
	static char names[256][32];
	size_t n = schema_names(names, 256), i;
	pm_el el;

	ck_assert_uint_eq(n, PM_EL__COUNT - 1);
	for (i = 0; i < n; i++) {
		el = pm_ir_el(names[i]);
		ck_assert_msg(el != PM_EL_NONE,
		              "<%s> is in the schema, not in elements.def",
		              names[i]);
		ck_assert_str_eq(pm_ir_name(el), names[i]);
	}
}
END_TEST

START_TEST(test_table_sorted)
{
	int el;

	for (el = PM_EL_NONE + 2; el < PM_EL__COUNT; el++)
		ck_assert_msg(strcmp(pm_ir_name((pm_el)(el - 1)),
		                     pm_ir_name((pm_el)el)) < 0,
		              "elements.def: '%s' before '%s'",
		              pm_ir_name((pm_el)(el - 1)),
		              pm_ir_name((pm_el)el));
}
END_TEST

START_TEST(test_kind_of_node)
{
	xmlDocPtr doc = pm_ir_new();
	xmlNodePtr root = xmlDocGetRootElement(doc), p, other;

	ck_assert_int_eq(pm_ir_kind(root), PM_EL_POSTMORTEM);
	p = pm_ir_add(root, PM_EL_CODE_BLOCK, (pm_loc){3, 1, 1});
	ck_assert_int_eq(pm_ir_kind(p), PM_EL_CODE_BLOCK);
	ck_assert_str_eq((const char *)p->name, "code-block");
	ck_assert(pm_ir_is(p, PM_EL_CODE_BLOCK));
	ck_assert(pm_ir_is(p, PM_EL_ANY));
	ck_assert(!pm_ir_is(p, PM_EL_CODE));
	/* text, another namespace, a name the form does not have */
	pm_ir_text(p, "x", 1);
	ck_assert_int_eq(pm_ir_kind(p->children), PM_EL_NONE);
	other = xmlAddChild(root, xmlNewDocNode(doc, NULL, BAD_CAST "p", NULL));
	ck_assert_int_eq(pm_ir_kind(other), PM_EL_NONE);
	other = xmlNewChild(root, root->ns, BAD_CAST "paragraph", NULL);
	ck_assert_int_eq(pm_ir_kind(other), PM_EL_NONE);
	ck_assert_int_eq(pm_ir_el("paragraph"), PM_EL_NONE);
	ck_assert(pm_ir_in_class(pm_ir_add(root, PM_EL_EM, (pm_loc){0, 0, 1}),
	                         PM_ELC_INLINE));
	ck_assert(!pm_ir_in_class(p, PM_ELC_INLINE));
	ck_assert(pm_ir_in_class(p, PM_ELC_TEXT));
	xmlFreeDoc(doc);
}
END_TEST

static Suite *
ir_suite(void)
{
	Suite *s = suite_create("ir");
	TCase *tc = tcase_create("vocabulary");

	tcase_add_test(tc, test_kinds_are_the_schema);
	tcase_add_test(tc, test_table_sorted);
	tcase_add_test(tc, test_kind_of_node);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return pm_check_run(ir_suite());
}
