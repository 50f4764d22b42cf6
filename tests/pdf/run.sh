#!/bin/sh
# run.sh: the PDF back end as a reader sees it, through the poppler tools:
# text in reading order (æøå and Japanese intact), fonts embedded and
# subset, metadata, one outline entry per section, paper sizes, the same
# bytes every time, a missing glyph reported, long tables and documents
# paginated. PMC SOURCE_TREE
set -u
pmc=$1
top=$2
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
export SOURCE_DATE_EPOCH=1700000000

for tool in pdftotext pdfinfo pdffonts pdftohtml; do
	if ! command -v $tool >/dev/null; then
		echo "SKIP: $tool missing (apt-get install poppler-utils)"
		exit 77
	fi
done

# A poppler tool that must read the PDF without a complaint: libharu's
# own ToUnicode maps drew "Invalid 'begincidrange' operator" on every
# font until pmc wrote its own (src/pdf.c).
poppler() {
	"$@" 2>"$tmp/poppler.err"
	if [ -s "$tmp/poppler.err" ]; then
		bad "poppler: $*"
		sed 's/^/  | /' "$tmp/poppler.err"
	fi
}

# compile SOURCE OUT [OPTIONS...]: pmc must succeed. The sources made
# here in $tmp are compiled with --policy /dev/null: a .pmc.yml left in
# /tmp by anyone would be theirs (one with other severities failed them).
compile() {
	src=$1 out=$2
	shift 2
	if "$pmc" "$src" -t pdf -o "$out" "$@" 2>"$tmp/err"; then
		ok
	else
		bad "pmc $src -t pdf: exit $?"
		sed 's/^/  | /' "$tmp/err"
	fi
}

# in_order FILE TEXT...: each text is found on a line after the one the
# text before it was found on.
in_order() {
	f=$1
	shift
	last=0
	for t in "$@"; do
		n=$(grep -nF -- "$t" "$f" | cut -d: -f1 |
			awk -v l="$last" '$1 > l { print; exit }')
		if [ -z "$n" ]; then
			bad "$f: '$t' missing or out of reading order"
			return
		fi
		last=$n
	done
	ok
}

# label FAMILY KEY: the translated label, from the templates.
label() {
	sed -n "s|.*key=\"$2\">\\(.*\\)</label>.*|\\1|p" \
		"$top/templates/labels/$1.xml" | sed 's/&amp;/\&/g'
}

# Every font embedded and subset; every section in the outline; the
# document information; the text extractable.
check_sample() {
	src=$1 fam=$2
	id=$(basename "$src" .md)
	pdf="$tmp/$id.pdf"
	compile "$src" "$pdf" --today 2025-01-01
	[ -s "$pdf" ] || return
	poppler pdffonts "$pdf" >"$tmp/fonts"
	if [ "$(tail -n +3 "$tmp/fonts" | wc -l)" -lt 1 ]; then
		bad "$id: no fonts"
	elif tail -n +3 "$tmp/fonts" | awk '$(NF-4) != "yes" || $(NF-3) != "yes" { bad = 1 } END { exit !bad }'; then
		bad "$id: a font not embedded or not subset:"
		sed 's/^/  | /' "$tmp/fonts"
	else
		ok
	fi
	if tail -n +3 "$tmp/fonts" | awk '{ print $1 }' | grep -qv '^[A-Z]\{6\}+'; then
		bad "$id: a font name without a subset tag"
	else
		ok
	fi
	poppler pdfinfo -enc UTF-8 "$pdf" >"$tmp/info"
	title=$(sed -n 's/^title: //p' "$src" | head -1)
	contains "$tmp/info" "Title:           $title" "$id: pdfinfo title"
	contains "$tmp/info" "Creator:         pmc" "$id: pdfinfo creator"
	contains "$tmp/info" "Author:" "$id: pdfinfo author"
	contains "$tmp/info" "Subject:" "$id: pdfinfo subject"
	contains "$tmp/info" "Keywords:" "$id: pdfinfo keywords"
	contains "$tmp/info" "CreationDate:" "$id: pdfinfo creation date"
	contains "$tmp/info" "Page size:       595.28 x 841.89 pts (A4)" "$id: A4"
	poppler pdftohtml -xml -i -stdout "$pdf" >"$tmp/outline"
	"$pmc" "$src" -t xml 2>/dev/null |
		grep -o '<section [^>]*' | sed 's/.* key="\([^"]*\)".*/\1/' >"$tmp/keys"
	nsec=0
	while read -r k; do
		nsec=$((nsec + 1))
		[ "$k" = custom ] && continue
		contains "$tmp/outline" ">$(label "$fam" "section.$k")</item>" \
			"$id: outline entry for section $k"
	done <"$tmp/keys"
	[ "$nsec" -gt 3 ] && ok || bad "$id: only $nsec sections found"
	poppler pdftotext -enc UTF-8 "$pdf" "$tmp/$id.txt"
	# the document's language in the catalog, for screen readers (the
	# catalog is not compressed)
	grep -aq "/Lang ($fam)" "$pdf" && ok || bad "$id: no /Lang ($fam)"
}

