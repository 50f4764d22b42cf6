/* yamldepth.h: a guard for the YAML readers. libyaml 0.2.5 takes time
 * quadratic in the nesting depth (its scanner walks a stack as deep as
 * the nesting for every token; later versions cap it), so depth is
 * checked first on the event stream, which stops at the first collection
 * too deep, before that cost grows. */
#ifndef PM_YAMLDEPTH_H
#define PM_YAMLDEPTH_H

#include <stddef.h>
#include <yaml.h>

/* Does the YAML in text[0..len) nest lists and mappings more than max
 * deep? If so, *where is the mark of the first collection too deep. A
 * syntax error met on the way is left for the loader to report. */
int pm_yaml_too_deep(const char *text, size_t len, int max,
                     yaml_mark_t *where);

enum { PM_YAML_LOADED, PM_YAML_ERROR, PM_YAML_DEEP };

/* yaml_parser_load and pm_yaml_too_deep over the whole stream in one
 * pass of p's events: PM_YAML_DEEP (and *where) as pm_yaml_too_deep
 * would answer; else PM_YAML_LOADED with *doc as yaml_parser_load makes
 * it, or PM_YAML_ERROR with the loader's error in p. p is set up by the
 * caller, without a forced encoding (as for yaml_parser_load). */
int pm_yaml_load(yaml_parser_t *p, yaml_document_t *doc, int max,
                 yaml_mark_t *where);

#endif
