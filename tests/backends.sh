#!/bin/sh
# backends.sh: every sample and valid regress case (the fuzz targets' crash
# inputs among them) into every back end: none may crash or be killed,
# whatever else it says. The formats' own suites judge the output; this is
# the net that keeps a fixed crash fixed. PMC SOURCE_TREE
set -u
pmc=$1
top=$2
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
# Under ASan: whole stacks through libharu (built without frame pointers),
# so that tests/lsan.supp can tell its own leaks from pmc's.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}fast_unwind_on_malloc=0"

for src in "$top"/samples/*.md "$top"/tests/regress/*.md "$top"/tests/regress/*.xml; do
	case $src in
	*/regress/*) [ -f "${src%.*}.json" ] || continue ;;
	esac
	policy=$(policy_of "$src")
	for fmt in json xml html md pdf; do
		# shellcheck disable=SC2086
		"$pmc" "$src" -t "$fmt" -o "$tmp/out" --policy "$policy" \
		    $today >/dev/null 2>"$tmp/err"
		status=$?
		if [ $status -ge 128 ] || [ $status -gt 2 ]; then
			bad "$(basename "$src") -t $fmt: exit $status"
			tail -3 "$tmp/err"
		else
			ok
		fi
	done
done
finish
