#!/bin/sh
# tests/build/run.sh PMC SOURCE_TREE: pmc build (cli.md): every source to
# every format, ids, exit statuses, the incremental manifest (a second run
# rebuilds nothing and the folder is what a clean build gives), -j
# independence, the site index.
set -u
pmc=$1
top=$2
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"

# A tree of postmortems under the samples' policy.
tree=$tmp/tree
mkdir -p "$tree/more"
mv "$tree/idporten-2024.md" "$tree/more/"

# Every source into every format, named by id; an index for many.
run 0 "build the samples" build -t json,xml $today -o "$tmp/a" "$tree"
for id in epicor-2023 firstserver-2012 fs-canvas-2022 idporten-2024; do
	for f in json xml; do
		[ -s "$tmp/a/$id.$f" ] && ok || bad "no $id.$f written"
	done
done
[ -s "$tmp/a/index.html" ] && ok || bad "no index.html for four sources"
contains "$tmp/err" "4 of 4 rebuilt" "the closing line counts what was built"
cmp -s "$tmp/a/epicor-2023.json" "$tmp/err" && bad "json is stderr?"
"$pmc" "$tree/epicor-2023.md" $today -t json -o "$tmp/one.json" 2>/dev/null
cmp -s "$tmp/one.json" "$tmp/a/epicor-2023.json" && ok ||
	bad "a built output differs from compiling the source alone"

# The index lists every incident, links its report, draws the figures.
contains "$tmp/a/index.html" 'href="epicor-2023.json"' "index links the report"
contains "$tmp/a/index.html" "ファーストサーバ大規模データ消失障害" "index lists titles"
n=$(grep -o '<svg' "$tmp/a/index.html" | wc -l)
[ "$n" -eq 4 ] && ok || bad "index has $n charts, expected 4"
lacks "$tmp/a/index.html" "<script src" "index fetches no script"

# With html among the formats, the index links the html reports; the
# default format is html.
run 0 "build html" build $today -o "$tmp/h" "$tree"
[ -s "$tmp/h/fs-canvas-2022.html" ] && ok || bad "html is not the default format"
contains "$tmp/h/index.html" 'href="fs-canvas-2022.html"' "index links the html report"
contains "$tmp/h/index.html" '<html lang="nb">' "index speaks the language most sources use"
# The index is valid HTML, when the Nu HTML Checker is at hand (as for
# tests/html).
vnu=${VNU_JAR:-$(npm root -g 2>/dev/null)/vnu-jar/build/dist/vnu.jar}
if [ -f "$vnu" ] && command -v java >/dev/null 2>&1; then
	if java -jar "$vnu" --errors-only "$tmp/h/index.html" >"$tmp/vnu" 2>&1; then
		ok
	else
		bad "index.html is not valid HTML"
		sed 's/^/  | /' "$tmp/vnu" | head -10
	fi
fi
run 0 "build html --lang en" build --lang en $today -o "$tmp/h" "$tree"
contains "$tmp/h/index.html" '<html lang="en">' "--lang sets the index's language"
contains "$tmp/err" "4 of 4 rebuilt" "--lang rebuilds the reports"

# A second run rebuilds nothing and changes nothing.
cp -r "$tmp/a" "$tmp/a0"
run 0 "second build" build -t json,xml $today -o "$tmp/a" "$tree"
contains "$tmp/err" "0 of 4 rebuilt (4 up to date)" "second run rebuilds nothing"
same "$tmp/a0" "$tmp/a" "second run changed the output folder"

# One changed source: one rebuilt, and the folder is a clean build's.
sed 's/^title: Epicor ERP transactions not posting/title: Epicor ERP posting stopped/' \
	"$tree/epicor-2023.md" >"$tmp/e" && mv "$tmp/e" "$tree/epicor-2023.md"
run 0 "build after an edit" build -t json,xml $today -o "$tmp/a" "$tree"
contains "$tmp/err" "1 of 4 rebuilt (3 up to date)" "only the edited source is rebuilt"
contains "$tmp/a/index.html" "Epicor ERP posting stopped" "index shows the edit"
run 0 "clean build" build -t json,xml $today -o "$tmp/clean" "$tree"
same "$tmp/clean" "$tmp/a" "incremental build differs from a clean one"

# A policy change rebuilds everything it governs.
printf '\n# edited\n' >>"$tree/.pmc.yml"
run 0 "build after a policy edit" build -t json,xml $today -o "$tmp/a" "$tree"
contains "$tmp/err" "4 of 4 rebuilt" "a policy edit rebuilds its sources"

