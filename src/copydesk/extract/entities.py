"""Named entities by rules and lexicons: capitalized-span chunking, title cues, org suffixes.

No pretrained model: candidates are runs of capitalized tokens (one compiled regex),
typed by lexicons in ``resources.entities`` and merged within the article so that
"President Joe Biden", "Biden" and "the president" share one canonical name.
"""

from __future__ import annotations

from datetime import date
from typing import Sequence

from copydesk.extract.resources.entities import (
    ACRONYM, CANDIDATE, CITIES, COUNTRIES, EVENT_WORDS, HYPHEN_MODEL, NORP, ORG_WORDS, PERSON_TITLES,
    PLACE_WORDS, POSSESSIVE, PRODUCTS, ROLE_REFS, STOP_CAPS, US_STATES,
)
from copydesk.errors import Code, CopydeskError
from copydesk.models import Entity, Mention, Span


def _classify(tokens: list[str], titled: bool) -> str | None:
    """The entity type of a title-free candidate, or None when it looks like no name."""
    phrase = " ".join(tokens)
    if phrase in PRODUCTS or (len(tokens) == 1 and HYPHEN_MODEL.match(phrase)):
        return "PRODUCT"
    if phrase in NORP or (len(tokens) == 2 and tokens[1] in NORP and tokens[0] in ("North", "South")):
        return "NORP"
    if phrase in COUNTRIES or phrase in CITIES or phrase in US_STATES:
        return "GPE"
    if len(tokens) > 1 and tokens[-1] in PLACE_WORDS and not titled:
        return "GPE"
    if titled:
        return "PERSON"
    if any(t in ORG_WORDS or t.rstrip(".") in ORG_WORDS for t in tokens):
        return "ORG"
    if any(t in EVENT_WORDS for t in tokens):
        return "EVENT"
    if len(tokens) == 1:
        return "ORG" if ACRONYM.match(phrase) else None
    if tokens[0] in NORP and len(tokens) == 2:
        return "NORP"
    if 2 <= len(tokens) <= 4 and all(t[0].isupper() for t in tokens):
        return "PERSON"
    return "ORG"


def _candidates(text: str) -> list[tuple[int, int, str, bool]]:
    """(start, end, type, has_title) for each capitalized span, titles and leading stopwords cut."""
    out: list[tuple[int, int, str, bool]] = []
    for m in CANDIDATE.finditer(text):
        start, end = m.start(), m.end()
        span = m.group()
        tokens = span.split()
        # Cut leading stop words ("The", "But") and trailing connectors.
        while tokens and (tokens[0] in STOP_CAPS or tokens[0].lower() in ("of", "for", "and", "the", "on")):
            start += len(tokens[0]) + 1
            tokens.pop(0)
        while tokens and tokens[-1].lower() in ("of", "for", "and", "the", "on", "de", "al"):
            tokens.pop()
        at_start = start == 0 or text[max(0, start - 2):start].strip() in ("", ".", "!", "?", "\"", "“")
        if (at_start and len(tokens) > 2 and tokens[1] in ("of", "for")
                and tokens[0] not in ORG_WORDS and tokens[0] not in EVENT_WORDS and tokens[0] not in PERSON_TITLES):
            start += len(tokens[0]) + len(tokens[1]) + 2
            tokens = tokens[2:]
            if tokens and tokens[0] == "the":
                start += 4
                tokens.pop(0)
        titled = False
        while tokens and tokens[0] in PERSON_TITLES and len(tokens) > 1:
            titled = True
            start += len(tokens[0]) + 1
            tokens.pop(0)
        if not tokens or (tokens[0] in PERSON_TITLES and len(tokens) == 1):
            continue
        end = start + len(" ".join(tokens))
        last = tokens[-1]
        poss = POSSESSIVE.search(last)
        if poss and len(last) > 2:
            tokens[-1] = last[:poss.start()]
            end -= len(poss.group())
        elif last.endswith(".") and not ACRONYM.match(last) and len(last) > 3:
            tokens[-1] = last[:-1]
            end -= 1
        if text[start:end] != " ".join(tokens):  # a line break or double space inside: keep exact
            end = start + len(text[start:end])
        kind = _classify(tokens, titled)
        if kind is None and len(tokens) == 1:
            kind = "?"  # a lone capitalized word: typed later if it repeats a known name
        if kind:
            out.append((start, end, kind, titled))
    return out


def find(text: str, *, sentences: Sequence[Span] = (), published: date | None = None,
         entities: Sequence[Mention] = ()) -> list[Mention]:
    """Entity mentions of ``text`` with one canonical name per entity within the article."""
    if not isinstance(text, str):
        raise CopydeskError(Code.E201, detail=f"entities.find needs a str, got {type(text).__name__}")
    cands = _candidates(text)
    people: dict[str, str] = {}  # surname or full name -> canonical full name
    titled_people: dict[str, set[str]] = {}  # lower-cased title -> canonical, for "the president"
    merged: list[tuple[int, int, str, bool]] = []
    for c in cands:  # "Commission" + " on " + "Presidential Debates" -> one ORG
        if merged and text[merged[-1][1]:c[0]] in (" on ", " for ") and merged[-1][2] in ("ORG", "EVENT"):
            prev = merged.pop()
            c = (prev[0], c[1], prev[2], False)
        merged.append(c)
    out: list[Mention] = []
    for start, end, kind, titled in merged:
        surface = text[start:end]
        name = " ".join(surface.split())
        if kind == "?":
            canon = people.get(name)
            if canon is None:
                continue
            kind = "PERSON"
        elif kind == "PERSON":
            canon = people.get(name) or name
            parts = name.split()
            if len(parts) >= 2:
                people.setdefault(parts[-1], canon)
                people.setdefault(name, canon)
            if titled:
                title = text[max(0, start - 30):start].split()[-1:] or [""]
                titled_people.setdefault(title[0].lower().rstrip("."), set()).add(canon)
        else:
            canon = name
        out.append(Mention("entity", start, end, Entity(kind, canon)))
    # "the president": resolved only where exactly one person carried that title.
    for m in ROLE_REFS.finditer(text):
        role = m.group(1).lower()
        hits = set(titled_people.get(role, ()))
        if len(hits) == 1:
            out.append(Mention("entity", m.start(), m.end(), Entity("PERSON", hits.pop())))
    out.sort(key=lambda m: m.start)
    return out
