#!/usr/bin/env python3
"""protocol.py: pmc lsp at the protocol level. PMC SOURCE_TREE

The lifecycle and its exit statuses; the errors JSON-RPC prescribes
(-32700 invalid JSON, -32601 unknown method, -32002 before initialize);
full and incremental sync, with the findings checked once the typing
stops; position encodings (UTF-16 by default, UTF-8 and UTF-32 when the
client offers them) at exact columns for Japanese and emoji; the policy
found from the document's path; formatting, the outline and hovers; and
hostile streams: garbage, a huge Content-Length, a wrong length, a client
that closes mid-message. Each must end in an error reply or a clean exit
within seconds, never a crash or a hang."""

import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from client import Client, file_uri  # noqa: E402

PMC, TOP = sys.argv[1], sys.argv[2]
FIXED = ["--today", "2025-01-01"]
failures = 0
checks = 0


def ok(cond, what):
    global failures, checks
    checks += 1
    if not cond:
        failures += 1
        print("FAIL: " + what)


def started(*args, encodings=None):
    c = Client(PMC, *FIXED, *args)
    c.initialize(encodings)
    return c


def finish(c):
    c.request("shutdown")
    c.notify("exit")
    return c.close()


SAMPLE = os.path.join(TOP, "samples", "firstserver-2012.md")
with open(SAMPLE, encoding="utf-8") as f:
    SAMPLE_TEXT = f.read()
scratch = tempfile.mkdtemp(prefix="pmc-lsp-")

# A small valid document; DOC_BAD gets a finding on a line with Japanese
# and an emoji before it: 'started: 2024-13-01' breaks only the month.
DOC = """---
title: 障害😀テスト
id: lsp-test
status: draft
severity: SEV2
timezone: Asia/Tokyo
started: 2024-03-01 10:00
resolved: 2024-03-01 11:00
---

# 障害😀テスト

## Summary

The queue 😀 stopped.

## Impact

Orders were late.

## Detection

An alert.

## Recovery

A restart.

## Timeline

- 2024-03-01 10:00 — [started] 😀障害 began.
- 2024-03-01 11:00 — [resolved] Fixed.

## Root cause

A bug.

## Follow-ups

- [ ] Fix it (owner: SRE)
"""


def line_of(text, needle):
    for i, line in enumerate(text.split("\n")):
        if needle in line:
            return i, line
    raise KeyError(needle)


def units(s, enc):
    if enc == "utf-8":
        return len(s.encode("utf-8"))
    if enc == "utf-32":
        return len(s)
    return len(s.encode("utf-16-le")) // 2


# ---- lifecycle and JSON-RPC errors
c = Client(PMC, *FIXED)
r = c.request("textDocument/hover", {"textDocument": {"uri": "file:///x"},
                                     "position": {"line": 0, "character": 0}})
ok(r.get("error", {}).get("code") == -32002,
   "a request before initialize gets -32002: %r" % r)
r = c.initialize()
caps = r["result"]["capabilities"]
ok(caps.get("positionEncoding") == "utf-16",
   "UTF-16 when the client offers nothing: %r" % caps)
ok(caps["textDocumentSync"]["change"] == 2, "incremental sync offered")
r = c.request("initialize", {"capabilities": {}})
ok(r.get("error", {}).get("code") == -32600, "a second initialize refused")
c.raw(b"Content-Length: 9\r\n\r\n{not json")
m = c.read(5)
ok(m is not None and m.get("error", {}).get("code") == -32700 and
   m.get("id") is None, "invalid JSON gets -32700 with id null: %r" % m)
r = c.request("textDocument/noSuchThing", {})
ok(r.get("error", {}).get("code") == -32601,
   "an unknown method gets -32601: %r" % r)
c.notify("$/noSuchNotification", {})
c.send({"jsonrpc": "2.0", "id": {"a": 1}, "method": "shutdown"})
m = c.read(5)
ok(m is not None and m.get("error", {}).get("code") == -32600,
   "an id that is an object gets -32600: %r" % m)
c.send([1, 2])
m = c.read(5)
ok(m is not None and m.get("error", {}).get("code") == -32600,
   "a batch (an array) gets -32600: %r" % m)
r = c.request("shutdown")
ok("result" in r and r["result"] is None, "shutdown answers null")
r = c.request("textDocument/hover", {})
ok(r.get("error", {}).get("code") == -32600,
   "a request after shutdown gets -32600")
c.notify("exit")
ok(c.close() == 0, "exit after shutdown: status 0")

