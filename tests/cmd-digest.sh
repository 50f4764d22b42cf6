#!/bin/sh
# cmd-digest.sh: pmc digest over a generated quarter of postmortems with
# known figures: four incidents in Q1 2024 (one SEV1, three SEV2) and two
# in Q4 2023, the period before. Each headline number is asserted, the
# comparison with the previous period, the rows in start order, the open
# follow-ups overdue first, GitHub's reading of the tables, the labels
# of each language, and bad periods refused. PMC SOURCE_TREE
set -u
pmc=$1
top=$2
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"

# pm ID SEV START DETECTED RESOLVED FOLLOW-UP-LINES
pm() {
	{
		printf -- '---\ntitle: Incident %s\nid: %s\nseverity: %s\nstatus: draft\ntimezone: UTC\n' "$1" "$1" "$2"
		printf 'started: %s\ndetected: %s\nresolved: %s\n' "$3" "$4" "$5"
		printf 'impact: "Checkout errors for %s"\n---\n\n## Summary\n\nSomething broke.\n\n## Follow-ups\n\n%b' "$1" "$6"
	} >"$tmp/src/$1.md"
}
mkdir "$tmp/src"
# Q1 2024: durations 1 h, 3 h, 30 min, 2 h (total 6 h 30 min, median
# 1 h 30 min); detection after 10, 20, 5 and 15 min (median 12 min 30 s)
pm q1-a SEV1 '2024-01-10 08:00' '2024-01-10 08:10' '2024-01-10 09:00' \
	'- [ ] Add an alert (owner: SRE, due: 2024-02-01)\n- [x] Fix the bug (owner: Dev, due: 2024-01-20)\n'
pm q1-b SEV2 '2024-02-05 12:00' '2024-02-05 12:20' '2024-02-05 15:00' \
	'- [ ] Write the runbook (owner: Ops, due: 2024-12-01)\n'
pm q1-c SEV2 '2024-03-01 23:50' '2024-03-01 23:55' '2024-03-02 00:20' \
	'- [x] Raise the quota (owner: Ops, due: 2024-03-05)\n'
pm q1-d SEV2 '2024-03-31 10:00' '2024-03-31 10:15' '2024-03-31 12:00' \
	'- [ ] Load test the new path (owner: Dev, due: 2024-07-15)\n'
# Q4 2023, the period before: two incidents of 4 h
pm q4-a SEV2 '2023-10-02 09:00' '2023-10-02 09:30' '2023-10-02 13:00' '- [x] Done (owner: Ops, due: 2023-11-01)\n'
pm q4-b SEV3 '2023-12-30 09:00' '2023-12-30 09:30' '2023-12-30 13:00' '- [x] Done (owner: Ops, due: 2024-01-05)\n'
# outside both periods
pm later SEV1 '2024-04-01 00:00' '2024-04-01 00:05' '2024-04-01 01:00' ''

digest() {
	"$pmc" digest --policy /dev/null --today 2024-06-01 "$@" 2>"$tmp/err"
}

digest --since 2024-01-01 --until 2024-03-31 "$tmp/src" >"$tmp/q1.md" && ok ||
	bad "digest: exit $? $(cat "$tmp/err")"
has() {
	grep -qxF -- "$1" "$tmp/q1.md" && ok || bad "no line '$1' in:
$(sed 's/^/  | /' "$tmp/q1.md")"
}
has '# Incidents 1 January 2024 – 31 March 2024'
has '- **4 incidents** (previous period: 2)'
has '- **Severity:** SEV1 1 · SEV2 3'
has '- **Total duration:** 6 h 30 min (previous period: 8 h)'
has '- **Time to detect (median):** 13 min (previous period: 30 min)'
has '- **Time to resolve (median):** 1 h 30 min (previous period: 4 h)'
has '- **Time to acknowledge (median):** –'
has '- **Follow-ups:** 3 open (1 overdue) · 2 done · 5 in all'
# rows in start order, the one of 1 April left out
sed -n 's/^| [^|]* | Incident \(q[^ ]*\) .*/\1/p' "$tmp/q1.md" | tr '\n' ' ' >"$tmp/order"
[ "$(cat "$tmp/order")" = "q1-a q1-b q1-c q1-d " ] && ok ||
	bad "rows: $(cat "$tmp/order")"
