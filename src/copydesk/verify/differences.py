"""Typed differences between two mentions of one claim, and the claim's status.

Quantities are compared as intervals in base units: a qualifier ("nearly",
"over", "up to") widens a figure into the interval it allows, and an exact
figure is taken with the rounding its written precision implies.

A disagreement is asserted only when it survives (issue 10, item 4): both values
were read with confidence, both mentions state the same frame (predicate, polarity,
modality class), and the values still conflict after qualifier intervals, granularity,
rounding and units. Otherwise the pair is typed ``frame`` (not one statement),
``undetermined`` (a value whose reading is uncertain: a relative date far from its
dateline, a month without its year, a bare figure) or ``update`` (a cumulative count
that a later report puts higher), none of which makes a claim disputed.
"""

from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Callable, Mapping, Protocol, Sequence

from copydesk.align.claims import quote_content, speaker_key
from copydesk.align.resources import EVENT_SYNONYMS, WORD_RE
from copydesk.models import Article, Claim, Difference, Entity, Mention, Quantity, Quote, Span, Time
from copydesk.text import lemma, parse, sentences, span_lemmas
from copydesk.verify import dispute_resources as D
from copydesk.verify import resources as R
from copydesk.verify.resources import EXCLUSIVE_CATEGORIES, NEGATION, SCOPE_WORDS

try:
    from copydesk.align.frames import frame_of as _frame_of
except ImportError:  # a build without claim frames: the parse fallback below reads polarity and modality
    _frame_of = None  # type: ignore[assignment]

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: Resolves a quote's speaker as one article names it to an entity cluster (``EntityIndex.resolve``).
Resolver = Callable[[str, "str | None"], "str | None"]
#: Whether a name, as one article uses it, is a person's (None when the article does not tell).
PersonCheck = Callable[[str, "str | None"], "bool | None"]

#: Difference types that mean the sources disagree.
DISAGREEING: frozenset[str] = frozenset({"conflict", "polarity", "speaker"})
#: Difference types that keep a claim from being agreed without making it disputed.
UNSETTLED: frozenset[str] = frozenset({"update", "undetermined", "frame"})
APPROX = 0.1  # "about 300" allows +-10 %
NEARLY = 0.1  # "nearly 300" allows [270, 300)
EXACT_REL = 0.005  # unit conversions equal within 0.5 % are exact
POLARITY_SIMILARITY = 0.75  # statements must otherwise match for a negation to be a polarity flip

Interval = tuple[float, float, bool, bool]  # low, high, low open, high open


def _base(q: Quantity) -> tuple[float | None, float | None, float | None, float]:
    """Point, low, high in base units and the factor from written to base units."""
    if q.normalized_amount is not None and q.amount not in (None, 0):
        factor = q.normalized_amount / q.amount  # type: ignore[operator]
    elif q.normalized_low is not None and q.low not in (None, 0):
        factor = q.normalized_low / q.low  # type: ignore[operator]
    else:
        factor = 1.0
    amt = q.normalized_amount if q.normalized_amount is not None else (
        q.amount * factor if q.amount is not None else None)
    low = q.normalized_low if q.normalized_low is not None else (q.low * factor if q.low is not None else None)
    high = q.normalized_high if q.normalized_high is not None else (q.high * factor if q.high is not None else None)
    return amt, low, high, factor


def precision(x: float) -> float:
    """The rounding step a figure was written with: 300 -> 100, 310 -> 10, 1.5 -> 0.1."""
    if x == 0 or not math.isfinite(x):
        return 1.0
    x = abs(x)
    if x != round(x):
        s = f"{x:.6f}".rstrip("0")
        return 10.0 ** -(len(s.split(".")[1]))
    n = int(round(x))
    step = 1
    while n % (step * 10) == 0:
        step *= 10
    return float(step)


def step_of(q: Quantity) -> float:
    """The rounding step of a figure in base units.

    The written precision, converted; an exactly converted figure ("186.411 miles")
    keeps the precision of the round figure it came from (300,000 m -> 100,000 m).
    """
    amt, low, _, f = _base(q)
    written = precision(q.amount if q.amount is not None else (q.low or 0)) * abs(f)
    base = amt if amt is not None else low
    return max(written, precision(base) if base is not None else 0.0)


def interval(q: Quantity) -> Interval | None:
    """The values a figure allows, in base units, qualifiers applied (rounding not applied)."""
    amt, low, high, _ = _base(q)
    qual = q.qualifier or "exact"
    if qual == "range" or (amt is None and low is not None and high is not None):
        if low is None or high is None:
            return None
        return (low, high, False, False)
    if amt is None:
        return None
    if qual == "approx":
        d = abs(amt) * APPROX
        return (amt - d, amt + d, False, False)
    if qual == "nearly":
        return (amt - abs(amt) * NEARLY, amt, False, True)
    if qual == "lt":
        return (-math.inf, amt, False, True)
    if qual == "le":
        return (-math.inf, amt, False, False)
    if qual == "gt":
        return (amt, math.inf, True, False)
    if qual == "ge":
        return (amt, math.inf, False, False)
    return (amt, amt, False, False)


def _intersect(a: Interval, b: Interval) -> bool:
    lo, lo_open = (a[0], a[2]) if a[0] > b[0] else (b[0], b[2]) if b[0] > a[0] else (a[0], a[2] or b[2])
    hi, hi_open = (a[1], a[3]) if a[1] < b[1] else (b[1], b[3]) if b[1] < a[1] else (a[1], a[3] or b[3])
    return lo < hi or (lo == hi and not lo_open and not hi_open)


