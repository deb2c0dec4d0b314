"""Typed differences between two mentions of one claim, and the claim's status.

Quantities are compared as intervals in base units: a qualifier ("nearly",
"over", "up to") widens a figure into the interval it allows, and an exact
figure is taken with the rounding its written precision implies.
"""

from __future__ import annotations

import difflib
import math
import re
from typing import Mapping, Sequence

from copydesk.align.claims import quote_content, speaker_key
from copydesk.align.resources import WORD_RE
from copydesk.models import Article, Claim, Difference, Entity, Mention, Quantity, Quote, Time
from copydesk.text import parse
from copydesk.verify import resources as R
from copydesk.verify.resources import EXCLUSIVE_CATEGORIES, NEGATION, SCOPE_WORDS

#: Difference types that mean the sources disagree.
DISAGREEING: frozenset[str] = frozenset({"conflict", "polarity", "speaker"})
APPROX = 0.1  # "about 300" allows +-10 %
NEARLY = 0.1  # "nearly 300" allows [270, 300)
EXACT_REL = 0.005
POLARITY_SIMILARITY = 0.75  # statements must otherwise match for a negation to be a polarity flip  # unit conversions equal within 0.5 % are exact

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


def _negated(text: str, m: Mention) -> bool:
    """Whether the verb the mention attaches to is negated in the parse ("did not kill 11").

    A negation in a neighbouring clause ("officials did not say, but 11 died") does not count.
    """
    span = parse(text).char_span(m.start, m.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    tok = span.root
    for _ in range(6):
        if any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in NEGATION) or c.lower_ in ("not", "n't", "never")
               for c in tok.children if c.i < span.start or c.i >= span.end):
            return True
        if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
            return False
        tok = tok.head
    return False


def _scope(text: str, m: Mention) -> frozenset[str]:
    left, right = _sentence_words(text, m, before=40, after=40)
    return frozenset(w for w in left[-4:] + right[:4] if w in SCOPE_WORDS)


def _fmt(q: Quantity, text: str, m: Mention) -> str:
    return f"“{text[m.start:m.end]}”"


def quantity_difference(ma: Mention, ta: str, mb: Mention, tb: str,
                        times: Mapping[str, str | None] | None = None) -> tuple[str, str]:
    """The type of difference between two quantity mentions and a note explaining it."""
    qa, qb = ma.value, mb.value
    assert isinstance(qa, Quantity) and isinstance(qb, Quantity)
    sa, sb = _fmt(qa, ta, ma), _fmt(qb, tb, mb)
    if _negated(ta, ma) != _negated(tb, mb):
        return "polarity", f"{sa} is negated in one article, not in the other"
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


def _short(x: float) -> str:
    return f"{x:,.0f}" if x >= 1 else f"{x:g}"


