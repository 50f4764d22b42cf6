#!/bin/sh
# serve.sh PMC SOURCE_TREE: pmc serve for real, through curl: the index
# and the reports with their types, a source edited (the reload event on
# the stream, then the new page), broken (its findings in its page) and
# mended, deleted, added; the policy and a template changed; paths that
# try to leave the site, methods other than GET and HEAD, a foreign Host;
# SIGTERM and SIGINT (exit 0, the temporary folder gone, the sources'
# folder as it was). Every wait is a bounded poll, never a measure.
set -u
pmc=$1
top=$2
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"
command -v curl >/dev/null || { echo "curl not found: skipped"; exit 77; }

tree=$tmp/tree
cp -R "$top/samples" "$tree"
cp -R "$top/templates" "$tmp/templates"
mkdir "$tmp/t" "$tmp/cwd"
# pmc serve's temporary folder is made here, to be seen going away
TMPDIR=$tmp/t
PMC_TEMPLATES=$tmp/templates
export TMPDIR PMC_TEMPLATES
(cd "$tree" && find . | sort) >"$tmp/names.before"

# poll WHAT COMMAND: runs COMMAND every 0.1 s until it succeeds, for 10 s
# at most.
poll() {
	p_i=0
	while ! eval "$2" 2>/dev/null; do
		p_i=$((p_i + 1))
		if [ $p_i -ge 100 ]; then
			bad "waited 10 s for $1"
			return 1
		fi
		sleep 0.1
	done
	ok
}

# start NAME ARGS...: pmc serve ARGS in the background, from an empty
# folder; $pid, $url (the first line on stderr) and $site (its folder).
start() {
	name=$1
	shift
	(cd "$tmp/cwd" && exec "$pmc" serve $today "$@" 2>"$tmp/$name.err") &
	pid=$!
	url=
	poll "$name: the URL on the first line" \
	    'head -n 1 "$tmp/$name.err" | grep -q "^http://127\.0\.0\.1:[0-9]*/$"'
	url=$(head -n 1 "$tmp/$name.err")
	site=$(sed -n 's/^pmc: building into \(.*\) (removed .*/\1/p' "$tmp/$name.err")
}

# stop SIGNAL NAME: pmc serve ends with status 0 on SIGNAL, its folder
# removed.
stop() {
	kill -s "$1" "$pid"
	wait "$pid"
	st=$?
	[ "$st" -eq 0 ] && ok || bad "$2: exit $st after SIG$1"
	[ -n "$site" ] && [ ! -e "$site" ] && ok ||
	    bad "$2: the temporary folder '$site' is left after SIG$1"
	[ -z "$(ls -A "$tmp/t")" ] && ok || bad "$2: left in TMPDIR: $(ls -A "$tmp/t")"
	[ -z "$(ls -A "$tmp/cwd")" ] && ok || bad "$2: wrote into its folder: $(ls -A "$tmp/cwd")"
}

# get PATH [CURL ARGS]: the body in $tmp/body, "STATUS TYPE" in $got.
get() {
	g_path=$1
	shift
	got=$(curl -s --path-as-is -o "$tmp/body" -w '%{http_code} %{content_type}' \
	    "$@" "$url$g_path")
}

# is PATH "STATUS TYPE" WHAT [CURL ARGS]
is() {
	i_path=$1 i_want=$2 i_what=$3
	shift 3
	get "$i_path" "$@"
	[ "$got" = "$i_want" ] && ok || bad "$i_what: $i_path gave '$got', not '$i_want'"
}

# version: the last version the event stream told.
version() {
	sed -n 's/^data: //p' "$tmp/events" | tail -n 1
}

