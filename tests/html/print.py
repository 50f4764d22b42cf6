#!/usr/bin/env python3
"""print.py shift PAGE.html OUT.html: the report's body four times, each
copy on a new page and pushed down by a quarter of a page more than the
one before, so that one print puts a page's foot at four places in it.

print.py check PAGE.html PAGE.txt: the report as Chromium printed it
(PAGE.txt: pdftotext -layout of the PDF, pages split by form feeds)
strands nothing at the foot of a page: no page ends with a heading, a
timeline's day row or a table's header row, whose content would begin on
the next page; and a timeline carried over to a new page repeats its
date under the repeated column heads. The texts to look for come from
the page itself."""
import re
import sys
from html.parser import HTMLParser


def norm(s):
    """Text as compared: white space folded, and case, which the print
    stylesheet changes in table heads."""
    return " ".join(s.split()).casefold()


class Strandable(HTMLParser):
    """The texts of headings, day rows and table header rows."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts = {}  # text -> what it is
        self.stack = []  # (what, [text]) of the open strandable elements
        # texts also written outside them ("Timeline" in the figure's
        # legend): a page may well end with those
        self.elsewhere = set()
        self.tables = []  # the classes of the open tables
        self.thead = False

    def handle_starttag(self, tag, attrs):
        cls = (dict(attrs).get("class") or "").split()
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.stack.append(("heading", tag, []))
        elif tag == "table":
            self.tables.append(cls)
        elif tag == "thead":
            self.thead = True
        elif tag == "tr" and "day" in cls:
            self.stack.append(("day row", tag, []))
        elif tag == "tr" and self.thead:
            timeline = self.tables and "timeline" in self.tables[-1]
            what = "timeline header" if timeline else "table header"
            self.stack.append((what, tag, []))

    def handle_endtag(self, tag):
        if tag == "thead":
            self.thead = False
        elif tag == "table" and self.tables:
            self.tables.pop()
        elif self.stack and self.stack[-1][1] == tag:
            what, _, parts = self.stack.pop()
            text = norm(" ".join(parts))
            if text:
                self.texts[text] = what

    def handle_data(self, data):
        for _, _, parts in self.stack:
            parts.append(data)
        if not self.stack:
            self.elsewhere.add(norm(data))


def shift(html, out):
    with open(html, encoding="utf-8") as f:
        page = f.read()
    m = re.search(r"(?s)(.*<body[^>]*>)(.*)(</body>.*)", page)
    copies = [f'<div style="break-before: page; height: {q * 60}mm"></div>'
              + m.group(2) for q in range(4)]
    with open(out, "w", encoding="utf-8") as f:
        f.write(m.group(1) + "".join(copies) + m.group(3))
    return 0


def check(html, txt):
    p = Strandable()
    with open(html, encoding="utf-8") as f:
        p.feed(f.read())
    with open(txt, encoding="utf-8") as f:
        pages = f.read().split("\f")
    bad = []
    for n, page in enumerate(pages[:-1], 1):
        lines = [norm(x) for x in page.splitlines() if x.strip()]
        # the page counter ("Page 2 of 5", "2 / 5 ページ"), in the page's
        # bottom margin, is not content
        total = len(pages) - 1
        if lines and len(lines[-1]) < 30 and str(n) in lines[-1] and \
                str(total) in lines[-1]:
            lines.pop()
        if not lines:
            continue
        # the last line, or the last two of a heading that wrapped
        # (joined with a space, or without one as Japanese is)
        ends = {lines[-1]}
        if len(lines) > 1:
            ends |= {lines[-2] + " " + lines[-1], lines[-2] + lines[-1]}
        for text in ends & (set(p.texts) - p.elsewhere):
            what = p.texts[text].replace("timeline header", "table header")
            bad.append(f"{html}: page {n} of {total} ends with a "
                       f"{what}: '{text}'")
        # a timeline carried over to this page names its day again
        if n > 1 and len(lines) > 1 and \
                p.texts.get(lines[0]) == "timeline header" and \
                p.texts.get(lines[1]) != "day row":
            bad.append(f"{html}: page {n} of {total} goes on with a "
                       f"timeline without its date: '{lines[1]}'")
    for b in bad:
        print(b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(shift(*sys.argv[2:]) if sys.argv[1] == "shift"
             else check(*sys.argv[2:]))
