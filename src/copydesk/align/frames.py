"""Claim frames: what a mention is the value of, read off the parse.

A frame names the predicate a mention belongs to (the governing verb, or an event noun
such as "the attack on Monday"), its arguments (who did it, to whom or what, where),
what kind of value the mention is (a count of a noun, a dimension, the date of an event,
a quote), the clause's own polarity and modality, and who it is attributed to. Alignment
compares frames, so two sentences that share a word but state different facts stay apart.

Everything is read from the one ``Doc`` that ``copydesk.text.parse`` returns (UD labels
of copydesk's own pipeline). Arguments compare by entity key: ``entity_key(start, end)``
maps the character span of an argument to a cross-outlet entity cluster where the caller
has one (``align.entities.EntityIndex``); without it a frame falls back to the argument's
own name (the surname of a person's name) or, for a common noun, its lemma.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterator

from copydesk.align.resources import (
    DIMENSIONS, EVENT_NOUNS, EVENT_SYNONYMS, FUTURE_AUX, LOCATION_CASES, NEGATORS, PLACE_TYPES, STOPWORDS,
    LIGHT_VERBS, SUPPORT_VERBS,
)
from copydesk.errors import Code, CopydeskError
from copydesk.extract.quote_cues import verb_lemma
from copydesk.extract.quotes import cue_lemmas
from copydesk.extract.resources.quotes import (
    DENIALS, EXPECTED_HEADS, POSSIBLE_AUX, REFUSALS, REPORTED_ADVERBS,
)
from copydesk.models import Mention, Quantity, Quote, Span
from copydesk.text import sentence_spans, span_lemmas

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

EntityKey = Callable[[int, int], "str | None"]

AGENT_DEPS = frozenset({"nsubj", "obl:agent", "csubj"})
PATIENT_DEPS = ("obj", "nsubj:pass", "iobj")  # in order of preference
#: Links that keep a dependent inside its head's clause: negation and modality travel along them.
CLAUSE_LINKS = frozenset({"xcomp"})
#: Links a statement is embedded under; the clause above is the one that reports it.
REPORTED_LINKS = frozenset({"ccomp", "parataxis"})
#: Links along which a clause shares the reporter of the clause it hangs from ("said A and B").
SHARED_REPORTER = frozenset({"conj", "xcomp", "advcl"})
NAME_DEPS = frozenset({"flat", "flat:name", "compound"})
NOUN_POS = frozenset({"NOUN", "PROPN"})
#: Case words of obliques that are no patient: time, means, company, cause, the agent.
NON_PATIENT_CASES = frozenset("on by since until during before after for with without because despite amid".split())
MAX_WALK = 12  # heads walked up from a mention before giving up on a predicate
MODALITY_RANK = {"refused": 4, "expected": 3, "possible": 2, "reported": 1, "asserted": 0}


@dataclass(frozen=True)
class Frame:
    """The claim a mention states, as data: predicate, arguments, value type, polarity, modality, source."""

    predicate: str  # lemma of the governing verb or event noun ("" when none)
    predicate_span: Span | None  # its character offsets in the article text
    agent: str | None  # entity key of who did it (subject), None when unknown
    patient: str | None  # entity key of to whom/what (object)
    location: str | None  # entity key of where
    arguments: frozenset[str]  # every entity key in the clause
    value_type: str  # "count:<counted lemma>", a dimension ("length", "money"), "date:<event>", "quote", ""
    polarity: str  # "positive" | "negative"
    modality: str  # "asserted" | "expected" | "refused" | "reported" | "possible"
    attribution: str | None  # entity key of the source it is attributed to ("said X"), None when unattributed
    sentence: Span  # the sentence stating it
    lemmas: frozenset[str]  # content lemmas of the sentence (for similarity)
    named: frozenset[str] = frozenset()  # the keys of ``arguments`` that name an entity (not a common noun's lemma)
    #: lemmas of participial clauses under the predicate with no subject or time of their own: they share its
    #: time ("changed its mind in March, quietly signing the contract" dates the signing too)
    co_predicates: frozenset[str] = frozenset()


def event_class(lemma: str) -> str:
    """The canonical event of a predicate lemma ("authorize" -> "approve"), else the lemma itself."""
    return EVENT_SYNONYMS.get(lemma.lower(), lemma.lower())


def same_predicate(a: str, b: str) -> bool:
    """Whether two predicate lemmas name one happening: the same lemma or event-lexicon synonyms."""
    return bool(a) and bool(b) and (a == b or event_class(a) == event_class(b))


def predicate_lemma(tok: "Token") -> str:
    """A predicate's lemma: a verb's dictionary lemma where it has one (the trained lemmatizer slips on some
    forms, "injuring" -> "injur"), else the parse's."""
    return verb_lemma(tok) if tok.pos_ in ("VERB", "AUX") else tok.lemma_.lower()


