"""The story brief: an overview, then the few claims a reader needs, ranked, each citing its sentences.

Nothing here is free-generated: every sentence is a template from
``resources.BRIEF_TEMPLATES`` filled with a claim's summary, outlet names and the
articles' own words, and every citation is checked against its article.

The ranking (``resources.TIERS``): disputes between independent outlets, then central
facts that rest on one origin (with the copy chain where its direction is known), then
facts established by at least two independent origins; within a tier, the more central
claim first. Everything else stays in the claim matrix and the JSON.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from typing import Any, Mapping, Sequence

from copydesk.grouping import UnionFind
from copydesk.report.deps import copy_chain, dependence_groups, group_of
from copydesk.report.resources import BRIEF_TEMPLATES as T
from copydesk.report.resources import (
    CENTRALITY_WEIGHTS, CERTAINTY_REASONS, COPIED_SCORE, COPY_VERBS, EXCERPT_CHARS, KIND_WORDS, LEAD_DECAY_SENTENCES,
    LEAD_SENTENCES, LEVELS, OVERVIEW_SUMMARY_CHARS, OVERVIEW_TEMPLATES, RESTATING, TIERS, TITLE_WORD_CHARS,
)
from copydesk.report.spans import check_citations, citation, sentence_starts

_WORD = re.compile(r"\w+")
Cited = list[tuple[dict[str, Any], Mapping[str, Any]]]


def excerpt(words: str, limit: int = EXCERPT_CHARS) -> str:
    """The mention's own words, quoted, cut at a word boundary when long."""
    words = " ".join(words.split())
    if len(words) > limit:
        words = words[:limit].rsplit(" ", 1)[0] + "…"
    return f"“{words}”"


def join_names(names: Sequence[str]) -> str:
    names = list(dict.fromkeys(names))
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def plural(n: int, one: str, many: str) -> str:
    return one if n == 1 else many


def value_key(m: Mapping[str, Any]) -> str:
    """What a mention states, comparable across outlets: its typed value, else its words."""
    v = m.get("value")
    if isinstance(v, Mapping):
        if "date" in v:
            return f"date:{v['date']}"
        norm = v.get("normalized") or {}
        return "q:" + json.dumps([norm.get("amount", v.get("amount")), norm.get("unit", v.get("unit")),
                                  v.get("low"), v.get("high"), v.get("qualifier")])
    return "t:" + " ".join(m["text"].lower().split())


def sides(claim: Mapping[str, Any]) -> list[list[int]]:
    """Mention indexes grouped by what they state, largest side first.

    Two mentions are on one side when their typed values match or when the
    verify stage found only a restating difference between them (same, rounding, unit...).
    """
    n = len(claim["mentions"])
    uf: UnionFind[int] = UnionFind(range(n))
    first: dict[str, int] = {}
    for i, m in enumerate(claim["mentions"]):
        uf.union(first.setdefault(value_key(m), i), i)
    for d in claim.get("differences", ()):
        a, b = d["mentions"]
        if d["type"] in RESTATING and a < n and b < n:
            uf.union(a, b)
    return sorted(uf.groups().values(), key=lambda s: (-len(s), s[0]))


class StoryView:
    """What ranking and wording need of one story: texts, outlets, origins, titles."""

    def __init__(self, story: Mapping[str, Any], articles: Mapping[str, Mapping[str, Any]]) -> None:
        self.story = story
        self.ids = [aid for aid in story["articles"] if aid in articles]
        self.texts = {aid: articles[aid]["text"] for aid in self.ids}
        self.source_of = {aid: articles[aid]["source"] for aid in self.ids}
        self.published = {aid: articles[aid].get("published") or "" for aid in self.ids}
        self.deps = list(story.get("dependencies", ()))
        self.groups = dependence_groups(self.ids, self.deps)
        self.group = group_of(self.groups)
        self.title_words = {w for aid in self.ids for w in _words(articles[aid].get("title") or "")}

    def origins(self, article_ids: Sequence[str]) -> set[int]:
        return {self.group.get(a, -1) for a in article_ids}

    def sentence_index(self, m: Mapping[str, Any]) -> int:
        starts = [s for s, _ in sentence_starts(self.texts[m["article"]])]
        return max(bisect_right(starts, int(m["start"])) - 1, 0)

    def in_titles(self, claim: Mapping[str, Any]) -> bool:
        """Whether the claim's summary or words share a word with the story's titles."""
        said = _words(claim["summary"]) | {w for m in claim["mentions"] for w in _words(m["text"])}
        return bool(said & self.title_words)

    def chain(self, article_ids: Sequence[str]) -> str | None:
        """"B and C rewrite A" for ``article_ids`` when the direction of copying is known."""
        found = copy_chain(sorted(set(article_ids), key=lambda a: self.published[a]), self.deps)
        if found is None:
            return None
        root, copiers, kinds = found
        one, many = COPY_VERBS["rewrite" if "rewrite" in kinds or not kinds <= set(COPY_VERBS) else "exact"]
        names = [self.source_of[a] for a in copiers]
        return f"{join_names(names)} {plural(len(set(names)), one, many)} {self.source_of[root]}"


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if len(w) >= TITLE_WORD_CHARS}


