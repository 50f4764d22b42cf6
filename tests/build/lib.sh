# tests/build/lib.sh: what the tests/build scripts share on top of
# tests/testlib.sh; sourced with $pmc and $top set. Makes $tmp (removed on
# exit) and has the samples in $tmp/tree under their policy.
case $pmc in /*) ;; *) pmc=$(pwd)/$pmc ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. "$top/tests/testlib.sh"
today="--today 2025-01-01"

no() { bad "$*"; }
# run STATUS DESCRIPTION ARGS...: pmc exits with STATUS; stderr in $tmp/err.
run() {
	want=$1 what=$2
	shift 2
	expect "$want" "$what" "$pmc" "$@"
}
has() { contains "$@"; }
hasnt() { lacks "$@"; }
# same DIR1 DIR2 DESCRIPTION: the folders (or files) hold the same
# files, byte for byte.
same() {
	if diff -r "$1" "$2" >"$tmp/diff" 2>&1; then ok; else
		no "$3"
		sed 's/^/  | /' "$tmp/diff" | head -20
	fi
}
# rebuilt N DESCRIPTION: the last run's closing line says N rebuilt.
rebuilt() { has "$tmp/err" "$1 of " "$2"; }
summary() {
	echo "$(basename "$0" .sh): $passes passed, $fails failed"
	[ "$fails" -eq 0 ]
}

mkdir -p "$tmp/tree"
cp "$top"/samples/*.md "$top/samples/.pmc.yml" "$tmp/tree/"
