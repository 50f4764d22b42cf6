#!/bin/sh
# first-page.sh: the first page of the HTML and the PDF report answers a
# manager, and both answer alike (first-page.py): title, severity, impact,
# the four times (a dash for a missing one, never "0 s"), follow-up
# counts that add up, in English, Norwegian and Japanese. PMC SOURCE_TREE
set -u
pmc=$1
top=$2
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"

if ! command -v pdftotext >/dev/null; then
	echo "SKIP: pdftotext missing (apt-get install poppler-utils)"
	exit 77
fi
n=0
for src in "$top"/samples/*.md "$top"/tests/regress/features.md \
	"$top"/tests/regress/date-heading-ja.md \
	"$top"/tests/regress/date-heading-nb.md \
	"$top"/tests/regress/follow-up-columns-nb.md; do
	b=$tmp/$(basename "$src" .md)
	for fmt in xml html pdf; do
		"$pmc" -t $fmt -o "$b.$fmt" "$src" 2>/dev/null || :
	done
	if ! { [ -s "$b.xml" ] && [ -s "$b.html" ] && [ -s "$b.pdf" ]; }; then
		bad "$src does not compile to xml, html and pdf"
		continue
	fi
	n=$((n + 1))
	pdftotext -enc UTF-8 -f 1 -l 1 "$b.pdf" "$b.txt"
	lang=$(sed -n 's/.*<postmortem[^>]* lang="\([a-z]*\).*/\1/p' "$b.xml")
	case $lang in no | nn) lang=nb ;; esac
	if python3 "$top/tests/first-page.py" "$b.xml" "$b.html" "$b.txt" \
	    "$top/templates/labels/$lang.xml" >"$tmp/why"; then
		ok
	else
		bad "$(basename "$src"): $(cat "$tmp/why")"
	fi
done
[ $n -ge 8 ] && ok || bad "only $n sources compiled in every format"
finish
