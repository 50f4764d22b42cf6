#!/bin/sh
# fmtheading.sh: pmc fmt renames a known section's heading and keeps the
# emoji and punctuation around its words; a heading with 40 KB of such
# decoration on each side took time quadratic in it (160 KB: 30 s). Time
# and memory grow linearly from 40 KB to 160 KB of decoration. PMC
PMC=$1
# shellcheck source=SCRIPTDIR/measure.sh
. "$(dirname "$0")/measure.sh"

# heading BYTES: a source whose "Resolution" heading (fmt writes
# "Recovery") carries about BYTES of fire emoji and dashes, half before
# and half after its words.
heading() {
	front_matter Decorated
	printf 'The heading below is decorated.\n\n'
	awk -v n="$1" 'BEGIN {
		d = ""
		for (i = 0; i < n / 2 / 5; i++) d = d "\xf0\x9f\x94\xa5-"
		printf "## %s Resolution %s\n\nText.\n", d, d
	}'
}

baseline
if [ "$sanitized" = 1 ]; then small=4000 large=16000; else small=40000 large=160000; fi
heading $small >"$tmp/small.md"
heading $large >"$tmp/large.md"
pair "$tmp/small.md" "$tmp/large.md" fmt --check --policy /dev/null
expect_status 1 "a heading with $large bytes of decoration (fmt --check)"
linear "fmt of a heading with $small -> $large bytes of decoration"
run_once "$PMC" fmt --policy /dev/null - <"$tmp/large.md"
# the words renamed, the decoration on both sides kept
grep -q '^## \(🔥-\)*🔥- Recovery 🔥-\(🔥-\)*$' "$tmp/out" && ok ||
	bad "the decorated heading came out as: $(grep '^##' "$tmp/out" | cut -c1-80)"
finish
