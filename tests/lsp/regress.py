#!/usr/bin/env python3
"""regress.py: pmc lsp publishes, for every case of tests/regress and
every sample, the findings pmc check reports for the saved file: the
same rules, severities and messages, in the same order, at the same
places (pmc's character columns turned into UTF-16 units), each linked
to its rule as SARIF's helpUri links it. PMC SOURCE_TREE

pmc check's side is its SARIF log, whose regions give each finding's
span (endColumn). Each case is judged under the policy the regress driver
uses (tests/lib.sh's policy_of), on the same day. A case that is not
UTF-8 cannot be sent in a JSON message, and is counted as skipped."""

import glob
import json
import os
import re
import subprocess
import sys
from urllib.parse import unquote

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from client import Client, file_uri  # noqa: E402

PMC, TOP = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
TODAY = ["--today", "2025-01-01"]
SEVERITY = {"error": 1, "warning": 2, "note": 3}


def policy_of(src, exp_dir=None):
    d = os.path.dirname(src)
    case = os.path.splitext(os.path.basename(src))[0]
    own = os.path.join(exp_dir or d, case + ".pmc.yml")
    if os.path.isfile(own):
        return own
    if os.path.isfile(os.path.join(d, ".pmc.yml")):
        return os.path.join(d, ".pmc.yml")
    return "/dev/null"


def units(s):
    return len(s.encode("utf-16-le")) // 2


def expected_range(lines, bom, result):
    """A SARIF result's place as the protocol's range: a span of one
    character widened to its word (docs/choices.md, pmc lsp), both ends
    within the line."""
    reg = result["locations"][0]["physicalLocation"]["region"]
    line = lines[reg["startLine"] - 1] if reg["startLine"] <= len(lines) \
        else ""
    lead = bom if reg["startLine"] == 1 else ""
    start = min(reg["startColumn"] - 1, len(line) - len(lead))
    span = reg["endColumn"] - reg["startColumn"]
    text = line[len(lead):]
    if span == 1 and start < len(text) and text[start] not in " \t":
        end = start
        while end < len(text) and text[end] not in " \t":
            end += 1
        span = end - start
    end = min(start + span, len(text))
    return {"start": {"line": reg["startLine"] - 1,
                      "character": units(lead + text[:start])},
            "end": {"line": reg["startLine"] - 1,
                    "character": units(lead + text[:end])}}


def expected(src, text, policy):
    cwd, name = os.path.split(src)
    out = subprocess.run([PMC, "check", *TODAY, "--policy", policy,
                          "--format", "sarif", name], cwd=cwd,
                         capture_output=True).stdout
    run = json.loads(out)["runs"][0]
    results = run["results"]
    bases = run.get("originalUriBaseIds", {})
    lines = re.split(r"\r\n|\r|\n", text)
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    want = []
    for r in results:
        loc = r["locations"][0]["physicalLocation"]
        art = loc["artifactLocation"]
        uri = art["uri"]
        if "uriBaseId" in art:
            uri = bases[art["uriBaseId"]]["uri"] + uri
        if uri.startswith("file://"):
            uri = unquote(uri[7:])
        if not uri.startswith("/"):
            uri = os.path.join(cwd, uri)
        region = loc.get("region")
        msg = r["message"]["text"]
        if os.path.realpath(uri) == os.path.realpath(src) and region:
            rng = expected_range(lines, bom, r)
        else:
            path = uri
            if region:
                msg = "%s:%d:%d: %s" % (path, region["startLine"],
                                        region["startColumn"], msg)
            else:
                msg = "%s: %s" % (path, msg)
            rng = {"start": {"line": 0, "character": 0},
                   "end": {"line": 0, "character": 0}}
        want.append({"range": rng, "severity": SEVERITY[r["level"]],
                     "code": r["ruleId"], "message": msg,
                     "href": run["tool"]["driver"]["rules"][r["ruleIndex"]]
                     ["helpUri"]})
    return want


def cases():
    reg = os.path.join(TOP, "tests", "regress")
    for src in sorted(glob.glob(os.path.join(reg, "*.md")) +
                      glob.glob(os.path.join(reg, "*.xml"))):
        yield src, policy_of(src)
    for src in sorted(glob.glob(os.path.join(TOP, "samples", "*.md"))):
        yield src, policy_of(src, os.path.join(reg, "samples"))


def main():
    by_policy = {}
    for src, policy in cases():
        by_policy.setdefault(policy, []).append(src)
    compared = skipped = failed = 0
    for policy, srcs in sorted(by_policy.items()):
        c = Client(PMC, *TODAY, "--policy", policy)
        c.initialize()
        for src in srcs:
            try:
                with open(src, encoding="utf-8", newline="") as f:
                    text = f.read()
            except UnicodeDecodeError:
                skipped += 1
                continue
            uri = file_uri(src)
            c.open(uri, text)
            got = [{"href": d["codeDescription"]["href"],
                    **{k: d[k] for k in ("range", "severity", "code",
                                         "message")}}
                   for d in c.diagnostics(uri, 30)["diagnostics"]]
            c.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
            c.diagnostics(uri, 30)
            want = expected(src, text, policy)
            compared += 1
            if got != want:
                failed += 1
                print("FAIL: %s:" % os.path.relpath(src, TOP))
                for w, g in zip(want + [None] * len(got),
                                got + [None] * len(want)):
                    if w != g:
                        print("  pmc check: %s\n  pmc lsp:   %s" % (
                            json.dumps(w, ensure_ascii=False),
                            json.dumps(g, ensure_ascii=False)))
                        break
        c.request("shutdown")
        c.notify("exit")
        if c.close() != 0:
            failed += 1
            print("FAIL: the server under %s did not exit with 0" % policy)
    print("%d cases compared, %d not UTF-8 skipped, %d differ" %
          (compared, skipped, failed))
    return 1 if failed or compared < 100 else 0


sys.exit(main())
