# measure.sh: helpers for the pathological-input tests on top of
# tests/lib.sh, sourced by each with PMC set: generating sources, and
# asserting that time and memory grow linearly between two sizes of one
# input (ratios, never absolute times, so a slow or busy machine does not
# fail them).
set -u
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"

# Under the sanitizers, time and memory mean nothing: the inputs still
# run (a crash or report fails the test) but ratios are not asserted.
sanitized=${PMC_SANITIZE:-0}

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

# pair SMALL LARGE ARGS...: runs "$PMC ARGS FILE" on the small and the
# large input in turn, five times, keeping the fastest of each (the least
# disturbed by other work on the machine; taking them in turn spreads a
# busy spell over both) and the largest peak memory. Sets sns skb lns lkb;
# status and $tmp/err are the large input's.
pair() {
	p_small=$1 p_large=$2
	shift 2
	sns=0 skb=0 lns=0 lkb=0
	for _ in 1 2 3 4 5; do
		run_once "$PMC" "$@" "$p_small"
		[ $sns -eq 0 ] || [ $ns -lt $sns ] && sns=$ns
		[ "$kb" -gt $skb ] && skb=$kb
		run_once "$PMC" "$@" "$p_large"
		[ $lns -eq 0 ] || [ $ns -lt $lns ] && lns=$ns
		[ "$kb" -gt $lkb ] && lkb=$kb
		[ "$sanitized" = 1 ] && break
	done
}

# baseline: the peak memory of pmc on a tiny source, subtracted before
# memory ratios are taken, so that what every run needs does not hide
# growth.
baseline() {
	front_matter Tiny >"$tmp/tiny.md"
	printf 'Hi.\n' >>"$tmp/tiny.md"
	run_once "$PMC" check --policy /dev/null "$tmp/tiny.md"
	base_kb=$kb
}

# linear WHAT: after pair, with a large input 3 or 4 times the small one:
# time and memory above the baseline may grow 8 times at most (16 would
# be quadratic). Time is compared whole (start-up included, which only
# makes the test more lenient; sizes are chosen so that the input's cost
# dominates). Memory below 1 MB above the baseline counts as 1 MB.
linear() {
	[ "$sanitized" = 1 ] && return 0
	sk=$((skb - base_kb)) lk=$((lkb - base_kb))
	[ $sk -lt 1024 ] && sk=1024
	echo "$1: time $((sns / 1000000)) ms -> $((lns / 1000000)) ms," \
	    "memory $skb KB -> $lkb KB (baseline $base_kb KB)"
	[ $lns -lt $((8 * sns)) ] && ok ||
	    bad "$1: time grew more than 8 times (the input grew 3 or 4 times)"
	[ $lk -lt $((8 * sk)) ] && ok ||
	    bad "$1: memory grew more than 8 times (the input grew 3 or 4 times)"
}

# expect_status WANT WHAT: the last run exited with WANT.
expect_status() {
	[ "$status" -eq "$1" ] && ok ||
	    { bad "$2: exit $status, expected $1"; head -5 "$tmp/err"; }
}

# expect_err TEXT WHAT: the last run's standard error holds TEXT.
expect_err() {
	grep -qF -- "$1" "$tmp/err" && ok ||
	    { bad "$2: no '$1' in:"; head -5 "$tmp/err"; }
}
