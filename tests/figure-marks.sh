#!/bin/sh
# figure-marks.sh: the PDF and the HTML draw one incident figure
# (figure.c), and it leaves out no event: for every sample and every
# regress case that compiles, each format's figure has a mark for each
# timeline event of the XML form (figure-marks.py). The PDF once drew
# only the first day's events. PMC SOURCE_TREE
set -u
pmc=$1
top=$2
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"

n=0
for src in "$top"/samples/*.md "$top"/tests/regress/*.md; do
	b=$tmp/$(basename "$src" .md)
	for fmt in xml html pdf; do
		"$pmc" $opts -t $fmt -o "$b.$fmt" "$src" 2>/dev/null || :
	done
	[ -s "$b.xml" ] && [ -s "$b.html" ] && [ -s "$b.pdf" ] || continue
	n=$((n + 1))
	if python3 "$top/tests/figure-marks.py" "$b.xml" "$b.html" "$b.pdf" \
	    >"$tmp/why"; then ok; else bad "$(cat "$tmp/why")"; fi
done
# the loop must have looked at the samples and most cases
[ $n -ge 40 ] && ok || bad "only $n sources compiled in every format"
finish