check_sample "$top/samples/epicor-2023.md" en
in_order "$tmp/epicor-2023.txt" "Epicor ERP transactions not posting" \
	"At a glance" "Time to resolve" "3 h 15 min" "Course of the incident" \
	"Summary" "Impact" "Detection" "Timeline" "Nagios alerts the technical" \
	"The ERP system is back online" "Root cause" "Five whys" \
	"Follow-ups" "Train both support teams"
pages=$(pdfinfo "$tmp/epicor-2023.pdf" | sed -n 's/^Pages: *//p')
contains "$tmp/epicor-2023.txt" "Page 1 of $pages" "footer page N of M"
# The tiles' durations read with their spaces: poppler took "3 h" and
# "1 d 3 h", words of one letter each, for letter-spaced text ("3h").
for v in "3 h" "3 h 15 min"; do
	grep -qx "$v" "$tmp/epicor-2023.txt" && ok ||
		bad "epicor-2023: no line '$v' in the text"
done
printf -- '---\ntitle: Tiles\nseverity: SEV3\ntimezone: UTC\nstarted: %s\nresolved: %s\n---\n\n## Summary\n\nA day.\n' \
	'2024-01-01 00:00' '2024-01-02 03:00' >"$tmp/tiles.md"
compile "$tmp/tiles.md" "$tmp/tiles.pdf" --policy /dev/null
poppler pdftotext -enc UTF-8 "$tmp/tiles.pdf" "$tmp/tiles.txt"
grep -qx "1 d 3 h" "$tmp/tiles.txt" && ok || bad "tiles: no line '1 d 3 h'"

check_sample "$top/samples/fs-canvas-2022.md" nb
in_order "$tmp/fs-canvas-2022.txt" "FS–Canvas-integrasjonen stoppet" \
	"Kort fortalt" "Hendelsesforløp" "Oppsummering" "læringsplattformen" \
	"Påvirkning" "Tidslinje"
contains "$tmp/fs-canvas-2022.txt" "Side 1 av" "Norwegian footer"

check_sample "$top/samples/idporten-2024.md" nb

check_sample "$top/samples/firstserver-2012.md" ja
in_order "$tmp/firstserver-2012.txt" "ファーストサーバ大規模データ消失障害" \
	"概要" "更新プログラム" "影響" "復旧"
grep -q "IPAexGothic" "$tmp/fonts" && ok || bad "Japanese set in IPAexGothic"
# Short cells of the follow-up table each on one line: they were cut
# inside a word (サポート/部門, 2012年7月/31日, プロセ/ス, 期限切/れ), as a
# line may break between any two Japanese characters.
for w in サポート部門 2012年12月31日 プロセス 期限切れ; do
	contains "$tmp/firstserver-2012.txt" "$w" "firstserver: '$w' on one line"
done

# Same source, same bytes.
compile "$top/samples/epicor-2023.md" "$tmp/again.pdf" --today 2025-01-01
cmp -s "$tmp/epicor-2023.pdf" "$tmp/again.pdf" && ok ||
	bad "two runs gave different bytes"

