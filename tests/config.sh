#!/bin/sh
# config.sh: what a team configures and where (format.md section 11):
# rule severities in .pmc.yml and -W winning over them, suppression
# comments honoured by every command and output format and left out of
# the exit status, and folders' Markdown without front matter skipped:
# PMC SOURCE_TREE
set -u
pmc=$1
top=$2
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"

cd "$tmp" || exit 2

# --- Rule severities from the policy; the command line wins. -----------
mkdir strict lax
cat >strict/.pmc.yml <<'EOF'
rules:
  overdue: error
  few-whys: off
EOF
cat >strict/late.md <<'EOF'
---
title: Billing export ran twice
severity: SEV3
started: 2024-03-04 02:00
---

## Five whys

1. Why did it run twice? The scheduler retried a job that had finished.

## Follow-ups

- [ ] Make the export idempotent (owner: Billing, due: 2024-04-01)
EOF
# shellcheck disable=SC2086
expect 1 "policy raises overdue to an error" "$pmc" check $today strict/late.md
contains "$tmp/err" "error: follow-up was due 2024-04-01" "overdue as an error"
lacks "$tmp/err" "few-whys" "few-whys: off in the policy"
# shellcheck disable=SC2086
expect 0 "-W lowers what the policy raised" "$pmc" check $today \
	-W warning=overdue strict/late.md
contains "$tmp/err" "warning: follow-up was due" "-W warning=overdue wins"
# shellcheck disable=SC2086
expect 0 "-W no-RULE over the policy" "$pmc" check $today -W no-overdue \
	strict/late.md
lacks "$tmp/err" "overdue" "-W no-overdue wins"
# shellcheck disable=SC2086
expect 0 "-W brings back what the policy turned off" "$pmc" check $today \
	-W no-overdue -W warning=few-whys strict/late.md
contains "$tmp/err" "1 whys" "-W warning=few-whys over few-whys: off"
# Compiling follows the same severities: an error writes nothing.
# shellcheck disable=SC2086
expect 1 "compiling under the policy's error" "$pmc" $today strict/late.md \
	-o strict/late.json
if [ -e strict/late.json ]; then bad "output written despite the error"; else ok; fi

# A policy may not lower an error: the source stays invalid.
cat >lax/.pmc.yml <<'EOF'
rules: {timeline-order: off}
EOF
cat >lax/order.md <<'EOF'
---
title: Clock skew
severity: SEV4
started: 2024-05-01 10:00
---

## Timeline

- 2024-05-01 10:30 — Second
- 2024-05-01 10:10 — First
EOF
# shellcheck disable=SC2086
expect 1 "an error rule stays an error" "$pmc" check $today lax/order.md
contains "$tmp/err" "rule 'timeline-order' is an error and stays one" \
	"the policy says it cannot lower an error"
contains "$tmp/err" "[timeline-order]" "the error is still reported"

# --- Suppression comments in every command and format. ------------------
mkdir sup
printf 'update_interval: 30m\n' >sup/.pmc.yml
cat >sup/quiet.md <<'EOF'
---
title: Webhook deliveries delayed
severity: SEV3
started: 2024-06-11 13:00
detected: 2024-06-11 13:10
mitigated: 2024-06-11 15:00
---

## Timeline

- 2024-06-11 13:10 — [detected] Delivery lag alert
<!-- pmc-disable-next-line update-gap -->
- 14:30 — Consumer scaled out; nobody posted in between
- 15:00 — [mitigated] Lag back under a minute

<!-- pmc-disable -->
## Five whys

1. Why was delivery late? One consumer for all tenants.

## Follow-ups

<!-- pmc-enable -->
- [ ] Shard consumers by tenant (owner: Integrations, due: 2030-01-01)
EOF
for f in text json github sarif; do
	# shellcheck disable=SC2086
	expect 0 "suppressed findings, --format $f --strict" "$pmc" check \
		$today --strict --format $f sup/quiet.md
	# (SARIF describes every rule; the results follow the rules)
	if [ $f = sarif ]; then sed -n '/"results": \[/,$p' "$tmp/out"; else cat "$tmp/out"; fi >"$tmp/results"
	lacks "$tmp/results" "update-gap" "--format $f: a suppressed finding"
	lacks "$tmp/results" "few-whys" "--format $f: a suppressed finding"
	lacks "$tmp/err" "update-gap" "--format $f: a suppressed finding"
