"""The ``copydesk.report/1`` JSON document: built from an Analysis, validated by schema."""

from __future__ import annotations

import json as _json
import re
from functools import lru_cache
from importlib import resources
from typing import Any, Mapping, Sequence

from copydesk.align.frames import to_json as frame_json
from copydesk.errors import Code, CopydeskError
from copydesk.grouping import UnionFind
from copydesk.models import Article, Claim, CopyLink, Dependence, Mention, Quantity, Time
from copydesk.pipeline import Analysis, StoryAnalysis
from copydesk.report.resources import DEPENDENT_SCORE
from copydesk.settings import Settings

SCHEMA_ID = "copydesk.report/1"
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
#: Dependence edges a story lists beyond those joining its groups (which are always listed):
#: a story of thousands of articles scores tens of thousands of pairs; ``dependence_summary``
#: counts them and names each group's origins.
MAX_DEPENDENCIES = 1000


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The JSON Schema of the report, shipped with the package."""
    return _json.loads(resources.files("copydesk.report").joinpath("report.schema.json").read_text("utf-8"))


def validate(report: Mapping[str, Any]) -> None:
    """Raise E502 when ``report`` does not match the schema."""
    import jsonschema

    errors = sorted(jsonschema.Draft202012Validator(schema()).iter_errors(report), key=lambda e: list(e.path))
    if errors:
        e = errors[0]
        raise CopydeskError(Code.E502, detail=f"{'/'.join(map(str, e.path))}: {e.message}")


def timex_date(timex: str) -> str | None:
    """The calendar part of a TIMEX3 value as YYYY[-MM[-DD]], or None."""
    m = _DATE.match(timex or "")
    if not m:
        return None
    return "-".join(p for p in m.groups() if p)


def mention_value(m: Mention) -> dict[str, Any] | None:
    v = m.value
    if isinstance(v, Quantity):
        norm = None
        if v.normalized_unit is not None or v.normalized_amount is not None:
            norm = {"amount": v.normalized_amount, "unit": v.normalized_unit}
        return {"amount": v.amount, "low": v.low, "high": v.high, "unit": v.unit,
                "qualifier": v.qualifier, "normalized": norm, "counted": v.counted}
    if isinstance(v, Time):
        d = timex_date(v.timex)
        return {"date": d, "qualifier": v.mod} if d else None
    return None


def mention_speaker(m: Mention) -> str | None:
    return getattr(m.value, "speaker", None)


def mention_dict(m: Mention, article: Article) -> dict[str, Any]:
    """A MENTION of the contract; its text is always the article's own slice."""
    return {"article": m.article_id, "start": m.start, "end": m.end,
            "text": article.text[m.start:m.end], "speaker": mention_speaker(m),
            "value": mention_value(m)}


def claim_dict(c: Claim, by_id: Mapping[str, Article]) -> dict[str, Any]:
    """A CLAIM of the contract; each mention carries the frame alignment read, where it read one."""
    mentions = [mention_dict(m, by_id[m.article_id]) for m in c.mentions]
    if len(c.frames) == len(c.mentions):
        for d, m, f in zip(mentions, c.mentions, c.frames):
            d["frame"] = frame_json(f, by_id[m.article_id].text)
    return {"id": c.id, "kind": c.kind, "summary": c.key, "status": c.status,
            "independent_sources": c.independent_sources, "believed": c.value, "confidence": c.confidence,
            "near_miss": c.near_miss, "mentions": mentions,
            "differences": [{"mentions": [d.a, d.b], "type": d.type, "note": d.note} for d in c.differences]}


def copy_origins(copies: Mapping[frozenset[str], CopyLink],
                 by_id: Mapping[str, Article]) -> dict[frozenset[str], str]:
    """For each copied pair whose dates tell, the article the other copies (the earlier published).

    Two copies of one origin get no direction: the later need not copy the earlier.
    """
    out: dict[frozenset[str], str] = {}
    for pair, link in copies.items():
        first, later = by_id[link.a].published, by_id[link.b].published
        if len(pair) == 2 and first and later and first < later:
            out[pair] = link.a
    copies_of: dict[str, set[str]] = {}  # copier -> the articles it copies
    for pair, origin in out.items():
        for a in pair:
            if a != origin:
                copies_of.setdefault(a, set()).add(origin)
    none: set[str] = set()
    return {pair: o for pair, o in out.items()
            if not set.intersection(*(copies_of.get(a, none) for a in pair))}


def dependency_dict(d: Dependence, copies: Mapping[frozenset[str], CopyLink],
                    origins: Mapping[frozenset[str], str]) -> dict[str, Any]:
    """A dependence edge; ``origin`` names the article the other copies, where the dates tell."""
    out: dict[str, Any] = {"articles": [d.a, d.b], "score": round(float(d.score), 4), "evidence": list(d.evidence)}
    pair = frozenset((d.a, d.b))
    link = copies.get(pair)
    if link is not None:
        out["copy"] = link.kind
        if pair in origins:
            out["origin"] = origins[pair]
    return out


