/* names.c: the canonical spellings of the format's vocabulary. */
#include <string.h>

#include "names.h"

const char *const pm_section_keys[PM_SEC__COUNT] = {
    "summary",    "impact",    "detection", "response",
    "recovery",   "timeline",  "root-cause", "five-whys",
    "lessons",    "follow-ups", "custom"};

const char *const pm_milestones[PM_MS__COUNT] = {
    "started", "detected", "acknowledged", "mitigated", "resolved"};

const char *const pm_statuses[PM_STATUS__COUNT] = {"draft", "review",
                                                   "final"};

const char *const pm_follow_up_types[] = {"prevent", "detect",  "mitigate",
                                          "repair",  "process", "other",
                                          NULL};

const char *const pm_detected_by[] = {"monitoring", "customer", "employee",
                                      "vendor",     "other",    NULL};

const char *const pm_event_kinds[] = {
    "started",  "detected",  "acknowledged", "mitigated",
    "resolved", "escalated", "update",       NULL};

const char *const pm_action_attrs[PM_ACTION_ATTRS] = {"owner", "due", "type",
                                                       "priority", "ticket"};

const char *const pm_audiences[] = {"internal", "public", NULL};

const char *const pm_langs[] = {"en", "nb", "ja", NULL};

int
pm_name_find(const char *const *table, size_t n, const char *s)
{
	size_t i;

	for (i = 0; (n == 0 || i < n) && table[i] != NULL; i++)
		if (strcmp(table[i], s) == 0)
			return (int)i;
	return -1;
}
