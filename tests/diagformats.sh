#!/bin/sh
# diagformats.sh: 'pmc check --format json|github|sarif' against their
# specifications' shapes (cli.md), and per-rule severities (-W error=RULE):
# PMC SOURCE_TREE
#
# The SARIF log is validated with python3-jsonschema against the official
# schema, tests/sarif-schema-2.1.0.json (and what code scanning needs, by
# tests/sarif-check.py), and every format must carry the very findings
# the text format prints, at the same places.
set -u
pmc=$1
top=$2
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"

if ! python3 -c 'import jsonschema' 2>/dev/null; then
	bad "python3-jsonschema is missing (scripts/setup installs it)"
	finish
fi

# A tree of sources with findings of every severity, one with a name
# that needs escaping in a GitHub property and in a URI.
mkdir -p "$tmp/pm/sub"
for c in overdue timeline-order few-whys missing-section-final unknown-section; do
	cp "$top/tests/regress/$c.md" "$tmp/pm/"
done
cp "$top/tests/regress/timeline-order.md" "$tmp/pm/sub/a,b c.md"
cd "$tmp" || exit 2

# shellcheck disable=SC2086
"$pmc" check $opts pm >"$tmp/text.out" 2>"$tmp/text"
for f in json github sarif; do
	# shellcheck disable=SC2086
	"$pmc" check $opts --format $f pm >"$tmp/$f" 2>"$tmp/$f.err"
	st=$?
	[ $st -eq 1 ] && ok || bad "--format $f: exit $st, expected 1"
	[ -s "$tmp/$f.err" ] && bad "--format $f wrote to stderr: $(cat "$tmp/$f.err")"
done
[ -s "$tmp/text.out" ] && bad "--format text wrote to stdout"

# One checker for all three: each format parsed into (file, line, col,
# severity, rule, message) and compared with the text format's findings.
python3 - "$tmp" "$top/tests/sarif-schema-2.1.0.json" "$("$pmc" --version)" <<'EOF' && ok || fails=$((fails + 1))
import json, re, sys, jsonschema

tmp, schema_path, version = sys.argv[1], sys.argv[2], sys.argv[3].split()[1]
errors = []

def text_findings():
    out = []
    for line in open(tmp + "/text", encoding="utf-8"):
        m = re.match(r"^(.+?):(\d+):(\d+): (error|warning|note): (.*) \[([a-z0-9-]+)\]$", line.rstrip("\n"))
        if m:
            out.append((m[1], int(m[2]), int(m[3]), m[4], m[6], m[5]))
    return out

want = text_findings()
if len(want) < 10:
    errors.append("text format: only %d findings parsed" % len(want))

# json: one array of {file, line, column, severity, rule, message}
arr = json.load(open(tmp + "/json", encoding="utf-8"))
keys = {"file", "line", "column", "severity", "rule", "message"}
got = []
for o in arr:
    if set(o) != keys:
        errors.append("json: keys %s" % sorted(o))
    got.append((o["file"], o["line"], o["column"], o["severity"], o["rule"], o["message"]))
if got != want:
    errors.append("json: findings differ from the text format:\n%s\n%s" % (got, want))

# github: ::error file=F,line=L,col=C,title=RULE::MESSAGE, with %, CR, LF
# (and , : in properties) escaped
def unescape(s):
    return s.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")
got = []
sev = {"error": "error", "warning": "warning", "notice": "note"}
for line in open(tmp + "/github", encoding="utf-8"):
    m = re.match(r"^::(error|warning|notice) file=([^,:]*),line=(\d+),col=(\d+),title=([^,:]*)::(.*)$", line.rstrip("\n"))
    if not m:
        errors.append("github: not a workflow command: %r" % line)
        continue
    got.append((unescape(m[2]), int(m[3]), int(m[4]), sev[m[1]], unescape(m[5]), unescape(m[6])))
if got != want:
    errors.append("github: findings differ from the text format:\n%s\n%s" % (got, want))
if "file=pm/sub/a%2Cb c.md," not in open(tmp + "/github", encoding="utf-8").read():
    errors.append("github: a comma in a file name is not escaped")

# sarif: valid against the schema, one run, and what GitHub code
# scanning needs: rules with ids and descriptions, results pointing at
# their rule, relative URIs, regions.
log = json.load(open(tmp + "/sarif", encoding="utf-8"))
schema = json.load(open(schema_path, encoding="utf-8"))
v = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
for e in v.iter_errors(log):
    errors.append("sarif: schema: %s at %s" % (e.message, list(e.absolute_path)))
if log.get("version") != "2.1.0" or len(log.get("runs", [])) != 1:
    errors.append("sarif: not one run of SARIF 2.1.0")