def _sentence_words(text: str, m: Mention, before: int = 60, after: int = 60) -> tuple[list[str], list[str]]:
    """Lower-cased words just before and after a mention, within its sentence-ish window."""
    lo = max(0, m.start - before)
    hi = min(len(text), m.end + after)
    left = text[lo:m.start]
    right = text[m.end:hi]
    left = re.split(r"[.;!?]\s", left)[-1]
    right = re.split(r"[.;!?]\s", right)[0]
    return ([w.lower() for w in WORD_RE.findall(left)], [w.lower() for w in WORD_RE.findall(right)])


@dataclass(frozen=True)
class ValueFrame:
    """What a dispute needs of a mention's claim frame: predicate, polarity, modality, arguments."""

    predicate: str = ""  # lemma of the governing verb or event noun ("" when none)
    word: str = ""  # the predicate as written, lower case (its class is also looked up by its own lemma)
    polarity: str = "positive"  # positive | negative
    modality: str = "asserted"  # asserted | expected | refused | reported | possible
    arguments: frozenset[str] = frozenset()  # lemma or surname of each argument of the predicate
    lemmas: frozenset[str] = frozenset()  # content lemmas of the sentence stating it
    agent: str | None = None  # who did it (subject), by name or lemma
    patient: str | None = None  # to whom or what
    named: frozenset[str] = frozenset()  # the arguments that name an entity (not a common noun's lemma)
    noun: bool = False  # the predicate is a noun ("a 38-year-old resident"): no happening unless an event noun


def value_frame(m: Mention, text: str) -> ValueFrame:
    """The frame ``m`` is the value of: ``copydesk.align.frames.frame_of`` where built, else the parse fallback.

    Arguments are read by name (lemma, surname), not by entity cluster, so that they compare
    with the other sentence's lemmas too. A frame whose predicate is no predicate (a
    determiner, the very noun a figure counts) is read again by the fallback.
    """
    if _frame_of is None:
        return parse_frame(m, text)
    doc = parse(text)
    try:
        f = _frame_of(m, doc)
    except ValueError:  # the mention lies outside the parsed text: nothing to read a frame from
        return ValueFrame()
    if f.predicate_span is not None and not _plausible_predicate(m, doc, f.predicate_span):
        return parse_frame(m, text)
    word = f.predicate_span.of(text).lower() if f.predicate_span is not None else ""
    head = doc.char_span(f.predicate_span.start, f.predicate_span.end, alignment_mode="expand") \
        if f.predicate_span is not None else None
    noun = head is not None and len(head) > 0 and head.root.pos_ in ("NOUN", "PROPN")
    return ValueFrame(f.predicate, word, f.polarity, f.modality, f.arguments, f.lemmas, f.agent, f.patient,
                      getattr(f, "named", frozenset()), noun)


PREDICATE_POS = frozenset({"VERB", "AUX", "NOUN", "ADJ"})


def _plausible_predicate(m: Mention, doc: "Doc", span: Span) -> bool:
    """A verb, event noun or adjective that is not the noun the mention's figure counts."""
    toks = doc.char_span(span.start, span.end, alignment_mode="expand")
    if toks is None or not len(toks) or toks.root.pos_ not in PREDICATE_POS:
        return False
    own = doc.char_span(m.start, m.end, alignment_mode="expand")
    if own is None or not len(own) or m.kind != "quantity":
        return True
    pred = toks.root
    return not (own.root.head.i == pred.i and own.root.dep_ in ("nummod", "compound", "amod"))


MAX_WALK = 8  # heads walked up from a mention to its predicate


def parse_frame(m: Mention, text: str) -> ValueFrame:
    """Predicate, polarity and modality of the clause a mention hangs from, read off the parse.

    A negation counts only on the words from the mention up to its own predicate: "officials
    did not say why, but 11 died" leaves the 11 positive. A figure modifying a noun ("the
    300-metre ship") is an attribute: it has no predicate of its own.
    """
    from copydesk.extract.resources.quotes import DENIALS, EXPECTED_HEADS, POSSIBLE_AUX, REFUSALS, REPORTED_ADVERBS

    doc = parse(text)
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or not len(span):
        return ValueFrame()
    inside = {t.i for t in span}
    sent = span.root.sent
    lemmas = frozenset(span_lemmas(doc, sent.start_char, sent.end_char))
    tok: "Token" = span.root
    negative = False
    for _ in range(MAX_WALK):
        negative = negative or any(c.i not in inside and c.lower_ in D.NEGATORS and c.dep_ in ("advmod", "neg", "det")
                                   for c in tok.children)
        if tok.pos_ in ("VERB", "AUX") or any(c.dep_ == "cop" for c in tok.children) or tok.head is tok:
            break
        if tok.dep_ in ("compound", "amod") and tok.head.pos_ in ("NOUN", "PROPN"):
            return ValueFrame(polarity="negative" if negative else "positive", lemmas=lemmas)
        tok = tok.head
    pred = tok
    modality = "asserted"
    chain = [pred] + ([pred.head] if pred.dep_ == "xcomp" and pred.head is not pred else [])
    for n, t in enumerate(chain):
        lem = t.lemma_.lower()
        if n and lem in REFUSALS | DENIALS:
            modality = "refused"
        elif n and lem in EXPECTED_HEADS and modality == "asserted":
            modality = "expected"
        for c in t.children:
            if c.dep_ == "aux" and c.lower_ in D.FUTURE_AUX and modality == "asserted":
                modality = "expected"
            elif c.dep_ == "aux" and c.lower_ in POSSIBLE_AUX - D.FUTURE_AUX and modality == "asserted":
                modality = "possible"
            elif c.dep_ == "advmod" and c.lower_ in REPORTED_ADVERBS and modality == "asserted":
                modality = "reported"
            elif c.dep_ in ("advmod", "neg") and c.lower_ in D.NEGATORS:
                negative = True
    name = "be" if pred.pos_ not in ("VERB", "AUX") else pred.lemma_.lower()
    nominals = [c for c in pred.children if c.pos_ in ("NOUN", "PROPN") and c.i not in inside and c.dep_ != "compound"]
    role = {c.dep_.split(":")[0]: c.lemma_.lower() for c in reversed(nominals)}
    named = frozenset(c.lemma_.lower() for c in nominals if c.pos_ == "PROPN")
    return ValueFrame(name, pred.lower_, "negative" if negative else "positive", modality,
                      frozenset(c.lemma_.lower() for c in nominals), lemmas, role.get("nsubj"), role.get("obj"), named)


