#!/bin/sh
# deep.sh: 10,000-deep nested block quotes, lists, both mixed, emphasis and
# images (as alt text): no crash (the front end walks cmark's tree without recursing
# that deep), a nesting-depth warning, an IR that reads back as XML, and
# time and memory linear in the depth. PMC
PMC=$1
# shellcheck source=SCRIPTDIR/measure.sh
. "$(dirname "$0")/measure.sh"

# shape NAME DEPTH: a source with one construct nested DEPTH deep.
shape() {
	front_matter Deep
	awk -v n="$2" -v s="$1" 'BEGIN {
		if (s == "quote") { for (i = 0; i < n; i++) printf "> "; print "deep" }
		if (s == "list") { for (i = 0; i < n; i++) printf "- "; print "deep" }
		if (s == "mixed") { for (i = 0; i < n / 2; i++) printf "> 1. "; print "deep" }
		if (s == "emphasis") {
			for (i = 0; i < n; i++) printf "*"; printf "deep"
			for (i = 0; i < n; i++) printf "*"; print ""
		}
		if (s == "image") {
			for (i = 0; i < n; i++) printf "![";  printf "deep"
			for (i = 0; i < n; i++) printf "](u)"; print ""
		}
	}'
}

baseline
for s in quote list mixed emphasis image; do
	shape $s 2500 >"$tmp/small.md"
	shape $s 10000 >"$tmp/large.md"
	pair "$tmp/small.md" "$tmp/large.md" check --policy /dev/null
	expect_status 0 "$s nested 10,000 deep"
	# An image's content is only its alt text: nothing nests.
	[ $s = image ] || expect_err "[nesting-depth]" "$s nested 10,000 deep"
	linear "$s nested 2,500 -> 10,000 deep"
	# What is kept reads back: the IR is within libxml2's depth limit.
	run_once "$PMC" --policy /dev/null "$tmp/large.md" -t xml -o "$tmp/large.xml"
	expect_status 0 "$s: -t xml"
	run_once "$PMC" check --policy /dev/null "$tmp/large.xml"
	expect_status 0 "$s: its IR read back"
	grep -q 'deep' "$tmp/large.xml" && ok ||
	    bad "$s: the deepest text is lost from the IR"
done

# An XML source nested 10,000 deep stops at libxml2's depth limit with a
# clear error, in time linear in the depth.
xml() {
	printf '<postmortem xmlns="urn:x-pmc:postmortem:1" version="1" id="x" lang="en" status="draft" audience="internal"><title>T</title><severity>SEV2</severity><timezone>UTC</timezone><section key="summary" heading="Summary">'
	awk -v n="$1" 'BEGIN { for (i = 0; i < n; i++) printf "<quote>"; printf "<p>deep</p>"
		for (i = 0; i < n; i++) printf "</quote>"; print "</section></postmortem>" }'
}
xml 2500 >"$tmp/small.xml"
xml 10000 >"$tmp/large.xml"
pair "$tmp/small.xml" "$tmp/large.xml" check --policy /dev/null
expect_status 1 "XML nested 10,000 deep"
expect_err "Excessive depth in document: 256 [xml-syntax]" "XML nested 10,000 deep"
linear "XML nested 2,500 -> 10,000 deep"
finish
