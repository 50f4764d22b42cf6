#!/bin/sh
# cmd-followups.sh: pmc followups over tests/cmd-followups (three postmortems
# with eight follow-ups written as a PagerDuty-style table, a task list
# and a draft without dates): the counts per state and owner, each
# filter, CSV read back by Python's csv module as a tracker would, JSON,
# a Markdown table GitHub reads as one table, the --fail-on overdue gate,
# and sources with errors reported, not skipped. PMC SOURCE_TREE
set -u
pmc=$1
top=$2
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"

dir=$top/tests/cmd-followups
fu() { "$pmc" followups --policy /dev/null --today 2024-07-01 "$@"; }

# run EXPECTED_RC ARGS...: output in $tmp/out, errors in $tmp/err
run() {
	want=$1
	shift
	fu "$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	[ "$got" -eq "$want" ] && ok || {
		bad "followups $*: exit $got, want $want"
		sed 's/^/  | /' "$tmp/err"
	}
}

# rows CSV-FILTER COUNT: the CSV on stdout has COUNT rows (python csv)
rows() {
	n=$(python3 -c '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
print(len(rows))' "$tmp/out")
	[ "$n" = "$2" ] && ok || bad "$1: $n rows, want $2"
}

run 0 --format csv "$dir"
rows "all" 8
run 0 --format csv --open "$dir"
rows "--open" 6
run 0 --format csv --overdue "$dir"
rows "--overdue" 2
run 0 --format csv --owner sre "$dir"
rows "--owner sre (SRE and sre)" 4
run 0 --format csv --severity sev1 "$dir"
rows "--severity sev1" 4
run 0 --format csv --since 2024-03-01 "$dir"
rows "--since 2024-03-01" 3
run 0 --format csv --until 2024-02-14 "$dir"
rows "--until 2024-02-14 (the day it started)" 4
# options after the sources, as git and cc take them
run 0 "$dir" --format csv --overdue
rows "options after the source" 2

# what a tracker's import reads: columns, states, days, the formula
# neutralised, the item with a '|' and a ',' whole
run 0 --format csv "$dir"
if python3 - "$tmp/out" <<'PY'; then ok; else bad "csv content"; fi
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")))
by = {r["item"]: r for r in rows}
def need(cond, what):
    if not cond:
        print("FAIL:", what)
        sys.exit(1)
need(list(rows[0].keys())[:5] == ["incident", "title", "severity", "started", "item"], "header")
a = by["Alert when the decline rate doubles within 5 minutes"]
need(a["state"] == "overdue" and a["days_overdue"] == "124", "overdue days: %r" % a)
need(a["incident"] == "payments-2024-02" and a["started"] == "2024-02-14", "incident: %r" % a)
need(a["file"].endswith("payments-2024-02.md") and a["line"].isdigit(), "where")
f = [r for r in rows if "HYPERLINK" in r["item"]][0]
need(f["item"].startswith("'="), "formula not neutralised: %r" % f["item"])
need(by["Page on resolver SERVFAIL ratio | not a cell"]["owner"] == "sre", "pipe item")
d = by["Find out why the cache warmed so slowly"]
need(d["started"] == "" and d["due"] == "" and d["state"] == "open", "draft item: %r" % d)
need(by["Add the rollback command to the DNS runbook"]["state"] == "done", "done")
PY
# RFC 4180: CRLF after every record
[ "$(tr -cd '\r' <"$tmp/out" | wc -c)" -eq 9 ] && ok || bad "csv lines end in CRLF"

run 0 --format json --overdue "$dir"
python3 -c '
import json, sys
a = json.load(open(sys.argv[1]))
assert sorted(x["days_overdue"] for x in a) == [16, 124], a
assert all(x["state"] == "overdue" for x in a)
' "$tmp/out" && ok || bad "json"

run 0 --format md "$dir"
if command -v cmark-gfm >/dev/null; then
	cmark-gfm -e table "$tmp/out" >"$tmp/md.html"
	[ "$(grep -c '<table>' "$tmp/md.html")" -eq 1 ] &&
		[ "$(grep -c '<tr>' "$tmp/md.html")" -eq 9 ] && ok ||
		bad "md: not one table of 8 rows"
	grep -q 'SERVFAIL ratio | not a cell' "$tmp/md.html" && ok ||
		bad "md: the '|' in an item split its cell"
	grep -q '<a ' "$tmp/md.html" && bad "md: an item became a link" || ok
fi

# text: grouped by owner, overdue first within the group, days shown
run 0 "$dir"
grep -n . "$tmp/out" | grep -q '^[0-9]*:SRE: 4 open (2 overdue), 0 done$' && ok ||
	bad "text: SRE's heading"
awk '/^SRE:/ { s = 1; next } s && /^$/ { exit } s' "$tmp/out" >"$tmp/sre"
head -1 "$tmp/sre" | grep -q '^  overdue  124 d  2024-02-28  payments-2024-02 ' && ok ||
	bad "text: the longest overdue first: $(head -1 "$tmp/sre")"

# for CI annotations and code scanning: each overdue item at its line
run 1 --format github --fail-on overdue "$dir"
[ "$(grep -c '^::error file=.*,line=[0-9]*,col=3,title=overdue::follow-up was due' "$tmp/out")" -eq 2 ] &&
	ok || bad "github: $(cat "$tmp/out")"
run 0 --format sarif "$dir"
python3 - "$tmp/out" <<'PY' && ok || bad "sarif"
import json, sys
log = json.load(open(sys.argv[1]))
res = log["runs"][0]["results"]
assert [r["ruleId"] for r in res] == ["overdue", "overdue"], res
lines = sorted(r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in res)
assert lines == [46, 47], lines
assert all(r["level"] == "warning" for r in res)
# each item its own fingerprint, made of its text: not the order found
fps = [r["partialFingerprints"]["primaryLocationLineHash"] for r in res]
assert len({f.split(":")[0] for f in fps}) == 2, fps
PY

# the CI gate
run 1 --fail-on overdue "$dir"
grep -q '2 follow-ups are overdue' "$tmp/err" && ok || bad "gate says why"
run 0 --fail-on overdue --owner 'Payments team' "$dir"
run 2 --fail-on late "$dir"
run 2 --since 2024-13-01 "$dir"
# a day that is not in the calendar is refused, never quietly the clock
# (followups once judged overdue by today's date for --today 2024-02-31)
"$pmc" followups --policy /dev/null --today 2024-02-31 "$dir" >/dev/null 2>&1
[ $? -eq 2 ] && ok || bad "--today 2024-02-31 not refused"
run 2 --until 2024-02-30 "$dir"
SOURCE_DATE_EPOCH=abc "$pmc" followups --policy /dev/null "$dir" >/dev/null 2>&1
[ $? -eq 2 ] && ok || bad "SOURCE_DATE_EPOCH=abc not refused"
run 2 -j 0 "$dir"
run 2 --bogus "$dir"
run 2 "$tmp/nowhere.md"
"$pmc" followups --help | grep -q 'usage: pmc followups' && ok || bad "--help"

# the policy's deadline for a severity: an open item with no due date
# of a SEV1 resolved on 2024-02-14 is due 15 days later, and says so
printf 'severities:\n  - name: SEV1\n    follow_up_deadline: 15d\n  - name: SEV2\n  - name: SEV3\n' >"$tmp/deadline.yml"
"$pmc" followups --policy "$tmp/deadline.yml" --today 2024-07-01 --format csv \
	--overdue "$dir" >"$tmp/out" 2>"$tmp/err"
if python3 - "$tmp/out" <<'PY'; then ok; else bad "policy deadline in csv"; fi
import csv, sys
rows = {r["item"]: r for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8"))}
r = rows["Write the runbook for acquirer certificate changes"]
assert (r["due"], r["due_from"], r["days_overdue"]) == ("2024-02-29", "policy", "123"), r
assert rows["Canary the resolver config on one host first"]["due_from"] == "item"
assert "Find out why the cache warmed so slowly" not in rows  # never resolved
PY
"$pmc" followups --policy "$tmp/deadline.yml" --today 2024-07-01 --owner 'payments team' \
	"$dir" | grep -q 'Write the runbook for acquirer certificate changes \[due by the policy\]' &&
	ok || bad "text: the policy's due date not said to be one"
"$pmc" check --policy "$tmp/deadline.yml" --today 2024-07-01 "$dir/payments-2024-02.md" 2>&1 |
	grep -q ':48:3: warning: follow-up was due 2024-02-29 (no due date: the policy gives SEV1 follow-ups 15 days from resolution) and is still open \[overdue\]' &&
	ok || bad "check: the policy's deadline not explained"

# a source with an error: its finding printed at its line, its
# follow-ups still listed, exit 1
mkdir "$tmp/bad"
cp "$dir/dns-2024-05.md" "$tmp/bad/"
printf -- '---\ntitle: Broken\nseverity: SEV9\n---\n\n## Follow-ups\n\n- [ ] Fix the severity (owner: Me, due: 2024-01-01)\n' >"$tmp/bad/broken.md"
run 1 --format csv "$tmp/bad"
grep -q 'broken.md:3:11: error: .*\[severity-scale\]' "$tmp/err" && ok ||
	bad "the error at its line: $(cat "$tmp/err")"
rows "error source still listed" 4
finish
