#!/bin/sh
# lazy-libs.sh: the libraries only some commands need are loaded by those
# commands, not by every pmc that starts (src/lazylibs.h, src/dlfill.h):
# neither pmc nor libpmc.so links the PDF stack, libdeflate, libxslt or
# the HTTP server's library; a check loads none of them, an HTML report
# libxslt alone, a PDF the PDF stack and libdeflate and no libxslt, an
# import none of them. A library that is there but broken is a finding
# and exit 1 (pmc serve: a message and exit 2), never a crash. The
# loader's own trace (LD_DEBUG=files) says what was loaded.
# PMC BUILD_DIR SOURCE_TREE
set -u
pmc=$1
build=$2
top=$3
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"

pdf='libhpdf\|libharfbuzz\|libfontconfig\|libfreetype\|libglib\|libdeflate'
lazy="$pdf"'\|libxslt\|libmicrohttpd\|libgnutls'
for bin in "$pmc" "$(find "$build" -maxdepth 1 -name 'libpmc.so.*.*' | head -1)"; do
	[ -f "$bin" ] || { bad "no $bin"; continue; }
	objdump -p "$bin" | grep NEEDED >"$tmp/needed"
	grep -q "$lazy" "$tmp/needed" &&
		bad "$(basename "$bin") links what it should load on need: $(grep "$lazy" "$tmp/needed" | tr -s ' \n' ' ')" || ok
done

loaded() { # COMMAND...: the libraries the run loaded, one a line
	LD_DEBUG=files "$@" 2>&1 >/dev/null | sed -n 's/.*file=\([^ ]*\) .*/\1/p' | sort -u
}
# none COMMAND FILE PATTERN: the run traced in FILE loaded nothing PATTERN matches
none() {
	grep -q "$3" "$2" && bad "$1 loads $(grep "$3" "$2" | tr '\n' ' ')" || ok
}
sample=$top/samples/idporten-2024.md
loaded "$pmc" check $today "$sample" >"$tmp/check"
grep -q 'libxml2' "$tmp/check" && ok || bad "the loader's trace is not read (no libxml2 in it)"
none "pmc check" "$tmp/check" "$lazy"

loaded "$pmc" $today "$sample" -o "$tmp/r.html" >"$tmp/html"
grep -q '^libxslt[.]' "$tmp/html" && ok || bad "pmc -t html did not load libxslt"
none "pmc -t html" "$tmp/html" "$pdf"
grep -q '</html>' "$tmp/r.html" && ok || bad "pmc -t html wrote no page"

loaded "$pmc" $today "$sample" -o "$tmp/r.pdf" >"$tmp/pdf"
for lib in libhpdf libharfbuzz libharfbuzz-subset libfontconfig libdeflate; do
	grep -q "^$lib[.-]" "$tmp/pdf" && ok || bad "pmc -t pdf did not load $lib"
done
none "pmc -t pdf" "$tmp/pdf" libxslt
head -c 5 "$tmp/r.pdf" | grep -q '%PDF-' && ok || bad "pmc -t pdf wrote no PDF"

# jansson stays linked: pmc lsp calls it throughout (docs/choices.md,
# "Start-up"); an import loads it and nothing else of these.
loaded "$pmc" import --from statuspage "$top/tests/import/statuspage-incident.json" \
	-o "$tmp/d.md" >"$tmp/import"
grep -q '^libjansson[.]' "$tmp/import" && ok || bad "pmc import did not load jansson"
none "pmc import" "$tmp/import" "$lazy"
[ -s "$tmp/d.md" ] && ok || bad "pmc import wrote no draft"

# A library found but unusable (here one with no functions, first on
# the search path) is a finding naming it, exit 1, and no output file.
mkdir "$tmp/broken"
: >"$tmp/empty.c"
for case in libxslt.so.1:html:template libdeflate.so.0:pdf:pdf; do
	lib=${case%%:*} fmt=${case#*:} rule=${fmt#*:} fmt=${fmt%:*}
	cc -shared -o "$tmp/broken/$lib" -Wl,-soname,"$lib" "$tmp/empty.c" ||
		{ bad "cannot build a stand-in $lib"; continue; }
	expect 1 "pmc -t $fmt without a usable $lib" \
		env LD_LIBRARY_PATH="$tmp/broken" "$pmc" $today "$sample" -o "$tmp/x.$fmt"
	grep -q "error: cannot load .*$lib has no .*\[$rule\]" "$tmp/err" && ok ||
		bad "pmc -t $fmt without a usable $lib: no finding naming it: $(cat "$tmp/err")"
	[ ! -e "$tmp/x.$fmt" ] && ok || bad "pmc -t $fmt without a usable $lib wrote $tmp/x.$fmt"
	rm -f "$tmp/broken/$lib"
done
mkdir "$tmp/site"
cp "$sample" "$tmp/site/"
cc -shared -o "$tmp/broken/libmicrohttpd.so.12" -Wl,-soname,libmicrohttpd.so.12 \
	"$tmp/empty.c" && ok || bad "cannot build a stand-in libmicrohttpd.so.12"
expect 2 "pmc serve without a usable libmicrohttpd" \
	env LD_LIBRARY_PATH="$tmp/broken" "$pmc" serve "$tmp/site"
grep -q "cannot load the HTTP server's library: .*libmicrohttpd.so.12 has no" "$tmp/err" && ok ||
	bad "pmc serve without a usable libmicrohttpd: $(cat "$tmp/err")"
finish
