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

# --fix-mojibake: the seed's kind of damage ("pĂ„" for "på", "â€™" for
# "’") is repaired, and pmc check no longer finds any; plain fmt leaves
# the text as it is.
mkdir moji
cp "$top/tests/regress/mojibake.md" moji/m.md
# shellcheck disable=SC2086
"$pmc" fmt $opts moji/m.md 2>/dev/null || bad "fmt of mojibake exited $?"
grep -q 'pĂ„' moji/m.md || bad "plain fmt repaired mojibake"
# shellcheck disable=SC2086
"$pmc" fmt --check --fix-mojibake $opts moji/m.md >list 2>/dev/null
[ $? -eq 1 ] && [ "$(cat list)" = moji/m.md ] ||
	bad "--check --fix-mojibake does not list the damaged file"
# shellcheck disable=SC2086
"$pmc" fmt --fix-mojibake $opts moji/m.md 2>/dev/null ||
	bad "fmt --fix-mojibake exited $?"
grep -q 'meldte fra på Teams om at filer ikke ble lest inn i løpet av' moji/m.md &&
	grep -q 'The team’s fix' moji/m.md ||
	bad "fmt --fix-mojibake did not repair: $(grep -n 'Teams\|fix' moji/m.md)"
# shellcheck disable=SC2086
"$pmc" check $opts moji/m.md 2>check.err
grep -q '\[mojibake\]' check.err && bad "mojibake left: $(cat check.err)"
rm -r moji list check.err

# The word check: a link reference definition inside a block quote leaves
# no trace in cmark's tree or in the IR; fmt cannot keep it there, so it
# refuses (fmt-unsafe at the definition, nothing written) rather than
# drop it.
cat >quoted.md <<'EOF'
---
title: Cache stampede after the deploy
status: draft
severity: SEV3
---

# Cache stampede after the deploy

## Summary

> From the status page: caches were cold after the 14:02 deploy.
>
> [sp]: https://status.example.com/incidents/88
EOF
cp quoted.md quoted.orig
# shellcheck disable=SC2086
"$pmc" fmt $opts quoted.md 2>err
st=$?
[ $st -eq 1 ] || bad "fmt of a definition in a quote exited $st"
grep -q "quoted.md:13:4: error: .*'sp' would be lost.*\[fmt-unsafe\]" err ||
	bad "no fmt-unsafe finding at the definition: $(cat err)"
cmp -s quoted.md quoted.orig || bad "fmt rewrote a source it could not keep"
rm quoted.md quoted.orig err

[ $fail -eq 0 ] && echo "ok: fmt command line"
exit $fail