def centrality(claim: Mapping[str, Any], view: StoryView) -> float:
    """How central ``claim`` is to its story, in [0, 1]: coverage, nearness to the top, title words."""
    ms = [m for m in claim["mentions"] if m["article"] in view.texts]
    if not ms:
        return 0.0
    coverage = len({m["article"] for m in ms}) / max(len(view.ids), 1)
    lead = max(max(0.0, 1 - view.sentence_index(m) / LEAD_DECAY_SENTENCES) for m in ms)
    title = 1.0 if view.in_titles(claim) else 0.0
    w = CENTRALITY_WEIGHTS
    return round(w["coverage"] * coverage + w["lead"] * lead + w["title"] * title, 4)


def tier(claim: Mapping[str, Any], view: StoryView) -> str | None:
    """The brief tier of ``claim`` (see ``resources.TIERS``), or None when it stays out of the brief."""
    ms = [m for m in claim["mentions"] if m["article"] in view.texts]
    if not ms:
        return None
    status = claim["status"]
    if status == "disputed":
        every = claim["mentions"]
        side_origins = [view.origins([every[i]["article"] for i in side if every[i]["article"] in view.texts])
                        for side in sides(claim)]
        independent = any(len(a | b) > 1 for x, a in enumerate(side_origins) for b in side_origins[x + 1:])
        return "dispute" if independent else None
    if status == "single-source":
        if len({m["article"] for m in ms}) > 1:
            return "one-origin"
        lead = min(view.sentence_index(m) for m in ms) < LEAD_SENTENCES
        return "one-origin" if lead and view.in_titles(claim) else None
    if status == "agreed" and int(claim["independent_sources"]) >= 2:
        return "established"
    return None


def certainty(claim: Mapping[str, Any], kind: str, view: StoryView) -> tuple[str, str]:
    """(high | medium | low, why) for a brief item of ``kind``."""
    R = CERTAINTY_REASONS
    ms = claim["mentions"]
    if kind == "dispute":
        types = sorted({d["type"] for d in claim["differences"] if d["type"] not in RESTATING})
        typed = all(isinstance(ms[side[0]].get("value"), Mapping) for side in sides(claim))
        bare = any(_bare(ms[side[0]].get("value")) for side in sides(claim))
        if typed and "conflict" in types and not bare:
            return "high", R["dispute-typed"]
        if bare:
            return "low", R["dispute-bare"]
        if typed:
            return "medium", R["dispute-loose"].format(types=join_names(types) or "wording")
        return "low", R["dispute-words"]
    if kind == "one-origin":
        arts = {m["article"] for m in ms}
        if len(arts) == 1:
            return "medium", R["one-outlet"]
        links = [d for d in view.deps if set(d["articles"]) <= arts]
        if links and max(float(d["score"]) for d in links) >= COPIED_SCORE:
            return "high", R["copied"]
        evidence = next((e for d in links for e in d.get("evidence", ())), "indirect evidence")
        return "medium", R["linked"].format(evidence=evidence)
    n = int(claim["independent_sources"])
    return ("high" if n >= 3 else "medium"), R["established"].format(n=n)


def _bare(value: Any) -> bool:
    """A figure that says neither what it counts nor its unit ("2", "1333220"): maybe not one fact."""
    return (isinstance(value, Mapping) and "amount" in value and "counted" in value
            and not value.get("counted") and not value.get("unit"))


def _cites(claim: Mapping[str, Any], idx: Sequence[int], texts: Mapping[str, str],
           cited: Cited) -> list[dict[str, Any]]:
    out = []
    for i in idx:
        m = claim["mentions"][i]
        c = citation(m, texts[m["article"]])
        if c not in out:
            out.append(c)
        cited.append((c, m))
    return out


def label(summary: str, words: str) -> str:
    """The claim's summary, without the quoted opening of ``words`` that the item quotes anyway."""
    head, quote, rest = summary.partition("“")
    opening = " ".join(rest.lower().lstrip("“\"' ").split()[:3]).rstrip("…”\"'")
    if quote and head.strip(" :") and opening and opening in " ".join(words.lower().split()):
        return head.strip(" :")
    return summary


