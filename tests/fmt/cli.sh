#!/bin/sh
# cli.sh: pmc fmt's command line: PMC TOP
#
# Standard input is formatted to standard output; --check lists exactly
# the files that would change and writes nothing; a source with errors is
# left as it is, with its errors on standard error and exit 1; a missing
# file is exit 2; formatting in place leaves no stray files.
set -u
pmc=$1
top=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() {
	echo "FAIL: $*"
	fail=1
}
cd "$tmp" || exit 2
opts="--policy /dev/null --today 2025-01-01"
cp "$top/tests/fmt/messy.md" messy.md
cp "$top/tests/fmt/messy.expected" done.md
cp "$top/tests/regress/timeline-order.md" broken.md

# shellcheck disable=SC2086
"$pmc" fmt $opts - <messy.md >stdout.md 2>/dev/null ||
	bad "fmt - exited $?"
cmp -s stdout.md done.md || bad "fmt - did not write the formatted text"

# shellcheck disable=SC2086
"$pmc" fmt --check $opts messy.md done.md >list 2>/dev/null
st=$?
[ $st -eq 1 ] || bad "--check with one unformatted file exited $st"
[ "$(cat list)" = messy.md ] || bad "--check listed '$(cat list)'"
cmp -s messy.md "$top/tests/fmt/messy.md" || bad "--check changed a file"

# shellcheck disable=SC2086
"$pmc" fmt $opts broken.md >/dev/null 2>err
st=$?
[ $st -eq 1 ] || bad "fmt of a source with errors exited $st"
grep -q 'error: .*\[timeline-order\]' err || bad "fmt did not show the error"
grep -q 'warning:' err && bad "fmt shows warnings: $(cat err)"
cmp -s broken.md "$top/tests/regress/timeline-order.md" ||
	bad "fmt rewrote a source with errors"

# shellcheck disable=SC2086
"$pmc" fmt $opts missing.md 2>/dev/null
st=$?
[ $st -eq 2 ] || bad "fmt of a missing file exited $st"

# shellcheck disable=SC2086
"$pmc" fmt $opts messy.md 2>/dev/null || bad "fmt in place exited $?"
cmp -s messy.md done.md || bad "fmt in place wrote something else"
[ "$(ls | wc -l)" -eq 6 ] || bad "stray files: $(ls)"

[ $fail -eq 0 ] && echo "ok: fmt command line"
exit $fail
