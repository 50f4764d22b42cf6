#!/bin/sh
# lint.sh: what pmc fmt writes passes markdownlint's default rules, with
# the exceptions in tests/fmt/markdownlint.jsonc (each says why): the
# formatted samples, regress corpus and fmt cases, every one that fmt
# formats. PMC TOP
set -u
pmc=$1
top=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if ! command -v markdownlint >/dev/null 2>&1; then
	echo "FAIL: markdownlint is missing (npm's markdownlint-cli; run scripts/setup)"
	exit 1
fi
n=0
for src in "$top"/samples/*.md "$top"/tests/regress/*.md "$top"/tests/md/*.md \
    "$top"/tests/fmt/*.md; do
	dir=$(dirname "$src")
	case=$(basename "$src" .md)
	policy=/dev/null
	[ -f "$dir/.pmc.yml" ] && policy=$dir/.pmc.yml
	[ -f "$dir/$case.pmc.yml" ] && policy=$dir/$case.pmc.yml
	out="$tmp/$(basename "$dir")-$case.md"
	if "$pmc" fmt --policy "$policy" --today 2025-01-01 - <"$src" >"$out" 2>/dev/null; then
		n=$((n + 1))
	else
		rm -f "$out"
	fi
done
# the samples and most of the corpus: a test that lints nothing passes
# nothing
if [ $n -lt 30 ]; then
	echo "FAIL: only $n sources formatted"
	exit 1
fi
if ! (cd "$tmp" && markdownlint --config "$top/tests/fmt/markdownlint.jsonc" ./*.md); then
	echo "FAIL: fmt's output does not pass markdownlint (above)"
	exit 1
fi
echo "ok: $n formatted sources pass markdownlint"
