"""Quotes and attributions read off the article's parse.

A cue is a verb whose lemma is a speech or stance cue (``resources.quotes``: a hand list
plus lemmas learned from PolNeAR train), or "according to". Its speaker is the verb's
subject (``nsubj``, or the agent of a passive), found through ``conj`` and ``xcomp`` /
participle ``advcl`` ("..., saying") and relative clauses ("X, who said"); its content is
the clausal complement, the clause a parenthetical tag ("..., he said.") hangs on, or a
direct quote next to the tag (before, inside or after it). Text in quote marks with no cue
is narration or a scare quote and is not a quote. Speakers are resolved to the named person
or organization: the name inside the subject's phrase or its appositive, else an earlier
source with the same head noun ("the spokesman"), else for a pronoun the nearest compatible
earlier speaker or subject, objects last. The cue's polarity and modality are kept.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Sequence, cast

from copydesk.errors import Code, CopydeskError
from copydesk.extract.quote_cues import dictionary_lemma
from copydesk.extract.resources.entities import ORG_WORDS, PERSON_TITLES
from copydesk.extract.resources.quotes import (
    ADDRESSEE_CUES, ANONYMOUS, ANONYMOUS_CUES, AUTHOR_CASES, CHANNEL, CLOSING_MARKS, DATELINE_END, DENIALS,
    EXPECTED_HEADS, HEADLINE_STOP, HEDGES, HONORIFIC_GENDER, INFINITIVE_CUES, LEARNED_CUES, MEDIUM_NOUNS, NO_OBJECT_CONTENT,
    POSSIBLE_AUX, PRONOUN_GENDER, PRONOUN_KINDS, QUOTE_MARKS, REFUSALS, REFUSED_SPEECH, RELATIVES,
    REPORTED_ADVERBS, SPEAKER_TYPES, SPEECH_LEMMAS, TIME_NOUNS,
)
from copydesk.extract.resources.timex import MONTHS, WEEKDAYS
from copydesk.models import Entity, Mention, Quote, Span
from copydesk.text import parse

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token
    from spacy.tokens import Span as SpacySpan

#: A learned cue counts when at least this share of its verb uses were gold cues.
MIN_CUE_PRECISION = 0.2
#: A learned cue may take a noun phrase as its content ("questioned the health of ...") at this precision.
MIN_OBJECT_PRECISION = 0.4
_SUBJECTS = ("nsubj", "nsubj:pass", "csubj")
_SENT_END = frozenset(".!?")
CLAUSE_OPENERS = frozenset("that whether if when why how what who where".split())
#: Dependents that belong to a noun phrase (relative clauses, appositives and the clause around it do not).
_NP_KEEP = frozenset("det amod compound flat flat:name nmod nmod:poss nummod det:poss det:predet fixed cc conj "
                     "nmod:desc nmod:unmarked".split())


def cue_precision(lemma: str) -> float:
    """The share of a lemma's verb uses that were gold cues in PolNeAR train (0 when unseen)."""
    cue, seen = LEARNED_CUES.get(lemma, (0, 0))
    return cue / seen if seen else 0.0


@lru_cache(maxsize=1)
def cue_lemmas() -> frozenset[str]:
    """The lemmas that make a verb an attribution cue."""
    learned = {w for w in LEARNED_CUES if cue_precision(w) >= MIN_CUE_PRECISION}
    return SPEECH_LEMMAS | frozenset(learned)


def hedges(text: str, span: Span | None = None) -> list[Span]:
    """Spans of hedge words ("reportedly", "could", "is expected to") inside ``span`` (all text if None)."""
    lo, hi = (span.start, span.end) if span else (0, len(text))
    return [Span(m.start(), m.end()) for m in HEDGES.finditer(text, lo, hi)]


def _mark_at(text: str, i: int) -> str | None:
    """The quote mark starting at ``i`` (two apostrophes stand for a double quote in some copy)."""
    if text.startswith("''", i) or text.startswith("``", i):
        return text[i:i + 2]
    return text[i] if text[i] in QUOTE_MARKS or text[i] in CLOSING_MARKS else None


def quote_spans(text: str) -> list[Span]:
    """Spans of text in quote marks, marks included.

    A paragraph that opens a quote without closing it continues into the next paragraph
    when that one opens with the same kind of mark (the news convention for multi-paragraph quotes).
    """
    out: list[Span] = []
    opened: tuple[int, str] | None = None
    backticks = "``" in text  # then '' only closes what `` opened
    i, n = 0, len(text)
    while i < n:
        if text[i] == "\n":
            j = i
            while j < n and text[j].isspace():
                j += 1
            if opened is None or j >= n:
                i = j
                continue
            mark = _mark_at(text, j)
            if mark != opened[1]:
                opened = None  # unbalanced: the quote never closes
                i = j
            else:
                i = j + len(mark)  # the continuing paragraph's opening mark
            continue
        mark = _mark_at(text, i)
        if mark is None:
            i += 1
            continue
        if opened and opened[1] == mark == "``":
            # a second `` inside an open quote: a mistyped closer before a tag ("... , `` police said"),
            # else the first quote never closed and this one opens anew
            if text[i + 2:i + 4].strip()[:1].islower():
                out.append(Span(opened[0], i + 2))
                opened = None
            else:
                opened = (i, mark)
        elif opened and mark == QUOTE_MARKS[opened[1]]:
            if i - opened[0] > len(mark) + 1:
                out.append(Span(opened[0], i + len(mark)))
            opened = None
        elif opened is None and mark in QUOTE_MARKS and not (backticks and mark == "''"):
            opened = (i, mark)
        i += len(mark)
    return out


