#!/bin/sh
# run.sh PMC ROOT: the html back end as a reader meets it. Every sample,
# every valid regress case and the hostile case become one page that the
# Nu HTML Checker (vnu) accepts, in the document's language, with nothing
# in it that could run or fetch; --lang changes the labels; --template
# replaces the template, and a broken or prying one is refused with a
# finding, never with libxslt's own noise. The timeline figure's axis
# suits the incident's length and its labels do not collide.
set -u
pmc=$1
root=$2
here=$root/tests/html
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"

# The validator: $VNU_JAR, else the one npm installs (scripts/setup).
vnu=${VNU_JAR:-}
if [ -z "$vnu" ] && command -v npm >/dev/null 2>&1; then
	vnu=$(npm root -g 2>/dev/null)/vnu-jar/build/dist/vnu.jar
fi
if [ ! -f "$vnu" ] || ! command -v java >/dev/null 2>&1; then
	bad "the Nu HTML Checker is missing (java and npm's vnu-jar;" \
	    "run scripts/setup, or set VNU_JAR)"
	finish
fi

# 1. Every source that compiles becomes a page.
pages=""
for src in "$root"/samples/*.md "$root"/tests/regress/*.md "$here/hostile.md"; do
	case $src in
	*/regress/*) [ -f "${src%.md}.json" ] || continue ;;
	esac
	name=$(basename "$src" .md)
	out=$tmp/$name.html
	policy=${src%.md}.pmc.yml
	[ -f "$policy" ] || policy=
	if ! "$pmc" "$src" -t html ${policy:+--policy "$policy"} -o "$out" 2>"$tmp/$name.err"; then
		bad "$src: pmc -t html failed"
		cat "$tmp/$name.err"
		continue
	fi
	pages="$pages $out"
	[ "$(head -n 1 "$out")" = "<!DOCTYPE html>" ] && ok ||
		bad "$name: does not start with <!DOCTYPE html>"
	lang=$(sed -n 's/^lang: *//p' "$src" | head -n 1)
	grep -q "<html lang=\"${lang:-en}\">" "$out" && ok ||
		bad "$name: <html lang> is not the document's '$lang'"
	# self-contained: no fetch of anything
	if grep -Eiq '<(link|img|script|iframe)[ >]|@import|url\(' "$out"; then
		bad "$name: the page fetches or embeds something"
	else
		ok
	fi
done

# The digest of every sample, in each language: its tables, charts and
# each incident's first page (report.xsl's templates, once per incident:
# ids must stay unique) are one page too.
for lang in en nb ja; do
	out=$tmp/digest-$lang.html
	if "$pmc" digest --since 2000-01-01 --until 2030-12-31 --lang "$lang" \
		-o "$out" "$root/samples" 2>"$tmp/digest.err"; then
		pages="$pages $out"
		ok
	else
		bad "digest --lang $lang: $(cat "$tmp/digest.err")"
	fi
done

# 2. The validator accepts every page.
# shellcheck disable=SC2086
if java -jar "$vnu" --errors-only $pages >"$tmp/vnu.txt" 2>&1; then
	ok
else
	bad "vnu rejects pages:"
	cat "$tmp/vnu.txt"
fi

# 3. Nothing in any page can run: the tokenizer's view (inert.py), and
# the plain greps a reviewer would run, on the raw bytes.
if python3 "$here/inert.py" $pages >"$tmp/inert.txt"; then ok; else
	bad "pages are not inert:"
	cat "$tmp/inert.txt"
fi
h=$tmp/hostile.html
grep -iq '<script' "$h" && bad "hostile: a <script> tag" || ok
# attributes only: quoted values taken out first
sed -e 's/"[^"]*"//g' -e "s/'[^']*'//g" "$h" |
	grep -Eiq '<[a-z][^>]*[[:space:]]on[a-z]+[[:space:]]*=' &&
	bad "hostile: an on...= event handler attribute" || ok
grep -Eiq '(href|src|action)[[:space:]]*=[[:space:]]*["'"'"']?[[:space:]]*(javascript|vbscript|data):' "$h" &&
	bad "hostile: a script or data URL in an attribute" || ok
grep -q '<h1>&lt;script&gt;alert(' "$h" && ok ||
	bad "hostile: the title is not shown as text"
grep -q '&lt;/style&gt;&lt;script&gt;x&lt;/script&gt;' "$h" && ok ||
	bad "hostile: the service name is not shown as text"
