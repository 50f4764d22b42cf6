#!/bin/sh
# fifo.sh: directory mode never opens a FIFO (or a link to one) named
# *.md for reading, which blocked pmc forever: it is skipped with a
# warning, in check, build and fmt, and the real sources are still read.
# A FIFO named on the command line is read like standard input. PMC
PMC=$1
# shellcheck source=SCRIPTDIR/measure.sh
. "$(dirname "$0")/measure.sh"

mkdir "$tmp/pm"
front_matter "Queue backlog" >"$tmp/pm/queue.md"
printf 'Consumers fell behind.\n' >>"$tmp/pm/queue.md"
"$PMC" fmt --policy /dev/null "$tmp/pm/queue.md" # fmt --check passes then
mkfifo "$tmp/pm/notes.md"
ln -s notes.md "$tmp/pm/latest.md"

for cmd in check build fmt; do
	case $cmd in
	check) set -- check --policy /dev/null "$tmp/pm" ;;
	build) set -- build --policy /dev/null -t json -o "$tmp/site" "$tmp/pm" ;;
	fmt) set -- fmt --check --policy /dev/null "$tmp/pm" ;;
	esac
	run_once timeout 20 "$PMC" "$@"
	[ $status -eq 124 ] && bad "$cmd: blocked on a FIFO named notes.md" || ok
	expect_status 0 "$cmd of a folder holding a FIFO"
	expect_err "notes.md: not read: not a regular file" "$cmd: the FIFO"
	expect_err "latest.md: not read: not a regular file" "$cmd: a link to it"
done
[ -f "$tmp/site/queue.json" ] && ok || bad "build: the real source was not built"

# Named on the command line, a FIFO is a stream like standard input.
rm "$tmp/pm/latest.md" "$tmp/pm/notes.md"
mkfifo "$tmp/named.md"
cat "$tmp/pm/queue.md" >"$tmp/named.md" &
run_once timeout 20 "$PMC" check --policy /dev/null "$tmp/named.md"
expect_status 0 "a FIFO named on the command line"
wait
finish
