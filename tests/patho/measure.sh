# measure.sh: helpers for the pathological-input tests, sourced by each
# with PMC set: generating sources, and asserting that time and memory
# grow linearly between two sizes of one input (ratios, never absolute
# times, so a slow or busy machine does not fail them).
set -u
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0

# Under the sanitizers, time and memory mean nothing: the inputs still
# run (a crash or report fails the test) but ratios are not asserted.
sanitized=${PMC_SANITIZE:-0}

fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

# front_matter TITLE: the start of a small valid source.
front_matter() {
	printf -- '---\ntitle: %s\nseverity: SEV2\nstatus: draft\n---\n\n# %s\n\n## Summary\n\n' "$1" "$1"
}

# run_once CMD...: runs CMD, output to $tmp/out and $tmp/err; sets
# status, ns (wall clock) and kb (peak resident set).
run_once() {
	t0=$(date +%s%N)
	/usr/bin/time -f %M -o "$tmp/rss" "$@" >"$tmp/out" 2>"$tmp/err"
	status=$?
	t1=$(date +%s%N)
	ns=$((t1 - t0))
	kb=$(tail -n 1 "$tmp/rss")
}

# measure CMD...: the fastest of three runs (the least disturbed by other
# work on the machine), and the largest peak memory.
measure() {
	best=0 most=0
	for _ in 1 2 3; do
		run_once "$@"
		[ $best -eq 0 ] || [ $ns -lt $best ] && best=$ns
		[ "$kb" -gt $most ] && most=$kb
		[ "$sanitized" = 1 ] && break
	done
	ns=$best kb=$most
}

# baseline: time and memory of pmc on a tiny source, subtracted before
# ratios are taken, so that start-up costs do not hide growth.
baseline() {
	front_matter Tiny >"$tmp/tiny.md"
	printf 'Hi.\n' >>"$tmp/tiny.md"
	measure "$PMC" check --policy /dev/null "$tmp/tiny.md"
	base_ns=$ns base_kb=$kb
}

# linear WHAT SMALL_NS SMALL_KB LARGE_NS LARGE_KB: the large input is 4
# times the small one; time and memory above the baseline may grow 8
# times at most (16 would be quadratic). Below 10 ms or 1 MB the small
# run's cost is noise, so it counts as that much.
linear() {
	[ "$sanitized" = 1 ] && return 0
	st=$(($2 - base_ns)) sk=$(($3 - base_kb))
	lt=$(($4 - base_ns)) lk=$(($5 - base_kb))
	[ $st -lt 10000000 ] && st=10000000
	[ $sk -lt 1024 ] && sk=1024
	echo "$1: time $(($2 / 1000000)) ms -> $(($4 / 1000000)) ms," \
	    "memory $3 KB -> $5 KB (baseline $((base_ns / 1000000)) ms, $base_kb KB)"
	[ $lt -lt $((8 * st)) ] ||
	    fail "$1: time grew more than 8 times (the input grew 3 or 4 times)"
	[ $lk -lt $((8 * sk)) ] ||
	    fail "$1: memory grew more than 8 times (the input grew 3 or 4 times)"
}

# expect_status WANT WHAT: the last run exited with WANT.
expect_status() {
	[ "$status" -eq "$1" ] ||
	    { fail "$2: exit $status, expected $1"; head -5 "$tmp/err"; }
}

# expect_err TEXT WHAT: the last run's standard error holds TEXT.
expect_err() {
	grep -qF -- "$1" "$tmp/err" ||
	    { fail "$2: no '$1' in:"; head -5 "$tmp/err"; }
}

finish() {
	[ $fails -eq 0 ] && echo "ok" && exit 0
	exit 1
}