c = started()
c.notify("exit")
ok(c.close() == 1, "exit without shutdown: status 1")
c = started()
ok(c.close() == 1, "end of input without exit: status 1, no hang")

# ---- hostile streams: an error reply or a clean exit, promptly
for name, data, want in [
        ("garbage", b"GET / HTTP/1.1\r\nHost: x\r\n\r\n", -32700),
        ("huge Content-Length", b"Content-Length: 99999999999\r\n\r\n{}",
         -32600),
        ("negative Content-Length", b"Content-Length: -5\r\n\r\n{}", -32700),
        ("endless header", b"X" * 100000, -32700),
        ("binary", bytes(range(256)) * 4, -32700)]:
    c = Client(PMC, *FIXED)
    t0 = time.monotonic()
    try:
        c.raw(data)
    except BrokenPipeError:
        pass
    m = c.read(5)
    ok(m is not None and m.get("error", {}).get("code") == want,
       "%s: error %d: %r" % (name, want, m))
    status = c.close(5)
    ok(status == 1 and time.monotonic() - t0 < 5,
       "%s: exits with 1 at once, got %r" % (name, status))
    ok("Content-Length" in c.stderr(), "%s: says why on stderr" % name)

c = started()
uri = file_uri(os.path.join(scratch, "short.md"))
c.raw(b'Content-Length: 10\r\n\r\n{"jsonrpc":"2.0","id":7,"method":"x"}'
      b'Content-Length: 2\r\n\r\n{}')
m = c.read(5)
ok(m is not None and m.get("error", {}).get("code") == -32700,
   "a Content-Length shorter than the body: -32700 for the cut JSON")
m = c.read(5)
ok(m is not None and m.get("error", {}).get("code") == -32700,
   "then the rest is no header: -32700, and the server stops")
ok(c.close(5) == 1, "a wrong length ends in a clean exit")

c = started()
c.raw(b'Content-Length: 500\r\n\r\n{"jsonrpc":"2.0",')
ok(c.close(5) == 1, "a client closing mid-message: clean exit 1")
c = started()
c.raw(b'Content-Len')
ok(c.close(5) == 1, "a client closing mid-header: clean exit 1")

# ---- sync, debounce, encodings
bad_doc = DOC.replace("started: 2024-03-01 10:00",
                      "started: 2024-13-01 10:00").replace(
    "title: 障害😀テスト", "title: 障害😀テスト")
for enc_offer, want in [(None, "utf-16"), (["utf-32", "utf-16"], "utf-32"),
                        (["utf-16", "utf-8"], "utf-8")]:
    c = Client(PMC, *FIXED)
    r = c.initialize(enc_offer)
    enc = r["result"]["capabilities"]["positionEncoding"]
    ok(enc == want, "encoding %r offered: %s chosen, not %s" %
       (enc_offer, want, enc))
    uri = file_uri(os.path.join(scratch, "enc.md"))
    # the finding sits after an emoji and Japanese on its line
    text = DOC.replace("- [ ] Fix it (owner: SRE)",
                       "- [ ] 😀障害を直す (owner: SRE, due: 2024-02-30)")
    c.open(uri, text)
    d = c.diagnostics(uri)["diagnostics"]
    tags = [x for x in d if x["code"] == "bad-date"]
    if not tags:
        ok(False, "%s: a finding at the impossible due date: %r" % (want, d))
    else:
        n, line = line_of(text, "2024-02-30")
        at = line.index("2024-02-30")
        rng = tags[0]["range"]
        ok(rng["start"] == {"line": n, "character": units(line[:at], want)},
           "%s: the finding starts at the date: %r" % (want, rng))
        ok(rng["end"] == {"line": n,
                          "character": units(line[:at + 10], want)},
           "%s: and ends after it: %r" % (want, rng))
        ok(tags[0]["source"] == "pmc" and tags[0]["severity"] == 1 and
           tags[0]["codeDescription"]["href"], "severity, source and href")
    finish(c)

c = started()
uri = file_uri(os.path.join(scratch, "sync.md"))
c.open(uri, DOC)
p = c.diagnostics(uri)
ok(p["diagnostics"] == [] and p["version"] == 1,
   "a clean document: an empty list, version 1: %r" % p)
# incremental: replace the month "03" of 'started' in five quick edits
n, line = line_of(DOC, "started:")
col = line.index("03")
for v, month in enumerate(["1", "13", "3", "13", "13"], start=2):
    c.notify("textDocument/didChange", {
        "textDocument": {"uri": uri, "version": v},
        "contentChanges": [{"range": {
            "start": {"line": n, "character": col},
            "end": {"line": n, "character": col + (2 if v != 3 else 1)}},
            "text": month if v != 2 else "1"}]})
    if v == 2:
        col_end = col + 1
