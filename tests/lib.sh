# lib.sh: what the test scripts share, sourced by each once it has read
# its arguments: a scratch folder $tmp (removed on exit, whatever a test
# made read-only in it), counting passes and failures, asserting on a
# command's exit status and output, the options that judge every source
# on the same terms, and the closing summary with the exit status.

# The scripts cd into $tmp or a case's folder: pmc and the source tree,
# when given relative to where the script started, are made absolute.
case ${pmc:-/} in /*) ;; *) pmc=$(pwd)/$pmc ;; esac
[ -z "${top:-}" ] || top=$(cd "$top" && pwd)
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
fails=0
passes=0
# what the summary is headed by: the script's path under tests/ (a script
# run once per case names the case)
suite=${0#"${0%/tests/*}/tests/"}
suite=${suite%.sh}

# A day and no policy named, so that 'overdue' does not drift and no
# .pmc.yml above the checkout changes a result.
# shellcheck disable=SC2034 # for the scripts
today="--today 2025-01-01"
# shellcheck disable=SC2034
opts="$today --policy /dev/null"

# ok, bad MESSAGE: one check passed, or failed (said on stdout). Both
# always succeed, so 'COND && ok || bad ...' is an if-else.
ok() { passes=$((passes + 1)); }
bad() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

# expect STATUS DESCRIPTION COMMAND...: the command exits with STATUS;
# its output is left in $tmp/out and $tmp/err.
expect() {
	want=$1 what=$2
	shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" -ne "$want" ]; then
		bad "$what: exit $got, expected $want"
		sed 's/^/  | /' "$tmp/err"
	else
		ok
	fi
}

# contains FILE TEXT DESCRIPTION
contains() {
	if grep -qF -- "$2" "$1"; then ok; else
		bad "$3: no '$2' in:"
		sed 's/^/  | /' "$1"
	fi
}

# lacks FILE TEXT DESCRIPTION
lacks() {
	if grep -qF -- "$2" "$1"; then
		bad "$3: '$2' in:"
		sed 's/^/  | /' "$1"
	else ok; fi
}

# no_temporary DIR [WHAT]: pmc left none of its temporary files
# (.pmc-XXXXXX, renamed over an output once it is whole) in DIR.
no_temporary() {
	if ls -A "$1" | grep -q '^\.pmc-'; then
		bad "${2:+$2: }a temporary file was left behind"
	else
		ok
	fi
}

# policy_of SOURCE [DIR]: the policy a corpus case is judged under: its
# own <case>.pmc.yml in DIR (by default the source's folder), else its
# folder's .pmc.yml, else none.
policy_of() {
	p_dir=$(dirname "$1")
	p_case=$(basename "$1")
	p_case=${p_case%.*}
	if [ -f "${2:-$p_dir}/$p_case.pmc.yml" ]; then
		echo "${2:-$p_dir}/$p_case.pmc.yml"
	elif [ -f "$p_dir/.pmc.yml" ]; then
		echo "$p_dir/.pmc.yml"
	else
		echo /dev/null
	fi
}

# text_of FORMAT FILE: what a reader, and a program, finds in an output:
# a PDF's text (no page breaks) and its metadata, any other's bytes.
text_of() {
	if [ "$1" = pdf ]; then
		pdftotext -enc UTF-8 -nopgbrk "$2" - 2>/dev/null
		pdfinfo -enc UTF-8 "$2" 2>/dev/null
	else
		cat "$2"
	fi
}

# finish: the summary line, headed by $suite, and the exit status: 0 when
# nothing failed. A run that checked nothing fails: it proves nothing.
finish() {
	[ $((passes + fails)) -gt 0 ] || bad "no check was made"
	echo "$suite: $passes passed, $fails failed"
	[ "$fails" -eq 0 ] && exit 0
	exit 1
}
