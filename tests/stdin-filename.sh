#!/bin/sh
# stdin-filename.sh: pmc check --stdin-filename PATH -, as editors' linters
# (ALE, nvim-lint, flycheck) run it on an unsaved buffer: the findings
# name PATH in every format, the policy is the one found from PATH, and
# '-' must be among the sources. PMC SOURCE_TREE
set -u
pmc=$1
top=$2
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
sample=$top/samples/firstserver-2012.md

# The buffer of a sample: samples/.pmc.yml asks for updates every 30 min.
cd "$top" || exit 2
expect 0 "a sample's buffer" sh -c \
    "\"$pmc\" check $today --stdin-filename samples/firstserver-2012.md - <\"$sample\""
contains "$tmp/err" "samples/firstserver-2012.md:99:3: warning:" "findings name PATH"
contains "$tmp/err" "[update-gap]" "the policy is found from PATH"
lacks "$tmp/err" "-:99" "no finding names standard input"

# The same bytes named somewhere without that policy.
mkdir "$tmp/elsewhere"
expect 1 "the buffer named outside samples/" sh -c \
    "\"$pmc\" check $today --stdin-filename \"$tmp/elsewhere/x.md\" - <\"$sample\""
contains "$tmp/err" "$tmp/elsewhere/x.md:5:11: error:" "the path as given"
lacks "$tmp/err" "[update-gap]" "no samples/ policy outside samples/"

# SARIF and JSON carry PATH too.
expect 0 "SARIF" sh -c \
    "\"$pmc\" check $today --format sarif --stdin-filename samples/firstserver-2012.md - <\"$sample\""
contains "$tmp/out" '"uri": "samples/firstserver-2012.md"' "SARIF's uri is PATH"
expect 0 "JSON" sh -c \
    "\"$pmc\" check $today --format json --stdin-filename samples/firstserver-2012.md - <\"$sample\""
contains "$tmp/out" '"file": "samples/firstserver-2012.md"' "JSON's file is PATH"

# A README's buffer is skipped as the README named to pmc check is.
expect 0 "a README's buffer" sh -c \
    "printf '# Notes\\n' | \"$pmc\" check $opts --stdin-filename README.md -"
lacks "$tmp/err" "front-matter-missing" "a README is no postmortem"
contains "$tmp/err" "0 files checked" "and is not counted"
expect 1 "a buffer named README.txt is read" sh -c \
    "printf '# Notes\\n' | \"$pmc\" check $opts --stdin-filename README.txt -"
contains "$tmp/err" "README.txt:1:1: error:" "as the file would be"

# Without '-' there is nothing for the name to name.
expect 2 "--stdin-filename without '-'" "$pmc" check $opts --stdin-filename a.md "$sample"
contains "$tmp/err" "give '-' as the source" "says why"
finish