t0 = time.monotonic()
p = c.diagnostics(uri)
ok(p["version"] == 6, "one publish, for the last version after the "
   "typing stopped: %r" % p.get("version"))
ok(any(d["code"] == "bad-value" or d["code"].startswith("time")
       or d["severity"] == 1 for d in p["diagnostics"]),
   "the month 13 made an error: %r" % p["diagnostics"])
ok(c.note("textDocument/publishDiagnostics", 0.5, uri) is None,
   "no second publish for the same edits")
# full sync back to the clean text
c.notify("textDocument/didChange", {
    "textDocument": {"uri": uri, "version": 7},
    "contentChanges": [{"text": DOC}]})
p = c.diagnostics(uri)
ok(p["diagnostics"] == [] and p["version"] == 7,
   "full sync: clean again: %r" % p)
# an edit inside an emoji's surrogate pair, then one past a line's end
c.notify("textDocument/didChange", {
    "textDocument": {"uri": uri, "version": 8},
    "contentChanges": [{"range": {"start": {"line": 9999, "character": 5},
                                  "end": {"line": 9999, "character": 9}},
                        "text": "\n<!-- tail -->\n"}]})
p = c.diagnostics(uri)
ok(p["version"] == 8, "an edit past the end appends")
c.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
p = c.diagnostics(uri)
ok(p["diagnostics"] == [], "closing takes the findings back")
ok(finish(c) == 0, "a session ends with 0")

# ---- a README is no postmortem: skipped, as pmc check skips it
c = started()
uri = file_uri(os.path.join(scratch, "README.md"))
c.open(uri, "# Notes\n\nNothing here.\n")
ok(c.diagnostics(uri)["diagnostics"] == [], "a README gets no findings")
uri = file_uri(os.path.join(scratch, "broken.md"))
c.open(uri, "-- \ntitle: x\n")
d = c.diagnostics(uri)["diagnostics"]
ok(d and d[0]["code"] == "front-matter-missing" and
   d[0]["range"]["start"] == {"line": 0, "character": 0},
   "a broken start is reported at 1:1: %r" % d)
# a BOM: pmc's columns start after it, the client's count it
uri = file_uri(os.path.join(scratch, "bom.txt"))
c.open(uri, "\ufeff# Title\n")
d = c.diagnostics(uri)["diagnostics"]
ok(d and d[0]["range"] == {"start": {"line": 0, "character": 1},
                           "end": {"line": 0, "character": 2}},
   "a finding on a line after a BOM: %r" % d)
finish(c)

# ---- a policy saved while documents are open: a client that watches
# files for the server is asked to watch .pmc.yml, and when it says one
# changed, every open document is judged again without a keystroke.
watched = os.path.join(scratch, "watched")
os.mkdir(watched)
policy = os.path.join(watched, ".pmc.yml")
with open(policy, "w", encoding="utf-8") as f:
    f.write("min_whys: 0\n")
