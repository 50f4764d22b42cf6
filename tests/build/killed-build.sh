#!/bin/sh
# tests/build/killed-build.sh PMC SOURCE_TREE: a pmc build -j 2 killed
# (SIGKILL) at a random moment, an edit reverted or not, and a rebuild:
# the folder is then a clean build's, byte for byte (diff -r), with no
# temporary file and no journal left. Once, the outputs were renamed into
# place before the record was written, and a rebuild after a kill and a
# revert kept pages that matched no source. Also: SIGTERM leaves no
# temporary file. KILL_SEED=N repeats a run's kill times.
set -u
pmc=$1
top=$2
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
seed=${KILL_SEED:-$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')}
echo "KILL_SEED=$seed"
opts="-j 2 -t json,md --today 2025-01-01 -q"
build() { "$pmc" build $opts "$@"; }

# Two states of a few hundred postmortems: A as generated; B with titles
# edited, an id changed (its old outputs must go) and a source removed.
"$top/bench/gen-corpus" 200 "$tmp/src" >/dev/null
cp -r "$tmp/src" "$tmp/A"
for f in "$tmp"/src/000/*.md; do
	sed 's/^title: \(.*\)/title: \1 (revised)/' "$f" >"$f.new" && mv "$f.new" "$f"
done
f=$(ls "$tmp"/src/001/*.md | head -1)
sed 's/^id: \(.*\)/id: \1-renamed/' "$f" >"$f.new" && mv "$f.new" "$f"
rm "$(ls "$tmp"/src/001/*.md | tail -1)"
mv "$tmp/src" "$tmp/B"
state() { rm -rf "$tmp/src" && cp -r "$tmp/$1" "$tmp/src"; }

# The clean builds to compare with, and how long one takes.
for s in A B; do
	state $s
	t0=$(date +%s%N)
	build -o "$tmp/clean$s" "$tmp/src" 2>/dev/null
	t1=$(date +%s%N)
done
ms=$(((t1 - t0) / 1000000))
[ "$ms" -gt 50 ] || ms=50

# kills N: N builds killed between 0 and the length of a clean build.
state A
build -o "$tmp/site" "$tmp/src" 2>/dev/null
cur=A
i=0
while [ $i -lt 6 ]; do
	other=$([ $cur = A ] && echo B || echo A)
	at=$(awk -v s="$seed" -v i=$i -v ms="$ms" \
		'BEGIN { srand(s * 31 + i); printf "%.3f", rand() * ms / 1000 }')
	back=$(awk -v s="$seed" -v i=$i 'BEGIN { srand(s * 17 + i); print int(rand() * 2) }')
	state $other
	"$pmc" build $opts -o "$tmp/site" "$tmp/src" 2>/dev/null &
	pid=$!
	sleep "$at"
	kill -KILL $pid 2>/dev/null
	wait $pid 2>/dev/null
	# the edit reverted half of the time: the case the record once lost
	[ "$back" -eq 1 ] || cur=$other
	state $cur
	build -o "$tmp/site" "$tmp/src" 2>"$tmp/err" ||
		bad "rebuild after a kill at ${at}s failed: $(head -3 "$tmp/err")"
	# but the stat cache, inode numbers and times (docs/build.md)
	if diff -rq -x .pmc-build.stat "$tmp/clean$cur" "$tmp/site" \
		>"$tmp/diff" 2>&1; then ok; else
		bad "killed at ${at}s, rebuilt in state $cur: differs from a clean build"
		sed 's/^/  | /' "$tmp/diff" | head -10
	fi
	i=$((i + 1))
done

# SIGTERM while outputs are being written: no temporary file is left
# (they are pmc build's .pmc-build-XXXXXX).
state $([ $cur = A ] && echo B || echo A)
rm -rf "$tmp/t" && mkdir "$tmp/t"
"$pmc" build $opts -o "$tmp/t" "$tmp/src" 2>/dev/null &
pid=$!
n=0
while [ $n -lt 400 ] && ! ls -A "$tmp/t" | grep -q '^\.pmc-build-'; do
	sleep 0.01
	n=$((n + 1))
done
kill -TERM $pid 2>/dev/null
{ wait $pid; } 2>/dev/null
status=$?
[ $status -eq 143 ] || [ $status -eq 0 ] || bad "SIGTERM: exit $status"
if ls -A "$tmp/t" | grep -q '^\.pmc-build-[A-Za-z0-9]\{6\}$'; then
	bad "SIGTERM left temporary files"
else
	ok
fi

finish