grep -q ']]&gt;' "$h" && ok || bad "hostile: ']]>' in prose is not shown"
grep -q '<td class="short ticket" data-label="Ticket">JaVaScRiPt:alert</td>' "$h" && ok ||
	bad "hostile: a javascript: ticket is not plain text"

# The figure reads at every scale: 5-minute steps for the 20-minute
# hostile case, hours for the 6-hour ID-porten outage, half days for the
# 3-day FS-Canvas one, local time across the DST change of 'features'.
if python3 "$here/figure.py" "$tmp/hostile.html=10:00,10:05,10:10,10:15,10:20" \
	"$tmp/idporten-2024.html=11:00,12:00,13:00,14:00,15:00,16:00" \
	"$tmp/fs-canvas-2022.html=00:00,12:00,00:00,12:00,00:00,12:00" \
	"$tmp/features.html=00:00,00:30,01:00,01:30,03:00,03:30,04:00" \
	"$tmp/epicor-2023.html" "$tmp/firstserver-2012.html" >"$tmp/figure.txt"; then
	ok
else
	bad "the timeline figure does not read well:"
	cat "$tmp/figure.txt"
fi

# 4. Labels and dates in the document's language, or --lang's.
f=$tmp/fs-canvas-2022.html
grep -q 'Tid til oppdagelse' "$f" && ok || bad "nb: labels are not Norwegian"
grep -q '>27. april 2022 kl. 07:59</time>' "$f" && ok ||
	bad "nb: dates are not written the Norwegian way"
grep -q '検知までの時間' "$tmp/firstserver-2012.html" && ok ||
	bad "ja: labels are not Japanese"
grep -q '>2012年6月20日 17:50</time>' "$tmp/firstserver-2012.html" && ok ||
	bad "ja: dates are not written the Japanese way"
"$pmc" "$root/samples/fs-canvas-2022.md" -t html --lang en \
	-o "$tmp/en.html" 2>/dev/null
grep -q '<html lang="en">' "$tmp/en.html" && grep -q 'Time to detect' "$tmp/en.html" &&
	ok || bad "--lang en: the page is not in English"
# lists in running text: "A, B" in English, "A、B" in Japanese
grep -q '<dd>Technical support team, Application support team</dd>' \
	"$tmp/epicor-2023.html" && ok || bad "en: authors are not joined with ', '"
"$pmc" "$root/samples/epicor-2023.md" -t html --lang ja -o "$tmp/ja.html" 2>/dev/null
grep -q '<dd>Technical support team、Application support team</dd>' "$tmp/ja.html" &&
	ok || bad "ja: authors are not joined with '、'"

# A timeline is a table a day, its date in the table's head (repeated
# on each printed page); one whose dates, as written in their offsets, go
# back is one table in the order written, dated wherever the date changes.
"$pmc" "$here/dates-back.md" -t html --policy /dev/null -o "$tmp/back.html" 2>/dev/null
days=$(grep -o '<tr class="day"><th colspan="2"><time datetime="[0-9-]*"' "$tmp/back.html" |
	sed 's/.*datetime="//; s/"$//' | tr '\n' ' ')
[ "$(grep -o '<table class="timeline"' "$tmp/back.html" | wc -l)" -eq 1 ] &&
	[ "$days" = "2024-03-01 2024-03-02 2024-03-01 2024-03-02 " ] && ok ||
	bad "dates going back: not one table dated as written ($days)"
"$pmc" "$here/days.md" -t html --policy /dev/null -o "$tmp/days.html" 2>/dev/null
days=$(grep -o '<table class="timeline"><colgroup>.\{0,40\}</colgroup><thead>\(<tr><th[^<]*</th><th[^<]*</th></tr>\)\{0,1\}<tr class="day"><th colspan="2"><time datetime="[0-9-]*"' \
	"$tmp/days.html" | sed 's/.*datetime="//; s/"$//' | tr '\n' ' ')
[ "$days" = "2024-03-01 2024-03-02 2024-03-03 " ] && ok ||
	bad "three days: not three tables headed by their dates ($days)"