doc_uri = file_uri(os.path.join(watched, "doc.md"))
c = Client(PMC, *FIXED)
c.request("initialize", {"processId": None, "rootUri": None, "capabilities": {
    "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}}}})
c.notify("initialized", {})
reg = c.note("client/registerCapability")
ok(reg is not None and "id" in reg and
   reg["params"]["registrations"][0]["method"] ==
   "workspace/didChangeWatchedFiles" and
   reg["params"]["registrations"][0]["registerOptions"]["watchers"] ==
   [{"globPattern": "**/.pmc.yml"}],
   "the server asks the client to watch .pmc.yml: %r" % reg)
c.open(doc_uri, DOC)
d = c.diagnostics(doc_uri)["diagnostics"]
ok(not any(x["code"] == "severity-scale" for x in d),
   "SEV2 is on the first policy's scale: %r" % d)
with open(policy, "w", encoding="utf-8") as f:
    f.write("severities:\n  - name: P1\n  - name: P2\n")
c.notify("workspace/didChangeWatchedFiles", {"changes": [
    {"uri": file_uri(policy), "type": 2}]})
d = c.diagnostics(doc_uri)["diagnostics"]
ok(any(x["code"] == "severity-scale" for x in d),
   "after the policy's scale becomes P1-P2, the open document says SEV2 "
   "is off it: %r" % d)
finish(c)
# A client that cannot watch files is not asked to.
c = started()
c.open(doc_uri, DOC)
c.diagnostics(doc_uri)
ok(not any(m.get("method") == "client/registerCapability" for m in c.notes),
   "a client without dynamic registration is asked to watch nothing")

# ---- the policy is found from the document's path
c = started()
in_samples = file_uri(SAMPLE)
c.open(in_samples, SAMPLE_TEXT)
d = c.diagnostics(in_samples)["diagnostics"]
ok(any(x["code"] == "update-gap" for x in d),
   "samples/.pmc.yml applies to a sample: %r" % d)
elsewhere = os.path.join(scratch, "firstserver-2012.md")
shutil.copy(SAMPLE, elsewhere)
c.open(file_uri(elsewhere), SAMPLE_TEXT)
d = c.diagnostics(file_uri(elsewhere))["diagnostics"]
ok(not any(x["code"] == "update-gap" for x in d),
   "a copy outside samples/ has no such policy: %r" % d)

# ---- hover: times resolved, a milestone's figure, a rule explained
n, line = line_of(SAMPLE_TEXT, "17:50 — [detected]")
r = c.request("textDocument/hover", {"textDocument": {"uri": in_samples},
                                     "position": {"line": n, "character": 3}})
v = (r.get("result") or {}).get("contents", {}).get("value", "")
ok("2012-06-20 17:50 Asia/Tokyo (UTC+09:00)" in v and
   "2012-06-20 08:50 UTC" in v, "hover resolves the time: %r" % v)
ok("50分" in v, "hover gives the time to detect: %r" % v)
n, line = line_of(SAMPLE_TEXT, "11:30 — [resolved]")
r = c.request("textDocument/hover", {"textDocument": {"uri": in_samples},
                                     "position": {"line": n, "character": 3}})
v = (r.get("result") or {}).get("contents", {}).get("value", "")
ok("update-gap:" in v and "2012-06-22 02:30 UTC" in v,
   "hover on a finding explains its rule, and the time: %r" % v)
r = c.request("textDocument/hover", {"textDocument": {"uri": in_samples},
                                     "position": {"line": 1, "character": 0}})
ok(r.get("result") is None, "no hover where there is nothing to say")

# ---- the outline
r = c.request("textDocument/documentSymbol",
              {"textDocument": {"uri": in_samples}})
syms = r["result"]
names = [s["name"] for s in syms]
ok("タイムライン" in names and "概要" in names, "sections: %r" % names)
tl = [s for s in syms if s["name"] == "タイムライン"][0]
kids = [k["name"] for k in tl["children"]]
ok("2012-06-20" in kids and any(k.startswith("[detected]") for k in kids),
   "the timeline's days and milestones: %r" % kids)
fu = [s for s in syms if s["name"] == "再発防止策"]
ok(fu and len(fu[0]["children"]) == 7, "the follow-ups: %r" % fu)
wh = [s for s in syms if s["name"] == "なぜなぜ分析"]
ok(wh and len(wh[0]["children"]) == 5, "the whys: %r" % wh)

# ---- formatting by pmc fmt
messy = DOC.replace("## Summary", "## summary")
uri = file_uri(os.path.join(scratch, "messy.md"))
c.open(uri, messy)
c.diagnostics(uri)
r = c.request("textDocument/formatting", {"textDocument": {"uri": uri},
              "options": {"tabSize": 4, "insertSpaces": True}})
edits = r.get("result")
fmt_path = os.path.join(scratch, "messy-fmt.md")
with open(fmt_path, "w", encoding="utf-8") as f:
    f.write(messy)
import subprocess  # noqa: E402
want = subprocess.run([PMC, "fmt", "--policy", "/dev/null", "-"],
                      input=messy.encode(), capture_output=True).stdout
ok(edits and len(edits) == 1 and
   edits[0]["newText"].encode() == want, "formatting is pmc fmt's: %r" %
   edits)
c.open(uri, want.decode(), version=2)
c.diagnostics(uri)
r = c.request("textDocument/formatting", {"textDocument": {"uri": uri},
              "options": {"tabSize": 4, "insertSpaces": True}})
ok(r.get("result") == [], "a formatted document: no edits")
c.open(uri, DOC.replace("started: 2024-03-01", "started: 2024-13-01"),
       version=3)
c.diagnostics(uri)
r = c.request("textDocument/formatting", {"textDocument": {"uri": uri},
              "options": {"tabSize": 4, "insertSpaces": True}})
m = c.note("window/showMessage", 5)
ok("result" in r and r["result"] is None and m is not None and
   "not formatted" in m["params"]["message"],
   "fmt refuses a source with errors: no edits, a message: %r %r" % (r, m))
ok(finish(c) == 0, "the session ends with 0")

# ---- quick fixes: applied, the finding is gone
def apply(text, edit):
    """text with one TextEdit (UTF-16 positions) applied."""
    lines = text.split("\n")

    def off(pos):
        before = sum(len(x) + 1 for x in lines[:pos["line"]])
        line16 = lines[pos["line"]].encode("utf-16-le")
        return before + len(line16[:2 * pos["character"]].decode("utf-16-le"))
    r = edit["range"]
    return text[:off(r["start"])] + edit["newText"] + text[off(r["end"]):]


c = started("--policy", "/dev/null")
for case, rule, title in [
        ("unknown-section", "unknown-section", "Change the heading to "
         "'Summary'"),
        ("mojibake", "mojibake", "Repair to 'på'"),
        ("yaml-comment", "yaml-comment", 'Quote it: title: "Checkout outage '
         '(incident #465)"'),
        ("zone-unknown", "bad-timezone", "Write the offset -08:00")]:
    path = os.path.join(TOP, "tests", "regress", case + ".md")
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()
    uri = file_uri(path)
    c.open(uri, text)
    d = [x for x in c.diagnostics(uri)["diagnostics"] if x["code"] == rule]
    r = c.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": d[0]["range"],
        "context": {"diagnostics": []}})
    acts = [a for a in r.get("result") or [] if a["title"] == title]
    ok(len(acts) == 1 and acts[0]["kind"] == "quickfix",
       "%s: the fix '%s': %r" % (case, title, r.get("result")))
    if acts:
        fixed = apply(text, acts[0]["edit"]["changes"][uri][0])
        c.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": 2},
            "contentChanges": [{"text": fixed}]})
        after = c.diagnostics(uri)["diagnostics"]
        ok(d[0]["message"] not in [x["message"] for x in after] and
           all(x["code"] != "yaml-syntax" for x in after),
           "%s: applied, that finding is gone: %r" % (case, after))
