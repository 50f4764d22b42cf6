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
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
cd "$tmp" || exit 2
cp "$top/tests/fmt/messy.md" messy.md
cp "$top/tests/fmt/messy.expected" done.md
cp "$top/tests/regress/timeline-order.md" broken.md

# shellcheck disable=SC2086
"$pmc" fmt $opts - <messy.md >stdout.md 2>/dev/null && ok ||
	bad "fmt - exited $?"
cmp -s stdout.md done.md && ok || bad "fmt - did not write the formatted text"

# shellcheck disable=SC2086
"$pmc" fmt --check $opts messy.md done.md >list 2>/dev/null
st=$?
[ $st -eq 1 ] && ok || bad "--check with one unformatted file exited $st"
[ "$(cat list)" = messy.md ] && ok || bad "--check listed '$(cat list)'"
cmp -s messy.md "$top/tests/fmt/messy.md" && ok || bad "--check changed a file"

# shellcheck disable=SC2086
"$pmc" fmt $opts broken.md >/dev/null 2>err
st=$?
[ $st -eq 1 ] && ok || bad "fmt of a source with errors exited $st"
grep -q 'error: .*\[timeline-order\]' err && ok || bad "fmt did not show the error"
grep -q 'warning:' err && bad "fmt shows warnings: $(cat err)" || ok
cmp -s broken.md "$top/tests/regress/timeline-order.md" && ok ||
	bad "fmt rewrote a source with errors"

# shellcheck disable=SC2086
"$pmc" fmt $opts missing.md 2>/dev/null
st=$?
[ $st -eq 2 ] && ok || bad "fmt of a missing file exited $st"

# shellcheck disable=SC2086
"$pmc" fmt $opts messy.md 2>/dev/null && ok || bad "fmt in place exited $?"
cmp -s messy.md done.md && ok || bad "fmt in place wrote something else"
[ "$(ls | wc -l)" -eq 6 ] && ok || bad "stray files: $(ls)"

# --fix-mojibake: the seed's kind of damage ("pĂ„" for "på", "â€™" for
# "’") is repaired, and pmc check no longer finds any; plain fmt leaves
# the text as it is.
mkdir moji
cp "$top/tests/regress/mojibake.md" moji/m.md
# shellcheck disable=SC2086
"$pmc" fmt $opts moji/m.md 2>/dev/null && ok || bad "fmt of mojibake exited $?"
grep -q 'pĂ„' moji/m.md && ok || bad "plain fmt repaired mojibake"
# shellcheck disable=SC2086
"$pmc" fmt --check --fix-mojibake $opts moji/m.md >list 2>/dev/null
[ $? -eq 1 ] && [ "$(cat list)" = moji/m.md ] && ok ||
	bad "--check --fix-mojibake does not list the damaged file"
# shellcheck disable=SC2086
"$pmc" fmt --fix-mojibake $opts moji/m.md 2>/dev/null && ok ||
	bad "fmt --fix-mojibake exited $?"
grep -q 'meldte fra på Teams om at filer ikke ble lest inn i løpet av' moji/m.md &&
	grep -q 'The team’s fix' moji/m.md && ok ||
	bad "fmt --fix-mojibake did not repair: $(grep -n 'Teams\|fix' moji/m.md)"
# shellcheck disable=SC2086
"$pmc" check $opts moji/m.md 2>check.err
grep -q '\[mojibake\]' check.err && bad "mojibake left: $(cat check.err)" || ok
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
[ $st -eq 1 ] && ok || bad "fmt of a definition in a quote exited $st"
grep -q "quoted.md:13:4: error: .*'sp' would be lost.*\[fmt-unsafe\]" err && ok ||
	bad "no fmt-unsafe finding at the definition: $(cat err)"
cmp -s quoted.md quoted.orig && ok || bad "fmt rewrote a source it could not keep"
rm quoted.md quoted.orig err

# The file's mode is kept (a group-writable file stays so, a read-only
# one for others stays so), a symbolic link is written through to its
# target and stays a link, and new outputs get the umask's mode.
mkdir modes
cp "$top/tests/fmt/messy.md" modes/shared.md
chmod 0664 modes/shared.md
cp "$top/tests/fmt/messy.md" modes/target.md
chmod 0600 modes/target.md
ln -s target.md modes/link.md
# shellcheck disable=SC2086
"$pmc" fmt $opts modes/shared.md modes/link.md 2>/dev/null && ok ||
	bad "fmt of a mode 0664 file and a link exited $?"
