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

## A status page's list of past incidents, copied as text: posts
## "Resolved - text", each time without its year under a day heading.
expect 0 "list: import of a past incident" "$pmc" import --policy /dev/null \
    "$here/statuspage-list.txt" -o list.md
draft_ok list.md "list"
# the posts' words: all but the page's own lines and the times
grep -v -e '^Past Incidents$' -e '^No incidents reported' -e '^[A-Z][a-z][a-z] [0-9]*, ' \
    "$here/statuspage-list.txt" | sed 's/^[A-Za-z]* - //' >list-words.txt
keeps list-words.txt list.md "list"
contains list.md 'title: "Card payments failing in Checkout"' "list: the title under the day heading"
contains list.md "timezone: America/Los_Angeles" "list: PDT's zone"
contains list.md "started: 2024-03-14 09:05" "list: the year from the day heading"
contains list.md "resolved: 2024-03-14 10:12" "list: resolved"
contains list.md "09:40 — [mitigated] **Monitoring:** The previous gateway configuration" "list: the post's text on its head's line"
lacks list.md "Past Incidents" "list: the page's heading is not the incident's"
lacks list.md "No incidents reported" "list: a day without incidents is not the incident's"
# the year is the one nearest the day heading: across a new year
printf 'Jan 1, 2025\nNew year outage\nResolved \342\200\223 Logins work again.\nJan 1, 00:20 UTC\nInvestigating \342\200\223 Logins fail.\nMar 14, 10:12 PDT is when it began, we think.\nDec 31, 23:50 UTC\n' >wrap.txt
expect 0 "list: across a new year, en dashes" "$pmc" import --policy /dev/null wrap.txt -o wrap.md
draft_ok wrap.md "list: across a new year"
contains wrap.md "started: 2024-12-31 23:50" "list: Dec 31 under Jan 1, 2025 is 2024's"
contains wrap.md "resolved: 2025-01-01 00:20" "list: Jan 1 is 2025's"
contains wrap.md "Mar 14, 10:12 PDT is when it began, we think." "list: a line that starts like a time is prose"
# no day heading: the year is not guessed
grep -v '^Mar 1[345], 2024$' "$here/statuspage-list.txt" >nohead.txt
expect 1 "list: no day heading" "$pmc" import nohead.txt -o nohead.md
contains "$tmp/err" "nohead.txt:5:1: error: the day has no year, and no day heading above it" "list: no year, at the time"
[ ! -e nohead.md ] && ok || bad "list: a draft without years"
# a time line whose day or time cannot be is said at its place, and a
# line that only starts like one is prose
printf 'Mar 14, 2024\nCheckout errors\nResolved - Fixed.\nFeb 30, 10:12 UTC\n' >feb30.txt
expect 1 "list: a day no year has" "$pmc" import feb30.txt
contains "$tmp/err" "feb30.txt:4:1: error: no such day in any year [import-time]" "list: Feb 30"
printf 'Mar 14, 2024\nCheckout errors\nResolved - Fixed.\nMar 14, 25:12 UTC\n' >h25.txt
expect 1 "list: a time no day has" "$pmc" import h25.txt
contains "$tmp/err" "h25.txt:4:9: error: no such time of day [import-time]" "list: 25:12"
printf 'Mar 14, 2024\nCheckout errors\nResolved - Fixed.\nFeb 30 was a bad day.\nMar 14, 10:12 UTC\n' >prose30.txt
expect 0 "list: 'Feb 30 was' is prose" "$pmc" import --policy /dev/null prose30.txt
contains "$tmp/out" "Feb 30 was a bad day." "list: 'Feb 30 was' kept as the post's text"
# two incidents: one draft is one incident
{ cat "$here/statuspage-list.txt"; printf 'Mar 12, 2024\nSlow logins\nResolved - Logins are fast again.\nMar 12, 18:00 PDT\n'; } >two.txt
expect 1 "list: two incidents" "$pmc" import two.txt -o two.md
contains "$tmp/err" "two.txt:17:1: error: a second incident starts here ('Slow logins')" "list: the second incident, at its title"
[ ! -e two.md ] && ok || bad "list: a draft of two incidents"

# on an incident's page, a post's line that starts like a list's head
# is that post's text
printf 'Outage\nInvestigating\nLogins fail.\nUpdate - this line is the same post.\nPosted Mar 02, 2024 - 09:00 UTC\n' >dash.txt
expect 0 "text: a post's line that starts 'Update - '" "$pmc" import --policy /dev/null dash.txt -o dash.md
contains dash.md "  Update - this line is the same post." "text: 'Update - ' inside a post"

