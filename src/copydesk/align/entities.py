"""Entities across the articles of a story: one cluster per real-world entity.

Within an article the extractor has already merged "President Joe Biden", "Biden" and
"the president" under one canonical name (``extract.entities``); each such article entity
is linked here to the same entity in the story's other articles by name compatibility:

- case, punctuation, a leading "the" and titles ("Mr.", "President", "Gov.") never matter;
- a full name links to a full name with the same surname and the same given name (or its
  usual short form, ``entity_resources.NICKNAMES``); two different given names never link
  ("Joe Biden" and "Hunter Biden" stay apart);
- a surname alone ("Biden", "Mr. Biden") or an initial joins the one full name of the story it
  fits; where several fit, only the article's own evidence decides (that full name appears in
  the same article, or it carries the same title or role there), else it stays apart;
- countries by their ISO code through the gazetteer ("the U.S.", "US", "United States");
- an acronym links to the one full name whose initials it is ("NATO", "U.N.");
- people link only to people, nationalities only to nationalities; a name of two or more words
  spelt the same is one entity whatever type the recognizer gave it, and a one-word name typed a
  place is the person of its own article whose surname it is ("Jackson");
- a longer name around the full name of one person the story names more than once is that person
  (a headline's "Sixers Hire Maurice Cheeks");
- "the Academy" is its article's one "Academy of ..."; a generational suffix tells father from son.

A capital or a seat of government is its own entity; ``stands_for`` gives the state it stands
for ("Moscow", "the Kremlin" -> Russia) so that alignment may compare agents by it.

Descriptions ("the spokesman", "the Pentagon spokesman") become mentions of a person only
where the same article names the holder: an appositive name, or the one person it introduced
with that role noun ("spokesman John Kirby"). Anything else ("officials", "a source") is no
entity. Cluster ids are stable: the content id of the story id and the cluster's name.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable, Mapping, Sequence

from copydesk.align.entity_resources import (
    ACRONYM_SKIP, COUNTRY_CODES, NAME_ABBREVIATIONS, NAME_SUFFIXES, NICKNAMES, ROLE_NOUNS, SEATS_OF_GOVERNMENT,
    SURNAME_PARTICLES, TITLE_ROLES, TITLES,
)
from copydesk.errors import Code, CopydeskError
from copydesk.extract.gazetteer import capital_of, is_country
from copydesk.extract.resources.entities import ACRONYM, ORG_WORDS
from copydesk.grouping import UnionFind
from copydesk.models import Article, Entity, Mention, Quote, content_id
from copydesk.text import lemma, parse

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

PERSON = "PERSON"
_PUNCT = re.compile(r"[^\w\s&-]")
_INITIAL_DOT = re.compile(r"\b([A-Za-z])\.(?=\s*[A-Za-z])")
_POSSESSIVE = re.compile(r"(?:'s|'|’s|’)$")
_INDEFINITE = frozenset({"a", "an", "one", "another", "some", "several", "two", "three"})
_DEFINITE = frozenset({"the", "this", "that"})
#: Dependents that belong in front of a role noun's phrase ("the Pentagon's chief spokesman").
_ROLE_PREMODIFIERS = frozenset({"det", "amod", "compound", "nmod:poss", "det:poss"})


def normalize(name: str) -> str:
    """A name as compared: lower case, no punctuation, no leading "the" or trailing possessive."""
    words = _PUNCT.sub("", _POSSESSIVE.sub("", name.strip()).lower()).split()
    while words and words[0] == "the":
        words = words[1:]
    return " ".join(NAME_ABBREVIATIONS.get(w, w) for w in words)


def is_description(name: str | None) -> bool:
    """Whether a speaker or argument is described rather than named ("the spokesman", "the Pentagon
    spokesman", "officials", "a senior official", "the letter"): it names no entity unless the article says
    who (``EntityIndex.resolve``), so two such strings never make a dispute by their words."""
    words = (name or "").split()
    if not words:
        return True
    head = _PUNCT.sub("", words[-1])
    if not head:
        return True
    low = head.lower()
    if head.islower() or low in ROLE_NOUNS or lemma(low) in ROLE_NOUNS or words[0].lower() in _INDEFINITE:
        return True
    return len([w for w in words if w.lower() not in _DEFINITE]) == 1 and _plural_noun(low)


def _plural_noun(word: str) -> bool:
    """Whether a word is the plural of an English common noun ("witnesses", "investigators"): a group."""
    from lemminflect import getAllLemmas

    nouns = getAllLemmas(word).get("NOUN", ())
    return bool(nouns) and word not in nouns


@dataclass(frozen=True)
class PersonName:
    """A person's name read for comparison: given name (short forms unified), middle initials, surname."""

    first: str
    middles: tuple[str, ...]
    last: str
    suffix: str = ""  # "jr", "iii": Robert F. Kennedy Jr. is not Robert F. Kennedy

    @property
    def full(self) -> bool:
        """Whether a given name is spelt out (not only a surname or an initial)."""
        return len(self.first) > 1

    def fits(self, other: "PersonName") -> bool:
        """Whether the two can name one person: same surname, given names equal or one an initial of the other."""
        if self.last != other.last:
            return False
        if not self.first or not other.first:
            return True
        if self.full and other.full:
            return self.first == other.first
        return self.first[0] == other.first[0]


def person_name(name: str) -> PersonName | None:
    """The parts of a person's name without titles and suffixes ("Gov. J.B. Pritzker Jr." -> j, (b,), pritzker)."""
    words = normalize(_INITIAL_DOT.sub(r"\1 ", name)).split()
    while len(words) > 1 and words[0] in TITLES:
        words = words[1:]
    suffix = ""
    while len(words) > 1 and words[-1] in NAME_SUFFIXES:
        suffix, words = words[-1], words[:-1]
    if not words or words[-1] in TITLES:
        return None
    last = words[-1]
    for particle in SURNAME_PARTICLES:
        if last.startswith(particle) and len(last) > len(particle) + 1:
            last = last[len(particle):]
    if len(words) == 1:
        return PersonName("", (), last, suffix)
    first = NICKNAMES.get(words[0], words[0])
    return PersonName(first, tuple(w[0] for w in words[1:-1]), last, suffix)


def country_code(name: str) -> str | None:
    """The ISO 3166 alpha-3 code of a country name in any form the gazetteer knows ("the U.S." -> "USA")."""
    key = normalize(name)
    if key in COUNTRY_CODES:
        return COUNTRY_CODES[key]
    bare = name.strip()
    if bare.lower().startswith("the "):
        bare = bare[4:]
    if not is_country(bare):
        return None
    import pycountry

    try:
        return str(pycountry.countries.lookup(bare).alpha_3)
    except LookupError:
        return None


def acronym_of(name: str) -> str | None:
    """The letters of an acronym ("U.N." -> "UN", "NATO" -> "NATO"), or None when ``name`` is none."""
    bare = name.strip()
    if not ACRONYM.match(bare):
        return None
    letters = bare.replace(".", "")
    return letters[:-1] if letters.endswith("s") else letters


def initials(name: str) -> str | None:
    """The initials of a name of two or more content words ("North Atlantic Treaty Organization" -> "NATO")."""
    words = [w for w in normalize(name).replace("-", " ").split() if w not in ACRONYM_SKIP]
    return "".join(w[0] for w in words).upper() if len(words) >= 2 else None


@dataclass(frozen=True)
class EntityCluster:
    """One real-world entity of a story: its id, display name, type and every mention of it."""

    id: str
    name: str
    type: str
    mentions: tuple[tuple[str, int, int], ...]  # (article_id, start, end)

    @property
    def articles(self) -> tuple[str, ...]:
        """The articles that mention it, sorted."""
        return tuple(sorted({a for a, _, _ in self.mentions}))


@dataclass
class _Local:
    """One entity as one article names it: the extractor's canonical name and its mentions there."""

    article: str
    canonical: str
    person: bool
    types: Counter[str] = field(default_factory=Counter)
    spans: list[tuple[int, int]] = field(default_factory=list)
    roles: dict[str, set[str]] = field(default_factory=dict)  # role noun -> the words said with it
    role_offsets: dict[str, int] = field(default_factory=dict)

    @property
    def type(self) -> str:
        return min(self.types.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def _locals_of(aid: str, text: str, mentions: Sequence[Mention]) -> list[_Local]:
    """The article's entities: its entity mentions grouped by canonical name (people apart from the rest)."""
    by_key: dict[tuple[str, bool], _Local] = {}
    for m in sorted(mentions, key=lambda m: (m.start, m.end)):
        if m.kind != "entity" or not isinstance(m.value, Entity) or not (0 <= m.start < m.end <= len(text)):
            continue
        ent = m.value
        person = ent.type == PERSON
        key = (ent.canonical, person)
        loc = by_key.get(key)
        if loc is None:
            loc = by_key[key] = _Local(aid, ent.canonical, person)
        loc.types[ent.type] += 1
        loc.spans.append((m.start, m.end))
    return list(by_key.values())


def _is_role(tok: "Token") -> str | None:
    """The role noun of a title or role word ("spokesmen" -> "spokesman", "Gov." -> "governor")."""
    low = tok.lower_.rstrip(".")
    lem = tok.lemma_.lower()
    if lem in ROLE_NOUNS:
        return lem
    if low in TITLE_ROLES:
        return TITLE_ROLES[low]
    if low in ROLE_NOUNS or low in TITLES:
        return low
    return None


def _role_words(toks: Iterable["Token"], role_tok: "Token") -> set[str]:
    """The words said with a role noun, lower case ("Pentagon spokesman" -> {"pentagon"})."""
    return {t.lower_.rstrip(".") for t in toks if t.i != role_tok.i and not t.is_punct and t.dep_ != "det"
            and t.lower_ not in ("'s", "’s")}


def _roles_of(doc: "Doc", start: int, end: int) -> dict[str, set[str]]:
    """Role nouns the article gives a named person at one mention (titles in front, appositives), each with
    the words said with it ("Ukrainian President Volodymyr Zelensky" -> president: {"ukrainian"})."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return {}
    roles: dict[str, set[str]] = {}
    i = span.start - 1
    while i >= 0 and span.start - i <= 4 and doc[i].pos_ in ("NOUN", "PROPN", "ADJ") and not doc[i].is_punct:
        i -= 1
    front = list(doc[i + 1:span.start])
    for tok in front:
        role = _is_role(tok)
        if role:
            roles.setdefault(role, set()).update(_role_words(front, tok))
    root = span.root
    nouns = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        nouns.append(root.head)
    for noun in nouns:
        role = _is_role(noun)
        if role:
            mods = [c for c in noun.children if c.i < noun.i and c.dep_ in _ROLE_PREMODIFIERS]
            roles.setdefault(role, set()).update(_role_words([t for c in mods for t in c.subtree], noun))
    return roles


def _descriptions(doc: "Doc", taken: Sequence[tuple[int, int]]
                  ) -> Iterable[tuple[int, int, str, frozenset[str], int | None]]:
    """Singular definite role phrases ("the spokesman") outside any entity mention: (start, end, role, the
    words said with it, offset of an appositive name or None)."""
    starts = [s for s, _ in taken]

    def inside(offset: int) -> tuple[int, int] | None:
        k = bisect_left(starts, offset + 1) - 1
        while k >= 0:
            s, e = taken[k]
            if s <= offset < e:
                return taken[k]
            if e <= offset and offset - s > 200:
                break
            k -= 1
        return None

    for tok in doc:
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in ROLE_NOUNS or "Plur" in tok.morph.get("Number"):
            continue
        if tok.dep_ == "compound" or inside(tok.idx) is not None:
            continue
        pre = [c for c in tok.children if c.i < tok.i and c.dep_ in _ROLE_PREMODIFIERS]
        dets = [c for c in pre if c.dep_ == "det"]
        if any(d.lower_ in _INDEFINITE for d in dets):
            continue
        if not (any(d.lower_ in _DEFINITE for d in dets) or any(c.dep_ in ("nmod:poss", "det:poss", "compound")
                                                               and c.pos_ == "PROPN" for c in pre)):
            continue
        lo = min([c.left_edge.i for c in pre] + [tok.i])
        named = None
        for c in tok.children:
            if c.dep_ == "appos" and inside(c.idx) is not None:
                named = c.idx
        if tok.dep_ == "appos" and inside(tok.head.idx) is not None:
            named = tok.head.idx
        words = frozenset(_role_words(doc[lo:tok.i], tok))
        yield doc[lo].idx, tok.idx + len(tok), tok.lemma_.lower(), words, named


class EntityIndex:
    """The entity clusters of a story and the lookups the alignment uses: by span, by name, by sentence."""

    def __init__(self, story_id: str, clusters: list[EntityCluster],
                 names: Mapping[str, Mapping[str, frozenset[str]]],
                 people: Mapping[str, Sequence[tuple[PersonName, str]]],
                 roles: Mapping[str, Mapping[str, Mapping[str, frozenset[str]]]]) -> None:
        self.story_id = story_id
        self.clusters = clusters
        self._by_id = {c.id: c for c in clusters}
        self._names = names  # article -> normalized name -> cluster ids
        self._people = people  # article -> (person name, cluster id)
        by_last: dict[str, list[tuple[PersonName, str]]] = defaultdict(list)
        for table in people.values():
            for person in table:
                by_last[person[0].last].append(person)
        self._people_by_last = dict(by_last)  # surname -> the story's people of it (a name fits only its surname)
        self._roles = roles  # article -> role lemma -> holder cluster id -> the words said with the role
        story_names: dict[str, set[str]] = defaultdict(set)
        for table in names.values():
            for n, cids in table.items():
                story_names[n].update(cids)
        self._story_names = {n: frozenset(c) for n, c in story_names.items()}
        spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for c in clusters:
            for aid, s, e in c.mentions:
                spans[aid].append((s, e, c.id))
        self._spans = {aid: sorted(v) for aid, v in spans.items()}
        self._starts = {aid: [s for s, _, _ in v] for aid, v in self._spans.items()}
        self._longest = {aid: max(e - s for s, e, _ in v) for aid, v in self._spans.items()}
        self._states: dict[str, str] = {}  # alpha-3 code -> the cluster of that country
        for c in clusters:
            if c.type != PERSON:
                code = country_code(c.name)
                if code and c.type != "NORP":
                    self._states.setdefault(code, c.id)

    @classmethod
    def build(cls, articles: Mapping[str, Article], mentions: Mapping[str, Sequence[Mention]],
              story_id: str | None = None) -> "EntityIndex":
        """Cluster the entity mentions of ``articles`` (one story) across articles.

        ``story_id`` seeds the cluster ids; without it the ids derive from the sorted article ids.
        The result does not depend on the order of ``articles``.
        """
        aids = sorted(articles)
        sid = story_id if story_id is not None else content_id("entities", *aids)
        locs: list[_Local] = []
        docs: dict[str, "Doc"] = {}
        for aid in aids:
            text = articles[aid].text
            found = _locals_of(aid, text, mentions.get(aid, ()))
            if not found:
                continue  # no entity to give a role or a description to: no parse needed
            doc = docs[aid] = parse(text)
            for loc in found:
                if loc.person:
                    for s, e in loc.spans:
                        for role, words in _roles_of(doc, s, e).items():
                            loc.roles.setdefault(role, set()).update(words)
                            loc.role_offsets.setdefault(role, s)
            locs.extend(found)
        uf: UnionFind[int] = UnionFind(range(len(locs)))
        _link(locs, uf)
        # Descriptions: a role phrase joins the one entity of its own article that holds that role.
        extra: dict[int, list[tuple[int, int]]] = defaultdict(list)
        by_article: dict[str, list[int]] = defaultdict(list)
        for i, loc in enumerate(locs):
            by_article[loc.article].append(i)
        for aid, idx in by_article.items():
            doc = docs.get(aid)
            if doc is None:
                continue
            taken = sorted(sp for i in idx for sp in locs[i].spans)
            owner = {sp: i for i in idx for sp in locs[i].spans}
            for start, end, role, words, named in _descriptions(doc, taken):
                holder: int | None = None
                if named is not None:
                    holder = next((owner[sp] for sp in taken
                                   if sp[0] <= named < sp[1] and locs[owner[sp]].person), None)
                else:
                    # the holder introduced earlier with this role and every word said with it here
                    # ("the Ukrainian president" is not President Biden)
                    roots = {uf.find(i) for i in idx if locs[i].person and locs[i].role_offsets.get(role, end) < start
                             and words <= locs[i].roles.get(role, set())}
                    if len(roots) == 1:
                        holder = next(i for i in idx if uf.find(i) in roots and role in locs[i].roles)
                if holder is not None:
                    extra[holder].append((start, end))
        return cls._assemble(sid, locs, uf, extra, articles)

    @classmethod
    def _assemble(cls, sid: str, locs: list[_Local], uf: UnionFind[int], extra: Mapping[int, list[tuple[int, int]]],
                  articles: Mapping[str, Article]) -> "EntityIndex":
        groups: dict[int, list[int]] = defaultdict(list)
        for i in range(len(locs)):
            groups[uf.find(i)].append(i)
        drafts = []
        for members in groups.values():
            counts: Counter[str] = Counter()
            types: Counter[str] = Counter()
            spans: set[tuple[str, int, int]] = set()
            for i in members:
                loc = locs[i]
                counts[loc.canonical] += len(loc.spans)
                types.update(loc.types)
                spans.update((loc.article, s, e) for s, e in loc.spans)
                spans.update((loc.article, s, e) for s, e in extra.get(i, ()))
            kind = min(types.items(), key=lambda kv: (-kv[1], kv[0]))[0]

            def rank(name: str) -> tuple[int, int, int, str]:
                parts = person_name(name) if kind == PERSON else None
                return (-int(bool(parts and parts.full)), -counts[name], -len(name.split()), name)
            drafts.append((min(counts, key=rank), kind, tuple(sorted(spans))))
        drafts.sort(key=lambda d: (d[0], d[1], d[2][0]))
        used: set[str] = set()
        clusters = []
        for name, kind, spans in drafts:
            cid = content_id(sid, name)
            if cid in used:  # two entities shown by one name ("Biden" apart from two full Bidens)
                cid = content_id(sid, name, kind, *map(str, spans[0]))
            used.add(cid)
            clusters.append(EntityCluster(cid, name, kind, spans))
        clusters.sort(key=lambda c: (-len(c.mentions), c.name, c.id))
        cid_of = {}
        for c in clusters:
            for m in c.mentions:
                cid_of[m] = c.id
        names: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        people: dict[str, list[tuple[PersonName, str]]] = defaultdict(list)
        roles: dict[str, dict[str, dict[str, set[str]]]] = defaultdict(lambda: defaultdict(dict))
        for i, loc in enumerate(locs):
            cid = cid_of[(loc.article, *loc.spans[0])]
            text = articles[loc.article].text
            forms = {loc.canonical} | {text[s:e] for s, e in loc.spans}
            for form in forms:
                names[loc.article][normalize(form)].add(cid)
                parts = person_name(form) if loc.person else None
                if parts is not None:
                    names[loc.article][" ".join(filter(None, (parts.first, parts.last)))].add(cid)
                    people[loc.article].append((parts, cid))
            for s, e in extra.get(i, ()):
                names[loc.article][normalize(text[s:e])].add(cid)
            for role, words in loc.roles.items():
                roles[loc.article][role].setdefault(cid, set()).update(words)
        frozen = {a: {n: frozenset(c) for n, c in t.items()} for a, t in names.items()}
        froles = {a: {r: {c: frozenset(w) for c, w in h.items()} for r, h in t.items()} for a, t in roles.items()}
        return cls(sid, clusters, frozen, dict(people), froles)

    def at(self, article_id: str, start: int, end: int) -> str | None:
        """The cluster of the entity mention that overlaps characters start..end most (the earliest on a tie)."""
        spans = self._spans.get(article_id)
        if not spans:
            return None
        k = bisect_left(self._starts[article_id], end)
        best: tuple[int, int] | None = None
        found = None
        lo = start - self._longest[article_id]
        while k > 0 and spans[k - 1][0] >= lo:
            k -= 1
            s, e, cid = spans[k]
            overlap = min(e, end) - max(s, start)
            if overlap > 0:
                key = (overlap, -s)
                if best is None or key >= best:
                    best, found = key, cid
        return found

    def within(self, article_id: str, start: int, end: int) -> frozenset[str]:
        """The clusters with a mention inside characters start..end (a sentence)."""
        spans = self._spans.get(article_id, [])
        k = bisect_left(self._starts.get(article_id, []), start)
        out = set()
        while k < len(spans) and spans[k][0] < end:
            if spans[k][1] <= end:
                out.add(spans[k][2])
            k += 1
        return frozenset(out)

    def resolve(self, article_id: str, name: str | None) -> str | None:
        """The cluster a name stands for as article ``article_id`` uses it (a quote's speaker).

        "Mr. Biden", "Biden" and "President Biden" resolve to the article's Biden; "the spokesman" to the
        person the article names as spokesman, if it names exactly one; an anonymous or unnamed
        description ("officials", "a senior official") resolves to None.
        """
        if not name or not name.strip():
            return None
        key = normalize(name)
        words = key.split()
        if not words or name.split()[0].lower() in _INDEFINITE:
            return None
        hits = self._names.get(article_id, {}).get(key)
        if hits is not None:
            return next(iter(hits)) if len(hits) == 1 else None
        head = words[-1]
        role = lemma(head) if head.isalpha() else head
        if role in ROLE_NOUNS or head in TITLES:
            said = {w for w in words[:-1] if w not in _DEFINITE}
            holders = [cid for cid, with_role in self._roles.get(article_id, {}).get(role, {}).items()
                       if said <= with_role]
            if role != head or len(holders) != 1:
                return None  # a plural ("spokesmen") is a group; an unnamed or unclear holder is no entity
            return holders[0]
        if is_description(name):
            return None  # "police", "the letter": no name to look for elsewhere
        parts = person_name(name)
        if parts is not None:
            here = _fitting(parts, self._people.get(article_id, ()))
            if here is not None:
                return here
            if not parts.first:  # a given name alone ("Gerry"): the one person of the article so called
                given = {cid for other, cid in self._people.get(article_id, ())
                         if other.full and other.first == NICKNAMES.get(parts.last, parts.last)}
                if len(given) == 1:
                    return given.pop()
            # a name this article's recognizer missed: the one person of the story it fits
            story = _fitting(parts, self._people_by_last.get(parts.last, ()))
            if story is not None:
                return story
        story = self._story_names.get(key)
        if story is not None and len(story) == 1:
            return next(iter(story))
        return None

    def speaker(self, article_id: str, quote: Quote) -> str | None:
        """The cluster of a quote's speaker: its resolved name, else the named mention under its speaker
        span; None for an anonymous source or a description the article does not name."""
        if quote.anonymous:
            return None
        found = self.resolve(article_id, quote.speaker)
        if found is None and quote.speaker_span is not None and not is_description(quote.speaker):
            found = self.at(article_id, quote.speaker_span.start, quote.speaker_span.end)
        return found

    def stands_for(self, cid: str) -> str | None:
        """The cluster of the state a capital or a seat of government stands for in this story ("Moscow",
        "the Kremlin" -> Russia), where the story names that state; None otherwise. Metonymy, kept apart
        from the clusters: Moscow is not Russia, but "Moscow deployed troops" is said of it."""
        c = self._by_id.get(cid)
        if c is None or c.type == PERSON:
            return None
        code = capital_of(c.name) or SEATS_OF_GOVERNMENT.get(normalize(c.name))
        state = self._states.get(code) if code else None
        return state if state != cid else None

    def cluster(self, cid: str) -> EntityCluster:
        """The cluster with id ``cid`` (E402 when the story has none)."""
        try:
            return self._by_id[cid]
        except KeyError:
            raise CopydeskError(Code.E402, detail=f"{cid!r} in story {self.story_id}") from None

    def entity_key(self, article_id: str) -> Callable[[int, int], str | None]:
        """``at`` bound to one article: the ``entity_key(start, end)`` a frame reads its arguments with."""
        return lambda start, end: self.at(article_id, start, end)

    def to_json(self) -> list[dict[str, object]]:
        """The clusters as the report's story ``entities``: id, name, type, mention count, articles."""
        return [{"id": c.id, "name": c.name, "type": c.type, "mentions": len(c.mentions),
                 "articles": list(c.articles)} for c in self.clusters]


def _fitting(parts: PersonName, people: Iterable[tuple[PersonName, str]]) -> str | None:
    """The one cluster among ``people`` that ``parts`` fits; a full name prefers full names."""
    fits = [(other, cid) for other, cid in people if parts.fits(other)]
    if parts.full and any(other.full for other, _ in fits):
        fits = [(other, cid) for other, cid in fits if other.full]
    cids = {cid for _, cid in fits}
    return cids.pop() if len(cids) == 1 else None


def _union_by_detail(uf: UnionFind[int], items: Sequence[tuple[int, tuple[str, ...]]], locs: Sequence[_Local]) -> None:
    """Union items that share a key and whose details (middle initials, a suffix, an initial) do not conflict.

    With at most one distinct non-empty detail all join, unless one article names a suffixed and an
    unsuffixed one apart ("Donald Trump" and "Donald Trump Jr."); otherwise those with the same detail
    join and those without any join each other only.
    """
    details = {d for _, d in items if d}
    seen: dict[str, tuple[str, ...]] = {}
    apart = False
    for i, d in items:
        suffix = tuple(x for x in d if x.startswith("~"))
        apart = apart or seen.setdefault(locs[i].article, suffix) != suffix
    if len(details) <= 1 and not apart:
        for i, _ in items[1:]:
            uf.union(items[0][0], i)
        return
    first: dict[tuple[str, ...], int] = {}
    for i, d in items:
        if d in first:
            uf.union(first[d], i)
        else:
            first[d] = i


def _link(locs: list[_Local], uf: UnionFind[int]) -> None:
    """Union the article entities that name one real-world entity (rules in the module docstring)."""
    full: dict[tuple[str, str], list[tuple[int, tuple[str, ...]]]] = defaultdict(list)
    partial: list[tuple[int, PersonName]] = []
    named: dict[tuple[str, str], list[int]] = defaultdict(list)
    acronyms: list[tuple[int, str]] = []
    spelled: dict[str, list[int]] = defaultdict(list)
    # A one-word name the recognizer typed a place or an organisation is the person of its own article
    # whose surname it is, when there is exactly one ("Jackson" in an article about Vincent Jackson).
    surnames: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, loc in enumerate(locs):
        parts = person_name(loc.canonical) if loc.person else None
        if parts is not None and parts.full:
            surnames[(loc.article, parts.last)].append(i)
    retyped: list[tuple[int, int]] = []
    for i, loc in enumerate(locs):
        words = _words(loc)
        if not loc.person and len(words) == 1 and loc.type != "NORP" and not country_code(loc.canonical):
            owners = surnames.get((loc.article, words[0]), [])
            if len(owners) == 1:
                retyped.append((i, owners[0]))
                continue
        if loc.person:
            parts = person_name(loc.canonical)
            if parts is None:
                named[("PERSON", normalize(loc.canonical))].append(i)
            elif parts.full:
                full[(parts.first, parts.last)].append(
                    (i, parts.middles + ((f"~{parts.suffix}",) if parts.suffix else ())))
            else:
                partial.append((i, parts))
            continue
        kind = loc.type
        if kind == "NORP":
            named[("NORP", normalize(loc.canonical))].append(i)
            continue
        code = country_code(loc.canonical)
        if code is not None:
            named[("COUNTRY", code)].append(i)
            continue
        named[("THING", normalize(loc.canonical))].append(i)
        acro = acronym_of(loc.canonical)
        if acro is not None:
            acronyms.append((i, acro))
        else:
            letters = initials(loc.canonical)
            if letters is not None:
                spelled[letters].append(i)
    for members in named.values():
        for i in members[1:]:
            uf.union(members[0], i)
    for items in full.values():
        _union_by_detail(uf, items, locs)
    _same_words(locs, uf)
    _containing(locs, uf, [i for items in full.values() for i, _ in items])
    for i, j in retyped:
        uf.union(i, j)
    _short_forms(locs, uf)
    # Acronyms join the one spelled-out name whose initials they are.
    for i, acro in acronyms:
        roots = {uf.find(j) for j in spelled.get(acro, ())}
        if len(roots) == 1:
            uf.union(i, roots.pop())
    # Surnames and initials join the one full name they fit; the article's own evidence breaks a tie.
    fulls: dict[str, list[tuple[int, PersonName]]] = defaultdict(list)
    for (first, last), items in full.items():
        for i, middles in items:
            fulls[last].append((i, PersonName(first, middles, last)))
    leftover: dict[str, list[tuple[int, tuple[str, ...]]]] = defaultdict(list)
    joins: list[tuple[int, int]] = []
    for i, parts in partial:
        cands: dict[int, list[int]] = defaultdict(list)
        for j, other in fulls.get(parts.last, ()):
            if parts.fits(other):
                cands[uf.find(j)].append(j)
        pick = _pick(locs, i, cands)
        if pick is not None:
            joins.append((i, pick))
        else:
            leftover[parts.last].append((i, (parts.first,) if parts.first else ()))
    for i, root in joins:
        uf.union(i, root)
    for items in leftover.values():
        _union_by_detail(uf, items, locs)


def _words(loc: _Local) -> tuple[str, ...]:
    return tuple(normalize(loc.canonical).split())


def _same_words(locs: list[_Local], uf: UnionFind[int]) -> None:
    """A name of two or more words spelt the same is one entity whatever type the recognizer gave it
    ("Barack Obama" typed ORG in one article); nationalities stay apart."""
    spelt: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, loc in enumerate(locs):
        words = _words(loc)
        if len(words) >= 2 and loc.type != "NORP":
            spelt[words].append(i)
    for members in spelt.values():
        for i in members[1:]:
            uf.union(members[0], i)


def _containing(locs: list[_Local], uf: UnionFind[int], people: Sequence[int]) -> None:
    """A longer name around the full name of exactly one person the story names more than once is that
    person: the recognizer's span ran over a headline's words or an affiliation ("Hire Maurice Cheeks",
    "Sanjay Gupta of Emory University"). Organisation names ("John Smith Foundation") are left alone."""
    size: Counter[int] = Counter()
    for i, loc in enumerate(locs):
        size[uf.find(i)] += len(loc.spans)
    names: dict[tuple[str, ...], set[int]] = defaultdict(set)
    for i in people:
        words = _words(locs[i])
        if len(words) >= 2 and size[uf.find(i)] >= 2:  # a name said once may be a span error itself
            names[words].add(uf.find(i))
    if not names:
        return
    longest = max(len(w) for w in names)
    joins = []
    for j, loc in enumerate(locs):
        words = _words(loc)
        if len(words) < 3 or loc.type == "NORP" or any(w in ORG_WORDS for w in loc.canonical.split()):
            continue
        if words[-1] in NAME_SUFFIXES:
            continue  # "Donald Trump Jr." is his own man
        roots = {r for n in range(2, min(longest, len(words) - 1) + 1) for k in range(len(words) - n + 1)
                 for r in names.get(words[k:k + n], ())}
        if len(roots) == 1:
            joins.append((j, roots.pop()))
    for j, root in joins:
        uf.union(j, root)


def _short_forms(locs: list[_Local], uf: UnionFind[int]) -> None:
    """"The Academy" is the article's one "Academy of Motion Picture Arts and Sciences": the head of an
    "X of Y" name stands for it where that article names exactly one such."""
    heads: dict[tuple[str, str], set[int]] = defaultdict(set)
    for i, loc in enumerate(locs):
        words = _words(loc)
        if not loc.person and loc.type != "NORP" and len(words) >= 3 and words[1] == "of":
            heads[(loc.article, words[0])].add(uf.find(i))
    joins = []
    for j, loc in enumerate(locs):
        words = _words(loc)
        if loc.person or loc.type == "NORP" or len(words) != 1 or country_code(loc.canonical):
            continue
        roots = heads.get((loc.article, words[0]), set())
        if len(roots) == 1:
            joins.append((j, next(iter(roots))))
    for j, root in joins:
        uf.union(j, root)


def _pick(locs: list[_Local], i: int, cands: Mapping[int, list[int]]) -> int | None:
    """The candidate cluster a surname joins: the only one, else the only one in its article, else the only
    one sharing a title or role it carries there."""
    if len(cands) == 1:
        return next(iter(cands))
    loc = locs[i]
    here = [root for root, members in cands.items() if any(locs[j].article == loc.article for j in members)]
    if len(here) == 1:
        return here[0]
    if loc.roles:
        titled = [root for root, members in cands.items() if any(locs[j].roles.keys() & loc.roles.keys()
                                                                  for j in members)]
        if len(titled) == 1:
            return titled[0]
    return None