def _event_of(word: str) -> str:
    """The kind of happening a lemma names ("killed", "died" -> death; "deployment" -> use), '' when unknown."""
    if word in D.PREDICATE_CLASSES:
        return D.PREDICATE_CLASSES[word]
    return EVENT_SYNONYMS.get(word, "")


def _predicate_class(f: ValueFrame) -> str:
    """The kind of happening a frame's predicate states, read by its lemma, then by its word's own lemma."""
    for w in (f.predicate, lemma(f.word) if f.word else ""):
        if w and _event_of(w):
            return _event_of(w)
    return ""


def same_predicate(a: ValueFrame, b: ValueFrame, mutual: bool = True) -> bool:
    """Whether two frames state one happening.

    The same lemma, or a light predicate on either side ("the toll rose to 40" states the
    count of whatever it counts); two known kinds of happening must be one kind ("killed" /
    "died", but not "announced" / "struck"). Otherwise each side's predicate, its kind or one
    of its arguments must be found in the other's sentence ("a fire broke out aboard the
    Aldora" / "the Aldora caught fire"); with ``mutual`` false one side suffices (a count,
    already tied to one counted noun: "deployed 50,000 troops" / "the movement of 50,000 troops").
    """
    if a.predicate in D.LIGHT_PREDICATES or b.predicate in D.LIGHT_PREDICATES or a.predicate == b.predicate:
        return True
    ca, cb = _predicate_class(a), _predicate_class(b)
    if ca and cb:
        return ca == cb
    if (a.noun and not ca) or (b.noun and not cb):
        return True  # a figure of a person or thing ("a 38-year-old resident"), not of a happening

    def found(x: ValueFrame, y: ValueFrame) -> bool:
        mine = x.arguments | {x.predicate} | ({_predicate_class(x)} - {""})
        theirs = y.arguments | y.lemmas | {y.predicate} | {_event_of(w) for w in y.lemmas}
        return bool(mine & theirs)

    return (found(a, b) and found(b, a)) if mutual else (found(a, b) or found(b, a))


def frame_mismatch(a: ValueFrame, b: ValueFrame, mutual: bool = True) -> str:
    """Why two mentions do not state one claim ('' when their frames match, polarity aside).

    A modality class of its own, another happening, or a role two named entities fill
    ("Crystal hosted in 1997" / "Jackman hosted in 2009").
    """
    ma, mb = D.MODALITY_CLASS.get(a.modality, a.modality), D.MODALITY_CLASS.get(b.modality, b.modality)
    if ma != mb:
        return f"stated as {a.modality} in one article, {b.modality} in the other"
    if not same_predicate(a, b, mutual):
        return f"different predicates ({a.word or a.predicate} / {b.word or b.predicate})"
    for role, x, y in (("agents", a.agent, b.agent), ("objects", a.patient, b.patient)):
        if x and y and x != y and x in a.named and y in b.named:
            return f"different {role} ({x} / {y})"
    return ""


AGREEING_VALUES = frozenset({"same", "unit", "rounding", "bound"})


def _polarity_or_frame(t: str, fa: ValueFrame, fb: ValueFrame, sa: str, sb: str,
                       mutual: bool = True) -> tuple[str, str] | None:
    """A polarity flip when one value is negated in one article and stated in the other, else a frame mismatch."""
    if fa.polarity == fb.polarity:
        return None
    if t in AGREEING_VALUES and not frame_mismatch(fa, fb, mutual):
        return "polarity", f"{sa} is negated in one article, not in the other"
    return "frame", f"{sa} and {sb}: one is negated and the values differ, so neither denies the other"


def _scope(text: str, m: Mention) -> frozenset[str]:
    left, right = _sentence_words(text, m, before=40, after=40)
    return frozenset(w for w in left[-4:] + right[:4] if w in SCOPE_WORDS)


def _fmt(q: Quantity, text: str, m: Mention) -> str:
    return f"“{text[m.start:m.end]}”"


def quantity_difference(ma: Mention, ta: str, mb: Mention, tb: str,
                        times: Mapping[str, str | None] | None = None, *,
                        published: tuple[str | None, str | None] = (None, None),
                        frames: tuple[ValueFrame, ValueFrame] | None = None) -> tuple[str, str]:
    """The type of difference between two quantity mentions and a note explaining it.

    ``published`` are the two articles' publication stamps (a later, larger cumulative count
    is an update); ``frames`` the mentions' frames when the caller has read them already.
    """
    qa, qb = ma.value, mb.value
    assert isinstance(qa, Quantity) and isinstance(qb, Quantity)
    sa, sb = _fmt(qa, ta, ma), _fmt(qb, tb, mb)
    fa, fb = frames or (value_frame(ma, ta), value_frame(mb, tb))
    t, note = _compare_quantities(ma, ta, mb, tb, times, sa, sb)
    flipped = _polarity_or_frame(t, fa, fb, sa, sb)  # a flip asserts much: both predicates must match
    if flipped is not None:
        return flipped
    if t != "conflict":
        return t, note
    why = frame_mismatch(fa, fb, mutual=False)
    if why:
        return "frame", f"{sa} vs {sb}: {why}, not one statement"
    unsure = unsure_quantity(ma, ta) or unsure_quantity(mb, tb)
    if unsure:
        return "undetermined", f"{sa} vs {sb}: {unsure}"
    part = partial_count(ma, ta) or partial_count(mb, tb)
    if part:
        return "frame", f"{sa} vs {sb}: {part}"
    if not (qa.normalized_unit or qb.normalized_unit):
        da, db = described_noun(ma, ta), described_noun(mb, tb)
        if da != db:
            return "frame", f"{sa if da else sb} qualifies “{da or db}”, {sb if da else sa} counts its own noun"
    update = _update(qa, fa, qb, fb, published, sa, sb)
    if update:
        return "update", update
    return t, note


