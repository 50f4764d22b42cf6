#!/bin/sh
# run.sh: the Markdown report (-t md) of one source: PMC SOURCE
#
# Compares the report with tests/md/expected/<case>.md exactly, then reads
# it back with cmark-gfm (GitHub's parser, table extension on) and checks
# what a reader on GitHub would see: no raw HTML anywhere, a real table
# for every table of the document (prose tables, timelines, follow-ups,
# the milestones and the durations), a heading for the title, every
# section, subsection and prose heading, and no tag from the source in
# the HTML. The head of the report: the facts a list (a table's header
# row would be the first fact), its tables within GitHub's column and
# their dates and durations unbroken; no timeline row repeats the year.
#
# Policies and "today" are fixed as in tests/regress/run.sh.
# PMC_REGRESS_UPDATE=1 rewrites the expected report instead of comparing.
set -u
pmc=$1
src=$2
here=$(cd "$(dirname "$0")" && pwd)
dir=$(cd "$(dirname "$src")" && pwd)
file=$(basename "$src")
case=${file%.*}
exp=$here/expected/$case.md
# shellcheck source=SCRIPTDIR/../lib.sh
. "$here/../lib.sh"
suite=$case

for tool in cmark-gfm xmllint; do
	command -v $tool >/dev/null || {
		bad "$case: $tool is missing (scripts/setup installs it)"
		finish
	}
done

opts="$today --policy $(policy_of "$dir/$file")"

cd "$dir" || exit 2
# shellcheck disable=SC2086
"$pmc" $opts "$file" -t md -o "$tmp/report.md" 2>/dev/null || {
	bad "$case: -t md failed"
	finish
}
if [ "${PMC_REGRESS_UPDATE:-}" = 1 ]; then
	cp "$tmp/report.md" "$exp"
	exit 0
fi
# A regress case added since the expected reports were made is read back
# below all the same; its exact text waits for PMC_REGRESS_UPDATE=1.
if [ ! -f "$exp" ]; then
	echo "note: $case: no $exp yet; structure checked only"
else
	diff -u "$exp" "$tmp/report.md" && ok ||
		bad "$case: the report differs from $exp"
fi

# What the document holds, from its intermediate form. Blocks nested in
# an event or a follow-up are flattened into their table cell. (xmllint
# --xpath knows no namespace prefixes: local-name() instead.)
# shellcheck disable=SC2086
"$pmc" $opts "$file" -t xml -o "$tmp/ir.xml" 2>/dev/null
ir_count() {
	xmllint --xpath "count(//*[($1) and not(ancestor::*[local-name()='event' or local-name()='action'])])" "$tmp/ir.xml"
}
is() {
	echo "local-name()='$1'"
}
tables=$(ir_count "$(is table) or $(is timeline) or ($(is follow-ups) and not(parent::*[$(is metrics)]))")
# the milestones and the durations, when there are any
ms=$(ir_count "parent::*[$(is times)] and @at")
durs=$(ir_count "parent::*[$(is metrics)] and starts-with(local-name(), 'time-to-')")
[ "$ms" -gt 0 ] && tables=$((tables + 1))
[ "$durs" -gt 0 ] && tables=$((tables + 1))
headings=$(ir_count "$(is section) or $(is subsection) or $(is heading)")
headings=$((headings + 1)) # the title

cmark-gfm --extension table -t xml "$tmp/report.md" >"$tmp/back.xml"
got_tables=$(grep -c '<table>' "$tmp/back.xml")
got_headings=$(grep -c '<heading ' "$tmp/back.xml")
[ "$got_tables" -eq "$tables" ] && ok ||
	bad "$case: cmark-gfm reads $got_tables tables, the document has $tables"
[ "$got_headings" -eq "$headings" ] && ok ||
	bad "$case: cmark-gfm reads $got_headings headings, expected $headings"
# under the title, after the lede and the impact line, the facts list
sed -n '/<heading level="1"/,$p' "$tmp/back.xml" | sed 1d |
	grep -m1 -o '<list\|<table\|<heading' |
	grep -qx '<list' && ok || bad "$case: the facts are not a list under the title"
# The head's tables: a row at most 100 characters (GitHub's column is
# about 830 pixels, some 100 characters of its type); in their body rows
# no plain space inside a cell, so that a date or a duration is not cut
# word by word.
sed -n '1,/^## /p' "$tmp/report.md" | grep '^|' >"$tmp/head"
while IFS= read -r line; do
	[ "$(printf '%s' "$line" | wc -m)" -le 100 ] && ok ||
		bad "$case: a head table wider than GitHub's column: $line"
done <"$tmp/head"
awk '{ l[NR] = $0 }
	END { for (i = 1; i <= NR; i++) {
		if (l[i] ~ /^\|---/ || l[i + 1] ~ /^\|---/)
			continue # a delimiter or a header row
		n = split(l[i], c, / \| /)
		for (k = 1; k <= n; k++) {
			gsub(/^\| | \|$/, "", c[k])
			if (c[k] ~ / /) print l[i] } } }' "$tmp/head" >"$tmp/spaces"
[ -s "$tmp/spaces" ] && bad "$case: a space in a head cell: $(head -1 "$tmp/spaces")" || ok
# The timeline gives the year once, in the milestones above, not in
# each row: the first cell of a timeline row holds no year.
time_label=$(sed -n 's|.*key="table.time">\(.*\)</label>.*|\1|p' \
	"$here/../../templates/labels/$(sed -n 's/.* lang="\([a-z]*\).*/\1/p' "$tmp/ir.xml" | head -1).xml" 2>/dev/null)
awk -v t="| ${time_label:-Time} |" 'index($0, t) == 1 { tl = 1; next }
	!/^\|/ { tl = 0 } tl && /^\| [^|]*(19|20)[0-9][0-9]/' "$tmp/report.md" >"$tmp/years"
[ -s "$tmp/years" ] && bad "$case: a timeline row with its year: $(head -1 "$tmp/years")" || ok
grep -n '<html_block\|<html_inline' "$tmp/back.xml" &&
	bad "$case: the report holds raw HTML" || ok
cmark-gfm --unsafe --extension table --extension autolink \
	-t html "$tmp/report.md" >"$tmp/report.html"
grep -in '<script\|<svg\|<style\|<div\|<b>\|javascript:' "$tmp/report.html" &&
	bad "$case: markup from the source reaches the HTML" || ok
finish
