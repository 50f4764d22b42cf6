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
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

opts="--today 2025-01-01 --policy /dev/null"
if [ -f "$dir/$case.pmc.yml" ]; then
	opts="--today 2025-01-01 --policy $dir/$case.pmc.yml"
elif [ -f "$dir/.pmc.yml" ]; then
	opts="--today 2025-01-01 --policy $dir/.pmc.yml"
fi
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
	if [ $status -ne 1 ] || ! cmp -s "$dir/$file" "$file"; then
		echo "FAIL: $case: fmt of an invalid source exited $status or changed it"
		fail=1
	fi
	[ $fail -eq 0 ] && echo "ok: $case (invalid, left alone)"
	exit $fail
fi
if [ $status -ne 0 ]; then
	cat "$tmp/err"
	echo "FAIL: $case: fmt exited $status"
	exit 1
fi

# The same document: C14N orders attributes (fmt reorders follow-up
# attributes); positions and known sections' headings are left out.
ir() {
	# shellcheck disable=SC2086
	"$pmc" $opts "$1" -t xml -o "$2.xml" 2>/dev/null || echo "FAIL: $case: $1 does not compile"
	xmllint --c14n "$2.xml" |
		sed 's/ col="[0-9]*"//g; s/ line="[0-9]*"//g
		     s/<section heading="[^"]*" key="\([^c"]\)/<section key="\1/g' >"$2"
}
ir "$dir/$file" "$tmp/ir-source"
ir "$file" "$tmp/ir-formatted"
if ! diff -u "$tmp/ir-source" "$tmp/ir-formatted" | head -30; then :; fi
if ! cmp -s "$tmp/ir-source" "$tmp/ir-formatted"; then
	echo "FAIL: $case: the formatted source means something else"
	fail=1
fi

cp "$file" "$tmp/b/$file"
# shellcheck disable=SC2086
"$pmc" fmt $opts "$tmp/b/$file" 2>/dev/null
if ! cmp -s "$file" "$tmp/b/$file"; then
	diff -u "$file" "$tmp/b/$file" | head -30
	echo "FAIL: $case: fmt is not idempotent"
	fail=1
fi
# shellcheck disable=SC2086
"$pmc" fmt --check $opts "$file" >"$tmp/list"
if [ $? -ne 0 ] || [ -s "$tmp/list" ]; then
	echo "FAIL: $case: fmt --check finds a formatted source unformatted"
	fail=1
fi
if cmp -s "$dir/$file" "$file"; then want=0; else want=1; fi
# shellcheck disable=SC2086
(cd "$dir" && "$pmc" fmt --check $opts "$file" >"$tmp/list" 2>/dev/null)
got=$?
if [ $got -ne $want ] || { [ $want -eq 1 ] && [ "$(cat "$tmp/list")" != "$file" ]; }; then
	echo "FAIL: $case: fmt --check on the source exited $got, expected $want"
	fail=1
fi

if [ -n "$expected" ]; then
	if [ "${PMC_REGRESS_UPDATE:-}" = 1 ]; then
		cp "$file" "$expected"
	elif ! diff -u "$expected" "$file"; then
		echo "FAIL: $case: the formatted text differs from $expected"
		fail=1
	fi
fi
[ $fail -eq 0 ] && echo "ok: $case"
exit $fail
