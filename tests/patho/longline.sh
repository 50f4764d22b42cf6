#!/bin/sh
# longline.sh: one line of 10,000 characters, dense with inlines and with
# findings (raw HTML, unsafe links) each placed by its column: time,
# memory and the printed excerpts grow linearly with the line (10,000 ->
# 40,000 characters). PMC
PMC=$1
# shellcheck source=SCRIPTDIR/measure.sh
. "$(dirname "$0")/measure.sh"

# line CHARS: a source whose summary is one line of about CHARS
# characters; "å" makes columns differ from bytes.
line() {
	front_matter Long
	awk -v n="$1" 'BEGIN {
		u = "*å* <b> [x](javascript:y) `c` "  # 30 characters
		for (i = 0; i < n / 30; i++) printf "%s", u
		print ""
	}'
}

baseline
line 10000 >"$tmp/small.md"
line 40000 >"$tmp/large.md"
pair "$tmp/small.md" "$tmp/large.md" check --policy /dev/null
expect_status 0 "a 40,000-character line"
expect_err "[unsafe-link]" "a 40,000-character line"
linear "line of 10,000 -> 40,000 characters"
# The last finding's column counts characters, not bytes: the line holds
# 1,334 units of 30 characters, '<b>' is the 5th of the last one.
want=$((1333 * 30 + 5))
grep -q "large.md:11:$want: warning: raw HTML" "$tmp/err" && ok ||
    bad "the last raw-html finding is not at column $want: $(grep raw-html "$tmp/err" | tail -1)"

# With excerpts (a terminal's default), each finding shows a window of the
# line, not all of it: the output is linear in the line, not quadratic.
run_once "$PMC" check --excerpt --policy /dev/null "$tmp/small.md"
small=$(wc -c <"$tmp/err")
run_once "$PMC" check --excerpt --policy /dev/null "$tmp/large.md"
large=$(wc -c <"$tmp/err")
echo "excerpts: $small -> $large bytes"
[ "$large" -lt $((8 * small)) ] && ok ||
    bad "excerpts grew from $small to $large bytes for 4 times the line"
grep -q '^      | *\^~~$' "$tmp/err" && ok || bad "no caret line under an excerpt"
finish