## Statuspage JSON: one incident, several, and the choice of one.
sp=$here/statuspage-incident.json
expect 0 "statuspage: one incident" "$pmc" import --policy /dev/null "$sp" -o card.md
draft_ok card.md "statuspage"
jq -r '.incident | .name, .postmortem_body, (.incident_updates[] | .body),
       (.components[] | .name)' "$sp" >sp-words.txt
keeps sp-words.txt card.md "statuspage"
contains card.md "severity: SEV2" "statuspage: impact major on the default scale"
contains card.md "started: 2024-05-14 15:00  # as the incident's started_at says" "statuspage: started_at"
contains card.md "resolved: 2024-05-14 18:30:57" "statuspage: resolved"
contains card.md "16:48:03 — [mitigated] **Monitoring:**" "statuspage: the first Monitoring"
contains card.md "<https://stspg.io/fjp4x2>" "statuspage: the shortlink in the summary"
contains card.md '- "Checkout API"' "statuspage: the components"
printf 'severities:\n  - name: Critical\n  - name: Major\n  - name: Minor\n' >scale.yml
expect 0 "statuspage: a policy's scale" "$pmc" import --policy scale.yml "$sp"
contains "$tmp/out" 'severity: "Major"' "statuspage: impact major, the policy's level of that name"
printf 'severities:\n  - name: Sev-A\n  - name: Sev-B\n  - name: Sev-C\n' >abc.yml
expect 0 "statuspage: a policy's scale of other names" "$pmc" import --policy abc.yml "$sp"
contains "$tmp/out" 'severity: "Sev-B"' "statuspage: impact major, the policy's second level"
many=$here/statuspage-incidents.json
expect 2 "statuspage: several incidents to one file" "$pmc" import "$many" -o one.md
contains "$tmp/err" "holds 2 incidents: give -o DIR" "statuspage: several incidents"
[ ! -e one.md ] && ok || bad "statuspage: a draft of several incidents in one file"
mkdir drafts
expect 0 "statuspage: several incidents to a folder" "$pmc" import --policy /dev/null "$many" -o drafts
for id in 8bz1w0xq3mkd n5c0r7ge2hta; do
	draft_ok "drafts/$id.md" "statuspage: incident $id"
done
expect 2 "statuspage: the folder again" "$pmc" import "$many" -o drafts
contains "$tmp/err" "exists; pmc import never overwrites a file" "statuspage: the folder again"
expect 0 "statuspage: --id" "$pmc" import --id n5c0r7ge2hta "$many"
contains "$tmp/out" 'title: "Delayed webhook deliveries"' "statuspage: --id"
lacks "$tmp/out" 'object storage' "statuspage: --id, only that one"
expect 1 "statuspage: an --id not there" "$pmc" import --id nope "$many"
contains "$tmp/err" "[import-empty]" "statuspage: an --id not there"

## Malformed JSON and values of the wrong kind: at the input's line and
## column, or at the JSON path.
printf '{"incident": {"name": "x",\n  "incident_updates": [\n    {"status": "resolved", "body": "ok",},\n  ]}}\n' >comma.json
expect 1 "a comma too many" "$pmc" import comma.json -o comma.md
contains "$tmp/err" "comma.json:3:41: error: string or '}' expected near '}' [import-json]" "a comma too many"
[ ! -e comma.md ] && ok || bad "a draft of malformed JSON"
printf '{"incident": {"name": "x", "incident_updates": [{"status": "resolved", "body": "ok", "created_at": 17}]}}' >type.json
expect 1 "a time that is a number" "$pmc" import type.json
contains "$tmp/err" "type.json: error: at incident.incident_updates[0].created_at: not a string [import-shape]" "a time that is a number"
printf '{"incident": {"name": "x", "incident_updates": [{"status": "resolved", "body": "ok"}]}}' >notime.json
expect 1 "an update with no time" "$pmc" import notime.json
contains "$tmp/err" "incident.incident_updates[0].created_at: missing" "an update with no time"
python3 -c "print('[' * 100000 + ']' * 100000)" >deep.json
expect 1 "deep nesting" "$pmc" import deep.json
contains "$tmp/err" "maximum parsing depth reached" "deep nesting"
printf '{"incident": {"name": "\377", "incident_updates": []}}' >latin1.json
expect 1 "invalid UTF-8" "$pmc" import latin1.json
contains "$tmp/err" "latin1.json:1:23: error: unable to decode byte 0xff" "invalid UTF-8"
expect 1 "a text page read as JSON" "$pmc" import --from statuspage "$here/idporten-status.txt"
contains "$tmp/err" "idporten-status.txt:1:2: error:" "a text page read as JSON"

