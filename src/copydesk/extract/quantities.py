"""Quantity extraction: numbers with units, currencies, qualifiers and ranges, by regex.

One compiled regex finds number "atoms" (currency? number scale? unit?); Python then
drops non-quantities (years, dates, clock times, ordinals, phone numbers, "No. 10"),
merges adjacent atoms into ranges ("5-10%", "between $1m and $1.5m"), reads the
qualifier before ("nearly", "up to") and what is counted after ("troops").
Normalization to base units uses factors computed once with pint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import re
from datetime import date
from functools import lru_cache
from typing import Sequence

from copydesk.extract import quantity_patterns as P
from copydesk.extract.resources import numbers as N
from copydesk.extract.resources import units as U
from copydesk.errors import Code, CopydeskError
from copydesk.models import Mention, Quantity, Span
from copydesk.text import parse

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


_PINT_NAMES = {"m": "meter", "m^2": "meter**2", "m^3": "meter**3", "L": "liter", "kg": "kilogram",
               "s": "second", "m/s": "meter/second", "J": "joule", "W": "watt", "Hz": "hertz",
               "B": "byte", "bit": "bit", "Gy": "gray", "K": "kelvin", "degC": "degC"}


@lru_cache(maxsize=1)
def _registry():  # type: ignore[no-untyped-def]
    import pint

    return pint.UnitRegistry()


@lru_cache(maxsize=None)
def _factor(unit: str) -> float | None:
    """Multiplier from ``unit`` to its normalized unit (None for offset units)."""
    expr, norm, _ = U.UNITS[unit]
    if expr is None or norm is None or unit in ("degC", "degF"):
        return 1.0 if expr is None or unit == "degC" else None
    import pint

    ureg = _registry()
    try:
        return float(ureg.parse_expression(expr).to(_PINT_NAMES[norm]).magnitude)
    except (pint.errors.PintError, KeyError, ValueError):  # a lexicon entry pint cannot convert: keep the figure as written
        return 1.0 if expr == norm else None


def _normalize(value: float | None, unit: str | None) -> float | None:
    if value is None or unit is None:
        return value
    if unit in U.CURRENCY_MINOR.values() or unit in U.CURRENCY_CODES:
        return value
    if unit not in U.UNITS:
        return value
    f = _factor(unit)
    if f is None:  # Fahrenheit
        return (value - 32.0) * 5.0 / 9.0
    return value * f


def _word_value(s: str) -> float | None:
    """Value of a spelled-out number: "three hundred", "twenty-five", "two thirds"."""
    toks = [t for t in re.split(r"[\s,&-]+", s.lower()) if t and t != "and"]
    if toks in (["a"], ["an"]):
        return 1.0
    if toks and toks[0] in ("a", "an"):
        toks[0] = "one"
    half = False
    if toks[-2:] == ["a", "half"]:
        toks, half = toks[:-2], True
    den = None
    if toks and toks[-1] in N.DENOMINATORS and not (len(toks) == 1 and toks[0] in N.GROUP_WORDS):
        den = N.DENOMINATORS[toks[-1]]
        toks = toks[:-1] or ["one"]
    elif toks and toks[-1] in N.GROUP_WORDS and toks[-1] != "dozen":
        return N.GROUP_WORDS[toks[-1]] * (_word_value(" ".join(toks[:-1])) or 1 if len(toks) > 1 else 1)
    total, cur = 0.0, 0.0
    for t in toks:
        if t in N.UNITS_WORDS:
            cur += N.UNITS_WORDS[t]
        elif t == "hundred":
            cur = (cur or 1) * 100
        elif t == "dozen":
            cur = (cur or 1) * 12
        elif t in N.MULTIPLIERS:
            total += (cur or 1) * N.MULTIPLIERS[t]
            cur = 0
        else:
            return None
    v = total + cur
    if den:
        v = v / den
    return v + 0.5 if half else v


def _digit_value(s: str) -> float | None:
    s = s.replace("−", "-").strip()
    frac = 0.0
    for ch, v in N.UNICODE_FRACTIONS.items():
        if s.endswith(ch):
            frac, s = v, s[:-1].strip()
            break
    if not s:
        return frac
    parts = s.split()
    if len(parts) == 2 and "/" in parts[1]:
        a, b = parts[1].split("/")
        if float(b) == 0:
            return None
        return float(parts[0]) + float(a) / float(b)
    if "/" in s:
        a, b = s.split("/")
        return None if float(b) == 0 else float(a) / float(b)
    sci = re.search(r"\s?[×x]\s?10\^?([-−]?\d+)$", s)
    if sci:
        s = s[:sci.start()] + "e" + sci.group(1).replace("−", "-")
    try:
        return float(s.replace(",", "").replace(" ", "")) + frac
    except ValueError:
        return None


class _Atom:
    """One number with its currency, scale and unit, before range merging."""

    __slots__ = ("start", "end", "value", "unit", "currency", "digits", "hyphen", "raw", "m")

    def __init__(self, start: int, end: int, value: float, unit: str | None, currency: str | None,
                 digits: bool, hyphen: bool, raw: str, m: re.Match[str]) -> None:
        self.start, self.end, self.value, self.unit = start, end, value, unit
        self.currency, self.digits, self.hyphen, self.raw, self.m = currency, digits, hyphen, raw, m


def _atom(text: str, m: re.Match[str]) -> _Atom | None:
    """Read one regex match, or None when it is not a quantity."""
    dnum, wnum = m.group("dnum"), m.group("wnum")
    raw = dnum or wnum or ""
    value = _digit_value(dnum) if dnum else _word_value(wnum or "")
    if value is None:
        return None
    start, end = m.start(), m.end()
    if wnum and wnum.strip().lower() in ("dozen", "hundred", "thousand", "million", "billion", "trillion"):
        return None  # "several hundred years": no number to read
    cur = None
    if m.group("cur"):
        cur = U.CURRENCY_SYMBOLS[m.group("cur")]
    elif m.group("code"):
        cur = m.group("code")
    scale, unit_s = m.group("scale"), m.group("unit")
    unit = None
    if unit_s is not None:
        unit = P.UNIT_LOOKUP.get(unit_s) or P.UNIT_LOOKUP.get(unit_s.lower())
    if m.group("csym"):
        cur = cur or U.CURRENCY_SYMBOLS.get(m.group("csym"))
    if m.group("csuf"):
        suf = m.group("csuf")
        cur = cur or (suf if suf in U.CURRENCY_CODES else U.CURRENCY_WORDS.get(suf) or U.CURRENCY_WORDS.get(suf.lower()))
    # a currency amount: "m"/"t" after it are scale words, not metres/tonnes
    if cur and unit_s in ("m", "t", "b") and not scale:
        scale, unit, unit_s = unit_s, None, None
    scale_end = m.end("scale") if m.group("scale") else m.end("unit") if scale else -1
    mult = 1.0
    if scale:
        if scale in ("B", "M", "T") and not cur and unit is None and scale == "B":
            unit, scale = "B", None
        else:
            mult = U.CURRENCY_SCALES.get(scale, U.SCALES.get(scale, 1.0))
    if cur and unit:  # "$5 per kg" style handled by PER; a unit after money ends the atom
        end = m.start("unit") - len(m.group("usp") or "")
        unit, unit_s = None, None
    if unit_s is not None and unit is not None:
        after = text[m.end("unit"):m.end("unit") + 12]
        if unit_s in U.AMBIGUOUS_SHORT or unit_s in ("s", "m", "h", "min", "in"):
            nxt = P.WORD.match(after.lstrip())
            spaced = after[:1] == " "
            rest = after.lstrip()[:1]
            if unit_s in ("in", "am", "s"):
                bad = spaced and (rest.isdigit() or (nxt is not None and (
                    nxt.group().lower() in N.COUNTED_STOP or nxt.group()[0].isupper())))
            else:
                bad = bool(nxt and spaced and nxt.group().lower() in ("a", "an", "the", "and", "or"))
            if not dnum or bad:
                end = m.start("unit") - len(m.group("usp") or "")
                unit = None
            elif unit_s == "s" and not (m.group("usp") or ""):
                return None  # "1990s"
        if unit in ("pm", "am") and dnum:
            frac = dnum.split(".")[1] if "." in dnum else ""
            if "." not in dnum and value <= 12 or (len(frac) == 2 and int(frac) < 60):
                return None
    if unit is None and end > start:
        end = max(start, scale_end if scale else (m.end("dnum") if dnum else m.end("wnum")))
        if m.group("close") and m.group("paren"):
            end = m.end()
        if m.group("csym") or m.group("csuf"):
            end = m.end()
    if cur in U.CURRENCY_MINOR:
        base, f = U.CURRENCY_MINOR[cur]
        cur, mult = base, mult * f
    neg = bool(m.group("neg") or m.group("neg2")) or bool(m.group("paren") and m.group("close") and cur)
    value = value * mult
    if neg:
        value = -value
    if not m.group("paren") or not m.group("close") or not cur:
        if m.group("paren"):
            start += 1
        if m.group("close") and end == m.end():
            end -= 1
    # a bare number: skip years, dates, clock times, ordinals, "No. 10", phone numbers
    if unit is None and cur is None:
        if not raw:
            return None
        nxt = text[end:end + 1]
        if dnum and nxt.isalpha() and not scale:
            return None
        if wnum and wnum.strip().lower() in ("one", "a", "an", "dozen", "hundred", "thousand",
                                             "million", "billion", "trillion") and not scale:
            return None
        if re.search(r"(?:1[5-9]|20)\d\d[-–/]$", text[max(0, start - 5):start]):
            return None
        if dnum and not scale and re.fullmatch(r"1[5-9]\d\d|20\d\d", dnum):
            return None
        before = text[max(0, start - 12):start]
        if P.NOT_NUMBER_BEFORE.search(before) or P.MONTH_BEFORE.search(before):
            return None
        if P.MONTH_AFTER.match(text, end) or P.CLOCK_AFTER.match(text, end):
            return None
    return _Atom(start, end, value, unit, cur, bool(dnum), "-" in (m.group("usp") or ""), raw, m)


#: Number words that head the noun they count through "of": "thousands of troops", "a dozen of them".
_OF_HEADS = frozenset({"hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion",
                       "billions", "dozen", "dozens", "%", "percent", "per", "cent", "score", "scores"})


def _counted_from_parse(doc: "Doc", start: int, end: int, need_of: bool) -> tuple[str, Span] | None:
    """What the number at start..end counts, read off the parse: the noun it modifies or, through
    "of", the noun its head takes ("50,000 troops", "thousands of troops", "40% of voters").

    Returns the counted noun's lemma and its span, or None when the parse names no noun.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    tok = span.root  # the number's own parts ("1.5 million", "40 %", "three-quarters") sit under it
    candidates: list["Token"] = []
    head = tok.head
    if not need_of and tok.dep_ in ("nummod", "det", "amod", "compound") and head is not tok \
            and head.pos_ in ("NOUN", "PROPN") and head.i >= span.end:
        candidates.append(head)
    if tok.lower_ in _OF_HEADS or tok.text == "%" or need_of or tok.pos_ in ("NUM", "NOUN", "PRON"):
        for child in tok.children:
            if child.dep_ in ("nmod", "obl") and child.i > tok.i and any(c.lower_ == "of" for c in child.children):
                candidates.append(child)
    for c in candidates:
        if c.pos_ in ("NOUN", "PROPN") and not c.like_num and c.is_alpha:
            return c.lemma_.lower(), Span(c.idx, c.idx + len(c))
    return None


