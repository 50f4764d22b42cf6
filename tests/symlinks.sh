#!/bin/sh
# symlinks.sh: in directory mode (what CI runs on pull requests), a
# symbolic link to a file outside the folder checked is not read: its
# lines would be quoted in findings, in a public CI log. Links inside the
# folder are read as usual. The same holds for a policy file found by
# walking up (.pmc.yml) and its working tree. PMC SOURCE_TREE
set -u
pmc=$1
top=$2
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"

# A secret that starts like a front matter (a Kubernetes manifest does).
printf -- '---\napiVersion: v1\nkind: Secret\nTOPSECRET: aHVudGVy\n---\n' >"$tmp/secret.yaml"
mkdir -p "$tmp/repo/sub"
cp "$top/tests/regress/overdue.md" "$tmp/repo/x.md"
ln -s ../secret.yaml "$tmp/repo/leak.md"
ln -s "$tmp/secret.yaml" "$tmp/repo/sub/abs.md"
ln -s ../x.md "$tmp/repo/sub/inside.md"

"$pmc" check --policy /dev/null --excerpt "$tmp/repo" >"$tmp/out" 2>"$tmp/err"
status=$?
[ $status -eq 0 ] && ok || bad "exit $status, expected 0: $(cat "$tmp/err")"
grep -q "TOPSECRET\|apiVersion" "$tmp/out" "$tmp/err" &&
    bad "the secret's keys reached the output: $(cat "$tmp/out" "$tmp/err")" || ok
grep -q "leak.md: not read: a symbolic link to a file outside" "$tmp/err" && ok ||
    bad "the relative link is not named: $(cat "$tmp/err")"
grep -q "abs.md: not read" "$tmp/err" && ok ||
    bad "the absolute link is not named: $(cat "$tmp/err")"
grep -q "2 files checked" "$tmp/err" && ok ||
    bad "the file and the link inside the folder are not both checked: $(cat "$tmp/err")"

# policy-link-out-of-repo: a pull request turns .pmc.yml into a link to
# the runner's credentials. The policy is not read (an error, so that CI
# does not pass on a policy it never applied); the secret is not quoted.
# A link to a file inside the working tree is read as usual.
mkdir -p "$tmp/wt/.git" "$tmp/wt/pm" "$tmp/wt/conf"
printf 'https://ci-bot:ghp_TOPSECRET0123456789@github.com\n' >"$tmp/git-credentials"
cp "$top/tests/regress/overdue.md" "$tmp/wt/pm/x.md"
ln -s ../git-credentials "$tmp/wt/.pmc.yml"
(cd "$tmp/wt" && "$pmc" check --excerpt pm >"$tmp/out" 2>"$tmp/err")
status=$?
[ $status -eq 1 ] && ok || bad "policy link out of the tree: exit $status, expected 1"
grep -q "TOPSECRET\|ci-bot" "$tmp/out" "$tmp/err" &&
    bad "the credentials reached the output: $(cat "$tmp/err")" || ok
grep -q "^.pmc.yml: error: not read: a symbolic link to a file outside" "$tmp/err" && ok ||
    bad "the policy link is not refused: $(cat "$tmp/err")"
rm "$tmp/wt/.pmc.yml"
printf 'min_wyhs: 3\n' >"$tmp/wt/conf/pmc.yml"
ln -s ../conf/pmc.yml "$tmp/wt/pm/.pmc.yml"
(cd "$tmp/wt" && "$pmc" check pm >"$tmp/out" 2>"$tmp/err")
grep -q "min_wyhs.*policy-key" "$tmp/err" && ok ||
    bad "a policy link inside the tree is not read: $(cat "$tmp/err")"
# no-policy-quotes: a file that is not a policy is named by line and key,
# never quoted, even when it is the policy file itself
rm "$tmp/wt/pm/.pmc.yml"
cp "$tmp/git-credentials" "$tmp/wt/.pmc.yml"
printf 'AWS_SECRET_ACCESS_KEY: wJalrTOPSECRET\nseverities: TOPSECRET-2\n' >"$tmp/wt/pm/.pmc.yml"
for d in . pm; do
	(cd "$tmp/wt/$d" && "$pmc" check --excerpt x.md >"$tmp/out" 2>"$tmp/err"; "$pmc" check --format json x.md >>"$tmp/out" 2>&1)
	grep -q "TOPSECRET\|ci-bot\|wJalr" "$tmp/out" "$tmp/err" &&
	    bad "a policy that is not one is quoted: $(cat "$tmp/err" "$tmp/out")" || ok
done
grep -q "AWS_SECRET_ACCESS_KEY" "$tmp/err" "$tmp/out" && ok ||
    bad "the unknown key is not named: $(cat "$tmp/err" "$tmp/out")"

finish