def listed_dependences(deps: Sequence[Dependence], origins: Mapping[frozenset[str], str],
                       cap: int = MAX_DEPENDENCIES, threshold: float = DEPENDENT_SCORE) -> list[Dependence]:
    """The edges a report lists: all of them up to ``cap``; beyond, the edges that join each
    dependence group (directed copies first, then the strongest), then the strongest others
    up to ``cap``. Groups read off the listed edges are the story's groups either way."""
    if len(deps) <= cap:
        return list(deps)
    order = sorted(range(len(deps)), key=lambda i: (frozenset((deps[i].a, deps[i].b)) not in origins,
                                                    -deps[i].score, deps[i].a, deps[i].b))
    uf: UnionFind[str] = UnionFind()
    joining, rest = [], []
    for i in order:
        d = deps[i]
        if d.score >= threshold and uf.union(d.a, d.b):
            joining.append(i)
            continue
        rest.append(i)
    keep = set(joining) | set(rest[:max(0, cap - len(joining))])
    return [deps[i] for i in sorted(keep)]


def dependence_summary(sa: StoryAnalysis, listed: int, origins: Mapping[frozenset[str], str],
                       by_id: Mapping[str, Article]) -> dict[str, Any]:
    """Dependence per group rather than per pair: how many pairs were scored and listed, and for
    each group of two or more its articles, its earliest article and its origins (the articles
    others in it copy that copy none of them, earliest first, where dates tell)."""
    copiers = {a for pair, o in origins.items() for a in pair if a != o}
    copied = set(origins.values())

    def published(a: str) -> tuple[str, str]:
        return (by_id[a].published or "9999", a) if a in by_id else ("9999", a)

    groups = []
    for g in sa.groups:
        if len(g) < 2:
            continue
        roots = sorted((a for a in g if a in copied and a not in copiers), key=published)
        groups.append({"articles": list(g), "first": min(g, key=published), "origins": roots})
    return {"pairs": len(sa.dependences), "listed": listed, "groups": groups}


def story_dict(sa: StoryAnalysis, by_id: Mapping[str, Article],
               mentions: Mapping[str, Sequence[Mention]] | None = None,
               copies: Sequence[CopyLink] = (), brief_items: int | None = None) -> dict[str, Any]:
    """A STORY of the contract with its overview, brief, quotes, timeline and matrix filled in."""
    from copydesk.align.entities import EntityIndex
    from copydesk.report.brief import build_brief, build_overview
    from copydesk.report.matrix import build_matrix
    from copydesk.report.quotes import build_quotes
    from copydesk.report.timeline import build_timeline

    st = sa.story
    members = {aid: by_id[aid] for aid in st.article_ids if aid in by_id}
    ments = {aid: tuple((mentions or {}).get(aid, ())) for aid in members}
    links = {frozenset((c.a, c.b)): c for c in copies if c.a in members and c.b in members}
    origins = copy_origins(links, by_id)
    listed = listed_dependences(sa.dependences, origins)
    d = {
        "id": st.id, "title": st.title, "storyline": st.storyline_id,
        "articles": list(st.article_ids),
        "claims": [claim_dict(c, by_id) for c in sa.claims],
        "quotes": build_quotes(list(members), members, ments),
        "timeline": build_timeline(sa.claims, members, ments),
        "dependencies": [dependency_dict(dep, links, origins) for dep in listed],
        "dependence_groups": [list(g) for g in sa.groups if len(g) > 1],
        "dependence_summary": dependence_summary(sa, len(listed), origins, by_id),
        "entities": (sa.entities if sa.entities is not None  # the index the pipeline built for this story
                     else EntityIndex.build(members, ments, story_id=st.id)).to_json(),
        "brief": [],
    }
    arts = {aid: article_dict(a) for aid, a in members.items()}
    d["brief"] = build_brief(d, arts, brief_items)
    d["overview"] = build_overview(d, arts, d["brief"])
    d["matrix"] = build_matrix(d, arts)
    return d


def article_dict(a: Article, mentions: Sequence[Mention] | None = None) -> dict[str, Any]:
    """An ARTICLE of the contract; with ``mentions``, its typed spans for highlighting."""
    d: dict[str, Any] = {"id": a.id, "given_id": a.given_id, "source": a.source, "url": a.url, "title": a.title,
                         "published": a.published, "language": a.language, "text": a.text}
    if mentions is not None:
        d["mentions"] = [{"kind": m.kind, "start": m.start, "end": m.end, "text": a.text[m.start:m.end]}
                         for m in mentions]
    return d


def build(analysis: Analysis, settings: Settings | None = None) -> dict[str, Any]:
    """The report document for ``analysis``."""
    by_id = analysis.by_id
    limit = (settings or Settings.load()).brief_items
    return {
        "schema": SCHEMA_ID,
        "articles": [article_dict(a, analysis.mentions.get(a.id, ())) for a in analysis.articles],
        "stories": [story_dict(sa, by_id, analysis.mentions, analysis.copies, limit) for sa in analysis.stories],
        "rejected": [{"input": r.input, "code": r.code, "message": r.message} for r in analysis.rejections],
    }