# 5. --template replaces the template; a broken or prying one is refused.
sample=$root/samples/epicor-2023.md
mkdir -p "$tmp/t/sub" "$tmp/other"
cat >"$tmp/t/mine.xsl" <<'EOF'
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:pm="urn:x-pmc:postmortem:1" xmlns:pmc="urn:x-pmc:xslt:1">
  <xsl:output method="html" encoding="UTF-8"/>
  <xsl:template match="/pm:postmortem">
    <html lang="{@lang}"><head><title>mine</title></head>
    <body><p id="ttr"><xsl:value-of select="pmc:label('metric.time-to-resolve')"/>:
      <xsl:value-of select="pmc:duration(pm:metrics/pm:time-to-resolve/@seconds)"/></p>
    <p id="inc"><xsl:value-of select="document('sub/data.xml')/x"/></p></body></html>
  </xsl:template>
</xsl:stylesheet>
EOF
echo '<x>included</x>' >"$tmp/t/sub/data.xml"
if "$pmc" "$sample" -t html --template "$tmp/t/mine.xsl" -o "$tmp/mine.html" 2>/dev/null &&
	grep -q 'Time to resolve:' "$tmp/mine.html" && grep -q '3 h 15 min' "$tmp/mine.html" &&
	grep -q '<p id="inc">included</p>' "$tmp/mine.html" &&
	[ "$(head -n 1 "$tmp/mine.html")" = "<!DOCTYPE html>" ]; then
	ok
else
	bad "--template: a custom template is not used as written"
fi

# refused: status 1 or 2, no output file, and every line on stderr a
# finding of the 'file:line:col: error: ... [template]' shape
refused() { # name, what it should say
	"$pmc" "$sample" -t html --template "$tmp/t/$1.xsl" -o "$tmp/$1.html" \
		2>"$tmp/$1.err"
	st=$?
	[ "$st" -eq 1 ] || [ "$st" -eq 2 ] || { bad "$1: exit status $st"; return; }
	[ -e "$tmp/$1.html" ] && { bad "$1: an output was written"; return; }
	grep -v -E '\[(update-gap|overdue)\]$' "$tmp/$1.err" |
		grep -v -E '^[^ ]+(:[0-9]+:[0-9]+)?: (error|warning): .* \[template\]$' >"$tmp/$1.noise"
	[ -s "$tmp/$1.noise" ] && { bad "$1: stray output on stderr:"; cat "$tmp/$1.noise"; return; }
	grep -q "$2" "$tmp/$1.err" && ok || { bad "$1: stderr does not say '$2'"; cat "$tmp/$1.err"; }
}
printf '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">\n<xsl:template match="/">\n<p>\n</xsl:template>\n</xsl:stylesheet>\n' >"$tmp/t/broken.xsl"
refused broken 'broken.xsl:4:1: error: Opening and ending tag mismatch'
printf '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">\n<xsl:template match="/">\n<p><xsl:value-of select="substring(("/></p>\n</xsl:template>\n</xsl:stylesheet>\n' >"$tmp/t/badxpath.xsl"
refused badxpath 'badxpath.xsl:3:1: error: .*could not compile'
echo 'secret' >"$tmp/other/secret.xml"
printf '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">\n<xsl:template match="/">\n<p><xsl:value-of select="document(\047../other/secret.xml\047)"/><xsl:value-of select="document(\047/etc/passwd\047)"/></p>\n</xsl:template>\n</xsl:stylesheet>\n' >"$tmp/t/prying.xsl"
sed "s|\.\./other|$tmp/other|" "$tmp/t/prying.xsl" >"$tmp/t/prying2.xsl"
refused prying2 'read.*refused\|denied'
printf '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">\n<xsl:include href="%s/other/x.xsl"/>\n</xsl:stylesheet>\n' "$tmp" >"$tmp/t/including.xsl"
cp "$tmp/t/mine.xsl" "$tmp/other/x.xsl"
refused including 'refused\|denied'
printf '<xsl:stylesheet version="1.1" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">\n<xsl:template match="/"><xsl:document href="%s/written.html"><p>x</p></xsl:document><p>x</p></xsl:template>\n</xsl:stylesheet>\n' "$tmp" >"$tmp/t/writing.xsl"
refused writing 'refused\|denied\|forbidden'
[ -e "$tmp/written.html" ] && bad "writing: the template wrote a file" || ok
printf '<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">\n<xsl:template match="/"><p><xsl:value-of select="document(\047http://127.0.0.1:9/x.xml\047)"/></p></xsl:template>\n</xsl:stylesheet>\n' >"$tmp/t/network.xsl"
refused network 'refused\|denied\|forbidden'

finish