def is_event_noun(tok: "Token") -> bool:
    """A noun naming a happening ("attack", "approval"), by the event-noun lexicon (a verb's lemma such as
    "ship" is no event as a noun)."""
    return tok.pos_ == "NOUN" and tok.lemma_.lower() in EVENT_NOUNS


def reporting_verb(lemma: str) -> bool:
    """A verb of saying ("say", "tell") that names no happening of its own ("announce" does, by the lexicon)."""
    return lemma in cue_lemmas() and lemma not in EVENT_SYNONYMS


def _is_cue(tok: "Token") -> bool:
    return tok.pos_ == "VERB" and predicate_lemma(tok) in cue_lemmas()


def _case(tok: "Token") -> str:
    """The case word (preposition) of a nominal dependent, lower case ("" when none)."""
    for c in tok.children:
        if c.dep_ in ("case", "mark") and c.i < tok.i:
            return c.lower_
    return ""


def _name_span(tok: "Token") -> tuple[int, int]:
    """Characters of a nominal's name: the head with its flat and compound parts."""
    toks = [tok] + [c for c in tok.children if c.dep_ in NAME_DEPS]
    lo, hi = min(toks, key=lambda t: t.i), max(toks, key=lambda t: t.i)
    return lo.idx, hi.idx + len(hi)


def _key(tok: "Token", entity_key: EntityKey | None) -> tuple[str | None, bool]:
    """(entity key of an argument, whether it names an entity) for the nominal headed by ``tok``."""
    if "Rel" in tok.morph.get("PronType") and tok.head.dep_ == "acl:relcl" and tok.head.head.i != tok.head.i:
        tok = tok.head.head  # "the coach who spent 11 seasons": the relative pronoun stands for the coach
    start, end = _name_span(tok)
    if entity_key is not None:
        found = entity_key(start, end)
        if found:
            return found, True
    if tok.pos_ == "PRON":
        return None, False  # a pronoun names no one until the entity index resolves it
    if tok.pos_ == "PROPN" or tok.ent_type_:
        parts = [tok] + [c for c in tok.children if c.dep_ in ("flat", "flat:name") or
                         (c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < tok.i)]
        last = max(parts, key=lambda t: t.i)
        return last.lower_, True
    lem = tok.lemma_.lower()
    return (lem if lem and lem not in STOPWORDS else None), False


def _clause_chain(pred: "Token") -> Iterator["Token"]:
    """The predicate and the verbs it is the complement of in one clause ("expected to cut": cut, expect)."""
    tok = pred
    yield tok
    for _ in range(MAX_WALK):
        if tok.dep_ in CLAUSE_LINKS and tok.head.i != tok.i:
            tok = tok.head
            yield tok
        elif tok.pos_ == "NOUN" and tok.dep_ in ("obj", "nsubj", "nsubj:pass") and tok.head.pos_ == "VERB":
            tok = tok.head  # "did not launch the attack": the event noun's own verb
            yield tok
        else:
            return


def _negated(tok: "Token") -> bool:
    """A negator on this very token: ``neg``/``advmod`` "not", "never", or a ``det`` "no" of its arguments."""
    for c in tok.children:
        if c.dep_ == "neg" or (c.dep_ == "advmod" and (c.lower_ in NEGATORS or "Neg" in c.morph.get("Polarity"))):
            return True
        if c.dep_ in ("aux", "aux:pass", "cop") and any(g.lower_ in NEGATORS for g in c.children):
            return True
    return False


def _negative_argument(tok: "Token") -> bool:
    """A core argument with a negative determiner: "no soldiers were killed"."""
    for c in tok.children:
        if c.dep_ in AGENT_DEPS or c.dep_ in PATIENT_DEPS:
            if any(d.dep_ == "det" and (d.lower_ in NEGATORS or "Neg" in d.morph.get("PronType")) for d in c.children):
                return True
    return False


def _polarity(pred: "Token") -> str:
    """Negative when the predicate's own clause is negated; a neighbouring clause never counts."""
    for tok in _clause_chain(pred):
        if _negated(tok) or (tok.i == pred.i and _negative_argument(tok)):
            return "negative"
    return "positive"