@dataclass
class _Referent:
    """A named or described person or organization seen so far, for later back-references."""

    offset: int
    name: str
    kind: str  # PERSON | ORG | GPE | NORP | GROUP
    role: int  # 0 speaker or subject, 1 other, 2 object
    sentence: int
    nouns: frozenset[str] = frozenset()
    anonymous: bool = False


@dataclass
class _Source:
    span: Span
    speaker: str | None
    anonymous: bool


@dataclass
class _Article:
    """The parse of one article and what the resolver has learned while reading it."""

    text: str
    doc: "Doc"
    entities: Sequence[Mention]
    quotes: list[Span] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    ent_starts: list[int] = field(default_factory=list)
    sent_starts: list[int] = field(default_factory=list)
    history: list[_Referent] = field(default_factory=list)
    gender: dict[str, str] = field(default_factory=dict)
    sents: list["SpacySpan"] = field(default_factory=list)
    quote_starts: list[int] = field(default_factory=list)
    recognized: dict[int, Mention] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.sents = list(self.doc.sents)
        for ent in self.doc.ents:  # the recognizer's own spans, for when no mention was passed in
            m = Mention("entity", ent.start_char, ent.end_char, Entity(ent.label_, ent.text))
            self.recognized.update((t.i, m) for t in ent)
        self.entities = sorted((m for m in self.entities if isinstance(m.value, Entity)), key=lambda m: m.start)
        self.ent_starts = [m.start for m in self.entities]
        self.starts = [t.idx for t in self.doc]
        self.sent_starts = [s.start_char for s in self.doc.sents]
        self.quotes = quote_spans(self.text)
        self.quote_starts = [q.start for q in self.quotes]
        for m in self.entities:
            prev = self.doc[self.token_at(m.start)].nbor(-1) if self.token_at(m.start) > 0 else None
            if prev is not None and prev.lower_ in HONORIFIC_GENDER and _ev(m).type == "PERSON":
                self.gender.setdefault(_ev(m).canonical, HONORIFIC_GENDER[prev.lower_])

    def token_at(self, offset: int) -> int:
        return max(0, bisect_right(self.starts, offset) - 1)

    def sentence_of(self, offset: int) -> int:
        return max(0, bisect_right(self.sent_starts, offset) - 1)

    def entity_at(self, tok: "Token") -> Mention | None:
        """The speaker-type entity mention covering ``tok``."""
        i = bisect_right(self.ent_starts, tok.idx) - 1
        while i >= 0 and self.entities[i].end > tok.idx:
            m = self.entities[i]
            if m.start <= tok.idx < m.end and _ev(m).type in SPEAKER_TYPES:
                return m
            i -= 1
        own = self.recognized.get(tok.i)
        return own if own is not None and _ev(own).type in SPEAKER_TYPES else None

    def in_quote(self, offset: int) -> Span | None:
        i = bisect_right(self.quote_starts, offset) - 1
        return self.quotes[i] if i >= 0 and offset < self.quotes[i].end else None


def _ev(m: Mention) -> Entity:
    return cast(Entity, m.value)


def _gender_of(art: _Article, name: str) -> str | None:
    """'male', 'female' or None: an honorific in the article, else the first name's usual gender."""
    if name in art.gender:
        return art.gender[name]
    words = [w for w in name.split() if w not in PERSON_TITLES and w.capitalize() not in PERSON_TITLES]
    genders = {"male": "male", "mostly_male": "male", "female": "female", "mostly_female": "female"}
    for word in words[:-1]:  # the first word that is a known given name; the last is the surname
        guess = genders.get(_gender_detector().get_gender(word)) if word.isalpha() else None
        if guess:
            return guess
    return None


@lru_cache(maxsize=1)
def _gender_detector():  # type: ignore[no-untyped-def]
    import gender_guesser.detector as gd  # type: ignore[import-untyped]

    return gd.Detector(case_sensitive=False)


def _np_tokens(head: "Token") -> list["Token"]:
    """The noun phrase of ``head`` without relative clauses, appositives and trailing clauses."""
    keep = [head]
    for child in head.children:
        if child.dep_ in _NP_KEEP and not (child.dep_ == "nmod" and child.i > head.i + 6) \
                and not (child.dep_ == "cc" and child.i < head.i):
            keep.extend(child.subtree)
    return sorted(keep, key=lambda t: t.i)


def _span_of(tokens: Sequence["Token"]) -> Span:
    return Span(tokens[0].idx, tokens[-1].idx + len(tokens[-1]))


def _is_dateline(art: _Article, tok: "Token") -> bool:
    """Whether ``tok`` sits in the article's dateline ("WASHINGTON —", "KYIV (Reuters) -")."""
    line_end = art.text.find("\n", tok.idx)
    head = art.text[: tok.idx].strip()
    if "\n" in head or len(head) > 60:
        return False
    after = art.text[tok.idx: line_end if line_end > 0 else len(art.text)].split()
    return any(w in DATELINE_END for w in after[:6]) and tok.text.isupper()


