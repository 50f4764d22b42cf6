/* yamldepth.c: nesting depth of YAML, read from libyaml's event stream. */
#include "yamldepth.h"

int
pm_yaml_too_deep(const char *text, size_t len, int max, yaml_mark_t *where)
{
	yaml_parser_t p;
	yaml_event_t ev;
	int depth = 0, done = 0;

	if (!yaml_parser_initialize(&p))
		return 0;
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	while (!done && depth <= max && yaml_parser_parse(&p, &ev)) {
		if (ev.type == YAML_SEQUENCE_START_EVENT ||
		    ev.type == YAML_MAPPING_START_EVENT)
			depth++;
		else if (ev.type == YAML_SEQUENCE_END_EVENT ||
		         ev.type == YAML_MAPPING_END_EVENT)
			depth--;
		if (depth > max)
			*where = ev.start_mark;
		done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	return depth > max;
}
