# chromium.sh: what the tests that use Chromium share, sourced after
# lib.sh: the browser, or a skip (exit 77) without one, and how it runs.
chromium=$(command -v chromium || command -v chromium-browser ||
	command -v google-chrome) || {
	echo "$suite: no Chromium, skipped"
	exit 77
}

# headless ARG...: Chromium without a window. --no-sandbox: the pages are
# our own, and root, as in a container, cannot start the sandbox.
headless() {
	"$chromium" --headless --no-sandbox --disable-gpu "$@"
}