# "Today" moves an open follow-up into overdue: only that source is
# rebuilt, and only when it crosses a due date.
run 0 "a later today" build -t json,xml --today 2025-06-01 -o "$tmp/a" "$tree"
contains "$tmp/err" "0 of 4 rebuilt" "no due date crossed, nothing rebuilt"
run 0 "an earlier today" build -t json,xml --today 2024-01-01 -o "$tmp/a" "$tree"
contains "$tmp/err" "1 of 4 rebuilt" "only the source with a due date crossed"
run 0 "clean, earlier today" build -t json,xml --today 2024-01-01 -o "$tmp/clean2" "$tree"
same "$tmp/clean2" "$tmp/a" "after a date change, incremental differs from clean"

# PDF outputs depend on the fonts (docs/choices.md): a font added where
# fontconfig looks rebuilds them; nothing else does.
mkdir -p "$tmp/fonts/dir"
cat >"$tmp/fonts/fonts.conf" <<EOF
<?xml version="1.0"?>
<fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include>
<dir>$tmp/fonts/dir</dir><cachedir>$tmp/fonts/cache</cachedir></fontconfig>
EOF
FONTCONFIG_FILE=$tmp/fonts/fonts.conf
export FONTCONFIG_FILE
run 0 "build pdf" build -t pdf $today -o "$tmp/p" "$tree"
run 0 "build pdf again" build -t pdf $today -o "$tmp/p" "$tree"
contains "$tmp/err" "0 of 4 rebuilt" "pdf: a second run rebuilds nothing"
: >"$tmp/fonts/dir/new-font.ttf"
run 0 "build pdf, a font added" build -t pdf $today -o "$tmp/p" "$tree"
contains "$tmp/err" "4 of 4 rebuilt" "pdf: a font change rebuilds the pdf outputs"
run 0 "build json, a font added" build -t json $today -o "$tmp/p2" "$tree"
: >"$tmp/fonts/dir/other-font.ttf"
run 0 "build json, another font" build -t json $today -o "$tmp/p2" "$tree"
contains "$tmp/err" "0 of 4 rebuilt" "json outputs do not depend on fonts"
unset FONTCONFIG_FILE

# A source removed: its outputs go too.
mv "$tree/more/idporten-2024.md" "$tmp/idporten-2024.md"
run 0 "build after a removal" build -t json,xml $today -o "$tmp/a" "$tree"
[ -e "$tmp/a/idporten-2024.json" ] && bad "output of a removed source kept" || ok
mv "$tmp/idporten-2024.md" "$tree/more/"

# -j 1 and -j 2: the same files and the same diagnostics, in order.
run 0 "-j 1" build -j 1 -t json,xml $today -o "$tmp/j1" "$tree"
cp "$tmp/err" "$tmp/err1"
run 0 "-j 2" build -j 2 -t json,xml $today -o "$tmp/j2" "$tree"
same "$tmp/j1" "$tmp/j2" "-j 1 and -j 2 outputs differ"
cmp -s "$tmp/err1" "$tmp/err" && ok || bad "-j 1 and -j 2 diagnostics differ"
contains "$tmp/err1" "update-gap" "the sources' warnings are printed"

# Two sources with one id: an error naming both; the first is built.
dup=$tmp/dup
mkdir -p "$dup"
cp "$top/samples/.pmc.yml" "$dup/"
cp "$top/samples/epicor-2023.md" "$dup/a.md"
cp "$top/samples/epicor-2023.md" "$dup/b.md"
cp "$top/samples/fs-canvas-2022.md" "$dup/c.md"
run 1 "duplicate ids" build -t json $today -o "$tmp/d" "$dup"
contains "$tmp/err" "$dup/b.md:3:5: error: id 'epicor-2023' is also the id of $dup/a.md" \
	"duplicate id names both sources, at the id"
[ -s "$tmp/d/epicor-2023.json" ] && [ -s "$tmp/d/fs-canvas-2022.json" ] && ok ||
	bad "sources beside a duplicate not built"

# A broken source among good ones: exit 1, nothing for it, the rest built.
bad=$tmp/bad
mkdir -p "$bad"
cp "$top/samples/.pmc.yml" "$top/samples/epicor-2023.md" "$bad/"
cp "$top/tests/regress/timeline-order.md" "$bad/"
run 1 "broken source" build -t json,xml $today -o "$tmp/b" "$bad"
contains "$tmp/err" "[timeline-order]" "the broken source's error is printed"
[ -s "$tmp/b/epicor-2023.json" ] && ok || bad "good source not built beside a broken one"
ls "$tmp/b" | grep -q timeline-order && bad "output written for a broken source" || ok
ls -A "$tmp/b" | grep -q '^\.pmc-build-' && bad "stray temporary file left" || ok