def _bad_head(art: _Article, tok: "Token") -> bool:
    """A source head that cannot be a speaker: a function word, a date word, a dateline."""
    low = tok.lower_.rstrip(".")
    if tok.pos_ not in ("PROPN", "NOUN", "PRON", "NUM", "X") or low in WEEKDAYS or low in MONTHS:
        return True
    if tok.lemma_.lower() in TIME_NOUNS or tok.ent_type_ in ("DATE", "TIME"):
        return True
    if tok.pos_ != "PRON" and (tok.is_stop or not any(ch.isalpha() for ch in tok.text)):
        return True
    return _is_dateline(art, tok)


def _source(art: _Article, tok: "Token") -> _Source | None:
    """The speaker of the subject ``tok``: its name and span, resolved through back-references."""
    if tok.lower_ in RELATIVES:
        if tok.head.dep_ in ("acl:relcl", "acl") and tok.head.head.i < tok.i:
            tok = tok.head.head
        else:  # the parser lost the relative clause: the noun right before it
            prev = next((t for t in reversed(tok.doc[max(tok.sent.start, tok.i - 3): tok.i])
                         if t.pos_ in ("NOUN", "PROPN")), None)
            if prev is None:
                return None
            tok = prev
    author = _author(tok)
    if author is not None:
        tok = author
    if _bad_head(art, tok):
        return None
    if tok.pos_ == "PRON":
        return _pronoun(art, tok)
    np = _np_tokens(tok)
    name = _name_in(art, tok, np)
    if name is not None:
        src = _untitled(art, name)
        run = _name_run(np, tok) if name.start <= tok.idx < name.end else []
        if run and _span_of(run).start <= src.span.start and _span_of(run).end > src.span.end:
            return _Source(_span_of(run), _span_of(run).of(art.text), False)  # the recognizer cut the name short
        return src
    words = _span_of(np).of(art.text)
    run = _name_run(np, tok)
    if run:
        named = _surname(art, run[-1].text)
        return _Source(_span_of(run), named or _span_of(run).of(art.text), False)
    prior = _described(art, tok)
    if prior is not None:
        return _Source(_span_of(np), prior.name, prior.anonymous)
    return _Source(_span_of(np), words, bool(ANONYMOUS.search(words)))


def _author(tok: "Token") -> "Token | None":
    """The author of a medium subject: "Grant's tweet", "a letter from the ministry" -> Grant, the ministry."""
    if tok.lemma_.lower() not in MEDIUM_NOUNS:
        return None
    for c in tok.children:
        if c.dep_ == "nmod:poss" or c.dep_ == "nmod" and any(
                g.dep_ == "case" and g.lower_ in AUTHOR_CASES for g in c.children):
            return c
    return None


def _name_in(art: _Article, head: "Token", np: Sequence["Token"]) -> Mention | None:
    """The entity that names the phrase: the one at its head, an appositive name, a person inside it."""
    appos = [t for c in head.children if _appositive(c) for t in c.subtree]
    at_head = art.entity_at(head)
    if at_head is not None and _ev(at_head).type == "PERSON":
        return at_head
    for t in appos:
        m = art.entity_at(t)
        if m is not None:
            return m
    for t in np:
        m = art.entity_at(t) if _modifies_directly(t, head) else None
        if m is not None and _ev(m).type == "PERSON":
            return m
    if at_head is not None:
        return at_head
    return None


def _name_run(np: Sequence["Token"], head: "Token") -> list["Token"]:
    """The proper-noun run at the head of a phrase the recognizer missed, without titles ("Rep.", "Ms.")."""
    if head.pos_ != "PROPN":
        return []
    run = [head]
    k = np.index(head)
    while k > 0 and np[k - 1].pos_ == "PROPN" and np[k - 1].i == run[0].i - 1:
        k -= 1
        run.insert(0, np[k])
    while len(run) > 1 and run[0].text in PERSON_TITLES and run[-1].text not in ORG_WORDS:
        run = run[1:]
    return [] if run[0].text in PERSON_TITLES else run


def _untitled(art: _Article, m: Mention) -> _Source:
    """The source named by entity ``m``, its span and name without leading titles ("Captain Ana Silva" -> "Ana Silva")."""
    def after_titles(words: list[str]) -> int:
        titled = [k for k, w in enumerate(words[:-1]) if w in PERSON_TITLES or w.capitalize() in PERSON_TITLES]
        if not titled:
            return 0
        rest = words[titled[-1] + 1:]
        person = _ev(m).type == "PERSON" or len(rest) >= 2 and _gender_of(art, " ".join(rest)) is not None
        return titled[-1] + 1 if person else 0
    words = art.text[m.start:m.end].split(" ")
    start = m.start + sum(len(w) + 1 for w in words[:after_titles(words)])
    name = _ev(m).canonical.split(" ")
    return _Source(Span(start, m.end), " ".join(name[after_titles(name):]), False)


def _modifies_directly(tok: "Token", head: "Token") -> bool:
    """Whether ``tok`` is ``head`` or reaches it through compounds and flat names only ("press secretary Dana")."""
    while tok.i != head.i:
        if tok.dep_ not in ("compound", "flat", "flat:name") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return True


