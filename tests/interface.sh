#!/bin/sh
# interface.sh: one source of truth for the command line. Each command's
# options, as its table gives them (pmc help COMMAND), are the ones the
# man page's synopsis shows and its OPTIONS section explains, and the ones
# the bash, zsh and fish completions (pmc --completion=SHELL, installed by
# cmake --install) offer. PMC SOURCE_TREE
set -u
pmc=$1
top=$2
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
commands="compile check build fmt new followups digest serve lsp"

# spellings CMD: CMD's options as "SHORT LONG VALUE" lines ("-" when there
# is no short form), from pmc help CMD.
spellings() {
	"$pmc" help "$1" | sed -n 's/^  \(-[a-zA-Z]\), \(--[a-z-]*\)\(=\([^ ]*\)\)\{0,1\} .*/\1 \2 \4/p
	    s/^  \(--[a-z-]*\)\(=\([^ ]*\)\)\{0,1\} .*/- \1 \3/p'
}

# words FILE: the option words in FILE, one a line: "--format", and each
# letter of "-hq" on its own ("-h", "-q").
words() {
	grep -oE '(^|[][ |])--?[a-zA-Z][a-zA-Z-]*' "$1" | sed 's/^[][ |]//' |
	    while read -r w; do
		case $w in
		--*) echo "$w" ;;
		*) echo "${w#-}" | sed 's/./-&\n/g' | grep . ;;
		esac
	    done | sort -u
}

for cmd in $commands; do
	spellings "$cmd" >"$tmp/$cmd.opts"
	[ -s "$tmp/$cmd.opts" ] && ok || bad "pmc help $cmd lists no option"
	# the option words a place should show: the short form if any
	while read -r short long _; do
		[ "$short" = - ] && echo "$long" || echo "$short"
	done <"$tmp/$cmd.opts" | sort -u >"$tmp/$cmd.want"
	cut -d' ' -f2 "$tmp/$cmd.opts" | sort -u >"$tmp/$cmd.long"
done

# The man page's synopsis: one line per command, as mandoc renders it.
if command -v mandoc >/dev/null; then
	mandoc -Tutf8 -Owidth=1000 "$top/doc/pmc.1" | sed 's/.\x08//g' >"$tmp/man"
	sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' "$tmp/man" >"$tmp/synopsis"
	for cmd in $commands; do
		case $cmd in
		compile) grep -E '^ +pmc \[' "$tmp/synopsis" ;;
		*) grep -E "^ +pmc $cmd " "$tmp/synopsis" ;;
		esac >"$tmp/$cmd.syn"
		[ "$(wc -l <"$tmp/$cmd.syn")" -eq 1 ] && ok ||
		    bad "pmc.1's synopsis has no single line for $cmd"
		words "$tmp/$cmd.syn" >"$tmp/$cmd.got"
		diff "$tmp/$cmd.want" "$tmp/$cmd.got" >"$tmp/d" && ok ||
		    { bad "pmc.1's synopsis of $cmd and its option table differ (< table, > man):"; sed 's/^/  | /' "$tmp/d"; }
	done
	# OPTIONS explains every long option of every command
	sed -n '/^OPTIONS/,/^POLICY/p' "$tmp/man" >"$tmp/options"
	for long in $(cat "$tmp"/*.long | sort -u); do
		grep -qE -- "(^|[ ,])$long([= ,]|$)" "$tmp/options" && ok ||
		    bad "pmc.1's OPTIONS does not explain $long"
	done
else
	echo "mandoc not found: the man page is not compared"
fi

# bash: what _pmc offers after '--' for each command, and the values of
# an option with a few.
"$pmc" --completion=bash >"$tmp/pmc.bash" && ok || bad "pmc --completion=bash failed"
complete_bash() {
	bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1));
		_pmc; printf "%s\n" "${COMPREPLY[@]}"' sh "$tmp/pmc.bash" "$@" | sort -u
}
for cmd in $commands; do
	case $cmd in compile) set -- pmc x.md -- ;; *) set -- pmc "$cmd" -- ;; esac
	complete_bash "$@" >"$tmp/got"
	diff "$tmp/$cmd.long" "$tmp/got" >"$tmp/d" && ok ||
	    { bad "bash completes other options than the table's for $cmd:"; sed 's/^/  | /' "$tmp/d"; }
done
complete_bash pmc x.md -t "" | tr '\n' ' ' >"$tmp/got"
contains "$tmp/got" "html json md pdf xml" "bash completes -t's formats"
# bash splits "--format=" at the "=" (COMP_WORDBREAKS)
complete_bash pmc check --format = "" | tr '\n' ' ' >"$tmp/got"
contains "$tmp/got" "github json sarif text" "bash completes --format=VALUE"
complete_bash pmc ch >"$tmp/got"
contains "$tmp/got" "check" "bash completes the command"
complete_bash pmc fol >"$tmp/got"
contains "$tmp/got" "followups" "bash completes followups"
complete_bash pmc followups --format "" | tr '\n' ' ' >"$tmp/got"
contains "$tmp/got" "csv github json md sarif text" "bash completes followups --format's own values"

# fish: the same question, asked of fish itself.
"$pmc" --completion=fish >"$tmp/pmc.fish" && ok || bad "pmc --completion=fish failed"
if command -v fish >/dev/null; then
	for cmd in $commands; do
		case $cmd in compile) line="pmc x.md --" ;; *) line="pmc $cmd --" ;; esac
		fish -c "source '$tmp/pmc.fish'; complete -C '$line'" | cut -f1 |
		    sort -u >"$tmp/got"
		diff "$tmp/$cmd.long" "$tmp/got" >"$tmp/d" && ok ||
		    { bad "fish completes other options than the table's for $cmd:"; sed 's/^/  | /' "$tmp/d"; }
	done
	fish -c "source '$tmp/pmc.fish'; complete -C 'pmc check --format '" | tr '\n' ' ' >"$tmp/got"
	contains "$tmp/got" "text" "fish completes --format's values"
else
	echo "fish not found: its completion is compared as text only"
	for cmd in $commands; do
		while read -r long; do
			contains "$tmp/pmc.fish" "= $cmd'" "fish: $cmd" 
		done <"$tmp/$cmd.long"
	done
fi

# zsh: its syntax, and each command's specs are the table's options.
"$pmc" --completion=zsh >"$tmp/_pmc" && ok || bad "pmc --completion=zsh failed"
if command -v zsh >/dev/null; then
	zsh -n "$tmp/_pmc" && ok || bad "the zsh completion does not parse"
fi
for cmd in $commands; do
	sed -n "/^$cmd) specs=(/,/^	) ;;/p" "$tmp/_pmc" |
	    grep -oE -- "--[a-z-]+" | sort -u >"$tmp/got"
	diff "$tmp/$cmd.long" "$tmp/got" >"$tmp/d" && ok ||
	    { bad "zsh completes other options than the table's for $cmd:"; sed 's/^/  | /' "$tmp/d"; }
done
expect 2 "a shell pmc has no completion for" "$pmc" --completion=tcsh
contains "$tmp/err" "no completion for the shell 'tcsh' (bash, zsh or fish)" "--completion=tcsh"
finish
