#!/bin/sh
# lazy-libs.sh: the libraries only some commands need are loaded by those
# commands, not by every pmc that starts (src/pdflibs.h, src/serve_http.c):
# neither pmc nor libpmc.so needs the PDF stack or the HTTP server's
# library, a check runs without loading them, and a PDF loads the PDF
# stack. The loader's own trace (LD_DEBUG=files) says what was loaded.
# PMC BUILD_DIR SOURCE_TREE
set -u
pmc=$1
build=$2
top=$3
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"

lazy='libhpdf\|libharfbuzz\|libfontconfig\|libfreetype\|libglib\|libmicrohttpd\|libgnutls'
for bin in "$pmc" "$(find "$build" -maxdepth 1 -name 'libpmc.so.*.*' | head -1)"; do
	[ -f "$bin" ] || { bad "no $bin"; continue; }
	objdump -p "$bin" | grep NEEDED >"$tmp/needed"
	grep -q "$lazy" "$tmp/needed" &&
		bad "$(basename "$bin") links what it should load on need: $(grep "$lazy" "$tmp/needed" | tr -s ' \n' ' ')" || ok
done

loaded() { # COMMAND...: the libraries the run loaded, one a line
	LD_DEBUG=files "$@" 2>&1 >/dev/null | sed -n 's/.*file=\([^ ]*\) .*/\1/p' | sort -u
}
loaded "$pmc" check $today "$top/samples/idporten-2024.md" >"$tmp/check"
grep -q 'libxml2' "$tmp/check" && ok || bad "the loader's trace is not read (no libxml2 in it)"
grep -q "$lazy" "$tmp/check" &&
	bad "pmc check loads $(grep "$lazy" "$tmp/check" | tr '\n' ' ')" || ok
loaded "$pmc" $today "$top/samples/idporten-2024.md" -o "$tmp/r.html" >"$tmp/html"
grep -q "$lazy" "$tmp/html" &&
	bad "pmc -t html loads $(grep "$lazy" "$tmp/html" | tr '\n' ' ')" || ok
loaded "$pmc" $today "$top/samples/idporten-2024.md" -o "$tmp/r.pdf" >"$tmp/pdf"
for lib in libhpdf libharfbuzz libharfbuzz-subset libfontconfig; do
	grep -q "^$lib[.-]" "$tmp/pdf" && ok || bad "pmc -t pdf did not load $lib"
done
head -c 5 "$tmp/r.pdf" | grep -q '%PDF-' && ok || bad "pmc -t pdf wrote no PDF"
finish