def _modified_noun(doc: "Doc", start: int, end: int) -> tuple[str, Span] | None:
    """The noun a compound measure modifies: "a 300-km range" measures the range."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    head = span[-1].head
    if head.i >= span.end and head.pos_ in ("NOUN", "PROPN") and head.is_alpha:
        return head.lemma_.lower(), Span(head.idx, head.idx + len(head))
    return None


def _rate_range(text: str, a: _Atom, b: _Atom) -> Mention | None:
    """A range of rates written in full on both sides: "$350 per kg to $680 per kg"."""
    if not (a.unit or a.currency) or (a.unit, a.currency) != (b.unit, b.currency):
        return None
    apm, bpm = P.PER.match(text, a.end), P.PER.match(text, b.end)
    if apm is None or bpm is None or apm.group("per") != bpm.group("per"):
        return None
    if not P.RANGE_GAP.fullmatch(text, apm.end(), b.start):
        return None
    qs = P.QUALIFIER.search(text, max(0, a.start - 40), a.start)
    start = qs.start() if qs and qs.group("q").lower() in ("between", "from") else a.start
    unit = None if a.currency else a.unit
    q = Quantity(amount=None, low=a.value, high=b.value, unit=a.currency or a.unit, qualifier="range",
                 normalized_low=_normalize(a.value, unit), normalized_high=_normalize(b.value, unit),
                 normalized_unit=a.currency or (U.UNITS[a.unit][1] if a.unit else None),
                 per=apm.group("per").lower())
    return Mention("quantity", start, bpm.end(), q)


def _not_quantities(text: str) -> list[tuple[int, int]]:
    """Spans whose numbers are no quantity: web addresses, times of day, numeric dates,
    capitalized months before a day, short years, designations ("AK-47") and street addresses.

    Their digits would otherwise read as counts ("18: 50 IST" as 18 and 50) and be set
    against real figures of another article.
    """
    spans = [(m.start(), m.end()) for pat in (P.URL, P.CLOCK, P.NUMERIC_DATE, P.CAPS_MONTH_DAY)
             for m in pat.finditer(text)]
    spans += [(m.start("t"), m.end("t")) for m in P.CLOCK_AT.finditer(text)]
    spans += [m.span("y") if m.group("y") else m.span("y2") for m in P.SHORT_YEAR.finditer(text)]
    spans += [m.span("n") for pat in (P.DESIGNATION, P.ADDRESS) for m in pat.finditer(text)]
    return spans


def _is_record(text: str, a: _Atom, b: _Atom) -> bool:
    """A bare "A-B" of two whole numbers that is a won-lost record or a score, not a range.

    It is one when it falls (88-72), when a record noun follows ("a 9-14 start"), or when
    the words before name a record ("a record of 9-14", "he was 162-139").
    """
    if a.unit or b.unit or a.currency or b.currency or not (a.digits and b.digits):
        return False
    if not re.fullmatch(r"\s?[-–]\s?", text[a.end:b.start]) or "." in a.raw + b.raw:
        return False
    if a.value >= b.value:
        return True
    nxt = P.WORD.match(text, b.end + 1) if text[b.end:b.end + 1] == " " else None
    if nxt and (nxt.group().lower() in N.RECORD_NOUNS or nxt.group().lower() == "on"
                and text[nxt.end():nxt.end() + 11] == " the season"):
        return True
    before = text[max(0, a.start - 20):a.start].lower().rstrip(" (")
    return any(re.search(rf"\b{re.escape(w)}$", before) for w in N.RECORD_BEFORE) or \
        (text[a.start - 1:a.start] == "(" and text[b.end:b.end + 1] == ")") or \
        (text[a.start - 2:a.start] == "( " and text[b.end:b.end + 1] == ")")


def find(text: str, *, doc: "Doc | None" = None, sentences: Sequence[Span] = (), published: date | None = None,
         entities: Sequence[Mention] = ()) -> list[Mention]:
    """Every quantity in ``text`` as a Mention(kind="quantity") with a Quantity value.

    Raises CopydeskError E230 when ``text`` is not a string.
    """
    if not isinstance(text, str):
        raise CopydeskError(Code.E230, detail=type(text).__name__)
    doc = doc if doc is not None else parse(text)
    phones = [(p.start(), p.end()) for p in P.PHONE.finditer(text)
              if sum(c.isdigit() for c in p.group()) >= 7 and ("-" in p.group() or "(" in p.group())]
    phones += _not_quantities(text)
    atoms = [a for a in (_atom(text, m) for m in P.ATOM.finditer(text)) if a is not None
             and not any(s <= a.start < e for s, e in phones)]
    out: list[Mention] = []
    i = 0
    while i < len(atoms):
        a = atoms[i]
        b = atoms[i + 1] if i + 1 < len(atoms) else None
        qm = P.QUALIFIER.search(text, max(0, a.start - 40), a.start)
        qword = qm.group("q").lower() if qm else None
        start = qm.start() if qm else a.start
        low: float | None = None
        high: float | None = None
        amount: float | None = a.value
        end, unit, cur = a.end, a.unit, a.currency
        rate = _rate_range(text, a, b) if b is not None else None
        if rate is not None:
            out.append(rate)
            i += 2
            continue
        if b is not None and P.PLUS_MINUS.fullmatch(text, a.end, b.start) and a.unit is None:
            # "9.8 ± 0.2 m": the value with its uncertainty, in the unit written last
            unit, cur, end = b.unit, a.currency or b.currency, b.end
            i += 1
        elif b is not None:
            g = P.RANGE_GAP.fullmatch(text, a.end, b.start)
            gap = g.group().strip() if g else ""
            ok = g is not None and (gap != "and" or qword == "between") and \
                (a.unit is None or b.unit is None or a.unit == b.unit) and \
                (a.currency is None or b.currency is None or a.currency == b.currency) and \
                not (a.unit and b.currency) and not (a.currency and b.unit) and \
                (a.digits or not b.digits) and (gap != "-" or not text[b.start - 1:b.start] == " " or a.unit is None)
            if ok and _is_record(text, a, b):
                i += 2
                continue
            if ok:
                low, high = a.value, b.value
                if a.currency is None and b.currency and b.m.group("scale") and not a.m.group("scale"):
                    low = a.value * (abs(b.value) / max(abs(_digit_value(b.raw) or _word_value(b.raw) or 1), 1e-300))
                unit, cur, amount, end = a.unit or b.unit, a.currency or b.currency, None, b.end
                i += 1
        if low is None and b is not None and unit is None and cur is None and b.unit and a.digits \
                and text[a.end:b.start] in (" and ", " or ", ", "):
            unit = b.unit
        if low is None and qword in ("between", "from"):
            qm, qword, start = None, None, a.start
        qualifier = "range" if low is not None else (N.QUALIFIERS.get(qword) if qword else None)
        if low is None and qualifier is None and (plus := P.PLUS_SUFFIX.match(text, end)):
            qualifier, end = "gt", plus.end()
        per = None
        pm = P.PER.match(text, end) if (unit or cur) else None
        if pm:
            per, end = pm.group("per").lower(), pm.end()
        elif unit is None and (tm := P.TIMES_PER.match(text, end)):
            per, end = tm.group("per").lower(), tm.end()
        elif cur:
            em = P.EACH.match(text, end)
            per = em.group("per").lower() if em else None
        norm_unit = cur or (U.UNITS[unit][1] if unit else None)
        counted = None
        if unit is None and cur is None:
            counted = _counted_from_parse(doc, a.start, a.end, need_of=False)
        elif unit == "%":
            counted = _counted_from_parse(doc, a.start, a.end, need_of=True)
        elif a.hyphen and unit:
            counted = _modified_noun(doc, a.start, a.end)
        q = Quantity(
            amount=amount, low=low, high=high, unit=cur or unit, qualifier=qualifier,
            normalized_amount=_normalize(amount, unit) if not cur else amount,
            normalized_low=_normalize(low, unit) if not cur else low,
            normalized_high=_normalize(high, unit) if not cur else high,
            normalized_unit=norm_unit,
            counted=counted[0] if counted else None, counted_span=counted[1] if counted else None,
            per=per,
        )
        out.append(Mention("quantity", start, end, q))
        i += 1
    return out
