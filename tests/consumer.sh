#!/bin/sh
# consumer.sh: libpmc as another program uses it. This source tree is
# built for a prefix of its own and installed there; then, each from a
# clean folder, a small C program (tests/consumer/app.c) is built against
# the installation with pkg-config and with CMake's find_package(pmc
# CONFIG), linked with the shared libpmc (libpmc.so.0) and with the static
# one, and run: it compiles a sample to HTML with the installed templates,
# and makes a site index of its summary and of one kept as pmc build
# keeps it (pm_site_entry_new(), pm_site_index()). A second
# (tests/consumer/editor.c) asks what an editor asks: a hover, the
# outline, the words to complete, in the installed labels.
# pmc.pc gives consumers only pmc's own include folder and no absolute
# library path. SOURCE_TREE
set -u
top=$1
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"

prefix=$tmp/prefix
cmake -S "$top" -B "$tmp/build" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
	-DCMAKE_INSTALL_PREFIX="$prefix" >"$tmp/log" 2>&1 &&
	cmake --build "$tmp/build" -j "$(nproc)" >>"$tmp/log" 2>&1 &&
	cmake --install "$tmp/build" >>"$tmp/log" 2>&1 ||
	{ tail -20 "$tmp/log"; bad "building and installing pmc for $prefix"; finish; }
# Nothing of the source tree or the build is needed from here on.
rm -rf "$tmp/build"
sample=$top/samples/epicor-2023.md
want_templates=$prefix/share/pmc/templates

check_app() { # HOW APP
	"$2" "$sample" >"$tmp/app.out" 2>"$tmp/app.err"
	st=$?
	[ $st -eq 0 ] && ok || { bad "$1: the program failed ($st): $(cat "$tmp/app.err")"; return; }
	grep -qx "templates $want_templates" "$tmp/app.out" && ok ||
		bad "$1: not the installed templates: $(grep templates "$tmp/app.out")"
	grep -qx "version $("$prefix/bin/pmc" --version | cut -d' ' -f2)" "$tmp/app.out" && ok ||
		bad "$1: pmc_version.h and pmc --version differ"
	# the sample's summary: its figures as its report gives them, the one
	# open follow-up (due 2023-12-31: overdue from the day after, so the
	# same outputs from 2024-01-01 on), and both entries linked in the
	# index, the path percent-encoded, with the day it counts by
	for want in "id epicor-2023" "severity Major" "ttd 0" "ttr 11700" \
		"open 1" "actions 1" "window 2024-01-01 -" "index first kept today"; do
		grep -qx "$want" "$tmp/app.out" && ok ||
			bad "$1: no '$want' from the site API: $(tr '\n' ' ' <"$tmp/app.out")"
	done
}

# linked HOW APP shared|static: the program needs libpmc.so.0, or no libpmc.
linked() {
	if readelf -d "$2" | grep -q 'NEEDED.*\[libpmc\.so\.0\]'; then got=shared; else got=static; fi
	[ "$got" = "$3" ] && ok || bad "$1: linked with the $got libpmc, not the $3 one"
}

# pkg-config: -lpmc is the shared library, found at run time here through
# LD_LIBRARY_PATH (the prefix is no system folder); --static's flags link
# libpmc.a. The Cflags are pmc's own.
PKG_CONFIG_PATH=$(dirname "$(find "$prefix" -name pmc.pc | head -1)")
export PKG_CONFIG_PATH
cflags=$(pkg-config --cflags pmc) && libs=$(pkg-config --libs pmc) &&
	slibs=$(pkg-config --static --libs pmc) && ok ||
	{ bad "pkg-config does not find pmc"; finish; }
case $cflags in
*glib* | *freetype* | *libpng* | *harfbuzz*) bad "pmc.pc gives consumers other libraries' folders: $cflags" ;;
*) ok ;;
esac
echo "$slibs" | grep -q '/[^ ]*\.\(so\|a\)\b' && bad "pmc.pc names a library by its path: $slibs" || ok
mkdir "$tmp/pc"
cp "$top/tests/consumer/app.c" "$top/tests/consumer/editor.c" "$tmp/pc/"
# CFLAGS: scripts/test-sanitize builds libpmc with the sanitizers.
# shellcheck disable=SC2086 # the flags are words of their own
(cd "$tmp/pc" && cc -std=c11 ${CFLAGS:-} -o app app.c $cflags $libs &&
	cc -std=c11 ${CFLAGS:-} -o editor editor.c $cflags $libs &&
	cc -std=c11 ${CFLAGS:-} -o app-static app.c $cflags \
		$(echo "$slibs" | sed 's/-lpmc\b/-l:libpmc.a/')) 2>"$tmp/cc.err" && ok ||
	{ bad "cc with pkg-config's flags: $(head -5 "$tmp/cc.err")"; }
if [ -x "$tmp/pc/app" ]; then
	linked pkg-config "$tmp/pc/app" shared
	LD_LIBRARY_PATH=$(pkg-config --variable=libdir pmc) check_app pkg-config "$tmp/pc/app"
fi
# check_editor HOW EDITOR
check_editor() {
	"$2" 2>"$tmp/editor.err" && ok || bad "$1: what an editor asks: $(cat "$tmp/editor.err")"
}
if [ -x "$tmp/pc/editor" ]; then
	LD_LIBRARY_PATH=$(pkg-config --variable=libdir pmc) check_editor pkg-config "$tmp/pc/editor"
fi
if [ -x "$tmp/pc/app-static" ]; then
	linked "pkg-config --static" "$tmp/pc/app-static" static
	check_app "pkg-config --static" "$tmp/pc/app-static"
fi

# CMake: find_package(pmc CONFIG) from a clean folder.
mkdir "$tmp/cm"
cp "$top/tests/consumer/app.c" "$top/tests/consumer/editor.c" \
	"$top/tests/consumer/CMakeLists.txt" "$tmp/cm/"
(cd "$tmp/cm" && cmake -S . -B out -DCMAKE_PREFIX_PATH="$prefix" >"$tmp/cm.log" 2>&1 &&
	cmake --build out >>"$tmp/cm.log" 2>&1) && ok ||
	{ bad "find_package(pmc CONFIG): $(tail -15 "$tmp/cm.log")"; }
for app in app app-static; do
	[ -x "$tmp/cm/out/$app" ] || continue
	how=cmake want=shared
	[ $app = app ] || how="cmake pmc::pmc_static" want=static
	linked "$how" "$tmp/cm/out/$app" $want
	check_app "$how" "$tmp/cm/out/$app"
done
[ -x "$tmp/cm/out/editor" ] && check_editor cmake "$tmp/cm/out/editor"
finish
