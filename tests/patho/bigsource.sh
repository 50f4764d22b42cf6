#!/bin/sh
# bigsource.sh: large sources. Up to the 10 MB limit time and memory grow
# linearly (1 MB -> 4 MB of prose); a 50 MB source is refused with a clear
# error, in time and memory linear in its size (12.5 MB -> 50 MB); an
# endless one is cut off. PMC
PMC=$1
# shellcheck source=SCRIPTDIR/measure.sh
. "$(dirname "$0")/measure.sh"

# prose KB: a valid source of about KB kilobytes of paragraphs with
# inlines, a table and a list every so often.
prose() {
	front_matter Big
	awk -v kb="$1" 'BEGIN {
		p = "The *load balancer* dropped [connections](https://example.com/x) after the `deploy`; customers saw errors.\n\n"
		t = "| a | b |\n|---|---|\n| 1 | 2 |\n\n- one\n- two\n\n"
		n = kb * 1024 / (length(p) + length(t) / 8)
		for (i = 0; i < n; i++) { printf "%s", p; if (i % 8 == 0) printf "%s", t }
	}'
}

baseline
if [ "$sanitized" = 1 ]; then small=256 large=1024; else small=1024 large=4096; fi
prose $small >"$tmp/small.md"
prose $large >"$tmp/large.md"
pair "$tmp/small.md" "$tmp/large.md" check --policy /dev/null
expect_status 0 "a $large KB source"
linear "prose $small KB -> $large KB"

prose 12800 >"$tmp/small.md"
prose 51200 >"$tmp/large.md"
pair "$tmp/small.md" "$tmp/large.md" check --policy /dev/null
expect_status 1 "a 50 MB source"
expect_err "[too-large]" "a 50 MB source"
linear "refusing 12.5 MB -> 50 MB"
run_once "$PMC" --policy /dev/null "$tmp/large.md" -o "$tmp/large.json"
expect_status 1 "compiling a 50 MB source"
[ -e "$tmp/large.json" ] && bad "a refused source was written" || ok

# An endless source (/dev/zero, a pipe that never closes) is refused once
# it is far beyond the limit, not read until memory runs out.
run_once timeout 60 "$PMC" check /dev/zero
expect_status 2 "/dev/zero as the source"
expect_err "/dev/zero: File too large" "/dev/zero as the source"
finish
