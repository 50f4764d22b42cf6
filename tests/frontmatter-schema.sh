#!/bin/sh
# frontmatter-schema.sh: schemas/frontmatter.schema.json, the JSON Schema
# editors use to complete and check front matter, agrees with pmc: every
# front matter pmc accepts (the samples, the valid golden cases) is valid
# under it, and the mistakes it can express are flagged at the keys pmc
# flags: SOURCE_TREE
set -u
top=$1
exec python3 - "$top" <<'EOF'
import glob, json, os, sys

import jsonschema
import yaml

top = sys.argv[1]
schema = json.load(open(os.path.join(top, "schemas/frontmatter.schema.json"), encoding="utf-8"))
jsonschema.Draft7Validator.check_schema(schema)
v = jsonschema.Draft7Validator(schema)
fails = passes = 0

def front_matter(path):
    # pmc blanks control characters (with a warning) before reading YAML
    text = open(path, encoding="utf-8-sig").read()
    lines = "".join(" " if (c < " " and c not in "\t\n\r") or "\x7f" <= c < "\xa0"
                    else c for c in text).splitlines()
    assert lines[0] == "---", path
    end = next(i for i in range(1, len(lines)) if lines[i] in ("---", "..."))
    # As an editor's YAML server reads it: every scalar a string.
    return yaml.load("\n".join(lines[1:end]), Loader=yaml.BaseLoader) or {}

def flagged(doc):
    keys = set()
    for e in v.iter_errors(doc):
        if e.path:
            keys.add(e.path[0])
        elif e.validator == "required":
            keys.add(e.message.split("'")[1])
        elif e.validator == "additionalProperties":
            keys.update(k for k in doc if k not in schema["properties"])
        else:
            keys.add("?" + e.message)
    return keys

def check(ok, what):
    global fails, passes
    if ok:
        passes += 1
    else:
        fails += 1
        print("FAIL:", what)

valid = sorted(glob.glob(os.path.join(top, "samples/*.md")))
valid += sorted(p[:-5] + ".md" for p in glob.glob(os.path.join(top, "tests/regress/*.json"))
                if os.path.exists(p[:-5] + ".md"))
check(len(valid) >= 15, "only %d valid sources found" % len(valid))
# unknown keys are pmc's warnings (a source with them compiles); for an
# editor they are mistakes to flag
valid = [p for p in valid if not p.endswith("/unknown-key.md")]
# the schema knows the default policy; a case whose own policy relaxes
# what status final requires ('final:') is valid only under that policy
def relaxes_final(p):
    pol = p[:-3] + ".pmc.yml"
    return os.path.exists(pol) and "\nfinal:" in "\n" + open(pol, encoding="utf-8").read()
valid = [p for p in valid if not relaxes_final(p)]
for p in valid:
    keys = flagged(front_matter(p))
    check(not keys, "%s: pmc accepts it, the schema flags %s" % (os.path.relpath(p, top), sorted(keys)))

invalid = {
    "tests/regress/bad-value.md": {"status", "lang", "detected_by", "audience"},
    "tests/regress/yaml-type.md": {"title", "services", "authors"},
    "tests/regress/required-key.md": {"title", "severity", "owner", "started", "resolved"},
    "tests/regress/unknown-key.md": {"owners", "colour"},
    "tests/regress/bad-timestamp.md": {"mitigated"},
    "templates/new/en.md": {"started", "detected", "mitigated", "resolved"},
    "templates/new/nb.md": {"started", "detected", "mitigated", "resolved"},
    "templates/new/ja.md": {"started", "detected", "mitigated", "resolved"},
}
for p, want in invalid.items():
    got = flagged(front_matter(os.path.join(top, p)))
    check(got == want, "%s: the schema flags %s, pmc flags %s" % (p, sorted(got), sorted(want)))

print("%d passed, %d failed" % (passes, fails))
sys.exit(1 if fails else 0)
EOF
