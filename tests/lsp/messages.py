#!/usr/bin/env python3
"""messages.py: pmc lsp fed thousands of messages of the right shape with
wrong contents (a fixed seed, so that a failure repeats): every method
it knows and some it does not, params of any JSON type, positions and
ranges anywhere (negative, huge, inside a surrogate pair), documents
with Japanese, emoji, CR, NUL and broken front matter, changes applied
out of order. Each request must get its one reply, result or error, the
server must stay up throughout, and end with 0. PMC SOURCE_TREE"""

import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from client import Client  # noqa: E402

PMC = sys.argv[1]
rng = random.Random(16)
METHODS = ["textDocument/hover", "textDocument/completion",
           "textDocument/codeAction", "textDocument/formatting",
           "textDocument/documentSymbol", "textDocument/definition",
           "workspace/symbol", "$/cancelRequest"]
NOTES = ["textDocument/didOpen", "textDocument/didChange",
         "textDocument/didClose", "textDocument/didSave",
         "initialized", "$/setTrace", "workspace/didChangeConfiguration"]
URIS = ["file:///tmp/pmc-random/a.md", "file:///tmp/pmc-random/%E6%97%A5.md",
        "untitled:1", "file:///tmp/pmc-random/x.xml", "file://", ""]
PIECES = ["---\n", "title: 障害😀\n", "timezone: PST\n", "lang: ja\n",
          "started: 2024-13-01 10:00\n", "---\n", "## Sumary\n", "## 概要\n",
          "- 10:00 — [detected] x\n", "- [ ] y (owner: a, due: 2024-02-30)\n",
          "\r\n", "\r", "\x00", "😀😀", "pĂ„ ", "# t #x\n", "  - #ops\n",
          "### 2024-01-01\n", "## Timeline\n", "<!-- internal -->\n"]


def anything(depth=0):
    kinds = ["int", "str", "null", "bool", "float"]
    if depth < 3:
        kinds += ["list", "obj"]
    k = rng.choice(kinds)
    if k == "int":
        return rng.choice([0, 1, -1, 2**31, -2**62, 2**63 - 1, 7])
    if k == "str":
        return rng.choice(["", "x", "😀", "\x00", "utf-8", "line"])
    if k == "null":
        return None
    if k == "bool":
        return rng.random() < 0.5
    if k == "float":
        return 1.5
    if k == "list":
        return [anything(depth + 1) for _ in range(rng.randint(0, 3))]
    return {rng.choice(["line", "character", "uri", "text", "range",
                        "start", "end"]): anything(depth + 1)
            for _ in range(rng.randint(0, 3))}


def position():
    if rng.random() < 0.1:
        return anything()
    return {"line": rng.choice([0, 1, 2, 5, 40, -1, 2**40]),
            "character": rng.choice([0, 1, 2, 3, 7, 100, -3, 2**40])}


def text():
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 30)))


def params(method):
    uri = rng.choice(URIS)
    td = {"uri": uri, "version": rng.randint(0, 9), "text": text(),
          "languageId": "markdown"}
    if rng.random() < 0.1:
        return anything()
    p = {"textDocument": td, "position": position(),
         "range": {"start": position(), "end": position()},
         "context": {"diagnostics": []}}
    if method == "textDocument/didChange":
        p["contentChanges"] = [
            {"range": {"start": position(), "end": position()},
             "text": text()} if rng.random() < 0.8 else {"text": text()}
            for _ in range(rng.randint(0, 4))]
    return p


c = Client(PMC, "--today", "2025-01-01")
c.initialize(rng.choice([None, ["utf-8"], ["utf-32"]]))
answered = asked = 0
for i in range(3000):
    if rng.random() < 0.5:
        m = rng.choice(NOTES)
        c.notify(m, params(m))
        continue
    m = rng.choice(METHODS)
    r = c.request(m, params(m), timeout=30)
    asked += 1
    if ("result" in r) != ("error" in r):
        answered += 1
    else:
        print("FAIL: %s: neither result nor error, or both: %r" % (m, r))
c.request("shutdown")
c.notify("exit")
status = c.close(30)
print("%d requests, %d answered; exit %r" % (asked, answered, status))
if status != 0 or answered != asked or asked == 0:
    print("FAIL: " + c.stderr()[-2000:])
    sys.exit(1)
