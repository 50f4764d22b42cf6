#!/bin/sh
# options.sh: the command line's contract, per command, from its option
# table as 'pmc help COMMAND' prints it: every option it lists is taken
# in its long and short form, with its value after '=' or as the next
# word; every other command's option is refused as cc and git refuse one
# (exit 2, 'pmc: check: unrecognized option'); COMMAND --help is the
# help; pmc --help lists every command and option. PMC SOURCE_TREE
set -u
pmc=$1
top=$2
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
src=$top/tests/regress/overdue.md
commands="compile check build fmt new followups digest serve"

# options CMD: the spellings of CMD's options, one a line, as
# "-o --output FILE", "- --strict" (no short form) or "-q --quiet"
# (no value).
options() {
	"$pmc" help "$1" | sed -n 's/^  \(-[a-zA-Z]\), \(--[a-z-]*\)\(=\([^ ]*\)\)\{0,1\} .*/\1 \2 \4/p
	    s/^  \(--[a-z-]*\)\(=\([^ ]*\)\)\{0,1\} .*/- \1 \3/p'
}

# A value each option takes, whatever the command.
value_of() {
	case $1 in
	--output) echo "$tmp/x" ;;
	--to) echo json ;;
	--format) echo json ;;
	--jobs) echo 2 ;;
	--rule) echo error=overdue ;;
	--today) echo 2025-01-01 ;;
	--policy) echo /dev/null ;;
	--audience) echo public ;;
	--lang) echo nb ;;
	--template) echo "$tmp/t.xsl" ;;
	--paper) echo letter ;;
	--color) echo never ;;
	--max-warnings) echo 3 ;;
	--owner) echo sre ;;
	--severity) echo SEV1 ;;
	--since) echo 2024-01-01 ;;
	--until) echo 2024-03-31 ;;
	--fail-on) echo overdue ;;
	--port) echo 0 ;;
	--bind) echo 127.0.0.1 ;;
	*) echo "UNKNOWN-VALUE-FOR$1" ;;
	esac
}

# invoke CMD ARGS...: pmc running CMD ('compile' has no word of its own)
invoke() {
	c=$1
	shift
	if [ "$c" = compile ]; then "$pmc" "$@"; else "$pmc" "$c" "$@"; fi
}

all_long=
for cmd in $commands; do
	options "$cmd" >"$tmp/$cmd.opts"
	[ -s "$tmp/$cmd.opts" ] && ok || bad "pmc help $cmd lists no option"
	all_long="$all_long $(cut -d' ' -f2 "$tmp/$cmd.opts")"

	# --help and -h are the command's help, as pmc help COMMAND
	"$pmc" help "$cmd" >"$tmp/help"
	head -n 1 "$tmp/help" | grep -q "^usage: pmc" && ok || bad "$cmd: help has no usage line"
	for h in --help -h; do
		expect 0 "$cmd $h" invoke "$cmd" "$src" $h
		cmp -s "$tmp/out" "$tmp/help" && ok || bad "$cmd $h is not pmc help $cmd"
	done

	# every option in both forms, the value joined or the next word;
	# parsed, then --help stops the run before anything is done
	while read -r short long arg; do
		if [ -n "$arg" ]; then
			v=$(value_of "$long")
			set -- "$long=$v" "$long $v"
			[ "$short" = - ] || set -- "$@" "$short $v" "$short$v"
			expect 2 "$cmd $long without its value" invoke "$cmd" "$long"
			contains "$tmp/err" "pmc: $cmd: option '$long' needs a value" "$cmd $long alone"
		else
			set -- "$long"
			[ "$short" = - ] || set -- "$@" "$short"
			expect 2 "$cmd $long=x" invoke "$cmd" "$long=x" "$src"
			contains "$tmp/err" "pmc: $cmd: option '$long' takes no value" "$cmd $long=x"
		fi
		for spelled in "$@"; do
			# shellcheck disable=SC2086 # the value is a word of its own
			expect 0 "$cmd $spelled" invoke "$cmd" $spelled "$src" --help
			lacks "$tmp/err" "unrecognized" "$cmd $spelled"
		done
	done <"$tmp/$cmd.opts"
