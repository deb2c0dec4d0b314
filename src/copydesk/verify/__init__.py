"""Verification: typed differences, dependence, independent counts, truth discovery."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Mapping, Sequence

from copydesk.errors import Code, CopydeskError
from copydesk.models import Article, Claim, CopyLink, Dependence, Difference, Entity, Mention, Story, Time
from copydesk.text import sentences
from copydesk.verify.dependence import dependences, groups as dependence_groups, independent_count, linked_pairs
from copydesk.verify.differences import (
    DISAGREEING, UNSETTLED, EntityLookup, claim_differences, later, stated_values,
)
from copydesk.verify.truth import TruthDiscovery

try:
    from copydesk.align.entities import EntityIndex
except ImportError:  # a build without the entity index: speakers compare by name
    EntityIndex = None  # type: ignore[assignment,misc]

__all__ = ["Verification", "verify"]

GENERIC_KEYS = frozenset({"figure", "date", "statement", "count"})


@dataclass(frozen=True)
class Verification:
    claims: tuple[Claim, ...] = ()
    dependences: tuple[Dependence, ...] = ()
    groups: tuple[tuple[str, ...], ...] = field(default=())  # mutually dependent articles
    single_origin: Mapping[str, str] = field(default_factory=dict)  # claim id -> why one origin
    trust: Mapping[str, float] = field(default_factory=dict)  # article id -> learned accuracy


def _times_by_sentence(articles: Mapping[str, Article],
                       mentions: Mapping[str, Sequence[Mention]]) -> dict[str, str | None]:
    """For each non-time mention, the timex of a date in the same sentence (the figure's 'as of')."""
    out: dict[str, str | None] = {}
    for aid, ms in mentions.items():
        if aid not in articles:
            continue
        spans = sentences(articles[aid].text)
        times = [m for m in ms if m.kind == "time" and isinstance(m.value, Time) and m.value.type == "DATE"]
        for m in ms:
            if m.kind == "time":
                continue
            for s in spans:
                if s.start <= m.start < s.end:
                    t = next((t.value.timex for t in times if s.start <= t.start < s.end
                              and isinstance(t.value, Time)), None)
                    out[(m if m.article_id else replace(m, article_id=aid)).id] = t
                    break
    return out


def _value_classes(n: int, diffs: Sequence[Difference]) -> list[list[int]]:
    """Mentions partitioned so that no two in one class disagree."""
    bad = {(d.a, d.b) for d in diffs if d.type in DISAGREEING} | {(d.b, d.a) for d in diffs if d.type in DISAGREEING}
    classes: list[list[int]] = []
    for i in range(n):
        for c in classes:
            if all((i, j) not in bad for j in c):
                c.append(i)
                break
        else:
            classes.append([i])
    return classes


RARE_MIN_ARTICLES = 4  # below this, a detail two articles share is not rare


def shared_details(claims: Sequence[Claim], classes: Mapping[str, list[list[int]]],
                   n_articles: int) -> dict[tuple[str, str], list[str]]:
    """Rare details per article pair: claims (or one value of a claim) that only those two articles state.

    Two retellings of one upstream report carry its particulars; independent reporting rarely
    picks the same ones out of a story that many articles cover.
    """
    out: dict[tuple[str, str], list[str]] = {}
    if n_articles < RARE_MIN_ARTICLES:
        return out
    for c in claims:
        sets = [{m.article_id for m in c.mentions}]
        sets += [{c.mentions[i].article_id for i in cls} for cls in classes.get(c.id, [])]
        pairs = {tuple(sorted(s)) for s in sets if len(s) == 2}
        for a, b in pairs:
            out.setdefault((a, b), []).append(c.key)
    return out


class LazyEntities:
    """The story's entity index, built on the first speaker it is asked to resolve (most stories ask none),
    and the types the extractor gave each article's names."""

    def __init__(self, story: Story, articles: Mapping[str, Article],
                 mentions: Mapping[str, Sequence[Mention]], index: EntityLookup | None = None) -> None:
        self._args = (story, articles, mentions)
        self._index: EntityLookup | None = index  # a prebuilt index (``pipeline.run`` builds one per story)
        self._built = index is not None
        self._types: dict[str, dict[str, set[str]]] | None = None

    def person(self, article_id: str, name: str | None) -> bool | None:
        """Whether ``name`` is a person's as the article types it (by the whole name, else its last word)."""
        if self._types is None:
            self._types = {}
            for aid, ms in self._args[2].items():
                for m in ms:
                    if isinstance(m.value, Entity):
                        canon = m.value.canonical.lower()
                        for key in {canon, canon.split()[-1] if canon.split() else canon}:
                            self._types.setdefault(aid, {}).setdefault(key, set()).add(m.value.type)
        words = (name or "").lower().split()
        table = self._types.get(article_id, {})
        found = table.get(" ".join(words)) or (table.get(words[-1]) if words else None)
        if not found:
            return None
        return "PERSON" in found

    def resolve(self, article_id: str, name: str | None) -> str | None:
        if not self._built:
            self._index, self._built = entity_index(*self._args), True
        return self._index.resolve(article_id, name) if self._index is not None else None


def entity_index(story: Story, articles: Mapping[str, Article],
                 mentions: Mapping[str, Sequence[Mention]]) -> EntityLookup | None:
    """The story's entity clusters across outlets, where the build has them (None otherwise)."""
    if EntityIndex is None or not articles:
        return None
    return EntityIndex.build(articles, mentions, story_id=story.id)


def latest_mention(c: Claim, articles: Mapping[str, Article], diffs: Sequence[Difference]) -> Mention | None:
    """For a claim that a later report updates, the mention of the latest report (None when none updates)."""
    best: Mention | None = None
    for d in diffs:
        if d.type != "update":
            continue
        for i in (d.a, d.b):
            m = c.mentions[i]
            if best is None or later((articles[best.article_id].published, articles[m.article_id].published)) > 0:
                best = m
    return best


def verify(story: Story, articles: Mapping[str, Article], mentions: Mapping[str, Sequence[Mention]],
           claims: Sequence[Claim], copies: Sequence[CopyLink] = (),
           families: Mapping[str, str] | None = None, entities: EntityLookup | None = None) -> Verification:
    """Differences, dependence groups, independent counts, believed values and status per claim.

    ``entities`` is the story's entity index when the caller has built it (else built here where available).
    """
    try:
        return _verify(story, articles, mentions, claims, copies, families, entities)
    except (KeyError, ValueError, ZeroDivisionError) as e:
        raise CopydeskError(Code.E401, detail=f"story {story.id}: {type(e).__name__}: {e}") from e


def _verify(story: Story, articles: Mapping[str, Article], mentions: Mapping[str, Sequence[Mention]],
            claims: Sequence[Claim], copies: Sequence[CopyLink],
            families: Mapping[str, str] | None, entities: EntityLookup | None) -> Verification:
    times = _times_by_sentence(articles, mentions)
    if entities is None:
        entities = LazyEntities(story, articles, mentions)
    stated = stated_values({aid: ms for aid, ms in mentions.items() if aid in articles})
    diffs = {c.id: claim_differences(c, articles, times, entities, stated) for c in claims}
    classes = {c.id: _value_classes(min(len(c.mentions), 12), diffs[c.id]) for c in claims}
    n_story = len([a for a in story.article_ids if a in articles]) or len(articles)
    details = shared_details(claims, classes, n_story)
    deps = dependences(articles, copies, families, shared_details=details)
    obs = []
    for c in claims:
        for k, cls in enumerate(classes[c.id]):
            for i in cls:
                obs.append((c.id, c.mentions[i].article_id, k))
    td = TruthDiscovery(iterations=10)
    td.fit(obs, dependence={(d.a, d.b): d.score for d in deps})
    shared_errors: dict[tuple[str, str], list[str]] = {}
    for c in claims:
        if len(classes[c.id]) < 2:
            continue
        best = td.truth_.get(c.id)
        for k, cls in enumerate(classes[c.id]):
            if k == best:
                continue
            for a, b in linked_pairs([c.mentions[i].article_id for i in cls]):
                shared_errors.setdefault((a, b), []).append(c.key)
    if shared_errors:
        deps = dependences(articles, copies, families, shared_errors, shared_details=details)
    grps = dependence_groups(articles.keys(), deps)
    out: list[Claim] = []
    single: dict[str, str] = {}
    for c in claims:
        claim_articles = {m.article_id for m in c.mentions}
        n_ind = independent_count(claim_articles, grps)
        d = list(diffs[c.id])
        disagree = any(x.type in DISAGREEING for x in d)
        if len(claim_articles) <= 1 and c.near_miss is not None:
            status = "undetermined"  # another outlet may state it in other words: not asserted as one source's
        elif len(claim_articles) <= 1:
            status = "single-source"
        elif disagree:
            status = "disputed"
        elif n_ind <= 1:
            status = "single-source"
            why = "all outlets behind this claim trace to one origin: " + ", ".join(sorted(claim_articles))
            single[c.id] = why
            d = [replace(x, note=(x.note + "; " if x.note else "") + "same origin (dependent copies)") for x in d]
        elif c.key in GENERIC_KEYS or (c.kind == "date" and any(x.type == "time" for x in d)):
            status = "undetermined"
        elif any(x.type in UNSETTLED for x in d):
            # a figure that changed between reports, a reading too uncertain, or mentions that state two
            # things: no one value is agreed, and none is disputed
            status = "undetermined"
        else:
            status = "agreed"
        value, conf = None, None
        if c.id in td.truth_ and len(classes[c.id]) >= 1:
            k = td.truth_[c.id]
            m = latest_mention(c, articles, d) or c.mentions[classes[c.id][k][0]]
            value = articles[m.article_id].text[m.start:m.end]
            conf = round(td.confidence_[c.id], 4)
        out.append(replace(c, differences=tuple(d), status=status, independent_sources=n_ind,  # type: ignore[arg-type]
                           value=value, confidence=conf))
    return Verification(claims=tuple(out), dependences=tuple(deps), groups=tuple(grps),
                        single_origin=single, trust={str(k): v for k, v in td.trust_.items()})