grep -q 'Checkout errors for q1-b' "$tmp/q1.md" && ok || bad "impact line in the row"
# open follow-ups: the overdue one first
sed -n '/^## Open follow-ups/,$p' "$tmp/q1.md" | grep '^| q1' | head -1 |
	grep -q '| q1-a | Add an alert | SRE | 2024-02-01 | Overdue |' && ok ||
	bad "open follow-ups: overdue first"
if command -v cmark-gfm >/dev/null; then
	cmark-gfm -e table "$tmp/q1.md" >"$tmp/q1.html"
	[ "$(grep -c '<table>' "$tmp/q1.html")" -eq 2 ] && ok || bad "two tables on GitHub"
fi

# the languages
digest --since 2024-01-01 --until 2024-03-31 --lang nb "$tmp/src" >"$tmp/nb.md"
grep -qxF -- '- **4 hendelser** (forrige periode: 2)' "$tmp/nb.md" && ok || bad "nb headline"
grep -qxF -- '- **Samlet varighet:** 6 t 30 min (forrige periode: 8 t)' "$tmp/nb.md" && ok || bad "nb total"
digest --since 2024-01-01 --until 2024-03-31 --lang ja "$tmp/src" >"$tmp/ja.md"
grep -qxF -- '- **インシデント4件** (前期間: 2)' "$tmp/ja.md" && ok || bad "ja headline"
grep -qF '**重大度**：SEV1 1 · SEV2 3' "$tmp/ja.md" && ok || bad "ja severity"

# the public version: an internal follow-up and an address in the impact
# line stay out, as in each source's public report
mkdir "$tmp/pub"
cat >"$tmp/pub/vendor.md" <<'PM'
---
title: Vendor API outage
severity: SEV2
status: draft
timezone: UTC
started: 2024-02-01 10:00
resolved: 2024-02-01 11:00
impact: "Orders failed; write to ops-lead@example.com for the list"
---

## Summary

The vendor's API was down.

## Follow-ups

- [ ] Publish a status page note (owner: Comms, due: 2024-12-01)

<!-- internal -->
- [ ] Claim the SLA credit from the vendor (owner: Legal, due: 2024-12-01)
<!-- /internal -->
PM
digest --since 2024-01-01 --until 2024-03-31 "$tmp/pub" >"$tmp/int.md"
digest --since 2024-01-01 --until 2024-03-31 --audience public "$tmp/pub" >"$tmp/pub.md"
grep -q 'Claim the SLA credit' "$tmp/int.md" && ok || bad "internal digest lacks the internal item"
grep -q 'Claim the SLA credit\|ops-lead@example.com' "$tmp/pub.md" && bad "public digest leaks: $(cat "$tmp/pub.md")" || ok
grep -q 'Publish a status page note' "$tmp/pub.md" && ok || bad "public digest lost the public item"
# the HTML and PDF show each incident's first page too: from the public
# reading of the source, never the internal one
digest --since 2024-01-01 --until 2024-03-31 --audience public -t html "$tmp/pub" >"$tmp/pub.html"
grep -q 'Claim the SLA credit\|ops-lead@example.com\|class="badge audience"' "$tmp/pub.html" &&
	bad "public html digest leaks" || ok
grep -q 'Vendor API outage</h1>' "$tmp/pub.html" && ok || bad "public html digest: no first page"
if command -v pdftotext >/dev/null; then
	digest --since 2024-01-01 --until 2024-03-31 --audience public -o "$tmp/pub.pdf" "$tmp/pub"
	pdftotext "$tmp/pub.pdf" - | grep -q 'Claim the SLA credit\|ops-lead@example.com\|Internal' &&
		bad "public pdf digest leaks" || ok
	pdftotext "$tmp/pub.pdf" - | grep -q 'At a glance' && ok || bad "public pdf digest: no first page"
