#!/bin/sh
# frontmatter.sh: front matter holding a 1 MB string (plain, and quoted
# with escapes), as the title and as a list item: read and carried to the
# report, in time and memory linear in the string (256 KB -> 1 MB). PMC
PMC=$1
# shellcheck source=SCRIPTDIR/measure.sh
. "$(dirname "$0")/measure.sh"

# source KB STYLE: a source whose title and one service are each a string
# of KB kilobytes of source text.
source() {
	awk -v kb="$1" -v style="$2" '
	function value() {
		if (style == "plain") {
			for (i = 0; i < kb * 16; i++)
				printf "abcdefghijklmnopqrstuvwxyz 0123456789 ABCDEFGHIJKLMNOPQRSTUVWX "
			return
		}
		printf "\""
		for (i = 0; i < kb * 32; i++)  # 32 characters, 19 when read
			printf "\\u00e5\\t\\\"x\\\\ ok \\x41 ;;;;;"
		printf "\""
	}
	BEGIN {
		printf "---\ntitle: "; value()
		printf "\nseverity: SEV2\nstatus: draft\nservices:\n  - "; value()
		printf "\n---\n\n## Summary\n\nHi.\n"
	}'
}

baseline
for style in plain quoted; do
	source 256 $style >"$tmp/small.md"
	source 1024 $style >"$tmp/large.md"
	pair "$tmp/small.md" "$tmp/large.md" check --policy /dev/null
	expect_status 0 "a 1 MB $style string"
	linear "$style string 256 KB -> 1 MB"
	run_once "$PMC" --policy /dev/null "$tmp/large.md" -t json
	expect_status 0 "a 1 MB $style string to JSON"
	n=$(grep '"title"' "$tmp/out" | wc -c)
	[ "$n" -gt 600000 ] && ok || bad "the $style title lost its length ($n bytes)"
done
grep -q 'å\\t\\"x\\\\ ok A ;;;;;å' "$tmp/out" && ok ||
    bad "the quoted string's escapes did not reach the JSON report"
finish
