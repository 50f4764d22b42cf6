#!/bin/sh
# tests/build/others-files.sh PMC SOURCE_TREE: pmc build never deletes or
# replaces a file it did not write. Once, `pmc build SRC -o SRC -t md`
# pruned a real source that an old record listed, and any file named
# like an output was overwritten.
set -u
pmc=$1
top=$2
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
src=$tmp/tree

# Sources and outputs in one folder: the .md outputs would be the
# sources themselves; each is refused, no source changes.
cp -r "$src" "$tmp/orig"
run 2 "-o the source folder, -t md" build -t md $today -o "$src" "$src"
contains "$tmp/err" "epicor-2023.md: not replaced by the output of" "a source in the way is named"
contains "$tmp/err" "it is one of the sources" "and why it is left alone"
for f in "$tmp"/orig/*.md; do
	same "$f" "$src/$(basename "$f")" "$(basename "$f") was changed"
done

# A record that lists a source as an output (an id renamed, the old
# output then taken up as a source): the source is not pruned.
sed 's/^id: epicor-2023/id: epicor-2023-draft/' "$tmp/orig/epicor-2023.md" >"$src/epicor-2023.md"
run 2 "build with a renamed id" build -t md $today -o "$src" "$src"
[ -s "$src/epicor-2023-draft.md" ] && ok || bad "the renamed id's output not written"
cp "$tmp/orig/epicor-2023.md" "$src/epicor-2023-draft.md"
run 2 "build after the output became a source" build -t md $today -o "$src" "$src"
same "$tmp/orig/epicor-2023.md" "$src/epicor-2023-draft.md" "a source an old record listed was replaced"
rm "$src/epicor-2023-draft.md"
run 2 "build after it went" build -t md $today -o "$src" "$src"
[ -e "$src/epicor-2023.md" ] && ok || bad "a source an old record listed was pruned"

# An output the user changed since pmc wrote it: a source gone no
# longer prunes it.
site=$tmp/site
cp -r "$tmp/orig" "$tmp/t2"
run 0 "build" build -t json $today -o "$site" "$tmp/t2"
echo '{"edited": "by hand"}' >"$site/idporten-2024.json"
rm "$tmp/t2/idporten-2024.md"
run 0 "build after a removal" build -t json $today -o "$site" "$tmp/t2"
contains "$tmp/err" "idporten-2024.json: left in place: it changed since" "an edited output is kept, with a note"
contains "$site/idporten-2024.json" "by hand" "an edited output was pruned"

# A file named like an output that pmc did not write (no record): a
# clear message, exit 2, the file as it was; the rest is built.
mkdir "$tmp/mine"
echo "my own notes" >"$tmp/mine/epicor-2023.json"
echo "<p>my own index</p>" >"$tmp/mine/index.html"
run 2 "build over a user's files" build -t json $today -o "$tmp/mine" "$tmp/t2"
contains "$tmp/err" "mine/epicor-2023.json: not replaced by the output of" "the file in the way is named"
contains "$tmp/err" "pmc build did not write it" "and why"
contains "$tmp/err" "mine/index.html: not replaced by the site index" "the index in the way is named"
contains "$tmp/mine/epicor-2023.json" "my own notes" "a user's file was replaced"
contains "$tmp/mine/index.html" "my own index" "a user's index was replaced"
[ -s "$tmp/mine/fs-canvas-2022.json" ] && ok || bad "the other sources not built"
# A second run still refuses (the record does not adopt the file) and
# a run after the file is moved away builds it.
run 2 "again" build -t json $today -o "$tmp/mine" "$tmp/t2"
rm "$tmp/mine/epicor-2023.json" "$tmp/mine/index.html"
run 0 "the files moved away" build -t json $today -o "$tmp/mine" "$tmp/t2"
[ -s "$tmp/mine/epicor-2023.json" ] && ok || bad "not built once the way is free"

# A symbolic link where an output goes is not followed nor replaced.
mkdir "$tmp/ln"
echo "outside" >"$tmp/target"
ln -s "$tmp/target" "$tmp/ln/epicor-2023.json"
run 2 "a symbolic link in the way" build -t json $today -o "$tmp/ln" "$tmp/t2"
contains "$tmp/target" "outside" "the link's target was written"
[ -L "$tmp/ln/epicor-2023.json" ] && ok || bad "the link was replaced"

# Two builds of one folder at once: the second is refused, not let to
# sweep the first one's temporary files (flock(1) stands for the first).
if command -v flock >/dev/null 2>&1; then
	mkdir "$tmp/par"
	flock "$tmp/par" "$pmc" build -t json $today -o "$tmp/par" "$tmp/t2" 2>"$tmp/err"
	[ $? -eq 2 ] && ok || bad "a second build of a locked folder not refused"
	contains "$tmp/err" "another pmc build is writing this folder" "the lock's message"
fi
finish
