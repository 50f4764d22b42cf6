#!/bin/sh
# badargs.sh: arguments a careless user gives get a usage error (exit 2)
# that says what is wrong, in every command, and write nothing: a
# --today that is no day (2024-02-30, "garbage"), a SOURCE_DATE_EPOCH
# that is no number, -o naming a folder, an unknown extension, a --lang
# with no labels (a path among them). Extensions are read as pandoc
# reads them (.HTML, .htm, .markdown), -t too (-t HTML); a PDF is not
# sent to a terminal. PMC SOURCE_TREE
set -u
pmc=$1
top=$2
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
src=$top/tests/regress/after-resolved.md

# usage TEXT WHAT CMD...: CMD exits 2 and says TEXT on standard error.
usage() {
	text=$1 what=$2
	shift 2
	expect 2 "$what" "$@"
	contains "$tmp/err" "$text" "$what"
}

for cmd in check compile build fmt; do
	case $cmd in
	check) run="$pmc check --policy /dev/null $src" ;;
	compile) run="$pmc --policy /dev/null $src -o $tmp/r.json" ;;
	build) run="$pmc build --policy /dev/null -o $tmp/site $src" ;;
	fmt) cp "$src" "$tmp/f.md"; run="$pmc fmt --check $tmp/f.md" ;;
	esac
	# shellcheck disable=SC2086
	usage "--today '2024-02-30' is not a day of the calendar" \
	    "$cmd --today 2024-02-30" $run --today 2024-02-30
	# shellcheck disable=SC2086
	usage "--today needs a date YYYY-MM-DD, not 'garbage'" \
	    "$cmd --today garbage" $run --today garbage
	# shellcheck disable=SC2086
	usage "SOURCE_DATE_EPOCH must be whole seconds" \
	    "$cmd with SOURCE_DATE_EPOCH=abc" env SOURCE_DATE_EPOCH=abc $run
	# check and fmt print no labels: they refuse --lang (options.sh)
	case $cmd in
	check | fmt) lang="unrecognized option '--lang'" ;;
	*) lang="no labels for --lang '../../etc': known are en, nb" ;;
	esac
	# shellcheck disable=SC2086
	usage "$lang" "$cmd --lang ../../etc" $run --lang ../../etc
	[ -e "$tmp/r.json" ] && bad "$cmd: a refused run wrote a report" || ok
	[ -e "$tmp/site" ] && bad "$cmd: a refused build wrote a folder" || ok
done
usage "no labels for --lang 'de'" "new --lang de" \
    "$pmc" new --lang de "$tmp/de.md"
usage "SOURCE_DATE_EPOCH must be whole seconds" "SOURCE_DATE_EPOCH=-5" \
    env SOURCE_DATE_EPOCH=-5 "$pmc" check --policy /dev/null "$src"
usage "SOURCE_DATE_EPOCH must be whole seconds" "SOURCE_DATE_EPOCH past 9999" \
    env SOURCE_DATE_EPOCH=99999999999999 "$pmc" check --policy /dev/null "$src"
# A control character in a value is not sent to the terminal: it is
# shown escaped, as in a finding.
usage "not '\\x1B]0;x\\x07'" "--today with an escape sequence" \
    "$pmc" check --today "$(printf '\033]0;x\007')" "$src"

mkdir "$tmp/reports"
usage "-o $tmp/reports is a folder; name the file to write" "-o FOLDER" \
    "$pmc" --policy /dev/null "$src" -o "$tmp/reports"
usage "is a folder" "-o FOLDER with -t" \
    "$pmc" --policy /dev/null "$src" -t html -o "$tmp/reports"
usage "is a folder" "-o NEWFOLDER/" \
    "$pmc" --policy /dev/null "$src" -o "$tmp/new/"
usage "has no extension to tell the format by" "-o a name without one" \
    "$pmc" --policy /dev/null "$src" -o "$tmp/v1.0/report"
usage "unknown output format 'docx' of -o (html, pdf, md, json or xml)" \
    "-o X.docx" "$pmc" --policy /dev/null "$src" -o "$tmp/x.docx"
