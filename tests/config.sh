#!/bin/sh
# config.sh: what a team configures and where (format.md section 11):
# rule severities in .pmc.yml and -W winning over them, suppression
# comments honoured by every command and output format and left out of
# the exit status, and folders' Markdown without front matter skipped:
# PMC SOURCE_TREE
set -u
pmc=$1
top=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
passes=0

ok() { passes=$((passes + 1)); }
bad() {
	echo "FAIL: $1"
	fails=$((fails + 1))
}

# expect STATUS DESCRIPTION COMMAND...: the command exits with STATUS.
expect() {
	want=$1 what=$2
	shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" -ne "$want" ]; then
		bad "$what: exit $got, expected $want"
		sed 's/^/  | /' "$tmp/err"
	else
		ok
	fi
}

# contains FILE TEXT DESCRIPTION
contains() {
	if grep -qF -- "$2" "$1"; then ok; else
		bad "$3: no '$2' in:"
		sed 's/^/  | /' "$1"
	fi
}

lacks() {
	if grep -qF -- "$2" "$1"; then
		bad "$3: '$2' in:"
		sed 's/^/  | /' "$1"
	else ok; fi
}

day="--today 2025-01-01"
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
expect 1 "policy raises overdue to an error" "$pmc" check $day strict/late.md
contains "$tmp/err" "error: follow-up was due 2024-04-01" "overdue as an error"
lacks "$tmp/err" "few-whys" "few-whys: off in the policy"
# shellcheck disable=SC2086
expect 0 "-W lowers what the policy raised" "$pmc" check $day \
	-W warning=overdue strict/late.md
contains "$tmp/err" "warning: follow-up was due" "-W warning=overdue wins"
# shellcheck disable=SC2086
expect 0 "-W no-RULE over the policy" "$pmc" check $day -W no-overdue \
	strict/late.md
lacks "$tmp/err" "overdue" "-W no-overdue wins"
# shellcheck disable=SC2086
expect 0 "-W brings back what the policy turned off" "$pmc" check $day \
	-W no-overdue -W warning=few-whys strict/late.md
contains "$tmp/err" "1 whys" "-W warning=few-whys over few-whys: off"
# Compiling follows the same severities: an error writes nothing.
# shellcheck disable=SC2086
expect 1 "compiling under the policy's error" "$pmc" $day strict/late.md \
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
expect 1 "an error rule stays an error" "$pmc" check $day lax/order.md
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
		$day --strict --format $f sup/quiet.md
	# (SARIF lists every rule; a result names its rule as ruleId)
	grep -v '"id": ' "$tmp/out" >"$tmp/results"
	lacks "$tmp/results" "update-gap" "--format $f: a suppressed finding"
	lacks "$tmp/results" "few-whys" "--format $f: a suppressed finding"
	lacks "$tmp/err" "update-gap" "--format $f: a suppressed finding"
done
# shellcheck disable=SC2086
expect 0 "compiling with --strict" "$pmc" $day --strict sup/quiet.md \
	-o sup/quiet.html
if [ -s sup/quiet.html ]; then ok; else bad "no HTML for a clean source"; fi
# shellcheck disable=SC2086
expect 0 "pmc build --strict" "$pmc" build $day --strict -q -o sup/site \
	sup/quiet.md
# Without the comments the same source fails --strict.
sed '/pmc-/d' sup/quiet.md >sup/loud.md
# shellcheck disable=SC2086
expect 1 "the same findings unsuppressed" "$pmc" check $day --strict \
	sup/loud.md
contains "$tmp/err" "[update-gap]" "unsuppressed update-gap"
contains "$tmp/err" "[few-whys]" "unsuppressed few-whys"
# pmc fmt keeps the comments, so the findings stay silenced.
cp sup/quiet.md sup/fmt.md
expect 0 "pmc fmt of a source with suppression comments" "$pmc" fmt \
	sup/fmt.md
# shellcheck disable=SC2086
expect 0 "its formatted form is as quiet" "$pmc" check $day --strict \
	sup/fmt.md

echo "config: $passes passed, $fails failed"
[ "$fails" -eq 0 ]