done

# An option of another command is refused, named, and never ignored.
for cmd in $commands; do
	for long in $(echo "$all_long" | tr ' ' '\n' | sort -u); do
		grep -q -- " $long\( \|$\)" "$tmp/$cmd.opts" && continue
		expect 2 "$cmd $long, another command's option" invoke "$cmd" "$long" "$src"
		contains "$tmp/err" "pmc: $cmd: unrecognized option '$long' (an option of " "$cmd $long"
	done
	expect 2 "$cmd --frobnicate" invoke "$cmd" --frobnicate "$src"
	contains "$tmp/err" "pmc: $cmd: unrecognized option '--frobnicate' (see pmc help $cmd)" "$cmd --frobnicate"
	expect 2 "$cmd -Y" invoke "$cmd" -Y "$src"
	contains "$tmp/err" "pmc: $cmd: unrecognized option '-Y'" "$cmd -Y"
done

# pmc --help names every command and every option.
expect 0 "pmc --help" "$pmc" --help
for cmd in check build fmt new followups digest serve; do
	contains "$tmp/out" "pmc $cmd " "pmc --help names $cmd"
done
for long in $all_long; do
	contains "$tmp/out" "$long" "pmc --help lists $long"
done
expect 0 "pmc -h" "$pmc" -h
expect 2 "pmc help nothing" "$pmc" help nothing
contains "$tmp/err" "no help for 'nothing'" "help for an unknown topic"

# Sources and options in any order; '--' ends the options.
cp "$src" "$tmp/-q.md"
expect 0 "a source named like an option, after --" \
    sh -c "cd \"$tmp\" && \"$pmc\" check $opts -- -q.md"
contains "$tmp/err" "1 file checked" "-- ends the options"

# check -o FILE: the findings go to the file, in the format asked
# (pmc check --format sarif -o pmc.sarif wrote nothing once).
expect 1 "check --format sarif -o FILE" "$pmc" check $opts --format sarif \
    -o "$tmp/pmc.sarif" "$top/tests/regress/timeline-order.md"
contains "$tmp/pmc.sarif" '"ruleId": "timeline-order"' "the SARIF log is in the file"
[ -s "$tmp/out" ] && bad "check -o FILE also wrote to stdout" || ok
expect 1 "check -o FILE, text" "$pmc" check $opts --output="$tmp/findings.txt" \
    "$top/tests/regress/timeline-order.md"
contains "$tmp/findings.txt" "timeline-order.md:9:3: error:" "text findings in the file"
contains "$tmp/findings.txt" "1 file checked: 1 error" "the summary in the file"
lacks "$tmp/findings.txt" "    9 |" "no excerpt in a file"
[ -s "$tmp/err" ] && bad "check -o FILE also wrote to stderr" || ok
expect 1 "check -o -" "$pmc" check $opts -o - "$top/tests/regress/timeline-order.md"
contains "$tmp/out" "timeline-order.md:9:3: error:" "-o - sends text findings to stdout"
mkdir "$tmp/dir"
expect 2 "check -o DIR" "$pmc" check $opts -o "$tmp/dir" "$src"
contains "$tmp/err" "is a folder" "check -o DIR"
cp "$src" "$tmp/s.md"
expect 2 "check -o SOURCE" "$pmc" check $opts -o "$tmp/s.md" "$tmp/s.md"
cmp -s "$src" "$tmp/s.md" && ok || bad "check -o SOURCE overwrote the source"
no_temporary "$tmp"

# The long forms pandoc users type.
expect 0 "--to and --output" "$pmc" "$src" $opts --to json --output "$tmp/r.out"
contains "$tmp/r.out" '"title"' "--to json --output FILE"
expect 0 "--quiet" "$pmc" new --quiet "$tmp/new.md"
[ -s "$tmp/err" ] && bad "new --quiet said: $(cat "$tmp/err")" || ok
finish
