#!/bin/sh
# cli-shared.sh: the command line linked against libpmc.so, which exports
# pmc.h's functions and hides the rest, does what pmc (linked with
# libpmc.a) does: that it linked at all shows the command line calls only
# the public API; that its outputs are pmc's, byte for byte, that nothing
# of it depends on which library it was linked with.
# PMC_SHARED PMC SOURCE_TREE
set -u
shared=$1
pmc=$2
top=$3
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"

ldd "$shared" | grep -q 'libpmc\.so\.0 => ' && ok || bad "pmc_shared does not load libpmc.so.0"
ldd "$pmc" | grep -q 'libpmc' && bad "pmc loads a shared libpmc" || ok

# same NAME ARGS...: both programs exit alike and write the same bytes
# to standard output and standard error (their names aside).
same() {
	name=$1
	shift
	"$shared" "$@" >"$tmp/a.out" 2>"$tmp/a.err"; a=$?
	"$pmc" "$@" >"$tmp/b.out" 2>"$tmp/b.err"; b=$?
	[ $a -eq $b ] && cmp -s "$tmp/a.out" "$tmp/b.out" &&
		cmp -s "$tmp/a.err" "$tmp/b.err" && ok ||
		bad "$name: exit $a vs $b; $(diff "$tmp/a.out" "$tmp/b.out" | head -5) $(diff "$tmp/a.err" "$tmp/b.err" | head -5)"
}
cd "$tmp" || exit 2
s=$top/samples
same "--version" --version
same "check of the samples" check --today 2025-01-01 "$s"
same "check, SARIF" check --today 2025-01-01 --format sarif "$s"
same "a bad source" check "$top/tests/regress/bad-utf8.md"
for t in html md json xml; do
	same "-t $t" -t $t --today 2025-01-01 -o - "$s/epicor-2023.md"
done
same "fmt --check" fmt --check "$s/epicor-2023.md"
same "followups" followups --today 2025-01-01 "$s"
same "digest" digest --today 2025-01-01 --since 2020-01-01 --until 2025-12-31 "$s"
same "import" import --policy /dev/null "$top/tests/import/statuspage-list.txt"
same "help RULE" help duplicate-id
# a site: every file of both the same
"$shared" build -q -t html,md --today 2025-01-01 -o a "$s" 2>/dev/null && ok || bad "build"
"$pmc" build -q -t html,md --today 2025-01-01 -o b "$s" 2>/dev/null
[ "$(cd a && find . -type f ! -name '.pmc-build*' | sort)" = \
	"$(cd b && find . -type f ! -name '.pmc-build*' | sort)" ] && ok || bad "build: not the same files"
for f in $(cd b && find . -type f ! -name '.pmc-build*'); do
	cmp -s "a/$f" "b/$f" || bad "build: $f differs"
done
finish