run = log["runs"][0]
drv = run["tool"]["driver"]
if drv.get("name") != "pmc" or drv.get("version") != version:
    errors.append("sarif: driver %s %s, expected pmc %s" % (drv.get("name"), drv.get("version"), version))
rules = drv.get("rules", [])
ids = [r["id"] for r in rules]
if len(set(ids)) != len(ids) or len(ids) < 40:
    errors.append("sarif: %d rules, or duplicates" % len(ids))
for r in rules:
    d = r.get("shortDescription", {}).get("text", "")
    if not re.search("[a-z]", d) or "%" in d:
        errors.append("sarif: rule %s has no readable description: %r" % (r["id"], d))
got = []
for res in run["results"]:
    if ids[res["ruleIndex"]] != res["ruleId"]:
        errors.append("sarif: ruleIndex %d is not %s" % (res["ruleIndex"], res["ruleId"]))
    loc = res["locations"][0]["physicalLocation"]
    uri = loc["artifactLocation"]["uri"]
    if ":" in uri or uri.startswith("/"):
        errors.append("sarif: URI %s is not relative" % uri)
    reg = loc["region"]
    if reg["endColumn"] <= reg["startColumn"]:
        errors.append("sarif: empty region %s" % reg)
    path = uri.replace("%2C", ",").replace("%20", " ")
    got.append((path, reg["startLine"], reg["startColumn"], res["level"], res["ruleId"], res["message"]["text"]))
if got != want:
    errors.append("sarif: findings differ from the text format:\n%s\n%s" % (got, want))

for e in errors:
    print("FAIL:", e)
sys.exit(1 if errors else 0)
EOF

# An empty SARIF log (nothing found) is still a valid log.
"$pmc" check $opts --format sarif "$top/tests/regress/dst-duration.md" >"$tmp/clean.sarif"
python3 - "$tmp/clean.sarif" "$top/tests/sarif-schema-2.1.0.json" <<'EOF' && ok || bad "a log without results is not valid SARIF"
import json, sys, jsonschema
log = json.load(open(sys.argv[1]))
jsonschema.Draft7Validator(json.load(open(sys.argv[2]))).validate(log)
assert log["runs"][0]["results"] == [], log["runs"][0]["results"]
EOF
python3 "$top/tests/sarif-check.py" "$tmp/sarif" "$top/tests/sarif-schema-2.1.0.json" && ok ||
	bad "the SARIF log lacks what code scanning needs"

# Wherever pmc runs in a repository, the URIs are relative to its root
# (the folder holding .git), and the root is in originalUriBaseIds.
mkdir -p "$tmp/repo/.git" "$tmp/repo/docs/pm" "$tmp/repo/tools"
cp "$top/tests/regress/timeline-order.md" "$tmp/repo/docs/pm/t.md"
for where in . tools docs/pm; do
	case $where in .) up=. ;; tools) up=.. ;; *) up=../.. ;; esac
	(cd "$tmp/repo/$where" && "$pmc" check $opts --format sarif "$tmp/repo/docs/pm/t.md") >"$tmp/r.sarif"
	(cd "$tmp/repo/$where" && "$pmc" check $opts --format sarif "$up/docs/pm/t.md") >"$tmp/r2.sarif"
	python3 - "$tmp/r.sarif" "$tmp/r2.sarif" "$tmp/repo" <<'EOF' && ok || bad "from $where: URIs not relative to the repository"
import json, sys, os
for f in sys.argv[1:3]:
    run = json.load(open(f))["runs"][0]
    al = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert al == {"uri": "docs/pm/t.md", "uriBaseId": "%SRCROOT%"}, al
    want = "file://" + os.path.realpath(sys.argv[3]) + "/"
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == want, run["originalUriBaseIds"]
EOF
done

# An alert keeps its fingerprint when lines are added above it; a second
# identical finding on identical text is told apart by its index.
(cd "$tmp/repo" && "$pmc" check $opts --format sarif docs/pm/t.md) >"$tmp/before.sarif"
awk 'NR == 3 { print "summary: moved down" } { print }' "$tmp/repo/docs/pm/t.md" >"$tmp/moved.md"
mv "$tmp/moved.md" "$tmp/repo/docs/pm/t.md"
(cd "$tmp/repo" && "$pmc" check $opts --format sarif docs/pm/t.md) >"$tmp/after.sarif"
python3 - "$tmp/before.sarif" "$tmp/after.sarif" <<'EOF' && ok || bad "fingerprints do not survive a line move"
import json, sys
def fps(f):
    return {(r["ruleId"], r["partialFingerprints"]["primaryLocationLineHash"]): r["locations"][0]["physicalLocation"]["region"]["startLine"]
            for r in json.load(open(f))["runs"][0]["results"]}
