# tests/build/lib.sh: what the tests/build scripts share; sourced with
# $pmc and $top set. Makes $tmp (removed on exit), counts passes and
# failures, and has the samples in $tmp/tree under their policy.
case $pmc in /*) ;; *) pmc=$(pwd)/$pmc ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
passes=0
today="--today 2025-01-01"

ok() { passes=$((passes + 1)); }
no() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}
# run STATUS DESCRIPTION ARGS...: pmc exits with STATUS; stderr in $tmp/err.
run() {
	want=$1 what=$2
	shift 2
	"$pmc" "$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" -eq "$want" ]; then ok; else
		no "$what: exit $got, expected $want"
		sed 's/^/  | /' "$tmp/err" | head -20
	fi
}
has() {
	if grep -qF -- "$2" "$1"; then ok; else
		no "$3: no '$2' in $1"
		sed 's/^/  | /' "$1" | tail -5
	fi
}
hasnt() {
	if grep -qF -- "$2" "$1"; then no "$3: '$2' in $1"; else ok; fi
}
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