# --format json|sarif|github: the build's findings on standard output
# in that format (for CI), the same findings as the text format gives,
# and nothing on standard error.
"$pmc" build -t json $today -o "$tmp/ft" "$bad" 2>"$tmp/ftext" >/dev/null
for f in json sarif github; do
	run 1 "build --format $f" build --format $f -t json $today -o "$tmp/f$f" "$bad"
	mv "$tmp/out" "$tmp/$f.out"
	[ -s "$tmp/err" ] && bad "build --format $f wrote to stderr: $(head -3 "$tmp/err")"
done
if python3 - "$tmp" "$top/tests/sarif-schema-2.1.0.json" <<'EOF' >"$tmp/py" 2>&1
import json, re, sys
tmp, schema = sys.argv[1], sys.argv[2]
want = []
for line in open(tmp + "/ftext", encoding="utf-8"):
    m = re.match(r"^(.+?):(\d+):(\d+): (error|warning|note): (.*) \[([a-z0-9-]+)\]$", line.rstrip("\n"))
    if m:
        want.append((m[1], int(m[2]), int(m[3]), m[4], m[6], m[5]))
assert any(w[4] == "timeline-order" for w in want), want
got = [(o["file"], o["line"], o["column"], o["severity"], o["rule"], o["message"])
       for o in json.load(open(tmp + "/json.out", encoding="utf-8"))]
assert got == want, ("json", got, want)
log = json.load(open(tmp + "/sarif.out", encoding="utf-8"))
try:
    import jsonschema
    jsonschema.Draft7Validator(json.load(open(schema))).validate(log)
except ImportError:
    pass
loc = lambda r: r["locations"][0]["physicalLocation"]
got = [(loc(r)["artifactLocation"]["uri"], loc(r)["region"]["startLine"], r["ruleId"])
       for r in log["runs"][0]["results"]]
assert got == [("file://" + w[0], w[1], w[4]) for w in want], ("sarif", got)
lines = open(tmp + "/github.out", encoding="utf-8").read().splitlines()
sev = {"error": "error", "warning": "warning", "note": "notice"}
assert lines == ["::%s file=%s,line=%d,col=%d,title=%s::%s" % (sev[w[3]], w[0], w[1], w[2], w[4], w[5])
                 for w in want], ("github", lines)
EOF
then ok; else
	bad "build --format json|sarif|github: findings differ from the text format"
	sed 's/^/  | /' "$tmp/py" | tail -5
fi

# Ids that cannot name a file are refused at their line; an id that is
# a URL scheme stays a relative link in the index.
odd=$tmp/odd
mkdir -p "$odd"
cp "$top/samples/.pmc.yml" "$top/samples/fs-canvas-2022.md" "$odd/"
sed 's/^id: epicor-2023/id: "javascript:alert(1)#x"/' "$top/samples/epicor-2023.md" >"$odd/a.md"
sed 's/^id: epicor-2023/id: ..\/evil/' "$top/samples/epicor-2023.md" >"$odd/b.md"
sed 's/^id: epicor-2023/id: index/' "$top/samples/epicor-2023.md" >"$odd/c.md"
run 1 "odd ids" build -t html $today -o "$tmp/o" "$odd"
contains "$tmp/err" "$odd/b.md:3:5: error: id '../evil' cannot name an output file" "id with a path refused at its line"
contains "$tmp/err" "$odd/c.md:3:5: error: id 'index' cannot name an output file" "id 'index' refused beside the index"
contains "$tmp/o/index.html" 'href="javascript%3Aalert%281%29%23x.html"' "an id is escaped into a relative link"
[ -e "$tmp/evil.html" ] && bad "an id wrote outside the folder" || ok

# Standard input is a source too.
"$pmc" build -t json $today --policy "$top/samples/.pmc.yml" -o "$tmp/in" - <"$top/samples/epicor-2023.md" 2>/dev/null
[ -s "$tmp/in/epicor-2023.json" ] && ok || bad "a source on standard input not built"

# Outputs cannot be written: exit 2.
: >"$tmp/file"
run 2 "output folder is a file" build -t json $today -o "$tmp/file" "$tree"
run 2 "output folder under a file" build -t json $today -o "$tmp/file/site" "$tree"
if [ "$(id -u)" -ne 0 ]; then
	mkdir "$tmp/ro" && chmod 555 "$tmp/ro"
	run 2 "read-only output folder" build -t json $today -o "$tmp/ro" "$tree"
	chmod 755 "$tmp/ro"
fi
run 2 "unknown format" build -t docx -o "$tmp/x" "$tree"
run 2 "missing source" build -t json -o "$tmp/x" "$tmp/nope.md"

finish
