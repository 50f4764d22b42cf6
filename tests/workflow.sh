#!/bin/sh
# workflow.sh: the team's workflow end to end (docs/ci.md). In a scratch
# git repository holding the samples and a few broken postmortems, the
# pre-commit hooks of .pre-commit-hooks.yaml (pmc-fmt too: it rewrites a
# postmortem and leaves a README alone) and the pmc commands of the
# GitHub Actions example in docs/ci.md catch every broken one, with
# annotations at the lines at fault, and pass the samples: PMC SOURCE_TREE
set -u
pmc=$1
top=$2
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"

# The commands run as CI runs them: pmc on PATH, the day fixed so that
# the samples' open follow-ups are not overdue yet (2012-07-01; the First
# Server one was due at the end of 2012).
mkdir -p "$tmp/bin"
ln -s "$pmc" "$tmp/bin/pmc"
PATH=$tmp/bin:$PATH
SOURCE_DATE_EPOCH=1341100800
export PATH SOURCE_DATE_EPOCH

repo=$tmp/repo
mkdir -p "$repo/postmortems/teams/blue"
cp "$top"/samples/*.md "$repo/postmortems/"
# The samples' policy, as a team that tracks its follow-ups would have it:
# the samples, old published postmortems, turn 'overdue' off.
grep -v 'overdue: off' "$top/samples/.pmc.yml" >"$repo/.pmc.yml"
printf '# Postmortems\n\nOne file per incident.\n' >"$repo/postmortems/README.md"

# Broken ones, each with its fault on a line found below by its text.
cat >"$repo/postmortems/2024-02-01-order.md" <<'EOF'
---
title: Queue stalled
severity: Minor
started: 2024-02-01 10:00
resolved: 2024-02-01 10:40
---

## Timeline

- 10:00 — [started] The queue stalls.
- 10:30 — The consumer is restarted.
- 10:20 — [detected] An alert fires.
- 10:40 — [resolved] Drained.
EOF
cat >"$repo/postmortems/2024-03-01-overdue.md" <<'EOF'
---
title: Certificate expired
severity: Minor
started: 2024-03-01 09:00
resolved: 2024-03-01 09:50
---

## Summary

A certificate expired.

## Follow-ups

- [x] Renew it (owner: Ops, due: 2011-01-01)
- [ ] Alert before expiry (owner: Ops, due: 2011-02-01)
EOF
cat >"$repo/postmortems/2024-04-01-scale.md" <<'EOF'
---
title: Disk full
severity: Sev-1
started: 2024-04-01 08:00
---

## Summary

The disk filled up.
EOF
# A team with a policy of its own, broken at line 3, column 18.
cat >"$repo/postmortems/teams/blue/.pmc.yml" <<'EOF'
severities:
  - name: Low
    max_duration: soonish
min_whys: 2
EOF
cat >"$repo/postmortems/teams/blue/2024-05-01-blue.md" <<'EOF'
---
title: Blue team outage
severity: Low
---

## Summary

Fine by itself; its policy is not.
EOF
(
	cd "$repo" && git init -q && git add -A &&
		git -c user.name=ci -c user.email=ci@localhost commit -qm postmortems
) || { bad "cannot make the scratch repository"; finish; }

line_of() { grep -n -- "$2" "$repo/postmortems/$1" | head -1 | cut -d: -f1; }
order=$(line_of 2024-02-01-order.md '10:20')
overdue=$(line_of 2024-03-01-overdue.md 'Alert before expiry')
scale=$(line_of 2024-04-01-scale.md 'Sev-1')
# file line col rule: what every command must point at
expected="postmortems/2024-02-01-order.md $order 3 timeline-order
postmortems/2024-03-01-overdue.md $overdue 3 overdue
postmortems/2024-04-01-scale.md $scale 11 severity-scale
postmortems/teams/blue/.pmc.yml 3 19 policy"

# ---- pre-commit: the hook as .pre-commit-hooks.yaml defines it ----
hook=$(python3 - "$top/.pre-commit-hooks.yaml" <<'EOF'
import shlex, sys, yaml
hooks = {h["id"]: h for h in yaml.safe_load(open(sys.argv[1]))}
h = hooks["pmc-check"]
assert h["language"] == "system" and h["pass_filenames"] is False, h
print(" ".join([h["entry"]] + [shlex.quote(a) for a in h.get("args", [])]))
EOF
) || { bad ".pre-commit-hooks.yaml has no usable pmc-check hook"; finish; }
(cd "$repo" && sh -c "$hook") >"$tmp/hook.out" 2>"$tmp/hook.err"
st=$?
[ $st -eq 1 ] && ok || bad "the hook '$hook' exited $st, expected 1"
# (overdue is a warning there: only CI makes it fatal)
echo "$expected" | while read -r f l c r; do
	sev=error
	[ "$r" = overdue ] && sev=warning
	grep -q "^$f:$l:$c: $sev: .*\[$r\]\$" "$tmp/hook.err" ||
		echo "FAIL: the hook does not report $r at $f:$l:$c"
done >"$tmp/missing"
if [ -s "$tmp/missing" ]; then
	cat "$tmp/missing"
	sed 's/^/  | /' "$tmp/hook.err"
	fails=$((fails + 1))
else ok; fi
grep -q "README.md" "$tmp/hook.err" && bad "the hook checked the README" || ok
grep -E "^postmortems/(epicor|fs-canvas|firstserver|idporten)[^:]*:[0-9]+:[0-9]+: error" \
	"$tmp/hook.err" && bad "the hook reports errors in the samples" || ok
# Without the broken ones, the hook lets the commit through.
cp -R "$repo" "$tmp/clean"
rm -r "$tmp/clean/postmortems/2024-0"* "$tmp/clean/postmortems/teams"
(cd "$tmp/clean" && sh -c "$hook") >/dev/null 2>"$tmp/clean.err"
st=$?
[ $st -eq 0 ] && ok || bad "the hook fails on the samples alone ($st): $(tail -3 "$tmp/clean.err")"
# pre-commit itself, trying this checkout's hooks, when it is installed.
# (A repository of its own for the hooks file, committed, so that what
# is tried is this file whatever the checkout's state.)
if command -v pre-commit >/dev/null; then
	mkdir "$tmp/hooks"
	cp "$top/.pre-commit-hooks.yaml" "$tmp/hooks/"
	(cd "$tmp/hooks" && git init -q && git add -A &&
		git -c user.name=ci -c user.email=ci@localhost commit -qm hooks)
	(cd "$repo" && PRE_COMMIT_HOME=$tmp/pre-commit-home \
		pre-commit try-repo "$tmp/hooks" pmc-check --all-files) \
		>"$tmp/pc.out" 2>&1
	st=$?
	[ $st -ne 0 ] && grep -q "postmortems/2024-02-01-order.md:$order:3: error" "$tmp/pc.out" &&
		ok || { bad "pre-commit try-repo did not fail at the broken line ($st)"; tail -20 "$tmp/pc.out"; }
else
	echo "SKIP: pre-commit is not installed; its hook command ran above"
fi

# ---- pre-commit's file list: the pmc-check-files hook ----
# pre-commit passes the changed Markdown files by name: a README among
# them is skipped as directory mode skips it, while a file that starts
# like front matter and is broken is still an error.
mkdir -p "$tmp/files/postmortems/notes"
cp "$top"/samples/fs-canvas-2022.md "$tmp/files/postmortems/"
grep -v 'overdue: off' "$top/samples/.pmc.yml" >"$tmp/files/.pmc.yml"
printf '# Postmortems\n\nOne file per incident; see CONTRIBUTING.md.\n' \
	>"$tmp/files/postmortems/README.md"
printf 'Notes from the review meeting.\n\n---\n\nNext: 4 May.\n' \
	>"$tmp/files/postmortems/notes/meeting.md"
(cd "$tmp/files" && git init -q && git add -A &&
	git -c user.name=ci -c user.email=ci@localhost commit -qm pm) ||
	bad "cannot make the second scratch repository"
files_hook() {
	if command -v pre-commit >/dev/null; then
		(cd "$tmp/files" && PRE_COMMIT_HOME=$tmp/pre-commit-home \
			pre-commit try-repo "$tmp/hooks" pmc-check-files \
			--files "$@") >"$tmp/files.out" 2>&1
	else
		# the hook's entry with the files appended, as pre-commit runs it
		(cd "$tmp/files" && pmc check "$@") >"$tmp/files.out" 2>&1
	fi
}
files_hook postmortems/README.md postmortems/notes/meeting.md \
	postmortems/fs-canvas-2022.md
st=$?
[ $st -eq 0 ] && ok || { bad "pmc-check-files fails on a README ($st)"; sed 's/^/  | /' "$tmp/files.out"; }
grep -q "README.md:\|meeting.md:" "$tmp/files.out" &&
	bad "pmc-check-files reported a README: $(cat "$tmp/files.out")" || ok
# A postmortem whose fence lost a dash, and one with a blank first line.
printf -- '--\ntitle: Fence typo\nseverity: SEV3\n---\n\n## Summary\n\nS.\n' \
	>"$tmp/files/postmortems/2024-06-01-fence.md"
printf -- '\n---\ntitle: Blank first line\nseverity: SEV3\n---\n\n## Summary\n\nS.\n' \
	>"$tmp/files/postmortems/2024-06-02-blank.md"
(cd "$tmp/files" && git add -A &&
	git -c user.name=ci -c user.email=ci@localhost commit -qm more) ||
	bad "cannot commit to the second scratch repository"
files_hook postmortems/README.md postmortems/2024-06-02-blank.md \
	postmortems/2024-06-01-fence.md
st=$?
[ $st -ne 0 ] && grep -q "2024-06-02-blank.md:1:1: error: .*\[front-matter-missing\]" \
	"$tmp/files.out" && grep -q "2024-06-01-fence.md:1:1: error" "$tmp/files.out" && ok ||
	{ bad "a broken front matter start was not an error ($st)"; sed 's/^/  | /' "$tmp/files.out"; }
# Directory mode: the same broken start is an error, the READMEs are not.
(cd "$tmp/files" && pmc check postmortems) >"$tmp/dir.out" 2>&1
st=$?
[ $st -eq 1 ] && grep -q "2024-06-02-blank.md:1:1: error" "$tmp/dir.out" &&
	grep -q "2024-06-01-fence.md:1:1: error" "$tmp/dir.out" &&
	! grep -q "README.md\|meeting.md" "$tmp/dir.out" && ok ||
	{ bad "directory mode: README skipped, broken start reported ($st)"; sed 's/^/  | /' "$tmp/dir.out"; }

# ---- pre-commit: the pmc-fmt hook ----
# A postmortem written in another style is rewritten and the commit
# stopped (pre-commit fails a hook that changed files); the README beside
# it is left as it is; the second run passes.
if command -v pre-commit >/dev/null; then
	mkdir -p "$tmp/fmt/postmortems"
	cp "$top/samples/fs-canvas-2022.md" "$tmp/fmt/postmortems/"
	grep -v 'overdue: off' "$top/samples/.pmc.yml" >"$tmp/fmt/.pmc.yml"
	sed 's/^- /* /' "$top/samples/fs-canvas-2022.md" >"$tmp/fmt/postmortems/fs-canvas-2022.md"
	printf '# Postmortems\n\nOne   file per incident.\n\n*  a list in another style\n' \
		>"$tmp/fmt/postmortems/README.md"
	cp "$tmp/fmt/postmortems/README.md" "$tmp/readme.before"
	(cd "$tmp/fmt" && git init -q && git add -A &&
		git -c user.name=ci -c user.email=ci@localhost commit -qm pm) ||
		bad "cannot make the pmc-fmt scratch repository"
	fmt_hook() {
		(cd "$tmp/fmt" && PRE_COMMIT_HOME=$tmp/pre-commit-home \
			pre-commit try-repo "$tmp/hooks" pmc-fmt --all-files) >"$tmp/fmt.out" 2>&1
	}
	fmt_hook
	st=$?
	[ $st -ne 0 ] && grep -q "files were modified by this hook" "$tmp/fmt.out" && ok ||
		{ bad "pmc-fmt did not stop a commit in another style ($st)"; sed 's/^/  | /' "$tmp/fmt.out"; }
	pmc fmt --check "$tmp/fmt/postmortems/fs-canvas-2022.md" && ok ||
		bad "pmc-fmt left the postmortem unformatted"
	cmp -s "$tmp/readme.before" "$tmp/fmt/postmortems/README.md" && ok ||
		bad "pmc-fmt rewrote the README"
	(cd "$tmp/fmt" && git add -A)
	fmt_hook && ok || { bad "pmc-fmt fails on formatted sources"; sed 's/^/  | /' "$tmp/fmt.out"; }
else
	echo "SKIP: pre-commit is not installed: pmc-fmt is not tried"
fi

# ---- CI: the pmc commands of the GitHub Actions example in docs/ci.md ----
# What makes the example work when copied: pmc installed in every job
# from scripts/build-packages, code scanning's permissions, no upload
# from a fork's pull request (its token cannot), upload-sarif@v4, the
# same -W flags in every pmc step; the action's snippet uses its inputs.
python3 - "$top/docs/ci.md" "$top/action.yml" "$top/scripts/build-packages" <<'EOF' && ok || fails=$((fails + 1))
import re, sys, yaml
text = open(sys.argv[1], encoding="utf-8").read()
blocks = [yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", text, re.S)]
wf = next(b for b in blocks if isinstance(b, dict) and "jobs" in b)
errors = []
for name, job in wf["jobs"].items():
    runs = [s.get("run", "") for s in job["steps"]]
    inst = [r for r in runs if "cmake --install" in r]
    if not inst or "scripts/build-packages" not in inst[0] or "apt-get install" not in inst[0]:
        errors.append("job %s: no real install step" % name)
    flags = {" ".join(re.findall(r"-W \S+|--strict", line))
             for r in runs for line in r.splitlines() if line.strip().startswith("pmc ")}
    if len(flags) > 1:
        errors.append("job %s: -W flags differ between steps: %s" % (name, flags))
perms = wf["jobs"]["check"].get("permissions", {})
if perms != {"contents": "read", "actions": "read", "security-events": "write"}:
    errors.append("check job permissions: %s" % perms)
up = [s for s in wf["jobs"]["check"]["steps"] if "upload-sarif" in s.get("uses", "")]
if not up or up[0]["uses"] != "github/codeql-action/upload-sarif@v4":
    errors.append("upload-sarif: %s" % up)
elif "head.repo.full_name == github.repository" not in up[0].get("if", ""):
    errors.append("upload-sarif runs on a fork's pull request: if: %s" % up[0].get("if"))
action = yaml.safe_load(open(sys.argv[2]))
snippet = next(b for b in blocks if isinstance(b, list))
uses = [s for s in snippet if "/pmc@" in s.get("uses", "")]
if not uses or set(uses[0].get("with", {})) - set(action["inputs"]):
    errors.append("the action's snippet: %s" % uses)
for e in errors:
    print("FAIL: docs/ci.md:", e)
sys.exit(1 if errors else 0)
EOF
python3 - "$top/docs/ci.md" >"$tmp/ci.cmds" <<'EOF' || bad "no workflow in docs/ci.md"
import re, sys, yaml
text = open(sys.argv[1], encoding="utf-8").read()
wf = next(yaml.safe_load(b) for b in re.findall(r"```yaml\n(.*?)```", text, re.S)
          if "jobs:" in b)
for step in wf["jobs"]["check"]["steps"]:
    run = step.get("run", "")
    if run.startswith("pmc check"):
        print(run.strip())
EOF
[ "$(wc -l <"$tmp/ci.cmds")" -eq 2 ] && ok ||
	bad "docs/ci.md should show two pmc check steps: $(cat "$tmp/ci.cmds")"

# The annotating step fails the job, and annotates every broken line.
cmd=$(grep -- '--format github' "$tmp/ci.cmds")
(cd "$repo" && sh -c "$cmd") >"$tmp/gh.out" 2>"$tmp/gh.err"
st=$?
[ $st -eq 1 ] && ok || bad "'$cmd' exited $st, expected 1"
echo "$expected" | while read -r f l c r; do
	grep -q "^::error file=$f,line=$l,col=$c,title=$r::" "$tmp/gh.out" ||
		echo "FAIL: no annotation of $r at $f:$l:$c"
done >"$tmp/missing"
if [ -s "$tmp/missing" ]; then
	cat "$tmp/missing"
	sed 's/^/  | /' "$tmp/gh.out"
	fails=$((fails + 1))
else ok; fi
grep -E "^::error file=postmortems/(epicor|fs-canvas|firstserver|idporten)" "$tmp/gh.out" &&
	bad "the samples get error annotations" || ok
grep -q "^::warning file=postmortems/firstserver-2012.md,line=[0-9]*,col=[0-9]*,title=update-gap::" "$tmp/gh.out" &&
	ok || bad "the samples' warnings are not annotated"

# The code scanning step writes a SARIF log with the same places.
cmd=$(grep -- '--format sarif' "$tmp/ci.cmds")
(cd "$repo" && sh -c "$cmd") 2>"$tmp/sarif.err"
python3 - "$repo/pmc.sarif" "$top/tests/sarif-schema-2.1.0.json" "$expected" <<'EOF' && ok || fails=$((fails + 1))
import json, sys, jsonschema
log = json.load(open(sys.argv[1], encoding="utf-8"))
jsonschema.Draft7Validator(json.load(open(sys.argv[2]))).validate(log)
got = set()
for r in log["runs"][0]["results"]:
    loc = r["locations"][0]["physicalLocation"]
    got.add((loc["artifactLocation"]["uri"], loc["region"]["startLine"],
             loc["region"]["startColumn"], r["ruleId"], r["level"]))
# (-W error=overdue in this step too: code scanning sees what fails)
missing = [e for e in sys.argv[3].splitlines()
           if (e.split()[0], int(e.split()[1]), int(e.split()[2]), e.split()[3], "error") not in got]
for m in missing:
    print("FAIL: the SARIF log has no result", m)
sys.exit(1 if missing else 0)
EOF

finish
