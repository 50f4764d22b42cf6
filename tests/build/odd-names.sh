#!/bin/sh
# tests/build/odd-names.sh PMC SOURCE_TREE: file names are data. Once, a
# source named in Latin-1 or with a control character made the record
# (.pmc-build) ill-formed, and every later run rebuilt everything and
# pruned nothing; and one file named twice on the command line was two
# sources with one id.
set -u
pmc=$1
top=$2
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
src=$tmp/src
mkdir "$src"
cp "$top/samples/.pmc.yml" "$src/"
# an export from an old Windows share (Latin-1 é), a name pasted with
# a newline and a bell in it, and a '%' that looks like an escape
cp "$top/samples/epicor-2023.md" "$src/$(printf 'r\351sum\351')-epicor.md"
cp "$top/samples/fs-canvas-2022.md" "$src/$(printf 'canvas\n\a').md"
cp "$top/samples/idporten-2024.md" "$src/idporten%41.md"

run 0 "odd names" build -t json $today -o "$tmp/site" "$src"
rebuilt 3 "all three built"
if command -v xmllint >/dev/null 2>&1; then
	xmllint --noout "$tmp/site/.pmc-build" 2>"$tmp/xml" && ok ||
		bad "the record is not well-formed: $(head -3 "$tmp/xml")"
fi
run 0 "again" build -t json $today -o "$tmp/site" "$src"
contains "$tmp/err" "0 of 3 rebuilt (3 up to date)" "a second run rebuilt what the names made unreadable"
# the record gives each name back byte for byte: removing the Latin-1
# one prunes its output and keeps the others'
rm "$src/$(printf 'r\351sum\351')-epicor.md"
run 0 "one removed" build -t json $today -o "$tmp/site" "$src"
contains "$tmp/err" "0 of 2 rebuilt (2 up to date)" "the others stay up to date"
[ -e "$tmp/site/epicor-2023.json" ] && bad "the removed source's output not pruned" || ok
[ -s "$tmp/site/fs-canvas-2022.json" ] && [ -s "$tmp/site/idporten-2024.json" ] && ok ||
	bad "the others' outputs went"

# An id with a tab in it (a YAML escape) would name a file no shell
# user types: refused at its line, like an id with '/'.
mkdir "$tmp/ids"
cp "$top/samples/.pmc.yml" "$top/samples/fs-canvas-2022.md" "$tmp/ids/"
sed 's/^id: epicor-2023/id: "epicor\t2023"/' "$top/samples/epicor-2023.md" >"$tmp/ids/a.md"
run 1 "an id with a tab" build -t json $today -o "$tmp/idsite" "$tmp/ids"
contains "$tmp/err" "a.md:3:5: error: id" "the id is refused at its line"
contains "$tmp/err" "cannot name an output file: it contains a control character" "and why"
ls "$tmp/idsite" | grep -q '^epicor' && bad "an output named with a tab was written" || ok

# One file named twice, through its folder, ./, and a symbolic link: one
# source, no duplicate id.
t=$tmp/tree
ln -s epicor-2023.md "$t/latest.md"
cd "$tmp"
run 0 "one file named four ways" build -t json $today -o "$tmp/dup" tree \
	tree/epicor-2023.md ./tree/epicor-2023.md tree/latest.md
contains "$tmp/err" "4 of 4 rebuilt" "the file counts once"
grep -q "duplicate-id" "$tmp/err" && bad "a file named twice is a duplicate id" || ok
n=$(grep -c '<source ' "$tmp/dup/.pmc-build")
[ "$n" -eq 4 ] && ok || bad "the record has $n sources, expected 4"
finish
