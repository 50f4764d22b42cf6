#!/bin/sh
# rules-help.sh: pmc --list-rules and pmc help RULE: every rule of
# src/rules.def listed once, with its default severity, a message a
# reader can read (no printf conversion) and a one-line explanation; and
# explained, with an example and the fix, by pmc help RULE. A rule added
# without its explanation in src/rules_help.def fails here. PMC SOURCE_TREE
set -u
pmc=$1
top=$2
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"

sed -n 's/^RULE([A-Z0-9_]*, "\([a-z0-9-]*\)", \([A-Z]*\),.*/\1 \2/p' \
    "$top/src/rules.def" | tr 'A-Z' 'a-z' >"$tmp/rules"
[ "$(wc -l <"$tmp/rules")" -gt 40 ] && ok || bad "rules.def read wrong: $(wc -l <"$tmp/rules") rules"
sed -n 's/^RULE_HELP("\([a-z0-9-]*\)",.*/\1/p' "$top/src/rules_help.def" | sort >"$tmp/helped"
cut -d' ' -f1 "$tmp/rules" | sort >"$tmp/ids"
diff "$tmp/ids" "$tmp/helped" >"$tmp/d" && ok ||
    { bad "rules.def (<) and rules_help.def (>) differ:"; sed 's/^/  | /' "$tmp/d"; }

expect 0 "--list-rules" "$pmc" --list-rules
lacks "$tmp/out" "%" "--list-rules shows no printf conversion"
while read -r id sev; do
	grep -qE "^$id +$sev +[^ ]" "$tmp/out" && ok ||
	    bad "--list-rules has no line '$id $sev MESSAGE'"
done <"$tmp/rules"
grep -A1 "^overdue " "$tmp/out" >"$tmp/overdue"
contains "$tmp/overdue" "overdue                    warning  follow-up was due … and is still open" \
    "a rule's line: id, severity, message"
contains "$tmp/overdue" "                                    An open follow-up whose due date has passed" \
    "the explanation on the line below"

while read -r id sev; do
	expect 0 "help $id" "$pmc" help "$id"
	head -n 1 "$tmp/out" | grep -qx "$id ($sev by default)" && ok ||
	    bad "pmc help $id: first line '$(head -n 1 "$tmp/out")'"
	contains "$tmp/out" "Example:" "pmc help $id"
	contains "$tmp/out" "Fix:" "pmc help $id"
	lacks "$tmp/out" "%" "pmc help $id"
done <"$tmp/rules"

expect 0 "help overdue" "$pmc" help overdue
contains "$tmp/out" "follow-up was due … and is still open" "the message with an ellipsis"
contains "$tmp/out" "-W error=overdue" "how to make a warning an error"
expect 0 "help timeline-order" "$pmc" help timeline-order
contains "$tmp/out" "An error is never lowered" "an error cannot be lowered"
expect 2 "help flux-capacitor" "$pmc" help flux-capacitor
contains "$tmp/err" "no help for 'flux-capacitor' (a command, format, or a rule of pmc --list-rules)" "an unknown rule"
finish