fi

# HTML: the same digest in the reports' look; every piece of source text
# stays text (a title that looks like a tag or a link, an impact line
# with markup), nothing runs, nothing is fetched
mkdir "$tmp/evil"
cat >"$tmp/evil/x.md" <<'PM'
---
title: "<script>alert(1)</script> [click](javascript:alert(2)) <img src=x onerror=alert(3)>"
severity: SEV2
status: draft
timezone: UTC
started: 2024-02-01 10:00
resolved: 2024-02-01 11:00
impact: "**bold** `code` <b>tag</b> | pipe"
---

## Summary

Hostile text.
PM
digest --since 2024-01-01 --until 2024-03-31 -o "$tmp/q1.html" "$tmp/src" && ok || bad "html digest: exit $?"
head -c 15 "$tmp/q1.html" | grep -q '<!DOCTYPE html>' && ok || bad "html: no doctype"
grep -q '<html lang="en">' "$tmp/q1.html" && ok || bad "html: no lang"
[ "$(grep -o "<table[ >]" "$tmp/q1.html" | wc -l)" -eq 2 ] && ok || bad "html: not two tables"
grep -q '6 h 30 min (previous period: 8 h)' "$tmp/q1.html" && ok || bad "html: the total"
# the site index's four charts, over the quarter's incidents only: per
# month by severity (the months of the whole period), the medians per
# severity (SEV2: detected after 20, 5 and 15 min, resolved after 3 h,
# 30 min and 2 h), how they were detected (none says), and the open
# follow-ups by owner, SRE's one overdue
chart() {
	grep -qF -- "$1" "$tmp/q1.html" && ok || bad "html chart: no '$1'"
}
[ "$(grep -o '<figure class="chart ' "$tmp/q1.html" | wc -l)" -eq 4 ] && ok || bad "html: not four charts"
chart '<title>2024-01 · SEV1: 1</title>'
chart '<title>2024-02 · SEV2: 1</title>'
chart '<title>2024-03 · SEV2: 2</title>'
grep -q '2023-1[0-2] ·\|2024-04 ·' "$tmp/q1.html" && bad "html chart: a month outside the period" || ok
sed 's/<text/\n<text/g' "$tmp/q1.html" | grep -o 'class="value"[^>]*>[^<]*' | sed 's/.*>//' | tr '\n' '/' >"$tmp/values"
[ "$(cat "$tmp/values")" = "1/1/2/10 min/1 h/15 min/2 h/4/1/1/1/" ] && ok ||
	bad "html chart values: $(cat "$tmp/values")"
chart 'Not given'
chart '<title>SRE</title>'
chart '<span class="swatch sev-1"></span>SEV2'
# then each incident of the quarter as its own report opens, in start
# order: its title, the glance with the four times, its timeline figure
grep -o '<section class="incident-page">.*' "$tmp/q1.html" | sed 's/<section class="incident-page">/\n/g' |
	sed -n 's/.*<h1>\(Incident q1-[a-d]\)<\/h1>.*/\1/p' | tr '\n' '/' >"$tmp/pages"
[ "$(cat "$tmp/pages")" = "Incident q1-a/Incident q1-b/Incident q1-c/Incident q1-d/" ] && ok ||
	bad "html first pages: $(cat "$tmp/pages")"
[ "$(grep -o 'class="glance" aria-labelledby="glance-[1-4]"' "$tmp/q1.html" | sort -u | wc -l)" -eq 4 ] && ok ||
	bad "html: not four glances with their own ids"
[ "$(grep -o '<svg class="course-svg"' "$tmp/q1.html" | wc -l)" -eq 4 ] && ok || bad "html: not four timeline figures"
digest --since 2024-01-01 --until 2024-03-31 -t html "$tmp/evil" >"$tmp/evil.html" && ok || bad "html digest of hostile text"
if grep -q '<script\|<img\|href="javascript\|<b>' "$tmp/evil.html"; then
	bad "html: source text became markup: $(grep -o '<script[^<]*\|<img[^>]*\|<b>[^<]*' "$tmp/evil.html" | head -3)"
else
	ok
fi
grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' "$tmp/evil.html" && ok || bad "html: the title's text lost"
grep -q 'style="' "$tmp/evil.html" && bad "html: a style attribute" || ok
# PDF: the same numbers, typeset as the reports are, read back by poppler
if command -v pdftotext >/dev/null; then
	digest --since 2024-01-01 --until 2024-03-31 -o "$tmp/q1.pdf" "$tmp/src" && ok || bad "pdf digest: exit $?"
	pdftotext -enc UTF-8 "$tmp/q1.pdf" "$tmp/q1.txt"
	for want in "4 incidents" "6 h 30 min (previous period: 8 h)" "1 h 30 min (previous period: 4 h)" \
		"Add an alert" "Checkout errors for q1-d" "Page 1 of 6"; do
		grep -qF "$want" "$tmp/q1.txt" && ok || bad "pdf: no '$want'"
	done
	grep -q 'Incident q1-b' "$tmp/q1.txt" && ok || bad "pdf: the rows"
	# the charts, drawn as on the site index: the captions, the months,
	# the SEV2 medians, the detection and the owners
	pdftotext -layout -enc UTF-8 "$tmp/q1.pdf" "$tmp/q1-layout.txt"
	for want in "Incidents per month, by severity" "2024-01 +2024-02 +2024-03" \
		"How incidents were detected" "Not given +4" "SRE +1 \(1\)"; do
		grep -qE "$want" "$tmp/q1-layout.txt" && ok || bad "pdf chart: no '$want'"
	done
	grep -q "2024-04" "$tmp/q1-layout.txt" && bad "pdf chart: April" || ok
	# then each incident of the quarter on a page of its own, opened as
	# its own report's first page: its title, its impact, its summary box
	for p in 3 4 5 6; do
		id=$(echo "q1-a q1-b q1-c q1-d" | cut -d' ' -f$((p - 2)))
		pdftotext -f $p -l $p -enc UTF-8 "$tmp/q1.pdf" "$tmp/page.txt"
		grep -qx "Incident $id" "$tmp/page.txt" && grep -qF "Checkout errors for $id" "$tmp/page.txt" &&
			grep -qx "At a glance" "$tmp/page.txt" && ok || bad "pdf page $p: not $id's first page: $(head -8 "$tmp/page.txt")"
	done
	pdftotext -f 3 -l 6 "$tmp/q1.pdf" - | grep -q "later" && bad "pdf: a first page of an incident outside the period" || ok
	sed -n '/Median time to detect/,/How incidents were detected/p' "$tmp/q1-layout.txt" |
		grep -oE '[0-9]+ (min|h)' | tr '\n' '/' >"$tmp/medians"
	[ "$(cat "$tmp/medians")" = "10 min/1 h/15 min/2 h/" ] && ok || bad "pdf medians: $(cat "$tmp/medians")"
	digest --since 2024-01-01 --until 2024-03-31 --lang ja -t pdf "$tmp/src" >"$tmp/ja.pdf" && ok || bad "ja pdf"
	pdffonts "$tmp/ja.pdf" | grep -q IPAexGothic && ok || bad "ja pdf: no Japanese font"
	pdftotext -enc UTF-8 "$tmp/ja.pdf" - | grep -qF 'インシデント4件' && ok || bad "ja pdf: headline"
	# a short head stays whole when its column is exactly as wide as it
	# (the samples' table made it so, and "重大度" broke for rounding)
	digest --since 2024-01-01 --until 2024-12-31 --lang ja -o "$tmp/ja-samples.pdf" "$top/samples"
	pdftotext -layout -enc UTF-8 "$tmp/ja-samples.pdf" - | grep '^ *発生日' | grep -qF '重大度' && ok ||
		bad "ja pdf: the severity head broken: $(pdftotext -layout "$tmp/ja-samples.pdf" - | grep -A1 '発生日')"
fi

# an empty period says so; a file, and bad periods
digest --since 2020-01-01 --until 2020-12-31 "$tmp/src" | grep -qx 'No incident started in this period.' &&
	ok || bad "empty period"
digest --since 2024-01-01 --until 2024-03-31 -o "$tmp/out.md" "$tmp/src" && cmp -s "$tmp/out.md" "$tmp/q1.md" &&
	ok || bad "-o FILE.md"
for args in "--since 2024-01-01" "--since 2024-04-01 --until 2024-01-01" \
	"--since 2024-02-30x --until 2024-03-01" "--since 2024-01-01 --until 2024-03-31 -t docx" \
	"--bogus" "--since 2024-01-01 --until 2024-03-31 --audience everyone"; do
	# shellcheck disable=SC2086
	digest $args "$tmp/src" >/dev/null
	[ $? -eq 2 ] && ok || bad "digest $args: not a usage error"
done

# A digest that cannot be made says why, at the file at fault, and
# writes nothing: a template that does not compile, a labels file gone.
cp -r "$top/templates" "$tmp/tpl"
sed 's|<xsl:template match="/">|&<xsl:value-of select="1 +"/>|' \
	"$top/templates/digest.xsl" >"$tmp/tpl/digest.xsl"
PMC_TEMPLATES=$tmp/tpl digest --since 2024-01-01 --until 2024-03-31 -t html \
	-o "$tmp/broken.html" "$tmp/src"
[ $? -eq 1 ] && ok || bad "broken digest.xsl: exit $?"
line=$(grep -n 'select="1 +"' "$tmp/tpl/digest.xsl" | cut -d: -f1)
grep -q "^$tmp/tpl/digest.xsl:$line:1: error: .*\[template\]\$" "$tmp/err" && ok ||
	bad "broken digest.xsl: not said where: $(cat "$tmp/err")"
[ ! -e "$tmp/broken.html" ] && ok || bad "broken digest.xsl: a page was written"
cp "$top/templates/digest.xsl" "$tmp/tpl/digest.xsl"
rm "$tmp/tpl/labels/en.xml"
for t in md html pdf; do
	PMC_TEMPLATES=$tmp/tpl digest --since 2024-01-01 --until 2024-03-31 -t $t \
		-o "$tmp/nolabels.$t" "$tmp/src"
	[ $? -eq 1 ] && grep -q "^$tmp/tpl/labels/en.xml: error: .*\[template\]\$" "$tmp/err" &&
		[ ! -e "$tmp/nolabels.$t" ] && ok || bad "no labels, -t $t: $(cat "$tmp/err")"
done
# and what is at no file, at "digest": here a PDF library found but
# unusable (one with no functions, first on the search path)
mkdir "$tmp/broken"
: >"$tmp/empty.c"
if cc -shared -o "$tmp/broken/libdeflate.so.0" -Wl,-soname,libdeflate.so.0 "$tmp/empty.c"; then
	LD_LIBRARY_PATH=$tmp/broken digest --since 2024-01-01 --until 2024-03-31 -t pdf \
		-o "$tmp/nolib.pdf" "$tmp/src"
	[ $? -eq 1 ] && grep -q '^digest: error: cannot load the PDF libraries: libdeflate.so.0 has no .*\[pdf\]$' "$tmp/err" &&
		[ ! -e "$tmp/nolib.pdf" ] && ok || bad "no usable PDF library: $(cat "$tmp/err")"
else
	bad "cannot build a stand-in libdeflate.so.0"
fi
finish