def _reporter(pred: "Token") -> "Token | None":
    """The reporting verb that governs the predicate's clause ("X said ..."), if any."""
    tok = pred
    for _ in range(MAX_WALK):
        for c in tok.children:
            if c.dep_ == "parataxis" and _is_cue(c):
                return c  # "..., the army said"
        if tok.dep_ in REPORTED_LINKS and tok.head.i != tok.i and _is_cue(tok.head):
            return tok.head
        if tok.dep_ in SHARED_REPORTER | CLAUSE_LINKS and tok.head.i != tok.i:
            tok = tok.head
            continue
        if tok.pos_ == "NOUN" and tok.head.i != tok.i and tok.head.pos_ == "VERB" and \
                tok.dep_ in ("obj", "nsubj", "nsubj:pass", "obl"):
            tok = tok.head
            continue
        return None
    return None


def _according_to(pred: "Token") -> "Token | None":
    """The nominal of an "according to X" attached in the predicate's clause."""
    for tok in _clause_chain(pred):
        for c in tok.children:
            if c.dep_ == "obl" and any(d.dep_ == "case" and d.lemma_.lower() == "accord" for d in c.children):
                return c
    return None


def _modality(pred: "Token") -> str:
    """How the clause states the predicate: refused, expected, possible, reported or asserted."""
    found = "asserted"

    def take(m: str) -> None:
        nonlocal found
        if MODALITY_RANK[m] > MODALITY_RANK[found]:
            found = m

    for n, tok in enumerate(_clause_chain(pred)):
        lem = predicate_lemma(tok)
        if n and lem in REFUSALS | DENIALS:
            take("refused")
        elif n and lem in EXPECTED_HEADS:
            take("expected")
        for c in tok.children:
            if c.dep_ == "aux" and c.lower_ in FUTURE_AUX:
                take("expected")
            elif c.dep_ == "aux" and c.lower_ in POSSIBLE_AUX - FUTURE_AUX:
                take("possible")
            elif c.dep_ == "advmod" and c.lower_ in REPORTED_ADVERBS:
                take("reported")
        if n and lem in ("say", "report", "believe") and any(c.dep_ == "aux:pass" for c in tok.children):
            take("reported")  # "is said to have killed"
    if _reporter(pred) is not None or _according_to(pred) is not None:
        take("reported")
    return found


def _arguments(pred: "Token", exclude: frozenset[int], entity_key: EntityKey | None
               ) -> tuple[str | None, str | None, str | None, frozenset[str], frozenset[str]]:
    """(agent, patient, location, every argument key, the keys that name entities) of a predicate.

    Tokens in ``exclude`` (the mention's own words, the noun it counts) are the value, not an argument.
    """
    agent = patient = location = None
    keys: set[str] = set()
    named: set[str] = set()

    def key(tok: "Token") -> str | None:
        k, is_name = _key(tok, entity_key)
        if k:
            keys.add(k)
            if is_name:
                named.add(k)
        return k

    deps = list(pred.children)
    if pred.dep_ == "acl" and pred.head.pos_ in NOUN_POS and pred.head.i not in exclude and \
            "Part" in pred.morph.get("VerbForm") and pred.i > pred.head.i:
        patient = key(pred.head)  # "the aid package approved by the minister": the noun it modifies
    for c in deps:
        if c.i in exclude or c.pos_ not in NOUN_POS | {"PRON"} or _is_calendar(c):
            continue
        dep, case = c.dep_, _case(c)
        if any(d.dep_ == "case" and d.lemma_.lower() == "accord" for d in c.children):
            continue  # "according to X" names the source (attribution), not a participant
        if dep in AGENT_DEPS or (pred.pos_ == "NOUN" and (dep == "nmod:poss" or (dep == "nmod" and case == "by"))):
            agent = agent or key(c)
        elif dep in PATIENT_DEPS or (pred.pos_ == "NOUN" and dep == "nmod" and case in ("of", "on", "against")):
            patient = patient or key(c)
        elif dep in ("obl", "nmod") and case in LOCATION_CASES and _is_place(c):
            location = location or key(c)
        elif dep in ("obl", "nmod", "appos"):
            if patient is None and dep == "obl" and case not in NON_PATIENT_CASES and not _is_place(c) \
                    and c.pos_ in NOUN_POS and not _is_calendar(c):
                patient = key(c)  # "struck at the port": no object, the oblique it acts on
            else:
                key(c)
    for c in deps:  # a place hung on a participant ("troops in Syria", "the convoy near Kaduna") places it too
        for d in c.children if c.pos_ in NOUN_POS and location is None else ():
            if d.dep_ == "nmod" and _case(d) in LOCATION_CASES and _is_place(d):
                location = key(d)
                break
    return agent, patient, location, frozenset(keys), frozenset(named)


