#!/bin/sh
# xsdfacets.sh: a value that the IR's schema (schemas/postmortem.xsd)
# would refuse is refused by the Markdown front end where it is read,
# with its own rule at the value, never as a 'schema' finding at column
# 1: link targets that are neither http(s), mailto nor relative, years
# 0000, offsets past 14:00, an empty id. PMC SOURCE_TREE
set -u
pmc=$1
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"

# case NAME FRONT BODY WANT: a source with FRONT in its front matter
# (line 5) and BODY after '## Summary' (line 9); its findings hold WANT
# ("LINE:COL: severity: ... [rule]" as a prefix and a rule) and no schema
# finding.
case_() {
	name=$1 want=$2 rule=$3
	printf -- '---\ntitle: Probe failures\nseverity: SEV2\nstatus: draft\n%s\n---\n\n## Summary\n\n%b\n' \
	    "$4" "$5" >"$tmp/$name.md"
	"$pmc" check --policy /dev/null --today 2025-01-01 "$tmp/$name.md" \
	    >/dev/null 2>"$tmp/err"
	grep -q '\[schema\]' "$tmp/err" && bad "$name: a schema finding" || ok
	grep -F -- "$name.md:$want" "$tmp/err" | grep -qF -- "[$rule]" && ok ||
	    { bad "$name: no '$want ... [$rule]' in:"; sed 's/^/  | /' "$tmp/err"; }
	[ "$(grep -c '^' "$tmp/err")" -le 2 ] && ok ||
	    { bad "$name: more findings than one:"; sed 's/^/  | /' "$tmp/err"; }
}

case_ port-only 10:12: unsafe-link 'timezone: UTC' \
    'Probes hit [health](:8080/health) all night.'
case_ image-port 10:8: unsafe-link 'timezone: UTC' \
    'Graph: ![p99](:3000/render/p99.png)'
case_ tab-in-scheme '10:9: warning: link target '"'"'ht?tps://wiki' unsafe-link \
    'timezone: UTC' 'Runbook [probes](<ht\ttps://wiki.example.com/probes>).'
case_ percent-in-scheme 10:9: unsafe-link 'timezone: UTC' \
    'Runbook [probes](ht%09tps://wiki.example.com/probes).'
case_ newline-in-target 10:11: unsafe-link 'timezone: UTC' \
    'Dashboard [p99](https://grafana.example.com/d&#10;?orgId=1).'
case_ zone-plus-15 '5:11: error:' bad-timezone 'timezone: +15:00' 'Kiribati.'
case_ zone-plus-14-30 '5:11: error:' bad-timezone 'timezone: +14:30' 'Kiribati.'
case_ year-zero "5:10: error: '0000-01-01 10:00': '0000'" bad-timestamp \
    'started: 0000-01-01 10:00' 'Clock reset.'
case_ offset-plus-15 "5:27: error:" bad-timestamp \
    'started: 2024-01-01 10:00+15:00' 'Kiribati.'
case_ event-offset '15:24: error:' bad-timestamp 'timezone: UTC' \
    'Kiribati.\n\n## Timeline\n\n- 2024-01-01 09:00 — [started] NTP drifts\n- 2024-01-01 10:00 -14:30 — clocks off'
case_ due-year-zero '14:41: error:' bad-date 'timezone: UTC' \
    'Oops.\n\n## Follow-ups\n\n- [ ] Renew the cert (owner: @sre, due: 0000-06-01)'
case_ empty-id "5:5: error: '' is not a valid id" bad-value 'id: ""' 'Blank.'

# What is accepted reads back through the schema: the XML form of a
# source whose links were dropped checks clean.
"$pmc" --policy /dev/null "$tmp/tab-in-scheme.md" -t xml -o "$tmp/t.xml" 2>/dev/null &&
    "$pmc" check --policy /dev/null "$tmp/t.xml" 2>"$tmp/err" && ok ||
    { bad "the XML form of tab-in-scheme does not check"; cat "$tmp/err"; }
grep -q 'ht.tps' "$tmp/t.xml" && bad "the refused target reached the IR" || ok
finish
