#!/bin/sh
# action.sh: the composite action (action.yml) run locally, its steps in
# order as a runner runs them (tests/action-run.py): it builds and
# installs this source tree's pmc under the runner's temporary folder,
# checks a copy of the samples and writes a valid SARIF log, fails on a
# broken postmortem with the finding in the log at its place, and with
# followups: 'true' fails on an overdue follow-up. Only the apt-get step
# is skipped, after checking that its packages are installed. SOURCE_TREE
set -u
top=$1
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"

# The packages the action installs are pmc's build dependencies, all
# here (scripts/setup installs them; tests/setup.sh proves them enough).
missing=
for p in $(cat "$top/scripts/build-packages"); do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && ok || { bad "not installed:$missing (the apt-get step cannot be skipped)"; finish; }
grep -q 'scripts/build-packages' "$top/action.yml" && ok ||
	bad "action.yml does not install scripts/build-packages"

# A repository of postmortems: the samples, their policy.
mkdir -p "$tmp/ws/.git" "$tmp/ws/postmortems"
cp "$top"/samples/*.md "$top/samples/.pmc.yml" "$tmp/ws/postmortems/"
printf '# Postmortems\n\nOne file per incident.\n' >"$tmp/ws/postmortems/README.md"
run_action() {
	(cd "$tmp/ws" && PMC_SKIP_APT=1 SOURCE_DATE_EPOCH=${epoch:-1341100800} \
		python3 "$top/tests/action-run.py" "$top/action.yml" "$top" "$tmp/runner" "$@") \
		>"$tmp/out" 2>&1
}

# The samples pass; the log is valid and names pmc's version.
run_action
st=$?
[ $st -eq 0 ] && ok || { bad "the action fails on the samples ($st)"; sed 's/^/  | /' "$tmp/out"; finish; }
[ -x "$tmp/runner/pmc/bin/pmc" ] && ok || bad "pmc is not installed under the runner's temporary folder"
grep -q "^pmc [0-9]" "$tmp/out" && ok || bad "the build step did not show the installed pmc's version"
grep -q "skipped (if: inputs.followups == 'true')" "$tmp/out" && ok || bad "followups ran though not asked for"
python3 "$top/tests/sarif-check.py" "$tmp/ws/pmc.sarif" "$top/tests/sarif-schema-2.1.0.json" && ok ||
	bad "the action's SARIF log is not valid"

# A broken postmortem fails the step, and is in the log at its line.
printf -- '---\ntitle: Broken\nseverity: SEV9\n---\n\n## Summary\n\nS.\n' >"$tmp/ws/postmortems/broken.md"
mkdir -p "$tmp/ws/out"
run_action sarif=out/findings.sarif "args=-W error=overdue"
st=$?
[ $st -eq 1 ] && ok || { bad "a broken postmortem: the action exited $st, expected 1"; sed 's/^/  | /' "$tmp/out"; }
python3 - "$tmp/ws/out/findings.sarif" <<'PY' && ok || bad "the broken postmortem's finding is not in the log"
import json, sys
res = json.load(open(sys.argv[1]))["runs"][0]["results"]
loc = [r["locations"][0]["physicalLocation"] for r in res if r["level"] == "error"]
assert any(l["artifactLocation"] == {"uri": "postmortems/broken.md", "uriBaseId": "%SRCROOT%"}
           and l["region"]["startLine"] == 3 for l in loc), loc
PY
rm "$tmp/ws/postmortems/broken.md"

# followups: 'true' fails on the samples' follow-ups once they are
# overdue (the check itself passes: their policy turns 'overdue' off).
epoch=1420070400 run_action followups=true
st=$?
[ $st -eq 1 ] && grep -q "^::error file=postmortems/.*title=overdue::" "$tmp/out" &&
	grep -q "follow-ups are overdue\|follow-up is overdue" "$tmp/out" && ok ||
	{ bad "followups: 'true' did not fail on overdue items ($st)"; sed 's/^/  | /' "$tmp/out"; }
finish