def _appositive(tok: "Token") -> bool:
    """Whether ``tok`` renames its head ("the spokesman, John Kirk,"), as appos or as the comma conj parsers give."""
    if tok.dep_ == "appos":
        return True
    return tok.dep_ == "conj" and tok.head.pos_ == "NOUN" and tok.pos_ == "PROPN" and tok.i > 0 \
        and tok.doc[tok.i - 1].text == "," and not any(c.dep_ == "cc" for c in tok.children)


def _surname(art: _Article, word: str) -> str | None:
    """An earlier named referent whose name ends with ``word`` ("Alder" -> "Mark Alder")."""
    for r in reversed(art.history):
        if r.name.split()[-1] == word and r.name != word:
            return r.name
    return None


def _described(art: _Article, head: "Token") -> _Referent | None:
    """An earlier source described by the same head noun ("the spokesman" -> "John Smith")."""
    if not any(c.lower_ in ("the", "this", "that") for c in head.children):
        return None
    lemma = head.lemma_.lower()
    for r in reversed(art.history):
        if lemma in r.nouns and r.offset < head.idx:
            return r
    return None


def _pronoun(art: _Article, tok: "Token") -> _Source:
    """A pronoun source resolved to the nearest compatible earlier referent (subjects before objects)."""
    low = tok.lower_
    kinds = PRONOUN_KINDS.get(low)
    span = Span(tok.idx, tok.idx + len(tok))
    if kinds is None:
        return _Source(span, None, False)  # "I", "we", "you": the writer or an unnamed group
    want = PRONOUN_GENDER.get(low)
    here = art.sentence_of(tok.idx)
    best: tuple[float, int] | None = None
    found: _Referent | None = None
    for r in art.history:
        if r.offset >= tok.idx or here - r.sentence > 6:
            continue
        gender = _gender_of(art, r.name) if want else None
        if r.kind not in kinds and not (want and r.kind == "ORG" and gender == want):
            continue  # a person the recognizer typed as an organization still answers "he" by first name
        if want and r.kind == "PERSON" and gender not in (None, want):
            continue
        score = (here - r.sentence) + 1.5 * r.role
        if best is None or (score, -r.offset) <= best:
            best, found = (score, -r.offset), r
    if found is None:
        return _Source(span, None, False)
    return _Source(span, found.name, found.anonymous)


def _subject(tok: "Token") -> "Token | None":
    """The subject of a cue verb, through coordination, control and '..., saying'."""
    seen = 0
    while seen < 4:
        agent = next((g for c in tok.children if c.dep_ == "obl:agent" for g in [c]), None)
        subjects = [c for c in tok.children if c.dep_ in _SUBJECTS]
        subj = min(subjects, key=lambda c: (c.i > tok.i, abs(tok.i - c.i))) if subjects else None
        if subj is not None and subj.dep_ == "nsubj:pass" and agent is not None:
            return agent
        if subj is not None and subj.dep_ == "nsubj:pass" and _verb_lemma(tok) in ADDRESSEE_CUES:
            return None  # "he was told": the subject heard it
        if subj is not None:
            return subj
        if tok.dep_ in ("conj", "xcomp", "advcl") and tok.head.i != tok.i:
            tok = tok.head
            seen += 1
            continue
        return None
    return None


def _adjacent_subject(cue: "Token") -> "Token | None":
    """The noun right before a cue the parser left without a subject ("... the senator also said that")."""
    k = cue.i - 1
    while k >= cue.sent.start and cue.doc[k].dep_ in ("aux", "advmod", "aux:pass") and cue.doc[k].pos_ != "PUNCT":
        k -= 1
    if k < cue.sent.start or cue.doc[k].pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    tok = cue.doc[k]
    while tok.dep_ in ("compound", "flat") and cue.sent.start <= tok.head.i < cue.i:
        tok = tok.head
    return tok


def _clause_content(art: _Article, cue: "Token", subj: "Token") -> Span | None:
    """What a cue verb reports: its clausal complement, or the clause its parenthetical tag hangs on."""
    lemma = _verb_lemma(cue)
    for c in cue.children:
        that = c.i > cue.i and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)
        if c.dep_ == "ccomp" or that or (c.dep_ == "xcomp" and lemma in INFINITIVE_CUES):
            toks = [t for t in c.subtree if not t.is_space]
            if c.dep_ == "xcomp":
                objs = [t for o in cue.children if o.dep_ in ("obj", "iobj") and o.i < c.i for t in o.subtree]
                toks = objs + toks if lemma not in ADDRESSEE_CUES else toks
            return _trimmed(art, sorted(toks, key=lambda t: t.i))
    tag = _tag_content(art, cue, subj)
    if tag is not None:
        return tag
    after = _clause_after(art, cue)
    if after is not None:
        return after
    if lemma not in NO_OBJECT_CONTENT and (
            lemma in DENIALS or lemma in SPEECH_LEMMAS or cue_precision(lemma) >= MIN_OBJECT_PRECISION):
        return _predicate_content(art, cue)
    return None


def _clause_after(art: _Article, cue: "Token") -> Span | None:
    """A "that" / wh- clause right after the cue that the parser hung on a noun instead ("said on Tuesday that ...")."""
    sent = cue.sent
    for tok in cue.doc[cue.i + 1: min(sent.end, cue.i + 7)]:
        if tok.is_punct and tok.text not in QUOTE_MARKS:
            return None
        if tok.lower_ in CLAUSE_OPENERS:
            rest = [t for t in cue.doc[tok.i + (tok.lower_ == "that"): sent.end]]
            if any(t.dep_ in _SUBJECTS for t in rest) and any(t.pos_ in ("VERB", "AUX") for t in rest):
                return _trimmed(art, rest if tok.lower_ == "that" else [tok] + rest[1:])
            return None
    return None


