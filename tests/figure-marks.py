#!/usr/bin/env python3
"""figure-marks.py XML HTML PDF: the incident figure of each format shows
every event of the document's timelines: as many event marks in the HTML
figure (circles of class ev-mark) and as many marks in the PDF figure
(filled circles: the marks and the legend's one dot) as the XML form has
timeline events with a time. The PDF's content streams are inflated
here; a circle is drawn as a move and four Bezier curves."""
import re
import sys
import xml.etree.ElementTree as ET
import zlib

NS = "{urn:x-pmc:postmortem:1}"


def events(path):
    root = ET.parse(path).getroot()
    return sum(1 for tl in root.iter(NS + "timeline")
               for e in tl.findall(NS + "event") if e.get("at"))


def html_marks(path):
    with open(path, encoding="utf-8") as f:
        return len(re.findall(r'<circle[^>]*class="ev-mark', f.read()))


def pdf_circles(path):
    data = open(path, "rb").read()
    n = 0
    for m in re.finditer(rb"/FlateDecode.*?stream\r?\n", data, re.S):
        try:
            text = zlib.decompressobj().decompress(data[m.end():])
        except zlib.error:
            continue
        n += len(re.findall(rb"m\n(?:[-\d. ]+c\n){4}f\n", text))
    return n


def main():
    xml, html, pdf = sys.argv[1:4]
    want = events(xml)
    bad = []
    if html_marks(html) != want:
        bad.append(f"{html}: {html_marks(html)} event marks, {want} events")
    got = pdf_circles(pdf) - (1 if want else 0)
    if got != want:
        bad.append(f"{pdf}: {got} event marks, {want} events")
    for b in bad:
        print(b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
