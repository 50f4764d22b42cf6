#!/usr/bin/env python3
"""inert.py FILE...: fails when an HTML report could run anything or fetch
anything: a script or other active element, an event handler attribute, a
URL with a scheme other than http, https or mailto, a style attribute, or
a <style> that holds more than the template's own CSS.

The page is read with Python's HTML tokenizer, which splits tags and
attributes the way a browser's tokenizer does, so text that merely looks
like markup ("&lt;script&gt;" shown as text) is not counted."""
import re
import sys
from html.parser import HTMLParser

ACTIVE = {"script", "iframe", "frame", "object", "embed", "applet", "base",
          "form", "input", "button", "link", "img", "video", "audio",
          "source", "foreignobject", "use", "animate", "set", "image",
          "meta-refresh", "noscript", "template", "portal"}
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data",
             "poster", "background", "cite"}
SAFE_URL = re.compile(r"^(https?:|mailto:|[^:]*$|[^:]*[/?#])", re.I)


class Check(HTMLParser):
    def __init__(self, name):
        super().__init__(convert_charrefs=True)
        self.name = name
        self.problems = []
        self.in_style = False
        self.styles = []

    def bad(self, what):
        line, col = self.getpos()
        self.problems.append(f"{self.name}:{line}:{col}: {what}")

    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        if tag in ACTIVE:
            self.bad(f"active element <{tag}>")
        if tag == "meta" and any(k.lower() == "http-equiv" and
                                 (v or "").lower() == "refresh"
                                 for k, v in attrs):
            self.bad("meta refresh")
        for k, v in attrs:
            k = k.lower()
            v = v or ""
            if k.startswith("on"):
                self.bad(f"event handler {k}= on <{tag}>")
            if k == "style":
                self.bad(f"style attribute on <{tag}>")
            if k in URL_ATTRS:
                # browsers drop tabs and line breaks and trim spaces
                u = re.sub(r"[\t\n\r]", "", v).strip()
                if not SAFE_URL.match(u):
                    self.bad(f"unsafe URL {k}={v!r} on <{tag}>")
        self.in_style = tag == "style"

    def handle_endtag(self, tag):
        self.in_style = False

    def handle_data(self, data):
        if self.in_style:
            self.styles.append(data)


def main():
    problems = []
    styles = {}
    for name in sys.argv[1:]:
        with open(name, encoding="utf-8") as f:
            text = f.read()
        c = Check(name)
        c.feed(text)
        c.close()
        problems += c.problems
        css = "".join(c.styles)
        # the style sheet is the template's: the same for every page of a
        # language, whatever the source said
        if re.search(r"</|<!|alert\(|expression\(|url\(|@import", css, re.I):
            problems.append(f"{name}: <style> holds more than CSS")
        styles.setdefault(re.sub(r'@page \{.*', "", css, flags=re.S),
                          []).append(name)
    if len(styles) > 1:
        problems.append("pages differ in their CSS: " +
                        "; ".join(", ".join(v) for v in styles.values()))
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
