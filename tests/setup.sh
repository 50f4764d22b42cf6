#!/bin/sh
# setup.sh: scripts/setup installs what building and running pmc needs and
# nothing only the tests use; scripts/test-tools the rest. Proved on this
# machine's packages: cmake configures pmc with only the pkg-config files
# of setup's packages and what they depend on, the fonts pmc embeds come
# from them, and none of the test tools is among them. SOURCE_TREE
set -u
top=$1
# shellcheck source=SCRIPTDIR/lib.sh
. "$(dirname "$0")/lib.sh"

# The lists: scripts/setup installs the first, scripts/test-tools the other.
grep -q 'install-packages $(cat scripts/build-packages)' "$top/scripts/setup" && ok ||
	bad "scripts/setup does not install scripts/build-packages"
grep -q 'install-packages $(cat scripts/test-packages)' "$top/scripts/test-tools" && ok ||
	bad "scripts/test-tools does not install scripts/test-packages"
cp "$top/scripts/build-packages" "$tmp/setup"
cp "$top/scripts/test-packages" "$tmp/test"
[ -s "$tmp/setup" ] && [ -s "$tmp/test" ] && ok ||
	{ bad "scripts/build-packages or scripts/test-packages is empty"; finish; }
for p in check valgrind clang chromium default-jre-headless neovim; do
	grep -qx "$p" "$tmp/setup" && bad "scripts/build-packages has $p, a test tool"
	grep -qx "$p" "$tmp/test" && ok || bad "scripts/test-packages does not have $p"
done

# setup's packages and, installed here, everything they depend on.
# shellcheck disable=SC2046
apt-cache depends --recurse --installed --no-recommends --no-suggests \
	--no-conflicts --no-breaks --no-replaces --no-enhances \
	$(cat "$tmp/setup") 2>/dev/null | grep -v '^ ' | sed 's/:.*//' |
	sort -u >"$tmp/closure"
mkdir "$tmp/pc"
while read -r p; do
	dpkg -L "$p" 2>/dev/null | grep '/pkgconfig/.*\.pc$'
done <"$tmp/closure" | while read -r f; do
	ln -sf "$f" "$tmp/pc/"
done

# Configured with no other pkg-config file: the build needs nothing more.
PKG_CONFIG_LIBDIR=$tmp/pc cmake -S "$top" -B "$tmp/b" -DBUILD_TESTING=OFF \
	>"$tmp/log" 2>&1 && ok ||
	{ sed 's/^/  /' "$tmp/log"; bad "pmc does not configure with setup's packages alone"; }
# ... and the filter bites: the tests need Check, which setup leaves out.
rm -rf "$tmp/b"
PKG_CONFIG_LIBDIR=$tmp/pc cmake -S "$top" -B "$tmp/b" -DBUILD_TESTING=ON \
	>"$tmp/log" 2>&1 && bad "the tests configure without Check's pkg-config file" ||
	grep -q "check" "$tmp/log" && ok || bad "configuring the tests failed, but not for Check"

# The fonts the PDF back end asks fontconfig for (src/fonts.c).
for font in "DejaVu Sans" "DejaVu Sans:oblique" "DejaVu Sans Mono:bold" \
	"IPAexGothic" "WenQuanYi Zen Hei"; do
	file=$(fc-match -f '%{file}' "$font")
	p=$(dpkg -S "$(readlink -f "$file")" 2>/dev/null | sed 's/:.*//')
	grep -qx "${p:-none}" "$tmp/closure" && ok ||
		bad "the font $font ($file) is not from a package scripts/setup installs"
done
finish
