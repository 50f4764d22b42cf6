#!/bin/sh
# phone.sh PMC ROOT: every sample's report and the site index read on a
# phone (390 px wide) without sideways scrolling of the page: a table is
# as narrow as the screen or scrolls in its own box that shows it does,
# the figure keeps its text at 9 px or more (and scrolls in its box to do
# so). On a phone and on a desktop (1280 px), a short cell of a table (a
# time, an owner, a date, a type, a state) keeps to one line, and a
# Japanese cell breaks its lines between words (サポート部門, not
# サポート/部門), and running text keeps to 80 characters a line.
# tests/html/phone.html measures each page in Chromium and writes what it
# found into its DOM; this script judges it. Skipped (77) without
# Chromium.
set -u
pmc=$1
root=$2
here=$root/tests/html
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"

# shellcheck source=SCRIPTDIR/chromium.sh
. "$here/chromium.sh"

# The smallest text a figure may draw, in CSS pixels: below it a reader
# zooms in.
min_px=9

pages=""
for src in "$root"/samples/*.md "$here/hostile.md"; do
	name=$(basename "$src" .md)
	if "$pmc" "$src" -t html $today --policy "$(policy_of "$src")" \
		-o "$tmp/$name.html" 2>"$tmp/err"; then
		pages="$pages,$tmp/$name.html"
	else
		bad "$name: pmc -t html failed"
		cat "$tmp/err"
	fi
done
if "$pmc" build $today -o "$tmp/site" "$root/samples" 2>"$tmp/err"; then
	pages="$pages,$tmp/site/index.html"
else
	bad "pmc build of the samples failed"
	cat "$tmp/err"
fi

headless --hide-scrollbars --allow-file-access-from-files --virtual-time-budget=20000 \
	--dump-dom "file://$here/phone.html?${pages#,}" >"$tmp/dom" 2>"$tmp/chromium.err"
sed -n '/<pre id="result">/,/<\/pre>/p' "$tmp/dom" |
	sed -e 's/<[^>]*>//g' >"$tmp/result"
grep -qx done "$tmp/result" || {
	bad "phone.html did not finish measuring:"
	sed 's/^/  | /' "$tmp/chromium.err"
	finish
}

n=$(grep -c '^page ' "$tmp/result")
[ "$n" -eq "$(($(echo "${pages#,}" | tr ',' '\n' | wc -l) * 2))" ] && ok ||
	bad "only $n pages were measured"

# Judged line by line; each failure names the page and what overflows.
awk -v min="$min_px" '
$1 == "page" && ($4 > $3 || $5 != "visible/visible") {
	printf "%s: the page is %d px wide at %d (overflow %s)\n", $2, $4, $3, $5 }
$1 == "box" && $4 > $5 + 0.5 && $6 != 1 {
	printf "%s: %s, %d px wide, scrolls in a %d px box with nothing to show it does\n", $2, $3, $4, $5 }
$1 == "box" && $5 > 390 {
	printf "%s: %s is in a box %d px wide\n", $2, $3, $5 }
$1 == "text" && $4 < min {
	printf "%s: %s text drawn at %s px (under %d)\n", $2, $3, $4, min }
$1 == "short" && $5 > 1 {
	printf "%s at %d px: a short cell (%s) takes %d lines\n", $2, $3, $4, $5 }
$1 == "measure" && $4 > 80 {
	printf "%s at %d px: %d characters on a line of running text (80 at most)\n", $2, $3, $4 }
$1 == "word" {
	printf "%s at %d px: a %s breaks a line inside a word: %s\n", $2, $3, $4, $5 }
' "$tmp/result" >"$tmp/bad"
if [ -s "$tmp/bad" ]; then
	while read -r line; do bad "$line"; done <"$tmp/bad"
else
	ok
fi
# the check above judged something: every page has its tables and figure
grep -q '^box [^ ]* follow-ups ' "$tmp/result" &&
	grep -q '^box index incident-table ' "$tmp/result" &&
	grep -q '^text [^ ]* course-svg ' "$tmp/result" &&
	grep -q '^short firstserver-2012 1280 short.owner 1' "$tmp/result" && ok ||
	bad "tables or figures were not found on the pages:" "$(cat "$tmp/result")"

finish
