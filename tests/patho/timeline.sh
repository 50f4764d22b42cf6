#!/bin/sh
# timeline.sh: a timeline of 100,000 events (one a second, in order) is
# read whole, with its milestones, in time and memory linear in the
# number of events (25,000 -> 100,000). PMC
PMC=$1
# shellcheck source=SCRIPTDIR/measure.sh
. "$(dirname "$0")/measure.sh"

# events N: a source whose timeline holds N events.
events() {
	printf -- '---\ntitle: Long\nseverity: SEV2\nstatus: draft\n'
	printf 'started: 2024-01-01T00:00:00Z\n---\n\n# Long\n\n## Timeline\n\n'
	awk -v n="$1" 'BEGIN {
		for (i = 0; i < n; i++) {
			d = 1 + int(i / 86400); s = i % 86400
			k = i == 10 ? "[detected] " : i == n - 1 ? "[resolved] " : ""
			printf "- 2024-01-%02dT%02d:%02d:%02dZ — %sevent %d\n", d, s / 3600, s / 60 % 60, s % 60, k, i
		}
	}'
}

baseline
if [ "$sanitized" = 1 ]; then small=2500 large=10000; else small=25000 large=100000; fi
events $small >"$tmp/small.md"
events $large >"$tmp/large.md"
pair "$tmp/small.md" "$tmp/large.md" check --policy /dev/null
expect_status 0 "$large events"
linear "timeline $small -> $large events"
run_once "$PMC" --policy /dev/null "$tmp/large.md" -t json
expect_status 0 "$large events to JSON"
n=$(grep -c '"kind":' "$tmp/out")
[ "$n" -eq "$large" ] && ok || bad "the JSON report has $n events, not $large"
grep -q "\"time_to_resolve_s\": $((large - 1))" "$tmp/out" && ok ||
    bad "time to resolve is not $((large - 1)) s"
finish