def _predicate_content(art: _Article, cue: "Token") -> Span | None:
    """What a stance verb is about when it takes a noun phrase ("questioned the health of ...")."""
    if not any(c.dep_ in ("obj", "xcomp") and c.i > cue.i for c in cue.children):
        return None
    if _verb_lemma(cue) not in REFUSALS and any(c.dep_ == "xcomp" and c.i > cue.i for c in cue.children):
        return None  # "ordered them to stop", "attempted to flee": an act, not a stance on a noun phrase
    toks: list["Token"] = []
    for c in cue.children:
        if c.i < cue.i or c.dep_ in ("punct", "cc", "parataxis", "nsubj", "nsubj:pass", "aux", "advmod") or (
                c.dep_ in ("conj", "advcl") and (_is_cue(c) or any(g.dep_ in _SUBJECTS for g in c.children))):
            continue
        toks.extend(c.subtree)
    content = _trimmed(art, sorted(toks, key=lambda t: t.i))
    return content if content is not None and len(content.of(art.text).split()) >= 3 else None


def _tag_content(art: _Article, cue: "Token", subj: "Token") -> Span | None:
    """The sentence around a speech tag set off by a comma ("X, the army said." / "X, he says, Y")."""
    if _verb_lemma(cue) in ("think", "know", "feel", "want", "hope", "expect"):
        return None
    doc, sent = cue.doc, cue.sent
    first = min([t.i for t in subj.subtree] + [cue.i])
    last = cue.i
    while last + 1 < sent.end and not (doc[last + 1].is_punct or doc[last + 1].is_space) and last - cue.i < 6:
        last += 1
    if first <= sent.start or doc[first - 1].text not in (",", "—", "–") or subj.i > cue.i:
        return None
    if any(c.dep_ in ("obj", "xcomp", "ccomp") and c.i > cue.i for c in cue.children):
        return None  # "..., the pirates attempted to escape": the verb has its own complement, it is no tag
    if last + 1 < sent.end and not (doc[last + 1].is_punct or doc[last + 1].is_space):
        return None
    return _trimmed(art, [t for t in sent if not first - 1 <= t.i <= last])


def _to_sentence_end(art: _Article, cue: "Token", content: Span | None) -> Span | None:
    """``content`` run on to its sentence's end where the parse cut a reported clause short.

    "Police said the person killed was a woman": the parser takes "the person killed" for the
    object of "said"; the words after it, with no comma, conjunction, cue or quote mark among
    them, are still what was said.
    """
    if content is None or content.start < cue.idx or _verb_lemma(cue) not in SPEECH_LEMMAS:
        return content
    rest = [t for t in cue.sent if t.idx >= content.end and not t.is_space]
    while rest and rest[-1].is_punct:
        rest = rest[:-1]
    if not rest or rest[0].lower_ in ("and", "but", "or", "while", "as", "after", "before", "because"):
        return content
    if any(t.text in (",", ";", ":", "—", "(", ")") or t.text in QUOTE_MARKS or _is_cue(t) for t in rest):
        return content
    if not any(t.pos_ in ("VERB", "AUX") for t in rest):
        return content
    return Span(content.start, rest[-1].idx + len(rest[-1]))


def _trimmed(art: _Article, toks: Sequence["Token"]) -> Span | None:
    """The span of ``toks`` without the punctuation and conjunctions at its edges, widened to whole quotes."""
    toks = [t for t in toks if not t.is_space]
    while toks and (toks[0].is_punct and toks[0].text not in QUOTE_MARKS or toks[0].lower_ in ("that", "and", "but")):
        toks = toks[1:]
    while toks and toks[-1].is_punct and toks[-1].text not in CLOSING_MARKS:
        toks = toks[:-1]
    if len(toks) < 2:
        return None
    span = _span_of(toks)
    for q in art.quotes:
        if q.start < span.end and span.start < q.end and (q.start < span.start or q.end > span.end):
            span = Span(min(span.start, q.start), max(span.end, q.end))
    return span


def _polarity(cue: "Token") -> tuple[str, "Token", "Token"]:
    """(polarity, first and last token of the cue phrase): "declined to comment" is one refused cue."""
    lemma = _verb_lemma(cue)
    if cue.dep_ == "xcomp" and _verb_lemma(cue.head) in REFUSALS:
        return "refused", cue.head, cue
    if any(c.dep_ == "neg" or c.lower_ in ("not", "n't", "never") and c.dep_ == "advmod" for c in cue.children):
        return "negated", cue, cue
    if lemma in DENIALS:
        return "denied", cue, cue
    return "affirmed", cue, cue


def _modality(cue: "Token") -> str | None:
    """How sure the text is that the speech act happened."""
    if any(c.lower_ in REPORTED_ADVERBS for c in cue.children):
        return "reported"
    if cue.dep_ == "xcomp" and _verb_lemma(cue.head) in EXPECTED_HEADS:
        return "expected"
    if cue.dep_ == "xcomp" and _verb_lemma(cue.head) in ("say", "report", "believe") and \
            any(c.dep_ == "aux:pass" for c in cue.head.children):
        return "reported"  # "is said to have told"
    if any(c.dep_ == "aux" and c.lower_ in POSSIBLE_AUX for c in cue.children):
        return "possible"
    return None