a, b = fps(sys.argv[1]), fps(sys.argv[2])
tl = [k for k in a if k[0] == "timeline-order"]
assert tl and all(k in b and b[k] == a[k] + 1 for k in tl), (a, b)
EOF

# Per-rule severities: -W error=RULE and the like; -W alone is --strict.
o=pm/overdue.md
expect 0 "an overdue follow-up is a warning" "$pmc" check $opts "$o"
expect 1 "-W error=overdue makes it fatal" "$pmc" check $opts -W error=overdue "$o"
contains "$tmp/err" "overdue.md:8:3: error: follow-up was due 2024-12-31 and is still open [overdue]" "-W error=overdue reports an error"
contains "$tmp/err" "1 error, 0 warnings" "the summary counts it as an error"
expect 1 "-Werror=overdue" "$pmc" check $opts -Werror=overdue "$o"
expect 1 "-W error=overdue in --format sarif" "$pmc" check $opts --format sarif -W error=overdue "$o"
contains "$tmp/out" '"level": "error"' "the SARIF result is an error"
expect 0 "-W no-overdue leaves it out" "$pmc" check $opts -W no-overdue "$o"
lacks "$tmp/err" "[overdue]" "-W no-overdue"
contains "$tmp/err" "0 errors, 0 warnings" "-W no-overdue counts nothing"
expect 0 "-W note=overdue" "$pmc" check $opts -W note=overdue "$o"
contains "$tmp/err" "note: follow-up was due" "-W note=overdue"
expect 1 "the last -W of a rule wins" "$pmc" check $opts -W no-overdue -W error=overdue "$o"
expect 1 "-W alone before a source is --strict" "$pmc" check $opts -W "$o"
expect 1 "-W after the source is --strict" "$pmc" check $opts "$o" -W
expect 1 "--strict" "$pmc" check $opts --strict "$o"
expect 0 "-W error=RULE leaves other warnings alone" "$pmc" check $opts -W error=few-whys "$o"
expect 1 "-W error= also applies when compiling" "$pmc" $opts -W error=overdue "$o" -t json -o "$tmp/o.json"
[ -e "$tmp/o.json" ] && bad "an output was written for a source made invalid by -W error="
expect 2 "an unknown rule" "$pmc" check $opts -W error=overdew "$o"
contains "$tmp/err" "unknown rule 'overdew'" "an unknown rule is named"
expect 2 "a malformed -W" "$pmc" check $opts -Wfrobnicate "$o"
expect 2 "an error cannot be lowered" "$pmc" check $opts -W no-timeline-order pm/timeline-order.md
contains "$tmp/err" "rule 'timeline-order' is an error" "lowering an error is refused"
# A warning made an error by the status stays one: overrides never lower
# an error.
expect 1 "-W no-missing-section keeps final's errors" "$pmc" check $opts -W no-missing-section pm/missing-section-final.md
contains "$tmp/err" "6 errors" "final's missing sections stay errors"

# control-chars-in-findings: a source's words reach no format with a
# control character in them. A YAML-escaped newline in a key would forge
# a GitHub workflow command ("::error file=...") or split a finding in an
# editor's quickfix list; an escape in a value would retitle the
# terminal; so would a newline or an escape in a file name.
mkdir -p "$tmp/cc"
cat >"$tmp/cc/forge.md" <<'EOF2'
---
title: "Checkout down\e]0;owned by a pull request\a"
id: forge
status: draft
severity: SEV2
started: 2024-03-01 09:00
"\n::error file=src/main.c,line=1::forged finding\r\n": yes
services: ["api\u2028gateway", "\u202Edb"]
---

## Summary

