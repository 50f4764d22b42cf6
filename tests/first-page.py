#!/usr/bin/env python3
"""first-page.py XML HTML PDFTEXT LABELS: the first page of the HTML and
the PDF report says what a manager asks, and both say the same: the
title, the impact line, the severity, the four times (a dash where one is
missing, in the language's words) and follow-up counts that add up.

XML is `pmc -t xml` of the source, HTML its `-t html`, PDFTEXT the text
of the PDF's first page (pdftotext -f 1 -l 1), LABELS the language's
labels file. Exits 1 with a line per difference."""
import html.parser
import re
import sys
import xml.etree.ElementTree as ET

NS = "{urn:x-pmc:postmortem:1}"
DURATIONS = ("time-to-detect", "time-to-acknowledge", "time-to-mitigate",
             "time-to-resolve")


class Text(html.parser.HTMLParser):
    """The text of the HTML page's masthead and glance, and the value of
    each metric tile by its label."""

    def __init__(self):
        super().__init__()
        self.stack = []
        self.text = []
        self.tiles = []  # [label, value] in order
        self.where = None

    def handle_starttag(self, tag, attrs):
        cls = dict(attrs).get("class") or ""
        self.stack.append(tag)
        if tag == "div" and "metric" in cls.split():
            self.tiles.append(["", ""])
        if self.tiles and tag in ("dt", "dd"):
            self.where = tag

    def handle_endtag(self, tag):
        if self.stack:
            self.stack.pop()
        if tag in ("dt", "dd"):
            self.where = None

    def handle_data(self, data):
        if "style" in self.stack or "script" in self.stack:
            return
        self.text.append(data)
        if self.where and self.tiles:
            self.tiles[-1][0 if self.where == "dt" else 1] += data


def fold(s):
    return " ".join(s.replace("\u00a0", " ").split())


def main():
    xml_path, html_path, pdf_path, labels_path = sys.argv[1:5]
    root = ET.parse(xml_path).getroot()
    labels = {e.get("key"): e.text or ""
              for e in ET.parse(labels_path).getroot().iter()
              if e.get("key")}
    page = Text()
    page.feed(open(html_path, encoding="utf-8").read())
    html_text = fold(" ".join(page.text))
    pdf_text = fold(open(pdf_path, encoding="utf-8").read())
    # pdftotext breaks a tile's label over lines and may join words the
    # layout set apart: compare without spaces too
    pdf_tight = pdf_text.replace(" ", "")
    bad = []

    def need(what, s):
        s = fold(s)
        if s not in html_text:
            bad.append(f"HTML first page lacks {what}: {s!r}")
        if s.replace(" ", "") not in pdf_tight:
            bad.append(f"PDF first page lacks {what}: {s!r}")

    need("the title", "".join(root.find(NS + "title").itertext()))
    need("the severity", root.find(NS + "severity").text or "")
    if root.find(NS + "impact") is not None or any(
            s.get("key") == "impact" and s.find(NS + "p") is not None
            for s in root.findall(NS + "section")):
        need("the impact label", labels["section.impact"])
    metrics = root.find(NS + "metrics")
    tiles = {fold(k): fold(v) for k, v in page.tiles}
    for d in DURATIONS:
        label = fold(labels["metric." + d])
        need("the label " + d, label)
        if label not in tiles:
            bad.append(f"HTML: no tile {label!r}")
            continue
        has = metrics.find(NS + d) is not None
        if not has and tiles[label] != "\u2013":
            bad.append(f"HTML: {label} is {tiles[label]!r} with no "
                       "milestone to measure")
        if has and tiles[label] in ("", "\u2013", "0 s"):
            bad.append(f"HTML: {label} is {tiles[label]!r}")
        if tiles[label].replace(" ", "") not in pdf_tight:
            bad.append(f"PDF: no {label} value {tiles[label]!r} "
                       "as in the HTML")
    # open + done = all, overdue a part of open
    fu = metrics.find(NS + "follow-ups")
    opened, done, overdue = (int(fu.get(k)) for k in
                             ("open", "done", "overdue"))
    if overdue > opened:
        bad.append(f"{overdue} overdue of {opened} open")
    need("the open count", f"{opened} {labels['action.open']}")
    need("the done count", f"{done} {labels['action.done']}")
    need("the total", f"{opened + done} {labels['action.total']}")
    for line in bad:
        print("FAIL:", line)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