def date_parts(timex: str) -> tuple[int, ...] | None:
    """(year, month, day) prefix of a TIMEX3 date, or None when it is not a calendar date."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?", timex)
    if not m:
        return None
    return tuple(int(g) for g in m.groups() if g)


def date_difference(ma: Mention, ta: str, mb: Mention, tb: str) -> tuple[str, str]:
    """Same, compatible granularity (bound) or conflict between two date mentions."""
    va, vb = ma.value, mb.value
    assert isinstance(va, Time) and isinstance(vb, Time)
    sa, sb = f"“{ta[ma.start:ma.end]}”", f"“{tb[mb.start:mb.end]}”"
    if _negated(ta, ma) != _negated(tb, mb):
        return "polarity", f"{sa} is negated in one article, not in the other"
    if va.timex == vb.timex:
        return ("same", "") if va.mod == vb.mod else ("bound", f"{sa} ({va.mod}) vs {sb} ({vb.mod})")
    pa, pb = date_parts(va.timex), date_parts(vb.timex)
    if pa is None or pb is None:
        return "wording", f"{sa} ({va.timex}) vs {sb} ({vb.timex})"
    n = min(len(pa), len(pb))
    if pa[:n] == pb[:n]:
        return "bound", f"{sa} ({va.timex}) and {sb} ({vb.timex}) are compatible at different granularity"
    return "conflict", f"{sa} ({va.timex}) vs {sb} ({vb.timex})"


def _words(s: str) -> list[str]:
    return [w.lower() for w in re.findall(r"[\w'’-]+", s)]


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


def quote_difference(ma: Mention, ta: str, mb: Mention, tb: str) -> tuple[str, str]:
    """Verbatim, truncated, drift, speaker or paraphrase between two quote mentions."""
    qa, qb = ma.value, mb.value
    assert isinstance(qa, Quote) and isinstance(qb, Quote)
    wa, da = quoted_words(ma, ta)
    wb, db = quoted_words(mb, tb)
    ka, kb = speaker_key(qa.speaker), speaker_key(qb.speaker)
    if ka and kb and ka != kb and _named(qa) and _named(qb):
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


def statement_difference(ma: Mention, ta: str, mb: Mention, tb: str) -> tuple[str, str]:
    """Category, polarity or wording differences between two statement mentions."""
    va, vb = ma.value, mb.value
    if isinstance(va, Entity) and va.type == "CATEGORY" and isinstance(vb, Entity):
        ca, cb = _category(ma), _category(mb)
        if ca == cb:
            return "same", ""
        if any(ca in s and cb in s for s in EXCLUSIVE_CATEGORIES):
            return "conflict", f"“{ca}” vs “{cb}”"
        return "category", f"“{ca}” vs “{cb}”"
    xa, xb = ta[ma.start:ma.end], tb[mb.start:mb.end]
    na = any(w.lower() in NEGATION or w.lower().endswith("n't") for w in WORD_RE.findall(xa))
    nb = any(w.lower() in NEGATION or w.lower().endswith("n't") for w in WORD_RE.findall(xb))
    wa, wb = _words(xa), _words(xb)
    if na != nb:
        plain_a = [w for w in wa if w not in NEGATION and not w.endswith("n't")]
        plain_b = [w for w in wb if w not in NEGATION and not w.endswith("n't")]
        if difflib.SequenceMatcher(a=plain_a, b=plain_b, autojunk=False).ratio() >= POLARITY_SIMILARITY:
            return "polarity", "one article states it, the other negates it"
        return "wording", "negation in one wording only: " + word_diff(wa, wb)
    if wa == wb:
        return "same", ""
    return "wording", word_diff(wa, wb)


def mention_difference(kind: str, ma: Mention, ta: str, mb: Mention, tb: str,
                       times: Mapping[str, str | None] | None = None) -> tuple[str, str]:
    """Dispatch on the claim kind."""
    if kind == "quantity" and isinstance(ma.value, Quantity) and isinstance(mb.value, Quantity):
        return quantity_difference(ma, ta, mb, tb, times)
    if kind == "date" and isinstance(ma.value, Time) and isinstance(mb.value, Time):
        return date_difference(ma, ta, mb, tb)
    if kind == "quote" and isinstance(ma.value, Quote) and isinstance(mb.value, Quote):
        return quote_difference(ma, ta, mb, tb)
    return statement_difference(ma, ta, mb, tb)


MAX_PAIRS_MENTIONS = 12


def claim_differences(claim: Claim, articles: Mapping[str, Article],
                      times: Mapping[str, str | None] | None = None) -> tuple[Difference, ...]:
    """Differences between every pair of a claim's mentions from different articles."""
    ms = claim.mentions[:MAX_PAIRS_MENTIONS]
    out = []
    for i in range(len(ms)):
        for j in range(i + 1, len(ms)):
            if ms[i].article_id == ms[j].article_id:
                continue
            aa, ab = articles[ms[i].article_id], articles[ms[j].article_id]
            t, note = mention_difference(claim.kind, ms[i], aa.text, ms[j], ab.text, times)
            if claim.kind == "date" and t == "conflict":
                t, note = _deictic_apart(ms[i], aa, ms[j], ab, t, note)
            out.append(Difference(i, j, t, note))  # type: ignore[arg-type]
    return tuple(out)


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
