"""The quote board: who said what, every outlet carrying it, and how the words drift.

Quote mentions are clustered by speaker and wording; the earliest outlet's words
are the reference and every other outlet's words get a word-level diff.
"""

from __future__ import annotations

import difflib
import re
from typing import Any, Mapping, Sequence

from rapidfuzz import fuzz

from copydesk.models import Article, Mention, Quote

_WORD = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")
_EDGE = re.compile(r"^\W+|\W+$")
SAME_QUOTE = 70.0  # partial-ratio floor for two wordings of one quote
#: Other outlets' wordings a quote lists with their diffs; every outlet's mention stays listed, and
#: ``variants_total`` counts the wordings when there are more (a wire quote carried by a thousand outlets).
MAX_VARIANTS = 50


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def _norm(text: str) -> str:
    return " ".join(w.lower() for w in words(text) if w.isalnum() or "'" in w or "’" in w)


def _key(word: str) -> str:
    """A word compared without case or surrounding punctuation ("took," == "took")."""
    return _EDGE.sub("", word.lower()).replace("’", "'")


def word_diff(a: str, b: str) -> list[list[str]]:
    """[[op, words]] turning ``a`` into ``b``; op is equal | delete | insert."""
    wa, wb = a.split(), b.split()
    out: list[list[str]] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=[_key(w) for w in wa],
                                                       b=[_key(w) for w in wb], autojunk=False).get_opcodes():
        if tag == "equal":
            out.append(["equal", " ".join(wb[j1:j2])])
            continue
        if i2 > i1:
            out.append(["delete", " ".join(wa[i1:i2])])
        if j2 > j1:
            out.append(["insert", " ".join(wb[j1:j2])])
    return out


def variant_type(reference: str, other: str) -> str:
    """verbatim | truncated | drift, as the verify stage names quote differences."""
    ra, rb = _norm(reference), _norm(other)
    if ra == rb:
        return "verbatim"
    if rb and rb in ra:
        return "truncated"
    return "drift"


def _content(m: Mention, text: str) -> tuple[int, int]:
    q = m.value
    if isinstance(q, Quote) and q.content_span is not None:
        return q.content_span.start, q.content_span.end
    return m.start, m.end


def build_quotes(article_ids: Sequence[str], articles: Mapping[str, Article],
                 mentions: Mapping[str, Sequence[Mention]]) -> list[dict[str, Any]]:
    """Quote board entries, each {speaker, text, articles, mentions, variants}, earliest outlet first.

    Each mention after the first is one other wording, ``variants[k]`` that of ``mentions[k + 1]``; at most
    ``MAX_VARIANTS`` are listed, and ``variants_total`` then counts them all.
    """
    order = sorted((a for a in article_ids if a in articles),
                   key=lambda a: (articles[a].published or "9999", articles[a].source))
    clusters: list[dict[str, Any]] = []
    for aid in order:
        art = articles[aid]
        for m in mentions.get(aid, ()):
            if m.kind != "quote" or not isinstance(m.value, Quote):
                continue
            s, e = _content(m, art.text)
            said = art.text[s:e].strip()
            if len(words(said)) < 3:
                continue
            speaker = m.value.speaker
            target = None
            for c in clusters:
                if speaker and c["speaker"] and speaker.lower() != c["speaker"].lower():
                    continue
                if fuzz.partial_ratio(_norm(said), _norm(c["text"])) >= SAME_QUOTE:
                    target = c
                    break
            md = {"article": aid, "start": s, "end": e, "text": art.text[s:e], "speaker": speaker, "value": None}
            if target is None:
                clusters.append({"speaker": speaker, "text": art.text[s:e], "articles": [aid],
                                 "mentions": [md], "variants": []})
                continue
            target["speaker"] = target["speaker"] or speaker
            target["mentions"].append(md)
            if aid not in target["articles"]:
                target["articles"].append(aid)
            if len(target["variants"]) < MAX_VARIANTS:  # typed and diffed only where listed
                target["variants"].append({"article": aid, "source": art.source, "text": md["text"],
                                           "type": variant_type(target["text"], md["text"]),
                                           "diff": word_diff(target["text"], md["text"])})
    for c in clusters:
        if len(c["mentions"]) - 1 > len(c["variants"]):
            c["variants_total"] = len(c["mentions"]) - 1
    clusters.sort(key=lambda c: (-len(c["articles"]), c["speaker"] or "~"))
    return clusters
