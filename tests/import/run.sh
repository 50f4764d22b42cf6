#!/bin/sh
# import/run.sh: pmc import writes drafts that pmc check accepts (no
# error, placeholders aside), in pmc fmt's form, with every word of the
# input's posts, never over an existing file; bad input gets a finding
# at the input's own line and column and no draft: PMC SOURCE_TREE
set -u
pmc=$1
top=$2
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
here=$top/tests/import
cd "$tmp" || exit 2

# draft_ok DRAFT WHAT: checks with no error, and pmc fmt would not change it.
draft_ok() {
	expect 0 "$2: pmc check of the draft" "$pmc" check $opts "$1"
	lacks "$tmp/err" "error:" "$2: pmc check of the draft"
	expect 0 "$2: pmc fmt --check of the draft" "$pmc" fmt --check $opts "$1"
	contains "$1" "status: draft" "$2"
}

# keeps INPUT DRAFT WHAT [WORD...]: every word of INPUT is in DRAFT.
keeps() {
	i=$1 d=$2 w=$3
	shift 3
	python3 "$here/words.py" "$i" "$d" "$@" >"$tmp/lost" && ok ||
	    bad "$w: a word of the input is missing: $(cat "$tmp/lost")"
}

# facts FILE [POLICY]: the milestones and the timeline's kinded events.
facts() {
	"$pmc" -t json $today --policy "${2:-/dev/null}" "$1" 2>/dev/null |
	    jq -c '{times: .times | del(.acknowledged),
	            events: [.timeline[] | select(.kind != null) | [.at, .kind]]}'
}

## The ID-porten status page, copied as text (the seed).
expect 0 "text: import of the ID-porten page" "$pmc" import --policy /dev/null \
    "$here/idporten-status.txt" -o idporten.md
draft_ok idporten.md "text"
# the posts' words: all but the Posted lines, the affected line (the
# services, once each) and the label of the owner
grep -v -e '^Posted ' -e '^This incident affected: ' "$here/idporten-status.txt" |
    sed -e 's/^Incident Report for //' -e '/^Postmortem$/d' >posts.txt
keeps posts.txt idporten.md "text"
sample="$top/samples/idporten-2024.md $top/samples/.pmc.yml"
# shellcheck disable=SC2086 # the sample and its policy
[ -n "$(facts $sample)" ] && [ "$(facts idporten.md)" = "$(facts $sample)" ] &&
    ok || bad "text: the draft's times and milestones are not the sample's:
  draft:  $(facts idporten.md)
  sample: $(facts $sample)"
contains idporten.md "lang: nb" "text: the language guessed"
contains idporten.md "timezone: Europe/Oslo" "text: CET in a Norwegian text"
contains idporten.md '- "MinID"' "text: the affected components are the services"
contains idporten.md "Nye ID-porten har vært i stabil drift" "text: the note in the summary"
contains idporten.md "# as the post of 2024-01-08 10:46 says" "text: the start the text gives, with a note"
contains idporten.md "**Monitoring:** Innlogging" "text: the status word kept"
expect 0 "text: --lang en" "$pmc" import --lang en "$here/idporten-status.txt"
contains "$tmp/out" "## Timeline" "text: --lang en gives English headings"

## Never over a file, standard output by default.
echo keep >exists.md
expect 2 "an existing -o" "$pmc" import "$here/idporten-status.txt" -o exists.md
contains "$tmp/err" "exists; pmc import never overwrites a file" "an existing -o"
[ "$(cat exists.md)" = keep ] && ok || bad "an existing -o was overwritten"
no_temporary . "an existing -o"

## A post with no time, an unknown zone word, a status word unknown.
printf 'Outage\nResolved\nAll good.\nPosted Mar 02, 2024 - 10:00 UTC\nUpdate\nStill broken.\nInvestigating\nLogins fail.\nPosted Mar 02, 2024 - 09:00 UTC\n' >notime.txt
expect 1 "a post with no time" "$pmc" import notime.txt -o notime.md
contains "$tmp/err" "notime.txt:5:1: error: the post 'Update' has no time" "a post with no time"
[ ! -e notime.md ] && ok || bad "a draft was written despite an error"
printf 'Outage\nInvestigating\nLogins fail.\nPosted Mar 02, 2024 - 09:00 XST\n' >zone.txt
expect 1 "an unknown zone word" "$pmc" import zone.txt
contains "$tmp/err" "zone.txt:4:29: error: unknown time zone 'XST'" "an unknown zone word"
printf 'Outage\nInvestigating\nLogins fail.\nPosted Mar 02, 2024 - 09:00\n' >nozone.txt
expect 1 "no zone word" "$pmc" import nozone.txt
contains "$tmp/err" "nozone.txt:4:" "no zone word: at its place"
contains "$tmp/err" "[import-time]" "no zone word"
printf 'Outage\nInvestigating\nLogins fail.\nPosted Mar 02, 2024 - 09:00 PST\nInvestigatng\nWorse.\nPosted Mar 02, 2024 - 09:30 PST\n' >typo.txt
expect 0 "an unknown status word" "$pmc" import typo.txt -o typo.md
contains "$tmp/err" "typo.txt:5:1: warning: unknown status word 'Investigatng'" "an unknown status word"
contains typo.md "**Investigatng:** Worse." "the post of an unknown status word kept"
contains typo.md "timezone: America/Los_Angeles" "PST's zone"
draft_ok typo.md "unknown status word"
printf 'Nothing here.\n' >empty.txt
expect 1 "no post" "$pmc" import empty.txt
contains "$tmp/err" "[import-empty]" "no post"

finish
