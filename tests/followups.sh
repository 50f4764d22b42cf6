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
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
opts="--policy /dev/null --today 2025-01-01"

text_of() { # SOURCE FORMAT -> the output as searchable text
	# shellcheck disable=SC2086
	if ! "$pmc" $opts "$1" -t "$2" -o "$tmp/out.$2" 2>/dev/null; then
		echo "FAIL: $(basename "$1") -t $2 failed"
		fails=$((fails + 1))
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
		if ! grep -qF -- "$w" "$tmp/out.txt"; then
			echo "FAIL: -t $f lost '$w'"
			fails=$((fails + 1))
		fi
	done
}

for f in html md pdf xml json; do
	text_of "$top/tests/regress/follow-up-unreadable.md" $f
	must_hold $f "next sprint" "3/4/2024" "waiting on vendor" "Q4" \
		"needs a design review" "first run in October" "Storage" \
		"Team" "Notes" "cache" "estimate" "2d" "ownr"
	text_of "$top/tests/regress/whys-chains.md" $f
	must_hold $f "Why did checkout fail?" "Why did nobody get paged?" \
		"Why did the upgrade drop it?" "Why was the silence never lifted?" \
		"renamed the setting"
done
# The dash and the "A:" label are separators, not answer text.
text_of "$top/tests/regress/whys-chains.md" json
if grep -qE '"answer": "(- |A:)' "$tmp/out.txt"; then
	echo "FAIL: a separator leaked into an answer"
	fails=$((fails + 1))
fi
[ $fails -eq 0 ] && echo "ok: follow-up details and why chains in every output"
exit $((fails > 0))
