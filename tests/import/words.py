"""words.py INPUT DRAFT: every word of INPUT (runs of letters or digits,
compared in lower case) is in DRAFT at least as often; prints the first
one that is not and exits 1. What pmc import reads is all posts, notes
and names, so the input itself is the list: markup the reader turns into
CommonMark (Slack's <url|text>, *bold*) keeps its words."""
import collections
import re
import sys

WORD = re.compile(r"[^\W_]+")


def words(text):
    return collections.Counter(w.lower() for w in WORD.findall(text))


def main():
    skip = set(a.lower() for a in sys.argv[3:])
    with open(sys.argv[1], encoding="utf-8") as f:
        have = words(f.read())
    with open(sys.argv[2], encoding="utf-8") as f:
        got = words(f.read())
    for w, n in have.items():
        if w not in skip and got[w] < n:
            print(f"'{w}': {n} in the input, {got[w]} in the draft")
            return 1
    return 0


sys.exit(main())
