# testlib.sh: what the command-line test scripts share, sourced by them:
# counting passes and failures, and asserting on a command's exit status
# and output. The script sets tmp (a scratch folder) first.
fails=0
passes=0

ok() { passes=$((passes + 1)); }
bad() {
	echo "FAIL: $1"
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
