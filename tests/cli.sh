#!/bin/sh
# cli.sh: the command line's contract (spec/cli.md): PMC SOURCE_TREE
set -u
pmc=$1
top=$2
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"

expect 0 "samples check" "$pmc" check --today 2025-01-01 "$top/samples"
contains "$tmp/err" "4 files checked: 0 errors" "directory mode finds the four samples"

# A README without front matter is skipped in directory mode.
mkdir -p "$tmp/tree/sub/.git"
printf '# Just a README\n' >"$tmp/tree/README.md"
cp "$top/tests/regress/timeline-order.md" "$tmp/tree/sub/"
cp "$top/tests/regress/timeline-order.md" "$tmp/tree/sub/.git/hidden.md"
expect 1 "tree with an invalid source" "$pmc" check --policy /dev/null "$tmp/tree"
contains "$tmp/err" "1 file checked: 1 error, 0 warnings" "README and hidden folders skipped"

expect 2 "missing file" "$pmc" check "$tmp/nope.md"
contains "$tmp/err" "$tmp/nope.md: No such file or directory" "missing file names path and reason"
if [ "$(id -u)" -ne 0 ]; then
	printf -- '---\n' >"$tmp/locked.md"
	chmod 000 "$tmp/locked.md"
	expect 2 "unreadable file" "$pmc" check "$tmp/locked.md"
	contains "$tmp/err" "Permission denied" "unreadable file names the reason"
fi
expect 2 "a folder as the source to compile" "$pmc" "$top/samples" -t json
contains "$tmp/err" "Is a directory" "folder given to compile"
expect 2 "unknown option" "$pmc" check --frobnicate x.md
expect 2 "unknown format" "$pmc" "$top/samples/epicor-2023.md" -t docx
expect 2 "no source" "$pmc" check

# Standard input, both front ends.
expect 0 "stdin markdown" sh -c "\"$pmc\" - -t json --policy /dev/null < \"$top/tests/regress/overdue.md\""
contains "$tmp/out" '"id": "stdin"' "stdin gets the id 'stdin'"

# Outputs: written whole or not at all; never over the source.
cp "$top/samples/epicor-2023.md" "$top/samples/.pmc.yml" "$tmp/"
mv "$tmp/epicor-2023.md" "$tmp/e.md"
expect 0 "compile to json" "$pmc" "$tmp/e.md" -o "$tmp/e.json" --today 2025-01-01
contains "$tmp/e.json" '"time_to_resolve_s": 11700' "Epicor resolves in 3 h 15 min"
printf 'earlier output\n' >"$tmp/bad.json"
expect 1 "invalid source" "$pmc" "$top/tests/regress/timeline-order.md" -o "$tmp/bad.json" --policy /dev/null
contains "$tmp/bad.json" "earlier output" "a failed compile leaves the earlier output alone"
no_temporary "$tmp"
expect 2 "output over the source" "$pmc" "$tmp/e.md" -o "$tmp/e.md" -t json
contains "$tmp/e.md" "Epicor" "the source survives"
expect 2 "unwritable folder" "$pmc" "$tmp/e.md" -o "$tmp/no/such/dir/e.json"
# An output that is not a regular file (a FIFO, /dev/stdout) is written
# to, not renamed over: it must still be a FIFO afterwards.
mkfifo "$tmp/fifo"
cat "$tmp/fifo" >"$tmp/from-fifo" &
reader=$!
expect 0 "output into a FIFO" "$pmc" "$tmp/e.md" -o "$tmp/fifo" -t json
if [ "$got" -ne 0 ]; then
	# pmc may not have opened the FIFO: its reader would wait forever
	kill $reader 2>/dev/null
elif [ -p "$tmp/fifo" ]; then
	wait $reader
	contains "$tmp/from-fifo" '"time_to_resolve_s": 11700' "the FIFO's reader got the JSON"
else
	bad "the FIFO was replaced by a file"
	kill $reader 2>/dev/null
fi

# --strict makes warnings fatal; --format json and github.
expect 1 "strict" "$pmc" check --strict --policy /dev/null "$top/tests/regress/overdue.md"
expect 0 "json diagnostics" "$pmc" check --format json --today 2025-01-01 --policy /dev/null "$top/tests/regress/overdue.md"
contains "$tmp/out" '"rule": "overdue"' "json diagnostics carry the rule"
expect 1 "github diagnostics" "$pmc" check --format github --policy /dev/null "$top/tests/regress/timeline-order.md"
contains "$tmp/out" "::error file=" "github workflow command"
contains "$tmp/out" ",line=9,col=3,title=timeline-order::" "github annotation position"

# The excerpt under a finding: characters, not bytes, for the caret.
expect 1 "excerpt" "$pmc" check --excerpt --policy /dev/null "$top/tests/regress/bad-timestamp.md"
contains "$tmp/err" "    4 | started: 2022-02-30 10:00" "excerpt line"
contains "$tmp/err" "      |                  ^~" "caret under the field"

expect 0 "list of rules" "$pmc" --list-rules
contains "$tmp/out" "timeline-order" "rules are listed"

finish