## A Slack channel export: a window, the pinned messages, a reaction.
ex=$here/slack-export
expect 0 "slack: a window" "$pmc" import --policy /dev/null "$ex" \
    --since "2024-11-05 10:00" --until 2024-11-05 -o window.md
draft_ok window.md "slack: a window"
lacks window.md "coffee" "slack: a message before --since"
lacks window.md "Postmortem doc started" "slack: a message after --until's day"
contains window.md "Marcus Berg: Astrid Lunde a long-running *report* query" "slack: a mention as the name users.json gives"
contains window.md "**TRIGGERED** checkout-api p99 latency > 2s" "slack: *bold* and &gt;"
contains window.md "See [the DB board](https://grafana.example/d/db)" "slack: <url|text>"
contains window.md "I'm on it. @here checkout" "slack: <!here>"
contains window.md "~~now~~" "slack: ~strike~"
contains window.md 'pid `48213`' "slack: code"
contains window.md "310 ms & error rate" "slack: &amp;"
contains window.md "[latency.png](https://files.slack.example/F1/latency.png)" "slack: a file"
contains window.md "timezone: Europe/Oslo" "slack: the zone most users are in"
contains window.md "detected: 2024-11-05 11:03" "slack: the first message is the detection"
# A time without an offset is the export's own clock (Europe/Oslo, CET
# in November): the coffee message at 09:55 CET is after 09:50 there,
# but before 09:50 UTC; a zone word or an offset says which clock.
expect 0 "slack: --since in the export's zone" "$pmc" import --policy /dev/null "$ex" \
    --since "2024-11-05 09:50" --until "2024-11-05 23:00"
contains "$tmp/out" "coffee machine" "slack: --since 09:50 read in Europe/Oslo"
expect 0 "slack: --since in UTC" "$pmc" import --policy /dev/null "$ex" \
    --since "2024-11-05 09:50 UTC" --until 2024-11-05
lacks "$tmp/out" "coffee machine" "slack: --since 09:50 UTC is 10:50 in Oslo"
expect 0 "slack: --since with a zone word" "$pmc" import --policy /dev/null "$ex" \
    --since "2024-11-05 11:04 CET" --until 2024-11-05
lacks "$tmp/out" "TRIGGERED" "slack: --since 11:04 CET leaves out 11:03"
contains "$tmp/out" "I'm on it" "slack: --since 11:04 CET keeps 11:05"
expect 2 "slack: --since with an ambiguous zone word" "$pmc" import "$ex" --since "2024-11-05 11:04 IST"
contains "$tmp/err" "--since '2024-11-05 11:04 IST':" "slack: --since with an ambiguous zone word"
expect 0 "slack: --pinned" "$pmc" import --policy /dev/null "$ex" --pinned -o pinned.md
draft_ok pinned.md "slack: --pinned"
jq -r '.[] | select(.pinned_to) | .text, (.files[]? | .name, .permalink),
       .user_profile.real_name' "$ex"/inc-db-failover/*.json >pinned-words.txt
keeps pinned-words.txt pinned.md "slack: --pinned" amp
[ "$(grep -c '^- [0-9]' pinned.md)" -eq 3 ] && ok || bad "slack: --pinned: $(grep -c '^- [0-9]' pinned.md) events, not 3"
expect 0 "slack: --reaction" "$pmc" import --policy /dev/null "$ex" --reaction :rotating_light:
[ "$(grep -c '^- .*\] \(Astrid\|Priya\)' "$tmp/out")" -eq 2 ] && ok ||
    bad "slack: --reaction: not the two messages with it: $(grep '^- ' "$tmp/out")"
