#!/bin/sh
# new.sh: 'pmc new [--lang L] FILE' writes a scaffold whose every
# placeholder 'pmc check' reports at its own line, and which checks clean
# once they are filled; it never overwrites a file: PMC SOURCE_TREE
set -u
pmc=$1
top=$2
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
cd "$tmp" || exit 2

# Fills every placeholder of a scaffold with a plausible value.
fill() {
	sed -e 's/^severity: .*/severity: SEV2/' \
	    -e 's/^\(started:\) YYYY-MM-DD HH:MM/\1 2024-01-10 09:00/' \
	    -e 's/^\(detected:\) YYYY-MM-DD HH:MM/\1 2024-01-10 09:05/' \
	    -e 's/^\(mitigated:\) YYYY-MM-DD HH:MM/\1 2024-01-10 09:30/' \
	    -e 's/^\(resolved:\) YYYY-MM-DD HH:MM/\1 2024-01-10 10:00/' \
	    -e 's/^- YYYY-MM-DD HH:MM /- 2024-01-10 09:00 /' \
	    -e 's/^- HH:MM \(— \[detected\]\)/- 09:05 \1/' \
	    -e 's/^- HH:MM \(— \[resolved\]\)/- 10:00 \1/' \
	    -e 's/due: YYYY-MM-DD/due: 2099-01-01/' \
	    -e 's/TODO/filled/g' "$1"
}

for lang in en nb ja; do
	f=$lang-new.md
	"$pmc" new --lang "$lang" "$f" 2>"$tmp/err"
	st=$?
	[ $st -eq 0 ] && ok || bad "$lang: pmc new exited $st: $(cat "$tmp/err")"
	cmp -s "$f" "$top/templates/new/$lang.md" && ok ||
		bad "$lang: the file is not templates/new/$lang.md"
	grep -q "^lang: $lang\$" "$f" && ok || bad "$lang: no 'lang: $lang'"

	"$pmc" check --policy /dev/null --today 2025-01-01 "$f" 2>"$tmp/lint"
	st=$?
	[ $st -eq 1 ] && ok || bad "$lang: an unfilled scaffold checks with $st"
	# Every line holding a TODO outside a comment has a placeholder
	# error at that line; every unfilled time has an error there too.
	# (A timeline entry whose time is unfilled is an error as a whole.)
	awk '/<!--/ { c = 1 } !c && !/^#/ && /TODO/ && !/HH:MM/ { print NR }
	     /-->/ { c = 0 }' "$f" >"$tmp/todo"
	awk '/<!--/ { c = 1 } !c && !/^#/ && /YYYY-MM-DD|HH:MM/ { print NR }
	     /-->/ { c = 0 }' "$f" >"$tmp/times"
	[ "$(wc -l <"$tmp/todo")" -ge 15 ] && ok ||
		bad "$lang: only $(wc -l <"$tmp/todo") TODO lines found"
	while read -r n; do
		grep -q "^$f:$n:[0-9]*: warning: placeholder 'TODO' left from a template \[placeholder\]\$" "$tmp/lint" ||
			bad "$lang: no placeholder warning at line $n ($(sed -n "${n}p" "$f"))"
	done <"$tmp/todo"
	while read -r n; do
		grep -q "^$f:$n:[0-9]*: error: " "$tmp/lint" ||
			bad "$lang: no error at the unfilled time on line $n ($(sed -n "${n}p" "$f"))"
	done <"$tmp/times"
	sev=$(grep -n '^severity:' "$f" | cut -d: -f1)
	grep -q "^$f:$sev:[0-9]*: warning: placeholder 'SEV1 / SEV2 / SEV3 / SEV4 / SEV5'" "$tmp/lint" && ok ||
		bad "$lang: the unedited severity scale is not flagged on line $sev"
	# Nothing is reported on a line without a placeholder (findings
	# without a place stand at 1:1).
	sed -n "s/^$f:\([0-9]*\):.*/\1/p" "$tmp/lint" | sort -un | while read -r n; do
		[ "$n" -eq 1 ] && continue
		sed -n "${n}p" "$f" | grep -qE 'TODO|YYYY|HH:MM|SEV1 /|^## ' ||
			echo "$lang: a finding on line $n, which has no placeholder"
	done >"$tmp/stray"
	[ -s "$tmp/stray" ] && bad "$(cat "$tmp/stray")" || ok

	# Declared final, the same placeholders are errors (format.md 6).
	sed 's/^status: draft$/status: final/' "$f" >"$tmp/final.md"
	"$pmc" check --policy /dev/null --today 2025-01-01 "$tmp/final.md" 2>"$tmp/lint"
	grep -q "final.md:$sev:[0-9]*: error: placeholder 'SEV1" "$tmp/lint" && ok ||
		bad "$lang: a final scaffold's placeholders are not errors"

	fill "$f" >"$tmp/filled.md"
	"$pmc" check --policy /dev/null --today 2025-01-01 "$tmp/filled.md" 2>"$tmp/lint"
	st=$?
	[ $st -eq 0 ] && grep -q "0 errors, 0 warnings" "$tmp/lint" && ok ||
		bad "$lang: the filled scaffold does not check clean: $(cat "$tmp/lint")"
done

printf 'mine\n' >"$tmp/keep.md"
"$pmc" new "$tmp/keep.md" 2>"$tmp/err"
st=$?
[ $st -eq 2 ] && ok || bad "pmc new over an existing file exited $st"
[ "$(cat "$tmp/keep.md")" = mine ] && ok || bad "pmc new changed an existing file"
grep -q "exists" "$tmp/err" && ok || bad "no reason given: $(cat "$tmp/err")"
"$pmc" new --lang de "$tmp/de.md" 2>/dev/null
[ $? -eq 2 ] && [ ! -e "$tmp/de.md" ] && ok || bad "--lang de was not refused"
"$pmc" new --lang nb-NO - >"$tmp/stdout.md" 2>/dev/null &&
	cmp -s "$tmp/stdout.md" "$top/templates/new/nb.md" && ok ||
	bad "pmc new --lang nb-NO - does not print the Norwegian scaffold"
"$pmc" new "$tmp/no/such/dir/x.md" 2>/dev/null
[ $? -eq 2 ] && ok || bad "an unwritable path did not exit 2"
no_temporary "$tmp"

finish
