#!/bin/sh
# faults.sh: outputs when writing fails (spec/cli.md): a full disk, a
# read-only folder, an I/O error at any step, a signal mid-write. Each
# gives exit 2 (or death by the signal) with a message naming the output
# and the reason, leaves the earlier output untouched and no temporary
# file behind. Failures are injected with tests/faultinject.c, since root
# writes into chmod-read-only folders anyway. PMC SHIM SOURCE_TREE
set -u
pmc=$1
shim=$2
top=$3
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
# An ASan build must accept a library loaded before its runtime.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

# With 'overdue' on (the samples' policy turns it off), the sample has a
# finding for every --format to write.
cp "$top/samples/epicor-2023.md" "$tmp/"
grep -v 'overdue: off' "$top/samples/.pmc.yml" >"$tmp/.pmc.yml"
src=$tmp/epicor-2023.md
out=$tmp/out/e.json
mkdir -p "$tmp/out"

# untouched WHAT: the earlier output is as it was and the output folder
# holds nothing else.
untouched() {
	[ "$(cat "$out")" = "earlier output" ] && ok ||
	    bad "$1: the earlier output was changed"
	left=$(ls -A "$tmp/out" | grep -v '^e\.json$')
	[ -z "$left" ] && ok || bad "$1: left behind in the output folder: $left"
}

# faulty WANT_STATUS WANT_TEXT FAULT WHAT: compile with FAULT injected.
faulty() {
	printf 'earlier output' >"$out"
	PMC_FAULT=$3 LD_PRELOAD=$shim "$pmc" "$src" -o "$out" --today 2025-01-01 \
	    >"$tmp/stdout" 2>"$tmp/err"
	status=$?
	[ $status -eq "$1" ] && ok || bad "$4: exit $status, expected $1"
	grep -qF -- "$2" "$tmp/err" && ok ||
	    bad "$4: no '$2' in: $(cat "$tmp/err")"
	untouched "$4"
}

# The shim works: without a fault the output is written.
printf 'earlier output' >"$out"
LD_PRELOAD=$shim "$pmc" "$src" -o "$out" --today 2025-01-01 2>/dev/null && ok ||
    bad "no fault: exit $?"
grep -q '"id": "epicor-2023"' "$out" && ok || bad "no fault: no report written"

faulty 2 "$out: No space left on device" fwrite:ENOSPC:100 "disk full while writing"
faulty 2 "$out: No space left on device" fflush:ENOSPC "disk full when flushing"
faulty 2 "$out: Input/output error" fsync:EIO "I/O error at fsync"
faulty 2 "$out: No space left on device" fclose:ENOSPC "disk full when closing"
faulty 2 "$out: Read-only file system" mkstemp:EROFS "read-only folder"
faulty 2 "$out: Read-only file system" rename:EROFS "rename refused"
faulty 2 "$out: Permission denied" mkstemp:EACCES "folder not writable"

# Standard output that fails (a full disk behind a redirection).
PMC_FAULT=stdout:ENOSPC LD_PRELOAD=$shim "$pmc" "$src" -t json -o - \
    --today 2025-01-01 >/dev/null 2>"$tmp/err"
status=$?
[ $status -eq 2 ] && ok || bad "standard output full: exit $status, expected 2"
grep -q "standard output: No space left on device" "$tmp/err" && ok ||
    bad "standard output full: no message in: $(cat "$tmp/err")"

# A real full device: as an output file, and behind findings printed on
# standard output (a CI step must not pass on a report never written).
if [ -w /dev/full ]; then
	"$pmc" "$src" -o /dev/full -t json --today 2025-01-01 2>"$tmp/err"
	status=$?
	[ $status -eq 2 ] && ok || bad "-o /dev/full: exit $status, expected 2"
	grep -q "/dev/full: No space left on device" "$tmp/err" && ok ||
	    bad "-o /dev/full: no message in: $(cat "$tmp/err")"
	for f in json sarif github; do
		"$pmc" check --format $f "$src" >/dev/full 2>"$tmp/err"
		status=$?
		[ $status -eq 2 ] && ok || bad "check --format $f > /dev/full: exit $status, expected 2"
		grep -q "standard output: No space left on device" "$tmp/err" && ok ||
		    bad "check --format $f > /dev/full: no message in: $(cat "$tmp/err")"
	done
fi

# A signal while the output is being written: the temporary file goes,
# the earlier output stays, pmc dies of the signal. fsync stalls so that
# the signal comes while the temporary file exists.
for sig in TERM INT HUP; do
	printf 'earlier output' >"$out"
	# (a shell starts background commands with SIGINT ignored; env
	# gives pmc the default back, as an interactive shell would)
	PMC_FAULT=fsync:stall LD_PRELOAD=$shim env --default-signal=INT \
	    "$pmc" "$src" -o "$out" --today 2025-01-01 2>/dev/null &
	pid=$!
	i=0
	while [ -z "$(ls -A "$tmp/out" | grep '^\.pmc-')" ] && [ $i -lt 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	[ $i -lt 100 ] && ok || bad "SIG$sig: no temporary file appeared"
	kill -s $sig $pid
	wait $pid
	status=$?
	case $sig in TERM) want=143 ;; INT) want=130 ;; HUP) want=129 ;; esac
	[ $status -eq $want ] && ok || bad "SIG$sig: exit $status, expected $want"
	untouched "SIG$sig during the write"
done

# Never over a source, whatever name the output is given.
printf 'earlier output' >"$out"
ln -s "$src" "$tmp/out/link.json"
"$pmc" "$src" -o "$tmp/out/link.json" 2>"$tmp/err"
[ $? -eq 2 ] && ok || bad "output through a symbolic link to the source: not refused"
grep -q "refusing to overwrite the source" "$tmp/err" && ok ||
    bad "output through a symbolic link: no message in: $(cat "$tmp/err")"
cmp -s "$src" "$top/samples/epicor-2023.md" && ok || bad "the source was changed"
rm "$tmp/out/link.json"
ln "$src" "$tmp/out/hard.json"
"$pmc" "$src" -o "$tmp/out/hard.json" 2>/dev/null
[ $? -eq 2 ] && ok || bad "output over a hard link to the source: not refused"
cmp -s "$src" "$top/samples/epicor-2023.md" && ok || bad "the source was changed"
rm "$tmp/out/hard.json"

# A folder where the output file should be.
mkdir "$tmp/out/dir.json"
"$pmc" "$src" -o "$tmp/out/dir.json" --today 2025-01-01 2>"$tmp/err"
[ $? -eq 2 ] && ok || bad "output is a folder: exit $?, expected 2"
grep -q "dir.json is a folder; name the file to write" "$tmp/err" && ok ||
    bad "output is a folder: no message in: $(cat "$tmp/err")"
rmdir "$tmp/out/dir.json"
untouched "output is a folder"

# pmc build: a full disk fails the build with exit 2 and leaves no
# temporary file in the output folder.
mkdir "$tmp/site"
PMC_FAULT=write:ENOSPC:1000 LD_PRELOAD=$shim "$pmc" build -t json -o "$tmp/site" \
    "$src" --today 2025-01-01 >/dev/null 2>"$tmp/err"
status=$?
[ $status -eq 2 ] && ok || bad "build, disk full: exit $status, expected 2"
grep -q "No space left on device" "$tmp/err" && ok ||
    bad "build, disk full: no message in: $(cat "$tmp/err")"
left=$(ls -A "$tmp/site" | grep '^\.pmc-..' |
	grep -v '^\.pmc-build$' | grep -v '^\.pmc-build\.stat$')
[ -z "$left" ] && ok || bad "build, disk full: left behind: $left"

finish
