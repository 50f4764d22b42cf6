#!/bin/sh
# run.sh: one golden case: PMC SOURCE [EXPECTED_DIR]
#
# Compares, exactly:
#   <case>.lint  what 'pmc check' prints (diagnostics and summary)
#   <case>.json  the JSON report, when the source is valid; when it is
#                not, compiling must fail with status 1 and write nothing
# and, for a valid Markdown source, that its XML form (-t xml) checks with
# the same findings (positions aside: they point into the file read) and
# gives the identical JSON report.
#
# A case may bring its own policy, <case>.pmc.yml. Every case is judged
# on the same day (--today) so that 'overdue' does not drift.
# PMC_REGRESS_UPDATE=1 rewrites the expected files instead of comparing.
set -u
pmc=$1
src=$2
dir=$(cd "$(dirname "$src")" && pwd)
file=$(basename "$src")
case=${file%.*}
exp=${3:-$dir}
exp=$(cd "$exp" && pwd)
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
suite=$case

# Policies are always named, so that a .pmc.yml above the checkout
# cannot change the results; an empty policy means the defaults.
# --validate-ir: a tree the Markdown front end builds is not validated
# against the schema in ordinary runs (it is valid by construction); here
# every case and sample proves that it is.
opts="$today --validate-ir --policy $(policy_of "$dir/$file" "$exp")"

cd "$dir" || exit 2
# shellcheck disable=SC2086
"$pmc" check $opts "$file" 2>"$tmp/lint"
status=$?
# shellcheck disable=SC2086
"$pmc" $opts "$file" -t json -o "$tmp/json" 2>/dev/null
cstatus=$?

if [ "${PMC_REGRESS_UPDATE:-}" = 1 ]; then
	cp "$tmp/lint" "$exp/$case.lint"
	rm -f "$exp/$case.json"
	[ $status -eq 0 ] && cp "$tmp/json" "$exp/$case.json"
	exit 0
fi

diff -u "$exp/$case.lint" "$tmp/lint" && ok || bad "$case: diagnostics differ"
if grep -q ': error: ' "$tmp/lint"; then want=1; else want=0; fi
[ $status -eq $want ] && ok ||
	bad "$case: 'pmc check' exited $status, expected $want"
if [ $want -eq 1 ]; then
	[ $cstatus -eq 1 ] && [ ! -e "$tmp/json" ] && ok ||
		bad "$case: compiling an invalid source exited $cstatus or wrote output"
	finish
fi
[ -f "$exp/$case.json" ] && diff -u "$exp/$case.json" "$tmp/json" && ok ||
	bad "$case: JSON report differs"

case $file in
*.md)
	# shellcheck disable=SC2086
	"$pmc" $opts "$file" -t xml -o "$tmp/$case.xml" 2>/dev/null || {
		bad "$case: no XML form"
		finish
	}
	# shellcheck disable=SC2086
	"$pmc" check $opts "$tmp/$case.xml" 2>"$tmp/xlint"
	# Positions differ by design; so do line numbers quoted in messages.
	# Warnings about source text the front end drops (raw HTML, unsafe
	# links, unknown keys, ...) belong to the Markdown: its XML form no
	# longer holds that text. The summary line is compared without
	# counts for the same reason.
	dropped='control-char|unknown-key|dst-ambiguous|title-mismatch|heading-level|raw-html|unsafe-link|follow-up-key|follow-up-elsewhere|follow-up-unread|follow-up-nested|milestone-text|timeline-elsewhere|timeline-unlisted|whys-elsewhere|follow-up-status|follow-up-date|why-list|nesting-depth|unknown-kind|kind-twice|kind-place|timeline-heading|yaml-comment|table-extra-cells|table-underline|footnote-undefined|footnote-in-cell|footnote-unused'
	norm='s/^[^ ]*:[0-9]*:[0-9]*: //; s/line [0-9]*/line N/g; s/^[^ ]*: //; s/checked: .*/checked/'
	grep -Ev "\[($dropped)\]\$" "$tmp/lint" | sed "$norm" >"$tmp/a"
	sed "$norm" "$tmp/xlint" >"$tmp/b"
	# Suppression comments are Markdown comments: the XML form has
	# none, so what they silenced is reported there (docs/choices.md).
	if grep -q '<!-- *pmc-' "$file"; then
		cp "$tmp/b" "$tmp/a"
	fi
	diff -u "$tmp/a" "$tmp/b" && ok ||
		bad "$case: its XML form validates differently"
	# shellcheck disable=SC2086
	"$pmc" $opts "$tmp/$case.xml" -t json -o "$tmp/xjson" 2>/dev/null
	if cmp -s "$tmp/json" "$tmp/xjson"; then ok; else
		diff -u "$tmp/json" "$tmp/xjson" | head -20
		bad "$case: its XML form gives another JSON report"
	fi
	;;
esac
finish
