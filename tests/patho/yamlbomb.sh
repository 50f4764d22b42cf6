#!/bin/sh
# yamlbomb.sh: "billion laughs" with YAML anchors and aliases, in a front
# matter and in a policy: aliases are followed by reference, never
# expanded, so 9 levels of tenfold aliases (10^9 strings if expanded) cost
# what 3 levels do; each gives a clear error, not an exhausted machine.
# PMC
PMC=$1
# shellcheck source=SCRIPTDIR/measure.sh
. "$(dirname "$0")/measure.sh"

# laughs LEVELS: the anchors, a0 holding ten strings, each a(i) ten
# aliases of a(i-1).
laughs() {
	awk -v n="$1" 'BEGIN {
		print "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"
		for (i = 1; i < n; i++) {
			printf "a%d: &a%d [", i, i
			for (j = 0; j < 10; j++) printf "%s*a%d", j ? ", " : "", i - 1
			print "]"
		}
	}'
}

# bomb LEVELS: a source that uses the last anchor as its services, tags
# and owner.
bomb() {
	printf -- '---\ntitle: Bomb\nseverity: SEV2\nstatus: draft\n'
	laughs "$1"
	l=$(($1 - 1))
	printf 'services: *a%d\ntags: [*a%d, *a%d]\nowner: *a%d\n---\n\n## Summary\n\nHi.\n' $l $l $l $l
}

baseline
bomb 3 >"$tmp/small.md"
bomb 9 >"$tmp/large.md"
pair "$tmp/small.md" "$tmp/large.md" check --policy /dev/null
expect_status 1 "front matter bomb"
expect_err "'services' must be a list of strings" "front matter bomb"
expect_err "'owner' must be a string" "front matter bomb"
n=$(grep -c "'services' must be a list of strings" "$tmp/err")
[ "$n" -eq 1 ] && ok || bad "front matter bomb: the services error is given $n times, not once"
linear "front matter aliases 10^3 -> 10^9 strings"

front_matter Policy >"$tmp/ok.md"
printf 'Hi.\n' >>"$tmp/ok.md"
{ laughs 3; printf 'required_sections: *a2\nseverities: *a2\n'; } >"$tmp/small.yml"
{ laughs 9; printf 'required_sections: *a8\nseverities: *a8\n'; } >"$tmp/large.yml"
pair "$tmp/small.yml" "$tmp/large.yml" check "$tmp/ok.md" --policy
expect_status 1 "policy bomb"
expect_err "large.yml:" "policy bomb"
linear "policy aliases 10^3 -> 10^9 strings"
finish
