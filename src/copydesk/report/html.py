"""A single self-contained HTML file of a report: inline CSS and JS, SVG pictures, no network."""

from __future__ import annotations

from typing import Any, Callable, Mapping

import jinja2
from jinja2 import pass_context
from markupsafe import Markup

from copydesk.report.graph import graph_svg
from copydesk.report.highlight import anchor_id, highlight
from copydesk.report.spans import sentence_span
from copydesk.report.timeline import timeline_svg


#: Mentions of a disputed claim, wordings of a quote and outlets dating an event drawn at most;
#: a story of thousands of articles lists the rest in its JSON, not on the page.
SHOWN_ITEMS = 12


@pass_context
def _source_name(ctx: Any, article_id: str) -> str:
    return ctx.get("sources", {}).get(article_id, article_id)


def environment(*extra: jinja2.BaseLoader) -> jinja2.Environment:
    """The Jinja2 environment of the report templates (the web app adds its own loader)."""
    env = jinja2.Environment(loader=jinja2.ChoiceLoader([*extra, jinja2.PackageLoader("copydesk.report", "templates")]),
                             autoescape=jinja2.select_autoescape(["html", "xml"], default=True),
                             trim_blocks=True, lstrip_blocks=True)
    env.filters["source_name"] = _source_name
    env.globals.update(graph_svg=lambda *a, **k: Markup(graph_svg(*a, **k)),
                       timeline_svg=lambda *a, **k: Markup(timeline_svg(*a, **k)),
                       highlight=highlight, anchor_id=anchor_id)
    return env


def context(report: Mapping[str, Any], href: Callable[[str, int], str]) -> dict[str, Any]:
    """Template variables shared by the HTML report and the web pages.

    ``cite_start`` finds a mention's sentence only for the mentions a page draws (finding it
    reads the article's parse), once each.
    """
    arts = {a["id"]: a for a in report["articles"]}
    texts = {aid: a["text"] for aid, a in arts.items()}
    starts: dict[tuple[str, int, int], int] = {}

    def cite_start(m: Mapping[str, Any]) -> int:
        key = (m["article"], int(m["start"]), int(m["end"]))
        if key not in starts:
            text = texts.get(m["article"])
            starts[key] = sentence_span(text, key[1], key[2])[0] if text is not None else key[1]
        return starts[key]

    return {"report": report, "articles": arts, "sources": {aid: a["source"] for aid, a in arts.items()},
            "href": href, "cite_start": cite_start, "shown_items": SHOWN_ITEMS}


def cited_sentences(report: Mapping[str, Any], cite_start: Callable[[Mapping[str, Any]], int]) -> dict[str, set[int]]:
    """Article id -> starts of the sentences the report cites (the brief's citations, every claim's
    mentions): the standalone report marks them in the article texts."""
    cited: dict[str, set[int]] = {}
    for st in report["stories"]:
        for b in st.get("brief", ()):
            for c in b["citations"]:
                cited.setdefault(c["article"], set()).add(c["start"])
        for c in st["claims"]:
            for m in c["mentions"]:
                cited.setdefault(m["article"], set()).add(cite_start(m))
    return cited


def to_html(report: Mapping[str, Any]) -> str:
    """The report as one HTML page; citations jump to highlighted sentences on the same page."""
    env = environment()
    ctx = context(report, lambda a, s: f"#{anchor_id(a, s)}")
    ctx["cited"] = cited_sentences(report, ctx["cite_start"])
    return env.get_template("report.html").render(**ctx)
