#!/usr/bin/env python3
"""contrast.py TEMPLATES: every pair of text and background colours the
HTML report and the site index use reads at WCAG 2 AA: a contrast ratio
of 4.5:1, or 3:1 for large text (24 px, or 18.7 px bold).

The colours are read from the stylesheets (report-style.xsl's "style"
template, index.xsl's "index-style" and charts.xsl's "chart-style"), not copied here: PAIRS below
names, for each place text is drawn, the rule its colour comes from and
the rule (or custom property) of what lies beneath it. A rule that sets
a text colour but is in no pair fails the test too, so that a new colour
is judged as soon as it is written."""
import re
import sys
import xml.etree.ElementTree as ET

XSL = "{http://www.w3.org/1999/XSL/Transform}"

# (text rule, background rule or --property, large): the text rule's
# 'color' (or 'fill' for SVG text) over the background rule's
# 'background' (or 'fill'). "self" is the text rule's own background.
PAIRS = [
    # the page
    ("body", ".report", False),
    ("body", "html", False),
    ("a", ".report", False),
    ("body", "code", False),
    ("blockquote", ".report", False),
    ("li.task .box", ".report", False),
    (".eyebrow", ".report", False),
    (".status-final", ".report", False),
    (".status-review", ".report", False),
    (".status-draft", ".report", False),
    (".audience", ".report", False),
    (".fact dt", ".report", False),
    (".sev", "self", False),
    (".chips li", "self", False),
    (".tag-chips li", "self", False),
    (".colophon", ".report", False),
    # at a glance
    (".glance h2", ".report", False),
    (".metric dt", ".metric", False),
    ("body", ".metric", False),
    (".count .unit", ".metric", False),
    (".metric dd.none", ".metric", False),
    (".metrics-note", ".report", False),
    (".count.done", ".metric", False),
    (".count.overdue, .count.overdue .unit", ".metric", False),
    # the figure: SVG text on the page, phase lengths on their bars
    (".course figcaption", ".report", False),
    (".course-svg text", "--paper", False),
    (".course-svg .tick-label", "--paper", False),
    (".course-svg .tick-date", "--paper", False),
    (".course-svg .ms-time", "--paper", False),
    (".course-svg .phase-len", ".phase-started", False),
    (".course-svg .phase-len", ".phase-detected", False),
    (".course-svg .phase-len-acknowledged", ".phase-acknowledged", False),
    (".course-svg .phase-len", ".phase-mitigated", False),
    (".course-svg .phase-len-resolved", ".phase-resolved", False),
    (".legend", ".report", False),
    # tables
    ("thead th", ".report", False),
    (".timeline tr.day th", "self", False),
    (".timeline .body", ".report", False),
    (".kind", "self", False),
    (".kind", ".kind.kind-started, .kind.kind-detected", False),
    (".kind", ".kind.kind-acknowledged, .kind.kind-escalated", False),
    (".kind", ".kind.kind-mitigated", False),
    (".kind", ".kind.kind-resolved", False),
    (".kind", ".kind.kind-update", False),
    ("tr.ev-started td.t, tr.ev-detected td.t", ".report", False),
    ("tr.ev-acknowledged td.t, tr.ev-escalated td.t", ".report", False),
    ("tr.ev-mitigated td.t", ".report", False),
    (".details", ".report", False),
    (".cards td[data-label]::before", ".report", False),
    # five whys
    (".why::before", "self", False),
    ("body", ".why .answer", False),
    ("body", ".why:last-child .answer", False),
    (".why-tag, .because-tag", ".why .answer", False),
    # follow-ups
    (".state-done", ".report", False),
    (".state-open", ".report", False),
    (".state-overdue", "self", False),
    ("body", "tr.act-overdue td", False),
    ("tr.act-overdue td.due", "tr.act-overdue td", False),
    (".state-done", "tr.act-overdue td", False),
    ("tr.act-done td.what", ".report", False),
    # internal blocks
    ("body", ".internal", False),
    (".internal-tag", ".internal", False),
    ("body", ".internal-span", False),
    # the site index
    (".chart figcaption", ".chart", False),
    (".chart-svg text", ".chart", False),
    (".chart-svg .tick-label", ".chart", False),
    (".chart-svg .overdue-text", ".chart", False),
    (".no-data", ".chart", False),
    (".incident-table td.what .doc-id", ".report", False),
    (".incident-table th[aria-sort]", ".report", False),
]
# The severities' backgrounds are pm_severity_color's, written by pmc
# into each page: check_derive judges white on each of them.

