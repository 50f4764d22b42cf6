#!/bin/sh
# pages.sh: where the PDF's pages break, as a reader turns them. One
# source is compiled again and again with one more line of filler before
# its timeline each time, so that every heading, day marker and table
# header lands at the foot of a page in one of the runs. In each:
# - no page ends with a heading, a day or a table's header row;
# - a day's table continued on a new page repeats the day above its
#   header row;
# - a table of at most six rows (the second day, the follow-ups) is on
#   one page. PMC SOURCE_TREE
set -u
pmc=$1
top=$2
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"

command -v pdftotext >/dev/null || {
	echo "SKIP: pdftotext missing (apt-get install poppler-utils)"
	exit 77
}

# events DAY N WHICH: N events of 2024-01-DAY, one an hour.
events() {
	i=0
	while [ $i -lt "$2" ]; do
		printf -- '- 2024-01-%s %02d:00 — Event %d of the %s day.\n' \
			"$1" $((i + 1)) $i "$3"
		i=$((i + 1))
	done
}

# source K: K filler paragraphs of one line, then a day of 12 events, a
# day of 3 and 5 follow-ups.
source() {
	printf -- '---\ntitle: Pages\nseverity: SEV3\ntimezone: UTC\n'
	printf 'started: 2024-01-01 00:00\nresolved: 2024-01-02 03:00\n---\n\n'
	printf '## Summary\n\n'
	seq 0 $(($1 - 1)) | sed 's/.*/Filler paragraph &.\n/'
	printf '## Timeline\n\n### 2024-01-01\n\n'
	events 01 12 first
	printf '\n### 2024-01-02\n\n'
	events 02 3 second
	printf '\n## Follow-ups\n\n'
	seq 0 4 | sed 's/.*/- [ ] Action & to take (owner: Ops, due: 2030-01-01)/'
}

# The text of each page on lines "PAGE<TAB>LINE", the running header
# ("Pages") and the footer ("pN · Draft", "Page N of M") left out.
pages() {
	pdftotext -enc UTF-8 "$1" - | awk '
		BEGIN { p = 1 }
		{ n = split($0, parts, "\f")
		  for (i = 1; i <= n; i++) {
			if (i > 1) p++
			l = parts[i]
			if (l == "" || l == "Pages" || l ~ /^Page [0-9]+ of/ ||
			    l ~ / · Draft$/)
				continue
			print p "\t" l } }'
}

k=0
while [ $k -le 75 ]; do
	source $k >"$tmp/p$k.md"
	if ! "$pmc" "$tmp/p$k.md" -t pdf -o "$tmp/p$k.pdf" $opts 2>"$tmp/err"; then
		bad "filler $k: pmc failed"
		sed 's/^/  | /' "$tmp/err"
		k=$((k + 1))
		continue
	fi
	pages "$tmp/p$k.pdf" >"$tmp/p$k.txt"
	# the last line of each page but the last
	last=$(awk -F '\t' 'p != "" && $1 != p { print line } { p = $1; line = $2 }' \
		"$tmp/p$k.txt" | grep -xE 'Timeline|2024-01-0[12]|Follow-ups|Time|Event|Action|Owner|Due|State')
	[ -z "$last" ] && ok || bad "filler $k: a page ends with '$last'"
	# a page with first-day events but not the day's own heading above
	# them (the "Timeline" before it) continues the table: the day first
	for p in $(grep 'of the first day' "$tmp/p$k.txt" | cut -f1 | sort -u); do
		awk -F '\t' -v p="$p" '$1 == p { print $2 }' "$tmp/p$k.txt" \
			>"$tmp/page"
		grep -qx Timeline "$tmp/page" && continue
		head=$(head -3 "$tmp/page" | tr '\n' '|')
		[ "$head" = "2024-01-01|Time|Event|" ] && ok ||
			bad "filler $k: page $p continues the first day with '$head'"
	done
	for what in 'of the second day' 'Action [0-9] to take'; do
		n=$(grep -E "$what" "$tmp/p$k.txt" | cut -f1 | sort -u | wc -l)
		[ "$n" -eq 1 ] && ok || bad "filler $k: '$what' split over $n pages"
	done
	k=$((k + 1))
done

finish
