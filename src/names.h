/* names.h: the vocabulary of the source format: section keys, milestones,
 * statuses and follow-up types, with their canonical spellings. */
#ifndef PM_NAMES_H
#define PM_NAMES_H

#include <stddef.h>

typedef enum pm_section_key {
	PM_SEC_SUMMARY,
	PM_SEC_IMPACT,
	PM_SEC_DETECTION,
	PM_SEC_RESPONSE,
	PM_SEC_RECOVERY,
	PM_SEC_TIMELINE,
	PM_SEC_ROOT_CAUSE,
	PM_SEC_FIVE_WHYS,
	PM_SEC_LESSONS,
	PM_SEC_FOLLOW_UPS,
	PM_SEC_CUSTOM,
	PM_SEC__COUNT
} pm_section_key;

typedef enum pm_milestone {
	PM_MS_STARTED,
	PM_MS_DETECTED,
	PM_MS_ACKNOWLEDGED,
	PM_MS_MITIGATED,
	PM_MS_RESOLVED,
	PM_MS__COUNT
} pm_milestone;

typedef enum pm_status {
	PM_STATUS_DRAFT,
	PM_STATUS_REVIEW,
	PM_STATUS_FINAL,
	PM_STATUS__COUNT
} pm_status;

/* "summary", "root-cause", ... as in the IR and the JSON report. */
extern const char *const pm_section_keys[PM_SEC__COUNT];
/* "started", "detected", ... */
extern const char *const pm_milestones[PM_MS__COUNT];
/* "draft", "review", "final" */
extern const char *const pm_statuses[PM_STATUS__COUNT];
/* "prevent", "detect", ..., NULL-terminated */
extern const char *const pm_follow_up_types[];
/* "monitoring", "customer", ..., NULL-terminated */
extern const char *const pm_detected_by[];
/* The kinds of a timeline event, as a "[kind]" tag and the IR spell
 * them: the milestones, "escalated", "update"; NULL-terminated. */
extern const char *const pm_event_kinds[];
/* A follow-up's attributes in the IR, in the order reports show them:
 * "owner", "due", "type", "priority", "ticket". */
#define PM_ACTION_ATTRS 5
extern const char *const pm_action_attrs[PM_ACTION_ATTRS];
/* "internal", "public"; NULL-terminated */
extern const char *const pm_audiences[];
/* The languages pmc has headings and labels for, as lang: writes them:
 * "en", "nb", "ja"; NULL-terminated. */
extern const char *const pm_langs[];

/* Index of s in a NULL-terminated or counted table, or -1. */
int pm_name_find(const char *const *table, size_t n, const char *s);

/* Bit set of sections, 1u << pm_section_key. */
typedef unsigned pm_section_set;

/* Sections a review warns about and a final requires, by default. */
#define PM_SECTIONS_EXPECTED                                                   \
	((1u << PM_SEC_SUMMARY) | (1u << PM_SEC_IMPACT) |                      \
	 (1u << PM_SEC_DETECTION) | (1u << PM_SEC_RECOVERY) |                  \
	 (1u << PM_SEC_TIMELINE) | (1u << PM_SEC_ROOT_CAUSE) |                 \
	 (1u << PM_SEC_FOLLOW_UPS))

#endif