start main "$tree"
html="200 text/html; charset=utf-8"
is "" "$html" "the index"
contains "$tmp/body" 'href="epicor-2023.html"' "the index links a report"
is epicor-2023.html "$html" "a report"
contains "$tmp/body" "EventSource(\"/_pmc/events\")" "a served page has the reload script"
[ -f "$site/epicor-2023.html" ] && ok || bad "no epicor-2023.html in $site"
lacks "$site/epicor-2023.html" "<script" "the built file has no script"
lacks "$site/index.html" "EventSource" "the built index has no reload script"
get epicor-2023.html -I
[ "$got" = "$html" ] && ok || bad "HEAD: '$got'"
curl -s -I "${url}epicor-2023.html" >"$tmp/head"
contains "$tmp/head" "X-Content-Type-Options: nosniff" "nosniff"
is missing.html "404 text/html; charset=utf-8" "no such page"
contains "$tmp/body" "EventSource" "a missing page reloads when the site changes"
is missing.pdf "404 text/plain; charset=utf-8" "no such file"

# An edit: the stream tells a new version, and the page has the edit.
curl -s -N "${url}_pmc/events" >"$tmp/events" &
events=$!
poll "the stream's first event" '[ -n "$(version)" ]'
v1=$(version)
contains "$tmp/events" "event: reload" "the stream's events are named reload"
sed 's/^title: .*/title: "Orders stuck in Epicor"/' "$tree/epicor-2023.md" >"$tmp/x.md"
mv "$tmp/x.md" "$tree/epicor-2023.md" # as an editor saves: a rename
poll "the reload event after an edit" '[ "$(version)" != "$v1" ]'
is epicor-2023.html "$html" "the edited report"
contains "$tmp/body" "Orders stuck in Epicor" "the edit is served"
lacks "$site/epicor-2023.html" "<script" "the rebuilt file has no script"

# Broken: its page shows the findings pmc check prints, escaped; mended:
# the report again.
v2=$(version)
sed 's/^started: .*/started: next tuesday/' "$tree/epicor-2023.md" >"$tmp/x.md"
cp "$tmp/x.md" "$tree/epicor-2023.md"
poll "the reload event after breaking a source" '[ "$(version)" != "$v2" ]'
is epicor-2023.html "$html" "the page of a source with errors"
(cd "$tmp/cwd" && "$pmc" check $today "$tree/epicor-2023.md" 2>&1) | grep ': error: ' |
    head -n 1 | sed "s/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g; s/'/\&#39;/g" >"$tmp/finding"
[ -s "$tmp/finding" ] && ok || bad "pmc check finds no error in the broken source"
contains "$tmp/body" "$(cat "$tmp/finding")" "the page shows pmc check's finding"
contains "$tmp/body" "^~~~" "with the excerpt"
lacks "$tmp/body" "Orders stuck in Epicor</h1>" "not the stale report"
contains "$tmp/body" "EventSource" "the findings page reloads too"
is "" "$html" "the index while a source has errors"
contains "$tmp/body" "1 source with errors" "the index says a source has errors"
is _pmc/errors "$html" "the findings of every source"
contains "$tmp/body" "$(cat "$tmp/finding")" "the findings page"
v3=$(version)
sed 's/^started: .*/started: 2023-06-05 13:30/' "$tree/epicor-2023.md" >"$tmp/x.md"
cp "$tmp/x.md" "$tree/epicor-2023.md"
poll "the reload event after mending a source" '[ "$(version)" != "$v3" ]'
is epicor-2023.html "$html" "the mended report"
contains "$tmp/body" "Orders stuck in Epicor" "the report is back"
lacks "$tmp/body" "has errors" "no findings page any more"

# A copy of a source: its id taken, an error; the page stays the report,
# the copy's findings are on /_pmc/errors.
v5=$(version)
cp "$tree/epicor-2023.md" "$tree/zz-copy.md"
poll "the reload event after a copy" '[ "$(version)" != "$v5" ]'
is epicor-2023.html "$html" "the page of an id two sources claim"
lacks "$tmp/body" "has errors" "the built report wins over the copy's findings"
is _pmc/errors "$html" "the copy's findings"
contains "$tmp/body" "[duplicate-id]" "the copy's findings"
rm "$tree/zz-copy.md"
poll "the copy's removal" 'get _pmc/errors && [ "${got%% *}" = 404 ]'