# pmc build renders on several threads sharing the fonts it found: each
# PDF the same bytes as from a run of its own.
mkdir "$tmp/srcs"
cp "$top"/samples/*.md "$top"/samples/.pmc.yml "$tmp/srcs/"
if "$pmc" build -t pdf -j 2 -q --today 2025-01-01 -o "$tmp/built" \
	"$tmp/srcs" >/dev/null 2>"$tmp/err"; then
	for src in "$tmp"/srcs/*.md; do
		id=$(basename "$src" .md)
		"$pmc" "$src" -t pdf -q --today 2025-01-01 -o "$tmp/one.pdf" 2>/dev/null
		cmp -s "$tmp/one.pdf" "$tmp/built/$id.pdf" && ok ||
			bad "pmc build -j 2 gave other bytes for $id"
	done
else
	bad "pmc build -t pdf -j 2"
	sed 's/^/  | /' "$tmp/err"
fi

# --lang sets the page's language, as in HTML.
compile "$top/samples/epicor-2023.md" "$tmp/lang.pdf" --lang nb
grep -aq "/Lang (nb)" "$tmp/lang.pdf" && ok || bad "--lang nb: no /Lang (nb)"

# Letter paper.
compile "$top/samples/epicor-2023.md" "$tmp/letter.pdf" --paper letter
poppler pdfinfo "$tmp/letter.pdf" >"$tmp/info"
contains "$tmp/info" "Page size:       612 x 792 pts (letter)" "--paper letter"

# A one-page Japanese report is tens of kilobytes: the fonts are subset.
cat >"$tmp/ja1.md" <<'EOF'
---
title: 短い報告
severity: SEV3
lang: ja
timezone: Asia/Tokyo
started: 2024-01-08 10:00
resolved: 2024-01-08 10:20
---

## 概要

更新プログラムの適用で、一部のサーバーが二十分間応答しなくなった。原因は設定の誤りである。
EOF
compile "$tmp/ja1.md" "$tmp/ja1.pdf" --policy /dev/null
size=$(wc -c <"$tmp/ja1.pdf")
[ "$size" -lt 60000 ] && ok || bad "one-page Japanese PDF is $size bytes"
poppler pdftotext -enc UTF-8 "$tmp/ja1.pdf" "$tmp/ja1.txt"
contains "$tmp/ja1.txt" "原因は設定の誤りである。" "Japanese sentence intact"

# IPAex has no italic or bold: pmc slants and thickens it, and the words
# after a slanted run still sit after it on the same baseline, upright
# (src/pdf.c moves relative to the last run, by matrix around slanted
# ones; poppler's box of a slanted word is a little taller).
cat >"$tmp/slant.md" <<'EOF'
---
title: 書体の試験
severity: SEV3
lang: ja
---

## 概要

普通 *斜体* 次 **太字** 次 *斜め* 終わり *italic* 後
EOF
compile "$tmp/slant.md" "$tmp/slant.pdf" --policy /dev/null
poppler pdftotext -bbox "$tmp/slant.pdf" "$tmp/slant.html"
# each word: its left edge and its bottom, in reading order, in the
# summary itself (its first sentence is also the masthead's lede)
sed -n 's/.*xMin="\([0-9.]*\)".*yMax="\([0-9.]*\)">\(普通\|斜体\|次\|太字\|斜め\|終わり\|italic\|後\)<.*/\1 \2 \3/p' \
	"$tmp/slant.html" | tail -n 9 >"$tmp/slant.words"
if [ "$(wc -l <"$tmp/slant.words")" -eq 9 ] &&
	awk 'NR == 1 { base = $2 }
		NR > 1 && ($1 <= x || $2 - base > 1.5 || base - $2 > 1.5) { bad = 1 }
		$3 ~ /^(次|太字|終わり|後)$/ && $2 != base { bad = 1 }
		$3 ~ /^(斜体|斜め)$/ && $2 == base { bad = 1 }
		{ x = $1 } END { exit bad }' "$tmp/slant.words"; then
	ok
else
	bad "slanted and bold runs out of line:"
	sed 's/^/  | /' "$tmp/slant.words"
fi

# A character no font has is a warning naming it, not a blank or a crash;
# emoji are left out silently (docs/choices.md).
cat >"$tmp/glyph.md" <<'EOF'
---
title: Glyphs
severity: SEV3
---

## 📋 Summary