def _is_calendar(tok: "Token") -> bool:
    return tok.like_num or tok.lower_ in _CALENDAR_WORDS or tok.ent_type_ in ("DATE", "TIME")


def _is_place(tok: "Token") -> bool:
    """A place: typed so by the recognizer, or a proper noun that is no month or weekday (the recognizer's
    types are too unsure to rule a name out: after "in" or "at" a name is nearly always a place)."""
    return tok.ent_type_ in PLACE_TYPES or (tok.pos_ == "PROPN" and not _is_calendar(tok))


_CALENDAR_WORDS = frozenset("""january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday""".split())


def _sentence(doc: "Doc", tok: "Token") -> Span:
    """The (trimmed) sentence holding a token, from the spans kept on the Doc (``Token.sent`` walks them all)."""
    spans = sentence_spans(doc)
    starts = doc.user_data.get(_STARTS_KEY)
    if starts is None or len(starts) != len(spans):
        starts = doc.user_data[_STARTS_KEY] = [s.start for s in spans]
    k = bisect_right(starts, tok.idx) - 1
    if k >= 0 and tok.idx < spans[k].end:
        return spans[k]
    s = tok.sent
    return Span(s.start_char, s.end_char)


def _lemmas(doc: "Doc", sent: Span) -> frozenset[str]:
    """Content lemmas of a sentence, kept on the Doc (every mention of the sentence asks again)."""
    kept = doc.user_data.setdefault(_LEMMAS_KEY, {})
    found = kept.get(sent.start)
    if found is None:
        found = kept[sent.start] = frozenset(w for w in span_lemmas(doc, sent.start, sent.end) if w not in STOPWORDS)
    return found


_LEMMAS_KEY = "copydesk.align.sentence_lemmas"
_STARTS_KEY = "copydesk.align.sentence_starts"


