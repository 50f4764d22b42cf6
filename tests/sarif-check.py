#!/usr/bin/env python3
"""sarif-check.py LOG SCHEMA: LOG is valid against the full SARIF 2.1.0
schema (draft-07, tests/sarif-schema-2.1.0.json) and keeps what pmc
promises code scanning: every rule with a short and a full description,
help as text and Markdown and an absolute helpUri; every artifact relative
to %SRCROOT% (or an absolute file: URI outside it), the root given in
originalUriBaseIds; a partialFingerprints hash on every result. Prints
each failure and exits 1."""
import json
import re
import sys
from urllib.parse import urlparse

import jsonschema

log = json.load(open(sys.argv[1], encoding="utf-8"))
schema = json.load(open(sys.argv[2], encoding="utf-8"))
errors = []
jsonschema.Draft7Validator.check_schema(schema)
v = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
for e in v.iter_errors(log):
    errors.append("schema: %s at %s" % (e.message, list(e.absolute_path)))


def absolute_uri(u):
    p = urlparse(u)
    return bool(p.scheme) and (bool(p.netloc) or p.scheme == "file" or bool(p.path))


for run in log.get("runs", []):
    for r in run["tool"]["driver"].get("rules", []):
        rid = r.get("id")
        for k in ("shortDescription", "fullDescription"):
            t = r.get(k, {}).get("text", "")
            if not re.search("[a-z]", t) or "%" in t:
                errors.append("rule %s: %s %r" % (rid, k, t))
        h = r.get("help", {})
        if rid not in h.get("text", "") or "**%s**" % rid not in h.get("markdown", ""):
            errors.append("rule %s: help %r" % (rid, h))
        if not absolute_uri(r.get("helpUri", "")) or not r["helpUri"].endswith("#" + rid):
            errors.append("rule %s: helpUri %r" % (rid, r.get("helpUri")))
    base = run.get("originalUriBaseIds", {}).get("%SRCROOT%", {}).get("uri", "")
    if not base.startswith("file:///") or not base.endswith("/"):
        errors.append("originalUriBaseIds: %SRCROOT% is %r" % base)
    for res in run.get("results", []):
        al = res["locations"][0]["physicalLocation"]["artifactLocation"]
        u = al["uri"]
        if al.get("uriBaseId") == "%SRCROOT%":
            if urlparse(u).scheme or u.startswith("/") or u.startswith("../"):
                errors.append("result: %r is not relative to the root" % u)
        elif not u.startswith("file:///") and u != "-":
            errors.append("result: %r has no uriBaseId and is not a file: URI" % u)
        fp = res.get("partialFingerprints", {}).get("primaryLocationLineHash", "")
        if not re.fullmatch(r"[0-9a-f]{16}:[0-9]+", fp):
            errors.append("result: fingerprint %r" % fp)
for e in errors[:40]:
    print("FAIL: sarif:", e)
sys.exit(1 if errors else 0)