A private character  here, and an emoji 🚀 there.
EOF
compile "$tmp/glyph.md" "$tmp/glyph.pdf" --policy /dev/null
contains "$tmp/err" "U+E000" "missing glyph named"
contains "$tmp/err" "[pdf-font]" "missing glyph rule id"
grep -q "1F680" "$tmp/err" && bad "emoji reported as missing" || ok
poppler pdftotext -enc UTF-8 "$tmp/glyph.pdf" "$tmp/glyph.txt"
contains "$tmp/glyph.txt" "there." "text around the emoji kept"

# A 200-event timeline and a 150-row follow-up table break across pages
# with their header rows repeated and every row kept.
{
	printf -- '---\ntitle: Long\nseverity: SEV3\ntimezone: UTC\n'
	printf 'started: 2024-01-01 00:00\nresolved: 2024-01-03 08:00\n---\n\n'
	printf '## Summary\n\nMany events.\n\n## Timeline\n\n'
	i=0
	while [ $i -lt 200 ]; do
		printf -- '- 2024-01-%02d %02d:%02d — Event number %d of the long night.\n' \
			$((1 + i / 96)) $((i % 96 / 4)) $((i % 4 * 15)) $i
		i=$((i + 1))
	done
	printf '\n## Follow-ups\n\n'
	i=0
	while [ $i -lt 150 ]; do
		printf -- '- [ ] Action number %d to take (owner: Ops, due: 2030-01-01)\n' $i
		i=$((i + 1))
	done
} >"$tmp/long.md"
compile "$tmp/long.md" "$tmp/long.pdf" --policy /dev/null
poppler pdftotext -enc UTF-8 "$tmp/long.pdf" "$tmp/long.txt"
poppler pdfinfo "$tmp/long.pdf" >"$tmp/info"
pages=$(sed -n 's/^Pages: *//p' "$tmp/info")
[ "${pages:-0}" -ge 8 ] && ok || bad "long tables on only ${pages:-?} pages"
missing=0
i=0
while [ $i -lt 200 ]; do
	grep -q "Event number $i of" "$tmp/long.txt" || missing=$((missing + 1))
	grep -q "Action number $i to" "$tmp/long.txt" ||
		[ $i -ge 150 ] || missing=$((missing + 1))
	i=$((i + 1))
done
[ $missing -eq 0 ] && ok || bad "$missing timeline or follow-up rows lost"
# every page from the second on starts its table with the header row
heads=$(grep -c -e '^Event$' -e '^Action$' "$tmp/long.txt")
[ "$heads" -ge "$pages" ] && ok ||
	bad "a table header row on only $heads of $pages pages"

# A timeline event longer than a page is split between its lines, the
# header row above each piece, every word kept.
{
	printf -- '---\ntitle: Long row\nseverity: SEV3\ntimezone: UTC\n'
	printf 'started: 2024-01-01 00:00\nresolved: 2024-01-01 08:00\n---\n\n'
	printf '## Timeline\n\n- 2024-01-01 01:00 — '
	i=0
	while [ $i -lt 1500 ]; do
		printf 'word%d ' $i
		i=$((i + 1))
	done
	printf '\n- 2024-01-01 02:00 — After the long one.\n'
} >"$tmp/row.md"
compile "$tmp/row.md" "$tmp/row.pdf" --policy /dev/null
poppler pdftotext -enc UTF-8 "$tmp/row.pdf" "$tmp/row.txt"
poppler pdfinfo "$tmp/row.pdf" >"$tmp/info"
pages=$(sed -n 's/^Pages: *//p' "$tmp/info")
[ "${pages:-0}" -ge 3 ] && ok || bad "long row on only ${pages:-?} pages"
tr ' ' '\n' <"$tmp/row.txt" | grep -c '^word[0-9]*$' >"$tmp/nwords"
[ "$(cat "$tmp/nwords")" -eq 1500 ] && ok ||
	bad "long row: $(cat "$tmp/nwords") of 1500 words in the text"
heads=$(grep -c '^Event$' "$tmp/row.txt")
[ "$heads" -ge "$pages" ] && ok ||
	bad "long row: the header row on $heads of $pages pages"
contains "$tmp/row.txt" "After the long one." "the row after the long one"

