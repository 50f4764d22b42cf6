#!/bin/sh
# run.sh: the Markdown report (-t md) of one source: PMC SOURCE
#
# Compares the report with tests/md/expected/<case>.md exactly, then reads
# it back with cmark-gfm (GitHub's parser, table extension on) and checks
# what a reader on GitHub would see: no raw HTML anywhere, a real table
# for every table of the document (prose tables, timelines, follow-ups,
# the facts and the figures), a heading for the title, every section,
# subsection and prose heading, and no tag from the source in the HTML.
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
tables=$((tables + 2)) # the facts and the figures
headings=$(ir_count "$(is section) or $(is subsection) or $(is heading)")
headings=$((headings + 1)) # the title

cmark-gfm --extension table -t xml "$tmp/report.md" >"$tmp/back.xml"
got_tables=$(grep -c '<table>' "$tmp/back.xml")
got_headings=$(grep -c '<heading ' "$tmp/back.xml")
[ "$got_tables" -eq "$tables" ] && ok ||
	bad "$case: cmark-gfm reads $got_tables tables, the document has $tables"
[ "$got_headings" -eq "$headings" ] && ok ||
	bad "$case: cmark-gfm reads $got_headings headings, expected $headings"
grep -n '<html_block\|<html_inline' "$tmp/back.xml" &&
	bad "$case: the report holds raw HTML" || ok
cmark-gfm --unsafe --extension table --extension autolink \
	-t html "$tmp/report.md" >"$tmp/report.html"
grep -in '<script\|<svg\|<style\|<div\|<b>\|javascript:' "$tmp/report.html" &&
	bad "$case: markup from the source reaches the HTML" || ok
finish