# A source with errors from the start (never built) has its page too.
sed 's/^started: .*/started: never/' "$tree/fs-canvas-2022.md" >"$tmp/x.md"
cp "$tmp/x.md" "$tree/fs-canvas-2022.md"
poll "the findings of a source with a new error" \
    'get fs-canvas-2022.html && grep -q "has errors" "$tmp/body"'
cp "$top/samples/fs-canvas-2022.md" "$tree/fs-canvas-2022.md"
poll "the report of a mended source" \
    'get fs-canvas-2022.html && ! grep -q "has errors" "$tmp/body"'

# Deleted: gone from the site; added in a new folder: served.
v4=$(version)
rm "$tree/idporten-2024.md"
poll "the reload event after a deletion" '[ "$(version)" != "$v4" ]'
is idporten-2024.html "404 text/html; charset=utf-8" "a deleted source's page"
is "" "$html" "the index after a deletion"
lacks "$tmp/body" "idporten-2024.html" "the index lists no deleted source"
mkdir "$tree/new"
poll "a rebuild for a new folder" 'grep -q "of 3 rebuilt" "$tmp/main.err"'
sed 's/^id: .*/id: new-one/' "$top/samples/idporten-2024.md" >"$tree/new/one.md"
poll "the page of a source added in a new folder" \
    'get new-one.html && [ "$got" = "$html" ]'

# The policy: a scale without the samples' levels fails them all; put
# back, they build again.
cp "$tree/.pmc.yml" "$tmp/policy"
printf 'severity_levels: [SEV1, SEV2]\n' >"$tree/.pmc.yml"
poll "the findings after a policy change" \
    'get fs-canvas-2022.html && grep -q "severity-scale" "$tmp/body"'
cp "$tmp/policy" "$tree/.pmc.yml"
poll "the report after the policy is put back" \
    'get fs-canvas-2022.html && ! grep -q "has errors" "$tmp/body"'

# A template: a label changed is in the next page.
sed 's|>Summary<|>What happened<|' "$tmp/templates/labels/en.xml" >"$tmp/x.xml"
mv "$tmp/x.xml" "$tmp/templates/labels/en.xml"
poll "a label changed in the templates" \
    'get epicor-2023.html && grep -q ">What happened<" "$tmp/body"'

# What must be refused: leaving the folder, in every spelling; hidden
# files (the build's record); a link out of the site; a subfolder.
for p in ../../../etc/passwd %2e%2e/%2e%2e/etc/passwd ..%2F..%2Fetc%2Fpasswd \
    a%2Fb %2e%2e %00 'x%00.html' '..\..\etc\passwd' '%5C..%5Cetc%5Cpasswd'; do
	get "$p"
	case $got in 400*) ok ;; *) bad "$p: '$got', not 400" ;; esac
	lacks "$tmp/body" "root:" "$p"
done
for p in .pmc-build %2epmc-build sub/x.html //etc/passwd; do
	get "$p"
	case $got in 404*) ok ;; *) bad "$p: '$got', not 404" ;; esac
done
ln -s /etc/passwd "$site/passwd.html"
is passwd.html "404 text/html; charset=utf-8" "a link out of the site"
lacks "$tmp/body" "root:" "a link out of the site"
rm -f "$site/passwd.html"
get "" --request-target "http://example.org/etc/passwd"
case $got in 400*) ok ;; *) bad "an absolute request target: '$got'" ;; esac
for m in POST PUT DELETE OPTIONS TRACE; do
	get epicor-2023.html -X "$m" -d x=1
	case $got in 405*) ok ;; *) bad "$m: '$got', not 405" ;; esac