def _compare_quantities(ma: Mention, ta: str, mb: Mention, tb: str, times: Mapping[str, str | None] | None,
                        sa: str, sb: str) -> tuple[str, str]:
    """The values alone: same, unit, rounding, bound, scope, time or conflict."""
    qa, qb = ma.value, mb.value
    assert isinstance(qa, Quantity) and isinstance(qb, Quantity)
    if _words(ta[ma.start:ma.end]) == _words(tb[mb.start:mb.end]) and qa.normalized_unit == qb.normalized_unit:
        return "same", ""  # the same words: however each was read, case and punctuation never make a difference
    ia, ib = interval(qa), interval(qb)
    if ia is None or ib is None:
        return "wording", f"{sa} vs {sb}: no comparable value"
    same_unit = (qa.unit or "") == (qb.unit or "")
    point_a = ia[0] == ia[1]
    point_b = ib[0] == ib[1]
    if point_a and point_b:
        va, vb = ia[0], ib[0]
        if va == vb or (abs(va - vb) <= EXACT_REL * max(abs(va), abs(vb))):
            if same_unit or (va == vb and qa.unit == qb.unit):
                return "same", ""
            if va != vb and abs(va - vb) > 1e-6 * max(abs(va), abs(vb)):
                return "rounding", f"{sa} ≈ {sb} after unit conversion (rounded)"
            return "unit", f"{sa} = {sb} after unit conversion"
        step = max(step_of(qa), step_of(qb))
        if abs(va - vb) <= step / 2 + 1e-9 * step:
            return "rounding", f"{sa} and {sb} agree within rounding ({_short(step)} {qa.normalized_unit or ''})".rstrip()
        scope_a, scope_b = _scope(ta, ma), _scope(tb, mb)
        if scope_a != scope_b:
            return "scope", f"{sa} and {sb} describe different things: " \
                            f"{'/'.join(sorted(scope_a)) or '(plain)'} vs {'/'.join(sorted(scope_b)) or '(plain)'}"
        if times:
            t_a, t_b = times.get(ma.id), times.get(mb.id)
            if t_a and t_b and t_a != t_b:
                return "time", f"{sa} as of {t_a}, {sb} as of {t_b}"
        return "conflict", f"{sa} vs {sb}"
    if _intersect(ia, ib):
        return "bound", f"{sa} and {sb} are compatible bounds"
    scope_a, scope_b = _scope(ta, ma), _scope(tb, mb)
    if scope_a != scope_b:
        return "scope", f"{sa} and {sb} describe different things"
    # a bound against a rounded figure: allow the figure's rounding
    for q, i_pt, i_bd in ((qa, ia, ib), (qb, ib, ia)):
        if i_pt[0] == i_pt[1]:
            step = step_of(q) / 2
            if _intersect((i_pt[0] - step, i_pt[0] + step, False, False), i_bd):
                return "bound", f"{sa} and {sb} are compatible bounds (within rounding)"
    return "conflict", f"{sa} vs {sb}: the ranges they allow do not overlap"


def partial_count(m: Mention, text: str) -> str:
    """A note when a count is of a part ("three other rifles", "12 more people"), '' when it is not."""
    after = WORD_RE.findall(text[m.end:m.end + 24])
    if after and after[0].lower() in D.PARTIAL_WORDS:
        return f"“{text[m.start:m.end]} {after[0]}” counts a part, not the whole"
    if D.PARTITIVE_BEFORE.search(text[max(0, m.start - 40):m.start]):
        return f"“{text[m.start:m.end]}” is the whole a part is counted from, not the count itself"
    return ""


def described_noun(m: Mention, text: str) -> str:
    """The noun a hyphenated count modifies ("a three-game losing streak" -> streak), '' when it counts its own noun."""
    span = parse(text).char_span(m.start, m.end, alignment_mode="expand")
    if span is None or not len(span):
        return ""
    root = span.root
    if "-" in span.text and root.dep_ in ("compound", "amod"):
        tok = root  # the mention is "three-game" itself
    elif root.dep_ == "nummod" and root.head.dep_ in ("compound", "amod") and "-" in text[span.end_char:root.head.idx]:
        tok = root.head  # "three-game": only the hyphenated modifier describes another noun; "11 crew members" counts
    else:
        return ""
    for _ in range(MAX_WALK):
        if tok.dep_ not in ("compound", "amod") or tok.head is tok:
            break
        tok = tok.head
    return tok.lemma_.lower() if tok.pos_ in ("NOUN", "PROPN") else ""


