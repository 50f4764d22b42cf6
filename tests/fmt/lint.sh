#!/bin/sh
# lint.sh: what pmc fmt writes passes markdownlint's default rules, with
# the exceptions in tests/fmt/markdownlint.jsonc (each says why): the
# formatted samples, regress corpus and fmt cases, every one that fmt
# formats. PMC TOP
set -u
pmc=$1
top=$2
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
if ! command -v markdownlint >/dev/null 2>&1; then
	bad "markdownlint is missing (npm's markdownlint-cli; run scripts/setup)"
	finish
fi
n=0
for src in "$top"/samples/*.md "$top"/tests/regress/*.md "$top"/tests/md/*.md \
    "$top"/tests/fmt/*.md; do
	out="$tmp/$(basename "$(dirname "$src")")-$(basename "$src")"
	# shellcheck disable=SC2086
	if "$pmc" fmt --policy "$(policy_of "$src")" $today - <"$src" >"$out" 2>/dev/null; then
		n=$((n + 1))
	else
		rm -f "$out"
	fi
done
# the samples and most of the corpus: a test that lints nothing passes
# nothing
[ $n -ge 30 ] && ok || { bad "only $n sources formatted"; finish; }
(cd "$tmp" && markdownlint --config "$top/tests/fmt/markdownlint.jsonc" ./*.md) && ok ||
	bad "fmt's output does not pass markdownlint (above)"
finish
