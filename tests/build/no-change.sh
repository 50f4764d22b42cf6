#!/bin/sh
# tests/build/no-change.sh PMC SOURCE_TREE: a rebuild that changes
# nothing writes nothing: the site index and the record keep their inode
# and time. Once, every rebuild of ten thousand sources made the index
# again and rewrote the record. And each input of the index (a source,
# the policy, a template, --lang, the pmc binary) does make both again,
# as a clean build of the same inputs would: a stale index is a wrong
# report. Also: a source edited back to its size and modification time
# is still seen as changed (its stat cache entry is of the file before).
set -u
pmc=$1
top=$2
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
src=$tmp/tree
# the templates of this run, to edit one
cp -r "$top/templates" "$tmp/tpl"
PMC_TEMPLATES=$tmp/tpl
export PMC_TEMPLATES

# id FILE: its inode and modification time, to the nanosecond
id() { stat -c '%i %y' "$1"; }
# key: the index key the record holds
key() { sed -n 's/.*<index .*key="\([0-9a-f]*\)".*/\1/p' "$tmp/s/.pmc-build"; }
# clean DESCRIPTION ARGS...: the index is the one a clean build of the
# same sources with ARGS makes
clean() {
	what=$1
	shift
	rm -rf "$tmp/clean"
	"${bin:-$pmc}" build -q "$@" $today -o "$tmp/clean" "$src" 2>/dev/null
	same "$tmp/clean/index.html" "$tmp/s/index.html" "$what"
}
# again DESCRIPTION N ARGS...: a rebuild of N sources, with the record
# and the index key made again
again() {
	what=$1 n=$2
	shift 2
	rec=$(id "$tmp/s/.pmc-build") k=$(key)
	expect 0 "$what" "${bin:-$pmc}" build "$@" $today -o "$tmp/s" "$src"
	rebuilt "$n" "$what: $n rebuilt"
	[ "$(id "$tmp/s/.pmc-build")" != "$rec" ] && ok ||
		bad "$what: the record was not written again"
	[ "$(key)" != "$k" ] && ok || bad "$what: the index key stayed"
	clean "$what: the index is a clean build's" "$@"
}

run 0 "build" build $today -o "$tmp/s" "$src"
rebuilt 4 "a first build builds all"
[ -n "$(key)" ] && ok || bad "the record holds no index key"
index=$(id "$tmp/s/index.html") rec=$(id "$tmp/s/.pmc-build")

# Once the sources are older than the clock's granularity, their stat
# is cached: a rebuild then reads none, and still writes nothing.
for what in "nothing changed" "stats cached" "from the stat cache"; do
	[ "$what" != "stats cached" ] || sleep 2.1
	run 0 "again, $what" build $today -o "$tmp/s" "$src"
	rebuilt 0 "$what: nothing rebuilt"
	[ "$(id "$tmp/s/index.html")" = "$index" ] && ok ||
		bad "$what: the index was written"
	[ "$(id "$tmp/s/.pmc-build")" = "$rec" ] && ok ||
		bad "$what: the record was written"
done
grep -q '^s [0-9a-f]* [0-9a-f]* .*/epicor-2023.md$' "$tmp/s/.pmc-build.stat" &&
	ok || bad "the stat cache has no line for a source"

# The same size and modification time, other bytes: the change time
# tells (cp -p, rsync -t and tar restore the modification time).
f=$src/epicor-2023.md
t=$(stat -c %y "$f")
sed 's/^title: Epicor ERP transactions not posting$/title: Epicor ERP transactions not postinG/' \
	"$f" >"$tmp/x" && cat "$tmp/x" >"$f"
touch -d "$t" "$f"
again "a source edited back to its size and time" 1
contains "$tmp/s/index.html" "transactions not postinG" "the index has the new title"

# Each input of the index makes it again.
sed 's/^title: Epicor ERP transactions not postinG$/title: Epicor ERP postings stalled/' \
	"$f" >"$tmp/x" && cat "$tmp/x" >"$f"
again "a source edited" 1
contains "$tmp/s/index.html" "Epicor ERP postings stalled" "the index has the new title"
# a level above the others: every incident's rank moves down one
awk '/^min_whys:/ { print "  - name: Catastrophic" } { print }' \
	"$src/.pmc.yml" >"$tmp/x" && cat "$tmp/x" >"$src/.pmc.yml"
again "the policy edited" 4
sed 's|<title><xsl:value-of|<title>Edited <xsl:value-of|' \
	"$tmp/tpl/index.xsl" >"$tmp/x" && cat "$tmp/x" >"$tmp/tpl/index.xsl"
again "index.xsl edited" 4
contains "$tmp/s/index.html" "<title>Edited " "the index is the edited template's"
again "--lang" 4 --lang ja
if objcopy --remove-section .note.gnu.build-id "$pmc" "$tmp/pmc2" 2>/dev/null; then
	bin=$tmp/pmc2 again "another pmc binary" 4 --lang ja
fi
finish