def unsure_quantity(m: Mention, text: str) -> str:
    """Why a figure was not read with confidence ('' when it was): no value, or neither counted noun nor unit."""
    q = m.value
    if not isinstance(q, Quantity) or interval(q) is None:
        return f"“{text[m.start:m.end]}” has no comparable value"
    if not (q.counted or q.unit or q.normalized_unit):
        return f"“{text[m.start:m.end]}” says neither what it counts nor its unit"
    if re.match(r"0\d", text[m.start:m.end]):
        return f"“{text[m.start:m.end]}” starts with a zero: a piece of a longer number, a date or a code"
    if _in_a_name(m, text):
        return f"“{text[m.start:m.end]}” is part of a name, not a figure"
    return ""


#: "AK-47", "F - 16", "MH 17": a figure glued by a hyphen to letters, or after a short capitalized code, is a name.
_NAME_HYPHEN = re.compile(r"(?:[A-Za-z]\s?-\s?|\b[A-Z]{1,3}\s)$")


def _in_a_name(m: Mention, text: str) -> bool:
    """Whether a figure's words belong to a name: glued to letters by a hyphen, or a flat part of a proper noun."""
    if _NAME_HYPHEN.search(text[max(0, m.start - 4):m.start]):
        return True
    span = parse(text).char_span(m.start, m.end, alignment_mode="expand")
    return span is not None and len(span) > 0 and span.root.dep_ == "flat" and span.root.head.pos_ == "PROPN"


def _cumulative(q: Quantity, f: ValueFrame) -> str:
    """The kind of count that only grows as a story develops (deaths, injuries, arrests, evacuations), or ''."""
    counted = (q.counted or "").lower()
    for w in (counted, counted.split()[-1] if counted else ""):
        if w in D.CUMULATIVE_COUNTED:
            return D.CUMULATIVE_COUNTED[w]
    return _predicate_class(f)