Checkout returned 500s.
EOF2
nl='
'
esc=$(printf '\033')
cp "$tmp/cc/forge.md" "$tmp/cc/forge${nl}::error file=x.md::named${esc}[2J.md"
cd "$tmp/cc" || exit 1
for f in text json github sarif; do
	"$pmc" check --policy /dev/null --today 2024-03-02 --excerpt \
	    --format "$f" . >"$tmp/cc/out.$f" 2>&1
	# every line that starts a workflow command is one pmc wrote
	if grep -a '^::' "$tmp/cc/out.$f" | grep -qav '^::\(error\|warning\|notice\) file='; then
		bad "$f: a line starts with a forged workflow command:"
		sed 's/^/  | /' "$tmp/cc/out.$f"
	fi
	LC_ALL=C grep -qa "$(printf '[\001-\010\013-\037\177]')" "$tmp/cc/out.$f" &&
		bad "$f: a control character reaches the output" || ok
	grep -qa "$(printf '\342\200\250\|\342\200\256')" "$tmp/cc/out.$f" &&
		bad "$f: a line separator or bidi control reaches the output" || ok
	key='\n::error file=src/main.c,line=1::forged finding\r\n'
	name='forge\n::error file=x.md::named\x1B[2J.md'
	case $f in
	json | sarif) # the escapes' backslashes are JSON-escaped in turn
		key=$(printf '%s' "$key" | sed 's/\\/\\\\/g')
		name=$(printf '%s' "$name" | sed 's/\\/\\\\/g') ;;
	github) name=$(printf '%s' "$name" | sed 's/:/%3A/g') ;;
	esac
	contains "$tmp/cc/out.$f" "$key" "$f: the key is shown escaped"
	[ $f = sarif ] || contains "$tmp/cc/out.$f" "$name" "$f: the file name is shown escaped"
done
# the findings of the text format, one per line: the forged key's
# finding is one line, not three
n=$(grep -ac "unknown front matter key" "$tmp/cc/out.text")
[ "$n" -eq 2 ] && ok || bad "text: $n lines name the unknown key, expected 2 (one per file)"
contains "$tmp/cc/out.text" "control character U+001B" "text: the escape in the title is a finding"
"$pmc" --policy /dev/null --today 2024-03-02 forge.md -t json -o forge.json 2>/dev/null
LC_ALL=C grep -qai '\\u001b\|\\u0007' forge.json && bad "json: the title keeps its escape sequence" || ok
"$pmc" --policy /dev/null --today 2024-03-02 forge.md -t pdf -o forge.pdf 2>/dev/null
pdfinfo forge.pdf 2>/dev/null | LC_ALL=C grep -qa "$(printf '\033')" && bad "pdf: the title's escape reaches the metadata" || ok
# format.md section 9: the escapes blanked, the -t xml form reads back
# and compiles to the same report
"$pmc" --policy /dev/null --today 2024-03-02 forge.md -t xml -o forge.xml 2>/dev/null
"$pmc" --policy /dev/null --today 2024-03-02 forge.xml -t json -o forge2.json 2>"$tmp/err"
cmp -s forge.json forge2.json && ok || bad "the -t xml form of a source with YAML escapes compiles to another JSON: $(cat "$tmp/err")"
cd "$top" || exit 1

# control-chars-as-references: "&#x85;" and "&#27;" in a Markdown body
# and "&#x85;" or a raw C1 byte in the XML form spell what a raw byte
# would; no report, in any back end, carries one (PDF: text and metadata).
ctl=$(printf '[\001-\010\013-\037\177]\|\302[\200-\237]')
for src in tests/regress/control-char-reference.md tests/regress/control-char-xml.xml; do
	for f in md html json xml pdf; do
		"$pmc" --policy /dev/null --today 2024-03-02 "$src" -t $f \
		    -o "$tmp/ref.$f" 2>/dev/null || { bad "$src -t $f failed"; continue; }
		text_of $f "$tmp/ref.$f" | LC_ALL=C grep -qa "$ctl" &&
			bad "$src -t $f: a control character a reference spelled reaches the report" || ok
	done
done
cd "$top" || exit 1

# pmc-messages-escaped: pmc's own lines ("pmc: PATH: No such file...",
# a symbolic link left out, an output not written) quote a file name as
# findings do: an escape or a newline in it is shown, not obeyed.
esc=$(printf '\033')
nl='
'
bad_name="no${esc}[2J${nl}::error file=x::such.md"
"$pmc" check "$bad_name" 2>"$tmp/err"
lines=$(grep -c . "$tmp/err")
[ "$lines" -eq 2 ] && ok || bad "a missing file's name split pmc's message over $lines lines: $(cat "$tmp/err")"
contains "$tmp/err" 'pmc: no\x1B[2J\n::error file=x::such.md: No such file' "the missing file's name is escaped"
"$pmc" "$bad_name" -o "$tmp/x.json" 2>"$tmp/err"
contains "$tmp/err" 'pmc: no\x1B[2J\n::error' "compile: the missing file's name is escaped"
mkdir -p "$tmp/links"
ln -s /etc/hostname "$tmp/links/l${esc}]0;owned${esc}\\.md"
"$pmc" check "$tmp/links" 2>"$tmp/err"
contains "$tmp/err" 'l\x1B]0;owned\x1B\.md: not read: a symbolic link' "a left-out link's name is escaped"
LC_ALL=C grep -qa "$esc" "$tmp/err" && bad "an escape reached pmc's messages: $(cat -A "$tmp/err")" || ok

finish
