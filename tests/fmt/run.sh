#!/bin/sh
# run.sh: pmc fmt's two properties on one source: PMC SOURCE [EXPECTED]
#
# For a valid source: 'pmc fmt' rewrites a copy (exit 0); the copy and the
# original compile to the same intermediate form, apart from positions and
# the headings of known sections (meaning-preserving); formatting the copy
# again changes nothing (idempotent), and 'pmc fmt --check' says so (exit
# 0), while on the original it exits 1 exactly when fmt changed it.
# For a source with errors: 'pmc fmt' exits 1 and leaves it as it is.
# With EXPECTED, the formatted text must also equal that file;
# PMC_REGRESS_UPDATE=1 rewrites it.
#
# Policies and "today" are fixed as in tests/regress/run.sh.
set -u
pmc=$1
src=$2
expected=${3:-}
[ -n "$expected" ] && expected=$(cd "$(dirname "$expected")" && pwd)/$(basename "$expected")
dir=$(cd "$(dirname "$src")" && pwd)
file=$(basename "$src")
case=${file%.*}
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
suite=$case

opts="$today --policy $(policy_of "$dir/$file")"
# The copy keeps the file name: the id defaults to it.
mkdir "$tmp/a" "$tmp/b"
cp "$dir/$file" "$tmp/a/$file"
cd "$tmp/a" || exit 2

# shellcheck disable=SC2086
"$pmc" check $opts "$file" >/dev/null 2>&1
valid=$?
# shellcheck disable=SC2086
"$pmc" fmt $opts "$file" >"$tmp/out" 2>"$tmp/err"
status=$?
if [ $valid -ne 0 ]; then
	[ $status -eq 1 ] && cmp -s "$dir/$file" "$file" && ok ||
		bad "$case: fmt of an invalid source exited $status or changed it"
	suite="$case (invalid, left alone)"
	finish
fi
if [ $status -ne 0 ]; then
	cat "$tmp/err"
	bad "$case: fmt exited $status"
	finish
fi

# The same document: C14N orders attributes (fmt reorders follow-up
# attributes); positions and known sections' headings are left out.
ir() {
	# shellcheck disable=SC2086
	"$pmc" $opts "$1" -t xml -o "$2.xml" 2>/dev/null || bad "$case: $1 does not compile"
	xmllint --c14n "$2.xml" |
		sed 's/ col="[0-9]*"//g; s/ line="[0-9]*"//g
		     s/<section heading="[^"]*" key="\([^c"]\)/<section key="\1/g' >"$2"
}
ir "$dir/$file" "$tmp/ir-source"
ir "$file" "$tmp/ir-formatted"
if ! diff -u "$tmp/ir-source" "$tmp/ir-formatted" | head -30; then :; fi
cmp -s "$tmp/ir-source" "$tmp/ir-formatted" && ok ||
	bad "$case: the formatted source means something else"

cp "$file" "$tmp/b/$file"
# shellcheck disable=SC2086
"$pmc" fmt $opts "$tmp/b/$file" 2>/dev/null
if cmp -s "$file" "$tmp/b/$file"; then ok; else
	diff -u "$file" "$tmp/b/$file" | head -30
	bad "$case: fmt is not idempotent"
fi
# shellcheck disable=SC2086
"$pmc" fmt --check $opts "$file" >"$tmp/list"
[ $? -eq 0 ] && [ ! -s "$tmp/list" ] && ok ||
	bad "$case: fmt --check finds a formatted source unformatted"
if cmp -s "$dir/$file" "$file"; then want=0; else want=1; fi
# shellcheck disable=SC2086
(cd "$dir" && "$pmc" fmt --check $opts "$file" >"$tmp/list" 2>/dev/null)
got=$?
if [ $got -ne $want ] || { [ $want -eq 1 ] && [ "$(cat "$tmp/list")" != "$file" ]; }; then
	bad "$case: fmt --check on the source exited $got, expected $want"
else
	ok
fi

if [ -n "$expected" ]; then
	if [ "${PMC_REGRESS_UPDATE:-}" = 1 ]; then
		cp "$file" "$expected"
	else
		diff -u "$expected" "$file" && ok ||
			bad "$case: the formatted text differs from $expected"
	fi
fi
finish