done
curl -s -i -X POST "${url}" >"$tmp/head"
contains "$tmp/head" "Allow: GET, HEAD" "405 says what is allowed"
port=${url##*:}
port=${port%/}
get epicor-2023.html -H "Host: attacker.example:$port"
case $got in 421*) ok ;; *) bad "a foreign Host: '$got', not 421" ;; esac
get epicor-2023.html -H "Host: localhost:$port"
[ "$got" = "$html" ] && ok || bad "Host localhost: '$got'"
# A header larger than the server takes: refused (431), and it goes on.
# The server stops reading, so the sender gives up after a while.
if command -v python3 >/dev/null; then
	python3 - "$port" <<'EOF' >"$tmp/big" 2>&1
import socket, sys
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.settimeout(3)
try:
    s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: ")
    for i in range(128):
        s.sendall(b"a" * 65536)
except OSError:
    pass
print(s.recv(100).split(b"\r\n")[0].decode())
EOF
	contains "$tmp/big" "HTTP/1.1 431" "an 8 MB header"
	is epicor-2023.html "$html" "a page after an 8 MB header"
fi

# The port taken: said, status 2, nothing left.
(cd "$tmp/cwd" && "$pmc" serve --port "$port" "$tree" 2>"$tmp/taken.err")
[ $? -eq 2 ] && ok || bad "a port in use: not exit 2"
contains "$tmp/taken.err" "Address already in use" "a port in use is said"

kill "$events" 2>/dev/null
stop TERM main
(cd "$tree" && find . | sort) >"$tmp/names.after"
# the test itself added new/ and new/one.md and removed idporten-2024.md
sed -i '/^\.\/new/d' "$tmp/names.after"
grep -v '^\./idporten-2024\.md$' "$tmp/names.before" >"$tmp/names.want"
diff "$tmp/names.want" "$tmp/names.after" >"$tmp/d" && ok ||
    { bad "the sources' folder changed:"; sed 's/^/  | /' "$tmp/d"; }

# One source: the root is its report; -t pdf served as a PDF; SIGINT.
start one -t pdf "$top/samples/epicor-2023.md"
is "" "$html" "the root of one source"
contains "$tmp/body" "Epicor" "the root of one source is its report"
is epicor-2023.pdf "200 application/pdf" "a PDF"
stop INT one

# A source with errors from the start: its page and the root show its
# findings.
mkdir "$tmp/broken"
sed 's/^started: .*/started: never/' "$top/samples/epicor-2023.md" >"$tmp/broken/a.md"
start broken "$tmp/broken"
is epicor-2023.html "$html" "the page of a source never built"
contains "$tmp/body" "[bad-timestamp]" "the page of a source never built"
is "" "$html" "the root when no source built"
contains "$tmp/body" "[bad-timestamp]" "the root when no source built"
# The folder removed and made again (a checkout of another branch): its
# sources are found again.
rm -rf "$tmp/broken"
poll "a rebuild after the folder went" 'get epicor-2023.html && [ "${got%% *}" = 404 ]'
mkdir "$tmp/broken"
cp "$top/samples/.pmc.yml" "$top/samples/epicor-2023.md" "$tmp/broken/"
poll "the report of a folder made again" \
    'get epicor-2023.html && [ "$got" = "$html" ] && ! grep -q "has errors" "$tmp/body"'
stop TERM broken

# A folder that is not there: said, status 2, nothing made.
(cd "$tmp/cwd" && "$pmc" serve "$tmp/nowhere" 2>"$tmp/nowhere.err")
[ $? -eq 2 ] && ok || bad "a missing folder: not exit 2"
contains "$tmp/nowhere.err" "No such file or directory" "a missing folder is said"
[ -z "$(ls -A "$tmp/t")" ] && ok || bad "a missing folder left a temporary folder"
(cd "$tmp/cwd" && "$pmc" serve --bind example.org "$tree" 2>"$tmp/bind.err")
[ $? -eq 2 ] && ok || bad "--bind with a name: not exit 2"
finish