def _is_cue(tok: "Token") -> bool:
    """A verb whose lemma is a speech or learned cue."""
    if tok.pos_ != "VERB":
        return False
    return _verb_lemma(tok) in cue_lemmas()


def _verb_lemma(tok: "Token") -> str:
    """The parse's lemma of a verb; lemminflect's dictionary lemma when that one is a cue and the parse's is not.

    A lemmatizer's slip on a frequent speech verb ("added" -> "adde") would otherwise hide the attribution.
    """
    lemma = tok.lemma_.lower()
    if lemma in cue_lemmas() or lemma in REFUSALS or tok.pos_ not in ("VERB", "AUX"):
        return lemma
    alt = dictionary_lemma(tok.lower_)
    return alt if alt in cue_lemmas() or alt in REFUSALS else lemma



def _raising(tok: "Token") -> bool:
    """A passive cue with no agent over an infinitive ("is expected to", "is said to"): no speaker of its own."""
    kids = {c.dep_ for c in tok.children}
    return "xcomp" in kids and "nsubj:pass" in kids and "obl:agent" not in kids


def _refusal(tok: "Token") -> "Token | None":
    """The speech verb under a refusal ("declined to comment"): the cue of a speech act not done."""
    if _verb_lemma(tok) not in REFUSALS:
        return None
    return next((c for c in tok.children if c.dep_ == "xcomp" and (
        _verb_lemma(c) in REFUSED_SPEECH or _is_cue(c))), None)


class _Builder:
    """Builds quote mentions in reading order, feeding the resolver as it goes."""

    def __init__(self, art: _Article) -> None:
        self.art = art
        self.out: list[Mention] = []
        self.used: set[int] = set()  # token indices already part of an attribution

    def emit(self, src: _Source, cue: Span, content: Span | None, direct: bool, cue_tok: "Token | None",
             polarity: str = "affirmed") -> None:
        art, text = self.art, self.art.text
        if content is not None and not direct:
            content = _past_dateline(art, content)
        parts = [p for p in (src.span, cue, content) if p]
        lo, hi = min(p.start for p in parts), max(p.end for p in parts)
        sent = self.art.doc[art.token_at(lo)].sent
        window = Span(min(lo, sent.start_char), max(hi, sent.end_char))
        anon = src.anonymous or bool(ANONYMOUS_CUES.search(text, window.start, window.end))
        ch = CHANNEL.search(text, window.start, window.end)
        hedged = bool(HEDGES.search(text, cue.start, cue.end)) or bool(
            content and not direct and HEDGES.search(text, content.start, content.end))
        modality = _modality(cue_tok) if cue_tok is not None else None
        self.out.append(Mention("quote", lo, hi, Quote(
            src.speaker, src.span, cue, content, direct, ch.group() if ch else None, anon, hedged,
            polarity, modality)))
        self.used.update(range(art.token_at(lo), art.token_at(hi - 1) + 1))


def _past_dateline(art: _Article, content: Span) -> Span:
    """Reported content that opens a paragraph without its dateline.

    "BRENMOUTH, March 8 (Wire) - A fire broke out ..., officials said": the officials said
    "A fire broke out ...", not the place, date and outlet of the filing.
    """
    text = art.text
    if content.start and text[content.start - 1] != "\n":
        return content
    first = art.token_at(content.start)
    toks = art.doc[first: first + 14]
    if len(toks) < 3 or not (toks[0].text.isupper() and len(toks[0].text) > 1) or toks[1].text not in (",", "("):
        return content
    for t in toks[2:]:
        if "\n" in t.text or t.text in (".", "?", "!"):
            break
        if t.text in DATELINE_END and t.i + 1 < len(art.doc) and art.doc[t.i + 1].idx < content.end:
            return Span(art.doc[t.i + 1].idx, content.end)
    return content


def _speech_tag(art: _Article, q: Span, nxt: int, look_before: bool = True) -> tuple["Token", "Token", int] | None:
    """(cue, subject, end of the tag) of the speech tag right after (or right before) the quote ``q``."""
    doc = art.doc
    first = bisect_left(art.starts, q.end)
    after: list["Token"] = []
    for t in doc[first: min(len(doc), first + 14)]:
        if t.idx >= nxt or t.text in _SENT_END or "\n" in t.text or t.text in QUOTE_MARKS:
            break
        after.append(t)
    close = 2 if art.text.endswith("''", 0, q.end) else 1
    inner = art.text[q.end - close - 1: q.end - close]
    tag = _tag_in(art, after, q)
    if tag and (inner in ",?!—-–" or after and after[0].text == ","):
        return tag[0], tag[1], after[-1].idx + len(after[-1])
    last = bisect_left(art.starts, q.start) - 1 if look_before else -1
    if last > 0 and doc[last].is_space and "\n" in doc[last].text and doc[last - 1].text == ":":
        last -= 1  # 'The minister continued:' ending the paragraph before the quote
    before: list["Token"] = []
    while last >= 0 and len(before) < 14:
        t = doc[last]
        if t.text in _SENT_END or "\n" in t.text or art.in_quote(t.idx):
            break
        before.insert(0, t)
        last -= 1
    if before and before[-1].text in (":", ",", "that") or before and _is_cue(before[-1]):
        btag = _tag_in(art, before, q, before=True)
        if btag:
            return btag[0], btag[1], q.start
    return (tag[0], tag[1], after[-1].idx + len(after[-1])) if tag else None


