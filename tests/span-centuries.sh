#!/bin/sh
# span-centuries.sh: a mistyped year (resolved: 2204 for 2024, started:
# 1012) makes an incident span centuries. 'pmc check' warns at the
# milestone that stands apart [span-years], and every format is still
# written: the HTML figure's ticks are years (its tick template recursed
# past libxslt's depth limit before). A template that does recurse
# forever fails with findings only: libxslt's dump of its template stack
# never reaches standard error as it is. PMC SOURCE_TREE
set -u
pmc=$1
top=$2
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"

# span STARTED RESOLVED: a source with those milestones.
span() {
	printf -- '---\ntitle: Clock skew\nseverity: SEV3\nstatus: draft\ntimezone: Europe/Oslo\nstarted: %s\nresolved: %s\n---\n\n## Summary\n\nNTP drifted.\n' "$1" "$2"
}

span "1012-06-03 08:00" "2024-06-03 09:30" >"$tmp/s1012.md"
span "0001-01-01 00:00" "9999-12-31 23:59" >"$tmp/s0001.md"
span "2024-06-03 08:00" "2024-06-03 09:30" >"$tmp/plain.md"
cp "$top/tests/regress/resolved-2204.md" "$tmp/r2204.md"

"$pmc" check --policy /dev/null "$tmp/s1012.md" 2>"$tmp/err"
grep -qF "s1012.md:6:10: warning: 'started' is 1012 years from 'resolved'" \
    "$tmp/err" && ok || { bad "started 1012: no span-years at started"; cat "$tmp/err"; }
"$pmc" check --policy /dev/null "$tmp/plain.md" 2>"$tmp/err"
grep -q 'span-years' "$tmp/err" && bad "a 90-minute incident spans years" || ok

for src in s1012 s0001 r2204; do
	for fmt in html pdf md json xml; do
		"$pmc" --policy /dev/null "$tmp/$src.md" -t $fmt \
		    -o "$tmp/$src.out.$fmt" 2>"$tmp/err"
		st=$?
		[ $st -eq 0 ] && [ -s "$tmp/$src.out.$fmt" ] && ok ||
		    { bad "$src -t $fmt: exit $st"; head -3 "$tmp/err"; }
		grep -v '\[span-years\]$' "$tmp/err" | grep -q . &&
		    { bad "$src -t $fmt: more than the warning:"; head -3 "$tmp/err"; } || ok
	done
done
ticks() {
	grep -o 'class="tick-label"[^<]*<' "$1" | sed 's/.*>//; s/<$//' | tr '\n' ' '
}
[ "$(ticks "$tmp/s1012.out.html")" = "1000 1200 1400 1600 1800 2000 " ] && ok ||
    bad "started 1012: the axis is not in centuries: $(ticks "$tmp/s1012.out.html")"
[ "$(ticks "$tmp/s0001.out.html")" = "2000 4000 6000 8000 " ] && ok ||
    bad "years 1-9999: the axis is not in millennia: $(ticks "$tmp/s0001.out.html")"

# A template that recurses without end: findings, no stack dump.
cat >"$tmp/loop.xsl" <<'XSL'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template match="/"><xsl:call-template name="again"/></xsl:template>
  <xsl:template name="again">
    <xsl:param name="n" select="0"/>
    <xsl:call-template name="again"><xsl:with-param name="n" select="$n + 1"/></xsl:call-template>
  </xsl:template>
</xsl:stylesheet>
XSL
"$pmc" --policy /dev/null "$tmp/plain.md" -t html --template "$tmp/loop.xsl" \
    -o "$tmp/loop.html" 2>"$tmp/err"
st=$?
[ $st -eq 1 ] && ok || bad "an endless template: exit $st, expected 1"
[ -e "$tmp/loop.html" ] && bad "an endless template wrote a page" || ok
grep -q 'infinite template recursion.*\[template\]$' "$tmp/err" && ok ||
    { bad "an endless template: no finding"; head -5 "$tmp/err"; }
grep -qF "template stack when it stopped" "$tmp/err" && ok ||
    bad "an endless template: the stack is not summed up"
grep -v '\[template\]$' "$tmp/err" | grep -q . &&
    { bad "libxslt wrote to stderr itself:"; grep -v '\[template\]$' "$tmp/err" | head -5; } || ok
finish
