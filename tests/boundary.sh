#!/bin/sh
# boundary.sh: the command line is built on the public API: no source of
# pmc's (nor a header of its own they include) includes a header of the
# library's internals, those the library's sources include from src/,
# but for a utility whose source the command line compiles for itself
# (alloc.c, utf8.c).
# A source that still did while it was being moved (issue 15, module by
# module) was listed below; the list is empty now and is to stay so: a
# listed file that no longer needs an internal header fails too, until
# it is taken off.
# SOURCE_TREE LIBRARY_SOURCE... -- CLI_SOURCE...
set -u
top=$1
shift
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"

still=""

lib="" cli="" side=lib
for a in "$@"; do
	case $a in
	--) side=cli ;;
	src/*.c) if [ $side = lib ]; then lib="$lib $a"; else cli="$cli $a"; fi ;;
	esac
done
[ -n "$lib" ] && [ -n "$cli" ] && ok || { bad "no library or CLI sources given"; finish; }

# includes FILE...: the src/ headers the files include, one a line.
includes() {
	for f in "$@"; do
		sed -n 's/^#include "\([A-Za-z0-9_]*\.h\)".*/src\/\1/p' "$top/$f"
	done | sort -u | while read -r h; do [ -f "$top/$h" ] && echo "$h"; done
}
# closure FILE...: those headers and the headers they include, and so on.
closure() {
	includes "$@" >"$tmp/c.new"
	: >"$tmp/c.all"
	while [ -s "$tmp/c.new" ]; do
		sort -u "$tmp/c.all" "$tmp/c.new" >"$tmp/c.tmp"
		mv "$tmp/c.tmp" "$tmp/c.all"
		# shellcheck disable=SC2046
		includes $(cat "$tmp/c.new") | sort -u | comm -23 - "$tmp/c.all" >"$tmp/c.next"
		mv "$tmp/c.next" "$tmp/c.new"
	done
	cat "$tmp/c.all"
}
# shellcheck disable=SC2086
closure $lib >"$tmp/lib"
for f in $cli; do echo "$f"; done | sed -n 's/\.c$/.h/p' | sort >"$tmp/own"
comm -23 "$tmp/lib" "$tmp/own" >"$tmp/private"
grep -qx src/doc.h "$tmp/private" && ok || bad "doc.h is not found private: the list is wrong"

# The CLI's files: its sources and the headers of its own they include.
# shellcheck disable=SC2086
{ for f in $cli; do echo "$f"; done; closure $cli | comm -23 - "$tmp/private"; } >"$tmp/cli"
while read -r f; do
	inc=$(includes "$f" | comm -12 - "$tmp/private" | sed 's|^src/||' | tr '\n' ' ')
	listed=no
	for s in $still; do [ "$s" = "$f" ] && listed=yes; done
	if [ -n "$inc" ] && [ $listed = no ]; then
		bad "$f includes the library's internal $inc(only pmc.h is public)"
	elif [ -z "$inc" ] && [ $listed = yes ]; then
		bad "$f is on the public API now: take it off the list in $0"
	else
		ok
	fi
done <"$tmp/cli"
finish