def _stamp(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


def later(published: tuple[str | None, str | None]) -> int:
    """1 when the second stamp is later, -1 when the first is, 0 when unknown or the same time."""
    a, b = _stamp(published[0]), _stamp(published[1])
    if a is None or b is None:
        return 0
    timed = len(published[0] or "") > 10 and len(published[1] or "") > 10 and (a.tzinfo is None) == (b.tzinfo is None)
    x, y = (a, b) if timed else (a.date(), b.date())  # type: ignore[assignment]
    return (x < y) - (x > y)  # type: ignore[operator]


def _update(qa: Quantity, fa: ValueFrame, qb: Quantity, fb: ValueFrame,
            published: tuple[str | None, str | None], sa: str, sb: str) -> str:
    """A note when b and a are one cumulative count at two times, the later report the larger ('' otherwise)."""
    ka, kb = _cumulative(qa, fa), _cumulative(qb, fb)
    if not (ka or kb) or (ka and kb and ka != kb):
        return ""
    order = later(published)
    ia, ib = interval(qa), interval(qb)
    if order == 0 or ia is None or ib is None:
        return ""
    first, second = (ia, sa, published[0]), (ib, sb, published[1])
    (early, s_early, p_early), (late, s_late, p_late) = (first, second) if order > 0 else (second, first)
    if late[0] < early[1]:
        return ""  # a cumulative count that fell between reports is a conflict
    what = D.CUMULATIVE_NAMES.get(ka or kb, "count")
    return (f"{s_early} ({(p_early or '')[:10]}) then {s_late} ({(p_late or '')[:10]}): "
            f"a later report puts the {what} higher, an update rather than a conflict")


def _short(x: float) -> str:
    return f"{x:,.0f}" if x >= 1 else f"{x:g}"


def date_parts(timex: str) -> tuple[int, ...] | None:
    """(year, month, day) prefix of a TIMEX3 date, or None when it is not a calendar date."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?", timex)
    if not m:
        return None
    return tuple(int(g) for g in m.groups() if g)


def date_difference(ma: Mention, ta: str, mb: Mention, tb: str, *,
                    published: tuple[str | None, str | None] = (None, None),
                    frames: tuple[ValueFrame, ValueFrame] | None = None) -> tuple[str, str]:
    """Same, compatible granularity (bound), conflict, or a conflict whose resolution is uncertain (undetermined)."""
    va, vb = ma.value, mb.value
    assert isinstance(va, Time) and isinstance(vb, Time)
    sa, sb = f"“{ta[ma.start:ma.end]}”", f"“{tb[mb.start:mb.end]}”"
    fa, fb = frames or (value_frame(ma, ta), value_frame(mb, tb))
    t, note = _compare_dates(va, vb, sa, sb)
    flipped = _polarity_or_frame(t, fa, fb, sa, sb)
    if flipped is not None:
        return flipped
    if t != "conflict":
        return t, note
    why = frame_mismatch(fa, fb)
    if why:
        return "frame", f"{note}: {why}, not one statement"
    unsure = (unsure_date(ma, ta, published[0]) or unsure_date(mb, tb, published[1])
              or _only_inferred_year(va, ta[ma.start:ma.end], vb, tb[mb.start:mb.end]))
    if unsure:
        return "undetermined", f"{note}: {unsure}"
    return t, note


def _compare_dates(va: Time, vb: Time, sa: str, sb: str) -> tuple[str, str]:
    """The values alone: same, bound (one inside the other), undetermined (not calendar dates) or conflict."""
    if va.timex == vb.timex:
        return ("same", "") if va.mod == vb.mod else ("bound", f"{sa} ({va.mod}) vs {sb} ({vb.mod})")
    pa, pb = date_parts(va.timex), date_parts(vb.timex)
    if pa is None or pb is None:  # a week, a season, "recently": no calendar day to compare
        return "undetermined", f"{sa} ({va.timex}) vs {sb} ({vb.timex}): not both calendar dates"
    n = min(len(pa), len(pb))
    if pa[:n] == pb[:n]:
        return "bound", f"{sa} ({va.timex}) and {sb} ({vb.timex}) are compatible at different granularity"
    return "conflict", f"{sa} ({va.timex}) vs {sb} ({vb.timex})"


def sentence_index(text: str, offset: int) -> int:
    """How many sentences of ``text`` start before ``offset`` (0 for the first sentence)."""
    return max(0, sum(1 for s in sentences(text) if s.start <= offset) - 1)


def unsure_date(m: Mention, text: str, published: str | None) -> str:
    """Why a date's resolution is uncertain ('' when it is not).

    A qualified ("early March") or coarse date (a year: "hosted in 2007" and "in 1987" are
    mostly two happenings, not one dated twice); a date resolved against another date of the
    text ("the same day"); a date resolved against the publication ("Tuesday", "last week")
    when there is none or when it is read far from the dateline, where the story may have
    moved to another week.
    """
    v = m.value
    words = text[m.start:m.end]
    if not isinstance(v, Time):
        return ""
    if v.mod:
        return f"“{words}” is qualified ({v.mod.lower()})"
    parts = date_parts(v.timex)
    coarse = v.granularity if v.granularity in D.COARSE_GRANULARITY else "year" if parts and len(parts) == 1 else ""
    if coarse:
        return f"“{words}” names only a {coarse}, too coarse to tell one happening from another"
    if D.ANAPHORIC_DATE.search(words):
        return f"“{words}” is resolved against another date of the text"
    if re.match(r"\d{4}-\d{2}-\d{2}T", v.timex) and not D.DAY_WORDS.search(words):
        return f"“{words}” is a time of day whose day was inferred"
    if D.DEICTIC_DATE.search(words) and not D.YEAR.search(words):
        if _stamp(published) is None:
            return f"“{words}” is resolved without a publication date"
        if sentence_index(text, m.start) >= D.DATELINE_SENTENCES:
            return f"“{words}” is read far from the dateline"
    return ""


def _only_inferred_year(va: Time, wa: str, vb: Time, wb: str) -> str:
    """A note when two dates differ only in a year one of them does not write ("in May"), else ''."""
    pa, pb = date_parts(va.timex), date_parts(vb.timex)
    n = min(len(pa or ()), len(pb or ()))
    if pa is None or pb is None or n < 2 or pa[1:n] != pb[1:n]:
        return ""
    if D.YEAR.search(wa) and D.YEAR.search(wb):
        return ""
    return "a date without its year: only the year it was given differs"


_SPLIT_CONTRACTION = re.compile(r"(\w)\s*['’]\s*(t|s|re|ve|ll|d|m)\b")  # "didn ’ t" as tokenized text writes it


def _words(s: str) -> list[str]:
    """Lower-case words, apostrophes made straight and contractions rejoined ("didn ’ t" -> "didn't")."""
    return [w.lower() for w in re.findall(r"[\w'-]+", _SPLIT_CONTRACTION.sub(r"\1'\2", s.replace("’", "'")))]


def word_diff(a: Sequence[str], b: Sequence[str], limit: int = 8) -> str:
    """A compact word-level diff: "-removed +added"."""
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=list(a), b=list(b), autojunk=False).get_opcodes():
        if op in ("delete", "replace"):
            out.append("-" + " ".join(a[i1:i2]))
        if op in ("insert", "replace"):
            out.append("+" + " ".join(b[j1:j2]))
    return " ".join(out[:limit]) + (" …" if len(out) > limit else "")


_QUOTED = re.compile(r"[“\"]([^“”\"]+)(?:[”\"]|$)")
FRAGMENT_SHARE = 0.6  # a cut keeps at most this share of the longer quote's words
FRAGMENT_MATCH = 0.7  # ... and most of its own words appear in order in the longer one


def quoted_words(m: Mention, text: str) -> tuple[list[str], bool]:
    """The words a mention puts in quotation marks, and whether it has any (a direct quote)."""
    span = text[max(0, m.start - 1):m.end + 1]  # a content-only span sits just inside its marks
    frags = _QUOTED.findall(span)
    if frags:
        return _words(" ".join(frags)), True
    return _words(quote_content(m, text)), False


def _fragment(long: list[str], short: list[str]) -> bool:
    """Whether ``short`` is a cut-out piece of ``long``: much shorter, its words mostly in order there."""
    if not short or len(short) > FRAGMENT_SHARE * len(long):
        return False
    sm = difflib.SequenceMatcher(a=long, b=short, autojunk=False)
    return sum(b.size for b in sm.get_matching_blocks()) >= FRAGMENT_MATCH * len(short)


def _contains(long: list[str], short: list[str]) -> bool:
    n = len(short)
    return any(long[i:i + n] == short for i in range(len(long) - n + 1))


def _named(q: Quote) -> bool:
    """A speaker given by name: not anonymous, not a description ("the spokesman", "the letter")."""
    name = (q.speaker or "").strip()
    return bool(name) and not q.anonymous and name[:1].isupper() and name.split()[0].lower() not in (
        "the", "a", "an", "this", "that", "his", "her", "their", "its")


def speaker_words(name: str | None) -> list[str]:
    """A speaker's name as compared: lower-case words, without punctuation or leading titles ("Mr.", "President")."""
    words = [w.lower().strip(".'’") for w in WORD_RE.findall(name or "")]
    words = [w for w in words if w]
    while words and words[0] in D.TITLES:
        words = words[1:]
    return words


def speakers_differ(ma: Mention, mb: Mention, resolve: Resolver | None = None,
                    persons: PersonCheck | None = None) -> bool:
    """Whether two quotes name two different people as their speaker.

    Only named speakers can differ ("the letter", "a spokesman" never do), and never when
    their surnames match after case, punctuation and titles ("Mr. Hale" / "Omar Hale"), when
    the story's entity index resolves both names to one entity (an alias), or when ``persons``
    says a name is no person's (an organization or a product read as the speaker).
    """
    qa, qb = ma.value, mb.value
    assert isinstance(qa, Quote) and isinstance(qb, Quote)
    if not (_named(qa) and _named(qb)):
        return False
    wa, wb = speaker_words(qa.speaker), speaker_words(qb.speaker)
    if not wa or not wb or wa[-1] == wb[-1] or speaker_key(qa.speaker) == speaker_key(qb.speaker):
        return False
    if persons is not None and (persons(ma.article_id, qa.speaker) is False
                                or persons(mb.article_id, qb.speaker) is False):
        return False  # an outlet, a police force, a car misread as the speaker: no rival attribution
    if resolve is not None:
        ca, cb = resolve(ma.article_id, qa.speaker), resolve(mb.article_id, qb.speaker)
        if ca and ca == cb:
            return False
    return True


def _speech_act(q: Quote) -> str:
    """The cue's polarity and modality class: a quote said, denied, declined or only expected."""
    return f"{q.polarity}/{D.MODALITY_CLASS.get(q.modality or 'asserted', q.modality or '')}"


def quote_difference(ma: Mention, ta: str, mb: Mention, tb: str, *,
                     resolve: Resolver | None = None, persons: PersonCheck | None = None) -> tuple[str, str]:
    """Verbatim, truncated, drift, speaker or paraphrase between two quote mentions."""
    qa, qb = ma.value, mb.value
    assert isinstance(qa, Quote) and isinstance(qb, Quote)
    wa, da = quoted_words(ma, ta)
    wb, db = quoted_words(mb, tb)
    if _speech_act(qa) != _speech_act(qb):
        return "frame", (f"{qa.speaker or 'the speaker'} {qa.polarity} it in one article, "
                         f"{qb.speaker or 'the speaker'} {qb.polarity} it in the other")
    if speakers_differ(ma, mb, resolve, persons):
        return "speaker", f"attributed to {qa.speaker} in one article, to {qb.speaker} in the other"
    if wa == wb:
        return "verbatim", ""
    if wa and wb and (_contains(wa, wb) or _contains(wb, wa) or _fragment(wa, wb) or _fragment(wb, wa)):
        return "truncated", f"one quote is a shorter cut of the other: {word_diff(wa, wb)}"
    if da != db:
        return "paraphrase", "direct quote vs reported speech" + (f": {word_diff(wa, wb)}" if wa != wb else "")
    return "drift", word_diff(wa, wb)


def _category(m: Mention) -> str:
    v = m.value
    return v.canonical.split(":", 1)[-1] if isinstance(v, Entity) else ""


def _negation_words(words: Sequence[str]) -> bool:
    return any(w in NEGATION or w.endswith("n't") for w in words)


def statement_negated(m: Mention, text: str, frame: ValueFrame | None = None) -> bool:
    """Whether a statement's own predicate is negated or is a denial ("did not strike", "denied the strike").

    Read off the statement's frame (and its main verb, where the frame is the clause it reports),
    so a negation in a neighbouring clause does not count.
    """
    from copydesk.extract.resources.quotes import DENIALS

    f = frame or value_frame(m, text)
    span = parse(text).char_span(m.start, m.end, alignment_mode="expand")
    head = span.root.lemma_.lower() if span is not None and len(span) else ""
    return f.polarity == "negative" or bool({f.predicate, head} & (DENIALS | D.DENIAL_PREDICATES))


def statement_difference(ma: Mention, ta: str, mb: Mention, tb: str, *,
                         frames: tuple[ValueFrame, ValueFrame] | None = None) -> tuple[str, str]:
    """Category, polarity or wording differences between two statement mentions."""
    va, vb = ma.value, mb.value
    if isinstance(va, Entity) and va.type == "CATEGORY" and isinstance(vb, Entity):
        ca, cb = _category(ma), _category(mb)
        if ca == cb:
            return "same", ""
        if any(ca in s and cb in s for s in EXCLUSIVE_CATEGORIES):
            for word, other in ((cb, ta), (ca, tb)):
                if re.search(rf"(?i)\b{re.escape(word)}\b", other):
                    return "frame", f"“{ca}” vs “{cb}”: both articles name a {word} one, so two things are meant"
            return "conflict", f"“{ca}” vs “{cb}”"
        return "category", f"“{ca}” vs “{cb}”"
    xa, xb = ta[ma.start:ma.end], tb[mb.start:mb.end]
    fa, fb = frames or (value_frame(ma, ta), value_frame(mb, tb))
    wa, wb = _words(xa), _words(xb)
    # a flip needs the predicate's own negation and a negation word on one side only: "I didn't feel we
    # were executing" and "I feel we weren't executing" are one statement
    na = statement_negated(ma, ta, fa) and _negation_words(wa)
    nb = statement_negated(mb, tb, fb) and _negation_words(wb)
    if na != nb and _negation_words(wa) != _negation_words(wb):
        plain_a = [w for w in wa if w not in NEGATION and not w.endswith("n't")]
        plain_b = [w for w in wb if w not in NEGATION and not w.endswith("n't")]
        modal = D.MODALITY_CLASS.get(fa.modality, fa.modality) != D.MODALITY_CLASS.get(fb.modality, fb.modality)
        if not modal and difflib.SequenceMatcher(a=plain_a, b=plain_b, autojunk=False).ratio() >= POLARITY_SIMILARITY:
            return "polarity", "one article states it, the other negates it"
        return "wording", "negation in one wording only: " + word_diff(wa, wb)
    if wa == wb:
        return "same", ""
    return "wording", word_diff(wa, wb)


def mention_difference(kind: str, ma: Mention, ta: str, mb: Mention, tb: str,
                       times: Mapping[str, str | None] | None = None, *,
                       published: tuple[str | None, str | None] = (None, None),
                       frames: tuple[ValueFrame, ValueFrame] | None = None,
                       resolve: Resolver | None = None, persons: PersonCheck | None = None) -> tuple[str, str]:
    """Dispatch on the claim kind."""
    if kind == "quantity" and isinstance(ma.value, Quantity) and isinstance(mb.value, Quantity):
        return quantity_difference(ma, ta, mb, tb, times, published=published, frames=frames)
    if kind == "date" and isinstance(ma.value, Time) and isinstance(mb.value, Time):
        return date_difference(ma, ta, mb, tb, published=published, frames=frames)
    if kind == "quote" and isinstance(ma.value, Quote) and isinstance(mb.value, Quote):
        return quote_difference(ma, ta, mb, tb, resolve=resolve, persons=persons)
    return statement_difference(ma, ta, mb, tb, frames=frames)


MAX_PAIRS_MENTIONS = 12


class EntityLookup(Protocol):
    """What differences read of a story's entity index (``align.entities.EntityIndex``): who a speaker is."""

    def resolve(self, article_id: str, name: str | None) -> str | None: ...


def value_key(m: Mention) -> str | None:
    """A mention's value as a comparable key (a date's TIMEX3 value, a figure in base units), None for others."""
    v = m.value
    if isinstance(v, Time) and v.type in ("DATE", "TIME"):
        return "t:" + v.timex[:10]
    if isinstance(v, Quantity):
        i = interval(v)
        return None if i is None or i[0] != i[1] else f"q:{i[0]:.6g}:{v.normalized_unit or v.unit or ''}"
    return None


def stated_values(mentions: Mapping[str, Sequence[Mention]]) -> dict[str, dict[str, list[Mention]]]:
    """Per article, its date and figure mentions by value key (see ``value_key``)."""
    out: dict[str, dict[str, list[Mention]]] = {}
    for aid, ms in mentions.items():
        for m in ms:
            k = value_key(m)
            if k is not None:
                out.setdefault(aid, {}).setdefault(k, []).append(m if m.article_id else replace(m, article_id=aid))
    return out


def claim_differences(claim: Claim, articles: Mapping[str, Article],
                      times: Mapping[str, str | None] | None = None,
                      entities: EntityLookup | None = None,
                      stated: Mapping[str, Mapping[str, Sequence[Mention]]] | None = None) -> tuple[Difference, ...]:
    """Differences between every pair of a claim's mentions from different articles.

    Each mention's frame is read once; speakers compare by entity where ``entities``
    (the story's entity index) is given. With ``stated`` (``stated_values`` of the story), a
    conflict where one article also states the other's value, in the other's frame, is no
    dispute: that article tells the two values apart, so they belong to two things ("she
    hosted in 2007" / "who hosted in 2008", said of another presenter).
    """
    ms = claim.mentions[:MAX_PAIRS_MENTIONS]
    frames: dict[int, ValueFrame] = {}

    def frame(i: int) -> ValueFrame:
        if i not in frames:
            frames[i] = value_frame(ms[i], articles[ms[i].article_id].text)
        return frames[i]

    resolve = entities.resolve if entities is not None else None
    persons = getattr(entities, "person", None)
    out = []
    for i in range(len(ms)):
        for j in range(i + 1, len(ms)):
            if ms[i].article_id == ms[j].article_id:
                continue
            aa, ab = articles[ms[i].article_id], articles[ms[j].article_id]
            pair = (frame(i), frame(j)) if claim.kind != "quote" else None
            t, note = mention_difference(claim.kind, ms[i], aa.text, ms[j], ab.text, times,
                                         published=(aa.published, ab.published), frames=pair, resolve=resolve,
                                         persons=persons)
            if claim.kind == "date" and t == "conflict":
                t, note = _deictic_apart(ms[i], aa, ms[j], ab, t, note)
            if t == "conflict" and stated is not None:
                t, note = _told_apart(ms[i], aa, ms[j], ab, stated, t, note)
            out.append(Difference(i, j, t, note))  # type: ignore[arg-type]
    return tuple(out)


def _told_apart(ma: Mention, aa: Article, mb: Mention, ab: Article,
                stated: Mapping[str, Mapping[str, Sequence[Mention]]], t: str, note: str) -> tuple[str, str]:
    """A conflict one side's own article resolves: it states the other side's value too, as the other side does."""
    for here, there, art, other in ((ma, mb, aa, ab), (mb, ma, ab, aa)):
        k = value_key(there)
        same = [x for x in stated.get(here.article_id, {}).get(k or "", ())
                if (x.start, x.end) != (here.start, here.end)]
        far = value_frame(there, other.text)
        if any(not frame_mismatch(value_frame(x, art.text), far, mutual=False) for x in same):
            words = other.text[there.start:there.end]
            return "frame", f"{note}; {art.source} also states “{words}”, of something else: not one statement"
    return t, note


def _deictic_apart(ma: Mention, aa: Article, mb: Mention, ab: Article, t: str, note: str) -> tuple[str, str]:
    """Two dates that conflict only because each resolves a relative word ("Today", "Wednesday")
    against a publication months apart most likely date two occurrences: a time difference."""
    da, db = aa.published_date, ab.published_date
    if da is None or db is None or abs((da - db).days) <= R.RELATIVE_DATE_WINDOW_DAYS:
        return t, note
    words = (aa.text[ma.start:ma.end], ab.text[mb.start:mb.end])
    if not any(R.DEICTIC_DATE.fullmatch(w.strip()) for w in words):
        return t, note
    return "time", (f"{note}; dated relative to publications {abs((da - db).days)} days apart, "
                    "so probably two different occurrences")