def _tag_in(art: _Article, toks: Sequence["Token"], q: Span, before: bool = False) -> tuple["Token", "Token"] | None:
    """A cue in ``toks`` whose own content is the quote (not a clause of its own) and its subject."""
    cues = [t for t in toks if _is_cue(t)]
    for cue in (reversed(cues) if before else cues):
        own = [c for c in cue.children if c.dep_ in ("ccomp", "xcomp") and not art.in_quote(c.idx) and not c.is_space]
        if own and any(c.idx > cue.idx for c in own):
            continue
        subj = _subject(cue)
        if subj is not None and q.start <= subj.idx < q.end:
            subj = None  # a word of the quote is not its speaker
        if subj is None:  # the parser lost the tag: take the noun next to the cue
            near = [t for t in toks if t.pos_ in ("PROPN", "NOUN", "PRON") and abs(t.i - cue.i) <= 4]
            subj = near[0].head if near and near[0].head in near else (near[0] if near else None)
            while subj is not None and subj.dep_ in ("compound", "flat") and subj.head in near:
                subj = subj.head
        if subj is not None:
            return cue, subj
    return None


def _direct(art: _Article, b: _Builder, i: int, limit: int) -> int:
    """Direct quotes from the ``i``-th that start before ``limit``, with their speech tags.

    “A,” he said, “B.” and “A,” he said. “B.” are one quote. Returns the next quote's index.
    """
    qs = art.quotes
    while i < len(qs) and qs[i].start < limit:
        q = qs[i]
        i += 1
        if art.token_at(q.start) in b.used:
            continue
        nxt = qs[i].start if i < len(qs) else len(art.text)
        tag = _speech_tag(art, q, nxt)
        src = _source(art, tag[1]) if tag else None
        if tag is None or src is None:
            continue
        cue, subj, tag_end = tag
        content = q
        while i < len(qs) and cue.idx > content.start:
            follow = qs[i]
            between = art.text[tag_end: follow.start]
            if "\n" in between or len(between) > 4 or between.strip(" ,.:;") or \
                    _speech_tag(art, follow, qs[i + 1].start if i + 1 < len(qs) else len(art.text), False):
                break
            content = Span(content.start, follow.end)
            i += 1
        polarity, c0, c1 = _polarity(cue)
        b.emit(src, Span(c0.idx, c1.idx + len(c1)), content, True, cue, polarity)
        _note(art, subj, src, art.sentence_of(q.start))
    return i


def _according(art: _Article, tok: "Token") -> tuple[Span, "Token", Span | None] | None:
    """("according to" cue span, source head, content) for the word "according"."""
    doc = art.doc
    if tok.lower_ != "according" or tok.i + 2 >= len(doc) or doc[tok.i + 1].lower_ != "to":
        return None
    to = doc[tok.i + 1]
    head = to.head if to.head.i > to.i else next((t for t in doc[to.i + 1:] if t.pos_ in ("NOUN", "PROPN", "PRON")), None)
    if head is None or head.i > to.i + 12:
        return None
    while head.dep_ in ("compound", "flat") and to.i < head.head.i <= to.i + 12:
        head = head.head
    sent = tok.sent
    phrase_end = max(t.i for t in _np_tokens(head)) + 1
    rest = [t for t in sent if not (tok.i <= t.i < phrase_end)]
    before = [t for t in rest if t.i < tok.i]
    after = [t for t in rest if t.i >= phrase_end]
    words = before if len([t for t in before if t.is_alpha]) >= len([t for t in after if t.is_alpha]) else after
    return Span(tok.idx, to.idx + len(to)), head, _trimmed(art, words)


def _indirect(art: _Article, b: _Builder, sent_index: int) -> None:
    """Indirect speech and "according to" in one sentence, one attribution per cue."""
    for tok in art.sents[sent_index]:
        if tok.i in b.used or art.in_quote(tok.idx):
            continue
        acc = _according(art, tok)
        if acc is not None:
            cue, head, content = acc
            src = _source(art, head)
            if src is not None and content is not None:
                b.emit(src, cue, content, False, None)
                _note(art, head, src, sent_index)
            continue
        refused = _refusal(tok)
        if not _is_cue(tok) and refused is None:
            continue
        if _raising(tok):
            continue  # "X is expected to say": the cue is the verb under it
        if tok.dep_ == "xcomp" and _verb_lemma(tok.head) in REFUSALS:
            continue  # read with its refusal verb
        cue_tok = refused if refused is not None else tok
        subj = _subject(tok) or _adjacent_subject(tok)
        if subj is None:
            continue
        content = _to_sentence_end(art, cue_tok, _clause_content(art, cue_tok, subj))
        polarity, c0, c1 = _polarity(cue_tok)
        if content is None and polarity != "refused":
            continue  # narration: a verb with no reported content
        src = _source(art, subj)
        if src is None:
            continue
        direct = content is not None and any(q.start <= content.start and content.end <= q.end for q in art.quotes)
        b.emit(src, Span(c0.idx, c1.idx + len(c1)), content, direct, cue_tok, polarity)
        _note(art, subj, src, sent_index)