usage "unknown output format 'docx' (html, pdf" "-t docx" \
    "$pmc" --policy /dev/null "$src" -t docx
[ -z "$(ls "$tmp/reports")" ] && ok || bad "a refused -o wrote into the folder"
ls "$tmp" | grep -q docx && bad "a refused -o X.docx was written" || ok

# What pandoc takes, pmc takes: extensions in any case and other
# spellings.
for out in X.HTML r.htm r.Pdf r.markdown r.JSON; do
	"$pmc" --policy /dev/null "$src" -o "$tmp/$out" 2>"$tmp/err"
	st=$?
	[ $st -eq 0 ] && [ -s "$tmp/$out" ] && ok ||
	    { bad "-o $out: exit $st"; sed 's/^/  | /' "$tmp/err"; }
done
grep -q '<!DOCTYPE html>' "$tmp/X.HTML" && ok || bad "-o X.HTML is not HTML"
grep -q '^%PDF' "$tmp/r.Pdf" && ok || bad "-o r.Pdf is not a PDF"
grep -q '"title"' "$tmp/r.JSON" && ok || bad "-o r.JSON is not the JSON report"
"$pmc" --policy /dev/null "$src" -o "$tmp/en.html" --lang en-GB 2>/dev/null && ok ||
    bad "--lang en-GB was refused"

# -t as pandoc reads it: any case, the other spellings; -o - is standard
# output; build's list too.
expect 0 "-t HTML -o -" "$pmc" --policy /dev/null "$src" -t HTML -o -
contains "$tmp/out" '<!DOCTYPE html>' "-t HTML -o - writes HTML to stdout"
expect 0 "-t Markdown" "$pmc" --policy /dev/null "$src" --to=Markdown
contains "$tmp/out" '# ' "-t Markdown writes the Markdown report"
expect 0 "-t htm -o FILE.md" "$pmc" --policy /dev/null "$src" -t htm -o "$tmp/t.md"
contains "$tmp/t.md" '<!DOCTYPE html>' "-t wins over the extension of -o"
expect 0 "build -t HTML,Json" "$pmc" build --policy /dev/null -t HTML,Json -o "$tmp/b" "$src"
[ -s "$tmp/b/after-resolved.html" ] && [ -s "$tmp/b/after-resolved.json" ] && ok ||
    bad "build -t HTML,Json did not write both: $(ls "$tmp/b")"
usage "unknown output format 'docx' (html, pdf, md, json or xml)" \
    "build -t html,docx" "$pmc" build --policy /dev/null -t html,docx -o "$tmp/b" "$src"
usage "no output format: use -t FORMAT or -o FILE.EXT" "-o - alone" \
    "$pmc" --policy /dev/null "$src" -o -

# A PDF is not written to a terminal unless -o - insists (pandoc's
# rule); script(1) gives pmc one.
if command -v script >/dev/null && script -qec true /dev/null >/dev/null 2>&1; then
	script -qec "'$pmc' --policy /dev/null '$src' -t pdf; echo \"exit \$?\"" \
	    /dev/null >"$tmp/tty" 2>&1
	contains "$tmp/tty" "will not write a PDF to a terminal: name a file with -o FILE.pdf" \
	    "-t pdf to a terminal"
	contains "$tmp/tty" "exit 2" "-t pdf to a terminal is a usage error"
	lacks "$tmp/tty" "%PDF" "no PDF bytes reach the terminal"
	script -qec "'$pmc' --policy /dev/null '$src' -t pdf -o - | head -c 5; echo" \
	    /dev/null >"$tmp/tty" 2>&1
	contains "$tmp/tty" "%PDF-" "-o - writes the PDF to a terminal all the same"
else
	echo "script(1) not found: the terminal case is not tested"
fi
expect 0 "-t pdf into a pipe" "$pmc" --policy /dev/null "$src" -t pdf
contains "$tmp/out" "%PDF-" "-t pdf to a file or pipe needs no -o -"
finish
