#!/bin/sh
# exports.sh: libpmc.so exports exactly the functions include/pmc.h
# declares, no internal symbol and no missing one, under the soname of
# the ABI rule (docs/choices.md, "libpmc's ABI"). The header's list comes
# from the compiler (gcc -aux-info writes every prototype it reads), so
# that it is not written down a second time:
# CC LIBPMC_SO SOURCE_TREE BUILD_DIR
set -u
cc=$1
so=$2
top=$3
build=$4
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"

header=$top/include/pmc.h
"$cc" -aux-info "$tmp/aux" -fsyntax-only -I"$build/include" -x c "$header" \
	2>"$tmp/err" && ok || { bad "$cc -aux-info: $(cat "$tmp/err")"; finish; }
grep -F "/* $header:" "$tmp/aux" | sed 's/^.*[ *]\([A-Za-z_][A-Za-z0-9_]*\) (.*/\1/' |
	sort -u >"$tmp/declared"
nm -D --defined-only "$so" | awk '{ print $NF }' | sort -u >"$tmp/exported"
[ -s "$tmp/declared" ] && [ -s "$tmp/exported" ] && ok ||
	bad "no function found in pmc.h or in $so"
comm -13 "$tmp/declared" "$tmp/exported" >"$tmp/extra"
comm -23 "$tmp/declared" "$tmp/exported" >"$tmp/missing"
[ -s "$tmp/extra" ] && bad "exported, not in pmc.h: $(tr '\n' ' ' <"$tmp/extra")" || ok
[ -s "$tmp/missing" ] && bad "in pmc.h, not exported (PM_EXTERN?): $(tr '\n' ' ' <"$tmp/missing")" || ok

# The soname: libpmc.so.MAJOR, the major of project()'s version.
v=$(sed -n 's/^project(pmc VERSION \([0-9]*\)\..*/\1/p' "$top/CMakeLists.txt")
soname=$(readelf -d "$so" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
[ "$soname" = "libpmc.so.$v" ] && ok || bad "the soname is '$soname', not libpmc.so.$v"
finish
