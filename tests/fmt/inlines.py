#!/usr/bin/env python3
"""inlines.py: pmc fmt over many generated inline texts: PMC

Each case is one paragraph of a small postmortem, made of pieces that
GitHub's reader (cmark-gfm with its autolink, strikethrough and table
extensions) is particular about: bare URLs, www. links and e-mail
addresses next to punctuation, URLs holding _ * [ ] < > ( ) & ; and
backslashes, written bare, between angle brackets or as a link's
destination, entities, escapes, emphasis and code, in English,
Norwegian and Japanese words. For every case pmc fmt either

  - rewrites it to a text that cmark-gfm reads as the same inlines (its
    XML form, text nodes merged) and that pmc fmt leaves as it is (a
    fixed point), or
  - refuses it with an fmt-unsafe finding and leaves the file alone.

Refusals are counted by kind: a case of an ordinary kind refused fails
the test, as does a rewrite that reads differently or moves again. The
cases are drawn from a fixed seed, so a failure can be rerun; the first
few of each failure are shown with their text.
"""
import os
import random
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

PMC = os.path.abspath(sys.argv[1])
CASES = int(os.environ.get("PMC_INLINE_CASES", "600"))
SEED = int(os.environ.get("PMC_INLINE_SEED", "7"))
NS = "{http://commonmark.org/xml/1.0}"

rnd = random.Random(SEED)

HOSTS = ["example.com", "eksempel.no", "status.example.org", "x.io",
         "grafana.example"]
PATH_BITS = ["a", "b_c", "d*e", "[x]", "(f)", "g(h)", "i&j", "k;l", "m\\n",
             "o\\_p", "q&amp;r", "s&lt;t", "u&#60;v", "w<x", "y>z", "1_2_3",
             "%20", "?q=1&r=2", "#frag", "a.b", "c-d", "e~f", "æøå", "障害"]
WORDS = ["feilen", "på", "innlogging", "Sjøgata", "blåbær", "障害が発生",
         "復旧しました", "確認", "outage", "the", "log", "see", "mail", "x"]
PUNCT = ["", ".", ",", ";", ":", "!", "?", ")", "(", "*", "_", "~", "'",
         '"', "\\", "-", "…", "。", "、", "）", "&", "<", ">"]


def path():
    return "/".join(rnd.choice(PATH_BITS) for _ in range(rnd.randint(0, 3)))


def url():
    scheme = rnd.choice(["https://", "http://", "HTTPS://", "ftp://"])
    return scheme + rnd.choice(HOSTS) + ("/" + path() if rnd.random() < .8
                                         else "")


def www():
    return "www." + rnd.choice(HOSTS) + ("/" + path() if rnd.random() < .6
                                         else "")


def email():
    local = rnd.choice(["oncall", "a.b", "ops+pm", "x_y", "n-o", "æ"])
    return local + "@" + rnd.choice(HOSTS)


def dest_text():
    return rnd.choice(["the log", "here", "*dashboard*", "`pg_dump`",
                       "障害", "blåbær", url(), www()])


# Each kind: a piece of inline Markdown. exotic kinds may be refused;
# every other one is what people write and must be formatted.
def k_bare_url():
    return url()


def k_www():
    return www()


def k_email():
    return email()


def k_pointy():
    return "<" + rnd.choice([url(), email(), "mailto:" + email()]) + ">"


def k_link():
    u = url() if rnd.random() < .7 else www()
    if " " in u or rnd.random() < .2:
        u = "<" + u.replace(">", "\\>").replace("<", "\\<") + " x>"
    title = rnd.choice(["", "", ' "a title"', ' "with \\"quotes\\""',
                        " 'single'", ' "a &amp; b"'])
    return "[" + dest_text() + "](" + u + title + ")"


def k_image():
    return "![" + rnd.choice(["alt", "blåbær", "障害"]) + "](" + \
        rnd.choice(["img.png", "<a b.png>", url()]) + ")"


def k_entity():
    return rnd.choice(["&amp;", "&lt;", "&gt;", "&quot;", "&#35;", "&#x41;",
                       "&copy;", "&amp;lt;", "AT&T", "a & b"])


def k_escape():
    return rnd.choice(["\\_", "\\*", "\\[", "\\]", "\\<", "\\>", "\\&",
                       "\\\\", "\\#", "\\`", "\\!", "\\:", "\\.", "\\~"])


def k_escaped_url():
    # an escape in the host or path
    u = rnd.choice([url(), www()])
    i = rnd.randint(u.index("w.") + 2 if u.startswith("www.")
                    else u.index("://") + 3, len(u))
    return u[:i] + "\\" + rnd.choice("_*.:/[]<>&") + u[i:]


def k_escaped_scheme():
    # an escape in "https://" or "www.", which is then no link; the
    # word check's URLs and words may part differently there
    u = rnd.choice([url(), www()])
    i = rnd.randint(0, u.index("/") + 2 if "://" in u else 4)
    return u[:i] + "\\" + rnd.choice("_*.:/[]<>&") + u[i:]


