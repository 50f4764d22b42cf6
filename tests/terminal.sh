#!/bin/sh
# terminal.sh: findings as a person at a terminal sees them: coloured as
# gcc colours them (--color, NO_COLOR, TERM=dumb), why --strict and
# --max-warnings fail a run, -q leaving findings only, a folder with no
# postmortem said, and pmc's own output lost to a full disk an error.
# PMC SOURCE_TREE
set -u
pmc=$1
top=$2
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
warn=$top/tests/regress/overdue.md
err=$top/tests/regress/timeline-order.md
esc=$(printf '\033')

# --color=always: the place bold, severity and rule id in gcc's colours,
# the caret green.
expect 0 "--color=always" "$pmc" check $opts --color=always --excerpt "$warn"
contains "$tmp/err" "${esc}[01m${esc}[K$warn:8:3:${esc}[m${esc}[K ${esc}[01;35m${esc}[Kwarning:${esc}[m${esc}[K follow-up was due 2024-12-31 and is still open [${esc}[01;35m${esc}[Koverdue${esc}[m${esc}[K]" \
    "a warning in magenta"
contains "$tmp/err" "      |   ${esc}[01;32m${esc}[K^${esc}[m${esc}[K" "the caret in green"
lacks "$tmp/err" "${esc}[01m${esc}[K1 file checked" "the summary is plain"
expect 1 "--color=always, an error" "$pmc" check $opts --color always "$err"
contains "$tmp/err" "${esc}[01;31m${esc}[Kerror:${esc}[m${esc}[K" "an error in red"
contains "$tmp/err" "[${esc}[01;31m${esc}[Ktimeline-order${esc}[m${esc}[K]" "its rule id in red"
expect 0 "--color=never" "$pmc" check $opts --color=never "$warn"
lacks "$tmp/err" "$esc" "--color=never"
expect 0 "not a terminal" "$pmc" check $opts "$warn"
lacks "$tmp/err" "$esc" "no colour into a file by default"
expect 2 "--color=sometimes" "$pmc" check $opts --color=sometimes "$warn"
contains "$tmp/err" "--color must be auto, always or never, not 'sometimes'" "--color=sometimes"
expect 0 "--format json --color=always" "$pmc" check $opts --format json --color=always "$warn"
lacks "$tmp/out" "$esc" "JSON is never coloured"

# On a terminal (script(1) gives one): coloured unless NO_COLOR or
# TERM=dumb; --color=always wins over NO_COLOR.
if command -v script >/dev/null && script -qec true /dev/null >/dev/null 2>&1; then
	on_tty() { script -qec "$*" /dev/null >"$tmp/tty" 2>&1; }
	on_tty env -u NO_COLOR TERM=xterm "'$pmc'" check $opts "'$warn'"
	contains "$tmp/tty" "${esc}[01;35m${esc}[Kwarning:" "coloured on a terminal"
	contains "$tmp/tty" "    8 | - [ ] Late" "the excerpt on a terminal"
	on_tty env NO_COLOR=1 TERM=xterm "'$pmc'" check $opts "'$warn'"
	lacks "$tmp/tty" "${esc}[01;35m" "NO_COLOR honoured"
	contains "$tmp/tty" "    8 | - [ ] Late" "NO_COLOR keeps the excerpt"
	on_tty env NO_COLOR= TERM=xterm "'$pmc'" check $opts "'$warn'"
	contains "$tmp/tty" "${esc}[01;35m" "an empty NO_COLOR is unset"
	on_tty env -u NO_COLOR TERM=dumb "'$pmc'" check $opts "'$warn'"
	lacks "$tmp/tty" "${esc}[01;35m" "TERM=dumb has no colours"
	on_tty env NO_COLOR=1 "'$pmc'" check $opts --color=always "'$warn'"
	contains "$tmp/tty" "${esc}[01;35m" "--color=always wins over NO_COLOR"
else
	echo "script(1) not found: the terminal cases are not tested"
fi

# Why a run failed when no finding is an error.
expect 1 "--strict" "$pmc" check $opts --strict "$warn"
contains "$tmp/err" "pmc: all warnings being treated as errors (--strict)" "check --strict says why"
expect 1 "compile --strict" "$pmc" "$warn" $opts --strict -t json
contains "$tmp/err" "pmc: all warnings being treated as errors (--strict)" "compile --strict says why"
expect 1 "build --strict" "$pmc" build $opts --strict -o "$tmp/site" "$warn"
contains "$tmp/err" "pmc: all warnings being treated as errors (--strict)" "build --strict says why"
expect 1 "--strict with an error" "$pmc" check $opts --strict "$err"
lacks "$tmp/err" "treated as errors" "an error needs no excuse"
expect 0 "--strict, nothing to say" "$pmc" check $opts --strict "$top/tests/regress/date-heading-nb.md"
lacks "$tmp/err" "treated as errors" "a clean --strict run"

# --max-warnings N, as eslint's.
# ($warn has one warning on --today 2025-01-01)
expect 0 "--max-warnings 1" "$pmc" check $opts --max-warnings 1 "$warn"
lacks "$tmp/err" "too many" "as many warnings as allowed"
expect 1 "--max-warnings 0" "$pmc" check $opts --max-warnings=0 "$warn"
contains "$tmp/err" "pmc: too many warnings: 1, where --max-warnings allows 0" "--max-warnings says why"
expect 1 "--max-warnings 0, json" "$pmc" check $opts --max-warnings 0 --format json "$warn"
contains "$tmp/out" '"rule": "overdue"' "--max-warnings with JSON findings"
expect 2 "--max-warnings x" "$pmc" check $opts --max-warnings x "$warn"
contains "$tmp/err" "--max-warnings needs a number, not 'x'" "--max-warnings x"

# -q: the findings, nothing else.
expect 1 "check -q" "$pmc" check $opts -q "$err"
contains "$tmp/err" "timeline-order.md:9:3: error:" "-q keeps the findings"
lacks "$tmp/err" "checked" "-q drops the summary"
expect 0 "build -q" "$pmc" build $opts -q -o "$tmp/site2" "$warn"
lacks "$tmp/err" "rebuilt" "build -q drops the summary"
contains "$tmp/err" "[overdue]" "build -q keeps the findings"

# A folder with no postmortem: said, and still exit 0.
mkdir -p "$tmp/docs"
printf '# Notes\n' >"$tmp/docs/README.md"
expect 0 "a folder with no postmortem" "$pmc" check $opts "$tmp/docs"
contains "$tmp/err" "pmc: warning: $tmp/docs holds no postmortem" "the empty folder is named"
expect 0 "the same, -q" "$pmc" check $opts -q "$tmp/docs"
lacks "$tmp/err" "holds no postmortem" "-q: findings only"

# Output lost to a full disk is exit 2, with the reason.
if [ -w /dev/full ]; then
	for what in --version --help --list-rules "help check" "--completion=bash"; do
		# shellcheck disable=SC2086 # 'help check' is two words
		"$pmc" $what >/dev/full 2>"$tmp/err"
		st=$?
		[ $st -eq 2 ] && ok || bad "pmc $what > /dev/full: exit $st, expected 2"
		contains "$tmp/err" "No space left on device" "pmc $what > /dev/full"
	done
fi
finish
