#!/usr/bin/env python3
"""figure.py FILE[=TICKS]...: the timeline figure of each HTML report is
readable: 3 to 9 labelled ticks on its axis, in time order, no two
milestone labels on one row close enough to overlap, every phase and mark
inside the drawing. With =TICKS, the tick labels must be exactly those
(comma-separated), e.g. the 5-minute steps of a 20-minute incident."""
import sys
from html.parser import HTMLParser

GAP = 100  # SVG units: two labels on one row closer than this touch


class Figure(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.width = None
        self.texts = []  # (class, x, y, text)
        self.marks = []  # (tag, class, x, width)
        self.cur = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "svg" and "course-svg" in a.get("class", ""):
            self.width = float(a["viewbox"].split()[2])
        if tag == "text":
            self.cur = [a.get("class", ""), float(a["x"]), float(a["y"]), ""]
        if tag in ("rect", "circle") and "lane" not in a.get("class", ""):
            x = float(a.get("x", a.get("cx", 0)))
            self.marks.append((tag, a.get("class", ""), x,
                               float(a.get("width", 0))))

    def handle_data(self, data):
        if self.cur is not None:
            self.cur[3] += data

    def handle_endtag(self, tag):
        if tag == "text" and self.cur is not None:
            self.texts.append(tuple(self.cur))
            self.cur = None


def check(name, want):
    f = Figure()
    with open(name, encoding="utf-8") as fh:
        f.feed(fh.read())
    if f.width is None:
        return [f"{name}: no timeline figure"]
    bad = []
    ticks = [t for t in f.texts if t[0] == "tick-label"]
    if not 3 <= len(ticks) <= 9:
        bad.append(f"{name}: {len(ticks)} axis ticks (3 to 9 read well)")
    xs = [t[1] for t in ticks]
    if xs != sorted(xs):
        bad.append(f"{name}: axis ticks out of order")
    if want is not None and [t[3] for t in ticks] != want:
        bad.append(f"{name}: ticks {[t[3] for t in ticks]}, want {want}")
    names = [t for t in f.texts if t[0] == "ms-name"]
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            if a[2] == b[2] and abs(a[1] - b[1]) < GAP:
                bad.append(f"{name}: milestone labels '{a[3]}' and "
                           f"'{b[3]}' overlap")
    for tag, cls, x, w in f.marks:
        if x < 0 or x + w > f.width:
            bad.append(f"{name}: {tag} {cls} outside the figure")
    return bad


def main():
    bad = []
    for arg in sys.argv[1:]:
        name, _, want = arg.partition("=")
        bad += check(name, want.split(",") if want else None)
    for b in bad:
        print(b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