HEX = re.compile(r"#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")


def css_of(path, template):
    """The CSS text of a named template of an XSLT file."""
    root = ET.parse(path).getroot()
    for t in root.iter(XSL + "template"):
        if t.get("name") == template:
            return "".join(x.text or "" for x in t.iter(XSL + "text"))
    sys.exit(f"{path}: no template '{template}'")


def rules(css, media=""):
    """(media, selector list, declarations) of each rule, in order."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    out, i = [], 0
    while True:
        j = css.find("{", i)
        if j < 0:
            return out
        head = css[i:j].strip()
        depth, k = 1, j + 1
        while depth:
            depth += {"{": 1, "}": -1}.get(css[k], 0)
            k += 1
        body = css[j + 1:k - 1]
        if head.startswith("@media"):
            out += rules(body, head)
        else:
            sels = [" ".join(s.split()) for s in head.split(",")]
            decls = {}
            for d in body.split(";"):
                if ":" in d:
                    p, v = d.split(":", 1)
                    decls[p.strip()] = " ".join(v.split())
            out.append((media, sels, decls))
        i = k


class Sheet:
    def __init__(self, rs):
        self.rules = [r for r in rs if "print" not in r[0]]
        self.vars = {}
        for _, sels, decls in self.rules:
            if ":root" in sels:
                self.vars.update({p: v for p, v in decls.items()
                                  if p.startswith("--")})

    def colour(self, value):
        m = re.search(r"var\((--[\w-]+)\)", value)
        if m:
            return self.colour(self.vars[m.group(1)])
        m = HEX.search(value)
        if not m:
            raise ValueError(f"no colour in '{value}'")
        h = m.group(1)
        return h if len(h) == 6 else "".join(c * 2 for c in h)

    def get(self, sel, props):
        """The last of props set by a rule whose selectors include every
        one of sel's (a list, as written in the rule)."""
        want = [" ".join(s.split()) for s in sel.split(",")]
        found = None
        for _, sels, decls in self.rules:
            if all(w in sels for w in want):
                for p in props:
                    if p in decls and decls[p] not in ("inherit", "currentColor"):
                        found = decls[p]
        if found is None:
            raise KeyError(f"no rule '{sel}' sets {' or '.join(props)}")
        return self.colour(found)


def luminance(h):
    def lin(c):
        c = int(c, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (lin(h[i:i + 2]) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a, b):
    x, y = sorted((luminance(a), luminance(b)), reverse=True)
    return (x + 0.05) / (y + 0.05)


def main():
    top = sys.argv[1]
    sheet = Sheet(rules(css_of(f"{top}/report-style.xsl", "style")) +
                  rules(css_of(f"{top}/index.xsl", "index-style")) +
                  rules(css_of(f"{top}/charts.xsl", "chart-style")))
    bad, text_rules = [], set()
    for fg, bg, large in PAIRS:
        text_rules.add(fg)
        try:
            f = sheet.get(fg, ("fill",) if "svg" in fg else ("color",))
            if bg.startswith("--"):
                b = sheet.colour(f"var({bg})")
            else:
                b = sheet.get(fg if bg == "self" else bg,
                              ("background", "background-color", "fill"))
        except (KeyError, ValueError) as e:
            bad.append(f"{fg} on {bg}: {e}")
            continue
        r, need = ratio(f, b), 3.0 if large else 4.5
        print(f"{r:5.2f}  #{f} on #{b}  {fg}  on  {bg}")
        if r < need:
            bad.append(f"{fg} on {bg}: #{f} on #{b} is {r:.2f}:1, "
                       f"under {need}:1")
    # every rule that colours text is judged above
    for _, sels, decls in sheet.rules:
        c = decls.get("color")
        if c and c not in ("inherit", "currentColor") and \
                ", ".join(sels) not in text_rules and \
                not any(s in text_rules for s in sels):
            bad.append(f"'{', '.join(sels)}' sets a text colour that no "
                       f"pair in contrast.py judges")
    for b in bad:
        print("FAIL: " + b)
    print(f"html/contrast: {len(PAIRS)} pairs, {len(bad)} failed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