done
# shellcheck disable=SC2086
expect 0 "compiling with --strict" "$pmc" $today --strict sup/quiet.md \
	-o sup/quiet.html
if [ -s sup/quiet.html ]; then ok; else bad "no HTML for a clean source"; fi
# shellcheck disable=SC2086
expect 0 "pmc build --strict" "$pmc" build $today --strict -q -o sup/site \
	sup/quiet.md
# Without the comments the same source fails --strict.
sed '/pmc-/d' sup/quiet.md >sup/loud.md
# shellcheck disable=SC2086
expect 1 "the same findings unsuppressed" "$pmc" check $today --strict \
	sup/loud.md
contains "$tmp/err" "[update-gap]" "unsuppressed update-gap"
contains "$tmp/err" "[few-whys]" "unsuppressed few-whys"
# pmc fmt keeps the comments, so the findings stay silenced.
cp sup/quiet.md sup/fmt.md
expect 0 "pmc fmt of a source with suppression comments" "$pmc" fmt \
	sup/fmt.md
# shellcheck disable=SC2086
expect 0 "its formatted form is as quiet" "$pmc" check $today --strict \
	sup/fmt.md

# --- Markdown files that are no postmortems. ---------------------------
mkdir docs
printf '# Postmortems\n\nOne file per incident.\n' >docs/README.md
printf '\n\n---\ntitle: Pasted with blank lines\nseverity: SEV3\n---\n' \
	>docs/pasted.md
printf -- '----\ntitle: One dash too many\nseverity: SEV3\n----\n' >docs/dashes.md
expect 0 "a README named on the command line is skipped" "$pmc" check \
	docs/README.md
lacks "$tmp/err" "README" "the skipped README is not mentioned"
expect 1 "a file that starts like front matter is read" "$pmc" check \
	docs/README.md docs/pasted.md docs/dashes.md
contains "$tmp/err" "docs/pasted.md:1:1: error" "blank lines before the fence"
contains "$tmp/err" "docs/dashes.md:1:1: error" "a fence of four dashes"
lacks "$tmp/err" "README" "the README among broken postmortems"
expect 1 "directory mode: the same" "$pmc" check docs
contains "$tmp/err" "2 files checked" "directory mode counts what it reads"
# Compiling a named file is never skipped: an output was asked for.
expect 1 "compiling a README" "$pmc" docs/README.md -o docs/readme.json
contains "$tmp/err" "[front-matter-missing]" "compiling a README"

# --- pmc help format and pmc-format(5): one source. ----------------------
expect 0 "pmc help format" "$pmc" help format
cp "$tmp/out" help.txt
if grep -q "$(printf '\b')" help.txt; then
	bad "pmc help format leaves overstrikes in its text"
else ok; fi
# What a writer looks up, in each language and form the page promises.
for w in "SUPPRESSION COMMENTS" "pmc-disable-next-line" "pmc-enable" \
	"Oppsummering" "なぜなぜ分析" "再発防止策, 対策" "Contributing factors" \
	"2:35 PM" "19:37 UTC" "2015-10-21 (all times UTC)" \
	"2012年6月21日（木）" "[escalated]" "assignee" "deadline" "jira" \
	"**TODO**" "<!-- internal -->" "update_hours" "follow-ups: {owner: true, due: false}" \
	"rules:" "an error is never lowered"; do
	contains help.txt "$w" "pmc help format"
done
# The help is the man page: every word mandoc renders is in it, in order.
if command -v mandoc >/dev/null; then
	mandoc -Tutf8 -Owidth=78 "$top/doc/pmc-format.5" |
		python3 -c 'import re, sys
t = sys.stdin.buffer.read().decode("utf-8")
sys.stdout.buffer.write(re.sub(".\b", "", t, flags=re.S).encode("utf-8"))' >man.txt
	if cmp -s man.txt help.txt; then ok; else
		bad "pmc help format differs from mandoc's rendering of pmc-format(5)"
		diff man.txt help.txt | head -10
	fi
	mandoc -Tlint -W warning "$top/doc/pmc-format.5" >lint.txt 2>&1 &&
		[ ! -s lint.txt ] && ok || bad "pmc-format(5): $(cat lint.txt)"
fi
expect 2 "pmc help of something unknown" "$pmc" help formats

finish
