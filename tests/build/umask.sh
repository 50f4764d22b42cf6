#!/bin/sh
# tests/build/umask.sh PMC SOURCE_TREE: pmc build's outputs, its index
# and its record honour the umask, as every other output does. They were
# once made 0644 whatever the umask, so a team's umask 027 (nothing for
# others) still published every internal report to the whole machine.
set -u
pmc=$1
top=$2
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
mkdir "$tmp/src"
cp "$top/samples/.pmc.yml" "$top/samples/epicor-2023.md" \
	"$top/samples/idporten-2024.md" "$tmp/src/" # two: an index
(umask 027 && "$pmc" build -t html,json $today -o "$tmp/site" "$tmp/src" \
	>"$tmp/out" 2>"$tmp/err") && ok || bad "build with umask 027 failed"
for f in epicor-2023.html epicor-2023.json index.html .pmc-build; do
	m=$(stat -c %a "$tmp/site/$f" 2>/dev/null)
	[ "$m" = 640 ] && ok || bad "$f has mode $m under umask 027, expected 640"
done
finish
