#!/bin/sh
# print.sh PMC ROOT: every sample's HTML report printed by Chromium (A4,
# its print stylesheet) leaves no heading, timeline day row or table
# header alone at the foot of a page. Each report is printed four times
# in one document, each copy a quarter page lower (print.py shift), so
# that page breaks fall at many places in it. Skipped (77) without
# Chromium or pdftotext.
set -u
pmc=$1
root=$2
here=$root/tests/html
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"

# shellcheck source=SCRIPTDIR/chromium.sh
. "$here/chromium.sh"
command -v pdftotext >/dev/null || {
	echo "print: no pdftotext, skipped"
	exit 77
}

for src in "$root"/samples/*.md; do
	name=$(basename "$src" .md)
	page=$tmp/$name.html
	if ! "$pmc" "$src" -t html $today --policy "$(policy_of "$src")" \
		-o "$page" 2>"$tmp/err"; then
		bad "$name: pmc -t html failed"
		cat "$tmp/err"
		continue
	fi
	python3 "$here/print.py" shift "$page" "$tmp/$name-shifted.html"
	headless --no-pdf-header-footer --print-to-pdf="$tmp/$name.pdf" "file://$tmp/$name-shifted.html" \
		2>"$tmp/chromium.err"
	if ! pdftotext -layout "$tmp/$name.pdf" "$tmp/$name.txt" 2>/dev/null; then
		bad "$name: Chromium printed no PDF:"
		sed 's/^/  | /' "$tmp/chromium.err"
		continue
	fi
	if python3 "$here/print.py" check "$page" "$tmp/$name.txt" >"$tmp/out"; then
		ok
	else
		while read -r line; do bad "${line#"$tmp/"}"; done <"$tmp/out"
	fi
done

finish
