#!/bin/sh
# pdf.sh: the PDF back end in time and memory linear in what it lays
# out. A 32,000-character title took 145 s (cut for each page's running
# header a character at a time, measured again each time); long words,
# long table cells, wide tables and many milestones are measured the
# same way (8,000 -> 32,000 characters of title; 50-100 KB -> 200-400
# KB of body; 1,000 -> 3,000 columns, for libcmark-gfm's table
# extension is itself quadratic in the columns: wider, it was 7 of the
# 8 times allowed, measuring cmark-gfm rather than pmc). A title past
# libharu's 64 KB string limit still gives a PDF. PMC
PMC=$1
# shellcheck source=SCRIPTDIR/measure.sh
. "$(dirname "$0")/measure.sh"

# src KIND N: a source with N characters of KIND.
src() {
	awk -v kind="$1" -v n="$2" 'function rep(s, k,   r) {
		r = ""; while (length(r) < k) r = r s; return substr(r, 1, k) }
	BEGIN {
		title = "Checkout latency"
		if (kind == "title") title = rep("Checkout latency after the CDN cutover ", n)
		if (kind == "title-word") title = rep("x", n)
		printf "---\ntitle: %s\nseverity: SEV2\nstatus: draft\n", title
		printf "started: 2024-01-01 10:00\n---\n\n## Summary\n\n"
		if (kind == "word") print rep("0123456789abcdef", n)
		if (kind == "cell") print "| host | note |\n|---|---|\n| web-1 | " rep("timeouts from the pool ", n) " |"
		if (kind == "cell-word") print "| host | note |\n|---|---|\n| web-1 | " rep("x", n) " |"
		if (kind == "columns") {
			for (i = 0; i < n / 8; i++) h = h "| c" i " "; print h "|"
			for (i = 0; i < n / 8; i++) d = d "|---"; print d "|"
			for (i = 0; i < n / 8; i++) v = v "| 9 "; print v "|"
		}
		if (kind == "milestones") {
			printf "## Timeline\n\n"
			for (i = 0; i < n / 40; i++)
				printf "- 2024-01-01 %02d:%02d:%02d — [detected] page %d\n", 10 + int(i / 3600) % 14, int(i / 60) % 60, i % 60, i
		}
	}'
}

# the PDF of a tiny source: fonts and libharu before any content
front_matter Tiny >"$tmp/tiny.md"
printf 'Hi.\n' >>"$tmp/tiny.md"
run_once "$PMC" --policy /dev/null -t pdf -o "$tmp/tiny.pdf" "$tmp/tiny.md"
base_kb=$kb

for kind in title title-word word cell cell-word columns milestones; do
	case $kind in
	title*) small=8000 large=32000 ;;
	columns) small=8000 large=24000 ;;
	milestones) small=50000 large=200000 ;;
	# a megabyte or more above the baseline: memory ratios mean something
	*) small=100000 large=400000 ;;
	esac
	[ "$sanitized" = 1 ] && small=$((small / 8)) large=$((large / 8))
	src $kind $small >"$tmp/small.md"
	src $kind $large >"$tmp/large.md"
	pair "$tmp/small.md" "$tmp/large.md" --policy /dev/null -t pdf -o "$tmp/out.pdf"
	expect_status 0 "$kind: $large characters to PDF"
	linear "PDF: $kind $small -> $large characters"
done

# libharu takes no string past 64 KB: the metadata is cut, the PDF made.
src title-word 70000 >"$tmp/big.md"
run_once "$PMC" --policy /dev/null "$tmp/big.md" -t pdf -o "$tmp/big.pdf"
expect_status 0 "a 70,000-character title to PDF"
[ -s "$tmp/big.pdf" ] && ok || bad "no PDF for a 70,000-character title"
finish
