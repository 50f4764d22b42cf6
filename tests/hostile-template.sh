#!/bin/sh
# hostile-template.sh: an HTML template (--template) cannot write files,
# read files outside the template folders, reach the network or expand
# entities: each attempt is refused with an error (exit 1), nothing is
# written or leaked, and the earlier output stays. PMC SOURCE_TREE
set -u
pmc=$1
top=$2
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
src=$top/samples/epicor-2023.md
# A template may read beside itself (its own includes); the secret is
# outside its folder.
mkdir "$tmp/tpl"
secret=$tmp/secret.xml
printf '<secret>TOP-SECRET-CONTENT</secret>\n' >"$secret"

# sheet NAME BODY [PROLOGUE]: a stylesheet whose root template holds BODY.
sheet() {
	cat >"$tmp/tpl/$1.xsl" <<EOF
<?xml version="1.0"?>
${3:-}
<xsl:stylesheet version="1.1" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:exsl="http://exslt.org/common" extension-element-prefixes="exsl">
  <xsl:template match="/"><html><body>$2</body></html></xsl:template>
</xsl:stylesheet>
EOF
}

# refused NAME WANT_TEXT: compiling with the template fails with exit 1
# and an error saying why, writes nothing and leaves the earlier output.
refused() {
	printf 'earlier output' >"$tmp/out.html"
	timeout 60 "$pmc" "$src" --today 2025-01-01 -t html \
	    --template "$tmp/tpl/$1.xsl" -o "$tmp/out.html" >/dev/null 2>"$tmp/err"
	status=$?
	[ $status -eq 1 ] && ok || bad "$1: exit $status, expected 1"
	grep -q "$2" "$tmp/err" && ok || bad "$1: no '$2' in: $(cat "$tmp/err")"
	[ "$(cat "$tmp/out.html")" = "earlier output" ] && ok ||
	    bad "$1: the earlier output was changed"
	grep -q "TOP-SECRET" "$tmp/err" && bad "$1: the secret reached stderr" || ok
	no_temporary "$tmp" "$1"
}

sheet write-xsl "<xsl:document href=\"$tmp/pwned1\" method=\"text\">x</xsl:document>"
refused write-xsl "write rights for $tmp/pwned1 denied"
sheet write-exsl "<exsl:document href=\"$tmp/pwned2\" method=\"text\">x</exsl:document>"
refused write-exsl "\[template\]"
sheet write-relative "<xsl:document href=\"pwned3\" method=\"text\">x</xsl:document>"
refused write-relative "write rights for .*pwned3 denied"
wrote=$(find "$tmp" . -maxdepth 2 -name 'pwned*' 2>/dev/null)
[ -z "$wrote" ] && ok || bad "a template wrote: $wrote"

sheet read-file "<xsl:copy-of select=\"document('$secret')\"/>"
refused read-file "read rights for $secret denied"
sheet read-url "<xsl:copy-of select=\"document('file://$secret')\"/>"
refused read-url "read rights for file://$secret denied"
sheet read-passwd "<xsl:value-of select=\"document('/etc/passwd')\"/>"
refused read-passwd "read rights for /etc/passwd denied"
sheet read-network "<xsl:copy-of select=\"document('http://127.0.0.1:9/x.xml')\"/>"
refused read-network "read rights for http://127.0.0.1:9/x.xml denied"
sheet include "" "<!-- see the xsl:include below -->"
sed -i "s|<xsl:template match|<xsl:include href=\"$secret\"/><xsl:template match|" "$tmp/tpl/include.xsl"
refused include "read rights for $secret denied"

# An external entity in the template is not expanded: whatever the page
# becomes, the file's content is not in it.
sheet entity "&secret;" "<!DOCTYPE xsl:stylesheet [ <!ENTITY secret SYSTEM \"file://$secret\"> ]>"
timeout 60 "$pmc" "$src" --today 2025-01-01 -t html --template "$tmp/tpl/entity.xsl" \
    -o "$tmp/entity.html" >/dev/null 2>"$tmp/err"
grep -q "TOP-SECRET" "$tmp/entity.html" "$tmp/err" 2>/dev/null &&
    bad "entity: the file's content was expanded into the output" || ok

# Endless recursion ends with an error, not a crash.
cat >"$tmp/tpl/recurse.xsl" <<'EOF'
<?xml version="1.0"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template match="/"><html><body><xsl:call-template name="r"/></body></html></xsl:template>
  <xsl:template name="r"><b><xsl:call-template name="r"/></b></xsl:template>
</xsl:stylesheet>
EOF
refused recurse "infinite template recursion"

# xsl:message terminate="yes" stops the page: nothing written.
sheet terminate '<xsl:message terminate="yes">stop</xsl:message>'
refused terminate "\[template\]"

finish
