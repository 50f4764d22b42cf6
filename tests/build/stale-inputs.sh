#!/bin/sh
# tests/build/stale-inputs.sh PMC SOURCE_TREE: every input of an output is
# in its build key. Once, a second run kept outputs made with a file the
# --template includes, a zone file, or a pmc binary that had since
# changed, because none of them was part of the key.
set -u
pmc=$1
top=$2
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
src=$tmp/tree

# A template that includes another: editing the included one rebuilds.
mkdir "$tmp/tpl"
cat >"$tmp/tpl/main.xsl" <<'XSL'
<?xml version="1.0"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="parts/page.xsl"/>
</xsl:stylesheet>
XSL
mkdir "$tmp/tpl/parts"
page() {
	cat >"$tmp/tpl/parts/page.xsl" <<XSL
<?xml version="1.0"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="html"/>
  <xsl:template match="/"><html><body><p>$1</p></body></html></xsl:template>
</xsl:stylesheet>
XSL
}
page "Incident review, draft layout"
run 0 "build with a template" build -t html --template "$tmp/tpl/main.xsl" $today -o "$tmp/h" "$src"
contains "$tmp/h/epicor-2023.html" "draft layout" "the included template is used"
run 0 "again" build -t html --template "$tmp/tpl/main.xsl" $today -o "$tmp/h" "$src"
rebuilt 0 "nothing changed, nothing rebuilt"
page "Incident review, final layout"
run 0 "included template edited" build -t html --template "$tmp/tpl/main.xsl" $today -o "$tmp/h" "$src"
rebuilt 4 "an edit of an included template rebuilds every html output"
contains "$tmp/h/epicor-2023.html" "final layout" "the edited include is used"

# The zone files a source's times are read in: a tzdata update that
# changes Oslo's rules rebuilds the two Oslo postmortems, nothing else.
mkdir -p "$tmp/zi"
cp -r /usr/share/zoneinfo/Europe /usr/share/zoneinfo/Asia "$tmp/zi/"
TZDIR=$tmp/zi
export TZDIR
run 0 "build with a TZDIR" build -t json $today -o "$tmp/z" "$src"
cp "$tmp/z/fs-canvas-2022.json" "$tmp/before.json"
run 0 "again" build -t json $today -o "$tmp/z" "$src"
rebuilt 0 "same zones, nothing rebuilt"
cp /usr/share/zoneinfo/Asia/Kolkata "$tmp/zi/Europe/Oslo"
run 0 "Oslo's rules changed" build -t json $today -o "$tmp/z" "$src"
rebuilt 2 "a changed zone file rebuilds the sources that use it"
cmp -s "$tmp/before.json" "$tmp/z/fs-canvas-2022.json" && bad "the output kept the old zone" || ok
unset TZDIR

# The pmc binary itself, not only its version: a pmc built from other
# code (here: without its build-id note) rebuilds everything.
run 0 "build" build -t json $today -o "$tmp/b" "$src"
run 0 "again" build -t json $today -o "$tmp/b" "$src"
rebuilt 0 "the same pmc rebuilds nothing"
if objcopy --remove-section .note.gnu.build-id "$pmc" "$tmp/pmc2" 2>/dev/null; then
	"$tmp/pmc2" build -t json $today -o "$tmp/b" "$src" 2>"$tmp/err"
	rebuilt 4 "another pmc binary of the same version rebuilds everything"
	run 0 "the first pmc again" build -t json $today -o "$tmp/b" "$src"
	rebuilt 4 "and back"
fi
finish
