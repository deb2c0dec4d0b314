"""The story brief: template sentences over claims, each citing the sentences it rests on.

Nothing here is free-generated: every sentence is a template from
``resources.BRIEF_TEMPLATES`` filled with a claim's summary, outlet names and the
articles' own words, and every citation is checked against its article.
"""

from __future__ import annotations

import json
from typing import Any, Mapping, Sequence

from copydesk.report.deps import dependence_groups, group_of
from copydesk.report.resources import BRIEF_TEMPLATES as T
from copydesk.report.resources import EXCERPT_CHARS, RESTATING, STATUS_ORDER
from copydesk.report.spans import check_citations, citation


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
    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[str, int] = {}
    for i, m in enumerate(claim["mentions"]):
        k = value_key(m)
        if k in first:
            parent[find(i)] = find(first[k])
        else:
            first[k] = i
    for d in claim.get("differences", ()):
        a, b = d["mentions"]
        if d["type"] in RESTATING and a < n and b < n:
            parent[find(a)] = find(b)
    by: dict[int, list[int]] = {}
    for i in range(n):
        by.setdefault(find(i), []).append(i)
    return sorted(by.values(), key=lambda s: (-len(s), s[0]))


def _cites(claim: Mapping[str, Any], idx: Sequence[int], texts: Mapping[str, str],
           needles: list[tuple[dict[str, Any], str]]) -> list[dict[str, Any]]:
    out = []
    for i in idx:
        m = claim["mentions"][i]
        c = citation(m, texts[m["article"]])
        if c not in out:
            out.append(c)
        needles.append((c, m["text"]))
    return out


def claim_sentence(claim: Mapping[str, Any], source_of: Mapping[str, str], texts: Mapping[str, str],
                   groups: Mapping[str, int], needles: list[tuple[dict[str, Any], str]]) -> dict[str, Any] | None:
    """One brief item for ``claim``, or None when it has no mention to cite."""
    ms = claim["mentions"]
    if not ms:
        return None
    status = claim["status"]
    outlets = [source_of[m["article"]] for m in ms]
    summary = claim["summary"]
    first = excerpt(ms[0]["text"])
    if status == "disputed":
        parts, cites = [], []
        for side in sides(claim):
            names = [outlets[i] for i in side]
            verb = "say" if len(set(names)) > 1 else "says"
            parts.append(T["disputed_side"].format(outlets=join_names(names), verb=verb,
                                                   value=excerpt(ms[side[0]]["text"])))
            cites += [c for c in _cites(claim, side, texts, needles) if c not in cites]
        text = T["disputed"].format(summary=summary, sides="; ".join(parts))
        types = sorted({d["type"] for d in claim["differences"] if d["type"] != "same"})
        if types:
            text += T["disputed_types"].format(types=join_names(types))
        return {"text": text, "status": status, "citations": cites, "claim": claim["id"]}
    cites = _cites(claim, range(len(ms)), texts, needles)
    origins = {groups.get(m["article"], -1) for m in ms}
    if status == "agreed":
        n = int(claim["independent_sources"]) or len(origins)
        text = T["agreed"].format(summary=summary, value=first, outlets=join_names(outlets),
                                  n_independent=n, sources="source" if n == 1 else "sources")
    elif status == "single-source" and len(set(outlets)) > 1:
        text = T["one-origin"].format(summary=summary, value=first, outlets=join_names(outlets))
    elif status == "single-source":
        text = T["single-source"].format(summary=summary, value=first, outlets=join_names(outlets))
    else:
        text = T["undetermined"].format(summary=summary, value=first, outlets=join_names(outlets))
    return {"text": text, "status": status, "citations": cites, "claim": claim["id"]}


def build_brief(story: Mapping[str, Any], articles: Mapping[str, Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The brief of ``story`` (a report story dict): established, disputed, one-source, undetermined.

    Raises CopydeskError(E501) when a citation does not hold its claim's words.
    """
    texts = {aid: articles[aid]["text"] for aid in story["articles"] if aid in articles}
    source_of = {aid: articles[aid]["source"] for aid in texts}
    groups = group_of(dependence_groups(list(texts), story.get("dependencies", ())))
    needles: list[tuple[dict[str, Any], str]] = []
    items = []
    claims = sorted(story["claims"], key=lambda c: (STATUS_ORDER.get(c["status"], 9),
                                                   -c["independent_sources"], -len(c["mentions"])))
    for c in claims:
        item = claim_sentence(c, source_of, texts, groups, needles)
        if item is not None:
            items.append(item)
    check_citations(needles, texts)
    return items