def claim_sentence(claim: Mapping[str, Any], view: StoryView, cited: Cited) -> dict[str, Any] | None:
    """One brief item for ``claim``, or None when it has no mention to cite."""
    ms = claim["mentions"]
    if not ms:
        return None
    texts, source_of = view.texts, view.source_of
    status = claim["status"]
    outlets = [source_of[m["article"]] for m in ms]
    summary = label(claim["summary"], ms[0]["text"])
    first = excerpt(ms[0]["text"])
    if status == "disputed":
        parts, cites = [], []
        for side in sides(claim):
            names = [outlets[i] for i in side]
            verb = "say" if len(set(names)) > 1 else "says"
            parts.append(T["disputed_side"].format(outlets=join_names(names), verb=verb,
                                                   value=excerpt(ms[side[0]]["text"])))
            cites += [c for c in _cites(claim, side, texts, cited) if c not in cites]
        text = T["disputed"].format(summary=summary, sides="; ".join(parts))
        types = sorted({d["type"] for d in claim["differences"] if d["type"] != "same"})
        if types:
            text += T["disputed_types"].format(types=join_names(types))
        return {"text": text, "status": status, "citations": cites, "claim": claim["id"]}
    cites = _cites(claim, range(len(ms)), texts, cited)
    origins = view.origins([m["article"] for m in ms])
    if status == "agreed":
        n = int(claim["independent_sources"]) or len(origins)
        text = T["agreed"].format(summary=summary, value=first, outlets=join_names(outlets),
                                  n_independent=n, sources="source" if n == 1 else "sources")
    elif status == "single-source" and len(set(outlets)) > 1:
        chain = view.chain([m["article"] for m in ms])
        text = (T["one-origin-chain"].format(summary=summary, value=first, chain=chain) if chain else
                T["one-origin"].format(summary=summary, value=first, outlets=join_names(outlets)))
    elif status == "single-source":
        text = T["single-source"].format(summary=summary, value=first, outlets=join_names(outlets))
    else:
        text = T["undetermined"].format(summary=summary, value=first, outlets=join_names(outlets))
    return {"text": text, "status": status, "citations": cites, "claim": claim["id"]}


def ranked(story: Mapping[str, Any], view: StoryView) -> list[tuple[str, float, tuple[str, str], Mapping[str, Any]]]:
    """(tier, centrality, certainty, claim) of every claim that belongs in the brief, in reading order.

    Within a tier: claims carried by several outlets first, then the surer, then the more central.
    """
    out = []
    for pos, c in enumerate(story["claims"]):
        t = tier(c, view)
        if t is not None:
            one_outlet = len({m["article"] for m in c["mentions"]}) == 1
            sure = certainty(c, t, view)
            central = centrality(c, view)
            key = (TIERS.index(t), one_outlet, LEVELS.index(sure[0]), -central, -int(c["independent_sources"]), pos)
            out.append((key, (t, central, sure, c)))
    out.sort(key=lambda r: r[0])
    return [row for _, row in out]


def build_brief(story: Mapping[str, Any], articles: Mapping[str, Mapping[str, Any]],
                limit: int | None = None) -> list[dict[str, Any]]:
    """The ranked brief of ``story`` (a report story dict), at most ``limit`` items.

    Raises CopydeskError(E501) when a citation is not the sentence stating its claim.
    """
    if limit is None:
        from copydesk.settings import Settings

        limit = Settings.load().brief_items
    view = StoryView(story, articles)
    cited: Cited = []
    items = []
    for kind, central, (level, why), c in ranked(story, view):
        if len(items) >= limit:
            break
        item = claim_sentence(c, view, cited)
        if item is None:
            continue
        item["text"] += T["certainty"].format(level=level, reason=why)
        item.update(rank=len(items) + 1, tier=kind, certainty=level, certainty_reason=why, centrality=central)
        items.append(item)
    check_citations(cited, view.texts)
    return items


def build_overview(story: Mapping[str, Any], articles: Mapping[str, Mapping[str, Any]],
                   brief: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The summary leading the brief: outlets, independent origins and copy chains, what is disputed."""
    O = OVERVIEW_TEMPLATES
    view = StoryView(story, articles)
    n_art, n_out, n_orig = len(view.ids), len(set(view.source_of.values())), len(view.groups)
    chains = [ch for g in view.groups if len(g) > 1 for ch in [view.chain(g)] if ch]
    rows = ranked(story, view)
    kinds = [row[0] for row in rows]
    disputed = [row[3] for row in rows if row[0] == "dispute"]
    n_one, n_est = kinds.count("one-origin"), kinds.count("established")
    text = O["counts"].format(articles=n_art, article_word=plural(n_art, "article", "articles"),
                              outlets=n_out, outlet_word=plural(n_out, "outlet", "outlets"),
                              origins=n_orig, origin_word=plural(n_orig, "origin", "origins"))
    if chains:
        text += O["chains"].format(chains="; ".join(chains))
    text += "."
    if disputed:
        text += O["disputed"].format(claims="; ".join(
            f"{excerpt(c['summary'], OVERVIEW_SUMMARY_CHARS)[1:-1]} ({KIND_WORDS.get(c['kind'], c['kind'])})"
            for c in disputed))
    else:
        text += O["no_dispute"]
    text += O["tiers"].format(one_origin=n_one, fact_word=plural(n_one, "fact", "facts"),
                              rest_verb=plural(n_one, "rests", "rest"), established=n_est,
                              est_verb=plural(n_est, "is", "are"))
    omitted = len(story["claims"]) - len(brief)
    if omitted > 0:
        text += O["omitted"].format(omitted=omitted, claim_word=plural(omitted, "claim", "claims"),
                                    are=plural(omitted, "is", "are"))
    return {"text": text, "articles": n_art, "outlets": n_out, "independent_origins": n_orig,
            "chains": chains, "disputed": [c["id"] for c in disputed], "one_origin": n_one,
            "established": n_est, "omitted": max(omitted, 0)}