[ "$(stat -c %a modes/shared.md)" = 664 ] && ok ||
	bad "fmt changed mode 0664 to $(stat -c %a modes/shared.md)"
[ -L modes/link.md ] && ok || bad "fmt replaced a symbolic link with a file"
cmp -s modes/target.md done.md && ok || bad "fmt did not write through the link"
[ "$(stat -c %a modes/target.md)" = 600 ] && ok ||
	bad "fmt changed the link target's mode 0600 to $(stat -c %a modes/target.md)"
# shellcheck disable=SC2086
(umask 027 && "$pmc" $opts done.md -t json -o modes/new.json 2>/dev/null &&
	"$pmc" new modes/new.md >/dev/null 2>&1)
[ "$(stat -c %a modes/new.json)" = 640 ] && ok ||
	bad "a new output under umask 027 has mode $(stat -c %a modes/new.json)"
[ "$(stat -c %a modes/new.md)" = 640 ] && ok ||
	bad "pmc new under umask 027 wrote mode $(stat -c %a modes/new.md)"
rm -r modes

# --diff: a unified diff of what would change, exit 1, nothing written;
# patch(1) applied to the source gives fmt's output. A formatted file
# gives no diff and exit 0.
cp "$top/tests/fmt/messy.md" d.md
# shellcheck disable=SC2086
"$pmc" fmt --diff $opts d.md >d.diff 2>/dev/null
st=$?
[ $st -eq 1 ] && ok || bad "--diff with changes exited $st"
cmp -s d.md "$top/tests/fmt/messy.md" && ok || bad "--diff changed the file"
head -n 2 d.diff | tr '\n' ' ' | grep -q '^--- d.md +++ d.md $' && ok ||
	bad "--diff header: $(head -n 2 d.diff)"
grep -q '^@@ -1,[0-9]* +1,[0-9]* @@$' d.diff && ok || bad "--diff has no first hunk"
patch -s d.md <d.diff && ok || bad "the --diff output does not apply"
cmp -s d.md done.md && ok || bad "the patched file is not fmt's output"
# shellcheck disable=SC2086
"$pmc" fmt --diff $opts d.md >d.diff 2>/dev/null
st=$?
[ $st -eq 0 ] && [ ! -s d.diff ] && ok || bad "--diff of a formatted file: exit $st, $(wc -c <d.diff) bytes"
# a file whose last line has no newline
printf '%s' "$(cat "$top/tests/fmt/messy.md")" >nonl.md
# shellcheck disable=SC2086
"$pmc" fmt --diff $opts nonl.md >nonl.diff 2>/dev/null
grep -q '^\\ No newline at end of file$' nonl.diff && ok ||
	bad "--diff does not mark the missing newline"
patch -s nonl.md <nonl.diff && cmp -s nonl.md done.md && ok ||
	bad "the --diff of a file without a final newline does not give fmt's output"
rm -f d.md d.diff nonl.md nonl.diff

# The samples are in fmt's form: what the project ships as examples is
# what fmt writes (directory mode, their own .pmc.yml).
"$pmc" fmt --check --today 2025-01-01 "$top/samples" >list 2>err
st=$?
[ $st -eq 0 ] && ok || bad "pmc fmt --check samples/ exited $st: $(cat list err)"
rm -f list err

# task-marker-before-table-row: "- [ ]  | Verdi |" with a delimiter row
# under it is the item's text to GitHub, but fmt's indentation would
# make it a table to fmt's next run (fuzz_fmt found it: not idempotent).
# fmt refuses it and leaves the file as written.
cat >task-table.md <<'EOF2'
---
title: Canvas sync stopped
severity: SEV3
---

## Summary

- [ ]  | Owner |
|---|---|
| Team | LMS |
EOF2
cp task-table.md task-table.orig
# shellcheck disable=SC2086
"$pmc" fmt $opts task-table.md 2>err
st=$?
[ $st -eq 1 ] && grep -q "a table row follows a task marker" err && ok ||
	bad "a task marker before a table row: exit $st, $(cat err)"
cmp -s task-table.md task-table.orig && ok || bad "the refused file was changed"

finish
