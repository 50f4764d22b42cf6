#!/bin/sh
# install.sh: 'cmake --install' puts pmc, libpmc, its header, pmc.pc, the
# schemas, the templates and the man page in their standard places, and
# the installed pmc, run from elsewhere, finds its templates there:
# BUILD_DIR SOURCE_TREE
set -u
build=$1
top=$2
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"

# Staged into DESTDIR under a prefix of its own, as a package build does.
DESTDIR=$tmp/dest cmake --install "$build" --prefix /opt/pmc >"$tmp/log" 2>&1 ||
	{ cat "$tmp/log"; bad "cmake --install"; finish; }
root=$tmp/dest/opt/pmc
lib=$(dirname "$(find "$root" -name libpmc.a | head -1)")
for f in bin/pmc include/pmc.h share/man/man1/pmc.1 share/man/man5/pmc-format.5 \
	share/pmc/schemas/postmortem.xsd share/pmc/schemas/frontmatter.schema.json \
	share/pmc/templates/new/en.md share/pmc/templates/new/nb.md \
	share/pmc/templates/new/ja.md share/pmc/templates/labels/en.xml \
	share/bash-completion/completions/pmc share/zsh/site-functions/_pmc \
	share/fish/vendor_completions.d/pmc.fish share/doc/pmc/rules.md; do
	[ -f "$root/$f" ] && ok || bad "$f is not installed"
done
[ -f "$lib/libpmc.a" ] && [ -f "$lib/pkgconfig/pmc.pc" ] && ok ||
	bad "libpmc.a and pkgconfig/pmc.pc are not installed side by side"
# The shared library by its soname, and the name the linker looks for.
[ -f "$lib/libpmc.so.0" ] && [ "$(readlink -f "$lib/libpmc.so")" = "$(readlink -f "$lib/libpmc.so.0")" ] && ok ||
	bad "libpmc.so and libpmc.so.0 are not installed, the one the other"
[ -x "$root/bin/pmc" ] && ok || bad "the installed pmc is not executable"
# The version, set once in CMakeLists.txt's project(), everywhere pmc
# says it: --version, pmc.pc, pmc_version.h, the man pages, SARIF.
v=$(sed -n 's/^project(pmc VERSION \([0-9.]*\).*/\1/p' "$top/CMakeLists.txt")
[ -n "$v" ] && [ "$("$root/bin/pmc" --version)" = "pmc $v" ] && ok ||
	bad "pmc --version is not project()'s $v: $("$root/bin/pmc" --version)"
grep -qx "Version: $v" "$lib/pkgconfig/pmc.pc" && ok || bad "pmc.pc's Version is not $v"
grep -q "^#define PMC_VERSION \"$v\"" "$root/include/pmc_version.h" && ok ||
	bad "the installed pmc_version.h does not say $v"
for page in man1/pmc.1 man5/pmc-format.5; do
	grep -qx ".Os pmc $v" "$root/share/man/$page" && ok || bad "$page does not name pmc $v"
done
"$root/bin/pmc" check --format sarif "$top/tests/regress/overdue.md" 2>/dev/null |
	grep -q "\"name\": \"pmc\", \"version\": \"$v\"" && ok ||
	bad "the SARIF log's driver is not pmc $v"
# rules.md, where SARIF's helpUri points: a section for every rule
[ "$(grep -c '^## ' "$root/share/doc/pmc/rules.md")" -eq "$("$root/bin/pmc" --list-rules | grep -c '^[a-z]')" ] &&
	grep -q '^## overdue$' "$root/share/doc/pmc/rules.md" && ok ||
	bad "rules.md does not explain every rule"
if command -v mandoc >/dev/null; then
	mandoc -T lint -W warning "$root/share/man/man1/pmc.1" && ok ||
		bad "the installed man page has mandoc warnings"
	mandoc -T lint -W warning "$root/share/man/man5/pmc-format.5" && ok ||
		bad "the installed pmc-format(5) has mandoc warnings"
fi

# Run from another folder, with nothing pointing at the source tree.
mkdir -p "$tmp/elsewhere"
cp "$top/samples/epicor-2023.md" "$top/samples/.pmc.yml" "$tmp/elsewhere/"
cd "$tmp/elsewhere" || exit 2
unset PMC_TEMPLATES
pmc=$root/bin/pmc
"$pmc" --version | grep -q "^pmc " && ok || bad "pmc --version"
"$pmc" --completion=bash | cmp -s - "$root/share/bash-completion/completions/pmc" &&
	ok || bad "the installed bash completion is not the installed pmc's"
"$pmc" epicor-2023.md --today 2025-01-01 -o e.json 2>"$tmp/err" &&
	grep -q '"time_to_resolve_s": 11700' e.json && ok ||
	bad "the installed pmc does not compile a sample to JSON: $(cat "$tmp/err")"
if "$pmc" epicor-2023.md --today 2025-01-01 -o e.html 2>"$tmp/err"; then
	grep -q '<html' e.html && grep -q 'Epicor' e.html && ok ||
		bad "the installed pmc's HTML lacks the report"
else
	echo "SKIP: html: $(head -1 "$tmp/err")"
fi
# The scaffolds come from share/pmc/templates, not from the source tree:
# a mark added to the installed one shows.
echo "<!-- installed copy -->" >>"$root/share/pmc/templates/new/nb.md"
"$pmc" new -q --lang nb n.md && grep -q "installed copy" n.md && ok ||
	bad "pmc new does not read the installed templates"
# Moving the installation keeps it working: templates are found from
# the executable's place.
mv "$tmp/dest/opt/pmc" "$tmp/moved"
"$tmp/moved/bin/pmc" new -q --lang ja j.md && grep -q "^lang: ja" j.md && ok ||
	bad "a moved installation does not find its templates"

# libpmc through pkg-config (-lpmc: the shared library, found through
# LD_LIBRARY_PATH in this folder of no system's): a program compiled
# against the installed header and library reads a postmortem.
lib=$(echo "$lib" | sed "s|$tmp/dest/opt/pmc|$tmp/moved|")
cat >"$tmp/use.c" <<'EOF'
#include <stdio.h>
#include <pmc.h>

int
main(int argc, char **argv)
{
	pm_options opts = {0};
	pm_buf out = {0};
	pm_doc *doc;
	int rc;

	opts.today = "2025-01-01";
	if (argc < 2 || (doc = pm_doc_load(argv[1], &opts)) == NULL)
		return 2;
	rc = pm_doc_errors(doc) == 0 && pm_render_json(doc, NULL, &out) == 0;
	if (rc)
		fwrite(out.data, 1, out.len, stdout);
	pm_buf_free(&out);
	pm_doc_free(doc);
	return rc ? 0 : 1;
}
EOF
# CFLAGS: scripts/test-sanitize builds libpmc with the sanitizers.
# shellcheck disable=SC2046,SC2086
if cc ${CFLAGS:-} -o "$tmp/use" "$tmp/use.c" $(PKG_CONFIG_PATH="$lib/pkgconfig" pkg-config --cflags --libs pmc) 2>"$tmp/err"; then
	LD_LIBRARY_PATH=$lib "$tmp/use" epicor-2023.md | grep -q '"id": "epicor-2023"' && ok ||
		bad "a program linked with libpmc does not read a sample"
else
	bad "a program does not build with pkg-config pmc: $(cat "$tmp/err")"
fi

finish
