#!/bin/sh
# nvim.sh: pmc lsp driven by Neovim's built-in LSP client (tests/lsp/nvim.lua)
# in a headless editor. PMC SOURCE_TREE
set -u
pmc=$1
top=$2
# shellcheck source=SCRIPTDIR/../lib.sh
. "$(dirname "$0")/../lib.sh"
if ! command -v nvim >/dev/null; then
	echo "nvim not found (scripts/setup installs it)"
	exit 1
fi
# its own home, so that no user configuration or state is read or kept
mkdir "$tmp/home" "$tmp/scratch"
if HOME=$tmp/home XDG_CONFIG_HOME=$tmp/home XDG_DATA_HOME=$tmp/home \
    XDG_STATE_HOME=$tmp/home XDG_CACHE_HOME=$tmp/home \
    PMC=$pmc TOP=$top SCRATCH=$tmp/scratch timeout 120 \
    nvim --headless --clean -n -c "luafile $top/tests/lsp/nvim.lua" \
    </dev/null >"$tmp/out" 2>"$tmp/err"; then
	ok
else
	bad "Neovim's client: $(cat "$tmp/err")"
fi
cat "$tmp/err"
finish