r = c.request("textDocument/codeAction", {
    "textDocument": {"uri": uri}, "range": {
        "start": {"line": 0, "character": 0},
        "end": {"line": 0, "character": 0}}, "context": {"diagnostics": []}})
ok(r.get("result") == [], "no fix where no finding has one")


# ---- completion
def complete(text, line, ch, uri=file_uri(os.path.join(scratch, "c.md"))):
    c.open(uri, text)
    c.diagnostics(uri)
    r = c.request("textDocument/completion", {
        "textDocument": {"uri": uri},
        "position": {"line": line, "character": ch}})
    return [(i["label"], i["textEdit"]["newText"]) for i in r["result"]]


got = complete("---\nti\n---\n", 1, 2)
ok(("title", "title: ") in got and ("detected_by", "detected_by: ") in got,
   "front matter keys: %r" % got)
got = complete("---\nstatus: d\n---\n", 1, 9)
ok([g[0] for g in got] == ["draft", "review", "final"], "statuses: %r" % got)
got = [g[0] for g in complete("---\ntimezone: Eu\n---\n", 1, 12)]
ok("Europe/Oslo" in got and "Asia/Tokyo" in got and
   not any(g.startswith(("posix", "right")) for g in got),
   "IANA zone names: %d" % len(got))
got = [g[0] for g in complete("---\nlang: ja\n---\n\n## \n", 4, 3)]
ok(got[:2] == ["概要", "影響"] and "再発防止策" in got,
   "the headings of the document's language: %r" % got)
got = complete("---\n---\n\n- 10:00 — [de", 3, 13)
ok(("detected", "detected] ") in got and ("update", "update] ") in got,
   "event kinds after a time: %r" % got)
got = [g[0] for g in complete("---\n---\n\n- [ ] Fix (owner: x, ty", 3, 25)]
ok(got == ["owner", "due", "type", "priority", "ticket"],
   "follow-up attributes: %r" % got)
finish(c)
c = started()
sample_dir_doc = file_uri(os.path.join(TOP, "samples", "new.md"))
got = [g[0] for g in complete("---\nseverity: \n---\n", 1, 10,
                               sample_dir_doc)]
ok(got and "SEV1" not in got, "severities of samples/.pmc.yml: %r" % got)
finish(c)

shutil.rmtree(scratch)
print("%d checks, %d failed" % (checks, failures))
sys.exit(1 if failures or checks == 0 else 0)