def _build(doc: "Doc", pred: "Token | None", anchor: "Token", value_type: str, exclude: frozenset[int],
           entity_key: EntityKey | None) -> Frame:
    sent = _sentence(doc, anchor)
    if pred is None:  # no predicate found (often a misparse): the value's own noun still says where
        location, args, named = _own_place(anchor, entity_key)
        return Frame("", None, None, None, location, args, value_type, "positive", "asserted", None, sent,
                     _lemmas(doc, sent), named)
    agent, patient, location, args, named = _arguments(pred, exclude, entity_key)
    rep = _reporter(pred)
    src = None
    if rep is not None:
        subj = next((c for c in rep.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
        if subj is not None:
            src, is_name = _key(subj, entity_key)
            if src and is_name:
                named |= {src}
    else:
        acc = _according_to(pred)
        if acc is not None:
            src, is_name = _key(acc, entity_key)
            if src and is_name:
                named |= {src}
    if src:
        args |= {src}
    return Frame(predicate_lemma(pred), Span(pred.idx, pred.idx + len(pred)), agent, patient, location, args,
                 value_type, _polarity(pred), _modality(pred), src, sent, _lemmas(doc, sent), named,
                 _co_predicates(pred))


def _own_place(noun: "Token", entity_key: EntityKey | None) -> tuple[str | None, frozenset[str], frozenset[str]]:
    """(location, argument keys, named keys) of the places hung on a value's noun ("30 people in Uganda")."""
    head = noun if noun.pos_ in NOUN_POS else noun.head
    for d in head.children:
        if d.dep_ == "nmod" and _case(d) in LOCATION_CASES and _is_place(d):
            k, is_name = _key(d, entity_key)
            if k:
                return k, frozenset({k}), frozenset({k}) if is_name else frozenset()
    return None, frozenset(), frozenset()


def _co_predicates(pred: "Token") -> frozenset[str]:
    """Lemmas of the non-finite clauses under a predicate that have no subject and no time of their own."""
    out = set()
    for c in pred.children:
        if c.dep_ not in ("advcl", "conj", "xcomp") or c.pos_ != "VERB" or "Fin" in c.morph.get("VerbForm"):
            continue
        if any(d.dep_ in ("nsubj", "nsubj:pass", "mark") or (d.dep_ in ("obl", "obl:unmarked", "nmod:unmarked")
                                                              and _is_calendar(d)) for d in c.children):
            continue
        out.add(predicate_lemma(c))
    return frozenset(out)


def _descend(pred: "Token") -> "Token":
    """From a raising, refusal, reporting or support verb to the happening it governs ("expected to cut" -> cut,
    "the approval came on May 2" -> approval)."""
    for _ in range(MAX_WALK):
        lem = predicate_lemma(pred)
        if lem in LIGHT_VERBS:
            obj = next((c for c in pred.children if c.dep_ == "obj" and is_event_noun(c)), None)
            if obj is not None:
                return obj  # "caught fire", "launched an attack": the happening is the object
        if lem in SUPPORT_VERBS:
            subj = next((c for c in pred.children if c.dep_ in ("nsubj", "nsubj:pass") and is_event_noun(c)), None)
            if subj is None and pred.dep_ == "acl" and is_event_noun(pred.head):
                subj = pred.head  # "the second shipment coming in May": the shipment is the happening
            if subj is not None:
                return subj
        elif lem not in EXPECTED_HEADS | REFUSALS | DENIALS | LIGHT_VERBS and \
                not (_is_cue(pred) and lem in ("say", "report")):
            return pred
        nxt = next((c for c in pred.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
        if nxt is None:
            return pred
        pred = nxt
    return pred


def frame_at(doc: "Doc", token_i: int, entity_key: EntityKey | None = None) -> Frame:
    """The frame of the predicate at token index token_i (a verb or event noun)."""
    tok = doc[token_i]
    return _build(doc, tok, tok, "", frozenset(), entity_key)


def _governing(root: "Token", inside: frozenset[int], counted: "Token | None") -> "Token | None":
    """The predicate a value hangs from: walking heads from its root to a verb or an event noun."""
    tok = root
    for _ in range(MAX_WALK):
        if tok.head.i == tok.i:
            break
        tok = tok.head
        if tok.i in inside:
            continue
        if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.dep_ == "ROOT"):
            return _descend(tok)
        if is_event_noun(tok) and (counted is None or tok.i != counted.i):
            return tok
    if root.i not in inside or root.head.i != root.i:
        return None
    # the value is the clause's own head ("The range is 300 km"): its subject is what it is the value of
    subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
    return subj if subj is not None and is_event_noun(subj) else None


def _mention_tokens(doc: "Doc", m: Mention) -> "list[Token]":
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return list(span) if span is not None and len(span) else []


def _root(toks: "list[Token]") -> "Token":
    idx = {t.i for t in toks}
    return next((t for t in toks if t.head.i not in idx or t.head.i == t.i), toks[0])


def value_type(m: Mention, doc: "Doc", event: str = "") -> str:
    """What a mention's value is: "count:<lemma>", a dimension, "date:<event>", "quote", or ""."""
    v = m.value
    if isinstance(v, Quantity):
        dim = DIMENSIONS.get(v.normalized_unit, v.normalized_unit or "count")
        if dim != "count":
            return dim
        counted = _counted_token(doc, m)
        words = (v.counted or "").split()
        lem = counted.lemma_.lower() if counted is not None else (words[-1].lower() if words else "")
        return f"count:{lem}" if lem else "count"
    if m.kind == "time":
        return f"date:{event_class(event)}" if event else "date"
    if isinstance(v, Quote):
        return "quote"
    return ""


def _counted_token(doc: "Doc", m: Mention) -> "Token | None":
    """The noun a count counts: the counted span's head, else the noun the number modifies."""
    v = m.value
    if isinstance(v, Quantity) and v.counted_span is not None:
        span = doc.char_span(v.counted_span.start, v.counted_span.end, alignment_mode="expand")
        if span is not None and len(span):
            return span.root
    toks = _mention_tokens(doc, m)
    if not toks:
        return None
    root = _root(toks)
    if root.pos_ == "NOUN":
        return root
    if root.dep_ in ("nummod", "compound") and root.head.pos_ in NOUN_POS:
        return root.head  # "11,000 troops", "a 10-game stretch"
    return None


def _described(counted: "Token") -> "Token | None":
    """The noun a count-compound describes ("a three-game losing streak" -> streak), None for a plain count."""
    tok = counted
    for _ in range(MAX_WALK):
        if tok.dep_ not in ("compound", "amod") or tok.head.i == tok.i:
            break
        tok = tok.head
    return tok if tok.i != counted.i and tok.pos_ in NOUN_POS else None


def frame_of(mention: Mention, doc: "Doc", entity_key: EntityKey | None = None) -> Frame:
    """The frame a mention (quantity, date, quote, statement) is the value of: its governing predicate.

    E403 when the mention covers no token of ``doc`` (it is not a span of the parsed text).
    """
    toks = _mention_tokens(doc, mention)
    if not toks:
        raise CopydeskError(Code.E403, detail=f"mention {mention.start}..{mention.end} covers no token of the parsed text")
    v = mention.value
    if isinstance(v, Quote):
        return _quote_frame(mention, v, doc, toks, entity_key)
    if mention.kind == "entity":  # a statement: the sentence's main predicate
        pred = _descend(_root(toks)) if _root(toks).pos_ in ("VERB", "AUX", "NOUN") else _root(toks)
        pred = _reported(pred)
        return _build(doc, pred, toks[0], "", frozenset(), entity_key)
    inside = frozenset(t.i for t in toks)
    counted = _counted_token(doc, mention) if isinstance(v, Quantity) else None
    exclude = inside | ({counted.i} if counted is not None else set())
    root = _root(toks)
    described = _described(counted) if counted is not None else None
    # a count that describes another noun states a property of that noun, not a count of happenings
    pred = described if described is not None else _governing(root, inside, counted)
    if pred is not None and counted is not None and is_event_noun(counted) and _is_cue(pred):
        pred = counted  # "officials reported 40 deaths": the deaths, not the report
    vt = value_type(mention, doc, predicate_lemma(pred) if pred is not None else "")
    return _build(doc, pred, root, vt, frozenset(exclude), entity_key)


def _reported(pred: "Token") -> "Token":
    """The reported clause of a reporting verb ("Officials said the port reopened" -> reopened)."""
    if _is_cue(pred):
        comp = next((c for c in pred.children if c.dep_ == "ccomp"), None)
        if comp is not None:
            return comp
    return pred


def _quote_frame(m: Mention, q: Quote, doc: "Doc", toks: "list[Token]", entity_key: EntityKey | None) -> Frame:
    """A quote's frame: the cue verb its speaker said it with; the speaker is agent and source."""
    cue = None
    if q.cue_span is not None:
        span = doc.char_span(q.cue_span.start, q.cue_span.end, alignment_mode="expand")
        cue = span.root if span is not None and len(span) else None
    anchor = cue or toks[0]
    sent = _sentence(doc, anchor)
    speaker: str | None = None
    named: frozenset[str] = frozenset()
    if q.speaker_span is not None:
        span = doc.char_span(q.speaker_span.start, q.speaker_span.end, alignment_mode="expand")
        if span is not None and len(span):
            speaker, is_name = _key(span.root, entity_key)
            named = frozenset({speaker}) if speaker and is_name else frozenset()
    if speaker is None and q.speaker:
        words = [w for w in q.speaker.split() if w[:1].isupper()] or q.speaker.split()
        speaker = words[-1].lower() if words else None
        named = frozenset({speaker}) if speaker else frozenset()
    polarity = "negative" if q.polarity in ("negated", "denied") else "positive"
    modality = {"refused": "refused"}.get(q.polarity, q.modality or ("reported" if speaker else "asserted"))
    if modality not in MODALITY_RANK:
        modality = "reported"
    args = frozenset({speaker}) if speaker else frozenset()
    return Frame(predicate_lemma(cue) if cue is not None else "", Span(cue.idx, cue.idx + len(cue)) if cue else None,
                 speaker, None, None, args, "quote", polarity, modality, speaker, sent, _lemmas(doc, sent), named)


def to_json(frame: Frame, text: str) -> dict[str, Any]:
    """A frame as the report's ``frame`` object; the predicate's words are the article's own slice."""
    ps = frame.predicate_span
    return {
        "predicate": frame.predicate or None,
        "predicate_span": None if ps is None else {"start": ps.start, "end": ps.end, "text": text[ps.start:ps.end]},
        "agent": frame.agent, "patient": frame.patient, "location": frame.location,
        "arguments": sorted(frame.arguments), "value_type": frame.value_type or None,
        "polarity": frame.polarity, "modality": frame.modality, "attribution": frame.attribution,
        "sentence": {"start": frame.sentence.start, "end": frame.sentence.end},
    }
