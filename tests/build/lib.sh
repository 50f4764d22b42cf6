# tests/build/lib.sh: what the tests/build scripts share on top of
# tests/lib.sh; sourced with $pmc and $top set. Has the samples in
# $tmp/tree under their policy.
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"

# run STATUS DESCRIPTION ARGS...: pmc exits with STATUS; stderr in $tmp/err.
run() {
	want=$1 what=$2
	shift 2
	expect "$want" "$what" "$pmc" "$@"
}
# same DIR1 DIR2 DESCRIPTION: the folders (or files) hold the same
# files, byte for byte; but the stat cache (.pmc-build.stat, inode
# numbers and times: no two folders' are alike, docs/build.md).
same() {
	if diff -r -x .pmc-build.stat "$1" "$2" >"$tmp/diff" 2>&1; then ok; else
		bad "$3"
		sed 's/^/  | /' "$tmp/diff" | head -20
	fi
}
# rebuilt N DESCRIPTION: the last run's closing line says N rebuilt.
rebuilt() { contains "$tmp/err" "$1 of " "$2"; }

mkdir -p "$tmp/tree"
cp "$top"/samples/*.md "$top/samples/.pmc.yml" "$tmp/tree/"