# A header row taller than a page (a pasted status-page table whose
# header cells hold whole sentences) lost every body row: 13 pages of
# the header repeated over the footer. It is drawn once, split between
# its lines, every body row follows once, and nothing reaches the footer.
{
	printf -- '---\ntitle: Tall header\nseverity: SEV3\n---\n\n## Impact\n\n| '
	i=0
	while [ $i -lt 400 ]; do
		printf 'Affected%d customers as counted by support and billing ' $i
		i=$((i + 1))
	done
	printf '| '
	i=0
	while [ $i -lt 400 ]; do printf 'Region%d ' $i; i=$((i + 1)); done
	printf '|\n|---|---|\n'
	i=0
	while [ $i -lt 60 ]; do
		printf '| body-row-%02d | eu-north-%02d |\n' $i $i
		i=$((i + 1))
	done
	printf '\nAfter the table.\n'
} >"$tmp/head.md"
compile "$tmp/head.md" "$tmp/head.pdf" --policy /dev/null
poppler pdftotext -enc UTF-8 "$tmp/head.pdf" "$tmp/head.txt"
[ "$(grep -o 'body-row-[0-9]*' "$tmp/head.txt" | sort -u | wc -l)" -eq 60 ] &&
	[ "$(grep -o 'body-row-[0-9]*' "$tmp/head.txt" | wc -l)" -eq 60 ] && ok ||
	bad "tall header: body rows not each once: $(grep -c body-row "$tmp/head.txt")"
[ "$(tr ' ' '\n' <"$tmp/head.txt" | grep -c '^Region[0-9]*$')" -eq 400 ] && ok ||
	bad "tall header: the header is not there once"
contains "$tmp/head.txt" "After the table." "tall header: the text after the table"
# no word's bottom below the top of the footer ("Page N of M") on its page
poppler pdftotext -bbox "$tmp/head.pdf" "$tmp/head.html"
awk '/<page/ { foot = 0; n = 0 }
	/<word/ { match($0, /yMax="[0-9.]+"/); y = substr($0, RSTART + 6, RLENGTH - 7) + 0
		match($0, /yMin="[0-9.]+"/); y0 = substr($0, RSTART + 6, RLENGTH - 7) + 0
		if ($0 ~ />Page</) foot = y0; else { ys[n] = y; y0s[n++] = y0 } }
	/<\/page>/ { for (i = 0; i < n; i++) if (foot > 0 && ys[i] > foot && (y0s[i] - foot > 1 || foot - y0s[i] > 1)) bad++ }
	END { exit bad > 0 }' "$tmp/head.html" && ok ||
	bad "tall header: text drawn over the footer"

# Two regress cases once failed the PDF (libharu error 0x1033 while
# saving milestone-conflict; format-char exited 1): a PDF is written
# for each, and poppler reads its text.
for c in milestone-conflict format-char; do
	compile "$top/tests/regress/$c.md" "$tmp/$c.pdf" --policy /dev/null
	poppler pdftotext -enc UTF-8 "$tmp/$c.pdf" "$tmp/$c.txt"
	[ -s "$tmp/$c.txt" ] && ok || bad "$c: no text in the PDF"
done

# A 50-page document.
{
	printf -- '---\ntitle: Big\nseverity: SEV3\n---\n\n## Summary\n\n'
	i=0
	while [ $i -lt 1000 ]; do
		printf 'Paragraph %d says enough words to fill two lines of an A4 page set in ten point type, and then some more.\n\n' $i
		i=$((i + 1))
	done
} >"$tmp/big.md"
compile "$tmp/big.md" "$tmp/big.pdf" --policy /dev/null
poppler pdfinfo "$tmp/big.pdf" >"$tmp/info"
pages=$(sed -n 's/^Pages: *//p' "$tmp/info")
[ "${pages:-0}" -ge 50 ] && ok || bad "big document has ${pages:-?} pages"
poppler pdftotext -f "$pages" -l "$pages" "$tmp/big.pdf" "$tmp/last.txt"
contains "$tmp/last.txt" "Paragraph 999 says" "the last paragraph on the last page"
contains "$tmp/last.txt" "Page $pages of $pages" "page N of M on the last page"

finish
