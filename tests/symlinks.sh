#!/bin/sh
# symlinks.sh: in directory mode (what CI runs on pull requests), a
# symbolic link to a file outside the folder checked is not read: its
# lines would be quoted in findings, in a public CI log. Links inside the
# folder are read as usual. PMC SOURCE_TREE
set -u
pmc=$1
top=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0

fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

# A secret that starts like a front matter (a Kubernetes manifest does).
printf -- '---\napiVersion: v1\nkind: Secret\nTOPSECRET: aHVudGVy\n---\n' >"$tmp/secret.yaml"
mkdir -p "$tmp/repo/sub"
cp "$top/tests/regress/overdue.md" "$tmp/repo/x.md"
ln -s ../secret.yaml "$tmp/repo/leak.md"
ln -s "$tmp/secret.yaml" "$tmp/repo/sub/abs.md"
ln -s ../x.md "$tmp/repo/sub/inside.md"

"$pmc" check --policy /dev/null --excerpt "$tmp/repo" >"$tmp/out" 2>"$tmp/err"
status=$?
[ $status -eq 0 ] || fail "exit $status, expected 0: $(cat "$tmp/err")"
grep -q "TOPSECRET\|apiVersion" "$tmp/out" "$tmp/err" &&
    fail "the secret's keys reached the output: $(cat "$tmp/out" "$tmp/err")"
grep -q "leak.md: not read: a symbolic link to a file outside" "$tmp/err" ||
    fail "the relative link is not named: $(cat "$tmp/err")"
grep -q "abs.md: not read" "$tmp/err" ||
    fail "the absolute link is not named: $(cat "$tmp/err")"
grep -q "2 files checked" "$tmp/err" ||
    fail "the file and the link inside the folder are not both checked: $(cat "$tmp/err")"

[ $fails -eq 0 ] && echo "ok" && exit 0
exit 1