expect 1 "slack: a reaction nobody gave" "$pmc" import "$ex" --reaction tada
contains "$tmp/err" "no message is in the window, pinned, or has the reaction asked for [import-empty]" "slack: a reaction nobody gave"
expect 0 "slack: the channel's own folder" "$pmc" import --policy /dev/null "$ex/inc-db-failover" --pinned
contains "$tmp/out" "Astrid Lunde" "slack: users.json beside the channel's folder"
expect 2 "slack: --since that is no time" "$pmc" import "$ex" --since yesterday
contains "$tmp/err" "--since needs YYYY-MM-DD or YYYY-MM-DD HH:MM (with an offset or a zone word, or in the export's zone), not 'yesterday'" "slack: --since that is no time"
mkdir -p two/a two/b && echo '[]' >two/users.json
expect 1 "slack: an export of several channels" "$pmc" import two
contains "$tmp/err" "the export has several channels" "slack: several channels"
mkdir -p broken/c && echo '[]' >broken/users.json
printf '[{"ts": "1730800000.1", "text": "one"},\n {"ts": 1730800001, "text": "two"},\n {"text": "three" "ts": "1"}]\n' >broken/c/2024-11-05.json
expect 1 "slack: a day file that is no JSON" "$pmc" import broken
contains "$tmp/err" "broken/c/2024-11-05.json:3:22: error: '}' expected near '\"ts\"' [import-json]" "slack: the day file's own line and column"
# text that looks like an autolink to an address, "<https:@//...|...>"
# between Slack's &lt; and &gt;: plain text, which once read as an
# e-mail autolink "mailto:..." and refused the draft
mkdir -p mail/c && echo '[]' >mail/users.json
printf '[{"ts": "1730800000.1", "username": "pagerbot", "text": "latency &gt; 2s &lt;https:@//grafana.example/d/ck|dashboard&gt; and oncall@example.org, www.example.org/x_(y) or https://example.org/a\\\\_b."}]' >mail/c/2024-11-05.json
expect 0 "slack: text like an autolink to an address" "$pmc" import --policy /dev/null mail -o mail.md
draft_ok mail.md "slack: text like an autolink to an address"
contains mail.md '\<https:@//grafana.example/d/ck|dashboard>' "slack: text like an autolink to an address"
jq -r '.[].text' mail/c/2024-11-05.json >mail-words.txt
keeps mail-words.txt mail.md "slack: text like an autolink to an address" amp gt lt
mkdir -p bot/c && echo '[]' >bot/users.json
printf '[{"ts": "1730800000.1", "username": "pd", "text": "", "attachments": [{"fallback": "Triggered: disk full on db-3"}]}]' >bot/c/2024-11-05.json
expect 0 "slack: a bot's attachment" "$pmc" import --policy /dev/null bot
contains "$tmp/out" "pd: Triggered: disk full on db-3" "slack: a bot's attachment kept"
# thousands of messages: every one kept, and a warning
mkdir -p big/c
python3 -c "
import json
print(json.dumps([{'ts': '%d.000100' % (1730800000 + 7 * i), 'user': 'U1',
                   'text': 'step %d done' % i} for i in range(1500)]))" >big/c/2024-11-05.json
echo '[{"id": "U1", "name": "ola", "tz": "UTC"}]' >big/users.json
expect 0 "slack: 1500 messages" "$pmc" import --policy /dev/null big -o big.md
contains "$tmp/err" "warning: 1500 messages make one timeline event each" "slack: 1500 messages"
[ "$(grep -c '^- [0-9]' big.md)" -eq 1500 ] && ok || bad "slack: not 1500 events in the draft"
contains big.md "step 1499 done" "slack: the last of 1500 messages"

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
printf 'Outage\nInvestigating\nLogins fail at caf\351.\nPosted Mar 02, 2024 - 09:00 UTC\n' >latin1.txt
expect 1 "text: invalid UTF-8" "$pmc" import latin1.txt
contains "$tmp/err" "latin1.txt:3:19: error: invalid UTF-8 byte 0xe9 [utf8]" "text: invalid UTF-8"
printf 'Outage\nInvestigating\nLogins\000 fail.\nPosted Mar 02, 2024 - 09:00 UTC\n' >nul.txt
expect 1 "text: a NUL byte" "$pmc" import nul.txt
contains "$tmp/err" "nul.txt:3:7: error: NUL byte in source [nul-byte]" "text: a NUL byte"
printf '\357\273\277Outage "quoted"\001\r\nUpdate\r\nLogins fail.\r\n\r\nInnlogging feiler.\r\nPosted Mar 02, 2024 - 9:00 AM CET\r\n' >crlf.txt
expect 0 "text: CRLF, a BOM, a control character, a 12-hour clock" "$pmc" import --policy /dev/null --lang nn crlf.txt -o crlf.md
draft_ok crlf.md "text: CRLF"
contains crlf.md 'title: "Outage \"quoted\" "' "text: the title quoted, its control character a blank"
contains crlf.md "## Tidslinje" "text: --lang nn gives the Norwegian scaffold"
contains crlf.md "2024-03-02 09:00 — [detected] **Update:** Logins fail." "text: CRLF, 9:00 AM"
contains crlf.md "  Innlogging feiler." "text: a bilingual post's second paragraph"
printf 'Nothing here.\n' >empty.txt
expect 1 "no post" "$pmc" import empty.txt
contains "$tmp/err" "[import-empty]" "no post"

finish