def k_markup():
    return rnd.choice(["*" + rnd.choice(WORDS) + "*",
                       "**" + rnd.choice(WORDS) + "**",
                       "`" + rnd.choice(["a_b", "x*y", "<z>"]) + "`",
                       "~~" + rnd.choice(WORDS) + "~~",
                       "_" + rnd.choice(WORDS) + "_"])


def k_word():
    return rnd.choice(WORDS)


def k_html5_entity_in_url():
    # a named reference HTML 4 does not have, in a destination: the word
    # check cannot read it as a character, and may refuse
    return "[x](" + url() + "&bigstar;)"


def k_nbsp():
    # a no-break space by reference: cmark counts it as a blank beside
    # emphasis and strikethrough delimiters, and fmt writes it as the
    # character, so next to one it may be refused
    return "&nbsp;"


ORDINARY = [k_bare_url, k_www, k_email, k_pointy, k_link, k_image,
            k_entity, k_escape, k_escaped_url, k_markup, k_word]
EXOTIC = [k_html5_entity_in_url, k_nbsp, k_escaped_scheme]


def case():
    kinds = [rnd.choice(ORDINARY) for _ in range(rnd.randint(1, 4))]
    if rnd.random() < .05:
        kinds.append(rnd.choice(EXOTIC))
    text = ""
    for k in kinds:
        sep = rnd.choice([" ", " ", "", "\n"]) if text else ""
        text += sep + rnd.choice(PUNCT) + k() + rnd.choice(PUNCT)
    # a paragraph must stay one: no line that starts a block
    lines = [l.strip() for l in text.split("\n")]
    lines = [("x " + l) if l[:1] in "#>-+=*|0123456789`~<[!" or not l
             else l for l in lines]
    return [k.__name__ for k in kinds], "\n".join(lines)


def source(text):
    return ("---\ntitle: Generated inlines\nseverity: SEV3\n---\n\n"
            "## Summary\n\n" + text + "\n")


def merged(el):
    """The element with its adjacent text nodes merged, empty ones
    dropped, as a string: what a reader sees."""
    out, last = [], None
    for c in list(el):
        if c.tag == NS + "text":
            t = c.text or ""
            if last is not None and last[0] == "text":
                last[1] += t
            elif t:
                last = ["text", t]
                out.append(last)
            continue
        last = None
        out.append([c.tag.replace(NS, ""), dict(c.attrib), merged(c)])
    return repr([o for o in out if o != ["text", ""]])


def inlines(md):
    r = subprocess.run(["cmark-gfm", "-e", "autolink", "-e",
                        "strikethrough", "-e", "table", "-t", "xml"],
                       input=md.encode(), capture_output=True, check=True)
    doc = ET.fromstring(r.stdout)
    return [merged(b) for b in doc]


def fmt(files):
    r = subprocess.run([PMC, "fmt", "--policy", "/dev/null"] + files,
                       capture_output=True, text=True)
    return r.stderr


def main():
    cases = [case() for _ in range(CASES)]
    tmp = tempfile.mkdtemp()
    files = []
    for i, (_, text) in enumerate(cases):
        f = os.path.join(tmp, "c%04d.md" % i)
        with open(f, "w") as h:
            h.write(source(text))
        files.append(f)
    err = fmt(files)
    refused = {f for f in files if f + ":" in err}
    again = fmt([f for f in files if f not in refused])
    fails, counts, shown = 0, {}, {}

    def fail(what, kinds, text, extra=""):
        nonlocal fails
        fails += 1
        shown[what] = shown.get(what, 0) + 1
        if shown[what] <= 5:
            print("FAIL: %s %s:\n%s\n%s" % (what, kinds, text, extra))

    for f, (kinds, text) in zip(files, cases):
        with open(f) as h:
            out = h.read()
        exotic = any(k in [e.__name__ for e in EXOTIC] for k in kinds)
        key = "exotic" if exotic else "ordinary"
        if f in refused:
            counts[key + " refused"] = counts.get(key + " refused", 0) + 1
            if out != source(text):
                fail("a refused file changed", kinds, text)
            if "[fmt-unsafe]" not in err.split(f + ":", 1)[1].split("\n")[0]:
                fail("a refusal without fmt-unsafe", kinds, text)
            if not exotic:
                fail("an ordinary case refused", kinds, text,
                     [l for l in err.splitlines() if l.startswith(f)][0])
            continue
        counts[key + " formatted"] = counts.get(key + " formatted", 0) + 1
        if inlines(out) != inlines(source(text)):
            fail("read differently once formatted", kinds, text,
                 "->\n" + out.split("## Summary\n\n", 1)[-1])
        if f + ":" in again:
            fail("refused on the second run", kinds, text, out)
        with open(f) as h:
            if h.read() != out:
                fail("not a fixed point", kinds, text, out)
    print("inlines: %d cases (seed %d): %s" % (
        CASES, SEED, ", ".join("%s %d" % kv for kv in sorted(counts.items()))))
    print("inlines: %d failed" % fails)
    subprocess.run(["rm", "-rf", tmp])
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
