"""HTML fragments (a JSON ``html`` field, a feed entry's content) to plain paragraphs."""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from copydesk.ingest.normalize import normalize

#: Elements whose text is never article text.
DROP_TAGS = ("script", "style", "noscript", "iframe", "figure", "figcaption", "nav", "aside",
             "form", "button", "svg", "template", "footer", "header")
#: Elements that end a paragraph.
BLOCK_TAGS = frozenset({"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
                        "section", "article", "main", "tr", "table", "pre", "dd", "dt", "dl", "hr",
                        "address", "center", "body"})

_PARA, _BREAK = "\u2029", "\u2028"
_SPACES = re.compile(r"[ \t\n\r\f\v]+")
_AROUND = re.compile(r" ?([\u2028\u2029]) ?")


def html_to_text(html: str) -> str:
    """Paragraph text of an HTML fragment: blocks become blank-line breaks, ``<br>`` a line break."""
    if "<" not in html and "&" not in html:
        return normalize(html)
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return ""
    for bad in root.xpath("|".join(f"//{t}" for t in DROP_TAGS)):
        bad.drop_tree()
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag == "br":
            el.tail = _BREAK + (el.tail or "")
        elif el.tag in BLOCK_TAGS:
            el.text = _PARA + (el.text or "")
            el.tail = _PARA + (el.tail or "")
    text = _SPACES.sub(" ", root.text_content())
    text = _AROUND.sub(r"\1", text)
    text = text.replace(_BREAK, "\n").replace(_PARA, "\n\n")
    return normalize(text.strip())