def _headline(art: _Article, b: _Builder, sent_index: int) -> None:
    """A line-initial "Name: claim" attribution (headlines, transcripts)."""
    toks = [t for t in art.sents[sent_index] if not t.is_space]
    colon = next((k for k, t in enumerate(toks[:6]) if t.text == ":"), None)
    if not colon or any(t.i in b.used for t in toks):
        return
    line_start = art.text.rfind("\n", 0, toks[0].idx) + 1
    line_end = art.text.find("\n", toks[colon].idx)
    line_end = len(art.text) if line_end < 0 else line_end
    name = toks[:colon]
    rest = [t for t in art.doc[toks[colon].i + 1: art.token_at(line_end - 1) + 1] if not t.is_space]
    if art.text[line_start: toks[0].idx].strip() or len([t for t in rest if t.is_alpha]) < 3:
        return
    if not all(t.text[:1].isupper() and t.pos_ in ("PROPN", "NOUN") or t.text == "." for t in name) \
            or name[0].lower_ in HEADLINE_STOP \
            or name[-1].lower_ in HEADLINE_STOP or _bad_head(art, name[-1]):
        return
    src = _source(art, name[-1])
    content = _trimmed(art, rest)
    if src is None or content is None:
        return
    b.emit(src, Span(toks[colon].idx, toks[colon].idx + 1), content, art.text[content.start] in QUOTE_MARKS, None)
    _note(art, name[-1], src, sent_index)


def _note(art: _Article, head: "Token", src: _Source, sentence: int) -> None:
    """Remember a resolved speaker, with the nouns that describe it, for later back-references."""
    if src.speaker is None:
        return
    phrase = [t for t in head.subtree if t.pos_ == "NOUN"] + [
        t for c in head.children if c.dep_ == "appos" for t in c.subtree if t.pos_ == "NOUN"]
    nouns = frozenset(t.lemma_.lower() for t in phrase)
    kind = _kind(art, head, src)
    art.history.append(_Referent(src.span.start, src.speaker, kind, 0, sentence, nouns, src.anonymous))


def _kind(art: _Article, head: "Token", src: _Source) -> str:
    m = art.entity_at(head)
    if m is not None:
        return _ev(m).type
    if head.pos_ == "PRON":
        prior = next((r for r in reversed(art.history) if r.name == src.speaker), None)
        return prior.kind if prior else "PERSON"
    if head.pos_ == "NOUN" and "Number=Plur" in str(head.morph):
        return "GROUP"
    return "PERSON" if head.pos_ in ("PROPN", "NOUN") else "GROUP"


def _referents(art: _Article, sent_index: int) -> None:
    """Add the named people and organizations of one sentence to the history (subjects before objects)."""
    sent = art.sents[sent_index]
    lo, hi = sent.start_char, sent.end_char
    i = bisect_left(art.ent_starts, lo)
    while i < len(art.entities) and art.entities[i].start < hi:
        m = art.entities[i]
        i += 1
        if _ev(m).type not in SPEAKER_TYPES or art.in_quote(m.start):
            continue
        tok = art.doc[art.token_at(m.start)]
        while tok.dep_ in ("compound", "flat", "appos") and tok.head.i != tok.i and m.start <= tok.head.idx < m.end:
            tok = tok.head
        nouns = {t.lemma_.lower() for t in tok.subtree if t.pos_ == "NOUN"}
        if _appositive(tok):  # "a spokesman, John Kirk," is also "the spokesman"
            tok = tok.head
            nouns |= {t.lemma_.lower() for t in _np_tokens(tok) if t.pos_ == "NOUN"}
        role = 0 if tok.dep_ in _SUBJECTS else 2 if tok.dep_ in ("obj", "iobj", "obl", "nmod") else 1
        name = _untitled(art, m).speaker or _ev(m).canonical
        art.history.append(_Referent(m.start, name, _ev(m).type, role, sent_index, frozenset(nouns)))
    for tok in sent:  # pronoun subjects carry their referent forward ("he met Alder" keeps "he")
        if tok.dep_ in _SUBJECTS and tok.lower_ in PRONOUN_KINDS and not art.in_quote(tok.idx):
            src = _pronoun(art, tok)
            if src.speaker:
                _note(art, tok, src, sent_index)
    art.history.sort(key=lambda r: r.offset)


def find(text: str, *, doc: "Doc | None" = None, sentences: Sequence[Span] = (), published: date | None = None,
         entities: Sequence[Mention] = ()) -> list[Mention]:
    """Quote mentions of ``text``: direct and indirect speech with speaker, cue and content spans.

    ``doc`` is the parse of ``text`` (parsed here when not given); ``entities`` are the
    article's entity mentions, whose canonical names speakers resolve to.
    """
    if not isinstance(text, str):
        raise CopydeskError(Code.E201, detail=f"quotes.find needs a str, got {type(text).__name__}")
    if not text.strip():
        return []
    doc = doc if doc is not None and doc.text == text else parse(text)
    art = _Article(text, doc, entities)
    b = _Builder(art)
    qi = 0
    for k, sent in enumerate(art.sents):  # reading order, so back-references see only what came before
        _headline(art, b, k)
        qi = _direct(art, b, qi, sent.end_char)
        _indirect(art, b, k)
        _referents(art, k)
    b.out.sort(key=lambda m: m.start)
    return b.out
