#!/bin/sh
# followups.sh: what format.md section 11 keeps is shown by every output:
# PMC SOURCE_TREE
#
# tests/regress/follow-up-unreadable.md has follow-up columns and keys pmc
# does not know and due/status values it cannot read: each output (HTML,
# Markdown, PDF text, XML, JSON) must still hold every one of them.
# tests/regress/whys-chains.md has two five-whys chains under "###"
# headings: each output must show both headings and every question.
set -u
pmc=$1
top=$2
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"

# words_of SOURCE FORMAT -> $tmp/out.txt: the output's text, one line (a
# PDF's text only: its metadata would hold what the body lost)
words_of() {
	# shellcheck disable=SC2086
	if ! "$pmc" $opts "$1" -t "$2" -o "$tmp/out.$2" 2>/dev/null; then
		bad "$(basename "$1") -t $2 failed"
		: >"$tmp/out.txt"
		return
	fi
	case $2 in
	pdf) pdftotext "$tmp/out.pdf" - | tr -s ' \n' '  ' >"$tmp/out.txt" ;;
	*) tr -s ' \n' '  ' <"$tmp/out.$2" >"$tmp/out.txt" ;;
	esac
}

must_hold() { # FORMAT WORD...
	f=$1
	shift
	for w in "$@"; do
		grep -qF -- "$w" "$tmp/out.txt" && ok || bad "-t $f lost '$w'"
	done
}

for f in html md pdf xml json; do
	words_of "$top/tests/regress/follow-up-unreadable.md" $f
	must_hold $f "next sprint" "3/4/2024" "waiting on vendor" "Q4" \
		"needs a design review" "first run in October" "Storage" \
		"Team" "Notes" "cache" "estimate" "2d" "ownr"
	words_of "$top/tests/regress/whys-chains.md" $f
	must_hold $f "Why did checkout fail?" "Why did nobody get paged?" \
		"Why did the upgrade drop it?" "Why was the silence never lifted?" \
		"renamed the setting"
done
# The dash and the "A:" label are separators, not answer text.
words_of "$top/tests/regress/whys-chains.md" json
grep -qE '"answer": "(- |A:)' "$tmp/out.txt" &&
	bad "a separator leaked into an answer" || ok
finish
