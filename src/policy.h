/* policy.h: a team's policy (.pmc.yml, format.md section 10). */
#ifndef PM_POLICY_H
#define PM_POLICY_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "names.h"
#include "pmc.h"

typedef struct pm_level {
	char *name;
	char *description;  /* NULL when not given */
	int64_t max_resolve; /* seconds; 0: no maximum */
	int64_t update_interval; /* seconds; 0: the policy's */
	int64_t follow_up_deadline; /* seconds after resolution an open
	                               follow-up without a due date has;
	                               0: none */
} pm_level;

/* What status 'final' requires of the front matter (pm_policy.final):
 * the owner, and milestones by pm_milestone. */
#define PM_FINAL_OWNER 1u
#define PM_FINAL_MS(k) (2u << (k))

typedef struct pm_policy {
	char *path;          /* the file read; NULL for the default policy */
	pm_level *levels;    /* NULL: the default scale (SEV1-5, P0-P4) */
	size_t nlevels;
	int min_whys;                          /* default 3 */
	int64_t update_interval;               /* seconds; 0: none */
	int update_from, update_to; /* the working window gaps are counted
	                               in, minutes after local midnight;
	                               from == to: all day */
	signed char *rules;  /* severity by pm_rule: a pm_severity, PM_OFF
	                        or PM_RULE_UNSET; NULL: none set */
	unsigned final;      /* PM_FINAL_* bits required for 'final' */
	int final_owner;     /* follow-ups need an owner for 'final' */
	int final_due;       /* open follow-ups need a due date */
	pm_section_set required[PM_STATUS__COUNT]; /* warned in review,
	                                              errors in final */
	char **types;        /* allowed follow-up types; NULL: all of */
	size_t ntypes;       /* pm_follow_up_types */
	char **priorities;   /* allowed priorities; NULL: any */
	size_t npriorities;
	int warnings;        /* found reading the file (unknown keys) */
	int shared;          /* held by the cache: set before it is handed
	                        out and never changed, so read unlocked */
	int refs;            /* holders of a shared policy; cache_lock */
} pm_policy;

/* The policy in force when no file says otherwise. */
pm_policy *pm_policy_default(void);

/* Reads a policy file. Findings go to fn with the file's own lines and
 * columns. Returns NULL when the file cannot be read (errno set) or has
 * errors (*errors > 0). The caller frees it with pm_policy_free(). */
pm_policy *pm_policy_load(const char *path, pm_diag_fn fn, void *arg,
                          int *errors);

/* The policy in path, read once per process however many sources it
 * governs: a cache keyed by the file's resolved path, modification time
 * and size, safe to use from several threads. Its findings go to fn the
 * first time it is read (or read again after a change), not on later
 * calls; *errors and *warnings count them on every call, so that each
 * source it governs counts them. Returns NULL as pm_policy_load() does.
 * The caller releases the result with pm_policy_free(). */
pm_policy *pm_policy_get(const char *path, pm_diag_fn fn, void *arg,
                         int *errors, int *warnings);


/* The level named severity (case-insensitive), or -1. With the default
 * scale, 0 for any accepted name. */
int pm_policy_level(const pm_policy *, const char *severity);

/* The severity's place on the scale, the most severe 0: the level's
 * place from the severe end (a scale lists the most severe first unless
 * its max_durations grow down the list), or with the default scale the
 * number less the first (SEV3 and P2 are 2). -1 when it is not a level.
 * Reports colour by it. */
int pm_policy_rank(const pm_policy *, const char *severity);

/* Frees a policy; a shared one when its last holder lets it go. */
void pm_policy_free(pm_policy *);

/* The update interval for a document of the given severity: the
 * level's own, else the policy's; 0: none. */
int64_t pm_policy_update_interval(const pm_policy *, const char *severity);

/* The whole days after resolution within which the policy wants a
 * follow-up of an incident of this severity done when the item itself
 * names no due date (a level's follow_up_deadline, rounded up to days);
 * 0 when it sets none. */
int pm_policy_follow_up_days(const pm_policy *, const char *severity);

/* Seconds of [from, to) inside the policy's working window, both given
 * as local times (seconds since 1970-01-01 in the document's zone). */
int64_t pm_policy_working(const pm_policy *, int64_t from, int64_t to);

/* Parses a duration: "90s", "15m", "2h", "1h30m", "3d", also with spaces
 * and "min" ("15 min"). Returns 0 and sets *secs, or -1. */
int pm_duration_parse(const char *s, int64_t *secs);

#endif
